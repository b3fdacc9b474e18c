// The phishing check: the package's algorithm (allowlist wins, parent-domain match, look-alikes within tolerance),
// checked against the package's own detector on thousands of hosts, and the user's exceptions on top.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedLevenshtein, createPhishingDetector, isPhishingOrigin } from '../../../../src/background/phishing/detector';
import { bundled, PackageDetector, packageConfig, small } from './fixtures';

/** Plain Levenshtein, the textbook way. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe('boundedLevenshtein', () => {
  it('exact values', () => {
    expect(boundedLevenshtein('metamask', 'metamask', 2)).toBe(0);
    expect(boundedLevenshtein('metamaks', 'metamask', 2)).toBe(2);
    expect(boundedLevenshtein('opensea', 'openseas', 2)).toBe(1);
    expect(boundedLevenshtein('kitten', 'sitting', 5)).toBe(3);
    expect(boundedLevenshtein('kitten', 'sitting', 2)).toBe(3); // over the bound: max + 1
    expect(boundedLevenshtein('', 'abc', 3)).toBe(3);
  });

  it('equals min(levenshtein, max + 1) on any strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 5 }), (a, b, max) => {
      expect(boundedLevenshtein(a, b, max)).toBe(Math.min(levenshtein(a, b), max + 1));
    }), { numRuns: 500 });
  });
});

describe('createPhishingDetector (small list)', () => {
  const d = createPhishingDetector(small());
  it.each([
    ['scam.example', { result: true, type: 'blocklist', match: 'scam.example' }],
    ['deep.sub.scam.example', { result: true, type: 'blocklist', match: 'scam.example' }],
    ['SCAM.example.', { result: true, type: 'blocklist', match: 'scam.example' }],
    ['notscam.example', { result: false, type: 'none' }],
    ['evil-parent.com', { result: true, type: 'blocklist', match: 'evil-parent.com' }],
    ['good.evil-parent.com', { result: false, type: 'allowlist' }], // allowlist wins over a blocked parent
    ['both.com', { result: false, type: 'allowlist' }], // on both lists
    ['sub.metamask.io', { result: false, type: 'allowlist' }], // blocked, but under an allowlisted domain
    ['metamask.io', { result: false, type: 'allowlist' }],
    ['metamasl.com', { result: true, type: 'fuzzy', match: 'metamask.io' }], // 1 edit, other TLD
    ['www.metamsk.net', { result: true, type: 'fuzzy', match: 'metamask.io' }], // www. stripped, 1 edit
    ['openseas.io', { result: true, type: 'fuzzy', match: 'opensea.io' }],
    ['metamaskkk.io', { result: true, type: 'fuzzy', match: 'metamask.io' }], // 2 edits: within tolerance 2
  ])('%s', (host, expected) => {
    expect(d.check(host)).toEqual(expected);
  });

  it('3 edits is outside tolerance 2', () => {
    expect(d.check('metamaskkkk.io')).toEqual({ result: false, type: 'none' });
    expect(d.check('example.org')).toEqual({ result: false, type: 'none' });
  });

  it('tolerance 0 turns the look-alike check off', () => {
    const off = createPhishingDetector({ ...small(), tolerance: 0 });
    expect(off.check('metamasl.com')).toEqual({ result: false, type: 'none' });
    expect(off.check('scam.example')).toEqual({ result: true, type: 'blocklist', match: 'scam.example' });
  });
});

describe('against the package’s own detector (eth-phishing-detect 1.2.0, same data)', () => {
  // The package compares each host with every list entry (slow): every 8th blocked name, all the rest.
  it('gives the same verdict on blocked names, a subdomain and a near miss of each, the allowlist and look-alikes', () => {
    const ours = createPhishingDetector(bundled());
    const theirs = new PackageDetector(packageConfig);
    const valid = (h: string) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h);
    const hosts = new Set<string>();
    for (const b of packageConfig.blacklist.filter((b, i) => valid(b) && i % 8 === 0)) { hosts.add(b); hosts.add(`www.${b}`); hosts.add(`x${b}`); }
    for (const w of packageConfig.whitelist) { hosts.add(w); hosts.add(`a.${w}`); hosts.add(w.replace(/^./, 'q')); }
    for (const f of packageConfig.fuzzylist) { hosts.add(f.replace(/.(?=\.)/, '')); hosts.add(f.replace('.', 'x.')); hosts.add(f.replace('.', 'xyz.')); hosts.add(`www.${f.replace(/^./, '')}`); }
    for (const h of ['127.0.0.1', 'localhost', 'example.com', 'uniswap.org', 'dapp.example']) hosts.add(h);
    let flagged = 0;
    let fuzzy = 0;
    for (const h of hosts) {
      const a = ours.check(h);
      const b = theirs.check(h);
      expect([h, a.result], h).toEqual([h, b.result]);
      if (a.result) flagged++;
      if (a.type === 'fuzzy') { fuzzy++; expect(a.match).toBe(b.match); }
    }
    expect([hosts.size, flagged, fuzzy]).toEqual([8_601, 3_905, 346]);
  });
});

describe('isPhishingOrigin', () => {
  const state = { detector: createPhishingDetector(small()), exceptions: [] as string[] };
  it('looks at the host of an http(s) origin, any port', () => {
    expect(isPhishingOrigin('https://scam.example', state)).toBe(true);
    expect(isPhishingOrigin('http://app.scam.example:8080', state)).toBe(true);
    expect(isPhishingOrigin('https://openseas.io', state)).toBe(true);
    expect(isPhishingOrigin('https://metamask.io', state)).toBe(false);
    expect(isPhishingOrigin('http://127.0.0.1:5173', state)).toBe(false);
    expect(isPhishingOrigin('http://localhost:5173', state)).toBe(false);
  });
  it('never flags what is not an http(s) origin', () => {
    expect(isPhishingOrigin('chrome-extension://scam.example', state)).toBe(false);
    expect(isPhishingOrigin('not a url', state)).toBe(false);
  });
  it('a "Continue anyway" exception clears the host and its subdomains, not its parent', () => {
    const s = { ...state, exceptions: ['app.scam.example'] };
    expect(isPhishingOrigin('https://app.scam.example', s)).toBe(false);
    expect(isPhishingOrigin('https://x.app.scam.example', s)).toBe(false);
    expect(isPhishingOrigin('https://scam.example', s)).toBe(true);
    expect(isPhishingOrigin('https://other.scam.example', s)).toBe(true);
  });
});
