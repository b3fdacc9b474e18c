/** Read-only methods, forwarded verbatim to the selected network's RPC. */
import { MeridianError } from '../../../../shared/errors';
import type { DappContext } from '../context';
import { arr } from './util';

/** Forwarded verbatim to the selected network's RPC; the node's error code and data reach the dapp. */
export async function forward(method: string, params: unknown, ctx: DappContext): Promise<unknown> {
  const network = await ctx.networks.evm();
  const [outcome] = await ctx.networks.transport(network).batch([{ method, params: arr(params) }]);
  if (!outcome) throw new MeridianError('No answer from the network.');
  if (outcome.ok) return outcome.result;
  const e = new MeridianError(outcome.error.message, outcome.error.data);
  (e as { code: number }).code = outcome.error.code;
  throw e;
}

export const READ_ONLY_METHODS = [
  'eth_call', 'eth_getBalance', 'eth_blockNumber', 'eth_estimateGas', 'eth_getTransactionReceipt', 'eth_getTransactionByHash',
  'eth_getLogs', 'eth_gasPrice', 'eth_feeHistory', 'eth_getCode', 'eth_getBlockByNumber', 'eth_getBlockByHash',
  'eth_getTransactionCount', 'eth_getStorageAt', 'eth_maxPriorityFeePerGas', 'eth_syncing', 'eth_getProof',
  'eth_getBlockTransactionCountByNumber', 'eth_getBlockTransactionCountByHash', 'eth_getTransactionByBlockNumberAndIndex',
  'eth_getTransactionByBlockHashAndIndex', 'eth_getUncleCountByBlockNumber', 'eth_createAccessList', 'eth_blobBaseFee',
  'web3_clientVersion', 'net_listening', 'net_peerCount',
] as const;
