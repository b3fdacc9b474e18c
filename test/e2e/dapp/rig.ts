/**
 * Shared setup of the dapp e2e files: the extension with the demo wallet (optionally the dev chains on free ports,
 * with both Localnets pointed at them), test dapp servers (one origin each), and helpers to call `window.dapp`, to
 * act in an approval window, and to prove that no window opened.
 */
import { expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { startDevChains, type DevChains } from '../../../scripts/chains/index';
import { getFreePort } from '../../../scripts/chains/util';
import { DEMO_PHRASE } from '../../fixtures/demo';
import { popupCall } from '../../fixtures/popup';
import { launchWithExtension, type Harness } from '../helpers/extension';
import type { DappApi, Outcome } from './page';
import { startDappServer, type DappServer } from './serve';

export const PASSWORD = 'dapp tests password 1';
export const EVM_NET = 'eip155:31337';
export const SOL_NET = 'solana:localnet';
type W = { dapp: DappApi };

export type DappRig = {
  h: Harness;
  /** One test dapp server per requested origin (each on its own free port of 127.0.0.1). */
  servers: DappServer[];
  chains: DevChains | undefined;
  /** An extension page (the popup) for popup-channel calls and the wallet UI. */
  wallet: Page;
  stop(): Promise<void>;
};

/** The extension with the demo wallet set up and unlocked (1 account unless `accounts`), and `origins` dapp servers. */
export async function startDappRig(opts: { chains?: boolean; origins?: number; accounts?: number } = {}): Promise<DappRig> {
  const chains = opts.chains ? await startDevChains({ evmPort: await getFreePort(), solanaPort: await getFreePort() }) : undefined;
  const [h, ...servers] = await Promise.all([launchWithExtension(), ...Array.from({ length: opts.origins ?? 1 }, () => startDappServer())]);
  // The install-time onboarding tab opens on its own; close it first, so no later check sees it as a new window.
  const onboarding = (p: Page) => p.url().includes('popup.html#/onboarding');
  await (h.context.pages().find(onboarding) ?? await h.context.waitForEvent('page', { predicate: onboarding })).close();
  const wallet = await h.context.newPage();
  await wallet.goto(h.popupUrl);
  await popupCall(wallet, 'setupWallet', { phrase: DEMO_PHRASE, password: PASSWORD });
  for (let i = 1; i < (opts.accounts ?? 1); i++) await popupCall(wallet, 'addAccount');
  await popupCall(wallet, 'selectAccount', { id: 'hd:0' });
  if (chains) {
    // The built-in Localnets point at this run's chains (Settings → Networks → Edit RPC URLs does the same in the UI),
    // so the tests never touch 8545/8899, where `npm start` may be running.
    await popupCall(wallet, 'setNetworkRpcUrls', { networkId: EVM_NET, rpcUrls: [chains.evm.url] });
    await popupCall(wallet, 'setNetworkRpcUrls', { networkId: SOL_NET, rpcUrls: [chains.solana.url] });
  }
  return {
    h, servers: servers as DappServer[], chains, wallet,
    async stop() {
      await h.close().catch(() => undefined);
      await Promise.all([...(servers as DappServer[]).map((s) => s.close()), chains?.stop()]);
    },
  };
}

/** A new tab on `url` whose test dapp has found both Meridian wallets. */
export async function openDapp(h: Harness, url: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(url);
  expect(await page.evaluate(() => (window as unknown as W).dapp.waitForWallets(10_000))).toEqual({ evm: true, solana: true });
  return page;
}

export type Method = { [K in keyof DappApi]: DappApi[K] extends (...a: never[]) => Promise<unknown> ? K : never }[keyof DappApi];
/** Call `window.dapp[method](...args)` in the page (or frame). */
export function call<M extends Method>(page: Page | Frame, method: M, args: unknown[] = []): Promise<Awaited<ReturnType<DappApi[M]>>> {
  return page.evaluate(([m, a]) => ((window as unknown as W).dapp[m as Method] as (...x: unknown[]) => Promise<unknown>)(...(a as unknown[])), [method, args] as const) as never;
}
/** A raw EIP-1193 request from the page. */
export const request = (page: Page | Frame, method: string, params?: unknown) => call(page, 'request', params === undefined ? [method] : [method, params]);

export const ok = <T>(o: Outcome<T>): T => {
  if ('error' in o) throw new Error(`expected a result, got ${o.error.code}: ${o.error.message}`);
  return o.result;
};
export const codeOf = (o: Outcome<unknown>) => ('error' in o ? o.error.code : 'no error');
/** `{ code, message }` of an error outcome (data left out), or 'no error'. */
export const errorOf = (o: Outcome<unknown>) => ('error' in o ? { code: o.error.code, message: o.error.message } : 'no error');

/** Open approval windows (one at a time is expected: each test decides before it asks again). */
const approvalPages = (h: Harness) => h.context.pages().filter((p) => !p.isClosed() && p.url().includes('approval='));

/**
 * Run a dapp call that opens an approval window; act in the window; return the dapp's outcome. The previous window
 * must be gone first (`decide` waits for that), so the window found is the one this request opened.
 */
export async function withApproval<M extends Method>(h: Harness, page: Page | Frame, method: M, args: unknown[], act: (w: Page) => Promise<void>): Promise<Awaited<ReturnType<DappApi[M]>>> {
  await expect.poll(() => approvalPages(h).map((p) => p.url())).toEqual([]);
  const win = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('approval=') });
  const result = call(page, method, args);
  result.catch(() => undefined); // awaited below; a failure in `act` must not leave it unhandled
  // An answer with no window fails at once (with what the page got) instead of waiting for a window forever.
  const approval = await Promise.race([win, result.then((o) => { throw new Error(`answered with no approval window: ${JSON.stringify(o)}`); })]);
  await approval.getByTestId('approval-origin').waitFor();
  await act(approval);
  return result;
}
/** Click a decision button and wait until the window has closed (it closes itself once nothing else waits). */
export async function decide(w: Page, name: string): Promise<void> {
  const closed = w.isClosed() ? Promise.resolve() : w.waitForEvent('close', { timeout: 15_000 }).then(() => undefined);
  await w.getByRole('button', { name, exact: true }).click().catch((e: Error) => {
    if (!/closed/.test(e.message)) throw e;
  });
  await closed;
}
export const click = (name: string) => (w: Page) => decide(w, name);

/**
 * Run `fn` and fail at once if any page or window opens meanwhile (an approval window that should not exist would
 * otherwise leave the request waiting forever); also checks the page count is unchanged afterwards.
 */
export async function withNoWindow<T>(h: Harness, fn: () => Promise<T>): Promise<T> {
  const before = h.context.pages().length;
  let onPage!: (p: Page) => void;
  const opened = new Promise<never>((_, reject) => {
    onPage = (p) => reject(new Error(`a window opened: ${p.url()}`));
  });
  h.context.on('page', onPage);
  try {
    const out = await Promise.race([fn(), opened]);
    expect(h.context.pages().length).toBe(before);
    return out;
  } finally {
    h.context.off('page', onPage);
  }
}
