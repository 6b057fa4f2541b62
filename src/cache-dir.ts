/**
 * The folder where cleanroom keeps what makes the next run faster (compiled policies, V8's
 * compiled code, facts about blobs), one per user in the temp folder. What lies there is trusted:
 * a compiled policy decides verdicts and compiled code runs. So it is used only when this user
 * made it and nobody else can write into it; a folder someone else planted (on a shared /tmp) is
 * refused and cleanroom simply runs uncached.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The private cache folder, created on first use; null when it cannot be trusted or made. */
export function privateCacheDir(): string | null {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = path.join(os.tmpdir(), `cleanroom-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  try {
    const st = fs.lstatSync(dir);
    // Windows has no owners or modes to check here; its temp folder is per user already.
    if (uid === null) return st.isDirectory() ? dir : null;
    return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0 ? dir : null;
  } catch {
    return null;
  }
}

/** Writes a cache file whole or not at all (a concurrent reader never sees half of it), readable
 *  by this user only. False when it could not: a full or read-only folder costs only speed. */
export function writeCacheFile(file: string, data: string | Uint8Array): boolean {
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}

/** A cache file's name for `key`: 64-bit FNV-1a, in two 32-bit lanes of different offsets (no
 *  node:crypto to load). Only a name: each file holds its whole key, so a collision is a miss. */
export function keyName(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
