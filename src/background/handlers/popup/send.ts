/** Popup handlers of sending, activity and the address book. */
import type { PopupSchema } from '../../../shared/protocol/popupSchema';
import type { Handlers } from '../../../shared/protocol/dispatch';
import { ui, type PopupContext } from './context';
import { activityCsv } from '../../portfolio/activityCsv';
import { cachedRowPrices } from '../../portfolio/rowPrices';

type M = 'validateRecipient' | 'prepareSend' | 'confirmSend' | 'cancelSend' | 'trackTransaction' | 'retryTransaction' | 'listActivity' | 'syncActivity' | 'exportActivityCsv'
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
    return u.activity.list(account, u.historySource);
  },
  syncActivity: async ({ status }, ctx) => {
    const u = ui(ctx);
    // Every account's records are kept up to date (switching accounts shows them at once); the shown one goes first.
    const shown = await u.account();
    const all = [shown, ...(await u.accounts()).filter((a) => a.id !== shown.id)];
    return status ? u.history.status(all) : u.history.sync(all);
  },
  exportActivityCsv: async (_p, ctx) => {
    const u = ui(ctx);
    const rows = await u.activity.list(await u.account(), u.historySource);
    const at = Date.now();
    // The value column uses the prices already cached (the portfolio's; none when prices are off): no request here.
    const priceUsd = await cachedRowPrices(ctx.local, u.registry);
    const names = Object.fromEntries((await u.addressBook.list()).map((e) => [e.address.toLowerCase(), e.name]));
    return { csv: activityCsv(rows, { at, priceUsd, names }), filename: `meridian-activity-${new Date(at).toISOString().slice(0, 10)}.csv` };
  },
  listAddressBook: async (_p, ctx) => ui(ctx).addressBook.list(),
  saveAddressBookEntry: async (p, ctx) => ui(ctx).addressBook.save(p),
  removeAddressBookEntry: async ({ id }, ctx) => { await ui(ctx).addressBook.remove(id); return null; },
};
