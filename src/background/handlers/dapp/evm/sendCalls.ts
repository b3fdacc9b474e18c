/**
 * wallet_sendCalls (EIP-5792, version 2.0.0). This wallet is an EOA without atomic execution: the calls become one
 * transaction each, shown together in one approval window, signed with consecutive nonces and sent in order without
 * waiting for any to be mined. `atomicRequired: true` is refused (5760), as `wallet_getCapabilities` says.
 *
 * Preview: each call is simulated on its own (the preview engine runs one transaction), so a later call is simulated
 * without the earlier calls' effects; the window says so.
 */
import { createPublicClient, custom, getAddress, isAddress, keccak256, type Address, type Hex } from 'viem';
import { InvalidParamsError } from '../../../../shared/errors';
import type { Warning } from '../../../../shared/approval';
import type { WhatHappensView } from '../../../../shared/preview';
import { SimulationFailedError } from '../../../../chains/errors';
import { l1FeeCall, l1FeeFromResult, withL1Margin } from '../../../../chains/evm/l1Fee';
import { readEvmToken } from '../../../../chains/evm/tokenInfo';
import { requireApproved, type Asked } from '../../../dapp/approvals';
import { decodeEvmTransaction, evmTransactionWarnings, type DecodedEvmTransaction } from '../../../dapp/decode/evmTransaction';
import { changedPreview } from '../../../dapp/previewRecheck';
import { evmFactsFor, riskWarnings, storedFacts } from '../../../dapp/riskGlue';
import { finding, toWarning } from '../../../risk/finding';
import { previewEvm } from '../../../previewServices';
import type { DappContext } from '../context';
import { connectedEvmAccounts, permittedAccount } from './accounts';
import {
  AtomicityNotSupportedError, BatchTooLargeError, CALLS_VERSION, MAX_BATCH_ID_LENGTH, MAX_CALLS, UnsupportedChainIdError,
  UnsupportedNonOptionalCapabilityError, addBatch, findBatch, DuplicateBatchIdError,
} from './callBatches';
import { withKey } from './sign';
import { broadcastSigned, chainPendingNonce, dappActivityRecord } from './dappTx';
import { arr } from './util';

const HEX_QTY = /^0x[0-9a-fA-F]+$/;
const HEX_BYTES = /^0x([0-9a-fA-F]{2})*$/;

/** Every capability the request names must be marked optional: this wallet supports none on wallet_sendCalls (5700). */
function checkCapabilities(caps: unknown, where: string): void {
  if (caps === undefined || caps === null) return;
  if (typeof caps !== 'object' || Array.isArray(caps)) throw new InvalidParamsError(`${where} capabilities must be an object.`);
  for (const [name, value] of Object.entries(caps)) {
    if ((value as { optional?: unknown } | null)?.optional !== true) {
      throw new UnsupportedNonOptionalCapabilityError(`The capability "${name.slice(0, 64)}" is not supported.`, { capability: name.slice(0, 64) });
    }
  }
}

export type ParsedCall = { to?: Address; value: bigint; data: Hex };
export type ParsedSendCalls = { from: unknown; chainId: number; id?: string; calls: ParsedCall[] };

/** The request's shape, before anything is read from the chain or storage. Throws the EIP-5792 code where one applies. */
export function parseSendCalls(params: unknown): ParsedSendCalls {
  const [req] = arr(params) as [Record<string, unknown>?];
  if (!req || typeof req !== 'object' || Array.isArray(req)) throw new InvalidParamsError('Expected a wallet_sendCalls request object.');
  if (req.version !== CALLS_VERSION) throw new InvalidParamsError(`Unsupported version: this wallet implements wallet_sendCalls version ${CALLS_VERSION}.`);
  if (typeof req.chainId !== 'string' || !HEX_QTY.test(req.chainId)) throw new InvalidParamsError('chainId must be a hexadecimal chain id.');
  if (typeof req.atomicRequired !== 'boolean') throw new InvalidParamsError('atomicRequired must be true or false.');
  if (req.atomicRequired) throw new AtomicityNotSupportedError('This wallet cannot execute calls atomically: it sends them one by one. Send with atomicRequired: false.');
  if (req.id !== undefined && (typeof req.id !== 'string' || req.id.length === 0 || req.id.length > MAX_BATCH_ID_LENGTH)) {
    throw new InvalidParamsError(`id must be a non-empty string of at most ${MAX_BATCH_ID_LENGTH} characters.`);
  }
  if (!Array.isArray(req.calls) || req.calls.length === 0) throw new InvalidParamsError('calls must be a non-empty array.');
  if (req.calls.length > MAX_CALLS) throw new BatchTooLargeError(`At most ${MAX_CALLS} calls per batch; this one has ${req.calls.length}.`, { max: MAX_CALLS });
  checkCapabilities(req.capabilities, 'The request');
  const calls = req.calls.map((c: unknown, i): ParsedCall => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new InvalidParamsError(`Call ${i + 1} must be an object.`);
    const { to, value, data, capabilities } = c as Record<string, unknown>;
    if (to !== undefined && to !== null && (typeof to !== 'string' || !isAddress(to, { strict: false }))) throw new InvalidParamsError(`Call ${i + 1}: invalid "to" address.`);
    if (value !== undefined && value !== null && (typeof value !== 'string' || !HEX_QTY.test(value))) throw new InvalidParamsError(`Call ${i + 1}: value must be a hexadecimal quantity.`);
    if (data !== undefined && data !== null && (typeof data !== 'string' || !HEX_BYTES.test(data))) throw new InvalidParamsError(`Call ${i + 1}: data must be 0x-prefixed hex bytes.`);
    checkCapabilities(capabilities, `Call ${i + 1}`);
    return { ...(to ? { to: getAddress(to as string) } : {}), value: value ? BigInt(value as string) : 0n, data: ((data as string | undefined) ?? '0x') as Hex };
  });
  return { from: req.from, chainId: Number(BigInt(req.chainId)), ...(req.id !== undefined ? { id: req.id as string } : {}), calls };
}

type Prepared = { gas: bigint; maxFeePerGas?: bigint; gasPrice?: bigint; maxPriorityFeePerGas?: bigint; type: string };
type CallView = { decoded: DecodedEvmTransaction; whatHappens: WhatHappensView; gas: string; maxFee: string; data: Hex };

const randomId = (): string => `0x${[...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;

export async function sendCalls(params: unknown, ctx: DappContext): Promise<{ id: string }> {
  const req = parseSendCalls(params);
  const from = req.from === undefined || req.from === null ? (await connectedEvmAccounts(ctx))[0] : await permittedAccount(ctx, req.from);
  if (!from) throw new InvalidParamsError('No account to send from.');
  const network = await ctx.networks.evm();
  if (req.chainId !== network.chainId) {
    throw new UnsupportedChainIdError(`These calls are for chain ${req.chainId}; the wallet is on ${network.name} (${network.chainId}). Switch networks first.`,
      { chainId: `0x${req.chainId.toString(16)}`, current: `0x${network.chainId.toString(16)}` });
  }
  if (req.id !== undefined && (await findBatch(ctx.local, ctx.origin, req.id))) throw new DuplicateBatchIdError('A batch with this id was already sent from this site.');

  const transport = ctx.networks.transport(network);
  const client = createPublicClient({ transport: custom({ request: ({ method, params: p }) => transport.request(method, p as unknown[]) }, { retryCount: 0 }) });
  const chain = { id: network.chainId, name: network.name, nativeCurrency: network.nativeCurrency, rpcUrls: { default: { http: network.rpcUrls } } };
  // Fees and gas per call, estimated on the current state (as eth_sendTransaction does for one).
  const prepared: Prepared[] = [];
  for (const c of req.calls) {
    prepared.push(await client.prepareTransactionRequest({
      account: from, chain, to: c.to, value: c.value, data: c.data, parameters: ['fees', 'gas', 'type'],
    } as never) as unknown as Prepared);
  }
  const l1Calls = req.calls.map((c) => l1FeeCall(network.chainId, { to: c.to, value: c.value, data: c.data }));
  const [balOut, ...l1Outs] = await transport.batch([{ method: 'eth_getBalance', params: [from, 'latest'] }, ...l1Calls.filter((x) => x !== null)]);
  const l1Fees = l1Calls.map((call, i) => {
    if (!call) return 0n;
    const out = l1Outs[l1Calls.slice(0, i).filter((x) => x !== null).length];
    const fee = out?.ok ? l1FeeFromResult(out.result) : null;
    if (fee === null) throw new SimulationFailedError('Cannot read the L1 data fee of this network.');
    return withL1Margin(fee);
  });
  const balance = balOut?.ok && typeof balOut.result === 'string' ? BigInt(balOut.result) : null;
  const base = { ...(await storedFacts(ctx, { networkId: network.id, address: from })), evmChainId: network.chainId };
  const decodeCtx = { chainId: network.chainId, nativeSymbol: network.nativeCurrency.symbol };
  const sym = network.nativeCurrency.symbol;

  const views: CallView[] = [];
  const warnings: Warning[] = [];
  const simulators: Array<() => Promise<WhatHappensView>> = [];
  for (const [i, c] of req.calls.entries()) {
    const p = prepared[i]!;
    const riskInput = { tx: { from, ...(c.to ? { to: c.to } : {}), value: c.value.toString(), data: c.data } };
    const facts = await evmFactsFor(ctx, transport, 'evm-transaction', riskInput, base);
    const input = { from, ...(c.to ? { to: c.to } : {}), value: c.value.toString(), data: c.data };
    let decoded = decodeEvmTransaction(input, decodeCtx);
    if (c.to && (decoded.kind === 'erc20-transfer' || decoded.kind === 'erc20-approve')) {
      const token = await readEvmToken(transport, c.to).catch(() => null);
      if (token) decoded = decodeEvmTransaction(input, { ...decodeCtx, knownTokens: { [c.to.toLowerCase()]: token } });
    }
    // Refusals (a rule that refuses) throw here, before any window.
    for (const w of riskWarnings('evm-transaction', riskInput, facts, evmTransactionWarnings(decoded)).warnings) {
      warnings.push({ ...w, message: `Call ${i + 1}: ${w.message}` });
    }
    const simulate = () => previewEvm(transport, { from, ...(c.to ? { to: c.to } : {}), value: c.value, data: c.data, gas: p.gas, chainId: network.chainId },
      { accounts: facts.ownAccounts ?? [from], nativeSymbol: sym });
    simulators.push(simulate);
    // One at a time: the in-worker EVM is CPU work, and each preview has its own time budget.
    const whatHappens = await simulate();
    const maxFee = p.gas * (p.maxFeePerGas ?? p.gasPrice ?? 0n) + l1Fees[i]!;
    views.push({ decoded, whatHappens, gas: p.gas.toString(), maxFee: maxFee.toString(), data: c.data });
  }
  const totalValue = req.calls.reduce((s, c) => s + c.value, 0n);
  const totalFee = views.reduce((s, v) => s + BigInt(v.maxFee), 0n);
  if (balance !== null && balance < totalValue + totalFee) {
    warnings.unshift({ level: 'danger', code: 'insufficient-funds', message: `This account cannot pay the amounts plus the network fees (${sym}); the network will refuse some of the calls.` });
  }
  const view: Asked = {
    origin: ctx.origin, family: 'evm', kind: 'send-calls', network: { id: network.id, name: network.name }, account: from,
    details: {
      calls: views, previewEach: true, value: totalValue.toString(), maxFee: totalFee.toString(), total: (totalValue + totalFee).toString(),
      nativeSymbol: sym, nativeDecimals: network.nativeCurrency.decimals,
    },
    warnings, createdAt: ctx.now(),
  };
  const blockNumber = async () => BigInt(await transport.request<string>('eth_blockNumber', []));
  await requireApproved(ctx, view, {
    // On Confirm: a newer block that changes what any call does shows the new results and asks again.
    recheck: async (shown) => {
      const was = (shown.details as { calls: CallView[] }).calls;
      const fresh = await Promise.all(was.map((v, i) => changedPreview(v.whatHappens, { blockNumber, preview: simulators[i]! })));
      if (fresh.every((f) => f === null)) return null;
      const at = fresh.find((f) => f !== null)!.at;
      const wasAt = was.find((v) => v.whatHappens.simulated)?.whatHappens;
      const notice = toWarning(finding('preview-changed', { at, was: wasAt?.simulated ? wasAt.at : '' }));
      return {
        ...shown,
        details: { ...shown.details, calls: was.map((v, i) => (fresh[i] ? { ...v, whatHappens: fresh[i] } : v)) },
        warnings: [notice, ...shown.warnings.filter((w) => w.code !== 'preview-changed')],
      };
    },
  });

  const id = req.id ?? randomId();
  // Nonces after the approval, through the chain's shared tracker, reserved in one turn: consecutive unless another
  // send holds one in between (then still in call order).
  const tracker = ctx.nonces.for(network.chainId);
  const pending = await chainPendingNonce(ctx, transport, network.id, from);
  const nonces = req.calls.map(() => tracker.reserve(from, pending));
  const releaseFrom = (k: number) => { for (const n of nonces.slice(k)) tracker.release(from, n); };
  let signed: Hex[];
  try {
    signed = await withKey(ctx, from, async (a) => {
      const out: Hex[] = [];
      for (const [i, c] of req.calls.entries()) {
        out.push(await a.signTransaction({ ...(prepared[i] as object), chainId: network.chainId, nonce: nonces[i], to: c.to, value: c.value, data: c.data } as never));
      }
      return out;
    });
  } catch (e) {
    releaseFrom(0);
    throw e;
  }
  const hashes: Hex[] = [];
  for (const [i, raw] of signed.entries()) {
    const c = req.calls[i]!;
    // Recorded in Activity before it is sent, as eth_sendTransaction does.
    const record = dappActivityRecord({ hash: keccak256(raw), raw, nonce: nonces[i]!, from, to: c.to, value: c.value, maxFee: BigInt(views[i]!.maxFee), decoded: views[i]!.decoded, network, origin: ctx.origin, at: ctx.now() });
    await ctx.activity?.recordSent(record);
    try {
      const { hash, delivered } = await broadcastSigned(transport, raw);
      tracker.commit(from, nonces[i]!);
      if (!delivered) await ctx.activity?.markUnconfirmed(record.networkId, from, hash);
      hashes.push(hash);
    } catch (e) {
      // Refused: this call and the later ones are not sent (their nonces would leave a gap).
      releaseFrom(i);
      await ctx.activity?.forget(record);
      if (i === 0) throw e;
      break;
    }
  }
  await addBatch(ctx.local, { origin: ctx.origin, id, chainId: network.chainId, networkId: network.id, from, hashes, calls: req.calls.length, createdAt: ctx.now() });
  return { id };
}
