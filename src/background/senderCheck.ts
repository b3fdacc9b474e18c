/**
 * A popup port is accepted only from this extension's own pages (not from its content scripts). `extensionBaseUrl` is
 * `runtime.getURL('')`: Chromium's pages are `chrome-extension://<runtime id>/`, Firefox's `moz-extension://<internal
 * UUID>/` (its runtime id, the gecko id, is not the host), so the host is taken from the browser, not from the id.
 */
export function isOwnExtensionPage(sender: { id?: string; url?: string; origin?: string } | undefined, runtimeId: string,
  extensionBaseUrl = `chrome-extension://${runtimeId}/`): boolean {
  if (!sender || sender.id !== runtimeId || typeof sender.url !== 'string') return false;
  let url: URL;
  let base: URL;
  try { url = new URL(sender.url); base = new URL(extensionBaseUrl); } catch { return false; }
  if (base.protocol !== 'chrome-extension:' && base.protocol !== 'moz-extension:') return false;
  return url.protocol === base.protocol && url.host === base.host && url.host !== '' && (sender.origin === undefined || sender.origin === url.origin);
}
