/** Exact decimal <-> base-unit conversion. Never rounds: too many decimals is an error, not a truncation. */
import { InvalidAmountError } from './errors';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
    throw new InvalidAmountError(`Invalid token decimals: ${String(decimals)}`);
  }
}

export interface ParseUnitsOptions {
  /** Accept "0" (default false: an amount to send must be positive). */
  allowZero?: boolean;
}

/**
 * "1.5" with 6 decimals → 1_500_000n. Refuses (InvalidAmountError): non-strings, empty, signs, exponents,
 * separators, more fraction digits than `decimals`, and zero unless `allowZero`.
 */
export function parseUnits(value: string, decimals: number, opts: ParseUnitsOptions = {}): bigint {
  checkDecimals(decimals);
  if (typeof value !== 'string') throw new InvalidAmountError('Amount must be a decimal string');
  const s = value.trim();
  if (s.startsWith('-')) throw new InvalidAmountError('Amount must not be negative', { reason: 'negative' });
  const m = DECIMAL.exec(s);
  if (!m) throw new InvalidAmountError('Amount is not a number', { reason: 'not-a-number' });
  const whole = m[1] ?? '0';
  const frac = m[2] ?? '';
  if (frac.length > decimals) {
    throw new InvalidAmountError(`Amount has more than ${decimals} decimals`, { reason: 'too-many-decimals', decimals });
  }
  const out = BigInt(whole + frac.padEnd(decimals, '0'));
  if (out === 0n && !opts.allowZero) throw new InvalidAmountError('Amount must be greater than zero', { reason: 'zero' });
  return out;
}

/** 1_500_000n with 6 decimals → "1.5" (no trailing zeros, no exponent). Refuses negative values. */
export function formatUnits(value: bigint, decimals: number): string {
  checkDecimals(decimals);
  if (typeof value !== 'bigint') throw new InvalidAmountError('Value must be a bigint');
  if (value < 0n) throw new InvalidAmountError('Value must not be negative', { reason: 'negative' });
  if (decimals === 0) return value.toString();
  const s = value.toString().padStart(decimals + 1, '0');
  const whole = s.slice(0, -decimals);
  const frac = s.slice(-decimals).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** A base-unit amount given as a bigint must be positive. */
export function checkPositive(value: bigint): bigint {
  if (typeof value !== 'bigint') throw new InvalidAmountError('Amount must be a bigint or a decimal string');
  if (value < 0n) throw new InvalidAmountError('Amount must not be negative', { reason: 'negative' });
  if (value === 0n) throw new InvalidAmountError('Amount must be greater than zero', { reason: 'zero' });
  return value;
}

/** `amount` as the UI gives it (decimal string in display units) or in base units (bigint). */
export function toBaseUnits(amount: string | bigint, decimals: number): bigint {
  return typeof amount === 'bigint' ? checkPositive(amount) : parseUnits(amount, decimals);
}

/** ceil(value * (100 + percent) / 100). */
export function addMargin(value: bigint, percent: number): bigint {
  const p = BigInt(100 + percent);
  return (value * p + 99n) / 100n;
}
