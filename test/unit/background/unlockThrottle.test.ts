import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../src/background/storageArea';
import { createUnlockThrottle, delayAfter } from '../../../src/background/unlockThrottle';

describe('unlock throttle', () => {
  it('three free attempts, then 1 s, 2 s, 4 s … capped at 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 11, 12, 30, 1000].map(delayAfter))
      .toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 256000, 300000, 300000, 300000]);
  });

  it('persists failures in storage and counts the wait from the last failure', async () => {
    const local = createMemoryStorage();
    let t = 10_000;
    const th = createUnlockThrottle(local, () => t);
    for (let i = 0; i < 4; i++) await th.fail();
    expect(local.dump()).toEqual({ unlockThrottle: { failures: 4, lastFailureAt: 10_000 } });
    expect(await th.retryAfterMs()).toBe(2000);
    t += 1500;
    expect(await createUnlockThrottle(local, () => t).retryAfterMs()).toBe(500);
    t += 600;
    expect(await th.retryAfterMs()).toBe(0);
    await th.reset();
    expect(local.dump()).toEqual({});
  });

  it('a clock set back after a failure never makes the wait longer than the delay (and free attempts never wait)', async () => {
    const local = createMemoryStorage();
    let t = 5_000_000;
    const th = createUnlockThrottle(local, () => t);
    await th.fail();
    t -= 3_600_000; // NTP moves the clock back an hour
    expect(await th.retryAfterMs()).toBe(0);
    t += 3_600_000;
    for (let i = 0; i < 3; i++) await th.fail(); // 4 failures: 2 s
    t -= 3_600_000;
    expect(await th.retryAfterMs()).toBe(2000);
  });
});
