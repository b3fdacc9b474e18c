/**
 * `npm start`: starts the local dev chains (EVM 31337 on :8545, Solana on :8899), builds the extension and opens
 * Debian Chromium with it loaded. Ctrl+C stops the browser and both chains; nothing is left running.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startDevChains, DEMO_MNEMONIC } from './chains/index';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`Chromium not found at ${chrome}. Install it (Debian: sudo apt-get install -y chromium) or set CHROME_PATH.`);
  process.exit(1);
}

execFileSync(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), resolve(root, 'scripts/build.ts'), '--dev'], { stdio: 'inherit' });
const chains = await startDevChains();
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const profile = mkdtempSync(join(tmpdir(), 'meridian-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chrome, headless, viewport: null,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`, '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update', '--disable-quic',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const id = new URL(sw.url()).host;

console.log(`
Meridian is running.
  extension      chrome-extension://${id}/popup.html   (unpacked from ${dist})
  EVM Localnet   ${chains.evm.url}   chain id 31337
  Solana Local   ${chains.solana.url}
  demo phrase    ${DEMO_MNEMONIC}   (public test keys: never send real funds)
${headless ? '  No display found: Chromium runs headless. Load dist/ in your own Chromium browser instead (see README).\n' : ''}Press Ctrl+C to stop everything.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await context.close().catch(() => undefined);
  await chains.stop();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
}
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void shutdown());
context.on('close', () => void shutdown());
