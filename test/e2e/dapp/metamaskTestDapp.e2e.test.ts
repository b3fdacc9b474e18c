/**
 * Issue 10 acceptance with MetaMask's own test dapp (@metamask/test-dapp 9.9.0, its static dist served here over
 * node:http on 127.0.0.1) and "Appear as MetaMask" on, driven through the dapp's own buttons and Meridian's approval
 * window; each signature is also verified independently with viem. Every request of the dapp pages that is not to
 * 127.0.0.1 (CDN CSS and fonts, web3modal, MetaMask SDK analytics, WalletConnect relays) is aborted: the test never
 * reaches the internet.
 *
 * The dapp's provider setup starts with `provider.autoRefreshOnNetworkChange = false`: Meridian's provider pins its own
 * API but stays extensible for such flags (a frozen provider made that line throw, and the dapp then never read the
 * chain, so its signTypedDataV4 sent chainId "NaN").
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyMessage, verifyTypedData, type Hex } from 'viem';
import { getFreePort } from '../../../scripts/chains/util';
import { DEMO_EVM } from '../../fixtures/demo';
import { popupCall } from '../../fixtures/popup';
import { decide, startDappRig, type DappRig } from './rig';

const ROOT = resolve(import.meta.dirname, '../../../node_modules/@metamask/test-dapp/dist');
const ACCOUNT = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'; // demo account 1, lower case as MetaMask answers
/** The message the test dapp's personal_sign button signs (main.js: `exampleMessage`). */
const PERSONAL_MESSAGE = 'Example `personal_sign` message';
/** The typed data the test dapp's signTypedDataV4 button sends (main.js), with the chain it reads from the provider. */
const MAIL_V4 = {
  domain: { chainId: '31337', name: 'Ether Mail', verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC', version: '1' },
  message: {
    contents: 'Hello, Bob!',
    from: { name: 'Cow', wallets: ['0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', '0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF'] },
    to: [{ name: 'Bob', wallets: ['0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB', '0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57', '0xB0B0b0b0b0b0B000000000000000000000000000'] }],
    attachment: '0x',
  },
  primaryType: 'Mail',
  types: {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
    Group: [{ name: 'name', type: 'string' }, { name: 'members', type: 'Person[]' }],
    Mail: [{ name: 'from', type: 'Person' }, { name: 'to', type: 'Person[]' }, { name: 'contents', type: 'string' }, { name: 'attachment', type: 'bytes' }],
    Person: [{ name: 'name', type: 'string' }, { name: 'wallets', type: 'address[]' }],
  },
};

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** A static server of the test dapp's dist on a free port of 127.0.0.1. */
async function serveTestDapp(): Promise<{ url: string; close(): Promise<void> }> {
  const port = await getFreePort();
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(ROOT, path === '/' ? 'index.html' : path);
    if (!file.startsWith(ROOT)) { res.writeHead(403).end(); return; }
    readFile(file).then(
      (body) => { res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body); },
      () => { res.writeHead(404).end(); },
    );
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

let rig: DappRig;
let plain: Awaited<ReturnType<typeof serveTestDapp>>;
/** Hosts of the requests the pages tried to make off 127.0.0.1 (all aborted). */
const aborted = new Set<string>();

const approvalPages = () => rig.h.context.pages().filter((p) => !p.isClosed() && p.url().includes('approval='));

/** A new tab of the test dapp at `origin`, offline but for 127.0.0.1; `errors` collects its uncaught errors. */
async function openTestDapp(origin: string, init?: string): Promise<{ page: Page; errors: string[] }> {
  const page = await rig.h.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route((u) => u.hostname !== '127.0.0.1', (route) => {
    aborted.add(new URL(route.request().url()).host);
    return route.abort();
  });
  await page.routeWebSocket((u) => u.hostname !== '127.0.0.1', (ws) => {
    aborted.add(new URL(ws.url()).host);
    return ws.close();
  });
  if (init) await page.addInitScript(init);
  await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
  return { page, errors };
}

const text = (page: Page, id: string) => page.locator(`#${id}`).textContent();

/** Click one of the dapp's buttons, which must open Meridian's approval window for `origin`; act in it. */
async function viaApproval(page: Page, origin: string, button: string, act: (w: Page) => Promise<void>): Promise<void> {
  await expect.poll(() => approvalPages().length).toBe(0);
  const win = rig.h.context.waitForEvent('page', { predicate: (p) => p.url().includes('approval='), timeout: 15_000 });
  await page.locator(`#${button}`).click();
  const w = await win;
  await w.getByTestId('approval-origin').waitFor();
  expect(await w.getByTestId('approval-origin').textContent()).toBe(origin);
  await act(w);
  expect(w.isClosed()).toBe(true);
}

/** Connect through the dapp's Connect button; the dapp shows the account (and eth_accounts answers it). */
async function connect(page: Page, origin: string): Promise<void> {
  await expect.poll(() => page.locator('#connectButton').isEnabled()).toBe(true);
  expect(await text(page, 'connectButton')).toBe('Connect');
  expect(await text(page, 'accounts')).toBe('');
  await viaApproval(page, origin, 'connectButton', (w) => decide(w, 'Connect'));
  await expect.poll(() => text(page, 'accounts')).toBe(ACCOUNT);
  expect(await text(page, 'connectButton')).toBe('Connected');
  await page.locator('#getAccounts').click();
  await expect.poll(() => text(page, 'getAccountsResult')).toBe(ACCOUNT);
}

const isMetaMask = (page: Page) => page.evaluate(() => (window as { ethereum?: { isMetaMask?: unknown } }).ethereum?.isMetaMask);

beforeAll(async () => {
  [rig, plain] = await Promise.all([startDappRig({ chains: true }), serveTestDapp()]);
  // The setting first: it applies to pages loaded afterwards.
  await popupCall(rig.wallet, 'updateSettings', { appearAsMetaMask: true });
  expect((await popupCall<{ settings: { appearAsMetaMask: boolean } }>(rig.wallet, 'getState')).settings.appearAsMetaMask).toBe(true);
}, 120_000);
afterAll(async () => {
  await rig?.stop();
  await plain?.close();
});

describe("MetaMask's test dapp as it is, with Appear as MetaMask on", () => {
  let page: Page;
  let errors: string[];

  it("window.ethereum.isMetaMask is true; the dapp sets up on Meridian, reads the dev chain (0x7a69) and connects", async () => {
    ({ page, errors } = await openTestDapp(plain.url));
    expect(await isMetaMask(page)).toBe(true);
    // The dapp took Meridian (announced over EIP-6963, isMetaMask true) and its setup ran through.
    expect(await page.locator('#providers pre').count()).toBe(1);
    expect(JSON.parse((await page.locator('#providers pre').textContent())!).info.name).toBe('Meridian');
    await expect.poll(() => text(page, 'activeProviderName')).toBe('Meridian');
    await expect.poll(() => text(page, 'chainId')).toBe('0x7a69');
    await expect.poll(() => text(page, 'network')).toBe('31337');
    expect(errors).toEqual([]);
    await connect(page, plain.url);
  });

  it('personal_sign: the window shows the message; the signature verifies with viem and with the dapp (sig-util and ecRecover)', async () => {
    await expect.poll(() => page.locator('#personalSign').isEnabled()).toBe(true);
    await viaApproval(page, plain.url, 'personalSign', async (w) => {
      expect(await w.getByTestId('sign-message').textContent()).toBe(PERSONAL_MESSAGE);
      expect(await w.getByTestId('approval-account').textContent()).toBe(DEMO_EVM[0]);
      await decide(w, 'Sign');
    });
    await expect.poll(() => text(page, 'personalSignResult')).toMatch(/^0x/);
    const signature = (await text(page, 'personalSignResult')) as Hex;
    expect(signature).toMatch(/^0x[0-9a-f]{130}$/); // 65 bytes
    expect(await verifyMessage({ address: ACCOUNT, message: PERSONAL_MESSAGE, signature })).toBe(true);

    await page.locator('#personalSignVerify').click();
    await expect.poll(() => text(page, 'personalSignVerifySigUtilResult')).toBe(ACCOUNT);
    await expect.poll(() => text(page, 'personalSignVerifyECRecoverResult')).toBe(ACCOUNT);
  });

  it('signTypedDataV4 sends the Mail data for chain 31337; the window shows it; the signature verifies with viem (over the dapp Mail data) and with the dapp', async () => {
    await expect.poll(() => page.locator('#signTypedDataV4').isEnabled()).toBe(true);
    await viaApproval(page, plain.url, 'signTypedDataV4', async (w) => {
      expect(await w.locator('[data-field="contents"]').textContent()).toBe('Hello, Bob!');
      await decide(w, 'Sign');
    });
    await expect.poll(() => text(page, 'signTypedDataV4Result')).toMatch(/^0x/);
    const signature = (await text(page, 'signTypedDataV4Result')) as Hex;
    expect(signature).toMatch(/^0x[0-9a-f]{130}$/);
    const { EIP712Domain: _, ...types } = MAIL_V4.types;
    expect(await verifyTypedData({
      address: ACCOUNT, signature, primaryType: 'Mail', types,
      domain: { ...MAIL_V4.domain, chainId: 31337, verifyingContract: MAIL_V4.domain.verifyingContract as Hex },
      message: MAIL_V4.message,
    } as never)).toBe(true);

    await page.locator('#signTypedDataV4Verify').click();
    await expect.poll(() => text(page, 'signTypedDataV4VerifyResult')).toBe(ACCOUNT);
    // Nothing left the machine: the off-loopback requests (the CDN stylesheets among them) were all aborted.
    expect(aborted.has('cdnjs.cloudflare.com')).toBe(true);
  });
});
