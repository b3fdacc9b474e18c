/** Keyring figures: unlock in the real extension (Chromium), account derivation in Node. */
import { performance } from 'node:perf_hooks';
import { launchWithExtension } from '../../test/e2e/helpers/extension';
import { mnemonicToSeed } from '../../src/background/vault/mnemonic';
import { deriveEvmKey, deriveSolanaKey } from '../../src/background/vault/derive';
import { DEFAULT_KDF } from '../../src/background/vault/kdf';
import { median, type Figure } from './types';

const PHRASE = 'test test test test test test test test test test test junk';

export async function benchDerivation(): Promise<Figure[]> {
  const seed = await mnemonicToSeed(PHRASE);
  let t = performance.now();
  for (let i = 0; i < 100; i++) deriveEvmKey(seed, i);
  const evm = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 100; i++) deriveSolanaKey(seed, i);
  const sol = performance.now() - t;
  return [
    { name: 'derive 100 EVM accounts (Node)', value: Math.round(evm), unit: 'ms' },
    { name: 'derive 100 Solana accounts (Node)', value: Math.round(sol), unit: 'ms' },
  ];
}

/** Median of 5 unlocks through the popup port of the built extension in headless Chromium. */
export async function benchUnlock(): Promise<Figure[]> {
  const h = await launchWithExtension();
  try {
    const page = await h.context.newPage();
    await page.goto(h.popupUrl);
    // A string, not a function: tsx would inject helpers that do not exist in the page.
    const times = await page.evaluate(`(async () => {
      const port = chrome.runtime.connect({ name: 'meridian-popup' });
      let id = 0;
      const call = (method, params) => new Promise((resolve, reject) => {
        const my = ++id;
        const on = (m) => {
          if (m.id !== my) return;
          port.onMessage.removeListener(on);
          if (m.error) reject(new Error(m.error.message)); else resolve(m);
        };
        port.onMessage.addListener(on);
        port.postMessage({ id: my, method, params });
      });
      const password = 'bench password 123';
      await call('setupWallet', { phrase: ${JSON.stringify(PHRASE)}, password });
      const out = [];
      for (let i = 0; i < 5; i++) {
        await call('lock', {});
        const t0 = performance.now();
        await call('unlock', { password });
        out.push(performance.now() - t0);
      }
      return out;
    })()`) as number[];
    const k = DEFAULT_KDF;
    return [{ name: 'unlock, median of 5 (Chromium, extension)', value: Math.round(median(times)), unit: 'ms', target: '≤ 1000 ms',
      note: `Argon2id ${k.memoryKiB / 1024} MiB, t=${k.iterations}, p=${k.parallelism}; runs: ${times.map((x) => Math.round(x)).join(', ')}` }];
  } finally {
    await h.close();
  }
}
