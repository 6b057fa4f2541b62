/**
 * The shim asks git the first three questions of a commit hook while Node starts, and hands the
 * answers over on stdin: Node must believe them only from its own shim, ask again whatever is
 * missing or failed, and the shim must ask exactly what Node would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANDOFF_VAR, parseHandoff, PREFETCHED } from '../src/git/handoff.js';
import { STAGED_DIFF_ARGS } from '../src/git/plumbing.js';
import { GIT_VARS_ARGS, REPO_LOOKUP_ARGS } from '../src/git/repo.js';
import { ATTESTATION_DIR, POLICY_PATH } from '../src/layout.js';
import { CLI, cleanEnv, git, gitTry, HOOKS, installHooks, run, tempDir, write, type Run } from './helpers/git.js';
import { EXAMPLE_POLICY, gatedRepo, writePolicy } from './helpers/policy.js';

const human = cleanEnv();
const shim = fs.readFileSync(path.join(HOOKS, 'pre-commit'), 'utf8');

/** The git command lines a trace file records, as argument lists. */
function traced(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const m = /trace: (?:built-in|exec): git (.*)$/.exec(line);
      return m ? [m[1] as string] : [];
    });
}

describe('the shim asks what Node would', () => {
  it('runs exactly the repository lookup, git var, the committed policy read and the staged diff of src/, in that order', () => {
    const asked = [...shim.matchAll(/^\s*(.*git .*?) 2>\/dev\/null$/gm)].map((m) => m[1]);
    expect(asked).toEqual([
      `git ${REPO_LOOKUP_ARGS.join(' ')}`,
      `git ${GIT_VARS_ARGS.join(' ')}`,
      `printf '%s\\n' ${PREFETCHED.join(' ')} | git cat-file --batch`,
      `git ${STAGED_DIFF_ARGS.join(' ')}`,
    ]);
    expect(shim).toContain(`${HANDOFF_VAR}=$$`);
  });

  it('is the same script under every hook name', () => {
    for (const hook of fs.readdirSync(HOOKS)) expect(fs.readFileSync(path.join(HOOKS, hook), 'utf8')).toBe(shim);
  });
});

describe('parseHandoff', () => {
  const policyText = 'version: 1\n# a NUL \0 and a line break do not end it\n';
  const found = `1234567890123456789012345678901234567890 blob ${Buffer.byteLength(policyText)}\n${policyText}\nHEAD:${ATTESTATION_DIR} missing\n`;
  const frame = (lookup: string, lookupCode: number, vars: string, varsCode: number, diff: Buffer | string, diffCode: number, policy = found, policyCode = 0) =>
    Buffer.concat([Buffer.from(`${lookup}\0${lookupCode}\0${vars}\0${varsCode}\0${policy}\0${policyCode}\0`), Buffer.from(diff), Buffer.from(`${diffCode}\n`)]);

  it('splits the three answers, NULs of the diff included', () => {
    const diff = ':100644 100644 aaaa bbbb M\0datasets/a b.jsonl\0:000000 100644 0000 cccc A\0datasets/new\nline\0';
    const h = parseHandoff(frame('/r/.git\n/r/.git\nfalse\nsha1\n/r\n', 0, 'GIT_AUTHOR_IDENT=A <a@x> 1 +0000\n', 0, diff, 0));
    expect(h?.repoLookup).toEqual({ stdout: Buffer.from('/r/.git\n/r/.git\nfalse\nsha1\n/r\n'), stderr: '', status: 0 });
    expect(h?.gitVars.stdout.toString()).toBe('GIT_AUTHOR_IDENT=A <a@x> 1 +0000\n');
    expect(h?.stagedDiff).toEqual({ stdout: Buffer.from(diff), stderr: '', status: 0 });
    expect(h?.prefetched?.get(`HEAD:${POLICY_PATH}`)?.content.toString()).toBe(policyText);
    expect(h?.prefetched?.get(`HEAD:${POLICY_PATH}`)?.type).toBe('blob');
    expect(h?.prefetched?.get(`HEAD:${ATTESTATION_DIR}`)).toBeNull();
  });

  it('tells a missing object (null) from objects git could not read (none at all)', () => {
    const missing = `HEAD:${POLICY_PATH} missing\nHEAD:${ATTESTATION_DIR} missing\n`;
    expect(parseHandoff(frame('', 0, '', 0, '', 0, missing))?.prefetched).toEqual(new Map(PREFETCHED.map((name) => [name, null])));
    expect(parseHandoff(frame('', 0, '', 0, '', 0, '', 128))?.prefetched).toBeUndefined();
    expect(parseHandoff(frame('', 0, '', 0, '', 0, '', 0))?.prefetched).toBeUndefined();
    expect(parseHandoff(frame('', 0, '', 0, '', 0, `HEAD:${POLICY_PATH} missing\n`, 128))?.prefetched).toBeUndefined();
  });

  it('keeps each exit code, and an empty diff is empty', () => {
    const h = parseHandoff(frame('', 128, '', 0, '', 128));
    expect([h?.repoLookup.status, h?.gitVars.status, h?.stagedDiff.status]).toEqual([128, 0, 128]);
    expect(h?.stagedDiff.stdout.length).toBe(0);
  });

  it('refuses anything cut short or garbled', () => {
    const whole = frame('/r/.git\n', 0, 'x=y\n', 0, ':100644 100644 a b M\0p\0', 0);
    // A policy longer than it says, or shorter.
    expect(parseHandoff(frame('', 0, '', 0, '', 0, found.replace(' blob ', ' blob 1')))).toBeNull();
    expect(parseHandoff(frame('', 0, '', 0, '', 0, found.replace(/blob \d+/, 'blob 3')))).toBeNull();
    for (let cut = 0; cut < whole.length; cut++) expect(parseHandoff(whole.subarray(0, cut))).toBeNull();
    expect(parseHandoff(frame('/r/.git\n', 0, 'x=y\n', 0, ':100644 100644 a b M\0p', 0))).toBeNull();
    expect(parseHandoff(Buffer.from('/r/.git\n\0zero\0x=y\n\x000\x000\n'))).toBeNull();
  });
});

/** `git commit` with GIT_TRACE on: its result, and the git commands it and its hooks ran. */
function tracedCommit(repo: string, message: string, extra: Record<string, string> = {}): { run: Run; calls: string[] } {
  const trace = path.join(tempDir('trace'), 'git.trace');
  const result = gitTry(repo, ['commit', '-m', message], cleanEnv({ GIT_TRACE: trace, ...extra }));
  return { run: result, calls: traced(trace) };
}

describe('a commit through the shim', () => {
  it('asks git each question once: Node uses the answers the shim got', () => {
    // No markers: nothing but the policy needs an object read.
    const repo = gatedRepo(EXAMPLE_POLICY.replace('markers: ["CANARY-[0-9]+"]', 'markers: []'));
    write(repo, 'datasets/rows.jsonl', '{"row": 1}\n');
    git(repo, ['add', '.']);
    const { run: r, calls } = tracedCommit(repo, 'rows');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('cleanroom pre-commit: allowed');
    // Three hooks (pre-commit, prepare-commit-msg, commit-msg), each asking once.
    for (const args of [REPO_LOOKUP_ARGS, GIT_VARS_ARGS, STAGED_DIFF_ARGS]) expect(calls.filter((c) => c === args.join(' '))).toHaveLength(3);
    // The policy came with the handoff too: the shim's object readers are the only ones.
    expect(calls.filter((c) => c === 'cat-file --batch')).toHaveLength(3);

    // An assistant's commit needs reviews, and HEAD's attestations folder came along (empty here).
    write(repo, 'datasets/more.jsonl', '{"row": 2}\n');
    git(repo, ['add', '.']);
    const agent = tracedCommit(repo, 'more rows', { CLAUDECODE: '1' });
    expect(agent.run.status).toBe(1);
    expect(agent.run.stderr).toContain('datasets/more.jsonl (added)');
    expect(agent.calls.filter((c) => c === 'cat-file --batch')).toHaveLength(1);
  });

  it('hands over a staged diff larger than a pipe holds (read while the shim still writes)', () => {
    const repo = gatedRepo();
    // ~135 bytes a record: 700 staged files make a diff of ~95 KB, past a pipe's 64 KB.
    for (let i = 0; i < 700; i++) write(repo, `datasets/batch/a-rather-long-file-name-for-the-diff-${i}.jsonl`, `{"row": ${i}}\n`);
    write(repo, 'datasets/batch/leak.jsonl', '{"note": "CANARY-9"}\n');
    git(repo, ['add', '.']);
    const { run: r, calls } = tracedCommit(repo, 'many rows');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('checked 701 staged paths, 701 protected');
    expect(r.stderr).toContain('datasets/batch/leak.jsonl:1');
    // The handoff was whole: Node did not have to diff again.
    expect(calls.filter((c) => c === STAGED_DIFF_ARGS.join(' '))).toHaveLength(1);
  });

  it('without the shim, the launcher reads the committed policy early and the engine takes that read', () => {
    const repo = gatedRepo();
    write(repo, 'datasets/rows.jsonl', '{"note": "CANARY-3"}\n');
    // The working tree's policy differs from HEAD's: only the committed one may judge.
    write(repo, '.cleanroom/policy.yaml', EXAMPLE_POLICY.replace('markers: ["CANARY-[0-9]+"]', 'markers: []'));
    git(repo, ['add', 'datasets']);
    const r = run(process.execPath, [CLI, 'hook', 'pre-commit'], repo, human);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('policy .cleanroom/policy.yaml@HEAD');
    expect(r.stderr).toContain('datasets/rows.jsonl:1');
  });

  it('on an unborn branch, where the shim cannot diff against HEAD, still judges the first commit', () => {
    const repo = tempDir('unborn');
    git(repo, ['init', '-q', '-b', 'main']);
    writePolicy(repo);
    write(repo, 'datasets/rows.jsonl', '{"note": "CANARY-1"}\n');
    installHooks(repo);
    git(repo, ['add', '.']);
    const r = gitTry(repo, ['commit', '-m', 'first'], human);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('datasets/rows.jsonl:1');
  });

  it("is ignored by a process that is not the shim's own child, whatever its stdin holds", () => {
    const repo = gatedRepo();
    write(repo, 'datasets/rows.jsonl', '{"note": "CANARY-2"}\n');
    git(repo, ['add', '.']);
    // A lookup naming another repository, no policy and an empty diff: believed, they would let the commit through.
    const forged = `/elsewhere/.git\0${0}\0\0${0}\0HEAD:${POLICY_PATH} missing\nHEAD:${ATTESTATION_DIR} missing\n\0${0}\0${0}\n`;
    const r = run(process.execPath, [CLI, 'hook', 'pre-commit'], repo, cleanEnv({ [HANDOFF_VAR]: String(process.ppid) }), forged);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('datasets/rows.jsonl:1');
  });
});
