/**
 * The Firefox build (issue 10 item 5): a fresh `build:firefox` into a temp folder passes `web-ext lint` with no
 * errors, and a smoke test in Debian's Firefox ESR driven over WebDriver BiDi (puppeteer-core): the add-on installs
 * as a temporary add-on, opens its onboarding tab (popup.html) by itself, imports the demo phrase through the UI and
 * shows the exact first EVM and Solana addresses and the exact ETH and SOL balances of the dev chains (started on
 * free ports; the Localnets are pointed at them, as the Chromium tests do), the phishing redirect, and a connect from
 * the test dapp page (mipd, EIP-6963) through the approval window. Fresh profiles of both flavours report their
 * default networks over the popup channel (release: the mainnets; dev: the Localnets) without a wallet, so nothing
 * is fetched; every Firefox here sends non-loopback traffic to a local proxy that refuses it and records the hosts.
 *
 * FIREFOX_PATH overrides the browser.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startDevChains, type DevChains } from '../../scripts/chains/index';
import { rpc } from '../../scripts/chains/evm';
import { getFreePort } from '../../scripts/chains/util';
import { FIREFOX_ADDON_ID, FIREFOX_MIN_VERSION } from '../../scripts/firefoxManifest';
import { DEMO_EVM, DEMO_PHRASE, DEMO_SOLANA } from '../fixtures/demo';
import { POPUP_PORT_NAME } from '../../src/shared/protocol/envelope';
import type { NetworkView } from '../../src/shared/types';
import type { DappApi } from './dapp/page';
import { startDappServer, type DappServer } from './dapp/serve';

const ROOT = resolve(import.meta.dirname, '../..');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const PASSWORD = 'firefox smoke password 1';
const EVM_NET = 'eip155:31337';
const SOL_NET = 'solana:localnet';
/** The add-on's internal UUID, fixed through the `extensions.webextensions.uuids` pref, so its pages have a known origin. */
const UUID = '6d657269-6469-4161-8e66-697265666f78';
const ORIGIN = `moz-extension://${UUID}`;
const run = promisify(execFile);

const temps: string[] = [];
/** A fresh Firefox build of the current sources into a temp folder (a few seconds), never a stale dist-firefox/. */
async function buildFirefox(flavor: 'release' | 'dev'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `meridian-firefox-${flavor}-`));
  temps.push(dir);
  const args = [join(ROOT, 'scripts/build.ts'), '--firefox', ...(flavor === 'dev' ? ['--dev'] : [])];
  // vitest's NODE_ENV=test would make vite build React's development runtime.
  await run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), ...args], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', MERIDIAN_DIST: dir } });
  return dir;
}
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

/**
 * Every Firefox here uses this as its HTTP and HTTPS proxy (loopback is never proxied): it refuses each request and
 * records the host, so no run reaches a public RPC (or anything else off the machine), and a test can check which
 * hosts were tried.
 */
const proxied: string[] = [];
const proxy = createServer((req, res) => { proxied.push(new URL(req.url ?? '/', 'http://x').host); res.writeHead(403).end(); });
proxy.on('connect', (req: { url?: string }, socket: import('node:stream').Duplex) => { proxied.push(req.url ?? ''); socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); });
const proxyPort = new Promise<number>((ok, fail) => { proxy.once('error', fail); proxy.listen(0, '127.0.0.1', () => ok((proxy.address() as AddressInfo).port)); });
afterAll(() => new Promise<void>((ok) => { proxy.closeAllConnections(); proxy.close(() => ok()); }));

/** Debian Firefox ESR with a fresh profile and `dist` installed as a temporary add-on; `wallet` is the onboarding tab it opened. */
async function launchFirefox(dist: string): Promise<{ browser: Browser; addonId: string; wallet: Page }> {
  if (!existsSync(FIREFOX)) {
    throw new Error(`Firefox ESR not found at ${FIREFOX}. Install Debian's package: apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  }
  const port = await proxyPort;
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: UUID }),
      'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': port,
    },
  });
  try {
    // BiDi webExtension.install: a temporary add-on, under the manifest's gecko id.
    const addonId = await browser.installExtension(dist);
    // On install the background opens onboarding in a tab. (BiDi may not navigate a tab to moz-extension:// itself, and
    // puppeteer does not see that tab's URL change, so each tab is asked where it is.)
    const wallet = await findPage(browser, (href) => href === `${ORIGIN}/popup.html#/onboarding`, 'the onboarding tab');
    return { browser, addonId, wallet };
  } catch (e) {
    await browser.close().catch(() => undefined);
    throw e;
  }
}
/** The first open page whose location passes `test` (each page is asked: puppeteer misses moz-extension:// URL changes). */
async function findPage(browser: Browser, test: (href: string) => boolean, what: string): Promise<Page> {
  const find = async () => {
    for (const p of await browser.pages()) if (test(await p.evaluate(() => location.href).catch(() => ''))) return p;
    return undefined;
  };
  return vi.waitFor(async () => (await find()) ?? Promise.reject(new Error(`no ${what}`)), { timeout: 15_000, interval: 100 });
}

/** One call on the popup channel from an extension page (setup and read-backs; the flows under test use the UI). */
const popupCall = <T = unknown>(page: Page, method: string, params: unknown = {}): Promise<T> => page.evaluate(`new Promise((resolve, reject) => {
  const port = browser.runtime.connect({ name: ${JSON.stringify(POPUP_PORT_NAME)} });
  port.onMessage.addListener((m) => { if (m.id === 1) { port.disconnect(); m.error ? reject(new Error(m.error.code + ' ' + m.error.message)) : resolve(m.result); } });
  port.onDisconnect.addListener(() => reject(new Error('the background closed the popup port')));
  port.postMessage({ id: 1, method: ${JSON.stringify(method)}, params: ${JSON.stringify(params)} });
})`) as Promise<T>;

/** Every built-in network in the UI's order, with whether a fresh profile shows it in the portfolio. */
const networksOf = (enabled: string[]) => [
  'eip155:1', 'eip155:8453', 'eip155:42161', 'eip155:10', 'eip155:137', 'eip155:56', 'eip155:43114', 'eip155:11155111', 'eip155:31337',
  'solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet',
].map((id) => ({ id, enabled: enabled.includes(id) }));
const TESTNETS = ['eip155:11155111', 'eip155:31337', 'solana:devnet', 'solana:testnet', 'solana:localnet'];
/** What the background of a fresh profile (no wallet) says is selected and enabled. */
async function freshDefaults(wallet: Page) {
  const networks = await popupCall<NetworkView[]>(wallet, 'listNetworks');
  return {
    dapp: await popupCall<{ evm: string; solana: string }>(wallet, 'getDappNetworks'),
    networks: networks.map((n) => ({ id: n.id, enabled: n.enabled })),
    testnets: networks.filter((n) => n.testnet).map((n) => n.id),
    rpcHosts: networks.flatMap((n) => n.rpcUrls.map((u) => new URL(u).host)),
  };
}

// What `npm run build:firefox` ships: the release flavour.
describe('Firefox build', () => {
  let dist: string;
  beforeAll(async () => { dist = await buildFirefox('release'); });

  it('has a Firefox MV3 manifest: background scripts as an ES module, a gecko id and minimum version, no Chromium keys', () => {
    const m = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(m.manifest_version).toBe(3);
    expect(m.background).toEqual({ scripts: ['background.js'], type: 'module' });
    expect(m.browser_specific_settings).toEqual({ gecko: { id: FIREFOX_ADDON_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } } });
    expect(m).not.toHaveProperty('minimum_chrome_version');
    expect(m.host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(m.content_security_policy).toEqual({ extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" });
  });

  it('passes web-ext lint with no errors (warnings listed)', async () => {
    type Message = { code: string; message: string; file?: string; line?: number };
    type Report = { count: number; summary: { errors: number; warnings: number; notices: number }; errors: Message[]; warnings: Message[] };
    // web-ext exits non-zero when it finds errors; its JSON report is on stdout either way.
    const out = await run(process.execPath, [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', dist, '--output', 'json', '--no-config-discovery'],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout, (e: { stdout?: string }) => e.stdout ?? '');
    const report = JSON.parse(out) as Report;
    const line = (m: Message) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`;
    if (report.warnings.length > 0) console.log(`web-ext lint: ${report.warnings.length} warning(s)\n${report.warnings.map(line).join('\n')}`);
    expect(report.errors.map(line)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 60_000);

  it('selects Ethereum Mainnet and Solana Mainnet in a fresh profile (no wallet, nothing fetched)', async () => {
    // No wallet is made, so no portfolio refresh runs; listNetworks reads storage and the built-in list only.
    const { browser, wallet } = await launchFirefox(dist);
    try {
      const fresh = await freshDefaults(wallet);
      expect(fresh.dapp).toEqual({ evm: 'eip155:1', solana: 'solana:mainnet' });
      // Every built-in network listed; only the two mainnets shown in the portfolio, the test networks and Localnets not.
      expect(fresh.networks).toEqual(networksOf(['eip155:1', 'solana:mainnet']));
      expect(fresh.testnets).toEqual(TESTNETS);
      // No RPC endpoint of any network was asked for (the proxy records every non-loopback host Firefox tried).
      expect(fresh.rpcHosts).toContain('api.mainnet-beta.solana.com');
      expect(proxied.filter((h) => fresh.rpcHosts.some((r) => h === r || h === `${r}:443`))).toEqual([]);
    } finally {
      await browser.close().catch(() => undefined);
    }
  }, 30_000);
});

describe('Firefox ESR smoke test (WebDriver BiDi)', () => {
  let browser: Browser | undefined;
  let chains: DevChains | undefined;
  let wallet: Page;
  let dapp: DappServer | undefined;
  let addonId: string;
  const button = (page: Page, name: string) => page.locator(`::-p-xpath(//button[normalize-space()=${JSON.stringify(name)}])`);
  const field = (page: Page, label: string) => page.locator(`::-p-xpath(//*[@id=//label[normalize-space()=${JSON.stringify(label)}]/@for])`);
  const text = async (page: Page, selector: string) => (await page.locator(selector).map((e) => e.textContent ?? '').wait()).trim();
  const baseUnits = (page: Page, networkId: string, symbol: string) =>
    page.locator(`[data-testid="network-card"][data-network="${networkId}"] [data-testid="asset"][data-symbol="${symbol}"] [data-testid="asset-amount"]`)
      .map((e) => e.getAttribute('data-base-units')).wait();

  beforeAll(async () => {
    // The dev flavour (the Localnets selected), as `npm test` builds for Chromium.
    let dist: string;
    [dist, chains, dapp] = await Promise.all([
      buildFirefox('dev'),
      startDevChains({ evmPort: await getFreePort(), solanaPort: await getFreePort() }),
      startDappServer(),
    ]);
    ({ browser, addonId, wallet } = await launchFirefox(dist));
  }, 60_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await Promise.all([chains?.stop(), dapp?.close()]);
  });

  it('selects the Localnets in a fresh profile of the dev build', async () => {
    const fresh = await freshDefaults(wallet);
    expect(fresh.dapp).toEqual({ evm: EVM_NET, solana: SOL_NET });
    expect(fresh.networks).toEqual(networksOf([EVM_NET, SOL_NET]));
    expect(fresh.testnets).toEqual(TESTNETS);
  });

  it('installs the add-on, imports the demo phrase and shows the exact addresses and balances', async () => {
    expect(addonId).toBe(FIREFOX_ADDON_ID);
    // `wallet` is the onboarding tab the background opened on install.
    // Setup: the built-in Localnets point at this run's chains (the Chromium tests do the same), never at 8545/8899.
    await popupCall(wallet, 'setNetworkRpcUrls', { networkId: EVM_NET, rpcUrls: [chains!.evm.url] });
    await popupCall(wallet, 'setNetworkRpcUrls', { networkId: SOL_NET, rpcUrls: [chains!.solana.url] });

    // The import, through the UI.
    await button(wallet, 'Import an existing wallet').click();
    await field(wallet, 'Secret Recovery Phrase').fill(DEMO_PHRASE);
    expect(await text(wallet, '::-p-text(checksum valid)')).toBe('12 words, english: checksum valid');
    await field(wallet, 'Password').fill(PASSWORD);
    await field(wallet, 'Confirm password').fill(PASSWORD);
    await button(wallet, 'Import wallet').click();
    await button(wallet, 'Send').wait();

    // Exact balances, read independently from the chains.
    const eth = BigInt(await rpc<string>(chains!.evm.url, 'eth_getBalance', [DEMO_EVM[0], 'latest']));
    const sol = BigInt((await rpc<{ value: number }>(chains!.solana.url, 'getBalance', [DEMO_SOLANA[0]])).value);
    expect(await baseUnits(wallet, EVM_NET, 'ETH')).toBe(eth.toString());
    expect(await baseUnits(wallet, SOL_NET, 'SOL')).toBe(sol.toString());

    // Exact addresses on Receive.
    await button(wallet, 'Receive').click();
    const evm = await text(wallet, '[data-testid="receive-evm"]');
    expect(evm).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(evm).toBe(DEMO_EVM[0]);
    expect(await text(wallet, '[data-testid="receive-solana"]')).toBe(DEMO_SOLANA[0]);
  }, 60_000);

  it('sends a navigation to a listed domain to the warning page (declarativeNetRequest redirect)', async () => {
    // The phishing guard's one declarativeNetRequest rule is installed (at the background's start) in Firefox too.
    type Rule = { id: number; action: { type: string; redirect?: { regexSubstitution?: string } } };
    await expect.poll(async () => ((await wallet.evaluate('browser.declarativeNetRequest.getDynamicRules()')) as Rule[])
      .map((r) => [r.id, r.action.type, r.action.redirect?.regexSubstitution])).toEqual([[1, 'redirect', `${ORIGIN}/phishing.html#\\0`]]);
    // A real entry of the bundled list (the Chromium phishing test uses it too). The rule redirects before any
    // connection is made, so nothing needs to answer at that name.
    const target = `http://moonbirds.tv:${await getFreePort()}/index.html?x=1`;
    const page = await browser!.newPage();
    // The navigation ends in an extension page, which BiDi does not report as this navigation's end: wait on the tab.
    void page.goto(target).catch(() => undefined);
    await expect.poll(() => page.evaluate(() => location.href).catch(() => '')).toBe(`${ORIGIN}/phishing.html#${target}`);
    expect(await text(page, '[data-testid="phishing-domain"]')).toBe('moonbirds.tv');
    expect(await text(page, '[data-testid="phishing-url"]')).toBe(target);
  }, 30_000);

  it('connects the test dapp page through EIP-6963 (mipd) and the approval window', async () => {
    type W = { dapp: DappApi };
    const page = await browser!.newPage();
    await page.goto(`${dapp!.url}/index.html`);
    expect(await page.evaluate(() => (window as unknown as W).dapp.waitForWallets(10_000))).toEqual({ evm: true, solana: true });
    // The one wallet in this profile, announced once.
    expect((await page.evaluate(() => (window as unknown as W).dapp.eip6963Providers())).map((p) => ({ name: p.name, rdns: p.rdns })))
      .toEqual([{ name: 'Meridian', rdns: 'app.meridianwallet' }]);

    const accounts = page.evaluate(() => (window as unknown as W).dapp.request('eth_requestAccounts'));
    accounts.catch(() => undefined); // awaited below
    // The background opens the approval window (a new browsing context) for the request.
    const isApproval = (href: string) => href.startsWith(`${ORIGIN}/popup.html?approval=`);
    const approval = await findPage(browser!, isApproval, 'approval window');
    // The Connect button arms 500 ms after the window is visible and focused.
    await approval.bringToFront();
    expect(await text(approval, '[data-testid="approval-origin"]')).toBe(dapp!.url);
    await button(approval, 'Connect').setTimeout(10_000).click();
    expect(await accounts).toEqual({ result: ['0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'] });
    expect(await page.evaluate(() => (window as unknown as W).dapp.request('eth_chainId'))).toEqual({ result: '0x7a69' });
    // The window closes itself once nothing else waits.
    await expect.poll(async () => {
      const hrefs = await Promise.all((await browser!.pages()).map((p) => p.evaluate(() => location.href).catch(() => '')));
      return hrefs.filter(isApproval);
    }).toEqual([]);
  }, 30_000);
});
