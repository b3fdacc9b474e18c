/**
 * Property tests of the eth_sendTransaction decoder: calls encoded with viem from random fields decode back to the same
 * fields (kind, method, parties, amounts, flags, warnings), and arbitrary parameters give InvalidParamsError or a
 * decoded transaction, never another exception, each in < 100 ms.
 */
import fc from 'fast-check';
import { encodeFunctionData, erc20Abi, formatUnits, getAddress, toHex, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeEvmTransaction, evmTransactionWarnings, type EvmTransactionInput } from '../../../src/background/dapp/decode/evmTransaction';
import { InvalidParamsError } from '../../../src/shared/errors';
import { SlowestCase, onlyTyped } from './property';

const increaseAllowanceAbi = [{
  type: 'function', name: 'increaseAllowance', stateMutability: 'nonpayable',
  inputs: [{ name: 'spender', type: 'address' }, { name: 'addedValue', type: 'uint256' }], outputs: [{ type: 'bool' }],
}] as const;

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const rawAddress = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(`0x${hexOf(b)}`));
/** The same address as a dapp may write it: checksummed, lower case, upper-case hex digits. */
const written = (a: string) => fc.constantFrom(a, a.toLowerCase(), `0x${a.slice(2).toUpperCase()}`);
const uint256 = fc.oneof(fc.constantFrom(0n, 1n, (1n << 255n) - 1n, 1n << 255n, (1n << 256n) - 1n), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.bigInt({ min: 0n, max: 10n ** 30n }));
const quantity = (v: bigint) => fc.constantFrom(toHex(v), v.toString(), `0x${v.toString(16).toUpperCase()}`);

type Call =
  | { kind: 'native' } | { kind: 'deploy' } | { kind: 'call'; data: Hex }
  | { kind: 'transfer'; recipient: Address; amount: bigint }
  | { kind: 'transferFrom'; owner: Address; recipient: Address; amount: bigint }
  | { kind: 'approve' | 'increaseAllowance'; spender: Address; amount: bigint };

const call: fc.Arbitrary<Call> = fc.oneof(
  fc.constant({ kind: 'native' as const }),
  fc.constant({ kind: 'deploy' as const }),
  fc.uint8Array({ minLength: 1, maxLength: 100 }).map((b) => ({ kind: 'call' as const, data: `0x${hexOf(b)}` as Hex })),
  fc.record({ kind: fc.constant('transfer' as const), recipient: rawAddress, amount: uint256 }),
  fc.record({ kind: fc.constant('transferFrom' as const), owner: rawAddress, recipient: rawAddress, amount: uint256 }),
  fc.record({ kind: fc.constantFrom('approve' as const, 'increaseAllowance' as const), spender: rawAddress, amount: uint256 }),
);

function encode(c: Call): Hex | undefined {
  switch (c.kind) {
    case 'native': case 'deploy': return undefined;
    case 'call': return c.data;
    case 'transfer': return encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [c.recipient, c.amount] });
    case 'transferFrom': return encodeFunctionData({ abi: erc20Abi, functionName: 'transferFrom', args: [c.owner, c.recipient, c.amount] });
    case 'approve': return encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [c.spender, c.amount] });
    case 'increaseAllowance': return encodeFunctionData({ abi: increaseAllowanceAbi, functionName: 'increaseAllowance', args: [c.spender, c.amount] });
  }
}

const roundTrip = fc.record({
  from: rawAddress, to: rawAddress, value: fc.oneof(fc.constant(0n), uint256), call,
  known: fc.option(fc.record({ symbol: fc.string({ minLength: 1, maxLength: 8 }), decimals: fc.integer({ min: 0, max: 36 }) }), { nil: undefined }),
}).chain((f) => fc.record({
  f: fc.constant(f), fromText: written(f.from), toText: written(f.to), valueText: fc.option(quantity(f.value), { nil: undefined }),
  upperData: fc.boolean(),
}));

describe('decodeEvmTransaction (property)', () => {
  it('viem-encoded ERC-20 calls, native sends, deployments and other calls decode to the fields they were built from; < 100 ms', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(roundTrip, ({ f, fromText, toText, valueText, upperData }) => {
      const data = encode(f.call);
      const value = valueText === undefined ? 0n : f.value;
      const tx: EvmTransactionInput = {
        from: fromText, to: f.call.kind === 'deploy' ? null : toText, ...(valueText !== undefined ? { value: valueText } : {}),
        ...(data ? { data: upperData ? `0x${data.slice(2).toUpperCase()}` : data } : {}),
      };
      const ctx = { chainId: 1, nativeSymbol: 'ETH', knownTokens: f.known ? { [f.to.toLowerCase()]: f.known } : {} };
      const d = slow.time(tx, () => decodeEvmTransaction(tx, ctx));
      expect(d.from).toBe(f.from);
      expect(d.to).toBe(f.call.kind === 'deploy' ? null : f.to);
      expect(d.value).toBe(value.toString());
      expect(d.valueFormatted).toBe(`${formatUnits(value, 18)} ETH`);
      expect(d.data).toBe(data ?? '0x');
      const codes = evmTransactionWarnings(d).map((w) => w.code);
      const c = f.call;
      switch (c.kind) {
        case 'native': expect(d.kind).toBe('native-transfer'); break;
        case 'deploy': expect(d.kind).toBe('contract-deploy'); expect(codes).toContain('contract-deploy'); break;
        case 'call':
          // Random bytes are a contract call unless they happen to be a well-formed token call.
          if (d.kind === 'contract-call') expect(d.selector).toBe(c.data.length >= 10 ? c.data.slice(0, 10) : undefined);
          break;
        default: {
          expect(d.kind).toBe(c.kind === 'transfer' || c.kind === 'transferFrom' ? 'erc20-transfer' : 'erc20-approve');
          expect(d.method).toBe(c.kind);
          expect(d.selector).toBe(data!.slice(0, 10));
          expect(d.token).toEqual({ address: f.to, ...(f.known ?? {}) });
          expect(d.amount).toBe(c.amount.toString());
          expect(d.amountFormatted).toBe(f.known ? `${formatUnits(c.amount, f.known.decimals)} ${f.known.symbol}` : undefined);
          if (c.kind === 'transferFrom') expect(d.owner).toBe(c.owner);
          if (c.kind === 'transfer' || c.kind === 'transferFrom') expect(d.recipient).toBe(c.recipient);
          if (c.kind === 'approve' || c.kind === 'increaseAllowance') {
            expect(d.spender).toBe(c.spender);
            expect(d.unlimited).toBe(c.amount >= 1n << 255n);
            expect(codes.includes('unlimited-approval')).toBe(c.amount >= 1n << 255n);
          }
          expect(codes.includes('value-to-token-contract')).toBe(value > 0n);
        }
      }
    }), { seed: 681_1559, numRuns: 300 });
    slow.expectUnderBudget();
  });

  it('arbitrary parameters: InvalidParamsError or a well-formed decoding, never another exception; < 100 ms', () => {
    const slow = new SlowestCase();
    const hexish = fc.oneof(
      fc.uint8Array({ maxLength: 80 }).map((b) => `0x${hexOf(b)}`),
      fc.tuple(fc.constantFrom('0xa9059cbb', '0x23b872dd', '0x095ea7b3', '0x39509351'), fc.uint8Array({ maxLength: 100 })).map(([s, b]) => s + hexOf(b)),
      fc.constantFrom('0x', '0x0', '0X00', '', '0xzz', '12', '-1', '0x' + 'f'.repeat(64), '1'.repeat(200)),
    );
    const field = fc.oneof(hexish, rawAddress, rawAddress.map((a) => a.slice(0, 41)), fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 1 }));
    const params = fc.oneof(
      { weight: 4, arbitrary: fc.record({ from: field, to: field, value: field, data: field, gas: field }, { requiredKeys: [] }) },
      fc.anything(),
    );
    fc.assert(fc.property(params, (tx) => {
      const r = slow.time(tx, () => onlyTyped([InvalidParamsError], () => decodeEvmTransaction(tx as EvmTransactionInput, { chainId: 1, nativeSymbol: 'ETH' })));
      if (!r.ok) return;
      const d = r.value;
      expect(d.from).toBe(getAddress(d.from));
      if (d.to !== null) expect(d.to).toBe(getAddress(d.to));
      expect(d.value).toMatch(/^\d+$/);
      expect(d.data).toMatch(/^0x(?:[0-9a-f]{2})*$/);
      expect(() => JSON.stringify(d)).not.toThrow();
      evmTransactionWarnings(d);
    }), { seed: 681_1560, numRuns: 1000 });
    slow.expectUnderBudget();
  });
});
