/** The registry line per family: a network → its adapter. */
import type { Network } from './ChainAdapter';
import type { ActivityStore } from './activityRecord';
import { createEvmAdapter, type EvmAdapter } from './evm/adapter';
import type { NonceTracker } from './evm/nonceTracker';
import type { FetchLike } from './rpcTransport';
import { createSolanaAdapter, type SolanaAdapter } from './solana/adapter';

export interface AdapterDeps { fetch?: FetchLike; now?: () => number; activity?: ActivityStore; nonces?: NonceTracker }

export function createChainAdapter(network: Network, deps: AdapterDeps = {}): EvmAdapter | SolanaAdapter {
  if (network.family === 'evm') return createEvmAdapter({ network, ...deps });
  const { nonces: _evmOnly, ...rest } = deps;
  return createSolanaAdapter({ network, ...rest });
}
