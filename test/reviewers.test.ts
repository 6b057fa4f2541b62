/**
 * Who signs a review: attest names the principal allowed_signers lists for the signing key and
 * refuses any other key before signing; several reviewers' signatures add up and never replace
 * each other; `reviewers` keeps the file; the policy's own markers do not flag the policy; and
 * verify shows a review a later commit brings. Real keys, real commits, real hooks.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attestationPath, serializeEnvelope } from '../src/attest/dsse.js';
import { signStatement } from '../src/attest/sign.js';
import { buildStatement } from '../src/attest/statement.js';
import { CHILD_TIMEOUT_MS, cleanEnv, cleanroom, fixtureCopy, git, gitRaw, gitTry, initRepo, installHooks, ROOT, seedRepo, tempDir, write } from './helpers/git.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

const keys = tempDir('keys');
function makeKey(name: string, args: string[] = ['-t', 'ed25519']): { key: string; pub: string; line: (opts?: string, principal?: string) => string } {
  const key = path.join(keys, name);
  execFileSync('ssh-keygen', ['-q', ...args, '-N', '', '-C', name, '-f', key], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS });
  const pub = fs.readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { key, pub, line: (opts = 'namespaces="cleanroom-review-v1"', principal = `${name}@example.org`) => `${principal} ${opts} ${pub}` };
}
const alice = makeKey('alice');
const alice2 = makeKey('alice2');
const bob = makeKey('bob');
const mallory = makeKey('mallory');

const human = cleanEnv();
const agent = cleanEnv({ CLAUDECODE: '1' });
const REPOSITORY = 'urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10';
const SIGNERS = '.cleanroom/allowed_signers';

function setup(policy = EXAMPLE_POLICY, signers = [alice.line(), bob.line()]): string {
  // Built once per policy and signers, then copied (fixtureCopy).
  return fixtureCopy(
    `setup ${JSON.stringify([policy, signers])}`,
    (repo) => {
      seedRepo(repo);
      writePolicy(repo, policy);
      write(repo, SIGNERS, `${signers.join('\n')}\n`);
      git(repo, ['add', '.cleanroom']);
      git(repo, ['commit', '-q', '-m', 'policy and reviewers']);
      installHooks(repo);
    },
    'repo',
  );
}

/** attest with a key and no --reviewer: who it signs as is for allowed_signers to say. */
function attest(repo: string, who: { key: string }, extra: string[] = [], env = human) {
  return cleanroom(repo, ['attest', '--yes', '--key', who.key, ...extra], env);
}

const attestations = (repo: string) => {
  const dir = path.join(repo, '.cleanroom', 'attestations');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};

const signaturesIn = (repo: string, file: string) =>
  (JSON.parse(fs.readFileSync(path.join(repo, '.cleanroom', 'attestations', file), 'utf8')) as { signatures: unknown[] }).signatures.length;

describe('attest signs as the key the policy lists', () => {
  it("names the key's principal, not git's user.email, and the gate takes the review", () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const r = attest(repo, alice);
    expect(r.stdout).toContain('signed by alice@example.org');
    expect(r.status).toBe(0);
    const ok = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(ok.stderr).toContain('reviewed by alice@example.org');
    expect(ok.status).toBe(0);
  });

  it('refuses an unlisted key before signing, and says how to list it', () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const r = attest(repo, mallory);
    expect(r.stderr).toMatch(
      /ED25519 key SHA256:\S+ \(.*mallory\) is not listed in \.cleanroom\/allowed_signers@HEAD, so the gate would refuse a review signed with it; nothing was signed/,
    );
    expect(r.stderr).toContain(`cleanroom reviewers add --principal <name> ${mallory.key}.pub`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
    expect(attestations(repo)).toEqual([]);
  });

  it('refuses a key listed for another namespace, or expired, before signing', () => {
    for (const [line, said] of [
      [alice.line('namespaces="git"'), /not allowed to sign in namespace "cleanroom-review-v1" \(namespaces="git"\)/],
      [alice.line('namespaces="cleanroom-review-v1",valid-before="20200101Z"'), /the key has expired/],
      [alice.line('namespaces="cleanroom-review-v1",valid-after="29990101Z"'), /not yet valid/],
    ] as const) {
      const repo = setup(EXAMPLE_POLICY, [line, bob.line()]);
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      const r = attest(repo, alice);
      expect(r.stderr).toMatch(said);
      expect(r.stderr).toContain('cannot sign reviews now');
      expect(r.status).toBe(2);
      expect(attestations(repo)).toEqual([]);
    }
  });

  it('takes --reviewer only when it is one of the key principals', () => {
    const repo = setup(EXAMPLE_POLICY, [alice.line(undefined, 'alice@example.org,alice.smith@example.org'), bob.line()]);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const other = attest(repo, alice, ['--reviewer', 'bob@example.org']);
    expect(other.stderr).toContain(
      '--reviewer bob@example.org is not a principal of this key in .cleanroom/allowed_signers@HEAD (it lists: alice@example.org, alice.smith@example.org)',
    );
    expect(other.status).toBe(2);
    expect(attestations(repo)).toEqual([]);
    const second = attest(repo, alice, ['--reviewer', 'alice.smith@example.org']);
    expect(second.stdout).toContain('signed by alice.smith@example.org');
    expect(second.status).toBe(0);
    expect(gitTry(repo, ['commit', '-m', 'data'], agent).status).toBe(0);
  });

  it('says the signers file must be committed first, at attest and in the blocked commit', async () => {
    const repo = setup(EXAMPLE_POLICY, [alice.line()]);
    fs.appendFileSync(path.join(repo, SIGNERS), `${bob.line()}\n`);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', 'datasets'], human);
    const r = attest(repo, bob);
    expect(r.stderr).toContain('cannot sign reviews yet, nothing was signed: the key is listed in .cleanroom/allowed_signers in the work tree but not committed');
    expect(r.stderr).toContain('a staged or work-tree change does not count');
    expect(r.status).toBe(2);

    // A review made by hand with that key: the commit is blocked, and says what to do.
    const gitBlob = git(repo, ['rev-parse', ':datasets/a.jsonl']);
    const sha256 = execFileSync('sha256sum', { input: gitRaw(repo, ['cat-file', 'blob', gitBlob]), timeout: CHILD_TIMEOUT_MS })
      .toString()
      .split(' ')[0] as string;
    const statement = buildStatement({ files: [{ name: 'datasets/a.jsonl', gitBlob, sha256 }], repository: REPOSITORY, reviewer: 'bob@example.org', reviewedAt: new Date() });
    const envelope = await signStatement(statement, { key: bob.key, namespace: 'cleanroom-review-v1', cwd: repo, env: human });
    write(repo, attestationPath(envelope.payload), serializeEnvelope(envelope));
    git(repo, ['add', SIGNERS, '.cleanroom/attestations'], human);
    const blocked = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('the key is listed in .cleanroom/allowed_signers staged; reviews are checked against the committed file');

    git(repo, ['commit', '-q', '-m', 'add bob', '--', SIGNERS], human);
    const ok = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(ok.stderr).toContain('reviewed by bob@example.org');
    expect(ok.status).toBe(0);
  });
});

describe('several reviewers', () => {
  const twoNeeded = EXAMPLE_POLICY.replace('threshold: 1', 'threshold: 2');

  it('counts two reviewers who each signed their own attestation of the same content', () => {
    const repo = setup(twoNeeded);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice).status).toBe(0);
    const one = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(one.stderr).toMatch(/needs 2 different reviewers \(review\.threshold\) and 1 reviewed it \(alice@example\.org\)/);
    expect(one.status).not.toBe(0);
    const [first] = attestations(repo);
    const before = fs.readFileSync(path.join(repo, '.cleanroom', 'attestations', first as string));
    expect(attest(repo, bob).status).toBe(0);
    expect(attestations(repo)).toHaveLength(2);
    expect(fs.readFileSync(path.join(repo, '.cleanroom', 'attestations', first as string))).toEqual(before);
    const two = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(two.stderr).toContain('reviewed by alice@example.org, bob@example.org');
    expect(two.status).toBe(0);
    expect(cleanroom(repo, ['check', '--range', 'HEAD~1..HEAD']).status).toBe(0);
  });

  it('offers a reviewer only what they have not signed yet, and the next reviewer what still waits', () => {
    const repo = setup(twoNeeded);
    write(repo, 'datasets/a.jsonl', '1\n');
    write(repo, 'datasets/b.jsonl', '2\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice, ['datasets/a.jsonl']).status).toBe(0);
    const again = attest(repo, alice);
    expect(again.stderr).toContain('=== datasets/b.jsonl');
    expect(again.stderr).not.toContain('=== datasets/a.jsonl');
    expect(again.status).toBe(0);
    const done = attest(repo, alice);
    expect(done.stdout).toContain('nothing for alice@example.org to review: 2 staged protected files you reviewed already need another reviewer (review.threshold is 2)');
    expect(done.status).toBe(0);
    const second = attest(repo, bob);
    expect(second.stderr).toContain('=== datasets/a.jsonl');
    expect(second.stderr).toContain('=== datasets/b.jsonl');
    expect(second.status).toBe(0);
    const ok = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(ok.stderr).toContain('reviewed by alice@example.org, bob@example.org');
    expect(ok.status).toBe(0);
  });

  it('does not count two keys of one reviewer as two, in one attestation or two', () => {
    const repo = setup(twoNeeded, [alice.line(), alice2.line(undefined, 'alice@example.org'), bob.line()]);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice).status).toBe(0);
    expect(attest(repo, alice2).status).toBe(0);
    const r = gitTry(repo, ['commit', '-m', 'data'], agent);
    expect(r.stderr).toMatch(/needs 2 different reviewers .* and 1 reviewed it \(alice@example\.org\)/);
    expect(r.status).not.toBe(0);
  });

  it('keeps the first signature when a second key signs the very same statement', () => {
    const repo = setup(EXAMPLE_POLICY, [alice.line(), alice2.line(undefined, 'alice@example.org')]);
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    // Both sign in the same second: the same statement, so the same file name.
    const frozen = cleanEnv({ NODE_OPTIONS: `--require ${path.join(ROOT, 'test', 'fixtures', 'frozen-clock.cjs')}`, CLEANROOM_TEST_NOW: String(Date.now() - 60_000) });
    expect(attest(repo, alice, [], frozen).status).toBe(0);
    const r = attest(repo, alice2, ['datasets/a.jsonl'], frozen);
    expect(r.stdout).toContain('signed by alice@example.org');
    expect(r.status).toBe(0);
    const files = attestations(repo);
    expect(files).toHaveLength(1);
    expect(signaturesIn(repo, files[0] as string)).toBe(2);
    expect(git(repo, ['diff', '--cached', '--stat', '--', '.cleanroom/attestations'])).toContain('1 file changed');

    // A file of another content at that name is kept too: the new review takes the next name.
    git(repo, ['rm', '-q', '--cached', `.cleanroom/attestations/${files[0]}`], human);
    write(repo, `.cleanroom/attestations/${files[0]}`, 'not mine\n');
    expect(attest(repo, alice, ['datasets/a.jsonl'], frozen).status).toBe(0);
    expect(fs.readFileSync(path.join(repo, '.cleanroom', 'attestations', files[0] as string), 'utf8')).toBe('not mine\n');
    expect(attestations(repo)).toEqual([files[0], (files[0] as string).replace('.dsse.json', '-2.dsse.json')].sort());
  });

  it('co-signing keeps a signature the index holds even when the work tree lost it', () => {
    const repo = setup(EXAMPLE_POLICY.replace('threshold: 1', 'threshold: 3'), [alice.line(), bob.line(), mallory.line()]);
    write(repo, 'evals/private/set.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    expect(attest(repo, alice).status).toBe(0);
    const [file] = attestations(repo);
    const rel = `.cleanroom/attestations/${file}`;
    const aliceOnly = fs.readFileSync(path.join(repo, rel));
    expect(cleanroom(repo, ['attest', '--yes', '--cosign', rel, '--key', bob.key], human).status).toBe(0);
    fs.writeFileSync(path.join(repo, rel), aliceOnly); // an editor or a checkout put back an older copy
    const third = cleanroom(repo, ['attest', '--yes', '--cosign', rel, '--key', mallory.key], human);
    expect(third.stdout).toContain('(3 signatures)');
    const ok = gitTry(repo, ['commit', '-m', 'eval'], human);
    expect(ok.stderr).toContain('reviewed by alice@example.org, bob@example.org, mallory@example.org');
    expect(ok.status).toBe(0);
  });
});

describe('cleanroom reviewers', () => {
  const signersText = (repo: string) => fs.readFileSync(path.join(repo, SIGNERS), 'utf8');

  it('adds a key in the ALLOWED SIGNERS format that ssh-keygen itself reads, for the review namespace', () => {
    const repo = setup(EXAMPLE_POLICY, [alice.line()]);
    const added = cleanroom(repo, ['reviewers', 'add', '--principal', 'bob@example.org', `${bob.key}.pub`], human);
    expect(added.stdout).toMatch(
      /^added bob@example\.org \(ED25519 key SHA256:\S+\) to \.cleanroom\/allowed_signers for namespace "cleanroom-review-v1"; commit it on its own before bob@example\.org signs a review/,
    );
    expect(added.stdout).toContain('a staged or work-tree change does not count for the gate or the server');
    expect(added.status).toBe(0);
    expect(signersText(repo)).toBe(`${alice.line()}\n${bob.line()}\n`);
    // ssh-keygen finds bob as the signer of data he signed in the review namespace.
    const data = path.join(tempDir('data'), 'm');
    fs.writeFileSync(data, 'message');
    execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', 'cleanroom-review-v1', '-f', bob.key, data], { env: human, timeout: CHILD_TIMEOUT_MS });
    const found = execFileSync('ssh-keygen', ['-Y', 'find-principals', '-f', path.join(repo, SIGNERS), '-s', `${data}.sig`], {
      env: human,
      timeout: CHILD_TIMEOUT_MS,
      encoding: 'utf8',
    });
    expect(found.trim()).toBe('bob@example.org');

    const again = cleanroom(repo, ['reviewers', 'add', '--principal', 'bob@example.org', `${bob.key}.pub`], human);
    expect(again.stdout).toContain('.cleanroom/allowed_signers:2 already lists');
    expect(again.status).toBe(0);
    const other = cleanroom(repo, ['reviewers', 'add', '--principal', 'robert@example.org', `${bob.key}.pub`], human);
    expect(other.stderr).toContain('one key is one reviewer: remove that line first (cleanroom reviewers remove bob@example.org)');
    expect(other.status).toBe(2);

    // Listed in the work tree only: attest says so, and so does list.
    const list = cleanroom(repo, ['reviewers', 'list'], human);
    expect(list.stdout).toMatch(/alice@example\.org {2}ED25519 key SHA256:\S+ {2}namespaces="cleanroom-review-v1"\n/);
    expect(list.stdout).toMatch(
      /bob@example\.org {2}ED25519 key SHA256:\S+ {2}namespaces="cleanroom-review-v1" {2}\(not in \.cleanroom\/allowed_signers@HEAD: does not count until committed\)/,
    );
    expect(list.status).toBe(0);
  });

  it('takes the principal from an email-address comment, and asks for one otherwise', () => {
    const repo = setup(EXAMPLE_POLICY, [alice.line()]);
    const noName = cleanroom(repo, ['reviewers', 'add', `${bob.key}.pub`], human);
    expect(noName.stderr).toContain('its comment ("bob") is not an email address: pass --principal');
    expect(noName.status).toBe(2);
    const dir = tempDir('pub');
    fs.writeFileSync(path.join(dir, 'carol.pub'), `${bob.pub} carol@example.org\n`);
    const r = cleanroom(repo, ['reviewers', 'add', path.join(dir, 'carol.pub')], human);
    expect(r.stdout).toContain('added carol@example.org');
    expect(signersText(repo)).toContain(`carol@example.org namespaces="cleanroom-review-v1" ${bob.pub}\n`);
  });

  it('refuses malformed keys and principals with a clear error, and changes nothing', () => {
    const repo = setup(EXAMPLE_POLICY, [alice.line()]);
    const dir = tempDir('bad-keys');
    const rsa1024 = makeKey('weak', ['-t', 'rsa', '-b', '1024']);
    const [type, body] = bob.pub.split(' ') as [string, string];
    const cases: [string, string, RegExp][] = [
      ['garbage.pub', 'hello world\n', /not an OpenSSH public key: the text after hello is not base64/],
      ['unknown.pub', `ssh-foo ${body}\n`, /the line says ssh-foo, but its key is ssh-ed25519/],
      ['empty.pub', '\n', /the file holds no key/],
      ['private', fs.readFileSync(bob.key, 'utf8'), /this is a private key; pass its \.pub file/],
      ['truncated.pub', `${type} ${body.slice(0, 40)}\n`, /not an OpenSSH public key/],
      ['notbase64.pub', `${type} !!!!\n`, /is not base64/],
      ['mislabelled.pub', `ecdsa-sha2-nistp256 ${body}\n`, /the line says ecdsa-sha2-nistp256, but its key is ssh-ed25519/],
      ['two.pub', `${bob.pub}\n${alice.pub}\n`, /holds 2 lines; give one key/],
      ['weak.pub', fs.readFileSync(`${rsa1024.key}.pub`, 'utf8'), /RSA key has 1024 bits/],
    ];
    for (const [name, text, said] of cases) {
      fs.writeFileSync(path.join(dir, name), text);
      const r = cleanroom(repo, ['reviewers', 'add', '--principal', 'x@example.org', path.join(dir, name)], human);
      expect(r.stderr, name).toMatch(said);
      expect(r.stderr, name).not.toMatch(/internal error|\n\s+at /);
      expect(r.status, name).toBe(2);
    }
    for (const principal of ['two words', 'a,b', '*@example.org', '!x', 'q"uote']) {
      const r = cleanroom(repo, ['reviewers', 'add', '--principal', principal, `${bob.key}.pub`], human);
      expect(r.stderr, principal).toContain('a principal is one name without blanks');
      expect(r.status, principal).toBe(2);
    }
    expect(cleanroom(repo, ['reviewers', 'add', '--principal', 'x@example.org', path.join(dir, 'missing.pub')], human).stderr).toMatch(
      /missing\.pub: cannot read the public key file \(ENOENT\)/,
    );
    expect(signersText(repo)).toBe(`${alice.line()}\n`);
  });

  it('removes by principal, by key file and by fingerprint', () => {
    const repo = setup(EXAMPLE_POLICY, ['# reviewers', alice.line(), bob.line(), mallory.line()]);
    const byName = cleanroom(repo, ['reviewers', 'remove', 'bob@example.org'], human);
    expect(byName.stdout).toMatch(/^removed bob@example\.org \(ED25519 key SHA256:\S+\) from \.cleanroom\/allowed_signers; commit it on its own before it takes effect/);
    expect(signersText(repo)).toBe(`# reviewers\n${alice.line()}\n${mallory.line()}\n`);
    expect(cleanroom(repo, ['reviewers', 'remove', `${mallory.key}.pub`], human).status).toBe(0);
    const fp = execFileSync('ssh-keygen', ['-l', '-f', `${alice.key}.pub`], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS }).split(' ')[1] as string;
    expect(cleanroom(repo, ['reviewers', 'remove', fp], human).status).toBe(0);
    expect(signersText(repo)).toBe('# reviewers\n');
    const none = cleanroom(repo, ['reviewers', 'remove', 'bob@example.org'], human);
    expect(none.stderr).toContain('.cleanroom/allowed_signers has no line for bob@example.org');
    expect(none.status).toBe(2);
  });

  it('will not drop a line that names other principals too', () => {
    const repo = setup(EXAMPLE_POLICY, [alice.line(undefined, 'alice@example.org,alice.smith@example.org')]);
    const r = cleanroom(repo, ['reviewers', 'remove', 'alice.smith@example.org'], human);
    expect(r.stderr).toContain('.cleanroom/allowed_signers:1 lists alice.smith@example.org with other principals');
    expect(r.status).toBe(2);
    expect(cleanroom(repo, ['reviewers', 'bogus'], human).status).toBe(2);
  });
});

describe("the policy's own markers", () => {
  const MARKER = 'robot-wrote-this';
  const policy = EXAMPLE_POLICY.replace('  - path: "datasets/**"', '  - path: ".cleanroom/**"\n    require: review-if-assistant\n  - path: "datasets/**"').replace(
    'markers: ["CANARY-[0-9]+"]',
    `markers: ["${MARKER}"]`,
  );

  it('do not flag the policy file that defines them, and flag the same text anywhere else', () => {
    const repo = initRepo();
    installHooks(repo);
    writePolicy(repo, policy);
    write(repo, SIGNERS, `${alice.line()}\n`);
    git(repo, ['add', '.cleanroom'], human);
    const first = gitTry(repo, ['commit', '-m', 'policy'], human);
    expect(first.status).toBe(0);
    // An edit of the policy by a person, under the policy HEAD now has.
    writePolicy(repo, policy.replace('mode: enforce', `# markers: ${MARKER} banners\nmode: enforce`));
    git(repo, ['add', '.cleanroom'], human);
    expect(gitTry(repo, ['commit', '-m', 'policy comment'], human).status).toBe(0);
    expect(cleanroom(repo, ['check', '--range', 'HEAD~2..HEAD']).status).toBe(0);

    // Not a path that merely looks like it, and not the same text in data.
    for (const file of ['.cleanroom/Policy.yaml', '.cleanroom/policy.yaml.bak', 'datasets/.cleanroom/policy.yaml', 'datasets/a.jsonl']) {
      write(repo, file, `${MARKER}\n`);
      git(repo, ['add', '--', file], human);
      const r = cleanroom(repo, ['check', '--format', 'json'], human);
      expect(
        JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path),
        file,
      ).toEqual([file]);
      git(repo, ['rm', '-q', '--cached', '--', file], human);
      fs.rmSync(path.join(repo, file));
    }
  });

  it('still judge an assistant that changes the policy by every other signal', () => {
    const repo = setup(policy);
    writePolicy(repo, policy.replace('mode: enforce', `# ${MARKER}\nmode: enforce`));
    git(repo, ['add', '.cleanroom'], human);
    const r = gitTry(repo, ['commit', '-m', 'policy'], agent);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('.cleanroom/policy.yaml');
    const trailer = gitTry(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-m', 'policy\n\nCo-authored-by: Claude <noreply@anthropic.com>'], human);
    expect(trailer.status).toBe(0);
    const range = cleanroom(repo, ['check', '--range', 'HEAD~1..HEAD']);
    expect(range.stdout).toContain('.cleanroom/policy.yaml');
    expect(range.status).toBe(1);
  });
});

describe('verify and a later review', () => {
  it('says which later commit covers what REV brought, as scan and the server count it', () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'data\n\nCo-authored-by: Claude <noreply@anthropic.com>'], human);
    const alone = cleanroom(repo, ['verify']);
    expect(alone.stdout).toMatch(/NOT covered datasets\/a\.jsonl/);
    expect(alone.status).toBe(1);

    expect(attest(repo, alice, ['datasets/a.jsonl']).status).toBe(0);
    git(repo, ['commit', '-q', '-m', 'review'], human);
    const review = git(repo, ['rev-parse', 'HEAD']).slice(0, 12);
    const blob = git(repo, ['rev-parse', 'HEAD:datasets/a.jsonl']).slice(0, 12);
    const v = cleanroom(repo, ['verify', 'HEAD~1']);
    expect(v.stdout).toContain(`covered later datasets/a.jsonl (blob ${blob}) by alice@example.org`);
    expect(v.stdout).toContain(`blob ${blob} at path datasets/a.jsonl is covered by the review in commit ${review} (later than HEAD~1)`);
    expect(v.status).toBe(0);
    // What verify says is what the gates decide.
    expect(cleanroom(repo, ['scan']).status).toBe(0);
    expect(cleanroom(repo, ['check', '--range', 'HEAD~2..HEAD']).status).toBe(0);
    expect(cleanroom(repo, ['check', '--range', 'HEAD~2..HEAD~1']).status).toBe(1);
  });
});
