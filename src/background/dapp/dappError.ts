/**
 * What a page may learn from a failure: EIP-1193 / JSON-RPC codes only, and no RPC URL (a user's URL may carry an
 * API key). Wallet-internal codes (1000+) are mapped to the standard ones; the internal code stays in `data`.
 */
import {
  ChainDisconnectedError, DisconnectedError, LockedError, UnauthorizedError, UnknownChainError, UnsupportedMethodError, UserRejectedError,
  InternalError, serializeError, type SerializedError,
} from '../../shared/errors';

const PROVIDER_CODES = new Set([UserRejectedError, UnauthorizedError, UnsupportedMethodError, DisconnectedError, ChainDisconnectedError, UnknownChainError].map((c) => c.code));
const URL_SOURCE = String.raw`\b(?:https?|wss?):\/\/[^\s"'),]+`;
const hasUrl = (text: string): boolean => new RegExp(URL_SOURCE, 'i').test(text);
const scrub = (text: string): string => text.replace(new RegExp(URL_SOURCE, 'gi'), '[RPC URL]');

const isStandard = (code: number): boolean => PROVIDER_CODES.has(code) || (code >= -32768 && code <= -32000) || code === 3;

function scrubData(data: unknown): unknown {
  if (data === undefined) return undefined;
  let json: string | undefined;
  try { json = JSON.stringify(data); } catch { return undefined; }
  if (json === undefined) return undefined;
  return hasUrl(json) ? JSON.parse(scrub(json)) as unknown : data;
}

export function toDappError(error: unknown): SerializedError {
  const e = serializeError(error);
  const data = scrubData(e.data);
  if (isStandard(e.code)) return { code: e.code, message: scrub(e.message), ...(data !== undefined ? { data } : {}) };
  // Locked, to a page, is "not authorized right now".
  if (e.code === LockedError.code) return { code: UnauthorizedError.code, message: 'The wallet is locked.', data: { walletCode: e.code } };
  return { code: InternalError.code, message: scrub(e.message), data: { walletCode: e.code, ...(data !== undefined ? { detail: data } : {}) } };
}
