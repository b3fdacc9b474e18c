import type { EvmNetwork } from '../ChainAdapter';
import type { ActivityStore } from '../activityRecord';
import type { RpcTransport } from '../rpcTransport';
import type { NonceTracker } from './nonceTracker';

/** What the EVM adapter's parts share (everything injected; no globals). */
export interface EvmContext {
  network: EvmNetwork;
  transport: RpcTransport;
  now: () => number;
  nonces: NonceTracker;
  activity?: ActivityStore;
  /** Floor for the priority fee (wei). */
  minPriorityFee: bigint;
  /** A transaction unknown to the node for this long is reported "dropped". */
  dropAfterMs: number;
}
