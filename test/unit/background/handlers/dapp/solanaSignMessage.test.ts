// solana:signMessage must not sign bytes that are a transaction message (that signature would authorise the transaction).
import { Keypair, SystemProgram, Transaction, TransactionMessage } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { isTransactionMessage } from '../../../../../src/background/handlers/dapp/solana/signMessage';

const payer = Keypair.fromSeed(new Uint8Array(32).fill(1)).publicKey;
const to = Keypair.fromSeed(new Uint8Array(32).fill(2)).publicKey;
const blockhash = Keypair.fromSeed(new Uint8Array(32).fill(3)).publicKey.toBase58();
const ix = SystemProgram.transfer({ fromPubkey: payer, toPubkey: to, lamports: 1_000_000_000 });

describe('isTransactionMessage', () => {
  it('recognises legacy and v0 transaction messages', () => {
    const legacy = new Transaction({ feePayer: payer, recentBlockhash: blockhash }).add(ix).serializeMessage();
    const v0 = new TransactionMessage({ payerKey: payer, recentBlockhash: blockhash, instructions: [ix] }).compileToV0Message().serialize();
    expect(isTransactionMessage(new Uint8Array(legacy))).toBe(true);
    expect(isTransactionMessage(v0)).toBe(true);
  });
  it('lets text, SIWS, random bytes and a message with trailing bytes through', () => {
    const enc = new TextEncoder();
    expect(isTransactionMessage(enc.encode('Meridian 签名测试 ✓'))).toBe(false);
    expect(isTransactionMessage(enc.encode(`example.com wants you to sign in with your Solana account:\n${payer.toBase58()}`))).toBe(false);
    expect(isTransactionMessage(new Uint8Array(64).fill(0xab))).toBe(false);
    const legacy = new Transaction({ feePayer: payer, recentBlockhash: blockhash }).add(ix).serializeMessage();
    expect(isTransactionMessage(new Uint8Array([...legacy, 0]))).toBe(false);
  });
});
