/**
 * A policy parsed once is kept, compiled-ready, as plain JSON: a hook then never loads the YAML
 * parser for a policy it has seen (that parser is the largest single cost of a pre-commit,
 * ~40 ms). Each entry holds the text it came from and cleanroom's version, which must equal the
 * asking ones; the file name is only a fast hash of them, so node:crypto stays unloaded. The cache
 * lives in the user's private temp folder (cache-dir.ts), never in the repository, and is keyed
 * by text the pushed content cannot choose on a server. A miss or any trouble with the cache just
 * parses the text, so the cache can only make a verdict faster.
 */
import fs from 'node:fs';
import path from 'node:path';
import { keyName, privateCacheDir, writeCacheFile } from '../cache-dir.js';
import { compileGlob } from './glob.js';
import { DEFAULT_LIMITS, type AssistantRules, type Policy, type ProtectRule, type ReviewRules } from './policy.js';
import { version } from '../version.js';

interface Pattern {
  readonly source: string;
  readonly flags: string;
}

/** Everything a Policy holds, as data: regexes as source and flags, globs as written. */
interface PolicyData extends Pick<Policy, 'repository' | 'mode' | 'caseSensitive' | 'limits'> {
  readonly protect: readonly Omit<ProtectRule, 'matches'>[];
  readonly assistants: { readonly [K in keyof AssistantRules]: AssistantRules[K] extends readonly RegExp[] ? readonly Pattern[] : AssistantRules[K] };
  /** allowed_signers relative to the policy's folder, which differs between callers. */
  readonly review: ReviewRules;
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
    limits: p.limits,
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
    // An entry written before a limit existed was parsed from a text that set none.
    limits: { ...DEFAULT_LIMITS, ...d.limits },
  };
}

interface CacheEntry {
  readonly key: string;
  readonly data: PolicyData;
}

function cacheFile(key: string): string | null {
  const dir = privateCacheDir();
  return dir === null ? null : path.join(dir, `policy-${keyName(key)}.json`);
}

/** The policy for `text`: from the cache when it holds one, else parsed by `parse` and kept. */
export async function cachedPolicy(text: string, source: string, baseDir: string, parse: () => Promise<Policy>): Promise<Policy> {
  const key = `${version()}\0${text}`;
  const file = cacheFile(key);
  if (file === null) return parse();
  try {
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
    // Another text under the same name (or another version's entry) is a miss, never its policy.
    if (entry.key === key) return fromData(entry.data, source, baseDir);
  } catch {
    // Not cached yet (or unreadable): parse, which also reports a bad policy with its positions.
  }
  const policy = await parse();
  const entry: CacheEntry = { key, data: toData(policy, baseDir) };
  writeCacheFile(file, JSON.stringify(entry));
  return policy;
}
