/**
 * Activity (sent transactions and their status) persisted per network and account in a StorageArea
 * (chrome.storage.local in the extension, a Map in tests). JSON-safe: amounts and fees as decimal strings.
 */
import type { StorageArea } from '../background/storageArea';
import type { TxStatus } from './ChainAdapter';

export interface ActivityRecord {
  /** Transaction hash (EVM) or signature (Solana). */
  id: string;
  /** The site that asked for it (a dapp transaction); absent for the wallet's own sends. From the browser, never the page. */
  origin?: string;
  networkId: string;
  from: string;
  to: string;
  /** Base units, decimal string. */
  amount: string;
  symbol: string;
  decimals: number;
  /** Token address / mint; absent for the native currency. */
  token?: string;
  /** Fee in native base units (max fee while pending, actual once known), decimal string. */
  fee: string;
  status: TxStatus;
  createdAt: number;
  updatedAt: number;
  nonce?: number;
  lastValidBlockHeight?: number;
  error?: string;
  /**
   * The signed transaction as sent (EVM: 0x raw hex; Solana: base64 wire bytes), kept while it may still need to be
   * sent again. Public data (a signed transaction reveals no key). "Retry" re-sends exactly these bytes.
   */
  raw?: string;
  /** 'unconfirmed': no RPC confirmed it received the transaction (timeout, connection lost); it may have landed. */
  delivery?: 'unconfirmed';
}

type Patchable = 'status' | 'fee' | 'error' | 'updatedAt' | 'raw' | 'delivery';

export interface ActivityStore {
  add(record: ActivityRecord): Promise<void>;
  /** A patch value `undefined` removes that field. */
  update(networkId: string, account: string, id: string, patch: { [K in Patchable]?: ActivityRecord[K] | undefined }): Promise<ActivityRecord | undefined>;
  /** Forget a record (a transaction the node refused before it could land). */
  remove(networkId: string, account: string, id: string): Promise<void>;
  /** Newest first. */
  list(networkId: string, account: string): Promise<ActivityRecord[]>;
}

export const ACTIVITY_LIMIT = 200;

/**
 * The lowest nonce a new transaction may take given the account's recorded transactions: one past the highest nonce
 * still pending. A transaction signed and recorded but maybe never delivered (the worker stopped, no RPC answered)
 * keeps its nonce across restarts, so "Retry" can still send it and a new send never replaces it.
 */
export function nonceFloor(records: readonly ActivityRecord[]): number {
  return records.reduce((m, r) => (r.status === 'pending' && r.nonce !== undefined ? Math.max(m, r.nonce + 1) : m), 0);
}
export const activityKey = (networkId: string, account: string): string => `chains:activity:${networkId}:${account}`;

export function createActivityStore(storage: StorageArea): ActivityStore {
  // Serialize read-modify-write per key (two sends in a row must not lose a record).
  const queues = new Map<string, Promise<unknown>>();
  const withKey = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = queues.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    queues.set(key, next.catch(() => undefined));
    return next;
  };
  const read = async (key: string) => (await storage.get<ActivityRecord[]>(key)) ?? [];
  return {
    add(record) {
      const key = activityKey(record.networkId, record.from);
      return withKey(key, async () => {
        const list = (await read(key)).filter((r) => r.id !== record.id);
        await storage.set({ [key]: [record, ...list].slice(0, ACTIVITY_LIMIT) });
      });
    },
    update(networkId, account, id, patch) {
      const key = activityKey(networkId, account);
      return withKey(key, async () => {
        const list = await read(key);
        const i = list.findIndex((r) => r.id === id);
        const cur = list[i];
        if (!cur) return undefined;
        const next: ActivityRecord = { ...cur, ...patch };
        for (const k of Object.keys(patch) as Patchable[]) if (patch[k] === undefined) delete next[k];
        list[i] = next;
        await storage.set({ [key]: list });
        return next;
      });
    },
    remove(networkId, account, id) {
      const key = activityKey(networkId, account);
      return withKey(key, async () => {
        const list = await read(key);
        if (list.some((r) => r.id === id)) await storage.set({ [key]: list.filter((r) => r.id !== id) });
      });
    },
    list: (networkId, account) => read(activityKey(networkId, account)),
  };
}
