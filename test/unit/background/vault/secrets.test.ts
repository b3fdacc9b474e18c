import { describe, expect, it } from 'vitest';
import { VaultCorruptError } from '../../../../src/shared/errors';
import { decodeSecrets, encodeSecrets, type VaultSecrets } from '../../../../src/background/vault/secrets';
import { caughtSync } from '../../helpers/errors';

const enc = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));
const KEY = 'ab'.repeat(32);

describe('vault secrets encoding', () => {
  it('round trips', () => {
    const s: VaultSecrets = { v: 1, mnemonic: 'test test test test test test test test test test test junk',
      imported: [{ family: 'evm', secretHex: KEY }, { family: 'solana', secretHex: 'cd'.repeat(32) }] };
    expect(decodeSecrets(encodeSecrets(s))).toEqual(s);
    expect(decodeSecrets(encodeSecrets({ v: 1, mnemonic: null, imported: [] }))).toEqual({ v: 1, mnemonic: null, imported: [] });
  });

  it.each([
    ['not JSON', 'not json at all'],
    ['null', null],
    ['version 2', { v: 2, mnemonic: null, imported: [] }],
    ['mnemonic a number', { v: 1, mnemonic: 5, imported: [] }],
    ['imported missing', { v: 1, mnemonic: null }],
    ['unknown family', { v: 1, mnemonic: null, imported: [{ family: 'btc', secretHex: KEY }] }],
    ['upper-case hex', { v: 1, mnemonic: null, imported: [{ family: 'evm', secretHex: KEY.toUpperCase() }] }],
    ['short key', { v: 1, mnemonic: null, imported: [{ family: 'evm', secretHex: KEY.slice(2) }] }],
  ])('%s → VaultCorruptError reason content, no echo', (_n, value) => {
    const e = caughtSync(() => decodeSecrets(enc(value)));
    expect(e).toBeInstanceOf(VaultCorruptError);
    expect(e.data).toEqual({ reason: 'content' });
    expect(e.message).not.toContain(KEY.slice(0, 16));
  });
});
