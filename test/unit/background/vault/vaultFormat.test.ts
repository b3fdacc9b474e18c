import { sha256 } from '@noble/hashes/sha2.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { VaultCorruptError, WrongPasswordError } from '../../../../src/shared/errors';
import { deriveVaultKeys } from '../../../../src/background/vault/kdf';
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

  it('wrong password → WrongPasswordError 1001', async () => {
    const e = await caught(() => openVault(vault, `${PASSWORD}x`));
    expect(e).toBeInstanceOf(WrongPasswordError);
    expect(e.code).toBe(1001);
    expect(e.message).not.toContain(PASSWORD);
  });

  it.each([['first ciphertext byte', 0], ['a middle byte', 40], ['the last tag byte', -1]])(
    'flipped %s → VaultCorruptError 1002 (right password)', async (_n, at) => {
      const len = b64(vault.ciphertext).length;
      const bad = { ...clone(vault), ciphertext: flipB64(vault.ciphertext, at < 0 ? len + at : at) };
      parseVault(bad); // still well-formed
      const e = await caught(() => openVault(bad, PASSWORD));
      expect(e).toBeInstanceOf(VaultCorruptError);
      expect(e.code).toBe(1002);
      expect((await caught(() => openVaultWithKey(bad, aesKey))).code).toBe(1002);
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
      expect(e).toBeInstanceOf(VaultCorruptError);
    }
  });

  it('with the password: a forged KDF header derives another key (1001), a forged iv fails authentication (1002)', async () => {
    const forgedKdf = parseVault(withDigest({ ...clone(vault), kdf: { ...vault.kdf, iterations: 4 } }));
    expect((await caught(() => openVault(forgedKdf, PASSWORD))).code).toBe(1001);
    const forgedIv = parseVault(withDigest({ ...clone(vault), cipher: { ...vault.cipher, iv: flipB64(vault.cipher.iv) } }));
    expect((await caught(() => openVault(forgedIv, PASSWORD))).code).toBe(1002);
  });

  it('a damaged keyCheck does not open (the right password is refused)', async () => {
    const bad = parseVault({ ...clone(vault), keyCheck: flipB64(vault.keyCheck) });
    const e = await caught(() => openVault(bad, PASSWORD));
    expect([1001, 1002]).toContain(e.code);
  });
});
