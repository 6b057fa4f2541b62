/**
 * Picks the engine for one run. Git's plumbing is right everywhere and, where it was measured,
 * faster (bench/README.md, "Engines"); isomorphic-git runs only when someone asks for it, and
 * then only on a repository it reads correctly: anything else is refused, since a user who asked
 * for one engine would not expect answers from the other.
 */
import { CleanroomError } from '../errors.js';
import type { GitEngine } from './engine.js';
import { obstacles } from './obstacles.js';
import { openPlumbingEngine } from './plumbing.js';
import { readGitVars, type RepoContext } from './repo.js';

type EngineKind = GitEngine['kind'];

const ENGINE_VARIABLE = 'CLEANROOM_ENGINE';

export interface EngineOptions {
  /** Overrides CLEANROOM_ENGINE. */
  readonly force?: EngineKind;
  /** The effective configuration (GitVars.config) the run already read; read here when absent. */
  readonly config?: ReadonlyMap<string, string>;
}

/** Whether the run will use git's plumbing whatever the repository looks like: then work for it
 *  can start before the repository is looked up. */
export function plumbingIsCertain(env: NodeJS.ProcessEnv): boolean {
  const asked = env[ENGINE_VARIABLE];
  return asked === undefined || asked === 'plumbing';
}

/** The engine the run uses; EUSAGE for an unknown CLEANROOM_ENGINE, EENGINE when isomorphic-git
 *  is asked for on a repository it would misread. */
export async function chooseEngine(repo: RepoContext, opts: Pick<EngineOptions, 'force' | 'config'> = {}): Promise<EngineKind> {
  const fromEnv = repo.env[ENGINE_VARIABLE];
  if (fromEnv && fromEnv !== 'isomorphic' && fromEnv !== 'plumbing') {
    throw new CleanroomError('EUSAGE', `${ENGINE_VARIABLE}="${fromEnv}" is not an engine; set it to "isomorphic" or "plumbing", or unset it for git's plumbing`);
  }
  if ((opts.force ?? fromEnv) !== 'isomorphic') return 'plumbing';
  const config = opts.config ?? (await readGitVars(repo.cwd, repo.env)).config;
  const found = obstacles(repo, config);
  if (found.length > 0) {
    const source = opts.force ? 'the caller' : `${ENGINE_VARIABLE}=isomorphic`;
    const why = found.map((o) => o.reason).join('; ');
    throw new CleanroomError(
      'EENGINE',
      `the isomorphic engine was asked for by ${source}, but it cannot read this repository correctly: ${why}; unset ${ENGINE_VARIABLE} to use git's plumbing`,
    );
  }
  return 'isomorphic';
}

export async function openEngine(repo: RepoContext, opts: EngineOptions = {}): Promise<GitEngine> {
  if ((await chooseEngine(repo, opts)) === 'plumbing') {
    return openPlumbingEngine(repo);
  }
  // Loaded only here: importing isomorphic-git costs more than a whole plumbing run on a small repository.
  const { openIsomorphicEngine } = await import('./isomorphic/engine.js');
  return openIsomorphicEngine(repo);
}
