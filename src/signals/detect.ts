/**
 * Detectors: pure functions from inputs already read to Signal[], each signal quoting what it saw.
 * Nothing here decides or blocks; src/decide weighs the signals against the policy.
 */
import type { Identity } from '../git/engine.js';
import { POLICY_PATH } from '../layout.js';
import type { AssistantRules } from '../policy/policy.js';
import { catalog, type EnvironmentEntry, type PatternEntry } from './catalog.js';
import type { Signal } from './signal.js';
import { parseTrailers, type TrailerOptions } from './trailers.js';

const POLICY = 'policy';
const ENV_VALUE_MAX = 80;
const MARKER_EVIDENCE_MAX = 120;
/** git's buffer_is_binary looks for a NUL in the first 8000 bytes. */
const BINARY_PROBE = 8000;
const decoder = new TextDecoder();

/** Policy regexes may carry the g or y flag; search() ignores lastIndex, so no call depends on the one before. */
function matches(re: RegExp, text: string): boolean {
  return text.search(re) !== -1;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

interface Rule {
  readonly assistant: string;
  readonly rule: string;
  readonly re: RegExp;
}

function catalogRules(kind: PatternEntry['kind'], rules: AssistantRules): Rule[] {
  if (!rules.builtin) return [];
  return catalog()
    .filter((e): e is PatternEntry => e.kind === kind)
    .map((e) => ({ assistant: e.assistant, rule: e.id, re: e.pattern }));
}

function policyRules(list: readonly RegExp[], key: string): Rule[] {
  return list.map((re, i) => ({ assistant: POLICY, rule: `${key}[${i}]`, re }));
}

/** Rules of one kind, and a test that says whether any of them matches a text (one search
 *  where it can, instead of one per rule: most texts match none). */
interface RuleSet {
  readonly list: readonly Rule[];
  readonly any: (text: string) => boolean;
}

/**
 * One regular expression per set of flags, the rules' sources as alternatives: it finds a match
 * where any of them does, and nowhere else. Rules that number or name their groups (a
 * backreference would point elsewhere once joined) are each searched alone.
 */
function ruleSet(list: readonly Rule[]): RuleSet {
  const alone: RegExp[] = [];
  const byFlags = new Map<string, string[]>();
  for (const { re } of list) {
    const flags = re.flags.replace(/[gy]/g, '');
    if (/\\[1-9k]|\(\?</.test(re.source.replace(/\(\?<[=!]/g, ''))) alone.push(re);
    else byFlags.set(flags, [...(byFlags.get(flags) ?? []), `(?:${re.source})`]);
  }
  const joined: RegExp[] = [];
  for (const [flags, sources] of byFlags) {
    try {
      joined.push(new RegExp(sources.join('|'), flags));
    } catch {
      return { list, any: (text) => list.some(({ re }) => matches(re, text)) };
    }
  }
  const all = [...joined, ...alone];
  return { list, any: (text) => all.some((re) => matches(re, text)) };
}

/** The rules of each kind, put together once per policy: a history's every commit asks. */
const compiled = new WeakMap<AssistantRules, { trailer: RuleSet; message: RuleSet; identity: RuleSet }>();
function rulesOf(rules: AssistantRules): { trailer: RuleSet; message: RuleSet; identity: RuleSet } {
  let found = compiled.get(rules);
  if (!found) {
    found = {
      trailer: ruleSet([...catalogRules('trailer', rules), ...policyRules(rules.trailers, 'assistants.trailers')]),
      message: ruleSet(catalogRules('message', rules)),
      identity: ruleSet([...catalogRules('identity', rules), ...policyRules(rules.identities, 'assistants.identities')]),
    };
    compiled.set(rules, found);
  }
  return found;
}

export function environmentSignals(env: NodeJS.ProcessEnv, rules: AssistantRules): Signal[] {
  const signal = (assistant: string, rule: string, name: string, value: string): Signal => ({
    kind: 'environment',
    assistant,
    rule,
    evidence: `${name}=${truncate(value, ENV_VALUE_MAX)}`,
  });
  const signals: Signal[] = [];
  // An empty value counts as unset: it is how people switch a variable off in a shell profile.
  const builtin = rules.builtin ? catalog().filter((e): e is EnvironmentEntry => e.kind === 'environment') : [];
  for (const entry of builtin) {
    const value = env[entry.variable];
    if (value && (!entry.value || matches(entry.value, value))) {
      signals.push(signal(entry.assistant, entry.id, entry.variable, value));
    }
  }
  rules.environment.forEach((name, i) => {
    const value = env[name];
    if (value) signals.push(signal(POLICY, `assistants.environment[${i}]`, name, value));
  });
  return signals;
}

/**
 * A line shaped as a trailer: a token git accepts (letters, digits, '-'), a separator (':' or
 * another punctuation character, as `trailer.separators` allows), a value. Indentation is allowed,
 * since `git merge --squash` indents the squashed commits' messages, and so is a terminal frame's
 * '│' (messages pasted from an agent's TUI); a line quoted with `>` is someone else's message
 * being cited, and prose never starts with a token and a separator.
 */
const TRAILER_LINE = /^[ \t\u2502]*([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*[^\w\s<>][ \t]*(\S.*)$/;
const COAUTHOR_KEY = /^co-authored-by$/i;
/** A co-author value that only credits: a name and an address (in brackets, or bare as some
 *  agents write it), at most a parenthesised note. */
const CREDIT = /^[^<>]*(?:<[^<>]+>|\s[^\s<>@]+@[^\s<>@]+)(?:[ \t]*\([^()]*\))?$/;

/**
 * What a rule's pattern says of the trailer key it can match: the literal start of the key
 * (`^Claude-(?:…` gives `claude-`), and whether that is the whole key (`^Co-authored-by: …`), or
 * null when the pattern does not tell (no literal start, a top-level alternative). A line whose
 * key cannot match is not tested, so a message of many trailer-shaped lines costs little.
 */
interface KeyHint {
  readonly start: string;
  readonly whole: boolean;
}
const keyHints = new WeakMap<RegExp, KeyHint | null>();
function keyHint(re: RegExp): KeyHint | null {
  let hint = keyHints.get(re);
  if (hint === undefined) {
    const lead = /^\^([A-Za-z0-9][A-Za-z0-9-]*)(:?)([?*+{]?)/.exec(re.source);
    if (lead && !hasTopLevelAlternation(re.source)) {
      // A quantifier makes what it follows optional or repeatable: the token's last character,
      // or the colon (then the key may go on).
      const quantified = lead[3] !== '';
      const token = (lead[1] as string).toLowerCase();
      const colon = lead[2] === ':';
      hint = { start: quantified && !colon ? token.slice(0, -1) : token, whole: colon && !quantified };
    } else hint = null;
    keyHints.set(re, hint);
  }
  return hint;
}

function mayMatchKey(re: RegExp, key: string): boolean {
  const hint = keyHint(re);
  return hint === null || (hint.whole ? key === hint.start : key.startsWith(hint.start));
}

/** No credit or session link is this long; a longer value is prose or an attempt to be slow. */
const STRAY_VALUE_MAX = 1000;

/**
 * The lines outside git's trailer block that may hold a trailer: every body line but the subject
 * (a summary, not a credit), and the indented lines git folded into a trailer. A line is also cut
 * at literal `\n` escapes: an agent that runs `git commit -m "Fix\n\nCo-authored-by: ..."` where
 * nothing expands them stores its credit in the middle of one line.
 */
function* strayTrailerCandidates(bodyLines: readonly string[], continuationLines: readonly string[]): Generator<string> {
  let subject = true;
  for (const line of bodyLines) {
    const parts = line.includes('\\n') ? line.split('\\n') : [line];
    let first = 0;
    if (subject && line.trim() !== '') {
      subject = false;
      first = 1;
    }
    for (let i = first; i < parts.length; i++) yield parts[i] as string;
  }
  yield* continuationLines;
}

/**
 * Trailers (catalog and `assistants.trailers`) against each `Key: value` trailer line, and catalog
 * message rules against the other lines. Trailers are found exactly as git finds them, so an
 * assistant named in prose, or a trailer-shaped line inside a prose paragraph, is not a trailer.
 * An assistant's trailer on a line of its own outside the trailer block (a co-author line in a
 * paragraph with `Fixes #1`, above more paragraphs of a squash message, folded under another
 * trailer, with another separator) is still its credit: it is judged by the same trailer rules
 * and reported as a `message-trailer` signal. A co-author line counts there only when it is
 * nothing but a credit, so a sentence that starts with one does not.
 */
export function messageSignals(message: string, rules: AssistantRules, opts: TrailerOptions = {}): Signal[] {
  const { trailers, bodyLines, continuationLines } = parseTrailers(message, opts);
  const signals: Signal[] = [];
  const scan = (kind: 'trailer' | 'message', lines: readonly string[], candidates: RuleSet) => {
    for (const line of lines) {
      if (!candidates.any(line)) continue;
      for (const { assistant, rule, re } of candidates.list) {
        if (matches(re, line)) signals.push({ kind, assistant, rule, evidence: line });
      }
    }
  };
  const { trailer, message: messageRules } = rulesOf(rules);
  const trailerRules = trailer.list;
  scan('trailer', trailers, trailer);
  scan('message', bodyLines, messageRules);
  for (const line of strayTrailerCandidates(bodyLines, continuationLines)) {
    const shaped = TRAILER_LINE.exec(line);
    if (!shaped) continue;
    const key = shaped[1] as string;
    const value = (shaped[2] as string).trimEnd();
    if (value.length > STRAY_VALUE_MAX || (COAUTHOR_KEY.test(key) && !CREDIT.test(value))) continue;
    const lower = key.toLowerCase();
    for (const { assistant, rule, re } of trailerRules) {
      if (mayMatchKey(re, lower) && matches(re, `${key}: ${value}`)) {
        signals.push({ kind: 'message-trailer', assistant, rule, evidence: line.trim() });
      }
    }
  }
  return signals;
}

export function identitySignals(people: readonly { role: 'author' | 'committer'; identity: Identity }[], rules: AssistantRules): Signal[] {
  const candidates = rulesOf(rules).identity;
  const signals: Signal[] = [];
  for (const { role, identity } of people) {
    const text = `${identity.name} <${identity.email}>`;
    if (!candidates.any(text)) continue;
    for (const { assistant, rule, re } of candidates.list) {
      if (matches(re, text)) signals.push({ kind: 'identity', assistant, rule, evidence: `${role}: ${text}` });
    }
  }
  return signals;
}

/** What a recorded commit carries by itself: its message and its author's and committer's identities. */
export function commitSignals(commit: { readonly message: string; readonly author: Identity; readonly committer: Identity }, rules: AssistantRules): Signal[] {
  return [
    ...messageSignals(commit.message, rules),
    ...identitySignals(
      [
        { role: 'author', identity: commit.author },
        { role: 'committer', identity: commit.committer },
      ],
      rules,
    ),
  ];
}

/**
 * The repository's policy file holds its own markers as text: a marker never flags that one file
 * at that one path (git's bytes, no case folding), so a person can commit the policy that defines
 * them. Every other signal still judges it, and the same text anywhere else is flagged as always.
 */
function markersApplyTo(path: string): boolean {
  return path !== POLICY_PATH;
}

/** Policy content markers (e.g. a generator's banner comment) in the lines a change adds. */
export function markerSignals(path: string, added: readonly { line: number; text: string }[], rules: AssistantRules): Signal[] {
  if (!markersApplyTo(path)) return [];
  const candidates = policyRules(rules.markers, 'assistants.markers');
  const signals: Signal[] = [];
  for (const { line, text } of added) {
    for (const { assistant, rule, re } of candidates) {
      if (!matches(re, text)) continue;
      const evidence = truncate(text.trim(), MARKER_EVIDENCE_MAX);
      signals.push({ kind: 'marker', assistant, rule, evidence, path, line });
    }
  }
  return signals;
}

/** The whole-text form of each marker: `m` so that ^ and $ still meet every line's ends. */
const wholeText = new WeakMap<RegExp, RegExp | null>();
function wholeTextForm(re: RegExp): RegExp | null {
  let found = wholeText.get(re);
  if (found === undefined) {
    // A lookaround may see the neighbouring line's text (or a CR) where a lone line has nothing.
    found = /\(\?<?[=!]/.test(re.source) ? null : new RegExp(re.source, `${re.flags.replace(/[gym]/g, '')}m`);
    wholeText.set(re, found);
  }
  return found;
}

/**
 * Whether any line of this text (blobText of a file's content) could hold a policy marker: false
 * means no added line can, since added lines are some of these. One search of the whole text per
 * marker instead of one per line, and the old content need not be read at all. A marker with a
 * lookaround is not trusted to the whole-text search: it answers true.
 */
export function mayHoldMarker(text: string, rules: AssistantRules): boolean {
  return rules.markers.some((re) => {
    const whole = wholeTextForm(re);
    return whole === null || matches(whole, text);
  });
}

/**
 * Whether raw content could hold a policy marker, judged from its bytes: false when every marker
 * has a run of ASCII text that any match must contain, and the content lacks it. UTF-8 decoding
 * keeps each ASCII byte as itself and makes no ASCII from other bytes, so such content's text
 * (blobText) cannot match either, and a staged file without any marker's text is never decoded.
 */
export function mayHoldMarkerBytes(content: Uint8Array, rules: AssistantRules): boolean {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return rules.markers.some((re) => {
    const literal = requiredLiteral(re);
    return literal === null || bytes.includes(literal);
  });
}

/** Each marker's literal as bytes (a string needle is converted on every search), null for none. */
const literals = new WeakMap<RegExp, Buffer | null>();
function requiredLiteral(re: RegExp): Buffer | null {
  let found = literals.get(re);
  if (found === undefined) {
    const text = literalOf(re);
    literals.set(re, (found = text === '' ? null : Buffer.from(text, 'latin1')));
  }
  return found;
}

/** The characters a regex source escapes to mean themselves (u mode's syntax characters and "/"). */
const SELF_ESCAPES = '^$\\.*+?()[]{}|/';

/**
 * The longest run of ASCII characters that every match of `re` contains in order, or '' when none
 * is certain. Deliberately narrow: read from the start at the top level, it stops at the first
 * group, class, quantified character or escape other than a literal or \b / \B, and gives up on
 * top-level alternation and on case-insensitive or v-mode patterns. Anything it misses costs only
 * a decode.
 */
function literalOf(re: RegExp): string {
  if (/[iv]/.test(re.flags) || hasTopLevelAlternation(re.source)) return '';
  const src = re.source;
  let best = '';
  let run = '';
  const endRun = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      run = run.slice(0, -1); // the quantified character may be absent or repeated
      break;
    }
    if (c === '^' || c === '$' || c === '.') {
      endRun();
      continue;
    }
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (next === 'b' || next === 'B') {
        endRun();
        i++;
        continue;
      }
      if (next === '' || !SELF_ESCAPES.includes(next)) break;
      run += next;
      i++;
      continue;
    }
    if (c === '(' || c === '[' || c.charCodeAt(0) > 0x7f) break;
    run += c;
  }
  endRun();
  return best;
}

/** Whether `source` has a `|` outside every group and class (escapes skipped). */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The content as text, or null when it is binary as git judges it (a NUL in the first 8000 bytes). */
export function blobText(content: Uint8Array): string | null {
  return content.subarray(0, BINARY_PROBE).includes(0) ? null : decoder.decode(content);
}

/** A text's lines: a final newline ends the last line, and a CR before a newline is dropped. */
export function textLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * Lines of `newContent` not present in `oldContent`, counted as multisets (a line that appears
 * twice more than before is added twice), with 1-based line numbers in the new content. Order and
 * moves are ignored on purpose: a marker that was already there is not new work. Returns null when
 * the new content is binary; a binary old side counts as having no lines.
 */
export function addedLines(oldContent: Uint8Array | null, newContent: Uint8Array): { line: number; text: string }[] | null {
  const newText = blobText(newContent);
  return newText === null ? null : addedTextLines(oldContent ? blobText(oldContent) : null, newText);
}

/** addedLines for contents already decoded (blobText); a binary old side is null. */
export function addedTextLines(oldText: string | null, newText: string): { line: number; text: string }[] {
  const remaining = new Map<string, number>();
  if (oldText !== null) {
    for (const text of textLines(oldText)) remaining.set(text, (remaining.get(text) ?? 0) + 1);
  }
  const added: { line: number; text: string }[] = [];
  textLines(newText).forEach((text, i) => {
    const left = remaining.get(text) ?? 0;
    if (left > 0) remaining.set(text, left - 1);
    else added.push({ line: i + 1, text });
  });
  return added;
}

/**
 * Content larger than this is never decoded whole: a V8 string stops near 512 MiB ("Cannot create
 * a string longer than 0x1fffffe8 characters"), and a string of hundreds of MiB is a memory spike
 * besides. Such content is searched for markers a window at a time (markerSignalsInLarge).
 */
export const WHOLE_TEXT_MAX = 32 << 20;
/** The window a large text is read in: whole lines, up to this many bytes. */
export const TEXT_WINDOW = 4 << 20;
/**
 * A line longer than a window is read in pieces of a window each, every piece starting this many
 * bytes before the previous one ended: a marker match up to this long is found wherever it lies
 * in the line; a longer match that straddles two pieces is not (markers are short banners and
 * canaries; a policy regex has no length bound a search could rely on).
 */
export const WINDOW_OVERLAP = 64 << 10;

const NL = 0x0a;
const CR = 0x0d;

/** Whether git would call this content binary (a NUL in the first 8000 bytes). */
export const isBinary = (content: Uint8Array): boolean => content.subarray(0, BINARY_PROBE).includes(0);

/** A piece of a large text: whole lines, or a piece of one line longer than a window. */
interface TextPiece {
  readonly text: string;
  /** 1-based number of the piece's first line. */
  readonly firstLine: number;
  /** Byte offset of the piece's first line in the content, and of the end of its last line. */
  readonly start: number;
  readonly end: number;
  /** True when the piece is part of a line longer than the window. */
  readonly partial: boolean;
}

/** Backs up from `at` to the start of a UTF-8 character, so no piece splits one. */
function charStart(content: Uint8Array, at: number, floor: number): number {
  let i = at;
  while (i > floor && ((content[i] as number) & 0xc0) === 0x80) i--;
  return i;
}

/**
 * The content as pieces of at most `window` bytes (plus `overlap` for a long line's pieces):
 * whole lines where a line fits, so each line is searched as a whole as the small path searches it.
 */
export function* textPieces(content: Uint8Array, window = TEXT_WINDOW, overlap = WINDOW_OVERLAP): Generator<TextPiece> {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    const limit = Math.min(bytes.length, start + window);
    const lastNl = limit === bytes.length ? bytes.length - 1 : bytes.lastIndexOf(NL, limit - 1);
    if (limit === bytes.length || lastNl >= start) {
      // Whole lines up to the last newline inside the window (or the end of the content).
      const end = limit === bytes.length ? bytes.length : lastNl + 1;
      const text = decoder.decode(bytes.subarray(start, end));
      yield { text, firstLine: line, start, end, partial: false };
      for (let i = bytes.indexOf(NL, start); i >= 0 && i < end; i = bytes.indexOf(NL, i + 1)) line++;
      start = end;
      continue;
    }
    // One line longer than the window: pieces of it, each overlapping the one before.
    const nl = bytes.indexOf(NL, start);
    const lineEnd = nl < 0 ? bytes.length : nl + 1;
    for (let from = start; from < lineEnd; ) {
      const to = Math.min(lineEnd, charStart(bytes, from + window, from + 1));
      yield { text: decoder.decode(bytes.subarray(from, to)), firstLine: line, start, end: lineEnd, partial: true };
      if (to === lineEnd) break;
      from = charStart(bytes, Math.max(from + 1, to - overlap), from + 1);
    }
    line++;
    start = lineEnd;
  }
}

/** The bytes of one line without its newline and a CR before it (as textLines gives its text). */
function lineBytes(content: Buffer, start: number, end: number): Buffer {
  let e = end;
  if (e > start && content[e - 1] === NL) e--;
  if (e > start && content[e - 1] === CR) e--;
  return content.subarray(start, e);
}

/** How often `line` occurs as a whole line of `content`, before byte `before` (default: anywhere). */
function occurrences(content: Buffer, line: Buffer, before = content.length): number {
  let count = 0;
  // An empty line can only be found at a line's start: step from line start to line start.
  const next = (at: number) => (line.length > 0 ? content.indexOf(line, at + 1) : ((n) => (n < 0 || n + 1 >= content.length ? -1 : n + 1))(content.indexOf(NL, at)));
  for (let at = line.length > 0 ? content.indexOf(line, 0) : 0; at >= 0 && at < before; at = next(at)) {
    if (at > 0 && content[at - 1] !== NL) continue;
    let after = at + line.length;
    if (content[after] === CR) after++;
    if (after === content.length || content[after] === NL) count++;
  }
  return count;
}

/**
 * markerSignals for content too large to decode whole (WHOLE_TEXT_MAX): the same signals, with
 * the same line numbers and the same notion of an added line (a line occurring more often than in
 * the old content; the later occurrences are the added ones), found a window at a time. Only
 * lines that hold a marker are compared with the old content, as bytes. `before` is the old
 * content, null when there is none or it is binary.
 */
export function markerSignalsInLarge(path: string, before: Uint8Array | null, after: Uint8Array, rules: AssistantRules, window = TEXT_WINDOW, overlap = WINDOW_OVERLAP): Signal[] {
  if (isBinary(after) || !markersApplyTo(path)) return [];
  const asBuffer = (c: Uint8Array) => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  const content = asBuffer(after);
  const old = before && !isBinary(before) ? asBuffer(before) : null;
  const candidates = policyRules(rules.markers, 'assistants.markers');
  const signals: Signal[] = [];
  /** Per whole line's text: how often it occurs in the old content, and how often seen so far. */
  const counts = new Map<string, { old: number; seen: number }>();
  const isAdded = (text: string, bytes: Buffer, lineStart: number, partial: boolean): boolean => {
    if (partial) return occurrences(content, bytes, lineStart) + 1 > (old ? occurrences(old, bytes) : 0);
    let c = counts.get(text);
    if (!c) counts.set(text, (c = { old: old ? occurrences(old, bytes) : 0, seen: 0 }));
    return ++c.seen > c.old;
  };
  // A long line's pieces overlap: each marker is reported once per line, and whether the line is
  // added is worked out once.
  const reported = new Set<string>();
  let longLine = { line: 0, added: false };
  for (const piece of textPieces(content, window, overlap)) {
    if (!mayHoldMarker(piece.text, rules)) continue;
    if (piece.partial) {
      const hits = candidates.filter(({ re }) => matches(re, piece.text) && !reported.has(`${piece.firstLine}\0${re.source}`));
      if (hits.length === 0) continue;
      if (longLine.line !== piece.firstLine) longLine = { line: piece.firstLine, added: isAdded('', lineBytes(content, piece.start, piece.end), piece.start, true) };
      if (!longLine.added) continue;
      for (const { assistant, rule, re } of hits) {
        reported.add(`${piece.firstLine}\0${re.source}`);
        signals.push({ kind: 'marker', assistant, rule, evidence: truncate(piece.text.trim(), MARKER_EVIDENCE_MAX), path, line: piece.firstLine });
      }
      continue;
    }
    let offset = piece.start;
    textLines(piece.text).forEach((text, i) => {
      const lineStart = offset;
      const nl = content.indexOf(NL, lineStart);
      offset = nl < 0 || nl >= piece.end ? piece.end : nl + 1;
      const hits = candidates.filter(({ re }) => matches(re, text));
      const line = piece.firstLine + i;
      if (hits.length === 0) return;
      if (!isAdded(text, lineBytes(content, lineStart, offset), lineStart, false)) return;
      for (const { assistant, rule } of hits) signals.push({ kind: 'marker', assistant, rule, evidence: truncate(text.trim(), MARKER_EVIDENCE_MAX), path, line });
    });
  }
  return signals;
}

/** The agent to name in an `Assisted-by:` trailer: the first specific assistant seen, or null without signals. */
export function assistantLabel(signals: readonly Signal[]): string | null {
  if (signals.length === 0) return null;
  const specific = signals.find((s) => s.assistant !== POLICY && s.assistant !== 'generic');
  return specific?.assistant ?? 'unknown-assistant';
}
