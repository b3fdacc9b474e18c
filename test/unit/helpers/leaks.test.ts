// Self-test of the leak detector used by the wallet tests: it must catch a secret in every encoding we scan for.
import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { keyNeedles, phraseNeedles } from './leaks';
import { GENERATED_MNEMONIC, KNOWN, evmAccounts, solanaAccounts, unhex } from './vectors';

const hits = (haystack: string, needles: string[]) => needles.filter((n) => haystack.toLowerCase().includes(n.toLowerCase()));

describe('leak needles', () => {
  const phrase = phraseNeedles(GENERATED_MNEMONIC);
  const evm = evmAccounts(KNOWN.genEvm)[3]!;
  const sol = solanaAccounts(KNOWN.genSolana)[2]!;
  const key = keyNeedles(evm.private_key);
  const seed = keyNeedles(sol.private_key_seed_hex);

  it('find a phrase stored as text, as a word array or as a 2-word fragment', () => {
    expect(hits(JSON.stringify({ m: GENERATED_MNEMONIC }), phrase).length).toBeGreaterThan(0);
    expect(hits(JSON.stringify({ m: GENERATED_MNEMONIC.split(' ') }), phrase).length).toBeGreaterThan(0);
    expect(hits(JSON.stringify({ note: 'was: frost purpose' }), phrase).length).toBeGreaterThan(0);
    expect(hits(JSON.stringify({ m: GENERATED_MNEMONIC.replace(/ /g, '\n') }), phrase).length).toBeGreaterThan(0);
  });

  it('find a key as hex, 0x-hex, upper case, base58, byte array and Uint8Array-as-object', () => {
    const bytes = unhex(evm.private_key);
    for (const stored of [evm.private_key, evm.private_key.slice(2).toUpperCase(), bs58.encode(bytes), Array.from(bytes), { ...bytes }]) {
      expect(hits(JSON.stringify({ k: stored }), key).length).toBeGreaterThan(0);
    }
    expect(hits(JSON.stringify({ k: Array.from(unhex(sol.private_key_seed_hex)) }), seed).length).toBeGreaterThan(0);
  });

  it('do not fire on public data', () => {
    const pub = JSON.stringify({ evm: evm.address, sol: sol.address, name: 'Account 1', pk: evm.public_key_compressed });
    expect(hits(pub, [...phrase, ...key, ...seed])).toEqual([]);
  });
});
