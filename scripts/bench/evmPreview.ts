// Bench: EVM pre-sign preview latency (median, p95) and HTTP requests per preview, for an ETH transfer and an ERC-20
// transfer on each path: anvil (eth_simulateV1) and Hardhat 2 (in-worker EVM), each behind a counting proxy. The
// probe of eth_simulateV1 support is done once per node before timing (as the memo makes it in the wallet).
// Run alone: npx tsx scripts/bench/evmPreview.ts
import { pathToFileURL } from 'node:url';
import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import { startAnvilChain } from '../chains/anvil';
import { EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, startCountingProxy, startEvmChain, type EvmChain } from '../chains/index';
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
const CASES: Array<[string, EvmPreviewInput]> = [
  ['eth-transfer', { from: FROM, to: TO, value: 10n ** 18n, data: '0x', chainId: 31337 }],
  ['erc20-transfer', { from: FROM, to: EVM_DEMO_USD.address, value: 0n, chainId: 31337,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [TO, 1_000_000n] }) }],
];

async function benchNode(name: string, chain: EvmChain, target: string): Promise<Figure[]> {
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
