import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { maxUint160, maxUint256 } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeTypedData, typedDataWarnings, type Tree } from '../../../../../src/background/dapp/decode/typedData';

type Vector = { id: string; typed_data: Record<string, unknown>; expected: { digest: string } };
const vectors = (JSON.parse(readFileSync(fileURLToPath(new URL('../../../../vectors/eip712.json', import.meta.url)), 'utf8')) as { vectors: Vector[] }).vectors;

// The EIP-712 "Ether Mail" example, copied from test/vectors/eip712.json (eip712-spec-mail).
const MAIL = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
};
const MAIL_DIGEST = '0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2';

const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const SPENDER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const OWNER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

function permit(value: string | number) {
  return {
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' }, { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' },
      ],
      Permit: [
        { name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    domain: { name: 'USD Coin', version: '2', chainId: 1, verifyingContract: USDC },
    message: { owner: OWNER.toLowerCase(), spender: SPENDER, value, nonce: 0, deadline: '1718000000' },
  };
}

function permit2Single(amount: string) {
  return {
    types: {
      PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }],
      PermitDetails: [
        { name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' },
      ],
    },
    primaryType: 'PermitSingle',
    domain: { name: 'Permit2', chainId: 1, verifyingContract: '0x000000000022D473030F116dDEE9F6B43aC78BA3' },
    message: { details: { token: USDC, amount, expiration: '1718000000', nonce: '0' }, spender: SPENDER, sigDeadline: '1718000000' },
  };
}

const ctx = { chainId: 1, origin: 'https://app.example' };

describe('decodeTypedData', () => {
  it('builds the tree of the Ether Mail example', () => {
    const d = decodeTypedData(JSON.stringify(MAIL));
    expect(d.primaryType).toBe('Mail');
    expect(d.hash).toBe(MAIL_DIGEST);
    expect(d.raw).toEqual(MAIL);
    expect(d.domain).toEqual({
      name: 'domain', type: 'EIP712Domain', children: [
        { name: 'name', type: 'string', value: 'Ether Mail' },
        { name: 'version', type: 'string', value: '1' },
        { name: 'chainId', type: 'uint256', value: '1' },
        { name: 'verifyingContract', type: 'address', value: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
      ],
    });
    expect(d.message).toEqual({
      name: 'message', type: 'Mail', children: [
        { name: 'from', type: 'Person', children: [
          { name: 'name', type: 'string', value: 'Cow' },
          { name: 'wallet', type: 'address', value: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
        ] },
        { name: 'to', type: 'Person', children: [
          { name: 'name', type: 'string', value: 'Bob' },
          { name: 'wallet', type: 'address', value: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
        ] },
        { name: 'contents', type: 'string', value: 'Hello, Bob!' },
      ],
    });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(decodeTypedData(MAIL)).toEqual(d);
  });

  it('reproduces every viem-compatible digest in test/vectors/eip712.json', () => {
    const ok = vectors.filter((v) => v.id !== 'eth-sig-util-signedTypeData_v4-recursive');
    expect(ok.length).toBe(5);
    for (const v of ok) expect(decodeTypedData(v.typed_data).hash, v.id).toBe(v.expected.digest);
  });

  it('shows arrays with index names and checksummed addresses', () => {
    const v = vectors.find((x) => x.id === 'eth-sig-util-signedTypeData_v4-arrays')!;
    const to = (decodeTypedData(v.typed_data).message as Extract<Tree, { children: Tree[] }>).children[1]!;
    expect(to).toMatchObject({ name: 'to', type: 'Person[]' });
    const first = (to as Extract<Tree, { children: Tree[] }>).children[0]!;
    expect(first).toMatchObject({ name: '0', type: 'Person' });
    const wallets = (first as Extract<Tree, { children: Tree[] }>).children[1]!;
    expect(wallets).toMatchObject({ name: 'wallets', type: 'address[]' });
    for (const w of (wallets as Extract<Tree, { children: Tree[] }>).children) {
      expect(w).toMatchObject({ type: 'address', value: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) });
      expect((w as { value: string }).value).not.toBe((w as { value: string }).value.toLowerCase());
    }
  });

  it('shows bytes as hex, integers as decimal strings and booleans', () => {
    const d = decodeTypedData({
      types: { T: [
        { name: 'b', type: 'bytes' }, { name: 'b4', type: 'bytes4' }, { name: 'n', type: 'uint256' }, { name: 'i', type: 'int8' },
        { name: 'h', type: 'uint64' }, { name: 'ok', type: 'bool' }, { name: 'big', type: 'uint256' },
      ] },
      primaryType: 'T',
      domain: { name: 'x', chainId: '0x89' },
      message: { b: '0xDEADbeef00', b4: '0x01020304', n: '1000000000000000000', i: -128, h: '0xff', ok: false, big: maxUint256.toString() },
    });
    expect(d.message).toEqual({ name: 'message', type: 'T', children: [
      { name: 'b', type: 'bytes', value: '0xdeadbeef00' },
      { name: 'b4', type: 'bytes4', value: '0x01020304' },
      { name: 'n', type: 'uint256', value: '1000000000000000000' },
      { name: 'i', type: 'int8', value: '-128' },
      { name: 'h', type: 'uint64', value: '255' },
      { name: 'ok', type: 'bool', value: 'false' },
      { name: 'big', type: 'uint256', value: '115792089237316195423570985008687907853269984665640564039457584007913129639935' },
    ] });
    // Without an EIP712Domain type, the domain's fields are derived from the domain (as viem does).
    expect(d.domain).toEqual({ name: 'domain', type: 'EIP712Domain', children: [
      { name: 'name', type: 'string', value: 'x' }, { name: 'chainId', type: 'uint256', value: '137' },
    ] });
  });

  it.each<[string, unknown]>([
    ['invalid JSON', '{"types":'],
    ['a non-object', '[1,2]'],
    ['missing types', { primaryType: 'Mail', domain: {}, message: {} }],
    ['an unknown primaryType', { ...MAIL, primaryType: 'Nope' }],
    ['a missing field', { ...MAIL, message: { ...MAIL.message, contents: undefined } }],
    ['a bad address', { ...MAIL, message: { ...MAIL.message, to: { name: 'Bob', wallet: '0x1234' } } }],
    ['a bad checksum', { ...MAIL, message: { ...MAIL.message, to: { name: 'Bob', wallet: '0xBbBBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' } } }],
    ['a number where a string is expected', { ...MAIL, message: { ...MAIL.message, contents: 42 } }],
    ['an out-of-range integer', { ...permit(1), message: { ...permit(1).message, value: (maxUint256 + 1n).toString() } }],
    ['a negative uint', permit(-1)],
    ['a fractional number', permit(1.5)],
    ['an empty integer string', permit('')],
    ['a string bool', { types: { T: [{ name: 'ok', type: 'bool' }] }, primaryType: 'T', domain: {}, message: { ok: 'false' } }],
    ['wrong bytesN size', { types: { T: [{ name: 'b', type: 'bytes4' }] }, primaryType: 'T', domain: {}, message: { b: '0x0102' } }],
    ['non-hex bytes', { types: { T: [{ name: 'b', type: 'bytes' }] }, primaryType: 'T', domain: {}, message: { b: 'hello' } }],
    ['an unknown type', { types: { T: [{ name: 'x', type: 'Foo' }] }, primaryType: 'T', domain: {}, message: { x: 1 } }],
    ['a fixed array of the wrong length', { types: { T: [{ name: 'x', type: 'uint8[2]' }] }, primaryType: 'T', domain: {}, message: { x: [1] } }],
    ['the recursive vector with absent structs', vectors.find((v) => v.id === 'eth-sig-util-signedTypeData_v4-recursive')!.typed_data],
  ])('rejects %s with InvalidParamsError', (_n, input) => {
    expect(() => decodeTypedData(input as object)).toThrow(expect.objectContaining({ code: -32602, name: 'InvalidParamsError' }));
  });
});

describe('typedDataWarnings', () => {
  it('has none for Mail on its chain', () => {
    expect(typedDataWarnings(decodeTypedData(MAIL), ctx)).toEqual([]);
  });

  it('flags a domain chain id that is not the current chain', () => {
    expect(typedDataWarnings(decodeTypedData(MAIL), { ...ctx, chainId: 137 })).toEqual([{
      level: 'danger', code: 'typed-data-chain-mismatch', message: 'This signature is for chain ID 1, but the wallet is on chain ID 137.',
    }]);
    const hexChain = { ...MAIL, domain: { ...MAIL.domain, chainId: '0x89' } };
    expect(typedDataWarnings(decodeTypedData(hexChain), { ...ctx, chainId: 137 })).toEqual([]);
  });

  it('warns about a limited EIP-2612 permit', () => {
    const d = decodeTypedData(permit('1000000'));
    expect(d.message).toMatchObject({ children: [
      { name: 'owner', value: OWNER }, { name: 'spender', value: SPENDER }, { name: 'value', value: '1000000' },
      { name: 'nonce', value: '0' }, { name: 'deadline', value: '1718000000' },
    ] });
    expect(typedDataWarnings(d, ctx)).toEqual([{
      level: 'warning', code: 'permit', message: `This signature lets ${SPENDER} spend your tokens.`,
    }]);
  });

  it('flags an unlimited permit as danger', () => {
    const w = typedDataWarnings(decodeTypedData(permit(maxUint256.toString())), ctx);
    expect(w.map((x) => `${x.level}:${x.code}`)).toEqual(['danger:unlimited-permit']);
    expect(typedDataWarnings(decodeTypedData(permit((1n << 255n).toString())), ctx).map((x) => x.code)).toEqual(['unlimited-permit']);
    expect(typedDataWarnings(decodeTypedData(permit(((1n << 255n) - 1n).toString())), ctx).map((x) => x.code)).toEqual(['permit']);
  });

  it('reads Permit2 amounts against their uint160 range', () => {
    expect(typedDataWarnings(decodeTypedData(permit2Single(maxUint160.toString())), ctx).map((x) => x.code)).toEqual(['unlimited-permit']);
    expect(typedDataWarnings(decodeTypedData(permit2Single('5000000')), ctx).map((x) => x.code)).toEqual(['permit']);
    const batch = {
      types: {
        PermitBatch: [{ name: 'details', type: 'PermitDetails[]' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }],
        PermitDetails: permit2Single('0').types.PermitDetails,
      },
      primaryType: 'PermitBatch',
      domain: permit2Single('0').domain,
      message: {
        details: [
          { token: USDC, amount: '1', expiration: '1', nonce: '0' },
          { token: USDC, amount: maxUint160.toString(), expiration: '1', nonce: '0' },
        ],
        spender: SPENDER, sigDeadline: '1',
      },
    };
    expect(typedDataWarnings(decodeTypedData(batch), ctx).map((x) => `${x.level}:${x.code}`)).toEqual(['danger:unlimited-permit']);
  });

  it('treats a DAI-style permit with allowed=true as unlimited', () => {
    const dai = {
      types: { Permit: [
        { name: 'holder', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'nonce', type: 'uint256' },
        { name: 'expiry', type: 'uint256' }, { name: 'allowed', type: 'bool' },
      ] },
      primaryType: 'Permit',
      domain: { name: 'Dai Stablecoin', version: '1', chainId: 1, verifyingContract: '0x6B175474E89094C44Da98b954EedeAC495271d0F' },
      message: { holder: OWNER, spender: SPENDER, nonce: 0, expiry: 0, allowed: true },
    };
    expect(typedDataWarnings(decodeTypedData(dai), ctx).map((x) => x.code)).toEqual(['unlimited-permit']);
    expect(typedDataWarnings(decodeTypedData({ ...dai, message: { ...dai.message, allowed: false } }), ctx).map((x) => x.code)).toEqual(['permit']);
  });
});
