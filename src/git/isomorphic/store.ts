/**
 * The object store as the isomorphic engine reads it: objects from isomorphic-git (loose, packed,
 * deltas) through the read-only overlay, with parsed trees and commits kept for reuse.
 */
import { createRequire } from 'node:module';
import type { FsClient } from 'isomorphic-git';
import { CleanroomError } from '../../errors.js';
import type { CommitInfo } from '../engine.js';
import { isUtf8Encoding, parseCommit } from '../objects.js';
import type { RepoContext } from '../repo.js';
import { OverlayFs } from './overlay-fs.js';
import { parseTree, type Entry } from './tree.js';

// isomorphic-git ships CommonJS for Node. Importing it as ESM makes Node lex its whole bundle
// for named exports first, a cost on every hook run; require() skips that.
const require = createRequire(import.meta.url);
const git = require('isomorphic-git') as typeof import('isomorphic-git');
const { FileSystem } = require('isomorphic-git/models') as typeof import('isomorphic-git/models');

export interface LoadedCommit {
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
const PARSED_LIMIT = 50_000;

/** Loads by oid once, keeping what was loaded until PARSED_LIMIT is reached (then starts over). */
class Parsed<T> {
  private readonly loaded = new Map<string, Promise<T>>();

  constructor(private readonly load: (oid: string) => Promise<T>) {}

  get(oid: string): Promise<T> {
    let hit = this.loaded.get(oid);
    if (!hit) {
      if (this.loaded.size >= PARSED_LIMIT) this.loaded.clear();
      this.loaded.set(oid, (hit = this.load(oid)));
    }
    return hit;
  }

  clear(): void {
    this.loaded.clear();
  }
}

export const isNotFound = (e: unknown) => (e as { code?: unknown }).code === 'NotFoundError';

export class ObjectStore {
  private readonly fs: InstanceType<typeof FileSystem>;
  /** The public API accepts an already wrapped FileSystem as is (it skips re-wrapping), which
   *  saves binding the overlay again on every call. */
  private readonly client: FsClient;
  private readonly gitdir: string;
  /** isomorphic-git keeps parsed pack indexes and whole packs here: without one shared object,
   *  every read would load and hash the pack again. */
  private readonly cache = {};
  private readonly trees = new Parsed(async (oid) => {
    const tree = await this.readRaw(oid);
    if (tree?.type !== 'tree') throw new CleanroomError('EGIT', `tree ${oid} is missing from the repository`);
    return parseTree(tree.content);
  });
  private readonly commits = new Parsed(async (oid) => {
    const raw = await this.readRaw(oid);
    return raw?.type === 'commit' ? loadCommit(oid, raw.content) : null;
  });

  constructor(repo: RepoContext) {
    this.fs = new FileSystem({ promises: new OverlayFs(repo) });
    this.client = this.fs as unknown as FsClient;
    this.gitdir = repo.gitDir;
  }

  async readRaw(oid: string): Promise<{ type: string; content: Buffer } | null> {
    try {
      const found = (await git.readObject({ fs: this.client, gitdir: this.gitdir, oid, format: 'content', cache: this.cache })) as { type: string; object: Uint8Array };
      return { type: found.type, content: Buffer.from(found.object.buffer, found.object.byteOffset, found.object.byteLength) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  treeEntries(oid: string): Promise<Entry[]> {
    return this.trees.get(oid);
  }

  /** Null when `oid` is no commit. */
  commit(oid: string): Promise<LoadedCommit | null> {
    return this.commits.get(oid);
  }

  async readBlob(oid: string): Promise<Buffer | null> {
    const obj = await this.readRaw(oid);
    return obj?.type === 'blob' ? obj.content : null;
  }

  /** A file of the gitdir as text (through the overlay: shared files of a worktree included), null when absent. */
  async readText(name: string): Promise<string | null> {
    return (await this.fs.read(`${this.gitdir}/${name}`, { encoding: 'utf8' })) as string | null;
  }

  /** The index file (GIT_INDEX_FILE, through the overlay), null when absent. */
  async readIndex(): Promise<Buffer | null> {
    return (await this.fs.read(`${this.gitdir}/index`)) as Buffer | null;
  }

  /** The one object an abbreviation names; NotFoundError or AmbiguousError from isomorphic-git otherwise. */
  expandOid(prefix: string): Promise<string> {
    return git.expandOid({ fs: this.client, gitdir: this.gitdir, oid: prefix, cache: this.cache });
  }

  close(): void {
    this.trees.clear();
    this.commits.clear();
  }
}
