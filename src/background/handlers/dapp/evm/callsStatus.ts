/** EIP-5792 (version 2.0.0): wallet_getCapabilities, wallet_getCallsStatus, wallet_showCallsStatus. */
import { numberToHex, type Hex } from 'viem';
import { InvalidParamsError, MeridianError } from '../../../../shared/errors';
import type { DappContext, DappHandler } from '../context';
import { permittedAccount } from './accounts';
import { CALLS_VERSION, UnknownBatchIdError, findBatch, type CallBatch } from './callBatches';
import { arr } from './util';

const HEX_CHAIN = /^0x[0-9a-fA-F]+$/;

/**
 * Per chain the wallet knows (all of them, or those asked for): `atomic` is "unsupported", honestly — calls are sent
 * one transaction at a time. A chain the wallet does not know is left out.
 */
export const walletGetCapabilities: DappHandler = async (p, ctx) => {
  const [address, chainIds] = arr(p);
  if (address !== undefined && address !== null) await permittedAccount(ctx, address);
  if (chainIds !== undefined && chainIds !== null && (!Array.isArray(chainIds) || !chainIds.every((c) => typeof c === 'string' && HEX_CHAIN.test(c)))) {
    throw new InvalidParamsError('The chain ids must be an array of hexadecimal chain ids.');
  }
  const known = new Set((await ctx.customNetworks.all()).flatMap((n) => (n.family === 'evm' ? [n.chainId] : [])));
  const wanted = Array.isArray(chainIds) ? (chainIds as string[]).map((c) => Number(BigInt(c))) : [...known];
  const out: Record<string, { atomic: { status: 'unsupported' } }> = {};
  for (const id of wanted) if (known.has(id)) out[numberToHex(id)] = { atomic: { status: 'unsupported' } };
  return out;
};

async function batchOf(p: unknown, ctx: DappContext): Promise<CallBatch> {
  const [id] = arr(p);
  if (typeof id !== 'string' || id.length === 0) throw new InvalidParamsError('Expected a batch id.');
  const batch = await findBatch(ctx.local, ctx.origin, id);
  if (!batch) throw new UnknownBatchIdError('No batch with this id was sent from this site.');
  return batch;
}

type RpcReceipt = { status?: Hex; blockHash: Hex; blockNumber: Hex; gasUsed: Hex; transactionHash: Hex; logs?: Array<{ address: Hex; data: Hex; topics: Hex[] }> };

/**
 * 100 while any sent call has no receipt; then 200 when every call was sent and succeeded, 500 when every sent call
 * reverted (nothing but gas changed), 600 otherwise (some changes landed: a call reverted, or a later call could not
 * be sent). `atomic` is false: the calls are separate transactions.
 */
export function statusCode(batch: Pick<CallBatch, 'calls' | 'hashes'>, receipts: ReadonlyArray<{ status?: string } | null>): 100 | 200 | 500 | 600 {
  if (receipts.some((r) => r === null)) return 100;
  const ok = receipts.filter((r) => r?.status === '0x1').length;
  if (ok === batch.calls) return 200;
  if (ok === 0) return 500;
  return 600;
}

export const walletGetCallsStatus: DappHandler = async (p, ctx) => {
  const batch = await batchOf(p, ctx);
  const network = await ctx.networks.evmByChainId(batch.chainId);
  if (!network) throw new MeridianError('The network of this batch is no longer in the wallet.');
  const outcomes = await ctx.networks.transport(network).batch(batch.hashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })));
  const receipts = outcomes.map((o) => {
    if (!o?.ok) throw new MeridianError('The network did not answer for the receipts of this batch.');
    return (o.result ?? null) as RpcReceipt | null;
  });
  return {
    version: CALLS_VERSION, id: batch.id, chainId: numberToHex(batch.chainId), status: statusCode(batch, receipts), atomic: false,
    receipts: receipts.filter((r): r is RpcReceipt => r !== null).map((r) => ({
      logs: (r.logs ?? []).map((l) => ({ address: l.address, data: l.data, topics: l.topics })),
      status: r.status ?? '0x0', blockHash: r.blockHash, blockNumber: r.blockNumber, gasUsed: r.gasUsed, transactionHash: r.transactionHash,
    })),
  };
};

/** Opens the wallet's Activity on the batch's transactions. */
export const walletShowCallsStatus: DappHandler = async (p, ctx) => {
  const batch = await batchOf(p, ctx);
  await ctx.showActivity?.(batch.hashes);
  return null;
};
