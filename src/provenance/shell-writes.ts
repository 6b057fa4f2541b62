/**
 * Which files an assistant's shell call wrote. A shell command's file effects are not in its
 * payload, so they are observed in the repository, around the call.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RepoOnDisk } from '../git/config.js';
import { runGit } from '../git/exec.js';
import { ledgerDir } from '../layout.js';
import type { ShellCall } from './payloads.js';

/** A shell call that changes more files than this (a generated tree) records the first ones and says so. */
const MAX_SHELL_FILES = 1000;
/** A snapshot whose shell call never reported back (interrupted, failed) is swept after this. */
const SNAPSHOT_STALE_MS = 24 * 60 * 60 * 1000;
/** Timestamp granularity slack when a call is bounded by its duration alone. */
const DURATION_SLACK_MS = 2000;

/**
 * Every path that differs from HEAD in the index or the work tree and exists as a file, with its
 * size and mtime: what a shell call may have written. Staged paths count because an assistant's
 * shell often runs `git add` right after writing. --no-optional-locks: git status must not take
 * index.lock under the assistant's own git commands.
 */
async function changedFiles(repo: RepoOnDisk, env: NodeJS.ProcessEnv): Promise<Map<string, [number, number]>> {
  const r = await runGit(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'], {
    cwd: repo.workTree,
    env,
  });
  if (r.status !== 0) throw new Error(`git status failed: ${r.stderr.trim()}`);
  const files = new Map<string, [number, number]>();
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    if (entry.length < 4 || !/[MATU?]/.test(entry.slice(0, 2))) continue;
    const rel = entry.slice(3);
    const st = fs.lstatSync(path.join(repo.workTree, rel), { throwIfNoEntry: false });
    if (st?.isFile()) files.set(rel, [st.size, st.mtimeMs]);
  }
  return files;
}

function snapshotFile(repo: RepoOnDisk, call: ShellCall): string {
  const key = createHash('sha256').update(`${call.agent}\0${call.session}\0${call.callId}`).digest('hex').slice(0, 32);
  return path.join(ledgerDir(repo.commonDir), 'shell', `${key}.json`);
}

function sweepSnapshots(dir: string, now: number): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st && now - st.mtimeMs > SNAPSHOT_STALE_MS) fs.rmSync(file, { force: true });
  }
}

/**
 * A shell call's file effects are unknown, so they are observed: before the call, the changed
 * files' sizes and mtimes are saved; after it, a file counts as written by the call when it is
 * newly changed or its size or mtime moved. Without a snapshot (the before-hook is not wired, as
 * for Cursor) the call's duration bounds it: changed files modified since it started. Neither: the
 * call is not recorded, and the log says so. Writes outside the session's repository go unseen.
 */
export async function shellWrites(
  repo: RepoOnDisk,
  call: ShellCall,
  ctx: { readonly env: NodeJS.ProcessEnv; readonly now: () => Date },
): Promise<{ files: string[]; note: string | null }> {
  const file = snapshotFile(repo, call);
  const now = ctx.now().getTime();
  const files = await changedFiles(repo, ctx.env);
  if (call.phase === 'before') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    sweepSnapshots(path.dirname(file), now);
    fs.writeFileSync(file, JSON.stringify({ files: Object.fromEntries(files) }));
    return { files: [], note: null };
  }
  let before: Record<string, [number, number]> | null = null;
  try {
    before = (JSON.parse(fs.readFileSync(file, 'utf8')) as { files: Record<string, [number, number]> }).files;
    fs.rmSync(file, { force: true });
  } catch {
    // No snapshot: the duration, if any, bounds the call instead.
  }
  let written: string[];
  if (before !== null) {
    const prior = before;
    written = [...files].filter(([rel, [size, mtime]]) => prior[rel]?.[0] !== size || prior[rel]?.[1] !== mtime).map(([rel]) => rel);
  } else if (call.durationMs !== null) {
    const since = now - call.durationMs - DURATION_SLACK_MS;
    written = [...files].filter(([, [, mtime]]) => mtime >= since).map(([rel]) => rel);
  } else {
    return {
      files: [],
      note: `${call.tool}: no snapshot from before the call and no duration in the payload: its file writes are not recorded (wire the before-tool hook: cleanroom init --agents)`,
    };
  }
  const note = written.length > MAX_SHELL_FILES ? `${call.tool}: ${written.length} files changed; recorded the first ${MAX_SHELL_FILES}` : null;
  return { files: written.slice(0, MAX_SHELL_FILES), note };
}
