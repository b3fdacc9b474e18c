// Issue 9 fault rig, reads: balances refresh, the portfolio, fee estimation and custom-network checks with the RPC
// fault proxy in front of the real dev chains (Hardhat, litesvm). Two URLs per network: the first faulty, the second
// clean → the answer comes from the second and the first is backed off exactly; every URL faulty → a coded error in
// a bounded time, while the cached portfolio is served from storage at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeFunctionResult, type Hex } from 'viem';
import {
  EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, EVM_INITIAL_ETH_WEI, SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_SPL_MINT, SOLANA_GENESIS_HASH, SOLANA_INITIAL_LAMPORTS,
  startEvmChain, startSolanaChain, type EvmChain, type SolanaChain,
} from '../../scripts/chains/index';
import { startFaultProxy, type Fault, type FaultProxy } from '../../scripts/chains/faultProxy';
import { getFreePort } from '../../scripts/chains/util';
import type { AdapterCache } from '../../src/background/portfolio/adapters';
import type { NetworkRegistry } from '../../src/background/portfolio/networkRegistry';
import { createPortfolio, statusKey } from '../../src/background/portfolio/portfolio';
import type { PriceService } from '../../src/background/portfolio/prices';
import type { TokenList } from '../../src/background/portfolio/tokenList';
import { UI_SETTINGS_KEY } from '../../src/background/portfolio/uiSettings';
import { createMemoryStorage } from '../../src/background/storageArea';
import type { EvmNetwork, Network, SolanaNetwork, Token, TransferRequest } from '../../src/chains/ChainAdapter';
import { ChainIdMismatchError, RpcUnavailableError, WrongNetworkError } from '../../src/chains/errors';
import { multicall3Abi } from '../../src/chains/evm/abi';
import { createEvmAdapter } from '../../src/chains/evm/adapter';
import { getBuiltinNetwork } from '../../src/chains/networks';
import { createSolanaAdapter } from '../../src/chains/solana/adapter';
import { validateCustomNetwork } from '../../src/chains/validateCustomNetwork';
import { errorText } from '../../src/popup/errorText';
import { translate } from '../../src/popup/i18n';
import { expectCode } from './helpers/adapterFlow';

let evm: EvmChain;
let sol: SolanaChain;
let evmA: FaultProxy;
let evmB: FaultProxy;
let solA: FaultProxy;
let solB: FaultProxy;
const T0 = 1_700_000_000_000;
const BACKOFF = 30_000; // the transport's default first back-off
const TIMEOUT = 1_000; // per-attempt timeout given to the adapters here (the default is 10 s)
const MUSD = 10n ** 6n;
const evmToken: Token = { address: EVM_DEMO_USD.address, symbol: 'mUSD', decimals: 6 };
const splToken: Token = { address: SOLANA_DEMO_SPL_MINT.address, symbol: 'mUSD', decimals: 6, programId: SOLANA_DEMO_SPL_MINT.programId };
const evmWho = EVM_DEMO_ACCOUNTS[3] as `0x${string}`;
const solWho = SOLANA_DEMO_ACCOUNTS[3] as string;
const DEVNET_GENESIS = 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG';
const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);

const evmNet = (urls: string[]): EvmNetwork => ({ ...(getBuiltinNetwork('eip155:31337') as EvmNetwork), rpcUrls: urls });
/** The dev chain as a custom Solana network: it pins the genesis hash, so a URL of another cluster is refused. */
const solNet = (urls: string[]): SolanaNetwork => ({
  ...(getBuiltinNetwork('solana:localnet') as SolanaNetwork), id: `solana:${SOLANA_GENESIS_HASH}`, cluster: 'custom', genesisHash: SOLANA_GENESIS_HASH, custom: true, rpcUrls: urls,
});
const evmAdapter = (urls: string[], now = () => T0) => createEvmAdapter({ network: evmNet(urls), now, timeoutMs: TIMEOUT });
const solAdapter = (urls: string[], now = () => T0) => createSolanaAdapter({ network: solNet(urls), now, timeoutMs: TIMEOUT });
/** What an untouched demo account holds (nothing in this file sends). */
const RIGHT_EVM = { native: EVM_INITIAL_ETH_WEI, tokens: { [EVM_DEMO_USD.address]: 1_000_000n * MUSD } };
const RIGHT_SOL = { native: SOLANA_INITIAL_LAMPORTS, tokens: { [SOLANA_DEMO_SPL_MINT.address]: 1_000_000n * MUSD } };
const stopwatch = () => { const t0 = performance.now(); return () => performance.now() - t0; };

beforeAll(async () => {
  [evm, sol] = await Promise.all([startEvmChain({ port: await getFreePort() }), startSolanaChain({ port: await getFreePort() })]);
  [evmA, evmB, solA, solB] = await Promise.all([startFaultProxy(evm.url), startFaultProxy(evm.url), startFaultProxy(sol.url), startFaultProxy(sol.url)]);
});
afterAll(async () => {
  await Promise.all([evmA, evmB, solA, solB].map((p) => p?.stop()));
  await Promise.all([evm?.stop(), sol?.stop()]);
});
beforeEach(() => { for (const p of [evmA, evmB, solA, solB]) p.reset(); });

/** Each fault on the first URL, and the back-off it must leave (the clock stands at T0). */
const FAILOVER: [string, Fault, number][] = [
  ['429 with Retry-After: 120', { kind: 'status', status: 429, retryAfterSeconds: 120 }, 120_000],
  ['429 with Retry-After: 5 (shorter than the back-off)', { kind: 'status', status: 429, retryAfterSeconds: 5 }, BACKOFF],
  ['503', { kind: 'status', status: 503 }, BACKOFF],
  ['502 with Retry-After: 600', { kind: 'status', status: 502, retryAfterSeconds: 600 }, 600_000],
  ['timeout (hang)', { kind: 'hang' }, BACKOFF],
  ['latency above the timeout', { kind: 'latency', ms: TIMEOUT + 500 }, BACKOFF],
  ['connection dropped', { kind: 'drop' }, BACKOFF],
  ['forward then drop', { kind: 'forward-then-drop' }, BACKOFF],
  ['malformed JSON', { kind: 'malformed' }, BACKOFF],
  ['50 MB answer', { kind: 'huge', bytes: 50_000_000 }, BACKOFF],
  ['50 MB answer with Content-Length', { kind: 'huge', bytes: 50_000_000, declareLength: true }, BACKOFF],
];

describe('balances refresh: failover from a faulty first URL', () => {
  it.each(FAILOVER)('EVM, %s → the second URL answers, the first is backed off', async (_name, fault, backoff) => {
    evmA.add({ fault });
    const adapter = evmAdapter([evmA.url, evmB.url]);
    const elapsed = stopwatch();
    const snap = await adapter.getBalances({ accounts: [evmWho], tokens: [evmToken] });
    expect(snap.accounts[evmWho]).toEqual(RIGHT_EVM);
    expect(elapsed()).toBeLessThan(TIMEOUT + 1_500);
    expect(adapter.transport.backoffState()).toEqual({ [evmA.url]: T0 + backoff });
    // One HTTP request each: the chain id check rides in the first batch sent to each URL.
    expect(evmA.seen()).toEqual([['eth_chainId', 'eth_call']]);
    expect(evmB.seen()).toEqual([['eth_chainId', 'eth_call']]);
    if (fault.kind === 'huge') expect(evmA.hugeBytesSent()).toBeLessThan(30_000_000); // abandoned early
    // While backed off, the second URL is asked first; it is checked already (no eth_chainId again).
    expect((await adapter.getBalances({ accounts: [evmWho], tokens: [evmToken] })).accounts[evmWho]).toEqual(RIGHT_EVM);
    expect([evmA.seen().length, evmB.seen()]).toEqual([1, [['eth_chainId', 'eth_call'], ['eth_call']]]);
  });

  it.each(FAILOVER)('Solana, %s → the second URL answers, the first is backed off', async (_name, fault, backoff) => {
    solA.add({ fault });
    const adapter = solAdapter([solA.url, solB.url]);
    const snap = await adapter.getBalances({ accounts: [solWho], tokens: [splToken] });
    expect(snap.accounts[solWho]).toEqual(RIGHT_SOL);
    expect(adapter.transport.backoffState()).toEqual({ [solA.url]: T0 + backoff });
    expect(solB.seen()).toEqual([['getGenesisHash', 'getMultipleAccounts', 'getTokenAccountsByOwner', 'getTokenAccountsByOwner']]);
    if (fault.kind === 'huge') expect(solA.hugeBytesSent()).toBeLessThan(30_000_000); // abandoned early
  });

  it('latency below the timeout: slower, same numbers, no failover', async () => {
    evmA.add({ fault: { kind: 'latency', ms: 400 } });
    const adapter = evmAdapter([evmA.url, evmB.url]);
    const elapsed = stopwatch();
    expect((await adapter.getBalances({ accounts: [evmWho], tokens: [evmToken] })).accounts[evmWho]).toEqual(RIGHT_EVM);
    expect(elapsed()).toBeGreaterThanOrEqual(400);
    expect([adapter.transport.backoffState(), evmB.seen()]).toEqual([{}, []]);
  });

  it('every URL fails → RpcUnavailableError (1104) naming each, within urls × timeout', async () => {
    evmA.add({ fault: { kind: 'hang' } });
    evmB.add({ fault: { kind: 'status', status: 503 } });
    const adapter = evmAdapter([evmA.url, evmB.url]);
    const elapsed = stopwatch();
    await expect(adapter.getBalances({ accounts: [evmWho], tokens: [evmToken] })).rejects.toMatchObject({
      code: RpcUnavailableError.code, message: expect.stringMatching(/^All RPC endpoints failed \(/) as unknown,
      data: { reasons: [`${evmA.url}: timeout after ${TIMEOUT} ms`, `${evmB.url}: HTTP 503`] },
    });
    expect(elapsed()).toBeLessThan(2 * TIMEOUT + 1_000);
    expect(adapter.transport.backoffState()).toEqual({ [evmA.url]: T0 + BACKOFF, [evmB.url]: T0 + BACKOFF });
  });
});

describe('a URL that serves another chain', () => {
  /** Multicall3 aggregate3 answer claiming 1 wei and 2 mUSD: what a wrong chain would report. */
  const bogusAggregate = encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: [
    { success: true, returnData: `0x${1n.toString(16).padStart(64, '0')}` as Hex }, { success: true, returnData: `0x${2n.toString(16).padStart(64, '0')}` as Hex },
  ] });

  it('EVM: URL 1 answers chain 1 (and other balances), URL 2 the right chain → the right numbers, URL 1 refused for the session', async () => {
    evmA.add({ fault: { kind: 'answer', results: { eth_chainId: '0x1', eth_call: bogusAggregate } } });
    const adapter = evmAdapter([evmA.url, evmB.url]);
    expect((await adapter.getBalances({ accounts: [evmWho], tokens: [evmToken] })).accounts[evmWho]).toEqual(RIGHT_EVM);
    expect([adapter.transport.wrongNetworkUrls?.(), adapter.transport.backoffState()]).toEqual([{ [evmA.url]: '0x1' }, {}]);
    // Fees and later reads never go to it again.
    await adapter.estimateFees({ networkId: 'eip155:31337', from: evmWho, to: EVM_DEMO_ACCOUNTS[4] as string, amount: '1' });
    await adapter.getBalances({ accounts: [evmWho], tokens: [evmToken] });
    expect(evmA.seen()).toHaveLength(1);
  });

  it('EVM: only a URL of another chain → WrongNetworkError (1103) for balances and fees; the portfolio shows why', async () => {
    evmA.add({ fault: { kind: 'answer', results: { eth_chainId: '0x1', eth_call: bogusAggregate } } });
    const adapter = evmAdapter([evmA.url]);
    await expect(adapter.getBalances({ accounts: [evmWho], tokens: [evmToken] })).rejects.toMatchObject({
      code: WrongNetworkError.code, message: expect.stringMatching(/^No RPC URL of this network serves it: they answer eth_chainId 0x1, not 31337 \(/) as unknown,
      data: { expected: '31337', got: ['0x1'] },
    });
    await expectCode(adapter.estimateFees({ networkId: 'eip155:31337', from: evmWho, to: EVM_DEMO_ACCOUNTS[4] as string, amount: '1' }), WrongNetworkError.code);
    expect(evmA.seen()).toHaveLength(1); // refused once, not asked again
  });

  it('Solana (pinned genesis): URL 1 answers devnet\'s genesis and 1 lamport, URL 2 the right cluster → the right numbers', async () => {
    solA.add({ fault: { kind: 'answer', results: { getGenesisHash: DEVNET_GENESIS, getMultipleAccounts: { context: { slot: 1 }, value: [{ lamports: 1, owner: '11111111111111111111111111111111', data: ['', 'base64'], executable: false }] } } } });
    const adapter = solAdapter([solA.url, solB.url]);
    expect((await adapter.getBalances({ accounts: [solWho], tokens: [splToken] })).accounts[solWho]).toEqual(RIGHT_SOL);
    expect(adapter.transport.wrongNetworkUrls?.()).toEqual({ [solA.url]: DEVNET_GENESIS });
    const only = solAdapter([solA.url]);
    await expectCode(only.getBalances({ accounts: [solWho], tokens: [splToken] }), WrongNetworkError.code);
  });
});

describe('fee estimation under faults', () => {
  const req: TransferRequest = { networkId: 'eip155:31337', from: evmWho, to: EVM_DEMO_ACCOUNTS[4] as string, amount: '1' };
  const solReq = (networkId: string): TransferRequest => ({ networkId, from: solWho, to: SOLANA_DEMO_ACCOUNTS[4] as string, amount: '0.5' });

  it('EVM: latency and a 5xx first URL give exactly the fee of a clean RPC; all URLs 5xx → 1104', async () => {
    const clean = await createEvmAdapter({ network: evmNet([evm.url]) }).estimateFees(req);
    expect(clean.tiers.normal.maxFee).toBeGreaterThan(0n);
    evmA.add({ fault: { kind: 'latency', ms: 300 } });
    const elapsed = stopwatch();
    expect(await evmAdapter([evmA.url]).estimateFees(req)).toEqual(clean);
    expect(elapsed()).toBeGreaterThanOrEqual(300);
    evmA.clear();
    evmA.add({ fault: { kind: 'status', status: 502 } });
    const failover = evmAdapter([evmA.url, evmB.url]);
    expect(await failover.estimateFees(req)).toEqual(clean);
    expect(failover.transport.backoffState()).toEqual({ [evmA.url]: T0 + BACKOFF });
    evmB.add({ fault: { kind: 'status', status: 503 } });
    const err = await evmAdapter([evmA.url, evmB.url]).estimateFees(req).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: RpcUnavailableError.code, data: { reasons: [`${evmA.url}: HTTP 502`, `${evmB.url}: HTTP 503`] } });
    expect(errorText(t, err)).toBe('network unreachable');
  });

  it('Solana: a malformed first URL gives exactly the fee of a clean RPC', async () => {
    const net = solNet([sol.url]);
    const clean = await createSolanaAdapter({ network: net }).estimateFees(solReq(net.id));
    solA.add({ fault: { kind: 'malformed' } });
    const failover = solAdapter([solA.url, solB.url]);
    expect(await failover.estimateFees(solReq(net.id))).toEqual(clean);
    expect(failover.transport.backoffState()).toEqual({ [solA.url]: T0 + BACKOFF });
  });
});

describe('portfolio: every URL failing', () => {
  const local = createMemoryStorage();
  let clock = T0;
  const now = () => clock;
  const evmN = evmNet([]);
  const solN = solNet([]);
  const adapters = new Map<string, ReturnType<typeof evmAdapter> | ReturnType<typeof solAdapter>>();
  /** One adapter per network for the whole test, as the background keeps them (back-offs persist). */
  const cache = { get: (n: Network) => adapters.get(n.id)!, clear: () => adapters.clear() } as unknown as AdapterCache;
  const portfolio = () => createPortfolio({
    local, now, adapters: cache,
    registry: { enabled: async () => [evmN, solN] } as unknown as NetworkRegistry,
    tokens: { visible: async (id: string) => (id === evmN.id ? [evmToken] : [splToken]) } as unknown as TokenList,
    prices: { read: async () => ({ at: 0, usd: {} }), refresh: async () => ({ at: 0, usd: {} }) } as unknown as PriceService,
    account: async () => ({ id: 'hd:3', name: 'Account 4', kind: 'hd', index: 3, evm: evmWho, solana: solWho }),
  });
  const evmView = (v: Awaited<ReturnType<ReturnType<typeof portfolio>['cached']>>) => v.networks.find((n) => n.networkId === evmN.id)!;
  const amounts = (n: { assets: { amount: string | null }[] }) => n.assets.map((a) => a.amount);

  it('serves the cached balances at once while the RPC hangs; refresh ends within urls × timeout with an offline status', async () => {
    await local.set({ [UI_SETTINGS_KEY]: { pricesEnabled: false } });
    adapters.set(evmN.id, evmAdapter([evmA.url, evmB.url], now));
    adapters.set(solN.id, solAdapter([solA.url, solB.url], now));
    const p = portfolio();
    // 1. Everything answers: balances cached.
    const fresh = await p.refresh();
    expect(fresh.networks.map((n) => [n.networkId, n.at, n.error, amounts(n)])).toEqual([
      [evmN.id, T0, undefined, [RIGHT_EVM.native.toString(), (1_000_000n * MUSD).toString()]],
      [solN.id, T0, undefined, [RIGHT_SOL.native.toString(), (1_000_000n * MUSD).toString()]],
    ]);

    // 2. Every EVM URL hangs. The refresh is in flight; the cached view does not wait for it.
    clock = T0 + 60_000;
    evmA.add({ fault: { kind: 'hang' } });
    evmB.add({ fault: { kind: 'hang' } });
    let refreshed = false;
    const elapsedRefresh = stopwatch();
    const refreshing = p.refresh().then((v) => { refreshed = true; return v; });
    await expect.poll(() => evmA.seen().length).toBe(2); // the refresh's request is at the hanging RPC
    const elapsedCached = stopwatch();
    const cachedView = await p.cached();
    expect(elapsedCached()).toBeLessThan(200);
    expect(refreshed).toBe(false);
    expect([evmView(cachedView).at, evmView(cachedView).error, amounts(evmView(cachedView))])
      .toEqual([T0, undefined, [RIGHT_EVM.native.toString(), (1_000_000n * MUSD).toString()]]);

    // 3. The refresh ends (never throws) after both attempts timed out: offline status, last balances and their age.
    const after = await refreshing;
    expect(elapsedRefresh()).toBeGreaterThanOrEqual(2 * TIMEOUT - 50);
    expect(elapsedRefresh()).toBeLessThan(2 * TIMEOUT + 1_500);
    expect(evmView(after)).toMatchObject({ at: T0, error: { code: 1104, message: 'All RPC endpoints failed' } });
    expect(amounts(evmView(after))).toEqual([RIGHT_EVM.native.toString(), (1_000_000n * MUSD).toString()]);
    expect(await local.get(statusKey(evmN.id, evmWho))).toEqual({ code: 1104, message: 'All RPC endpoints failed', at: T0 + 60_000 });
    expect(after.networks.find((n) => n.networkId === solN.id)).toMatchObject({ at: T0 + 60_000 });
    expect(after.networks.find((n) => n.networkId === solN.id)!.error).toBeUndefined();
    // The reopened popup paints this at once (storage only) with the offline notice.
    expect(await p.cached()).toEqual(after);

    // 4. 429 / 5xx / malformed on every URL: the same status, quickly.
    evmA.clear(); evmB.clear();
    evmA.add({ fault: { kind: 'status', status: 429, retryAfterSeconds: 30 } });
    evmB.add({ fault: { kind: 'malformed' } });
    clock = T0 + 120_000;
    const quick = stopwatch();
    expect(evmView(await p.refresh()).error).toEqual({ code: 1104, message: 'All RPC endpoints failed' });
    expect(quick()).toBeLessThan(1_000);

    // 5. Back: the status is cleared and the balances are fresh.
    evmA.clear(); evmB.clear();
    clock = T0 + 180_000;
    const back = evmView(await p.refresh());
    expect([back.at, back.error]).toEqual([T0 + 180_000, undefined]);
    expect(await local.get(statusKey(evmN.id, evmWho))).toBeUndefined();
  });
});

describe('custom-network checks under faults: coded errors naming the URL, no hang', () => {
  const check = (urls: string[], extra: Record<string, unknown> = {}) =>
    validateCustomNetwork({ family: 'evm', name: 'Faulty', chainId: 31337, rpcUrls: urls, ...extra } as never, { timeoutMs: TIMEOUT });
  /** [fault, code, data, what the Settings form shows] */
  const CASES: [string, Fault, number, (url: string) => Record<string, unknown>, (url: string) => string][] = [
    ['429', { kind: 'status', status: 429, retryAfterSeconds: 60 }, 1104, (url) => ({ url, reason: 'HTTP 429' }), (url) => `Cannot reach ${url}.`],
    ['503', { kind: 'status', status: 503 }, 1104, (url) => ({ url, reason: 'HTTP 503' }), (url) => `Cannot reach ${url}.`],
    ['hang', { kind: 'hang' }, 1104, (url) => ({ url, reason: `timeout after ${TIMEOUT} ms` }), (url) => `Cannot reach ${url}.`],
    ['drop', { kind: 'drop' }, 1104, (url) => ({ url, reason: 'fetch failed' }), (url) => `Cannot reach ${url}.`],
    ['malformed JSON', { kind: 'malformed' }, 1104, (url) => ({ url, detail: 'unparsable response' }), (url) => `${url} does not answer like a node of this kind of network.`],
    ['50 MB answer', { kind: 'huge', bytes: 50_000_000 }, 1104, (url) => ({ url, detail: 'response is over the 10485760-byte limit' }), (url) => `${url} does not answer like a node of this kind of network.`],
    ['eth_chainId refused', { kind: 'rpc-error', code: -32601, message: 'Method not found' }, 1104, (url) => ({ url }), (url) => `${url} does not answer like a node of this kind of network.`],
    ['wrong chain id', { kind: 'answer', results: { eth_chainId: '0x1' } }, ChainIdMismatchError.code, (url) => ({ url, expected: 31337, got: 1 }), () => 'This RPC URL serves chain ID 1, not 31337.'],
  ];

  it.each(CASES)('EVM, %s', async (_name, fault, code, data, shown) => {
    evmA.add({ fault });
    const elapsed = stopwatch();
    const err = await check([evmB.url, evmA.url]).catch((e: unknown) => e);
    expect(elapsed()).toBeLessThan(TIMEOUT + 1_000);
    expect(err).toMatchObject({ code, data: data(evmA.url) });
    expect(errorText(t, err)).toBe(shown(evmA.url));
  });

  it('latency below the timeout passes; three hanging URLs end after one timeout (probed in parallel)', async () => {
    evmA.add({ fault: { kind: 'latency', ms: 300 } });
    expect(await check([evmA.url])).toMatchObject({ chainId: 31337, rpcUrls: [evmA.url] });
    evmA.clear();
    const hangs = await Promise.all([0, 1, 2].map(() => startFaultProxy(evm.url)));
    try {
      for (const h of hangs) h.add({ fault: { kind: 'hang' } });
      const elapsed = stopwatch();
      const err = await check(hangs.map((h) => h.url)).catch((e: unknown) => e);
      expect(elapsed()).toBeLessThan(TIMEOUT + 1_000);
      expect(err).toMatchObject({ code: 1104, data: { url: hangs[0]!.url, reason: `timeout after ${TIMEOUT} ms` } });
    } finally {
      await Promise.all(hangs.map((h) => h.stop()));
    }
  });

  it('Solana: another cluster\'s genesis → 1106 naming the URL; a 503 → 1104 naming the URL', async () => {
    solA.add({ fault: { kind: 'answer', results: { getGenesisHash: DEVNET_GENESIS } } });
    const input = { family: 'solana' as const, name: 'Faulty', rpcUrls: [solB.url, solA.url] };
    const err = await validateCustomNetwork(input, { timeoutMs: TIMEOUT }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ChainIdMismatchError.code, data: { url: solA.url, expected: SOLANA_GENESIS_HASH, got: DEVNET_GENESIS } });
    solA.clear();
    solA.add({ fault: { kind: 'status', status: 503 } });
    const down = await validateCustomNetwork(input, { timeoutMs: TIMEOUT }).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 1104, data: { url: solA.url, reason: 'HTTP 503' } });
    expect(errorText(t, down)).toBe(`Cannot reach ${solA.url}.`);
  });
});
