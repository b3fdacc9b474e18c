// HTTP JSON-RPC forwarder that counts requests (point a wallet at it to count its EVM RPC traffic).
import { createServer, type IncomingMessage } from 'node:http';

export interface CountingProxy {
  url: string;
  port: number;
  /** POST requests forwarded (a JSON-RPC batch is one); CORS preflights and meridian_* controls are not counted. */
  count(): number;
  reset(): void;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/**
 * Forwards every POST to `targetUrl` and counts it. Answers itself (without counting) the single JSON-RPC calls
 * `meridian_requestCount` and `meridian_resetRequestCount`, so out-of-process tests can read the counter.
 * `port` 0 picks a free port.
 */
export async function startCountingProxy(targetUrl: string, port = 0, host = '127.0.0.1'): Promise<CountingProxy> {
  let count = 0;
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'content-type');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    void (async () => {
      const body = await readBody(req);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const call = parsed as { id?: unknown; method?: unknown } | undefined;
      if (call && !Array.isArray(call) && (call.method === 'meridian_requestCount' || call.method === 'meridian_resetRequestCount')) {
        const result = call.method === 'meridian_requestCount' ? count : true;
        if (call.method === 'meridian_resetRequestCount') count = 0;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: call.id ?? null, result }));
        return;
      }
      count++;
      const upstream = await fetch(targetUrl, {
        method: req.method ?? 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
      });
      const text = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(text);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy error: ${String(e)}`);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      fail(new Error(err.code === 'EADDRINUSE' ? `counting proxy: port ${port} on ${host} is already in use` : err.message)));
    server.listen(port, host, () => ok());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    count: () => count,
    reset: () => {
      count = 0;
    },
    stop: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}
