import { sha256 } from '@noble/hashes/sha2.js';
import { InternalError, VaultCorruptError, WrongPasswordError } from '../../shared/errors';
import { base64ToBytes, bytesToBase64, equalBytes, utf8 } from '../../shared/encoding';
import { DEFAULT_KDF, KDF_BOUNDS, deriveVaultKeys, type KdfParams } from './kdf';

/**
 * Vault at rest, version 1 (all binary fields base64):
 * { version: 1, kdf: { name, memoryKiB, iterations, parallelism, salt }, cipher: { name: 'AES-GCM', iv },
 *   ciphertext, keyCheck, headerDigest }
 * - The header (version, kdf, cipher) is the AES-GCM additional data, so it cannot be changed silently.
 * - headerDigest = SHA-256(header) tells a damaged header (e.g. edited KDF params) apart from a wrong password.
 * - keyCheck = SHA-256(tag || derived[32..64])[0..16] tells a wrong password apart from damaged ciphertext; when it
 *   does not match, the cipher is tried anyway, so a damaged keyCheck is reported as damage (see openVault).
 */
export type VaultV1 = {
  version: 1;
  kdf: KdfParams & { salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  ciphertext: string;
  keyCheck: string;
  headerDigest: string;
};

const KEY_CHECK_TAG = utf8.encode('meridian/vault/key-check/v1');
const SALT_BYTES = 16;
const IV_BYTES = 12;

function headerBytes(v: Pick<VaultV1, 'version' | 'kdf' | 'cipher'>): Uint8Array {
  return utf8.encode(JSON.stringify([v.version, v.kdf.name, v.kdf.memoryKiB, v.kdf.iterations, v.kdf.parallelism,
    v.kdf.salt, v.cipher.name, v.cipher.iv]));
}

function keyCheckOf(derived: Uint8Array): Uint8Array {
  const buf = new Uint8Array(KEY_CHECK_TAG.length + 32);
  buf.set(KEY_CHECK_TAG);
  buf.set(derived.subarray(32, 64), KEY_CHECK_TAG.length);
  return sha256(buf).subarray(0, 16);
}

async function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** The one error for a stored vault that cannot be used; `reason` is a fixed phrase, never a stored value. */
const damaged = (reason: string) => new VaultCorruptError(`The stored wallet vault is damaged (${reason}).`, { reason });

const inRange = (n: unknown, [lo, hi]: readonly [number, number]) =>
  typeof n === 'number' && Number.isInteger(n) && n >= lo && n <= hi;

/** Shape and bounds check of an untrusted stored value. Throws VaultCorruptError; never echoes the value. */
export function parseVault(stored: unknown): VaultV1 {
  if (typeof stored !== 'object' || stored === null) throw damaged('not an object');
  const v = stored as Record<string, unknown>;
  if (v.version !== 1) throw damaged('unknown version');
  const kdf = v.kdf as Record<string, unknown> | undefined;
  const cipher = v.cipher as Record<string, unknown> | undefined;
  if (!kdf || kdf.name !== 'argon2id') throw damaged('unknown KDF');
  if (!inRange(kdf.memoryKiB, KDF_BOUNDS.memoryKiB) || !inRange(kdf.iterations, KDF_BOUNDS.iterations)
    || !inRange(kdf.parallelism, KDF_BOUNDS.parallelism)) throw damaged('KDF parameters out of bounds');
  if (!cipher || cipher.name !== 'AES-GCM') throw damaged('unknown cipher');
  for (const [field, value, len] of [['salt', kdf.salt, SALT_BYTES], ['iv', cipher.iv, IV_BYTES],
    ['keyCheck', v.keyCheck, 16], ['headerDigest', v.headerDigest, 32], ['ciphertext', v.ciphertext, -1]] as const) {
    let bytes: Uint8Array;
    try { bytes = base64ToBytes(value as string); } catch { throw damaged(`${field} is not base64`); }
    if (len > 0 ? bytes.length !== len : bytes.length < 17) throw damaged(`${field} has the wrong length`);
  }
  const vault = stored as VaultV1;
  if (!equalBytes(sha256(headerBytes(vault)), base64ToBytes(vault.headerDigest))) throw damaged('header digest mismatch');
  return vault;
}

async function sealWithDerived(plaintext: Uint8Array, derived: Uint8Array, kdf: KdfParams, salt: Uint8Array): Promise<VaultV1> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header = {
    version: 1 as const,
    kdf: { name: kdf.name, memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism, salt: bytesToBase64(salt) },
    cipher: { name: 'AES-GCM' as const, iv: bytesToBase64(iv) },
  };
  const aad = headerBytes(header);
  const key = await importAesKey(derived.subarray(0, 32));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource }, key, plaintext as BufferSource));
  return { ...header, ciphertext: bytesToBase64(ct), keyCheck: bytesToBase64(keyCheckOf(derived)), headerDigest: bytesToBase64(sha256(aad)) };
}

/** AES-GCM open with the stored header as additional data; null when it does not authenticate. */
async function decrypt(vault: VaultV1, aesKey: Uint8Array): Promise<Uint8Array | null> {
  const key = await importAesKey(aesKey);
  try {
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: base64ToBytes(vault.cipher.iv) as BufferSource,
      additionalData: headerBytes(vault) as BufferSource }, key, base64ToBytes(vault.ciphertext) as BufferSource);
    return new Uint8Array(pt);
  } catch {
    return null;
  }
}

/** Decrypt with the 32-byte AES key (what the session keeps). Throws VaultCorruptError if it does not open. */
export async function openVaultWithKey(vault: VaultV1, aesKey: Uint8Array): Promise<Uint8Array> {
  const pt = await decrypt(vault, aesKey);
  if (!pt) throw damaged('authentication failed');
  return pt;
}

/**
 * Password → plaintext and the AES key. The cipher is tried even when the key check fails, so the four cases are
 * told apart: both pass → open; key check passes, cipher fails → damaged ciphertext (1002); key check fails, cipher
 * authenticates → the password is right and only keyCheck is damaged (1002, not opened: a damaged vault is never
 * used, as with a damaged headerDigest); both fail → wrong password (1001). A damaged keyCheck together with a
 * damaged ciphertext cannot be told from a wrong password.
 */
export async function openVault(vault: VaultV1, password: string): Promise<{ plaintext: Uint8Array; aesKey: Uint8Array }> {
  const derived = await deriveVaultKeys(password, base64ToBytes(vault.kdf.salt), vault.kdf);
  const keyOk = equalBytes(keyCheckOf(derived), base64ToBytes(vault.keyCheck));
  const aesKey = derived.slice(0, 32);
  derived.fill(0);
  const plaintext = await decrypt(vault, aesKey);
  if (keyOk && plaintext) return { plaintext, aesKey };
  aesKey.fill(0);
  plaintext?.fill(0);
  if (!keyOk && !plaintext) throw new WrongPasswordError('Incorrect password.');
  throw damaged(keyOk ? 'authentication failed' : 'key check mismatch');
}

/**
 * Encrypt with a fresh salt and IV, then verify that a parsed JSON copy of the result passes the key check and
 * opens to the same plaintext before anyone may store it (verify-before-replace). A failed verification is an
 * InternalError (data.reason 'seal-verify-failed'): nothing was stored, so the stored vault is not "damaged".
 */
export async function sealVault(plaintext: Uint8Array, password: string, kdf: KdfParams = DEFAULT_KDF): Promise<{ vault: VaultV1; aesKey: Uint8Array }> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const derived = await deriveVaultKeys(password, salt, kdf);
  const vault = await sealWithDerived(plaintext, derived, kdf, salt);
  const aesKey = derived.slice(0, 32);
  let ok = false;
  try {
    const reread = parseVault(JSON.parse(JSON.stringify(vault)));
    const back = equalBytes(keyCheckOf(derived), base64ToBytes(reread.keyCheck)) ? await decrypt(reread, aesKey) : null;
    ok = back !== null && equalBytes(back, plaintext);
    back?.fill(0);
  } catch {
    ok = false;
  } finally {
    derived.fill(0);
  }
  if (!ok) {
    aesKey.fill(0);
    throw new InternalError('The wallet vault could not be saved (verification failed); nothing was changed.', { reason: 'seal-verify-failed' });
  }
  return { vault, aesKey };
}

/** Field-by-field equality (storage backends may reorder object keys). */
export function sameVault(a: VaultV1, b: VaultV1): boolean {
  return a.version === b.version && a.ciphertext === b.ciphertext && a.keyCheck === b.keyCheck && a.headerDigest === b.headerDigest
    && a.cipher.name === b.cipher.name && a.cipher.iv === b.cipher.iv && a.kdf.name === b.kdf.name && a.kdf.salt === b.kdf.salt
    && a.kdf.memoryKiB === b.kdf.memoryKiB && a.kdf.iterations === b.kdf.iterations && a.kdf.parallelism === b.kdf.parallelism;
}
