// Content bridge (isolated world, document_start, every frame): relays dapp requests from this window to the
// background over a runtime Port, and everything the Port sends back to the window. Adds nothing (the
// background takes the origin from the port's sender), trusts nothing.
import { DAPP_CHANNEL, DAPP_PORT_NAME, type DappRequest } from '../shared/protocol/envelope';
import { parseWindowRequest } from './parseWindowRequest';

const DISCONNECTED = { code: 4900, message: 'The wallet disconnected (it restarted); please retry.' };
let current: { port: chrome.runtime.Port; inflight: Set<string> } | undefined;

function toPage(payload: unknown): void {
  const origin = window.location.origin;
  window.postMessage({ channel: DAPP_CHANNEL, target: 'inpage', payload }, origin === 'null' ? '*' : origin);
}

function connect(): NonNullable<typeof current> {
  if (current) return current;
  const port = chrome.runtime.connect({ name: DAPP_PORT_NAME });
  const link = { port, inflight: new Set<string>() };
  port.onMessage.addListener((msg: unknown) => {
    if (typeof msg !== 'object' || msg === null) return;
    const id = (msg as { id?: unknown }).id;
    if (typeof id === 'string') link.inflight.delete(id);
    toPage(msg);
  });
  port.onDisconnect.addListener(() => {
    if (current === link) current = undefined; // the next request opens a new port (and wakes the worker)
    for (const id of link.inflight) toPage({ id, error: DISCONNECTED });
    link.inflight.clear();
  });
  return (current = link);
}

function send(request: DappRequest, retry: boolean): void {
  let link;
  try {
    link = connect();
    link.inflight.add(request.id);
    link.port.postMessage(request);
  } catch {
    // The port died before onDisconnect told us, or the extension was reloaded (context invalidated).
    link?.inflight.delete(request.id);
    if (current === link) current = undefined;
    if (retry) send(request, false);
    else toPage({ id: request.id, error: DISCONNECTED });
  }
}

window.addEventListener('message', (event) => {
  const request = parseWindowRequest(event.data, event.source, window);
  if (request) send(request, true);
});
