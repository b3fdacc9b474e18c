/** The EVM preview as the approval window and the send review show it (JSON-safe; URLs cut from reasons). */
import type { WhatHappensView } from '../../../shared/preview';
import type { EvmPreview } from './types';

const cutUrls = (s: string) => s.replace(/https?:\/\/\S+/g, '<rpc>');

export function evmPreviewView(p: EvmPreview, nativeSymbol: string): WhatHappensView {
  if (p.status !== 'simulated') return { simulated: false, reason: cutUrls(p.reason) };
  return {
    simulated: true, engine: p.engine, at: p.block.toString(), rpcHost: p.rpcHost,
    changes: p.changes.map((c) => {
      switch (c.kind) {
        case 'native': return { account: c.account, asset: 'native' as const, symbol: nativeSymbol, decimals: 18, delta: c.delta.toString() };
        case 'erc20': return {
          account: c.account, asset: 'token' as const, token: c.token, delta: c.delta.toString(),
          ...(c.symbol ? { symbol: c.symbol } : {}), ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
        };
        case 'erc721': return { account: c.account, asset: 'nft' as const, token: c.token, tokenId: c.tokenId.toString(), delta: c.direction === 'in' ? '1' : '-1' };
        case 'erc1155': return { account: c.account, asset: 'nft' as const, token: c.token, tokenId: c.tokenId.toString(), delta: c.delta.toString() };
      }
    }),
    approvals: p.approvals.map((a) => (a.kind === 'erc20'
      ? { kind: 'erc20' as const, token: a.token, spender: a.spender, amount: a.unlimited ? 'unlimited' : a.amount.toString() }
      : a.kind === 'erc721'
        ? { kind: 'nft' as const, token: a.token, spender: a.spender, amount: a.tokenId.toString() }
        : { kind: 'nft-all' as const, token: a.token, spender: a.operator, amount: a.approved ? 'all' : 'revoked' })),
    ...(p.reverted ? { willFail: p.reverted.reason } : {}),
  };
}
