import { InternalError } from '../../shared/errors';

export const toQuantity = (n: bigint | number): `0x${string}` => `0x${BigInt(n).toString(16)}`;

export function fromQuantity(value: unknown, what = 'quantity'): bigint {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]*$/.test(value)) throw new InternalError(`RPC returned a malformed ${what}`);
  return value === '0x' ? 0n : BigInt(value);
}

/** A 32-byte ABI uint256 word (the first word of `data`), or null when `data` is shorter. */
export function firstWord(data: unknown): bigint | null {
  if (typeof data !== 'string' || !/^0x[0-9a-fA-F]*$/.test(data) || data.length < 66) return null;
  return BigInt(data.slice(0, 66));
}
