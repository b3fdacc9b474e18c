/** eth_sendTransaction: prepare, ask, sign with the account's key, broadcast. */
import { createPublicClient, custom, getAddress, isAddress, type Hex } from 'viem';
import { InvalidParamsError } from '../../../../shared/errors';
import { SimulationFailedError } from '../../../../chains/errors';
import { l1FeeCall, l1FeeFromResult, withL1Margin } from '../../../../chains/evm/l1Fee';
import { requireApproved } from '../../../dapp/approvals';
import { readEvmToken } from '../../../../chains/evm/tokenInfo';
import { decodeEvmTransaction, evmTransactionWarnings } from '../../../dapp/decode/evmTransaction';
import { evmFactsFor, riskWarnings, storedFacts } from '../../../dapp/riskGlue';
import { previewEvm } from '../../../previewServices';
import { evmPreviewRecheck } from '../../../dapp/previewRecheck';
import type { DappContext } from '../context';
import { permittedAccount } from './accounts';
import { withKey } from './sign';
import { broadcastSigned, chainPendingNonce, dappActivityRecord } from './dappTx';
import { arr } from './util';
import { keccak256 } from 'viem';

type TxParams = { from?: unknown; to?: unknown; value?: unknown; data?: unknown; input?: unknown; gas?: unknown; nonce?: unknown; chainId?: unknown };
const hexQty = (v: unknown, what: string): bigint | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]+$/.test(v)) throw new InvalidParamsError(`${what} must be a hexadecimal quantity.`);
  return BigInt(v);
};

export async function sendTransaction(params: unknown, ctx: DappContext): Promise<Hex> {
  const [tx] = arr(params) as [TxParams?];
  if (!tx || typeof tx !== 'object') throw new InvalidParamsError('Expected a transaction object.');
  const from = await permittedAccount(ctx, tx.from);
  if (tx.to !== undefined && tx.to !== null && (typeof tx.to !== 'string' || !isAddress(tx.to, { strict: false }))) throw new InvalidParamsError('Invalid "to" address.');
  const data = (tx.data ?? tx.input ?? '0x') as string;
  if (typeof data !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(data)) throw new InvalidParamsError('data must be 0x-prefixed hex bytes.');
  const value = hexQty(tx.value, 'value') ?? 0n;
  const gas = hexQty(tx.gas, 'gas');
  const network = await ctx.networks.evm();
  // A transaction built for another chain is refused, not re-targeted at the current one.
  const chainId = hexQty(tx.chainId, 'chainId');
  if (chainId !== undefined && chainId !== BigInt(network.chainId)) {
    throw new InvalidParamsError(`This transaction is for chain ${chainId}; the wallet is on ${network.name} (${network.chainId}). Switch networks first.`,
      { chainId: `0x${chainId.toString(16)}`, current: `0x${network.chainId.toString(16)}` });
  }
  const transport = ctx.networks.transport(network);
  // No viem retries: RpcTransport already fails over, and viem would retry a refusal it cannot read (the node's
  // "no eth_fillTransaction" arrives as a wallet code) three times with back-off, ~1 s before every approval window.
  const client = createPublicClient({ transport: custom({ request: ({ method, params: p }) => transport.request(method, p as unknown[]) }, { retryCount: 0 }) });
  const chain = { id: network.chainId, name: network.name, nativeCurrency: network.nativeCurrency, rpcUrls: { default: { http: network.rpcUrls } } };
  const to = tx.to ? getAddress(tx.to as string) : undefined;
  const prepared = await client.prepareTransactionRequest({
    account: from, chain, to, value, data: data as Hex, ...(gas ? { gas } : {}),
    parameters: ['fees', 'gas', 'nonce', 'type'],
  } as never) as unknown as { gas: bigint; maxFeePerGas?: bigint; gasPrice?: bigint; maxPriorityFeePerGas?: bigint; nonce: number; type: string };
  // OP-stack chains add an L1 data fee (read from the GasPriceOracle, with margin), as the wallet's own sends do; the
  // balance is read in the same batch so the window can say when the account cannot pay it all.
  const l1 = l1FeeCall(network.chainId, { to, value, data: data as Hex });
  const [balOut, l1Out] = await transport.batch([{ method: 'eth_getBalance', params: [from, 'latest'] }, ...(l1 ? [l1] : [])]);
  let l1Fee = 0n;
  if (l1) {
    const fee = l1Out?.ok ? l1FeeFromResult(l1Out.result) : null;
    if (fee === null) throw new SimulationFailedError('Cannot read the L1 data fee of this network.');
    l1Fee = withL1Margin(fee);
  }
  const balance = balOut?.ok && typeof balOut.result === 'string' ? BigInt(balOut.result) : null;
  // Rules: approvals (unlimited, to an account without code), setApprovalForAll, NFT calls told apart by ERC-165,
  // recipients (zero address, the token's own contract, a contract, a look-alike of a known address).
  const riskInput = { tx: { from, ...(to ? { to } : {}), value: value.toString(), data } };
  const riskFacts = await evmFactsFor(ctx, transport, 'evm-transaction', riskInput,
    { ...(await storedFacts(ctx, { networkId: network.id, address: from })), evmChainId: network.chainId });
  // What it does to the user's accounts, simulated at one block on the user's own RPC (or why it was not).
  const simulate = () => previewEvm(transport, { from, ...(to ? { to } : {}), value, data: data as Hex, gas: prepared.gas, chainId: network.chainId },
    { accounts: riskFacts.ownAccounts ?? [from], nativeSymbol: network.nativeCurrency.symbol });
  const whatHappens = await simulate();
  const maxFee = prepared.gas * (prepared.maxFeePerGas ?? prepared.gasPrice ?? 0n) + l1Fee;
  const input = { from, ...(to ? { to } : {}), value: value.toString(), data };
  const decodeCtx = { chainId: network.chainId, nativeSymbol: network.nativeCurrency.symbol };
  let decoded = decodeEvmTransaction(input, decodeCtx);
  if (to && (decoded.kind === 'erc20-transfer' || decoded.kind === 'erc20-approve')) {
    // Symbol and decimals from the contract itself, so the amount shows in tokens (the address is shown too).
    const token = await readEvmToken(transport, to).catch(() => null);
    if (token) decoded = decodeEvmTransaction(input, { ...decodeCtx, knownTokens: { [to.toLowerCase()]: token } });
  }
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'evm', kind: 'send-transaction', network: { id: network.id, name: network.name }, account: from,
    details: { decoded, whatHappens, gas: prepared.gas.toString(), maxFee: maxFee.toString(), total: (value + maxFee).toString(), ...(l1 ? { l1Fee: l1Fee.toString() } : {}),
      nativeSymbol: network.nativeCurrency.symbol, nativeDecimals: network.nativeCurrency.decimals, data },
    warnings: [
      ...(balance !== null && balance < value + maxFee ? [{ level: 'danger' as const, code: 'insufficient-funds', message: `This account cannot pay the amount plus the network fee (${network.nativeCurrency.symbol}); the network will refuse it.` }] : []),
      ...riskWarnings('evm-transaction', riskInput, riskFacts, evmTransactionWarnings(decoded)).warnings,
    ],
    createdAt: ctx.now(),
  }, {
    // On Confirm: a newer block that changes what it does shows the new result and asks again.
    recheck: evmPreviewRecheck({ blockNumber: async () => BigInt(await transport.request<string>('eth_blockNumber', [])), preview: simulate }),
  });
  // The nonce is taken after the approval, through the chain's shared tracker: a wallet send or another dapp
  // transaction signed meanwhile is skipped, never replaced.
  const tracker = ctx.nonces.for(network.chainId);
  // A transaction of this account recorded as pending (maybe never delivered: a restart, no RPC answer) keeps its nonce.
  const nonce = tracker.reserve(from, await chainPendingNonce(ctx, transport, network.id, from));
  let signed: Hex;
  try {
    signed = await withKey(ctx, from, (a) => a.signTransaction({ ...(prepared as object), chainId: network.chainId, nonce, to, value, data: data as Hex } as never));
  } catch (e) {
    tracker.release(from, nonce);
    throw e;
  }
  // Recorded in Activity before it is sent (as the wallet's own sends): whatever happens next, the user sees it,
  // the poller follows it, and "Retry" can re-send these very bytes.
  const record = dappActivityRecord({ hash: keccak256(signed), raw: signed, nonce, from, to, value, maxFee, decoded, network, origin: ctx.origin, at: ctx.now() });
  await ctx.activity?.recordSent(record);
  try {
    const { hash, delivered } = await broadcastSigned(transport, signed); // throws only when a node refused it
    tracker.commit(from, nonce);
    if (!delivered) await ctx.activity?.markUnconfirmed(record.networkId, from, hash);
    return hash;
  } catch (e) {
    tracker.release(from, nonce);
    await ctx.activity?.forget(record);
    throw e;
  }
}
