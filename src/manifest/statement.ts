// The release manifest (docs/manifest.md): an in-toto Statement v1 whose subjects are the
// protected files of one revision and whose predicate says, per file, where it came from and
// whether the snapshot may be released. PURE: no I/O.
import { parseReviewedAt, pathProblem, STATEMENT_TYPE, type ObjectFormat } from '../attest/statement.js';
import { jsonLimitProblem } from '../input-limits.js';
import { isJsonObject, isStringList, shownValue } from '../json-guards.js';

export const MANIFEST_PREDICATE_TYPE = 'https://cleanroom.dev/attestation/release-manifest/v1';

/** A manifest (envelope or statement) names every file of a snapshot: far more than a review
 *  (about 250 bytes a file, a third more in base64), still bounded before it is parsed. */
export const MAX_MANIFEST_BYTES = 128 * 1024 * 1024;

/**
 * - `no-assistant-signal`: nothing says an assistant made it, and its rule asks no review;
 * - `reviewed`: a valid attestation at the revision covers it (`reviewers`), assistant-made or not;
 * - `unreviewed`: the decision has a finding for it that a review would answer;
 * - `forbidden`: the decision has a finding for it that no review answers.
 */
export type FileStatus = 'no-assistant-signal' | 'reviewed' | 'unreviewed' | 'forbidden';
const STATUSES: readonly FileStatus[] = ['no-assistant-signal', 'reviewed', 'unreviewed', 'forbidden'];
/** The statuses a releasable snapshot may hold. */
export const RELEASABLE_STATUSES: ReadonlySet<FileStatus> = new Set(['no-assistant-signal', 'reviewed']);

export interface ManifestFile {
  readonly name: string;
  readonly gitBlob: string;
  readonly sha256: string;
  readonly status: FileStatus;
  /** Principals of the verified reviews covering it (`reviewed` only). */
  readonly reviewers: readonly string[];
  /** Catalog ids of the assistants whose signals fired on it (empty: none did). */
  readonly assistants: readonly string[];
}

export interface Manifest {
  /** The policy's repository id (null when it has none: then the manifest cannot be signed). */
  readonly repository: string | null;
  /** The commit whose tree the files come from. */
  readonly revision: string;
  readonly objectFormat: ObjectFormat;
  /** RFC 3339 UTC, whole seconds: the time the signers' keys must be valid at. */
  readonly createdAt: string;
  /** Where the judging policy came from (as verdicts name it). */
  readonly policy: string;
  /** The paths asked for ([] = every protected file). */
  readonly paths: readonly string[];
  readonly releasable: boolean;
  readonly files: readonly ManifestFile[];
}

/** The statement, files in byte order of their names, keys in a fixed order: the bytes that get signed. */
export function serializeManifest(m: Manifest, pretty = false): Uint8Array {
  const files = [...m.files].sort((a, b) => compareBytes(a.name, b.name));
  const statement = {
    _type: STATEMENT_TYPE,
    subject: files.map((f) => ({ name: f.name, digest: { gitBlob: f.gitBlob, sha256: f.sha256 } })),
    predicateType: MANIFEST_PREDICATE_TYPE,
    predicate: {
      repository: m.repository,
      revision: m.revision,
      objectFormat: m.objectFormat,
      createdAt: m.createdAt,
      policy: m.policy,
      paths: m.paths,
      releasable: m.releasable,
      files: files.map((f) => ({
        name: f.name,
        status: f.status,
        ...(f.reviewers.length > 0 ? { reviewers: f.reviewers } : {}),
        ...(f.assistants.length > 0 ? { assistants: f.assistants } : {}),
      })),
    },
  };
  return Buffer.from(pretty ? `${JSON.stringify(statement, null, 2)}\n` : JSON.stringify(statement), 'utf8');
}

export type ManifestParse = { readonly ok: true; readonly manifest: Manifest } | { readonly ok: false; readonly problems: readonly string[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const HEX = { sha1: /^[0-9a-f]{40}$/, sha256: /^[0-9a-f]{64}$/ } as const;

/**
 * Reads a manifest statement from bytes (a verified payload, or an unsigned file). Every field a
 * verifier relies on is checked, and all problems are reported at once; unknown fields are
 * ignored, as in-toto asks. The names are checked as paths before anything opens a file by them.
 */
export function parseManifest(bytes: Uint8Array): ManifestParse {
  const tooMuch = jsonLimitProblem(bytes, MAX_MANIFEST_BYTES);
  if (tooMuch !== undefined) return { ok: false, problems: [`the manifest cannot be read: ${tooMuch}`] };
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch {
    return { ok: false, problems: ['the manifest is not UTF-8 JSON'] };
  }
  const problems: string[] = [];
  const fail = (what: string): void => void problems.push(`the manifest's ${what}`);
  if (!isJsonObject(json)) return { ok: false, problems: ['the manifest is not a JSON object'] };
  if (json._type !== STATEMENT_TYPE) fail(`_type is ${shownValue(json._type)}; expected "${STATEMENT_TYPE}"`);
  if (json.predicateType !== MANIFEST_PREDICATE_TYPE)
    fail(`predicateType is ${shownValue(json.predicateType)}; expected "${MANIFEST_PREDICATE_TYPE}" (is this a release manifest?)`);
  const p = json.predicate;
  if (!isJsonObject(p)) {
    fail('predicate is missing or not an object');
    return { ok: false, problems };
  }
  const format = p.objectFormat === 'sha1' || p.objectFormat === 'sha256' ? p.objectFormat : undefined;
  if (format === undefined) fail(`predicate.objectFormat is ${shownValue(p.objectFormat)}; expected "sha1" or "sha256"`);
  if (p.repository !== null && (typeof p.repository !== 'string' || p.repository === '')) fail('predicate.repository must be a non-empty string or null');
  if (typeof p.revision !== 'string' || (format !== undefined && !HEX[format].test(p.revision))) fail(`predicate.revision must be a commit id of ${format ?? 'the object format'}`);
  if (typeof p.createdAt !== 'string' || parseReviewedAt(p.createdAt) === undefined)
    fail(`predicate.createdAt is ${shownValue(p.createdAt)}; expected an RFC 3339 UTC time such as "2026-01-31T12:00:00Z"`);
  if (typeof p.policy !== 'string') fail('predicate.policy must be a string');
  if (!isStringList(p.paths)) fail('predicate.paths must be a list of strings');
  if (typeof p.releasable !== 'boolean') fail(`predicate.releasable is ${shownValue(p.releasable)}; expected true or false`);

  const subjects = json.subject;
  const described = p.files;
  if (!Array.isArray(subjects) || subjects.length === 0) fail('subject must be a non-empty list');
  if (!Array.isArray(described)) fail('predicate.files must be a list');
  if (problems.length > 0 || !Array.isArray(subjects) || !Array.isArray(described) || format === undefined) return { ok: false, problems };
  if (described.length !== subjects.length) fail(`predicate.files has ${described.length} entries and subject ${subjects.length}; expected one per subject, in the same order`);

  const files: ManifestFile[] = [];
  const seen = new Set<string>();
  for (const [i, s] of subjects.entries()) {
    const at = `subject[${i}]`;
    if (!isJsonObject(s) || !isJsonObject(s.digest)) {
      fail(`${at} must be an object with a digest`);
      continue;
    }
    const name = s.name;
    const why = typeof name !== 'string' ? 'is missing' : LONE_SURROGATE.test(name) ? 'is not a Unicode string (a lone surrogate names no file)' : pathProblem(name);
    if (why !== undefined || typeof name !== 'string') {
      fail(`${at}.name ${why ?? 'is missing'}`);
      continue;
    }
    // Two subjects of one name would let one of them go unchecked against the folder.
    if (seen.has(name)) {
      fail(`${at}.name ${JSON.stringify(name)} appears twice; a snapshot holds one file by each name`);
      continue;
    }
    seen.add(name);
    const { gitBlob, sha256 } = s.digest;
    if (typeof gitBlob !== 'string' || !HEX[format].test(gitBlob)) {
      fail(`${at}.digest.gitBlob must be a ${format} blob id (lowercase hex)`);
      continue;
    }
    if (typeof sha256 !== 'string' || !HEX.sha256.test(sha256)) {
      fail(`${at}.digest.sha256 must be 64 lowercase hex digits`);
      continue;
    }
    const d: unknown = described[i];
    if (!isJsonObject(d) || d.name !== name) {
      fail(`predicate.files[${i}] must describe ${JSON.stringify(name)}, as subject[${i}] does`);
      continue;
    }
    if (!STATUSES.includes(d.status as FileStatus)) {
      fail(`predicate.files[${i}].status is ${shownValue(d.status)}; expected one of ${STATUSES.join(', ')}`);
      continue;
    }
    const reviewers = strings(d.reviewers);
    const assistants = strings(d.assistants);
    if (reviewers === undefined || assistants === undefined) {
      fail(`predicate.files[${i}].reviewers and .assistants must be lists of strings when present`);
      continue;
    }
    files.push({ name, gitBlob, sha256, status: d.status as FileStatus, reviewers, assistants });
  }
  // The flag and the statuses must agree: a signer's tool that says "releasable" over an
  // unreviewed file is wrong about one of them, and the stricter reading wins.
  const held = files.filter((f) => !RELEASABLE_STATUSES.has(f.status));
  if (p.releasable === true && held.length > 0)
    fail(
      `predicate.releasable is true, but ${held
        .map((f) => `${f.name} is ${f.status}`)
        .slice(0, 5)
        .join(', ')}`,
    );
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    manifest: {
      repository: p.repository as string | null,
      revision: p.revision as string,
      objectFormat: format,
      createdAt: p.createdAt as string,
      policy: p.policy as string,
      paths: p.paths as string[],
      releasable: p.releasable as boolean,
      files,
    },
  };
}

function strings(v: unknown): string[] | undefined {
  if (v === undefined) return [];
  return isStringList(v) ? v : undefined;
}

/** Byte order of the UTF-8 names, as git sorts paths (UTF-16 order differs past the BMP). */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
