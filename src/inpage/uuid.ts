/**
 * An RFC 4122 version-4 UUID from `crypto.getRandomValues`, which every page has. (`crypto.randomUUID` exists only
 * in secure contexts: on a plain-http site other than localhost it is missing, and the wallet would not announce
 * itself there.) Not a secret: ids of requests and of the EIP-6963 announcement.
 */
export function uuidV4(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
