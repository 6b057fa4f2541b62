/** The type bits of a git mode as trees store it, and the types git knows. */
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;
export const S_IFGITLINK = 0o160000;

// The same modes as git prints them in diffs (octal strings), named once: two readers that spelt
// them apart could disagree on whether an entry is a file, a link or a submodule.
export const SYMLINK_MODE = '120000';
export const GITLINK_MODE = '160000';
/** A file git checks out as its blob's bytes (not a link, not a gitlink): what lineage and manifests read. */
export const REGULAR_FILE_MODES: ReadonlySet<string> = new Set(['100644', '100755']);

/** git's canon_mode: what diff, ls-tree and tree-walk report whatever odd mode a tree stores
 *  (100664, or 40755 for a folder), so that both engines report what git would. */
export function canonicalFileMode(mode: number): number {
  if ((mode & S_IFMT) === S_IFREG) return S_IFREG | (mode & 0o100 ? 0o755 : 0o644);
  if ((mode & S_IFMT) === S_IFLNK) return S_IFLNK;
  return (mode & S_IFMT) === S_IFDIR ? S_IFDIR : S_IFGITLINK;
}
