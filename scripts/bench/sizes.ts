import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import type { Figure } from './types';

const dist = resolve(import.meta.dirname, '../../dist');
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Gzipped sizes of the built bundles (run `npm run build` first). */
export function bundleSizes(): Figure[] {
  if (!existsSync(resolve(dist, 'manifest.json'))) throw new Error('no dist/: run npm run build first');
  const popupJs = readdirSync(resolve(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => resolve(dist, 'assets', f));
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
  return [
    { name: 'popup JS gzipped', value: kb(popupJs.reduce((s, f) => s + gz(f), 0)), unit: 'KB', target: '≤ 250 KB' },
    { name: 'background gzipped', value: kb(gz(resolve(dist, 'background.js'))), unit: 'KB' },
    { name: 'inpage gzipped', value: kb(gz(resolve(dist, 'inpage.js'))), unit: 'KB', target: '≤ 10 KB' },
    { name: 'content gzipped', value: kb(gz(resolve(dist, 'content.js'))), unit: 'KB' },
  ];
}
