import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadAllowedSigners, type AllowedSigners } from '../attest/allowed-signers.js';
import { pae, parseEnvelope, PAYLOAD_TYPE, serializeEnvelope } from '../attest/dsse.js';
import { addSignature, signPayload } from '../attest/sign.js';
import { parseReviewedAt } from '../attest/statement.js';
import { verifySignedPayload, type VerifyContext } from '../attest/verify.js';
import type { Command } from '../cli.js';
import { ruleFor } from '../decide/decide.js';
import { CleanroomError, EXIT } from '../errors.js';
import type { TreeFile } from '../git/engine.js';
import { inspectCommits, type InspectContext } from '../inspect.js';
import type { Io } from '../io.js';
import { compareFolder } from '../manifest/compare.js';
import { walkFolder } from '../manifest/folder.js';
import { judgeSnapshot } from '../manifest/provenance.js';
import { summaryText } from '../manifest/summary.js';
import { MAX_MANIFEST_BYTES, parseManifest, serializeManifest, type Manifest } from '../manifest/statement.js';
import { readPolicyFile } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { printableBlock, quotePath } from '../report/escape.js';
import { plural } from '../report/messages.js';
import { allowedSigners } from '../review.js';
import { signingKey } from './attest.js';
import { openContext, parseOptions } from './shared.js';
import { REGULAR_FILE_MODES } from '../git/modes.js';
import { isJsonObject } from '../json-guards.js';

const usage = `usage: cleanroom manifest [REV] [PATH...] [--key FILE | --unsigned] [--output FILE] [--policy FILE]
       cleanroom manifest verify MANIFEST [DIR] [--policy FILE] [--unsigned]

manifest  writes a release manifest for the protected files of commit REV (default HEAD), or of
          those below each PATH: an in-toto statement naming each file's git blob id and sha256,
          and where it came from (no assistant signal; reviewed, by whom; unreviewed; forbidden),
          as REV's history is judged with the reviews in REV's tree. Signed like a review
          (--key, else git's user.signingKey when gpg.format=ssh), or not at all with --unsigned.
          Written to --output FILE, else to standard output. When any file is unreviewed or
          forbidden the manifest says "releasable": false and the exit code is 1.
verify    checks the exported copy of a snapshot in DIR (default: the current folder) against
          MANIFEST: signed by a key of the policy's allowed_signers, releasable, every file
          present with its hashes, nothing else there (no extra file, no link). The policy is
          --policy FILE, else the repository's. --unsigned accepts a manifest without signature.

Exit codes: 0 releasable / the folder matches, 1 not releasable / it does not, 2 error.
See docs/manifest.md.`;

const manifest: Command = {
  summary: 'write or check the release manifest of a snapshot of protected files',
  usage,
  async run(args: string[], io: Io) {
    if (args[0] === 'verify') return verifyManifest(args.slice(1), io);
    return writeManifest(args, io);
  },
};

export default manifest;

async function writeManifest(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(
    'manifest',
    args,
    { key: { type: 'string' }, unsigned: { type: 'boolean' }, output: { type: 'string' }, policy: { type: 'string' } },
    true,
  );
  if (values.key !== undefined && values.unsigned) throw new CleanroomError('EUSAGE', '--key signs the manifest and --unsigned leaves it unsigned; choose one');
  const ctx = await openContext(io, { policy: values.policy });
  try {
    const key = values.unsigned ? null : signingKey(ctx, values.key, io.cwd);
    if (key !== null && !ctx.policy.repository) {
      throw new CleanroomError(
        'EATTEST',
        `the policy (${ctx.policy.source}) has no repository id, which a signed manifest must name; add \`repository: urn:uuid:<a fresh UUID>\` and commit it, or pass --unsigned`,
      );
    }
    const [rev = 'HEAD', ...paths] = positionals;
    const revision = await ctx.engine.resolve(rev);
    const scope = paths.map((p) => gitPath(ctx, io.cwd, p));
    const snapshot = await protectedFilesAt(ctx, revision, scope);
    const regular = snapshot.filter((f) => REGULAR_FILE_MODES.has(f.mode));
    const history = await inspectCommits(ctx, { include: [revision], exclude: [] }, { rev: revision });
    const judged = judgeSnapshot(ctx.policy, snapshot, history);
    const sha256 = await ctx.engine.readBlobs(
      regular.map((f) => f.oid),
      (_, content) => createHash('sha256').update(content).digest('hex'),
    );
    const provenance = new Map(judged.files.map((f) => [f.path, f]));
    const m: Manifest = {
      repository: ctx.policy.repository,
      revision,
      objectFormat: ctx.repo.objectFormat,
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      policy: ctx.policy.source,
      paths: scope,
      releasable: judged.releasable && regular.length === snapshot.length,
      files: regular.map((f, i) => {
        const p = provenance.get(f.path);
        return {
          name: f.path,
          gitBlob: f.oid,
          sha256: sha256[i] as string,
          status: p?.status ?? 'no-assistant-signal',
          reviewers: p?.reviewers ?? [],
          assistants: p?.assistants ?? [],
        };
      }),
    };
    let text: string;
    if (key === null) text = Buffer.from(serializeManifest(m, true)).toString('utf8');
    else {
      const payload = serializeManifest(m);
      const sig = await signPayload(pae(PAYLOAD_TYPE, payload), { key, namespace: ctx.policy.review.namespace, cwd: ctx.repo.cwd, env: ctx.repo.env, stderr: io.stderr });
      text = serializeEnvelope(addSignature({ payloadType: PAYLOAD_TYPE, payload, signatures: [] }, sig));
    }
    if (values.output) {
      try {
        fs.writeFileSync(path.resolve(io.cwd, values.output), text);
      } catch (e) {
        throw new CleanroomError('EUSAGE', `cannot write the manifest to ${values.output}: ${(e as Error).message}`);
      }
    } else io.stdout.write(text);

    io.stderr.write(summaryText({ rev, revision, judged, listed: new Set(regular.map((f) => f.path)), releasable: m.releasable, signed: key !== null }));
    return m.releasable ? EXIT.allowed : EXIT.blocked;
  } finally {
    await ctx.close();
  }
}

/** A PATH as given (relative to the working directory) → the path git stores. */
function gitPath(ctx: InspectContext, cwd: string, p: string): string {
  const root = ctx.repo.workTree ?? cwd;
  const rel = path.relative(root, path.resolve(cwd, p)).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new CleanroomError('EUSAGE', `${p}: outside the repository`);
  return rel;
}

/**
 * The protected entries of the revision's tree (files and links; attestation files are the
 * reviews, not content), all of them or those at or below each PATH. A name git holds that is
 * not UTF-8 cannot be written in a JSON manifest exactly, so it is refused rather than mangled.
 */
async function protectedFilesAt(ctx: InspectContext, revision: string, scope: readonly string[]): Promise<TreeFile[]> {
  const byPath = new Map<string, TreeFile>();
  for (const dir of scope.length === 0 ? [''] : scope) {
    const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    const inFolder = await ctx.engine.listFiles({ rev: revision }, dir);
    const found = inFolder.length > 0 ? inFolder : (await ctx.engine.listFiles({ rev: revision }, parent)).filter((f) => f.path === dir);
    if (found.length === 0) throw new CleanroomError('EUSAGE', `${dir}: no such file or folder at ${revision.slice(0, 12)}`);
    for (const f of found) if (ruleFor(ctx.policy, f.path)) byPath.set(f.path, f);
  }
  const files = [...byPath.values()];
  const mangled = files.find((f) => f.path.includes('\uFFFD'));
  if (mangled) throw new CleanroomError('EUSAGE', `${quotePath(mangled.path)}: its name is not UTF-8, so no manifest can name it exactly; rename it (git mv) and commit`);
  if (files.length === 0)
    throw new CleanroomError(
      'EUSAGE',
      `no protected file at ${revision.slice(0, 12)}${scope.length > 0 ? ` below ${scope.join(', ')}` : ''}; a manifest lists the protected files of a revision`,
    );
  return files;
}

async function verifyManifest(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions('manifest', args, { policy: { type: 'string' }, unsigned: { type: 'boolean' } }, true);
  const [file, dir = '.', ...rest] = positionals;
  if (file === undefined || rest.length > 0) throw new CleanroomError('EUSAGE', 'expected `manifest verify MANIFEST [DIR]`; see `cleanroom manifest --help`');
  const bytes = readManifestFile(path.resolve(io.cwd, file), file);
  const problems: string[] = [];
  let statement: Uint8Array;
  let signers = 'unsigned';
  let repository: string | null | undefined;
  if (isEnvelope(bytes)) {
    const trust = await trustRoot(io, values.policy);
    repository = trust.repository;
    const signed = verifySignedPayload(
      bytes,
      { ...trust, now: new Date() },
      (payload) => {
        const parsed = parseManifest(payload);
        return parsed.ok ? new Date(parseReviewedAt(parsed.manifest.createdAt) as number) : parsed.problems;
      },
      MAX_MANIFEST_BYTES,
    );
    if (!signed.ok) return report(io, file, [`the signature does not count:`, ...signed.problems.map((p) => `  - ${p}`)]);
    statement = signed.payload;
    signers = `signed by ${signed.principals.join(', ')}`;
  } else {
    if (!values.unsigned) return report(io, file, ['the manifest is not signed; sign it (cleanroom manifest --key), or pass --unsigned where the manifest itself is trusted']);
    statement = bytes;
  }
  const parsed = parseManifest(statement);
  if (!parsed.ok)
    return report(
      io,
      file,
      parsed.problems.map((p) => `${p}`),
    );
  const m = parsed.manifest;
  if (repository !== undefined && m.repository !== repository) {
    problems.push(`the manifest is for repository ${JSON.stringify(m.repository)}, not this policy's ${JSON.stringify(repository)}: it describes another repository's snapshot`);
  }
  if (!m.releasable) {
    const held = m.files.filter((f) => f.status !== 'no-assistant-signal' && f.status !== 'reviewed');
    problems.push(
      `the manifest says the snapshot is not releasable: ${held.map((f) => `${quotePath(f.name)} is ${f.status}`).join(', ') || 'a protected entry is not a regular file'}`,
    );
  }
  const found = compareFolder(m.files, walkFolder(path.resolve(io.cwd, dir), m.objectFormat));
  problems.push(...found.missing, ...found.changed, ...found.extra);
  if (problems.length > 0) return report(io, file, problems);
  io.stdout.write(printableBlock(`${file}: ${dir} matches: ${plural(m.files.length, 'file')} of ${m.revision.slice(0, 12)}, releasable, ${signers}\n`));
  return EXIT.allowed;
}

function report(io: Io, file: string, problems: readonly string[]): number {
  io.stdout.write(printableBlock(`${file}: does not pass:\n${problems.map((p) => (p.startsWith('  ') ? p : `  ${p}`)).join('\n')}\n`));
  return EXIT.blocked;
}

function readManifestFile(full: string, shown: string): Uint8Array {
  try {
    const size = fs.statSync(full).size;
    if (size > MAX_MANIFEST_BYTES) throw new CleanroomError('EUSAGE', `${shown}: it is ${size} bytes; expected a manifest of at most ${MAX_MANIFEST_BYTES}`);
    return fs.readFileSync(full);
  } catch (e) {
    if (e instanceof CleanroomError) throw e;
    throw new CleanroomError('EUSAGE', `${shown}: cannot read the manifest (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** A DSSE envelope (signed) rather than a bare statement: judged by its shape only, the
 *  signature check then says whether it is one. */
function isEnvelope(bytes: Uint8Array): boolean {
  const parsed = parseEnvelope(bytes, MAX_MANIFEST_BYTES);
  if (parsed.ok) return true;
  try {
    const json: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return isJsonObject(json) && ('payload' in json || 'signatures' in json);
  } catch {
    throw new CleanroomError('EUSAGE', 'the manifest is not JSON; pass the file `cleanroom manifest` wrote');
  }
}

/** What a manifest's signature is judged by: --policy FILE (for a pipeline outside any
 *  repository), else the repository's policy, read as every review is. */
async function trustRoot(io: Io, explicit: string | undefined): Promise<Omit<VerifyContext, 'now'>> {
  let policy: Policy;
  let signers: AllowedSigners;
  if (explicit) {
    policy = await readPolicyFile(path.resolve(io.cwd, explicit));
    signers = loadAllowedSigners(policy.review.allowedSigners);
  } else {
    const ctx = await openContext(io, {}).catch((e: unknown) => {
      if (e instanceof CleanroomError && e.code === 'ENOTREPO')
        throw new CleanroomError('EUSAGE', `${e.message}; outside a repository, pass --policy FILE (the policy whose allowed_signers the manifest must be signed by)`);
      throw e;
    });
    try {
      policy = ctx.policy;
      signers = await allowedSigners(ctx.repo, ctx.engine, ctx.policy);
    } finally {
      await ctx.close();
    }
  }
  // One signature by a listed key: review.threshold counts the reviewers of content, whose
  // reviews the manifest's statuses already reflect.
  return { namespace: policy.review.namespace, allowedSigners: signers, threshold: 1, requireUserPresence: policy.review.requireUserPresence, repository: policy.repository };
}
