/**
 * action.yml: its metadata as GitHub reads it, and its check step's script run for real with bash
 * against a clone of a bare "origin", the way actions/checkout with fetch-depth 0 leaves one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanEnv, cleanroom, git, initRepo, ROOT, run, tempDir, write } from './helpers/git.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
}
interface Action {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const steps = action.runs.steps;

/** Every `inputs.NAME` an expression in `value` reads: inside `${{ }}`, and anywhere in an `if:`,
 *  which GitHub evaluates as an expression without the braces. */
function inputRefs(value: unknown): string[] {
  const expressions: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') expressions.push(...(key === 'if' ? [v] : [...v.matchAll(/\$\{\{(.*?)\}\}/gs)].map((m) => m[1]!)));
    else if (Array.isArray(v)) for (const item of v) walk(item, '');
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, k);
  };
  walk(value, '');
  return expressions.flatMap((e) => [...e.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!));
}

describe('action.yml', () => {
  it('is a composite action whose steps use only the inputs it declares', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['base', 'head', 'policy', 'sarif-file', 'upload-sarif']);
    for (const input of Object.values(action.inputs)) expect(input.description).not.toBe('');
    const used = new Set([...inputRefs(steps), ...inputRefs(action.outputs)]);
    expect([...used].filter((name) => !(name in action.inputs))).toEqual([]);
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const output of Object.values(action.outputs)) expect(output.value).toMatch(/^\$\{\{ steps\.check\.outputs\.[a-z-]+ \}\}$/);
  });

  it('passes values to scripts through env, never as expressions inside a script', () => {
    for (const step of steps.filter((s) => s.run !== undefined)) {
      expect(step.shell).toBe('bash');
      expect(step.run).not.toContain('${{');
    }
  });

  it('sets up Node 20, installs from its own checkout, and uploads SARIF only when asked', () => {
    expect(steps[0]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    expect(steps.find((s) => s.run?.includes('npm ci'))?.run).toContain('npm ci --prefix "$GITHUB_ACTION_PATH"');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload).toMatchObject({ if: "inputs.upload-sarif == 'true'", with: { sarif_file: '${{ steps.check.outputs.sarif-file }}' } });
    const fail = steps.at(-1)!;
    expect(fail.if).toBe("steps.check.outputs.exit-code == '1'");
    expect(fail.run).toContain('exit 1');
  });
});

const checkStep = steps.find((s) => s.id === 'check')!;
const ZEROS = '0'.repeat(40);

/** The check step's env as the runner would expand it, for the given inputs. */
function stepEnv(inputs: Record<string, string>): Record<string, string> {
  const github: Record<string, string> = { 'github.event.repository.default_branch': 'main' };
  return Object.fromEntries(
    Object.entries(checkStep.env ?? {}).map(([key, expr]) => {
      const inner = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(expr)?.[1] ?? '';
      const input = /^inputs\.([\w-]+)$/.exec(inner)?.[1];
      const value = input !== undefined ? (inputs[input] ?? action.inputs[input]?.default ?? '') : github[inner];
      if (value === undefined) throw new Error(`the test does not know ${expr}`);
      return [key, value];
    }),
  );
}

/** A developer repository with the example policy on main, pushed to a bare origin. */
function project(): { dev: string; origin: string; main: string } {
  const dev = initRepo();
  writePolicy(dev, EXAMPLE_POLICY);
  git(dev, ['add', '.cleanroom']);
  git(dev, ['commit', '-q', '-m', 'policy']);
  const origin = tempDir('origin');
  git(origin, ['init', '-q', '--bare', '-b', 'main']);
  git(dev, ['remote', 'add', 'origin', origin]);
  git(dev, ['push', '-q', 'origin', 'main']);
  return { dev, origin, main: git(dev, ['rev-parse', 'HEAD']) };
}

function commitFile(repo: string, file: string, content: string, message: string): string {
  write(repo, file, content);
  git(repo, ['add', '--', file]);
  git(repo, ['commit', '-q', '-m', message]);
  return git(repo, ['rev-parse', 'HEAD']);
}

/** A pushed branch `relax` whose first commit unprotects datasets/ and whose second puts an
 *  assistant's file there: judged by its own policy it would pass. Returns the tip. */
function relaxAndCommitAssistantData(dev: string): string {
  git(dev, ['switch', '-q', '-c', 'relax']);
  writePolicy(dev, EXAMPLE_POLICY.replace('"datasets/**"', '"nothing-here/**"'));
  git(dev, ['commit', '-q', '-am', 'Stop protecting datasets']);
  const head = commitFile(dev, 'datasets/a.jsonl', '1\n', `data\n\n${CLAUDE}`);
  git(dev, ['push', '-q', 'origin', 'relax']);
  return head;
}

/** Clones origin as the runner's workspace, checks out `head`, and runs the check step. */
function runCheckStep(origin: string, inputs: Record<string, string>, cloneArgs: string[] = []) {
  const workspace = tempDir('workspace');
  git(workspace, ['clone', '-q', ...cloneArgs, cloneArgs.length > 0 ? `file://${origin}` : origin, '.']);
  if (inputs.head) git(workspace, ['checkout', '-q', '--detach', inputs.head]);
  const runner = tempDir('runner');
  const files = { output: path.join(runner, 'output'), summary: path.join(runner, 'summary') };
  const env = cleanEnv({
    ...stepEnv(inputs),
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: runner,
  });
  const r = run('bash', ['-c', checkStep.run!], workspace, env);
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  const outputs = Object.fromEntries(
    read(files.output)
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const sarifFile = path.join(workspace, outputs['sarif-file'] ?? 'cleanroom.sarif');
  const sarif = fs.existsSync(sarifFile) ? JSON.parse(read(sarifFile)) : null;
  return { ...r, workspace, outputs, sarif, summary: read(files.summary) };
}

const CLAUDE = 'Co-Authored-By: Claude <noreply@anthropic.com>';

describe('the action check step', () => {
  it('judges a push from the previous tip, records exit code 1 and writes SARIF without failing yet', () => {
    const { dev, origin, main } = project();
    commitFile(dev, 'README.md', 'changed by hand\n', 'docs');
    const head = commitFile(dev, 'datasets/a.jsonl', '1\n', `data\n\n${CLAUDE}`);
    git(dev, ['push', '-q', 'origin', 'main']);
    const r = runCheckStep(origin, { base: main, head });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'cleanroom.sarif', range: `${main}..${head}` });
    expect(r.stdout).toContain('cleanroom check: blocked: 1 protected change needs a human review (checked 2 paths in 2 commits');
    expect(r.sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['CR001']);
    expect(r.summary).toContain('datasets/a.jsonl (added in commit');
  });

  it('judges a new branch (before all zeros) from its merge-base with the default branch', () => {
    const { dev, origin, main } = project();
    git(dev, ['switch', '-q', '-c', 'topic']);
    commitFile(dev, 'src/x.py', '1\n', 'code');
    const head = commitFile(dev, 'benchmarks/t.md', 'task\n', `task\n\n${CLAUDE}`);
    git(dev, ['push', '-q', 'origin', 'topic']);
    commitFile(dev, 'notes.md', 'later\n', 'unpushed');
    const r = runCheckStep(origin, { base: ZEROS, head, 'sarif-file': 'out/cleanroom.sarif' });
    expect(r.stdout).toContain(`no previous commit for this ref: judging what ${head} adds to main`);
    expect(r.outputs).toMatchObject({ 'exit-code': '1', range: `${main}..${head}`, 'sarif-file': 'out/cleanroom.sarif' });
    expect(r.sarif.runs[0].properties.checked).toEqual({ commits: 2, paths: 2, protectedPaths: 1 });
  });

  it("judges with the default branch's policy, not the one the judged commits bring", () => {
    const { dev, origin, main } = project();
    const head = relaxAndCommitAssistantData(dev);
    const r = runCheckStep(origin, { base: main, head });
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.stdout).toMatch(/rule: {3}datasets\/\*\* requires review-if-assistant \(.*cleanroom-policy-[0-9a-f]{40}\/\.cleanroom\/policy\.yaml:7\)/);
    // What the action avoids: the checked-out tree's own policy lets the same range through.
    expect(cleanroom(r.workspace, ['check', '--range', `${main}..${head}`]).status).toBe(0);
    // An explicit policy input wins.
    const relaxed = path.join(r.workspace, '.cleanroom', 'policy.yaml');
    expect(runCheckStep(origin, { base: main, head, policy: relaxed }).outputs['exit-code']).toBe('0');
  });

  it('allows an allowed range with an empty SARIF result list', () => {
    const { dev, origin, main } = project();
    const head = commitFile(dev, 'datasets/a.jsonl', '1\n', 'human data');
    git(dev, ['push', '-q', 'origin', 'main']);
    const r = runCheckStep(origin, { base: main, head });
    expect(r.status).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.sarif.runs[0].results).toEqual([]);
  });

  it.each([
    ['a shallow checkout', { base: 'main~1' }, ['--depth', '1'], /the checkout is shallow.*fetch-depth: 0/],
    ['a base that cannot be fetched', { base: 'f'.repeat(40) }, [], /base "f{40}" is not a commit in this checkout and cannot be fetched/],
  ])('fails with exit 2 and no verdict on %s', (_label, inputs, cloneArgs, message) => {
    const { dev, origin } = project();
    const head = commitFile(dev, 'datasets/a.jsonl', '1\n', 'human data');
    git(dev, ['push', '-q', 'origin', 'main']);
    const r = runCheckStep(origin, { ...inputs, head }, cloneArgs);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`::error title=cleanroom::${message.source}`));
    expect(r.outputs).toEqual({});
  });
});

/** The job in docs/ci.md as written, so the documented snippet is the tested one. */
function gitlabJob(): { variables: Record<string, string>; before_script: string[]; script: string[]; artifacts: { when: string; paths: string[] } } {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
  const block = /```yaml\n(# \.gitlab-ci\.yml\n[\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/ci.md has no .gitlab-ci.yml block');
  return (parse(block) as { cleanroom: ReturnType<typeof gitlabJob> }).cleanroom;
}

describe('the GitLab job in docs/ci.md', () => {
  const job = gitlabJob();

  it('keeps full history, installs cleanroom where the script runs it, and keeps the verdict of a failed run', () => {
    expect(job.variables).toMatchObject({ GIT_DEPTH: '0' });
    expect(job.before_script.join('\n')).toContain('npm ci --prefix "$CLEANROOM_HOME"');
    expect(job.artifacts).toMatchObject({ when: 'always', paths: ['cleanroom.json'] });
  });

  /** Runs the job's script with POSIX sh in a clone checked out at `head`, the way the runner does. */
  function runJob(origin: string, head: string, vars: Record<string, string>) {
    const workspace = tempDir('gitlab');
    git(workspace, ['clone', '-q', origin, '.']);
    git(workspace, ['checkout', '-q', '--detach', head]);
    const env = cleanEnv({ CLEANROOM_HOME: ROOT, CI_DEFAULT_BRANCH: 'main', CI_COMMIT_SHA: head, TMPDIR: tempDir('tmp'), ...vars });
    const r = run('sh', ['-c', job.script.join('\n')], workspace, env);
    const file = path.join(workspace, 'cleanroom.json');
    return { ...r, verdict: fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null };
  }

  it("judges a merge request from its diff base with the default branch's policy, and fails with exit 1", () => {
    const { dev, origin, main } = project();
    const head = relaxAndCommitAssistantData(dev);
    const r = runJob(origin, head, { CI_MERGE_REQUEST_DIFF_BASE_SHA: main, CI_COMMIT_BEFORE_SHA: ZEROS });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('cleanroom check: blocked: 1 protected change needs a human review (checked 2 paths in 2 commits');
    expect(r.verdict).toMatchObject({ format: 'cleanroom-verdict/v1', outcome: 'blocked', findings: [{ path: 'datasets/a.jsonl' }] });
  });

  it('judges a new branch from its merge-base with the default branch, and passes a human change', () => {
    const { dev, origin } = project();
    git(dev, ['switch', '-q', '-c', 'topic']);
    const head = commitFile(dev, 'datasets/a.jsonl', '1\n', 'human data');
    git(dev, ['push', '-q', 'origin', 'topic']);
    const r = runJob(origin, head, { CI_COMMIT_BEFORE_SHA: ZEROS });
    expect(r.status).toBe(0);
    expect(r.verdict).toMatchObject({ outcome: 'allowed', checked: { commits: 1, paths: 1, protectedPaths: 1 } });
  });
});
