// Bench: balance refresh of 10 accounts x 20 tokens per chain family against the local dev chains — the adapters'
// batched refresh (Multicall3 aggregate3 / one Solana JSON-RPC batch) versus the naive one-request-per-balance way.
// Run alone: npx tsx scripts/bench/chains.ts
import { pathToFileURL } from 'node:url';
import { Keypair } from '@solana/web3.js';
import { encodeFunctionData, erc20Abi, getAddress } from 'viem';
import {
  EVM_DEMO_ACCOUNTS, EVM_DEMO_TOKENS, SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_MINTS, startCountingProxy, startEvmChain, startSolanaChain,
} from '../chains/index';
import { getFreePort } from '../chains/util';
import type { EvmNetwork, SolanaNetwork, Token } from '../../src/chains/ChainAdapter';
import { createEvmAdapter } from '../../src/chains/evm/adapter';
import { getBuiltinNetwork } from '../../src/chains/networks';
import { createSolanaAdapter } from '../../src/chains/solana/adapter';

import type { Figure } from './types';

export type BenchResult = Figure;

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const post = (url: string, method: string, params: unknown[]) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json());

export async function benchChains(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const evm = await startEvmChain({ port: await getFreePort() });
  const proxy = await startCountingProxy(evm.url, 0);
  const sol = await startSolanaChain({ port: await getFreePort() });
  try {
    // ── EVM: 2 demo ERC-20s + 18 addresses without code (their reads fail, the batch does not) ──
    const evmTokens: Token[] = [
      ...EVM_DEMO_TOKENS.map((t) => ({ address: t.address, symbol: t.symbol, decimals: t.decimals })),
      ...Array.from({ length: 18 }, (_, i) => ({ address: getAddress(`0x${(0xbe0c0000 + i).toString(16).padStart(40, '0')}`), symbol: `X${i}`, decimals: 18 })),
    ];
    const evmNet = { ...(getBuiltinNetwork('eip155:31337') as EvmNetwork), rpcUrls: [proxy.url] };
    const evmAdapter = createEvmAdapter({ network: evmNet });
    const evmReq = { accounts: [...EVM_DEMO_ACCOUNTS], tokens: evmTokens };
    await evmAdapter.getBalances(evmReq); // warm-up
    proxy.reset();
    const evmTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) evmTimes.push(await timed(() => evmAdapter.getBalances(evmReq)));
    out.push({ name: 'evm.refresh.requests', value: proxy.count() / RUNS, unit: 'HTTP requests', target: '1', note: '10 accounts x 20 tokens + native, one Multicall3 aggregate3 eth_call' });
    out.push({ name: 'evm.refresh.time', value: Math.round(median(evmTimes) * 10) / 10, unit: 'ms', note: `median of ${RUNS}` });
    const noMc = createEvmAdapter({ network: { ...evmNet, multicall3: undefined } });
    proxy.reset();
    const fbTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) fbTimes.push(await timed(() => noMc.getBalances(evmReq)));
    out.push({ name: 'evm.refresh-no-multicall.requests', value: proxy.count() / RUNS, unit: 'HTTP requests', note: 'fallback: one JSON-RPC batch of 210 calls' });
    out.push({ name: 'evm.refresh-no-multicall.time', value: Math.round(median(fbTimes) * 10) / 10, unit: 'ms', note: `median of ${RUNS}` });
    proxy.reset();
    const naiveEvm = await timed(() => Promise.all(EVM_DEMO_ACCOUNTS.flatMap((a) => [
      post(proxy.url, 'eth_getBalance', [a, 'latest']),
      ...evmTokens.map((t) => post(proxy.url, 'eth_call', [{ to: t.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [a] }) }, 'latest'])),
    ])));
    out.push({ name: 'evm.naive.requests', value: proxy.count(), unit: 'HTTP requests', note: 'one eth_getBalance / eth_call per balance, all in parallel' });
    out.push({ name: 'evm.naive.time', value: Math.round(naiveEvm * 10) / 10, unit: 'ms' });

    // ── Solana: SPL + Token-2022 demo mints + 18 mints that do not exist ──
    const solTokens: Token[] = [
      ...SOLANA_DEMO_MINTS.map((m) => ({ address: m.address, symbol: m.symbol, decimals: m.decimals, programId: m.programId })),
      ...Array.from({ length: 18 }, (_, i) => ({ address: Keypair.generate().publicKey.toBase58(), symbol: `X${i}`, decimals: 6 })),
    ];
    const solNet = { ...(getBuiltinNetwork('solana:localnet') as SolanaNetwork), rpcUrls: [sol.url] };
    const solAdapter = createSolanaAdapter({ network: solNet });
    const solReq = { accounts: [...SOLANA_DEMO_ACCOUNTS], tokens: solTokens };
    await solAdapter.getBalances(solReq);
    sol.resetRequestCount();
    const solTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) solTimes.push(await timed(() => solAdapter.getBalances(solReq)));
    out.push({ name: 'solana.refresh.requests', value: sol.requestCount() / RUNS, unit: 'HTTP requests', target: '1', note: 'getMultipleAccounts + 2 x getTokenAccountsByOwner per account in one JSON-RPC batch' });
    out.push({ name: 'solana.refresh.time', value: Math.round(median(solTimes) * 10) / 10, unit: 'ms', note: `median of ${RUNS}` });
    sol.resetRequestCount();
    const naiveSol = await timed(() => Promise.all(SOLANA_DEMO_ACCOUNTS.flatMap((a) => [
      post(sol.url, 'getBalance', [a]),
      ...solTokens.map((t) => post(sol.url, 'getTokenAccountsByOwner', [a, { mint: t.address }, { encoding: 'base64' }])),
    ])));
    out.push({ name: 'solana.naive.requests', value: sol.requestCount(), unit: 'HTTP requests', note: 'one getBalance / getTokenAccountsByOwner(mint) per balance, all in parallel' });
    out.push({ name: 'solana.naive.time', value: Math.round(naiveSol * 10) / 10, unit: 'ms' });
  } finally {
    await Promise.all([proxy.stop(), evm.stop(), sol.stop()]);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchChains().then((r) => console.table(r), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
