/**
 * A reader for git's index file (`DIRC`, versions 2, 3 and 4) that returns raw entries.
 *
 * Why not isomorphic-git's GitIndex: it rejects v4 and skipHash indexes, treats sparse-directory
 * entries as files and reports intent-to-add entries as content, and never reads the `link`
 * extension, so a split index silently reads as "everything deleted". Transcoding the bytes until
 * it copes costs a second pass and still leaves the flags to re-read; parsing once here costs
 * less (no stat-data objects are built) and keeps every flag the engine needs.
 *
 * The trailing checksum is not verified, as git itself does not verify it on read; a skipHash
 * index (all-zero trailer) therefore needs no repair.
 */
import path from 'node:path';
import { CleanroomError } from '../../errors.js';
import type { RepoContext } from '../repo.js';

export interface IndexEntryFlags {
  /** 0 for a merged entry, 1–3 for the sides of a conflict. */
  readonly stage: number;
  readonly skipWorktree: boolean;
  /** `git add -N`: a placeholder, not content. */
  readonly intentToAdd: boolean;
}

export interface IndexEntry {
  /** Raw path bytes; a sparse-directory entry ends with '/'. */
  readonly path: Buffer;
  readonly oid: string;
  /** 0o100644, 0o100755, 0o120000, 0o160000, or 0o040000 for a sparse-directory entry. */
  readonly mode: number;
  readonly flags: IndexEntryFlags;
}

export interface IndexSummary {
  readonly version: number;
  readonly entryCount: number;
  /** Extension signatures in file order ('TREE', 'link', 'sdir', ...). */
  readonly extensions: readonly string[];
}

/** One directory of the cache-tree (`TREE` extension): what `git write-tree` last wrote for it. */
export interface CacheTreeNode {
  readonly name: Buffer;
  /** Index entries under this directory; -1 when the directory changed since (no oid then). */
  readonly entryCount: number;
  readonly oid: string | null;
  readonly children: readonly CacheTreeNode[];
}

export interface IndexFile extends IndexSummary {
  readonly entries: readonly IndexEntry[];
  /** Null when the index has none, or one git would discard as corrupt. */
  readonly cacheTree: CacheTreeNode | null;
}

/** Most entries carry no flags at all: one shared object instead of one per entry. */
const NO_FLAGS: IndexEntryFlags = Object.freeze({ stage: 0, skipWorktree: false, intentToAdd: false });

const HEADER = 12;
const HASH = 20;
/** ctime, mtime, dev, ino, mode, uid, gid, size (10 × 4 bytes), then the oid and 2 bytes of flags. */
const FIXED = 40 + HASH + 2;
/** Lower-case signatures mark extensions that change what the entries mean; these two are recognised
 *  (`link` only so that callers can refuse it), any other one makes the index unreadable here. */
const REQUIRED_KNOWN = new Set(['link', 'sdir']);

/** The index git uses for this process: GIT_INDEX_FILE (relative to the cwd, as git resolves it) or the worktree's own. */
export function indexFilePath(repo: RepoContext): string {
  const fromEnv = repo.env.GIT_INDEX_FILE;
  return fromEnv ? path.resolve(repo.cwd, fromEnv) : path.join(repo.gitDir, 'index');
}

function unreadable(file: string, why: string): CleanroomError {
  return new CleanroomError('EENGINE', `the index ${file} ${why}, which the isomorphic engine cannot read`);
}

/** Version and entry count from the 12-byte header, checked before the rest is read. */
export function readIndexHeader(buf: Buffer, file: string): { version: number; entryCount: number } {
  if (buf.length < HEADER || buf.toString('latin1', 0, 4) !== 'DIRC') throw unreadable(file, 'has no DIRC header');
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) throw unreadable(file, `is version ${version}`);
  return { version, entryCount: buf.readUInt32BE(8) };
}

/** Walks the entries without building them, to reach the extensions (split index, sparse index). */
export function summarizeIndex(buf: Buffer, file: string): IndexSummary {
  return walk(buf, file, false);
}

/** All entries in index order (path bytes, then stage). Throws EENGINE on a split index rather than misreading it. */
export function parseIndex(buf: Buffer, file: string): IndexFile {
  const index = walk(buf, file, true);
  if (index.extensions.includes('link')) throw unreadable(file, 'is a split index (core.splitIndex)');
  return index;
}

function walk(buf: Buffer, file: string, keep: boolean): IndexFile {
  const { version, entryCount } = readIndexHeader(buf, file);
  const end = buf.length - HASH;
  const entries: IndexEntry[] = [];
  let pos = HEADER;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < entryCount; i++) {
    const start = pos;
    if (start + FIXED > end) throw unreadable(file, 'is truncated');
    const bits = buf.readUInt16BE(start + 60);
    const extended = (bits & 0x4000) !== 0;
    if (extended && version < 3) throw unreadable(file, 'has extended flags in a version 2 index');
    const nameStart = start + FIXED + (extended ? 2 : 0);
    let name: Buffer | null = null;
    if (version === 4) {
      // Each path is "drop N bytes from the previous path, append this NUL-terminated suffix".
      let cursor = nameStart;
      let byte = buf[cursor++] ?? 0;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = buf[cursor++] ?? 0;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const nul = buf.indexOf(0, cursor);
      if (nul < 0 || nul >= end) throw unreadable(file, 'has a corrupt path');
      if (keep) {
        if (strip > previous.length) throw unreadable(file, 'has a corrupt path');
        name = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(cursor, nul)]);
      }
      pos = nul + 1;
    } else {
      const length = bits & 0x0fff;
      const nul = length < 0x0fff ? nameStart + length : buf.indexOf(0, nameStart);
      if (nul < 0 || nul >= end) throw unreadable(file, 'has a corrupt path');
      name = buf.subarray(nameStart, nul);
      // v2/v3 entries are NUL-padded to a multiple of 8 bytes, with at least one NUL.
      pos = start + ((nul - start + 8) & ~7);
    }
    if (keep && name) {
      const extra = extended ? buf.readUInt16BE(start + FIXED) : 0;
      const stage = (bits >> 12) & 3;
      entries.push({
        path: name,
        oid: buf.toString('hex', start + 40, start + 40 + HASH),
        mode: buf.readUInt32BE(start + 24),
        flags: stage === 0 && (extra & 0x6000) === 0 ? NO_FLAGS : { stage, skipWorktree: (extra & 0x4000) !== 0, intentToAdd: (extra & 0x2000) !== 0 },
      });
      previous = name;
    }
  }
  const extensions = readExtensions(buf, pos, end, file);
  const tree = extensions.find((e) => e.signature === 'TREE');
  return {
    version,
    entryCount,
    extensions: extensions.map((e) => e.signature),
    entries,
    cacheTree: keep && tree ? readCacheTree(buf.subarray(tree.start, tree.end)) : null,
  };
}

function readExtensions(buf: Buffer, pos: number, end: number, file: string): { signature: string; start: number; end: number }[] {
  const found: { signature: string; start: number; end: number }[] = [];
  while (pos + 8 <= end) {
    const signature = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32BE(pos + 4);
    if (/^[a-z]/.test(signature) && !REQUIRED_KNOWN.has(signature)) {
      throw unreadable(file, `uses the "${signature}" extension`);
    }
    found.push({ signature, start: pos + 8, end: pos + 8 + size });
    pos += 8 + size;
  }
  if (pos !== end) throw unreadable(file, 'has a corrupt extension block');
  return found;
}

/** `TREE`: per directory, pre-order, "<name>\0<entry count> <subtree count>\n" then the oid if the count is not -1. */
function readCacheTree(data: Buffer): CacheTreeNode | null {
  let pos = 0;
  /** A decimal number (optionally negative) ending at `stop`. */
  const number = (stop: number): number => {
    const negative = data[pos] === 0x2d;
    let value = 0;
    let digits = 0;
    for (pos += negative ? 1 : 0; data[pos] !== stop; pos++, digits++) {
      const d = (data[pos] ?? -1) - 0x30;
      if (d < 0 || d > 9) throw new Error('corrupt');
      value = value * 10 + d;
    }
    if (digits === 0) throw new Error('corrupt');
    pos++;
    return negative ? -value : value;
  };
  const node = (): CacheTreeNode => {
    const nul = data.indexOf(0, pos);
    if (nul < 0) throw new Error('truncated');
    const name = data.subarray(pos, nul);
    pos = nul + 1;
    const entryCount = number(0x20);
    const subtrees = number(0x0a);
    let oid: string | null = null;
    if (entryCount >= 0) {
      if (pos + HASH > data.length) throw new Error('truncated');
      oid = data.toString('hex', pos, pos + HASH);
      pos += HASH;
    }
    const children: CacheTreeNode[] = [];
    for (let i = 0; i < subtrees; i++) children.push(node());
    return { name, entryCount, oid, children };
  };
  try {
    return node();
  } catch {
    // git drops a cache-tree it cannot parse and carries on without it.
    return null;
  }
}
