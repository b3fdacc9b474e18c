/**
 * Popup figures: time from opening the popup to the cached portfolio being painted (median of 10, headless
 * Chromium, the built extension, balances cached from the dev chains). The popup's gzipped JS size is in sizes.ts.
 */
import { launchWithExtension } from '../../test/e2e/helpers/extension';
import { startDevChains } from '../chains/index';
import { getFreePort } from '../chains/util';
import { median, type Figure } from './types';

const PHRASE = 'test test test test test test test test test test test junk';

const CALL = (method: string, params: unknown) => `new Promise((resolve, reject) => {
  const port = chrome.runtime.connect({ name: 'meridian-popup' });
  port.onMessage.addListener((m) => { if (m.id === 1) { port.disconnect(); m.error ? reject(new Error(m.error.message)) : resolve(m.result); } });
  port.postMessage({ id: 1, method: ${JSON.stringify(method)}, params: ${JSON.stringify(params)} });
})`;

export async function benchPopup(): Promise<Figure[]> {
  const chains = await startDevChains({ evmPort: await getFreePort(), solanaPort: await getFreePort() });
  const h = await launchWithExtension();
  try {
    const setup = await h.context.newPage();
    await setup.goto(h.popupUrl);
    await setup.evaluate(CALL('setupWallet', { phrase: PHRASE, password: 'bench password 123' }));
    await setup.evaluate(CALL('setNetworkRpcUrls', { networkId: 'eip155:31337', rpcUrls: [chains.evm.url] }));
    await setup.evaluate(CALL('setNetworkRpcUrls', { networkId: 'solana:localnet', rpcUrls: [chains.solana.url] }));
    await setup.evaluate(CALL('updateUiSettings', { pricesEnabled: false }));
    await setup.evaluate(CALL('refreshPortfolio', {}));
    await setup.close();
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const p = await h.context.newPage();
      await p.goto(h.popupUrl);
      await p.locator('[data-testid="asset-amount"]').first().waitFor();
      let t: number | null = null;
      while (t === null) t = (await p.evaluate(`performance.getEntriesByName('portfolio-painted')[0]?.startTime ?? null`)) as number | null;
      times.push(t);
      await p.close();
    }
    return [
      { name: 'popup open → cached portfolio painted, median of 10 (Chromium)', value: Math.round(median(times)), unit: 'ms', target: '≤ 200 ms',
        note: `from navigation start to the frame after the cached view rendered; runs: ${times.map((x) => Math.round(x)).join(', ')}` },
    ];
  } finally {
    await h.close();
    await chains.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await benchPopup()) console.log(`${f.name}: ${f.value} ${f.unit} (target ${f.target ?? '-'})${f.note ? ` — ${f.note}` : ''}`);
}
