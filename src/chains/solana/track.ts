/**
 * One poll of a Solana transaction by getSignatureStatuses (no websockets): confirmed/finalized → confirmed (or
 * failed when it carries an error); unknown and the block height past the blockhash's lastValidBlockHeight →
 * expired (it can never land), instead of waiting forever.
 */
import type { TrackHandle, TrackResult } from '../ChainAdapter';
import { unwrap } from '../rpcTransport';
import type { SolanaContext } from './context';

interface Status { slot: number; err: unknown; confirmationStatus?: string | null }

async function statusOf(ctx: SolanaContext, signature: string): Promise<{ status: Status | null; height: number }> {
  const [st, bh] = await ctx.transport.batch([
    { method: 'getSignatureStatuses', params: [[signature], { searchTransactionHistory: true }] },
    { method: 'getBlockHeight', params: [{ commitment: 'confirmed' }] },
  ]);
  const value = unwrap<{ value: (Status | null)[] }>(st, 'getSignatureStatuses').value;
  return { status: value[0] ?? null, height: Number(unwrap<number>(bh, 'getBlockHeight')) };
}

export async function trackSolanaTransaction(ctx: SolanaContext, h: TrackHandle): Promise<TrackResult> {
  const first = await statusOf(ctx, h.id);
  let status = first.status;
  const height = first.height;
  if (!status && h.lastValidBlockHeight !== undefined && height > h.lastValidBlockHeight) {
    // It may have landed between the two reads of the batch: ask once more before calling it expired.
    ({ status } = await statusOf(ctx, h.id));
    if (!status) return { status: 'expired' };
  }
  if (!status) return { status: 'pending' };
  if (status.err) return { status: 'failed', error: JSON.stringify(status.err), blockNumber: BigInt(status.slot) };
  if (status.confirmationStatus === 'confirmed' || status.confirmationStatus === 'finalized') {
    return { status: 'confirmed', blockNumber: BigInt(status.slot) };
  }
  return { status: 'pending' };
}
