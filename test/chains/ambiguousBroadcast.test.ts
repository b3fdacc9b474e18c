// Issue 9 item 1: a broadcast that no RPC answers (the node may have accepted it) is recorded as pending under its
// hash and tracked; "Retry" re-sends the same signed bytes, so the user can never pay twice. Real chains behind the
// fault proxy; the wallet's own send service and activity, as the popup uses them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, PublicKey } from '@solana/web3.js';
import { createPublicClient, http, parseTransaction, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { DEMO_MNEMONIC, EVM_DEMO_ACCOUNTS, SOLANA_DEMO_ACCOUNTS, startEvmChain, startSolanaChain, type EvmChain, type SolanaChain } from '../../scripts/chains/index';
import { startFaultProxy, type FaultProxy } from '../../scripts/chains/faultProxy';
import { demoSolanaKeypair } from '../../scripts/chains/keys';
import { getFreePort } from '../../scripts/chains/util';
import { createMemoryStorage } from '../../src/background/storageArea';
import { createActivity, PENDING_KEY } from '../../src/background/portfolio/activity';
import { createAdapterCache } from '../../src/background/portfolio/adapters';
import type { NetworkRegistry } from '../../src/background/portfolio/networkRegistry';
import { createSendService } from '../../src/background/portfolio/send';
import type { TokenList } from '../../src/background/portfolio/tokenList';
import type { Network, TrackHandle } from '../../src/chains/ChainAdapter';
import { activityKey, createActivityStore } from '../../src/background/stores/activityStore';
import type { ActivityRecord } from '../../src/chains/activityRecord';
import { getBuiltinNetwork } from '../../src/chains/networks';
import { expectCode } from './helpers/adapterFlow';

let evm: EvmChain;
let sol: SolanaChain;
let evmProxy: FaultProxy;
let solProxy: FaultProxy;
let evmNet: Network;
let solNet: Network;
const ETH = 10n ** 18n;

beforeAll(async () => {
  [evm, sol] = await Promise.all([startEvmChain({ port: await getFreePort() }), startSolanaChain({ port: await getFreePort() })]);
  [evmProxy, solProxy] = await Promise.all([startFaultProxy(evm.url), startFaultProxy(sol.url)]);
  evmNet = { ...getBuiltinNetwork('eip155:31337')!, rpcUrls: [evmProxy.url] };
  solNet = { ...getBuiltinNetwork('solana:localnet')!, rpcUrls: [solProxy.url] };
});
afterAll(async () => {
  await Promise.all([evmProxy?.stop(), solProxy?.stop()]);
  await Promise.all([evm?.stop(), sol?.stop()]);
});

/** The background's send + activity services over one network, with the demo keys as the key source. */
function wallet(network: Network) {
  const local = createMemoryStorage();
  const store = createActivityStore(local);
  const now = () => Date.now();
  const registry = { get: async () => network, networks: { all: async () => [network] } } as unknown as NetworkRegistry;
  const adapters = createAdapterCache({ activity: store, now });
  const activity = createActivity({ local, now, store, registry, adapters });
  const signed: string[] = [];
  const send = createSendService({
    now, newId: () => crypto.randomUUID(), registry, tokens: { find: async () => undefined } as unknown as TokenList, adapters, activity,
    ownsAddress: async () => true,
    keyFor: async (family, address) => {
      signed.push(address);
      if (family === 'evm') return mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: EVM_DEMO_ACCOUNTS.indexOf(address as never) }).getHdKey().privateKey!.slice();
      return demoSolanaKeypair(SOLANA_DEMO_ACCOUNTS.indexOf(address as never)).secretKey.slice();
    },
  });
  const records = async (from: string) => (await local.get<ActivityRecord[]>(activityKey(network.id, from))) ?? [];
  const queue = async () => (await local.get<TrackHandle[]>(PENDING_KEY)) ?? [];
  const pay = async (from: string, to: string, amount: string) =>
    send.confirm((await send.prepare({ networkId: network.id, from, to, amount, feeTier: 'normal' })).draftId);
  /** Poll the pending queue until the transaction is final (the alarm does this in the extension). */
  const settle = async (from: string, id: string) => {
    await expect.poll(async () => { await activity.pollPending(); return (await activity.get(network.id, from, id)).status; }, { timeout: 20_000, interval: 100 })
      .not.toBe('pending');
    return activity.get(network.id, from, id);
  };
  return { send, activity, records, queue, pay, settle, signed };
}

describe('EVM: no RPC answers the broadcast', () => {
  const client = () => createPublicClient({ transport: http(evm.url) });
  const [from, to] = [EVM_DEMO_ACCOUNTS[6] as Hex, EVM_DEMO_ACCOUNTS[7] as Hex];

  it('records it pending under its hash, keeps its nonce, and Retry re-sends the same bytes: paid exactly once', async () => {
    const w = wallet(evmNet);
    const before = await client().getBalance({ address: to });
    const nonce0 = await client().getTransactionCount({ address: from });
    evmProxy.add({ methods: ['eth_sendRawTransaction'], fault: { kind: 'forward-then-drop' }, times: 1 });
    const view = await w.pay(from, to, '1');
    expect(view).toMatchObject({ status: 'pending', delivery: 'unconfirmed', canRetry: true, amount: (1n * ETH).toString() });
    expect((await w.queue()).map((h) => h.id)).toEqual([view.id]);
    const [rec] = await w.records(from);
    expect(rec?.id).toBe(view.id);
    const raw = rec?.raw as Hex;
    expect(parseTransaction(raw)).toMatchObject({ to: to.toLowerCase(), value: ETH, nonce: nonce0, chainId: 31337 });
    // The node did accept it (Hardhat mines at once): exactly one payment so far.
    expect(await client().getBalance({ address: to })).toBe(before + ETH);

    const retried = await w.activity.retry(evmNet.id, from, view.id);
    expect(retried).toMatchObject({ id: view.id, status: 'pending', canRetry: true });
    expect(retried.delivery).toBeUndefined();
    const sent = evmProxy.seen().filter((m) => m.includes('eth_sendRawTransaction'));
    expect(sent).toHaveLength(2); // the first (dropped) and the retry: the same bytes, no new signature
    expect(w.signed).toEqual([from]);

    const final = await w.settle(from, view.id);
    expect(final).toMatchObject({ status: 'confirmed' });
    expect(final.canRetry).toBeUndefined();
    expect((await w.records(from))[0]?.raw).toBeUndefined();
    expect(await client().getBalance({ address: to })).toBe(before + ETH);

    // A new payment takes the next nonce, never the one that may already be on chain.
    const next = await w.pay(from, to, '0.5');
    expect(next.delivery).toBeUndefined();
    expect((await w.settle(from, next.id)).status).toBe('confirmed');
    expect((await client().getTransaction({ hash: next.id as Hex })).nonce).toBe(nonce0 + 1);
    expect(await client().getBalance({ address: to })).toBe(before + ETH + ETH / 2n);
  });

  it('a node that refuses the transaction leaves no record and frees the nonce for the next send', async () => {
    const w = wallet(evmNet);
    const nonce0 = await client().getTransactionCount({ address: from });
    evmProxy.add({ methods: ['eth_sendRawTransaction'], fault: { kind: 'rpc-error', code: -32000, message: 'replacement transaction underpriced' }, times: 1 });
    await expectCode(w.pay(from, to, '0.25'), 1112);
    expect(await w.records(from)).toEqual([]);
    expect(await w.queue()).toEqual([]);
    const next = await w.pay(from, to, '0.25');
    expect((await w.settle(from, next.id)).status).toBe('confirmed');
    expect((await client().getTransaction({ hash: next.id as Hex })).nonce).toBe(nonce0);
  });

  it('Retry while every RPC is still down says so and keeps the record retryable', async () => {
    const w = wallet(evmNet);
    evmProxy.add({ methods: ['eth_sendRawTransaction'], fault: { kind: 'drop' }, times: 2 });
    const view = await w.pay(from, to, '0.1');
    expect(view).toMatchObject({ status: 'pending', delivery: 'unconfirmed', canRetry: true });
    await expectCode(w.activity.retry(evmNet.id, from, view.id), 1104);
    expect((await w.activity.get(evmNet.id, from, view.id))).toMatchObject({ delivery: 'unconfirmed', canRetry: true });
    await w.activity.retry(evmNet.id, from, view.id);
    expect((await w.settle(from, view.id)).status).toBe('confirmed');
  });
});

describe('Solana: no RPC answers the broadcast', () => {
  const conn = () => new Connection(sol.url, 'confirmed');
  const [from, to] = [SOLANA_DEMO_ACCOUNTS[6] as string, SOLANA_DEMO_ACCOUNTS[7] as string];
  const lamports = async (a: string) => BigInt(await conn().getBalance(new PublicKey(a), 'confirmed'));

  it('records it pending under its signature; Retry re-sends the same signature: paid exactly once', async () => {
    const w = wallet(solNet);
    const before = await lamports(to);
    solProxy.add({ methods: ['sendTransaction'], fault: { kind: 'forward-then-drop' }, times: 1 });
    const view = await w.pay(from, to, '0.5');
    expect(view).toMatchObject({ status: 'pending', delivery: 'unconfirmed', canRetry: true, amount: '500000000' });
    expect((await w.queue()).map((h) => h.id)).toEqual([view.id]);
    expect(await lamports(to)).toBe(before + 500_000_000n);
    const retried = await w.activity.retry(solNet.id, from, view.id);
    expect(retried.delivery).toBeUndefined();
    expect(solProxy.seen().filter((m) => m.includes('sendTransaction'))).toHaveLength(2);
    expect(w.signed).toEqual([from]);
    expect((await w.settle(from, view.id)).status).toBe('confirmed');
    expect(await lamports(to)).toBe(before + 500_000_000n);
  });

  it('a refused transaction leaves no record', async () => {
    const w = wallet(solNet);
    solProxy.add({ methods: ['sendTransaction'], fault: { kind: 'rpc-error', code: -32002, message: 'Transaction simulation failed: Blockhash not found' }, times: 1 });
    await expectCode(w.pay(from, to, '0.1'), 1112);
    expect(await w.records(from)).toEqual([]);
    expect(await w.queue()).toEqual([]);
  });
});
