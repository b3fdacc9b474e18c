import { describe, expect, it } from 'vitest';
import { escapeInvisible, PERSONAL_SIGN_MAX_BYTES, personalSignBytes, runRules } from '../../../../src/background/risk';
import { USER } from './fixtures';

describe('escapeInvisible', () => {
  it('escapes bidi controls, zero-width characters and other Cf as \\u{XXXX}', () => {
    expect(escapeInvisible('abc\u202Edef')).toEqual({ text: 'abc\\u{202E}def', found: ['U+202E'] });
    for (const cp of [0x200b, 0x200c, 0x200e, 0x200f, 0x202a, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0x00ad, 0xe0041]) {
      const ch = String.fromCodePoint(cp);
      const label = cp.toString(16).toUpperCase().padStart(4, '0');
      expect(escapeInvisible(`a${ch}b`), label).toEqual({ text: `a\\u{${label}}b`, found: [`U+${label}`] });
    }
  });

  it('also escapes C0/C1 controls other than tab and newlines, line/paragraph separators and blank letters', () => {
    expect(escapeInvisible('a\u0007b\u001bc\u0085').found).toEqual(['U+0007', 'U+001B', 'U+0085']);
    expect(escapeInvisible('a\u2028b\u2029').found).toEqual(['U+2028', 'U+2029']);
    expect(escapeInvisible('\u3164\u115F\u2800').found).toEqual(['U+3164', 'U+115F', 'U+2800']);
    expect(escapeInvisible('line 1\nline\t2\r\n')).toEqual({ text: 'line 1\nline\t2\r\n', found: [] });
  });

  it('keeps emoji sequences: ZWJ between emoji (with skin tones) and subdivision-flag tags', () => {
    for (const s of ['👨‍👩‍👧', '👩🏽‍💻', '🏳️‍🌈', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '中文 العربية']) expect(escapeInvisible(s), s).toEqual({ text: s, found: [] });
    expect(escapeInvisible('a\u200Db').found).toEqual(['U+200D']); // a ZWJ between letters hides nothing legitimate
    expect(escapeInvisible('🏴\u{E0067}x').found).toEqual(['U+E0067']); // a tag run without its cancel tag
  });
});

describe('invisible characters in requests', () => {
  it('personal_sign text, and hex messages decoded as UTF-8; binary hex is shown as hex and not judged', () => {
    const [f] = runRules('personal-sign', { message: 'Pay invoice \u2066#1234\u2069' });
    expect(f).toMatchObject({ code: 'invisible-characters', severity: 'warning', params: { where: 'where:message', chars: 'U+2066, U+2069' } });
    expect(f!.message.en).toBe('Invisible or text-direction characters (U+2066, U+2069) found in the message. Shown escaped: Pay invoice \\u{2066}#1234\\u{2069}');
    const hex = `0x${Buffer.from('hi\u202Ethere').toString('hex')}`;
    expect(runRules('personal-sign', { message: hex }).map((x) => x.code)).toEqual(['invisible-characters']);
    expect(runRules('personal-sign', { message: '0xe280ff' })).toEqual([]);
  });

  it('typed data: values and field names anywhere, with their path', () => {
    const data = {
      types: { Mail: [{ name: 'to', type: 'address' }, { name: 'contents', type: 'string' }] }, primaryType: 'Mail',
      domain: { name: 'Ether\u200BMail', chainId: 1 }, message: { to: USER, contents: 'ok' },
    };
    const [f] = runRules('typed-data', { data, account: USER }, { evmChainId: 1 });
    expect(f).toMatchObject({ code: 'invisible-characters', params: { where: 'where:typed-data:domain.name', chars: 'U+200B' } });
    expect(f!.message.en).toContain('found in the signed data "domain.name"');
    expect(f!.message.zh_CN).toContain('签名数据 "domain.name"中含有');
    const keyed = { ...data, domain: { name: 'Mail', chainId: 1 }, message: { to: USER, contents: 'ok', 'x\u202E': 'y' } };
    const [k] = runRules('typed-data', { data: keyed, account: USER }, { evmChainId: 1 });
    expect(k!.params.where).toBe('where:typed-data:message.x\\u{202E} (name)');
    expect(k!.message.en).toContain('the signed data "message.x\\u{202E} (name)"');
  });

  it('token metadata (wallet_watchAsset): symbol and name', () => {
    const [f] = runRules('token-metadata', { symbol: 'USDC\u200B', name: 'USD Coin' });
    expect(f).toMatchObject({ code: 'invisible-characters', params: { where: 'where:token-symbol' } });
    expect(f!.message.zh_CN.startsWith('代币符号中含有')).toBe(true);
    expect(runRules('token-metadata', { symbol: 'USDC', name: 'USD Coin' })).toEqual([]);
  });

  it('the preview is cut at 160 characters', () => {
    const [f] = runRules('personal-sign', { message: `\u202E${'x'.repeat(1000)}` });
    expect(f!.params.preview!.length).toBe(161);
    expect(f!.params.preview!.endsWith('…')).toBe(true);
  });
});

describe('personal_sign size', () => {
  it('counts bytes: hex as raw bytes, text as UTF-8', () => {
    expect(personalSignBytes('0xdeadbeef')).toBe(4);
    expect(personalSignBytes('登录')).toBe(6);
    expect(personalSignBytes('0xabc')).toBe(5); // odd length: text, as the decoder treats it
  });

  it('refuses above 64 KiB with -32602, exactly 64 KiB passes', () => {
    const max = PERSONAL_SIGN_MAX_BYTES;
    expect(max).toBe(65536);
    const hexOver = `0x${'ab'.repeat(max + 1)}`;
    const [f] = runRules('personal-sign', { message: hexOver });
    expect(f).toMatchObject({ code: 'personal-sign-too-large', params: { bytes: '65537', max: '65536' }, refuse: { code: -32602 } });
    expect(runRules('personal-sign', { message: `0x${'ab'.repeat(max)}` })).toEqual([]);
    expect(runRules('personal-sign', { message: '登'.repeat(21846) }).map((x) => x.code)).toEqual(['personal-sign-too-large']); // 65538 bytes
  });
});
