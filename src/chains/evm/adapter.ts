/** The EVM ChainAdapter (viem for encoding/serialization; our own transport for batching and failover). */
import type { BalanceRequest, BalanceSnapshot, BroadcastHandle, ChainAdapter, EvmNetwork, EvmSigner, FeeEstimate, TrackHandle, TrackResult, TransferRequest } from '../ChainAdapter';
import { nonceFloor, type ActivityStore } from '../activityRecord';
import { BroadcastError, RpcUnavailableError, SimulationFailedError } from '../errors';
import { createRpcTransport, networkCheckFor, type FetchLike, type RpcOutcome, type RpcTransport } from '../rpcTransport';
import { isValidEvmAddress, validateEvmAddress } from './address';
import { readEvmBalances } from './balances';
import type { EvmContext } from './context';
import { fromQuantity } from './hex';
import { createNonceTracker, type NonceTracker } from './nonceTracker';
import { signEvmTransfer, type EvmSignedTransfer } from './sign';
import { readEvmToken } from './tokenInfo';
import { trackEvmTransaction } from './track';
import { buildEvmTransfer, checkEvmRequest, describeEvmTransfer, feeOptions, readEvmSendState, type EvmBuiltTransfer } from './transfer';

export interface EvmAdapterOptions {
  network: EvmNetwork;
  /** Default: a failover transport over `network.rpcUrls` with `fetch`/`now`. */
  transport?: RpcTransport;
  fetch?: FetchLike;
  now?: () => number;
  /** Per-attempt RPC timeout of the default transport (default 10 s). */
  timeoutMs?: number;
  activity?: ActivityStore;
  minPriorityFee?: bigint;
  dropAfterMs?: number;
  maxCallsPerMulticall?: number;
  /** The chain's shared tracker (background: one per chain id); a private one when absent. */
  nonces?: NonceTracker;
}

export type EvmAdapter = ChainAdapter<EvmNetwork, EvmBuiltTransfer, EvmSigner, EvmSignedTransfer> & {
  readonly transport: RpcTransport;
};

export function createEvmAdapter(opts: EvmAdapterOptions): EvmAdapter {
  const now = opts.now ?? (() => Date.now());
  // Every URL must answer eth_chainId = this chain (asked in the first batch sent to it): a URL serving another chain
  // never produces balances, fees or a broadcast for this one.
  const transport = opts.transport ?? createRpcTransport({
    urls: opts.network.rpcUrls, ...(opts.fetch ? { fetch: opts.fetch } : {}), now, check: networkCheckFor(opts.network),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
  const ctx: EvmContext = {
    network: opts.network, transport, now, nonces: opts.nonces ?? createNonceTracker(now),
    ...(opts.activity ? { activity: opts.activity } : {}),
    minPriorityFee: opts.minPriorityFee ?? 0n,
    dropAfterMs: opts.dropAfterMs ?? 30 * 60_000,
  };
  let noMulticall = false;

  /**
   * eth_sendRawTransaction. A refusal is checked against the node's view first: "nonce too low" or "already known"
   * after a failover may be our own transaction that an earlier URL accepted without answering.
   */
  async function sendRaw(hash: `0x${string}`, raw: `0x${string}`): Promise<void> {
    const [res] = await transport.batch([{ method: 'eth_sendRawTransaction', params: [raw] }]);
    if (res?.ok) return;
    if (/already known/i.test(res?.error.message ?? '')) return;
    const [known] = await transport.batch([{ method: 'eth_getTransactionByHash', params: [hash] }]).catch((): RpcOutcome[] => []);
    if (known?.ok && known.result) return;
    throw new BroadcastError(`The node refused the transaction: ${res?.error.message ?? 'no answer'}`, { rpcCode: res?.error.code });
  }

  return {
    family: 'evm',
    network: opts.network,
    transport,
    isValidAddress: isValidEvmAddress,
    validateAddress: validateEvmAddress,

    async getBalances(request: BalanceRequest): Promise<BalanceSnapshot> {
      const snap = await readEvmBalances(transport, opts.network, request, now, {
        noMulticall, ...(opts.maxCallsPerMulticall ? { maxCallsPerMulticall: opts.maxCallsPerMulticall } : {}),
      });
      if (opts.network.multicall3 && !snap.usedMulticall) noMulticall = true;
      const { usedMulticall: _, ...rest } = snap;
      return rest;
    },

    async estimateFees(req: TransferRequest): Promise<FeeEstimate> {
      const c = checkEvmRequest(ctx, req);
      const s = await readEvmSendState(ctx, c);
      if (s.gas === null) throw new SimulationFailedError(`Gas estimation failed: ${s.gasError ?? 'unknown error'}`);
      return { networkId: opts.network.id, tiers: feeOptions(s.gas, s.tiers, s.l1Fee) };
    },

    buildTransfer: (req) => buildEvmTransfer(ctx, req),
    describe: (built) => describeEvmTransfer(ctx, built),
    /** Reserves the nonce now (fresh pending count, skipping what this worker sent or is signing), then signs. */
    async sign(built, signer) {
      const pending = Number(fromQuantity(await transport.request<string>('eth_getTransactionCount', [built.from, 'pending']), 'nonce'));
      const recorded = nonceFloor((await ctx.activity?.list(built.networkId, built.from)) ?? []);
      const nonce = ctx.nonces.reserve(built.from, Math.max(pending, recorded));
      try {
        return await signEvmTransfer({ ...built, tx: { ...built.tx, nonce } }, signer);
      } catch (e) {
        ctx.nonces.release(built.from, nonce);
        throw e;
      }
    },

    async broadcast(signed: EvmSignedTransfer): Promise<BroadcastHandle> {
      const b = signed.built;
      const t = now();
      const handle: TrackHandle = { networkId: b.networkId, id: signed.hash, from: b.from, submittedAt: t, nonce: b.tx.nonce };
      // Recorded before it is sent: whatever happens next (no answer, a killed worker), the user sees it and can retry.
      await ctx.activity?.add({
        id: signed.hash, networkId: b.networkId, from: b.from, to: b.to, amount: b.amount.toString(),
        symbol: b.token?.symbol ?? opts.network.nativeCurrency.symbol,
        decimals: b.token?.decimals ?? opts.network.nativeCurrency.decimals,
        ...(b.token ? { token: b.token.address } : {}),
        fee: b.fee.maxFee.toString(), status: 'pending', createdAt: t, updatedAt: t, nonce: b.tx.nonce, raw: signed.serialized,
      });
      try {
        await sendRaw(signed.hash, signed.serialized);
      } catch (e) {
        if (e instanceof RpcUnavailableError) {
          // It may have landed: the nonce stays used (a new send must never take it) and the record stays pending.
          ctx.nonces.commit(b.from, b.tx.nonce);
          await ctx.activity?.update(b.networkId, b.from, signed.hash, { delivery: 'unconfirmed', updatedAt: now() });
          return { ...handle, delivery: 'unconfirmed' };
        }
        ctx.nonces.release(b.from, b.tx.nonce);
        await ctx.activity?.remove(b.networkId, b.from, signed.hash);
        throw e;
      }
      ctx.nonces.commit(b.from, b.tx.nonce);
      return handle;
    },

    rebroadcast: (id, raw) => sendRaw(id as `0x${string}`, raw as `0x${string}`),

    async track(handle: TrackHandle): Promise<TrackResult> {
      const r = await trackEvmTransaction(ctx, handle);
      if (r.status !== 'pending') {
        await ctx.activity?.update(handle.networkId, handle.from, handle.id, {
          status: r.status, updatedAt: now(), ...(r.fee !== undefined ? { fee: r.fee.toString() } : {}), ...(r.error ? { error: r.error } : {}),
          raw: undefined, delivery: undefined, // final: nothing left to re-send
        });
      }
      return r;
    },

    readToken: (address) => readEvmToken(transport, address),
  };
}
