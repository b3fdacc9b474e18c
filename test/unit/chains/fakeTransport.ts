import type { RpcCall, RpcOutcome, RpcTransport } from '../../../src/chains/rpcTransport';
import { unwrap } from '../../../src/chains/rpcTransport';

/** An RpcTransport answering from a handler; records every HTTP-equivalent batch. */
export function fakeTransport(handler: (call: RpcCall) => unknown): RpcTransport & { batches: RpcCall[][] } {
  const batches: RpcCall[][] = [];
  const batch = async (calls: readonly RpcCall[]): Promise<RpcOutcome[]> => {
    batches.push([...calls]);
    return calls.map((c) => {
      try {
        return { ok: true, result: handler(c) };
      } catch (e) {
        return { ok: false, error: { code: -32000, message: (e as Error).message } };
      }
    });
  };
  return {
    urls: ['fake://'],
    batches,
    batch,
    async request<T>(method: string, params: unknown[] = []) {
      return unwrap<T>((await batch([{ method, params }]))[0], method);
    },
    backoffState: () => ({}),
  };
}
