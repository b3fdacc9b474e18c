/** A scripted Transport: records calls, answers with `handler`, and lets a test push background events. */
import type { Transport } from '../../../src/inpage/transport';
import type { DappEvent, DappFamily } from '../../../src/shared/protocol/envelope';

export type Call = { family: DappFamily; method: string; params?: unknown };
export function fakeTransport(handler: (call: Call) => unknown | Promise<unknown>) {
  const calls: Call[] = [];
  const answers: Promise<unknown>[] = [];
  const listeners: Array<(e: DappEvent) => void> = [];
  const transport: Transport = {
    request(family, method, params) {
      const call = params === undefined ? { family, method } : { family, method, params };
      calls.push(call);
      const answer = (async () => handler(call))();
      answers.push(answer);
      return answer;
    },
    onEvent(l) { listeners.push(l); },
  };
  return {
    transport, calls,
    push: (e: DappEvent) => { for (const l of listeners) l(e); },
    /**
     * Resolves once every answer given so far has settled AND the callbacks the caller attached to it have run
     * (they were attached first, so they run first): no timer involved.
     */
    settled: async () => { await Promise.allSettled(answers); },
  };
}

/** A promise the test resolves when it chooses (an answer that arrives "late"). */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
