/** Counterexamples the property suites found (issue 9), kept as plain tests. Each failed before its fix. */
import { createSiweMessage } from 'viem/siwe';
import { describe, expect, it } from 'vitest';
import { buildSiwsMessage, parseSiwe, parseSiws } from '../../../src/background/dapp/decode/siwe';
import { decodeTypedData } from '../../../src/background/dapp/decode/typedData';
import { parseMnemonic, suggestWord } from '../../../src/background/vault/mnemonic';
import { InvalidMnemonicError, InvalidParamsError } from '../../../src/shared/errors';

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('SIWE / SIWS: a statement that starts like a field line (seed 4362, 4363)', () => {
  it('an EIP-4361 statement "URI: a" is the statement, and the real URI line is the URI', () => {
    const text = createSiweMessage({
      domain: 'localhost', address: '0x0000000000000000000000000000000000000000', statement: 'URI: a', uri: 'https://0.0.0.0/', version: '1',
      chainId: 1, nonce: 'aaaaaaaa', issuedAt: new Date('1971-01-01T00:00:00.000Z'),
    });
    expect(parseSiwe(text)).toEqual({
      domain: 'localhost', address: '0x0000000000000000000000000000000000000000', statement: 'URI: a', uri: 'https://0.0.0.0/', version: '1',
      chainId: 1, nonce: 'aaaaaaaa', issuedAt: '1971-01-01T00:00:00.000Z',
    });
  });

  it('a SIWS statement "URI: a" followed by fields stays the statement', () => {
    const text = buildSiwsMessage({ domain: 'a.aa', address: 'a', statement: 'URI: a', resources: [] });
    expect(parseSiws(text)).toMatchObject({ domain: 'a.aa', address: 'a', statement: 'URI: a', resources: [] });
    expect(parseSiws(text)?.uri).toBeUndefined();
  });
});

describe('typed data: type names of Object.prototype (seed 713)', () => {
  it('primaryType "toString" is refused with InvalidParamsError, not a TypeError', () => {
    expect(caught(() => decodeTypedData({ types: { Mail: [] }, primaryType: 'toString', domain: {}, message: {} }))).toBeInstanceOf(InvalidParamsError);
  });

  it('a field typed "constructor" or "hasOwnProperty" is an unknown type', () => {
    for (const type of ['constructor', 'hasOwnProperty', 'toString']) {
      const e = caught(() => decodeTypedData({ types: { Mail: [{ name: 'x', type }] }, primaryType: 'Mail', domain: {}, message: { x: {} } }));
      expect(e).toBeInstanceOf(InvalidParamsError);
      expect((e as Error).message).toContain(`unknown type "${type}"`);
    }
  });
});

describe('phrase import: the suggestion search stays fast (seed 40)', () => {
  const words = 'arguto baita sarcasmo guaio gruppo mittente alogeno viscoso mirtillo cirrosi pyooktre motosega surgelato sillaba alato smottato gregge anarchia'.split(' ');

  it('a long pasted token costs no edit-distance table per word, and gets no suggestion', () => {
    const token = 'q7c3gsch86bdt4meqncf7gr77xjz'.repeat(100);
    caught(() => parseMnemonic('abandon '.repeat(12))); // build the wordlists outside the timing
    const t0 = performance.now();
    const e = caught(() => parseMnemonic([...words.slice(0, 10), token, ...words.slice(11)].join(' '))) as InvalidMnemonicError;
    expect(performance.now() - t0).toBeLessThan(100);
    expect(e).toBeInstanceOf(InvalidMnemonicError);
    expect(e.data).toEqual({ reason: 'unknown-word', position: 11, word: token, suggestion: undefined, language: 'italian' });
  });

  it('an unknown short word still gets the same suggestion as before', () => {
    const e = caught(() => parseMnemonic(words.join(' '))) as InvalidMnemonicError;
    expect(e.data).toEqual({ reason: 'unknown-word', position: 11, word: 'pyooktre', suggestion: 'oltre', language: 'italian' });
    expect(suggestWord('abandn', 'english')).toBe('abandon');
    expect(suggestWord('diarry', 'english')).toBe('diary');
    expect(suggestWord('xqzvkwpj', 'english')).toBeUndefined();
  });
});
