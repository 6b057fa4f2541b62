/**
 * The server gate with real pushes: bare repositories with hooks/pre-receive symlinked in, the
 * policy and allowed_signers in a folder outside the repository (git config cleanroom.policy),
 * pushed to over file:// and over `git daemon` on 127.0.0.1 with receive-pack enabled.
 * Every scenario asserts the push's exit status, where the server's refs are afterwards, and
 * what the pusher was told.
 */
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, fixtureCopy, git, gitTry, HOOKS, initRepo, tempDir, write, type Run, CHILD_TIMEOUT_MS } from './helpers/git.js';
import { EXAMPLE_POLICY } from './helpers/policy.js';

const keys = tempDir('keys');
function makeKey(name: string): { key: string; line: string } {
  const key = path.join(keys, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS });
  const pub = fs.readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { key, line: `${name}@example.org namespaces="cleanroom-review-v1" ${pub}` };
}
const alice = makeKey('alice');
const mallory = makeKey('mallory');

const human = cleanEnv();
const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const STACK = /^\s+at .*:\d+:\d+\)?$/m;
const ZERO = '0'.repeat(40);

/** Where every server repository lives: also the base path git daemon exports. */
const serverRoot = tempDir('served');

/**
 * The history every server starts with, pushed before the hook exists: main has the repository's
 * policy and an allowed_signers naming alice; legacy has an assistant's unreviewed dataset file.
 */
const seed = initRepo();
write(seed, '.cleanroom/policy.yaml', EXAMPLE_POLICY);
write(seed, '.cleanroom/allowed_signers', `${alice.line}\n`);
git(seed, ['add', '-A']);
git(seed, ['commit', '-q', '-m', 'policy and reviewers']);
git(seed, ['checkout', '-q', '-b', 'legacy']);
write(seed, 'datasets/legacy.jsonl', '{"old": true}\n');
git(seed, ['add', '-A']);
git(seed, ['commit', '-q', '-m', `legacy data\n\n${TRAILER}`]);
git(seed, ['checkout', '-q', 'main']);
const LEGACY = git(seed, ['rev-parse', 'legacy']);

interface Server {
  readonly name: string;
  readonly bare: string;
  readonly url: string;
  readonly policyFile: string;
  readonly auditLog: string;
}

let serial = 0;
function makeServer(opts: { policy?: string | null; signers?: string[] | null } = {}): Server {
  const name = `srv${++serial}`;
  const bare = path.join(serverRoot, `${name}.git`);
  const pushed = fixtureCopy('seeded', (dir) => {
    git(seed, ['init', '-q', '--bare', '-b', 'main', dir]);
    git(seed, ['push', '-q', `file://${dir}`, 'main', 'legacy']);
  });
  fs.renameSync(pushed, bare);
  // The server's own policy folder, outside the repository.
  const config = tempDir('server-config');
  const policyFile = path.join(config, 'policy.yaml');
  const auditLog = path.join(config, 'audit.jsonl');
  if (opts.policy !== null) fs.writeFileSync(policyFile, opts.policy ?? EXAMPLE_POLICY);
  if (opts.signers !== null) fs.writeFileSync(path.join(config, 'allowed_signers'), `${(opts.signers ?? [alice.line]).join('\n')}\n`);
  fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
  if (opts.policy !== null) git(bare, ['config', 'cleanroom.policy', policyFile]);
  git(bare, ['config', 'cleanroom.auditLog', auditLog]);
  return { name, bare, url: `file://${bare}`, policyFile, auditLog };
}

/**
 * A client of `server`. Every server starts as a copy of the same seeded repository, so a clone
 * over file:// is made once per file and copied, then pointed at its own server; over any other
 * transport (git daemon) it is a real clone each time.
 */
function clone(server: Server, url = server.url): string {
  if (url !== server.url) {
    const dir = tempDir('client');
    git(dir, ['clone', '-q', url, '.']);
    return dir;
  }
  const dir = fixtureCopy('client', (template) => git(template, ['clone', '-q', url, '.']), 'client');
  git(dir, ['remote', 'set-url', 'origin', url]);
  return dir;
}

/** Writes (or, for null, deletes) files, stages everything and commits; returns the commit. */
function commit(repo: string, files: Record<string, string | null>, subject: string, opts: { assistant?: boolean } = {}): string {
  for (const [file, content] of Object.entries(files)) {
    if (content === null) fs.rmSync(path.join(repo, file));
    else write(repo, file, content);
  }
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '--allow-empty', '-m', opts.assistant ? `${subject}\n\n${TRAILER}` : subject]);
  return git(repo, ['rev-parse', 'HEAD']);
}

function attest(repo: string, who: { key: string }, principal: string, extra: string[] = [], env = human): void {
  const r = cleanroom(repo, ['attest', '--yes', '--key', who.key, '--reviewer', principal, ...extra], env);
  expect(r.stderr + r.stdout).toContain(`signed by ${principal}`);
  expect(r.status).toBe(0);
}

const push = (repo: string, args: string[], env = human): Run => gitTry(repo, ['push', ...args], env);
/** The server's ref, or null when it does not exist. */
function refOf(server: Server, ref: string): string | null {
  const r = gitTry(server.bare, ['rev-parse', '--verify', '-q', ref]);
  return r.status === 0 ? r.stdout.trim() : null;
}

interface AuditEntry {
  ref: string;
  old: string;
  new: string;
  verdict: string;
  push: string;
  checked: { commits: number };
}
function auditOf(server: Server): AuditEntry[] {
  if (!fs.existsSync(server.auditLog)) return [];
  return fs
    .readFileSync(server.auditLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry);
}

/** The hook run by hand, as git runs it: in the bare repository, GIT_DIR=., updates on stdin. */
function runHook(server: Server, input: string, extra: Record<string, string> = {}): Run {
  return cleanroom(server.bare, ['hook', 'pre-receive'], cleanEnv({ GIT_DIR: '.', ...extra }), input);
}

describe('pre-receive over file://', () => {
  it('rejects unattested assistant content and leaves the refs where they were', () => {
    const server = makeServer();
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    const bad = commit(client, { 'datasets/a.jsonl': '{"q": 1}\n' }, 'add data', { assistant: true });
    const r = push(client, ['origin', 'main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('remote: cleanroom pre-receive refs/heads/main: blocked: 1 protected change needs a human review');
    expect(r.stderr).toContain(`datasets/a.jsonl (added in commit ${bad.slice(0, 12)})`);
    expect(r.stderr).toContain(`trailer ${TRAILER}`);
    expect(r.stderr).toContain(`policy ${server.policyFile}`);
    expect(r.stderr).toContain('the push is rejected as a whole; no ref was updated');
    expect(r.stderr).toContain('[remote rejected] main -> main (pre-receive hook declined)');
    expect(refOf(server, 'refs/heads/main')).toBe(before);
    expect(gitTry(server.bare, ['cat-file', '-e', bad]).status).not.toBe(0);
    const [entry, ...more] = auditOf(server);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ ref: 'refs/heads/main', old: before, new: bad, verdict: 'blocked', push: 'rejected' });
  });

  it('rejects a content marker a human commit adds', () => {
    const server = makeServer();
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    commit(client, { 'datasets/m.jsonl': '{"canary": "CANARY-42"}\n' }, 'add data');
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain('CANARY-42');
    expect(r.stderr).toContain('refs/heads/main: blocked');
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);
  });

  it('accepts attested assistant content, and a review committed after the assistant commit', () => {
    const server = makeServer();
    const client = clone(server);
    write(client, 'datasets/a.jsonl', '{"q": 1}\n');
    git(client, ['add', '-A']);
    attest(client, alice, 'alice@example.org');
    const together = commit(client, {}, 'reviewed data', { assistant: true });
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain('refs/heads/main: allowed');
    expect(r.stderr).toContain('reviewed: datasets/a.jsonl');
    expect(r.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(together);

    // The assistant's commit alone is rejected; the human's review on top of it lets both in.
    const assisted = commit(client, { 'benchmarks/t1.md': 'task\n' }, 'add task', { assistant: true });
    const alone = push(client, ['origin', 'main']);
    expect(alone.stderr).toContain(`benchmarks/t1.md (added in commit ${assisted.slice(0, 12)})`);
    expect(alone.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(together);
    attest(client, alice, 'alice@example.org', ['benchmarks/t1.md']);
    const review = commit(client, {}, 'review the task');
    const both = push(client, ['origin', 'main']);
    expect(both.stderr).toContain('refs/heads/main: allowed');
    expect(both.stderr).toMatch(/reviewed: benchmarks\/t1\.md in commit [0-9a-f]{12}/);
    expect(both.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(review);
    expect(auditOf(server).map((e) => [e.verdict, e.push])).toEqual([
      ['allowed', 'accepted'],
      ['blocked', 'rejected'],
      ['allowed', 'accepted'],
    ]);
  });

  it('judges a new branch on its own commits only, not on server commits it starts from', () => {
    const server = makeServer();
    const client = clone(server);
    // legacy's assistant commit reached the server before the gate existed.
    git(client, ['checkout', '-q', '-b', 'topic', 'origin/legacy']);
    const clean = commit(client, { 'docs/notes.md': 'notes\n' }, 'notes');
    const ok = push(client, ['origin', 'topic']);
    expect(ok.stderr).toContain('refs/heads/topic: allowed (checked 1 path in 1 commit, 0 protected');
    expect(ok.status).toBe(0);
    expect(refOf(server, 'refs/heads/topic')).toBe(clean);
    expect(auditOf(server)).toMatchObject([{ ref: 'refs/heads/topic', old: ZERO, new: clean, verdict: 'allowed', checked: { commits: 1 } }]);

    git(client, ['checkout', '-q', '-b', 'topic2', 'origin/main']);
    commit(client, { 'datasets/new.jsonl': '2\n' }, 'data', { assistant: true });
    const bad = push(client, ['origin', 'topic2']);
    expect(bad.stderr).toContain('refs/heads/topic2: blocked');
    expect(bad.stderr).toContain('[remote rejected] topic2 -> topic2 (pre-receive hook declined)');
    expect(bad.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/topic2')).toBeNull();
  });

  it("judges commits that only a host-written ref reaches (a fork's pull request) as new", () => {
    const server = makeServer();
    const client = clone(server);
    const forked = commit(client, { 'datasets/fork.jsonl': '1\n' }, 'from a fork', { assistant: true });
    // What GitHub does when a fork opens a pull request: it writes refs/pull/N/head itself,
    // without running any hook.
    git(server.bare, ['fetch', '-q', client, `${forked}:refs/pull/1/head`]);
    expect(refOf(server, 'refs/pull/1/head')).toBe(forked);
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain('refs/heads/main: blocked');
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).not.toBe(forked);
  });

  it('judges tags: a tag bringing assistant content is rejected, one on a server commit accepted', () => {
    const server = makeServer();
    const client = clone(server);
    const bad = commit(client, { 'datasets/t.jsonl': '1\n' }, 'data', { assistant: true });
    git(client, ['tag', 'light', bad]);
    git(client, ['tag', '-a', '-m', 'annotated', 'heavy', bad]);
    git(client, ['tag', '-a', '-m', 'old release', 'old', LEGACY]);
    const light = push(client, ['origin', 'refs/tags/light']);
    expect(light.stderr).toContain('refs/tags/light: blocked');
    expect(light.stderr).toContain('[remote rejected] light -> light (pre-receive hook declined)');
    expect(light.status).not.toBe(0);
    const heavy = push(client, ['origin', 'refs/tags/heavy']);
    expect(heavy.stderr).toContain(`refs/tags/heavy: blocked`);
    expect(heavy.stderr).toContain(`datasets/t.jsonl (added in commit ${bad.slice(0, 12)})`);
    expect(heavy.status).not.toBe(0);
    expect(refOf(server, 'refs/tags/light')).toBeNull();
    expect(refOf(server, 'refs/tags/heavy')).toBeNull();
    const old = push(client, ['origin', 'refs/tags/old']);
    expect(old.stderr).toContain('refs/tags/old: allowed (checked 0 paths');
    expect(old.status).toBe(0);
    expect(refOf(server, 'refs/tags/old')).toBe(git(client, ['rev-parse', 'refs/tags/old']));
  });

  it('judges a force push on its new commits only', () => {
    const server = makeServer();
    const client = clone(server);
    // Rewrite legacy (whose old tip is an assistant's commit) onto main with one clean commit.
    git(client, ['checkout', '-q', '-b', 'legacy', 'origin/main']);
    const rewritten = commit(client, { 'docs/legacy.md': 'moved\n' }, 'rewrite legacy');
    const ok = push(client, ['--force', 'origin', 'legacy']);
    expect(ok.stderr).toContain('refs/heads/legacy: allowed (checked 1 path in 1 commit, 0 protected');
    expect(ok.stderr).toContain('legacy -> legacy (forced update)');
    expect(ok.status).toBe(0);
    expect(refOf(server, 'refs/heads/legacy')).toBe(rewritten);

    // A forced rewrite of main that brings an assistant's content is rejected.
    git(client, ['checkout', '-q', 'main']);
    const before = refOf(server, 'refs/heads/main');
    git(client, ['commit', '-q', '--amend', '-m', `policy and reviewers, again\n\n${TRAILER}`]);
    commit(client, { 'datasets/forced.jsonl': '1\n' }, 'data', { assistant: true });
    const forced = push(client, ['--force', 'origin', 'main']);
    expect(forced.stderr).toContain('refs/heads/main: blocked');
    expect(forced.stderr).toContain('datasets/forced.jsonl');
    expect(forced.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);
  });

  it('accepts a deletion, even of a branch holding assistant content, and audits it', () => {
    const server = makeServer();
    const client = clone(server);
    const r = push(client, ['origin', ':legacy']);
    expect(r.stderr).toContain('remote: cleanroom pre-receive refs/heads/legacy: allowed (deleted; a deletion brings no content)');
    expect(r.stderr).toContain('[deleted]');
    expect(r.status).toBe(0);
    expect(refOf(server, 'refs/heads/legacy')).toBeNull();
    expect(auditOf(server)).toMatchObject([{ ref: 'refs/heads/legacy', old: LEGACY, new: ZERO, verdict: 'allowed', push: 'accepted' }]);
  });

  it('rejects a push of several refs as a whole when one of them is bad', () => {
    const server = makeServer();
    const client = clone(server);
    const main = refOf(server, 'refs/heads/main');
    git(client, ['checkout', '-q', '-b', 'good']);
    commit(client, { 'docs/a.md': 'a\n' }, 'docs');
    git(client, ['checkout', '-q', '-b', 'bad', 'origin/main']);
    commit(client, { 'datasets/b.jsonl': 'b\n' }, 'data', { assistant: true });
    git(client, ['checkout', '-q', 'main']);
    const clean = commit(client, { 'docs/c.md': 'c\n' }, 'more docs');
    const r = push(client, ['origin', 'good', 'bad', 'main']);
    expect(r.stderr).toContain('refs/heads/good: allowed');
    expect(r.stderr).toContain('refs/heads/main: allowed');
    expect(r.stderr).toContain('refs/heads/bad: blocked');
    expect(r.stderr).toContain('the push is rejected as a whole; no ref was updated');
    for (const ref of ['good', 'bad', 'main']) expect(r.stderr).toContain(`[remote rejected] ${ref} -> ${ref} (pre-receive hook declined)`);
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/good')).toBeNull();
    expect(refOf(server, 'refs/heads/bad')).toBeNull();
    expect(refOf(server, 'refs/heads/main')).toBe(main);
    const audit = auditOf(server);
    expect(audit.map((e) => [e.ref, e.verdict, e.push]).sort()).toEqual([
      ['refs/heads/bad', 'blocked', 'rejected'],
      ['refs/heads/good', 'allowed', 'rejected'],
      ['refs/heads/main', 'allowed', 'rejected'],
    ]);
    // Without the bad ref the rest goes in.
    const rest = push(client, ['origin', 'good', 'main']);
    expect(rest.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(clean);
  });

  it('rejects assistant content added and removed again within one push: it is in the history', () => {
    const server = makeServer();
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    const added = commit(client, { 'datasets/gone.jsonl': 'secret\n' }, 'add', { assistant: true });
    commit(client, { 'datasets/gone.jsonl': null }, 'remove again');
    expect(gitTry(client, ['cat-file', '-e', 'HEAD:datasets/gone.jsonl']).status).not.toBe(0);
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain(`datasets/gone.jsonl (added in commit ${added.slice(0, 12)})`);
    expect(r.stderr).toContain('(checked 2 paths in 2 commits, 1 protected');
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);
  });

  it("judges by the server's policy, not one the push brings", () => {
    const server = makeServer();
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    // A human unprotects everything in the repository's policy, then the assistant adds data.
    commit(client, { '.cleanroom/policy.yaml': EXAMPLE_POLICY.replace(/protect:\n(?: {2}.*\n)+/, 'protect: []\n') }, 'relax the policy');
    commit(client, { 'datasets/a.jsonl': '1\n' }, 'data', { assistant: true });
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain('datasets/a.jsonl (added in commit');
    expect(r.stderr).toContain(`datasets/** requires review-if-assistant (${server.policyFile}:`);
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);

    // The assistant editing the policy itself is stopped by the built-in rule.
    git(client, ['reset', '-q', '--hard', 'origin/main']);
    commit(client, { '.cleanroom/policy.yaml': 'version: 1\nprotect: []\n' }, 'simplify policy', { assistant: true });
    const self = push(client, ['origin', 'main']);
    expect(self.stderr).toContain('.cleanroom/policy.yaml (modified in commit');
    expect(self.stderr).toContain('.cleanroom/** requires review-if-assistant (built in: the policy folder is always protected)');
    expect(self.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);
  });

  it("counts only the server's allowed_signers: a push cannot bring its own reviewers", () => {
    const server = makeServer();
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    // The push names mallory as a reviewer in the repository, and mallory signs.
    commit(client, { '.cleanroom/allowed_signers': `${mallory.line}\n` }, 'new reviewer');
    write(client, 'datasets/a.jsonl', '1\n');
    git(client, ['add', '-A']);
    attest(client, mallory, 'mallory@example.org');
    commit(client, {}, 'data', { assistant: true });
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toMatch(/attestation \.cleanroom\/attestations\/[0-9a-f]{16}\.dsse\.json does not count/);
    expect(r.stderr).toContain('refs/heads/main: blocked');
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);

    // alice is in the server's file (beside its policy), whatever the repository's file says;
    // attest checks the signer against the policy it is given, here the server's.
    git(client, ['reset', '-q', '--hard', 'HEAD~1']);
    write(client, 'datasets/a.jsonl', '1\n');
    git(client, ['add', '-A']);
    attest(client, alice, 'alice@example.org', [], cleanEnv({ CLEANROOM_POLICY: server.policyFile }));
    const tip = commit(client, {}, 'data', { assistant: true });
    const ok = push(client, ['origin', 'main']);
    expect(ok.stderr).toContain('reviewed: datasets/a.jsonl');
    expect(ok.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(tip);
  });

  it('judges a merge on what differs from every parent: an evil merge is rejected', () => {
    const server = makeServer();
    const client = clone(server);
    git(client, ['checkout', '-q', '-b', 'side']);
    commit(client, { 'datasets/human.jsonl': 'by hand\n' }, 'human data');
    git(client, ['checkout', '-q', 'main']);
    commit(client, { 'README.md': 'main moves\n' }, 'main moves');
    const base = git(client, ['rev-parse', 'HEAD']);
    git(client, ['merge', '-q', '--no-ff', '--no-commit', 'side']);
    write(client, 'datasets/evil.jsonl', 'slipped in\n');
    git(client, ['add', '-A']);
    git(client, ['commit', '-q', '-m', `Merge side\n\n${TRAILER}`]);
    const evil = git(client, ['rev-parse', 'HEAD']);
    const before = refOf(server, 'refs/heads/main');
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain(`datasets/evil.jsonl (added in commit ${evil.slice(0, 12)})`);
    expect(r.stderr).not.toContain('datasets/human.jsonl (added');
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);

    // The same merge without the extra file brings only what its side branch was judged on.
    git(client, ['reset', '-q', '--hard', base]);
    git(client, ['merge', '-q', '--no-ff', '-m', `Merge side\n\n${TRAILER}`, 'side']);
    const merge = git(client, ['rev-parse', 'HEAD']);
    const ok = push(client, ['origin', 'main']);
    expect(ok.stderr).toContain('refs/heads/main: allowed');
    expect(ok.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(merge);
  });

  it('runs from a wrapper that sets the policy and audit log in the environment (the GitLab and GHES recipe)', () => {
    const server = makeServer();
    const config = path.dirname(server.policyFile);
    // No git config at all: a global hook cannot rely on per-repository settings.
    git(server.bare, ['config', '--unset', 'cleanroom.policy']);
    git(server.bare, ['config', '--unset', 'cleanroom.auditLog']);
    // A copied shim (it finds cleanroom through CLEANROOM_HOME), called by docs/server.md's wrapper.
    const shim = path.join(config, 'pre-receive');
    fs.copyFileSync(path.join(HOOKS, 'pre-receive'), shim);
    fs.chmodSync(shim, 0o755);
    const audit = path.join(config, 'wrapped-audit.jsonl');
    const hook = path.join(server.bare, 'hooks', 'pre-receive');
    fs.rmSync(hook);
    fs.writeFileSync(
      hook,
      [
        '#!/bin/sh',
        `export CLEANROOM_HOME='${path.dirname(HOOKS)}'`,
        `export CLEANROOM_POLICY='${server.policyFile}'`,
        'n=${GIT_CONFIG_COUNT:-0}',
        'export "GIT_CONFIG_KEY_$n=cleanroom.auditLog"',
        `export "GIT_CONFIG_VALUE_$n=${audit}"`,
        'export GIT_CONFIG_COUNT=$((n + 1))',
        `exec '${shim}'`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    commit(client, { 'datasets/a.jsonl': '1\n' }, 'data', { assistant: true });
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain(`refs/heads/main: blocked: 1 protected change needs a human review (checked 1 path in 1 commit, 1 protected; policy ${server.policyFile})`);
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);
    git(client, ['reset', '-q', '--hard', 'origin/main']);
    const clean = commit(client, { 'docs/a.md': 'a\n' }, 'docs');
    const ok = push(client, ['origin', 'main']);
    expect(ok.stderr).toContain('refs/heads/main: allowed');
    expect(ok.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(clean);
    expect(auditOf({ ...server, auditLog: audit }).map((e) => [e.verdict, e.push])).toEqual([
      ['blocked', 'rejected'],
      ['allowed', 'accepted'],
    ]);
  });

  it('ignores push options', () => {
    const server = makeServer();
    git(server.bare, ['config', 'receive.advertisePushOptions', 'true']);
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    commit(client, { 'datasets/a.jsonl': '1\n' }, 'data', { assistant: true });
    const r = push(client, ['-o', 'cleanroom.skip=1', '-o', 'ci.skip', 'origin', 'main']);
    expect(r.stderr).toContain('refs/heads/main: blocked');
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);
    // The server took the options (a server that does not advertise them fails the push).
    git(client, ['reset', '-q', '--hard', 'origin/main']);
    const clean = commit(client, { 'docs/a.md': 'a\n' }, 'docs');
    const ok = push(client, ['-o', 'cleanroom.skip=1', 'origin', 'main']);
    expect(ok.stderr).toContain('refs/heads/main: allowed');
    expect(ok.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(clean);
  });
});

describe('pre-receive in a SHA-256 repository', () => {
  it('reads 64-digit updates and judges them the same way', () => {
    const client = initRepo(['--object-format=sha256']);
    const bare = path.join(serverRoot, 'sha256.git');
    git(serverRoot, ['init', '-q', '--bare', '--object-format=sha256', '-b', 'main', bare]);
    git(client, ['push', '-q', `file://${bare}`, 'main']);
    const config = tempDir('server-config');
    fs.writeFileSync(path.join(config, 'policy.yaml'), EXAMPLE_POLICY);
    fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
    git(bare, ['config', 'cleanroom.policy', path.join(config, 'policy.yaml')]);
    const server: Server = { name: 'sha256', bare, url: `file://${bare}`, policyFile: path.join(config, 'policy.yaml'), auditLog: path.join(config, 'audit.jsonl') };
    git(bare, ['config', 'cleanroom.auditLog', server.auditLog]);
    const before = refOf(server, 'refs/heads/main');
    expect(before).toMatch(/^[0-9a-f]{64}$/);

    const bad = commit(client, { 'datasets/a.jsonl': '1\n' }, 'data', { assistant: true });
    const r = push(client, [server.url, 'main']);
    expect(r.stderr).toContain(`datasets/a.jsonl (added in commit ${bad.slice(0, 12)})`);
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);

    git(client, ['reset', '-q', '--hard', 'HEAD~1']);
    const clean = commit(client, { 'datasets/a.jsonl': '1\n' }, 'human data');
    const ok = push(client, [server.url, 'main']);
    expect(ok.stderr).toContain('refs/heads/main: allowed (checked 1 path in 1 commit, 1 protected');
    expect(ok.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(clean);
    expect(auditOf(server).map((e) => [e.old, e.new, e.verdict])).toEqual([
      [before, bad, 'blocked'],
      [before, clean, 'allowed'],
    ]);
  });
});

describe('pre-receive fails closed', () => {
  it('rejects every push while the server has no policy, whatever the pushed tree holds', () => {
    const server = makeServer({ policy: null });
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    commit(client, { 'docs/a.md': 'a\n' }, 'docs');
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain('remote: cleanroom pre-receive: error: no server policy for');
    expect(r.stderr).toContain('git config cleanroom.policy /path/to/policy.yaml');
    expect(r.stderr).toContain('cleanroom fails closed when it cannot judge a push');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);
  });

  it('rejects with a message, never a stack trace, when the server policy cannot be read', () => {
    const cases: [string, (s: Server) => void, RegExp][] = [
      ['missing', (s) => fs.rmSync(s.policyFile), /policy\.yaml: policy file not found/],
      ['a folder', (s) => (fs.rmSync(s.policyFile), fs.mkdirSync(s.policyFile)), /policy\.yaml: cannot read the policy \(EISDIR\)/],
      ['invalid', (s) => fs.writeFileSync(s.policyFile, 'version: 1\nprotect: nope\n'), /policy\.yaml:2:\d+: /],
      ['not YAML', (s) => fs.writeFileSync(s.policyFile, 'version: [1\n'), /policy\.yaml:\d+:\d+: /],
      [
        'an audit log in a missing folder',
        (s) => git(s.bare, ['config', 'cleanroom.auditLog', path.join(s.policyFile, 'nowhere', 'audit.jsonl')]),
        /error: cannot append to the audit log .*audit\.jsonl \(ENOTDIR\)/,
      ],
    ];
    for (const [label, breakIt, message] of cases) {
      const server = makeServer();
      breakIt(server);
      const client = clone(server);
      const before = refOf(server, 'refs/heads/main');
      commit(client, { 'docs/a.md': 'a\n' }, 'docs');
      const r = push(client, ['origin', 'main']);
      expect(r.stderr, label).toMatch(message);
      expect(r.stderr, label).toContain('cleanroom fails closed when it cannot judge a push');
      expect(r.stderr, label).not.toMatch(STACK);
      expect(r.status, label).not.toBe(0);
      expect(refOf(server, 'refs/heads/main'), label).toBe(before);
    }
  });

  it("rejects an attested push when the server's allowed_signers is missing", () => {
    const server = makeServer({ signers: null });
    const client = clone(server);
    const before = refOf(server, 'refs/heads/main');
    write(client, 'datasets/a.jsonl', '1\n');
    git(client, ['add', '-A']);
    attest(client, alice, 'alice@example.org');
    commit(client, {}, 'data', { assistant: true });
    const r = push(client, ['origin', 'main']);
    expect(r.stderr).toContain(`${path.join(path.dirname(server.policyFile), 'allowed_signers')}: the policy's allowed_signers file does not exist`);
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);
  });

  it('rejects garbage on stdin', () => {
    const server = makeServer();
    const main = refOf(server, 'refs/heads/main') ?? '';
    for (const input of ['hello world\n', `${main} ${main}\n`, `${main} ${main} refs/heads/main\nnot an update\n`, `${main.slice(0, 39)} ${main} refs/heads/main\n`]) {
      const r = runHook(server, input);
      expect(r.stderr, input).toMatch(/cleanroom pre-receive: error: pre-receive: line \d of the input is not "<old> <new> <ref>"/);
      expect(r.stderr, input).toContain('the push is rejected');
      expect(r.stderr, input).not.toMatch(STACK);
      expect(r.status, input).toBe(2);
    }
    // An update to an object that is not a commit.
    const tree = git(server.bare, ['rev-parse', 'main^{tree}']);
    const r = runHook(server, `${main} ${tree} refs/heads/main\n`);
    expect(r.stderr).toContain('is not a commit (or a tag of one)');
    expect(r.status).toBe(2);
    expect(refOf(server, 'refs/heads/main')).toBe(main);
  });
});

describe('pre-receive on GitLab', () => {
  it('prefixes every line of a rejection with GL-HOOK-ERR when GL_ID is set', () => {
    const server = makeServer();
    const client = clone(server);
    const main = refOf(server, 'refs/heads/main') ?? '';
    const bad = commit(client, { 'datasets/a.jsonl': '1\n' }, 'data', { assistant: true });
    // The objects are on the server (as in git's quarantine), no ref reaches them.
    git(server.bare, ['fetch', '-q', `file://${client}`, 'main']);
    const gitlab = { GL_ID: 'user-1', GL_USERNAME: 'ada' };

    const blocked = runHook(server, `${main} ${bad} refs/heads/main\n`, gitlab);
    expect(blocked.status).toBe(1);
    const lines = blocked.stderr.replace(/\n$/, '').split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/^GL-HOOK-ERR: /);
    expect(blocked.stderr).toContain('GL-HOOK-ERR: cleanroom pre-receive refs/heads/main: blocked');
    expect(blocked.stderr).toContain('GL-HOOK-ERR: cleanroom: the push is rejected as a whole');
    expect(auditOf(server)).toMatchObject([{ ref: 'refs/heads/main', verdict: 'blocked', pusher: 'ada' }]);

    const error = runHook(server, 'garbage\n', gitlab);
    expect(error.status).toBe(2);
    const errorLines = error.stderr.replace(/\n$/, '').split('\n');
    expect(errorLines).toHaveLength(2);
    for (const line of errorLines) expect(line).toMatch(/^GL-HOOK-ERR: cleanroom/);

    // An accepted push is not an error: no prefix.
    const allowed = runHook(server, `${ZERO} ${main} refs/heads/copy\n`, gitlab);
    expect(allowed.stderr).toMatch(/^cleanroom pre-receive refs\/heads\/copy: allowed/);
    expect(allowed.stderr).not.toContain('GL-HOOK-ERR');
    expect(allowed.status).toBe(0);
  });
});

/** A port nothing listens on, from the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, daemon: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    if (daemon.exitCode !== null || Date.now() > until) throw new Error(`git daemon did not start on port ${port}: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function gitAsync(cwd: string, args: string[], env = cleanEnv()): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: CHILD_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ status: code ?? 128, stdout, stderr }));
  });
}

describe('pre-receive over git daemon', () => {
  let daemon: ChildProcess;
  let port = 0;
  let daemonLog = '';
  const daemonUrl = (server: Server) => `git://127.0.0.1:${port}/${server.name}.git`;

  beforeAll(async () => {
    port = await freePort();
    daemon = spawn(
      'git',
      ['daemon', '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, `--base-path=${serverRoot}`, '--export-all', '--enable=receive-pack', serverRoot],
      // Killed in afterAll; the timeout is the backstop should this block's tests stall past their own.
      { env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'], timeout: 5 * CHILD_TIMEOUT_MS },
    );
    daemon.stderr?.on('data', (d: Buffer) => (daemonLog += d.toString('utf8')));
    await waitForPort(port, daemon, () => daemonLog);
  });

  afterAll(() => {
    daemon?.kill();
  });

  it('rejects unattested assistant content and accepts clean content over git://', () => {
    const server = makeServer();
    const client = clone(server, daemonUrl(server));
    const before = refOf(server, 'refs/heads/main');
    commit(client, { 'datasets/a.jsonl': '1\n' }, 'data', { assistant: true });
    const bad = push(client, ['origin', 'main']);
    expect(bad.stderr).toContain('remote: cleanroom pre-receive refs/heads/main: blocked');
    expect(bad.stderr).toContain('[remote rejected] main -> main (pre-receive hook declined)');
    expect(bad.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(before);

    git(client, ['reset', '-q', '--hard', 'origin/main']);
    const clean = commit(client, { 'datasets/b.jsonl': '2\n' }, 'human data');
    const ok = push(client, ['origin', 'main']);
    expect(ok.stderr).toContain('remote: cleanroom pre-receive refs/heads/main: allowed (checked 1 path in 1 commit, 1 protected');
    expect(ok.status).toBe(0);
    expect(refOf(server, 'refs/heads/main')).toBe(clean);
  });

  it('audits ten concurrent pushes: one valid JSON line each', async () => {
    const server = makeServer();
    const clients = Array.from({ length: 10 }, (_, i) => {
      const client = clone(server, daemonUrl(server));
      const assistant = i % 3 === 0;
      const tip = commit(client, { [`datasets/c${i}.jsonl`]: `${i}\n` }, `data ${i}`, { assistant });
      return { client, ref: `refs/heads/c${i}`, tip, assistant };
    });
    const runs = await Promise.all(clients.map((c) => gitAsync(c.client, ['push', 'origin', `HEAD:${c.ref}`])));
    for (const [i, c] of clients.entries()) {
      const r = runs[i] as Run;
      expect(r.stderr).toContain(`${c.ref}: ${c.assistant ? 'blocked' : 'allowed'}`);
      expect(r.status !== 0).toBe(c.assistant);
      expect(refOf(server, c.ref)).toBe(c.assistant ? null : c.tip);
    }
    const lines = fs.readFileSync(server.auditLog, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(10);
    const entries = lines.map((line) => JSON.parse(line) as AuditEntry);
    expect(entries.map((e) => e.ref).sort()).toEqual(clients.map((c) => c.ref).sort());
    for (const c of clients) {
      expect(entries.find((e) => e.ref === c.ref)).toMatchObject({
        old: ZERO,
        new: c.tip,
        verdict: c.assistant ? 'blocked' : 'allowed',
        push: c.assistant ? 'rejected' : 'accepted',
      });
    }
  });
});
