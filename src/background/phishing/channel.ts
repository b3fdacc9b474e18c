/**
 * The warning page's channel to the background: a runtime Port named PHISHING_PORT_NAME, accepted only from the
 * extension's own pages (index.ts checks the sender as for the popup). Envelope `{ id, method, params }` →
 * `{ id, result } | { id, error }`, like the popup channel. The page imports the port name and
 * result types from here (nothing heavy at run time).
 */
import { InvalidParamsError, MethodNotFoundError, serializeError } from '../../shared/errors';
import type { RpcResponse } from '../../shared/protocol/envelope';
import type { UiLanguage } from '../../shared/types';

export const PHISHING_PORT_NAME = 'meridian-phishing';

/** `info`: the UI language setting, to draw the page. `continue` ("Continue anyway"): remember the host of `url`
 * and answer the URL to open once the rule lets it through. */
export type PhishingMethod = 'info' | 'continue';
export type PhishingResults = { info: { language: UiLanguage }; continue: { url: string } };

export type PhishingChannelDeps = {
  language(): Promise<UiLanguage>;
  continueTo(url: string): Promise<string>;
};

/** One request from the page; null when it has no usable id (nothing to answer). */
export async function handlePhishingMessage(msg: unknown, deps: PhishingChannelDeps): Promise<RpcResponse | null> {
  if (typeof msg !== 'object' || msg === null) return null;
  const { id, method, params } = msg as { id?: unknown; method?: unknown; params?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  try {
    if (method === 'info') {
      if (params !== undefined && (typeof params !== 'object' || params === null || Object.keys(params).length > 0)) throw new InvalidParamsError('Invalid params.');
      return { id, result: { language: await deps.language() } satisfies PhishingResults['info'] };
    }
    if (method === 'continue') {
      const url = (params as { url?: unknown } | null | undefined)?.url;
      if (typeof url !== 'string' || url.length === 0 || url.length > 4096) throw new InvalidParamsError('Invalid params.');
      return { id, result: { url: await deps.continueTo(url) } satisfies PhishingResults['continue'] };
    }
    throw new MethodNotFoundError('Unknown method.');
  } catch (e) {
    return { id, error: serializeError(e) };
  }
}
