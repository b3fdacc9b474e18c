/**
 * Complete transaction records (issue 11, item 1): what the chain shows moved in or out of an account, found from a
 * plain RPC (EVM `eth_getLogs` of ERC-20 Transfer events; Solana `getSignaturesForAddress` + the transactions' balance
 * changes). JSON-safe: amounts and fees as decimal strings of base units.
 */
export type HistoryDirection = 'in' | 'out' | 'self';

export interface HistoryEntry {
  /** Unique per movement: `<hash>:<log index>` (EVM), `<signature>:<asset>` (Solana). */
  key: string;
  /** Transaction hash (EVM) or signature (Solana). */
  hash: string;
  direction: HistoryDirection;
  /** Absent for the native currency. ERC-20 contract (lower case) or mint. */
  token?: string;
  symbol: string;
  decimals: number;
  /** Base units, positive. */
  amount: string;
  /** The other side: sender for 'in', recipient for 'out'; '' when the chain does not say. */
  counterparty: string;
  /** Fee this account paid for the transaction (native base units); '0' when someone else paid. */
  fee: string;
  /** Block time, ms since epoch. */
  time: number;
  /** Block number (EVM) or slot (Solana). */
  block: number;
  /** A token that is not in the wallet's list (its symbol is the contract's claim, which scam tokens copy). */
  unlisted?: boolean;
}

/** The symbol and decimals of a token, or null when the contract/mint does not say (shown as unknown, never guessed). */
export type TokenResolver = (token: string) => Promise<{ symbol: string; decimals: number } | null>;

/** What one sync pass did (for the UI's progress line and the bench). */
export interface SyncReport {
  /** New entries found by this pass. */
  added: number;
  /** HTTP requests this pass made. */
  requests: number;
  /** True once the whole history back to the start of the chain has been read. */
  complete: boolean;
  /** EVM: the lowest block read so far; Solana: undefined. */
  syncedFromBlock?: number;
}
