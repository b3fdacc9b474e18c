// Issue 11 item 1, EVM records: syncEvmHistory over a fake RPC that answers eth_getLogs like a node (topic filters,
// inclusive block ranges) and can refuse ranges wider than N blocks the way hosted RPCs do.
import { describe, expect, it } from 'vitest';
import { getAddress } from 'viem';
import type { RpcCall, RpcOutcome, RpcTransport } from '../../../src/chains/rpcTransport';
import { unwrap } from '../../../src/chains/rpcTransport';
import {
  BUSY_LOGS, emptyEvmCursor, INITIAL_WINDOW, isRangeLimitError, syncEvmHistory, TRANSFER_TOPIC, type EvmHistoryCursor,
} from '../../../src/chains/history/evmHistory';
import type { HistoryEntry, TokenResolver } from '../../../src/chains/history/types';

const ME = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const ALICE = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const BOB = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const SPENDER = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const USD = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const ODD = '0x000000000000000000000000000000000000dEaD';
const NFT = '0x92C778F567DBCe87822546BefB2c2Fefe92B72Fe';

const hex = (n: number | bigint) => `0x${n.toString(16)}`;
const topic = (a: string) => `0x${a.slice(2).toLowerCase().padStart(64, '0')}`;
const word = (n: bigint) => `0x${n.toString(16).padStart(64, '0')}`;
const txHash = (n: number) => `0x${n.toString(16).padStart(64, 'a')}`;
/** Block time of block b on the fake chain: 1,700,000,000 + 12 b seconds. */
const blockTime = (b: number) => 1_700_000_000 + 12 * b;

interface Log { address: string; topics: string[]; data: string; blockNumber: string; transactionHash: string; logIndex: string }
interface Receipt { from: string; gasUsed: string; effectiveGasPrice: string; l1Fee?: string }

/** An ERC-20 Transfer log (3 topics, 32-byte amount). */
const transfer = (o: { from: string; to: string; amount: bigint; block: number; tx: number; index?: number; token?: string }): Log => ({
  address: (o.token ?? USD).toLowerCase(), topics: [TRANSFER_TOPIC, topic(o.from), topic(o.to)], data: word(o.amount),
  blockNumber: hex(o.block), transactionHash: txHash(o.tx), logIndex: hex(o.index ?? 0),
});

interface FakeChain {
  head: number;
  logs: Log[];
  receipts: Record<string, Receipt>;
  /** eth_getLogs over more blocks than this is refused with -32005 "block range too large". */
  maxRange?: number;
}

type Transport = RpcTransport & { batches: RpcCall[][]; ranges(): [number, number][]; refused: [number, number][] };

/** A node: eth_blockNumber, eth_getLogs (address-less, topic-filtered), eth_getBlockByNumber, eth_getTransactionReceipt. */
function fakeNode(chain: FakeChain): Transport {
  const batches: RpcCall[][] = [];
  const refused: [number, number][] = [];
  const answer = (c: RpcCall): RpcOutcome => {
    switch (c.method) {
      case 'eth_blockNumber': return { ok: true, result: hex(chain.head) };
      case 'eth_getLogs': {
        const f = c.params![0] as { fromBlock: string; toBlock: string; topics: (string | null)[] };
        const from = Number(f.fromBlock);
        const to = Number(f.toBlock);
        if (chain.maxRange !== undefined && to - from + 1 > chain.maxRange) {
          const last = refused.at(-1);
          if (last?.[0] !== from || last[1] !== to) refused.push([from, to]); // once per batch (both directions)
          return { ok: false, error: { code: -32005, message: 'block range too large' } };
        }
        return {
          ok: true,
          result: chain.logs.filter((l) => Number(l.blockNumber) >= from && Number(l.blockNumber) <= to
            && f.topics.every((t, i) => t === null || l.topics[i] === t)),
        };
      }
      case 'eth_getBlockByNumber': {
        const b = Number(c.params![0]);
        return { ok: true, result: b <= chain.head ? { number: hex(b), timestamp: hex(blockTime(b)) } : null };
      }
      case 'eth_getTransactionReceipt': return { ok: true, result: chain.receipts[c.params![0] as string] ?? null };
      default: return { ok: false, error: { code: -32601, message: `no ${c.method}` } };
    }
  };
  const batch = async (calls: readonly RpcCall[]): Promise<RpcOutcome[]> => {
    batches.push([...calls]);
    return calls.map(answer);
  };
  return {
    urls: ['fake://node'], batches, refused, batch, backoffState: () => ({}),
    async request<T>(method: string, params: unknown[] = []) { return unwrap<T>((await batch([{ method, params }]))[0], method); },
    /** The block ranges of every eth_getLogs batch, in order (both directions share one batch: asserted equal). */
    ranges() {
      return batches.filter((b) => b[0]?.method === 'eth_getLogs').map((b) => {
        const [out, inn] = b.map((c) => c.params![0] as { fromBlock: string; toBlock: string; topics: (string | null)[] });
        expect(b).toHaveLength(2);
        expect([out!.fromBlock, out!.toBlock]).toEqual([inn!.fromBlock, inn!.toBlock]);
        expect(out!.topics).toEqual([TRANSFER_TOPIC, topic(ME)]);
        expect(inn!.topics).toEqual([TRANSFER_TOPIC, null, topic(ME)]);
        return [Number(out!.fromBlock), Number(out!.toBlock)] as [number, number];
      });
    },
  };
}

const listed: TokenResolver = async (t) => (t === USD.toLowerCase() ? { symbol: 'mUSD', decimals: 6 } : null);

async function sync(transport: RpcTransport, cursor: EvmHistoryCursor = emptyEvmCursor(), o: { known?: Set<string>; budget?: number; tokenInfo?: TokenResolver } = {}) {
  return syncEvmHistory({ transport, account: ME, cursor, known: o.known ?? new Set(), tokenInfo: o.tokenInfo ?? listed, budget: o.budget ?? 100 });
}

/** The entry an incoming mUSD transfer of the fake chain gives. */
const incoming = (l: Log, from: string): HistoryEntry => ({
  key: `${l.transactionHash}:${Number(l.logIndex)}`, hash: l.transactionHash, direction: 'in', token: USD, symbol: 'mUSD', decimals: 6,
  amount: BigInt(l.data).toString(), counterparty: from, fee: '0', time: blockTime(Number(l.blockNumber)) * 1000, block: Number(l.blockNumber),
});

describe('isRangeLimitError', () => {
  it.each([
    [{ code: -32005, message: 'query returned more than 10000 results' }, true],
    [{ code: -32000, message: 'block range too large' }, true],
    [{ code: -32602, message: 'eth_getLogs is limited to a 10,000 range' }, true],
    [{ code: -32600, message: 'Log response size exceeded.' }, true],
    [{ code: -32005, message: '' }, true],
    [{ code: -32000, message: 'execution reverted' }, false],
    [{ code: -32602, message: 'invalid argument 0: hex string without 0x prefix' }, false],
  ])('%j → %s', (e, want) => { expect(isRangeLimitError(e)).toBe(want); });
});

describe('syncEvmHistory: block windows', () => {
  it('shrinks the window when the RPC refuses a wide range and still finds every log exactly once', async () => {
    // 26 incoming transfers, from block 0 to the head (5000); the RPC refuses more than 1,500 blocks per eth_getLogs.
    const blocks = [0, 1, 2, 499, 500, 1249, 1250, 1251, 1500, 2499, 2500, 2501, 2502, 3000, 3749, 3750, 3751, 3752, 4000, 4200, 4400, 4600, 4998, 4999, 5000, 5000];
    const logs = blocks.map((block, i) => transfer({ from: ALICE, to: ME, amount: BigInt(1_000 + i), block, tx: i + 1, index: i }));
    const node = fakeNode({ head: 5000, logs, receipts: {}, maxRange: 1500 });
    const res = await sync(node);

    expect(node.ranges()).toEqual([
      [0, 5000], [1, 5000], [2501, 5000], [3751, 5000], // refused ×3 (5001, 5000, 2500 blocks), then 1250 blocks read
      [1251, 3750], [2501, 3750], // quiet: doubled to 2500 → refused → 1250
      [1, 2500], [1251, 2500],
      [0, 1250], // 1251 blocks: allowed
    ]);
    expect(node.refused).toEqual([[0, 5000], [1, 5000], [2501, 5000], [1251, 3750], [1, 2500]]);
    expect(res.entries).toHaveLength(26);
    expect(new Set(res.entries.map((e) => e.key)).size).toBe(26);
    expect([...res.entries].sort((a, b) => a.block - b.block || a.key.localeCompare(b.key))).toEqual(
      [...logs].sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber) || a.transactionHash.localeCompare(b.transactionHash))
        .map((l) => incoming(l, ALICE)),
    );
    expect(res.cursor).toEqual({ top: 5000, bottom: 0, window: 5000 });
    // eth_blockNumber + 9 eth_getLogs batches + 1 batch of block headers (no outgoing: no receipt).
    expect(res.report).toEqual({ added: 26, requests: 11, complete: true, syncedFromBlock: 0 });
    expect(node.batches.at(-1)!.map((c) => c.method)).toEqual(Array(25).fill('eth_getBlockByNumber'));
  });

  it('doubles the window while it stays quiet (fewer than 100 logs), up to block 0', async () => {
    const node = fakeNode({ head: 100_000, logs: [transfer({ from: ALICE, to: ME, amount: 7n, block: 12_345, tx: 1 })], receipts: {} });
    const res = await sync(node);
    expect(node.ranges()).toEqual([[90_001, 100_000], [70_001, 90_000], [30_001, 70_000], [0, 30_000]]);
    expect(res.cursor).toEqual({ top: 100_000, bottom: 0, window: 16 * INITIAL_WINDOW });
    expect(res.entries.map((e) => [e.block, e.amount, e.time])).toEqual([[12_345, '7', blockTime(12_345) * 1000]]);
  });

  it('halves the window after a busy one (more than 1,000 logs), keeps it between 100 and 1,000', async () => {
    const busy = Array.from({ length: BUSY_LOGS + 1 }, (_, i) => transfer({ from: ALICE, to: ME, amount: 1n, block: 95_000, tx: 10_000 + i }));
    const mid = Array.from({ length: 100 }, (_, i) => transfer({ from: ALICE, to: ME, amount: 2n, block: 86_000, tx: 20_000 + i }));
    const node = fakeNode({ head: 100_000, logs: [...busy, ...mid], receipts: {} });
    const res = await sync(node);
    // 10,000 (busy → 5,000), 5,000 (100 logs: kept), 5,000 (quiet → 10,000), 10,000, 20,000, 40,000 …
    expect(node.ranges()).toEqual([[90_001, 100_000], [85_001, 90_000], [80_001, 85_000], [70_001, 80_000], [50_001, 70_000], [10_001, 50_000], [0, 10_000]]);
    expect(res.entries).toHaveLength(1101);
  });
});

describe('syncEvmHistory: the cursor', () => {
  it('a second pass asks only for the blocks after the first pass’s top; a third with no new block asks for no logs', async () => {
    const first = [transfer({ from: ALICE, to: ME, amount: 5_000_000n, block: 40, tx: 1 })];
    const chain: FakeChain = { head: 5000, logs: [...first], receipts: {} };
    const node = fakeNode(chain);
    const one = await sync(node);
    expect(one.cursor).toEqual({ top: 5000, bottom: 0, window: 2 * INITIAL_WINDOW });
    expect(one.entries.map((e) => e.key)).toEqual([`${txHash(1)}:0`]);

    const later = [transfer({ from: BOB, to: ME, amount: 42n, block: 5001, tx: 2 }), transfer({ from: ALICE, to: ME, amount: 43n, block: 5200, tx: 3, index: 4 })];
    chain.logs.push(...later);
    chain.head = 5200;
    node.batches.length = 0;
    const two = await sync(node, one.cursor, { known: new Set(one.entries.map((e) => e.key)) });
    const getLogs = node.batches.filter((b) => b[0]?.method === 'eth_getLogs');
    expect(getLogs).toHaveLength(1);
    expect(getLogs[0]!.map((c) => (c.params![0] as { fromBlock: string; toBlock: string }))).toEqual([
      { fromBlock: '0x1389', toBlock: '0x1450', topics: [TRANSFER_TOPIC, topic(ME)] },
      { fromBlock: '0x1389', toBlock: '0x1450', topics: [TRANSFER_TOPIC, null, topic(ME)] },
    ]);
    expect(two.entries).toEqual([incoming(later[0]!, BOB), incoming(later[1]!, ALICE)]);
    expect(two.cursor).toEqual({ top: 5200, bottom: 0, window: 4 * INITIAL_WINDOW });
    expect(two.report).toEqual({ added: 2, requests: 3, complete: true, syncedFromBlock: 0 });

    node.batches.length = 0;
    const three = await sync(node, two.cursor);
    expect(node.batches.map((b) => b.map((c) => c.method))).toEqual([['eth_blockNumber']]);
    expect(three).toEqual({ entries: [], cursor: two.cursor, report: { added: 0, requests: 1, complete: true, syncedFromBlock: 0 } });
  });

  it('a key already known is not reported again', async () => {
    const logs = [transfer({ from: ALICE, to: ME, amount: 1n, block: 3, tx: 1 }), transfer({ from: ALICE, to: ME, amount: 2n, block: 3, tx: 1, index: 1 })];
    const res = await sync(fakeNode({ head: 10, logs, receipts: {} }), emptyEvmCursor(), { known: new Set([`${txHash(1)}:0`]) });
    expect(res.entries.map((e) => [e.key, e.amount])).toEqual([[`${txHash(1)}:1`, '2']]);
  });

  it('the budget stops a pass; the next pass goes on backwards from where it stopped', async () => {
    const logs = [
      transfer({ from: ALICE, to: ME, amount: 1n, block: 95_000, tx: 1 }),
      transfer({ from: ALICE, to: ME, amount: 2n, block: 75_000, tx: 2 }),
      transfer({ from: ALICE, to: ME, amount: 3n, block: 50_000, tx: 3 }),
      transfer({ from: ALICE, to: ME, amount: 4n, block: 0, tx: 4 }),
    ];
    const node = fakeNode({ head: 100_000, logs, receipts: {} });
    // Budget 3: eth_blockNumber + 2 windows; the headers batch comes on top.
    const one = await sync(node, emptyEvmCursor(), { budget: 3 });
    expect(node.ranges()).toEqual([[90_001, 100_000], [70_001, 90_000]]);
    expect(one.entries.map((e) => e.amount)).toEqual(['1', '2']);
    expect(one.cursor).toEqual({ top: 100_000, bottom: 70_001, window: 4 * INITIAL_WINDOW });
    expect(one.report).toEqual({ added: 2, requests: 4, complete: false, syncedFromBlock: 70_001 });

    node.batches.length = 0;
    const two = await sync(node, one.cursor, { budget: 3, known: new Set(one.entries.map((e) => e.key)) });
    expect(node.ranges()).toEqual([[30_001, 70_000], [0, 30_000]]);
    expect(two.entries.map((e) => e.amount)).toEqual(['3', '4']);
    expect(two.report).toEqual({ added: 2, requests: 4, complete: true, syncedFromBlock: 0 });
  });
});

describe('syncEvmHistory: entries', () => {
  it('ignores ERC-721 Transfer logs (4 topics) and logs whose data is not one 32-byte amount', async () => {
    const nft: Log = { address: NFT.toLowerCase(), topics: [TRANSFER_TOPIC, topic(ALICE), topic(ME), word(3n)], data: '0x', blockNumber: hex(5), transactionHash: txHash(1), logIndex: '0x0' };
    // 4 topics and a data word (a non-standard event with the Transfer signature): still not an ERC-20 amount.
    const nftWithData: Log = { ...nft, data: word(1n), transactionHash: txHash(4), blockNumber: hex(6) };
    const short: Log = { ...transfer({ from: ALICE, to: ME, amount: 1n, block: 6, tx: 2 }), data: '0x01' };
    const ok = transfer({ from: ALICE, to: ME, amount: 9n, block: 7, tx: 3 });
    const res = await sync(fakeNode({ head: 10, logs: [nft, nftWithData, short, ok], receipts: {} }));
    expect(res.entries).toEqual([incoming(ok, ALICE)]);
  });

  it('a transfer to itself is one entry, direction self, with the fee it paid', async () => {
    const self = transfer({ from: ME, to: ME, amount: 77n, block: 8, tx: 1, index: 2 });
    const node = fakeNode({ head: 10, logs: [self], receipts: { [txHash(1)]: { from: ME.toLowerCase(), gasUsed: hex(40_000), effectiveGasPrice: hex(3) } } });
    const res = await sync(node);
    expect(res.entries).toEqual([{
      key: `${txHash(1)}:2`, hash: txHash(1), direction: 'self', token: USD, symbol: 'mUSD', decimals: 6, amount: '77',
      counterparty: ME, fee: '120000', time: blockTime(8) * 1000, block: 8,
    }]);
  });

  it('fee: only on outgoing entries whose receipt.from is the account, on the first movement of a transaction only', async () => {
    const logs = [
      // tx 1: the account sends twice in one transaction (a multi-send) and pays 50,000 × 2 gwei + an L1 fee of 1,234.
      transfer({ from: ME, to: ALICE, amount: 10n, block: 3, tx: 1, index: 0 }),
      transfer({ from: ME, to: BOB, amount: 20n, block: 3, tx: 1, index: 1 }),
      // tx 2: a spender moves the account's tokens (transferFrom): the account paid nothing.
      transfer({ from: ME, to: BOB, amount: 30n, block: 4, tx: 2 }),
      // tx 3: incoming; the sender paid.
      transfer({ from: ALICE, to: ME, amount: 40n, block: 5, tx: 3 }),
    ];
    const node = fakeNode({
      head: 10, logs,
      receipts: {
        [txHash(1)]: { from: ME.toLowerCase(), gasUsed: hex(50_000), effectiveGasPrice: hex(2_000_000_000), l1Fee: hex(1_234) },
        [txHash(2)]: { from: SPENDER.toLowerCase(), gasUsed: hex(60_000), effectiveGasPrice: hex(2_000_000_000) },
        [txHash(3)]: { from: ALICE.toLowerCase(), gasUsed: hex(50_000), effectiveGasPrice: hex(2_000_000_000) },
      },
    });
    const res = await sync(node);
    expect(res.entries.map((e) => [e.key, e.direction, e.amount, e.counterparty, e.fee])).toEqual([
      [`${txHash(1)}:0`, 'out', '10', ALICE, '100000000001234'],
      [`${txHash(1)}:1`, 'out', '20', BOB, '0'],
      [`${txHash(2)}:0`, 'out', '30', BOB, '0'],
      [`${txHash(3)}:0`, 'in', '40', ALICE, '0'],
    ]);
    // Receipts are asked for the outgoing transactions only, in the same batch as the block headers.
    const last = node.batches.at(-1)!;
    expect(last.map((c) => [c.method, c.params![0]])).toEqual([
      ['eth_getBlockByNumber', '0x3'], ['eth_getBlockByNumber', '0x4'], ['eth_getBlockByNumber', '0x5'],
      ['eth_getTransactionReceipt', txHash(1)], ['eth_getTransactionReceipt', txHash(2)],
    ]);
  });

  it('an unknown token (the resolver says nothing, or fails) is symbol "?" with 0 decimals, its amount exact', async () => {
    const logs = [
      transfer({ from: ALICE, to: ME, amount: 123_456_789_012_345_678_901_234_567n, block: 2, tx: 1, token: ODD }),
      transfer({ from: ALICE, to: ME, amount: 5n, block: 3, tx: 2, token: NFT }),
    ];
    const failing: TokenResolver = async (t) => { if (t === NFT.toLowerCase()) throw new Error('no such contract'); return null; };
    const res = await sync(fakeNode({ head: 10, logs, receipts: {} }), emptyEvmCursor(), { tokenInfo: failing });
    expect(res.entries.map((e) => [e.token, e.symbol, e.decimals, e.amount])).toEqual([
      [getAddress(ODD), '?', 0, '123456789012345678901234567'],
      [getAddress(NFT), '?', 0, '5'],
    ]);
  });

  it('a window that fails for another reason fails the pass (nothing half-read is reported)', async () => {
    const node = fakeNode({ head: 10, logs: [], receipts: {} });
    node.batch = async (calls) => calls.map(() => ({ ok: false, error: { code: -32000, message: 'execution aborted' } }));
    await expect(sync(node)).rejects.toThrow('eth_getLogs: execution aborted');
  });
});

describe('a chain shorter than what was read (a restarted dev chain)', () => {
  it('reads it afresh from its head instead of waiting for the old top forever', async () => {
    const node = fakeNode({ head: 40, logs: [transfer({ from: ALICE, to: ME, amount: 5n, block: 30, tx: 1 })], receipts: {} });
    const first = await sync(node, { top: 5000, bottom: 0, window: 100 });
    expect(node.ranges()).toEqual([[0, 40]]);
    expect(first.cursor).toMatchObject({ top: 40, bottom: 0 });
    expect(first.entries.map((e) => [e.block, e.amount])).toEqual([[30, '5']]);
    expect(first.report.complete).toBe(true);
  });
});
