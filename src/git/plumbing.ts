import { CleanroomError } from '../errors.js';
import { openObjectReader, type CatFileBatch, type GitObject } from './cat-file.js';
import { BULK_MIN, readObjectsInBulk } from './cat-file-bulk.js';
import { readEachBlob, type Change, type ChangeStatus, type CommitInfo, type CommitRange, type FileSource, type GitEngine, type ListedCommit, type TreeFile } from './engine.js';
import { gitOk, runGit } from './exec.js';
import { openLogView } from './log-view.js';
import type { GitPlace } from './memo.js';
import { canonicalFileMode, GITLINK_MODE, S_IFDIR, S_IFGITLINK } from './modes.js';
import { checkObjectId, isUtf8Encoding, parseCommit } from './objects.js';
import { emptyTreeOid, type RepoContext } from './repo.js';

const DIFF_FLAGS = ['-z', '--raw', '--no-renames', '--ignore-submodules=none', '--no-ext-diff'];
/** The index against `base`; intent-to-add entries stay out, as `git commit` leaves them out.
 *  Revisions on a command line follow --end-of-options: git never reads them as options. */
const stagedDiffArgs = (base: string) => ['diff-index', '--cached', '--ita-invisible-in-index', ...DIFF_FLAGS, '--end-of-options', checkRev(base), '--'];

/** The index against HEAD, as stagedChanges() asks for it; a commit hook's start asks the same
 *  ahead of time (src/launch.ts, src/git/handoff.ts). */
export const STAGED_DIFF_ARGS: readonly string[] = stagedDiffArgs('HEAD');

export function openPlumbingEngine(repo: RepoContext): GitEngine {
  return new PlumbingEngine(repo);
}

/**
 * The engine built on git's own plumbing. Inside a hook git already honours GIT_INDEX_FILE,
 * quarantine directories, alternates, worktrees, every index format, SHA-256 and partial clones,
 * so this engine is correct everywhere; it is also the fast one on large repositories.
 */
class PlumbingEngine implements GitEngine {
  readonly kind = 'plumbing';
  private readonly opts: GitPlace;
  private readonly objects: CatFileBatch;
  private readonly emptyTree: string;
  private readonly oidBytes: number;
  private logView: ReturnType<typeof openLogView> | null = null;

  constructor(private readonly repo: RepoContext) {
    this.opts = { cwd: repo.cwd, env: repo.env };
    this.objects = openObjectReader(this.opts);
    this.emptyTree = emptyTreeOid(repo.objectFormat);
    this.oidBytes = repo.objectFormat === 'sha256' ? 32 : 20;
  }

  async stagedChanges(base = 'HEAD'): Promise<Change[]> {
    const r = await runGit(stagedDiffArgs(base), this.opts);
    if (r.status === 0) return parseRawDiff(r.stdout);
    // An unborn branch has no HEAD: everything in the index is an addition.
    if (base === 'HEAD' && (await this.objects.read('HEAD')) === null) return this.diff(stagedDiffArgs(this.emptyTree));
    throw new CleanroomError('EGIT', `git diff-index failed: ${r.stderr.trim()}`);
  }

  async commitChanges(oid: string, parent?: string): Promise<Change[]> {
    const commit = await this.readCommit(oid);
    const base = parent ?? commit.parents[0] ?? this.emptyTree;
    return this.diff(['diff-tree', '-r', ...DIFF_FLAGS, '--end-of-options', this.objectId(base), this.objectId(commit.oid), '--']);
  }

  /** A commit as `git log` shows it: one in another encoding than UTF-8 is converted by git. */
  async readCommit(oid: string): Promise<CommitInfo> {
    const obj = await this.objects.read(checkRev(oid));
    if (obj?.type !== 'commit') throw new CleanroomError('EBADREV', `${oid} is not a commit in this repository`);
    const parsed = parseCommit(obj.oid, obj.content, this.repo.objectFormat);
    return isUtf8Encoding(parsed.encoding) ? parsed.info : (this.logView ??= openLogView(this.repo.cwd, this.repo.env))(parsed.info);
  }

  async changesOfCommits(
    requests: readonly { readonly oid: string; readonly parent?: string | undefined }[],
    onCommit?: (index: number, changes: Change[]) => void,
  ): Promise<Change[][]> {
    if (requests.length === 0) return [];
    // One diff-tree for the lot. A line naming only a merge makes diff-tree print no diff at all, and --diff-merges=first-parent
    // was seen to diff against the wrong parent: the first parent is spelled out (roots: --root).
    const parents = await Promise.all(requests.map(async (r) => r.parent ?? (await this.readCommit(r.oid)).parents[0]));
    const input = requests.map((r, i) => `${this.objectId(r.oid)}${parents[i] ? ` ${this.objectId(parents[i])}` : ''}\n`).join('');
    // --always prints every commit's header, even with nothing changed, so headers and
    // requests pair up in order; each commit is handed on as soon as its diff is whole.
    const result: Change[][] = [];
    const splitter = new CommitDiffSplitter((changes) => {
      if (result.length < requests.length) onCommit?.(result.length, changes);
      result.push(changes);
    });
    await gitOk(['diff-tree', '--stdin', '--always', '--root', '-r', ...DIFF_FLAGS], { ...this.opts, input, onStdout: (chunk) => splitter.push(chunk) });
    splitter.end();
    if (result.length !== requests.length) {
      throw new CleanroomError('EGIT', `git diff-tree --stdin answered ${result.length} of ${requests.length} commits`);
    }
    return result;
  }

  async listCommits(range: CommitRange): Promise<ListedCommit[]> {
    // Each commit as two lines: `commit <oid> <parents...>`, then its tree.
    const out = await gitOk(['rev-list', '--parents', '--format=%T', '--stdin'], { ...this.opts, input: rangeInput(range) });
    const text = out.toString('latin1');
    const listed: ListedCommit[] = [];
    for (let pos = 0; pos < text.length; ) {
      const end = text.indexOf('\n', pos);
      const treeEnd = text.indexOf('\n', end + 1);
      if (end < 0 || treeEnd < 0) break;
      const [, oid = '', ...parents] = text.slice(pos, end).split(' ');
      listed.push({ oid, parents, tree: text.slice(end + 1, treeEnd) });
      pos = treeEnd + 1;
    }
    return listed;
  }

  async commitsOutside(range: CommitRange, folders: readonly string[]): Promise<Set<string>> {
    // Revisions and pathspecs both on stdin (after "--"), so no name reaches the command line;
    // literal: a name is never read as a glob.
    const specs = [':(top)', ...folders.map((f) => `:(top,exclude,literal)${checkFolder(f)}`)];
    const input = rangeInput(range, ['--', ...specs]);
    const out = await gitOk(['rev-list', '--full-history', '--stdin'], { ...this.opts, input });
    return new Set(out.toString('latin1').split('\n').filter(Boolean));
  }

  async resolve(rev: string): Promise<string> {
    const obj = await this.objects.read(`${checkRev(rev)}^{commit}`);
    if (!obj) throw new CleanroomError('EBADREV', `"${rev}" does not name a commit in this repository`);
    return obj.oid;
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    return blobContent(oid, await this.objects.read(oid));
  }

  readBlobs<T>(oids: readonly string[], each: (index: number, content: Uint8Array) => T): Promise<T[]> {
    const readEach = () => readEachBlob((oid) => this.readBlob(oid), oids, each);
    if (oids.length < BULK_MIN) return readEach();
    return readObjectsInBulk(this.repo.cwd, this.repo.env, oids, (i, obj) => each(i, blobContent(oids[i] as string, obj)), { fallback: readEach });
  }

  async listFiles(source: FileSource, dir: string): Promise<TreeFile[]> {
    if (source !== 'index') {
      // Read through the open cat-file, with the pack already mapped: no spawn, no index read.
      const at = dir === '' ? `${checkRev(source.rev)}^{tree}` : `${checkRev(source.rev)}:${dir}`;
      return this.treeFiles(at, dir === '' ? '' : `${dir}/`);
    }
    // The index is listed as a diff against the empty tree, which drops intent-to-add entries
    // (ls-files would list those placeholders as empty files); :(top,literal) reads paths from
    // the repository's top whatever the cwd, never as a glob.
    const spec = dir === '' ? ':(top)' : `:(top,literal)${dir}/`;
    const changes = await this.diff([...stagedDiffArgs(this.emptyTree), spec]);
    return changes.filter((c) => c.newMode !== GITLINK_MODE).map((c): TreeFile => ({ path: c.path, oid: c.newOid ?? '', mode: c.newMode ?? '' }));
  }

  async readFileAt(rev: string, path: string): Promise<Uint8Array | null> {
    const obj = await this.objects.read(`${checkRev(rev)}:${path}`);
    return obj && obj.type === 'blob' ? obj.content : null;
  }

  close(): Promise<void> {
    return this.objects.close();
  }

  private async diff(args: string[]): Promise<Change[]> {
    return parseRawDiff(await gitOk(args, this.opts));
  }

  private objectId(oid: string): string {
    return checkObjectId(oid, this.repo.objectFormat);
  }

  /** Every file below a tree, in git's order (what ls-tree -r lists); gitlinks left out. */
  private async treeFiles(name: string, prefix: string): Promise<TreeFile[]> {
    const tree = await this.objects.read(name);
    if (tree?.type !== 'tree') return [];
    // Every subtree is asked for at once (cat-file answers them in one stream), then put in place:
    // one round trip per level, not per folder, however busy this process is meanwhile.
    const parts: (TreeFile | Promise<TreeFile[]>)[] = [];
    const raw = tree.content;
    for (let pos = 0; pos < raw.length; ) {
      const space = raw.indexOf(0x20, pos);
      const nul = raw.indexOf(0, space);
      const mode = canonicalFileMode(parseInt(raw.toString('latin1', pos, space), 8));
      const path = `${prefix}${raw.toString('utf8', space + 1, nul)}`;
      const oid = raw.toString('hex', nul + 1, nul + 1 + this.oidBytes);
      pos = nul + 1 + this.oidBytes;
      if (mode === S_IFDIR) parts.push(this.treeFiles(oid, `${path}/`));
      else if (mode !== S_IFGITLINK) parts.push({ path, oid, mode: mode.toString(8) });
    }
    const subtrees = await Promise.all(parts.filter((p): p is Promise<TreeFile[]> => p instanceof Promise));
    let next = 0;
    return parts.flatMap((p) => (p instanceof Promise ? (subtrees[next++] as TreeFile[]) : [p]));
  }
}

/** A range as rev-list --stdin reads it (git 2.39 refuses `--not` there; a caret on each
 *  excluded revision means the same), then `rest`, one a line. */
function rangeInput(range: CommitRange, rest: readonly string[] = []): string {
  return [...range.include.map(checkRev), ...range.exclude.map((r) => `^${checkRev(r)}`), ...rest, ''].join('\n');
}

function blobContent(oid: string, obj: GitObject | null): Buffer {
  if (obj?.type !== 'blob') throw new CleanroomError('EGIT', `blob ${oid} is missing from the repository`);
  return obj.content;
}

/** A revision as a person or a caller names it (`HEAD`, `main~2`, an id): on stdin or after
 *  --end-of-options, so the only danger left is one that splits git's input or reads as an option. */
function checkRev(rev: string): string {
  if (rev.startsWith('-') || /[\n\0]/.test(rev) || rev === '') {
    throw new CleanroomError('EBADREV', `"${rev}" is not a valid revision`);
  }
  return rev;
}

/** A top-level folder name as a pathspec line carries it: one line, one path segment. */
function checkFolder(name: string): string {
  if (name === '' || /[\n\0/]/.test(name)) throw new CleanroomError('EGIT', `${JSON.stringify(name)} is not a top-level folder name`);
  return name;
}

const STATUS: Record<string, ChangeStatus> = { A: 'added', M: 'modified', T: 'typechange', D: 'deleted', U: 'modified' };

const ABSENT_MODE = '000000';

/** Parses `--raw -z` output: `:oldmode newmode oldoid newoid status\0path\0` per record. */
export function parseRawDiff(out: Buffer): Change[] {
  const changes: Change[] = [];
  const text = out.toString('latin1');
  let pos = 0;
  while (pos < text.length) {
    const metaEnd = text.indexOf('\0', pos);
    const pathEnd = text.indexOf('\0', metaEnd + 1);
    if (metaEnd < 0 || pathEnd < 0) break;
    const change = parseDiffRecord(out, text, pos, metaEnd, pathEnd);
    if (change) changes.push(change);
    pos = pathEnd + 1;
  }
  return changes;
}

/** A path holding bytes past ASCII, which latin1 would misread. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * One raw record, its meta ending at `metaEnd` and its path at `pathEnd` (both NULs); null for
 * a status cleanroom does not read. `text` is `out` read as latin1, one character per byte, so
 * its offsets are byte offsets: a history scan parses every path of every commit, and slicing one
 * decoded string costs a fraction of decoding each field from the buffer. Only a path with
 * non-ASCII bytes is decoded again, as the UTF-8 git stores.
 */
function parseDiffRecord(out: Buffer, text: string, start: number, metaEnd: number, pathEnd: number): Change | null {
  const [oldMode = '', newMode = '', oldOid = '', newOid = '', letter = ''] = text.slice(start + 1, metaEnd).split(' ');
  const status = STATUS[letter[0] ?? ''];
  if (!status) return null;
  // git prints a side that does not exist as mode 000000.
  const hadOld = oldMode !== ABSENT_MODE;
  const hasNew = newMode !== ABSENT_MODE;
  const path = text.slice(metaEnd + 1, pathEnd);
  return {
    path: NON_ASCII.test(path) ? out.toString('utf8', metaEnd + 1, pathEnd) : path,
    status,
    oldMode: hadOld ? oldMode : null,
    newMode: hasNew ? newMode : null,
    oldOid: hadOld ? oldOid : null,
    newOid: hasNew ? newOid : null,
  };
}

/**
 * Splits `diff-tree --stdin --always -z --raw` output into commits while it arrives: each commit
 * is a header (its id, NUL) and the records up to the next header. A commit is whole once the
 * next one starts, or at the end; state is kept between chunks, so a huge commit split over many
 * chunks is parsed once.
 */
export class CommitDiffSplitter {
  private rest: Buffer = Buffer.alloc(0);
  private current: Change[] | null = null;

  constructor(private readonly onCommit: (changes: Change[]) => void) {}

  push(chunk: Buffer): void {
    const data = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const text = data.toString('latin1');
    let pos = 0;
    for (;;) {
      if (this.current === null) {
        const headerEnd = text.indexOf('\0', pos);
        if (headerEnd < 0) break;
        pos = headerEnd + 1;
        this.current = [];
        continue;
      }
      if (pos >= text.length) break;
      // Records start with ':'; anything else is the next commit's header.
      if (text[pos] !== ':') {
        this.finish();
        continue;
      }
      const metaEnd = text.indexOf('\0', pos);
      const pathEnd = metaEnd < 0 ? -1 : text.indexOf('\0', metaEnd + 1);
      if (pathEnd < 0) break;
      const change = parseDiffRecord(data, text, pos, metaEnd, pathEnd);
      if (change) this.current.push(change);
      pos = pathEnd + 1;
    }
    this.rest = data.subarray(pos);
  }

  end(): void {
    if (this.rest.length > 0) throw new CleanroomError('EGIT', 'git diff-tree --stdin output ended inside a record');
    this.finish();
  }

  private finish(): void {
    const done = this.current;
    this.current = null;
    if (done) this.onCommit(done);
  }
}
