/**
 * git-ai's authorship notes (refs/notes/ai): a human's commit whose note attributes protected
 * lines to an AI session is assistant-generated, for check --range locally and for the server
 * when the notes are pushed with the commits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGitAiNote } from '../src/provenance/git-ai.js';
import { cleanroom, git, gitTry, HOOKS, initRepo, tempDir, write } from './helpers/git.js';
import { EXAMPLE_POLICY } from './helpers/policy.js';

const NOTE = `datasets/a.jsonl
  s_0123456789abcd::t_0123456789abcd 1-2
  h_fedcba98765432 3
"datasets/with space.jsonl"
  0123456789abcdef 1
src/tool.py
  s_0123456789abcd::t_aaaaaaaaaaaaaa 1-9
---
{"schema_version":"authorship/3.0.0","base_commit_sha":"x","prompts":{},"sessions":{"s_0123456789abcd":{"agent_id":{"tool":"claude","id":"c1","model":"claude-sonnet-5"}}}}
`;

describe('parseGitAiNote', () => {
  it('reads AI-attributed ranges per path, with the agent from the metadata; human ranges are not AI', () => {
    expect(parseGitAiNote(NOTE)).toEqual([
      { path: 'datasets/a.jsonl', ranges: '1-2', agent: 'claude', model: 'claude-sonnet-5' },
      { path: 'datasets/with space.jsonl', ranges: '1', agent: 'git-ai', model: null },
      { path: 'src/tool.py', ranges: '1-9', agent: 'claude', model: 'claude-sonnet-5' },
    ]);
  });

  it('attributes nothing for garbage', () => {
    expect(parseGitAiNote('not a note\n  nonsense here\n---\n{bad json')).toEqual([]);
  });
});

describe('git-ai notes in the gate', () => {
  function repoWithNote(): { repo: string; base: string } {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, '.cleanroom'));
    write(repo, '.cleanroom/policy.yaml', EXAMPLE_POLICY);
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'policy']);
    const base = git(repo, ['rev-parse', 'HEAD']);
    write(repo, 'datasets/a.jsonl', '1\n2\n3\n');
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'a human commit, as far as its message says']);
    git(repo, ['notes', '--ref=ai', 'add', '-m', NOTE, 'HEAD']);
    return { repo, base };
  }

  it('check --range flags the protected lines a note attributes to an AI', () => {
    const { repo, base } = repoWithNote();
    const r = cleanroom(repo, ['check', '--range', `${base}..HEAD`]);
    expect(r.stdout).toContain('recorded git-ai note (refs/notes/ai): lines 1-2 written by claude (claude-sonnet-5) at datasets/a.jsonl');
    expect(r.status).toBe(1);
  });

  it('the server rejects a push whose pushed notes attribute protected lines to an AI, and accepts it without them', () => {
    const { repo } = repoWithNote();
    const server = path.join(tempDir('git-ai-server'), 'server.git');
    git(path.dirname(server), ['init', '-q', '--bare', server]);
    fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(server, 'hooks', 'pre-receive'));
    const policy = path.join(path.dirname(server), 'policy.yaml');
    fs.writeFileSync(policy, EXAMPLE_POLICY);
    git(server, ['config', 'cleanroom.policy', policy]);
    git(repo, ['remote', 'add', 'origin', server]);

    const both = gitTry(repo, ['push', 'origin', 'main', 'refs/notes/ai:refs/notes/ai']);
    expect(both.stderr).toContain('git-ai note (refs/notes/ai): lines 1-2 written by claude');
    expect(both.status).not.toBe(0);
    expect(gitTry(server, ['rev-parse', '-q', '--verify', 'refs/heads/main']).stdout).toBe('');

    // Without the notes the server has no record of the AI's part (the local gate is where that lives).
    const plain = gitTry(repo, ['push', 'origin', 'main']);
    expect(plain.stderr).toContain('cleanroom pre-receive refs/heads/main: allowed');
    expect(plain.status).toBe(0);
  });
});
