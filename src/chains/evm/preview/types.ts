/** Types of the EVM pre-sign preview: what a transaction will do to the user's own accounts, at one pinned block. */
import type { Abi, Address, Hex } from 'viem';
import type { RpcTransport } from '../../rpcTransport';
import type { SimulateV1Memo } from './simulateV1Memo';

export interface EvmPreviewInput {
  from: Address;
  /** Absent: contract creation. */
  to?: Address;
  value: bigint;
  data: Hex;
  /** Gas limit the transaction will carry; absent: the block's gas limit (capped at 2^24 from Osaka on). */
  gas?: bigint;
  chainId: number;
}

export interface KnownToken { symbol: string; decimals: number }

export interface EvmPreviewDeps {
  transport: RpcTransport;
  /** Milliseconds clock. */
  now: () => number;
  /** Remembers per RPC URL whether it answers eth_simulateV1 (probed once). */
  simulateV1Support: SimulateV1Memo;
  /** Whole preview, either engine (default 2000 ms); past it: `not-simulated: timed out after N ms`. */
  timeBudgetMs?: number;
  /** Runs `fn` after `ms` and returns a cancel function (default setTimeout/clearTimeout); bounds the preview. */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** The user's own addresses: only their changes are reported. */
  accounts: readonly Address[];
  /** Symbol and decimals by lower-case token address, copied into the changes. */
  knownTokens?: Readonly<Record<string, KnownToken>>;
  /** ABI whose custom errors decode a revert (e.g. the called contract's, when known). */
  errorAbi?: Abi;
}

/**
 * One asset movement of one own account. Native: value transfers only (the simulation runs at gas price 0); the gas
 * the transaction burns is `gasUsed` of the preview, priced by the fee UI. Fungible deltas come from balances read
 * before and after at the pinned block (`before`/`after`), or from the Transfer logs when a balance read fails.
 */
export type AssetChange =
  | { kind: 'native'; account: Address; before: bigint; after: bigint; delta: bigint }
  | { kind: 'erc20'; account: Address; token: Address; delta: bigint; before?: bigint; after?: bigint; symbol?: string; decimals?: number }
  | { kind: 'erc721'; account: Address; token: Address; tokenId: bigint; direction: 'in' | 'out' }
  | { kind: 'erc1155'; account: Address; token: Address; tokenId: bigint; delta: bigint };

/** Approvals of own accounts emitted by the transaction (a zero amount / `approved: false` is a revocation). */
export type ApprovalGrant =
  | { kind: 'erc20'; owner: Address; token: Address; spender: Address; amount: bigint; unlimited: boolean }
  | { kind: 'erc721'; owner: Address; token: Address; spender: Address; tokenId: bigint }
  | { kind: 'approval-for-all'; owner: Address; token: Address; operator: Address; approved: boolean };

export type RevertKind = 'Error' | 'Panic' | 'custom' | 'unknown';
export interface RevertInfo { reason: string; kind: RevertKind; data: Hex }

export type PreviewEngine = 'eth_simulateV1' | 'in-worker-evm';

export type EvmPreview =
  | {
    status: 'simulated';
    /** The pinned block: every read and the simulation ran on its state. */
    block: bigint;
    blockHash: Hex;
    engine: PreviewEngine;
    rpcHost: string;
    changes: AssetChange[];
    approvals: ApprovalGrant[];
    /** Present when the transaction will fail; `changes` and `approvals` are then empty. */
    reverted?: RevertInfo;
    gasUsed: bigint;
  }
  | { status: 'not-simulated'; reason: string };

/** A log as both engines produce it (lower-case hex). */
export interface RawLog { address: Address; topics: readonly Hex[]; data: Hex }

export interface PinnedBlock {
  number: bigint;
  hash: Hex;
  timestamp: bigint;
  gasLimit: bigint;
  baseFeePerGas?: bigint;
  miner: Address;
  mixHash: Hex;
  /** Header fields that tell the hardfork (for the in-worker EVM). */
  hasWithdrawals: boolean;
  hasBlobGas: boolean;
  hasRequests: boolean;
}

export interface BalancePair { before: bigint | null; after: bigint | null }

/** What an engine returns; the shared code turns it into an EvmPreview. */
export interface Execution {
  success: boolean;
  returnData: Hex;
  /** The engine's own words when the failure is not a REVERT (out of gas, invalid opcode...). */
  error?: string;
  gasUsed: bigint;
  logs: RawLog[];
  /** Native balance of each own account (lower-case key) before and after, at gas price 0. */
  native: Map<string, { before: bigint; after: bigint }>;
  /** balanceOf(account) of each token before and after; key `${token}:${account}` lower-case. */
  tokenBalances(tokens: readonly Address[]): Promise<Map<string, BalancePair>>;
}
