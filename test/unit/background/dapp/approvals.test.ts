// The approval queue: one window for every site, caps, closing, and the windows a restarted worker closes (issue 9
// items 3 and 6).
import { describe, expect, it } from 'vitest';
import { createApprovals } from '../../../../src/background/dapp/approvals';
import { createMemoryStorage, type StorageArea } from '../../../../src/background/storageArea';
import type { ApprovalDecision, ApprovalView } from '../../../../src/shared/approval';

const view = (origin: string): Omit<ApprovalView, 'id'> => ({
  origin, family: 'evm', kind: 'personal-sign', network: { id: 'eip155:31337', name: 'Localnet' }, account: null, details: {}, warnings: [], createdAt: 0,
});
const tick = () => new Promise<void>((r) => setImmediate(r));
/** Wait (a bounded number of event-loop turns) for a condition; fails instead of hanging. */
async function until(cond: () => boolean, turns = 200): Promise<void> {
  for (let i = 0; i < turns && !cond(); i++) await tick();
  expect(cond()).toBe(true);
}
/** Whether a promise has settled after the pending callbacks ran (without waiting for it). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => { done = true; }, () => { done = true; });
  for (let i = 0; i < 20; i++) await tick();
  return done;
}

function setup(opts: { session?: StorageArea; firstWindow?: number; maxQueued?: number; maxQueuedPerOrigin?: number } = {}) {
  const opened: number[] = [];
  const closed: number[] = [];
  const pending: number[] = [];
  let nextWindow = opts.firstWindow ?? 100;
  const session = opts.session ?? createMemoryStorage();
  const approvals = createApprovals({
    session, ...(opts.maxQueued ? { maxQueued: opts.maxQueued } : {}), ...(opts.maxQueuedPerOrigin ? { maxQueuedPerOrigin: opts.maxQueuedPerOrigin } : {}),
    async openWindow() { const w = nextWindow++; opened.push(w); return w; },
    async closeWindow(w) { closed.push(w); },
    onChange: (n) => pending.push(n),
  });
  return { approvals, opened, closed, pending, session };
}

describe('one approval window for every site', () => {
  it('requests of three origins share one window, shown oldest first with the count; it closes after the last decision', async () => {
    const { approvals, opened, closed, pending } = setup();
    const a = approvals.request(view('https://a.example'));
    const b = approvals.request(view('https://b.example'));
    const c = approvals.request(view('https://c.example'));
    await until(() => opened.length > 0);
    expect(await settled(Promise.race([a, b, c]))).toBe(false);
    expect(opened).toEqual([100]); // not one per origin
    expect(approvals.current()).toMatchObject({ request: { origin: 'https://a.example' }, total: 3 });
    expect(approvals.resolve(approvals.current().request!.id, { approved: true })).toBe(true);
    expect(await a).toEqual({ approved: true });
    expect(approvals.current()).toMatchObject({ request: { origin: 'https://b.example' }, total: 2 });
    approvals.resolve(approvals.current().request!.id, { approved: false });
    expect(await b).toEqual({ approved: false });
    expect(closed).toEqual([]); // c still waits in the same window
    approvals.resolve(approvals.current().request!.id, { approved: true, accounts: ['x'] });
    expect(await c).toEqual({ approved: true, accounts: ['x'] });
    expect(approvals.current()).toEqual({ request: null, total: 0 });
    expect(closed).toEqual([100]);
    expect(opened).toEqual([100]);
    expect(pending).toEqual([1, 2, 3, 2, 1, 0]);
    expect(approvals.resolve('no-such-id', { approved: true })).toBe(false);
  });

  it('a page with frames of 60 origins: one window, 50 requests wait, the rest get -32005; 10 per origin at most', async () => {
    const { approvals, opened } = setup();
    const own = Array.from({ length: 10 }, () => approvals.request(view('https://a.example')));
    await expect(approvals.request(view('https://a.example'))).rejects.toMatchObject({
      code: -32005, message: 'Too many pending requests from this site; approve or reject the open ones first.',
    });
    const frames = Array.from({ length: 40 }, (_, i) => approvals.request(view(`https://frame${i}.example`)));
    for (let i = 40; i < 60; i++) {
      await expect(approvals.request(view(`https://frame${i}.example`))).rejects.toMatchObject({
        code: -32005, message: 'Too many pending requests; approve or reject the open ones first.',
      });
    }
    await until(() => opened.length > 0);
    for (let i = 0; i < 10; i++) await tick();
    expect(opened).toEqual([100]);
    expect(approvals.current().total).toBe(50);
    // "Reject all": every waiting request is rejected (4001 for the page), and the queue takes requests again.
    expect(approvals.rejectAll()).toBe(50);
    expect(await Promise.all([...own, ...frames])).toEqual(Array.from({ length: 50 }, () => ({ approved: false })));
    const again = approvals.request(view('https://frame59.example'));
    await until(() => opened.length === 2);
    approvals.resolve(approvals.current().request!.id, { approved: true });
    expect(await again).toEqual({ approved: true });
  });

  it('closing the window rejects everything waiting; the next request opens a new window', async () => {
    const { approvals, opened, closed } = setup();
    const a = approvals.request(view('https://a.example'));
    const b = approvals.request(view('https://b.example'));
    await until(() => opened.length === 1);
    approvals.onWindowRemoved(999); // some other window
    expect(await settled(a)).toBe(false);
    approvals.onWindowRemoved(100);
    expect(await Promise.all([a, b])).toEqual([{ approved: false }, { approved: false }]);
    expect(closed).toEqual([]); // it is already gone
    const c = approvals.request(view('https://c.example'));
    await until(() => opened.length === 2);
    approvals.resolve(approvals.current().request!.id, { approved: true });
    expect(await c).toEqual({ approved: true });
    expect(closed).toEqual([101]);
  });
});

describe('windows of a previous worker (start-up race)', () => {
  it('tracks the open window in session storage; a restarted worker whose request opened first closes only the old window', async () => {
    const session = createMemoryStorage();
    const before = setup({ session });
    void before.approvals.request(view('https://a.example')).catch(() => undefined);
    await until(() => JSON.stringify(session.dump().openApprovalWindows) === '[100]');
    // The worker restarts: a dapp request reaches the new worker before its start-up clean-up runs.
    const after = setup({ session, firstWindow: 200 });
    const fresh = after.approvals.request(view('https://b.example'));
    await until(() => after.opened.length === 1);
    await after.approvals.closeOrphans();
    expect(after.closed).toEqual([100]);
    await until(() => JSON.stringify(session.dump().openApprovalWindows) === '[200]');
    expect(await settled(fresh)).toBe(false);
    after.approvals.resolve(after.approvals.current().request!.id, { approved: true });
    expect(await fresh).toEqual({ approved: true });
    await until(() => JSON.stringify(session.dump().openApprovalWindows) === '[]');
    expect(after.closed).toEqual([100, 200]);
  });

  it('a window that opens while the clean-up is reading storage is neither closed nor untracked', async () => {
    const mem = createMemoryStorage({ openApprovalWindows: [100, 101] });
    // Storage reads take a while (the clean-up's read is still in flight when the new window is tracked).
    const slow: StorageArea = {
      ...mem,
      get: async <T>(key: string) => { for (let i = 0; i < 10; i++) await tick(); return mem.get<T>(key); },
    };
    const after = setup({ session: slow, firstWindow: 200 });
    const cleanup = after.approvals.closeOrphans();
    const fresh = after.approvals.request(view('https://b.example'));
    await cleanup;
    for (let i = 0; i < 20; i++) await tick();
    expect(after.closed.sort()).toEqual([100, 101]);
    expect(mem.dump().openApprovalWindows).toEqual([200]);
    expect(await settled(fresh)).toBe(false);
    after.approvals.resolve(after.approvals.current().request!.id, { approved: false });
    expect(await fresh).toEqual({ approved: false } satisfies ApprovalDecision);
  });
});
