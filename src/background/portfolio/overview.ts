/**
 * The spending overview (issue 11, item 2), computed from the Activity rows (the wallet's sends and the records found
 * on chain): per month, what was sent, received and paid in fees per asset, their USD value at today's prices (no
 * price history is kept, and the view says so), the top counterparties, and monthly budgets per asset or in USD.
 * Pure functions: the handlers pass the rows, the prices and the budgets.
 */
import type { ActivityView, AssetTotals, Budget, BudgetStatus, BudgetWarning, CounterpartyTotals, MonthOverview } from '../../shared/types';

export type { Budget };

/** The calendar month of a time in the browser's time zone, as YYYY-MM. */
export function monthKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export type RowPrice = (row: { networkId: string; token?: string; symbol: string }) => number | undefined;

/** An asset's key: networkId|token (lower case) or networkId|native. */
export const assetKeyOf = (networkId: string, token?: string) => `${networkId}|${token ? token.toLowerCase() : 'native'}`;
/** Rows that moved money: confirmed ones (a failed transaction still paid its fee, counted as a fee only). */
const counts = (r: ActivityView) => r.status === 'confirmed';
/** Base units as a (display) number of whole units, for USD values. */
export const units = (v: bigint, decimals: number) => Number(v) / 10 ** decimals;

/**
 * One month's totals. Sends to oneself move nothing and are left out of sent and received (their fee counts). Fees
 * are in each network's native currency, on the row of that currency.
 */
export function summarizeMonth(rows: readonly ActivityView[], month: string, price: RowPrice): MonthOverview {
  const assets = new Map<string, { a: Omit<AssetTotals, 'sent' | 'received' | 'fees' | 'usd'>; sent: bigint; received: bigint; fees: bigint }>();
  const slot = (networkId: string, networkName: string, symbol: string, decimals: number, token?: string) => {
    const key = assetKeyOf(networkId, token);
    let s = assets.get(key);
    if (!s) {
      s = { a: { key, networkId, networkName, symbol, decimals, ...(token ? { token } : {}) }, sent: 0n, received: 0n, fees: 0n };
      assets.set(key, s);
    }
    return s;
  };
  const people = new Map<string, { c: CounterpartyTotals; sent: number; received: number; priced: boolean }>();
  for (const r of rows) {
    if (monthKey(r.createdAt) !== month) continue;
    if ((counts(r) || r.status === 'failed') && BigInt(r.fee) > 0n) slot(r.networkId, r.networkName, r.feeSymbol, r.feeDecimals).fees += BigInt(r.fee);
    if (!counts(r) || r.direction === 'self') continue;
    const s = slot(r.networkId, r.networkName, r.symbol, r.decimals, r.token);
    const amount = BigInt(r.amount);
    if (r.direction === 'in') s.received += amount; else s.sent += amount;
    if (!r.counterparty) continue;
    const who = `${r.networkId}|${r.counterparty}`;
    const p = people.get(who) ?? { c: { address: r.counterparty, networkId: r.networkId, count: 0 }, sent: 0, received: 0, priced: false };
    p.c.count++;
    const usd = price(r);
    if (usd !== undefined) {
      p.priced = true;
      if (r.direction === 'in') p.received += units(amount, r.decimals) * usd; else p.sent += units(amount, r.decimals) * usd;
    }
    people.set(who, p);
  }
  const usd = { sent: 0, received: 0, fees: 0, unpriced: 0 };
  const list: AssetTotals[] = [...assets.values()].map(({ a, sent, received, fees }) => {
    const p = price({ networkId: a.networkId, symbol: a.symbol, ...(a.token ? { token: a.token } : {}) });
    const out: AssetTotals = { ...a, sent: sent.toString(), received: received.toString(), fees: fees.toString() };
    if (p === undefined) { usd.unpriced++; return out; }
    out.usd = { sent: units(sent, a.decimals) * p, received: units(received, a.decimals) * p, fees: units(fees, a.decimals) * p };
    usd.sent += out.usd.sent;
    usd.received += out.usd.received;
    usd.fees += out.usd.fees;
    return out;
  });
  const counterparties = [...people.values()]
    .map(({ c, sent, received, priced }) => (priced ? { ...c, sentUsd: sent, receivedUsd: received } : c))
    .sort((x, y) => y.count - x.count || (y.sentUsd ?? 0) - (x.sentUsd ?? 0) || (x.address < y.address ? -1 : 1))
    .slice(0, 5);
  return { month, assets: list.sort((x, y) => (x.key < y.key ? -1 : 1)), usd, counterparties };
}

/** The months that have rows, newest first, always including `current`. */
export function monthsOf(rows: readonly ActivityView[], current: string): string[] {
  return [...new Set([current, ...rows.map((r) => monthKey(r.createdAt))])].sort().reverse();
}

// ───────────── Budgets ─────────────

const usdCents = (usd: number) => BigInt(Math.round(usd * 100));
const centsText = (c: bigint) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;
export const parseUsd = (s: string): bigint => {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) throw new Error('not an amount in dollars and cents');
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
};

/** What counts against a budget this month: confirmed and pending sends (a pending one will most likely land). */
function spentOn(b: Budget, rows: readonly ActivityView[], month: string, price: RowPrice): bigint {
  let spent = 0n;
  for (const r of rows) {
    if (monthKey(r.createdAt) !== month || r.direction !== 'out' || (r.status !== 'confirmed' && r.status !== 'pending')) continue;
    if (b.kind === 'asset') {
      if (r.networkId === b.networkId && assetKeyOf(r.networkId, r.token) === assetKeyOf(b.networkId, b.token)) spent += BigInt(r.amount);
    } else {
      const p = price(r);
      if (p !== undefined) spent += usdCents(units(BigInt(r.amount), r.decimals) * p);
    }
  }
  return spent;
}

export function budgetStatus(budgets: readonly Budget[], rows: readonly ActivityView[], month: string, price: RowPrice): BudgetStatus[] {
  return budgets.map((b) => {
    const spent = spentOn(b, rows, month, price);
    const limit = b.kind === 'asset' ? BigInt(b.limit) : parseUsd(b.limit);
    const fmt = (v: bigint) => (b.kind === 'asset' ? v.toString() : centsText(v));
    return { budget: b, spent: fmt(spent), remaining: fmt(limit - spent), over: spent > limit };
  });
}

/**
 * The budgets a send would take past their limit this month: spent + this send > limit. Exactly reaching the limit is
 * within it. A USD budget counts only assets with a price.
 */
export function budgetWarnings(budgets: readonly Budget[], rows: readonly ActivityView[], now: number,
  send: { networkId: string; token?: string; symbol: string; decimals: number; amount: bigint }, price: RowPrice): BudgetWarning[] {
  const month = monthKey(now);
  const out: BudgetWarning[] = [];
  for (const b of budgets) {
    const spent = spentOn(b, rows, month, price);
    if (b.kind === 'asset') {
      if (assetKeyOf(send.networkId, send.token) !== assetKeyOf(b.networkId, b.token)) continue;
      const after = spent + send.amount;
      if (after > BigInt(b.limit)) out.push({ budget: b, spent: spent.toString(), after: after.toString(), limit: b.limit });
    } else {
      const p = price(send);
      if (p === undefined) continue;
      const after = spent + usdCents(units(send.amount, send.decimals) * p);
      if (after > parseUsd(b.limit)) out.push({ budget: b, spent: centsText(spent), after: centsText(after), limit: centsText(parseUsd(b.limit)) });
    }
  }
  return out;
}
