/**
 * Invisible and bidirectional control characters in what the user reads (messages, typed-data strings, network
 * names, token symbols), and the size limit of personal_sign.
 *
 * Escaped: Unicode Cf (format: U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF, U+00AD,
 * tags …), Cc other than tab / line feed / carriage return, the line and paragraph separators (Zl, Zp), and the
 * blank-looking letters Hangul fillers U+115F, U+1160, U+3164, U+FFA0 and the blank braille pattern U+2800.
 * Kept: a zero-width joiner between two emoji (👨‍👩‍👧) and the tag sequence of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
 */
import { finding, type Finding } from './finding';
import { WORDS, type Word } from './messages';

const SUSPECT = /[\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]|(?![\t\n\r])\p{Cc}/u;
const PICTO = /\p{Extended_Pictographic}/u;
const isModifier = (cp: number) => cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff);
const BLACK_FLAG = 0x1f3f4;
const isTag = (cp: number) => cp >= 0xe0020 && cp <= 0xe007f;

export const codePointLabel = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

export type EscapedText = { text: string; found: string[] };

/** The display text with every suspect character as `\u{XXXX}`, and the distinct ones found (U+XXXX). */
export function escapeInvisible(input: string): EscapedText {
  const cps = Array.from(input, (c) => c.codePointAt(0) as number);
  const keep = new Set<number>();
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i] as number;
    if (cp === 0x200d) {
      let p = i - 1;
      while (p >= 0 && isModifier(cps[p] as number)) p--;
      const prev = cps[p];
      const next = cps[i + 1];
      if (prev !== undefined && next !== undefined && PICTO.test(String.fromCodePoint(prev)) && PICTO.test(String.fromCodePoint(next))) keep.add(i);
    }
    if (cp === BLACK_FLAG) {
      let j = i + 1;
      while (j < cps.length && isTag(cps[j] as number) && cps[j] !== 0xe007f) j++;
      if (j > i + 1 && cps[j] === 0xe007f) for (let k = i + 1; k <= j; k++) keep.add(k);
    }
  }
  const found = new Set<string>();
  let text = '';
  cps.forEach((cp, i) => {
    const ch = String.fromCodePoint(cp);
    if (!keep.has(i) && SUSPECT.test(ch)) {
      found.add(codePointLabel(cp));
      text += `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}`;
    } else {
      text += ch;
    }
  });
  return { text, found: [...found] };
}

export type TextSource = { where: Extract<Word, `where:${string}`>; text: string; path?: string };

const PREVIEW = 160;

/** One 'invisible-characters' finding for all the places given (none when every text is clean). */
export function invisibleCharacterFindings(sources: readonly TextSource[]): Finding[] {
  const hits = sources.map((s) => ({ s, e: escapeInvisible(s.text) })).filter((h) => h.e.found.length > 0);
  if (hits.length === 0) return [];
  const chars = [...new Set(hits.flatMap((h) => h.e.found))].join(', ');
  const path = (s: TextSource) => (s.path ? escapeInvisible(s.path).text : '');
  const place = (locale: 'en' | 'zh_CN') => [...new Set(hits.map((h) => WORDS[h.s.where][locale] + (h.s.path ? ` "${path(h.s)}"` : '')))]
    .join(locale === 'en' ? ', ' : '、');
  const all = hits.map((h) => h.e.text).join(' · ');
  const preview = all.length > PREVIEW ? `${all.slice(0, PREVIEW)}…` : all;
  return [finding('invisible-characters', { where: hits.map((h) => h.s.where + (h.s.path ? `:${path(h.s)}` : '')).join(','), chars, preview }, {
    localParams: { en: { where: place('en') }, zh_CN: { where: place('zh_CN') } },
  })];
}

/** Every string in a JSON-like value (keys too), with its dotted path. */
export function stringsIn(value: unknown, path = '', out: Array<{ path: string; text: string }> = [], depth = 0): Array<{ path: string; text: string }> {
  if (depth > 64 || out.length > 10_000) return out;
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => stringsIn(v, path ? `${path}.${i}` : String(i), out, depth + 1));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      out.push({ path: `${p} (name)`, text: k });
      stringsIn(v, p, out, depth + 1);
    }
  }
  return out;
}

/** personal_sign messages above 64 KiB are refused (-32602). */
export const PERSONAL_SIGN_MAX_BYTES = 64 * 1024;

/** The number of bytes personal_sign signs: a 0x-hex parameter is raw bytes, anything else UTF-8. */
export function personalSignBytes(param: string): number {
  return /^0x(?:[0-9a-fA-F]{2})*$/.test(param) ? (param.length - 2) / 2 : new TextEncoder().encode(param).length;
}

export function personalSignSizeFindings(param: string): Finding[] {
  const bytes = personalSignBytes(param);
  return bytes > PERSONAL_SIGN_MAX_BYTES
    ? [finding('personal-sign-too-large', { bytes: String(bytes), max: String(PERSONAL_SIGN_MAX_BYTES) }, { refuse: true })]
    : [];
}
