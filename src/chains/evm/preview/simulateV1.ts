/**
 * Path A: the node simulates with eth_simulateV1 (traceTransfers, validation off) on the pinned block. One simulated
 * block holds [balance reads, the transaction, the same reads]; the reads go through a probe contract placed by a
 * state override, which answers BALANCE(account) or STATICCALLs token.balanceOf(account), so a read can never change
 * state. ERC-20s named by the transaction's Transfer logs and not read speculatively (the `to` address is) cost one
 * more simulation.
 */
import { getAddress, type Address, type Hex } from 'viem';
import { RpcResponseError } from '../../errors';
import type { RpcTransport } from '../../rpcTransport';
import { balanceKey } from './buildPreview';
import { blockTag } from './pinBlock';
import { isMethodUnsupported } from './simulateV1Memo';
import type { BalancePair, EvmPreviewInput, Execution, PinnedBlock, RawLog } from './types';

/** The node answered that it has no eth_simulateV1. */
export class SimulateV1Unsupported extends Error {}

/** Address of the probe ("Meridian" in ASCII): a state override puts PROBE_CODE there for the simulation only. */
export const PROBE_ADDRESS = '0x0000000000000000000000004d6572696469616e' as const;
/**
 * Calldata: token (32 bytes) ++ account (32 bytes). token == 0: returns BALANCE(account); otherwise STATICCALLs
 * token.balanceOf(account) with 1,000,000 gas and returns its 32-byte answer, reverting on failure or another size.
 * Hand-assembled (offsets in hex): 00 PUSH1 20 CALLDATALOAD DUP1 PUSH1 0 CALLDATALOAD DUP1 ISZERO PUSH1 3f JUMPI
 * 0c PUSH4 70a08231 PUSH1 e0 SHL PUSH1 0 MSTORE SWAP1 PUSH1 4 MSTORE PUSH1 20 PUSH1 0 PUSH1 24 PUSH1 0 DUP5
 * PUSH3 0f4240 STATICCALL ISZERO PUSH1 3a JUMPI RETURNDATASIZE PUSH1 20 EQ ISZERO PUSH1 3a JUMPI PUSH1 20 PUSH1 0
 * RETURN 3a JUMPDEST PUSH1 0 DUP1 REVERT 3f JUMPDEST POP BALANCE PUSH1 0 MSTORE PUSH1 20 PUSH1 0 RETURN
 */
export const PROBE_CODE: Hex =
  '0x602035806000358015603f576370a0823160e01b60005290600452602060006024600084620f4240fa15603a573d60201415603a5760206000f35b600080fd5b503160005260206000f3';

const ETH_TRANSFER_LOG_ADDRESS = '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
const word = (a: string) => a.slice(2).toLowerCase().padStart(64, '0');
const probeCall = (token: string, account: string) => ({ to: PROBE_ADDRESS, data: `0x${word(token)}${word(account)}` });

interface SimCall { status?: string; returnData?: Hex; gasUsed?: string; logs?: RawLog[]; error?: { code?: number; message?: string } }
interface SimBlock { calls?: SimCall[] }

const readWord = (c: SimCall | undefined): bigint | null =>
  c?.status === '0x1' && typeof c.returnData === 'string' && c.returnData.length === 66 ? BigInt(c.returnData) : null;

/**
 * Words for a failure without revert data. Nodes differ: geth names the cause ("out of gas", "invalid opcode: ..."),
 * anvil answers "execution failed" for every failure; a failure that burnt the whole gas limit is then told apart
 * from a bare REVERT by its gas.
 */
function failureWords(message: string | undefined, allGasUsed: boolean): { error?: string } {
  if (message && !/^(execution (failed|reverted)|reverted?)$/i.test(message.trim())) return { error: message };
  return allGasUsed ? { error: 'out of gas or invalid instruction (all gas used)' } : {};
}

export interface SimulateV1Options { transport: RpcTransport; pinned: PinnedBlock; accounts: readonly Address[]; guard: { check(): void } }

export async function executeWithSimulateV1(input: EvmPreviewInput, o: SimulateV1Options): Promise<Execution> {
  const london = o.pinned.baseFeePerGas !== undefined;
  const txCall = {
    from: input.from, ...(input.to ? { to: input.to } : {}), value: `0x${input.value.toString(16)}`, data: input.data,
    ...(input.gas !== undefined ? { gas: `0x${input.gas.toString(16)}` } : {}),
    ...(london ? { maxFeePerGas: '0x0', maxPriorityFeePerGas: '0x0' } : { gasPrice: '0x0' }),
  };
  /** Simulates reads(pre) + tx + reads(post); `reads` are [token, account] pairs, token 0 for native. */
  const simulate = async (reads: Array<[string, string]>): Promise<{ tx: SimCall; pre: SimCall[]; post: SimCall[] }> => {
    const probes = reads.map(([t, a]) => probeCall(t, a));
    const params = [{
      blockStateCalls: [{ stateOverrides: { [PROBE_ADDRESS]: { code: PROBE_CODE } }, calls: [...probes, txCall, ...probes] }],
      traceTransfers: true, validation: false,
    }, blockTag(o.pinned)];
    o.guard.check();
    let blocks: SimBlock[];
    try {
      blocks = await o.transport.request<SimBlock[]>('eth_simulateV1', params);
    } catch (e) {
      const data = e instanceof RpcResponseError ? e.data as { rpcCode?: number } | undefined : undefined;
      const rpcMessage = e instanceof Error ? e.message.replace(/^eth_simulateV1: /, '') : '';
      if (e instanceof RpcResponseError && isMethodUnsupported({ code: data?.rpcCode, message: rpcMessage })) throw new SimulateV1Unsupported(rpcMessage);
      throw e;
    }
    o.guard.check();
    const calls = blocks?.[0]?.calls;
    if (!Array.isArray(calls) || calls.length !== 2 * reads.length + 1) throw new Error(`eth_simulateV1 answered ${calls?.length ?? 'no'} call results, expected ${2 * reads.length + 1}`);
    return { pre: calls.slice(0, reads.length), tx: calls[reads.length] as SimCall, post: calls.slice(reads.length + 1) };
  };

  const zero = '0x0000000000000000000000000000000000000000';
  const speculative = input.to ? [getAddress(input.to)] : [];
  const pairsOf = (tokens: readonly string[]) => tokens.flatMap((t) => o.accounts.map((a) => [t, a] as [string, string]));
  const first = await simulate([...o.accounts.map((a) => [zero, a] as [string, string]), ...pairsOf(speculative)]);
  const native = new Map<string, { before: bigint; after: bigint }>();
  o.accounts.forEach((a, i) => {
    const before = readWord(first.pre[i]);
    const after = readWord(first.post[i]);
    if (before === null || after === null) throw new Error('eth_simulateV1: the balance probe failed');
    native.set(a.toLowerCase(), { before, after });
  });
  const known = new Map<string, BalancePair>();
  pairsOf(speculative).forEach(([t, a], j) => {
    const i = o.accounts.length + j;
    known.set(balanceKey(t, a), { before: readWord(first.pre[i]), after: readWord(first.post[i]) });
  });
  const tx = first.tx;
  const success = tx.status === '0x1';
  const returnData = (tx.returnData ?? '0x').toLowerCase() as Hex;
  const gasUsed = BigInt(tx.gasUsed ?? '0x0');
  return {
    success,
    returnData,
    ...(!success && returnData === '0x' ? failureWords(tx.error?.message, gasUsed === (input.gas ?? o.pinned.gasLimit)) : {}),
    gasUsed,
    logs: (tx.logs ?? []).filter((l) => l.address.toLowerCase() !== ETH_TRANSFER_LOG_ADDRESS)
      .map((l) => ({ address: l.address.toLowerCase() as Address, topics: l.topics.map((t) => t.toLowerCase() as Hex), data: l.data.toLowerCase() as Hex })),
    native,
    async tokenBalances(tokens) {
      const missing = tokens.filter((t) => o.accounts.some((a) => !known.has(balanceKey(t, a))));
      if (missing.length > 0) {
        const pairs = pairsOf(missing);
        const more = await simulate(pairs);
        pairs.forEach(([t, a], i) => known.set(balanceKey(t, a), { before: readWord(more.pre[i]), after: readWord(more.post[i]) }));
      }
      return known;
    },
  };
}
