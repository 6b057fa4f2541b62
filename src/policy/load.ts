import fs from 'node:fs';
import path from 'node:path';
import { CleanroomError } from '../errors.js';
import type { GitEngine } from '../git/engine.js';
import type { RepoContext } from '../git/repo.js';
import { POLICY_PATH } from '../layout.js';
import { PACKAGE_ROOT } from '../paths.js';
import { cachedPolicy } from './cache.js';
import { EMBEDDED_SOURCE, type Policy } from './policy.js';

/** Parses policy text through the cache: the YAML parser is loaded only when the text was never
 *  seen. The server's policy too: it is read on every push, and an entry counts only for the
 *  very text it came from, in a folder only the hook's user can write. */
function fromText(text: string, source: string, baseDir: string): Promise<Policy> {
  return cachedPolicy(text, source, baseDir, async () => (await import('./parse.js')).parsePolicy(text, source, baseDir));
}

export { POLICY_PATH };

const COMMITTED = `${POLICY_PATH}@HEAD`;

/** A policy read from HEAD (not from a file the working tree or the caller chose). */
export function isCommittedPolicy(policy: Policy): boolean {
  return policy.source === COMMITTED;
}

export interface PolicyRequest {
  /** `--policy FILE`, relative to the working directory. */
  readonly explicit?: string | undefined;
  readonly repo: RepoContext;
  /** Used to read the committed policy; without it the working-tree file is read. */
  readonly engine?: GitEngine | undefined;
  /** `git config cleanroom.policy`, as `git var -l` reported it. */
  readonly configured?: string | undefined;
  /** A server hook: the policy must be the server's own (never the pushed tree's, never a default). */
  readonly server?: boolean;
}

/**
 * Finds the policy that judges a change. Order: `--policy`, CLEANROOM_POLICY, git config
 * `cleanroom.policy`, the repository's `.cleanroom/policy.yaml`, the embedded default.
 *
 * The repository's policy is read from HEAD, not from the working tree: a commit is judged by the
 * policy it starts from, never by one it brings along, which is also what the server does. Only a
 * repository whose HEAD has no policy yet (just initialised) falls back to the working-tree file.
 */
export async function resolvePolicy(req: PolicyRequest): Promise<Policy> {
  const { repo } = req;
  const root = repo.workTree ?? repo.gitDir;
  const fromEnv = repo.env.CLEANROOM_POLICY;
  const server = req.server ?? false;
  if (req.explicit) return readPolicyFile(path.resolve(repo.cwd, req.explicit));
  if (fromEnv) return readPolicyFile(path.resolve(repo.cwd, fromEnv));
  if (req.configured) return readPolicyFile(path.resolve(root, req.configured));
  if (server) {
    throw new CleanroomError(
      'EPOLICY_READ',
      `no server policy for ${repo.gitDir}: set \`git config cleanroom.policy /path/to/policy.yaml\` in this repository (or CLEANROOM_POLICY for the hook); until then every push is rejected`,
    );
  }

  const committed = req.engine ? await req.engine.readFileAt('HEAD', POLICY_PATH) : null;
  if (committed) {
    return fromText(Buffer.from(committed).toString('utf8'), COMMITTED, path.join(root, '.cleanroom'));
  }
  if (repo.workTree) {
    const file = path.join(repo.workTree, POLICY_PATH);
    const text = readIfExists(file);
    if (text !== null) return fromText(text, POLICY_PATH, path.dirname(file));
  }
  const embedded = path.join(PACKAGE_ROOT, 'policy.yaml');
  const text = readIfExists(embedded);
  if (text === null) {
    throw new CleanroomError('EPOLICY_READ', `${embedded}: the embedded default policy is missing from the cleanroom package; reinstall cleanroom`);
  }
  return fromText(text, EMBEDDED_SOURCE, root);
}

export async function readPolicyFile(file: string): Promise<Policy> {
  const text = readIfExists(file);
  if (text === null) {
    throw new CleanroomError('EPOLICY_READ', `${file}: policy file not found; check --policy, CLEANROOM_POLICY or git config cleanroom.policy`);
  }
  return fromText(text, file, path.dirname(file));
}

/** Synchronous: a policy is a small file, and node:fs/promises would cost more to load than to use. */
function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new CleanroomError('EPOLICY_READ', `${file}: cannot read the policy (${code ?? String(e)})`);
  }
}
