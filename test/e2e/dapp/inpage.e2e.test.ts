/**
 * The inpage script and the content bridge in Debian Chromium with the built extension, seen from a dapp that
 * uses real discovery libraries (mipd, @wallet-standard/app, viem): discovery, window.ethereum's descriptor,
 * argument validation, the 4900 answer when the worker dies mid-request, cross-frame forgery, and the round trip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { killServiceWorker, launchWithExtension, type Harness } from '../helpers/extension';
import type { DappApi } from './page';
import { startDappServer, type DappServer } from './serve';

let h: Harness;
let server: DappServer;

type W = { dapp: DappApi; hostile: Record<string, (...a: unknown[]) => unknown> };
async function openDapp(path = '/index.html'): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(server.url + path);
  const found = await page.evaluate(() => (window as unknown as W).dapp.waitForWallets(10_000));
  expect(found).toEqual({ evm: true, solana: true });
  return page;
}

beforeAll(async () => {
  [h, server] = await Promise.all([launchWithExtension(), startDappServer()]);
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('inpage discovery', () => {
  it('mipd finds exactly one Meridian provider, which is window.ethereum (configurable, not MetaMask)', async () => {
    const page = await openDapp();
    const providers = await page.evaluate(() => (window as unknown as W).dapp.eip6963Providers());
    const meridian = providers.filter((p) => p.rdns.toLowerCase().includes('meridian'));
    expect(meridian).toHaveLength(1);
    expect(meridian[0]).toMatchObject({ name: 'Meridian', rdns: 'app.meridianwallet' });
    expect(meridian[0]!.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(meridian[0]!.icon).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.evaluate(() => (window as unknown as W).dapp.evmProvider())).toMatchObject({ isMeridian: true, isMetaMask: false, isWindowEthereum: true });
    expect(await page.evaluate(() => (window as unknown as W).dapp.windowEthereum())).toEqual({
      defined: true, isMeridian: true, isOtherWallet: false, sameAsEip6963: true,
      descriptor: { configurable: true, writable: true, enumerable: false, hasGetter: false },
    });
    await page.close();
  });

  it('@wallet-standard/app finds the Meridian Solana wallet with its chains and features', async () => {
    const page = await openDapp();
    const w = await page.evaluate(() => (window as unknown as W).dapp.solanaWallet());
    expect(w).toMatchObject({ name: 'Meridian', version: '1.0.0', chains: ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'],
      supportedTransactionVersions: ['legacy', 0] });
    expect(w!.icon).toMatch(/^data:image\/svg\+xml;base64,/);
    expect([...w!.features].sort()).toEqual(['solana:signAndSendTransaction', 'solana:signIn', 'solana:signMessage', 'solana:signTransaction',
      'standard:connect', 'standard:disconnect', 'standard:events']);
    await page.close();
  });

  it('keeps another wallet that took window.ethereum (default-wallet setting off) and still announces over EIP-6963', async () => {
    const page = await openDapp('/other-wallet.html');
    await page.waitForFunction(() => (window as unknown as { stateAnswered: boolean }).stateAnswered);
    expect(await page.evaluate(() => (window as unknown as W).dapp.windowEthereum())).toMatchObject({ defined: true, isOtherWallet: true, isMeridian: false });
    expect(await page.evaluate(() => (window as unknown as W).dapp.evmProvider())).toMatchObject({ isMeridian: true, isWindowEthereum: false });
    await page.close();
  });
});

describe('inpage ⇄ content ⇄ background', () => {
  it('rejects malformed request arguments in the page with -32600 / -32602', async () => {
    const page = await openDapp();
    const out = await page.evaluate(async () => {
      const d = (window as unknown as W).dapp;
      return [await d.requestRaw(null), await d.requestRaw('eth_chainId'), await d.requestRaw({}), await d.requestRaw({ method: 'eth_call', params: 'x' })];
    });
    expect(out.map((o) => ('error' in o ? o.error.code : 'result'))).toEqual([-32600, -32600, -32600, -32602]);
    await page.close();
  });

  it('answers a request still in flight with 4900 when the service worker dies', async () => {
    const page = await openDapp();
    // eth_requestAccounts waits for the user's approval: once its window is open, the request is in flight.
    const win = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('approval=') });
    await page.evaluate(() => { (window as unknown as { pending: unknown }).pending = (window as unknown as W).dapp.request('eth_requestAccounts'); });
    await win;
    await killServiceWorker(h.context, page);
    const out = await page.evaluate(() => (window as unknown as { pending: Promise<unknown> }).pending);
    expect(out).toEqual({ error: { code: 4900, message: 'The wallet disconnected (it restarted); please retry.' } });
    // The bridge opens a new port for the next request, which wakes a new worker.
    const again = await page.evaluate(() => (window as unknown as W).dapp.request('eth_chainId'));
    expect(again).toEqual({ result: '0x7a69' });
    await page.close();
  });

  it('eth_chainId round-trips to the background: the selected EVM network is the Localnet, 0x7a69', async () => {
    const page = await openDapp();
    expect(await page.evaluate(() => (window as unknown as W).dapp.request('eth_chainId'))).toEqual({ result: '0x7a69' });
    expect(await page.evaluate(() => (window as unknown as W).dapp.request('net_version'))).toEqual({ result: '31337' });
    await page.close();
  });

  it('a cross-origin iframe gets its own provider; a parent posting forged answers into it is ignored', async () => {
    const page = await h.context.newPage();
    await page.goto(`${server.url}/hostile.html?frame=${encodeURIComponent(`${server.crossOriginUrl}/iframe.html`)}`);
    const frameHandle = await page.waitForSelector('#frame');
    const frame = (await frameHandle.contentFrame()) as Frame;
    await frame.waitForFunction(() => (window as unknown as Partial<W>).dapp !== undefined);
    expect(await frame.evaluate(() => (window as unknown as W).dapp.waitForWallets(10_000))).toEqual({ evm: true, solana: true });
    expect(new URL(frame.url()).origin).toBe(server.crossOriginUrl);

    // The frame sends a request that stays in flight, and records its id and every forged message it receives.
    const id = await frame.evaluate(() => new Promise<string>((resolve) => {
      const w = window as unknown as W & { probe: { settled: unknown; foreign: number } };
      w.probe = { settled: undefined, foreign: 0 };
      window.addEventListener('message', (e) => {
        const m = e.data as { target?: string; payload?: { id?: string } };
        if (e.source !== window) w.probe.foreign++;
        else if (m?.target === 'content' && m.payload?.id) resolve(m.payload.id);
      });
      void w.dapp.request('eth_requestAccounts').then((o) => { w.probe.settled = o; });
    }));
    await page.evaluate(([id]) => {
      const hostile = (window as unknown as W).hostile;
      hostile.postIntoFrame!(0, { channel: 'meridian:dapp:v1', target: 'inpage', payload: { id, result: ['0xforged'] } });
      hostile.postIntoFrame!(0, { channel: 'meridian:dapp:v1', target: 'inpage', payload: { event: 'evm:accountsChanged', data: ['0xforged'] } });
    }, [id]);
    await frame.waitForFunction(() => (window as unknown as { probe: { foreign: number } }).probe.foreign >= 2);
    // The background may have answered by now (locked, unauthorized…), but never with the forged value.
    expect(await frame.evaluate(() => (window as unknown as { probe: { settled: unknown } }).probe.settled)).not.toEqual({ result: ['0xforged'] });
    // The genuine `connect` event from the background may arrive at any time; only accountsChanged is under test.
    const accountEvents = () => frame.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'accountsChanged'));
    expect(await accountEvents()).toEqual([]);
    // Control: the same event posted by the frame's own window is taken (so what dropped it above was the source check).
    await frame.evaluate(() => window.postMessage({ channel: 'meridian:dapp:v1', target: 'inpage', payload: { event: 'evm:accountsChanged', data: ['0xsame-window'] } }, '*'));
    await frame.waitForFunction(() => (window as unknown as W).dapp.events.some((e) => e.name === 'accountsChanged'));
    expect(await accountEvents()).toEqual([{ name: 'accountsChanged', payload: ['0xsame-window'] }]);
    await page.close();
  });
});
