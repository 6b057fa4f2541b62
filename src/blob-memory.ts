/**
 * Facts about blobs, remembered between runs: what cleanroom worked out from a blob's content
 * holds as long as the content does, and git never changes the content under an id. Each memory
 * is one file in the private cache folder (cache-dir.ts), keyed by everything else its facts
 * depend on (the build of cleanroom that found them, the policy's markers): a run with another
 * key starts empty.
 *
 * Whoever can write that folder can as well skip the hooks, so a memory is trusted exactly as far
 * as the local hooks are, and only they open one: a gate (the server's pre-receive, a CI check)
 * reads every blob itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { keyName, privateCacheDir, writeCacheFile } from './cache-dir.js';

export interface BlobMemory {
  /** The fact remembered for this blob ('' for a bare yes), or undefined. */
  get(oid: string): string | undefined;
  /** `fact` must not hold a line break. */
  set(oid: string, fact: string): void;
  /** Every oid something is remembered for. */
  keys(): Iterable<string>;
  /** Writes the facts set since opening, with those known before while all fit in `kept`. */
  save(): void;
}

/**
 * The memory `kind` under `key`, or null when there is no private folder. Past `kept` facts the file
 * would cost more to load than the work it spares: it starts over with the newest.
 */
export function openBlobMemory(kind: string, key: string, kept: number): BlobMemory | null {
  const dir = privateCacheDir();
  if (dir === null) return null;
  // JSON on one line: the first line is the key, each other `<oid>` or `<oid>\t<fact>`.
  const head = JSON.stringify(key);
  const file = path.join(dir, `${kind}-${keyName(head)}.txt`);
  let known = new Map<string, string>();
  try {
    const [first, ...lines] = fs.readFileSync(file, 'utf8').split('\n');
    if (first === head) {
      for (const line of lines) {
        const tab = line.indexOf('\t');
        known.set(tab < 0 ? line : line.slice(0, tab), tab < 0 ? '' : line.slice(tab + 1));
      }
    }
  } catch {
    // Nothing remembered yet (or unreadable): everything is worked out afresh.
  }
  const added = new Map<string, string>();
  return {
    get: (oid) => added.get(oid) ?? known.get(oid),
    keys: () => new Set([...known.keys(), ...added.keys()]),
    set(oid, fact) {
      if (known.get(oid) !== fact) added.set(oid, fact);
    },
    save() {
      if (added.size === 0) return;
      const facts = known.size + added.size <= kept ? new Map([...known, ...added]) : new Map([...added].slice(0, kept));
      const lines = [head];
      for (const [oid, fact] of facts) lines.push(fact === '' ? oid : `${oid}\t${fact}`);
      writeCacheFile(file, lines.join('\n'));
      known = facts;
      added.clear();
    },
  };
}
