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
  'test/test-hygiene.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Scenario tests spend their time in the git and cleanroom processes they start, one at a time
    // and each waited for: a third worker keeps both of the CI machine's two cores busy through
    // every process start and exit. Measured back to back on a shared 2-core machine, 8 e2e files
    // took 62 s with two workers, 25 s with three and 27 s with four, then 102 s and 95 s (two,
    // three) under heavier load; the CPU time the suite takes is the same with either count.
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT_FILES } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: UNIT_FILES } },
    ],
  },
});
