/** Property tests of payment-URI parsing (EIP-681, Solana Pay): total, fast, and building then parsing is the identity. */
import bs58 from 'bs58';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEip681, buildSolanaPay, parsePaymentUri, type PaymentRequest } from '../../../src/popup/paymentUri';
import { SlowestCase } from './property';

const hexChar = fc.constantFrom(...'0123456789abcdefABCDEF');
const evmAddress = fc.string({ unit: hexChar, minLength: 40, maxLength: 40 }).map((h) => `0x${h}`);
/** 32 bytes, often with leading zero bytes (short base58: the 32-character edge). */
const solanaAddress = fc.tuple(fc.nat({ max: 31 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean())
  .map(([zeros, bytes, pad]) => bs58.encode(pad ? bytes.map((b, i) => (i < zeros ? 0 : b)) : bytes));
const decimal = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 12 }), { nil: undefined }))
  .map(([i, f]) => (f === undefined ? `${i}` : `${i}.${f}`));

/** Text near the grammar: the real syntax with random parts (often valid), noise inserted, or plain arbitrary text. */
const junk = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', ' ', '%20', '+', '#', '&', '=', '?', '\n', '\u0000', 'É', '-1', '0x10', '1e', '.5'));
const number = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }).map(String) },
  fc.bigInt({ min: 0n, max: 1n << 300n }).map(String),
  fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 100 })).map(([a, b, e]) => `${a}.${b}e${e}`),
  fc.tuple(fc.nat(), fc.nat({ max: 100 })).map(([a, e]) => `${a}E${e}`),
  decimal, junk,
);
const value = fc.oneof(number, evmAddress, solanaAddress, junk);
const param = fc.tuple(fc.constantFrom('value', 'uint256', 'address', 'amount', 'spl-token', 'memo', 'reference', 'label', 'gas', 'Value'), value)
  .map(([k, v]) => `${k}=${v}`);
const evmQuery = fc.oneof(
  fc.tuple(fc.constantFrom('value', 'uint256', 'gas'), number).map(([k, v]) => `${k}=${v}`),
  evmAddress.map((a) => `address=${a}`), param,
);
const solanaQuery = fc.oneof(
  decimal.map((d) => `amount=${d}`), solanaAddress.map((a) => `spl-token=${a}`), fc.constantFrom('label=Shop', 'message=Thanks'), param,
);
const query = (p: fc.Arbitrary<string>) => fc.option(fc.array(p, { maxLength: 2 }).map((ps) => `?${ps.join('&')}`), { nil: '' });
const evmUri = fc.tuple(
  fc.constantFrom('ethereum:', 'ETHEREUM:', 'ethereum:pay-'), fc.oneof({ weight: 5, arbitrary: evmAddress }, junk),
  fc.oneof(fc.constant(''), fc.nat().map((n) => `@${n}`), fc.bigInt({ min: 0n, max: 1n << 80n }).map((n) => `@${n}`), junk.map((j) => `@${j}`)),
  fc.constantFrom('', '', '', '', '/transfer', '/transfer', '/approve', '/'), query(evmQuery),
).map((parts) => parts.join(''));
const solanaUri = fc.tuple(fc.constantFrom('solana:', 'solana:', 'Solana:'), fc.oneof({ weight: 5, arbitrary: solanaAddress }, junk), query(solanaQuery))
  .map((parts) => parts.join(''));
/** Sometimes one piece of junk inserted at a random place. */
const withNoise = (a: fc.Arbitrary<string>) => fc.tuple(a, fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, fc.tuple(fc.nat(), junk)))
  .map(([s, noise]) => {
    if (!noise) return s;
    const at = noise[0] % (s.length + 1);
    return s.slice(0, at) + noise[1] + s.slice(at);
  });
const grammarUri = withNoise(fc.oneof(evmUri, solanaUri));
const anyText = fc.oneof({ weight: 4, arbitrary: grammarUri }, fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));

function checkShape(p: PaymentRequest): void {
  if (p.family === 'evm') {
    expect(p.recipient).toMatch(/^0x[0-9a-fA-F]{40}$/);
    if (p.token !== undefined) expect(p.token).toMatch(/^0x[0-9a-fA-F]{40}$/);
    if (p.chainId !== undefined) expect(Number.isSafeInteger(p.chainId) && p.chainId > 0).toBe(true);
    if (p.amountBase !== undefined) expect(p.amountBase >= 0n).toBe(true);
    expect(p.amountDecimal).toBeUndefined();
  } else {
    expect(p.recipient).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    if (p.token !== undefined) expect(p.token).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    if (p.amountDecimal !== undefined) expect(p.amountDecimal).toMatch(/^\d+(\.\d+)?$/);
    expect(p.amountBase).toBeUndefined();
    expect(p.chainId).toBeUndefined();
  }
}

describe('parsePaymentUri (property)', () => {
  it('any text: null or a well-formed request, never a throw; parse ∘ build is stable on what it accepts; < 100 ms', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(anyText, (text) => {
      const p = slow.time(text, () => parsePaymentUri(text));
      if (p === null) return;
      checkShape(p);
      const again = p.family === 'evm'
        ? parsePaymentUri(buildEip681({ to: p.recipient, chainId: p.chainId ?? 1, ...(p.token ? { token: p.token } : {}), ...(p.amountBase !== undefined ? { amountBase: p.amountBase } : {}) }))
        : parsePaymentUri(buildSolanaPay({ to: p.recipient, ...(p.token ? { token: p.token } : {}), ...(p.amountDecimal ? { amountDecimal: p.amountDecimal } : {}) }));
      expect(again).toEqual(p.family === 'evm' ? { ...p, chainId: p.chainId ?? 1 } : p);
    }), { seed: 0x681, numRuns: 2000 });
    slow.expectUnderBudget();
  });

  it('EIP-681: build from random fields → parse → the same fields', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(
      evmAddress, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.option(evmAddress, { nil: undefined }),
      fc.option(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), { nil: undefined }),
      (to, chainId, token, amountBase) => {
        const uri = buildEip681({ to, chainId, token, amountBase });
        const p = slow.time(uri, () => parsePaymentUri(uri));
        expect(p).toEqual({
          family: 'evm', chainId, ...(token ? { recipient: to, token } : { recipient: to }), ...(amountBase !== undefined ? { amountBase } : {}),
        });
        // Leading/trailing whitespace of a paste is ignored.
        expect(parsePaymentUri(` \n${uri}\t`)).toEqual(p);
      },
    ), { seed: 0x682, numRuns: 500 });
    slow.expectUnderBudget();
  });

  it('EIP-681 numbers: <int>[.<frac>]e<exp> is read as the exact integer, refused when it is not one', () => {
    fc.assert(fc.property(
      evmAddress, fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 20 }), fc.nat({ max: 90 }),
      (to, int, frac, exp) => {
        const text = `ethereum:${to}?value=${int}${frac ? `.${frac}` : ''}e${exp}`;
        const p = parsePaymentUri(text);
        if (exp > 77 || frac.length > exp) {
          expect(p).toBeNull();
          return;
        }
        expect(p?.amountBase).toBe(BigInt(`${int}${frac.padEnd(exp, '0')}`));
      },
    ), { seed: 0x683, numRuns: 500 });
  });

  it('Solana Pay: build from random fields → parse → the same fields; memo or reference is refused', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(
      solanaAddress, fc.option(solanaAddress, { nil: undefined }), fc.option(decimal, { nil: undefined }), fc.constantFrom('', 'memo=x', 'reference=x'),
      (to, token, amountDecimal, extra) => {
        const built = buildSolanaPay({ to, token, amountDecimal });
        const uri = extra ? `${built}${built.includes('?') ? '&' : '?'}${extra}` : built;
        const p = slow.time(uri, () => parsePaymentUri(uri));
        if (extra) {
          expect(p).toBeNull();
          return;
        }
        expect(p).toEqual({ family: 'solana', recipient: to, ...(token ? { token } : {}), ...(amountDecimal ? { amountDecimal } : {}) });
      },
    ), { seed: 0x684, numRuns: 500 });
    slow.expectUnderBudget();
  });
});
