import { defineConfig } from 'vitest/config';

/**
 * Files that start no hook and no CLI: pure logic over parsed inputs (ssh-keygen and git config at
 * most, as the references for key formats and config syntax). `npm run test:fast` runs these alone, in seconds; every other
 * file is end to end, with real repositories.
 */
export const UNIT_FILES = [
  'test/attest-formats.test.ts',
  'test/corpus.test.ts',
  'test/decide.test.ts',
  'test/git-config.test.ts',
  'test/glob.test.ts',
  'test/json-guards.test.ts',
  'test/memo.test.ts',
  'test/policy-cache.test.ts',
  'test/policy.test.ts',
  'test/signals.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Scenario tests spawn many git processes; two workers match the CI machine's two cores.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT_FILES } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: UNIT_FILES } },
    ],
  },
});
