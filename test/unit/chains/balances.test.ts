import { describe, expect, it } from 'vitest';
import { decodeFunctionData, encodeAbiParameters, encodeFunctionResult, getAddress, type Hex } from 'viem';
import type { EvmNetwork, SolanaNetwork } from '../../../src/chains/ChainAdapter';
import { multicall3Abi } from '../../../src/chains/evm/abi';
import { readEvmBalances } from '../../../src/chains/evm/balances';
import { readSolanaBalances } from '../../../src/chains/solana/balances';
import { MULTICALL3 } from '../../../src/chains/networks';
import { fakeTransport } from './fakeTransport';

const net = { family: 'evm', id: 'eip155:1', chainId: 1, multicall3: MULTICALL3 } as unknown as EvmNetwork;
const acct = (i: number) => `0x${(i + 1).toString(16).padStart(40, '0')}` as `0x${string}`;
const tok = (i: number) => ({ address: getAddress(`0x${(0xa0 + i).toString(16).padStart(40, '0')}`), symbol: `T${i}`, decimals: 6 });
const word = (n: bigint) => encodeAbiParameters([{ type: 'uint256' }], [n]);

describe('EVM balances', () => {
  it('one aggregate3 eth_call for 10 accounts x 20 tokens; failed sub-calls are null', async () => {
    const t = fakeTransport((c) => {
      const { args } = decodeFunctionData({ abi: multicall3Abi, data: (c.params?.[0] as { data: Hex }).data });
      const calls = args[0] as readonly { target: string; callData: Hex }[];
      return encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: calls.map((x, i) => (x.target.toLowerCase().endsWith('b3') ? { success: false, returnData: '0x' as Hex } : { success: true, returnData: word(BigInt(i)) })) });
    });
    const snap = await readEvmBalances(t, net, { accounts: Array.from({ length: 10 }, (_, i) => acct(i)), tokens: Array.from({ length: 20 }, (_, i) => tok(i)) }, () => 42);
    expect(t.batches).toHaveLength(1);
    expect(t.batches[0]).toHaveLength(1);
    expect(snap.usedMulticall).toBe(true);
    expect(snap.at).toBe(42);
    const a1 = snap.accounts[acct(1)];
    expect(a1?.native).toBe(21n); // slot 21 = account 1 native
    expect(a1?.tokens[tok(0).address]).toBe(22n);
    expect(a1?.tokens[getAddress('0x00000000000000000000000000000000000000b3')]).toBeNull();
  });
  it('falls back to a JSON-RPC batch when aggregate3 fails (no contract), fake tokens null', async () => {
    const t = fakeTransport((c) => {
      if (c.method === 'eth_call' && (c.params?.[0] as { to: string }).to === MULTICALL3) return '0x';
      if (c.method === 'eth_getBalance') return '0xde0b6b3a7640000';
      if ((c.params?.[0] as { to: string }).to.toLowerCase().endsWith('a0')) return word(7n);
      throw new Error('execution reverted');
    });
    const snap = await readEvmBalances(t, net, { accounts: [acct(0)], tokens: [tok(0), tok(1)] }, () => 0);
    expect(t.batches.map((b) => b.length)).toEqual([1, 3]);
    expect(snap).toMatchObject({ usedMulticall: false, accounts: { [acct(0)]: { native: 10n ** 18n, tokens: { [tok(0).address]: 7n, [tok(1).address]: null } } } });
  });
});

describe('Solana balances', () => {
  const sol = { family: 'solana', id: 'solana:mainnet' } as SolanaNetwork;
  const A = 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96';
  const B = 'AqynRZwvVqUPRwRJXvm6odUb3t93fDjnWe3p6BeuUFxD';
  const MINT = '8SSSNA6CuCVoE1ciMJoeFs65tVTLxySpYj4jPydCH88A';
  const OTHER = '9pGgqNteNkv5vviuLdGcRkY1hEKzsTmgdb8z6mcrdqzj';
  const tokenAcc = async (mint: string, owner: string, amount: bigint) => {
    const { PublicKey } = await import('@solana/web3.js');
    const d = new Uint8Array(72);
    d.set(new PublicKey(mint).toBytes(), 0);
    d.set(new PublicKey(owner).toBytes(), 32);
    new DataView(d.buffer).setBigUint64(64, amount, true);
    return { lamports: 2039280, owner: 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA', data: [Buffer.from(d).toString('base64'), 'base64'] };
  };
  it('one batch: getMultipleAccounts + getTokenAccountsByOwner x 2 programs per account; sums accounts; exact u64', async () => {
    const accA = [await tokenAcc(MINT, A, 5n), await tokenAcc(MINT, A, 2n ** 64n - 10n), await tokenAcc(OTHER, A, 1n)];
    const t = fakeTransport((c) => {
      if (c.method === 'getMultipleAccounts') return { value: [{ lamports: '18446744073709551615', owner: '11111111111111111111111111111111', data: ['', 'base64'] }, null] };
      const [owner, filter] = c.params as [string, { programId: string }];
      if (owner === B && filter.programId.startsWith('Tokenz')) throw new Error('boom');
      return { value: owner === A && filter.programId.startsWith('Tokenkeg') ? accA.map((account) => ({ pubkey: 'x', account })) : [] };
    });
    const snap = await readSolanaBalances(t, sol, { accounts: [A, B], tokens: [{ address: MINT, symbol: 'M', decimals: 6 }] }, () => 1);
    expect(t.batches).toHaveLength(1);
    expect(t.batches[0]?.map((c) => c.method)).toEqual(['getMultipleAccounts', 'getTokenAccountsByOwner', 'getTokenAccountsByOwner', 'getTokenAccountsByOwner', 'getTokenAccountsByOwner']);
    expect(snap.accounts[A]).toEqual({ native: 2n ** 64n - 1n, tokens: { [MINT]: 2n ** 64n - 5n } });
    expect(snap.accounts[B]).toEqual({ native: 0n, tokens: { [MINT]: null } }); // a failed read is null, not 0
  });
});
