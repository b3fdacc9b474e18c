/**
 * Last known balances per network and account with the time they were read, so a network that fails never blocks
 * the UI: it renders the cached state and its age. Stored JSON-safe (bigints as decimal strings).
 */
import type { StorageArea } from '../storageArea';
import type { AccountBalances, BalanceSnapshot } from '../../chains/ChainAdapter';

export interface CachedBalances { at: number; balances: AccountBalances }
interface Stored { at: number; native: string; tokens: Record<string, string | null> }

export const balanceKey = (networkId: string, account: string): string => `chains:balances:${networkId}:${account}`;

export interface BalanceCache {
  put(snapshot: BalanceSnapshot): Promise<void>;
  get(networkId: string, account: string): Promise<CachedBalances | undefined>;
  clear(networkId: string, account: string): Promise<void>;
}

export function createBalanceCache(storage: StorageArea): BalanceCache {
  return {
    async put(snapshot) {
      const items: Record<string, Stored> = {};
      for (const [account, b] of Object.entries(snapshot.accounts)) {
        items[balanceKey(snapshot.networkId, account)] = {
          at: snapshot.at,
          native: b.native.toString(),
          tokens: Object.fromEntries(Object.entries(b.tokens).map(([t, v]) => [t, v === null ? null : v.toString()])),
        };
      }
      await storage.set(items);
    },
    async get(networkId, account) {
      const s = await storage.get<Stored>(balanceKey(networkId, account));
      if (!s) return undefined;
      return {
        at: s.at,
        balances: {
          native: BigInt(s.native),
          tokens: Object.fromEntries(Object.entries(s.tokens).map(([t, v]) => [t, v === null ? null : BigInt(v)])),
        },
      };
    },
    clear: (networkId, account) => storage.remove(balanceKey(networkId, account)),
  };
}
