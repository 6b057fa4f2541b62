/**
 * What `cleanroom record <agent>` does with one hook invocation: find the files the assistant's
 * tool call wrote, read each from disk as it now is, and append a ledger record per file.
 *
 * It runs inside the assistant's tool loop, so it must be quick and may never fail the assistant:
 * the repository is found by walking up from the file (no git process), problems go to
 * `<common dir>/cleanroom/record.log`, and nothing escapes as an exception.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { locateRepository, repoPath, type RepoOnDisk } from '../git/config.js';
import { runGit } from '../git/exec.js';
import { addedLines } from '../signals/detect.js';
import { ledgerDir } from '../layout.js';
import { appendRecords, DEFAULT_MAX_BYTES, lineFingerprint, type ProvenanceRecord } from './ledger.js';
import { AGENTS, isAgent, parsePayload, type FileWrite, type ShellCall } from './payloads.js';

const LOG_FILE = 'record.log';
/** The log keeps one older generation beside it past this size. */
const LOG_MAX_BYTES = 256 * 1024;
/** Lines are fingerprinted from at most this much of a file; the blob id and sha256 cover all of it. */
const LINES_MAX_BYTES = 16 * 1024 * 1024;
/** Bounds one record (a data file of a million lines would otherwise fill the ledger alone). */
const MAX_FINGERPRINTS = 20_000;
/** A shell call that changes more files than this (a generated tree) records the first ones and says so. */
const MAX_SHELL_FILES = 1000;
/** A snapshot whose shell call never reported back (interrupted, failed) is swept after this. */
const SNAPSHOT_STALE_MS = 24 * 60 * 60 * 1000;
/** Timestamp granularity slack when a call is bounded by its duration alone. */
const DURATION_SLACK_MS = 2000;

export interface RecordContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
}

/** Appends a line to `<common dir>/cleanroom/<file>` (record.log unless named), never failing. */
export function log(commonDir: string, ctx: Pick<RecordContext, 'now'>, agent: string, message: string, name = LOG_FILE): void {
  try {
    const dir = ledgerDir(commonDir);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > LOG_MAX_BYTES) fs.renameSync(file, `${file}.old`);
    fs.appendFileSync(file, `${ctx.now().toISOString()} ${agent}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  } catch {
    // Nowhere left to report to, and the assistant must not hear of it.
  }
}

/**
 * The file's lines that hold the tool's introduced texts, whole: an edit replaces part of a line as
 * often as whole lines, and the line as the file now has it is what a commit adds. Every
 * occurrence counts, since the payload does not say which one the tool wrote.
 */
function linesHolding(lines: readonly { text: string }[], introduced: readonly string[]): string[] {
  const text = lines.map((l) => l.text).join('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.text.length + 1;
  }
  const lineAt = (pos: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const hit = new Set<number>();
  for (const chunk of introduced.map((c) => c.replace(/\r\n/g, '\n').replace(/^\n+|\n+$/g, ''))) {
    if (chunk.trim() === '') continue;
    for (let at = text.indexOf(chunk); at !== -1; at = text.indexOf(chunk, at + chunk.length)) {
      for (let i = lineAt(at), last = lineAt(at + chunk.length - 1); i <= last; i++) hit.add(i);
    }
  }
  return [...hit].sort((a, b) => a - b).map((i) => (lines[i] as { text: string }).text);
}

/**
 * The record of one file as it is on disk now. Blob id and sha256 cover every byte; line
 * fingerprints cover the lines holding the tool's introduced texts (all of its lines when null).
 * Null when the path is not a regular file (deleted, moved away, a symlink).
 */
function describe(abs: string, rel: string, repo: RepoOnDisk, w: Omit<FileWrite, 'path'>, time: string): ProvenanceRecord | null {
  const lst = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (!lst?.isFile()) return null;
  const fd = fs.openSync(abs, 'r');
  let size: number;
  const blob = createHash(repo.objectFormat);
  const sha256 = createHash('sha256');
  const head: Buffer[] = [];
  try {
    size = fs.fstatSync(fd).size;
    blob.update(`blob ${size}\0`);
    const chunk = Buffer.alloc(Math.min(Math.max(size, 1), 1024 * 1024));
    let read = 0;
    for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, read)) > 0; read += n) {
      const part = chunk.subarray(0, n);
      blob.update(part);
      sha256.update(part);
      if (read < LINES_MAX_BYTES) head.push(Buffer.from(part.subarray(0, LINES_MAX_BYTES - read)));
    }
    if (read !== size) throw new Error(`${rel} changed size while it was read (${size} then ${read} bytes)`);
  } finally {
    fs.closeSync(fd);
  }
  const record: ProvenanceRecord = {
    v: 1,
    id: randomBytes(8).toString('hex'),
    time,
    agent: w.agent,
    session: w.session,
    tool: w.tool,
    path: rel,
    blob: blob.digest('hex'),
    sha256: sha256.digest('hex'),
    size,
  };
  const text = addedLines(null, Buffer.concat(head));
  if (text === null) return record;
  const lines = new Set<string>();
  let truncated = size > LINES_MAX_BYTES;
  for (const line of w.introduced === null ? text.map((l) => l.text) : linesHolding(text, w.introduced)) {
    const fp = lineFingerprint(line);
    if (fp === null) continue;
    if (lines.size === MAX_FINGERPRINTS) {
      truncated = true;
      break;
    }
    lines.add(fp);
  }
  return { ...record, lines: [...lines], ...(truncated ? { truncated: true as const } : {}) };
}

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
async function shellWrites(repo: RepoOnDisk, call: ShellCall, ctx: RecordContext): Promise<{ files: string[]; note: string | null }> {
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
    return { files: [], note: `${call.tool}: no snapshot from before the call and no duration in the payload: its file writes are not recorded (wire the before-tool hook: cleanroom init --agents)` };
  }
  const note = written.length > MAX_SHELL_FILES ? `${call.tool}: ${written.length} files changed; recorded the first ${MAX_SHELL_FILES}` : null;
  return { files: written.slice(0, MAX_SHELL_FILES), note };
}

/** Where an agent puts its session id in the hook's environment, for payloads without one. */
const SESSION_ENV: Partial<Record<string, string>> = {
  'claude-code': 'CLAUDE_CODE_SESSION_ID',
  codex: 'CODEX_THREAD_ID',
  gemini: 'GEMINI_SESSION_ID',
};

/** Records one hook invocation. Never throws: whatever goes wrong is logged in the repository, if there is one. */
export async function record(agent: string, input: string, ctx: RecordContext): Promise<void> {
  let logRepo = findRepoSafe(ctx.cwd);
  const report = (message: string) => {
    if (logRepo) log(logRepo.commonDir, ctx, agent, message);
  };
  try {
    if (!isAgent(agent)) {
      report(`unknown agent "${agent}"; expected one of ${AGENTS.join(', ')}`);
      return;
    }
    const payload = parsePayload(agent, input);
    const cwd = payload.cwd ? path.resolve(ctx.cwd, payload.cwd) : ctx.cwd;
    logRepo = findRepoSafe(cwd) ?? logRepo;
    const session = (w: { session: string }) => w.session || ctx.env[SESSION_ENV[agent] ?? ''] || '';
    const time = ctx.now().toISOString();
    const maxBytes = Number(ctx.env.CLEANROOM_LEDGER_MAX_BYTES) || DEFAULT_MAX_BYTES;

    // Absolute path -> what was written there; one file patched twice counts its lines from both.
    const writes = new Map<string, Omit<FileWrite, 'path'>>();
    const note = (abs: string, w: Omit<FileWrite, 'path'>) => {
      const prior = writes.get(abs);
      const introduced = prior === undefined ? w.introduced : prior.introduced && w.introduced && [...prior.introduced, ...w.introduced];
      writes.set(abs, { agent, session: session(w), tool: w.tool, introduced });
    };
    for (const w of payload.writes) note(path.resolve(cwd, w.path), w);
    const shellRepo = payload.shell && findRepoSafe(cwd);
    if (payload.shell && shellRepo) {
      const { files, note: problem } = await shellWrites(shellRepo, payload.shell, ctx);
      if (problem) report(problem);
      for (const rel of files) note(path.join(shellRepo.workTree, rel), { ...payload.shell, introduced: null });
    }

    const batches = new Map<string, ProvenanceRecord[]>();
    for (const [abs, w] of writes) {
      const repo = findRepoSafe(path.dirname(abs));
      const rel = repo && repoPath(repo, abs);
      if (!repo || !rel) continue;
      try {
        const r = describe(abs, rel, repo, w, time);
        if (r) batches.set(repo.commonDir, [...(batches.get(repo.commonDir) ?? []), r]);
      } catch (e) {
        log(repo.commonDir, ctx, agent, `${rel}: not recorded: ${(e as Error).message}`);
      }
    }
    for (const [commonDir, records] of batches) appendRecords(commonDir, records, { maxBytes });
  } catch (e) {
    report((e as Error).message);
  }
}

function findRepoSafe(dir: string): RepoOnDisk | null {
  try {
    return locateRepository(dir);
  } catch {
    return null;
  }
}
