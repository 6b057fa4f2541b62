/**
 * Release manifests end to end: real repositories, real keys, real `git archive` exports. A
 * manifest is written for a revision, the exported copy is checked against it, and every way of
 * getting a wrong snapshot past the check is tried: changed, added and missing files, links out
 * of the folder, FIFOs, names that are not UTF-8, manifests naming `..` or absolute or repeated
 * paths, unlisted keys, payloads edited after signing. The pipeline recipes of docs/manifest.md
 * run exactly as the page prints them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD_TIMEOUT_MS, CLI, ROOT, cleanEnv, cleanroom, git, initRepo, run, tempDir, write } from './helpers/git.js';
import { makeKey } from './helpers/keys.js';
import { FORBID_POLICY } from './helpers/forbid.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

const alice = makeKey('alice');
const mallory = makeKey('mallory');
const REPOSITORY = 'urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10';
const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const STACK = /^\s+at .*:\d+:\d+\)?$/m;

/** A repository with a human's file and an assistant's file that alice reviewed. */
function reviewedRepo(initArgs: string[] = []): string {
  const repo = initRepo(initArgs);
  writePolicy(repo, EXAMPLE_POLICY);
  write(repo, '.cleanroom/allowed_signers', `${alice.line}\n`);
  write(repo, 'datasets/human.txt', 'written by a person\n');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'policy and a human file']);
  commit(repo, 'datasets/sub/assistant.txt', 'written by an assistant\n');
  const signed = cleanroom(repo, ['attest', 'datasets/sub/assistant.txt', '--yes', '--key', alice.key, '--reviewer', 'alice@example.org']);
  expect(signed.status, signed.stderr).toBe(0);
  git(repo, ['commit', '-q', '-m', 'review']);
  return repo;
}

/** One commit of `content` at `file`, with an assistant's trailer unless `message` is given. */
function commit(r: string, file: string, content: string, message = `assistant data\n\n${TRAILER}`): void {
  write(r, file, content);
  git(r, ['add', '.']);
  git(r, ['commit', '-q', '-m', message]);
}

/** The policy and allowed_signers a pipeline keeps apart from the snapshot it checks. */
function pipelinePolicy(repo: string): string {
  const dir = tempDir('trust');
  fs.copyFileSync(path.join(repo, '.cleanroom/policy.yaml'), path.join(dir, 'policy.yaml'));
  fs.copyFileSync(path.join(repo, '.cleanroom/allowed_signers'), path.join(dir, 'allowed_signers'));
  return path.join(dir, 'policy.yaml');
}

/** A plain copy of the revision's dataset, as a job would fetch it from storage. */
function exportOf(repo: string, rev = 'HEAD', what = 'datasets'): string {
  const dir = tempDir('export');
  const tar = execFileSync('git', ['archive', rev, what], { cwd: repo, env: cleanEnv(), timeout: CHILD_TIMEOUT_MS });
  execFileSync('tar', ['-x', '-C', dir], { input: tar, timeout: CHILD_TIMEOUT_MS });
  return dir;
}

function copyOf(dir: string): string {
  const copy = tempDir('copy');
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

const repo = reviewedRepo();
const policy = pipelinePolicy(repo);
const manifestFile = path.join(tempDir('manifest'), 'release.dsse.json');
const written = cleanroom(repo, ['manifest', 'HEAD', 'datasets', '--key', alice.key, '--output', manifestFile]);
const snapshot = exportOf(repo);
const outside = tempDir('outside');

function verify(dir: string, manifest = manifestFile, extra: string[] = []) {
  return cleanroom(outside, ['manifest', 'verify', manifest, dir, '--policy', policy, ...extra]);
}

const payloadOf = (file: string) => JSON.parse(Buffer.from(JSON.parse(fs.readFileSync(file, 'utf8')).payload, 'base64').toString('utf8'));

/** An envelope over any statement, signed by ssh-keygen itself: what a forger with a listed key
 *  (or an honest tool with a bug) could hand a pipeline. */
function signed(statement: unknown, key = alice.key): string {
  const dir = tempDir('forge');
  const payload = Buffer.from(JSON.stringify(statement));
  const type = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
  const sig = execFileSync('ssh-keygen', ['-Y', 'sign', '-n', 'cleanroom-review-v1', '-f', key], {
    input: pae,
    env: cleanEnv(),
    timeout: CHILD_TIMEOUT_MS,
    stdio: ['pipe', 'pipe', 'ignore'],
  }).toString('utf8');
  const file = path.join(dir, 'forged.dsse.json');
  const b64 = sig
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('-----'))
    .join('');
  fs.writeFileSync(file, JSON.stringify({ payload: payload.toString('base64'), payloadType: type, signatures: [{ sig: b64 }] }));
  return file;
}

describe('cleanroom manifest', () => {
  it('lists each protected file with its digests and provenance, signs it, and marks the snapshot releasable', () => {
    expect(written.stderr).toContain('releasable');
    expect(written.status).toBe(0);
    const st = payloadOf(manifestFile);
    expect(st.predicateType).toBe('https://cleanroom.dev/attestation/release-manifest/v1');
    expect(st.subject.map((s: { name: string }) => s.name)).toEqual(['datasets/human.txt', 'datasets/sub/assistant.txt']);
    expect(st.subject[0].digest.gitBlob).toBe(git(repo, ['rev-parse', 'HEAD:datasets/human.txt']));
    expect(st.predicate).toMatchObject({ repository: REPOSITORY, revision: git(repo, ['rev-parse', 'HEAD']), releasable: true, paths: ['datasets'] });
    expect(st.predicate.files).toEqual([
      { name: 'datasets/human.txt', status: 'no-assistant-signal' },
      { name: 'datasets/sub/assistant.txt', status: 'reviewed', reviewers: ['alice@example.org'], assistants: ['claude-code'] },
    ]);
  });

  it('writes "releasable": false and exits 1 when a file is unreviewed, and verify refuses it though every file matches', () => {
    const r = reviewedRepo();
    commit(r, 'datasets/new.txt', 'more from the assistant\n');
    const out = path.join(tempDir('m'), 'm.json');
    const res = cleanroom(r, ['manifest', '--unsigned', '--output', out]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/NOT releasable[\s\S]*unreviewed +datasets\/new\.txt: assistant-generated content in a protected path \(commit [0-9a-f]{12}\)/);
    const st = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(st.predicate.releasable).toBe(false);
    expect(st.predicate.files.find((f: { name: string }) => f.name === 'datasets/new.txt').status).toBe('unreviewed');
    const v = cleanroom(outside, ['manifest', 'verify', out, exportOf(r), '--unsigned']);
    expect(v.stdout).toContain('the manifest says the snapshot is not releasable: datasets/new.txt is unreviewed');
    expect(v.status).toBe(1);
  });

  it('marks assistant content under a forbid-assistant path "forbidden": a review does not release it', () => {
    const r = initRepo();
    writePolicy(r, FORBID_POLICY);
    write(r, '.cleanroom/allowed_signers', `${alice.line}\n`);
    git(r, ['add', '.']);
    git(r, ['commit', '-q', '-m', 'policy']);
    commit(r, 'benchmarks/task.json', '{"task": 1}\n');
    const signed = cleanroom(r, ['attest', 'benchmarks/task.json', '--yes', '--key', alice.key]);
    expect(signed.status, signed.stderr).toBe(0);
    git(r, ['commit', '-q', '-m', 'review']);
    const res = cleanroom(r, ['manifest', 'HEAD', 'benchmarks', '--unsigned']);
    expect(res.stderr).toMatch(/forbidden +benchmarks\/task\.json/);
    expect(JSON.parse(res.stdout).predicate.files).toEqual([expect.objectContaining({ name: 'benchmarks/task.json', status: 'forbidden' })]);
    expect(res.status).toBe(1);
  });

  it('judges the content the snapshot holds: an assistant file a human since replaced does not hold it back', () => {
    const r = reviewedRepo();
    commit(r, 'datasets/replaced.txt', 'draft from the assistant\n');
    commit(r, 'datasets/replaced.txt', 'the final text, typed by the maintainer\n', 'rewrite');
    const res = cleanroom(r, ['manifest', '--unsigned']);
    expect(res.stderr).toMatch(/no-assistant-signal +datasets\/replaced\.txt/);
    expect(res.status).toBe(0);
    // The same history at the draft is not releasable.
    expect(cleanroom(r, ['manifest', 'HEAD~1', '--unsigned']).status).toBe(1);
  });

  it('refuses a protected file whose name is not UTF-8 (exit 2), since no JSON manifest can name it exactly', () => {
    const r = reviewedRepo();
    fs.writeFileSync(Buffer.from(`${r}/datasets/bad-\xff.txt`, 'latin1'), 'x\n');
    git(r, ['add', '.']);
    git(r, ['commit', '-q', '-m', 'odd name']);
    const res = cleanroom(r, ['manifest', '--unsigned']);
    expect(res.stderr).toContain('its name is not UTF-8');
    expect(res.stderr).not.toMatch(STACK);
    expect(res.status).toBe(2);
  });

  it("signs with git's user.signingKey when no --key is given, as attest does", () => {
    const r = reviewedRepo();
    git(r, ['config', 'gpg.format', 'ssh']);
    git(r, ['config', 'user.signingKey', alice.key]);
    const out = path.join(tempDir('m'), 'm.dsse.json');
    expect(cleanroom(r, ['manifest', 'HEAD', 'datasets', '--output', out]).status).toBe(0);
    expect(cleanroom(outside, ['manifest', 'verify', out, exportOf(r), '--policy', pipelinePolicy(r)]).status).toBe(0);
  });

  it('does not list a protected symbolic link, and does not call such a snapshot releasable', () => {
    const r = reviewedRepo();
    fs.symlinkSync('human.txt', path.join(r, 'datasets/alias.txt'));
    git(r, ['add', '.']);
    git(r, ['commit', '-q', '-m', 'a link']);
    const res = cleanroom(r, ['manifest', '--unsigned']);
    expect(res.stderr).toMatch(/\n {2}not a file +datasets\/alias\.txt: a symbolic link/);
    expect(res.stderr).not.toMatch(/no-assistant-signal +datasets\/alias\.txt/);
    const st = JSON.parse(res.stdout);
    expect(st.subject.map((x: { name: string }) => x.name)).not.toContain('datasets/alias.txt');
    expect(st.predicate.releasable).toBe(false);
    expect(res.status).toBe(1);
  });

  it('works in a SHA-256 repository: 64-digit blob ids, checked against the export', () => {
    const r = reviewedRepo(['--object-format=sha256']);
    const out = path.join(tempDir('m'), 'm.dsse.json');
    expect(cleanroom(r, ['manifest', 'HEAD', 'datasets', '--key', alice.key, '--output', out]).status).toBe(0);
    const st = payloadOf(out);
    expect(st.predicate.objectFormat).toBe('sha256');
    expect(st.subject[0].digest.gitBlob).toBe(git(r, ['rev-parse', 'HEAD:datasets/human.txt']));
    const dir = exportOf(r);
    expect(cleanroom(outside, ['manifest', 'verify', out, dir, '--policy', pipelinePolicy(r)]).status).toBe(0);
    fs.appendFileSync(path.join(dir, 'datasets/human.txt'), 'x');
    expect(cleanroom(outside, ['manifest', 'verify', out, dir, '--policy', pipelinePolicy(r)]).status).toBe(1);
  });

  it('refuses --key with --unsigned (exit 2)', () => {
    const res = cleanroom(repo, ['manifest', '--unsigned', '--key', alice.key]);
    expect(res.stderr).toContain('choose one');
    expect(res.status).toBe(2);
  });

  it('says which path names nothing protected (exit 2)', () => {
    const res = cleanroom(repo, ['manifest', 'HEAD', 'nowhere', '--unsigned']);
    expect(res.stderr).toContain('nowhere: no such file or folder');
    expect(res.status).toBe(2);
  });
});

describe('cleanroom manifest verify', () => {
  it('passes the untouched export, signed by a listed key', () => {
    const v = verify(snapshot);
    expect(v.stdout).toContain('matches: 2 files of');
    expect(v.stdout).toContain('signed by alice@example.org');
    expect(v.status).toBe(0);
  });

  it.each([
    ['a changed file', (d: string) => fs.appendFileSync(path.join(d, 'datasets/human.txt'), 'one more line\n'), 'datasets/human.txt: sha256'],
    ['an added file', (d: string) => fs.writeFileSync(path.join(d, 'datasets/extra.txt'), 'x'), 'datasets/extra.txt: not in the manifest'],
    ['a missing file', (d: string) => fs.rmSync(path.join(d, 'datasets/sub/assistant.txt')), 'datasets/sub/assistant.txt: listed in the manifest, not in the folder'],
    ['a link pointing outside the folder', (d: string) => fs.symlinkSync('/etc/passwd', path.join(d, 'datasets/passwd')), 'datasets/passwd: a symbolic link'],
    [
      'a listed file replaced by a link to a copy of itself outside',
      (d: string) => {
        const real = path.join(outside, 'human.txt');
        fs.copyFileSync(path.join(d, 'datasets/human.txt'), real);
        fs.rmSync(path.join(d, 'datasets/human.txt'));
        fs.symlinkSync(real, path.join(d, 'datasets/human.txt'));
      },
      'datasets/human.txt: a symbolic link',
    ],
    ['a linked folder', (d: string) => fs.symlinkSync(outside, path.join(d, 'datasets/elsewhere')), 'datasets/elsewhere: a symbolic link'],
    [
      'a FIFO (which would hang a reader)',
      (d: string) => execFileSync('mkfifo', [path.join(d, 'datasets/pipe')], { timeout: CHILD_TIMEOUT_MS }),
      'datasets/pipe: not a regular file',
    ],
    ['a name that is not UTF-8', (d: string) => fs.writeFileSync(Buffer.from(`${d}/datasets/x-\xff`, 'latin1'), 'x'), '"datasets/x-\\377": a name that is not UTF-8'],
  ])('fails (exit 1) on %s', (_, spoil, message) => {
    const dir = copyOf(snapshot);
    spoil(dir);
    const v = verify(dir);
    expect(v.stdout).toContain(message);
    expect(v.status).toBe(1);
  });

  it('refuses a manifest signed by a key allowed_signers does not list', () => {
    const file = path.join(tempDir('m'), 'mallory.dsse.json');
    expect(cleanroom(repo, ['manifest', 'HEAD', 'datasets', '--key', mallory.key, '--output', file]).status).toBe(0);
    const v = verify(snapshot, file);
    expect(v.stdout).toMatch(/the key is not listed in .*allowed_signers for namespace "cleanroom-review-v1"/);
    expect(v.status).toBe(1);
  });

  it('refuses a manifest whose payload was altered after signing', () => {
    const envelope = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const st = payloadOf(manifestFile);
    // Make the manifest vouch for a changed file: the export then "matches".
    const dir = copyOf(snapshot);
    fs.writeFileSync(path.join(dir, 'datasets/human.txt'), 'poisoned\n');
    st.subject[0].digest.sha256 = execFileSync('sha256sum', [path.join(dir, 'datasets/human.txt')], { timeout: CHILD_TIMEOUT_MS })
      .toString()
      .slice(0, 64);
    st.subject[0].digest.gitBlob = execFileSync('git', ['hash-object', path.join(dir, 'datasets/human.txt')], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS })
      .toString()
      .trim();
    envelope.payload = Buffer.from(JSON.stringify(st)).toString('base64');
    const file = path.join(tempDir('m'), 'altered.dsse.json');
    fs.writeFileSync(file, JSON.stringify(envelope));
    const v = verify(dir, file);
    expect(v.stdout).toContain('changed after signing');
    expect(v.status).toBe(1);
  });

  it('refuses an unsigned manifest unless --unsigned says it is trusted as it is', () => {
    const file = path.join(tempDir('m'), 'unsigned.json');
    fs.writeFileSync(file, JSON.stringify(payloadOf(manifestFile)));
    const v = verify(snapshot, file);
    expect(v.stdout).toContain('the manifest is not signed');
    expect(v.status).toBe(1);
    expect(verify(snapshot, file, ['--unsigned']).status).toBe(0);
  });

  /** The real manifest with its subjects and file entries rewritten, then signed by alice. */
  function forged(edit: (subjects: { name: string; digest: object }[]) => { name: string; digest: object }[]): string {
    const st = payloadOf(manifestFile);
    st.subject = edit(st.subject);
    st.predicate.files = st.subject.map((s: { name: string }) => ({ name: s.name, status: 'no-assistant-signal' }));
    return signed(st);
  }
  const digestOf = (file: string) => ({
    gitBlob: execFileSync('git', ['hash-object', file], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS }).toString().trim(),
    sha256: execFileSync('sha256sum', [file], { timeout: CHILD_TIMEOUT_MS }).toString().slice(0, 64),
  });

  it.each([
    ['a name with ..', '../outside-secret.txt', 'is not a path as git stores it'],
    ['an absolute name', '/etc/hostname', 'is not a path as git stores it'],
    ['a name with a lone surrogate', 'datasets/\ud800', 'a lone surrogate names no file'],
  ])('refuses a validly signed manifest with %s, and reads nothing by it', (_, name, message) => {
    const secret = path.join(path.dirname(snapshot), 'outside-secret.txt');
    fs.writeFileSync(secret, 'not part of the release\n');
    const file = forged((subjects) => [...subjects, { name, digest: digestOf(secret) }]);
    const v = verify(snapshot, file);
    expect(v.stdout).toContain(message);
    expect(v.status).toBe(1);
  });

  it('refuses a validly signed manifest that names one file twice', () => {
    const file = forged((subjects) => [...subjects, subjects[0] as { name: string; digest: object }]);
    const v = verify(snapshot, file);
    expect(v.stdout).toContain('"datasets/human.txt" appears twice');
    expect(v.status).toBe(1);
  });

  it('refuses a signed manifest that says releasable over an unreviewed file', () => {
    const st = payloadOf(manifestFile);
    st.predicate.files[1].status = 'unreviewed';
    const v = verify(snapshot, signed(st));
    expect(v.stdout).toContain('predicate.releasable is true, but datasets/sub/assistant.txt is unreviewed');
    expect(v.status).toBe(1);
  });

  it('reads a signed manifest far larger than a review envelope may be', () => {
    const st = payloadOf(manifestFile);
    // Unknown fields are ignored (in-toto), so padding stands in for tens of thousands of files.
    st.predicate.padding = 'x'.repeat(12 * 1024 * 1024);
    const v = verify(snapshot, signed(st));
    expect(v.stdout).toContain('matches: 2 files of');
    expect(v.status).toBe(0);
  });

  it('refuses a manifest of another repository, signed by a key both trust', () => {
    const other = path.join(tempDir('trust'), 'policy.yaml');
    fs.writeFileSync(other, EXAMPLE_POLICY.replace(REPOSITORY, 'urn:uuid:00000000-0000-4000-8000-000000000001'));
    fs.copyFileSync(path.join(path.dirname(policy), 'allowed_signers'), path.join(path.dirname(other), 'allowed_signers'));
    const v = cleanroom(outside, ['manifest', 'verify', manifestFile, snapshot, '--policy', other]);
    expect(v.stdout).toContain(`the manifest is for repository "${REPOSITORY}", not this policy's`);
    expect(v.status).toBe(1);
  });

  it('does not take a review attestation for a manifest', () => {
    const [review] = fs.readdirSync(path.join(repo, '.cleanroom/attestations'));
    const v = verify(snapshot, path.join(repo, '.cleanroom/attestations', review as string));
    expect(v.stdout).toContain('is this a release manifest?');
    expect(v.status).toBe(1);
  });

  it('does not take a manifest committed as an attestation for a review', () => {
    const r = reviewedRepo();
    commit(r, 'datasets/late.txt', 'assistant again\n');
    const m = path.join(r, '.cleanroom/attestations/release.dsse.json');
    expect(cleanroom(r, ['manifest', '--key', alice.key, '--output', m]).status).toBe(1);
    git(r, ['add', '.']);
    git(r, ['commit', '-q', '-m', 'a manifest among the reviews']);
    const v = cleanroom(r, ['verify', 'HEAD~1']);
    expect(v.stdout).toContain('NOT covered datasets/late.txt');
    expect(v.status).toBe(1);
  });

  it.each([
    ['a manifest that does not exist', () => path.join(outside, 'none.json'), 'cannot read the manifest (ENOENT)'],
    [
      'a manifest that is not JSON',
      () => {
        const f = path.join(tempDir('m'), 'garbage.json');
        fs.writeFileSync(f, 'not json');
        return f;
      },
      'the manifest is not JSON',
    ],
  ])('exits 2 without a stack trace on %s', (_, file, message) => {
    const v = verify(snapshot, file());
    expect(v.stderr).toContain(message);
    expect(v.stderr).not.toMatch(STACK);
    expect(v.status).toBe(2);
  });

  it('asks for --policy outside a repository (exit 2)', () => {
    const v = cleanroom(outside, ['manifest', 'verify', manifestFile, snapshot], cleanEnv({ GIT_CEILING_DIRECTORIES: path.dirname(outside) }));
    expect(v.stderr).toContain('pass --policy FILE');
    expect(v.status).toBe(2);
  });

  it('uses the repository policy inside a repository', () => {
    const v = cleanroom(repo, ['manifest', 'verify', manifestFile, snapshot]);
    expect(v.status).toBe(0);
  });
});

describe('the pipeline recipes of docs/manifest.md, run as written', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/manifest.md'), 'utf8');
  const fenced = (lang: string, first?: string) =>
    [...doc.matchAll(new RegExp(`\`\`\`${lang}\\n([^]*?)\`\`\``, 'g'))].map((m) => m[1] as string).find((b) => first === undefined || b.startsWith(first));

  const spoilt: [string, (d: string) => void][] = [
    ['one file changed', (d) => fs.appendFileSync(path.join(d, 'datasets/human.txt'), 'x')],
    ['one file added', (d) => fs.writeFileSync(path.join(d, 'datasets/added.txt'), 'x')],
    ['one file missing', (d) => fs.rmSync(path.join(d, 'datasets/human.txt'))],
  ];

  it('the shell step passes the untouched copy and fails a changed, an added and a missing file', () => {
    const step = fenced('sh', '# recipe: pipeline step');
    expect(step).toBeDefined();
    const bin = tempDir('bin');
    fs.writeFileSync(path.join(bin, 'cleanroom'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    const runStep = (dir: string) =>
      run('sh', ['-c', step as string], outside, cleanEnv({ PATH: `${bin}:${process.env.PATH}`, MANIFEST: manifestFile, SNAPSHOT: dir, POLICY: policy }));
    expect(runStep(copyOf(snapshot)).status).toBe(0);
    for (const [what, spoil] of spoilt) {
      const dir = copyOf(snapshot);
      spoil(dir);
      expect(runStep(dir).status, what).toBe(1);
    }
  });

  it('the Python snippet passes the untouched copy and fails a changed, an added and a missing file, and an unlisted signer', () => {
    const snippet = fenced('python');
    expect(snippet).toBeDefined();
    const script = path.join(tempDir('py'), 'verify_manifest.py');
    fs.writeFileSync(script, snippet as string);
    const signers = path.join(path.dirname(policy), 'allowed_signers');
    const py = (dir: string, manifest = manifestFile) => run('python3', [script, manifest, dir, signers, 'cleanroom-review-v1', REPOSITORY], outside);
    const ok = py(copyOf(snapshot));
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('ok: 2 files match');
    expect(ok.status).toBe(0);
    for (const [what, spoil] of spoilt) {
      const dir = copyOf(snapshot);
      spoil(dir);
      const r = py(dir);
      expect(r.stderr, what).toContain('manifest check failed');
      expect(r.status, what).toBe(1);
    }
    const byMallory = path.join(tempDir('m'), 'mallory.dsse.json');
    expect(cleanroom(repo, ['manifest', 'HEAD', 'datasets', '--key', mallory.key, '--output', byMallory]).status).toBe(0);
    expect(py(copyOf(snapshot), byMallory).status).toBe(1);
  });
});
