// Activity export (issue 11): RFC 4180 quoting, CRLF, a BOM for spreadsheets, exact amounts, the labelled fiat column.
import { describe, expect, it } from 'vitest';
import { activityCsv, csvField } from '../../../src/background/portfolio/activityCsv';
import type { ActivityView } from '../../../src/shared/types';

const AT = Date.UTC(2026, 11, 2, 23, 50, 0);
const row = (over: Partial<ActivityView> = {}): ActivityView => ({
  id: '0xabc', networkId: 'eip155:1', networkName: 'Ethereum', from: '0xF39F', to: '0x7099', amount: '1250000000000000000', symbol: 'ETH', decimals: 18,
  fee: '21000000000000', feeSymbol: 'ETH', feeDecimals: 18, status: 'confirmed', createdAt: Date.UTC(2026, 10, 30, 8, 0, 0), updatedAt: 0,
  key: '0xabc', direction: 'out', counterparty: '0x7099', source: 'wallet', ...over,
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks; doubles quotes; defuses formulas; leaves the rest alone', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rx', '中文，全角', '=SUM(A1)', '+1', '@x', '-0.5', '-x'].map(csvField)).toEqual([
      'plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\rx"', '中文，全角', "'=SUM(A1)", "'+1", "'@x", '-0.5', "'-x",
    ]);
  });
});

describe('activityCsv', () => {
  it('writes a BOM, the header with the export time, one CRLF line per row with exact amounts, names and the site', () => {
    const csv = activityCsv([
      row(),
      row({ id: '0xdef', amount: '1234567', symbol: 'USDC', decimals: 6, token: '0xA0b8', to: '0x9A8B', counterparty: '0x9A8B', status: 'pending', origin: 'https://app.example' }),
    ], { at: AT, priceUsd: (r) => (r.symbol === 'ETH' ? 3000 : undefined), names: { '0x9a8b': 'Alice, "rent"' } });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'date,network,hash,direction,asset,amount,fee,fee asset,counterparty,counterparty name,status,requested by,"value (USD, at export 2026-12-02T23:50:00.000Z)"',
      '2026-11-30T08:00:00.000Z,Ethereum,0xabc,out,ETH,1.25,0.000021,ETH,0x7099,,confirmed,,3750.00',
      '2026-11-30T08:00:00.000Z,Ethereum,0xdef,out,USDC (0xA0b8),1.234567,0.000021,ETH,0x9A8B,"Alice, ""rent""",pending,https://app.example,',
      '',
    ]);
  });

  it('a receipt found on chain: direction in, the sender as counterparty, no fee paid', () => {
    const csv = activityCsv([row({ id: '0x77', key: '0x77:3', direction: 'in', from: '0x5555', to: '0xF39F', counterparty: '0x5555', fee: '0', source: 'chain',
      amount: '5', symbol: 'mUSD', decimals: 0, token: '0xC0FF' })], { at: AT, names: { '0x5555': '张三' } });
    expect(csv.slice(1).split('\r\n')[1]).toBe('2026-11-30T08:00:00.000Z,Ethereum,0x77,in,mUSD (0xC0FF),5,0,ETH,0x5555,张三,confirmed,,');
  });

  it('an empty activity is the header only', () => {
    expect(activityCsv([], { at: AT }).split('\r\n')).toHaveLength(2);
  });
});
