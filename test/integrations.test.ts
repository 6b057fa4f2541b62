/**
 * The ways a repository wires cleanroom in, each driven with the real tool and real commits:
 * the shim copied or symlinked into .git/hooks, husky 9, lint-staged 16 and the pre-commit
 * framework. (Plain core.hooksPath is covered by hooks.test.ts.) Every git command runs with an
 * explicit clean environment, so the verdicts do not depend on who runs the suite.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CLI, cleanEnv, fixtureCopy, git, gitTry, HOOKS, ROOT, run, tempDir, write, type Run, CHILD_TIMEOUT_MS } from './helpers/git.js';

const HOOK_NAMES = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'pre-push'] as const;
const human = cleanEnv();
const agent = cleanEnv({ CLAUDECODE: '1' });
const CO_AUTHORED = 'Co-Authored-By: Claude <noreply@anthropic.com>';

const head = (repo: string) => gitTry(repo, ['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
const output = (r: Run) => `${r.stdout}${r.stderr}`;

/** Makes `repo` a repository with the default policy committed (through no hook at all). */
function adoptPolicy(repo: string): void {
  git(repo, ['init', '-q', '-b', 'main']);
  const r = run(process.execPath, [CLI, 'init', '--no-hooks'], repo);
  expect(r.status).toBe(0);
  git(repo, ['add', '.cleanroom']);
  git(repo, ['commit', '-q', '-m', 'Adopt cleanroom policy']);
}

/** A repository with the default policy committed: built once per file, then copied. */
function repoWithPolicy(label: string): string {
  return fixtureCopy('repoWithPolicy', adoptPolicy, label);
}

/** An assistant commit into datasets/ is refused (HEAD unchanged), a human's goes in. */
function assistantBlockedHumanAllowed(repo: string, file = 'datasets/a.jsonl'): { blocked: Run; allowed: Run } {
  write(repo, file, '{"q": 1}\n');
  git(repo, ['add', file], human);
  const before = head(repo);
  const blocked = gitTry(repo, ['commit', '-m', 'data'], agent);
  expect(blocked.status).not.toBe(0);
  expect(head(repo)).toBe(before);
  expect(output(blocked)).toContain('cleanroom pre-commit: blocked: 1 protected change needs a human review');
  expect(output(blocked)).toContain('environment CLAUDECODE=1');
  const allowed = gitTry(repo, ['commit', '-m', 'data'], human);
  expect(output(allowed)).toMatch(/cleanroom pre-commit: allowed \(checked 1 staged path, 1 protected/);
  expect(allowed.status).toBe(0);
  expect(head(repo)).not.toBe(before);
  return { blocked, allowed };
}

describe('the packed package, installed as a project would', () => {
  // npm pack of this checkout (dist/ as `npm test` built it), installed from the tarball into a
  // fresh project with an empty npm cache and --offline: the package needs nothing else.
  it('installs offline as git-cleanroom, runs as `npx cleanroom`, and its init gates a real commit', () => {
    const dir = tempDir('packed');
    const env = cleanEnv({ npm_config_cache: path.join(dir, 'npm-cache'), npm_config_update_notifier: 'false' });
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT, env);
    expect(pack.status).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { name: string; filename: string; files: { path: string }[] }[];
    expect(packed?.name).toBe('git-cleanroom');
    expect(packed?.files.map((f) => f.path)).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'bin/cleanroom.js', 'dist/cli.cjs', 'hooks/pre-commit']));

    const repo = path.join(dir, 'project');
    fs.mkdirSync(repo);
    git(repo, ['init', '-q', '-b', 'main']);
    write(repo, 'package.json', '{ "name": "project", "version": "1.0.0", "private": true }\n');
    write(repo, '.git/info/exclude', 'node_modules\n');
    const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', path.join(dir, packed?.filename ?? '')], repo, env);
    expect(install.stderr).not.toContain('ENOTCACHED');
    expect(install.status).toBe(0);
    expect(fs.readdirSync(path.join(repo, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['git-cleanroom']);

    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    // npx once, as the docs say it; the rest through the bin link it runs (npx costs seconds).
    expect(run('npx', ['--offline', 'cleanroom', '--version'], repo, env).stdout).toBe(`${version}\n`);
    const bin = path.join(repo, 'node_modules', '.bin', 'cleanroom');
    expect(run(bin, ['-v'], repo, env).stdout).toBe(`${version}\n`);
    expect(run(bin, ['--help'], repo, env).stdout).toContain('  --version, -v  print the version');

    const init = run(bin, ['init'], repo, env);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain(`  ${path.join(repo, '.git', 'hooks', 'pre-commit')}: installed (a copy of the shim; it runs node_modules/git-cleanroom)`);
    git(repo, ['add', '.cleanroom', 'package.json', 'package-lock.json'], human);
    const adopt = gitTry(repo, ['commit', '-m', 'Adopt cleanroom'], human);
    expect(adopt.stderr).toContain('cleanroom pre-commit: allowed');
    expect(adopt.status).toBe(0);
    assistantBlockedHumanAllowed(repo);
  }, 180_000);
});

describe('the shim in .git/hooks', () => {
  function copyShims(repo: string): void {
    for (const hook of HOOK_NAMES) fs.copyFileSync(path.join(HOOKS, hook), path.join(repo, '.git', 'hooks', hook));
  }

  it("copied: finds cleanroom in the repository's node_modules", () => {
    const repo = repoWithPolicy('copied-nm');
    fs.mkdirSync(path.join(repo, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(repo, 'node_modules', 'git-cleanroom'));
    write(repo, '.git/info/exclude', 'node_modules\n');
    copyShims(repo);
    const { allowed } = assistantBlockedHumanAllowed(repo);
    // One line for the commit: the message hooks pass silently.
    expect(allowed.stderr.match(/^cleanroom /gm)).toHaveLength(1);
  });

  it('copied: finds cleanroom through CLEANROOM_HOME', () => {
    const repo = repoWithPolicy('copied-home');
    copyShims(repo);
    const home = { CLEANROOM_HOME: ROOT };
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const blocked = gitTry(repo, ['commit', '-m', 'data'], cleanEnv({ ...home, CLAUDECODE: '1' }));
    expect(blocked.stderr).toContain('cleanroom pre-commit: blocked');
    expect(blocked.status).not.toBe(0);
    const allowed = gitTry(repo, ['commit', '-m', 'data'], cleanEnv(home));
    expect(allowed.stderr).toContain('cleanroom pre-commit: allowed (checked 1 staged path, 1 protected');
    expect(allowed.status).toBe(0);
  });

  it('copied: blocks the commit with exit 2 and says so when it cannot find cleanroom', () => {
    const repo = repoWithPolicy('copied-lost');
    copyShims(repo);
    write(repo, 'README.md', 'hello\n');
    git(repo, ['add', '.'], human);
    const before = head(repo);
    const r = gitTry(repo, ['commit', '-m', 'docs'], human);
    expect(r.status).not.toBe(0);
    expect(head(repo)).toBe(before);
    expect(r.stderr).toContain('cleanroom pre-commit: cannot find cleanroom (looked in $CLEANROOM_HOME, beside this hook and in node_modules)');
    // The exit status git saw: run the shim the way git does.
    const direct = run('sh', ['.git/hooks/pre-commit'], repo, human);
    expect(direct.status).toBe(2);
    expect(direct.stderr).toContain('cannot find cleanroom');
  });

  it('symlinked: resolves the link to find the cleanroom beside it', () => {
    const repo = repoWithPolicy('symlinked');
    for (const hook of HOOK_NAMES) fs.symlinkSync(path.join(HOOKS, hook), path.join(repo, '.git', 'hooks', hook));
    const { blocked } = assistantBlockedHumanAllowed(repo);
    expect(blocked.stderr).toContain('git restore --staged -- datasets/a.jsonl');
  });

  it('through a relative core.hooksPath, even with CDPATH exported', () => {
    const repo = repoWithPolicy('cdpath');
    fs.mkdirSync(path.join(repo, 'vendor'));
    fs.symlinkSync(ROOT, path.join(repo, 'vendor', 'cleanroom'));
    write(repo, '.git/info/exclude', 'vendor\n');
    git(repo, ['config', 'core.hooksPath', 'vendor/cleanroom/hooks']);
    // A CDPATH entry that also holds vendor/cleanroom/hooks: `cd` would print where it went.
    const decoy = tempDir('cdpath-decoy');
    fs.mkdirSync(path.join(decoy, 'vendor', 'cleanroom', 'hooks'), { recursive: true });
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', 'datasets'], human);
    const blocked = gitTry(repo, ['commit', '-m', 'data'], cleanEnv({ CDPATH: decoy, CLAUDECODE: '1' }));
    expect(blocked.stderr).toContain('cleanroom pre-commit: blocked');
    expect(blocked.status).toBe(1);
    const allowed = gitTry(repo, ['commit', '-m', 'data'], cleanEnv({ CDPATH: decoy }));
    expect(allowed.stderr).toContain('cleanroom pre-commit: allowed');
    expect(allowed.status).toBe(0);
  });
});

/** Makes `repo` a JavaScript project that has husky and cleanroom installed (symlinks into this checkout). */
function nodeProject(repo: string, label: string, extraPackages: string[] = []): void {
  git(repo, ['init', '-q', '-b', 'main']);
  write(repo, 'package.json', `${JSON.stringify({ name: label, private: true }, null, 2)}\n`);
  write(repo, '.gitignore', 'node_modules\n');
  const nm = path.join(repo, 'node_modules');
  fs.mkdirSync(path.join(nm, '.bin'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(nm, 'git-cleanroom'));
  fs.symlinkSync('../git-cleanroom/bin/cleanroom.js', path.join(nm, '.bin', 'cleanroom'));
  for (const name of ['husky', ...extraPackages]) fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(nm, name));
  // What `"prepare": "husky"` runs on npm install: core.hooksPath=.husky/_ and the dispatchers.
  const husky = run(process.execPath, ['node_modules/husky/bin.js'], repo, human);
  expect(husky.stderr).toBe('');
  expect(husky.status).toBe(0);
  expect(git(repo, ['config', 'core.hooksPath'])).toBe('.husky/_');
}

describe('husky 9', () => {
  /** Built, adopted and first committed once per file (each step checked then), then copied. */
  const huskyRepo = (): string => fixtureCopy('husky', buildHuskyRepo, 'husky');
  function buildHuskyRepo(repo: string): void {
    nodeProject(repo, 'husky');
    const init = run(path.join(repo, 'node_modules', '.bin', 'cleanroom'), ['init'], repo, human);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('hooks: husky detected');
    expect(init.stdout).toContain('.husky/pre-commit: created `cleanroom hook pre-commit "$@"`');
    expect(init.stdout).not.toContain('note:');
    git(repo, ['add', '.'], human);
    const first = gitTry(repo, ['commit', '-m', 'Adopt cleanroom'], human);
    expect(first.stderr).toContain('cleanroom pre-commit: allowed');
    expect(first.status).toBe(0);
  }

  it('blocks an assistant at pre-commit and lets a human commit', () => {
    const repo = huskyRepo();
    const { blocked, allowed } = assistantBlockedHumanAllowed(repo);
    expect(blocked.stderr).toContain('husky - pre-commit script failed (code 1)');
    expect(allowed.stderr.match(/^cleanroom /gm)).toHaveLength(1);
  });

  it('blocks an assistant that commits with --no-verify, at prepare-commit-msg', () => {
    const repo = huskyRepo();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const before = head(repo);
    const r = gitTry(repo, ['commit', '--no-verify', '-m', 'data'], agent);
    expect(r.status).not.toBe(0);
    expect(head(repo)).toBe(before);
    expect(r.stderr).not.toContain('cleanroom pre-commit');
    expect(r.stderr).toContain('cleanroom prepare-commit-msg: blocked: 1 protected change needs a human review');
    expect(r.stderr).toContain('husky - prepare-commit-msg script failed (code 1)');
  });

  it('blocks at pre-push a commit that carries an assistant trailer', () => {
    const repo = huskyRepo();
    const remote = tempDir('husky-remote');
    git(remote, ['init', '-q', '--bare']);
    git(repo, ['remote', 'add', 'origin', remote]);
    expect(gitTry(repo, ['push', '-q', 'origin', 'main'], human).status).toBe(0);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', `data\n\n${CO_AUTHORED}`], human);
    const r = gitTry(repo, ['push', 'origin', 'main'], human);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('cleanroom pre-push: blocked');
    expect(r.stderr).toContain(`trailer ${CO_AUTHORED}`);
    expect(git(remote, ['rev-parse', 'main'])).not.toBe(head(repo));
  });
});

describe('lint-staged 16 (through husky)', () => {
  /** Built and first committed once per file (each step checked then), then copied. */
  const lintStagedRepo = (): string => fixtureCopy('lint-staged', buildLintStagedRepo, 'lint-staged');
  function buildLintStagedRepo(repo: string): void {
    nodeProject(repo, 'lint-staged', ['lint-staged']);
    fs.symlinkSync('../lint-staged/bin/lint-staged.js', path.join(repo, 'node_modules', '.bin', 'lint-staged'));
    const pkg = { name: 'lint-staged-project', private: true, 'lint-staged': { '*': 'cleanroom check --staged' } };
    write(repo, 'package.json', `${JSON.stringify(pkg, null, 2)}\n`);
    // pre-commit runs lint-staged alone, so what blocks below is lint-staged's task.
    write(repo, '.husky/pre-commit', 'lint-staged\n');
    expect(run(process.execPath, [CLI, 'init', '--no-hooks'], repo, human).status).toBe(0);
    git(repo, ['add', '.'], human);
    const first = gitTry(repo, ['commit', '-m', 'Adopt cleanroom'], human);
    expect(first.stdout + first.stderr).toContain('cleanroom check --staged');
    expect(first.status).toBe(0);
  }

  /** lint-staged backs the state up in a stash and restores it: nothing may be left behind. */
  function expectClean(repo: string, status: string): void {
    expect(git(repo, ['stash', 'list'])).toBe('');
    expect(git(repo, ['status', '--porcelain'])).toBe(status);
  }

  it('blocks an assistant commit into datasets/ and leaves the repository as it was', () => {
    const repo = lintStagedRepo();
    write(repo, 'datasets/a.jsonl', '{"q": 1}\n');
    write(repo, 'src/tool.js', 'export {};\n');
    git(repo, ['add', '.'], human);
    const before = head(repo);
    const r = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(r.status).not.toBe(0);
    expect(head(repo)).toBe(before);
    // lint-staged passed the staged files by absolute path; cleanroom judged both.
    expect(output(r)).toContain('cleanroom check: blocked: 1 protected change needs a human review (checked 2 staged paths, 1 protected');
    expect(output(r)).toContain('datasets/a.jsonl (added)');
    expect(output(r)).toContain('husky - pre-commit script failed (code 1)');
    expectClean(repo, 'A  datasets/a.jsonl\nA  src/tool.js');
    expect(fs.readFileSync(path.join(repo, 'datasets/a.jsonl'), 'utf8')).toBe('{"q": 1}\n');
  });

  it("lets a human's commit into datasets/ through", () => {
    const repo = lintStagedRepo();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'data'], human);
    expect(output(r)).toContain('cleanroom check --staged');
    expect(output(r)).not.toContain('blocked');
    expect(r.status).toBe(0);
    expect(git(repo, ['show', '--name-only', '--format=', 'HEAD'])).toBe('datasets/a.jsonl');
    expectClean(repo, '');
  });

  it('lets an assistant commit that touches only src/ through', () => {
    const repo = lintStagedRepo();
    write(repo, 'src/tool.js', 'export {};\n');
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'tool'], agent);
    expect(output(r)).toContain('cleanroom check --staged');
    expect(output(r)).not.toContain('blocked');
    expect(r.status).toBe(0);
    expect(git(repo, ['show', '--name-only', '--format=', 'HEAD'])).toBe('src/tool.js');
    expectClean(repo, '');
  });
});

describe('pre-commit framework', () => {
  const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8', env: human, timeout: CHILD_TIMEOUT_MS });
  const hasPreCommit = version.status === 0;
  // The stage names pre-commit < 3.2 knows (Debian 12 ships 3.0.4); later releases map them to these.
  const LEGACY: Record<string, string> = { 'pre-commit': 'commit', 'pre-push': 'push', 'pre-merge-commit': 'merge-commit' };
  const modern = (stage: string) => Object.entries(LEGACY).find(([, old]) => old === stage)?.[0] ?? stage;

  /** The shipped hooks as a `repo: local` config spells them: the manifest's own ids, stages and
   *  file handling, with `language: system` running this checkout instead of an npm install. */
  const LOCAL_HOOKS = [
    { id: 'cleanroom', hook: 'pre-commit', pass_filenames: false },
    { id: 'cleanroom-prepare-commit-msg', hook: 'prepare-commit-msg', pass_filenames: true },
    { id: 'cleanroom-commit-msg', hook: 'commit-msg', pass_filenames: true },
    { id: 'cleanroom-pre-push', hook: 'pre-push', pass_filenames: false },
  ].map(({ id, hook, pass_filenames }) => ({
    id,
    name: `cleanroom ${hook}`,
    entry: `node ${CLI} hook ${hook}`,
    language: 'system',
    pass_filenames,
    always_run: true,
    require_serial: true,
    stages: [LEGACY[hook] ?? hook],
  }));

  interface ManifestHook {
    id: string;
    entry: string;
    stages: string[];
    pass_filenames?: boolean;
    always_run?: boolean;
    require_serial?: boolean;
  }

  it('the local mirror agrees with .pre-commit-hooks.yaml on ids, entries, stages and file handling', () => {
    const manifest = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as ManifestHook[];
    const shape = (h: ManifestHook) => ({
      id: h.id,
      command: h.entry.replace(/^(?:node \S+|cleanroom) /, ''),
      stages: h.stages.map(modern),
      pass_filenames: h.pass_filenames ?? true,
      always_run: h.always_run ?? false,
      require_serial: h.require_serial ?? false,
    });
    expect(manifest.map(shape)).toEqual(LOCAL_HOOKS.map(shape));
    // Each hook runs at the stage it is named after, and every hook cleanroom has is there.
    for (const h of manifest) expect(h.entry).toBe(`cleanroom hook ${h.stages.map(modern)[0]}`);
    expect(manifest.flatMap((h) => h.stages.map(modern)).sort()).toEqual([...HOOK_NAMES].sort());
  });

  it('the local mirror spells its stages as the shipped manifest does', () => {
    const manifest = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as ManifestHook[];
    expect(LOCAL_HOOKS.map((h) => h.stages)).toEqual(manifest.map((h) => h.stages));
  });

  it.skipIf(!hasPreCommit)(`the shipped manifest, as it is, is valid for the installed pre-commit (${version.stdout?.trim()})`, () => {
    const r = run('pre-commit', ['validate-manifest', path.join(ROOT, '.pre-commit-hooks.yaml')], ROOT, human);
    expect(output(r)).toBe('');
    expect(r.status).toBe(0);
    // And a broken one is not: the check above can fail.
    const manifest = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as ManifestHook[];
    const file = path.join(tempDir('pc-manifest'), '.pre-commit-hooks.yaml');
    fs.writeFileSync(file, stringify(manifest.map((h) => ({ ...h, stages: ['nonsense'] }))));
    const bad = run('pre-commit', ['validate-manifest', file], ROOT, human);
    expect(output(bad)).toContain("but got: 'nonsense'");
    expect(bad.status).not.toBe(0);
  });

  // pre-commit's own cache (its hook environments), shared by this file's repositories as by a
  // user's: the hooks here are `language: system`, so it holds nothing a test could change.
  let cache = '';
  const env = (extra: Record<string, string> = {}) => cleanEnv({ PRE_COMMIT_HOME: (cache ||= tempDir('pre-commit-home')), ...extra });

  /** A repository with pre-commit installed and its config committed through it: built once per
   *  file (each step checked then), copied for each test, and given a bare remote of its own. */
  function preCommitRepo(): { repo: string; remote: string; env: (extra?: Record<string, string>) => NodeJS.ProcessEnv } {
    const repo = fixtureCopy('pre-commit', buildPreCommitRepo, 'pre-commit');
    const remote = tempDir('pre-commit-remote');
    git(remote, ['init', '-q', '--bare']);
    git(repo, ['remote', 'add', 'origin', remote]);
    return { repo, remote, env };
  }

  function buildPreCommitRepo(repo: string): void {
    adoptPolicy(repo);
    const config = { repos: [{ repo: 'local', hooks: LOCAL_HOOKS }] };
    write(repo, '.pre-commit-config.yaml', stringify(config));
    const install = run('pre-commit', ['install', ...HOOK_NAMES.flatMap((h) => ['--hook-type', h])], repo, env());
    expect(install.status).toBe(0);
    for (const hook of HOOK_NAMES) expect(install.stdout).toContain(`pre-commit installed at .git/hooks/${hook}`);
    git(repo, ['add', '.pre-commit-config.yaml'], env());
    const first = gitTry(repo, ['commit', '-m', 'pre-commit config'], env());
    expect(output(first)).toMatch(/cleanroom pre-commit\.+Passed/);
    expect(first.status).toBe(0);
  }

  it.skipIf(!hasPreCommit)('blocks an assistant at pre-commit and passes a human through all three commit stages', () => {
    const { repo, env } = preCommitRepo();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], env());
    const before = head(repo);
    const blocked = gitTry(repo, ['commit', '-m', 'data'], env({ CLAUDECODE: '1' }));
    expect(blocked.status).not.toBe(0);
    expect(head(repo)).toBe(before);
    expect(output(blocked)).toMatch(/cleanroom pre-commit\.+Failed/);
    expect(output(blocked)).toContain('cleanroom pre-commit: blocked: 1 protected change needs a human review');
    const allowed = gitTry(repo, ['commit', '-m', 'data'], env());
    expect(allowed.status).toBe(0);
    for (const hook of ['pre-commit', 'prepare-commit-msg', 'commit-msg']) expect(output(allowed)).toMatch(new RegExp(`cleanroom ${hook}\\.+Passed`));
  });

  it.skipIf(!hasPreCommit)('blocks --no-verify at prepare-commit-msg and an assistant trailer at commit-msg', () => {
    const { repo, env } = preCommitRepo();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], env());
    const before = head(repo);
    const noVerify = gitTry(repo, ['commit', '--no-verify', '-m', 'data'], env({ CLAUDECODE: '1' }));
    expect(noVerify.status).not.toBe(0);
    expect(output(noVerify)).toMatch(/cleanroom prepare-commit-msg\.+Failed/);
    expect(output(noVerify)).toContain('cleanroom prepare-commit-msg: blocked');
    // A message edited after prepare-commit-msg ran is only seen by commit-msg.
    const editor = `sh -c 'printf "\\n${CO_AUTHORED}\\n" >> "$1"' editor`;
    const trailer = gitTry(repo, ['commit', '-e', '-m', 'data'], env({ GIT_EDITOR: editor }));
    expect(trailer.status).not.toBe(0);
    expect(output(trailer)).toMatch(/cleanroom prepare-commit-msg\.+Passed/);
    expect(output(trailer)).toMatch(/cleanroom commit-msg\.+Failed/);
    expect(output(trailer)).toContain(`trailer ${CO_AUTHORED}`);
    expect(head(repo)).toBe(before);
  });

  it.skipIf(!hasPreCommit)('judges a push to a bare remote from its commits: an assistant trailer blocks it', () => {
    const { repo, remote, env } = preCommitRepo();
    const base = gitTry(repo, ['push', 'origin', 'main'], env());
    expect(output(base)).toMatch(/cleanroom pre-push\.+Passed/);
    expect(base.status).toBe(0);

    write(repo, 'datasets/human.jsonl', '1\n');
    git(repo, ['add', '.'], env());
    expect(gitTry(repo, ['commit', '-m', 'human data'], env()).status).toBe(0);
    const pushed = gitTry(repo, ['push', 'origin', 'main'], env());
    expect(output(pushed)).toMatch(/cleanroom pre-push\.+Passed/);
    expect(pushed.status).toBe(0);

    write(repo, 'datasets/b.jsonl', '2\n');
    git(repo, ['add', '.'], env());
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', `data\n\n${CO_AUTHORED}`], env());
    const r = gitTry(repo, ['push', 'origin', 'main'], env());
    expect(r.status).not.toBe(0);
    expect(output(r)).toMatch(/cleanroom pre-push\.+Failed/);
    expect(output(r)).toContain('cleanroom pre-push: blocked: 1 protected change needs a human review (checked 1 path in 1 commit');
    expect(output(r)).toContain(`trailer ${CO_AUTHORED}`);
    expect(git(remote, ['rev-parse', 'main'])).not.toBe(head(repo));
  });

  // For a push that includes the root commit (a new repository's first push) pre-commit sets no
  // PRE_COMMIT_FROM_REF/TO_REF and forwards no stdin; the hook falls back to PRE_COMMIT_LOCAL_BRANCH.
  it.skipIf(!hasPreCommit)('blocks the first push of a new repository when a commit carries an assistant trailer', () => {
    const { repo, remote, env } = preCommitRepo();
    write(repo, 'datasets/b.jsonl', '2\n');
    git(repo, ['add', '.'], env());
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', `data\n\n${CO_AUTHORED}`], env());
    const r = gitTry(repo, ['push', 'origin', 'main'], env());
    expect(output(r)).toContain('cleanroom pre-push: blocked');
    expect(r.status).not.toBe(0);
    expect(gitTry(remote, ['rev-parse', '-q', '--verify', 'main']).stdout).toBe('');
  });
});
