import { describe, expect, it } from 'vitest';
import { amountProblem, formatAmount, formatAge, normalizeAmount } from '../../../src/popup/format';
import { buildEip681, buildSolanaPay, parsePaymentUri } from '../../../src/popup/paymentUri';

describe('amount display', () => {
  it('truncates (never rounds up), shows dust, and keeps the exact value for "full precision"', () => {
    expect(formatAmount(1_999_999_999_999_999_999n, 18, 'en')).toEqual({ text: '1.999999…', full: '1.999999999999999999', truncated: true });
    expect(formatAmount(1n, 18, 'en')).toMatchObject({ text: '< 0.000001', full: '0.000000000000000001', truncated: true });
    expect(formatAmount(1_234_567_500_000n, 6, 'zh_CN')).toEqual({ text: '1,234,567.5', full: '1,234,567.5', truncated: false });
    expect(formatAmount(10_000_000_000_000_000_000_000n, 18, 'en').text).toBe('10,000');
  });

  it('amount problems are exact (no floats)', () => {
    expect(amountProblem('', 6, null)).toBe('amountEmpty');
    expect(amountProblem('-1', 6, null)).toBe('amountNegative');
    expect(amountProblem('1e5', 6, null)).toBe('amountNotNumber');
    expect(amountProblem('0.000', 6, null)).toBe('amountZero');
    expect(amountProblem('0.0000001', 6, null)).toBe('amountTooManyDecimals');
    expect(amountProblem('1.000001', 6, 1_000_000n)).toBe('amountExceedsBalance');
    expect(amountProblem('1', 6, 1_000_000n)).toBeNull();
    expect(amountProblem('.5', 6, null)).toBeNull();
  });

  it('ages per locale', () => {
    expect(formatAge(0, 5 * 60_000, 'en')).toBe('5 minutes ago');
    expect(formatAge(0, 5 * 60_000, 'zh_CN')).toBe('5分钟前');
  });
});

describe('payment URIs', () => {
  const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
  it('EIP-681: native with value (also in exponent form) and ERC-20 transfer', () => {
    expect(parsePaymentUri(`ethereum:${to}@31337?value=2.014e18`)).toEqual({ family: 'evm', recipient: to, chainId: 31337, amountBase: 2_014_000_000_000_000_000n });
    expect(parsePaymentUri(`ethereum:pay-${token}@1/transfer?address=${to}&uint256=1500000`)).toEqual({ family: 'evm', recipient: to, chainId: 1, token, amountBase: 1_500_000n });
    expect(parsePaymentUri(`ethereum:${to}?value=1.5`)).toBeNull();
    expect(parsePaymentUri(`ethereum:${token}/approve?address=${to}`)).toBeNull();
    expect(parsePaymentUri(buildEip681({ to, chainId: 31337, token, amountBase: 7n }))).toMatchObject({ recipient: to, token, amountBase: 7n });
  });
  it('Solana Pay: amount in display units, spl-token', () => {
    const r = 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96';
    expect(parsePaymentUri(`solana:${r}?amount=0.25&spl-token=8SSSNA6CuCVoE1ciMJoeFs65tVTLxySpYj4jPydCH88A&label=Shop`)).toEqual({ family: 'solana', recipient: r, token: '8SSSNA6CuCVoE1ciMJoeFs65tVTLxySpYj4jPydCH88A', amountDecimal: '0.25' });
    expect(parsePaymentUri(`solana:${r}?amount=-1`)).toBeNull();
    expect(buildSolanaPay({ to: r, amountDecimal: '1.5' })).toBe(`solana:${r}?amount=1.5`);
    expect(parsePaymentUri('bitcoin:abc')).toBeNull();
  });

  it('refuses what it cannot pay exactly: memo/reference it would drop, empty or malformed token, chain 0, repeated keys, huge exponents', () => {
    const r = 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96';
    const to = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
    expect(parsePaymentUri(`solana:${r}?amount=1&memo=exchange-deposit-123`)).toBeNull();
    expect(parsePaymentUri(`solana:${r}?amount=1&reference=8SSSNA6CuCVoE1ciMJoeFs65tVTLxySpYj4jPydCH88A`)).toBeNull();
    // An empty spl-token is not "SOL": it is a broken request.
    expect(parsePaymentUri(`solana:${r}?amount=100&spl-token=`)).toBeNull();
    expect(parsePaymentUri(`solana:${r}?amount=1&amount=100`)).toBeNull();
    expect(parsePaymentUri(`ethereum:${to}@0?value=1`)).toBeNull();
    expect(parsePaymentUri(`ethereum:${to}?value=1&value=1000000`)).toBeNull();
    expect(parsePaymentUri(`ethereum:${to}?value=1e400000000`)).toBeNull();
    expect(parsePaymentUri(`ethereum:${to}?value=1e18`)).toEqual({ family: 'evm', recipient: to, amountBase: 10n ** 18n });
  });

  it('".5" means 0.5 in the form, in Receive and in what the background is asked', () => {
    expect(normalizeAmount(' .5 ')).toBe('0.5');
    expect(normalizeAmount('1.5')).toBe('1.5');
    expect(amountProblem('.5', 6, null)).toBeNull();
    expect(amountProblem('5.', 6, null)).toBe('amountNotNumber');
  });
});
