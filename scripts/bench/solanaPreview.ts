// Bench: Solana pre-sign preview latency (median, p95) and HTTP requests per preview for a SOL transfer and an SPL
// transfer on the litesvm dev chain, behind a counting proxy. Run alone: npx tsx scripts/bench/solanaPreview.ts
import { pathToFileURL } from 'node:url';
import { Connection, PublicKey, SystemProgram, Transaction, type TransactionInstruction } from '@solana/web3.js';
import { createTransferCheckedInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_SPL_MINT, startCountingProxy, startSolanaChain } from '../chains/index';
import { getFreePort } from '../chains/util';
import { previewSolanaTransaction } from '../../src/chains/solana/preview/preview';
import { createRpcTransport } from '../../src/chains/rpcTransport';
import type { Figure } from './types';

const RUNS = 30;
const WARMUP = 3;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;

export async function benchSolanaPreview(): Promise<Figure[]> {
  const chain = await startSolanaChain({ port: await getFreePort() });
  const proxy = await startCountingProxy(chain.url, 0);
  const out: Figure[] = [];
  try {
    const [from, to] = [new PublicKey(SOLANA_DEMO_ACCOUNTS[1]!), new PublicKey(SOLANA_DEMO_ACCOUNTS[2]!)];
    const mint = new PublicKey(SOLANA_DEMO_SPL_MINT.address);
    const program = new PublicKey(SOLANA_DEMO_SPL_MINT.programId);
    const ata = (o: PublicKey) => getAssociatedTokenAddressSync(mint, o, true, program);
    const blockhash = (await new Connection(chain.url, 'confirmed').getLatestBlockhash()).blockhash;
    const wire = (ix: TransactionInstruction) => new Transaction({ feePayer: from, recentBlockhash: blockhash }).add(ix)
      .serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
    const cases: Array<[string, string]> = [
      ['sol-transfer', wire(SystemProgram.transfer({ fromPubkey: from, toPubkey: to, lamports: 1_000_000 }))],
      ['spl-transfer', wire(createTransferCheckedInstruction(ata(from), mint, ata(to), from, 1_000_000n, 6, [], program))],
    ];
    const deps = { transport: createRpcTransport({ urls: [proxy.url], exactIntegers: true }), ownAccounts: [from.toBase58()], timeBudgetMs: 10_000 };
    for (const [label, w] of cases) {
      for (let i = 0; i < WARMUP; i++) await previewSolanaTransaction(w, deps);
      proxy.reset();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const p = await previewSolanaTransaction(w, deps);
        times.push(performance.now() - t);
        if (p.status !== 'simulated') throw new Error(`solana ${label}: not simulated (${p.reason})`);
      }
      const note = `simulateTransaction, ${RUNS} runs after ${WARMUP} warm-up`;
      out.push({ name: `solanaPreview.${label}.median`, value: round(quantile(times, 0.5)), unit: 'ms', target: '≤ 300 ms', note });
      out.push({ name: `solanaPreview.${label}.p95`, value: round(quantile(times, 0.95)), unit: 'ms', target: '≤ 300 ms', note });
      out.push({ name: `solanaPreview.${label}.requests`, value: proxy.count() / RUNS, unit: 'HTTP requests', note: 'per preview' });
    }
  } finally {
    await proxy.stop();
    await chain.stop();
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await benchSolanaPreview()) console.log(`${f.name}: ${f.value} ${f.unit}`);
}
