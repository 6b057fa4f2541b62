/**
 * The process entry: bin/cleanroom.js requires the bundle of this file, which runs the CLI's
 * bundle (dist/cli.cjs). A hook starts a fresh Node on every commit, and compiling that bundle is
 * a large share of its start, so it is compiled through node:vm with V8's code cache: kept in the
 * private cache folder, one per bundle, Node and command, and written after a run that had none
 * (or whose cache V8 refused). V8 refuses a cache made by another V8 or with other flags; that it
 * belongs to this bundle it checks only by length, so the bundle's hash is in the file name.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { privateCacheDir, writeCacheFile } from './cache-dir.js';
import type * as Cli from './cli.js';
import { isCommandName, isHookName, judgesIndex } from './commands/names.js';
import { CatFileBatch } from './git/cat-file.js';
import { startStagedDiff } from './git/plumbing.js';
import { POLICY_PATH } from './layout.js';
import type { GitResult } from './git/exec.js';
import { shimHandoff, type ShimHandoff } from './git/handoff.js';
import { discoverRepo, readGitVars } from './git/repo.js';
import { plumbingIsCertain } from './git/preflight.js';
import type { Started } from './io.js';

/** The first 16 hex digits of dist/cli.cjs's sha256, set by scripts/build.js. */
declare const CLEANROOM_BUNDLE_ID: string;

const CODE_CACHE_PREFIX = 'code-';

/** Each command compiles its own part of the bundle, so each keeps its own cache. */
function codeCacheName(argv: readonly string[]): string {
  const [command, sub] = argv;
  const label = !isCommandName(command) ? 'other' : command === 'hook' && isHookName(sub) ? `hook-${sub}` : command;
  return `${CODE_CACHE_PREFIX}${CLEANROOM_BUNDLE_ID}-${process.version}-${process.arch}-${label}.bin`;
}

function readCache(file: string | null): Buffer | undefined {
  if (file === null) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Another build's caches are dropped once a day has passed since they were written: long enough
 *  that two installs in use side by side do not keep deleting each other's. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** Writes the cache beside the others and drops other builds' stale ones (an upgrade's leftovers).
 *  Any failure costs only the next run's speed. */
function writeCache(dir: string, file: string, script: vm.Script): void {
  if (!writeCacheFile(file, script.createCachedData())) return;
  try {
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(CODE_CACHE_PREFIX) || name.startsWith(`${CODE_CACHE_PREFIX}${CLEANROOM_BUNDLE_ID}-`)) continue;
      const other = path.join(dir, name);
      if (Date.now() - fs.statSync(other).mtimeMs > STALE_MS) fs.rmSync(other, { force: true });
    }
  } catch {
    // Another process removed a file meanwhile: leftovers wait for the next write.
  }
}

/** A hook that judges the index starts its git work before the CLI has even loaded: the
 *  repository lookup and `git var -l` (done before the staged diff takes a CPU), the staged diff
 *  (it takes about as long as the CLI's load), and the object reader, asked at once for the
 *  committed policy that will judge the commit unless the environment names another (the engine
 *  takes that answer as prefetched). Run from the
 *  shim, all of that but the reader was asked before Node started (src/git/handoff.ts): the
 *  answers are read once the CLI has loaded (drained before, so the shim's git never waits on a
 *  full pipe), whatever the shim could not get is asked again, and the reader is started only
 *  when something needs it (many hooks never do). */
function startEarly(argv: readonly string[], handoff: ShimHandoff | null): Started | undefined {
  const [command, hook] = argv;
  if (command !== 'hook' || !isHookName(hook) || !judgesIndex(hook) || !plumbingIsCertain(process.env)) return undefined;
  const cwd = process.cwd();
  const env = process.env;
  if (handoff) {
    // A microtask: it runs at the CLI's first wait, after the load it would otherwise hold up.
    const answered = Promise.resolve().then(() => handoff.take());
    const success = (r: GitResult | undefined) => (r?.status === 0 ? r : undefined);
    const repo = answered.then((h) => discoverRepo(cwd, env, success(h?.repoLookup)));
    const vars = answered.then((h) => readGitVars(cwd, env, success(h?.gitVars)));
    const stagedDiff = answered.then((h) => startStagedDiff(cwd, env, success(h?.stagedDiff)));
    // No object reader yet: with the policy at hand, many hooks never need one.
    return unhandledLater({ stagedDiff, repo, vars, prefetched: answered.then((h) => h?.prefetched) });
  }
  const repo = discoverRepo(cwd, env);
  const vars = readGitVars(cwd, env);
  const stagedDiff = startStagedDiff(cwd, env);
  const objects = new CatFileBatch(cwd, env);
  // Handed to the engine as the shim's prefetch is: the policy is read once, and early.
  const policyName = `HEAD:${POLICY_PATH}`;
  const prefetched = env.CLEANROOM_POLICY ? undefined : objects.read(policyName).then((found) => new Map([[policyName, found]]), () => undefined);
  return unhandledLater({ stagedDiff, objects, repo, vars, prefetched });
}

/** The early work's failures surface where the CLI awaits it; until then none counts as unhandled. */
function unhandledLater(started: Started): Started {
  for (const work of [started.repo, started.vars, started.stagedDiff, started.prefetched]) work?.catch(() => undefined);
  return started;
}

export async function run(argv: string[]): Promise<number> {
  const handoff = shimHandoff(process.env, process.ppid);
  handoff?.drain();
  const started = startEarly(argv, handoff);
  const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.cjs');
  const dir = privateCacheDir();
  const cacheFile = dir === null ? null : path.join(dir, codeCacheName(argv));
  const cachedData = readCache(cacheFile);
  let script: vm.Script;
  const module = { exports: {} as typeof Cli };
  try {
    handoff?.drain();
    // The wrapper Node itself puts around a CommonJS module.
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(bundle, 'utf8')}\n})`, {
      filename: bundle,
      cachedData,
    });
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  } catch (e) {
    // The object reader started early would keep the process alive: a hook whose CLI cannot
    // load must still end (bin/ reports it), never leave git waiting.
    await started?.objects?.close();
    throw e;
  }
  const code = await module.exports.main(argv, {
    cwd: process.cwd(),
    env: process.env,
    // Node builds process.stdin on first use; most commands never read it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    started,
    build: CLEANROOM_BUNDLE_ID,
  });
  if (dir !== null && cacheFile !== null && (cachedData === undefined || script.cachedDataRejected === true)) writeCache(dir, cacheFile, script);
  return code;
}
