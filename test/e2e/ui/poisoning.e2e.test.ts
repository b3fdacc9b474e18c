/**
 * Address poisoning in the popup Send, end to end in Chromium against the dev chains (issue 8, item 8): a recipient
 * whose first 4 and last 4 characters match one of the user's own accounts, or an address the user sent to before,
 * but which is a different address, shows the danger, and Review stays disabled until "I checked the whole address"
 * is ticked; a recipient never used before gets only the notice. Balances are read independently with viem and
 * @solana/web3.js.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, getAddress, http, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { Connection, PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { EVM_DEMO_ACCOUNTS, SOLANA_DEMO_ACCOUNTS } from '../../../scripts/chains/index';
import { EVM_NET, SOL_NET, homeSettled, reviewEnabled, startUiRig, type UiRig } from './setup';

let rig: UiRig;
let evm: ReturnType<typeof createPublicClient>;
let sol: Connection;
const ME_EVM = EVM_DEMO_ACCOUNTS[0] as Address;
const ME_SOL = SOLANA_DEMO_ACCOUNTS[0];

/** A different EVM address with the same first 4 and last 4 hex characters after 0x (no key needed to receive). */
function evmLookalike(of: Address): Address {
  const body = of.slice(2).toLowerCase();
  const fake = getAddress(`0x${body.slice(0, 4)}${randomBytes(16).toString('hex')}${body.slice(-4)}`);
  expect(fake.toLowerCase()).not.toBe(of.toLowerCase());
  return fake;
}
/** A different Solana wallet address (32 bytes, on the ed25519 curve) with the same first 4 and last 4 characters. */
function solanaLookalike(of: string): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  for (let i = 0; i < 10_000; i++) {
    const middle = Array.from({ length: of.length - 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
    const candidate = `${of.slice(0, 4)}${middle}${of.slice(-4)}`;
    const bytes = bs58.decode(candidate);
    if (candidate !== of && bytes.length === 32 && PublicKey.isOnCurve(bytes) && new PublicKey(bytes).toBase58() === candidate) return candidate;
  }
  throw new Error('no look-alike found');
}

beforeAll(async () => {
  rig = await startUiRig();
  evm = createPublicClient({ transport: http(rig.chains.evm.url) });
  sol = new Connection(rig.chains.solana.url, 'confirmed');
});
afterAll(async () => { await rig?.stop(); });

const page = () => rig.page;
const poisoning = () => page().getByTestId('recipient-finding-address-poisoning');
const firstTime = () => page().getByTestId('recipient-finding-first-time-recipient');
const wholeAddress = () => page().getByTestId('checked-whole-address');
const review = () => page().getByTestId('review-button');

/** From a freshly loaded home screen (whatever an earlier test left open), Send with these inputs. */
async function startSend(asset: string, to: string, amount: string): Promise<void> {
  await page().goto(rig.h.popupUrl);
  await homeSettled(page());
  await page().getByRole('button', { name: 'Send', exact: true }).click();
  await page().getByLabel('Asset').selectOption(asset);
  await page().getByLabel('Recipient').fill(to);
  await page().getByLabel(/^Amount/).fill(amount);
}
/** The live preview has been built for what the form shows (fee tiers listed, no estimate running): Review waits on nothing else. */
async function previewBuilt(): Promise<void> {
  await page().getByTestId('tier-normal').waitFor({ timeout: 30_000 });
  await page().getByText('Estimating the fee…').waitFor({ state: 'detached' });
}
/** Review → Confirm → "confirmed" → Done; returns the previewed fee, amount and the transaction id. */
async function reviewAndConfirm(expectTo: string): Promise<{ fee: bigint; amount: bigint; id: string }> {
  await review().click();
  expect(await page().getByTestId('review-to').textContent()).toBe(expectTo);
  const fee = BigInt((await page().getByTestId('review-fee').getAttribute('data-base-units'))!);
  const amount = BigInt((await page().getByTestId('review-amount').getAttribute('data-base-units'))!);
  await page().getByRole('button', { name: 'Confirm', exact: true }).click();
  await page().locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
  const id = (await page().getByTestId('tx-id').textContent())!;
  await page().getByRole('button', { name: 'Done' }).click();
  return { fee, amount, id };
}
/** The danger is shown; Review stays disabled until the box is ticked, then opens. */
async function dangerThenTick(recipient: string, lookalike: string, source: string): Promise<void> {
  await poisoning().waitFor();
  expect(await poisoning().getAttribute('role')).toBe('alert');
  expect(await poisoning().textContent()).toBe(`The recipient ${recipient} looks like ${lookalike} (${source}) but is a different address. `
    + 'Scammers plant look-alike addresses in your history: check the whole address before you continue.');
  expect(await firstTime().count()).toBe(0);
  await previewBuilt();
  expect(await wholeAddress().isChecked()).toBe(false);
  expect(await review().isDisabled()).toBe(true);
  await wholeAddress().check();
  await reviewEnabled(page());
}

describe('address poisoning in Send', () => {
  it('EVM: a look-alike of the user\'s own account is a danger; Review waits for "I checked the whole address"; the send lands exactly', async () => {
    const to = evmLookalike(ME_EVM);
    const [toBefore, meBefore] = [await evm.getBalance({ address: to }), await evm.getBalance({ address: ME_EVM })];
    await startSend(`${EVM_NET}|`, to, '0.5');
    await dangerThenTick(to, ME_EVM, 'one of your accounts');
    const { id } = await reviewAndConfirm(to);
    const r = await evm.getTransactionReceipt({ hash: id as Hex });
    expect(r.status).toBe('success');
    expect(r.to?.toLowerCase()).toBe(to.toLowerCase());
    expect(await evm.getBalance({ address: to })).toBe(toBefore + 500_000_000_000_000_000n);
    expect(await evm.getBalance({ address: ME_EVM })).toBe(meBefore - 500_000_000_000_000_000n - r.gasUsed * r.effectiveGasPrice);
  });

  it('EVM: a first-time recipient gets the notice only (no checkbox); once paid, a look-alike of it is a danger', async () => {
    const first = privateKeyToAddress(generatePrivateKey());
    await startSend(`${EVM_NET}|`, first, '0.25');
    await firstTime().waitFor();
    expect(await firstTime().textContent()).toBe(`You have not sent anything to ${first} before.`);
    expect(await firstTime().getAttribute('role')).toBeNull();
    await reviewEnabled(page());
    expect(await poisoning().count()).toBe(0);
    expect(await wholeAddress().count()).toBe(0);
    const { id } = await reviewAndConfirm(first);
    expect((await evm.getTransactionReceipt({ hash: id as Hex })).status).toBe('success');
    expect(await evm.getBalance({ address: first })).toBe(250_000_000_000_000_000n);

    // The address paid above is now an earlier counterparty: its twin is a danger, and the send still lands exactly.
    const twin = evmLookalike(first);
    await startSend(`${EVM_NET}|`, twin, '0.125');
    await dangerThenTick(twin, first, 'an address you used before');
    const sent = await reviewAndConfirm(twin);
    expect((await evm.getTransactionReceipt({ hash: sent.id as Hex })).status).toBe('success');
    expect(await evm.getBalance({ address: twin })).toBe(125_000_000_000_000_000n);
    expect(await evm.getBalance({ address: first })).toBe(250_000_000_000_000_000n);
  });

  it('Solana: a look-alike of the user\'s own account is a danger; Review waits for the box; exactly the amount lands', async () => {
    const to = solanaLookalike(ME_SOL);
    const meBefore = BigInt(await sol.getBalance(new PublicKey(ME_SOL)));
    await startSend(`${SOL_NET}|`, to, '0.01');
    await dangerThenTick(to, ME_SOL, 'one of your accounts');
    const { fee } = await reviewAndConfirm(to);
    expect(BigInt(await sol.getBalance(new PublicKey(to)))).toBe(10_000_000n);
    expect(BigInt(await sol.getBalance(new PublicKey(ME_SOL)))).toBe(meBefore - 10_000_000n - fee);
  });
});
