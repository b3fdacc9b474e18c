/** Small display helpers shared by the rules: token amounts and words in both languages. */
import { formatUnits } from 'viem';
import type { RiskFacts } from './facts';
import { interpolate, type RiskLocale } from './finding';
import { WORDS, type Word } from './messages';

export const LOCALES: readonly RiskLocale[] = ['en', 'zh_CN'];

/** The same value rendered per locale. */
export const perLocale = (f: (locale: RiskLocale) => string): Record<RiskLocale, string> => ({ en: f('en'), zh_CN: f('zh_CN') });

export const word = (w: Word, locale: RiskLocale, vars: Record<string, string> = {}): string => interpolate(WORDS[w][locale], vars);

export const knownToken = (facts: RiskFacts, token: string) => facts.tokens?.[token.toLowerCase()];

/** The token's symbol when the wallet knows it, else its address. */
export const tokenLabel = (facts: RiskFacts, token: string): string => knownToken(facts, token)?.symbol ?? token;

/** "1.5 USDC", "an unlimited amount of USDC", or "1500000 base units of token 0x…" (unknown token). */
export function amountText(locale: RiskLocale, facts: RiskFacts, token: string, amount: bigint, unlimited: boolean): string {
  const known = knownToken(facts, token);
  if (unlimited) return word('unlimitedOf', locale, { token: known?.symbol ?? token });
  if (known) return `${formatUnits(amount, known.decimals)} ${known.symbol}`;
  return word('baseUnitsOf', locale, { amount: amount.toString(), token });
}

/** A quantity param (hex or decimal string, number) as bigint; 0 when absent, null when malformed. */
export function quantity(v: unknown): bigint | null {
  if (v === undefined || v === null || v === '') return 0n;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^(?:0x[0-9a-fA-F]+|\d+)$/.test(v)) return BigInt(v);
  return null;
}
