import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A real browser on 2 busy cores: expect.poll waits for a condition up to 15 s (the default, 1 s, flakes).
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
