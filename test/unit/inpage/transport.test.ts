import { describe, expect, it } from 'vitest';
import { createWindowTransport, parseInpageMessage, ProviderRpcError } from '../../../src/inpage/transport';
import { DAPP_CHANNEL, type DappEvent } from '../../../src/shared/protocol/envelope';
import { fakeWindow } from './fakeWindow';

const answer = (payload: unknown) => ({ channel: DAPP_CHANNEL, target: 'inpage', payload });
const lastRequestId = (win: ReturnType<typeof fakeWindow>) =>
  (win.posted.at(-1)!.message as { payload: { id: string } }).payload.id;

describe('inpage transport', () => {
  it('posts { channel, target: content, payload } to its own origin with a random id', async () => {
    const win = fakeWindow('https://dapp.example');
    const t = createWindowTransport(win);
    void t.request('evm', 'eth_chainId');
    void t.request('solana', 'solana:connect', { silent: true });
    expect(win.posted).toHaveLength(2);
    const [a, b] = win.posted;
    expect(a!.targetOrigin).toBe('https://dapp.example');
    expect(a!.message).toEqual({ channel: DAPP_CHANNEL, target: 'content', payload: { id: expect.any(String), family: 'evm', method: 'eth_chainId' } });
    expect(b!.message).toMatchObject({ payload: { family: 'solana', method: 'solana:connect', params: { silent: true } } });
    const ids = win.posted.map((p) => (p.message as { payload: { id: string } }).payload.id);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("uses '*' only for an opaque ('null') origin", () => {
    const win = fakeWindow('null');
    void createWindowTransport(win).request('evm', 'eth_chainId');
    expect(win.posted[0]!.targetOrigin).toBe('*');
  });

  it('resolves the matching answer and ignores unknown ids, other frames and repeated answers', async () => {
    const win = fakeWindow();
    const t = createWindowTransport(win);
    const p = t.request('evm', 'eth_chainId');
    const id = lastRequestId(win);
    win.deliver(answer({ id: 'someone-else', result: '0x999' }));
    win.deliver(answer({ id, result: '0xdead' }), { name: 'a parent frame' });
    win.deliver({ channel: DAPP_CHANNEL, target: 'content', payload: { id, result: '0xbad' } });
    win.deliver(answer({ id, result: '0x1' }));
    win.deliver(answer({ id, result: '0x2' }));
    await expect(p).resolves.toBe('0x1');
  });

  it('rebuilds coded errors as ProviderRpcError with code, message and data', async () => {
    const win = fakeWindow();
    const t = createWindowTransport(win);
    for (const code of [4001, 4100, 4200, 4900, 4901, 4902, -32602, -32603, 1000, 12345]) {
      const p = t.request('evm', 'eth_sendTransaction', [{}]);
      win.deliver(answer({ id: lastRequestId(win), error: { code, message: `m${code}`, data: { why: code } } }));
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(ProviderRpcError);
      expect(e).toMatchObject({ code, message: `m${code}`, data: { why: code }, name: 'ProviderRpcError' });
    }
  });

  it('rejects params that cannot cross postMessage without sending', async () => {
    const win = fakeWindow();
    const t = createWindowTransport(win);
    await expect(t.request('evm', 'eth_call', [() => 1])).rejects.toMatchObject({ code: -32602 });
    expect(win.posted).toHaveLength(0);
  });

  it('dispatches known events to every listener and drops unknown ones', () => {
    const win = fakeWindow();
    const t = createWindowTransport(win);
    const a: DappEvent[] = [];
    const b: DappEvent[] = [];
    t.onEvent((e) => a.push(e));
    t.onEvent((e) => b.push(e));
    win.deliver(answer({ event: 'evm:chainChanged', data: '0x1' }));
    win.deliver(answer({ event: 'evm:somethingElse', data: 1 }));
    win.deliver(answer({ event: 'solana:accountsChanged', data: [] }), { other: true });
    expect(a).toEqual([{ event: 'evm:chainChanged', data: '0x1' }]);
    expect(b).toEqual(a);
  });
});

describe('parseInpageMessage', () => {
  const w = {};
  it('keeps only well-formed answers and events from this window', () => {
    expect(parseInpageMessage(answer({ id: 'x', result: null }), w, w)).toEqual({ id: 'x', result: null });
    expect(parseInpageMessage(answer({ id: 'x', error: { code: 4001, message: 'no' } }), w, w))
      .toEqual({ id: 'x', error: { code: 4001, message: 'no', data: undefined } });
    for (const bad of [answer({ id: 'x' }), answer({ id: 1, result: 1 }), answer({ id: 'x', error: { code: '4001', message: 'no' } }),
      answer({ id: 'x', error: 'no' }), answer(null), { ...answer({ id: 'x', result: 1 }), channel: 'x' }, 'text', null]) {
      expect(parseInpageMessage(bad, w, w)).toBeUndefined();
    }
    expect(parseInpageMessage(answer({ id: 'x', result: 1 }), {}, w)).toBeUndefined();
  });
});
