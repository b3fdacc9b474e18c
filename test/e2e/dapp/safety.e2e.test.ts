/**
 * Pre-sign safety end to end (issue 8): the approval window shows what a request does, computed on the dev chains,
 * with the rule that fits, and a danger needs the second step. Real Chromium, real chains, the built extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, createWalletClient, encodeFunctionData, erc20Abi, http, maxUint256, type Address, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { DEMO_PHRASE } from '../../fixtures/demo';
import { PublicKey, Transaction } from '@solana/web3.js';
import { AuthorityType, createSetAuthorityInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { EVM_DEMO_USD, SOLANA_DEMO_SPL_MINT } from '../../../scripts/chains/index';
import { click, decide, ok, openDapp, startDappRig, withApproval, withNoWindow, call, type DappRig } from './rig';

const EVM0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address;
const EOA = '0x000000000000000000000000000000000000dEaD' as Address;
let rig: DappRig;
let page: Page;
let sol0: string;

beforeAll(async () => {
  rig = await startDappRig({ chains: true });
  page = await openDapp(rig.h, rig.servers[0]!.url);
});
/** Connect both families once (inside a test: the window helpers poll with expect). */
let connected: Promise<void> | undefined;
const connect = () => (connected ??= (async () => {
  expect(ok(await withApproval(rig.h, page, 'evmRequestAddresses', [], click('Connect')))).toEqual([EVM0]);
  sol0 = ok(await withApproval(rig.h, page, 'solanaConnect', [], click('Connect'))).accounts[0]!;
})());
afterAll(async () => { await rig?.stop(); });

describe('What happens, and the rules, in the approval window', () => {
  it('a benign ERC-20 transfer shows exactly the amount that then lands', async () => {
    await connect();
    const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
    const client = createPublicClient({ transport: http(rig.chains!.evm.url) });
    const before = await client.readContract({ address: EVM_DEMO_USD.address as Address, abi: erc20Abi, functionName: 'balanceOf', args: [to] });
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, 1_234_567n] });
    let shown: string[] = [];
    const hash = ok(await withApproval(rig.h, page, 'evmSendTransaction', [{ to: EVM_DEMO_USD.address, data }], async (w) => {
      await w.getByTestId('simulated-at').waitFor();
      shown = await w.getByTestId('balance-change').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-token')}:${e.getAttribute('data-delta')}`));
      await decide(w, 'Confirm');
    }));
    expect(shown).toEqual([`${EVM_DEMO_USD.address}:-1234567`]);
    await client.waitForTransactionReceipt({ hash: hash as Hex });
    expect(await client.readContract({ address: EVM_DEMO_USD.address as Address, abi: erc20Abi, functionName: 'balanceOf', args: [to] })).toBe(before + 1_234_567n);
    // The dapp transaction is in the wallet's Activity like its own sends: the token amount, the site that asked.
    await rig.wallet.reload();
    await rig.wallet.getByRole('button', { name: 'Activity' }).click();
    const item = rig.wallet.locator(`[data-testid="activity-item"][data-txid="${hash as string}"][data-status="confirmed"]`);
    await item.waitFor({ timeout: 30_000 });
    expect(await item.getByTestId('activity-amount').getAttribute('data-base-units')).toBe('1234567');
    expect(await item.getByTestId('activity-origin').textContent()).toBe(`Requested by ${rig.servers[0]!.url}`);
  });

  it('an unlimited approve to an address without code: danger first, the grant in What happens, Confirm only after the second step', async () => {
    await connect();
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [EOA, maxUint256] });
    const out = await withApproval(rig.h, page, 'evmSendTransaction', [{ to: EVM_DEMO_USD.address, data }], async (w) => {
      await w.getByTestId('approval-grant').waitFor();
      expect(await w.locator('[data-warning]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-warning')}/${e.getAttribute('data-severity')}`)))
        .toEqual(expect.arrayContaining(['spender-is-eoa/danger', 'erc20-unlimited-approval/warning']));
      expect(await w.locator('[data-warning]').first().getAttribute('data-warning')).toBe('spender-is-eoa');
      const confirm = w.getByRole('button', { name: 'Confirm', exact: true });
      await expect.poll(() => confirm.isDisabled()).toBe(true);
      await w.getByTestId('danger-ack').check();
      await expect.poll(() => confirm.isEnabled(), { timeout: 5_000 }).toBe(true);
      await decide(w, 'Reject');
    });
    expect(out).toMatchObject({ error: { code: 4001 } });
  });

  it('the decimals spoof: wallet_addEthereumChain with 36 decimals is refused with -32602 and no window', async () => {
    await connect();
    const r = await withNoWindow(rig.h, () => call(page, 'request', ['wallet_addEthereumChain', [{
      chainId: '0x67932', chainName: 'Spoofed Ether chain', rpcUrls: ['https://rpc.spoof.example'], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 36 },
    }]]));
    expect(r).toMatchObject({ error: { code: -32602 } });
  });

  it('a Solana SetAuthority on the user\'s token account: danger, and the owner change in What happens', async () => {
    await connect();
    const mint = new PublicKey(SOLANA_DEMO_SPL_MINT.address);
    const ata = getAssociatedTokenAddressSync(mint, new PublicKey(sol0), true, new PublicKey(SOLANA_DEMO_SPL_MINT.programId));
    const thief = new PublicKey('7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU');
    const bh = await fetch(rig.chains!.solana.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getLatestBlockhash', params: [] }) })
      .then((r) => r.json() as Promise<{ result: { value: { blockhash: string } } }>);
    const tx = new Transaction({ feePayer: new PublicKey(sol0), recentBlockhash: bh.result.value.blockhash })
      .add(createSetAuthorityInstruction(ata, new PublicKey(sol0), AuthorityType.AccountOwner, thief, [], new PublicKey(SOLANA_DEMO_SPL_MINT.programId)));
    const wire = tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
    const out = await withApproval(rig.h, page, 'solanaSignTransaction', [wire], async (w) => {
      await w.getByTestId('authority-change').waitFor();
      expect(await w.getByTestId('authority-change').textContent()).toContain(`${thief.toBase58().slice(0, 6)}…`);
      expect(await w.locator('[data-warning]').first().getAttribute('data-warning')).toBe('solana-token-authority-change');
      await decide(w, 'Reject');
    });
    expect(out).toMatchObject({ error: { code: 4001 } });
  });

  it('a reverting call (gas given by the page) shows "will fail" with its reason', async () => {
    await connect();
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [EOA, 10n ** 30n] });
    const out = await withApproval(rig.h, page, 'request', ['eth_sendTransaction', [{ from: EVM0, to: EVM_DEMO_USD.address, data, gas: '0x30000' }]], async (w) => {
      await w.getByTestId('will-fail').waitFor();
      expect(await w.getByTestId('will-fail').textContent()).toContain('ERC20: transfer amount exceeds balance');
      await decide(w, 'Reject');
    });
    expect(out).toMatchObject({ error: { code: 4001 } });
  });

  it('a new block that changes the result before Confirm: the new result, a notice, and Confirm asked again (nothing sent)', async () => {
    await connect();
    const client = createPublicClient({ transport: http(rig.chains!.evm.url) });
    const token = EVM_DEMO_USD.address as Address;
    const all = await client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [EVM0] });
    const nonceBefore = await client.getTransactionCount({ address: EVM0 });
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [EOA, all] }); // the whole balance
    const out = await withApproval(rig.h, page, 'evmSendTransaction', [{ to: token, data }], async (w) => {
      await w.getByTestId('simulated-at').waitFor();
      const firstId = await w.locator('main.approval').getAttribute('data-approval-id');
      expect(await w.getByTestId('balance-change').evaluateAll((els) => els.map((e) => e.getAttribute('data-delta')))).toEqual([`-${all}`]);
      // Meanwhile the same account spends 1 unit elsewhere (mined at once: a new block): the whole balance is no
      // longer there, so the transfer the user is looking at would now fail.
      const key = mnemonicToAccount(DEMO_PHRASE);
      const sent = await createWalletClient({ account: key, transport: http(rig.chains!.evm.url) })
        .writeContract({ chain: null, address: token, abi: erc20Abi, functionName: 'transfer', args: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 1n] });
      await client.waitForTransactionReceipt({ hash: sent });
      await w.getByRole('button', { name: 'Confirm', exact: true, disabled: false }).click();
      // Asked again: a new request id, the notice on top, the new result, and Confirm armed afresh.
      await expect.poll(() => w.locator('main.approval').getAttribute('data-approval-id')).not.toBe(firstId);
      expect(await w.locator('[data-warning]').first().getAttribute('data-warning')).toBe('preview-changed');
      expect(await w.getByTestId('will-fail').textContent()).toContain('ERC20: transfer amount exceeds balance');
      await decide(w, 'Reject');
    });
    expect(out).toMatchObject({ error: { code: 4001 } });
    // Nothing was signed or sent by the wallet: only the test's own transfer used a nonce.
    expect(await client.getTransactionCount({ address: EVM0 })).toBe(nonceBefore + 1);
    expect(await client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [EVM0] })).toBe(all - 1n);
  });
});
