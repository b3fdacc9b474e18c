import { describe, expect, it } from 'vitest';
import { feeTiersFromHistory, maxPricePerGas } from '../../../src/chains/evm/fees';
import { computeUnitLimit, priorityTiers, solanaFee } from '../../../src/chains/solana/fees';

const gwei = (n: number) => BigInt(n) * 1_000_000_000n;
const hex = (n: bigint) => `0x${n.toString(16)}`;

describe('EVM fee tiers', () => {
  it('EIP-1559: median reward percentiles of non-empty blocks + next base fee x 1.25/1.5/2', () => {
    const history = {
      baseFeePerGas: [gwei(10), gwei(11), gwei(12), gwei(20)].map(hex), // last = next block
      gasUsedRatio: [0.5, 0, 0.7],
      reward: [[gwei(1), gwei(2), gwei(5)], [0n, 0n, 0n], [gwei(3), gwei(4), gwei(9)]].map((r) => r.map(hex)),
    };
    const t = feeTiersFromHistory(history, gwei(50));
    expect(t.slow).toEqual({ type: 'eip1559', maxPriorityFeePerGas: gwei(2), maxFeePerGas: gwei(25) + gwei(2) });
    expect(t.normal).toEqual({ type: 'eip1559', maxPriorityFeePerGas: gwei(3), maxFeePerGas: gwei(30) + gwei(3) });
    expect(t.fast).toEqual({ type: 'eip1559', maxPriorityFeePerGas: gwei(7), maxFeePerGas: gwei(40) + gwei(7) });
  });
  it('applies the priority floor', () => {
    const t = feeTiersFromHistory({ baseFeePerGas: ['0x64', '0x64'], gasUsedRatio: [0], reward: [['0x0', '0x0', '0x0']] }, null, 5n);
    expect(t.slow).toMatchObject({ maxPriorityFeePerGas: 5n, maxFeePerGas: 125n + 5n });
  });
  it('legacy gas price when the chain has no base fee (or no eth_feeHistory)', () => {
    for (const h of [null, {}, { baseFeePerGas: [] }]) {
      const t = feeTiersFromHistory(h, 1000n);
      expect([t.slow, t.normal, t.fast]).toEqual([{ type: 'legacy', gasPrice: 1000n }, { type: 'legacy', gasPrice: 1100n }, { type: 'legacy', gasPrice: 1250n }]);
      expect(maxPricePerGas(t.fast)).toBe(1250n);
    }
    expect(() => feeTiersFromHistory(null, null)).toThrow();
  });
});

describe('Solana fees', () => {
  it('priority tiers are nearest-rank p25/p50/p90 of recent fees', () => {
    const s = [0, 1000, 5000, 2000, 10000].map((prioritizationFee, slot) => ({ slot, prioritizationFee }));
    expect(priorityTiers(s)).toEqual({ slow: 1000n, normal: 2000n, fast: 10000n });
    expect(priorityTiers([])).toEqual({ slow: 0n, normal: 0n, fast: 0n });
  });
  it('CU limit = simulated + 20 %, clamped to [1000, 1.4M]; fee = 5000/signature + ceil(price x CU / 1e6)', () => {
    expect(computeUnitLimit(10_000)).toBe(12_000);
    expect(computeUnitLimit(150)).toBe(1000);
    expect(computeUnitLimit(2_000_000)).toBe(1_400_000);
    expect(solanaFee(1, 0n, 1000)).toBe(5000n);
    expect(solanaFee(1, 2000n, 1000)).toBe(5002n);
    expect(solanaFee(2, 1n, 1000)).toBe(10_001n); // ceil(0.001)
  });
});
