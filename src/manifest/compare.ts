// A manifest against what a walk of the exported folder found. PURE.
import { quotePath } from '../report/escape.js';
import type { FolderEntry } from './folder.js';
import type { ManifestFile } from './statement.js';

export interface FolderProblems {
  readonly missing: readonly string[];
  readonly changed: readonly string[];
  /** Extra files, links and other entries, each saying what it is. */
  readonly extra: readonly string[];
}

export function compareFolder(files: readonly ManifestFile[], entries: readonly FolderEntry[]): FolderProblems {
  const listed = new Map(files.map((f) => [f.name, f]));
  const seen = new Set<string>();
  const changed: string[] = [];
  const extra: string[] = [];
  for (const e of entries) {
    if (e.kind === 'unnamed') {
      extra.push(`${octalQuoted(e.raw)}: a name that is not UTF-8, which no manifest lists`);
      continue;
    }
    const f = listed.get(e.name);
    if (e.kind === 'link') extra.push(`${quotePath(e.name)}: a symbolic link; a manifest vouches for regular files only, and a link could lead anywhere`);
    else if (e.kind === 'special') extra.push(`${quotePath(e.name)}: not a regular file (a FIFO, socket or device)`);
    else if (f === undefined) extra.push(`${quotePath(e.name)}: not in the manifest`);
    else if (e.kind === 'file' && (f.sha256 !== e.sha256 || f.gitBlob !== e.gitBlob)) changed.push(`${quotePath(e.name)}: sha256 ${e.sha256}; the manifest says ${f.sha256}`);
    if (f !== undefined) seen.add(e.name);
  }
  const missing = files.filter((f) => !seen.has(f.name)).map((f) => `${quotePath(f.name)}: listed in the manifest, not in the folder`);
  return { missing, changed, extra };
}

/** Bytes as git quotes a path it cannot print: in double quotes, every byte past ASCII as \ooo. */
function octalQuoted(raw: Buffer): string {
  let out = '';
  for (const b of raw) out += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`;
  return `"${out}"`;
}
