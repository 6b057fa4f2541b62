// The verification algorithm of docs/attestation.md ("Verifying"): signatures first, against the
// server-side allowed_signers; a statement is believed only when a listed key signed it, and only
// from the very bytes that were verified (indexEnvelopes reads the claims of unverified payloads,
// but only to choose which files are worth verifying).
import { createHash } from 'node:crypto';
import { listsKey, matchPatternList, principalsFor, type AllowedSigner, type AllowedSigners } from './allowed-signers.js';
import { jsonLimitProblem, MAX_ENVELOPE_BYTES } from '../input-limits.js';
import { decodeBase64, pae, parseEnvelope, PAYLOAD_TYPE, type Envelope } from './dsse.js';
import { describeKey, SK_USER_PRESENT } from './ssh.js';
import { parseSshsig, verifySshsig, verifySshsigAsync, type SshsigVerdict } from './sshsig.js';
import { parseReviewedAt, parseStatement, type Statement, type StatementSubject } from './statement.js';

export interface VerifyContext {
  /** review.namespace: the only SSHSIG namespace accepted. */
  readonly namespace: string;
  /** Parsed from the policy's allowed_signers file, never from the content being checked. */
  readonly allowedSigners: AllowedSigners;
  readonly threshold: number;
  readonly requireUserPresence: boolean;
  /** The policy's repository id; null (not set) makes every statement fail. */
  readonly repository: string | null;
  readonly now: Date;
}

export type EnvelopeVerdict =
  | {
      readonly ok: true;
      readonly statement: Statement;
      readonly principals: readonly string[];
      /** The principals of each signature that counted: what review.threshold is counted over,
       *  across every envelope that covers the same file (countReviewers). */
      readonly reviewers: readonly (readonly string[])[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** reviewedAt may run this far ahead of `now`: reviewers' clocks drift. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const RECREATE = 're-create the attestation';

export const NO_REPOSITORY =
  'the policy has no repository id, so a review cannot be tied to this repository; add `repository: urn:uuid:<a fresh UUID>` to the policy (cleanroom init writes one), then sign reviews naming it';

interface Signer {
  /** "signature 2 (ED25519 key SHA256:…)" */
  readonly who: string;
  readonly blob: Uint8Array;
  readonly flags: number | undefined;
}

export function verifyEnvelope(bytes: Uint8Array, ctx: VerifyContext): EnvelopeVerdict {
  const read = readEnvelope(bytes, ctx);
  return 'ok' in read
    ? read
    : judgeEnvelope(
        read,
        read.envelope.signatures.map((s) => verifySshsig(read.message, s.sig, ctx.namespace)),
        ctx,
      );
}

/** verifyEnvelope with its signatures checked side by side on the thread pool. */
export async function verifyEnvelopeAsync(bytes: Uint8Array, ctx: VerifyContext): Promise<EnvelopeVerdict> {
  const read = readEnvelope(bytes, ctx);
  return 'ok' in read ? read : judgeEnvelope(read, await Promise.all(read.envelope.signatures.map((s) => verifySshsigAsync(read.message, s.sig, ctx.namespace))), ctx);
}

interface ReadEnvelope {
  readonly envelope: Envelope;
  /** PAE(payloadType, payload): what each signature signs. */
  readonly message: Uint8Array;
}

function readEnvelope(bytes: Uint8Array, ctx: VerifyContext, maxBytes?: number): ReadEnvelope | Failed {
  if (ctx.repository === null) return fail([NO_REPOSITORY]);
  const parsed = parseEnvelope(bytes, maxBytes);
  if (!parsed.ok) return fail([`${parsed.problem}; ${RECREATE}`]);
  const envelope = parsed.envelope;
  if (envelope.payloadType !== PAYLOAD_TYPE) return fail([`payloadType is ${JSON.stringify(envelope.payloadType)}; expected "${PAYLOAD_TYPE}"; ${RECREATE}`]);
  return { envelope, message: pae(envelope.payloadType, envelope.payload) };
}

/** Everything after the signatures themselves, given what each of them proved. */
function judgeEnvelope({ envelope }: ReadEnvelope, checked: readonly SshsigVerdict[], ctx: VerifyContext): EnvelopeVerdict {
  const { signers, problems } = listedSigners(checked, ctx);
  // Nothing below reads the payload unless a key the policy trusts signed it.
  if (signers.length === 0) return fail(problems);

  const st = parseStatement(envelope.payload);
  if (!st.ok) return fail([...problems, ...st.problems.map((p) => `${p}; ${RECREATE}`)]);
  const statement = st.statement;
  const predicate = statement.predicate;
  const statementProblems: string[] = [];
  if (predicate.repository !== ctx.repository) {
    statementProblems.push(
      `the statement is for repository ${JSON.stringify(predicate.repository)}, not this policy's ${JSON.stringify(ctx.repository)}; a review made for another repository does not count here: review and sign the files again in this one`,
    );
  }
  const reviewedAt = parseReviewedAt(predicate.reviewedAt) as number;
  if (reviewedAt > ctx.now.getTime() + CLOCK_SKEW_MS) {
    statementProblems.push(`predicate.reviewedAt ${predicate.reviewedAt} is in the future (now is ${ctx.now.toISOString()}); check the reviewer's clock and sign again`);
  }

  const matched = signersValidAt(signers, new Date(reviewedAt), ctx, problems);
  if (matched.length > 0 && !matched.some((m) => m.lines.some((l) => matchPatternList(predicate.reviewer, l.principals) === 1))) {
    statementProblems.push(
      `predicate.reviewer ${JSON.stringify(predicate.reviewer)} is not a principal of any key that signed (${matched.flatMap((m) => m.principals).join(', ')}); the reviewer the statement names must be among its signers`,
    );
  }
  const reviewers = countReviewers(matched.map((m) => m.principals));
  if (matched.length > 0 && reviewers < ctx.threshold) {
    statementProblems.push(
      `the policy needs ${ctx.threshold} different reviewers (review.threshold) and ${reviewers} signed (${unique(matched.flatMap((m) => m.principals)).join(', ')}); another reviewer must co-sign the envelope`,
    );
  }
  if (matched.length === 0 || statementProblems.length > 0) return fail([...problems, ...statementProblems]);
  return { ok: true, statement, principals: unique(matched.flatMap((m) => m.principals)).sort(), reviewers: matched.map((m) => m.principals) };
}

/** Step 3: the signatures a key listed for the namespace made (with a touch, when the policy asks
 *  for one); why each other one does not count goes to `problems`. */
function listedSigners(checked: readonly SshsigVerdict[], ctx: VerifyContext): { signers: Signer[]; problems: string[] } {
  const problems: string[] = [];
  const signers: Signer[] = [];
  const source = ctx.allowedSigners.source;
  checked.forEach((v, i) => {
    if (!v.ok) {
      const hint = v.kind === 'mismatch' ? `: the statement or the signature was changed after signing; ${RECREATE}` : v.kind === 'malformed' ? `; ${RECREATE}` : '';
      problems.push(`signature ${i + 1}: ${v.problem}${hint}`);
      return;
    }
    const who = `signature ${i + 1} (${describeKey(v.keyType, v.publicKeyBlob)})`;
    if (!listsKey(ctx.allowedSigners, v.publicKeyBlob, ctx.namespace)) {
      problems.push(
        `${who}: the key is not listed in ${source} for namespace "${ctx.namespace}"; a reviewer listed there must sign, or whoever keeps that file adds this key for this reviewer`,
      );
      return;
    }
    if (ctx.requireUserPresence && ((v.flags ?? 0) & SK_USER_PRESENT) === 0) {
      const got = v.flags === undefined ? 'the key is not a FIDO security key' : `the security key signed without a touch (flags 0x${v.flags.toString(16).padStart(2, '0')})`;
      problems.push(`${who}: the policy requires user presence (review.require_user_presence), but ${got}; sign with an sk-ssh-ed25519 or sk-ecdsa key that asks for a touch`);
      return;
    }
    signers.push({ who, blob: v.publicKeyBlob, flags: v.flags });
  });
  return { signers, problems };
}

interface MatchedSigner {
  readonly signer: Signer;
  readonly lines: readonly AllowedSigner[];
  readonly principals: readonly string[];
}

/** Step 6: the signers whose allowed_signers lines are valid at `at` (the statement's own time)
 *  and now; why each other one does not count goes to `problems`. */
function signersValidAt(signers: readonly Signer[], at: Date, ctx: VerifyContext, problems: string[]): MatchedSigner[] {
  const matched: MatchedSigner[] = [];
  for (const signer of signers) {
    const found = principalsFor(ctx.allowedSigners, signer.blob, { namespace: ctx.namespace, at, now: ctx.now, flags: signer.flags });
    if (found.matched.length > 0) matched.push({ signer, lines: found.matched, principals: found.principals });
    else problems.push(`${signer.who}: ${found.refused.join('; ')}; sign with a key that is valid for this, or ask whoever keeps ${ctx.allowedSigners.source} to update the line`);
  }
  return matched;
}

export type SignedPayload = { readonly ok: true; readonly payload: Uint8Array; readonly principals: readonly string[] } | Failed;

/**
 * Steps 1–4 and 6 for an envelope whose statement is not a review (a release manifest, say): its
 * payload, once a listed key signed it, and the principals of the signers whose lines are valid
 * at the time `timeOf` reads from that payload and now. `timeOf` sees the payload only after a
 * listed key's signature over it verified; it returns the problems when it cannot read one.
 * `maxBytes` bounds the envelope, for statements larger than a review.
 */
export function verifySignedPayload(bytes: Uint8Array, ctx: VerifyContext, timeOf: (payload: Uint8Array) => Date | readonly string[], maxBytes?: number): SignedPayload {
  const read = readEnvelope(bytes, ctx, maxBytes);
  if ('ok' in read) return read;
  const { signers, problems } = listedSigners(
    read.envelope.signatures.map((s) => verifySshsig(read.message, s.sig, ctx.namespace)),
    ctx,
  );
  if (signers.length === 0) return fail(problems);
  const at = timeOf(read.envelope.payload);
  if (!(at instanceof Date)) return fail([...problems, ...at]);
  if (at.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS)
    return fail([...problems, `the statement's time ${at.toISOString()} is in the future (now is ${ctx.now.toISOString()}); check the signer's clock and sign again`]);
  const matched = signersValidAt(signers, at, ctx, problems);
  if (matched.length === 0) return fail(problems);
  return { ok: true, payload: read.envelope.payload, principals: unique(matched.flatMap((m) => m.principals)).sort() };
}

/**
 * Signatures whose lines share a principal are one reviewer: two keys of alice count once, and a
 * key listed as "alice,alice.smith" cannot count as two people.
 */
function countReviewers(principalSets: readonly (readonly string[])[]): number {
  let groups: Set<string>[] = [];
  for (const names of principalSets) {
    const merged = new Set(names);
    const rest: Set<string>[] = [];
    for (const g of groups) {
      if (names.some((n) => g.has(n))) for (const n of g) merged.add(n);
      else rest.push(g);
    }
    groups = [...rest, merged];
  }
  return groups.length;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

type Failed = { readonly ok: false; readonly problems: readonly string[] };

function fail(problems: readonly string[]): Failed {
  return { ok: false, problems };
}

export interface CoverageEntry {
  /** What the blob's content must hash to; checked by checkCovered. */
  readonly sha256: string;
  readonly principals: readonly string[];
  /** Path of the envelope that covers it (the first, when several do). */
  readonly envelope: string;
  /** Every envelope whose review of it counted, in path order. */
  readonly envelopes: readonly string[];
}

export interface Coverage {
  /** Keyed by coverageKey(path, gitBlob). */
  readonly covered: Map<string, CoverageEntry>;
  /** Reviewed, but by fewer different reviewers than review.threshold asks; same keys. */
  readonly partial: Map<string, CoverageEntry>;
  readonly rejected: readonly { readonly envelope: string; readonly problems: readonly string[] }[];
}

export function coverageKey(name: string, gitBlob: string): string {
  return `${name}\0${gitBlob}`;
}

/**
 * The context each envelope is verified in: on its own signers, with review.threshold left to
 * coverage(), which counts the reviewers of one file over every envelope that reviewed it. Two
 * people may each sign their own review of the same content, or co-sign one envelope: either way
 * the same content was approved by both.
 */
export function envelopeContext(ctx: VerifyContext): VerifyContext {
  return { ...ctx, threshold: 1 };
}

interface EnvelopeFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Attestation files indexed by the subjects their payloads claim, read before anything is
 * verified and used only to choose which to verify: an attestation counts only through coverage(),
 * which checks its signatures first. A repository keeps every review it ever signed; a commit needs
 * the few that name its files.
 */
export interface EnvelopeIndex<T> {
  readonly files: readonly T[];
  /** coverageKey → the files claiming it. */
  readonly claims: ReadonlyMap<string, readonly number[]>;
  /** What each file claims; null when it does not parse (verifying it says why). */
  readonly claimed: readonly (readonly string[] | null)[];
}

/** What an envelope's payload says it covers, read as loosely as possible (validation is
 *  verifyEnvelope's job, and a claim decides nothing); null when there is no reading it, or when
 *  it is too large or deep to read (verifying it then says so). */
export function claimedKeys(bytes: Uint8Array): string[] | null {
  try {
    if (jsonLimitProblem(bytes, MAX_ENVELOPE_BYTES) !== undefined) return null;
    const envelope = JSON.parse(utf8.decode(bytes)) as { payload?: unknown };
    if (typeof envelope.payload !== 'string') return null;
    const payload = decodeBase64(envelope.payload);
    if (payload === undefined || jsonLimitProblem(payload, MAX_ENVELOPE_BYTES) !== undefined) return null;
    const statement = JSON.parse(utf8.decode(payload)) as { subject?: unknown };
    if (!Array.isArray(statement.subject)) return null;
    return statement.subject.map((s: { name?: unknown; digest?: { gitBlob?: unknown } }) => coverageKey(String(s?.name), String(s?.digest?.gitBlob)));
  } catch {
    return null;
  }
}

const utf8 = new TextDecoder();

/** The public keys an envelope's signatures carry, unverified: for explaining a refusal only. */
export function signatureKeys(bytes: Uint8Array): Uint8Array[] {
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) return [];
  return parsed.envelope.signatures.flatMap((s) => {
    try {
      return [parseSshsig(s.sig).publicKey];
    } catch {
      return [];
    }
  });
}

export function indexEnvelopes<T extends EnvelopeFile>(files: readonly T[]): EnvelopeIndex<T> {
  return indexClaims(
    files,
    files.map((f) => claimedKeys(f.bytes)),
  );
}

/** The index of files whose claims are already known (claimedKeys of each, in order). */
export function indexClaims<T>(files: readonly T[], claimed: readonly (readonly string[] | null)[]): EnvelopeIndex<T> {
  const claims = new Map<string, number[]>();
  claimed.forEach((keys, i) => {
    for (const key of keys ?? []) {
      const list = claims.get(key);
      if (list) list.push(i);
      else claims.set(key, [i]);
    }
  });
  return { files, claims, claimed };
}

/**
 * The files that can bear on these subjects: those claiming one, and, because of two statements
 * that disagree about one subject the later is refused, every file sharing a claimed subject with
 * one already taken (so coverage() over them decides exactly as over all files). Files that do not
 * parse are always taken: refusing them costs nothing, and saying why helps whoever made them.
 */
export function relevantEnvelopes<T>(index: EnvelopeIndex<T>, wanted: Iterable<string>): T[] {
  const taken = new Set<number>();
  for (const [i, keys] of index.claimed.entries()) if (keys === null) taken.add(i);
  const queue = [...wanted];
  const seen = new Set(queue);
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    for (const i of index.claims.get(key) ?? []) {
      if (taken.has(i)) continue;
      taken.add(i);
      for (const other of index.claimed[i] ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return index.files.filter((_, i) => taken.has(i));
}

/** Verifies every envelope and maps each (path, blob) that valid ones name, by at least
 *  review.threshold different reviewers together, to its entry. `verify` is called with
 *  envelopeContext(ctx) and may remember verdicts between calls (the same files judged for many
 *  commits). */
export function coverage(
  envelopes: readonly EnvelopeFile[],
  ctx: VerifyContext,
  verify: (envelope: EnvelopeFile, ctx: VerifyContext) => EnvelopeVerdict = (e, c) => verifyEnvelope(e.bytes, c),
): Coverage {
  const each = envelopeContext(ctx);
  const found = new Map<string, CoverageEntry & { readonly subject: StatementSubject; readonly reviewers: readonly (readonly string[])[] }>();
  const rejected: { envelope: string; problems: string[] }[] = [];
  const ordered = [...envelopes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const envelope of ordered) {
    const { path } = envelope;
    const verdict = verify(envelope, each);
    if (!verdict.ok) {
      rejected.push({ envelope: path, problems: [...verdict.problems] });
      continue;
    }
    // A blob has one content; two trusted statements disagreeing on its sha256 means one is wrong.
    const conflicts = verdict.statement.subject.flatMap((s) => {
      const earlier = found.get(coverageKey(s.name, s.digest.gitBlob));
      return earlier === undefined || earlier.sha256 === s.digest.sha256
        ? []
        : [`subject ${s.name} (blob ${s.digest.gitBlob}) has sha256 ${s.digest.sha256}, but ${earlier.envelope} says ${earlier.sha256}; delete the wrong attestation`];
    });
    if (conflicts.length > 0) {
      rejected.push({ envelope: path, problems: conflicts });
      continue;
    }
    for (const s of verdict.statement.subject) {
      const key = coverageKey(s.name, s.digest.gitBlob);
      const earlier = found.get(key);
      found.set(key, {
        subject: s,
        sha256: s.digest.sha256,
        principals: unique([...(earlier?.principals ?? []), ...verdict.principals]).sort(),
        envelope: earlier?.envelope ?? path,
        envelopes: [...(earlier?.envelopes ?? []), path],
        reviewers: [...(earlier?.reviewers ?? []), ...verdict.reviewers],
      });
    }
  }
  const covered = new Map<string, CoverageEntry>();
  const partial = new Map<string, CoverageEntry>();
  const short = new Map<string, string[]>();
  for (const [key, { subject, reviewers, ...entry }] of found) {
    const count = countReviewers(reviewers);
    if (count >= ctx.threshold) {
      covered.set(key, entry);
      continue;
    }
    partial.set(key, entry);
    const problems = short.get(entry.envelope) ?? [];
    short.set(entry.envelope, problems);
    problems.push(
      `${subject.name} (blob ${subject.digest.gitBlob.slice(0, 12)}): the policy needs ${ctx.threshold} different reviewers (review.threshold) and ${count} reviewed it (${entry.principals.join(', ')}); another reviewer must review it too: \`cleanroom attest --cosign ${entry.envelope}\` adds their signature to this review, or \`cleanroom attest\` signs one of their own`,
    );
  }
  for (const [envelope, problems] of short) rejected.push({ envelope, problems });
  return { covered, partial, rejected };
}

/** True when the blob's actual content has the sha256 the covering statement signed. */
export function checkCovered(entry: CoverageEntry | undefined, content: Uint8Array): boolean {
  return entry !== undefined && createHash('sha256').update(content).digest('hex') === entry.sha256;
}
