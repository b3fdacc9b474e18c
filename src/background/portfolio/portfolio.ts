/**
 * The portfolio of the selected account: per enabled network, native and token balances. `cached()` answers from
 * storage only (the popup paints it at once); `refresh()` reads the chains, and a network that fails keeps its last
 * known balances with a coded error. Prices are added when the user has them on.
 */
import type { Network } from '../../chains/ChainAdapter';
import { createBalanceCache } from '../stores/balanceCache';
import { MeridianError, NotFoundError } from '../../shared/errors';
import type { AccountView, AssetView, NetworkPortfolio, PortfolioView } from '../../shared/types';
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
}

/** A short, input-free reason for the UI (the full message may carry URLs). */
function shortError(e: unknown): { code: number; message: string } {
  if (e instanceof MeridianError) return { code: e.code, message: e.message.split(' (')[0]!.slice(0, 120) };
  return { code: -32603, message: 'Network error' };
}

export function createPortfolio(deps: PortfolioDeps) {
  const balances = createBalanceCache(deps.local);
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
    const assets = tokens.map((t): AssetView => {
      const v = cached?.balances.tokens[t.address];
      return {
        networkId: n.id, token: t.address, symbol: t.symbol, name: t.name ?? t.symbol, decimals: t.decimals,
        amount: v === undefined || v === null ? null : v.toString(), ...price(coinIdFor(n, t)),
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

  async function refreshOne(n: Network, address: string): Promise<void> {
    try {
      const snap = await deps.adapters.get(n).getBalances({ accounts: [address], tokens: await deps.tokens.visible(n.id) });
      await balances.put(snap);
      await deps.local.remove(statusKey(n.id, address));
    } catch (e) {
      await deps.local.set({ [statusKey(n.id, address)]: { ...shortError(e), at: deps.now() } satisfies Status });
    }
  }

  return {
    cached,
    async refresh(networkIds?: string[]): Promise<PortfolioView> {
      const account = await deps.account();
      const nets = (await deps.registry.enabled()).filter((n) => addressOn(account, n) && (!networkIds || networkIds.includes(n.id)));
      const ui = await readUiSettings(deps.local);
      const ids = ui.pricesEnabled
        ? (await Promise.all(nets.map(async (n) => [coinIdFor(n), ...(await deps.tokens.visible(n.id)).map((t) => coinIdFor(n, t))]))).flat()
        : [];
      await Promise.all([
        ...nets.map((n) => refreshOne(n, addressOn(account, n)!)),
        ui.pricesEnabled ? deps.prices.refresh(ui.priceApiUrl, ids.filter((x): x is string => !!x)) : Promise.resolve(),
      ]);
      return cached();
    },
  };
}
export type Portfolio = ReturnType<typeof createPortfolio>;

export function selectedAccount(state: { accounts: AccountView[]; selectedAccountId: string | null }): AccountView {
  const a = state.accounts.find((x) => x.id === state.selectedAccountId) ?? state.accounts[0];
  if (!a) throw new NotFoundError('No account.');
  return a;
}
