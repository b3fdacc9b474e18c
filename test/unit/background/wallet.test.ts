import bs58 from 'bs58';
import { describe, expect, it, vi } from 'vitest';
import {
  DuplicateAccountError, InvalidMnemonicError, InvalidParamsError, InvalidPrivateKeyError, LockedError, MeridianError,
  NotFoundError, TooManyAttemptsError, VaultCorruptError, VaultExistsError, WeakPasswordError, WrongPasswordError,
} from '../../../src/shared/errors';
import { deriveVaultKeys } from '../../../src/background/vault/kdf';
import { createMemoryStorage, type AlarmScheduler } from '../../../src/background/storageArea';
import { AUTOLOCK_ALARM, DEFAULT_SETTINGS, createWallet, type Wallet } from '../../../src/background/wallet';
import type { VaultV1 } from '../../../src/background/vault/vaultFormat';
import { caught } from '../helpers/errors';
import { expectNoSecrets, keyNeedles, phraseNeedles } from '../../fixtures/secretScan';
import {
  GENERATED_MNEMONIC, KNOWN, TEST_MNEMONIC, evmAccounts, solanaAccounts, unhex,
} from '../helpers/vectors';

// Count real Argon2id runs (the spy calls through to hash-wasm).
vi.mock('../../../src/background/vault/kdf', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../src/background/vault/kdf')>();
  return { ...mod, deriveVaultKeys: vi.fn(mod.deriveVaultKeys) };
});
const kdfRuns = () => vi.mocked(deriveVaultKeys).mock.calls.length;

const PASSWORD = 'Meridian-Pa55word!';
const NEW_PASSWORD = 'An0ther-Pa55phrase?';
const WRONG = 'Wrong-Pa55word-9';
const MIN = 60_000;
const T0 = 1_750_000_000_000;

const MNEMONIC = GENERATED_MNEMONIC; // the wallet's phrase (24 words)
const hdEvm = evmAccounts(KNOWN.genEvm);
const hdSol = solanaAccounts(KNOWN.genSolana);
const hh0 = evmAccounts(KNOWN.testEvm)[0]!; // imported EVM key (Hardhat account 0)
const sol0 = solanaAccounts(KNOWN.testSolana)[0]!; // imported Solana key
const sol1 = solanaAccounts(KNOWN.testSolana)[1]!;

/** Everything that must never reach storage (or a non-secret result). */
const NEEDLES = [
  ...phraseNeedles(MNEMONIC), ...phraseNeedles(TEST_MNEMONIC),
  ...[...hdEvm, ...evmAccounts(KNOWN.testEvm)].flatMap((a) => keyNeedles(a.private_key)),
  ...[...hdSol, ...solanaAccounts(KNOWN.testSolana)].flatMap((a) => [...keyNeedles(a.private_key_seed_hex), a.secret_key_64_base58]),
  PASSWORD, NEW_PASSWORD, WRONG,
];
const SECRET_RESULTS = new Set(['revealPhrase', 'exportPrivateKey']);

type AlarmCall = ['schedule', string, number] | ['clear', string];

function makeEnv() {
  const local = createMemoryStorage();
  const session = createMemoryStorage();
  const clock = { t: T0 };
  const alarmLog: AlarmCall[] = [];
  const alarms: AlarmScheduler = {
    async schedule(name, whenMs) { alarmLog.push(['schedule', name, whenMs]); },
    async clear(name) { alarmLog.push(['clear', name]); },
  };
  let changes = 0;
  const check = (label: string) => {
    expectNoSecrets(`${label}: local`, JSON.stringify(local.dump()), NEEDLES);
    expectNoSecrets(`${label}: session`, JSON.stringify(session.dump()), NEEDLES);
  };
  /** A wallet (a fresh "worker"); after every call, storage is scanned for secrets, and so is any non-secret result or error. */
  const start = (): Wallet => {
    const w = createWallet({ local, session, alarms, now: () => clock.t, onChange: () => { changes++; } });
    return new Proxy(w, {
      get(target, prop, receiver) {
        const f = Reflect.get(target, prop, receiver) as unknown;
        if (typeof f !== 'function') return f;
        return async (...args: unknown[]) => {
          try {
            const r = await (f as (...a: unknown[]) => Promise<unknown>)(...args);
            if (!SECRET_RESULTS.has(String(prop))) expectNoSecrets(`${String(prop)} result`, JSON.stringify(r ?? null), NEEDLES);
            return r;
          } catch (e) {
            if (e instanceof MeridianError) expectNoSecrets(`${String(prop)} error`, `${e.message} ${JSON.stringify(e.data ?? null)}`, NEEDLES);
            throw e;
          } finally {
            check(String(prop));
          }
        };
      },
    });
  };
  const localJson = () => JSON.stringify(local.dump());
  const withoutThrottle = () => { const { unlockThrottle: _t, ...rest } = local.dump(); return JSON.stringify(rest); };
  const storedVault = () => local.dump().vault as VaultV1;
  return { local, session, clock, alarmLog, alarms, start, check, localJson, withoutThrottle, storedVault, changes: () => changes };
}

async function setUp(phrase = MNEMONIC) {
  const env = makeEnv();
  const wallet = env.start();
  await wallet.setupWallet({ phrase, password: PASSWORD });
  return { ...env, wallet };
}

const account1 = { id: 'hd:0', name: 'Account 1', kind: 'hd', index: 0, evm: hdEvm[0]!.address, solana: hdSol[0]!.address };

describe('setup, lock, unlock', () => {
  it('setup → unlocked with Account 1 at the known addresses; lock; wrong and right password', async () => {
    const env = makeEnv();
    const w = env.start();
    expect((await w.getState()).status).toBe('uninitialized');
    expect(env.localJson()).toBe('{}');

    await w.setupWallet({ phrase: `  ${MNEMONIC.toUpperCase().replace(/ /g, '\n')} `, password: PASSWORD });
    const s = await w.getState();
    expect(s).toEqual({
      status: 'unlocked', accounts: [account1], selectedAccountId: 'hd:0', settings: DEFAULT_SETTINGS,
      retryAfterMs: 0, hasMnemonic: true,
    });
    expect(Object.keys(env.local.dump()).sort()).toEqual(['accounts', 'vault']);
    expect(env.session.dump()).toEqual({ session: { vaultKey: expect.any(String), lastActivity: T0, vaultIv: (env.storedVault() as { cipher: { iv: string } }).cipher.iv } });
    expect(env.alarmLog).toContainEqual(['schedule', AUTOLOCK_ALARM, T0 + 15 * MIN]);
    expect(env.changes()).toBeGreaterThan(0);

    await w.lock();
    expect(env.session.dump()).toEqual({});
    expect('session' in env.session.dump()).toBe(false);
    expect(env.alarmLog.at(-1)).toEqual(['clear', AUTOLOCK_ALARM]);
    expect(await w.getState()).toMatchObject({ status: 'locked', accounts: [], selectedAccountId: null });
    await expect(w.addAccount()).rejects.toBeInstanceOf(LockedError);

    const before = env.localJson();
    const e = await caught(() => w.unlock({ password: WRONG }));
    expect(e).toBeInstanceOf(WrongPasswordError);
    expect(e.code).toBe(1001);
    expect(e.data).toEqual({ retryAfterMs: 0 });
    // The vault, accounts and settings are byte-identical; only the persisted failure counter was added.
    const { unlockThrottle, ...rest } = env.local.dump();
    expect(JSON.stringify(rest)).toBe(before);
    expect(unlockThrottle).toEqual({ failures: 1, lastFailureAt: T0 });
    expect(env.session.dump()).toEqual({});
    expect((await w.getState()).status).toBe('locked');

    await w.unlock({ password: PASSWORD });
    expect(await w.getState()).toMatchObject({ status: 'unlocked', accounts: [account1], retryAfterMs: 0 });
    expect(env.local.dump().unlockThrottle).toBeUndefined();
  });

  it('a NFD/NFC or full-width variant of the password unlocks (NFKC)', async () => {
    const env = makeEnv();
    const w = env.start();
    await w.setupWallet({ phrase: MNEMONIC, password: 'Caf\u00e9-Pa55word' });
    await w.lock();
    await w.unlock({ password: 'Cafe\u0301-Pa55word' });
    expect((await w.getState()).status).toBe('unlocked');
  });

  it('after 3 failures the 4th attempt within the delay → TooManyAttemptsError 1005 (no KDF run); after the delay it works', async () => {
    const env = await setUp();
    const w = env.wallet;
    await w.lock();
    const retry: unknown[] = [];
    for (let i = 0; i < 3; i++) retry.push((await caught(() => w.unlock({ password: WRONG }))).data);
    expect(retry).toEqual([{ retryAfterMs: 0 }, { retryAfterMs: 0 }, { retryAfterMs: 1000 }]);

    const runs = kdfRuns();
    const e = await caught(() => w.unlock({ password: PASSWORD }));
    expect(e).toBeInstanceOf(TooManyAttemptsError);
    expect(e.code).toBe(1005);
    expect(e.data).toEqual({ retryAfterMs: 1000 });
    expect(kdfRuns()).toBe(runs);
    expect((await w.getState()).retryAfterMs).toBe(1000);

    env.clock.t += 999;
    expect((await caught(() => w.unlock({ password: PASSWORD }))).data).toEqual({ retryAfterMs: 1 });
    // a restarted worker keeps the delay (it is persisted)
    expect((await caught(() => env.start().unlock({ password: PASSWORD }))).code).toBe(1005);
    expect(kdfRuns()).toBe(runs);

    env.clock.t += 1;
    await w.unlock({ password: PASSWORD });
    expect(await w.getState()).toMatchObject({ status: 'unlocked', retryAfterMs: 0 });
    expect(env.local.dump().unlockThrottle).toBeUndefined();
  });

  it('the delay grows: the 4th wrong password after the wait asks for 2 s', async () => {
    const env = await setUp();
    await env.wallet.lock();
    for (let i = 0; i < 3; i++) await caught(() => env.wallet.unlock({ password: WRONG }));
    env.clock.t += 1000;
    expect((await caught(() => env.wallet.unlock({ password: WRONG }))).data).toEqual({ retryAfterMs: 2000 });
  });

  it('a restarted worker is still unlocked and shows the same accounts, without a password (no KDF run)', async () => {
    const env = await setUp();
    await env.wallet.addAccount();
    const state = await env.wallet.getState();
    const runs = kdfRuns();
    const w2 = env.start();
    expect(await w2.getState()).toEqual(state);
    expect(state.accounts.map((a) => a.evm)).toEqual([hdEvm[0]!.address, hdEvm[1]!.address]);
    expect(kdfRuns()).toBe(runs);
  });

  it('empty or non-string password → -32602 before any KDF run', async () => {
    const env = await setUp();
    await env.wallet.lock();
    const runs = kdfRuns();
    expect((await caught(() => env.wallet.unlock({ password: '' }))).code).toBe(-32602);
    expect(kdfRuns()).toBe(runs);
  });
});

describe('auto-lock', () => {
  it('the alarm before the idle time re-arms; touch pushes it back; after the idle time it locks', async () => {
    const env = await setUp();
    const w = env.wallet;
    env.clock.t = T0 + 10 * MIN;
    await w.onAutoLockAlarm();
    expect((await w.getState()).status).toBe('unlocked');
    expect(env.alarmLog.at(-1)).toEqual(['schedule', AUTOLOCK_ALARM, T0 + 15 * MIN]);

    await w.touch();
    expect(env.session.dump()).toMatchObject({ session: { lastActivity: T0 + 10 * MIN } });
    expect(env.alarmLog.at(-1)).toEqual(['schedule', AUTOLOCK_ALARM, T0 + 25 * MIN]);

    env.clock.t = T0 + 20 * MIN;
    await w.onAutoLockAlarm(); // an early (stale) alarm
    expect((await w.getState()).status).toBe('unlocked');

    env.clock.t = T0 + 25 * MIN;
    await w.onAutoLockAlarm();
    expect(env.session.dump()).toEqual({});
    expect(env.alarmLog.at(-1)).toEqual(['clear', AUTOLOCK_ALARM]);
    expect((await w.getState()).status).toBe('locked');
  });

  it('loading the session after the idle time (restarted worker) locks', async () => {
    const env = await setUp();
    env.clock.t = T0 + 15 * MIN;
    const w2 = env.start();
    expect((await w2.getState()).status).toBe('locked');
    expect(env.session.dump()).toEqual({});
    expect(env.alarmLog.at(-1)).toEqual(['clear', AUTOLOCK_ALARM]);
  });

  it('a late alarm: the same worker locks at use time, and touch does not renew an expired session', async () => {
    const env = await setUp();
    env.clock.t = T0 + 16 * MIN;
    await env.wallet.touch();
    expect(env.session.dump()).toEqual({});
    expect((await env.wallet.getState()).status).toBe('locked');
    await expect(env.wallet.requireUnlocked()).rejects.toBeInstanceOf(LockedError);
  });

  it('just before the idle time the same worker is still unlocked', async () => {
    const env = await setUp();
    env.clock.t = T0 + 15 * MIN - 1;
    expect((await env.wallet.getState()).status).toBe('unlocked');
  });

  it('updateSettings changes the idle time and re-arms', async () => {
    const env = await setUp();
    env.clock.t = T0 + MIN;
    expect(await env.wallet.updateSettings({ autoLockMinutes: 5 })).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 5 });
    expect(env.alarmLog.at(-1)).toEqual(['schedule', AUTOLOCK_ALARM, T0 + 6 * MIN]);
    env.clock.t = T0 + 5 * MIN; // 5 min after the last activity (T0)
    await env.wallet.onAutoLockAlarm();
    expect((await env.wallet.getState()).status).toBe('locked');
  });
});

describe('accounts', () => {
  it('addAccount gives Account 2..5 at indexes 1..4 with the known EVM and Solana addresses', async () => {
    const env = await setUp();
    const a2 = await env.wallet.addAccount();
    expect(a2).toEqual({ id: 'hd:1', name: 'Account 2', kind: 'hd', index: 1, evm: hdEvm[1]!.address, solana: hdSol[1]!.address });
    expect((await env.wallet.getState()).selectedAccountId).toBe('hd:1');
    for (let i = 2; i <= 4; i++) {
      expect(await env.wallet.addAccount()).toEqual({ id: `hd:${i}`, name: `Account ${i + 1}`, kind: 'hd', index: i, evm: hdEvm[i]!.address, solana: hdSol[i]!.address });
    }
    expect((await env.start().getState()).accounts.map((a) => [a.evm, a.solana]))
      .toEqual(hdEvm.slice(0, 5).map((a, i) => [a.address, hdSol[i]!.address]));
  });

  it('renameAccount: trims, accepts 40 characters and CJK; rejects empty / 41 chars / control chars with -32602, unchanged', async () => {
    const env = await setUp();
    const w = env.wallet;
    await w.renameAccount({ id: 'hd:0', name: '  Savings  ' });
    expect((await w.getState()).accounts[0]!.name).toBe('Savings');
    await w.renameAccount({ id: 'hd:0', name: '我的主账户' });
    expect((await w.getState()).accounts[0]!.name).toBe('我的主账户');
    await w.renameAccount({ id: 'hd:0', name: 'x'.repeat(40) });
    expect((await w.getState()).accounts[0]!.name).toBe('x'.repeat(40));

    const before = env.localJson();
    for (const name of ['', '   ', 'y'.repeat(41), 'a\u0000b', 'tab\there', 'line\nbreak', 'del\u007f', 'c1\u0085']) {
      const e = await caught(() => w.renameAccount({ id: 'hd:0', name }));
      expect(e).toBeInstanceOf(InvalidParamsError);
      expect(e.code).toBe(-32602);
      expect(env.localJson()).toBe(before);
    }
    const nf = await caught(() => w.renameAccount({ id: 'hd:7', name: 'Nope' }));
    expect(nf).toBeInstanceOf(NotFoundError);
    expect(nf.code).toBe(1010);
    expect(env.localJson()).toBe(before);
  });
});

describe('importPrivateKey', () => {
  it('EVM and Solana keys with the password; wrong password and duplicates change nothing; export returns the exact keys', async () => {
    const env = await setUp();
    const w = env.wallet;
    const salt0 = env.storedVault().kdf.salt;

    // wrong password: rejected, vault and accounts unchanged
    let before = env.localJson();
    const wrong = await caught(() => w.importPrivateKey({ family: 'evm', privateKey: hh0.private_key, password: WRONG }));
    expect(wrong).toBeInstanceOf(WrongPasswordError);
    expect(env.withoutThrottle()).toBe(before);
    expect((await w.getState()).accounts).toEqual([account1]);

    const evm = await w.importPrivateKey({ family: 'evm', privateKey: hh0.private_key, password: PASSWORD });
    expect(evm).toEqual({ id: `imported:evm:${hh0.address}`, name: 'Imported 1', kind: 'imported', evm: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' });
    expect(env.storedVault().kdf.salt).not.toBe(salt0);
    expect(env.local.dump().unlockThrottle).toBeUndefined();

    const sol = await w.importPrivateKey({ family: 'solana', privateKey: sol0.secret_key_64_base58, password: PASSWORD, name: 'Phantom key' });
    expect(sol).toEqual({ id: `imported:solana:${sol0.address}`, name: 'Phantom key', kind: 'imported', solana: 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96' });
    const state = await w.getState();
    expect(state.accounts).toEqual([account1, evm, sol]);
    expect(state.selectedAccountId).toBe(sol.id);

    // duplicates: same key in other spellings, and the wallet's own HD key → 1009, nothing changes, no KDF run
    before = env.localJson();
    const runs = kdfRuns();
    for (const [family, privateKey, address] of [
      ['evm', hh0.private_key.slice(2).toUpperCase(), hh0.address],
      ['evm', hdEvm[0]!.private_key, hdEvm[0]!.address],
      ['solana', JSON.stringify(Array.from(bs58.decode(sol0.secret_key_64_base58))), sol0.address],
    ] as const) {
      const e = await caught(() => w.importPrivateKey({ family, privateKey, password: PASSWORD }));
      expect(e).toBeInstanceOf(DuplicateAccountError);
      expect(e.code).toBe(1009);
      expect(e.data).toEqual({ address });
    }
    expect(env.localJson()).toBe(before);
    expect(kdfRuns()).toBe(runs);

    // a restarted worker shows the imported accounts
    expect((await env.start().getState()).accounts).toEqual([account1, evm, sol]);

    // password-gated export of imported keys
    expect(await w.exportPrivateKey({ accountId: evm.id, family: 'evm', password: PASSWORD })).toEqual({ privateKey: hh0.private_key });
    expect(await w.exportPrivateKey({ accountId: sol.id, family: 'solana', password: PASSWORD })).toEqual({ privateKey: sol0.secret_key_64_base58 });
    expect((await caught(() => w.exportPrivateKey({ accountId: sol.id, family: 'evm', password: PASSWORD }))).code).toBe(1010);
  });

  it('every invalid key is rejected through the wallet with 1004 and its reason; nothing stored, no KDF run', async () => {
    const env = await setUp();
    const w = env.wallet;
    const N = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';
    const hh = hh0.private_key.slice(2);
    const solBytes = Array.from(bs58.decode(sol0.secret_key_64_base58));
    const mixed = new Uint8Array(64);
    mixed.set(unhex(sol0.private_key_seed_hex));
    mixed.set(unhex(sol1.public_key_hex), 32);
    const cases = [
      ['evm', `0x${hh.slice(0, 63)}g`, 'not-hex'],
      ['evm', hh.slice(0, 63), 'length'],
      ['evm', `${hh}0`, 'length'],
      ['evm', '0'.repeat(64), 'range'],
      ['evm', N, 'range'],
      ['solana', `${sol0.secret_key_64_base58.slice(0, 30)}O${sol0.secret_key_64_base58.slice(31)}`, 'not-base58'],
      ['solana', bs58.encode(unhex(sol0.private_key_seed_hex)), 'length'],
      ['solana', bs58.encode(mixed), 'mismatch'],
      ['solana', JSON.stringify([300, ...solBytes.slice(1)]), 'json'],
      ['solana', JSON.stringify([...solBytes.slice(0, 63), -1]), 'json'],
    ] as const;
    const before = env.localJson();
    const sessionBefore = JSON.stringify(env.session.dump());
    const runs = kdfRuns();
    for (const [family, privateKey, reason] of cases) {
      const e = await caught(() => w.importPrivateKey({ family, privateKey, password: PASSWORD }));
      expect(e).toBeInstanceOf(InvalidPrivateKeyError);
      expect([e.code, (e.data as { reason: string }).reason]).toEqual([1004, reason]);
      expect(e.message.toLowerCase()).not.toContain(privateKey.replace(/^0x/, '').slice(0, 20).toLowerCase());
    }
    expect(env.localJson()).toBe(before);
    expect(JSON.stringify(env.session.dump())).toBe(sessionBefore);
    expect(kdfRuns()).toBe(runs);
    expect((await w.getState()).accounts).toEqual([account1]);
  });
});

describe('concurrent changes and worker restarts', () => {
  it('two imports at once both land in the vault and in the list', async () => {
    const env = await setUp();
    const [evm, sol] = await Promise.all([
      env.wallet.importPrivateKey({ family: 'evm', privateKey: hh0.private_key, password: PASSWORD }),
      env.wallet.importPrivateKey({ family: 'solana', privateKey: sol0.secret_key_64_base58, password: PASSWORD }),
    ]);
    const fresh = env.start(); // a restarted worker reads only storage
    expect((await fresh.getState()).accounts.map((a) => a.id)).toEqual([account1.id, evm.id, sol.id]);
    expect(await fresh.exportPrivateKey({ accountId: evm.id, family: 'evm', password: PASSWORD })).toEqual({ privateKey: hh0.private_key });
    expect(await fresh.exportPrivateKey({ accountId: sol.id, family: 'solana', password: PASSWORD })).toEqual({ privateKey: sol0.secret_key_64_base58 });
  });

  it('a password change and an import at once: the new password opens a vault that has the imported key', async () => {
    const env = await setUp();
    const [, evm] = await Promise.all([
      env.wallet.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      env.wallet.importPrivateKey({ family: 'evm', privateKey: hh0.private_key, password: PASSWORD }).catch((e: unknown) => e),
    ]);
    const fresh = env.start();
    await fresh.lock();
    expect(await caught(() => fresh.unlock({ password: PASSWORD }))).toBeInstanceOf(WrongPasswordError);
    await fresh.unlock({ password: NEW_PASSWORD });
    // The import ran after the change, so it was asked with the old password and refused, changing nothing.
    expect(evm).toBeInstanceOf(WrongPasswordError);
    expect((await fresh.getState()).accounts).toEqual([account1]);
    const again = await fresh.importPrivateKey({ family: 'evm', privateKey: hh0.private_key, password: NEW_PASSWORD });
    expect((await env.start().getState()).accounts.map((a) => a.id)).toEqual([account1.id, again.id]);
  });

  it('Lock while a restarted worker is still loading the keyring leaves it locked', async () => {
    const env = await setUp();
    const fresh = env.start();
    // Lock exactly after the load has read the session key, while it decrypts and derives.
    const sessionRead = new Promise<void>((resolve) => {
      const get = env.session.get.bind(env.session);
      env.session.get = (async (key: string) => { const v = await get(key); resolve(); return v; }) as typeof env.session.get;
    });
    const loading = fresh.isUnlocked();
    await sessionRead;
    await fresh.lock();
    await loading;
    expect(await fresh.isUnlocked()).toBe(false);
    expect((await fresh.getState()).status).toBe('locked');
    expect(env.session.dump()).toEqual({});
  });

  it('a session key of an older vault write (worker died between vault and session) means locked, not damaged', async () => {
    const env = await setUp();
    const oldSession = env.session.dump();
    await env.wallet.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    const vaultAfter = env.localJson();
    await env.session.set(oldSession as Record<string, unknown>);
    const fresh = env.start();
    expect((await fresh.getState()).status).toBe('locked');
    expect(env.localJson()).toBe(vaultAfter);
    await fresh.unlock({ password: NEW_PASSWORD });
    expect((await fresh.getState()).status).toBe('unlocked');
  });
});

describe('password-gated secrets', () => {
  it('revealPhrase returns the exact phrase; wrong password → 1001', async () => {
    const env = await setUp(` ${MNEMONIC.replace(/ /g, '  ')}\n`);
    expect(await env.wallet.revealPhrase({ password: PASSWORD })).toEqual({ phrase: MNEMONIC });
    expect((await caught(() => env.wallet.revealPhrase({ password: WRONG }))).code).toBe(1001);
  });

  it('exportPrivateKey: HD EVM and Solana keys equal the vectors; wrong password 1001; unknown account 1010', async () => {
    const env = await setUp();
    await env.wallet.addAccount();
    const w = env.wallet;
    expect(await w.exportPrivateKey({ accountId: 'hd:0', family: 'evm', password: PASSWORD })).toEqual({ privateKey: hdEvm[0]!.private_key });
    expect(await w.exportPrivateKey({ accountId: 'hd:0', family: 'solana', password: PASSWORD })).toEqual({ privateKey: hdSol[0]!.secret_key_64_base58 });
    expect(await w.exportPrivateKey({ accountId: 'hd:1', family: 'evm', password: PASSWORD })).toEqual({ privateKey: hdEvm[1]!.private_key });
    expect(await w.exportPrivateKey({ accountId: 'hd:1', family: 'solana', password: PASSWORD })).toEqual({ privateKey: hdSol[1]!.secret_key_64_base58 });
    expect((await caught(() => w.exportPrivateKey({ accountId: 'hd:0', family: 'evm', password: WRONG }))).code).toBe(1001);
    expect((await caught(() => w.exportPrivateKey({ accountId: 'hd:9', family: 'evm', password: PASSWORD }))).code).toBe(1010);
  });

  it('changePassword: new salt, old password stops working, new one works; weak or wrong old password changes nothing', async () => {
    const env = await setUp();
    const w = env.wallet;
    const old = env.storedVault();

    let before = env.localJson();
    const weak = await caught(() => w.changePassword({ oldPassword: PASSWORD, newPassword: 'short' }));
    expect(weak).toBeInstanceOf(WeakPasswordError);
    expect(weak.code).toBe(1008);
    expect(env.localJson()).toBe(before);
    const wrongOld = await caught(() => w.changePassword({ oldPassword: WRONG, newPassword: NEW_PASSWORD }));
    expect(wrongOld.code).toBe(1001);
    expect(env.withoutThrottle()).toBe(before);

    await w.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    const now = env.storedVault();
    expect(now.kdf.salt).not.toBe(old.kdf.salt);
    expect(now.cipher.iv).not.toBe(old.cipher.iv);
    expect((await w.getState()).status).toBe('unlocked');

    await w.lock();
    before = env.localJson();
    expect((await caught(() => w.unlock({ password: PASSWORD }))).code).toBe(1001);
    await w.unlock({ password: NEW_PASSWORD });
    expect(await w.getState()).toMatchObject({ status: 'unlocked', accounts: [account1] });
    expect(await w.revealPhrase({ password: NEW_PASSWORD })).toEqual({ phrase: MNEMONIC });
    expect(JSON.stringify(env.storedVault())).toBe(JSON.stringify(now));
    expect(before).toContain(now.ciphertext);
  });
});

describe('setupWallet over an existing vault', () => {
  it('without replaceExisting → VaultExistsError 1007 and nothing changes', async () => {
    const env = await setUp();
    const before = env.localJson();
    const e = await caught(() => env.wallet.setupWallet({ phrase: TEST_MNEMONIC, password: PASSWORD }));
    expect(e).toBeInstanceOf(VaultExistsError);
    expect(e.code).toBe(1007);
    expect(env.localJson()).toBe(before);
  });

  it('with replaceExisting → the old vault is kept byte-identical in vaultBackups; the new wallet is the new phrase', async () => {
    const env = await setUp();
    const oldJson = JSON.stringify(env.storedVault());
    env.clock.t = T0 + 5000;
    await env.wallet.setupWallet({ phrase: TEST_MNEMONIC, password: NEW_PASSWORD, replaceExisting: true });
    const backups = env.local.dump().vaultBackups as Array<{ savedAt: number; vault: unknown }>;
    expect(backups).toHaveLength(1);
    expect(backups[0]!.savedAt).toBe(T0 + 5000);
    expect(JSON.stringify(backups[0]!.vault)).toBe(oldJson);
    expect(JSON.stringify(env.storedVault())).not.toBe(oldJson);
    expect((await env.wallet.getState()).accounts).toEqual([{
      id: 'hd:0', name: 'Account 1', kind: 'hd', index: 0, evm: hh0.address, solana: sol0.address,
    }]);
    expect(await env.wallet.revealPhrase({ password: NEW_PASSWORD })).toEqual({ phrase: TEST_MNEMONIC });
  });
});

describe('a damaged stored vault', () => {
  it('tampered header → status corrupt; unlock → VaultCorruptError 1002 with no KDF run; the stored vault is untouched', async () => {
    const env = await setUp();
    await env.wallet.lock();
    const tampered = { ...env.storedVault(), kdf: { ...env.storedVault().kdf, iterations: 4 } };
    await env.local.set({ vault: tampered });
    const before = env.localJson();
    const w = env.start();
    const s = await w.getState();
    expect(s.status).toBe('corrupt');
    expect(s.corruptReason).toBe('The stored wallet vault is damaged (header digest mismatch).');
    const runs = kdfRuns();
    const e = await caught(() => w.unlock({ password: PASSWORD }));
    expect(e).toBeInstanceOf(VaultCorruptError);
    expect([e.code, e.data]).toEqual([1002, { reason: 'header digest mismatch' }]);
    expect(kdfRuns()).toBe(runs);
    expect(env.localJson()).toBe(before);
    expect(JSON.stringify(env.local.dump().vault)).toBe(JSON.stringify(tampered));
  });

  it('while unlocked: a damaged header shows corrupt at once; a flipped ciphertext is found by a restarted worker', async () => {
    const env = await setUp();
    const good = env.storedVault();
    await env.local.set({ vault: { ...good, cipher: { ...good.cipher, name: 'AES-CBC' } } });
    expect((await env.wallet.getState()).status).toBe('corrupt');

    const ct = Buffer.from(good.ciphertext, 'base64');
    ct[3]! ^= 0x80;
    const flipped = { ...good, ciphertext: ct.toString('base64') };
    await env.local.set({ vault: flipped });
    const before = env.localJson();
    expect(await env.start().getState()).toMatchObject({ status: 'corrupt', corruptReason: 'The stored wallet vault is damaged (authentication failed).' });
    const e = await caught(() => env.start().unlock({ password: PASSWORD }));
    expect(e).toBeInstanceOf(VaultCorruptError);
    expect([e.code, e.data]).toEqual([1002, { reason: 'authentication failed' }]);
    expect(env.localJson()).toBe(before);
  });

  it('a damaged keyCheck: the right password gets 1002 "key check mismatch" (not 1001, no throttle), a wrong one 1001', async () => {
    const env = await setUp();
    await env.wallet.lock();
    const good = env.storedVault();
    const kc = Buffer.from(good.keyCheck, 'base64');
    kc[0]! ^= 0x01;
    await env.local.set({ vault: { ...good, keyCheck: kc.toString('base64') } });
    const before = env.localJson();
    const w = env.start();
    expect((await w.getState()).status).toBe('locked'); // only the password can tell
    for (let i = 0; i < 4; i++) {
      const e = await caught(() => w.unlock({ password: PASSWORD }));
      expect([e.constructor, e.code, e.data]).toEqual([VaultCorruptError, 1002, { reason: 'key check mismatch' }]);
    }
    expect(env.localJson()).toBe(before); // no failure counted, nothing rewritten
    expect(env.session.dump()).toEqual({});
    const wrong = await caught(() => w.unlock({ password: WRONG }));
    expect([wrong.code, wrong.data]).toEqual([1001, { retryAfterMs: 0 }]);
  });
});

describe('invalid phrases and passwords through setupWallet store nothing', () => {
  const words = MNEMONIC.split(' ');
  const typo = [...words]; typo[4] = 'trayy';
  it.each([
    ['empty', '', { reason: 'empty' }],
    ['11 words', words.slice(0, 11).join(' '), { reason: 'word-count', count: 11 }],
    ['13 words', words.slice(0, 13).join(' '), { reason: 'word-count', count: 13 }],
    ['unknown word at 5', typo.join(' '), { reason: 'unknown-word', position: 5, word: 'trayy', suggestion: 'tray', language: 'english' }],
    ['checksum', [...words.slice(0, 23), 'abandon'].join(' '), { reason: 'checksum', language: 'english' }],
    ['Chinese unknown character', '的的的的鑫的的的的的的在', { reason: 'unknown-word', position: 5, word: '鑫', suggestion: undefined, language: 'chinese_simplified' }],
  ])('%s → 1003', async (_n, phrase, data) => {
    const env = makeEnv();
    const runs = kdfRuns();
    const e = await caught(() => env.start().setupWallet({ phrase, password: PASSWORD }));
    expect(e).toBeInstanceOf(InvalidMnemonicError);
    expect(e.code).toBe(1003);
    expect(e.data).toEqual(data);
    expect(env.localJson()).toBe('{}');
    expect(env.session.dump()).toEqual({});
    expect(kdfRuns()).toBe(runs);
  });

  it('a weak password → 1008, nothing stored', async () => {
    const env = makeEnv();
    const e = await caught(() => env.start().setupWallet({ phrase: MNEMONIC, password: '1234567' }));
    expect([e.constructor, e.code]).toEqual([WeakPasswordError, 1008]);
    expect(env.localJson()).toBe('{}');
  });

  it('replaceExisting with an invalid phrase keeps the old wallet and writes no backup', async () => {
    const env = await setUp();
    const before = env.localJson();
    expect((await caught(() => env.wallet.setupWallet({ phrase: typo.join(' '), password: PASSWORD, replaceExisting: true }))).code).toBe(1003);
    expect(env.localJson()).toBe(before);
  });
});
