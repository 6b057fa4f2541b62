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
  // One line for the commit, from pre-commit; the message hooks pass silently.
  expect(allowed.stderr).toMatch(/^cleanroom pre-commit: allowed \(checked 1 staged path, 1 protected[^\n]*\n$/);
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

  it('leaves a hook the repository tracks untouched, and the line it prints works', () => {
    const repo = freshRepo();
    git(repo, ['config', 'core.hooksPath', '.githooks']);
    const file = path.join(repo, '.githooks', 'pre-commit');
    // Mentioning cleanroom is not running it; the hook goes on after the line is added.
    const mine = '#!/bin/sh\n# TODO: wire cleanroom here\necho "my own pre-commit ran" >&2\n';
    write(repo, '.githooks/pre-commit', mine);
    fs.chmodSync(file, 0o755);
    git(repo, ['add', '.githooks'], human);
    const original = read(file);

    const out = initOk(repo);
    expect(read(file).equals(original)).toBe(true);
    const line = `${path.join(HOOKS, 'pre-commit')} "$@" || exit $?`;
    expect(out).toContain(`  ${file}: exists (tracked by the repository), left untouched; to run cleanroom too, add this line to it: ${line}`);
    for (const hook of HOOK_NAMES.slice(1)) expect(out).toContain(`  ${path.join(repo, '.githooks', hook)}: installed`);
    expect(initOk(repo)).toContain(`  ${file}: exists (tracked by the repository), left untouched`);
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

  it("points a pre-commit framework hook at the framework's config and chains a dangling symlink without writing through it", () => {
    const repo = freshRepo();
    const hooks = path.join(repo, '.git', 'hooks');
    const framework = '#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nexec true\n';
    fs.writeFileSync(path.join(hooks, 'pre-commit'), framework, { mode: 0o755 });
    const target = path.join(repo, 'elsewhere', 'commit-msg');
    fs.symlinkSync(target, path.join(hooks, 'commit-msg'));
    const out = initOk(repo);
    expect(out).toContain(`  ${path.join(hooks, 'pre-commit')}: managed by the pre-commit framework, left untouched; add cleanroom's hooks to .pre-commit-config.yaml`);
    expect(out).toContain(`  ${path.join(hooks, 'commit-msg')}: chained: the hook that was there (now commit-msg.before-cleanroom) runs first, then cleanroom`);
    expect(fs.readFileSync(path.join(hooks, 'pre-commit'), 'utf8')).toBe(framework);
    expect(fs.existsSync(target)).toBe(false);
    // The link itself is moved aside, never followed; git skips it as it skipped it before.
    expect(fs.readlinkSync(path.join(hooks, 'commit-msg.before-cleanroom'))).toBe(target);
    git(repo, ['add', '.cleanroom'], human);
    expect(gitTry(repo, ['commit', '-m', 'policy'], human).status).toBe(0);
  });

  it("installs a copy of the shim when cleanroom is in the repository's node_modules, which survives moving the clone", () => {
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

  describe('with hooks already in place', () => {
    const ALL_HOOKS = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'applypatch-msg', 'pre-applypatch', 'pre-push'];
    const ZERO = '0'.repeat(40);

    /** A repository whose every client hook is the user's own: each logs its name and arguments,
     *  keeps what it read on stdin, and fails when THEIRS_FAIL names it. */
    function repoWithOwnHooks(): { repo: string; hooks: string; log: string; originals: Map<string, Buffer> } {
      const repo = freshRepo();
      const hooks = hooksDir(repo);
      const log = path.join(repo, '..', `${path.basename(repo)}-theirs.log`);
      const originals = new Map<string, Buffer>();
      for (const hook of ALL_HOOKS) {
        const file = path.join(hooks, hook);
        fs.writeFileSync(
          file,
          `#!/bin/sh\nprintf '%s' "${hook}" >>'${log}'; for a in "$@"; do printf ' [%s]' "$a" >>'${log}'; done; echo >>'${log}'\n` +
            `cat >'${log}.${hook}.stdin'\n` +
            `if [ "$THEIRS_FAIL" = ${hook} ]; then echo "their ${hook} refused" >&2; exit 3; fi\n`,
          { mode: 0o755 },
        );
        originals.set(hook, read(file));
      }
      return { repo, hooks, log, originals };
    }
    const logged = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');

    it('chains each one: theirs runs first with the same arguments, then cleanroom; either refusing refuses the commit', () => {
      const { repo, hooks, log, originals } = repoWithOwnHooks();
      const out = initOk(repo);
      for (const hook of ALL_HOOKS) {
        expect(out).toContain(`  ${path.join(hooks, hook)}: chained: the hook that was there (now ${hook}.before-cleanroom) runs first, then cleanroom`);
        expect(read(path.join(hooks, `${hook}.before-cleanroom`)).equals(originals.get(hook) as Buffer)).toBe(true);
      }
      const second = initOk(repo);
      for (const hook of ALL_HOOKS) expect(second).toContain(`  ${path.join(hooks, hook)}: already runs cleanroom`);

      git(repo, ['add', '.cleanroom'], human);
      fs.rmSync(log, { force: true });
      const first = gitTry(repo, ['commit', '-m', 'Adopt cleanroom policy'], human);
      expect(first.status).toBe(0);
      expect(first.stderr).toContain('cleanroom pre-commit: allowed');
      const msg = path.join('.git', 'COMMIT_EDITMSG');
      expect(logged(log)).toBe(`pre-commit\nprepare-commit-msg [${msg}] [message]\ncommit-msg [${msg}]\n`);

      // Theirs refuses: the commit fails, and cleanroom is not asked.
      write(repo, 'src/a.js', '1\n');
      git(repo, ['add', '.'], human);
      for (const hook of ['pre-commit', 'prepare-commit-msg', 'commit-msg']) {
        const r = gitTry(repo, ['commit', '-m', 'code'], cleanEnv({ THEIRS_FAIL: hook }));
        expect(r.stderr).toContain(`their ${hook} refused`);
        expect(r.stderr).not.toContain(`cleanroom ${hook}:`);
        expect(r.status).not.toBe(0);
      }
      // Ours refuses while theirs passes.
      write(repo, 'datasets/a.jsonl', '{"q": 1}\n');
      git(repo, ['add', '.'], human);
      const before = head(repo);
      fs.rmSync(log, { force: true });
      const blocked = gitTry(repo, ['commit', '-m', 'data'], agent);
      expect(blocked.stderr).toContain('cleanroom pre-commit: blocked: 1 protected change needs a human review');
      expect(logged(log)).toBe('pre-commit\n');
      expect(blocked.status).not.toBe(0);
      expect(head(repo)).toBe(before);
      expect(gitTry(repo, ['commit', '-m', 'data'], human).status).toBe(0);
    });

    it("chains pre-push: both read git's input exactly, and either refusing refuses the push", () => {
      const { repo, log } = repoWithOwnHooks();
      initOk(repo);
      const remote = tempDir('init-remote');
      git(remote, ['init', '-q', '--bare']);
      git(repo, ['remote', 'add', 'origin', remote]);
      git(repo, ['add', '.cleanroom'], human);
      git(repo, ['commit', '-q', '-m', 'Adopt cleanroom policy'], human);
      const tip = head(repo);

      const refused = gitTry(repo, ['push', 'origin', 'main'], cleanEnv({ THEIRS_FAIL: 'pre-push' }));
      expect(refused.stderr).toContain('their pre-push refused');
      expect(refused.stderr).not.toContain('cleanroom pre-push:');
      expect(refused.status).not.toBe(0);
      expect(gitTry(remote, ['rev-parse', '-q', '--verify', 'main']).stdout).toBe('');

      fs.rmSync(log, { force: true });
      const pushed = gitTry(repo, ['push', 'origin', 'main'], human);
      expect(pushed.status).toBe(0);
      expect(logged(log)).toBe(`pre-push [origin] [${remote}]\n`);
      expect(fs.readFileSync(`${log}.pre-push.stdin`, 'utf8')).toBe(`refs/heads/main ${tip} refs/heads/main ${ZERO}\n`);
      expect(pushed.stderr).toContain('cleanroom pre-push: allowed (checked 1 path in 1 commit');

      // cleanroom read the same input: it judges the pushed commit and refuses its trailer.
      write(repo, 'datasets/b.jsonl', '2\n');
      git(repo, ['add', '.'], human);
      git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'data\n\nCo-Authored-By: Claude <noreply@anthropic.com>'], human);
      const blocked = gitTry(repo, ['push', 'origin', 'main'], human);
      expect(fs.readFileSync(`${log}.pre-push.stdin`, 'utf8')).toBe(`refs/heads/main ${head(repo)} refs/heads/main ${tip}\n`);
      expect(blocked.stderr).toContain('cleanroom pre-push: blocked: 1 protected change needs a human review (checked 1 path in 1 commit');
      expect(blocked.status).not.toBe(0);
      expect(git(remote, ['rev-parse', 'main'])).toBe(tip);
      // The wrapper's copy of the input is gone.
      expect(fs.readdirSync(cleanEnv().TMPDIR as string).filter((f) => f.startsWith('cleanroom-pre-push.'))).toEqual([]);
    });

    it('--remove puts every hook back byte for byte and leaves nothing of its own', () => {
      const { repo, hooks } = repoWithOwnHooks();
      const before = fs
        .readdirSync(hooks)
        .sort()
        .map((f) => [f, read(path.join(hooks, f)).toString('base64')]);
      initOk(repo);
      const out = initOk(repo, ['--remove']);
      expect(out).toContain('.cleanroom/policy.yaml: kept');
      for (const hook of ALL_HOOKS) expect(out).toContain(`  ${path.join(hooks, hook)}: the hook that was there before init is back`);
      expect(
        fs
          .readdirSync(hooks)
          .sort()
          .map((f) => [f, read(path.join(hooks, f)).toString('base64')]),
      ).toEqual(before);
      expect(fs.existsSync(path.join(repo, '.git', 'cleanroom', 'init.json'))).toBe(false);
      expect(fs.existsSync(path.join(repo, '.cleanroom', 'policy.yaml'))).toBe(true);
      expect(initOk(repo, ['--remove'])).toContain('hooks: nothing to remove');
    });
  });

  it("--remove takes out the hooks init installed, but never a user's hook that replaced one", () => {
    const repo = freshRepo();
    const hooks = hooksDir(repo);
    const sample = fs.readdirSync(hooks).sort();
    initOk(repo);
    const mine = '#!/bin/sh\nexit 0\n';
    fs.writeFileSync(path.join(hooks, 'pre-push'), mine);
    // A hook written by hand after init is no business of init's either.
    fs.writeFileSync(path.join(hooks, 'post-commit'), mine, { mode: 0o755 });
    const out = initOk(repo, ['--remove']);
    expect(out).toContain(`  ${path.join(hooks, 'pre-commit')}: removed`);
    expect(out).toContain(`  ${path.join(hooks, 'pre-push')}: changed since cleanroom init wrote it, left as it is`);
    expect(fs.readFileSync(path.join(hooks, 'pre-push'), 'utf8')).toBe(mine);
    expect(fs.readdirSync(hooks).sort()).toEqual([...sample, 'post-commit', 'pre-push'].sort());
    // Without the hooks, an assistant's commit is no longer stopped locally.
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(r.stderr).not.toContain('cleanroom');
    expect(r.status).toBe(0);
  });

  it("--remove undoes husky's files: created ones go, appended lines come out, a user's later edits stay", () => {
    const repo = freshRepo();
    write(repo, '.husky/pre-commit', 'npm test\n');
    write(repo, '.husky/commit-msg', 'commitlint --edit "$1"\n');
    initOk(repo);
    // The user edits one file after init: only cleanroom's line leaves it.
    fs.appendFileSync(path.join(repo, '.husky/commit-msg'), 'echo done\n');
    const out = initOk(repo, ['--remove']);
    expect(out).toContain(`  ${path.join(repo, '.husky/pre-commit')}: restored`);
    expect(out).toContain(`  ${path.join(repo, '.husky/pre-push')}: removed`);
    expect(out).toContain(`  ${path.join(repo, '.husky/commit-msg')}: cleanroom's line removed`);
    expect(fs.readFileSync(path.join(repo, '.husky/pre-commit'), 'utf8')).toBe('npm test\n');
    expect(fs.readFileSync(path.join(repo, '.husky/commit-msg'), 'utf8')).toBe('commitlint --edit "$1"\necho done\n');
    expect(fs.readdirSync(path.join(repo, '.husky')).sort()).toEqual(['commit-msg', 'pre-commit']);
  });

  it("--remove restores assistants' configs init --agents merged into, and removes the ones it wrote", () => {
    const repo = freshRepo();
    const mine = '{\n    "permissions": { "allow": ["Bash(ls)"] }\n}\n';
    write(repo, '.claude/settings.json', mine);
    fs.mkdirSync(path.join(repo, '.codex'));
    const out = initOk(repo, ['--agents', '--no-hooks']);
    expect(out).toContain('Claude Code: .claude/settings.json: merged');
    expect(out).toContain('Codex: .codex/hooks.json: written');
    const removed = initOk(repo, ['--remove']);
    expect(removed).toContain(`  ${path.join(repo, '.claude/settings.json')}: restored`);
    expect(removed).toContain(`  ${path.join(repo, '.codex/hooks.json')}: removed`);
    expect(fs.readFileSync(path.join(repo, '.claude/settings.json'), 'utf8')).toBe(mine);
    expect(fs.readdirSync(path.join(repo, '.codex'))).toEqual([]);
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
    expect(r.stdout).toContain('A hook already there is chained, never overwritten');
    expect(r.stdout).toContain('cleanroom init --remove');
  });
});
