import { describe, expect, it } from 'vitest';
import { classifyScan, MAX_SCAN_TEXT, MAX_SHOWN, shownText } from '../../../../src/popup/scan/classifyScan';

const EVM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const SOL = 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96';
const MINT = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';

describe('classifyScan', () => {
  it('EIP-681 ERC-20 transfer', () => {
    const uri = `ethereum:${TOKEN}@31337/transfer?address=${EVM}&uint256=1500000`;
    expect(classifyScan(uri)).toEqual({
      kind: 'evm-uri', text: uri, shown: uri,
      request: { family: 'evm', recipient: EVM, token: TOKEN, chainId: 31337, amountBase: 1_500_000n },
    });
  });

  it('EIP-681 native value, surrounding whitespace trimmed', () => {
    const uri = `ethereum:${EVM}@1?value=2.014e18`;
    expect(classifyScan(`  ${uri}\n`)).toEqual({
      kind: 'evm-uri', text: uri, shown: uri, request: { family: 'evm', recipient: EVM, chainId: 1, amountBase: 2_014_000_000_000_000_000n },
    });
  });

  it('Solana Pay with amount and SPL token', () => {
    const uri = `solana:${SOL}?amount=0.25&spl-token=${MINT}`;
    expect(classifyScan(uri)).toEqual({
      kind: 'solana-pay', text: uri, shown: uri, request: { family: 'solana', recipient: SOL, token: MINT, amountDecimal: '0.25' },
    });
  });

  it('plain addresses', () => {
    expect(classifyScan(EVM)).toEqual({ kind: 'evm-address', text: EVM, shown: EVM });
    expect(classifyScan(EVM.toLowerCase())).toEqual({ kind: 'evm-address', text: EVM.toLowerCase(), shown: EVM.toLowerCase() });
    expect(classifyScan(` ${SOL} `)).toEqual({ kind: 'solana-address', text: SOL, shown: SOL });
  });

  it('malformed or unusable payment links are unknown (flagged as payment links)', () => {
    for (const uri of [
      'ethereum:0xnot-an-address',
      `ethereum:${TOKEN}/transfer?address=0x1234&uint256=1`,
      `ethereum:${TOKEN}/approve?address=${EVM}&uint256=1`,
      `ethereum:${EVM}@0?value=1`,
      `ethereum:${EVM}?value=1&value=2`,
      `ethereum:${EVM}?value=1.5`,
      `solana:${SOL}?amount=1&memo=order-7`,
      `solana:${SOL}?reference=${MINT}`,
      `solana:${SOL}?amount=-1`,
      'solana:https://pay.example/tx',
      'SOLANA:',
    ]) expect(classifyScan(uri), uri).toEqual({ kind: 'unknown', text: uri, shown: uri, paymentLink: true });
  });

  it('anything else is unknown', () => {
    for (const text of ['hello world', 'https://example.com/pay', '0x1234', `${EVM}0`, `${EVM} ${EVM}`, 'O0Il' + SOL.slice(4), '1111111111111111111111111111111', '']) {
      expect(classifyScan(text), text).toEqual({ kind: 'unknown', text: text.trim(), shown: text.trim(), paymentLink: false });
    }
  });

  it('very long text: never parsed, shown capped', () => {
    const long = `ethereum:${EVM}?value=1&x=${'a'.repeat(MAX_SCAN_TEXT)}`;
    const r = classifyScan(long);
    expect(r).toEqual({ kind: 'unknown', text: long, shown: `${long.slice(0, MAX_SHOWN)}…`, paymentLink: false });
    expect(r.shown.length).toBe(MAX_SHOWN + 1);
    // Just at the limit it is still parsed.
    const atLimit = `ethereum:${EVM}?value=1&x=${'a'.repeat(MAX_SCAN_TEXT - `ethereum:${EVM}?value=1&x=`.length)}`;
    expect(atLimit.length).toBe(MAX_SCAN_TEXT);
    expect(classifyScan(atLimit).kind).toBe('evm-uri');
  });

  it('shownText caps by characters, not UTF-16 units', () => {
    expect(shownText('付'.repeat(MAX_SHOWN))).toBe('付'.repeat(MAX_SHOWN));
    expect(shownText('😀'.repeat(MAX_SHOWN + 5))).toBe(`${'😀'.repeat(MAX_SHOWN)}…`);
  });
});
