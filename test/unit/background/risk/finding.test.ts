import { describe, expect, it } from 'vitest';
import type { Warning } from '../../../../src/shared/approval';
import {
  finding, interpolate, MESSAGES, needsSecondConfirmation, refusalOf, runRules, sortFindings, throwIfRefused, toWarning, toWarnings, WORDS,
  type Finding,
} from '../../../../src/background/risk';
import { calldata, EOA, evmFacts, MAX_UINT256, TOKEN, tx } from './fixtures';

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('the catalogue', () => {
  it('every code has a severity and both languages with the same placeholders', () => {
    for (const [code, e] of Object.entries(MESSAGES)) {
      expect(['info', 'warning', 'danger'], code).toContain(e.severity);
      expect(e.en.length, code).toBeGreaterThan(10);
      expect(e.zh_CN, code).toMatch(/[\u4e00-\u9fff]/);
      expect(placeholders(e.zh_CN), code).toEqual(placeholders(e.en));
    }
    for (const [w, e] of Object.entries(WORDS)) expect(placeholders(e.zh_CN), w).toEqual(placeholders(e.en));
  });

  it('codes are kebab-case identifiers', () => {
    for (const code of Object.keys(MESSAGES)) expect(code).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

describe('finding()', () => {
  it('renders both languages, with per-language params over the neutral ones', () => {
    const f = finding('erc20-approval', { spender: '0xS', amount: '5', token: '0xT', method: 'approve' }, { localParams: { zh_CN: { amount: '五' } } });
    expect(f).toEqual({
      code: 'erc20-approval', severity: 'info', params: { spender: '0xS', amount: '5', token: '0xT', method: 'approve' },
      message: { en: 'This lets 0xS spend up to 5 from your account (token 0xT).', zh_CN: '此操作允许 0xS 从您的账户花费最多 五（代币 0xT）。' },
    });
  });

  it('interpolate leaves unknown placeholders visible and does not re-expand values', () => {
    expect(interpolate('{a} {b}', { a: '{b}' })).toBe('{b} {b}');
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('a refusing finding carries -32602 and its English message', () => {
    const f = finding('personal-sign-too-large', { bytes: '70000', max: '65536' }, { refuse: true });
    expect(f.refuse).toEqual({ code: -32602, message: 'The message is 70000 bytes long; messages above 65536 bytes are refused.' });
    expect(refusalOf([f])).toEqual(f.refuse);
    expect(() => throwIfRefused([f])).toThrow(expect.objectContaining({ code: -32602, message: f.refuse!.message }));
    expect(() => throwIfRefused([])).not.toThrow();
  });
});

describe('order and confirmation', () => {
  const info = finding('first-time-recipient', { recipient: '0x1' });
  const warn = finding('recipient-is-contract', { recipient: '0x2' });
  const danger = finding('spender-is-eoa', { spender: '0x3' });
  const danger2 = finding('nft-approval-for-all', { operator: '0x4', collection: '0x5' });

  it('sorts danger > warning > info, stable within a severity', () => {
    expect(sortFindings([info, danger, warn, danger2]).map((f) => f.code)).toEqual(['spender-is-eoa', 'nft-approval-for-all', 'recipient-is-contract', 'first-time-recipient']);
  });

  it('runRules returns findings sorted', () => {
    const found = runRules('evm-transaction', tx(TOKEN, calldata('approve', [EOA, MAX_UINT256])), evmFacts);
    expect(found.map((f) => f.severity)).toEqual(['danger', 'warning']);
  });

  it('a danger in the window needs a second confirmation; warnings, info and refusals do not', () => {
    expect(needsSecondConfirmation([info, warn])).toBe(false);
    expect(needsSecondConfirmation([info, danger])).toBe(true);
    expect(needsSecondConfirmation([finding('solana-chain-mismatch', { chain: 'a', selected: 'b' }, { refuse: true })])).toBe(false);
  });
});

describe('mapping to today\'s Warning', () => {
  const danger = finding('spender-is-eoa', { spender: '0x3' });
  const info = finding('first-time-recipient', { recipient: '0x1' });

  it('level danger stays danger; warning and info show as warning (the popup has no info style yet)', () => {
    const w: Warning = toWarning(danger); // assignable to the popup's type
    expect(w).toMatchObject({ level: 'danger', code: 'spender-is-eoa', message: danger.message.en });
    expect(toWarning(info)).toMatchObject({ level: 'warning', severity: 'info', i18n: info.message, params: { recipient: '0x1' } });
    expect(toWarning(danger, 'zh_CN').message).toBe(danger.message.zh_CN);
  });

  it('toWarnings sorts and drops refusals (they never reach a window)', () => {
    const refuse = finding('typed-data-chain-mismatch', { chainId: '5', current: '1' }, { refuse: true });
    const list: Finding[] = [info, refuse, danger];
    expect(toWarnings(list).map((w) => w.code)).toEqual(['spender-is-eoa', 'first-time-recipient']);
    expect(JSON.parse(JSON.stringify(toWarnings(list)))).toEqual(toWarnings(list));
  });
});
