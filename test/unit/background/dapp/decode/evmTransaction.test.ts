import { encodeFunctionData, erc20Abi, maxUint256, parseUnits } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeEvmTransaction, evmTransactionWarnings } from '../../../../../src/background/dapp/decode/evmTransaction';

const FROM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const TO = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const SPENDER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const ctx = { chainId: 1, nativeSymbol: 'ETH', knownTokens: { [USDC.toLowerCase()]: { symbol: 'USDC', decimals: 6 } } };

const transfer = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [TO, parseUnits('12.5', 6)] });
const approve = (amount: bigint) => encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [SPENDER, amount] });
const codes = (d: ReturnType<typeof decodeEvmTransaction>) => evmTransactionWarnings(d).map((w) => `${w.level}:${w.code}`);

describe('decodeEvmTransaction', () => {
  it('decodes a native transfer (hex value)', () => {
    const d = decodeEvmTransaction({ from: FROM.toLowerCase(), to: TO.toLowerCase(), value: '0x14d1120d7b160000' }, ctx);
    expect(d).toEqual({
      kind: 'native-transfer', to: TO, from: FROM, value: '1500000000000000000', valueFormatted: '1.5 ETH', data: '0x',
    });
    expect(codes(d)).toEqual([]);
  });

  it('accepts a decimal value and a missing value', () => {
    expect(decodeEvmTransaction({ from: FROM, to: TO, value: '1' }, { chainId: 137, nativeSymbol: 'POL' }))
      .toMatchObject({ value: '1', valueFormatted: '0.000000000000000001 POL' });
    expect(decodeEvmTransaction({ from: FROM, to: TO }, ctx)).toMatchObject({ kind: 'native-transfer', value: '0', valueFormatted: '0 ETH' });
  });

  it('decodes an ERC-20 transfer of a known token', () => {
    const d = decodeEvmTransaction({ from: FROM, to: USDC.toLowerCase(), data: transfer }, ctx);
    expect(d).toEqual({
      kind: 'erc20-transfer', to: USDC, from: FROM, value: '0', valueFormatted: '0 ETH', data: transfer, selector: '0xa9059cbb',
      method: 'transfer', token: { address: USDC, symbol: 'USDC', decimals: 6 }, recipient: TO, amount: '12500000', amountFormatted: '12.5 USDC',
    });
    expect(codes(d)).toEqual([]);
  });

  it('decodes a transfer of an unknown token without a formatted amount', () => {
    const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    const d = decodeEvmTransaction({ from: FROM, to: token, data: transfer }, ctx);
    expect(d).toMatchObject({ kind: 'erc20-transfer', token: { address: token }, recipient: TO, amount: '12500000' });
    expect(d.amountFormatted).toBeUndefined();
    expect(d.token).toEqual({ address: token });
  });

  it('decodes transferFrom', () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transferFrom', args: [SPENDER, TO, 7n] });
    expect(decodeEvmTransaction({ from: FROM, to: USDC, data }, ctx)).toEqual({
      kind: 'erc20-transfer', to: USDC, from: FROM, value: '0', valueFormatted: '0 ETH', data, selector: '0x23b872dd',
      method: 'transferFrom', token: { address: USDC, symbol: 'USDC', decimals: 6 }, owner: SPENDER, recipient: TO, amount: '7', amountFormatted: '0.000007 USDC',
    });
  });

  it('decodes a limited approve', () => {
    const data = approve(1_000_000n);
    const d = decodeEvmTransaction({ from: FROM, to: USDC, data }, ctx);
    expect(d).toEqual({
      kind: 'erc20-approve', to: USDC, from: FROM, value: '0', valueFormatted: '0 ETH', data, selector: '0x095ea7b3',
      method: 'approve', token: { address: USDC, symbol: 'USDC', decimals: 6 }, spender: SPENDER, amount: '1000000', amountFormatted: '1 USDC', unlimited: false,
    });
    expect(codes(d)).toEqual([]);
  });

  it('flags unlimited approvals (max uint256 and >= 2^255) as danger', () => {
    const max = decodeEvmTransaction({ from: FROM, to: USDC, data: approve(maxUint256) }, ctx);
    expect(max).toMatchObject({ unlimited: true, amount: maxUint256.toString() });
    expect(codes(max)).toEqual(['danger:unlimited-approval']);
    expect(evmTransactionWarnings(max)[0]!.message).toBe(`This gives ${SPENDER} permission to spend all of your USDC, now and in the future, until you revoke it.`);
    expect(decodeEvmTransaction({ from: FROM, to: USDC, data: approve(1n << 255n) }, ctx).unlimited).toBe(true);
    expect(decodeEvmTransaction({ from: FROM, to: USDC, data: approve((1n << 255n) - 1n) }, ctx).unlimited).toBe(false);
  });

  it('decodes increaseAllowance as an approval', () => {
    const data = `0x39509351${SPENDER.slice(2).toLowerCase().padStart(64, '0')}${'f'.repeat(64)}` as const;
    const d = decodeEvmTransaction({ from: FROM, to: USDC, data }, ctx);
    expect(d).toMatchObject({ kind: 'erc20-approve', method: 'increaseAllowance', spender: SPENDER, amount: maxUint256.toString(), unlimited: true, selector: '0x39509351' });
    expect(codes(d)).toEqual(['danger:unlimited-approval']);
  });

  it('decodes other calldata as a contract call with its selector', () => {
    const data = '0xD0E30DB0';
    const d = decodeEvmTransaction({ from: FROM, to: TO, data, value: '0xde0b6b3a7640000' }, ctx);
    expect(d).toEqual({ kind: 'contract-call', to: TO, from: FROM, value: '1000000000000000000', valueFormatted: '1 ETH', data: '0xd0e30db0', selector: '0xd0e30db0' });
    expect(codes(d)).toEqual([]);
    // Truncated transfer calldata is not a transfer.
    expect(decodeEvmTransaction({ from: FROM, to: USDC, data: transfer.slice(0, 50) }, ctx)).toMatchObject({ kind: 'contract-call', selector: '0xa9059cbb' });
    expect(decodeEvmTransaction({ from: FROM, to: USDC, data: '0x01' }, ctx)).toEqual({
      kind: 'contract-call', to: USDC, from: FROM, value: '0', valueFormatted: '0 ETH', data: '0x01',
    });
  });

  it('decodes a deployment and warns about it', () => {
    const d = decodeEvmTransaction({ from: FROM, data: '0x6080604052' }, ctx);
    expect(d).toEqual({ kind: 'contract-deploy', to: null, from: FROM, value: '0', valueFormatted: '0 ETH', data: '0x6080604052' });
    expect(codes(d)).toEqual(['warning:contract-deploy']);
  });

  it('warns about native value sent with a token call, and tokens sent to the token itself', () => {
    expect(codes(decodeEvmTransaction({ from: FROM, to: USDC, data: transfer, value: '0x1' }, ctx))).toEqual(['warning:value-to-token-contract']);
    expect(codes(decodeEvmTransaction({ from: FROM, to: USDC, data: approve(maxUint256), value: '0x1' }, ctx)))
      .toEqual(['danger:unlimited-approval', 'warning:value-to-token-contract']);
    const self = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [USDC, 1n] });
    expect(codes(decodeEvmTransaction({ from: FROM, to: USDC, data: self }, ctx))).toEqual(['warning:transfer-to-token-contract']);
  });

  it.each<[string, Parameters<typeof decodeEvmTransaction>[0]]>([
    ['a bad from', { from: '0x1234', to: TO }],
    ['a bad to', { from: FROM, to: 'vitalik.eth' }],
    ['odd-length data', { from: FROM, to: TO, data: '0x123' }],
    ['non-hex data', { from: FROM, to: TO, data: 'hello' }],
    ['a negative value', { from: FROM, to: TO, value: '-1' }],
    ['a fractional value', { from: FROM, to: TO, value: '1.5' }],
  ])('rejects %s with InvalidParamsError', (_n, tx) => {
    expect(() => decodeEvmTransaction(tx, ctx)).toThrow(expect.objectContaining({ code: -32602 }));
  });
});
