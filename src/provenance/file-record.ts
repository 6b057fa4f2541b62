/**
 * The ledger record of one file an assistant wrote, read from disk as it is now: its blob id as
 * the repository would hash it, its sha256, and fingerprints of the lines the tool introduced.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { RepoOnDisk } from '../git/config.js';
import { addedLines } from '../signals/detect.js';
import { lineFingerprint, type ProvenanceRecord } from './ledger.js';
import type { FileWrite } from './payloads.js';

/** Lines are fingerprinted from at most this much of a file; the blob id and sha256 cover all of it. */
const LINES_MAX_BYTES = 16 * 1024 * 1024;
/** Bounds one record (a data file of a million lines would otherwise fill the ledger alone). */
const MAX_FINGERPRINTS = 20_000;

/**
 * The file's lines that hold the tool's introduced texts, whole: an edit replaces part of a line as
 * often as whole lines, and the line as the file now has it is what a commit adds. Every
 * occurrence counts, since the payload does not say which one the tool wrote.
 */
function linesHolding(lines: readonly { text: string }[], introduced: readonly string[]): string[] {
  const text = lines.map((l) => l.text).join('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.text.length + 1;
  }
  const lineAt = (pos: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const hit = new Set<number>();
  for (const chunk of introduced.map((c) => c.replace(/\r\n/g, '\n').replace(/^\n+|\n+$/g, ''))) {
    if (chunk.trim() === '') continue;
    for (let at = text.indexOf(chunk); at !== -1; at = text.indexOf(chunk, at + chunk.length)) {
      for (let i = lineAt(at), last = lineAt(at + chunk.length - 1); i <= last; i++) hit.add(i);
    }
  }
  return [...hit].sort((a, b) => a - b).map((i) => (lines[i] as { text: string }).text);
}

/**
 * The record of one file as it is on disk now. Blob id and sha256 cover every byte; line
 * fingerprints cover the lines holding the tool's introduced texts (all of its lines when null).
 * Null when the path is not a regular file (deleted, moved away, a symlink).
 */
export function describeFile(abs: string, rel: string, repo: RepoOnDisk, w: Omit<FileWrite, 'path'>, time: string): ProvenanceRecord | null {
  const lst = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (!lst?.isFile()) return null;
  const fd = fs.openSync(abs, 'r');
  let size: number;
  const blob = createHash(repo.objectFormat);
  const sha256 = createHash('sha256');
  const head: Buffer[] = [];
  try {
    size = fs.fstatSync(fd).size;
    blob.update(`blob ${size}\0`);
    const chunk = Buffer.alloc(Math.min(Math.max(size, 1), 1024 * 1024));
    let read = 0;
    for (let n: number; (n = fs.readSync(fd, chunk, 0, chunk.length, read)) > 0; read += n) {
      const part = chunk.subarray(0, n);
      blob.update(part);
      sha256.update(part);
      if (read < LINES_MAX_BYTES) head.push(Buffer.from(part.subarray(0, LINES_MAX_BYTES - read)));
    }
    if (read !== size) throw new Error(`${rel} changed size while it was read (${size} then ${read} bytes)`);
  } finally {
    fs.closeSync(fd);
  }
  const record: ProvenanceRecord = {
    v: 1,
    id: randomBytes(8).toString('hex'),
    time,
    agent: w.agent,
    session: w.session,
    tool: w.tool,
    path: rel,
    blob: blob.digest('hex'),
    sha256: sha256.digest('hex'),
    size,
  };
  const text = addedLines(null, Buffer.concat(head));
  if (text === null) return record;
  const lines = new Set<string>();
  let truncated = size > LINES_MAX_BYTES;
  for (const line of w.introduced === null ? text.map((l) => l.text) : linesHolding(text, w.introduced)) {
    const fp = lineFingerprint(line);
    if (fp === null) continue;
    if (lines.size === MAX_FINGERPRINTS) {
      truncated = true;
      break;
    }
    lines.add(fp);
  }
  return { ...record, lines: [...lines], ...(truncated ? { truncated: true as const } : {}) };
}
