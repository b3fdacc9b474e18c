/**
 * The wallet's own transactions (recorded by the adapters at broadcast) with their status. Pending ones are kept in
 * a small persisted queue and polled: by the popup while it shows them, and by a chrome.alarms alarm otherwise.
 */
import type { Network, TrackHandle } from '../../chains/ChainAdapter';
import type { ActivityRecord, ActivityStore } from '../../chains/activityRecord';
import { InvalidParamsError, NotFoundError } from '../../shared/errors';
import type { AccountView, ActivityView } from '../../shared/types';
import type { AlarmScheduler, StorageArea } from '../storageArea';
import type { HistoryEntry } from '../../chains/history/types';
import { looksAlike } from '../risk/poisoning';
import type { AdapterCache } from './adapters';
import type { NetworkRegistry } from './networkRegistry';

export const PENDING_KEY = 'portfolio:pending';
export const ACTIVITY_ALARM = 'meridian-activity';
export const ACTIVITY_POLL_MS = 30_000;

/** Block explorer link from the network's metadata; none for the local dev chains. */
export function explorerTxUrl(n: Network, id: string): string | undefined {
  if (!n.blockExplorer || n.id === 'eip155:31337' || n.id === 'solana:localnet') return undefined;
  const [base, query] = n.blockExplorer.url.split('?');
  return `${base!.replace(/\/+$/, '')}/tx/${id}${query ? `?${query}` : ''}`;
}

export function toActivityView(r: ActivityRecord, n: Network): ActivityView {
  const url = explorerTxUrl(n, r.id);
  return {
    id: r.id, networkId: r.networkId, networkName: n.name, from: r.from, to: r.to, amount: r.amount, symbol: r.symbol,
    decimals: r.decimals, ...(r.token ? { token: r.token } : {}), fee: r.fee, feeSymbol: n.nativeCurrency.symbol,
    feeDecimals: n.nativeCurrency.decimals, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt,
    ...(r.error ? { error: r.error } : {}), ...(url ? { explorerUrl: url } : {}),
    ...(r.delivery ? { delivery: r.delivery } : {}), ...(canRetry(r) ? { canRetry: true } : {}), ...(r.origin ? { origin: r.origin } : {}),
    key: r.id, direction: r.from === r.to ? 'self' : 'out', counterparty: r.to, source: 'wallet',
  };
}

/** A record found on chain (issue 11): confirmed by definition (it is in a block). */
export function historyView(e: HistoryEntry, n: Network, account: string, poisoning: boolean): ActivityView {
  const url = explorerTxUrl(n, e.hash);
  const incoming = e.direction === 'in';
  return {
    id: e.hash, key: e.key, networkId: n.id, networkName: n.name, from: incoming ? e.counterparty : account, to: incoming ? account : e.counterparty,
    amount: e.amount, symbol: e.symbol, decimals: e.decimals, ...(e.token ? { token: e.token } : {}), fee: e.fee,
    feeSymbol: n.nativeCurrency.symbol, feeDecimals: n.nativeCurrency.decimals, status: 'confirmed', createdAt: e.time, updatedAt: e.time,
    ...(url ? { explorerUrl: url } : {}), direction: e.direction, counterparty: e.counterparty, source: 'chain', block: e.block,
    ...(e.unlisted ? { unlisted: true } : {}), ...(poisoning ? { poisoning: true } : {}),
  };
}

/**
 * Possible address poisoning: a zero-value transfer, or incoming dust (under a thousandth of a unit), whose other
 * side looks like (same first and last 4 characters) but is not one of the addresses the user knows.
 */
export function isPoisoning(e: HistoryEntry, family: 'evm' | 'solana', known: readonly string[]): boolean {
  const amount = BigInt(e.amount);
  const dust = amount === 0n || (e.direction === 'in' && amount * 1000n < 10n ** BigInt(e.decimals));
  return dust && e.counterparty !== '' && known.some((k) => looksAlike(family, e.counterparty, k));
}

/** The same signed bytes can be sent again while the transaction may still land (never a new signature). */
export const canRetry = (r: ActivityRecord): boolean => r.raw !== undefined && r.status === 'pending';

export function handleOf(r: ActivityRecord): TrackHandle {
  return {
    networkId: r.networkId, id: r.id, from: r.from, submittedAt: r.createdAt,
    ...(r.nonce !== undefined ? { nonce: r.nonce } : {}), ...(r.lastValidBlockHeight !== undefined ? { lastValidBlockHeight: r.lastValidBlockHeight } : {}),
  };
}

/** Where `list` reads the records found on chain, and the addresses a look-alike would imitate. */
export interface HistorySource {
  entries(networkId: string, address: string): Promise<HistoryEntry[]>;
  knownAddresses?(family: 'evm' | 'solana'): Promise<readonly string[]>;
}

export interface ActivityDeps {
  local: StorageArea;
  now: () => number;
  store: ActivityStore;
  registry: NetworkRegistry;
  adapters: AdapterCache;
  alarms?: AlarmScheduler;
}

export function createActivity(deps: ActivityDeps) {
  const pending = async () => (await deps.local.get<TrackHandle[]>(PENDING_KEY)) ?? [];
  let polling: Promise<void> | null = null;

  async function find(networkId: string, from: string, id: string): Promise<ActivityRecord> {
    const r = (await deps.store.list(networkId, from)).find((x) => x.id === id);
    if (!r) throw new NotFoundError('No such transaction in this wallet’s activity.');
    return r;
  }

  async function pollOnce(): Promise<void> {
    const snapshot = await pending();
    const left: TrackHandle[] = [];
    for (const h of snapshot) {
      try {
        const r = await deps.adapters.get(await deps.registry.get(h.networkId)).track(h);
        if (r.status === 'pending') left.push(h);
      } catch (e) {
        if (!(e instanceof NotFoundError)) left.push(h); // RPC trouble: try again later; unknown network: drop
      }
    }
    // Handles added while this pass ran are kept as they are.
    const polled = new Set(snapshot.map((h) => h.id));
    const still = dedupe([...left, ...(await pending()).filter((h) => !polled.has(h.id))]);
    await deps.local.set({ [PENDING_KEY]: still });
    if (still.length) await deps.alarms?.schedule(ACTIVITY_ALARM, deps.now() + ACTIVITY_POLL_MS);
  }

  return {
    /** After a broadcast: remember the handle and make sure the alarm runs. */
    async watch(handle: TrackHandle): Promise<void> {
      await deps.local.set({ [PENDING_KEY]: dedupe([...(await pending()), handle]) });
      await deps.alarms?.schedule(ACTIVITY_ALARM, deps.now() + ACTIVITY_POLL_MS);
    },
    /**
     * A transaction signed elsewhere in the wallet (a dapp's eth_sendTransaction): recorded as pending under its hash
     * before it is sent, and followed like the wallet's own sends (status, "Retry" of the same bytes).
     */
    async recordSent(r: ActivityRecord): Promise<void> {
      await deps.store.add(r);
      await this.watch(handleOf(r));
    },
    /** No RPC answered the broadcast of a recorded transaction: it may have landed (kept pending, Retry offered). */
    async markUnconfirmed(networkId: string, from: string, id: string): Promise<void> {
      await deps.store.update(networkId, from, id, { delivery: 'unconfirmed', updatedAt: deps.now() });
    },
    /** A recorded transaction the node refused: it cannot land, so it leaves Activity and the poller. */
    async forget(r: ActivityRecord): Promise<void> {
      await deps.store.remove(r.networkId, r.from, r.id);
      await this.unwatch(handleOf(r));
    },
    /** A send the node refused: stop following it. */
    async unwatch(handle: TrackHandle): Promise<void> {
      await deps.local.set({ [PENDING_KEY]: (await pending()).filter((h) => !(h.networkId === handle.networkId && h.id === handle.id)) });
    },
    /**
     * "Retry": re-send the recorded signed bytes of a transaction that may not have reached the network. Never signs;
     * the same nonce (EVM) or signature (Solana) means it can be paid at most once.
     */
    async retry(networkId: string, from: string, id: string): Promise<ActivityView> {
      const n = await deps.registry.get(networkId);
      const r = await find(networkId, from, id);
      if (!canRetry(r) || r.raw === undefined) throw new InvalidParamsError('This transaction cannot be sent again.', { status: r.status });
      await deps.adapters.get(n).rebroadcast(r.id, r.raw);
      await deps.store.update(networkId, from, id, { delivery: undefined, updatedAt: deps.now() });
      await this.watch(handleOf(r));
      return toActivityView(await find(networkId, from, id), n);
    },
    /** One pass over the pending queue (concurrent callers share it). */
    pollPending(): Promise<void> {
      polling ??= pollOnce().finally(() => { polling = null; });
      return polling;
    },
    /**
     * The wallet's own sends and, with `history`, the records found on chain, newest first. What an own send took out
     * (its transaction hash and asset) is listed once, as the send (its row has the amount and the fee); the other
     * movements of its transaction (a swap's other token, its proceeds, a new account's rent) are listed as records
     * without the fee.
     */
    async list(account: AccountView, history?: HistorySource): Promise<ActivityView[]> {
      const nets = await deps.registry.networks.all();
      const out: ActivityView[] = [];
      // The addresses a look-alike imitates, read once per family (not once per network).
      const knownOf = new Map<'evm' | 'solana', Promise<readonly string[]>>();
      const knownFor = (family: 'evm' | 'solana') => {
        if (!knownOf.has(family)) knownOf.set(family, history?.knownAddresses?.(family) ?? Promise.resolve([]));
        return knownOf.get(family)!;
      };
      for (const n of nets) {
        const address = account[n.family];
        if (!address) continue;
        const own = await deps.store.list(n.id, address);
        for (const r of own) out.push(toActivityView(r, n));
        if (!history) continue;
        // The asset a send took out: its token (EVM addresses in any case) or '' for the native currency.
        const asset = (token: string | undefined) => (token === undefined ? '' : n.family === 'evm' ? token.toLowerCase() : token);
        const sent = new Set(own.map((r) => `${r.id}|${asset(r.token)}`));
        const ownTx = new Set(own.map((r) => r.id));
        const known = [...(await knownFor(n.family)), ...own.map((r) => r.to)];
        for (const e of await history.entries(n.id, address)) {
          if (e.direction !== 'in' && sent.has(`${e.hash}|${asset(e.token)}`)) continue;
          // Another movement of an own send's transaction: its fee is on the send's row already (counted once).
          const shown = ownTx.has(e.hash) && e.fee !== '0' ? { ...e, fee: '0' } : e;
          out.push(historyView(shown, n, address, isPoisoning(e, n.family, known)));
        }
      }
      return out.sort((a, b) => b.createdAt - a.createdAt);
    },
    /** One poll of one transaction (the popup's status view calls this until the status is final). */
    async track(networkId: string, from: string, id: string): Promise<ActivityView> {
      const n = await deps.registry.get(networkId);
      let r = await find(networkId, from, id);
      if (r.status === 'pending') {
        await deps.adapters.get(n).track(handleOf(r));
        r = await find(networkId, from, id);
      }
      return toActivityView(r, n);
    },
    async get(networkId: string, from: string, id: string): Promise<ActivityView> {
      return toActivityView(await find(networkId, from, id), await deps.registry.get(networkId));
    },
  };
}

function dedupe(list: TrackHandle[]): TrackHandle[] {
  const seen = new Set<string>();
  return list.filter((h) => (seen.has(`${h.networkId}|${h.id}`) ? false : (seen.add(`${h.networkId}|${h.id}`), true)));
}
export type Activity = ReturnType<typeof createActivity>;
