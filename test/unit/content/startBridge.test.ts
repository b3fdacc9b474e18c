import { describe, expect, it } from 'vitest';
import { startBridge, type BridgePort } from '../../../src/content/startBridge';
import { DAPP_CHANNEL, type DappRequest } from '../../../src/shared/protocol/envelope';
import { fakeWindow } from '../inpage/fakeWindow';

const DISCONNECTED = { code: 4900, message: 'The wallet disconnected (it restarted); please retry.' };

/** A scripted runtime Port: records posts, can answer, drop, or make postMessage throw (a dead port). */
type FakePort = BridgePort & { posted: unknown[]; dead: boolean; answer(msg: unknown): void; drop(): void };
function fakePort(): FakePort {
  const onMessage: Array<(m: unknown) => void> = [];
  const onDisconnect: Array<() => void> = [];
  const port: FakePort = {
    posted: [],
    dead: false,
    postMessage(m) {
      if (port.dead) throw new Error('Attempting to use a disconnected port object');
      port.posted.push(structuredClone(m));
    },
    onMessage: { addListener: (l) => { onMessage.push(l); } },
    onDisconnect: { addListener: (l) => { onDisconnect.push(l); } },
    answer: (m) => { for (const l of onMessage) l(m); },
    drop: () => { for (const l of onDisconnect) l(); },
  };
  return port;
}

/** A bridge on a fake window; `ports` are the Ports it opened, in order (`nextDead` makes the next one dead). */
function setup(origin = 'https://dapp.example') {
  const win = fakeWindow(origin);
  const ports: FakePort[] = [];
  const opts = { nextDead: 0, connectThrows: false };
  startBridge(win, () => {
    if (opts.connectThrows) throw new Error('Extension context invalidated.');
    const p = fakePort();
    if (opts.nextDead > 0) { opts.nextDead--; p.dead = true; }
    ports.push(p);
    return p;
  });
  const request = (id: string, method = 'eth_chainId'): DappRequest => ({ id, family: 'evm', method });
  const fromPage = (payload: unknown, source: unknown = win) => win.deliver({ channel: DAPP_CHANNEL, target: 'content', payload }, source);
  /** What the bridge posted to the page: [payload, targetOrigin]. */
  const toPage = () => win.posted.map((p) => {
    const m = p.message as { channel: string; target: string; payload: unknown };
    expect([m.channel, m.target]).toEqual([DAPP_CHANNEL, 'inpage']);
    return [m.payload, p.targetOrigin];
  });
  return { win, ports, opts, request, fromPage, toPage };
}

describe('content bridge (startBridge)', () => {
  it('opens no Port until a request comes, then relays the rebuilt request and the answer to this origin', () => {
    const b = setup();
    expect(b.ports).toHaveLength(0);
    b.fromPage({ ...b.request('r1'), origin: 'https://bank.example' });
    expect(b.ports).toHaveLength(1);
    expect(b.ports[0]!.posted).toEqual([{ id: 'r1', family: 'evm', method: 'eth_chainId' }]);
    b.ports[0]!.answer({ id: 'r1', result: '0x7a69' });
    b.ports[0]!.answer({ event: 'evm:chainChanged', data: '0x1' });
    expect(b.toPage()).toEqual([[{ id: 'r1', result: '0x7a69' }, 'https://dapp.example'], [{ event: 'evm:chainChanged', data: '0x1' }, 'https://dapp.example']]);
  });

  it("posts to '*' only for an opaque ('null') origin", () => {
    const b = setup('null');
    b.fromPage(b.request('r1'));
    b.ports[0]!.answer({ id: 'r1', result: null });
    expect(b.toPage()).toEqual([[{ id: 'r1', result: null }, '*']]);
  });

  it('ignores messages from another window and messages of the wrong shape: no Port, nothing posted', () => {
    const b = setup();
    b.fromPage(b.request('r1'), { name: 'a parent frame' });
    b.fromPage(b.request('r2'), null);
    b.fromPage({ id: 'r3', family: 'bitcoin', method: 'x' });
    b.fromPage({ id: 7, family: 'evm', method: 'eth_chainId' });
    b.win.deliver({ channel: 'other', target: 'content', payload: b.request('r4') });
    b.win.deliver({ channel: DAPP_CHANNEL, target: 'inpage', payload: b.request('r5') });
    b.win.deliver('eth_chainId');
    expect(b.ports).toHaveLength(0);
    expect(b.win.posted).toEqual([]);
  });

  it('an answered id leaves the in-flight set: a later disconnect answers only the unanswered ones with 4900', () => {
    const b = setup();
    b.fromPage(b.request('answered'));
    b.fromPage(b.request('waiting'));
    b.fromPage(b.request('also-waiting', 'eth_requestAccounts'));
    expect(b.ports).toHaveLength(1); // one Port for all
    b.ports[0]!.answer({ id: 'answered', error: { code: 4001, message: 'User rejected the request.' } });
    b.ports[0]!.drop();
    expect(b.toPage()).toEqual([
      [{ id: 'answered', error: { code: 4001, message: 'User rejected the request.' } }, 'https://dapp.example'],
      [{ id: 'waiting', error: DISCONNECTED }, 'https://dapp.example'],
      [{ id: 'also-waiting', error: DISCONNECTED }, 'https://dapp.example'],
    ]);
    // The next request opens a new Port; the old one's ids are gone (no second 4900 when it drops again).
    b.fromPage(b.request('next'));
    expect(b.ports).toHaveLength(2);
    expect(b.ports[1]!.posted).toEqual([b.request('next')]);
    b.ports[0]!.drop();
    expect(b.win.posted).toHaveLength(3);
  });

  it('a failed post is retried once on a new Port, and answered there', () => {
    const b = setup();
    b.opts.nextDead = 1;
    b.fromPage(b.request('r1'));
    expect(b.ports).toHaveLength(2);
    expect(b.ports[0]!.posted).toEqual([]);
    expect(b.ports[1]!.posted).toEqual([b.request('r1')]);
    b.ports[1]!.answer({ id: 'r1', result: '0x1' });
    // The dead Port's late onDisconnect must not answer r1 again.
    b.ports[0]!.drop();
    expect(b.toPage()).toEqual([[{ id: 'r1', result: '0x1' }, 'https://dapp.example']]);
    // The new Port is the current one: the next request reuses it.
    b.fromPage(b.request('r2'));
    expect(b.ports).toHaveLength(2);
    expect(b.ports[1]!.posted).toEqual([b.request('r1'), b.request('r2')]);
  });

  it('a post that fails on the retry Port too is answered with 4900 exactly once, and the next request tries afresh', () => {
    const b = setup();
    b.opts.nextDead = 2;
    b.fromPage(b.request('r1'));
    expect(b.ports).toHaveLength(2); // first try + one retry, no more
    expect(b.toPage()).toEqual([[{ id: 'r1', error: DISCONNECTED }, 'https://dapp.example']]);
    for (const p of b.ports) p.drop();
    expect(b.win.posted).toHaveLength(1);
    b.fromPage(b.request('r2'));
    expect(b.ports).toHaveLength(3);
    expect(b.ports[2]!.posted).toEqual([b.request('r2')]);
  });

  it('an invalidated extension context (connect throws) answers 4900 after one retry', () => {
    const b = setup();
    b.opts.connectThrows = true;
    b.fromPage(b.request('r1'));
    expect(b.toPage()).toEqual([[{ id: 'r1', error: DISCONNECTED }, 'https://dapp.example']]);
  });

  it('drops non-object Port messages', () => {
    const b = setup();
    b.fromPage(b.request('r1'));
    for (const m of [null, 'text', 42, undefined]) b.ports[0]!.answer(m);
    expect(b.win.posted).toEqual([]);
  });
});
