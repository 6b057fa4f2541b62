/**
 * Gathers what decide() needs, and only that: changes first, then, for change sets that touch a
 * protected path, the signals (which cost spawns and blob reads). Every hook and command reads
 * its inputs through here, so what a local hook judges is what `check --range` and the server judge.
 */
import fs from 'node:fs';
import path from 'node:path';
import { judgedRule, ruleFor } from './decide/decide.js';
import { mayAlias, SYMLINK_MODE } from './decide/links.js';
import type { Subject } from './decide/verdict.js';
import type { Change, CommitInfo, CommitRange, GitEngine, Identity, TreeFile } from './git/engine.js';
import { parseIdent } from './git/objects.js';
import type { GitVars, RepoContext } from './git/repo.js';
import type { Policy } from './policy/policy.js';
import { CleanroomError } from './errors.js';
import { addedTextLines, blobText, environmentSignals, identitySignals, markerSignals, markerSignalsInLarge, mayHoldMarker, mayHoldMarkerBytes, messageSignals, WHOLE_TEXT_MAX } from './signals/detect.js';
import { ATTESTATION_DIR, ledgerPath } from './layout.js';
import type { ProvenanceLedger } from './provenance/ledger.js';
import { GIT_AI_NOTES_REF, gitAiSignals } from './provenance/git-ai.js';
import { AGENT_TRACE_FILE, agentTraceSignals, byPath, parseAgentTrace, stagedFile, type TraceAttribution } from './provenance/agent-trace.js';
import { mayHoldRecordedLine, recordedSignals } from './signals/recorded.js';
import type { Signal } from './signals/signal.js';
import type { BlobMemory } from './blob-memory.js';
import { CLEAN_BLOBS_MIN, type CleanBlobs } from './signals/clean-blobs.js';
import { loadAttestations, NO_REVIEWS, reviewsOf, type AttestationSet } from './review.js';

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

/** The protected changes that will need a review: all of them once anything looks
 *  assistant-made, else those under review-always. (decide() makes the exact call.) */
function needingReview(policy: Policy, changes: readonly Change[], assistantMade: boolean): Change[] {
  return changes.filter((c) => {
    const rule = judgedRule(policy, c);
    return rule !== null && (assistantMade || rule.require === 'review-always');
  });
}

/** A change set that touches nothing protected: nothing more to read. */
const unprotected = (commit: string | null, changes: Change[]): Subject => ({
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
 * found free of them (the same commit's pre-commit, say) is not read at all.
 */
async function pathSignalsIn(
  ctx: InspectContext,
  changes: readonly Change[],
  ledger: ProvenanceLedger | null,
  traces: ReadonlyMap<string, readonly TraceAttribution[]> | null = null,
): Promise<Signal[]> {
  const rules = ctx.policy.assistants;
  if (rules.markers.length === 0 && !ledger && !traces) return [];
  const candidates = changes.filter((c) => c.status !== 'deleted' && c.newOid && c.newMode !== '160000' && ruleFor(ctx.policy, c.path));
  const clean = !ledger && !traces && candidates.length >= CLEAN_BLOBS_MIN ? (ctx.cleanBlobs?.() ?? null) : null;
  const read = clean ? candidates.filter((c) => !clean.has(c.newOid as string)) : candidates;
  const perPath = await ctx.engine.readBlobs(
    read.map((c) => c.newOid as string),
    (i, after) => {
      const c = read[i] as Change;
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
  const before = text !== null && c.oldOid && c.oldMode !== '160000' ? await ctx.engine.readBlob(c.oldOid) : null;
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
  const before = known ?? (markers && c.oldOid && c.oldMode !== '160000' ? await ctx.engine.readBlob(c.oldOid) : null);
  return [
    ...(markers ? markerSignalsInLarge(c.path, before, after, rules) : []),
    ...(ledger && c.newOid ? recordedSignals(c.path, c.newOid, after, null, ledger, rules.recordedShare) : []),
  ];
}

/** Where the bytes of protected changes nothing else flags came from (src/lineage): its code
 *  loads only when such a change is judged. */
async function lineageOf(ctx: InspectContext, changes: readonly Change[], flagged: readonly Signal[], revs: readonly string[]): Promise<Signal[]> {
  return (await import('./lineage/gate.js')).lineageSignals(ctx, changes, flagged, revs);
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
 * listing them from the index itself would make git read the whole index again (tens of
 * milliseconds on a large one), while the base's folder is one small tree.
 */
async function stagedAttestations(ctx: InspectContext, base: string, staged: readonly Change[]): Promise<TreeFile[]> {
  const committed = await ctx.engine.listFiles({ rev: base }, ATTESTATION_DIR).catch(async (e: unknown) => {
    // An unborn branch lists nothing (so does an amended root commit, based on the empty tree).
    if (await ctx.engine.resolve(base).then(() => true, () => false)) throw e;
    return [];
  });
  const files = new Map(committed.map((f) => [f.path, f]));
  for (const c of staged) {
    if (!c.path.startsWith(`${ATTESTATION_DIR}/`)) continue;
    if (c.newOid && c.newMode && c.newMode !== '160000') files.set(c.path, { path: c.path, oid: c.newOid, mode: c.newMode });
    else files.delete(c.path);
  }
  return [...files.values()];
}

/** The change set `git commit` is about to record, judged with the committing process's signals. */
export async function inspectStaged(
  ctx: InspectContext,
  opts: { message?: string | undefined; base?: string | undefined; only?: ReadonlySet<string> | null } = {},
): Promise<Subject> {
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
  const pathSignals = await pathSignalsIn(ctx, changes, await localLedger(ctx.repo), localTraces(ctx.repo));
  if (signals.length === 0) pathSignals.push(...(await lineageOf(ctx, changes, pathSignals, [opts.base ?? 'HEAD'])));
  const needing = needingReview(ctx.policy, changes, signals.length + pathSignals.length > 0);
  const reviews = needing.length > 0 ? await reviewsOf(ctx.engine, await (await loadAttestations(ctx, await stagedAttestations(ctx, opts.base ?? 'HEAD', staged))).attested(needing), needing) : NO_REVIEWS;
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
function notesIndex(ctx: InspectContext, rev: string): Promise<Map<string, string>> {
  let byRev = notesIndexes.get(ctx);
  if (!byRev) notesIndexes.set(ctx, (byRev = new Map()));
  let found = byRev.get(rev);
  if (!found) {
    found = ctx.engine
      .resolve(rev)
      .then((oid) => ctx.engine.listFiles({ rev: oid }, ''))
      // Notes trees fan out (ab/cdef...) once they grow; the path without slashes is the commit.
      .then((files) => new Map(files.map((f) => [f.path.replace(/\//g, ''), f.oid])), () => new Map<string, string>());
    byRev.set(rev, found);
  }
  return found;
}

async function noteSignals(ctx: InspectContext, commit: string, changes: readonly Change[], tip: Tip): Promise<Signal[]> {
  const blob = (await notesIndex(ctx, tip.notes ?? GIT_AI_NOTES_REF)).get(commit);
  if (!blob) return [];
  const protectedPaths = new Set(changes.filter((c) => c.status !== 'deleted' && ruleFor(ctx.policy, c.path)).map((c) => c.path));
  const note = await ctx.engine.readBlob(blob);
  // A note is a small JSON document; one past the whole-text limit cannot be read as one.
  if (note.length > WHOLE_TEXT_MAX) {
    throw new CleanroomError('EGIT', `the git-ai note ${blob.slice(0, 12)} on commit ${commit.slice(0, 12)} is ${note.length} bytes, more than cleanroom reads (${WHOLE_TEXT_MAX}); push the notes without it`);
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
 *  (scan of 10,000 commits, A/B: 1,024 a batch 2.45 s, 4,096 2.05 s, 16,384 1.84 s); memory
 *  stays bounded by one batch's diff output. */
const BATCH = 16384;
/** Commits judged between two progress reports (scan draws them on a terminal). */
const PROGRESS_EVERY = 500;

/** Recorded commits: only what the commit itself carries (the server sees nothing else). */
export async function inspectCommits(
  ctx: InspectContext,
  range: CommitRange,
  tip: Tip,
  opts: { readonly onProgress?: (done: number, total: number) => void; readonly batch?: number } = {},
): Promise<Subject[]> {
  const { onProgress, batch: size = BATCH } = opts;
  const listed = await ctx.engine.listCommits(range);
  const subjects: Subject[] = [];
  onProgress?.(0, listed.length);
  // Each commit is judged as soon as git has diffed it, while git goes on with the rest. Only
  // those touching a protected path are read further; they go side by side, so their object
  // reads share the cat-file stream.
  const judging: Promise<Subject>[] = [];
  let done = 0;
  const judge = (index: number, firstParent: Change[]): void => {
    if (judging[index]) return; // heard twice: an engine that fell back and started over
    const oid = (listed[index] as { oid: string }).oid;
    const judged = touchesProtected(ctx.policy, firstParent)
      ? ctx.engine.readCommit(oid).then((commit) => judgeCommit(ctx, commit, firstParent, tip))
      : Promise.resolve(unprotected(oid, firstParent));
    judged.then(() => ++done % PROGRESS_EVERY === 0 && onProgress?.(done, listed.length), () => undefined); // failures surface where the batch is awaited
    judging[index] = judged;
  };
  // rev-list's parents spare reading every commit before diffing it (roots and shallow
  // boundaries, which list none, are read for theirs).
  const diffsOf = (start: number) =>
    ctx.engine.changesOfCommits(
      listed.slice(start, start + size).map((c) => ({ oid: c.oid, parent: c.parents[0] })),
      (i, changes) => judge(start + i, changes),
    );
  let next = listed.length > 0 ? diffsOf(0) : null;
  for (let start = 0; start < listed.length; start += size) {
    const diffs = await (next as Promise<Change[][]>);
    diffs.forEach((changes, i) => judge(start + i, changes));
    // git diffs the next batch while this one's judging ends.
    next = start + size < listed.length ? diffsOf(start + size) : null;
    next?.catch(() => undefined);
    subjects.push(...(await Promise.all(judging.slice(start, start + size))));
    if (subjects.length % PROGRESS_EVERY !== 0) onProgress?.(subjects.length, listed.length);
  }
  return subjects;
}

/**
 * What a commit introduces. For a merge that is only what differs from every parent: content
 * that came from a side branch was judged in that branch's own commits, while an "evil" merge's
 * own additions show up against all parents at once.
 */
async function introducedBy(engine: GitEngine, commit: CommitInfo, firstParent: Change[]): Promise<Change[]> {
  let changes = firstParent;
  for (const parent of commit.parents.slice(1)) {
    if (changes.length === 0) break;
    const against = new Set((await engine.commitChanges(commit.oid, parent)).filter((c) => c.status !== 'deleted').map((c) => c.path));
    changes = changes.filter((c) => c.status === 'deleted' || against.has(c.path));
  }
  return changes;
}

export async function inspectCommit(ctx: InspectContext, oid: string, tip: Tip = { rev: oid }): Promise<Subject> {
  return judgeCommit(ctx, await ctx.engine.readCommit(oid), await ctx.engine.commitChanges(oid), tip);
}

async function judgeCommit(ctx: InspectContext, commit: CommitInfo, firstParent: Change[], tip: Tip): Promise<Subject> {
  const oid = commit.oid;
  if (!touchesProtected(ctx.policy, firstParent)) return unprotected(oid, firstParent);
  const changes = commit.parents.length > 1 ? await introducedBy(ctx.engine, commit, firstParent) : firstParent;
  if (!touchesProtected(ctx.policy, changes)) return unprotected(oid, changes);
  const rules = ctx.policy.assistants;
  const signals = [
    ...messageSignals(commit.message, rules),
    ...identitySignals(
      [
        { role: 'author', identity: commit.author },
        { role: 'committer', identity: commit.committer },
      ],
      rules,
    ),
  ];
  // The ledger is this machine's: recorded commits are judged on what they carry (and on the
  // git-ai notes pushed with them), as the server judges them.
  const pathSignals = [...(await pathSignalsIn(ctx, changes, null)), ...(await noteSignals(ctx, oid, changes, tip))];
  if (signals.length === 0) pathSignals.push(...(await lineageOf(ctx, changes, pathSignals, [tip.rev])));
  const needing = needingReview(ctx.policy, changes, signals.length + pathSignals.length > 0);
  const reviews = needing.length > 0 ? await reviewsOf(ctx.engine, await (await attestationsAt(ctx, tip)).attested(needing), needing) : NO_REVIEWS;
  return { commit: oid, changes, signals, pathSignals, reviewed: reviews.reviewed, rejectedAttestations: reviews.rejected, linkTargets: await linkTargetsOf(ctx, changes) };
}
