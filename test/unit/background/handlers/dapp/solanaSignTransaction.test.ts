// solana:signTransaction / signAndSendTransaction with several signers: the user's signature goes in the user's
// slot only; refusals come before any window; the network's answer must be the transaction's own signature.
import { Keypair, PublicKey, SystemProgram, Transaction, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../../../src/shared/encoding';
import { makeDappEnv } from '../../dapp/dappEnv';

const payer = Keypair.fromSeed(new Uint8Array(32).fill(7)); // fee payer, signs first (slot 0)
const cosigner = Keypair.fromSeed(new Uint8Array(32).fill(8)); // another signer, who has not signed yet
const to = Keypair.fromSeed(new Uint8Array(32).fill(9)).publicKey;
const blockhash = Keypair.fromSeed(new Uint8Array(32).fill(3)).publicKey.toBase58();
const ZERO = new Uint8Array(64);

/** Three signers: the payer first (has signed), then the user and the cosigner; the cosigner's slot is empty. */
function multiSigner(user: string, format: 'v0' | 'legacy'): Uint8Array {
  const userKey = new PublicKey(user);
  const ixs = [
    SystemProgram.transfer({ fromPubkey: userKey, toPubkey: to, lamports: 1_000 }),
    SystemProgram.transfer({ fromPubkey: cosigner.publicKey, toPubkey: to, lamports: 2_000 }),
  ];
  if (format === 'legacy') {
    const tx = new Transaction({ feePayer: payer.publicKey, recentBlockhash: blockhash }).add(...ixs);
    tx.partialSign(payer);
    return new Uint8Array(tx.serialize({ requireAllSignatures: false, verifySignatures: false }));
  }
  const tx = new VersionedTransaction(new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: blockhash, instructions: ixs }).compileToV0Message());
  tx.sign([payer]);
  return tx.serialize();
}

/** The user appears only as a recipient. */
function userNotSigner(user: string): Uint8Array {
  const tx = new VersionedTransaction(new TransactionMessage({
    payerKey: payer.publicKey, recentBlockhash: blockhash, instructions: [SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: new PublicKey(user), lamports: 5 })],
  }).compileToV0Message());
  tx.sign([payer]);
  return tx.serialize();
}

async function setup() {
  const env = await makeDappEnv();
  const user = env.accounts.solana[0];
  await env.connect('solana', [user]);
  env.state.decide = () => ({ approved: true });
  return { env, user };
}

describe('solana:signTransaction with several signers', () => {
  it.each(['v0', 'legacy'] as const)('%s: the user signs in their slot (not the first); the payer signature and the empty slot are untouched', async (format) => {
    const { env, user } = await setup();
    const before = VersionedTransaction.deserialize(multiSigner(user, format));
    const keys = before.message.staticAccountKeys.slice(0, before.message.header.numRequiredSignatures).map((k) => k.toBase58());
    expect(keys).toHaveLength(3);
    expect(keys[0]).toBe(payer.publicKey.toBase58());
    const slot = keys.indexOf(user);
    const empty = keys.indexOf(cosigner.publicKey.toBase58());
    expect([slot, empty].sort()).toEqual([1, 2]); // v0 keeps the instruction order, legacy sorts the signers by key
    const r = await env.call('solana:signTransaction', { account: user, transaction: bytesToBase64(before.serialize()) }, 'solana');
    const after = VersionedTransaction.deserialize(base64ToBytes((r as { result: { signedTransaction: string } }).result.signedTransaction));
    const message = before.message.serialize();
    expect(after.message.serialize()).toEqual(message);
    expect(after.signatures[0]).toEqual(before.signatures[0]);
    expect(nacl.sign.detached.verify(message, after.signatures[0]!, payer.publicKey.toBytes())).toBe(true);
    expect(nacl.sign.detached.verify(message, after.signatures[slot]!, bs58.decode(user))).toBe(true);
    expect(after.signatures[empty]).toEqual(ZERO);
    expect(env.asked).toEqual([expect.objectContaining({ kind: 'solana-sign-transaction', account: user, network: { id: 'solana:localnet', name: expect.any(String) } })]);
  });

  it('-32602 before any window: the account is not a signer, or the chain is not supported', async () => {
    const { env, user } = await setup();
    const sign = (p: Record<string, unknown>) => env.call('solana:signTransaction', { account: user, ...p }, 'solana');
    expect(await sign({ transaction: bytesToBase64(userNotSigner(user)) }))
      .toMatchObject({ error: { code: -32602, message: 'The account is not a signer of this transaction.' } });
    for (const chain of ['solana:unknownnet', 'eip155:1', 42]) {
      expect(await sign({ chain, transaction: bytesToBase64(multiSigner(user, 'v0')) })).toMatchObject({ error: { code: -32602, message: 'Unsupported chain.' } });
    }
    expect(env.asked).toHaveLength(0);
  });
});

describe('solana:signAndSendTransaction', () => {
  /** A cluster whose sendTransaction answers `answer(tx)`; records what it was sent. */
  function cluster(answer: (tx: VersionedTransaction) => string) {
    const sent: Array<{ tx: VersionedTransaction; options: unknown }> = [];
    return {
      sent,
      node: ({ method, params = [] }: { method: string; params?: unknown[] }) => {
        if (method !== 'sendTransaction') throw new Error(`unexpected ${method}`);
        const tx = VersionedTransaction.deserialize(base64ToBytes(params[0] as string));
        sent.push({ tx, options: params[1] });
        return answer(tx);
      },
    };
  }

  it('returns the transaction id (first signature) the network confirms, having sent the user-signed transaction', async () => {
    const { env, user } = await setup();
    const c = cluster((tx) => bs58.encode(tx.signatures[0]!));
    env.state.node = c.node;
    const bytes = multiSigner(user, 'v0');
    const r = await env.call('solana:signAndSendTransaction', { account: user, transaction: bytesToBase64(bytes) }, 'solana');
    const original = VersionedTransaction.deserialize(bytes);
    expect(r).toMatchObject({ result: { signature: bs58.encode(original.signatures[0]!) } });
    expect(c.sent).toHaveLength(1);
    const slot = original.message.staticAccountKeys.findIndex((k) => k.toBase58() === user);
    expect(slot).toBeGreaterThan(0);
    expect(nacl.sign.detached.verify(original.message.serialize(), c.sent[0]!.tx.signatures[slot]!, bs58.decode(user))).toBe(true);
    expect(c.sent[0]!.options).toEqual({ encoding: 'base64', skipPreflight: false, preflightCommitment: 'confirmed' });
  });

  it('no RPC answers the broadcast, or the node already has it: the page gets the transaction id, not an error', async () => {
    const { env, user } = await setup();
    const bytes = multiSigner(user, 'v0');
    const id = bs58.encode(VersionedTransaction.deserialize(bytes).signatures[0]!);
    env.state.node = null; // every RPC URL fails (no network in unit tests)
    expect(await env.call('solana:signAndSendTransaction', { account: user, transaction: bytesToBase64(bytes) }, 'solana')).toMatchObject({ result: { signature: id } });
    env.state.node = cluster(() => { throw new Error('Transaction simulation failed: This transaction has already been processed'); }).node;
    expect(await env.call('solana:signAndSendTransaction', { account: user, transaction: bytesToBase64(bytes) }, 'solana')).toMatchObject({ result: { signature: id } });
    env.state.node = cluster(() => { throw new Error('Transaction simulation failed: Blockhash not found'); }).node;
    expect(await env.call('solana:signAndSendTransaction', { account: user, transaction: bytesToBase64(bytes) }, 'solana')).toMatchObject({ error: { code: -32603 } });
  });

  it('-32603 "unexpected signature" when the network answers another signature', async () => {
    const { env, user } = await setup();
    env.state.node = cluster(() => bs58.encode(new Uint8Array(64).fill(1))).node;
    expect(await env.call('solana:signAndSendTransaction', { account: user, transaction: bytesToBase64(multiSigner(user, 'v0')) }, 'solana'))
      .toEqual({ id: expect.any(String), error: { code: -32603, message: 'The network returned an unexpected signature.' } });
  });
});
