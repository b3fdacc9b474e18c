/**
 * What eth_sendTransaction and wallet_sendCalls share once a dapp transaction is signed: its Activity record (made
 * before it is sent), the nonce floor that records keep across restarts, and a broadcast that never invites a second
 * payment.
 */
import { keccak256, type Hex } from 'viem';
import { createActivityStore } from '../../../stores/activityStore';
import { nonceFloor, type ActivityRecord } from '../../../../chains/activityRecord';
import { RpcResponseError, RpcUnavailableError } from '../../../../chains/errors';
import type { RpcTransport } from '../../../../chains/rpcTransport';
import type { DecodedEvmTransaction } from '../../../dapp/decode/evmTransaction';
import type { DappContext } from '../context';

/** What Activity shows for a dapp transaction: a token transfer as the token amount, anything else as its value. */
export function dappActivityRecord(t: {
  hash: Hex; raw: Hex; nonce: number; from: string; to: string | undefined; value: bigint; maxFee: bigint; decoded: DecodedEvmTransaction;
  network: { id: string; nativeCurrency: { symbol: string; decimals: number } }; origin: string; at: number;
}): ActivityRecord {
  const d = t.decoded;
  // Only the sender's own tokens leaving (transfer): a transferFrom moves someone else's.
  const token = d.kind === 'erc20-transfer' && d.method === 'transfer' && d.token?.symbol !== undefined && d.token.decimals !== undefined && d.recipient && d.amount !== undefined
    ? { address: d.token.address, symbol: d.token.symbol, decimals: d.token.decimals, recipient: d.recipient, amount: d.amount } : null;
  return {
    id: t.hash, networkId: t.network.id, from: t.from, origin: t.origin,
    to: token?.recipient ?? t.to ?? '', amount: token?.amount ?? t.value.toString(),
    symbol: token?.symbol ?? t.network.nativeCurrency.symbol, decimals: token?.decimals ?? t.network.nativeCurrency.decimals,
    ...(token ? { token: token.address } : {}),
    fee: t.maxFee.toString(), status: 'pending', createdAt: t.at, updatedAt: t.at, nonce: t.nonce, raw: t.raw,
  };
}

/**
 * The lowest nonce the chain's tracker may hand out for `from`: the node's pending count, and never below one past a
 * transaction of this account still pending in Activity (maybe never delivered: a restart, no RPC answer).
 */
export async function chainPendingNonce(ctx: DappContext, transport: RpcTransport, networkId: string, from: string): Promise<number> {
  const recorded = nonceFloor(await createActivityStore(ctx.local).list(networkId, from));
  return Math.max(Number(await transport.request<string>('eth_getTransactionCount', [from, 'pending'])), recorded);
}

/**
 * eth_sendRawTransaction of a dapp transaction. Its hash is known before the broadcast (keccak256 of the signed
 * bytes), so when no RPC answers (one may have accepted it and dropped the answer) the dapp gets that hash and the
 * nonce stays used (never signed over again). A refusal after a failover ("already known", "nonce too low") that is in
 * fact our own transaction, taken by an earlier URL, is recognised by its hash. Only a real refusal throws.
 */
export async function broadcastSigned(transport: RpcTransport, signed: Hex): Promise<{ hash: Hex; delivered: boolean }> {
  const hash = keccak256(signed);
  try {
    await transport.request<Hex>('eth_sendRawTransaction', [signed]);
    return { hash, delivered: true };
  } catch (e) {
    if (e instanceof RpcUnavailableError) return { hash, delivered: false };
    if (e instanceof RpcResponseError && (await transport.request<unknown>('eth_getTransactionByHash', [hash]).catch(() => null))) return { hash, delivered: true };
    throw e;
  }
}
