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

export const chromeAlarms: AlarmScheduler = {
  async schedule(name, whenMs) {
    await browser.alarms.create(name, { when: Math.max(whenMs, Date.now() + 1000) });
  },
  async clear(name) {
    await browser.alarms.clear(name);
  },
};
