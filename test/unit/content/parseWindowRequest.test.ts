import { describe, expect, it } from 'vitest';
import { parseWindowRequest } from '../../../src/content/parseWindowRequest';
import { DAPP_CHANNEL } from '../../../src/shared/protocol/envelope';

const win = { name: 'this window' };
const msg = (payload: unknown, extra: Record<string, unknown> = {}) => ({ channel: DAPP_CHANNEL, target: 'content', payload, ...extra });
const good = { id: 'a1b2', family: 'evm', method: 'eth_chainId' };

describe('parseWindowRequest (the content bridge filter)', () => {
  it('accepts a well-formed request from this window and rebuilds only the four fields', () => {
    expect(parseWindowRequest(msg(good), win, win)).toEqual(good);
    const withExtras = { ...good, params: [1, { a: 2 }], origin: 'https://bank.example', sender: 'x', __proto__hack: 1 };
    const out = parseWindowRequest(msg(withExtras, { origin: 'https://evil.example' }), win, win);
    expect(out).toEqual({ ...good, params: [1, { a: 2 }] });
    expect(Object.keys(out!)).toEqual(['id', 'family', 'method', 'params']);
    expect(parseWindowRequest(msg({ ...good, family: 'solana', method: 'solana:connect', params: {} }), win, win))
      .toEqual({ id: 'a1b2', family: 'solana', method: 'solana:connect', params: {} });
  });

  it('ignores messages from another window or frame', () => {
    expect(parseWindowRequest(msg(good), { name: 'parent frame' }, win)).toBeUndefined();
    expect(parseWindowRequest(msg(good), null, win)).toBeUndefined();
  });

  it('ignores other channels, other targets and non-objects', () => {
    for (const data of [null, undefined, 'string', 42, [], { ...msg(good), channel: 'other' }, { ...msg(good), target: 'inpage' },
      { channel: DAPP_CHANNEL, payload: good }, msg(null), msg('payload'), msg([])]) {
      expect(parseWindowRequest(data, win, win)).toBeUndefined();
    }
  });

  it('checks id, family and method', () => {
    const bad = [
      { ...good, id: 7 }, { ...good, id: '' }, { ...good, id: 'x'.repeat(65) }, { family: 'evm', method: 'eth_chainId' },
      { ...good, family: 'bitcoin' }, { ...good, family: undefined },
      { ...good, method: 1 }, { ...good, method: '' }, { ...good, method: 'm'.repeat(101) },
    ];
    for (const p of bad) expect(parseWindowRequest(msg(p), win, win)).toBeUndefined();
    expect(parseWindowRequest(msg({ ...good, id: 'x'.repeat(64), method: 'm'.repeat(100) }), win, win)).toBeDefined();
  });

  it('ignores forged answers (target inpage), even well-formed ones', () => {
    expect(parseWindowRequest({ channel: DAPP_CHANNEL, target: 'inpage', payload: { id: 'a1b2', result: '0x1' } }, win, win)).toBeUndefined();
  });
});
