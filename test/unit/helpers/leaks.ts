/** Needles for "no secret in storage" checks: phrase word pairs, private keys in every encoding, passwords. */
import bs58 from 'bs58';
import { expect } from 'vitest';
import { unhex } from './vectors';

export function phraseNeedles(phrase: string): string[] {
  const words = phrase.normalize('NFKD').split(/[\s\u3000]+/u).filter(Boolean);
  const out = [phrase];
  for (let i = 0; i + 1 < words.length; i++) {
    // as text, as a JSON array, as a comma list, as JSON-escaped lines
    for (const sep of [' ', '","', ',', ', ', '\\n']) out.push(`${words[i]}${sep}${words[i + 1]}`);
  }
  return out;
}

/** A 32-byte key given as hex (with or without 0x): hex, 0x-hex, base58, and the JSON forms of its bytes. */
export function keyNeedles(keyHex: string): string[] {
  const h = keyHex.replace(/^0x/i, '').toLowerCase();
  const bytes = Array.from(unhex(h));
  const head = bytes.slice(0, 12);
  return [h, `0x${h}`, bs58.encode(unhex(h)), head.join(','), head.map((b, i) => `"${i}":${b}`).join(',')];
}

export function expectNoSecrets(label: string, haystack: string, needles: string[]): void {
  const lower = haystack.toLowerCase();
  const found = needles.filter((n) => lower.includes(n.toLowerCase()));
  // Report only the index of a hit: printing the needle would put a secret in the test log.
  expect(found.map((n) => needles.indexOf(n)), `${label}: secret material found (needle indexes)`).toEqual([]);
}
