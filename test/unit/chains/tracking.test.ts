import { describe, expect, it } from 'vitest';
import type { EvmNetwork, SolanaNetwork } from '../../../src/chains/ChainAdapter';
import { createNonceTracker } from '../../../src/chains/evm/nonceTracker';
import { trackEvmTransaction } from '../../../src/chains/evm/track';
import { trackSolanaTransaction } from '../../../src/chains/solana/track';
import { waitForTransaction } from '../../../src/chains/waitForTransaction';
import { fakeTransport } from './fakeTransport';

const evmNet = { family: 'evm', id: 'eip155:1', chainId: 1 } as EvmNetwork;
const solNet = { family: 'solana', id: 'solana:devnet' } as SolanaNetwork;

function evmCtx(state: { receipt?: unknown; tx?: unknown; count: number }, now = 0) {
  const transport = fakeTransport((c) => {
    if (c.method === 'eth_getTransactionReceipt') return state.receipt ?? null;
    if (c.method === 'eth_getTransactionByHash') return state.tx ?? null;
    if (c.method === 'eth_getTransactionCount') return `0x${state.count.toString(16)}`;
    throw new Error(c.method);
  });
  return { network: evmNet, transport, now: () => now, nonces: createNonceTracker(() => now), minPriorityFee: 0n, dropAfterMs: 1000 };
}
const h = { networkId: 'eip155:1', id: '0xhash', from: '0xA', submittedAt: 0, nonce: 4 };

describe('EVM tracking', () => {
  it('pending → confirmed with the fee gasUsed × effectiveGasPrice; reverted → failed', async () => {
    expect(await trackEvmTransaction(evmCtx({ tx: {}, count: 4 }), h)).toEqual({ status: 'pending' });
    expect(await trackEvmTransaction(evmCtx({ receipt: { status: '0x1', gasUsed: '0x5208', effectiveGasPrice: '0x3b9aca00', blockNumber: '0x10' }, count: 5 }), h))
      .toEqual({ status: 'confirmed', fee: 21000n * 1_000_000_000n, blockNumber: 16n });
    expect((await trackEvmTransaction(evmCtx({ receipt: { status: '0x0', gasUsed: '0x1', effectiveGasPrice: '0x1' }, count: 5 }), h)).status).toBe('failed');
  });
  it('replaced when the nonce is used by another mined transaction; dropped when unknown for too long', async () => {
    expect(await trackEvmTransaction(evmCtx({ count: 5 }), h)).toEqual({ status: 'replaced' });
    expect(await trackEvmTransaction(evmCtx({ count: 4 }, 500), h)).toEqual({ status: 'pending' });
    expect(await trackEvmTransaction(evmCtx({ count: 4 }, 5000), h)).toEqual({ status: 'dropped' });
    expect(await trackEvmTransaction(evmCtx({ tx: {}, count: 4 }, 5000), h)).toEqual({ status: 'pending' }); // still in the mempool
  });
});

describe('Solana tracking', () => {
  const ctx = (status: unknown, height: number) => ({
    network: solNet, now: () => 0,
    transport: fakeTransport((c) => (c.method === 'getBlockHeight' ? height : { context: { slot: 1 }, value: [status] })),
  });
  const sh = { networkId: 'solana:devnet', id: 'sig', from: 'A', submittedAt: 0, lastValidBlockHeight: 100 };
  it('confirmed / failed / processed-pending / expired', async () => {
    expect(await trackSolanaTransaction(ctx({ slot: 7, err: null, confirmationStatus: 'confirmed' }, 50), sh)).toEqual({ status: 'confirmed', blockNumber: 7n });
    expect((await trackSolanaTransaction(ctx({ slot: 7, err: { InstructionError: [0, 'x'] }, confirmationStatus: 'confirmed' }, 50), sh)).status).toBe('failed');
    expect(await trackSolanaTransaction(ctx({ slot: 7, err: null, confirmationStatus: 'processed' }, 50), sh)).toEqual({ status: 'pending' });
    expect(await trackSolanaTransaction(ctx(null, 100), sh)).toEqual({ status: 'pending' });
    expect(await trackSolanaTransaction(ctx(null, 101), sh)).toEqual({ status: 'expired' });
  });
  it('waitForTransaction polls until final and gives up (pending) at its timeout', async () => {
    let height = 98;
    const c = { network: solNet, now: () => 0, transport: fakeTransport((call) => (call.method === 'getBlockHeight' ? height++ : { value: [null] })) };
    let t = 0;
    const r = await waitForTransaction({ track: (x) => trackSolanaTransaction(c, x) }, sh, { now: () => t, sleep: async () => void (t += 10), intervalMs: 10, timeoutMs: 1000 });
    expect(r.status).toBe('expired');
    const stuck = await waitForTransaction({ track: async () => ({ status: 'pending' as const }) }, sh, { now: () => t, sleep: async () => void (t += 10), timeoutMs: 50 });
    expect(stuck.status).toBe('pending');
  });
});
