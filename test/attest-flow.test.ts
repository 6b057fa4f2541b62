/**
 * The review loop end to end with real keys and real commits: an assistant's commit is blocked,
 * a human attests, the commit passes; an edit after the review blocks again; the review survives
 * a rebase and a squash merge; a push carries it to the pre-push preview.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBlobMemory, type BlobMemory } from '../src/blob-memory.js';
import type { Change, GitEngine } from '../src/git/engine.js';
import { openPlumbingEngine } from '../src/git/plumbing.js';
import { discoverRepo } from '../src/git/repo.js';
import { resolvePolicy } from '../src/policy/load.js';
import { loadAttestations } from '../src/review.js';
import { attestationPath, serializeEnvelope } from '../src/attest/dsse.js';
import { signStatement } from '../src/attest/sign.js';
import { buildStatement } from '../src/attest/statement.js';
import { CLI, cleanEnv, cleanroom, fixtureCopy, git, gitRaw, gitTry, installHooks, seedRepo, tempDir, write, CHILD_TIMEOUT_MS } from './helpers/git.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

const keys = tempDir('keys');
function makeKey(name: string): { key: string; line: (ns?: string) => string } {
  const key = path.join(keys, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS });
  const pub = fs.readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { key, line: (ns = 'cleanroom-review-v1') => `${name}@example.org namespaces="${ns}" ${pub}` };
}
const alice = makeKey('alice');
const bob = makeKey('bob');
const mallory = makeKey('mallory');

const human = cleanEnv();
const agent = cleanEnv({ CLAUDECODE: '1' });

function setup(policy = EXAMPLE_POLICY, signers = [alice.line(), bob.line()]): string {
  // Built once per policy and signers, then copied (fixtureCopy).
  return fixtureCopy(
    `setup ${JSON.stringify([policy, signers])}`,
    (repo) => {
      seedRepo(repo);
      writePolicy(repo, policy);
      write(repo, '.cleanroom/allowed_signers', `${signers.join('\n')}\n`);
      git(repo, ['add', '.cleanroom']);
      git(repo, ['commit', '-q', '-m', 'policy and reviewers']);
      installHooks(repo);
    },
    'repo',
  );
}

function attest(repo: string, who: { key: string }, principal: string, extra: string[] = [], env = human) {
  return cleanroom(repo, ['attest', '--yes', '--key', who.key, '--reviewer', principal, ...extra], env);
}

/** A review of the staged `file` signed by a key the policy may not list: attest refuses to make
 *  one, but anyone can write one by hand (docs/attestation.md has the recipe). Staged. */
async function signedByHand(repo: string, file: string, who: { key: string }, principal: string): Promise<string> {
  const gitBlob = git(repo, ['rev-parse', `:${file}`]);
  const sha256 = execFileSync('sha256sum', { input: gitRaw(repo, ['cat-file', 'blob', gitBlob]), timeout: CHILD_TIMEOUT_MS })
    .toString()
    .split(' ')[0] as string;
  const statement = buildStatement({
    files: [{ name: file, gitBlob, sha256 }],
    repository: 'urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10',
    reviewer: principal,
    reviewedAt: new Date(),
  });
  const envelope = await signStatement(statement, { key: who.key, namespace: 'cleanroom-review-v1', cwd: repo, env: human });
  const out = attestationPath(envelope.payload);
  write(repo, out, serializeEnvelope(envelope));
  git(repo, ['add', '--', out], human);
  return out;
}

describe('attest, then commit', () => {
  it('blocks the assistant, takes a human review, then lets the same content in', () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '{"q": 1}\n');
    git(repo, ['add', '.'], human);
    const blocked = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('cleanroom attest -- datasets/a.jsonl');

    const signed = attest(repo, alice, 'alice@example.org');
    expect(signed.stderr + signed.stdout).toMatch(/\.cleanroom\/attestations\/[0-9a-f]{16}\.dsse\.json: signed by alice@example\.org, staged; it covers:\n {2}datasets\/a\.jsonl/);
    expect(signed.status).toBe(0);

    const ok = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(ok.stderr).toContain('reviewed: datasets/a.jsonl: reviewed by alice@example.org');
    expect(ok.status).toBe(0);
    // The gate let an assistant's commit through: the commit says so for the server.
    expect(git(repo, ['log', '-1', '--format=%(trailers:key=Assisted-by,valueonly)'])).toBe('claude-code');

    const v = cleanroom(repo, ['verify']);
    expect(v.stdout).toMatch(/covered +datasets\/a\.jsonl \(blob [0-9a-f]{12}\) by alice@example\.org/);
    expect(v.status).toBe(0);
  });

  it('counts a review committed before the content, and not one the same commit deletes', () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice, 'alice@example.org').status).toBe(0);
    git(repo, ['commit', '-q', '-m', 'review first', '--', '.cleanroom/attestations'], human);
    git(repo, ['add', 'datasets'], human);
    const [file] = fs.readdirSync(path.join(repo, '.cleanroom', 'attestations'));
    git(repo, ['rm', '-q', '--cached', `.cleanroom/attestations/${file}`], human);
    const withoutReview = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(withoutReview.status).not.toBe(0);
    git(repo, ['add', '.cleanroom'], human);
    const ok = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(ok.stderr).toContain('reviewed: datasets/a.jsonl: reviewed by alice@example.org');
    expect(ok.status).toBe(0);
  });

  it('blocks again when the reviewed file is edited after the review', () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice, 'alice@example.org').status).toBe(0);
    write(repo, 'datasets/a.jsonl', '1\n2\n');
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('datasets/a.jsonl (added)');
  });

  it('checks only the reviews that name the files in question, and verify still reports them all', async () => {
    const repo = setup();
    // An old review by someone no longer listed, of a file this commit does not touch.
    write(repo, 'datasets/old.jsonl', 'old\n');
    git(repo, ['add', '.'], human);
    await signedByHand(repo, 'datasets/old.jsonl', mallory, 'mallory@example.org');
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'old review'], human);
    const [old] = fs.readdirSync(path.join(repo, '.cleanroom', 'attestations'));

    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice, 'alice@example.org').status).toBe(0);
    const check = JSON.parse(cleanroom(repo, ['check', '--format', 'json'], agent).stdout);
    expect(check.outcome).toBe('allowed');
    expect(check.rejectedAttestations).toEqual([]);
    const ok = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(ok.stderr).toContain('reviewed: datasets/a.jsonl: reviewed by alice@example.org');
    expect(ok.status).toBe(0);

    const v = cleanroom(repo, ['verify']);
    expect(v.stdout).toContain(`attestation .cleanroom/attestations/${old} does not count:`);
    expect(v.status).toBe(0);
  });

  it('offers what the gate judges: a protected file named like an envelope, and a non-envelope in the attestations folder', () => {
    const repo = setup();
    // Only .cleanroom/attestations/*.dsse.json prove themselves by signature; anything else needs a review.
    write(repo, 'datasets/x.dsse.json', '{"looks": "like an envelope"}\n');
    write(repo, '.cleanroom/attestations/README.md', 'what lives here\n');
    git(repo, ['add', '.'], human);
    const blocked = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('datasets/x.dsse.json (added)');

    const signed = attest(repo, alice, 'alice@example.org');
    expect(signed.status).toBe(0);
    const covers = (signed.stderr + signed.stdout).split('it covers:')[1];
    expect(covers).toContain('\n  .cleanroom/attestations/README.md');
    expect(covers).toContain('\n  datasets/x.dsse.json');
    const ok = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(ok.status).toBe(0);

    const v = cleanroom(repo, ['verify']);
    expect(v.stdout).toMatch(/2 protected files brought by this commit/);
    expect(v.stdout).toMatch(/covered +\.cleanroom\/attestations\/README\.md \(blob [0-9a-f]{12}\) by alice@example\.org/);
    expect(v.stdout).toMatch(/covered +datasets\/x\.dsse\.json \(blob [0-9a-f]{12}\) by alice@example\.org/);
    expect(v.status).toBe(0);
  });

  it('finds the review among a hundred attestation files (read in bulk)', () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice, 'alice@example.org').status).toBe(0);
    const dir = path.join(repo, '.cleanroom', 'attestations');
    const [signed] = fs.readdirSync(dir);
    const envelope = fs.readFileSync(path.join(dir, signed as string));
    for (let i = 0; i < 100; i++) fs.writeFileSync(path.join(dir, `copy-${i}.dsse.json`), i === 50 ? '{"not": "an envelope"}' : envelope);
    git(repo, ['add', '.'], human);
    const check = JSON.parse(cleanroom(repo, ['check', '--format', 'json'], agent).stdout);
    expect(check.outcome).toBe('allowed');
    expect(check.rejectedAttestations.map((a: { file: string }) => a.file)).toEqual(['.cleanroom/attestations/copy-50.dsse.json']);
    const ok = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(ok.stderr).toContain('reviewed: datasets/a.jsonl: reviewed by alice@example.org');
    expect(ok.status).toBe(0);
  });

  it('checks each of seventy reviewed files against the content signed for it (read in bulk)', () => {
    const repo = setup();
    for (let i = 0; i < 70; i++) write(repo, `datasets/part-${i}.jsonl`, `${i}\n`);
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice, 'alice@example.org').status).toBe(0);
    const ok = JSON.parse(cleanroom(repo, ['check', '--format', 'json'], agent).stdout);
    expect(ok.outcome).toBe('allowed');
    expect(ok.reviewed).toHaveLength(70);
    write(repo, 'datasets/part-33.jsonl', 'changed after the review\n');
    git(repo, ['add', '.'], human);
    const blocked = JSON.parse(cleanroom(repo, ['check', '--format', 'json'], agent).stdout);
    expect(blocked.outcome).toBe('blocked');
    expect(blocked.findings.map((f: { path: string }) => f.path)).toEqual(['datasets/part-33.jsonl']);
    expect(blocked.reviewed).toHaveLength(69);
  });

  it('does not count a signer missing from allowed_signers, and says why', async () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    await signedByHand(repo, 'datasets/a.jsonl', mallory, 'mallory@example.org');
    const r = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/attestation \.cleanroom\/attestations\/[0-9a-f]{16}\.dsse\.json does not count:\n {4}- .*not (listed|in)/);
  });

  it("signs with git's SSH signing key when no --key is given, and asks for --yes off a terminal", () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const noTty = cleanroom(repo, ['attest', '--reviewer', 'alice@example.org'], human);
    expect(noTty.stderr).toMatch(/pass --yes to approve in a script/);
    expect(noTty.status).toBe(2);
    const noKey = cleanroom(repo, ['attest', '--yes', '--reviewer', 'alice@example.org'], human);
    expect(noKey.stderr).toMatch(/no signing key: pass --key/);
    expect(noKey.status).toBe(2);
    git(repo, ['config', 'gpg.format', 'ssh'], human);
    git(repo, ['config', 'user.signingKey', alice.key], human);
    const r = cleanroom(repo, ['attest', '--yes', '--reviewer', 'alice@example.org'], human);
    expect(r.stdout).toContain('signed by alice@example.org');
    expect(r.status).toBe(0);
    expect(gitTry(repo, ['commit', '-m', 'data'], agent).status).toBe(0);
  });

  // util-linux `script` gives the command a terminal: the prompt is what a reviewer sees. Like a
  // reviewer, the test types each answer once its question is on the screen, and keeps the
  // keyboard open until the command exits: keys typed before readline takes the terminal, or an
  // input that ends first, race with the terminal's modes and with script's own end of input.
  function onTerminal(repo: string, command: string, answers: string[]): Promise<{ stdout: string; status: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve, reject) => {
      const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: repo, env: human, stdio: ['pipe', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_MS });
      let stdout = '';
      let asked = 0;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        for (const questions = stdout.split('[y/N] ').length - 1; asked < questions && asked < answers.length; asked++) child.stdin.write(answers[asked]);
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (status, signal) => {
        clearTimeout(timer);
        child.stdin.destroy();
        resolve({ stdout, status, signal });
      });
    });
  }

  it.runIf(fs.existsSync('/usr/bin/script'))('asks on a terminal, file by file, and signs only what was approved', async () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '{"keep": 1}\n');
    write(repo, 'datasets/b.jsonl', '{"drop": 2}\n');
    git(repo, ['add', '.'], human);
    const command = [process.execPath, CLI, 'attest', '--key', alice.key, '--reviewer', 'alice@example.org'].join(' ');
    const r = await onTerminal(repo, command, ['y\n', 'n\n']);
    expect(r.stdout).toMatch(/=== datasets\/a\.jsonl[\s\S]*\+\{"keep": 1\}[\s\S]*Approve datasets\/a\.jsonl\? \[y\/N\]/);
    expect(r.stdout).toMatch(/Approve datasets\/b\.jsonl\? \[y\/N\]/);
    expect(r.stdout).toMatch(/signed by alice@example\.org, staged; it covers:\r?\n {2}datasets\/a\.jsonl/);
    expect(r.stdout).not.toMatch(/covers:[\s\S]*datasets\/b\.jsonl \(blob/);
    expect(r.status).toBe(0);
    const v = cleanroom(repo, ['check', '--format', 'json'], agent);
    expect(JSON.parse(v.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['datasets/b.jsonl']);

    // Ctrl+D before the last answer ends the review: nothing is signed.
    write(repo, 'datasets/c.jsonl', '3\n');
    write(repo, 'datasets/d.jsonl', '4\n');
    git(repo, ['add', '.'], human);
    const staged = () => git(repo, ['diff', '--cached', '--name-only', '--', '.cleanroom/attestations']).split('\n').filter(Boolean).length;
    const before = staged();
    const ended = await onTerminal(repo, command, ['y\n', '\x04']);
    expect(ended.stdout).toContain('the input ended (Ctrl+D) before every file was answered: nothing signed');
    expect(ended.stdout).not.toMatch(/internal error|\n\s+at /);
    expect({ status: ended.status, signal: ended.signal }).toEqual({ status: 2, signal: null });
    expect(staged()).toBe(before);
  });

  it("refuses to attest from an assistant's process", () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const r = attest(repo, alice, 'alice@example.org', [], agent);
    expect(r.stderr).toMatch(/refusing to attest from an assistant's process \(CLAUDECODE=1\)/);
    expect(r.status).toBe(2);
    expect(fs.existsSync(path.join(repo, '.cleanroom', 'attestations'))).toBe(false);
  });

  it('needs every reviewer the threshold asks for; a second one co-signs', () => {
    const repo = setup(EXAMPLE_POLICY.replace('threshold: 1', 'threshold: 2'));
    write(repo, 'evals/private/set.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice, 'alice@example.org').status).toBe(0);
    const one = gitTry(repo, ['commit', '-m', 'eval'], human);
    expect(one.stderr).toMatch(/needs 2 different reviewers/);
    expect(one.status).not.toBe(0);
    const file = fs.readdirSync(path.join(repo, '.cleanroom', 'attestations'))[0] ?? '';
    const co = cleanroom(repo, ['attest', '--cosign', `.cleanroom/attestations/${file}`, '--yes', '--key', bob.key], human);
    expect(co.stdout).toContain('(2 signatures)');
    const two = gitTry(repo, ['commit', '-m', 'eval'], human);
    expect(two.stderr).toContain('reviewed by alice@example.org, bob@example.org');
    expect(two.status).toBe(0);
  });

  it('keeps the review valid through a rebase and a squash merge, and in the pre-push preview', () => {
    const repo = setup();
    const remote = tempDir('remote');
    git(remote, ['init', '-q', '--bare'], human);
    git(repo, ['remote', 'add', 'origin', remote], human);
    git(repo, ['push', '-q', 'origin', 'main'], human);
    git(repo, ['checkout', '-q', '-b', 'topic'], human);
    write(repo, 'benchmarks/t1.md', 'task one\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice, 'alice@example.org').status).toBe(0);
    expect(gitTry(repo, ['commit', '-m', 'task\n\nCo-authored-by: Codex <noreply@openai.com>'], human).status).toBe(0);
    git(repo, ['checkout', '-q', 'main'], human);
    write(repo, 'README.md', 'moved on\n');
    git(repo, ['commit', '-q', '-am', 'main moves'], human);
    git(repo, ['checkout', '-q', 'topic'], human);
    git(repo, ['rebase', '-q', 'main'], human);
    const rebased = cleanroom(repo, ['check', '--range', 'main..topic']);
    expect(rebased.stdout).toContain('reviewed: benchmarks/t1.md in commit');
    expect(rebased.status).toBe(0);

    git(repo, ['checkout', '-q', 'main'], human);
    git(repo, ['merge', '-q', '--squash', 'topic'], human);
    const squash = gitTry(repo, ['commit', '-m', 'squashed task\n\nCo-authored-by: Codex <noreply@openai.com>'], human);
    expect(squash.stderr).toContain('reviewed: benchmarks/t1.md');
    expect(squash.status).toBe(0);
    const push = gitTry(repo, ['push', 'origin', 'main'], human);
    expect(push.stderr).toContain('cleanroom pre-push: allowed');
    expect(push.status).toBe(0);
  });

  it("rejects another repository's review of identical content", () => {
    const other = setup(EXAMPLE_POLICY.replace('5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10', '00000000-0000-4000-8000-000000000001'));
    write(other, 'datasets/a.jsonl', '1\n');
    git(other, ['add', '.'], human);
    expect(attest(other, alice, 'alice@example.org').status).toBe(0);
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    fs.cpSync(path.join(other, '.cleanroom', 'attestations'), path.join(repo, '.cleanroom', 'attestations'), { recursive: true });
    git(repo, ['add', '.'], human);
    const r = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/repository/);
  });
});

describe('remembered claims (the attestation-claims memory)', () => {
  // os.tmpdir() follows TMPDIR: the memory these tests open stays in a folder of their own.
  const memoryDir = tempDir('claims-memory');
  const withMemory = async <T>(use: () => Promise<T>): Promise<T> => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = memoryDir;
    try {
      return await use();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  };

  it('spares reading every envelope again: the next run reads only those bearing on its changes, and decides the same', async () => {
    const repo = setup();
    for (const name of ['a', 'b', 'c', 'd']) {
      write(repo, `datasets/${name}.jsonl`, `{"row": "${name}"}\n`);
      git(repo, ['add', `datasets/${name}.jsonl`], human);
      expect(attest(repo, alice, 'alice@example.org').status).toBe(0);
    }
    git(repo, ['commit', '-q', '-m', 'reviewed rows'], human);
    const ctxRepo = await discoverRepo(repo, human);
    const engine = openPlumbingEngine(ctxRepo);
    const reads: number[] = [];
    const spied: GitEngine = Object.assign(Object.create(engine) as GitEngine, {
      readBlobs: ((oids, each) => (reads.push(oids.length), engine.readBlobs(oids, each))) as GitEngine['readBlobs'],
    });
    const policy = await resolvePolicy({ repo: ctxRepo, engine, explicit: undefined, configured: undefined, server: false });
    const aOid = git(repo, ['rev-parse', 'HEAD:datasets/a.jsonl']);
    const needing: Change[] = [{ path: 'datasets/a.jsonl', status: 'added', oldMode: null, newMode: '100644', oldOid: null, newOid: aOid }];
    const judge = (memory: BlobMemory | null) =>
      withMemory(async () => (await loadAttestations({ repo: ctxRepo, engine: spied, policy, attestationClaims: () => memory }, { rev: 'HEAD' })).attested(needing));
    const key = JSON.stringify(['test build']);
    try {
      const cold = await withMemory(async () => openBlobMemory('attestation-claims', key, 100));
      const first = await judge(cold);
      expect(reads).toEqual([4, 0]); // every envelope, to learn what each claims
      cold?.save();
      reads.length = 0;
      const warm = await withMemory(async () => openBlobMemory('attestation-claims', key, 100));
      const second = await judge(warm);
      expect(reads).toEqual([0, 1]); // only the one claiming a.jsonl
      expect([...second.covered.keys()]).toEqual([...first.covered.keys()]);
      expect(second.covered.size).toBe(1);

      // A memory that lies can only hide a review from the local hook (the server keeps none).
      const lying = await withMemory(async () => openBlobMemory('attestation-claims', key, 100));
      const envelopes = git(repo, ['ls-tree', '--format=%(objectname)', 'HEAD', '.cleanroom/attestations/']).split('\n');
      for (const oid of envelopes) lying?.set(oid, '[]');
      expect((await judge(lying)).covered.size).toBe(0);
    } finally {
      await engine.close();
    }
  });
});
