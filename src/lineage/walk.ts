/**
 * Two passes over history, each one streamed `git log`: the first reads only each commit's
 * identities and message (no diff: most of what git spends on a long `log --raw` is diffing
 * commits whose writes nobody keeps) to find the assistant-made commits and those a git-ai note
 * speaks for; the second diffs just those (`--no-walk`, in the first pass's order). Every other
 * commit is parsed and let go, so memory stays flat in the length of the history.
 */
import type { Identity } from '../git/engine.js';
import { gitOk } from '../git/exec.js';
import type { RepoContext } from '../git/repo.js';
import type { AssistantRules } from '../policy/policy.js';
import { parseIdent } from '../git/objects.js';
import { assistantLabel, commitSignals, identitySignals } from '../signals/detect.js';
import { REGULAR_FILE_MODES } from '../git/modes.js';

/** A file an assistant-made commit wrote (added, modified or retyped), against its first parent. */
export interface AssistantWrite {
  readonly commit: string;
  readonly assistant: string;
  readonly path: string;
  /** The blob this path held before (a modification), whose lines are not the assistant's. */
  readonly oldOid: string | null;
  readonly newOid: string;
  /** For a commit whose own signals say nothing: its git-ai note, which must attribute this path
   *  to an AI for the write to count (gate.ts reads it). */
  readonly note?: string;
}

/**
 * Each commit's record ends with `END<its own id>`: a message cannot hold its own commit's id, so
 * no message can fake the end of its record (or the start of the next). Author and committer are
 * taken as stored: no mailmap (a pushed .mailmap must not rename an assistant into a person).
 */
const FORMAT = '--format=%H %P%x00%an%x00%ae%x00%cn%x00%ce%x00%B%x00END%H';
const LOG_ARGS = ['-c', 'log.showSignature=false', 'log', '--stdin', '-z', '--no-use-mailmap', '--no-color', FORMAT];
/** The second pass: each listed commit's writes against its first parent. */
const RAW_ARGS = [...LOG_ARGS, '--raw', '--no-abbrev', '--no-renames', '--diff-merges=first-parent', '--no-walk=unsorted'];

const NUL = 0;

/**
 * Streams `git log` over `include --not exclude` (ids only: they reach git through --stdin, never
 * as options; `noWalk`: those commits alone) and hands each assistant-made commit's writes to
 * `onWrite`, and those of each commit `noted` holds a git-ai note for (commit → note blob) with
 * that note; `onCommit` hears of every commit read (progress).
 */
export async function walkAssistantWrites(
  repo: RepoContext,
  rules: AssistantRules,
  range: {
    readonly include: readonly string[];
    readonly exclude: readonly string[];
    readonly noWalk?: boolean;
    /** The range's commits that may be assistant-made or noted, already found by whoever read
     *  them all (in walk order; more is harmless: the second pass asks each again): no first pass. */
    readonly candidates?: readonly string[];
  },
  onWrite: (w: AssistantWrite) => void,
  onCommit?: () => void,
  noted: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  if (range.include.length === 0) return;
  for (const id of [...range.include, ...range.exclude, ...(range.candidates ?? [])]) {
    if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(id)) throw new Error(`lineage: "${id.slice(0, 80)}" is not an object id`);
  }
  // Pass one: which commits' writes are kept (commit ids only, so memory stays flat).
  const kept: string[] = range.candidates ? [...range.candidates] : [];
  if (!range.candidates)
    await streamLog(repo, range.noWalk ? [...LOG_ARGS, '--no-walk'] : LOG_ARGS, [...range.include, ...range.exclude.map((id) => `^${id}`)], (buf, pos, eof) =>
      parseLoggedCommit(buf, pos, eof, rules, noted, onCommit, (commit) => kept.push(commit)),
    );
  if (kept.length === 0) return;
  // Pass two: those commits alone, diffed; parseLoggedCommit asks each the same question again.
  await streamLog(repo, RAW_ARGS, kept, (buf, pos, eof) => parseLoggedCommit(buf, pos, eof, rules, noted, undefined, undefined, onWrite));
}

/** Streams one `git log` (`args`, revisions on stdin) through `parse`, a record at a time. */
async function streamLog(
  repo: RepoContext,
  args: readonly string[],
  revisions: readonly string[],
  parse: (buf: Buffer, pos: number, eof: boolean) => { next: number } | null,
): Promise<void> {
  let buf: Buffer = Buffer.alloc(0);
  // A record split across reads is parsed again once more has come: waiting for the buffer to
  // double keeps a huge commit's entries from being rescanned at every read.
  let retryAt = 0;
  const parseAll = (eof: boolean) => {
    if (!eof && buf.length < retryAt) return;
    let pos = 0;
    for (;;) {
      const parsed = parse(buf, pos, eof);
      if (parsed === null) break;
      pos = parsed.next;
    }
    buf = buf.subarray(pos);
    retryAt = buf.length * 2;
  };
  await gitOk([...args], {
    cwd: repo.cwd,
    env: repo.env,
    input: `${revisions.join('\n')}\n`,
    onStdout: (chunk) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      parseAll(false);
    },
  });
  parseAll(true);
  if (buf.subarray(skipSeparators(buf, 0)).length > 0) throw new Error('lineage: git log ended in the middle of a commit');
}

function skipSeparators(buf: Buffer, pos: number): number {
  while (pos < buf.length && (buf[pos] === NUL || buf[pos] === 0x0a)) pos++;
  return pos;
}

/**
 * One commit's record from `start`, or null when the buffer does not hold all of it yet. A commit
 * that is assistant-made or has a note goes to `onKept`, and its raw entries (when the record has
 * them) to `onWrite`; `onCommit` hears of every commit.
 */
function parseLoggedCommit(
  buf: Buffer,
  start: number,
  eof: boolean,
  rules: AssistantRules,
  noted: ReadonlyMap<string, string>,
  onCommit?: () => void,
  onKept?: (commit: string) => void,
  onWrite?: (w: AssistantWrite) => void,
): { next: number } | null {
  const at = skipSeparators(buf, start);
  const fields: string[] = [];
  let pos = at;
  for (let i = 0; i < 5; i++) {
    const end = buf.indexOf(NUL, pos);
    if (end === -1) return null;
    fields.push(buf.toString('utf8', pos, end));
    pos = end + 1;
  }
  const [head = '', authorName = '', authorEmail = '', committerName = '', committerEmail = ''] = fields;
  const commit = head.split(' ')[0] ?? '';
  const marker = buf.indexOf(`\0END${commit}`, pos, 'latin1');
  if (marker === -1) return null;
  const message = buf.toString('utf8', pos, marker);
  pos = marker + 4 + commit.length;
  // What follows: `\0\n:` starts the raw entries; anything else is the next record or the end.
  if (!eof && buf.length < pos + 3) return null;
  const raw = buf[pos] === NUL && buf[pos + 1] === 0x0a && buf[pos + 2] === 0x3a;
  const author: Identity = { name: authorName, email: authorEmail };
  const committer: Identity = { name: committerName, email: committerEmail };
  const assistant = assistantLabel(commitSignals({ message, author, committer }, rules));
  const note = assistant === null ? noted.get(commit) : undefined;
  onCommit?.();
  if (assistant !== null || note !== undefined) onKept?.(commit);
  if (!raw) return { next: pos };
  pos += 2;
  const writes: AssistantWrite[] = [];
  while (buf[pos] === 0x3a) {
    const metaEnd = buf.indexOf(NUL, pos);
    const pathEnd = metaEnd === -1 ? -1 : buf.indexOf(NUL, metaEnd + 1);
    if (pathEnd === -1) return null;
    if (assistant !== null || note !== undefined) {
      // ":<old mode> <new mode> <old oid> <new oid> <status>"
      const [oldMode = '', newMode = '', oldOid = '', newOid = '', status = ''] = buf.toString('latin1', pos + 1, metaEnd).split(' ');
      if ((status === 'A' || status === 'M' || status === 'T') && REGULAR_FILE_MODES.has(newMode)) {
        const write = {
          commit,
          assistant: assistant ?? 'git-ai',
          path: buf.toString('utf8', metaEnd + 1, pathEnd),
          oldOid: status === 'M' && REGULAR_FILE_MODES.has(oldMode) ? oldOid : null,
          newOid,
        };
        writes.push(note === undefined ? write : { ...write, note });
      }
    }
    pos = pathEnd + 1;
    if (!eof && pos >= buf.length) return null;
  }
  for (const w of writes) onWrite?.(w);
  return { next: pos };
}

/**
 * Whether a commit (its raw object, one the gate found well-formed: tree, parents, one author,
 * one committer, in that order, no NUL) may be one the walk keeps: its own signals, read both as
 * cleanroom reads identities and as `git log` does (split_ident_line trims only a name's trailing
 * blanks), or a commit in another encoding (git log converts it). The walk's second pass asks
 * again, of git log's own reading, so this may say yes too often, never too rarely.
 */
export function mayBeAssistantMade(raw: Buffer, rules: AssistantRules): boolean {
  const blank = raw.indexOf(BLANK_LINE);
  const headerEnd = blank < 0 ? raw.length : blank + 1;
  let author = '';
  let committer = '';
  for (let pos = 0; pos < headerEnd; ) {
    let end = raw.indexOf(0x0a, pos);
    if (end < 0 || end > headerEnd) end = headerEnd;
    if (startsWith(raw, pos, AUTHOR)) author = raw.toString('utf8', pos + AUTHOR.length, end);
    else if (startsWith(raw, pos, COMMITTER)) committer = raw.toString('utf8', pos + COMMITTER.length, end);
    else if (startsWith(raw, pos, ENCODING) && !/^utf-?8$/i.test(raw.toString('latin1', pos + ENCODING.length, end))) return true;
    pos = end + 1;
  }
  const message = blank < 0 ? '' : raw.toString('utf8', blank + 2);
  const people = [author, committer].map((value) => ({ ours: parseIdent(value), git: gitIdent(value) }));
  const [a, c] = people as [{ ours: Identity; git: Identity }, { ours: Identity; git: Identity }];
  if (commitSignals({ message, author: a.ours, committer: c.ours }, rules).length > 0) return true;
  // Most names read the same both ways (no blank around them): asked once.
  const differ = people.filter(({ ours, git }) => ours.name !== git.name).map(({ git }) => ({ role: 'author' as const, identity: git }));
  return differ.length > 0 && identitySignals(differ, rules).length > 0;
}

const BLANK_LINE = Buffer.from('\n\n');
const AUTHOR = Buffer.from('author ');
const COMMITTER = Buffer.from('committer ');
const ENCODING = Buffer.from('encoding ');

function startsWith(raw: Buffer, pos: number, key: Buffer): boolean {
  if (pos + key.length > raw.length) return false;
  for (let i = 0; i < key.length; i++) if (raw[pos + i] !== key[i]) return false;
  return true;
}

/** An identity as git's split_ident_line takes it: the name up to `<`, less trailing blanks. */
function gitIdent(value: string): Identity {
  const open = value.indexOf('<');
  if (open < 0) return { name: value.replace(/[ \t\n\r]+$/, ''), email: '' };
  const close = value.indexOf('>', open + 1);
  return { name: value.slice(0, open).replace(/[ \t\n\r]+$/, ''), email: value.slice(open + 1, close < 0 ? value.length : close) };
}
