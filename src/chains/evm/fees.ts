/**
 * EVM fee tiers. EIP-1559 chains: priority fee = median over recent non-empty blocks of the 10th/50th/90th reward
 * percentile (eth_feeHistory), maxFee = next base fee × (1.25 | 1.5 | 2) + priority. Chains without a base fee
 * (no `baseFeePerGas` in eth_feeHistory, or eth_feeHistory unsupported): legacy gasPrice × (1 | 1.1 | 1.25).
 */
import type { FeeTier } from '../ChainAdapter';
import { fromQuantity } from './hex';

export const FEE_HISTORY_BLOCKS = 10;
export const REWARD_PERCENTILES = [10, 50, 90] as const;
export const GAS_LIMIT_MARGIN_PERCENT = 20;

export interface FeeHistory { baseFeePerGas?: string[]; gasUsedRatio?: number[]; reward?: string[][] }

export type EvmFeeParams =
  | { type: 'eip1559'; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  | { type: 'legacy'; gasPrice: bigint };

const TIERS: FeeTier[] = ['slow', 'normal', 'fast'];
const BASE_MULT: Record<FeeTier, [bigint, bigint]> = { slow: [5n, 4n], normal: [3n, 2n], fast: [2n, 1n] };
const LEGACY_MULT: Record<FeeTier, [bigint, bigint]> = { slow: [1n, 1n], normal: [11n, 10n], fast: [5n, 4n] };

function median(values: bigint[]): bigint {
  if (values.length === 0) return 0n;
  const s = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0n) : ((s[mid - 1] ?? 0n) + (s[mid] ?? 0n)) / 2n;
}

/** True when the history shows an EIP-1559 chain. */
export function hasBaseFee(history: FeeHistory | null | undefined): history is FeeHistory & { baseFeePerGas: string[] } {
  return !!history && Array.isArray(history.baseFeePerGas) && history.baseFeePerGas.length > 0;
}

export function feeTiersFromHistory(
  history: FeeHistory | null | undefined, gasPrice: bigint | null, minPriorityFee = 0n,
): Record<FeeTier, EvmFeeParams> {
  if (hasBaseFee(history)) {
    const nextBase = fromQuantity(history.baseFeePerGas[history.baseFeePerGas.length - 1], 'baseFeePerGas');
    const rewards = history.reward ?? [];
    const ratios = history.gasUsedRatio ?? [];
    const used = rewards.filter((_, i) => (ratios[i] ?? 1) > 0);
    const out = {} as Record<FeeTier, EvmFeeParams>;
    TIERS.forEach((tier, i) => {
      let priority = median(used.map((r) => fromQuantity(r[i] ?? '0x0', 'reward')));
      if (priority < minPriorityFee) priority = minPriorityFee;
      const [n, d] = BASE_MULT[tier];
      out[tier] = { type: 'eip1559', maxPriorityFeePerGas: priority, maxFeePerGas: (nextBase * n) / d + priority };
    });
    return out;
  }
  if (gasPrice === null) throw new Error('no fee data: neither eth_feeHistory base fees nor eth_gasPrice');
  const out = {} as Record<FeeTier, EvmFeeParams>;
  for (const tier of TIERS) {
    const [n, d] = LEGACY_MULT[tier];
    out[tier] = { type: 'legacy', gasPrice: (gasPrice * n + d - 1n) / d };
  }
  return out;
}

/** Highest price per gas the transaction may pay. */
export const maxPricePerGas = (p: EvmFeeParams): bigint => (p.type === 'eip1559' ? p.maxFeePerGas : p.gasPrice);
