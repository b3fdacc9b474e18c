import { describe, expect, it } from 'vitest';
import { InvalidAmountError } from '../../../src/chains/errors';
import { addMargin, formatUnits, parseUnits, toBaseUnits } from '../../../src/chains/units';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: number; data?: { reason?: string } });
  }
  return undefined;
};

describe('parseUnits / formatUnits', () => {
  it('converts exactly, without floating point', () => {
    expect(parseUnits('1.5', 6)).toBe(1_500_000n);
    expect(parseUnits('0.000001', 6)).toBe(1n);
    expect(parseUnits('123456789.123456789123456789', 18)).toBe(123456789123456789123456789n);
    expect(parseUnits('0.1', 18) + parseUnits('0.2', 18)).toBe(parseUnits('0.3', 18));
    expect(parseUnits(' 7 ', 0)).toBe(7n);
  });
  it('refuses negative, zero, too many decimals and non-numbers with InvalidAmountError (1101)', () => {
    expect(code(() => parseUnits('-1', 6))).toMatchObject({ code: InvalidAmountError.code, data: { reason: 'negative' } });
    expect(code(() => parseUnits('0', 6))).toMatchObject({ code: 1101, data: { reason: 'zero' } });
    expect(code(() => parseUnits('0.000', 6))).toMatchObject({ code: 1101, data: { reason: 'zero' } });
    expect(parseUnits('0', 6, { allowZero: true })).toBe(0n);
    expect(code(() => parseUnits('1.1234567', 6))).toMatchObject({ code: 1101, data: { reason: 'too-many-decimals' } });
    expect(code(() => parseUnits('1.5', 0))).toMatchObject({ code: 1101, data: { reason: 'too-many-decimals' } });
    for (const bad of ['', 'abc', '1e6', '1,5', '1.2.3', '.5', '1.', '+1', '0x10', 'Infinity', 'NaN', '١']) {
      expect(code(() => parseUnits(bad, 6))?.code, bad).toBe(1101);
    }
    expect(code(() => parseUnits(1 as unknown as string, 6))?.code).toBe(1101);
    expect(code(() => parseUnits('1', -1))?.code).toBe(1101);
    expect(code(() => parseUnits('1', 1.5))?.code).toBe(1101);
  });
  it('formats without trailing zeros and refuses negative values', () => {
    expect(formatUnits(1_500_000n, 6)).toBe('1.5');
    expect(formatUnits(1n, 18)).toBe('0.000000000000000001');
    expect(formatUnits(0n, 9)).toBe('0');
    expect(formatUnits(10n ** 30n, 18)).toBe('1000000000000');
    expect(formatUnits(42n, 0)).toBe('42');
    expect(code(() => formatUnits(-1n, 6))?.code).toBe(1101);
  });
  it('round-trips', () => {
    for (const s of ['1', '0.5', '999999999999.999999', '0.000001']) expect(formatUnits(parseUnits(s, 6), 6)).toBe(s);
  });
  it('toBaseUnits takes decimal strings or positive bigints; addMargin rounds up', () => {
    expect(toBaseUnits('2', 9)).toBe(2_000_000_000n);
    expect(toBaseUnits(5n, 9)).toBe(5n);
    expect(code(() => toBaseUnits(0n, 9))?.code).toBe(1101);
    expect(code(() => toBaseUnits(-3n, 9))?.code).toBe(1101);
    expect(addMargin(21_000n, 20)).toBe(25_200n);
    expect(addMargin(21_001n, 20)).toBe(25_202n);
  });
});
