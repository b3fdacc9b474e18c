/**
 * Who may see and use the wallet, end to end: origin isolation (two origins that differ only by port) and a locked
 * wallet as dapps see it. Each test uses its own origins, so each runs alone (`-t`). No chain is needed: nothing here
 * reads or sends on a chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyMessage, type Address } from 'viem';
import nacl from 'tweetnacl';
import bs58 from 'bs58';
import { DEMO_EVM, DEMO_SOLANA } from '../../fixtures/demo';
import { popupCall } from '../../fixtures/popup';
import type { Harness } from '../helpers/extension';
import type { DappApi, ProviderEvent } from './page';
import { PASSWORD, call, click, decide, errorOf, ok, openDapp, request, startDappRig, withApproval, withNoWindow, type DappRig } from './rig';

type W = { dapp: DappApi };
const NOT_CONNECTED = { code: 4100, message: 'The site is not connected. Request accounts first.' };
const EVM0 = DEMO_EVM[0]! as Address;
const SOL0 = DEMO_SOLANA[0]!;

let rig: DappRig;
let h: Harness;
// One origin (a server on its own port of 127.0.0.1) per role, so no test sees another's grants.
const ORIGIN = { isolationA: 0, isolationB: 1, revoke: 2, lockedView: 3, lockedSign: 4, lockedApprove: 5, contentScript: 6 } as const;
const url = (role: keyof typeof ORIGIN) => rig.servers[ORIGIN[role]]!.url;

beforeAll(async () => {
  rig = await startDappRig({ origins: Object.keys(ORIGIN).length });
  h = rig.h;
}, 120_000);
afterAll(async () => { await rig?.stop(); });

/** A tab on `role`'s origin, connected for EVM (account 1) and Solana (account 1) through the approval windows. */
async function connectedDapp(role: keyof typeof ORIGIN): Promise<Page> {
  const page = await openDapp(h, `${url(role)}/index.html`);
  expect(ok(await withApproval(h, page, 'evmRequestAddresses', [], click('Connect')))).toEqual([EVM0]);
  expect(ok(await withApproval(h, page, 'solanaConnect', [], click('Connect')))).toEqual({ accounts: [SOL0] });
  return page;
}
const events = (p: Page, name: ProviderEvent['name']) => p.evaluate((n) => (window as unknown as W).dapp.events.filter((e) => e.name === n).map((e) => e.payload), name);
const solanaChanges = (p: Page) => p.evaluate(() => (window as unknown as W).dapp.solanaEvents.map((e) => e.accounts));
const solanaAccounts = (p: Page) => p.evaluate(() => (window as unknown as W).dapp.solanaAccounts());
const selectedAddress = (p: Page) => p.evaluate(() => (window as unknown as W).dapp.evmSelectedAddress());
const clearEvents = (p: Page) => p.evaluate(() => (window as unknown as W).dapp.clearEvents());

/** Lock from the popup's Lock button (the popup is reloaded first, so it shows the home screen). */
async function lockFromPopup(): Promise<void> {
  await rig.wallet.reload();
  await rig.wallet.getByRole('button', { name: 'Lock', exact: true }).click();
  await rig.wallet.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
}
async function unlockInPopup(): Promise<void> {
  await rig.wallet.getByLabel('Password').fill(PASSWORD);
  await rig.wallet.getByRole('button', { name: 'Unlock', exact: true }).click();
  await rig.wallet.getByRole('button', { name: 'Lock', exact: true }).waitFor();
}
/** `p`, or a failure once `ms` passed without an answer. */
async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  try { return await Promise.race([p, late]); } finally { clearTimeout(timer); }
}
/** The next approval window (after `start` sends the request). */
async function nextWindow(start: () => void): Promise<Page> {
  // (`start` keeps the dapp's promise; the caller awaits it, and attaches a no-op catch so a failed test stays quiet.)
  const win = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('approval=') });
  start();
  return win;
}

describe('origin isolation', () => {
  it('after origin A connects (EVM and Solana), origin B on another port sees no accounts and gets 4100 with no window', async () => {
    const a = await connectedDapp('isolationA');
    const b = await openDapp(h, `${url('isolationB')}/index.html`);
    expect(new URL(url('isolationA')).hostname).toBe(new URL(url('isolationB')).hostname); // same host, another port
    expect(await request(b, 'eth_accounts')).toEqual({ result: [] });
    expect(await request(b, 'wallet_getPermissions')).toEqual({ result: [] });
    expect(await solanaAccounts(b)).toEqual([]);
    expect(await call(b, 'solanaConnect', [true])).toEqual({ result: { accounts: [] } }); // silent connect: nothing granted
    await withNoWindow(h, async () => {
      expect(errorOf(await request(b, 'personal_sign', ['0x68656c6c6f', EVM0]))).toEqual(NOT_CONNECTED);
      expect(errorOf(await request(b, 'eth_sendTransaction', [{ from: EVM0, to: DEMO_EVM[1], value: '0x1' }]))).toEqual(NOT_CONNECTED);
      expect(errorOf(await request(b, 'eth_signTypedData_v4', [EVM0, '{}']))).toEqual(NOT_CONNECTED);
      expect(errorOf(await call(b, 'solanaSignMessageAs', ['from origin B', SOL0]))).toEqual(NOT_CONNECTED);
    });
    // A is untouched by all that.
    expect(await request(a, 'eth_accounts')).toEqual({ result: [EVM0.toLowerCase()] }); // lower case, as MetaMask
    expect(await solanaAccounts(a)).toEqual([SOL0]);
    await Promise.all([a.close(), b.close()]);
  });

  it("revoking A's EVM grant keeps its Solana grant: Solana accounts still listed and signMessage still works", async () => {
    const a = await connectedDapp('revoke');
    await clearEvents(a);
    expect(await request(a, 'wallet_revokePermissions', [{ eth_accounts: {} }])).toEqual({ result: null });
    expect(await request(a, 'eth_accounts')).toEqual({ result: [] });
    await expect.poll(() => events(a, 'accountsChanged')).toEqual([[]]);
    await withNoWindow(h, async () => {
      expect(errorOf(await request(a, 'personal_sign', ['0x68656c6c6f', EVM0]))).toEqual(NOT_CONNECTED);
    });
    // The Solana grant is still there: in the wallet's list, in the page, and usable.
    const sites = await popupCall<Array<{ origin: string; evm?: unknown; solana?: { accounts: string[] } }>>(rig.wallet, 'listConnectedSites');
    expect(sites.filter((s) => s.origin === url('revoke')).map((s) => ({ evm: s.evm ?? null, solana: s.solana?.accounts ?? null })))
      .toEqual([{ evm: null, solana: [SOL0] }]);
    expect(await solanaAccounts(a)).toEqual([SOL0]);
    expect(await solanaChanges(a)).toEqual([]);
    expect(await call(a, 'solanaConnect', [true])).toEqual({ result: { accounts: [SOL0] } });
    const text = 'still connected on Solana';
    const signed = ok(await withApproval(h, a, 'solanaSignMessage', [text], click('Sign')));
    expect(signed.address).toBe(SOL0);
    expect(nacl.sign.detached.verify(Buffer.from(text), Buffer.from(signed.signature, 'base64'), bs58.decode(SOL0))).toBe(true);
    await a.close();
  });
});

describe('a locked wallet, as dapps see it', () => {
  it('a connected site sees no accounts while locked (eth_accounts, provider state, Wallet Standard), with accountsChanged [] on lock', async () => {
    const page = await connectedDapp('lockedView');
    await clearEvents(page);
    try {
      await lockFromPopup();
      await expect.poll(() => events(page, 'accountsChanged')).toEqual([[]]);
      await expect.poll(() => solanaChanges(page)).toEqual([[]]);
      expect(await request(page, 'eth_accounts')).toEqual({ result: [] });
      expect(await selectedAddress(page)).toBeNull();
      expect(await solanaAccounts(page)).toEqual([]);
      expect(await request(page, 'meridian_getProviderState')).toEqual({ result: { chainId: '0x7a69', accounts: [], isDefaultWallet: false, isMetaMask: false } });
      // A page of the same site opened while locked starts with nothing either.
      const fresh = await openDapp(h, `${url('lockedView')}/index.html`);
      expect(await request(fresh, 'eth_accounts')).toEqual({ result: [] });
      expect(await solanaAccounts(fresh)).toEqual([]);
      expect(await call(fresh, 'solanaConnect', [true])).toEqual({ result: { accounts: [] } });
      await fresh.close();
      // Unlocking gives the site its accounts back.
      await unlockInPopup();
      await expect.poll(() => events(page, 'accountsChanged')).toEqual([[], [EVM0.toLowerCase()]]);
      await expect.poll(() => solanaChanges(page)).toEqual([[], [SOL0]]);
      expect(await request(page, 'eth_accounts')).toEqual({ result: [EVM0.toLowerCase()] });
    } finally {
      if (await rig.wallet.getByRole('button', { name: 'Unlock', exact: true }).count()) await unlockInPopup();
      await page.close();
    }
  });

  it('signing while locked shows the unlock form in the approval window first; once unlocked there, the request shows and signs', async () => {
    const page = await connectedDapp('lockedSign');
    try {
      await lockFromPopup();
      // EVM personal_sign (the site names its account: it sees none while locked).
      const text = 'signed after unlocking in the window';
      let pending!: Promise<unknown>;
      const w = await nextWindow(() => { pending = call(page, 'evmSignMessage', [text, EVM0]); pending.catch(() => undefined); });
      await w.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
      expect(await w.getByTestId('approval-origin').count()).toBe(0); // nothing of the request before the unlock
      expect(await w.getByRole('button', { name: 'Sign' }).count()).toBe(0);
      await w.getByLabel('Password').fill(PASSWORD);
      await w.getByRole('button', { name: 'Unlock', exact: true }).click();
      expect(await w.getByTestId('approval-origin').textContent()).toBe(url('lockedSign'));
      expect(await w.getByTestId('sign-message').textContent()).toBe(text);
      await decide(w, 'Sign');
      const signed = ok(await pending as Awaited<ReturnType<DappApi['evmSignMessage']>>);
      expect(signed.address).toBe(EVM0);
      expect(await verifyMessage({ address: EVM0, message: text, signature: signed.signature })).toBe(true);

      // Solana signMessage: the same unlock step first.
      await lockFromPopup();
      const solText = 'solana, signed after unlocking in the window';
      let solPending!: Promise<unknown>;
      const sw = await nextWindow(() => { solPending = call(page, 'solanaSignMessageAs', [solText, SOL0]); solPending.catch(() => undefined); });
      await sw.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
      expect(await sw.getByTestId('approval-origin').count()).toBe(0);
      await sw.getByLabel('Password').fill(PASSWORD);
      await sw.getByRole('button', { name: 'Unlock', exact: true }).click();
      expect(await sw.getByTestId('sign-message').textContent()).toBe(solText);
      await decide(sw, 'Sign');
      const solSigned = ok(await solPending as Awaited<ReturnType<DappApi['solanaSignMessage']>>);
      expect(nacl.sign.detached.verify(Buffer.from(solText), Buffer.from(solSigned.signature, 'base64'), bs58.decode(SOL0))).toBe(true);
    } finally {
      await rig.wallet.reload();
      if (await rig.wallet.getByRole('button', { name: 'Unlock', exact: true }).count()) await unlockInPopup();
      await page.close();
    }
  });

  it('approving after a lock is refused: the lock withdraws the open request (4100, the window closes), a late Approve is refused, nothing is signed', async () => {
    const page = await connectedDapp('lockedApprove');
    try {
      let pending!: Promise<unknown>;
      const w = await nextWindow(() => {
        // A raw request, so the outcome is the wallet's own error (not viem's wrapping of it).
        pending = request(page, 'personal_sign', [`0x${Buffer.from('approve me after the lock').toString('hex')}`, EVM0]);
        pending.catch(() => undefined);
      });
      await w.getByTestId('approval-origin').waitFor();
      await w.getByRole('button', { name: 'Sign', exact: true, disabled: false }).waitFor(); // armed: the user could approve now
      const id = (await w.locator('main.approval').getAttribute('data-approval-id'))!;
      const closed = w.waitForEvent('close');
      await lockFromPopup();
      // The lock ends the request at once: the page gets "locked" (4100) and the window goes away.
      expect(await within(pending, 15_000)).toEqual({ error: { code: 4100, message: 'The wallet is locked.', data: { walletCode: 1000 } } });
      await closed;
      // What the Sign button sends, arriving after the lock (a click that raced it): refused by the background.
      await expect(popupCall(rig.wallet, 'resolveApproval', { id, approved: true })).rejects.toThrow(/Error: 1010 Unlock the wallet first\./);
      // Unlocked again, the request is gone for good: approving it now is refused too.
      await unlockInPopup();
      await expect(popupCall(rig.wallet, 'resolveApproval', { id, approved: true })).rejects.toThrow(/Error: 1010 This request is no longer pending\./);
    } finally {
      if (await rig.wallet.getByRole('button', { name: 'Unlock', exact: true }).count()) await unlockInPopup();
      await page.close();
    }
  });
});

describe('the content script, which runs in every page\'s process', () => {
  it('cannot read or write the wallet\'s chrome.storage.local or .session (trusted contexts only); an extension page can', async () => {
    const page = await openDapp(h, `${url('contentScript')}/index.html`);
    try {
      // The content script's isolated world, reached through DevTools: the code runs with the content script's rights.
      const cdp = await h.context.newCDPSession(page);
      const worlds: { id: number; origin: string }[] = [];
      cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; origin: string; auxData?: { type?: string } } }) => {
        if (e.context.auxData?.type === 'isolated' && e.context.origin === `chrome-extension://${h.extensionId}`) worlds.push(e.context);
      });
      await cdp.send('Runtime.enable');
      await expect.poll(() => worlds.length).toBeGreaterThan(0);
      const inContentScript = async (expression: string) => {
        const r = await cdp.send('Runtime.evaluate', { expression, contextId: worlds[0]!.id, awaitPromise: true, returnByValue: true });
        return r.result.value as string;
      };
      // The content script's own API is there (so a refusal below is the access level, not a missing API).
      expect(await inContentScript('typeof chrome.runtime.connect')).toBe('function');
      const attempt = (area: 'local' | 'session', op: string) =>
        inContentScript(`chrome.storage.${area}.${op}.then((v) => 'allowed ' + JSON.stringify(v === undefined ? null : Object.keys(v)), (e) => 'refused: ' + e.message)`);
      for (const area of ['local', 'session'] as const) {
        expect(await attempt(area, 'get(null)')).toMatch(/^refused: Access to storage is not allowed from this context\.$/);
        expect(await attempt(area, 'set({ permissions: {} })')).toMatch(/^refused: Access to storage is not allowed from this context\.$/);
      }
      // The wallet itself still reads its storage: the vault is there, untouched by the attempts.
      const stored = await rig.wallet.evaluate(async () => Object.keys(await chrome.storage.local.get(null)));
      expect(stored).toContain('vault');
      await cdp.detach();
    } finally {
      await page.close();
    }
  });
});
