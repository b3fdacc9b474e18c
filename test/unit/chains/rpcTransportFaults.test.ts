// The RPC transport under the faults of the fault rig (issue 9): Retry-After, oversized answers, hanging URLs,
// URLs of another chain. Fake fetch and fake timers; every back-off asserted exactly.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RpcUnavailableError, WrongNetworkError } from '../../../src/chains/errors';
import { getBuiltinNetwork } from '../../../src/chains/networks';
import { createRpcTransport, networkCheckFor, parseRetryAfter, type FetchLike, type FetchResponseLike } from '../../../src/chains/rpcTransport';

type Req = { id: number; method: string };
type Handler = (req: Req | Req[]) => FetchResponseLike | 'hang';

const MiB = 1024 * 1024;
const json = (body: unknown, status = 200, headers: Record<string, string> = {}): FetchResponseLike => ({
  ok: status >= 200 && status < 300, status, text: async () => JSON.stringify(body),
  headers: { get: (n) => headers[n.toLowerCase()] ?? null },
});
/** A node answering every call of a request with `results[method]`. */
const node = (results: Record<string, unknown>): Handler => (req) => {
  const one = (r: Req) => ({ jsonrpc: '2.0', id: r.id, result: results[r.method] ?? null });
  return json(Array.isArray(req) ? req.map(one) : one(req));
};

function fakeFetch(handlers: Record<string, Handler>) {
  const log: { url: string; methods: string[] }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const req = JSON.parse(init.body) as Req | Req[];
    log.push({ url, methods: (Array.isArray(req) ? req : [req]).map((r) => r.method) });
    const h = handlers[url];
    if (!h) throw new TypeError('ECONNREFUSED');
    const r = h(req);
    return r === 'hang' ? new Promise(() => undefined) : r;
  };
  return { fetch, log, urls: () => log.map((l) => l.url) };
}

/** A 200 answer whose body is a stream of `chunks` chunks of `size` bytes; counts what the client pulled. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  const stats = { pulled: 0, cancelled: false, textCalled: false };
  const res: FetchResponseLike = {
    ok: true, status: 200,
    text: async () => { stats.textCalled = true; return 'x'.repeat(chunks * size); },
    headers: { get: (n) => headers[n.toLowerCase()] ?? null },
    body: {
      getReader: () => ({
        read: async () => (stats.pulled < chunks ? (stats.pulled++, { done: false, value: new Uint8Array(size).fill(0x78) }) : { done: true }),
        cancel: async () => { stats.cancelled = true; },
      }),
    },
  };
  return { res, stats };
}

afterEach(() => { vi.useRealTimers(); });

describe('Retry-After', () => {
  it('parses delta-seconds and HTTP dates; ignores garbage', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', 0)).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:29:00 GMT'))).toBe(0);
    expect([parseRetryAfter('soon', 0), parseRetryAfter('', 0), parseRetryAfter(null, 0), parseRetryAfter('-5', 0)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('a 429 backs the URL off for at least Retry-After (longer than the exponential back-off), answer from the next URL', async () => {
    const t0 = 1_000;
    const { fetch, urls } = fakeFetch({
      'http://limited': () => json({ error: 'slow down' }, 429, { 'retry-after': '120' }),
      'http://good': node({ eth_blockNumber: '0x5' }),
    });
    const t = createRpcTransport({ urls: ['http://limited', 'http://good'], fetch, now: () => t0, backoffMs: 1_000 });
    expect(await t.request('eth_blockNumber')).toBe('0x5');
    expect(urls()).toEqual(['http://limited', 'http://good']);
    expect(t.backoffState()).toEqual({ 'http://limited': t0 + 120_000 });
  });

  it('the longer of Retry-After and the exponential back-off wins; an HTTP date counts from now; a huge value is cut to 1 h', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    let header = '1';
    const { fetch } = fakeFetch({ 'http://a': () => json({}, 503, { 'retry-after': header }), 'http://b': node({ m: 1 }) });
    const t = createRpcTransport({ urls: ['http://a', 'http://b'], fetch, now: () => now, backoffMs: 30_000 });
    await t.request('m');
    expect(t.backoffState()['http://a']).toBe(now + 30_000); // 1 s < 30 s back-off
    now += 30_000;
    header = 'Tue, 01 Jan 2030 00:10:30 GMT'; // 10 min from now
    await t.request('m');
    expect(t.backoffState()['http://a']).toBe(now + 600_000);
    now += 600_000;
    header = '999999999';
    await t.request('m');
    expect(t.backoffState()['http://a']).toBe(now + 3_600_000);
  });

  it('a response without headers (older FetchLike fakes) still fails over with the plain back-off', async () => {
    const fetch: FetchLike = async (url, init) => url === 'http://a'
      ? { ok: false, status: 429, text: async () => '' }
      : { ok: true, status: 200, text: async () => JSON.stringify({ id: (JSON.parse(init.body) as Req).id, result: 7 }) };
    const t = createRpcTransport({ urls: ['http://a', 'http://b'], fetch, now: () => 0, backoffMs: 500 });
    expect(await t.request('m')).toBe(7);
    expect(t.backoffState()).toEqual({ 'http://a': 500 });
  });
});

describe('oversized answers', () => {
  it('a 50 MiB streamed body is abandoned after the 10 MiB cap (11 of 50 chunks read), the URL fails over', async () => {
    const huge = streamed(50, MiB);
    const { fetch, urls } = fakeFetch({ 'http://huge': () => huge.res, 'http://good': node({ getSlot: 42 }) });
    const t = createRpcTransport({ urls: ['http://huge', 'http://good'], fetch, now: () => 0, backoffMs: 1_000 });
    expect(await t.request('getSlot')).toBe(42);
    expect(huge.stats).toEqual({ pulled: 11, cancelled: true, textCalled: false });
    expect(urls()).toEqual(['http://huge', 'http://good']);
    expect(t.backoffState()).toEqual({ 'http://huge': 1_000 });
  });

  it('a declared Content-Length over the cap is refused before any byte is read', async () => {
    const huge = streamed(50, MiB, { 'content-length': String(50 * MiB) });
    const { fetch } = fakeFetch({ 'http://huge': () => huge.res, 'http://good': node({ getSlot: 42 }) });
    const t = createRpcTransport({ urls: ['http://huge', 'http://good'], fetch, now: () => 0, backoffMs: 1_000 });
    expect(await t.request('getSlot')).toBe(42);
    expect(huge.stats).toEqual({ pulled: 0, cancelled: false, textCalled: false });
  });

  it('the cap is configurable; a body within it is read whole; without a stream the text is checked after reading', async () => {
    const ok = streamed(3, 10);
    const okBody = JSON.stringify({ id: 1, result: 'x' });
    const small: FetchResponseLike = { ...ok.res, body: { getReader: () => { let sent = false; return { read: async () => (sent ? { done: true } : (sent = true, { done: false, value: new TextEncoder().encode(okBody) })), cancel: async () => undefined }; } } };
    const noStream: FetchResponseLike = { ok: true, status: 200, text: async () => JSON.stringify({ id: 2, result: 'y'.repeat(200) }) };
    let calls = 0;
    const fetch: FetchLike = async () => (++calls === 1 ? small : noStream);
    const t = createRpcTransport({ urls: ['http://a'], fetch, now: () => 0, maxResponseBytes: 100 });
    expect(await t.request('m')).toBe('x');
    await expect(t.request('m')).rejects.toMatchObject({ code: RpcUnavailableError.code, data: { reasons: ['http://a: response is over the 100-byte limit'] } });
  });
});

describe('hanging URLs: nothing waits forever', () => {
  it('every URL hangs → RpcUnavailableError (1104) after exactly urls × timeoutMs, each URL backed off', async () => {
    vi.useFakeTimers();
    const { fetch, urls } = fakeFetch({ 'http://a': () => 'hang', 'http://b': () => 'hang', 'http://c': () => 'hang' });
    const t = createRpcTransport({ urls: ['http://a', 'http://b', 'http://c'], fetch, now: () => 0, timeoutMs: 1_000, backoffMs: 5_000 });
    let outcome: unknown = 'pending';
    void t.request('m').catch((e: unknown) => { outcome = e; });
    await vi.advanceTimersByTimeAsync(2_999);
    expect([outcome, urls()]).toEqual(['pending', ['http://a', 'http://b', 'http://c']]);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toMatchObject({ code: RpcUnavailableError.code, data: { reasons: ['http://a: timeout after 1000 ms', 'http://b: timeout after 1000 ms', 'http://c: timeout after 1000 ms'] } });
    expect(t.backoffState()).toEqual({ 'http://a': 5_000, 'http://b': 5_000, 'http://c': 5_000 });
  });

  it('a body that trickles forever is cut by the same per-attempt timeout', async () => {
    vi.useFakeTimers();
    const trickle: FetchResponseLike = {
      ok: true, status: 200, text: async () => '',
      body: { getReader: () => ({ read: () => new Promise((r) => setTimeout(() => r({ done: false, value: new Uint8Array([0x20]) }), 100)), cancel: async () => undefined }) },
    };
    const { fetch } = fakeFetch({ 'http://slow': () => trickle, 'http://good': node({ m: 'ok' }) });
    const t = createRpcTransport({ urls: ['http://slow', 'http://good'], fetch, now: () => 0, timeoutMs: 1_000, backoffMs: 10 });
    let answer: unknown;
    void t.request('m').then((r) => { answer = r; });
    await vi.advanceTimersByTimeAsync(999);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toBe('ok');
    expect(t.backoffState()).toEqual({ 'http://slow': 10 });
  });
});

describe('a batch answer that answers none of the calls', () => {
  it('is malformed: fails over', async () => {
    const { fetch } = fakeFetch({ 'http://bad': () => json([{ id: 999, result: 1 }]), 'http://good': node({ a: 1, b: 2 }) });
    const t = createRpcTransport({ urls: ['http://bad', 'http://good'], fetch, now: () => 0, backoffMs: 100 });
    expect(await t.batch([{ method: 'a' }, { method: 'b' }])).toEqual([{ ok: true, result: 1 }, { ok: true, result: 2 }]);
    expect(t.backoffState()).toEqual({ 'http://bad': 100 });
  });
});

describe('network check: a URL serving another chain', () => {
  const localnet = getBuiltinNetwork('eip155:31337')!;
  const check = networkCheckFor(localnet)!;

  it('checks: EVM by chain id (hex, any case), Solana by pinned genesis, none for an unpinned Solana network', () => {
    expect([check.method, check.expected, check.matches('0x7a69'), check.matches('0x7A69'), check.matches('0x1'), check.matches(31337), check.matches('7a69')])
      .toEqual(['eth_chainId', '31337', true, true, false, false, false]);
    const devnet = networkCheckFor(getBuiltinNetwork('solana:devnet')!)!;
    expect([devnet.method, devnet.matches('EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG'), devnet.matches('5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d')]).toEqual(['getGenesisHash', true, false]);
    expect(networkCheckFor(getBuiltinNetwork('solana:localnet')!)).toBeUndefined();
  });

  it('asks eth_chainId in the same HTTP request as the first calls, once per URL; a wrong URL is refused for the session', async () => {
    const { fetch, log } = fakeFetch({
      'http://mainnet': node({ eth_chainId: '0x1', eth_getBalance: '0x999' }),
      'http://local': node({ eth_chainId: '0x7a69', eth_getBalance: '0x5', eth_blockNumber: '0x2' }),
    });
    const t = createRpcTransport({ urls: ['http://mainnet', 'http://local'], fetch, now: () => 0, check });
    expect(await t.request('eth_getBalance', ['0xabc', 'latest'])).toBe('0x5');
    expect(await t.batch([{ method: 'eth_getBalance' }, { method: 'eth_blockNumber' }])).toEqual([{ ok: true, result: '0x5' }, { ok: true, result: '0x2' }]);
    expect(log).toEqual([
      { url: 'http://mainnet', methods: ['eth_chainId', 'eth_getBalance'] },
      { url: 'http://local', methods: ['eth_chainId', 'eth_getBalance'] },
      { url: 'http://local', methods: ['eth_getBalance', 'eth_blockNumber'] },
    ]);
    expect(t.wrongNetworkUrls?.()).toEqual({ 'http://mainnet': '0x1' });
    expect(t.backoffState()).toEqual({});
  });

  it('only URLs of another chain → WrongNetworkError (1103); later calls fail the same way without a request', async () => {
    const { fetch, log } = fakeFetch({ 'http://a': node({ eth_chainId: '0x1', m: 1 }), 'http://b': node({ eth_chainId: '0x89', m: 2 }) });
    const t = createRpcTransport({ urls: ['http://a', 'http://b'], fetch, now: () => 0, check });
    const err = { code: WrongNetworkError.code, message: expect.stringMatching(/^No RPC URL of this network serves it: they answer eth_chainId 0x1, 0x89, not 31337 \(/) as unknown, data: { expected: '31337', got: ['0x1', '0x89'] } };
    await expect(t.request('m')).rejects.toMatchObject(err);
    await expect(t.request('m')).rejects.toMatchObject(err);
    expect(log).toHaveLength(2);
  });

  it('a URL that does not answer the check (JSON-RPC error) is a failure like any other, not a wrong chain', async () => {
    const { fetch } = fakeFetch({
      'http://odd': (req) => json((req as Req[]).map((r) => (r.method === 'eth_chainId' ? { id: r.id, error: { code: -32601, message: 'no such method' } } : { id: r.id, result: 9 }))),
      'http://local': node({ eth_chainId: '0x7a69', m: 1 }),
    });
    const t = createRpcTransport({ urls: ['http://odd', 'http://local'], fetch, now: () => 0, backoffMs: 100, check });
    expect(await t.request('m')).toBe(1);
    expect([t.backoffState(), t.wrongNetworkUrls?.()]).toEqual([{ 'http://odd': 100 }, {}]);
  });

  it('a broadcast goes to an unchecked URL only after it passed the check alone; never to a wrong one', async () => {
    const { fetch, log } = fakeFetch({
      'http://wrong': node({ eth_chainId: '0x1', eth_sendRawTransaction: '0xwrong' }),
      'http://local': node({ eth_chainId: '0x7a69', eth_sendRawTransaction: '0xhash' }),
    });
    const t = createRpcTransport({ urls: ['http://wrong', 'http://local'], fetch, now: () => 0, check });
    expect(await t.request('eth_sendRawTransaction', ['0x02'])).toBe('0xhash');
    expect(await t.request('eth_sendRawTransaction', ['0x02'])).toBe('0xhash');
    expect(log).toEqual([
      { url: 'http://wrong', methods: ['eth_chainId'] },
      { url: 'http://local', methods: ['eth_chainId'] },
      { url: 'http://local', methods: ['eth_sendRawTransaction'] },
      { url: 'http://local', methods: ['eth_sendRawTransaction'] },
    ]);
  });

  it('a wrong URL among unreachable ones: RpcUnavailableError (1104), naming both', async () => {
    const { fetch } = fakeFetch({ 'http://wrong': node({ eth_chainId: '0x1' }), 'http://down': () => json({}, 502) });
    const t = createRpcTransport({ urls: ['http://wrong', 'http://down'], fetch, now: () => 0, backoffMs: 100, check });
    await expect(t.request('m')).rejects.toMatchObject({ code: RpcUnavailableError.code, data: { reasons: ['http://wrong: serves 0x1, not 31337', 'http://down: HTTP 502'] } });
  });
});

describe('a body that is not JSON from the only URL (a busy node\u2019s one-off glitch)', () => {
  const garbage: FetchResponseLike = { ok: true, status: 200, text: async () => '', headers: { get: () => null } };
  const once = (after: Handler): Handler => { let n = 0; return (req) => (n++ === 0 ? garbage : after(req)); };

  it('a read is asked once more of that URL and answered', async () => {
    const { fetch, log } = fakeFetch({ 'http://only': once(node({ eth_blockNumber: '0x5' })) });
    const t = createRpcTransport({ urls: ['http://only'], fetch, now: () => 0, backoffMs: 100 });
    expect(await t.request('eth_blockNumber')).toBe('0x5');
    expect(log.map((l) => l.methods)).toEqual([['eth_blockNumber'], ['eth_blockNumber']]);
    expect(t.backoffState()).toEqual({});
  });

  it('never twice: garbage again fails with the first reason; a write is not repeated', async () => {
    const { fetch, log } = fakeFetch({ 'http://only': () => garbage });
    const t = createRpcTransport({ urls: ['http://only'], fetch, now: () => 0, backoffMs: 100 });
    await expect(t.request('eth_blockNumber')).rejects.toThrow('All RPC endpoints failed (http://only: unparsable response)');
    expect(log).toHaveLength(2);
    const w = fakeFetch({ 'http://only': once(node({ eth_sendRawTransaction: '0xabc' })) });
    const tw = createRpcTransport({ urls: ['http://only'], fetch: w.fetch, now: () => 0, backoffMs: 100 });
    await expect(tw.request('eth_sendRawTransaction', ['0x01'])).rejects.toBeInstanceOf(RpcUnavailableError);
    expect(w.log.map((l) => l.methods)).toEqual([['eth_sendRawTransaction']]);
  });
});
