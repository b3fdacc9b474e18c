/**
 * Serves the test dapp over node:http on 127.0.0.1 (free port). The page bundle (page.ts with mipd,
 * @wallet-standard/app and viem) is built once per process with Vite into memory.
 *
 * Routes: `/` and `/index.html` (the dapp; `?frame=<url>` embeds an iframe), `/iframe.html` (the same dapp, to be
 * loaded cross-origin), `/hostile.html` (the dapp plus `window.hostile`, which forges channel messages),
 * `/other-wallet.html` (an inline script sets `window.ethereum` to another wallet's fake before the dapp loads, and
 * sets `window.stateAnswered` once the wallet's `meridian_getProviderState` answer has passed by),
 * `/page.js` (the bundle). `url` and `crossOriginUrl` reach the same server under two origins
 * (`127.0.0.1` and `localhost`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';
import { DAPP_CHANNEL } from '../../../src/shared/protocol/envelope';

export type DappServer = { url: string; crossOriginUrl: string; port: number; close(): Promise<void> };

let bundle: Promise<string> | undefined;
function pageBundle(): Promise<string> {
  bundle ??= (async () => {
    const out = await build({
      configFile: false, logLevel: 'warn', publicDir: false,
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        write: false, minify: false, target: 'chrome111', emptyOutDir: false,
        lib: { entry: resolve(import.meta.dirname, 'page.ts'), formats: ['iife'], name: 'MeridianTestDapp', fileName: () => 'page.js' },
      },
    } as InlineConfig);
    const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output: Array<{ type: string; code?: string }> }>;
    const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
    if (!chunk?.code) throw new Error('the dapp page bundle is empty');
    return chunk.code;
  })();
  return bundle;
}

const HOSTILE = `
window.hostile = (() => {
  const channel = ${JSON.stringify(DAPP_CHANNEL)};
  const seen = [];
  window.addEventListener('message', (e) => { if (e.data && e.data.channel === channel) seen.push(JSON.parse(JSON.stringify(e.data))); });
  const post = (m, w = window) => w.postMessage(m, '*');
  return {
    /** Every dapp-channel message this window saw (a same-window script can read request ids). */
    seen,
    /** The ids of the requests the page has sent so far. */
    requestIds: () => seen.filter((m) => m.target === 'content').map((m) => m.payload && m.payload.id),
    forgeAnswer: (id, result) => post({ channel, target: 'inpage', payload: { id, result } }),
    forgeError: (id, code, message) => post({ channel, target: 'inpage', payload: { id, error: { code, message } } }),
    forgeEvent: (event, data) => post({ channel, target: 'inpage', payload: { event, data } }),
    forgeRequest: (payload) => post({ channel, target: 'content', payload }),
    postRaw: (message) => post(message),
    /** Post into the n-th child frame (its own scripts must ignore it: the source is not their window). */
    postIntoFrame: (n, message) => post(message, window.frames[n]),
  };
})();`;

const OTHER_WALLET = `
window.stateAnswered = false; // set once the wallet's meridian_getProviderState answer has reached this page
window.addEventListener('message', (e) => {
  const p = e.data && e.data.channel === ${JSON.stringify(DAPP_CHANNEL)} && e.data.payload;
  if (p && e.data.target === 'inpage' && p.result && typeof p.result.isDefaultWallet === 'boolean') window.stateAnswered = true;
});
window.ethereum = { isOtherWallet: true, request: async ({ method }) => { if (method === 'eth_chainId') return '0x1'; throw Object.assign(new Error('other'), { code: 4200 }); }, on() {}, removeListener() {} };`;

const html = (title: string, head = '') => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}
<script src="/page.js"></script></head><body><h1>${title}</h1></body></html>`;

const PAGES: Record<string, string> = {
  '/': html('Meridian test dapp'),
  '/index.html': html('Meridian test dapp'),
  '/iframe.html': html('Meridian test dapp (frame)'),
  '/hostile.html': html('Hostile page', `<script>${HOSTILE}</script>`),
  '/other-wallet.html': html('Another wallet owns window.ethereum', `<script>${OTHER_WALLET}</script>`),
};

export async function startDappServer(): Promise<DappServer> {
  const code = await pageBundle();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = PAGES[path];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (path === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(code);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(0, '127.0.0.1', ok); });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    crossOriginUrl: `http://localhost:${port}`,
    port,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
