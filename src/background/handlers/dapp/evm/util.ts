/** Small helpers shared by the EVM handlers. */
import { numberToHex } from 'viem';
import type { EvmNetwork } from '../../../../chains/ChainAdapter';
import { InvalidParamsError } from '../../../../shared/errors';

export const hexChain = (n: EvmNetwork) => numberToHex(n.chainId) as `0x${string}`;
export const arr = (p: unknown): unknown[] => {
  if (p === undefined) return [];
  if (!Array.isArray(p)) throw new InvalidParamsError('params must be an array.');
  return p;
};
export const lower = (a: string) => a.toLowerCase();
