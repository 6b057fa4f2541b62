/** The type bits of a git mode as trees store it, and the types git knows. */
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;
export const S_IFGITLINK = 0o160000;

/** git's canon_mode: what diff, ls-tree and tree-walk report whatever odd mode a tree stores
 *  (100664, or 40755 for a folder), so that both engines report what git would. */
export function canonicalFileMode(mode: number): number {
  if ((mode & S_IFMT) === S_IFREG) return S_IFREG | (mode & 0o100 ? 0o755 : 0o644);
  if ((mode & S_IFMT) === S_IFLNK) return S_IFLNK;
  return (mode & S_IFMT) === S_IFDIR ? S_IFDIR : S_IFGITLINK;
}
