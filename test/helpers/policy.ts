import { fixtureCopy, git, installHooks, seedRepo, write } from './git.js';

/** The example policy: datasets and benchmarks need review if an assistant touched
 *  them, evals/private always; markers catch a canary string in added text. */
export const EXAMPLE_POLICY = `version: 1
repository: urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10
mode: enforce
protect:
  - path: "benchmarks/**"
    require: review-if-assistant
  - path: "datasets/**"
    require: review-if-assistant
  - path: "evals/private/**"
    require: review-always
assistants:
  builtin: true
  trailers: []
  identities: []
  environment: []
  markers: ["CANARY-[0-9]+"]
review:
  namespace: cleanroom-review-v1
  allowed_signers: allowed_signers
  threshold: 1
  require_user_presence: false
`;

export function writePolicy(repo: string, text = EXAMPLE_POLICY): void {
  write(repo, '.cleanroom/policy.yaml', text);
}

/** A repository whose committed policy is `policy`, with the shipped hooks installed. */
export function gatedRepo(policy = EXAMPLE_POLICY, initArgs: string[] = []): string {
  // Built once per test file, policy and init args, then copied (see initRepo).
  return fixtureCopy(
    `gatedRepo ${JSON.stringify([policy, initArgs])}`,
    (repo) => {
      seedRepo(repo, initArgs);
      writePolicy(repo, policy);
      git(repo, ['add', '.cleanroom']);
      git(repo, ['commit', '-q', '-m', 'add policy']);
      installHooks(repo);
    },
    'repo',
  );
}
