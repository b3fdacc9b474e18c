// The EVM preview against real nodes with the demo state: anvil (answers eth_simulateV1 → path A) and Hardhat 2
// (does not → the in-worker EVM, path B). Exact wei / base units / gas; what lands on chain matches the preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPublicClient, createWalletClient, encodeDeployData, getContractAddress, encodeErrorResult, encodeFunctionData, erc20Abi, http, maxUint256, parseAbi,
  type Address, type Hex,
} from 'viem';
import { startAnvilChain } from '../../scripts/chains/anvil';
import { EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, EVM_DEMO_WETH, EVM_INITIAL_ETH_WEI, startCountingProxy, startEvmChain, type CountingProxy, type EvmChain } from '../../scripts/chains/index';
import { loadCompiled, rpc } from '../../scripts/chains/evm';
import { getFreePort } from '../../scripts/chains/util';
import { createSimulateV1Memo, previewEvmTransaction, type EvmPreview, type EvmPreviewInput } from '../../src/chains/evm/preview';
import { createRpcTransport } from '../../src/chains/rpcTransport';

const A = (i: number) => EVM_DEMO_ACCOUNTS[i] as Address;
const MUSD = EVM_DEMO_USD.address;
const known = Object.fromEntries([EVM_DEMO_USD, EVM_DEMO_WETH].map((t) => [t.address.toLowerCase(), { symbol: t.symbol, decimals: t.decimals }]));
const ETH = 10n ** 18n;
const call = (to: Address, data: Hex, from = A(1)): EvmPreviewInput => ({ from, to, value: 0n, data, chainId: 31337 });
const erc20 = (fn: 'transfer' | 'approve', to: Address, amount: bigint) => encodeFunctionData({ abi: erc20Abi, functionName: fn, args: [to, amount] });
const REVERT_DATA = encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: ['ERC20: transfer amount exceeds balance'] });

const nodes: Record<'anvil' | 'hardhat', { chain: EvmChain; proxy: CountingProxy }> = {} as never;
const memo = createSimulateV1Memo();
const preview = (node: 'anvil' | 'hardhat', input: EvmPreviewInput, accounts: Address[] = [A(1)]) =>
  previewEvmTransaction(input, {
    transport: createRpcTransport({ urls: [nodes[node].proxy.url] }), now: Date.now, simulateV1Support: memo, accounts, knownTokens: known,
    timeBudgetMs: 20_000, // generous on a loaded 2-core machine; the budget itself is unit-tested
  });
const simulated = (p: EvmPreview) => {
  if (p.status !== 'simulated') throw new Error(`not simulated: ${p.reason}`);
  return p;
};

beforeAll(async () => {
  const [anvil, hardhat] = await Promise.all([startAnvilChain(), startEvmChain({ port: await getFreePort() })]);
  nodes.anvil = { chain: anvil, proxy: await startCountingProxy(anvil.url, 0) };
  nodes.hardhat = { chain: hardhat, proxy: await startCountingProxy(hardhat.url, 0) };
});
afterAll(async () => {
  await Promise.all(Object.values(nodes).map(async (n) => {
    await n.proxy.stop();
    await n.chain.stop();
  }));
});

describe.each([
  { node: 'anvil' as const, engine: 'eth_simulateV1' },
  { node: 'hardhat' as const, engine: 'in-worker-evm' },
])('$node → $engine', ({ node, engine }) => {
  it('an ETH transfer between own accounts: value per account, gas apart, pinned to the latest block', async () => {
    const url = nodes[node].chain.url;
    const latest = await rpc<{ number: Hex; hash: Hex }>(url, 'eth_getBlockByNumber', ['latest', false]);
    const p = simulated(await preview(node, { from: A(1), to: A(2), value: 1_500_000_000_000_000_000n, data: '0x', chainId: 31337 }, [A(1), A(2)]));
    expect(p).toEqual({
      status: 'simulated', block: BigInt(latest.number), blockHash: latest.hash, engine, rpcHost: new URL(nodes[node].proxy.url).host, gasUsed: 21_000n, approvals: [],
      changes: [
        { kind: 'native', account: A(1), before: EVM_INITIAL_ETH_WEI, after: EVM_INITIAL_ETH_WEI - 1_500_000_000_000_000_000n, delta: -1_500_000_000_000_000_000n },
        { kind: 'native', account: A(2), before: EVM_INITIAL_ETH_WEI, after: EVM_INITIAL_ETH_WEI + 1_500_000_000_000_000_000n, delta: 1_500_000_000_000_000_000n },
      ],
    });
    expect(await memo.get(nodes[node].proxy.url)).toBe(engine === 'eth_simulateV1');
  });

  it('an ERC-20 transfer of mUSD: exact base units, and the same gas and balance land on chain', async () => {
    const data = erc20('transfer', A(3), 12_345_678n);
    const p = simulated(await preview(node, call(MUSD, data)));
    expect([p.changes, p.approvals, p.reverted, p.gasUsed]).toEqual([[
      { kind: 'erc20', account: A(1), token: MUSD, delta: -12_345_678n, before: 1_000_000_000_000n, after: 999_987_654_322n, symbol: 'mUSD', decimals: 6 },
    ], [], undefined, 34_391n]);
    const url = nodes[node].chain.url;
    const snapshot = await rpc<Hex>(url, 'evm_snapshot');
    try {
      const client = createPublicClient({ transport: http(url) });
      const hash = await createWalletClient({ transport: http(url) }).sendTransaction({ account: A(1), to: MUSD, data, chain: null });
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      expect(receipt.gasUsed).toBe(p.gasUsed);
      expect(await client.readContract({ address: MUSD, abi: erc20Abi, functionName: 'balanceOf', args: [A(1)] })).toBe(999_987_654_322n);
    } finally {
      await rpc(url, 'evm_revert', [snapshot]);
    }
  });

  it('an unlimited approve is listed as an approval, with no balance change', async () => {
    const p = simulated(await preview(node, call(MUSD, erc20('approve', A(4), maxUint256))));
    expect([p.changes, p.approvals, p.gasUsed]).toEqual([[], [{ kind: 'erc20', owner: A(1), token: MUSD, spender: A(4), amount: maxUint256, unlimited: true }], 46_487n]);
  });

  it('a reverting call: "will fail" with the exact reason and no changes', async () => {
    const p = simulated(await preview(node, call(MUSD, erc20('transfer', A(3), 2_000_000_000_000n))));
    expect([p.changes, p.approvals, p.reverted, p.gasUsed]).toEqual([[], [], { kind: 'Error', reason: 'ERC20: transfer amount exceeds balance', data: REVERT_DATA }, 24_417n]);
  });

  it('RPC requests per preview (after the probe): eth_simulateV1 2; in-worker EVM 2 for ETH, 4 for an ERC-20', async () => {
    await preview(node, { from: A(1), to: A(2), value: 1n, data: '0x', chainId: 31337 }); // the probe, if not done yet
    const counted = async (input: EvmPreviewInput) => {
      nodes[node].proxy.reset();
      simulated(await preview(node, input));
      return nodes[node].proxy.count();
    };
    const eth = await counted({ from: A(1), to: A(2), value: 1n, data: '0x', chainId: 31337 });
    const token = await counted(call(MUSD, erc20('transfer', A(3), 1n)));
    expect([eth, token]).toEqual(engine === 'eth_simulateV1' ? [2, 2] : [2, 4]);
  });
});

describe('both paths agree on the same transactions', () => {
  const { DemoToken } = loadCompiled().contracts;
  const creation: EvmPreviewInput = {
    from: A(1), value: 0n, chainId: 31337,
    data: encodeDeployData({ abi: DemoToken.abi, bytecode: DemoToken.bytecode, args: ['T', 'T', 0, [A(1)], 99n] }),
  };
  it('anvil refuses a contract creation in eth_simulateV1: the in-worker EVM runs it; the mint is read from the logs', async () => {
    const nonce = await rpc<Hex>(nodes.anvil.chain.url, 'eth_getTransactionCount', [A(1), 'latest']);
    const p = simulated(await preview('anvil', creation));
    expect([p.engine, p.changes]).toEqual(['in-worker-evm', [{ kind: 'erc20', account: A(1), token: getContractAddress({ from: A(1), nonce: BigInt(nonce) }), delta: 99n }]]);
    expect(await memo.get(nodes.anvil.proxy.url)).toBe(true);
  });
  const cases: Array<[string, EvmPreviewInput, Address[]]> = [
    ['ETH transfer', { from: A(1), to: A(5), value: 3n * ETH + 1n, data: '0x', chainId: 31337 }, [A(1), A(5)]],
    ['mWETH transfer between own accounts', call(EVM_DEMO_WETH.address, erc20('transfer', A(2), 7n * ETH)), [A(1), A(2)]],
    ['mUSD approve', call(MUSD, erc20('approve', A(6), 5n)), [A(1)]],
    ['ETH sent to a token without receive()', { from: A(1), to: MUSD, value: 1n, data: '0x', chainId: 31337 }, [A(1)]],
    ['revert', call(EVM_DEMO_WETH.address, erc20('transfer', A(2), 101n * ETH)), [A(1)]],
    ['contract creation that mints to the sender', creation, [A(1)]],
  ];
  it.each(cases)('%s', async (_name, input, accounts) => {
    const strip = (p: EvmPreview) => {
      const { engine: _e, rpcHost: _h, blockHash: _b, ...rest } = simulated(p);
      return rest;
    };
    const [a, b] = await Promise.all([preview('anvil', input, accounts), preview('hardhat', input, accounts)]);
    expect(strip(a)).toEqual(strip(b));
  });
});
