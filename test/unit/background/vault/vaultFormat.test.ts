import { sha256 } from '@noble/hashes/sha2.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { InternalError, VaultCorruptError, WrongPasswordError } from '../../../../src/shared/errors';
import { KDF_BOUNDS, deriveVaultKeys } from '../../../../src/background/vault/kdf';
import { openVault, openVaultWithKey, parseVault, sealVault, type VaultV1 } from '../../../../src/background/vault/vaultFormat';
import { caught, caughtSync } from '../../helpers/errors';

// Count real KDF runs (the real Argon2id still runs: the spy calls through).
vi.mock('../../../../src/background/vault/kdf', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../../src/background/vault/kdf')>();
  return { ...mod, deriveVaultKeys: vi.fn(mod.deriveVaultKeys) };
});
const kdfRuns = () => vi.mocked(deriveVaultKeys).mock.calls.length;

const PASSWORD = 'Vault-Test-Passw0rd!';
const PLAINTEXT = new TextEncoder().encode(JSON.stringify({ v: 1, mnemonic: 'test test test test test test test test test test test junk', imported: [] }));
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const toB64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const clone = (v: VaultV1): VaultV1 => JSON.parse(JSON.stringify(v)) as VaultV1;

/** The header encoding the format documents: the AES-GCM AAD and the preimage of headerDigest. */
const headerOf = (v: VaultV1) => new TextEncoder().encode(JSON.stringify([v.version, v.kdf.name, v.kdf.memoryKiB, v.kdf.iterations,
  v.kdf.parallelism, v.kdf.salt, v.cipher.name, v.cipher.iv]));
const withDigest = (v: VaultV1): VaultV1 => ({ ...v, headerDigest: toB64(sha256(headerOf(v))) });
const flipB64 = (s: string, i = 0) => { const b = b64(s); b[i]! ^= 0x01; return toB64(b); };

let vault: VaultV1;
let aesKey: Uint8Array;
beforeAll(async () => {
  ({ vault, aesKey } = await sealVault(PLAINTEXT, PASSWORD));
});

describe('seal and open (real Argon2id, 64 MiB)', () => {
  it('round trip through JSON storage, with the documented shape', async () => {
    expect(vault.version).toBe(1);
    expect(vault.kdf).toMatchObject({ name: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect(vault.cipher.name).toBe('AES-GCM');
    expect(b64(vault.kdf.salt)).toHaveLength(16);
    expect(b64(vault.cipher.iv)).toHaveLength(12);
    expect(b64(vault.ciphertext)).toHaveLength(PLAINTEXT.length + 16);
    expect(b64(vault.keyCheck)).toHaveLength(16);
    expect(Buffer.from(b64(vault.headerDigest)).toString('hex')).toBe(Buffer.from(sha256(headerOf(vault))).toString('hex'));
    expect(Object.keys(vault).sort()).toEqual(['cipher', 'ciphertext', 'headerDigest', 'kdf', 'keyCheck', 'version']);
    expect(JSON.stringify(vault)).not.toContain('test test');

    const stored = parseVault(JSON.parse(JSON.stringify(vault)));
    const before = kdfRuns();
    const opened = await openVault(stored, PASSWORD);
    expect(kdfRuns()).toBe(before + 1);
    expect(Buffer.from(opened.plaintext).equals(Buffer.from(PLAINTEXT))).toBe(true);
    expect(Buffer.from(opened.aesKey).equals(Buffer.from(aesKey))).toBe(true);
    expect(Buffer.from(await openVaultWithKey(stored, aesKey)).equals(Buffer.from(PLAINTEXT))).toBe(true);
  });

  it('two seals of the same plaintext differ in salt, iv, ciphertext, key check and key', async () => {
    const other = await sealVault(PLAINTEXT, PASSWORD);
    expect(other.vault.kdf.salt).not.toBe(vault.kdf.salt);
    expect(other.vault.cipher.iv).not.toBe(vault.cipher.iv);
    expect(other.vault.ciphertext).not.toBe(vault.ciphertext);
    expect(other.vault.keyCheck).not.toBe(vault.keyCheck);
    expect(Buffer.from(other.aesKey).equals(Buffer.from(aesKey))).toBe(false);
  });

  it('wrong password → WrongPasswordError 1001, "Incorrect password.", no data', async () => {
    const e = await caught(() => openVault(vault, `${PASSWORD}x`));
    expect(e).toBeInstanceOf(WrongPasswordError);
    expect([e.code, e.message, e.data]).toEqual([1001, 'Incorrect password.', undefined]);
  });

  it.each([['first ciphertext byte', 0], ['a middle byte', 40], ['the last tag byte', -1]])(
    'flipped %s → VaultCorruptError 1002 (right password)', async (_n, at) => {
      const len = b64(vault.ciphertext).length;
      const bad = { ...clone(vault), ciphertext: flipB64(vault.ciphertext, at < 0 ? len + at : at) };
      parseVault(bad); // still well-formed
      const e = await caught(() => openVault(bad, PASSWORD));
      expect(e).toBeInstanceOf(VaultCorruptError);
      expect([e.code, e.message, e.data]).toEqual([1002, 'The stored wallet vault is damaged (authentication failed).', { reason: 'authentication failed' }]);
      const k = await caught(() => openVaultWithKey(bad, aesKey));
      expect([k.code, k.data]).toEqual([1002, { reason: 'authentication failed' }]);
    });
});

describe('parseVault rejects damaged headers without running the KDF', () => {
  const cases: Array<[string, (v: VaultV1) => unknown, string]> = [
    ['kdf.iterations 3 → 4', (v) => ({ ...v, kdf: { ...v.kdf, iterations: 4 } }), 'header digest mismatch'],
    ['kdf.memoryKiB 64 MiB → 128 MiB', (v) => ({ ...v, kdf: { ...v.kdf, memoryKiB: 131072 } }), 'header digest mismatch'],
    ['kdf.parallelism 1 → 2', (v) => ({ ...v, kdf: { ...v.kdf, parallelism: 2 } }), 'header digest mismatch'],
    ['kdf.salt one bit', (v) => ({ ...v, kdf: { ...v.kdf, salt: flipB64(v.kdf.salt) } }), 'header digest mismatch'],
    ['cipher.iv one bit', (v) => ({ ...v, cipher: { ...v.cipher, iv: flipB64(v.cipher.iv) } }), 'header digest mismatch'],
    ['headerDigest one bit', (v) => ({ ...v, headerDigest: flipB64(v.headerDigest) }), 'header digest mismatch'],
    ['version 2', (v) => ({ ...v, version: 2 }), 'unknown version'],
    ['version "1"', (v) => ({ ...v, version: '1' }), 'unknown version'],
    ['cipher name AES-CBC', (v) => ({ ...v, cipher: { ...v.cipher, name: 'AES-CBC' } }), 'unknown cipher'],
    ['kdf name scrypt', (v) => ({ ...v, kdf: { ...v.kdf, name: 'scrypt' } }), 'unknown KDF'],
    ['memoryKiB 1 (out of bounds)', (v) => ({ ...v, kdf: { ...v.kdf, memoryKiB: 1 } }), 'KDF parameters out of bounds'],
    ['memoryKiB 2^31 (out of bounds)', (v) => ({ ...v, kdf: { ...v.kdf, memoryKiB: 2 ** 31 } }), 'KDF parameters out of bounds'],
    ['iterations 1e9 (out of bounds)', (v) => ({ ...v, kdf: { ...v.kdf, iterations: 1e9 } }), 'KDF parameters out of bounds'],
    ['iterations 3.5', (v) => ({ ...v, kdf: { ...v.kdf, iterations: 3.5 } }), 'KDF parameters out of bounds'],
    ['parallelism 0', (v) => ({ ...v, kdf: { ...v.kdf, parallelism: 0 } }), 'KDF parameters out of bounds'],
    ['memoryKiB as a string', (v) => ({ ...v, kdf: { ...v.kdf, memoryKiB: '65536' } }), 'KDF parameters out of bounds'],
    ['salt of 15 bytes', (v) => withDigest({ ...v, kdf: { ...v.kdf, salt: toB64(b64(v.kdf.salt).subarray(0, 15)) } }), 'salt has the wrong length'],
    ['iv not base64', (v) => ({ ...v, cipher: { ...v.cipher, iv: '!!!!!!!!!!!!!!!!' } }), 'iv is not base64'],
    ['ciphertext shorter than a tag', (v) => ({ ...v, ciphertext: toB64(new Uint8Array(16)) }), 'ciphertext has the wrong length'],
    ['missing version', ({ version: _x, ...v }) => v, 'unknown version'],
    ['missing kdf', ({ kdf: _x, ...v }) => v, 'unknown KDF'],
    ['missing cipher', ({ cipher: _x, ...v }) => v, 'unknown cipher'],
    ['missing ciphertext', ({ ciphertext: _x, ...v }) => v, 'ciphertext is not base64'],
    ['missing keyCheck', ({ keyCheck: _x, ...v }) => v, 'keyCheck is not base64'],
    ['missing headerDigest', ({ headerDigest: _x, ...v }) => v, 'headerDigest is not base64'],
    ['missing kdf.salt', (v) => { const { salt: _s, ...kdf } = v.kdf; return { ...v, kdf }; }, 'salt is not base64'],
    ['missing kdf.iterations', (v) => { const { iterations: _i, ...kdf } = v.kdf; return { ...v, kdf }; }, 'KDF parameters out of bounds'],
    ['missing cipher.iv', (v) => ({ ...v, cipher: { name: 'AES-GCM' } }), 'iv is not base64'],
    ['keyCheck one byte short', (v) => ({ ...v, keyCheck: toB64(b64(v.keyCheck).subarray(0, 15)) }), 'keyCheck has the wrong length'],
    ['keyCheck not base64', (v) => ({ ...v, keyCheck: `${v.keyCheck.slice(0, -2)}*=` }), 'keyCheck is not base64'],
    ['keyCheck as a number', (v) => ({ ...v, keyCheck: 7 }), 'keyCheck is not base64'],
    ['headerDigest one byte short', (v) => ({ ...v, headerDigest: toB64(b64(v.headerDigest).subarray(0, 31)) }), 'headerDigest has the wrong length'],
    ['headerDigest truncated base64', (v) => ({ ...v, headerDigest: v.headerDigest.slice(0, -1) }), 'headerDigest is not base64'],
    ['ciphertext truncated base64 (last character cut)', (v) => ({ ...v, ciphertext: v.ciphertext.slice(0, -1) }), 'ciphertext is not base64'],
    ['ciphertext empty', (v) => ({ ...v, ciphertext: '' }), 'ciphertext has the wrong length'],
    ['salt truncated base64', (v) => ({ ...v, kdf: { ...v.kdf, salt: v.kdf.salt.slice(0, -1) } }), 'salt is not base64'],
    ['salt of 17 bytes', (v) => withDigest({ ...v, kdf: { ...v.kdf, salt: toB64(new Uint8Array(17)) } }), 'salt has the wrong length'],
    ['iv of 16 bytes', (v) => withDigest({ ...v, cipher: { ...v.cipher, iv: toB64(new Uint8Array(16)) } }), 'iv has the wrong length'],
    ['kdf as a string', (v) => ({ ...v, kdf: 'argon2id' }), 'unknown KDF'],
    ['cipher null', (v) => ({ ...v, cipher: null }), 'unknown cipher'],
    ['version 0', (v) => ({ ...v, version: 0 }), 'unknown version'],
    ['an array', () => [], 'unknown version'],
    ['null', () => null, 'not an object'],
    ['a string', () => 'vault', 'not an object'],
  ];
  it.each(cases)('%s → VaultCorruptError 1002 (%s), no KDF run', (_n, tamper, reason) => {
    const bad = tamper(clone(vault));
    const before = kdfRuns();
    const e = caughtSync(() => parseVault(bad));
    expect(e).toBeInstanceOf(VaultCorruptError);
    expect(e.code).toBe(1002);
    expect(e.data).toEqual({ reason });
    expect(e.message).toBe(`The stored wallet vault is damaged (${reason}).`);
    expect(e.message).not.toContain(vault.kdf.salt);
    expect(e.message).not.toContain(vault.cipher.iv);
    expect(kdfRuns()).toBe(before);
  });

  it('the error never echoes a stored value', () => {
    const e = caughtSync(() => parseVault({ ...clone(vault), version: 'SECRET-LOOKING-VALUE' }));
    expect(`${e.message}${JSON.stringify(e.data)}`).not.toContain('SECRET-LOOKING-VALUE');
  });
});

describe('the header is the AES-GCM additional data', () => {
  it('decrypts with WebCrypto only when the stored header is passed as AAD', async () => {
    const key = await crypto.subtle.importKey('raw', aesKey as BufferSource, 'AES-GCM', false, ['decrypt']);
    const iv = b64(vault.cipher.iv);
    const ct = b64(vault.ciphertext);
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: headerOf(vault) }, key, ct);
    expect(Buffer.from(pt).equals(Buffer.from(PLAINTEXT))).toBe(true);
    await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ct)).rejects.toThrow();
  });

  it('a header edit with a recomputed headerDigest passes parseVault but the right key cannot open it', async () => {
    // only the AAD changes here: same key, same iv, same ciphertext
    for (const edit of [
      (v: VaultV1) => ({ ...v, kdf: { ...v.kdf, iterations: 4 } }),
      (v: VaultV1) => ({ ...v, kdf: { ...v.kdf, memoryKiB: 131072 } }),
      (v: VaultV1) => ({ ...v, kdf: { ...v.kdf, salt: flipB64(v.kdf.salt) } }),
    ]) {
      const forged = parseVault(withDigest(edit(clone(vault))));
      const e = await caught(() => openVaultWithKey(forged, aesKey));
      expect([e.constructor, e.code, e.data]).toEqual([VaultCorruptError, 1002, { reason: 'authentication failed' }]);
    }
  });

  it('with the password: a forged KDF header derives another key (1001), a forged iv fails authentication (1002)', async () => {
    const forgedKdf = parseVault(withDigest({ ...clone(vault), kdf: { ...vault.kdf, iterations: 4 } }));
    expect((await caught(() => openVault(forgedKdf, PASSWORD))).code).toBe(1001);
    const forgedIv = parseVault(withDigest({ ...clone(vault), cipher: { ...vault.cipher, iv: flipB64(vault.cipher.iv) } }));
    const e = await caught(() => openVault(forgedIv, PASSWORD));
    expect([e.code, e.data]).toEqual([1002, { reason: 'authentication failed' }]);
  });

  it.each([['first', 0], ['last', 15]])(
    'a damaged keyCheck (%s byte) with the right password → 1002 "key check mismatch" (the cipher authenticates), not unlocked',
    async (_n, at) => {
      const bad = parseVault({ ...clone(vault), keyCheck: flipB64(vault.keyCheck, at) });
      const e = await caught(() => openVault(bad, PASSWORD));
      expect(e).toBeInstanceOf(VaultCorruptError);
      expect([e.code, e.message, e.data]).toEqual([1002, 'The stored wallet vault is damaged (key check mismatch).', { reason: 'key check mismatch' }]);
    });

  it('a damaged keyCheck with a wrong password is still a wrong password (1001)', async () => {
    const bad = parseVault({ ...clone(vault), keyCheck: flipB64(vault.keyCheck) });
    const e = await caught(() => openVault(bad, `${PASSWORD}x`));
    expect([e.constructor, e.code, e.message]).toEqual([WrongPasswordError, 1001, 'Incorrect password.']);
  });

  it('known limit: a damaged keyCheck AND damaged ciphertext read as a wrong password (1001)', async () => {
    const bad = parseVault({ ...clone(vault), keyCheck: flipB64(vault.keyCheck), ciphertext: flipB64(vault.ciphertext, 5) });
    expect((await caught(() => openVault(bad, PASSWORD))).code).toBe(1001);
  });
});

describe('KDF parameter bounds (exactly at and one past each end)', () => {
  it('the bounds are 64 MiB–1 GiB, 3–64 passes, 1–16 lanes', () => {
    expect(KDF_BOUNDS).toEqual({ memoryKiB: [65536, 1048576], iterations: [3, 64], parallelism: [1, 16] });
  });

  const edge = (field: 'memoryKiB' | 'iterations' | 'parallelism', value: number) =>
    withDigest({ ...clone(vault), kdf: { ...vault.kdf, [field]: value } });
  it.each([
    ['memoryKiB', 65536], ['memoryKiB', 1048576], ['iterations', 3], ['iterations', 64], ['parallelism', 1], ['parallelism', 16],
  ] as const)('%s = %d is accepted (no KDF run)', (field, value) => {
    const before = kdfRuns();
    expect(parseVault(edge(field, value)).kdf[field]).toBe(value);
    expect(kdfRuns()).toBe(before);
  });
  it.each([
    ['memoryKiB', 65535], ['memoryKiB', 1048577], ['iterations', 2], ['iterations', 65], ['parallelism', 0], ['parallelism', 17],
  ] as const)('%s = %d → 1002 "KDF parameters out of bounds" (no KDF run)', (field, value) => {
    const before = kdfRuns();
    const e = caughtSync(() => parseVault(edge(field, value)));
    expect([e.constructor, e.code, e.data]).toEqual([VaultCorruptError, 1002, { reason: 'KDF parameters out of bounds' }]);
    expect(kdfRuns()).toBe(before);
  });
});

describe('a seal whose verification fails stores nothing and says so', () => {
  const verifyFailed = [-32603, 'The wallet vault could not be saved (verification failed); nothing was changed.', { reason: 'seal-verify-failed' }];

  it('the cipher produced bytes that do not authenticate → InternalError -32603 seal-verify-failed', async () => {
    const subtle = globalThis.crypto.subtle;
    const real = subtle.encrypt.bind(subtle);
    const spy = vi.spyOn(subtle, 'encrypt').mockImplementationOnce(async (...args: Parameters<SubtleCrypto['encrypt']>) => {
      const ct = new Uint8Array(await real(...args));
      ct[0]! ^= 0x01;
      return ct.buffer;
    });
    try {
      const e = await caught(() => sealVault(PLAINTEXT, PASSWORD));
      expect(e).toBeInstanceOf(InternalError);
      expect([e.code, e.message, e.data]).toEqual(verifyFailed);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('the verification decrypts to other bytes than were sealed → InternalError -32603 seal-verify-failed', async () => {
    const subtle = globalThis.crypto.subtle;
    const real = subtle.decrypt.bind(subtle);
    const spy = vi.spyOn(subtle, 'decrypt').mockImplementationOnce(async (...args: Parameters<SubtleCrypto['decrypt']>) => {
      const pt = new Uint8Array(await real(...args));
      pt[pt.length - 1]! ^= 0x01;
      return pt.buffer;
    });
    try {
      const e = await caught(() => sealVault(PLAINTEXT, PASSWORD));
      expect(e).toBeInstanceOf(InternalError);
      expect([e.code, e.message, e.data]).toEqual(verifyFailed);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
