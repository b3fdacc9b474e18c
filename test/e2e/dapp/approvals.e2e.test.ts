/**
 * The approval window end to end (issue 9 items 2–6): one window for every site with its queue and caps; Approve arms
 * only when the user can see it; a lock or a disconnect withdraws waiting requests; a restarted worker closes only
 * the old window; the worker stays alive while a request waits; and the window reads well at 360 px (the origin as
 * text, one h1, 14 px text, account names whole). Each test uses its own origin(s).
 *
 * The last test is the only slow one (~40 s, on purpose): it idles past Chrome's 30 s worker timeout. Chromium has no
 * switch for that timeout, and an attached DevTools client (Playwright) keeps a worker alive, so that test runs its
 * own Chromium and disconnects Playwright while it idles.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { verifyMessage, type Address } from 'viem';
import { getFreePort } from '../../../scripts/chains/util';
import { DEMO_EVM, DEMO_PHRASE } from '../../fixtures/demo';
import { popupCall } from '../../fixtures/popup';
import { CHROME, DIST, killServiceWorker, removeProfile, type Harness } from '../helpers/extension';
import { textLines } from '../helpers/layout';
import type { DappApi, Outcome } from './page';
import { PASSWORD, call, click, decide, errorOf, ok, openDapp, request, startDappRig, withApproval, type DappRig } from './rig';
import { startDappServer } from './serve';

type W = { dapp: DappApi; __out?: Outcome<unknown> | null; __arm?: Arm[] };
type Arm = { t: number; id: string | null; enabled: boolean };
const EVM0 = DEMO_EVM[0]! as Address;
const REJECTED = { code: 4001, message: 'User rejected the request.' };
const isApproval = (p: Page) => p.url().includes('approval=');

/**
 * Installed in every page: in the approval window, a timeline of (time, request shown, approve button enabled),
 * recorded from the first paint by a MutationObserver.
 */
const RECORD_ARMING = `(() => {
  if (!location.search.includes('approval=')) return;
  window.__arm = [];
  const snap = () => {
    const main = document.querySelector('main.approval');
    const buttons = main ? main.querySelectorAll('.row.sticky button') : [];
    const approve = buttons.length ? buttons[buttons.length - 1] : null;
    const s = { id: main ? main.getAttribute('data-approval-id') : null, enabled: !!approve && !approve.disabled };
    const last = window.__arm[window.__arm.length - 1];
    if (!last || last.id !== s.id || last.enabled !== s.enabled) window.__arm.push({ t: performance.now(), ...s });
  };
  new MutationObserver(snap).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

let rig: DappRig;
let h: Harness;
const ROLE = { queue: 0, queueB: 1, queueC: 2, cap: 3, arming: 4, withdraw: 5, restart: 6, reads: 7 } as const;
const url = (role: keyof typeof ROLE) => rig.servers[ROLE[role]]!.url;

beforeAll(async () => {
  rig = await startDappRig({ origins: Object.keys(ROLE).length });
  h = rig.h;
  await h.context.addInitScript(RECORD_ARMING);
}, 120_000);
afterAll(async () => { await rig?.stop(); });

/** Start a dapp call without waiting; `.out()` is its outcome once it is there (undefined before). */
function start<T>(p: Promise<T>): { done: Promise<T>; out(): T | undefined } {
  let out: T | undefined;
  const done = p.then((o) => (out = o));
  return { done, out: () => out };
}
const approvalWindows = () => h.context.pages().filter(isApproval);
const queueText = (w: Page) => w.getByTestId('approval-queue').textContent();
const shownOrigin = (w: Page) => w.getByTestId('approval-origin').textContent();
const arming = (w: Page) => w.evaluate(() => (window as unknown as W).__arm ?? []);
/** Time from the first moment `id` showed to the first moment its approve button was enabled. */
async function armDelay(w: Page, id: string): Promise<number> {
  await w.getByRole('button', { disabled: false, name: /^(Sign|Connect|Confirm)$/ }).waitFor();
  const log = (await arming(w)).filter((e) => e.id === id);
  const shown = log[0]!;
  const enabled = log.find((e) => e.enabled)!;
  expect(shown.enabled).toBe(false);
  return enabled.t - shown.t;
}
/** Click a decision while other requests wait (the window stays: `decide` would wait for it to close). */
const press = (w: Page, name: string) => w.getByRole('button', { name, exact: true }).click();
const shownId = (w: Page) => w.locator('main.approval').getAttribute('data-approval-id') as Promise<string>;

describe('one approval window for every site', () => {
  it('three sites ask at once: one window, "Request 1 of 3", oldest first; Reject all rejects the rest (4001) and the window closes', async () => {
    const pages = await Promise.all((['queue', 'queueB', 'queueC'] as const).map((r) => openDapp(h, `${url(r)}/index.html`)));
    const win = h.context.waitForEvent('page', { predicate: isApproval });
    const asks = [start(request(pages[0]!, 'eth_requestAccounts'))];
    const w = await win;
    await expect.poll(() => shownOrigin(w)).toBe(url('queue'));
    asks.push(start(request(pages[1]!, 'eth_requestAccounts')));
    await expect.poll(() => queueText(w)).toBe('Request 1 of 2');
    asks.push(start(request(pages[2]!, 'eth_requestAccounts')));
    await expect.poll(() => queueText(w)).toBe('Request 1 of 3');
    expect(approvalWindows()).toEqual([w]);
    expect(await shownOrigin(w)).toBe(url('queue'));
    await press(w, 'Connect');
    expect(ok(await asks[0]!.done)).toEqual([EVM0.toLowerCase()]) // eth_requestAccounts: lower case, as MetaMask;
    await expect.poll(() => shownOrigin(w)).toBe(url('queueB'));
    expect(await queueText(w)).toBe('Request 1 of 2');
    const closed = w.waitForEvent('close');
    await w.getByRole('button', { name: 'Reject all' }).click();
    expect((await Promise.all(asks.slice(1).map((a) => a.done))).map(errorOf)).toEqual([REJECTED, REJECTED]);
    await closed;
    expect(approvalWindows()).toEqual([]);
    await Promise.all(pages.map((p) => p.close()));
  });

  it('11 requests from one site: 10 wait in the one window, the 11th gets -32005 at once', async () => {
    const page = await openDapp(h, `${url('cap')}/index.html`);
    const win = h.context.waitForEvent('page', { predicate: isApproval });
    const asks = Array.from({ length: 11 }, () => start(request(page, 'eth_requestAccounts')));
    const w = await win;
    await expect.poll(() => asks.filter((a) => a.out() !== undefined).map((a) => errorOf(a.out()!))).toEqual([{
      code: -32005, message: 'Too many pending requests from this site; approve or reject the open ones first.',
    }]);
    await expect.poll(() => queueText(w)).toBe('Request 1 of 10');
    expect(approvalWindows()).toEqual([w]);
    await w.getByRole('button', { name: 'Reject all' }).click();
    await expect.poll(() => asks.map((a) => a.out()).filter((o) => o !== undefined && JSON.stringify(errorOf(o)) === JSON.stringify(REJECTED)).length).toBe(10);
    await page.close();
  });
});

describe('Approve arms when the user can see it', () => {
  it('500 ms after the request shows; a blur disarms, a refocus re-arms 500 ms later; the next request and an unlock in the window re-arm too', async () => {
    const page = await openDapp(h, `${url('arming')}/index.html`);
    const win = h.context.waitForEvent('page', { predicate: isApproval });
    const first = start(request(page, 'eth_requestAccounts'));
    const w = await win;
    expect(await armDelay(w, await shownId(w))).toBeGreaterThanOrEqual(500);
    // The window loses focus: disarmed at once. Focus again: armed only 500 ms later.
    await w.evaluate(() => window.dispatchEvent(new FocusEvent('blur')));
    await expect.poll(() => w.getByRole('button', { name: 'Connect' }).isDisabled()).toBe(true);
    const focusedAt = await w.evaluate(() => { window.dispatchEvent(new FocusEvent('focus')); return performance.now(); });
    await w.getByRole('button', { name: 'Connect', disabled: false }).waitFor();
    const rearmed = (await arming(w)).filter((e) => e.t >= focusedAt && e.enabled)[0]!;
    expect(rearmed.t - focusedAt).toBeGreaterThanOrEqual(500);
    // A second request waits behind the first; once the first is decided, the second shows disarmed.
    const second = start(request(page, 'wallet_switchEthereumChain', [{ chainId: '0xaa36a7' }]));
    await expect.poll(() => queueText(w)).toBe('Request 1 of 2');
    const firstId = await shownId(w);
    await press(w, 'Connect');
    expect(ok(await first.done)).toEqual([EVM0.toLowerCase()]);
    await expect.poll(() => shownId(w)).not.toBe(firstId);
    expect(await armDelay(w, await shownId(w))).toBeGreaterThanOrEqual(500);
    await decide(w, 'Reject');
    expect(errorOf(await second.done)).toEqual(REJECTED);
    // Asked while locked: the unlock form first; after unlocking in the window the request shows disarmed.
    await popupCall(rig.wallet, 'lock');
    const win2 = h.context.waitForEvent('page', { predicate: isApproval });
    const signed = start(call(page, 'evmSignMessage', ['after the unlock', EVM0]));
    const w2 = await win2;
    await w2.getByLabel('Password').fill(PASSWORD);
    await w2.getByRole('button', { name: 'Unlock' }).click();
    await w2.getByTestId('approval-origin').waitFor();
    expect(await armDelay(w2, await shownId(w2))).toBeGreaterThanOrEqual(500);
    await decide(w2, 'Sign');
    const sig = ok(await signed.done);
    expect(await verifyMessage({ address: EVM0, message: 'after the unlock', signature: sig.signature })).toBe(true);
    await page.close();
  });
});

describe('a lock or a disconnect withdraws waiting requests', () => {
  it('lock → the dapp gets 4100 "The wallet is locked." and the window closes; Disconnect → 4100 "The site was disconnected."', async () => {
    const page = await openDapp(h, `${url('withdraw')}/index.html`);
    expect(ok(await withApproval(h, page, 'evmRequestAddresses', [], click('Connect')))).toEqual([EVM0]);
    for (const [what, act, expected] of [
      ['lock', () => popupCall(rig.wallet, 'lock'), { code: 4100, message: 'The wallet is locked.' }],
      ['disconnect', () => popupCall(rig.wallet, 'revokeSite', { origin: url('withdraw') }), { code: 4100, message: 'The site was disconnected.' }],
    ] as const) {
      const win = h.context.waitForEvent('page', { predicate: isApproval });
      const asked = start(request(page, 'personal_sign', [`0x${Buffer.from(`withdrawn by ${what}`).toString('hex')}`, EVM0]));
      const w = await win;
      await w.getByRole('button', { name: 'Sign', disabled: false }).waitFor();
      const closed = w.waitForEvent('close');
      await act();
      await expect.poll(() => asked.out() && errorOf(asked.out()!)).toEqual(expected);
      await closed;
      if (what === 'lock') await popupCall(rig.wallet, 'unlock', { password: PASSWORD });
    }
    await page.close();
  });
});

describe('worker restart', () => {
  it('a request sent right after the worker restarted keeps its window; only the dead request\'s window closes', async () => {
    const page = await openDapp(h, `${url('restart')}/index.html`);
    expect(ok(await withApproval(h, page, 'evmRequestAddresses', [], click('Connect')))).toEqual([EVM0]);
    const win = h.context.waitForEvent('page', { predicate: isApproval });
    const dead = start(request(page, 'personal_sign', ['0x6465616400', EVM0]));
    const old = await win;
    await old.getByTestId('approval-origin').waitFor();
    const oldClosed = old.waitForEvent('close');
    await killServiceWorker(h.context, rig.wallet);
    expect(errorOf(await dead.done)).toEqual({ code: 4900, message: 'The wallet disconnected (it restarted); please retry.' });
    // The page reconnects with its next request, which starts the new worker at once.
    const next = h.context.waitForEvent('page', { predicate: (p) => isApproval(p) && p !== old });
    const fresh = start(call(page, 'evmSignMessage', ['asked right after the restart', EVM0]));
    const w = await next;
    await oldClosed;
    await w.getByTestId('approval-origin').waitFor();
    await decide(w, 'Sign');
    const sig = ok(await fresh.done);
    expect(await verifyMessage({ address: EVM0, message: 'asked right after the restart', signature: sig.signature })).toBe(true);
    await page.close();
  });
});

describe('the window reads well at 360 px (issue 11 item 5)', () => {
  it('the origin is text in a paragraph (not a div\'s aria-label), one h1, 14 px text, and "Account 1" on one line', async () => {
    const page = await openDapp(h, `${url('reads')}/index.html`);
    const win = h.context.waitForEvent('page', { predicate: isApproval });
    const ask = start(request(page, 'eth_requestAccounts'));
    const w = await win;
    await w.setViewportSize({ width: 360, height: 640 });
    await w.getByTestId('approval-origin').waitFor();
    expect(await shownOrigin(w)).toBe(url('reads'));
    // Each check on its own (soft), then the window is closed. What a screen reader gets: a paragraph saying where the
    // request comes from.
    expect.soft(await w.locator('main').ariaSnapshot()).toContain(`- paragraph: Request from ${url('reads')}\n`);
    expect.soft(await w.locator('[aria-label="Request from"]').count()).toBe(0);
    expect.soft(await w.locator('h1').allTextContents()).toEqual([`${new URL(url('reads')).host} wants to connect`]);
    expect.soft(await w.evaluate(() => [getComputedStyle(document.body).fontSize, getComputedStyle(document.querySelector('main .hint')!).fontSize])).toEqual(['14px', '14px']);
    expect(await w.evaluate(() => document.documentElement.clientWidth)).toBe(360);
    expect.soft(await textLines(w, 'main fieldset', 'Account 1')).toBe(1);
    await decide(w, 'Reject');
    expect(errorOf(await ask.done)).toEqual(REJECTED);
    await page.close();
  });
});

// ───────────── The slow one: its own Chromium, no DevTools client attached while it idles. ─────────────

type Target = { id: string; type: string; url: string };
const IDLE_MS = 40_000;

describe('the worker stays alive while a request waits (slow: idles 40 s on purpose)', () => {
  it('a request left open past Chrome\'s 30 s idle timeout can still be approved; viem verifies the signature', async () => {
    const port = await getFreePort();
    const dir = mkdtempSync(join(tmpdir(), 'meridian-e2e-idle-'));
    const chrome = spawn(CHROME, ['--headless', `--remote-debugging-port=${port}`, `--user-data-dir=${dir}`, `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-background-networking',
      '--disable-component-update', '--disable-quic', 'about:blank'], { stdio: 'ignore' });
    const exited = new Promise((r) => chrome.once('exit', r));
    const server = await startDappServer();
    const endpoint = `http://127.0.0.1:${port}`;
    // The DevTools HTTP list: reading it attaches nothing to the worker.
    const targets = async (): Promise<Target[] | null> => { try { return await (await fetch(`${endpoint}/json/list`)).json() as Target[]; } catch { return null; } };
    let browser: Browser | undefined;
    try {
      await expect.poll(targets, { timeout: 30_000 }).not.toBeNull();
      browser = await chromium.connectOverCDP(endpoint);
      const context = browser.contexts()[0]!;
      const sw = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
      const extensionId = new URL(sw.url()).host;
      const own: Harness = { context, extensionId, popupUrl: `chrome-extension://${extensionId}/popup.html`, close: async () => undefined };
      const wallet = await context.newPage();
      await wallet.goto(own.popupUrl);
      await popupCall(wallet, 'setupWallet', { phrase: DEMO_PHRASE, password: PASSWORD });
      const dapp = await openDapp(own, `${server.url}/index.html`);
      expect(ok(await withApproval(own, dapp, 'evmRequestAddresses', [], click('Connect')))).toEqual([EVM0]);
      // Only the dapp and the approval window stay: no other extension page talks to the worker while it idles.
      for (const p of context.pages()) if (p !== dapp) await p.close();
      const text = 'read for a long minute, then signed';
      const win = context.waitForEvent('page', { predicate: isApproval });
      await dapp.evaluate((m) => {
        const g = window as unknown as W;
        g.__out = null;
        void g.dapp.evmSignMessage(m, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266').then((o) => { g.__out = o; });
      }, text);
      const w = await win;
      await w.getByRole('button', { name: 'Sign', disabled: false }).waitFor();
      const worker = (await targets())!.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`))!;
      await browser.close(); // DevTools detaches: from now on Chrome stops the worker once it is idle for 30 s
      browser = undefined;
      // The deliberate idle, failing as soon as the worker target goes (or is replaced by a new worker).
      const idleFrom = Date.now();
      while (Date.now() - idleFrom < IDLE_MS) {
        const now = (await targets())!.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
        expect(now?.id, `the worker stopped ${Date.now() - idleFrom} ms into the idle`).toBe(worker.id);
        await new Promise((r) => setTimeout(r, 500));
      }
      browser = await chromium.connectOverCDP(endpoint);
      const back = browser.contexts()[0]!;
      const approval = back.pages().find(isApproval)!;
      const page = back.pages().find((p) => p.url().startsWith(server.url))!;
      expect(await page.evaluate(() => (window as unknown as W).__out)).toBeNull(); // still waiting, not 4900
      await decide(approval, 'Sign');
      await expect.poll(() => page.evaluate(() => (window as unknown as W).__out)).not.toBeNull();
      const signed = ok((await page.evaluate(() => (window as unknown as W).__out)) as Outcome<{ address: Address; signature: `0x${string}` }>);
      expect(signed.address).toBe(EVM0);
      expect(await verifyMessage({ address: EVM0, message: text, signature: signed.signature })).toBe(true);
    } finally {
      await browser?.close().catch(() => undefined);
      chrome.kill();
      await exited;
      await server.close();
      removeProfile(dir);
    }
  }, 150_000);
});
