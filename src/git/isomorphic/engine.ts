/**
 * The GitEngine served in-process by isomorphic-git, through the read-only overlay. Its answers
 * must equal the plumbing engine's, byte for byte and in the same order, so:
 * - objects come from isomorphic-git (loose, packed, deltas; one shared `cache` per engine), but
 *   trees, commits and the index are parsed from raw bytes, which keeps path bytes, modes and
 *   message text exactly as git stores them (store.ts, tree.ts, index-file.ts);
 * - diffs recurse over trees and skip every pair of equal subtree oids (isomorphic-git's `walk`
 *   reads each sibling before it can prune, so it is far slower), emitting in git's tree order;
 * - the staged diff gives the index tree oids (from git's cache-tree, else hashed), so that
 *   unchanged directories cost nothing;
 * - revisions, refs and rev-list ordering follow git's rules (revision.ts, history.ts).
 * Whatever this engine cannot answer the way git would (a split index, an ambiguous abbreviation,
 * revision syntax it does not parse, a pack isomorphic-git fails on) is an EENGINE error: the
 * user asked for this engine (src/git/preflight.ts), so a wrong answer is never the alternative.
 */
import { CleanroomError } from '../../errors.js';
import { readEachBlob, type Change, type CommitInfo, type CommitRange, type FileSource, type GitEngine, type ListedCommit, type TreeFile } from '../engine.js';
import { GITLINK_MODE } from '../modes.js';
import type { RepoContext } from '../repo.js';
import { listCommits } from './history.js';
import { indexFilePath, parseIndex } from './index-file.js';
import { Revisions } from './revision.js';
import { ObjectStore } from './store.js';
import { diffTrees, EMPTY_TREE, indexTree, isBlob, isDir, rootEntry, type Entry } from './tree.js';

/** The isomorphic engine, every call of which reports what isomorphic-git throws as EENGINE. */
export function openIsomorphicEngine(repo: RepoContext): GitEngine {
  const engine = new IsomorphicEngine(repo);
  const guarded =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call.apply(engine, args);
      } catch (e) {
        // A pack it cannot read, an attempted write, its own bugs: the way out is to unset CLEANROOM_ENGINE.
        if (e instanceof CleanroomError) throw e;
        throw new CleanroomError('EENGINE', `isomorphic-git could not read the repository: ${(e as Error).message}`);
      }
    };
  return {
    kind: engine.kind,
    stagedChanges: guarded(engine.stagedChanges),
    commitChanges: guarded(engine.commitChanges),
    changesOfCommits: guarded(engine.changesOfCommits),
    readCommit: guarded(engine.readCommit),
    listCommits: guarded(engine.listCommits),
    commitsOutside: guarded(engine.commitsOutside),
    resolve: guarded(engine.resolve),
    readBlob: guarded(engine.readBlob),
    readBlobs: guarded(engine.readBlobs),
    listFiles: guarded(engine.listFiles),
    readFileAt: guarded(engine.readFileAt),
    close: () => engine.close(),
  };
}

class IsomorphicEngine implements GitEngine {
  readonly kind = 'isomorphic';
  private readonly store: ObjectStore;
  private readonly revisions: Revisions;

  constructor(private readonly repo: RepoContext) {
    if (repo.objectFormat !== 'sha1') {
      throw new CleanroomError('EENGINE', `isomorphic-git cannot read ${repo.objectFormat} repositories; use CLEANROOM_ENGINE=plumbing`);
    }
    this.store = new ObjectStore(repo);
    this.revisions = new Revisions(this.store);
  }

  async stagedChanges(base = 'HEAD'): Promise<Change[]> {
    const baseOid = await this.revisions.lookup(base);
    const tree = baseOid === null ? (base === 'HEAD' ? EMPTY_TREE : null) : await this.revisions.peel(baseOid, 'tree');
    if (tree === null) throw new CleanroomError('EGIT', `git diff-index failed: fatal: bad revision '${base}'`);
    return this.diff(rootEntry(tree), await this.indexRoot());
  }

  async commitChanges(oid: string, against?: string): Promise<Change[]> {
    const target = await this.revisions.commitAt(oid);
    const parent = against ?? target.info.parents[0];
    const before = parent === undefined ? EMPTY_TREE : (await this.store.commit(parent))?.tree;
    if (before === undefined) throw new CleanroomError('EGIT', `git diff-tree failed: fatal: bad object ${parent}`);
    return this.diff(rootEntry(before), rootEntry(target.tree));
  }

  async readCommit(oid: string): Promise<CommitInfo> {
    return (await this.revisions.commitAt(oid)).info;
  }

  async changesOfCommits(
    requests: readonly { readonly oid: string; readonly parent?: string | undefined }[],
    onCommit?: (index: number, changes: Change[]) => void,
  ): Promise<Change[][]> {
    const result: Change[][] = [];
    for (const r of requests) {
      const changes = await this.commitChanges(r.oid, r.parent);
      onCommit?.(result.length, changes);
      result.push(changes);
    }
    return result;
  }

  listCommits(range: CommitRange): Promise<ListedCommit[]> {
    return listCommits(range, this.store, this.revisions);
  }

  async commitsOutside(range: CommitRange, folders: readonly string[]): Promise<Set<string>> {
    const skipped = new Set(folders);
    const outside = async (oid: string): Promise<Map<string, string>> => {
      const entries = await this.store.treeEntries((await this.revisions.commitAt(oid)).tree);
      return new Map(entries.filter((e) => !skipped.has(e.name.toString('utf8'))).map((e) => [e.name.toString('latin1'), `${e.mode} ${e.oid}`]));
    };
    const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([name, entry]) => b.get(name) === entry);
    const found = new Set<string>();
    for (const c of await this.listCommits(range)) {
      const mine = await outside(c.oid);
      const parents = await Promise.all(c.parents.map(outside));
      // git's full history: shown unless the same as every parent (a root: unless empty there).
      if (parents.length === 0 ? mine.size > 0 : parents.some((p) => !same(mine, p))) found.add(c.oid);
    }
    return found;
  }

  async resolve(rev: string): Promise<string> {
    const oid = await this.revisions.lookupCommit(rev);
    if (oid === null) throw new CleanroomError('EBADREV', `"${rev}" does not name a commit in this repository`);
    return oid;
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    const found = await this.revisions.lookup(oid);
    const content = found === null ? null : await this.store.readBlob(found);
    if (content === null) throw new CleanroomError('EGIT', `blob ${oid} is missing from the repository`);
    return content;
  }

  readBlobs<T>(oids: readonly string[], each: (index: number, content: Uint8Array) => T): Promise<T[]> {
    return readEachBlob((oid) => this.readBlob(oid), oids, each);
  }

  async listFiles(source: FileSource, dir: string): Promise<TreeFile[]> {
    let at: Entry | null;
    if (source === 'index') {
      at = await this.indexRoot();
    } else {
      const oid = await this.revisions.lookup(source.rev);
      const tree = oid === null ? null : await this.revisions.peel(oid, 'tree');
      if (tree === null) throw new CleanroomError('EBADREV', `"${source.rev}" does not name a tree in this repository`);
      at = rootEntry(tree);
    }
    for (const part of dir === '' ? [] : dir.split('/')) {
      if (at === null) break;
      const name = Buffer.from(part);
      const found: Entry | undefined = (at.children ? at.children() : await this.store.treeEntries(at.oid)).find((e) => e.name.equals(name));
      at = found && isDir(found.mode) ? found : null;
    }
    if (at === null) return [];
    const added: Change[] = [];
    await diffTrees(null, at, Buffer.from(dir === '' ? '' : `${dir}/`), added, (oid) => this.store.treeEntries(oid));
    return added.filter((c) => c.newMode !== GITLINK_MODE).map((c) => ({ path: c.path, oid: c.newOid ?? '', mode: c.newMode ?? '' }));
  }

  async readFileAt(rev: string, path: string): Promise<Uint8Array | null> {
    // `rev:./path` is relative to the cwd inside the worktree: git's to resolve.
    if (/^\.\.?\//.test(path)) throw new CleanroomError('EENGINE', `the isomorphic engine does not resolve relative paths like "${path}"`);
    const oid = await this.revisions.lookup(rev);
    let tree = oid === null ? null : await this.revisions.peel(oid, 'tree');
    const parts = path.split('/');
    for (const [i, part] of parts.entries()) {
      if (tree === null) return null;
      const name = Buffer.from(part);
      const entry = (await this.store.treeEntries(tree)).find((e) => e.name.equals(name));
      if (!entry) return null;
      if (i === parts.length - 1) return isBlob(entry.mode) ? this.store.readBlob(entry.oid) : null;
      tree = isDir(entry.mode) ? entry.oid : null;
    }
    return null;
  }

  async close(): Promise<void> {
    this.store.close();
  }

  private async diff(before: Entry, after: Entry): Promise<Change[]> {
    const out: Change[] = [];
    await diffTrees(before, after, Buffer.alloc(0), out, (oid) => this.store.treeEntries(oid));
    return out;
  }

  /** The index (GIT_INDEX_FILE, through the overlay) as a tree whose unchanged folders carry
   *  their cache-tree oids, so diffs skip them. */
  private async indexRoot(): Promise<Entry> {
    const buf = await this.store.readIndex();
    const index = buf === null ? null : parseIndex(buf, indexFilePath(this.repo));
    const entries = index?.entries ?? [];
    if (entries.some((e) => e.flags.stage !== 0)) {
      throw new CleanroomError('EENGINE', 'the index has unmerged entries; git reports those, this engine does not');
    }
    return indexTree(entries, index?.cacheTree ?? null);
  }
}
