/**
 * Gathers what decide() needs, and only that: changes first, then, for change sets that touch a
 * protected path, the signals (which cost spawns and blob reads). Every hook and command reads
 * its inputs through here, so what a local hook judges is what `check --range` and the server judge.
 */
import fs from 'node:fs';
import path from 'node:path';
import { judgedRule, mayNeedReview } from './decide/decide.js';
import { mayAlias } from './decide/links.js';
import type { ChangeSet } from './decide/verdict.js';
import type { Change, CommitInfo, CommitRange, GitEngine, Identity, ListedCommit, TreeFile } from './git/engine.js';
import { parseIdent } from './git/objects.js';
import type { GitVars } from './git/config.js';
import type { RepoContext } from './git/repo.js';
import type { WellFormedOptions } from './git/well-formed.js';
import type { Policy } from './policy/policy.js';
import { CleanroomError } from './errors.js';
import {
  addedTextLines,
  blobText,
  commitSignals,
  environmentSignals,
  identitySignals,
  markerSignals,
  markerSignalsInLarge,
  mayHoldMarker,
  mayHoldMarkerBytes,
  messageSignals,
  WHOLE_TEXT_MAX,
} from './signals/detect.js';
import { ATTESTATION_DIR, ledgerPath } from './layout.js';
import type { ProvenanceLedger } from './provenance/ledger.js';
import { GIT_AI_NOTES_REF, gitAiSignals } from './provenance/git-ai.js';
import { AGENT_TRACE_FILE, agentTraceSignals, byPath, parseAgentTrace, stagedFile, type TraceAttribution } from './provenance/agent-trace.js';
import { mayHoldRecordedLine, recordedSignals } from './signals/recorded.js';
import type { Signal } from './signals/signal.js';
import type { BlobMemory } from './blob-memory.js';
import { substantiveChunks, type Chunk } from './lineage/chunks.js';
import { CLEAN_BLOBS_MIN, type CleanBlobs } from './signals/clean-blobs.js';
import { loadAttestations, NO_REVIEWS, reviewsOf, type AttestationSet } from './review.js';
import { GITLINK_MODE, REGULAR_FILE_MODES, SYMLINK_MODE } from './git/modes.js';

export interface InspectContext {
  readonly repo: RepoContext;
  readonly vars: GitVars;
  readonly engine: GitEngine;
  readonly policy: Policy;
  /** The index against HEAD, started while the policy was being read (hooks run on every commit). */
  readonly stagedAgainstHead?: Promise<Change[]> | undefined;
  /** Blobs known from earlier runs to hold none of the policy's markers (local hooks only). */
  readonly cleanBlobs?: (() => CleanBlobs | null) | undefined;
  /** What attestation envelopes claim, remembered from earlier runs (local hooks only). */
  readonly attestationClaims?: (() => BlobMemory | null) | undefined;
}

function touchesProtected(policy: Policy, changes: readonly Change[]): boolean {
  return changes.some((c) => judgedRule(policy, c) !== null || mayAlias(policy, c));
}

const LINK_TARGET_MAX = 4096;

/** What each symlink that could show content under a protected path points at (decide/links.ts
 *  judges it); undefined when the changes hold none. */
async function linkTargetsOf(ctx: InspectContext, changes: readonly Change[]): Promise<Map<string, string> | undefined> {
  const links = changes.filter((c) => c.newMode === SYMLINK_MODE && c.newOid && mayAlias(ctx.policy, c));
  if (links.length === 0) return undefined;
  const texts = await Promise.all(links.map((c) => ctx.engine.readBlob(c.newOid as string)));
  // No checkout makes a link from more than PATH_MAX bytes: such a "target" is kept as none (refused).
  return new Map(links.map((c, i) => [c.path, (texts[i] as Uint8Array).length > LINK_TARGET_MAX ? '' : Buffer.from(texts[i] as Uint8Array).toString('utf8')]));
}

/** A change set that touches nothing protected: nothing more to read. */
const unprotected = (commit: string | null, changes: Change[]): ChangeSet => ({
  commit,
  changes,
  signals: [],
  pathSignals: [],
  reviewed: NO_REVIEWS.reviewed,
  rejectedAttestations: [],
});

/** A file whose content holds no signal; for markers alone, a fact about the blob itself. */
const NO_SIGNALS: readonly Signal[] = [];

/**
 * Signals about single protected files: content markers in their added lines, and, at commit
 * time, what the provenance ledger recorded an assistant writing and which added lines an Agent
 * Trace record gives to an AI. The staged blobs are read all at once (readBlobs), each judged as it
 * arrives and then let go. The old side of an edit is read only when the new content could hold
 * a signal in its added lines: a staged folder of a thousand edits is mostly a thousand reads,
 * not two thousand. And where markers are all that is asked of the content, a blob an earlier run
 * found free of them (the same commit's pre-commit, say) is not read at all. `chunked`, when
 * lineage will be asked about the same files, gets the chunks of each regular file read, so
 * lineage reads only what was not.
 */
async function pathSignalsIn(
  ctx: InspectContext,
  changes: readonly Change[],
  ledger: ProvenanceLedger | null,
  traces: ReadonlyMap<string, readonly TraceAttribution[]> | null = null,
  chunked: Map<string, Chunk[]> | null = null,
): Promise<Signal[]> {
  const rules = ctx.policy.assistants;
  if (rules.markers.length === 0 && !ledger && !traces) return [];
  const candidates = changes.filter((c) => c.newOid && c.newMode !== GITLINK_MODE && judgedRule(ctx.policy, c));
  const clean = !ledger && !traces && candidates.length >= CLEAN_BLOBS_MIN ? (ctx.cleanBlobs?.() ?? null) : null;
  const read = clean ? candidates.filter((c) => !clean.has(c.newOid as string)) : candidates;
  const perPath = await ctx.engine.readBlobs(
    read.map((c) => c.newOid as string),
    (i, after) => {
      const c = read[i] as Change;
      if (chunked && REGULAR_FILE_MODES.has(c.newMode ?? '')) chunked.set(c.newOid as string, substantiveChunks(after));
      const found = fileSignals(ctx, c, after, ledger, traces?.get(c.path));
      if (found === NO_SIGNALS) clean?.add(c.newOid as string);
      return found;
    },
  );
  // Most files are answered at once; only the others are awaited (all together, so none of them
  // can fail unheard), and the signals keep the order of the files.
  const awaited = await Promise.all(perPath.filter((found): found is Promise<Signal[]> => !Array.isArray(found)));
  let next = 0;
  return perPath.flatMap((found) => (Array.isArray(found) ? (found as readonly Signal[]) : (awaited[next++] as Signal[])));
}

/** One protected file's signals, from its staged content and, only when that could hold a signal
 *  in its added lines, its old content. Most files hold none: they are answered at once. */
function fileSignals(
  ctx: InspectContext,
  c: Change,
  after: Uint8Array,
  ledger: ProvenanceLedger | null,
  traced: readonly TraceAttribution[] | undefined,
): readonly Signal[] | Promise<Signal[]> {
  const rules = ctx.policy.assistants;
  if (after.length > WHOLE_TEXT_MAX) return largeFileSignals(ctx, c, after, null, ledger);
  // Decoded once for both questions, and only when one of them could be answered yes; binary
  // content has no lines to hold a signal.
  const text = traced !== undefined || ledger !== null || mayHoldMarkerBytes(after, rules) ? blobText(after) : null;
  const linesMatter = traced !== undefined || (text !== null && (mayHoldMarker(text, rules) || (ledger !== null && mayHoldRecordedLine(text, ledger))));
  return linesMatter || ledger ? signalsInLines(ctx, c, after, linesMatter ? text : null, ledger, traced) : NO_SIGNALS;
}

/** `text`: the staged content decoded, when its added lines matter (null when they do not, or
 *  when it is binary and has none). */
async function signalsInLines(
  ctx: InspectContext,
  c: Change,
  after: Uint8Array,
  text: string | null,
  ledger: ProvenanceLedger | null,
  traced: readonly TraceAttribution[] | undefined,
): Promise<Signal[]> {
  const rules = ctx.policy.assistants;
  const before = text !== null && c.oldOid && c.oldMode !== GITLINK_MODE ? await ctx.engine.readBlob(c.oldOid) : null;
  if (before && before.length > WHOLE_TEXT_MAX) return largeFileSignals(ctx, c, after, before, ledger);
  const added = text === null ? null : addedTextLines(before ? blobText(before) : null, text);
  return [
    ...(added ? markerSignals(c.path, added, rules) : []),
    ...(ledger && c.newOid ? recordedSignals(c.path, c.newOid, after, added, ledger, rules.recordedShare) : []),
    ...(added && traced ? agentTraceSignals(traced, c.path, stagedFile(after, added)) : []),
  ];
}

/**
 * One protected file whose new or old content is too large to decode whole (WHOLE_TEXT_MAX):
 * markers are searched in its added lines a window at a time; the ledger still knows the very
 * blob, but shares of recorded lines and Agent Trace line attributions are not worked out.
 */
async function largeFileSignals(ctx: InspectContext, c: Change, after: Uint8Array, known: Uint8Array | null, ledger: ProvenanceLedger | null): Promise<Signal[]> {
  const rules = ctx.policy.assistants;
  const markers = rules.markers.length > 0 && mayHoldMarkerBytes(after, rules);
  const before = known ?? (markers && c.oldOid && c.oldMode !== GITLINK_MODE ? await ctx.engine.readBlob(c.oldOid) : null);
  return [
    ...(markers ? markerSignalsInLarge(c.path, before, after, rules) : []),
    ...(ledger && c.newOid ? recordedSignals(c.path, c.newOid, after, null, ledger, rules.recordedShare) : []),
  ];
}

/** Where the bytes of protected changes nothing else flags came from (src/lineage): its code
 *  loads only when such a change is judged. `chunked`: what pathSignalsIn already read. */
async function lineageOf(
  ctx: InspectContext,
  changes: readonly Change[],
  flagged: readonly Signal[],
  revs: readonly string[],
  chunked: ReadonlyMap<string, readonly Chunk[]>,
  notes?: string,
): Promise<Signal[]> {
  return (await import('./lineage/gate.js')).lineageSignals(ctx, changes, flagged, revs, chunked, notes);
}

/** The ledger `cleanroom record` keeps for this repository, if an assistant's hook ever wrote one
 *  (its code, and node:crypto with it, loads only then). */
async function localLedger(repo: RepoContext): Promise<ProvenanceLedger | null> {
  if (!fs.existsSync(ledgerPath(repo.commonDir))) return null;
  const { openLedger } = await import('./provenance/ledger.js');
  return openLedger(repo.commonDir);
}

/** The AI attributions of the worktree's Agent Trace file, by path; null when it has none, and
 *  its absence costs one failed open. Other errors surface: an unreadable trace must not pass for none. */
function localTraces(repo: RepoContext): Map<string, TraceAttribution[]> | null {
  if (!repo.workTree) return null;
  let text: string;
  try {
    text = fs.readFileSync(path.join(repo.workTree, AGENT_TRACE_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
  const traces = byPath(parseAgentTrace(text));
  return traces.size > 0 ? traces : null;
}

function pendingIdentities(vars: GitVars): { role: 'author' | 'committer'; identity: Identity }[] {
  const people: { role: 'author' | 'committer'; identity: Identity }[] = [];
  if (vars.author) people.push({ role: 'author', identity: parseIdent(vars.author) });
  if (vars.committer) people.push({ role: 'committer', identity: parseIdent(vars.committer) });
  return people;
}

/**
 * The attestation files the index holds, as the base commit's plus the staged changes to them:
 * listing them from the index itself would make git read the whole index again, a cost that grows
 * with the repository, while the base's folder is one small tree.
 */
async function stagedAttestations(ctx: InspectContext, base: string, staged: readonly Change[]): Promise<TreeFile[]> {
  const committed = await ctx.engine.listFiles({ rev: base }, ATTESTATION_DIR).catch(async (e: unknown) => {
    // An unborn branch lists nothing (so does an amended root commit, based on the empty tree).
    if (
      await ctx.engine.resolve(base).then(
        () => true,
        () => false,
      )
    )
      throw e;
    return [];
  });
  const files = new Map(committed.map((f) => [f.path, f]));
  for (const c of staged) {
    if (!c.path.startsWith(`${ATTESTATION_DIR}/`)) continue;
    if (c.newOid && c.newMode && c.newMode !== GITLINK_MODE) files.set(c.path, { path: c.path, oid: c.newOid, mode: c.newMode });
    else files.delete(c.path);
  }
  return [...files.values()];
}

/** The change set `git commit` is about to record, judged with the committing process's signals. */
export async function inspectStaged(
  ctx: InspectContext,
  opts: { message?: string | undefined; base?: string | undefined; only?: ReadonlySet<string> | null } = {},
): Promise<ChangeSet> {
  const staged = await (opts.base === undefined && ctx.stagedAgainstHead ? ctx.stagedAgainstHead : ctx.engine.stagedChanges(opts.base));
  const changes = opts.only ? staged.filter((c) => opts.only?.has(c.path)) : staged;
  if (!touchesProtected(ctx.policy, changes)) return unprotected(null, changes);
  const rules = ctx.policy.assistants;
  const commentChar = ctx.vars.config.get('core.commentchar');
  const signals = [
    ...environmentSignals(ctx.repo.env, rules),
    ...identitySignals(pendingIdentities(ctx.vars), rules),
    ...(opts.message !== undefined ? messageSignals(opts.message, rules, commentChar ? { commentChar } : {}) : []),
  ];
  const chunked = signals.length === 0 ? new Map<string, Chunk[]>() : null;
  const pathSignals = await pathSignalsIn(ctx, changes, await localLedger(ctx.repo), localTraces(ctx.repo), chunked);
  if (chunked) pathSignals.push(...(await lineageOf(ctx, changes, pathSignals, [opts.base ?? 'HEAD'], chunked)));
  const signalled = signals.length + pathSignals.length > 0;
  const needing = changes.filter((c) => mayNeedReview(ctx.policy, c, signalled));
  const reviews =
    needing.length > 0
      ? await reviewsOf(ctx.engine, await (await loadAttestations(ctx, await stagedAttestations(ctx, opts.base ?? 'HEAD', staged))).attested(needing), needing)
      : NO_REVIEWS;
  return { commit: null, changes, signals, pathSignals, reviewed: reviews.reviewed, rejectedAttestations: reviews.rejected, linkTargets: await linkTargetsOf(ctx, changes) };
}

/** Where the reviews of recorded commits are looked for: the tree of the tip being pushed or checked. */
export interface Tip {
  readonly rev: string;
  /** git-ai's authorship notes as the pushed state holds them (default: the local refs/notes/ai). */
  readonly notes?: string | undefined;
}

/** commit oid → note blob oid, for one notes revision; empty when there are no notes. */
const notesIndexes = new WeakMap<InspectContext, Map<string, Promise<Map<string, string>>>>();
export function notesIndex(ctx: InspectContext, rev: string): Promise<Map<string, string>> {
  let byRev = notesIndexes.get(ctx);
  if (!byRev) notesIndexes.set(ctx, (byRev = new Map()));
  let found = byRev.get(rev);
  if (!found) {
    found = ctx.engine
      .resolve(rev)
      .then((oid) => ctx.engine.listFiles({ rev: oid }, ''))
      // Notes trees fan out (ab/cdef...) once they grow; the path without slashes is the commit.
      .then(
        (files) => new Map(files.map((f) => [f.path.replace(/\//g, ''), f.oid])),
        () => new Map<string, string>(),
      );
    byRev.set(rev, found);
  }
  return found;
}

async function noteSignals(ctx: InspectContext, commit: string, changes: readonly Change[], tip: Tip): Promise<Signal[]> {
  const blob = (await notesIndex(ctx, tip.notes ?? GIT_AI_NOTES_REF)).get(commit);
  if (!blob) return [];
  // A note attributes lines of content: a deletion leaves none to attribute.
  const protectedPaths = new Set(changes.filter((c) => c.newOid && judgedRule(ctx.policy, c)).map((c) => c.path));
  const note = await ctx.engine.readBlob(blob);
  // A note is a small JSON document; one past the whole-text limit cannot be read as one.
  if (note.length > WHOLE_TEXT_MAX) {
    throw new CleanroomError(
      'EGIT',
      `the git-ai note ${blob.slice(0, 12)} on commit ${commit.slice(0, 12)} is ${note.length} bytes, more than cleanroom reads (${WHOLE_TEXT_MAX}); push the notes without it`,
    );
  }
  return gitAiSignals(Buffer.from(note).toString('utf8'), protectedPaths);
}

/** Every commit judged against one tip sees the same attestation files: read them once (each is
 *  verified at most once, when a commit needs it). */
const attestedTips = new WeakMap<InspectContext, Map<string, Promise<AttestationSet>>>();
function attestationsAt(ctx: InspectContext, tip: Tip): Promise<AttestationSet> {
  let byTip = attestedTips.get(ctx);
  if (!byTip) attestedTips.set(ctx, (byTip = new Map()));
  let found = byTip.get(tip.rev);
  if (!found) byTip.set(tip.rev, (found = loadAttestations(ctx, { rev: tip.rev })));
  return found;
}

/** Commits per diff-tree: each spawn re-opens the packs and starts cold, so batches are large
 *  (a scan of the bench's history got faster with each larger batch up to this one); memory
 *  stays bounded by one batch's diff output. */
const BATCH = 16384;
/** Commits judged between two progress reports (scan draws them on a terminal). */
const PROGRESS_EVERY = 500;

export interface HistoryOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly batch?: number;
  /** The range as `listCommits` lists it, when the caller has it already (the server's
   *  well-formedness pass reads every commit). */
  readonly listed?: readonly ListedCommit[];
  /** The narrowed walk (listWellFormed), when the caller started it early, beside other work. */
  readonly mayTouch?: Promise<Set<string> | null>;
}

/** Recorded commits: only what the commit itself carries (the server sees nothing else). */
export async function inspectCommits(ctx: InspectContext, range: CommitRange, tip: Tip, opts: HistoryOptions = {}): Promise<ChangeSet[]> {
  return (await inspectRange(ctx, range, tip, opts)).changeSets;
}

/** A range judged. `unlisted`: the commits whose changes were never listed (a long walk's, that
 *  changed files only in folders that cannot hold a protected path, against every parent); each
 *  stands as a change set with no change. */
export interface JudgedRange {
  readonly changeSets: ChangeSet[];
  readonly unlisted: ReadonlySet<string>;
}

export async function inspectRange(ctx: InspectContext, range: CommitRange, tip: Tip, opts: HistoryOptions = {}): Promise<JudgedRange> {
  const { changeSets, unlisted } = await inspectHistory(ctx, range, [tip], opts);
  return { changeSets: changeSets[0] as ChangeSet[], unlisted };
}

/**
 * What each of several tips brings over `exclude` (a push's refs over the branches and tags the
 * server has), as if each were inspectCommits'ed alone, but listed by one rev-list and diffed
 * once however many tips reach a commit. Returns each tip's change sets, in rev-list order.
 */
export async function inspectTips(ctx: InspectContext, tips: readonly Tip[], exclude: readonly string[], opts: HistoryOptions = {}): Promise<ChangeSet[][]> {
  return (await inspectHistory(ctx, { include: [...new Set(tips.map((t) => t.rev))], exclude }, tips, opts)).changeSets;
}

/**
 * The commits of `range`, each judged for every tip that reaches it (a single tip: for all of
 * them). A commit that touches nothing protected is one change set whoever reaches it; one that does
 * is judged for the first tip, and again for another only when that one's reviews could change
 * the answer. The merges of a batch that touch a protected path are diffed against their other
 * parents by one git process.
 */
async function inspectHistory(
  ctx: InspectContext,
  range: CommitRange,
  tips: readonly Tip[],
  opts: HistoryOptions = {},
): Promise<{ changeSets: ChangeSet[][]; unlisted: ReadonlySet<string> }> {
  const { onProgress, batch: size = BATCH } = opts;
  const listed = opts.listed ?? (await ctx.engine.listCommits(range));
  // Refused before anything is diffed: a wide octopus costs a diff per parent.
  for (const c of listed) checkParents(ctx.policy, c);
  const reaching = tips.length === 1 ? null : tipsReaching(listed, tips);
  const tipsOf = (index: number): readonly number[] => reaching?.[index] ?? [0];
  // A long walk diffs only the commits that may touch a protected path; the others changed
  // nothing outside folders that cannot hold one, and stand as commits with no listed change.
  const mayTouch = listed.length >= NARROW_FROM ? await (opts.mayTouch ?? commitsThatMayTouch(ctx, range, tips[0] as Tip)) : null;
  // Filled out of order, so made whole first: an array grown with holes falls back to a slow dictionary.
  const judged: ChangeSet[][] = new Array<ChangeSet[]>(listed.length).fill(NOT_YET);
  const { order, unlisted } = mayTouch
    ? leftOut(listed, mayTouch, (i, changeSet) => (judged[i] = tipsOf(i).map(() => changeSet)))
    : { order: listed.map((_, i) => i), unlisted: new Set<string>() };
  const skipped = listed.length - order.length;
  onProgress?.(0, listed.length);
  // Each commit is judged as soon as git has diffed it, while git goes on with the rest. Only
  // those touching a protected path are read further; they go side by side, so their object
  // reads share the cat-file stream. Merges wait for the end of their batch, to be diffed together.
  const judging: Promise<ChangeSet>[][] = [];
  const merges = new Map<number, Change[]>();
  let done = skipped;
  const track = (index: number, each: Promise<ChangeSet>[]): void => {
    judging[index] = each;
    Promise.all(each).then(
      () => ++done % PROGRESS_EVERY === 0 && onProgress?.(done, listed.length),
      () => undefined,
    ); // failures surface where the batch is awaited
  };
  const judge = (index: number, firstParent: Change[]): void => {
    if (judging[index] || merges.has(index)) return; // heard twice: as the engine streamed it, then in the batch's whole answer (an engine need not stream)
    const commit = listed[index] as ListedCommit;
    if (!touchesProtected(ctx.policy, firstParent)) {
      const changeSet = Promise.resolve(unprotected(commit.oid, firstParent));
      track(
        index,
        tipsOf(index).map(() => changeSet),
      );
    } else if (commit.parents.length > 1) merges.set(index, firstParent);
    // rev-list's parents are the structure git sees: a commit it lists with one parent is judged as one.
    else track(index, judgeForTips(index, firstParent, []));
  };
  /** One commit judged for each tip that reaches it; tips whose reviews play no part share one answer. */
  const judgeForTips = (index: number, firstParent: Change[], sides: readonly Change[][]): Promise<ChangeSet>[] => {
    const commit = ctx.engine.readCommit((listed[index] as ListedCommit).oid);
    const byNotes = new Map<string, Promise<ChangeSet>>();
    return tipsOf(index).map(async (t) => {
      const tip = tips[t] as Tip;
      const notes = tip.notes ?? GIT_AI_NOTES_REF;
      const first = byNotes.get(notes);
      if (first && !consultsReviews(ctx.policy, await first)) return first;
      const changeSet = commit.then((c) => judgeCommit(ctx, c, firstParent, tip, sides));
      if (!first) byNotes.set(notes, changeSet);
      return changeSet;
    });
  };
  // rev-list's parents spare reading every commit before diffing it (roots and shallow
  // boundaries, which list none, are read for theirs).
  const diffsOf = (start: number) => {
    const batch = order.slice(start, start + size);
    return ctx.engine.changesOfCommits(
      batch.map((i) => ({ oid: (listed[i] as ListedCommit).oid, parent: (listed[i] as ListedCommit).parents[0] })),
      (k, changes) => judge(batch[k] as number, changes),
    );
  };
  let next = order.length > 0 ? diffsOf(0) : null;
  for (let start = 0; start < order.length; start += size) {
    const diffs = await (next as Promise<Change[][]>);
    const batch = order.slice(start, start + size);
    for (const [k, changes] of diffs.entries()) judge(batch[k] as number, changes);
    // git diffs the next batch while this one's judging ends.
    next = start + size < order.length ? diffsOf(start + size) : null;
    next?.catch(() => undefined);
    if (merges.size > 0) {
      const waiting = [...merges];
      merges.clear();
      const sides = await sidesOf(
        ctx.engine,
        waiting.map(([index]) => listed[index] as ListedCommit),
      );
      for (const [k, [index, firstParent]] of waiting.entries()) track(index, judgeForTips(index, firstParent, sides[k] as Change[][]));
    }
    const changeSets = await Promise.all(batch.map((i) => Promise.all(judging[i] as Promise<ChangeSet>[])));
    for (const [k, i] of batch.entries()) judged[i] = changeSets[k] as ChangeSet[];
    const settled = skipped + start + batch.length;
    if (settled % PROGRESS_EVERY !== 0) onProgress?.(settled, listed.length);
  }
  if (order.length === 0 && listed.length > 0) onProgress?.(listed.length, listed.length);
  const changeSets: ChangeSet[][] = tips.map(() => []);
  for (const [i, each] of judged.entries()) for (const [k, t] of tipsOf(i).entries()) (changeSets[t] as ChangeSet[]).push(each[k] as ChangeSet);
  return { changeSets, unlisted };
}

/**
 * The listed commits a narrowed walk still diffs (`order`, indices into `listed`), and those it
 * leaves out, each handed to `stand` as a change set with no change. A commit the walk did not keep
 * changed nothing outside folders that cannot hold a protected path, against every parent: with its
 * first parent's tree it changed nothing at all (an empty commit), else it changed only such files
 * and is `unlisted`. One whose first parent is not listed (a root, a child of an excluded commit)
 * is diffed, as are the kept ones.
 */
function leftOut(listed: readonly ListedCommit[], kept: ReadonlySet<string>, stand: (index: number, changeSet: ChangeSet) => void): { order: number[]; unlisted: Set<string> } {
  const trees = new Map(listed.map((c) => [c.oid, c.tree]));
  const order: number[] = [];
  const unlisted = new Set<string>();
  listed.forEach((c, i) => {
    const parentTree = c.parents[0] === undefined ? undefined : trees.get(c.parents[0]);
    if (kept.has(c.oid) || parentTree === undefined) order.push(i);
    else {
      if (parentTree !== c.tree) unlisted.add(c.oid);
      stand(i, unprotected(c.oid, []));
    }
  });
  return { order, unlisted };
}

/** A commit's place in the judged list before it is judged. */
const NOT_YET: ChangeSet[] = [];

/** Walks shorter than this diff every commit (and so list every path each one changed). */
const NARROW_FROM = 2000;

/**
 * A well-formedness pass over a range (src/git/well-formed.ts: `pass`, handed its options), taken
 * as the walk's listing: what inspectTips and inspectCommits need not list again. Once the pass
 * has seen NARROW_FROM commits the walk is known to be long, and its narrowed walk starts beside
 * the rest of the pass (`range` and `tip`: the first tip, as the walk takes them; no tip, none).
 * `each` sees every commit the pass found well-formed.
 */
export async function listWellFormed(
  ctx: InspectContext,
  range: CommitRange,
  tip: Tip | null,
  pass: (opts: WellFormedOptions) => Promise<ListedCommit[]>,
  each?: WellFormedOptions['onCommit'],
): Promise<HistoryOptions & { listed: ListedCommit[] }> {
  let mayTouch: Promise<Set<string> | null> | undefined;
  let count = 0;
  const listed = await pass({
    onCommit: (commit, content) => {
      // Quiet until inspectHistory awaits it: the pass may still refuse the range.
      if (++count === NARROW_FROM && tip) (mayTouch = commitsThatMayTouch(ctx, range, tip)).catch(() => undefined);
      each?.(commit, content);
    },
  });
  return mayTouch ? { listed, mayTouch } : { listed };
}

/**
 * The commits of `range` that may touch a protected path: all but those whose changes lie, against
 * some parent, inside top-level folders of the tip that cannot hold one (git answers with one
 * pathspec-limited walk). Null when no folder can be left out.
 */
async function commitsThatMayTouch(ctx: InspectContext, range: CommitRange, tip: Tip): Promise<Set<string> | null> {
  const tops = protectedTops(ctx.policy);
  if (tops.includes(null)) return null; // a rule starting with a wildcard: any folder may hold protected paths
  const files = await ctx.engine.listFiles({ rev: tip.rev }, '');
  const folders = new Set(files.flatMap((f) => (f.path.includes('/') ? [f.path.slice(0, f.path.indexOf('/'))] : [])));
  const unprotectable = [...folders].filter((name) => !/[\n\0]/.test(name) && !mayHoldProtected(tops, name));
  return unprotectable.length === 0 ? null : ctx.engine.commitsOutside(range, unprotectable);
}

/** Letters and digits only, lower case, accents dropped: what survives every way a checkout can
 *  fold a name (case, trailing dots and spaces, ignorable code points, normalisation forms). */
const fold = (name: string): string =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The first segment of each protected pattern (and of cleanroom's own folder), folded; null for
 *  one that holds a wildcard. */
function protectedTops(policy: Policy): (string | null)[] {
  // cleanroom's own folder, where the attestations are, is always protected.
  return [...policy.protect.map((r) => r.pattern), ATTESTATION_DIR].map((pattern) => {
    const first = pattern.split('/')[0] as string;
    return /[*?[\]{}]/.test(first) ? null : fold(first);
  });
}

/**
 * Whether a top-level folder could hold a protected path on some checkout: loosely, so that
 * anything a checkout may take for a protected folder is kept (an 8.3 short name with `~` may
 * stand for any name; otherwise the folded names must not be prefixes of one another).
 */
export function mayHoldProtected(tops: readonly (string | null)[], name: string): boolean {
  if (name.includes('~')) return true;
  const folded = fold(name);
  return tops.some((top) => top === null || folded.startsWith(top) || top.startsWith(folded));
}

/** For each listed commit, the tips (indices into `tips`) it is reachable from without passing
 *  through an excluded commit: the listed commits are exactly those, so a walk over their parents
 *  answers what a rev-list per tip would. */
function tipsReaching(listed: readonly ListedCommit[], tips: readonly Tip[]): number[][] {
  const at = new Map(listed.map((c, i) => [c.oid, i]));
  const reaching: number[][] = listed.map(() => []);
  const byRev = new Map<string, number[]>();
  for (const [t, tip] of tips.entries()) byRev.set(tip.rev, [...(byRev.get(tip.rev) ?? []), t]);
  for (const [rev, ofRev] of byRev) {
    const seen = new Uint8Array(listed.length);
    const stack = [rev];
    for (let oid = stack.pop(); oid !== undefined; oid = stack.pop()) {
      const index = at.get(oid);
      if (index === undefined || seen[index]) continue;
      seen[index] = 1;
      (reaching[index] as number[]).push(...ofRev);
      stack.push(...(listed[index] as ListedCommit).parents);
    }
  }
  return reaching;
}

/** Whether a judged commit's answer rested on reviews (each tip's tree holds its own). */
function consultsReviews(policy: Policy, changeSet: ChangeSet): boolean {
  const signalled = changeSet.signals.length + changeSet.pathSignals.length > 0;
  return changeSet.changes.some((c) => mayNeedReview(policy, c, signalled));
}

/** A commit with more parents than the policy allows is refused, not judged: a merge is diffed
 *  against every parent, and a pushed commit may list thousands. */
function checkParents(policy: Policy, commit: { readonly oid: string; readonly parents: readonly string[] }): void {
  const max = policy.limits.maxParents;
  if (commit.parents.length <= max) return;
  throw new CleanroomError(
    'ELIMIT',
    `commit ${commit.oid} has ${commit.parents.length} parents, more than the ${max} the policy allows (limits.max_parents in ${policy.source}); it is refused, not judged: merge the branches in smaller groups, or raise the limit`,
  );
}

/** Merges against each of their parents but the first, all diffed by one git process; a commit
 *  with one parent has no others (and costs nothing). */
async function sidesOf(engine: GitEngine, commits: readonly { readonly oid: string; readonly parents: readonly string[] }[]): Promise<Change[][][]> {
  const diffs = await engine.changesOfCommits(commits.flatMap((c) => c.parents.slice(1).map((parent) => ({ oid: c.oid, parent }))));
  let next = 0;
  return commits.map((c) => c.parents.slice(1).map(() => diffs[next++] as Change[]));
}

/**
 * What a commit introduces. For a merge that is only what differs from every parent: content
 * that came from a side branch was judged in that branch's own commits, while an "evil" merge's
 * own additions show up against all parents at once. `sides`: the commit against each parent
 * but the first.
 */
function introducedBy(firstParent: Change[], sides: readonly Change[][]): Change[] {
  let changes = firstParent;
  for (const side of sides) {
    if (changes.length === 0) break;
    const against = new Set(side.filter((c) => c.status !== 'deleted').map((c) => c.path));
    changes = changes.filter((c) => c.status === 'deleted' || against.has(c.path));
  }
  return changes;
}

export async function inspectCommit(ctx: InspectContext, oid: string, tip: Tip = { rev: oid }): Promise<ChangeSet> {
  const commit = await ctx.engine.readCommit(oid);
  checkParents(ctx.policy, commit);
  return judgeCommit(ctx, commit, await ctx.engine.commitChanges(oid), tip);
}

/** `sides`: the commit against each parent but the first, when already diffed (else diffed here). */
async function judgeCommit(ctx: InspectContext, commit: CommitInfo, firstParent: Change[], tip: Tip, sides?: readonly Change[][]): Promise<ChangeSet> {
  const oid = commit.oid;
  if (!touchesProtected(ctx.policy, firstParent)) return unprotected(oid, firstParent);
  const changes = introducedBy(firstParent, sides ?? ((await sidesOf(ctx.engine, [commit]))[0] as Change[][]));
  if (!touchesProtected(ctx.policy, changes)) return unprotected(oid, changes);
  const signals = commitSignals(commit, ctx.policy.assistants);
  // The ledger is this machine's: recorded commits are judged on what they carry (and on the
  // git-ai notes pushed with them), as the server judges them.
  const chunked = signals.length === 0 ? new Map<string, Chunk[]>() : null;
  const pathSignals = [...(await pathSignalsIn(ctx, changes, null, null, chunked)), ...(await noteSignals(ctx, oid, changes, tip))];
  if (chunked) pathSignals.push(...(await lineageOf(ctx, changes, pathSignals, [tip.rev], chunked, tip.notes)));
  const signalled = signals.length + pathSignals.length > 0;
  const needing = changes.filter((c) => mayNeedReview(ctx.policy, c, signalled));
  const reviews = needing.length > 0 ? await reviewsOf(ctx.engine, await (await attestationsAt(ctx, tip)).attested(needing), needing) : NO_REVIEWS;
  return { commit: oid, changes, signals, pathSignals, reviewed: reviews.reviewed, rejectedAttestations: reviews.rejected, linkTargets: await linkTargetsOf(ctx, changes) };
}
