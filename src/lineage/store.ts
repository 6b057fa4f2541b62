/**
 * The lineage index on disk: `<git common dir>/cleanroom/lineage/index.bin`, inside the git
 * directory (never committed, never in a ref a pusher controls), shared by every worktree.
 *
 * One file, read whole by one read and searched where it lies: a verdict asks about a handful of
 * files, so nothing is decoded that they do not ask about.
 *
 * - a header line (JSON): the format, the detector key (gate.ts), the ref tips whose whole
 *   history the file covers, the refs/notes/ai commit whose git-ai notes it applied, and how many
 *   origins, chunks and blobs it holds;
 * - the chunk table: the chunk hashes (chunks.ts) assistant writes added, ascending, each with
 *   the origin it is first known from;
 * - the blob table: the blobs assistant writes put down whole, ascending, each with its origin;
 * - the origins (JSON, decoded only when a verdict names one): commit, assistant, path, blob;
 * - a SHA-256 of all of the above.
 *
 * Absence from the chunk table is believed only for history below the recorded tips, and only
 * from a file whose digest, header, sizes and chunk order all hold: anything else (missing,
 * unreadable, cut short, altered, out of order, another detector's) counts for nothing and the
 * history is walked again. The blob table's order is not checked: it only names the origin of an
 * exact copy the chunks flag already (gate.ts), so a blob it fails to find costs the message its
 * "first written by" form, never a verdict. An origin a search finds is checked when found. The file is replaced whole (written beside it, then renamed), so a reader sees the old
 * file or the new one. Writers take `lineage.lock`; a writer that cannot take it leaves the disk
 * alone (its verdict uses what it walked in memory). Failing to write never changes a verdict.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CleanroomError } from '../errors.js';
import { ledgerDir } from '../layout.js';
import { takeLock } from '../provenance/ledger.js';

const FORMAT = 2;
const MAGIC = 'cleanroom-lineage\n';
const FILE = 'index.bin';
const LOCK = 'lineage.lock';
const DIGEST_BYTES = 32;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export interface StoredWrite {
  readonly commit: string;
  readonly assistant: string;
  readonly path: string;
  readonly blob: string;
  /** The substantive chunk hashes (chunks.ts) the commit added to this file. */
  readonly hashes: readonly number[];
}

/** An assistant write the index names as the first source of some bytes. */
export interface Origin {
  readonly commit: string;
  readonly assistant: string;
  readonly path: string;
  readonly blob: string;
}

export function lineageDir(commonDir: string): string {
  return path.join(ledgerDir(commonDir), 'lineage');
}

/** Index of `key` in ascending `keys`, or -1. */
function search(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid] as number;
    if (k < key) lo = mid + 1;
    else if (k > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The index as the disk holds it, checked whole when read. */
export class Snapshot {
  private decoded: Origin[] | null = null;

  constructor(
    /** Tips whose whole history the snapshot covers. */
    readonly tips: readonly string[],
    /** The refs/notes/ai commit whose git-ai notes it applied. */
    readonly notes: string | null,
    private readonly chunkKeys: Float64Array,
    private readonly chunkOrigins: Int32Array,
    /** Blob ids, `oidBytes` each, ascending as written (not checked: see above). */
    private readonly blobKeys: Buffer,
    private readonly blobOrigins: Int32Array,
    private readonly oidBytes: number,
    readonly size: number,
    private readonly originsJson: Buffer,
    private readonly file: string,
  ) {}

  /** The origin a chunk is first known from. */
  originOfChunk(hash: number): number | undefined {
    const at = search(this.chunkKeys, hash);
    return at === -1 ? undefined : this.found(this.chunkOrigins[at] as number);
  }

  /** The first assistant write of exactly this blob, if any. */
  originOfBlob(oid: string): number | undefined {
    if (oid.length !== this.oidBytes * 2) return undefined;
    const key = Buffer.from(oid, 'hex');
    const n = this.oidBytes;
    let lo = 0;
    let hi = this.blobOrigins.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.blobKeys.compare(key, 0, n, mid * n, mid * n + n);
      if (order < 0) lo = mid + 1;
      else if (order > 0) hi = mid - 1;
      else return this.found(this.blobOrigins[mid] as number);
    }
    return undefined;
  }

  /** An origin id a table pairs with a key, checked here rather than all of them at every load.
   *  The writer never pairs one out of range: the file was made to pass the digest. */
  private found(origin: number): number {
    if (origin >= 0 && origin < this.size) return origin;
    throw new CleanroomError('EGIT', `the lineage index ${this.file} names an origin it does not hold; run \`cleanroom lineage rebuild\``);
  }

  origin(id: number): Origin {
    return this.origins()[id] as Origin;
  }

  /** Every origin, in id order (decoded on first use: only a verdict that names one needs it). */
  origins(): readonly Origin[] {
    if (this.decoded) return this.decoded;
    let rows: unknown;
    try {
      rows = JSON.parse(this.originsJson.toString('utf8'));
    } catch {
      rows = null;
    }
    const valid =
      Array.isArray(rows) &&
      rows.length === this.size &&
      rows.every((r) => Array.isArray(r) && r.length === 4 && r.every((f) => typeof f === 'string') && OID.test(r[0] as string) && OID.test(r[3] as string));
    // The digest held, so this is a writer's fault, not a reader's: say so rather than guess.
    if (!valid) throw new CleanroomError('EGIT', `the lineage index ${this.file} names origins it cannot describe; run \`cleanroom lineage rebuild\``);
    this.decoded = (rows as string[][]).map(([commit, assistant, p, blob]) => ({ commit, assistant, path: p, blob }) as Origin);
    return this.decoded;
  }

  /** Each chunk hash with its origin, ascending. */
  chunks(): { readonly keys: Float64Array; readonly origins: Int32Array } {
    return { keys: this.chunkKeys, origins: this.chunkOrigins };
  }

  /** Each blob with its origin. */
  blobs(): Map<string, number> {
    const n = this.oidBytes;
    const blobs = new Map<string, number>();
    for (const [i, origin] of this.blobOrigins.entries()) blobs.set(this.blobKeys.toString('hex', i * n, i * n + n), origin);
    return blobs;
  }
}

interface Header {
  readonly v: number;
  readonly key: string;
  readonly tips: readonly string[];
  readonly notes: string | null;
  readonly origins: number;
  readonly chunks: number;
  readonly blobs: number;
  readonly oidBytes: number;
}

const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function parseHeader(raw: Buffer, key: string): { header: Header; end: number } | null {
  if (raw.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  const eol = raw.indexOf(0x0a, MAGIC.length);
  if (eol === -1) return null;
  let h: Partial<Header> | null;
  try {
    h = JSON.parse(raw.toString('utf8', MAGIC.length, eol)) as Partial<Header> | null;
  } catch {
    return null;
  }
  if (typeof h !== 'object' || h === null || h.v !== FORMAT || h.key !== key) return null;
  if (!Array.isArray(h.tips) || !h.tips.every((t) => typeof t === 'string' && OID.test(t))) return null;
  if (h.notes !== null && (typeof h.notes !== 'string' || !OID.test(h.notes))) return null;
  if (!count(h.origins) || !count(h.chunks) || !count(h.blobs) || (h.oidBytes !== 20 && h.oidBytes !== 32)) return null;
  return { header: h as Header, end: eol + 1 };
}

const aligned = (offset: number): number => Math.ceil(offset / 8) * 8;

/** A copy of `bytes` as a typed array (a Buffer from a read need not sit at an aligned offset). */
function typed<T extends Float64Array | Int32Array>(make: new (n: number) => T, bytes: Buffer, n: number): T {
  const out = new make(n);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Keys strictly ascending: what binary search needs to answer absence truly. A hook runs this
 *  loop once, cold, over every chunk: it checks nothing else (an origin is checked when a search
 *  finds it, see Snapshot.found). */
function ascending(keys: Float64Array): boolean {
  let last = -1;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    if (!(k > last)) return false;
    last = k;
  }
  return true;
}

/** What the disk says for the detectors keyed `key`, or null (walk the history). Never throws. */
export function loadSnapshot(commonDir: string, key: string): Snapshot | null {
  const file = path.join(lineageDir(commonDir), FILE);
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch {
    // Missing or unreadable alike: nothing is believed from it, and the history is walked.
    return null;
  }
  if (raw.length < DIGEST_BYTES) return null;
  const body = raw.subarray(0, raw.length - DIGEST_BYTES);
  if (!createHash('sha256').update(body).digest().equals(raw.subarray(body.length))) return null;
  const parsed = parseHeader(body, key);
  if (!parsed) return null;
  const { header: h, end } = parsed;
  const chunksAt = aligned(end);
  const chunkOriginsAt = chunksAt + 8 * h.chunks;
  const blobsAt = chunkOriginsAt + 4 * h.chunks;
  const blobOriginsAt = blobsAt + h.oidBytes * h.blobs;
  const originsAt = blobOriginsAt + 4 * h.blobs;
  if (originsAt > body.length) return null;
  const chunkKeys = typed(Float64Array, body.subarray(chunksAt, chunkOriginsAt), h.chunks);
  const chunkOrigins = typed(Int32Array, body.subarray(chunkOriginsAt, blobsAt), h.chunks);
  const blobKeys = body.subarray(blobsAt, blobOriginsAt);
  const blobOrigins = typed(Int32Array, body.subarray(blobOriginsAt, originsAt), h.blobs);
  if (!ascending(chunkKeys)) return null;
  return new Snapshot(h.tips, h.notes, chunkKeys, chunkOrigins, blobKeys, blobOrigins, h.oidBytes, h.origins, body.subarray(originsAt), file);
}

/**
 * The snapshot of `base` plus `added` (writes already in `base` are not added twice; a chunk or
 * blob keeps the first origin it is known from), as the bytes of the file.
 */
export function encodeSnapshot(key: string, tips: readonly string[], notes: string | null, base: Snapshot | null, added: readonly StoredWrite[]): Buffer {
  const origins: Origin[] = [...(base?.origins() ?? [])];
  const known = new Set(origins.map((o) => `${o.commit}\0${o.path}`));
  const blobs = base?.blobs() ?? new Map<string, number>();
  const baseChunks = base?.chunks() ?? { keys: new Float64Array(0), origins: new Int32Array(0) };
  const fresh = new Map<number, number>();
  for (const w of added) {
    const id = `${w.commit}\0${w.path}`;
    if (known.has(id) || w.hashes.length === 0) continue;
    known.add(id);
    const origin = origins.push({ commit: w.commit, assistant: w.assistant, path: w.path, blob: w.blob }) - 1;
    if (!blobs.has(w.blob)) blobs.set(w.blob, origin);
    for (const h of w.hashes) if (!fresh.has(h) && search(baseChunks.keys, h) === -1) fresh.set(h, origin);
  }
  // The base is ascending already: only the new chunks are sorted, then the two are merged.
  const freshKeys = Float64Array.from(fresh.keys()).sort();
  const n = baseChunks.keys.length + freshKeys.length;
  const chunkKeys = new Float64Array(n);
  const chunkOrigins = new Int32Array(n);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    const takeBase = b >= freshKeys.length || (a < baseChunks.keys.length && (baseChunks.keys[a] as number) < (freshKeys[b] as number));
    if (takeBase) {
      chunkKeys[i] = baseChunks.keys[a] as number;
      chunkOrigins[i] = baseChunks.origins[a++] as number;
    } else {
      const k = freshKeys[b++] as number;
      chunkKeys[i] = k;
      chunkOrigins[i] = fresh.get(k) as number;
    }
  }
  const blobIds = [...blobs.keys()].sort();
  const oidBytes = blobIds.length > 0 ? (blobIds[0] as string).length / 2 : tips[0] ? (tips[0] as string).length / 2 : 20;
  const header = Buffer.from(`${MAGIC}${JSON.stringify({ v: FORMAT, key, tips, notes, origins: origins.length, chunks: n, blobs: blobIds.length, oidBytes })}\n`);
  const pad = Buffer.alloc(aligned(header.length) - header.length);
  const body = Buffer.concat([
    header,
    pad,
    Buffer.from(chunkKeys.buffer),
    Buffer.from(chunkOrigins.buffer),
    Buffer.from(blobIds.join(''), 'hex'),
    Buffer.from(Int32Array.from(blobIds, (b) => blobs.get(b) as number).buffer),
    Buffer.from(JSON.stringify(origins.map((o) => [o.commit, o.assistant, o.path, o.blob]))),
  ]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/**
 * Records that the history below `tips` (and the git-ai notes of `notes`) is indexed: `base` and
 * `added` written as one new file.
 * Returns false when nothing was written (another writer holds the lock, or the folder is not
 * writable).
 */
export function saveSnapshot(commonDir: string, key: string, tips: readonly string[], notes: string | null, base: Snapshot | null, added: readonly StoredWrite[]): boolean {
  const dir = lineageDir(commonDir);
  const lock = path.join(dir, LOCK);
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!takeLock(lock)) return false;
  } catch {
    return false;
  }
  const file = path.join(dir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, encodeSnapshot(key, tips, notes, base, added), { mode: 0o644 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Forgets the index (`cleanroom lineage rebuild` starts from nothing). */
export function removeStore(commonDir: string): void {
  fs.rmSync(path.join(lineageDir(commonDir), FILE), { force: true });
}
