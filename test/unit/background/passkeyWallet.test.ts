/**
 * Passkey unlock through the wallet core: enrolment needs the password, the PRF output unlocks to the same state
 * (and the same session key) as the password, it shares the unlock throttle, removal and vault re-encryption end it,
 * and the password-gated secrets still need the password. Storage and every non-secret result are scanned for the
 * PRF output, its HKDF key, the phrase and the password.
 */
import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MeridianError, PasskeyError } from '../../../src/shared/errors';
import { createMemoryStorage, type AlarmScheduler } from '../../../src/background/storageArea';
import { AUTOLOCK_ALARM, createWallet, type Wallet } from '../../../src/background/wallet';
import type { VaultV1 } from '../../../src/background/vault/vaultFormat';
import { caught } from '../helpers/errors';
import { expectNoSecrets, keyNeedles, literalNeedles, phraseNeedles } from '../../fixtures/secretScan';
import { GENERATED_MNEMONIC, KNOWN, evmAccounts, solanaAccounts } from '../helpers/vectors';

const PASSWORD = 'Meridian-Pa55word!';
const NEW_PASSWORD = 'An0ther-Pa55phrase?';
const WRONG = 'Wrong-Pa55word-9';
const T0 = 1_750_000_000_000;
const MNEMONIC = GENERATED_MNEMONIC;
const hdEvm = evmAccounts(KNOWN.genEvm);
const hdSol = solanaAccounts(KNOWN.genSolana);
const hh0 = evmAccounts(KNOWN.testEvm)[0]!;

const seq = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 13) & 0xff);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const PRF = seq(32, 1);
const OTHER_PRF = seq(32, 2);
const PRF_SALT = seq(32, 3);
const CRED = seq(48, 4);
const enrolment = (password = PASSWORD, prf = PRF) => ({ password, credentialId: b64(CRED), prfSalt: b64(PRF_SALT), prf: b64(prf) });
const passkeyUnlock = (prf = PRF, cred = CRED) => ({ credentialId: b64(cred), prf: b64(prf) });
/** The HKDF wrapping key the PRF output gives (must never be stored either). */
const KEK = new Uint8Array(hkdfSync('sha256', PRF, PRF_SALT, Buffer.from('meridian passkey wrap v1'), 32));

const NEEDLES = [
  ...phraseNeedles(MNEMONIC),
  ...[...hdEvm, hh0].flatMap((a) => keyNeedles(a.private_key)),
  ...hdSol.flatMap((a) => [...keyNeedles(a.private_key_seed_hex), a.secret_key_64_base58]),
  ...keyNeedles(PRF, 'PRF output'), ...keyNeedles(OTHER_PRF, 'other PRF output'), ...keyNeedles(KEK, 'passkey wrapping key'),
  ...literalNeedles('password', PASSWORD), ...literalNeedles('new password', NEW_PASSWORD),
];
const SECRET_RESULTS = new Set(['revealPhrase', 'exportPrivateKey']);

function makeEnv() {
  const local = createMemoryStorage();
  const session = createMemoryStorage();
  const clock = { t: T0 };
  const alarmLog: Array<[string, string, number?]> = [];
  const alarms: AlarmScheduler = {
    async schedule(name, whenMs) { alarmLog.push(['schedule', name, whenMs]); },
    async clear(name) { alarmLog.push(['clear', name]); },
  };
  /** A fresh "worker"; after every call storage, results and errors are scanned for secrets. */
  const start = (): Wallet => {
    const w = createWallet({ local, session, alarms, now: () => clock.t });
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
            expectNoSecrets(`${String(prop)}: local`, JSON.stringify(local.dump()), NEEDLES);
            expectNoSecrets(`${String(prop)}: session`, JSON.stringify(session.dump()), NEEDLES);
          }
        };
      },
    });
  };
  const withoutThrottle = () => { const { unlockThrottle: _t, ...rest } = local.dump(); return JSON.stringify(rest); };
  return { local, session, clock, alarmLog, start, withoutThrottle, vault: () => local.dump().vault as VaultV1 };
}

async function enrolled() {
  const env = makeEnv();
  const wallet = env.start();
  await wallet.setupWallet({ phrase: MNEMONIC, password: PASSWORD });
  await wallet.addAccount();
  await wallet.enrolPasskey(enrolment());
  return { ...env, wallet };
}

describe('enrolment', () => {
  it('needs the right password and an unlocked wallet; a refusal stores nothing', async () => {
    const env = makeEnv();
    const w = env.start();
    await w.setupWallet({ phrase: MNEMONIC, password: PASSWORD });
    const before = env.withoutThrottle();

    const wrong = await caught(() => w.enrolPasskey(enrolment(WRONG)));
    expect(wrong.code).toBe(1001);
    expect(env.withoutThrottle()).toBe(before);
    expect((await caught(() => w.enrolPasskey(enrolment('')))).code).toBe(-32602);
    expect((await caught(() => w.enrolPasskey({ ...enrolment(), prf: 'not base64!' }))).code).toBe(-32602);
    // A PRF output of the wrong size (an authenticator that gave none) is refused.
    expect((await caught(() => w.enrolPasskey({ ...enrolment(), prf: b64(PRF.subarray(0, 16)) }))).data).toEqual({ reason: 'no-prf' });
    expect(env.withoutThrottle()).toBe(before);
    expect((await w.getState()).passkey).toBeUndefined();

    await w.lock();
    expect((await caught(() => w.enrolPasskey(enrolment()))).code).toBe(1000);
    expect(env.withoutThrottle()).toBe(before);
  });

  it('stores only { version, credentialId, prfSalt, vaultSalt, iv, wrappedKey } and the state shows the public parts', async () => {
    const env = await enrolled();
    const stored = env.local.dump().passkey as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['credentialId', 'iv', 'prfSalt', 'vaultSalt', 'version', 'wrappedKey']);
    expect(stored).toMatchObject({ version: 1, credentialId: b64(CRED), prfSalt: b64(PRF_SALT), vaultSalt: env.vault().kdf.salt });
    expect(Object.keys(env.local.dump()).sort()).toEqual(['accounts', 'passkey', 'vault']);
    await env.wallet.lock();
    expect((await env.wallet.getState()).passkey).toEqual({ credentialId: b64(CRED), prfSalt: b64(PRF_SALT) });
  });
});

describe('unlock with the passkey', () => {
  it('gives the same unlocked state and the same session key as the password', async () => {
    const env = await enrolled();
    const w = env.wallet;
    await w.lock();
    await w.unlock({ password: PASSWORD });
    const byPassword = { state: await w.getState(), session: env.session.dump() };
    await w.lock();
    expect((await w.getState()).status).toBe('locked');
    env.alarmLog.length = 0;

    await w.unlockWithPasskey(passkeyUnlock());
    const state = await w.getState();
    expect(state).toEqual(byPassword.state);
    expect(state.accounts.map((a) => [a.evm, a.solana])).toEqual([[hdEvm[0]!.address, hdSol[0]!.address], [hdEvm[1]!.address, hdSol[1]!.address]]);
    expect(env.session.dump()).toEqual(byPassword.session);
    expect(env.alarmLog).toContainEqual(['schedule', AUTOLOCK_ALARM, T0 + 15 * 60_000]);
    // A restarted worker is still unlocked (same session handling).
    expect(await env.start().getState()).toEqual(state);
  });

  it('a wrong PRF output → PasskeyError 1012 no-match; nothing but the throttle counter changes', async () => {
    const env = await enrolled();
    await env.wallet.lock();
    const before = env.withoutThrottle();
    const e = await caught(() => env.wallet.unlockWithPasskey(passkeyUnlock(OTHER_PRF)));
    expect(e).toBeInstanceOf(PasskeyError);
    expect(e.code).toBe(1012);
    expect(e.data).toEqual({ reason: 'no-match', retryAfterMs: 0 });
    expect(env.withoutThrottle()).toBe(before);
    expect(env.local.dump().unlockThrottle).toEqual({ failures: 1, lastFailureAt: T0 });
    expect(env.session.dump()).toEqual({});
    // Another credential id is not the enrolled passkey (not a failed attempt).
    expect((await caught(() => env.wallet.unlockWithPasskey(passkeyUnlock(PRF, seq(48, 9))))).data).toEqual({ reason: 'not-enrolled' });
    expect(env.local.dump().unlockThrottle).toEqual({ failures: 1, lastFailureAt: T0 });
  });

  it('the unlock throttle applies: wrong PRF outputs and wrong passwords share one counter', async () => {
    const env = await enrolled();
    const w = env.wallet;
    await w.lock();
    await caught(() => w.unlockWithPasskey(passkeyUnlock(OTHER_PRF)));
    await caught(() => w.unlock({ password: WRONG }));
    const third = await caught(() => w.unlockWithPasskey(passkeyUnlock(OTHER_PRF)));
    expect(third.data).toEqual({ reason: 'no-match', retryAfterMs: 1000 });
    // Within the delay even the right PRF output waits (1005), and so does the password; a restarted worker too.
    const e = await caught(() => w.unlockWithPasskey(passkeyUnlock()));
    expect(e.code).toBe(1005);
    expect(e.data).toEqual({ retryAfterMs: 1000 });
    expect((await caught(() => env.start().unlockWithPasskey(passkeyUnlock()))).code).toBe(1005);
    expect((await caught(() => w.unlock({ password: PASSWORD }))).code).toBe(1005);
    expect((await w.getState()).status).toBe('locked');
    env.clock.t += 1000;
    await w.unlockWithPasskey(passkeyUnlock());
    expect(await w.getState()).toMatchObject({ status: 'unlocked', retryAfterMs: 0 });
    expect(env.local.dump().unlockThrottle).toBeUndefined();
  });
});

describe('removal and vault re-encryption', () => {
  it('after removal the PRF output no longer unlocks; the password still does', async () => {
    const env = await enrolled();
    const w = env.wallet;
    await w.removePasskey();
    expect(env.local.dump().passkey).toBeUndefined();
    expect(Object.keys(env.local.dump()).sort()).toEqual(['accounts', 'vault']);
    await w.lock();
    const state = await w.getState();
    expect(state.passkey).toBeUndefined();
    expect(state.passkeyRemoved).toBeUndefined();
    const e = await caught(() => w.unlockWithPasskey(passkeyUnlock()));
    expect(e.code).toBe(1012);
    expect(e.data).toEqual({ reason: 'not-enrolled' });
    await w.unlock({ password: PASSWORD });
    expect((await w.getState()).status).toBe('unlocked');
    // Removal needs an unlocked wallet.
    await w.lock();
    expect((await caught(() => w.removePasskey())).code).toBe(1000);
  });

  it('change password drops the enrolment with a reason; the old PRF output stops working; enrol again works', async () => {
    const env = await enrolled();
    const w = env.wallet;
    await w.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(env.local.dump().passkey).toBeUndefined();
    expect(env.local.dump().passkeyRemoved).toBe('password-changed');
    await w.lock();
    expect(await w.getState()).toMatchObject({ status: 'locked', passkeyRemoved: 'password-changed' });
    expect((await w.getState()).passkey).toBeUndefined();
    expect((await caught(() => w.unlockWithPasskey(passkeyUnlock()))).data).toEqual({ reason: 'not-enrolled' });
    expect((await caught(() => w.unlock({ password: PASSWORD }))).code).toBe(1001);
    await w.unlock({ password: NEW_PASSWORD });
    expect((await caught(() => w.enrolPasskey(enrolment(PASSWORD)))).code).toBe(1001);
    await w.enrolPasskey(enrolment(NEW_PASSWORD));
    expect(env.local.dump().passkeyRemoved).toBeUndefined();
    await w.lock();
    await w.unlockWithPasskey(passkeyUnlock());
    expect((await w.getState()).status).toBe('unlocked');
  });

  it('importing a private key re-encrypts the vault and drops the enrolment (key-imported)', async () => {
    const env = await enrolled();
    await env.wallet.importPrivateKey({ family: 'evm', privateKey: hh0.private_key, password: PASSWORD });
    expect(env.local.dump().passkey).toBeUndefined();
    expect((await env.wallet.getState()).passkeyRemoved).toBe('key-imported');
  });

  it('a wrap of an older vault write (worker died before the drop) is never offered and never unlocks', async () => {
    const env = await enrolled();
    const w = env.wallet;
    const oldWrap = env.local.dump().passkey;
    await w.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await env.local.set({ passkey: oldWrap });
    await env.local.remove('passkeyRemoved');
    await w.lock();
    const state = await w.getState();
    expect(state.passkey).toBeUndefined();
    expect(state.passkeyRemoved).toBe('vault-changed');
    const e = await caught(() => w.unlockWithPasskey(passkeyUnlock()));
    expect(e.data).toEqual({ reason: 'stale' });
    expect(env.local.dump().unlockThrottle).toBeUndefined();
  });

  it('setting up a wallet over the old one removes the old enrolment', async () => {
    const env = await enrolled();
    await env.wallet.setupWallet({ phrase: MNEMONIC, password: PASSWORD, replaceExisting: true });
    expect(env.local.dump().passkey).toBeUndefined();
    expect((await env.wallet.getState()).passkeyRemoved).toBeUndefined();
  });
});

describe('the password-gated secrets still need the password after a passkey unlock', () => {
  it('reveal phrase and export key: no password → -32602, the PRF output as a password → 1001, the password → the secret', async () => {
    const env = await enrolled();
    const w = env.wallet;
    await w.lock();
    await w.unlockWithPasskey(passkeyUnlock());
    expect((await caught(() => w.revealPhrase({ password: '' }))).code).toBe(-32602);
    expect((await caught(() => w.revealPhrase({ password: b64(PRF) }))).code).toBe(1001);
    expect((await caught(() => w.exportPrivateKey({ accountId: 'hd:0', family: 'evm', password: '' }))).code).toBe(-32602);
    expect((await caught(() => w.exportPrivateKey({ accountId: 'hd:0', family: 'evm', password: b64(PRF) }))).code).toBe(1001);
    expect(await w.revealPhrase({ password: PASSWORD })).toEqual({ phrase: MNEMONIC });
    expect(await w.exportPrivateKey({ accountId: 'hd:0', family: 'evm', password: PASSWORD })).toEqual({ privateKey: hdEvm[0]!.private_key });
  });
});
