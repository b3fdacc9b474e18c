import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { PasskeyError } from '../../shared/errors';
import { base64ToBytes, bytesToBase64, equalBytes, utf8 } from '../../shared/encoding';

/**
 * Passkey unlock, version 1: the vault's 32-byte AES key, wrapped with AES-256-GCM under
 * HKDF-SHA256(ikm = WebAuthn PRF output, salt = prfSalt, info = "meridian passkey wrap v1").
 * Stored in chrome.storage.local under `passkey` (binary fields base64):
 * { version: 1, credentialId, prfSalt (32 random bytes per enrolment), vaultSalt, iv, wrappedKey }
 * - The PRF output is computed in the popup (WebAuthn needs a page) and sent once to the background; neither it nor
 *   the HKDF key is ever stored.
 * - `vaultSalt` is the KDF salt of the vault write whose key is wrapped (every vault write has a fresh salt and so a
 *   new key): a wrap whose vaultSalt is not the stored vault's is stale and never offered.
 * - Every stored field is in the GCM additional data, so an edited record does not authenticate.
 */
export type PasskeyWrapV1 = {
  version: 1;
  credentialId: string;
  prfSalt: string;
  vaultSalt: string;
  iv: string;
  wrappedKey: string;
};

export const PASSKEY_WRAP_INFO = 'meridian passkey wrap v1';
export const PRF_BYTES = 32;
export const PRF_SALT_BYTES = 32;
const IV_BYTES = 12;
const KEY_BYTES = 32;
/** WebAuthn credential ids are at most 1023 bytes. */
const MAX_CREDENTIAL_ID_BYTES = 1023;

const damaged = (why: string) => new PasskeyError(`The stored passkey enrolment is damaged (${why}).`, { reason: 'damaged' });

function decode(value: unknown, field: string, len: number | [number, number]): Uint8Array {
  let bytes: Uint8Array;
  try { bytes = base64ToBytes(value as string); } catch { throw damaged(`${field} is not base64`); }
  const ok = Array.isArray(len) ? bytes.length >= len[0] && bytes.length <= len[1] : bytes.length === len;
  if (!ok) throw damaged(`${field} has the wrong length`);
  return bytes;
}

/** Shape check of an untrusted stored value. Throws PasskeyError (reason 'damaged' or 'unknown-version'). */
export function parsePasskeyWrap(stored: unknown): PasskeyWrapV1 {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw damaged('not an object');
  const v = stored as Record<string, unknown>;
  if (v.version !== 1) throw new PasskeyError('The stored passkey enrolment has an unknown version.', { reason: 'unknown-version' });
  const keys = Object.keys(v).sort().join(',');
  if (keys !== 'credentialId,iv,prfSalt,vaultSalt,version,wrappedKey') throw damaged('unexpected fields');
  decode(v.credentialId, 'credentialId', [1, MAX_CREDENTIAL_ID_BYTES]);
  decode(v.prfSalt, 'prfSalt', PRF_SALT_BYTES);
  decode(v.vaultSalt, 'vaultSalt', [1, 64]);
  decode(v.iv, 'iv', IV_BYTES);
  decode(v.wrappedKey, 'wrappedKey', KEY_BYTES + 16);
  return stored as PasskeyWrapV1;
}

function aad(w: Omit<PasskeyWrapV1, 'wrappedKey'>): Uint8Array {
  return utf8.encode(JSON.stringify([PASSKEY_WRAP_INFO, w.version, w.credentialId, w.prfSalt, w.vaultSalt, w.iv]));
}

async function wrappingKey(prf: Uint8Array, prfSalt: Uint8Array): Promise<CryptoKey> {
  const raw = hkdf(sha256, prf, prfSalt, utf8.encode(PASSKEY_WRAP_INFO), KEY_BYTES);
  try {
    return await crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

function checkPrf(prf: Uint8Array): void {
  if (prf.length !== PRF_BYTES) throw new PasskeyError('The passkey gave no usable PRF output.', { reason: 'no-prf' });
}

/**
 * Wrap the vault AES key, then check that the wrap opens to the same key before anyone may store it.
 * `prf` and `aesKey` are not kept (the caller zeroes them).
 */
export async function wrapVaultKey(p: {
  prf: Uint8Array; prfSalt: Uint8Array; credentialId: Uint8Array; vaultSalt: string; aesKey: Uint8Array;
}): Promise<PasskeyWrapV1> {
  checkPrf(p.prf);
  if (p.prfSalt.length !== PRF_SALT_BYTES) throw new PasskeyError('The PRF salt must be 32 bytes.', { reason: 'bad-salt' });
  if (p.credentialId.length < 1 || p.credentialId.length > MAX_CREDENTIAL_ID_BYTES) {
    throw new PasskeyError('The passkey credential id is not valid.', { reason: 'bad-credential' });
  }
  if (p.aesKey.length !== KEY_BYTES) throw new PasskeyError('The vault key must be 32 bytes.', { reason: 'bad-key' });
  const header = {
    version: 1 as const,
    credentialId: bytesToBase64(p.credentialId),
    prfSalt: bytesToBase64(p.prfSalt),
    vaultSalt: p.vaultSalt,
    iv: bytesToBase64(crypto.getRandomValues(new Uint8Array(IV_BYTES))),
  };
  const key = await wrappingKey(p.prf, p.prfSalt);
  const ct = new Uint8Array(await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: base64ToBytes(header.iv) as BufferSource, additionalData: aad(header) as BufferSource }, key, p.aesKey as BufferSource));
  const wrap: PasskeyWrapV1 = { ...header, wrappedKey: bytesToBase64(ct) };
  // Verify before store: a JSON copy parses and unwraps to the same key.
  const back = await unwrapVaultKey(parsePasskeyWrap(JSON.parse(JSON.stringify(wrap))), p.prf);
  const same = equalBytes(back, p.aesKey);
  back.fill(0);
  if (!same) throw new PasskeyError('The passkey enrolment could not be verified; nothing was saved.', { reason: 'verify-failed' });
  return wrap;
}

/**
 * The vault AES key from a wrap and the PRF output. A wrong PRF output (another passkey, another salt) and an edited
 * record both fail GCM authentication: PasskeyError reason 'no-match'. Nothing is changed either way.
 */
export async function unwrapVaultKey(wrap: PasskeyWrapV1, prf: Uint8Array): Promise<Uint8Array> {
  checkPrf(prf);
  const key = await wrappingKey(prf, base64ToBytes(wrap.prfSalt));
  try {
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: base64ToBytes(wrap.iv) as BufferSource, additionalData: aad(wrap) as BufferSource },
      key, base64ToBytes(wrap.wrappedKey) as BufferSource);
    return new Uint8Array(pt);
  } catch {
    throw new PasskeyError('This passkey does not open the wallet. Use your password.', { reason: 'no-match' });
  }
}
