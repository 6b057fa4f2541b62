/**
 * Commit-message trailers, found the way git finds them (trailer.c and commit.c's
 * ignore_non_trailer, as of git 2.39). A detector that disagrees with git about which lines are
 * trailers can be steered by prose ("Co-authored-by: Claude …" in a body paragraph) or blinded by
 * layout git accepts, so this is a port of git's rules, checked against git itself in the tests.
 */

export interface TrailerOptions {
  /** core.commentChar; lines starting with it are not part of the message. */
  readonly commentChar?: string;
  /**
   * Treat a line starting with `---` plus whitespace as the start of a patch, as
   * `git interpret-trailers` does by default for e-mailed patches. Off by default: git reads
   * stored commit messages without a divider (`%(trailers)`, `git commit -s`, the sequencer), so a
   * `---` line in a commit message does not hide the trailers below it.
   */
  readonly divider?: boolean;
}

export interface ParsedTrailers {
  /** Trailer lines as `git interpret-trailers --parse` prints them: `Key: value`, unfolded. */
  readonly trailers: string[];
  /** Every other line of the message (without comment lines, a trailing CR, or what follows the
   *  scissors line or the patch divider), including non-trailer lines inside the trailer block. */
  readonly bodyLines: string[];
  /** The indented lines git folded into a trailer above them, as they stand in the message. */
  readonly continuationLines: string[];
}

/** C isspace() in the "C" locale; String.prototype.trim would also eat Unicode spaces git keeps. */
const C_SPACE = new Set([' ', '\t', '\n', '\v', '\f', '\r']);
const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];
const CUT_LINE = '------------------------ >8 ------------------------\n';
const SEPARATORS = ':';

function isSpace(c: string | undefined): boolean {
  return c !== undefined && C_SPACE.has(c);
}

function isAlnum(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

function trimC(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

function nextLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl === -1 ? s.length : nl + 1;
}

/** Start of the line holding the last character before `len` (git's last_line). */
function lastLine(s: string, len: number): number {
  if (len === 0) return -1;
  const nl = s.lastIndexOf('\n', len - 2);
  return len === 1 || nl === -1 ? 0 : nl + 1;
}

function isBlankLine(s: string, i: number): boolean {
  while (i < s.length && s[i] !== '\n' && isSpace(s[i])) i++;
  return i >= s.length || s[i] === '\n';
}

/** Offset of the separator in a `token[ \t]*:` line, or -1 (git's find_separator). */
function findSeparator(s: string, start: number): number {
  let whitespaceFound = false;
  for (let c = start; c < s.length; c++) {
    const ch = s[c] as string;
    if (SEPARATORS.includes(ch)) return c - start;
    if (!whitespaceFound && (isAlnum(ch) || ch === '-')) continue;
    if (c !== start && (ch === ' ' || ch === '\t')) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

function findPatchStart(s: string): number {
  for (let i = 0; i < s.length; i = nextLine(s, i)) {
    if (s.startsWith('---', i) && isSpace(s[i + 3])) return i;
  }
  return s.length;
}

/** Where `git commit -v`'s scissors line starts, or `len` (git's wt_status_locate_end). */
function locateScissors(s: string, len: number, commentChar: string): number {
  const pattern = `\n${commentChar} ${CUT_LINE}`;
  if (s.startsWith(pattern.slice(1))) return 0;
  const at = s.indexOf(pattern);
  return at === -1 ? len : at + 1;
}

/**
 * End of the region that may hold trailers: trailing comments, empty lines and an old-style
 * `Conflicts:` block are skipped (git's ignore_non_trailer). Like git, the scan runs to the scissors
 * even when that lies past the patch divider.
 */
function findTrailerEnd(s: string, cutoff: number, commentChar: string): number {
  let boc = 0;
  let inConflicts = false;
  for (let bol = 0; bol < cutoff; bol = nextLine(s, bol)) {
    if (s.startsWith(commentChar, bol) || s[bol] === '\n') {
      if (!boc) boc = bol;
    } else if (s.startsWith('Conflicts:\n', bol)) {
      inConflicts = true;
      if (!boc) boc = bol;
    } else if (inConflicts && s[bol] === '\t') {
      // a path listed in the conflicts block
    } else if (boc) {
      boc = 0;
      inConflicts = false;
    }
  }
  return boc || cutoff;
}

/**
 * Start of the trailer block: the last paragraph after the title whose lines are all trailers
 * (continuations allowed), or which holds a git-generated trailer and is at least 25% trailers.
 * Returns `len` when there is none (git's find_trailer_start).
 */
function findTrailerStart(s: string, len: number, commentChar: string): number {
  let endOfTitle = 0;
  while (endOfTitle < len && (s.startsWith(commentChar, endOfTitle) || !isBlankLine(s, endOfTitle))) {
    endOfTitle = nextLine(s, endOfTitle);
  }

  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  // Indented lines count as part of a trailer only if a trailer line sits above them.
  let possibleContinuationLines = 0;

  lines: for (let l = lastLine(s, len); l >= endOfTitle; l = lastLine(s, l)) {
    if (s.startsWith(commentChar, l)) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(s, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return nextLine(s, l);
      if (trailerLines && !nonTrailerLines) return nextLine(s, l);
      return len;
    }
    onlySpaces = false;

    for (const prefix of GIT_GENERATED_PREFIXES) {
      if (s.startsWith(prefix, l)) {
        trailerLines++;
        possibleContinuationLines = 0;
        recognizedPrefix = true;
        continue lines;
      }
    }

    if (findSeparator(s, l) >= 1 && !isSpace(s[l])) {
      trailerLines++;
      possibleContinuationLines = 0;
    } else if (isSpace(s[l])) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines += 1 + possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return len;
}

/** Lines of a region, each keeping its '\n' as git's strbuf_split does. */
function splitKeep(region: string): string[] {
  return region.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function unfold(value: string): string {
  return trimC(value.replace(/\n[ \t\n\v\f\r]*/g, ' '));
}

function bodyLine(raw: string): string {
  return raw.replace(/\r?\n?$/, '');
}

export function parseTrailers(message: string, opts: TrailerOptions = {}): ParsedTrailers {
  const commentChar = opts.commentChar ?? '#';
  const patchStart = opts.divider ? findPatchStart(message) : message.length;
  const cutoff = locateScissors(message, patchStart, commentChar);
  const end = findTrailerEnd(message, cutoff, commentChar);
  const start = findTrailerStart(message, end, commentChar);

  // Indented lines fold into the trailer above them; other lines stand alone (trailer_info_get).
  const items: string[] = [];
  const continuationLines: string[] = [];
  let foldInto: number | null = null;
  for (const line of splitKeep(message.slice(start, end))) {
    if (foldInto !== null && isSpace(line[0])) {
      items[foldInto] += line;
      continuationLines.push(bodyLine(line));
      continue;
    }
    items.push(line);
    foldInto = findSeparator(line, 0) >= 1 ? items.length - 1 : null;
  }

  const isComment = (line: string) => line.startsWith(commentChar);
  const trailers: string[] = [];
  const blockBody: string[] = [];
  for (const item of items) {
    if (isComment(item)) continue;
    const sep = findSeparator(item, 0);
    if (sep >= 1) trailers.push(`${trimC(item.slice(0, sep))}: ${unfold(item.slice(sep + 1))}`);
    else blockBody.push(item);
  }

  const outside = (region: string) => splitKeep(region).filter((l) => !isComment(l));
  // end lies past cutoff only in git's quirk of a scissors line below the divider (see findTrailerEnd).
  const bodyLines = [...outside(message.slice(0, start)), ...blockBody, ...outside(message.slice(end, Math.max(end, cutoff)))].map(bodyLine);
  return { trailers, bodyLines, continuationLines };
}
