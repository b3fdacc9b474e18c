/**
 * The phishing check, pure. Same algorithm as `eth-phishing-detect` (whose CommonJS code is not bundled):
 * 1. the allowlist wins: a host equal to or under an allowlisted domain is never flagged;
 * 2. a host equal to or under a blocklisted domain is flagged;
 * 3. look-alike: the host without its TLD (the first "www." removed, as the package does) within `tolerance`
 *    edits (Levenshtein) of a fuzzylist name without its TLD is flagged.
 * On top of it, the user's "Continue anyway" exceptions (a host equal to or under one) are not flagged.
 */
import type { PhishingList } from './list';

export type PhishingCheck =
  | { result: false; type: 'allowlist' | 'none' }
  | { result: true; type: 'blocklist'; match: string }
  | { result: true; type: 'fuzzy'; match: string };

export type PhishingDetector = { list: PhishingList; check(host: string): PhishingCheck };

/** What `isPhishingOrigin` needs: the detector of the list in force and the user's exceptions. */
export type PhishingState = { detector: PhishingDetector; exceptions: readonly string[] };

/** Levenshtein distance, or `max + 1` as soon as it is known to exceed `max` (two rows, early exit). */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** The host and each parent domain: `a.b.c` → `a.b.c`, `b.c`, `c`. */
function* selfAndParents(host: string): Generator<string> {
  let rest = host;
  for (;;) {
    yield rest;
    const dot = rest.indexOf('.');
    if (dot === -1) return;
    rest = rest.slice(dot + 1);
  }
}

/** The first listed name among the host and its parent domains, if any. */
export function findListed(host: string, set: ReadonlySet<string>): string | undefined {
  for (const d of selfAndParents(host)) if (set.has(d)) return d;
  return undefined;
}

/** The package's fuzzy form: the name without its last label (the TLD). */
const withoutTld = (host: string): string => host.split('.').slice(0, -1).join('.');

/** Lower-case, no trailing dot (a URL's hostname is already lower-case ASCII). */
export const normalizeHost = (host: string): string => host.trim().toLowerCase().replace(/\.$/, '');

export function createPhishingDetector(list: PhishingList): PhishingDetector {
  const allow = new Set(list.allowlist);
  const block = new Set(list.blocklist);
  const fuzzy = list.fuzzylist.map((d) => ({ domain: d, form: withoutTld(d) }));
  return {
    list,
    check(rawHost) {
      const host = normalizeHost(rawHost);
      if (!host) return { result: false, type: 'none' };
      if (findListed(host, allow)) return { result: false, type: 'allowlist' };
      const blocked = findListed(host, block);
      if (blocked) return { result: true, type: 'blocklist', match: blocked };
      if (list.tolerance > 0) {
        const form = withoutTld(host).replace('www.', '');
        const near = fuzzy.find((f) => boundedLevenshtein(form, f.form, list.tolerance) <= list.tolerance);
        if (near) return { result: true, type: 'fuzzy', match: near.domain };
      }
      return { result: false, type: 'none' };
    },
  };
}

/** The hostname of an http(s) origin or URL; null for anything else. */
export function hostOf(originOrUrl: string): string | null {
  try {
    const u = new URL(originOrUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? normalizeHost(u.hostname) : null;
  } catch {
    return null;
  }
}

/** Whether the user chose "Continue anyway" for this host (or a parent domain of it). */
export function isException(host: string, exceptions: readonly string[]): boolean {
  return findListed(host, new Set(exceptions)) !== undefined;
}

/**
 * The router's question: is this dapp origin a listed (or look-alike) phishing site the user has not chosen to
 * continue to? Pure; `state` comes from the phishing guard. Non-http(s) origins are never phishing here.
 */
export function isPhishingOrigin(origin: string, state: PhishingState): boolean {
  const host = hostOf(origin);
  if (!host) return false;
  if (isException(host, state.exceptions)) return false;
  return state.detector.check(host).result;
}
