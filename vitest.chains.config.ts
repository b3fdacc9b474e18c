import { defineConfig } from 'vitest/config';

// Local dev-chain tests (real Hardhat node + litesvm JSON-RPC): npx vitest run -c vitest.chains.config.ts
export default defineConfig({
  test: {
    include: ['test/chains/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
