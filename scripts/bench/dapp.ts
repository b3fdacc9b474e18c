/** Dapp-side figures: eth_chainId round trip from a page, and the page-load cost of the content scripts. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROME, launchWithExtension } from '../../test/e2e/helpers/extension';
import { median, type Figure } from './types';

const PAGE = '<!doctype html><html><head><title>plain</title></head><body><p>plain loopback page</p><script>window.x=1</script></body></html>';

async function domContentLoaded(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.domContentLoadedEventEnd - nav.startTime;
  });
}

export async function benchDapp(): Promise<Figure[]> {
  const server = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(PAGE); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const h = await launchWithExtension();
  const plainDir = mkdtempSync(join(tmpdir(), 'meridian-plain-'));
  const plain = await chromium.launchPersistentContext(plainDir, {
    executablePath: CHROME, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    const withExt = await h.context.newPage();
    const without = await plain.newPage();
    // Warm both once, then alternate.
    await domContentLoaded(withExt, url);
    await domContentLoaded(without, url);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 20; i++) {
      a.push(await domContentLoaded(withExt, url));
      b.push(await domContentLoaded(without, url));
    }
    // eth_chainId round trip: page → inpage → content → background → back.
    await withExt.goto(url);
    await withExt.waitForFunction('window.ethereum !== undefined');
    const trips = await withExt.evaluate(`(async () => {
      const out = [];
      for (let i = 0; i < 30; i++) { const t = performance.now(); await window.ethereum.request({ method: 'eth_chainId' }); out.push(performance.now() - t); }
      return out;
    })()`) as number[];
    const round = (x: number) => Math.round(x * 100) / 100;
    return [
      { name: 'eth_chainId round trip from a page, median of 30', value: round(median(trips.slice(5))), unit: 'ms' },
      { name: 'DOMContentLoaded with extension, median of 20', value: round(median(a)), unit: 'ms' },
      { name: 'DOMContentLoaded without extension, median of 20', value: round(median(b)), unit: 'ms' },
      { name: 'added DOMContentLoaded time (median difference)', value: round(median(a) - median(b)), unit: 'ms', note: 'alternating loads of one loopback page, two headless profiles' },
    ];
  } finally {
    await h.close();
    await plain.close();
    rmSync(plainDir, { recursive: true, force: true });
    server.close();
  }
}
