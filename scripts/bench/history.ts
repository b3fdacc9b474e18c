// Bench: complete transaction records (issue 11 item 1) — a full sync from an empty cursor of an account that received
// 1,000 transfers, per chain family, on the local dev chains: wall time, HTTP requests (counted at the server side)
// and sync passes at the product's request budget per pass. Run alone: npx tsx scripts/bench/history.ts
import { pathToFileURL } from 'node:url';
import { Connection, Keypair, SystemProgram, Transaction } from '@solana/web3.js';
import { encodeFunctionData, erc20Abi, keccak256, numberToHex, toBytes, type Hex } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import {
  DEMO_MNEMONIC, EVM_CHAIN_ID, EVM_DEMO_USD, startCountingProxy, startEvmChain, startSolanaChain,
} from '../chains/index';
import { demoSolanaKeypair } from '../chains/keys';
import { getFreePort } from '../chains/util';
import { SYNC_BUDGET } from '../../src/background/portfolio/history';
import type { EvmNetwork, SolanaNetwork } from '../../src/chains/ChainAdapter';
import { createEvmAdapter } from '../../src/chains/evm/adapter';
import { emptyEvmCursor, syncEvmHistory } from '../../src/chains/history/evmHistory';
import { emptySolanaCursor, syncSolanaHistory } from '../../src/chains/history/solanaHistory';
import type { HistoryEntry, TokenResolver } from '../../src/chains/history/types';
import { getBuiltinNetwork } from '../../src/chains/networks';
import { createSolanaAdapter } from '../../src/chains/solana/adapter';
import type { Figure } from './types';

export const RECORDS = 1_000;
/** EVM: transfers per block, and empty blocks between those blocks (the history spreads over ~50,000 blocks). */
const PER_BLOCK = 10;
const GAP = 500;
/** Solana: transactions signed per blockhash (a blockhash lasts 150 blocks; every transaction is a block here). */
const SOL_CHUNK = 100;
const MAX_PASSES = 200;
const round = (x: number) => Math.round(x * 10) / 10;

type Post = (method: string, params: unknown[]) => Promise<unknown>;
const poster = (url: string): Post => async (method, params) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
};
async function postBatch(url: string, calls: { method: string; params: unknown[] }[]): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(calls.map((c, id) => ({ jsonrpc: '2.0', id, ...c }))) });
  const body = (await res.json()) as { error?: { message: string } }[];
  const bad = body.find((r) => r.error);
  if (bad) throw new Error(`${calls[0]?.method}: ${bad.error!.message}`);
}

/** Sync passes at the product's budget until complete; wall time and the passes it took. */
async function fullSync(pass: (cursor: unknown, known: Set<string>) => Promise<{ entries: HistoryEntry[]; cursor: unknown; complete: boolean }>, keyOf: (e: HistoryEntry) => string) {
  const known = new Set<string>();
  let cursor: unknown;
  let passes = 0;
  const entries: HistoryEntry[] = [];
  const t0 = performance.now();
  for (; passes < MAX_PASSES;) {
    const r = await pass(cursor, known);
    passes++;
    entries.push(...r.entries);
    for (const e of r.entries) known.add(keyOf(e));
    cursor = r.cursor;
    if (r.complete) break;
  }
  return { ms: performance.now() - t0, passes, entries };
}

async function benchEvm(): Promise<Figure[]> {
  const chain = await startEvmChain({ port: await getFreePort() });
  const proxy = await startCountingProxy(chain.url, 0);
  try {
    const rpc = poster(chain.url);
    const wallet = privateKeyToAccount(keccak256(toBytes('meridian-bench/history/evm-wallet'))).address;
    const sender = mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: 1 });
    const t0 = performance.now();
    await rpc('evm_setAutomine', [false]);
    let nonce = Number(await rpc('eth_getTransactionCount', [sender.address, 'pending']));
    for (let b = 0; b < RECORDS / PER_BLOCK; b++) {
      const raws = await Promise.all(Array.from({ length: PER_BLOCK }, (_, i) => sender.signTransaction({
        chainId: EVM_CHAIN_ID, type: 'eip1559', nonce: nonce++, to: EVM_DEMO_USD.address, gas: 80_000n, maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n,
        data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [wallet, 1_000_000n + BigInt(b * PER_BLOCK + i)] }),
      })));
      await postBatch(chain.url, raws.map((raw: Hex) => ({ method: 'eth_sendRawTransaction', params: [raw] })));
      await rpc('evm_mine', []);
      await rpc('hardhat_mine', [numberToHex(GAP)]);
    }
    await rpc('evm_setAutomine', [true]);
    const setupMs = performance.now() - t0;
    const head = Number(await rpc('eth_blockNumber', []));

    const network: EvmNetwork = { ...(getBuiltinNetwork('eip155:31337') as EvmNetwork), rpcUrls: [proxy.url] };
    const tokenInfo: TokenResolver = async (t) => (t === EVM_DEMO_USD.address.toLowerCase() ? { symbol: 'mUSD', decimals: 6 } : null);
    const run = async (budget: number) => {
      const transport = createEvmAdapter({ network }).transport;
      proxy.reset();
      const r = await fullSync(async (cursor, known) => {
        const res = await syncEvmHistory({ transport, account: wallet, cursor: (cursor as ReturnType<typeof emptyEvmCursor> | undefined) ?? emptyEvmCursor(), known, tokenInfo, budget });
        return { entries: res.entries, cursor: res.cursor, complete: res.report.complete };
      }, (e) => e.key);
      const found = r.entries.filter((e) => e.direction === 'in').length;
      if (found !== RECORDS || new Set(r.entries.map((e) => e.key)).size !== r.entries.length) throw new Error(`EVM history: ${found} of ${RECORDS} records found`);
      return { ...r, requests: proxy.count() };
    };
    const product = await run(SYNC_BUDGET);
    const where = `${RECORDS} mUSD transfers received, ${PER_BLOCK} per block, over ${head} blocks`;
    return [
      { name: 'history.evm.setup.time', value: Math.round(setupMs), unit: 'ms', note: `${where} (signed locally, sent in batches)` },
      { name: 'history.evm.fullSync.time', value: round(product.ms), unit: 'ms', note: `${where}; passes of budget ${SYNC_BUDGET}` },
      { name: 'history.evm.fullSync.requests', value: product.requests, unit: 'HTTP requests', note: `eth_getLogs windows + headers batch, over ${product.passes} passes` },
      { name: 'history.evm.fullSync.passes', value: product.passes, unit: 'passes', note: `request budget ${SYNC_BUDGET} per pass` },
    ];
  } finally {
    await proxy.stop();
    await chain.stop();
  }
}

async function benchSolana(): Promise<Figure[]> {
  const chain = await startSolanaChain({ port: await getFreePort() });
  try {
    const conn = new Connection(chain.url, 'confirmed');
    const wallet = Keypair.fromSeed(toBytes(keccak256(toBytes('meridian-bench/history/solana-wallet')))).publicKey;
    const sender = demoSolanaKeypair(1);
    const t0 = performance.now();
    for (let c = 0; c < RECORDS / SOL_CHUNK; c++) {
      const { blockhash } = await conn.getLatestBlockhash();
      const wires = Array.from({ length: SOL_CHUNK }, (_, i) => {
        // Distinct amounts: distinct transactions (same blockhash); ≥ 0.001 SOL keeps the new account rent-exempt.
        const tx = new Transaction({ feePayer: sender.publicKey, recentBlockhash: blockhash })
          .add(SystemProgram.transfer({ fromPubkey: sender.publicKey, toPubkey: wallet, lamports: 1_000_000 + c * SOL_CHUNK + i }));
        tx.sign(sender);
        return tx.serialize().toString('base64');
      });
      await postBatch(chain.url, wires.map((w) => ({ method: 'sendTransaction', params: [w, { encoding: 'base64', skipPreflight: true }] })));
    }
    const setupMs = performance.now() - t0;

    const network: SolanaNetwork = { ...(getBuiltinNetwork('solana:localnet') as SolanaNetwork), rpcUrls: [chain.url] };
    const run = async (budget: number) => {
      const transport = createSolanaAdapter({ network }).transport;
      chain.resetRequestCount();
      const r = await fullSync(async (cursor, known) => {
        const res = await syncSolanaHistory({ transport, account: wallet.toBase58(), cursor: (cursor as ReturnType<typeof emptySolanaCursor> | undefined) ?? emptySolanaCursor(), known, tokenInfo: async () => null, budget });
        return { entries: res.entries, cursor: res.cursor, complete: res.report.complete };
      }, (e) => e.hash);
      const found = r.entries.filter((e) => e.direction === 'in' && e.symbol === 'SOL').length;
      if (found !== RECORDS || new Set(r.entries.map((e) => e.key)).size !== r.entries.length) throw new Error(`Solana history: ${found} of ${RECORDS} records found`);
      return { ...r, requests: chain.requestCount() };
    };
    const product = await run(SYNC_BUDGET);
    const where = `${RECORDS} SOL transfers received (one per slot)`;
    return [
      { name: 'history.solana.setup.time', value: Math.round(setupMs), unit: 'ms', note: `${where} (signed locally, sent in batches of ${SOL_CHUNK})` },
      { name: 'history.solana.fullSync.time', value: round(product.ms), unit: 'ms', note: `${where}; passes of budget ${SYNC_BUDGET}` },
      { name: 'history.solana.fullSync.requests', value: product.requests, unit: 'HTTP requests', note: `token accounts + signature pages + getTransaction ×100 batches, over ${product.passes} passes` },
      { name: 'history.solana.fullSync.passes', value: product.passes, unit: 'passes', note: `request budget ${SYNC_BUDGET} per pass` },
    ];
  } finally {
    await chain.stop();
  }
}

export async function benchHistory(): Promise<Figure[]> {
  return [...(await benchEvm()), ...(await benchSolana())];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await benchHistory()) console.log(`${f.name}: ${f.value} ${f.unit}${f.note ? ` (${f.note})` : ''}`);
}
