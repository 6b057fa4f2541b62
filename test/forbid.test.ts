/**
 * forbid-assistant and exclude globs end to end with real git: the local hooks, the server's
 * pre-receive, check (SARIF), scan, verify and policy check all refuse assistant-made content under
 * a ban, whatever reviews exist, and let a person's through; lineage and recorded provenance count
 * as assistant-made; an exception lets in only the exact path it names.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, CHILD_TIMEOUT_MS, fixtureCopy, git, gitTry, HOOKS, installHooks, seedRepo, tempDir, write } from './helpers/git.js';
import { FORBID_POLICY } from './helpers/forbid.js';

const keys = tempDir('keys');
const aliceKey = path.join(keys, 'alice');
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice', '-f', aliceKey], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS });
const ALICE = `alice@example.org namespaces="cleanroom-review-v1" ${fs.readFileSync(`${aliceKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')}`;

const human = cleanEnv();
const agent = cleanEnv({ CLAUDECODE: '1' });
const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
/** Eight tasks, each line long enough to count for lineage. */
const TASKS = Array.from({ length: 8 }, (_, i) => `{"task": ${i}, "prompt": "compute the ${i}th prime below ten thousand", "answer": "tbd"}\n`).join('');

function setup(): string {
  // Built once, then copied (fixtureCopy).
  return fixtureCopy(
    'setup',
    (repo) => {
      seedRepo(repo);
      write(repo, '.cleanroom/policy.yaml', FORBID_POLICY);
      write(repo, '.cleanroom/allowed_signers', `${ALICE}\n`);
      git(repo, ['add', '.cleanroom']);
      git(repo, ['commit', '-q', '-m', 'policy and reviewers']);
      installHooks(repo);
    },
    'repo',
  );
}

function attest(repo: string): void {
  const r = cleanroom(repo, ['attest', '--yes', '--key', aliceKey, '--reviewer', 'alice@example.org'], human);
  expect(r.stderr + r.stdout).toContain('signed by alice@example.org');
  expect(r.status).toBe(0);
}

/** A commit no local hook judges (as one pushed from elsewhere). */
function commitPast(repo: string, files: Record<string, string>, message: string): string {
  for (const [file, content] of Object.entries(files)) write(repo, file, content);
  git(repo, ['add', '-A']);
  git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', message], human);
  return git(repo, ['rev-parse', 'HEAD']);
}

describe('forbid-assistant at the local hooks', () => {
  it('blocks an assistant, even with a valid review of the very content, and says a person must write it', () => {
    const repo = setup();
    write(repo, 'benchmarks/t.json', TASKS);
    git(repo, ['add', '.'], human);
    attest(repo);
    const r = gitTry(repo, ['commit', '-m', 'tasks'], agent);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('blocked: 1 protected change only a person may make');
    expect(r.stderr).toContain('rule:   benchmarks/** requires forbid-assistant (.cleanroom/policy.yaml@HEAD:7)');
    expect(r.stderr).toContain('reason: assistant-generated content in a path only a person may write (forbid-assistant); no review admits it');
    expect(r.stderr).toContain('a person writes benchmarks/t.json themselves, outside any assistant, and commits it');
    expect(r.stderr).not.toContain('cleanroom attest --');
    expect(r.stderr).toContain('Only a person may write content under a forbid-assistant path');
    expect(git(repo, ['log', '-1', '--format=%s'])).toBe('policy and reviewers');
  });

  it('lets a person write it, without a review', () => {
    const repo = setup();
    write(repo, 'benchmarks/t.json', TASKS);
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'tasks'], human);
    expect(r.stderr).toContain('cleanroom pre-commit: allowed');
    expect(r.status).toBe(0);
  });

  it('blocks what a person moves in after an assistant first wrote it elsewhere (lineage)', () => {
    const repo = setup();
    write(repo, 'scratch/t1.jsonl', TASKS);
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', `draft\n\n${TRAILER}`], human);
    fs.mkdirSync(path.join(repo, 'benchmarks'));
    git(repo, ['mv', 'scratch/t1.jsonl', 'benchmarks/t1.jsonl']);
    const r = gitTry(repo, ['commit', '-m', 'move tasks'], human);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/lineage first written by assistant commit [0-9a-f]{7} at scratch\/t1\.jsonl/);
    expect(r.stderr).toContain('requires forbid-assistant');
  });

  it('blocks a person committing what an assistant was recorded writing (cleanroom record)', () => {
    const repo = setup();
    write(repo, 'benchmarks/task-17.json', TASKS);
    const payload = {
      session_id: 'sess-42',
      transcript_path: '/tmp/t.jsonl',
      cwd: repo,
      hook_event_name: 'PostToolUse',
      tool_name: 'Write',
      tool_input: { file_path: path.join(repo, 'benchmarks/task-17.json'), content: TASKS },
      tool_response: { type: 'create', filePath: path.join(repo, 'benchmarks/task-17.json') },
      tool_use_id: 'toolu_1',
    };
    expect(cleanroom(repo, ['record', 'claude-code'], human, JSON.stringify(payload)).status).toBe(0);
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'add task'], human);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/recorded claude-code wrote exactly this content as benchmarks\/task-17\.json/);
    expect(r.stderr).toContain('only a person may make');
  });
});

describe('exclude at the local hooks', () => {
  it('lets an assistant write the exact exception, and nothing that merely resembles it', () => {
    const repo = setup();
    write(repo, 'benchmarks/README.md', '# How the tasks are built\n');
    git(repo, ['add', '.'], human);
    const ok = gitTry(repo, ['commit', '-m', 'readme'], agent);
    // Nothing protected was touched, so the pass says nothing at all.
    expect([ok.status, ok.stderr]).toEqual([0, '']);

    for (const alias of ['benchmarks/readme.MD', 'Benchmarks/README.md', 'benchmarks/README.md.', 'benchmarks/READ~1.MD']) {
      write(repo, alias, TASKS);
      git(repo, ['add', '--', alias], human);
      const r = gitTry(repo, ['commit', '-m', 'alias'], agent);
      expect([alias, r.status]).not.toEqual([alias, 0]);
      expect(r.stderr).toContain('requires forbid-assistant');
      git(repo, ['rm', '-q', '--cached', '--', alias], human);
      fs.rmSync(path.join(repo, alias));
    }
  });

  it('refuses a symlink at the exception that would show other content below the ban', () => {
    const repo = setup();
    write(repo, 'scratch/t.json', TASKS);
    fs.mkdirSync(path.join(repo, 'benchmarks'));
    fs.symlinkSync('../scratch', path.join(repo, 'benchmarks/README.md'));
    git(repo, ['add', '-A'], human);
    const r = gitTry(repo, ['commit', '-m', 'link'], human);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('benchmarks/README.md (added)');
    expect(r.stderr).toContain('a symlink or submodule here would show content from outside the protected paths');
  });

  it('blocks a person renaming the assistant-written exception to a banned name', () => {
    const repo = setup();
    write(repo, 'benchmarks/README.md', TASKS);
    git(repo, ['add', '.'], human);
    expect(gitTry(repo, ['commit', '-m', `readme\n\n${TRAILER}`], human).status).toBe(0);
    git(repo, ['mv', 'benchmarks/README.md', 'benchmarks/t.json']);
    const r = gitTry(repo, ['commit', '-m', 'rename'], human);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/lineage first written by assistant commit [0-9a-f]{7} at benchmarks\/README\.md/);
  });
});

describe('forbid-assistant at the gates and in the reports', () => {
  it("the server rejects an assistant commit with a review of its content, and takes a person's", () => {
    const seed = setup();
    const bare = path.join(tempDir('served'), 'srv.git');
    git(path.dirname(bare), ['init', '-q', '--bare', '-b', 'main', bare]);
    git(seed, ['push', '-q', `file://${bare}`, 'main']);
    const config = tempDir('server-config');
    fs.writeFileSync(path.join(config, 'policy.yaml'), FORBID_POLICY);
    fs.writeFileSync(path.join(config, 'allowed_signers'), `${ALICE}\n`);
    fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
    git(bare, ['config', 'cleanroom.policy', path.join(config, 'policy.yaml')]);

    write(seed, 'benchmarks/t.json', TASKS);
    git(seed, ['add', '.'], human);
    attest(seed);
    const bad = commitPast(seed, {}, `tasks\n\n${TRAILER}`);
    const rejected = gitTry(seed, ['push', `file://${bare}`, 'main'], human);
    expect(rejected.status).not.toBe(0);
    expect(rejected.stderr).toContain('blocked: 1 protected change only a person may make');
    expect(rejected.stderr).toContain(`benchmarks/t.json (added in commit ${bad.slice(0, 12)})`);
    expect(git(bare, ['rev-parse', 'main'])).not.toBe(bad);

    git(seed, ['reset', '-q', '--hard', 'HEAD^']);
    const good = commitPast(seed, { 'benchmarks/t.json': TASKS }, 'tasks I wrote');
    const accepted = gitTry(seed, ['push', `file://${bare}`, 'main'], human);
    expect(accepted.status).toBe(0);
    expect(git(bare, ['rev-parse', 'main'])).toBe(good);
  });

  it('check --range names it in SARIF as CR004, scan lists it, verify says FORBIDDEN', () => {
    const repo = setup();
    const base = git(repo, ['rev-parse', 'HEAD']);
    write(repo, 'benchmarks/t.json', TASKS);
    git(repo, ['add', '.'], human);
    attest(repo);
    const bad = commitPast(repo, {}, `tasks\n\n${TRAILER}`);

    const sarif = cleanroom(repo, ['check', '--range', `${base}..${bad}`, '--format', 'sarif'], human);
    expect(sarif.status).toBe(1);
    const run = JSON.parse(sarif.stdout).runs[0];
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['CR004']);
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'CR004');
    expect(rule.name).toBe('assistant-content-forbidden');
    expect(rule.help.text).toContain('Only a person may write content under a forbid-assistant path');

    const scan = cleanroom(repo, ['scan', `${base}..${bad}`, '--format', 'json'], human);
    expect(scan.status).toBe(1);
    expect(JSON.parse(scan.stdout).findings.map((f: { path: string; reason: string }) => [f.path, f.reason])).toEqual([['benchmarks/t.json', 'forbidden']]);

    const verify = cleanroom(repo, ['verify', bad], human);
    expect(verify.stdout).toContain('FORBIDDEN   benchmarks/t.json');
    expect(verify.status).toBe(1);

    git(repo, ['reset', '-q', '--hard', base]);
    const good = commitPast(repo, { 'benchmarks/t.json': TASKS }, 'tasks I wrote');
    const ok = cleanroom(repo, ['verify', good], human);
    expect(ok.stdout).toContain('by a person benchmarks/t.json');
    expect(ok.status).toBe(0);
  });

  it("verify: a review does not cover assistant content under a ban that review-always also holds; it covers a person's", () => {
    const repo = setup();
    write(repo, 'benchmarks/gold/a.json', TASKS);
    git(repo, ['add', '.'], human);
    attest(repo);
    const bad = commitPast(repo, {}, `gold\n\n${TRAILER}`);
    const v = cleanroom(repo, ['verify', bad], human);
    expect(v.stdout).toContain('FORBIDDEN   benchmarks/gold/a.json');
    expect(v.status).toBe(1);
    git(repo, ['commit', '-q', '--amend', '-m', 'gold, by a person'], human);
    const ok = cleanroom(repo, ['verify', 'HEAD'], human);
    expect(ok.stdout).toContain('covered     benchmarks/gold/a.json');
    expect(ok.status).toBe(0);
  });

  it('policy check shows the ban and its exceptions; a bad exclude is refused with its position', () => {
    const repo = setup();
    const ok = cleanroom(repo, ['policy', 'check', '.cleanroom/policy.yaml'], human);
    expect(ok.stdout).toContain('  benchmarks/**  forbid-assistant  (except benchmarks/README.md, benchmarks/docs/**)');
    expect(ok.status).toBe(0);
    write(repo, 'bad.yaml', FORBID_POLICY.replace('exclude: ["benchmarks/README.md", "benchmarks/docs/**"]', 'exclude: ["../README.md", 3]'));
    const bad = cleanroom(repo, ['policy', 'check', 'bad.yaml'], human);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:9:31: protect[1].exclude[1]: found 3; expected a glob such as "benchmarks/README.md", matched exactly as written');
    write(repo, 'bad.yaml', FORBID_POLICY.replace('exclude: ["benchmarks/README.md", "benchmarks/docs/**"]', 'exclude: ["../README.md"]'));
    const dots = cleanroom(repo, ['policy', 'check', 'bad.yaml'], human);
    expect(dots.status).toBe(2);
    expect(dots.stderr).toContain('bad.yaml:9:15: protect[1].exclude[0]: glob "../README.md" has a ".." segment');
  });
});
