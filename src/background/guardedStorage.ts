/**
 * A StorageArea that checks what it reads and says clearly when a write does not fit.
 *
 * - Reads of the known non-vault entries are checked against their shape (`storageSchemas.ts`). A damaged entry is
 *   never thrown at the code that reads it: its raw value is kept under `corrupt:<key>` (once; an older copy is
 *   never overwritten), the key is listed under `storage:issues`, and the reader gets the entry's safe fallback
 *   (for lists, the entries that are still valid). The next write of that key stores the repaired value.
 * - The vault, its backups and anything without a schema pass through untouched.
 * - A write refused by the browser for lack of space becomes StorageFullError (a readable message), and nothing
 *   else changes: the browser applies a `set` entirely or not at all.
 */
import { StorageFullError } from '../shared/errors';
import type { StorageArea } from './storageArea';
import { schemaFor } from './storageSchemas';

export const CORRUPT_PREFIX = 'corrupt:';
export const STORAGE_ISSUES_KEY = 'storage:issues';
export type StorageIssue = { key: string; at: number };

const isQuotaError = (e: unknown): boolean => /quota|QUOTA_BYTES|exceeded/i.test(e instanceof Error ? e.message : String(e));

export function createGuardedStorage(inner: StorageArea, now: () => number = () => Date.now()): StorageArea {
  async function set(items: Record<string, unknown>): Promise<void> {
    try {
      await inner.set(items);
    } catch (e) {
      if (isQuotaError(e)) {
        throw new StorageFullError('The browser’s storage for Meridian is full. Remove unused networks or tokens, or free space in the browser, then try again.', { keys: Object.keys(items) });
      }
      throw e;
    }
  }

  /** Keep the damaged value (first copy wins) and list the key; best effort, a full disk must not break the read. */
  async function quarantine(key: string, raw: unknown): Promise<void> {
    try {
      if ((await inner.get(CORRUPT_PREFIX + key)) === undefined) await inner.set({ [CORRUPT_PREFIX + key]: { at: now(), value: raw } });
      const issues = (await inner.get<StorageIssue[]>(STORAGE_ISSUES_KEY)) ?? [];
      const list = Array.isArray(issues) ? issues.filter((i) => i && i.key !== key) : [];
      await inner.set({ [STORAGE_ISSUES_KEY]: [...list, { key, at: now() }].slice(-50) });
    } catch {
      // Reading on with the fallback matters more than the diagnosis.
    }
  }

  return {
    async get<T>(key: string): Promise<T | undefined> {
      const raw = await inner.get<unknown>(key);
      const schema = schemaFor(key);
      if (raw === undefined || !schema) return raw as T | undefined;
      const checked = schema.check(raw);
      if (checked.ok) return checked.value as T;
      await quarantine(key, raw);
      return checked.fallback as T | undefined;
    },
    set,
    remove: (keys) => inner.remove(keys),
  };
}
