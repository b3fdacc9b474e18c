/**
 * The phishing list as Meridian keeps it: the data of `eth-phishing-detect` (`{ version, tolerance, fuzzylist,
 * whitelist, blacklist }`, or the newer names `allowlist` / `blocklist`), checked and compacted. Used for the copy
 * bundled at build time and for every list fetched from the user's update URL, so both pass the same checks.
 */

export type PhishingList = {
  /** Where it came from: `eth-phishing-detect@<version>` for the bundled copy, the update URL for a fetched one. */
  source: string;
  /** The list's own `version` field, as text ('' when it has none). */
  version: string;
  /** Largest Levenshtein distance to a fuzzylist name that counts as a look-alike (0 turns the check off). */
  tolerance: number;
  /** Names that scammers imitate (the look-alike check compares against these). */
  fuzzylist: string[];
  /** Known good domains: a domain on it (or under it) is never flagged. */
  allowlist: string[];
  /** Known scam domains: a domain on it (or under it) is flagged. */
  blocklist: string[];
};

export class PhishingListError extends Error {}

/** The package's default when a list has no `tolerance`. */
export const DEFAULT_TOLERANCE = 3;
/** Per list; the bundled blocklist has ~14k names. More is refused, not cut (a cut list would be silently partial). */
export const MAX_LIST_ENTRIES = 250_000;

// Lower-case ASCII labels (letters, digits, inner hyphens; punycode for IDNs), at least two labels: what
// `declarativeNetRequest` accepts in `requestDomains` and what a URL's hostname can be.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);

/** Lower-case, without a trailing dot; null when it is not a plain domain name. */
export function normalizeDomain(raw: string): string | null {
  const d = raw.trim().toLowerCase().replace(/\.$/, '');
  return DOMAIN.test(d) ? d : null;
}

function domainList(raw: unknown, field: string, required: boolean): { list: string[]; dropped: number } {
  if (raw === undefined && !required) return { list: [], dropped: 0 };
  if (!Array.isArray(raw)) throw new PhishingListError(`The phishing list has no "${field}" array.`);
  if (raw.length > MAX_LIST_ENTRIES) throw new PhishingListError(`The phishing list's "${field}" has ${raw.length} entries (at most ${MAX_LIST_ENTRIES}).`);
  const out = new Set<string>();
  let dropped = 0;
  for (const entry of raw) {
    if (typeof entry !== 'string') throw new PhishingListError(`The phishing list's "${field}" holds a value that is not text.`);
    const d = normalizeDomain(entry);
    if (d) out.add(d);
    else dropped++;
  }
  return { list: [...out].sort(), dropped };
}

/**
 * Check a list in the package's shape and return it compacted (normalised, deduplicated, sorted). Entries that
 * are not domain names (the 1.2.0 data has four: `com12786312634`, `ether_promo.kissr.com`, …) are dropped and
 * counted; anything else out of shape throws PhishingListError.
 */
export function parsePhishingConfig(raw: unknown, source: string): { list: PhishingList; dropped: number } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PhishingListError('The phishing list is not a JSON object.');
  const o = raw as Record<string, unknown>;
  const tolerance = o.tolerance === undefined ? DEFAULT_TOLERANCE : o.tolerance;
  if (typeof tolerance !== 'number' || !Number.isInteger(tolerance) || tolerance < 0 || tolerance > 10) {
    throw new PhishingListError('The phishing list\'s "tolerance" is not a whole number from 0 to 10.');
  }
  const version = typeof o.version === 'number' || typeof o.version === 'string' ? String(o.version).slice(0, 64) : '';
  const block = domainList(o.blacklist ?? o.blocklist, 'blacklist', true);
  if (block.list.length === 0) throw new PhishingListError('The phishing list\'s "blacklist" is empty.');
  const allow = domainList(o.whitelist ?? o.allowlist, 'whitelist', false);
  const fuzzy = domainList(o.fuzzylist, 'fuzzylist', false);
  return {
    list: { source, version, tolerance, fuzzylist: fuzzy.list, allowlist: allow.list, blocklist: block.list },
    dropped: block.dropped + allow.dropped + fuzzy.dropped,
  };
}

/** A stored or bundled list read back: the same checks (a damaged stored list is not used). */
export function readPhishingList(raw: unknown): PhishingList | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Partial<PhishingList>;
  if (typeof o.source !== 'string') return null;
  try {
    return parsePhishingConfig({ version: o.version, tolerance: o.tolerance, fuzzylist: o.fuzzylist, whitelist: o.allowlist, blacklist: o.blocklist }, o.source).list;
  } catch {
    return null;
  }
}
