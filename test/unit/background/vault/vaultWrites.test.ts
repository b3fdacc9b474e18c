/**
 * Vault writes through the wallet when storage or the cipher misbehaves: a seal whose verification fails stores
 * nothing; a write whose read-back differs puts the previous vault back. Either way the old vault, the session
 * and the old password keep working, and the caller gets InternalError -32603 with a fixed `data.reason`.
 */
import { describe, expect, it, vi } from 'vitest';
import { InternalError, WrongPasswordError } from '../../../../src/shared/errors';
import { createMemoryStorage, type StorageArea } from '../../../../src/background/storageArea';
import { createWallet, type Wallet } from '../../../../src/background/wallet';
import type { VaultV1 } from '../../../../src/background/vault/vaultFormat';
import { caught } from '../../helpers/errors';
import { expectNoSecrets, keyNeedles, phraseNeedles } from '../../../fixtures/secretScan';
import { GENERATED_MNEMONIC, KNOWN, TEST_MNEMONIC, evmAccounts } from '../../helpers/vectors';

const PASSWORD = 'Meridian-Pa55word!';
const NEW_PASSWORD = 'An0ther-Pa55phrase?';
const T0 = 1_750_000_000_000;
const hh0 = evmAccounts(KNOWN.testEvm)[0]!;
const NEEDLES = [...phraseNeedles(GENERATED_MNEMONIC), ...phraseNeedles(TEST_MNEMONIC), ...keyNeedles(hh0.private_key), PASSWORD, NEW_PASSWORD];

const READ_BACK = [-32603, 'The wallet vault could not be saved (storage read back something else); nothing was changed.', { reason: 'read-back-mismatch' }];
const SEAL_VERIFY = [-32603, 'The wallet vault could not be saved (verification failed); nothing was changed.', { reason: 'seal-verify-failed' }];

const flipCiphertext = (v: VaultV1): VaultV1 => {
  const ct = Buffer.from(v.ciphertext, 'base64');
  ct[7]! ^= 0x40;
  return { ...v, ciphertext: ct.toString('base64') };
};

/** What goes wrong on the next vault write (one time only). */
type Fault = 'drop-write' | 'store-damaged' | 'read-other' | 'read-garbage';
const FAULTS: Array<[string, Fault]> = [
  ['the write is silently dropped (storage keeps the old value)', 'drop-write'],
  ['storage keeps a damaged copy (one ciphertext bit)', 'store-damaged'],
  ['the read-back returns another, well-formed vault', 'read-other'],
  ['the read-back returns something that is not a vault', 'read-garbage'],
];

function makeEnv() {
  const real = createMemoryStorage();
  const session = createMemoryStorage();
  let fault: Fault | null = null;
  let lieOnNextRead: Fault | null = null;
  let vaultWrites = 0;
  const local: StorageArea = {
    async get<T>(key: string) {
      const v = await real.get<T>(key);
      if (key !== 'vault' || !lieOnNextRead) return v;
      const kind = lieOnNextRead;
      lieOnNextRead = null;
      return (kind === 'read-garbage' ? { version: 1 } : flipCiphertext(v as VaultV1)) as T;
    },
    async set(items) {
      if ('vault' in items) {
        vaultWrites++;
        const kind = fault;
        fault = null;
        if (kind === 'drop-write') return;
        if (kind === 'store-damaged') { await real.set({ ...items, vault: flipCiphertext(items.vault as VaultV1) }); return; }
        if (kind) lieOnNextRead = kind;
      }
      await real.set(items);
    },
    remove: (keys) => real.remove(keys),
  };
  const start = (): Wallet => createWallet({ local, session, alarms: { async schedule() {}, async clear() {} }, now: () => T0 });
  const snapshot = () => JSON.stringify({ local: real.dump(), session: session.dump() });
  return {
    real, session, start, snapshot,
    arm: (f: Fault) => { fault = f; },
    vaultWrites: () => vaultWrites,
  };
}

async function setUp() {
  const env = makeEnv();
  const wallet = env.start();
  await wallet.setupWallet({ phrase: GENERATED_MNEMONIC, password: PASSWORD });
  return { ...env, wallet };
}

/** The error is the exact typed one and carries no secret. */
function expectError(e: Awaited<ReturnType<typeof caught>>, expected: unknown[]) {
  expect(e).toBeInstanceOf(InternalError);
  expect([e.code, e.message, e.data]).toEqual(expected);
  expectNoSecrets('error', JSON.stringify(e.toJSON()), NEEDLES);
}

/** The old vault still opens with the old password (a fresh worker, locked) and not with the new one. */
async function expectOldPasswordWorks(env: ReturnType<typeof makeEnv>) {
  const w = env.start();
  await w.lock();
  expect(await caught(() => w.unlock({ password: NEW_PASSWORD }))).toBeInstanceOf(WrongPasswordError);
  await w.unlock({ password: PASSWORD });
  expect(await w.revealPhrase({ password: PASSWORD })).toEqual({ phrase: GENERATED_MNEMONIC });
}

describe('a write whose read-back differs leaves the old vault in place', () => {
  it.each(FAULTS)('changePassword, %s → -32603 read-back-mismatch; vault, accounts and session unchanged', async (_n, fault) => {
    const env = await setUp();
    const before = env.snapshot();
    env.arm(fault);
    expectError(await caught(() => env.wallet.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD })), READ_BACK);
    expect(env.snapshot()).toBe(before);
    expect((await env.wallet.getState()).status).toBe('unlocked');
    await expectOldPasswordWorks(env);
  });

  it('importPrivateKey with a damaged stored copy → -32603; no account added, the key is not in the vault', async () => {
    const env = await setUp();
    const before = env.snapshot();
    env.arm('store-damaged');
    expectError(await caught(() => env.wallet.importPrivateKey({ family: 'evm', privateKey: hh0.private_key, password: PASSWORD })), READ_BACK);
    expect(env.snapshot()).toBe(before);
    expect((await env.start().getState()).accounts.map((a) => a.id)).toEqual(['hd:0']);
    const e = await caught(() => env.start().exportPrivateKey({ accountId: `imported:evm:${hh0.address}`, family: 'evm', password: PASSWORD }));
    expect(e.code).toBe(1010);
  });

  it('the first setup with a damaged stored copy → -32603 and nothing is stored (still uninitialized)', async () => {
    const env = makeEnv();
    env.arm('store-damaged');
    expectError(await caught(() => env.start().setupWallet({ phrase: GENERATED_MNEMONIC, password: PASSWORD })), READ_BACK);
    expect(env.real.dump()).toEqual({});
    expect(env.session.dump()).toEqual({});
    expect((await env.start().getState()).status).toBe('uninitialized');
  });

  it('a replacing setup whose read-back differs keeps the old wallet as the vault', async () => {
    const env = await setUp();
    const oldVault = JSON.stringify(env.real.dump().vault);
    env.arm('read-other');
    expectError(await caught(() => env.wallet.setupWallet({ phrase: TEST_MNEMONIC, password: NEW_PASSWORD, replaceExisting: true })), READ_BACK);
    expect(JSON.stringify(env.real.dump().vault)).toBe(oldVault);
    await expectOldPasswordWorks(env);
  });
});

describe('a seal whose verification fails writes nothing', () => {
  it('changePassword while the cipher output does not authenticate → -32603 seal-verify-failed; no vault write at all', async () => {
    const env = await setUp();
    const before = env.snapshot();
    const writes = env.vaultWrites();
    const subtle = globalThis.crypto.subtle;
    const real = subtle.encrypt.bind(subtle);
    const spy = vi.spyOn(subtle, 'encrypt').mockImplementationOnce(async (...args: Parameters<SubtleCrypto['encrypt']>) => {
      const ct = new Uint8Array(await real(...args));
      ct[ct.length - 1]! ^= 0x01;
      return ct.buffer;
    });
    try {
      expectError(await caught(() => env.wallet.changePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD })), SEAL_VERIFY);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(env.vaultWrites()).toBe(writes);
    expect(env.snapshot()).toBe(before);
    expect((await env.wallet.getState()).status).toBe('unlocked');
    await expectOldPasswordWorks(env);
  });
});
