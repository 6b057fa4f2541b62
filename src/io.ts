import type { CatFileBatch, GitObject } from './git/cat-file.js';
import type { GitVars } from './git/config.js';
import type { RepoContext } from './git/repo.js';
import type { GitResult } from './git/exec.js';

/** The outside world a command may touch, passed in so tests and the demo can drive commands. */
export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** git work the launcher started before the CLI had loaded (src/launch.ts). */
  readonly started?: Started | undefined;
  /** Names the compiled CLI (set by the launcher): what a run remembers for the next is keyed by it. */
  readonly build?: string | undefined;
}

export interface Started {
  /** `git diff-index` of the index against HEAD (startStagedDiff), for a hook that judges the index. */
  readonly stagedDiff?: Promise<GitResult> | undefined;
  /** The object reader, already asked for the committed policy. */
  readonly objects?: CatFileBatch | undefined;
  /** Objects already read by name: the shim's (the committed policy, the attestations folder),
   *  or the launcher's early read of the policy. */
  readonly prefetched?: Promise<ReadonlyMap<string, GitObject | null> | undefined> | undefined;
  /** The repository lookup (`rev-parse`) and `git var -l`, which every run waits for. */
  readonly repo?: Promise<RepoContext> | undefined;
  readonly vars?: Promise<GitVars> | undefined;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
