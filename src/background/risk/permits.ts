/**
 * Token permits in typed data, recognised by STRUCTURE of the primary type (any type name):
 * - EIP-2612: owner, spender, value, nonce, deadline (token = domain.verifyingContract);
 * - DAI-style: holder, spender, nonce, expiry, allowed (allowed = true is unlimited; expiry 0 = no expiry);
 * - Permit2 AllowanceTransfer: details {token, amount, expiration, nonce} (single) or details[] (batch), spender,
 *   sigDeadline;
 * - Permit2 SignatureTransfer: permitted {token, amount} (single) or permitted[] (batch), spender, nonce, deadline
 *   (witness variants have an extra field, which is allowed).
 * A domain whose verifyingContract is the canonical Permit2 but whose message matches none of these is reported
 * as unreadable.
 *
 * Unlimited: an amount at or above half its declared type's range, i.e. ≥ 2^255 for uint256 (= the ERC-20
 * UNLIMITED_THRESHOLD) and ≥ 2^159 for Permit2's uint160 (which includes max uint160 = 2^160-1 and the
 * "max/2" sentinels).
 */
import { finding, type Finding } from './finding';
import type { RiskFacts } from './facts';
import { amountText, perLocale, word } from './format';
import { spenderEoaFindings } from './evmCalls';
import { expiryIso, fieldType, matchesShape, structFields, toBig, uintBits, type RawTypedData, type Shape } from './typedData';

export const PERMIT2_ADDRESS = '0x000000000022D473030F116dDEE9F6B43aC78BA3';

const EIP2612: Shape = { owner: 'address', spender: 'address', value: 'uint', nonce: 'uint', deadline: 'uint' };
const DAI: Shape = { holder: 'address', spender: 'address', nonce: 'uint', expiry: 'uint', allowed: 'bool' };
const DETAILS: Shape = { token: 'address', amount: 'uint', expiration: 'uint', nonce: 'uint' };
const PERMIT_SINGLE: Shape = { details: { struct: DETAILS }, spender: 'address', sigDeadline: 'uint' };
const PERMIT_BATCH: Shape = { details: { array: DETAILS }, spender: 'address', sigDeadline: 'uint' };
const TOKEN_PERMISSIONS: Shape = { token: 'address', amount: 'uint' };
const TRANSFER_SINGLE: Shape = { permitted: { struct: TOKEN_PERMISSIONS }, spender: 'address', nonce: 'uint', deadline: 'uint' };
const TRANSFER_BATCH: Shape = { permitted: { array: TOKEN_PERMISSIONS }, spender: 'address', nonce: 'uint', deadline: 'uint' };

export type PermitStandard = 'EIP-2612' | 'DAI permit' | 'Permit2 allowance' | 'Permit2 signature transfer';
export type PermitItem = { token: string; amount: bigint; unlimited: boolean };
export type Permit = {
  standard: PermitStandard;
  spender: string;
  items: PermitItem[];
  /** Seconds since the epoch; null = no expiry; 'at-use' = Permit2 expiration 0 (valid in the block it is used). */
  expiry: bigint | null | 'at-use';
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const halfRange = (type: string | undefined) => 1n << BigInt((uintBits(type ?? '') ?? 256) - 1);
const addr = (v: unknown) => (typeof v === 'string' ? v : '');

function item(td: RawTypedData, structType: string, value: unknown, amountField: string): PermitItem | null {
  if (!isRecord(value)) return null;
  const amount = toBig(value[amountField]);
  if (amount === null) return null;
  return { token: addr(value.token), amount, unlimited: amount >= halfRange(fieldType(td.types, structType, amountField)) };
}

/** The permit in this typed data, or null when it is not one. */
export function permitOf(td: RawTypedData): Permit | null {
  const pt = td.primaryType;
  const m = td.message;
  const spender = addr(m.spender);
  const inner = (field: string) => (fieldType(td.types, pt, field) ?? '').replace(/\[\d*\]$/, '');
  if (matchesShape(td.types, pt, EIP2612)) {
    const amount = toBig(m.value) ?? 0n;
    return {
      standard: 'EIP-2612', spender, expiry: toBig(m.deadline),
      items: [{ token: addr(td.domain.verifyingContract), amount, unlimited: amount >= halfRange(fieldType(td.types, pt, 'value')) }],
    };
  }
  if (matchesShape(td.types, pt, DAI)) {
    const expiry = toBig(m.expiry);
    const allowed = m.allowed === true;
    return {
      standard: 'DAI permit', spender, expiry: expiry === 0n ? null : expiry,
      items: [{ token: addr(td.domain.verifyingContract), amount: allowed ? (1n << 256n) - 1n : 0n, unlimited: allowed }],
    };
  }
  if (matchesShape(td.types, pt, PERMIT_SINGLE) || matchesShape(td.types, pt, PERMIT_BATCH)) {
    const list = Array.isArray(m.details) ? m.details : [m.details];
    const items = list.map((d) => item(td, inner('details'), d, 'amount')).filter((x): x is PermitItem => x !== null);
    const expirations = list.map((d) => (isRecord(d) ? toBig(d.expiration) : null)).filter((x): x is bigint => x !== null);
    const latest = expirations.reduce<bigint | null>((a, b) => (a === null || b > a ? b : a), null);
    return { standard: 'Permit2 allowance', spender, items, expiry: latest === 0n ? 'at-use' : latest };
  }
  if (matchesShape(td.types, pt, TRANSFER_SINGLE) || matchesShape(td.types, pt, TRANSFER_BATCH)) {
    const list = Array.isArray(m.permitted) ? m.permitted : [m.permitted];
    const items = list.map((d) => item(td, inner('permitted'), d, 'amount')).filter((x): x is PermitItem => x !== null);
    return { standard: 'Permit2 signature transfer', spender, items, expiry: toBig(m.deadline) };
  }
  return null;
}

const isPermit2Domain = (td: RawTypedData) => typeof td.domain.verifyingContract === 'string'
  && td.domain.verifyingContract.toLowerCase() === PERMIT2_ADDRESS.toLowerCase();

export function permitFindings(td: RawTypedData, facts: RiskFacts): Finding[] {
  const permit = permitOf(td);
  if (!permit) {
    return isPermit2Domain(td) && structFields(td.types, td.primaryType) ? [finding('permit2-unreadable', { primaryType: td.primaryType })] : [];
  }
  const live = permit.items.filter((i) => i.amount > 0n);
  if (live.length === 0) return []; // a permit of 0 (or DAI allowed=false) revokes
  const unlimited = live.some((i) => i.unlimited);
  const expiry = permit.expiry;
  const expiryText = perLocale((l) => (expiry === 'at-use' ? word('atUse', l) : expiry === null ? word('never', l) : expiryIso(expiry) ?? word('never', l)));
  const amounts = perLocale((l) => live.map((i) => amountText(l, facts, i.token, i.amount, i.unlimited)).join(l === 'en' ? ', ' : '、'));
  const params = {
    standard: permit.standard, spender: permit.spender,
    amounts: live.map((i) => `${i.token}:${i.unlimited ? 'unlimited' : i.amount.toString()}`).join(','),
    expiry: expiry === null ? 'none' : String(expiry),
  };
  const localParams = { en: { amounts: amounts.en, expiry: expiryText.en }, zh_CN: { amounts: amounts.zh_CN, expiry: expiryText.zh_CN } };
  return [finding(unlimited ? 'token-permit-unlimited' : 'token-permit', params, { localParams }), ...spenderEoaFindings(permit.spender, facts)];
}

/** The spenders whose code the permit rules need. */
export function permitTargets(td: RawTypedData): string[] {
  const p = permitOf(td);
  return p && /^0x[0-9a-fA-F]{40}$/.test(p.spender) ? [p.spender] : [];
}
