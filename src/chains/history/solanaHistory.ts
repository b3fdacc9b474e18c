/**
 * Solana records (issue 11, item 1): `getSignaturesForAddress` of the wallet and of its token accounts (a token
 * transfer names the token account, not the wallet), newest first, then older pages until the request budget of the
 * pass is spent; then each new transaction's balance changes (`meta.pre/postBalances` and `pre/postTokenBalances`)
 * give the SOL, SPL and Token-2022 amounts that moved in or out of the wallet.
 */
import type { RpcCall, RpcOutcome, RpcTransport } from '../rpcTransport';
import { SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID } from '../tokens';
import type { HistoryEntry, SyncReport, TokenResolver } from './types';

export const SIGNATURE_PAGE = 1000;
export const TX_BATCH = 100;

interface AddressCursor { newest?: string; oldest?: string; done: boolean }
export interface SolanaHistoryCursor { addresses: Record<string, AddressCursor> }
export const emptySolanaCursor = (): SolanaHistoryCursor => ({ addresses: {} });

interface SigInfo { signature: string; slot: number; blockTime?: number | null; err: unknown }
interface TokenBalance { accountIndex: number; mint: string; owner?: string; uiTokenAmount: { amount: string; decimals: number } }
export interface RpcTransaction {
  slot: number;
  blockTime?: number | null;
  transaction: { message: { accountKeys: string[] } };
  meta: {
    err: unknown; fee: number; preBalances: number[]; postBalances: number[];
    preTokenBalances?: TokenBalance[] | null; postTokenBalances?: TokenBalance[] | null;
    loadedAddresses?: { writable: string[]; readonly: string[] } | null;
  } | null;
}

export interface SolanaSyncOptions {
  transport: RpcTransport;
  account: string;
  cursor: SolanaHistoryCursor;
  /** Signatures whose entries are already stored. */
  known: ReadonlySet<string>;
  tokenInfo: TokenResolver;
  /** HTTP requests this pass may make (default 12). */
  budget?: number;
}
export interface SolanaSyncResult { entries: HistoryEntry[]; cursor: SolanaHistoryCursor; report: SyncReport }

export async function syncSolanaHistory(o: SolanaSyncOptions): Promise<SolanaSyncResult> {
  const budget = o.budget ?? 12;
  let requests = 0;
  const batch = async (calls: RpcCall[]): Promise<RpcOutcome[]> => { requests++; return o.transport.batch(calls); };
  const ok = <T>(r: RpcOutcome | undefined, what: string): T => {
    if (!r) throw new Error(`${what}: no answer`);
    if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
    return r.result as T;
  };
  const cursor: SolanaHistoryCursor = { addresses: { ...o.cursor.addresses } };

  // The wallet and every token account it owns (both token programs), in one request.
  const owned = await batch([SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID].map((programId) => (
    { method: 'getTokenAccountsByOwner', params: [o.account, { programId }, { encoding: 'base64', dataSlice: { offset: 0, length: 0 } }] })));
  const addresses = [o.account, ...owned.flatMap((r) => ok<{ value: { pubkey: string }[] }>(r, 'getTokenAccountsByOwner').value.map((a) => a.pubkey))];
  for (const a of addresses) cursor.addresses[a] ??= { done: false };

  const found = new Map<string, SigInfo>();
  const take = (list: SigInfo[]) => { for (const s of list) if (!o.known.has(s.signature)) found.set(s.signature, s); };

  // New signatures of every address (until the newest already read), one request for all addresses per page.
  let fresh = addresses.map((a) => ({ a, before: undefined as string | undefined, first: undefined as string | undefined }));
  while (fresh.length && requests < budget) {
    const pages = await batch(fresh.map(({ a, before }) => {
      const until = cursor.addresses[a]!.newest;
      return { method: 'getSignaturesForAddress', params: [a, { limit: SIGNATURE_PAGE, ...(until ? { until } : {}), ...(before ? { before } : {}) }] };
    }));
    const next: typeof fresh = [];
    fresh.forEach((f, i) => {
      const page = ok<SigInfo[]>(pages[i], 'getSignaturesForAddress');
      take(page);
      const c = cursor.addresses[f.a]!;
      if (c.newest === undefined) {
        // First read of this address: this page is its newest, and older pages are the loop below's, which resumes
        // from `oldest` in the next pass when the budget runs out (paging on here would start over from the head).
        if (page.length) { c.newest = page[0]!.signature; c.oldest = page[page.length - 1]!.signature; }
        c.done = page.length < SIGNATURE_PAGE;
        return;
      }
      const first = f.first ?? page[0]?.signature;
      if (page.length === SIGNATURE_PAGE) next.push({ a: f.a, before: page[page.length - 1]!.signature, first });
      else if (first) c.newest = first;
    });
    fresh = next;
  }
  // Older pages of addresses whose history is not read to the end.
  let older = addresses.filter((a) => !cursor.addresses[a]!.done && cursor.addresses[a]!.oldest !== undefined);
  while (older.length && requests < budget) {
    const pages = await batch(older.map((a) => ({ method: 'getSignaturesForAddress', params: [a, { limit: SIGNATURE_PAGE, before: cursor.addresses[a]!.oldest }] })));
    older = older.filter((a, i) => {
      const page = ok<SigInfo[]>(pages[i], 'getSignaturesForAddress');
      take(page);
      const c = cursor.addresses[a]!;
      if (page.length) c.oldest = page[page.length - 1]!.signature;
      if (page.length < SIGNATURE_PAGE) { c.done = true; return false; }
      return true;
    });
  }

  // The transactions themselves, 100 per request (failed ones moved nothing but their fee: skipped).
  const sigs = [...found.values()].filter((s) => s.err === null || s.err === undefined);
  const entries: HistoryEntry[] = [];
  for (let i = 0; i < sigs.length; i += TX_BATCH) {
    const chunk = sigs.slice(i, i + TX_BATCH);
    const txs = await batch(chunk.map((s) => ({ method: 'getTransaction', params: [s.signature, { encoding: 'json', maxSupportedTransactionVersion: 0, commitment: 'confirmed' }] })));
    for (const [j, s] of chunk.entries()) {
      const tx = ok<RpcTransaction | null>(txs[j], 'getTransaction');
      if (tx) entries.push(...(await movementsOf(s.signature, tx, o.account, o.tokenInfo)));
    }
  }
  const complete = addresses.every((a) => cursor.addresses[a]!.done);
  return { entries, cursor, report: { added: entries.length, requests, complete } };
}

/** What one transaction moved in or out of `owner`: SOL (without the fee it paid) and each token, one entry each. */
export async function movementsOf(signature: string, tx: RpcTransaction, owner: string, tokenInfo: TokenResolver): Promise<HistoryEntry[]> {
  const meta = tx.meta;
  if (!meta || (meta.err !== null && meta.err !== undefined)) return [];
  const keys = [...tx.transaction.message.accountKeys, ...(meta.loadedAddresses?.writable ?? []), ...(meta.loadedAddresses?.readonly ?? [])];
  const time = (tx.blockTime ?? 0) * 1000;
  const out: HistoryEntry[] = [];
  const me = keys.indexOf(owner);
  const paidFee = me === 0 ? BigInt(meta.fee) : 0n;
  let feeLeft = paidFee;
  const base = (delta: bigint) => ({ hash: signature, direction: delta > 0n ? 'in' as const : 'out' as const, amount: (delta < 0n ? -delta : delta).toString(), time, block: tx.slot });
  if (me >= 0) {
    const delta = BigInt(meta.postBalances[me] ?? 0) - BigInt(meta.preBalances[me] ?? 0) + paidFee;
    if (delta !== 0n) {
      // The other side: the account whose balance moved the most the other way.
      let other = '';
      let best = 0n;
      keys.forEach((k, i) => {
        if (i === me) return;
        const d = (BigInt(meta.postBalances[i] ?? 0) - BigInt(meta.preBalances[i] ?? 0) + (i === 0 ? BigInt(meta.fee) : 0n)) * (delta > 0n ? -1n : 1n);
        if (d > best) { best = d; other = k; }
      });
      out.push({ key: `${signature}:SOL`, ...base(delta), symbol: 'SOL', decimals: 9, counterparty: other, fee: feeLeft.toString() });
      feeLeft = 0n;
    }
  }
  const sum = (list: TokenBalance[] | null | undefined, mint: string, who: (b: TokenBalance) => boolean) =>
    (list ?? []).filter((b) => b.mint === mint && who(b)).reduce((s, b) => s + BigInt(b.uiTokenAmount.amount), 0n);
  const mints = new Set([...(meta.preTokenBalances ?? []), ...(meta.postTokenBalances ?? [])].filter((b) => b.owner === owner).map((b) => b.mint));
  for (const mint of mints) {
    const mine = (b: TokenBalance) => b.owner === owner;
    const delta = sum(meta.postTokenBalances, mint, mine) - sum(meta.preTokenBalances, mint, mine);
    if (delta === 0n) continue;
    const decimals = [...(meta.postTokenBalances ?? []), ...(meta.preTokenBalances ?? [])].find((b) => b.mint === mint)?.uiTokenAmount.decimals ?? 0;
    const owners = new Set([...(meta.preTokenBalances ?? []), ...(meta.postTokenBalances ?? [])].filter((b) => b.mint === mint && b.owner && b.owner !== owner).map((b) => b.owner!));
    let other = '';
    let best = 0n;
    for (const w of owners) {
      const d = (sum(meta.postTokenBalances, mint, (b) => b.owner === w) - sum(meta.preTokenBalances, mint, (b) => b.owner === w)) * (delta > 0n ? -1n : 1n);
      if (d > best) { best = d; other = w; }
    }
    const info = await tokenInfo(mint).catch(() => null);
    out.push({ key: `${signature}:${mint}`, ...base(delta), token: mint, symbol: info?.symbol ?? '?', decimals: info?.decimals ?? decimals, counterparty: other, fee: feeLeft.toString() });
    feeLeft = 0n;
  }
  return out;
}
