import type { SolanaNetwork } from '../ChainAdapter';
import type { ActivityStore } from '../activityRecord';
import type { RpcTransport } from '../rpcTransport';

export interface SolanaContext {
  network: SolanaNetwork;
  transport: RpcTransport;
  now: () => number;
  activity?: ActivityStore;
}
