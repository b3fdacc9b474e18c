// The list's shape check and compaction, on the real package data and on broken inputs.
import { describe, expect, it } from 'vitest';
import { MAX_LIST_ENTRIES, normalizeDomain, parsePhishingConfig, readPhishingList } from '../../../../src/background/phishing/list';
import { bundled, packageConfig, packageVersion } from './fixtures';

describe('the bundled eth-phishing-detect data', () => {
  it('is version 1.2.0 and compacts to 13,748 blocked, 1,138 allowed and 15 look-alike targets (4 non-domains dropped)', () => {
    expect(packageVersion).toBe('1.2.0');
    const { list, dropped } = parsePhishingConfig(packageConfig, 'eth-phishing-detect@1.2.0');
    expect(dropped).toBe(4);
    expect([list.blocklist.length, list.allowlist.length, list.fuzzylist.length, list.tolerance, list.version]).toEqual([13_748, 1_138, 15, 2, '2']);
    expect(list.blocklist).not.toContain('ether_promo.kissr.com');
    expect(list.blocklist).not.toContain('com12786312634');
    expect(list.blocklist).toContain('azukishop.live');
    expect([...list.blocklist].sort()).toEqual(list.blocklist); // sorted, so the file is stable
  });

  it('reads back identical after a JSON round trip (what dist/ and storage hold)', () => {
    const list = bundled();
    expect(readPhishingList(JSON.parse(JSON.stringify(list)))).toEqual(list);
  });
});

describe('parsePhishingConfig', () => {
  const ok = { blacklist: ['Scam.Example.', 'scam.example', 'bad_name.example', 'a.b'], whitelist: ['good.example'], fuzzylist: ['target.io'] };

  it('normalises (lower case, no trailing dot), deduplicates, drops non-domains, defaults tolerance to 3', () => {
    expect(parsePhishingConfig(ok, 'src')).toEqual({
      list: { source: 'src', version: '', tolerance: 3, fuzzylist: ['target.io'], allowlist: ['good.example'], blocklist: ['a.b', 'scam.example'] },
      dropped: 1,
    });
  });

  it('accepts the newer names allowlist / blocklist', () => {
    expect(parsePhishingConfig({ blocklist: ['x.example'], allowlist: ['y.example'], tolerance: 0, version: 'v9' }, 's').list)
      .toEqual({ source: 's', version: 'v9', tolerance: 0, fuzzylist: [], allowlist: ['y.example'], blocklist: ['x.example'] });
  });

  it.each([
    ['not an object', [], 'The phishing list is not a JSON object.'],
    ['null', null, 'The phishing list is not a JSON object.'],
    ['no blacklist', { whitelist: [] }, 'The phishing list has no "blacklist" array.'],
    ['blacklist not an array', { blacklist: 'a.com' }, 'The phishing list has no "blacklist" array.'],
    ['a number in a list', { blacklist: ['a.com', 5] }, 'The phishing list\'s "blacklist" holds a value that is not text.'],
    ['empty after dropping', { blacklist: ['nodot', '-bad-.com'] }, 'The phishing list\'s "blacklist" is empty.'],
    ['fractional tolerance', { blacklist: ['a.com'], tolerance: 1.5 }, 'The phishing list\'s "tolerance" is not a whole number from 0 to 10.'],
    ['huge tolerance', { blacklist: ['a.com'], tolerance: 11 }, 'The phishing list\'s "tolerance" is not a whole number from 0 to 10.'],
    ['whitelist of objects', { blacklist: ['a.com'], whitelist: [{}] }, 'The phishing list\'s "whitelist" holds a value that is not text.'],
  ])('refuses %s', (_name, raw, message) => {
    expect(() => parsePhishingConfig(raw, 's')).toThrow(message);
  });

  it(`refuses a list of more than ${MAX_LIST_ENTRIES} entries instead of cutting it`, () => {
    const big = Array.from({ length: MAX_LIST_ENTRIES + 1 }, (_, i) => `d${i}.example`);
    expect(() => parsePhishingConfig({ blacklist: big }, 's')).toThrow(`The phishing list's "blacklist" has ${MAX_LIST_ENTRIES + 1} entries (at most ${MAX_LIST_ENTRIES}).`);
  });

  it('readPhishingList: a damaged stored copy reads as null', () => {
    expect(readPhishingList({ source: 's', blocklist: 'x' })).toBeNull();
    expect(readPhishingList({ blocklist: ['a.com'] })).toBeNull();
    expect(readPhishingList('x')).toBeNull();
  });

  it('normalizeDomain keeps punycode and refuses labels DNR would refuse', () => {
    expect(normalizeDomain('xn--myeterwalet-cm8eoi.com')).toBe('xn--myeterwalet-cm8eoi.com');
    expect(normalizeDomain('EXAMPLE.com.')).toBe('example.com');
    expect([normalizeDomain('a..com'), normalizeDomain('-a.com'), normalizeDomain('a.com/path'), normalizeDomain('a.com:80'), normalizeDomain('münchen.de')]).toEqual([null, null, null, null, null]);
  });
});
