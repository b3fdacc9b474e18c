/**
 * Which RPC URLs a page may propose (wallet_addEthereumChain). A page must not turn the wallet into a probe of the
 * user's own machine or network: loopback and private-network hosts are accepted only from a page that is itself on
 * loopback (a developer's local dapp) — the user can still add any of them in Settings. Plain http:// is accepted only
 * for loopback, whoever asks (anything else would let the network path read and rewrite the wallet's chain data).
 * Host names are judged as written: a public name that resolves to a private address is not detected here.
 */
import { hostClass, type HostClass } from '../../chains/hostClass';
import { InvalidParamsError } from '../../shared/errors';

/** Throws -32602 for an RPC URL a page at `origin` may not propose; returns the URL otherwise. */
export function checkProposedRpcUrl(raw: unknown, origin: string): string {
  if (typeof raw !== 'string' || raw.length > 2048) throw new InvalidParamsError('Each RPC URL must be a string.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidParamsError('An RPC URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidParamsError('RPC URLs must use https.');
  if (url.username || url.password) throw new InvalidParamsError('RPC URLs must not carry credentials.');
  const target = hostClass(url.hostname);
  if (url.protocol === 'http:' && target !== 'loopback') throw new InvalidParamsError('RPC URLs must use https (plain http only on this computer).');
  let pageHost: HostClass = 'public';
  try {
    pageHost = hostClass(new URL(origin).hostname);
  } catch { /* not a URL origin: public */ }
  if (target !== 'public' && pageHost !== 'loopback') {
    throw new InvalidParamsError('A site cannot add a network on this computer or on your local network. Add it in Settings → Networks instead.');
  }
  return raw;
}
