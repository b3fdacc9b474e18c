// Helpers for the adapter tests against the dev chains: a full send, a spy signer, RPC pokes.
import type { TrackHandle, TrackResult } from '../../../src/chains/ChainAdapter';
import { waitForTransaction } from '../../../src/chains/waitForTransaction';

export interface FlowAdapter<Built, Signer, Signed> {
  buildTransfer(req: never): Promise<Built>;
  sign(built: Built, signer: Signer): Promise<Signed>;
  broadcast(signed: Signed): Promise<TrackHandle>;
  track(handle: TrackHandle): Promise<TrackResult>;
}

/** build → sign → broadcast → wait (what the background does after the user approves). */
export async function sendAndWait<Req, Built, Signer, Signed>(
  adapter: { buildTransfer(req: Req): Promise<Built>; sign(b: Built, s: Signer): Promise<Signed>; broadcast(s: Signed): Promise<TrackHandle>; track(h: TrackHandle): Promise<TrackResult> },
  req: Req, signer: Signer,
): Promise<{ built: Built; handle: TrackHandle; result: TrackResult }> {
  const built = await adapter.buildTransfer(req);
  const signed = await adapter.sign(built, signer);
  const handle = await adapter.broadcast(signed);
  const result = await waitForTransaction(adapter, handle, { intervalMs: 50, timeoutMs: 20_000 });
  return { built, handle, result };
}

/** Wraps a signer and counts its calls (bad inputs must be refused before it is ever called). */
export function spySigner<P, R>(inner: (p: P) => Promise<R>): ((p: P) => Promise<R>) & { calls: number } {
  const fn = Object.assign(async (p: P) => {
    fn.calls++;
    return inner(p);
  }, { calls: 0 });
  return fn;
}

export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Expect `p` to reject with a MeridianError of `code`. */
export async function expectCode(p: Promise<unknown>, code: number): Promise<void> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  if (!err) throw new Error(`expected an error with code ${code}, got success`);
  const got = (err as { code?: unknown }).code;
  if (got !== code) throw new Error(`expected code ${code}, got ${String(got)}: ${(err as Error).message}`);
}
