/**
 * What every popup handler file shares: the context the dispatcher passes and the helpers that fetch an optional
 * service from it. index.ts, send.ts and walletUi.ts import this; nothing here imports them (no cycle).
 */
import { NotFoundError } from '../../../shared/errors';
import type { Approvals } from '../../dapp/approvals';
import type { Permissions } from '../../dapp/permissions';
import type { Wallet } from '../../wallet';
import type { StorageArea } from '../../storageArea';
import type { NetworkSelection } from '../../dapp/networkSelection';
import type { CustomNetworkStore } from '../../stores/customNetworkStore';
import type { Network } from '../../../chains/ChainAdapter';
import type { WalletUi } from '../../portfolio/createWalletUi';

export type PopupContext = {
  wallet: Wallet;
  local?: StorageArea;
  networks?: NetworkSelection;
  customNetworks?: CustomNetworkStore;
  now?: () => number;
  approvals?: Approvals;
  permissions?: Permissions;
  /** Tell the pages of an origin that it lost its connection (accountsChanged [] / Wallet Standard change). */
  onRevoked?: (origin: string, families: Array<'evm' | 'solana'>) => void;
  /** Tell open pages that the network sites use changed (EIP-1193 chainChanged; Wallet Standard change). */
  onDappNetworkChanged?: (network: Network) => void;
  /** Portfolio, networks, tokens, send, activity, address book (src/background/portfolio). */
  ui?: WalletUi;
};

/** An optional service of the context, or NotFoundError naming it. */
export const need = <T>(x: T | undefined, what: string): T => {
  if (!x) throw new NotFoundError(`${what} is not available.`);
  return x;
};

/** The wallet UI services (portfolio, networks, tokens, send, activity, address book). */
export const ui = (ctx: PopupContext): WalletUi => {
  if (!ctx.ui) throw new NotFoundError('The wallet UI services are not available.');
  return ctx.ui;
};

/** The extension's local storage. */
export const local = (ctx: PopupContext): StorageArea => {
  if (!ctx.local) throw new NotFoundError('Storage is not available.');
  return ctx.local;
};
