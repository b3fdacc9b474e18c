// Ledger state around litesvm: slots, block height, blockhash validity, signature statuses, fees.
import {
  Account, Clock, FailedTransactionMetadata, LiteSvm, type TransactionMetadata,
} from 'litesvm/dist/internal.js';
import { ComputeBudgetProgram, PublicKey, SystemProgram, VersionedTransaction, type VersionedMessage } from '@solana/web3.js';
import bs58 from 'bs58';
import { SOLANA_BLOCKHASH_VALIDITY_BLOCKS, SOLANA_LAMPORTS_PER_SIGNATURE } from './demo';
import { RpcError, invalidParams, txErrorJson, txErrorMessage, type TxErrorJson } from './solanaErrors';
import { decodeTokenAccount, mintDecimals, type RawAccount } from './solanaParse';

export interface TxRecord {
  signature: string;
  slot: number;
  blockTime: number;
  err: TxErrorJson | null;
  fee: number;
  logs: string[];
  unitsConsumed: number;
  raw: Uint8Array;
  /** null for airdrops (signed by litesvm's internal faucet; getTransaction answers null for them). */
  tx: VersionedTransaction | null;
  /** base58 account keys touched (static keys of the message; [recipient] for airdrops). */
  accountKeys: string[];
  preBalances: number[];
  postBalances: number[];
  /** Token accounts among the keys, as a validator's `meta.pre/postTokenBalances` list them. */
  preTokenBalances: TokenBalance[];
  postTokenBalances: TokenBalance[];
}

export interface TokenBalance {
  accountIndex: number;
  mint: string;
  owner: string;
  programId: string;
  uiTokenAmount: { amount: string; decimals: number; uiAmount: number; uiAmountString: string };
}

export interface ExecOutcome {
  err: TxErrorJson | null;
  logs: string[];
  unitsConsumed: number;
  returnData: { programId: string; data: [string, 'base64'] } | null;
  innerInstructions: object[];
  meta: TransactionMetadata;
}

const MAX_BUILTIN_CU = 3_000; // agave: default CU limit per builtin-program instruction (compute budget ixs included)
const DEFAULT_IX_CU = 200_000; // per instruction of any other program
const MAX_CU = 1_400_000;
const MAX_SLOT_HASHES = 512; // entries of the SlotHashes sysvar
const BUILTINS = new Set(['11111111111111111111111111111111', 'ComputeBudget111111111111111111111111111111',
  'Vote111111111111111111111111111111111111111', 'Stake11111111111111111111111111111111111111',
  'AddressLookupTab1e1111111111111111111111111', 'BPFLoaderUpgradeab1e11111111111111111111111',
  'BPFLoader1111111111111111111111111111111111', 'BPFLoader2111111111111111111111111111111111',
  'LoaderV411111111111111111111111111111111111', 'Config1111111111111111111111111111111111111',
  'Ed25519SigVerify111111111111111111111111111', 'KeccakSecp256k11111111111111111111111111111']);

/**
 * Base fee (5000 lamports per signature) + priority fee ceil(price µlamports × CU limit / 1e6), where the CU limit is
 * SetComputeUnitLimit or else 3,000 per builtin instruction + 200,000 per other instruction (what litesvm charges).
 */
export function computeFee(message: VersionedMessage): number {
  const keys = message.staticAccountKeys;
  let limit: number | undefined;
  let price = 0n;
  let defaultLimit = 0;
  for (const ix of message.compiledInstructions) {
    const program = keys[ix.programIdIndex]?.toBase58() ?? '';
    const d = Buffer.from(ix.data);
    if (program === ComputeBudgetProgram.programId.toBase58()) {
      if (d[0] === 2 && d.length >= 5) limit = d.readUInt32LE(1);
      if (d[0] === 3 && d.length >= 9) price = d.readBigUInt64LE(1);
    }
    defaultLimit += BUILTINS.has(program) ? MAX_BUILTIN_CU : DEFAULT_IX_CU;
  }
  const cu = BigInt(Math.min(limit ?? defaultLimit, MAX_CU));
  const priority = (price * cu + 999_999n) / 1_000_000n;
  return message.header.numRequiredSignatures * SOLANA_LAMPORTS_PER_SIGNATURE + Number(priority);
}

function isDurableNonceTx(message: VersionedMessage): boolean {
  const first = message.compiledInstructions[0];
  if (!first) return false;
  const program = message.staticAccountKeys[first.programIdIndex];
  return !!program?.equals(SystemProgram.programId) && Buffer.from(first.data).readUInt32LE(0) === 4;
}

export function decodeTx(bytes: Uint8Array): VersionedTransaction {
  try {
    return VersionedTransaction.deserialize(bytes);
  } catch (e) {
    throw invalidParams(`invalid transaction: failed to deserialize: ${(e as Error).message}`);
  }
}

export class DevSvm {
  readonly svm = new LiteSvm();
  /** Every landed block gets its own slot; there are no skipped slots, so slot - blockHeight is constant. */
  slot: number;
  blockHeight = 1;
  transactionCount = 0;
  readonly txs = new Map<string, TxRecord>();
  private readonly validUntil = new Map<string, number>();

  constructor() {
    // We own the blockhash check (litesvm only accepts its single latest hash; real clusters accept 150 blocks).
    this.svm.setBlockhashCheck(false);
    this.slot = Number(this.svm.getClock().slot);
    this.advance(0);
  }

  latest(): { blockhash: string; lastValidBlockHeight: number } {
    const blockhash = this.svm.latestBlockhash();
    return { blockhash, lastValidBlockHeight: this.validUntil.get(blockhash) ?? this.blockHeight };
  }

  isBlockhashValid(hash: string): boolean {
    const until = this.validUntil.get(hash);
    return until !== undefined && this.blockHeight <= until;
  }

  /** Produces `count` new blocks (count 0 only re-registers the current hash): new blockhash, slot, clock time. */
  advance(count = 1): void {
    if (count > 0) {
      const parent = this.slot;
      const parentHash = this.svm.latestBlockhash();
      this.slot += count;
      this.blockHeight += count;
      this.svm.expireBlockhash();
      this.svm.warpToSlot(BigInt(this.slot));
      // SlotHashes holds the recent blocks before this one (newest first, at most 512), as on a cluster: a lookup
      // table's address is derived from such a "recent slot". The blocks in between share the parent's hash here.
      const added = Array.from({ length: Math.min(count, MAX_SLOT_HASHES) }, (_, i) => ({ slot: BigInt(this.slot - 1 - i), hash: parentHash }));
      const older = this.svm.getSlotHashes().filter((h) => h.slot < BigInt(parent)).map((h) => ({ slot: h.slot, hash: h.hash }));
      this.svm.setSlotHashes([...added, ...older].slice(0, MAX_SLOT_HASHES));
    }
    const c = this.svm.getClock();
    this.svm.setClock(new Clock(BigInt(this.slot), c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, BigInt(Math.floor(Date.now() / 1000))));
    this.validUntil.set(this.svm.latestBlockhash(), this.blockHeight + SOLANA_BLOCKHASH_VALIDITY_BLOCKS);
    for (const [hash, until] of this.validUntil) if (until < this.blockHeight) this.validUntil.delete(hash);
  }

  /** Test control: write an account as it is (for state no transaction on this chain can reach, e.g. a ready lookup table). */
  setAccount(address: PublicKey, a: { lamports: bigint; data: Uint8Array; owner: PublicKey; executable?: boolean }): void {
    this.svm.setAccount(address.toBytes(), new Account(a.lamports, a.data, a.owner.toBytes(), a.executable === true, 0n));
  }

  account(address: PublicKey): RawAccount | null {
    const a = this.svm.getAccount(address.toBytes());
    if (!a) return null;
    if (a.lamports() === 0n && a.data().length === 0) return null; // closed/never-created accounts read as null
    return { lamports: a.lamports(), data: a.data(), owner: new PublicKey(a.owner()), executable: a.executable(), rentEpoch: a.rentEpoch() };
  }

  private balances(keys: PublicKey[]): number[] {
    return keys.map((k) => Number(this.svm.getBalance(k.toBytes()) ?? 0n));
  }

  private tokenBalances(keys: PublicKey[]): TokenBalance[] {
    const out: TokenBalance[] = [];
    keys.forEach((k, accountIndex) => {
      const acc = this.account(k);
      const tok = acc && decodeTokenAccount(k, acc);
      const decimals = tok ? mintDecimals(tok.mint, (a) => this.account(a)) : null;
      if (!acc || !tok || decimals === null) return;
      const ui = Number(tok.amount) / 10 ** decimals;
      out.push({ accountIndex, mint: tok.mint.toBase58(), owner: tok.owner.toBase58(), programId: acc.owner.toBase58(),
        uiTokenAmount: { amount: tok.amount.toString(), decimals, uiAmount: ui, uiAmountString: String(ui) } });
    });
    return out;
  }

  private execute(tx: VersionedTransaction, raw: Uint8Array, simulate: boolean, sigVerify: boolean): ExecOutcome & { post?: Map<string, RawAccount> } {
    this.svm.setSigverify(sigVerify);
    try {
      const legacy = tx.version === 'legacy';
      const res = simulate
        ? legacy ? this.svm.simulateLegacyTransaction(raw) : this.svm.simulateVersionedTransaction(raw)
        : legacy ? this.svm.sendLegacyTransaction(raw) : this.svm.sendVersionedTransaction(raw);
      const failed = res instanceof FailedTransactionMetadata ? res : null;
      const meta = failed ? failed.meta() : 'meta' in res ? res.meta() : (res as TransactionMetadata);
      const rd = meta.returnData();
      const inner = meta.innerInstructions().map((list, index) => ({
        index,
        instructions: list.map((ii) => ({
          programIdIndex: ii.instruction().programIdIndex(),
          accounts: [...ii.instruction().accounts()],
          data: bs58.encode(ii.instruction().data()),
          stackHeight: ii.stackHeight(),
        })),
      })).filter((x) => x.instructions.length > 0);
      let post: Map<string, RawAccount> | undefined;
      if (!failed && 'postAccounts' in res) {
        post = new Map(res.postAccounts().map((p) => {
          const a = p.account();
          return [bs58.encode(p.address), { lamports: a.lamports(), data: a.data(), owner: new PublicKey(a.owner()), executable: a.executable(), rentEpoch: a.rentEpoch() }];
        }));
      }
      return {
        err: failed ? txErrorJson(failed) : null,
        logs: meta.logs(),
        unitsConsumed: Number(meta.computeUnitsConsumed()),
        returnData: rd.data().length > 0 ? { programId: bs58.encode(rd.programId()), data: [Buffer.from(rd.data()).toString('base64'), 'base64'] } : null,
        innerInstructions: inner,
        meta,
        post,
      };
    } finally {
      this.svm.setSigverify(true);
    }
  }

  simulate(raw: Uint8Array, opts: { sigVerify: boolean; replaceRecentBlockhash: boolean }) {
    const tx = decodeTx(raw);
    if (opts.sigVerify && opts.replaceRecentBlockhash) throw invalidParams('sigVerify may not be used with replaceRecentBlockhash');
    const nonce = isDurableNonceTx(tx.message);
    if (!opts.replaceRecentBlockhash && !nonce && !this.isBlockhashValid(tx.message.recentBlockhash)) {
      return { tx, outcome: null, err: 'BlockhashNotFound' as TxErrorJson };
    }
    const outcome = this.execute(tx, raw, true, opts.sigVerify);
    if (opts.sigVerify && outcome.err === 'SignatureFailure') throw new RpcError(-32003, 'Transaction signature verification failure');
    return { tx, outcome, err: outcome.err };
  }

  /** sendTransaction semantics of a validator: preflight (unless skipped), then execute; returns the signature. */
  send(raw: Uint8Array, opts: { skipPreflight: boolean }): string {
    const tx = decodeTx(raw);
    const first = tx.signatures[0];
    if (!first) throw invalidParams('invalid transaction: no signatures');
    const signature = bs58.encode(first);
    const preflightError = (err: TxErrorJson, o?: ExecOutcome): RpcError =>
      new RpcError(-32002, `Transaction simulation failed: ${txErrorMessage(err)}`, {
        accounts: null, err, innerInstructions: null, logs: o?.logs ?? [], replacementBlockhash: null,
        returnData: o?.returnData ?? null, unitsConsumed: o?.unitsConsumed ?? 0,
      });
    if (this.txs.has(signature)) {
      if (opts.skipPreflight) return signature;
      throw preflightError('AlreadyProcessed');
    }
    if (!isDurableNonceTx(tx.message) && !this.isBlockhashValid(tx.message.recentBlockhash)) {
      if (opts.skipPreflight) return signature; // a validator drops it: the status stays null forever
      throw preflightError('BlockhashNotFound');
    }
    if (!opts.skipPreflight) {
      const sim = this.execute(tx, raw, true, true);
      if (sim.err === 'SignatureFailure') throw new RpcError(-32003, 'Transaction signature verification failure');
      if (sim.err !== null) throw preflightError(sim.err, sim);
    }
    const keys = tx.message.staticAccountKeys;
    const preBalances = this.balances(keys);
    const preTokenBalances = this.tokenBalances(keys);
    const out = this.execute(tx, raw, false, true);
    const postBalances = this.balances(keys);
    const postTokenBalances = this.tokenBalances(keys);
    const landed = out.err === null || (postBalances[0] ?? 0) < (preBalances[0] ?? 0); // failed txs land if fee was paid
    if (!landed) {
      if (out.err === 'SignatureFailure') throw new RpcError(-32003, 'Transaction signature verification failure');
      return signature; // dropped before execution (e.g. fee payer cannot pay): never lands
    }
    this.record({ signature, err: out.err, fee: computeFee(tx.message), logs: out.logs, unitsConsumed: out.unitsConsumed, raw, tx, preBalances, postBalances, preTokenBalances, postTokenBalances,
      accountKeys: keys.map((k) => k.toBase58()) });
    return signature;
  }

  airdrop(to: PublicKey, lamports: bigint): string {
    const pre = Number(this.svm.getBalance(to.toBytes()) ?? 0n);
    const res = this.svm.airdrop(to.toBytes(), lamports);
    if (!res || res instanceof FailedTransactionMetadata) {
      throw new RpcError(-32600, `airdrop failed: ${res ? txErrorMessage(txErrorJson(res)) : 'no result'}`);
    }
    const signature = bs58.encode(res.signature());
    const post = Number(this.svm.getBalance(to.toBytes()) ?? 0n);
    this.record({ signature, err: null, fee: SOLANA_LAMPORTS_PER_SIGNATURE, logs: res.logs(), unitsConsumed: Number(res.computeUnitsConsumed()),
      raw: new Uint8Array(), tx: null, preBalances: [pre], postBalances: [post], preTokenBalances: [], postTokenBalances: [], accountKeys: [to.toBase58()] });
    return signature;
  }

  private record(r: Omit<TxRecord, 'slot' | 'blockTime'>): void {
    this.txs.set(r.signature, { ...r, slot: this.slot, blockTime: Number(this.svm.getClock().unixTimestamp) });
    this.transactionCount++;
    this.advance(1);
  }
}
