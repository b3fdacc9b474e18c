/** Popup handlers of sending, activity and the address book. */
import type { PopupSchema } from '../../../shared/protocol/popupSchema';
import type { Handlers } from '../../../shared/protocol/dispatch';
import type { PopupContext } from './index';
import { ui } from './walletUi';

type M = 'validateRecipient' | 'prepareSend' | 'confirmSend' | 'cancelSend' | 'trackTransaction' | 'retryTransaction' | 'listActivity'
  | 'listAddressBook' | 'saveAddressBookEntry' | 'removeAddressBookEntry';

export const sendHandlers: Pick<Handlers<typeof PopupSchema, PopupContext>, M> = {
  validateRecipient: async ({ networkId, address }, ctx) => ui(ctx).send.validateRecipient(networkId, address),
  prepareSend: async (p, ctx) => { await ctx.wallet.requireUnlocked(); return ui(ctx).send.prepare(p); },
  confirmSend: async ({ draftId }, ctx) => { await ctx.wallet.requireUnlocked(); return ui(ctx).send.confirm(draftId); },
  cancelSend: async ({ draftId }, ctx) => { ui(ctx).send.cancel(draftId); return null; },
  trackTransaction: async ({ networkId, id, from }, ctx) => ui(ctx).activity.track(networkId, from, id),
  retryTransaction: async ({ networkId, id, from }, ctx) => { await ctx.wallet.requireUnlocked(); return ui(ctx).activity.retry(networkId, from, id); },
  listActivity: async ({ poll }, ctx) => {
    const u = ui(ctx);
    const account = await u.account();
    if (poll) await u.activity.pollPending();
    return u.activity.list(account);
  },
  listAddressBook: async (_p, ctx) => ui(ctx).addressBook.list(),
  saveAddressBookEntry: async (p, ctx) => ui(ctx).addressBook.save(p),
  removeAddressBookEntry: async ({ id }, ctx) => { await ui(ctx).addressBook.remove(id); return null; },
};
