/**
 * Trees as the isomorphic engine reads them: parsed from raw bytes (path bytes and modes exactly
 * as git stores them), the index built into one (with git's cache-tree oids), and diffs that
 * recurse only where subtree oids differ, in git's tree order.
 */
import { createHash } from 'node:crypto';
import type { Change, ChangeStatus } from '../engine.js';
import { canonicalFileMode, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../modes.js';
import { emptyTreeOid } from '../repo.js';
import type { CacheTreeNode, IndexEntry } from './index-file.js';

const SLASH = Buffer.from('/');
export const EMPTY_TREE = emptyTreeOid('sha1');

export const isDir = (mode: number) => (mode & S_IFMT) === S_IFDIR;
export const isBlob = (mode: number) => (mode & S_IFMT) === S_IFREG || (mode & S_IFMT) === S_IFLNK;

/** One tree entry. Directories of the index list their own children (built on first use);
 *  every other tree is read from the object store when, and only when, a diff needs it. */
export interface Entry {
  readonly name: Buffer;
  readonly mode: number;
  readonly oid: string;
  readonly children?: () => readonly Entry[];
}

export function parseTree(raw: Buffer): Entry[] {
  const entries: Entry[] = [];
  let pos = 0;
  while (pos < raw.length) {
    const space = raw.indexOf(0x20, pos);
    const nul = raw.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > raw.length) corrupt('a tree object is truncated');
    let mode = 0;
    for (let i = pos; i < space; i++) mode = mode * 8 + ((raw[i] ?? 0x30) - 0x30);
    entries.push({ name: raw.subarray(space + 1, nul), mode: canonicalFileMode(mode), oid: raw.toString('hex', nul + 1, nul + 21) });
    pos = nul + 21;
  }
  return entries;
}

/** git's base_name_compare: tree order, where a directory sorts as if its name ended in '/'. */
function compareEntries(a: Entry, b: Entry): number {
  const len = Math.min(a.name.length, b.name.length);
  const order = a.name.compare(b.name, 0, len, 0, len);
  if (order !== 0) return order;
  const ca = a.name[len] ?? (isDir(a.mode) ? 0x2f : 0);
  const cb = b.name[len] ?? (isDir(b.mode) ? 0x2f : 0);
  return ca - cb;
}

function hashTree(children: readonly Entry[]): string {
  const modes = children.map((c) => c.mode.toString(8));
  let size = 0;
  for (const [i, c] of children.entries()) size += (modes[i] as string).length + c.name.length + 22;
  const body = Buffer.allocUnsafe(size);
  let pos = 0;
  for (const [i, c] of children.entries()) {
    pos += body.write(`${modes[i]} `, pos, 'latin1');
    pos += c.name.copy(body, pos);
    body[pos++] = 0;
    pos += body.write(c.oid, pos, 'hex');
  }
  return createHash('sha1').update(`tree ${size}\0`).update(body).digest('hex');
}

/**
 * The index as a tree, with the oid `git write-tree` would give each directory, so that a
 * directory equal to the base's is skipped without reading anything. Where the cache-tree vouches
 * for a directory (as it does for git's own diff-index), its oid is taken and its entries are
 * stepped over by count; only directories changed since git last wrote a tree are hashed here.
 * Index order (path bytes) is tree order within each directory. A sparse-directory entry
 * (`dir/`, mode 040000) already is a tree oid, expanded from the object store only if it differs.
 */
export function indexTree(entries: readonly IndexEntry[], cacheTree: CacheTreeNode | null): Entry {
  const at = (i: number) => entries[i] as IndexEntry;
  const dir = (name: Buffer, from: number, to: number, offset: number, cached: CacheTreeNode | undefined): Entry => {
    if (cached?.oid && cached.entryCount === to - from) {
      let built: readonly Entry[] | null = null;
      return { name, mode: S_IFDIR, oid: cached.oid, children: () => (built ??= build(from, to, offset, cached)) };
    }
    const children = build(from, to, offset, cached);
    return { name, mode: S_IFDIR, oid: hashTree(children), children: () => children };
  };
  /** Where the entries under `prefix` end: where the cache-tree says, if the entries agree. */
  const groupEnd = (from: number, to: number, prefix: Buffer, cached: CacheTreeNode | undefined): number => {
    const claimed = cached && cached.entryCount > 0 ? from + cached.entryCount : -1;
    if (claimed > from && claimed <= to && startsWith(at(claimed - 1).path, prefix) && !(claimed < to && startsWith(at(claimed).path, prefix))) {
      return claimed;
    }
    let end = from + 1;
    while (end < to && startsWith(at(end).path, prefix)) end++;
    return end;
  };
  const build = (from: number, to: number, offset: number, cached: CacheTreeNode | undefined): Entry[] => {
    const byName = new Map(cached?.children.map((c) => [c.name.toString('latin1'), c]));
    const children: Entry[] = [];
    for (let i = from; i < to; ) {
      const { path, mode, oid, flags } = at(i);
      const slash = path.indexOf(0x2f, offset);
      if (flags.intentToAdd || slash < 0 || (slash === path.length - 1 && isDir(mode))) {
        if (!flags.intentToAdd) children.push({ name: path.subarray(offset, slash < 0 ? path.length : slash), mode: canonicalFileMode(mode), oid });
        i++;
        continue;
      }
      const name = path.subarray(offset, slash);
      const sub = byName.get(name.toString('latin1'));
      const end = groupEnd(i, to, path.subarray(0, slash + 1), sub);
      const entry = dir(name, i, end, slash + 1, sub);
      // Holding only intent-to-add entries, it is no directory at all to git.
      if (entry.oid !== EMPTY_TREE) children.push(entry);
      i = end;
    }
    return children;
  };
  return dir(Buffer.alloc(0), 0, entries.length, 0, cacheTree ?? undefined);
}

function startsWith(path: Buffer, prefix: Buffer): boolean {
  return path.length > prefix.length && path.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

function change(path: Buffer, before: Entry | undefined, after: Entry | undefined): Change {
  const status: ChangeStatus = !before ? 'added' : !after ? 'deleted' : (before.mode & S_IFMT) !== (after.mode & S_IFMT) ? 'typechange' : 'modified';
  const mode = (e: Entry | undefined) => (e ? e.mode.toString(8).padStart(6, '0') : null);
  return { path: path.toString('utf8'), status, oldMode: mode(before), newMode: mode(after), oldOid: before?.oid ?? null, newOid: after?.oid ?? null };
}

/** A tree by its oid, as the root of a diff. */
export function rootEntry(oid: string): Entry {
  return { name: Buffer.alloc(0), mode: S_IFDIR, oid };
}

/** Tree against tree (either side may be absent), recursing only where subtree oids differ;
 *  `list` reads the entries of a tree that does not carry its own. */
export async function diffTrees(before: Entry | null, after: Entry | null, prefix: Buffer, out: Change[], list: (oid: string) => Promise<readonly Entry[]>): Promise<void> {
  if (before && after && before.oid === after.oid) return;
  const entries = (e: Entry | null) => (e === null ? [] : e.children ? e.children() : list(e.oid));
  const [left, right] = await Promise.all([entries(before), entries(after)]);
  for (let i = 0, j = 0; i < left.length || j < right.length; ) {
    const a = left[i];
    const b = right[j];
    const order = a === undefined ? 1 : b === undefined ? -1 : compareEntries(a, b);
    const x = order <= 0 ? a : undefined;
    const y = order >= 0 ? b : undefined;
    if (x) i++;
    if (y) j++;
    const entry = (x ?? y) as Entry;
    if (x && y && x.oid === y.oid && x.mode === y.mode) continue;
    if (isDir(entry.mode)) await diffTrees(x ?? null, y ?? null, Buffer.concat([prefix, entry.name, SLASH]), out, list);
    else out.push(change(Buffer.concat([prefix, entry.name]), x, y));
  }
}

/** A plain Error: the engine reports it as EENGINE, and git judges the object. */
function corrupt(what: string): never {
  throw new Error(what);
}
