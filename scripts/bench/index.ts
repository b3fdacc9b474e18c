/** `npm run bench`: prints every figure as a table and as JSON. Figures, not assertions. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchDerivation, benchUnlock } from './keyring';
import { bundleSizes } from './sizes';
import { benchDapp } from './dapp';
import { benchPopup } from './popup';
import type { Figure } from './types';

const root = resolve(import.meta.dirname, '../..');
if (!existsSync(resolve(root, 'dist/manifest.json')) || process.env.MERIDIAN_BENCH_BUILD !== '0') {
  execFileSync(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), resolve(root, 'scripts/build.ts'), '--dev'], { stdio: 'inherit' });
}

const sections: Array<[string, () => Promise<Figure[]> | Figure[]]> = [
  ['bundles', bundleSizes],
  ['keyring', benchDerivation],
  ['keyring', benchUnlock],
  ['dapp', benchDapp],
  ['popup', benchPopup],
];
const chainsBench = resolve(root, 'scripts/bench/chains.ts');
if (existsSync(chainsBench)) {
  sections.push(['chains', async () => (await import(chainsBench) as { benchChains: () => Promise<Figure[]> }).benchChains()]);
}

sections.push(['preview', async () => (await import('./evmPreview')).benchEvmPreview()]);
sections.push(['preview', async () => (await import('./solanaPreview')).benchSolanaPreview()]);
sections.push(['history', async () => (await import('./history')).benchHistory()]);

const all: Array<Figure & { section: string }> = [];
for (const [section, run] of sections) {
  for (const f of await run()) all.push({ section, ...f });
}
console.log('\n' + ['section', 'figure', 'value', 'target', 'note'].join(' | '));
console.log('--- | --- | --- | --- | ---');
for (const f of all) console.log([f.section, f.name, `${f.value} ${f.unit}`, f.target ?? '', f.note ?? ''].join(' | '));
console.log('\nJSON ' + JSON.stringify(all));
