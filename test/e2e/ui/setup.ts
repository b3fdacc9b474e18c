/** Shared setup of the UI e2e files: dev chains on free ports, the extension, the demo wallet, Localnets pointed at the chains. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startDevChains, type DevChains } from '../../../scripts/chains/index';
import { getFreePort } from '../../../scripts/chains/util';
import { launchWithExtension, type Harness } from '../helpers/extension';
import { DEMO_PHRASE } from '../../fixtures/demo';
import { importPhrase, popupCall } from '../../fixtures/popup';
import { PASSWORD, startPriceServer, startSwitchableProxy } from './helpers';

export const SHOTS = resolve(import.meta.dirname, '../../../test-results/screenshots');
export const EVM_NET = 'eip155:31337';
export const SOL_NET = 'solana:localnet';
export const PRICES = { ethereum: 2000, solana: 100, 'usd-coin': 1, weth: 2000 };

export type UiRig = {
  h: Harness; page: Page; chains: DevChains;
  evmProxy: Awaited<ReturnType<typeof startSwitchableProxy>>;
  prices: Awaited<ReturnType<typeof startPriceServer>>;
  stop(): Promise<void>;
};

/** `args`: added to Chromium's command line (see `launchWithExtension`). */
export async function startUiRig(opts: { args?: string[] } = {}): Promise<UiRig> {
  mkdirSync(SHOTS, { recursive: true });
  const chains = await startDevChains({ evmPort: await getFreePort(), solanaPort: await getFreePort() });
  const evmProxy = await startSwitchableProxy(chains.evm.url);
  const prices = await startPriceServer(PRICES);
  const h = await launchWithExtension(opts);
  const page = await h.context.newPage();
  await page.goto(h.popupUrl);
  await importPhrase(page, DEMO_PHRASE, PASSWORD);
  // The Localnets point at this run's chains (Settings → Networks → Edit RPC URLs does the same through the UI).
  await popupCall(page, 'setNetworkRpcUrls', { networkId: EVM_NET, rpcUrls: [evmProxy.url] });
  await popupCall(page, 'setNetworkRpcUrls', { networkId: SOL_NET, rpcUrls: [chains.solana.url] });
  await popupCall(page, 'updateUiSettings', { priceApiUrl: prices.baseUrl, language: 'en' });
  // The install-time onboarding tab opens over this page; a hidden page gets throttled animation frames, which makes
  // every click wait ~2 s for the element to be "stable".
  await page.bringToFront();
  await page.reload();
  await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
  return {
    h, page, chains, evmProxy, prices,
    async stop() {
      await h.close().catch(() => undefined);
      await Promise.all([chains.stop(), evmProxy.stop(), prices.stop()]);
    },
  };
}

/** Home is showing fresh balances (the refresh that starts with the view has finished). */
export async function homeSettled(page: Page): Promise<void> {
  await page.locator('[data-testid="network-card"]').first().waitFor();
  await page.locator('[data-testid="refreshing"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('[data-testid="asset-amount"]').first().waitFor();
}

export async function reviewEnabled(page: Page): Promise<void> {
  try {
    await page.locator('[data-testid="review-button"]:not([disabled])').waitFor({ timeout: 30_000 });
  } catch (e) {
    await page.screenshot({ path: resolve(SHOTS, 'failure-review.png') });
    const alerts = await page.getByRole('alert').allTextContents();
    throw new Error(`Review never enabled; alerts: ${JSON.stringify(alerts)}; ${(e as Error).message}`);
  }
}
