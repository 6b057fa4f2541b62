/**
 * The read-only view of a repository that isomorphic-git is given instead of `node:fs`.
 *
 * isomorphic-git only ever looks under `${gitdir}/`, and there it assumes one object directory,
 * one index at `${gitdir}/index` and a gitdir that holds everything. Inside a hook none of that is
 * guaranteed, so every path is routed here the way git would route it:
 * - `index` is the file GIT_INDEX_FILE names;
 * - `objects/` is the union of GIT_OBJECT_DIRECTORY (the pre-receive quarantine),
 *   GIT_ALTERNATE_OBJECT_DIRECTORIES and `info/alternates` (recursively), in git's search order;
 * - in a linked worktree, shared paths (refs, packed-refs, config, shallow, ...) go to the common dir;
 * - every write fails with EROFS: git holds its locks while a hook runs, and a "read" API that
 *   refreshes the index would otherwise race them.
 * Each `objects/xx` fan-out directory is listed once, so the loose-object probe isomorphic-git
 * makes before every packed read is answered from memory.
 */
import { existsSync, readFileSync, promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import type { RepoContext } from '../repo.js';
import { indexFilePath } from './index-file.js';

/** git's limit on nested alternates (alt_odb_usable / link_alt_odb_entry). */
const MAX_ALTERNATE_DEPTH = 5;

/**
 * Every object directory git would search, in its order: the primary one (GIT_OBJECT_DIRECTORY or
 * `<common>/objects`), then GIT_ALTERNATE_OBJECT_DIRECTORIES, then the primary's info/alternates;
 * each alternate brings its own info/alternates along. Synchronous: a few tiny reads, made once
 * per run, cost less than thread-pool round trips.
 */
export function objectDirs(repo: RepoContext): string[] {
  const found: string[] = [];
  const add = (dir: string, depth: number): void => {
    if (found.includes(dir)) return;
    found.push(dir);
    addListed(dir, depth + 1);
  };
  const addListed = (dir: string, depth: number): void => {
    const file = path.join(dir, 'info', 'alternates');
    // Checked first: usually absent, and a thrown ENOENT costs more than the check.
    if (depth > MAX_ALTERNATE_DEPTH || !existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      add(path.resolve(dir, unquote(line.trimEnd())), depth);
    }
  };
  const primaryEnv = repo.env.GIT_OBJECT_DIRECTORY;
  const primary = primaryEnv ? path.resolve(repo.cwd, primaryEnv) : path.join(repo.commonDir, 'objects');
  found.push(primary);
  for (const entry of splitAlternates(repo.env.GIT_ALTERNATE_OBJECT_DIRECTORIES ?? '')) add(path.resolve(repo.cwd, entry), 0);
  addListed(primary, 0);
  return found;
}

/** Colon-separated, where an entry that starts with a double quote is a C-quoted string (so it may hold a colon). */
function splitAlternates(value: string): string[] {
  const entries: string[] = [];
  let rest = value;
  while (rest !== '') {
    const quoted = rest.startsWith('"') ? /^"((?:[^"\\]|\\.)*)"/.exec(rest) : null;
    const raw = quoted ? (quoted[0] ?? '') : (rest.split(':', 1)[0] ?? '');
    if (raw !== '') entries.push(unquote(raw));
    rest = rest.slice(raw.length + 1);
  }
  return entries;
}

/** git's C-style quoting (quote_c_style): backslash escapes, octal bytes. */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const named: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  const bytes = text.slice(1, -1).replace(/\\([0-7]{3}|.)/g, (_, esc: string) => (esc.length === 3 ? String.fromCharCode(parseInt(esc, 8)) : (named[esc] ?? esc)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/**
 * Which gitdir paths a linked worktree shares with the main repository (git's path.c common_list):
 * the longest matching entry wins; a trailing '/' marks a directory entry.
 */
const WORKTREE_PRIVATE = [
  'gc.pid',
  'info/sparse-checkout',
  'logs/HEAD',
  'logs/refs/bisect/',
  'logs/refs/rewritten/',
  'logs/refs/worktree/',
  'refs/bisect/',
  'refs/rewritten/',
  'refs/worktree/',
];
const SHARED = [
  'branches/',
  'common/',
  'config',
  'gc.log',
  'hooks/',
  'info/',
  'logs/',
  'lost-found/',
  'objects/',
  'packed-refs',
  'refs/',
  'remotes/',
  'rr-cache/',
  'shallow',
  'svn/',
  'worktrees/',
];

function matches(rel: string, entry: string): boolean {
  return entry.endsWith('/') ? rel === entry.slice(0, -1) || rel.startsWith(entry) : rel === entry;
}

function isShared(rel: string): boolean {
  return !WORKTREE_PRIVATE.some((e) => matches(rel, e)) && SHARED.some((e) => matches(rel, e));
}

function fsError(code: 'ENOENT' | 'EROFS', syscall: string, file: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: ${syscall} '${file}'`);
  e.code = code;
  e.syscall = syscall;
  e.path = file;
  return e;
}

const LOOSE = /^([0-9a-f]{2})\/([0-9a-f]{38})$/;
const FANOUT = /^[0-9a-f]{2}$/;

/** The overlay as the `promises` half of a node:fs that isomorphic-git's FileSystem takes
 *  (`new FileSystem({ promises: overlay })`); it binds each method to this object. */
export class OverlayFs {
  private readonly gitDir: string;
  private readonly indexFile: string;
  private readonly separateCommon: boolean;
  private dirs: string[] | null = null;
  private readonly listings = new Map<string, Promise<Set<string>>>();
  private packs: Promise<Map<string, string>> | null = null;
  // readObject() stats the gitdir on every call to see whether it is a `.git` file.
  private gitDirStat: Promise<Stats> | null = null;

  constructor(private readonly repo: RepoContext) {
    this.gitDir = path.resolve(repo.gitDir);
    this.indexFile = indexFilePath(repo);
    this.separateCommon = path.resolve(repo.commonDir) !== this.gitDir;
  }

  async readFile(file: string, options?: unknown): Promise<Buffer | string> {
    return fsp.readFile(await this.locate(file, 'open'), options as Parameters<typeof fsp.readFile>[1]);
  }

  async readdir(dir: string): Promise<string[]> {
    const rel = path.relative(path.join(this.gitDir, 'objects'), path.resolve(dir)).split(path.sep).join('/');
    if (rel === 'pack') return [...(await this.packFiles()).keys()];
    if (FANOUT.test(rel)) {
      const union = new Set<string>();
      for (const objects of this.objectStore()) for (const name of await this.fanout(objects, rel)) union.add(name);
      return [...union];
    }
    return fsp.readdir(await this.locate(dir, 'scandir'));
  }

  stat(file: string): Promise<Stats> {
    if (path.resolve(file) === this.gitDir) return (this.gitDirStat ??= this.statOf(file));
    return this.statOf(file);
  }

  async lstat(file: string): Promise<Stats> {
    return fsp.lstat(await this.locate(file, 'lstat'));
  }

  async readlink(file: string, options?: unknown): Promise<string | Buffer> {
    return fsp.readlink(await this.locate(file, 'readlink'), options as Parameters<typeof fsp.readlink>[1]);
  }

  async writeFile(file: string, _data?: unknown): Promise<void> {
    throw fsError('EROFS', 'open', file);
  }

  async unlink(file: string): Promise<void> {
    throw fsError('EROFS', 'unlink', file);
  }

  async mkdir(dir: string): Promise<void> {
    throw fsError('EROFS', 'mkdir', dir);
  }

  async rmdir(dir: string): Promise<void> {
    throw fsError('EROFS', 'rmdir', dir);
  }

  async symlink(_target: string, file: string): Promise<void> {
    throw fsError('EROFS', 'symlink', file);
  }

  async chmod(file: string): Promise<void> {
    throw fsError('EROFS', 'chmod', file);
  }

  private async statOf(file: string): Promise<Stats> {
    return fsp.stat(await this.locate(file, 'stat'));
  }

  /** Where a path under the (virtual) gitdir really lives (paths outside it are passed through);
   *  ENOENT, as `syscall` would fail, for a loose object in none of the object directories. */
  private async locate(file: string, syscall: string): Promise<string> {
    const abs = path.resolve(file);
    if (!abs.startsWith(this.gitDir + path.sep)) return abs;
    const rel = abs
      .slice(this.gitDir.length + 1)
      .split(path.sep)
      .join('/');
    if (rel === 'index') return this.indexFile;
    if (rel.startsWith('objects/')) {
      const real = await this.objectFile(rel.slice('objects/'.length));
      if (real === null) throw fsError('ENOENT', syscall, file);
      return real;
    }
    return this.separateCommon && isShared(rel) ? path.join(this.repo.commonDir, rel) : abs;
  }

  /** The real file behind `objects/<rel>`; null when a loose object is in none of the directories. */
  private async objectFile(rel: string): Promise<string | null> {
    const [primary = '', ...rest] = this.objectStore();
    const loose = LOOSE.exec(rel);
    if (loose) {
      const [, xx = '', name = ''] = loose;
      for (const objects of [primary, ...rest]) {
        if ((await this.fanout(objects, xx)).has(name)) return path.join(objects, rel);
      }
      return null;
    }
    if (rel.startsWith('pack/') && !rel.slice(5).includes('/')) return (await this.packFiles()).get(rel.slice(5)) ?? null;
    return path.join(primary, rel);
  }

  private objectStore(): string[] {
    return (this.dirs ??= objectDirs(this.repo));
  }

  private listing(dir: string): Promise<Set<string>> {
    let names = this.listings.get(dir);
    if (!names) {
      names = fsp.readdir(dir).then(
        (found) => new Set(found),
        () => new Set<string>(),
      );
      this.listings.set(dir, names);
    }
    return names;
  }

  /** In a packed repository most of the 256 fan-out directories do not exist: one listing of
   *  `objects/` spares a failed readdir for each. */
  private async fanout(objects: string, xx: string): Promise<Set<string>> {
    return (await this.listing(objects)).has(xx) ? this.listing(path.join(objects, xx)) : new Set<string>();
  }

  private packFiles(): Promise<Map<string, string>> {
    return (this.packs ??= (async () => {
      const byName = new Map<string, string>();
      for (const objects of this.objectStore()) {
        for (const name of await this.listing(path.join(objects, 'pack'))) {
          if (!byName.has(name)) byName.set(name, path.join(objects, 'pack', name));
        }
      }
      return byName;
    })());
  }
}
