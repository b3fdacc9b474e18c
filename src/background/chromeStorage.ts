import browser from 'webextension-polyfill';
import type { AlarmScheduler, StorageArea } from './storageArea';

/** The storage wrapper: the only module besides index.ts that touches browser.storage / browser.alarms. */
function wrap(area: browser.Storage.StorageArea): StorageArea {
  return {
    async get<T>(key: string) {
      const r = await area.get(key);
      return r[key] as T | undefined;
    },
    set: (items) => area.set(items),
    remove: (keys) => area.remove(keys),
  };
}

export const localArea = (): StorageArea => wrap(browser.storage.local);
export const sessionArea = (): StorageArea => wrap(browser.storage.session);

type AccessLevelArea = { setAccessLevel?(o: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void> };

/**
 * Only extension pages and the worker may read or write the wallet's storage: by default Chrome lets content scripts
 * (which run inside every web page's process) use `storage.local`. A compromised renderer then could not read the
 * encrypted vault or rewrite permissions. Called first thing at every worker start (the setting is not persisted for
 * `session`). Firefox has no `setAccessLevel`: the call is skipped there, and its content scripts keep their default
 * access to `storage.local` (the vault stays encrypted; see DESIGN.md, Firefox).
 */
export async function restrictStorageToTrustedContexts(): Promise<void> {
  const c = (globalThis as { chrome?: { storage?: { local?: AccessLevelArea; session?: AccessLevelArea } } }).chrome;
  for (const area of [c?.storage?.local, c?.storage?.session]) {
    await area?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  }
}

export const chromeAlarms: AlarmScheduler = {
  async schedule(name, whenMs) {
    await browser.alarms.create(name, { when: Math.max(whenMs, Date.now() + 1000) });
  },
  async clear(name) {
    await browser.alarms.clear(name);
  },
};
