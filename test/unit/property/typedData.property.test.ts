/**
 * Property tests of the EIP-712 decoder. Random schemas (nested structs, arrays, every atomic type) with random values
 * decode to a tree that shows the values as viem hashes them; mutated and arbitrary inputs give InvalidParamsError or a
 * tree, never another exception; and whatever is accepted obeys "what you see is what you sign": the typed data rebuilt
 * from the displayed tree alone hashes to the digest that is signed.
 */
import fc from 'fast-check';
import { getAddress, hashTypedData } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeTypedData, typedDataWarnings, type DecodedTypedData, type Tree } from '../../../src/background/dapp/decode/typedData';
import { InvalidParamsError } from '../../../src/shared/errors';
import { SlowestCase, onlyTyped } from './property';

type Field = { name: string; type: string };
type Types = Record<string, Field[]>;
type Spec = { types: Types; primaryType: string; domainKeys: string[]; explicitDomain: boolean };

const STRUCT_NAMES = ['Mail', 'Person', 'Permit', 'Order', 'Item', 'Asset', 'Group', 'Z9'];
const FIELD_NAMES = ['from', 'to', 'value', 'amount', 'spender', 'owner', 'nonce', 'deadline', 'data', 'items', 'name', 'ok', 'salt', 'x'];
const SIZES = [8, 16, 24, 32, 64, 96, 128, 160, 200, 248, 256];
const atomic = fc.oneof(
  fc.constantFrom('string', 'bool', 'address', 'bytes'),
  fc.integer({ min: 1, max: 32 }).map((n) => `bytes${n}`),
  fc.tuple(fc.constantFrom('uint', 'int'), fc.constantFrom(...SIZES)).map(([k, n]) => `${k}${n}`),
);
const withArray = (t: fc.Arbitrary<string>) => fc.tuple(t, fc.constantFrom('', '', '', '[]', '[2]', '[1]', '[][]'))
  .map(([x, s]) => x + s);

/** A DAG of structs: struct i may use any atomic type or any struct after it; the first one is the primary type. */
const spec: fc.Arbitrary<Spec> = fc.shuffledSubarray(STRUCT_NAMES, { minLength: 1, maxLength: 4 }).chain((names) => fc.record({
  fields: fc.tuple(...names.map((_, i) => {
    const later = names.slice(i + 1);
    const type = later.length ? fc.oneof({ weight: 3, arbitrary: atomic }, fc.constantFrom(...later)) : atomic;
    return fc.uniqueArray(fc.tuple(fc.constantFrom(...FIELD_NAMES), withArray(type)), { maxLength: 4, selector: ([n]) => n });
  })),
  domainKeys: fc.subarray(['name', 'version', 'chainId', 'verifyingContract', 'salt']),
  explicitDomain: fc.boolean(),
}).map(({ fields, domainKeys, explicitDomain }) => ({
  types: Object.fromEntries(names.map((n, i) => [n, fields[i]!.map(([name, type]) => ({ name, type }))])),
  primaryType: names[0]!,
  domainKeys,
  explicitDomain,
})));

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const mixCase = (h: string, mask: number) => Array.from(h, (c, i) => ((mask >> (i % 31)) & 1 ? c.toUpperCase() : c)).join('');
const address = fc.tuple(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.boolean())
  .map(([b, checksum]) => (checksum ? getAddress(`0x${hexOf(b)}`) : `0x${hexOf(b)}`));
const bytes = (min: number, max: number) => fc.tuple(fc.uint8Array({ minLength: min, maxLength: max }), fc.nat())
  .map(([b, m]) => `0x${mixCase(hexOf(b), m)}`);
function integer(signed: boolean, bits: number): fc.Arbitrary<unknown> {
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -max - 1n : 0n;
  return fc.oneof(fc.constantFrom(min, max, 0n), fc.bigInt({ min, max })).chain((n) => {
    const forms: Array<fc.Arbitrary<unknown>> = [fc.constant(n.toString())];
    if (n >= 0n) forms.push(fc.constant(`0x${n.toString(16)}`));
    if (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) forms.push(fc.constant(Number(n)));
    return fc.oneof(...forms);
  });
}

function valueOf(type: string, types: Types, depth = 0): fc.Arbitrary<unknown> {
  const array = /^(.+)\[(\d*)\]$/.exec(type);
  if (array) {
    const inner = valueOf(array[1]!, types, depth + 1);
    return array[2] ? fc.array(inner, { minLength: Number(array[2]), maxLength: Number(array[2]) }) : fc.array(inner, { maxLength: depth > 2 ? 1 : 3 });
  }
  const struct = types[type];
  if (struct) return fc.record(Object.fromEntries(struct.map((f) => [f.name, valueOf(f.type, types, depth + 1)])));
  if (type === 'string') return fc.string({ unit: 'grapheme', maxLength: 20 });
  if (type === 'bool') return fc.boolean();
  if (type === 'address') return address;
  if (type === 'bytes') return bytes(0, 40);
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) return bytes(Number(fixed[1]), Number(fixed[1]));
  const int = /^(u?)int(\d*)$/.exec(type)!;
  return integer(int[1] !== 'u', int[2] ? Number(int[2]) : 256);
}

const DOMAIN_TYPES: Record<string, string> = { name: 'string', version: 'string', chainId: 'uint256', verifyingContract: 'address', salt: 'bytes32' };
const validTypedData = spec.chain((s) => fc.record({
  domain: fc.record(Object.fromEntries(s.domainKeys.map((k) => [k, valueOf(DOMAIN_TYPES[k]!, {})]))),
  message: valueOf(s.primaryType, s.types),
}).map(({ domain, message }) => ({
  types: s.explicitDomain ? { EIP712Domain: s.domainKeys.map((k) => ({ name: k, type: DOMAIN_TYPES[k]! })), ...s.types } : s.types,
  primaryType: s.primaryType,
  domain,
  message,
})));

/** The typed data as the approval window shows it: rebuilt from the tree's leaves only. */
function rebuild(tree: Tree): unknown {
  if ('value' in tree) {
    if (/^u?int\d*$/.test(tree.type)) return BigInt(tree.value);
    if (tree.type === 'bool') return tree.value === 'true';
    return tree.value;
  }
  if (/\]$/.test(tree.type)) return tree.children.map(rebuild);
  return Object.fromEntries(tree.children.map((c) => [c.name, rebuild(c)]));
}

/** What you see is what you sign: the displayed tree alone hashes to the digest. */
function expectWysiwys(d: DecodedTypedData): void {
  const raw = d.raw as { types: Types };
  const hash = hashTypedData({
    types: raw.types, primaryType: d.primaryType, domain: rebuild(d.domain) as Record<string, never>, message: rebuild(d.message) as Record<string, unknown>,
  } as Parameters<typeof hashTypedData>[0]);
  expect(hash).toBe(d.hash);
}

/** Expected display value of a leaf, from the input value. */
function shown(type: string, v: unknown): string {
  if (/^u?int\d*$/.test(type)) return BigInt(v as string | number).toString();
  if (type === 'address') return getAddress(v as string);
  if (type.startsWith('bytes')) return (v as string).toLowerCase();
  return String(v);
}
function expectTree(tree: Tree, type: string, value: unknown, types: Types): void {
  expect(tree.type).toBe(type);
  if ('value' in tree) {
    expect(tree.value).toBe(shown(type, value));
    return;
  }
  const items = Array.isArray(value) ? value : (types[type] ?? []).map((f) => (value as Record<string, unknown>)[f.name]);
  const fieldTypes = Array.isArray(value) ? value.map(() => /^(.+)\[\d*\]$/.exec(type)![1]!) : (types[type] ?? []).map((f) => f.type);
  expect(tree.children).toHaveLength(items.length);
  tree.children.forEach((c, i) => expectTree(c, fieldTypes[i]!, items[i], types));
}

const toJson = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** One random change somewhere in the object: replace, delete, retype, or add a field. */
const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('', ' 1', '0x', '0X10', '-0x1', '1e3', '1.5', 'true', '0x' + 'f'.repeat(65), 1e21, -1, 2 ** 53, NaN, null),
  fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', 'EIP712Domain', 'uint257', 'int0', 'bytes33', 'bytes0', 'uint', 'int', 'uint7', 'string[', 'Mail[]', 'Mail[1]'),
);
function mutate(root: unknown, path: number[], kind: number, replacement: unknown): unknown {
  const copy = JSON.parse(toJson(root)) as unknown;
  let node: unknown = copy;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[step % keys.length]!;
    const child = (node as Record<string, unknown>)[key];
    if (typeof child !== 'object' || child === null || kind % 4 === 0) {
      const rec = node as Record<string, unknown>;
      if (kind % 4 === 1) delete rec[key];
      else if (kind % 4 === 2) rec[`${key}_`] = replacement;
      else rec[key] = replacement;
      return copy;
    }
    node = child;
  }
  return replacement;
}
const mutated = fc.tuple(validTypedData, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.nat(), junk)
  .map(([td, path, kind, rep]) => mutate(td, path, kind, rep));

const check = (input: unknown): ReturnType<typeof onlyTyped<DecodedTypedData>> =>
  onlyTyped([InvalidParamsError], () => decodeTypedData(input as object));

describe('decodeTypedData (property)', () => {
  it('random schemas and values: the tree shows each value as hashed, the digest is viem\'s, JSON text decodes the same; < 100 ms', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(validTypedData, fc.integer({ min: 1, max: 100_000 }), (td, chainId) => {
      const d = slow.time(td, () => decodeTypedData(td));
      expect(d.hash).toBe(hashTypedData(td as Parameters<typeof hashTypedData>[0]));
      const domainTypes = td.types.EIP712Domain ?? Object.keys(td.domain).map((k) => ({ name: k, type: DOMAIN_TYPES[k]! }));
      expectTree(d.domain, 'EIP712Domain', td.domain, { ...td.types, EIP712Domain: domainTypes });
      expectTree(d.message, td.primaryType, td.message, td.types);
      expectWysiwys(d);
      const fromJson = decodeTypedData(toJson(td));
      expect(fromJson.hash).toBe(d.hash);
      expect(fromJson.message).toEqual(d.message);
      const warnings = typedDataWarnings(d, { chainId, origin: 'https://dapp.example' });
      const shownChain = (d.domain as { children: Tree[] }).children.find((c) => c.name === 'chainId');
      expect(warnings.some((w) => w.code === 'typed-data-chain-mismatch')).toBe(shownChain !== undefined && 'value' in shownChain && shownChain.value !== String(chainId));
    }), { seed: 712, numRuns: 150 });
    slow.expectUnderBudget();
  });

  it('one random mutation of valid typed data: InvalidParamsError or a tree whose shown values hash to the signed digest; < 100 ms', () => {
    const slow = new SlowestCase();
    fc.assert(fc.property(mutated, (input) => {
      const r = slow.time(input, () => check(input));
      if (r.ok) expectWysiwys(r.value);
      const s = slow.time(input, () => check(toJson(input)));
      if (s.ok) expectWysiwys(s.value);
    }), { seed: 713, numRuns: 300 });
    slow.expectUnderBudget();
  });

  it('arbitrary values and JSON text: InvalidParamsError or a tree, never another exception; < 100 ms', () => {
    const slow = new SlowestCase();
    const shaped = fc.record({
      types: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...STRUCT_NAMES, 'EIP712Domain', 'toString', '__proto__', 'constructor'), fc.string()),
        fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string()), type: fc.oneof(atomic, junk) }), { maxLength: 3 }), junk)), junk),
      primaryType: fc.oneof(fc.constantFrom(...STRUCT_NAMES, 'EIP712Domain', 'toString', '__proto__', 'constructor', 'valueOf'), junk),
      domain: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ chainId: junk, name: junk }, { requiredKeys: [] })),
      message: fc.jsonValue({ maxDepth: 3 }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(shaped, fc.jsonValue(), fc.string(), fc.anything()), (input) => {
      const r = slow.time(input, () => check(input));
      if (r.ok) expectWysiwys(r.value);
      if (typeof input !== 'string') {
        let text: string | undefined;
        try { text = JSON.stringify(input); } catch { text = undefined; }
        if (text !== undefined) slow.time(text, () => check(text));
      }
    }), { seed: 714, numRuns: 600 });
    slow.expectUnderBudget();
  });
});
