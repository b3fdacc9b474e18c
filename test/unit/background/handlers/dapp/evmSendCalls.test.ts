// EIP-5792 (2.0.0): wallet_getCapabilities, wallet_sendCalls, wallet_getCallsStatus, wallet_showCallsStatus.
import { describe, expect, it } from 'vitest';
import { keccak256, parseTransaction, type Hex } from 'viem';
import type { ApprovalView } from '../../../../../src/shared/approval';
import { createMemoryStorage } from '../../../../../src/background/storageArea';
import { BATCHES_KEY, MAX_CALLS, MAX_STORED_BATCHES, addBatch, findBatch, type CallBatch } from '../../../../../src/background/handlers/dapp/evm/callBatches';
import { statusCode } from '../../../../../src/background/handlers/dapp/evm/callsStatus';
import { parseSendCalls } from '../../../../../src/background/handlers/dapp/evm/sendCalls';
import { EVM0, EVM1, fakeEvmNode, makeDappEnv } from '../../dapp/dappEnv';

const A = '0x00000000000000000000000000000000000000a1';
const B = '0x00000000000000000000000000000000000000b2';
const C = '0x00000000000000000000000000000000000000c3';
const OTHER = 'https://other.example';
const req = (over: Record<string, unknown> = {}) => ({
  version: '2.0.0', from: EVM0, chainId: '0x7a69', atomicRequired: false,
  calls: [{ to: A, value: '0x1' }, { to: B, value: '0x2', data: '0xdeadbeef' }, { to: C }], ...over,
});

/** The fake node plus receipts: `receipts` maps a tx hash to its status ('0x1' / '0x0'); absent = not mined yet. */
async function setup(opts: { pendingNonce?: number; broadcast?: (raw: Hex, i: number) => void } = {}) {
  const node = fakeEvmNode({ pendingNonce: opts.pendingNonce ?? 7, ...(opts.broadcast ? { broadcast: opts.broadcast } : {}) });
  const receipts = new Map<string, string>();
  const env = await makeDappEnv();
  await env.connect('evm', [EVM0]);
  env.state.node = (call, network) => {
    if (call.method === 'eth_getTransactionReceipt') {
      const h = String(call.params?.[0]);
      const status = receipts.get(h);
      return status ? { status, transactionHash: h, blockHash: `0x${'22'.repeat(32)}`, blockNumber: '0x11', gasUsed: '0x5208', logs: [{ address: A, data: '0x', topics: [], removed: false }] } : null;
    }
    return node.node(call, network);
  };
  env.state.decide = () => ({ approved: true });
  const shown: ApprovalView[] = [];
  const ctxOf = (origin: string) => ({ ...env.ctx, origin, showActivity: async (ids: readonly string[]) => { shown.push({ ids } as never); } });
  let n = 0;
  const callAs = async (origin: string, method: string, params?: unknown) => (await env.route({ id: `x${++n}`, family: 'evm', method, params }, ctxOf(origin)))!;
  return { env, node, receipts, shown, callAs };
}

describe('wallet_getCapabilities', () => {
  it('reports atomic "unsupported" per known chain, leaves unknown chains out, and needs a connected site and a permitted address', async () => {
    const { env } = await setup();
    expect(await env.call('wallet_getCapabilities', [EVM0, ['0x7a69', '0x1', '0xfffff1']])).toEqual({
      id: expect.any(String), result: { '0x7a69': { atomic: { status: 'unsupported' } }, '0x1': { atomic: { status: 'unsupported' } } },
    });
    const all = (await env.call('wallet_getCapabilities', [EVM0])) as { result: Record<string, unknown> };
    expect(all.result['0x7a69']).toEqual({ atomic: { status: 'unsupported' } });
    expect(Object.values(all.result).every((v) => JSON.stringify(v) === '{"atomic":{"status":"unsupported"}}')).toBe(true);
    expect(await env.call('wallet_getCapabilities', [EVM1])).toMatchObject({ error: { code: 4100 } });
    expect(await env.call('wallet_getCapabilities', [EVM0, '0x7a69'])).toMatchObject({ error: { code: -32602 } });
    const fresh = await makeDappEnv();
    expect(await fresh.call('wallet_getCapabilities', [EVM0])).toMatchObject({ error: { code: 4100 } });
  });
});

describe('wallet_sendCalls validation (refused before any window)', () => {
  it.each([
    ['a version other than 2.0.0', req({ version: '1.0' }), -32602],
    ['no atomicRequired', req({ atomicRequired: undefined }), -32602],
    ['atomicRequired: true (this wallet cannot execute atomically)', req({ atomicRequired: true }), 5760],
    ['a chain id other than the selected network', req({ chainId: '0x1' }), 5710],
    ['a from address the site may not use', req({ from: EVM1 }), 4100],
    ['an empty calls array', req({ calls: [] }), -32602],
    [`more than ${MAX_CALLS} calls`, req({ calls: Array.from({ length: MAX_CALLS + 1 }, () => ({ to: A })) }), 5740],
    ['a non-optional capability', req({ capabilities: { paymasterService: { url: 'https://pm.example' } } }), 5700],
    ['a non-optional call capability', req({ calls: [{ to: A, capabilities: { foo: {} } }] }), 5700],
    ['bad call data', req({ calls: [{ to: A, data: '0x123' }] }), -32602],
    ['an empty id', req({ id: '' }), -32602],
  ])('%s', async (_name, params, code) => {
    const { env, node } = await setup();
    expect(await env.call('wallet_sendCalls', [params])).toMatchObject({ error: { code } });
    expect(env.asked).toHaveLength(0);
    expect(node.raws).toHaveLength(0);
  });

  it(`takes exactly ${MAX_CALLS} calls, and optional capabilities`, () => {
    const parsed = parseSendCalls([req({ calls: Array.from({ length: MAX_CALLS }, () => ({ to: A, capabilities: { x: { optional: true } } })), capabilities: { y: { optional: true } } })]);
    expect(parsed.calls).toHaveLength(MAX_CALLS);
    expect(parsed.chainId).toBe(31337);
  });

  it('a site that is not connected gets 4100', async () => {
    const env = await makeDappEnv();
    expect(await env.call('wallet_sendCalls', [req()])).toMatchObject({ error: { code: 4100 } });
  });
});

describe('wallet_sendCalls → wallet_getCallsStatus', () => {
  it('one window lists every call; the calls are signed with consecutive nonces and sent in order; status follows the receipts', async () => {
    const { env, node, receipts, callAs, shown } = await setup();
    const r = await env.call('wallet_sendCalls', [req()]) as { result: { id: string } };
    expect(r.result.id).toMatch(/^0x[0-9a-f]{64}$/);
    expect(env.asked).toHaveLength(1);
    const view = env.asked[0]! as Omit<ApprovalView, 'id'> & { details: { calls: Array<{ decoded: { to: string; value: string }; data: string }>; total: string; value: string } };
    expect(view).toMatchObject({ kind: 'send-calls', account: EVM0, origin: 'https://dapp.example' });
    expect(view.details.calls.map((c) => [c.decoded.to.toLowerCase(), c.decoded.value, c.data])).toEqual([[A, '1', '0x'], [B, '2', '0xdeadbeef'], [C, '0', '0x']]);
    expect(view.details.value).toBe('3');
    const txs = node.raws.map((raw) => parseTransaction(raw));
    expect(txs.map((t) => [t.nonce, t.to, t.value ?? 0n, t.data ?? '0x', t.chainId])).toEqual([[7, A, 1n, '0x', 31337], [8, B, 2n, '0xdeadbeef', 31337], [9, C, 0n, '0x', 31337]]);
    const hashes = node.raws.map((raw) => keccak256(raw));

    const status = async () => (await env.call('wallet_getCallsStatus', [r.result.id]) as { result: { status: number; receipts: Array<{ transactionHash: string; status: string }> } }).result;
    expect(await status()).toMatchObject({ version: '2.0.0', id: r.result.id, chainId: '0x7a69', status: 100, atomic: false, receipts: [] });
    receipts.set(hashes[0]!, '0x1');
    receipts.set(hashes[1]!, '0x1');
    expect(await status()).toMatchObject({ status: 100 });
    receipts.set(hashes[2]!, '0x1');
    const done = await status();
    expect(done.status).toBe(200);
    expect(done.receipts).toEqual(hashes.map((h) => ({
      transactionHash: h, status: '0x1', blockHash: `0x${'22'.repeat(32)}`, blockNumber: '0x11', gasUsed: '0x5208', logs: [{ address: A, data: '0x', topics: [] }],
    })));
    receipts.set(hashes[1]!, '0x0');
    expect((await status()).status).toBe(600);

    // Only the origin that sent it sees the batch; for another it does not exist.
    await env.ctx.permissions.grant(OTHER, 'evm', [EVM0]);
    expect(await callAs(OTHER, 'wallet_getCallsStatus', [r.result.id])).toMatchObject({ error: { code: 5730 } });
    expect(await callAs(OTHER, 'wallet_showCallsStatus', [r.result.id])).toMatchObject({ error: { code: 5730 } });
    expect(shown).toHaveLength(0);
    expect(await callAs('https://dapp.example', 'wallet_showCallsStatus', [r.result.id])).toMatchObject({ result: null });
    expect(shown).toEqual([{ ids: hashes }]);
  });

  it('a dapp-chosen id is used; the same id again from the same site is 5720 (no window), from another site it is free', async () => {
    const { env, callAs } = await setup();
    expect(await env.call('wallet_sendCalls', [req({ id: 'order-1' })])).toMatchObject({ result: { id: 'order-1' } });
    expect(await env.call('wallet_sendCalls', [req({ id: 'order-1' })])).toMatchObject({ error: { code: 5720 } });
    expect(env.asked).toHaveLength(1);
    await env.ctx.permissions.grant(OTHER, 'evm', [EVM0]);
    expect(await callAs(OTHER, 'wallet_sendCalls', [req({ id: 'order-1' })])).toMatchObject({ result: { id: 'order-1' } });
    // Both records are in local storage (they survive a worker restart), each with its origin.
    const stored = await env.local.get<CallBatch[]>(BATCHES_KEY);
    expect(stored?.map((b) => [b.origin, b.id, b.hashes.length, b.calls, b.chainId])).toEqual([
      ['https://dapp.example', 'order-1', 3, 3, 31337], [OTHER, 'order-1', 3, 3, 31337]]);
  });

  it('an unknown id is 5730; a rejected window sends nothing and stores nothing', async () => {
    const { env, node } = await setup();
    expect(await env.call('wallet_getCallsStatus', ['0x1234'])).toMatchObject({ error: { code: 5730 } });
    env.state.decide = () => ({ approved: false });
    expect(await env.call('wallet_sendCalls', [req({ id: 'x' })])).toMatchObject({ error: { code: 4001 } });
    expect(node.raws).toHaveLength(0);
    expect(await env.call('wallet_getCallsStatus', ['x'])).toMatchObject({ error: { code: 5730 } });
  });

  it('a refused later call stops the batch there (its nonce is given back); the status ends at 600', async () => {
    const { env, node, receipts } = await setup({ broadcast: (_raw, i) => { if (i === 1) throw new Error('replacement transaction underpriced'); } });
    const r = await env.call('wallet_sendCalls', [req()]) as { result: { id: string } };
    expect(node.raws).toHaveLength(2); // call 3 was never sent
    receipts.set(keccak256(node.raws[0]!), '0x1');
    expect(await env.call('wallet_getCallsStatus', [r.result.id])).toMatchObject({ result: { status: 600, receipts: [{ transactionHash: keccak256(node.raws[0]!) }] } });
    // Nonce 8 was released: the next send takes it again.
    await env.call('wallet_sendCalls', [req({ calls: [{ to: A }] })]);
    expect(parseTransaction(node.raws[2]!).nonce).toBe(8);
  });

  it('a refused first call is the error of the request, and no batch exists', async () => {
    const { env, node } = await setup({ broadcast: () => { throw new Error('insufficient funds'); } });
    expect(await env.call('wallet_sendCalls', [req({ id: 'y' })])).toMatchObject({ error: { code: -32603 } });
    expect(node.raws).toHaveLength(1);
    expect(await env.call('wallet_getCallsStatus', ['y'])).toMatchObject({ error: { code: 5730 } });
  });
});

describe('batch records and status codes', () => {
  it(`keeps the newest ${MAX_STORED_BATCHES} batches`, async () => {
    const local = createMemoryStorage();
    for (let i = 0; i <= MAX_STORED_BATCHES; i++) {
      await addBatch(local, { origin: 'https://a.example', id: `b${i}`, chainId: 1, networkId: 'eip155:1', from: EVM0, hashes: [], calls: 1, createdAt: i });
    }
    expect((await local.get<unknown[]>(BATCHES_KEY))?.length).toBe(MAX_STORED_BATCHES);
    expect(await findBatch(local, 'https://a.example', 'b0')).toBeUndefined();
    expect(await findBatch(local, 'https://a.example', `b${MAX_STORED_BATCHES}`)).toMatchObject({ createdAt: MAX_STORED_BATCHES });
  });

  it('100 pending, 200 all confirmed, 500 all reverted, 600 partly', () => {
    const ok = { status: '0x1' };
    const bad = { status: '0x0' };
    expect(statusCode({ calls: 2, hashes: [] }, [ok, null])).toBe(100);
    expect(statusCode({ calls: 2, hashes: [] }, [ok, ok])).toBe(200);
    expect(statusCode({ calls: 2, hashes: [] }, [bad, bad])).toBe(500);
    expect(statusCode({ calls: 2, hashes: [] }, [ok, bad])).toBe(600);
    expect(statusCode({ calls: 3, hashes: [] }, [ok, ok])).toBe(600);
  });
});
