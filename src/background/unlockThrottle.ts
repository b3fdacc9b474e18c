import type { StorageArea } from './storageArea';

/** Failed password attempts, persisted so that killing the worker does not reset the delay. */
type ThrottleState = { failures: number; lastFailureAt: number };
const KEY = 'unlockThrottle';
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

/** 0 for the first three failures, then 1 s, 2 s, 4 s, … capped at 5 minutes. */
export function delayAfter(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export function createUnlockThrottle(local: StorageArea, now: () => number) {
  const read = async (): Promise<ThrottleState> => (await local.get<ThrottleState>(KEY)) ?? { failures: 0, lastFailureAt: 0 };
  return {
    async retryAfterMs(): Promise<number> {
      const s = await read();
      const delay = delayAfter(s.failures);
      // Never more than the delay itself: a clock set back after a failure must not lock the user out for longer.
      return delay === 0 ? 0 : Math.min(delay, Math.max(0, s.lastFailureAt + delay - now()));
    },
    async fail(): Promise<void> {
      const s = await read();
      await local.set({ [KEY]: { failures: s.failures + 1, lastFailureAt: now() } });
    },
    async reset(): Promise<void> {
      await local.remove(KEY);
    },
  };
}
