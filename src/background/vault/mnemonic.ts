import * as bip39 from 'bip39';
import { InvalidMnemonicError } from '../../shared/errors';

export const VALID_WORD_COUNTS = [12, 15, 18, 21, 24] as const;
export type MnemonicLanguage = Extract<keyof typeof bip39.wordlists, string>;
export type ParsedMnemonic = { phrase: string; language: MnemonicLanguage; wordCount: number };

/** Wordlists bip39 ships, in detection order of preference (simplified Chinese before traditional). */
const LANGUAGES: MnemonicLanguage[] = ['english', 'chinese_simplified', 'chinese_traditional', 'japanese', 'korean',
  'spanish', 'french', 'italian', 'czech', 'portuguese'].filter((l): l is MnemonicLanguage => l in bip39.wordlists);

const normalizedLists = new Map<MnemonicLanguage, { words: string[]; set: Set<string> }>();
function list(lang: MnemonicLanguage) {
  let l = normalizedLists.get(lang);
  if (!l) {
    const words = (bip39.wordlists[lang] ?? []).map((w) => w.normalize('NFKD'));
    l = { words, set: new Set(words) };
    normalizedLists.set(lang, l);
  }
  return l;
}

const CJK = /^[\u3400-\u9fff\uf900-\ufaff]+$/u;

/** NFKD, lower case, any whitespace (incl. line breaks and U+3000) as one separator; CJK runs split per character. */
export function tokenizeMnemonic(input: string): string[] {
  const tokens = input.normalize('NFKD').toLowerCase().split(/[\s\u3000]+/u).filter(Boolean);
  if (!VALID_WORD_COUNTS.includes(tokens.length as 12) && tokens.length > 0 && tokens.every((t) => CJK.test(t))) {
    return tokens.flatMap((t) => Array.from(t));
  }
  return tokens;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
function editDistance(a: string, b: string): number {
  const A = Array.from(a), B = Array.from(b);
  const m = B.length;
  // Three rolling rows (i-2, i-1, i) instead of the full table: it runs once per wordlist entry.
  let prev2: number[] = new Array<number>(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= A.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Closest valid word: a unique 4-letter prefix match first (BIP39 English words are unique in 4 letters), then edit distance. */
export function suggestWord(word: string, lang: MnemonicLanguage): string | undefined {
  const { words } = list(lang);
  if (word.length >= 4) {
    const byPrefix = words.filter((w) => w.startsWith(word.slice(0, 4)));
    if (byPrefix.length === 1) return byPrefix[0];
  }
  // Keep at least one character of the input: a one-character word (a Chinese character) is at distance 1
  // from every entry, so the "closest" would just be the first word of the list.
  const n = Array.from(word).length;
  const limit = Math.min(Math.max(2, Math.ceil(n / 2)), n - 1);
  let best: string | undefined;
  let bestD = Infinity;
  for (const w of words) {
    // The distance is at least the length difference: skip words that cannot be within the limit (a long pasted
    // token would otherwise cost a full O(n·m) table per word).
    if (Math.abs(w.length - n) > limit) continue; // every wordlist entry is in the BMP: length = code points
    const d = editDistance(word, w);
    if (d < bestD) { bestD = d; best = w; }
  }
  return bestD <= limit ? best : undefined;
}

/**
 * Validate a phrase typed or pasted by the user. Throws InvalidMnemonicError with data
 * `{ reason: 'empty' | 'word-count' | 'unknown-word' | 'checksum', ... }`; the error names the position and a
 * suggestion for an unknown word but never repeats the rest of the phrase.
 */
export function parseMnemonic(input: string): ParsedMnemonic {
  if (typeof input !== 'string') throw new InvalidMnemonicError('The Secret Recovery Phrase must be text.', { reason: 'empty' });
  const words = tokenizeMnemonic(input);
  if (words.length === 0) throw new InvalidMnemonicError('Enter your Secret Recovery Phrase.', { reason: 'empty' });
  // Pick the wordlist that knows the most words (ties: the order of LANGUAGES).
  const ranked = LANGUAGES.map((lang) => ({ lang, known: words.filter((w) => list(lang).set.has(w)).length }))
    .sort((a, b) => b.known - a.known);
  const complete = ranked.filter((r) => r.known === words.length);
  if (!VALID_WORD_COUNTS.includes(words.length as 12)) {
    throw new InvalidMnemonicError(
      `A Secret Recovery Phrase has 12, 15, 18, 21 or 24 words; this one has ${words.length}.`,
      { reason: 'word-count', count: words.length });
  }
  if (complete.length === 0) {
    const lang = ranked[0]!.lang;
    const position = words.findIndex((w) => !list(lang).set.has(w));
    const word = words[position]!;
    const suggestion = suggestWord(word, lang);
    throw new InvalidMnemonicError(
      `Word ${position + 1} ("${word}") is not in the ${lang.replace('_', ' ')} BIP39 word list.`
        + (suggestion ? ` Did you mean "${suggestion}"?` : ''),
      { reason: 'unknown-word', position: position + 1, word, suggestion, language: lang });
  }
  for (const { lang } of complete) {
    const phrase = words.join(' ');
    if (bip39.validateMnemonic(phrase, list(lang).words)) return { phrase, language: lang, wordCount: words.length };
  }
  throw new InvalidMnemonicError(
    'The checksum of this Secret Recovery Phrase does not match: a word is wrong or the words are out of order.',
    { reason: 'checksum', language: complete[0]!.lang });
}

export async function mnemonicToSeed(phrase: string): Promise<Uint8Array> {
  return new Uint8Array(await bip39.mnemonicToSeed(phrase));
}
