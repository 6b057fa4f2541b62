/**
 * An assistant's commit that changes no protected content (an empty commit, deleting a protected
 * file) needs no review, so it never blocks; `scan` still reports it as assistant activity in
 * text, JSON and HTML, and `check --range` agrees that nothing is blocked.
 */
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, git, gitRaw, initRepo, write } from './helpers/git.js';
import { writePolicy } from './helpers/policy.js';

const CLAUDE = 'Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>';

function history() {
  const repo = initRepo();
  writePolicy(repo);
  write(repo, 'datasets/old.jsonl', '{"by": "a person"}\n');
  write(repo, 'datasets/keep.jsonl', '{"by": "a person"}\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'policy and data']);
  const base = git(repo, ['rev-parse', 'HEAD']);
  git(repo, ['commit', '-q', '--allow-empty', '-m', `Trigger CI\n\n${CLAUDE}`]);
  const empty = git(repo, ['rev-parse', 'HEAD']);
  git(repo, ['rm', '-q', 'datasets/old.jsonl']);
  git(repo, ['commit', '-q', '-m', `Drop stale data\n\n${CLAUDE}`]);
  const deletion = git(repo, ['rev-parse', 'HEAD']);
  git(repo, ['rm', '-q', 'datasets/keep.jsonl']);
  git(repo, ['commit', '-q', '-m', 'Human drops data']);
  const human = git(repo, ['rev-parse', 'HEAD']);
  write(repo, 'src/tool.ts', 'export {};\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', `Assistant code outside protected paths\n\n${CLAUDE}`]);
  return { repo, base, empty, deletion, human };
}

const h = history();

describe('assistant activity that changes no protected content', () => {
  it('is reported by scan (text) and blocks nothing', () => {
    const r = cleanroom(h.repo, ['scan']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('assistant activity that changed no protected content (reported, never blocked):');
    expect(r.stdout).toContain(`commit ${h.empty.slice(0, 12)}`);
    expect(r.stdout).toContain(`commit ${h.deletion.slice(0, 12)}`);
    expect(r.stdout).toContain(`trailer ${CLAUDE} [claude-code/co-authored-by]`);
    expect(r.stdout).not.toContain(h.human.slice(0, 12));
  });

  it('is listed in JSON with changesProtectedContent false, and in the HTML page', () => {
    const json = cleanroom(h.repo, ['scan', '--format', 'json']);
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { outcome: string; findings: unknown[]; commitsWithSignals: { commit: string; changesProtectedContent?: boolean }[] };
    expect(parsed.outcome).toBe('allowed');
    expect(parsed.findings).toEqual([]);
    expect(parsed.commitsWithSignals.map((c) => [c.commit, c.changesProtectedContent])).toEqual([
      [h.deletion, false],
      [h.empty, false],
    ]);
    const html = cleanroom(h.repo, ['scan', '--format', 'html']);
    expect(html.status).toBe(0);
    expect(html.stdout).toContain(`${h.deletion.slice(0, 12)}</code><br><small>no protected content changed (not blocked)</small>`);
    expect(html.stdout).toContain(`${h.empty.slice(0, 12)}</code><br><small>no protected content changed (not blocked)</small>`);
  });

  it('passes check --range', () => {
    expect(cleanroom(h.repo, ['check', '--range', `${h.base}..HEAD`]).status).toBe(0);
  });
});

describe('assistant activity in a long history (whose walk lists only what may touch a protected path)', () => {
  it('reports an empty commit and leaves out a commit that changed unprotected files only', () => {
    const { repo } = history();
    // Enough commits for the walk to narrow itself to those that may touch a protected path.
    const who = (i: number) => `committer A <a@example.org> ${1_700_000_000 + i} +0000`;
    const commit = (i: number, message: string, change: string[]) =>
      [`commit refs/heads/main`, who(i), `data ${Buffer.byteLength(message)}`, message, ...(i === 0 ? ['from refs/heads/main^0'] : []), ...change, ''].join('\n');
    const stream = Array.from({ length: 2100 }, (_, i) => {
      const file = [`M 100644 inline src/f${i % 50}.txt`, `data ${String(i).length}`, `${i}`];
      if (i === 1000) return commit(i, `Assistant code\n\n${CLAUDE}`, file);
      if (i === 2000 || i === 0) return commit(i, `Trigger CI again\n\n${CLAUDE}`, []);
      return commit(i, `c${i}`, file);
    }).join('\n');
    gitRaw(repo, ['fast-import', '--quiet'], cleanEnv(), `${stream}\n`);
    const code = git(repo, ['rev-parse', 'main~1099']);
    const empty = git(repo, ['rev-parse', 'main~99']);
    expect(git(repo, ['log', '-1', '--format=%s', code])).toBe('Assistant code');
    expect(git(repo, ['log', '-1', '--format=%s', empty])).toBe('Trigger CI again');
    const r = cleanroom(repo, ['scan', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const found = (JSON.parse(r.stdout) as { commitsWithSignals: { commit: string }[] }).commitsWithSignals.map((c) => c.commit);
    expect(found).toContain(empty);
    expect(found).not.toContain(code);
    // The first commit of a range: its parent is outside the walk, and it is found empty all the same.
    const first = git(repo, ['rev-parse', 'main~2099']);
    const ranged = cleanroom(repo, ['scan', '--format', 'json', `${first}~1..main`]);
    expect(ranged.status, ranged.stderr).toBe(0);
    expect((JSON.parse(ranged.stdout) as { commitsWithSignals: { commit: string }[] }).commitsWithSignals.map((c) => c.commit)).toEqual([empty, first]);
  }, 180_000);
});
