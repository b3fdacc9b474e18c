// The EVM adapter against a real Hardhat node (scripts/chains), verified with an independent viem client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, erc20Abi, getAddress, http, parseTransaction, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import {
  DEMO_MNEMONIC, EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, EVM_DEMO_WETH, EVM_INITIAL_ETH_WEI, startCountingProxy, startEvmChain,
  type CountingProxy, type EvmChain,
} from '../../scripts/chains/index';
import { getFreePort } from '../../scripts/chains/util';
import { createMemoryStorage } from '../../src/background/storageArea';
import type { EvmNetwork, EvmSigner, Token, TransferRequest } from '../../src/chains/ChainAdapter';
import { createActivityStore } from '../../src/background/stores/activityStore';
import { createBalanceCache } from '../../src/background/stores/balanceCache';
import { createCustomNetworkStore, CUSTOM_NETWORKS_KEY } from '../../src/background/stores/customNetworkStore';
import {
  ChainIdMismatchError, InsufficientFundsError, InvalidAddressError, InvalidAmountError, RpcUnavailableError, SimulationFailedError, TokenNotFoundError,
  WrongNetworkError,
} from '../../src/chains/errors';
import { createEvmAdapter, type EvmAdapter } from '../../src/chains/evm/adapter';
import { createNonceTracker } from '../../src/chains/evm/nonceTracker';
import { getBuiltinNetwork } from '../../src/chains/networks';
import { defaultTokens } from '../../src/chains/tokens';
import { validateCustomNetwork } from '../../src/chains/validateCustomNetwork';
import { expectCode, rpc, sendAndWait, spySigner } from './helpers/adapterFlow';

let evm: EvmChain;
let proxy: CountingProxy;
let network: EvmNetwork;
let adapter: EvmAdapter;
const storage = createMemoryStorage();
const activity = createActivityStore(storage);
const client = () => createPublicClient({ transport: http(evm.url) });
const account = (i: number) => mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: i });
const A = (i: number) => EVM_DEMO_ACCOUNTS[i] as `0x${string}`;
/** Test-side signer: viem signTransaction with the demo key (the adapter only ever sees the signature). */
const signerFor = (i: number): EvmSigner => async (p) => account(i).signTransaction(parseTransaction(p.unsignedSerialized) as never);
const token = (t: typeof EVM_DEMO_USD): Token => ({ address: t.address, symbol: t.symbol, decimals: t.decimals });
const tokenBalance = (t: `0x${string}`, who: `0x${string}`) => client().readContract({ address: t, abi: erc20Abi, functionName: 'balanceOf', args: [who] });
/** 18 addresses with no code: their "balances" must come back as failures (null) without breaking the batch. */
const FAKE_TOKENS: Token[] = Array.from({ length: 18 }, (_, i) => ({ address: `0x${(0xdead0000 + i).toString(16).padStart(40, '0')}`, symbol: `FAKE${i}`, decimals: 18 }));
const TOKENS20 = [token(EVM_DEMO_USD), token(EVM_DEMO_WETH), ...FAKE_TOKENS];

async function feePaid(hash: Hex): Promise<bigint> {
  const r = await client().getTransactionReceipt({ hash });
  return r.gasUsed * r.effectiveGasPrice;
}

beforeAll(async () => {
  evm = await startEvmChain({ port: await getFreePort() });
  proxy = await startCountingProxy(evm.url, 0);
  const local = getBuiltinNetwork('eip155:31337');
  if (local?.family !== 'evm') throw new Error('no EVM localnet');
  network = { ...local, rpcUrls: [proxy.url] };
  adapter = createEvmAdapter({ network, activity });
});
afterAll(async () => {
  await proxy?.stop();
  await evm?.stop();
});

describe('EVM adapter on the Hardhat dev chain', () => {
  it('reads ETH and ERC-20 balances of 10 accounts equal to the documented setup, to the wei', async () => {
    const snap = await adapter.getBalances({ accounts: [...EVM_DEMO_ACCOUNTS], tokens: defaultTokens('eip155:31337') });
    for (const [i, a] of EVM_DEMO_ACCOUNTS.entries()) {
      const b = snap.accounts[a];
      expect(b).toBeDefined();
      const onChain = await client().getBalance({ address: a });
      expect(b?.native).toBe(onChain);
      if (i > 0) expect(b?.native).toBe(EVM_INITIAL_ETH_WEI); // account 0 paid the deployments
      expect(b?.tokens[EVM_DEMO_USD.address]).toBe(EVM_DEMO_USD.initialBalance);
      expect(b?.tokens[EVM_DEMO_WETH.address]).toBe(EVM_DEMO_WETH.initialBalance);
      expect(await tokenBalance(EVM_DEMO_USD.address, a)).toBe(EVM_DEMO_USD.initialBalance);
    }
  });

  it('refreshes 10 accounts x 20 tokens in exactly 1 HTTP request (Multicall3), fake tokens as null', async () => {
    proxy.reset();
    const snap = await adapter.getBalances({ accounts: [...EVM_DEMO_ACCOUNTS], tokens: TOKENS20 });
    expect(proxy.count()).toBe(1);
    const b = snap.accounts[A(5)];
    expect(b?.native).toBe(await client().getBalance({ address: A(5) }));
    expect(b?.tokens[EVM_DEMO_USD.address]).toBe(EVM_DEMO_USD.initialBalance);
    for (const f of FAKE_TOKENS) expect(b?.tokens[getAddress(f.address)]).toBeNull();
    expect(Object.keys(snap.accounts)).toHaveLength(10);
  });

  it('falls back to ONE JSON-RPC batch when the network has no Multicall3, with the same numbers', async () => {
    const { multicall3: _, ...noMc } = network;
    const plain = createEvmAdapter({ network: noMc });
    const withMc = await adapter.getBalances({ accounts: [...EVM_DEMO_ACCOUNTS], tokens: TOKENS20 });
    proxy.reset();
    const snap = await plain.getBalances({ accounts: [...EVM_DEMO_ACCOUNTS], tokens: TOKENS20 });
    expect(proxy.count()).toBe(1);
    expect(snap.accounts).toEqual(withMc.accounts);
  });

  it('caches the snapshot per network+account with its time', async () => {
    const cache = createBalanceCache(storage);
    const snap = await adapter.getBalances({ accounts: [A(2)], tokens: [token(EVM_DEMO_USD)] });
    await cache.put(snap);
    const got = await cache.get(network.id, A(2));
    expect(got?.at).toBe(snap.at);
    expect(got?.balances).toEqual(snap.accounts[A(2)]);
  });

  it('estimates EIP-1559 fee tiers slow <= normal <= fast with a gas margin', async () => {
    const est = await adapter.estimateFees({ networkId: network.id, from: A(1), to: A(2), amount: '1' });
    const { slow, normal, fast } = est.tiers;
    expect(slow.maxFee).toBeLessThanOrEqual(normal.maxFee);
    expect(normal.maxFee).toBeLessThanOrEqual(fast.maxFee);
    const estimate = await client().estimateGas({ account: A(1), to: A(2), value: 10n ** 18n });
    expect(normal.params.gasLimit).toBe((estimate * 120n + 99n) / 100n); // eth_estimateGas + 20 %
    expect(normal.params.maxFeePerGas).toBeGreaterThan(0n);
  });

  it('sends ETH: the recipient gains exactly the amount, the sender loses amount + gasUsed*effectiveGasPrice', async () => {
    const [from, to] = [A(1), A(2)];
    const before = [await client().getBalance({ address: from }), await client().getBalance({ address: to })] as const;
    const signer = spySigner(signerFor(1));
    const req: TransferRequest = { networkId: network.id, from, to, amount: '1.5' };
    const built = await adapter.buildTransfer(req);
    const d = adapter.describe(built);
    expect(d).toMatchObject({ from, to, networkName: 'Localnet', amount: { symbol: 'ETH', decimals: 18, amount: 1_500_000_000_000_000_000n, formatted: '1.5' } });
    expect(d.total[0]?.amount).toBe(d.amount.amount + d.fee.amount);
    const signed = await adapter.sign(built, signer);
    const handle = await adapter.broadcast(signed);
    const { waitForTransaction } = await import('../../src/chains/waitForTransaction');
    const result = await waitForTransaction(adapter, handle, { intervalMs: 50 });
    expect(result.status).toBe('confirmed');
    const fee = await feePaid(handle.id as Hex);
    expect(result.fee).toBe(fee);
    expect(await client().getBalance({ address: to })).toBe(before[1] + 1_500_000_000_000_000_000n);
    expect(await client().getBalance({ address: from })).toBe(before[0] - 1_500_000_000_000_000_000n - fee);
    expect(signer.calls).toBe(1);
    const [rec] = await activity.list(network.id, from);
    expect(rec).toMatchObject({ id: handle.id, status: 'confirmed', amount: '1500000000000000000', fee: fee.toString() });
  });

  it('sends an ERC-20 (mUSD): token balances move by exactly the amount, the sender pays the gas in ETH', async () => {
    const [from, to] = [A(3), A(4)];
    const eth0 = await client().getBalance({ address: from });
    const t0 = [await tokenBalance(EVM_DEMO_USD.address, from), await tokenBalance(EVM_DEMO_USD.address, to)] as const;
    const { handle, result, built } = await sendAndWait(adapter, { networkId: network.id, from, to, amount: '12.345678', token: token(EVM_DEMO_USD) }, signerFor(3));
    expect(result.status).toBe('confirmed');
    expect(adapter.describe(built).total.map((l) => l.symbol)).toEqual(['mUSD', 'ETH']);
    const fee = await feePaid(handle.id as Hex);
    expect(await tokenBalance(EVM_DEMO_USD.address, from)).toBe(t0[0] - 12_345_678n);
    expect(await tokenBalance(EVM_DEMO_USD.address, to)).toBe(t0[1] + 12_345_678n);
    expect(await client().getBalance({ address: from })).toBe(eth0 - fee);
  });

  it('two quick sends from one account get consecutive nonces and both land', async () => {
    const from = A(5);
    const start = await client().getTransactionCount({ address: from });
    // Both built and both signed before either is broadcast (two confirmation screens confirmed at once).
    const b1 = await adapter.buildTransfer({ networkId: network.id, from, to: A(6), amount: '0.1' });
    const b2 = await adapter.buildTransfer({ networkId: network.id, from, to: A(7), amount: '0.2' });
    const s1 = await adapter.sign(b1, signerFor(5));
    const s2 = await adapter.sign(b2, signerFor(5));
    expect([s1.built.tx.nonce, s2.built.tx.nonce]).toEqual([start, start + 1]);
    const h1 = await adapter.broadcast(s1);
    const h2 = await adapter.broadcast(s2);
    // And one more, built right after a broadcast.
    const { handle: h3 } = await sendAndWait(adapter, { networkId: network.id, from, to: A(8), amount: '0.3' }, signerFor(5));
    for (const [h, n] of [[h1, start], [h2, start + 1], [h3, start + 2]] as const) {
      const tx = await client().getTransaction({ hash: h.id as Hex });
      expect(tx.nonce).toBe(n);
      expect((await client().getTransactionReceipt({ hash: h.id as Hex })).status).toBe('success');
    }
  });

  it('an open review holds no nonce: a send through the shared chain tracker meanwhile is skipped, never replaced', async () => {
    const from = A(7);
    const tracker = createNonceTracker(() => Date.now());
    const wallet = createEvmAdapter({ network, nonces: tracker });
    const other = createEvmAdapter({ network, nonces: tracker }); // e.g. a dapp send on the same chain
    const start = await client().getTransactionCount({ address: from });
    const review = await wallet.buildTransfer({ networkId: network.id, from, to: A(8), amount: '0.01' });
    // A review built and then abandoned leaves no gap either.
    await wallet.buildTransfer({ networkId: network.id, from, to: A(8), amount: '0.02' });
    const { built: meanwhile, handle: h1 } = await sendAndWait(other, { networkId: network.id, from, to: A(9), amount: '0.03' }, signerFor(7));
    expect(meanwhile.tx.nonce).toBe(start); // the placeholder; the signed nonce is checked on chain below
    const signed = await wallet.sign(review, signerFor(7));
    expect(signed.built.tx.nonce).toBe(start + 1);
    const h2 = await wallet.broadcast(signed);
    expect((await client().getTransaction({ hash: h1.id as Hex })).nonce).toBe(start);
    expect((await client().waitForTransactionReceipt({ hash: h2.id as Hex })).status).toBe('success');
    expect((await client().getTransaction({ hash: h2.id as Hex })).nonce).toBe(start + 1);
  });

  it('a restarted worker (a fresh nonce tracker) keeps the nonce of a recorded, maybe undelivered transaction; once it is final, the chain decides the nonce again', async () => {
    const from = A(8);
    const store = createActivityStore(createMemoryStorage());
    const start = await client().getTransactionCount({ address: from });
    const before = createEvmAdapter({ network, activity: store, nonces: createNonceTracker(() => Date.now()) });
    const signed = await before.sign(await before.buildTransfer({ networkId: network.id, from, to: A(9), amount: '0.01' }), signerFor(8));
    expect(signed.built.tx.nonce).toBe(start);
    // Recorded as the broadcast does before sending; the worker stops before any node got it.
    const t = Date.now();
    await store.add({ id: signed.hash, networkId: network.id, from, to: A(9), amount: '1', symbol: 'ETH', decimals: 18, fee: '1', status: 'pending', createdAt: t, updatedAt: t, nonce: start, raw: signed.serialized });
    const after = createEvmAdapter({ network, activity: store, nonces: createNonceTracker(() => Date.now()) });
    const next = await after.sign(await after.buildTransfer({ networkId: network.id, from, to: A(9), amount: '0.02' }), signerFor(8));
    expect(next.built.tx.nonce).toBe(start + 1); // never the recorded one: Retry can still send it, nothing replaces it
    // Once that record is final (e.g. dropped), its nonce is the chain's again.
    await store.update(network.id, from, signed.hash, { status: 'dropped' });
    const third = createEvmAdapter({ network, activity: store, nonces: createNonceTracker(() => Date.now()) });
    expect((await third.sign(await third.buildTransfer({ networkId: network.id, from, to: A(9), amount: '0.03' }), signerFor(8))).built.tx.nonce).toBe(start);
    expect(await client().getTransactionCount({ address: from })).toBe(start); // nothing was sent
  });

  it('refuses every bad input before signing (the signer is never called)', async () => {
    const signer = spySigner(signerFor(1));
    const from = A(1);
    const base: TransferRequest = { networkId: network.id, from, to: A(2), amount: '1' };
    const attempt = (r: Partial<TransferRequest>) => sendAndWait(adapter, { ...base, ...r }, signer);
    const badChecksum = A(2).replace(/[a-f]/, (c) => c.toUpperCase());
    expect(badChecksum).not.toBe(A(2));
    await expectCode(attempt({ to: badChecksum }), InvalidAddressError.code);
    await expectCode(attempt({ to: '0x1234' }), InvalidAddressError.code);
    await expectCode(attempt({ to: 'not-an-address' }), InvalidAddressError.code);
    await expectCode(attempt({ from: badChecksum }), InvalidAddressError.code);
    await expectCode(attempt({ amount: '0' }), InvalidAmountError.code);
    await expectCode(attempt({ amount: 0n }), InvalidAmountError.code);
    await expectCode(attempt({ amount: '-1' }), InvalidAmountError.code);
    await expectCode(attempt({ amount: -5n }), InvalidAmountError.code);
    await expectCode(attempt({ amount: '1.0000000000000000001' }), InvalidAmountError.code); // 19 decimals
    await expectCode(attempt({ amount: '1.1234567', token: token(EVM_DEMO_USD) }), InvalidAmountError.code); // 7 > 6
    await expectCode(attempt({ amount: 'abc' }), InvalidAmountError.code);
    await expectCode(attempt({ amount: '1e18' }), InvalidAmountError.code);
    const balance = await client().getBalance({ address: from });
    await expectCode(attempt({ amount: balance }), InsufficientFundsError.code); // the fee pushes it over
    await expectCode(attempt({ amount: balance + 1n }), InsufficientFundsError.code);
    await expectCode(attempt({ amount: '1000001', token: token(EVM_DEMO_USD) }), InsufficientFundsError.code);
    await expectCode(attempt({ networkId: 'eip155:1' }), WrongNetworkError.code);
    const lying = createEvmAdapter({ network: { ...network, id: 'eip155:1', chainId: 1 } }); // RPC serves 31337
    await expectCode(sendAndWait(lying, { ...base, networkId: 'eip155:1' }, signer), WrongNetworkError.code);
    expect(signer.calls).toBe(0);
  });

  it('ETH sent to a contract that cannot receive it fails the node\'s gas estimate: 1109, never signed nor sent', async () => {
    // The demo ERC-20 has no receive/fallback: Hardhat's eth_estimateGas reverts, every wallet-side check passes.
    const signer = spySigner(signerFor(1));
    const from = A(1);
    const [balance, nonce] = [await client().getBalance({ address: from }), await client().getTransactionCount({ address: from })];
    const err = await sendAndWait(adapter, { networkId: network.id, from, to: EVM_DEMO_USD.address, amount: '1' }, signer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationFailedError);
    expect(err).toMatchObject({ code: 1109, message: expect.stringMatching(/^Gas estimation failed: .*revert/i) });
    const fees = await adapter.estimateFees({ networkId: network.id, from, to: EVM_DEMO_USD.address, amount: '1' }).catch((e: unknown) => e);
    expect(fees).toMatchObject({ code: 1109 });
    expect(signer.calls).toBe(0);
    expect([await client().getBalance({ address: from }), await client().getTransactionCount({ address: from })]).toEqual([balance, nonce]);
  });

  it('refuses a signature that is not from the sender for this transaction', async () => {
    const built = await adapter.buildTransfer({ networkId: network.id, from: A(1), to: A(2), amount: '0.01' });
    await expectCode(adapter.sign(built, signerFor(2)), 1108);
  });

  it('fails over from a dead RPC URL (closed port) to the next one', async () => {
    const dead = `http://127.0.0.1:${await getFreePort()}`;
    const a = createEvmAdapter({ network: { ...network, rpcUrls: [dead, proxy.url] } });
    const snap = await a.getBalances({ accounts: [A(9)], tokens: [token(EVM_DEMO_USD)] });
    expect(snap.accounts[A(9)]?.tokens[EVM_DEMO_USD.address]).toBe(EVM_DEMO_USD.initialBalance);
    expect(Object.keys(a.transport.backoffState())).toEqual([dead]);
    const allDead = createEvmAdapter({ network: { ...network, rpcUrls: [dead] } });
    await expectCode(allDead.getBalances({ accounts: [A(9)], tokens: [] }), RpcUnavailableError.code);
  });

  it('refuses a custom network whose RPC reports another chain id, and saves nothing', async () => {
    const store = createMemoryStorage();
    const networks = createCustomNetworkStore(store);
    await expectCode(networks.add({ family: 'evm', name: 'Mine', chainId: 1, rpcUrls: [evm.url] }), ChainIdMismatchError.code);
    await expectCode(networks.add({ family: 'evm', name: 'Dead', chainId: 31337, rpcUrls: [`http://127.0.0.1:${await getFreePort()}`] }), RpcUnavailableError.code);
    expect(await store.get(CUSTOM_NETWORKS_KEY)).toBeUndefined();
    const ok = await validateCustomNetwork({ family: 'evm', name: 'Mine', chainId: 31337, rpcUrls: [evm.url] });
    expect(ok).toMatchObject({ id: 'eip155:31337', chainId: 31337, multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11', custom: true });
  });

  it('reads a custom token (symbol/decimals from the chain) and refuses a non-token', async () => {
    expect(await adapter.readToken(EVM_DEMO_WETH.address.toLowerCase())).toEqual({ address: EVM_DEMO_WETH.address, symbol: 'mWETH', decimals: 18, name: 'Meridian Demo WETH' });
    await expectCode(adapter.readToken(A(0)), TokenNotFoundError.code);
  });

  it('reports a transaction replaced when another one with its nonce is mined', async () => {
    const from = A(6);
    await rpc(evm.url, 'evm_setAutomine', [false]);
    try {
      const built = await adapter.buildTransfer({ networkId: network.id, from, to: A(7), amount: '0.01', feeTier: 'slow' });
      const signed = await adapter.sign(built, signerFor(6));
      const handle = await adapter.broadcast(signed);
      expect((await adapter.track(handle)).status).toBe('pending');
      const wallet = createWalletClient({ account: account(6), transport: http(evm.url) });
      const tip = (built.tx as { maxPriorityFeePerGas: bigint }).maxPriorityFeePerGas * 3n + 1_000_000_000n;
      await wallet.sendTransaction({
        chain: null, to: from, value: 0n, nonce: signed.built.tx.nonce, gas: 21_000n,
        maxFeePerGas: (built.tx as { maxFeePerGas: bigint }).maxFeePerGas * 3n + tip, maxPriorityFeePerGas: tip,
      });
      await rpc(evm.url, 'evm_mine');
      expect((await adapter.track(handle)).status).toBe('replaced');
      expect((await activity.list(network.id, from))[0]?.status).toBe('replaced');
    } finally {
      await rpc(evm.url, 'evm_setAutomine', [true]);
    }
  });
});
