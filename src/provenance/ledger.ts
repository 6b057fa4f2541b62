/**
 * The provenance ledger: what assistants wrote, recorded at the moment they wrote it by
 * `cleanroom record`, and asked by the gate whether staged content is among it.
 *
 * It lives in `<git common dir>/cleanroom/provenance.jsonl`: inside the git dir, so it is never
 * committed or pushed, and in the common dir, so every worktree of a repository shares it. One JSON
 * record a line. Writers append with O_APPEND and one write() per batch, so concurrent hooks never
 * interleave a line; past a size bound, a writer that takes `provenance.lock` compacts the file to
 * its newest records through a temporary file and a rename (see appendRecords and compact).
 */
import { createHash } from 'node:crypto';
import { LEDGER_FILE, ledgerDir, ledgerPath } from '../layout.js';
import fs from 'node:fs';
import path from 'node:path';
import { isStringList } from '../json-guards.js';

const LOCK_FILE = 'provenance.lock';
/** Compaction starts past this size and keeps the newest records up to half of it, so a busy ledger compacts now and then rather than on every append. */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
/** A lock older than this was left by a compaction that died: no live one takes a second. */
const LOCK_STALE_MS = 30_000;
/** Lines shorter than this once trimmed (`}`, `],`, `end`, `</div>`) say nothing about who wrote them. */
const MIN_LINE_CHARS = 8;

export interface ProvenanceRecord {
  readonly v: 1;
  /** Random; a record copied twice during a compaction is still one record. */
  readonly id: string;
  /** When the hook recorded it (ISO 8601, UTC). */
  readonly time: string;
  /** 'claude-code' | 'codex' | 'cursor' | 'gemini' | 'copilot'. */
  readonly agent: string;
  /** The assistant's session (conversation) id; '' when its payload had none. */
  readonly session: string;
  /** The assistant's tool that wrote it: 'Write', 'apply_patch', 'Bash', ... */
  readonly tool: string;
  /** Repository-relative, '/'-separated: the path git stores. */
  readonly path: string;
  /** git's object id of the bytes on disk (`blob <size>\0<bytes>`, in the repository's object format). */
  readonly blob: string;
  readonly sha256: string;
  readonly size: number;
  /** Fingerprints (lineFingerprint) of the lines the tool wrote; absent for a binary file. */
  readonly lines?: readonly string[];
  /** Set when `lines` stops short of the file (a very large file). */
  readonly truncated?: true;
}

/**
 * The line-fingerprint rule, the same for recording and for asking: trim the line, collapse each
 * run of whitespace to one space (re-indentation and reformatting do not hide a line), skip it when
 * fewer than MIN_LINE_CHARS characters (UTF-16 code units) remain, otherwise take the first 16 hex
 * digits (64 bits) of the SHA-256 of its UTF-8 bytes. Null for a line too short to count.
 */
export function lineFingerprint(line: string): string | null {
  const text = line.trim().replace(/\s+/g, ' ');
  if (text.length < MIN_LINE_CHARS) return null;
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

function sameFile(a: fs.Stats, b: fs.Stats | undefined): boolean {
  return b !== undefined && a.ino === b.ino && a.dev === b.dev;
}

/** One write() of the whole buffer: with O_APPEND the kernel places it at the end in one piece. */
function writeOnce(fd: number, data: Buffer): void {
  const n = fs.writeSync(fd, data);
  if (n !== data.length) throw new Error(`short write to the ledger (${n} of ${data.length} bytes)`);
}

/**
 * Appends records with one write. Returns the ledger's size afterwards. When a compaction renames
 * a new ledger into place while we write, our line may have gone to the old file after it was
 * copied: the inode check sees the rename and writes the batch again (readers drop the duplicate).
 */
function appendBatch(file: string, data: Buffer): number {
  for (let attempt = 0; ; attempt++) {
    const fd = fs.openSync(file, 'a', 0o644);
    try {
      writeOnce(fd, data);
      const written = fs.fstatSync(fd);
      const current = fs.statSync(file, { throwIfNoEntry: false });
      if (sameFile(written, current) || attempt === 2) return current?.size ?? written.size;
    } finally {
      fs.closeSync(fd);
    }
  }
}

export function appendRecords(commonDir: string, records: readonly ProvenanceRecord[], opts: { maxBytes?: number } = {}): void {
  if (records.length === 0) return;
  const dir = ledgerDir(commonDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LEDGER_FILE);
  const size = appendBatch(file, Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join('')));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size > maxBytes) compact(commonDir, maxBytes);
}

/** Takes the lock file, or says another compaction holds it. A stale lock (its holder died) is broken once. */
export function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs < LOCK_STALE_MS) return false;
      fs.rmSync(lock, { force: true });
    }
  }
  return false;
}

function readFrom(fd: number, start: number): Buffer {
  const size = fs.fstatSync(fd).size;
  const buf = Buffer.alloc(Math.max(0, size - start));
  let got = 0;
  while (got < buf.length) {
    const n = fs.readSync(fd, buf, got, buf.length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** Complete lines only: a crash mid-write can leave a torn last line, which is not a record. */
function wholeLines(buf: Buffer): Buffer {
  return buf.subarray(0, buf.lastIndexOf(0x0a) + 1);
}

/**
 * Keeps the newest records that fit in half of maxBytes. Under the lock: read the ledger through
 * an open descriptor, write the kept lines to a temporary file, rename it over the ledger, then copy
 * whatever was appended to the old file between the read and the rename. Appends after the rename
 * are the writers' own concern (appendBatch). Returns false when another compaction holds the lock.
 */
export function compact(commonDir: string, maxBytes: number): boolean {
  const dir = ledgerDir(commonDir);
  const file = path.join(dir, LEDGER_FILE);
  const lock = path.join(dir, LOCK_FILE);
  if (!takeLock(lock)) return false;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const read = wholeLines(readFrom(fd, 0));
      const lines = read.toString('utf8').split('\n').slice(0, -1);
      const keep: string[] = [];
      let bytes = 0;
      for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i] as string;
        const size = Buffer.byteLength(line) + 1;
        if (bytes + size > maxBytes / 2) break;
        if (parseLedgerLine(line) === null) continue;
        keep.push(line);
        bytes += size;
      }
      const tmp = path.join(dir, `${LEDGER_FILE}.${process.pid}.tmp`);
      try {
        fs.writeFileSync(
          tmp,
          keep
            .reverse()
            .map((l) => `${l}\n`)
            .join(''),
          { mode: 0o644 },
        );
        fs.renameSync(tmp, file);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
      const late = wholeLines(readFrom(fd, read.length));
      if (late.length > 0) appendBatch(file, late);
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    fs.rmSync(lock, { force: true });
  }
  return true;
}

function parseLedgerLine(line: string): ProvenanceRecord | null {
  let r: unknown;
  try {
    r = JSON.parse(line);
  } catch {
    return null;
  }
  const o = r as Partial<ProvenanceRecord> | null;
  if (typeof o !== 'object' || o === null || o.v !== 1) return null;
  const strings = [o.id, o.time, o.agent, o.session, o.tool, o.path, o.blob, o.sha256];
  if (strings.some((s) => typeof s !== 'string') || typeof o.size !== 'number') return null;
  if (o.lines !== undefined && !isStringList(o.lines)) return null;
  return o as ProvenanceRecord;
}

/** Every record, oldest first, each once; a missing ledger is an empty one, a damaged line is skipped. */

export function readLedger(commonDir: string): ProvenanceRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(ledgerPath(commonDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const seen = new Set<string>();
  const records: ProvenanceRecord[] = [];
  for (const line of text.split('\n')) {
    const r = line === '' ? null : parseLedgerLine(line);
    if (r === null || seen.has(r.id)) continue;
    seen.add(r.id);
    records.push(r);
  }
  return records;
}

export interface LineMatches {
  /** Substantial lines (lineFingerprint not null) whose fingerprint some record holds. */
  readonly matched: number;
  /** Substantial lines asked about. */
  readonly total: number;
  /** The records holding the matched lines, newest first, each once. */
  readonly records: readonly ProvenanceRecord[];
}

export interface ProvenanceLedger {
  /** Records of content with this git blob id, newest first. */
  byBlob(oid: string): readonly ProvenanceRecord[];
  /** Records of content with this sha256: how a Git LFS pointer, which names it, is matched. */
  bySha256(hex: string): readonly ProvenanceRecord[];
  /**
   * How many of these lines (a staged file's added lines) an assistant is recorded writing, under
   * any path. With `path`, a line also recorded under that path is credited to that path's record.
   */
  lineMatches(lines: readonly string[], path?: string): LineMatches;
}

/** The ledger of one repository; nothing is read until the first question. */
export function openLedger(commonDir: string): ProvenanceLedger {
  let index: { blobs: Map<string, ProvenanceRecord[]>; sha256s: Map<string, ProvenanceRecord[]>; lines: Map<string, ProvenanceRecord[]> } | null = null;
  const load = () => {
    if (index) return index;
    const blobs = new Map<string, ProvenanceRecord[]>();
    const sha256s = new Map<string, ProvenanceRecord[]>();
    const lines = new Map<string, ProvenanceRecord[]>();
    const add = (map: Map<string, ProvenanceRecord[]>, key: string, r: ProvenanceRecord) => {
      const list = map.get(key);
      if (list) list.push(r);
      else map.set(key, [r]);
    };
    // Newest first: ISO times sort as strings; the sort is stable for records of one millisecond.
    const records = readLedger(commonDir)
      .reverse()
      .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
    for (const r of records) {
      add(blobs, r.blob.toLowerCase(), r);
      add(sha256s, r.sha256.toLowerCase(), r);
      for (const fp of new Set(r.lines ?? [])) add(lines, fp, r);
    }
    return (index = { blobs, sha256s, lines });
  };
  return {
    byBlob: (oid) => load().blobs.get(oid.toLowerCase()) ?? [],
    bySha256: (hex) => load().sha256s.get(hex.toLowerCase()) ?? [],
    lineMatches(lines, filePath) {
      let matched = 0;
      let total = 0;
      const responsible = new Set<ProvenanceRecord>();
      for (const line of lines) {
        const fp = lineFingerprint(line);
        if (fp === null) continue;
        total++;
        const holders = load().lines.get(fp);
        if (!holders) continue;
        matched++;
        responsible.add((filePath !== undefined ? holders.find((r) => r.path === filePath) : undefined) ?? (holders[0] as ProvenanceRecord));
      }
      const records = [...responsible].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
      return { matched, total, records };
    },
  };
}
