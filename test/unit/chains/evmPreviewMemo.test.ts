// The per-RPC-URL memo of eth_simulateV1 support, and what counts as "this node has no such method".
import { describe, expect, it } from 'vitest';
import { createSimulateV1Memo, isMethodUnsupported } from '../../../src/chains/evm/preview';

describe('createSimulateV1Memo', () => {
  it('without persistence: unknown until set, then remembered per URL', async () => {
    const memo = createSimulateV1Memo();
    expect(await memo.get('http://a')).toBeUndefined();
    await memo.set('http://a', true);
    await memo.set('http://b', false);
    expect([await memo.get('http://a'), await memo.get('http://b'), await memo.get('http://c')]).toEqual([true, false, undefined]);
  });

  it('persistence: loaded once per URL, saved on change only', async () => {
    const stored = new Map<string, boolean>([['http://kept', false]]);
    const loads: string[] = [];
    const saves: Array<[string, boolean]> = [];
    const memo = createSimulateV1Memo({
      load: async (url) => { loads.push(url); return stored.get(url); },
      save: async (url, v) => { saves.push([url, v]); stored.set(url, v); },
    });
    expect(await memo.get('http://kept')).toBe(false);
    expect(await memo.get('http://kept')).toBe(false);
    expect(loads).toEqual(['http://kept']);
    await memo.set('http://new', true);
    await memo.set('http://new', true);
    expect(saves).toEqual([['http://new', true]]);
    // A restarted worker (new memo, same store) does not probe again.
    expect(await createSimulateV1Memo({ load: async (u) => stored.get(u), save: async () => {} }).get('http://new')).toBe(true);
  });
});

describe('isMethodUnsupported', () => {
  it('method-not-found answers (JSON-RPC -32601, Hardhat 2 -32004, worded refusals)', () => {
    expect(isMethodUnsupported({ code: -32601, message: 'the method eth_simulateV1 does not exist/is not available' })).toBe(true);
    expect(isMethodUnsupported({ code: -32004, message: 'Method eth_simulateV1 is not supported' })).toBe(true);
    // By the code alone, whatever the words.
    expect(isMethodUnsupported({ code: -32601, message: 'eth_simulateV1' })).toBe(true);
    expect(isMethodUnsupported({ code: -32004, message: 'eth_simulateV1' })).toBe(true);
    expect(isMethodUnsupported({ code: -32000, message: 'Method eth_simulateV1 not found' })).toBe(true);
    expect(isMethodUnsupported({ code: -32000, message: 'unknown method eth_simulateV1' })).toBe(true);
  });

  it('a failure of the call itself is not "unsupported"', () => {
    expect(isMethodUnsupported({ code: -32000, message: 'header not found' })).toBe(false);
    expect(isMethodUnsupported({ code: -38014, message: 'Block number in sequence did not increase' })).toBe(false);
    expect(isMethodUnsupported({ code: 3, message: 'execution reverted' })).toBe(false);
    expect(isMethodUnsupported(undefined)).toBe(false);
  });
});
