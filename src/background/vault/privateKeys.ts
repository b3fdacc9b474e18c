import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { privateKeyToAddress } from 'viem/accounts';
import bs58 from 'bs58';
import { InvalidPrivateKeyError } from '../../shared/errors';
import { bytesToHex, equalBytes } from '../../shared/encoding';

export type ChainFamily = 'evm' | 'solana';
export type ParsedPrivateKey = { family: ChainFamily; secretHex: string; address: string };

/** EVM: 32-byte hex with or without 0x, a valid secp256k1 scalar. Errors never repeat the input. */
export function parseEvmPrivateKey(input: string): ParsedPrivateKey {
  const s = typeof input === 'string' ? input.trim() : '';
  const hex = s.replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new InvalidPrivateKeyError('An EVM private key is 64 hexadecimal characters (0-9, a-f), optionally starting with 0x.', { reason: 'not-hex' });
  if (hex.length !== 64) throw new InvalidPrivateKeyError(`An EVM private key is 64 hexadecimal characters; this one has ${hex.length}.`, { reason: 'length', length: hex.length });
  const secretHex = hex.toLowerCase();
  if (!secp256k1.utils.isValidSecretKey(hexBytes(secretHex))) throw new InvalidPrivateKeyError('This is not a valid secp256k1 private key (zero or out of range).', { reason: 'range' });
  return { family: 'evm', secretHex, address: privateKeyToAddress(`0x${secretHex}`) };
}

function hexBytes(h: string) {
  return Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/**
 * Solana: a base58 64-byte secret key (seed || public key, as Phantom exports) or the JSON byte array that
 * `solana-keygen` writes. The public half must match the seed.
 */
export function parseSolanaSecretKey(input: string): ParsedPrivateKey {
  const s = typeof input === 'string' ? input.trim() : '';
  let bytes: Uint8Array;
  if (s.startsWith('[')) {
    let arr: unknown;
    try { arr = JSON.parse(s); } catch { throw new InvalidPrivateKeyError('The key file is not a valid JSON byte array.', { reason: 'json' }); }
    if (!Array.isArray(arr) || !arr.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) {
      throw new InvalidPrivateKeyError('The key file must be a JSON array of numbers from 0 to 255.', { reason: 'json' });
    }
    bytes = Uint8Array.from(arr as number[]);
  } else {
    if (!/^[1-9A-HJ-NP-Za-km-z]+$/.test(s)) throw new InvalidPrivateKeyError('A Solana private key is base58 text (or the JSON byte array from solana-keygen).', { reason: 'not-base58' });
    bytes = bs58.decode(s);
  }
  if (bytes.length !== 64) throw new InvalidPrivateKeyError(`A Solana secret key is 64 bytes; this one has ${bytes.length}.`, { reason: 'length', length: bytes.length });
  const seed = bytes.slice(0, 32);
  const pub = ed25519.getPublicKey(seed);
  if (!equalBytes(pub, bytes.subarray(32))) throw new InvalidPrivateKeyError('This Solana secret key is inconsistent: its public half does not match its private half.', { reason: 'mismatch' });
  bytes.fill(0);
  return { family: 'solana', secretHex: bytesToHex(seed), address: bs58.encode(pub) };
}

export function parsePrivateKey(family: ChainFamily, input: string): ParsedPrivateKey {
  return family === 'evm' ? parseEvmPrivateKey(input) : parseSolanaSecretKey(input);
}

/** 64-byte Solana secret (seed || pubkey) in base58, for the password-gated export. */
export function solanaSecretToBase58(seedHex: string): string {
  const seed = hexBytes(seedHex);
  const out = new Uint8Array(64);
  out.set(seed);
  out.set(ed25519.getPublicKey(seed), 32);
  return bs58.encode(out);
}
