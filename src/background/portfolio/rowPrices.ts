/** USD prices of Activity rows from the prices already cached (no request): the CSV export, the overview, budgets. */
import type { Network } from '../../chains/ChainAdapter';
import type { StorageArea } from '../storageArea';
import type { NetworkRegistry } from './networkRegistry';
import type { RowPrice } from './overview';
import { coinIdFor, PRICES_KEY, type PriceCache } from './prices';

export async function cachedRowPrices(local: StorageArea | undefined, registry: NetworkRegistry): Promise<RowPrice> {
  const prices = local ? ((await local.get<PriceCache>(PRICES_KEY)) ?? { at: 0, usd: {} }) : { at: 0, usd: {} };
  const networks = new Map<string, Network>((await registry.networks.all()).map((n) => [n.id, n]));
  return (r) => {
    const n = networks.get(r.networkId);
    const id = n ? coinIdFor(n, r.token ? { symbol: r.symbol, address: r.token } : undefined) : undefined;
    return id ? prices.usd[id] : undefined;
  };
}
