// The phishing guard with fakes for storage, alarms, fetch and declarativeNetRequest: which list is in force,
// when the rule is (re)installed, "Continue anyway", and the update path (off by default: no request at all).
import { describe, expect, it, vi } from 'vitest';
import { createPhishingGuard, PHISHING_KEYS, PHISHING_UPDATE_ALARM, UPDATE_INTERVAL_MS } from '../../../../src/background/phishing/guard';
import type { PhishingRule } from '../../../../src/background/phishing/rule';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { fakeFetch, small, smallConfig } from './fixtures';

const PAGE = 'chrome-extension://id/phishing.html';
const LIST_URL = 'https://lists.example/config.json';

function env(opts: { fetch?: ReturnType<typeof fakeFetch>; local?: ReturnType<typeof createMemoryStorage>; rules?: Map<number, PhishingRule> } = {}) {
  let t = 1_000_000;
  const local = opts.local ?? createMemoryStorage();
  const rules = opts.rules ?? new Map<number, PhishingRule>();
  const replaced: Array<PhishingRule | null> = [];
  const alarms: Array<[string, number] | [string]> = [];
  const fetch = opts.fetch ?? { fetch: async () => { throw new Error('no request may be made'); }, calls: [] };
  let bundledLoads = 0;
  const guard = createPhishingGuard({
    local, now: () => t,
    alarms: { schedule: async (n, w) => { alarms.push([n, w]); }, clear: async (n) => { alarms.push([n]); } },
    fetch: fetch.fetch,
    loadBundled: async () => { bundledLoads++; return JSON.parse(JSON.stringify(small())); },
    warningPageUrl: PAGE,
    dnr: {
      ruleIds: async () => [...rules.keys()],
      replace: async (id, rule) => { rules.delete(id); if (rule) rules.set(rule.id, rule); replaced.push(rule); },
    },
  });
  return { guard, local, rules, replaced, alarms, fetch, advance: (ms: number) => { t += ms; }, now: () => t, bundledLoads: () => bundledLoads };
}

describe('start', () => {
  it('installs the rule from the bundled list, makes no request and schedules no update (no URL by default)', async () => {
    const e = env();
    await e.guard.start();
    expect(e.replaced.length).toBe(1);
    expect(e.rules.get(1)?.condition.requestDomains).toEqual(['evil-parent.com', 'scam.example']);
    expect(e.rules.get(1)?.action.redirect.regexSubstitution).toBe(`${PAGE}#\\0`);
    expect(e.alarms).toEqual([[PHISHING_UPDATE_ALARM]]); // cleared, never scheduled
    expect(e.fetch.calls).toEqual([]);
    expect(await e.guard.status()).toEqual({
      updateUrl: null, source: 'test', version: '7', blocked: 4, fetchedAt: null, lastAttemptAt: null, lastError: null, exceptions: [],
    });
  });

  it('a restarted worker does not reinstall an unchanged rule, but does when the rule went missing', async () => {
    const local = createMemoryStorage();
    const rules = new Map<number, PhishingRule>();
    await env({ local, rules }).guard.start();
    const second = env({ local, rules });
    await second.guard.start();
    expect(second.replaced).toEqual([]);
    rules.clear();
    const third = env({ local, rules });
    await third.guard.start();
    expect(third.replaced.length).toBe(1);
    expect(rules.has(1)).toBe(true);
  });

  it('loads the bundled list once per worker', async () => {
    const e = env();
    await e.guard.start();
    await e.guard.isPhishingOrigin('https://scam.example');
    await e.guard.isPhishingOrigin('https://ok.example');
    expect(e.bundledLoads()).toBe(1);
  });
});

describe('isPhishingOrigin and "Continue anyway"', () => {
  it('flags listed and look-alike origins; after continueTo the host (only) is an exception and the rule excludes it', async () => {
    const e = env();
    await e.guard.start();
    expect(await e.guard.isPhishingOrigin('https://app.scam.example')).toBe(true);
    expect(await e.guard.isPhishingOrigin('https://openseas.io')).toBe(true);
    expect(await e.guard.continueTo('https://app.scam.example/path?q=1#h')).toBe('https://app.scam.example/path?q=1#h');
    expect(e.local.dump()[PHISHING_KEYS.exceptions]).toEqual(['app.scam.example']);
    expect(e.rules.get(1)?.condition.excludedRequestDomains).toEqual(['app.scam.example', 'good.evil-parent.com']);
    expect(e.replaced.length).toBe(2);
    expect(await e.guard.isPhishingOrigin('https://app.scam.example')).toBe(false);
    expect(await e.guard.isPhishingOrigin('https://scam.example')).toBe(true);
    // a second time changes nothing
    await e.guard.continueTo('https://app.scam.example/other');
    expect(e.replaced.length).toBe(2);
  });

  it('after the storage was cleared (Reset wallet) the exceptions are gone from memory and from the rule', async () => {
    const e = env();
    await e.guard.start();
    await e.guard.continueTo('https://scam.example/');
    await e.local.remove(Object.keys(e.local.dump()));
    await e.guard.afterStorageCleared();
    expect(await e.guard.isPhishingOrigin('https://scam.example')).toBe(true);
    expect(e.rules.get(1)?.condition.excludedRequestDomains).toEqual(['good.evil-parent.com']);
    expect(e.replaced.length).toBe(3);
  });

  it('continueTo a host that is not flagged stores nothing; a non-http(s) URL is refused', async () => {
    const e = env();
    await e.guard.start();
    expect(await e.guard.continueTo('https://fine.example/')).toBe('https://fine.example/');
    expect(e.local.dump()[PHISHING_KEYS.exceptions]).toBeUndefined();
    await expect(e.guard.continueTo('javascript:alert(1)')).rejects.toThrow('Only http and https addresses can be opened.');
  });

  it('a broken bundled list fails open for the router (false), and the rule sync reports it', async () => {
    const e = env();
    const broken = createPhishingGuard({
      local: e.local, now: e.now, alarms: { schedule: async () => {}, clear: async () => {} }, fetch: e.fetch.fetch,
      loadBundled: async () => ({ nope: true }), warningPageUrl: PAGE, dnr: { ruleIds: async () => [], replace: async () => {} },
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await broken.isPhishingOrigin('https://scam.example')).toBe(false);
    expect(logged.mock.calls.map((c) => [c[0], (c[1] as Error).message])).toEqual([['phishing list unavailable', 'The bundled phishing list is missing or damaged.']]);
    logged.mockRestore();
    await expect(broken.start()).rejects.toThrow('The bundled phishing list is missing or damaged.');
  });
});

describe('update path', () => {
  const newer = { ...smallConfig, version: 8, blacklist: ['fresh-scam.example'] };

  it('setUpdateUrl schedules a fetch at once; update stores the list with its time, and the rule and check use it', async () => {
    const e = env({ fetch: fakeFetch({ body: JSON.stringify(newer) }) });
    await e.guard.start();
    await e.guard.setUpdateUrl(LIST_URL);
    expect(e.alarms.at(-1)).toEqual([PHISHING_UPDATE_ALARM, e.now()]);
    e.advance(5_000);
    expect(await e.guard.update()).toEqual({ ok: true });
    expect(e.fetch.calls.map((c) => c.url)).toEqual([LIST_URL]);
    const stored = e.local.dump()[PHISHING_KEYS.fetched] as { url: string; fetchedAt: number; list: { blocklist: string[] } };
    expect([stored.url, stored.fetchedAt, stored.list.blocklist]).toEqual([LIST_URL, e.now(), ['fresh-scam.example']]);
    expect(e.rules.get(1)?.condition.requestDomains).toEqual(['fresh-scam.example']);
    expect(await e.guard.isPhishingOrigin('https://fresh-scam.example')).toBe(true);
    expect(await e.guard.isPhishingOrigin('https://scam.example')).toBe(false);
    expect(e.alarms.at(-1)).toEqual([PHISHING_UPDATE_ALARM, e.now() + UPDATE_INTERVAL_MS]);
    expect(await e.guard.status()).toEqual({
      updateUrl: LIST_URL, source: LIST_URL, version: '8', blocked: 1, fetchedAt: e.now(), lastAttemptAt: e.now(), lastError: null, exceptions: [],
    });
  });

  it('a failed update keeps the list in force (bundled here) and records the error and time', async () => {
    const e = env({ fetch: fakeFetch({ body: '{"blacklist": 5}' }) });
    await e.guard.start();
    await e.guard.setUpdateUrl(LIST_URL);
    expect(await e.guard.update()).toEqual({ ok: false, error: 'The phishing list has no "blacklist" array.' });
    expect(await e.guard.isPhishingOrigin('https://scam.example')).toBe(true);
    expect(e.rules.get(1)?.condition.requestDomains).toEqual(['evil-parent.com', 'scam.example']);
    const s = await e.guard.status();
    expect([s.source, s.lastAttemptAt, s.lastError]).toEqual(['test', e.now(), 'The phishing list has no "blacklist" array.']);
    expect(e.alarms.at(-1)).toEqual([PHISHING_UPDATE_ALARM, e.now() + UPDATE_INTERVAL_MS]);
  });

  it('a restarted worker uses the stored list and schedules the next update a day after the last attempt', async () => {
    const local = createMemoryStorage();
    const first = env({ local, fetch: fakeFetch({ body: JSON.stringify(newer) }) });
    await first.guard.setUpdateUrl(LIST_URL);
    await first.guard.update();
    const second = env({ local });
    second.advance(60_000);
    await second.guard.start();
    expect(await second.guard.isPhishingOrigin('https://fresh-scam.example')).toBe(true);
    expect(second.bundledLoads()).toBe(0);
    expect(second.alarms).toEqual([[PHISHING_UPDATE_ALARM, first.now() + UPDATE_INTERVAL_MS]]);
  });

  it('clearing or changing the URL drops the fetched list (the bundled one is in force again) and stops updates', async () => {
    const e = env({ fetch: fakeFetch({ body: JSON.stringify(newer) }) });
    await e.guard.setUpdateUrl(LIST_URL);
    await e.guard.update();
    await e.guard.setUpdateUrl(null);
    expect(e.local.dump()[PHISHING_KEYS.fetched]).toBeUndefined();
    expect(await e.guard.isPhishingOrigin('https://scam.example')).toBe(true);
    expect(e.rules.get(1)?.condition.requestDomains).toEqual(['evil-parent.com', 'scam.example']);
    expect(e.alarms.at(-1)).toEqual([PHISHING_UPDATE_ALARM]);
    expect(await e.guard.update()).toEqual({ ok: false, error: 'No update address is set.' });
    expect(e.fetch.calls.length).toBe(1);
  });

  it('a stored list fetched from another URL than the one set now is not used', async () => {
    const local = createMemoryStorage({
      [PHISHING_KEYS.settings]: { updateUrl: 'https://other.example/list.json' },
      [PHISHING_KEYS.fetched]: { url: LIST_URL, fetchedAt: 5, list: { ...small(), source: LIST_URL, blocklist: ['fresh-scam.example'] } },
    });
    const e = env({ local });
    expect(await e.guard.isPhishingOrigin('https://fresh-scam.example')).toBe(false);
    expect(await e.guard.isPhishingOrigin('https://scam.example')).toBe(true);
    expect(e.bundledLoads()).toBe(1);
  });

  it('refuses a plain-http update URL', async () => {
    await expect(env().guard.setUpdateUrl('http://lists.example/l.json')).rejects.toThrow('The phishing list address must use HTTPS.');
  });
});
