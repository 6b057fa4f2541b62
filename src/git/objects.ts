/**
 * Commit and tag objects, read by git's rules, and the shape git's fsck demands of them.
 *
 * Both engines read commits through parseCommit, so they read what git reads:
 * - the tree is the first line, parents are the `parent` lines directly after it and nothing else
 *   (commit.c parse_commit_buffer); a `parent` line further down is not a parent to git;
 * - the message is what follows the first blank line, cut at the first NUL, as `git log` and
 *   `%(trailers)` show it (git hands the buffer on as a C string);
 * - author and committer are the last such lines of the header, as `git log --format=%an`
 *   takes them (pretty.c parse_commit_header).
 * Where git's own readers disagree about an object (two `author` lines, a `parent` line after
 * the committer), no reading is safe: fsckProblem names such objects and the gate refuses them
 * (assertWellFormed in ./well-formed.ts).
 */
import { CleanroomError } from '../errors.js';
import type { CommitInfo, Identity } from './engine.js';

export type ObjectFormat = 'sha1' | 'sha256';

const HEX_LENGTH: Record<ObjectFormat, number> = { sha1: 40, sha256: 64 };
const OBJECT_ID: Record<ObjectFormat, RegExp> = { sha1: /^[0-9a-f]{40}$/, sha256: /^[0-9a-f]{64}$/ };

/** Exactly a full object id of the repository's hash, in git's lowercase hex. */
export function isObjectId(text: string, format: ObjectFormat): boolean {
  return OBJECT_ID[format].test(text);
}

/** The one check every object id read from an object, a ref or a push passes before it reaches
 *  git: anything else (an option, a revision expression, a name with a newline) is refused. */
export function checkObjectId(text: string, format: ObjectFormat, what = 'object id'): string {
  if (!isObjectId(text, format)) {
    throw new CleanroomError('EBADREV', `${JSON.stringify(text.slice(0, 100))} is not a valid ${what} (expected ${HEX_LENGTH[format]} lowercase hex digits)`);
  }
  return text;
}

export interface ParsedCommit {
  readonly info: CommitInfo;
  readonly tree: string;
  /** The `encoding` header (git's find_commit_header: the first), null when there is none. */
  readonly encoding: string | null;
}

const BLANK_LINE = Buffer.from('\n\n');

/** The header block (up to the first blank line) and where the message starts. */
function splitObject(raw: Buffer): { header: Buffer; body: number } {
  const blank = raw.indexOf(BLANK_LINE);
  return blank < 0 ? { header: raw, body: raw.length } : { header: raw.subarray(0, blank + 1), body: blank + 2 };
}

/** Header lines as `key value` (continuation lines, those starting with a space, left out). */
function headerLines(header: Buffer): { key: string; value: Buffer }[] {
  const lines: { key: string; value: Buffer }[] = [];
  for (let pos = 0; pos < header.length; ) {
    let end = header.indexOf(0x0a, pos);
    if (end < 0) end = header.length;
    if (header[pos] !== 0x20 && end > pos) {
      const space = header.indexOf(0x20, pos);
      const keyEnd = space < 0 || space > end ? end : space;
      lines.push({ key: header.toString('latin1', pos, keyEnd), value: header.subarray(Math.min(keyEnd + 1, end), end) });
    }
    pos = end + 1;
  }
  return lines;
}

const isHexDigit = (c: number | undefined) => c !== undefined && ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66));

/** Whether `length` hex digits (either case, as git's get_oid_hex takes them) start at `start`. */
function isHexAt(raw: Buffer, start: number, length: number): boolean {
  if (start + length > raw.length) return false;
  for (let i = start; i < start + length; i++) if (!isHexDigit(raw[i])) return false;
  return true;
}

/** The id at `start`, in the lowercase git names it by; null when it is not hex. */
function hexAt(raw: Buffer, start: number, length: number): string | null {
  return isHexAt(raw, start, length) ? raw.toString('latin1', start, start + length).toLowerCase() : null;
}

/**
 * A raw commit read as git reads it. Text is decoded as UTF-8, as the object stores it; a commit
 * with another `encoding` is shown by `git log` converted, which the plumbing engine asks git for.
 */
export function parseCommit(oid: string, raw: Buffer, format: ObjectFormat = 'sha1'): ParsedCommit {
  const hexLength = HEX_LENGTH[format];
  const { header, body } = splitObject(raw);
  const tree = startsWithAt(raw, 0, 'tree ') ? hexAt(raw, 5, hexLength) : null;
  if (tree === null || raw[5 + hexLength] !== 0x0a) throw new CleanroomError('EGIT', `commit ${oid} is corrupt: it does not start with a tree line`);
  const parents: string[] = [];
  for (let pos = 6 + hexLength; startsWithAt(raw, pos, 'parent ') && raw[pos + 7 + hexLength] === 0x0a; pos += 8 + hexLength) {
    const parent = hexAt(raw, pos + 7, hexLength);
    if (parent === null) break;
    parents.push(parent);
  }
  let author: Identity = { name: '', email: '' };
  let committer: Identity = { name: '', email: '' };
  let encoding: string | null = null;
  for (const { key, value } of headerLines(header)) {
    if (key === 'author') author = parseIdent(value.toString('utf8'));
    else if (key === 'committer') committer = parseIdent(value.toString('utf8'));
    else if (key === 'encoding' && encoding === null) encoding = value.toString('utf8');
  }
  const nul = raw.indexOf(0, body);
  const message = raw.toString('utf8', body, nul < 0 ? raw.length : nul);
  return { info: { oid, parents, author, committer, message }, tree, encoding };
}

/**
 * `Name <email> 1700000000 +0000` as git's split_ident_line reads it: the name is what precedes
 * the first `<`, trimmed; the address runs to the first `>` after it. The date part is optional,
 * as in GIT_*_IDENT without one.
 */
export function parseIdent(value: string): Identity {
  const open = value.indexOf('<');
  if (open < 0) return { name: value.trim(), email: '' };
  const close = value.indexOf('>', open + 1);
  return { name: value.slice(0, open).trim(), email: value.slice(open + 1, close < 0 ? value.length : close) };
}

/** git's is_encoding_utf8: a commit in UTF-8 is shown as stored. */
export function isUtf8Encoding(name: string | null): boolean {
  return name === null || /^utf-?8$/i.test(name);
}

// ------------------------------------------------------------------------------------- fsck

/** One reason git's fsck (or cleanroom, where git's readers disagree) gives for refusing an object. */
export interface ObjectProblem {
  /** fsck's message id as git prints it (`multipleAuthors`), or cleanroom's own (`misplacedHeader`). */
  readonly id: string;
  readonly text: string;
}

const problem = (id: string, text: string): ObjectProblem => ({ id, text });

/** fsck.c verify_headers: the header block holds no NUL and ends with a newline. */
function headerProblem(raw: Buffer): ObjectProblem | null {
  // The first NUL and the first blank line, each found by one native search.
  const nul = raw.indexOf(0);
  const blank = raw.indexOf(BLANK_LINE);
  if (nul >= 0 && (blank < 0 || nul < blank)) return problem('nulInHeader', `unterminated header: NUL at offset ${nul}`);
  if (blank >= 0) return null;
  return raw.length > 0 && raw[raw.length - 1] === 0x0a ? null : problem('unterminatedHeader', 'unterminated header');
}

const isCSpace = (c: number | undefined) => c === 0x20 || (c !== undefined && c >= 0x09 && c <= 0x0d);
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
/** Past this a date does not fit git's signed 64-bit time (date.c date_overflows). */
const DATE_LIMIT = 2n ** 63n;
const UINTMAX = 2n ** 64n - 1n;

/**
 * fsck.c fsck_ident at `start` (just after `author `): the problem, and where the line ends.
 * Offsets run on the whole object, as git's pointers do (strtoumax may skip a newline).
 */
function identProblem(raw: Buffer, start: number): { problem: ObjectProblem | null; next: number } {
  const eol = raw.indexOf(0x0a, start);
  const next = eol < 0 ? raw.length : eol + 1;
  const at = (i: number): number => raw[i] ?? 0;
  const fail = (id: string, text: string) => ({ problem: problem(id, `invalid author/committer line - ${text}`), next });
  let p = start;
  if (at(p) === 0x3c) return fail('missingNameBeforeEmail', 'missing space before email');
  const angleOrEol = (c: number) => c === 0x3c || c === 0x3e || c === 0x0a;
  while (p < raw.length && !angleOrEol(at(p))) p++;
  if (at(p) === 0x3e) return fail('badName', 'bad name');
  if (at(p) !== 0x3c) return fail('missingEmail', 'missing email');
  if (at(p - 1) !== 0x20) return fail('missingSpaceBeforeEmail', 'missing space before email');
  p++;
  while (p < raw.length && !angleOrEol(at(p))) p++;
  if (at(p) !== 0x3e) return fail('badEmail', 'bad email');
  p++;
  if (at(p) !== 0x20) return fail('missingSpaceBeforeDate', 'missing space before date');
  p++;
  if (at(p) === 0x30 && at(p + 1) !== 0x20) return fail('zeroPaddedDate', 'zero-padded date');
  // strtoumax: leading white space, an optional sign, digits; a minus wraps the value around.
  let q = p;
  while (isCSpace(raw[q])) q++;
  const negative = at(q) === 0x2d;
  if (at(q) === 0x2b || negative) q++;
  const digits = q;
  while (isDigit(raw[q])) q++;
  const end = q === digits ? p : q;
  // Fifteen digits or fewer, unsigned, cannot overflow: most dates skip the exact arithmetic.
  if (q > digits && (negative || q - digits > 15)) {
    let value = BigInt(raw.toString('latin1', digits, q));
    if (value > UINTMAX) value = UINTMAX;
    else if (negative) value = (UINTMAX + 1n - value) & UINTMAX;
    if (value >= DATE_LIMIT) return fail('badDateOverflow', 'date causes integer overflow');
  }
  if (end === p || at(end) !== 0x20) return fail('badDate', 'bad date');
  p = end + 1;
  const sign = at(p);
  if ((sign !== 0x2b && sign !== 0x2d) || !isDigit(at(p + 1)) || !isDigit(at(p + 2)) || !isDigit(at(p + 3)) || !isDigit(at(p + 4)) || at(p + 5) !== 0x0a) {
    return fail('badTimezone', 'bad time zone');
  }
  return { problem: null, next };
}

function startsWithAt(raw: Buffer, pos: number, text: string): boolean {
  if (pos + text.length > raw.length) return false;
  for (let i = 0; i < text.length; i++) if (raw[pos + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** An object id line's value at `pos` (hex of the repository's length, then a newline). */
const oidLineEnd = (raw: Buffer, pos: number, hexLength: number): number | null => (isHexAt(raw, pos, hexLength) && raw[pos + hexLength] === 0x0a ? pos + hexLength + 1 : null);

/** fsck's opening for commits and tags alike: the header's shape, then `<key> <id>` as the first
 *  line. The problem, or where the next line starts. */
function firstLineProblem(raw: Buffer, key: 'tree' | 'object', hexLength: number, missing: ObjectProblem, bad: ObjectProblem): ObjectProblem | number {
  const header = headerProblem(raw);
  if (header) return header;
  if (!startsWithAt(raw, 0, `${key} `)) return missing;
  return oidLineEnd(raw, key.length + 1, hexLength) ?? bad;
}

/** Header keys git reads at one place only: anywhere else, git's readers disagree about them. */
const PLACED_HEADERS = new Set(['tree', 'parent', 'author', 'committer']);

/**
 * What git's fsck (fsck.c fsck_commit, as of git 2.39) says first about a commit, or null when
 * it says nothing; warnings count (a NUL in the message, `nulInCommit`). Then cleanroom's own
 * rule: a tree, parent, author or committer line out of its place, or a second `encoding`, is
 * `misplacedHeader` (fsck lets these pass, but `git log`'s readers take different lines).
 */
export function commitProblem(raw: Buffer, format: ObjectFormat): ObjectProblem | null {
  const hexLength = HEX_LENGTH[format];
  const first = firstLineProblem(
    raw,
    'tree',
    hexLength,
    problem('missingTree', "invalid format - expected 'tree' line"),
    problem('badTreeSha1', "invalid 'tree' line format - bad sha1"),
  );
  if (typeof first !== 'number') return first;
  let pos = first;
  while (startsWithAt(raw, pos, 'parent ')) {
    const next: number | null = oidLineEnd(raw, pos + 7, hexLength);
    if (next === null) return problem('badParentSha1', "invalid 'parent' line format - bad sha1");
    pos = next;
  }
  let authors = 0;
  while (startsWithAt(raw, pos, 'author ')) {
    authors++;
    const ident = identProblem(raw, pos + 7);
    if (ident.problem) return ident.problem;
    pos = ident.next;
  }
  if (authors === 0) return problem('missingAuthor', "invalid format - expected 'author' line");
  if (authors > 1) return problem('multipleAuthors', "invalid format - multiple 'author' lines");
  if (!startsWithAt(raw, pos, 'committer ')) return problem('missingCommitter', "invalid format - expected 'committer' line");
  const ident = identProblem(raw, pos + 10);
  if (ident.problem) return ident.problem;
  if (raw.includes(0)) return problem('nulInCommit', 'NUL byte in the commit object body');
  // The usual commit: a blank line right after the committer, no other header to look at.
  if (raw[ident.next] === 0x0a) return null;
  const headerEnd = splitObject(raw).body - 1;
  let encodings = 0;
  for (const { key } of headerLines(raw.subarray(ident.next, Math.max(ident.next, headerEnd)))) {
    if (PLACED_HEADERS.has(key)) return problem('misplacedHeader', `a '${key}' line after the 'committer' line`);
    if (key === 'encoding' && ++encodings > 1) return problem('misplacedHeader', "more than one 'encoding' line");
  }
  return null;
}

const OBJECT_TYPES = new Set(['commit', 'tree', 'blob', 'tag']);

/**
 * What git's fsck (fsck.c fsck_tag_standalone, git 2.39) says first about an annotated tag, or
 * null. Its infos count too (`badTagName`, `missingTaggerEntry`): git itself never writes such a tag.
 */
export function tagProblem(raw: Buffer, format: ObjectFormat): ObjectProblem | null {
  const first = firstLineProblem(
    raw,
    'object',
    HEX_LENGTH[format],
    problem('missingObject', "invalid format - expected 'object' line"),
    problem('badObjectSha1', "invalid 'object' line format - bad sha1"),
  );
  if (typeof first !== 'number') return first;
  let pos = first;
  if (!startsWithAt(raw, pos, 'type ')) return problem('missingTypeEntry', "invalid format - expected 'type' line");
  let eol = raw.indexOf(0x0a, pos);
  if (eol < 0) return problem('missingType', "invalid format - unexpected end after 'type' line");
  if (!OBJECT_TYPES.has(raw.toString('latin1', pos + 5, eol))) return problem('badType', "invalid 'type' value");
  pos = eol + 1;
  if (!startsWithAt(raw, pos, 'tag ')) return problem('missingTagEntry', "invalid format - expected 'tag' line");
  eol = raw.indexOf(0x0a, pos);
  if (eol < 0) return problem('missingTag', "invalid format - unexpected end after 'type' line");
  const name = raw.toString('utf8', pos + 4, eol);
  if (!isRefName(`refs/tags/${name}`)) return problem('badTagName', `invalid 'tag' name: ${JSON.stringify(name)}`);
  pos = eol + 1;
  if (!startsWithAt(raw, pos, 'tagger ')) return problem('missingTaggerEntry', "invalid format - expected 'tagger' line");
  return identProblem(raw, pos + 7).problem;
}

/** The object a tag points at (its `object` line), for a tag fsck found nothing wrong with. */
export function tagTarget(raw: Buffer, format: ObjectFormat): string {
  return hexAt(raw, 7, HEX_LENGTH[format]) ?? '';
}

/** git's check_refname_format (with REFNAME_ALLOW_ONELEVEL): git never reads a file for a name that fails it. */
export function isRefName(name: string): boolean {
  if (name === '' || name === '@' || name.endsWith('/') || name.endsWith('.') || name.includes('..') || name.includes('@{')) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  return name.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}
