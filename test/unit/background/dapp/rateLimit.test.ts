// The per-origin token bucket: `burst` at once, refilled at `perSecond`, never above `burst`. Clock injected.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../../src/background/dapp/rateLimit';
import { createDappRouter } from '../../../../src/background/dapp/router';
import { makeDappEnv } from './dappEnv';

describe('rate limit refill', () => {
  it('refills at perSecond, one request per whole token, capped at burst after a long pause', () => {
    let t = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 2, now: () => t });
    const take = (k = 'https://a.example') => limiter.take(k);
    const takeAll = () => { let n = 0; while (take()) n++; return n; };
    expect(takeAll()).toBe(3); // the burst
    t = 250; // half a token
    expect(take()).toBe(false);
    t = 500; // the refused request spent nothing: 0.5 + 0.5 = one token
    expect(take()).toBe(true);
    expect(take()).toBe(false);
    t = 2_000; // 1.5 s → 3 tokens
    expect(takeAll()).toBe(3);
    t = 600_000; // ten minutes idle: still only the burst
    expect(takeAll()).toBe(3);
  });

  it('each origin has its own bucket', () => {
    const limiter = createRateLimiter({ burst: 2, perSecond: 1, now: () => 0 });
    expect([limiter.take('https://a.example'), limiter.take('https://a.example'), limiter.take('https://a.example')]).toEqual([true, true, false]);
    expect([limiter.take('https://b.example'), limiter.take('https://b.example'), limiter.take('https://b.example')]).toEqual([true, true, false]);
  });

  it('through the router: -32005 with its message once the bucket is empty, answers again after the refill', async () => {
    let t = 10_000;
    const env = await makeDappEnv();
    const route = createDappRouter({ now: () => t, burst: 2, perSecond: 4 });
    const answer = async (id: string) => (await route({ id, family: 'evm', method: 'eth_chainId' }, env.ctx))!;
    expect(await answer('1')).toEqual({ id: '1', result: '0x7a69' });
    expect(await answer('2')).toEqual({ id: '2', result: '0x7a69' });
    expect(await answer('3')).toEqual({ id: '3', error: { code: -32005, message: 'Too many requests; slow down.' } });
    t += 249;
    expect(await answer('4')).toEqual({ id: '4', error: { code: -32005, message: 'Too many requests; slow down.' } });
    t += 1; // 250 ms at 4/s: one token
    expect(await answer('5')).toEqual({ id: '5', result: '0x7a69' });
    expect(await answer('6')).toEqual({ id: '6', error: { code: -32005, message: 'Too many requests; slow down.' } });
  });
});
