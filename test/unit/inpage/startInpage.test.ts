import type { Wallet } from '@wallet-standard/base';
import { describe, expect, it } from 'vitest';
import { MeridianEthereumProvider } from '../../../src/inpage/eip1193Provider';
import { startInpage } from '../../../src/inpage/startInpage';
import { deferred, fakeTransport } from './fakeTransport';

const ADDR = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const other = Object.freeze({ isOtherWallet: true });
type Win = EventTarget & { ethereum?: unknown };

/**
 * The inpage wiring on a fake window (an EventTarget), with the background's provider state released by the test.
 * `before` prepares the window as the page/other wallets left it before our script ran.
 */
function load(isDefaultWallet: boolean, before: (win: Win) => void = () => {}) {
  const win: Win = new EventTarget();
  before(win);
  const announced: unknown[] = [];
  win.addEventListener('eip6963:announceProvider', (e) => announced.push((e as CustomEvent<{ provider: unknown }>).detail.provider));
  const seed = deferred<unknown>();
  const f = fakeTransport((c) => (c.method === 'meridian_getProviderState' ? seed.promise : null));
  const registered: Wallet[] = [];
  const { provider, wallet } = startInpage(win, f.transport, (w) => { registered.push(w); });
  const answerState = async (state: unknown = { chainId: '0x7a69', accounts: [ADDR], isDefaultWallet }) => {
    seed.resolve(state);
    await f.settled();
  };
  const failState = async () => {
    seed.reject(Object.assign(new Error('The wallet disconnected'), { code: 4900 }));
    await f.settled();
  };
  return { win, provider, wallet, announced, registered, answerState, failState, calls: f.calls };
}

describe('startInpage: window.ethereum and the default-wallet setting', () => {
  it('wires everything: the provider (EIP-6963), the Solana wallet (Wallet Standard), one state request', () => {
    const l = load(false);
    expect(l.provider).toBeInstanceOf(MeridianEthereumProvider);
    expect(l.announced).toEqual([l.provider]);
    expect(l.registered).toEqual([l.wallet]);
    expect(l.calls).toEqual([{ family: 'evm', method: 'meridian_getProviderState' }]);
  });

  it('free window.ethereum: Meridian takes it at load, before any answer, whatever the setting', () => {
    for (const setting of [false, true]) {
      const l = load(setting);
      expect(l.win.ethereum).toBe(l.provider);
      expect(Object.getOwnPropertyDescriptor(l.win, 'ethereum')).toMatchObject({ configurable: true, writable: true, enumerable: false });
    }
  });

  it('setting off: another wallet that defined window.ethereum first keeps it (Meridian is still announced)', async () => {
    const l = load(false, (w) => { w.ethereum = other; });
    expect(l.win.ethereum).toBe(other);
    await l.answerState();
    expect(l.win.ethereum).toBe(other);
    expect(l.announced).toEqual([l.provider]);
  });

  it('setting off: a wallet that replaces Meridian later is not overridden back', async () => {
    const l = load(false);
    l.win.ethereum = other;
    await l.answerState();
    expect(l.win.ethereum).toBe(other);
  });

  it('setting on: takes window.ethereum over from a wallet that defined it first, once the state arrives', async () => {
    const l = load(true, (w) => { w.ethereum = other; });
    expect(l.win.ethereum).toBe(other); // nothing known yet: no takeover at load
    await l.answerState();
    expect(l.win.ethereum).toBe(l.provider);
    expect(Object.getOwnPropertyDescriptor(l.win, 'ethereum')).toEqual({ value: l.provider, configurable: true, writable: true, enumerable: false });
  });

  it('setting on: also over a wallet that replaced Meridian between load and the state answer, or defined a getter', async () => {
    const late = load(true);
    late.win.ethereum = other;
    await late.answerState();
    expect(late.win.ethereum).toBe(late.provider);
    const getter = load(true, (w) => { Object.defineProperty(w, 'ethereum', { get: () => other, configurable: true }); });
    expect(getter.win.ethereum).toBe(other);
    await getter.answerState();
    expect(getter.win.ethereum).toBe(getter.provider);
  });

  it('setting on: a non-configurable window.ethereum is left alone without throwing', async () => {
    const l = load(true, (w) => { Object.defineProperty(w, 'ethereum', { value: other, configurable: false, writable: false }); });
    await l.answerState();
    expect(l.win.ethereum).toBe(other);
    expect(l.provider.chainId).toBe('0x7a69'); // the state was still taken
  });

  it('no takeover when the state says off, is not `true`, is garbage or fails', async () => {
    for (const state of [
      { chainId: '0x7a69', accounts: [], isDefaultWallet: false },
      { chainId: '0x7a69', accounts: [], isDefaultWallet: 'true' },
      { chainId: '0x7a69', accounts: [], isDefaultWallet: 1 },
      { isDefaultWallet: true }, // no chain id / accounts: not a state
      null,
    ]) {
      const l = load(true, (w) => { w.ethereum = other; });
      await l.answerState(state);
      expect(l.win.ethereum, JSON.stringify(state)).toBe(other);
    }
    const failing = load(true, (w) => { w.ethereum = other; });
    await failing.failState();
    expect(failing.win.ethereum).toBe(other);
  });
});
