/** The Solana ChainAdapter (@solana/web3.js for messages; our own transport for batching and failover). */
import { Buffer } from 'buffer';
import type { BalanceRequest, BalanceSnapshot, BroadcastHandle, ChainAdapter, FeeEstimate, SolanaNetwork, SolanaSigner, TrackHandle, TrackResult, TransferRequest } from '../ChainAdapter';
import type { ActivityStore } from '../activityRecord';
import { BroadcastError, RpcUnavailableError } from '../errors';
import { createRpcTransport, networkCheckFor, type FetchLike, type RpcTransport } from '../rpcTransport';
import { isValidSolanaAddress, validateSolanaAddress } from './address';
import { readSolanaBalances } from './balances';
import type { SolanaContext } from './context';
import { signSolanaTransfer, type SolanaSignedTransfer } from './sign';
import { readSolanaToken } from './tokenInfo';
import { trackSolanaTransaction } from './track';
import { buildSolanaTransfer, describeSolanaTransfer, type SolanaBuiltTransfer } from './transfer';

export interface SolanaAdapterOptions {
  network: SolanaNetwork;
  transport?: RpcTransport;
  fetch?: FetchLike;
  now?: () => number;
  /** Per-attempt RPC timeout of the default transport (default 10 s). */
  timeoutMs?: number;
  activity?: ActivityStore;
}

export type SolanaAdapter = ChainAdapter<SolanaNetwork, SolanaBuiltTransfer, SolanaSigner, SolanaSignedTransfer> & { readonly transport: RpcTransport };

export function createSolanaAdapter(opts: SolanaAdapterOptions): SolanaAdapter {
  const now = opts.now ?? (() => Date.now());
  // A network that pins its genesis hash refuses URLs of another cluster (asked in the first batch sent to each URL).
  const transport = opts.transport ?? createRpcTransport({
    urls: opts.network.rpcUrls, exactIntegers: true, ...(opts.fetch ? { fetch: opts.fetch } : {}), now, check: networkCheckFor(opts.network),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
  const ctx: SolanaContext = { network: opts.network, transport, now, ...(opts.activity ? { activity: opts.activity } : {}) };

  /** sendTransaction of the signed wire bytes; "already processed" means a node has it (an earlier send landed). */
  async function sendWire(signature: string, wire: string): Promise<void> {
    const [res] = await transport.batch([{ method: 'sendTransaction', params: [wire, { encoding: 'base64', preflightCommitment: 'confirmed' }] }]);
    if (!res?.ok) {
      if (/already (been )?processed/i.test(res?.error.message ?? '')) return;
      throw new BroadcastError(`The node refused the transaction: ${res?.error.message ?? 'no answer'}`, { rpcCode: res?.error.code, rpcData: res?.error.data });
    }
    if (res.result !== signature) throw new BroadcastError('The node answered another signature than the transaction carries');
  }

  return {
    family: 'solana',
    network: opts.network,
    transport,
    isValidAddress: isValidSolanaAddress,
    validateAddress: (a) => validateSolanaAddress(a),
    getBalances: (request: BalanceRequest): Promise<BalanceSnapshot> => readSolanaBalances(transport, opts.network, request, now),
    async estimateFees(req: TransferRequest): Promise<FeeEstimate> {
      const built = await buildSolanaTransfer(ctx, req);
      return { networkId: opts.network.id, tiers: built.tiers };
    },
    buildTransfer: (req) => buildSolanaTransfer(ctx, req),
    describe: (built) => describeSolanaTransfer(ctx, built),
    sign: (built, signer) => signSolanaTransfer(built, signer),

    async broadcast(signed: SolanaSignedTransfer): Promise<BroadcastHandle> {
      const b = signed.built;
      const wire = Buffer.from(signed.transaction.serialize()).toString('base64');
      const t = now();
      const handle: TrackHandle = { networkId: b.networkId, id: signed.signature, from: b.from, submittedAt: t, lastValidBlockHeight: b.lastValidBlockHeight };
      // Recorded before it is sent: whatever happens next (no answer, a killed worker), the user sees it and can retry.
      await ctx.activity?.add({
        id: signed.signature, networkId: b.networkId, from: b.from, to: b.to, amount: b.amount.toString(),
        symbol: b.token?.symbol ?? opts.network.nativeCurrency.symbol,
        decimals: b.token?.decimals ?? opts.network.nativeCurrency.decimals,
        ...(b.token ? { token: b.token.address } : {}),
        fee: b.fee.maxFee.toString(), status: 'pending', createdAt: t, updatedAt: t, lastValidBlockHeight: b.lastValidBlockHeight, raw: wire,
      });
      try {
        await sendWire(signed.signature, wire);
      } catch (e) {
        if (e instanceof RpcUnavailableError) {
          await ctx.activity?.update(b.networkId, b.from, signed.signature, { delivery: 'unconfirmed', updatedAt: now() });
          return { ...handle, delivery: 'unconfirmed' };
        }
        await ctx.activity?.remove(b.networkId, b.from, signed.signature);
        throw e;
      }
      return handle;
    },

    rebroadcast: (id, raw) => sendWire(id, raw),

    async track(handle: TrackHandle): Promise<TrackResult> {
      const r = await trackSolanaTransaction(ctx, handle);
      if (r.status !== 'pending') {
        await ctx.activity?.update(handle.networkId, handle.from, handle.id, {
          status: r.status, updatedAt: now(), ...(r.error ? { error: r.error } : {}), raw: undefined, delivery: undefined,
        });
      }
      return r;
    },

    readToken: (address) => readSolanaToken(transport, address),
  };
}
