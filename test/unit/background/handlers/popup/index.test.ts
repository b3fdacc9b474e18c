import { describe, expect, it } from 'vitest';
import { InvalidMnemonicError, InvalidParamsError, MethodNotFoundError, errorFromSerialized } from '../../../../../src/shared/errors';
import { PopupSchema } from '../../../../../src/shared/protocol/popupSchema';
import { dispatchPopup, popupHandlers } from '../../../../../src/background/handlers/popup/index';
import { createMemoryStorage } from '../../../../../src/background/storageArea';
import { createWallet, type Wallet } from '../../../../../src/background/wallet';
import { GENERATED_MNEMONIC } from '../../../helpers/vectors';

function ctx() {
  const wallet = createWallet({
    local: createMemoryStorage(), session: createMemoryStorage(),
    alarms: { async schedule() {}, async clear() {} }, now: () => 1_750_000_000_000,
  });
  return { wallet };
}
const SECRET = 'Sup3r-S3cret-Value-42';

type Err = { id: number | string; error: { code: number; message: string; data?: unknown } };
const asErr = (r: unknown) => r as Err;

describe('dispatchPopup', () => {
  it('has a handler for every schema method and no other', () => {
    expect(Object.keys(popupHandlers).sort()).toEqual(Object.keys(PopupSchema).sort());
  });

  it('answers a valid call with {id, result}', async () => {
    const r = await dispatchPopup({ id: 7, method: 'getState', params: {} }, ctx());
    expect(r).toMatchObject({ id: 7, result: { status: 'uninitialized', accounts: [], selectedAccountId: null } });
    // missing params count as {}
    expect(await dispatchPopup({ id: 'a', method: 'getState' }, ctx())).toMatchObject({ id: 'a', result: { status: 'uninitialized' } });
    expect(await dispatchPopup({ id: 8, method: 'validatePhrase', params: { phrase: GENERATED_MNEMONIC } }, ctx()))
      .toEqual({ id: 8, result: { wordCount: 24, language: 'english' } });
  });

  it.each(['nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', ''])('unknown method %j → -32601', async (method) => {
    const r = asErr(await dispatchPopup({ id: 1, method, params: {} }, ctx()));
    expect(r.id).toBe(1);
    expect(r.error.code).toBe(-32601);
    expect(errorFromSerialized(r.error)).toBeInstanceOf(MethodNotFoundError);
  });

  // Every row names the value that must never come back, and the exact message (field names only, never values).
  it.each([
    ['password of the wrong type', 'unlock', { password: 918273645 }, '918273645', 'password'],
    ['password as an array', 'unlock', { password: [SECRET] }, SECRET, 'password'],
    ['an extra field', 'unlock', { password: 'x', extra: SECRET }, SECRET, '(params)'],
    ['an extra field whose key is the secret', 'getState', { [SECRET]: 1 }, SECRET, '(params)'],
    ['an extra key that is the secret, next to a valid field', 'unlock', { password: 'Valid-Pa55word', [SECRET]: 'y' }, SECRET, '(params)'],
    ['a too-long phrase', 'validatePhrase', { phrase: `${SECRET} `.repeat(300) }, SECRET, 'phrase'],
    ['a bad family', 'importPrivateKey', { family: SECRET, privateKey: 'k', password: 'p' }, SECRET, 'family'],
    ['a non-integer setting', 'updateSettings', { autoLockMinutes: 2.5 }, '2.5', 'autoLockMinutes'],
    ['params as an array', 'unlock', [SECRET], SECRET, '(params)'],
    ['params as a string', 'unlock', SECRET, SECRET, '(params)'],
  ])('%s → -32602 without echoing the value', async (_n, method, params, value, fields) => {
    const r = asErr(await dispatchPopup({ id: 2, method, params }, ctx()));
    expect(r).toEqual({ id: 2, error: { code: -32602, message: `Invalid parameters: ${fields}.` } });
    // the whole answer as it would travel (message, data, anything serialized), and the rebuilt error
    expect(JSON.stringify(r)).not.toContain(value);
    const back = errorFromSerialized(r.error);
    expect(back).toBeInstanceOf(InvalidParamsError);
    expect(`${back.message} ${JSON.stringify(back.data ?? null)}`).not.toContain(value);
  });

  it('names the offending field', async () => {
    const r = asErr(await dispatchPopup({ id: 3, method: 'unlock', params: { password: 5 } }, ctx()));
    expect(r.error.message).toBe('Invalid parameters: password.');
  });

  it.each([null, undefined, 'unlock', 42, true, [], [{ id: 1, method: 'getState' }], { method: 'getState' }, { id: 1 },
    { id: 1.5, method: 'getState' }, { id: 'x'.repeat(65), method: 'getState' }, { id: 1, method: 5 }, { id: 1, method: 'm'.repeat(101) }])(
    'a malformed envelope %j → null (no answer)', async (msg) => {
      expect(await dispatchPopup(msg, ctx())).toBeNull();
    });

  it('a coded error from a handler keeps code, class and data; the message carries no other words of the phrase', async () => {
    const words = GENERATED_MNEMONIC.split(' ');
    words[4] = 'trayy';
    const r = asErr(await dispatchPopup({ id: 4, method: 'validatePhrase', params: { phrase: words.join(' ') } }, ctx()));
    expect(r.error).toEqual({
      code: 1003, message: expect.any(String),
      data: { reason: 'unknown-word', position: 5, word: 'trayy', suggestion: 'tray', language: 'english' },
    });
    const back = errorFromSerialized(r.error);
    expect(back).toBeInstanceOf(InvalidMnemonicError);
    expect(back.data).toEqual(r.error.data);
    for (const w of words.filter((x) => x !== 'trayy')) expect(r.error.message).not.toMatch(new RegExp(`\\b${w}\\b`));
  });

  it('a plain Error from a handler becomes -32603 "Internal error" (its message does not leak)', async () => {
    const wallet = { getState: async () => { throw new Error(`boom ${SECRET}`); } } as unknown as Wallet;
    const r = asErr(await dispatchPopup({ id: 5, method: 'getState', params: {} }, { wallet }));
    expect(r).toEqual({ id: 5, error: { code: -32603, message: 'Internal error' } });
  });
});
