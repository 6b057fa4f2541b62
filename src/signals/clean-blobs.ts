/**
 * Blobs already found unable to hold any of the policy's content markers, remembered between
 * runs. One `git commit` runs three hooks over the same staged blobs (pre-commit,
 * prepare-commit-msg, commit-msg), and pre-push then reads the same blobs in the commits they
 * made: without this, a thousand staged files are read from git four times. A blob never changes
 * under its id, so the answer for one blob, one set of markers and one build of cleanroom holds
 * for good.
 *
 * Kept in the private cache folder (cache-dir.ts) beside the compiled policies and code: whoever
 * can write there can as well skip the hooks, so it is trusted exactly as far as the hooks are.
 * A server never consults it: there every blob is read again, and that gate is the guarantee.
 */
import fs from 'node:fs';
import path from 'node:path';
import { keyName, privateCacheDir, writeCacheFile } from '../cache-dir.js';

/** Fewer blobs than this come from the long-lived cat-file sooner than the file loads. */
export const CLEAN_BLOBS_MIN = 64;
/** Past this many ids the file costs more to load than the reads it spares: it starts over. */
export const CLEAN_BLOBS_KEPT = 8192;

export interface CleanBlobs {
  has(oid: string): boolean;
  add(oid: string): void;
  /** Writes the ids added since opening, with those known before while they fit. */
  save(): void;
}

/**
 * The remembered ids for these markers and this build (`build` names the compiled code that made
 * each answer: another build may judge differently). Null when there is no private folder.
 */
export function openCleanBlobs(build: string, markers: readonly RegExp[]): CleanBlobs | null {
  const dir = privateCacheDir();
  if (dir === null) return null;
  // JSON on one line: a regex's source never holds a raw line break, and the first line is the key.
  const key = JSON.stringify([build, markers.map((re) => [re.source, re.flags])]);
  const file = path.join(dir, `clean-blobs-${keyName(key)}.txt`);
  let known = new Set<string>();
  try {
    const [head, ...oids] = fs.readFileSync(file, 'utf8').split('\n');
    if (head === key) known = new Set(oids);
  } catch {
    // Nothing remembered yet (or unreadable): every blob is read.
  }
  const added = new Set<string>();
  return {
    has: (oid) => known.has(oid) || added.has(oid),
    add: (oid) => {
      if (!known.has(oid)) added.add(oid);
    },
    save() {
      if (added.size === 0) return;
      const ids = known.size + added.size <= CLEAN_BLOBS_KEPT ? [...known, ...added] : [...added].slice(0, CLEAN_BLOBS_KEPT);
      writeCacheFile(file, [key, ...ids].join('\n'));
      known = new Set(ids);
      added.clear();
    },
  };
}
