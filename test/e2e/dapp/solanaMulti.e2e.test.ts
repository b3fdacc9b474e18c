/**
 * Solana for today's dapps (issue 10, item 4): several transactions in one Wallet Standard call are one approval window
 * listing each (with its own What happens), answered in input order; and the network switches a user makes in
 * Settings reach open pages (Wallet Standard `change` with the new cluster, EIP-1193 `chainChanged`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Connection, Keypair, PublicKey, SystemProgram, Transaction } from '@solana/web3.js';
import { SOLANA_LAMPORTS_PER_SIGNATURE } from '../../../scripts/chains/index';
import type { DappApi } from './page';
import { call, click, decide, ok, openDapp, startDappRig, withApproval, type DappRig } from './rig';

type W = { dapp: DappApi };
const FEE = BigInt(SOLANA_LAMPORTS_PER_SIGNATURE);
let rig: DappRig;
let page: Page;
let conn: Connection;
let me: PublicKey;

beforeAll(async () => {
  rig = await startDappRig({ chains: true });
  conn = new Connection(rig.chains!.solana.url, 'confirmed');
  page = await openDapp(rig.h, rig.servers[0]!.url);
});
afterAll(async () => { await rig?.stop(); });

let connected: Promise<void> | undefined;
const connect = () => (connected ??= (async () => {
  expect(ok(await withApproval(rig.h, page, 'evmRequestAddresses', [], click('Connect')))).toHaveLength(1);
  me = new PublicKey(ok(await withApproval(rig.h, page, 'solanaConnect', [], click('Connect'))).accounts[0]!);
})());
const lamports = async (k: PublicKey) => BigInt(await conn.getBalance(k));

describe('several transactions in one request', () => {
  it('one window lists both with their own What happens; the signatures come back in input order and both land exactly', async () => {
    await connect();
    const to = [Keypair.generate().publicKey, Keypair.generate().publicKey];
    const amounts = [111_111_111n, 222_222_222n];
    const { blockhash } = await conn.getLatestBlockhash();
    const wires = to.map((dest, i) => new Transaction({ feePayer: me, recentBlockhash: blockhash })
      .add(SystemProgram.transfer({ fromPubkey: me, toPubkey: dest, lamports: amounts[i]! }))
      .serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'));
    const before = await lamports(me);
    let shown: string[][] = [];
    const sigs = ok(await withApproval(rig.h, page, 'solanaSignAndSendMany', [wires], async (w) => {
      const items = w.getByTestId('sol-batch-item');
      await expect.poll(() => items.count()).toBe(2);
      await expect.poll(() => w.getByTestId('simulated-at').count()).toBe(2);
      shown = await items.evaluateAll((els) => els.map((el) => [
        el.querySelector('h2')?.textContent ?? '',
        ...Array.from(el.querySelectorAll('[data-testid="balance-change"]'), (r) => `${r.getAttribute('data-token')}:${r.getAttribute('data-delta')}`),
      ]));
      await decide(w, 'Confirm');
    }));
    expect(shown).toEqual([
      ['Transaction 1 of 2', `native:${-(amounts[0]! + FEE)}`],
      ['Transaction 2 of 2', `native:${-(amounts[1]! + FEE)}`],
    ]);
    expect(sigs).toHaveLength(2);
    // In input order: the first signature is the transfer to the first recipient.
    for (const [i, sig] of sigs.entries()) {
      await expect.poll(async () => (await conn.getSignatureStatuses([sig])).value[0]?.confirmationStatus ?? null).not.toBeNull();
      const tx = await conn.getTransaction(sig, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
      expect(tx?.transaction.message.staticAccountKeys.map((k) => k.toBase58())).toContain(to[i]!.toBase58());
      expect(tx?.meta?.err).toBeNull();
      expect(await lamports(to[i]!)).toBe(amounts[i]);
    }
    expect(await lamports(me)).toBe(before - amounts[0]! - amounts[1]! - 2n * FEE);
  });
});

describe('network switches in Settings reach open pages', () => {
  async function pickSiteNetwork(family: 'evm' | 'solana', networkId: string): Promise<void> {
    const w = rig.wallet;
    await w.reload();
    await w.getByRole('button', { name: 'Settings', exact: true }).click();
    await w.getByRole('button', { name: 'Networks', exact: true }).click();
    const select = w.getByTestId(`site-network-${family}`);
    await select.waitFor();
    await select.selectOption(networkId);
    await expect.poll(() => select.inputValue()).toBe(networkId);
  }

  it('a cluster switch gives the page a change event whose accounts name the new cluster; an EVM switch gives chainChanged', async () => {
    await connect();
    const events = () => page.evaluate(() => (window as unknown as W).dapp.solanaEvents.length);
    expect(await page.evaluate(() => (window as unknown as W).dapp.solanaAccountChains())).toEqual([['solana:localnet']]);
    const n = await events();
    await pickSiteNetwork('solana', 'solana:devnet');
    await expect.poll(events).toBe(n + 1);
    expect(await page.evaluate(() => (window as unknown as W).dapp.solanaAccountChains())).toEqual([['solana:devnet']]);
    await pickSiteNetwork('solana', 'solana:localnet');
    await expect.poll(() => page.evaluate(() => (window as unknown as W).dapp.solanaAccountChains())).toEqual([['solana:localnet']]);
    // EVM: the page's provider hears chainChanged, and eth_chainId answers the new chain.
    await pickSiteNetwork('evm', 'eip155:11155111');
    await expect.poll(() => page.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'chainChanged').map((e) => e.payload))).toContainEqual('0xaa36a7');
    expect(ok(await call(page, 'request', ['eth_chainId']))).toBe('0xaa36a7');
    await pickSiteNetwork('evm', 'eip155:31337');
    expect(ok(await call(page, 'request', ['eth_chainId']))).toBe('0x7a69');
  });
});
