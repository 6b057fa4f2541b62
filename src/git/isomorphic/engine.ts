/**
 * The GitEngine served in-process by isomorphic-git, through the read-only overlay. Its answers
 * must equal the plumbing engine's, byte for byte and in the same order, so:
 * - objects come from isomorphic-git (loose, packed, deltas; one shared `cache` per engine), but
 *   trees, commits and the index are parsed here from raw bytes, which keeps path bytes, modes
 *   and message text exactly as git stores them;
 * - diffs recurse over trees and skip every pair of equal subtree oids (isomorphic-git's `walk`
 *   reads each sibling before it can prune, so it is far slower), emitting in git's tree order;
 * - the staged diff gives the index tree oids (from git's cache-tree, else hashed here), so that
 *   unchanged directories cost nothing;
 * - revisions, refs and rev-list ordering follow git's rules (see `lookup` and `listCommits`).
 * Whatever this engine cannot answer the way git would (a split index, an ambiguous abbreviation,
 * revision syntax it does not parse, a pack isomorphic-git fails on) is an EENGINE error: the
 * user asked for this engine (src/git/preflight.ts), so a wrong answer is never the alternative.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { FsClient } from 'isomorphic-git';
import { CleanroomError } from '../../errors.js';
import { readEachBlob, type Change, type ChangeStatus, type CommitInfo, type CommitRange, type GitEngine, type ListedCommit } from '../engine.js';
import { isRefName, isUtf8Encoding, parseCommit } from '../objects.js';
import { emptyTreeOid, type RepoContext } from '../repo.js';
import { indexFilePath, parseIndex, type CacheTreeNode, type IndexEntry } from './index-file.js';
import { createOverlayFs } from './overlay-fs.js';

// isomorphic-git ships CommonJS for Node. Importing it as ESM makes Node lex its whole bundle
// for named exports first, a cost on every hook run; require() skips that.
const require = createRequire(import.meta.url);
const git = require('isomorphic-git') as typeof import('isomorphic-git');
const { FileSystem } = require('isomorphic-git/models') as typeof import('isomorphic-git/models');

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFGITLINK = 0o160000;
const SLASH = Buffer.from('/');
const EMPTY_TREE = emptyTreeOid('sha1');

const isDir = (mode: number) => (mode & S_IFMT) === S_IFDIR;
const isBlob = (mode: number) => (mode & S_IFMT) === S_IFREG || (mode & S_IFMT) === S_IFLNK;

/** git's canon_mode: what tree-walk and diff report whatever odd mode a tree stores (e.g. 100664). */
function canonMode(mode: number): number {
  if ((mode & S_IFMT) === S_IFREG) return S_IFREG | (mode & 0o100 ? 0o755 : 0o644);
  if ((mode & S_IFMT) === S_IFLNK) return S_IFLNK;
  return isDir(mode) ? S_IFDIR : S_IFGITLINK;
}

/** One tree entry. Directories of the index list their own children (built on first use);
 *  every other tree is read from the object store when, and only when, a diff needs it. */
interface Entry {
  readonly name: Buffer;
  readonly mode: number;
  readonly oid: string;
  readonly children?: () => readonly Entry[];
}

function parseTree(raw: Buffer): Entry[] {
  const entries: Entry[] = [];
  let pos = 0;
  while (pos < raw.length) {
    const space = raw.indexOf(0x20, pos);
    const nul = raw.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > raw.length) corrupt('a tree object is truncated');
    let mode = 0;
    for (let i = pos; i < space; i++) mode = mode * 8 + ((raw[i] ?? 0x30) - 0x30);
    entries.push({ name: raw.subarray(space + 1, nul), mode: canonMode(mode), oid: raw.toString('hex', nul + 1, nul + 21) });
    pos = nul + 21;
  }
  return entries;
}

/** git's base_name_compare: tree order, where a directory sorts as if its name ended in '/'. */
function compareEntries(a: Entry, b: Entry): number {
  const len = Math.min(a.name.length, b.name.length);
  const order = a.name.compare(b.name, 0, len, 0, len);
  if (order !== 0) return order;
  const ca = a.name[len] ?? (isDir(a.mode) ? 0x2f : 0);
  const cb = b.name[len] ?? (isDir(b.mode) ? 0x2f : 0);
  return ca - cb;
}

function hashTree(children: readonly Entry[]): string {
  const modes = children.map((c) => c.mode.toString(8));
  let size = 0;
  for (const [i, c] of children.entries()) size += (modes[i] as string).length + c.name.length + 22;
  const body = Buffer.allocUnsafe(size);
  let pos = 0;
  for (const [i, c] of children.entries()) {
    pos += body.write(`${modes[i]} `, pos, 'latin1');
    pos += c.name.copy(body, pos);
    body[pos++] = 0;
    pos += body.write(c.oid, pos, 'hex');
  }
  return createHash('sha1').update(`tree ${size}\0`).update(body).digest('hex');
}

/**
 * The index as a tree, with the oid `git write-tree` would give each directory, so that a
 * directory equal to the base's is skipped without reading anything. Where the cache-tree vouches
 * for a directory (as it does for git's own diff-index), its oid is taken and its entries are
 * stepped over by count; only directories changed since git last wrote a tree are hashed here.
 * Index order (path bytes) is tree order within each directory. A sparse-directory entry
 * (`dir/`, mode 040000) already is a tree oid, expanded from the object store only if it differs.
 */
function indexTree(entries: readonly IndexEntry[], cacheTree: CacheTreeNode | null): Entry {
  const at = (i: number) => entries[i] as IndexEntry;
  const dir = (name: Buffer, from: number, to: number, offset: number, cached: CacheTreeNode | undefined): Entry => {
    if (cached?.oid && cached.entryCount === to - from) {
      let built: readonly Entry[] | null = null;
      return { name, mode: S_IFDIR, oid: cached.oid, children: () => (built ??= build(from, to, offset, cached)) };
    }
    const children = build(from, to, offset, cached);
    return { name, mode: S_IFDIR, oid: hashTree(children), children: () => children };
  };
  /** Where the entries under `prefix` end: where the cache-tree says, if the entries agree. */
  const groupEnd = (from: number, to: number, prefix: Buffer, cached: CacheTreeNode | undefined): number => {
    const claimed = cached && cached.entryCount > 0 ? from + cached.entryCount : -1;
    if (claimed > from && claimed <= to && startsWith(at(claimed - 1).path, prefix) && !(claimed < to && startsWith(at(claimed).path, prefix))) {
      return claimed;
    }
    let end = from + 1;
    while (end < to && startsWith(at(end).path, prefix)) end++;
    return end;
  };
  const build = (from: number, to: number, offset: number, cached: CacheTreeNode | undefined): Entry[] => {
    const byName = new Map(cached?.children.map((c) => [c.name.toString('latin1'), c]));
    const children: Entry[] = [];
    for (let i = from; i < to; ) {
      const { path, mode, oid, flags } = at(i);
      const slash = path.indexOf(0x2f, offset);
      if (flags.intentToAdd || slash < 0 || (slash === path.length - 1 && isDir(mode))) {
        if (!flags.intentToAdd) children.push({ name: path.subarray(offset, slash < 0 ? path.length : slash), mode: canonMode(mode), oid });
        i++;
        continue;
      }
      const name = path.subarray(offset, slash);
      const sub = byName.get(name.toString('latin1'));
      const end = groupEnd(i, to, path.subarray(0, slash + 1), sub);
      const entry = dir(name, i, end, slash + 1, sub);
      // Holding only intent-to-add entries, it is no directory at all to git.
      if (entry.oid !== EMPTY_TREE) children.push(entry);
      i = end;
    }
    return children;
  };
  return dir(Buffer.alloc(0), 0, entries.length, 0, cacheTree ?? undefined);
}

function startsWith(path: Buffer, prefix: Buffer): boolean {
  return path.length > prefix.length && path.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

function change(path: Buffer, before: Entry | undefined, after: Entry | undefined): Change {
  const status: ChangeStatus = !before
    ? 'added'
    : !after
      ? 'deleted'
      : (before.mode & S_IFMT) !== (after.mode & S_IFMT)
        ? 'typechange'
        : 'modified';
  const mode = (e: Entry | undefined) => (e ? e.mode.toString(8).padStart(6, '0') : null);
  return { path: path.toString('utf8'), status, oldMode: mode(before), newMode: mode(after), oldOid: before?.oid ?? null, newOid: after?.oid ?? null };
}

/** git's ref_rev_parse_rules: the first that names an existing ref wins. */
const REF_RULES: readonly ((name: string) => string)[] = [
  (n) => n,
  (n) => `refs/${n}`,
  (n) => `refs/tags/${n}`,
  (n) => `refs/heads/${n}`,
  (n) => `refs/remotes/${n}`,
  (n) => `refs/remotes/${n}/HEAD`,
];

type RevOp = { peel: string } | { parent: number } | { ancestor: number };

const SUFFIX = /(?:\^\{([a-z]*)\}|([~^])(\d*))$/;

/** Splits `base^{type}~2^2` into the base name and the operations after it, in order. */
function parseRev(rev: string): { base: string; ops: RevOp[] } {
  if (rev === '' || rev.startsWith('-') || /[\n\0]/.test(rev)) throw new CleanroomError('EBADREV', `"${rev}" is not a valid revision`);
  const ops: RevOp[] = [];
  let base = rev;
  for (let m = SUFFIX.exec(base); m; m = SUFFIX.exec(base)) {
    const [whole, peel, kind, count] = m;
    const n = count === '' || count === undefined ? 1 : Number(count);
    ops.unshift(peel !== undefined ? { peel } : kind === '~' ? { ancestor: n } : { parent: n });
    base = base.slice(0, base.length - whole.length);
  }
  // Reflogs, `rev:path`, `:/text`, `^{/re}`, `^!`, `^@`: git's to answer.
  if (/[:^~{}]/.test(base)) {
    throw new CleanroomError('EENGINE', `the isomorphic engine does not parse the revision syntax of "${rev}"`);
  }
  return { base: base === '@' ? 'HEAD' : base, ops };
}

function corrupt(what: string): never {
  throw new Error(what);
}

interface LoadedCommit {
  readonly info: CommitInfo;
  readonly tree: string;
  /** Committer timestamp: rev-list's ordering key. */
  readonly date: number;
}

function loadCommit(oid: string, raw: Buffer): LoadedCommit {
  const parsed = parseCommit(oid, raw);
  // git log converts such a commit with the system's iconv: git's to show (src/git/log-view.ts).
  if (!isUtf8Encoding(parsed.encoding)) throw new CleanroomError('EENGINE', `commit ${oid} is in ${parsed.encoding}; git converts it as git log shows it, this engine does not`);
  const header = raw.subarray(0, Math.max(0, raw.indexOf('\n\n'))).toString('utf8');
  const committer = /^committer (.*)$/m.exec(header)?.[1] ?? '';
  return {
    info: parsed.info,
    tree: parsed.tree,
    date: Number(/^\s*(\d+)/.exec(committer.slice(committer.lastIndexOf('>') + 1))?.[1] ?? 0),
  };
}

/** Enough parsed trees and commits for a long push range, without letting memory grow unbounded. */
const MEMO_LIMIT = 50_000;

function memo<T>(load: (oid: string) => Promise<T>): ((oid: string) => Promise<T>) & { clear(): void } {
  const cache = new Map<string, Promise<T>>();
  const get = (oid: string) => {
    let hit = cache.get(oid);
    if (!hit) {
      if (cache.size >= MEMO_LIMIT) cache.clear();
      cache.set(oid, (hit = load(oid)));
    }
    return hit;
  };
  return Object.assign(get, { clear: () => cache.clear() });
}

const isNotFound = (e: unknown) => (e as { code?: unknown }).code === 'NotFoundError';

export function openIsomorphicEngine(repo: RepoContext): GitEngine {
  if (repo.objectFormat !== 'sha1') {
    throw new CleanroomError('EENGINE', `isomorphic-git cannot read ${repo.objectFormat} repositories; use CLEANROOM_ENGINE=plumbing`);
  }
  const fs = new FileSystem(createOverlayFs(repo));
  // The public API accepts an already wrapped FileSystem as is (it skips re-wrapping), which
  // saves binding the overlay again on every call.
  const client = fs as unknown as FsClient;
  const gitdir = repo.gitDir;
  // isomorphic-git keeps parsed pack indexes and whole packs here: without one shared object,
  // every read would load and hash the pack again.
  const cache = {};

  const readRaw = async (oid: string): Promise<{ type: string; content: Buffer } | null> => {
    try {
      const found = (await git.readObject({ fs: client, gitdir, oid, format: 'content', cache })) as { type: string; object: Uint8Array };
      return { type: found.type, content: Buffer.from(found.object.buffer, found.object.byteOffset, found.object.byteLength) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  };

  const treeEntries = memo(async (oid: string): Promise<Entry[]> => {
    const tree = await readRaw(oid);
    if (tree?.type !== 'tree') throw new CleanroomError('EGIT', `tree ${oid} is missing from the repository`);
    return parseTree(tree.content);
  });

  const commit = memo(async (oid: string): Promise<LoadedCommit | null> => {
    const raw = await readRaw(oid);
    return raw?.type === 'commit' ? loadCommit(oid, raw.content) : null;
  });

  const readText = async (name: string) => (await fs.read(`${gitdir}/${name}`, { encoding: 'utf8' })) as string | null;

  let shallow: Promise<Set<string>> | null = null;
  /** Parents as history walks see them: a commit listed in `shallow` has none (git grafts it so). */
  const walkParents = async (c: LoadedCommit): Promise<readonly string[]> => {
    shallow ??= readText('shallow').then((text) => new Set(text?.split('\n').filter(Boolean)));
    return (await shallow).has(c.info.oid) ? [] : c.info.parents;
  };

  let packed: Promise<Map<string, string>> | null = null;
  /** packed-refs: `<oid> <name>` lines; `^<oid>` lines (peeled tags) and the `#` header are not refs. */
  const packedRefs = () =>
    (packed ??= readText('packed-refs').then((text) => {
      const refs = new Map<string, string>();
      for (const m of (text ?? '').matchAll(/^([0-9a-f]{40}) (.+)$/gm)) refs.set(m[2] ?? '', m[1] ?? '');
      return refs;
    }));
  const readRef = async (name: string, depth = 0): Promise<string | null> => {
    if (depth > 5) return null;
    const text = await readText(name);
    if (text === null) return (await packedRefs()).get(name) ?? null;
    const target = /^ref:\s*(\S+)/.exec(text)?.[1];
    if (target !== undefined) return isRefName(target) ? readRef(target, depth + 1) : null;
    // Anything else is a broken ref, which git skips like a missing one.
    return /^([0-9a-f]{40})(?:\s|$)/.exec(text)?.[1] ?? null;
  };

  /** get_oid_basic, then get_short_oid: a full oid as is, refs by git's rules, then an abbreviation. */
  const lookupName = async (name: string): Promise<string | null> => {
    if (/^[0-9a-f]{40}$/i.test(name)) return name.toLowerCase();
    for (const rule of REF_RULES) {
      const full = rule(name);
      const oid = isRefName(full) ? await readRef(full) : null;
      if (oid) return oid;
    }
    if (!/^[0-9a-f]{4,39}$/i.test(name)) return null;
    try {
      return await git.expandOid({ fs: client, gitdir, oid: name.toLowerCase(), cache });
    } catch (e) {
      if (isNotFound(e)) return null;
      if ((e as { code?: unknown }).code === 'AmbiguousError') {
        throw new CleanroomError('EENGINE', `the abbreviation "${name}" is ambiguous; git disambiguates it by type, this engine does not`);
      }
      throw e;
    }
  };

  /** `oid^{type}`: '' peels tags only; 'object' takes anything; a commit peels to its tree for 'tree'. */
  const peel = async (start: string, type: string): Promise<string | null> => {
    for (let oid: string | undefined = start; oid; ) {
      const obj = await readRaw(oid);
      if (!obj) return null;
      if (type === 'object' || obj.type === type) return oid;
      if (obj.type === 'tag') oid = /^object ([0-9a-f]{40})\n/.exec(obj.content.toString('latin1'))?.[1]; // git's parse_tag_buffer: the first line
      else if (type === '') return oid;
      else if (type === 'tree' && obj.type === 'commit') oid = (await commit(oid))?.tree;
      else return null;
    }
    return null;
  };

  /** The object a revision names, or null when it names nothing (git: "bad revision"). */
  const lookup = async (rev: string): Promise<string | null> => {
    const { base, ops } = parseRev(rev);
    let oid = await lookupName(base);
    for (const op of ops) {
      if (oid === null) return null;
      if ('peel' in op) {
        oid = await peel(oid, op.peel);
        continue;
      }
      const c = await peel(oid, 'commit');
      if (c === null) return null;
      if ('parent' in op) {
        const loaded = await commit(c);
        oid = op.parent === 0 ? c : loaded ? ((await walkParents(loaded))[op.parent - 1] ?? null) : null;
        continue;
      }
      oid = c;
      for (let i = 0; i < op.ancestor && oid !== null; i++) {
        const loaded: LoadedCommit | null = await commit(oid);
        oid = loaded ? ((await walkParents(loaded))[0] ?? null) : null;
      }
    }
    return oid;
  };

  const lookupCommit = async (rev: string) => {
    const oid = await lookup(rev);
    return oid === null ? null : peel(oid, 'commit');
  };

  const readBlobAt = async (oid: string): Promise<Buffer | null> => {
    const obj = await readRaw(oid);
    return obj?.type === 'blob' ? obj.content : null;
  };

  /** Tree against tree (either side may be absent), recursing only where subtree oids differ. */
  const diffTrees = async (before: Entry | null, after: Entry | null, prefix: Buffer, out: Change[]): Promise<void> => {
    if (before && after && before.oid === after.oid) return;
    const list = (e: Entry | null) => (e === null ? [] : e.children ? e.children() : treeEntries(e.oid));
    const [left, right] = await Promise.all([list(before), list(after)]);
    for (let i = 0, j = 0; i < left.length || j < right.length; ) {
      const a = left[i];
      const b = right[j];
      const order = a === undefined ? 1 : b === undefined ? -1 : compareEntries(a, b);
      const x = order <= 0 ? a : undefined;
      const y = order >= 0 ? b : undefined;
      if (x) i++;
      if (y) j++;
      const entry = (x ?? y) as Entry;
      if (x && y && x.oid === y.oid && x.mode === y.mode) continue;
      if (isDir(entry.mode)) await diffTrees(x ?? null, y ?? null, Buffer.concat([prefix, entry.name, SLASH]), out);
      else out.push(change(Buffer.concat([prefix, entry.name]), x, y));
    }
  };

  const diff = async (before: Entry, after: Entry): Promise<Change[]> => {
    const out: Change[] = [];
    await diffTrees(before, after, Buffer.alloc(0), out);
    return out;
  };
  const root = (oid: string): Entry => ({ name: Buffer.alloc(0), mode: S_IFDIR, oid });

  /** The index (GIT_INDEX_FILE, through the overlay) as a tree whose unchanged folders carry
   *  their cache-tree oids, so diffs skip them. */
  const indexRoot = async (): Promise<Entry> => {
    const buf = (await fs.read(`${gitdir}/index`)) as Buffer | null;
    const index = buf === null ? null : parseIndex(buf, indexFilePath(repo));
    const entries = index?.entries ?? [];
    if (entries.some((e) => e.flags.stage !== 0)) {
      throw new CleanroomError('EENGINE', 'the index has unmerged entries; git reports those, this engine does not');
    }
    return indexTree(entries, index?.cacheTree ?? null);
  };

  const commitAt = async (rev: string): Promise<LoadedCommit> => {
    const oid = await lookup(rev);
    const found = oid === null ? null : await commit(oid);
    if (!found) throw new CleanroomError('EBADREV', `${rev} is not a commit in this repository`);
    return found;
  };

  /**
   * rev-list's walk (revision.c limit_list), reproduced step for step because its order is the
   * answer: a list kept newest-first by committer date (ties: first in, first out), parents
   * inserted as each commit is popped, exclusions spread down through the commits parsed so far,
   * and the walk stopped once only excluded commits remain, plus git's five commits of slop.
   */
  const listCommits = async (range: CommitRange): Promise<ListedCommit[]> => {
    const resolveAll = (revs: readonly string[]) =>
      Promise.all(
        revs.map(async (rev) => {
          const oid = await lookupCommit(rev);
          if (oid === null) throw new CleanroomError('EGIT', `git rev-list failed: fatal: bad revision '${rev}'`);
          return oid;
        }),
      );
    const [include, exclude] = await Promise.all([resolveAll(range.include), resolveAll(range.exclude)]);

    interface Node {
      readonly oid: string;
      readonly date: number;
      readonly parents: readonly string[];
      readonly tree: string;
    }
    const parsed = new Map<string, Node>();
    const parse = async (oid: string): Promise<Node> => {
      const known = parsed.get(oid);
      if (known) return known;
      const loaded = await commit(oid);
      if (!loaded) throw new CleanroomError('EGIT', `git rev-list failed: fatal: bad object ${oid}`);
      const node = { oid, date: loaded.date, parents: await walkParents(loaded), tree: loaded.tree };
      parsed.set(oid, node);
      return node;
    };
    const uninteresting = new Set(exclude);
    const markParentsUninteresting = (node: Node) => {
      const stack = [...node.parents];
      for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
        if (uninteresting.has(p)) continue;
        uninteresting.add(p);
        stack.push(...(parsed.get(p)?.parents ?? []));
      }
    };
    const queue: Node[] = [];
    const insertByDate = (node: Node) => {
      const at = queue.findIndex((q) => q.date < node.date);
      queue.splice(at < 0 ? queue.length : at, 0, node);
    };

    const seen = new Set<string>();
    for (const oid of [...include, ...exclude]) {
      const node = await parse(oid);
      if (uninteresting.has(oid)) markParentsUninteresting(node);
      if (!seen.has(oid)) queue.push(node);
      seen.add(oid);
    }
    queue.sort((a, b) => b.date - a.date);

    const SLOP = 5;
    const out: ListedCommit[] = [];
    let lastDate = Infinity;
    let slop = SLOP;
    for (let node = queue.shift(); node; node = queue.shift()) {
      const excluded = uninteresting.has(node.oid);
      for (const p of node.parents) {
        if (excluded) uninteresting.add(p);
        const parent = await parse(p);
        if (excluded) markParentsUninteresting(parent);
        if (seen.has(p)) continue;
        seen.add(p);
        insertByDate(parent);
      }
      if (!excluded) {
        lastDate = node.date;
        out.push({ oid: node.oid, parents: node.parents, tree: node.tree });
        continue;
      }
      const head = queue[0];
      const interesting = head !== undefined && (lastDate <= head.date || queue.some((q) => !uninteresting.has(q.oid)));
      slop = head === undefined ? 0 : interesting ? SLOP : slop - 1;
      if (slop === 0) break;
    }
    return out.filter((c) => !uninteresting.has(c.oid));
  };

  const engine: GitEngine = {
    kind: 'isomorphic',

    async stagedChanges(base = 'HEAD') {
      const baseOid = await lookup(base);
      const tree = baseOid === null ? (base === 'HEAD' ? EMPTY_TREE : null) : await peel(baseOid, 'tree');
      if (tree === null) throw new CleanroomError('EGIT', `git diff-index failed: fatal: bad revision '${base}'`);
      return diff(root(tree), await indexRoot());
    },

    async commitChanges(oid, against) {
      const target = await commitAt(oid);
      const parent = against ?? target.info.parents[0];
      const before = parent === undefined ? EMPTY_TREE : (await commit(parent))?.tree;
      if (before === undefined) throw new CleanroomError('EGIT', `git diff-tree failed: fatal: bad object ${parent}`);
      return diff(root(before), root(target.tree));
    },

    readCommit: async (oid) => (await commitAt(oid)).info,

    async changesOfCommits(requests, onCommit) {
      const result: Change[][] = [];
      for (const r of requests) {
        const changes = await engine.commitChanges(r.oid, r.parent);
        onCommit?.(result.length, changes);
        result.push(changes);
      }
      return result;
    },

    listCommits,

    async commitsOutside(range, folders) {
      const skipped = new Set(folders);
      const outside = async (oid: string): Promise<Map<string, string>> => {
        const entries = await treeEntries((await commitAt(oid)).tree);
        return new Map(entries.filter((e) => !skipped.has(e.name.toString('utf8'))).map((e) => [e.name.toString('latin1'), `${e.mode} ${e.oid}`]));
      };
      const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([name, entry]) => b.get(name) === entry);
      const found = new Set<string>();
      for (const c of await listCommits(range)) {
        const mine = await outside(c.oid);
        const parents = await Promise.all(c.parents.map(outside));
        // git's full history: shown unless the same as every parent (a root: unless empty there).
        if (parents.length === 0 ? mine.size > 0 : parents.some((p) => !same(mine, p))) found.add(c.oid);
      }
      return found;
    },

    async resolve(rev) {
      const oid = await lookupCommit(rev);
      if (oid === null) throw new CleanroomError('EBADREV', `"${rev}" does not name a commit in this repository`);
      return oid;
    },

    async readBlob(oid) {
      const found = await lookup(oid);
      const content = found === null ? null : await readBlobAt(found);
      if (content === null) throw new CleanroomError('EGIT', `blob ${oid} is missing from the repository`);
      return content;
    },

    readBlobs(oids, each) {
      return readEachBlob((oid) => engine.readBlob(oid), oids, each);
    },

    async listFiles(source, dir) {
      let at: Entry | null;
      if (source === 'index') {
        at = await indexRoot();
      } else {
        const oid = await lookup(source.rev);
        const tree = oid === null ? null : await peel(oid, 'tree');
        if (tree === null) throw new CleanroomError('EBADREV', `"${source.rev}" does not name a tree in this repository`);
        at = root(tree);
      }
      for (const part of dir === '' ? [] : dir.split('/')) {
        if (at === null) break;
        const name = Buffer.from(part);
        const found: Entry | undefined = (at.children ? at.children() : await treeEntries(at.oid)).find((e) => e.name.equals(name));
        at = found && isDir(found.mode) ? found : null;
      }
      if (at === null) return [];
      const added: Change[] = [];
      await diffTrees(null, at, Buffer.from(dir === '' ? '' : `${dir}/`), added);
      return added.filter((c) => c.newMode !== '160000').map((c) => ({ path: c.path, oid: c.newOid ?? '', mode: c.newMode ?? '' }));
    },

    async readFileAt(rev, path) {
      // `rev:./path` is relative to the cwd inside the worktree: git's to resolve.
      if (/^\.\.?\//.test(path)) throw new CleanroomError('EENGINE', `the isomorphic engine does not resolve relative paths like "${path}"`);
      const oid = await lookup(rev);
      let tree = oid === null ? null : await peel(oid, 'tree');
      const parts = path.split('/');
      for (const [i, part] of parts.entries()) {
        if (tree === null) return null;
        const name = Buffer.from(part);
        const entry = (await treeEntries(tree)).find((e) => e.name.equals(name));
        if (!entry) return null;
        if (i === parts.length - 1) return isBlob(entry.mode) ? readBlobAt(entry.oid) : null;
        tree = isDir(entry.mode) ? entry.oid : null;
      }
      return null;
    },

    async close() {
      treeEntries.clear();
      commit.clear();
    },
  };
  return guarded(engine);
}

/** Anything isomorphic-git throws that is not already a CleanroomError (a pack it cannot read,
 *  an attempted write, its own bugs) becomes EENGINE: the user's answer is to unset CLEANROOM_ENGINE. */
function guarded(engine: GitEngine): GitEngine {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof CleanroomError) throw e;
        throw new CleanroomError('EENGINE', `isomorphic-git could not read the repository: ${(e as Error).message}`);
      }
    };
  return {
    kind: engine.kind,
    stagedChanges: wrap(engine.stagedChanges),
    commitChanges: wrap(engine.commitChanges),
    changesOfCommits: wrap(engine.changesOfCommits),
    readCommit: wrap(engine.readCommit),
    listCommits: wrap(engine.listCommits),
    commitsOutside: wrap(engine.commitsOutside),
    resolve: wrap(engine.resolve),
    readBlob: wrap(engine.readBlob),
    readBlobs: wrap(engine.readBlobs),
    readFileAt: wrap(engine.readFileAt),
    listFiles: wrap(engine.listFiles),
    close: engine.close,
  };
}
