import { describe, expect, it } from 'vitest';
import { keccak256, recoverAddress, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import nacl from 'tweetnacl';
import bs58 from 'bs58';
import { evmSigner, solanaSigner } from '../../../../src/background/portfolio/signers';

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}` as Hex;

describe('signers', () => {
  it('EVM: a 65-byte signature that recovers to the account (checked with viem); the key is zeroed after use', async () => {
    const key = new Uint8Array(32).fill(7);
    const address = privateKeyToAddress(hex(key));
    let handed: Uint8Array | null = null;
    const sign = evmSigner(async (family, a) => { expect([family, a]).toEqual(['evm', address]); handed = new Uint8Array(key); return handed; });
    const hash = keccak256('0x1234');
    const sig = await sign({ family: 'evm', from: address, chainId: 1, unsignedSerialized: '0x1234', hash });
    expect(sig).toMatch(/^0x[0-9a-f]{130}$/);
    expect(await recoverAddress({ hash, signature: sig })).toBe(address);
    expect(handed!.every((b) => b === 0)).toBe(true);
  });

  it('Solana: an ed25519 signature that tweetnacl verifies; the key is zeroed after use', async () => {
    const seed = new Uint8Array(32).fill(9);
    const kp = nacl.sign.keyPair.fromSeed(seed);
    let handed: Uint8Array | null = null;
    const sign = solanaSigner(async () => { handed = new Uint8Array(seed); return handed; });
    const message = new Uint8Array([1, 2, 3, 4]);
    const sig = await sign({ family: 'solana', from: bs58.encode(kp.publicKey), message });
    expect(nacl.sign.detached.verify(message, sig, kp.publicKey)).toBe(true);
    expect(handed!.every((b) => b === 0)).toBe(true);
  });
});
