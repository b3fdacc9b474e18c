import {
  DuplicateAccountError, InternalError, InvalidParamsError, LockedError, NoVaultError, NotFoundError, PasskeyError,
  TooManyAttemptsError, VaultCorruptError, VaultExistsError, WeakPasswordError, WrongPasswordError,
} from '../shared/errors';
import { base64ToBytes, bytesToBase64, bytesToHex, equalBytes } from '../shared/encoding';
import type { AccountView, ChainFamily, PasskeyRemovedReason, Settings, WalletState } from '../shared/types';
import { cleanAccountName, createAccountsStore, hdAccountId, importedAccountId, type AccountsState } from './accountsStore';
import type { AlarmScheduler, StorageArea } from './storageArea';
import { createSerialQueue } from './serialQueue';
import { createUnlockThrottle } from './unlockThrottle';
import { DEFAULT_KDF, type KdfParams } from './vault/kdf';
import { Keyring } from './vault/keyring';
import { parseMnemonic } from './vault/mnemonic';
import { parsePrivateKey, solanaSecretToBase58 } from './vault/privateKeys';
import { decodeSecrets, encodeSecrets, type VaultSecrets } from './vault/secrets';
import { openVault, openVaultWithKey, parseVault, sameVault, sealVault, type VaultV1 } from './vault/vaultFormat';
import { parsePasskeyWrap, unwrapVaultKey, wrapVaultKey, type PasskeyWrapV1 } from './vault/passkeyWrap';

export const AUTOLOCK_ALARM = 'meridian-autolock';
export const MIN_PASSWORD_LENGTH = 8;
export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15, defaultWallet: false, appearAsMetaMask: false };

export type WalletDeps = {
  local: StorageArea;
  session: StorageArea;
  alarms: AlarmScheduler;
  now: () => number;
  /** Tells listeners (open popups) that the state changed, e.g. after auto-lock. */
  onChange?: () => void;
  kdf?: KdfParams;
};

/** `vaultIv` names the vault write the key belongs to (every write has a fresh IV). */
type SessionState = { vaultKey: string; lastActivity: number; vaultIv?: string };

/**
 * The wallet core of the background: vault, unlocked session, accounts and settings. Pure: storage, alarms
 * and clock come in as parameters. The in-memory keyring is a cache of what the session key opens, so a
 * killed worker rebuilds it on the next call.
 */
export function createWallet(deps: WalletDeps) {
  const { local, session, alarms, now } = deps;
  const kdf = deps.kdf ?? DEFAULT_KDF;
  const accountsStore = createAccountsStore(local);
  const throttle = createUnlockThrottle(local, now);
  let keyring: Keyring | null = null;
  let loading: Promise<Keyring | null> | null = null;
  /** Bumped by every lock: a keyring load that started before a lock must not bring the keyring back. */
  let lockGeneration = 0;
  /**
   * Changes of the vault and of the account list run one at a time, each from its read to its last write, so two
   * of them (an import and a password change, two imports, an import and a rename) never overwrite each other.
   */
  const exclusive = createSerialQueue();

  const changed = () => deps.onChange?.();

  async function readSettings(): Promise<Settings> {
    return { ...DEFAULT_SETTINGS, ...((await local.get<Partial<Settings>>('settings')) ?? {}) };
  }

  /** The stored vault, parsed; null when there is none. Throws VaultCorruptError; never modifies storage. */
  async function readVault(): Promise<VaultV1 | null> {
    const raw = await local.get('vault');
    return raw === undefined ? null : parseVault(raw);
  }

  async function requireVault(): Promise<VaultV1> {
    const v = await readVault();
    if (!v) throw new NoVaultError('No wallet has been set up yet.');
    return v;
  }

  /**
   * The stored passkey enrolment (`passkey`) and whether it opens `vault`: a wrap of an older vault write (the
   * password changed, a key was imported) is 'stale'. A damaged record reads as none; never modifies storage.
   */
  async function readPasskey(vault: VaultV1): Promise<{ wrap: PasskeyWrapV1; stale: boolean } | null> {
    const raw = await local.get('passkey');
    if (raw === undefined) return null;
    let wrap: PasskeyWrapV1;
    try { wrap = parsePasskeyWrap(raw); } catch { return null; }
    return { wrap, stale: wrap.vaultSalt !== vault.kdf.salt };
  }

  /**
   * A vault write gives the vault a new key, which the stored wrap does not open, and re-wrapping needs the PRF
   * output, which the background never keeps: the enrolment is removed and the reason kept for Settings to show.
   */
  async function dropPasskey(reason: PasskeyRemovedReason): Promise<void> {
    if ((await local.get('passkey')) === undefined) return;
    await local.remove('passkey');
    await local.set({ passkeyRemoved: reason });
  }

  const decodeParam = (value: unknown, what: string): Uint8Array => {
    try { return base64ToBytes(value as string); } catch { throw new InvalidParamsError(`The ${what} is not valid.`); }
  };

  /** Rebuild the keyring from the session key after a worker restart. */
  async function loadKeyring(): Promise<Keyring | null> {
    if (keyring) {
      // The alarm may fire late (e.g. after sleep): an expired session must not be used (or renewed by touch).
      // No session means locked, whatever is still in memory.
      const s = await session.get<SessionState>('session');
      if (!s) { keyring.wipe(); keyring = null; return null; }
      if (s.lastActivity + (await readSettings()).autoLockMinutes * 60_000 > now()) return keyring;
    }
    const generation = lockGeneration;
    loading ??= (async () => {
      const s = await session.get<SessionState>('session');
      if (!s) return null;
      const settings = await readSettings();
      if (s.lastActivity + settings.autoLockMinutes * 60_000 <= now()) {
        await lock();
        return null;
      }
      const vault = await readVault();
      if (!vault) { await session.remove('session'); return null; }
      if (s.vaultIv !== undefined && s.vaultIv !== vault.cipher.iv) {
        // The key of an older vault write (the worker died between writing a new vault and its session):
        // "locked", not "damaged"; the password opens the new vault.
        await session.remove('session');
        return null;
      }
      const plaintext = await openVaultWithKey(vault, base64ToBytes(s.vaultKey));
      const k = await Keyring.fromSecrets(decodeSecrets(plaintext));
      if (generation !== lockGeneration) { k.wipe(); return null; } // locked while this load ran
      keyring = k;
      return keyring;
    })().finally(() => { loading = null; });
    return loading;
  }

  async function requireUnlocked(): Promise<Keyring> {
    const k = await loadKeyring();
    if (!k) throw new LockedError('The wallet is locked.');
    return k;
  }

  /**
   * Password attempts go through the throttle (a growing wait after repeated failures) and run one at a time,
   * so parallel calls cannot slip past it.
   */
  const passwordQueue = createSerialQueue();
  const openWithPassword = (password: unknown) => passwordQueue(() => openWithPasswordNow(password));

  async function openWithPasswordNow(password: unknown): Promise<{ secrets: VaultSecrets; aesKey: Uint8Array; vault: VaultV1 }> {
    if (typeof password !== 'string' || password.length === 0) throw new InvalidParamsError('Enter your password.');
    const vault = await requireVault();
    const wait = await throttle.retryAfterMs();
    if (wait > 0) throw new TooManyAttemptsError(`Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} s.`, { retryAfterMs: wait });
    try {
      const { plaintext, aesKey } = await openVault(vault, password);
      await throttle.reset();
      return { secrets: decodeSecrets(plaintext), aesKey, vault };
    } catch (e) {
      if (e instanceof WrongPasswordError) {
        await throttle.fail();
        const retryAfterMs = await throttle.retryAfterMs();
        throw new WrongPasswordError('Incorrect password.', { retryAfterMs });
      }
      throw e;
    }
  }

  /** `vault` is the stored vault that `aesKey` opens (its IV ties the session to that write). */
  async function startSession(aesKey: Uint8Array, secrets: VaultSecrets, vault: VaultV1): Promise<void> {
    const previous = keyring;
    keyring = await Keyring.fromSecrets(secrets);
    if (previous !== keyring) previous?.wipe();
    await session.set({ session: { vaultKey: bytesToBase64(aesKey), lastActivity: now(), vaultIv: vault.cipher.iv } satisfies SessionState });
    aesKey.fill(0);
    await scheduleAutoLock();
  }

  async function scheduleAutoLock(): Promise<void> {
    const { autoLockMinutes } = await readSettings();
    await alarms.schedule(AUTOLOCK_ALARM, now() + autoLockMinutes * 60_000);
  }

  /**
   * Encrypt with a fresh salt and IV and verify (sealVault: nothing is stored when that fails), then replace and
   * read back. A read-back that differs (or does not parse) puts the previous stored value back exactly as it was
   * and throws InternalError (data.reason 'read-back-mismatch'), so a failed write never costs the old vault.
   */
  async function writeVault(secrets: VaultSecrets, password: string): Promise<{ aesKey: Uint8Array; vault: VaultV1 }> {
    const { vault, aesKey } = await sealVault(encodeSecrets(secrets), password, kdf);
    const previous = await local.get('vault');
    await local.set({ vault });
    let back: VaultV1 | null = null;
    try { back = await readVault(); } catch { back = null; }
    if (!back || !sameVault(back, vault)) {
      aesKey.fill(0);
      if (previous === undefined) await local.remove('vault');
      else await local.set({ vault: previous });
      throw new InternalError('The wallet vault could not be saved (storage read back something else); nothing was changed.',
        { reason: 'read-back-mismatch' });
    }
    return { aesKey, vault };
  }

  function checkNewPassword(password: unknown): string {
    if (typeof password !== 'string' || Array.from(password).length < MIN_PASSWORD_LENGTH) {
      throw new WeakPasswordError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    return password;
  }

  /**
   * Addresses come from the keyring when unlocked (never trust stored addresses for display). A needed write is
   * redone inside the mutation queue with the keyring and list current then, so a sync racing an import cannot
   * drop the account the import just added.
   */
  async function syncAccounts(k: Keyring, state: AccountsState): Promise<AccountsState> {
    const next = syncedAccounts(k, state);
    if (next === state) return state;
    return exclusive(async () => {
      const current = keyring;
      if (!current) return next;
      const fresh = await accountsStore.read();
      const again = syncedAccounts(current, fresh);
      if (again !== fresh) await accountsStore.write(again);
      return again;
    });
  }

  /** The list with addresses from the keyring and accounts it cannot sign for removed; `state` itself when unchanged. */
  function syncedAccounts(k: Keyring, state: AccountsState): AccountsState {
    const accounts = state.accounts.map((a): AccountView => {
      if (a.kind === 'hd' && a.index !== undefined) return { ...a, ...k.hdAddresses(a.index) };
      return a;
    });
    const imported = k.importedAddresses();
    const live = accounts.filter((a) => a.kind === 'hd' || imported.some((i) => (i.family === 'evm' ? a.evm : a.solana) === i.address));
    // A list that lost entries (damaged storage) is rebuilt from the keyring: the first HD account and every imported key.
    if (k.hasSeed && !live.some((a) => a.kind === 'hd')) live.unshift({ id: hdAccountId(0), name: 'Account 1', kind: 'hd', index: 0, ...k.hdAddresses(0) });
    for (const i of imported) {
      if (live.some((a) => a.kind === 'imported' && a[i.family] === i.address)) continue;
      const n = live.filter((a) => a.kind === 'imported').length + 1;
      live.push({ id: importedAccountId(i.family, i.address), name: `Imported ${n}`, kind: 'imported', [i.family]: i.address });
    }
    const next = { accounts: live, selectedId: live.some((a) => a.id === state.selectedId) ? state.selectedId : (live[0]?.id ?? null) };
    const same = next.selectedId === state.selectedId && next.accounts.length === state.accounts.length
      && next.accounts.every((a, i) => a.evm === state.accounts[i]?.evm && a.solana === state.accounts[i]?.solana);
    return same ? state : next;
  }

  async function lock(): Promise<void> {
    lockGeneration++;
    keyring?.wipe(); // zero the seed and key bytes now, not whenever the collector runs
    keyring = null;
    await session.remove('session');
    await alarms.clear(AUTOLOCK_ALARM);
    changed();
  }

  return {
    async getState(): Promise<WalletState> {
      const settings = await readSettings();
      const retryAfterMs = await throttle.retryAfterMs();
      const base = { accounts: [], selectedAccountId: null, settings, retryAfterMs, hasMnemonic: false };
      let vault: VaultV1 | null;
      try { vault = await readVault(); } catch (e) {
        return { ...base, status: 'corrupt', corruptReason: (e as Error).message };
      }
      if (!vault) return { ...base, status: 'uninitialized' };
      const pk = await readPasskey(vault);
      const removed = await local.get<PasskeyRemovedReason>('passkeyRemoved');
      if (pk && !pk.stale) Object.assign(base, { passkey: { credentialId: pk.wrap.credentialId, prfSalt: pk.wrap.prfSalt } });
      else if (pk?.stale || removed) Object.assign(base, { passkeyRemoved: removed ?? 'vault-changed' });
      let k: Keyring | null;
      try { k = await loadKeyring(); } catch (e) {
        if (e instanceof VaultCorruptError) return { ...base, status: 'corrupt', corruptReason: e.message };
        throw e;
      }
      if (!k) return { ...base, status: 'locked' };
      const state = await syncAccounts(k, await accountsStore.read());
      return { ...base, status: 'unlocked', accounts: state.accounts, selectedAccountId: state.selectedId, hasMnemonic: k.hasSeed };
    },

    /**
     * Create or import: the phrase comes from the popup (new phrases are generated there, so no secret ever
     * travels background → popup). Replacing an existing vault requires `replaceExisting`, and the old vault is
     * kept, byte-identical, under `vaultBackups`.
     */
    setupWallet: (p: { phrase: string; password: string; replaceExisting?: boolean }): Promise<void> => exclusive(async () => {
      const { phrase } = parseMnemonic(p.phrase);
      const password = checkNewPassword(p.password);
      const existing = await local.get('vault');
      if (existing !== undefined && !p.replaceExisting) throw new VaultExistsError('A wallet already exists on this device.');
      const secrets: VaultSecrets = { v: 1, mnemonic: phrase, imported: [] };
      if (existing !== undefined) {
        const backups = (await local.get<unknown[]>('vaultBackups')) ?? [];
        await local.set({ vaultBackups: [...backups, { savedAt: now(), vault: existing }] });
      }
      const { aesKey, vault } = await writeVault(secrets, password);
      await local.remove(['passkey', 'passkeyRemoved']); // a new wallet: an enrolment of the replaced one is gone
      const k = await Keyring.fromSecrets(secrets);
      const first = k.hdAddresses(0);
      k.wipe();
      await accountsStore.write({ accounts: [{ id: hdAccountId(0), name: 'Account 1', kind: 'hd', index: 0, ...first }], selectedId: hdAccountId(0) });
      await throttle.reset();
      await startSession(aesKey, secrets, vault);
      changed();
    }),

    async unlock(p: { password: string }): Promise<void> {
      const { secrets, aesKey, vault } = await openWithPassword(p.password);
      await startSession(aesKey, secrets, vault);
      changed();
    },

    lock,

    /** Any popup call while unlocked counts as activity and pushes the auto-lock back. */
    async touch(): Promise<void> {
      const s = await session.get<SessionState>('session');
      if (!s || !(await loadKeyring())) return;
      await session.set({ session: { ...s, lastActivity: now() } });
      await scheduleAutoLock();
    },

    /** The auto-lock alarm fired: lock if the idle time has really passed (else re-arm). */
    async onAutoLockAlarm(): Promise<void> {
      const s = await session.get<SessionState>('session');
      if (!s) return;
      const { autoLockMinutes } = await readSettings();
      if (s.lastActivity + autoLockMinutes * 60_000 <= now()) await lock();
      else await alarms.schedule(AUTOLOCK_ALARM, s.lastActivity + autoLockMinutes * 60_000);
    },

    addAccount: (): Promise<AccountView> => exclusive(async () => {
      const k = await requireUnlocked();
      if (!k.hasSeed) throw new NoVaultError('This wallet has no Secret Recovery Phrase to derive accounts from.');
      const state = await accountsStore.read();
      const hd = state.accounts.filter((a) => a.kind === 'hd');
      const index = hd.reduce((m, a) => Math.max(m, a.index ?? -1), -1) + 1;
      const account: AccountView = { id: hdAccountId(index), name: `Account ${index + 1}`, kind: 'hd', index, ...k.hdAddresses(index) };
      await accountsStore.write({ accounts: [...state.accounts, account], selectedId: account.id });
      changed();
      return account;
    }),

    renameAccount: (p: { id: string; name: string }): Promise<void> => exclusive(async () => {
      await requireUnlocked();
      const name = cleanAccountName(p.name);
      if (!name) throw new InvalidParamsError('An account name has 1 to 40 characters.');
      const state = await accountsStore.read();
      if (!state.accounts.some((a) => a.id === p.id)) throw new NotFoundError('No such account.');
      await accountsStore.write({ ...state, accounts: state.accounts.map((a) => (a.id === p.id ? { ...a, name } : a)) });
      changed();
    }),

    selectAccount: (p: { id: string }): Promise<void> => exclusive(async () => {
      await requireUnlocked();
      const state = await accountsStore.read();
      if (!state.accounts.some((a) => a.id === p.id)) throw new NotFoundError('No such account.');
      await accountsStore.write({ ...state, selectedId: p.id });
      changed();
    }),

    /** Adding a secret rewrites the vault, which needs the password (fresh salt on every write). */
    importPrivateKey: (p: { family: ChainFamily; privateKey: string; password: string; name?: string }): Promise<AccountView> => exclusive(async () => {
      await requireUnlocked();
      const parsed = parsePrivateKey(p.family, p.privateKey);
      const state = await accountsStore.read();
      if (state.accounts.some((a) => a[parsed.family] === parsed.address)) {
        throw new DuplicateAccountError('This account is already in your wallet.', { address: parsed.address });
      }
      const { secrets } = await openWithPassword(p.password);
      const next: VaultSecrets = { ...secrets, imported: [...secrets.imported, { family: parsed.family, secretHex: parsed.secretHex }] };
      const { aesKey, vault } = await writeVault(next, p.password);
      await dropPasskey('key-imported');
      const n = state.accounts.filter((a) => a.kind === 'imported').length + 1;
      const account: AccountView = { id: importedAccountId(parsed.family, parsed.address), name: cleanAccountName(p.name) ?? `Imported ${n}`, kind: 'imported', [parsed.family]: parsed.address };
      // The keyring that can sign for the new account goes in first, then the list that shows it.
      await startSession(aesKey, next, vault);
      await accountsStore.write({ accounts: [...state.accounts, account], selectedId: account.id });
      changed();
      return account;
    }),

    /** The password opens the vault (throttled like unlock); nothing is kept. */
    async checkPassword(password: string): Promise<void> {
      const { aesKey } = await openWithPassword(password);
      aesKey.fill(0);
    },

    async revealPhrase(p: { password: string }): Promise<{ phrase: string }> {
      const { secrets } = await openWithPassword(p.password);
      if (!secrets.mnemonic) throw new NotFoundError('This wallet has no Secret Recovery Phrase.');
      return { phrase: secrets.mnemonic };
    },

    async exportPrivateKey(p: { accountId: string; family: ChainFamily; password: string }): Promise<{ privateKey: string }> {
      const { secrets } = await openWithPassword(p.password);
      const account = (await accountsStore.read()).accounts.find((a) => a.id === p.accountId);
      if (!account || !account[p.family]) throw new NotFoundError('No such account.');
      const k = await Keyring.fromSecrets(secrets);
      const key = k.privateKey(p.family, account.kind === 'hd' ? { hdIndex: account.index ?? 0 } : { address: account[p.family]! });
      k.wipe();
      const hex = bytesToHex(key);
      key.fill(0);
      return { privateKey: p.family === 'evm' ? `0x${hex}` : solanaSecretToBase58(hex) };
    },

    changePassword: (p: { oldPassword: string; newPassword: string }): Promise<void> => exclusive(async () => {
      const newPassword = checkNewPassword(p.newPassword);
      const { secrets } = await openWithPassword(p.oldPassword);
      const { aesKey, vault } = await writeVault(secrets, newPassword);
      await dropPasskey('password-changed');
      await startSession(aesKey, secrets, vault);
      changed();
    }),

    /**
     * Passkey enrolment (Settings, unlocked): the password opens the vault (throttled like unlock), and the vault key
     * is wrapped under the PRF output the popup computed. Only the wrap, the credential id and the salts are stored.
     */
    enrolPasskey: (p: { password: string; credentialId: string; prfSalt: string; prf: string }): Promise<void> => exclusive(async () => {
      await requireUnlocked();
      const prf = decodeParam(p.prf, 'passkey output');
      const credentialId = decodeParam(p.credentialId, 'passkey credential id');
      const prfSalt = decodeParam(p.prfSalt, 'passkey salt');
      try {
        const { aesKey, vault } = await openWithPassword(p.password);
        try {
          const wrap = await wrapVaultKey({ prf, prfSalt, credentialId, vaultSalt: vault.kdf.salt, aesKey });
          await local.set({ passkey: wrap });
          await local.remove('passkeyRemoved');
        } finally {
          aesKey.fill(0);
        }
      } finally {
        prf.fill(0);
      }
      changed();
    }),

    /**
     * Unlock with the PRF output of the enrolled passkey: unwrap the vault key, open the vault with it, and start the
     * same session a password unlock starts. A PRF output that does not unwrap counts as a wrong password (throttle).
     */
    unlockWithPasskey: (p: { credentialId: string; prf: string }): Promise<void> => passwordQueue(async () => {
      const prf = decodeParam(p.prf, 'passkey output');
      try {
        const vault = await requireVault();
        const pk = await readPasskey(vault);
        if (!pk) throw new PasskeyError('No passkey is set up for this wallet. Use your password.', { reason: 'not-enrolled' });
        if (pk.stale) throw new PasskeyError('The passkey no longer opens this wallet (the vault was re-encrypted). Use your password.', { reason: 'stale' });
        if (!equalBytes(decodeParam(p.credentialId, 'passkey credential id'), base64ToBytes(pk.wrap.credentialId))) {
          throw new PasskeyError('This is not the passkey set up for this wallet. Use your password.', { reason: 'not-enrolled' });
        }
        const wait = await throttle.retryAfterMs();
        if (wait > 0) throw new TooManyAttemptsError(`Too many failed attempts. Try again in ${Math.ceil(wait / 1000)} s.`, { retryAfterMs: wait });
        let aesKey: Uint8Array;
        try {
          aesKey = await unwrapVaultKey(pk.wrap, prf);
        } catch (e) {
          if (!(e instanceof PasskeyError)) throw e;
          await throttle.fail();
          throw new PasskeyError(e.message, { reason: 'no-match', retryAfterMs: await throttle.retryAfterMs() });
        }
        const plaintext = await openVaultWithKey(vault, aesKey).catch((e: unknown) => { aesKey.fill(0); throw e; });
        await throttle.reset();
        await startSession(aesKey, decodeSecrets(plaintext), vault);
        plaintext.fill(0);
      } finally {
        prf.fill(0);
      }
      changed();
    }),

    /** Settings: forget the passkey (its wrap is deleted; the authenticator keeps an unused credential). */
    removePasskey: (): Promise<void> => exclusive(async () => {
      await requireUnlocked();
      await local.remove(['passkey', 'passkeyRemoved']);
      changed();
    }),

    async updateSettings(p: Partial<Settings>): Promise<Settings> {
      const next = { ...(await readSettings()), ...p };
      await local.set({ settings: next });
      if (await loadKeyring()) await scheduleAutoLock();
      changed();
      return next;
    },

    /** Public addresses of one family, in account order (unlocked only). */
    async addresses(family: ChainFamily): Promise<{ addresses: string[]; selected: string | null }> {
      const k = await requireUnlocked();
      const state = await syncAccounts(k, await accountsStore.read());
      const addresses = state.accounts.map((a) => a[family]).filter((a): a is string => !!a);
      const sel = state.accounts.find((a) => a.id === state.selectedId)?.[family] ?? addresses[0] ?? null;
      return { addresses, selected: sel };
    },

    /** The public account list as stored (no unlock needed, nothing secret): what the wallet knows while locked. */
    async knownAddresses(family: ChainFamily): Promise<{ addresses: string[]; selected: string | null }> {
      const state = await accountsStore.read();
      const addresses = state.accounts.map((a) => a[family]).filter((a): a is string => !!a);
      return { addresses, selected: state.accounts.find((a) => a.id === state.selectedId)?.[family] ?? addresses[0] ?? null };
    },

    async isUnlocked(): Promise<boolean> {
      return (await loadKeyring()) !== null;
    },

    /**
     * Raw private key bytes for a signer inside the background (never returned to any caller outside it).
     * The caller must zero them after use.
     */
    async privateKeyFor(family: ChainFamily, address: string): Promise<Uint8Array> {
      const k = await requireUnlocked();
      const account = (await accountsStore.read()).accounts.find((a) => a[family] === address);
      if (!account) throw new NotFoundError('No such account.');
      return k.privateKey(family, account.kind === 'hd' ? { hdIndex: account.index ?? 0 } : { address });
    },

    requireUnlocked,
  };
}

export type Wallet = ReturnType<typeof createWallet>;
