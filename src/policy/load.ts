import fs from 'node:fs';
import path from 'node:path';
import { CleanroomError } from '../errors.js';
import type { Change, GitEngine } from '../git/engine.js';
import { gitOk } from '../git/exec.js';
import { openBlobMemory } from '../blob-memory.js';
import type { RepoContext } from '../git/repo.js';
import { POLICY_PATH } from '../layout.js';
import { PACKAGE_ROOT } from '../paths.js';
import { cachedPolicy } from './cache.js';
import { EMBEDDED_SOURCE, type Policy } from './policy.js';

/** Parses policy text, through the cache when a build is named (the local hooks): the YAML parser
 *  is then loaded only when the text was never seen in this folder by this build. A gate names
 *  none and parses every run, so no cache entry can change what it decides. */
function fromText(text: string, source: string, baseDir: string, build: string | undefined): Promise<Policy> {
  const parse = async () => (await import('./parse.js')).parsePolicy(text, source, baseDir);
  return build === undefined ? parse() : cachedPolicy(text, source, baseDir, build, parse);
}

export { POLICY_PATH };

const COMMITTED = `${POLICY_PATH}@HEAD`;

/** A policy read from the repository's history (HEAD's, or the last one HEAD's history had),
 *  not from a file the working tree or the caller chose. */
export function isCommittedPolicy(policy: Policy): boolean {
  return policy.source.startsWith(`${POLICY_PATH}@`);
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
  /** The build of cleanroom asking (the launcher's bundle id): a compiled policy is kept for the
   *  next run under it. Without one (a gate, or cleanroom run from its sources) every run parses. */
  readonly cacheFor?: string | undefined;
}

/**
 * Finds the policy that judges a change. Order: `--policy`, CLEANROOM_POLICY, git config
 * `cleanroom.policy`, the repository's `.cleanroom/policy.yaml` at HEAD, the last one HEAD's
 * history held (once it was deleted or renamed), the working-tree file, the embedded default.
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
  const build = req.cacheFor;
  if (req.explicit) return readPolicyFile(path.resolve(repo.cwd, req.explicit), build);
  if (fromEnv) return readPolicyFile(path.resolve(repo.cwd, fromEnv), build);
  if (req.configured) return readPolicyFile(path.resolve(root, req.configured), build);
  if (server) {
    throw new CleanroomError(
      'EPOLICY_READ',
      `no server policy for ${repo.gitDir}: set \`git config cleanroom.policy /path/to/policy.yaml\` in this repository (or CLEANROOM_POLICY for the hook); until then every push is rejected`,
    );
  }

  const baseDir = path.join(root, '.cleanroom');
  const committed = req.engine ? await req.engine.readFileAt('HEAD', POLICY_PATH) : null;
  if (committed) return withWayOut(fromText(Buffer.from(committed).toString('utf8'), COMMITTED, baseDir, build));
  const last = req.engine ? await lastCommittedPolicy(repo, req.engine, build) : null;
  if (last) return withWayOut(fromText(last.text, `${POLICY_PATH}@${last.commit.slice(0, 12)}`, baseDir, build));
  if (repo.workTree) {
    const file = path.join(repo.workTree, POLICY_PATH);
    const text = readIfExists(file);
    if (text !== null) return fromText(text, POLICY_PATH, path.dirname(file), build);
  }
  const embedded = path.join(PACKAGE_ROOT, 'policy.yaml');
  const text = readIfExists(embedded);
  if (text === null) {
    throw new CleanroomError('EPOLICY_READ', `${embedded}: the embedded default policy is missing from the cleanroom package; reinstall cleanroom`);
  }
  return fromText(text, EMBEDDED_SOURCE, root, build);
}

/** Commits whose history is known to hold no policy, remembered at most. */
const POLICY_FREE_KEPT = 1 << 12;

/**
 * The policy HEAD's history last held, when HEAD has none: the policy was deleted or renamed, and
 * a repository that has had a policy stays judged by it (never silently by the embedded default)
 * until a policy is committed again. Deleting it was itself a protected change, so an assistant
 * cannot get here unreviewed. A repository that never had one would pay a walk of its whole
 * history on every commit: the local hooks remember which commits' histories hold no policy, and
 * walk only past them.
 */
async function lastCommittedPolicy(repo: RepoContext, engine: GitEngine, build: string | undefined): Promise<{ commit: string; text: string } | null> {
  const head = await engine.resolve('HEAD').catch(() => null);
  if (head === null) return null;
  const free = build === undefined ? null : openBlobMemory('policy-free-history', JSON.stringify([build, path.resolve(repo.commonDir)]), POLICY_FREE_KEPT);
  if (free?.get(head) !== undefined) return null;
  const known = [...(free?.keys() ?? [])];
  // The newest commit that changed the policy's path: with HEAD lacking it, the one that removed
  // it. Its parents as rewritten by the path (--parents): the last commits that held it.
  // Remembered commits pruned since are passed over (--ignore-missing): the walk only goes further.
  const out = await gitOk(['rev-list', '-1', '--parents', '--ignore-missing', '--stdin', '--', `:(top,literal)${POLICY_PATH}`], {
    cwd: repo.cwd,
    env: repo.env,
    input: `${head}\n${known.map((oid) => `^${oid}\n`).join('')}`,
  });
  const [found, ...parents] = out.toString('utf8').trim().split(' ');
  for (const parent of parents) {
    const blob = await engine.readFileAt(parent, POLICY_PATH);
    if (blob) return { commit: parent, text: Buffer.from(blob).toString('utf8') };
  }
  if (!found) {
    free?.set(head, '');
    free?.save();
  }
  return null;
}

/** A committed policy that does not parse would stop every commit: its error says how out. */
function withWayOut(policy: Promise<Policy>): Promise<Policy> {
  return policy.catch((e: unknown) => {
    if (!(e instanceof CleanroomError) || (e.code !== 'EPOLICY_SYNTAX' && e.code !== 'EPOLICY_INVALID')) throw e;
    throw new CleanroomError(
      e.code,
      `${e.message}\nThe committed policy is broken, so no commit can be judged by it. Mend ${POLICY_PATH} in the working tree, check it with \`cleanroom policy check ${POLICY_PATH}\`, then commit the fix judged by the mended file: \`git add ${POLICY_PATH} && CLEANROOM_POLICY=${POLICY_PATH} git commit\``,
    );
  });
}

/**
 * A staged policy that does not parse or validate, refused before it is committed: once it is
 * HEAD's policy it judges every later commit, and a broken one would stop them all.
 */
export async function checkStagedPolicy(engine: GitEngine, staged: readonly Change[], repo: RepoContext): Promise<void> {
  const change = staged.find((c) => c.path === POLICY_PATH && c.newOid !== null);
  if (!change?.newOid) return;
  const text = Buffer.from(await engine.readBlob(change.newOid)).toString('utf8');
  const { parsePolicy } = await import('./parse.js');
  try {
    parsePolicy(text, `${POLICY_PATH} (staged)`, path.join(repo.workTree ?? repo.gitDir, '.cleanroom'));
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    throw new CleanroomError(
      e.code,
      `${e.message}\nThe staged policy would judge every later commit, so it must parse and validate before it is committed; mend it and \`git add ${POLICY_PATH}\` again.`,
    );
  }
}

export async function readPolicyFile(file: string, build?: string): Promise<Policy> {
  const text = readIfExists(file);
  if (text === null) {
    throw new CleanroomError('EPOLICY_READ', `${file}: policy file not found; check --policy, CLEANROOM_POLICY or git config cleanroom.policy`);
  }
  return fromText(text, file, path.dirname(file), build);
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
