// Issue 11 item 1 in Activity: the wallet's own sends merged with the records found on chain, the address-poisoning
// flag, and the records store (newest first, capped).
import { describe, expect, it } from 'vitest';
import { getAddress } from 'viem';
import { createActivity, historyView, isPoisoning, type HistorySource } from '../../../src/background/portfolio/activity';
import type { AdapterCache } from '../../../src/background/portfolio/adapters';
import type { NetworkRegistry } from '../../../src/background/portfolio/networkRegistry';
import { createMemoryStorage } from '../../../src/background/storageArea';
import { createActivityStore } from '../../../src/background/stores/activityStore';
import { createHistoryStore, HISTORY_LIMIT, historyKey, type HistoryState } from '../../../src/background/stores/historyStore';
import type { ActivityRecord } from '../../../src/chains/activityRecord';
import type { Network } from '../../../src/chains/ChainAdapter';
import type { HistoryEntry } from '../../../src/chains/history/types';
import { getBuiltinNetwork } from '../../../src/chains/networks';
import type { ActivityView } from '../../../src/shared/types';

const ETH = getBuiltinNetwork('eip155:1') as Network;
const SOLANA = getBuiltinNetwork('solana:mainnet') as Network;
const ME = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const ALICE = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const POOL = '0x39Dd72cA52aF53C0AA023b16dae6C33582C7732e';
const ROUTER = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const USD = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const WETH = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
/** Same first and last 4 hex characters as BOB, different in between. */
const BOB_TWIN = getAddress('0x90f7aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab906');
const SOL_ME = 'AqynRZwvVqUPRwRJXvm6odUb3t93fDjnWe3p6BeuUFxD';
const SOL_FRIEND = 'CqMbRgMuEhQi9BUS8xP44Wk5nENm48FqJnfjEi4eNb1k';
const SOL_FRIEND_TWIN = 'CqMbxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxNb1k';
const MINT = '8SSSNA6CuCVoE1ciMJoeFs65tVTLxySpYj4jPydCH88A';
const h = (n: number) => `0x${String(n).padStart(64, '0')}`;

const record = (o: Partial<ActivityRecord> & Pick<ActivityRecord, 'id' | 'networkId' | 'from' | 'to' | 'createdAt'>): ActivityRecord => ({
  amount: '1', symbol: 'ETH', decimals: 18, fee: '21000', status: 'confirmed', updatedAt: o.createdAt, ...o,
});
const entry = (o: Partial<HistoryEntry> & Pick<HistoryEntry, 'key' | 'hash' | 'direction' | 'time'>): HistoryEntry => ({
  symbol: 'mUSD', decimals: 6, amount: '1', counterparty: ALICE, fee: '0', block: 1, ...o,
});

function activity(records: ActivityRecord[]) {
  const local = createMemoryStorage();
  const store = createActivityStore(local);
  const registry = { networks: { all: async () => [ETH, SOLANA] } } as unknown as NetworkRegistry;
  return { local, store, ready: Promise.all(records.map((r) => store.add(r))), activity: createActivity({ local, now: () => 0, store, registry, adapters: {} as AdapterCache }) };
}
const source = (entries: Record<string, HistoryEntry[]>, known: Record<string, string[]> = {}): HistorySource => ({
  entries: async (networkId, address) => entries[`${networkId}|${address}`] ?? [],
  knownAddresses: async (family) => known[family] ?? [],
});

describe('Activity list: own sends merged with the records found on chain', () => {
  // Own sends: an mUSD send to BOB (token as the send recorded it: checksummed), a dapp swap recorded as its native
  // value (0 ETH to the router), a SOL send.
  const own = [
    record({ id: h(1), networkId: ETH.id, from: ME, to: BOB, amount: '5000000', symbol: 'mUSD', decimals: 6, token: USD, fee: '42000', createdAt: 1_000 }),
    record({ id: h(2), networkId: ETH.id, from: ME, to: ROUTER, amount: '0', fee: '90000', createdAt: 3_000, origin: 'https://dex.example' }),
    record({ id: 'SigA', networkId: SOLANA.id, from: SOL_ME, to: SOL_FRIEND, amount: '1000000000', symbol: 'SOL', decimals: 9, fee: '5000', createdAt: 5_000 }),
  ];
  const chain: Record<string, HistoryEntry[]> = {
    [`${ETH.id}|${ME}`]: [
      // The send itself, as the log shows it (token in lower case here): listed once, as the send.
      entry({ key: `${h(1)}:0`, hash: h(1), direction: 'out', token: USD.toLowerCase(), amount: '5000000', counterparty: BOB, fee: '42000', time: 1_001 }),
      // The swap: mWETH out (not what the send row shows: listed, its fee on the send row only) and mUSD in.
      entry({ key: `${h(2)}:1`, hash: h(2), direction: 'out', token: WETH, symbol: 'mWETH', decimals: 18, amount: '10', counterparty: POOL, fee: '90000', time: 3_001 }),
      entry({ key: `${h(2)}:2`, hash: h(2), direction: 'in', token: USD, amount: '19900000', counterparty: POOL, time: 3_002 }),
      // A receipt, and a transferFrom by a spender (not an own send).
      entry({ key: `${h(3)}:0`, hash: h(3), direction: 'in', token: USD, amount: '7000000', counterparty: ALICE, time: 2_000 }),
      entry({ key: `${h(4)}:5`, hash: h(4), direction: 'out', token: USD, amount: '3', counterparty: ROUTER, time: 4_000 }),
      // A zero-value "receipt" from a look-alike of BOB, whom the wallet paid: poisoning.
      entry({ key: `${h(5)}:0`, hash: h(5), direction: 'in', token: USD, amount: '0', counterparty: BOB_TWIN, time: 6_000 }),
    ],
    [`${SOLANA.id}|${SOL_ME}`]: [
      entry({ key: 'SigA:SOL', hash: 'SigA', direction: 'out', symbol: 'SOL', decimals: 9, amount: '1000000000', counterparty: SOL_FRIEND, fee: '5000', time: 5_001 }),
      entry({ key: `SigB:${MINT}`, hash: 'SigB', direction: 'in', token: MINT, amount: '2500000', counterparty: SOL_FRIEND_TWIN, time: 7_000, unlisted: true }),
    ],
  };
  const account = { evm: ME, solana: SOL_ME } as Parameters<ReturnType<typeof createActivity>['list']>[0];

  it('lists each movement once, newest first: own sends as sends, other movements of their transactions as records', async () => {
    const a = activity(own);
    await a.ready;
    const rows = await a.activity.list(account, source(chain));
    expect(rows.map((r) => [r.key, r.source, r.direction, r.amount, r.fee, r.poisoning ?? false])).toEqual([
      [`SigB:${MINT}`, 'chain', 'in', '2500000', '0', false], // dust? no: 2.5 tokens
      [`${h(5)}:0`, 'chain', 'in', '0', '0', true],
      ['SigA', 'wallet', 'out', '1000000000', '5000', false],
      [`${h(4)}:5`, 'chain', 'out', '3', '0', false],
      [`${h(2)}:2`, 'chain', 'in', '19900000', '0', false],
      [`${h(2)}:1`, 'chain', 'out', '10', '0', false], // the fee is on the send row
      [h(2), 'wallet', 'out', '0', '90000', false],
      [`${h(3)}:0`, 'chain', 'in', '7000000', '0', false],
      [h(1), 'wallet', 'out', '5000000', '42000', false],
    ]);
    // The sum of the fees is what the wallet paid: once per transaction.
    expect(rows.reduce((s, r) => s + BigInt(r.fee), 0n)).toBe(42000n + 90000n + 5000n);
  });

  it('a record found on chain as a row: confirmed, from/to by direction, explorer link, unlisted flag', async () => {
    const a = activity(own);
    await a.ready;
    const rows = await a.activity.list(account, source(chain));
    expect(rows.find((r) => r.key === `${h(3)}:0`)).toEqual({
      id: h(3), key: `${h(3)}:0`, networkId: ETH.id, networkName: ETH.name, from: ALICE, to: ME, amount: '7000000', symbol: 'mUSD', decimals: 6, token: USD,
      fee: '0', feeSymbol: 'ETH', feeDecimals: 18, status: 'confirmed', createdAt: 2_000, updatedAt: 2_000, explorerUrl: `https://etherscan.io/tx/${h(3)}`,
      direction: 'in', counterparty: ALICE, source: 'chain', block: 1,
    } satisfies ActivityView);
    expect(rows.find((r) => r.key === `SigB:${MINT}`)).toMatchObject({ from: SOL_FRIEND_TWIN, to: SOL_ME, unlisted: true, explorerUrl: 'https://explorer.solana.com/tx/SigB', feeSymbol: 'SOL' });
    expect(rows.find((r) => r.key === `${h(4)}:5`)).toMatchObject({ from: ME, to: ROUTER });
  });

  it('without a history source: the own sends only; an empty history changes nothing', async () => {
    const a = activity(own);
    await a.ready;
    const plain = await a.activity.list(account);
    expect(plain.map((r) => r.key)).toEqual(['SigA', h(2), h(1)]);
    expect(await a.activity.list(account, source({}))).toEqual(plain);
  });

  it('the addresses the user knows make look-alikes poisoning (own accounts, address book)', async () => {
    const a = activity([]);
    const twinOfAlice = getAddress('0x3c44aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa93bc');
    const e = entry({ key: `${h(9)}:0`, hash: h(9), direction: 'in', token: USD, amount: '0', counterparty: twinOfAlice, time: 1 });
    const rows = (k: string[]) => a.activity.list({ evm: ME } as never, source({ [`${ETH.id}|${ME}`]: [e] }, { evm: k }));
    expect((await rows([]))[0]?.poisoning).toBeUndefined();
    expect((await rows([ALICE]))[0]?.poisoning).toBe(true);
  });
});

describe('isPoisoning', () => {
  const known = [BOB, ALICE];
  const e = (o: Partial<HistoryEntry>) => entry({ key: 'k', hash: 'h', direction: 'in', time: 1, decimals: 6, ...o });
  it.each([
    ['zero-value from a look-alike', e({ amount: '0', counterparty: BOB_TWIN }), true],
    ['zero-value from a look-alike, lower-case', e({ amount: '0', counterparty: BOB_TWIN.toLowerCase() }), true],
    ['a normal amount from a look-alike', e({ amount: '5000000', counterparty: BOB_TWIN }), false],
    ['dust in from a look-alike (999 base units < 0.001 of a 6-decimal token)', e({ amount: '999', counterparty: BOB_TWIN }), true],
    ['exactly 0.001 in from a look-alike', e({ amount: '1000', counterparty: BOB_TWIN }), false],
    ['dust out to a look-alike (only zero-value counts going out)', e({ direction: 'out', amount: '999', counterparty: BOB_TWIN }), false],
    ['zero-value out to a look-alike (a forged transferFrom)', e({ direction: 'out', amount: '0', counterparty: BOB_TWIN }), true],
    ['zero-value from an unrelated address', e({ amount: '0', counterparty: ROUTER }), false],
    ['zero-value from the known address itself', e({ amount: '0', counterparty: BOB }), false],
    ['zero-value, no counterparty', e({ amount: '0', counterparty: '' }), false],
  ])('EVM: %s → %s', (_n, x, want) => { expect(isPoisoning(x, 'evm', known)).toBe(want); });

  it('Solana: base58 compared exactly (a case change is another address, not a look-alike of the same prefix)', () => {
    expect(isPoisoning(e({ amount: '1', decimals: 9, counterparty: SOL_FRIEND_TWIN }), 'solana', [SOL_FRIEND])).toBe(true);
    expect(isPoisoning(e({ amount: '0', counterparty: 'cqMbxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxNb1k' }), 'solana', [SOL_FRIEND])).toBe(false);
    expect(isPoisoning(e({ amount: '1000000', decimals: 9, counterparty: SOL_FRIEND_TWIN }), 'solana', [SOL_FRIEND])).toBe(false);
  });

  it('historyView marks the row only when told', () => {
    const x = e({ amount: '0', counterparty: BOB_TWIN });
    expect(historyView(x, ETH, ME, true).poisoning).toBe(true);
    expect('poisoning' in historyView(x, ETH, ME, false)).toBe(false);
  });
});

describe('history store', () => {
  const E = (block: number, key: string, time = block * 1000): HistoryEntry => entry({ key, hash: key.split(':')[0]!, direction: 'in', block, time });

  it('reads an empty state for nothing stored or an unknown shape', async () => {
    const storage = createMemoryStorage({ [historyKey('eip155:1', 'bad')]: { v: 2, entries: [] } });
    const store = createHistoryStore(storage);
    expect(await store.read('eip155:1', ME)).toEqual({ v: 1, entries: [], cursor: null });
    expect(await store.read('eip155:1', 'bad')).toEqual({ v: 1, entries: [], cursor: null });
  });

  it('merges new entries newest first (block, then time, then key); a key already stored keeps its stored value', async () => {
    const storage = createMemoryStorage();
    const store = createHistoryStore(storage);
    const one = await store.save('eip155:1', ME, await store.read('eip155:1', ME), [E(5, 'a:0'), E(9, 'b:0')], { cursor: { top: 9, bottom: 0, window: 10 }, complete: true, syncedAt: 77 });
    expect(one.entries.map((x) => x.key)).toEqual(['b:0', 'a:0']);
    const two = await store.save('eip155:1', ME, one, [{ ...E(5, 'a:0'), amount: '999' }, E(7, 'c:1'), E(7, 'c:0'), E(7, 'd:0', 8_000), E(12, 'e:0')], { cursor: null });
    expect(two.entries.map((x) => x.key)).toEqual(['e:0', 'b:0', 'd:0', 'c:0', 'c:1', 'a:0']);
    expect(two.entries.find((x) => x.key === 'a:0')?.amount).toBe('1');
    expect(storage.dump()[historyKey('eip155:1', ME)]).toEqual(two);
    expect(two).toEqual({ v: 1, entries: two.entries, cursor: null });
    expect(await createHistoryStore(storage).read('eip155:1', ME)).toEqual(two);
    expect(one).toMatchObject({ cursor: { top: 9, bottom: 0, window: 10 }, complete: true, syncedAt: 77 });
  });

  it(`keeps the newest ${HISTORY_LIMIT} entries and stays capped`, async () => {
    const store = createHistoryStore(createMemoryStorage());
    const prev: HistoryState = { v: 1, entries: Array.from({ length: HISTORY_LIMIT - 1 }, (_, i) => E(HISTORY_LIMIT - i + 10, `x${i}:0`)), cursor: null };
    // Blocks 12 … 2010 stored; add 3 → 2,002: the two oldest (blocks 1 and 11) go.
    const next = await store.save('eip155:1', ME, prev, [E(5_000, 'new:0'), E(11, 'old:0'), E(1, 'oldest:0')], { cursor: null });
    expect(next.entries).toHaveLength(HISTORY_LIMIT);
    expect(next.entries[0]?.key).toBe('new:0');
    expect(next.entries.at(-1)?.block).toBe(12);
    expect(next.entries.some((x) => x.key === 'old:0' || x.key === 'oldest:0')).toBe(false);
    expect(next.capped).toBe(true);
    const again = await store.save('eip155:1', ME, next, [], { cursor: null, complete: false });
    expect(again.capped).toBe(true);
    const under = await store.save('eip155:1', BOB, { v: 1, entries: [], cursor: null }, [E(1, 'a:0')], { cursor: null });
    expect('capped' in under).toBe(false);
  });
});
