/**
 * The pre-sign previews as the background runs them (issue 8): one `eth_simulateV1` support memo for the life of the
 * worker, the EVM and Solana engines over the network's own transport, and the What-happens view they produce.
 */
import type { Address, Hex } from 'viem';
import type { RpcTransport } from '../chains/rpcTransport';
import { createSimulateV1Memo, previewEvmTransaction } from '../chains/evm/preview';
import { evmPreviewView } from '../chains/evm/preview/view';
import { readEvmToken } from '../chains/evm/tokenInfo';
import { previewSolanaTransaction } from '../chains/solana/preview/preview';
import { solanaPreviewView } from '../chains/solana/preview/view';
import type { WhatHappensView } from '../shared/preview';

const memo = createSimulateV1Memo();

export async function previewEvm(transport: RpcTransport, tx: { from: Address; to?: Address; value: bigint; data: Hex; gas?: bigint; chainId: number },
  opts: { accounts: readonly string[]; nativeSymbol: string; knownTokens?: Record<string, { symbol: string; decimals: number }> }): Promise<WhatHappensView> {
  const p = await previewEvmTransaction(tx, {
    transport, now: () => Date.now(), simulateV1Support: memo,
    accounts: opts.accounts.filter((a) => a.startsWith('0x')) as Address[], ...(opts.knownTokens ? { knownTokens: opts.knownTokens } : {}),
  });
  return labelTokens(evmPreviewView(p, opts.nativeSymbol), (t) => readEvmToken(transport, t));
}

/**
 * Token rows the simulation found without a symbol (a swap's other side, any token the request did not name) get
 * the contract's own symbol and decimals, read in parallel; a token that does not answer stays shown by address.
 */
export async function labelTokens(view: WhatHappensView, read: (token: string) => Promise<{ symbol: string; decimals: number }>): Promise<WhatHappensView> {
  if (!view.simulated) return view;
  const missing = [...new Set(view.changes.filter((c) => c.asset === 'token' && c.token && c.symbol === undefined).map((c) => c.token!))];
  if (missing.length === 0) return view;
  const found = new Map<string, { symbol: string; decimals: number }>();
  await Promise.all(missing.map(async (t) => { try { found.set(t, await read(t)); } catch { /* shown by address */ } }));
  return {
    ...view,
    changes: view.changes.map((c) => {
      const info = c.asset === 'token' && c.token && c.symbol === undefined ? found.get(c.token) : undefined;
      return info ? { ...c, symbol: info.symbol, decimals: info.decimals } : c;
    }),
  };
}

export async function previewSolana(transport: RpcTransport, wire: string, ownAccounts: readonly string[], tokens?: Record<string, { symbol: string }>): Promise<WhatHappensView> {
  return solanaPreviewView(await previewSolanaTransaction(wire, { transport, ownAccounts: ownAccounts.filter((a) => !a.startsWith('0x')) }), tokens);
}
