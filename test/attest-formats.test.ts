// The attestation formats piece by piece: SSH wire data, SSHSIG framing, DSSE, the statement and
// allowed_signers. allowed_signers syntax and pattern matching are also put to stock ssh-keygen
// (-Y find-principals, -Y match-principals), which must read each line the same way unless the
// table says cleanroom is stricter on purpose.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAllowedSigners, matchPatternList, parseAllowedSigners, principalsFor } from '../src/attest/allowed-signers.js';
import { decodeBase64, pae, parseEnvelope, serializeEnvelope } from '../src/attest/dsse.js';
import { SshReader, sshString, sshUint32 } from '../src/attest/ssh.js';
import { armorSshsig, dearmorSshsig, parseSshsig, sshsigSignedData, verifySshsig } from '../src/attest/sshsig.js';
import { buildStatement, parseReviewedAt, parseStatement, PREDICATE_TYPE, serializeStatement, STATEMENT_TYPE, type ReviewInput } from '../src/attest/statement.js';
import { CleanroomError } from '../src/errors.js';
import { cleanEnv, tempDir, CHILD_TIMEOUT_MS } from './helpers/git.js';

const cat = (...parts: (Uint8Array | string)[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

const pair = crypto.generateKeyPairSync('ed25519');
const KEY_BLOB = cat(sshString('ssh-ed25519'), sshString(Buffer.from(pair.publicKey.export({ format: 'jwk' }).x as string, 'base64url')));
const KEY = `ssh-ed25519 ${KEY_BLOB.toString('base64')}`;

interface Fields {
  version?: number;
  hash?: string;
  trailing?: Uint8Array;
  reserved?: string;
  key?: Uint8Array;
  /** The signature blob, from the raw Ed25519 signature over the signed data. */
  signature?: (ed25519: Buffer) => Uint8Array;
}

function sshsig(message: Uint8Array, namespace: string, fields: Fields = {}): Buffer {
  const hash = fields.hash ?? 'sha512';
  const signed = sshsigSignedData(namespace, hash === 'sha256' ? 'sha256' : 'sha512', message);
  const raw = crypto.sign(null, signed, pair.privateKey);
  const signature = fields.signature?.(raw) ?? cat(sshString('ssh-ed25519'), sshString(raw));
  return cat(
    'SSHSIG',
    sshUint32(fields.version ?? 1),
    sshString(fields.key ?? KEY_BLOB),
    sshString(namespace),
    sshString(fields.reserved ?? ''),
    sshString(hash),
    sshString(signature),
    fields.trailing ?? new Uint8Array(),
  );
}

function ssh(args: readonly string[], input?: Uint8Array): { status: number; stdout: string } {
  const r = spawnSync('ssh-keygen', args, { env: cleanEnv(), input, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
  return { status: r.status ?? 128, stdout: r.stdout };
}

describe('SSH wire format', () => {
  it.each([
    { name: 'a string longer than the data', bytes: [0, 0, 0, 5, 1, 2], read: (r: SshReader) => r.string(), problem: /truncated: 5 bytes needed at offset 4, 2 left/ },
    { name: 'a negative mpint', bytes: [0, 0, 0, 1, 0x80], read: (r: SshReader) => r.mpint(), problem: /negative integer/ },
    { name: 'text with a NUL', bytes: [0, 0, 0, 2, 0x61, 0], read: (r: SshReader) => r.text(), problem: /NUL byte/ },
    { name: 'text that is not UTF-8', bytes: [0, 0, 0, 1, 0xff], read: (r: SshReader) => r.text(), problem: /not UTF-8/ },
    { name: 'trailing bytes', bytes: [0, 0, 0, 0, 9], read: (r: SshReader) => (r.string(), r.end()), problem: /1 unexpected trailing bytes/ },
  ])('refuses $name', ({ bytes, read, problem }) => {
    expect(() => read(new SshReader(Uint8Array.from(bytes), 'test data'))).toThrow(problem);
  });

  it('reads an mpint without its sign byte and leading zeros', () => {
    const r = new SshReader(Uint8Array.from([0, 0, 0, 3, 0, 0x80, 1]), 'test data');
    expect([...r.mpint()]).toEqual([0x80, 1]);
  });
});

describe('SSHSIG framing', () => {
  const message = Buffer.from('message');

  it('verifies a well-formed signature and hands back the key', () => {
    expect(verifySshsig(message, sshsig(message, 'ns'), 'ns')).toMatchObject({ ok: true, keyType: 'ssh-ed25519', publicKeyBlob: KEY_BLOB });
  });

  it.each([
    { name: 'another magic', sig: () => cat('SSHSIH', sshsig(message, 'ns').subarray(6)), problem: /does not start with "SSHSIG"/, kind: 'malformed' },
    { name: 'version 2', sig: () => sshsig(message, 'ns', { version: 2 }), problem: /version 2 is not supported/, kind: 'malformed' },
    { name: 'an empty namespace', sig: () => sshsig(message, ''), problem: /empty namespace/, kind: 'malformed', namespace: '' },
    { name: 'hash sha1', sig: () => sshsig(message, 'ns', { hash: 'sha1' }), problem: /hash "sha1" is not supported/, kind: 'malformed' },
    { name: 'trailing bytes', sig: () => sshsig(message, 'ns', { trailing: Uint8Array.of(0) }), problem: /trailing bytes/, kind: 'malformed' },
    { name: 'another namespace', sig: () => sshsig(message, 'file'), problem: /signed in namespace "file", not "ns"/, kind: 'namespace' },
    { name: 'another message', sig: () => sshsig(Buffer.from('other'), 'ns'), problem: /does not match the signed data/, kind: 'mismatch' },
  ])('refuses $name', ({ sig, problem, kind, namespace }) => {
    const v = verifySshsig(message, sig(), namespace ?? 'ns');
    expect(v).toMatchObject({ ok: false, kind, problem: expect.stringMatching(problem) });
  });

  const ed25519 = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  const point = cat(Uint8Array.of(4), Buffer.from(p256.x as string, 'base64url'), Buffer.from(p256.y as string, 'base64url'));
  it.each([
    { name: 'an ssh-dss key', key: cat(sshString('ssh-dss'), sshString('p')), problem: /key type ssh-dss is not supported; use ssh-ed25519/ },
    { name: 'a certificate', key: cat(sshString('ssh-ed25519-cert-v01@openssh.com'), sshString('nonce')), problem: /OpenSSH certificate/ },
    { name: 'a short Ed25519 key', key: cat(sshString('ssh-ed25519'), sshString(ed25519.subarray(1))), problem: /ssh-ed25519 public key has 31 bytes; expected 32/ },
    { name: 'a key with trailing bytes', key: cat(KEY_BLOB, Uint8Array.of(0)), problem: /public key has 1 unexpected trailing bytes/ },
    {
      name: 'an ECDSA key naming another curve',
      key: cat(sshString('ecdsa-sha2-nistp256'), sshString('nistp384'), sshString(point)),
      problem: /names curve nistp384; expected nistp256/,
    },
    {
      name: 'a compressed ECDSA point',
      key: cat(sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(cat(Uint8Array.of(2), point.subarray(1, 33)))),
      problem: /not an uncompressed nistp256 point/,
    },
    {
      name: 'an ECDSA point off the curve',
      key: cat(sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(cat(point.subarray(0, 64), Uint8Array.of((point[64] as number) ^ 1)))),
      problem: /ecdsa-sha2-nistp256 public key is not a valid key/,
    },
  ])('refuses $name', ({ key, problem }) => {
    expect(verifySshsig(message, sshsig(message, 'ns', { key }), 'ns')).toMatchObject({ ok: false, kind: 'key', problem: expect.stringMatching(problem) });
  });

  it.each([
    {
      name: 'another algorithm than the key',
      signature: (raw: Buffer) => cat(sshString('rsa-sha2-512'), sshString(raw)),
      problem: /signature algorithm rsa-sha2-512 does not fit a ssh-ed25519 key/,
    },
    {
      name: 'trailing bytes after the signature',
      signature: (raw: Buffer) => cat(sshString('ssh-ed25519'), sshString(raw), Uint8Array.of(0)),
      problem: /signature has 1 unexpected trailing bytes/,
    },
  ])('refuses a signature blob with $name', ({ signature, problem }) => {
    expect(verifySshsig(message, sshsig(message, 'ns', { signature }), 'ns')).toMatchObject({ ok: false, kind: 'malformed', problem: expect.stringMatching(problem) });
  });

  it('refuses a truncated Ed25519 signature as a mismatch', () => {
    const signature = (raw: Buffer): Uint8Array => cat(sshString('ssh-ed25519'), sshString(raw.subarray(1)));
    expect(verifySshsig(message, sshsig(message, 'ns', { signature }), 'ns')).toMatchObject({ ok: false, kind: 'mismatch' });
  });

  it('ignores a non-empty reserved field, as PROTOCOL.sshsig asks', () => {
    expect(verifySshsig(message, sshsig(message, 'ns', { reserved: 'future' }), 'ns')).toMatchObject({ ok: true });
  });

  it('parses what it armours, in ssh-keygen layout (70 columns)', () => {
    const blob = sshsig(message, 'ns');
    const armored = armorSshsig(blob);
    expect(
      armored
        .split('\n')
        .slice(1, -2)
        .every((l) => l.length <= 70),
    ).toBe(true);
    expect(armored.split('\n')[1]).toHaveLength(70);
    expect(parseSshsig(dearmorSshsig(armored))).toMatchObject({ namespace: 'ns', hashAlgorithm: 'sha512' });
  });

  it.each([
    { name: 'no header', text: 'U1NIU0lH\n-----END SSH SIGNATURE-----\n' },
    { name: 'text after the footer', text: `${armorSshsig(sshsig(message, 'ns'))}junk` },
    { name: 'bad base64', text: '-----BEGIN SSH SIGNATURE-----\nU1NIU0l=H\n-----END SSH SIGNATURE-----\n' },
  ])('dearmor refuses $name', ({ text }) => {
    expect(() => dearmorSshsig(text)).toThrow(/armoured/);
  });
});

describe('DSSE', () => {
  it('PAE matches the DSSE specification example', () => {
    expect(Buffer.from(pae('http://example.com/HelloWorld', Buffer.from('hello world'))).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('PAE counts bytes, not characters', () => {
    expect(Buffer.from(pae('t', Buffer.from('é'))).toString()).toBe('DSSEv1 1 t 2 é');
  });

  it.each([
    { text: 'aGk=', bytes: 'hi' },
    { text: 'aGk', bytes: 'hi' },
    { text: '+/8=', bytes: '\xfb\xff' },
    { text: '-_8', bytes: '\xfb\xff' },
    { text: '', bytes: '' },
    { text: '+_8=', bytes: undefined },
    { text: 'aGk*', bytes: undefined },
    { text: 'aGk==', bytes: undefined },
    { text: 'aGl=', bytes: undefined },
    { text: 'a', bytes: undefined },
    { text: 'aG k=', bytes: undefined },
  ])('decodeBase64($text)', ({ text, bytes }) => {
    const got = decodeBase64(text);
    expect(got === undefined ? undefined : Buffer.from(got).toString('latin1')).toBe(bytes);
  });

  const good = { payload: 'e30=', payloadType: 't', signatures: [{ keyid: 'k', sig: 'AQ==' }] };
  it.each([
    { name: 'not JSON', json: '{', problem: /not UTF-8 JSON/ },
    { name: 'a list', json: '[]', problem: /expected a JSON object/ },
    { name: 'no payloadType', json: JSON.stringify({ ...good, payloadType: undefined }), problem: /"payloadType" must be a string/ },
    { name: 'a payload that is not base64', json: JSON.stringify({ ...good, payload: 'e30*' }), problem: /"payload" is not valid base64/ },
    { name: 'no signatures', json: JSON.stringify({ ...good, signatures: [] }), problem: /non-empty list/ },
    { name: 'a signature without sig', json: JSON.stringify({ ...good, signatures: [{ keyid: 'k' }] }), problem: /signatures\[0\] needs a "sig" string/ },
    { name: 'an empty sig', json: JSON.stringify({ ...good, signatures: [{ sig: '' }] }), problem: /signatures\[0\].sig is not valid base64/ },
  ])('parseEnvelope refuses $name', ({ json, problem }) => {
    expect(parseEnvelope(Buffer.from(json))).toEqual({ ok: false, problem: expect.stringMatching(problem) });
  });

  it('parseEnvelope ignores unknown fields and a keyid that is not a string', () => {
    const json = JSON.stringify({ ...good, extra: true, signatures: [{ keyid: 5, sig: 'AQ==', extra: 1 }] });
    expect(parseEnvelope(Buffer.from(json))).toEqual({ ok: true, envelope: { payloadType: 't', payload: Buffer.from('{}'), signatures: [{ sig: Buffer.of(1) }] } });
  });

  it('serializes with a stable key order, two-space indent and a final newline', () => {
    const text = serializeEnvelope({ payloadType: 't', payload: Buffer.from('{}'), signatures: [{ sig: Buffer.of(1), keyid: 'k' }, { sig: Buffer.of(2) }] });
    expect(text).toBe(
      '{\n  "payload": "e30=",\n  "payloadType": "t",\n  "signatures": [\n    {\n      "keyid": "k",\n      "sig": "AQ=="\n    },\n    {\n      "sig": "Ag=="\n    }\n  ]\n}\n',
    );
  });
});

describe('statement', () => {
  const FILE = { name: 'datasets/a.csv', gitBlob: 'a'.repeat(40), sha256: 'b'.repeat(64) };
  const INPUT: ReviewInput = { files: [FILE], repository: 'urn:uuid:1', reviewer: 'alice@example.org', reviewedAt: new Date('2026-03-01T11:00:00.123Z') };
  const base = (): Record<string, unknown> & { predicate: Record<string, unknown>; subject: Record<string, unknown>[] } =>
    JSON.parse(Buffer.from(serializeStatement(buildStatement(INPUT))).toString()) as never;
  const problemsOf = (doc: unknown): string => {
    const r = parseStatement(Buffer.from(JSON.stringify(doc)));
    return r.ok ? '' : r.problems.join('\n');
  };

  it('builds the documented shape: sorted subjects, whole-second UTC time, inferred object format', () => {
    const s = buildStatement({ ...INPUT, files: [{ ...FILE, name: 'datasets/b.csv' }, FILE] });
    expect(JSON.parse(Buffer.from(serializeStatement(s)).toString())).toEqual({
      _type: STATEMENT_TYPE,
      subject: [
        { name: 'datasets/a.csv', digest: { gitBlob: FILE.gitBlob, sha256: FILE.sha256 } },
        { name: 'datasets/b.csv', digest: { gitBlob: FILE.gitBlob, sha256: FILE.sha256 } },
      ],
      predicateType: 'https://cleanroom.dev/attestation/human-review/v1',
      predicate: { repository: 'urn:uuid:1', reviewer: 'alice@example.org', reviewedAt: '2026-03-01T11:00:00Z', decision: 'approved', objectFormat: 'sha1' },
    });
    expect(buildStatement({ ...INPUT, files: [{ ...FILE, gitBlob: 'c'.repeat(64) }] }).predicate.objectFormat).toBe('sha256');
  });

  it('parses what it builds', () => {
    const s = buildStatement(INPUT);
    expect(parseStatement(serializeStatement(s))).toEqual({ ok: true, statement: s });
  });

  it('refuses to build a statement it would not accept', () => {
    expect(() => buildStatement({ ...INPUT, files: [{ ...FILE, name: '/abs' }] })).toThrow(CleanroomError);
    expect(() => buildStatement({ ...INPUT, files: [] })).toThrow(/subject must be a non-empty list/);
  });

  it.each([
    { name: '_type', edit: (d: ReturnType<typeof base>) => (d._type = 'https://in-toto.io/Statement/v0.1'), problem: /_type is "https:\/\/in-toto.io\/Statement\/v0.1"; expected/ },
    {
      name: 'predicateType',
      edit: (d: ReturnType<typeof base>) => (d.predicateType = 'https://slsa.dev/provenance/v1'),
      problem: new RegExp(`predicateType .*expected "${PREDICATE_TYPE}"`),
    },
    { name: 'no predicate', edit: (d: ReturnType<typeof base>) => delete (d as Record<string, unknown>).predicate, problem: /predicate is missing/ },
    { name: 'empty repository', edit: (d: ReturnType<typeof base>) => (d.predicate.repository = ''), problem: /predicate.repository must be a non-empty string/ },
    { name: 'no reviewer', edit: (d: ReturnType<typeof base>) => delete d.predicate.reviewer, problem: /predicate.reviewer must be a non-empty string/ },
    {
      name: 'local time',
      edit: (d: ReturnType<typeof base>) => (d.predicate.reviewedAt = '2026-03-01T11:00:00+01:00'),
      problem: /reviewedAt is "2026-03-01T11:00:00\+01:00"; expected an RFC 3339 UTC time/,
    },
    { name: 'an impossible date', edit: (d: ReturnType<typeof base>) => (d.predicate.reviewedAt = '2026-02-30T11:00:00Z'), problem: /reviewedAt/ },
    { name: 'decision rejected', edit: (d: ReturnType<typeof base>) => (d.predicate.decision = 'rejected'), problem: /decision is "rejected"; expected "approved"/ },
    { name: 'refs', edit: (d: ReturnType<typeof base>) => (d.predicate.refs = ['refs/heads/main']), problem: /predicate.refs limits the review to some refs/ },
    { name: 'objectFormat md5', edit: (d: ReturnType<typeof base>) => (d.predicate.objectFormat = 'md5'), problem: /objectFormat is "md5"/ },
    {
      name: 'a sha256 blob in a sha1 statement',
      edit: (d: ReturnType<typeof base>) => ((d.subject[0]!.digest as Record<string, unknown>).gitBlob = 'c'.repeat(64)),
      problem: /gitBlob is a sha256 id in a sha1 statement/,
    },
    {
      name: 'uppercase hex',
      edit: (d: ReturnType<typeof base>) => ((d.subject[0]!.digest as Record<string, unknown>).gitBlob = 'A'.repeat(40)),
      problem: /gitBlob must be 40 \(SHA-1\) or 64/,
    },
    { name: 'no sha256', edit: (d: ReturnType<typeof base>) => delete (d.subject[0]!.digest as Record<string, unknown>).sha256, problem: /subject\[0\].digest.sha256 must be 64/ },
    { name: 'no subjects', edit: (d: ReturnType<typeof base>) => (d.subject = []), problem: /subject must be a non-empty list/ },
    { name: 'a repeated subject', edit: (d: ReturnType<typeof base>) => d.subject.push(d.subject[0]!), problem: /subject\[1\] repeats the path and blob/ },
    ...['', '/abs', 'a//b', 'a/./b', '../a', 'a/'].map((name) => ({
      name: `path ${JSON.stringify(name)}`,
      edit: (d: ReturnType<typeof base>) => (d.subject[0]!.name = name),
      problem: /subject\[0\].name /,
    })),
  ])('parseStatement refuses $name', ({ edit, problem }) => {
    const doc = base();
    edit(doc);
    expect(problemsOf(doc)).toMatch(problem);
  });

  it('parseStatement reports every problem at once', () => {
    const doc = base();
    doc.predicate.decision = 'maybe';
    doc.predicate.repository = 7;
    expect(problemsOf(doc).split('\n')).toHaveLength(2);
  });

  it('parseStatement accepts the same path twice with different blobs', () => {
    const doc = base();
    doc.subject.push({ name: FILE.name, digest: { gitBlob: 'd'.repeat(40), sha256: FILE.sha256 } });
    expect(problemsOf(doc)).toBe('');
  });

  it.each([
    { text: '2026-03-01T11:00:00Z', ms: Date.UTC(2026, 2, 1, 11) },
    { text: '2026-03-01T11:00:00.5Z', ms: Date.UTC(2026, 2, 1, 11) + 500 },
    { text: '2024-02-29T00:00:00Z', ms: Date.UTC(2024, 1, 29) },
    { text: '2026-03-01t11:00:00z', ms: undefined },
    { text: '2026-03-01T24:00:00Z', ms: undefined },
    { text: '2026-03-01 11:00:00Z', ms: undefined },
    { text: '2026-03-01T11:00Z', ms: undefined },
  ])('parseReviewedAt($text)', ({ text, ms }) => {
    expect(parseReviewedAt(text)).toBe(ms);
  });
});

describe('allowed_signers', () => {
  const sig = sshsig(Buffer.from('m'), 'cleanroom-review-v1');
  /** ssh-keygen -Y find-principals on a one-line file: the principals it prints, or undefined if it refuses the file. */
  function openssh(line: string): string[] | undefined {
    const dir = tempDir('signers');
    fs.writeFileSync(path.join(dir, 'allowed_signers'), `${line}\n`);
    fs.writeFileSync(path.join(dir, 'sig'), armorSshsig(sig));
    const r = ssh(['-Y', 'find-principals', '-f', path.join(dir, 'allowed_signers'), '-s', path.join(dir, 'sig'), '-O', 'verify-time=20260601Z']);
    return r.status === 0 ? r.stdout.trim().split('\n') : undefined;
  }
  const local = (...p: [number, number, number, number?, number?, number?]): number => new Date(p[0], p[1] - 1, p[2], p[3] ?? 0, p[4] ?? 0, p[5] ?? 0).getTime() / 1000;

  it.each([
    { line: `alice@example.org ${KEY}`, fields: { principals: 'alice@example.org' } },
    { line: `   alice@example.org ${KEY} a comment`, fields: { principals: 'alice@example.org' } },
    { line: `alice@example.org\t${KEY}\r`, fields: { principals: 'alice@example.org' } },
    { line: `alice@example.org,bob@example.org ${KEY}`, fields: { principals: 'alice@example.org,bob@example.org' } },
    { line: `"alice@example.org,bob@example.org" ${KEY}`, fields: { principals: 'alice@example.org,bob@example.org' } },
    { line: `alice@example.org namespaces="a,b" ${KEY}`, fields: { namespaces: 'a,b' } },
    { line: `alice@example.org NameSpaces="has space" ${KEY}`, fields: { namespaces: 'has space' } },
    { line: `alice@example.org namespaces="a\\"b" ${KEY}`, fields: { namespaces: 'a"b' } },
    { line: `alice@example.org valid-after="20260101",valid-before="20270101Z" ${KEY}`, fields: { validAfter: local(2026, 1, 1), validBefore: Date.UTC(2027, 0, 1) / 1000 } },
    { line: `alice@example.org valid-after="202601011230z" ${KEY}`, fields: { validAfter: Date.UTC(2026, 0, 1, 12, 30) / 1000 } },
    { line: `alice@example.org VALID-AFTER="20260101123045UTC" ${KEY}`, fields: { validAfter: Date.UTC(2026, 0, 1, 12, 30, 45) / 1000 } },
    { line: `alice@example.org valid-after="20260101123045" ${KEY}`, fields: { validAfter: local(2026, 1, 1, 12, 30, 45) } },
  ])('reads $line as ssh-keygen does', ({ line, fields }) => {
    const file = parseAllowedSigners(`# a comment\n\n${line}\n`, 'allowed_signers');
    expect(file.warnings).toEqual([]);
    expect(file.signers).toHaveLength(1);
    expect(file.signers[0]).toMatchObject({ line: 3, keyType: 'ssh-ed25519', keyBlob: KEY_BLOB, verifyRequired: false, ...fields });
    expect(openssh(line)).toEqual(file.signers[0]!.principals.split(','));
  });

  it.each([
    { line: 'alice@example.org', problem: /nothing follows the principals/ },
    { line: `"alice@example.org ${KEY}`, problem: /unterminated quote in the principals/ },
    { line: `alice@example.org namespaces="a ${KEY}`, problem: /unterminated quote in the options/ },
    { line: `alice@example.org namespaces=a ${KEY}`, problem: /option namespaces= needs a double-quoted value/ },
    { line: `alice@example.org foo ${KEY}`, problem: /unknown option at "foo"/ },
    { line: `alice@example.org namespaces="a",namespaces="b" ${KEY}`, problem: /option namespaces= appears twice/ },
    { line: `alice@example.org namespaces="a", ${KEY}`, problem: /the options end with a comma/ },
    { line: `alice@example.org valid-after="2026" ${KEY}`, problem: /valid-after="2026" is not a time/ },
    { line: `alice@example.org valid-after="20270101Z",valid-before="20260101Z" ${KEY}`, problem: /valid-before is not after valid-after/ },
    { line: 'alice@example.org ssh-ed25519 AAAA!!!!', problem: /the ssh-ed25519 key is not valid base64/ },
    { line: 'alice@example.org ssh-ed25519', problem: /ssh-ed25519 has no base64 key after it/ },
    { line: `alice@example.org ssh-rsa ${KEY_BLOB.toString('base64')}`, problem: /the key after ssh-rsa is a ssh-ed25519 key/ },
    { line: 'alice@example.org namespaces="a"', problem: /missing key/ },
    { line: 'alice@example.org namespaces="a" nonsense', problem: /invalid key/ },
  ])('refuses $line with file:line, as ssh-keygen does', ({ line, problem }) => {
    expect(() => parseAllowedSigners(`# a comment\n${line}\n`, '/etc/cleanroom/allowed_signers')).toThrow(
      expect.objectContaining({ code: 'EATTEST', message: expect.stringMatching(new RegExp(`^/etc/cleanroom/allowed_signers:2: ${problem.source}`)) }),
    );
    expect(openssh(line)).toBeUndefined();
  });

  it.each([
    { line: `!alice@example.org ${KEY}`, problem: /no principals/, openssh: 'a line that can never match' },
    { line: `alice@example.org valid-after="20260230Z" ${KEY}`, problem: /valid-after="20260230Z" is not a time/, openssh: 'February 30th, rolled into March' },
  ])('refuses $line where ssh-keygen accepts $openssh', ({ line, problem }) => {
    expect(() => parseAllowedSigners(line, 'f')).toThrow(problem);
    expect(openssh(line)).toBeDefined();
  });

  it('reads verify-required, which ssh-keygen refuses', () => {
    const line = `alice@example.org verify-required ${KEY}`;
    expect(parseAllowedSigners(line, 'f').signers[0]).toMatchObject({ verifyRequired: true });
    expect(openssh(line)).toBeUndefined();
  });

  it('loads a file, naming it in messages', () => {
    const file = path.join(tempDir('signers'), 'allowed_signers');
    fs.writeFileSync(file, `alice@example.org ${KEY}\nbroken\n`);
    expect(() => loadAllowedSigners(file)).toThrow(`${file}:2: nothing follows the principals`);
    fs.writeFileSync(file, `alice@example.org ${KEY}\n`);
    expect(loadAllowedSigners(file)).toMatchObject({ source: file, signers: [{ line: 1, principals: 'alice@example.org' }] });
  });

  it('says how to create a missing file', () => {
    const file = path.join(tempDir('signers'), 'missing');
    expect(() => loadAllowedSigners(file)).toThrow(
      expect.objectContaining({
        code: 'EATTEST',
        message: expect.stringMatching(/missing: cannot read the allowed_signers file \(ENOENT\); create it with one line per reviewer key/),
      }),
    );
  });

  it('ignores cert-authority lines with a warning, where ssh-keygen would trust the CA', () => {
    const file = parseAllowedSigners(`*@example.org cert-authority ${KEY}\nbob@example.org ${KEY}\n`, 'allowed_signers');
    expect(file.signers.map((s) => s.line)).toEqual([2]);
    expect(file.warnings).toEqual([expect.stringMatching(/^allowed_signers:1: cert-authority lines are not supported, so this line is ignored/)]);
  });

  const at = (iso: string): Date => new Date(iso);
  const WINDOW = parseAllowedSigners(
    [
      `alice@example.org,!mallory@example.org namespaces="cleanroom-*,!cleanroom-test",valid-after="20260101Z",valid-before="20261231Z" ${KEY}`,
      `al@example.org,alice@example.org ${KEY}`,
      `pin@example.org verify-required ${KEY}`,
    ].join('\n'),
    'allowed_signers',
  );
  it.each([
    { name: 'inside the window', q: { namespace: 'cleanroom-review-v1', at: at('2026-06-01T00:00:00Z') }, lines: [1, 2], principals: ['alice@example.org', 'al@example.org'] },
    { name: 'on valid-after exactly', q: { namespace: 'cleanroom-review-v1', at: at('2026-01-01T00:00:00.999Z') }, lines: [1, 2] },
    {
      name: 'a second before valid-after',
      q: { namespace: 'cleanroom-review-v1', at: at('2025-12-31T23:59:59Z') },
      lines: [2],
      refused: /allowed_signers:1 .*not yet valid at 2025-12-31T23:59:59Z/,
    },
    { name: 'on valid-before exactly', q: { namespace: 'cleanroom-review-v1', at: at('2026-12-31T00:00:00Z') }, lines: [1, 2] },
    {
      name: 'a second after valid-before',
      q: { namespace: 'cleanroom-review-v1', at: at('2026-12-31T00:00:01Z') },
      lines: [2],
      refused: /has expired: 2026-12-31T00:00:01Z is after valid-before 2026-12-31T00:00:00Z/,
    },
    {
      name: 'a namespace excluded by negation',
      q: { namespace: 'cleanroom-test', at: at('2026-06-01T00:00:00Z') },
      lines: [2],
      refused: /not allowed to sign in namespace "cleanroom-test" \(namespaces="cleanroom-\*,!cleanroom-test"\)/,
    },
    { name: 'user verification present', q: { namespace: 'x', at: at('2026-06-01T00:00:00Z'), flags: 0x05 }, lines: [2, 3] },
    {
      name: 'user verification missing',
      q: { namespace: 'x', at: at('2026-06-01T00:00:00Z'), flags: 0x01 },
      lines: [2],
      refused: /allowed_signers:3 \(pin@example.org\): verify-required .*flags are 0x01/,
    },
    {
      name: 'a review dated inside the window, judged after valid-before',
      q: { namespace: 'cleanroom-review-v1', at: at('2026-06-01T00:00:00Z'), now: at('2027-01-01T00:00:00Z') },
      lines: [2],
      refused: /allowed_signers:1 .*expired or was revoked: valid-before 2026-12-31T00:00:00Z has passed \(it is now 2027-01-01T00:00:00Z\)/,
    },
  ])('principalsFor: $name', ({ q, lines, principals, refused }) => {
    // Judged at the time the review claims, unless a case says when it is judged.
    const found = principalsFor(WINDOW, KEY_BLOB, { now: q.at, ...q });
    expect(found.matched.map((s) => s.line)).toEqual(lines);
    if (principals) expect(found.principals).toEqual(principals);
    if (refused) expect(found.refused.join('\n')).toMatch(refused);
  });

  it('principalsFor: another key matches nothing', () => {
    expect(principalsFor(WINDOW, Buffer.from(KEY_BLOB).fill(1, 30), { namespace: 'x', at: new Date(), now: new Date() })).toEqual({ matched: [], principals: [], refused: [] });
  });

  it.each([
    { list: 'alice@example.org', s: 'alice@example.org', expected: 1 },
    { list: 'alice@example.org', s: 'Alice@example.org', expected: 0 },
    { list: '*@example.org', s: 'alice@example.org', expected: 1 },
    { list: '*@example.org', s: 'alice@example.org.evil', expected: 0 },
    { list: 'a?ice@*', s: 'alice@x', expected: 1 },
    { list: 'a?ice@*', s: 'aice@x', expected: 0 },
    { list: '*@example.org,!mallory@example.org', s: 'mallory@example.org', expected: -1 },
    { list: '!mallory@example.org,*@example.org', s: 'mallory@example.org', expected: -1 },
    { list: 'bob@x,,alice@x', s: 'alice@x', expected: 1 },
    { list: '**a*b*', s: 'xaxxbx', expected: 1 },
  ])('matchPatternList($s, $list) = $expected, as ssh-keygen -Y match-principals', ({ list, s, expected }) => {
    expect(matchPatternList(s, list)).toBe(expected);
    const dir = tempDir('match');
    fs.writeFileSync(path.join(dir, 'allowed_signers'), `${list} ${KEY}\n`);
    expect(ssh(['-Y', 'match-principals', '-I', s, '-f', path.join(dir, 'allowed_signers')]).status === 0).toBe(expected === 1);
  });
});
