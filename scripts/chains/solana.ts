// Local Solana dev chain: litesvm (the real SVM, in-process) behind a JSON-RPC HTTP server on 127.0.0.1.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  SOLANA_DEFAULT_PORT, SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_AUTHORITY, SOLANA_DEMO_MINTS, SOLANA_GENESIS_HASH,
  SOLANA_INITIAL_LAMPORTS, type SolanaDemoInfo,
} from './demo';
import { RpcError } from './solanaErrors';
import { createSolanaRpc } from './solanaRpc';
import { setupSolanaDemo } from './solanaSetup';
import { DevSvm } from './solanaSvm';

export interface SolanaChain {
  url: string;
  port: number;
  info: SolanaDemoInfo;
  /** The ledger (litesvm + slots/statuses), for in-process tests that need to poke at state. */
  ledger: DevSvm;
  /** HTTP POST requests served (a JSON-RPC batch is one); CORS preflights and meridian_* controls are not counted. */
  requestCount(): number;
  resetRequestCount(): void;
  stop(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;
const CONTROL_METHODS = /^meridian_/;

interface JsonRpcReq { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown }

const toJson = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function isControlOnly(body: unknown): boolean {
  const list = Array.isArray(body) ? body : [body];
  return list.length > 0 && list.every((r) => typeof (r as JsonRpcReq)?.method === 'string' && CONTROL_METHODS.test((r as { method: string }).method));
}

/** Starts the Solana JSON-RPC server (default 127.0.0.1:8899) with the demo state already created. */
export async function startSolanaChain(opts: { port?: number; host?: string } = {}): Promise<SolanaChain> {
  const port = opts.port ?? SOLANA_DEFAULT_PORT;
  const host = opts.host ?? '127.0.0.1';
  const ledger = new DevSvm();
  setupSolanaDemo(ledger);
  let count = 0;
  const dispatch = createSolanaRpc(ledger, {
    meridian_requestCount: () => count,
    meridian_resetRequestCount: () => {
      count = 0;
      return true;
    },
  });

  const answer = (r: unknown): object => {
    const req = (r && typeof r === 'object' ? r : {}) as JsonRpcReq;
    const id = req.id ?? null;
    if (req.jsonrpc !== '2.0' || typeof req.method !== 'string') {
      return { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid request' } };
    }
    const params = req.params === undefined ? [] : Array.isArray(req.params) ? req.params : [req.params];
    try {
      return { jsonrpc: '2.0', id, result: dispatch(req.method, params) };
    } catch (e) {
      if (e instanceof RpcError) {
        return { jsonrpc: '2.0', id, error: { code: e.code, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) } };
      }
      return { jsonrpc: '2.0', id, error: { code: -32603, message: `Internal error: ${(e as Error).message}` } };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'content-type, solana-client');
    res.setHeader('Access-Control-Max-Age', '86400');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET') {
      const ok = req.url === '/health';
      res.writeHead(ok ? 200 : 405, { 'content-type': 'text/plain' }).end(ok ? 'ok' : 'Used HTTP Method is not allowed. POST or OPTIONS is required');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    let out: unknown;
    try {
      const body: unknown = JSON.parse(await readBody(req));
      if (!isControlOnly(body)) count++;
      if (Array.isArray(body)) {
        out = body.length === 0 ? { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } } : body.map(answer);
      } else out = answer(body);
    } catch (e) {
      count++;
      out = { jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: ${(e as Error).message}` } };
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(toJson(out));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      fail(new Error(err.code === 'EADDRINUSE'
        ? `Solana chain: port ${port} on ${host} is already in use (is another dev chain or solana-test-validator running?). Stop it or choose another port.`
        : `Solana chain: cannot listen on ${host}:${port}: ${err.message}`));
    });
    server.listen(port, host, () => ok());
  });
  const url = `http://${host}:${port}`;
  const info: SolanaDemoInfo = {
    rpcUrl: url, genesisHash: SOLANA_GENESIS_HASH, accounts: SOLANA_DEMO_ACCOUNTS, initialLamports: SOLANA_INITIAL_LAMPORTS,
    authority: SOLANA_DEMO_AUTHORITY, mints: SOLANA_DEMO_MINTS,
  };
  return {
    url, port, info, ledger,
    requestCount: () => count,
    resetRequestCount: () => {
      count = 0;
    },
    stop: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}
