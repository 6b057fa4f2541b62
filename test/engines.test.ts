/**
 * Conformance: both engines, on real repositories built with git, must give git's own answer
 * (diff-index, diff-tree, rev-list, rev-parse, cat-file), and so each other's. Every call is made with the index checked byte for byte and by
 * mtime before and after, because neither engine may ever write.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change, CommitInfo, CommitRange, FileSource, GitEngine } from '../src/git/engine.js';
import { openIsomorphicEngine } from '../src/git/isomorphic/engine.js';
import { indexFilePath, summarizeIndex } from '../src/git/isomorphic/index-file.js';
import { BULK_MIN } from '../src/git/cat-file-bulk.js';
import { parseRawDiff } from '../src/git/plumbing.js';
import { chooseEngine, openEngine, plumbingIsCertain } from '../src/git/preflight.js';
import { discoverRepo, emptyTreeOid, readGitVars } from '../src/git/repo.js';
import { cleanEnv, git, gitRaw, initRepo, tempDir, write, CHILD_TIMEOUT_MS } from './helpers/git.js';

type Kind = GitEngine['kind'];
type Env = NodeJS.ProcessEnv;
const KINDS: Kind[] = ['plumbing', 'isomorphic'];
const EMPTY_TREE = emptyTreeOid('sha1');
const SUB1 = '1'.repeat(40);
const SUB2 = '2'.repeat(40);

const [major = 0, minor = 0] = git(tempDir('version'), ['version'])
  .replace(/^git version /, '')
  .split('.')
  .map(Number);
const gitAtLeast = (ma: number, mi: number) => major > ma || (major === ma && minor >= mi);

function once<T>(build: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: build() }).v;
}

const at = (date: string) => cleanEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
const sha1 = (b: Uint8Array | null) => (b === null ? null : createHash('sha1').update(b).digest('hex'));

// ---------------------------------------------------------------- git's own answers

const DIFF_FLAGS = ['-z', '--raw', '--no-abbrev', '--no-renames', '--ignore-submodules=none', '--no-ext-diff'];
const cliStaged = (cwd: string, env: Env = cleanEnv(), base = 'HEAD') => parseRawDiff(gitRaw(cwd, ['diff-index', '--cached', ...DIFF_FLAGS, base, '--'], env));
/** `git diff --cached` hides intent-to-add entries, as the GitEngine contract requires. */
const cliStagedPorcelain = (cwd: string, env: Env = cleanEnv(), base = 'HEAD') => parseRawDiff(gitRaw(cwd, ['diff', '--cached', ...DIFF_FLAGS, base, '--'], env));
const cliTrees = (cwd: string, a: string, b: string, env: Env = cleanEnv()) => parseRawDiff(gitRaw(cwd, ['diff-tree', '-r', ...DIFF_FLAGS, a, b, '--'], env));
const cliRevList = (cwd: string, range: CommitRange, env: Env = cleanEnv()) =>
  gitRaw(cwd, ['rev-list', '--parents', '--format=%T', ...range.include, '--not', ...range.exclude, '--'], env)
    .toString('utf8')
    .split('commit ')
    .filter(Boolean)
    .map((entry) => {
      const [line = '', tree = ''] = entry.split('\n');
      const [oid = '', ...parents] = line.split(' ');
      return { oid, parents, tree };
    });
const cliRevParse = (cwd: string, rev: string, env: Env = cleanEnv()) => git(cwd, ['rev-parse', '--verify', '-q', `${rev}^{commit}`], env);
function cliFileAt(cwd: string, rev: string, file: string, env: Env = cleanEnv()): Buffer | null {
  const type = spawnSync('git', ['cat-file', '-t', `${rev}:${file}`], { cwd, env, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
  return type.status === 0 && type.stdout.trim() === 'blob' ? gitRaw(cwd, ['cat-file', 'blob', `${rev}:${file}`], env) : null;
}
/** Identities as git log prints them; parents as the object stores them (log would show grafts). */
function cliCommit(cwd: string, rev: string, env: Env = cleanEnv()): CommitInfo {
  const [oid = '', an = '', ae = '', cn = '', ce = ''] = git(cwd, ['log', '-1', '--format=%H%n%an%n%ae%n%cn%n%ce', rev], env).split('\n');
  const raw = gitRaw(cwd, ['cat-file', 'commit', oid], env).toString('utf8');
  return {
    oid,
    parents: [...raw.slice(0, raw.indexOf('\n\n')).matchAll(/^parent (\w+)$/gm)].map((m) => m[1] ?? ''),
    author: { name: an, email: ae },
    committer: { name: cn, email: ce },
    message: raw.slice(raw.indexOf('\n\n') + 2),
  };
}

// ---------------------------------------------------------------- asking the engines

function snapshot(file: string) {
  return fs.existsSync(file) ? { bytes: sha1(fs.readFileSync(file)), mtime: fs.statSync(file).mtimeMs } : null;
}

/** One engine's answer; the index must be untouched afterwards, whatever the answer was. */
async function ask<T>(kind: Kind, cwd: string, env: Env, question: (e: GitEngine) => Promise<T>): Promise<T> {
  const repo = await discoverRepo(cwd, env);
  const index = indexFilePath(repo);
  const before = snapshot(index);
  const engine = await openEngine(repo, { force: kind });
  try {
    return await question(engine);
  } finally {
    await engine.close();
    expect(snapshot(index)).toEqual(before);
  }
}

/** The engine gives git's answer. Every question is asked of both engines (describe.each below)
 *  with the same expected answer, so the two engines agree with each other as well. */
async function agree<T>(kind: Kind, cwd: string, env: Env, question: (e: GitEngine) => Promise<T>, expected: T): Promise<void> {
  expect(await ask(kind, cwd, env, question)).toEqual(expected);
}

/** Both engines fail the same way (a code, not a wrong answer). */
async function refuse(kind: Kind, cwd: string, env: Env, question: (e: GitEngine) => Promise<unknown>, code: string): Promise<void> {
  await expect(ask(kind, cwd, env, question)).rejects.toMatchObject({ code });
}

// ---------------------------------------------------------------- repositories

const BINARY = Buffer.concat([Buffer.from([0, 1, 2, 255, 0, 10, 13]), randomBytes(4096)]);

/** A tree with every kind of entry a change can touch. */
function buildBase(repo: string): void {
  write(repo, 'data/keep.txt', 'keep\n');
  write(repo, 'data/mod.txt', 'before\n');
  write(repo, 'data/del.txt', 'delete me\n');
  write(repo, 'data/exec.sh', '#!/bin/sh\n');
  write(repo, 'data/tofile.txt', 'becomes a symlink\n');
  fs.symlinkSync('keep.txt', path.join(repo, 'data/link'));
  write(repo, 'data/deep/a/b/c.txt', 'deep\n');
  write(repo, 'data/deep/a/sibling.txt', 'sibling\n');
  write(repo, 'data/deep/other/z.txt', 'other\n');
  write(repo, 'data/gone/x.txt', 'x\n');
  write(repo, 'data/gone/y.txt', 'y\n');
  write(repo, 'data/f2g', 'becomes a gitlink\n');
  write(repo, 'swap', 'a file that becomes a directory\n');
  write(repo, 'foo', 'foo\n');
  write(repo, 'foo.txt', 'foo.txt\n');
  write(repo, 'with space/a b.txt', 'spaced\n');
  write(repo, 'benchmarks/binary.bin', BINARY);
  git(repo, ['add', '-A']);
  git(repo, ['update-index', '--add', '--cacheinfo', `160000,${SUB1},data/sub`]);
}

/** Stages one of each change: add, modify, delete, chmod, typechanges both ways, gitlinks, a file
 *  becoming a directory, names that sort differently as bytes than as UTF-16. */
function stageChanges(repo: string): void {
  const rm = (p: string) => fs.rmSync(path.join(repo, p), { recursive: true });
  write(repo, 'data/mod.txt', 'after\n');
  rm('data/del.txt');
  write(repo, 'data/new.txt', 'new\n');
  fs.chmodSync(path.join(repo, 'data/exec.sh'), 0o755);
  rm('data/link');
  write(repo, 'data/link', 'now a regular file\n');
  rm('data/tofile.txt');
  fs.symlinkSync('keep.txt', path.join(repo, 'data/tofile.txt'));
  write(repo, 'data/deep/a/b/c.txt', 'deeper\n');
  rm('data/gone');
  rm('swap');
  write(repo, 'swap/inner.txt', 'now a directory\n');
  rm('foo');
  write(repo, 'foo/x', 'foo is a directory now\n');
  write(repo, 'foo.txt', 'changed\n');
  write(repo, 'foo-bar', 'new\n');
  write(repo, 'with space/a b.txt', 'changed\n');
  write(repo, 'données/é.txt', 'accents\n');
  write(repo, 'data/\u{e000}.txt', 'private use, U+E000\n');
  write(repo, 'data/\u{1f600}.txt', 'astral, U+1F600\n');
  rm('data/f2g');
  git(repo, ['add', '-A', '--', '.', ':!data/sub']);
  git(repo, ['update-index', '--add', '--cacheinfo', `160000,${SUB1},data/f2g`]);
  git(repo, ['update-index', '--cacheinfo', `160000,${SUB2},data/sub`]);
  git(repo, ['update-index', '--add', '--cacheinfo', `160000,${SUB1},data/newsub`]);
}

/** Base committed, changes staged; side indexes for GIT_INDEX_FILE, v4, no cache-tree and a skipHash trailer. */
const staged = once(() => {
  const repo = tempDir('staged');
  git(repo, ['init', '-q', '-b', 'main']);
  buildBase(repo);
  git(repo, ['commit', '-q', '-m', 'base']);
  stageChanges(repo);
  const side = (name: string) => path.join(repo, '.git', name);
  const alt = cleanEnv({ GIT_INDEX_FILE: '.git/alt-index' });
  git(repo, ['read-tree', 'HEAD'], alt);
  git(repo, ['add', 'data/new.txt', 'données/é.txt'], alt);
  fs.copyFileSync(side('index'), side('index-v4'));
  git(repo, ['update-index', '--index-version', '4'], cleanEnv({ GIT_INDEX_FILE: side('index-v4') }));
  gitRaw(repo, ['update-index', '--index-info'], cleanEnv({ GIT_INDEX_FILE: side('index-no-tree') }), gitRaw(repo, ['ls-files', '-s']));
  const skip = fs.readFileSync(side('index'));
  skip.fill(0, skip.length - 20);
  fs.writeFileSync(side('index-skiphash'), skip);
  return { repo, side };
});

/**
 * History: root C1 (tags v1 annotated, nested = a tag of v1), C2 with every change, a feature
 * branch with clock skew, a merge M, C3 at M's timestamp, all repacked (so deltas, a 5 MB blob and
 * its edited copy), then a loose hand-written commit with a gpgsig header and no final newline.
 */
const history = once(() => {
  const repo = tempDir('history');
  git(repo, ['init', '-q', '-b', 'main']);
  buildBase(repo);
  const large = randomBytes(5 * 1024 * 1024);
  write(repo, 'benchmarks/large.bin', large);
  git(repo, ['add', 'benchmarks/large.bin']);
  git(repo, ['commit', '-q', '-m', 'root'], at('2026-01-01T00:00:00Z'));
  git(repo, ['tag', '-a', 'v1', '-m', 'version 1'], at('2026-01-01T00:00:00Z'));
  git(repo, ['tag', '-a', 'nested', '-m', 'a tag of a tag', 'v1'], at('2026-01-01T00:00:00Z'));
  git(repo, ['branch', 'feature']);
  stageChanges(repo);
  large.write('edited', 1000);
  write(repo, 'benchmarks/large.bin', large);
  git(repo, ['add', 'benchmarks/large.bin']);
  git(repo, ['commit', '-q', '-m', 'every change'], at('2026-01-02T00:00:00Z'));
  git(repo, ['tag', 'light']);
  git(repo, ['checkout', '-q', 'feature']);
  write(repo, 'feature/a.txt', 'a\n');
  git(repo, ['add', 'feature/a.txt']);
  git(repo, ['commit', '-q', '-m', 'feature a'], at('2026-01-03T00:00:00Z'));
  write(repo, 'feature/b.txt', 'b\n');
  git(repo, ['add', 'feature/b.txt']);
  git(repo, ['commit', '-q', '-m', 'feature b, clock behind'], at('2026-01-01T12:00:00Z'));
  git(repo, ['checkout', '-q', 'main']);
  git(repo, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], at('2026-01-04T00:00:00Z'));
  write(repo, 'after-merge.txt', 'c3\n');
  git(repo, ['add', 'after-merge.txt']);
  git(repo, ['commit', '-q', '-m', 'same second as the merge'], at('2026-01-04T00:00:00Z'));
  git(repo, ['repack', '-adq']);
  const c3 = git(repo, ['rev-parse', 'HEAD']);
  const tree = git(repo, ['rev-parse', 'HEAD^{tree}']);
  const signed = [
    `tree ${tree}`,
    `parent ${c3}`,
    'author Zoë Ünïcode <zoe@example.org> 1767571200 +0100',
    'committer Ada Human <ada@example.org> 1767571200 +0000',
    'gpgsig -----BEGIN PGP SIGNATURE-----',
    ' ',
    ' iQEzBAABCAAdFiEE not a real signature',
    ' -----END PGP SIGNATURE-----',
    '',
    'signed: ünïcode subject',
    '',
    'body without a final newline',
  ].join('\n');
  const signedOid = gitRaw(repo, ['hash-object', '-t', 'commit', '-w', '--stdin'], cleanEnv(), signed).toString('utf8').trim();
  git(repo, ['branch', 'signed', signedOid]);
  const rev = (r: string) => git(repo, ['rev-parse', r]);
  return { repo, c1: rev('v1^{commit}'), c2: rev('light'), merge: rev('main~1'), signed: signedOid };
});

const unborn = once(() => {
  const repo = tempDir('unborn');
  git(repo, ['init', '-q', '-b', 'main']);
  write(repo, 'README.md', 'first\n');
  write(repo, 'datasets/eval/set.jsonl', '{}\n');
  git(repo, ['add', '-A']);
  return repo;
});

/** `git add -N`: new paths, one in a directory of its own (none must appear), and a tracked path
 *  re-added as intent-to-add (git: deleted). */
const intentToAdd = once(() => {
  const repo = initRepo();
  write(repo, 'tracked.txt', 'tracked\n');
  git(repo, ['add', 'tracked.txt']);
  git(repo, ['commit', '-q', '-m', 'tracked']);
  write(repo, 'new.txt', 'placeholder\n');
  write(repo, 'placeholders/only.txt', 'placeholder\n');
  git(repo, ['add', '-N', 'new.txt', 'placeholders/only.txt']);
  git(repo, ['rm', '-q', '--cached', 'tracked.txt']);
  git(repo, ['add', '-N', 'tracked.txt']);
  write(repo, 'real.txt', 'real\n');
  git(repo, ['add', 'real.txt']);
  return repo;
});

/** Cone-mode sparse index over `c/`: `a/` and `b/` are single 040000 entries, and `a/` differs from HEAD~1. */
const sparse = once(() => {
  const repo = tempDir('sparse');
  git(repo, ['init', '-q', '-b', 'main']);
  write(repo, 'a/one.txt', '1\n');
  write(repo, 'a/deep/two.txt', '2\n');
  write(repo, 'b/three.txt', '3\n');
  write(repo, 'c/four.txt', '4\n');
  write(repo, 'top.txt', 'top\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'p1']);
  write(repo, 'a/one.txt', 'changed\n');
  write(repo, 'a/deep/added.txt', 'added\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'p2']);
  git(repo, ['sparse-checkout', 'init', '--cone', '--sparse-index']);
  git(repo, ['sparse-checkout', 'set', 'c']);
  write(repo, 'c/four.txt', 'four\n');
  write(repo, 'c/five.txt', '5\n');
  git(repo, ['add', 'c']);
  return repo;
});

/** A linked worktree with staged changes; every branch ref packed, so refs live only in the common dir. */
const worktree = once(() => {
  const main = initRepo();
  const wt = path.join(tempDir('wt-parent'), 'wt');
  git(main, ['worktree', 'add', '-q', wt, '-b', 'wt-branch']);
  write(wt, 'wt-only.txt', 'w\n');
  git(wt, ['add', 'wt-only.txt']);
  git(wt, ['commit', '-q', '-m', 'in the worktree']);
  git(main, ['pack-refs', '--all']);
  write(wt, 'README.md', 'changed in the worktree\n');
  write(wt, 'staged.txt', 'new\n');
  git(wt, ['add', '-A']);
  return { main, wt };
});

/** `git clone --shared` of the history: no objects of its own but one commit and a staged file. */
const sharedClone = once(() => {
  const origin = history().repo;
  const repo = path.join(tempDir('shared-parent'), 'clone');
  git(path.dirname(repo), ['clone', '-q', '--shared', origin, repo]);
  write(repo, 'data/mod.txt', 'changed in the clone\n');
  git(repo, ['commit', '-q', '-am', 'clone commit']);
  write(repo, 'clone-staged.txt', 'staged\n');
  git(repo, ['add', 'clone-staged.txt']);
  return repo;
});

/** What pre-receive sees: pushed objects, packed, in a directory of their own, the repository's as an alternate. */
const quarantine = once(() => {
  const repo = initRepo();
  const real = path.join(repo, '.git', 'objects');
  const incoming = path.join(real, 'tmp_objdir-incoming-test');
  fs.mkdirSync(path.join(incoming, 'pack'), { recursive: true });
  const env = cleanEnv({ GIT_OBJECT_DIRECTORY: incoming, GIT_ALTERNATE_OBJECT_DIRECTORIES: real });
  const build = { ...env, GIT_INDEX_FILE: path.join(repo, '.git', 'push-index') };
  git(repo, ['read-tree', 'HEAD'], build);
  write(repo, 'pushed/file.txt', 'arrived in a push\n');
  git(repo, ['add', 'pushed/file.txt'], build);
  const commit = git(repo, ['commit-tree', git(repo, ['write-tree'], build), '-p', 'HEAD', '-m', 'pushed'], env);
  const objects = gitRaw(repo, ['rev-list', '--objects', commit, '--not', 'HEAD'], env);
  gitRaw(repo, ['pack-objects', '-q', path.join(incoming, 'pack', 'pack')], env, objects);
  git(repo, ['prune-packed'], env);
  return { repo, env, commit };
});

/** A depth-2 clone of main: the boundary is the merge, whose parents git does not have. */
const shallowClone = once(() => {
  const repo = path.join(tempDir('shallow-parent'), 'clone');
  git(path.dirname(repo), ['clone', '-q', '--depth', '2', '--single-branch', `file://${history().repo}`, repo]);
  return repo;
});

const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('latin1'));

describe.each(KINDS)('%s engine', (kind) => {
  const stagedAgree = (cwd: string, env: Env, expected: Change[], base?: string) => agree(kind, cwd, env, (e) => e.stagedChanges(base), expected);

  describe('stagedChanges', () => {
    it('reports every kind of staged change as git diff-index does, in its order', async () => {
      const { repo } = staged();
      const expected = cliStaged(repo);
      expect(new Set(expected.map((c) => c.status))).toEqual(new Set(['added', 'modified', 'deleted', 'typechange']));
      expect(expected.map((c) => c.newMode)).toEqual(expect.arrayContaining(['100755', '120000', '160000']));
      expect(expected.map((c) => c.path)).toEqual(expect.arrayContaining(['données/é.txt', 'with space/a b.txt', 'foo', 'foo/x', 'swap/inner.txt']));
      await stagedAgree(repo, cleanEnv(), expected);
    });

    it('against another base: an annotated tag, a commit, the empty tree', async () => {
      const { repo, c2 } = history();
      for (const base of ['v1', c2, EMPTY_TREE]) await stagedAgree(repo, cleanEnv(), cliStaged(repo, cleanEnv(), base), base);
    });

    it('an unborn HEAD stages everything as added; any other bad base is EGIT', async () => {
      const repo = unborn();
      const expected = cliStaged(repo, cleanEnv(), EMPTY_TREE);
      expect(expected).toHaveLength(2);
      await stagedAgree(repo, cleanEnv(), expected);
      await refuse(kind, repo, cleanEnv(), (e) => e.stagedChanges('no-such-branch'), 'EGIT');
    });

    it('reads the index GIT_INDEX_FILE names, relative to the cwd or absolute', async () => {
      const { repo, side } = staged();
      for (const file of ['.git/alt-index', side('alt-index')]) {
        const env = cleanEnv({ GIT_INDEX_FILE: file });
        const expected = cliStaged(repo, env);
        expect(expected.map((c) => c.path)).toEqual(['data/new.txt', 'données/é.txt']);
        await stagedAgree(repo, env, expected);
      }
    });

    it('reads a version 4 index', async () => {
      const { repo, side } = staged();
      expect(fs.readFileSync(side('index-v4')).readUInt32BE(4)).toBe(4);
      const env = cleanEnv({ GIT_INDEX_FILE: side('index-v4') });
      await stagedAgree(repo, env, cliStaged(repo, env));
    });

    it('with and without a cache-tree (TREE extension) to vouch for unchanged directories', async () => {
      const { repo, side } = staged();
      expect(summarizeIndex(fs.readFileSync(side('index')), 'index').extensions).toContain('TREE');
      expect(summarizeIndex(fs.readFileSync(side('index-no-tree')), 'index').extensions).not.toContain('TREE');
      const env = cleanEnv({ GIT_INDEX_FILE: side('index-no-tree') });
      const expected = cliStaged(repo, env);
      expect(expected).toEqual(cliStaged(repo));
      await stagedAgree(repo, env, expected);
    });

    it('reads an index with an all-zero checksum (what index.skipHash writes)', async () => {
      const { repo, side } = staged();
      const env = cleanEnv({ GIT_INDEX_FILE: side('index-skiphash') });
      await stagedAgree(repo, env, cliStaged(repo, env));
    });

    // index.skipHash arrived in git 2.40; the emulated trailer above covers older gits.
    it.skipIf(!gitAtLeast(2, 40))('reads an index git wrote with index.skipHash', async () => {
      const { repo, side } = staged();
      const env = cleanEnv({ GIT_INDEX_FILE: side('index-skip-real') });
      git(repo, ['-c', 'index.skipHash=true', 'read-tree', 'HEAD'], env);
      git(repo, ['-c', 'index.skipHash=true', 'add', 'data/new.txt'], env);
      await stagedAgree(repo, env, cliStaged(repo, env));
    });

    it('expands sparse-index directories only where they differ from the base', async () => {
      const repo = sparse();
      expect(git(repo, ['ls-files', '--sparse', '-s'])).toMatch(/^040000 \w+ 0\ta\/$/m);
      await stagedAgree(repo, cleanEnv(), cliStaged(repo));
      const againstOlder = cliStaged(repo, cleanEnv(), 'HEAD~1');
      expect(againstOlder.map((c) => c.path)).toEqual(['a/deep/added.txt', 'a/one.txt', 'c/five.txt', 'c/four.txt']);
      await stagedAgree(repo, cleanEnv(), againstOlder, 'HEAD~1');
    });

    it('never reports intent-to-add entries (git diff --cached)', async () => {
      const repo = intentToAdd();
      const expected = cliStagedPorcelain(repo);
      expect(expected.map((c) => [c.path, c.status])).toEqual([
        ['real.txt', 'added'],
        ['tracked.txt', 'deleted'],
      ]);
      await stagedAgree(repo, cleanEnv(), expected);
    });

    it('in a linked worktree, with its own index and HEAD', async () => {
      const { wt } = worktree();
      const expected = cliStaged(wt);
      expect(expected.map((c) => c.path)).toEqual(['README.md', 'staged.txt']);
      await stagedAgree(wt, cleanEnv(), expected);
    });

    it('in a clone whose objects are all behind info/alternates', async () => {
      const repo = sharedClone();
      expect(fs.readdirSync(path.join(repo, '.git/objects/pack'))).toEqual([]);
      await stagedAgree(repo, cleanEnv(), cliStaged(repo));
      await stagedAgree(repo, cleanEnv(), cliStaged(repo, cleanEnv(), 'HEAD~2'), 'HEAD~2');
    });
  });

  describe('commitChanges', () => {
    it('answers many commits at once exactly as one at a time, against any parent, empty diffs included', async () => {
      const { repo, c1, c2, merge, signed } = history();
      const requests = [
        { oid: c2, parent: c1 },
        { oid: c1 },
        { oid: merge, parent: git(repo, ['rev-parse', `${merge}^2`]) },
        { oid: signed },
        { oid: c2, parent: c2 },
        { oid: merge },
      ];
      // git's answer: against the parent asked for, else the first parent (the empty tree for a root).
      const expected = requests.map((r) => cliTrees(repo, r.parent ?? (r.oid === c1 ? EMPTY_TREE : `${r.oid}^1`), r.oid));
      await agree(kind, repo, cleanEnv(), (e) => Promise.all(requests.map((r) => e.commitChanges(r.oid, r.parent))), expected);
      await agree(kind, repo, cleanEnv(), (e) => e.changesOfCommits(requests), expected);
      expect(expected[4]).toEqual([]);
    });

    it('a root commit against the empty tree, a commit with every kind of change, a merge against its first parent', async () => {
      const { repo, c1, c2, merge, signed } = history();
      const cases: [string, string][] = [
        [c1, EMPTY_TREE],
        [c2, c1],
        [merge, `${merge}^1`],
        [signed, `${signed}^1`],
      ];
      for (const [commit, parent] of cases) {
        await agree(kind, repo, cleanEnv(), (e) => e.commitChanges(commit), cliTrees(repo, parent, commit));
      }
      expect(cliTrees(repo, c1, c2).map((c) => c.status)).toContain('typechange');
    });

    it('through alternates, in a linked worktree, and from a quarantine directory', async () => {
      await agree(kind, sharedClone(), cleanEnv(), (e) => e.commitChanges('HEAD'), cliTrees(sharedClone(), 'HEAD^', 'HEAD'));
      const { wt } = worktree();
      await agree(kind, wt, cleanEnv(), (e) => e.commitChanges('HEAD'), cliTrees(wt, 'HEAD^', 'HEAD'));
      const q = quarantine();
      expect(spawnSync('git', ['cat-file', '-e', q.commit], { cwd: q.repo, env: cleanEnv(), timeout: CHILD_TIMEOUT_MS }).status).not.toBe(0);
      await agree(kind, q.repo, q.env, (e) => e.commitChanges(q.commit), cliTrees(q.repo, `${q.commit}^`, q.commit, q.env));
    });

    it('a name that is not a commit is EBADREV', async () => {
      await refuse(kind, history().repo, cleanEnv(), (e) => e.commitChanges('no-such-branch'), 'EBADREV');
    });
  });

  describe('readCommit', () => {
    it('parents, identities and the raw message, including a gpgsig header and no final newline', async () => {
      const { repo, c1, merge, signed } = history();
      for (const rev of [c1, merge, signed, 'HEAD']) await agree(kind, repo, cleanEnv(), (e) => e.readCommit(rev), cliCommit(repo, rev));
      const read = await ask(kind, repo, cleanEnv(), (e) => e.readCommit(signed));
      expect(read.author.name).toBe('Zoë Ünïcode');
      expect(read.message).toBe('signed: ünïcode subject\n\nbody without a final newline');
    });

    it('a tag object or a missing name is EBADREV', async () => {
      for (const rev of ['v1', 'no-such-branch', '0123456789012345678901234567890123456789']) {
        await refuse(kind, history().repo, cleanEnv(), (e) => e.readCommit(rev), 'EBADREV');
      }
    });
  });

  describe('listCommits', () => {
    const ranges: CommitRange[] = [
      { include: ['main'], exclude: [] },
      { include: ['main'], exclude: ['feature'] },
      { include: ['feature', 'main'], exclude: ['v1'] },
      { include: ['signed'], exclude: ['light'] },
      { include: ['nested'], exclude: [] },
      { include: ['light'], exclude: ['light'] },
      { include: [], exclude: ['main'] },
    ];
    it('lists ranges as git rev-list <include> --not <exclude> does, merges and clock skew included', async () => {
      const { repo } = history();
      for (const range of ranges) {
        await agree(kind, repo, cleanEnv(), (e) => e.listCommits(range), cliRevList(repo, range));
      }
    });

    it('lists the commits of a push from a quarantine directory', async () => {
      const q = quarantine();
      const range = { include: [q.commit], exclude: ['HEAD'] };
      await agree(kind, q.repo, q.env, (e) => e.listCommits(range), cliRevList(q.repo, range, q.env));
    });

    it('stops at the boundary of a shallow clone, as git grafts it', async () => {
      const repo = shallowClone();
      expect(fs.existsSync(path.join(repo, '.git/shallow'))).toBe(true);
      for (const range of [
        { include: ['HEAD'], exclude: [] },
        { include: ['origin/main'], exclude: ['HEAD~1'] },
      ]) {
        await agree(kind, repo, cleanEnv(), (e) => e.listCommits(range), cliRevList(repo, range));
      }
      for (const boundary of fs.readFileSync(path.join(repo, '.git/shallow'), 'utf8').split('\n').filter(Boolean)) {
        await agree(kind, repo, cleanEnv(), (e) => e.readCommit(boundary), cliCommit(repo, boundary));
        await refuse(kind, repo, cleanEnv(), (e) => e.resolve(`${boundary}~1`), 'EBADREV');
        // Against the parent the object names: whether git has it decides between a diff and EGIT.
        const parent = cliCommit(repo, boundary).parents[0] ?? '';
        if (spawnSync('git', ['cat-file', '-e', parent], { cwd: repo, env: cleanEnv(), timeout: CHILD_TIMEOUT_MS }).status === 0) {
          await agree(kind, repo, cleanEnv(), (e) => e.commitChanges(boundary), cliTrees(repo, parent, boundary));
        } else {
          await refuse(kind, repo, cleanEnv(), (e) => e.commitChanges(boundary), 'EGIT');
        }
      }
    });

    it('a revision that does not resolve is EGIT (git rev-list: bad revision)', async () => {
      await refuse(kind, history().repo, cleanEnv(), (e) => e.listCommits({ include: ['no-such-branch'], exclude: [] }), 'EGIT');
    });

    it('lists the commits that change anything outside some top-level folders as git rev-list --full-history does', async () => {
      const { repo } = history();
      const cases: [CommitRange, string[]][] = [
        [{ include: ['main'], exclude: [] }, ['feature']],
        [{ include: ['main'], exclude: [] }, ['benchmarks', 'feature']],
        [{ include: ['main'], exclude: ['v1'] }, ['feature', 'no-such-folder']],
        [{ include: ['main', 'feature'], exclude: ['light'] }, ['benchmarks']],
      ];
      for (const [range, folders] of cases) {
        const specs = [':(top)', ...folders.map((f) => `:(top,exclude,literal)${f}`)];
        const expected = gitRaw(repo, ['rev-list', '--full-history', ...range.include, '--not', ...range.exclude, '--', ...specs])
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .sort();
        expect(expected.length).toBeGreaterThan(0);
        await agree(kind, repo, cleanEnv(), async (e) => [...(await e.commitsOutside(range, folders))].sort(), expected);
      }
    });
  });

  describe('resolve', () => {
    it('branches, annotated and nested tags (to their commit), ancestry suffixes, abbreviations', async () => {
      const { repo, c2, signed } = history();
      const revs = [
        'main',
        'HEAD',
        '@',
        'feature',
        'heads/feature',
        'refs/heads/feature',
        'v1',
        'nested',
        'light',
        'v1^{}',
        'v1^{commit}',
        'HEAD~1',
        'HEAD~1^2',
        'main~1^2~1',
        '@~2',
        signed,
        c2.slice(0, 7),
        c2.toUpperCase(),
      ];
      for (const rev of revs) await agree(kind, repo, cleanEnv(), (e) => e.resolve(rev), cliRevParse(repo, rev));
    });

    it('in a worktree (per-worktree HEAD, packed refs in the common dir) and through alternates', async () => {
      const { wt } = worktree();
      for (const rev of ['HEAD', 'main', 'wt-branch']) await agree(kind, wt, cleanEnv(), (e) => e.resolve(rev), cliRevParse(wt, rev));
      for (const rev of ['HEAD', 'origin/main', 'origin/HEAD', 'v1']) await agree(kind, sharedClone(), cleanEnv(), (e) => e.resolve(rev), cliRevParse(sharedClone(), rev));
    });

    it('anything that names no commit is EBADREV', async () => {
      const { repo } = history();
      const blob = git(repo, ['rev-parse', 'HEAD:foo.txt']);
      for (const rev of ['no-such-branch', 'HEAD~99', 'HEAD^3', 'v1^{tree}', '-x', '', blob, '0123456789012345678901234567890123456789', 'a..b']) {
        await refuse(kind, repo, cleanEnv(), (e) => e.resolve(rev), 'EBADREV');
      }
      await refuse(kind, unborn(), cleanEnv(), (e) => e.resolve('HEAD'), 'EBADREV');
    });
  });

  describe('readBlob', () => {
    it('every blob of a commit, binary, and a 5 MB blob stored as a delta in a pack', async () => {
      const { repo, c1, c2 } = history();
      const oids = [...cliTrees(repo, c1, c2), ...cliTrees(repo, EMPTY_TREE, c1)]
        .flatMap((c) => [c.oldOid && c.oldMode !== '160000' ? c.oldOid : null, c.newOid && c.newMode !== '160000' ? c.newOid : null])
        .filter((o): o is string => o !== null);
      const large = [git(repo, ['rev-parse', `${c1}:benchmarks/large.bin`]), git(repo, ['rev-parse', `${c2}:benchmarks/large.bin`])];
      for (const oid of [...new Set(oids), ...large]) {
        await agree(kind, repo, cleanEnv(), async (e) => sha1(await e.readBlob(oid)), sha1(gitRaw(repo, ['cat-file', 'blob', oid])));
      }
    });

    it('a missing blob or an object that is not a blob is EGIT', async () => {
      const { repo, c2 } = history();
      for (const oid of ['0123456789012345678901234567890123456789', c2]) await refuse(kind, repo, cleanEnv(), (e) => e.readBlob(oid), 'EGIT');
    });
  });

  describe('readBlobs', () => {
    /** Every blob of both commits, the 5 MB delta among them, repeated past BULK_MIN so the
     *  plumbing engine reads them in bulk as well as one by one. */
    const blobsOf = (repo: string, c1: string, c2: string, times: number) => {
      const oids = [...cliTrees(repo, c1, c2), ...cliTrees(repo, EMPTY_TREE, c1)]
        .map((c) => (c.newOid && c.newMode !== '160000' ? c.newOid : null))
        .filter((o): o is string => o !== null);
      return Array.from({ length: times }, () => [...new Set(oids)]).flat();
    };

    it.each([
      ['one by one', 1],
      [`in bulk (${BULK_MIN} or more)`, Math.ceil(BULK_MIN / 4)],
    ])('hands each blob to the callback with its index, and answers in order: %s', async (_label, times) => {
      const { repo, c1, c2 } = history();
      const oids = blobsOf(repo, c1, c2, times);
      if (times > 1) expect(oids.length).toBeGreaterThanOrEqual(BULK_MIN);
      // git is asked once per distinct blob: a spawn per repeat made this test slow enough to time out on a busy machine.
      const digests = new Map([...new Set(oids)].map((oid) => [oid, sha1(gitRaw(repo, ['cat-file', 'blob', oid]))]));
      const expected = oids.map((oid, i) => `${i}:${digests.get(oid)}`);
      await agree(kind, repo, cleanEnv(), (e) => e.readBlobs(oids, (i, content) => `${i}:${sha1(content)}`), expected);
    });

    it('a missing blob among many is EGIT', async () => {
      const { repo, c1, c2 } = history();
      const oids = [...blobsOf(repo, c1, c2, Math.ceil(BULK_MIN / 4)), '0123456789012345678901234567890123456789'];
      await refuse(kind, repo, cleanEnv(), (e) => e.readBlobs(oids, () => null), 'EGIT');
    });
  });

  describe('listFiles', () => {
    /** git's own answer, read from ls-files / ls-tree without --full-name tricks: cwd is the top. */
    const cliFiles = (cwd: string, env: Env, source: FileSource, dir: string) => {
      const out =
        source === 'index'
          ? gitRaw(cwd, ['ls-files', '-s', '-z', '--', ...(dir ? [`${dir}/`] : [])], env)
          : gitRaw(cwd, ['ls-tree', '-r', '-z', source.rev, '--', ...(dir ? [`${dir}/`] : [])], env);
      return out
        .toString('utf8')
        .split('\0')
        .filter(Boolean)
        .map((record) => {
          const [meta = '', file = ''] = record.split('\t');
          const f = meta.split(' ');
          return { path: file, oid: (source === 'index' ? f[1] : f[2]) ?? '', mode: f[0] ?? '' };
        })
        .filter((f) => f.mode !== '160000');
    };

    it('lists a folder of a revision and of the index as git does, non-ASCII and nested included', async () => {
      const { repo } = history();
      for (const [source, dir] of [
        [{ rev: 'HEAD' }, 'data'],
        [{ rev: 'v1' }, 'données'],
        [{ rev: 'HEAD' }, 'foo/x'],
        ['index', 'data'],
        ['index', 'données'],
        [{ rev: 'HEAD' }, 'no-such-dir'],
        [{ rev: 'HEAD' }, 'data/mod.txt'],
        [{ rev: 'HEAD' }, ''],
        ['index', ''],
      ] as [FileSource, string][]) {
        await agree(kind, repo, cleanEnv(), (e) => e.listFiles(source, dir), cliFiles(repo, cleanEnv(), source, dir));
      }
    });

    it('lists what GIT_INDEX_FILE, a sparse index and a linked worktree hold, and skips intent-to-add', async () => {
      const { repo } = staged();
      const alt = cleanEnv({ GIT_INDEX_FILE: '.git/alt-index' });
      await agree(kind, repo, alt, (e) => e.listFiles('index', 'data'), cliFiles(repo, alt, 'index', 'data'));
      await agree(kind, sparse(), cleanEnv(), (e) => e.listFiles('index', 'a'), cliFiles(sparse(), cleanEnv(), 'index', 'a'));
      const { wt } = worktree();
      await agree(kind, wt, cleanEnv(), (e) => e.listFiles({ rev: 'HEAD' }, 'wt-only.txt'), []);
      expect(await ask(kind, intentToAdd(), cleanEnv(), (e) => e.listFiles('index', 'placeholders'))).toEqual([]);
    });
  });

  describe('readFileAt', () => {
    it('files at branches, tags and ancestors; null for a missing path or revision, a tree or a gitlink', async () => {
      const { repo, c1 } = history();
      const cases: [string, string][] = [
        ['HEAD', 'data/mod.txt'],
        ['v1', 'data/mod.txt'],
        ['nested', 'foo'],
        [c1, 'données/é.txt'],
        ['light', 'données/é.txt'],
        ['HEAD~1', 'feature/b.txt'],
        ['HEAD', 'data/tofile.txt'],
        ['HEAD', 'benchmarks/binary.bin'],
        ['HEAD', 'missing.txt'],
        ['HEAD', 'data'],
        ['HEAD', 'data/sub'],
        ['HEAD', 'foo/x/deeper'],
        ['no-such-branch', 'foo.txt'],
      ];
      for (const [rev, file] of cases) {
        await agree(kind, repo, cleanEnv(), async (e) => text(await e.readFileAt(rev, file)), text(cliFileAt(repo, rev, file)));
      }
      expect(cliFileAt(repo, 'HEAD', 'data/tofile.txt')?.toString()).toBe('keep.txt');
    });

    it('an invalid revision is EBADREV', async () => {
      await refuse(kind, history().repo, cleanEnv(), (e) => e.readFileAt('-x', 'foo'), 'EBADREV');
    });
  });
});

describe('preflight', () => {
  const preflightInput = async (cwd: string, env: Env = cleanEnv(), force?: Kind) => {
    const repo = await discoverRepo(cwd, env);
    return { repo, config: (await readGitVars(cwd, env)).config, force };
  };
  const choose = async (cwd: string, env: Env = cleanEnv(), force?: Kind) => {
    const { repo, ...opts } = await preflightInput(cwd, env, force);
    return chooseEngine(repo, opts);
  };
  const open = async (cwd: string, env: Env = cleanEnv(), force?: Kind) => {
    const { repo, ...opts } = await preflightInput(cwd, env, force);
    return openEngine(repo, opts);
  };

  it('is plumbing unless isomorphic is asked for, on every platform; plumbingIsCertain says so beforehand', async () => {
    const repo = await discoverRepo(staged().repo, cleanEnv());
    for (const engineVar of [undefined, 'plumbing', 'isomorphic']) {
      const env = cleanEnv(engineVar ? { CLEANROOM_ENGINE: engineVar } : {});
      const chosen = await chooseEngine({ ...repo, env });
      expect(chosen, String(engineVar)).toBe(engineVar === 'isomorphic' ? 'isomorphic' : 'plumbing');
      expect(plumbingIsCertain(env), String(engineVar)).toBe(chosen === 'plumbing');
    }
  });

  it('CLEANROOM_ENGINE asks for either engine; the caller overrides it; an unknown value is a usage error', async () => {
    const repo = staged().repo;
    expect(await choose(repo, cleanEnv({ CLEANROOM_ENGINE: 'plumbing' }))).toBe('plumbing');
    expect(await choose(repo, cleanEnv({ CLEANROOM_ENGINE: 'isomorphic' }))).toBe('isomorphic');
    expect(await choose(repo, cleanEnv({ CLEANROOM_ENGINE: 'plumbing' }), 'isomorphic')).toBe('isomorphic');
    expect(await choose(repo, cleanEnv({ CLEANROOM_ENGINE: 'isomorphic' }), 'plumbing')).toBe('plumbing');
    const bad = choose(repo, cleanEnv({ CLEANROOM_ENGINE: 'libgit2' }));
    await expect(bad).rejects.toMatchObject({ code: 'EUSAGE', message: expect.stringMatching(/CLEANROOM_ENGINE="libgit2".*"isomorphic" or "plumbing"/) });
  });

  it('SHA-256: asking for isomorphic is EENGINE naming the object format, not a wrong answer', async () => {
    const repo = initRepo(['--object-format=sha256']);
    const env = cleanEnv({ CLEANROOM_ENGINE: 'isomorphic' });
    await expect(open(repo, env)).rejects.toMatchObject({
      code: 'EENGINE',
      message: expect.stringMatching(/asked for by CLEANROOM_ENGINE=isomorphic.*sha256 object ids.*unset CLEANROOM_ENGINE/),
    });
    const context = await discoverRepo(repo, cleanEnv());
    expect(() => openIsomorphicEngine(context)).toThrow(expect.objectContaining({ code: 'EENGINE' }));
    const plumbing = await open(repo);
    expect(await plumbing.resolve('HEAD')).toBe(git(repo, ['rev-parse', 'HEAD']));
    await plumbing.close();
  });

  it('a split index: asking for isomorphic is EENGINE rather than "every file deleted"', async () => {
    const repo = initRepo();
    write(repo, 'more.txt', 'more\n');
    git(repo, ['add', 'more.txt']);
    git(repo, ['update-index', '--split-index']);
    await expect(open(repo, cleanEnv(), 'isomorphic')).rejects.toMatchObject({ code: 'EENGINE', message: expect.stringMatching(/split index/) });
    // Past the preflight too: the index reader itself refuses the `link` extension.
    const engine = openIsomorphicEngine(await discoverRepo(repo, cleanEnv()));
    await expect(engine.stagedChanges()).rejects.toMatchObject({ code: 'EENGINE', message: expect.stringMatching(/split index/) });
    const plumbing = await open(repo);
    expect(await plumbing.stagedChanges()).toEqual(cliStaged(repo));
    await plumbing.close();
  });

  it('a pack of 2 GiB or more: asking for isomorphic is EENGINE', async () => {
    const repo = initRepo();
    const pack = path.join(repo, '.git/objects/pack/pack-0000000000000000000000000000000000000000.pack');
    fs.writeFileSync(pack, '');
    fs.truncateSync(pack, 2 ** 31); // sparse: only the size is read
    await expect(choose(repo, cleanEnv(), 'isomorphic')).rejects.toMatchObject({ code: 'EENGINE', message: expect.stringMatching(/2048 MiB/) });
  });

  it.each([
    ['in the repository', (r: string) => git(r, ['config', 'remote.origin.promisor', 'true'])],
    ["in the worktree's own config", (r: string) => (git(r, ['config', 'extensions.worktreeConfig', 'true']), git(r, ['config', '--worktree', 'remote.origin.promisor', 'true']))],
    [
      'in an included file',
      (r: string) => (fs.writeFileSync(path.join(r, '.git/extra.cfg'), '[remote "origin"]\n\tpromisor = yes\n'), git(r, ['config', 'include.path', 'extra.cfg'])),
    ],
  ] as const)('a partial clone (promisor remote set %s): asking for isomorphic is EENGINE', async (_, setup) => {
    const repo = initRepo();
    setup(repo);
    await expect(choose(repo, cleanEnv(), 'isomorphic')).rejects.toMatchObject({ code: 'EENGINE', message: expect.stringMatching(/remote\.origin\.promisor \(a partial clone/) });
    expect(await choose(repo)).toBe('plumbing');
  });

  it('what is merely slow or unusual does not stop isomorphic when asked for: core.splitIndex unused, a server-side quarantine', async () => {
    const repo = initRepo();
    git(repo, ['config', 'core.splitIndex', 'true']);
    await (await open(repo, cleanEnv(), 'isomorphic')).close();

    const q = quarantine();
    const env = { ...q.env, GIT_QUARANTINE_PATH: q.env.GIT_OBJECT_DIRECTORY };
    const forced = await open(q.repo, env, 'isomorphic');
    expect(forced.kind).toBe('isomorphic');
    expect(await forced.resolve(q.commit)).toBe(q.commit);
    await forced.close();
  });

  it('an isomorphic engine reports what it cannot answer instead of handing it to git', async () => {
    await expect(ask('isomorphic', initRepo(), cleanEnv(), (e) => e.resolve('HEAD@{0}'))).rejects.toMatchObject({ code: 'EENGINE' });

    // A merge conflict leaves unmerged entries (stages 1-3): git's to report.
    const conflicted = initRepo();
    git(conflicted, ['checkout', '-q', '-b', 'other']);
    write(conflicted, 'README.md', 'theirs\n');
    git(conflicted, ['commit', '-q', '-am', 'theirs']);
    git(conflicted, ['checkout', '-q', 'main']);
    write(conflicted, 'README.md', 'ours\n');
    git(conflicted, ['commit', '-q', '-am', 'ours']);
    expect(spawnSync('git', ['merge', '-q', 'other'], { cwd: conflicted, env: cleanEnv(), timeout: CHILD_TIMEOUT_MS }).status).not.toBe(0);
    await expect(ask('isomorphic', conflicted, cleanEnv(), (e) => e.stagedChanges())).rejects.toMatchObject({ code: 'EENGINE' });
    const plumbing = await open(conflicted);
    expect(await plumbing.stagedChanges()).toEqual(cliStaged(conflicted));
    await plumbing.close();
  });

  it('looking for obstacles costs a few stats and reads, no process, given the configuration', async () => {
    const { repo, config } = await preflightInput(history().repo);
    await chooseEngine(repo, { force: 'isomorphic', config });
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      await chooseEngine(repo, { force: 'isomorphic', config });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // Typically well under 2 ms; the bound leaves room for a loaded CI machine.
    expect(times[10]).toBeLessThan(25);
  });
});

describe('the isomorphic engine never writes', () => {
  /** Every file under a directory with its size and mtime. */
  function tree(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out[path.relative(dir, p)] = `${fs.lstatSync(p).size}@${fs.lstatSync(p).mtimeMs}`;
      }
    };
    walk(dir);
    return out;
  }

  it('leaves every file of the gitdir as it was, and refuses writes through its fs with EROFS', async () => {
    const { repo, c2 } = history();
    const { wt, main } = worktree();
    const before = [tree(path.join(repo, '.git')), tree(path.join(main, '.git'))];
    for (const cwd of [repo, wt]) {
      await ask('isomorphic', cwd, cleanEnv(), async (e) => {
        await e.stagedChanges();
        await e.stagedChanges('HEAD~1');
        await e.commitChanges('HEAD');
        await e.listCommits({ include: ['HEAD'], exclude: [] });
        await e.readCommit('HEAD');
        await e.readFileAt('HEAD', 'README.md');
        await e.resolve('HEAD');
      });
    }
    await ask('isomorphic', repo, cleanEnv(), (e) => e.readBlob(git(repo, ['rev-parse', `${c2}:benchmarks/large.bin`])));
    expect([tree(path.join(repo, '.git')), tree(path.join(main, '.git'))]).toEqual(before);

    const { OverlayFs } = await import('../src/git/isomorphic/overlay-fs.js');
    const overlay = new OverlayFs(await discoverRepo(repo, cleanEnv()));
    await expect(overlay.writeFile(path.join(repo, '.git/index'), 'x')).rejects.toMatchObject({ code: 'EROFS' });
    await expect(overlay.unlink(path.join(repo, '.git/HEAD'))).rejects.toMatchObject({ code: 'EROFS' });
    await expect(overlay.mkdir(path.join(repo, '.git/refs/new'))).rejects.toMatchObject({ code: 'EROFS' });
  });
});
