import { privateKeyToAccount } from 'viem/accounts';
import { hashMessage, recoverMessageAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodePersonalMessage, personalSignPayload } from '../../../../../src/background/dapp/decode/personalMessage';

const NI_HAO_HEX = '0xe4bda0e5a5bdefbc8ce4b896e7958c';

describe('decodePersonalMessage', () => {
  it('decodes hex-encoded Chinese text', () => {
    expect(decodePersonalMessage(NI_HAO_HEX)).toEqual({ text: '你好，世界', hex: NI_HAO_HEX, isUtf8: true, bytes: 15 });
  });

  it('keeps plain Chinese text and shows its UTF-8 bytes', () => {
    expect(decodePersonalMessage('你好，世界')).toEqual({ text: '你好，世界', hex: NI_HAO_HEX, isUtf8: true, bytes: 15 });
  });

  it('decodes emoji in both forms', () => {
    const text = 'Hello 世界 🌍 签名测试';
    const hex = '0x48656c6c6f20e4b896e7958c20f09f8c8d20e7adbee5908de6b58be8af95';
    expect(decodePersonalMessage(text)).toEqual({ text, hex, isUtf8: true, bytes: 30 });
    expect(decodePersonalMessage(hex)).toEqual({ text, hex, isUtf8: true, bytes: 30 });
    expect(decodePersonalMessage('0xF09F988A')).toEqual({ text: '😊', hex: '0xf09f988a', isUtf8: true, bytes: 4 });
  });

  it('shows binary bytes as hex only', () => {
    expect(decodePersonalMessage('0x00ff')).toEqual({ text: null, hex: '0x00ff', isUtf8: false, bytes: 2 });
    expect(decodePersonalMessage('0x00ff7f80deadbeef00')).toEqual({ text: null, hex: '0x00ff7f80deadbeef00', isUtf8: false, bytes: 9 });
  });

  it('refuses valid UTF-8 that carries control characters', () => {
    expect(decodePersonalMessage('0x610062')).toMatchObject({ text: null, isUtf8: false, bytes: 3 }); // NUL
    expect(decodePersonalMessage('0x611b5b33316d')).toMatchObject({ text: null, isUtf8: false }); // ESC
    expect(decodePersonalMessage('0x61c285')).toMatchObject({ text: null, isUtf8: false }); // U+0085 (C1)
    expect(decodePersonalMessage('0x617f')).toMatchObject({ text: null, isUtf8: false }); // DEL
  });

  it('accepts tab, LF and CR', () => {
    expect(decodePersonalMessage('0x6109620a630d64')).toEqual({ text: 'a\tb\nc\rd', hex: '0x6109620a630d64', isUtf8: true, bytes: 7 });
  });

  it('decodes empty "0x" as empty text', () => {
    expect(decodePersonalMessage('0x')).toEqual({ text: '', hex: '0x', isUtf8: true, bytes: 0 });
    expect(decodePersonalMessage('')).toEqual({ text: '', hex: '0x', isUtf8: true, bytes: 0 });
  });

  it('treats odd-length or non-hex 0x strings as text', () => {
    expect(decodePersonalMessage('0x123')).toEqual({ text: '0x123', hex: '0x3078313233', isUtf8: true, bytes: 5 });
    expect(decodePersonalMessage('0xzz')).toEqual({ text: '0xzz', hex: '0x30787a7a', isUtf8: true, bytes: 4 });
  });

  it('rejects invalid UTF-8 (overlong, lone continuation)', () => {
    expect(decodePersonalMessage('0xc0af').text).toBeNull();
    expect(decodePersonalMessage('0x80').text).toBeNull();
    expect(decodePersonalMessage('0xeda080').text).toBeNull(); // UTF-16 surrogate encoded in UTF-8
  });

  it('keeps a leading BOM visible', () => {
    expect(decodePersonalMessage('0xefbbbf61').text).toBe('\uFEFFa');
  });
});

describe('personalSignPayload', () => {
  it('returns raw bytes for hex and the string for text', () => {
    expect(personalSignPayload('0x00FF')).toEqual({ raw: '0x00ff' });
    expect(personalSignPayload('0x')).toEqual({ raw: '0x' });
    expect(personalSignPayload('你好，世界')).toBe('你好，世界');
    expect(personalSignPayload('0x123')).toBe('0x123');
  });

  it('signs what the window shows (hex bytes and text give the same digest)', async () => {
    const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    const fromHex = personalSignPayload(NI_HAO_HEX);
    const fromText = personalSignPayload('你好，世界');
    expect(hashMessage(fromHex)).toBe(hashMessage(fromText));
    expect(hashMessage(fromHex)).toBe('0x1ccaf5ec1bb5f29418a2450ba646a3390de41665fce1c0a1153cbfb2d6f4bcce');
    const signature = await account.signMessage({ message: fromHex });
    expect(await recoverMessageAddress({ message: fromText, signature })).toBe(account.address);
  });
});
