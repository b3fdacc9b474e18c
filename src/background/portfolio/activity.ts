/**
 * The wallet's own transactions (recorded by the adapters at broadcast) with their status. Pending ones are kept in
 * a small persisted queue and polled: by the popup while it shows them, and by a chrome.alarms alarm otherwise.
 */
import type { Network, TrackHandle } from '../../chains/ChainAdapter';
import type { ActivityRecord, ActivityStore } from '../../chains/activityRecord';
import { InvalidParamsError, NotFoundError } from '../../shared/errors';
import type { AccountView, ActivityView } from '../../shared/types';
import type { AlarmScheduler, StorageArea } from '../storageArea';
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
  };
}

/** The same signed bytes can be sent again while the transaction may still land (never a new signature). */
export const canRetry = (r: ActivityRecord): boolean => r.raw !== undefined && r.status === 'pending';

export function handleOf(r: ActivityRecord): TrackHandle {
  return {
    networkId: r.networkId, id: r.id, from: r.from, submittedAt: r.createdAt,
    ...(r.nonce !== undefined ? { nonce: r.nonce } : {}), ...(r.lastValidBlockHeight !== undefined ? { lastValidBlockHeight: r.lastValidBlockHeight } : {}),
  };
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
    async list(account: AccountView): Promise<ActivityView[]> {
      const nets = await deps.registry.networks.all();
      const out: ActivityView[] = [];
      for (const n of nets) {
        const address = account[n.family];
        if (!address) continue;
        for (const r of await deps.store.list(n.id, address)) out.push(toActivityView(r, n));
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
