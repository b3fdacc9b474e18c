/**
 * Which build this is, fixed at build time (scripts/build.ts defines `__MERIDIAN_BUILD__`): `release` selects Ethereum
 * and Solana Mainnet on first run; `dev` (npm start, npm test) selects the embedded Localnets. Code run without the
 * build (vitest in Node) reads `globalThis.MERIDIAN_BUILD`, default `dev`, so a test can load the release defaults.
 */
declare const __MERIDIAN_BUILD__: 'dev' | 'release' | undefined;

export type BuildFlavor = 'dev' | 'release';

export function buildFlavor(): BuildFlavor {
  if (typeof __MERIDIAN_BUILD__ === 'string') return __MERIDIAN_BUILD__;
  return (globalThis as { MERIDIAN_BUILD?: BuildFlavor }).MERIDIAN_BUILD === 'release' ? 'release' : 'dev';
}
