// Reads an exported folder (a plain copy of a snapshot: object storage, a container image), never
// a git checkout. Nothing is opened by a name the manifest gives: the folder is walked, and each
// entry is judged by what the walk found. Links are never followed, and only regular files are
// opened (with O_NOFOLLOW, and checked again once open), so neither a link nor a FIFO planted in
// the folder can lead the reader outside it or hold it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { CleanroomError } from '../errors.js';
import type { ObjectFormat } from '../attest/statement.js';

export type FolderEntry =
  | { readonly kind: 'file'; readonly name: string; readonly sha256: string; readonly gitBlob: string }
  /** A name that is not UTF-8: no manifest can list it, so it is always extra. */
  | { readonly kind: 'unnamed'; readonly raw: Buffer }
  | { readonly kind: 'link' | 'special'; readonly name: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const CHUNK = 1 << 20;

/** Every entry below `root` but folders, relative names joined with '/'. */
export function walkFolder(root: string, format: ObjectFormat): FolderEntry[] {
  let top: fs.Stats;
  try {
    top = fs.statSync(root);
  } catch (e) {
    throw new CleanroomError('EUSAGE', `${root}: cannot read the exported folder (${(e as NodeJS.ErrnoException).code ?? String(e)}); pass the folder the snapshot was copied to`);
  }
  if (!top.isDirectory()) throw new CleanroomError('EUSAGE', `${root}: not a folder; pass the folder the snapshot was copied to`);
  const found: FolderEntry[] = [];
  const pending: Buffer[] = [Buffer.alloc(0)];
  const rootBytes = Buffer.from(root);
  for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
    const dir = rel.length === 0 ? rootBytes : Buffer.concat([rootBytes, Buffer.from('/'), rel]);
    for (const raw of fs.readdirSync(dir, { encoding: 'buffer' })) {
      const relName = rel.length === 0 ? raw : Buffer.concat([rel, Buffer.from('/'), raw]);
      const full = Buffer.concat([dir, Buffer.from('/'), raw]);
      const st = fs.lstatSync(full);
      if (st.isDirectory()) {
        pending.push(relName);
        continue;
      }
      let name: string;
      try {
        name = utf8.decode(relName);
      } catch {
        found.push({ kind: 'unnamed', raw: relName });
        continue;
      }
      if (st.isSymbolicLink()) found.push({ kind: 'link', name });
      else if (!st.isFile()) found.push({ kind: 'special', name });
      else found.push(hashFile(full, name, format));
    }
  }
  return found;
}

function hashFile(full: Buffer, name: string, format: ObjectFormat): FolderEntry {
  let fd: number;
  try {
    fd = fs.openSync(full, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (e) {
    // Replaced by a link between the walk and the open.
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return { kind: 'link', name };
    throw new CleanroomError('EUSAGE', `${name}: cannot read it in the exported folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { kind: 'special', name };
    const sha256 = createHash('sha256');
    const blob = createHash(format).update(`blob ${st.size}\0`);
    const buf = Buffer.alloc(CHUNK);
    let total = 0;
    for (let n = fs.readSync(fd, buf, 0, CHUNK, null); n > 0; n = fs.readSync(fd, buf, 0, CHUNK, null)) {
      sha256.update(buf.subarray(0, n));
      blob.update(buf.subarray(0, n));
      total += n;
    }
    // A file that grew or shrank while it was read: its git id was hashed over the wrong length.
    if (total !== st.size) throw new CleanroomError('EUSAGE', `${name}: it changed while it was read; verify a folder nothing is writing to`);
    return { kind: 'file', name, sha256: sha256.digest('hex'), gitBlob: blob.digest('hex') };
  } finally {
    fs.closeSync(fd);
  }
}
