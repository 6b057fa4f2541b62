/**
 * The one interface every reader of repository content goes through. Two engines serve it
 * (git's own plumbing, and isomorphic-git over a read-only overlay when asked for: src/git/preflight.ts),
 * and the conformance suite holds both to the same answers.
 */

/** What git's diff reports for one path. Renames and copies arrive as additions at their
 *  destination (engines diff without rename detection), which is what the gate judges. */
export type ChangeStatus = 'added' | 'modified' | 'typechange' | 'deleted';

export interface Change {
  /** The path exactly as git stores it (decoded as UTF-8 from the raw bytes, never the quoted form). */
  readonly path: string;
  readonly status: ChangeStatus;
  /** Git file modes as octal strings ('100644', '100755', '120000' symlink, '160000' gitlink); null when absent. */
  readonly oldMode: string | null;
  readonly newMode: string | null;
  readonly oldOid: string | null;
  readonly newOid: string | null;
}

export interface Identity {
  readonly name: string;
  readonly email: string;
}

export interface CommitInfo {
  readonly oid: string;
  readonly parents: readonly string[];
  readonly author: Identity;
  readonly committer: Identity;
  /** The raw message, as stored (after the header block). */
  readonly message: string;
}

/** A set of commits as `git rev-list <include...> --not <exclude...>` would list them. */
export interface CommitRange {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export interface ListedCommit {
  readonly oid: string;
  readonly parents: readonly string[];
  /** Its tree: a commit with its first parent's tree changed nothing against it. */
  readonly tree: string;
}

/** A file recorded in the index or a tree. */
export interface TreeFile {
  readonly path: string;
  readonly oid: string;
  readonly mode: string;
}

/** Where files are listed from: the index git hands the hook, or the tree of a revision. */
export type FileSource = 'index' | { readonly rev: string };

export interface GitEngine {
  readonly kind: 'isomorphic' | 'plumbing';
  /** Index (honouring GIT_INDEX_FILE) against `base` (default HEAD; an unborn HEAD is the empty tree).
   *  Intent-to-add entries are not content and never appear. */
  stagedChanges(base?: string): Promise<Change[]>;
  /** A commit against `parent` (default its first parent; a root commit against the empty tree). */
  commitChanges(oid: string, parent?: string): Promise<Change[]>;
  /** commitChanges for many commits at once, in order (a push can bring thousands); `onCommit`
   *  hears of each as soon as its diff is known, so judging can start while git still diffs. */
  changesOfCommits(requests: readonly { readonly oid: string; readonly parent?: string | undefined }[], onCommit?: (index: number, changes: Change[]) => void): Promise<Change[][]>;
  readCommit(oid: string): Promise<CommitInfo>;
  /** Commits of the range, newest first (rev-list order), with their parents as rev-list
   *  --parents gives them (none for a root or a shallow clone's boundary). */
  listCommits(range: CommitRange): Promise<ListedCommit[]>;
  /** The commits of `range` that change anything outside the top-level `folders` (names, no
   *  slash) against at least one of their parents (a root: that hold anything outside them), as
   *  `git rev-list --full-history` limited by exclude pathspecs lists them. A commit left out
   *  changes nothing outside those folders, against some parent. */
  commitsOutside(range: CommitRange, folders: readonly string[]): Promise<Set<string>>;
  /** Full object id for a revision; throws EBADREV naming the revision when it does not resolve. */
  resolve(rev: string): Promise<string>;
  readBlob(oid: string): Promise<Uint8Array>;
  /** Many blobs, each handed to `each` as soon as it is read, so memory never holds them all;
   *  resolves with what `each` returned, in the order of `oids`. */
  readBlobs<T>(oids: readonly string[], each: (index: number, content: Uint8Array) => T): Promise<T[]>;
  /** Every file (not gitlinks) below folder `dir` ('a/b', no trailing slash; '' for all), in git's path order. */
  listFiles(source: FileSource, dir: string): Promise<TreeFile[]>;
  /** The content of `path` in the tree of `rev`, or null when the revision or the path does not exist. */
  readFileAt(rev: string, path: string): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/** readBlobs for an engine whose single reads already overlap: every read at once. */
export function readEachBlob<T>(readBlob: (oid: string) => Promise<Uint8Array>, oids: readonly string[], each: (index: number, content: Uint8Array) => T): Promise<T[]> {
  return Promise.all(oids.map((oid, i) => readBlob(oid).then((content) => each(i, content))));
}
