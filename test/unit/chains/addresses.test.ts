import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Keypair, PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { isValidEvmAddress, validateEvmAddress } from '../../../src/chains/evm/address';
import { isValidSolanaAddress, validateSolanaAddress } from '../../../src/chains/solana/address';

const eip55 = JSON.parse(readFileSync(new URL('../../vectors/eip55.json', import.meta.url), 'utf8')) as { vectors: { checksummed: string; lowercase: string }[] };

describe('EVM addresses (EIP-55)', () => {
  it('accepts the ERC-55 test vectors and returns the checksummed form', () => {
    for (const v of eip55.vectors) {
      expect(validateEvmAddress(v.checksummed)).toBe(v.checksummed);
      expect(validateEvmAddress(v.lowercase)).toBe(v.checksummed);
      expect(validateEvmAddress(v.lowercase.toUpperCase().replace('0X', '0x'))).toBe(v.checksummed);
    }
  });
  it('refuses a mixed-case address with a wrong checksum (code 1100)', () => {
    const good = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
    const bad = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD';
    expect(isValidEvmAddress(good)).toBe(true);
    expect(isValidEvmAddress(bad)).toBe(false);
    expect(() => validateEvmAddress(bad)).toThrow(expect.objectContaining({ code: 1100, data: expect.objectContaining({ reason: 'checksum' }) }));
  });
  it('refuses malformed input', () => {
    for (const bad of ['', '0x', '0x123', '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedAA', '0xZZAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96']) {
      expect(isValidEvmAddress(bad), bad).toBe(false);
    }
  });
});

describe('Solana addresses (ed25519 on-curve)', () => {
  it('accepts wallet keys', () => {
    const kp = Keypair.generate();
    expect(validateSolanaAddress(kp.publicKey.toBase58())).toBe(kp.publicKey.toBase58());
    expect(isValidSolanaAddress('oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96')).toBe(true);
  });
  it('refuses off-curve keys (PDAs) as wallet addresses but accepts them where allowed', () => {
    const [pda] = PublicKey.findProgramAddressSync([new TextEncoder().encode('x')], new PublicKey('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL'));
    expect(() => validateSolanaAddress(pda.toBase58())).toThrow(expect.objectContaining({ code: 1100, data: expect.objectContaining({ reason: 'off-curve' }) }));
    expect(validateSolanaAddress(pda.toBase58(), { requireOnCurve: false })).toBe(pda.toBase58());
  });
  it('refuses non-base58, wrong lengths and EVM addresses', () => {
    for (const bad of ['', '0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl', bs58.encode(new Uint8Array(31).fill(7)), bs58.encode(new Uint8Array(33).fill(7)), '0x70997970C51812dc3A010C7d01b50e0d17dc79C8']) {
      expect(isValidSolanaAddress(bad), bad).toBe(false);
    }
  });
});
