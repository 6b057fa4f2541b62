// Protect globs, matched against the whole git path ('/'-separated, relative to the repository
// root, no leading '/'):
// - `*` matches any run of characters within one segment, never '/'; `?` matches one such
//   character. Names starting with '.' get no special treatment, so `*` matches them too.
// - `**` as a whole segment matches zero or more segments (`a/**/b` matches `a/b` and `a/x/y/b`).
//   A pattern ending in `/**` also matches the folder path itself: replacing the folder with a
//   symlink or submodule of that name is a change to exactly that path.
// - `[abc]`, `[a-z]`, `[!abc]` (or `[^abc]`) match one character of a class; a `]` right after
//   the opening bracket is literal. There is no backslash escape, so a class like `[*]` is how to
//   match a literal `*`, `?`, `[` or `{`.
// - `{a,b}` alternatives are expanded first, so they may span '/' (`{benchmarks,evals}/**`);
//   they do not nest.
// - Letters match regardless of case unless the policy asks for case sensitivity, and pattern and
//   path are both compared in Unicode NFC. Case-insensitive file systems (macOS, Windows) put
//   `Benchmarks/x` in the folder `benchmarks`, and macOS treats a decomposed `naïve` as the composed
//   one, so a variant spelling of a protected path must not slip past its rule.
// - For the same reason a path is matched as a checkout on those systems would write it
//   (checkoutName): Windows drops trailing dots and spaces from a name (`benchmarks./x`), reads
//   `\` as a separator and `name:stream` as a stream of `name` (`benchmarks::$INDEX_ALLOCATION/x`
//   is inside the folder), and opens a folder by its 8.3 short name (`BENCHM~1/x`, or the hashed
//   form `BE1F3A~1`): every segment also matches as any short name it could have. macOS (HFS+)
//   ignores some invisible code points in names (`bench\u200Cmarks/x`). git itself refuses these
//   spellings only for `.git` and its own files.

class BadGlob extends Error {}

/** Brace groups multiply; past this a pattern is a mistake, not a policy. */
const MAX_ALTERNATIVES = 256;

/** ASCII text is already NFC, and skipping normalize() halves the cost of a match. */
const NON_ASCII = /[^\x00-\x7F]/;
/** ASCII that a Windows checkout may write somewhere other than where it reads: short names,
 *  streams, backslashes, trailing dots and spaces. */
const MAY_ALIAS = /[~:\\]|[. ](?:\/|$)/;
/** The code points HFS+ ignores in names (git's is_hfs_dotgit skips the same list). */
const HFS_IGNORABLE = /[\u200C-\u200F\u202A-\u202E\u206A-\u206F\uFEFF]/g;
const HFS_IGNORABLE_ONE = new RegExp(HFS_IGNORABLE.source);

/** `undefined` when `pattern` is a valid glob, else `<what is wrong>; expected <what is expected>`. */
export function globError(pattern: string): string | undefined {
  try {
    globSource(pattern);
    return undefined;
  } catch (e) {
    if (e instanceof BadGlob) return e.message;
    throw e;
  }
}

/**
 * An `exclude:` glob: matched exactly as written, never as a checkout may fold it. A protect glob
 * is broad on purpose (every spelling that lands in the folder is inside it); an exception must be
 * narrow for the same reason, or `README.md` would also let through `readme.MD`, `README.md.`,
 * `README.md:x` or `READ~1.MD`, each a file of its own on Linux, and on Windows or macOS possibly
 * one that lands somewhere else. So letter case and Unicode form count, no short name matches, and
 * a path that any checkout would write under another spelling is never excluded.
 * Callers validate with globError first.
 */
export function compileExclude(pattern: string): (path: string) => boolean {
  const re = new RegExp(globSource(pattern, false), 'u');
  return (path) => !MAY_ALIAS.test(path) && !HFS_IGNORABLE_ONE.test(path) && path === path.normalize('NFC') && re.test(path);
}

/** A protect entry's matchers: its pattern, less its excludes (see ProtectRule). */
export function compileRule<T extends { readonly pattern: string; readonly exclude: readonly string[] }>(
  entry: T,
  caseSensitive: boolean,
): T & { matches(path: string): boolean; reaches(path: string): boolean } {
  const reaches = compileGlob(entry.pattern, caseSensitive);
  if (entry.exclude.length === 0) return { ...entry, matches: reaches, reaches };
  const excluded = entry.exclude.map(compileExclude);
  return { ...entry, matches: (path: string) => reaches(path) && !excluded.some((x) => x(path)), reaches };
}

/** Callers validate with globError first: an invalid pattern here is a bug, so it throws. */
export function compileGlob(pattern: string, caseSensitive: boolean): (path: string) => boolean {
  const re = new RegExp(globSource(pattern), caseSensitive ? 'u' : 'iu');
  const prefix = caseSensitive ? requiredPrefix(pattern) : requiredPrefix(pattern).toLowerCase();
  // A history scan asks about every path of every commit (a first commit may hold 100,000 of
  // them): most fail at their first characters, without the regex.
  // Every spelling a checkout folds starts with the first character, in one case or the other, or
  // (a short name drops leading dots) with the first after the dots.
  const first = prefix === '' ? -1 : prefix.charCodeAt(0) | 0x20;
  const afterDots = prefix.replace(/^\.+/, '');
  const shortFirst = afterDots === '' ? -1 : afterDots.charCodeAt(0) | 0x20;
  return (path) => {
    if (NON_ASCII.test(path)) return re.test(checkoutName(path));
    const c = path.charCodeAt(0) | 0x20;
    if (first >= 0 && c !== first && c !== shortFirst) return false;
    return MAY_ALIAS.test(path) ? re.test(checkoutName(path)) : startsWith(path, prefix, !caseSensitive) && re.test(path);
  };
}

/**
 * The path a Windows or macOS checkout writes `path` to, short of case (the regex folds that) and
 * of short names (each glob segment also matches its short forms): HFS+'s ignorable code points
 * dropped, NFC, `\` as `/`, a `:stream` suffix dropped, trailing dots and spaces dropped.
 */
function checkoutName(path: string): string {
  return path
    .replace(HFS_IGNORABLE, '')
    .normalize('NFC')
    .split(/[/\\]/)
    .map((seg) => {
      const stream = seg.indexOf(':');
      const name = stream > 0 ? seg.slice(0, stream) : seg;
      const trimmed = name.replace(/[. ]+$/, '');
      return trimmed === '' ? name : trimmed;
    })
    .join('/');
}

/**
 * ASCII text that every path the glob matches starts with ('' when there is none to rely on): up
 * to the first wildcard, class or brace, short of a "/" that may precede a final "**" (which also
 * matches the folder itself). Only ASCII: there, ignoring case is just A-Z against a-z.
 */
function requiredPrefix(pattern: string): string {
  const nfc = pattern.normalize('NFC');
  const wild = nfc.search(/[*?[{]/);
  const literal = wild < 0 ? nfc : nfc.slice(0, wild);
  const prefix = literal.endsWith('/') ? literal.slice(0, -1) : literal;
  return NON_ASCII.test(prefix) ? '' : prefix;
}

function startsWith(path: string, prefix: string, ignoreCase: boolean): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = path.charCodeAt(i);
    if ((ignoreCase && c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** `aliases`: also match each segment's 8.3 short names (protect globs; never exclude globs). */
function globSource(raw: string, aliases = true): string {
  const pattern = raw.normalize('NFC');
  const quoted = JSON.stringify(raw);
  if (pattern === '') throw new BadGlob('empty glob; expected a path pattern such as "benchmarks/**"');
  if (pattern.includes('\\')) {
    throw new BadGlob(`glob ${quoted} contains a backslash; expected "/" between segments (a class like [*] matches a literal wildcard)`);
  }
  const alternatives = expandBraces(pattern, quoted).map((alt) => alternativeSource(alt, quoted, aliases));
  return `^(?:${alternatives.join('|')})$`;
}

/** Splits out `{a,b}` groups, skipping character classes so `[{]` stays a literal brace. */
function expandBraces(pattern: string, quoted: string): string[] {
  const parts: string[][] = [];
  let literal = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '[') {
      const end = classEnd(pattern, i, quoted);
      literal += pattern.slice(i, end + 1);
      i = end + 1;
    } else if (c === '}') {
      throw new BadGlob(`glob ${quoted} has a "}" without a "{"; expected "{" and "}" in pairs`);
    } else if (c === '{') {
      const group: string[] = [];
      let alt = '';
      let j = i + 1;
      for (;;) {
        const d = pattern[j];
        if (d === undefined) throw new BadGlob(`glob ${quoted} has an unclosed "{"; expected "{" and "}" in pairs`);
        if (d === '{') throw new BadGlob(`glob ${quoted} nests "{" inside "{"; expected flat alternatives like {a,b}`);
        if (d === '}') break;
        if (d === '[') {
          const end = classEnd(pattern, j, quoted);
          alt += pattern.slice(j, end + 1);
          j = end + 1;
          continue;
        }
        if (d === ',') {
          group.push(alt);
          alt = '';
        } else {
          alt += d;
        }
        j++;
      }
      group.push(alt);
      parts.push([literal], group);
      literal = '';
      i = j + 1;
    } else {
      literal += c;
      i++;
    }
  }
  parts.push([literal]);
  const count = parts.reduce((n, p) => n * p.length, 1);
  if (count > MAX_ALTERNATIVES) {
    throw new BadGlob(`glob ${quoted} expands to ${count} alternatives; expected at most ${MAX_ALTERNATIVES} (split it into several protect entries)`);
  }
  return parts.reduce<string[]>((acc, p) => acc.flatMap((prefix) => p.map((s) => prefix + s)), ['']);
}

/** Index of the `]` closing the class that opens at `start`. */
function classEnd(pattern: string, start: number, quoted: string): number {
  let j = start + 1;
  if (pattern[j] === '!' || pattern[j] === '^') j++;
  if (pattern[j] === ']') j++;
  for (; j < pattern.length; j++) {
    if (pattern[j] === ']') return j;
    if (pattern[j] === '/') break;
  }
  throw new BadGlob(`glob ${quoted} has an unclosed "["; expected a character class like [abc] or [!abc] within one segment`);
}

function alternativeSource(alt: string, quoted: string, aliases: boolean): string {
  if (alt === '') throw new BadGlob(`glob ${quoted} has an alternative that is empty; expected every alternative to name a path`);
  if (alt.startsWith('/')) throw new BadGlob(`glob ${quoted} starts with "/"; expected a path relative to the repository root`);
  if (alt.endsWith('/')) throw new BadGlob(`glob ${quoted} ends with "/"; expected a path, like "dir/**" for a folder and everything in it`);
  const segments: string[] = [];
  for (const seg of alt.split('/')) {
    if (seg === '') throw new BadGlob(`glob ${quoted} has an empty segment ("//"); expected segments separated by a single "/"`);
    if (seg === '.' || seg === '..') {
      throw new BadGlob(`glob ${quoted} has a "${seg}" segment; expected a path inside the repository without "." or ".." segments`);
    }
    // `**/**` means the same as `**`; collapsing keeps the regex linear.
    if (!(seg === '**' && segments[segments.length - 1] === '**')) segments.push(seg);
  }
  if (segments.length === 1 && segments[0] === '**') return '[^/]+(?:/[^/]+)*';
  const folderItself = segments[segments.length - 1] === '**';
  if (folderItself) segments.pop();
  const body = segments
    .map((seg, i) => {
      if (seg === '**') return '(?:[^/]+/)*';
      const name = aliases ? `(?:${segmentSource(seg, quoted)}|${shortNameSource(seg)})` : `(?:${segmentSource(seg, quoted)})`;
      return `${name}${i < segments.length - 1 ? '/' : ''}`;
    })
    .join('');
  return folderItself ? `${body}(?:/[^/]+)*` : body;
}

/**
 * The 8.3 short names Windows may give a name the segment matches: its first character after any
 * leading dots (either case; short names are upper case), up to five more, `~` and a number, and
 * an extension of up to three characters. Broad on purpose: which number, and whether the hashed
 * form is used, depends on what else the folder held when the name was made.
 */
function shortNameSource(seg: string): string {
  const first = (seg.replace(/^\.+/, '') || seg)[0] as string;
  const lead = /[*?[{]/.test(first) ? '[^/~]' : `[${classChar(first.toLowerCase())}${classChar(first.toUpperCase())}]`;
  return `${lead}[^/~]{0,5}~[0-9]+(?:\\.[^/.~]{0,3})?`;
}

function segmentSource(seg: string, quoted: string): string {
  const chars = Array.from(seg);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === '*') {
      while (chars[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      i = classSource(chars, i, quoted, (s) => (out += s));
    } else {
      out += c.replace(/[\^$\\.*+?()[\]{}|]/, '\\$&');
    }
  }
  return out;
}

/** Emits the class opening at `chars[start]` (known to be closed) and returns the index of its `]`. */
function classSource(chars: string[], start: number, quoted: string, emit: (s: string) => void): number {
  let i = start + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const members: string[] = [];
  for (let first = true; i < chars.length && (first || chars[i] !== ']'); first = false) members.push(chars[i++] as string);
  let out = '';
  for (let k = 0; k < members.length; k++) {
    const lo = members[k] as string;
    const hi = members[k + 2];
    if (members[k + 1] === '-' && hi !== undefined) {
      if ((lo.codePointAt(0) as number) > (hi.codePointAt(0) as number)) {
        throw new BadGlob(`glob ${quoted} has the range ${lo}-${hi}, which is reversed; expected the lower character first, as in ${hi}-${lo}`);
      }
      out += `${classChar(lo)}-${classChar(hi)}`;
      k += 2;
    } else {
      out += classChar(lo);
    }
  }
  emit(negated ? `[^/${out}]` : `[${out}]`);
  return i;
}

function classChar(c: string): string {
  return /[\\\][^-]/.test(c) ? `\\${c}` : c;
}
