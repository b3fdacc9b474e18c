/**
 * EVM records from ERC-20 `Transfer` logs (issue 11, item 1). A plain RPC answers `eth_getLogs` for a block range, so
 * the account's history is read in windows: new blocks first (top → head), then older ones (bottom → block 0) until
 * the request budget of the pass is spent. The window shrinks when the RPC refuses a range ("range too large", "more
 * than 10000 results") or answers with many logs, and grows while it stays quiet. Native coin received leaves no log
 * and cannot be found without an indexer: the UI says so (it is never shown as complete).
 */
import { getAddress } from 'viem';
import type { RpcCall, RpcOutcome, RpcTransport } from '../rpcTransport';
import type { HistoryEntry, SyncReport, TokenResolver } from './types';

export const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
export const INITIAL_WINDOW = 10_000;
export const MAX_WINDOW = 1_000_000;
/** More logs than this in one window: take them, then halve the window (many RPCs refuse above 1,000–10,000). */
export const BUSY_LOGS = 1_000;
/** Fewer than this: double the window. */
export const QUIET_LOGS = 100;

/** Blocks [bottom, top] have been read; null before the first pass. */
export interface EvmHistoryCursor { top: number | null; bottom: number | null; window: number }
export const emptyEvmCursor = (): EvmHistoryCursor => ({ top: null, bottom: null, window: INITIAL_WINDOW });

interface RawLog { address: string; topics: string[]; data: string; blockNumber: string; transactionHash: string; logIndex: string }

/** An RPC error that means "ask for a smaller range" (messages of geth, Erigon, Alchemy, Infura, QuickNode, publicnode …). */
export function isRangeLimitError(e: { code?: number; message?: string }): boolean {
  return /range|too many|too large|limit|exceed|more than|query returned|response size|block range|10000|timeout/i.test(e.message ?? '')
    || e.code === -32005;
}

const hex = (n: number) => `0x${n.toString(16)}`;
const topicOf = (address: string) => `0x${address.slice(2).toLowerCase().padStart(64, '0')}`;
const addressOfTopic = (t: string) => `0x${t.slice(-40)}`;

export interface EvmSyncOptions {
  transport: RpcTransport;
  account: string;
  cursor: EvmHistoryCursor;
  /** Entry keys already stored (not reported again). */
  known: ReadonlySet<string>;
  tokenInfo: TokenResolver;
  /** HTTP requests this pass may make (default 12). */
  budget?: number;
}

export interface EvmSyncResult { entries: HistoryEntry[]; cursor: EvmHistoryCursor; report: SyncReport }

class RangeRefused extends Error {}

export async function syncEvmHistory(o: EvmSyncOptions): Promise<EvmSyncResult> {
  const budget = o.budget ?? 12;
  let requests = 0;
  const batch = async (calls: RpcCall[]): Promise<RpcOutcome[]> => { requests++; return o.transport.batch(calls); };
  const me = o.account.toLowerCase();
  const cursor = { ...o.cursor };
  const logs: RawLog[] = [];

  requests++;
  const head = Number(BigInt(await o.transport.request<string>('eth_blockNumber', [])));
  // First pass, or the chain is shorter than what was read (a restarted dev chain, a reorg past it): read it afresh.
  if (cursor.top === null || cursor.bottom === null || head < cursor.top) { cursor.top = head; cursor.bottom = head + 1; }

  /** One window [from, to]: both directions in one HTTP request. Throws RangeRefused when the RPC wants less. */
  const window = async (from: number, to: number): Promise<void> => {
    const filter = (topics: (string | null)[]) => ({ method: 'eth_getLogs', params: [{ fromBlock: hex(from), toBlock: hex(to), topics }] });
    const [out, inn] = await batch([filter([TRANSFER_TOPIC, topicOf(me)]), filter([TRANSFER_TOPIC, null, topicOf(me)])]);
    for (const r of [out, inn]) {
      if (!r) throw new Error('eth_getLogs: no answer');
      if (!r.ok) {
        if (isRangeLimitError(r.error)) throw new RangeRefused(r.error.message);
        throw new Error(`eth_getLogs: ${r.error.message}`);
      }
    }
    const found = [...(out as { result: RawLog[] }).result, ...(inn as { result: RawLog[] }).result];
    logs.push(...found);
    if (found.length > BUSY_LOGS) cursor.window = Math.max(1, Math.floor(cursor.window / 2));
    else if (found.length < QUIET_LOGS) cursor.window = Math.min(MAX_WINDOW, cursor.window * 2);
  };
  /** Reads [from, to] in as many windows as it takes; returns the highest (ascending) or lowest block read. */
  const shrinkOnRefusal = async (run: () => Promise<void>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (e) {
      if (!(e instanceof RangeRefused) || cursor.window === 1) throw e;
      cursor.window = Math.max(1, Math.floor(cursor.window / 2));
      return false;
    }
  };

  // New blocks first (oldest window first, so `top` only ever moves over blocks read).
  while (cursor.top < head && requests < budget) {
    const from = cursor.top + 1;
    const to = Math.min(head, from + cursor.window - 1);
    if (await shrinkOnRefusal(() => window(from, to))) cursor.top = to;
  }
  // Then older history, down to block 0.
  while (cursor.bottom > 0 && requests < budget) {
    const to = cursor.bottom - 1;
    const from = Math.max(0, to - cursor.window + 1);
    if (await shrinkOnRefusal(() => window(from, to))) cursor.bottom = from;
  }

  const entries = await toEntries(logs, me, o, batch);
  return { entries, cursor, report: { added: entries.length, requests, complete: cursor.bottom === 0 && cursor.top === head, syncedFromBlock: cursor.bottom } };
}

async function toEntries(logs: RawLog[], me: string, o: EvmSyncOptions, batch: (c: RpcCall[]) => Promise<RpcOutcome[]>): Promise<HistoryEntry[]> {
  const seen = new Set<string>();
  const moves = [];
  for (const l of logs) {
    // ERC-20 Transfer: 3 topics and a 32-byte amount (ERC-721 has the token id as a 4th topic: not a token amount).
    if (l.topics.length !== 3 || !/^0x[0-9a-fA-F]{64}$/.test(l.data)) continue;
    const key = `${l.transactionHash}:${Number(BigInt(l.logIndex))}`;
    if (seen.has(key) || o.known.has(key)) continue;
    seen.add(key);
    const from = addressOfTopic(l.topics[1]!).toLowerCase();
    const to = addressOfTopic(l.topics[2]!).toLowerCase();
    const direction = from === me && to === me ? 'self' as const : from === me ? 'out' as const : 'in' as const;
    moves.push({ l, key, direction, counterparty: getAddress(direction === 'in' ? from : to), amount: BigInt(l.data), block: Number(BigInt(l.blockNumber)) });
  }
  if (!moves.length) return [];
  const blocks = [...new Set(moves.map((m) => m.block))];
  const outHashes = [...new Set(moves.filter((m) => m.direction !== 'in').map((m) => m.l.transactionHash))];
  const answers = await batch([
    ...blocks.map((b) => ({ method: 'eth_getBlockByNumber', params: [hex(b), false] })),
    ...outHashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })),
  ]);
  const time = new Map<number, number>();
  blocks.forEach((b, i) => {
    const r = answers[i];
    const ts = r?.ok ? (r.result as { timestamp?: string } | null)?.timestamp : undefined;
    if (ts) time.set(b, Number(BigInt(ts)) * 1000);
  });
  const fee = new Map<string, bigint>();
  outHashes.forEach((h, i) => {
    const r = answers[blocks.length + i];
    const rc = r?.ok ? (r.result as { from?: string; gasUsed?: string; effectiveGasPrice?: string; l1Fee?: string } | null) : null;
    if (rc?.from?.toLowerCase() === me && rc.gasUsed && rc.effectiveGasPrice) {
      fee.set(h, BigInt(rc.gasUsed) * BigInt(rc.effectiveGasPrice) + (rc.l1Fee ? BigInt(rc.l1Fee) : 0n));
    }
  });
  const infos = new Map<string, { symbol: string; decimals: number } | null>();
  for (const t of new Set(moves.map((m) => m.l.address.toLowerCase()))) infos.set(t, await o.tokenInfo(t).catch(() => null));
  // The fee goes on the first movement of a transaction only (a CSV sum of fees then counts it once).
  const feeTaken = new Set<string>();
  return moves.map((m) => {
    const info = infos.get(m.l.address.toLowerCase());
    const token = getAddress(m.l.address);
    const f = fee.get(m.l.transactionHash);
    const paid = f !== undefined && !feeTaken.has(m.l.transactionHash) ? (feeTaken.add(m.l.transactionHash), f) : 0n;
    return {
      key: m.key, hash: m.l.transactionHash, direction: m.direction, token, symbol: info?.symbol ?? '?', decimals: info?.decimals ?? 0,
      amount: m.amount.toString(), counterparty: m.counterparty, fee: paid.toString(), time: time.get(m.block) ?? 0, block: m.block,
    };
  });
}
