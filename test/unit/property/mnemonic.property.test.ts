/**
 * Property tests of phrase import: a valid phrase in any shipped BIP39 wordlist, typed with random whitespace, case and
 * Unicode normalisation, parses to the same normalised phrase; anything else gives InvalidMnemonicError with a reason,
 * and an unknown word is named with its 1-based position; each case in < 100 ms.
 */
import * as bip39 from 'bip39';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMnemonic, tokenizeMnemonic, VALID_WORD_COUNTS, type MnemonicLanguage } from '../../../src/background/vault/mnemonic';
import { InvalidMnemonicError } from '../../../src/shared/errors';
import { SlowestCase, onlyTyped } from './property';

const LANGUAGES = Object.keys(bip39.wordlists).filter((l) => !['EN', 'JA'].includes(l)) as MnemonicLanguage[];
const CJK = new Set<string>(['chinese_simplified', 'chinese_traditional']);
const CASELESS = new Set<string>(['chinese_simplified', 'chinese_traditional', 'japanese', 'korean']);
const ENTROPY_BYTES = [16, 20, 24, 28, 32];
const SPACES = [' ', '  ', '\t', '\n', '\r\n', '\u3000', '\u00a0', '\u2003', ' \n '];

const normalized = (phrase: string) => phrase.normalize('NFKD').split(/[\s\u3000]+/u).filter(Boolean).join(' ');
const wordSet = (lang: MnemonicLanguage) => new Set(bip39.wordlists[lang]!.map((w) => w.normalize('NFKD')));

/** A valid phrase, then the same phrase as a user may type or paste it. */
const typedPhrase = fc.record({
  lang: fc.constantFrom(...LANGUAGES),
  entropy: fc.constantFrom(...ENTROPY_BYTES).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
}).chain(({ lang, entropy }) => {
  const phrase = bip39.entropyToMnemonic(Buffer.from(entropy).toString('hex'), bip39.wordlists[lang]);
  const words = phrase.normalize('NFKD').split(/[\s\u3000]+/u);
  const sep = CJK.has(lang) ? fc.oneof(fc.constantFrom(...SPACES), fc.constant('')) : fc.constantFrom(...SPACES);
  return fc.record({
    lang: fc.constant(lang),
    phrase: fc.constant(words.join(' ')),
    // CJK phrases are typed either spaced word by word or with no space at all (one or two runs).
    seps: CJK.has(lang)
      ? fc.oneof(fc.array(fc.constantFrom(...SPACES), { minLength: words.length - 1, maxLength: words.length - 1 }),
        fc.tuple(fc.nat({ max: words.length - 2 }), fc.constantFrom(...SPACES)).map(([at, s]) => words.slice(1).map((_, i) => (i === at ? s : ''))))
      : fc.array(sep, { minLength: words.length - 1, maxLength: words.length - 1 }),
    lead: fc.constantFrom('', ' ', '\n', '\t \u3000'),
    trail: fc.constantFrom('', ' ', '\n', '\r\n'),
    upper: fc.array(fc.boolean(), { minLength: words.length, maxLength: words.length }),
    form: fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD'),
  }).map(({ lang: l, phrase: p, seps, lead, trail, upper, form }) => {
    const cased = words.map((w, i) => (upper[i] && !CASELESS.has(l) ? (i % 2 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)) : w));
    const text = lead + cased.map((w, i) => w + (seps[i] ?? '')).join('') + trail;
    return { lang: l, phrase: p, text: text.normalize(form as 'NFC') };
  });
});

function expectWellFormedError(e: Error, text: string): void {
  const err = e as InvalidMnemonicError;
  expect(err.code).toBe(1003);
  const data = err.data as Record<string, unknown>;
  const tokens = tokenizeMnemonic(typeof text === 'string' ? text : '');
  switch (data.reason) {
    case 'empty': expect(tokens).toHaveLength(0); break;
    case 'word-count':
      expect(data.count).toBe(tokens.length);
      expect(VALID_WORD_COUNTS.includes(tokens.length as 12)).toBe(false);
      break;
    case 'unknown-word': {
      const pos = data.position as number;
      expect(Number.isInteger(pos) && pos >= 1 && pos <= tokens.length).toBe(true);
      expect(data.word).toBe(tokens[pos - 1]);
      const set = wordSet(data.language as MnemonicLanguage);
      expect(set.has(data.word as string)).toBe(false);
      // The first unknown word is the one named.
      expect(tokens.slice(0, pos - 1).every((t) => set.has(t))).toBe(true);
      if (data.suggestion !== undefined) expect(set.has(data.suggestion as string)).toBe(true);
      expect(err.message).toContain(`Word ${pos} `);
      expect(Object.keys(data).sort()).toEqual(['language', 'position', 'reason', 'suggestion', 'word']);
      break;
    }
    case 'checksum':
      expect(tokens.every((t) => wordSet(data.language as MnemonicLanguage).has(t))).toBe(true);
      expect(Object.keys(data).sort()).toEqual(['language', 'reason']);
      break;
    default: throw new Error(`unexpected reason ${String(data.reason)}`);
  }
}

beforeAll(() => {
  // Build the normalised wordlists once, outside the timed cases.
  for (const lang of LANGUAGES) parseMnemonic(bip39.entropyToMnemonic('00'.repeat(16), bip39.wordlists[lang]));
});

describe('parseMnemonic (property)', () => {
  it('a valid phrase in any wordlist, with random whitespace, case and normal form, parses to the same normalised phrase; < 100 ms', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(typedPhrase, ({ lang, phrase, text }) => {
      const parsed = slow.time(text, () => parseMnemonic(text));
      expect(parsed.phrase).toBe(normalized(phrase));
      expect(parsed.wordCount).toBe(phrase.split(' ').length);
      // Shared words (e.g. the two Chinese lists) may make another list match too; that list must accept it as well.
      if (parsed.language !== lang) expect(bip39.validateMnemonic(parsed.phrase, bip39.wordlists[parsed.language]!.map((w) => w.normalize('NFKD')))).toBe(true);
    }), { seed: 39, numRuns: 300 });
    slow.expectUnderBudget();
  });

  it('one word replaced by a token outside the list: unknown-word naming that position (or a checksum error if the token is a word)', () => {
    const slow = new SlowestCase();
    const token = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 12 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      // Long garbage (a pasted key, a hash): the suggestion search must stay fast.
      fc.tuple(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 5, maxLength: 20 }), fc.integer({ min: 5, max: 200 }))
        .map(([s, k]) => s.repeat(k)),
    ).filter((t) => tokenizeMnemonic(t).length === 1);
    fc.assert(fc.property(typedPhrase.filter(({ lang }) => !CJK.has(lang)), token, fc.nat(), ({ lang, phrase }, tok, at) => {
      const words = phrase.split(' ');
      const pos = at % words.length;
      words[pos] = tok;
      const text = words.join(' ');
      const r = slow.time(text, () => onlyTyped([InvalidMnemonicError], () => parseMnemonic(text)));
      if (r.ok) return; // the token was a word of some list and the checksum happened to match
      expectWellFormedError(r.error, text);
      const data = (r.error as InvalidMnemonicError).data as { reason: string; position?: number; language?: string };
      const norm = tokenizeMnemonic(tok)[0]!;
      if (!wordSet(lang).has(norm) && data.language === lang) expect(data).toMatchObject({ reason: 'unknown-word', position: pos + 1 });
    }), { seed: 40, numRuns: 150 });
    slow.expectUnderBudget();
  });

  it('arbitrary text and word salads: a phrase or InvalidMnemonicError with a consistent reason, never another exception; < 100 ms', () => {
    const slow = new SlowestCase();
    const englishWord = fc.constantFrom(...bip39.wordlists.english!);
    const anyWord = fc.constantFrom(...LANGUAGES).chain((l) => fc.constantFrom(...bip39.wordlists[l]!));
    const salad = fc.tuple(fc.constantFrom(...VALID_WORD_COUNTS, 0, 1, 11, 13, 25), fc.constantFrom(englishWord, anyWord)).chain(([n, w]) =>
      fc.array(fc.oneof({ weight: 9, arbitrary: w }, fc.string({ maxLength: 6 })), { minLength: n, maxLength: n }))
      .chain((ws) => fc.array(fc.constantFrom(...SPACES), { minLength: ws.length, maxLength: ws.length }).map((ss) => ws.map((w, i) => w + ss[i]).join('')));
    const input = fc.oneof({ weight: 3, arbitrary: salad }, fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.anything());
    fc.assert(fc.property(input, (text) => {
      const r = slow.time(text, () => onlyTyped([InvalidMnemonicError], () => parseMnemonic(text as string)));
      if (r.ok) {
        expect(VALID_WORD_COUNTS.includes(r.value.wordCount as 12)).toBe(true);
        expect(r.value.phrase).toBe(tokenizeMnemonic(text as string).join(' '));
        return;
      }
      expectWellFormedError(r.error, text as string);
    }), { seed: 41, numRuns: 500 });
    slow.expectUnderBudget();
  });
});
