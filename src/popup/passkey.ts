/**
 * WebAuthn with the PRF extension, in the extension page (the service worker cannot run WebAuthn). The PRF output
 * is a secret: it is returned to the caller, which sends it once to the background and keeps no copy.
 * Only PRF is accepted: an authenticator without it is refused (no weaker fallback such as a stored user handle).
 */
import { base64ToBytes, bytesToBase64 } from '../shared/encoding';

/** Why the page could not get a PRF output; the UI maps each reason to a message. */
export type PasskeyFailure = 'no-prf' | 'cancelled' | 'unsupported';
export class PasskeyPageError extends Error {
  constructor(readonly reason: PasskeyFailure) { super(`passkey: ${reason}`); }
}

type PrfResults = { enabled?: boolean; results?: { first?: ArrayBuffer | ArrayBufferView } };
const prfOf = (c: PublicKeyCredential): PrfResults | undefined =>
  (c.getClientExtensionResults() as { prf?: PrfResults }).prf;

const toBytes = (b: ArrayBuffer | ArrayBufferView): Uint8Array =>
  b instanceof ArrayBuffer ? new Uint8Array(b.slice(0)) : new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** A WebAuthn refusal (the user cancelled, timed out, no authenticator) or anything else thrown by the browser. */
function browserFailure(e: unknown): PasskeyPageError {
  if (e instanceof PasskeyPageError) return e;
  const name = (e as { name?: string })?.name;
  return new PasskeyPageError(name === 'NotSupportedError' || name === 'SecurityError' ? 'unsupported' : 'cancelled');
}

function requirePrf(first: ArrayBuffer | ArrayBufferView | undefined): Uint8Array {
  if (!first) throw new PasskeyPageError('no-prf');
  const out = toBytes(first);
  if (out.length !== 32) { out.fill(0); throw new PasskeyPageError('no-prf'); }
  return out;
}

/** The PRF output of the credential `credentialId` for `salt` (a WebAuthn get() with user verification). */
export async function passkeyPrf(credentialId: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
  if (!navigator.credentials || typeof PublicKeyCredential === 'undefined') throw new PasskeyPageError('unsupported');
  let cred: PublicKeyCredential | null;
  try {
    cred = await navigator.credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        allowCredentials: [{ type: 'public-key', id: credentialId as BufferSource }],
        userVerification: 'required',
        timeout: 120_000,
        extensions: { prf: { eval: { first: salt as BufferSource } } } as AuthenticationExtensionsClientInputs,
      },
    }) as PublicKeyCredential | null;
  } catch (e) { throw browserFailure(e); }
  if (!cred) throw new PasskeyPageError('cancelled');
  return requirePrf(prfOf(cred)?.results?.first);
}

/**
 * Create a passkey with PRF and return its id, the fresh random PRF salt and the PRF output. create() asks for the
 * output at once; authenticators that only report `enabled` there are asked again with get() and the same salt.
 * `enabled: false` (or no PRF answer at all) → PasskeyPageError('no-prf'), and the caller stores nothing.
 */
export async function createPasskeyWithPrf(userName: string): Promise<{ credentialId: Uint8Array; prfSalt: Uint8Array; prf: Uint8Array }> {
  if (!navigator.credentials || typeof PublicKeyCredential === 'undefined') throw new PasskeyPageError('unsupported');
  const prfSalt = crypto.getRandomValues(new Uint8Array(32));
  let cred: PublicKeyCredential | null;
  try {
    cred = await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Meridian' },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: userName, displayName: userName },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        timeout: 120_000,
        extensions: { prf: { eval: { first: prfSalt } } } as AuthenticationExtensionsClientInputs,
      },
    }) as PublicKeyCredential | null;
  } catch (e) { throw browserFailure(e); }
  if (!cred) throw new PasskeyPageError('cancelled');
  const prf = prfOf(cred);
  if (!prf || prf.enabled === false) throw new PasskeyPageError('no-prf');
  const credentialId = new Uint8Array(cred.rawId);
  const first = prf.results?.first;
  return { credentialId, prfSalt, prf: first ? requirePrf(first) : await passkeyPrf(credentialId, prfSalt) };
}

export const b64 = bytesToBase64;
export const fromB64 = base64ToBytes;
