// Issue 9 item 10: dapp transactions on OP-stack chains include the L1 data fee in fee, total and the balance check.
import { describe, expect, it } from 'vitest';
import { numberToHex, type Hex } from 'viem';
import { getBuiltinNetwork } from '../../../../../src/chains/networks';
import { GAS_PRICE_ORACLE } from '../../../../../src/chains/evm/l1Fee';
import type { EvmNetwork } from '../../../../../src/chains/ChainAdapter';
import { EVM0, EVM1, fakeEvmNode, makeDappEnv, type RpcNode } from '../../dapp/dappEnv';

const ONE_ETH = 10n ** 18n;
const L1_FEE = 1_000_000_000_000n; // what the oracle answers (wei)
const GAS_COST = 21_000n * 2_200_000_000n; // gas × maxFeePerGas of the fake node (viem: 1.2 × base fee + tip)

async function setup(chainId: number, balance: bigint, oracle: (data: Hex) => unknown) {
  const env = await makeDappEnv();
  await env.connect('evm', [EVM0]);
  await env.ctx.networks.select(getBuiltinNetwork(`eip155:${chainId}`) as EvmNetwork);
  const base = fakeEvmNode({ chainId });
  const node: RpcNode = (call, network) => {
    if (call.method === 'eth_getBalance') return numberToHex(balance);
    if (call.method === 'eth_call' && (call.params?.[0] as { to: string }).to.toLowerCase() === GAS_PRICE_ORACLE.toLowerCase()) return oracle((call.params?.[0] as { data: Hex }).data);
    return base.node(call, network);
  };
  env.state.node = node;
  return { env, raws: base.raws };
}
const tx = { from: EVM0, to: EVM1, value: numberToHex(ONE_ETH) };

describe('eth_sendTransaction on an OP-stack chain', () => {
  it('OP Mainnet: the window\'s fee and total include the L1 fee + 25 %', async () => {
    const { env } = await setup(10, 2n * ONE_ETH, () => numberToHex(L1_FEE, { size: 32 }));
    env.state.decide = () => ({ approved: false });
    await env.call('eth_sendTransaction', [tx]);
    const d = env.asked[0]!.details as { maxFee: string; total: string; l1Fee: string };
    expect(d.l1Fee).toBe(((L1_FEE * 125n) / 100n).toString());
    expect(d.maxFee).toBe((GAS_COST + (L1_FEE * 125n) / 100n).toString());
    expect(d.total).toBe((ONE_ETH + GAS_COST + (L1_FEE * 125n) / 100n).toString());
    expect(env.asked[0]!.warnings.map((w) => w.code)).not.toContain('insufficient-funds');
  });

  it('a balance that covers value + gas but not the L1 fee gets the insufficient-funds danger', async () => {
    const { env } = await setup(8453, ONE_ETH + GAS_COST + L1_FEE, () => numberToHex(L1_FEE, { size: 32 }));
    await env.call('eth_sendTransaction', [tx]);
    expect(env.asked[0]!.warnings[0]).toMatchObject({ level: 'danger', code: 'insufficient-funds' });
  });

  it('an unreadable oracle refuses before any window (as the wallet\'s own sends do)', async () => {
    const { env, raws } = await setup(10, 2n * ONE_ETH, () => { throw new Error('execution reverted'); });
    expect(await env.call('eth_sendTransaction', [tx])).toMatchObject({ error: { code: -32603, message: 'Cannot read the L1 data fee of this network.', data: { walletCode: 1109 } } });
    expect(env.asked).toEqual([]);
    expect(raws).toEqual([]);
  });

  it('a chain without an L1 fee shows none and asks no oracle', async () => {
    const { env } = await setup(31337, 2n * ONE_ETH, () => { throw new Error('no oracle here'); });
    await env.call('eth_sendTransaction', [tx]);
    const d = env.asked[0]!.details as { maxFee: string; l1Fee?: string };
    expect(d.l1Fee).toBeUndefined();
    expect(d.maxFee).toBe(GAS_COST.toString());
  });
});
