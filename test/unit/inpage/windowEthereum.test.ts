import { describe, expect, it } from 'vitest';
import { installWindowEthereum } from '../../../src/inpage/windowEthereum';

const provider = { isMeridian: true };
const other = { isOtherWallet: true };

describe('installWindowEthereum', () => {
  it('defines a configurable, writable, non-enumerable data property when window.ethereum is free', () => {
    const win: Record<string, unknown> = {};
    expect(installWindowEthereum(win, provider)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(win, 'ethereum')).toEqual({ value: provider, configurable: true, writable: true, enumerable: false });
    win.ethereum = other; // the page or another wallet can still assign
    expect(win.ethereum).toBe(other);
  });

  it("leaves another wallet's window.ethereum alone unless asked to replace it", () => {
    const win: Record<string, unknown> = { ethereum: other };
    expect(installWindowEthereum(win, provider)).toBe(false);
    expect(win.ethereum).toBe(other);
    expect(installWindowEthereum(win, provider, true)).toBe(true);
    expect(win.ethereum).toBe(provider);
  });

  it('replaces a configurable getter, and gives up quietly on a non-configurable property', () => {
    const getter = {};
    Object.defineProperty(getter, 'ethereum', { get: () => other, configurable: true });
    expect(installWindowEthereum(getter, provider, true)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(getter, 'ethereum')?.get).toBeUndefined();
    const locked = {};
    Object.defineProperty(locked, 'ethereum', { value: other, configurable: false, writable: false });
    expect(installWindowEthereum(locked, provider, true)).toBe(false);
    expect((locked as { ethereum: unknown }).ethereum).toBe(other);
  });
});
