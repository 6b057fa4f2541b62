import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CleanroomError, EXIT } from '../errors.js';
import type { Verdict } from '../decide/verdict.js';
import { openEngine } from '../git/preflight.js';
import { discoverRepo, readGitVars } from '../git/repo.js';
import type { InspectContext } from '../inspect.js';
import type { Io } from '../io.js';
import { resolvePolicy } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { openBlobMemory } from '../blob-memory.js';
import { ATTESTATION_CLAIMS_KEPT } from '../review.js';
import { openCleanBlobs } from '../signals/clean-blobs.js';

/** util.parseArgs with its TypeErrors turned into usage errors that point at --help. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new CleanroomError('EUSAGE', `${(e as Error).message}; see \`cleanroom ${command} --help\``);
  }
}

/**
 * Opens repository, engine and policy for one run; the caller must close() it. Independent git
 * work runs side by side (a hook's cost is mostly waiting on git): `git var -l` with the
 * repository lookup, and, when `staged` is asked for, the staged diff with the policy read.
 */
export async function openContext(
  io: Io,
  opts: {
    policy?: string | undefined;
    staged?: boolean;
    server?: boolean;
    /** Use what earlier runs learnt about blobs (blob-memory.ts): for the local hooks only, which
     *  anyone can skip anyway. A gate (the server, a CI check) works everything out afresh. */
    remember?: boolean;
  } = {},
): Promise<InspectContext & { close(): Promise<void> }> {
  const [repo, vars] = await Promise.all([discoverRepo(io.cwd, io.env), readGitVars(io.cwd, io.env)]);
  const engine = await openEngine(repo, { config: vars.config });
  const stagedAgainstHead = opts.staged ? engine.stagedChanges() : undefined;
  // Surfaced when inspectStaged awaits it; until then a rejection must not count as unhandled.
  stagedAgainstHead?.catch(() => undefined);
  try {
    const policy = await resolvePolicy({
      repo,
      engine,
      explicit: opts.policy,
      configured: vars.config.get('cleanroom.policy'),
      server: opts.server ?? false,
      // Compiled policies are kept between runs for the local hooks only: a gate compiles afresh.
      cacheFor: opts.remember ? io.build : undefined,
    });
    const remembered = opts.remember && io.build !== undefined ? memories(io.build, policy) : null;
    return {
      repo,
      vars,
      engine,
      policy,
      stagedAgainstHead,
      cleanBlobs: remembered?.cleanBlobs,
      attestationClaims: remembered?.attestationClaims,
      close: async () => {
        remembered?.save();
        await engine.close();
      },
    };
  } catch (e) {
    await engine.close();
    throw e;
  }
}

/** What this build remembers about blobs between runs (blob-memory.ts), each memory opened when
 *  first asked for and saved as the run closes. */
function memories(build: string, policy: Policy) {
  const once = <T extends { save(): void }>(open: () => T | null) => {
    let opened: T | null | undefined;
    return { get: () => (opened === undefined ? (opened = open()) : opened), save: () => opened?.save() };
  };
  const clean = once(() => (policy.assistants.markers.length > 0 ? openCleanBlobs(build, policy.assistants.markers) : null));
  const claims = once(() => openBlobMemory('attestation-claims', JSON.stringify([build]), ATTESTATION_CLAIMS_KEPT));
  return {
    cleanBlobs: clean.get,
    attestationClaims: claims.get,
    save() {
      clean.save();
      claims.save();
    },
  };
}

/** Exit codes are decided here and nowhere else: a warning never blocks. */
export function exitFor(v: Verdict): number {
  return v.outcome === 'blocked' ? EXIT.blocked : EXIT.allowed;
}
