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
import { RpcResponseError, RpcUnavailableError } from '../../../../chains/errors';
import { previewSolanaTransaction } from '../../../../chains/solana/preview/preview';
import { solanaPreviewView } from '../../../../chains/solana/preview/view';
import { runRules, throwIfRefused } from '../../../risk';
import { riskWarnings, storedFacts } from '../../../dapp/riskGlue';
import { permittedAccount } from './accounts';
import { obj, withSeed } from './util';

export const SOLANA_CHAINS = ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'] as const;

/**
 * The selected cluster. A request that names another cluster is refused (-32602): the window would name the page's
 * cluster while the signed transaction is valid on the selected one.
 */
async function networkFor(ctx: DappContext, chain: unknown): Promise<SolanaNetwork> {
  const selected = await ctx.networks.solana();
  if (chain === undefined) return selected;
  if (typeof chain !== 'string' || !(SOLANA_CHAINS as readonly string[]).includes(chain)) throw new InvalidParamsError('Unsupported chain.');
  throwIfRefused(runRules('solana-request', { chain }, { solanaChain: selected.id }));
  return selected;
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
  // What it does, simulated on the user's RPC (lookup tables resolved first, so no account hides behind one).
  const known = await ctx.wallet.knownAddresses('solana');
  const preview = await previewSolanaTransaction(bytesToBase64(bytes), { transport: ctx.networks.transport(network), ownAccounts: known.addresses });
  const lookupKeys = preview.status === 'simulated' ? preview.keys.keys.slice(tx.message.staticAccountKeys.length) : undefined;
  const decoded = decodeSolanaTransaction(bytesToBase64(bytes), lookupKeys);
  const facts = { ...(await storedFacts(ctx, { networkId: network.id, address: account })), solanaChain: network.id };
  const { warnings } = riskWarnings('solana-transaction', { decoded, account }, facts, solanaTransactionWarnings(decoded, { account }));
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'solana', kind: 'solana-sign-transaction', network: { id: network.id, name: network.name }, account,
    details: { decoded, fee: estimateSolanaFee(decoded), send, whatHappens: solanaPreviewView(preview) }, warnings, createdAt: ctx.now(),
  });
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
  // The transaction id is its first signature, known before sending. When no RPC answers (it may have landed) or a
  // node says it already has it (an earlier attempt landed), the page gets that id rather than an error that invites
  // a second payment.
  const expected = bs58.encode(tx.signatures[0]!);
  let sig: string;
  try {
    sig = await ctx.networks.transport(network).request<string>('sendTransaction', [bytesToBase64(tx.serialize()), {
      encoding: 'base64', skipPreflight: options.skipPreflight === true,
      preflightCommitment: typeof options.preflightCommitment === 'string' ? options.preflightCommitment : 'confirmed',
      ...(typeof options.maxRetries === 'number' ? { maxRetries: options.maxRetries } : {}),
    }]);
  } catch (e) {
    if (e instanceof RpcUnavailableError || (e instanceof RpcResponseError && /already (been )?processed/i.test(e.message))) return { signature: expected };
    throw e;
  }
  if (sig !== expected) throw new MeridianError('The network returned an unexpected signature.');
  return { signature: sig };
};
