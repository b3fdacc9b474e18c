/** A scripted Transport: records calls, answers with `handler`, and lets a test push background events. */
import type { Transport } from '../../../src/inpage/transport';
import type { DappEvent, DappFamily } from '../../../src/shared/protocol/envelope';

export type Call = { family: DappFamily; method: string; params?: unknown };
export function fakeTransport(handler: (call: Call) => unknown | Promise<unknown>) {
  const calls: Call[] = [];
  const listeners: Array<(e: DappEvent) => void> = [];
  const transport: Transport = {
    async request(family, method, params) {
      const call = params === undefined ? { family, method } : { family, method, params };
      calls.push(call);
      return handler(call);
    },
    onEvent(l) { listeners.push(l); },
  };
  return { transport, calls, push: (e: DappEvent) => { for (const l of listeners) l(e); } };
}
