/**
 * Solana fees: base fee 5000 lamports per signature + priority fee ceil(price µlamports/CU × CU limit / 10^6).
 * Priority price tiers are nearest-rank percentiles (25/50/90) of getRecentPrioritizationFees; the CU limit comes
 * from simulation plus a margin.
 */
import type { FeeTier } from '../ChainAdapter';
import { addMargin } from '../units';

export const LAMPORTS_PER_SIGNATURE = 5000n;
export const MAX_COMPUTE_UNITS = 1_400_000;
export const CU_MARGIN_PERCENT = 20;
/** Floor so a tiny simulated figure (e.g. only builtins) still leaves room. */
export const MIN_COMPUTE_UNITS = 1_000;
export const PRIORITY_PERCENTILES: Record<FeeTier, number> = { slow: 25, normal: 50, fast: 90 };

export function priorityTiers(samples: readonly { prioritizationFee: number | string }[]): Record<FeeTier, bigint> {
  const values = samples.map((s) => BigInt(String(s.prioritizationFee))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pick = (p: number): bigint => {
    if (values.length === 0) return 0n;
    const rank = Math.max(1, Math.ceil((p / 100) * values.length));
    return values[rank - 1] ?? 0n;
  };
  return { slow: pick(PRIORITY_PERCENTILES.slow), normal: pick(PRIORITY_PERCENTILES.normal), fast: pick(PRIORITY_PERCENTILES.fast) };
}

export function computeUnitLimit(unitsConsumed: number): number {
  return Math.min(MAX_COMPUTE_UNITS, Math.max(MIN_COMPUTE_UNITS, Number(addMargin(BigInt(unitsConsumed), CU_MARGIN_PERCENT))));
}

export function solanaFee(signatures: number, microLamportsPerCu: bigint, cuLimit: number): bigint {
  const priority = (microLamportsPerCu * BigInt(cuLimit) + 999_999n) / 1_000_000n;
  return BigInt(signatures) * LAMPORTS_PER_SIGNATURE + priority;
}
