import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Scenario tests spawn many git processes; two workers match the CI machine's two cores.
    maxWorkers: 2,
  },
});
