import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CleanroomError, EXIT } from '../errors.js';
import type { Verdict } from '../decide/verdict.js';
import type { GitEngine } from '../git/engine.js';
import { openEngine } from '../git/preflight.js';
import { discoverRepo, type RepoContext } from '../git/repo.js';
import type { InspectContext } from '../inspect.js';
import type { Io } from '../io.js';
import { resolvePolicy } from '../policy/load.js';

/** util.parseArgs with its TypeErrors turned into usage errors that point at --help. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new CleanroomError('EUSAGE', `${(e as Error).message}; see \`cleanroom ${command} --help\``);
  }
}

/** Opens repository, engine and policy for one run; the caller must close() it. */
export async function openContext(io: Io, explicitPolicy?: string): Promise<InspectContext & { close(): Promise<void> }> {
  const repo: RepoContext = await discoverRepo(io.cwd, io.env);
  const engine: GitEngine = await openEngine(repo);
  try {
    const policy = await resolvePolicy({ repo, engine, explicit: explicitPolicy });
    return { repo, engine, policy, close: () => engine.close() };
  } catch (e) {
    await engine.close();
    throw e;
  }
}

/** Exit codes are decided here and nowhere else: a warning never blocks. */
export function exitFor(v: Verdict): number {
  return v.outcome === 'blocked' ? EXIT.blocked : EXIT.allowed;
}
