import { EXAMPLE_POLICY } from './policy.js';

/** The example policy with benchmarks/ banned for assistants, two exceptions in it, and
 *  benchmarks/gold/ also review-always (a person's change there still needs a review). */
export const FORBID_POLICY = EXAMPLE_POLICY.replace(
  '  - path: "benchmarks/**"\n    require: review-if-assistant\n',
  [
    '  - path: "benchmarks/gold/**"',
    '    require: review-always',
    '  - path: "benchmarks/**"',
    '    require: forbid-assistant',
    '    exclude: ["benchmarks/README.md", "benchmarks/docs/**"]',
    '',
  ].join('\n'),
);
