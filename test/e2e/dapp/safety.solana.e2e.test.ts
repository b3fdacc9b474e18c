/**
 * Pre-sign safety end to end for Solana (issue 8, item 8): a durable-nonce transfer and a recipient hidden behind an
 * address lookup table, each built by the test against the dev chain (the nonce account and the table are created on
 * chain by a test-side payer), signed by the wallet through the test dapp, and checked on chain afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  AddressLookupTableProgram, Connection, Keypair, NONCE_ACCOUNT_LENGTH, PublicKey, SystemProgram, Transaction, TransactionMessage,
  VersionedTransaction, type TransactionInstruction,
} from '@solana/web3.js';
import { SOLANA_LAMPORTS_PER_SIGNATURE } from '../../../scripts/chains/index';
import { jsonRpc } from '../../fixtures/jsonRpc';
import { click, decide, ok, openDapp, startDappRig, withApproval, type DappRig } from './rig';

const FEE = BigInt(SOLANA_LAMPORTS_PER_SIGNATURE); // one signature, no priority fee
let rig: DappRig;
let page: Page;
let conn: Connection;
let me: PublicKey;
/** A test-side payer that creates the nonce account and the lookup table (the wallet signs only the transfers). */
const payer = Keypair.generate();

beforeAll(async () => {
  rig = await startDappRig({ chains: true });
  conn = new Connection(rig.chains!.solana.url, 'confirmed');
  page = await openDapp(rig.h, rig.servers[0]!.url);
  await conn.requestAirdrop(payer.publicKey, 10_000_000_000);
});
afterAll(async () => { await rig?.stop(); });

let connected: Promise<void> | undefined;
const connect = () => (connected ??= (async () => {
  me = new PublicKey(ok(await withApproval(rig.h, page, 'solanaConnect', [], click('Connect'))).accounts[0]!);
})());

/** Sends a legacy transaction signed by the test's own keys; fails unless it landed without error. */
async function sendAsTest(ixs: TransactionInstruction[], signers: Keypair[]): Promise<void> {
  const tx = new Transaction({ feePayer: signers[0]!.publicKey, recentBlockhash: (await conn.getLatestBlockhash()).blockhash }).add(...ixs);
  tx.sign(...signers);
  const sig = await conn.sendRawTransaction(tx.serialize());
  expect((await conn.getSignatureStatuses([sig])).value[0]).toMatchObject({ err: null });
}
const balance = async (k: PublicKey) => BigInt(await conn.getBalance(k));
const base64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** What the approval window shows: findings as code/severity (and their text), What happens rows as token:delta. */
async function shown(w: Page) {
  await w.getByTestId('simulated-at').waitFor();
  return {
    findings: await w.locator('[data-warning]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-warning')}/${e.getAttribute('data-severity')}`)),
    texts: await w.locator('[data-warning]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-warning'), e.textContent]))),
    changes: await w.getByTestId('balance-change').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-token')}:${e.getAttribute('data-delta')}`)),
    /** The decoded instructions: program: kind, then each summary row as [label, value]. */
    instructions: await w.locator('[data-testid="sol-instructions"] > li').evaluateAll((lis) => lis.map((li) => ({
      title: li.querySelector('strong')?.textContent ?? '',
      rows: Array.from(li.querySelectorAll('.kv'), (kv) => [kv.querySelector('.k')?.textContent ?? '', kv.querySelector('.v')?.textContent ?? '']),
    }))),
  };
}

describe('Solana: what the approval window shows, and what lands', () => {
  it('a durable-nonce transfer: the "stays valid indefinitely" warning, the exact SOL change, and exactly that lands', async () => {
    await connect();
    // A nonce account whose authority is the wallet's account: the wallet signs the AdvanceNonceAccount itself.
    const nonce = Keypair.generate();
    const rent = await conn.getMinimumBalanceForRentExemption(NONCE_ACCOUNT_LENGTH);
    await sendAsTest(SystemProgram.createNonceAccount({ fromPubkey: payer.publicKey, noncePubkey: nonce.publicKey, authorizedPubkey: me, lamports: rent }).instructions, [payer, nonce]);
    const nonceValue = await conn.getNonce(nonce.publicKey);
    expect(nonceValue?.authorizedPubkey.toBase58()).toBe(me.toBase58());

    const to = Keypair.generate().publicKey;
    const amount = 123_456_789n;
    const tx = new Transaction({ feePayer: me, recentBlockhash: nonceValue!.nonce }).add(
      SystemProgram.nonceAdvance({ noncePubkey: nonce.publicKey, authorizedPubkey: me }),
      SystemProgram.transfer({ fromPubkey: me, toPubkey: to, lamports: amount }),
    );
    const wire = tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
    const before = await balance(me);
    let seen: Awaited<ReturnType<typeof shown>> | undefined;
    const out = await withApproval(rig.h, page, 'solanaSignAndSend', [wire], async (w) => {
      seen = await shown(w);
      await decide(w, 'Confirm');
    });
    expect(seen!.findings).toEqual(['solana-durable-nonce/warning', 'first-time-recipient/info']);
    expect(seen!.texts['solana-durable-nonce']).toBe(`Warning: This transaction uses the durable nonce of ${nonce.publicKey.toBase58()}: `
      + 'it stays valid indefinitely and can be submitted at any later time.');
    expect(seen!.changes).toEqual([`native:-${amount + FEE}`]);
    expect(seen!.instructions.map((i) => i.title)).toEqual(['system: advanceNonceAccount', 'system: transfer']);

    const { signature } = ok(out);
    expect((await conn.getSignatureStatuses([signature])).value[0]).toMatchObject({ err: null });
    expect(await balance(to)).toBe(amount);
    expect(await balance(me)).toBe(before - amount - FEE);
    // The nonce moved on: the signed transaction cannot be replayed.
    expect((await conn.getNonce(nonce.publicKey))?.nonce).not.toBe(nonceValue!.nonce);
  });

  it('a v0 transfer whose recipient sits only in a lookup table: the real recipient is shown, and exactly that amount lands there', async () => {
    await connect();
    const recipient = Keypair.generate().publicKey;
    // Create and extend a table on chain (its address derives from a recent slot: the block before the current one).
    const [create, table] = AddressLookupTableProgram.createLookupTable({ authority: payer.publicKey, payer: payer.publicKey, recentSlot: (await conn.getSlot()) - 1 });
    await sendAsTest([create, AddressLookupTableProgram.extendLookupTable({ authority: payer.publicKey, payer: payer.publicKey, lookupTable: table, addresses: [recipient] })], [payer]);
    const lut = (await conn.getAddressLookupTable(table)).value!;
    expect(lut.state.addresses.map((a) => a.toBase58())).toEqual([recipient.toBase58()]);

    const amount = 987_654_321n;
    const msg = new TransactionMessage({
      payerKey: me, recentBlockhash: (await conn.getLatestBlockhash()).blockhash,
      instructions: [SystemProgram.transfer({ fromPubkey: me, toPubkey: recipient, lamports: amount })],
    }).compileToV0Message([lut]);
    // The recipient is not in the message itself: only table entry 0 (writable) names it.
    expect(msg.staticAccountKeys.map((k) => k.toBase58())).toEqual([me.toBase58(), SystemProgram.programId.toBase58()]);
    expect(msg.addressTableLookups.map((l) => ({ table: l.accountKey.toBase58(), w: l.writableIndexes, r: l.readonlyIndexes })))
      .toEqual([{ table: table.toBase58(), w: [0], r: [] }]);
    const wire = base64(new VersionedTransaction(msg).serialize());

    const before = await balance(me);
    let seen: Awaited<ReturnType<typeof shown>> | undefined;
    const out = await withApproval(rig.h, page, 'solanaSignAndSend', [wire], async (w) => {
      seen = await shown(w);
      await decide(w, 'Confirm');
    });
    expect(seen!.instructions).toEqual([{
      title: 'system: transfer',
      rows: [['from', me.toBase58()], ['to', recipient.toBase58()], ['lamports', amount.toString()]],
    }]);
    expect(seen!.changes).toEqual([`native:-${amount + FEE}`]);
    expect(seen!.findings).toEqual(['first-time-recipient/info']);
    expect(seen!.texts['first-time-recipient']).toBe(`Notice: You have not sent anything to ${recipient.toBase58()} before.`);

    const { signature } = ok(out);
    expect((await conn.getSignatureStatuses([signature])).value[0]).toMatchObject({ err: null });
    expect(await balance(recipient)).toBe(amount);
    expect(await balance(me)).toBe(before - amount - FEE);
    // The landed transaction is the one the window showed: still v0, the recipient still only in the table.
    const landed = await jsonRpc<{ version: number; transaction: { message: { accountKeys: string[] } } }>(rig.chains!.solana.url, 'getTransaction', [signature, { maxSupportedTransactionVersion: 0 }]);
    expect(landed.version).toBe(0);
    expect(landed.transaction.message.accountKeys).toEqual([me.toBase58(), SystemProgram.programId.toBase58()]);
  });
});
