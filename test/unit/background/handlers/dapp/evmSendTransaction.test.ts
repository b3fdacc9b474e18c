// eth_sendTransaction: what is signed is what the window showed; a refused broadcast gives its nonce back.
import { describe, expect, it } from 'vitest';
import { keccak256, parseTransaction, recoverTransactionAddress, type Hex } from 'viem';
import type { ApprovalView } from '../../../../../src/shared/approval';
import { RpcResponseError } from '../../../../../src/chains/errors';
import { EVM0, EVM1, fakeEvmNode, makeDappEnv } from '../../dapp/dappEnv';

const ONE_ETH = 10n ** 18n;
const tx = { from: EVM0, to: EVM1.toLowerCase(), value: '0xde0b6b3a7640000', data: '0xdeadbeef' };

async function setup(node: ReturnType<typeof fakeEvmNode>) {
  const env = await makeDappEnv();
  await env.connect('evm', [EVM0]);
  env.state.node = node.node;
  env.state.decide = () => ({ approved: true });
  return env;
}

describe('eth_sendTransaction', () => {
  it('signs and broadcasts exactly the approved to / value / data on the approved chain, with the account shown', async () => {
    const node = fakeEvmNode({ pendingNonce: 7 });
    const env = await setup(node);
    const r = await env.call('eth_sendTransaction', [tx]);
    expect(node.raws).toHaveLength(1);
    const raw = node.raws[0]!;
    expect(r).toMatchObject({ result: keccak256(raw) });
    const shown = env.asked[0] as Omit<ApprovalView, 'id'> & { details: { decoded: { to: string; value: string; kind: string }; data: string; gas: string } };
    expect(shown).toMatchObject({ kind: 'send-transaction', account: EVM0, network: { id: 'eip155:31337' } });
    expect(shown.details.decoded).toMatchObject({ kind: 'contract-call', to: EVM1, value: ONE_ETH.toString() });
    const signed = parseTransaction(raw);
    expect(signed).toMatchObject({ type: 'eip1559', chainId: 31337, nonce: 7, to: EVM1.toLowerCase(), value: ONE_ETH, data: '0xdeadbeef', gas: 21000n });
    expect(signed.to!.toLowerCase()).toBe(shown.details.decoded.to.toLowerCase());
    expect(signed.value).toBe(BigInt(shown.details.decoded.value));
    expect(signed.data).toBe(shown.details.data);
    expect(signed.gas).toBe(BigInt(shown.details.gas));
    expect(await recoverTransactionAddress({ serializedTransaction: raw as Hex & `0x02${string}` })).toBe(EVM0);
  });

  it('a refused broadcast releases the nonce: the next send reuses it, and a broadcast that succeeds keeps it', async () => {
    const node = fakeEvmNode({
      pendingNonce: 7,
      broadcast: (_raw, i) => { if (i === 0) throw new Error('insufficient funds for gas * price + value'); },
    });
    const env = await setup(node);
    expect(await env.call('eth_sendTransaction', [tx])).toMatchObject({
      error: {
        code: -32603, message: 'eth_sendRawTransaction: insufficient funds for gas * price + value',
        data: { walletCode: RpcResponseError.code, detail: { method: 'eth_sendRawTransaction', rpcCode: -32000 } },
      },
    });
    expect(await env.call('eth_sendTransaction', [tx])).toMatchObject({ result: keccak256(node.raws[1]!) });
    expect(await env.call('eth_sendTransaction', [tx])).toMatchObject({ result: keccak256(node.raws[2]!) });
    // The node still says 7 pending (it lags): the wallet's tracker skips the nonce it broadcast.
    expect(node.raws.map((raw) => parseTransaction(raw).nonce)).toEqual([7, 7, 8]);
  });

  it('asks the node each thing once: a method it refuses (eth_fillTransaction) is not retried', async () => {
    const node = fakeEvmNode();
    const env = await setup(node);
    expect(await env.call('eth_sendTransaction', [tx])).toMatchObject({ result: keccak256(node.raws[0]!) });
    const counts: Record<string, number> = {};
    for (const c of env.rpcCalls) counts[c.method] = (counts[c.method] ?? 0) + 1;
    // eth_getTransactionCount twice: once for the review, once when the nonce is reserved after approval;
    // eth_getBlockByNumber twice: fees for the review, and the block the preview pins ("What happens").
    expect(Object.entries(counts).filter(([m, n]) => n > (m === 'eth_getTransactionCount' || m === 'eth_getBlockByNumber' ? 2 : 1))).toEqual([]);
  });

  it('a transaction for another chain is refused with -32602 before any window or signature', async () => {
    const node = fakeEvmNode();
    const env = await setup(node);
    expect(await env.call('eth_sendTransaction', [{ ...tx, chainId: '0x1' }])).toEqual({
      id: expect.any(String),
      error: { code: -32602, message: 'This transaction is for chain 1; the wallet is on Localnet (31337). Switch networks first.', data: { chainId: '0x1', current: '0x7a69' } },
    });
    expect(env.asked).toHaveLength(0);
    expect(node.raws).toHaveLength(0);
  });
});
