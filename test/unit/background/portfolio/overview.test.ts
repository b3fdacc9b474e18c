// The spending overview and budgets (issue 11, item 2): monthly totals equal the sum of the records; a budget warns
// exactly past its limit (equal is within it); USD budgets count priced assets only.
import { describe, expect, it } from 'vitest';
import { budgetStatus, budgetWarnings, monthKey, monthsOf, parseUsd, summarizeMonth, type RowPrice } from '../../../../src/background/portfolio/overview';
import type { ActivityView, Budget } from '../../../../src/shared/types';

const NOV = new Date(2026, 10, 15, 12).getTime();
const DEC = new Date(2026, 11, 2, 12).getTime();
const USD = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
let n = 0;
const row = (over: Partial<ActivityView>): ActivityView => ({
  id: `0x${(++n).toString(16)}`, key: `k${n}`, networkId: 'eip155:1', networkName: 'Ethereum', from: '0xME', to: '0xBOB', amount: '0', symbol: 'ETH', decimals: 18,
  fee: '0', feeSymbol: 'ETH', feeDecimals: 18, status: 'confirmed', createdAt: DEC, updatedAt: DEC, direction: 'out', counterparty: '0xBOB', source: 'wallet', ...over,
});
const price: RowPrice = (r) => (r.networkId === 'eip155:1' ? (r.token ? (r.token.toLowerCase() === USD.toLowerCase() ? 1 : undefined) : 2000) : undefined);

const rows: ActivityView[] = [
  row({ amount: '500000000000000000', fee: '21000000000000' }), // 0.5 ETH out
  row({ amount: '250000000000000000', fee: '0', direction: 'in', counterparty: '0xALICE', source: 'chain' }), // 0.25 ETH in
  row({ amount: '12345678', symbol: 'USDC', decimals: 6, token: USD, fee: '30000000000000' }), // 12.345678 USDC out
  row({ amount: '1000000', symbol: 'USDC', decimals: 6, token: USD, direction: 'in', counterparty: '0xALICE', source: 'chain' }),
  row({ amount: '7', status: 'failed', fee: '5000000000000' }), // failed: only its fee counts
  row({ amount: '9', status: 'pending', fee: '1' }), // pending: not in the totals
  row({ amount: '3000000000000000000', direction: 'self', fee: '10' }), // to self: only its fee
  row({ amount: '1000000000', networkId: 'solana:localnet', networkName: 'Localnet', symbol: 'SOL', decimals: 9, feeSymbol: 'SOL', feeDecimals: 9, fee: '5000' }),
  row({ amount: '999', createdAt: NOV }), // another month
];

describe('summarizeMonth', () => {
  it('sums sent, received and fees per asset exactly; USD at today\u2019s price for priced assets only', () => {
    const s = summarizeMonth(rows, monthKey(DEC), price);
    const by = Object.fromEntries(s.assets.map((a) => [a.key, [a.sent, a.received, a.fees]]));
    expect(by).toEqual({
      'eip155:1|native': ['500000000000000000', '250000000000000000', String(21000000000000n + 30000000000000n + 5000000000000n + 10n)],
      [`eip155:1|${USD.toLowerCase()}`]: ['12345678', '1000000', '0'],
      'solana:localnet|native': ['1000000000', '0', '5000'],
    });
    expect(s.usd.sent).toBeCloseTo(0.5 * 2000 + 12.345678, 9);
    expect(s.usd.received).toBeCloseTo(0.25 * 2000 + 1, 9);
    expect(s.usd.fees).toBeCloseTo(Number(56000000000010n) / 1e18 * 2000, 12);
    expect(s.usd.unpriced).toBe(1);
    expect(s.assets.find((a) => a.networkId === 'solana:localnet')?.usd).toBeUndefined();
    expect(s.counterparties.map((c) => [c.networkId, c.address, c.count])).toEqual([['eip155:1', '0xBOB', 2], ['eip155:1', '0xALICE', 2], ['solana:localnet', '0xBOB', 1]]);
  });

  it('another month has only its own rows; months are listed newest first with the current one', () => {
    expect(summarizeMonth(rows, monthKey(NOV), price).assets.map((a) => [a.key, a.sent])).toEqual([['eip155:1|native', '999']]);
    expect(monthsOf(rows, monthKey(DEC))).toEqual([monthKey(DEC), monthKey(NOV)]);
    expect(monthsOf([], '2027-01')).toEqual(['2027-01']);
  });
});

describe('budgets', () => {
  const ethBudget: Budget = { id: 'b1', kind: 'asset', networkId: 'eip155:1', symbol: 'ETH', decimals: 18, limit: '1000000000000000000' };
  const usdBudget: Budget = { id: 'b2', kind: 'usd', limit: '1012.35' };
  const send = (amount: bigint, token?: string) => ({ networkId: 'eip155:1', symbol: token ? 'USDC' : 'ETH', decimals: token ? 6 : 18, amount, ...(token ? { token } : {}) });
  // Spent in December: 0.5 ETH confirmed + 9 wei pending (pending counts against a budget).
  const spent = 500000000000000009n;

  it('an asset budget: exactly reaching the limit is within it; one base unit more warns', () => {
    expect(budgetWarnings([ethBudget], rows, DEC, send(10n ** 18n - spent), price)).toEqual([]);
    expect(budgetWarnings([ethBudget], rows, DEC, send(10n ** 18n - spent + 1n), price)).toEqual([
      { budget: ethBudget, spent: spent.toString(), after: (10n ** 18n + 1n).toString(), limit: ethBudget.limit },
    ]);
    expect(budgetWarnings([ethBudget], rows, DEC, send(10n ** 18n, USD), price)).toEqual([]); // another asset
  });

  it('a USD budget counts priced sends in cents: 1000.00 + 12.35 spent; a send of 0.000005 ETH ($0.01) reaches it, one cent more passes it', () => {
    expect(budgetStatus([usdBudget], rows, monthKey(DEC), price)).toEqual([{ budget: usdBudget, spent: '1012.35', remaining: '0.00', over: false }]);
    expect(budgetWarnings([usdBudget], rows, DEC, send(0n), price)).toEqual([]);
    expect(budgetWarnings([usdBudget], rows, DEC, send(5_000_000_000_000n), price).map((w) => [w.spent, w.after, w.limit])).toEqual([['1012.35', '1012.36', '1012.35']]);
    expect(budgetWarnings([usdBudget], rows, DEC, { networkId: 'solana:localnet', symbol: 'SOL', decimals: 9, amount: 10n ** 12n }, price)).toEqual([]);
  });

  it('parseUsd accepts dollars and cents only', () => {
    expect([parseUsd('250'), parseUsd('99.5'), parseUsd('0.01')]).toEqual([25000n, 9950n, 1n]);
    for (const bad of ['', '-1', '1.001', 'abc', '1e3']) expect(() => parseUsd(bad), bad).toThrow();
  });
});
