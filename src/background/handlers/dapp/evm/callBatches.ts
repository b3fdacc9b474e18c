/**
 * EIP-5792 (version 2.0.0) batches: the error codes, the caps, and the batch records that outlive the worker.
 *
 * A batch record (its id → the transaction hashes, chain, origin) lives in chrome.storage.local under one key, newest
 * last, at most MAX_STORED_BATCHES of them (the oldest goes first). Records are keyed by origin and id together: a
 * site sees only its own batches (another site's id is "unknown", 5730), and two sites may use the same id.
 */
import type { Hex } from 'viem';
import { MeridianError } from '../../../../shared/errors';
import type { StorageArea } from '../../../storageArea';

export const CALLS_VERSION = '2.0.0';
// EIP-5792 error codes (viem's errors/rpc.ts names the same ones).
export class UnsupportedNonOptionalCapabilityError extends MeridianError { static override code = 5700; }
export class UnsupportedChainIdError extends MeridianError { static override code = 5710; }
export class DuplicateBatchIdError extends MeridianError { static override code = 5720; }
export class UnknownBatchIdError extends MeridianError { static override code = 5730; }
export class BatchTooLargeError extends MeridianError { static override code = 5740; }
export class AtomicityNotSupportedError extends MeridianError { static override code = 5760; }
/** The codes above, which reach a page as they are (dappError). */
export const EIP5792_CODES: ReadonlySet<number> = new Set([5700, 5710, 5720, 5730, 5740, 5750, 5760]);

/**
 * At most 10 calls per batch (5740 above): each call is one transaction the user reviews, one preview (up to 2 s) and
 * one signature; ten covers approve-then-act flows several times over and keeps the window readable.
 */
export const MAX_CALLS = 10;
/** A dapp-chosen batch id: a non-empty string of at most 4096 characters. */
export const MAX_BATCH_ID_LENGTH = 4096;
/** Batch records kept (about 0.5 MB at worst: 100 × (4 KiB id + 10 hashes)). */
export const MAX_STORED_BATCHES = 100;
export const BATCHES_KEY = 'evmCallBatches';

export type CallBatch = {
  origin: string;
  id: string;
  chainId: number;
  networkId: string;
  from: string;
  /** Hashes of the calls that were sent, in call order. */
  hashes: Hex[];
  /** How many calls the batch had (more than `hashes` when a later call could not be sent). */
  calls: number;
  createdAt: number;
};

const isBatch = (b: unknown): b is CallBatch => {
  const x = b as CallBatch | null;
  return typeof x === 'object' && x !== null && typeof x.origin === 'string' && typeof x.id === 'string' && typeof x.chainId === 'number'
    && typeof x.networkId === 'string' && Array.isArray(x.hashes) && x.hashes.every((h) => typeof h === 'string') && typeof x.calls === 'number';
};

async function readAll(local: StorageArea): Promise<CallBatch[]> {
  const stored = await local.get<unknown>(BATCHES_KEY);
  return Array.isArray(stored) ? stored.filter(isBatch) : [];
}

// Read-modify-write of the one key, one at a time (a duplicate id checked and stored in the same turn).
let writes: Promise<unknown> = Promise.resolve();
const serial = <T>(fn: () => Promise<T>): Promise<T> => {
  const run = writes.then(fn, fn);
  writes = run.catch(() => undefined);
  return run;
};

export function findBatch(local: StorageArea, origin: string, id: string): Promise<CallBatch | undefined> {
  return serial(async () => (await readAll(local)).find((b) => b.origin === origin && b.id === id));
}

/** Stores a new batch; 5720 when this origin already has one with this id. */
export function addBatch(local: StorageArea, batch: CallBatch): Promise<void> {
  return serial(async () => {
    const all = await readAll(local);
    if (all.some((b) => b.origin === batch.origin && b.id === batch.id)) throw new DuplicateBatchIdError('A batch with this id was already sent from this site.');
    await local.set({ [BATCHES_KEY]: [...all, batch].slice(-MAX_STORED_BATCHES) });
  });
}
