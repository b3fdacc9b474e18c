/**
 * What a page may learn from a failure: EIP-1193 / JSON-RPC codes only, and no RPC URL (a user's URL may carry an
 * API key). Wallet-internal codes (1000+) are mapped to the standard ones; the internal code stays in `data`.
 */
import {
  ChainDisconnectedError, DisconnectedError, LockedError, UnauthorizedError, UnknownChainError, UnsupportedMethodError, UserRejectedError,
  InternalError, serializeError, type SerializedError,
} from '../../shared/errors';
import { EIP5792_CODES } from '../handlers/dapp/evm/callBatches';

const PROVIDER_CODES = new Set([UserRejectedError, UnauthorizedError, UnsupportedMethodError, DisconnectedError, ChainDisconnectedError, UnknownChainError].map((c) => c.code));
// A URL runs to the next space: quotes, commas and parentheses may belong to its query (and its key), so they are
// cut with it; at worst a closing bracket of the message goes too.
const URL_SOURCE = String.raw`\b(?:https?|wss?):\/\/\S+`;
const hasUrl = (text: string): boolean => new RegExp(URL_SOURCE, 'i').test(text);
const scrub = (text: string): string => text.replace(new RegExp(URL_SOURCE, 'gi'), '[RPC URL]');

const isStandard = (code: number): boolean => PROVIDER_CODES.has(code) || (code >= -32768 && code <= -32000) || code === 3 || EIP5792_CODES.has(code);

/** Every string (keys too) of a JSON copy of the data, scrubbed one by one: editing the JSON text could break it. */
function scrubValue(v: unknown): unknown {
  if (typeof v === 'string') return scrub(v);
  if (Array.isArray(v)) return v.map(scrubValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrub(k), scrubValue(x)]));
  return v;
}

function scrubData(data: unknown): unknown {
  if (data === undefined) return undefined;
  let json: string | undefined;
  try { json = JSON.stringify(data); } catch { return undefined; }
  if (json === undefined) return undefined;
  return hasUrl(json) ? scrubValue(JSON.parse(json)) : data;
}

export function toDappError(error: unknown): SerializedError {
  const e = serializeError(error);
  const data = scrubData(e.data);
  if (isStandard(e.code)) return { code: e.code, message: scrub(e.message), ...(data !== undefined ? { data } : {}) };
  // Locked, to a page, is "not authorized right now".
  if (e.code === LockedError.code) return { code: UnauthorizedError.code, message: 'The wallet is locked.', data: { walletCode: e.code } };
  return { code: InternalError.code, message: scrub(e.message), data: { walletCode: e.code, ...(data !== undefined ? { detail: data } : {}) } };
}
