import { PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { InvalidAddressError } from '../errors';

/**
 * Canonical base58 of a 32-byte Solana public key. With `requireOnCurve` (the default, for wallet addresses such as
 * a transfer's recipient) the key must be a valid ed25519 point: an off-curve key (a PDA or a random 32 bytes) has
 * no private key, so tokens sent to it as an "owner" would be lost.
 */
export function validateSolanaAddress(address: string, opts: { requireOnCurve?: boolean } = {}): string {
  let bytes: Uint8Array;
  try {
    if (typeof address !== 'string' || address.length < 32 || address.length > 44) throw new Error('length');
    bytes = bs58.decode(address);
  } catch {
    throw new InvalidAddressError('Not a Solana address (base58 of 32 bytes)', { address });
  }
  if (bytes.length !== 32) throw new InvalidAddressError('Not a Solana address (base58 of 32 bytes)', { address });
  if ((opts.requireOnCurve ?? true) && !PublicKey.isOnCurve(bytes)) {
    throw new InvalidAddressError('Not a valid Solana wallet address (not an ed25519 public key)', { address, reason: 'off-curve' });
  }
  return bs58.encode(bytes);
}

export function isValidSolanaAddress(address: string): boolean {
  try {
    validateSolanaAddress(address);
    return true;
  } catch {
    return false;
  }
}
