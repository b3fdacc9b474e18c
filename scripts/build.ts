/**
 * Builds dist/: background.js (ES module service worker), content.js and inpage.js (self-contained IIFE
 * content scripts), popup.html with its bundle, manifest.json, icons and _locales.
 */
import { build, type InlineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cpSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');
const minify = process.env.MERIDIAN_MINIFY !== '0';

const common: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

async function lib(entry: string, fileName: string, format: 'es' | 'iife', name?: string) {
  await build({
    ...common,
    build: {
      outDir: dist,
      emptyOutDir: false,
      minify,
      target: 'chrome111',
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
  build: { outDir: dist, emptyOutDir: false, minify, target: 'chrome111', assetsInlineLimit: 0,
    rolldownOptions: { input: resolve(root, 'src/popup/popup.html') } },
} as InlineConfig);
await lib('src/background/index.ts', 'background.js', 'es');
await lib('src/content/bridge.ts', 'content.js', 'iife', 'MeridianBridge');
await lib('src/inpage/index.ts', 'inpage.js', 'iife', 'MeridianInpage');

cpSync(resolve(root, 'manifest.json'), resolve(dist, 'manifest.json'));
cpSync(resolve(root, 'public'), dist, { recursive: true });
if (!existsSync(resolve(dist, 'popup.html'))) throw new Error('build did not produce popup.html');
console.log(`built ${dist}`);
