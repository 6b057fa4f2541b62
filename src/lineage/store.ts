/**
 * The lineage index on disk: `<git common dir>/cleanroom/lineage/index.bin`, inside the git
 * directory (never committed, never in a ref a pusher controls), shared by every worktree.
 *
 * One file, read whole by one read and searched where it lies: a verdict asks about a handful of
 * files, so nothing is decoded or checked that they do not ask about. Each verdict checks the
 * header, the filter and the first digest; the rest only when the filter cannot rule a copy out.
 *
 * - a header line (JSON): the format, the detector key (gate.ts), the ref tips whose whole
 *   history the file covers, the refs/notes/ai commit whose git-ai notes it applied, how many
 *   origins, chunks and blobs it holds, and the size of the filter;
 * - the chunk filter: one bit per slot, two set for every chunk hash of the table (~32 slots
 *   per chunk), so most absent chunks are known absent from the filter alone;
 * - a SHA-256 of the header and the filter;
 * - the chunk table: the chunk hashes (chunks.ts) assistant writes added, ascending, each with
 *   the origin it is first known from;
 * - the blob table: the blobs assistant writes put down whole, ascending, each with its origin;
 * - the origins (JSON, decoded only when a verdict names one): commit, assistant, path, blob;
 * - a SHA-256 of the tables and the origins.
 *
 * Beside it, `index.tips`: the tips (and notes commit) an index.bin covers since it was written,
 * naming that file by its two digests. A save that adds no write (the common push: its commits
 * brought no assistant write) only moves the tips, so it writes this small file, not the index;
 * a tips file that names another index.bin (one written since) is not believed, and neither is
 * one that does not parse: the header's tips are the file's own.
 *
 * Nothing is believed from a file whose first digest, header or sizes do not hold, or that was
 * made for other detectors: it counts for nothing and the history is walked again. A chunk the
 * filter rules out is absent on the first digest's word. The tables are believed only once the
 * second digest holds and the chunk table is strictly ascending (binary search answers absence
 * truly only then), checked when a verdict first needs them (its changes hold enough chunks the
 * filter does not rule out to be a copy) and before a writer builds on them; a file that fails
 * then is walked again in full (gate.ts). The blob table's order is not checked: it only names
 * the origin of an exact copy the chunks flag already, so a blob it fails to find costs the
 * message its "first written by" form, never a verdict. An origin a search finds is checked when
 * found. The file is replaced whole (written beside it, then renamed), so a reader sees the old
 * file or the new one. Writers take `lineage.lock`; a writer that cannot take it leaves the disk
 * alone (its verdict uses what it walked in memory). Failing to write never changes a verdict.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CleanroomError } from '../errors.js';
import { ledgerDir } from '../layout.js';
import { takeLock } from '../provenance/ledger.js';

const FORMAT = 3;
const MAGIC = 'cleanroom-lineage\n';
const FILE = 'index.bin';
const TIPS_FILE = 'index.tips';
const LOCK = 'lineage.lock';
const DIGEST_BYTES = 32;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Filter slots per chunk (a power of two's worth, at least): see slotsOf. */
const FILTER_SLOTS_PER_CHUNK = 32;
const FILTER_MIN_SLOTS = 1 << 16;

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

/** The filter's size for `chunks` chunks: a power of two, so its bytes keep the tables aligned. */
function filterSlots(chunks: number): number {
  let slots = FILTER_MIN_SLOTS;
  while (slots < chunks * FILTER_SLOTS_PER_CHUNK) slots *= 2;
  return slots;
}

/** Hashes are uniform 53-bit integers: their low bits pick one slot, the bits above another. A
 *  chunk is known absent when either of its slots is clear: with two slots set per chunk and 32
 *  per chunk in all, an absent chunk passes about once in 270. */
const slotsOf = (hash: number, slots: number): [number, number] => [hash % slots, Math.floor(hash / slots) % slots];
const isSet = (filter: Uint8Array, slot: number): boolean => ((filter[slot >>> 3] as number) & (1 << (slot & 7))) !== 0;

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

/** The tables, once the second digest and the chunk order held. */
interface Tables {
  readonly chunkKeys: Float64Array;
  readonly chunkOrigins: Int32Array;
  /** Blob ids, `oidBytes` each, ascending as written (not checked: see above). */
  readonly blobKeys: Buffer;
  readonly blobOrigins: Int32Array;
  readonly originsJson: Buffer;
}

/** Where each part of a file lies, from its header. */
interface Layout {
  readonly header: Header;
  readonly filterAt: number;
  readonly chunksAt: number;
  readonly blobsAt: number;
  readonly originsAt: number;
}

/** The index as the disk holds it: header and filter checked when read, tables when first needed. */
export class Snapshot {
  private decoded: Origin[] | null = null;
  /** undefined: not checked yet; null: checked, and they do not hold. */
  private checked: Tables | null | undefined;
  private readonly filter: Uint8Array;

  constructor(
    /** Tips whose whole history the snapshot covers. */
    readonly tips: readonly string[],
    /** The refs/notes/ai commit whose git-ai notes it applied. */
    readonly notes: string | null,
    /** The whole file, as read. */
    private readonly raw: Buffer,
    private readonly layout: Layout,
    private readonly file: string,
  ) {
    this.filter = raw.subarray(layout.filterAt, layout.chunksAt - DIGEST_BYTES);
  }

  /** Assistant writes (origins) it holds. */
  get size(): number {
    return this.layout.header.origins;
  }

  /** Names this file's bytes as a tips file does: its two digests, as written. */
  get id(): string {
    return idOf(this.raw, this.layout.chunksAt);
  }

  /** False when the filter rules the chunk out: an absence the first digest vouches for. */
  mayHoldChunk(hash: number): boolean {
    const [a, b] = slotsOf(hash, this.filter.length * 8);
    return isSet(this.filter, a) && isSet(this.filter, b);
  }

  /** Whether the tables hold (second digest, chunk order): checked once, when first asked. */
  tablesHold(): boolean {
    if (this.checked === undefined) this.checked = checkTables(this.raw, this.layout);
    return this.checked !== null;
  }

  private tables(): Tables {
    if (!this.tablesHold()) throw new CleanroomError('EGIT', `the lineage index ${this.file} is damaged; run \`cleanroom lineage rebuild\``);
    return this.checked as Tables;
  }

  /** The origin a chunk is first known from. */
  originOfChunk(hash: number): number | undefined {
    if (!this.mayHoldChunk(hash)) return undefined;
    const t = this.tables();
    const at = search(t.chunkKeys, hash);
    return at === -1 ? undefined : this.found(t.chunkOrigins[at] as number);
  }

  /** The first assistant write of exactly this blob, if any. */
  originOfBlob(oid: string): number | undefined {
    const n = this.layout.header.oidBytes;
    if (oid.length !== n * 2) return undefined;
    const { blobKeys, blobOrigins } = this.tables();
    const key = Buffer.from(oid, 'hex');
    let lo = 0;
    let hi = blobOrigins.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = blobKeys.compare(key, 0, n, mid * n, mid * n + n);
      if (order < 0) lo = mid + 1;
      else if (order > 0) hi = mid - 1;
      else return this.found(blobOrigins[mid] as number);
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
      rows = JSON.parse(this.tables().originsJson.toString('utf8'));
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
    const t = this.tables();
    return { keys: t.chunkKeys, origins: t.chunkOrigins };
  }

  /** Each blob with its origin. */
  blobs(): Map<string, number> {
    const n = this.layout.header.oidBytes;
    const { blobKeys, blobOrigins } = this.tables();
    const blobs = new Map<string, number>();
    for (const [i, origin] of blobOrigins.entries()) blobs.set(blobKeys.toString('hex', i * n, i * n + n), origin);
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
  readonly slots: number;
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
  if (h.slots !== filterSlots(h.chunks)) return null;
  return { header: h as Header, end: eol + 1 };
}

const aligned = (offset: number): number => Math.ceil(offset / 8) * 8;

/** The header line, padded so that what follows starts 8-byte aligned. */
function headerBytes(h: Header): Buffer {
  const line = Buffer.from(`${MAGIC}${JSON.stringify(h)}\n`);
  return Buffer.concat([line, Buffer.alloc(aligned(line.length) - line.length)]);
}

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/** A copy of `bytes` as a typed array (a Buffer from a read need not sit at an aligned offset). */
function typed<T extends Float64Array | Int32Array>(make: new (n: number) => T, bytes: Buffer, n: number): T {
  const out = new make(n);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Keys strictly ascending: what binary search needs to answer absence truly. It checks nothing
 *  else (an origin is checked when a search finds it, see Snapshot.found). */
function ascending(keys: Float64Array): boolean {
  let last = -1;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    if (!(k > last)) return false;
    last = k;
  }
  return true;
}

/** The tables of a file whose second digest and chunk order hold, else null. */
function checkTables(raw: Buffer, { header: h, chunksAt, blobsAt, originsAt }: Layout): Tables | null {
  const body = raw.subarray(0, raw.length - DIGEST_BYTES);
  if (!sha256(body.subarray(chunksAt)).equals(raw.subarray(body.length))) return null;
  const chunkKeys = typed(Float64Array, body.subarray(chunksAt, chunksAt + 8 * h.chunks), h.chunks);
  if (!ascending(chunkKeys)) return null;
  const blobOriginsAt = blobsAt + h.oidBytes * h.blobs;
  return {
    chunkKeys,
    chunkOrigins: typed(Int32Array, body.subarray(chunksAt + 8 * h.chunks, blobsAt), h.chunks),
    blobKeys: body.subarray(blobsAt, blobOriginsAt),
    blobOrigins: typed(Int32Array, body.subarray(blobOriginsAt, originsAt), h.blobs),
    originsJson: body.subarray(originsAt),
  };
}

const idOf = (raw: Buffer, chunksAt: number): string => `${raw.toString('hex', chunksAt - DIGEST_BYTES, chunksAt)}${raw.toString('hex', raw.length - DIGEST_BYTES)}`;

/** The tips file, if it names the index.bin whose id is `id` and reads as tips. */
function readTips(file: string, id: string): { tips: string[]; notes: string | null } | null {
  let moved: unknown;
  try {
    moved = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof moved !== 'object' || moved === null) return null;
  const { index, tips, notes } = moved as { index?: unknown; tips?: unknown; notes?: unknown };
  if (index !== id || !Array.isArray(tips) || !tips.every((t) => typeof t === 'string' && OID.test(t))) return null;
  if (notes !== null && (typeof notes !== 'string' || !OID.test(notes))) return null;
  return { tips, notes };
}

/** What the disk says for the detectors keyed `key`, or null (walk the history). Never throws.
 *  The file is read whole (its tables must be the ones its filter describes, whoever writes a
 *  new file meanwhile), but only the header, the filter and its digest are checked: the tables
 *  wait for a verdict that needs them (Snapshot.tablesHold). */
export function loadSnapshot(commonDir: string, key: string): Snapshot | null {
  const file = path.join(lineageDir(commonDir), FILE);
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch {
    // Missing or unreadable alike: nothing is believed from it, and the history is walked.
    return null;
  }
  const parsed = parseHeader(raw, key);
  if (!parsed) return null;
  const { header: h, end } = parsed;
  const filterAt = aligned(end);
  const chunksAt = filterAt + h.slots / 8 + DIGEST_BYTES;
  const blobsAt = chunksAt + 12 * h.chunks;
  const originsAt = blobsAt + (h.oidBytes + 4) * h.blobs;
  if (originsAt + DIGEST_BYTES > raw.length) return null;
  if (!sha256(raw.subarray(0, chunksAt - DIGEST_BYTES)).equals(raw.subarray(chunksAt - DIGEST_BYTES, chunksAt))) return null;
  const moved = readTips(path.join(lineageDir(commonDir), TIPS_FILE), idOf(raw, chunksAt));
  return new Snapshot(moved?.tips ?? h.tips, moved ? moved.notes : h.notes, raw, { header: h, filterAt, chunksAt, blobsAt, originsAt }, file);
}

/**
 * The snapshot of `base` plus `added` (writes already in `base` are not added twice; a chunk or
 * blob keeps the first origin it is known from), as the bytes of the file; null when the base's
 * tables do not hold (nothing is built on them).
 */
export function encodeSnapshot(key: string, tips: readonly string[], notes: string | null, base: Snapshot | null, added: readonly StoredWrite[]): Buffer | null {
  if (base && !base.tablesHold()) return null;
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
  const slots = filterSlots(n);
  const filter = new Uint8Array(slots / 8);
  for (const k of chunkKeys) for (const slot of slotsOf(k, slots)) filter[slot >>> 3] = (filter[slot >>> 3] as number) | (1 << (slot & 7));
  const blobIds = [...blobs.keys()].sort();
  const oidBytes = blobIds.length > 0 ? (blobIds[0] as string).length / 2 : tips[0] ? (tips[0] as string).length / 2 : 20;
  const head = Buffer.concat([headerBytes({ v: FORMAT, key, tips, notes, origins: origins.length, chunks: n, blobs: blobIds.length, oidBytes, slots }), filter]);
  const tables = Buffer.concat([
    Buffer.from(chunkKeys.buffer),
    Buffer.from(chunkOrigins.buffer),
    Buffer.from(blobIds.join(''), 'hex'),
    Buffer.from(Int32Array.from(blobIds, (b) => blobs.get(b) as number).buffer),
    Buffer.from(JSON.stringify(origins.map((o) => [o.commit, o.assistant, o.path, o.blob]))),
  ]);
  return Buffer.concat([head, sha256(head), tables, sha256(tables)]);
}

/**
 * Records that the history below `tips` (and the git-ai notes of `notes`) is indexed: `base` and
 * `added` written as one new file, or, when nothing is added to `base`, the tips file naming it.
 * Returns false when nothing was written (another writer holds the lock, the folder is not
 * writable, or there was something to add to tables that do not hold).
 */
export function saveSnapshot(commonDir: string, key: string, tips: readonly string[], notes: string | null, base: Snapshot | null, added: readonly StoredWrite[]): boolean {
  const moved = base !== null && added.every((w) => w.hashes.length === 0);
  const bytes = moved ? Buffer.from(JSON.stringify({ index: base.id, tips, notes })) : encodeSnapshot(key, tips, notes, base, added);
  if (bytes === null) return false;
  const dir = lineageDir(commonDir);
  const lock = path.join(dir, LOCK);
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!takeLock(lock)) return false;
  } catch {
    return false;
  }
  const file = path.join(dir, moved ? TIPS_FILE : FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o644 });
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
  for (const name of [FILE, TIPS_FILE]) fs.rmSync(path.join(lineageDir(commonDir), name), { force: true });
}
