import { spawn } from 'node:child_process';
import { CleanroomError } from '../errors.js';
import { recallRun } from './memo.js';

export interface GitResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly status: number;
}

/**
 * The environment every git that cleanroom starts runs with: the one the hook received (inside a
 * hook GIT_DIR, GIT_INDEX_FILE and the quarantine variables point where they must, and dropping
 * them is a known trap), plus what makes git read the objects as stored. git honours
 * `refs/replace/*` and `info/grafts` on every read, so a pusher who plants a replacement would
 * have the gate judge a stand-in while clients fetch the real commit: replacements are switched
 * off, and grafts read from an empty file (git for Windows reads /dev/null as NUL too).
 */
export function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, GIT_NO_REPLACE_OBJECTS: '1', GIT_GRAFT_FILE: '/dev/null' };
}

export interface GitRunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly input?: string | Buffer;
  /** Takes the output as it comes (then `stdout` of the result is empty). */
  readonly onStdout?: (chunk: Buffer) => void;
}

/** Runs git with gitEnvironment(), unless git was asked the same already (memo.ts). */
export function runGit(args: readonly string[], opts: GitRunOptions): Promise<GitResult> {
  // Only questions without input are asked ahead, and their answers come whole.
  const known = opts.input === undefined && opts.onStdout === undefined ? recallRun(args, opts) : undefined;
  return known ? known.then((r) => r ?? spawnGit(args, opts)) : spawnGit(args, opts);
}

function spawnGit(args: readonly string[], opts: GitRunOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: opts.cwd,
      // Output is read to its end, so it may come fully buffered: into a pipe, git otherwise
      // flushes a record at a time (diff-tree --stdin: one write, and one wake-up here, per commit).
      env: { ...gitEnvironment(opts.env), GIT_FLUSH: '0' },
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const onStdout = opts.onStdout;
    child.stdout?.on('data', onStdout ? (b: Buffer) => onStdout(b) : (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new CleanroomError('EGIT', `could not run git (${e.message}); is git installed and on PATH?`)));
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), status: code ?? 128 }));
    if (child.stdin) {
      // git may finish without reading all of its input (an error, say); its exit status tells.
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
    }
  });
}

/** runGit, but a non-zero exit becomes an EGIT error quoting git's own message. */
export async function gitOk(args: readonly string[], opts: GitRunOptions): Promise<Buffer> {
  const r = await runGit(args, opts);
  if (r.status !== 0) {
    throw new CleanroomError('EGIT', `git ${args[0]} failed: ${r.stderr.trim() || `exit ${r.status}`}`);
  }
  return r.stdout;
}
