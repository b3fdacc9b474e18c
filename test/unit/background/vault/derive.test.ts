import { HDKey } from '@scure/bip32';
import { HDKey as Slip10Key } from 'micro-key-producer/slip10.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { Keypair } from '@solana/web3.js';
import { mnemonicToAccount } from 'viem/accounts';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { deriveEvmKey, deriveSolanaKey, evmPath, solanaPath } from '../../../../src/background/vault/derive';
import { mnemonicToSeed } from '../../../../src/background/vault/mnemonic';
import {
  KNOWN, bip32Vectors, evmAccounts, hex, knownById, slip10Vectors, solanaAccounts, unhex,
} from '../../helpers/vectors';

describe('BIP-0032 test vectors with @scure/bip32', () => {
  const valid = bip32Vectors.filter((v) => v.chains);
  it('has vectors 1–4 with 17 chains and vector 5 with 16 invalid keys', () => {
    expect(valid.map((v) => v.id)).toEqual(['bip32-test-vector-1', 'bip32-test-vector-2', 'bip32-test-vector-3', 'bip32-test-vector-4']);
    expect(valid.flatMap((v) => v.chains!)).toHaveLength(17);
    expect(bip32Vectors.find((v) => v.id === 'bip32-test-vector-5')!.invalid_keys).toHaveLength(16);
  });

  for (const v of valid) {
    it.each(v.chains!.map((c) => [v.id, c.chain, c] as const))('%s %s: xprv and xpub', (_id, _chain, c) => {
      const node = HDKey.fromMasterSeed(unhex(v.seed!)).derive(c.path);
      expect(node.privateExtendedKey).toBe(c.xprv);
      expect(node.publicExtendedKey).toBe(c.xpub);
      // and back: parsing the published keys gives the same keys
      expect(HDKey.fromExtendedKey(c.xprv).publicExtendedKey).toBe(c.xpub);
      expect(HDKey.fromExtendedKey(c.xpub).publicExtendedKey).toBe(c.xpub);
    });
  }

  const invalid = bip32Vectors.find((v) => v.id === 'bip32-test-vector-5')!.invalid_keys!;
  it.each(invalid.map((k, i) => [i + 1, k.reason, k.extended_key] as const))('vector 5 key %i (%s) is rejected', (_i, _reason, key) => {
    expect(() => HDKey.fromExtendedKey(key)).toThrow();
  });
});

describe('SLIP-0010 ed25519 test vectors with micro-key-producer/slip10', () => {
  it('has vectors 1–2 with 12 chains', () => {
    expect(slip10Vectors.map((v) => v.id)).toEqual(['slip10-ed25519-test-vector-1', 'slip10-ed25519-test-vector-2']);
    expect(slip10Vectors.flatMap((v) => v.chains)).toHaveLength(12);
  });
  for (const v of slip10Vectors) {
    it.each(v.chains.map((c) => [v.id, c.chain, c] as const))('%s %s: chain code, private key, public key, parent fingerprint', (_id, _chain, c) => {
      const node = Slip10Key.fromMasterSeed(unhex(v.seed)).derive(c.path);
      expect(hex(node.chainCode)).toBe(c.chain_code);
      expect(hex(node.privateKey)).toBe(c.private_key);
      expect(`00${hex(node.publicKeyRaw)}`).toBe(c.public_key);
      expect(hex(node.publicKey)).toBe(c.public_key);
      expect(node.parentFingerprint).toBe(parseInt(c.fingerprint, 16));
    });
  }
});

describe('known derivations (derivation_known.json) through derive.ts', () => {
  const evmSets = [KNOWN.testEvm, KNOWN.genEvm] as const;
  const solSets = [KNOWN.testSolana, KNOWN.genSolana] as const;

  it('covers EVM i = 0..9 and Solana i = 0..4 for both mnemonics', () => {
    for (const id of evmSets) expect(evmAccounts(id).map((a) => a.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const id of solSets) expect(solanaAccounts(id).map((a) => a.index)).toEqual([0, 1, 2, 3, 4]);
    expect(knownById(KNOWN.testSolana).mnemonic).toBe(knownById(KNOWN.testEvm).mnemonic);
    expect(knownById(KNOWN.genSolana).mnemonic).toBe(knownById(KNOWN.genEvm).mnemonic);
  });

  for (const id of evmSets) {
    it.each(evmAccounts(id).map((a) => [id, a.index, a] as const))('%s #%i: address, private key, public key; viem agrees', async (_id, i, a) => {
      const v = knownById(id);
      const seed = await mnemonicToSeed(v.mnemonic);
      expect(hex(seed)).toBe(v.bip39_seed);
      expect(evmPath(i)).toBe(a.path);
      const k = deriveEvmKey(seed, i);
      expect(k.address).toBe(a.address); // EIP-55 checksummed, exact
      expect(`0x${hex(k.privateKey)}`).toBe(a.private_key);
      expect(`0x${hex(secp256k1.getPublicKey(k.privateKey, true))}`).toBe(a.public_key_compressed);
      // independent: viem's own mnemonic → account path
      expect(mnemonicToAccount(v.mnemonic, { addressIndex: i }).address).toBe(a.address);
    });
  }

  for (const id of solSets) {
    it.each(solanaAccounts(id).map((a) => [id, a.index, a] as const))('%s #%i: address and seed; web3.js Keypair agrees', async (_id, i, a) => {
      const v = knownById(id);
      const seed = await mnemonicToSeed(v.mnemonic);
      expect(solanaPath(i)).toBe(a.path);
      const k = deriveSolanaKey(seed, i);
      expect(k.address).toBe(a.address);
      expect(hex(k.privateKey)).toBe(a.private_key_seed_hex);
      const kp = Keypair.fromSeed(k.privateKey);
      expect(kp.publicKey.toBase58()).toBe(a.address);
      expect(hex(kp.publicKey.toBytes())).toBe(a.public_key_hex);
      expect(bs58.encode(kp.secretKey)).toBe(a.secret_key_64_base58);
    });
  }

  it('the 3-level Solana path m/44\'/501\'/0\' is a different account (the wallet uses the 4-level path)', async () => {
    const v = knownById(KNOWN.testSolana3);
    const a = solanaAccounts(KNOWN.testSolana3)[0]!;
    const seed = await mnemonicToSeed(v.mnemonic);
    const node = Slip10Key.fromMasterSeed(seed).derive(a.path);
    expect(bs58.encode(node.publicKeyRaw)).toBe(a.address);
    expect(hex(node.privateKey)).toBe(a.private_key_seed_hex);
    expect(deriveSolanaKey(seed, 0).address).not.toBe(a.address);
    expect(deriveSolanaKey(seed, 0).address).toBe(solanaAccounts(KNOWN.testSolana)[0]!.address);
  });

  it('rejects account indexes outside [0, 2^31)', async () => {
    const seed = await mnemonicToSeed(knownById(KNOWN.testEvm).mnemonic);
    for (const i of [-1, 1.5, 0x80000000, Number.NaN]) {
      expect(() => deriveEvmKey(seed, i)).toThrow(RangeError);
      expect(() => deriveSolanaKey(seed, i)).toThrow(RangeError);
    }
  });
});
