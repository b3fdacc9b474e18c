import { createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PasskeyError } from '../../../../src/shared/errors';
import { PASSKEY_WRAP_INFO, parsePasskeyWrap, unwrapVaultKey, wrapVaultKey, type PasskeyWrapV1 } from '../../../../src/background/vault/passkeyWrap';
import { caught, caughtSync } from '../../helpers/errors';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed + i * 7) & 0xff);
const PRF = bytes(32, 1);
const OTHER_PRF = bytes(32, 2);
const PRF_SALT = bytes(32, 3);
const CRED = bytes(64, 4);
const AES_KEY = bytes(32, 5);
const VAULT_SALT = Buffer.from(bytes(16, 6)).toString('base64');
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const flip = (s: string, i = 0) => { const b = b64(s); b[i]! ^= 0x01; return Buffer.from(b).toString('base64'); };

const wrap = () => wrapVaultKey({ prf: PRF, prfSalt: PRF_SALT, credentialId: CRED, vaultSalt: VAULT_SALT, aesKey: AES_KEY });

describe('passkey wrap of the vault key', () => {
  it('round trip: the wrap holds exactly the documented fields and unwraps to the exact key', async () => {
    const w = await wrap();
    expect(Object.keys(w).sort()).toEqual(['credentialId', 'iv', 'prfSalt', 'vaultSalt', 'version', 'wrappedKey']);
    expect(w).toMatchObject({ version: 1, credentialId: Buffer.from(CRED).toString('base64'), prfSalt: Buffer.from(PRF_SALT).toString('base64'), vaultSalt: VAULT_SALT });
    expect(b64(w.iv)).toHaveLength(12);
    expect(b64(w.wrappedKey)).toHaveLength(48);
    expect(Array.from(await unwrapVaultKey(parsePasskeyWrap(JSON.parse(JSON.stringify(w))), PRF))).toEqual(Array.from(AES_KEY));
    // The inputs are left as they were (the caller owns and zeroes them).
    expect(Array.from(PRF)).toEqual(Array.from(bytes(32, 1)));
    // Fresh IV per wrap.
    expect((await wrap()).iv).not.toBe(w.iv);
  });

  it('matches the documented construction, checked with node:crypto (HKDF-SHA256 + AES-256-GCM, fields as AAD)', async () => {
    const w = await wrap();
    const kek = Buffer.from(hkdfSync('sha256', PRF, PRF_SALT, Buffer.from(PASSKEY_WRAP_INFO), 32));
    expect(PASSKEY_WRAP_INFO).toBe('meridian passkey wrap v1');
    const ct = b64(w.wrappedKey);
    const d = createDecipheriv('aes-256-gcm', kek, b64(w.iv));
    d.setAAD(Buffer.from(JSON.stringify([PASSKEY_WRAP_INFO, 1, w.credentialId, w.prfSalt, w.vaultSalt, w.iv])));
    d.setAuthTag(ct.subarray(32));
    const out = Buffer.concat([d.update(ct.subarray(0, 32)), d.final()]);
    expect(Array.from(out)).toEqual(Array.from(AES_KEY));
  });

  it('a wrong PRF output → PasskeyError 1012 no-match, and the wrap is unchanged', async () => {
    const w = await wrap();
    const before = JSON.stringify(w);
    const e = await caught(() => unwrapVaultKey(w, OTHER_PRF));
    expect(e).toBeInstanceOf(PasskeyError);
    expect(e.code).toBe(1012);
    expect(e.data).toEqual({ reason: 'no-match' });
    expect(JSON.stringify(w)).toBe(before);
    // A PRF output of the wrong length is not a PRF output at all.
    expect((await caught(() => unwrapVaultKey(w, PRF.subarray(0, 31)))).data).toEqual({ reason: 'no-prf' });
  });

  it('every tampered field fails to unwrap (no-match)', async () => {
    const w = await wrap();
    const tampered: PasskeyWrapV1[] = [
      { ...w, wrappedKey: flip(w.wrappedKey) }, { ...w, wrappedKey: flip(w.wrappedKey, 40) }, { ...w, iv: flip(w.iv) },
      { ...w, prfSalt: flip(w.prfSalt) }, { ...w, credentialId: flip(w.credentialId) }, { ...w, vaultSalt: flip(w.vaultSalt) },
    ];
    for (const t of tampered) {
      const e = await caught(() => unwrapVaultKey(parsePasskeyWrap(t), PRF));
      expect(e.data).toEqual({ reason: 'no-match' });
    }
  });

  it('versioning and shape: another version, extra or missing fields, bad base64 or lengths are refused', () => {
    const good = { version: 1, credentialId: 'AQ==', prfSalt: Buffer.from(PRF_SALT).toString('base64'), vaultSalt: VAULT_SALT,
      iv: Buffer.alloc(12).toString('base64'), wrappedKey: Buffer.alloc(48).toString('base64') };
    expect(parsePasskeyWrap(good)).toEqual(good);
    expect(caughtSync(() => parsePasskeyWrap({ ...good, version: 2 })).data).toEqual({ reason: 'unknown-version' });
    expect(caughtSync(() => parsePasskeyWrap({ ...good, version: '1' })).data).toEqual({ reason: 'unknown-version' });
    const damaged: unknown[] = [
      null, 'x', [], { ...good, prf: good.prfSalt }, (({ iv: _iv, ...r }) => r)(good), { ...good, iv: '!!' },
      { ...good, iv: Buffer.alloc(16).toString('base64') }, { ...good, prfSalt: Buffer.alloc(16).toString('base64') },
      { ...good, wrappedKey: Buffer.alloc(32).toString('base64') }, { ...good, credentialId: '' },
    ];
    for (const d of damaged) {
      const e = caughtSync(() => parsePasskeyWrap(d));
      expect(e).toBeInstanceOf(PasskeyError);
      expect(e.data).toEqual({ reason: 'damaged' });
    }
  });

  it('refuses to wrap without a 32-byte PRF output or salt', async () => {
    expect((await caught(() => wrapVaultKey({ prf: new Uint8Array(0), prfSalt: PRF_SALT, credentialId: CRED, vaultSalt: VAULT_SALT, aesKey: AES_KEY }))).data)
      .toEqual({ reason: 'no-prf' });
    expect((await caught(() => wrapVaultKey({ prf: PRF, prfSalt: PRF_SALT.subarray(0, 16), credentialId: CRED, vaultSalt: VAULT_SALT, aesKey: AES_KEY }))).data)
      .toEqual({ reason: 'bad-salt' });
  });
});
