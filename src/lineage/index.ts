/**
 * The lineage index in memory: which substantive chunks (chunks.ts) assistant-made commits wrote,
 * each with the first write it is known from, and which blobs they wrote whole. The snapshot on
 * disk (store.ts) is searched where it lies; what walks of history not yet indexed (walk.ts) add
 * is held beside it.
 */
import type { GitEngine } from '../git/engine.js';
import { addedChunks, substantiveChunks } from './chunks.js';
import type { Origin, Snapshot, StoredWrite } from './store.js';
import type { AssistantWrite } from './walk.js';

/**
 * chunk hash → origin id, open addressing over typed arrays: the index is filled with every
 * stored chunk on each run that asks, and a Map's per-entry allocation is most of that cost.
 * Hashes are uniform 53-bit integers, so their low bits spread the slots by themselves.
 */
class ChunkTable {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024).fill(-1);
  private count = 0;

  get(hash: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const v = this.values[i] as number;
      if (v === -1) return undefined;
      if (this.keys[i] === hash) return v;
    }
  }

  /** Keeps the first origin a hash is known from. */
  add(hash: number, origin: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      if (this.values[i] === -1) {
        this.keys[i] = hash;
        this.values[i] = origin;
        this.count++;
        return;
      }
      if (this.keys[i] === hash) return;
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2).fill(-1);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (values[i] !== -1) this.add(keys[i] as number, values[i] as number);
  }
}

export class LineageIndex {
  /** Ids below this are the snapshot's; the others, less it, index `added`. */
  private readonly base: number;
  private readonly added: Origin[] = [];
  private readonly chunkOrigin = new ChunkTable();
  private readonly blobOrigin = new Map<string, number>();
  /** commit + path: the same write walked twice (a tip indexed again) is one origin. */
  private readonly known = new Set<string>();

  constructor(private readonly snapshot: Snapshot | null = null) {
    this.base = snapshot?.size ?? 0;
  }

  add(w: StoredWrite): void {
    const key = `${w.commit}\0${w.path}`;
    if (this.known.has(key) || w.hashes.length === 0) return;
    this.known.add(key);
    const id = this.base + this.added.push({ commit: w.commit, assistant: w.assistant, path: w.path, blob: w.blob }) - 1;
    if (!this.blobOrigin.has(w.blob)) this.blobOrigin.set(w.blob, id);
    for (const h of w.hashes) this.chunkOrigin.add(h, id);
  }

  get empty(): boolean {
    return this.size === 0;
  }

  /** Assistant-written files known. */
  get size(): number {
    return this.base + this.added.length;
  }

  /** False when the chunk is surely no assistant's: the snapshot's filter rules it out and no
   *  write walked since holds it. */
  mayHoldChunk = (hash: number): boolean => this.chunkOrigin.get(hash) !== undefined || (this.snapshot?.mayHoldChunk(hash) ?? false);

  /** Whether the snapshot's tables can answer (see store.ts); a walk alone always can. */
  tablesHold(): boolean {
    return this.snapshot?.tablesHold() ?? true;
  }

  /** The origin a chunk is first known from (the snapshot's writes come first). */
  originOfChunk = (hash: number): number | undefined => this.snapshot?.originOfChunk(hash) ?? this.chunkOrigin.get(hash);

  /** The first assistant write of exactly this blob, if any. */
  originOfBlob(oid: string): number | undefined {
    return this.snapshot?.originOfBlob(oid) ?? this.blobOrigin.get(oid);
  }

  origin(id: number): Origin {
    return id < this.base ? (this.snapshot as Snapshot).origin(id) : (this.added[id - this.base] as Origin);
  }
}

/** Blobs are read this many writes at a time: memory holds one batch's chunk lists, not a history's. */
const READ_BATCH = 512;

/**
 * What each assistant write added, as stored entries: the chunks of the new blob less those the
 * old blob at that path already held (an assistant's one-line fix to a person's file makes only
 * that line the assistant's). Writes that add nothing substantive are left out.
 */
export async function chunkWrites(engine: GitEngine, writes: readonly AssistantWrite[]): Promise<StoredWrite[]> {
  const stored: StoredWrite[] = [];
  for (let start = 0; start < writes.length; start += READ_BATCH) {
    const batch = writes.slice(start, start + READ_BATCH);
    const olds = batch.filter((w) => w.oldOid !== null);
    const [after, before] = await Promise.all([
      engine.readBlobs(
        batch.map((w) => w.newOid),
        (_, content) => substantiveChunks(content),
      ),
      engine.readBlobs(
        olds.map((w) => w.oldOid as string),
        (_, content) => substantiveChunks(content),
      ),
    ]);
    let o = 0;
    batch.forEach((w, i) => {
      const added = addedChunks(after[i] ?? [], w.oldOid !== null ? (before[o++] ?? []) : null);
      const hashes = [...new Set(added.map((c) => c.hash))];
      if (hashes.length > 0) stored.push({ commit: w.commit, assistant: w.assistant, path: w.path, blob: w.newOid, hashes });
    });
  }
  return stored;
}
