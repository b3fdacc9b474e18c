/** The warning page's client for the phishing channel (one Port; a dropped Port fails the calls in flight). */
import { errorFromSerialized, isSerializedError } from '../shared/errors';
import type { RpcResponse } from '../shared/protocol/envelope';
import { PHISHING_PORT_NAME, type PhishingMethod, type PhishingResults } from '../background/phishing/channel';

let port: chrome.runtime.Port | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

function connect(): chrome.runtime.Port {
  if (port) return port;
  const p = chrome.runtime.connect({ name: PHISHING_PORT_NAME });
  p.onMessage.addListener((msg: RpcResponse) => {
    const entry = pending.get(msg.id as number);
    if (!entry) return;
    pending.delete(msg.id as number);
    if ('error' in msg && isSerializedError(msg.error)) entry.reject(errorFromSerialized(msg.error));
    else entry.resolve((msg as { result: unknown }).result);
  });
  p.onDisconnect.addListener(() => {
    port = null;
    for (const e of pending.values()) e.reject(new Error('The wallet restarted; please try again.'));
    pending.clear();
  });
  return (port = p);
}

export function call<M extends PhishingMethod>(method: M, params: M extends 'continue' ? { url: string } : Record<string, never>): Promise<PhishingResults[M]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    connect().postMessage({ id, method, params });
  });
}
