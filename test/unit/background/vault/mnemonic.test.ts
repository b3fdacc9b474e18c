import * as bip39 from 'bip39';
import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import { InvalidMnemonicError } from '../../../../src/shared/errors';
import { mnemonicToSeed, parseMnemonic, suggestWord } from '../../../../src/background/vault/mnemonic';
import { caughtSync } from '../../helpers/errors';
import { GENERATED_MNEMONIC, KNOWN, TEST_MNEMONIC, bip39Vectors, hex, knownById, type Bip39Vector } from '../../helpers/vectors';

const LANGS = ['english', 'chinese_simplified', 'japanese'] as const;
const byLang = (l: Bip39Vector['language']) => bip39Vectors.filter((v) => v.language === l);
const wordsOf = (m: string) => m.normalize('NFKD').split(/[\s\u3000]+/u).filter(Boolean);

/** Messy ways a user may type or paste the same phrase. */
function messyForms(v: Bip39Vector): Record<string, string> {
  const w = wordsOf(v.mnemonic);
  const common: Record<string, string> = {
    'extra spaces': `   ${w.join('    ')}  `,
    'line breaks': w.map((x, i) => (i % 3 === 2 ? `${x}\n` : `${x} `)).join(''),
    'CRLF and tabs': w.join('\t\r\n'),
    'U+3000 separators': `\u3000${w.join('\u3000\u3000')}\u3000`,
    'NFC form': v.mnemonic.normalize('NFC'),
    'NFKD form': v.mnemonic.normalize('NFKD'),
    'NFC with ASCII spaces': w.map((x) => x.normalize('NFC')).join(' '),
  };
  if (v.language === 'english') {
    common['upper case'] = v.mnemonic.toUpperCase();
    common['mixed case and spaces'] = w.map((x, i) => (i % 2 ? x.toUpperCase() : x[0]!.toUpperCase() + x.slice(1))).join('  \t ');
  }
  if (v.language === 'chinese_simplified') {
    common['no spaces at all'] = w.join('');
    common['no spaces, line broken in two'] = `${w.slice(0, 6).join('')}\n${w.slice(6).join('')}`;
  }
  return common;
}

describe('BIP39 vectors (trezor/python-mnemonic + bitcoinjs/bip39)', () => {
  it('has every English, Chinese (simplified) and Japanese vector', () => {
    expect(byLang('english')).toHaveLength(24);
    expect(byLang('chinese_simplified')).toHaveLength(24);
    expect(byLang('japanese')).toHaveLength(48);
    expect(bip39Vectors).toHaveLength(96);
  });

  for (const lang of LANGS) {
    describe(lang, () => {
      it.each(byLang(lang).map((v) => [v.id, v] as const))('%s: parse, seed, entropy round trip, xprv', async (_id, v) => {
        const parsed = parseMnemonic(v.mnemonic);
        expect(parsed.language).toBe(lang);
        expect(parsed.wordCount).toBe(wordsOf(v.mnemonic).length);
        expect(parsed.phrase).toBe(wordsOf(v.mnemonic).join(' '));

        const seed = await bip39.mnemonicToSeed(parsed.phrase, v.passphrase);
        expect(seed.toString('hex')).toBe(v.seed);
        // The vector text itself (U+3000 separators for Japanese) gives the same seed.
        expect((await bip39.mnemonicToSeed(v.mnemonic, v.passphrase)).toString('hex')).toBe(v.seed);

        const wordlist = bip39.wordlists[lang]!;
        expect(bip39.entropyToMnemonic(v.entropy, wordlist).normalize('NFKD')).toBe(v.mnemonic.normalize('NFKD'));
        expect(bip39.mnemonicToEntropy(parsed.phrase, wordlist.map((x) => x.normalize('NFKD')))).toBe(v.entropy);

        if (v.bip32_xprv) expect(HDKey.fromMasterSeed(seed).privateExtendedKey).toBe(v.bip32_xprv);
      });

      it.each(byLang(lang).map((v) => [v.id, v] as const))('%s: messy formatting gives the same phrase and seed', async (_id, v) => {
        const clean = parseMnemonic(v.mnemonic);
        const phrases = new Set<string>();
        for (const [form, text] of Object.entries(messyForms(v))) {
          const p = parseMnemonic(text);
          expect({ form, language: p.language, phrase: p.phrase }).toEqual({ form, language: lang, phrase: clean.phrase });
          phrases.add(p.phrase);
        }
        for (const p of phrases) expect((await bip39.mnemonicToSeed(p, v.passphrase)).toString('hex')).toBe(v.seed);
      });
    });
  }

  it('the xprv check really covers the 72 trezor vectors', () => {
    expect(bip39Vectors.filter((v) => v.bip32_xprv)).toHaveLength(72);
  });

  it('Japanese vectors contain dakuten, so the NFC form really differs from NFKD', () => {
    const differing = byLang('japanese').filter((v) => v.mnemonic.normalize('NFC') !== v.mnemonic.normalize('NFKD'));
    expect(differing.length).toBeGreaterThan(40);
  });
});

describe('mnemonicToSeed (empty passphrase)', () => {
  it.each([KNOWN.testEvm, KNOWN.genEvm])('%s: equals the recorded bip39_seed', async (id) => {
    const v = knownById(id);
    expect(hex(await mnemonicToSeed(v.mnemonic))).toBe(v.bip39_seed);
    expect(hex(await mnemonicToSeed(parseMnemonic(v.mnemonic.toUpperCase()).phrase))).toBe(v.bip39_seed);
  });
});

describe('parseMnemonic errors', () => {
  const phraseWords = wordsOf(GENERATED_MNEMONIC); // 24 distinct-looking words, none used in the error texts

  /** The message and data must not repeat any word of the phrase other than `allowed`. */
  function expectNoOtherWords(e: InvalidMnemonicError, words: string[], allowed: string[] = []) {
    const text = `${e.message} ${JSON.stringify(e.data)}`;
    for (const w of words) {
      if (allowed.includes(w)) continue;
      expect(new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(text), `word "${w}" leaked`).toBe(false);
    }
  }

  it.each([['empty string', ''], ['only spaces', '   '], ['only line breaks and tabs', '\n\t\r\n'], ['only U+3000', '\u3000\u3000']])(
    '%s → 1003 reason empty', (_n, input) => {
      const e = caughtSync(() => parseMnemonic(input));
      expect(e).toBeInstanceOf(InvalidMnemonicError);
      expect(e.code).toBe(1003);
      expect(e.data).toEqual({ reason: 'empty' });
    });

  it('non-string input → 1003 reason empty', () => {
    const e = caughtSync(() => parseMnemonic(42 as unknown as string));
    expect([e.code, e.data]).toEqual([1003, { reason: 'empty' }]);
  });

  it.each([
    ['11 words', phraseWords.slice(0, 11), 11],
    ['13 words', phraseWords.slice(0, 13), 13],
    ['23 words', phraseWords.slice(0, 23), 23],
    ['25 words', [...phraseWords, 'abandon'], 25],
    ['1 word', phraseWords.slice(0, 1), 1],
  ])('%s → 1003 word-count with data.count', (_n, words, count) => {
    const e = caughtSync(() => parseMnemonic(words.join(' ')));
    expect(e).toBeInstanceOf(InvalidMnemonicError);
    expect(e.code).toBe(1003);
    expect(e.data).toEqual({ reason: 'word-count', count });
    expectNoOtherWords(e, phraseWords);
  });

  it('"abandn" at position 5 → position 5, suggestion "abandon"', () => {
    const words = wordsOf(bip39Vectors[0]!.mnemonic);
    words[4] = 'abandn';
    const e = caughtSync(() => parseMnemonic(words.join(' ')));
    expect(e.code).toBe(1003);
    expect(e.data).toEqual({ reason: 'unknown-word', position: 5, word: 'abandn', suggestion: 'abandon', language: 'english' });
    expect(e.message).toContain('Word 5');
    expect(e.message).toContain('"abandon"');
  });

  it('an unknown word in a 24-word phrase: exact data, and no other word of the phrase in message or data', () => {
    const words = [...phraseWords];
    expect(words[4]).toBe('tray');
    words[4] = 'trayy';
    const e = caughtSync(() => parseMnemonic(words.join(' ')));
    expect(e.code).toBe(1003);
    expect(e.data).toEqual({ reason: 'unknown-word', position: 5, word: 'trayy', suggestion: 'tray', language: 'english' });
    // "tray" is the suggestion (the intended word); every other word must stay out.
    expectNoOtherWords(e, phraseWords, ['tray']);
  });

  it('unknown words at the first and the last position are reported there', () => {
    const first = [...phraseWords]; first[0] = 'zzzzqq';
    expect(caughtSync(() => parseMnemonic(first.join(' '))).data).toMatchObject({ reason: 'unknown-word', position: 1, word: 'zzzzqq' });
    const last = [...phraseWords]; last[23] = 'diarry';
    expect(caughtSync(() => parseMnemonic(last.join(' '))).data)
      .toEqual({ reason: 'unknown-word', position: 24, word: 'diarry', suggestion: 'diary', language: 'english' });
  });

  it('a Chinese character outside the word list at position 5 → unknown-word, no made-up suggestion', () => {
    const v = byLang('chinese_simplified')[7]!;
    const words = wordsOf(v.mnemonic);
    expect(bip39.wordlists.chinese_simplified!.includes('鑫')).toBe(false);
    expect(bip39.wordlists.chinese_traditional!.includes('鑫')).toBe(false);
    words[4] = '鑫';
    for (const text of [words.join(' '), words.join('')]) {
      const e = caughtSync(() => parseMnemonic(text));
      expect(e.code).toBe(1003);
      expect(e.data).toEqual({ reason: 'unknown-word', position: 5, word: '鑫', suggestion: undefined, language: 'chinese_simplified' });
      expectNoOtherWords(e, words.filter((w) => w !== '鑫'));
    }
  });

  it.each([
    ['12 × abandon', Array(12).fill('abandon').join(' ')],
    ['24-word phrase with two words swapped', [phraseWords[1], phraseWords[0], ...phraseWords.slice(2)].join(' ')],
    ['24-word phrase with the last word replaced', [...phraseWords.slice(0, 23), 'abandon'].join(' ')],
  ])('%s → 1003 checksum', (_n, text) => {
    const e = caughtSync(() => parseMnemonic(text));
    expect(e).toBeInstanceOf(InvalidMnemonicError);
    expect(e.code).toBe(1003);
    expect(e.data).toEqual({ reason: 'checksum', language: 'english' });
    expectNoOtherWords(e, phraseWords);
  });

  it('Chinese phrase with a bad checksum → checksum (not unknown-word)', () => {
    const e = caughtSync(() => parseMnemonic(Array(12).fill('的').join('')));
    expect(e.data).toMatchObject({ reason: 'checksum' });
  });

  it('the two known mnemonics parse as English', () => {
    expect(parseMnemonic(TEST_MNEMONIC)).toEqual({ phrase: TEST_MNEMONIC, language: 'english', wordCount: 12 });
    expect(parseMnemonic(GENERATED_MNEMONIC)).toEqual({ phrase: GENERATED_MNEMONIC, language: 'english', wordCount: 24 });
  });
});

describe('suggestWord', () => {
  it('suggests by unique 4-letter prefix or small edit distance, and nothing for unrelated input', () => {
    expect(suggestWord('abandn', 'english')).toBe('abandon');
    expect(suggestWord('diarry', 'english')).toBe('diary');
    expect(suggestWord('xqzvkwpj', 'english')).toBeUndefined();
    expect(suggestWord('鑫', 'chinese_simplified')).toBeUndefined();
  });
});
