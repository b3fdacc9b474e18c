/** The Solana preview as the approval window shows it (JSON-safe). */
import type { WhatHappensView } from '../../../shared/preview';
import type { SolanaPreview } from './preview';

export function solanaPreviewView(p: SolanaPreview, tokens: Record<string, { symbol: string }> = {}): WhatHappensView {
  if (p.status !== 'simulated') return { simulated: false, reason: p.reason };
  return {
    simulated: true, engine: 'simulateTransaction', at: String(p.slot), rpcHost: p.rpcHost,
    changes: p.changes.map((c) => (c.asset === 'SOL'
      ? { account: c.account, asset: 'native' as const, symbol: 'SOL', decimals: 9, delta: c.delta.toString() }
      : { account: c.account, asset: 'token' as const, token: c.mint, decimals: c.decimals, delta: c.delta.toString(), ...(tokens[c.mint] ? { symbol: tokens[c.mint]!.symbol } : {}) })),
    authority: p.authorityChanges.map((a) => ({ account: a.account, kind: a.kind, to: a.to })),
    ...(p.failed ? { willFail: `${p.failed.error}${p.failed.logs.length ? ` — ${p.failed.logs[p.failed.logs.length - 1]}` : ''}` } : {}),
  };
}
