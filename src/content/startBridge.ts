/**
 * The content bridge's logic, without `chrome.*` or the global window (both are parameters), so it is tested in
 * Node: relays dapp requests from this window to the background over a runtime Port, and everything the Port sends
 * back to the window. Adds nothing (the background takes the origin from the port's sender), trusts nothing.
 */
import type { DappRequest } from '../shared/protocol/envelope';
import { DAPP_CHANNEL } from '../shared/protocol/envelope';
import { parseWindowRequest } from './parseWindowRequest';

/** The parts of `chrome.runtime.Port` the bridge uses. */
export type BridgePort = {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
};

/** The parts of the isolated world's `window` the bridge uses. */
export type BridgeWindow = {
  location: { origin: string };
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown; source: unknown }) => void): void;
};

export const DISCONNECTED = Object.freeze({ code: 4900, message: 'The wallet disconnected (it restarted); please retry.' });

/**
 * Start relaying. `connect` opens a new Port to the background (`chrome.runtime.connect`); it is called lazily, on
 * the first request, and again after the Port dropped. Every request still in flight when its Port drops is answered
 * with 4900; a post that throws (dead Port, invalidated context) is retried once on a new Port, then answered 4900.
 */
export function startBridge(win: BridgeWindow, connect: () => BridgePort): void {
  let current: { port: BridgePort; inflight: Set<string> } | undefined;

  const toPage = (payload: unknown): void => {
    const origin = win.location.origin;
    win.postMessage({ channel: DAPP_CHANNEL, target: 'inpage', payload }, origin === 'null' ? '*' : origin);
  };

  const link = (): NonNullable<typeof current> => {
    if (current) return current;
    const port = connect();
    const l = { port, inflight: new Set<string>() };
    port.onMessage.addListener((msg: unknown) => {
      if (typeof msg !== 'object' || msg === null) return;
      const id = (msg as { id?: unknown }).id;
      if (typeof id === 'string') l.inflight.delete(id);
      toPage(msg);
    });
    port.onDisconnect.addListener(() => {
      if (current === l) current = undefined; // the next request opens a new port (and wakes the worker)
      for (const id of l.inflight) toPage({ id, error: DISCONNECTED });
      l.inflight.clear();
    });
    return (current = l);
  };

  const send = (request: DappRequest, retry: boolean): void => {
    let l: NonNullable<typeof current> | undefined;
    try {
      l = link();
      l.inflight.add(request.id);
      l.port.postMessage(request);
    } catch {
      // The port died before onDisconnect told us, or the extension was reloaded (context invalidated).
      l?.inflight.delete(request.id);
      if (current === l) current = undefined;
      if (retry) send(request, false);
      else toPage({ id: request.id, error: DISCONNECTED });
    }
  };

  win.addEventListener('message', (event) => {
    const request = parseWindowRequest(event.data, event.source, win);
    if (request) send(request, true);
  });
}
