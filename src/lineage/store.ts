/**
 * The lineage index on disk: `<git common dir>/cleanroom/lineage/`, inside the git directory
 * (never committed, never in a ref a pusher controls), shared by every worktree.
 *
 * - `entries.jsonl`: one assistant-written file a line (commit, assistant, path, blob, the chunk
 *   hashes it added). It only ever lists assistant writes, so an extra line can only add suspicion.
 * - `state.json`: the ref tips whose whole history the entries cover, the length of the entries
 *   file they were written with, and a SHA-256 over both. Absence is only believed for history
 *   below those tips; a missing, truncated or altered file makes the state count for nothing, and
 *   the history is walked again. Lines appended past the recorded length (a writer that died
 *   before it wrote the state, or a planted line) are read as well: they can only add suspicion.
 *
 * Writers take `lineage.lock`; a writer that cannot take it leaves the disk alone (its verdict
 * uses what it walked in memory). Failing to write never changes a verdict, failing to read
 * means walking.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ledgerDir } from '../layout.js';
import { takeLock } from '../provenance/ledger.js';

const FORMAT = 1;
const ENTRIES = 'entries.jsonl';
const STATE = 'state.json';
const LOCK = 'lineage.lock';
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export interface StoredWrite {
  readonly commit: string;
  readonly assistant: string;
  readonly path: string;
  readonly blob: string;
  /** The substantive chunk hashes (chunks.ts) the commit added to this file. */
  readonly hashes: readonly number[];
}

export interface Stored {
  /** Tips whose history the entries cover; empty when the state is missing or not to be trusted. */
  readonly tips: readonly string[];
  readonly writes: readonly StoredWrite[];
  /** False when the entries file must be written anew rather than appended to. */
  readonly appendable: boolean;
}

export function lineageDir(commonDir: string): string {
  return path.join(ledgerDir(commonDir), 'lineage');
}

const digest = (key: string, tips: readonly string[], entries: Buffer): string =>
  createHash('sha256').update(`${FORMAT}\n${key}\n${tips.join('\n')}\n\n`).update(entries).digest('hex');

export function encodeWrite(w: StoredWrite): string {
  return `${JSON.stringify({ c: w.commit, a: w.assistant, p: w.path, b: w.blob, h: w.hashes.map((h) => h.toString(36)).join(',') })}\n`;
}

function decodeWrite(line: string): StoredWrite | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  const r = o as { c?: unknown; a?: unknown; p?: unknown; b?: unknown; h?: unknown } | null;
  if (typeof r !== 'object' || r === null) return null;
  if (typeof r.c !== 'string' || !OID.test(r.c) || typeof r.b !== 'string' || !OID.test(r.b)) return null;
  if (typeof r.a !== 'string' || typeof r.p !== 'string' || typeof r.h !== 'string') return null;
  const hashes = r.h === '' ? [] : r.h.split(',').map((h) => parseInt(h, 36));
  if (hashes.some((h) => !Number.isSafeInteger(h) || h < 0)) return null;
  return { commit: r.c, assistant: r.a, path: r.p, blob: r.b, hashes };
}

function readIfThere(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    // Missing or unreadable alike: nothing is believed from it, and the history is walked.
    return null;
  }
}

/** What the disk says for the detectors keyed `key`. Never throws: what cannot be read is walked. */
export function loadStore(commonDir: string, key: string): Stored {
  const dir = lineageDir(commonDir);
  const entries = readIfThere(path.join(dir, ENTRIES)) ?? Buffer.alloc(0);
  const writes = entries
    .toString('utf8')
    .split('\n')
    .map((line) => (line === '' ? null : decodeWrite(line)))
    .filter((w): w is StoredWrite => w !== null);
  const state = parseState(readIfThere(path.join(dir, STATE)));
  const trusted =
    state !== null &&
    state.key === key &&
    state.bytes <= entries.length &&
    digest(key, state.tips, entries.subarray(0, state.bytes)) === state.sha256;
  // An untrusted state is worth nothing; its entries are still assistant writes (or garbage that
  // parses as one, which only adds suspicion), but the file is rewritten whole from a fresh walk.
  return trusted ? { tips: state.tips, writes, appendable: true } : { tips: [], writes: [], appendable: false };
}

function parseState(raw: Buffer | null): { key: string; tips: string[]; bytes: number; sha256: string } | null {
  if (raw === null) return null;
  let o: unknown;
  try {
    o = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  const s = o as { v?: unknown; key?: unknown; tips?: unknown; bytes?: unknown; sha256?: unknown } | null;
  if (typeof s !== 'object' || s === null || s.v !== FORMAT || typeof s.key !== 'string' || typeof s.sha256 !== 'string') return null;
  if (!Array.isArray(s.tips) || !s.tips.every((t) => typeof t === 'string' && OID.test(t))) return null;
  if (typeof s.bytes !== 'number' || !Number.isSafeInteger(s.bytes) || s.bytes < 0) return null;
  return { key: s.key, tips: s.tips as string[], bytes: s.bytes, sha256: s.sha256 };
}

function replace(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o644 });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Records that the history below `tips` is indexed: `added` appended to the entries (or, when the
 * file on disk was not to be trusted, `all` written in its place), then the state. Returns false
 * when nothing was written (another writer holds the lock, or the folder is not writable).
 */
export function saveStore(commonDir: string, key: string, tips: readonly string[], added: readonly StoredWrite[], all: readonly StoredWrite[], appendable: boolean): boolean {
  const dir = lineageDir(commonDir);
  const lock = path.join(dir, LOCK);
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!takeLock(lock)) return false;
  } catch {
    return false;
  }
  try {
    const file = path.join(dir, ENTRIES);
    if (appendable) {
      if (added.length > 0) fs.appendFileSync(file, added.map(encodeWrite).join(''));
    } else {
      replace(file, all.map(encodeWrite).join(''));
    }
    const entries = fs.readFileSync(file);
    replace(path.join(dir, STATE), `${JSON.stringify({ v: FORMAT, key, tips, bytes: entries.length, sha256: digest(key, tips, entries) })}\n`);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Forgets the index (`cleanroom lineage rebuild` starts from nothing). */
export function removeStore(commonDir: string): void {
  for (const name of [STATE, ENTRIES]) fs.rmSync(path.join(lineageDir(commonDir), name), { force: true });
}
