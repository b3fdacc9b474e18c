/**
 * personal_sign parameter decoding. A 0x-prefixed, even-length hex parameter is raw bytes (as MetaMask and
 * eth-sig-util treat it); anything else is UTF-8 text. The approval window shows `text` when the bytes are
 * readable and the hex otherwise, so a binary payload is never presented as (mis-decoded) text.
 */
import type { Hex, SignableMessage } from 'viem';
import { InvalidParamsError } from '../../../shared/errors';

export type DecodedPersonalMessage = {
  /** The readable text, or null when the bytes are not valid UTF-8 or contain control characters. */
  text: string | null;
  /** The exact bytes that are signed (before the EIP-191 prefix), lowercase hex. */
  hex: Hex;
  /** True when the bytes are valid UTF-8 without control characters other than \n, \r and \t. */
  isUtf8: boolean;
  /** Length of the signed bytes. */
  bytes: number;
};

const HEX_BYTES = /^0x(?:[0-9a-fA-F]{2})*$/;
/** Unicode control characters (Cc: C0, DEL, C1) other than tab, line feed and carriage return. */
const FORBIDDEN_CONTROL = /(?![\t\n\r])\p{Cc}/u;

/** True when a personal_sign parameter is to be signed as raw bytes. */
export function isHexMessage(param: string): param is Hex {
  return HEX_BYTES.test(param);
}

function toHex(bytes: Uint8Array): Hex {
  let s = '0x';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s as Hex;
}

function fromHex(hex: Hex): Uint8Array {
  const out = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 + i * 2, 4 + i * 2), 16);
  return out;
}

function readableText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  return FORBIDDEN_CONTROL.test(text) ? null : text;
}

export function decodePersonalMessage(param: string): DecodedPersonalMessage {
  if (typeof param !== 'string') throw new InvalidParamsError('The message must be a string.');
  if (isHexMessage(param)) {
    const bytes = fromHex(param);
    const text = readableText(bytes);
    return { text, hex: toHex(bytes), isUtf8: text !== null, bytes: bytes.length };
  }
  const bytes = new TextEncoder().encode(param);
  // Decode what is signed (a lone surrogate in the string is signed as U+FFFD), keeping a leading BOM visible.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { text, hex: toHex(bytes), isUtf8: true, bytes: bytes.length };
}

/** What to hand to viem's signMessage: `{ raw }` for a hex parameter, the string itself otherwise. */
export function personalSignPayload(param: string): SignableMessage {
  if (typeof param !== 'string') throw new InvalidParamsError('The message must be a string.');
  return isHexMessage(param) ? { raw: param.toLowerCase() as Hex } : param;
}
