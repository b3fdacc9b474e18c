/**
 * Polls `track` until the transaction is final (confirmed / failed / expired / replaced / dropped) or `timeoutMs`
 * passes (then the last status, "pending", is returned: the caller keeps the handle and resumes later, e.g. from a
 * chrome.alarms alarm). Sleep and clock are injected.
 */
import type { TrackHandle, TrackResult } from './ChainAdapter';

export interface WaitOptions {
  intervalMs?: number;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export async function waitForTransaction(
  adapter: { track(h: TrackHandle): Promise<TrackResult> }, handle: TrackHandle, opts: WaitOptions = {},
): Promise<TrackResult> {
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    const r = await adapter.track(handle);
    if (r.status !== 'pending' || now() >= deadline) return r;
    await sleep(opts.intervalMs ?? 1000);
  }
}
