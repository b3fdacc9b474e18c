/**
 * Property tests of the SIWE / SIWS decoders: any text parses or is refused without a throw (and fast), a message
 * whose first line is a sign-in header is always parsed (so the domain check runs), and messages written by viem's
 * createSiweMessage or by buildSiwsMessage from random fields parse back to the same fields.
 */
import bs58 from 'bs58';
import fc from 'fast-check';
import { getAddress, type Address } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { describe, expect, it } from 'vitest';
import {
  buildSiwsMessage, parseSiwe, parseSiws, siweWarnings, siwsWarnings, type SiwsInput,
} from '../../../src/background/dapp/decode/siwe';
import { InvalidParamsError } from '../../../src/shared/errors';
import { SlowestCase, onlyTyped } from './property';

const LABELS = ['URI: ', 'Version: ', 'Chain ID: ', 'Nonce: ', 'Issued At: ', 'Expiration Time: ', 'Not Before: ', 'Request ID: '] as const;
const KEYS = ['uri', 'version', 'chainId', 'nonce', 'issuedAt', 'expirationTime', 'notBefore', 'requestId'] as const;
const ORIGIN_HOST = 'origin-of-request.example';

const chars = (s: string) => fc.constantFrom(...s);
const alnum = chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const label = fc.string({ unit: chars('abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 10 });
const host = fc.oneof(
  fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.string({ unit: chars('abcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 6 }))
    .map(([ls, tld]) => [...ls, tld].join('.')),
  fc.constant('localhost'),
  fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 })).map((o) => o.join('.')),
);
const authority = fc.tuple(host, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([h, p]) => (p === undefined ? h : `${h}:${p}`));
/** EIP-4361 statement characters: reserved / unreserved / space (":" included, so "URI: x" is a valid statement). */
const abnf = fc.string({ unit: chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;= "), minLength: 1, maxLength: 40 });
const statement = fc.oneof({ weight: 3, arbitrary: abnf }, fc.tuple(fc.constantFrom(...LABELS, 'Resources:', '- '), abnf).map(([l, s]) => l + s),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => !/[\n\r\u2028\u2029]/.test(s)));
const uri = fc.tuple(fc.constantFrom('https', 'http', 'ipfs', 'wss'), authority, fc.string({ unit: alnum, maxLength: 12 }))
  .map(([s, a, p]) => `${s}://${a}/${p}`);
const date = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const evmAddress = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(`0x${Buffer.from(b).toString('hex')}`));
const solAddress = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bs58.encode(b));

/** Text shaped like a sign-in message: a header, then lines drawn from the real vocabulary, noise and random text. */
const line = fc.oneof(
  fc.constant(''), statement, fc.tuple(fc.constantFrom(...LABELS), fc.string({ maxLength: 30 })).map(([l, v]) => l + v),
  date.map((d) => `Issued At: ${d.toISOString()}`), fc.constant('Resources:'), uri.map((u) => `- ${u}`), evmAddress, solAddress,
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const header = fc.tuple(fc.option(fc.constantFrom('https://', 'http://', 'chrome-extension://', 'a+b.c://'), { nil: '' }),
  fc.oneof(authority, fc.string({ maxLength: 20 }), fc.constant(`${ORIGIN_HOST}`), fc.constant('user@evil.example')),
  fc.constantFrom('Ethereum', 'Solana', 'Bitcoin'))
  .map(([s, d, f]) => `${s}${d} wants you to sign in with your ${f} account:`);
const signInLike = fc.tuple(header, fc.array(line, { maxLength: 16 }), fc.constantFrom('\n', '\n', '\r\n'))
  .map(([h, ls, nl]) => [h, ...ls].join(nl));
const anyText = fc.oneof({ weight: 3, arbitrary: signInLike }, fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));

const origin = fc.oneof({ weight: 3, arbitrary: fc.constant(`https://${ORIGIN_HOST}`) }, uri.map((u) => new URL(u).origin), fc.string({ maxLength: 20 }));
const headerOf = (text: string) => text.split('\n')[0]!.replace(/\r$/, '');

function checkWarnings(ws: Array<{ level: string; code: string; message: string }>): void {
  for (const w of ws) {
    expect(['danger', 'warning', 'info']).toContain(w.level);
    expect(typeof w.code).toBe('string');
    expect(typeof w.message).toBe('string');
  }
}

describe('parseSiwe / parseSiws (property)', () => {
  it('any text: null or a message, never a throw; a sign-in header is always parsed and checked against the origin; < 100 ms', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(anyText, origin, fc.integer({ min: 0, max: 2 ** 40 }), (text, org, now) => {
      const { e, s, we, ws } = slow.time(text, () => {
        const e = parseSiwe(text);
        const s = parseSiws(text);
        const we = e ? siweWarnings(e, { origin: org, chainId: 1, accounts: [], now }) : [];
        const ws = s ? siwsWarnings(s, { origin: org, accounts: [], chain: 'mainnet', now }) : [];
        return { e, s, we, ws };
      });
      const head = headerOf(text);
      expect(e !== null).toBe(/^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^\s/?#]+ wants you to sign in with your Ethereum account:$/.test(head));
      expect(s !== null).toBe(/^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^\s/?#]+ wants you to sign in with your Solana account:$/.test(head));
      checkWarnings([...we, ...ws]);
      for (const [msg, warn, prefix] of [[e, siweWarnings, 'siwe'], [s, siwsWarnings, 'siws']] as const) {
        if (!msg) continue;
        expect(typeof msg.domain).toBe('string');
        expect(typeof msg.address).toBe('string');
        if (msg.problems) expect(msg.problems.every((p) => typeof p === 'string')).toBe(true);
        // The domain check always runs: a message for any other host than the page's is flagged.
        const codes = (warn as (m: typeof msg, c: { origin: string; chainId: number; accounts: string[] }) => Array<{ code: string }>)(
          msg, { origin: `https://${ORIGIN_HOST}`, chainId: 1, accounts: [] }).map((w) => w.code);
        if (!msg.domain.toLowerCase().includes(ORIGIN_HOST)) expect(codes).toContain(`${prefix}-domain-mismatch`);
      }
    }), { seed: 4361, numRuns: 1000 });
    slow.expectUnderBudget();
  });

  it('viem createSiweMessage from random fields → parseSiwe → the same fields, no problem, no warning on the right site', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(
      fc.record({
        scheme: fc.option(fc.constantFrom('https', 'http'), { nil: undefined }),
        domain: authority,
        address: evmAddress,
        statement: fc.option(statement.filter((s) => /^[\x20-\x7e]*$/.test(s)), { nil: undefined }),
        uri,
        chainId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        nonce: fc.string({ unit: alnum, minLength: 8, maxLength: 32 }),
        issuedAt: date,
        expirationTime: fc.option(date, { nil: undefined }),
        notBefore: fc.option(date, { nil: undefined }),
        requestId: fc.option(abnf, { nil: undefined }),
        resources: fc.option(fc.array(uri, { maxLength: 3 }), { nil: undefined }),
      }),
      (f) => {
        const text = createSiweMessage({ ...f, address: f.address as Address, version: '1' });
        const parsed = slow.time(text, () => parseSiwe(text));
        const expected: Record<string, unknown> = {
          domain: f.domain, address: f.address, uri: f.uri, version: '1', chainId: f.chainId, nonce: f.nonce, issuedAt: f.issuedAt.toISOString(),
        };
        if (f.scheme) expected.scheme = f.scheme;
        if (f.statement) expected.statement = f.statement;
        if (f.expirationTime) expected.expirationTime = f.expirationTime.toISOString();
        if (f.notBefore) expected.notBefore = f.notBefore.toISOString();
        if (f.requestId) expected.requestId = f.requestId;
        if (f.resources) expected.resources = f.resources;
        expect(parsed).toEqual(expected);
        const now = f.issuedAt.getTime();
        const expectedCodes = [
          ...(f.expirationTime && f.expirationTime.getTime() <= now ? ['siwe-expired'] : []),
          ...(f.notBefore && f.notBefore.getTime() > now ? ['siwe-not-yet-valid'] : []),
        ];
        const site = `${f.scheme ?? 'https'}://${f.domain}`;
        expect(siweWarnings(parsed!, { origin: site, chainId: f.chainId, accounts: [f.address.toLowerCase()], now }).map((w) => w.code)).toEqual(expectedCodes);
      },
    ), { seed: 4362, numRuns: 400 });
    slow.expectUnderBudget();
  });

  it('buildSiwsMessage from random fields → parseSiws → the same fields', () => {
    const slow = new SlowestCase();
    const value = fc.oneof(abnf, date.map((d) => d.toISOString()), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => !/[\n\r\u2028\u2029]/.test(s)));
    fc.assert(fc.property(
      authority, fc.oneof({ weight: 3, arbitrary: solAddress }, abnf), fc.option(statement, { nil: undefined }),
      fc.record(Object.fromEntries(KEYS.map((k) => [k, value])) as Record<(typeof KEYS)[number], fc.Arbitrary<string>>, { requiredKeys: [] }),
      fc.option(fc.array(fc.oneof(uri, abnf), { maxLength: 3 }), { nil: undefined }),
      (domain, address, stmt, fields, resources) => {
        const hasLines = Object.keys(fields).length > 0 || resources !== undefined;
        // Left alone (format ambiguity): a statement that reads as a field line with no field after it is parsed as that field.
        fc.pre(hasLines || stmt === undefined || !(LABELS.some((l) => stmt.startsWith(l)) || stmt === 'Resources:'));
        const input: SiwsInput = { domain, address, ...fields, ...(stmt !== undefined ? { statement: stmt } : {}), ...(resources ? { resources } : {}) };
        const text = buildSiwsMessage(input);
        const parsed = slow.time(text, () => parseSiws(text));
        expect(parsed).not.toBeNull();
        const { problems: _p, ...rest } = parsed!;
        expect(rest).toEqual({ domain, address, ...fields, ...(stmt !== undefined ? { statement: stmt } : {}), ...(resources ? { resources } : {}) });
      },
    ), { seed: 4363, numRuns: 400 });
    slow.expectUnderBudget();
  });

  it('buildSiwsMessage on arbitrary input: a string or InvalidParamsError; a line break in any field is refused', () => {
    const slow = new SlowestCase();
    const field = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('a\nb', 'x\r', '\u2028', 'ok\u2029'), fc.anything());
    fc.assert(fc.property(
      fc.oneof(fc.anything(), fc.record({ domain: field, address: field, statement: field, nonce: field, uri: field, resources: fc.oneof(fc.array(field), field) }, { requiredKeys: [] })),
      (input) => {
        const r = slow.time(input, () => onlyTyped([InvalidParamsError], () => buildSiwsMessage(input as SiwsInput)));
        if (!r.ok) return;
        expect(typeof r.value).toBe('string');
        // Exactly the lines the builder wrote: no field smuggled in a new line.
        const rec = input as Record<string, unknown>;
        for (const v of [rec.domain, rec.address, rec.statement, rec.nonce, rec.uri, ...(Array.isArray(rec.resources) ? rec.resources : [])]) {
          if (typeof v === 'string') expect(/[\n\r\u2028\u2029]/.test(v)).toBe(false);
        }
      },
    ), { seed: 4364, numRuns: 800 });
    slow.expectUnderBudget();
  });
});
