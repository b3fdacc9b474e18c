/** Revert data → what the user reads: Error(string), Panic(uint256) with its meaning, a custom error of a known ABI. */
import { decodeAbiParameters, decodeErrorResult, type Abi, type Hex } from 'viem';
import type { RevertInfo } from './types';

const ERROR_SELECTOR = '0x08c379a0';
const PANIC_SELECTOR = '0x4e487b71';

/** Solidity's panic codes (docs: "Panic via assert and Error via require"). */
export const PANIC_MEANINGS: Readonly<Record<number, string>> = {
  0x00: 'generic compiler panic',
  0x01: 'assertion failed',
  0x11: 'arithmetic overflow or underflow',
  0x12: 'division or modulo by zero',
  0x21: 'invalid enum value',
  0x22: 'incorrectly encoded storage byte array',
  0x31: 'pop() on an empty array',
  0x32: 'array index out of bounds',
  0x41: 'out of memory (allocation too large)',
  0x51: 'call to a zero-initialised internal function',
};

function formatArg(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return /^0x[0-9a-fA-F]*$/.test(v) ? v : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(formatArg).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${formatArg(x)}`).join(', ')}}`;
  return String(v);
}

/** Decodes `data` returned by a reverted call. `abi` supplies custom errors; without it they stay raw. */
export function decodeRevert(data: Hex, abi?: Abi): RevertInfo {
  const hex = data.toLowerCase() as Hex;
  if (hex === '0x') return { kind: 'unknown', reason: 'reverted without a reason', data: hex };
  const selector = hex.slice(0, 10);
  try {
    if (selector === ERROR_SELECTOR) {
      const [message] = decodeAbiParameters([{ type: 'string' }], `0x${hex.slice(10)}`);
      return { kind: 'Error', reason: message, data: hex };
    }
    if (selector === PANIC_SELECTOR) {
      const [code] = decodeAbiParameters([{ type: 'uint256' }], `0x${hex.slice(10)}`);
      const meaning = code <= 0xffn ? PANIC_MEANINGS[Number(code)] : undefined;
      return { kind: 'Panic', reason: `Panic(0x${code.toString(16).padStart(2, '0')}): ${meaning ?? 'unknown panic code'}`, data: hex };
    }
  } catch {
    return { kind: 'unknown', reason: `malformed ${selector === ERROR_SELECTOR ? 'Error(string)' : 'Panic(uint256)'} revert data`, data: hex };
  }
  if (abi && hex.length >= 10) {
    try {
      const { errorName, args } = decodeErrorResult({ abi, data: hex });
      return { kind: 'custom', reason: `${errorName}(${(args ?? []).map(formatArg).join(', ')})`, data: hex };
    } catch {
      // not an error of this ABI: fall through to raw
    }
  }
  return { kind: 'unknown', reason: hex.length >= 10 ? `custom error ${selector} (ABI unknown)` : `revert data ${hex}`, data: hex };
}
