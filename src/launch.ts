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
import { runGit, type GitResult } from './git/exec.js';
import { PREFETCHED, shimHandoff, type ShimHandoff } from './git/handoff.js';
import { rememberObject, rememberReader, rememberRun, takeReader, type GitPlace } from './git/memo.js';
import { STAGED_DIFF_ARGS } from './git/plumbing.js';
import { plumbingIsCertain } from './git/preflight.js';
import { GIT_VARS_ARGS, REPO_LOOKUP_ARGS } from './git/repo.js';
import { POLICY_PATH } from './layout.js';

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

/** A hook that judges the index asks git its first questions before the CLI has even loaded, and
 *  leaves the answers in git's memo (src/git/memo.ts) for the CLI's own asking to find: the
 *  repository lookup and `git var -l` (started before the staged diff takes a CPU) and the staged
 *  diff (it takes about as long as the CLI's load). Run from the shim, they were asked before
 *  Node started (src/git/handoff.ts), along with the committed policy and attestations folder: the
 *  answers are read once the CLI has loaded (drained before, so the shim's git never waits on a
 *  full pipe), and whatever the shim could not get is asked again. Otherwise the object reader is
 *  started here too, asked at once for the committed policy that will judge the commit unless the
 *  environment names another. */
function askAhead(argv: readonly string[], handoff: ShimHandoff | null, place: GitPlace): void {
  const [command, hook] = argv;
  if (command !== 'hook' || !isHookName(hook) || !judgesIndex(hook) || !plumbingIsCertain(place.env)) return;
  if (handoff) {
    // A microtask: it runs at the CLI's first wait, after the load it would otherwise hold up.
    const handedOver = Promise.resolve().then(() => handoff.take());
    const success = (r: GitResult | undefined) => (r?.status === 0 ? r : undefined);
    rememberRun(
      REPO_LOOKUP_ARGS,
      place,
      handedOver.then((h) => success(h?.repoLookup)),
    );
    rememberRun(
      GIT_VARS_ARGS,
      place,
      handedOver.then((h) => success(h?.gitVars)),
    );
    rememberRun(
      STAGED_DIFF_ARGS,
      place,
      handedOver.then((h) => success(h?.stagedDiff)),
    );
    for (const name of PREFETCHED)
      rememberObject(
        name,
        place,
        handedOver.then((h) => h?.prefetched?.get(name)),
      );
    // No object reader yet: with the policy at hand, many hooks never need one.
    return;
  }
  for (const args of [REPO_LOOKUP_ARGS, GIT_VARS_ARGS, STAGED_DIFF_ARGS]) rememberRun(args, place, runGit(args, place));
  const reader = new CatFileBatch(place.cwd, place.env);
  rememberReader(place, reader);
  const policy = `HEAD:${POLICY_PATH}`;
  // A failed read is asked again where the policy is read, and its error heard there.
  if (!place.env.CLEANROOM_POLICY)
    rememberObject(
      policy,
      place,
      reader.read(policy).catch(() => undefined),
    );
}

export async function run(argv: string[]): Promise<number> {
  const handoff = shimHandoff(process.env, process.ppid);
  handoff?.drain();
  const place: GitPlace = { cwd: process.cwd(), env: process.env };
  askAhead(argv, handoff, place);
  const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.cjs');
  const dir = privateCacheDir();
  const cacheFile = dir === null ? null : path.join(dir, codeCacheName(argv));
  const cachedData = readCache(cacheFile);
  let script: vm.Script;
  let code: number;
  const module = { exports: {} as typeof Cli };
  try {
    handoff?.drain();
    // The wrapper Node itself puts around a CommonJS module.
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(bundle, 'utf8')}\n})`, {
      filename: bundle,
      cachedData,
    });
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
    code = await module.exports.main(argv, {
      cwd: place.cwd,
      env: place.env,
      // Node builds process.stdin on first use; most commands never read it.
      get stdin() {
        return process.stdin;
      },
      stdout: process.stdout,
      stderr: process.stderr,
      build: CLEANROOM_BUNDLE_ID,
    });
  } finally {
    // An object reader asked ahead that no engine took (the repository lookup failed, or the CLI
    // could not load: bin/ reports it) would keep the process alive: a hook must end, never
    // leave git waiting.
    await takeReader(place)?.close();
  }
  if (dir !== null && cacheFile !== null && (cachedData === undefined || script.cachedDataRejected === true)) writeCache(dir, cacheFile, script);
  return code;
}
