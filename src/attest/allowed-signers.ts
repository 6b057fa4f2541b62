// The OpenSSH allowed_signers file (ssh-keygen(1) "ALLOWED SIGNERS"), parsed the way
// openssh-portable's sshsig.c does (parse_principals_key_and_options, sshsigopt_parse, opt_dequote,
// parse_absolute_time, match_pattern_list), so a file behaves here as it does for
// `ssh-keygen -Y verify`. Two deliberate differences:
// - `cert-authority` lines never match: certificates move the trust decision to whoever holds the
//   CA key and to fields (validity, principals) this verifier would have to re-implement.
// - `verify-required` (an authorized_keys option that ssh-keygen rejects here as unknown) is
//   accepted and demands the FIDO user-verification flag, so a file can ask for a PIN per reviewer.
// One more: a malformed line is an error wherever it is, where ssh-keygen skips lines for other
// principals unread. A trust file with a typo should be fixed, not half-used.
import { readFileSync } from 'node:fs';
import { CleanroomError } from '../errors.js';
import { MAX_ALLOWED_SIGNERS_BYTES } from '../input-limits.js';
import { SK_USER_VERIFIED } from './ssh.js';

export interface AllowedSigner {
  /** 1-based line in the file, for messages. */
  readonly line: number;
  /** The principals field as written: a comma-separated pattern list (`*`, `?`, `!negation`). */
  readonly principals: string;
  readonly keyType: string;
  readonly keyBlob: Uint8Array;
  /** The `namespaces=` pattern list; absent means every namespace. */
  readonly namespaces?: string;
  /** Inclusive bounds in seconds since the epoch, as ssh-keygen compares them. */
  readonly validAfter?: number;
  readonly validBefore?: number;
  readonly verifyRequired: boolean;
}

export interface AllowedSigners {
  /** The file path (or a label) that messages name. */
  readonly source: string;
  readonly signers: readonly AllowedSigner[];
  /** Lines that were understood but are ignored (cert-authority), as `source:line: why`. */
  readonly warnings: readonly string[];
}

export function loadAllowedSigners(file: string): AllowedSigners {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new CleanroomError(
      'EATTEST',
      `${file}: cannot read the allowed_signers file (${reason}); create it with one line per reviewer key: <principal> namespaces="<namespace>" <key type> <base64 key> (see docs/attestation.md)`,
    );
  }
  return parseAllowedSigners(text, file);
}

/** Throws CleanroomError('EATTEST') naming `source:line` for the first malformed line. */
export function parseAllowedSigners(text: string, source: string): AllowedSigners {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_ALLOWED_SIGNERS_BYTES) {
    throw new CleanroomError('EATTEST', `${source}: the allowed_signers file is ${size} bytes; expected at most ${MAX_ALLOWED_SIGNERS_BYTES} (one line per reviewer key)`);
  }
  const signers: AllowedSigner[] = [];
  const warnings: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const fail = (why: string): never => {
      throw new CleanroomError('EATTEST', `${source}:${line}: ${why}; expected <principals> [options] <key type> <base64 key>`);
    };
    const parsed = parseLine(raw, fail);
    if (parsed === undefined) return;
    if (parsed.certAuthority) {
      warnings.push(`${source}:${line}: cert-authority lines are not supported, so this line is ignored; list each reviewer's own key instead`);
      return;
    }
    signers.push({ line, ...parsed.signer });
  });
  return { source, signers, warnings };
}

const WHITESPACE = ' \t\r\n';

function parseLine(raw: string, fail: (why: string) => never): { signer: Omit<AllowedSigner, 'line'>; certAuthority: boolean } | undefined {
  const cp = skip(raw, WHITESPACE);
  if (cp === '' || cp.startsWith('#')) return undefined;

  const field = firstField(cp);
  if (field === undefined) fail('unterminated quote in the principals');
  if (field.rest === undefined) fail('nothing follows the principals');
  const principals = field.token;
  if (principals.split(',').every((p) => p === '' || p.startsWith('!'))) fail('no principals');

  let optionText = '';
  let key = readKey(field.rest, fail);
  if (key === undefined) {
    const end = endOfOptions(field.rest);
    if (end === undefined) fail('unterminated quote in the options');
    if (end === field.rest.length) fail('missing key');
    optionText = field.rest.slice(0, end);
    key = readKey(skip(field.rest.slice(end + 1), ' \t'), fail);
    if (key === undefined) fail('invalid key');
  }
  const options = parseOptions(optionText, fail);
  const signer: Omit<AllowedSigner, 'line'> = {
    principals,
    keyType: key.type,
    keyBlob: key.blob,
    verifyRequired: options.verifyRequired,
    ...(options.namespaces === undefined ? {} : { namespaces: options.namespaces }),
    ...(options.validAfter === undefined ? {} : { validAfter: options.validAfter }),
    ...(options.validBefore === undefined ? {} : { validBefore: options.validBefore }),
  };
  return { signer, certAuthority: options.certAuthority };
}

function skip(s: string, chars: string): string {
  let i = 0;
  while (i < s.length && chars.includes(s[i] as string)) i++;
  return s.slice(i);
}

/**
 * OpenSSH's strdelimw: the token ends at whitespace, or a double quote opens a quoted run that
 * ends the token at its closing quote. `rest` is undefined when nothing at all follows.
 */
function firstField(s: string): { token: string; rest: string | undefined } | undefined {
  let i = 0;
  while (i < s.length && !`${WHITESPACE}"`.includes(s[i] as string)) i++;
  if (i === s.length) return { token: s, rest: undefined };
  if (s[i] !== '"') return { token: s.slice(0, i), rest: skip(s.slice(i + 1), WHITESPACE) };
  const close = s.indexOf('"', i + 1);
  if (close === -1) return undefined;
  return { token: s.slice(0, i) + s.slice(i + 1, close), rest: skip(s.slice(close + 1), WHITESPACE) };
}

/** OpenSSH's sshkey_advance_past_options: options end at the first unquoted blank. */
function endOfOptions(s: string): number | undefined {
  let quoted = false;
  let i = 0;
  for (; i < s.length && (quoted || (s[i] !== ' ' && s[i] !== '\t')); i++) {
    if (s[i] === '\\' && s[i + 1] === '"') i++;
    else if (s[i] === '"') quoted = !quoted;
  }
  return quoted ? undefined : i;
}

// Every name sshkey_read knows, so "is this a key or options?" is answered as OpenSSH answers it.
// Lines with keys cleanroom cannot verify (ssh-dss, certificates) still parse; they never match.
const PLAIN_KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'rsa-sha2-256',
  'rsa-sha2-512',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'ssh-xmss@openssh.com',
];
const KEY_TYPES = new Set([...PLAIN_KEY_TYPES, ...PLAIN_KEY_TYPES.map((t) => `${t.replace(/@openssh\.com$/, '')}-cert-v01@openssh.com`)]);

/** `undefined` when the text does not start with a known key type (so it may be options). */
function readKey(s: string, fail: (why: string) => never): { type: string; blob: Uint8Array } | undefined {
  const m = /^([^ \t\r]+)[ \t]+([^ \t\r]+)/.exec(s) ?? /^([^ \t\r]+)$/.exec(s);
  const type = m?.[1];
  if (type === undefined || !KEY_TYPES.has(type)) return undefined;
  const b64 = m?.[2];
  if (b64 === undefined) fail(`${type} has no base64 key after it`);
  const blob = Buffer.from(b64, 'base64');
  if (blob.length === 0 || blob.toString('base64') !== b64) fail(`the ${type} key is not valid base64`);
  const inner = blobType(blob);
  const expected = type.replace(/^rsa-sha2-(256|512)/, 'ssh-rsa');
  if (inner !== expected) fail(`the key after ${type} is a ${inner ?? 'malformed'} key`);
  return { type: expected, blob };
}

function blobType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  return len <= blob.length - 4 ? blob.subarray(4, 4 + len).toString('latin1') : undefined;
}

interface Options {
  certAuthority: boolean;
  verifyRequired: boolean;
  namespaces?: string;
  validAfter?: number;
  validBefore?: number;
}

/** sshsigopt_parse, plus verify-required. Keywords ignore case; values must be double-quoted. */
function parseOptions(text: string, fail: (why: string) => never): Options {
  const out: Options = { certAuthority: false, verifyRequired: false };
  let i = 0;
  const keyword = (word: string): boolean => {
    if (text.slice(i, i + word.length).toLowerCase() !== word) return false;
    i += word.length;
    return true;
  };
  const value = (name: string): string => {
    if (text[i] !== '"') fail(`option ${name}= needs a double-quoted value`);
    let v = '';
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\' && text[i + 1] === '"') i++;
      v += text[i];
    }
    if (i === text.length) fail(`option ${name}= has no closing quote`);
    i++;
    return v;
  };
  const once = (field: 'namespaces' | 'validAfter' | 'validBefore', name: string): void => {
    if (out[field] !== undefined) fail(`option ${name}= appears twice`);
  };
  while (i < text.length) {
    if (keyword('cert-authority')) out.certAuthority = true;
    else if (keyword('verify-required')) out.verifyRequired = true;
    else if (keyword('namespaces=')) {
      once('namespaces', 'namespaces');
      out.namespaces = value('namespaces');
    } else if (keyword('valid-after=')) {
      once('validAfter', 'valid-after');
      out.validAfter = parseTime(value('valid-after'), 'valid-after', fail);
    } else if (keyword('valid-before=')) {
      once('validBefore', 'valid-before');
      out.validBefore = parseTime(value('valid-before'), 'valid-before', fail);
    }
    if (i === text.length) break;
    if (text[i] !== ',') fail(`unknown option at ${JSON.stringify(text.slice(i))}; known: namespaces=, valid-after=, valid-before=, cert-authority, verify-required`);
    i++;
    if (i === text.length) fail('the options end with a comma');
  }
  if (out.validAfter !== undefined && out.validBefore !== undefined && out.validBefore <= out.validAfter) fail('valid-before is not after valid-after');
  return out;
}

/**
 * YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, then `Z` or `UTC` (any case) for UTC. Without a
 * suffix the time is local, as ssh-keygen reads it (mktime); write the Z to mean the same instant
 * on every machine. Returns seconds since the epoch.
 */
function parseTime(text: string, name: string, fail: (why: string) => never): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(z|utc)?$/i.exec(text);
  const bad = (): never => fail(`${name}="${text}" is not a time; expected YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, optionally followed by Z for UTC`);
  if (m === null) return bad();
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const utc = m[7] !== undefined;
  const date = utc ? new Date(Date.UTC(y, mo - 1, d, h, mi, s)) : new Date(y, mo - 1, d, h, mi, s);
  // Date rolls 20240230 over into March; a typo in a trust file should not move a deadline.
  const parts = utc
    ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  if (parts.some((v, k) => v !== [y, mo, d, h, mi, s][k])) return bad();
  const seconds = Math.floor(date.getTime() / 1000);
  // ssh-keygen treats 0 as "no bound" and refuses to parse it, and so do we.
  if (seconds <= 0) return bad();
  return seconds;
}

/** OpenSSH match_pattern: `*` any run, `?` any one character, everything else literal, case-sensitive. */
function matchPattern(s: string, pattern: string): boolean {
  let si = 0;
  let pi = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    if (pi < pattern.length && (pattern[pi] === '?' || pattern[pi] === s[si])) {
      si++;
      pi++;
    } else if (pi < pattern.length && pattern[pi] === '*') {
      starP = pi++;
      starS = si;
    } else if (starP !== -1) {
      pi = starP + 1;
      si = ++starS;
    } else return false;
  }
  while (pattern[pi] === '*') pi++;
  return pi === pattern.length;
}

/** OpenSSH match_pattern_list: 1 when a pattern matches, -1 when a `!pattern` matches (which wins), else 0. */
export function matchPatternList(s: string, list: string): 1 | 0 | -1 {
  let positive = false;
  for (const entry of list.split(',')) {
    const negated = entry.startsWith('!');
    if (matchPattern(s, negated ? entry.slice(1) : entry)) {
      if (negated) return -1;
      positive = true;
    }
  }
  return positive ? 1 : 0;
}

/** The names a line grants, without negations: what a reviewer is counted as. */
function linePrincipals(signer: AllowedSigner): string[] {
  return signer.principals.split(',').filter((p) => p !== '' && !p.startsWith('!'));
}

export interface SignerLookup {
  /** Lines whose key, namespace, validity window and verify-required all fit. */
  readonly matched: readonly AllowedSigner[];
  /** Distinct principals of the matched lines, in file order. */
  readonly principals: readonly string[];
  /** Why lines for this key did not match, as `source:line: why`. */
  readonly refused: readonly string[];
}

/**
 * The lines that let `keyBlob` sign in `namespace` at time `at` (exact key match, as ssh-keygen).
 * `flags` are the FIDO flags of the signature (undefined for other keys), for verify-required.
 */
/**
 * The lines that let `keyBlob` sign in `namespace`, judged at two times: `at`, when the statement
 * says the review happened, and `now`, when it is judged. valid-before is how a key is revoked, and
 * the review's own time is the signer's to choose: a key past its valid-before admits nothing new,
 * whatever reviewedAt claims.
 */
export function principalsFor(file: AllowedSigners, keyBlob: Uint8Array, query: { namespace: string; at: Date; now: Date; flags?: number }): SignerLookup {
  const matched: AllowedSigner[] = [];
  const refused: string[] = [];
  // ssh-keygen compares whole seconds (-O verify-time has no fraction).
  const t = Math.floor(query.at.getTime() / 1000);
  const now = Math.floor(query.now.getTime() / 1000);
  for (const s of file.signers) {
    if (!Buffer.from(s.keyBlob).equals(keyBlob)) continue;
    const at = `${file.source}:${s.line} (${s.principals})`;
    if (s.namespaces !== undefined && matchPatternList(query.namespace, s.namespaces) !== 1) {
      refused.push(`${at}: the key is not allowed to sign in namespace "${query.namespace}" (namespaces="${s.namespaces}")`);
    } else if (s.validAfter !== undefined && t < s.validAfter) {
      refused.push(`${at}: the key is not yet valid at ${iso(t)}: valid-after is ${iso(s.validAfter)}`);
    } else if (s.validBefore !== undefined && t > s.validBefore) {
      refused.push(`${at}: the key has expired: ${iso(t)} is after valid-before ${iso(s.validBefore)}`);
    } else if (s.validBefore !== undefined && now > s.validBefore) {
      refused.push(
        `${at}: the key has expired or was revoked: valid-before ${iso(s.validBefore)} has passed (it is now ${iso(now)}), and a review counts only while its signer's key is valid when it is judged, whatever reviewedAt says`,
      );
    } else if (s.verifyRequired && ((query.flags ?? 0) & SK_USER_VERIFIED) === 0) {
      const got = query.flags === undefined ? 'the key is not a FIDO key' : `the signature's flags are 0x${query.flags.toString(16).padStart(2, '0')}`;
      refused.push(`${at}: verify-required asks for a FIDO signature with user verification (PIN or biometric, flag 0x04), but ${got}`);
    } else matched.push(s);
  }
  const principals = [...new Set(matched.flatMap(linePrincipals))];
  return { matched, principals, refused };
}

/** Whether any line lists the key for the namespace, regardless of time: a cheap gate before a payload is read. */
export function listsKey(file: AllowedSigners, keyBlob: Uint8Array, namespace: string): boolean {
  return file.signers.some((s) => Buffer.from(s.keyBlob).equals(keyBlob) && (s.namespaces === undefined || matchPatternList(namespace, s.namespaces) === 1));
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
