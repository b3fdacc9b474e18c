/**
 * Activity as CSV (issue 11), sends and receipts: RFC 4180 (CRLF line ends; a field with a comma, quote or line break is quoted, quotes
 * doubled), UTF-8 with a byte-order mark so spreadsheets open Chinese text correctly. One row per transaction; amounts
 * and fees are exact decimals (no rounding). The fiat column is the value at export time, labelled so in its header:
 * it is not what the transfer was worth when it happened.
 */
import { formatUnits } from 'viem';
import type { ActivityView } from '../../shared/types';

export const CSV_BOM = '\uFEFF';

/** One field: quoted when it must be; a leading =, +, - or @ is prefixed with ' so no spreadsheet runs it as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export type CsvPrice = (row: ActivityView) => number | undefined;

/** `at`: the export time (ms); `priceUsd`: the current USD price of a row's asset, when known. */
export function activityCsv(rows: readonly ActivityView[], opts: { at: number; priceUsd?: CsvPrice; names?: Record<string, string> }): string {
  const header = ['date', 'network', 'hash', 'direction', 'asset', 'amount', 'fee', 'fee asset', 'counterparty', 'counterparty name', 'status', 'requested by',
    `value (USD, at export ${new Date(opts.at).toISOString()})`];
  const lines = [header];
  for (const r of rows) {
    const amount = formatUnits(BigInt(r.amount), r.decimals);
    const price = opts.priceUsd?.(r);
    const value = price === undefined ? '' : (Number(amount) * price).toFixed(2);
    lines.push([
      new Date(r.createdAt).toISOString(), r.networkName, r.id, r.direction, r.token ? `${r.symbol} (${r.token})` : r.symbol, amount,
      formatUnits(BigInt(r.fee), r.feeDecimals), r.feeSymbol, r.counterparty, opts.names?.[r.counterparty.toLowerCase()] ?? '', r.status, r.origin ?? '', value,
    ]);
  }
  return CSV_BOM + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}
