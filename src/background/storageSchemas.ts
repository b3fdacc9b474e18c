/**
 * The shapes of the non-vault entries in chrome.storage.local, for `guardedStorage.ts`. Lists keep their valid items
 * when some are damaged; objects fall back to the value a fresh install has. The vault, `vaultBackups` and the unlock
 * throttle are deliberately absent: the vault code checks its own format, and a damaged throttle must not reset to
 * "no failures".
 */
import { z } from 'zod';

export type Checked = { ok: true; value: unknown } | { ok: false; fallback: unknown };
export interface EntrySchema { check(raw: unknown): Checked }

/** A list whose damaged items are dropped (the rest is kept); anything but an array becomes []. */
function listOf(item: z.ZodType): EntrySchema {
  return {
    check(raw) {
      if (!Array.isArray(raw)) return { ok: false, fallback: [] };
      const good = raw.filter((x) => item.safeParse(x).success);
      return good.length === raw.length ? { ok: true, value: raw } : { ok: false, fallback: good };
    },
  };
}
/** A record whose damaged values are dropped; anything but a plain object becomes {}. */
function recordOf(value: z.ZodType): EntrySchema {
  return {
    check(raw) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, fallback: {} };
      const entries = Object.entries(raw);
      const good = entries.filter(([, v]) => value.safeParse(v).success);
      return good.length === entries.length ? { ok: true, value: raw } : { ok: false, fallback: Object.fromEntries(good) };
    },
  };
}
function whole(schema: z.ZodType, fallback: unknown): EntrySchema {
  return { check: (raw) => (schema.safeParse(raw).success ? { ok: true, value: raw } : { ok: false, fallback }) };
}

const str = z.string().max(10_000);
const int = z.number().int().nonnegative();
const decimal = z.string().regex(/^\d{1,80}$/);

const account = z.object({
  id: str, name: str, kind: z.enum(['hd', 'imported']), index: int.optional(), evm: str.optional(), solana: str.optional(),
}).refine((a) => a.evm !== undefined || a.solana !== undefined);
const accounts: EntrySchema = {
  check(raw) {
    const r = raw as { accounts?: unknown; selectedId?: unknown } | null;
    const list = listOf(account).check(r?.accounts);
    const selectedOk = r !== null && typeof r === 'object' && (r.selectedId === null || typeof r.selectedId === 'string');
    if (list.ok && selectedOk) return { ok: true, value: raw };
    const kept = (list.ok ? list.value : list.fallback) as Array<{ id: string }>;
    const selectedId = selectedOk && kept.some((a) => a.id === r.selectedId) ? r.selectedId : (kept[0]?.id ?? null);
    return { ok: false, fallback: { accounts: kept, selectedId } };
  },
};

const sitePermission = z.object({ accounts: z.array(str), grantedAt: z.number() });
const permissions = recordOf(z.object({ evm: sitePermission.optional(), solana: sitePermission.optional() }));

const network = z.object({
  id: str, name: str, family: z.enum(['evm', 'solana']), rpcUrls: z.array(str).min(1),
  nativeCurrency: z.object({ name: str, symbol: str, decimals: int }), testnet: z.boolean(),
}).passthrough();

const activityRecord = z.object({
  id: str, networkId: str, from: str, to: str, amount: decimal, symbol: str, decimals: int, fee: decimal,
  status: z.enum(['pending', 'confirmed', 'failed', 'expired', 'replaced', 'dropped']), createdAt: z.number(), updatedAt: z.number(),
}).passthrough();
const trackHandle = z.object({ networkId: str, id: str, from: str, submittedAt: z.number() }).passthrough();
const balances = z.object({ at: z.number(), native: decimal, tokens: z.record(z.string(), decimal.nullable()) });
const token = z.object({ address: str, symbol: str, decimals: int }).passthrough();
const bookEntry = z.object({ id: str, name: str, address: str, family: z.enum(['evm', 'solana']) });

const exact: Record<string, EntrySchema> = {
  accounts,
  dappPermissions: permissions,
  'chains:customNetworks': listOf(network),
  'portfolio:pending': listOf(trackHandle),
  'portfolio:addressBook': listOf(bookEntry),
  'portfolio:enabledNetworks': listOf(str),
  'portfolio:rpcOverrides': recordOf(z.array(str)),
  selectedNetworks: whole(z.object({}).catchall(str), {}),
  settings: whole(z.object({}).passthrough(), {}),
  'portfolio:uiSettings': whole(z.object({}).passthrough(), {}),
};
const prefixed: Array<[string, EntrySchema]> = [
  ['chains:activity:', listOf(activityRecord)],
  ['chains:balances:', whole(balances, undefined)],
  ['chains:customTokens:', listOf(token)],
  ['portfolio:hiddenTokens:', listOf(str)],
];

export function schemaFor(key: string): EntrySchema | undefined {
  return exact[key] ?? prefixed.find(([p]) => key.startsWith(p))?.[1];
}
