/** One adapter per network and RPC URL list, kept while the worker lives (EVM nonces, backed-off URLs). */
import type { Network } from '../../chains/ChainAdapter';
import type { ActivityStore } from '../../chains/activityRecord';
import { createChainAdapter } from '../../chains/createChainAdapter';
import type { EvmAdapter } from '../../chains/evm/adapter';
import type { NonceTrackers } from '../../chains/evm/nonceTracker';
import type { FetchLike } from '../../chains/rpcTransport';
import type { SolanaAdapter } from '../../chains/solana/adapter';

export type AnyAdapter = EvmAdapter | SolanaAdapter;

export function createAdapterCache(deps: { activity: ActivityStore; now: () => number; fetch?: FetchLike; nonces?: NonceTrackers }) {
  const cache = new Map<string, AnyAdapter>();
  return {
    get(network: Network): AnyAdapter {
      const key = `${network.id}|${network.rpcUrls.join(',')}`;
      let a = cache.get(key);
      if (!a) {
        a = createChainAdapter(network, {
          activity: deps.activity, now: deps.now, ...(deps.fetch ? { fetch: deps.fetch } : {}),
          ...(deps.nonces && network.family === 'evm' ? { nonces: deps.nonces.for(network.chainId) } : {}),
        });
        cache.set(key, a);
      }
      return a;
    },
    clear: () => cache.clear(),
  };
}
export type AdapterCache = ReturnType<typeof createAdapterCache>;
