/**
 * SOL + SPL Token + Token-2022 balances of many accounts in ONE JSON-RPC batch (one HTTP request):
 * getMultipleAccounts (≤100 keys per call, lamports only) + getTokenAccountsByOwner for both token programs per
 * account (base64, first 72 bytes: mint, owner, amount). A mint the account holds nothing of is 0; a failed
 * per-account read is null and never breaks the batch.
 */
import type { AccountBalances, BalanceRequest, BalanceSnapshot, SolanaNetwork } from '../ChainAdapter';
import { unwrap, type RpcCall, type RpcTransport } from '../rpcTransport';
import { SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID } from '../tokens';
import { validateSolanaAddress } from './address';
import { decodeTokenAccountHead } from './programs';
import { decodeRpcAccount, type RpcAccount } from './rpcAccounts';

const MAX_MULTIPLE = 100;
const PROGRAMS = [SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID];

export function solanaBalanceCalls(accounts: readonly string[]): RpcCall[] {
  const calls: RpcCall[] = [];
  for (let i = 0; i < accounts.length; i += MAX_MULTIPLE) {
    calls.push({ method: 'getMultipleAccounts', params: [accounts.slice(i, i + MAX_MULTIPLE), { encoding: 'base64', dataSlice: { offset: 0, length: 0 }, commitment: 'confirmed' }] });
  }
  for (const owner of accounts) {
    for (const programId of PROGRAMS) {
      calls.push({ method: 'getTokenAccountsByOwner', params: [owner, { programId }, { encoding: 'base64', dataSlice: { offset: 0, length: 72 }, commitment: 'confirmed' }] });
    }
  }
  return calls;
}

export async function readSolanaBalances(transport: RpcTransport, network: SolanaNetwork, request: BalanceRequest, now: () => number): Promise<BalanceSnapshot> {
  // Owners may be any 32-byte key (PDA wallets exist); only the recipient of a send must be on-curve.
  const accounts = [...new Set(request.accounts.map((a) => validateSolanaAddress(a, { requireOnCurve: false })))];
  const mints = [...new Set(request.tokens.map((t) => validateSolanaAddress(t.address, { requireOnCurve: false })))];
  if (accounts.length === 0) return { networkId: network.id, at: now(), accounts: {} };
  const calls = solanaBalanceCalls(accounts);
  const outcomes = await transport.batch(calls);
  const multiCount = Math.ceil(accounts.length / MAX_MULTIPLE);
  const out: Record<string, AccountBalances> = {};
  const lamports: bigint[] = [];
  for (let c = 0; c < multiCount; c++) {
    const value = unwrap<{ value: (RpcAccount | null)[] }>(outcomes[c], 'getMultipleAccounts').value;
    for (const acc of value) lamports.push(acc ? BigInt(String(acc.lamports)) : 0n);
  }
  accounts.forEach((owner, i) => {
    const held = new Map<string, bigint>();
    let failed = false;
    for (let p = 0; p < PROGRAMS.length; p++) {
      const o = outcomes[multiCount + i * PROGRAMS.length + p];
      if (!o?.ok) {
        failed = true;
        continue;
      }
      for (const entry of (o.result as { value: { account: RpcAccount }[] }).value) {
        const data = decodeRpcAccount(entry.account)?.data;
        const head = data && decodeTokenAccountHead(data);
        if (head && head.owner === owner) held.set(head.mint, (held.get(head.mint) ?? 0n) + head.amount);
      }
    }
    const tokens: Record<string, bigint | null> = {};
    for (const m of mints) tokens[m] = held.get(m) ?? (failed ? null : 0n);
    out[owner] = { native: lamports[i] ?? 0n, tokens };
  });
  return { networkId: network.id, at: now(), accounts: out };
}
