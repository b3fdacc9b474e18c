/** The slice of chrome.storage.{local,session} the background uses; a Map-backed one runs the core in Node. */
export interface StorageArea {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export function createMemoryStorage(initial: Record<string, unknown> = {}): StorageArea & { dump(): Record<string, unknown> } {
  const data = new Map<string, string>(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    async get<T>(key: string) {
      const raw = data.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.stringify(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
    dump() {
      return Object.fromEntries([...data].map(([k, v]) => [k, JSON.parse(v)]));
    },
  };
}

/** Alarms as the core sees them (chrome.alarms in the extension, a fake in tests). */
export interface AlarmScheduler {
  schedule(name: string, whenMs: number): Promise<void>;
  clear(name: string): Promise<void>;
}
