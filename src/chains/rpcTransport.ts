/**
 * JSON-RPC over HTTP with several URLs tried in order. A URL that fails (network error, timeout, HTTP 429/5xx or
 * any non-2xx, unparsable or oversized body) is backed off (exponentially, capped; at least as long as its
 * `Retry-After` says) and the next one is tried within the same call; a JSON-RPC error answer is NOT a failover
 * reason (the node answered). `fetch` and the clock are injected.
 *
 * Bounds: one call makes at most one attempt per URL (two for a write to a URL not checked yet, see `check`), each
 * attempt at most `timeoutMs` from request to last body byte, so a call ends within urls × timeoutMs (+ timeoutMs
 * per unchecked URL for a write). A body is read as a stream and abandoned past `maxResponseBytes`.
 *
 * Network check (`check`): each URL is asked once per transport life which chain it serves (eth_chainId /
 * getGenesisHash) in the same HTTP batch as the first calls sent to it, so it costs no round trip. A URL that
 * names another chain is refused for the life of the transport (its answers are dropped, the next URL is tried);
 * when every URL is refused the call fails with WrongNetworkError (1103). A write (a transaction broadcast) is
 * never sent to a URL before it passed the check: an unchecked URL is checked alone first.
 */
import type { Network } from './ChainAdapter';
import { InvalidNetworkError, RpcResponseError, RpcUnavailableError, WrongNetworkError } from './errors';

export interface RpcCall { method: string; params?: unknown[] }
export interface RpcErrorBody { code: number; message: string; data?: unknown }
export type RpcOutcome<T = unknown> = { ok: true; result: T } | { ok: false; error: RpcErrorBody };

/**
 * What the transport needs of a fetch Response. `headers` and `body` are optional (a real Response has both): with
 * them, `Retry-After` and `Content-Length` are honoured and the body is read as a stream under the size cap.
 */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  text(): Promise<string>;
  headers?: { get(name: string): string | null };
  body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } } | null;
}
export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) =>
  Promise<FetchResponseLike>;

/** Which chain a URL must serve: the call that names it and the answer expected. */
export interface NetworkCheck {
  method: 'eth_chainId' | 'getGenesisHash';
  /** The expected answer as shown in errors (EVM: decimal chain id; Solana: genesis hash). */
  expected: string;
  matches(result: unknown): boolean;
}

/** EVM: eth_chainId must equal the network's chain id. Solana: getGenesisHash, when the network pins one (Localnet does not). */
export function networkCheckFor(network: Network): NetworkCheck | undefined {
  if (network.family === 'evm') {
    const want = BigInt(network.chainId);
    return {
      method: 'eth_chainId', expected: String(network.chainId),
      matches: (r) => typeof r === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(r) && BigInt(r) === want,
    };
  }
  const g = network.genesisHash;
  return g ? { method: 'getGenesisHash', expected: g, matches: (r) => r === g } : undefined;
}

/** Methods that act (broadcast): never sent to a URL that has not passed the network check. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['eth_sendRawTransaction', 'eth_sendTransaction', 'sendTransaction']);

export interface RpcTransportOptions {
  urls: readonly string[];
  fetch?: FetchLike;
  /** Milliseconds clock (default Date.now). */
  now?: () => number;
  /** Per-attempt timeout, request to last body byte (default 10 s). */
  timeoutMs?: number;
  /** First back-off of a failing URL (default 30 s), doubled per consecutive failure up to `maxBackoffMs` (5 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A `Retry-After` longer than this (default 1 h) is cut to it. */
  maxRetryAfterMs?: number;
  /** Largest response body read (default 10 MiB); a longer one is abandoned and the URL fails over. */
  maxResponseBytes?: number;
  /** Calls per HTTP request; longer batches are split (default 1000). */
  maxBatchSize?: number;
  /**
   * Turn integer literals of 16+ digits into strings before JSON.parse, so u64 values (Solana lamports) above
   * 2^53 stay exact. Read such fields with `BigInt(String(x))`.
   */
  exactIntegers?: boolean;
  /** Refuse URLs that serve another chain (see the file comment). */
  check?: NetworkCheck;
}

export interface RpcTransport {
  readonly urls: readonly string[];
  /** One call; a JSON-RPC error answer throws RpcResponseError, all URLs failing throws RpcUnavailableError. */
  request<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /** Many calls in one HTTP request (split only beyond maxBatchSize); results in call order. */
  batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]>;
  /** Currently backed-off URLs with the time they become eligible again (for diagnostics and tests). */
  backoffState(): Record<string, number>;
  /** URLs refused for serving another chain, with what they answered. */
  wrongNetworkUrls?(): Record<string, string>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const UNPARSABLE = 'unparsable response';
class AttemptFailed extends Error {
  constructor(message: string, readonly retryAfterMs?: number) { super(message); }
}
class WrongChain extends Error {
  constructor(readonly got: string) { super(`serves ${got}`); }
}

/** Quotes integer literals of 16+ digits that stand as JSON values (outside strings). */
export function quoteBigIntegers(json: string): string {
  let out = '';
  let i = 0;
  const n = json.length;
  while (i < n) {
    const ch = json[i] as string;
    if (ch === '"') {
      let j = i + 1;
      while (j < n && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j + 1;
    } else if ((ch >= '0' && ch <= '9') || ch === '-') {
      let j = i + 1;
      while (j < n && /[0-9.eE+-]/.test(json[j] as string)) j++;
      const lit = json.slice(i, j);
      out += /^-?\d{16,}$/.test(lit) ? `"${lit}"` : lit;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Milliseconds a `Retry-After` value asks to wait (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = /^[A-Za-z]{3}/.test(v) ? Date.parse(v) : NaN; // HTTP dates start with the day name
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function unwrap<T>(outcome: RpcOutcome | undefined, method: string): T {
  if (!outcome) throw new RpcResponseError(`${method}: no answer in batch`, { method });
  if (!outcome.ok) throw new RpcResponseError(`${method}: ${outcome.error.message}`, { method, rpcCode: outcome.error.code, rpcData: outcome.error.data });
  return outcome.result as T;
}

type Req = { jsonrpc: '2.0'; id: number; method: string; params: unknown[] };
type Answer = { result?: unknown; error?: RpcErrorBody };

export function createRpcTransport(opts: RpcTransportOptions): RpcTransport {
  if (opts.urls.length === 0) throw new InvalidNetworkError('A network needs at least one RPC URL');
  const urls = [...opts.urls];
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = opts.now ?? (() => Date.now());
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const backoffMs = opts.backoffMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 300_000;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 3_600_000;
  const maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxBatch = Math.max(1, opts.maxBatchSize ?? 1000);
  const check = opts.check;
  const state = new Map<string, { failures: number; until: number }>();
  const checked = new Set<string>();
  const wrong = new Map<string, string>();
  let nextId = 1;

  const order = (): string[] => {
    const t = now();
    const usable = urls.filter((u) => !wrong.has(u));
    const healthy = usable.filter((u) => (state.get(u)?.until ?? 0) <= t);
    const cooling = usable.filter((u) => (state.get(u)?.until ?? 0) > t)
      .sort((a, b) => (state.get(a)?.until ?? 0) - (state.get(b)?.until ?? 0));
    return [...healthy, ...cooling];
  };
  const fail = (url: string, retryAfterMs?: number) => {
    const s = state.get(url) ?? { failures: 0, until: 0 };
    s.failures++;
    const wait = Math.min(backoffMs * 2 ** (s.failures - 1), maxBackoffMs);
    s.until = now() + Math.max(wait, Math.min(retryAfterMs ?? 0, maxRetryAfterMs));
    state.set(url, s);
  };

  /** The body as text, never more than `maxBytes` of it: streamed when the response has a body reader. */
  async function readCapped(res: FetchResponseLike): Promise<string> {
    const declared = Number(res.headers?.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) throw new AttemptFailed(`response of ${declared} bytes is over the ${maxBytes}-byte limit`);
    const reader = res.body && typeof res.body.getReader === 'function' ? res.body.getReader() : undefined;
    if (!reader) {
      const text = await res.text();
      if (text.length > maxBytes) throw new AttemptFailed(`response is over the ${maxBytes}-byte limit`);
      return text;
    }
    const decoder = new TextDecoder();
    let size = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      size += value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => undefined);
        throw new AttemptFailed(`response is over the ${maxBytes}-byte limit`);
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  }

  async function attempt(url: string, body: string): Promise<unknown> {
    const ctrl = typeof AbortController === 'function' ? new AbortController() : undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new AttemptFailed(`timeout after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const res = await Promise.race([
        doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: ctrl?.signal }),
        timeout,
      ]);
      if (!res.ok) throw new AttemptFailed(`HTTP ${res.status}`, parseRetryAfter(res.headers?.get('retry-after'), now()));
      const text = await Promise.race([readCapped(res), timeout]);
      try {
        return JSON.parse(opts.exactIntegers ? quoteBigIntegers(text) : text) as unknown;
      } catch {
        throw new AttemptFailed(UNPARSABLE);
      }
    } catch (e) {
      ctrl?.abort(); // drop the connection and whatever body is left
      if (e instanceof AttemptFailed) throw e;
      throw new AttemptFailed(e instanceof Error ? e.message : String(e));
    } finally {
      clearTimeout(timer);
    }
  }

  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

  /** One HTTP request to one URL (with the network check when the URL has not passed it); answers by request id. */
  async function exchange(url: string, reqs: Req[]): Promise<Map<unknown, Answer>> {
    const unchecked = check !== undefined && !checked.has(url);
    if (unchecked && reqs.some((r) => WRITE_METHODS.has(r.method))) await exchange(url, []);
    const probe: Req | undefined = check && !checked.has(url) ? { jsonrpc: '2.0', id: nextId++, method: check.method, params: [] } : undefined;
    const wire = probe ? [probe, ...reqs] : reqs;
    const parsed = await attempt(url, JSON.stringify(wire.length === 1 ? wire[0] : wire));
    const byId = new Map<unknown, Answer>();
    if (wire.length === 1) {
      if (!isObj(parsed) || !('result' in parsed || 'error' in parsed)) throw new AttemptFailed('malformed JSON-RPC response');
      byId.set(wire[0]!.id, parsed as Answer);
    } else {
      if (!Array.isArray(parsed)) throw new AttemptFailed('malformed JSON-RPC response');
      for (const r of parsed) if (isObj(r) && ('result' in r || 'error' in r)) byId.set(r.id, r as Answer);
      if (!wire.some((r) => byId.has(r.id))) throw new AttemptFailed('malformed JSON-RPC response');
    }
    if (probe && check) {
      const a = byId.get(probe.id);
      if (!a || a.error !== undefined || !('result' in a)) throw new AttemptFailed(`no ${check.method} answer`);
      if (!check.matches(a.result)) throw new WrongChain((typeof a.result === 'string' ? a.result : JSON.stringify(a.result) ?? 'nothing').slice(0, 100));
      checked.add(url);
    }
    return byId;
  }

  /**
   * Sends one HTTP request (single call or batch) with failover; returns the answers by request id. When every URL
   * failed and one of them answered 200 with a body that is not JSON (a one-off glitch of a busy node), a read is
   * asked once more of that URL; a request with a write is never repeated here.
   */
  async function send(reqs: Req[]): Promise<Map<unknown, Answer>> {
    const reasons: string[] = [];
    let garbled: string | undefined;
    for (const url of order()) {
      try {
        const answers = await exchange(url, reqs);
        state.delete(url);
        return answers;
      } catch (e) {
        if (e instanceof WrongChain) {
          wrong.set(url, e.got);
          reasons.push(`${url}: serves ${e.got}, not ${check?.expected ?? '?'}`);
          continue;
        }
        fail(url, e instanceof AttemptFailed ? e.retryAfterMs : undefined);
        reasons.push(`${url}: ${(e as Error).message}`);
        if (e instanceof AttemptFailed && e.message === UNPARSABLE) garbled ??= url;
      }
    }
    if (garbled && !reqs.some((r) => WRITE_METHODS.has(r.method))) {
      try {
        const answers = await exchange(garbled, reqs);
        state.delete(garbled);
        return answers;
      } catch {
        // The same URL failed twice: report the first reasons.
      }
    }
    if (check && urls.every((u) => wrong.has(u))) {
      const got = urls.map((u) => wrong.get(u)!);
      throw new WrongNetworkError(`No RPC URL of this network serves it: they answer ${check.method} ${got.join(', ')}, not ${check.expected} (${[...wrong].map(([u, g]) => `${u}: ${g}`).join('; ')})`,
        { expected: check.expected, got, reasons: [...wrong].map(([u, g]) => `${u}: serves ${g}`) });
    }
    throw new RpcUnavailableError(`All RPC endpoints failed (${reasons.join('; ')})`, { reasons });
  }

  const toOutcome = (r: Answer | undefined): RpcOutcome =>
    r === undefined ? { ok: false, error: { code: -32603, message: 'missing response' } }
      : r.error ? { ok: false, error: r.error } : { ok: true, result: r.result };

  async function batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]> {
    const out: RpcOutcome[] = [];
    for (let i = 0; i < calls.length; i += maxBatch) {
      const reqs: Req[] = calls.slice(i, i + maxBatch).map((c) => ({ jsonrpc: '2.0', id: nextId++, method: c.method, params: c.params ?? [] }));
      const byId = await send(reqs);
      for (const r of reqs) out.push(toOutcome(byId.get(r.id)));
    }
    return out;
  }

  return {
    urls,
    batch,
    async request<T>(method: string, params: unknown[] = []): Promise<T> {
      const [r] = await batch([{ method, params }]);
      return unwrap<T>(r, method);
    },
    backoffState() {
      return Object.fromEntries([...state].map(([u, s]) => [u, s.until]));
    },
    wrongNetworkUrls() {
      return Object.fromEntries(wrong);
    },
  };
}
