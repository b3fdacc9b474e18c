/**
 * One poll of an EVM transaction: receipt → confirmed / failed; no receipt but the account's mined nonce moved past
 * ours → replaced (another transaction took the nonce); unknown to the node for `dropAfterMs` → dropped.
 */
import type { TrackHandle, TrackResult } from '../ChainAdapter';
import type { RpcOutcome } from '../rpcTransport';
import { unwrap } from '../rpcTransport';
import type { EvmContext } from './context';
import { fromQuantity } from './hex';

interface Receipt { status?: string; gasUsed?: string; effectiveGasPrice?: string; gasPrice?: string; blockNumber?: string }

function fromReceipt(r: Receipt): TrackResult {
  const price = r.effectiveGasPrice ?? r.gasPrice;
  const fee = r.gasUsed && price ? fromQuantity(r.gasUsed) * fromQuantity(price) : undefined;
  return {
    status: r.status === '0x1' ? 'confirmed' : 'failed',
    ...(fee !== undefined ? { fee } : {}),
    ...(r.blockNumber ? { blockNumber: fromQuantity(r.blockNumber) } : {}),
    ...(r.status === '0x1' ? {} : { error: 'execution reverted' }),
  };
}

export async function trackEvmTransaction(ctx: EvmContext, h: TrackHandle): Promise<TrackResult> {
  const [receipt, tx, count] = await ctx.transport.batch([
    { method: 'eth_getTransactionReceipt', params: [h.id] },
    { method: 'eth_getTransactionByHash', params: [h.id] },
    { method: 'eth_getTransactionCount', params: [h.from, 'latest'] },
  ]);
  const r = unwrap<Receipt | null>(receipt, 'eth_getTransactionReceipt');
  if (r) return fromReceipt(r);
  const mined = Number(fromQuantity(unwrap<string>(count, 'eth_getTransactionCount')));
  if (h.nonce !== undefined && mined > h.nonce) {
    // Our nonce is used. Ask once more for our receipt (it may have been mined between the calls above).
    const again = await ctx.transport.request<Receipt | null>('eth_getTransactionReceipt', [h.id]);
    return again ? fromReceipt(again) : { status: 'replaced' };
  }
  const known = (tx as RpcOutcome<unknown> | undefined)?.ok && (tx as { result: unknown }).result !== null;
  if (!known && ctx.now() - h.submittedAt > ctx.dropAfterMs) return { status: 'dropped' };
  return { status: 'pending' };
}
