/**
 * "Scan QR code" in Send, in Chromium with the built extension: QR images made here with the `qrcode` package are
 * pasted, dropped or picked in the popup; and a page showing a QR code is captured with "From this tab" (the
 * activeTab grant comes from the toolbar action, triggered over CDP's Extensions.triggerAction on that tab).
 * The decoded text is always shown first; only "Use it" fills the form.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateKeyToAddress, generatePrivateKey } from 'viem/accounts';
import { Keypair } from '@solana/web3.js';
import { EVM_DEMO_USD } from '../../../scripts/chains/index';
import { EVM_NET, SOL_NET, homeSettled, startUiRig, type UiRig } from './setup';

let rig: UiRig;
beforeAll(async () => { rig = await startUiRig({ args: ['--enable-unsafe-extension-debugging'] }); });
afterAll(async () => { await rig?.stop(); });

const NOT_PAYMENT = 'This QR code is not a payment request or an address.';
const CAPTURE_REFUSED = 'The wallet could not capture this tab. Open Meridian from its toolbar button while the page with the QR code is showing, then try again, or paste or drop an image of the code.';
const qrPng = (text: string) => QRCode.toBuffer(text, { scale: 4, errorCorrectionLevel: 'M' });

/** From a freshly loaded Home (each test starts clean, whatever the one before left open): Send → Scan QR code. */
async function openSend(p: Page): Promise<void> {
  await p.reload();
  await homeSettled(p);
  await p.getByRole('button', { name: 'Send', exact: true }).click();
  await p.getByLabel('Asset').waitFor();
  await p.getByRole('button', { name: 'Scan QR code' }).click();
  await p.getByTestId('scan-panel').waitFor();
}
/** Asset, recipient and amount as the form shows them. */
const formValues = async (p: Page) => ({
  asset: await p.getByLabel('Asset').inputValue(),
  to: await p.getByLabel('Recipient').inputValue(),
  amount: await p.getByLabel(/^Amount/).inputValue(),
});

/** A paste event (as Ctrl+V of a copied image) carrying a PNG file, dispatched on the popup's document. */
async function pasteImage(p: Page, png: Buffer): Promise<void> {
  await p.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'qr.png', { type: 'image/png' }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}
/** A drop of a PNG file on the panel's drop zone. */
async function dropImage(p: Page, png: Buffer): Promise<void> {
  await p.getByTestId('scan-drop').evaluate((zone, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'qr.png', { type: 'image/png' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

describe('scan a QR code to pay', () => {
  it('pasted EIP-681 ERC-20 transfer: shown first, Cancel fills nothing, Use it fills recipient, asset and amount', async () => {
    const p = rig.page;
    await openSend(p);
    const before = await formValues(p);
    expect(before.to).toBe('');
    const to = privateKeyToAddress(generatePrivateKey());
    const uri = `ethereum:${EVM_DEMO_USD.address}@31337/transfer?address=${to}&uint256=1500000`;

    await pasteImage(p, await qrPng(uri));
    await expect.poll(() => p.getByTestId('scan-found').textContent()).toBe(`Found: ${uri}`);
    expect(await formValues(p)).toEqual(before); // shown, nothing filled yet
    await p.getByTestId('scan-panel').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => p.getByTestId('scan-found').count()).toBe(0);
    expect(await formValues(p)).toEqual(before);

    await pasteImage(p, await qrPng(uri));
    await expect.poll(() => p.getByTestId('scan-found').textContent()).toBe(`Found: ${uri}`);
    await p.getByRole('button', { name: 'Use it' }).click();
    await expect.poll(() => formValues(p)).toEqual({ asset: `${EVM_NET}|${EVM_DEMO_USD.address}`, to, amount: '1.5' });
    expect(await p.getByTestId('scan-panel').count()).toBe(0);
    await expect.poll(() => p.getByTestId('recipient-error').count()).toBe(0);
    await p.getByRole('button', { name: 'Cancel' }).click();
  });

  it('dropped plain Solana address while an EVM asset is selected: switches to SOL and fills the recipient', async () => {
    const p = rig.page;
    await openSend(p);
    await p.getByLabel('Asset').selectOption(`${EVM_NET}|`);
    const to = Keypair.generate().publicKey.toBase58();
    await dropImage(p, await qrPng(to));
    await expect.poll(() => p.getByTestId('scan-found').textContent()).toBe(`Found: ${to}`);
    await p.getByRole('button', { name: 'Use it' }).click();
    await expect.poll(() => formValues(p)).toEqual({ asset: `${SOL_NET}|`, to, amount: '' });
    await expect.poll(() => p.getByTestId('recipient-error').count()).toBe(0);
    await p.getByRole('button', { name: 'Cancel' }).click();
  });

  it('random text (picked file): the clear message, no Use it, the form unchanged', async () => {
    const p = rig.page;
    await openSend(p);
    const to = privateKeyToAddress(generatePrivateKey());
    await p.getByLabel('Asset').selectOption(`${EVM_NET}|`);
    await p.getByLabel('Recipient').fill(to);
    await p.getByLabel(/^Amount/).fill('0.1');
    const before = await formValues(p);
    const text = `not a payment ${randomBytes(6).toString('hex')} ✓`;
    await p.getByTestId('scan-file').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(text) });
    await expect.poll(() => p.getByTestId('scan-found').textContent()).toBe(`Found: ${text}`);
    expect(await p.getByTestId('scan-message').textContent()).toBe(NOT_PAYMENT);
    expect(await p.getByRole('button', { name: 'Use it' }).count()).toBe(0);
    expect(await formValues(p)).toEqual(before);
    expect(before).toEqual({ asset: `${EVM_NET}|`, to, amount: '0.1' });
    // A file that is no image, and an image without a QR code, each say so.
    await pasteImage(p, Buffer.from('not an image'));
    await expect.poll(() => p.getByTestId('scan-message').textContent()).toBe('This is not an image the browser can read.');
    const blank = await p.evaluate(async () => {
      const c = new OffscreenCanvas(200, 200);
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 200, 200);
      const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
      return btoa(String.fromCharCode(...bytes));
    });
    await dropImage(p, Buffer.from(blank, 'base64'));
    await expect.poll(() => p.getByTestId('scan-message').textContent()).toBe('No QR code was found in this image.');
    expect(await formValues(p)).toEqual(before);
    await p.getByRole('button', { name: 'Close' }).click();
    await p.getByRole('button', { name: 'Cancel' }).click();
  });

  describe('From this tab', () => {
    let server: Server;
    let pageUrl = '';
    const to = privateKeyToAddress(generatePrivateKey());
    const uri = `ethereum:${to}@31337?value=250000000000000000`;
    beforeAll(async () => {
      const png = await qrPng(uri);
      server = createServer((req, res) => {
        if (req.url === '/qr.png') { res.writeHead(200, { 'content-type': 'image/png' }).end(png); return; }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Pay me</title><body style="margin:0;background:#fff"><img id="qr" src="/qr.png">');
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(async () => { server.closeAllConnections(); await new Promise<void>((ok) => server.close(() => ok())); });

    it('captures the active tab once the toolbar action granted activeTab; refused before, with the clear message', async () => {
      const { context, extensionId } = rig.h;
      const web = await context.newPage();
      await web.goto(pageUrl);
      await web.locator('#qr').evaluate((img: HTMLImageElement) => img.decode());
      await web.bringToFront();
      // The wallet UI in a window of its own (type popup), so the page above stays the active tab of the browser window.
      const [ui] = await Promise.all([
        context.waitForEvent('page', (pg) => pg.url().startsWith(`chrome-extension://${extensionId}/popup.html`)),
        rig.page.evaluate((url) => chrome.windows.create({ url, type: 'popup', width: 360, height: 600, focused: false }), rig.h.popupUrl),
      ]);
      const active = await ui.evaluate(async () => (await chrome.tabs.query({ active: true, windowType: 'normal' })).map((t) => t.url));
      expect(active).toEqual([pageUrl]);
      await openSend(ui);
      const before = await formValues(ui);

      // No activeTab grant yet (host permissions alone do not allow captureVisibleTab): the clear message.
      await ui.getByRole('button', { name: 'From this tab' }).click();
      await expect.poll(() => ui.getByTestId('scan-message').textContent()).toBe(CAPTURE_REFUSED);
      expect(await formValues(ui)).toEqual(before);

      // The user clicks Meridian's toolbar button on that page: Chromium grants activeTab for it.
      const cdp = await context.browser()!.newBrowserCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never) as { targetInfos: Array<{ targetId: string; url: string }> };
      const tab = targetInfos.find((t) => t.url === pageUrl);
      expect(tab).toBeDefined();
      await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab!.targetId } as never);
      await cdp.detach();

      await ui.getByRole('button', { name: 'From this tab' }).click();
      await expect.poll(() => ui.getByTestId('scan-found').textContent()).toBe(`Found: ${uri}`);
      expect(await formValues(ui)).toEqual(before);
      await ui.getByRole('button', { name: 'Use it' }).click();
      await expect.poll(() => formValues(ui)).toEqual({ asset: `${EVM_NET}|`, to, amount: '0.25' });
      await ui.close();
      await web.close();
    });
  });
});
