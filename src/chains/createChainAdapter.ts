/** The registry line per family: a network → its adapter. */
import type { Network } from './ChainAdapter';
import type { ActivityStore } from './activityStore';
import { createEvmAdapter, type EvmAdapter } from './evm/adapter';
import type { FetchLike } from './rpcTransport';
import { createSolanaAdapter, type SolanaAdapter } from './solana/adapter';

export interface AdapterDeps { fetch?: FetchLike; now?: () => number; activity?: ActivityStore }

export function createChainAdapter(network: Network, deps: AdapterDeps = {}): EvmAdapter | SolanaAdapter {
  return network.family === 'evm' ? createEvmAdapter({ network, ...deps }) : createSolanaAdapter({ network, ...deps });
}
