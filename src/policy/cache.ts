/**
 * A policy parsed once is kept, compiled-ready, as plain JSON: a hook then never loads the YAML
 * parser for a policy it has seen (that parser is the largest single cost of a pre-commit).
 * Each entry holds its whole key, everything the compiled policy depends on: the build
 * of cleanroom that compiled it, the folder its relative paths are resolved against, and the text;
 * all must equal the asking ones. The file name is only a fast hash of the key, so node:crypto
 * stays unloaded. The cache lives in the user's private temp folder (cache-dir.ts), never in the
 * repository, and only the local hooks use it (load.ts): a gate compiles its policy afresh, so no
 * entry, stale or planted, can change what the server or a CI check decides. A miss or any
 * trouble with the cache just parses the text, so the cache can only make a verdict faster.
 */
import fs from 'node:fs';
import path from 'node:path';
import { keyName, privateCacheDir, writeCacheFile } from '../cache-dir.js';
import { compileRule } from './glob.js';
import type { AssistantRules, Policy, ProtectRule, ReviewRules } from './policy.js';

interface Pattern {
  readonly source: string;
  readonly flags: string;
}

/** Everything a Policy holds, as data: regexes as source and flags, globs as written. */
interface PolicyData extends Pick<Policy, 'repository' | 'mode' | 'caseSensitive' | 'limits'> {
  readonly protect: readonly Omit<ProtectRule, 'matches' | 'reaches'>[];
  readonly assistants: { readonly [K in keyof AssistantRules]: AssistantRules[K] extends readonly RegExp[] ? readonly Pattern[] : AssistantRules[K] };
  /** allowed_signers as resolved: the folder it was resolved against is part of the key. */
  readonly review: ReviewRules;
}

const patterns = (list: readonly RegExp[]): Pattern[] => list.map((r) => ({ source: r.source, flags: r.flags }));
const regexes = (list: readonly Pattern[]): RegExp[] => list.map((p) => new RegExp(p.source, p.flags));

function toData(p: Policy): PolicyData {
  return {
    repository: p.repository,
    mode: p.mode,
    caseSensitive: p.caseSensitive,
    protect: p.protect.map(({ pattern, require, exclude, index, line }) => ({ pattern, require, exclude, index, line })),
    assistants: { ...p.assistants, trailers: patterns(p.assistants.trailers), identities: patterns(p.assistants.identities), markers: patterns(p.assistants.markers) },
    review: { ...p.review },
    limits: p.limits,
  };
}

function fromData(d: PolicyData, source: string): Policy {
  return {
    source,
    version: 1,
    repository: d.repository,
    mode: d.mode,
    caseSensitive: d.caseSensitive,
    protect: d.protect.map((r) => compileRule(r, d.caseSensitive)),
    assistants: { ...d.assistants, trailers: regexes(d.assistants.trailers), identities: regexes(d.assistants.identities), markers: regexes(d.assistants.markers) },
    review: { ...d.review },
    limits: d.limits,
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

/** The policy for `text` read in `baseDir` by `build`: from the cache when it holds one, else
 *  parsed by `parse` and kept. */
export async function cachedPolicy(text: string, source: string, baseDir: string, build: string, parse: () => Promise<Policy>): Promise<Policy> {
  const key = JSON.stringify([build, path.resolve(baseDir), text]);
  const file = cacheFile(key);
  if (file === null) return parse();
  try {
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
    // Another text, folder or build under the same name is a miss, never its policy.
    if (entry.key === key) return fromData(entry.data, source);
  } catch {
    // Not cached yet (or unreadable): parse, which also reports a bad policy with its positions.
  }
  const policy = await parse();
  const entry: CacheEntry = { key, data: toData(policy) };
  writeCacheFile(file, JSON.stringify(entry));
  return policy;
}
