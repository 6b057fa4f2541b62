/**
 * A policy parsed once is kept, compiled-ready, as plain JSON keyed by the sha256 of its text and
 * of cleanroom's version: a hook then never loads the YAML parser for a policy it has seen (that
 * parser is the largest single cost of a pre-commit, ~40 ms). The cache lives in the user's private
 * temp folder (cache-dir.ts), never in the repository; the server never uses it. A miss or any
 * trouble with the cache just parses the text, so the cache can only make a verdict faster.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { privateCacheDir } from '../cache-dir.js';
import { compileGlob } from './glob.js';
import type { Policy } from './policy.js';
import { version } from '../version.js';

interface Pattern {
  readonly source: string;
  readonly flags: string;
}

/** Everything a Policy holds, as data: regexes as source and flags, globs as written. */
interface PolicyData {
  readonly repository: string | null;
  readonly mode: Policy['mode'];
  readonly caseSensitive: boolean;
  readonly protect: readonly { pattern: string; require: Policy['protect'][number]['require']; index: number; line: number }[];
  readonly assistants: {
    readonly builtin: boolean;
    readonly trailers: readonly Pattern[];
    readonly identities: readonly Pattern[];
    readonly environment: readonly string[];
    readonly markers: readonly Pattern[];
    readonly recordedShare: number;
  };
  /** allowed_signers relative to the policy's folder, which differs between callers. */
  readonly review: Omit<Policy['review'], 'allowedSigners'> & { readonly allowedSigners: string };
}

const patterns = (list: readonly RegExp[]): Pattern[] => list.map((r) => ({ source: r.source, flags: r.flags }));
const regexes = (list: readonly Pattern[]): RegExp[] => list.map((p) => new RegExp(p.source, p.flags));

function toData(p: Policy, baseDir: string): PolicyData {
  return {
    repository: p.repository,
    mode: p.mode,
    caseSensitive: p.caseSensitive,
    protect: p.protect.map(({ pattern, require, index, line }) => ({ pattern, require, index, line })),
    assistants: { ...p.assistants, trailers: patterns(p.assistants.trailers), identities: patterns(p.assistants.identities), markers: patterns(p.assistants.markers) },
    review: { ...p.review, allowedSigners: path.relative(baseDir, p.review.allowedSigners) },
  };
}

function fromData(d: PolicyData, source: string, baseDir: string): Policy {
  return {
    source,
    version: 1,
    repository: d.repository,
    mode: d.mode,
    caseSensitive: d.caseSensitive,
    protect: d.protect.map((r) => ({ ...r, matches: compileGlob(r.pattern, d.caseSensitive) })),
    assistants: { ...d.assistants, trailers: regexes(d.assistants.trailers), identities: regexes(d.assistants.identities), markers: regexes(d.assistants.markers) },
    review: { ...d.review, allowedSigners: path.resolve(baseDir, d.review.allowedSigners) },
  };
}

function cacheFile(text: string): string | null {
  const dir = privateCacheDir();
  if (dir === null) return null;
  const key = createHash('sha256').update(`${version()}\0${text}`).digest('hex');
  return path.join(dir, `policy-${key}.json`);
}

/** The policy for `text`: from the cache when it holds one, else parsed by `parse` and kept. */
export async function cachedPolicy(text: string, source: string, baseDir: string, parse: () => Promise<Policy>): Promise<Policy> {
  const file = cacheFile(text);
  if (file === null) return parse();
  try {
    return fromData(JSON.parse(fs.readFileSync(file, 'utf8')) as PolicyData, source, baseDir);
  } catch {
    // Not cached yet (or unreadable): parse, which also reports a bad policy with its positions.
  }
  const policy = await parse();
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(toData(policy, baseDir)), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // A full temp folder costs only speed.
  }
  return policy;
}
