/**
 * What isomorphic-git would read wrongly in one repository: the layouts and settings git's
 * plumbing handles and isomorphic-git does not. Looked for only when someone asks for the
 * isomorphic engine, so that it refuses instead of answering wrongly. The checks are a few stats
 * and short reads, synchronous on purpose (a dozen tiny reads cost less than as many thread-pool
 * round trips), plus the configuration the run already read with `git var -l`.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { CleanroomError } from '../errors.js';
import { isTrue } from './config.js';
import { indexFilePath, readIndexHeader, summarizeIndex } from './isomorphic/index-file.js';
import { objectDirs } from './isomorphic/overlay-fs.js';
import type { RepoContext } from './repo.js';

/** Something in the repository isomorphic-git would misread: `reason` names it for the user. */
export interface Obstacle {
  readonly reason: string;
}

/** Node cannot read a file this large into one buffer, and isomorphic-git's idx reader has no 64-bit offsets. */
const UNREADABLE_PACK = 2 ** 31;

/** `config`: the effective configuration from `git var -l` (GitVars), so worktree config and
 *  includes count exactly as git counts them. */
export function obstacles(repo: RepoContext, config: ReadonlyMap<string, string>): Obstacle[] {
  // Replace refs and grafts are no obstacle: neither engine honours them (git runs with
  // GIT_NO_REPLACE_OBJECTS and no grafts, src/git/exec.ts; isomorphic-git never reads them).
  return [
    ...(repo.objectFormat === 'sha1' ? [] : [{ reason: `the repository uses ${repo.objectFormat} object ids` }]),
    ...configObstacles(config),
    ...indexObstacles(repo),
    ...packObstacles(repo),
  ];
}

function configObstacles(config: ReadonlyMap<string, string>): Obstacle[] {
  const found: Obstacle[] = [];
  for (const [key, value] of config) {
    const [section = '', ...rest] = key.split('.');
    const name = rest.at(-1) ?? '';
    if (section === 'extensions' && !harmlessExtension(name, value)) {
      found.push({ reason: `the configuration sets extensions.${name} = ${value}` });
    } else if (section === 'remote' && name === 'promisor' && isTrue(value)) {
      found.push({ reason: `the configuration sets ${key} (a partial clone: git fetches missing objects on demand)` });
    }
  }
  return found;
}

/** Extensions that change nothing about reading objects, refs or the index. */
function harmlessExtension(name: string, value: string): boolean {
  if (name === 'objectformat') return value.toLowerCase() === 'sha1';
  if (name === 'refstorage') return value.toLowerCase() === 'files';
  return name === 'worktreeconfig' || name === 'preciousobjects' || name === 'noop';
}

/** The read, or `fallback` when the file or directory is not there; most of these are usually
 *  absent, and checking first costs far less than a thrown ENOENT. */
function attempt<T>(file: string, read: (file: string) => T, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return read(file);
  } catch {
    return fallback;
  }
}

/**
 * Finding a `link` extension (split index) means walking every entry, so that walk is skipped
 * when no `sharedindex.*` file exists where git looks for one (the gitdir, the index's own
 * directory): without it git cannot read a split index either.
 */
function indexObstacles(repo: RepoContext): Obstacle[] {
  const file = indexFilePath(repo);
  const fd = attempt(file, (f) => openSync(f, 'r'), null);
  if (fd === null) return [];
  try {
    const header = Buffer.alloc(12);
    readSync(fd, header, 0, header.length, 0);
    // Throws for a version or signature isomorphic-git's reader refuses: an obstacle too.
    readIndexHeader(header, file);
    const shared = [repo.gitDir, path.dirname(file)].some((dir) => attempt(dir, (d) => readdirSync(d), []).some((n) => n.startsWith('sharedindex.')));
    const split = shared && summarizeIndex(readFileSync(fd), file).extensions.includes('link');
    return split ? [{ reason: `the index ${file} is a split index` }] : [];
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    return [{ reason: e.message }];
  } finally {
    closeSync(fd);
  }
}

function packObstacles(repo: RepoContext): Obstacle[] {
  const sizes = objectDirs(repo).flatMap((dir) => {
    const packDir = path.join(dir, 'pack');
    const names = attempt(packDir, (d) => readdirSync(d), []).filter((n) => n.endsWith('.pack'));
    return names.map((n) => statSync(path.join(packDir, n), { throwIfNoEntry: false })?.size ?? 0);
  });
  const largest = Math.max(0, ...sizes);
  if (largest < UNREADABLE_PACK) return [];
  return [{ reason: `a pack is ${(largest / 2 ** 20).toFixed(0)} MiB (isomorphic-git cannot read packs of 2 GiB or more)` }];
}
