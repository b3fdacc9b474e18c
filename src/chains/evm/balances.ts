/**
 * Native + ERC-20 balances of many accounts in one HTTP request: one Multicall3 `aggregate3` eth_call
 * (native via Multicall3 `getEthBalance`, `allowFailure: true` so a bad token never breaks the batch), split into
 * several eth_calls of one JSON-RPC batch when very large. Without Multicall3 (or when the call fails) it falls
 * back to one JSON-RPC batch of eth_getBalance / eth_call balanceOf.
 */
import { decodeFunctionResult, encodeFunctionData, type Hex } from 'viem';
import type { AccountBalances, BalanceRequest, BalanceSnapshot, EvmNetwork } from '../ChainAdapter';
import { unwrap, type RpcCall, type RpcOutcome, type RpcTransport } from '../rpcTransport';
import { erc20Abi, multicall3Abi } from './abi';
import { validateEvmAddress } from './address';
import { firstWord, fromQuantity } from './hex';

export interface EvmBalanceOptions {
  /** Sub-calls per aggregate3 eth_call (default 1000). */
  maxCallsPerMulticall?: number;
  /** Skip Multicall3 (set by the adapter after a failed aggregate3 on this network). */
  noMulticall?: boolean;
}

interface Slot { account: `0x${string}`; token: `0x${string}` | null }

function plan(request: BalanceRequest): { accounts: `0x${string}`[]; tokens: `0x${string}`[]; slots: Slot[] } {
  const accounts = [...new Set(request.accounts.map(validateEvmAddress))];
  const tokens = [...new Set(request.tokens.map((t) => validateEvmAddress(t.address)))];
  const slots: Slot[] = [];
  for (const account of accounts) {
    slots.push({ account, token: null });
    for (const token of tokens) slots.push({ account, token });
  }
  return { accounts, tokens, slots };
}

function assemble(networkId: string, at: number, accounts: `0x${string}`[], slots: Slot[], values: (bigint | null)[]): BalanceSnapshot {
  const out: Record<string, AccountBalances> = {};
  for (const a of accounts) out[a] = { native: 0n, tokens: {} };
  slots.forEach((slot, i) => {
    const entry = out[slot.account];
    if (!entry) return;
    const v = values[i] ?? null;
    if (slot.token === null) {
      if (v === null) throw new Error(`native balance of ${slot.account} unavailable`);
      entry.native = v;
    } else entry.tokens[slot.token] = v;
  });
  return { networkId, at, accounts: out };
}

const balanceOfData = (account: `0x${string}`): Hex => encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [account] });

/** The calls of one refresh through Multicall3 (exported for the bench and tests). */
export function multicallBalanceCalls(multicall3: `0x${string}`, slots: readonly Slot[], chunk: number): RpcCall[] {
  const calls: RpcCall[] = [];
  for (let i = 0; i < slots.length; i += chunk) {
    const call3 = slots.slice(i, i + chunk).map((s) => s.token === null
      ? { target: multicall3, allowFailure: true, callData: encodeFunctionData({ abi: multicall3Abi, functionName: 'getEthBalance', args: [s.account] }) }
      : { target: s.token, allowFailure: true, callData: balanceOfData(s.account) });
    const data = encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [call3] });
    calls.push({ method: 'eth_call', params: [{ to: multicall3, data }, 'latest'] });
  }
  return calls;
}

function decodeAggregate(outcomes: RpcOutcome[]): (bigint | null)[] | null {
  const values: (bigint | null)[] = [];
  for (const o of outcomes) {
    if (!o.ok || typeof o.result !== 'string' || o.result === '0x') return null;
    let results: readonly { success: boolean; returnData: Hex }[];
    try {
      results = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: o.result as Hex });
    } catch {
      return null;
    }
    for (const r of results) values.push(r.success ? firstWord(r.returnData) : null);
  }
  return values;
}

async function viaBatch(transport: RpcTransport, slots: Slot[]): Promise<(bigint | null)[]> {
  const calls: RpcCall[] = slots.map((s) => s.token === null
    ? { method: 'eth_getBalance', params: [s.account, 'latest'] }
    : { method: 'eth_call', params: [{ to: s.token, data: balanceOfData(s.account) }, 'latest'] });
  const outcomes = await transport.batch(calls);
  return outcomes.map((o, i) => {
    const slot = slots[i];
    if (slot?.token === null) return fromQuantity(unwrap<string>(o, 'eth_getBalance'), 'balance');
    return o.ok ? firstWord(o.result) : null;
  });
}

export async function readEvmBalances(
  transport: RpcTransport, network: EvmNetwork, request: BalanceRequest, now: () => number, opts: EvmBalanceOptions = {},
): Promise<BalanceSnapshot & { usedMulticall: boolean }> {
  const { accounts, slots } = plan(request);
  if (slots.length === 0) return { networkId: network.id, at: now(), accounts: {}, usedMulticall: false };
  if (network.multicall3 && !opts.noMulticall) {
    const calls = multicallBalanceCalls(network.multicall3, slots, opts.maxCallsPerMulticall ?? 1000);
    const values = decodeAggregate(await transport.batch(calls));
    if (values && values.length === slots.length && slots.every((s, i) => s.token !== null || values[i] !== null)) {
      return { ...assemble(network.id, now(), accounts, slots, values), usedMulticall: true };
    }
  }
  const values = await viaBatch(transport, slots);
  return { ...assemble(network.id, now(), accounts, slots, values), usedMulticall: false };
}
