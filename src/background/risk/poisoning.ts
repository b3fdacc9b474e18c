/**
 * Address poisoning (issue 8, item 5). Scammers send dust from an address whose first and last characters match
 * one the user trusts, hoping the user copies it from their history. A recipient whose first 4 and last 4
 * characters (after 0x, case-insensitive for EVM; exact for base58) match an own account, an address-book entry or
 * an earlier counterparty, but which is a different address, is a danger that needs "I checked the whole address".
 * A recipient that is none of these gets a first-time notice, only when all three lists are known.
 */
import { finding, type Finding } from './finding';
import type { RiskFacts } from './facts';
import { perLocale, word } from './format';

export type AddressFamily = 'evm' | 'solana';

const EVM = /^0x[0-9a-fA-F]{40}$/;
const SOLANA = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;
export const AFFIX = 4;

const belongs = (family: AddressFamily, a: string) => (family === 'evm' ? EVM : SOLANA).test(a);
/** The comparable body of an address: lowercase hex without 0x (EVM), the address itself (base58). */
const body = (family: AddressFamily, a: string) => (family === 'evm' ? a.slice(2).toLowerCase() : a);

export function looksAlike(family: AddressFamily, a: string, b: string): boolean {
  const x = body(family, a);
  const y = body(family, b);
  return x !== y && x.slice(0, AFFIX) === y.slice(0, AFFIX) && x.slice(-AFFIX) === y.slice(-AFFIX);
}

type Source = 'ownAccount' | 'addressBook' | 'pastCounterparty';

export function poisoningFindings(family: AddressFamily, recipient: string, facts: RiskFacts): Finding[] {
  if (typeof recipient !== 'string' || !belongs(family, recipient)) return [];
  const lists: Array<[Source, readonly string[] | undefined]> = [
    ['ownAccount', facts.ownAccounts], ['addressBook', facts.addressBook], ['pastCounterparty', facts.pastCounterparties],
  ];
  const r = body(family, recipient);
  const known = lists.flatMap(([source, xs]) => (xs ?? []).filter((x) => typeof x === 'string' && belongs(family, x)).map((x) => ({ source, x })));
  if (known.some((k) => body(family, k.x) === r)) return [];
  const twin = known.find((k) => looksAlike(family, recipient, k.x));
  if (twin) {
    const source = perLocale((l) => word(twin.source, l));
    return [finding('address-poisoning', { recipient, lookalike: twin.x, source: twin.source }, {
      localParams: { en: { source: source.en }, zh_CN: { source: source.zh_CN } }, confirm: 'checked-whole-address',
    })];
  }
  if (lists.every(([, xs]) => xs !== undefined)) return [finding('first-time-recipient', { recipient })];
  return [];
}
