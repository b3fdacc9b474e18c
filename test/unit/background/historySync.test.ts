// The records sync covers every account of the wallet (issue 11, item 1): one pass reads each account's history on
// each enabled network, the shown account first; the network is complete only when every account is.
import { describe, expect, it } from 'vitest';
import { createHistory } from '../../../src/background/portfolio/history';
import { createHistoryStore } from '../../../src/background/stores/historyStore';
import { createMemoryStorage } from '../../../src/background/storageArea';
import type { RpcCall, RpcOutcome, RpcTransport } from '../../../src/chains/rpcTransport';
import { unwrap } from '../../../src/chains/rpcTransport';
import { TRANSFER_TOPIC } from '../../../src/chains/history/evmHistory';
import type { AccountView } from '../../../src/shared/types';
import type { Network } from '../../../src/chains/ChainAdapter';

const A1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const A2 = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const FROM = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const topic = (a: string) => `0x${a.slice(2).toLowerCase().padStart(64, '0')}`;
const net = { id: 'eip155:31337', name: 'Localnet', family: 'evm', chainId: 31337, rpcUrls: ['fake://'], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, testnet: true } as Network;

function node(failFor?: string) {
  const logTopics: string[] = [];
  const logs = [A1, A2].map((to, i) => ({ address: TOKEN, topics: [TRANSFER_TOPIC, topic(FROM), topic(to)], data: `0x${(100n + BigInt(i)).toString(16).padStart(64, '0')}`,
    blockNumber: '0x5', transactionHash: `0x${String(i + 1).padStart(64, 'b')}`, logIndex: '0x0' }));
  const answer = (c: RpcCall): RpcOutcome => {
    if (c.method === 'eth_blockNumber') return { ok: true, result: '0x9' };
    if (c.method === 'eth_getBlockByNumber') return { ok: true, result: { timestamp: '0x64' } };
    if (c.method === 'eth_getLogs') {
      const f = c.params![0] as { topics: (string | null)[] };
      const who = f.topics[1] ?? f.topics[2]!;
      logTopics.push(who);
      if (failFor && who === topic(failFor)) return { ok: false, error: { code: -32000, message: 'boom' } };
      return { ok: true, result: logs.filter((l) => f.topics.every((t, i) => t === null || l.topics[i] === t)) };
    }
    return { ok: false, error: { code: -32601, message: 'no' } };
  };
  const batch = async (calls: readonly RpcCall[]) => calls.map(answer);
  const transport: RpcTransport = { urls: ['fake://'], batch, backoffState: () => ({}), async request<T>(m: string, p: unknown[] = []) { return unwrap<T>((await batch([{ method: m, params: p }]))[0], m); } };
  return { transport, logTopics };
}

function setup(failFor?: string) {
  const n = node(failFor);
  const store = createHistoryStore(createMemoryStorage());
  const history = createHistory({
    store, now: () => 1, registry: { enabled: async () => [net] } as never, adapters: { get: () => ({ transport: n.transport }) } as never,
    tokens: { all: async () => [{ address: TOKEN, symbol: 'mUSD', decimals: 6, hidden: false, custom: false }] } as never,
  });
  return { history, store, logTopics: n.logTopics };
}
const acct = (id: string, evm: string): AccountView => ({ id, name: id, evm, solana: '' } as unknown as AccountView);

describe('records sync over every account', () => {
  it('one pass reads each account (the shown one first) and stores each one\u2019s receipts exactly', async () => {
    const { history, store, logTopics } = setup();
    const [status] = await history.sync([acct('hd:1', A2), acct('hd:0', A1)]);
    expect(status).toMatchObject({ networkId: 'eip155:31337', complete: true });
    expect([...new Set(logTopics)]).toEqual([topic(A2), topic(A1)]);
    expect((await store.read(net.id, A1)).entries.map((e) => [e.direction, e.amount, e.counterparty])).toEqual([['in', '100', FROM]]);
    expect((await store.read(net.id, A2)).entries.map((e) => [e.direction, e.amount, e.counterparty])).toEqual([['in', '101', FROM]]);
  });

  it('an account whose pass fails makes the network incomplete with the error; the other account keeps what it read', async () => {
    const { history, store } = setup(A2);
    const [status] = await history.sync([acct('hd:0', A1), acct('hd:1', A2)]);
    expect([status!.complete, status!.error]).toEqual([false, 'eth_getLogs: boom']);
    expect((await store.read(net.id, A1)).entries).toHaveLength(1);
    expect((await history.status([acct('hd:0', A1), acct('hd:1', A2)]))[0]!.complete).toBe(false);
    expect((await history.status([acct('hd:0', A1)]))[0]!.complete).toBe(true);
  });
});
