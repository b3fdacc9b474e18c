/**
 * MetaMask compatibility (issue 10 item 3) in Chromium with the built extension: lower-case accounts through the raw
 * provider (answers, events, selectedAddress), personal_ecRecover without a window, the legacy eth_signTypedData (v1)
 * window, and the "Appear as MetaMask" setting turned on and off in the popup's Settings, as newly loaded pages see it.
 * No chain is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { recoverAddress, toHex, type Hex } from 'viem';
import { DEMO_EVM } from '../../fixtures/demo';
import { popupCall } from '../../fixtures/popup';
import type { Harness } from '../helpers/extension';
import type { DappApi } from './page';
import { click, ok, openDapp, request, startDappRig, withApproval, withNoWindow, type DappRig } from './rig';
import v1 from '../../vectors/eth_sign_typed_data_v1.json' with { type: 'json' };

type W = { dapp: DappApi };
const EVM0 = DEMO_EVM[0]!;
const low0 = EVM0.toLowerCase();
const APPEAR = 'Appear as MetaMask to sites that only work with MetaMask';

let rig: DappRig;
let h: Harness;
let page: Page;
const url = () => rig.servers[0]!.url;

beforeAll(async () => {
  rig = await startDappRig();
  h = rig.h;
}, 120_000);
afterAll(async () => { await rig?.stop(); });

const events = (p: Page) => p.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'accountsChanged').map((e) => e.payload));
const selectedAddress = (p: Page) => p.evaluate(() => (window as unknown as W).dapp.evmSelectedAddress());
const isMetaMask = (p: Page) => p.evaluate(() => (window as unknown as W).dapp.evmProvider()?.isMetaMask);
const windowIsMetaMask = (p: Page) => p.evaluate(() => (window as { ethereum?: { isMetaMask?: unknown } }).ethereum?.isMetaMask);

/** A new tab of the (connected) test origin, once its provider holds the background's seed (its accounts). */
async function seededPage(): Promise<Page> {
  const p = await openDapp(h, `${url()}/index.html`);
  await expect.poll(() => selectedAddress(p)).toBe(low0); // the seed arrived (and selectedAddress is lower case)
  return p;
}

describe('as MetaMask answers', () => {
  it('eth_requestAccounts, accountsChanged, eth_accounts and selectedAddress are lower case; personal_ecRecover needs no window', async () => {
    page = await openDapp(h, `${url()}/index.html`);
    await page.evaluate(() => (window as unknown as W).dapp.clearEvents());
    expect(ok(await withApproval(h, page, 'request', ['eth_requestAccounts'], click('Connect')))).toEqual([low0]);
    await expect.poll(() => events(page)).toEqual([[low0]]);
    expect(ok(await request(page, 'eth_accounts'))).toEqual([low0]);
    expect(await selectedAddress(page)).toBe(low0);
    const message = toHex('recover me');
    const signature = ok(await withApproval(h, page, 'request', ['personal_sign', [message, low0]], click('Sign'))) as Hex;
    expect(await withNoWindow(h, async () => ok(await request(page, 'personal_ecRecover', [message, signature])))).toBe(low0);
  });

  it('eth_signTypedData (v1): the window shows each name, type and value, and the signature is over the eth-sig-util V1 hash', async () => {
    const vector = v1.vectors.find((v) => v.id === 'typedSignatureHash-multiple-values')!;
    const signature = ok(await withApproval(h, page, 'request', ['eth_signTypedData', [vector.typed_data, low0]], async (w) => {
      expect(await w.locator('[data-field="message"]').textContent()).toBe('Hi, Alice!');
      expect(await w.locator('[data-field="value"]').textContent()).toBe('10');
      expect(await w.getByRole('treeitem', { name: 'value' }).textContent()).toContain('uint8');
      expect(await w.getByRole('heading', { name: 'Domain' }).count()).toBe(0); // v1 has no domain
      await click('Sign')(w);
    })) as Hex;
    expect(await recoverAddress({ hash: vector.hash as Hex, signature })).toBe(EVM0);
  });
});

describe('"Appear as MetaMask" (Settings)', () => {
  async function toggle(on: boolean): Promise<void> {
    await rig.wallet.reload();
    await rig.wallet.getByRole('button', { name: 'Settings' }).click();
    const box = rig.wallet.getByRole('checkbox', { name: APPEAR });
    expect(await box.isChecked()).toBe(!on);
    if (on) await box.check(); else await box.uncheck();
    await expect.poll(async () => (await popupCall<{ settings: { appearAsMetaMask: boolean } }>(rig.wallet, 'getState')).settings.appearAsMetaMask).toBe(on);
  }

  it('is off by default; once on, pages loaded afterwards see isMetaMask: true (open pages keep false); off again, new pages see false', async () => {
    const before = await seededPage();
    expect(await isMetaMask(before)).toBe(false);
    await toggle(true);
    const after = await seededPage();
    expect(await isMetaMask(after)).toBe(true);
    expect(await windowIsMetaMask(after)).toBe(true); // window.ethereum is the same provider
    expect(await isMetaMask(before)).toBe(false); // read when the page loaded
    await toggle(false);
    const again = await seededPage();
    expect(await isMetaMask(again)).toBe(false);
    await Promise.all([before.close(), after.close(), again.close()]);
  });
});
