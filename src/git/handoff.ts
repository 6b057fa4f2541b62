/**
 * What the hook shim (hooks/*) asked git while Node was starting. Every run of a commit hook
 * begins with the same three questions: the repository lookup, `git var -l` and the staged diff.
 * Node takes ~30 ms to start on one CPU while another sits idle, so the shim asks them first and
 * hands git's answers over on the hook's stdin, which git leaves empty for these hooks:
 *
 *   <rev-parse output> NUL <exit code> NUL <var -l output> NUL <exit code> NUL <diff-index -z output> <exit code> LF
 *
 * The first two outputs cannot hold a NUL (paths and config values never do); the diff's own NULs
 * end its records, so its exit code is what follows the last one. The shim names itself in
 * CLEANROOM_HANDOFF (its pid): only its direct child believes the handoff, never a process
 * started further down that inherited the variable. An answer that is missing, garbled or not a
 * success is asked again in Node, which then also hears git's error message.
 */
import fs from 'node:fs';
import type { GitResult } from './exec.js';

export const HANDOFF_VAR = 'CLEANROOM_HANDOFF';

export interface Handoff {
  readonly repoLookup: GitResult;
  readonly gitVars: GitResult;
  readonly stagedDiff: GitResult;
}

/** The handoff's reader when this process is the shim's direct child, else null. Reading waits for
 *  the shim's git to finish: call it once there is nothing better to do. Only a pipe is read (a
 *  terminal or a file on stdin means the variable was not the shim's doing). */
export function shimHandoff(env: NodeJS.ProcessEnv, parentPid: number): (() => Handoff | null) | null {
  if (env[HANDOFF_VAR] !== String(parentPid)) return null;
  return () => {
    try {
      const stdin = fs.fstatSync(0);
      return stdin.isFIFO() || stdin.isSocket() ? parseHandoff(fs.readFileSync(0)) : null;
    } catch {
      return null;
    }
  };
}

const EXIT_CODE = /^[0-9]{1,3}$/;

export function parseHandoff(data: Buffer): Handoff | null {
  const answers: GitResult[] = [];
  let pos = 0;
  for (let k = 0; k < 2; k++) {
    const end = data.indexOf(0, pos);
    const codeEnd = end < 0 ? -1 : data.indexOf(0, end + 1);
    if (codeEnd < 0) return null;
    const code = data.subarray(end + 1, codeEnd).toString('latin1');
    if (!EXIT_CODE.test(code)) return null;
    answers.push({ stdout: data.subarray(pos, end), stderr: '', status: Number(code) });
    pos = codeEnd + 1;
  }
  if (data.length === pos || data[data.length - 1] !== 0x0a) return null;
  const lastNul = data.lastIndexOf(0, data.length - 1);
  const diffEnd = lastNul < pos ? pos : lastNul + 1;
  const code = data.subarray(diffEnd, data.length - 1).toString('latin1');
  if (!EXIT_CODE.test(code)) return null;
  const [repoLookup, gitVars] = answers as [GitResult, GitResult];
  return { repoLookup, gitVars, stagedDiff: { stdout: data.subarray(pos, diffEnd), stderr: '', status: Number(code) } };
}
