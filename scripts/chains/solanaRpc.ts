// Solana JSON-RPC methods over DevSvm (the subset a wallet and @solana/web3.js v1 use, plus meridian_* controls).
import { PublicKey, VersionedMessage } from '@solana/web3.js';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import bs58 from 'bs58';
import { SOLANA_DEMO_PRIORITIZATION_FEES, SOLANA_GENESIS_HASH, SOLANA_LAMPORTS_PER_SIGNATURE } from './demo';
import { RpcError, invalidParams } from './solanaErrors';
import { decodeTokenAccount, encodeAccount, mintDecimals, parsePubkey, tokenAmount, type EncodeOpts } from './solanaParse';
import { computeFee, type DevSvm, type TxRecord } from './solanaSvm';

export const SOLANA_CORE_VERSION = '2.2.20';
export const SOLANA_FEATURE_SET = 3294202862;
type Params = unknown[];
type Handler = (p: Params) => unknown;
type Cfg = Record<string, unknown>;

const cfgAt = (p: Params, i: number): Cfg => {
  const v = p[i];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Cfg) : {};
};
const encOpts = (c: Cfg): EncodeOpts => ({
  encoding: typeof c.encoding === 'string' ? c.encoding : undefined,
  dataSlice: c.dataSlice as EncodeOpts['dataSlice'],
});
function decodeWire(value: unknown, encoding: unknown): Uint8Array {
  if (typeof value !== 'string') throw invalidParams('Invalid params: expected an encoded transaction string');
  if (encoding === 'base64') return new Uint8Array(Buffer.from(value, 'base64'));
  if (encoding === undefined || encoding === 'base58') return bs58.decode(value);
  throw invalidParams(`Invalid params: unsupported encoding: ${String(encoding)}. Supported encodings: base58, base64`);
}

export function createSolanaRpc(chain: DevSvm, extra: Record<string, Handler> = {}): (method: string, params: Params) => unknown {
  const lookup = (a: PublicKey) => chain.account(a);
  const ctx = <T>(value: T) => ({ context: { apiVersion: SOLANA_CORE_VERSION, slot: chain.slot }, value });
  const accountJson = (a: PublicKey, c: Cfg) => {
    const acc = chain.account(a);
    return acc ? encodeAccount(a, acc, encOpts(c), lookup) : null;
  };
  const statusOf = (r: TxRecord) => ({
    slot: r.slot, confirmations: null, err: r.err, status: r.err === null ? { Ok: null } : { Err: r.err }, confirmationStatus: 'finalized',
  });

  const tokenAccountsOf = (owner: PublicKey, filter: Cfg) => {
    let programs: PublicKey[];
    let mint: PublicKey | undefined;
    if (typeof filter.mint === 'string') {
      mint = parsePubkey(filter.mint, 'mint');
      const mintAcc = chain.account(mint);
      if (!mintAcc || mintDecimals(mint, lookup) === null) throw invalidParams('Invalid param: could not find mint');
      programs = [mintAcc.owner];
    } else if (typeof filter.programId === 'string') {
      const pid = parsePubkey(filter.programId, 'programId');
      if (!pid.equals(TOKEN_PROGRAM_ID) && !pid.equals(TOKEN_2022_PROGRAM_ID)) throw invalidParams('Invalid param: unrecognized Token program id');
      programs = [pid];
    } else {
      throw invalidParams('Invalid params: expected {"mint": ...} or {"programId": ...}');
    }
    const out: { pubkey: PublicKey }[] = [];
    for (const program of programs) {
      for (const entry of chain.svm.getProgramAccounts(program.toBytes())) {
        const pubkey = new PublicKey(entry.address);
        const acc = chain.account(pubkey);
        const tok = acc && decodeTokenAccount(pubkey, acc);
        if (tok && tok.owner.equals(owner) && (!mint || tok.mint.equals(mint))) out.push({ pubkey });
      }
    }
    return out;
  };

  const methods: Record<string, Handler> = {
    getHealth: () => 'ok',
    getVersion: () => ({ 'solana-core': SOLANA_CORE_VERSION, 'feature-set': SOLANA_FEATURE_SET }),
    getGenesisHash: () => SOLANA_GENESIS_HASH,
    getIdentity: () => ({ identity: SOLANA_GENESIS_HASH }),
    getSlot: () => chain.slot,
    getBlockHeight: () => chain.blockHeight,
    getTransactionCount: () => chain.transactionCount,
    getFirstAvailableBlock: () => 0,
    getEpochInfo: () => {
      const slotsInEpoch = Number(chain.svm.getEpochSchedule().slotsPerEpoch);
      // The epoch the programs see (the Clock sysvar), so fees that change by epoch agree with the RPC.
      return { absoluteSlot: chain.slot, blockHeight: chain.blockHeight, epoch: Number(chain.svm.getClock().epoch),
        slotIndex: chain.slot % slotsInEpoch, slotsInEpoch, transactionCount: chain.transactionCount };
    },
    getBalance: (p) => ctx(Number(chain.svm.getBalance(parsePubkey(p[0]).toBytes()) ?? 0n)),
    getAccountInfo: (p) => ctx(accountJson(parsePubkey(p[0]), cfgAt(p, 1))),
    getMultipleAccounts: (p) => {
      if (!Array.isArray(p[0])) throw invalidParams('Invalid params: expected an array of addresses');
      if (p[0].length > 100) throw invalidParams('Too many inputs provided; max 100');
      return ctx(p[0].map((a) => accountJson(parsePubkey(a), cfgAt(p, 1))));
    },
    getLatestBlockhash: () => ctx(chain.latest()),
    getRecentBlockhash: () => ctx({ blockhash: chain.latest().blockhash, feeCalculator: { lamportsPerSignature: SOLANA_LAMPORTS_PER_SIGNATURE } }),
    isBlockhashValid: (p) => ctx(typeof p[0] === 'string' && chain.isBlockhashValid(p[0])),
    getFeeForMessage: (p) => {
      if (typeof p[0] !== 'string') throw invalidParams('Invalid params: expected a base64 message');
      let msg: VersionedMessage;
      try {
        msg = VersionedMessage.deserialize(Buffer.from(p[0], 'base64'));
      } catch (e) {
        throw invalidParams(`invalid message: ${(e as Error).message}`);
      }
      return ctx(chain.isBlockhashValid(msg.recentBlockhash) ? computeFee(msg) : null);
    },
    getRecentPrioritizationFees: () => {
      const n = SOLANA_DEMO_PRIORITIZATION_FEES.length;
      return SOLANA_DEMO_PRIORITIZATION_FEES.map((fee, i) => ({ slot: chain.slot - (n - 1 - i), prioritizationFee: fee }));
    },
    getMinimumBalanceForRentExemption: (p) => {
      const len = Number(p[0] ?? 0);
      if (!Number.isInteger(len) || len < 0) throw invalidParams('Invalid params: data length must be a non-negative integer');
      return Number(chain.svm.minimumBalanceForRentExemption(BigInt(len)));
    },
    sendTransaction: (p) => {
      const c = cfgAt(p, 1);
      return chain.send(decodeWire(p[0], c.encoding), { skipPreflight: c.skipPreflight === true });
    },
    simulateTransaction: (p) => {
      const c = cfgAt(p, 1);
      const replace = c.replaceRecentBlockhash === true;
      const { tx, outcome, err } = chain.simulate(decodeWire(p[0], c.encoding), { sigVerify: c.sigVerify === true, replaceRecentBlockhash: replace });
      let accounts: unknown = null;
      const req = c.accounts as { addresses?: unknown; encoding?: string } | undefined;
      if (req && Array.isArray(req.addresses)) {
        accounts = req.addresses.map((a) => {
          const key = parsePubkey(a);
          const acc = outcome?.post?.get(key.toBase58()) ?? (err === null ? chain.account(key) : null);
          return err === null && acc ? encodeAccount(key, acc, { encoding: req.encoding ?? 'base64' }, lookup) : null;
        });
      }
      void tx;
      return ctx({
        err, logs: outcome?.logs ?? [], accounts, unitsConsumed: outcome?.unitsConsumed ?? 0, returnData: outcome?.returnData ?? null,
        innerInstructions: c.innerInstructions === true ? outcome?.innerInstructions ?? [] : null,
        replacementBlockhash: replace ? chain.latest() : null,
      });
    },
    getSignatureStatuses: (p) => {
      if (!Array.isArray(p[0])) throw invalidParams('Invalid params: expected an array of signatures');
      if (p[0].length > 256) throw invalidParams('Too many inputs provided; max 256');
      return ctx(p[0].map((s) => {
        const r = typeof s === 'string' ? chain.txs.get(s) : undefined;
        return r ? statusOf(r) : null;
      }));
    },
    getSignaturesForAddress: (p) => {
      const addr = parsePubkey(p[0]).toBase58();
      const c = cfgAt(p, 1);
      const limit = Math.min(Number(c.limit ?? 1000), 1000);
      const all = [...chain.txs.values()].filter((r) => r.accountKeys.includes(addr)).reverse();
      let start = 0;
      if (typeof c.before === 'string') start = all.findIndex((r) => r.signature === c.before) + 1 || all.length;
      let list = all.slice(start);
      if (typeof c.until === 'string') {
        const stop = list.findIndex((r) => r.signature === c.until);
        if (stop >= 0) list = list.slice(0, stop);
      }
      return list.slice(0, limit).map((r) => ({ signature: r.signature, slot: r.slot, err: r.err, memo: null, blockTime: r.blockTime, confirmationStatus: 'finalized' }));
    },
    getTransaction: (p) => {
      const r = typeof p[0] === 'string' ? chain.txs.get(p[0]) : undefined;
      if (!r || !r.tx) return null;
      const c = cfgAt(p, 1);
      const version = r.tx.version;
      if (version !== 'legacy' && c.maxSupportedTransactionVersion === undefined) {
        throw new RpcError(-32015, `Transaction version (${version}) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0`);
      }
      const m = r.tx.message;
      const transaction = c.encoding === 'base64' ? [Buffer.from(r.raw).toString('base64'), 'base64'] : {
        signatures: r.tx.signatures.map((s) => bs58.encode(s)),
        message: {
          header: m.header, accountKeys: m.staticAccountKeys.map((k) => k.toBase58()), recentBlockhash: m.recentBlockhash,
          instructions: m.compiledInstructions.map((ix) => ({ programIdIndex: ix.programIdIndex, accounts: ix.accountKeyIndexes, data: bs58.encode(ix.data), stackHeight: null })),
          ...(version === 'legacy' ? {} : { addressTableLookups: m.addressTableLookups }),
        },
      };
      return {
        slot: r.slot, blockTime: r.blockTime, version, transaction,
        meta: { err: r.err, status: r.err === null ? { Ok: null } : { Err: r.err }, fee: r.fee, preBalances: r.preBalances, postBalances: r.postBalances,
          logMessages: r.logs, computeUnitsConsumed: r.unitsConsumed, innerInstructions: [], preTokenBalances: r.preTokenBalances, postTokenBalances: r.postTokenBalances,
          loadedAddresses: { writable: [], readonly: [] }, rewards: [] },
      };
    },
    getTokenAccountsByOwner: (p) => {
      const owner = parsePubkey(p[0], 'owner');
      const c = cfgAt(p, 2);
      return ctx(tokenAccountsOf(owner, cfgAt(p, 1)).map(({ pubkey }) => ({ pubkey: pubkey.toBase58(), account: accountJson(pubkey, c) })));
    },
    getTokenAccountBalance: (p) => {
      const key = parsePubkey(p[0]);
      const acc = chain.account(key);
      const tok = acc && decodeTokenAccount(key, acc);
      const decimals = tok ? mintDecimals(tok.mint, lookup) : null;
      if (!tok || decimals === null) throw invalidParams('Invalid param: could not find account');
      return ctx(tokenAmount(tok.amount, decimals));
    },
    getTokenSupply: (p) => {
      const key = parsePubkey(p[0], 'mint');
      const acc = chain.account(key);
      const decimals = mintDecimals(key, lookup);
      if (!acc || decimals === null) throw invalidParams('Invalid param: not a Token mint');
      return ctx(tokenAmount(Buffer.from(acc.data).readBigUInt64LE(36), decimals));
    },
    getProgramAccounts: (p) => {
      const program = parsePubkey(p[0], 'program id');
      const c = cfgAt(p, 1);
      const filters = Array.isArray(c.filters) ? (c.filters as Cfg[]) : [];
      const out = [];
      for (const entry of chain.svm.getProgramAccounts(program.toBytes())) {
        const pubkey = new PublicKey(entry.address);
        const acc = chain.account(pubkey);
        if (!acc) continue;
        const ok = filters.every((f) => {
          if (typeof f.dataSize === 'number') return acc.data.length === f.dataSize;
          const mc = f.memcmp as { offset?: number; bytes?: string; encoding?: string } | undefined;
          if (!mc || typeof mc.bytes !== 'string') throw invalidParams('Invalid params: unsupported filter');
          const want = mc.encoding === 'base64' ? Buffer.from(mc.bytes, 'base64') : Buffer.from(bs58.decode(mc.bytes));
          const off = mc.offset ?? 0;
          return Buffer.from(acc.data.slice(off, off + want.length)).equals(want);
        });
        if (ok) out.push({ pubkey: pubkey.toBase58(), account: encodeAccount(pubkey, acc, encOpts(c), lookup) });
      }
      return c.withContext === true ? ctx(out) : out;
    },
    requestAirdrop: (p) => {
      const lamports = Number(p[1]);
      if (!Number.isSafeInteger(lamports) || lamports <= 0) throw invalidParams('Invalid params: lamports must be a positive integer');
      return chain.airdrop(parsePubkey(p[0]), BigInt(lamports));
    },
    /** Test control: [address, { lamports, data: base64, owner }] written as is. */
    meridian_setAccount: (p) => {
      const a = (p[1] ?? {}) as { lamports?: unknown; data?: unknown; owner?: unknown };
      if (typeof a.data !== 'string' || typeof a.owner !== 'string') throw invalidParams('expected [address, { lamports, data, owner }]');
      chain.setAccount(parsePubkey(p[0]), { lamports: BigInt(String(a.lamports ?? 0)), data: new Uint8Array(Buffer.from(a.data, 'base64')), owner: parsePubkey(a.owner) });
      return true;
    },
    meridian_advanceBlocks: (p) => {
      const arg = p[0];
      const count = Number(typeof arg === 'object' && arg !== null ? (arg as Cfg).count : arg ?? 1);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw invalidParams('count must be an integer in 1..1000000');
      chain.advance(count);
      return { slot: chain.slot, blockHeight: chain.blockHeight, ...chain.latest() };
    },
    ...extra,
  };

  return (method, params) => {
    const fn = Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (!fn) throw new RpcError(-32601, 'Method not found');
    return fn(params);
  };
}
