/**
 * Builds an EVM native or ERC-20 transfer. Every refusal (bad address, bad amount, wrong network, insufficient
 * funds, failing estimate) happens here, before anything is signed. Chain state is read in ONE JSON-RPC batch.
 */
import { encodeFunctionData, type TransactionSerializable } from 'viem';
import type { FeeOption, FeeTier, Token, TransferDescription, TransferRequest } from '../ChainAdapter';
import { InsufficientFundsError, SimulationFailedError, WrongNetworkError } from '../errors';
import { unwrap, type RpcCall } from '../rpcTransport';
import { addMargin, formatUnits, toBaseUnits } from '../units';
import { erc20Abi } from './abi';
import { validateEvmAddress } from './address';
import type { EvmContext } from './context';
import { FEE_HISTORY_BLOCKS, GAS_LIMIT_MARGIN_PERCENT, REWARD_PERCENTILES, feeTiersFromHistory, maxPricePerGas, type EvmFeeParams, type FeeHistory } from './fees';
import { firstWord, fromQuantity, toQuantity } from './hex';
import { l1FeeCall, withL1Margin } from './l1Fee';

export interface EvmBuiltTransfer {
  family: 'evm';
  networkId: string;
  chainId: number;
  from: `0x${string}`;
  /** Recipient of the value (not the token contract). */
  to: `0x${string}`;
  amount: bigint;
  token?: Token & { address: `0x${string}` };
  feeTier: FeeTier;
  fee: FeeOption;
  tiers: Record<FeeTier, FeeOption>;
  tx: TransactionSerializable & { chainId: number; nonce: number; gas: bigint; to: `0x${string}` };
}

/** Checks shared by estimate and build: network, addresses, amount. */
export function checkEvmRequest(ctx: EvmContext, req: TransferRequest) {
  if (req.networkId !== ctx.network.id) {
    throw new WrongNetworkError(`This transfer is for ${req.networkId}, the adapter serves ${ctx.network.id}`, { expected: ctx.network.id, got: req.networkId });
  }
  const from = validateEvmAddress(req.from);
  const to = validateEvmAddress(req.to);
  const token = req.token ? { ...req.token, address: validateEvmAddress(req.token.address) } : undefined;
  const decimals = token ? token.decimals : ctx.network.nativeCurrency.decimals;
  const amount = toBaseUnits(req.amount, decimals);
  const callTo = token ? token.address : to;
  const data = token ? encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }) : undefined;
  const value = token ? 0n : amount;
  return { from, to, token, amount, callTo, data, value };
}

interface ChainState {
  balance: bigint;
  tokenBalance: bigint | null;
  pendingNonce: number;
  tiers: Record<FeeTier, EvmFeeParams>;
  gas: bigint | null;
  gasError?: string;
  /** OP-stack L1 data fee (with margin), 0 elsewhere. */
  l1Fee: bigint;
}

export async function readEvmSendState(ctx: EvmContext, c: ReturnType<typeof checkEvmRequest>): Promise<ChainState> {
  const calls: RpcCall[] = [
    { method: 'eth_chainId', params: [] },
    { method: 'eth_getBalance', params: [c.from, 'latest'] },
    { method: 'eth_getTransactionCount', params: [c.from, 'pending'] },
    { method: 'eth_feeHistory', params: [toQuantity(FEE_HISTORY_BLOCKS), 'latest', [...REWARD_PERCENTILES]] },
    { method: 'eth_gasPrice', params: [] },
    { method: 'eth_estimateGas', params: [{ from: c.from, to: c.callTo, value: toQuantity(c.value), ...(c.data ? { data: c.data } : {}) }] },
  ];
  if (c.token) {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [c.from] });
    calls.push({ method: 'eth_call', params: [{ to: c.token.address, data }, 'latest'] });
  }
  const l1 = l1FeeCall(ctx.network.chainId, { to: c.callTo, value: c.value, ...(c.data ? { data: c.data } : {}) });
  if (l1) calls.push(l1);
  const results = await ctx.transport.batch(calls);
  const [chainId, balance, count, history, gasPrice, estimate] = results;
  const tokenBal = c.token ? results[6] : undefined;
  const l1Out = l1 ? results[calls.length - 1] : undefined;
  const gotChain = Number(fromQuantity(unwrap<string>(chainId, 'eth_chainId'), 'chain id'));
  if (gotChain !== ctx.network.chainId) {
    throw new WrongNetworkError(`The RPC serves chain ${gotChain}, not ${ctx.network.chainId}`, { expected: ctx.network.chainId, got: gotChain });
  }
  const tiers = feeTiersFromHistory(
    history?.ok ? (history.result as FeeHistory) : null,
    gasPrice?.ok ? fromQuantity(gasPrice.result, 'gas price') : null,
    ctx.minPriorityFee,
  );
  return {
    balance: fromQuantity(unwrap<string>(balance, 'eth_getBalance'), 'balance'),
    pendingNonce: Number(fromQuantity(unwrap<string>(count, 'eth_getTransactionCount'), 'nonce')),
    tokenBalance: c.token ? (tokenBal?.ok ? firstWord(tokenBal.result) : null) : null,
    tiers,
    gas: estimate?.ok ? addMargin(fromQuantity(estimate.result, 'gas'), GAS_LIMIT_MARGIN_PERCENT) : null,
    // Never understate: an OP-stack chain whose oracle cannot be read refuses the send (unwrap throws).
    l1Fee: l1Out ? withL1Margin(l1FeeFrom(unwrap<string>(l1Out, 'GasPriceOracle.getL1Fee'))) : 0n,
    ...(estimate && !estimate.ok ? { gasError: estimate.error.message } : {}),
  };
}

function l1FeeFrom(result: string): bigint {
  const v = firstWord(result);
  if (v === null) throw new SimulationFailedError('Cannot read the L1 data fee of this network.');
  return v;
}

export function feeOptions(gas: bigint, tiers: Record<FeeTier, EvmFeeParams>, l1Fee = 0n): Record<FeeTier, FeeOption> {
  const out = {} as Record<FeeTier, FeeOption>;
  for (const tier of ['slow', 'normal', 'fast'] as const) {
    const p = tiers[tier];
    const params: Record<string, bigint> = p.type === 'eip1559'
      ? { gasLimit: gas, maxFeePerGas: p.maxFeePerGas, maxPriorityFeePerGas: p.maxPriorityFeePerGas }
      : { gasLimit: gas, gasPrice: p.gasPrice };
    out[tier] = { tier, maxFee: gas * maxPricePerGas(p) + l1Fee, params: l1Fee > 0n ? { ...params, l1Fee } : params };
  }
  return out;
}

export async function buildEvmTransfer(ctx: EvmContext, req: TransferRequest): Promise<EvmBuiltTransfer> {
  const c = checkEvmRequest(ctx, req);
  const s = await readEvmSendState(ctx, c);
  const feeTier = req.feeTier ?? 'normal';
  const nativeSym = ctx.network.nativeCurrency.symbol;
  if (c.token) {
    if (s.tokenBalance === null) throw new SimulationFailedError(`Cannot read the ${c.token.symbol} balance: is ${c.token.address} an ERC-20 token?`);
    if (c.amount > s.tokenBalance) {
      throw new InsufficientFundsError(`Insufficient ${c.token.symbol}: balance ${formatUnits(s.tokenBalance, c.token.decimals)}, amount ${formatUnits(c.amount, c.token.decimals)}`,
        { symbol: c.token.symbol, balance: s.tokenBalance.toString(), required: c.amount.toString() });
    }
  } else if (c.amount > s.balance) {
    throw new InsufficientFundsError(`Insufficient ${nativeSym}: amount above balance`, { symbol: nativeSym, balance: s.balance.toString(), required: c.amount.toString() });
  }
  if (s.gas === null) throw new SimulationFailedError(`Gas estimation failed: ${s.gasError ?? 'unknown error'}`, { reason: s.gasError });
  const tiers = feeOptions(s.gas, s.tiers, s.l1Fee);
  const fee = tiers[feeTier];
  const needed = (c.token ? 0n : c.amount) + fee.maxFee;
  if (needed > s.balance) {
    throw new InsufficientFundsError(`Insufficient ${nativeSym} for amount plus network fee`,
      { symbol: nativeSym, balance: s.balance.toString(), required: needed.toString() });
  }
  // Placeholder: the nonce is reserved and set at signing (adapter.sign), when the user has confirmed.
  const nonce = s.pendingNonce;
  const p = s.tiers[feeTier];
  const base = { chainId: ctx.network.chainId, nonce, gas: s.gas, to: c.callTo, value: c.value, ...(c.data ? { data: c.data } : {}) };
  const tx = p.type === 'eip1559'
    ? { ...base, type: 'eip1559' as const, maxFeePerGas: p.maxFeePerGas, maxPriorityFeePerGas: p.maxPriorityFeePerGas }
    : { ...base, type: 'legacy' as const, gasPrice: p.gasPrice };
  return {
    family: 'evm', networkId: ctx.network.id, chainId: ctx.network.chainId, from: c.from, to: c.to, amount: c.amount,
    ...(c.token ? { token: c.token } : {}), feeTier, fee, tiers, tx,
  };
}

export function describeEvmTransfer(ctx: EvmContext, b: EvmBuiltTransfer): TransferDescription {
  const native = ctx.network.nativeCurrency;
  const line = (symbol: string, decimals: number, amount: bigint) => ({ symbol, decimals, amount, formatted: formatUnits(amount, decimals) });
  const amount = b.token ? line(b.token.symbol, b.token.decimals, b.amount) : line(native.symbol, native.decimals, b.amount);
  const fee = line(native.symbol, native.decimals, b.fee.maxFee);
  return {
    networkId: b.networkId, networkName: ctx.network.name, from: b.from, to: b.to, amount,
    ...(b.token ? { token: { address: b.token.address, symbol: b.token.symbol, decimals: b.token.decimals } } : {}),
    fee, feeTier: b.feeTier,
    total: b.token ? [amount, fee] : [line(native.symbol, native.decimals, b.amount + b.fee.maxFee)],
  };
}
