/**
 * Pre-sign safety end to end on the EVM dev chain's ERC-721, Permit2 and AMM pool (issue 8, items 7–9): each request
 * opens the approval window of the built extension in real Chromium, which must show the rule's code and severity and
 * exactly what the simulation (in-worker EVM on the Hardhat Localnet) says will move; what is confirmed then lands on
 * chain by exactly those amounts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  createPublicClient, createWalletClient, defineChain, encodeFunctionData, erc20Abi, http, maxUint256, parseAbi, verifyTypedData,
  type Address, type Hex,
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import {
  DEMO_MNEMONIC, EVM_CHAIN_ID, EVM_DEMO_ACCOUNTS, EVM_DEMO_NFT, EVM_DEMO_POOL, EVM_DEMO_USD, EVM_DEMO_WETH, EVM_PERMIT2_ADDRESS,
} from '../../../scripts/chains/index';
import { click, decide, ok, openDapp, startDappRig, withApproval, type DappRig } from './rig';

const EVM0 = EVM_DEMO_ACCOUNTS[0] as Address;
const EVM1 = EVM_DEMO_ACCOUNTS[1] as Address;
const EVM2 = EVM_DEMO_ACCOUNTS[2] as Address;
const MUSD = EVM_DEMO_USD.address as Address;
const MWETH = EVM_DEMO_WETH.address as Address;
const NFT = EVM_DEMO_NFT.address as Address;
const POOL = EVM_DEMO_POOL.address as Address;
const MAX_UINT160 = (1n << 160n) - 1n;
const MAX_UINT48 = (1n << 48n) - 1n;
const SEAPORT = '0x0000000000000068F116a894984e2DB1123eB395' as Address;

const NFT_ABI = parseAbi([
  'function setApprovalForAll(address operator, bool approved)',
  'function isApprovedForAll(address owner, address operator) view returns (bool)',
  'function transferFrom(address from, address to, uint256 tokenId)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function balanceOf(address owner) view returns (uint256)',
]);
const POOL_ABI = parseAbi([
  'function swapExactIn(address tokenIn, uint256 amountIn, uint256 minOut, address to) returns (uint256)',
  'function getAmountOut(address tokenIn, uint256 amountIn) view returns (uint256)',
]);
const PERMIT2_ABI = parseAbi([
  'struct PermitDetails { address token; uint160 amount; uint48 expiration; uint48 nonce; }',
  'struct PermitSingle { PermitDetails details; address spender; uint256 sigDeadline; }',
  'function permit(address owner, PermitSingle permitSingle, bytes signature)',
  'function transferFrom(address from, address to, uint160 amount, address token)',
]);

let rig: DappRig;
let page: Page;
beforeAll(async () => {
  rig = await startDappRig({ chains: true });
  page = await openDapp(rig.h, rig.servers[0]!.url);
});
afterAll(async () => { await rig?.stop(); });
// A failed test can leave its window open; close it so the next test's window is its own (closing rejects the request).
afterEach(async () => {
  await Promise.all(rig.h.context.pages().filter((p) => !p.isClosed() && p.url().includes('approval=')).map((p) => p.close()));
});

let connected: Promise<void> | undefined;
const connect = () => (connected ??= (async () => {
  expect(ok(await withApproval(rig.h, page, 'evmRequestAddresses', [], click('Connect')))).toEqual([EVM0]);
})());

const client = () => createPublicClient({ transport: http(rig.chains!.evm.url) });
const erc20Balance = (token: Address, owner: Address) => client().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
/** `code/severity` of every finding in the window, in the order shown. */
const warningsIn = (w: Page) => w.locator('[data-warning]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-warning')}/${e.getAttribute('data-severity')}`));
/** `token:delta` of every "What happens" row, once the simulation is shown. */
async function changesIn(w: Page): Promise<string[]> {
  await w.getByTestId('simulated-at').waitFor();
  return w.getByTestId('balance-change').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-token')}:${e.getAttribute('data-delta')}`));
}
/** The approve button (Confirm for a transaction, Sign for typed data) stays disabled until the danger is acknowledged. */
async function ackDangerAndApprove(w: Page, button: 'Confirm' | 'Sign'): Promise<void> {
  await dangerGates(w, button);
  await w.getByTestId('danger-ack').check();
  await expect.poll(() => w.getByRole('button', { name: button, exact: true }).isEnabled()).toBe(true);
  await decide(w, button);
}
/** The danger acknowledgement alone gates the button: enabled once checked, disabled again once unchecked (so not
 *  merely the window's arming delay). Leaves the box unchecked. */
async function dangerGates(w: Page, button: 'Confirm' | 'Sign'): Promise<void> {
  const approve = w.getByRole('button', { name: button, exact: true });
  const ack = w.getByTestId('danger-ack');
  await expect.poll(() => approve.isDisabled()).toBe(true);
  await ack.check();
  await expect.poll(() => approve.isEnabled()).toBe(true);
  await ack.uncheck();
  await expect.poll(() => approve.isDisabled()).toBe(true);
}
/** A transaction through the wallet (the page's viem) that must show exactly `warnings`; confirmed and mined. */
async function sendConfirmed(to: Address, data: Hex, warnings: string[]): Promise<void> {
  const hash = ok(await withApproval(rig.h, page, 'evmSendTransaction', [{ to, data }], async (w) => {
    await w.getByTestId('simulated-at').waitFor();
    await expect.poll(() => warningsIn(w)).toEqual(warnings);
    await decide(w, 'Confirm');
  }));
  expect((await client().waitForTransactionReceipt({ hash, pollingInterval: 50 })).status).toBe('success');
}

describe('EVM approvals, permits and orders on the dev chain contracts', () => {
  it('Permit2 PermitSingle for max uint160 to a personal account: unlimited-permit warning, spender danger, and the signature works on chain', async () => {
    await connect();
    // Permit2 needs an ERC-20 allowance first (the usual "approve Permit2 once"): a warning only, Permit2 has code.
    await sendConfirmed(MUSD, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [EVM_PERMIT2_ADDRESS, maxUint256] }), ['erc20-unlimited-approval/warning']);
    const sigDeadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
    const typed = {
      domain: { name: 'Permit2', chainId: EVM_CHAIN_ID, verifyingContract: EVM_PERMIT2_ADDRESS },
      types: {
        PermitDetails: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }],
        PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }],
      },
      primaryType: 'PermitSingle',
      message: { details: { token: MUSD, amount: MAX_UINT160, expiration: Number(MAX_UINT48), nonce: 0 }, spender: EVM1, sigDeadline },
    } as const;
    const json = JSON.stringify({
      ...typed,
      types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], ...typed.types },
      message: { details: { token: MUSD, amount: MAX_UINT160.toString(), expiration: MAX_UINT48.toString(), nonce: '0' }, spender: EVM1, sigDeadline: sigDeadline.toString() },
    });
    const signature = ok(await withApproval(rig.h, page, 'request', ['eth_signTypedData_v4', [EVM0, json]], async (w) => {
      await expect.poll(() => warningsIn(w)).toEqual(['spender-is-eoa/danger', 'token-permit-unlimited/warning']);
      await ackDangerAndApprove(w, 'Sign');
    })) as Hex;
    expect(await verifyTypedData({ ...typed, address: EVM0, signature })).toBe(true);
    // What the user was warned about: the spender (a key we hold) takes the tokens with that signature alone.
    const chain = defineChain({ id: EVM_CHAIN_ID, name: 'Localnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rig.chains!.evm.url] } } });
    const spender = createWalletClient({ account: mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: 1 }), chain, transport: http(rig.chains!.evm.url) });
    const [mine, theirs] = [await erc20Balance(MUSD, EVM0), await erc20Balance(MUSD, EVM1)];
    const mined = async (hash: Hex) => expect((await client().waitForTransactionReceipt({ hash, pollingInterval: 50 })).status).toBe('success');
    await mined(await spender.writeContract({ address: EVM_PERMIT2_ADDRESS, abi: PERMIT2_ABI, functionName: 'permit', args: [EVM0, typed.message, signature] }));
    await mined(await spender.writeContract({ address: EVM_PERMIT2_ADDRESS, abi: PERMIT2_ABI, functionName: 'transferFrom', args: [EVM0, EVM1, 5_000_000n, MUSD] }));
    expect([await erc20Balance(MUSD, EVM0), await erc20Balance(MUSD, EVM1)]).toEqual([mine - 5_000_000n, theirs + 5_000_000n]);
  });

  it('setApprovalForAll(operator, true) on the demo ERC-721: nft-approval-for-all danger, the grant in What happens, Confirm only after the acknowledgement', async () => {
    await connect();
    const data = encodeFunctionData({ abi: NFT_ABI, functionName: 'setApprovalForAll', args: [EVM2, true] });
    const hash = ok(await withApproval(rig.h, page, 'evmSendTransaction', [{ to: NFT, data }], async (w) => {
      await w.getByTestId('approval-grant').waitFor();
      await expect.poll(() => warningsIn(w)).toEqual(['nft-approval-for-all/danger', 'spender-is-eoa/danger']);
      expect(await changesIn(w)).toEqual([]);
      expect(await w.getByTestId('approval-grant').allTextContents()).toEqual([`Allows ${EVM2.slice(0, 6)}…${EVM2.slice(-4)} to move ALL your ${NFT.slice(0, 6)}…${NFT.slice(-4)} NFTs`]);
      await ackDangerAndApprove(w, 'Confirm');
    }));
    expect((await client().waitForTransactionReceipt({ hash, pollingInterval: 50 })).status).toBe('success');
    expect(await client().readContract({ address: NFT, abi: NFT_ABI, functionName: 'isApprovedForAll', args: [EVM0, EVM2] })).toBe(true);
  });

  it('a Seaport order offering the demo ERC-721 for a zero consideration: marketplace-order-free danger', async () => {
    await connect();
    const offerItem = [['itemType', 'uint8'], ['token', 'address'], ['identifierOrCriteria', 'uint256'], ['startAmount', 'uint256'], ['endAmount', 'uint256']];
    const fields = (xs: string[][]) => xs.map(([name, type]) => ({ name, type }));
    const order = {
      domain: { name: 'Seaport', version: '1.6', chainId: EVM_CHAIN_ID, verifyingContract: SEAPORT },
      types: {
        EIP712Domain: fields([['name', 'string'], ['version', 'string'], ['chainId', 'uint256'], ['verifyingContract', 'address']]),
        OrderComponents: fields([['offerer', 'address'], ['zone', 'address'], ['offer', 'OfferItem[]'], ['consideration', 'ConsiderationItem[]'], ['orderType', 'uint8'],
          ['startTime', 'uint256'], ['endTime', 'uint256'], ['zoneHash', 'bytes32'], ['salt', 'uint256'], ['conduitKey', 'bytes32'], ['counter', 'uint256']]),
        OfferItem: fields(offerItem),
        ConsiderationItem: fields([...offerItem, ['recipient', 'address']]),
      },
      primaryType: 'OrderComponents',
      message: {
        offerer: EVM0, zone: '0x0000000000000000000000000000000000000000',
        offer: [{ itemType: '2', token: NFT, identifierOrCriteria: '1', startAmount: '1', endAmount: '1' }],
        consideration: [{ itemType: '1', token: MUSD, identifierOrCriteria: '0', startAmount: '0', endAmount: '0', recipient: EVM0 }],
        orderType: '0', startTime: '0', endTime: MAX_UINT48.toString(), zoneHash: `0x${'0'.repeat(64)}`, salt: '7',
        conduitKey: `0x${'0'.repeat(64)}`, counter: '0',
      },
    };
    const out = await withApproval(rig.h, page, 'request', ['eth_signTypedData_v4', [EVM0, JSON.stringify(order)]], async (w) => {
      await expect.poll(() => warningsIn(w)).toEqual(['marketplace-order-free/danger']);
      expect(await w.locator('[data-warning="marketplace-order-free"]').textContent())
        .toBe(`Danger: This Seaport order gives away ERC721 ${NFT} #1 and pays you nothing. Anyone could fill it and take your assets for (almost) nothing.`);
      await dangerGates(w, 'Sign');
      await decide(w, 'Reject');
    });
    expect(out).toMatchObject({ error: { code: 4001 } });
  });

  it('an ERC-721 transferFrom is shown as the NFT leaving (not a token amount) and lands as shown', async () => {
    await connect();
    const data = encodeFunctionData({ abi: NFT_ABI, functionName: 'transferFrom', args: [EVM0, EVM1, 2n] });
    const hash = ok(await withApproval(rig.h, page, 'evmSendTransaction', [{ to: NFT, data }], async (w) => {
      expect(await changesIn(w)).toEqual([`${NFT}:-1`]);
      expect(await w.getByTestId('balance-change').locator('.amount').allTextContents()).toEqual(['−1 NFT #2']);
      await expect.poll(() => warningsIn(w)).toEqual(['erc721-transfer/info', 'first-time-recipient/info']);
      await decide(w, 'Confirm');
    }));
    expect((await client().waitForTransactionReceipt({ hash, pollingInterval: 50 })).status).toBe('success');
    expect(await client().readContract({ address: NFT, abi: NFT_ABI, functionName: 'ownerOf', args: [2n] })).toBe(EVM1);
    expect(await client().readContract({ address: NFT, abi: NFT_ABI, functionName: 'balanceOf', args: [EVM0] })).toBe(BigInt(EVM_DEMO_NFT.tokenIds.length - 1));
  });
});

describe('A benign swap on the demo pool', () => {
  it('What happens shows exactly −X mUSD and +Y mWETH, no warning, and the balances change by exactly that', async () => {
    await connect();
    const amountIn = 1_000_000_000n; // 1,000 mUSD
    await sendConfirmed(MUSD, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [POOL, amountIn] }), ['erc20-approval/info']);
    // x * y = k with the 0.3% fee, from the documented reserves; the pool agrees.
    const out = (amountIn * 997n * EVM_DEMO_POOL.reserve1) / (EVM_DEMO_POOL.reserve0 * 1000n + amountIn * 997n);
    expect(out).toBe(497_507_969_109_595_466n);
    expect(await client().readContract({ address: POOL, abi: POOL_ABI, functionName: 'getAmountOut', args: [MUSD, amountIn] })).toBe(out);
    const before = [await erc20Balance(MUSD, EVM0), await erc20Balance(MWETH, EVM0)];
    const data = encodeFunctionData({ abi: POOL_ABI, functionName: 'swapExactIn', args: [MUSD, amountIn, out, EVM0] });
    let shown: string[] = [];
    const hash = ok(await withApproval(rig.h, page, 'evmSendTransaction', [{ to: POOL, data }], async (w) => {
      shown = await changesIn(w);
      expect(await w.getByTestId('balance-change').evaluateAll((els) => els.map((e) => e.className))).toEqual(['out', 'in']);
      // In tokens, with each contract's own symbol and decimals (the request named neither token).
      expect(await w.getByTestId('balance-change').locator('.amount').allTextContents()).toEqual(['−1,000 mUSD', '+0.497507969109595466 mWETH']);
      expect(await warningsIn(w)).toEqual([]);
      await decide(w, 'Confirm');
    }));
    expect(shown).toEqual([`${MUSD}:-${amountIn}`, `${MWETH}:${out}`]);
    expect((await client().waitForTransactionReceipt({ hash, pollingInterval: 50 })).status).toBe('success');
    expect([await erc20Balance(MUSD, EVM0), await erc20Balance(MWETH, EVM0)]).toEqual([before[0]! - amountIn, before[1]! + out]);
  });
});
