/**
 * USD prices from a CoinGecko-compatible "simple price" API, asked by coin ids only (never addresses). Off in
 * settings → no request at all. Cached in storage with the time they were read.
 */
import type { Network } from '../../chains/ChainAdapter';
import { defaultTokens } from '../../chains/tokens';
import type { StorageArea } from '../storageArea';

export const DEFAULT_PRICE_API = 'https://api.coingecko.com/api/v3';
export const PRICES_KEY = 'portfolio:prices';
export const PRICE_MAX_AGE_MS = 60_000;

/**
 * Native coin ids per network: mainnets only. A test network or Localnet coin is worth nothing, so it never gets a
 * mainnet price (Localnet ETH once showed as about $20 million).
 */
const NATIVE: Record<string, string> = {
  'eip155:1': 'ethereum', 'eip155:8453': 'ethereum', 'eip155:42161': 'ethereum', 'eip155:10': 'ethereum',
  'eip155:137': 'polygon-ecosystem-token', 'eip155:56': 'binancecoin', 'eip155:43114': 'avalanche-2',
  'solana:mainnet': 'solana',
};
/**
 * Token coin ids by symbol of the DEFAULT token list only: a token is priced when it is the listed token at that
 * exact address on that network. A custom token that calls itself "USDC" gets no price (symbols are free to copy).
 */
const TOKENS: Record<string, string> = {
  USDC: 'usd-coin', USDT: 'tether', USDt: 'tether', DAI: 'dai', WETH: 'weth', PYUSD: 'paypal-usd', wSOL: 'wrapped-solana',
  WBNB: 'wbnb', WAVAX: 'wrapped-avax', WPOL: 'wrapped-polygon-ecosystem-token',
};

/** The price id of a network's coin or listed token; none on a test network or Localnet (`testnet: true`). */
export function coinIdFor(network: Network, token?: { symbol: string; address: string }): string | undefined {
  if (network.testnet || !NATIVE[network.id]) return undefined;
  if (!token) return NATIVE[network.id];
  // EVM addresses compare case-insensitively (EIP-55 is only a checksum); base58 mints are case-sensitive.
  const same = network.family === 'evm' ? (a: string) => a.toLowerCase() === token.address.toLowerCase() : (a: string) => a === token.address;
  const listed = defaultTokens(network.id).find((t) => same(t.address));
  return listed && listed.symbol === token.symbol ? TOKENS[listed.symbol] : undefined;
}

export type PriceCache = { at: number; usd: Record<string, number> };
type FetchJson = (url: string) => Promise<unknown>;

export function createPriceService(local: StorageArea, now: () => number, fetchJson: FetchJson) {
  const read = async (): Promise<PriceCache> => (await local.get<PriceCache>(PRICES_KEY)) ?? { at: 0, usd: {} };
  return {
    read,
    /** Fetches the ids not fresh in the cache; failures keep the old prices (prices never block balances). */
    async refresh(baseUrl: string, ids: string[]): Promise<PriceCache> {
      const cache = await read();
      const want = [...new Set(ids)].filter((id) => /^[a-z0-9-]{1,64}$/.test(id)).sort();
      if (want.length === 0) return cache;
      if (now() - cache.at < PRICE_MAX_AGE_MS && want.every((id) => id in cache.usd)) return cache;
      const url = `${baseUrl.replace(/\/+$/, '')}/simple/price?ids=${want.join(',')}&vs_currencies=usd`;
      let body: unknown;
      try { body = await fetchJson(url); } catch { return cache; }
      const usd = { ...cache.usd };
      if (typeof body === 'object' && body !== null) {
        for (const id of want) {
          const p = (body as Record<string, { usd?: unknown }>)[id]?.usd;
          if (typeof p === 'number' && Number.isFinite(p) && p >= 0) usd[id] = p;
        }
      }
      const next = { at: now(), usd };
      await local.set({ [PRICES_KEY]: next });
      return next;
    },
  };
}
export type PriceService = ReturnType<typeof createPriceService>;
