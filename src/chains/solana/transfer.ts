/**
 * Builds a Solana transfer: SystemProgram transfer, or SPL / Token-2022 `transferChecked` (creating the
 * recipient's associated token account with the idempotent instruction when it is missing), with compute-budget
 * instructions (CU limit from simulation + margin, CU price from the chosen tier). Chain state is read in one
 * JSON-RPC batch, then one simulation. Every refusal happens before anything is signed.
 */
import { ComputeBudgetProgram, PublicKey, SystemProgram, TransactionMessage, VersionedTransaction, type Message, type TransactionInstruction } from '@solana/web3.js';
import { Buffer } from 'buffer';
import type { FeeOption, FeeTier, Token, TransferDescription, TransferRequest } from '../ChainAdapter';
import { FEE_TIERS } from '../ChainAdapter';
import { InsufficientFundsError, InvalidAmountError, SimulationFailedError, TokenNotFoundError, WrongNetworkError } from '../errors';
import { unwrap, type RpcCall } from '../rpcTransport';
import { formatUnits, toBaseUnits } from '../units';
import { validateSolanaAddress } from './address';
import type { SolanaContext } from './context';
import { MAX_COMPUTE_UNITS, computeUnitLimit, priorityTiers, solanaFee } from './fees';
import {
  TOKEN_2022_ATA_SIZE, TOKEN_ACCOUNT_SIZE, associatedTokenAddress, createAtaIdempotentInstruction, decodeTokenAccountHead,
  isTokenProgram, mintDecimalsFromData, transferCheckedInstruction, transferCheckedWithFeeInstruction,
} from './programs';
import { parseTransferFeeConfig, transferFeeFor } from './mintExtensions';
import { decodeRpcAccount, type RpcAccount } from './rpcAccounts';
import { TOKEN_2022_PROGRAM_ID } from '../tokens';

export interface SolanaBuiltTransfer {
  family: 'solana';
  networkId: string;
  from: string;
  to: string;
  amount: bigint;
  token?: Token & { programId: string };
  feeTier: FeeTier;
  fee: FeeOption;
  tiers: Record<FeeTier, FeeOption>;
  /** Token-2022 transfer fee the token program withholds from the recipient (base units of the token), when the mint has one. */
  tokenTransferFee?: bigint;
  /** Lamports of rent for the recipient's new token account (0 when it exists or for SOL). */
  rent: bigint;
  createsRecipientAccount: boolean;
  message: Message;
  lastValidBlockHeight: number;
}

interface SendState {
  blockhash: string;
  lastValidBlockHeight: number;
  balance: bigint;
  recipientExists: boolean;
  rentExemptZero: bigint;
  ataRent: bigint;
  prices: Record<FeeTier, bigint>;
  token?: {
    mint: PublicKey; program: PublicKey; decimals: number; fromAta: PublicKey; toAta: PublicKey; fromTokenBalance: bigint; createsAta: boolean;
    /** Set when the mint has a TransferFeeConfig: the fee withheld for this amount in the current epoch. */
    transferFee?: bigint;
  };
}

function check(ctx: SolanaContext, req: TransferRequest) {
  if (req.networkId !== ctx.network.id) {
    throw new WrongNetworkError(`This transfer is for ${req.networkId}, the adapter serves ${ctx.network.id}`, { expected: ctx.network.id, got: req.networkId });
  }
  const from = validateSolanaAddress(req.from);
  const to = validateSolanaAddress(req.to);
  const mint = req.token ? validateSolanaAddress(req.token.address, { requireOnCurve: false }) : undefined;
  const amount = toBaseUnits(req.amount, req.token ? req.token.decimals : ctx.network.nativeCurrency.decimals);
  if (amount >= 2n ** 64n) throw new InvalidAmountError('Amount does not fit in a u64', { reason: 'too-large' });
  return { from, to, mint, amount };
}

async function readState(ctx: SolanaContext, c: ReturnType<typeof check>, req: TransferRequest): Promise<SendState> {
  const fromKey = new PublicKey(c.from);
  const toKey = new PublicKey(c.to);
  let tokenKeys: { mint: PublicKey; program: PublicKey; fromAta: PublicKey; toAta: PublicKey } | undefined;
  if (c.mint) {
    const mint = new PublicKey(c.mint);
    // The program is confirmed from the mint account's owner below; the request's programId picks the ATA to read.
    const program = new PublicKey(req.token?.programId && isTokenProgram(req.token.programId) ? req.token.programId : 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
    tokenKeys = { mint, program, fromAta: associatedTokenAddress(fromKey, mint, program), toAta: associatedTokenAddress(toKey, mint, program) };
  }
  const keys = [c.from, c.to, ...(tokenKeys ? [tokenKeys.mint, tokenKeys.fromAta, tokenKeys.toAta].map((k) => k.toBase58()) : [])];
  const writable = tokenKeys ? [c.from, tokenKeys.fromAta.toBase58(), tokenKeys.toAta.toBase58()] : [c.from, c.to];
  const ataSize = tokenKeys?.program.toBase58() === TOKEN_2022_PROGRAM_ID ? TOKEN_2022_ATA_SIZE : TOKEN_ACCOUNT_SIZE;
  const calls: RpcCall[] = [
    { method: 'getLatestBlockhash', params: [{ commitment: 'confirmed' }] },
    { method: 'getMultipleAccounts', params: [keys, { encoding: 'base64', commitment: 'confirmed' }] },
    { method: 'getRecentPrioritizationFees', params: [writable] },
    { method: 'getMinimumBalanceForRentExemption', params: [0] },
    { method: 'getMinimumBalanceForRentExemption', params: [ataSize] },
  ];
  // Optional calls go at the end; each remembers its position in the batch (-1: not asked).
  const optional = (asked: boolean, call: RpcCall): number => (asked ? calls.push(call) - 1 : -1);
  // Token-2022 transfer fees change by epoch.
  const is2022 = tokenKeys?.program.toBase58() === TOKEN_2022_PROGRAM_ID;
  const epochAt = optional(is2022, { method: 'getEpochInfo', params: [{ commitment: 'confirmed' }] });
  const genesisAt = optional(!!ctx.network.genesisHash, { method: 'getGenesisHash', params: [] });
  const out = await ctx.transport.batch(calls);
  const [bh, multi, prio, rent0, rentAta] = out;
  const epochInfo = out[epochAt];
  const genesis = out[genesisAt];
  if (ctx.network.genesisHash) {
    const g = unwrap<string>(genesis, 'getGenesisHash');
    if (g !== ctx.network.genesisHash) throw new WrongNetworkError(`The RPC serves another cluster (genesis ${g})`, { expected: ctx.network.genesisHash, got: g });
  }
  const latest = unwrap<{ value: { blockhash: string; lastValidBlockHeight: number } }>(bh, 'getLatestBlockhash').value;
  const accs = unwrap<{ value: (RpcAccount | null)[] }>(multi, 'getMultipleAccounts').value.map(decodeRpcAccount);
  const state: SendState = {
    blockhash: latest.blockhash,
    lastValidBlockHeight: Number(latest.lastValidBlockHeight),
    balance: accs[0]?.lamports ?? 0n,
    recipientExists: accs[1] !== null && accs[1] !== undefined,
    rentExemptZero: BigInt(String(unwrap<number>(rent0, 'getMinimumBalanceForRentExemption'))),
    ataRent: BigInt(String(unwrap<number>(rentAta, 'getMinimumBalanceForRentExemption'))),
    prices: priorityTiers(prio?.ok ? (prio.result as { prioritizationFee: number }[]) : []),
  };
  if (tokenKeys && req.token) {
    const mintAcc = accs[2];
    if (!mintAcc || !isTokenProgram(mintAcc.owner) || mintDecimalsFromData(mintAcc.data) === null) {
      throw new TokenNotFoundError(`${c.mint} is not a token mint on ${ctx.network.name}`, { address: c.mint });
    }
    if (mintAcc.owner !== tokenKeys.program.toBase58()) {
      // The caller named the wrong token program: re-read with the mint's real program.
      return readState(ctx, c, { ...req, token: { ...req.token, programId: mintAcc.owner } });
    }
    const decimals = mintDecimalsFromData(mintAcc.data) ?? 0;
    if (decimals !== req.token.decimals) {
      throw new TokenNotFoundError(`Token decimals mismatch: the mint has ${decimals}, the request says ${req.token.decimals}`, { address: c.mint });
    }
    const fromHead = accs[3] ? decodeTokenAccountHead(accs[3].data) : null;
    state.token = {
      ...tokenKeys, decimals, fromTokenBalance: fromHead?.amount ?? 0n, createsAta: accs[4] === null || accs[4] === undefined,
    };
    const feeConfig = is2022 ? parseTransferFeeConfig(mintAcc.data) : null;
    if (feeConfig) {
      const epoch = BigInt(unwrap<{ epoch: number }>(epochInfo, 'getEpochInfo').epoch);
      state.token.transferFee = transferFeeFor(feeConfig, epoch, c.amount);
    }
  }
  return state;
}

function instructions(c: ReturnType<typeof check>, s: SendState, cuLimit: number, price: bigint): TransactionInstruction[] {
  const from = new PublicKey(c.from);
  const to = new PublicKey(c.to);
  const ixs: TransactionInstruction[] = [
    ComputeBudgetProgram.setComputeUnitLimit({ units: cuLimit }),
    ComputeBudgetProgram.setComputeUnitPrice({ microLamports: price }),
  ];
  if (s.token) {
    const t = s.token;
    if (t.createsAta) ixs.push(createAtaIdempotentInstruction(from, t.toAta, to, t.mint, t.program));
    ixs.push(t.transferFee !== undefined
      ? transferCheckedWithFeeInstruction(t.fromAta, t.mint, t.toAta, from, c.amount, t.decimals, t.transferFee)
      : transferCheckedInstruction(t.fromAta, t.mint, t.toAta, from, c.amount, t.decimals, t.program));
  } else {
    ixs.push(SystemProgram.transfer({ fromPubkey: from, toPubkey: to, lamports: c.amount }));
  }
  return ixs;
}

const compile = (from: string, blockhash: string, ixs: TransactionInstruction[]): Message =>
  new TransactionMessage({ payerKey: new PublicKey(from), recentBlockhash: blockhash, instructions: ixs }).compileToLegacyMessage();

function checkFunds(ctx: SolanaContext, c: ReturnType<typeof check>, s: SendState, fee: bigint, checkRent = true): void {
  const sym = ctx.network.nativeCurrency.symbol;
  if (s.token) {
    if (c.amount > s.token.fromTokenBalance) {
      throw new InsufficientFundsError('Insufficient token balance', { balance: s.token.fromTokenBalance.toString(), required: c.amount.toString() });
    }
  }
  const debit = (s.token ? 0n : c.amount) + fee + (s.token?.createsAta ? s.ataRent : 0n);
  if (debit > s.balance) {
    throw new InsufficientFundsError(`Insufficient ${sym} for amount plus network fee${s.token?.createsAta ? ' and account rent' : ''}`,
      { symbol: sym, balance: s.balance.toString(), required: debit.toString() });
  }
  const left = s.balance - debit;
  if (checkRent && left > 0n && left < s.rentExemptZero) {
    throw new InsufficientFundsError(`The ${sym} left (${formatUnits(left, 9)}) would be below the rent-exempt minimum; send less or everything`,
      { symbol: sym, balance: s.balance.toString(), required: debit.toString(), reason: 'rent' });
  }
}

export async function buildSolanaTransfer(ctx: SolanaContext, req: TransferRequest): Promise<SolanaBuiltTransfer> {
  const c = check(ctx, req);
  const s = await readState(ctx, c, req);
  const feeTier = req.feeTier ?? 'normal';
  if (!s.token && !s.recipientExists && c.amount < s.rentExemptZero) {
    throw new InvalidAmountError(`A new account needs at least ${formatUnits(s.rentExemptZero, 9)} SOL (rent-exempt minimum)`,
      { reason: 'below-rent-exempt', minimum: s.rentExemptZero.toString() });
  }
  // Amount alone (fee not known yet) first: a clear "insufficient funds" rather than a failed simulation.
  // (No rent check yet: a max send leaves exactly the fee, which the full check below then accounts for.)
  checkFunds(ctx, c, s, 0n, false);
  // A SOL "max" send leaves exactly the final fee, less than the simulation's fee at MAX_COMPUTE_UNITS: the simulated
  // amount is capped so the simulation can pay its own fee (a system transfer's compute cost does not depend on it).
  const simCap = s.balance - solanaFee(1, s.prices[feeTier], MAX_COMPUTE_UNITS);
  const simC = !s.token && c.amount > simCap && simCap > 0n ? { ...c, amount: simCap } : c;
  const sim = compile(c.from, s.blockhash, instructions(simC, s, MAX_COMPUTE_UNITS, s.prices[feeTier]));
  const simTx = Buffer.from(new VersionedTransaction(sim).serialize()).toString('base64');
  const [simOut] = await ctx.transport.batch([{ method: 'simulateTransaction', params: [simTx, { encoding: 'base64', sigVerify: false, replaceRecentBlockhash: true, commitment: 'confirmed' }] }]);
  const result = unwrap<{ value: { err: unknown; unitsConsumed?: number; logs?: string[] } }>(simOut, 'simulateTransaction').value;
  const sigs = sim.header.numRequiredSignatures;
  if (result.err) {
    checkFunds(ctx, c, s, solanaFee(sigs, s.prices[feeTier], MAX_COMPUTE_UNITS));
    throw new SimulationFailedError(`Simulation failed: ${JSON.stringify(result.err)}`, { err: result.err, logs: result.logs?.slice(-5) });
  }
  const cuLimit = computeUnitLimit(result.unitsConsumed ?? 0);
  const tiers = {} as Record<FeeTier, FeeOption>;
  for (const tier of FEE_TIERS) {
    tiers[tier] = { tier, maxFee: solanaFee(sigs, s.prices[tier], cuLimit), params: { computeUnitLimit: BigInt(cuLimit), microLamportsPerComputeUnit: s.prices[tier] } };
  }
  const fee = tiers[feeTier];
  checkFunds(ctx, c, s, fee.maxFee);
  const message = compile(c.from, s.blockhash, instructions(c, s, cuLimit, s.prices[feeTier]));
  return {
    family: 'solana', networkId: ctx.network.id, from: c.from, to: c.to, amount: c.amount,
    ...(req.token && s.token ? { token: { ...req.token, address: s.token.mint.toBase58(), programId: s.token.program.toBase58() } } : {}),
    feeTier, fee, tiers,
    ...(s.token?.transferFee !== undefined ? { tokenTransferFee: s.token.transferFee } : {}),
    rent: s.token?.createsAta ? s.ataRent : 0n,
    createsRecipientAccount: s.token?.createsAta ?? false,
    message, lastValidBlockHeight: s.lastValidBlockHeight,
  };
}

export function describeSolanaTransfer(ctx: SolanaContext, b: SolanaBuiltTransfer): TransferDescription {
  const n = ctx.network.nativeCurrency;
  const line = (symbol: string, decimals: number, amount: bigint) => ({ symbol, decimals, amount, formatted: formatUnits(amount, decimals) });
  const amount = b.token ? line(b.token.symbol, b.token.decimals, b.amount) : line(n.symbol, n.decimals, b.amount);
  const fee = line(n.symbol, n.decimals, b.fee.maxFee);
  return {
    networkId: b.networkId, networkName: ctx.network.name, from: b.from, to: b.to, amount,
    ...(b.token ? { token: { address: b.token.address, symbol: b.token.symbol, decimals: b.token.decimals } } : {}),
    fee, feeTier: b.feeTier,
    total: b.token ? [amount, line(n.symbol, n.decimals, b.fee.maxFee + b.rent)] : [line(n.symbol, n.decimals, b.amount + b.fee.maxFee)],
    createsRecipientAccount: b.createsRecipientAccount,
    ...(b.token && b.tokenTransferFee !== undefined ? {
      tokenTransferFee: line(b.token.symbol, b.token.decimals, b.tokenTransferFee),
      recipientReceives: line(b.token.symbol, b.token.decimals, b.amount - b.tokenTransferFee),
    } : {}),
  };
}
