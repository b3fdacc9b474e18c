/**
 * "What happens": the pre-sign preview as the approval window and the send review show it (JSON-safe: amounts are
 * signed decimal strings of base units). Computed in the background from the user's own RPC.
 */
export type BalanceChangeView = {
  /** The user's account whose balance changes. */
  account: string;
  asset: 'native' | 'token' | 'nft';
  symbol?: string;
  decimals?: number | null;
  /** Token contract / mint. */
  token?: string;
  tokenId?: string;
  /** Signed base units ("-1500000"). */
  delta: string;
};
export type AuthorityChangeView = { account: string; kind: 'owner' | 'delegate' | 'close-authority' | 'assign'; to: string | null };
export type ApprovalGrantView = { token: string; spender: string; amount: string; symbol?: string; kind: 'erc20' | 'nft' | 'nft-all' };

export type WhatHappensView =
  | {
    simulated: true;
    engine: string;
    /** Block number (EVM) or slot (Solana) the simulation was pinned to. */
    at: string;
    rpcHost: string;
    changes: BalanceChangeView[];
    authority?: AuthorityChangeView[];
    approvals?: ApprovalGrantView[];
    /** The transaction would fail, with the reason. */
    willFail?: string;
  }
  | { simulated: false; reason: string };
