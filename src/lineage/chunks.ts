/**
 * The near-copy measure, pure: content cut into chunks the way git's own similarity index cuts it
 * (diffcore-delta.c: a chunk ends at a LF byte or after 64 bytes, and a CR right before a LF is
 * skipped in text), each chunk hashed wider than git's 17-bit buckets because the lineage index
 * pools the chunks of many files, where git compares two at a time.
 */

/** git's diffcore-delta chunk length bound. */
const CHUNK_MAX = 64;
/** A chunk with fewer non-blank bytes than this (`}`, `],`, a blank line, a short key) is too
 *  common to say who wrote it: it neither counts for nor against an assistant origin. */
const SUBSTANTIVE_BYTES = 8;
/** git's buffer_is_binary looks for a NUL in the first 8000 bytes. */
const BINARY_PROBE = 8000;

export interface Chunk {
  /** A 53-bit hash of the chunk's bytes (a safe integer, so it keys a Map as a number). */
  readonly hash: number;
  /** The chunk's length in bytes, as git counts it (a skipped CR not included). */
  readonly bytes: number;
}

/** The substantive chunks of a content, in order (repeats kept). */
export function substantiveChunks(content: Uint8Array): Chunk[] {
  const text = !content.subarray(0, BINARY_PROBE).includes(0);
  const chunks: Chunk[] = [];
  let n = 0;
  let solid = 0;
  // Two 32-bit FNV-1a style accumulators with different primes: 21 bits of the second widen the
  // first to 53.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < content.length; i++) {
    const c = content[i] as number;
    if (text && c === 0x0d && content[i + 1] === 0x0a) continue;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    n++;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) solid++;
    if (n < CHUNK_MAX && c !== 0x0a) continue;
    if (solid >= SUBSTANTIVE_BYTES) chunks.push({ hash: (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff), bytes: n });
    n = 0;
    solid = 0;
    h1 = 0x811c9dc5;
    h2 = 0x01000193;
  }
  if (solid >= SUBSTANTIVE_BYTES) chunks.push({ hash: (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff), bytes: n });
  return chunks;
}

/** The chunks of `after` that `before` does not already hold, counted as multisets: what a change
 *  adds. Without a `before` (an added file), all of them. */
export function addedChunks(after: readonly Chunk[], before: readonly Chunk[] | null): Chunk[] {
  if (!before || before.length === 0) return [...after];
  const remaining = new Map<number, number>();
  for (const c of before) remaining.set(c.hash, (remaining.get(c.hash) ?? 0) + 1);
  return after.filter((c) => {
    const left = remaining.get(c.hash) ?? 0;
    if (left === 0) return true;
    remaining.set(c.hash, left - 1);
    return false;
  });
}

export interface Containment {
  /** Bytes of the added substantive chunks found among assistant-written chunks. */
  readonly matchedBytes: number;
  /** Bytes of all added substantive chunks. */
  readonly addedBytes: number;
  /** Distinct matched chunks: the floor below which a match is too small to mean anything. */
  readonly distinctMatched: number;
  /** Matched bytes by the origin each matched chunk is first known from. */
  readonly byOrigin: ReadonlyMap<number, number>;
}

/** Containment (Broder 1997) of the added chunks in the assistant-written ones: the share of what
 *  a change adds that an assistant wrote first. `originOf` answers a chunk hash with its origin. */
export function containment(added: readonly Chunk[], originOf: (hash: number) => number | undefined): Containment {
  let matchedBytes = 0;
  let addedBytes = 0;
  const distinct = new Set<number>();
  const byOrigin = new Map<number, number>();
  for (const c of added) {
    addedBytes += c.bytes;
    const origin = originOf(c.hash);
    if (origin === undefined) continue;
    matchedBytes += c.bytes;
    distinct.add(c.hash);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + c.bytes);
  }
  return { matchedBytes, addedBytes, distinctMatched: distinct.size, byOrigin };
}
