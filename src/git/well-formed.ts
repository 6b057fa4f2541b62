/**
 * The gate judges only objects every git reads the same way. A commit or tag that git's fsck
 * rejects (or whose headers git's own readers take differently, ./objects.ts) is refused before
 * anything is judged, whatever `receive.fsckObjects` says: the server's default lets such objects
 * in, and a verdict about an object that tools read differently cannot be trusted.
 *
 * Structure comes from git: `rev-list` lists the commits a push brings (parents as git reads
 * them), and one `cat-file --batch` pass reads every one of them, with the annotated tags the
 * push names, so a push of 100,000 commits costs two processes.
 */
import { spawn } from 'node:child_process';
import { CleanroomError } from '../errors.js';
import { BatchOutputParser, CatFileBatch, type GitObject } from './cat-file.js';
import type { ListedCommit } from './engine.js';
import { gitEnvironment } from './exec.js';
import { checkObjectId, commitProblem, tagProblem, tagTarget, type ObjectFormat, type ObjectProblem } from './objects.js';
import { isNullOid, type RepoContext } from './repo.js';

/** Refs that make git show one object in place of another (GIT_NO_REPLACE_OBJECTS keeps
 *  cleanroom's own reads off them; every other reader of the repository would follow them). */
export const REPLACE_REFS = 'refs/replace/';

/** Problems listed in one refusal; the rest are counted. */
const LISTED = 10;

interface Malformed {
  readonly oid: string;
  readonly type: string;
  readonly problem: ObjectProblem;
}

/**
 * A push as the server hook receives it: refused when it touches `refs/replace/` (created, moved
 * or deleted alike: the policy has no way to allow a replacement) or brings a malformed commit or
 * annotated tag.
 */
export async function assertWellFormedPush(
  repo: RepoContext,
  updates: readonly { readonly new: string; readonly ref: string }[],
  existing: readonly string[],
  opts: WellFormedOptions = {},
): Promise<ListedCommit[]> {
  const replacing = updates.filter((u) => u.ref.startsWith(REPLACE_REFS)).map((u) => u.ref);
  if (replacing.length > 0) {
    throw new CleanroomError(
      'EOBJECT',
      `${replacing.join(', ')}: a replace ref makes git show another object in place of the real one, so the push is refused (creating, moving and deleting alike); cleanroom's policy has no way to allow replacements: push without refs/replace/, and ask an administrator to remove a replace ref already on the server`,
    );
  }
  return assertWellFormed(repo, { include: updates.map((u) => u.new).filter((oid) => !isNullOid(oid)), exclude: existing }, opts);
}

export interface WellFormedOptions {
  /** Each listed commit found well-formed, with its raw content (a view, valid during the call),
   *  in rev-list's order: whoever needs more of every commit reads it here, not again. */
  readonly onCommit?: (commit: ListedCommit, content: Buffer) => void;
}

/**
 * Every commit reachable from `include` and not from `exclude` (as rev-list lists them), and every
 * annotated tag among `include` and the tags they point through, read once and held to git's
 * fsck rules; throws EOBJECT naming each object and fsck's message id. Returns the commits as
 * `git rev-list --parents` lists them (its order, its parents; each one's tree from its first
 * line), so the range need not be listed again.
 */
export async function assertWellFormed(
  repo: RepoContext,
  range: { readonly include: readonly string[]; readonly exclude: readonly string[] },
  opts: WellFormedOptions = {},
): Promise<ListedCommit[]> {
  const format = repo.objectFormat;
  const hexLength = format === 'sha256' ? 64 : 40;
  const include = range.include.map((oid) => checkObjectId(oid, format, 'pushed object id'));
  const exclude = range.exclude.map((oid) => checkObjectId(oid, format, 'known object id'));
  if (include.length === 0) return [];
  // By object id: a tag's commit may be listed and read again, and is reported once.
  const malformed = new Map<string, Malformed>();
  const named = new Set(include);
  const read = new Set<string>();
  const check = (obj: GitObject | null, targets: string[]) => {
    if (!obj || read.has(obj.oid)) return;
    read.add(obj.oid);
    const problem = problemOf(obj, format);
    if (problem) malformed.set(obj.oid, { oid: obj.oid, type: obj.type, problem });
    else if (obj.type === 'tag') targets.push(tagTarget(obj.content, format));
  };
  const listed: ListedCommit[] = [];
  let unread = 0;
  const failure = await readListed(repo, [...include, ...exclude.map((oid) => `^${oid}`), ''].join('\n'), (obj, parents) => {
    // What rev-list lists is judged from this list: a commit cat-file cannot read fails the pass.
    if (obj === null || obj.type !== 'commit') {
      unread++;
      return;
    }
    // Only the named objects are remembered (rev-list lists each commit once).
    if (named.has(obj.oid)) read.add(obj.oid);
    const problem = problemOf(obj, format);
    if (problem) {
      malformed.set(obj.oid, { oid: obj.oid, type: obj.type, problem });
      return;
    }
    // fsck checked the first line: `tree <id>`.
    const commit: ListedCommit = { oid: obj.oid, parents, tree: obj.content.toString('latin1', 5, 5 + hexLength) };
    listed.push(commit);
    opts.onCommit?.(commit, obj.content);
  });
  // The named objects the listing did not read (tags, which only reading finds, and commits the
  // repository already has), and what their tags point at, until no tag is left. A push of new
  // commits has none: it costs no process of its own.
  for (let names = [...named].filter((oid) => !read.has(oid)); names.length > 0; ) {
    const targets: string[] = [];
    await readEach(repo, names, (obj) => check(obj, targets));
    names = [...new Set(targets)].filter((oid) => !read.has(oid));
  }
  if (malformed.size > 0) throw refusal([...malformed.values()]);
  if (failure !== null) await refuseUnwalkable(repo, failure);
  if (unread > 0) throw new CleanroomError('EGIT', `git cat-file could not read ${unread} of the commits git rev-list listed; cleanroom judges only history git reads`);
  return listed;
}

/**
 * Every commit `git rev-list --parents --stdin` lists for `input`, read by a `git cat-file
 * --batch` that takes rev-list's output as its input (no round trip through Node), each handed to
 * `each` as it arrives with the parents rev-list gave it (cat-file echoes them: `%(rest)`).
 * Resolves with rev-list's complaint when it failed, else null.
 */
function readListed(repo: RepoContext, input: string, each: (obj: GitObject | null, parents: string[]) => void): Promise<string | null> {
  const env = gitEnvironment(repo.env);
  return new Promise((resolve, reject) => {
    // GIT_FLUSH=0: rev-list writes into the pipe a buffer at a time, not a commit at a time.
    const revList = spawn('git', ['rev-list', '--parents', '--stdin'], { cwd: repo.cwd, env: { ...env, GIT_FLUSH: '0' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const catFile = spawn('git', ['cat-file', `--batch=${LISTED_FORMAT}`, '--buffer'], { cwd: repo.cwd, env, stdio: [revList.stdout, 'pipe', 'pipe'] });
    revList.stdout.destroy(); // cat-file holds its own copy of the pipe
    const parser = new BatchOutputParser((obj, rest) => each(obj, rest === '' ? NO_PARENTS : rest.split(' ')));
    catFile.stdout.on('data', (chunk: Buffer) => parser.push(chunk));
    const complaints = { revList: '', catFile: '' };
    revList.stderr.on('data', (b: Buffer) => (complaints.revList += b.toString('utf8')));
    catFile.stderr.on('data', (b: Buffer) => (complaints.catFile += b.toString('utf8')));
    const exits = [revList, catFile].map(
      (child) =>
        new Promise<number>((done) => child.on('close', (code) => done(code ?? 128)).on('error', (e) => reject(new CleanroomError('EGIT', `could not run git (${e.message})`)))),
    );
    revList.stdin.on('error', () => undefined);
    revList.stdin.end(input);
    void Promise.all(exits).then(([listed, read]) => {
      if (read !== 0 || !parser.atBoundary) reject(new CleanroomError('EGIT', `git cat-file failed (${read}): ${complaints.catFile.trim()}`));
      else resolve(listed === 0 ? null : complaints.revList || `git rev-list exited ${listed}`);
    });
  });
}

/** What cat-file says of each commit rev-list names: its id, type and size, then the parents
 *  rev-list wrote after the id on the same line. */
const LISTED_FORMAT = '%(objectname) %(objecttype) %(objectsize) %(rest)';
const NO_PARENTS: string[] = [];

/** A commit or tag is judged whole (its message's last paragraph holds the trailers, so a cut
 *  message would hide them): one larger than this is refused, so no push can make the gate
 *  decode and search text without bound. Real commit messages are a few KiB at most. */
export const OBJECT_BYTES_MAX = 1 << 20;

/** Reasons that are cleanroom's own, not git fsck's. */
const OWN_PROBLEMS = new Set(['misplacedHeader', 'objectTooLarge']);

function problemOf(obj: GitObject, format: ObjectFormat): ObjectProblem | null {
  if ((obj.type === 'commit' || obj.type === 'tag') && obj.content.length > OBJECT_BYTES_MAX) {
    return { id: 'objectTooLarge', text: `${obj.content.length} bytes, over the ${OBJECT_BYTES_MAX} a commit or tag may hold; its message is judged whole, so it is refused` };
  }
  if (obj.type === 'commit') return commitProblem(obj.content, format);
  if (obj.type === 'tag') return tagProblem(obj.content, format);
  return null;
}

/** rev-list stops at a commit it cannot parse (a bad tree or parent line right after `tree`) and
 *  names it: those objects are read and named with fsck's reason. */
async function refuseUnwalkable(repo: RepoContext, stderr: string): Promise<never> {
  const length = repo.objectFormat === 'sha256' ? 64 : 40;
  const named = [...new Set(stderr.match(new RegExp(`\\b[0-9a-f]{${length}}\\b`, 'g')) ?? [])];
  const malformed: Malformed[] = [];
  await readEach(repo, named, (obj) => {
    const problem = obj ? problemOf(obj, repo.objectFormat) : null;
    if (obj && problem) malformed.push({ oid: obj.oid, type: obj.type, problem });
  });
  if (malformed.length > 0) throw refusal(malformed);
  throw new CleanroomError('EOBJECT', `git cannot walk the history this brings (${stderr.trim().split('\n').join('; ')}); cleanroom judges only history git reads`);
}

function refusal(malformed: readonly Malformed[]): CleanroomError {
  const lines = malformed
    .slice(0, LISTED)
    .map(({ oid, type, problem }) => `  ${type} ${oid}: ${OWN_PROBLEMS.has(problem.id) ? 'cleanroom' : 'git fsck'} ${problem.id}: ${problem.text}`);
  if (malformed.length > LISTED) lines.push(`  and ${malformed.length - LISTED} more`);
  return new CleanroomError(
    'EOBJECT',
    `${malformed.length === 1 ? 'a commit or tag is' : `${malformed.length} commits or tags are`} malformed:\n${lines.join('\n')}\n` +
      `cleanroom refuses objects that git's fsck rejects, whatever receive.fsckObjects says (git's own readers disagree about them); recreate them with git (git commit --amend, git rebase, git tag -f) and try again`,
  );
}

/** Reads a few named objects (the pushed tips, the tags they point through), each handed over as it comes. */
async function readEach(repo: RepoContext, names: readonly string[], each: (obj: GitObject | null) => void): Promise<void> {
  const batch = new CatFileBatch(repo.cwd, repo.env);
  try {
    await Promise.all(names.map((name) => batch.read(name).then(each)));
  } finally {
    await batch.close();
  }
}
