import type { StorageArea } from '../storageArea';
import type { DappFamily } from '../../shared/protocol/envelope';

/** Per origin and per chain family: which accounts a site may see. Public data in chrome.storage.local. */
export type SitePermission = { accounts: string[]; grantedAt: number };
export type SitePermissions = Partial<Record<DappFamily, SitePermission>>;
type All = Record<string, SitePermissions>;
const KEY = 'dappPermissions';

export function createPermissions(local: StorageArea, now: () => number) {
  const read = async (): Promise<All> => (await local.get<All>(KEY)) ?? {};
  return {
    async get(origin: string, family: DappFamily): Promise<SitePermission | null> {
      return (await read())[origin]?.[family] ?? null;
    },
    async grant(origin: string, family: DappFamily, accounts: string[]): Promise<void> {
      const all = await read();
      all[origin] = { ...all[origin], [family]: { accounts: [...accounts], grantedAt: now() } };
      await local.set({ [KEY]: all });
    },
    /** Revoke one family, or every family of the origin. Returns the families that were connected. */
    async revoke(origin: string, family?: DappFamily): Promise<DappFamily[]> {
      const all = await read();
      const site = all[origin];
      if (!site) return [];
      const families = (family ? [family] : (Object.keys(site) as DappFamily[])).filter((f) => site[f]);
      for (const f of families) delete site[f];
      if (Object.keys(site).length === 0) delete all[origin];
      await local.set({ [KEY]: all });
      return families;
    },
    async list(): Promise<Array<{ origin: string } & SitePermissions>> {
      return Object.entries(await read()).map(([origin, p]) => ({ origin, ...p }));
    },
  };
}
export type Permissions = ReturnType<typeof createPermissions>;
