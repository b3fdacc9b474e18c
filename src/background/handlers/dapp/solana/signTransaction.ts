/** solana:signTransaction and solana:signAndSendTransaction: decode, ask, sign in the account's signer slot (and send). */
import { VersionedTransaction } from '@solana/web3.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import type { SolanaNetwork } from '../../../../chains/ChainAdapter';
import { base64ToBytes, bytesToBase64 } from '../../../../shared/encoding';
import { InvalidParamsError, MeridianError } from '../../../../shared/errors';
import type { Warning } from '../../../../shared/approval';
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

export { SOLANA_CHAINS, solanaStandardChain } from './util';
import { SOLANA_CHAINS } from './util';

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

/** Most transactions one request may carry (one window lists them all; each is simulated before it shows). */
export const MAX_BATCH = 10;

type Prepared = { account: string; tx: VersionedTransaction; slot: number; item: { decoded: ReturnType<typeof decodeSolanaTransaction>; fee: string; whatHappens: ReturnType<typeof solanaPreviewView> }; warnings: Warning[] };

/** Decode, simulate (lookup tables resolved first, so no account hides behind one) and run the rules for one input. */
async function prepare(p: Record<string, unknown>, ctx: DappContext, network: SolanaNetwork): Promise<Prepared> {
  const account = await permittedAccount(ctx, p.account);
  const { tx, bytes } = parseTransaction(p.transaction);
  const signers = tx.message.staticAccountKeys.slice(0, tx.message.header.numRequiredSignatures).map((k) => k.toBase58());
  const slot = signers.indexOf(account);
  if (slot < 0) throw new InvalidParamsError('The account is not a signer of this transaction.');
  const known = await ctx.wallet.knownAddresses('solana');
  const preview = await previewSolanaTransaction(bytesToBase64(bytes), { transport: ctx.networks.transport(network), ownAccounts: known.addresses });
  const lookupKeys = preview.status === 'simulated' ? preview.keys.keys.slice(tx.message.staticAccountKeys.length) : undefined;
  const decoded = decodeSolanaTransaction(bytesToBase64(bytes), lookupKeys);
  const facts = { ...(await storedFacts(ctx, { networkId: network.id, address: account })), solanaChain: network.id };
  const { warnings } = riskWarnings('solana-transaction', { decoded, account }, facts, solanaTransactionWarnings(decoded, { account }));
  return { account, tx, slot, item: { decoded, fee: estimateSolanaFee(decoded), whatHappens: solanaPreviewView(preview) }, warnings };
}

/**
 * The inputs of one call: `{ inputs: [...] }` (several transactions: one window lists them all) or one input. All of
 * one call must be for one account and one cluster (the window names one of each).
 */
function inputsOf(params: unknown): Record<string, unknown>[] {
  const p = obj(params);
  if (p.inputs === undefined) return [p];
  if (!Array.isArray(p.inputs) || p.inputs.length === 0) throw new InvalidParamsError('inputs must be a non-empty array of transactions.');
  if (p.inputs.length > MAX_BATCH) throw new InvalidParamsError(`At most ${MAX_BATCH} transactions per request.`);
  return p.inputs.map((x) => obj(x));
}

/** Ask once for every input (in order), then sign each message with the account's key in its signer slot. */
async function approveAndSign(params: unknown, ctx: DappContext, send: boolean): Promise<{ txs: VersionedTransaction[]; network: SolanaNetwork; inputs: Record<string, unknown>[] }> {
  const inputs = inputsOf(params);
  const chains = new Set(inputs.map((i) => i.chain));
  if (chains.size > 1) throw new InvalidParamsError('All transactions of one request must be for one cluster.');
  const network = await networkFor(ctx, inputs[0]!.chain);
  const prepared: Prepared[] = [];
  for (const input of inputs) prepared.push(await prepare(input, ctx, network));
  const account = prepared[0]!.account;
  if (prepared.some((x) => x.account !== account)) throw new InvalidParamsError('All transactions of one request must be signed by one account.');
  const single = prepared.length === 1;
  // Several: each warning says which transaction it is about; the first one's preview leads nothing (each shows its own).
  const warnings = single ? prepared[0]!.warnings
    : prepared.flatMap((x, i) => x.warnings.map((w) => ({ ...w, message: `Transaction ${i + 1}: ${w.message}`, transaction: i + 1 })));
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'solana', kind: 'solana-sign-transaction', network: { id: network.id, name: network.name }, account,
    details: single ? { ...prepared[0]!.item, send } : { batch: prepared.map((x) => x.item), send }, warnings, createdAt: ctx.now(),
  });
  const txs: VersionedTransaction[] = [];
  for (const x of prepared) {
    const signature = await withSeed(ctx, account, (seed) => ed25519.sign(x.tx.message.serialize(), seed));
    x.tx.signatures[x.slot] = signature;
    txs.push(x.tx);
  }
  return { txs, network, inputs };
}

export const signTransaction: DappHandler = async (p, ctx) => {
  const { txs } = await approveAndSign(p, ctx, false);
  const outputs = txs.map((tx) => ({ signedTransaction: bytesToBase64(tx.serialize()) }));
  return obj(p).inputs === undefined ? outputs[0] : outputs;
};

export const signAndSendTransaction: DappHandler = async (p, ctx) => {
  const { txs, network, inputs } = await approveAndSign(p, ctx, true);
  // Sent one after another, in input order (a later one may depend on an earlier one).
  const outputs: { signature: string }[] = [];
  for (const [i, tx] of txs.entries()) {
    try {
      outputs.push({ signature: await sendOne(ctx, network, tx, obj(inputs[i]!.options)) });
    } catch (e) {
      // What was already sent stays sent: the page learns those signatures with the error.
      if (outputs.length > 0 && e instanceof MeridianError) throw new (e.constructor as typeof MeridianError)(e.message, { ...(e.data as object | undefined), sent: outputs.map((o) => o.signature) });
      throw e;
    }
  }
  return obj(p).inputs === undefined ? outputs[0] : outputs;
};

/**
 * The transaction id is its first signature, known before sending. When no RPC answers (it may have landed) or a node
 * says it already has it (an earlier attempt landed), the page gets that id rather than an error that invites a
 * second payment.
 */
async function sendOne(ctx: DappContext, network: SolanaNetwork, tx: VersionedTransaction, options: Record<string, unknown>): Promise<string> {
  const expected = bs58.encode(tx.signatures[0]!);
  let sig: string;
  try {
    sig = await ctx.networks.transport(network).request<string>('sendTransaction', [bytesToBase64(tx.serialize()), {
      encoding: 'base64', skipPreflight: options.skipPreflight === true,
      preflightCommitment: typeof options.preflightCommitment === 'string' ? options.preflightCommitment : 'confirmed',
      ...(typeof options.maxRetries === 'number' ? { maxRetries: options.maxRetries } : {}),
    }]);
  } catch (e) {
    if (e instanceof RpcUnavailableError || (e instanceof RpcResponseError && /already (been )?processed/i.test(e.message))) return expected;
    throw e;
  }
  if (sig !== expected) throw new MeridianError('The network returned an unexpected signature.');
  return sig;
}
