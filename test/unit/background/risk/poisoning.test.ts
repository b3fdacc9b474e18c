import { describe, expect, it } from 'vitest';
import { looksAlike, needsSecondConfirmation, needsWholeAddressCheck, runRules, type RiskFacts } from '../../../../src/background/risk';
import { SOL_DEST, SOL_USER } from './fixtures';

const OWN = '0x71C7656EC7ab88b098defB751B7401B5f6d8976F';
const BOOK = '0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B';
const PAST = '0x4675C7e5BaAFBFFbca748158bEcBA61ef3b0a263';
const people: RiskFacts = { ownAccounts: [OWN], addressBook: [BOOK], pastCounterparties: [PAST] };
const evm = (address: string, facts: RiskFacts = people) => runRules('recipient', { family: 'evm', address }, facts);

describe('address poisoning (EVM: first 4 and last 4 after 0x, case-insensitive)', () => {
  it('a look-alike of each source is danger naming the source, and asks for the whole-address check', () => {
    const cases: Array<[string, string, string, string]> = [
      [OWN, '0x71c70000000000000000000000000000000d976f', 'ownAccount', 'one of your accounts'],
      [BOOK, '0xAB58ffffffffffffffffffffffffffffffffeC9B', 'addressBook', 'in your address book'],
      [PAST, '0x467500000000000000000000000000000000a263', 'pastCounterparty', 'an address you used before'],
    ];
    for (const [real, fake, source, words] of cases) {
      const found = evm(fake);
      expect(found, fake).toEqual([expect.objectContaining({
        code: 'address-poisoning', severity: 'danger', confirm: 'checked-whole-address', params: { recipient: fake, lookalike: real, source },
      })]);
      expect(found[0]!.message.en).toContain(`looks like ${real} (${words})`);
      expect(found[0]!.message.zh_CN).toContain(real);
      expect(needsWholeAddressCheck(found)).toBe(true);
      expect(needsSecondConfirmation(found)).toBe(true);
    }
  });

  it('the known address itself, in any letter case, is no finding', () => {
    expect(evm(BOOK.toLowerCase())).toEqual([]);
    expect(evm(OWN)).toEqual([]);
    expect(evm(PAST.toUpperCase().replace('0X', '0x'))).toEqual([]);
  });

  it('a first-time recipient gets an info notice, only when all three lists are known', () => {
    const other = '0x1111111111111111111111111111111111111111';
    expect(evm(other)).toEqual([expect.objectContaining({ code: 'first-time-recipient', severity: 'info', params: { recipient: other } })]);
    expect(evm(other, { ownAccounts: [OWN], addressBook: [BOOK] })).toEqual([]);
    expect(needsSecondConfirmation(evm(other))).toBe(false);
  });

  it('only the first 4 and last 4 characters matter', () => {
    expect(looksAlike('evm', BOOK, '0xab58000000000000000000000000000000aec9b0')).toBe(false);
    expect(looksAlike('evm', BOOK, '0xab5900000000000000000000000000000000ec9b')).toBe(false);
    expect(looksAlike('evm', BOOK, '0xab5800000000000000000000000000000000ec9b')).toBe(true);
  });

  it('Solana addresses in the lists do not match EVM recipients', () => {
    expect(evm(OWN, { ownAccounts: [SOL_USER.toBase58()], addressBook: [], pastCounterparties: [] })[0]!.code).toBe('first-time-recipient');
  });
});

describe('address poisoning (Solana: exact, case-sensitive base58)', () => {
  const real = SOL_DEST.toBase58();
  const fake = `${real.slice(0, 4)}${'z'.repeat(real.length - 8)}${real.slice(-4)}`;
  const facts: RiskFacts = { ownAccounts: [SOL_USER.toBase58()], addressBook: [real], pastCounterparties: [] };
  const sol = (address: string) => runRules('recipient', { family: 'solana', address }, facts).map((f) => f.code);

  it('same first and last 4 characters → danger; the address itself → nothing', () => {
    expect(sol(fake)).toEqual(['address-poisoning']);
    expect(sol(real)).toEqual([]);
  });

  it('a different letter case is a different base58 address and not a look-alike by this rule', () => {
    const a = `AbCd${'2'.repeat(36)}EfGh`;
    expect(looksAlike('solana', a, `abcd${'3'.repeat(36)}EfGh`)).toBe(false);
    expect(looksAlike('solana', a, `AbCd${'3'.repeat(36)}EfGh`)).toBe(true);
  });
});
