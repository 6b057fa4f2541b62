/**
 * The bulk object reader against git's own cat-file, one name at a time: every split between
 * processes, the whole-file and the windowed read (a window smaller than one header), missing
 * names, and no answer file left behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readObjectsInBulk } from '../src/git/cat-file-bulk.js';
import { cleanEnv, git, gitRaw, initRepo, tempDir, write } from './helpers/git.js';

const noFallback = () => Promise.reject(new Error('the fallback was used'));

const BINARY = Buffer.from([0, 10, 10, 13, 255, 0x0a, 0x20, 0x6d, 0x69, 0x73, 0x73, 0x69, 0x6e, 0x67, 0x0a]);

function repoWithObjects(): { repo: string; names: string[] } {
  const repo = initRepo();
  write(repo, 'empty.txt', '');
  write(repo, 'binary.bin', BINARY);
  write(repo, 'text.txt', 'one\ntwo\n');
  write(repo, 'big.txt', 'x'.repeat(70_000));
  write(repo, 'dir with space/file.txt', 'spaced\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'objects']);
  const blobs = ['empty.txt', 'binary.bin', 'text.txt', 'big.txt', 'dir with space/file.txt'].map((f) => git(repo, ['rev-parse', `HEAD:${f}`]));
  const names = [
    ...blobs,
    '0123456789012345678901234567890123456789', // missing
    'HEAD:dir with space/none.txt', // missing, with spaces in its name
    'HEAD', // a commit
    'HEAD^{tree}',
    ...blobs.slice().reverse(), // the same objects again
  ];
  return { repo, names };
}

/** What git answers for one name: null when missing, else its type and exact content. */
function expected(repo: string, name: string): { type: string; content: string } | null {
  const type = git(repo, ['cat-file', '-t', name], cleanEnv()).trim();
  return { type, content: gitRaw(repo, ['cat-file', type, name]).toString('hex') };
}

describe('readObjectsInBulk', () => {
  let tmp: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    savedTmp = process.env.TMPDIR;
    tmp = tempDir('bulk-tmp');
    process.env.TMPDIR = tmp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  });

  it.each([
    [1, undefined],
    [2, undefined],
    [3, undefined],
    [2, 16], // smaller than a header: the window grows; the 70 kB blob is read past it
    [1, 4096],
  ])('answers as cat-file does, in order, with %s process(es) and a %s-byte window', async (processes, window) => {
    const { repo, names } = repoWithObjects();
    const want = names.map((n) => (n.startsWith('0123') || n.endsWith('none.txt') ? null : expected(repo, n)));
    const got = await readObjectsInBulk(repo, cleanEnv(), names, (i, o) => ({ i, o: o && { type: o.type, content: o.content.toString('hex') } }), {
      fallback: noFallback,
      processes,
      ...(window ? { window } : {}),
    });
    expect(got.map((g) => g.i)).toEqual(names.map((_, i) => i));
    expect(got.map((g) => g.o)).toEqual(want);
    expect(fs.readdirSync(tmp)).toEqual([]); // answer files are gone
  });

  it('refuses a name that would split the request stream', async () => {
    const { repo } = repoWithObjects();
    await expect(readObjectsInBulk(repo, cleanEnv(), ['HEAD', 'a\nb'], () => null, { fallback: noFallback })).rejects.toMatchObject({ code: 'EBADREV' });
  });

  it('reports git failing as EGIT with its message, and leaves no file behind', async () => {
    const notRepo = tempDir('not-a-repo');
    const env = cleanEnv({ GIT_CEILING_DIRECTORIES: path.dirname(notRepo) });
    await expect(readObjectsInBulk(notRepo, env, ['HEAD', 'HEAD~1'], () => null, { fallback: noFallback, processes: 2 })).rejects.toMatchObject({
      code: 'EGIT',
      message: expect.stringMatching(/git cat-file exited \(128\): .*not a git repository/),
    });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('hands the reads to the fallback where no temporary file can be made', async () => {
    const { repo, names } = repoWithObjects();
    process.env.TMPDIR = path.join(tmp, 'missing', 'folder');
    const got = await readObjectsInBulk(repo, cleanEnv(), names, () => 'bulk', { fallback: () => Promise.resolve(['one by one']) });
    expect(got).toEqual(['one by one']);
  });

  it('reports git missing from PATH once, as EGIT, and leaves no file behind', async () => {
    const { repo, names } = repoWithObjects();
    await expect(readObjectsInBulk(repo, cleanEnv({ PATH: path.join(tmp, 'no-git-here') }), names, () => null, { fallback: noFallback, processes: 2 })).rejects.toMatchObject({
      code: 'EGIT',
      message: expect.stringMatching(/could not run git cat-file/),
    });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
