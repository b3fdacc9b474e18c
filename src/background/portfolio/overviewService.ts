/**
 * The Overview tab's data (issue 11, item 2): the month's totals from the Activity rows, the holdings from the cached
 * portfolio (no request), the budgets and how much of each is used, and the budget check of a send.
 */
import { parseUnits } from 'viem';
import { InvalidParamsError } from '../../shared/errors';
import type { AccountView, ActivityView, Budget, BudgetWarning, OverviewView, PortfolioView } from '../../shared/types';
import type { StorageArea } from '../storageArea';
import type { BudgetStore } from '../stores/budgetStore';
import type { Activity, HistorySource } from './activity';
import type { AddressBook } from './addressBook';
import type { NetworkRegistry } from './networkRegistry';
import { assetKeyOf, budgetStatus, budgetWarnings, monthKey, monthsOf, parseUsd, summarizeMonth, units } from './overview';
import { cachedRowPrices } from './rowPrices';
import type { TokenList } from './tokenList';

export interface OverviewDeps {
  local: StorageArea;
  now: () => number;
  newId: () => string;
  registry: NetworkRegistry;
  tokens: TokenList;
  activity: Activity;
  history: HistorySource;
  addressBook: AddressBook;
  budgets: BudgetStore;
  account: () => Promise<AccountView>;
  portfolio: () => Promise<PortfolioView>;
}

export type BudgetInput = { kind: 'usd'; limit: string } | { kind: 'asset'; networkId: string; token?: string; limit: string };

export function createOverview(deps: OverviewDeps) {
  const rows = async (): Promise<ActivityView[]> => deps.activity.list(await deps.account(), deps.history);
  return {
    async get(month?: string): Promise<OverviewView> {
      const current = monthKey(deps.now());
      const m = month ?? current;
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw new InvalidParamsError('The month must be written YYYY-MM.');
      const [all, price, book, view, budgets, enabled] = await Promise.all([
        rows(), cachedRowPrices(deps.local, deps.registry), deps.addressBook.list(), deps.portfolio(), deps.budgets.list(), deps.registry.enabled(),
      ]);
      const s = summarizeMonth(all, m, price);
      const names = new Map(book.map((e) => [e.address.toLowerCase(), e.name]));
      const byAsset = view.networks.flatMap((n) => n.assets.filter((a) => a.amount !== null && a.amount !== '0').map((a) => {
        // Test networks have no price (coinIdFor), so their assets carry no priceUsd.
        const usd = a.priceUsd !== undefined ? units(BigInt(a.amount!), a.decimals) * a.priceUsd : undefined;
        return { key: assetKeyOf(n.networkId, a.token), networkId: n.networkId, networkName: n.name, symbol: a.symbol,
          decimals: a.decimals, amount: a.amount!, ...(usd !== undefined ? { usd } : {}) };
      }));
      const byChain = view.networks.map((n) => {
        const priced = byAsset.filter((a) => a.networkId === n.networkId && a.usd !== undefined);
        return { networkId: n.networkId, name: n.name, testnet: n.testnet, ...(priced.length ? { usd: priced.reduce((x, a) => x + a.usd!, 0) } : {}) };
      });
      const at = view.networks.reduce<number | null>((x, n) => (n.at === null ? x : x === null ? n.at : Math.min(x, n.at)), null);
      return {
        ...s, months: monthsOf(all, current),
        counterparties: s.counterparties.map((c) => { const name = names.get(c.address.toLowerCase()); return name ? { ...c, name } : c; }),
        holdings: { byChain, byAsset, at },
        budgets: budgetStatus(budgets, all, m, price),
        nativeIncomingUnknown: enabled.filter((n) => n.family === 'evm').map((n) => n.name),
      };
    },
    /** One budget per asset and one in USD (saving again replaces it). The limit is in whole units ("250", "0.5"). */
    async saveBudget(input: BudgetInput): Promise<Budget[]> {
      if (input.kind === 'usd') {
        try { parseUsd(input.limit); } catch { throw new InvalidParamsError('Write the budget in dollars and cents, for example 250 or 99.50.'); }
        return deps.budgets.save({ id: deps.newId(), kind: 'usd', limit: input.limit.trim() });
      }
      const n = await deps.registry.get(input.networkId);
      const t = input.token ? await deps.tokens.find(n.id, input.token) : undefined;
      const decimals = t?.decimals ?? n.nativeCurrency.decimals;
      const text = input.limit.trim();
      if (!/^\d{1,30}(\.\d+)?$/.test(text) || (text.split('.')[1]?.length ?? 0) > decimals) {
        throw new InvalidParamsError(`Write the budget as an amount of ${t?.symbol ?? n.nativeCurrency.symbol} with at most ${decimals} decimals.`);
      }
      return deps.budgets.save({ id: deps.newId(), kind: 'asset', networkId: n.id, ...(t ? { token: t.address } : {}), symbol: t?.symbol ?? n.nativeCurrency.symbol,
        decimals, limit: parseUnits(text, decimals).toString() });
    },
    removeBudget: (id: string) => deps.budgets.remove(id),
    /** The budgets this send would take past their limit this month (the send review warns). */
    async checkSend(send: { networkId: string; token?: string; symbol: string; decimals: number; amount: bigint }): Promise<BudgetWarning[]> {
      const budgets = await deps.budgets.list();
      if (!budgets.length) return [];
      return budgetWarnings(budgets, await rows(), deps.now(), send, await cachedRowPrices(deps.local, deps.registry));
    },
  };
}
export type Overview = ReturnType<typeof createOverview>;
