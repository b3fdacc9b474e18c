/** Reads the latest block once; every later read and the simulation use its number. */
import { getAddress, type Hex } from 'viem';
import type { RpcTransport } from '../../rpcTransport';
import { fromQuantity } from '../hex';
import type { PinnedBlock } from './types';

interface RpcBlock {
  number?: string; hash?: Hex; timestamp?: string; gasLimit?: string; baseFeePerGas?: string; miner?: string; mixHash?: Hex;
  withdrawalsRoot?: string; blobGasUsed?: string; requestsHash?: string;
}

export function parsePinnedBlock(b: RpcBlock | null): PinnedBlock {
  if (!b || !b.number || !b.hash) throw new Error('the RPC returned no latest block');
  return {
    number: fromQuantity(b.number, 'block number'),
    hash: b.hash,
    timestamp: fromQuantity(b.timestamp, 'block timestamp'),
    gasLimit: fromQuantity(b.gasLimit, 'block gas limit'),
    ...(b.baseFeePerGas !== undefined ? { baseFeePerGas: fromQuantity(b.baseFeePerGas, 'base fee') } : {}),
    miner: getAddress(b.miner ?? '0x0000000000000000000000000000000000000000'),
    mixHash: b.mixHash ?? `0x${'0'.repeat(64)}`,
    hasWithdrawals: b.withdrawalsRoot !== undefined,
    hasBlobGas: b.blobGasUsed !== undefined,
    hasRequests: b.requestsHash !== undefined,
  };
}

export async function pinLatestBlock(transport: RpcTransport): Promise<PinnedBlock> {
  return parsePinnedBlock(await transport.request<RpcBlock | null>('eth_getBlockByNumber', ['latest', false]));
}

export const blockTag = (p: PinnedBlock): Hex => `0x${p.number.toString(16)}`;
