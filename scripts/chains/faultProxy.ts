// A scriptable JSON-RPC fault proxy for the tests: forwards to a dev chain and injects the faults real RPCs show.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Fault =
  /** Answer after a delay (then forward normally). */
  | { kind: 'latency'; ms: number }
  /** An HTTP error status without forwarding (429 with Retry-After, 502, 503 …). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Never answer (the client's timeout fires); the request is not forwarded. */
  | { kind: 'hang' }
  /** Forward to the node (it acts on the request), then cut the connection: the client never learns the answer. */
  | { kind: 'forward-then-drop' }
  /** Close the connection without forwarding. */
  | { kind: 'drop' }
  /** A 200 answer that is not JSON. */
  | { kind: 'malformed' }
  /** A 200 answer of `bytes` bytes of padding inside a JSON string (chunked; with its Content-Length when `declareLength`). */
  | { kind: 'huge'; bytes: number; declareLength?: boolean }
  /** A JSON-RPC error answer without forwarding (the node "refused"). */
  | { kind: 'rpc-error'; code: number; message: string }
  /** Forward, then replace the results of the named methods (for example a wrong `eth_chainId`). */
  | { kind: 'answer'; results: Record<string, unknown> };

export interface FaultRule {
  /** Methods this rule applies to (any call of a batch matching); all when absent. */
  methods?: string[];
  fault: Fault;
  /** How many matching requests it applies to; forever when absent. */
  times?: number;
}

export interface FaultProxy {
  url: string;
  port: number;
  /** Add a rule; the first matching rule with uses left applies. */
  add(rule: FaultRule): void;
  clear(): void;
  /** clear() plus an empty request log (seen, forwarded, huge bytes): a fresh proxy for the next test. */
  reset(): void;
  /** The methods of every POST seen, in order (a batch is one entry). */
  seen(): string[][];
  /** The methods of every POST passed on to the node (what the node acted on), in order. */
  forwarded(): string[][];
  /** Every call passed on to the node, flattened (a batch gives several), with its params. */
  forwardedCalls(): { method: string; params: unknown[] }[];
  /** Bytes of the bodies of 'huge' answers the client actually took before it hung up. */
  hugeBytesSent(): number;
  stop(): Promise<void>;
}

type Call = { id?: unknown; method?: unknown };

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

const methodsOf = (parsed: unknown): string[] =>
  (Array.isArray(parsed) ? parsed : [parsed]).map((c) => String((c as Call | null)?.method ?? ''));

function override(text: string, results: Record<string, unknown>, sent: unknown): string {
  const calls = (Array.isArray(sent) ? sent : [sent]) as Call[];
  const byId = new Map(calls.map((c) => [JSON.stringify(c.id), String(c.method)]));
  const patch = (r: { id?: unknown; result?: unknown }) => {
    const m = byId.get(JSON.stringify(r.id));
    return m !== undefined && m in results ? { ...r, result: results[m] } : r;
  };
  const body = JSON.parse(text) as unknown;
  return JSON.stringify(Array.isArray(body) ? body.map(patch) : patch(body as { id?: unknown }));
}

/** Starts the proxy in front of `targetUrl` on a free loopback port. */
export async function startFaultProxy(targetUrl: string, host = '127.0.0.1'): Promise<FaultProxy> {
  const rules: FaultRule[] = [];
  const seen: string[][] = [];
  const forwarded: string[][] = [];
  const forwardedCalls: { method: string; params: unknown[] }[] = [];
  let hugeBytes = 0;
  const sockets = new Set<Socket>();

  const forward = async (body: Buffer): Promise<{ status: number; text: string }> => {
    const upstream = await fetch(targetUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(body) });
    return { status: upstream.status, text: await upstream.text() };
  };

  /** Writes the padding 1 MiB at a time, waiting for the client to take each piece: stops when it hangs up. */
  async function sendHuge(res: ServerResponse, id: unknown, bytes: number, declareLength: boolean): Promise<void> {
    const head = `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":"`;
    const tail = '"}';
    res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(head.length + bytes + tail.length) } : {}) });
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const write = (b: Buffer | string) => new Promise<boolean>((ok) => {
      if (res.destroyed) return ok(false);
      const drained = res.write(b);
      if (drained) return ok(!res.destroyed);
      const done = (v: boolean) => { res.off('drain', onDrain); res.off('close', onClose); ok(v); };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      res.once('drain', onDrain).once('close', onClose);
    });
    if (!(await write(head))) return;
    for (let left = bytes; left > 0; left -= chunk.length) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      if (!(await write(piece))) return;
      hugeBytes += piece.length;
    }
    if (await write(tail)) res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const methods = methodsOf(parsed);
    seen.push(methods);
    const rule = rules.find((r) => (r.times === undefined || r.times > 0) && (!r.methods || methods.some((m) => r.methods!.includes(m))));
    if (rule && rule.times !== undefined) rule.times--;
    const fault = rule?.fault;
    const json = (status: number, text: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
    switch (fault?.kind) {
      case 'hang': return;
      case 'drop': req.socket.destroy(); return;
      case 'status':
        json(fault.status, JSON.stringify({ error: `injected ${fault.status}` }),
          fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
        return;
      case 'malformed': json(200, '<html>not json'); return;
      case 'rpc-error':
        json(200, JSON.stringify({ jsonrpc: '2.0', id: (parsed as Call | undefined)?.id ?? null, error: { code: fault.code, message: fault.message } }));
        return;
      case 'huge': await sendHuge(res, (parsed as Call | undefined)?.id ?? null, fault.bytes, fault.declareLength === true); return;
      case 'latency': await new Promise((r) => setTimeout(r, fault.ms)); break;
      default: break;
    }
    forwarded.push(methods);
    for (const c of (Array.isArray(parsed) ? parsed : [parsed]) as (Call & { params?: unknown })[]) {
      forwardedCalls.push({ method: String(c?.method ?? ''), params: Array.isArray(c?.params) ? [...(c.params as unknown[])] : [] });
    }
    const up = await forward(body);
    if (fault?.kind === 'forward-then-drop') {
      req.socket.destroy();
      return;
    }
    json(up.status, fault?.kind === 'answer' ? override(up.text, fault.results, parsed) : up.text);
  }

  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'content-type');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`fault proxy error: ${String(e)}`);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, host, () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://${host}:${port}`,
    port,
    add: (rule) => { rules.push({ ...rule }); },
    clear: () => { rules.length = 0; },
    reset: () => {
      rules.length = 0;
      seen.length = 0;
      forwarded.length = 0;
      forwardedCalls.length = 0;
      hugeBytes = 0;
    },
    seen: () => seen.map((m) => [...m]),
    forwarded: () => forwarded.map((m) => [...m]),
    forwardedCalls: () => forwardedCalls.map((c) => ({ ...c })),
    hugeBytesSent: () => hugeBytes,
    stop: () => new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    }),
  };
}
