/**
 * Syncs the complete records of the selected account (issue 11, item 1) on every enabled network: incremental (the
 * cursor remembers what was read), bounded per pass (a request budget; the next pass goes on further back), one pass
 * per network and account at a time. Token symbols come from the wallet's token list, else from the chain; a token
 * not in the list is marked `unlisted` (scam tokens copy the symbols of real ones).
 */
import type { Network } from '../../chains/ChainAdapter';
import { readEvmToken } from '../../chains/evm/tokenInfo';
import { emptyEvmCursor, syncEvmHistory, type EvmHistoryCursor } from '../../chains/history/evmHistory';
import { emptySolanaCursor, syncSolanaHistory, type SolanaHistoryCursor } from '../../chains/history/solanaHistory';
import type { HistoryEntry, TokenResolver } from '../../chains/history/types';
import { readSolanaToken } from '../../chains/solana/tokenInfo';
import type { AccountView, HistorySyncStatus } from '../../shared/types';
import type { HistoryState, HistoryStore } from '../stores/historyStore';
import type { AdapterCache } from './adapters';
import type { NetworkRegistry } from './networkRegistry';
import { addressesOn } from './portfolio';
import type { TokenList } from './tokenList';

/** Requests one pass may make per network (the popup asks again while older history remains). */
export const SYNC_BUDGET = 12;

export interface HistoryDeps { store: HistoryStore; registry: NetworkRegistry; adapters: AdapterCache; tokens: TokenList; now: () => number }

export function createHistory(deps: HistoryDeps) {
  const running = new Map<string, Promise<HistorySyncStatus>>();
  const infoCache = new Map<string, { symbol: string; decimals: number } | null>();

  const resolver = (n: Network, listed: Set<string>): TokenResolver => async (token) => {
    const key = `${n.id}|${token.toLowerCase()}`;
    if (infoCache.has(key)) return infoCache.get(key)!;
    const inList = (await deps.tokens.all(n.id)).find((t) => t.address.toLowerCase() === token.toLowerCase());
    if (inList) listed.add(token.toLowerCase());
    const transport = deps.adapters.get(n).transport;
    const info = inList ?? await (n.family === 'evm' ? readEvmToken(transport, token) : readSolanaToken(transport, token)).catch(() => null);
    const v = info ? { symbol: info.symbol, decimals: info.decimals } : null;
    if (!inList && v) infoCache.set(key, v);
    return v;
  };

  async function pass(n: Network, address: string, budget: number): Promise<HistorySyncStatus> {
    const prev = await deps.store.read(n.id, address);
    // At the cap the oldest entries are no longer kept, so reading further back is no use: only new blocks are read.
    if (prev.capped && prev.cursor) {
      if (n.family === 'evm') (prev.cursor as EvmHistoryCursor).bottom = 0;
      else for (const c of Object.values((prev.cursor as SolanaHistoryCursor).addresses)) c.done = true;
    }
    const known = new Set(prev.entries.map((e) => (n.family === 'evm' ? e.key : e.hash)));
    const listed = new Set<string>();
    const tokenInfo = resolver(n, listed);
    const transport = deps.adapters.get(n).transport;
    try {
      const res = n.family === 'evm'
        ? await syncEvmHistory({ transport, account: address, cursor: (prev.cursor as EvmHistoryCursor | null) ?? emptyEvmCursor(), known, tokenInfo, budget })
        : await syncSolanaHistory({ transport, account: address, cursor: (prev.cursor as SolanaHistoryCursor | null) ?? emptySolanaCursor(), known, tokenInfo, budget });
      const added = res.entries.map((e) => (e.token && !listed.has(e.token.toLowerCase()) ? { ...e, unlisted: true } : e));
      const next = await deps.store.save(n.id, address, prev, added, {
        cursor: res.cursor, complete: res.report.complete, syncedAt: deps.now(),
        ...(res.report.syncedFromBlock !== undefined ? { syncedFromBlock: res.report.syncedFromBlock } : {}),
      });
      return statusOf(n, next);
    } catch (e) {
      return { ...statusOf(n, prev), error: e instanceof Error ? e.message.slice(0, 200) : 'sync failed' };
    }
  }

  return {
    /**
     * One pass on every enabled network for every account of the wallet (the one shown first), the addresses of a
     * network one after the other; concurrent callers share a pass. A network's status is complete when every
     * account's is; an error of any account is reported.
     */
    async sync(accounts: readonly AccountView[], budget = SYNC_BUDGET): Promise<HistorySyncStatus[]> {
      const nets = await deps.registry.enabled();
      return Promise.all(nets.map(async (n) => {
        const out: HistorySyncStatus[] = [];
        for (const address of addressesOn(accounts, n)) {
          const key = `${n.id}|${address}`;
          let p = running.get(key);
          if (!p) {
            p = pass(n, address, budget).finally(() => running.delete(key));
            running.set(key, p);
          }
          out.push(await p);
        }
        return merged(n, out);
      }));
    },
    async status(accounts: readonly AccountView[]): Promise<HistorySyncStatus[]> {
      const nets = await deps.registry.enabled();
      return Promise.all(nets.map(async (n) => merged(n, await Promise.all(addressesOn(accounts, n).map(async (a) => statusOf(n, await deps.store.read(n.id, a)))))));
    },
    /** Stored entries of one network and account, newest first. */
    async entries(networkId: string, address: string): Promise<HistoryEntry[]> {
      return (await deps.store.read(networkId, address)).entries;
    },
  };
}

/** One network's status over its accounts: the first (shown) account's progress; complete only when all are. */
function merged(n: Network, list: HistorySyncStatus[]): HistorySyncStatus {
  const first = list[0] ?? { ...statusOf(n, { v: 1, entries: [], cursor: null }), complete: true };
  const error = list.find((s) => s.error)?.error;
  return { ...first, complete: list.every((s) => s.complete), ...(error ? { error } : {}) };
}

const statusOf = (n: Network, s: HistoryState): HistorySyncStatus => ({
  networkId: n.id, networkName: n.name, ...(n.family === 'evm' ? { nativeIncomingUnknown: true } : {}), complete: s.complete === true || s.capped === true, ...(s.capped ? { capped: true } : {}),
  ...(s.syncedFromBlock !== undefined ? { syncedFromBlock: s.syncedFromBlock } : {}), ...(s.syncedAt !== undefined ? { syncedAt: s.syncedAt } : {}),
});
export type History = ReturnType<typeof createHistory>;
