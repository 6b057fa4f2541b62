/** inspectCommits in-process: how a history is cut into diff-tree batches must never change a verdict. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openContext } from '../src/commands/shared.js';
import { CommitDiffSplitter } from '../src/git/plumbing.js';
import type { Change } from '../src/git/engine.js';
import { inspectCommits } from '../src/inspect.js';
import { cleanEnv, git, gitRaw, write } from './helpers/git.js';
import { gatedRepo } from './helpers/policy.js';

const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';

/** A small history with what the batching could get wrong: merges (judged against every parent),
 *  a root, assistant and human commits, protected and unprotected paths, a content marker. */
function history(): string {
  const repo = gatedRepo();
  const commit = (files: Record<string, string>, message: string) => {
    for (const [file, content] of Object.entries(files)) write(repo, file, content);
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', message]);
  };
  commit({ 'src/a.py': '1\n' }, 'code');
  commit({ 'datasets/human.jsonl': '1\n' }, 'human data');
  git(repo, ['checkout', '-q', '-b', 'side']);
  commit({ 'datasets/side.jsonl': '1\n' }, `side data\n\n${TRAILER}`);
  commit({ 'src/b.py': '2\n' }, 'more code');
  git(repo, ['checkout', '-q', 'main']);
  commit({ 'datasets/canary.jsonl': 'x CANARY-7 y\n' }, 'a marker');
  git(repo, ['-c', 'core.hooksPath=/dev/null', 'merge', '-q', '--no-ff', '-m', 'merge side', 'side']);
  commit({ 'datasets/late.jsonl': '2\n' }, `late data\n\n${TRAILER}`);
  return repo;
}

describe('inspectCommits', () => {
  it('judges a history the same whatever the batch size, and reports progress to the end', async () => {
    const repo = history();
    const io = { cwd: repo, env: cleanEnv(), stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    const ctx = await openContext(io);
    try {
      const head = git(repo, ['rev-parse', 'HEAD']);
      const judge = async (batch?: number) => {
        const progress: number[] = [];
        const changeSets = await inspectCommits(ctx, { include: [head], exclude: [] }, { rev: head }, { batch, onProgress: (done) => progress.push(done) });
        return { changeSets, progress };
      };
      const whole = await judge();
      expect(whole.changeSets.map((s) => s.commit)).toEqual(git(repo, ['rev-list', head]).split('\n'));
      expect(whole.changeSets.filter((s) => s.signals.length + s.pathSignals.length > 0)).toHaveLength(3);
      for (const batch of [1, 2, 3]) {
        const cut = await judge(batch);
        expect(cut.changeSets).toEqual(whole.changeSets);
        expect(cut.progress.at(-1)).toBe(whole.changeSets.length);
        expect(cut.progress).toHaveLength(Math.ceil(whole.changeSets.length / batch) + 1);
      }
    } finally {
      await ctx.close();
    }
  });
});

describe('inspectCommits progress', () => {
  it('reports as commits are judged, every 500, and at the end', async () => {
    const repo = gatedRepo();
    // 1,001 commits in one go through fast-import, each changing one unprotected file.
    const stream = Array.from({ length: 1001 }, (_, i) =>
      [
        `commit refs/heads/main`,
        `committer A <a@example.org> ${1_700_000_000 + i} +0000`,
        'data 2',
        `c${i % 10}`,
        ...(i === 0 ? ['from refs/heads/main^0'] : []),
        `M 100644 inline src/f.txt`,
        `data ${String(i).length + 1}`,
        `${i}`,
        '',
      ].join('\n'),
    ).join('\n');
    gitRaw(repo, ['fast-import', '--quiet'], cleanEnv(), `${stream}\n`);
    const io = { cwd: repo, env: cleanEnv(), stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    const ctx = await openContext(io);
    try {
      const base = git(repo, ['rev-parse', 'main~1001']);
      const progress: number[] = [];
      await inspectCommits(ctx, { include: ['main'], exclude: [base] }, { rev: 'main' }, { onProgress: (done) => progress.push(done) });
      expect(progress).toEqual([0, 500, 1000, 1001]);
    } finally {
      await ctx.close();
    }
  });
});

describe('CommitDiffSplitter', () => {
  it('splits diff-tree output into the same commits however the output is chunked', () => {
    const repo = history();
    const input = git(repo, ['rev-list', '--parents', 'HEAD'])
      .split('\n')
      .map((line) => line.split(' ').slice(0, 2).join(' '))
      .join('\n');
    const out = gitRaw(repo, ['diff-tree', '--stdin', '--always', '--root', '-r', '-z', '--raw', '--no-renames'], cleanEnv(), `${input}\n`);
    const split = (size: number): Change[][] => {
      const commits: Change[][] = [];
      const splitter = new CommitDiffSplitter((changes) => commits.push(changes));
      for (let pos = 0; pos < out.length; pos += size) splitter.push(out.subarray(pos, pos + size));
      splitter.end();
      return commits;
    };
    const whole = split(out.length);
    expect(whole).toHaveLength(input.split('\n').length);
    expect(whole.flat().map((c) => c.path)).toContain('datasets/canary.jsonl');
    for (const size of [1, 2, 3, 7, 41, 64]) expect(split(size)).toEqual(whole);
  });

  it('refuses output that ends inside a record', () => {
    const splitter = new CommitDiffSplitter(() => undefined);
    splitter.push(Buffer.from('0123\0:100644 100644 aaa bbb M\0dat'));
    expect(() => splitter.end()).toThrow(/ended inside a record/);
  });
});
