/**
 * The phishing guard of the background: which list is in force (a fetched one from the user's update URL, else the
 * bundled copy), the user's "Continue anyway" exceptions, the navigation rule, and the update schedule.
 * Storage, alarms, fetch and the declarativeNetRequest calls are parameters, so all of it runs in Node.
 *
 * chrome.storage.local:
 * - `phishing:settings`   `{ updateUrl: string | null }` (default null: no request is ever made)
 * - `phishing:fetched`    `{ url, fetchedAt, list }` — used only while `url` is still the update URL
 * - `phishing:status`     `{ lastAttemptAt, lastError }` of the last update attempt
 * - `phishing:exceptions` hosts the user chose to continue to
 * - `phishing:rule`       the signature of the installed navigation rule
 */
import { InvalidParamsError } from '../../shared/errors';
import { createSerialQueue } from '../serialQueue';
import type { AlarmScheduler, StorageArea } from '../storageArea';
import { createPhishingDetector, hostOf, isException, isPhishingOrigin, type PhishingDetector } from './detector';
import { readPhishingList, type PhishingList } from './list';
import { buildPhishingRule, PHISHING_RULE_ID, ruleSignature, type PhishingRule } from './rule';
import { checkUpdateUrl, fetchPhishingList, type FetchLike } from './update';

export const PHISHING_KEYS = {
  settings: 'phishing:settings',
  fetched: 'phishing:fetched',
  status: 'phishing:status',
  exceptions: 'phishing:exceptions',
  rule: 'phishing:rule',
} as const;
export const PHISHING_UPDATE_ALARM = 'phishing:update';
export const UPDATE_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** The oldest exceptions are forgotten past this many. */
export const MAX_EXCEPTIONS = 1000;

export type PhishingSettings = { updateUrl: string | null };
type Fetched = { url: string; fetchedAt: number; list: PhishingList };
type Status = { lastAttemptAt: number; lastError: string | null };

/** The slice of `chrome.declarativeNetRequest` the guard uses. */
export type DnrApi = {
  /** The ids of the extension's dynamic rules. */
  ruleIds(): Promise<number[]>;
  /** Remove the rule `id` and add `rule` (when not null) in one update. */
  replace(id: number, rule: PhishingRule | null): Promise<void>;
};

export type PhishingStatus = {
  updateUrl: string | null;
  /** The list in force. */
  source: string;
  version: string;
  blocked: number;
  fetchedAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  exceptions: string[];
};

type Loaded = { list: PhishingList; fetchedAt: number | null; detector: PhishingDetector; exceptions: string[] };

export function createPhishingGuard(deps: {
  local: StorageArea;
  now: () => number;
  alarms: AlarmScheduler;
  dnr: DnrApi;
  fetch: FetchLike;
  /** The bundled list (`phishing-list.json` of dist/, in the compact shape). */
  loadBundled: () => Promise<unknown>;
  /** The extension's warning page, e.g. `chrome-extension://<id>/phishing.html`. */
  warningPageUrl: string;
}) {
  const { local, now, alarms, dnr } = deps;
  const serial = createSerialQueue();
  let loaded: Promise<Loaded> | null = null;
  let bundled: Promise<PhishingList> | null = null;

  const settings = async (): Promise<PhishingSettings> => {
    const s = await local.get<Partial<PhishingSettings>>(PHISHING_KEYS.settings);
    return { updateUrl: typeof s?.updateUrl === 'string' ? s.updateUrl : null };
  };
  const exceptions = async (): Promise<string[]> => {
    const e = await local.get<unknown>(PHISHING_KEYS.exceptions);
    return Array.isArray(e) ? e.filter((x): x is string => typeof x === 'string') : [];
  };

  function bundledList(): Promise<PhishingList> {
    bundled ??= deps.loadBundled().then((raw) => {
      const list = readPhishingList(raw);
      if (!list) throw new Error('The bundled phishing list is missing or damaged.');
      return list;
    });
    bundled.catch(() => { bundled = null; });
    return bundled;
  }

  async function load(): Promise<Loaded> {
    const [{ updateUrl }, fetchedRaw, exc] = await Promise.all([settings(), local.get<Partial<Fetched>>(PHISHING_KEYS.fetched), exceptions()]);
    const fetchedList = fetchedRaw && updateUrl && fetchedRaw.url === updateUrl && typeof fetchedRaw.fetchedAt === 'number' ? readPhishingList(fetchedRaw.list) : null;
    const list = fetchedList ?? (await bundledList());
    return { list, fetchedAt: fetchedList ? (fetchedRaw!.fetchedAt as number) : null, detector: createPhishingDetector(list), exceptions: exc };
  }

  /** The list in force and the exceptions (read once per worker, re-read after every change made here). */
  function state(): Promise<Loaded> {
    loaded ??= load();
    loaded.catch(() => { loaded = null; });
    return loaded;
  }
  const invalidate = () => { loaded = null; };

  /** Install (or replace, or remove) the navigation rule when what it is built from changed or it is missing. */
  const syncRule = () => serial(async () => {
    const s = await state();
    const sig = ruleSignature(s.list, s.fetchedAt, s.exceptions, deps.warningPageUrl);
    const [stored, ids] = await Promise.all([local.get<string>(PHISHING_KEYS.rule), dnr.ruleIds()]);
    const rule = buildPhishingRule(s.list, s.exceptions, deps.warningPageUrl);
    if (stored === sig && ids.includes(PHISHING_RULE_ID) === (rule !== null)) return;
    await dnr.replace(PHISHING_RULE_ID, rule);
    await local.set({ [PHISHING_KEYS.rule]: sig });
  });

  async function scheduleNext(): Promise<void> {
    const { updateUrl } = await settings();
    if (!updateUrl) { await alarms.clear(PHISHING_UPDATE_ALARM); return; }
    const status = await local.get<Partial<Status>>(PHISHING_KEYS.status);
    const last = typeof status?.lastAttemptAt === 'number' ? status.lastAttemptAt : null;
    await alarms.schedule(PHISHING_UPDATE_ALARM, last === null ? now() : Math.max(now(), last + UPDATE_INTERVAL_MS));
  }

  return {
    state,

    /** For the dapp router: a broken list never blocks every site (fails open, logged). */
    async isPhishingOrigin(origin: string): Promise<boolean> {
      try {
        return isPhishingOrigin(origin, await state());
      } catch (e) {
        console.error('phishing list unavailable', e);
        return false;
      }
    },

    /** At worker start: the rule as the list and exceptions say, and the next update (if any) scheduled. */
    async start(): Promise<void> {
      await syncRule();
      await scheduleNext();
    },

    syncRule,

    /** After chrome.storage.local was cleared (Reset wallet): forget the exceptions in memory and in the rule. */
    async afterStorageCleared(): Promise<void> {
      invalidate();
      await syncRule();
    },

    /**
     * "Continue anyway" on the warning page: the host of `url` becomes an exception (when it is flagged at all),
     * the rule is updated before this returns, and the URL to open is returned (http(s) only).
     */
    async continueTo(url: string): Promise<string> {
      const host = hostOf(url);
      if (!host) throw new InvalidParamsError('Only http and https addresses can be opened.');
      const s = await state();
      if (!isException(host, s.exceptions) && s.detector.check(host).result) {
        await local.set({ [PHISHING_KEYS.exceptions]: [...s.exceptions.filter((e) => e !== host), host].slice(-MAX_EXCEPTIONS) });
        invalidate();
        await syncRule();
      }
      return new URL(url).href;
    },

    async status(): Promise<PhishingStatus> {
      const [s, { updateUrl }, st] = await Promise.all([state(), settings(), local.get<Partial<Status>>(PHISHING_KEYS.status)]);
      return {
        updateUrl, source: s.list.source, version: s.list.version, blocked: s.list.blocklist.length, fetchedAt: s.fetchedAt,
        lastAttemptAt: typeof st?.lastAttemptAt === 'number' ? st.lastAttemptAt : null,
        lastError: typeof st?.lastError === 'string' ? st.lastError : null,
        exceptions: s.exceptions,
      };
    },

    /**
     * Set (or clear, with null) the update URL. A list fetched from another URL stops counting (the bundled one is
     * in force until the new URL answers); the first fetch is scheduled at once.
     */
    async setUpdateUrl(raw: string | null): Promise<void> {
      const updateUrl = raw === null || raw.trim() === '' ? null : checkUpdateUrl(raw);
      if (updateUrl === (await settings()).updateUrl) return;
      await local.set({ [PHISHING_KEYS.settings]: { updateUrl } });
      await local.remove([PHISHING_KEYS.fetched, PHISHING_KEYS.status]);
      invalidate();
      await syncRule();
      await scheduleNext();
    },

    /** Fetch the list from the update URL (the alarm's job); a failure keeps the list in force and is recorded. */
    async update(): Promise<{ ok: boolean; error?: string }> {
      const { updateUrl } = await settings();
      if (!updateUrl) { await alarms.clear(PHISHING_UPDATE_ALARM); return { ok: false, error: 'No update address is set.' }; }
      const at = now();
      let result: { ok: boolean; error?: string };
      try {
        const list = await fetchPhishingList(updateUrl, { fetch: deps.fetch });
        if ((await settings()).updateUrl !== updateUrl) return { ok: false, error: 'The update address changed meanwhile.' };
        await local.set({ [PHISHING_KEYS.fetched]: { url: updateUrl, fetchedAt: at, list } satisfies Fetched });
        invalidate();
        await syncRule();
        result = { ok: true };
      } catch (e) {
        result = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      await local.set({ [PHISHING_KEYS.status]: { lastAttemptAt: at, lastError: result.error ?? null } satisfies Status });
      await scheduleNext();
      return result;
    },
  };
}

export type PhishingGuard = ReturnType<typeof createPhishingGuard>;
