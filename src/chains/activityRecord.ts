/**
 * What the chain adapters need from the activity (sent transactions and their status): the record, the store
 * interface they call, and the nonce rule. Declared here so `chains/` holds no storage and imports nothing from the
 * service worker, which implements the store (its `stores/activityStore.ts`). JSON-safe: amounts and fees as decimal strings.
 */
import type { TxStatus } from './ChainAdapter';

export interface ActivityRecord {
  /** Transaction hash (EVM) or signature (Solana). */
  id: string;
  /** The site that asked for it (a dapp transaction); absent for the wallet's own sends. From the browser, never the page. */
  origin?: string;
  networkId: string;
  from: string;
  to: string;
  /** Base units, decimal string. */
  amount: string;
  symbol: string;
  decimals: number;
  /** Token address / mint; absent for the native currency. */
  token?: string;
  /** Fee in native base units (max fee while pending, actual once known), decimal string. */
  fee: string;
  status: TxStatus;
  createdAt: number;
  updatedAt: number;
  nonce?: number;
  lastValidBlockHeight?: number;
  error?: string;
  /**
   * The signed transaction as sent (EVM: 0x raw hex; Solana: base64 wire bytes), kept while it may still need to be
   * sent again. Public data (a signed transaction reveals no key). "Retry" re-sends exactly these bytes.
   */
  raw?: string;
  /** 'unconfirmed': no RPC confirmed it received the transaction (timeout, connection lost); it may have landed. */
  delivery?: 'unconfirmed';
}

/** The fields `ActivityStore.update` may change. */
export type ActivityPatchField = 'status' | 'fee' | 'error' | 'updatedAt' | 'raw' | 'delivery';
export type ActivityPatch = { [K in ActivityPatchField]?: ActivityRecord[K] | undefined };

export interface ActivityStore {
  add(record: ActivityRecord): Promise<void>;
  /** A patch value `undefined` removes that field. */
  update(networkId: string, account: string, id: string, patch: ActivityPatch): Promise<ActivityRecord | undefined>;
  /** Forget a record (a transaction the node refused before it could land). */
  remove(networkId: string, account: string, id: string): Promise<void>;
  /** Newest first. */
  list(networkId: string, account: string): Promise<ActivityRecord[]>;
}

/**
 * The lowest nonce a new transaction may take given the account's recorded transactions: one past the highest nonce
 * still pending. A transaction signed and recorded but maybe never delivered (the worker stopped, no RPC answered)
 * keeps its nonce across restarts, so "Retry" can still send it and a new send never replaces it.
 */
export function nonceFloor(records: readonly ActivityRecord[]): number {
  return records.reduce((m, r) => (r.status === 'pending' && r.nonce !== undefined ? Math.max(m, r.nonce + 1) : m), 0);
}
