import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../src/background/storageArea';
import { createActivityStore, activityKey } from '../../../src/background/stores/activityStore';
import type { ActivityRecord } from '../../../src/chains/activityRecord';
import { createBalanceCache } from '../../../src/background/stores/balanceCache';
import { createNonceTracker } from '../../../src/chains/evm/nonceTracker';

const rec = (id: string, t: number): ActivityRecord => ({
  id, networkId: 'eip155:1', from: '0xA', to: '0xB', amount: '1', symbol: 'ETH', decimals: 18, fee: '21000', status: 'pending', createdAt: t, updatedAt: t,
});

describe('activity store', () => {
  it('persists records per network+account, newest first, and updates status (concurrent adds are not lost)', async () => {
    const storage = createMemoryStorage();
    const store = createActivityStore(storage);
    await Promise.all([store.add(rec('0x1', 1)), store.add(rec('0x2', 2)), store.add(rec('0x3', 3))]);
    expect((await store.list('eip155:1', '0xA')).map((r) => r.id)).toEqual(['0x3', '0x2', '0x1']);
    const u = await store.update('eip155:1', '0xA', '0x2', { status: 'confirmed', fee: '20000', updatedAt: 9 });
    expect(u).toMatchObject({ status: 'confirmed', fee: '20000' });
    // A restarted worker sees the same data through a new store on the same storage.
    expect((await createActivityStore(storage).list('eip155:1', '0xA'))[1]?.status).toBe('confirmed');
    expect(await store.list('eip155:8453', '0xA')).toEqual([]);
    expect(storage.dump()[activityKey('eip155:1', '0xA')]).toHaveLength(3);
    expect(await store.update('eip155:1', '0xA', 'nope', { status: 'failed' })).toBeUndefined();
  });
});

describe('balance cache', () => {
  it('round-trips bigints (beyond 2^53) and nulls with the snapshot time', async () => {
    const cache = createBalanceCache(createMemoryStorage());
    await cache.put({ networkId: 'solana:mainnet', at: 1234, accounts: { A: { native: 2n ** 64n - 1n, tokens: { M: 5n, X: null } } } });
    expect(await cache.get('solana:mainnet', 'A')).toEqual({ at: 1234, balances: { native: 2n ** 64n - 1n, tokens: { M: 5n, X: null } } });
    expect(await cache.get('solana:mainnet', 'B')).toBeUndefined();
    await cache.clear('solana:mainnet', 'A');
    expect(await cache.get('solana:mainnet', 'A')).toBeUndefined();
  });
});

describe('nonce tracker', () => {
  it('never hands out the same nonce twice, even when the RPC pending count lags', () => {
    const t = createNonceTracker(() => 0, 1000);
    const a = t.reserve('0xAbC', 5);
    const b = t.reserve('0xabc', 5); // built before a is broadcast
    expect([a, b]).toEqual([5, 6]);
    t.commit('0xabc', 5);
    t.commit('0xabc', 6);
    expect(t.reserve('0xabc', 5)).toBe(7); // lagging node still says 5
    expect(t.reserve('0xdef', 0)).toBe(0); // per account
  });
  it('reuses a released or expired reservation, and forgets nonces the chain has passed', () => {
    let now = 0;
    const t = createNonceTracker(() => now, 1000);
    expect(t.reserve('a', 1)).toBe(1);
    t.release('a', 1);
    expect(t.reserve('a', 1)).toBe(1); // abandoned screen: no gap
    now = 2000;
    expect(t.reserve('a', 1)).toBe(1); // expired reservation
    t.commit('a', 1);
    expect(t.reserve('a', 3)).toBe(3);
  });
});
