/**
 * Property tests of the Solana transaction decoder: legacy and v0 transactions built with @solana/web3.js from random
 * instructions (random programs, accounts, data, lookup tables) decode to the same fee payer, blockhash, signer count,
 * program ids and accounts, with the known instructions' amounts read back; random bytes and mutated transactions give
 * InvalidParamsError or a decoding, never another exception, each in < 100 ms.
 */
import { createApproveCheckedInstruction, createTransferCheckedInstruction, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import {
  AddressLookupTableAccount, ComputeBudgetProgram, Keypair, PublicKey, SystemProgram, Transaction, TransactionInstruction, TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js';
import { Buffer } from 'buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeSolanaTransaction, estimateSolanaFee, solanaTransactionWarnings,
} from '../../../src/background/dapp/decode/solanaTransaction';
import { bytesToBase64 } from '../../../src/shared/encoding';
import { InvalidParamsError } from '../../../src/shared/errors';
import { SlowestCase, onlyTyped } from './property';

const KNOWN_PROGRAMS = [
  SystemProgram.programId, TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, new PublicKey('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL'),
  ComputeBudgetProgram.programId, new PublicKey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr'),
];
/** A small pool of keys, so that instructions share accounts (the compiler dedups and reorders them). */
const POOL = Array.from({ length: 12 }, (_, i) => Keypair.fromSeed(new Uint8Array(32).fill(i + 1)).publicKey);
const key = fc.constantFrom(...POOL);
const program = fc.oneof(fc.constantFrom(...KNOWN_PROGRAMS), key);
const blockhash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => new PublicKey(b).toBase58());

const rawIx = fc.record({
  programId: program,
  keys: fc.array(fc.record({ pubkey: key, isSigner: fc.boolean(), isWritable: fc.boolean() }), { maxLength: 4 }),
  data: fc.uint8Array({ maxLength: 40 }),
}).map(({ programId, keys, data }) => new TransactionInstruction({ programId, keys, data: Buffer.from(data) }));

type Expect = { kind: string; summary: Record<string, string> } | null;
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const pair = (ix: TransactionInstruction, e: Expect): [TransactionInstruction, Expect] => [ix, e];
/** Instructions whose decoding is known: [instruction, expected kind and summary fields]. */
const knownIx: fc.Arbitrary<[TransactionInstruction, Expect]> = fc.oneof(
  fc.tuple(key, key, u64).map(([from, to, lamports]) => pair(SystemProgram.transfer({ fromPubkey: from, toPubkey: to, lamports }),
    { kind: 'transfer', summary: { from: from.toBase58(), to: to.toBase58(), lamports: lamports.toString() } })),
  fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 })).map(([units]) => pair(ComputeBudgetProgram.setComputeUnitLimit({ units }),
    { kind: 'setComputeUnitLimit', summary: { units: String(units) } })),
  fc.tuple(u64).map(([microLamports]) => pair(ComputeBudgetProgram.setComputeUnitPrice({ microLamports }),
    { kind: 'setComputeUnitPrice', summary: { microLamports: microLamports.toString() } })),
  fc.tuple(key, key, key, key, u64, fc.nat({ max: 255 }), fc.constantFrom(TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID)).map(([src, mint, dst, owner, amount, decimals, pid]) => pair(
    createTransferCheckedInstruction(src, mint, dst, owner, amount, decimals, [], pid),
    { kind: 'transferChecked', summary: { source: src.toBase58(), mint: mint.toBase58(), destination: dst.toBase58(), owner: owner.toBase58(), amount: amount.toString(), decimals: String(decimals) } })),
  fc.tuple(key, key, key, key, u64, fc.nat({ max: 255 })).map(([src, mint, delegate, owner, amount, decimals]) => pair(
    createApproveCheckedInstruction(src, mint, delegate, owner, amount, decimals),
    { kind: 'approveChecked', summary: { source: src.toBase58(), mint: mint.toBase58(), delegate: delegate.toBase58(), owner: owner.toBase58(), amount: amount.toString(), decimals: String(decimals) } })),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => pair(
    new TransactionInstruction({ programId: KNOWN_PROGRAMS[5]!, keys: [], data: Buffer.from(text, 'utf8') }), { kind: 'memo', summary: { text } })),
);
const anyIx: fc.Arbitrary<[TransactionInstruction, Expect]> = fc.oneof(knownIx, rawIx.map((ix) => pair(ix, null)));

type Built = { base64: string; payer: PublicKey; blockhash: string; ixs: Array<[TransactionInstruction, Expect]>; version: 'legacy' | 0; table?: AddressLookupTableAccount; signers: number };

const built: fc.Arbitrary<Built> = fc.record({
  payer: key, blockhash, ixs: fc.array(anyIx, { minLength: 1, maxLength: 5 }), v0: fc.boolean(), useTable: fc.boolean(),
  tableKey: fc.uint8Array({ minLength: 32, maxLength: 32 }), tableAddrs: fc.shuffledSubarray(POOL, { maxLength: 8 }),
}).map(({ payer, blockhash: bh, ixs, v0, useTable, tableKey, tableAddrs }) => {
  const instructions = ixs.map(([ix]) => ix);
  if (!v0) {
    const tx = new Transaction({ feePayer: payer, recentBlockhash: bh }).add(...instructions);
    const message = tx.compileMessage();
    return {
      base64: tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'),
      payer, blockhash: bh, ixs, version: 'legacy' as const, signers: message.header.numRequiredSignatures,
    };
  }
  const table = useTable ? new AddressLookupTableAccount({ key: new PublicKey(tableKey), state: { deactivationSlot: 2n ** 64n - 1n, lastExtendedSlot: 0, lastExtendedSlotStartIndex: 0, addresses: tableAddrs } }) : undefined;
  const message = new TransactionMessage({ payerKey: payer, recentBlockhash: bh, instructions }).compileToV0Message(table ? [table] : []);
  return {
    base64: bytesToBase64(new VersionedTransaction(message).serialize()), payer, blockhash: bh, ixs, version: 0 as const, signers: message.header.numRequiredSignatures,
    ...(table ? { table } : {}),
  };
});

/** How the decoder names an account: its address, or lookup:<table>#<index> when the v0 message loads it from the table. */
function accountName(b: Built, k: PublicKey, staticKeys: Set<string>): string {
  if (staticKeys.has(k.toBase58()) || !b.table) return k.toBase58();
  const i = b.table.state.addresses.findIndex((a) => a.equals(k));
  return `lookup:${b.table.key.toBase58()}#${i}`;
}

function staticKeysOf(base64: string): Set<string> {
  return new Set(VersionedTransaction.deserialize(Buffer.from(base64, 'base64')).message.staticAccountKeys.map((k) => k.toBase58()));
}

describe('decodeSolanaTransaction (property)', () => {
  it('web3.js legacy/v0 transactions from random instructions decode to the same payer, programs, accounts and amounts; < 100 ms', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(built, (b) => {
      const d = slow.time(b.base64, () => decodeSolanaTransaction(b.base64));
      expect(d.version).toBe(b.version);
      expect(d.feePayer).toBe(b.payer.toBase58());
      expect(d.recentBlockhash).toBe(b.blockhash);
      expect(d.signatures).toBe(b.signers);
      expect(d.instructions).toHaveLength(b.ixs.length);
      const statics = staticKeysOf(b.base64);
      const unknown: string[] = [];
      b.ixs.forEach(([ix, exp], i) => {
        const got = d.instructions[i]!;
        // Program ids are always static keys.
        expect(got.programId).toBe(ix.programId.toBase58());
        const known = KNOWN_PROGRAMS.some((p) => p.equals(ix.programId));
        expect(got.program === 'unknown').toBe(!known);
        if (!known && !unknown.includes(got.programId)) unknown.push(got.programId);
        if (exp) {
          expect(got.kind).toBe(exp.kind);
          const pool = new Map(POOL.map((k) => [k.toBase58(), k]));
          const named = Object.fromEntries(Object.entries(exp.summary).map(([f, v]) => [f, pool.has(v) ? accountName(b, pool.get(v)!, statics) : v]));
          expect(got.summary).toMatchObject(named);
        }
        if (got.summary.accounts !== undefined) {
          expect(got.summary.accounts).toBe(ix.keys.map((k) => accountName(b, k.pubkey, statics)).join(', '));
        }
      });
      expect(d.unknownPrograms).toEqual(unknown);
      expect(BigInt(estimateSolanaFee(d)) >= BigInt(d.signatures) * 5000n).toBe(true);
      solanaTransactionWarnings(d, { account: b.payer.toBase58() });
    }), { seed: 501, numRuns: 150 });
    slow.expectUnderBudget();
  });

  it('random bytes, truncations and byte flips of real transactions: InvalidParamsError or a decoding, never another exception; < 100 ms', () => {
    const slow = new SlowestCase();
    const mutatedTx = fc.tuple(built, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }), fc.option(fc.nat(), { nil: undefined }))
      .map(([b, flips, cut]) => {
        const bytes = Buffer.from(b.base64, 'base64');
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        return bytesToBase64(cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1)));
      });
    const input = fc.oneof(
      { weight: 3, arbitrary: mutatedTx },
      fc.uint8Array({ maxLength: 300 }).map(bytesToBase64),
      fc.string({ maxLength: 60 }), fc.base64String({ maxLength: 200 }),
      fc.anything(),
    );
    fc.assert(fc.property(input, (base64) => {
      const r = slow.time(base64, () => onlyTyped([InvalidParamsError], () => {
        const d = decodeSolanaTransaction(base64 as string);
        return { d, fee: estimateSolanaFee(d), warnings: solanaTransactionWarnings(d, { account: POOL[0]!.toBase58() }) };
      }));
      if (!r.ok) return;
      expect(typeof r.value.d.feePayer).toBe('string');
      expect(r.value.fee).toMatch(/^\d+$/);
      expect(() => JSON.stringify(r.value.d)).not.toThrow();
    }), { seed: 502, numRuns: 500 });
    slow.expectUnderBudget();
  });
});
