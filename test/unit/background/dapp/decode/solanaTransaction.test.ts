import {
  createApproveCheckedInstruction, createApproveInstruction, createAssociatedTokenAccountIdempotentInstruction,
  createAssociatedTokenAccountInstruction, createCloseAccountInstruction, createSetAuthorityInstruction, createTransferCheckedInstruction,
  createTransferInstruction, createTransferCheckedWithFeeInstruction, AuthorityType, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID,
} from '@solana/spl-token';
import {
  AddressLookupTableAccount, ComputeBudgetProgram, Keypair, PublicKey, SystemProgram, Transaction, TransactionInstruction,
  TransactionMessage, VersionedTransaction,
} from '@solana/web3.js';
import { Buffer } from 'buffer';
import { describe, expect, it } from 'vitest';
import {
  decodeSolanaTransaction, estimateSolanaFee, solanaTransactionWarnings,
} from '../../../../../src/background/dapp/decode/solanaTransaction';

const key = (n: number) => Keypair.fromSeed(new Uint8Array(32).fill(n)).publicKey;
const PAYER = key(1);
const OTHER = key(2);
const MINT = key(3);
const SOURCE = key(4);
const DEST = key(5);
const DELEGATE = key(6);
const BLOCKHASH = key(7).toBase58();
const UNKNOWN_PROGRAM = key(8);
const MEMO = new PublicKey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');
const b = (p: PublicKey) => p.toBase58();

function legacy(ixs: TransactionInstruction[], feePayer = PAYER): string {
  const tx = new Transaction({ feePayer, recentBlockhash: BLOCKHASH }).add(...ixs);
  return tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
}

function v0(ixs: TransactionInstruction[], tables: AddressLookupTableAccount[] = []): string {
  const message = new TransactionMessage({ payerKey: PAYER, recentBlockhash: BLOCKHASH, instructions: ixs }).compileToV0Message(tables);
  return Buffer.from(new VersionedTransaction(message).serialize()).toString('base64');
}

const codes = (base64: string, account = b(PAYER)) => solanaTransactionWarnings(decodeSolanaTransaction(base64), { account }).map((w) => `${w.level}:${w.code}`);

describe('decodeSolanaTransaction', () => {
  it('decodes a legacy SystemProgram.transfer', () => {
    const d = decodeSolanaTransaction(legacy([SystemProgram.transfer({ fromPubkey: PAYER, toPubkey: OTHER, lamports: 1_500_000_000 })]));
    expect(d).toEqual({
      version: 'legacy', feePayer: b(PAYER), recentBlockhash: BLOCKHASH, signatures: 1, unknownPrograms: [],
      instructions: [{
        programId: '11111111111111111111111111111111', program: 'system', kind: 'transfer',
        summary: { from: b(PAYER), to: b(OTHER), lamports: '1500000000' },
      }],
    });
    expect(estimateSolanaFee(d)).toBe('5000');
    expect(solanaTransactionWarnings(d, { account: b(PAYER) })).toEqual([]);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('decodes createAccount with a second signer', () => {
    const d = decodeSolanaTransaction(legacy([SystemProgram.createAccount({
      fromPubkey: PAYER, newAccountPubkey: OTHER, lamports: 2_039_280, space: 165, programId: TOKEN_PROGRAM_ID,
    })]));
    expect(d.signatures).toBe(2);
    expect(d.instructions).toEqual([{
      programId: '11111111111111111111111111111111', program: 'system', kind: 'createAccount',
      summary: { from: b(PAYER), newAccount: b(OTHER), lamports: '2039280', space: '165', owner: b(TOKEN_PROGRAM_ID) },
    }]);
    expect(estimateSolanaFee(d)).toBe('10000');
  });

  it('decodes SPL Token transferChecked, transfer and closeAccount', () => {
    const d = decodeSolanaTransaction(legacy([
      createTransferCheckedInstruction(SOURCE, MINT, DEST, PAYER, 12_345_678n, 6),
      createTransferInstruction(SOURCE, DEST, PAYER, 18_446_744_073_709_551_615n),
      createCloseAccountInstruction(SOURCE, PAYER, PAYER),
    ]));
    expect(d.instructions).toEqual([
      {
        programId: b(TOKEN_PROGRAM_ID), program: 'spl-token', kind: 'transferChecked',
        summary: { source: b(SOURCE), mint: b(MINT), destination: b(DEST), owner: b(PAYER), amount: '12345678', decimals: '6' },
      },
      {
        programId: b(TOKEN_PROGRAM_ID), program: 'spl-token', kind: 'transfer',
        summary: { source: b(SOURCE), destination: b(DEST), owner: b(PAYER), amount: '18446744073709551615' },
      },
      {
        programId: b(TOKEN_PROGRAM_ID), program: 'spl-token', kind: 'closeAccount',
        summary: { account: b(SOURCE), destination: b(PAYER), owner: b(PAYER) },
      },
    ]);
    expect(codes(legacy([createTransferCheckedInstruction(SOURCE, MINT, DEST, PAYER, 1n, 6)]))).toEqual([]);
  });

  it('decodes Token-2022 transferChecked', () => {
    const d = decodeSolanaTransaction(legacy([createTransferCheckedInstruction(SOURCE, MINT, DEST, PAYER, 5n, 9, [], TOKEN_2022_PROGRAM_ID)]));
    expect(d.instructions[0]).toEqual({
      programId: 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb', program: 'token-2022', kind: 'transferChecked',
      summary: { source: b(SOURCE), mint: b(MINT), destination: b(DEST), owner: b(PAYER), amount: '5', decimals: '9' },
    });
  });

  it('decodes Token-2022 transferCheckedWithFee with the fee withheld', () => {
    const d = decodeSolanaTransaction(legacy([createTransferCheckedWithFeeInstruction(SOURCE, MINT, DEST, PAYER, 100_000n, 6, 1_500n, [], TOKEN_2022_PROGRAM_ID)]));
    expect(d.instructions[0]).toEqual({
      programId: 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb', program: 'token-2022', kind: 'transferCheckedWithFee',
      summary: { source: b(SOURCE), mint: b(MINT), destination: b(DEST), owner: b(PAYER), amount: '100000', decimals: '6', fee: '1500' },
    });
  });

  it('decodes approve and approveChecked and flags them as danger', () => {
    const tx = legacy([
      createApproveInstruction(SOURCE, DELEGATE, PAYER, 1_000_000n),
      createApproveCheckedInstruction(SOURCE, MINT, DELEGATE, PAYER, 2_000_000n, 6, [], TOKEN_2022_PROGRAM_ID),
    ]);
    const d = decodeSolanaTransaction(tx);
    expect(d.instructions).toEqual([
      {
        programId: b(TOKEN_PROGRAM_ID), program: 'spl-token', kind: 'approve',
        summary: { source: b(SOURCE), delegate: b(DELEGATE), owner: b(PAYER), amount: '1000000' },
      },
      {
        programId: b(TOKEN_2022_PROGRAM_ID), program: 'token-2022', kind: 'approveChecked',
        summary: { source: b(SOURCE), mint: b(MINT), delegate: b(DELEGATE), owner: b(PAYER), amount: '2000000', decimals: '6' },
      },
    ]);
    const w = solanaTransactionWarnings(d, { account: b(PAYER) });
    expect(w.map((x) => `${x.level}:${x.code}`)).toEqual(['danger:token-approve', 'danger:token-approve']);
    expect(w[0]!.message).toBe(`This lets ${b(DELEGATE)} spend up to 1000000 base units from token account ${b(SOURCE)} without asking you again.`);
  });

  it('decodes setAuthority (with and without a new authority) and flags it', () => {
    const d = decodeSolanaTransaction(legacy([
      createSetAuthorityInstruction(SOURCE, PAYER, AuthorityType.AccountOwner, OTHER),
      createSetAuthorityInstruction(MINT, PAYER, AuthorityType.MintTokens, null),
    ]));
    expect(d.instructions.map((i) => [i.kind, i.summary])).toEqual([
      ['setAuthority', { account: b(SOURCE), currentAuthority: b(PAYER), authorityType: 'accountOwner', newAuthority: b(OTHER) }],
      ['setAuthority', { account: b(MINT), currentAuthority: b(PAYER), authorityType: 'mintTokens', newAuthority: 'none' }],
    ]);
    expect(solanaTransactionWarnings(d, { account: b(PAYER) }).map((w) => w.code)).toEqual(['set-authority', 'set-authority']);
  });

  it('decodes associated token create and createIdempotent', () => {
    const ata = key(9);
    const d = decodeSolanaTransaction(legacy([
      createAssociatedTokenAccountInstruction(PAYER, ata, OTHER, MINT),
      createAssociatedTokenAccountIdempotentInstruction(PAYER, ata, OTHER, MINT, TOKEN_2022_PROGRAM_ID),
    ]));
    expect(d.instructions).toEqual([
      {
        programId: 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL', program: 'associated-token', kind: 'create',
        summary: { payer: b(PAYER), account: b(ata), owner: b(OTHER), mint: b(MINT), tokenProgram: b(TOKEN_PROGRAM_ID) },
      },
      {
        programId: 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL', program: 'associated-token', kind: 'createIdempotent',
        summary: { payer: b(PAYER), account: b(ata), owner: b(OTHER), mint: b(MINT), tokenProgram: b(TOKEN_2022_PROGRAM_ID) },
      },
    ]);
  });

  it('decodes compute budget instructions and prices them', () => {
    const d = decodeSolanaTransaction(legacy([
      ComputeBudgetProgram.setComputeUnitLimit({ units: 300_000 }),
      ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 2_000n }),
      SystemProgram.transfer({ fromPubkey: PAYER, toPubkey: OTHER, lamports: 1 }),
    ]));
    expect(d.instructions.slice(0, 2)).toEqual([
      { programId: 'ComputeBudget111111111111111111111111111111', program: 'compute-budget', kind: 'setComputeUnitLimit', summary: { units: '300000' } },
      { programId: 'ComputeBudget111111111111111111111111111111', program: 'compute-budget', kind: 'setComputeUnitPrice', summary: { microLamports: '2000' } },
    ]);
    expect(estimateSolanaFee(d)).toBe('5600'); // 5000 + 300000 × 2000 / 1e6
  });

  it('prices without a unit limit at 200k per instruction, rounding up, capped at 1.4M', () => {
    const transfer = SystemProgram.transfer({ fromPubkey: PAYER, toPubkey: OTHER, lamports: 1 });
    const price = ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1_234 });
    expect(estimateSolanaFee(decodeSolanaTransaction(legacy([price, transfer, transfer])))).toBe('5494'); // 400000 × 1234 / 1e6 = 493.6
    expect(estimateSolanaFee(decodeSolanaTransaction(legacy([price, ...Array(8).fill(transfer)])))).toBe('6728'); // 1.4M × 1234 / 1e6 = 1727.6
    const big = ComputeBudgetProgram.setComputeUnitLimit({ units: 2_000_000 });
    expect(estimateSolanaFee(decodeSolanaTransaction(legacy([big, price, transfer])))).toBe('6728');
  });

  it('decodes a memo', () => {
    const memo = new TransactionInstruction({ programId: MEMO, keys: [], data: Buffer.from('付款 #42 🌍', 'utf8') });
    expect(decodeSolanaTransaction(legacy([memo])).instructions).toEqual([
      { programId: b(MEMO), program: 'memo', kind: 'memo', summary: { text: '付款 #42 🌍' } },
    ]);
  });

  it('lists unknown programs and warns about them and a foreign fee payer', () => {
    const ix = new TransactionInstruction({ programId: UNKNOWN_PROGRAM, keys: [{ pubkey: SOURCE, isSigner: false, isWritable: true }], data: Buffer.from([1, 2, 255]) });
    const tx = legacy([ix, ix], OTHER);
    const d = decodeSolanaTransaction(tx);
    expect(d.unknownPrograms).toEqual([b(UNKNOWN_PROGRAM)]);
    expect(d.instructions[0]).toEqual({ programId: b(UNKNOWN_PROGRAM), program: 'unknown', kind: 'unknown', summary: { accounts: b(SOURCE), data: '0102ff' } });
    expect(codes(tx)).toEqual(['warning:unknown-program', 'warning:fee-payer-not-account']);
    expect(codes(tx, b(OTHER))).toEqual(['warning:unknown-program']);
  });

  it('flags a System assign of the connected account', () => {
    const tx = legacy([SystemProgram.assign({ accountPubkey: PAYER, programId: UNKNOWN_PROGRAM })]);
    expect(decodeSolanaTransaction(tx).instructions[0]).toMatchObject({ kind: 'assign', summary: { account: b(PAYER), owner: b(UNKNOWN_PROGRAM) } });
    expect(codes(tx)).toEqual(['danger:assign-account']);
  });

  it('decodes a v0 message', () => {
    const d = decodeSolanaTransaction(v0([
      ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 10_000 }),
      createTransferCheckedInstruction(SOURCE, MINT, DEST, PAYER, 42n, 6),
    ]));
    expect(d).toEqual({
      version: 0, feePayer: b(PAYER), recentBlockhash: BLOCKHASH, signatures: 1, unknownPrograms: [],
      instructions: [
        { programId: 'ComputeBudget111111111111111111111111111111', program: 'compute-budget', kind: 'setComputeUnitPrice', summary: { microLamports: '10000' } },
        {
          programId: b(TOKEN_PROGRAM_ID), program: 'spl-token', kind: 'transferChecked',
          summary: { source: b(SOURCE), mint: b(MINT), destination: b(DEST), owner: b(PAYER), amount: '42', decimals: '6' },
        },
      ],
    });
    expect(estimateSolanaFee(d)).toBe('7000'); // 5000 + 200000 × 10000 / 1e6
  });

  it('marks accounts loaded from an address lookup table', () => {
    const tableKey = key(10);
    const table = new AddressLookupTableAccount({
      key: tableKey,
      state: { deactivationSlot: BigInt('18446744073709551615'), lastExtendedSlot: 0, lastExtendedSlotStartIndex: 0, authority: undefined, addresses: [OTHER, MINT, DEST, SOURCE] },
    });
    const d = decodeSolanaTransaction(v0([
      createTransferCheckedInstruction(SOURCE, MINT, DEST, PAYER, 7n, 2),
      SystemProgram.transfer({ fromPubkey: PAYER, toPubkey: OTHER, lamports: 3 }),
    ], [table]));
    const t = b(tableKey);
    expect(d.version).toBe(0);
    // Writable lookups (SOURCE #3, DEST #2, OTHER #0 in table order of use) come before readonly ones (MINT #1).
    expect(d.instructions[0]!.summary).toEqual({
      source: `lookup:${t}#3`, mint: `lookup:${t}#1`, destination: `lookup:${t}#2`, owner: b(PAYER), amount: '7', decimals: '2',
    });
    expect(d.instructions[1]!.summary).toEqual({ from: b(PAYER), to: `lookup:${t}#0`, lamports: '3' });
  });

  it.each([
    ['not base64', '***'],
    ['empty', ''],
    ['garbage bytes', Buffer.from([1, 2, 3]).toString('base64')],
  ])('rejects %s with InvalidParamsError', (_n, input) => {
    expect(() => decodeSolanaTransaction(input)).toThrow(expect.objectContaining({ code: -32602 }));
  });
});
