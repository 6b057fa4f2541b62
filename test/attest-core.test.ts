// The attestation core against real keys made by ssh-keygen and FIDO signatures from a software
// authenticator, with stock `ssh-keygen -Y verify` judging every signature it can judge: where it
// can, the two verdicts must agree; where cleanroom is deliberately stricter, the table says so
// and the test proves ssh-keygen would have said yes.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedSigners, type AllowedSigners } from '../src/attest/allowed-signers.js';
import { attestationPath, pae, parseEnvelope, PAYLOAD_TYPE, serializeEnvelope, type Envelope } from '../src/attest/dsse.js';
import { addSignature, signPayload, signStatement } from '../src/attest/sign.js';
import { fingerprint, sshString, sshUint32 } from '../src/attest/ssh.js';
import { armorSshsig, dearmorSshsig, sshsigSignedData, verifySshsig } from '../src/attest/sshsig.js';
import { buildStatement, serializeStatement, type ReviewInput } from '../src/attest/statement.js';
import {
  checkCovered,
  coverage,
  coverageKey,
  indexEnvelopes,
  NO_REPOSITORY,
  relevantEnvelopes,
  verifyEnvelope,
  verifyEnvelopeAsync,
  type VerifyContext,
} from '../src/attest/verify.js';
import { CleanroomError } from '../src/errors.js';
import { cleanEnv, git, initRepo, ROOT, tempDir, write, CHILD_TIMEOUT_MS } from './helpers/git.js';

const NS = 'cleanroom-review-v1';
const REPO = 'urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10';
const NOW = new Date('2026-03-01T12:00:00Z');
const REVIEWED_AT = '2026-03-01T11:00:00Z';
const CONTENT = Buffer.from('id,text\n1,hello\n');
const FILE = {
  name: 'datasets/greeting.csv',
  gitBlob: crypto.createHash('sha1').update(`blob ${CONTENT.length}\0`).update(CONTENT).digest('hex'),
  sha256: crypto.createHash('sha256').update(CONTENT).digest('hex'),
};

const keyDir = tempDir('keys');
const keyPath = (name: string): string => path.join(keyDir, name);

const cat = (...parts: (Uint8Array | string)[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

/** Anything that can sign a message as an SSHSIG blob in a namespace. */
interface Signer {
  readonly name: string;
  /** The allowed_signers key field: "<type> <base64>". */
  readonly publicKey: string;
  readonly blob: Buffer;
  sign(message: Uint8Array, namespace?: string): Uint8Array;
}

function sshKeygen(args: readonly string[], input?: Uint8Array): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('ssh-keygen', args, { env: cleanEnv(), input, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
  return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

/** A key file made by ssh-keygen, signing through `ssh-keygen -Y sign`. */
function fileKey(name: string, keygenArgs: readonly string[]): Signer & { readonly file: string } {
  const file = keyPath(name);
  const made = sshKeygen(['-q', ...keygenArgs, '-N', '', '-C', name, '-f', file]);
  if (made.status !== 0) throw new Error(made.stderr);
  const [type, b64] = fs.readFileSync(`${file}.pub`, 'utf8').split(' ') as [string, string];
  return {
    name,
    file,
    publicKey: `${type} ${b64}`,
    blob: Buffer.from(b64, 'base64'),
    sign: (message, namespace = NS) => sshSignWith(file, message, namespace),
  };
}

function sshsigBlob(publicKey: Uint8Array, namespace: string, hash: string, signature: Uint8Array): Buffer {
  return cat('SSHSIG', sshUint32(1), sshString(publicKey), sshString(namespace), sshString(''), sshString(hash), sshString(signature));
}

function mpint(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length && magnitude[i] === 0) i++;
  const v = magnitude.subarray(i);
  return sshString(v.length > 0 && ((v[0] as number) & 0x80) !== 0 ? cat(Uint8Array.of(0), v) : v);
}

const sha256 = (data: Uint8Array | string): Buffer => crypto.createHash('sha256').update(data).digest();

/**
 * A FIDO authenticator in software: an sk- key whose signatures carry the given flags, signed the
 * way a token signs (PROTOCOL.u2f): SHA256(application) || flags || counter || SHA256(data).
 */
function softSk(name: string, kind: 'ed25519' | 'ecdsa', flags: number): Signer {
  const application = 'ssh:';
  const pair = kind === 'ed25519' ? crypto.generateKeyPairSync('ed25519') : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = pair.publicKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x as string, 'base64url');
  const type = kind === 'ed25519' ? 'sk-ssh-ed25519@openssh.com' : 'sk-ecdsa-sha2-nistp256@openssh.com';
  const blob =
    kind === 'ed25519'
      ? cat(sshString(type), sshString(x), sshString(application))
      : cat(sshString(type), sshString('nistp256'), sshString(cat(Uint8Array.of(4), x, Buffer.from(jwk.y as string, 'base64url'))), sshString(application));
  return {
    name,
    publicKey: `${type} ${blob.toString('base64')}`,
    blob,
    sign(message, namespace = NS) {
      const counter = 7;
      const signed = cat(sha256(application), Uint8Array.of(flags), sshUint32(counter), sha256(sshsigSignedData(namespace, 'sha512', message)));
      let inner: Uint8Array;
      if (kind === 'ed25519') inner = crypto.sign(null, signed, pair.privateKey);
      else {
        const rs = crypto.sign('sha256', signed, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
        inner = cat(mpint(rs.subarray(0, 32)), mpint(rs.subarray(32)));
      }
      return sshsigBlob(blob, namespace, 'sha512', cat(sshString(type), sshString(inner), Uint8Array.of(flags), sshUint32(counter)));
    },
  };
}

/** RSA signed in software, for what ssh-keygen refuses to produce: the legacy ssh-rsa (SHA-1) algorithm. */
function softRsa(name: string, algorithm: 'ssh-rsa' | 'rsa-sha2-512'): Signer {
  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = pair.publicKey.export({ format: 'jwk' });
  const blob = cat(sshString('ssh-rsa'), mpint(Buffer.from(jwk.e as string, 'base64url')), mpint(Buffer.from(jwk.n as string, 'base64url')));
  return {
    name,
    publicKey: `ssh-rsa ${blob.toString('base64')}`,
    blob,
    sign(message, namespace = NS) {
      const sig = crypto.sign(algorithm === 'ssh-rsa' ? 'sha1' : 'sha512', sshsigSignedData(namespace, 'sha512', message), pair.privateKey);
      return sshsigBlob(blob, namespace, 'sha512', cat(sshString(algorithm), sshString(sig)));
    },
  };
}

/** Re-labels a signature with another public key: mallory's signature claiming to be alice's. */
function splice(sig: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const b = Buffer.from(sig);
  const keyLen = b.readUInt32BE(10);
  return cat(b.subarray(0, 10), sshString(publicKey), b.subarray(14 + keyLen));
}

let K: Record<
  | 'alice'
  | 'alice2'
  | 'bob'
  | 'bobSha256'
  | 'carol'
  | 'dave'
  | 'erin'
  | 'mallory'
  | 'old'
  | 'expired'
  | 'early'
  | 'gitonly'
  | 'twoNames'
  | 'ivan'
  | 'skTouch'
  | 'skNoTouch'
  | 'skPin'
  | 'skEcTouch'
  | 'skEcNoTouch'
  | 'sha1'
  | 'softRsa',
  Signer
>;
let certSigner: Signer;

let SIGNERS_TEXT: string;
let SIGNERS: AllowedSigners;

beforeAll(() => {
  const alice = fileKey('alice', ['-t', 'ed25519']);
  const bob = fileKey('bob', ['-t', 'rsa', '-b', '3072']);
  K = {
    alice,
    alice2: fileKey('alice2', ['-t', 'ed25519']),
    bob,
    bobSha256: { ...bob, sign: (m, ns = NS) => sshSignWith(bob.file, m, ns, ['-O', 'hashalg=sha256']) },
    carol: fileKey('carol', ['-t', 'ecdsa', '-b', '256']),
    dave: fileKey('dave', ['-t', 'ecdsa', '-b', '384']),
    erin: fileKey('erin', ['-t', 'ecdsa', '-b', '521']),
    mallory: fileKey('mallory', ['-t', 'ed25519']),
    old: fileKey('old', ['-t', 'rsa', '-b', '1024']),
    expired: fileKey('expired', ['-t', 'ed25519']),
    early: fileKey('early', ['-t', 'ed25519']),
    gitonly: fileKey('gitonly', ['-t', 'ed25519']),
    twoNames: fileKey('twonames', ['-t', 'ed25519']),
    ivan: fileKey('ivan', ['-t', 'ed25519']),
    skTouch: softSk('frank', 'ed25519', 0x01),
    skNoTouch: softSk('notouch', 'ed25519', 0x00),
    skPin: softSk('pin', 'ed25519', 0x05),
    skEcTouch: softSk('grace', 'ecdsa', 0x01),
    skEcNoTouch: softSk('heidi', 'ecdsa', 0x00),
    sha1: softRsa('sha1', 'ssh-rsa'),
    softRsa: softRsa('softrsa', 'rsa-sha2-512'),
  };
  const ca = fileKey('ca', ['-t', 'ed25519']);
  const certified = fileKey('certified', ['-t', 'ed25519']);
  const made = sshKeygen(['-q', '-s', ca.file, '-I', 'certified', '-n', 'certified@example.org', `${certified.file}.pub`]);
  if (made.status !== 0) throw new Error(made.stderr);
  certSigner = { ...certified, sign: (m, ns = NS) => sshSignWith(`${certified.file}-cert.pub`, m, ns) };

  SIGNERS_TEXT = [
    '# reviewers',
    `alice@example.org namespaces="${NS}" ${K.alice.publicKey} alice's laptop`,
    `alice@example.org ${K.alice2.publicKey}`,
    `bob@example.org ${K.bob.publicKey}`,
    `carol@example.org ${K.carol.publicKey}`,
    `dave@example.org ${K.dave.publicKey}`,
    `erin@example.org ${K.erin.publicKey}`,
    `old@example.org ${K.old.publicKey}`,
    `expired@example.org valid-before="20240101Z" ${K.expired.publicKey}`,
    `early@example.org valid-after="20270101000000Z" ${K.early.publicKey}`,
    `gitonly@example.org namespaces="git" ${K.gitonly.publicKey}`,
    `"twonames@example.org,two.names@example.org" ${K.twoNames.publicKey}`,
    `*@example.org,!ivan@example.org ${K.ivan.publicKey}`,
    `frank@example.org ${K.skTouch.publicKey}`,
    `notouch@example.org ${K.skNoTouch.publicKey}`,
    `pin@example.org ${K.skPin.publicKey}`,
    `grace@example.org NAMESPACES="${NS}" ${K.skEcTouch.publicKey}`,
    `heidi@example.org ${K.skEcNoTouch.publicKey}`,
    `sha1@example.org ${K.sha1.publicKey}`,
    `softrsa@example.org ${K.softRsa.publicKey}`,
    `*@example.org cert-authority ${ca.publicKey}`,
    '',
  ].join('\n');
  SIGNERS = parseAllowedSigners(SIGNERS_TEXT, 'allowed_signers');
});

function sshSignWith(keyFile: string, message: Uint8Array, namespace: string, extra: readonly string[] = []): Uint8Array {
  const r = spawnSync('ssh-keygen', ['-Y', 'sign', '-n', namespace, '-f', keyFile, ...extra], { env: cleanEnv(), input: message, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
  if (r.status !== 0) throw new Error(r.stderr);
  return dearmorSshsig(r.stdout);
}

function ctx(over: Partial<VerifyContext> = {}): VerifyContext {
  return { namespace: NS, allowedSigners: SIGNERS, threshold: 1, requireUserPresence: false, repository: REPO, now: NOW, ...over };
}

function review(over: Partial<ReviewInput> = {}): ReviewInput {
  return { files: [FILE], repository: REPO, reviewer: 'alice@example.org', reviewedAt: new Date(REVIEWED_AT), ...over };
}

interface Made {
  readonly envelope: Envelope;
  readonly bytes: Uint8Array;
}

/** An envelope over the statement `input`, signed by each signer; `edit` changes the payload after signing. */
function envelope(
  input: ReviewInput,
  signers: readonly Signer[],
  opts: { namespace?: string; edit?: (payload: string) => string; payloadType?: string; predicate?: Record<string, unknown> } = {},
): Made {
  const payloadType = opts.payloadType ?? PAYLOAD_TYPE;
  const statement = buildStatement(input);
  const signed = opts.predicate ? Buffer.from(JSON.stringify({ ...statement, predicate: { ...statement.predicate, ...opts.predicate } })) : serializeStatement(statement);
  const sigs = signers.map((s) => ({ sig: s.sign(pae(payloadType, signed), opts.namespace) }));
  const payload = opts.edit === undefined ? signed : Buffer.from(opts.edit(Buffer.from(signed).toString('utf8')));
  const env: Envelope = { payloadType, payload, signatures: sigs };
  return { envelope: env, bytes: Buffer.from(serializeEnvelope(env)) };
}

const verifyTime = (rfc3339: string): string => `${rfc3339.replace(/[-:]/g, '').replace('T', '').replace(/\.\d+/, '').replace('Z', '')}Z`;

/** Stock OpenSSH's verdict on one signature over `message`. */
function sshKeygenVerifies(message: Uint8Array, sig: Uint8Array, reviewer: string, reviewedAt: string, signersText = SIGNERS_TEXT): boolean {
  const dir = tempDir('verify');
  fs.writeFileSync(path.join(dir, 'allowed_signers'), signersText);
  fs.writeFileSync(path.join(dir, 'sig'), armorSshsig(sig));
  const r = spawnSync(
    'ssh-keygen',
    ['-Y', 'verify', '-f', path.join(dir, 'allowed_signers'), '-I', reviewer, '-n', NS, '-s', path.join(dir, 'sig'), '-O', `verify-time=${verifyTime(reviewedAt)}`],
    { env: cleanEnv(), input: message, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS },
  );
  return r.status === 0;
}

/** Stock OpenSSH's verdict on each signature of the envelope, for the statement's reviewer at its reviewedAt. */
function sshKeygenAccepts(made: Made, reviewer: string, reviewedAt: string, signersText = SIGNERS_TEXT): boolean[] {
  const message = pae(made.envelope.payloadType, made.envelope.payload);
  return made.envelope.signatures.map((s) => sshKeygenVerifies(message, s.sig, reviewer, reviewedAt, signersText));
}

type Judge = 'agrees' | { stricter: string };

interface Case {
  readonly name: string;
  readonly make: () => Made;
  readonly ctx?: () => Partial<VerifyContext>;
  /** 'ok', or what the one problem that matters must say. */
  readonly expect: 'ok' | RegExp;
  /** How stock ssh-keygen -Y verify judges the same signature. */
  readonly sshKeygen: Judge;
  readonly reviewer?: string;
  readonly reviewedAt?: string;
}

const future = (ms: number): Date => new Date(NOW.getTime() + ms);

const CASES: Case[] = [
  { name: 'ssh-ed25519', make: () => envelope(review(), [K.alice]), expect: 'ok', sshKeygen: 'agrees' },
  {
    name: 'RSA 3072, rsa-sha2-512 over sha512',
    make: () => envelope(review({ reviewer: 'bob@example.org' }), [K.bob]),
    expect: 'ok',
    sshKeygen: 'agrees',
    reviewer: 'bob@example.org',
  },
  {
    name: 'RSA 3072 with -O hashalg=sha256',
    make: () => envelope(review({ reviewer: 'bob@example.org' }), [K.bobSha256]),
    expect: 'ok',
    sshKeygen: 'agrees',
    reviewer: 'bob@example.org',
  },
  {
    name: 'RSA made in software (rsa-sha2-512)',
    make: () => envelope(review({ reviewer: 'softrsa@example.org' }), [K.softRsa]),
    expect: 'ok',
    sshKeygen: 'agrees',
    reviewer: 'softrsa@example.org',
  },
  { name: 'ECDSA P-256', make: () => envelope(review({ reviewer: 'carol@example.org' }), [K.carol]), expect: 'ok', sshKeygen: 'agrees', reviewer: 'carol@example.org' },
  { name: 'ECDSA P-384', make: () => envelope(review({ reviewer: 'dave@example.org' }), [K.dave]), expect: 'ok', sshKeygen: 'agrees', reviewer: 'dave@example.org' },
  { name: 'ECDSA P-521', make: () => envelope(review({ reviewer: 'erin@example.org' }), [K.erin]), expect: 'ok', sshKeygen: 'agrees', reviewer: 'erin@example.org' },
  {
    name: 'sk-ssh-ed25519 with a touch, presence required',
    make: () => envelope(review({ reviewer: 'frank@example.org' }), [K.skTouch]),
    ctx: () => ({ requireUserPresence: true }),
    expect: 'ok',
    sshKeygen: 'agrees',
    reviewer: 'frank@example.org',
  },
  {
    name: 'sk-ecdsa with a touch, presence required',
    make: () => envelope(review({ reviewer: 'grace@example.org' }), [K.skEcTouch]),
    ctx: () => ({ requireUserPresence: true }),
    expect: 'ok',
    sshKeygen: 'agrees',
    reviewer: 'grace@example.org',
  },
  {
    name: 'sk-ecdsa without a touch, presence not required',
    make: () => envelope(review({ reviewer: 'heidi@example.org' }), [K.skEcNoTouch]),
    expect: 'ok',
    sshKeygen: 'agrees',
    reviewer: 'heidi@example.org',
  },
  {
    name: 'sk-ssh-ed25519 without a touch, presence required',
    make: () => envelope(review({ reviewer: 'notouch@example.org' }), [K.skNoTouch]),
    ctx: () => ({ requireUserPresence: true }),
    expect: /requires user presence .*signed without a touch \(flags 0x00\)/,
    sshKeygen: { stricter: 'ssh-keygen does not look at the FIDO flags' },
    reviewer: 'notouch@example.org',
  },
  {
    name: 'sk-ecdsa without a touch, presence required',
    make: () => envelope(review({ reviewer: 'heidi@example.org' }), [K.skEcNoTouch]),
    ctx: () => ({ requireUserPresence: true }),
    expect: /signed without a touch/,
    sshKeygen: { stricter: 'ssh-keygen does not look at the FIDO flags' },
    reviewer: 'heidi@example.org',
  },
  {
    name: 'ssh-ed25519, presence required',
    make: () => envelope(review(), [K.alice]),
    ctx: () => ({ requireUserPresence: true }),
    expect: /the key is not a FIDO security key; sign with an sk-ssh-ed25519/,
    sshKeygen: { stricter: 'user presence is a cleanroom policy' },
  },
  {
    name: 'a git commit signature (namespace git)',
    make: () => envelope(review(), [K.alice], { namespace: 'git' }),
    expect: /signed in namespace "git" \(a git commit or tag signature.*\), not "cleanroom-review-v1"; sign the review with ssh-keygen -Y sign -n cleanroom-review-v1/,
    sshKeygen: 'agrees',
  },
  {
    name: 'a signer not on the list',
    make: () => envelope(review({ reviewer: 'mallory@example.org' }), [K.mallory]),
    expect: /ED25519 key SHA256:\S+\): the key is not listed in allowed_signers for namespace "cleanroom-review-v1"; a reviewer listed there must sign/,
    sshKeygen: 'agrees',
    reviewer: 'mallory@example.org',
  },
  {
    name: 'an expired key line',
    make: () => envelope(review({ reviewer: 'expired@example.org' }), [K.expired]),
    expect: /allowed_signers:9 \(expired@example.org\): the key has expired: 2026-03-01T11:00:00Z is after valid-before 2024-01-01T00:00:00Z; sign with a key that is valid/,
    sshKeygen: 'agrees',
    reviewer: 'expired@example.org',
  },
  {
    name: 'a key line not yet valid',
    make: () => envelope(review({ reviewer: 'early@example.org' }), [K.early]),
    expect: /allowed_signers:10 \(early@example.org\): the key is not yet valid at 2026-03-01T11:00:00Z: valid-after is 2027-01-01T00:00:00Z/,
    sshKeygen: 'agrees',
    reviewer: 'early@example.org',
  },
  {
    name: 'a key allowed only in namespace git',
    make: () => envelope(review({ reviewer: 'gitonly@example.org' }), [K.gitonly]),
    expect: /not listed in allowed_signers for namespace "cleanroom-review-v1"/,
    sshKeygen: 'agrees',
    reviewer: 'gitonly@example.org',
  },
  {
    name: 'an edited payload',
    make: () => envelope(review(), [K.alice], { edit: (p) => p.replace(FILE.gitBlob, 'f'.repeat(40)) }),
    expect:
      /signature 1: ED25519 key SHA256:\S+: the signature does not match the signed data: the statement or the signature was changed after signing; re-create the attestation/,
    sshKeygen: 'agrees',
  },
  {
    name: "another repository's statement",
    make: () => envelope(review({ repository: 'urn:uuid:00000000-0000-4000-8000-000000000000' }), [K.alice]),
    expect:
      /the statement is for repository "urn:uuid:00000000-0000-4000-8000-000000000000", not this policy's "urn:uuid:5b0e8f0e-.*"; .*review and sign the files again in this one/,
    sshKeygen: { stricter: 'ssh-keygen checks signatures, not statements' },
  },
  {
    name: 'a policy without a repository id',
    make: () => envelope(review(), [K.alice]),
    ctx: () => ({ repository: null }),
    expect: /^the policy has no repository id.*add `repository: urn:uuid:/,
    sshKeygen: { stricter: 'ssh-keygen checks signatures, not statements' },
  },
  {
    name: 'RSA 1024',
    make: () => envelope(review({ reviewer: 'old@example.org' }), [K.old]),
    expect: /RSA key has 1024 bits; cleanroom accepts 2048 or more/,
    sshKeygen: { stricter: 'OpenSSH still accepts 1024-bit RSA' },
    reviewer: 'old@example.org',
  },
  {
    name: 'an OpenSSH certificate under a cert-authority line',
    make: () => envelope(review({ reviewer: 'certified@example.org' }), [certSigner]),
    expect: /made with an OpenSSH certificate \(ssh-ed25519-cert-v01@openssh.com\); cleanroom trusts plain keys/,
    sshKeygen: { stricter: 'cleanroom ignores cert-authority lines' },
    reviewer: 'certified@example.org',
  },
  {
    name: 'RSA with the legacy ssh-rsa (SHA-1) algorithm',
    make: () => envelope(review({ reviewer: 'sha1@example.org' }), [K.sha1]),
    expect: /ssh-rsa \(SHA-1\), which is broken/,
    sshKeygen: 'agrees',
    reviewer: 'sha1@example.org',
  },
  {
    name: "mallory's signature carrying alice's public key",
    make: () => {
      const made = envelope(review(), [K.mallory]);
      const env = { ...made.envelope, signatures: [{ sig: splice(made.envelope.signatures[0]!.sig, K.alice.blob) }] };
      return { envelope: env, bytes: Buffer.from(serializeEnvelope(env)) };
    },
    expect: /does not match the signed data/,
    sshKeygen: 'agrees',
  },
  {
    name: 'a statement naming a reviewer who did not sign',
    make: () => envelope(review({ reviewer: 'bob@example.org' }), [K.alice]),
    expect: /predicate.reviewer "bob@example.org" is not a principal of any key that signed \(alice@example.org\)/,
    sshKeygen: 'agrees',
    reviewer: 'bob@example.org',
  },
  {
    name: 'a principal excluded by negation',
    make: () => envelope(review({ reviewer: 'ivan@example.org' }), [K.ivan]),
    expect: /predicate.reviewer "ivan@example.org" is not a principal of any key that signed \(\*@example.org\)/,
    sshKeygen: 'agrees',
    reviewer: 'ivan@example.org',
  },
  {
    name: 'a quoted principal list',
    make: () => envelope(review({ reviewer: 'two.names@example.org' }), [K.twoNames]),
    expect: 'ok',
    sshKeygen: 'agrees',
    reviewer: 'two.names@example.org',
  },
  {
    name: 'reviewedAt 4 minutes ahead of now',
    make: () => envelope(review({ reviewedAt: future(4 * 60_000) }), [K.alice]),
    expect: 'ok',
    sshKeygen: 'agrees',
    reviewedAt: '2026-03-01T12:04:00Z',
  },
  {
    name: 'reviewedAt 6 minutes ahead of now',
    make: () => envelope(review({ reviewedAt: future(6 * 60_000) }), [K.alice]),
    expect: /predicate.reviewedAt 2026-03-01T12:06:00Z is in the future \(now is 2026-03-01T12:00:00.000Z\); check the reviewer's clock/,
    sshKeygen: { stricter: 'ssh-keygen verifies at whatever time it is given' },
    reviewedAt: '2026-03-01T12:06:00Z',
  },
  {
    name: 'a review limited to refs, which no gate can hold it to',
    make: () => envelope(review(), [K.alice], { predicate: { refs: ['refs/heads/main'] } }),
    expect: /predicate.refs limits the review to some refs, which cleanroom cannot hold it to; review and sign the files again without refs/,
    sshKeygen: { stricter: 'ssh-keygen checks signatures, not statements' },
  },
  {
    name: 'another payloadType',
    make: () => envelope(review(), [K.alice], { payloadType: 'application/json' }),
    expect: /payloadType is "application\/json"; expected "application\/vnd.in-toto\+json"/,
    sshKeygen: { stricter: 'the signature covers the other type, which ssh-keygen cannot know is wrong' },
  },
  {
    name: 'a signature with trailing bytes',
    make: () => {
      const made = envelope(review(), [K.alice]);
      const env = { ...made.envelope, signatures: [{ sig: cat(made.envelope.signatures[0]!.sig, Uint8Array.of(0)) }] };
      return { envelope: env, bytes: Buffer.from(serializeEnvelope(env)) };
    },
    expect: /SSH signature has 1 unexpected trailing bytes; re-create the attestation/,
    sshKeygen: 'agrees',
  },
];

describe('verifyEnvelope, with ssh-keygen -Y verify as the second opinion', () => {
  it.each(CASES)('$name', (c) => {
    const made = c.make();
    const verdict = verifyEnvelope(made.bytes, ctx(c.ctx?.()));
    if (c.expect === 'ok') expect(verdict).toMatchObject({ ok: true });
    else {
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.problems.join('\n')).toMatch(c.expect);
    }
    const openssh = sshKeygenAccepts(made, c.reviewer ?? 'alice@example.org', c.reviewedAt ?? REVIEWED_AT);
    expect(openssh).toEqual([c.sshKeygen === 'agrees' ? verdict.ok : true]);
  });

  it.each(CASES)('the thread-pool check agrees: $name', async (c) => {
    const made = c.make();
    const context = ctx(c.ctx?.());
    expect(await verifyEnvelopeAsync(made.bytes, context)).toEqual(verifyEnvelope(made.bytes, context));
  });

  it('accepts a good signature next to a broken one (DSSE: t-of-n over valid signatures)', () => {
    const made = envelope(review(), [K.mallory, K.alice]);
    expect(verifyEnvelope(made.bytes, ctx())).toMatchObject({ ok: true, principals: ['alice@example.org'] });
  });

  it('never parses a payload no trusted key signed', () => {
    const made = envelope(review(), [K.mallory], { edit: () => 'not json at all' });
    const verdict = verifyEnvelope(made.bytes, ctx());
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problems.join('\n')).not.toMatch(/JSON/);
  });

  it('returns the statement as cleanroom reads it, without the unknown fields it ignored', () => {
    const statement = buildStatement(review());
    const json = JSON.parse(Buffer.from(serializeStatement(statement)).toString()) as { predicate: Record<string, unknown> } & Record<string, unknown>;
    const payload = Buffer.from(JSON.stringify({ ...json, extra: 1, predicate: { ...json.predicate, note: 'x' } }));
    const env: Envelope = { payloadType: PAYLOAD_TYPE, payload, signatures: [{ sig: K.alice.sign(pae(PAYLOAD_TYPE, payload)) }] };
    expect(verifyEnvelope(Buffer.from(serializeEnvelope(env)), ctx())).toEqual({ ok: true, statement, principals: ['alice@example.org'], reviewers: [['alice@example.org']] });
  });
});

describe('verify-required (FIDO user verification), which ssh-keygen rejects as an unknown option', () => {
  const cases = [
    { name: 'flags 0x05: present and verified', signer: () => K.skPin, ok: true },
    { name: 'flags 0x01: present, not verified', signer: () => K.skTouch, problem: /verify-required asks for .*flag 0x04\), but the signature's flags are 0x01/ },
    { name: 'a non-FIDO key', signer: () => K.alice, problem: /verify-required .* but the key is not a FIDO key/ },
  ];
  it.each(cases)('$name', (c) => {
    const signer = c.signer();
    const text = `pin@example.org verify-required,namespaces="${NS}" ${signer.publicKey}\n`;
    const made = envelope(review({ reviewer: 'pin@example.org' }), [signer]);
    const verdict = verifyEnvelope(made.bytes, ctx({ allowedSigners: parseAllowedSigners(text, 'allowed_signers') }));
    if (c.ok) expect(verdict.ok).toBe(true);
    else expect(verdict.ok ? '' : verdict.problems.join('\n')).toMatch(c.problem as RegExp);
    expect(sshKeygenAccepts(made, 'pin@example.org', REVIEWED_AT, text)).toEqual([false]);
  });
});

describe('threshold counts distinct principals', () => {
  const cases = [
    { name: 'alice and bob, threshold 2', signers: () => [K.alice, K.bob], threshold: 2, principals: ['alice@example.org', 'bob@example.org'] },
    { name: 'two keys of alice, threshold 2', signers: () => [K.alice, K.alice2], threshold: 2, problem: /needs 2 different reviewers .* and 1 signed \(alice@example.org\)/ },
    {
      name: 'one key with two names, threshold 2',
      signers: () => [K.twoNames],
      threshold: 2,
      reviewer: 'twonames@example.org',
      problem: /and 1 signed \(twonames@example.org, two.names@example.org\)/,
    },
    { name: 'alice and a stranger, threshold 2', signers: () => [K.alice, K.mallory], threshold: 2, problem: /signature 2 .*not listed[\s\S]*needs 2 different reviewers/ },
    {
      name: 'alice, bob and carol, threshold 3',
      signers: () => [K.alice, K.bob, K.carol],
      threshold: 3,
      principals: ['alice@example.org', 'bob@example.org', 'carol@example.org'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const made = envelope(review({ reviewer: c.reviewer ?? 'alice@example.org' }), c.signers());
    const verdict = verifyEnvelope(made.bytes, ctx({ threshold: c.threshold }));
    if (c.principals) expect(verdict).toMatchObject({ ok: true, principals: c.principals });
    else expect(verdict.ok ? '' : verdict.problems.join('\n')).toMatch(c.problem as RegExp);
  });
});

describe('threshold counts distinct principals across envelopes (coverage)', () => {
  const key = () => coverageKey(FILE.name, FILE.gitBlob);
  const byEach = (signers: readonly (readonly (typeof K)[keyof typeof K][])[], reviewers: readonly string[]) =>
    signers.map((s, i) => ({ path: `e${i}`, bytes: envelope(review({ reviewer: reviewers[i] as string }), [...s]).bytes }));
  const cases = [
    {
      name: 'alice and bob in two envelopes, threshold 2',
      files: () => byEach([[K.alice], [K.bob]], ['alice@example.org', 'bob@example.org']),
      threshold: 2,
      covered: ['alice@example.org', 'bob@example.org'],
    },
    {
      name: 'alice and bob in one envelope, threshold 2',
      files: () => byEach([[K.alice, K.bob]], ['alice@example.org']),
      threshold: 2,
      covered: ['alice@example.org', 'bob@example.org'],
    },
    {
      name: 'alice+bob co-signed and carol alone, threshold 3',
      files: () => byEach([[K.alice, K.bob], [K.carol]], ['alice@example.org', 'carol@example.org']),
      threshold: 3,
      covered: ['alice@example.org', 'bob@example.org', 'carol@example.org'],
    },
    {
      name: 'two keys of alice in two envelopes, threshold 2',
      files: () => byEach([[K.alice], [K.alice2]], ['alice@example.org', 'alice@example.org']),
      threshold: 2,
      problem: /needs 2 different reviewers \(review\.threshold\) and 1 reviewed it \(alice@example\.org\)/,
    },
    { name: 'alice twice, threshold 2', files: () => byEach([[K.alice], [K.alice]], ['alice@example.org', 'alice@example.org']), threshold: 2, problem: /and 1 reviewed it/ },
    {
      name: 'a two-named key and one of its names, threshold 2',
      files: () => byEach([[K.twoNames], [K.alice]], ['twonames@example.org', 'alice@example.org']),
      threshold: 3,
      problem: /needs 3 different reviewers .* and 2 reviewed it/,
    },
    {
      name: 'alice and a stranger in two envelopes, threshold 2',
      files: () => byEach([[K.alice], [K.mallory]], ['alice@example.org', 'mallory@example.org']),
      threshold: 2,
      problem: /and 1 reviewed it/,
    },
  ];
  it.each(cases)('$name', (c) => {
    const result = coverage(c.files(), ctx({ threshold: c.threshold }));
    if (c.covered) expect(result.covered.get(key())?.principals).toEqual(c.covered);
    else {
      expect(result.covered.has(key())).toBe(false);
      expect(result.rejected.flatMap((r) => r.problems).join('\n')).toMatch(c.problem as RegExp);
    }
  });
});

describe('coverage', () => {
  const other = Buffer.from('something else\n');
  const otherFile = { name: 'datasets/other.csv', gitBlob: 'a'.repeat(40), sha256: sha256(other).toString('hex') };

  it('maps each subject of each valid envelope and lists the rejected ones with their problems', () => {
    const good = envelope(review({ files: [FILE, otherFile] }), [K.alice]);
    const bad = envelope(review(), [K.mallory]);
    const result = coverage(
      [
        { path: '.cleanroom/attestations/b.dsse.json', bytes: bad.bytes },
        { path: '.cleanroom/attestations/a.dsse.json', bytes: good.bytes },
      ],
      ctx(),
    );
    expect([...result.covered.keys()].sort()).toEqual([coverageKey(FILE.name, FILE.gitBlob), coverageKey(otherFile.name, otherFile.gitBlob)].sort());
    expect(result.covered.get(coverageKey(FILE.name, FILE.gitBlob))).toEqual({
      sha256: FILE.sha256,
      principals: ['alice@example.org'],
      envelope: '.cleanroom/attestations/a.dsse.json',
      envelopes: ['.cleanroom/attestations/a.dsse.json'],
    });
    expect(result.rejected).toEqual([{ envelope: '.cleanroom/attestations/b.dsse.json', problems: [expect.stringMatching(/not listed/)] }]);
  });

  it('merges the principals of envelopes that agree, and rejects one that contradicts an earlier sha256', () => {
    const byAlice = envelope(review(), [K.alice]);
    const byBob = envelope(review({ reviewer: 'bob@example.org' }), [K.bob]);
    const liar = envelope(review({ reviewer: 'carol@example.org', files: [{ ...FILE, sha256: 'b'.repeat(64) }] }), [K.carol]);
    const result = coverage(
      [
        { path: 'a', bytes: byAlice.bytes },
        { path: 'b', bytes: byBob.bytes },
        { path: 'c', bytes: liar.bytes },
      ],
      ctx(),
    );
    expect(result.covered.get(coverageKey(FILE.name, FILE.gitBlob))).toEqual({
      sha256: FILE.sha256,
      principals: ['alice@example.org', 'bob@example.org'],
      envelope: 'a',
      envelopes: ['a', 'b'],
    });
    expect(result.rejected).toEqual([{ envelope: 'c', problems: [expect.stringMatching(/has sha256 b{64}, but a says [0-9a-f]{64}; delete the wrong attestation/)] }]);
  });

  it('rejects every envelope when the policy has no repository id', () => {
    const result = coverage([{ path: 'a', bytes: envelope(review(), [K.alice]).bytes }], ctx({ repository: null }));
    expect(result.covered.size).toBe(0);
    expect(result.rejected).toEqual([{ envelope: 'a', problems: [NO_REPOSITORY] }]);
  });

  it.each([
    { name: 'the reviewed content', content: CONTENT, covered: true },
    { name: 'other content under the same blob id (a SHA-1 collision)', content: other, covered: false },
  ])('checkCovered: $name', ({ content, covered }) => {
    const result = coverage([{ path: 'a', bytes: envelope(review(), [K.alice]).bytes }], ctx());
    expect(checkCovered(result.covered.get(coverageKey(FILE.name, FILE.gitBlob)), content)).toBe(covered);
  });

  it('checkCovered: a blob no envelope names', () => {
    expect(checkCovered(undefined, CONTENT)).toBe(false);
  });
});

describe('relevantEnvelopes: only the files that can bear on the subjects in question', () => {
  const fileAt = (name: string, n: number) => {
    const content = Buffer.from(`${name} ${n}\n`);
    return { name, gitBlob: n.toString(16).padStart(40, '0'), sha256: sha256(content).toString('hex') };
  };
  const X = fileAt('datasets/x.csv', 1);
  const Y = fileAt('datasets/y.csv', 2);
  const Z = fileAt('datasets/z.csv', 3);
  const key = (f: { name: string; gitBlob: string }) => coverageKey(f.name, f.gitBlob);
  // a: X; b: X and Y, contradicting a's sha256 of X; c: Z alone; d: not an envelope.
  const made = () => [
    { path: 'a', bytes: envelope(review({ files: [X] }), [K.alice]).bytes },
    { path: 'b', bytes: envelope(review({ reviewer: 'bob@example.org', files: [{ ...X, sha256: 'c'.repeat(64) }, Y] }), [K.bob]).bytes },
    { path: 'c', bytes: envelope(review({ files: [Z] }), [K.alice]).bytes },
    { path: 'd', bytes: Buffer.from('{"not": "an envelope"}') },
  ];

  it.each([
    { wanted: [Y], chosen: ['a', 'b', 'd'] }, // b names Y; a shares X with b; d never parses
    { wanted: [Z], chosen: ['c', 'd'] },
    { wanted: [fileAt('datasets/w.csv', 4)], chosen: ['d'] },
  ])('$wanted.0.name: $chosen', ({ wanted, chosen }) => {
    expect(relevantEnvelopes(indexEnvelopes(made()), wanted.map(key)).map((f) => f.path)).toEqual(chosen);
  });

  it('decides for the subjects in question exactly as verifying every file would', () => {
    const files = made();
    const index = indexEnvelopes(files);
    const all = coverage(files, ctx());
    for (const f of [X, Y, Z]) {
      const some = coverage(relevantEnvelopes(index, [key(f)]), ctx());
      expect(some.covered.get(key(f))).toEqual(all.covered.get(key(f)));
    }
    // b contradicts a about X, so it covers nothing, Y included, whoever asks.
    expect(all.covered.has(key(Y))).toBe(false);
    expect(all.rejected.map((r) => [r.envelope, r.problems.join(' ')])).toEqual([
      ['b', expect.stringMatching(/has sha256 c{64}, but a says/)],
      ['d', expect.any(String)],
    ]);
  });
});

describe('integers shorter than their field (leading zero bytes dropped)', () => {
  /** Signs `m0`, `m1`, … (or one message repeatedly, for randomised ECDSA) until `wanted` holds. */
  function until<T>(make: (i: number) => T, wanted: (t: T) => boolean): T {
    for (let i = 0; i < 100_000; i++) {
      const t = make(i);
      if (wanted(t)) return t;
    }
    throw new Error('never found');
  }

  it('an RSA signature one byte shorter than the modulus', () => {
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const blob = cat(sshString('ssh-rsa'), mpint(Buffer.from(jwk.e as string, 'base64url')), mpint(Buffer.from(jwk.n as string, 'base64url')));
    const { message, sig } = until(
      (i) => {
        const message = Buffer.from(`m${i}`);
        return { message, sig: crypto.sign('sha512', sshsigSignedData(NS, 'sha512', message), pair.privateKey) };
      },
      ({ sig }) => sig[0] === 0,
    );
    const sshsig = sshsigBlob(blob, NS, 'sha512', cat(sshString('rsa-sha2-512'), sshString(sig.subarray(1))));
    expect(verifySshsig(message, sshsig, NS)).toMatchObject({ ok: true });
    expect(sshKeygenVerifies(message, sshsig, 'short@example.org', REVIEWED_AT, `short@example.org ssh-rsa ${blob.toString('base64')}\n`)).toBe(true);
  });

  it('an ECDSA P-256 signature whose r has a leading zero byte', () => {
    const pair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const point = cat(Uint8Array.of(4), Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url'));
    const blob = cat(sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(point));
    const message = Buffer.from('m');
    const rs = until(
      () => crypto.sign('sha256', sshsigSignedData(NS, 'sha512', message), { key: pair.privateKey, dsaEncoding: 'ieee-p1363' }),
      (sig) => sig[0] === 0,
    );
    const sshsig = sshsigBlob(blob, NS, 'sha512', cat(sshString('ecdsa-sha2-nistp256'), sshString(cat(mpint(rs.subarray(0, 32)), mpint(rs.subarray(32))))));
    expect(verifySshsig(message, sshsig, NS)).toMatchObject({ ok: true });
    expect(sshKeygenVerifies(message, sshsig, 'short@example.org', REVIEWED_AT, `short@example.org ecdsa-sha2-nistp256 ${blob.toString('base64')}\n`)).toBe(true);
  });
});

describe('SSHSIG from ssh-keygen', () => {
  const types = ['alice', 'bob', 'carol', 'dave', 'erin'] as const;

  it.each(types)('%s: fingerprint is what ssh-keygen -l prints', (name) => {
    const printed = sshKeygen(['-l', '-f', `${keyPath(name)}.pub`]).stdout.split(' ')[1];
    expect(fingerprint(K[name].blob)).toBe(printed);
  });

  it.each(types)('%s: armour round-trips byte for byte', (name) => {
    const r = spawnSync('ssh-keygen', ['-Y', 'sign', '-n', NS, '-f', keyPath(name)], { env: cleanEnv(), input: 'x', encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
    expect(armorSshsig(dearmorSshsig(r.stdout))).toBe(r.stdout);
  });

  it('reports FIDO flags and nothing for other keys', () => {
    const message = Buffer.from('m');
    expect(verifySshsig(message, K.skPin.sign(message), NS)).toMatchObject({ ok: true, keyType: 'sk-ssh-ed25519@openssh.com', flags: 5 });
    expect(verifySshsig(message, K.alice.sign(message), NS)).not.toHaveProperty('flags');
  });
});

describe('signing through ssh-keygen', () => {
  const env = cleanEnv();

  it('signStatement makes an envelope that verifies, and a co-signature by another key adds to it', async () => {
    const statement = buildStatement(review());
    const first = await signStatement(statement, { key: keyPath('alice'), namespace: NS, cwd: keyDir, env });
    expect(first.signatures.map((s) => s.keyid)).toEqual([fingerprint(K.alice.blob)]);
    const second = addSignature(first, await signPayload(pae(first.payloadType, first.payload), { key: keyPath('bob'), namespace: NS, cwd: keyDir, env }));
    const bytes = Buffer.from(serializeEnvelope(second));
    expect(verifyEnvelope(bytes, ctx({ threshold: 2 }))).toMatchObject({ ok: true, principals: ['alice@example.org', 'bob@example.org'] });
    expect(attestationPath(second.payload)).toBe(attestationPath(first.payload));
    expect(attestationPath(first.payload)).toMatch(/^\.cleanroom\/attestations\/[0-9a-f]{16}\.dsse\.json$/);
    const reparsed = parseEnvelope(bytes);
    expect(reparsed.ok && serializeEnvelope(reparsed.envelope)).toBe(bytes.toString());
  });

  it('refuses a second signature by the same key', async () => {
    const first = await signStatement(buildStatement(review()), { key: keyPath('alice'), namespace: NS, cwd: keyDir, env });
    expect(() => addSignature(first, K.alice.sign(pae(first.payloadType, first.payload)))).toThrow(/already signed by SHA256:.*another reviewer must co-sign/);
  });

  it('refuses to add something that is not an SSH signature', () => {
    const e: Envelope = { payloadType: PAYLOAD_TYPE, payload: Buffer.from('{}'), signatures: [] };
    expect(() => addSignature(e, Buffer.from('nope'))).toThrow(CleanroomError);
  });

  it('forwards ssh-keygen stderr, where a security key would ask for a touch', async () => {
    let seen = '';
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((seen += chunk.toString()), done()) });
    await signPayload(Buffer.from('m'), { key: keyPath('alice'), namespace: NS, cwd: keyDir, env, stderr: sink });
    expect(seen).toMatch(/Signing data on standard input/);
  });

  it.each([
    { name: 'a missing key file', key: () => keyPath('nope'), problem: /ssh-keygen -Y sign -f \S+nope failed \(exit 255\): .*check that the key file exists/ },
    { name: 'an RSA 1024 key', key: () => keyPath('old'), problem: /would not be accepted: RSA key has 1024 bits/ },
  ])('fails with EATTEST for $name', async ({ key, problem }) => {
    const attempt = signPayload(Buffer.from('m'), { key: key(), namespace: NS, cwd: keyDir, env });
    await expect(attempt).rejects.toMatchObject({ code: 'EATTEST', message: expect.stringMatching(problem) });
  });

  it('fails with EATTEST when ssh-keygen is not on PATH', async () => {
    const attempt = signPayload(Buffer.from('m'), { key: keyPath('alice'), namespace: NS, cwd: keyDir, env: cleanEnv({ PATH: tempDir('empty-path') }) });
    await expect(attempt).rejects.toMatchObject({ code: 'EATTEST', message: expect.stringMatching(/ssh-keygen was not found on PATH/) });
  });
});

describe('the shell recipe in docs/attestation.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'attestation.md'), 'utf8');
  const recipe = /```sh\n(# recipe: make an attestation\n[\s\S]*?)```/.exec(doc)?.[1];

  it.each([
    { name: 'SHA-1 repository', init: [] as string[] },
    { name: 'SHA-256 repository', init: ['--object-format=sha256'] },
  ])('makes an attestation cleanroom accepts in a $name', ({ init }) => {
    expect(recipe).toBeDefined();
    const repo = initRepo(init);
    write(repo, FILE.name, CONTENT);
    const env = cleanEnv({ FILE: FILE.name, KEY: keyPath('alice'), NAMESPACE: NS, REPOSITORY: REPO, REVIEWER: 'alice@example.org' });
    const r = spawnSync('sh', ['-c', recipe as string], { cwd: repo, env, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
    expect(r.stderr.replace('Signing data on standard input\n', '')).toBe('');
    expect(r.status).toBe(0);
    const dir = path.join(repo, '.cleanroom', 'attestations');
    const [file] = fs.readdirSync(dir);
    const bytes = fs.readFileSync(path.join(dir, file as string));
    const result = coverage([{ path: `.cleanroom/attestations/${file}`, bytes }], ctx({ now: new Date() }));
    expect(result.rejected).toEqual([]);
    const blob = git(repo, ['hash-object', '--', FILE.name]);
    expect(blob).toHaveLength(init.length === 0 ? 40 : 64);
    expect(checkCovered(result.covered.get(coverageKey(FILE.name, blob)), CONTENT)).toBe(true);
    const envelope = JSON.parse(bytes.toString()) as { payload: string };
    expect(`.cleanroom/attestations/${file}`).toBe(attestationPath(Buffer.from(envelope.payload, 'base64')));
  });
});
