import { PopupSchema } from '../../../shared/protocol/popupSchema';
import { createDispatcher, type Handlers } from '../../../shared/protocol/dispatch';
import { NotFoundError } from '../../../shared/errors';
import { parseMnemonic } from '../../vault/mnemonic';
import { need, type PopupContext } from './context';
import { sendHandlers } from './send';
import { overviewHandlers } from './overview';
import { walletUiHandlers } from './walletUi';

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
  ...overviewHandlers,
};

export const dispatchPopup = createDispatcher(PopupSchema, popupHandlers);
