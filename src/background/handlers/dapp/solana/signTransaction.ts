/** solana:signTransaction and solana:signAndSendTransaction: decode, ask, sign in the account's signer slot (and send). */
import { VersionedTransaction } from '@solana/web3.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import type { SolanaNetwork } from '../../../../chains/ChainAdapter';
import { base64ToBytes, bytesToBase64 } from '../../../../shared/encoding';
import { InvalidParamsError, MeridianError } from '../../../../shared/errors';
import { requireApproved } from '../../../dapp/approvals';
import { decodeSolanaTransaction, estimateSolanaFee, solanaTransactionWarnings } from '../../../dapp/decode/solanaTransaction';
import type { DappContext, DappHandler } from '../context';
import { permittedAccount } from './accounts';
import { obj, withSeed } from './util';

export const SOLANA_CHAINS = ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'] as const;

async function networkFor(ctx: DappContext, chain: unknown): Promise<SolanaNetwork> {
  if (chain === undefined) return ctx.networks.solana();
  if (typeof chain !== 'string' || !(SOLANA_CHAINS as readonly string[]).includes(chain)) throw new InvalidParamsError('Unsupported chain.');
  const n = (await ctx.customNetworks.all()).find((x) => x.id === chain);
  if (n?.family !== 'solana') throw new InvalidParamsError('Unsupported chain.');
  return n;
}

function parseTransaction(b64: unknown): { tx: VersionedTransaction; bytes: Uint8Array } {
  if (typeof b64 !== 'string' || b64.length > 4 * 1232) throw new InvalidParamsError('transaction must be base64 (at most 1232 bytes).');
  try {
    const bytes = base64ToBytes(b64);
    return { tx: VersionedTransaction.deserialize(bytes), bytes };
  } catch {
    throw new InvalidParamsError('The transaction could not be decoded.');
  }
}

/** Ask, then sign the transaction's message with the account's key in its signer slot. */
async function approveAndSign(params: unknown, ctx: DappContext, send: boolean): Promise<{ tx: VersionedTransaction; network: SolanaNetwork }> {
  const p = obj(params);
  const account = await permittedAccount(ctx, p.account);
  const network = await networkFor(ctx, p.chain);
  const { tx, bytes } = parseTransaction(p.transaction);
  const signers = tx.message.staticAccountKeys.slice(0, tx.message.header.numRequiredSignatures).map((k) => k.toBase58());
  const slot = signers.indexOf(account);
  if (slot < 0) throw new InvalidParamsError('The account is not a signer of this transaction.');
  const decoded = decodeSolanaTransaction(bytesToBase64(bytes));
  requireApproved(await ctx.approvals.request({
    origin: ctx.origin, family: 'solana', kind: 'solana-sign-transaction', network: { id: network.id, name: network.name }, account,
    details: { decoded, fee: estimateSolanaFee(decoded), send }, warnings: solanaTransactionWarnings(decoded, { account }), createdAt: ctx.now(),
  }));
  const signature = await withSeed(ctx, account, (seed) => ed25519.sign(tx.message.serialize(), seed));
  tx.signatures[slot] = signature;
  return { tx, network };
}

export const signTransaction: DappHandler = async (p, ctx) => {
  const { tx } = await approveAndSign(p, ctx, false);
  return { signedTransaction: bytesToBase64(tx.serialize()) };
};

export const signAndSendTransaction: DappHandler = async (p, ctx) => {
  const { tx, network } = await approveAndSign(p, ctx, true);
  const options = obj(obj(p).options);
  const sig = await ctx.networks.transport(network).request<string>('sendTransaction', [bytesToBase64(tx.serialize()), {
    encoding: 'base64', skipPreflight: options.skipPreflight === true,
    preflightCommitment: typeof options.preflightCommitment === 'string' ? options.preflightCommitment : 'confirmed',
    ...(typeof options.maxRetries === 'number' ? { maxRetries: options.maxRetries } : {}),
  }]);
  const expected = bs58.encode(tx.signatures[0]!);
  if (sig !== expected) throw new MeridianError('The network returned an unexpected signature.');
  return { signature: sig };
};
