/**
 * Builds dist/: background.js (ES module service worker), content.js and inpage.js (self-contained IIFE
 * content scripts), popup.html with its bundle, the phishing warning page (phishing.html) and list
 * (phishing-list.json), manifest.json, icons and _locales. MERIDIAN_DIST builds elsewhere (default dist/).
 *
 * `--dev` builds the dev flavour (the embedded Localnets selected); without it, the release flavour (mainnets selected).
 * `--firefox` (`npm run build:firefox`) builds the Firefox MV3 add-on instead (default dist-firefox/): the same code,
 * with the manifest from `firefoxManifest` (background `scripts` as an ES module event page, `browser_specific_settings`).
 */
import { build, type InlineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cpSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parsePhishingConfig } from '../src/background/phishing/list';
import { firefoxManifest } from './firefoxManifest';

const root = resolve(import.meta.dirname, '..');
const firefox = process.argv.includes('--firefox');
const dist = resolve(root, process.env.MERIDIAN_DIST ?? (firefox ? 'dist-firefox' : 'dist'));
const minify = process.env.MERIDIAN_MINIFY !== '0';
// Release (default): Ethereum and Solana Mainnet selected on first run. `--dev` (npm start, npm test): the Localnets.
const flavor = process.argv.includes('--dev') ? 'dev' : 'release';
const target = firefox ? 'firefox128' : 'chrome111';

const common: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production'), __MERIDIAN_BUILD__: JSON.stringify(flavor) },
};

async function lib(entry: string, fileName: string, format: 'es' | 'iife', name?: string) {
  await build({
    ...common,
    build: {
      outDir: dist,
      emptyOutDir: false,
      minify,
      target,
      lib: { entry: resolve(root, entry), formats: [format], fileName: () => fileName, ...(name ? { name } : {}) },
    },
  } as InlineConfig);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  ...common,
  root: resolve(root, 'src/popup'),
  base: './',
  plugins: [react()],
  build: { outDir: dist, emptyOutDir: false, minify, target, assetsInlineLimit: 0,
    rolldownOptions: { input: [resolve(root, 'src/popup/popup.html'), resolve(root, 'src/popup/phishing.html')] } },
} as InlineConfig);
await lib('src/background/index.ts', 'background.js', 'es');
await lib('src/content/bridge.ts', 'content.js', 'iife', 'MeridianBridge');
await lib('src/inpage/index.ts', 'inpage.js', 'iife', 'MeridianInpage');

// The on-device phishing list: eth-phishing-detect's data only (none of its code), checked and compacted, with its licence.
const pkg = createRequire(import.meta.url);
const phishingVersion = (pkg('eth-phishing-detect/package.json') as { version: string }).version;
const phishing = parsePhishingConfig(pkg('eth-phishing-detect/src/config.json'), `eth-phishing-detect@${phishingVersion}`).list;
writeFileSync(resolve(dist, 'phishing-list.json'), JSON.stringify(phishing));
writeFileSync(resolve(dist, 'phishing-list.LICENSE.txt'), readFileSync(pkg.resolve('eth-phishing-detect/LICENSE')));
if (firefox) writeFileSync(resolve(dist, 'manifest.json'), JSON.stringify(firefoxManifest(JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'))), null, 2));
else cpSync(resolve(root, 'manifest.json'), resolve(dist, 'manifest.json'));
cpSync(resolve(root, 'public'), dist, { recursive: true });
if (!existsSync(resolve(dist, 'popup.html'))) throw new Error('build did not produce popup.html');
if (!existsSync(resolve(dist, 'phishing.html'))) throw new Error('build did not produce phishing.html');
// Which flavour this folder holds, for the test launchers (a release build has the Localnets unselected).
writeFileSync(resolve(dist, 'build-flavor.txt'), `${flavor}\n`);
console.log(`built ${dist} (${flavor})`);
