/**
 * `cleanroom init` in real repositories: the policy it writes, the hooks it installs (or leaves
 * alone), and real commits through what it installed, by a human and from an assistant's shell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, git, gitTry, HOOKS, ROOT, tempDir, write } from './helpers/git.js';

const HOOK_NAMES = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'pre-push'];
const human = cleanEnv();
const agent = cleanEnv({ CLAUDECODE: '1' });
const UUID = /^repository: (urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/m;

/** A fresh repository without any commit, as `git init` leaves it. */
function freshRepo(): string {
  const repo = tempDir('init');
  git(repo, ['init', '-q', '-b', 'main']);
  return repo;
}

const hooksDir = (repo: string) => path.resolve(repo, git(repo, ['rev-parse', '--git-path', 'hooks']));
const head = (repo: string) => gitTry(repo, ['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
const read = (file: string) => fs.readFileSync(file);

/** Snapshot of every file init may touch, to prove a second run changes nothing. */
function snapshot(repo: string): Record<string, string> {
  const files = [path.join(repo, '.cleanroom/policy.yaml'), ...HOOK_NAMES.map((h) => path.join(hooksDir(repo), h))];
  return Object.fromEntries(files.filter((f) => fs.existsSync(f)).map((f) => [f, fs.readFileSync(f, 'utf8')]));
}

function initOk(repo: string, args: string[] = []): string {
  const r = cleanroom(repo, ['init', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** The human commits the policy, then a human and an assistant each try datasets/. */
function provesGate(repo: string): void {
  git(repo, ['add', '.cleanroom'], human);
  const first = gitTry(repo, ['commit', '-m', 'Adopt cleanroom policy'], human);
  expect(first.stderr).toContain('cleanroom pre-commit: allowed');
  expect(first.status).toBe(0);

  write(repo, 'datasets/a.jsonl', '{"q": 1}\n');
  git(repo, ['add', 'datasets'], human);
  const before = head(repo);
  const blocked = gitTry(repo, ['commit', '-m', 'data'], agent);
  expect(blocked.status).not.toBe(0);
  expect(head(repo)).toBe(before);
  expect(blocked.stderr).toContain('cleanroom pre-commit: blocked: 1 protected change needs a human review');
  expect(blocked.stderr).toContain('environment CLAUDECODE=1');

  const allowed = gitTry(repo, ['commit', '-m', 'data'], human);
  expect(allowed.stderr).toMatch(/cleanroom pre-commit: allowed \(checked 1 staged path, 1 protected/);
  expect(allowed.stderr).toContain('cleanroom commit-msg: allowed');
  expect(allowed.status).toBe(0);
  expect(head(repo)).not.toBe(before);
}

describe('cleanroom init', () => {
  it('writes a valid policy with a fresh repository id and installs the four hooks that then gate commits', () => {
    const repo = freshRepo();
    const out = initOk(repo);
    expect(out).toContain('.cleanroom/policy.yaml: written (commit it: the hooks judge by the committed policy)');
    expect(out).toContain(`hooks: ${path.join(repo, '.git', 'hooks')}`);

    const policy = fs.readFileSync(path.join(repo, '.cleanroom/policy.yaml'), 'utf8');
    expect(policy).toMatch(UUID);
    expect(policy.match(/^repository:/gm)).toHaveLength(1);
    const valid = cleanroom(repo, ['policy', 'check']);
    expect(valid.stdout).toContain('policy.yaml: valid (mode enforce');
    expect(valid.status).toBe(0);

    for (const hook of HOOK_NAMES) {
      const file = path.join(hooksDir(repo), hook);
      expect(out).toContain(`  ${file}: installed`);
      expect(fs.statSync(file).mode & 0o111).not.toBe(0);
      expect(fs.readFileSync(file, 'utf8')).toContain(`exec ${path.join(HOOKS, hook)} "$@"`);
    }
    provesGate(repo);
  });

  it('binds every repository to its own id', () => {
    const ids = [freshRepo(), freshRepo()].map((repo) => {
      initOk(repo, ['--no-hooks']);
      return UUID.exec(fs.readFileSync(path.join(repo, '.cleanroom/policy.yaml'), 'utf8'))?.[1];
    });
    expect(ids[0]).toMatch(/^urn:uuid:/);
    expect(ids[1]).toMatch(/^urn:uuid:/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('installs into core.hooksPath when it is set, resolved from the working tree root', () => {
    const repo = freshRepo();
    git(repo, ['config', 'core.hooksPath', '.githooks']);
    fs.mkdirSync(path.join(repo, 'sub'));
    const out = initOk(path.join(repo, 'sub'));
    expect(out).toContain(`hooks: ${path.join(repo, '.githooks')}`);
    for (const hook of HOOK_NAMES) {
      expect(out).toContain(`  ${path.join(repo, '.githooks', hook)}: installed`);
      expect(fs.existsSync(path.join(repo, '.git', 'hooks', hook))).toBe(false);
    }
    expect(fs.existsSync(path.join(repo, 'sub', '.cleanroom'))).toBe(false);
    provesGate(repo);
  });

  it('is idempotent: a second run keeps the policy and says the hooks already run cleanroom', () => {
    const repo = freshRepo();
    initOk(repo);
    const before = snapshot(repo);
    const out = initOk(repo);
    expect(out).toContain('.cleanroom/policy.yaml: exists, kept');
    for (const hook of HOOK_NAMES) expect(out).toContain(`  ${path.join(hooksDir(repo), hook)}: already runs cleanroom`);
    expect(out).not.toContain('installed');
    expect(snapshot(repo)).toEqual(before);
  });

  it('keeps an existing policy byte for byte', () => {
    const repo = freshRepo();
    const mine = 'version: 1\nrepository: urn:example:mine\nprotect:\n  - path: "corpus/**"\n    require: review-always\n';
    write(repo, '.cleanroom/policy.yaml', mine);
    const out = initOk(repo, ['--no-hooks']);
    expect(out).toContain('.cleanroom/policy.yaml: exists, kept');
    expect(fs.readFileSync(path.join(repo, '.cleanroom/policy.yaml'), 'utf8')).toBe(mine);
  });

  it('never overwrites a hook that does not run cleanroom, and the line it prints works', () => {
    const repo = freshRepo();
    const file = path.join(repo, '.git', 'hooks', 'pre-commit');
    // Mentioning cleanroom is not running it; the hook goes on after the line is added.
    const mine = '#!/bin/sh\n# TODO: wire cleanroom here\necho "my own pre-commit ran" >&2\n';
    fs.writeFileSync(file, mine, { mode: 0o755 });
    const original = read(file);

    const out = initOk(repo);
    expect(read(file).equals(original)).toBe(true);
    const line = `${path.join(HOOKS, 'pre-commit')} "$@" || exit $?`;
    expect(out).toContain(`  ${file}: exists, left untouched; to run cleanroom too, add this line to it: ${line}`);
    for (const hook of HOOK_NAMES.slice(1)) expect(out).toContain(`  ${path.join(repo, '.git', 'hooks', hook)}: installed`);
    expect(initOk(repo)).toContain(`  ${file}: exists, left untouched`);
    expect(read(file).equals(original)).toBe(true);

    // Follow the advice: put the line before the hook's last command. The block must survive it.
    fs.writeFileSync(file, mine.replace('echo', `${line}\necho`));
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const blocked = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(blocked.stderr).toContain('cleanroom pre-commit: blocked');
    expect(blocked.stderr).not.toContain('my own pre-commit ran');
    expect(blocked.status).not.toBe(0);
    expect(head(repo)).toBe('');
    const allowed = gitTry(repo, ['commit', '-m', 'data'], human);
    expect(allowed.stderr).toContain('cleanroom pre-commit: allowed');
    expect(allowed.stderr).toContain('my own pre-commit ran');
    expect(allowed.status).toBe(0);
  });

  it("points a pre-commit framework hook at the framework's config and leaves a dangling symlink alone", () => {
    const repo = freshRepo();
    const hooks = path.join(repo, '.git', 'hooks');
    const framework = '#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nexec true\n';
    fs.writeFileSync(path.join(hooks, 'pre-commit'), framework, { mode: 0o755 });
    const target = path.join(repo, 'elsewhere', 'commit-msg');
    fs.symlinkSync(target, path.join(hooks, 'commit-msg'));
    const out = initOk(repo);
    expect(out).toContain(`  ${path.join(hooks, 'pre-commit')}: managed by the pre-commit framework, left untouched; add cleanroom's hooks to .pre-commit-config.yaml`);
    expect(out).toContain(`  ${path.join(hooks, 'commit-msg')}: exists, left untouched`);
    expect(fs.readFileSync(path.join(hooks, 'pre-commit'), 'utf8')).toBe(framework);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readlinkSync(path.join(hooks, 'commit-msg'))).toBe(target);
  });

  it('installs a copy of the shim when cleanroom is in the repository\'s node_modules, which survives moving the clone', () => {
    const repo = freshRepo();
    fs.mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(repo, 'node_modules', 'git-cleanroom'));
    fs.symlinkSync('../git-cleanroom/bin/cleanroom.js', path.join(repo, 'node_modules', '.bin', 'cleanroom'));
    write(repo, '.gitignore', 'node_modules\n');
    const out = initOk(repo);
    for (const hook of HOOK_NAMES) {
      const file = path.join(repo, '.git', 'hooks', hook);
      expect(out).toContain(`  ${file}: installed (a copy of the shim; it runs node_modules/git-cleanroom)`);
      expect(read(file).equals(read(path.join(HOOKS, hook)))).toBe(true);
    }
    const moved = `${repo}-moved`;
    fs.renameSync(repo, moved);
    git(moved, ['add', '.gitignore'], human);
    provesGate(moved);
  });

  it('wires husky: appends to or creates .husky/<hook> and recognises its own lines on a second run', () => {
    const repo = freshRepo();
    write(repo, '.husky/pre-commit', 'npm test');
    const out = initOk(repo);
    expect(out).toContain('hooks: husky detected');
    expect(out).toContain('  .husky/pre-commit: appended `cleanroom hook pre-commit "$@"`');
    for (const hook of HOOK_NAMES.slice(1)) expect(out).toContain(`  .husky/${hook}: created \`cleanroom hook ${hook} "$@"\``);
    // husky is not set up in this clone and cleanroom is not a dependency: init says both.
    expect(out).toContain('note: core.hooksPath is not .husky/_');
    expect(out).toContain('note: node_modules/.bin/cleanroom is missing');
    expect(fs.readFileSync(path.join(repo, '.husky/pre-commit'), 'utf8')).toBe('npm test\ncleanroom hook pre-commit "$@"\n');
    expect(fs.readFileSync(path.join(repo, '.husky/pre-push'), 'utf8')).toBe('cleanroom hook pre-push "$@"\n');
    expect(fs.existsSync(path.join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false);

    const again = initOk(repo);
    for (const hook of HOOK_NAMES) expect(again).toContain(`  .husky/${hook}: already runs cleanroom`);
    expect(fs.readFileSync(path.join(repo, '.husky/pre-commit'), 'utf8')).toBe('npm test\ncleanroom hook pre-commit "$@"\n');
  });

  it('--no-hooks writes the policy and touches no hook', () => {
    const repo = freshRepo();
    const out = initOk(repo, ['--no-hooks']);
    expect(out).toContain('.cleanroom/policy.yaml: written');
    expect(out).not.toContain('hooks:');
    for (const hook of HOOK_NAMES) expect(fs.existsSync(path.join(repo, '.git', 'hooks', hook))).toBe(false);
  });

  it('refuses a bare repository with exit 2 and says why', () => {
    const bare = tempDir('bare');
    git(bare, ['init', '-q', '--bare']);
    const r = cleanroom(bare, ['init']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is a bare repository: cleanroom init needs a working tree, run it in a clone');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(bare, '.cleanroom'))).toBe(false);
    expect(fs.existsSync(path.join(bare, 'hooks', 'pre-commit'))).toBe(false);
  });

  it('--help prints the usage and exits 0', () => {
    const r = cleanroom(freshRepo(), ['init', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: cleanroom init [--no-hooks]');
    expect(r.stdout).toContain('Existing hooks are never overwritten');
  });
});
