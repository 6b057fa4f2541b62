/**
 * What the gate does with recorded provenance: an assistant's own hook records what it wrote
 * (cleanroom record, fed the documented PostToolUse payload), then a human commits it from their
 * own terminal. The exact content, a light touch-up of it and an LFS pointer to it are blocked; a
 * genuine rewrite is not.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, git, gitTry, write } from './helpers/git.js';
import { EXAMPLE_POLICY, gatedRepo, writePolicy } from './helpers/policy.js';

const human = cleanEnv();
const LINES = Array.from({ length: 10 }, (_, i) => `{"id": ${i}, "prompt": "question number ${i} about intervals"}`);

const setup = () => gatedRepo();

/** Claude Code's PostToolUse for a Write, as its hook receives it, after the file is written. */
function assistantWrites(repo: string, file: string, content: string): void {
  write(repo, file, content);
  const payload = {
    session_id: 'sess-42',
    transcript_path: '/tmp/t.jsonl',
    cwd: repo,
    hook_event_name: 'PostToolUse',
    tool_name: 'Write',
    tool_input: { file_path: path.join(repo, file), content },
    tool_response: { type: 'create', filePath: path.join(repo, file) },
    tool_use_id: 'toolu_1',
  };
  const r = cleanroom(repo, ['record', 'claude-code'], human, JSON.stringify(payload));
  expect(r.status).toBe(0);
}

describe('recorded provenance at commit time', () => {
  it('blocks a human commit of exactly what an assistant wrote, naming the assistant, session and time', () => {
    const repo = setup();
    assistantWrites(repo, 'benchmarks/task-17.json', `${LINES.join('\n')}\n`);
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'add task'], human);
    expect(r.stderr).toMatch(/recorded claude-code wrote exactly this content as benchmarks\/task-17\.json \(Write, session sess-42, \d{4}-/);
    expect(r.status).not.toBe(0);
  });

  it('blocks a light touch-up, passes a genuine rewrite', () => {
    const repo = setup();
    assistantWrites(repo, 'datasets/a.jsonl', `${LINES.join('\n')}\n`);
    write(repo, 'datasets/a.jsonl', `${LINES.map((l, i) => (i === 3 ? l.replace('intervals', 'ranges') : l)).join('\n')}\n`);
    git(repo, ['add', '.'], human);
    const touched = gitTry(repo, ['commit', '-m', 'touched up'], human);
    expect(touched.stderr).toMatch(/9 of 10 added lines were written by claude-code/);
    expect(touched.status).not.toBe(0);

    write(repo, 'datasets/a.jsonl', `${LINES.map((_, i) => `{"id": ${i}, "prompt": "a question I wrote myself, number ${i}"}`).join('\n')}\n`);
    git(repo, ['add', '.'], human);
    const rewritten = gitTry(repo, ['commit', '-m', 'rewritten'], human);
    expect(rewritten.stderr).toContain('cleanroom pre-commit: allowed');
    expect(rewritten.status).toBe(0);
  });

  it('matches a Git LFS pointer through the sha256 it names', () => {
    const repo = setup();
    const content = `${LINES.join('\n')}\n`;
    assistantWrites(repo, 'scratch/big.jsonl', content);
    const oid = createHash('sha256').update(content).digest('hex');
    write(repo, 'datasets/big.jsonl', `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${Buffer.byteLength(content)}\n`);
    git(repo, ['add', 'datasets/big.jsonl'], human);
    const r = gitTry(repo, ['commit', '-m', 'lfs'], human);
    expect(r.stderr).toContain('claude-code wrote the content this Git LFS pointer names, as scratch/big.jsonl');
    expect(r.status).not.toBe(0);
  });

  it('in warn mode lets recorded content through, and the commit says an assistant helped', () => {
    const repo = setup();
    assistantWrites(repo, 'datasets/a.jsonl', `${LINES.join('\n')}\n`);
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'data'], cleanEnv());
    expect(r.status).not.toBe(0);
    const warn = EXAMPLE_POLICY.replace('mode: enforce', 'mode: warn');
    writePolicy(repo, warn);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'warn mode', '--', '.cleanroom/policy.yaml'], human);
    expect(gitTry(repo, ['commit', '-m', 'data'], human).status).toBe(0);
    expect(git(repo, ['log', '-1', '--format=%(trailers:key=Assisted-by,valueonly)'])).toBe('claude-code');
  });
});
