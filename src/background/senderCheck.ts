/** A popup port is accepted only from this extension's own pages (not from its content scripts). */
export function isOwnExtensionPage(sender: { id?: string; url?: string; origin?: string } | undefined, runtimeId: string): boolean {
  if (!sender || sender.id !== runtimeId || typeof sender.url !== 'string') return false;
  let url: URL;
  try { url = new URL(sender.url); } catch { return false; }
  return url.protocol === 'chrome-extension:' && url.host === runtimeId && (sender.origin === undefined || sender.origin === url.origin);
}
