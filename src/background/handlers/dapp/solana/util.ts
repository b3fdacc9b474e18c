import type { SolanaNetwork } from '../../../../chains/ChainAdapter';
/** Small helpers shared by the Solana handlers: object params, and signing with an account's seed. */
import { InvalidParamsError } from '../../../../shared/errors';
import type { DappContext } from '../context';

type Obj = Record<string, unknown>;
export const obj = (p: unknown): Obj => {
  if (p === undefined) return {};
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new InvalidParamsError('params must be an object.');
  return p as Obj;
};

export async function withSeed<T>(ctx: DappContext, address: string, fn: (seed: Uint8Array) => T): Promise<T> {
  const seed = await ctx.wallet.privateKeyFor('solana', address);
  try { return fn(seed); } finally { seed.fill(0); }
}

export const SOLANA_CHAINS = ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'] as const;

/** The Wallet Standard chain of a cluster (a custom endpoint has no standard name: its network id, keyed by genesis hash). */
export const solanaStandardChain = (n: SolanaNetwork): string => (n.cluster === 'custom' ? n.id : `solana:${n.cluster}`);
