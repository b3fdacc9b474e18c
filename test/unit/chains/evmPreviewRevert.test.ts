// Revert data → reason shown to the user: Error(string), Panic(uint256) with its meaning, custom errors of a known ABI.
import { describe, expect, it } from 'vitest';
import { encodeErrorResult, parseAbi, type Hex } from 'viem';
import { decodeRevert } from '../../../src/chains/evm/preview';

// Recorded from anvil 1.7.1 / Hardhat 2: DemoToken.transfer of more than the balance.
const INSUFFICIENT: Hex = '0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000002645524332303a207472616e7366657220616d6f756e7420657863656564732062616c616e63650000000000000000000000000000000000000000000000000000';
const PANIC_OVERFLOW: Hex = '0x4e487b710000000000000000000000000000000000000000000000000000000000000011';
const ABI = parseAbi(['error InsufficientBalance(address account, uint256 balance, uint256 needed)', 'error Paused()']);

describe('decodeRevert', () => {
  it('Error(string) gives the exact message', () => {
    expect(decodeRevert(INSUFFICIENT)).toEqual({ kind: 'Error', reason: 'ERC20: transfer amount exceeds balance', data: INSUFFICIENT });
  });

  it('Panic(uint256) names the code and its meaning', () => {
    expect(decodeRevert(PANIC_OVERFLOW)).toEqual({ kind: 'Panic', reason: 'Panic(0x11): arithmetic overflow or underflow', data: PANIC_OVERFLOW });
    const div = encodeErrorResult({ abi: parseAbi(['error Panic(uint256)']), errorName: 'Panic', args: [0x12n] });
    expect(decodeRevert(div).reason).toBe('Panic(0x12): division or modulo by zero');
    const odd = encodeErrorResult({ abi: parseAbi(['error Panic(uint256)']), errorName: 'Panic', args: [0x99n] });
    expect(decodeRevert(odd)).toEqual({ kind: 'Panic', reason: 'Panic(0x99): unknown panic code', data: odd });
  });

  it('a custom error is decoded with the ABI, and left raw without it', () => {
    const data = encodeErrorResult({ abi: ABI, errorName: 'InsufficientBalance', args: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 5n, 7n] });
    expect(decodeRevert(data, ABI)).toEqual({ kind: 'custom', reason: 'InsufficientBalance(0x70997970C51812dc3A010C7d01b50e0d17dc79C8, 5, 7)', data });
    expect(decodeRevert(data)).toEqual({ kind: 'unknown', reason: `custom error ${data.slice(0, 10)} (ABI unknown)`, data });
    const paused = encodeErrorResult({ abi: ABI, errorName: 'Paused' });
    expect(decodeRevert(paused, ABI).reason).toBe('Paused()');
    // An ABI that lacks the selector does not guess.
    expect(decodeRevert(data, parseAbi(['error Other(uint256)'])).kind).toBe('unknown');
  });

  it('empty and malformed data', () => {
    expect(decodeRevert('0x')).toEqual({ kind: 'unknown', reason: 'reverted without a reason', data: '0x' });
    expect(decodeRevert('0x08c379a0deadbeef')).toEqual({ kind: 'unknown', reason: 'malformed Error(string) revert data', data: '0x08c379a0deadbeef' });
    expect(decodeRevert('0x1234')).toEqual({ kind: 'unknown', reason: 'revert data 0x1234', data: '0x1234' });
  });
});
