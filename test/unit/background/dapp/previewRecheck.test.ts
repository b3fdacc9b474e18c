// Confirm re-simulates on a newer block; a different result is shown and asked again (issue 8, item 1): the recheck
// itself, and how the approval queue runs it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApprovals, RECHECK_BUDGET_MS, type Asked } from '../../../../src/background/dapp/approvals';
import { evmPreviewRecheck, sameOutcome } from '../../../../src/background/dapp/previewRecheck';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import type { WhatHappensView } from '../../../../src/shared/preview';

const USER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const sim = (at: string, delta: string, extra: Partial<Extract<WhatHappensView, { simulated: true }>> = {}): Extract<WhatHappensView, { simulated: true }> => ({
  simulated: true, engine: 'eth_simulateV1', at, rpcHost: '127.0.0.1:8545',
  changes: [{ account: USER, asset: 'token', token: TOKEN, symbol: 'DUSD', decimals: 6, delta }], ...extra,
});
const asked = (whatHappens: WhatHappensView, warnings: Asked['warnings'] = []): Asked => ({
  origin: 'https://dapp.example', family: 'evm', kind: 'send-transaction', network: { id: 'eip155:31337', name: 'Localnet' },
  account: USER, details: { whatHappens, gas: '21000' }, warnings, createdAt: 0,
});
function recheckWith(block: bigint, fresh: WhatHappensView | Error) {
  const calls = { block: 0, preview: 0 };
  const recheck = evmPreviewRecheck({
    blockNumber: async () => { calls.block++; return block; },
    preview: async () => { calls.preview++; if (fresh instanceof Error) throw fresh; return fresh; },
  });
  return { recheck, calls };
}

describe('evmPreviewRecheck', () => {
  it('same outcome means the same changes, grants, authority changes and failure, wherever and whenever simulated', () => {
    expect(sameOutcome(sim('5', '-10'), { ...sim('9', '-10'), engine: 'in-worker EVM', rpcHost: 'other' })).toBe(true);
    expect(sameOutcome(sim('5', '-10'), sim('5', '-11'))).toBe(false);
    expect(sameOutcome(sim('5', '-10'), sim('5', '-10', { willFail: 'ERC20: transfer amount exceeds balance' }))).toBe(false);
    expect(sameOutcome(sim('5', '-10'), sim('5', '-10', { approvals: [{ token: TOKEN, spender: USER, amount: '1', kind: 'erc20' }] }))).toBe(false);
  });

  it('a newer block with a different result: the new preview, with preview-changed (both languages) on top', async () => {
    const { recheck, calls } = recheckWith(7n, sim('7', '0', { willFail: 'ERC20: transfer amount exceeds balance' }));
    const old = { level: 'warning' as const, code: 'preview-changed', message: 'older notice' };
    const other = { level: 'danger' as const, code: 'spender-is-eoa', message: 'x' };
    const out = await recheck(asked(sim('5', '-10'), [old, other]));
    expect(calls).toEqual({ block: 1, preview: 1 });
    expect(out!.details).toEqual({ whatHappens: sim('7', '0', { willFail: 'ERC20: transfer amount exceeds balance' }), gas: '21000' });
    expect(out!.warnings.map((w) => w.code)).toEqual(['preview-changed', 'spender-is-eoa']);
    expect(out!.warnings[0]).toMatchObject({
      level: 'warning', severity: 'warning',
      message: 'What this transaction does changed: it was simulated again at block 7 (you saw block 5). Check it again before you confirm.',
      i18n: { zh_CN: '此交易的执行结果已变化：已在区块 7 重新模拟（您之前看到的是区块 5）。请再次核对后确认。' },
    });
  });

  it('nothing to ask again: same block (no re-simulation), same outcome, a failed or unsimulated re-run, or nothing simulated before', async () => {
    const same = recheckWith(5n, sim('5', '-99'));
    expect(await same.recheck(asked(sim('5', '-10')))).toBeNull();
    expect(same.calls).toEqual({ block: 1, preview: 0 });
    expect(await recheckWith(8n, sim('8', '-10')).recheck(asked(sim('5', '-10')))).toBeNull();
    expect(await recheckWith(8n, { simulated: false, reason: 'timed out' }).recheck(asked(sim('5', '-10')))).toBeNull();
    const never = recheckWith(8n, sim('8', '-1'));
    expect(await never.recheck(asked({ simulated: false, reason: 'no RPC' }))).toBeNull();
    expect(never.calls).toEqual({ block: 0, preview: 0 });
    await expect(recheckWith(8n, new Error('rpc down')).recheck(asked(sim('5', '-10')))).rejects.toThrow('rpc down'); // the queue treats it as "holds"
  });
});

describe('the queue runs the recheck on approve', () => {
  afterEach(() => { vi.useRealTimers(); });
  const setup = () => createApprovals({ session: createMemoryStorage(), openWindow: async () => 1, closeWindow: async () => undefined });
  const turns = async (n = 20) => { for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r)); };

  it('a changed result replaces the request under a new id; the old id cannot approve it; approving the new one settles', async () => {
    const approvals = setup();
    let fresh: Asked | null = asked(sim('7', '-12'));
    const decision = approvals.request(asked(sim('5', '-10')), { recheck: async () => fresh });
    let answered = false;
    void decision.then(() => { answered = true; });
    const first = approvals.current().request!;
    expect(approvals.resolve(first.id, { approved: true })).toBe(true);
    await turns();
    expect(answered).toBe(false);
    const second = approvals.current().request!;
    expect(second.id).not.toBe(first.id);
    expect((second.details.whatHappens as { at: string }).at).toBe('7');
    expect(approvals.resolve(first.id, { approved: true })).toBe(false); // a click aimed at the old view
    fresh = null;
    expect(approvals.resolve(second.id, { approved: true })).toBe(true);
    expect(await decision).toEqual({ approved: true });
    expect(approvals.current()).toEqual({ request: null, total: 0 });
  });

  it('while the recheck runs a second approve is ignored and a reject still rejects', async () => {
    const approvals = setup();
    let release!: (v: Asked | null) => void;
    let runs = 0;
    const decision = approvals.request(asked(sim('5', '-10')), { recheck: () => { runs++; return new Promise((r) => { release = r; }); } });
    const id = approvals.current().request!.id;
    approvals.resolve(id, { approved: true });
    expect(approvals.resolve(id, { approved: true })).toBe(true);
    expect(runs).toBe(1);
    expect(approvals.resolve(id, { approved: false })).toBe(true);
    expect(await decision).toEqual({ approved: false });
    release(asked(sim('7', '0')));
    await turns();
    expect(approvals.current()).toEqual({ request: null, total: 0 }); // the late recheck result changes nothing
  });

  it('a recheck that throws or outlasts its budget lets the approval count (what was approved was a real simulation)', async () => {
    const approvals = setup();
    const thrown = approvals.request(asked(sim('5', '-10')), { recheck: async () => { throw new Error('rpc down'); } });
    approvals.resolve(approvals.current().request!.id, { approved: true });
    expect(await thrown).toEqual({ approved: true });
    vi.useFakeTimers();
    const slow = approvals.request(asked(sim('5', '-10')), { recheck: () => new Promise(() => undefined) });
    approvals.resolve(approvals.current().request!.id, { approved: true });
    await vi.advanceTimersByTimeAsync(RECHECK_BUDGET_MS - 1);
    expect(approvals.current().total).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await slow).toEqual({ approved: true });
  });
});
