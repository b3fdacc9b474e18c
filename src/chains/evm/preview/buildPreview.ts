/** Turns what an engine ran (logs, balances) into the preview both engines share. */
import { getAddress, type Abi, type Address } from 'viem';
import { decodeRevert } from './decodeRevert';
import { summarizeLogs } from './logs';
import type { AssetChange, EvmPreview, Execution, KnownToken, PinnedBlock, PreviewEngine, RevertInfo } from './types';

export interface BuildContext {
  pinned: PinnedBlock;
  engine: PreviewEngine;
  rpcHost: string;
  accounts: readonly Address[];
  knownTokens?: Readonly<Record<string, KnownToken>>;
  errorAbi?: Abi;
}

export const balanceKey = (token: string, account: string) => `${token.toLowerCase()}:${account.toLowerCase()}`;

export async function buildPreview(exec: Execution, ctx: BuildContext): Promise<Extract<EvmPreview, { status: 'simulated' }>> {
  const base = { status: 'simulated' as const, block: ctx.pinned.number, blockHash: ctx.pinned.hash, engine: ctx.engine, rpcHost: ctx.rpcHost, gasUsed: exec.gasUsed };
  if (!exec.success) {
    const reverted: RevertInfo = exec.returnData === '0x' && exec.error ? { kind: 'unknown', reason: exec.error, data: '0x' } : decodeRevert(exec.returnData, ctx.errorAbi);
    return { ...base, changes: [], approvals: [], reverted };
  }
  const accounts = ctx.accounts.map((a) => getAddress(a));
  const summary = summarizeLogs(exec.logs, accounts);
  const changes: AssetChange[] = [];
  for (const account of accounts) {
    const n = exec.native.get(account.toLowerCase());
    if (n && n.after !== n.before) changes.push({ kind: 'native', account, before: n.before, after: n.after, delta: n.after - n.before });
  }
  const balances = summary.erc20Tokens.length > 0 ? await exec.tokenBalances(summary.erc20Tokens) : new Map();
  for (const token of summary.erc20Tokens) {
    const meta = ctx.knownTokens?.[token.toLowerCase()];
    for (const account of accounts) {
      const moves = summary.erc20.filter((m) => m.token === token && (m.from === account || m.to === account));
      if (moves.length === 0) continue;
      const pair = balances.get(balanceKey(token, account));
      const fromLogs = moves.reduce((s, m) => s + (m.to === account ? m.amount : 0n) - (m.from === account ? m.amount : 0n), 0n);
      const measured = pair && pair.before !== null && pair.after !== null;
      const delta = measured ? (pair.after as bigint) - (pair.before as bigint) : fromLogs;
      if (delta === 0n) continue;
      changes.push({
        kind: 'erc20', account, token, delta,
        ...(measured ? { before: pair.before as bigint, after: pair.after as bigint } : {}),
        ...(meta ? { symbol: meta.symbol, decimals: meta.decimals } : {}),
      });
    }
  }
  changes.push(...summary.nfts, ...summary.multiTokens);
  return { ...base, changes, approvals: summary.approvals };
}
