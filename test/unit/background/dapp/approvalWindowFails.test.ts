// An approval window that cannot be opened: the site gets a coded error at once and the queue moves on.
import { describe, expect, it } from 'vitest';
import { createApprovals, type Approvals } from '../../../../src/background/dapp/approvals';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import type { ApprovalDecision, ApprovalView } from '../../../../src/shared/approval';
import { EVM0, ORIGIN, makeDappEnv } from './dappEnv';

const view = (origin: string): Omit<ApprovalView, 'id'> => ({
  origin, family: 'evm', kind: 'connect', network: { id: 'eip155:31337', name: 'Localnet' }, account: null, details: {}, warnings: [], createdAt: 0,
});

/** A window opener whose first `failures` opens throw; an opened window is answered at once with `decision`. */
function flakyWindows(failures: number, decision: ApprovalDecision) {
  const session = createMemoryStorage();
  const opened: string[] = [];
  const closed: number[] = [];
  let left = failures;
  const approvals: Approvals = createApprovals({
    session,
    async openWindow() {
      if (left-- > 0) throw new Error('No current window (browser internals)');
      opened.push(`window ${opened.length + 1}`);
      // The user answers as soon as the window shows its (first) request.
      setImmediate(() => { const shown = approvals.current().request; if (shown) approvals.resolve(shown.id, decision); });
      return 500 + opened.length;
    },
    async closeWindow(w) { closed.push(w); },
  });
  return { approvals, session, opened, closed };
}

describe('approval window that fails to open', () => {
  it('rejects that request with -32603 "could not be opened"; the next queued request gets a window and resolves', async () => {
    const { approvals, session, opened, closed } = flakyWindows(1, { approved: true, accounts: ['x'] });
    const first = approvals.request(view('https://a.example'));
    const second = approvals.request(view('https://a.example'));
    await expect(first).rejects.toMatchObject({ code: -32603, message: 'The approval window could not be opened.' });
    expect(await second).toEqual({ approved: true, accounts: ['x'] });
    expect(opened).toHaveLength(1);
    expect(closed).toEqual([501]); // only the window that opened is closed
    await expect.poll(() => session.dump().openApprovalWindows).toEqual([]);
    // The queue is empty again: a later request opens a window of its own.
    expect(await approvals.request(view('https://a.example'))).toEqual({ approved: true, accounts: ['x'] });
    expect(opened).toHaveLength(2);
  });

  it('through the router: the site gets the coded error, grants nothing, and its next connect works', async () => {
    const windows = flakyWindows(1, { approved: true, accounts: [EVM0] });
    const env = await makeDappEnv({ approvals: windows.approvals });
    expect(await env.route({ id: 'c1', family: 'evm', method: 'eth_requestAccounts' }, env.ctx))
      .toEqual({ id: 'c1', error: { code: -32603, message: 'The approval window could not be opened.' } });
    expect(await env.ctx.permissions.get(ORIGIN, 'evm')).toBeNull();
    expect(await env.route({ id: 'c2', family: 'evm', method: 'eth_requestAccounts' }, env.ctx)).toEqual({ id: 'c2', result: [EVM0.toLowerCase()] });
    expect(windows.opened).toHaveLength(1);
  });
});
