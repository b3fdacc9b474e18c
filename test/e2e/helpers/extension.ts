import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built extension: dist/, or MERIDIAN_DIST (the same variable `npm run build` reads). */
export const DIST = resolve(import.meta.dirname, '../../..', process.env.MERIDIAN_DIST ?? 'dist');
export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export type Harness = {
  context: BrowserContext;
  extensionId: string;
  popupUrl: string;
  close(): Promise<void>;
};

/**
 * Launch Debian Chromium with the built extension (never a downloaded browser). `args` are added to Chromium's
 * command line (e.g. `--host-resolver-rules=MAP scam.example 127.0.0.1:1234`).
 */
export async function launchWithExtension(opts: { args?: string[] } = {}): Promise<Harness> {
  if (!existsSync(CHROME)) throw new Error(`Chromium not found at ${CHROME}. Install it with: apt-get install -y chromium (or set CHROME_PATH).`);
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`No built extension in ${DIST}. Run: npm run build:dev`);
  const flavor = existsSync(join(DIST, 'build-flavor.txt')) ? readFileSync(join(DIST, 'build-flavor.txt'), 'utf8').trim() : 'unknown';
  if (flavor !== 'dev') throw new Error(`${DIST} holds a ${flavor} build; the end-to-end tests need the dev build (Localnets selected). Run: npm run build:dev`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'meridian-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROME,
    headless: true,
    viewport: { width: 360, height: 600 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', ...(opts.args ?? [])],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    extensionId,
    popupUrl: `chrome-extension://${extensionId}/popup.html`,
    async close() {
      await context.close();
      removeProfile(userDataDir);
    },
  };
}

/**
 * Delete a Chromium profile folder after the browser exited. Chromium's helper processes can still be writing into
 * it for a moment after the main process ends (CI saw ENOTEMPTY), so retry, and never fail a test over a temp
 * folder left behind.
 */
export function removeProfile(dir: string): void {
  try { rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }); } catch { /* a leftover temp folder is harmless */ }
}

/** Everything in chrome.storage.local and chrome.storage.session, read from an extension page. */
export async function readStorage(page: Page): Promise<{ local: Record<string, unknown>; session: Record<string, unknown> }> {
  return page.evaluate(async () => ({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) }));
}

/**
 * Stop the service worker through CDP and wait for its version to report `stopped`. (An open popup reconnects
 * at once, which starts a new worker: that restart is what the tests want.)
 */
export async function killServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('service worker did not stop')), 10_000);
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      if (e.versions.some((v) => v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped.finally(() => clearTimeout(timer));
  await cdp.detach();
}

/** The current (possibly restarted) service worker. */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers().at(-1) ?? context.waitForEvent('serviceworker');
}

/**
 * Records every message the popup receives on its runtime ports (installed before the page's scripts run), so
 * a test can prove no secret reached the popup except the reveal/export answers. The methods the page sends are
 * recorded too, in sessionStorage (kept across the reloads a page does itself, e.g. after Reset wallet).
 */
export const RECORD_PORT_MESSAGES = `(() => {
  const orig = chrome.runtime.connect.bind(chrome.runtime);
  window.__meridianReceived = [];
  chrome.runtime.connect = (...args) => {
    const port = orig(...args);
    port.onMessage.addListener((m) => window.__meridianReceived.push(JSON.stringify(m)));
    const post = port.postMessage.bind(port);
    port.postMessage = (m) => {
      const sent = JSON.parse(sessionStorage.getItem('meridianSent') || '[]');
      sent.push(String(m && m.method));
      sessionStorage.setItem('meridianSent', JSON.stringify(sent));
      return post(m);
    };
    return port;
  };
})();`;

export async function receivedMessages(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __meridianReceived?: string[] }).__meridianReceived ?? []);
}

/** The methods the page sent on its runtime ports since the recorder was installed (kept across reloads). */
export async function sentMethods(page: Page): Promise<string[]> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('meridianSent') ?? '[]') as string[]);
}
