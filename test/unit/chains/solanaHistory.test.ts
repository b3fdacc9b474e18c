// Issue 11 item 1, Solana records: movementsOf on hand-built getTransaction answers, and syncSolanaHistory's paging of
// getSignaturesForAddress (until / before) over a fake RPC that pages like a validator (newest first, ≤ 1000 a page).
import { describe, expect, it } from 'vitest';
import type { RpcCall, RpcOutcome, RpcTransport } from '../../../src/chains/rpcTransport';
import { unwrap } from '../../../src/chains/rpcTransport';
import {
  emptySolanaCursor, movementsOf, SIGNATURE_PAGE, syncSolanaHistory, TX_BATCH, type RpcTransaction, type SolanaHistoryCursor,
} from '../../../src/chains/history/solanaHistory';
import type { TokenResolver } from '../../../src/chains/history/types';
import { SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID } from '../../../src/chains/tokens';

const WALLET = 'AqynRZwvVqUPRwRJXvm6odUb3t93fDjnWe3p6BeuUFxD';
const SENDER = 'CqMbRgMuEhQi9BUS8xP44Wk5nENm48FqJnfjEi4eNb1k';
const RECIPIENT = '9Tj3srBSxH7RFRCm8uharreY7ZBS49XSfpwCeYa7Xaqp';
const RELAYER = '6gYw7q94fJdEwL8WkT1a6LHBdTMbix1aciALwEWPx3Wp';
const SYSTEM = '11111111111111111111111111111111';
const MINT = '8SSSNA6CuCVoE1ciMJoeFs65tVTLxySpYj4jPydCH88A';
const MINT22 = '9pGgqNteNkv5vviuLdGcRkY1hEKzsTmgdb8z6mcrdqzj';
const ODD_MINT = '7EeV8eiRuGoR8bFHCjdCRGQd1RM5sR2dAkdiTEtC9ko7';
const WALLET_ATA = 'F9fVg2LeE2RhM6CfNn888hbjqovZDEWY3vm2hEkvX3Nh';
const SENDER_ATA = '26roUwgM5T6bccX41hakjiW4fDiKFSao1RyoFsAxr6e6';
const RECIPIENT_ATA = '5mCGtMUD21HEvWJxKGKS6HEAH7ezzy12MWGs4bPgcJwV';
const WALLET_ATA22 = '2yaW8VAMLhQiornz1BgcSWDUSH2jC2dmB8RWnTJi8Yab';
const SIG = '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW';
const SLOT = 4_321;
const BLOCK_TIME = 1_750_000_000;
const ATA_RENT = 2_039_280;

const tokens: TokenResolver = async (mint) => ({ [MINT]: { symbol: 'mUSD', decimals: 6 }, [MINT22]: { symbol: 'mUSD22', decimals: 6 } })[mint] ?? null;
const bal = (accountIndex: number, mint: string, owner: string, amount: bigint, decimals = 6) => ({ accountIndex, mint, owner, uiTokenAmount: { amount: amount.toString(), decimals } });

function tx(keys: string[], pre: number[], post: number[], fee: number, extra: Partial<NonNullable<RpcTransaction['meta']>> = {}): RpcTransaction {
  return { slot: SLOT, blockTime: BLOCK_TIME, transaction: { message: { accountKeys: keys } }, meta: { err: null, fee, preBalances: pre, postBalances: post, ...extra } };
}
const common = { hash: SIG, time: BLOCK_TIME * 1000, block: SLOT };

describe('movementsOf', () => {
  it('incoming SOL: the sender is the counterparty, no fee (the sender paid it)', async () => {
    const t = tx([SENDER, WALLET, SYSTEM], [10_000_000_000, 1_000_000_000, 1], [7_999_995_000, 3_000_000_000, 1], 5_000);
    expect(await movementsOf(SIG, t, WALLET, tokens)).toEqual([
      { key: `${SIG}:SOL`, ...common, direction: 'in', amount: '2000000000', symbol: 'SOL', decimals: 9, counterparty: SENDER, fee: '0' },
    ]);
  });

  it('outgoing SOL paid by the wallet: the amount excludes the fee, the fee is meta.fee', async () => {
    // 5,000 base + 2,000 priority.
    const t = tx([WALLET, RECIPIENT, SYSTEM], [5_000_000_000, 0, 1], [3_499_993_000, 1_500_000_000, 1], 7_000);
    expect(await movementsOf(SIG, t, WALLET, tokens)).toEqual([
      { key: `${SIG}:SOL`, ...common, direction: 'out', amount: '1500000000', symbol: 'SOL', decimals: 9, counterparty: RECIPIENT, fee: '7000' },
    ]);
  });

  it('outgoing SOL from a wallet that is not the fee payer: fee "0", the relayer is not the counterparty', async () => {
    const t = tx([RELAYER, WALLET, RECIPIENT, SYSTEM], [900_000, 5_000_000_000, 10, 1], [890_000, 4_000_000_000, 1_000_000_010, 1], 10_000);
    expect(await movementsOf(SIG, t, WALLET, tokens)).toEqual([
      { key: `${SIG}:SOL`, ...common, direction: 'out', amount: '1000000000', symbol: 'SOL', decimals: 9, counterparty: RECIPIENT, fee: '0' },
    ]);
  });

  it('SPL received (the wallet itself is not among the keys): from the token balances whose owner is the wallet', async () => {
    // The sender creates the wallet's token account (it has no pre balance) and sends 2.5 mUSD.
    const t = tx([SENDER, SENDER_ATA, WALLET_ATA, MINT, SPL_TOKEN_PROGRAM_ID], [1_000_000_000, ATA_RENT, 0, 1, 1], [1_000_000_000 - ATA_RENT - 5_000, ATA_RENT, ATA_RENT, 1, 1], 5_000, {
      preTokenBalances: [bal(1, MINT, SENDER, 10_000_000n)],
      postTokenBalances: [bal(1, MINT, SENDER, 7_500_000n), bal(2, MINT, WALLET, 2_500_000n)],
    });
    expect(await movementsOf(SIG, t, WALLET, tokens)).toEqual([
      { key: `${SIG}:${MINT}`, ...common, direction: 'in', token: MINT, amount: '2500000', symbol: 'mUSD', decimals: 6, counterparty: SENDER, fee: '0' },
    ]);
  });

  it('Token-2022 sent by the wallet: one token entry carrying the fee (no SOL moved besides the fee)', async () => {
    const t = tx([WALLET, WALLET_ATA22, RECIPIENT_ATA, MINT22, TOKEN_2022_PROGRAM_ID], [50_000_000, ATA_RENT, ATA_RENT, 1, 1], [49_995_000, ATA_RENT, ATA_RENT, 1, 1], 5_000, {
      preTokenBalances: [bal(1, MINT22, WALLET, 1_000_000n), bal(2, MINT22, RECIPIENT, 0n)],
      postTokenBalances: [bal(1, MINT22, WALLET, 400_000n), bal(2, MINT22, RECIPIENT, 600_000n)],
    });
    expect(await movementsOf(SIG, t, WALLET, tokens)).toEqual([
      { key: `${SIG}:${MINT22}`, ...common, direction: 'out', token: MINT22, amount: '600000', symbol: 'mUSD22', decimals: 6, counterparty: RECIPIENT, fee: '5000' },
    ]);
  });

  it('SPL sent with the recipient’s account created: the rent is a SOL entry with the fee; the token entry has fee "0"', async () => {
    const t = tx([WALLET, RECIPIENT_ATA, WALLET_ATA, RECIPIENT, MINT, SYSTEM, SPL_TOKEN_PROGRAM_ID],
      [1_000_000_000, 0, ATA_RENT, 0, 1, 1, 1], [1_000_000_000 - ATA_RENT - 5_000, ATA_RENT, ATA_RENT, 0, 1, 1, 1], 5_000, {
        preTokenBalances: [bal(2, MINT, WALLET, 3_000_000n)],
        postTokenBalances: [bal(1, MINT, RECIPIENT, 1_000_000n), bal(2, MINT, WALLET, 2_000_000n)],
      });
    expect(await movementsOf(SIG, t, WALLET, tokens)).toEqual([
      { key: `${SIG}:SOL`, ...common, direction: 'out', amount: String(ATA_RENT), symbol: 'SOL', decimals: 9, counterparty: RECIPIENT_ATA, fee: '5000' },
      { key: `${SIG}:${MINT}`, ...common, direction: 'out', token: MINT, amount: '1000000', symbol: 'mUSD', decimals: 6, counterparty: RECIPIENT, fee: '0' },
    ]);
  });

  it('an unknown mint: symbol "?", the decimals the token balances give', async () => {
    const t = tx([SENDER, SENDER_ATA, WALLET_ATA], [1, 1, 1], [1, 1, 1], 5_000, {
      preTokenBalances: [bal(1, ODD_MINT, SENDER, 5n, 9), bal(2, ODD_MINT, WALLET, 0n, 9)],
      postTokenBalances: [bal(1, ODD_MINT, SENDER, 0n, 9), bal(2, ODD_MINT, WALLET, 5n, 9)],
    });
    expect((await movementsOf(SIG, t, WALLET, tokens)).map((e) => [e.token, e.symbol, e.decimals, e.amount, e.direction])).toEqual([[ODD_MINT, '?', 9, '5', 'in']]);
  });

  it('the wallet among the loaded addresses of a v0 transaction', async () => {
    const t = tx([SENDER, SYSTEM], [2_000_000, 1, 0], [1_495_000, 1, 500_000], 5_000, { loadedAddresses: { writable: [WALLET], readonly: [] } });
    expect((await movementsOf(SIG, t, WALLET, tokens)).map((e) => [e.direction, e.amount, e.counterparty, e.fee])).toEqual([['in', '500000', SENDER, '0']]);
  });

  it('a failed transaction moved nothing: [] (even though its fee payer paid)', async () => {
    const t = tx([WALLET, RECIPIENT, SYSTEM], [5_000_000_000, 0, 1], [4_999_995_000, 0, 1], 5_000, { err: { InstructionError: [0, { Custom: 1 }] } });
    expect(await movementsOf(SIG, t, WALLET, tokens)).toEqual([]);
    expect(await movementsOf(SIG, { ...t, meta: null }, WALLET, tokens)).toEqual([]);
  });

  it('only the fee paid, nothing moved: no entry', async () => {
    const t = tx([WALLET, SYSTEM], [5_000_000_000, 1], [4_999_995_000, 1], 5_000);
    expect(await movementsOf(SIG, t, WALLET, tokens)).toEqual([]);
  });
});

// ─────────────────────────────── syncSolanaHistory over a fake validator ───────────────────────────────

interface Ledger {
  /** Signatures touching each address, oldest first. */
  sigs: Record<string, string[]>;
  /** Token accounts of the wallet per token program. */
  tokenAccounts: Record<string, string[]>;
  /** Signatures whose transaction failed. */
  failed?: Set<string>;
}

const sigName = (i: number) => `sig${String(i).padStart(5, '0')}`;
/** Every transaction of the fake ledger: SENDER pays the wallet 1,000 + i lamports (i from the name). */
const txOf = (sig: string): RpcTransaction => {
  const i = Number(sig.slice(3));
  return tx([SENDER, WALLET, SYSTEM], [10_000_000, 0, 1], [10_000_000 - 1_000 - i - 5_000, 1_000 + i, 1], 5_000);
};

function fakeValidator(ledger: Ledger): RpcTransport & { batches: RpcCall[][]; fetched: string[] } {
  const batches: RpcCall[][] = [];
  const fetched: string[] = [];
  const answer = (c: RpcCall): unknown => {
    const p = c.params ?? [];
    switch (c.method) {
      case 'getTokenAccountsByOwner': {
        const program = (p[1] as { programId: string }).programId;
        return { context: { slot: 1 }, value: (ledger.tokenAccounts[program] ?? []).map((pubkey) => ({ pubkey, account: null })) };
      }
      case 'getSignaturesForAddress': {
        const o = p[1] as { limit?: number; before?: string; until?: string };
        let list = [...(ledger.sigs[p[0] as string] ?? [])].reverse(); // newest first
        if (o.before !== undefined) list = list.slice(list.indexOf(o.before) + 1);
        if (o.until !== undefined && list.includes(o.until)) list = list.slice(0, list.indexOf(o.until));
        return list.slice(0, Math.min(o.limit ?? 1000, 1000)).map((signature) => ({
          signature, slot: Number(signature.slice(3)), blockTime: BLOCK_TIME, err: ledger.failed?.has(signature) ? { InstructionError: [0, 'X'] } : null,
        }));
      }
      case 'getTransaction': {
        fetched.push(p[0] as string);
        return txOf(p[0] as string);
      }
      default: throw new Error(`no ${c.method}`);
    }
  };
  const batch = async (calls: readonly RpcCall[]): Promise<RpcOutcome[]> => {
    batches.push([...calls]);
    return calls.map((c) => ({ ok: true, result: answer(c) }));
  };
  return {
    urls: ['fake://validator'], batches, fetched, batch, backoffState: () => ({}),
    async request<T>(method: string, params: unknown[] = []) { return unwrap<T>((await batch([{ method, params }]))[0], method); },
  };
}

const sigCalls = (b: RpcCall[][]) => b.filter((x) => x[0]?.method === 'getSignaturesForAddress').map((x) => x.map((c) => c.params));
const GET_TX_OPTS = { encoding: 'json', maxSupportedTransactionVersion: 0, commitment: 'confirmed' };

async function pass(node: ReturnType<typeof fakeValidator>, cursor: SolanaHistoryCursor, known: Set<string> = new Set(), budget?: number) {
  node.batches.length = 0;
  node.fetched.length = 0;
  return syncSolanaHistory({ transport: node, account: WALLET, cursor, known, tokenInfo: tokens, ...(budget !== undefined ? { budget } : {}) });
}

describe('syncSolanaHistory', () => {
  it('pages the wallet and its token accounts with until/before, skips known and failed signatures, then asks for nothing old', async () => {
    const ledger: Ledger = {
      sigs: { [WALLET]: [sigName(1), sigName(2), sigName(4)], [WALLET_ATA]: [sigName(2), sigName(3)] },
      tokenAccounts: { [SPL_TOKEN_PROGRAM_ID]: [WALLET_ATA] },
      failed: new Set([sigName(3)]),
    };
    const node = fakeValidator(ledger);
    const one = await pass(node, emptySolanaCursor(), new Set([sigName(1)]));
    expect(node.batches[0]).toEqual([SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID].map((programId) => ({
      method: 'getTokenAccountsByOwner', params: [WALLET, { programId }, { encoding: 'base64', dataSlice: { offset: 0, length: 0 } }],
    })));
    // One page each, shorter than 1000: read to the start, no older page asked.
    expect(sigCalls(node.batches)).toEqual([[[WALLET, { limit: SIGNATURE_PAGE }], [WALLET_ATA, { limit: SIGNATURE_PAGE }]]]);
    // sig1 is known, sig3 failed: only sig4 and sig2 fetched (once, though two addresses list sig2).
    expect(node.batches.at(-1)).toEqual([sigName(4), sigName(2)].map((s) => ({ method: 'getTransaction', params: [s, GET_TX_OPTS] })));
    expect(one.entries.map((e) => [e.hash, e.direction, e.amount, e.counterparty])).toEqual([[sigName(4), 'in', '1004', SENDER], [sigName(2), 'in', '1002', SENDER]]);
    expect(one.cursor).toEqual({ addresses: { [WALLET]: { newest: sigName(4), oldest: sigName(1), done: true }, [WALLET_ATA]: { newest: sigName(3), oldest: sigName(2), done: true } } });
    expect(one.report).toEqual({ added: 2, requests: 3, complete: true });

    // New activity: only what came after each address's newest is asked for.
    ledger.sigs[WALLET]!.push(sigName(5), sigName(6));
    ledger.sigs[WALLET_ATA]!.push(sigName(6));
    const two = await pass(node, one.cursor);
    expect(sigCalls(node.batches)).toEqual([[[WALLET, { limit: SIGNATURE_PAGE, until: sigName(4) }], [WALLET_ATA, { limit: SIGNATURE_PAGE, until: sigName(3) }]]]);
    expect(node.fetched).toEqual([sigName(6), sigName(5)]);
    expect(two.cursor.addresses).toEqual({ [WALLET]: { newest: sigName(6), oldest: sigName(1), done: true }, [WALLET_ATA]: { newest: sigName(6), oldest: sigName(2), done: true } });
    expect(two.report).toEqual({ added: 2, requests: 3, complete: true });

    const three = await pass(node, two.cursor);
    expect(node.batches.map((b) => b.map((c) => c.method))).toEqual([['getTokenAccountsByOwner', 'getTokenAccountsByOwner'], ['getSignaturesForAddress', 'getSignaturesForAddress']]);
    expect(three).toEqual({ entries: [], cursor: two.cursor, report: { added: 0, requests: 2, complete: true } });
  });

  it('an address with nothing yet is done; when it gets signatures later they are read', async () => {
    const ledger: Ledger = { sigs: {}, tokenAccounts: {} };
    const node = fakeValidator(ledger);
    const one = await pass(node, emptySolanaCursor());
    expect(one.cursor).toEqual({ addresses: { [WALLET]: { done: true } } });
    expect(one.report).toEqual({ added: 0, requests: 2, complete: true });
    ledger.sigs[WALLET] = [sigName(7)];
    const two = await pass(node, one.cursor);
    expect(sigCalls(node.batches)).toEqual([[[WALLET, { limit: SIGNATURE_PAGE }]]]);
    expect(two.entries.map((e) => e.hash)).toEqual([sigName(7)]);
    expect(two.cursor).toEqual({ addresses: { [WALLET]: { newest: sigName(7), oldest: sigName(7), done: true } } });
  });

  it('a long history (2,500 signatures) under a small budget: later passes go on where the last one stopped, each transaction fetched once', async () => {
    const all = Array.from({ length: 2_500 }, (_, i) => sigName(i + 1));
    const node = fakeValidator({ sigs: { [WALLET]: all }, tokenAccounts: {} });
    let cursor = emptySolanaCursor();
    const known = new Set<string>();
    const fetched: string[] = [];
    const pages: unknown[][] = [];
    for (let i = 0; i < 5; i++) {
      const res = await pass(node, cursor, known, 3);
      pages.push(...sigCalls(node.batches));
      fetched.push(...node.fetched);
      for (const e of res.entries) known.add(e.hash);
      cursor = res.cursor;
      if (res.report.complete) break;
    }
    // Pass 1: the newest page, then one older page (budget 3 = token accounts + 2 pages); pass 2: nothing new, the last page.
    expect(pages).toEqual([
      [[WALLET, { limit: SIGNATURE_PAGE }]],
      [[WALLET, { limit: SIGNATURE_PAGE, before: sigName(1501) }]],
      [[WALLET, { limit: SIGNATURE_PAGE, until: sigName(2500) }]],
      [[WALLET, { limit: SIGNATURE_PAGE, before: sigName(501) }]],
    ]);
    expect(cursor).toEqual({ addresses: { [WALLET]: { newest: sigName(2500), oldest: sigName(1), done: true } } });
    expect(fetched).toHaveLength(2_500);
    expect(new Set(fetched)).toEqual(new Set(all));
    expect(known.size).toBe(2_500);
  });

  it('fetches the transactions 100 per request', async () => {
    const all = Array.from({ length: 250 }, (_, i) => sigName(i + 1));
    const node = fakeValidator({ sigs: { [WALLET]: all }, tokenAccounts: {} });
    const res = await pass(node, emptySolanaCursor());
    expect(node.batches.filter((b) => b[0]?.method === 'getTransaction').map((b) => b.length)).toEqual([TX_BATCH, TX_BATCH, 50]);
    expect(res.report).toEqual({ added: 250, requests: 5, complete: true });
  });
});
