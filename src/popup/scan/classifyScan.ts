/**
 * What a scanned QR code holds, decided before anything fills the Send form (pure: no DOM, no browser APIs).
 * Payment links go through the same parser as a pasted link (`parsePaymentUri`); plain addresses are recognised by
 * shape (EVM: 0x + 40 hex digits; Solana: base58 of 32 bytes). The form's recipient check (EIP-55 checksum, ed25519
 * curve) still applies after "Use it", exactly as for a typed address.
 */
import bs58 from 'bs58';
import { parsePaymentUri, type PaymentRequest } from '../paymentUri';

export type ScanKind = 'evm-uri' | 'solana-pay' | 'evm-address' | 'solana-address' | 'unknown';

export type ScanResult =
  | { kind: 'evm-uri' | 'solana-pay'; text: string; shown: string; request: PaymentRequest }
  | { kind: 'evm-address' | 'solana-address'; text: string; shown: string }
  /** `paymentLink`: it starts like a payment link (ethereum: / solana:) but this wallet cannot use it exactly. */
  | { kind: 'unknown'; text: string; shown: string; paymentLink: boolean };

/** Longer text is never parsed (no real payment link or address is anywhere near it). */
export const MAX_SCAN_TEXT = 2048;
/** At most this many characters of the decoded text are shown; longer text ends with "…". */
export const MAX_SHOWN = 256;

export function shownText(text: string): string {
  const chars = [...text];
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : text;
}

function isSolanaAddressShape(s: string): boolean {
  if (s.length < 32 || s.length > 44 || !/^[1-9A-HJ-NP-Za-km-z]+$/.test(s)) return false;
  try {
    return bs58.decode(s).length === 32;
  } catch {
    return false;
  }
}

export function classifyScan(decoded: string): ScanResult {
  const text = decoded.trim();
  const shown = shownText(text);
  if (text.length > MAX_SCAN_TEXT) return { kind: 'unknown', text, shown, paymentLink: false };
  const scheme = /^(ethereum|solana):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme) {
    const request = parsePaymentUri(text);
    if (!request) return { kind: 'unknown', text, shown, paymentLink: true };
    return { kind: request.family === 'evm' ? 'evm-uri' : 'solana-pay', text, shown, request };
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) return { kind: 'evm-address', text, shown };
  if (isSolanaAddressShape(text)) return { kind: 'solana-address', text, shown };
  return { kind: 'unknown', text, shown, paymentLink: false };
}
