import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from '../cli.js';
import { EXIT } from '../errors.js';
import type { Io } from '../io.js';
import { parseOptions } from './shared.js';
import { PACKAGE_ROOT } from '../paths.js';

const HOOKS_DIR = path.join(PACKAGE_ROOT, 'hooks');

const usage = `usage: cleanroom demo [--keep]

Creates a scratch repository with the embedded default policy and the hooks installed, then
commits to datasets/ three times: as a human (allowed), from an assistant's shell (blocked at
pre-commit), and as Aider does with --no-verify (still blocked, at prepare-commit-msg).
Exits 0 when every step behaved as described. --keep leaves the scratch repository in place.`;

interface Step {
  readonly title: string;
  readonly env: Record<string, string>;
  readonly file: string;
  readonly commitArgs: string[];
  readonly expect: 'allowed' | 'blocked';
}

const STEPS: Step[] = [
  { title: 'A human commits a dataset file', env: {}, file: 'datasets/human.jsonl', commitArgs: [], expect: 'allowed' },
  {
    title: "An assistant's shell (CLAUDECODE=1) commits a dataset file",
    env: { CLAUDECODE: '1' },
    file: 'datasets/generated.jsonl',
    commitArgs: [],
    expect: 'blocked',
  },
  {
    title: 'Aider commits with --no-verify (committer "Ada (aider)")',
    env: { GIT_COMMITTER_NAME: 'Ada (aider)' },
    file: 'datasets/aider.jsonl',
    commitArgs: ['--no-verify'],
    expect: 'blocked',
  },
];

const demo: Command = {
  summary: 'show the gate at work in a scratch repository',
  usage,
  async run(args: string[], io: Io) {
    const { values } = parseOptions('demo', args, { keep: { type: 'boolean' } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanroom-demo-'));
    // The demo must behave the same whoever runs it, so git sees a fixed identity and nothing of
    // the caller's environment but PATH (an assistant running the demo would otherwise be caught).
    const base: NodeJS.ProcessEnv = {
      PATH: io.env.PATH,
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: path.join(dir, '.gitconfig'),
      GIT_AUTHOR_NAME: 'Ada',
      GIT_AUTHOR_EMAIL: 'ada@example.org',
      GIT_COMMITTER_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'ada@example.org',
      ...(io.env.NO_COLOR !== undefined ? { NO_COLOR: io.env.NO_COLOR } : {}),
    };
    fs.writeFileSync(path.join(dir, '.gitconfig'), '');
    const repo = path.join(dir, 'repo');
    const git = (gitArgs: string[], env: NodeJS.ProcessEnv = base) => spawnSync('git', gitArgs, { cwd: repo, env, encoding: 'utf8' });
    const say = (s: string) => io.stdout.write(`${s}\n`);

    fs.mkdirSync(repo);
    git(['init', '-q', '-b', 'main']);
    git(['config', 'core.hooksPath', HOOKS_DIR]);
    fs.writeFileSync(path.join(repo, 'README.md'), 'scratch repository for the cleanroom demo\n');
    git(['add', 'README.md']);
    git(['commit', '-q', '-m', 'initial commit']);
    say(`scratch repository: ${repo}`);
    say(`policy: the embedded default (protects benchmarks/**, datasets/**, evals/**); hooks: core.hooksPath=${HOOKS_DIR}`);

    let ok = true;
    STEPS.forEach((step, i) => {
      fs.mkdirSync(path.join(repo, path.dirname(step.file)), { recursive: true });
      fs.writeFileSync(path.join(repo, step.file), '{"prompt": "2+2", "answer": "4"}\n');
      git(['add', step.file]);
      say(`\n${i + 1}. ${step.title}: $ git commit ${[...step.commitArgs, '-m', `add ${step.file}`].join(' ')}`);
      const r = git(['commit', ...step.commitArgs, '-m', `add ${step.file}`], { ...base, ...step.env });
      io.stdout.write((r.stderr + r.stdout).replace(/^/gm, '   '));
      const outcome = r.status === 0 ? 'allowed' : 'blocked';
      say(`   => ${outcome} (expected ${step.expect})`);
      if (outcome !== step.expect) ok = false;
      if (outcome === 'blocked') git(['restore', '--staged', '--', step.file]);
    });

    say(`\n${ok ? 'demo passed: the gate stopped both assistant commits and let the human through' : 'demo FAILED: an outcome differed from the expectation above'}`);
    if (values.keep) say(`kept: ${repo}`);
    else fs.rmSync(dir, { recursive: true, force: true });
    return ok ? EXIT.allowed : EXIT.blocked;
  },
};

export default demo;
