/**
 * Helpers to read EIP-712 typed data by STRUCTURE: a struct is matched by the names and types of its fields, not
 * by its type name, so a permit renamed "Mint" or "Authorization" is still a permit. Input is the raw typed data
 * the handler already validated with `decodeTypedData` (its `raw`), or a JSON string of it.
 */
export type TypedField = { name: string; type: string };
export type RawTypedData = {
  types: Record<string, TypedField[]>;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lenient parse: null when the value does not have the typed-data shape (the decoder reports why). */
export function asTypedData(input: unknown): RawTypedData | null {
  let v = input;
  if (typeof v === 'string') {
    try { v = JSON.parse(v); } catch { return null; }
  }
  if (!isRecord(v) || !isRecord(v.types) || typeof v.primaryType !== 'string') return null;
  const types: Record<string, TypedField[]> = {};
  for (const [name, fields] of Object.entries(v.types)) {
    if (!Array.isArray(fields)) return null;
    types[name] = fields.filter((f): f is TypedField => isRecord(f) && typeof f.name === 'string' && typeof f.type === 'string');
  }
  return { types, primaryType: v.primaryType, domain: isRecord(v.domain) ? v.domain : {}, message: isRecord(v.message) ? v.message : {} };
}

/** A field type pattern: a base type, 'uint' (any width), or a struct shape (`{ struct: Shape }`, `{ array: … }`). */
export type FieldPattern = 'address' | 'uint' | 'bool' | 'string' | 'bytes32' | { struct: Shape } | { array: Shape };
export type Shape = Record<string, FieldPattern>;

const ARRAY = /^(.+)\[(\d*)\]$/;

export function structFields(types: RawTypedData['types'], type: string): TypedField[] | undefined {
  return Object.hasOwn(types, type) ? types[type] : undefined;
}

/** Bits of a uintN type (256 for "uint"), null for anything else. */
export function uintBits(type: string): number | null {
  const m = /^uint(\d*)$/.exec(type);
  return m ? (m[1] ? Number(m[1]) : 256) : null;
}

function matchesField(types: RawTypedData['types'], type: string, p: FieldPattern): boolean {
  if (p === 'uint') return uintBits(type) !== null;
  if (typeof p === 'string') return type === p;
  if ('array' in p) {
    const m = ARRAY.exec(type);
    return m !== null && matchesShape(types, m[1] as string, p.array);
  }
  return matchesShape(types, type, p.struct);
}

/** True when the struct `type` has every field of `shape` (extra fields, e.g. a witness, are allowed). */
export function matchesShape(types: RawTypedData['types'], type: string, shape: Shape): boolean {
  const fields = structFields(types, type);
  if (!fields) return false;
  return Object.entries(shape).every(([name, p]) => {
    const f = fields.find((x) => x.name === name);
    return f !== undefined && matchesField(types, f.type, p);
  });
}

export const fieldType = (types: RawTypedData['types'], struct: string, name: string): string | undefined =>
  structFields(types, struct)?.find((f) => f.name === name)?.type;

/** A uint value as the typed-data decoder reads it (number, decimal or hex string); null when unreadable. */
export function toBig(v: unknown): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && v.trim() !== '') {
    try { return BigInt(v); } catch { return null; }
  }
  return null;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '');

/** Every struct value in the message (the message itself included), with its type, walking arrays and nesting. */
export function structsOf(td: RawTypedData): Array<{ type: string; value: Record<string, unknown>; path: string }> {
  const out: Array<{ type: string; value: Record<string, unknown>; path: string }> = [];
  const visit = (type: string, value: unknown, path: string, depth: number) => {
    if (depth > 32 || out.length > 5000) return;
    const arr = ARRAY.exec(type);
    if (arr) {
      if (Array.isArray(value)) value.forEach((v, i) => visit(arr[1] as string, v, `${path}.${i}`, depth + 1));
      return;
    }
    const fields = structFields(td.types, type);
    if (!fields || !isRecord(value)) return;
    out.push({ type, value, path });
    for (const f of fields) visit(f.type, value[f.name], path ? `${path}.${f.name}` : f.name, depth + 1);
  };
  visit(td.primaryType, td.message, '', 0);
  return out;
}

/** Expiry in seconds since the epoch as an ISO date (UTC), or null for "never" (beyond year 9999 / max uint48). */
export function expiryIso(seconds: bigint): string | null {
  if (seconds >= 253402300800n) return null;
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}
