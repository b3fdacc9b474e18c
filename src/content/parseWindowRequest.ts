/** The content bridge's only filter: which window messages are dapp requests it may relay. Pure, tested in Node. */
import { DAPP_CHANNEL, type DappRequest } from '../shared/protocol/envelope';

/**
 * A rebuilt request (only `id`, `family`, `method`, `params`) when `data` is `{ channel, target: 'content',
 * payload }` posted by this very window; undefined for anything else (page traffic, other frames, answers).
 */
export function parseWindowRequest(data: unknown, source: unknown, win: unknown): DappRequest | undefined {
  if (source !== win || typeof data !== 'object' || data === null) return undefined;
  const { channel, target, payload } = data as Record<string, unknown>;
  if (channel !== DAPP_CHANNEL || target !== 'content' || typeof payload !== 'object' || payload === null) return undefined;
  const { id, family, method, params } = payload as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return undefined;
  if (family !== 'evm' && family !== 'solana') return undefined;
  if (typeof method !== 'string' || method.length === 0 || method.length > 100) return undefined;
  return params === undefined ? { id, family, method } : { id, family, method, params };
}
