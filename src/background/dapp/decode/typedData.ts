/**
 * EIP-712 typed data (eth_signTypedData_v3/v4, and the legacy v1 array of eth_signTypedData) decoded into a readable tree for the approval window.
 *
 * Every value is checked the way viem encodes it (viem signs `raw`), so the tree shows exactly what is hashed:
 * integers are read with BigInt() as viem does, booleans must be booleans, strings strings, bytes 0x-hex, addresses
 * valid (EIP-55 when mixed case). Anything else is rejected with InvalidParamsError instead of being shown one way
 * and signed another.
 */
import { encodePacked, getAddress, getTypesForEIP712Domain, hashTypedData, isAddress, keccak256, validateTypedData, type Hex, type TypedDataDomain } from 'viem';
import type { Warning } from '../../../shared/approval';
import { InvalidParamsError } from '../../../shared/errors';

export type { Warning };

export type Tree =
  | { name: string; type: string; value: string }
  | { name: string; type: string; children: Tree[] };

export type DecodedTypedData = {
  domain: Tree;
  primaryType: string;
  message: Tree;
  /** The typed data as received (parsed from JSON when a string was given). */
  raw: object;
  /** The EIP-712 digest that the signature commits to. */
  hash: Hex;
};

export type TypedDataWarningContext = { chainId: number; origin: string };

type Field = { name: string; type: string };
type Types = Record<string, Field[]>;

const MAX_DEPTH = 32;
const MAX_NODES = 20_000;
const INT = /^(u?)int(\d*)$/;
const BYTES_N = /^bytes(\d+)$/;
const ARRAY = /^(.+)\[(\d*)\]$/;

const bad = (message: string): never => {
  throw new InvalidParamsError(`Invalid typed data: ${message}`);
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON string parsed (typed data may come as a string or as the object). */
function fromJson(json: unknown): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json);
  } catch {
    return bad('not valid JSON.');
  }
}

function parseInput(json: string | object): Record<string, unknown> {
  const data = fromJson(json);
  if (!isRecord(data)) bad('expected an object with types, primaryType, domain and message.');
  return data as Record<string, unknown>;
}

function parseTypes(types: unknown): Types {
  if (!isRecord(types)) bad('"types" must be an object.');
  const out: Types = {};
  for (const [name, fields] of Object.entries(types as Record<string, unknown>)) {
    if (!Array.isArray(fields)) bad(`type ${name} must be a list of fields.`);
    const seen = new Set<string>();
    out[name] = (fields as unknown[]).map((f) => {
      if (!isRecord(f) || typeof f.name !== 'string' || typeof f.type !== 'string') bad(`type ${name} has a malformed field.`);
      const field = f as Field;
      if (seen.has(field.name)) bad(`type ${name} declares "${field.name}" twice.`);
      seen.add(field.name);
      return { name: field.name, type: field.type };
    });
  }
  return out;
}

type Walker = { types: Types; nodes: number };

function leaf(name: string, type: string, value: string): Tree {
  return { name, type, value };
}

function integer(name: string, type: string, value: unknown, signed: boolean, bits: number): Tree {
  if (!(bits > 0 && bits <= 256 && bits % 8 === 0)) bad(`unsupported type ${type}.`);
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && value.trim() !== '') {
    try {
      n = BigInt(value);
    } catch {
      return bad(`${name} is not an integer: "${value}".`);
    }
  } else return bad(`${name} must be an integer (${type}).`);
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -max - 1n : 0n;
  if (n > max || n < min) bad(`${name} is out of range for ${type}.`);
  return leaf(name, type, n.toString());
}

function bytes(name: string, type: string, value: unknown, size: number | null): Tree {
  if (typeof value !== 'string' || !/^0x(?:[0-9a-fA-F]{2})*$/.test(value)) return bad(`${name} must be 0x-prefixed hex bytes (${type}).`);
  if (size !== null && (value.length - 2) / 2 !== size) bad(`${name} must be exactly ${size} bytes.`);
  return leaf(name, type, value.toLowerCase());
}

function walk(w: Walker, name: string, type: string, value: unknown, depth: number): Tree {
  if (++w.nodes > MAX_NODES) bad('too many values.');
  if (depth > MAX_DEPTH) bad('nested too deeply.');
  if (value === undefined || value === null) bad(`${name} is missing.`);

  const array = ARRAY.exec(type);
  if (array) {
    const [, inner = '', len = ''] = array;
    if (!Array.isArray(value)) return bad(`${name} must be an array (${type}).`);
    if (len !== '' && value.length !== Number(len)) bad(`${name} must have ${len} items.`);
    return { name, type, children: value.map((item, i) => walk(w, String(i), inner, item, depth + 1)) };
  }
  const struct = Object.hasOwn(w.types, type) ? w.types[type] : undefined; // not "toString" from Object.prototype
  if (struct) {
    if (!isRecord(value)) return bad(`${name} must be an object (${type}).`);
    return { name, type, children: struct.map((f) => walk(w, f.name, f.type, value[f.name], depth + 1)) };
  }
  if (type === 'string') {
    if (typeof value !== 'string') bad(`${name} must be a string.`);
    return leaf(name, type, value as string);
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') bad(`${name} must be true or false.`);
    return leaf(name, type, String(value));
  }
  if (type === 'address') {
    if (typeof value !== 'string' || !isAddress(value, { strict: true })) return bad(`${name} is not a valid address.`);
    return leaf(name, type, getAddress(value));
  }
  if (type === 'bytes') return bytes(name, type, value, null);
  const fixed = BYTES_N.exec(type);
  if (fixed) {
    const size = Number(fixed[1]);
    if (!(size >= 1 && size <= 32)) bad(`unsupported type ${type}.`);
    return bytes(name, type, value, size);
  }
  const int = INT.exec(type);
  if (int) return integer(name, type, value, int[1] !== 'u', int[2] ? Number(int[2]) : 256);
  return bad(`unknown type "${type}".`);
}

export function decodeTypedData(json: string | object): DecodedTypedData {
  const data = parseInput(json);
  const types = parseTypes(data.types);
  const primaryType = data.primaryType;
  if (typeof primaryType !== 'string' || !(Object.hasOwn(types, primaryType) || primaryType === 'EIP712Domain')) {
    bad('"primaryType" must name one of the types.');
  }
  const domain = data.domain ?? {};
  if (!isRecord(domain)) bad('"domain" must be an object.');
  const pt = primaryType as string;
  if (pt !== 'EIP712Domain' && !isRecord(data.message)) bad('"message" must be an object.');

  const domainFields: Field[] = types.EIP712Domain
    ?? getTypesForEIP712Domain({ domain: domain as TypedDataDomain }).map((f) => ({ name: f.name, type: f.type }));
  const w: Walker = { types: { ...types, EIP712Domain: domainFields }, nodes: 0 };
  const domainTree = walk(w, 'domain', 'EIP712Domain', domain, 0);
  const messageTree: Tree = pt === 'EIP712Domain'
    ? { name: 'message', type: pt, children: [] }
    : walk(w, 'message', pt, data.message, 0);

  let hash: Hex;
  try {
    const def = { domain, types, primaryType: pt, message: data.message } as unknown as Parameters<typeof hashTypedData>[0];
    validateTypedData(def as Parameters<typeof validateTypedData>[0]);
    hash = hashTypedData(def);
  } catch (e) {
    const detail = e instanceof Error ? (e as { shortMessage?: string }).shortMessage ?? e.message : 'unknown error';
    return bad(detail.split('\n')[0] ?? 'cannot be hashed.');
  }
  return { domain: domainTree, primaryType: pt, message: messageTree, raw: data, hash };
}

/** Legacy typed data (eth_signTypedData, "v1"): an array of { type, name, value }, decoded by the same value rules. */
export type DecodedTypedDataV1 = {
  /** One leaf per entry, under a root named "message". */
  message: Tree;
  /** The entries as one struct, so the risk rules (invisible characters, permit shapes) read them as they read v3/v4. */
  asStruct: { types: Record<string, Field[]>; primaryType: string; domain: Record<string, never>; message: Record<string, unknown> };
  /** eth-sig-util's typedSignatureHash: the digest the signature commits to (no EIP-191/712 prefix). */
  hash: Hex;
};

/** The elementary types the legacy encoding packs (arrays and structs are not part of v1). */
const V1_TYPE = /^(?:string|bytes|bool|address|u?int\d*|bytes\d+)$/;

/**
 * eth_signTypedData v1. The hash is eth-sig-util's `typedSignatureHash` (SignTypedDataVersion.V1):
 * keccak256(solidityPack(bytes32, bytes32)[ keccak256(solidityPack(string…)["<type> <name>"…]),
 * keccak256(solidityPack(<types>)[<values>]) ]), with `uint`/`int` read as 256 bits as ethereumjs-abi does.
 */
export function decodeTypedDataV1(json: unknown): DecodedTypedDataV1 {
  const data = fromJson(json);
  if (!Array.isArray(data) || data.length === 0) return bad('expected a non-empty array of { type, name, value }.');
  if (data.length > 1_000) bad('too many values.');
  const seen = new Set<string>();
  const entries = (data as unknown[]).map((e) => {
    if (!isRecord(e) || typeof e.name !== 'string' || e.name === '' || typeof e.type !== 'string') return bad('every entry needs a name and a type.');
    if (seen.has(e.name)) bad(`"${e.name}" appears twice.`);
    seen.add(e.name);
    if (!V1_TYPE.test(e.type)) bad(`unsupported type "${e.type}".`);
    return { name: e.name, type: e.type, value: e.value };
  });
  const w: Walker = { types: {}, nodes: 0 };
  const leavesV1 = entries.map((e) => walk(w, e.name, e.type, e.value, 1) as { name: string; type: string; value: string });
  const packedType = (t: string) => (t === 'uint' ? 'uint256' : t === 'int' ? 'int256' : t);
  const values = leavesV1.map((l) => (INT.test(l.type) ? BigInt(l.value) : l.type === 'bool' ? l.value === 'true' : l.value));
  let hash: Hex;
  try {
    const schemaHash = keccak256(encodePacked(entries.map(() => 'string'), entries.map((e) => `${e.type} ${e.name}`)));
    const valuesHash = keccak256(encodePacked(entries.map((e) => packedType(e.type)), values));
    hash = keccak256(encodePacked(['bytes32', 'bytes32'], [schemaHash, valuesHash]));
  } catch (e) {
    const detail = e instanceof Error ? (e as { shortMessage?: string }).shortMessage ?? e.message : 'unknown error';
    return bad(detail.split('\n')[0] ?? 'cannot be hashed.');
  }
  const message: Record<string, unknown> = {};
  for (const e of entries) message[e.name] = e.value;
  return {
    message: { name: 'message', type: 'v1', children: leavesV1 },
    asStruct: { types: { Message: entries.map((e) => ({ name: e.name, type: e.type })) }, primaryType: 'Message', domain: {}, message },
    hash,
  };
}

/** Leaves of a tree with their dotted paths (e.g. "details.amount"). */
function leaves(tree: Tree, path = ''): Array<{ path: string; name: string; type: string; value: string }> {
  if ('value' in tree) return [{ path, name: tree.name, type: tree.type, value: tree.value }];
  return tree.children.flatMap((c) => leaves(c, path ? `${path}.${c.name}` : c.name));
}

const PERMIT_TYPES = new Set([
  'Permit', 'PermitSingle', 'PermitBatch',
  // Permit2 SignatureTransfer: also moves tokens on the spender's say-so.
  'PermitTransferFrom', 'PermitBatchTransferFrom', 'PermitWitnessTransferFrom', 'PermitBatchWitnessTransferFrom',
]);

/** An amount at or above half its type's range is "unlimited" (max uint256 / max uint160 and the like). */
function isUnlimited(type: string, value: string): boolean {
  const m = /^uint(\d*)$/.exec(type);
  if (!m) return false;
  const bits = m[1] ? Number(m[1]) : 256;
  return BigInt(value) >= 1n << BigInt(bits - 1);
}

export function typedDataWarnings(data: DecodedTypedData, ctx: TypedDataWarningContext): Warning[] {
  const out: Warning[] = [];
  const chainId = leaves(data.domain).find((l) => l.path === 'chainId');
  if (chainId && /^u?int\d*$/.test(chainId.type) && chainId.value !== String(ctx.chainId)) {
    out.push({
      level: 'danger', code: 'typed-data-chain-mismatch',
      message: `This signature is for chain ID ${chainId.value}, but the wallet is on chain ID ${ctx.chainId}.`,
    });
  }
  if (PERMIT_TYPES.has(data.primaryType)) {
    const all = leaves(data.message);
    const spender = all.find((l) => l.name === 'spender' && l.type === 'address')?.value;
    const who = spender ?? 'another address';
    const unlimited = all.some((l) => ((l.name === 'value' || l.name === 'amount') && isUnlimited(l.type, l.value))
      || (l.name === 'allowed' && l.type === 'bool' && l.value === 'true'));
    if (unlimited) {
      out.push({
        level: 'danger', code: 'unlimited-permit',
        message: `This signature lets ${who} spend an unlimited amount of your tokens, without asking you again.`,
      });
    } else {
      out.push({ level: 'warning', code: 'permit', message: `This signature lets ${who} spend your tokens.` });
    }
  }
  return out;
}
