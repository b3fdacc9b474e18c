import { PopupSchema } from '../../../shared/protocol/popupSchema';
import { createDispatcher, type Handlers } from '../../../shared/protocol/dispatch';
import { NotFoundError } from '../../../shared/errors';
import type { Approvals } from '../../dapp/approvals';
import type { Permissions } from '../../dapp/permissions';
import { parseMnemonic } from '../../vault/mnemonic';
import type { Wallet } from '../../wallet';
import type { StorageArea } from '../../storageArea';
import type { NetworkSelection } from '../../dapp/networkSelection';
import type { CustomNetworkStore } from '../../../chains/customNetworkStore';
import type { Network } from '../../../chains/ChainAdapter';
import type { WalletUi } from '../../portfolio/createWalletUi';
import { sendHandlers } from './send';
import { walletUiHandlers } from './walletUi';

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

const need = <T>(x: T | undefined, what: string): T => {
  if (!x) throw new NotFoundError(`${what} is not available.`);
  return x;
};

/** The popup channel's dispatch table: one entry per PopupSchema method. */
export const popupHandlers: Handlers<typeof PopupSchema, PopupContext> = {
  getState: async (_p, { wallet }) => wallet.getState(),
  validatePhrase: async ({ phrase }) => {
    const { wordCount, language } = parseMnemonic(phrase);
    return { wordCount, language };
  },
  setupWallet: async (p, { wallet }) => { await wallet.setupWallet(p); return null; },
  unlock: async (p, { wallet }) => { await wallet.unlock(p); return null; },
  lock: async (_p, { wallet }) => { await wallet.lock(); return null; },
  addAccount: async (_p, { wallet }) => wallet.addAccount(),
  renameAccount: async (p, { wallet }) => { await wallet.renameAccount(p); return null; },
  selectAccount: async (p, { wallet }) => { await wallet.selectAccount(p); return null; },
  importPrivateKey: async (p, { wallet }) => wallet.importPrivateKey(p),
  revealPhrase: async (p, { wallet }) => wallet.revealPhrase(p),
  exportPrivateKey: async (p, { wallet }) => wallet.exportPrivateKey(p),
  changePassword: async (p, { wallet }) => { await wallet.changePassword(p); return null; },
  enrolPasskey: async (p, { wallet }) => { await wallet.enrolPasskey(p); return null; },
  unlockWithPasskey: async (p, { wallet }) => { await wallet.unlockWithPasskey(p); return null; },
  removePasskey: async (_p, { wallet }) => { await wallet.removePasskey(); return null; },
  updateSettings: async (p, { wallet }) => wallet.updateSettings(p),
  getApprovalQueue: async (_p, ctx) => need(ctx.approvals, 'Approvals').current(),
  resolveApproval: async ({ id, approved, accounts }, ctx) => {
    if (approved && !(await ctx.wallet.isUnlocked())) throw new NotFoundError('Unlock the wallet first.');
    if (!need(ctx.approvals, 'Approvals').resolve(id, { approved, ...(accounts ? { accounts } : {}) })) {
      throw new NotFoundError('This request is no longer pending.');
    }
    return null;
  },
  rejectAllApprovals: async (_p, ctx) => { need(ctx.approvals, 'Approvals').rejectAll(); return null; },
  listConnectedSites: async (_p, ctx) => need(ctx.permissions, 'Permissions').list(),
  revokeSite: async ({ origin }, ctx) => {
    const families = await need(ctx.permissions, 'Permissions').revoke(origin);
    // Disconnected means now: the site's waiting requests end (4100), none can be approved later.
    ctx.approvals?.rejectSite(origin, families);
    ctx.onRevoked?.(origin, families);
    return null;
  },
  getDappNetworks: async (_p, ctx) => {
    const n = need(ctx.networks, 'Networks');
    return { evm: (await n.evm()).id, solana: (await n.solana()).id };
  },
  selectDappNetwork: async ({ networkId }, ctx) => {
    const n = need(ctx.networks, 'Networks');
    const target = (await need(ctx.customNetworks, 'Networks').all()).find((x) => x.id === networkId);
    if (!target) throw new NotFoundError('No such network.');
    const before = target.family === 'evm' ? (await n.evm()).id : (await n.solana()).id;
    await n.select(target);
    if (before !== target.id) ctx.onDappNetworkChanged?.(target);
    return { evm: (await n.evm()).id, solana: (await n.solana()).id };
  },
  ...walletUiHandlers,
  ...sendHandlers,
};

export const dispatchPopup = createDispatcher(PopupSchema, popupHandlers);
