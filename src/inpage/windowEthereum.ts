/** `window.ethereum`: a plain, configurable, writable data property, so other wallets and the page can replace it. */
type Target = { ethereum?: unknown };

/**
 * Define `win.ethereum = provider` when it is free, or (with `replace`, the user's "default wallet" setting) over
 * another wallet's. Returns whether `win.ethereum` is the provider afterwards; never throws.
 */
export function installWindowEthereum(win: object, provider: object, replace = false): boolean {
  const current = (win as Target).ethereum;
  if (current === provider) return true;
  if (current !== undefined && !replace) return false;
  try {
    Object.defineProperty(win, 'ethereum', { value: provider, configurable: true, writable: true, enumerable: false });
  } catch { /* another wallet made it non-configurable: leave it */ }
  return (win as Target).ethereum === provider;
}
