import type { Locale } from './i18n';
import type { Budget } from '../shared/types';

/** Base units (decimal string or bigint) → exact decimal text; no rounding, trailing zeros trimmed. */
export function formatBase(value: string | bigint, decimals: number): string {
  let v: bigint;
  try { v = typeof value === 'bigint' ? value : BigInt(value); } catch { return String(value); }
  const neg = v < 0n;
  if (neg) v = -v;
  const base = 10n ** BigInt(decimals);
  const whole = (v / base).toString();
  const frac = decimals > 0 ? (v % base).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

const tag = (l: Locale) => (l === 'zh_CN' ? 'zh-CN' : 'en-US');

/** "1234567.5" → "1,234,567.5" in the locale's grouping (exact: the whole part is grouped as a BigInt). */
export function groupDecimal(text: string, locale: Locale): string {
  const [whole = '0', frac] = text.split('.');
  const grouped = new Intl.NumberFormat(tag(locale), { useGrouping: true }).format(BigInt(whole));
  return frac ? `${grouped}.${frac}` : grouped;
}

export const SHORT_DECIMALS = 6;

/**
 * Display text for an amount: at most SHORT_DECIMALS fraction digits, truncated (never more than held), marked
 * `truncated` so the UI offers the full value; dust below the last digit shows as "< 0.000001", never as 0.
 */
export function formatAmount(value: string | bigint, decimals: number, locale: Locale): { text: string; full: string; truncated: boolean } {
  const exact = formatBase(value, decimals);
  const full = groupDecimal(exact, locale);
  const [whole = '0', frac = ''] = exact.split('.');
  if (frac.length <= SHORT_DECIMALS) return { text: full, full, truncated: false };
  const cut = frac.slice(0, SHORT_DECIMALS).replace(/0+$/, '');
  if (whole === '0' && cut === '') return { text: `< ${groupDecimal(`0.${'0'.repeat(SHORT_DECIMALS - 1)}1`, locale)}`, full, truncated: true };
  return { text: `${groupDecimal(cut ? `${whole}.${cut}` : whole, locale)}…`, full, truncated: true };
}

export function fiatValue(value: string, decimals: number, priceUsd: number): number {
  return Number(formatBase(value, decimals)) * priceUsd;
}

export function formatUsd(usd: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol' }).format(usd);
}

export function formatDateTime(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** "5 minutes ago" / "5分钟前" */
export function formatAge(ms: number, now: number, locale: Locale): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  const rtf = new Intl.RelativeTimeFormat(tag(locale), { numeric: 'auto' });
  if (s < 60) return rtf.format(-s, 'second');
  if (s < 3600) return rtf.format(-Math.floor(s / 60), 'minute');
  if (s < 86400) return rtf.format(-Math.floor(s / 3600), 'hour');
  return rtf.format(-Math.floor(s / 86400), 'day');
}

export const shortAddress = (a: string) => (a.length > 14 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a);

/** Decimal text the user typed → problem key or null (exact: no float). */
/** ".5" → "0.5": what users type, in the grammar the background's parseUnits and payment URIs take. */
export function normalizeAmount(text: string): string {
  const s = text.trim();
  return s.startsWith('.') ? `0${s}` : s;
}

export function amountProblem(text: string, decimals: number, balance: bigint | null): 'amountEmpty' | 'amountNotNumber' | 'amountNegative' | 'amountZero' | 'amountTooManyDecimals' | 'amountExceedsBalance' | null {
  const s = text.trim();
  if (s === '') return 'amountEmpty';
  if (s.startsWith('-')) return 'amountNegative';
  const m = /^(\d+)(?:\.(\d+))?$/.exec(normalizeAmount(s));
  if (!m) return 'amountNotNumber';
  const frac = m[2] ?? '';
  if (frac.length > decimals) return 'amountTooManyDecimals';
  const base = BigInt((m[1] || '0') + frac.padEnd(decimals, '0'));
  if (base === 0n) return 'amountZero';
  if (balance !== null && base > balance) return 'amountExceedsBalance';
  return null;
}

export const AUTO_LOCK_MAX_MINUTES = 24 * 60;
/** Auto-lock minutes as typed: whole minutes 1..1440 (the background's rule), else null. */
export function parseAutoLockMinutes(value: string): number | null {
  const v = value.trim();
  if (!/^\d{1,4}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= AUTO_LOCK_MAX_MINUTES ? n : null;
}

/** An amount of a budget: dollars and cents for a USD budget, the exact amount and symbol for an asset budget. */
export function budgetAmount(budget: Budget, value: string, locale: Locale): string {
  return budget.kind === 'usd' ? formatUsd(Number(value), locale) : `${formatAmount(value, budget.decimals, locale).full} ${budget.symbol}`;
}
