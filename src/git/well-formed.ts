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
import { CleanroomError } from '../errors.js';
import { BULK_MIN, readObjectsInBulk } from './cat-file-bulk.js';
import { CatFileBatch, type GitObject } from './cat-file.js';
import { runGit } from './exec.js';
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
export async function assertWellFormedPush(repo: RepoContext, updates: readonly { readonly new: string; readonly ref: string }[], existing: readonly string[]): Promise<void> {
  const replacing = updates.filter((u) => u.ref.startsWith(REPLACE_REFS)).map((u) => u.ref);
  if (replacing.length > 0) {
    throw new CleanroomError(
      'EOBJECT',
      `${replacing.join(', ')}: a replace ref makes git show another object in place of the real one, so the push is refused; cleanroom judges the real objects, and its policy has no way to allow replacements: push without refs/replace/ (git push origin ':refs/replace/...' is refused too)`,
    );
  }
  await assertWellFormed(repo, { include: updates.map((u) => u.new).filter((oid) => !isNullOid(oid)), exclude: existing });
}

/**
 * Every commit reachable from `include` and not from `exclude` (as rev-list lists them), and every
 * annotated tag among `include` and the tags they point through, read once and held to git's
 * fsck rules; throws EOBJECT naming each object and fsck's message id.
 */
export async function assertWellFormed(repo: RepoContext, range: { readonly include: readonly string[]; readonly exclude: readonly string[] }): Promise<void> {
  const format = repo.objectFormat;
  const include = range.include.map((oid) => checkObjectId(oid, format, 'pushed object id'));
  const exclude = range.exclude.map((oid) => checkObjectId(oid, format, 'known object id'));
  if (include.length === 0) return;
  const input = [...include, ...exclude.map((oid) => `^${oid}`), ''].join('\n');
  const listed = await runGit(['rev-list', '--stdin'], { cwd: repo.cwd, env: repo.env, input });
  if (listed.status !== 0) return refuseUnwalkable(repo, listed.stderr);
  const commits = listed.stdout.toString('latin1').split('\n').filter(Boolean);
  const malformed: Malformed[] = [];
  // The named objects and the commits, then what the tags among them point at, until no tag is left.
  let names = [...new Set([...include, ...commits])];
  const read = new Set<string>();
  while (names.length > 0) {
    const targets: string[] = [];
    await readEach(repo, names, (obj) => {
      if (!obj || read.has(obj.oid)) return;
      read.add(obj.oid);
      const problem = problemOf(obj, format);
      if (problem) malformed.push({ oid: obj.oid, type: obj.type, problem });
      else if (obj.type === 'tag') targets.push(tagTarget(obj.content, format));
    });
    names = [...new Set(targets)].filter((oid) => !read.has(oid));
  }
  if (malformed.length > 0) throw refusal(malformed);
}

function problemOf(obj: GitObject, format: ObjectFormat): ObjectProblem | null {
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
  const lines = malformed.slice(0, LISTED).map(({ oid, type, problem }) => `  ${type} ${oid}: ${problem.id === 'misplacedHeader' ? 'cleanroom' : 'git fsck'} ${problem.id}: ${problem.text}`);
  if (malformed.length > LISTED) lines.push(`  and ${malformed.length - LISTED} more`);
  return new CleanroomError(
    'EOBJECT',
    `${malformed.length === 1 ? 'a commit or tag is' : `${malformed.length} commits or tags are`} malformed:\n${lines.join('\n')}\n` +
      `cleanroom refuses objects that git's fsck rejects, whatever receive.fsckObjects says (git's own readers disagree about them); recreate them with git (git commit --amend, git rebase, git tag -f) and try again`,
  );
}

/** Reads each name once, handing over each object as it comes (null for a missing one). */
async function readEach(repo: RepoContext, names: readonly string[], each: (obj: GitObject | null) => void): Promise<void> {
  const oneByOne = async (): Promise<void[]> => {
    const batch = new CatFileBatch(repo.cwd, repo.env);
    try {
      return await Promise.all(names.map((name) => batch.read(name).then(each)));
    } finally {
      await batch.close();
    }
  };
  if (names.length < BULK_MIN) await oneByOne();
  else await readObjectsInBulk(repo.cwd, repo.env, names, (_, obj) => each(obj), { fallback: oneByOne });
}
