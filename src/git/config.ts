/**
 * What git's configuration says, parsed in one place: the `git var -l` answer a run reads once
 * (every scope, includes followed, as git itself resolves them), and, where no git may be
 * started (an assistant's tool hook), the repository's own files read from disk.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What `git var -l` tells in one spawn: the identities the next commit will record (honouring
 *  GIT_AUTHOR_* / GIT_COMMITTER_* and config) and the effective configuration, all scopes. */
export interface GitVars {
  readonly author: string | null;
  readonly committer: string | null;
  /** The last value of each key, as git resolves a single-valued setting; sections and names
   *  lower-cased, subsections as written. */
  readonly config: ReadonlyMap<string, string>;
}

export function parseGitVars(output: string): GitVars {
  const config = new Map<string, string>();
  let author: string | null = null;
  let committer: string | null = null;
  for (const line of output.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (key === 'GIT_AUTHOR_IDENT') author = value;
    else if (key === 'GIT_COMMITTER_IDENT') committer = value;
    else config.set(key, value);
  }
  return { author, committer, config };
}

/** git's spellings of true, for boolean settings. */
export function isTrue(value: string): boolean {
  return ['true', 'yes', 'on', '1'].includes(value.toLowerCase());
}

/**
 * Just enough of git-config's file syntax to read a repository's own config without git:
 * sections with optional quoted subsections, `key = value` or a bare `key` (true), quotes,
 * escapes and comments. Keys come back as `section[.subsection].name`, section and name
 * lower-cased as git compares them, every value of a key in file order. Includes are not followed.
 */
export function parseConfigFile(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  let section = '';
  for (const raw of text.replace(/\\\r?\n/g, '').split(/\r?\n/)) {
    let line = raw.trim();
    const header = /^\[\s*([\w.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      const [whole, name = '', sub] = header;
      section = sub === undefined ? name.toLowerCase() : `${name.toLowerCase()}.${sub.replace(/\\(.)/g, '$1')}`;
      line = line.slice(whole.length).trim();
    }
    const entry = /^([A-Za-z][\w-]*)\s*(?:=(.*))?$/.exec(line);
    if (!entry || !section) continue;
    const [, key = '', value] = entry;
    const full = `${section}.${key.toLowerCase()}`;
    values.set(full, [...(values.get(full) ?? []), value === undefined ? 'true' : configValue(value)]);
  }
  return values;
}

function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  let pendingSpace = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === '\\') {
      const next = raw[++i] ?? '';
      out += pendingSpace + ({ n: '\n', t: '\t', b: '\b' }[next] ?? next);
      pendingSpace = '';
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === '#' || c === ';')) {
      break;
    } else if (!quoted && /\s/.test(c)) {
      if (out !== '') pendingSpace += c;
    } else {
      out += pendingSpace + c;
      pendingSpace = '';
    }
  }
  return out;
}

/** A repository found on disk: enough to hash files as it would and to write beside its refs. */
export interface RepoOnDisk {
  readonly workTree: string;
  readonly commonDir: string;
  readonly objectFormat: 'sha1' | 'sha256';
}

const located = new Map<string, RepoOnDisk | null>();

/**
 * The repository holding `dir`, found the way git finds it but without starting git, for hooks
 * that must not wait on a process: the nearest `.git` directory, or `.git` file (`gitdir: ...`,
 * worktrees and submodules), its `commondir`, and the object format its config declares.
 * Everything else should ask git (discoverRepo in src/git/repo.ts).
 */
export function locateRepository(dir: string): RepoOnDisk | null {
  const cached = located.get(dir);
  if (cached !== undefined) return cached;
  let found: RepoOnDisk | null;
  const gitDir = gitDirAt(dir);
  if (gitDir !== null) {
    let commonDir = gitDir;
    try {
      commonDir = path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
    } catch {
      // No commondir file: a repository's own git dir is its common dir.
    }
    found = { workTree: dir, commonDir, objectFormat: objectFormat(commonDir) };
  } else {
    const parent = path.dirname(dir);
    found = parent === dir ? null : locateRepository(parent);
  }
  located.set(dir, found);
  return found;
}

function gitDirAt(dir: string): string | null {
  const dotGit = path.join(dir, '.git');
  const stat = fs.statSync(dotGit, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return dotGit;
  if (!stat?.isFile()) return null;
  const m = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
  return m?.[1] ? path.resolve(dir, m[1].trim()) : null;
}

function objectFormat(commonDir: string): RepoOnDisk['objectFormat'] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(commonDir, 'config'), 'utf8');
  } catch {
    return 'sha1';
  }
  return parseConfigFile(text).get('extensions.objectformat')?.at(-1)?.toLowerCase() === 'sha256' ? 'sha256' : 'sha1';
}

/** The path git stores for `abs`, or null outside the work tree or inside `.git`. */
export function repoPath(repo: RepoOnDisk, abs: string): string | null {
  const rel = path.relative(repo.workTree, abs);
  if (rel === '' || path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) return null;
  const parts = rel.split(path.sep);
  return parts[0] === '.git' ? null : parts.join('/');
}
