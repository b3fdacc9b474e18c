// Bench: EVM pre-sign preview latency (median, p95) and HTTP requests per preview, for an ETH transfer, an ERC-20
// transfer and a swap on the demo mUSD/mWETH pool (its approval is sent before timing) on each path: anvil
// (eth_simulateV1) and Hardhat 2 (in-worker EVM), each behind a counting proxy. The probe of eth_simulateV1 support
// is done once per node before timing (as the memo makes it in the wallet).
// Run alone: npx tsx scripts/bench/evmPreview.ts
import { pathToFileURL } from 'node:url';
import { createPublicClient, createWalletClient, defineChain, encodeFunctionData, erc20Abi, http, parseAbi, type Address } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { startAnvilChain } from '../chains/anvil';
import {
  DEMO_MNEMONIC, EVM_CHAIN_ID, EVM_DEMO_ACCOUNTS, EVM_DEMO_POOL, EVM_DEMO_USD, startCountingProxy, startEvmChain, type EvmChain,
} from '../chains/index';
import { getFreePort } from '../chains/util';
import { createSimulateV1Memo, previewEvmTransaction, type EvmPreviewInput } from '../../src/chains/evm/preview';
import { createRpcTransport } from '../../src/chains/rpcTransport';
import type { Figure } from './types';

const RUNS = 30;
const WARMUP = 3;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
};
const round = (x: number) => Math.round(x * 10) / 10;

const FROM = EVM_DEMO_ACCOUNTS[1] as Address;
const TO = EVM_DEMO_ACCOUNTS[2] as Address;
const SWAP_IN = 1_000_000_000n; // 1,000 mUSD
const POOL_ABI = parseAbi(['function swapExactIn(address tokenIn, uint256 amountIn, uint256 minOut, address to) returns (uint256)']);
const CASES: Array<[string, EvmPreviewInput]> = [
  ['eth-transfer', { from: FROM, to: TO, value: 10n ** 18n, data: '0x', chainId: 31337 }],
  ['erc20-transfer', { from: FROM, to: EVM_DEMO_USD.address, value: 0n, chainId: 31337,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [TO, 1_000_000n] }) }],
  ['amm-swap', { from: FROM, to: EVM_DEMO_POOL.address, value: 0n, chainId: 31337,
    data: encodeFunctionData({ abi: POOL_ABI, functionName: 'swapExactIn', args: [EVM_DEMO_USD.address, SWAP_IN, 1n, FROM] }) }],
];

/** The swap needs the pool's allowance: FROM approves it once, on the bench's own fresh chain, before timing. */
async function approvePool(url: string): Promise<void> {
  const chain = defineChain({ id: EVM_CHAIN_ID, name: 'bench', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [url] } } });
  const wallet = createWalletClient({ account: mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: 1 }), chain, transport: http(url) });
  const hash = await wallet.writeContract({ address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'approve', args: [EVM_DEMO_POOL.address, SWAP_IN] });
  const receipt = await createPublicClient({ chain, transport: http(url) }).waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== 'success') throw new Error('bench: approving the demo pool failed');
}

async function benchNode(name: string, chain: EvmChain, target: string): Promise<Figure[]> {
  await approvePool(chain.url);
  const proxy = await startCountingProxy(chain.url, 0);
  const out: Figure[] = [];
  try {
    const memo = createSimulateV1Memo();
    const transport = createRpcTransport({ urls: [proxy.url] });
    const deps = { transport, now: () => performance.now(), simulateV1Support: memo, accounts: [FROM], timeBudgetMs: 10_000 };
    for (const [label, input] of CASES) {
      for (let i = 0; i < WARMUP; i++) await previewEvmTransaction(input, deps);
      proxy.reset();
      const times: number[] = [];
      let engine = '';
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const p = await previewEvmTransaction(input, deps);
        times.push(performance.now() - t);
        if (p.status !== 'simulated') throw new Error(`${name} ${label}: not simulated (${p.reason})`);
        if (p.reverted) throw new Error(`${name} ${label}: will fail (${p.reverted.reason})`);
        if (label === 'amm-swap' && p.changes.length !== 2) throw new Error(`${name} ${label}: ${p.changes.length} changes, expected mUSD out and mWETH in`);
        engine = p.engine;
      }
      const note = `${engine}, ${RUNS} runs after ${WARMUP} warm-up (probe done)`;
      out.push({ name: `evmPreview.${name}.${label}.median`, value: round(quantile(times, 0.5)), unit: 'ms', target, note });
      out.push({ name: `evmPreview.${name}.${label}.p95`, value: round(quantile(times, 0.95)), unit: 'ms', target, note });
      out.push({ name: `evmPreview.${name}.${label}.requests`, value: proxy.count() / RUNS, unit: 'HTTP requests', note: 'per preview' });
    }
  } finally {
    await proxy.stop();
  }
  return out;
}

export async function benchEvmPreview(): Promise<Figure[]> {
  const anvil = await startAnvilChain();
  let hardhat: EvmChain | undefined;
  try {
    hardhat = await startEvmChain({ port: await getFreePort() });
    return [
      ...await benchNode('anvil', anvil, '≤ 300 ms'),
      ...await benchNode('hardhat', hardhat, '≤ 1000 ms'),
    ];
  } finally {
    await Promise.all([anvil.stop(), hardhat?.stop()]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchEvmPreview().then((r) => console.table(r), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
