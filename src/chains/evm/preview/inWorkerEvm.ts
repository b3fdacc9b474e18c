/**
 * Path B: the transaction runs in @ethereumjs/vm inside the worker, on the state of the pinned block fetched lazily
 * through the RpcTransport. It runs unsigned (the sender is impersonated), with the nonce check skipped and at gas
 * price 0 on a block whose base fee is 0, so balances move by value transfers only; `gasUsed` is the real figure.
 */
import { Hardfork, Mainnet, createCustomCommon, type Common } from '@ethereumjs/common';
import { createBlock, type Block } from '@ethereumjs/block';
import { createFeeMarket1559Tx, createLegacyTx } from '@ethereumjs/tx';
import { bytesToHex, createAddressFromString, hexToBytes, type Address as EjsAddress } from '@ethereumjs/util';
import { createVM, runTx } from '@ethereumjs/vm';
import { encodeFunctionData, erc20Abi, getAddress, type Address, type Hex } from 'viem';
import type { RpcCall, RpcOutcome, RpcTransport } from '../../rpcTransport';
import { balanceKey } from './buildPreview';
import { blockTag } from './pinBlock';
import { PreviewAborted, TransportStateManager, type StateFetchGuard } from './transportStateManager';
import type { BalancePair, EvmPreviewInput, Execution, PinnedBlock, RawLog } from './types';

/** EIP-7825 (Osaka): no transaction may carry more gas. */
const OSAKA_TX_GAS_CAP = 1n << 24n;
const BALANCE_READ_GAS = 1_000_000n;

export function hardforkOf(p: PinnedBlock): Hardfork {
  if (p.hasRequests) return Hardfork.Osaka;
  if (p.hasBlobGas) return Hardfork.Cancun;
  if (p.hasWithdrawals) return Hardfork.Shanghai;
  if (p.baseFeePerGas !== undefined) return Hardfork.London;
  return Hardfork.Berlin;
}

/** The block the transaction would land in: the next one after the pinned block, base fee 0. */
function nextBlock(p: PinnedBlock, common: Common): Block {
  const london = p.baseFeePerGas !== undefined;
  return createBlock({
    header: {
      parentHash: hexToBytes(p.hash), number: p.number + 1n, timestamp: p.timestamp + 12n, gasLimit: p.gasLimit,
      coinbase: createAddressFromString(p.miner), mixHash: hexToBytes(p.mixHash), difficulty: 0n,
      ...(london ? { baseFeePerGas: 0n } : {}),
      ...(p.hasBlobGas ? { excessBlobGas: 0n, blobGasUsed: 0n, parentBeaconBlockRoot: new Uint8Array(32) } : {}),
    },
  }, { common, skipConsensusFormatValidation: true });
}

const toRawLog = ([address, topics, data]: [Uint8Array, Uint8Array[], Uint8Array]): RawLog => ({
  address: bytesToHex(address) as Address, topics: topics.map((t) => bytesToHex(t) as Hex), data: bytesToHex(data) as Hex,
});

const balanceOfData = (account: Address) => encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [account] });
const balanceOfCall = (p: { token: Address; account: Address }, pinned: PinnedBlock): RpcCall =>
  ({ method: 'eth_call', params: [{ to: p.token, data: balanceOfData(p.account) }, blockTag(pinned)] });
const wordOf = (r: RpcOutcome | undefined): bigint | null => (r?.ok && typeof r.result === 'string' && r.result.length === 66 ? BigInt(r.result) : null);
const pairsOf = (tokens: readonly Address[], accounts: readonly Address[]) => tokens.flatMap((token) => accounts.map((account) => ({ token, account })));

export interface InWorkerEvmOptions {
  transport: RpcTransport;
  pinned: PinnedBlock;
  chainId: number;
  accounts: readonly Address[];
  guard: StateFetchGuard;
  /** True once the deadline has passed (checked every 256 EVM steps, so a tight loop stops too). */
  expired: () => boolean;
}

export async function executeInWorkerEvm(input: EvmPreviewInput, o: InWorkerEvmOptions): Promise<Execution> {
  const hardfork = hardforkOf(o.pinned);
  const common = createCustomCommon({ chainId: o.chainId }, Mainnet, { hardfork });
  const state = new TransportStateManager({ transport: o.transport, blockNumber: o.pinned.number, common, guard: o.guard });
  const vm = await createVM({ common, stateManager: state });
  let steps = 0;
  vm.evm.events?.on('step', () => {
    if (++steps % 256 === 0 && o.expired()) throw new PreviewAborted('time budget spent');
  });
  const block = nextBlock(o.pinned, common);
  const from = createAddressFromString(input.from);
  const to = input.to ? createAddressFromString(input.to) : undefined;
  const own = o.accounts.map((a) => createAddressFromString(a));
  // One batch: the accounts the run needs first (sender, recipient, own accounts, the coinbase it pays) and the
  // pre-balances of `to` as a token, read speculatively like path A does.
  const speculative = input.to ? [getAddress(input.to)] : [];
  const preReads = pairsOf(speculative, o.accounts);
  const preOut = await state.prefetch([from, ...(to ? [to] : []), ...own, block.header.coinbase], preReads.map((p) => balanceOfCall(p, o.pinned)));
  const preBalances = new Map(preReads.map((p, i) => [balanceKey(p.token, p.account), wordOf(preOut[i])]));
  const balanceOf = async (a: EjsAddress) => (await state.getAccount(a))?.balance ?? 0n;
  const before = await Promise.all(own.map(balanceOf));

  const cap = hardfork === Hardfork.Osaka && o.pinned.gasLimit > OSAKA_TX_GAS_CAP ? OSAKA_TX_GAS_CAP : o.pinned.gasLimit;
  const txData = { to, value: input.value, data: hexToBytes(input.data), gasLimit: input.gas ?? cap, nonce: 0n };
  const tx = o.pinned.baseFeePerGas !== undefined
    ? createFeeMarket1559Tx({ ...txData, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n, chainId: BigInt(o.chainId) }, { common, freeze: false })
    : createLegacyTx({ ...txData, gasPrice: 0n }, { common, freeze: false });
  // Unsigned: the VM asks the transaction for its sender, which is the account the user is about to sign with.
  Object.defineProperty(tx, 'getSenderAddress', { value: () => from });
  const result = await runTx(vm, { tx, block, skipNonce: true, skipBlockGasLimitValidation: true, skipHardForkValidation: true })
    .catch((e: unknown) => {
      // The VM refused the transaction itself (e.g. the sender cannot pay the value); cut its block/tx dump.
      if (e instanceof Error && !(e instanceof PreviewAborted)) throw new Error(e.message.replace(/ \(vm hf=[\s\S]*$/, ''));
      throw e;
    });

  const after = await Promise.all(own.map(balanceOf));
  const native = new Map(o.accounts.map((a, i) => [a.toLowerCase(), { before: before[i] as bigint, after: after[i] as bigint }]));
  const exception = result.execResult.exceptionError;
  return {
    success: exception === undefined,
    returnData: bytesToHex(result.execResult.returnValue) as Hex,
    ...(exception && exception.error !== 'revert' ? { error: exception.error } : {}),
    gasUsed: result.totalGasSpent,
    logs: (result.execResult.logs ?? []).map(toRawLog),
    native,
    async tokenBalances(tokens) {
      const pairs = pairsOf(tokens, o.accounts);
      const missing = pairs.filter((p) => !preBalances.has(balanceKey(p.token, p.account)));
      if (missing.length > 0) {
        o.guard.check();
        const more = await o.transport.batch(missing.map((p) => balanceOfCall(p, o.pinned)));
        missing.forEach((p, i) => preBalances.set(balanceKey(p.token, p.account), wordOf(more[i])));
      }
      const out = new Map<string, BalancePair>();
      for (const p of pairs) {
        const post = await vm.evm.runCall({ caller: from, to: createAddressFromString(p.token), data: hexToBytes(balanceOfData(p.account)), gasLimit: BALANCE_READ_GAS, isStatic: true, block });
        const ok = post.execResult.exceptionError === undefined && post.execResult.returnValue.length === 32;
        out.set(balanceKey(p.token, p.account), { before: preBalances.get(balanceKey(p.token, p.account)) ?? null, after: ok ? BigInt(bytesToHex(post.execResult.returnValue)) : null });
      }
      return out;
    },
  };
}
