import { InvalidRequestError, LimitExceededError, MethodNotFoundError, UnauthorizedError } from '../../shared/errors';
import { toDappError } from './dappError';
import type { DappResponse } from '../../shared/protocol/envelope';
import type { DappContext, DappHandler } from '../handlers/dapp/context';
import { EVM_NEEDS_PERMISSION, evmHandlers } from '../handlers/dapp/evm';
import { SOLANA_NEEDS_PERMISSION, solanaHandlers } from '../handlers/dapp/solana';
import { createRateLimiter } from './rateLimit';

const tables: Record<'evm' | 'solana', { handlers: Record<string, DappHandler>; needsPermission: Set<string> }> = {
  evm: { handlers: evmHandlers, needsPermission: EVM_NEEDS_PERMISSION },
  solana: { handlers: solanaHandlers, needsPermission: SOLANA_NEEDS_PERMISSION },
};

/** The page origin from the port's sender: http(s) only, never anything the page says. */
export function originOfSender(sender: { origin?: string; url?: string } | undefined): string | null {
  const raw = sender?.origin ?? sender?.url;
  if (!raw || raw === 'null') return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The dapp pipeline: validate → rate limit → method known? → permitted? → handler (which asks for approval
 * where needed). Every answer carries a code; nothing thrown escapes.
 */
export function createDappRouter(opts: {
  now: () => number; burst?: number; perSecond?: number;
  /** A listed phishing site (or look-alike) the user did not choose to continue to: every request is refused, no window. */
  isBlockedOrigin?: (origin: string) => Promise<boolean> | boolean;
}) {
  const limiter = createRateLimiter({ burst: opts.burst ?? 200, perSecond: opts.perSecond ?? 100, now: opts.now });
  return async function route(msg: unknown, ctx: DappContext): Promise<DappResponse | null> {
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return null;
    const m = msg as Record<string, unknown>;
    if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > 64) return null; // no id: nothing to answer
    const id = m.id;
    try {
      if ((m.family !== 'evm' && m.family !== 'solana') || typeof m.method !== 'string' || m.method.length > 100) {
        throw new InvalidRequestError('Invalid request.');
      }
      if (opts.isBlockedOrigin && (await opts.isBlockedOrigin(ctx.origin))) {
        throw new UnauthorizedError('Meridian blocked this site: it is on a list of phishing sites or imitates a known site.', { reason: 'phishing' });
      }
      if (!limiter.take(ctx.origin)) throw new LimitExceededError('Too many requests; slow down.');
      const table = tables[m.family];
      const handler = Object.prototype.hasOwnProperty.call(table.handlers, m.method) ? table.handlers[m.method] : undefined;
      if (!handler) throw new MethodNotFoundError(`The method "${m.method.replace(/[^\w:.-]/g, '?')}" does not exist / is not available.`);
      if (table.needsPermission.has(m.method) && !(await ctx.permissions.get(ctx.origin, m.family))) {
        throw new UnauthorizedError('The site is not connected. Request accounts first.');
      }
      return { id, result: (await handler(m.params, ctx)) ?? null };
    } catch (e) {
      return { id, error: toDappError(e) };
    }
  };
}
