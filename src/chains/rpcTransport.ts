/**
 * JSON-RPC over HTTP with several URLs tried in order. A URL that fails (network error, timeout, HTTP 429/5xx or
 * any non-2xx, unparsable body) is backed off (exponentially, capped) and the next one is tried within the same
 * call; a JSON-RPC error answer is NOT a failover reason (the node answered). `fetch` and the clock are injected.
 */
import { InvalidNetworkError, RpcResponseError, RpcUnavailableError } from './errors';

export interface RpcCall { method: string; params?: unknown[] }
export interface RpcErrorBody { code: number; message: string; data?: unknown }
export type RpcOutcome<T = unknown> = { ok: true; result: T } | { ok: false; error: RpcErrorBody };

export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) =>
  Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface RpcTransportOptions {
  urls: readonly string[];
  fetch?: FetchLike;
  /** Milliseconds clock (default Date.now). */
  now?: () => number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** First back-off of a failing URL (default 30 s), doubled per consecutive failure up to `maxBackoffMs` (5 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Calls per HTTP request; longer batches are split (default 1000). */
  maxBatchSize?: number;
  /**
   * Turn integer literals of 16+ digits into strings before JSON.parse, so u64 values (Solana lamports) above
   * 2^53 stay exact. Read such fields with `BigInt(String(x))`.
   */
  exactIntegers?: boolean;
}

export interface RpcTransport {
  readonly urls: readonly string[];
  /** One call; a JSON-RPC error answer throws RpcResponseError, all URLs failing throws RpcUnavailableError. */
  request<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /** Many calls in one HTTP request (split only beyond maxBatchSize); results in call order. */
  batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]>;
  /** Currently backed-off URLs with the time they become eligible again (for diagnostics and tests). */
  backoffState(): Record<string, number>;
}

class AttemptFailed extends Error {}

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

export function unwrap<T>(outcome: RpcOutcome | undefined, method: string): T {
  if (!outcome) throw new RpcResponseError(`${method}: no answer in batch`, { method });
  if (!outcome.ok) throw new RpcResponseError(`${method}: ${outcome.error.message}`, { method, rpcCode: outcome.error.code, rpcData: outcome.error.data });
  return outcome.result as T;
}

export function createRpcTransport(opts: RpcTransportOptions): RpcTransport {
  if (opts.urls.length === 0) throw new InvalidNetworkError('A network needs at least one RPC URL');
  const urls = [...opts.urls];
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = opts.now ?? (() => Date.now());
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const backoffMs = opts.backoffMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 300_000;
  const maxBatch = Math.max(1, opts.maxBatchSize ?? 1000);
  const state = new Map<string, { failures: number; until: number }>();
  let nextId = 1;

  const order = (): string[] => {
    const t = now();
    const healthy = urls.filter((u) => (state.get(u)?.until ?? 0) <= t);
    const cooling = urls.filter((u) => (state.get(u)?.until ?? 0) > t)
      .sort((a, b) => (state.get(a)?.until ?? 0) - (state.get(b)?.until ?? 0));
    return [...healthy, ...cooling];
  };
  const fail = (url: string) => {
    const s = state.get(url) ?? { failures: 0, until: 0 };
    s.failures++;
    s.until = now() + Math.min(backoffMs * 2 ** (s.failures - 1), maxBackoffMs);
    state.set(url, s);
  };

  async function attempt(url: string, body: string): Promise<unknown> {
    const ctrl = typeof AbortController === 'function' ? new AbortController() : undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => {
        ctrl?.abort();
        rej(new AttemptFailed(`timeout after ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const res = await Promise.race([
        doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: ctrl?.signal }),
        timeout,
      ]);
      if (!res.ok) throw new AttemptFailed(`HTTP ${res.status}`);
      const text = await Promise.race([res.text(), timeout]);
      try {
        return JSON.parse(opts.exactIntegers ? quoteBigIntegers(text) : text) as unknown;
      } catch {
        throw new AttemptFailed('unparsable response');
      }
    } catch (e) {
      if (e instanceof AttemptFailed) throw e;
      throw new AttemptFailed(e instanceof Error ? e.message : String(e));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends one HTTP request (single call or batch) with failover; returns the parsed body. */
  async function send(payload: unknown, check: (body: unknown) => boolean): Promise<unknown> {
    const body = JSON.stringify(payload);
    const reasons: string[] = [];
    for (const url of order()) {
      try {
        const parsed = await attempt(url, body);
        if (!check(parsed)) throw new AttemptFailed('malformed JSON-RPC response');
        state.delete(url);
        return parsed;
      } catch (e) {
        fail(url);
        reasons.push(`${url}: ${(e as Error).message}`);
      }
    }
    throw new RpcUnavailableError(`All RPC endpoints failed (${reasons.join('; ')})`, { reasons });
  }

  const toOutcome = (r: { result?: unknown; error?: RpcErrorBody } | undefined): RpcOutcome =>
    r === undefined ? { ok: false, error: { code: -32603, message: 'missing response' } }
      : r.error ? { ok: false, error: r.error } : { ok: true, result: r.result };
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

  async function batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]> {
    const out: RpcOutcome[] = [];
    for (let i = 0; i < calls.length; i += maxBatch) {
      const chunk = calls.slice(i, i + maxBatch);
      const reqs = chunk.map((c) => ({ jsonrpc: '2.0', id: nextId++, method: c.method, params: c.params ?? [] }));
      if (reqs.length === 1) {
        const body = await send(reqs[0], (b) => isObj(b) && ('result' in b || 'error' in b));
        out.push(toOutcome(body as { result?: unknown; error?: RpcErrorBody }));
        continue;
      }
      const body = await send(reqs, (b) => Array.isArray(b));
      const byId = new Map<unknown, { result?: unknown; error?: RpcErrorBody }>();
      for (const r of body as unknown[]) if (isObj(r)) byId.set(r.id, r as { result?: unknown; error?: RpcErrorBody });
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
  };
}
