/**
 * The portfolio of the selected account: per enabled network, native and token balances. `cached()` answers from
 * storage only (the popup paints it at once); `refresh()` reads the chains for EVERY account of the wallet in one
 * `getBalances` per network (one HTTP request: Multicall3 / a JSON-RPC batch), and a network that fails keeps its last
 * known balances with a coded error. Prices are added when the user has them on. `cachedTotals()` gives each account's
 * USD total and `cachedCombined()` the balances of all accounts added up, both from storage only.
 */
import type { Network } from '../../chains/ChainAdapter';
import { createBalanceCache } from '../stores/balanceCache';
import { MeridianError, NotFoundError } from '../../shared/errors';
import { formatUnits } from '../../chains/units';
import { defaultTokens } from '../../chains/tokens';
import type { AccountTotalsView, AccountView, AssetView, NetworkPortfolio, PortfolioView } from '../../shared/types';
import type { StorageArea } from '../storageArea';
import type { AdapterCache } from './adapters';
import type { NetworkRegistry } from './networkRegistry';
import { coinIdFor, type PriceService } from './prices';
import type { TokenList } from './tokenList';
import { readUiSettings } from './uiSettings';

export const statusKey = (networkId: string, address: string) => `portfolio:status:${networkId}:${address}`;
type Status = { code: number; message: string; at: number };

export interface PortfolioDeps {
  local: StorageArea;
  now: () => number;
  registry: NetworkRegistry;
  tokens: TokenList;
  adapters: AdapterCache;
  prices: PriceService;
  account: () => Promise<AccountView>;
  /** Every account of the wallet (refresh reads them all; the switcher shows each one's total). Default: the selected one. */
  accounts?: () => Promise<AccountView[]>;
}

/** A short, input-free reason for the UI (the full message may carry URLs). */
function shortError(e: unknown): { code: number; message: string } {
  if (e instanceof MeridianError) return { code: e.code, message: e.message.split(' (')[0]!.slice(0, 120) };
  return { code: -32603, message: 'Network error' };
}

export function createPortfolio(deps: PortfolioDeps) {
  const balances = createBalanceCache(deps.local);
  const allAccounts = deps.accounts ?? (async () => [await deps.account()]);
  const addressOn = (a: AccountView, n: Network) => a[n.family];

  async function networkView(n: Network, address: string, usd: Record<string, number> | null): Promise<NetworkPortfolio> {
    const [cached, status, tokens] = await Promise.all([
      balances.get(n.id, address), deps.local.get<Status>(statusKey(n.id, address)), deps.tokens.visible(n.id),
    ]);
    const price = (id: string | undefined) => (usd && id !== undefined && usd[id] !== undefined ? { priceUsd: usd[id] } : {});
    const native: AssetView = {
      networkId: n.id, symbol: n.nativeCurrency.symbol, name: n.nativeCurrency.name, decimals: n.nativeCurrency.decimals,
      amount: cached ? cached.balances.native.toString() : null, ...price(coinIdFor(n)),
    };
    const builtin = new Set(defaultTokens(n.id).map((t) => t.address.toLowerCase()));
    const assets = tokens.map((t): AssetView => {
      const v = cached?.balances.tokens[t.address];
      return {
        networkId: n.id, token: t.address, symbol: t.symbol, name: t.name ?? t.symbol, decimals: t.decimals,
        amount: v === undefined || v === null ? null : v.toString(), ...price(coinIdFor(n, t)),
        ...(builtin.has(t.address.toLowerCase()) ? { builtin: true } : {}),
      };
    });
    return {
      networkId: n.id, name: n.name, family: n.family, testnet: n.testnet, address, at: cached?.at ?? null,
      ...(status ? { error: { code: status.code, message: status.message } } : {}),
      assets: [native, ...assets],
    };
  }

  async function cached(): Promise<PortfolioView> {
    const account = await deps.account();
    const ui = await readUiSettings(deps.local);
    const priceCache = ui.pricesEnabled ? await deps.prices.read() : null;
    const nets = (await deps.registry.enabled()).filter((n) => addressOn(account, n));
    return {
      accountId: account.id,
      networks: await Promise.all(nets.map((n) => networkView(n, addressOn(account, n)!, priceCache?.usd ?? null))),
      prices: { enabled: ui.pricesEnabled, at: priceCache && priceCache.at > 0 ? priceCache.at : null },
    };
  }

  /** One read of every address on the network (one HTTP request); a failure is recorded for each of them. */
  async function refreshOne(n: Network, addresses: string[]): Promise<void> {
    try {
      const snap = await deps.adapters.get(n).getBalances({ accounts: addresses, tokens: await deps.tokens.visible(n.id) });
      await balances.put(snap);
      await deps.local.remove(addresses.map((a) => statusKey(n.id, a)));
    } catch (e) {
      const status = { ...shortError(e), at: deps.now() } satisfies Status;
      await deps.local.set(Object.fromEntries(addresses.map((a) => [statusKey(n.id, a), status])));
    }
  }

  /** Each account's USD total: priced assets of mainnets only (a test network or Localnet is never priced). */
  async function cachedTotals(): Promise<AccountTotalsView> {
    const all = await allAccounts();
    const ui = await readUiSettings(deps.local);
    if (!ui.pricesEnabled) return { accounts: all.map((a) => ({ accountId: a.id, priced: false })) };
    const usd = (await deps.prices.read()).usd;
    const nets = (await deps.registry.enabled()).filter((n) => !n.testnet);
    const visible = await Promise.all(nets.map((n) => deps.tokens.visible(n.id)));
    const accounts = await Promise.all(all.map(async (a) => {
      let sum = 0;
      let priced = false;
      for (const [i, n] of nets.entries()) {
        const address = addressOn(a, n);
        const cached = address ? await balances.get(n.id, address) : undefined;
        if (!cached) continue;
        const held: { amount: bigint | null | undefined; decimals: number; id: string | undefined }[] = [
          { amount: cached.balances.native, decimals: n.nativeCurrency.decimals, id: coinIdFor(n) },
          ...visible[i]!.map((t) => ({ amount: cached.balances.tokens[t.address], decimals: t.decimals, id: coinIdFor(n, t) })),
        ];
        for (const h of held) {
          const price = h.id === undefined ? undefined : usd[h.id];
          if (h.amount === null || h.amount === undefined || price === undefined) continue;
          priced = true;
          sum += Number(formatUnits(h.amount, h.decimals)) * price;
        }
      }
      return priced ? { accountId: a.id, usd: sum, priced } : { accountId: a.id, priced };
    }));
    return { accounts };
  }

  /**
   * The cached portfolio of all accounts added up per asset (the Overview's holdings): an amount is the sum of the
   * accounts' known amounts (null when none is known); `at` is the oldest read; `address` is the selected account's.
   */
  async function cachedCombined(): Promise<PortfolioView> {
    const [selected, all] = await Promise.all([deps.account(), allAccounts()]);
    const ui = await readUiSettings(deps.local);
    const priceCache = ui.pricesEnabled ? await deps.prices.read() : null;
    const nets = (await deps.registry.enabled()).filter((n) => addressesOn(all, n).length > 0);
    const networks = await Promise.all(nets.map(async (n) => {
      const views = await Promise.all(addressesOn(all, n).map((a) => networkView(n, a, priceCache?.usd ?? null)));
      const first = views[0]!;
      const ats = views.map((v) => v.at).filter((x): x is number => x !== null);
      const error = views.find((v) => v.error)?.error;
      const assets = first.assets.map((asset, i) => {
        const known = views.map((v) => v.assets[i]?.amount).filter((x): x is string => typeof x === 'string');
        return { ...asset, amount: known.length ? known.reduce((s, x) => s + BigInt(x), 0n).toString() : null };
      });
      return { ...first, address: addressOn(selected, n) ?? first.address, at: ats.length ? Math.min(...ats) : null, ...(error ? { error } : {}), assets };
    }));
    return { accountId: selected.id, networks, prices: { enabled: ui.pricesEnabled, at: priceCache && priceCache.at > 0 ? priceCache.at : null } };
  }

  return {
    cached,
    cachedTotals,
    cachedCombined,
    /** Reads every account on each enabled network (or `networkIds`) and the prices; answers the selected account's view. */
    async refresh(networkIds?: string[]): Promise<PortfolioView> {
      const all = await allAccounts();
      const nets = (await deps.registry.enabled()).filter((n) => addressesOn(all, n).length > 0 && (!networkIds || networkIds.includes(n.id)));
      const ui = await readUiSettings(deps.local);
      const ids = ui.pricesEnabled
        ? (await Promise.all(nets.map(async (n) => [coinIdFor(n), ...(await deps.tokens.visible(n.id)).map((t) => coinIdFor(n, t))]))).flat()
        : [];
      await Promise.all([
        ...nets.map((n) => refreshOne(n, addressesOn(all, n))),
        ui.pricesEnabled ? deps.prices.refresh(ui.priceApiUrl, ids.filter((x): x is string => !!x)) : Promise.resolve(),
      ]);
      return cached();
    },
  };
}
export type Portfolio = ReturnType<typeof createPortfolio>;

/** The distinct addresses the accounts have on the network's family, in account order. */
export const addressesOn = (accounts: readonly AccountView[], n: Network): string[] =>
  [...new Set(accounts.map((a) => a[n.family]).filter((x): x is string => !!x))];

export function selectedAccount(state: { accounts: AccountView[]; selectedAccountId: string | null }): AccountView {
  const a = state.accounts.find((x) => x.id === state.selectedAccountId) ?? state.accounts[0];
  if (!a) throw new NotFoundError('No account.');
  return a;
}
