// Legacy typed data (eth_signTypedData "v1"): eth-sig-util's typedSignatureHash rebuilt with viem, checked against the
// vectors copied from eth-sig-util's tests (test/vectors/eth_sign_typed_data_v1.json), and the decoder's value rules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { decodeTypedDataV1 } from '../../../../../src/background/dapp/decode/typedData';

type Vector = { id: string; typed_data: unknown[]; hash: Hex; private_key?: Hex; address?: string; signature?: Hex };
const vectors = (JSON.parse(readFileSync(fileURLToPath(new URL('../../../../vectors/eth_sign_typed_data_v1.json', import.meta.url)), 'utf8')) as { vectors: Vector[] }).vectors;

describe('decodeTypedDataV1', () => {
  it.each(vectors.map((v) => [v.id, v] as const))('%s: the typedSignatureHash of eth-sig-util', (_id, v) => {
    expect(decodeTypedDataV1(v.typed_data).hash).toBe(v.hash);
    expect(decodeTypedDataV1(JSON.stringify(v.typed_data)).hash).toBe(v.hash); // a JSON string is read the same
  });

  it('signing that hash with the key of the vector gives eth-sig-util\'s V1 signature (no message prefix)', async () => {
    const v = vectors.find((x) => x.signature)!;
    const account = privateKeyToAccount(v.private_key!);
    expect(account.address.toLowerCase()).toBe(v.address);
    expect(await account.sign({ hash: decodeTypedDataV1(v.typed_data).hash })).toBe(v.signature);
  });

  it('shows every entry as name, type and value, checked as v3/v4 values are', () => {
    const d = decodeTypedDataV1([
      { type: 'string', name: 'message', value: 'Hi, Alice!' },
      { type: 'uint', name: 'amount', value: '0x10' },
      { type: 'address', name: 'to', value: '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
      { type: 'bool', name: 'ok', value: true },
      { type: 'bytes32', name: 'id', value: `0x${'AB'.repeat(32)}` },
    ]);
    expect(d.message).toEqual({
      name: 'message', type: 'v1', children: [
        { name: 'message', type: 'string', value: 'Hi, Alice!' },
        { name: 'amount', type: 'uint', value: '16' },
        { name: 'to', type: 'address', value: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
        { name: 'ok', type: 'bool', value: 'true' },
        { name: 'id', type: 'bytes32', value: `0x${'ab'.repeat(32)}` },
      ],
    });
    // `uint` is read as uint256 (ethereumjs-abi's reading): its whole range and no more.
    expect(decodeTypedDataV1([{ type: 'uint', name: 'n', value: (2n ** 256n - 1n).toString() }]).message).toMatchObject({ children: [{ value: (2n ** 256n - 1n).toString() }] });
    expect(() => decodeTypedDataV1([{ type: 'uint', name: 'n', value: (2n ** 256n).toString() }])).toThrow(expect.objectContaining({ code: -32602 }));
  });

  it.each([
    ['an empty array', []],
    ['an object (v3/v4 shape)', { types: {}, primaryType: 'X', domain: {}, message: {} }],
    ['invalid JSON', '[{'],
    ['an entry without a name', [{ type: 'string', value: 'x' }]],
    ['an empty name', [{ type: 'string', name: '', value: 'x' }]],
    ['an entry without a type', [{ name: 'a', value: 'x' }]],
    ['an unknown type', [{ type: 'jocker', name: 'message', value: 'Hi' }]],
    ['an array type (not part of v1)', [{ type: 'uint8[]', name: 'a', value: [1] }]],
    ['a name used twice', [{ type: 'string', name: 'a', value: 'x' }, { type: 'string', name: 'a', value: 'y' }]],
    ['a uint8 out of range', [{ type: 'uint8', name: 'a', value: 256 }]],
    ['a bool given as a string', [{ type: 'bool', name: 'a', value: 'true' }]],
    ['bytes that are not hex', [{ type: 'bytes', name: 'a', value: 'hello' }]],
    ['a bad address', [{ type: 'address', name: 'a', value: '0x1234' }]],
    ['a missing value', [{ type: 'string', name: 'a' }]],
  ])('refuses %s with -32602', (_label, input) => {
    expect(() => decodeTypedDataV1(input)).toThrow(expect.objectContaining({ code: -32602 }));
  });
});
