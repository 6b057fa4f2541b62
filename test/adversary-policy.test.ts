/**
 * Issue 12 (items 3, 6, 7, 8, 9, and inputs made to lock a hook) and issue 19 (aliases a checkout
 * makes), tried as an attacker would: real commits with the shipped hooks, real pushes into bare
 * repositories whose pre-receive is the shipped one, and `check --range` as CI runs it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pae, PAYLOAD_TYPE, serializeEnvelope } from '../src/attest/dsse.js';
import { decodeBase64 } from '../src/attest/dsse.js';
import { keyName } from '../src/cache-dir.js';
import { cleanEnv, cleanroom, fixtureCopy, git, gitTry, HOOKS, initRepo, installHooks, ROOT, tempDir, write, type Run, CHILD_TIMEOUT_MS } from './helpers/git.js';
import { EXAMPLE_POLICY, gatedRepo } from './helpers/policy.js';

const REPOSITORY = 'urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10';
const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const STACK = /^\s+at .*:\d+:\d+\)?$/m;
const human = cleanEnv();
const assistant = cleanEnv({ CLAUDECODE: '1' });

const keys = tempDir('keys');
function makeKey(name: string): { key: string; pub: string } {
  const key = path.join(keys, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key], { env: cleanEnv(), timeout: 20_000 });
  return { key, pub: fs.readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ') };
}
const alice = makeKey('alice');
const aliceLine = (options = ''): string => `alice@example.org namespaces="cleanroom-review-v1"${options} ${alice.pub}`;

/** An envelope signed by `key` with ssh-keygen over a statement of the files, as `cleanroom attest`
 *  writes it but with the predicate fields an attacker chooses. */
function signedReview(repo: string, files: readonly string[], key: string, predicate: Record<string, unknown> = {}): string {
  const subject = files.map((name) => {
    const gitBlob = git(repo, ['rev-parse', `:${name}`]);
    const sha256 = execFileSync('sha256sum', { input: fs.readFileSync(path.join(repo, name)), timeout: CHILD_TIMEOUT_MS })
      .toString()
      .slice(0, 64);
    return { name, digest: { gitBlob, sha256 } };
  });
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject,
    predicateType: 'https://cleanroom.dev/attestation/human-review/v1',
    predicate: { repository: REPOSITORY, reviewer: 'alice@example.org', reviewedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), decision: 'approved', ...predicate },
  };
  const payload = Buffer.from(JSON.stringify(statement));
  const armoured = execFileSync('ssh-keygen', ['-Y', 'sign', '-n', 'cleanroom-review-v1', '-f', key], {
    input: pae(PAYLOAD_TYPE, payload),
    env: cleanEnv(),
    timeout: 20_000,
    stdio: 'pipe',
  }).toString();
  const sig = decodeBase64(
    armoured
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join(''),
  ) as Uint8Array;
  const file = `.cleanroom/attestations/${keyName(payload.toString())}.dsse.json`;
  write(repo, file, serializeEnvelope({ payloadType: PAYLOAD_TYPE, payload, signatures: [{ sig }] }));
  git(repo, ['add', file]);
  return file;
}

interface Server {
  readonly bare: string;
  readonly url: string;
  readonly config: string;
}

/** A bare repository with the shipped pre-receive and its own policy outside it, seeded with a
 *  main whose tree holds the example policy and an allowed_signers naming alice. */
function makeServer(signers = `${aliceLine()}\n`, policy = EXAMPLE_POLICY): Server {
  const served = fixtureCopy(
    JSON.stringify([signers, policy]),
    (dir) => {
      const seed = initRepo();
      write(seed, '.cleanroom/policy.yaml', policy);
      write(seed, '.cleanroom/allowed_signers', signers);
      git(seed, ['add', '-A']);
      git(seed, ['commit', '-q', '-m', 'policy and reviewers']);
      git(seed, ['init', '-q', '--bare', '-b', 'main', path.join(dir, 'srv.git')]);
      git(seed, ['push', '-q', `file://${path.join(dir, 'srv.git')}`, 'main']);
    },
    'served',
  );
  const bare = path.join(served, 'srv.git');
  const config = tempDir('server-config');
  fs.writeFileSync(path.join(config, 'policy.yaml'), policy);
  fs.writeFileSync(path.join(config, 'allowed_signers'), signers);
  fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
  git(bare, ['config', 'cleanroom.policy', path.join(config, 'policy.yaml')]);
  return { bare, url: `file://${bare}`, config };
}

function clone(server: Server): string {
  const dir = tempDir('client');
  git(dir, ['clone', '-q', server.url, '.']);
  return dir;
}

const push = (repo: string, args: string[], env = human): Run => gitTry(repo, ['push', ...args], env);
function refOf(server: Server, ref: string): string | null {
  const r = gitTry(server.bare, ['rev-parse', '--verify', '-q', ref]);
  return r.status === 0 ? r.stdout.trim() : null;
}
function assistantCommit(repo: string, subject: string): string {
  git(repo, ['commit', '-q', '-m', `${subject}\n\n${TRAILER}`]);
  return git(repo, ['rev-parse', 'HEAD']);
}

describe('reviews limited to refs (issue 12, item 3)', () => {
  it('a review signed for one branch never carries content onto another, on the server or in check --range', () => {
    const server = makeServer();
    const client = clone(server);
    write(client, 'datasets/a.jsonl', '{"q": 1}\n');
    git(client, ['add', '-A']);
    signedReview(client, ['datasets/a.jsonl'], alice.key, { refs: ['refs/heads/release'] });
    const tip = assistantCommit(client, 'data, reviewed for release only');
    // Today's attack: admitted on release, then main fast-forwarded to the same commit.
    const toRelease = push(client, ['origin', 'HEAD:refs/heads/release']);
    const toMain = push(client, ['origin', 'HEAD:refs/heads/main']);
    expect(refOf(server, 'refs/heads/main')).not.toBe(tip);
    expect(refOf(server, 'refs/heads/release')).not.toBe(tip);
    for (const r of [toRelease, toMain]) {
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('predicate.refs limits the review to some refs, which cleanroom cannot hold it to');
    }
    const ci = cleanroom(client, ['check', '--range', 'origin/main..HEAD'], human);
    expect(ci.status).toBe(1);
    expect(ci.stdout).toContain('predicate.refs limits the review to some refs');
  });

  it('attest has no --ref any more', () => {
    const repo = gatedRepo();
    const r = cleanroom(repo, ['attest', '--yes', '--ref', 'refs/heads/main'], human);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--ref'/);
  });
});

describe('key revocation (issue 12, item 7)', () => {
  // valid-before passed long before any run of this suite; the review claims a time before it.
  const revoked = `${aliceLine(',valid-before="20260601Z"')}\n`;
  const backDated = { reviewedAt: '2026-05-01T00:00:00Z' };

  function reviewedAssistantCommit(server: Server): { client: string; tip: string } {
    const client = clone(server);
    write(client, 'datasets/r.jsonl', '{"r": 1}\n');
    git(client, ['add', '-A']);
    signedReview(client, ['datasets/r.jsonl'], alice.key, backDated);
    return { client, tip: assistantCommit(client, 'data reviewed "in May"') };
  }

  it('a back-dated review by a key past its valid-before admits nothing, on the server and in check --range', () => {
    const server = makeServer(revoked);
    const { client, tip } = reviewedAssistantCommit(server);
    const r = push(client, ['origin', 'HEAD:main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/expired or was revoked: valid-before 2026-06-01T00:00:00Z has passed/);
    expect(refOf(server, 'refs/heads/main')).not.toBe(tip);
    const ci = cleanroom(client, ['check', '--range', 'origin/main..HEAD'], human);
    expect(ci.status).toBe(1);
    expect(ci.stdout).toMatch(/expired or was revoked/);
  });

  it('the same review by a key still listed is accepted (the statement itself is sound)', () => {
    const server = makeServer();
    const { client, tip } = reviewedAssistantCommit(server);
    const r = push(client, ['origin', 'HEAD:main']);
    expect(r.stderr).toContain('refs/heads/main: allowed');
    expect(refOf(server, 'refs/heads/main')).toBe(tip);
  });
});

describe('the policy itself (issue 12, item 6)', () => {
  const SECRET_POLICY = EXAMPLE_POLICY.replace('protect:\n', 'protect:\n  - path: "secret/**"\n    require: review-if-assistant\n');
  const commit = (repo: string, env: NodeJS.ProcessEnv, message = 'change'): Run => gitTry(repo, ['commit', '-q', '-m', message], env);

  it('deleting or renaming the policy is a protected change; an ordinary deletion is not', () => {
    const repo = gatedRepo(SECRET_POLICY);
    write(repo, 'datasets/old.jsonl', '1\n');
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'data']);
    git(repo, ['rm', '-q', '.cleanroom/policy.yaml']);
    const deleted = commit(repo, assistant);
    expect(deleted.status).toBe(1);
    expect(deleted.stderr).toContain('.cleanroom/policy.yaml (deleted)');
    // attest cannot sign for an absence: the way out is a person's deletion, or keeping the file.
    expect(deleted.stderr).toContain('git restore --staged --worktree -- .cleanroom/policy.yaml');
    expect(deleted.stderr).not.toContain('cleanroom attest -- .cleanroom/policy.yaml');
    git(repo, ['reset', '-q', '--hard']);
    git(repo, ['mv', '.cleanroom/policy.yaml', 'policy.bak']);
    const renamed = commit(repo, assistant);
    expect(renamed.status).toBe(1);
    expect(renamed.stderr).toContain('.cleanroom/policy.yaml (deleted)');
    git(repo, ['reset', '-q', '--hard']);
    git(repo, ['rm', '-q', 'datasets/old.jsonl']);
    expect(commit(repo, assistant).status).toBe(0);
  });

  it('a policy a human deleted keeps judging until one is committed again, never the embedded default', () => {
    const repo = initRepo();
    installHooks(repo);
    // Commits before the policy existed: the hooks remember that their history holds none.
    write(repo, 'notes.txt', 'x\n');
    git(repo, ['add', '-A']);
    expect(commit(repo, human).status).toBe(0);
    write(repo, '.cleanroom/policy.yaml', SECRET_POLICY);
    git(repo, ['add', '-A']);
    expect(commit(repo, human, 'adopt a policy').status).toBe(0);
    git(repo, ['rm', '-q', '.cleanroom/policy.yaml']);
    expect(commit(repo, human, 'drop the policy').status).toBe(0);
    const last = git(repo, ['rev-parse', 'HEAD~1']);
    // The embedded default does not protect secret/: the deleted policy does.
    write(repo, 'secret/plan.txt', 'x\n');
    git(repo, ['add', '-A']);
    const r = commit(repo, assistant);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`policy .cleanroom/policy.yaml@${last.slice(0, 12)}`);
    expect(r.stderr).toContain('secret/plan.txt (added)');
  });

  it('refuses to commit a policy that does not parse, with its file:line:col, even under --no-verify', () => {
    const repo = gatedRepo();
    write(repo, '.cleanroom/policy.yaml', EXAMPLE_POLICY.replace('mode: enforce', 'mode: enforce\nmoed: warn'));
    git(repo, ['add', '-A']);
    for (const args of [[], ['--no-verify']]) {
      const r = gitTry(repo, ['commit', '-q', ...args, '-m', 'policy typo'], human);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/\.cleanroom\/policy\.yaml \(staged\):4:1: .*moed/);
      expect(r.stderr).toContain('mend it and `git add .cleanroom/policy.yaml` again');
      expect(r.stderr).not.toMatch(STACK);
    }
    expect(git(repo, ['log', '-1', '--format=%s'])).toBe('add policy');
  });

  it('a broken committed policy (hooks skipped) says the way out, and the way out works', () => {
    const repo = gatedRepo();
    write(repo, '.cleanroom/policy.yaml', 'version: 1\nprotect: [\n');
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'broken policy']);
    write(repo, 'notes.txt', 'x\n');
    git(repo, ['add', '-A']);
    const stuck = commit(repo, human);
    expect(stuck.status).not.toBe(0);
    expect(stuck.stderr).toMatch(/\.cleanroom\/policy\.yaml@HEAD:\d+:\d+: /);
    expect(stuck.stderr).toContain('CLEANROOM_POLICY=.cleanroom/policy.yaml git commit');
    write(repo, '.cleanroom/policy.yaml', EXAMPLE_POLICY);
    git(repo, ['add', '.cleanroom/policy.yaml']);
    expect(commit(repo, cleanEnv({ CLEANROOM_POLICY: '.cleanroom/policy.yaml' }), 'mend the policy').status).toBe(0);
    write(repo, 'notes.txt', 'y\n');
    git(repo, ['add', '-A']);
    expect(commit(repo, human).status).toBe(0);
  });
});

describe('attestations are exempt before user rules (issue 12, item 9)', () => {
  it('path "**" with review-always does not ask a review of the review', () => {
    const policy = EXAMPLE_POLICY.replace('protect:\n', 'protect:\n  - path: "**"\n    require: review-always\n');
    const repo = gatedRepo(policy);
    write(repo, '.cleanroom/allowed_signers', `${aliceLine()}\n`);
    git(repo, ['add', '-A']);
    signedReview(repo, ['.cleanroom/allowed_signers'], alice.key);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'reviewers, reviewed']);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '-A']);
    signedReview(repo, ['datasets/a.jsonl'], alice.key);
    const r = gitTry(repo, ['commit', '-q', '-m', 'reviewed data'], human);
    expect(r.stderr).toContain('allowed');
    expect(r.status).toBe(0);
  });
});

describe('caches never change a verdict (issue 12, item 8)', () => {
  const build = createHash('sha256')
    .update(fs.readFileSync(path.join(ROOT, 'dist', 'cli.cjs')))
    .digest('hex')
    .slice(0, 16);
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  /** A compiled policy that protects nothing and knows no assistant, as the cache stores one. */
  const permissive = (allowedSigners: string) => ({
    repository: REPOSITORY,
    mode: 'enforce',
    caseSensitive: false,
    protect: [],
    assistants: { builtin: false, trailers: [], identities: [], environment: [], markers: [], recordedShare: 0.5 },
    review: { namespace: 'cleanroom-review-v1', allowedSigners, threshold: 1, requireUserPresence: false },
  });

  /** A TMPDIR whose private cache folder holds lies under every name a gate could look up for
   *  `policyText` read in `policyDir`: compiled policies (this build's key and an older one's),
   *  a marker-free verdict for every blob, and compiled code that is not code. */
  function plantedTmpdir(policyText: string, policyDir: string, blobs: readonly string[]): string {
    const tmp = tempDir('planted-tmp');
    const dir = path.join(tmp, `cleanroom-${process.getuid?.() ?? 'user'}`);
    fs.mkdirSync(dir, { mode: 0o700 });
    for (const key of [JSON.stringify([build, policyDir, policyText]), `${version}\0${policyText}`]) {
      fs.writeFileSync(path.join(dir, `policy-${keyName(key)}.json`), JSON.stringify({ key, data: permissive('allowed_signers') }));
    }
    const markers = JSON.stringify([build, [['CANARY-[0-9]+', 'i']]]);
    fs.writeFileSync(path.join(dir, `clean-blobs-${keyName(JSON.stringify(markers))}.txt`), [JSON.stringify(markers), ...blobs].join('\n'));
    for (const label of ['hook-pre-receive', 'check']) fs.writeFileSync(path.join(dir, `code-${build}-${process.version}-${process.arch}-${label}.bin`), 'not V8 code');
    return tmp;
  }

  it('a lying compiled policy, blob memory or code cache changes nothing the server or check --range decides', () => {
    const server = makeServer();
    const client = clone(server);
    write(client, 'datasets/canary.jsonl', 'CANARY-17\n');
    git(client, ['add', '-A']);
    const tip = assistantCommit(client, 'data');
    const blob = git(client, ['rev-parse', 'HEAD:datasets/canary.jsonl']);
    const serverTmp = plantedTmpdir(EXAMPLE_POLICY, server.config, [blob]);
    const r = push(client, ['origin', 'HEAD:main'], cleanEnv({ TMPDIR: serverTmp }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('refs/heads/main: blocked');
    expect(refOf(server, 'refs/heads/main')).not.toBe(tip);
    const clientTmp = plantedTmpdir(EXAMPLE_POLICY, path.join(client, '.cleanroom'), [blob]);
    const ci = cleanroom(client, ['check', '--range', 'origin/main..HEAD'], cleanEnv({ TMPDIR: clientTmp }));
    expect(ci.status).toBe(1);
    expect(ci.stdout).toContain('datasets/canary.jsonl');
  });

  it('an absolute allowed_signers is read where it is, whichever repository compiled the policy first', () => {
    const signers = path.join(tempDir('org-signers'), 'allowed_signers');
    fs.writeFileSync(signers, `${aliceLine()}\n`);
    const policy = EXAMPLE_POLICY.replace('allowed_signers: allowed_signers', `allowed_signers: ${signers}`);
    const tmp = tempDir('shared-tmp');
    const env = (extra: Record<string, string> = {}) => cleanEnv({ TMPDIR: tmp, ...extra });
    // Two repositories at different depths sharing one policy text (an organisation's template).
    const repos = [gatedRepo(policy), path.join(tempDir('deeper'), 'a', 'b', 'c')];
    fs.mkdirSync(repos[1] as string, { recursive: true });
    git(repos[1] as string, ['init', '-q', '-b', 'main']);
    write(repos[1] as string, '.cleanroom/policy.yaml', policy);
    git(repos[1] as string, ['add', '-A']);
    git(repos[1] as string, ['commit', '-q', '-m', 'add policy']);
    installHooks(repos[1] as string);
    for (const repo of repos) {
      write(repo, 'datasets/a.jsonl', `${repo}\n`);
      git(repo, ['add', '-A']);
      signedReview(repo, ['datasets/a.jsonl'], alice.key);
      const r = gitTry(repo, ['commit', '-q', '-m', 'reviewed data'], env({ CLAUDECODE: '1' }));
      expect(r.stderr).toContain('allowed');
      expect(r.status).toBe(0);
    }
  });
});

describe('inputs made to lock or hang a hook are refused before they are parsed (issue 12, "must not lock")', () => {
  it('a push with a deeply nested and a huge attestation is decided in seconds, each envelope refused with its reason', () => {
    const server = makeServer();
    const client = clone(server);
    const depth = 3_000_000;
    write(client, '.cleanroom/attestations/deep.dsse.json', `${'['.repeat(depth)}${']'.repeat(depth)}`);
    write(client, '.cleanroom/attestations/huge.dsse.json', JSON.stringify({ payload: 'A'.repeat(9 * 1024 * 1024), payloadType: PAYLOAD_TYPE, signatures: [] }));
    write(client, 'datasets/a.jsonl', '1\n');
    git(client, ['add', '-A']);
    const tip = assistantCommit(client, 'data with planted attestations');
    // The same push into a repository without the hook, in the same run: what the hook adds is
    // the difference (the machine running the suite may be busy).
    const plain = path.join(tempDir('plain'), 'plain.git');
    git(client, ['init', '-q', '--bare', plain]);
    let started = Date.now();
    expect(push(client, [plain, 'HEAD:main']).status).toBe(0);
    const baseline = Date.now() - started;
    started = Date.now();
    const r = push(client, ['origin', 'HEAD:main']);
    const took = Date.now() - started - baseline;
    expect(r.status).not.toBe(0);
    expect(refOf(server, 'refs/heads/main')).not.toBe(tip);
    expect(r.stderr).toContain('datasets/a.jsonl (added in commit');
    expect(r.stderr).toMatch(/deep\.dsse\.json[\s\S]*nests arrays and objects more than 64 deep/);
    expect(r.stderr).toMatch(/huge\.dsse\.json[\s\S]*it is \d+ bytes; expected at most 8388608/);
    expect(r.stderr).not.toMatch(STACK);
    expect(took).toBeLessThan(4000);
  });

  it('a giant allowed_signers is refused by size, naming the file', () => {
    const repo = gatedRepo();
    write(repo, '.cleanroom/allowed_signers', `${aliceLine()}\n`.repeat(Math.ceil((9 * 1024 * 1024) / 120)));
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'a giant list of reviewers']);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '-A']);
    signedReview(repo, ['datasets/a.jsonl'], alice.key);
    const r = gitTry(repo, ['commit', '-q', '-m', 'reviewed'], assistant);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/\.cleanroom\/allowed_signers@HEAD: the allowed_signers file is \d+ bytes; expected at most 8388608/);
  });

  it('a deeply nested policy is refused with its position, staged or checked, without a crash', () => {
    const deep = `version: 1\nprotect: ${'['.repeat(200_000)}\n`;
    const file = path.join(tempDir('deep-policy'), 'policy.yaml');
    fs.writeFileSync(file, deep);
    const started = Date.now();
    const checked = cleanroom(tempDir('cwd'), ['policy', 'check', file], human);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(checked.status).toBe(2);
    expect(checked.stderr).toMatch(/policy\.yaml:1:1: the policy cannot be read: it nests brackets \(\[ or \{\) more than 64 deep/);
    const repo = gatedRepo();
    write(repo, '.cleanroom/policy.yaml', deep);
    git(repo, ['add', '-A']);
    const staged = gitTry(repo, ['commit', '-q', '-m', 'deep policy'], human);
    expect(staged.status).not.toBe(0);
    expect(staged.stderr).toMatch(/\.cleanroom\/policy\.yaml \(staged\):1:1: the policy cannot be read/);
    expect(staged.stderr).not.toMatch(STACK);
  });
});

describe('aliases a checkout makes (issue 19)', () => {
  const policy = EXAMPLE_POLICY.replace('protect:\n', 'protect:\n  - path: "données/**"\n    require: review-if-assistant\n');
  /** Names git stores as they are and that a Windows or macOS checkout writes into a protected folder. */
  const ALIASES = [
    'BENCHM~1/task.json', // 8.3 short name
    'BE1F3A~1/task.json', // 8.3 short name, hashed form
    'benchmarks./task.json', // trailing dot
    'benchmarks /task.json', // trailing space
    'bench\u200Cmarks/task.json', // HFS+ ignorable code point
    'benchmarks\\task.json', // backslash as a separator
    'benchmarks::$INDEX_ALLOCATION/task.json', // NTFS directory stream
    'donne\u0301es/task.json', // NFD of a protected NFC name
    'DONNE\u0301ES/task.json',
    'CLEANR~1/allowed_signers', // the policy's own folder, always protected (short names drop leading dots)
    '.cleanroom./allowed_signers',
  ];

  it('git 2.39 on Linux stores every one of them (it refuses such spellings only of .git)', () => {
    const repo = initRepo();
    const blob = git(repo, ['hash-object', '-w', '--stdin'], human);
    for (const name of ALIASES) expect(gitTry(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${name}`]).status).toBe(0);
    expect(gitTry(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},GIT~1/config`]).stderr).toContain('Invalid path');
    expect(gitTry(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},.git./config`]).stderr).toContain('Invalid path');
  });

  it('an assistant commit writing through each alias is blocked by the server and check --range', () => {
    const server = makeServer(`${aliceLine()}\n`, policy);
    const client = clone(server);
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: client, env: human, input: '{"task": 1}\n', timeout: CHILD_TIMEOUT_MS }).toString().trim();
    for (const name of [...ALIASES, 'src/BENCH~1.txt', 'notes./x']) git(client, ['update-index', '--add', '--cacheinfo', `100644,${blob},${name}`]);
    const tip = assistantCommit(client, 'tasks');
    const r = push(client, ['origin', 'HEAD:main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`refs/heads/main: blocked: ${ALIASES.length} protected changes need a human review`);
    expect(refOf(server, 'refs/heads/main')).not.toBe(tip);
    const ci = cleanroom(client, ['check', '--range', 'origin/main..HEAD', '--format', 'json'], human);
    expect(ci.status).toBe(1);
    const found = (JSON.parse(ci.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
    expect(found.sort()).toEqual([...ALIASES].sort());
  });
});
