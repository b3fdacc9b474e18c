import type { CustomNetworkStore } from '../../stores/customNetworkStore';
import type { NonceTrackers } from '../../../chains/evm/nonceTracker';
import type { DappEvent } from '../../../shared/protocol/envelope';
import type { Approvals } from '../../dapp/approvals';
import type { NetworkSelection } from '../../dapp/networkSelection';
import type { Permissions } from '../../dapp/permissions';
import type { StorageArea } from '../../storageArea';
import type { Wallet } from '../../wallet';
import type { Activity } from '../../portfolio/activity';

/** Everything a dapp handler may use. `origin` comes from the port's sender, never from the page. */
export type DappContext = {
  origin: string;
  wallet: Wallet;
  permissions: Permissions;
  approvals: Approvals;
  networks: NetworkSelection;
  customNetworks: CustomNetworkStore;
  local: StorageArea;
  now: () => number;
  /** EVM nonces per chain, shared with the wallet's own sends. */
  nonces: NonceTrackers;
  /** Where dapp transactions are recorded and followed (the wallet's Activity); absent in tests that do not look. */
  activity?: Pick<Activity, 'recordSent' | 'markUnconfirmed' | 'forget'>;
  /** Opens the wallet's Activity on these transactions (wallet_showCallsStatus); absent in tests that do not look. */
  showActivity?(txIds: readonly string[]): Promise<void>;
  /** Push an event to every open page of one origin. */
  emit(origin: string, ev: DappEvent): void;
  /** Push an event to every connected origin of a family. */
  emitConnected(family: 'evm' | 'solana', ev: (origin: string) => DappEvent | null): Promise<void>;
};

export type DappHandler = (params: unknown, ctx: DappContext) => Promise<unknown>;
