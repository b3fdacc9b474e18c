import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { argon2id as wasmArgon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF, DERIVED_LENGTH, KDF_BOUNDS, deriveVaultKeys, type KdfParams } from '../../../../src/background/vault/kdf';
import { hex } from '../../helpers/vectors';

const enc = new TextEncoder();
const SALT = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const SMALL: KdfParams = { name: 'argon2id', memoryKiB: 1024, iterations: 3, parallelism: 1 };

describe('Argon2id known answers', () => {
  it('RFC 9106 §5.3 Argon2id vector (secret + associated data) with @noble/hashes', () => {
    // password 32×0x01, salt 16×0x02, secret 8×0x03, ad 12×0x04, t=3, m=32 KiB, p=4, tag 32 bytes, v=0x13.
    // hash-wasm has no associated-data input, so this anchors noble, which is then the reference below.
    const tag = nobleArgon2id(new Uint8Array(32).fill(1), new Uint8Array(16).fill(2), {
      t: 3, m: 32, p: 4, dkLen: 32, version: 0x13, key: new Uint8Array(8).fill(3), personalization: new Uint8Array(12).fill(4),
    });
    expect(hex(tag)).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
  });

  it('phc-winner-argon2 src/test.c Argon2id v=0x13 vector (t=2, m=64 MiB, p=1, "password"/"somesalt") with hash-wasm', async () => {
    const tag = await wasmArgon2id({
      password: 'password', salt: 'somesalt', iterations: 2, memorySize: 65536, parallelism: 1, hashLength: 32, outputType: 'hex',
    });
    expect(tag).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });
});

describe('deriveVaultKeys (hash-wasm) against @noble/hashes argon2id', () => {
  it('defaults are 64 MiB, 3 passes, 1 lane, 64 bytes out; bounds include the defaults', () => {
    expect(DEFAULT_KDF).toEqual({ name: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect(DERIVED_LENGTH).toBe(64);
    expect(KDF_BOUNDS.memoryKiB[0]).toBeLessThanOrEqual(DEFAULT_KDF.memoryKiB);
    expect(KDF_BOUNDS.iterations[0]).toBeLessThanOrEqual(DEFAULT_KDF.iterations);
  });

  it('the production parameters give the same 64 bytes as noble', async () => {
    const password = 'correct horse battery staple';
    const ours = await deriveVaultKeys(password, SALT, DEFAULT_KDF);
    const ref = nobleArgon2id(enc.encode(password), SALT, { t: 3, m: 65536, p: 1, dkLen: 64 });
    expect(ours).toHaveLength(64);
    expect(hex(ours)).toBe(hex(ref));
  });

  it.each([
    ['ASCII, p=1', 'hunter2hunter2', { ...SMALL }],
    ['ASCII, p=4', 'hunter2hunter2', { ...SMALL, parallelism: 4 }],
    ['Chinese, t=4', '我的密码很长很安全', { ...SMALL, iterations: 4 }],
    ['emoji', 'pässwörd 🔑🔑', { ...SMALL, memoryKiB: 2048 }],
  ])('small parameters, %s', async (_n, password, params) => {
    const ours = await deriveVaultKeys(password, SALT, params);
    const ref = nobleArgon2id(enc.encode(password.normalize('NFKC')), SALT, { t: params.iterations, m: params.memoryKiB, p: params.parallelism, dkLen: 64 });
    expect(hex(ours)).toBe(hex(ref));
  });

  it('is sensitive to the password, the salt and every parameter', async () => {
    const base = hex(await deriveVaultKeys('hunter2hunter2', SALT, SMALL));
    const salt2 = SALT.slice(); salt2[15]! ^= 1;
    const variants = await Promise.all([
      deriveVaultKeys('hunter2hunter3', SALT, SMALL),
      deriveVaultKeys('hunter2hunter2', salt2, SMALL),
      deriveVaultKeys('hunter2hunter2', SALT, { ...SMALL, iterations: 4 }),
      deriveVaultKeys('hunter2hunter2', SALT, { ...SMALL, memoryKiB: 2048 }),
      deriveVaultKeys('hunter2hunter2', SALT, { ...SMALL, parallelism: 2 }),
    ]);
    for (const v of variants) expect(hex(v)).not.toBe(base);
  });
});

describe('password normalization (NFKC)', () => {
  const nfc = 'Caf\u00e9 na\u00efve';          // precomposed é, ï
  const nfd = 'Cafe\u0301 nai\u0308ve';          // e + combining acute, i + combining diaeresis
  const fullwidth = '\uff23\uff41\uff46\u00e9 na\u00efve'; // full-width C, a, f
  const ligature = 'o\ufb03ce pass';            // "oﬃce" with the ffi ligature
  it('NFC, NFD and full-width forms of the same password derive the same key, equal to noble over the NFKC text', async () => {
    expect(nfc).not.toBe(nfd);
    const a = hex(await deriveVaultKeys(nfc, SALT, SMALL));
    expect(hex(await deriveVaultKeys(nfd, SALT, SMALL))).toBe(a);
    expect(hex(await deriveVaultKeys(fullwidth, SALT, SMALL))).toBe(a);
    expect(a).toBe(hex(nobleArgon2id(enc.encode(nfc), SALT, { t: 3, m: 1024, p: 1, dkLen: 64 })));
    // without normalization the NFD bytes would give another key: the normalization really happens
    expect(a).not.toBe(hex(nobleArgon2id(enc.encode(nfd), SALT, { t: 3, m: 1024, p: 1, dkLen: 64 })));
  });

  it('a compatibility ligature folds to its letters', async () => {
    expect(hex(await deriveVaultKeys(ligature, SALT, SMALL))).toBe(hex(await deriveVaultKeys('office pass', SALT, SMALL)));
  });

  it('rejects an empty password and a short salt', async () => {
    await expect(deriveVaultKeys('', SALT, SMALL)).rejects.toThrow(TypeError);
    await expect(deriveVaultKeys('x'.repeat(10), SALT.subarray(0, 15), SMALL)).rejects.toThrow(RangeError);
  });
});
