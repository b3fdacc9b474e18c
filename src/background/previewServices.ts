/**
 * The pre-sign previews as the background runs them (issue 8): one `eth_simulateV1` support memo for the life of the
 * worker, the EVM and Solana engines over the network's own transport, and the What-happens view they produce.
 */
import type { Address, Hex } from 'viem';
import type { RpcTransport } from '../chains/rpcTransport';
import { createSimulateV1Memo, previewEvmTransaction } from '../chains/evm/preview';
import { evmPreviewView } from '../chains/evm/preview/view';
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
  return evmPreviewView(p, opts.nativeSymbol);
}

export async function previewSolana(transport: RpcTransport, wire: string, ownAccounts: readonly string[], tokens?: Record<string, { symbol: string }>): Promise<WhatHappensView> {
  return solanaPreviewView(await previewSolanaTransaction(wire, { transport, ownAccounts: ownAccounts.filter((a) => !a.startsWith('0x')) }), tokens);
}
