/**
 * What the hook shim (hooks/*) asked git while Node was starting. Every run of a commit hook
 * begins with the same questions: the repository lookup, `git var -l`, the committed policy (and
 * the attestations folder beside it, which a change needing review looks in) and the staged diff.
 * Node's start keeps one CPU busy while another sits idle, so the shim asks them first and
 * hands git's answers over on the hook's stdin, which git leaves empty for these hooks:
 *
 *   <rev-parse output> NUL <exit code> NUL <var -l output> NUL <exit code> NUL
 *   <cat-file --batch answers for each of PREFETCHED> NUL <exit code> NUL
 *   <diff-index -z output> <exit code> LF
 *
 * The first two outputs cannot hold a NUL (paths and config values never do); each cat-file answer
 * says its own length; the diff's own NULs end its records, so its exit code is what follows the
 * last one. The shim names itself in CLEANROOM_HANDOFF (its pid): only its direct child believes
 * the handoff, never a process started further down that inherited the variable. The launcher
 * leaves the answers in git's memo (memo.ts), where runGit and the object reader find them; one
 * that is missing, garbled or not a success is asked again in Node, which then also hears git's
 * error message.
 */
import fs from 'node:fs';
import { parseHeader, type GitObject } from './cat-file.js';
import type { GitResult } from './exec.js';
import { ATTESTATION_DIR, POLICY_PATH } from '../layout.js';

export const HANDOFF_VAR = 'CLEANROOM_HANDOFF';

/** The objects the shim reads by name, in this order (its `printf` line names the same). */
export const PREFETCHED: readonly string[] = [`HEAD:${POLICY_PATH}`, `HEAD:${ATTESTATION_DIR}`];

export interface Handoff {
  readonly repoLookup: GitResult;
  readonly gitVars: GitResult;
  /** PREFETCHED by name (null: HEAD has no such object); undefined when git could not say. */
  readonly prefetched: ReadonlyMap<string, GitObject | null> | undefined;
  readonly stagedDiff: GitResult;
}

export interface ShimHandoff {
  /** Takes in what the shim has written so far, without waiting. Over a pipe's 64 KB (a diff of
   *  some 500 staged files) the shim's git stops until it is read; Linux only, elsewhere a no-op. */
  drain(): void;
  /** The whole handoff, waiting for the shim's git to finish: call it once there is nothing better
   *  to do. Null when it cannot be read or does not parse. */
  take(): Handoff | null;
}

/** The handoff when this process is the shim's direct child, else null. Only a pipe is read (a
 *  terminal or a file on stdin means the variable was not the shim's doing). */
export function shimHandoff(env: NodeJS.ProcessEnv, parentPid: number): ShimHandoff | null {
  if (env[HANDOFF_VAR] !== String(parentPid)) return null;
  let stdin: fs.Stats;
  try {
    stdin = fs.fstatSync(0);
  } catch {
    return null;
  }
  if (!stdin.isFIFO() && !stdin.isSocket()) return null;
  const taken: Buffer[] = [];
  let ended = false;
  // The same pipe opened again without blocking, so a read finds it empty instead of waiting.
  let nonBlocking: number | null | undefined;
  return {
    drain() {
      if (nonBlocking === undefined) nonBlocking = openNonBlocking(stdin);
      while (nonBlocking !== null && !ended) {
        const chunk = Buffer.allocUnsafe(1 << 16);
        let read: number;
        try {
          read = fs.readSync(nonBlocking, chunk, 0, chunk.length, null);
        } catch {
          return; // EAGAIN: nothing more yet
        }
        if (read === 0) ended = true;
        else taken.push(chunk.subarray(0, read));
      }
    },
    take() {
      try {
        this.drain();
        if (!ended) taken.push(fs.readFileSync(0));
        return parseHandoff(Buffer.concat(taken));
      } catch {
        return null;
      } finally {
        if (typeof nonBlocking === 'number') fs.closeSync(nonBlocking);
        nonBlocking = null;
      }
    },
  };
}

function openNonBlocking(stdin: fs.Stats): number | null {
  if (!stdin.isFIFO() || process.platform !== 'linux') return null;
  try {
    return fs.openSync('/proc/self/fd/0', fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return null;
  }
}

const EXIT_CODE = /^[0-9]{1,3}$/;

export function parseHandoff(data: Buffer): Handoff | null {
  const answers: GitResult[] = [];
  let pos = 0;
  /** The exit code framed as NUL <code> NUL at `at`, and where the next section starts. */
  const exitCodeAt = (at: number): { code: number; next: number } | null => {
    const end = data[at] === 0 ? data.indexOf(0, at + 1) : -1;
    const code = end < 0 ? '' : data.subarray(at + 1, end).toString('latin1');
    return EXIT_CODE.test(code) ? { code: Number(code), next: end + 1 } : null;
  };
  for (let k = 0; k < 2; k++) {
    const end = data.indexOf(0, pos);
    const exit = end < 0 ? null : exitCodeAt(end);
    if (exit === null) return null;
    answers.push({ stdout: data.subarray(pos, end), stderr: '', status: exit.code });
    pos = exit.next;
  }
  const prefetched = new Map<string, GitObject | null>();
  let complete = true; // each name got an answer (git did not fail before answering)
  for (const name of PREFETCHED) {
    const found = objectAt(data, pos);
    if (found === null) return null;
    if (found.object === undefined) complete = false;
    else prefetched.set(name, found.object);
    pos = found.end;
  }
  const objectsExit = exitCodeAt(pos);
  if (objectsExit === null) return null;
  pos = objectsExit.next;
  if (data.length === pos || data[data.length - 1] !== 0x0a) return null;
  const lastNul = data.lastIndexOf(0, data.length - 1);
  const diffEnd = lastNul < pos ? pos : lastNul + 1;
  const code = data.subarray(diffEnd, data.length - 1).toString('latin1');
  if (!EXIT_CODE.test(code)) return null;
  const [repoLookup, gitVars] = answers as [GitResult, GitResult];
  return {
    repoLookup,
    gitVars,
    prefetched: complete && objectsExit.code === 0 ? prefetched : undefined,
    stagedDiff: { stdout: data.subarray(pos, diffEnd), stderr: '', status: Number(code) },
  };
}

/** One `cat-file --batch` answer at `start` (null for a missing object, undefined where git failed
 *  before answering and the section is empty), and where it ends; null when it is not whole. */
function objectAt(data: Buffer, start: number): { object: GitObject | null | undefined; end: number } | null {
  if (data[start] === 0) return { object: undefined, end: start };
  const nl = data.indexOf(0x0a, start);
  if (nl < 0) return null;
  const header = parseHeader(data, start, nl);
  if (header === null) return { object: null, end: nl + 1 };
  const contentEnd = nl + 1 + header.size;
  if (!Number.isSafeInteger(header.size) || data[contentEnd] !== 0x0a) return null;
  return { object: { oid: header.oid, type: header.type, content: data.subarray(nl + 1, contentEnd) }, end: contentEnd + 1 };
}
