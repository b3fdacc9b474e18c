import { describe, expect, it } from 'vitest';
import { createApprovals, requireApproved } from '../../../../src/background/dapp/approvals';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import type { ApprovalView } from '../../../../src/shared/approval';

const view = (origin: string): Omit<ApprovalView, 'id'> => ({
  origin, family: 'evm', kind: 'personal-sign', network: { id: 'eip155:31337', name: 'Localnet' }, account: null, details: {}, warnings: [], createdAt: 0,
});

function setup(max?: number) {
  const opened: string[] = [];
  const closed: number[] = [];
  let nextWindow = 100;
  const session = createMemoryStorage();
  const approvals = createApprovals({
    session, ...(max ? { maxQueuedPerOrigin: max } : {}),
    async openWindow(id) { opened.push(id); return nextWindow++; },
    async closeWindow(w) { closed.push(w); },
  });
  const until = async (cond: () => boolean) => { while (!cond()) await new Promise((r) => setImmediate(r)); };
  return { approvals, opened, closed, session, until };
}

describe('approvals', () => {
  it('opens one window per origin at a time; the next request waits for the first decision', async () => {
    const { approvals, opened, closed, until } = setup();
    const a = approvals.request(view('https://a.example'));
    const b = approvals.request(view('https://a.example'));
    const c = approvals.request(view('https://c.example'));
    await until(() => opened.length === 2);
    expect(approvals.get(opened[0]!)?.origin).toBe('https://a.example');
    expect(approvals.get(opened[1]!)?.origin).toBe('https://c.example');
    expect(approvals.resolve(opened[0]!, { approved: true })).toBe(true);
    expect(await a).toEqual({ approved: true });
    await until(() => opened.length === 3);
    expect(approvals.get(opened[2]!)?.origin).toBe('https://a.example');
    approvals.resolve(opened[2]!, { approved: false });
    approvals.resolve(opened[1]!, { approved: true, accounts: ['x'] });
    expect(await b).toEqual({ approved: false });
    expect(await c).toEqual({ approved: true, accounts: ['x'] });
    expect(closed.sort()).toEqual([100, 101, 102]);
  });

  it('closing the window rejects; requireApproved turns that into 4001', async () => {
    const { approvals, opened, until } = setup();
    const p = approvals.request(view('https://a.example'));
    await until(() => opened.length === 1);
    approvals.onWindowRemoved(100);
    const d = await p;
    expect(d.approved).toBe(false);
    expect(() => requireApproved(d)).toThrowError(expect.objectContaining({ code: 4001 }));
  });

  it('bounds the queue per origin with -32005 and opens nothing more', async () => {
    const { approvals, opened, until } = setup(2);
    const first = approvals.request(view('https://a.example'));
    const second = approvals.request(view('https://a.example'));
    await expect(approvals.request(view('https://a.example'))).rejects.toMatchObject({ code: -32005 });
    await until(() => opened.length === 1);
    approvals.resolve(opened[0]!, { approved: false });
    await first;
    await until(() => opened.length === 2);
    approvals.resolve(opened[1]!, { approved: false });
    await second;
    expect(opened).toHaveLength(2);
  });

  it('remembers open windows in session storage and closes orphans after a restart', async () => {
    const { approvals, opened, session, until } = setup();
    void approvals.request(view('https://a.example'));
    await until(() => opened.length === 1);
    await until(() => JSON.stringify(session.dump()).includes('100'));
    expect(session.dump().openApprovalWindows).toEqual([100]);
    const closed: number[] = [];
    const restarted = createApprovals({ session, openWindow: async () => 1, closeWindow: async (w) => { closed.push(w); } });
    await restarted.closeOrphans();
    expect(closed).toEqual([100]);
    expect(session.dump().openApprovalWindows).toBeUndefined();
  });
});
