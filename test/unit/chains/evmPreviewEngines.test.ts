// previewEvmTransaction in Node with recorded RPC answers: eth_simulateV1 (anvil's answer) and the in-worker EVM over a
// scripted chain (Hardhat's block, the real DemoToken runtime code), probe memo, time budget, failures.
import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, encodeFunctionData, erc20Abi, keccak256, type Address, type Hex } from 'viem';
import compiled from '../../../scripts/chains/contracts/compiled.json';
import { RpcUnavailableError } from '../../../src/chains/errors';
import { createSimulateV1Memo, previewEvmTransaction, type EvmPreviewDeps } from '../../../src/chains/evm/preview';
import { PROBE_ADDRESS, PROBE_CODE } from '../../../src/chains/evm/preview/simulateV1';
import { unwrap, type RpcCall, type RpcOutcome, type RpcTransport } from '../../../src/chains/rpcTransport';

const ME: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const OTHER: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const MUSD: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const LOOP: Address = '0x000000000000000000000000000000000000100F';
const ETH = 10n ** 18n;
const transfer = (amount: bigint) => ({ from: ME, to: MUSD, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [OTHER, amount] }), chainId: 31337 });
const known = { [MUSD.toLowerCase()]: { symbol: 'mUSD', decimals: 6 } };
const MUSD_CHANGE = { kind: 'erc20', account: ME, token: MUSD, delta: -5_000_000n, before: 1_000_000_000_000n, after: 999_995_000_000n, symbol: 'mUSD', decimals: 6 };

// Recorded latest blocks (fields the preview reads).
const ANVIL_BLOCK = { hash: '0x9765ef047965ce331da5ad35658f27690792bc4424285fa6ef40b39615193fcb', miner: '0x0000000000000000000000000000000000000000', number: '0x2', gasLimit: '0x1c9c380', timestamp: '0x6b105db0', mixHash: '0x42d433e2d20ad2abe80f17301e3390108337feb006bd00d953e6e84e9d2627a8', baseFeePerGas: '0x348afafa', withdrawalsRoot: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421', blobGasUsed: '0x0', excessBlobGas: '0x0', requestsHash: '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' };
const HARDHAT_BLOCK = { hash: '0x3c626967a01aee6ff31263330a7e844ead580296d9b7c3e3e4f67e93df935ac8', number: '0x2', gasLimit: '0x3938700', timestamp: '0x6b105db3', mixHash: '0x36e0e2ad178d961006334c968a7f38fc9e049070a61e5b8203219acebd7bfd59', baseFeePerGas: '0x2dce0f22', miner: '0xc014ba5ec014ba5ec014ba5ec014ba5ec014ba5e', withdrawalsRoot: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421', blobGasUsed: '0x0', excessBlobGas: '0x0', requestsHash: '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' };
const w = (n: bigint): Hex => encodeAbiParameters([{ type: 'uint256' }], [n]);
// Recorded from anvil: eth_simulateV1 of [BALANCE(ME), mUSD.balanceOf(ME), transfer(OTHER, 5 mUSD), same reads].
const TRANSFER_LOG = { address: '0x5fbdb2315678afecb367f032d93f642f64180aa3', topics: ['0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef', '0x00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8', '0x0000000000000000000000003c44cdddb6a900fa2b585dd299e03d12fa4293bc'], data: '0x00000000000000000000000000000000000000000000000000000000004c4b40' };
const ANVIL_CALLS = [
  { returnData: '0x00000000000000000000000000000000000000000000021e19e0c9bab2400000', logs: [], gasUsed: '0x5e54', status: '0x1' },
  { returnData: '0x000000000000000000000000000000000000000000000000000000e8d4a51000', logs: [], gasUsed: '0x697d', status: '0x1' },
  { returnData: '0x0000000000000000000000000000000000000000000000000000000000000001', logs: [TRANSFER_LOG], gasUsed: '0x864b', status: '0x1' },
  { returnData: '0x00000000000000000000000000000000000000000000021e19e0c9bab2400000', logs: [], gasUsed: '0x5e54', status: '0x1' },
  { returnData: '0x000000000000000000000000000000000000000000000000000000e8d458c4c0', logs: [], gasUsed: '0x697d', status: '0x1' },
];

type Handler = (call: RpcCall) => unknown;
/** A transport answering from `handler` (throw `{ code, message }` for a JSON-RPC error); records every batch. */
function scripted(handler: Handler): RpcTransport & { batches: string[][]; params: unknown[][] } {
  const batches: string[][] = [];
  const params: unknown[][] = [];
  const batch = async (calls: readonly RpcCall[]): Promise<RpcOutcome[]> => {
    batches.push(calls.map((c) => c.method));
    params.push(calls.map((c) => c.params));
    return calls.map((c) => {
      try {
        return { ok: true, result: handler(c) };
      } catch (e) {
        const err = e as { code?: number; message: string };
        return { ok: false, error: { code: err.code ?? -32000, message: err.message } };
      }
    });
  };
  return { urls: ['https://rpc.example/v3/secret-key'], batches, params, batch, backoffState: () => ({}),
    async request<T>(method: string, p: unknown[] = []) { return unwrap<T>((await batch([{ method, params: p }]))[0], method); } };
}

/** Hardhat-like node without eth_simulateV1: ME with 10,000 ETH, DemoToken (balances in slot 3 of its layout). */
function hardhatLike(extraCode: Record<string, Hex> = {}): Handler {
  const slot = (who: Address) => keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [who, 3n]));
  const storage = new Map<string, bigint>([[slot(ME), 1_000_000_000_000n], [slot(OTHER), 1_000_000_000_000n]]);
  const code: Record<string, Hex> = { [MUSD.toLowerCase()]: compiled.contracts.DemoToken.deployedBytecode as Hex, ...extraCode };
  return ({ method, params = [] }) => {
    const [a, b] = params as [string, string];
    if (method === 'eth_getBlockByNumber') return HARDHAT_BLOCK;
    if (method === 'eth_simulateV1') throw { code: -32004, message: 'Method eth_simulateV1 is not supported' };
    if (method === 'eth_getBalance') return a.toLowerCase() === ME.toLowerCase() ? `0x${(10_000n * ETH).toString(16)}` : '0x0';
    if (method === 'eth_getTransactionCount') return a.toLowerCase() === MUSD.toLowerCase() ? '0x1' : '0x0';
    if (method === 'eth_getCode') return code[a.toLowerCase()] ?? '0x';
    if (method === 'eth_getStorageAt') return w(a.toLowerCase() === MUSD.toLowerCase() ? storage.get(b) ?? 0n : 0n);
    if (method === 'eth_call') return w(storage.get(slot(`0x${(a as unknown as { data: string }).data.slice(-40)}`)) ?? 0n);
    throw new Error(`unexpected ${method}`);
  };
}

const deps = (transport: RpcTransport, over: Partial<EvmPreviewDeps> = {}): EvmPreviewDeps =>
  ({ transport, now: () => 0, simulateV1Support: createSimulateV1Memo(), accounts: [ME], knownTokens: known, schedule: () => () => {}, ...over });

describe('previewEvmTransaction: eth_simulateV1 (recorded anvil answer)', () => {
  const anvil = (calls: unknown[] = ANVIL_CALLS) => scripted(({ method }) => (method === 'eth_getBlockByNumber' ? ANVIL_BLOCK : [{ ...ANVIL_BLOCK, calls }]));

  it('an ERC-20 transfer: exact balance change and gas, one pinned block, two requests', async () => {
    const t = anvil();
    const memo = createSimulateV1Memo();
    const p = await previewEvmTransaction(transfer(5_000_000n), deps(t, { simulateV1Support: memo }));
    expect(p).toEqual({ status: 'simulated', block: 2n, blockHash: ANVIL_BLOCK.hash, engine: 'eth_simulateV1', rpcHost: 'rpc.example', gasUsed: 34_379n, changes: [MUSD_CHANGE], approvals: [] });
    expect(t.batches).toEqual([['eth_getBlockByNumber'], ['eth_simulateV1']]);
    const [opts, tag] = t.params[1]?.[0] as [{ blockStateCalls: { stateOverrides: unknown; calls: { to?: string; data: string; from?: string }[] }[]; traceTransfers: boolean; validation: boolean }, string];
    expect(tag).toBe('0x2');
    expect([opts.traceTransfers, opts.validation]).toEqual([true, false]);
    expect(opts.blockStateCalls[0]?.stateOverrides).toEqual({ [PROBE_ADDRESS]: { code: PROBE_CODE } });
    expect(opts.blockStateCalls[0]?.calls.map((c) => c.to)).toEqual([PROBE_ADDRESS, PROBE_ADDRESS, MUSD, PROBE_ADDRESS, PROBE_ADDRESS]);
    expect(await memo.get('https://rpc.example/v3/secret-key')).toBe(true);
  });

  it('a failed token read falls back to the Transfer logs (no before/after)', async () => {
    const calls = ANVIL_CALLS.map((c, i) => (i === 4 ? { ...c, status: '0x0', returnData: '0x' } : c));
    const p = await previewEvmTransaction(transfer(5_000_000n), deps(anvil(calls)));
    expect(p.status === 'simulated' && p.changes).toEqual([{ kind: 'erc20', account: ME, token: MUSD, delta: -5_000_000n, symbol: 'mUSD', decimals: 6 }]);
  });

  it('a failure without revert data: anvil\'s generic words are replaced by what the gas tells', async () => {
    const failed = (gasUsed: string) => ANVIL_CALLS.map((c, i) => (i === 2 ? { returnData: '0x', logs: [], gasUsed, status: '0x0', error: { code: -3200, message: 'execution failed' } } : c));
    const bare = await previewEvmTransaction(transfer(5_000_000n), deps(anvil(failed('0x5235'))));
    expect(bare.status === 'simulated' && bare.reverted).toEqual({ kind: 'unknown', reason: 'reverted without a reason', data: '0x' });
    const burnt = await previewEvmTransaction({ ...transfer(5_000_000n), gas: 30_000n }, deps(anvil(failed('0x7530'))));
    expect(burnt.status === 'simulated' && burnt.reverted).toEqual({ kind: 'unknown', reason: 'out of gas or invalid instruction (all gas used)', data: '0x' });
  });

  it('a request the node refuses (not "unsupported") is run by the in-worker EVM, and the memo keeps "supported"', async () => {
    const memo = createSimulateV1Memo();
    await memo.set('https://rpc.example/v3/secret-key', true);
    const node = hardhatLike();
    const t = scripted((c) => {
      if (c.method === 'eth_simulateV1') throw { code: -32602, message: 'Invalid transaction request: eip1559 transaction can\'t be built due to missing keys: ["to"]' };
      return node(c);
    });
    const p = await previewEvmTransaction(transfer(5_000_000n), deps(t, { simulateV1Support: memo }));
    expect(p.status === 'simulated' && [p.engine, p.changes]).toEqual(['in-worker-evm', [MUSD_CHANGE]]);
    expect(await memo.get('https://rpc.example/v3/secret-key')).toBe(true);
  });

  it('an answer of the wrong shape is "not simulated", never an empty result', async () => {
    const p = await previewEvmTransaction(transfer(5_000_000n), deps(anvil(ANVIL_CALLS.slice(0, 1))));
    expect(p).toEqual({ status: 'not-simulated', reason: 'eth_simulateV1 failed: eth_simulateV1 answered 1 call results, expected 5' });
  });
});

describe('previewEvmTransaction: in-worker EVM over a node without eth_simulateV1', () => {
  it('an ERC-20 transfer gives the same change and gas as the node; the probe runs once per RPC URL', async () => {
    const memo = createSimulateV1Memo();
    const t1 = scripted(hardhatLike());
    const p = await previewEvmTransaction(transfer(5_000_000n), deps(t1, { simulateV1Support: memo }));
    expect(p).toEqual({ status: 'simulated', block: 2n, blockHash: HARDHAT_BLOCK.hash, engine: 'in-worker-evm', rpcHost: 'rpc.example', gasUsed: 34_379n, changes: [MUSD_CHANGE], approvals: [] });
    expect(t1.batches.map((b) => b[0])).toEqual(['eth_getBlockByNumber', 'eth_simulateV1', 'eth_getBalance', 'eth_getStorageAt', 'eth_getStorageAt']);
    expect(await memo.get('https://rpc.example/v3/secret-key')).toBe(false);
    const t2 = scripted(hardhatLike());
    await previewEvmTransaction(transfer(5_000_000n), deps(t2, { simulateV1Support: memo }));
    expect(t2.batches.flat()).not.toContain('eth_simulateV1');
    expect(t2.batches).toHaveLength(4);
  });

  it('an ETH transfer between own accounts: value only, gas reported apart', async () => {
    const p = await previewEvmTransaction({ from: ME, to: OTHER, value: ETH, data: '0x', chainId: 31337 }, deps(scripted(hardhatLike()), { accounts: [ME, OTHER] }));
    expect(p.status === 'simulated' && [p.gasUsed, p.changes]).toEqual([21_000n, [
      { kind: 'native', account: ME, before: 10_000n * ETH, after: 9_999n * ETH, delta: -ETH },
      { kind: 'native', account: OTHER, before: 0n, after: ETH, delta: ETH },
    ]]);
  });

  it('a revert gives the exact reason and no changes', async () => {
    const p = await previewEvmTransaction(transfer(10n ** 30n), deps(scripted(hardhatLike())));
    expect(p.status === 'simulated' && [p.changes, p.approvals, p.reverted?.kind, p.reverted?.reason]).toEqual([[], [], 'Error', 'ERC20: transfer amount exceeds balance']);
  });

  it('a sender that cannot pay the value: "not simulated" with the VM\'s reason, without its block dump', async () => {
    const p = await previewEvmTransaction({ from: OTHER, to: ME, value: 1n, data: '0x', chainId: 31337 }, deps(scripted(hardhatLike())));
    expect(p).toEqual({ status: 'not-simulated', reason: `the in-worker EVM failed: sender doesn't have enough funds to send tx. The upfront cost is: 1 and the sender's account (${OTHER.toLowerCase()}) only has: 0` });
  });

  it('a contract that loops is stopped by the time budget (clock checked inside the EVM)', async () => {
    let clock = 0;
    const input = { from: ME, to: LOOP, value: 0n, data: '0x' as Hex, chainId: 31337 };
    const p = await previewEvmTransaction(input, deps(scripted(hardhatLike({ [LOOP.toLowerCase()]: '0x5b600056' })), { now: () => clock++, timeBudgetMs: 50 }));
    expect(p).toEqual({ status: 'not-simulated', reason: 'timed out after 50 ms' });
  });
});

describe('previewEvmTransaction: budget and failures', () => {
  it('an RPC that never answers: "timed out" when the budget timer fires', async () => {
    let fire = () => {};
    const silent: RpcTransport = { ...scripted(() => null), batch: () => new Promise(() => {}), request: () => new Promise(() => {}) };
    const pending = previewEvmTransaction(transfer(1n), deps(silent, { schedule: (fn) => { fire = fn; return () => {}; } }));
    fire();
    expect(await pending).toEqual({ status: 'not-simulated', reason: 'timed out after 2000 ms' });
  });

  it('all RPC URLs failing', async () => {
    const down: RpcTransport = { ...scripted(() => null), request: () => Promise.reject(new RpcUnavailableError('All RPC endpoints failed (x: HTTP 503)')) };
    expect(await previewEvmTransaction(transfer(1n), deps(down))).toEqual({ status: 'not-simulated', reason: 'RPC unavailable: All RPC endpoints failed (x: HTTP 503)' });
  });
});
