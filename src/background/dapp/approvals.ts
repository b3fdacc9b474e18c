import { InternalError, LimitExceededError, UserRejectedError } from '../../shared/errors';
import type { ApprovalDecision, ApprovalView } from '../../shared/approval';
import type { StorageArea } from '../storageArea';

export type ApprovalDeps = {
  /** Opens the approval window for this approval id; resolves with the browser's window id. */
  openWindow(approvalId: string): Promise<number>;
  closeWindow(windowId: number): Promise<void>;
  session: StorageArea;
  maxQueuedPerOrigin?: number;
};

type Entry = { view: ApprovalView; windowId: number | null; resolve: (d: ApprovalDecision) => void };
const OPEN_KEY = 'openApprovalWindows';

/**
 * One approval window at a time per origin; further requests from that origin wait in its queue (bounded).
 * Closing the window rejects. The ids of open windows live in session storage, so a restarted worker can
 * close the windows of requests it no longer knows (their dapps already got 4900 from the bridge).
 */
export function createApprovals(deps: ApprovalDeps) {
  const max = deps.maxQueuedPerOrigin ?? 20;
  const entries = new Map<string, Entry>();
  const counts = new Map<string, number>();
  const chains = new Map<string, Promise<unknown>>();

  async function trackWindows(): Promise<void> {
    await deps.session.set({ [OPEN_KEY]: [...entries.values()].map((e) => e.windowId).filter((w): w is number => w !== null) });
  }

  async function show(view: ApprovalView): Promise<ApprovalDecision> {
    let resolve!: (d: ApprovalDecision) => void;
    const decided = new Promise<ApprovalDecision>((r) => { resolve = r; });
    const entry: Entry = { view, windowId: null, resolve };
    entries.set(view.id, entry);
    try {
      try { entry.windowId = await deps.openWindow(view.id); } catch {
        // The browser's reason (e.g. no window to attach to) stays here; the site gets a code it can act on.
        throw new InternalError('The approval window could not be opened.');
      }
      await trackWindows();
      return await decided;
    } finally {
      entries.delete(view.id);
      if (entry.windowId !== null) await deps.closeWindow(entry.windowId).catch(() => undefined);
      await trackWindows();
    }
  }

  return {
    /** Queue an approval for the origin; resolves with the user's decision (approved false on close/reject). */
    async request(view: Omit<ApprovalView, 'id'>): Promise<ApprovalDecision> {
      const n = counts.get(view.origin) ?? 0;
      if (n >= max) throw new LimitExceededError('Too many pending requests from this site; approve or reject the open ones first.');
      counts.set(view.origin, n + 1);
      const full: ApprovalView = { ...view, id: crypto.randomUUID() };
      const run = (chains.get(view.origin) ?? Promise.resolve()).then(() => show(full));
      chains.set(view.origin, run.catch(() => undefined));
      try {
        return await run;
      } finally {
        const left = (counts.get(view.origin) ?? 1) - 1;
        if (left === 0) { counts.delete(view.origin); chains.delete(view.origin); } else counts.set(view.origin, left);
      }
    },
    /** Approve or reject from the approval window. */
    resolve(id: string, decision: ApprovalDecision): boolean {
      const e = entries.get(id);
      if (!e) return false;
      e.resolve(decision);
      return true;
    },
    get(id: string): ApprovalView | undefined {
      return entries.get(id)?.view;
    },
    /** The user closed an approval window: its request is rejected. */
    onWindowRemoved(windowId: number): void {
      for (const e of entries.values()) if (e.windowId === windowId) e.resolve({ approved: false });
    },
    /** After a worker restart: close windows whose requests died with the old worker. */
    async closeOrphans(): Promise<void> {
      const ids = (await deps.session.get<number[]>(OPEN_KEY)) ?? [];
      await Promise.all(ids.map((w) => deps.closeWindow(w).catch(() => undefined)));
      await deps.session.remove(OPEN_KEY);
    },
  };
}
export type Approvals = ReturnType<typeof createApprovals>;

/** Throws 4001 unless approved. */
export function requireApproved(d: ApprovalDecision): ApprovalDecision {
  if (!d.approved) throw new UserRejectedError('User rejected the request.');
  return d;
}
