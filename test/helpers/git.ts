/**
 * Real git in throwaway repositories, with an environment built from nothing: the shell running
 * the suite may carry an assistant's variables or a global core.hooksPath, and no verdict may
 * depend on who ran the tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'bin', 'cleanroom.js');
export const HOOKS = path.join(ROOT, 'hooks');

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanroom-test-'));
// Each test file gets its own folder of repositories, removed when the file is done: a run makes
// hundreds of repositories, and a CI machine's temporary folder must not keep them.
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 3 }));
const home = path.join(tmpRoot, 'home');
fs.mkdirSync(home, { recursive: true });
const tmp = path.join(tmpRoot, 'tmp');
fs.mkdirSync(tmp);

export const HUMAN = { name: 'Ada Human', email: 'ada@example.org' };

/** A clean environment for git and the CLI: no inherited GIT_*, assistant or colour variables. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, 'gitconfig'),
    GIT_AUTHOR_NAME: HUMAN.name,
    GIT_AUTHOR_EMAIL: HUMAN.email,
    GIT_COMMITTER_NAME: HUMAN.name,
    GIT_COMMITTER_EMAIL: HUMAN.email,
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    TZ: 'UTC',
    // The CLI's caches (compiled code, compiled policies) stay with this file's repositories.
    TMPDIR: tmp,
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
// Git's defaults, but for the housekeeping git starts after every commit and push (`git maintenance
// run --auto`): a process of its own each time, in repositories far too small for it to do anything.
fs.writeFileSync(path.join(home, 'gitconfig'), '[maintenance]\n\tauto = false\n[receive]\n\tautogc = false\n');

let counter = 0;
export function tempDir(label = 'repo'): string {
  const dir = path.join(tmpRoot, `${label}-${++counter}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const templates = new Map<string, string>();
/**
 * A fresh copy of a folder `build` fills once per test file and key (a seeded bare repository,
 * say): each test still gets repositories of its own to change, without running the same git
 * commands again to make them.
 */
export function fixtureCopy(key: string, build: (dir: string) => void, label = 'fixture'): string {
  let template = templates.get(key);
  if (template === undefined) {
    template = tempDir(`${label}-template`);
    build(template);
    templates.set(key, template);
  }
  const dir = tempDir(label);
  copyTree(template, dir);
  return dir;
}

/**
 * Copies folder `from` into the existing folder `to`: files with their modes, symlinks as they are
 * written. fs.cpSync does the same, but checks every entry several times over: copying a small
 * repository that way costs as much as the git commands that made it.
 */
function copyTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(dst);
      copyTree(src, dst);
    } else if (entry.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(src), dst);
    } else if (entry.isFile()) {
      fs.copyFileSync(src, dst);
    } else {
      throw new Error(`fixtureCopy: ${src} is neither a file, a folder nor a symlink`);
    }
  }
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * How long any child process a test starts may run. A synchronous spawn blocks the worker, so
 * vitest's own test timeout can never fire while one hangs: the child must be killed here, and
 * the test fail saying which command hung. Pass it (or a shorter one) to every spawn of a test.
 */
export const CHILD_TIMEOUT_MS = 60_000;

/** The error a test fails with when a child it started outlived its time. */
function hung(cmd: string, args: readonly string[], timeout: number): Error {
  return new Error(`${cmd} ${args.join(' ')} did not finish within ${timeout / 1000} s and was killed (a hang, or a prompt waiting for input)`);
}

const timedOut = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';

export function run(cmd: string, args: readonly string[], cwd: string, env = cleanEnv(), input?: string, timeout = CHILD_TIMEOUT_MS): Run {
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout });
  if (timedOut(r.error)) throw hung(cmd, args, timeout);
  return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

/** git that must succeed; returns its stdout as bytes (for -z output). */
export function gitRaw(cwd: string, args: readonly string[], env = cleanEnv(), input?: string | Buffer, timeout = CHILD_TIMEOUT_MS): Buffer {
  try {
    return execFileSync('git', args, { cwd, env, input, maxBuffer: 256 * 1024 * 1024, timeout });
  } catch (e) {
    throw timedOut(e) ? hung('git', args, timeout) : e;
  }
}

/** git that must succeed; returns trimmed stdout. */
export function git(cwd: string, args: readonly string[], env = cleanEnv(), timeout = CHILD_TIMEOUT_MS): string {
  try {
    return execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], timeout }).trim();
  } catch (e) {
    throw timedOut(e) ? hung('git', args, timeout) : e;
  }
}

/** git that may fail (a hook blocking a commit, say). */
export function gitTry(cwd: string, args: readonly string[], env = cleanEnv()): Run {
  return run('git', args, cwd, env);
}

export function cleanroom(cwd: string, args: readonly string[], env = cleanEnv(), input?: string): Run {
  return run(process.execPath, [CLI, ...args], cwd, env, input);
}

export function write(repo: string, file: string, content: string | Buffer): void {
  const p = path.join(repo, file);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

/** Makes `repo` a repository with one commit (README.md), with extra `git init` args. */
export function seedRepo(repo: string, initArgs: readonly string[] = []): void {
  git(repo, ['init', '-q', '-b', 'main', ...initArgs]);
  write(repo, 'README.md', 'hello\n');
  git(repo, ['add', 'README.md']);
  git(repo, ['commit', '-q', '-m', 'initial']);
}

/**
 * A fresh repository with one commit, optionally extra `git init` args (e.g. --object-format=sha256).
 * Built once per test file and init args, then copied: the dates and identity are fixed, so every
 * copy has the same commit a fresh `git init` and commit would make, for a fraction of the time.
 */
export function initRepo(initArgs: readonly string[] = []): string {
  return fixtureCopy(`initRepo ${JSON.stringify(initArgs)}`, (repo) => seedRepo(repo, initArgs), 'repo');
}

/**
 * A commit of what is staged, made behind the hooks' back (core.hooksPath=/dev/null): for the
 * scene a test sets up before the commit, push or check it is about. A commit through the hooks
 * starts the CLI once per hook; a scene needs none of them.
 */
export function sceneCommit(repo: string, message: string, env = cleanEnv(), extra: readonly string[] = []): void {
  git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', ...extra, '-m', message], env);
}

/** Installs the shipped hooks the way a user of plain core.hooksPath would. */
export function installHooks(repo: string): void {
  git(repo, ['config', 'core.hooksPath', HOOKS]);
}

/**
 * Points os.tmpdir() (it follows TMPDIR) at a folder of its own for the tests of the calling
 * file or describe block, where cleanroom code running in-process keeps its private cache folder.
 * Returns that folder, and the private cache folder inside it.
 */
export function ownTmpdir(label: string): { readonly dir: () => string; readonly privateDir: () => string } {
  const saved = process.env.TMPDIR;
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `cleanroom-${label}-`));
    process.env.TMPDIR = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir: () => dir, privateDir: () => path.join(dir, `cleanroom-${process.getuid?.() ?? 'user'}`) };
}
