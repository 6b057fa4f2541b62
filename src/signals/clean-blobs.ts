/**
 * Blobs already found unable to hold any of the policy's content markers (a blob memory,
 * blob-memory.ts). One `git commit` runs three hooks over the same staged blobs (pre-commit,
 * prepare-commit-msg, commit-msg), and pre-push then reads the same blobs in the commits they
 * made: without this, a thousand staged files are read from git four times.
 */
import { openBlobMemory } from '../blob-memory.js';

/** Fewer blobs than this come from the long-lived cat-file sooner than the memory loads. */
export const CLEAN_BLOBS_MIN = 64;
export const CLEAN_BLOBS_KEPT = 8192;

export interface CleanBlobs {
  has(oid: string): boolean;
  add(oid: string): void;
  save(): void;
}

/** The blobs found clean of these markers by this build (another build may judge differently);
 *  null when there is no private folder. */
export function openCleanBlobs(build: string, markers: readonly RegExp[]): CleanBlobs | null {
  const memory = openBlobMemory('clean-blobs', JSON.stringify([build, markers.map((re) => [re.source, re.flags])]), CLEAN_BLOBS_KEPT);
  return (
    memory && {
      has: (oid) => memory.get(oid) !== undefined,
      add: (oid) => memory.set(oid, ''),
      save: () => memory.save(),
    }
  );
}
