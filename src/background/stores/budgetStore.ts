/** Monthly budgets (issue 11, item 2) in chrome.storage.local: a small list, replaced as a whole. */
import type { Budget } from '../portfolio/overview';
import type { StorageArea } from '../storageArea';

export const BUDGETS_KEY = 'overview:budgets';
export const MAX_BUDGETS = 50;

export function createBudgetStore(local: StorageArea) {
  const list = async (): Promise<Budget[]> => {
    const v = await local.get<Budget[]>(BUDGETS_KEY);
    return Array.isArray(v) ? v : [];
  };
  return {
    list,
    /** Adds or replaces (same asset, or the USD budget): one budget per asset and one in USD. */
    async save(b: Budget): Promise<Budget[]> {
      const same = (x: Budget) => (x.kind === 'usd' && b.kind === 'usd')
        || (x.kind === 'asset' && b.kind === 'asset' && x.networkId === b.networkId && (x.token ?? '').toLowerCase() === (b.token ?? '').toLowerCase());
      const next = [...(await list()).filter((x) => !same(x)), b].slice(-MAX_BUDGETS);
      await local.set({ [BUDGETS_KEY]: next });
      return next;
    },
    async remove(id: string): Promise<Budget[]> {
      const next = (await list()).filter((x) => x.id !== id);
      await local.set({ [BUDGETS_KEY]: next });
      return next;
    },
  };
}
export type BudgetStore = ReturnType<typeof createBudgetStore>;
