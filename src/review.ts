/**
 * Finds the human reviews that cover protected changes: the attestation files of the index (for a
 * commit being made) or of a tree (for recorded commits: the pushed tip's, so a review committed
 * on top of an assistant's commit in the same push counts), verified against the policy's
 * allowed_signers, and each covered blob's content hashed against what the reviewer signed.
 * The signature code (and node:crypto) loads only once there are attestations to check.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AllowedSigners } from './attest/allowed-signers.js';
import type { BlobMemory } from './blob-memory.js';
import type { Coverage, EnvelopeIndex, EnvelopeVerdict } from './attest/verify.js';
import { reviewKey, type RejectedAttestation } from './decide/verdict.js';
import { CleanroomError } from './errors.js';
import type { Change, FileSource, GitEngine, TreeFile } from './git/engine.js';
import type { RepoContext } from './git/repo.js';
import { ATTESTATION_DIR, ATTESTATION_SUFFIX } from './layout.js';
import { isCommittedPolicy } from './policy/load.js';
import type { Policy } from './policy/policy.js';
import { signersNotCommitted } from './report/messages.js';
import { isStringList } from './json-guards.js';

export interface Reviews {
  readonly reviewed: ReadonlyMap<string, readonly string[]>;
  readonly rejected: readonly RejectedAttestation[];
}

export const NO_REVIEWS: Reviews = { reviewed: new Map(), rejected: [] };

/** Where the policy's allowed_signers is read: from HEAD (`gitPath`) when a committed policy
 *  names a file inside the repository, else from the file itself. */
function signersPlace(repo: RepoContext, policy: Policy): { file: string; gitPath: string | null } {
  const file = policy.review.allowedSigners;
  const inRepo = repo.workTree ? path.relative(repo.workTree, file) : null;
  const committed = isCommittedPolicy(policy) && inRepo !== null && !inRepo.startsWith('..') && !path.isAbsolute(inRepo);
  return { file, gitPath: committed ? inRepo.split(path.sep).join('/') : null };
}

/**
 * The policy's allowed_signers. A committed policy reads it from the same commit when it lies in
 * the repository, so the working tree cannot add a signer the committed policy does not name.
 */
export async function allowedSigners(repo: RepoContext, engine: GitEngine, policy: Policy): Promise<AllowedSigners> {
  const { file, gitPath } = signersPlace(repo, policy);
  let text: string | null;
  let source = file;
  if (gitPath !== null) {
    source = `${gitPath}@HEAD`;
    const blob = await engine.readFileAt('HEAD', gitPath);
    text = blob ? Buffer.from(blob).toString('utf8') : null;
  } else {
    text = readIfExists(file);
  }
  if (text === null) {
    const pending = gitPath === null ? [] : await uncommittedSigners(repo, engine, policy, null);
    throw new CleanroomError(
      'EATTEST',
      pending.length > 0
        ? `${source}: the policy's allowed_signers file is not committed, so no review can count yet; ${signersNotCommitted(gitPath as string, pending[0]?.where ?? 'work tree')}`
        : `${source}: the policy's allowed_signers file does not exist, so no review can count; add one line per reviewer key: <principal> namespaces="${policy.review.namespace}" <key type> <base64 key> (cleanroom reviewers add --principal <name> KEY.pub writes it)`,
    );
  }
  const { parseAllowedSigners } = await import('./attest/allowed-signers.js');
  return parseAllowedSigners(text, source);
}

/** A version of the signers file that the gate does not read: staged, or only in the work tree. */
export interface UncommittedSigners {
  readonly where: 'index' | 'work tree';
  readonly gitPath: string;
  readonly signers: AllowedSigners;
}

/**
 * The signers file as the index and the work tree hold it, where they differ from the committed
 * one (`committed`, null when HEAD has none) that reviews are checked against. A reviewer added
 * there counts for nobody until the file is committed; saying so is all these are for. A version
 * that does not parse is left out: the committed file is the one that must parse.
 */
export async function uncommittedSigners(repo: RepoContext, engine: GitEngine, policy: Policy, committed: AllowedSigners | null): Promise<UncommittedSigners[]> {
  const { gitPath } = signersPlace(repo, policy);
  if (gitPath === null || !repo.workTree) return [];
  const { parseAllowedSigners } = await import('./attest/allowed-signers.js');
  const head = committed === null ? null : await engine.readFileAt('HEAD', gitPath);
  const dir = gitPath.includes('/') ? gitPath.slice(0, gitPath.lastIndexOf('/')) : '';
  const staged = (await engine.listFiles('index', dir)).find((f) => f.path === gitPath);
  const versions: [UncommittedSigners['where'], string | null][] = [
    ['index', staged ? Buffer.from(await engine.readBlob(staged.oid)).toString('utf8') : null],
    ['work tree', readIfExists(path.join(repo.workTree, gitPath))],
  ];
  const out: UncommittedSigners[] = [];
  for (const [where, text] of versions) {
    if (text === null || (head !== null && Buffer.from(head).toString('utf8') === text)) continue;
    try {
      out.push({ where, gitPath, signers: parseAllowedSigners(text, `${gitPath} (${where})`) });
    } catch (e) {
      if (!(e instanceof CleanroomError)) throw e;
    }
  }
  return out;
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The verified statements of one set of attestation files, before any blob is checked. */
export interface Attested {
  readonly covered: Coverage['covered'];
  readonly partial: Coverage['partial'];
  readonly rejected: readonly RejectedAttestation[];
}

const NOTHING_ATTESTED: Attested = { covered: new Map(), partial: new Map(), rejected: [] };

/**
 * The attestation files of one place, read once. A repository keeps every review ever signed, so
 * each question verifies only the files that can bear on its changes (relevantEnvelopes), and
 * each file at most once however many commits ask.
 */
export interface AttestationSet {
  /** The verified statements bearing on `needing`; on every file when omitted. */
  attested(needing?: readonly Change[]): Promise<Attested>;
}

const always = (attested: Attested): AttestationSet => ({ attested: async () => attested });

/** Envelopes whose claims are remembered at most: a repository keeps every review it ever signed. */
export const ATTESTATION_CLAIMS_KEPT = 1 << 16;

/** What an earlier run found `oid`'s envelope to claim; undefined when nothing (usable) is remembered. */
function recalledClaims(memory: BlobMemory | null, oid: string): readonly string[] | null | undefined {
  const fact = memory?.get(oid);
  if (fact === undefined) return undefined;
  try {
    const keys: unknown = JSON.parse(fact);
    return keys === null || isStringList(keys) ? keys : undefined;
  } catch {
    return undefined;
  }
}

export async function loadAttestations(
  ctx: { repo: RepoContext; engine: GitEngine; policy: Policy; attestationClaims?: (() => BlobMemory | null) | undefined },
  /** Where the attestation files are: the index, a revision's tree, or already listed. */
  source: FileSource | readonly TreeFile[],
): Promise<AttestationSet> {
  const listed = Array.isArray(source) ? source : await ctx.engine.listFiles(source as FileSource, ATTESTATION_DIR);
  const files = listed.filter((f) => f.path.startsWith(`${ATTESTATION_DIR}/`) && f.path.endsWith(ATTESTATION_SUFFIX));
  if (files.length === 0) return always(NOTHING_ATTESTED);
  let signers: AllowedSigners;
  try {
    signers = await allowedSigners(ctx.repo, ctx.engine, ctx.policy);
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    return always({ ...NOTHING_ATTESTED, rejected: files.map((f) => ({ file: f.path, problems: [e.message] })) });
  }
  const { claimedKeys, coverage, coverageKey, envelopeContext, indexClaims, relevantEnvelopes, verifyEnvelopeAsync } = await import('./attest/verify.js');
  // What each file claims: remembered from an earlier run where it can be (an envelope never
  // changes under its blob id), else read and parsed now. Only the files a question chooses are
  // then read for their signatures.
  const memory = ctx.attestationClaims?.() ?? null;
  const claimed = files.map((f) => recalledClaims(memory, f.oid));
  const bytes = new Map<string, Uint8Array>();
  const readEnvelopes = async (wanted: readonly TreeFile[]): Promise<void> => {
    const missing = wanted.filter((f) => !bytes.has(f.path));
    await ctx.engine.readBlobs(
      missing.map((f) => f.oid),
      (i, content) => bytes.set((missing[i] as TreeFile).path, content),
    );
  };
  await readEnvelopes(files.filter((_, i) => claimed[i] === undefined));
  files.forEach((f, i) => {
    if (claimed[i] !== undefined) return;
    const keys = claimedKeys(bytes.get(f.path) as Uint8Array);
    claimed[i] = keys;
    memory?.set(f.oid, JSON.stringify(keys));
  });
  const { policy } = ctx;
  let index: EnvelopeIndex<TreeFile> | null = null; // built on the first question that names its changes
  const verifyContext = {
    namespace: policy.review.namespace,
    allowedSigners: signers,
    threshold: policy.review.threshold,
    requireUserPresence: policy.review.requireUserPresence,
    repository: policy.repository,
    // The time every review is judged at: the key lines must still be valid now (allowed-signers.ts).
    now: new Date(),
  };
  // Each file is verified once, its signatures side by side on the thread pool; coverage() then
  // decides from the verdicts (and counts review.threshold over all of them).
  const eachContext = envelopeContext(verifyContext);
  const verdicts = new Map<string, Promise<EnvelopeVerdict>>();
  const verifyOnce = (envelope: { path: string; bytes: Uint8Array }): Promise<EnvelopeVerdict> => {
    let verdict = verdicts.get(envelope.path);
    if (!verdict) verdicts.set(envelope.path, (verdict = verifyEnvelopeAsync(envelope.bytes, eachContext)));
    return verdict;
  };
  // A refused review whose key the staged or work-tree signers file lists: the file must be
  // committed first. Worked out only when something is refused.
  let pending: Promise<UncommittedSigners[]> | null = null;
  const withUncommittedSigners = async (rejected: RejectedAttestation[]): Promise<RejectedAttestation[]> => {
    const uncommitted = await (pending ??= uncommittedSigners(ctx.repo, ctx.engine, policy, signers));
    if (uncommitted.length === 0) return rejected;
    const { listsKey } = await import('./attest/allowed-signers.js');
    const { signatureKeys } = await import('./attest/verify.js');
    return rejected.map((r) => {
      const keys = signatureKeys(bytes.get(r.file) ?? new Uint8Array()).filter((k) => !listsKey(signers, k, policy.review.namespace));
      const listed = uncommitted.find((u) => keys.some((k) => listsKey(u.signers, k, policy.review.namespace)));
      return listed ? { ...r, problems: [...r.problems, signersNotCommitted(listed.gitPath, listed.where)] } : r;
    });
  };
  return {
    async attested(needing) {
      const wanted = needing?.flatMap((c) => (c.newOid ? [coverageKey(c.path, c.newOid)] : []));
      const chosen = wanted === undefined ? files : relevantEnvelopes((index ??= indexClaims(files, claimed as (readonly string[] | null)[])), wanted);
      await readEnvelopes(chosen);
      const envelopes = chosen.map((f) => ({ path: f.path, bytes: bytes.get(f.path) as Uint8Array }));
      const verified = new Map(await Promise.all(envelopes.map(async (e) => [e.path, await verifyOnce(e)] as const)));
      const found = coverage(envelopes, verifyContext, (e) => verified.get(e.path) as EnvelopeVerdict);
      const rejected = found.rejected.map((r) => ({ file: r.envelope, problems: r.problems }));
      return { covered: found.covered, partial: found.partial, rejected: rejected.length === 0 ? rejected : await withUncommittedSigners(rejected) };
    },
  };
}

/** Which of `needing` the attestations cover, with the blob's content hashed against the
 *  sha256 the reviewer signed (the statement names the blob by id; ids alone are SHA-1). */
export async function reviewsOf(engine: GitEngine, attested: Attested, needing: readonly Change[]): Promise<Reviews> {
  const reviewed = new Map<string, readonly string[]>();
  if (attested.covered.size === 0) return { reviewed, rejected: attested.rejected };
  const { checkCovered, coverageKey } = await import('./attest/verify.js');
  const candidates = needing.flatMap((change) => {
    const entry = change.newOid ? attested.covered.get(coverageKey(change.path, change.newOid)) : undefined;
    return entry && change.newOid ? [{ key: reviewKey(change.path, change.newOid), oid: change.newOid, entry }] : [];
  });
  await engine.readBlobs(
    candidates.map((c) => c.oid),
    (i, content) => {
      const { key, entry } = candidates[i] as (typeof candidates)[number];
      if (checkCovered(entry, content)) reviewed.set(key, entry.principals);
    },
  );
  return { reviewed, rejected: attested.rejected };
}
