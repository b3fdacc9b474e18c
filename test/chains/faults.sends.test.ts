// Issue 9 fault rig, sends: the popup send (send service + adapters + activity) and a dapp eth_sendTransaction with the
// fault proxy in front of the real dev chains. Two URLs per network, both in front of one "node" proxy that logs what
// the node acted on: a send that fails over mid-way is signed once and paid once, whatever the fault.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Connection, PublicKey } from '@solana/web3.js';
import { createPublicClient, http, keccak256, parseTransaction, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import {
  DEMO_MNEMONIC, EVM_DEMO_ACCOUNTS, SOLANA_DEMO_ACCOUNTS, SOLANA_GENESIS_HASH, startEvmChain, startSolanaChain, type EvmChain, type SolanaChain,
} from '../../scripts/chains/index';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../../scripts/chains/faultProxy';
import { demoSolanaKeypair } from '../../scripts/chains/keys';
import { getFreePort } from '../../scripts/chains/util';
import { createActivity } from '../../src/background/portfolio/activity';
import type { AdapterCache } from '../../src/background/portfolio/adapters';
import type { NetworkRegistry } from '../../src/background/portfolio/networkRegistry';
import { createSendService } from '../../src/background/portfolio/send';
import type { TokenList } from '../../src/background/portfolio/tokenList';
import { createMemoryStorage } from '../../src/background/storageArea';
import type { EvmNetwork, Network, SolanaNetwork } from '../../src/chains/ChainAdapter';
import { createActivityStore } from '../../src/background/stores/activityStore';
import { RpcUnavailableError } from '../../src/chains/errors';
import { createEvmAdapter } from '../../src/chains/evm/adapter';
import { createNonceTracker } from '../../src/chains/evm/nonceTracker';
import { getBuiltinNetwork } from '../../src/chains/networks';
import { createSolanaAdapter } from '../../src/chains/solana/adapter';
import { errorText } from '../../src/popup/errorText';
import { translate } from '../../src/popup/i18n';
import { EVM0, EVM1, ORIGIN, makeDappEnv, resultOf } from '../unit/background/dapp/dappEnv';

let evm: EvmChain;
let sol: SolanaChain;
/** What the node acted on: every URL below forwards through these. */
let evmNode: FaultProxy;
let solNode: FaultProxy;
let evmA: FaultProxy;
let evmB: FaultProxy;
let solA: FaultProxy;
let solB: FaultProxy;
const T0 = 1_700_000_000_000;
const BACKOFF = 30_000;
const TIMEOUT = 1_000;
const ETH = 10n ** 18n;
const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);
const client = () => createPublicClient({ transport: http(evm.url) });
const conn = () => new Connection(sol.url, 'confirmed');
const lamports = async (a: string) => BigInt(await conn().getBalance(new PublicKey(a), 'confirmed'));
const evmNet = (urls: string[]): EvmNetwork => ({ ...(getBuiltinNetwork('eip155:31337') as EvmNetwork), rpcUrls: urls });
const solNet = (urls: string[]): SolanaNetwork => ({
  ...(getBuiltinNetwork('solana:localnet') as SolanaNetwork), id: `solana:${SOLANA_GENESIS_HASH}`, cluster: 'custom', genesisHash: SOLANA_GENESIS_HASH, custom: true, rpcUrls: urls,
});
/** The calls of one method that reached the node. */
const atNode = (node: FaultProxy, method: string) => node.forwardedCalls().filter((c) => c.method === method);

beforeAll(async () => {
  [evm, sol] = await Promise.all([startEvmChain({ port: await getFreePort() }), startSolanaChain({ port: await getFreePort() })]);
  [evmNode, solNode] = await Promise.all([startFaultProxy(evm.url), startFaultProxy(sol.url)]);
  [evmA, evmB, solA, solB] = await Promise.all([startFaultProxy(evmNode.url), startFaultProxy(evmNode.url), startFaultProxy(solNode.url), startFaultProxy(solNode.url)]);
});
afterAll(async () => {
  await Promise.all([evmA, evmB, solA, solB, evmNode, solNode].map((p) => p?.stop()));
  await Promise.all([evm?.stop(), sol?.stop()]);
});
beforeEach(() => { for (const p of [evmA, evmB, solA, solB, evmNode, solNode]) p.reset(); });

/** The background's send + activity services over one network (adapters with a 1 s per-attempt timeout, clock at T0). */
function wallet(network: Network) {
  const local = createMemoryStorage();
  const store = createActivityStore(local);
  const now = () => T0;
  const adapter = network.family === 'evm'
    ? createEvmAdapter({ network, activity: store, now, timeoutMs: TIMEOUT, nonces: createNonceTracker(now) })
    : createSolanaAdapter({ network, activity: store, now, timeoutMs: TIMEOUT });
  const adapters = { get: () => adapter, clear: () => undefined } as unknown as AdapterCache;
  const registry = { get: async () => network, networks: { all: async () => [network] } } as unknown as NetworkRegistry;
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
  const prepare = (from: string, to: string, amount: string) => send.prepare({ networkId: network.id, from, to, amount, feeTier: 'normal' });
  const pay = async (from: string, to: string, amount: string) => send.confirm((await prepare(from, to, amount)).draftId);
  const settle = async (from: string, id: string) => {
    await expect.poll(async () => { await activity.pollPending(); return (await activity.get(network.id, from, id)).status; }, { timeout: 20_000, interval: 100 })
      .not.toBe('pending');
    return activity.get(network.id, from, id);
  };
  return { adapter, send, activity, prepare, pay, settle, signed };
}

describe('popup send, EVM: failover mid-way pays once', () => {
  const to = EVM_DEMO_ACCOUNTS[9] as Hex;
  const balance = () => client().getBalance({ address: to });
  const nonceOf = (a: Hex) => client().getTransactionCount({ address: a });

  it('latency on every call: the review shows exactly the clean fee; one broadcast, paid once', async () => {
    const from = EVM_DEMO_ACCOUNTS[2] as Hex;
    const clean = await createEvmAdapter({ network: evmNet([evm.url]) }).estimateFees({ networkId: 'eip155:31337', from, to, amount: '1' });
    evmA.add({ fault: { kind: 'latency', ms: 300 } });
    const w = wallet(evmNet([evmA.url, evmB.url]));
    const before = await balance();
    const review = await w.prepare(from, to, '1');
    expect(review.fee.amount).toBe(clean.tiers.normal.maxFee.toString());
    expect(review.tiers).toEqual({ slow: clean.tiers.slow.maxFee.toString(), normal: clean.tiers.normal.maxFee.toString(), fast: clean.tiers.fast.maxFee.toString() });
    const view = await w.send.confirm(review.draftId);
    expect((await w.settle(from, view.id)).status).toBe('confirmed');
    expect(atNode(evmNode, 'eth_sendRawTransaction')).toHaveLength(1);
    expect(await balance()).toBe(before + ETH);
    expect([w.signed, evmB.seen(), w.adapter.transport.backoffState()]).toEqual([[from], [], {}]);
  });

  const FAULTS: [string, number, FaultRule][] = [
    ['503 on every call of URL 1', 3, { fault: { kind: 'status', status: 503 } }],
    ['429 (Retry-After 120) on URL 1\'s broadcast only', 4, { methods: ['eth_sendRawTransaction'], fault: { kind: 'status', status: 429, retryAfterSeconds: 120 } }],
    ['URL 1 hangs on the broadcast (not forwarded)', 5, { methods: ['eth_sendRawTransaction'], fault: { kind: 'hang' } }],
    ['URL 1 forwards the broadcast, then drops the answer', 6, { methods: ['eth_sendRawTransaction'], fault: { kind: 'forward-then-drop' } }],
    ['URL 1 answers the broadcast with malformed JSON (not forwarded)', 7, { methods: ['eth_sendRawTransaction'], fault: { kind: 'malformed' } }],
  ];
  it.each(FAULTS)('%s → URL 2 delivers; signed once, paid once, next nonce', async (_name, i, rule) => {
    const from = EVM_DEMO_ACCOUNTS[i] as Hex;
    evmA.add(rule);
    const w = wallet(evmNet([evmA.url, evmB.url]));
    const [before, nonce0] = await Promise.all([balance(), nonceOf(from)]);
    const view = await w.pay(from, to, '1');
    expect(view.delivery).toBeUndefined(); // a node answered: no "unconfirmed" notice
    expect((await w.settle(from, view.id)).status).toBe('confirmed');
    const raws = atNode(evmNode, 'eth_sendRawTransaction').map((c) => c.params[0] as Hex);
    // forward-then-drop: the node got the same bytes twice (the second answered "already known" / "nonce too low").
    expect(raws).toHaveLength(rule.fault.kind === 'forward-then-drop' ? 2 : 1);
    expect(new Set(raws).size).toBe(1);
    expect(keccak256(raws[0]!)).toBe(view.id);
    expect(w.signed).toEqual([from]);
    expect(await balance()).toBe(before + ETH);
    expect(await nonceOf(from)).toBe(nonce0 + 1);
    const retryAfter = rule.fault.kind === 'status' && rule.fault.retryAfterSeconds !== undefined ? rule.fault.retryAfterSeconds * 1000 : BACKOFF;
    expect(w.adapter.transport.backoffState()).toEqual({ [evmA.url]: T0 + retryAfter });
  });

  it('URL 1 serves another chain: the send goes through URL 2 only; URL 1 never gets the transaction', async () => {
    const from = EVM_DEMO_ACCOUNTS[8] as Hex;
    evmA.add({ fault: { kind: 'answer', results: { eth_chainId: '0x1' } } });
    const w = wallet(evmNet([evmA.url, evmB.url]));
    const before = await balance();
    const view = await w.pay(from, to, '1');
    expect((await w.settle(from, view.id)).status).toBe('confirmed');
    expect(await balance()).toBe(before + ETH);
    expect(evmA.seen()).toEqual([['eth_chainId', 'eth_chainId', 'eth_getBalance', 'eth_getTransactionCount', 'eth_feeHistory', 'eth_gasPrice', 'eth_estimateGas']]);
    expect(w.adapter.transport.wrongNetworkUrls?.()).toEqual({ [evmA.url]: '0x1' });
  });

  it('every URL fails while preparing → 1104 "network unreachable", nothing signed, nothing sent', async () => {
    evmA.add({ fault: { kind: 'status', status: 502 } });
    evmB.add({ fault: { kind: 'drop' } });
    const w = wallet(evmNet([evmA.url, evmB.url]));
    const err = await w.prepare(EVM_DEMO_ACCOUNTS[2] as string, to, '1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: RpcUnavailableError.code });
    expect(errorText(t, err)).toBe('network unreachable');
    expect([w.signed, atNode(evmNode, 'eth_sendRawTransaction')]).toEqual([[], []]);
  });
});

describe('popup send, Solana: failover mid-way pays once', () => {
  const to = SOLANA_DEMO_ACCOUNTS[9] as string;

  const FAULTS: [string, number, FaultRule][] = [
    ['503 on every call of URL 1', 2, { fault: { kind: 'status', status: 503 } }],
    ['URL 1 forwards the broadcast, then drops the answer', 3, { methods: ['sendTransaction'], fault: { kind: 'forward-then-drop' } }],
    ['URL 1 hangs on the broadcast', 4, { methods: ['sendTransaction'], fault: { kind: 'hang' } }],
    ['latency on every call of URL 1', 5, { fault: { kind: 'latency', ms: 300 } }],
  ];
  it.each(FAULTS)('%s → signed once, paid once', async (_name, i, rule) => {
    const from = SOLANA_DEMO_ACCOUNTS[i] as string;
    solA.add(rule);
    const w = wallet(solNet([solA.url, solB.url]));
    const before = await lamports(to);
    const view = await w.pay(from, to, '0.5');
    expect(view.delivery).toBeUndefined();
    expect((await w.settle(from, view.id)).status).toBe('confirmed');
    const wires = atNode(solNode, 'sendTransaction').map((c) => c.params[0]);
    expect(wires).toHaveLength(rule.fault.kind === 'forward-then-drop' ? 2 : 1);
    expect(new Set(wires).size).toBe(1);
    expect(w.signed).toEqual([from]);
    expect(await lamports(to)).toBe(before + 500_000_000n);
  });
});

describe('dapp eth_sendTransaction: no RPC answer still gives the dapp its hash', () => {
  const to = EVM_DEMO_ACCOUNTS[9] as string;
  const tx = (from: string) => ({ from, to, value: '0xde0b6b3a7640000' });

  async function dapp(urls: string[]) {
    const env = await makeDappEnv({ fetch: (url, init) => globalThis.fetch(url, init) });
    await env.connect('evm', [EVM0, EVM1]);
    env.state.decide = () => ({ approved: true });
    const network = evmNet(urls);
    env.ctx.networks = { ...env.ctx.networks, evm: async () => network };
    return env;
  }

  it('one URL that forwards, then drops: the dapp gets the hash, the transaction lands once', async () => {
    const env = await dapp([evmA.url]);
    evmA.add({ methods: ['eth_sendRawTransaction'], fault: { kind: 'forward-then-drop' } });
    const nonce0 = await client().getTransactionCount({ address: EVM0 as Hex });
    const r = await env.call('eth_sendTransaction', [tx(EVM0)]);
    const raws = atNode(evmNode, 'eth_sendRawTransaction').map((c) => c.params[0] as Hex);
    expect(raws).toHaveLength(1);
    expect(r).toEqual({ id: expect.any(String), result: keccak256(raws[0]!) });
    const receipt = await client().waitForTransactionReceipt({ hash: keccak256(raws[0]!) });
    expect(receipt.status).toBe('success');
    expect(parseTransaction(raws[0]!).nonce).toBe(nonce0);
  });

  it('URL 1 forwards then drops, URL 2 says "nonce too low": recognised as ours by its hash → the hash, paid once', async () => {
    const env = await dapp([evmA.url, evmB.url]);
    evmA.add({ methods: ['eth_sendRawTransaction'], fault: { kind: 'forward-then-drop' } });
    const before = await client().getBalance({ address: to as Hex });
    const r = await env.call('eth_sendTransaction', [tx(EVM0)]);
    const raws = atNode(evmNode, 'eth_sendRawTransaction').map((c) => c.params[0] as Hex);
    expect(raws).toHaveLength(2);
    expect(new Set(raws).size).toBe(1);
    expect(r).toEqual({ id: expect.any(String), result: keccak256(raws[0]!) });
    expect(await client().getBalance({ address: to as Hex })).toBe(before + ETH);
  });

  it('a dapp transaction is in Activity before it is sent: no node got it → pending, unconfirmed, Retry; Retry sends the same bytes once, it lands once; a refused one leaves no record', async () => {
    const network = evmNet([evmA.url]);
    const env = await dapp([evmA.url]);
    const local = env.local;
    const store = createActivityStore(local);
    const adapter = createEvmAdapter({ network, activity: store, now: () => T0, timeoutMs: TIMEOUT, nonces: createNonceTracker(() => T0) });
    const activity = createActivity({
      local, now: () => T0, store, adapters: { get: () => adapter, clear: () => undefined } as unknown as AdapterCache,
      registry: { get: async () => network, networks: { all: async () => [network] } } as unknown as NetworkRegistry,
    });
    env.ctx.activity = activity;
    const before = await client().getBalance({ address: to as Hex });
    evmA.add({ methods: ['eth_sendRawTransaction'], fault: { kind: 'drop' }, times: 1 });
    const lost = resultOf(await env.call('eth_sendTransaction', [tx(EVM0)])) as Hex;
    expect(atNode(evmNode, 'eth_sendRawTransaction')).toEqual([]);
    expect(await activity.list({ evm: EVM0 } as never)).toEqual([expect.objectContaining({
      id: lost, origin: ORIGIN, from: EVM0, to, amount: ETH.toString(), symbol: 'ETH', decimals: 18, status: 'pending', delivery: 'unconfirmed', canRetry: true,
    })]);
    expect(await local.get('portfolio:pending')).toEqual([expect.objectContaining({ id: lost, from: EVM0 })]); // the poller follows it
    // Retry: the recorded bytes, not a new signature.
    await activity.retry(network.id, EVM0, lost);
    expect(atNode(evmNode, 'eth_sendRawTransaction').map((c) => keccak256(c.params[0] as Hex))).toEqual([lost]);
    expect((await client().waitForTransactionReceipt({ hash: lost })).status).toBe('success');
    expect(await client().getBalance({ address: to as Hex })).toBe(before + ETH);
    await activity.pollPending();
    expect(await activity.list({ evm: EVM0 } as never)).toEqual([expect.objectContaining({ id: lost, status: 'confirmed' })]);
    // A node that refuses the broadcast: the dapp gets the refusal, and nothing stays in Activity or the poller.
    evmA.add({ methods: ['eth_sendRawTransaction'], fault: { kind: 'rpc-error', code: -32000, message: 'replacement transaction underpriced' }, times: 1 });
    const refused = await env.call('eth_sendTransaction', [tx(EVM0)]);
    expect(refused).toMatchObject({ error: { code: -32603, data: { walletCode: 1105 } } });
    expect((await activity.list({ evm: EVM0 } as never)).map((v) => v.id)).toEqual([lost]);
    expect(await local.get('portfolio:pending')).toEqual([]);
  });

  it('a broadcast no node got: the dapp gets the hash, and its nonce is never signed over again', async () => {
    const env = await dapp([evmA.url]);
    const nonce0 = await client().getTransactionCount({ address: EVM1 as Hex });
    evmA.add({ methods: ['eth_sendRawTransaction'], fault: { kind: 'drop' }, times: 1 });
    const lost = await env.call('eth_sendTransaction', [tx(EVM1)]);
    expect(atNode(evmNode, 'eth_sendRawTransaction')).toEqual([]);
    expect(lost).toEqual({ id: expect.any(String), result: expect.stringMatching(/^0x[0-9a-f]{64}$/) as unknown });
    // The next dapp transaction takes the next nonce, never the one whose bytes may still arrive. (A real node queues
    // it behind the gap; Hardhat's automine refuses it, and the dapp gets that refusal.)
    const next = await env.call('eth_sendTransaction', [tx(EVM1)]);
    const raws = atNode(evmNode, 'eth_sendRawTransaction').map((c) => c.params[0] as Hex);
    expect(raws.map((r) => parseTransaction(r).nonce)).toEqual([nonce0 + 1]);
    expect(keccak256(raws[0]!)).not.toBe((lost as { result: string }).result);
    expect(next).toMatchObject({ error: { code: -32603, data: { walletCode: 1105 } } });
    expect(await client().getTransactionCount({ address: EVM1 as Hex })).toBe(nonce0);
  });
});
