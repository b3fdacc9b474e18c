/**
 * The Firefox MV3 manifest, made from the Chromium one (manifest.json) so the two never drift apart:
 * - the background is an event page: `background.scripts` with `"type": "module"` (Firefox has no extension service
 *   worker; `service_worker` is refused);
 * - `browser_specific_settings.gecko`: a fixed add-on id (storage, and the tests' moz-extension:// UUID, key on it) and
 *   the first version with everything used: MV3 content scripts in `"world": "MAIN"` (128), `storage.session` (115),
 *   declarativeNetRequest with regex redirects (113), ES-module background scripts (112). 128 is an ESR;
 * - `minimum_chrome_version` is Chromium's key and is left out.
 * Everything else (permissions, host permissions, content scripts, web-accessible resources, the CSP with
 * 'wasm-unsafe-eval' for Argon2id) carries over unchanged.
 */
export const FIREFOX_ADDON_ID = 'meridian-wallet@meridian.dev';
export const FIREFOX_MIN_VERSION = '128.0';

type Manifest = Record<string, unknown> & { background?: { service_worker?: string; scripts?: string[]; type?: string } };

export function firefoxManifest(chromium: Manifest): Manifest {
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = chromium;
  if (!background?.service_worker) throw new Error('manifest.json has no background.service_worker');
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: background.type ?? 'module' },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Meridian sends nothing to its makers: RPC requests go only to the networks the user chose.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
