/**
 * What a Solana transaction does to the user's accounts, from the user's own RPC: one JSON-RPC batch reads the
 * pre-state (getMultipleAccounts) and simulates (simulateTransaction with `accounts`, `replaceRecentBlockhash`,
 * `sigVerify: false`, `innerInstructions`) at the same slot; address lookup tables are resolved first. The result is
 * SOL and token (SPL, Token-2022) changes of the user's accounts and every change of owner, delegate or close
 * authority on them, or "not simulated: <reason>" (never an empty preview that looks like "nothing happens").
 */
import { VersionedTransaction } from '@solana/web3.js';
import { base64ToBytes } from '../../../shared/encoding';
import type { RpcOutcome, RpcTransport } from '../../rpcTransport';
import { unwrap } from '../../rpcTransport';
import { isTokenProgram, mintDecimalsFromData } from '../programs';
import { decodeRpcAccount, type DecodedAccount, type RpcAccount } from '../rpcAccounts';
import { resolveAccountKeys, type ResolvedKeys } from './lookupTables';
import { decodeTokenAccount, type TokenAccountState } from './tokenAccount';

const SYSTEM_PROGRAM = '11111111111111111111111111111111';

export type SolanaAssetChange =
  | { account: string; asset: 'SOL'; delta: bigint }
  | { account: string; asset: 'token'; mint: string; programId: string; decimals: number | null; tokenAccount: string; delta: bigint };

export type AuthorityChange = {
  /** The token account (or, for 'assign', the wallet account) whose control changes. */
  account: string;
  /** The user's wallet that owned it before. */
  owner: string;
  kind: 'owner' | 'delegate' | 'close-authority' | 'assign';
  from: string | null;
  to: string | null;
};

export type SolanaPreview =
  | {
    status: 'simulated'; slot: number; rpcHost: string; changes: SolanaAssetChange[]; authorityChanges: AuthorityChange[];
    /** The transaction would fail: the runtime's error and the last log lines. */
    failed?: { error: string; logs: string[] };
    unitsConsumed: number; keys: ResolvedKeys; requests: number;
  }
  | { status: 'not-simulated'; reason: string; rpcHost: string };

export interface SolanaPreviewDeps {
  transport: RpcTransport;
  /** The wallet's own Solana addresses (changes of these and of their token accounts are reported). */
  ownAccounts: readonly string[];
  /** Whole-preview budget (default 3 s): past it, "not simulated: timed out". */
  timeBudgetMs?: number;
  commitment?: 'processed' | 'confirmed' | 'finalized';
}

type SimValue = { err: unknown; logs: string[] | null; accounts: (RpcAccount | null)[] | null; unitsConsumed?: number };
type Ctx<T> = { context: { slot: number }; value: T };

const hostOf = (t: RpcTransport) => {
  try {
    return new URL(t.urls[0] ?? '').host;
  } catch {
    return '';
  }
};

function tokenChange(key: string, pre: DecodedAccount | null, post: DecodedAccount | null, own: Set<string>) {
  const programId = (post ?? pre)?.owner ?? '';
  if (!isTokenProgram(programId)) return null;
  const a = pre && isTokenProgram(pre.owner) ? decodeTokenAccount(pre.data) : null;
  const b = post && isTokenProgram(post.owner) ? decodeTokenAccount(post.data) : null;
  const owner = a && own.has(a.owner) ? a.owner : b && own.has(b.owner) ? b.owner : null;
  if (!owner || (!a && !b)) return null;
  return { key, programId, owner, a, b };
}

function authorityChanges(key: string, owner: string, a: TokenAccountState | null, b: TokenAccountState | null): AuthorityChange[] {
  if (!a || !b || a.owner !== owner) return [];
  const out: AuthorityChange[] = [];
  if (b.owner !== a.owner) out.push({ account: key, owner, kind: 'owner', from: a.owner, to: b.owner });
  if (b.delegate !== a.delegate && b.delegate !== null) out.push({ account: key, owner, kind: 'delegate', from: a.delegate, to: b.delegate });
  if (b.closeAuthority !== a.closeAuthority) out.push({ account: key, owner, kind: 'close-authority', from: a.closeAuthority, to: b.closeAuthority });
  return out;
}

async function run(wire: string, deps: SolanaPreviewDeps, rpcHost: string): Promise<SolanaPreview> {
  const { transport } = deps;
  const commitment = deps.commitment ?? 'confirmed';
  let requests = 0;
  const tx = VersionedTransaction.deserialize(base64ToBytes(wire));
  if (tx.message.addressTableLookups.length > 0) requests++;
  const keys = await resolveAccountKeys(tx.message, transport, commitment);
  const own = new Set(deps.ownAccounts);
  const observed = [...new Set([...deps.ownAccounts, ...keys.keys.filter((_, i) => keys.writable[i])])];

  let pre: Ctx<(RpcAccount | null)[]> | undefined;
  let sim: Ctx<SimValue> | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    requests++;
    const [p, s] = await transport.batch([
      { method: 'getMultipleAccounts', params: [observed, { encoding: 'base64', commitment }] },
      { method: 'simulateTransaction', params: [wire, {
        encoding: 'base64', commitment, sigVerify: false, replaceRecentBlockhash: true, innerInstructions: true,
        accounts: { addresses: observed, encoding: 'base64' },
      }] },
    ]);
    pre = unwrap<Ctx<(RpcAccount | null)[]>>(p, 'getMultipleAccounts');
    sim = unwrap<Ctx<SimValue>>(s, 'simulateTransaction');
    if (pre.context.slot === sim.context.slot) break;
  }
  if (!pre || !sim) return { status: 'not-simulated', reason: 'no answer', rpcHost };
  const failed = sim.value.err !== null && sim.value.err !== undefined;
  if (!failed && !Array.isArray(sim.value.accounts)) {
    return { status: 'not-simulated', reason: 'the RPC does not return post-transaction accounts (simulateTransaction "accounts")', rpcHost };
  }
  const base = { status: 'simulated' as const, slot: sim.context.slot, rpcHost, unitsConsumed: Number(sim.value.unitsConsumed ?? 0), keys };
  if (failed) {
    return { ...base, changes: [], authorityChanges: [], requests, failed: { error: JSON.stringify(sim.value.err), logs: (sim.value.logs ?? []).slice(-5) } };
  }

  const changes: SolanaAssetChange[] = [];
  const authority: AuthorityChange[] = [];
  const tokens: Array<NonNullable<ReturnType<typeof tokenChange>>> = [];
  observed.forEach((key, i) => {
    const a = decodeRpcAccount(pre!.value[i]);
    const b = decodeRpcAccount(sim!.value.accounts![i]);
    if (own.has(key)) {
      const delta = (b?.lamports ?? 0n) - (a?.lamports ?? 0n);
      if (delta !== 0n) changes.push({ account: key, asset: 'SOL', delta });
      if (a && a.owner === SYSTEM_PROGRAM && b && b.owner !== SYSTEM_PROGRAM) authority.push({ account: key, owner: key, kind: 'assign', from: a.owner, to: b.owner });
    }
    const t = tokenChange(key, a, b, own);
    if (t) {
      tokens.push(t);
      authority.push(...authorityChanges(key, t.owner, t.a, t.b));
    }
  });

  const moved = tokens.filter((t) => (t.b?.amount ?? 0n) !== (t.a?.amount ?? 0n));
  const mints = [...new Set(moved.map((t) => (t.a ?? t.b)!.mint))];
  const decimals = new Map<string, number | null>();
  if (mints.length > 0) {
    requests++;
    const [m] = await transport.batch([{ method: 'getMultipleAccounts', params: [mints, { encoding: 'base64', commitment }] }]);
    const value = (m as RpcOutcome<{ value: (RpcAccount | null)[] }>).ok ? (m as { result: { value: (RpcAccount | null)[] } }).result.value : [];
    mints.forEach((mint, i) => {
      const acc = decodeRpcAccount(value[i]);
      decimals.set(mint, acc ? mintDecimalsFromData(acc.data) : null);
    });
  }
  for (const t of moved) {
    const mint = (t.a ?? t.b)!.mint;
    changes.push({
      account: t.owner, asset: 'token', mint, programId: t.programId, decimals: decimals.get(mint) ?? null, tokenAccount: t.key,
      delta: (t.b?.amount ?? 0n) - (t.a?.amount ?? 0n),
    });
  }
  return { ...base, changes, authorityChanges: authority, requests };
}

/** Simulates `wire` (a base64 transaction, signed or not) and reports what it does to the user's accounts. */
export async function previewSolanaTransaction(wire: string, deps: SolanaPreviewDeps): Promise<SolanaPreview> {
  const rpcHost = hostOf(deps.transport);
  const budget = deps.timeBudgetMs ?? 3000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SolanaPreview>((ok) => {
    timer = setTimeout(() => ok({ status: 'not-simulated', reason: `timed out after ${budget} ms`, rpcHost }), budget);
  });
  try {
    return await Promise.race([run(wire, deps, rpcHost), timeout]);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { status: 'not-simulated', reason: msg.replace(/https?:\/\/\S+/g, '<rpc>'), rpcHost };
  } finally {
    clearTimeout(timer);
  }
}
