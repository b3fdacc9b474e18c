import { describe, expect, it, vi } from 'vitest';
import { MeridianEthereumProvider, validateRequestArguments } from '../../../src/inpage/eip1193Provider';
import { ProviderRpcError } from '../../../src/inpage/transport';
import { deferred, fakeTransport, type Call } from './fakeTransport';

const ADDR = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const state = { chainId: '0x7a69', accounts: [ADDR], isDefaultWallet: false, isMetaMask: false };
const answers = (call: Call): unknown => {
  switch (call.method) {
    case 'meridian_getProviderState': return state;
    case 'eth_chainId': return '0x1';
    case 'eth_requestAccounts': case 'eth_accounts': return [ADDR];
    case 'personal_sign': throw new ProviderRpcError(4001, 'User rejected the request.');
    default: return null;
  }
};

describe('validateRequestArguments', () => {
  it('rejects what is not { method: string, params?: array | object }', () => {
    const cases: Array<[unknown, number]> = [
      [undefined, -32600], [null, -32600], ['eth_chainId', -32600], [[], -32600], [42, -32600], [{}, -32600],
      [{ method: 7 }, -32600], [{ method: '' }, -32600], [{ method: 'm'.repeat(101) }, -32600],
      [{ method: 'eth_call', params: 'x' }, -32602], [{ method: 'eth_call', params: null }, -32602], [{ method: 'eth_call', params: 5 }, -32602],
    ];
    for (const [args, code] of cases) expect(validateRequestArguments(args)).toMatchObject({ code });
    for (const ok of [{ method: 'eth_chainId' }, { method: 'eth_call', params: [] }, { method: 'wallet_watchAsset', params: { type: 'ERC20' } }]) {
      expect(validateRequestArguments(ok)).toBeUndefined();
    }
  });
});

describe('MeridianEthereumProvider', () => {
  it('pins its API (a page may add its own flags), says isMeridian, and isMetaMask is false until the background says the user turned it on', async () => {
    const f = fakeTransport(answers);
    const p = new MeridianEthereumProvider(f.transport);
    expect(p.isMeridian).toBe(true);
    expect(p.isMetaMask).toBe(false);
    await f.settled();
    expect(p.isMetaMask).toBe(false); // the seed said isMetaMask: false
    // Meridian's API is pinned; the object stays extensible for a dapp's own flags (MetaMask's test dapp sets one).
    for (const key of ['request', 'on', 'once', 'removeListener', 'removeAllListeners', 'emit', 'chainId', 'selectedAddress', 'isMetaMask', 'isMeridian']) {
      const d = Object.getOwnPropertyDescriptor(p, key);
      expect(d?.configurable, key).toBe(false);
      if (d && 'value' in d) expect(d.writable, key).toBe(false);
    }
    expect(() => { (p as unknown as { on: unknown }).on = () => p; }).toThrow(TypeError);
    expect(() => Object.defineProperty(p, 'request', { value: () => null })).toThrow(TypeError);
    (p as unknown as { autoRefreshOnNetworkChange: boolean }).autoRefreshOnNetworkChange = false;
    expect((p as unknown as { autoRefreshOnNetworkChange: boolean }).autoRefreshOnNetworkChange).toBe(false);
    expect(() => { (p as unknown as { isMetaMask: boolean }).isMetaMask = true; }).toThrow(TypeError); // the page cannot flip it
    expect(p.isMetaMask).toBe(false);
  });

  it('"Appear as MetaMask": isMetaMask is true exactly when the seed says true (the setting at page load)', async () => {
    for (const [flag, expected] of [[true, true], [false, false], ['true', false], [1, false], [undefined, false]] as const) {
      const onState = vi.fn();
      const f = fakeTransport((c) => (c.method === 'meridian_getProviderState' ? { ...state, isMetaMask: flag } : answers(c)));
      const p = new MeridianEthereumProvider(f.transport, onState);
      await f.settled();
      expect(p.isMetaMask).toBe(expected);
      expect(onState.mock.calls).toEqual([[{ ...state, isMetaMask: expected }]]);
    }
  });

  it('the seed and accountsChanged keep the lower-case accounts the background sends (selectedAddress as MetaMask\'s)', async () => {
    const f = fakeTransport(answers);
    const p = new MeridianEthereumProvider(f.transport);
    const seen = vi.fn();
    p.on('accountsChanged', seen);
    await f.settled();
    expect(p.selectedAddress).toBe(ADDR);
    const other = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
    f.push({ event: 'evm:accountsChanged', data: [other, ADDR] });
    expect(seen.mock.calls).toEqual([[[other, ADDR]]]);
    expect(p.selectedAddress).toBe(other);
  });

  it('sends nothing for an invalid request', async () => {
    const f = fakeTransport(answers);
    const p = new MeridianEthereumProvider(f.transport);
    await f.settled();
    const before = f.calls.length;
    await expect(p.request(null as never)).rejects.toMatchObject({ code: -32600 });
    await expect(p.request({ method: 'eth_call', params: 'x' as never })).rejects.toMatchObject({ code: -32602 });
    expect(f.calls.length).toBe(before);
  });

  it('relays requests to the evm family and passes the background error code through', async () => {
    const f = fakeTransport(answers);
    const p = new MeridianEthereumProvider(f.transport);
    const { request } = p; // detached request still works
    await expect(request({ method: 'eth_chainId' })).resolves.toBe('0x1');
    await expect(p.request({ method: 'personal_sign', params: ['0x00', ADDR] })).rejects.toMatchObject({ code: 4001, message: 'User rejected the request.' });
    expect(f.calls).toContainEqual({ family: 'evm', method: 'personal_sign', params: ['0x00', ADDR] });
  });

  it('seeds chainId/accounts from meridian_getProviderState and reports it once', async () => {
    const f = fakeTransport(answers);
    const onState = vi.fn();
    const p = new MeridianEthereumProvider(f.transport, onState);
    expect(f.calls[0]).toEqual({ family: 'evm', method: 'meridian_getProviderState' });
    await f.settled();
    expect(onState.mock.calls).toEqual([[state]]);
    expect(p.chainId).toBe('0x7a69');
    expect(p.selectedAddress).toBe(ADDR);
  });

  it('does nothing when meridian_getProviderState fails or answers garbage', async () => {
    for (const handler of [() => { throw new ProviderRpcError(4200, 'unsupported'); }, () => ({ chainId: 5 })]) {
      const onState = vi.fn();
      const f = fakeTransport(handler);
      const p = new MeridianEthereumProvider(f.transport, onState);
      await f.settled();
      expect(onState).not.toHaveBeenCalled();
      expect(p.chainId).toBeNull();
      expect(p.selectedAddress).toBeNull();
    }
  });

  describe('a late seed (meridian_getProviderState answered after fresher news)', () => {
    /** A provider whose seed answer the test releases; every other method answers from `answers`. */
    const lateSeed = () => {
      const seed = deferred<unknown>();
      const f = fakeTransport((c) => (c.method === 'meridian_getProviderState' ? seed.promise : answers(c)));
      const onState = vi.fn();
      const p = new MeridianEthereumProvider(f.transport, onState);
      const release = async () => { seed.resolve(state); await f.settled(); };
      return { f, p, onState, release };
    };

    it('does not override the chain id of a chainChanged event that came first', async () => {
      const { f, p, onState, release } = lateSeed();
      f.push({ event: 'evm:chainChanged', data: '0x89' });
      await release();
      expect(p.chainId).toBe('0x89');
      expect(onState.mock.calls).toEqual([[state]]); // still reported (isDefaultWallet), just not cached over
    });

    it('does not override the chain id of an eth_chainId answer that came first', async () => {
      const { p, release } = lateSeed();
      await expect(p.request({ method: 'eth_chainId' })).resolves.toBe('0x1');
      await release();
      expect(p.chainId).toBe('0x1');
    });

    it('does not override the chain id of a connect event that came first', async () => {
      const { f, p, release } = lateSeed();
      f.push({ event: 'evm:connect', data: { chainId: '0xa' } });
      await release();
      expect(p.chainId).toBe('0xa');
    });

    it('does not bring back accounts after an accountsChanged [] (lock) that came first', async () => {
      const { f, p, release } = lateSeed();
      f.push({ event: 'evm:accountsChanged', data: [] });
      await release();
      expect(p.selectedAddress).toBeNull();
    });

    it('fills what nothing fresher set, and a later event still wins over it', async () => {
      const { f, p, release } = lateSeed();
      expect([p.chainId, p.selectedAddress]).toEqual([null, null]);
      await release();
      expect([p.chainId, p.selectedAddress]).toEqual(['0x7a69', ADDR]);
      f.push({ event: 'evm:chainChanged', data: '0x1' });
      expect(p.chainId).toBe('0x1');
    });
  });

  it('updates the cache from eth_chainId / eth_requestAccounts results', async () => {
    const p = new MeridianEthereumProvider(fakeTransport((c) => (c.method === 'meridian_getProviderState' ? Promise.reject(new Error('x')) : answers(c))).transport);
    await p.request({ method: 'eth_chainId' });
    expect(p.chainId).toBe('0x1');
    await p.enable();
    expect(p.selectedAddress).toBe(ADDR);
  });

  it('turns background events into EIP-1193 events and cache updates', async () => {
    const f = fakeTransport(answers);
    const p = new MeridianEthereumProvider(f.transport);
    const seen: Array<[string, unknown]> = [];
    for (const name of ['connect', 'disconnect', 'chainChanged', 'accountsChanged']) p.on(name, (x) => seen.push([name, x]));
    f.push({ event: 'evm:connect', data: { chainId: '0x1' } });
    f.push({ event: 'evm:chainChanged', data: '0x89' });
    f.push({ event: 'evm:accountsChanged', data: [ADDR] });
    f.push({ event: 'evm:accountsChanged', data: [] });
    f.push({ event: 'evm:disconnect', data: { code: 4900, message: 'bye' } });
    f.push({ event: 'evm:chainChanged', data: 'not-hex' as `0x${string}` });
    f.push({ event: 'solana:accountsChanged', data: ['x'] });
    expect(seen.map(([n, x]) => [n, x instanceof Error ? { code: (x as ProviderRpcError).code, message: x.message } : x])).toEqual([
      ['connect', { chainId: '0x1' }], ['chainChanged', '0x89'], ['accountsChanged', [ADDR]], ['accountsChanged', []],
      ['disconnect', { code: 4900, message: 'bye' }],
    ]);
    expect(p.chainId).toBe('0x89');
    expect(p.selectedAddress).toBeNull();
  });

  it('has a working minimal emitter: once, off, removeListener, a throwing listener does not starve others', () => {
    const p = new MeridianEthereumProvider(fakeTransport(answers).transport);
    const a = vi.fn();
    const b = vi.fn();
    const c = vi.fn();
    const thrower = vi.fn(() => { throw new Error('dapp bug'); });
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    p.on('message', thrower).on('message', a).once('message', b).on('message', c);
    expect(p.emit('message', 1)).toBe(true);
    p.off('message', a);
    p.removeListener('message', c);
    p.emit('message', 2);
    expect(thrower).toHaveBeenCalledTimes(2);
    expect(a.mock.calls).toEqual([[1]]);
    expect(b.mock.calls).toEqual([[1]]);
    expect(c.mock.calls).toEqual([[1]]);
    expect(p.listenerCount('message')).toBe(1);
    p.removeAllListeners();
    expect(p.emit('message', 3)).toBe(false);
    err.mockRestore();
  });
});
