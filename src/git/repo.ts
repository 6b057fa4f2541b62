import path from 'node:path';
import { CleanroomError } from '../errors.js';
import { parseGitVars, type GitVars } from './config.js';
import { runGit } from './exec.js';

/** Where a repository lives, read once per run through git itself (so hooks, worktrees and
 *  GIT_DIR are all answered the way git answers them). */
export interface RepoContext {
  readonly cwd: string;
  /** Environment handed to every git call and engine: the process's own, untouched. */
  readonly env: NodeJS.ProcessEnv;
  readonly gitDir: string;
  readonly commonDir: string;
  /** Null in a bare repository (the server side). */
  readonly workTree: string | null;
  readonly objectFormat: 'sha1' | 'sha256';
}

/** The repository lookup; a commit hook's start asks the same ahead of time (src/launch.ts). */
export const REPO_LOOKUP_ARGS: readonly string[] = ['rev-parse', '--absolute-git-dir', '--git-common-dir', '--is-bare-repository', '--show-object-format', '--show-toplevel'];

export async function discoverRepo(cwd: string, env: NodeJS.ProcessEnv): Promise<RepoContext> {
  const r = await runGit(REPO_LOOKUP_ARGS, { cwd, env });
  const lines = r.stdout.toString('utf8').split('\n');
  if (r.status !== 0 && !(lines[2] === 'true' && lines.length >= 4)) {
    throw new CleanroomError('ENOTREPO', `${cwd} is not inside a git repository (${r.stderr.trim()}); run cleanroom from a repository`);
  }
  const [gitDir = '', commonDirRaw = '', bare = '', format = 'sha1', top = ''] = lines;
  const commonDir = path.resolve(cwd, commonDirRaw);
  return {
    cwd,
    env,
    gitDir,
    commonDir,
    workTree: bare === 'true' || top === '' ? null : top,
    objectFormat: format === 'sha256' ? 'sha256' : 'sha1',
  };
}

export function emptyTreeOid(format: RepoContext['objectFormat']): string {
  return format === 'sha256' ? '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321' : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
}

/** Identities and the effective configuration in one spawn (GitVars, src/git/config.ts). */
export const GIT_VARS_ARGS: readonly string[] = ['var', '-l'];

export async function readGitVars(cwd: string, env: NodeJS.ProcessEnv): Promise<GitVars> {
  const r = await runGit(GIT_VARS_ARGS, { cwd, env });
  return parseGitVars(r.status === 0 ? r.stdout.toString('utf8') : '');
}

/** git's all-zero object id: in a ref update, the side that does not exist (creation, deletion). */
export const isNullOid = (oid: string): boolean => /^0+$/.test(oid);
