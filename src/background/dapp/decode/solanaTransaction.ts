/**
 * Solana transactions (legacy and v0) decoded for the approval window. The instruction layouts of the System,
 * SPL Token / Token-2022, Associated Token, Compute Budget and Memo programs are read here directly (no
 * spl-token in the worker bundle); every other program is listed as unknown.
 *
 * Accounts that a v0 message loads from an address lookup table cannot be resolved offline; they are shown
 * as `lookup:<table>#<index>`.
 */
import { PublicKey, VersionedTransaction } from '@solana/web3.js';
import type { Warning } from '../../../shared/approval';
import { base64ToBytes } from '../../../shared/encoding';
import { InvalidParamsError } from '../../../shared/errors';

export type { Warning };

export type SolanaProgramName = 'system' | 'spl-token' | 'token-2022' | 'associated-token' | 'compute-budget' | 'memo' | 'unknown';

export type DecodedSolanaInstruction = {
  programId: string;
  program: SolanaProgramName;
  /** Instruction name (e.g. "transfer", "transferChecked"), "unknown" when it is not recognised. */
  kind: string;
  /** Display fields; amounts are decimal strings in base units (lamports, token base units, micro-lamports). */
  summary: Record<string, string>;
};

export type DecodedSolanaTransaction = {
  version: 'legacy' | 0;
  feePayer: string;
  recentBlockhash: string;
  instructions: DecodedSolanaInstruction[];
  /** Required signatures (message header), each costing the base fee. */
  signatures: number;
  /** Programs invoked that this decoder does not know, without duplicates, in order of appearance. */
  unknownPrograms: string[];
};

export const SYSTEM_PROGRAM_ID = '11111111111111111111111111111111';
export const TOKEN_PROGRAM_ID = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM_ID = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
export const ASSOCIATED_TOKEN_PROGRAM_ID = 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL';
export const COMPUTE_BUDGET_PROGRAM_ID = 'ComputeBudget111111111111111111111111111111';
export const MEMO_PROGRAM_IDS: readonly string[] = ['MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr', 'Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo'];

const PROGRAMS: Record<string, SolanaProgramName> = {
  [SYSTEM_PROGRAM_ID]: 'system',
  [TOKEN_PROGRAM_ID]: 'spl-token',
  [TOKEN_2022_PROGRAM_ID]: 'token-2022',
  [ASSOCIATED_TOKEN_PROGRAM_ID]: 'associated-token',
  [COMPUTE_BUDGET_PROGRAM_ID]: 'compute-budget',
  ...Object.fromEntries(MEMO_PROGRAM_IDS.map((id) => [id, 'memo' as const])),
};

const SYSTEM_NAMES = [
  'createAccount', 'assign', 'transfer', 'createAccountWithSeed', 'advanceNonceAccount', 'withdrawNonceAccount',
  'initializeNonceAccount', 'authorizeNonceAccount', 'allocate', 'allocateWithSeed', 'assignWithSeed', 'transferWithSeed',
  'upgradeNonceAccount',
];
const TOKEN_NAMES = [
  'initializeMint', 'initializeAccount', 'initializeMultisig', 'transfer', 'approve', 'revoke', 'setAuthority', 'mintTo', 'burn',
  'closeAccount', 'freezeAccount', 'thawAccount', 'transferChecked', 'approveChecked', 'mintToChecked', 'burnChecked',
  'initializeAccount2', 'syncNative', 'initializeAccount3', 'initializeMultisig2', 'initializeMint2', 'getAccountDataSize',
  'initializeImmutableOwner', 'amountToUiAmount', 'uiAmountToAmount',
];
const AUTHORITY_TYPES = [
  'mintTokens', 'freezeAccount', 'accountOwner', 'closeAccount', 'transferFeeConfig', 'withheldWithdraw', 'closeMint',
  'interestRate', 'permanentDelegate', 'confidentialTransferMint', 'transferHookProgramId', 'confidentialTransferFeeConfig',
  'metadataPointer', 'groupPointer', 'groupMemberPointer', 'scaledUiAmountConfig', 'pausableConfig', 'permissionedBurn',
];
const COMPUTE_NAMES = ['requestUnits', 'requestHeapFrame', 'setComputeUnitLimit', 'setComputeUnitPrice', 'setLoadedAccountsDataSizeLimit'];

/** Base fee per signature, in lamports. */
export const LAMPORTS_PER_SIGNATURE = 5000n;
export const DEFAULT_COMPUTE_UNITS_PER_INSTRUCTION = 200_000n;
export const MAX_COMPUTE_UNITS = 1_400_000n;

class Reader {
  constructor(private readonly d: Uint8Array) {}
  get length(): number { return this.d.length; }
  has(end: number): boolean { return this.d.length >= end; }
  u8(o: number): number { return this.d[o] ?? 0; }
  u32(o: number): bigint { return BigInt(new DataView(this.d.buffer, this.d.byteOffset, this.d.byteLength).getUint32(o, true)); }
  u64(o: number): bigint { return new DataView(this.d.buffer, this.d.byteOffset, this.d.byteLength).getBigUint64(o, true); }
  key(o: number): string { return new PublicKey(this.d.subarray(o, o + 32)).toBase58(); }
  hex(): string { return Array.from(this.d, (b) => b.toString(16).padStart(2, '0')).join(''); }
}

type Ix = { programId: string; accounts: string[]; data: Reader };

const acct = (ix: Ix, i: number): string => ix.accounts[i] ?? '(missing)';
const raw = (ix: Ix): Record<string, string> => ({ accounts: ix.accounts.join(', '), data: ix.data.hex() });

function named(names: readonly string[], index: number): string {
  return names[index] ?? `instruction${index}`;
}

function decodeSystem(ix: Ix): Pick<DecodedSolanaInstruction, 'kind' | 'summary'> {
  const d = ix.data;
  if (!d.has(4)) return { kind: 'unknown', summary: raw(ix) };
  const tag = Number(d.u32(0));
  switch (tag) {
    case 0:
      if (!d.has(52)) break;
      return { kind: 'createAccount', summary: { from: acct(ix, 0), newAccount: acct(ix, 1), lamports: d.u64(4).toString(), space: d.u64(12).toString(), owner: d.key(20) } };
    case 1:
      if (!d.has(36)) break;
      return { kind: 'assign', summary: { account: acct(ix, 0), owner: d.key(4) } };
    case 2:
      if (!d.has(12)) break;
      return { kind: 'transfer', summary: { from: acct(ix, 0), to: acct(ix, 1), lamports: d.u64(4).toString() } };
    case 8:
      if (!d.has(12)) break;
      return { kind: 'allocate', summary: { account: acct(ix, 0), space: d.u64(4).toString() } };
    default:
      if (tag < SYSTEM_NAMES.length) return { kind: named(SYSTEM_NAMES, tag), summary: raw(ix) };
  }
  return { kind: 'unknown', summary: raw(ix) };
}

function decodeToken(ix: Ix): Pick<DecodedSolanaInstruction, 'kind' | 'summary'> {
  const d = ix.data;
  if (!d.has(1)) return { kind: 'unknown', summary: raw(ix) };
  const tag = d.u8(0);
  const amount = (): string => d.u64(1).toString();
  switch (tag) {
    case 3:
      if (!d.has(9)) break;
      return { kind: 'transfer', summary: { source: acct(ix, 0), destination: acct(ix, 1), owner: acct(ix, 2), amount: amount() } };
    case 4:
      if (!d.has(9)) break;
      return { kind: 'approve', summary: { source: acct(ix, 0), delegate: acct(ix, 1), owner: acct(ix, 2), amount: amount() } };
    case 5:
      return { kind: 'revoke', summary: { source: acct(ix, 0), owner: acct(ix, 1) } };
    case 6: {
      if (!d.has(3)) break;
      const option = d.u8(2);
      if (option > 1 || (option === 1 && !d.has(35))) break;
      return {
        kind: 'setAuthority',
        summary: {
          account: acct(ix, 0), currentAuthority: acct(ix, 1), authorityType: named(AUTHORITY_TYPES, d.u8(1)),
          newAuthority: option === 1 ? d.key(3) : 'none',
        },
      };
    }
    case 7:
      if (!d.has(9)) break;
      return { kind: 'mintTo', summary: { mint: acct(ix, 0), destination: acct(ix, 1), authority: acct(ix, 2), amount: amount() } };
    case 8:
      if (!d.has(9)) break;
      return { kind: 'burn', summary: { account: acct(ix, 0), mint: acct(ix, 1), owner: acct(ix, 2), amount: amount() } };
    case 9:
      return { kind: 'closeAccount', summary: { account: acct(ix, 0), destination: acct(ix, 1), owner: acct(ix, 2) } };
    case 12:
      if (!d.has(10)) break;
      return {
        kind: 'transferChecked',
        summary: { source: acct(ix, 0), mint: acct(ix, 1), destination: acct(ix, 2), owner: acct(ix, 3), amount: amount(), decimals: String(d.u8(9)) },
      };
    case 13:
      if (!d.has(10)) break;
      return {
        kind: 'approveChecked',
        summary: { source: acct(ix, 0), mint: acct(ix, 1), delegate: acct(ix, 2), owner: acct(ix, 3), amount: amount(), decimals: String(d.u8(9)) },
      };
    case 15:
      if (!d.has(10)) break;
      return { kind: 'burnChecked', summary: { account: acct(ix, 0), mint: acct(ix, 1), owner: acct(ix, 2), amount: amount(), decimals: String(d.u8(9)) } };
    case 17:
      return { kind: 'syncNative', summary: { account: acct(ix, 0) } };
    case 26: // Token-2022 TransferFeeExtension; 1 = TransferCheckedWithFee (amount, decimals, the fee withheld)
      if (!d.has(19) || d.u8(1) !== 1) break;
      return {
        kind: 'transferCheckedWithFee',
        summary: {
          source: acct(ix, 0), mint: acct(ix, 1), destination: acct(ix, 2), owner: acct(ix, 3),
          amount: d.u64(2).toString(), decimals: String(d.u8(10)), fee: d.u64(11).toString(),
        },
      };
    default:
      if (tag < TOKEN_NAMES.length) return { kind: named(TOKEN_NAMES, tag), summary: raw(ix) };
  }
  return { kind: 'unknown', summary: raw(ix) };
}

function decodeAssociatedToken(ix: Ix): Pick<DecodedSolanaInstruction, 'kind' | 'summary'> {
  const d = ix.data;
  const tag = d.length === 0 ? 0 : d.u8(0);
  if (tag === 0 || tag === 1) {
    return {
      kind: tag === 0 ? 'create' : 'createIdempotent',
      summary: { payer: acct(ix, 0), account: acct(ix, 1), owner: acct(ix, 2), mint: acct(ix, 3), tokenProgram: acct(ix, 5) },
    };
  }
  if (tag === 2) return { kind: 'recoverNested', summary: raw(ix) };
  return { kind: 'unknown', summary: raw(ix) };
}

function decodeComputeBudget(ix: Ix): Pick<DecodedSolanaInstruction, 'kind' | 'summary'> {
  const d = ix.data;
  const tag = d.length ? d.u8(0) : -1;
  if (tag === 1 && d.has(5)) return { kind: 'requestHeapFrame', summary: { bytes: d.u32(1).toString() } };
  if (tag === 2 && d.has(5)) return { kind: 'setComputeUnitLimit', summary: { units: d.u32(1).toString() } };
  if (tag === 3 && d.has(9)) return { kind: 'setComputeUnitPrice', summary: { microLamports: d.u64(1).toString() } };
  if (tag === 4 && d.has(5)) return { kind: 'setLoadedAccountsDataSizeLimit', summary: { bytes: d.u32(1).toString() } };
  if (tag >= 0 && tag < COMPUTE_NAMES.length) return { kind: named(COMPUTE_NAMES, tag), summary: raw(ix) };
  return { kind: 'unknown', summary: raw(ix) };
}

function decodeMemo(ix: Ix, bytes: Uint8Array): Pick<DecodedSolanaInstruction, 'kind' | 'summary'> {
  try {
    return { kind: 'memo', summary: { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) } };
  } catch {
    return { kind: 'memo', summary: { hex: ix.data.hex() } };
  }
}

function decodeInstruction(ix: Ix, bytes: Uint8Array): DecodedSolanaInstruction {
  const program = PROGRAMS[ix.programId] ?? 'unknown';
  const base = { programId: ix.programId, program };
  switch (program) {
    case 'system': return { ...base, ...decodeSystem(ix) };
    case 'spl-token':
    case 'token-2022': return { ...base, ...decodeToken(ix) };
    case 'associated-token': return { ...base, ...decodeAssociatedToken(ix) };
    case 'compute-budget': return { ...base, ...decodeComputeBudget(ix) };
    case 'memo': return { ...base, ...decodeMemo(ix, bytes) };
    default: return { ...base, kind: 'unknown', summary: raw(ix) };
  }
}

/**
 * Decode a base64 wire transaction (signatures + legacy or v0 message). Throws InvalidParamsError when malformed.
 * `lookupKeys`: the addresses a v0 message loads from its lookup tables, resolved from the chain (writable entries of
 * every table, then read-only ones); without them they are shown as `lookup:<table>#<index>`.
 */
export function decodeSolanaTransaction(base64: string, lookupKeys?: readonly string[]): DecodedSolanaTransaction {
  let tx: VersionedTransaction;
  try {
    tx = VersionedTransaction.deserialize(base64ToBytes(base64));
  } catch {
    throw new InvalidParamsError('The transaction could not be decoded.');
  }
  const m = tx.message;
  const version = m.version;
  if (version !== 'legacy' && version !== 0) throw new InvalidParamsError(`Unsupported transaction version ${String(version)}.`);
  const keys = m.staticAccountKeys.map((k) => k.toBase58());
  // v0 account order: static keys, then every table's writable indexes, then every table's readonly indexes.
  for (const l of m.addressTableLookups) for (const i of l.writableIndexes) keys.push(`lookup:${l.accountKey.toBase58()}#${i}`);
  for (const l of m.addressTableLookups) for (const i of l.readonlyIndexes) keys.push(`lookup:${l.accountKey.toBase58()}#${i}`);
  if (lookupKeys && lookupKeys.length === keys.length - m.staticAccountKeys.length) keys.splice(m.staticAccountKeys.length, lookupKeys.length, ...lookupKeys);

  const feePayer = keys[0];
  if (feePayer === undefined) throw new InvalidParamsError('The transaction has no fee payer.');
  const unknownPrograms: string[] = [];
  const instructions = m.compiledInstructions.map((ci) => {
    const programId = keys[ci.programIdIndex] ?? `(missing account #${ci.programIdIndex})`;
    const data = Uint8Array.from(ci.data);
    const ix: Ix = { programId, accounts: ci.accountKeyIndexes.map((i) => keys[i] ?? `(missing account #${i})`), data: new Reader(data) };
    const decoded = decodeInstruction(ix, data);
    if (decoded.program === 'unknown' && !unknownPrograms.includes(programId)) unknownPrograms.push(programId);
    return decoded;
  });
  return {
    version,
    feePayer,
    recentBlockhash: m.recentBlockhash,
    instructions,
    signatures: m.header.numRequiredSignatures,
    unknownPrograms,
  };
}

export function solanaTransactionWarnings(decoded: DecodedSolanaTransaction, ctx: { account: string }): Warning[] {
  const out: Warning[] = [];
  if (decoded.unknownPrograms.length) {
    out.push({
      level: 'warning', code: 'unknown-program',
      message: `This transaction calls programs the wallet cannot read: ${decoded.unknownPrograms.join(', ')}. Their effect is not shown.`,
    });
  }
  for (const ix of decoded.instructions) {
    const token = ix.program === 'spl-token' || ix.program === 'token-2022';
    if (token && (ix.kind === 'approve' || ix.kind === 'approveChecked')) {
      out.push({
        level: 'danger', code: 'token-approve',
        message: `This lets ${ix.summary.delegate} spend up to ${ix.summary.amount} base units from token account ${ix.summary.source} without asking you again.`,
      });
    }
    if (token && ix.kind === 'setAuthority') {
      out.push({
        level: 'danger', code: 'set-authority',
        message: `This hands the ${ix.summary.authorityType} authority of ${ix.summary.account} to ${ix.summary.newAuthority}.`,
      });
    }
    if (ix.program === 'system' && ix.kind === 'assign' && ix.summary.account === ctx.account) {
      out.push({
        level: 'danger', code: 'assign-account',
        message: `This gives program ${ix.summary.owner} control of your account ${ctx.account}.`,
      });
    }
  }
  if (decoded.feePayer !== ctx.account) {
    out.push({ level: 'warning', code: 'fee-payer-not-account', message: `The fee is paid by ${decoded.feePayer}, not by your account.` });
  }
  return out;
}

/**
 * Estimated fee in lamports (decimal string): 5000 per signature plus the priority fee
 * ceil(compute unit limit × compute unit price / 1e6). Without setComputeUnitLimit the limit is 200k per
 * non-compute-budget instruction; either way it is capped at 1.4M.
 */
export function estimateSolanaFee(decoded: DecodedSolanaTransaction): string {
  let limit: bigint | null = null;
  let price = 0n;
  let counted = 0n;
  for (const ix of decoded.instructions) {
    if (ix.program !== 'compute-budget') {
      counted++;
      continue;
    }
    if (ix.kind === 'setComputeUnitLimit' && ix.summary.units !== undefined) limit = BigInt(ix.summary.units);
    if (ix.kind === 'setComputeUnitPrice' && ix.summary.microLamports !== undefined) price = BigInt(ix.summary.microLamports);
  }
  let units = limit ?? counted * DEFAULT_COMPUTE_UNITS_PER_INSTRUCTION;
  if (units > MAX_COMPUTE_UNITS) units = MAX_COMPUTE_UNITS;
  const priority = (units * price + 999_999n) / 1_000_000n;
  return (BigInt(decoded.signatures) * LAMPORTS_PER_SIGNATURE + priority).toString();
}
