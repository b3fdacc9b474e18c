import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/shared/errors';
import { MeridianError, errorFromSerialized, isSerializedError, serializeError } from '../../../src/shared/errors';

const EXPECTED_CODES: Record<string, number> = {
  UserRejectedError: 4001, UnauthorizedError: 4100, UnsupportedMethodError: 4200, DisconnectedError: 4900,
  ChainDisconnectedError: 4901, UnknownChainError: 4902, InvalidParamsError: -32602, InternalError: -32603,
  MethodNotFoundError: -32601, InvalidRequestError: -32600, LimitExceededError: -32005, LockedError: 1000,
  WrongPasswordError: 1001, VaultCorruptError: 1002, InvalidMnemonicError: 1003, InvalidPrivateKeyError: 1004,
  TooManyAttemptsError: 1005, NoVaultError: 1006, VaultExistsError: 1007, WeakPasswordError: 1008,
  DuplicateAccountError: 1009, NotFoundError: 1010, StorageFullError: 1011, PasskeyError: 1012,
};
const classes = Object.entries(errors)
  .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof MeridianError) as
  Array<[string, typeof MeridianError]>;

describe('coded errors', () => {
  it('every error class has its documented code', () => {
    expect(Object.fromEntries(classes.map(([n, C]) => [n, C.code]))).toEqual(EXPECTED_CODES);
  });

  it.each(classes)('%s round-trips through serializeError / JSON / errorFromSerialized with code, class and data', (name, C) => {
    const data = { reason: 'x', position: 5, nested: { list: [1, 'two'] } };
    const wire = JSON.parse(JSON.stringify(serializeError(new C('Something happened.', data))));
    expect(wire).toEqual({ code: EXPECTED_CODES[name], message: 'Something happened.', data });
    expect(isSerializedError(wire)).toBe(true);
    const back = errorFromSerialized(wire);
    expect(back).toBeInstanceOf(C);
    expect(back).toBeInstanceOf(MeridianError);
    expect(back.name).toBe(name);
    expect([back.code, back.message, back.data]).toEqual([EXPECTED_CODES[name], 'Something happened.', data]);
    // without data: no data key on the wire
    expect(serializeError(new C('No data.'))).toEqual({ code: EXPECTED_CODES[name], message: 'No data.' });
  });

  it.each([
    ['a plain Error', new Error('abandon abandon secret key 0xac0974bec39a17e3')],
    ['a TypeError', new TypeError('Cannot read properties of undefined (reading "hunter2")')],
    ['a string', 'raw secret string'],
    ['null', null],
    ['an object with code and message', { code: 1001, message: 'forged' }],
  ])('%s becomes -32603 "Internal error" with no leak', (_n, thrown) => {
    expect(serializeError(thrown)).toEqual({ code: -32603, message: 'Internal error' });
  });

  it('an unknown code is kept on a generic MeridianError', () => {
    const e = errorFromSerialized({ code: 4321, message: 'odd', data: { a: 1 } });
    expect(e.constructor).toBe(MeridianError);
    expect([e.code, e.message, e.data]).toEqual([4321, 'odd', { a: 1 }]);
  });

  it('isSerializedError rejects malformed shapes', () => {
    for (const x of [null, 'x', { code: '1', message: 'm' }, { code: 1 }, { message: 'm' }]) expect(isSerializedError(x)).toBe(false);
  });
});
