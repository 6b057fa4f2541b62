// File modes as git prints them in trees and diffs (octal strings), named once: two readers that
// spelt them apart could disagree on whether an entry is a file, a link or a submodule.

export const SYMLINK_MODE = '120000';
export const GITLINK_MODE = '160000';
/** A file git checks out as its blob's bytes (not a link, not a gitlink): what lineage and manifests read. */
export const REGULAR_FILE_MODES: ReadonlySet<string> = new Set(['100644', '100755']);

/** git's canon_mode: what diff and ls-tree report whatever odd mode a tree stores (e.g. 100664). */
export function canonicalFileMode(mode: string): string {
  if (mode === SYMLINK_MODE) return mode;
  return (parseInt(mode, 8) & 0o100) !== 0 ? '100755' : '100644';
}
