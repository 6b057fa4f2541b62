/**
 * Issue 12, the surface an attacker reaches without a key: what a checkout shows through
 * symlinks, text printed to a terminal, `git am`, rejected pushes in the audit log, blobs of any
 * size, and a suite no child process can hang.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, git, gitTry, run, tempDir, write } from './helpers/git.js';
import { EXAMPLE_POLICY, gatedRepo } from './helpers/policy.js';
import { printable, printableBlock, quotePath } from '../src/report/escape.js';
import { shellQuote } from '../src/report/messages.js';

describe('no test can hang the suite', () => {
  it('kills a child that outlives its time and fails naming the command', () => {
    const dir = tempDir('hang');
    const started = Date.now();
    expect(() => run('sleep', ['30'], dir, cleanEnv(), undefined, 300)).toThrow(/sleep 30 did not finish within 0.3 s and was killed/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(() => git(dir, ['-c', 'alias.wait=!sleep 30', 'wait'], cleanEnv(), 300)).toThrow(/git -c alias.wait=!sleep 30 wait did not finish within 0.3 s/);
  });
});

/** Whatever a report prints, no byte of it may make a terminal act instead of print. */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('untrusted text is printed with its control characters escaped', () => {
  it('quotes as git does: C escapes, octal UTF-8 bytes, quotes only when something is unsafe', () => {
    expect(quotePath('datasets/plain name.json')).toBe('datasets/plain name.json');
    expect(quotePath('a"b\\c\td\x1b')).toBe('"a\\"b\\\\c\\td\\033"');
    expect(printable('x\x7fy\u0085z\u2066\r\n')).toBe('x\\177y\\302\\205z\\342\\201\\246\\r\\n');
    expect(printable('café ✓ 数据')).toBe('café ✓ 数据');
    expect(printableBlock('+line one\x1b[1A\n+\tline two\n')).toBe('+line one\\033[1A\n+\tline two\n');
    expect(shellQuote("it's\x1b")).toBe("$'it\\'s\\033'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('escapes a path, a trailer, an author name and a ref name the way git quotes a path', () => {
    const repo = gatedRepo();
    const path = 'datasets/a\x1b[2Jb\u202e.jsonl';
    write(repo, path, '1\n');
    git(repo, ['add', '-A']);
    const base = git(repo, ['rev-parse', 'HEAD']);
    // A trailer that carries a sequence setting the terminal's title, from an author whose name
    // hides the rest of the line.
    const assistant = cleanEnv({ GIT_AUTHOR_NAME: 'Ada\x1b[8m (aider)' });
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'data\n\nCo-authored-by: Claude\x1b]0;owned\x07 <noreply@anthropic.com>'], assistant);
    const r = cleanroom(repo, ['check', '--range', `${base}..HEAD`]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('"datasets/a\\033[2Jb\\342\\200\\256.jsonl" (added in commit');
    expect(r.stdout).toContain('identity author: Ada\\033[8m (aider) <ada@example.org>');
    expect(r.stdout).toContain('trailer Co-authored-by: Claude\\033]0;owned\\a <noreply@anthropic.com>');
    // The fix command still names the file when pasted into a shell.
    expect(r.stdout).toContain("cleanroom attest -- $'datasets/a\\033[2Jb\\342\\200\\256.jsonl'");

    // The same commit at pre-commit time, from an assistant's shell.
    git(repo, ['reset', '-q', '--soft', base]);
    const blocked = gitTry(repo, ['commit', '-q', '-m', 'data'], cleanEnv({ CLAUDECODE: '1' }));
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('"datasets/a\\033[2Jb\\342\\200\\256.jsonl" (added)');
    expect(blocked.stderr).not.toMatch(RAW_CONTROL);
  });

  it('escapes a ref name in the server report', () => {
    const bare = tempDir('bare');
    git(bare, ['init', '-q', '--bare', '-b', 'main']);
    const policy = path.join(tempDir('config'), 'policy.yaml');
    fs.writeFileSync(policy, EXAMPLE_POLICY);
    git(bare, ['config', 'cleanroom.policy', policy]);
    // git refuses such a ref name itself; the hook must not trust that every host does.
    const ref = 'refs/heads/x\x1b[2K\x9b1A';
    const r = cleanroom(bare, ['hook', 'pre-receive'], cleanEnv(), `${'1'.repeat(40)} ${'2'.repeat(40)} ${ref}\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refs/heads/x\\033[2K\\302\\2331A');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});
