/** The commands as a user runs them: bin/cleanroom.js against real repositories. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, git, initRepo, tempDir, write, CHILD_TIMEOUT_MS } from './helpers/git.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

function repoWithPolicy(policy = EXAMPLE_POLICY): string {
  const repo = initRepo();
  writePolicy(repo, policy);
  git(repo, ['add', '.cleanroom']);
  git(repo, ['commit', '-q', '-m', 'policy']);
  return repo;
}

describe('cleanroom check', () => {
  it('judges the staged changes by default and exits 1 when blocked', () => {
    const repo = repoWithPolicy();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.']);
    const human = cleanroom(repo, ['check']);
    expect(human.stdout).toContain('cleanroom check: allowed (checked 1 staged path, 1 protected');
    expect(human.status).toBe(0);
    const agent = cleanroom(repo, ['check', '--staged'], cleanEnv({ CODEX_THREAD_ID: 'thread-1' }));
    expect(agent.stdout).toContain('environment CODEX_THREAD_ID=thread-1');
    expect(agent.status).toBe(1);
  });

  it('prints a machine-readable verdict with --format json', () => {
    const repo = repoWithPolicy();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.']);
    const r = cleanroom(repo, ['check', '--format', 'json'], cleanEnv({ CLAUDECODE: '1' }));
    expect(r.status).toBe(1);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({
      format: 'cleanroom-verdict/v1',
      outcome: 'blocked',
      mode: 'enforce',
      checked: { commits: 0, paths: 1, protectedPaths: 1 },
    });
    expect(v.findings[0]).toMatchObject({ path: 'datasets/a.jsonl', status: 'added', reason: 'assistant', rule: { pattern: 'datasets/**' } });
    expect(v.findings[0].signals[0]).toMatchObject({ kind: 'environment', assistant: 'claude-code', evidence: 'CLAUDECODE=1' });
    expect(['isomorphic', 'plumbing']).toContain(v.engine);
  });

  it('narrows --staged to the paths lint-staged passes, absolute or relative', () => {
    const repo = repoWithPolicy();
    write(repo, 'datasets/a.jsonl', '1\n');
    write(repo, 'src/x.py', '1\n');
    git(repo, ['add', '.']);
    const agent = cleanEnv({ CLAUDECODE: '1' });
    expect(cleanroom(repo, ['check', '--staged', `${repo}/src/x.py`], agent).status).toBe(0);
    expect(cleanroom(repo, ['check', '--staged', 'datasets/a.jsonl'], agent).status).toBe(1);
  });

  it('judges a recorded commit and a range from what the commits carry', () => {
    const repo = repoWithPolicy();
    const base = git(repo, ['rev-parse', 'HEAD']);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'human data']);
    write(repo, 'benchmarks/t.md', 'task\n');
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'task\n\nCo-authored-by: aider (gpt-5) <aider@aider.chat>']);
    // The environment of whoever runs check plays no part in judging recorded commits.
    const agent = cleanEnv({ CLAUDECODE: '1' });
    expect(cleanroom(repo, ['check', '--commit', 'HEAD~1'], agent).status).toBe(0);
    const one = cleanroom(repo, ['check', '--commit', 'HEAD'], agent);
    expect(one.status).toBe(1);
    expect(one.stdout).toContain('trailer Co-authored-by: aider (gpt-5) <aider@aider.chat>');
    const range = cleanroom(repo, ['check', '--range', `${base}..HEAD`]);
    expect(range.status).toBe(1);
    expect(range.stdout).toContain('checked 2 paths in 2 commits, 2 protected');
    expect(range.stdout).toMatch(/benchmarks\/t\.md \(added in commit [0-9a-f]{12}\)/);
  });

  it.each([
    [['check', '--bogus'], /Unknown option '--bogus'.*cleanroom check --help/],
    [['check', '--commit', 'HEAD', '--range', 'a..b'], /choose one of --staged, --commit and --range/],
    [['check', '--range', 'HEAD'], /--range expects A\.\.B/],
    [['check', '--commit', 'no-such-rev'], /"no-such-rev" does not name a commit/],
    [['check', '--commit=--all'], /"--all" is not a valid revision/],
    [['check', '--format', 'xml'], /--format must be text or json/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['hook', 'post-merge'], /unknown hook "post-merge"/],
  ])('refuses %j with a clear message and exit 2', (args, message) => {
    const repo = repoWithPolicy();
    const r = cleanroom(repo, args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
  });

  it('says so outside a repository', () => {
    const r = cleanroom('/', ['check']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not inside a git repository/);
  });

  it('says so for a commit hook run outside a repository, with the git work it started early ended', () => {
    const outside = tempDir('outside');
    const started = Date.now();
    const r = cleanroom(outside, ['hook', 'pre-commit'], cleanEnv({ GIT_CEILING_DIRECTORIES: path.dirname(outside) }));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not inside a git repository/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(10_000); // nothing left waiting on a child
  });

  it('reads the policy named by --policy, CLEANROOM_POLICY and git config, in that order', () => {
    const repo = repoWithPolicy();
    const warn = EXAMPLE_POLICY.replace('mode: enforce', 'mode: warn');
    write(repo, '../warn.yaml', warn);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.']);
    const agent = (extra: Record<string, string> = {}) => cleanEnv({ CLAUDECODE: '1', ...extra });
    expect(cleanroom(repo, ['check'], agent()).status).toBe(1);
    expect(cleanroom(repo, ['check', '--policy', '../warn.yaml'], agent()).status).toBe(0);
    expect(cleanroom(repo, ['check'], agent({ CLEANROOM_POLICY: '../warn.yaml' })).status).toBe(0);
    git(repo, ['config', 'cleanroom.policy', '../warn.yaml']);
    const r = cleanroom(repo, ['check'], agent());
    expect(r.stdout).toContain('warning: 1 protected change would need a human review');
    expect(r.status).toBe(0);
    const missing = cleanroom(repo, ['check', '--policy', 'nope.yaml'], agent());
    expect(missing.stderr).toMatch(/nope\.yaml: policy file not found/);
    expect(missing.status).toBe(2);
  });

  it('judges by the committed policy, not by the working-tree edit', () => {
    const repo = repoWithPolicy();
    writePolicy(repo, EXAMPLE_POLICY.replace('mode: enforce', 'mode: warn'));
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', 'datasets']);
    const r = cleanroom(repo, ['check'], cleanEnv({ CLAUDECODE: '1' }));
    expect(r.stdout).toContain('policy .cleanroom/policy.yaml@HEAD');
    expect(r.status).toBe(1);
  });

  it('uses the embedded default policy in a repository without one', () => {
    const repo = initRepo();
    write(repo, 'evals/x.jsonl', '1\n');
    git(repo, ['add', '.']);
    const r = cleanroom(repo, ['check'], cleanEnv({ GEMINI_CLI: '1' }));
    expect(r.stdout).toContain('policy <embedded default>');
    expect(r.stdout).toContain('evals/** requires review-if-assistant');
    expect(r.status).toBe(1);
  });
});

describe('cleanroom policy check', () => {
  it('summarises a valid policy', () => {
    const repo = repoWithPolicy();
    const r = cleanroom(repo, ['policy', 'check']);
    expect(r.stdout).toMatch(/policy\.yaml: valid \(mode enforce, 3 protect rules, builtin catalog on\)/);
    expect(r.status).toBe(0);
  });

  it('reports every problem with file:line:col and exits 2', () => {
    const repo = initRepo();
    write(repo, 'bad.yaml', EXAMPLE_POLICY.replace('mode: enforce', 'mode: enforced').replace('threshold: 1', 'threshold: zero'));
    const r = cleanroom(repo, ['policy', 'check', 'bad.yaml']);
    expect(r.stderr).toMatch(/bad\.yaml:3:7: .*enforce/);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: .*threshold/);
    expect(r.status).toBe(2);
  });

  it('prints the JSON Schema', () => {
    const r = cleanroom(initRepo(), ['policy', 'schema']);
    expect(JSON.parse(r.stdout).properties.protect).toBeDefined();
  });
});

describe('cleanroom demo and help', () => {
  it('walks the scratch repository through a blocked assistant and a passing human', () => {
    const r = cleanroom(initRepo(), ['demo'], cleanEnv({ CLAUDECODE: '1' }));
    expect(r.stdout).toContain('=> allowed (expected allowed)');
    expect(r.stdout).toContain('cleanroom prepare-commit-msg: blocked');
    expect(r.stdout).toContain('demo passed');
    expect(r.status).toBe(0);
  });

  it.each([['--help'], ['check', '--help'], ['hook', '--help'], ['policy', '--help'], ['init', '--help'], ['demo', '--help']])('%s prints usage and exits 0', (...args) => {
    const r = cleanroom(initRepo(), args);
    expect(r.stdout).toMatch(/usage: cleanroom/);
    expect(r.status).toBe(0);
  });

  it('prints the version', () => {
    expect(cleanroom(initRepo(), ['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the compiled-code cache (src/launch.ts)', () => {
  const uid = process.getuid?.() ?? 'user';
  function setup() {
    const repo = repoWithPolicy();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.']);
    const tmp = tempDir('tmp');
    return { repo, tmp, dir: path.join(tmp, `cleanroom-${uid}`), env: (extra: Record<string, string> = {}) => cleanEnv({ TMPDIR: tmp, ...extra }) };
  }
  const codeFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('code-')) : []);
  const verdictOf = (r: { status: number | null; stdout: string }) => [r.status, r.stdout];

  it('is written once per command, kept while V8 takes it, and changes no verdict', () => {
    const { repo, dir, env } = setup();
    const first = cleanroom(repo, ['check'], env({ CLAUDECODE: '1' }));
    expect(first.status).toBe(1);
    const [file] = codeFiles(dir);
    expect(file).toMatch(/^code-[0-9a-f]{16}-v\d+\.\d+\.\d+-[\w]+-check\.bin$/);
    const written = fs.readFileSync(path.join(dir, file as string));
    const again = cleanroom(repo, ['check'], env({ CLAUDECODE: '1' }));
    expect(verdictOf(again)).toEqual(verdictOf(first));
    // Not rewritten: V8 accepted it (a refused cache is written anew).
    expect(fs.readFileSync(path.join(dir, file as string)).equals(written)).toBe(true);
    expect(cleanroom(repo, ['check'], env()).status).toBe(0);
    cleanroom(repo, ['hook', 'pre-commit'], env());
    expect(codeFiles(dir).sort()).toEqual([file, file?.replace(/-check\.bin$/, '-hook-pre-commit.bin')].sort());
  });

  it("survives a damaged cache, rewrites it, and drops other builds' stale caches", () => {
    const { repo, dir, env } = setup();
    const first = cleanroom(repo, ['check'], env({ CLAUDECODE: '1' }));
    const [file] = codeFiles(dir);
    const garbage = Buffer.alloc(4096, 0x5a);
    fs.writeFileSync(path.join(dir, file as string), garbage);
    // Another install's caches: one written just now (in use beside this one), one long ago.
    const recent = 'code-1111111111111111-v20.0.0-x64-check.bin';
    const stale = 'code-0000000000000000-v20.0.0-x64-check.bin';
    fs.writeFileSync(path.join(dir, recent), garbage);
    fs.writeFileSync(path.join(dir, stale), garbage);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(path.join(dir, stale), twoDaysAgo, twoDaysAgo);
    expect(verdictOf(cleanroom(repo, ['check'], env({ CLAUDECODE: '1' })))).toEqual(verdictOf(first));
    expect(fs.readFileSync(path.join(dir, file as string)).equals(garbage)).toBe(false);
    expect(codeFiles(dir).sort()).toEqual([file, recent].sort());
  });

  it.runIf(process.platform !== 'win32')('is neither read nor written in a folder others can write to', () => {
    const { repo, dir, env } = setup();
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o777);
    const r = cleanroom(repo, ['check'], env({ CLAUDECODE: '1' }));
    expect(r.status).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('a damaged install', () => {
  // A copy of the package's bin/ with dist/ missing, then with only the launcher in it.
  function install(distFiles: readonly string[]): string {
    const root = tempDir('install');
    fs.cpSync(path.join(PACKAGE_ROOT, 'bin'), path.join(root, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(root, 'dist'));
    for (const f of distFiles) fs.copyFileSync(path.join(PACKAGE_ROOT, 'dist', f), path.join(root, 'dist', f));
    return path.join(root, 'bin', 'cleanroom.js');
  }

  it.each([
    { name: 'no dist/ at all', dist: [], says: 'the compiled CLI (dist/) is missing; run `npm ci`' },
    { name: 'the launcher without the CLI bundle', dist: ['launch.cjs'], says: 'cannot start the compiled CLI (ENOENT' },
  ])('$name: says what to do, exit 2, no stack trace', ({ dist, says }) => {
    const r = spawnSync(process.execPath, [install(dist), '--version'], { env: cleanEnv(), encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
    expect(r.stderr).toContain(says);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
  });

  it('a CLI bundle that does not load: a commit hook still ends (exit 2) instead of leaving git waiting', () => {
    const cli = install(['launch.cjs']);
    fs.writeFileSync(path.join(path.dirname(cli), '..', 'dist', 'cli.cjs'), 'this is not JavaScript (;\n');
    const repo = initRepo();
    // A hook that judges the index starts git's object reader before the bundle loads.
    const r = spawnSync(process.execPath, [cli, 'hook', 'pre-commit'], { cwd: repo, env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.stderr).toContain('cannot start the compiled CLI');
    expect(r.status).toBe(2);
  });
});
