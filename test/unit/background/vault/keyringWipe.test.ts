// Issue 9 item 9: key material is zeroed on lock where the libraries allow it (seed and key bytes in place).
import { describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { createWallet } from '../../../../src/background/wallet';
import { Keyring } from '../../../../src/background/vault/keyring';
import { KNOWN, evmAccounts, knownById } from '../../helpers/vectors';

// Capture every seed and key byte array the keyring is built from (the spies call through).
const buffers: Uint8Array[] = [];
vi.mock('../../../../src/background/vault/mnemonic', async (orig) => {
  const mod = await orig<typeof import('../../../../src/background/vault/mnemonic')>();
  return { ...mod, mnemonicToSeed: vi.fn(async (m: string) => { const s = await mod.mnemonicToSeed(m); buffers.push(s); return s; }) };
});
vi.mock('../../../../src/shared/encoding', async (orig) => {
  const mod = await orig<typeof import('../../../../src/shared/encoding')>();
  return { ...mod, hexToBytes: vi.fn((h: string) => { const b = mod.hexToBytes(h); buffers.push(b); return b; }) };
});
const zero = (b: Uint8Array) => b.every((x) => x === 0);

describe('wiping key material', () => {
  it('Keyring.wipe zeroes the seed and the imported key bytes in place; any later key use throws', async () => {
    buffers.length = 0;
    const evm = evmAccounts(KNOWN.testEvm)[0]!;
    const k = await Keyring.fromSecrets({ v: 1, mnemonic: knownById(KNOWN.genEvm).mnemonic, imported: [{ family: 'evm', secretHex: evm.private_key.slice(2) }] });
    const held = [...buffers];
    expect(held.length).toBeGreaterThanOrEqual(2);
    expect(held.some(zero)).toBe(false);
    expect(`0x${Buffer.from(k.privateKey('evm', { address: evm.address })).toString('hex')}`).toBe(evm.private_key);
    k.wipe();
    expect(held.filter((b) => b.length === 64 || b.length === 32).every(zero)).toBe(true);
    expect(() => k.privateKey('evm', { hdIndex: 0 })).toThrow('the keyring is locked');
    expect(() => k.privateKey('evm', { address: evm.address })).toThrow('the keyring is locked');
    expect(k.importedAddresses()).toEqual([{ family: 'evm', address: evm.address }]); // public data stays
  });

  it('Lock zeroes the unlocked keyring\'s seed', async () => {
    const wallet = createWallet({ local: createMemoryStorage(), session: createMemoryStorage(), alarms: { async schedule() {}, async clear() {} }, now: () => 1_750_000_000_000 });
    await wallet.setupWallet({ phrase: knownById(KNOWN.genEvm).mnemonic, password: 'Wipe-Pa55word!' });
    buffers.length = 0;
    await wallet.lock();
    await wallet.unlock({ password: 'Wipe-Pa55word!' });
    const seeds = buffers.filter((b) => b.length === 64);
    expect(seeds).toHaveLength(1);
    expect(zero(seeds[0]!)).toBe(false);
    await wallet.lock();
    expect(zero(seeds[0]!)).toBe(true);
  });
});
