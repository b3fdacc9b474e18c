/**
 * OP-stack chains (OP Mainnet, Base and their Sepolia testnets) charge an L1 data fee on top of gas × price. It is
 * read from the GasPriceOracle predeploy with a stand-in of the transaction (same recipient, value and data; fee
 * fields at their largest plausible size), in the same batch as the other reads, plus a margin for the few bytes
 * the real nonce, gas and prices may differ by and for the oracle moving before inclusion.
 */
import { encodeFunctionData, parseAbi, serializeTransaction, type Hex } from 'viem';
import type { RpcCall } from '../rpcTransport';

export const OP_STACK_CHAIN_IDS: ReadonlySet<number> = new Set([10, 8453, 11155420, 84532]);
export const GAS_PRICE_ORACLE = '0x420000000000000000000000000000000000000F';
export const L1_FEE_MARGIN_PERCENT = 25n;
const oracleAbi = parseAbi(['function getL1Fee(bytes _data) view returns (uint256)']);

/** The eth_call that asks the oracle, or null on chains without an L1 data fee. */
export function l1FeeCall(chainId: number, tx: { to?: Hex | undefined; value: bigint; data?: Hex }): RpcCall | null {
  if (!OP_STACK_CHAIN_IDS.has(chainId)) return null;
  const standIn = serializeTransaction({
    type: 'eip1559', chainId, nonce: 0xffffff, gas: 0xffffffn, maxFeePerGas: 10n ** 13n, maxPriorityFeePerGas: 10n ** 12n,
    ...(tx.to ? { to: tx.to } : {}), value: tx.value, ...(tx.data ? { data: tx.data } : {}),
  });
  const data = encodeFunctionData({ abi: oracleAbi, functionName: 'getL1Fee', args: [standIn] });
  return { method: 'eth_call', params: [{ to: GAS_PRICE_ORACLE, data }, 'latest'] };
}

export const withL1Margin = (fee: bigint): bigint => fee + (fee * L1_FEE_MARGIN_PERCENT) / 100n;

/** The oracle's answer (a uint256), or null when it is not one. */
export function l1FeeFromResult(result: unknown): bigint | null {
  return typeof result === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(result) ? BigInt(result) : null;
}
