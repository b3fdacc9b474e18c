// The one navigation rule: exact shape, the allowlist winning, exceptions, and the bundled list's numbers.
import { describe, expect, it } from 'vitest';
import { buildPhishingRule, PHISHING_RULE_ID, ruleSignature } from '../../../../src/background/phishing/rule';
import { bundled, small } from './fixtures';

const PAGE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/phishing.html';

describe('buildPhishingRule', () => {
  it('redirects top-level navigations to the listed domains to the warning page with the URL after #', () => {
    expect(buildPhishingRule(small(), [], PAGE)).toEqual({
      id: PHISHING_RULE_ID,
      priority: 1,
      condition: {
        regexFilter: '^.+$',
        // both.com (on both lists) and sub.metamask.io (under allowlisted metamask.io) are left out
        requestDomains: ['evil-parent.com', 'scam.example'],
        // an allowlisted name under a blocked domain
        excludedRequestDomains: ['good.evil-parent.com'],
        resourceTypes: ['main_frame'],
      },
      action: { type: 'redirect', redirect: { regexSubstitution: `${PAGE}#\\0` } },
    });
  });

  it('adds the user’s exceptions to excludedRequestDomains (sorted)', () => {
    expect(buildPhishingRule(small(), ['scam.example', 'a.evil-parent.com'], PAGE)?.condition.excludedRequestDomains)
      .toEqual(['a.evil-parent.com', 'good.evil-parent.com', 'scam.example']);
  });

  it('has no excludedRequestDomains when there is nothing to exclude (Chrome refuses an empty list)', () => {
    const list = { ...small(), allowlist: [] };
    expect(buildPhishingRule(list, [], PAGE)?.condition).toEqual({ regexFilter: '^.+$', requestDomains: ['both.com', 'evil-parent.com', 'scam.example', 'sub.metamask.io'], resourceTypes: ['main_frame'] });
  });

  it('is null when the allowlist covers every blocked name (Chrome refuses an empty requestDomains)', () => {
    expect(buildPhishingRule({ ...small(), blocklist: ['both.com'] }, [], PAGE)).toBeNull();
  });

  it('bundled list: 13,737 of 13,748 names in one rule (11 are on or under the allowlist), 9 allowlisted subdomains excluded', () => {
    const rule = buildPhishingRule(bundled(), [], PAGE)!;
    expect(rule.condition.requestDomains.length).toBe(13_737);
    for (const d of ['metmask.com', 'spi.club', 'coinbased.xyz', 'cpanel.coinbased.xyz', 'airdrop.updog.co']) expect(rule.condition.requestDomains).not.toContain(d);
    expect(rule.condition.requestDomains).toContain('azukishop.live');
    expect(rule.condition.excludedRequestDomains).toEqual([
      'daddys-digest.sadek.usermd.net', 'damii.usermd.net', 'imagine.usermd.net', 'krr.usermd.net', 'prezenty.tomu.usermd.net',
      'revigo.fanclub.rocks', 'strzelcu.usermd.net', 'token.usermd.net', 'wbored2.usermd.net',
    ]);
  });
});

describe('ruleSignature', () => {
  it('changes with the list, its fetch time, the exceptions and the page; not with the exceptions’ order', () => {
    const base = ruleSignature(small(), null, ['a.com', 'b.com'], PAGE);
    expect(ruleSignature(small(), null, ['b.com', 'a.com'], PAGE)).toBe(base);
    expect(new Set([
      base,
      ruleSignature(small(), 5, ['a.com', 'b.com'], PAGE),
      ruleSignature(small(), null, ['a.com'], PAGE),
      ruleSignature(small(), null, ['a.com', 'b.com'], `${PAGE}x`),
      ruleSignature({ ...small(), version: '8' }, null, ['a.com', 'b.com'], PAGE),
    ]).size).toBe(5);
  });
});
