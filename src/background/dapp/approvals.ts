import {
  InternalError, LimitExceededError, LockedError, MeridianError, UnauthorizedError, UserRejectedError,
} from '../../shared/errors';
import type { ApprovalDecision, ApprovalKind, ApprovalQueueView, ApprovalView } from '../../shared/approval';
import type { DappContext } from '../handlers/dapp/context';
import type { StorageArea } from '../storageArea';

/**
 * Caps on waiting requests. 50 in all: the window shows one request at a time, nobody reviews more than a few dozen,
 * and 50 decoded views (a message is at most 64 KiB) stay a few MB in the worker; "Reject all" clears them in one
 * click. 10 per origin: no real dapp has more than a handful of prompts waiting, and one origin (or one frame) cannot
 * take the whole queue from the others. Over either cap: -32005, and nothing opens.
 */
export const MAX_QUEUED = 50;
export const MAX_QUEUED_PER_ORIGIN = 10;

export type ApprovalDeps = {
  /** Opens the approval window (it shows the head of the queue); resolves with the browser's window id. */
  openWindow(): Promise<number>;
  closeWindow(windowId: number): Promise<void>;
  session: StorageArea;
  maxQueued?: number;
  maxQueuedPerOrigin?: number;
  /** The queue changed (a request joined or left); `pending` is how many wait now. */
  onChange?(pending: number): void;
};

export type Asked = Omit<ApprovalView, 'id'>;
type Outcome = { decision: ApprovalDecision } | { error: Error };
/**
 * Run when the user approves, before the approval counts: what was shown checked again (e.g. a transaction re-simulated
 * on a newer block). Null when it still holds; otherwise the request as it must be shown now, to ask again.
 */
export type Recheck = (shown: Asked) => Promise<Asked | null>;
type Entry = { view: ApprovalView; settle(o: Outcome): void; done: boolean; sawUnlocked: boolean; recheck?: Recheck; checking?: boolean };
/** How long a recheck may take before the approval counts as given (the user approved what was shown). */
export const RECHECK_BUDGET_MS = 5_000;
const OPEN_KEY = 'openApprovalWindows';

/**
 * One approval window for every site, showing the oldest waiting request ("1 of N"); requests are decided in the
 * order they came. Closing the window rejects everything waiting (4001). The ids of open approval windows live in
 * session storage, so a restarted worker can close the windows of requests it no longer knows (their dapps already got
 * 4900 from the bridge) — and only those (see closeOrphans).
 */
export function createApprovals(deps: ApprovalDeps) {
  const maxQueued = deps.maxQueued ?? MAX_QUEUED;
  const maxPerOrigin = deps.maxQueuedPerOrigin ?? MAX_QUEUED_PER_ORIGIN;
  const queue: Entry[] = [];
  let windowId: number | null = null;
  let opening = false;
  /** Windows closed by the user before `openWindow` told us their id. */
  const removedEarly = new Set<number>();
  /** The windows this worker opened and has not seen go. */
  const own = new Set<number>();
  /** The windows a previous worker left (read once from session storage), until `closeOrphans` closed them. */
  let inherited: number[] | null = null;
  let writes: Promise<void> = Promise.resolve();
  const serial = (fn: () => Promise<void>): Promise<void> => (writes = writes.then(fn).catch(() => undefined));
  async function previous(): Promise<number[]> {
    if (inherited === null) {
      const stored = await deps.session.get<number[]>(OPEN_KEY);
      inherited = (Array.isArray(stored) ? stored : []).filter((w) => typeof w === 'number' && !own.has(w));
    }
    return inherited;
  }
  // The stored list is the previous worker's windows not yet closed plus this worker's: neither clobbers the other.
  const track = () => serial(async () => { await deps.session.set({ [OPEN_KEY]: [...(await previous()), ...own] }); });

  function changed(): void {
    deps.onChange?.(queue.length);
    if (queue.length > 0) void ensureWindow();
    else if (windowId !== null) {
      const id = windowId;
      windowId = null;
      own.delete(id);
      void track();
      void deps.closeWindow(id).catch(() => undefined);
    }
  }

  function settle(entry: Entry, o: Outcome): void {
    if (entry.done) return;
    entry.done = true;
    const i = queue.indexOf(entry);
    if (i >= 0) queue.splice(i, 1);
    entry.settle(o);
  }
  /** Settle many, then one change notice (one window close). */
  function settleAll(entries: Entry[], o: (e: Entry) => Outcome): number {
    const live = entries.filter((e) => !e.done);
    for (const e of live) settle(e, o(e));
    if (live.length) changed();
    return live.length;
  }

  async function ensureWindow(): Promise<void> {
    if (windowId !== null || opening || queue.length === 0) return;
    opening = true;
    const head = queue[0]!;
    let id: number;
    try {
      id = await deps.openWindow();
    } catch {
      opening = false;
      // The browser's reason (e.g. no window to attach to) stays here; the site gets a code it can act on. The rest
      // of the queue gets a window of its own try.
      if (!head.done) settle(head, { error: new InternalError('The approval window could not be opened.') });
      changed();
      return;
    }
    opening = false;
    own.add(id);
    if (removedEarly.delete(id)) { own.delete(id); settleAll([...queue], () => ({ decision: { approved: false } })); return; }
    windowId = id;
    void track();
    if (queue.length === 0) changed(); // everything was decided while the window opened: close it
  }

  return {
    /**
     * Queue a request; resolves with the user's decision (approved false when rejected or the window closed), or
     * rejects with the reason it was withdrawn (site disconnected, wallet locked, account gone). `unlocked`: the
     * wallet's state when asked (a lock rejects only requests that were made or seen while unlocked).
     */
    request(view: Asked, opts: { unlocked?: boolean; recheck?: Recheck } = {}): Promise<ApprovalDecision> {
      if (queue.length >= maxQueued) {
        return Promise.reject(new LimitExceededError('Too many pending requests; approve or reject the open ones first.'));
      }
      if (queue.filter((e) => e.view.origin === view.origin).length >= maxPerOrigin) {
        return Promise.reject(new LimitExceededError('Too many pending requests from this site; approve or reject the open ones first.'));
      }
      return new Promise<ApprovalDecision>((resolve, reject) => {
        queue.push({
          view: { ...view, id: crypto.randomUUID() }, done: false, sawUnlocked: opts.unlocked === true, ...(opts.recheck ? { recheck: opts.recheck } : {}),
          settle: (o) => ('error' in o ? reject(o.error) : resolve(o.decision)),
        });
        changed();
      });
    },
    /**
     * Approve or reject one waiting request (the window sends the id it shows). An approval of a request with a
     * recheck counts only once the recheck holds: meanwhile the request stays (a second approve is ignored, a reject
     * still rejects); if what it does changed, the request is shown again under a new id (a click aimed at the old view
     * cannot approve the new one) and waits for a new decision.
     */
    resolve(id: string, decision: ApprovalDecision): boolean {
      const e = queue.find((x) => x.view.id === id);
      if (!e) return false;
      if (e.checking && decision.approved) return true;
      if (decision.approved && e.recheck) {
        e.checking = true;
        const { id: _id, ...shown } = e.view;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const budget = new Promise<null>((r) => { timer = setTimeout(() => r(null), RECHECK_BUDGET_MS); });
        void Promise.race([e.recheck(shown).catch(() => null), budget]).then((fresh) => {
          clearTimeout(timer);
          e.checking = false;
          if (e.done) return;
          if (!fresh) { settleAll([e], () => ({ decision })); return; }
          e.view = { ...fresh, id: crypto.randomUUID() };
          changed();
        });
        return true;
      }
      settleAll([e], () => ({ decision }));
      return true;
    },
    /** What the window shows: the oldest waiting request and how many wait. */
    current(): ApprovalQueueView {
      return { request: queue[0]?.view ?? null, total: queue.length };
    },
    /** "Reject all" (4001 each), or withdraw everything with `error`. Returns how many were settled. */
    rejectAll(error?: MeridianError): number {
      return settleAll([...queue], () => (error ? { error } : { decision: { approved: false } }));
    },
    /** The site was disconnected (all families, or some): its waiting requests of those families get 4100. */
    rejectSite(origin: string, families: ReadonlyArray<'evm' | 'solana'>): number {
      return settleAll(queue.filter((e) => e.view.origin === origin && families.includes(e.view.family)),
        () => ({ error: new UnauthorizedError('The site was disconnected.') }));
    },
    /**
     * After a wallet change (lock, unlock, accounts): a lock withdraws every request made or seen while unlocked
     * (4100 "The wallet is locked."); while unlocked, a request whose account left the wallet or whose site lost the
     * permission it needs is withdrawn (4100).
     */
    async onWalletChanged(ctx: Pick<DappContext, 'wallet' | 'permissions'>): Promise<void> {
      const unlocked = await ctx.wallet.isUnlocked().catch(() => false);
      for (const e of [...queue]) {
        if (unlocked) e.sawUnlocked = true;
        else if (e.sawUnlocked) { settleAll([e], () => ({ error: new LockedError('The wallet is locked.') })); continue; }
        if (!unlocked) continue;
        // A check that fails (not a refusal) decides nothing here; the check after approval still runs.
        const blocked = await approvalBlocker(ctx, e.view).catch(() => null);
        if (blocked) settleAll([e], () => ({ error: blocked }));
      }
    },
    /** The user closed the approval window: everything waiting is rejected (4001). */
    onWindowRemoved(id: number): void {
      own.delete(id);
      if (id !== windowId) {
        if (opening) removedEarly.add(id);
        return;
      }
      windowId = null;
      void track();
      settleAll([...queue], () => ({ decision: { approved: false } }));
    },
    /**
     * At start-up: close the windows a previous worker left (their requests died with it). Session writes run one at a
     * time; the previous worker's list is read once and kept apart from this worker's windows, so a window this worker
     * opened — before, during or after this clean-up — is never closed or untracked by it.
     */
    closeOrphans(): Promise<void> {
      return serial(async () => {
        const orphans = (await previous()).filter((w) => !own.has(w));
        inherited = [];
        await Promise.all(orphans.map((w) => deps.closeWindow(w).catch(() => undefined)));
        await deps.session.set({ [OPEN_KEY]: [...own] });
      });
    },
  };
}
export type Approvals = ReturnType<typeof createApprovals>;

/** Kinds that sign with an account the site must be permitted to use (the router's "needs a connected site" methods). */
const NEEDS_PERMISSION: ReadonlySet<ApprovalKind> = new Set<ApprovalKind>([
  'personal-sign', 'typed-data', 'send-transaction', 'send-calls', 'solana-sign-transaction', 'solana-sign-message',
]);
const sameAccount = (family: 'evm' | 'solana', a: string, b: string) => (family === 'evm' ? a.toLowerCase() === b.toLowerCase() : a === b);

/**
 * Why a request may not be approved or signed now (null when it may): the wallet is locked, or — for the kinds that
 * sign with a permitted account — the site lost its permission or that account, or the account left the wallet.
 */
export async function approvalBlocker(ctx: Pick<DappContext, 'wallet' | 'permissions'>, view: Asked): Promise<MeridianError | null> {
  if (!(await ctx.wallet.isUnlocked())) return new LockedError('The wallet is locked.');
  // Connect, sign-in, network and token requests need no earlier grant (sign-in answers a foreign account itself,
  // as a rejection: no oracle here).
  if (!NEEDS_PERMISSION.has(view.kind)) return null;
  const perm = await ctx.permissions.get(view.origin, view.family);
  if (!perm) return new UnauthorizedError('The site was disconnected.');
  const account = view.account;
  if (account === null) return null;
  if (!perm.accounts.some((a) => sameAccount(view.family, a, account))) {
    return new UnauthorizedError('The requested account has not been authorized by the user.');
  }
  const { addresses } = await ctx.wallet.addresses(view.family);
  if (!addresses.some((a) => sameAccount(view.family, a, account))) return new UnauthorizedError('The requested account is no longer in this wallet.');
  return null;
}

/**
 * The one way a dapp handler asks: queue the request, throw 4001 unless approved, then check again — after the user's
 * click and before anything is signed — that the wallet is unlocked, the account is still in it and the site still
 * has the permission the request needs (a lock, disconnect or account change while the user read refuses it, 4100).
 */
export async function requireApproved(ctx: DappContext, view: Asked, opts: { recheck?: Recheck } = {}): Promise<ApprovalDecision> {
  const decision = await ctx.approvals.request(view, { unlocked: await ctx.wallet.isUnlocked(), ...(opts.recheck ? { recheck: opts.recheck } : {}) });
  if (!decision.approved) throw new UserRejectedError('User rejected the request.');
  const blocked = await approvalBlocker(ctx, view);
  if (blocked) throw blocked;
  return decision;
}
