// Issue 11 item 1 against the real dev chains: complete transaction records read from a plain RPC. EVM (Hardhat): mUSD
// received from two demo accounts and sent out by a fresh wallet, read through a proxy that refuses eth_getLogs over
// more than 500 blocks (as hosted RPCs do). Solana (litesvm): SOL, SPL and Token-2022 received, SOL sent. Every
// movement once, exact amounts and fees; a second pass finds nothing new and reads only what is new.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, Keypair, PublicKey, SystemProgram, Transaction, type TransactionInstruction } from '@solana/web3.js';
import { createAssociatedTokenAccountIdempotentInstruction, createTransferCheckedInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { createPublicClient, createWalletClient, erc20Abi, getAddress, http, keccak256, numberToHex, toBytes, type Hex } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import {
  DEMO_MNEMONIC, EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_SPL_MINT, SOLANA_DEMO_TOKEN2022_MINT,
  startEvmChain, startFaultProxy, startSolanaChain, type EvmChain, type FaultProxy, type SolanaChain, type SolanaDemoMint,
} from '../../scripts/chains/index';
import { demoSolanaKeypair } from '../../scripts/chains/keys';
import { getFreePort } from '../../scripts/chains/util';
import type { EvmNetwork, SolanaNetwork } from '../../src/chains/ChainAdapter';
import { createEvmAdapter } from '../../src/chains/evm/adapter';
import { emptyEvmCursor, syncEvmHistory, type EvmHistoryCursor } from '../../src/chains/history/evmHistory';
import { emptySolanaCursor, syncSolanaHistory, type SolanaHistoryCursor } from '../../src/chains/history/solanaHistory';
import type { HistoryEntry, SyncReport, TokenResolver } from '../../src/chains/history/types';
import { getBuiltinNetwork } from '../../src/chains/networks';
import { createSolanaAdapter } from '../../src/chains/solana/adapter';
import { rpc } from './helpers/adapterFlow';

/** eth_getLogs over more blocks than this is refused by the proxy. */
const MAX_BLOCKS = 500;
/** Empty blocks mined between the transfers (so they lie in different windows, far apart). */
const GAP = 700;

// ───────────────────────────── a proxy that refuses wide eth_getLogs ranges ─────────────────────────────

interface RangeCapProxy {
  url: string;
  /** Every eth_getLogs range asked (one per HTTP request: both directions share one), with whether it was refused. */
  ranges: { from: number; to: number; refused: boolean }[];
  stop(): Promise<void>;
}
type Call = { jsonrpc?: string; id?: unknown; method?: string; params?: unknown[] };

const readBody = (req: IncomingMessage) => new Promise<string>((ok, fail) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => ok(Buffer.concat(chunks).toString('utf8'))).on('error', fail);
});

/** Forwards to `target`; answers eth_getLogs calls over more than `maxBlocks` blocks with -32005 "block range too large". */
async function startRangeCapProxy(target: string, maxBlocks: number): Promise<RangeCapProxy> {
  const ranges: RangeCapProxy['ranges'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const parsed = JSON.parse(await readBody(req)) as Call | Call[];
      const calls = Array.isArray(parsed) ? parsed : [parsed];
      const answers = new Map<Call, unknown>();
      let logged = false;
      for (const c of calls) {
        const f = c.method === 'eth_getLogs' ? (c.params?.[0] as { fromBlock?: string; toBlock?: string } | undefined) : undefined;
        if (!f?.fromBlock?.startsWith('0x') || !f.toBlock?.startsWith('0x')) continue;
        const [from, to] = [Number(f.fromBlock), Number(f.toBlock)];
        const refused = to - from + 1 > maxBlocks;
        if (!logged) ranges.push({ from, to, refused });
        logged = true;
        if (refused) answers.set(c, { jsonrpc: '2.0', id: c.id, error: { code: -32005, message: 'block range too large' } });
      }
      const forward = calls.filter((c) => !answers.has(c));
      if (forward.length) {
        const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forward) });
        const got = (await upstream.json()) as { id?: unknown }[];
        for (const c of forward) answers.set(c, got.find((r) => JSON.stringify(r.id) === JSON.stringify(c.id)));
      }
      const out = calls.map((c) => answers.get(c));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(parsed) ? out : out[0]));
    })().catch((e: unknown) => { if (!res.headersSent) res.writeHead(502).end(String(e)); });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`, ranges,
    stop: () => new Promise<void>((ok) => { server.close(() => ok()); server.closeAllConnections(); }),
  };
}

// ───────────────────────────── chains ─────────────────────────────

let evm: EvmChain;
let sol: SolanaChain;
let capped: RangeCapProxy;
let solProxy: FaultProxy;
beforeAll(async () => {
  [evm, sol] = await Promise.all([startEvmChain({ port: await getFreePort() }), startSolanaChain({ port: await getFreePort() })]);
  [capped, solProxy] = await Promise.all([startRangeCapProxy(evm.url, MAX_BLOCKS), startFaultProxy(sol.url)]);
});
afterAll(async () => {
  await Promise.all([capped?.stop(), solProxy?.stop()]);
  await Promise.all([evm?.stop(), sol?.stop()]);
});

const tokenInfo: TokenResolver = async (t) => ({
  [EVM_DEMO_USD.address.toLowerCase()]: { symbol: 'mUSD', decimals: 6 },
  [SOLANA_DEMO_SPL_MINT.address]: { symbol: 'mUSD', decimals: 6 },
  [SOLANA_DEMO_TOKEN2022_MINT.address]: { symbol: 'mUSD22', decimals: 6 },
})[t] ?? null;
const byBlock = (xs: HistoryEntry[]) => [...xs].sort((a, b) => a.block - b.block || a.key.localeCompare(b.key));

describe('EVM records on Hardhat, through an RPC that refuses eth_getLogs over 500 blocks', () => {
  const wallet = privateKeyToAccount(keccak256(toBytes('meridian-test/history/evm-wallet')));
  const demo = (i: number) => mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: i });
  const pub = () => createPublicClient({ transport: http(evm.url) });
  const mine = (n: number) => rpc(evm.url, 'hardhat_mine', [numberToHex(n)]);
  const network = (): EvmNetwork => ({ ...(getBuiltinNetwork('eip155:31337') as EvmNetwork), rpcUrls: [capped.url] });

  /** An mUSD transfer mined at once (automine); what the chain says about it. */
  async function sendUsd(from: ReturnType<typeof demo> | typeof wallet, to: string, amount: bigint) {
    const hash = await createWalletClient({ account: from, transport: http(evm.url) })
      .writeContract({ chain: null, address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'transfer', args: [to as Hex, amount] });
    const receipt = await pub().waitForTransactionReceipt({ hash, pollingInterval: 20 });
    expect(receipt.status).toBe('success');
    const block = await pub().getBlock({ blockNumber: receipt.blockNumber });
    const log = receipt.logs.find((l) => l.address.toLowerCase() === EVM_DEMO_USD.address.toLowerCase())!;
    return { hash, block: Number(receipt.blockNumber), time: Number(block.timestamp) * 1000, logIndex: log.logIndex, fee: receipt.gasUsed * receipt.effectiveGasPrice };
  }

  /** Passes with the product's default budget until the history is complete (as the popup asks again). */
  async function syncAll(cursor: EvmHistoryCursor, known: Set<string>) {
    const transport = createEvmAdapter({ network: network() }).transport;
    const entries: HistoryEntry[] = [];
    const reports: SyncReport[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await syncEvmHistory({ transport, account: wallet.address, cursor, known, tokenInfo });
      entries.push(...res.entries);
      for (const e of res.entries) known.add(e.key);
      reports.push(res.report);
      cursor = res.cursor;
      if (res.report.complete) break;
    }
    return { entries, reports, cursor };
  }

  it('finds both receipts and the send once each, with the fee of the send; a second pass reads only new blocks', async () => {
    await rpc(evm.url, 'hardhat_setBalance', [wallet.address, numberToHex(10n ** 18n)]);
    await mine(GAP);
    const in1 = await sendUsd(demo(1), wallet.address, 25_000_000n);
    await mine(GAP);
    const in2 = await sendUsd(demo(2), wallet.address, 7_500_000n);
    await mine(GAP);
    const out = await sendUsd(wallet, EVM_DEMO_ACCOUNTS[3], 10_000_000n);
    await mine(GAP);
    const head = Number(await pub().getBlockNumber());
    expect(head).toBeGreaterThan(4 * GAP);

    const known = new Set<string>();
    const one = await syncAll(emptyEvmCursor(), known);
    const usd = { token: getAddress(EVM_DEMO_USD.address), symbol: 'mUSD', decimals: 6 };
    expect(byBlock(one.entries)).toEqual([
      { key: `${in1.hash}:${in1.logIndex}`, hash: in1.hash, direction: 'in', ...usd, amount: '25000000', counterparty: EVM_DEMO_ACCOUNTS[1], fee: '0', time: in1.time, block: in1.block },
      { key: `${in2.hash}:${in2.logIndex}`, hash: in2.hash, direction: 'in', ...usd, amount: '7500000', counterparty: EVM_DEMO_ACCOUNTS[2], fee: '0', time: in2.time, block: in2.block },
      { key: `${out.hash}:${out.logIndex}`, hash: out.hash, direction: 'out', ...usd, amount: '10000000', counterparty: EVM_DEMO_ACCOUNTS[3], fee: out.fee.toString(), time: out.time, block: out.block },
    ]);
    expect(out.fee).toBeGreaterThan(0n);
    expect(one.cursor).toMatchObject({ top: head, bottom: 0 });
    expect(one.reports.at(-1)).toMatchObject({ complete: true, syncedFromBlock: 0 });
    // The proxy did refuse wide ranges; every range read was within the cap, and together they cover 0..head once.
    expect(capped.ranges.filter((r) => r.refused).length).toBeGreaterThan(0);
    const read = capped.ranges.filter((r) => !r.refused).sort((a, b) => a.from - b.from);
    expect(read.every((r) => r.to - r.from + 1 <= MAX_BLOCKS)).toBe(true);
    expect(read[0]!.from).toBe(0);
    expect(read.at(-1)!.to).toBe(head);
    read.slice(1).forEach((r, i) => expect(r.from).toBe(read[i]!.to + 1));

    // Second pass: 5 new empty blocks → exactly those are asked for, nothing new is found.
    await mine(5);
    capped.ranges.length = 0;
    const two = await syncAll(one.cursor, known);
    expect(two.entries).toEqual([]);
    expect(capped.ranges).toEqual([{ from: head + 1, to: head + 5, refused: false }]);
    expect(two.reports).toEqual([{ added: 0, requests: 2, complete: true, syncedFromBlock: 0 }]);

    // A new receipt after that: found alone.
    const in3 = await sendUsd(demo(4), wallet.address, 1n);
    capped.ranges.length = 0;
    const three = await syncAll(two.cursor, known);
    expect(three.entries.map((e) => [e.key, e.direction, e.amount, e.counterparty, e.block])).toEqual([[`${in3.hash}:${in3.logIndex}`, 'in', '1', EVM_DEMO_ACCOUNTS[4], head + 6]]);
    expect(capped.ranges).toEqual([{ from: head + 6, to: head + 6, refused: false }]);
  });
});

describe('Solana records on litesvm', () => {
  const wallet = Keypair.fromSeed(toBytes(keccak256(toBytes('meridian-test/history/solana-wallet'))));
  const W = wallet.publicKey.toBase58();
  const conn = () => new Connection(sol.url, 'confirmed');
  const network = (): SolanaNetwork => ({ ...(getBuiltinNetwork('solana:localnet') as SolanaNetwork), rpcUrls: [solProxy.url] });
  const ata = (owner: PublicKey, m: SolanaDemoMint) => getAssociatedTokenAddressSync(new PublicKey(m.address), owner, false, new PublicKey(m.programId));

  /** Sends at once (litesvm lands it when it is received); the slot and block time the chain records. */
  async function send(payer: Keypair, ixs: TransactionInstruction[]) {
    const tx = new Transaction({ feePayer: payer.publicKey, ...(await conn().getLatestBlockhash()) }).add(...ixs);
    tx.sign(payer);
    const sig = await conn().sendRawTransaction(tx.serialize());
    const got = await conn().getTransaction(sig, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
    expect(got?.meta?.err).toBeNull();
    return { sig, block: got!.slot, time: (got!.blockTime ?? 0) * 1000, fee: got!.meta!.fee };
  }
  const sendToken = (from: Keypair, m: SolanaDemoMint, amount: bigint) => send(from, [
    createAssociatedTokenAccountIdempotentInstruction(from.publicKey, ata(wallet.publicKey, m), wallet.publicKey, new PublicKey(m.address), new PublicKey(m.programId)),
    createTransferCheckedInstruction(ata(from.publicKey, m), new PublicKey(m.address), ata(wallet.publicKey, m), from.publicKey, amount, m.decimals, [], new PublicKey(m.programId)),
  ]);

  async function pass(cursor: SolanaHistoryCursor, known: Set<string>) {
    const transport = createSolanaAdapter({ network: network() }).transport;
    const res = await syncSolanaHistory({ transport, account: W, cursor, known, tokenInfo });
    for (const e of res.entries) known.add(e.hash);
    return res;
  }

  it('finds SOL, SPL and Token-2022 received and SOL sent, once each, the fee on the send; a second pass reads only what is new', async () => {
    const a1 = demoSolanaKeypair(1);
    const solIn = await send(a1, [SystemProgram.transfer({ fromPubkey: a1.publicKey, toPubkey: wallet.publicKey, lamports: 2_000_000_000 })]);
    const splIn = await sendToken(a1, SOLANA_DEMO_SPL_MINT, 3_500_000n);
    const t22In = await sendToken(a1, SOLANA_DEMO_TOKEN2022_MINT, 1_250_000n);
    const solOut = await send(wallet, [SystemProgram.transfer({ fromPubkey: wallet.publicKey, toPubkey: new PublicKey(SOLANA_DEMO_ACCOUNTS[2]), lamports: 500_000_000 })]);
    expect(solOut.fee).toBe(5_000);
    expect(BigInt(await conn().getBalance(wallet.publicKey))).toBe(2_000_000_000n - 500_000_000n - 5_000n);

    const known = new Set<string>();
    const one = await pass(emptySolanaCursor(), known);
    const at = (x: { sig: string; block: number; time: number }) => ({ hash: x.sig, block: x.block, time: x.time });
    expect(byBlock(one.entries)).toEqual([
      { key: `${solIn.sig}:SOL`, ...at(solIn), direction: 'in', amount: '2000000000', symbol: 'SOL', decimals: 9, counterparty: SOLANA_DEMO_ACCOUNTS[1], fee: '0' },
      { key: `${splIn.sig}:${SOLANA_DEMO_SPL_MINT.address}`, ...at(splIn), direction: 'in', token: SOLANA_DEMO_SPL_MINT.address, amount: '3500000', symbol: 'mUSD', decimals: 6, counterparty: SOLANA_DEMO_ACCOUNTS[1], fee: '0' },
      { key: `${t22In.sig}:${SOLANA_DEMO_TOKEN2022_MINT.address}`, ...at(t22In), direction: 'in', token: SOLANA_DEMO_TOKEN2022_MINT.address, amount: '1250000', symbol: 'mUSD22', decimals: 6, counterparty: SOLANA_DEMO_ACCOUNTS[1], fee: '0' },
      { key: `${solOut.sig}:SOL`, ...at(solOut), direction: 'out', amount: '500000000', symbol: 'SOL', decimals: 9, counterparty: SOLANA_DEMO_ACCOUNTS[2], fee: '5000' },
    ]);
    expect(one.report).toEqual({ added: 4, requests: 3, complete: true });
    const splAta = ata(wallet.publicKey, SOLANA_DEMO_SPL_MINT).toBase58();
    const t22Ata = ata(wallet.publicKey, SOLANA_DEMO_TOKEN2022_MINT).toBase58();
    expect(one.cursor.addresses).toEqual({
      [W]: { newest: solOut.sig, oldest: solIn.sig, done: true },
      [splAta]: { newest: splIn.sig, oldest: splIn.sig, done: true },
      [t22Ata]: { newest: t22In.sig, oldest: t22In.sig, done: true },
    });

    // Second pass: nothing new; each address is asked only for what came after its newest signature.
    solProxy.reset();
    const two = await pass(one.cursor, known);
    expect(two.entries).toEqual([]);
    expect(two.report).toEqual({ added: 0, requests: 2, complete: true });
    expect(solProxy.forwardedCalls().filter((c) => c.method === 'getSignaturesForAddress').map((c) => c.params)).toEqual([
      [W, { limit: 1000, until: solOut.sig }], [splAta, { limit: 1000, until: splIn.sig }], [t22Ata, { limit: 1000, until: t22In.sig }],
    ]);
  });
});
