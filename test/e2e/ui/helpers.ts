/** Helpers of the wallet UI e2e tests: a switchable RPC proxy, a local price endpoint, a chain-id proxy, balances. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Page } from 'playwright-core';

export const PASSWORD = 'ui tests password 1';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}
const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type, solana-client' };

/** Forwards JSON-RPC to `target`; `failing = true` makes it answer 503 (a failing RPC endpoint). */
export async function startSwitchableProxy(target: string) {
  const state = { failing: false };
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.failing) { res.writeHead(503, cors).end('down'); return; }
      fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
        .then(async (r) => res.writeHead(r.status, { ...cors, 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer())))
        .catch(() => res.writeHead(502, cors).end());
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, state, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** Calls `then` with the whole request body. */
function onBody(req: IncomingMessage, then: (body: Buffer<ArrayBuffer>) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => then(Buffer.concat(chunks)));
}

/** Forwards JSON-RPC to `target` and keeps the body of every POST (a JSON-RPC batch is one HTTP request, one body). */
export async function startRecordingProxy(target: string) {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    onBody(req, (body) => {
      bodies.push(body.toString('utf8'));
      fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then(async (r) => res.writeHead(r.status, { ...cors, 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer())))
        .catch(() => res.writeHead(502, cors).end());
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`, bodies,
    stop: () => new Promise<void>((ok) => { server.close(() => ok()); server.closeAllConnections(); }),
  };
}

/** A CoinGecko-shaped `/simple/price` endpoint with CORS; records every request URL. */
export async function startPriceServer(prices: Record<string, number>) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/api/v3/simple/price') { res.writeHead(404, cors).end(); return; }
    const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    const body = Object.fromEntries(ids.filter((id) => id in prices).map((id) => [id, { usd: prices[id] }]));
    res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  const port = await listen(server);
  return { baseUrl: `http://127.0.0.1:${port}/api/v3`, requests, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** Base units shown for an asset on the home screen (data attribute of the exact amount). */
export async function shownBalance(p: Page, networkId: string, symbol: string): Promise<bigint> {
  const el = p.locator(`[data-testid="network-card"][data-network="${networkId}"] [data-testid="asset"][data-symbol="${symbol}"] [data-testid="asset-amount"]`);
  return BigInt((await el.getAttribute('data-base-units'))!);
}

/** Text with no visible English words besides the allowed names (symbols, network and brand names). */
export function englishWords(text: string, allowed: readonly string[]): string[] {
  let rest = text;
  // Longest first, so 'Meridian Demo USD' goes whole before 'Meridian' or 'USD' split it.
  for (const a of [...allowed].sort((x, y) => y.length - x.length)) rest = rest.split(a).join(' ');
  return [...rest.matchAll(/[A-Za-z]{2,}/g)].map((m) => m[0]);
}

/**
 * Forwards JSON-RPC to `target` but answers `eth_chainId` with `chainId` (single calls and batches): the same dev
 * chain seen as a second EVM network.
 */
export async function startChainIdProxy(target: string, chainId: number) {
  const hex = `0x${chainId.toString(16)}`;
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    onBody(req, (body) => {
      type Call = { id?: unknown; method?: string };
      let calls: Call[] = [];
      try { const p = JSON.parse(body.toString()) as Call | Call[]; calls = Array.isArray(p) ? p : [p]; } catch { /* forwarded as is */ }
      const ids = new Set(calls.filter((c) => c.method === 'eth_chainId').map((c) => JSON.stringify(c.id)));
      fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then(async (r) => {
          type Answer = { id?: unknown; result?: unknown };
          const out = (await r.json()) as Answer | Answer[];
          const patch = (a: Answer) => (ids.has(JSON.stringify(a.id)) ? { ...a, result: hex } : a);
          res.writeHead(r.status, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(out) ? out.map(patch) : patch(out)));
        })
        .catch(() => res.writeHead(502, cors).end());
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
}
