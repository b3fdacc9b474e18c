import { HDKey } from '@scure/bip32';
import { HDKey as Slip10Key } from 'micro-key-producer/slip10.js';
import { privateKeyToAddress } from 'viem/accounts';
import bs58 from 'bs58';
import { bytesToHex } from '../../shared/encoding';

export const evmPath = (i: number) => `m/44'/60'/0'/0/${i}`;
export const solanaPath = (i: number) => `m/44'/501'/${i}'/0'`;

function checkIndex(i: number) {
  if (!Number.isInteger(i) || i < 0 || i >= 0x80000000) throw new RangeError('account index must be an integer in [0, 2^31)');
}

/** secp256k1 key at m/44'/60'/0'/0/i. The caller owns (and should drop) the returned private key. */
export function deriveEvmKey(seed: Uint8Array, i: number): { privateKey: Uint8Array; address: `0x${string}` } {
  checkIndex(i);
  const node = HDKey.fromMasterSeed(seed).derive(evmPath(i));
  if (!node.privateKey) throw new Error('derivation produced no private key');
  const privateKey = node.privateKey;
  return { privateKey, address: privateKeyToAddress(`0x${bytesToHex(privateKey)}`) };
}

/** SLIP-0010 ed25519 key at m/44'/501'/i'/0' (Phantom, Solflare, Backpack). Address = base58(public key). */
export function deriveSolanaKey(seed: Uint8Array, i: number): { privateKey: Uint8Array; address: string } {
  checkIndex(i);
  const node = Slip10Key.fromMasterSeed(seed).derive(solanaPath(i));
  return { privateKey: node.privateKey, address: bs58.encode(node.publicKeyRaw) };
}
