/**
 * Push shapes that once made the server gate slow: many refs at one commit, wide octopus merges,
 * long histories of merges. Real pushes into bare repositories with hooks/pre-receive symlinked
 * in and the server's policy outside the repository, as test/server.test.ts sets them up. What is
 * counted is the git processes the gate spawns (GIT_TRACE names each one), which no machine's
 * speed can change; how long the shapes take is measured by `npm run bench -- --only shapes`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, git, gitTry, HOOKS, HUMAN, initRepo, tempDir, write, CHILD_TIMEOUT_MS } from './helpers/git.js';
import { EXAMPLE_POLICY } from './helpers/policy.js';
import { mayHoldProtected } from '../src/inspect.js';

const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const WHEN = '1767225600 +0000';
const ME = `${HUMAN.name} <${HUMAN.email}> ${WHEN}`;

const human = cleanEnv();
const keys = tempDir('keys');
const alice = { key: path.join(keys, 'alice') };
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice', '-f', alice.key], { env: human, timeout: CHILD_TIMEOUT_MS });
const ALICE_SIGNER = `alice@example.org namespaces="cleanroom-review-v1" ${fs.readFileSync(`${alice.key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')}`;

/** What the gate told the pusher about one ref (the text after "cleanroom pre-receive <ref>: "). */
function section(stderr: string, ref: string): string {
  const text = stderr.replace(/^remote: /gm, '');
  const start = text.indexOf(`cleanroom pre-receive ${ref}: `);
  if (start < 0) return '';
  const rest = text.slice(start + `cleanroom pre-receive ${ref}: `.length);
  const end = rest.search(/^cleanroom /m);
  return end < 0 ? rest : rest.slice(0, end);
}

function makeServer(policy = EXAMPLE_POLICY): { bare: string; url: string } {
  const root = tempDir('served');
  const bare = path.join(root, 'srv.git');
  git(root, ['init', '-q', '--bare', '-b', 'main', bare]);
  const config = tempDir('server-config');
  fs.writeFileSync(path.join(config, 'policy.yaml'), policy);
  fs.writeFileSync(path.join(config, 'allowed_signers'), `${ALICE_SIGNER}\n`);
  fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
  git(bare, ['config', 'cleanroom.policy', path.join(config, 'policy.yaml')]);
  return { bare, url: `file://${bare}` };
}

/** A client whose history (the repository's policy and reviewers) is already on the server. */
function clientOf(server: { url: string }): string {
  const client = initRepo();
  write(client, '.cleanroom/policy.yaml', EXAMPLE_POLICY);
  write(client, '.cleanroom/allowed_signers', `${ALICE_SIGNER}\n`);
  git(client, ['add', '-A']);
  git(client, ['commit', '-q', '-m', 'policy and reviewers']);
  git(client, ['remote', 'add', 'origin', server.url]);
  const first = gitTry(client, ['push', '-q', 'origin', 'main']);
  expect(first.status).toBe(0);
  return client;
}

/** A push with every git process it starts written to a trace file; returns what the pusher saw
 *  and how many times each of the gate's history commands ran. */
function tracedPush(repo: string, args: string[]): { status: number; stderr: string; revLists: number; diffTrees: number } {
  const trace = path.join(tempDir('trace'), 'trace.txt');
  const r = gitTry(repo, ['push', ...args], cleanEnv({ GIT_TRACE: trace }));
  const lines = fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8').split('\n') : [];
  const count = (command: RegExp) => lines.filter((l) => command.test(l)).length;
  return { status: r.status, stderr: r.stderr, revLists: count(/trace: built-in: git rev-list --parents/), diffTrees: count(/trace: built-in: git diff-tree/) };
}

/** `git fast-import` for many commits in one process; `marks` maps a mark to its commit. */
function fastImport(repo: string, stream: string): void {
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, env: cleanEnv(), input: stream, timeout: CHILD_TIMEOUT_MS });
}
const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;

/**
 * An octopus merge onto main of `sides` side branches, each adding its own file under datasets/
 * (a human's); `extra` files are the merge's own additions, found against no parent.
 */
function octopus(repo: string, sides: number, opts: { extra?: Record<string, string>; message?: string } = {}): string {
  const base = git(repo, ['rev-parse', 'HEAD']);
  let stream = '';
  for (let i = 1; i <= sides; i++) {
    stream += `commit refs/heads/side${i}\nmark :${i}\ncommitter ${ME}\n${data(`side ${i}`)}from ${base}\nM 100644 inline datasets/side-${i}.jsonl\n${data(`{"side": ${i}}`)}`;
  }
  const files = { ...Object.fromEntries(Array.from({ length: sides }, (_, i) => [`datasets/side-${i + 1}.jsonl`, `{"side": ${i + 1}}`])), ...opts.extra };
  stream += `commit refs/heads/main\ncommitter ${ME}\n${data(opts.message ?? 'merge the sides')}from ${base}\n`;
  for (let i = 1; i <= sides; i++) stream += `merge :${i}\n`;
  for (const [file, content] of Object.entries(files)) stream += `M 100644 inline ${file}\n${data(content)}`;
  fastImport(repo, stream);
  git(repo, ['reset', '-q', '--hard', 'main']);
  return git(repo, ['rev-parse', 'HEAD']);
}

describe('many refs at one commit', () => {
  it('lists and diffs the commits of a push of one commit and 400 tags once, not once per ref', () => {
    const server = makeServer();
    const client = clientOf(server);
    write(client, 'datasets/a.jsonl', '{"human": true}\n');
    git(client, ['add', '-A']);
    git(client, ['commit', '-q', '-m', 'data']);
    const tip = git(client, ['rev-parse', 'HEAD']);
    // 300 lightweight tags and 100 annotated ones (each its own tag object, peeled to the same commit).
    execFileSync('git', ['update-ref', '--stdin'], {
      cwd: client,
      env: cleanEnv(),
      input: Array.from({ length: 300 }, (_, i) => `create refs/tags/light${i} ${tip}\n`).join(''),
      timeout: CHILD_TIMEOUT_MS,
    });
    const tagDir = tempDir('tags');
    const tagFiles = Array.from({ length: 100 }, (_, i) => {
      const file = path.join(tagDir, `t${i}`);
      fs.writeFileSync(file, `object ${tip}\ntype commit\ntag heavy${i}\ntagger ${ME}\n\nrelease ${i}\n`);
      return file;
    });
    const tagOids = execFileSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin-paths'], {
      cwd: client,
      env: cleanEnv(),
      input: `${tagFiles.join('\n')}\n`,
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
    })
      .trim()
      .split('\n');
    execFileSync('git', ['update-ref', '--stdin'], {
      cwd: client,
      env: cleanEnv(),
      input: tagOids.map((oid, i) => `create refs/tags/heavy${i} ${oid}\n`).join(''),
      timeout: CHILD_TIMEOUT_MS,
    });

    const r = tracedPush(client, ['origin', 'main', '--tags']);
    expect(r.stderr).toContain('refs/heads/main: allowed (checked 1 path in 1 commit, 1 protected');
    expect(r.stderr).toContain('refs/tags/light299: allowed (checked 1 path in 1 commit, 1 protected');
    expect(r.stderr).toContain('refs/tags/heavy99: allowed (checked 1 path in 1 commit, 1 protected');
    expect(r.status).toBe(0);
    expect(git(server.bare, ['for-each-ref', '--format=%(refname)', 'refs/tags']).split('\n')).toHaveLength(400);
    expect({ revLists: r.revLists, diffTrees: r.diffTrees }).toEqual({ revLists: 1, diffTrees: 1 });
  });

  it('still judges each ref with the reviews in its own pushed tip, and on the commits it brings', () => {
    const server = makeServer();
    const client = clientOf(server);
    // An assistant's dataset file, its review signed now but committed only in the next commit.
    write(client, 'datasets/1.jsonl', '{"n": 1}\n');
    git(client, ['add', '-A']);
    const signed = cleanroom(client, ['attest', '--yes', '--key', alice.key, '--reviewer', 'alice@example.org'], human);
    expect(signed.stderr + signed.stdout).toContain('signed by alice@example.org');
    const review = git(client, ['diff', '--cached', '--name-only', '--', '.cleanroom/attestations']);
    git(client, ['rm', '-q', '--cached', '--', review]);
    git(client, ['commit', '-q', '-m', `data\n\n${TRAILER}`]);
    git(client, ['tag', 'v1']);
    git(client, ['add', '-A']);
    git(client, ['commit', '-q', '-m', 'the review']);
    const r = tracedPush(client, ['origin', 'main', 'v1', 'v1^{commit}:refs/heads/old']);
    expect(section(r.stderr, 'refs/heads/main')).toMatch(/^allowed \(checked \d+ paths? in 2 commits/);
    expect(section(r.stderr, 'refs/tags/v1')).toMatch(/^blocked: .*in 1 commit,/);
    expect(section(r.stderr, 'refs/heads/old')).toMatch(/^blocked: .*in 1 commit,/);
    expect(r.status).not.toBe(0);
    expect(r.revLists).toBe(1);
  });
});

describe('octopus merges', () => {
  it('diffs a 40-parent octopus against all its parents with one git process, and allows a clean one', () => {
    const server = makeServer();
    const client = clientOf(server);
    octopus(client, 40);
    const r = tracedPush(client, ['origin', 'main']);
    expect(r.stderr).toContain('refs/heads/main: allowed (checked 40 paths in 41 commits');
    expect(r.status).toBe(0);
    // One diff-tree for every commit against its first parent, one for the merge against the rest.
    expect(r.diffTrees).toBe(2);
  });

  it('finds what an octopus adds itself, against every parent', () => {
    const server = makeServer();
    const client = clientOf(server);
    const merge = octopus(client, 12, { extra: { 'datasets/evil.jsonl': '{"evil": true}' }, message: `merge the sides\n\n${TRAILER}` });
    const r = tracedPush(client, ['origin', 'main']);
    expect(r.stderr).toContain('refs/heads/main: blocked');
    expect(r.stderr).toContain('datasets/evil.jsonl');
    expect(r.stderr).toContain(merge.slice(0, 12));
    expect(r.stderr).not.toContain('datasets/side-1.jsonl');
    expect(r.status).not.toBe(0);
    expect(r.diffTrees).toBe(2);
  });

  it('refuses an octopus wider than limits.max_parents, naming it, without diffing anything', () => {
    const server = makeServer(`${EXAMPLE_POLICY}limits:\n  max_parents: 8\n`);
    const client = clientOf(server);
    const merge = octopus(client, 9);
    const r = tracedPush(client, ['origin', 'main']);
    expect(r.stderr).toContain(`commit ${merge} has 10 parents, more than the 8 the policy allows (limits.max_parents in `);
    expect(r.stderr).toContain('the push is rejected');
    expect(r.status).not.toBe(0);
    expect(git(server.bare, ['rev-parse', 'main'])).not.toBe(merge);
    expect(r.diffTrees).toBe(0);
  });

  it('refuses a commit whose header lists 2,000 parents right after its tree (the default limit)', () => {
    const server = makeServer();
    const client = clientOf(server);
    write(client, 'datasets/wide.jsonl', '{"wide": true}\n');
    git(client, ['add', '-A']);
    const tree = git(client, ['write-tree']);
    const parent = git(client, ['rev-parse', 'HEAD']);
    const raw = `tree ${tree}\n${`parent ${parent}\n`.repeat(2000)}author ${ME}\ncommitter ${ME}\n\nwide\n\n${TRAILER}\n`;
    const wide = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], {
      cwd: client,
      env: cleanEnv(),
      input: raw,
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
    }).trim();
    const r = tracedPush(client, ['origin', `${wide}:refs/heads/main`]);
    expect(r.stderr).toContain(`commit ${wide} has 2000 parents, more than the 128 the policy allows`);
    expect(r.status).not.toBe(0);
    expect(git(server.bare, ['rev-parse', 'main'])).toBe(parent);
    expect(r.diffTrees).toBe(0);
  }, 120_000);
});

describe('histories of merges', () => {
  it('check --range diffs all the merges of a range against their other parents with one git process', () => {
    const repo = initRepo();
    write(repo, '.cleanroom/policy.yaml', EXAMPLE_POLICY);
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'policy']);
    const base = git(repo, ['rev-parse', 'HEAD']);
    // 30 topic branches, each adding a dataset file, each merged into main (the last one's merge
    // also adds an assistant's file of its own).
    let stream = '';
    for (let i = 1; i <= 30; i++) {
      const from = i === 1 ? base : `:${2 * (i - 1)}`;
      stream += `commit refs/heads/topic${i}\nmark :${2 * i - 1}\ncommitter ${ME}\n${data(`topic ${i}`)}from ${from}\nM 100644 inline datasets/t${i}.jsonl\n${data(`{"t": ${i}}`)}`;
      const message = i === 30 ? `merge topic ${i}\n\n${TRAILER}` : `merge topic ${i}`;
      stream += `commit refs/heads/main\nmark :${2 * i}\ncommitter ${ME}\n${data(message)}from ${from}\nmerge :${2 * i - 1}\nM 100644 inline datasets/t${i}.jsonl\n${data(`{"t": ${i}}`)}`;
      if (i === 30) stream += `M 100644 inline datasets/evil.jsonl\n${data('{"evil": true}')}`;
    }
    fastImport(repo, stream);
    const trace = path.join(tempDir('trace'), 'trace.txt');
    const r = cleanroom(repo, ['check', '--range', `${base}..main`, '--format', 'json'], cleanEnv({ GIT_TRACE: trace }));
    const report = JSON.parse(r.stdout) as { outcome: string; findings: { path: string }[] };
    expect(report.findings.map((f) => f.path)).toEqual(['datasets/evil.jsonl']);
    expect(r.status).toBe(1);
    const diffTrees = fs
      .readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => /trace: built-in: git diff-tree/.test(l)).length;
    expect(diffTrees).toBe(2);
  });
});

describe('long histories', () => {
  it('diffs only the commits of a 2,100-commit push that may touch a protected path, and finds every protected change deep inside it', () => {
    const server = makeServer();
    const client = clientOf(server);
    const base = git(client, ['rev-parse', 'HEAD']);
    let stream = '';
    let mark = 0;
    const commit = (message: string, files: string, from?: string, merge?: string) => {
      stream += `commit refs/heads/main\nmark :${++mark}\ncommitter ${ME}\n${data(message)}${from ? `from ${from}\n` : ''}${merge ? `merge ${merge}\n` : ''}${files}`;
      return `:${mark}`;
    };
    const file = (p: string, content: string) => `M 100644 inline ${p}\n${data(content)}`;
    let tip = commit('first', file('src/m0/f.txt', '0'), base);
    for (let i = 1; i <= 2100; i++) {
      if (i === 3) {
        // A case variant of the protected folder, added by an assistant and gone two commits later.
        tip = commit(`deep ${i}\n\n${TRAILER}`, file('DataSets/deep.jsonl', '{"deep": true}'));
      } else if (i === 5) {
        tip = commit(`gone ${i}`, 'D DataSets/deep.jsonl\n');
      } else if (i === 1000) {
        // A side branch merged back, the merge itself adding an assistant's dataset file.
        stream += `commit refs/heads/side\nmark :${++mark}\ncommitter ${ME}\n${data('side')}from ${tip}\n${file('src/side.txt', 'side')}`;
        const side = `:${mark}`;
        tip = commit(`merge side\n\n${TRAILER}`, file('src/side.txt', 'side') + file('datasets/evil.jsonl', '{"evil": true}'), tip, side);
      } else tip = commit(`change ${i}`, file(`src/m${i % 50}/f.txt`, `${i}`));
    }
    fastImport(client, stream);
    git(client, ['reset', '-q', '--hard', 'main']);
    const r = tracedPush(client, ['origin', 'main']);
    // Paths: the two protected ones, and src/m0/f.txt of the push's first commit, diffed because
    // its parent is not in the walk (so whether it changed anything is not known without a diff).
    expect(section(r.stderr, 'refs/heads/main')).toMatch(/^blocked: 2 protected changes need a human review \(checked 4 paths in 2,?102 commits, 2 protected/);
    expect(r.stderr).toContain('DataSets/deep.jsonl');
    expect(r.stderr).toContain('datasets/evil.jsonl');
    expect(r.status).not.toBe(0);
    // The whole history listed once, the commits that may touch a protected path once more.
    expect(r.revLists).toBe(1);
  }, 120_000);
});

describe('long histories and lineage', () => {
  it('rejects a human move, deep in a 2,100-commit push, of bytes an assistant wrote in an unprotected folder near its start', () => {
    const server = makeServer();
    const client = clientOf(server);
    const base = git(client, ['rev-parse', 'HEAD']);
    const draft = Array.from({ length: 8 }, (_, i) => `{"task": ${i}, "prompt": "compute the ${i}th prime below ten thousand", "answer": "tbd"}\n`).join('');
    let stream = '';
    let mark = 0;
    const commit = (message: string, files: string, from?: string) => {
      stream += `commit refs/heads/main\nmark :${++mark}\ncommitter ${ME}\n${data(message)}${from ? `from ${from}\n` : ''}${files}`;
    };
    const file = (p: string, content: string) => `M 100644 inline ${p}\n${data(content)}`;
    commit('first', file('src/m0/f.txt', '0'), base);
    for (let i = 1; i <= 2100; i++) {
      // The assistant's commit touches no folder that can hold a protected path: the narrowed walk
      // never diffs it, and lineage must still know what it wrote.
      if (i === 3) commit(`draft ${i}\n\n${TRAILER}`, file('scratch/draft.jsonl', draft));
      else if (i === 2000) commit(`promote ${i}`, `D scratch/draft.jsonl\n${file('datasets/draft.jsonl', draft)}`);
      else commit(`change ${i}`, file(`src/m${i % 50}/f.txt`, `${i}`));
    }
    fastImport(client, stream);
    git(client, ['reset', '-q', '--hard', 'main']);
    const r = tracedPush(client, ['origin', 'main']);
    expect(r.stderr).toMatch(/lineage first written by assistant commit [0-9a-f]{7} at scratch\/draft\.jsonl/);
    expect(r.stderr).toContain('the push is rejected');
    expect(r.status).not.toBe(0);
  }, 120_000);
});

describe('which top-level folders a long walk may leave out', () => {
  const tops = ['datasets', 'benchmarks', 'cleanroom'];
  it.each([
    ['datasets', true],
    ['DataSets', true],
    ['datasets.', true],
    ['datasets ', true],
    ['data\u200Csets', true],
    ['DATASE~1', true],
    ['BE~1', true],
    ['bench', true],
    ['ｄａｔａｓｅｔｓ', true],
    ['.cleanroom', true],
    ['', true],
    ['src', false],
    ['docs', false],
    ['data-old', false],
  ])('%j may hold a protected path: %s', (name, expected) => {
    expect(mayHoldProtected(tops, name)).toBe(expected);
  });

  it('none, when a protected pattern starts with a wildcard', () => {
    expect(mayHoldProtected([null], 'src')).toBe(true);
  });
});
