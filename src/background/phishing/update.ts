/**
 * Fetching a newer list from the update URL the user chose (no URL, no request: the default). Size-capped while
 * reading, shape-checked by `parsePhishingConfig`; any failure leaves the list in force as it is.
 */
import { InvalidParamsError } from '../../shared/errors';
import { parsePhishingConfig, PhishingListError, type PhishingList } from './list';

/** `eth-phishing-detect`'s own data file upstream: what a user may paste as the update URL. */
export const UPSTREAM_LIST_URL = 'https://raw.githubusercontent.com/MetaMask/eth-phishing-detect/main/src/config.json';
export const MAX_LIST_BYTES = 8 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 30_000;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** HTTPS only, except loopback (a local list for development and tests); no credentials or fragment. */
export function checkUpdateUrl(raw: string): string {
  let url: URL;
  try { url = new URL(raw.trim()); } catch { throw new InvalidParamsError('The phishing list address is not a URL.'); }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new InvalidParamsError('The phishing list address must use HTTPS.');
  if (url.username || url.password || url.hash) throw new InvalidParamsError('The phishing list address must not carry a user name, password or fragment.');
  return url.toString();
}

/** Read a body, giving up as soon as it passes `maxBytes`. */
async function readCapped(res: Response, maxBytes: number, abort: () => void): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    throw new PhishingListError(`The phishing list is larger than ${maxBytes} bytes.`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      abort();
      await reader.cancel().catch(() => undefined);
      throw new PhishingListError(`The phishing list is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.byteLength; }
  try { return new TextDecoder('utf-8', { fatal: true }).decode(all); } catch { throw new PhishingListError('The phishing list is not UTF-8 text.'); }
}

/** Fetch and check a list; throws PhishingListError (or a network error) with a readable message. */
export async function fetchPhishingList(url: string, opts: { fetch: FetchLike; maxBytes?: number; timeoutMs?: number }): Promise<PhishingList> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? FETCH_TIMEOUT_MS);
  try {
    const res = await opts.fetch(url, { signal: controller.signal, credentials: 'omit', cache: 'no-store', redirect: 'follow' });
    if (!res.ok) throw new PhishingListError(`The phishing list server answered HTTP ${res.status}.`);
    const text = await readCapped(res, opts.maxBytes ?? MAX_LIST_BYTES, () => controller.abort());
    let json: unknown;
    try { json = JSON.parse(text); } catch { throw new PhishingListError('The phishing list is not valid JSON.'); }
    return parsePhishingConfig(json, url).list;
  } catch (e) {
    if (controller.signal.aborted && !(e instanceof PhishingListError)) throw new PhishingListError('The phishing list did not arrive in time.');
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
