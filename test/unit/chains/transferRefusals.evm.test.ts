// EVM transfers refused before anything is signed, against a scripted JSON-RPC node (fakeTransport): each case is
// one node answer (a failing estimate, an unreadable balance, an empty ETH balance) that the real dev chain only
// gives through contrived setups. The healthy path through the same fake is the control.
import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, parseTransaction } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { EvmNetwork, EvmSigner, TransferRequest } from '../../../src/chains/ChainAdapter';
import { InsufficientFundsError, SimulationFailedError } from '../../../src/chains/errors';
import { createEvmAdapter } from '../../../src/chains/evm/adapter';
import { getBuiltinNetwork } from '../../../src/chains/networks';
import { fakeTransport } from './fakeTransport';

const network = { ...getBuiltinNetwork('eip155:31337'), rpcUrls: ['fake://'] } as EvmNetwork;
const account = privateKeyToAccount(generatePrivateKey());
const TO = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const TOKEN = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'mUSD', decimals: 6 };
const word = (n: bigint) => encodeAbiParameters([{ type: 'uint256' }], [n]);
const ETH = 10n ** 18n;
// Fees the fake quotes: base fee 1 gwei, normal priority 0.1 gwei → normal maxFeePerGas 1.5 gwei + 0.1 gwei.
const ESTIMATE = 65_000n;
const GAS = 78_000n; // estimate + 20 %
const NORMAL_MAX_FEE = GAS * 1_600_000_000n;
const SENDS = ['eth_sendRawTransaction', 'eth_sendTransaction'];

type Node = { balance: bigint; tokenBalance: unknown; estimate: unknown };
function setup(node: Partial<Node> = {}) {
  const n: Node = { balance: ETH, tokenBalance: word(1_000_000n * 10n ** 6n), estimate: `0x${ESTIMATE.toString(16)}`, ...node };
  const transport = fakeTransport((c) => {
    switch (c.method) {
      case 'eth_chainId': return '0x7a69';
      case 'eth_getBalance': return `0x${n.balance.toString(16)}`;
      case 'eth_getTransactionCount': return '0x3';
      case 'eth_feeHistory': return { baseFeePerGas: ['0x3b9aca00', '0x3b9aca00'], gasUsedRatio: [0.5], reward: [['0x0', '0x5f5e100', '0x0']] };
      case 'eth_gasPrice': return '0x3b9aca00';
      case 'eth_estimateGas': if (n.estimate instanceof Error) throw n.estimate; return n.estimate;
      case 'eth_call': if (n.tokenBalance instanceof Error) throw n.tokenBalance; return n.tokenBalance;
      case 'eth_sendRawTransaction': return '0x' + 'ab'.repeat(32);
      default: throw new Error(`unexpected ${c.method}`);
    }
  });
  const adapter = createEvmAdapter({ network, transport });
  const signed: unknown[] = [];
  const signer: EvmSigner = async (p) => { signed.push(p); return account.signTransaction(parseTransaction(p.unsignedSerialized) as never); };
  /** What the background does after Confirm: build → sign → broadcast. */
  const send = async (r: Partial<TransferRequest>) => {
    const built = await adapter.buildTransfer({ networkId: network.id, from: account.address, to: TO, amount: '0.5', ...r });
    return adapter.broadcast(await adapter.sign(built, signer));
  };
  const sent = () => transport.batches.flat().filter((c) => SENDS.includes(c.method));
  return { adapter, transport, send, signed, sent };
}

/** The error `p` rejects with (fails when it resolves). */
async function failure(p: Promise<unknown>): Promise<Error & { code?: number; data?: unknown }> {
  const out = await p.then(() => undefined, (e: unknown) => e as Error);
  if (!out) throw new Error('expected a refusal, the transfer went through');
  return out;
}

describe('EVM transfer refusals (nothing signed, nothing sent)', () => {
  it('control: the same fake node with healthy answers builds, signs once and sends once', async () => {
    const s = setup();
    await s.send({});
    await s.send({ token: TOKEN, amount: '12.5' });
    expect(s.signed).toHaveLength(2);
    expect(s.sent()).toHaveLength(2);
  });

  it('a failing gas estimate (ETH send) is 1109 with the node\'s reason, from buildTransfer and from estimateFees', async () => {
    const s = setup({ estimate: new Error('execution reverted') });
    const e = await failure(s.send({}));
    expect(e).toBeInstanceOf(SimulationFailedError);
    expect(e).toMatchObject({ code: 1109, message: 'Gas estimation failed: execution reverted', data: { reason: 'execution reverted' } });
    const f = await failure(s.adapter.estimateFees({ networkId: network.id, from: account.address, to: TO, amount: '0.5' }));
    expect(f).toBeInstanceOf(SimulationFailedError);
    expect(f).toMatchObject({ code: 1109, message: 'Gas estimation failed: execution reverted' });
    expect(s.signed).toEqual([]);
    expect(s.sent()).toEqual([]);
  });

  it('a failing gas estimate of a token send (the token contract reverts) is 1109', async () => {
    const s = setup({ estimate: new Error('execution reverted: ERC20: transfer to the zero address') });
    const e = await failure(s.send({ token: TOKEN, amount: '1' }));
    expect(e).toBeInstanceOf(SimulationFailedError);
    expect(e).toMatchObject({ code: 1109, data: { reason: 'execution reverted: ERC20: transfer to the zero address' } });
    expect(s.signed).toEqual([]);
    expect(s.sent()).toEqual([]);
  });

  it('an unreadable token balance (balanceOf reverts, or no contract: "0x") is 1109 naming the token, checked before the estimate', async () => {
    for (const tokenBalance of [new Error('execution reverted'), '0x', '0x1234']) {
      const s = setup({ tokenBalance, estimate: new Error('execution reverted') });
      const e = await failure(s.send({ token: TOKEN, amount: '1' }));
      expect(e).toBeInstanceOf(SimulationFailedError);
      expect(e).toMatchObject({ code: 1109, message: `Cannot read the mUSD balance: is ${TOKEN.address} an ERC-20 token?` });
      expect(s.signed).toEqual([]);
      expect(s.sent()).toEqual([]);
    }
  });

  it('a token send from an account with no ETH for gas is 1102 in ETH, with the exact fee required', async () => {
    const s = setup({ balance: 0n });
    const e = await failure(s.send({ token: TOKEN, amount: '1' }));
    expect(e).toBeInstanceOf(InsufficientFundsError);
    expect(e).toMatchObject({ code: 1102, message: 'Insufficient ETH for amount plus network fee', data: { symbol: 'ETH', balance: '0', required: NORMAL_MAX_FEE.toString() } });
    expect(s.signed).toEqual([]);
    expect(s.sent()).toEqual([]);
  });

  it('the gas boundary: one wei short of the fee is refused, exactly the fee is enough', async () => {
    const short = setup({ balance: NORMAL_MAX_FEE - 1n });
    expect(await failure(short.send({ token: TOKEN, amount: '1' }))).toMatchObject({ code: 1102, data: { required: NORMAL_MAX_FEE.toString() } });
    expect(short.signed).toEqual([]);
    const exact = setup({ balance: NORMAL_MAX_FEE });
    const built = await exact.adapter.buildTransfer({ networkId: network.id, from: account.address, to: TO, amount: '1', token: TOKEN });
    expect(built.fee.maxFee).toBe(NORMAL_MAX_FEE);
  });
});
