/** Popup handlers of the Overview tab: totals, holdings and budgets. */
import type { PopupSchema } from '../../../shared/protocol/popupSchema';
import type { Handlers } from '../../../shared/protocol/dispatch';
import { ui, type PopupContext } from './context';

type M = 'getOverview' | 'saveBudget' | 'removeBudget';

export const overviewHandlers: Pick<Handlers<typeof PopupSchema, PopupContext>, M> = {
  getOverview: async ({ month }, ctx) => ui(ctx).overview.get(month),
  saveBudget: async (p, ctx) => { await ui(ctx).account(); return ui(ctx).overview.saveBudget(p); },
  removeBudget: async ({ id }, ctx) => { await ui(ctx).account(); return ui(ctx).overview.removeBudget(id); },
};
