/**
 * EIP-5792 in the real extension against the dev chain: viem's sendCalls / waitForCallsStatus and @wagmi/core's
 * sendCalls / waitForCallsStatus drive the wallet; one approval window lists every call; the calls land in order with
 * consecutive nonces and move exactly what they say; wallet_showCallsStatus opens Activity on the batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, encodeFunctionData, erc20Abi, http, parseEther, type Address, type Hex, type PublicClient } from 'viem';
import { EVM_DEMO_USD } from '../../../scripts/chains/index';
import { DEMO_EVM } from '../../fixtures/demo';
import type { Harness } from '../helpers/extension';
import type { BatchCall } from './page';
import { call, codeOf, decide, ok, openDapp, request, startDappRig, withApproval, withNoWindow, type DappRig } from './rig';

const evm = DEMO_EVM as Address[];
const sender = evm[0]!;

let rig: DappRig;
let h: Harness;
let dapp: Page;
let chain: PublicClient;

beforeAll(async () => {
  rig = await startDappRig({ chains: true });
  h = rig.h;
  chain = createPublicClient({ transport: http(rig.chains!.evm.url) });
  dapp = await openDapp(h, rig.servers[0]!.url);
}, 120_000);
/** The site is connected (each test runs alone too: `-t`). */
async function connected(): Promise<void> {
  if (ok(await call(dapp, 'evmAddresses')).length > 0) return;
  expect(ok(await withApproval(h, dapp, 'evmRequestAddresses', [], (w) => decide(w, 'Connect'))).map((x) => x.toLowerCase())).toEqual([sender.toLowerCase()]);
}
afterAll(async () => { await rig?.stop(); });

const balanceOf = (a: Address) => chain.readContract({ address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'balanceOf', args: [a] });

/** Send `calls` through the page (viem or wagmi), check the window, confirm; returns the batch id. */
async function sendBatch(calls: BatchCall[], via: 'viem' | 'wagmi', check: (w: Page) => Promise<void>): Promise<string> {
  return ok(await withApproval(h, dapp, 'evmSendCalls', [calls, { via }], async (w) => {
    await check(w);
    await decide(w, 'Confirm');
  })).id;
}

/** Every call's transaction, in call order: nonce, to, value, and what it cost (gas used × effective price). */
async function landed(hashes: Hex[]) {
  return Promise.all(hashes.map(async (hash) => {
    const [tx, receipt] = await Promise.all([chain.getTransaction({ hash }), chain.getTransactionReceipt({ hash })]);
    return { nonce: tx.nonce, to: tx.to, value: tx.value, from: tx.from, fee: receipt.gasUsed * receipt.effectiveGasPrice, status: receipt.status };
  }));
}

describe('EIP-5792 batches', () => {
  it('wallet_getCapabilities reports atomic "unsupported" on the dev chain', async () => {
    await connected();
    expect(ok(await request(dapp, 'wallet_getCapabilities', [sender, ['0x7a69']]))).toEqual({ '0x7a69': { atomic: { status: 'unsupported' } } });
  });

  it('atomicRequired (viem forceAtomic) is refused with 5760, before any window', async () => {
    await connected();
    const out = await withNoWindow(h, () => call(dapp, 'evmSendCalls', [[{ to: evm[7]!, value: '1' }], { forceAtomic: true }]));
    expect(codeOf(out)).toBe(5760);
  });

  it('viem sendCalls → one window with every call → waitForCallsStatus 200, consecutive nonces, exact balances', async () => {
    await connected();
    const [a, b, c] = [evm[7]!, evm[8]!, evm[9]!];
    const v1 = parseEther('1.5');
    const v2 = parseEther('0.25');
    const usd = 2_345_678n;
    const transfer = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [c, usd] });
    const [senderBefore, aBefore, bBefore, senderUsd, cUsd, nonceBefore] = await Promise.all([
      chain.getBalance({ address: sender }), chain.getBalance({ address: a }), chain.getBalance({ address: b }),
      balanceOf(sender), balanceOf(c), chain.getTransactionCount({ address: sender }),
    ]);
    const id = await sendBatch([{ to: a, value: v1.toString() }, { to: b, value: v2.toString() }, { to: EVM_DEMO_USD.address, data: transfer }], 'viem', async (w) => {
      await expect.poll(() => w.getByTestId('batch-call').count()).toBe(3);
      expect(await w.getByTestId('tx-to').allTextContents()).toEqual([a, b, c]);
      expect(await w.getByTestId('tx-value').allTextContents()).toEqual(['1.5 ETH', '0.25 ETH', '0 ETH']);
      expect(await w.getByTestId('tx-amount').textContent()).toBe('2.345678 mUSD');
      expect(await w.getByTestId('batch-value').textContent()).toBe('1.75 ETH');
      // One preview per call, and the window says the later calls were simulated without the earlier ones.
      expect(await w.getByTestId('what-happens').count()).toBe(3);
      expect(await w.getByTestId('preview-each-call').isVisible()).toBe(true);
      await w.getByRole('button', { name: 'Show raw data' }).click();
      expect(await w.getByTestId('tx-data').textContent()).toBe(transfer);
    });
    expect(id).toMatch(/^0x[0-9a-f]{64}$/);
    const status = ok(await call(dapp, 'evmWaitForCallsStatus', [id]));
    expect(status).toMatchObject({ status: 'success', statusCode: 200, atomic: false, chainId: 31337, version: '2.0.0' });
    expect(status.receipts.map((r) => r.status)).toEqual(['success', 'success', 'success']);
    const txs = await landed(status.receipts.map((r) => r.transactionHash));
    expect(txs.map((t) => [t.nonce, t.to?.toLowerCase(), t.value, t.from.toLowerCase()])).toEqual([
      [nonceBefore, a.toLowerCase(), v1, sender.toLowerCase()],
      [nonceBefore + 1, b.toLowerCase(), v2, sender.toLowerCase()],
      [nonceBefore + 2, EVM_DEMO_USD.address.toLowerCase(), 0n, sender.toLowerCase()],
    ]);
    const fees = txs.reduce((s, t) => s + t.fee, 0n);
    expect(await chain.getBalance({ address: sender })).toBe(senderBefore - v1 - v2 - fees);
    expect(await chain.getBalance({ address: a })).toBe(aBefore + v1);
    expect(await chain.getBalance({ address: b })).toBe(bBefore + v2);
    expect(await balanceOf(sender)).toBe(senderUsd - usd);
    expect(await balanceOf(c)).toBe(cUsd + usd);

  });

  it('@wagmi/core sendCalls → waitForCallsStatus 200, consecutive nonces, exact balances', async () => {
    await connected();
    const [a, b] = [evm[5]!, evm[6]!];
    const v1 = parseEther('0.125');
    const v2 = parseEther('3');
    const [senderBefore, aBefore, bBefore, nonceBefore] = await Promise.all([
      chain.getBalance({ address: sender }), chain.getBalance({ address: a }), chain.getBalance({ address: b }), chain.getTransactionCount({ address: sender }),
    ]);
    const id = await sendBatch([{ to: a, value: v1.toString() }, { to: b, value: v2.toString() }], 'wagmi', async (w) => {
      await expect.poll(() => w.getByTestId('batch-call').count()).toBe(2);
      expect(await w.getByTestId('tx-to').allTextContents()).toEqual([a, b]);
    });
    const status = ok(await call(dapp, 'evmWaitForCallsStatus', [id, 'wagmi']));
    expect(status).toMatchObject({ status: 'success', statusCode: 200, atomic: false, chainId: 31337, version: '2.0.0' });
    expect(status.receipts).toHaveLength(2);
    const txs = await landed(status.receipts.map((r) => r.transactionHash));
    expect(txs.map((t) => [t.nonce, t.to?.toLowerCase(), t.value, t.status])).toEqual([
      [nonceBefore, a.toLowerCase(), v1, 'success'], [nonceBefore + 1, b.toLowerCase(), v2, 'success']]);
    expect(await chain.getBalance({ address: sender })).toBe(senderBefore - v1 - v2 - txs.reduce((s, t) => s + t.fee, 0n));
    expect(await chain.getBalance({ address: a })).toBe(aBefore + v1);
    expect(await chain.getBalance({ address: b })).toBe(bBefore + v2);
    // wallet_showCallsStatus: Activity opens on exactly this batch's transactions (not the earlier batch's).
    const opened = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('calls=') });
    expect(ok(await request(dapp, 'wallet_showCallsStatus', [id]))).toBeNull();
    const activity = await opened;
    await activity.getByTestId('batch-activity').waitFor();
    await expect.poll(async () => (await activity.getByTestId('activity-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-txid')))).sort())
      .toEqual(status.receipts.map((r) => r.transactionHash).sort());
    await activity.close();
    // The same id again from this site: 5720, no window.
    expect(codeOf(await withNoWindow(h, () => call(dapp, 'evmSendCalls', [[{ to: a, value: '1' }], { id }])))).toBe(5720);
  });

  it('an id this site never sent is 5730', async () => {
    expect(codeOf(await request(dapp, 'wallet_getCallsStatus', [`0x${'ab'.repeat(32)}`]))).toBe(5730);
  });
});
