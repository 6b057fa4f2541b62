// The in-toto Statement v1 (in-toto/attestation spec/v1/statement.md) that a review signs, with
// cleanroom's own predicate: no vetted in-toto predicate describes a human review of files.
import { CleanroomError } from '../errors.js';
import { jsonLimitProblem, MAX_ENVELOPE_BYTES } from '../input-limits.js';
import { isJsonObject, shownValue } from '../json-guards.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://cleanroom.dev/attestation/human-review/v1';

export type ObjectFormat = 'sha1' | 'sha256';

export interface StatementSubject {
  /** The path as git stores it: '/'-separated, relative to the repository root. */
  readonly name: string;
  readonly digest: { readonly gitBlob: string; readonly sha256: string };
}

export interface ReviewPredicate {
  /** Must equal the policy's `repository`: a review of one repository is worthless in another. */
  readonly repository: string;
  /** Who reviewed; must be a principal of a key that signed. */
  readonly reviewer: string;
  /** RFC 3339 UTC; the time the signers' allowed_signers lines must be valid at. */
  readonly reviewedAt: string;
  readonly decision: 'approved';
  readonly objectFormat?: ObjectFormat;
}

export interface Statement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly StatementSubject[];
  readonly predicateType: typeof PREDICATE_TYPE;
  readonly predicate: ReviewPredicate;
}

export interface ReviewInput {
  readonly files: readonly { readonly name: string; readonly gitBlob: string; readonly sha256: string }[];
  readonly repository: string;
  readonly reviewer: string;
  readonly reviewedAt: Date;
  /** Defaults to what the gitBlob length says (40 hex: sha1, 64 hex: sha256). */
  readonly objectFormat?: ObjectFormat;
}

/** Throws CleanroomError('EATTEST') for input that parseStatement would refuse. */
export function buildStatement(input: ReviewInput): Statement {
  const first = input.files[0]?.gitBlob;
  const objectFormat = input.objectFormat ?? (first?.length === 64 ? 'sha256' : 'sha1');
  const subject = [...input.files]
    .sort((a, b) => compare(a.name, b.name) || compare(a.gitBlob, b.gitBlob))
    .map((f) => ({ name: f.name, digest: { gitBlob: f.gitBlob, sha256: f.sha256 } }));
  const statement: Statement = {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      repository: input.repository,
      reviewer: input.reviewer,
      reviewedAt: input.reviewedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      decision: 'approved',
      objectFormat,
    },
  };
  const problems = statementProblems(statement);
  if (problems.length > 0) throw new CleanroomError('EATTEST', `cannot build the review statement: ${problems.join('; ')}`);
  return statement;
}

/** Compact JSON with a fixed key order: the exact bytes that get signed. */
export function serializeStatement(s: Statement): Uint8Array {
  return Buffer.from(JSON.stringify(canonical(s)), 'utf8');
}

/** Field by field in a fixed order, so fields a parse ignored cannot ride along to whoever uses the result. */
function canonical(s: Statement): Statement {
  const p = s.predicate;
  return {
    _type: STATEMENT_TYPE,
    subject: s.subject.map((x) => ({ name: x.name, digest: { gitBlob: x.digest.gitBlob, sha256: x.digest.sha256 } })),
    predicateType: PREDICATE_TYPE,
    predicate: {
      repository: p.repository,
      reviewer: p.reviewer,
      reviewedAt: p.reviewedAt,
      decision: 'approved',
      ...(p.objectFormat === undefined ? {} : { objectFormat: p.objectFormat }),
    },
  };
}

export type StatementParse = { readonly ok: true; readonly statement: Statement } | { readonly ok: false; readonly problems: readonly string[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a statement from payload bytes whose signature has been verified. Unknown fields are
 * ignored (in-toto requires it); every field cleanroom relies on is checked, and all problems are
 * reported at once.
 */
export function parseStatement(verifiedPayload: Uint8Array): StatementParse {
  const tooMuch = jsonLimitProblem(verifiedPayload, MAX_ENVELOPE_BYTES);
  if (tooMuch !== undefined) return { ok: false, problems: [`the statement cannot be read: ${tooMuch}`] };
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(verifiedPayload));
  } catch {
    return { ok: false, problems: ['the statement is not UTF-8 JSON'] };
  }
  const problems = statementProblems(json);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, statement: canonical(json as Statement) };
}

/** Milliseconds since the epoch of an RFC 3339 UTC time; undefined if it is not one or not a real date. */
export function parseReviewedAt(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(text);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  const same =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return same ? t + Math.floor(Number(`0${text.slice(19, -1)}`) * 1000) : undefined;
}

const HEX40 = /^[0-9a-f]{40}$/;
const HEX64 = /^[0-9a-f]{64}$/;

function statementProblems(json: unknown): string[] {
  const problems: string[] = [];
  const fail = (what: string): void => void problems.push(`the statement's ${what}`);
  if (!isJsonObject(json)) return ['the statement is not a JSON object'];
  if (json._type !== STATEMENT_TYPE) fail(`_type is ${shownValue(json._type)}; expected "${STATEMENT_TYPE}"`);
  if (json.predicateType !== PREDICATE_TYPE) fail(`predicateType is ${shownValue(json.predicateType)}; expected "${PREDICATE_TYPE}"`);

  const p = json.predicate;
  let format: ObjectFormat | undefined;
  if (!isJsonObject(p)) fail('predicate is missing or not an object');
  else {
    for (const field of ['repository', 'reviewer'] as const) {
      if (typeof p[field] !== 'string' || p[field] === '') fail(`predicate.${field} must be a non-empty string`);
    }
    if (typeof p.reviewedAt !== 'string' || parseReviewedAt(p.reviewedAt) === undefined) {
      fail(`predicate.reviewedAt is ${shownValue(p.reviewedAt)}; expected an RFC 3339 UTC time such as "2026-01-31T12:00:00Z"`);
    }
    if (p.decision !== 'approved') fail(`predicate.decision is ${shownValue(p.decision)}; expected "approved"`);
    // A review limited to refs cannot be held to them: git moves commits between refs without new
    // content (a fast-forward), and the gates trust what a branch or tag already holds. Read as
    // "any ref", it would widen what the reviewer signed; so it is refused (docs/attestation.md).
    if (p.refs !== undefined) fail('predicate.refs limits the review to some refs, which cleanroom cannot hold it to; review and sign the files again without refs');
    if (p.objectFormat !== undefined) {
      if (p.objectFormat === 'sha1' || p.objectFormat === 'sha256') format = p.objectFormat;
      else fail(`predicate.objectFormat is ${shownValue(p.objectFormat)}; expected "sha1" or "sha256"`);
    }
  }

  const subjects = json.subject;
  if (!Array.isArray(subjects) || subjects.length === 0) {
    fail('subject must be a non-empty list');
    return problems;
  }
  const seen = new Set<string>();
  for (const [i, s] of subjects.entries()) {
    const at = `subject[${i}]`;
    if (!isJsonObject(s)) {
      fail(`${at} is not an object`);
      continue;
    }
    const why = typeof s.name === 'string' ? pathProblem(s.name) : 'is missing';
    if (why !== undefined) fail(`${at}.name ${why}`);
    const digest = s.digest;
    if (!isJsonObject(digest)) {
      fail(`${at}.digest is missing`);
      continue;
    }
    const blob = digest.gitBlob;
    const blobFormat = typeof blob !== 'string' ? undefined : HEX40.test(blob) ? 'sha1' : HEX64.test(blob) ? 'sha256' : undefined;
    if (blobFormat === undefined) fail(`${at}.digest.gitBlob must be 40 (SHA-1) or 64 (SHA-256) lowercase hex digits`);
    else if (format === undefined) format = blobFormat;
    else if (blobFormat !== format) fail(`${at}.digest.gitBlob is a ${blobFormat} id in a ${format} statement; one statement covers one repository's object format`);
    if (typeof digest.sha256 !== 'string' || !HEX64.test(digest.sha256)) fail(`${at}.digest.sha256 must be 64 lowercase hex digits`);
    const key = `${String(s.name)}\0${String(blob)}`;
    if (seen.has(key)) fail(`${at} repeats the path and blob of an earlier subject`);
    seen.add(key);
  }
  return problems;
}

/** Git stores paths relative to the root with '/' between non-empty segments, never '.' or '..'. */
export function pathProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.includes('\0')) return 'contains a NUL byte';
  if (name.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) {
    return `${JSON.stringify(name)} is not a path as git stores it ('/'-separated, relative, no empty, "." or ".." segments)`;
  }
  return undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
