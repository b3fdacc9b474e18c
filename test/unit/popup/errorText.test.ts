import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/popup/errorText';
import { parseAutoLockMinutes } from '../../../src/popup/format';
import { translate, type Locale, type MessageKey } from '../../../src/popup/i18n';
import { ChainIdMismatchError, NetworkExistsError, PreviewChangedError, RpcUnavailableError } from '../../../src/chains/errors';
import { DuplicateAccountError, InvalidPrivateKeyError, WrongPasswordError, errorFromSerialized, type MeridianError } from '../../../src/shared/errors';
import { parseMnemonic } from '../../../src/background/vault/mnemonic';

const tr = (locale: Locale) => (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
/** As the popup receives it: serialized by the background, rebuilt by the client. */
const wire = (e: { toJSON(): { code: number; message: string; data?: unknown } }) => errorFromSerialized(e.toJSON());

describe('errorText for the Settings forms', () => {
  it('names the URL, the chain ids and the network already in the list', () => {
    const t = tr('en');
    expect(errorText(t, wire(new ChainIdMismatchError('x', { url: 'http://a', expected: 4242, got: 31337 })))).toBe('This RPC URL serves chain ID 31337, not 4242.');
    expect(errorText(t, wire(new ChainIdMismatchError('x', { url: 'http://a', expected: 'G1', got: 'G2' })))).toBe('That RPC URL serves a different network.');
    expect(errorText(t, wire(new NetworkExistsError('x', { networkId: 'eip155:31337', name: 'Localnet' })))).toBe('This chain is already in the list as Localnet. Edit its RPC URLs instead.');
    expect(errorText(t, wire(new RpcUnavailableError('x', { url: 'http://127.0.0.1:9', reason: 'refused' })))).toBe('Cannot reach http://127.0.0.1:9.');
    expect(errorText(t, wire(new RpcUnavailableError('x', { url: 'http://127.0.0.1:9' })))).toBe('http://127.0.0.1:9 does not answer like a node of this kind of network.');
    // A failing network on home keeps the short form.
    expect(errorText(t, { code: 1104, message: 'All RPC endpoints failed' })).toBe('network unreachable');
  });

  it('password and key errors in the UI language, not the background’s English', () => {
    expect(errorText(tr('zh_CN'), wire(new WrongPasswordError('Incorrect password.')))).toBe('密码错误。');
    expect(errorText(tr('en'), wire(new InvalidPrivateKeyError('bad')))).toBe('This is not a valid private key.');
    expect(errorText(tr('en'), wire(new DuplicateAccountError('dup')))).toBe('This account is already in your wallet.');
  });
});

describe('errorText for a send whose result changed at Confirm', () => {
  it('names both blocks, in English and Chinese', () => {
    const e = wire(new PreviewChangedError('x', { at: '12', was: '10', whatHappens: { simulated: false, reason: 'n/a' } }));
    expect(errorText(tr('en'), e)).toBe('What this transfer does changed: it was simulated again at block 12 (you saw block 10). Check it again before you confirm.');
    expect(errorText(tr('zh_CN'), e)).toBe('此转账的执行结果已变化：已在区块 12 重新模拟（您之前看到的是区块 10）。请再次核对后确认。');
  });
});

describe('auto-lock minutes', () => {
  it('accepts whole minutes 1..1440 only', () => {
    expect(['1', ' 7 ', '1440'].map(parseAutoLockMinutes)).toEqual([1, 7, 1440]);
    expect(['0', '1441', '2.5', '-3', '', 'abc', '1e2', '00000'].map(parseAutoLockMinutes)).toEqual(Array(8).fill(null));
  });
});

describe('errorText for phrase import', () => {
  const thrown = (phrase: string) => { try { parseMnemonic(phrase); } catch (e) { return wire(e as MeridianError); } throw new Error('no error'); };
  it('names the position, the word and the suggestion; the count; the checksum — in both languages', () => {
    const bad = thrown('test test test test tets test test test test test test junk');
    expect(errorText(tr('en'), bad)).toBe('Word 5 ("tets") is not in the BIP39 word list. Did you mean "test"?');
    expect(errorText(tr('zh_CN'), bad)).toBe('第 5 个单词（“tets”）不在 BIP39 词表中。您是不是想输入“test”？');
    expect(errorText(tr('en'), thrown('test test test'))).toBe('A Secret Recovery Phrase has 12, 15, 18, 21 or 24 words; this one has 3.');
    expect(errorText(tr('zh_CN'), thrown('test test test test test test test test test test test test'))).toBe('助记词校验失败：有单词错误或顺序不对。');
  });
});
