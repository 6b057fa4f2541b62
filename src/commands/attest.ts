import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { attestationPath, pae, parseEnvelope, serializeEnvelope, type DsseSignature, type Envelope } from '../attest/dsse.js';
import { ATTESTATION_SUFFIX } from '../layout.js';
import { addSignature, signPayload, signStatement } from '../attest/sign.js';
import { signingPublicKey } from '../attest/public-key-file.js';
import { chooseReviewer } from '../attest/reviewer.js';
import { coverageKey, envelopeContext, verifyEnvelope } from '../attest/verify.js';
import type { AllowedSigners } from '../attest/allowed-signers.js';
import { buildStatement, parseStatement } from '../attest/statement.js';
import type { Command } from '../cli.js';
import { judgedRule } from '../decide/decide.js';
import { reviewKey } from '../decide/verdict.js';
import { CleanroomError, EXIT } from '../errors.js';
import type { Change, TreeFile } from '../git/engine.js';
import { gitOk, runGit } from '../git/exec.js';
import type { InspectContext } from '../inspect.js';
import type { Io } from '../io.js';
import { printableBlock } from '../report/escape.js';
import { shellQuote, signersNotCommitted } from '../report/messages.js';
import { allowedSigners, loadAttestations, reviewsOf, uncommittedSigners } from '../review.js';
import { environmentSignals } from '../signals/detect.js';
import { openContext, parseOptions } from './shared.js';
import { GITLINK_MODE } from '../git/modes.js';

const usage = `usage: cleanroom attest [PATH...] [--key FILE] [--reviewer PRINCIPAL] [--yes]
       cleanroom attest --cosign ATTESTATION [--key FILE] [--yes]

A human reviews content that must not enter a protected path unreviewed, and signs for it.
With no PATH: every staged file under a protected path that no valid attestation covers yet
(under review.threshold above 1, less what you signed already: it waits for another reviewer).
A PATH may be a file or a folder; its content is taken as staged (the index).
Shows each file's staged diff (a summary for binary or large files) and asks for a yes per file;
--yes approves without asking (scripted use). Signs with \`ssh-keygen -Y sign\` (ssh-agent and
FIDO security keys work): the key from --key, else git's user.signingKey when gpg.format=ssh.
The review names the principal the policy's allowed_signers lists for that key (git's user.email
when it is one of several; --reviewer picks another of them); a key not listed there, or not
valid now, is refused before anything is signed (\`cleanroom reviewers add\` lists a key).
Writes .cleanroom/attestations/<id>${ATTESTATION_SUFFIX}, stages it, and prints what it covers; an
attestation already there is never overwritten (the same statement gains the signature).
--cosign adds your signature to an existing attestation (review.threshold above 1); a review of
the same content in an attestation of your own counts toward the threshold just the same.
Refuses to run in an assistant's process: an assistant must not attest its own output.`;

const SHOW_LIMIT = 64 * 1024;

/** The key ssh-keygen signs with: --key, else git's own SSH signing key (a file, or a literal
 *  `key::` public key whose private half is in ssh-agent, written to a temporary .pub). */
export function signingKey(ctx: InspectContext, explicit: string | undefined, cwd: string): string {
  if (explicit) return path.resolve(cwd, explicit);
  const configured = ctx.vars.config.get('user.signingkey');
  if (ctx.vars.config.get('gpg.format') === 'ssh' && configured) {
    if (!configured.startsWith('key::')) return path.resolve(ctx.repo.workTree ?? cwd, configured.replace(/^~(?=\/)/, os.homedir()));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cleanroom-key-')), 'signing.pub');
    fs.writeFileSync(file, `${configured.slice('key::'.length)}\n`);
    return file;
  }
  throw new CleanroomError('EATTEST', 'no signing key: pass --key <private key or .pub with its key in ssh-agent>, or set git config gpg.format ssh and user.signingKey');
}

/** The staged entries the reviewer named (files or folders), or every protected staged change
 *  that no valid attestation covers yet. */
async function filesToReview(ctx: InspectContext, paths: string[], cwd: string, reviewer: string): Promise<{ files: TreeFile[]; awaitingOthers: number }> {
  if (paths.length === 0) {
    const changes = (await ctx.engine.stagedChanges()).filter((c) => c.newOid && c.newMode !== GITLINK_MODE && judgedRule(ctx.policy, c));
    const attested = await (await loadAttestations(ctx, 'index')).attested(changes);
    const { reviewed } = await reviewsOf(ctx.engine, attested, changes);
    const open = changes.filter((c) => !reviewed.has(reviewKey(c.path, c.newOid ?? '')));
    // Under review.threshold above 1, what this reviewer signed already waits for someone else:
    // a second signature of theirs would not count.
    const signedByMe = (c: Change) => attested.partial.get(coverageKey(c.path, c.newOid ?? ''))?.principals.includes(reviewer) ?? false;
    const files = open.filter((c) => !signedByMe(c)).map((c) => ({ path: c.path, oid: c.newOid ?? '', mode: c.newMode ?? '' }));
    return { files, awaitingOthers: open.length - files.length };
  }
  const root = ctx.repo.workTree ?? cwd;
  const files: TreeFile[] = [];
  for (const p of paths) {
    const gitPath = path.relative(root, path.resolve(cwd, p)).split(path.sep).join('/');
    const inFolder = await ctx.engine.listFiles('index', gitPath);
    const parent = gitPath.includes('/') ? gitPath.slice(0, gitPath.lastIndexOf('/')) : '';
    const exact = inFolder.length > 0 ? inFolder : (await ctx.engine.listFiles('index', parent)).filter((f) => f.path === gitPath);
    if (exact.length === 0) throw new CleanroomError('EATTEST', `${p}: not in the index; stage it first (git add -- ${p})`);
    files.push(...exact);
  }
  return { files, awaitingOthers: 0 };
}

/** What the reviewer looks at before saying yes. */
async function show(ctx: InspectContext, file: TreeFile, content: Uint8Array, io: Io): Promise<void> {
  const binary = Buffer.from(content.subarray(0, 8000)).includes(0);
  io.stderr.write(`\n=== ${printableBlock(file.path)} (${content.length} bytes, blob ${file.oid.slice(0, 12)})\n`);
  if (binary || content.length > SHOW_LIMIT) {
    io.stderr.write(printableBlock(`(${binary ? 'binary' : 'large'} file: not shown; inspect it with \`git show :${file.path}\` before approving)\n`));
    return;
  }
  const diff = await runGit(['diff', '--cached', '--no-ext-diff', '--no-color', '--', `:(top,literal)${file.path}`], { cwd: ctx.repo.cwd, env: ctx.repo.env });
  // The reviewer must see every byte as it is: an escape sequence could hide a line of what they sign.
  io.stderr.write(printableBlock(diff.stdout.length > 0 ? diff.stdout.toString('utf8') : Buffer.from(content).toString('utf8')));
}

/**
 * Asks the reviewer yes or no, once per file. One reader serves the whole session, and its lines
 * are queued: answers typed ahead (or pasted) answer the next questions instead of being lost.
 * The end of input (Ctrl+D) ends the review, with nothing signed.
 */
interface Approver {
  approve(question: string): Promise<boolean>;
  close(): void;
}

function approver(io: Io, yes: boolean): Approver {
  if (yes) return { approve: async () => true, close: () => undefined };
  let rl: Interface | null = null;
  let lines: AsyncIterator<string> | null = null;
  return {
    async approve(question) {
      rl ??= createInterface({ input: io.stdin, output: io.stderr });
      lines ??= rl[Symbol.asyncIterator]();
      rl.setPrompt(`${question} [y/N] `);
      rl.prompt();
      const answer = await lines.next();
      if (answer.done) throw new CleanroomError('EATTEST', 'the input ended (Ctrl+D) before every file was answered: nothing signed');
      return /^y(es)?$/i.test(answer.value.trim());
    },
    close: () => rl?.close(),
  };
}

async function stage(ctx: InspectContext, file: string, text: string): Promise<void> {
  const root = ctx.repo.workTree;
  if (!root) throw new CleanroomError('EATTEST', 'cleanroom attest needs a working tree');
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
  await gitOk(['add', '--', `:(top,literal)${file}`], { cwd: ctx.repo.cwd, env: ctx.repo.env });
}

/** What the work tree and the index hold at `file` (either may be missing). */
async function versionsAt(ctx: InspectContext, file: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  try {
    out.push(fs.readFileSync(path.join(ctx.repo.workTree ?? ctx.repo.cwd, file)));
  } catch {
    // not in the work tree
  }
  const staged = (await ctx.engine.listFiles('index', path.posix.dirname(file))).find((f) => f.path === file);
  if (staged) out.push(await ctx.engine.readBlob(staged.oid));
  return out;
}

/**
 * Where the envelope goes and what it then holds, so that no signature already there is lost:
 * a file of the same statement (two reviewers signing the same files in the same second, or a
 * co-signer whose index holds more than the work tree) keeps its signatures and gains the new
 * ones; any other file of that name keeps its own, and the new envelope takes the next free name.
 */
async function place(ctx: InspectContext, envelope: Envelope, file = attestationPath(envelope.payload)): Promise<{ file: string; envelope: Envelope }> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? file : file.replace(new RegExp(`${ATTESTATION_SUFFIX.replace(/\./g, '\\.')}$`), `-${n}${ATTESTATION_SUFFIX}`);
    const existing = (await versionsAt(ctx, candidate)).map((bytes) => parseEnvelope(bytes));
    const same = existing.every((e) => e.ok && e.envelope.payloadType === envelope.payloadType && Buffer.from(e.envelope.payload).equals(envelope.payload));
    if (!same) continue;
    let merged = envelope;
    for (const sig of existing.flatMap((e) => (e.ok ? e.envelope.signatures : [])).reverse()) merged = withSignature(merged, sig);
    return { file: candidate, envelope: merged };
  }
}

/** The envelope with one more signature, unless its key signed it already (the same claim twice)
 *  or it is not a signature at all (the verifier reports such a file; it is not ours to keep). */
function withSignature(envelope: Envelope, sig: DsseSignature): Envelope {
  try {
    const added = addSignature(envelope, sig.sig);
    // Signatures already there come first: co-signing adds to the end.
    return { ...added, signatures: [added.signatures[added.signatures.length - 1] as DsseSignature, ...envelope.signatures] };
  } catch (e) {
    if (e instanceof CleanroomError) return envelope;
    throw e;
  }
}

/** Who signs: the key's principal in the policy's allowed_signers, found before anything is
 *  signed; a key the gate would refuse is refused here, with what to do about it. */
interface Signer {
  readonly key: string;
  readonly signers: AllowedSigners;
  readonly reviewer: string;
}

async function signerFor(ctx: InspectContext, key: string, wanted: string | undefined): Promise<Signer> {
  const publicKey = await signingPublicKey(key, ctx.repo.env);
  const signers = await allowedSigners(ctx.repo, ctx.engine, ctx.policy);
  const namespace = ctx.policy.review.namespace;
  const now = new Date();
  const choice = chooseReviewer(signers, publicKey, { namespace, now, wanted, preferred: ctx.vars.config.get('user.email') });
  if (choice.ok) return { key, signers, reviewer: choice.reviewer };
  if (choice.kind === 'principal') throw new CleanroomError('EATTEST', `${choice.problem}; nothing was signed`);
  const who = `${publicKey.description} (${key})`;
  const pending = (await uncommittedSigners(ctx.repo, ctx.engine, ctx.policy, signers)).find((u) => chooseReviewer(u.signers, publicKey, { namespace, now }).ok);
  if (pending)
    throw new CleanroomError(
      'EATTEST',
      `${who} cannot sign reviews yet, nothing was signed: ${signersNotCommitted(pending.gitPath, pending.where, 'then run cleanroom attest again')}`,
    );
  const add = `cleanroom reviewers add --principal <name> ${shellQuote(key.endsWith('.pub') ? key : `${key}.pub`)}`;
  if (choice.kind === 'unlisted') {
    throw new CleanroomError(
      'EATTEST',
      `${who} is not listed in ${signers.source}, so the gate would refuse a review signed with it; nothing was signed. Whoever keeps the reviewers list adds it (${add}) and commits that file; then run cleanroom attest again`,
    );
  }
  throw new CleanroomError(
    'EATTEST',
    `${who} cannot sign reviews now: ${choice.problem}; nothing was signed. Sign with a key that is valid for namespace "${namespace}" now, or whoever keeps ${signers.source} updates its line (cleanroom reviewers remove, then ${add}) and commits it`,
  );
}

/** The finished review, checked as the gate will check it, before it is written. */
function checkSigned(ctx: InspectContext, signer: Signer, envelope: Envelope): void {
  const verdict = verifyEnvelope(
    Buffer.from(serializeEnvelope(envelope)),
    envelopeContext({
      namespace: ctx.policy.review.namespace,
      allowedSigners: signer.signers,
      threshold: ctx.policy.review.threshold,
      requireUserPresence: ctx.policy.review.requireUserPresence,
      repository: ctx.policy.repository,
      now: new Date(),
    }),
  );
  if (!verdict.ok) throw new CleanroomError('EATTEST', `the review signed with ${signer.key} would not count, so it was not written: ${verdict.problems.join('; ')}`);
}

async function cosign(ctx: InspectContext, file: string, signer: Signer, io: Io, asker: Approver): Promise<number> {
  const bytes = fs.readFileSync(path.resolve(io.cwd, file));
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) throw new CleanroomError('EATTEST', `${file}: ${parsed.problem}`);
  // Only the co-signer's own review makes this signature honest: they see the statement and the
  // staged content it names, and the names must still be what the index holds.
  const statement = parseStatement(parsed.envelope.payload);
  if (!statement.ok) throw new CleanroomError('EATTEST', `${file}: ${statement.problems.join('; ')}`);
  for (const s of statement.statement.subject) {
    const staged = (await ctx.engine.listFiles('index', s.name.includes('/') ? s.name.slice(0, s.name.lastIndexOf('/')) : '')).find((f) => f.path === s.name);
    if (!staged || staged.oid !== s.digest.gitBlob) {
      throw new CleanroomError(
        'EATTEST',
        `${file} names ${s.name} as blob ${s.digest.gitBlob.slice(0, 12)}, but the index holds ${staged ? staged.oid.slice(0, 12) : 'no such file'}; review what is staged instead`,
      );
    }
    const content = await ctx.engine.readBlob(s.digest.gitBlob);
    await show(ctx, staged, content, io);
    if (!(await asker.approve(`Co-sign the review of ${s.name}?`))) throw new CleanroomError('EATTEST', `not co-signed: ${s.name} was not approved`);
  }
  const sig = await signPayload(pae(parsed.envelope.payloadType, parsed.envelope.payload), {
    key: signer.key,
    namespace: ctx.policy.review.namespace,
    cwd: ctx.repo.cwd,
    env: ctx.repo.env,
    stderr: io.stderr,
  });
  const rel = path
    .relative(ctx.repo.workTree ?? io.cwd, path.resolve(io.cwd, file))
    .split(path.sep)
    .join('/');
  const placed = await place(ctx, addSignature(parsed.envelope, sig), rel);
  await stage(ctx, placed.file, serializeEnvelope(placed.envelope));
  io.stdout.write(printableBlock(`co-signed ${placed.file} (${placed.envelope.signatures.length} signatures); commit it with the content\n`));
  return EXIT.allowed;
}

const attest: Command = {
  summary: 'review and sign protected content',
  usage,
  async run(args: string[], io: Io) {
    const { values, positionals } = parseOptions(
      'attest',
      args,
      {
        key: { type: 'string' },
        reviewer: { type: 'string' },
        cosign: { type: 'string' },
        yes: { type: 'boolean' },
      },
      true,
    );
    const ctx = await openContext(io, {});
    const asker = approver(io, Boolean(values.yes));
    try {
      const agent = environmentSignals(io.env, ctx.policy.assistants);
      if (agent.length > 0) {
        throw new CleanroomError(
          'EATTEST',
          `refusing to attest from an assistant's process (${agent.map((s) => s.evidence).join(', ')}): an assistant must not sign for its own output; a human runs cleanroom attest in their own terminal`,
        );
      }
      if (!values.yes && !io.stdin.isTTY) {
        throw new CleanroomError('EATTEST', 'attest asks for a yes per file on a terminal; pass --yes to approve in a script');
      }
      const signer = await signerFor(ctx, signingKey(ctx, values.key, io.cwd), values.reviewer);
      if (values.cosign) return await cosign(ctx, values.cosign, signer, io, asker);
      if (!ctx.policy.repository) {
        throw new CleanroomError(
          'EATTEST',
          `the policy (${ctx.policy.source}) has no repository id, which every review must name; add \`repository: urn:uuid:<a fresh UUID>\` and commit it`,
        );
      }
      const { reviewer } = signer;

      const { files, awaitingOthers } = await filesToReview(ctx, positionals, io.cwd, reviewer);
      if (files.length === 0) {
        io.stdout.write(
          awaitingOthers === 0
            ? 'nothing to review: every staged protected file is already covered by a valid attestation\n'
            : `nothing for ${printableBlock(reviewer)} to review: ${awaitingOthers} staged protected file${awaitingOthers === 1 ? '' : 's'} you reviewed already need${awaitingOthers === 1 ? 's' : ''} another reviewer (review.threshold is ${ctx.policy.review.threshold}); the rest are covered\n`,
        );
        return EXIT.allowed;
      }
      const approved: { name: string; gitBlob: string; sha256: string }[] = [];
      for (const file of files) {
        const content = await ctx.engine.readBlob(file.oid);
        await show(ctx, file, content, io);
        if (await asker.approve(`Approve ${file.path}?`)) {
          approved.push({ name: file.path, gitBlob: file.oid, sha256: createHash('sha256').update(content).digest('hex') });
        }
      }
      if (approved.length === 0) {
        io.stdout.write('nothing approved, nothing signed\n');
        return EXIT.blocked;
      }
      const statement = buildStatement({
        files: approved,
        repository: ctx.policy.repository,
        reviewer,
        reviewedAt: new Date(),
        objectFormat: ctx.repo.objectFormat,
      });
      const signed = await signStatement(statement, { key: signer.key, namespace: ctx.policy.review.namespace, cwd: ctx.repo.cwd, env: ctx.repo.env, stderr: io.stderr });
      checkSigned(ctx, signer, signed);
      const { file, envelope } = await place(ctx, signed);
      await stage(ctx, file, serializeEnvelope(envelope));
      io.stdout.write(
        printableBlock(
          `${file}: signed by ${reviewer}, staged; it covers:\n${approved.map((a) => `  ${a.name} (blob ${a.gitBlob.slice(0, 12)})`).join('\n')}\ncommit it together with the content\n`,
        ),
      );
      return EXIT.allowed;
    } finally {
      asker.close();
      await ctx.close();
    }
  },
};

export default attest;
