import { DisconnectedError, errorFromSerialized, isSerializedError } from '../shared/errors';
import type { PopupMethod, PopupParams, PopupResult } from '../shared/protocol/popupSchema';
import { POPUP_PORT_NAME, type PopupEvent, type RpcResponse } from '../shared/protocol/envelope';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Typed client for the popup channel. One Port; if the worker restarts the port drops, pending calls fail
 * with 4900 and the next call reconnects (a restarted worker is still unlocked: the key is in session storage).
 */
function createPopupClient() {
  let port: chrome.runtime.Port | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<() => void>();

  function connect(): chrome.runtime.Port {
    if (port) return port;
    const p = chrome.runtime.connect({ name: POPUP_PORT_NAME });
    p.onMessage.addListener((msg: RpcResponse | PopupEvent) => {
      if ('event' in msg) { listeners.forEach((l) => l()); return; }
      const entry = pending.get(msg.id as number);
      if (!entry) return;
      pending.delete(msg.id as number);
      if ('error' in msg && isSerializedError(msg.error)) entry.reject(errorFromSerialized(msg.error));
      else entry.resolve((msg as { result: unknown }).result);
    });
    p.onDisconnect.addListener(() => {
      port = null;
      for (const [, e] of pending) e.reject(new DisconnectedError('The wallet restarted; please try again.'));
      pending.clear();
      listeners.forEach((l) => l());
    });
    port = p;
    return p;
  }

  return {
    call<M extends PopupMethod>(method: M, params: PopupParams<M>): Promise<PopupResult<M>> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        connect().postMessage({ id, method, params });
      });
    },
    onStateChanged(l: () => void): () => void {
      listeners.add(l);
      connect();
      return () => listeners.delete(l);
    },
  };
}

export const rpc = createPopupClient();
