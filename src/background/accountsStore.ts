import type { AccountView } from '../shared/types';
import type { StorageArea } from './storageArea';

/** Non-secret account list (names, kinds, public addresses) in chrome.storage.local. */
export type AccountsState = { accounts: AccountView[]; selectedId: string | null };
const KEY = 'accounts';

export function createAccountsStore(local: StorageArea) {
  return {
    async read(): Promise<AccountsState> {
      return (await local.get<AccountsState>(KEY)) ?? { accounts: [], selectedId: null };
    },
    async write(state: AccountsState): Promise<void> {
      await local.set({ [KEY]: state });
    },
    async clear(): Promise<void> {
      await local.remove(KEY);
    },
  };
}

export const hdAccountId = (i: number) => `hd:${i}`;
export const importedAccountId = (family: string, address: string) => `imported:${family}:${address}`;

/** Trimmed, 1–40 visible characters, no control characters. Returns null when not acceptable. */
export function cleanAccountName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const n = name.normalize('NFC').trim();
  if (n.length === 0 || Array.from(n).length > 40 || /[\u0000-\u001f\u007f-\u009f]/.test(n)) return null;
  return n;
}
