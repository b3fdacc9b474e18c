/**
 * Synced transaction records (issue 11, item 1) per network and account in a StorageArea: the entries found on chain,
 * newest first, capped, and the sync cursor (what has been read), so a refresh asks only for what is new.
 */
import type { StorageArea } from '../storageArea';
import type { HistoryEntry } from '../../chains/history/types';
import type { EvmHistoryCursor } from '../../chains/history/evmHistory';
import type { SolanaHistoryCursor } from '../../chains/history/solanaHistory';

/** Entries kept per network and account; older ones go first (the cursor then stops reading further back). */
export const HISTORY_LIMIT = 2_000;
export const historyKey = (networkId: string, account: string): string => `chains:history:${networkId}:${account}`;

export interface HistoryState {
  v: 1;
  entries: HistoryEntry[];
  cursor: EvmHistoryCursor | SolanaHistoryCursor | null;
  /** The cap was reached: older history is no longer read. */
  capped?: boolean;
  /** The last pass read everything back to the chain's start. */
  complete?: boolean;
  syncedAt?: number;
  syncedFromBlock?: number;
}

export function createHistoryStore(storage: StorageArea) {
  const read = async (networkId: string, account: string): Promise<HistoryState> => {
    const s = await storage.get<HistoryState>(historyKey(networkId, account));
    return s && s.v === 1 && Array.isArray(s.entries) ? s : { v: 1, entries: [], cursor: null };
  };
  return {
    read,
    /** Adds new entries (a key already stored is kept as it is), newest first, capped. */
    async save(networkId: string, account: string, prev: HistoryState, added: HistoryEntry[], patch: Omit<HistoryState, 'v' | 'entries'>): Promise<HistoryState> {
      const have = new Set(prev.entries.map((e) => e.key));
      const merged = [...prev.entries, ...added.filter((e) => !have.has(e.key))].sort((a, b) => b.block - a.block || b.time - a.time || (a.key < b.key ? -1 : 1));
      const next: HistoryState = { ...patch, v: 1, entries: merged.slice(0, HISTORY_LIMIT), ...(merged.length > HISTORY_LIMIT || prev.capped ? { capped: true } : {}) };
      await storage.set({ [historyKey(networkId, account)]: next });
      return next;
    },
  };
}
export type HistoryStore = ReturnType<typeof createHistoryStore>;
