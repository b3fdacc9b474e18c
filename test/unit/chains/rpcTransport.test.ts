import { afterEach, describe, expect, it, vi } from 'vitest';
import { RpcResponseError, RpcUnavailableError } from '../../../src/chains/errors';
import { createRpcTransport, quoteBigIntegers, type FetchLike } from '../../../src/chains/rpcTransport';

type Reply = { status?: number; body?: unknown; raw?: string; throws?: string; hang?: boolean };
function fakeFetch(script: Record<string, (req: unknown) => Reply>) {
  const log: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    log.push(url);
    const r = script[url]?.(JSON.parse(init.body)) ?? { throws: 'ECONNREFUSED' };
    if (r.throws) throw new TypeError(r.throws);
    if (r.hang) return new Promise(() => undefined);
    const status = r.status ?? 200;
    return { ok: status >= 200 && status < 300, status, text: async () => r.raw ?? JSON.stringify(r.body) };
  };
  return { fetch, log };
}
const echo = (result: unknown) => (req: unknown): Reply => Array.isArray(req)
  ? { body: (req as { id: number }[]).map((r) => ({ jsonrpc: '2.0', id: r.id, result })).reverse() }
  : { body: { jsonrpc: '2.0', id: (req as { id: number }).id, result } };

describe('createRpcTransport', () => {
  it('answers a batch in call order in ONE request even when the server reorders', async () => {
    const { fetch, log } = fakeFetch({ 'http://a': (req) => ({ body: (req as { id: number; method: string }[]).map((r) => ({ id: r.id, result: r.method })).reverse() }) });
    const t = createRpcTransport({ urls: ['http://a'], fetch });
    const out = await t.batch([{ method: 'x' }, { method: 'y' }, { method: 'z' }]);
    expect(out).toEqual([{ ok: true, result: 'x' }, { ok: true, result: 'y' }, { ok: true, result: 'z' }]);
    expect(log).toHaveLength(1);
  });

  afterEach(() => { vi.useRealTimers(); });

  it('fails over on refused connection, 429, 5xx, garbage and timeout, and backs the failing URL off', async () => {
    vi.useFakeTimers(); // the hanging URL's timeout runs on the fake clock
    let t0 = 1000;
    for (const bad of [{ throws: 'ECONNREFUSED' }, { status: 429 }, { status: 503 }, { raw: '<html>' }, { hang: true }] as Reply[]) {
      const { fetch, log } = fakeFetch({ 'http://bad': () => bad, 'http://good': echo('0x1') });
      const t = createRpcTransport({ urls: ['http://bad', 'http://good'], fetch, now: () => t0, timeoutMs: 50, backoffMs: 1000 });
      /** Each request may sit on the hanging URL for its 50 ms timeout: let the fake clock pass it. */
      const request = async () => { const p = t.request('eth_chainId'); await vi.advanceTimersByTimeAsync(50); return p; };
      expect(await request()).toBe('0x1');
      expect(log).toEqual(['http://bad', 'http://good']);
      expect(t.backoffState()).toEqual({ 'http://bad': t0 + 1000 });
      // While backed off, the good URL is tried first.
      expect(await request()).toBe('0x1');
      expect(log).toEqual(['http://bad', 'http://good', 'http://good']);
      // After the back-off, the first URL gets its turn again.
      t0 += 1001;
      expect(await request()).toBe('0x1');
      expect(log.at(-2)).toBe('http://bad');
    }
  });

  it('gives a hanging URL exactly timeoutMs before failing over', async () => {
    vi.useFakeTimers();
    const { fetch, log } = fakeFetch({ 'http://slow': () => ({ hang: true }), 'http://good': echo('0x2') });
    const t = createRpcTransport({ urls: ['http://slow', 'http://good'], fetch, now: () => 0, timeoutMs: 5_000 });
    let answer: unknown;
    void t.request('eth_chainId').then((r) => { answer = r; });
    await vi.advanceTimersByTimeAsync(4_999);
    expect([answer, log]).toEqual([undefined, ['http://slow']]);
    await vi.advanceTimersByTimeAsync(1);
    expect([answer, log]).toEqual(['0x2', ['http://slow', 'http://good']]);
  });

  it('doubles the back-off per consecutive failure up to the cap', async () => {
    let now = 0;
    const { fetch } = fakeFetch({ 'http://bad': () => ({ status: 500 }), 'http://good': echo(1) });
    const t = createRpcTransport({ urls: ['http://bad', 'http://good'], fetch, now: () => now, backoffMs: 100, maxBackoffMs: 300 });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await t.request('m');
      waits.push((t.backoffState()['http://bad'] ?? 0) - now);
      now = t.backoffState()['http://bad'] ?? now;
    }
    expect(waits).toEqual([100, 200, 300, 300]);
  });

  it('a JSON-RPC error is an answer, not a failover; all URLs down → RpcUnavailableError (1104)', async () => {
    const { fetch, log } = fakeFetch({ 'http://a': (req) => ({ body: { id: (req as { id: number }).id, error: { code: -32000, message: 'nonce too low' } } }), 'http://b': echo(1) });
    const t = createRpcTransport({ urls: ['http://a', 'http://b'], fetch });
    await expect(t.request('eth_sendRawTransaction')).rejects.toMatchObject({ code: RpcResponseError.code, data: { rpcCode: -32000 } });
    expect(log).toEqual(['http://a']);
    const dead = createRpcTransport({ urls: ['http://x', 'http://y'], fetch });
    await expect(dead.request('m')).rejects.toMatchObject({ code: RpcUnavailableError.code });
  });

  it('splits batches beyond maxBatchSize', async () => {
    const { fetch, log } = fakeFetch({ 'http://a': echo(7) });
    const t = createRpcTransport({ urls: ['http://a'], fetch, maxBatchSize: 2 });
    expect((await t.batch([{ method: 'a' }, { method: 'b' }, { method: 'c' }])).map((o) => o.ok)).toEqual([true, true, true]);
    expect(log).toHaveLength(2);
  });

  it('keeps u64 integers exact with exactIntegers', async () => {
    expect(quoteBigIntegers('{"a":18446744073709551615,"b":"x:12345678901234567,","c":[1,-12345678901234567],"d":1.5e3}'))
      .toBe('{"a":"18446744073709551615","b":"x:12345678901234567,","c":[1,"-12345678901234567"],"d":1.5e3}');
    const { fetch } = fakeFetch({ 'http://a': (req) => ({ raw: `{"id":${(req as { id: number }).id},"result":{"lamports":9007199254740993}}` }) });
    const t = createRpcTransport({ urls: ['http://a'], fetch, exactIntegers: true });
    const r = await t.request<{ lamports: string }>('getBalance');
    expect(BigInt(r.lamports)).toBe(9007199254740993n);
  });
});
