/**
 * Activity (sent transactions and their status) persisted per network and account in a StorageArea
 * (chrome.storage.local in the extension, a Map in tests). Implements the `ActivityStore` the chain adapters call
 * (declared in `chains/activityRecord.ts`). JSON-safe: amounts and fees as decimal strings.
 */
import type { StorageArea } from '../storageArea';
import type { ActivityPatchField, ActivityRecord, ActivityStore } from '../../chains/activityRecord';

export const ACTIVITY_LIMIT = 200;

export const activityKey = (networkId: string, account: string): string => `chains:activity:${networkId}:${account}`;

export function createActivityStore(storage: StorageArea): ActivityStore {
  // Serialize read-modify-write per key (two sends in a row must not lose a record).
  const queues = new Map<string, Promise<unknown>>();
  const withKey = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = queues.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    queues.set(key, next.catch(() => undefined));
    return next;
  };
  const read = async (key: string) => (await storage.get<ActivityRecord[]>(key)) ?? [];
  return {
    add(record) {
      const key = activityKey(record.networkId, record.from);
      return withKey(key, async () => {
        const list = (await read(key)).filter((r) => r.id !== record.id);
        await storage.set({ [key]: [record, ...list].slice(0, ACTIVITY_LIMIT) });
      });
    },
    update(networkId, account, id, patch) {
      const key = activityKey(networkId, account);
      return withKey(key, async () => {
        const list = await read(key);
        const i = list.findIndex((r) => r.id === id);
        const cur = list[i];
        if (!cur) return undefined;
        const next: ActivityRecord = { ...cur, ...patch };
        for (const k of Object.keys(patch) as ActivityPatchField[]) if (patch[k] === undefined) delete next[k];
        list[i] = next;
        await storage.set({ [key]: list });
        return next;
      });
    },
    remove(networkId, account, id) {
      const key = activityKey(networkId, account);
      return withKey(key, async () => {
        const list = await read(key);
        if (list.some((r) => r.id === id)) await storage.set({ [key]: list.filter((r) => r.id !== id) });
      });
    },
    list: (networkId, account) => read(activityKey(networkId, account)),
  };
}
