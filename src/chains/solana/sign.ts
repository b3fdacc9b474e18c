/** Signs a built Solana transfer through the keyring's callback; the signature is verified (ed25519) before use. */
import { ed25519 } from '@noble/curves/ed25519.js';
import { PublicKey, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import type { SolanaSigner } from '../ChainAdapter';
import { InvalidSignatureError } from '../errors';
import type { SolanaBuiltTransfer } from './transfer';

export interface SolanaSignedTransfer { built: SolanaBuiltTransfer; transaction: VersionedTransaction; signature: string }

export async function signSolanaTransfer(built: SolanaBuiltTransfer, signer: SolanaSigner): Promise<SolanaSignedTransfer> {
  const message = built.message.serialize();
  const sig = await signer({ family: 'solana', from: built.from, message: new Uint8Array(message) });
  if (!(sig instanceof Uint8Array) || sig.length !== 64) throw new InvalidSignatureError('The signer must return a 64-byte signature');
  let ok = false;
  try {
    ok = ed25519.verify(sig, message, new PublicKey(built.from).toBytes());
  } catch {
    ok = false;
  }
  if (!ok) throw new InvalidSignatureError('The signature does not verify for the sending account and this transaction', { from: built.from });
  const transaction = new VersionedTransaction(built.message, [sig]);
  return { built, transaction, signature: bs58.encode(sig) };
}
