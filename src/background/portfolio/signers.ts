/**
 * Signers for the chain adapters, built from the keyring's raw key bytes inside the background. The key is fetched
 * for one signature and zeroed right after; the adapters verify what comes back (recovered address / ed25519).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { EvmSigner, SolanaSigner } from '../../chains/ChainAdapter';
import { hexToBytes } from '../../shared/encoding';

export type KeySource = (family: 'evm' | 'solana', address: string) => Promise<Uint8Array>;

export function evmSigner(keyFor: KeySource): EvmSigner {
  return async (payload) => {
    const key = await keyFor('evm', payload.from);
    try {
      const raw = secp256k1.sign(hexToBytes(payload.hash.slice(2)), key, { prehash: false, format: 'recovered' });
      const sig = secp256k1.Signature.fromBytes(raw, 'recovered');
      const hex = sig.toHex('compact');
      const v = (27 + (sig.recovery ?? 0)).toString(16);
      return `0x${hex}${v}`;
    } finally {
      key.fill(0);
    }
  };
}

export function solanaSigner(keyFor: KeySource): SolanaSigner {
  return async (payload) => {
    const key = await keyFor('solana', payload.from);
    try {
      return ed25519.sign(payload.message, key.length === 64 ? key.subarray(0, 32) : key);
    } finally {
      key.fill(0);
    }
  };
}

