/**
 * The send flow end to end in Chromium against the dev chains: ETH, the demo ERC-20, SOL and the demo SPL token
 * (two of them filled from pasted payment URIs), max sends, every invalid recipient and amount, and the activity
 * list. Balance changes are read independently with viem and @solana/web3.js.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, erc20Abi, http, type Address, type Hex } from 'viem';
import { privateKeyToAddress, generatePrivateKey } from 'viem/accounts';
import { Connection, Keypair, PublicKey } from '@solana/web3.js';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import { EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_SPL_MINT } from '../../../scripts/chains/index';
import type { WalletState } from '../../../src/shared/types';
import { jsonRpc } from '../../fixtures/jsonRpc';
import { popupCall } from '../../fixtures/popup';
import { EVM_NET, SOL_NET, homeSettled, reviewEnabled, startUiRig, type UiRig } from './setup';

let rig: UiRig;
let evm: ReturnType<typeof createPublicClient>;
let sol: Connection;
const ME_EVM = EVM_DEMO_ACCOUNTS[0] as Address;
const ME_SOL = new PublicKey(SOLANA_DEMO_ACCOUNTS[0]);
const freshEvm = () => privateKeyToAddress(generatePrivateKey());
const erc20 = (holder: Address) => evm.readContract({ address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'balanceOf', args: [holder] });
const splBalance = async (owner: PublicKey) => {
  const ata = getAssociatedTokenAddressSync(new PublicKey(SOLANA_DEMO_SPL_MINT.address), owner);
  const info = await sol.getTokenAccountBalance(ata).catch(() => null);
  return info ? BigInt(info.value.amount) : 0n;
};

beforeAll(async () => {
  rig = await startUiRig();
  evm = createPublicClient({ transport: http(rig.chains.evm.url) });
  sol = new Connection(rig.chains.solana.url, 'confirmed');
});
afterAll(async () => { await rig?.stop(); });

const page = () => rig.page;
async function openSend(): Promise<void> {
  await page().getByRole('button', { name: 'Send', exact: true }).click();
  await page().getByLabel('Asset').waitFor();
}
async function fillSend(asset: string, to: string, amount?: string): Promise<void> {
  await page().getByLabel('Asset').selectOption(asset);
  await page().getByLabel('Recipient').fill(to);
  if (amount !== undefined) await page().getByLabel(/^Amount/).fill(amount);
}
/** Review → Confirm → wait for "confirmed"; returns the previewed fee and the transaction id. */
async function reviewAndConfirm(expectTo: string): Promise<{ fee: bigint; amount: bigint; id: string }> {
  await reviewEnabled(page());
  await page().getByTestId('review-button').click();
  expect(await page().getByTestId('review-to').textContent()).toBe(expectTo);
  const fee = BigInt((await page().getByTestId('review-fee').getAttribute('data-base-units'))!);
  const amount = BigInt((await page().getByTestId('review-amount').getAttribute('data-base-units'))!);
  await page().getByRole('button', { name: 'Confirm', exact: true }).click();
  await page().locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
  const id = (await page().getByTestId('tx-id').textContent())!;
  await expect.poll(() => page().getByTestId('no-explorer').count()).toBe(1); // Localnet: no block explorer
  await page().getByRole('button', { name: 'Done' }).click();
  await homeSettled(page());
  return { fee, amount, id };
}

describe('send', () => {
  it('ETH: exact debit (amount + gas actually paid) and credit', async () => {
    await homeSettled(page());
    const to = freshEvm();
    const before = await evm.getBalance({ address: ME_EVM });
    await openSend();
    await fillSend(`${EVM_NET}|`, to, '1.234567890123456789');
    const { id } = await reviewAndConfirm(to);
    const r = await evm.getTransactionReceipt({ hash: id as Hex });
    expect(r.status).toBe('success');
    expect(await evm.getBalance({ address: to })).toBe(1_234567890123456789n);
    expect(await evm.getBalance({ address: ME_EVM })).toBe(before - 1_234567890123456789n - r.gasUsed * r.effectiveGasPrice);
    expect(await (await import('./helpers')).shownBalance(page(), EVM_NET, 'ETH')).toBe(await evm.getBalance({ address: ME_EVM }));
  });

  it('ERC-20 from a pasted EIP-681 URI: fields filled, exact token moves, gas in ETH', async () => {
    const to = freshEvm();
    const [tokBefore, ethBefore] = [await erc20(ME_EVM), await evm.getBalance({ address: ME_EVM })];
    await openSend();
    await page().getByLabel('Recipient').fill(`ethereum:${EVM_DEMO_USD.address}@31337/transfer?address=${to}&uint256=1500000`);
    await expect.poll(() => page().getByLabel('Asset').inputValue()).toBe(`${EVM_NET}|${EVM_DEMO_USD.address}`);
    await expect.poll(() => page().getByLabel('Recipient').inputValue()).toBe(to);
    await expect.poll(() => page().getByLabel(/^Amount/).inputValue()).toBe('1.5');
    const { id } = await reviewAndConfirm(to);
    const r = await evm.getTransactionReceipt({ hash: id as Hex });
    expect(await erc20(to)).toBe(1_500_000n);
    expect(await erc20(ME_EVM)).toBe(tokBefore - 1_500_000n);
    expect(await evm.getBalance({ address: ME_EVM })).toBe(ethBefore - r.gasUsed * r.effectiveGasPrice);
  });

  it('SOL: exact debit (amount + fee shown) and credit', async () => {
    const to = Keypair.generate().publicKey;
    const before = BigInt(await sol.getBalance(ME_SOL));
    await openSend();
    await fillSend(`${SOL_NET}|`, to.toBase58(), '1.5');
    const { fee } = await reviewAndConfirm(to.toBase58());
    expect(BigInt(await sol.getBalance(to))).toBe(1_500_000_000n);
    expect(BigInt(await sol.getBalance(ME_SOL))).toBe(before - 1_500_000_000n - fee);
  });

  it('SPL token from a pasted Solana Pay URI: recipient token account created, exact amounts and rent', async () => {
    const to = Keypair.generate().publicKey;
    const [tokBefore, solBefore] = [await splBalance(ME_SOL), BigInt(await sol.getBalance(ME_SOL))];
    const rent = BigInt(await sol.getMinimumBalanceForRentExemption(165));
    await openSend();
    await page().getByLabel('Recipient').fill(`solana:${to.toBase58()}?amount=0.25&spl-token=${SOLANA_DEMO_SPL_MINT.address}`);
    await expect.poll(() => page().getByLabel('Asset').inputValue()).toBe(`${SOL_NET}|${SOLANA_DEMO_SPL_MINT.address}`);
    await expect.poll(() => page().getByLabel(/^Amount/).inputValue()).toBe('0.25');
    const { fee } = await reviewAndConfirm(to.toBase58());
    expect(await splBalance(to)).toBe(250_000n);
    expect(await splBalance(ME_SOL)).toBe(tokBefore - 250_000n);
    expect(BigInt(await sol.getBalance(ME_SOL))).toBe(solBefore - fee - rent);
  });
});

describe('max send (Account 2)', () => {
  it('ETH max leaves only the unused part of the fee; SOL max empties the account', async () => {
    await page().getByTestId('account-switcher').click();
    await page().getByRole('button', { name: 'Add account' }).click();
    await page().getByTestId('account-name').filter({ hasText: 'Account 2' }).waitFor();
    await homeSettled(page());
    const me = EVM_DEMO_ACCOUNTS[1] as Address;
    const to = freshEvm();
    const before = await evm.getBalance({ address: me });
    await openSend();
    await fillSend(`${EVM_NET}|`, to);
    await page().getByRole('button', { name: 'Max' }).click();
    const { fee, amount, id } = await reviewAndConfirm(to);
    expect(amount).toBe(before - fee);
    const r = await evm.getTransactionReceipt({ hash: id as Hex });
    expect(await evm.getBalance({ address: to })).toBe(amount);
    expect(await evm.getBalance({ address: me })).toBe(before - amount - r.gasUsed * r.effectiveGasPrice);

    const meSol = new PublicKey(SOLANA_DEMO_ACCOUNTS[1]);
    const solTo = Keypair.generate().publicKey;
    const solBefore = BigInt(await sol.getBalance(meSol));
    await openSend();
    await fillSend(`${SOL_NET}|`, solTo.toBase58());
    await page().getByRole('button', { name: 'Max' }).click();
    const s = await reviewAndConfirm(solTo.toBase58());
    expect(s.amount).toBe(solBefore - s.fee);
    expect(BigInt(await sol.getBalance(meSol))).toBe(0n);
    expect(BigInt(await sol.getBalance(solTo))).toBe(s.amount);
    // back to Account 1 for the rest
    await page().getByTestId('account-switcher').click();
    await page().getByRole('button', { name: /^Account 1/ }).click();
    await page().getByTestId('account-name').filter({ hasText: 'Account 1' }).waitFor();
  });
});

describe('invalid input', () => {
  const expectBlocked = async (testid: 'recipient-error' | 'amount-error' | null, text: string | RegExp) => {
    const loc = testid ? page().getByTestId(testid) : page().getByRole('alert').filter({ hasText: text });
    await loc.filter({ hasText: text }).waitFor();
    await expect.poll(() => page().getByTestId('review-button').isDisabled()).toBe(true);
    await expect.poll(() => page().getByRole('button', { name: 'Confirm', exact: true }).count()).toBe(0);
  };

  it('every invalid recipient shows its error and Review stays disabled', async () => {
    await homeSettled(page());
    await openSend();
    const valid = EVM_DEMO_ACCOUNTS[2];
    const badChecksum = valid.replace(/[a-f]/, (c) => c.toUpperCase());
    const offCurve = getAssociatedTokenAddressSync(new PublicKey(SOLANA_DEMO_SPL_MINT.address), ME_SOL).toBase58();
    const cases: Array<[string, string, RegExp]> = [
      [`${EVM_NET}|`, 'hello', /not a valid address/],
      [`${EVM_NET}|`, '0x1234', /not a valid address/],
      [`${EVM_NET}|`, badChecksum, /checksum does not match/],
      [`${EVM_NET}|`, SOLANA_DEMO_ACCOUNTS[2], /different kind of network/],
      [`${SOL_NET}|`, valid, /different kind of network/],
      [`${SOL_NET}|`, 'O0Il' + SOLANA_DEMO_ACCOUNTS[2].slice(4), /not a valid address/],
      [`${SOL_NET}|`, offCurve, /not a wallet address/],
      [`${EVM_NET}|`, 'ethereum:0xnot-an-address', /payment link is not valid/],
    ];
    for (const [asset, to, msg] of cases) {
      await fillSend(asset, to, '1');
      await expectBlocked(null, msg);
    }
    await page().getByRole('button', { name: 'Cancel' }).click();
  });

  it('every invalid amount shows its error and Review stays disabled', async () => {
    await homeSettled(page());
    const ethBalance = await evm.getBalance({ address: ME_EVM });
    await openSend();
    const to = EVM_DEMO_ACCOUNTS[3];
    const cases: Array<[string, string, RegExp]> = [
      [`${EVM_NET}|`, 'abc', /Enter a number/],
      [`${EVM_NET}|`, '-1', /cannot be negative/],
      [`${EVM_NET}|`, '0', /greater than zero/],
      [`${EVM_NET}|${EVM_DEMO_USD.address}`, '1.1234567', /Too many decimal places/],
      [`${EVM_NET}|`, '1.0000000000000000001', /Too many decimal places/],
      [`${EVM_NET}|`, '100000000', /More than your balance/],
      [`${SOL_NET}|`, '1000000', /More than your balance/],
    ];
    for (const [asset, amount, msg] of cases) {
      await fillSend(asset, asset.startsWith(SOL_NET) ? SOLANA_DEMO_ACCOUNTS[3] : to, amount);
      await expectBlocked('amount-error', msg);
    }
    // The whole balance leaves nothing for the fee: refused by the background before review.
    await fillSend(`${EVM_NET}|`, to, (await import('../../../src/chains/units')).formatUnits(ethBalance, 18));
    await expectBlocked(null, /Not enough funds for the amount plus the network fee/);
    await page().getByLabel(/^Amount/).fill('');
    await page().getByLabel(/^Amount/).blur();
    await expectBlocked('amount-error', /Enter an amount/);
    await page().getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('activity', () => {
  it('lists the sends of the selected account as confirmed, and not those of another account', async () => {
    await homeSettled(page());
    // Its own sends (through the popup channel: the send UI has its tests above), so it runs alone too.
    // Account 3 is the other account (Account 2 was emptied by the max sends when the whole file runs).
    for (let n = (await popupCall<WalletState>(page(), 'getState')).accounts.length; n < 3; n++) await popupCall(page(), 'addAccount');
    const send = async (networkId: string, from: string, to: string) => {
      const { draftId } = await popupCall<{ draftId: string }>(page(), 'prepareSend', { networkId, from, to, amount: '0.01', feeTier: 'normal' });
      return (await popupCall<{ id: string }>(page(), 'confirmSend', { draftId })).id;
    };
    const mine = [await send(EVM_NET, ME_EVM, freshEvm()), await send(SOL_NET, ME_SOL.toBase58(), Keypair.generate().publicKey.toBase58())];
    const other = await send(EVM_NET, EVM_DEMO_ACCOUNTS[2], freshEvm());
    await popupCall(page(), 'selectAccount', { id: 'hd:0' });
    await page().reload();
    await homeSettled(page());
    await page().getByRole('button', { name: 'Activity' }).click();
    for (const id of mine) await page().locator(`[data-testid="activity-item"][data-txid="${id}"][data-status="confirmed"]`).waitFor({ timeout: 30_000 });
    // The list is complete once Account 1's sends show; Account 3's is not among them.
    const ids = await page().getByTestId('activity-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-txid')));
    expect(ids).toEqual(expect.arrayContaining(mine));
    expect(ids).not.toContain(other);
    // Export CSV: a download of exactly these rows (RFC 4180, UTF-8 with a BOM), newest first.
    const [download] = await Promise.all([page().waitForEvent('download'), page().getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^meridian-activity-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]!.startsWith('date,network,hash,direction,asset,amount,fee,fee asset,counterparty,')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(ids);
    const amountOf = (id: string) => lines.find((l) => l.split(',')[2] === id)?.split(',')[5];
    expect(mine.map(amountOf)).toEqual(['0.01', '0.01']);
    await page().getByRole('button', { name: 'Back' }).click();
  });

  it('shows a pending send as pending and turns it confirmed, without leaving the view, when its block is mined', async () => {
    const node = (method: string, params: unknown[] = []) => jsonRpc(rig.chains.evm.url, method, params);
    await node('evm_setAutomine', [false]);
    try {
      await homeSettled(page());
      const to = freshEvm();
      await openSend();
      await fillSend(`${EVM_NET}|`, to, '0.25');
      await reviewEnabled(page());
      await page().getByTestId('review-button').click();
      await page().getByRole('button', { name: 'Confirm', exact: true }).click();
      await page().locator('[data-testid="tx-status"][data-status="pending"]').waitFor();
      const id = (await page().getByTestId('tx-id').textContent())!;
      expect(await evm.getBalance({ address: to })).toBe(0n);
      await page().getByRole('button', { name: 'Done' }).click();
      await homeSettled(page());
      await page().getByRole('button', { name: 'Activity' }).click();
      const item = page().locator(`[data-testid="activity-item"][data-txid="${id}"]`);
      await item.and(page().locator('[data-status="pending"]')).waitFor();
      expect(await item.getByTestId('activity-amount').getAttribute('data-base-units')).toBe('250000000000000000');
      await node('evm_mine');
      await item.and(page().locator('[data-status="confirmed"]')).waitFor({ timeout: 15_000 });
      expect(await evm.getBalance({ address: to })).toBe(250_000000000000000n);
      await page().getByRole('button', { name: 'Back' }).click();
    } finally {
      await node('evm_setAutomine', [true]);
    }
  });
});
