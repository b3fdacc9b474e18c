/**
 * The inpage end of the dapp channel: posts `{ channel, target: 'content', payload }` to its own window, matches
 * answers by random id and hands events to a listener. Runs on hostile ground: keeps nothing but pending ids.
 */
import { uuidV4 } from './uuid';
import { DAPP_CHANNEL, type DappEvent, type DappFamily, type DappRequest, type DappResponse } from '../shared/protocol/envelope';

/** EIP-1193 ProviderRpcError: an Error with the code (and data) the background chose. */
export class ProviderRpcError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'ProviderRpcError';
    this.code = code;
    this.data = data;
  }
}

/** The window surface the transport uses (a fake in unit tests). */
export type WindowLike = {
  location: { origin: string };
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown; source: unknown }) => void): void;
};

export type Transport = {
  request(family: DappFamily, method: string, params?: unknown): Promise<unknown>;
  /** Add a receiver of background events (each provider takes its family's). */
  onEvent(listener: (event: DappEvent) => void): void;
};

const EVENTS = new Set<string>(['evm:accountsChanged', 'evm:chainChanged', 'evm:connect', 'evm:disconnect', 'solana:accountsChanged', 'solana:chainChanged']);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Shape-check a window message meant for the inpage script; anything else (page traffic, our own requests) → undefined. */
export function parseInpageMessage(data: unknown, source: unknown, win: unknown): DappResponse | DappEvent | undefined {
  if (source !== win || !isObject(data) || data.channel !== DAPP_CHANNEL || data.target !== 'inpage') return undefined;
  const p = data.payload;
  if (!isObject(p)) return undefined;
  if (typeof p.event === 'string') return EVENTS.has(p.event) ? ({ event: p.event, data: p.data } as DappEvent) : undefined;
  if (typeof p.id !== 'string') return undefined;
  if ('error' in p) {
    const e = p.error;
    if (!isObject(e) || typeof e.code !== 'number' || typeof e.message !== 'string') return undefined;
    return { id: p.id, error: { code: e.code, message: e.message, data: e.data } };
  }
  return 'result' in p ? { id: p.id, result: p.result } : undefined;
}

export function targetOrigin(win: WindowLike): string {
  const o = win.location.origin;
  return o === 'null' ? '*' : o;
}

export function createWindowTransport(win: WindowLike, newId: () => string = uuidV4): Transport {
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>();
  const eventListeners: Array<(event: DappEvent) => void> = [];
  win.addEventListener('message', (event) => {
    const msg = parseInpageMessage(event.data, event.source, win);
    if (!msg) return;
    if ('event' in msg) { for (const l of eventListeners) l(msg); return; }
    const waiter = pending.get(msg.id);
    if (!waiter) return; // not ours (another frame's id, or a forged answer)
    pending.delete(msg.id);
    if ('error' in msg) waiter.reject(new ProviderRpcError(msg.error.code, msg.error.message, msg.error.data));
    else waiter.resolve(msg.result);
  });
  return Object.freeze({
    request(family: DappFamily, method: string, params?: unknown): Promise<unknown> {
      return new Promise((resolve, reject) => {
        const id = newId();
        const payload: DappRequest = params === undefined ? { id, family, method } : { id, family, method, params };
        try {
          win.postMessage({ channel: DAPP_CHANNEL, target: 'content', payload }, targetOrigin(win));
        } catch {
          // DataCloneError: params that cannot cross postMessage (functions, DOM nodes…)
          reject(new ProviderRpcError(-32602, 'Invalid params: not serializable'));
          return;
        }
        pending.set(id, { resolve, reject });
      });
    },
    onEvent(listener: (event: DappEvent) => void) { eventListeners.push(listener); },
  });
}
