/**
 * The one `declarativeNetRequest` dynamic rule that sends a top-level navigation to a listed domain to the
 * extension's warning page, the blocked URL after `#` (`regexSubstitution` `\0` = the whole URL).
 *
 * - `requestDomains` matches the domain and its subdomains, like the blocklist. Blocklisted names that are
 *   themselves on (or under) the allowlist are left out: the allowlist wins.
 * - `excludedRequestDomains`: the user's "Continue anyway" hosts, and allowlisted names under a blocked domain.
 * - Chrome has no limit on the number of domains in a rule (one rule of 400k domains installs, in ~6 s); the
 *   bundled ~14k take ~0.25 s, so the rule is replaced only when its inputs change (see `ruleSignature`). It is
 *   one redirect (an "unsafe" dynamic rule, limit 5,000) using one regex (limit 1,000).
 */
import { findListed } from './detector';
import type { PhishingList } from './list';

export const PHISHING_RULE_ID = 1;

/** The rule in the shape of `chrome.declarativeNetRequest.Rule` (kept here without the chrome types). */
export type PhishingRule = {
  id: number;
  priority: number;
  condition: { regexFilter: string; requestDomains: string[]; excludedRequestDomains?: string[]; resourceTypes: ['main_frame'] };
  action: { type: 'redirect'; redirect: { regexSubstitution: string } };
};

/** The rule for this list and these exceptions; null when nothing is left to block. */
export function buildPhishingRule(list: PhishingList, exceptions: readonly string[], warningPageUrl: string): PhishingRule | null {
  const allow = new Set(list.allowlist);
  const requestDomains = list.blocklist.filter((d) => !findListed(d, allow));
  if (requestDomains.length === 0) return null;
  const blocked = new Set(requestDomains);
  const excluded = new Set(exceptions);
  for (const a of list.allowlist) if (findListed(a, blocked)) excluded.add(a);
  const condition: PhishingRule['condition'] = { regexFilter: '^.+$', requestDomains, resourceTypes: ['main_frame'] };
  if (excluded.size > 0) condition.excludedRequestDomains = [...excluded].sort();
  return {
    id: PHISHING_RULE_ID,
    priority: 1,
    condition,
    action: { type: 'redirect', redirect: { regexSubstitution: `${warningPageUrl}#\\0` } },
  };
}

/** What the installed rule was built from; the rule is reinstalled only when this changes. */
export function ruleSignature(list: PhishingList, fetchedAt: number | null, exceptions: readonly string[], warningPageUrl: string): string {
  return JSON.stringify([list.source, list.version, fetchedAt, list.blocklist.length, list.allowlist.length, [...exceptions].sort(), warningPageUrl]);
}
