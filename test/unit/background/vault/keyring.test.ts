import { describe, expect, it } from 'vitest';
import { Keyring, addressOf } from '../../../../src/background/vault/keyring';
import { KNOWN, evmAccounts, hex, knownById, solanaAccounts } from '../../helpers/vectors';

describe('Keyring.fromSecrets → hdAddresses(i) equals the known derivations', () => {
  for (const [evmId, solId] of [[KNOWN.testEvm, KNOWN.testSolana], [KNOWN.genEvm, KNOWN.genSolana]] as const) {
    it(`${evmId} / ${solId}`, async () => {
      const k = await Keyring.fromSecrets({ v: 1, mnemonic: knownById(evmId).mnemonic, imported: [] });
      expect(k.hasSeed).toBe(true);
      const evm = evmAccounts(evmId);
      const sol = solanaAccounts(solId);
      for (const a of evm) {
        expect(k.hdAddresses(a.index).evm).toBe(a.address);
        expect(`0x${hex(k.privateKey('evm', { hdIndex: a.index }))}`).toBe(a.private_key);
      }
      for (const a of sol) {
        expect(k.hdAddresses(a.index).solana).toBe(a.address);
        expect(hex(k.privateKey('solana', { hdIndex: a.index }))).toBe(a.private_key_seed_hex);
      }
      // a second call (cached) returns the same value
      expect(k.hdAddresses(0)).toEqual({ evm: evm[0]!.address, solana: sol[0]!.address });
    });
  }

  it('imported keys only: addresses and raw keys, and no HD derivation', async () => {
    const evm = evmAccounts(KNOWN.testEvm)[0]!;
    const sol = solanaAccounts(KNOWN.genSolana)[2]!;
    const k = await Keyring.fromSecrets({
      v: 1, mnemonic: null,
      imported: [{ family: 'evm', secretHex: evm.private_key.slice(2) }, { family: 'solana', secretHex: sol.private_key_seed_hex }],
    });
    expect(k.hasSeed).toBe(false);
    expect(k.importedAddresses()).toEqual([{ family: 'evm', address: evm.address }, { family: 'solana', address: sol.address }]);
    expect(hex(k.privateKey('solana', { address: sol.address }))).toBe(sol.private_key_seed_hex);
    expect(`0x${hex(k.privateKey('evm', { address: evm.address }))}`).toBe(evm.private_key);
    expect(() => k.hdAddresses(0)).toThrow();
    expect(() => k.privateKey('evm', { address: sol.address })).toThrow();
    expect(addressOf('evm', evm.private_key.slice(2))).toBe(evm.address);
    expect(addressOf('solana', sol.private_key_seed_hex)).toBe(sol.address);
  });
});
