/**
 * Complete transaction records in the popup's Activity, end to end in Chromium against the dev chains (issue 11,
 * item 1): transfers made by other accounts (ERC-20, SOL, SPL, Token-2022 in; an ERC-20 send made with the same key
 * elsewhere) appear exactly once with exact amounts; filters by direction and asset; the detail view names the
 * counterparty from the address book and says who paid the fee; a zero-value transfer from a look-alike of an
 * address-book entry is marked as possible poisoning; native coin received on EVM is said to be unlisted; the CSV
 * export parses back (csv-parse) to the exact amounts.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createPublicClient, createWalletClient, defineChain, erc20Abi, formatEther, formatUnits, getAddress, http, type Address, type Hex } from 'viem';
import { mnemonicToAccount, privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { Connection, PublicKey, SystemProgram, Transaction } from '@solana/web3.js';
import { createTransferCheckedInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import {
  DEMO_MNEMONIC, EVM_CHAIN_ID, EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_SPL_MINT, SOLANA_DEMO_TOKEN2022_MINT,
} from '../../../scripts/chains/index';
import { demoSolanaKeypair } from '../../../scripts/chains/keys';
import { popupCall } from '../../fixtures/popup';
import { resolve } from 'node:path';
import { EVM_NET, SHOTS, homeSettled, reviewEnabled, startUiRig, type UiRig } from './setup';
import type { ActivityView, SendPreview } from '../../../src/shared/types';

let rig: UiRig;
const ME_EVM = EVM_DEMO_ACCOUNTS[0] as Address;
const ME_SOL = new PublicKey(SOLANA_DEMO_ACCOUNTS[0]);
const chain = defineChain({ id: EVM_CHAIN_ID, name: 'dev', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [''] } } });

const page = () => rig.page;
const item = (id: string, direction: string) => page().locator(`[data-testid="activity-item"][data-txid="${id}"][data-direction="${direction}"]`);
const baseUnits = async (id: string, direction: string) => item(id, direction).getByTestId('activity-amount').getAttribute('data-base-units');

/** What the test made happen on chain, with the exact amounts. */
const made: Record<string, { id: string; amount: bigint }> = {};
let sender: Address;
let poisoner: Address;
let lookalike: Address;

beforeAll(async () => {
  rig = await startUiRig();
  const url = rig.chains.evm.url;
  const pub = createPublicClient({ chain, transport: http(url) });
  const funder = createWalletClient({ chain, account: mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: 7 }), transport: http(url) });
  const wait = async (hash: Hex) => { expect((await pub.waitForTransactionReceipt({ hash })).status).toBe('success'); return hash; };
  // EVM: a fresh sender S (in the address book as "Shop") pays the wallet 12.345678 mUSD; a fresh P sends it 0 mUSD,
  // and the address book holds a look-alike of P ("Bob"); the wallet's own key sends 1.5 mUSD to S from elsewhere.
  const s = privateKeyToAccount(generatePrivateKey());
  const p = privateKeyToAccount(generatePrivateKey());
  sender = s.address;
  poisoner = p.address;
  const body = p.address.slice(2).toLowerCase();
  lookalike = getAddress(`0x${body.slice(0, 4)}${randomBytes(16).toString('hex')}${body.slice(-4)}`);
  for (const a of [s.address, p.address]) await wait(await funder.sendTransaction({ to: a, value: 10n ** 18n }));
  await wait(await funder.writeContract({ address: EVM_DEMO_USD.address as Address, abi: erc20Abi, functionName: 'transfer', args: [s.address, 100_000_000n] }));
  const asS = createWalletClient({ chain, account: s, transport: http(url) });
  made.evmIn = { id: await wait(await asS.writeContract({ address: EVM_DEMO_USD.address as Address, abi: erc20Abi, functionName: 'transfer', args: [ME_EVM, 12_345_678n] })), amount: 12_345_678n };
  made.evmEthIn = { id: await wait(await asS.sendTransaction({ to: ME_EVM, value: 10n ** 15n })), amount: 10n ** 15n };
  const asP = createWalletClient({ chain, account: p, transport: http(url) });
  made.evmZero = { id: await wait(await asP.writeContract({ address: EVM_DEMO_USD.address as Address, abi: erc20Abi, functionName: 'transfer', args: [ME_EVM, 0n] })), amount: 0n };
  const asMe = createWalletClient({ chain, account: mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: 0 }), transport: http(url) });
  made.evmOut = { id: await wait(await asMe.writeContract({ address: EVM_DEMO_USD.address as Address, abi: erc20Abi, functionName: 'transfer', args: [s.address, 1_500_000n] })), amount: 1_500_000n };

  // Solana: a demo account outside the wallet sends 0.25 SOL, 2.5 mUSD (SPL) and 1.75 of the Token-2022 mint.
  const sol = new Connection(rig.chains.solana.url, 'confirmed');
  const other = demoSolanaKeypair(7);
  // The dev chain executes a transaction when it accepts it: its status is final at once (checked, no subscription).
  const send = async (ixs: Parameters<Transaction['add']>) => {
    const sig = await sol.sendTransaction(new Transaction().add(...ixs), [other]);
    const { value } = await sol.getSignatureStatus(sig);
    expect(value?.err).toBeNull();
    return sig;
  };
  made.solIn = { id: await send([SystemProgram.transfer({ fromPubkey: other.publicKey, toPubkey: ME_SOL, lamports: 250_000_000 })]), amount: 250_000_000n };
  for (const [key, m, amount] of [['splIn', SOLANA_DEMO_SPL_MINT, 2_500_000n], ['t22In', SOLANA_DEMO_TOKEN2022_MINT, 1_750_000n]] as const) {
    const mint = new PublicKey(m.address);
    const program = new PublicKey(m.programId);
    made[key] = { id: await send([createTransferCheckedInstruction(getAssociatedTokenAddressSync(mint, other.publicKey, false, program), mint,
      getAssociatedTokenAddressSync(mint, ME_SOL, false, program), other.publicKey, amount, m.decimals, [], program)]), amount };
  }
  await popupCall(page(), 'saveAddressBookEntry', { name: 'Shop', address: sender });
  await popupCall(page(), 'saveAddressBookEntry', { name: 'Bob', address: lookalike });
});
afterAll(async () => { await rig?.stop(); });

describe('Activity lists what the chain shows (issue 11, item 1)', () => {
  it('transfers in and out made by other accounts appear exactly once with exact amounts', async () => {
    await page().goto(rig.h.popupUrl);
    await homeSettled(page());
    await page().getByRole('button', { name: 'Activity' }).click();
    for (const [key, dir] of [['evmIn', 'in'], ['evmZero', 'in'], ['evmOut', 'out'], ['solIn', 'in'], ['splIn', 'in'], ['t22In', 'in']] as const) {
      await item(made[key]!.id, dir).waitFor({ timeout: 30_000 });
      expect(await item(made[key]!.id, dir).count(), key).toBe(1);
      expect(await baseUnits(made[key]!.id, dir), key).toBe(made[key]!.amount.toString());
    }
    await page().locator('[data-testid="activity-sync"][data-syncing="false"]').waitFor({ state: 'attached', timeout: 30_000 });
    // A second visit syncs again and still lists each exactly once.
    await page().reload();
    await page().getByRole('button', { name: 'Activity' }).click();
    await page().locator('[data-testid="activity-sync"][data-syncing="false"]').waitFor({ state: 'attached', timeout: 30_000 });
    // The list comes with its own request (it may answer after the sync ends): wait for the rows, then count them.
    for (const key of ['evmIn', 'solIn', 'splIn', 't22In']) {
      await item(made[key]!.id, 'in').waitFor({ timeout: 30_000 });
      expect(await page().locator(`[data-testid="activity-item"][data-txid="${made[key]!.id}"]`).count(), key).toBe(1);
    }
    // Native coin received on EVM leaves no log: it is not listed, and the view says so.
    expect(await page().locator(`[data-testid="activity-item"][data-txid="${made.evmEthIn!.id}"]`).count()).toBe(0);
    await page().getByTestId('native-incoming-note').waitFor();
    expect(await page().getByTestId('native-incoming-note').textContent()).toContain('Localnet');
    // The zero-value transfer from the look-alike of "Bob" is marked; the real payment is not.
    expect(await item(made.evmZero!.id, 'in').getAttribute('data-poisoning')).toBe('true');
    expect(await item(made.evmIn!.id, 'in').getAttribute('data-poisoning')).toBeNull();
  });

  it('filters by direction and asset, and the detail view names the sender and who paid the fee', async () => {
    const rows = (attr: string) => page().getByTestId('activity-item').evaluateAll((els, a) => els.map((e) => e.getAttribute(a)), attr);
    await page().getByTestId('activity-filter-direction').selectOption('in');
    await expect.poll(async () => [...new Set(await rows('data-direction'))]).toEqual(['in']);
    await page().getByTestId('activity-filter-network').selectOption('solana:localnet');
    await page().getByTestId('activity-filter-asset').selectOption(`solana:localnet|${SOLANA_DEMO_TOKEN2022_MINT.address.toLowerCase()}`);
    await expect.poll(async () => (await rows('data-txid')).includes(made.splIn!.id)).toBe(false);
    const ids = await rows('data-txid');
    expect(ids).toContain(made.t22In!.id);
    expect(ids).not.toContain(made.solIn!.id);
    // Detail of the EVM payment: the sender's address-book name, the full amount, no fee paid by the wallet.
    await page().getByTestId('activity-filter-network').selectOption('all');
    await page().getByTestId('activity-filter-direction').selectOption('all');
    await item(made.evmIn!.id, 'in').getByTestId('activity-details').click();
    expect(await page().getByTestId('detail-counterparty-name').textContent()).toBe('Shop ');
    expect(await page().getByTestId('detail-counterparty').textContent()).toContain(sender);
    expect(await page().getByTestId('detail-amount').textContent()).toBe(`12.345678 mUSD (${getAddress(EVM_DEMO_USD.address)})`);
    expect(await page().getByTestId('detail-fee').textContent()).toBe('None (paid by the sender)');
    expect(await page().getByTestId('detail-hash').textContent()).toBe(made.evmIn!.id);
    await page().getByRole('button', { name: 'Back' }).click();
    // The send made elsewhere with the wallet's key: its fee is the wallet's.
    await item(made.evmOut!.id, 'out').getByTestId('activity-details').click();
    const receipt = await createPublicClient({ chain, transport: http(rig.chains.evm.url) }).getTransactionReceipt({ hash: made.evmOut!.id as Hex });
    const fee = receipt.gasUsed * receipt.effectiveGasPrice;
    expect(fee).toBeGreaterThan(0n);
    expect(await page().getByTestId('detail-fee').textContent()).toBe(`${formatEther(fee)} ETH`);
    await page().getByRole('button', { name: 'Back' }).click();
    expect(poisoner).not.toBe(lookalike);
  });

  it('the CSV export parses back to the exact amounts, directions and counterparties', async () => {
    const [download] = await Promise.all([page().waitForEvent('download'), page().getByTestId('export-csv').click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    const row = (id: string, direction: string) => rows.filter((r) => r.hash === id && r.direction === direction);
    expect(row(made.evmIn!.id, 'in').map((r) => [r.amount, r.counterparty, r['counterparty name'], r.fee])).toEqual([['12.345678', sender, 'Shop', '0']]);
    expect(row(made.evmOut!.id, 'out').map((r) => [r.amount, r.counterparty])).toEqual([['1.5', sender]]);
    expect(row(made.solIn!.id, 'in').map((r) => [r.amount, r.asset])).toEqual([['0.25', 'SOL']]);
    expect(row(made.splIn!.id, 'in').map((r) => r.amount)).toEqual(['2.5']);
    expect(row(made.t22In!.id, 'in').map((r) => r.amount)).toEqual(['1.75']);
  });
});

describe('Overview and budgets (issue 11, item 2)', () => {
  const musdKey = `${EVM_NET}|${EVM_DEMO_USD.address.toLowerCase()}`;
  const month = () => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`; };
  /** This month's confirmed mUSD on the Localnet from the Activity rows, summed here independently. */
  async function musdRows(): Promise<{ sent: bigint; received: bigint; pendingOrConfirmedSent: bigint }> {
    const rows = await popupCall<ActivityView[]>(page(), 'listActivity', {});
    const mine = rows.filter((r) => r.networkId === EVM_NET && r.token?.toLowerCase() === EVM_DEMO_USD.address.toLowerCase()
      && `${new Date(r.createdAt).getFullYear()}-${String(new Date(r.createdAt).getMonth() + 1).padStart(2, '0')}` === month());
    const sum = (f: (r: ActivityView) => boolean) => mine.filter(f).reduce((x, r) => x + BigInt(r.amount), 0n);
    return {
      sent: sum((r) => r.status === 'confirmed' && r.direction === 'out'),
      received: sum((r) => r.status === 'confirmed' && r.direction === 'in'),
      pendingOrConfirmedSent: sum((r) => (r.status === 'confirmed' || r.status === 'pending') && r.direction === 'out'),
    };
  }

  it('the month\u2019s totals in the Overview tab equal the sum of the records; it also opens full-page', async () => {
    await page().goto(rig.h.popupUrl);
    await homeSettled(page());
    await page().getByTestId('tab-overview').click();
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    const assetRow = page().locator(`[data-testid="overview-asset"][data-key="${musdKey}"]`);
    await assetRow.waitFor();
    const want = await musdRows();
    expect(want.received).toBeGreaterThanOrEqual(12_345_678n);
    expect(want.sent).toBeGreaterThanOrEqual(1_500_000n);
    expect([await assetRow.getAttribute('data-sent'), await assetRow.getAttribute('data-received')]).toEqual([want.sent.toString(), want.received.toString()]);
    expect(await page().getByTestId('overview-month').inputValue()).toBe(month());
    // The tab bar works from the keyboard: ← from Overview opens Activity and moves the focus to its tab.
    await page().getByTestId('tab-overview').focus();
    await page().keyboard.press('ArrowLeft');
    await expect.poll(() => page().evaluate(() => document.activeElement?.id)).toBe('tab-activity');
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Activity');
    await page().keyboard.press('ArrowRight');
    await expect.poll(() => page().evaluate(() => document.activeElement?.id)).toBe('tab-overview');
    await assetRow.waitFor();
    // Localnet assets have no price: the USD totals say so instead of pricing them as mainnet assets.
    expect(await page().getByTestId('overview-unpriced').isVisible()).toBe(true);
    // The address-book name of the sender "Shop" (paid and paid back) shows among the top counterparties.
    expect(await page().getByTestId('overview-counterparties').textContent()).toContain('Shop');
    const full = await rig.h.context.newPage();
    await full.goto(`${rig.h.popupUrl}?view=overview`);
    await full.locator(`[data-testid="overview-asset"][data-key="${musdKey}"][data-received="${want.received}"]`).waitFor();
    expect(await full.getByTestId('overview-full-page').count()).toBe(0);
    await full.close();
  });

  it('a monthly budget warns exactly past its limit: equal is within it, one base unit more warns in the send review', async () => {
    const { pendingOrConfirmedSent: spent } = await musdRows();
    // Limit = spent + 1 mUSD, set in the Overview's budget form.
    const limit = spent + 1_000_000n;
    await page().getByTestId('budget-asset').selectOption(musdKey);
    await page().getByTestId('budget-limit').fill((Number(limit) / 1e6).toFixed(6));
    await page().getByRole('button', { name: 'Save', exact: true }).click();
    await page().locator('[data-testid="budget"][data-over="false"]').waitFor();
    const prepare = (amount: string) => popupCall<SendPreview>(page(), 'prepareSend', { networkId: EVM_NET, from: ME_EVM, to: sender, token: EVM_DEMO_USD.address, amount, feeTier: 'normal' });
    expect((await prepare('1')).budgetWarnings).toBeUndefined();
    const over = await prepare('1.000001');
    expect(over.budgetWarnings?.map((w) => [w.spent, w.after, w.limit])).toEqual([[spent.toString(), (limit + 1n).toString(), limit.toString()]]);
    // In the popup: Send 1.000001 mUSD → the review shows the warning (the send may still go ahead).
    await page().goto(rig.h.popupUrl);
    await homeSettled(page());
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    await page().getByLabel('Asset').selectOption(`${EVM_NET}|${EVM_DEMO_USD.address}`);
    await page().getByLabel('Recipient').fill(sender);
    await page().getByLabel(/^Amount/).fill('1.000001');
    await reviewEnabled(page());
    await page().getByTestId('review-button').click();
    expect(await page().getByTestId('review-budget-warning').textContent())
      .toBe(`This send takes you past a monthly budget: ${formatUnits(limit + 1n, 6)} mUSD of ${formatUnits(limit, 6)} mUSD (already sent this month: ${formatUnits(spent, 6)} mUSD).`);
  });
});

describe('screenshots of Activity and Overview (README)', () => {
  it('in English and Simplified Chinese, with the tab bar', async () => {
    for (const lang of ['en', 'zh_CN'] as const) {
      await popupCall(page(), 'updateUiSettings', { language: lang });
      await page().goto(rig.h.popupUrl);
      await homeSettled(page());
      await page().getByTestId('tab-activity').click();
      await page().locator('[data-testid="activity-sync"][data-syncing="false"]').waitFor({ state: 'attached', timeout: 30_000 });
      await item(made.evmIn!.id, 'in').waitFor();
      await page().screenshot({ path: resolve(SHOTS, `activity-${lang}.png`) });
      await page().getByTestId('tab-overview').click();
      await page().getByTestId('overview-assets').waitFor();
      expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe(lang === 'en' ? 'Overview' : '概览');
      await page().screenshot({ path: resolve(SHOTS, `overview-${lang}.png`) });
    }
    await popupCall(page(), 'updateUiSettings', { language: 'en' });
  });
});
