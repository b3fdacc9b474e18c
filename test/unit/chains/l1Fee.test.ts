import { describe, expect, it } from 'vitest';
import { decodeFunctionData, parseAbi, parseTransaction, type Hex } from 'viem';
import type { RpcCall } from '../../../src/chains/rpcTransport';
import { createEvmAdapter } from '../../../src/chains/evm/adapter';
import { GAS_PRICE_ORACLE } from '../../../src/chains/evm/l1Fee';
import { getBuiltinNetwork } from '../../../src/chains/networks';
import type { EvmNetwork } from '../../../src/chains/ChainAdapter';
import { fakeTransport } from './fakeTransport';

const FROM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const TO = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const L1_FEE = 1_000_000_000_000n; // 1e12 wei
const oracleAbi = parseAbi(['function getL1Fee(bytes _data) view returns (uint256)']);

function chainFor(id: string) {
  const network = getBuiltinNetwork(id) as EvmNetwork;
  const oracleCalls: RpcCall[] = [];
  const transport = fakeTransport((c) => {
    switch (c.method) {
      case 'eth_chainId': return `0x${network.chainId.toString(16)}`;
      case 'eth_getBalance': return '0xde0b6b3a7640000'; // 1 ETH
      case 'eth_getTransactionCount': return '0x0';
      case 'eth_feeHistory': throw new Error('no fee history');
      case 'eth_gasPrice': return '0x3b9aca00'; // 1 gwei
      case 'eth_estimateGas': return '0x5208';
      case 'eth_call': oracleCalls.push(c); return `0x${L1_FEE.toString(16).padStart(64, '0')}`;
      default: throw new Error(`unexpected ${c.method}`);
    }
  });
  return { adapter: createEvmAdapter({ network, transport }), oracleCalls, transport };
}

describe('OP-stack L1 data fee', () => {
  it('Base: the fee and the balance check include the oracle L1 fee (+25%), read in the same single batch', async () => {
    const base = chainFor('eip155:8453');
    const main = chainFor('eip155:1');
    const req = (networkId: string) => ({ networkId, from: FROM, to: TO, amount: '0.5' });
    const onBase = await base.adapter.estimateFees(req('eip155:8453'));
    const onMain = await main.adapter.estimateFees(req('eip155:1'));
    expect(onBase.tiers.normal.maxFee - onMain.tiers.normal.maxFee).toBe(L1_FEE + L1_FEE / 4n);
    expect(onBase.tiers.normal.params.l1Fee).toBe(1_250_000_000_000n);
    expect(main.oracleCalls).toHaveLength(0);
    expect(base.transport.batches).toHaveLength(1);
    // The oracle was asked about a transaction to the same recipient with the same value.
    const call = base.oracleCalls[0]!.params?.[0] as { to: string; data: Hex };
    expect(call.to).toBe(GAS_PRICE_ORACLE);
    const { args } = decodeFunctionData({ abi: oracleAbi, data: call.data });
    const standIn = parseTransaction(args![0]);
    expect([standIn.to, standIn.value, standIn.chainId]).toEqual([TO.toLowerCase(), 500_000_000_000_000_000n, 8453]);
    const built = await base.adapter.buildTransfer(req('eip155:8453'));
    expect(base.adapter.describe(built).fee.amount).toBe(onBase.tiers.normal.maxFee);
  });

  it('an OP-stack oracle that cannot be read refuses the send instead of understating the fee', async () => {
    const network = getBuiltinNetwork('eip155:10') as EvmNetwork;
    const transport = fakeTransport((c) => {
      if (c.method === 'eth_call') throw new Error('execution reverted');
      return { eth_chainId: '0xa', eth_getBalance: '0xde0b6b3a7640000', eth_getTransactionCount: '0x0', eth_gasPrice: '0x3b9aca00', eth_estimateGas: '0x5208' }[c.method] ?? null;
    });
    const adapter = createEvmAdapter({ network, transport });
    await expect(adapter.buildTransfer({ networkId: 'eip155:10', from: FROM, to: TO, amount: '0.5' })).rejects.toThrow(/GasPriceOracle|L1/);
  });
});
