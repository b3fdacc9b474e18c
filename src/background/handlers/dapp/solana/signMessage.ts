/**
 * solana:signMessage: sign arbitrary bytes (SIWS text is recognised and checked). Bytes that are a transaction
 * message are refused: their signature would authorise that transaction, which belongs in signTransaction where the
 * user sees it decoded.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { VersionedMessage } from '@solana/web3.js';
import { base64ToBytes, bytesToBase64 } from '../../../../shared/encoding';
import { InvalidParamsError } from '../../../../shared/errors';
import { requireApproved } from '../../../dapp/approvals';
import { parseSiws, siwsWarnings } from '../../../dapp/decode/siwe';
import type { DappHandler } from '../context';
import { permittedAccount } from './accounts';
import { obj, withSeed } from './util';

export const signMessage: DappHandler = async (p, ctx) => {
  const q = obj(p);
  const account = await permittedAccount(ctx, q.account);
  let message: Uint8Array;
  try { message = base64ToBytes(q.message as string); } catch { throw new InvalidParamsError('message must be base64 bytes.'); }
  if (message.length > 64 * 1024) throw new InvalidParamsError('The message is too long.');
  if (isTransactionMessage(message)) {
    throw new InvalidParamsError('This message is a Solana transaction; a site must ask for it with signTransaction, not signMessage.');
  }
  const text = (() => { try { return new TextDecoder('utf-8', { fatal: true }).decode(message); } catch { return null; } })();
  const siws = text ? parseSiws(text) : null;
  const network = await ctx.networks.solana();
  const warnings = siws ? siwsWarnings(siws, { origin: ctx.origin, accounts: [account] }) : [];
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'solana', kind: 'solana-sign-message', network: { id: network.id, name: network.name }, account,
    details: { text, hex: Array.from(message, (b) => b.toString(16).padStart(2, '0')).join(''), siws }, warnings, createdAt: ctx.now(),
  });
  const signature = await withSeed(ctx, account, (seed) => ed25519.sign(message, seed));
  return { signedMessage: bytesToBase64(message), signature: bytesToBase64(signature) };
};

/** True when the bytes are exactly a serialized legacy or v0 transaction message. */
export function isTransactionMessage(bytes: Uint8Array): boolean {
  try {
    const m = VersionedMessage.deserialize(bytes);
    const again = m.serialize();
    return again.length === bytes.length && again.every((b, i) => b === bytes[i]);
  } catch {
    return false;
  }
}
