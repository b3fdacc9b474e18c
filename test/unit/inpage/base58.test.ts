import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { base58Decode, base58Encode } from '../../../src/inpage/base58';
import vectors from '../../vectors/solana_sign_message.json' with { type: 'json' };
import { base64ToBytes, bytesToBase64 } from '../../../src/shared/encoding';

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

describe('base58 (inpage codec)', () => {
  it('matches the classic Bitcoin base58 vectors', () => {
    const known: Array<[string, string]> = [
      ['', ''], ['61', '2g'], ['626262', 'a3gV'], ['636363', 'aPEr'],
      ['73696d706c792061206c6f6e6720737472696e67', '2cFupjhnEsSn59qHXstmK2ffpLv2'],
      ['00eb15231dfceb60925886b67d065299925915aeb172c06647', '1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L'],
      ['516b6fcd0f', 'ABnLTmg'], ['bf4f89001e670274dd', '3SEo3LWLoPntC'], ['572e4794', '3EFU7m'],
      ['ecac89cad93923c02321', 'EJDM8drfXA6uyA'], ['10c8511e', 'Rt5zm'], ['00000000000000000000', '1111111111'],
    ];
    for (const [h, b58] of known) {
      expect(base58Encode(hex(h))).toBe(b58);
      expect(Buffer.from(base58Decode(b58)).toString('hex')).toBe(h);
    }
  });

  it('encodes Solana addresses and signatures from the shared vectors', () => {
    for (const v of vectors.vectors) {
      expect(base58Encode(hex(v.public_key_hex))).toBe(v.address);
      expect(base58Encode(hex(v.signature_hex))).toBe(v.signature_base58);
      expect(base58Decode(v.signature_base58)).toEqual(hex(v.signature_hex));
    }
  });

  it('agrees with bs58 on random data, leading zeros included', () => {
    for (let n = 0; n < 300; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n % 70));
      if (n % 5 === 0) bytes.fill(0, 0, Math.min(3, bytes.length));
      const enc = base58Encode(bytes);
      expect(enc).toBe(bs58.encode(bytes));
      expect(base58Decode(enc)).toEqual(Uint8Array.from(bs58.decode(enc)));
    }
  });

  it('rejects characters outside the alphabet', () => {
    for (const s of ['0', 'O', 'I', 'l', 'abc+', ' 2g']) expect(() => base58Decode(s)).toThrow(TypeError);
  });
});

describe('base64 (shared codec used by the inpage wallet)', () => {
  it('round-trips against Buffer', () => {
    for (let n = 0; n < 100; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n * 7));
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
    }
    expect(() => base64ToBytes('abc')).toThrow(TypeError);
  });
});
