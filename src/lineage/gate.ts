/**
 * The lineage question, asked where a verdict is made: were the bytes a change puts under a
 * protected path (or most of them) first written by an assistant-made commit anywhere in the
 * history this verdict can see? Asked only of protected changes nothing else flags already.
 */
import { createHash } from 'node:crypto';
import { assistantMatters, judgedRule } from '../decide/decide.js';
import type { Change } from '../git/engine.js';
import { gitOk } from '../git/exec.js';
import { listRefs } from '../git/refs.js';
import { notesIndex, type InspectContext } from '../inspect.js';
import { GIT_AI_NOTES_REF, parseGitAiNote } from '../provenance/git-ai.js';
import { WHOLE_TEXT_MAX } from '../signals/detect.js';
import type { Policy } from '../policy/policy.js';
import { catalog } from '../signals/catalog.js';
import type { Signal } from '../signals/signal.js';
import { addedChunks, containment, substantiveChunks, type Chunk, type Containment } from './chunks.js';
import { chunkWrites, LineageIndex } from './index.js';
import { lineageRun, type ReadCommits } from './run.js';
import { loadSnapshot, saveSnapshot, type StoredWrite } from './store.js';
import { walkAssistantWrites, type AssistantWrite } from './walk.js';
import { REGULAR_FILE_MODES } from '../git/modes.js';

/** Fewer distinct assistant chunks than this in what a change adds is too little to call it a
 *  copy: an empty file, `{}`, a shared licence line or two never count. */
export const MIN_MATCHED_CHUNKS = 3;

/**
 * What decides which commits are assistant-made: the index holds the writes of those commits, so
 * a policy that names other assistants (or a catalog that grew) keys another index.
 */
export function detectorKey(policy: Policy, objectFormat: string): string {
  const rules = policy.assistants;
  const patterns = rules.builtin ? catalog().flatMap((e) => (e.kind === 'environment' ? [] : [`${e.id} ${e.pattern.source}/${e.pattern.flags}`])) : [];
  const own = [...rules.trailers.map((r) => `t ${r.source}/${r.flags}`), ...rules.identities.map((r) => `i ${r.source}/${r.flags}`)];
  return createHash('sha256')
    .update(JSON.stringify([objectFormat, patterns, own]))
    .digest('hex');
}

/** The index for one run, and the tips whose history it covers. */
export class Lineage {
  constructor(
    readonly index: LineageIndex,
    private readonly covered: Set<string>,
    /** Revisions resolved when the index opened (HEAD). */
    private readonly resolved: ReadonlyMap<string, string>,
    private readonly ctx: InspectContext,
    /** The git-ai notes this run's verdicts see. */
    private readonly notes: Notes,
  ) {}

  private pending: Promise<void> = Promise.resolve();

  /** Indexes (in memory) what `revs` reach that is not covered yet: a push's own commits. */
  cover(revs: readonly string[]): Promise<void> {
    this.pending = this.pending.then(async () => {
      const tips = await Promise.all(revs.map((r) => (OID.test(r) ? r : (this.resolved.get(r) ?? this.ctx.engine.resolve(r).catch(() => null)))));
      const missing = [...new Set(tips)].filter((t): t is string => t !== null && !this.covered.has(t));
      if (missing.length === 0) return;
      for (const w of await walkAndChunk(this.ctx, missing, [...this.covered], this.notes)) this.index.add(w);
      for (const t of missing) this.covered.add(t);
    });
    return this.pending;
  }
}

/** git-ai's notes as one notes commit holds them. */
interface Notes {
  readonly tip: string | null;
  /** commit → note blob */
  readonly byCommit: ReadonlyMap<string, string>;
}

async function notesAt(ctx: InspectContext, rev: string | null): Promise<Notes> {
  const tip = rev === null ? null : await ctx.engine.resolve(rev).catch(() => null);
  return { tip, byCommit: tip === null ? new Map() : await notesIndex(ctx, tip) };
}

async function walkAndChunk(
  ctx: InspectContext,
  include: readonly string[],
  exclude: readonly string[],
  notes: Notes,
  opts: { onCommit?: (() => void) | undefined; noWalk?: boolean; candidates?: readonly string[] | undefined } = {},
): Promise<StoredWrite[]> {
  const writes: AssistantWrite[] = [];
  const range = { include, exclude, noWalk: opts.noWalk ?? false, ...(opts.candidates ? { candidates: opts.candidates } : {}) };
  await walkAssistantWrites(ctx.repo, ctx.policy.assistants, range, (w) => writes.push(w), opts.onCommit, notes.byCommit);
  return chunkWrites(ctx.engine, await attributed(ctx, writes));
}

/**
 * The writes that count: an assistant-made commit's all, and of a commit only its git-ai note
 * speaks for, those the note gives to an AI session (named after its agent). A note too large to
 * read gives its commit's every write to an AI: what cannot be read adds suspicion, never removes it.
 */
async function attributed(ctx: InspectContext, writes: readonly AssistantWrite[]): Promise<AssistantWrite[]> {
  const notes = [...new Set(writes.flatMap((w) => (w.note === undefined ? [] : [w.note])))];
  if (notes.length === 0) return [...writes];
  const parsed = await ctx.engine.readBlobs(notes, (_, content) =>
    content.length > WHOLE_TEXT_MAX ? null : new Map(parseGitAiNote(Buffer.from(content).toString('utf8')).map((a) => [a.path, a.agent])),
  );
  const byNote = new Map(notes.map((n, i) => [n, parsed[i] ?? null]));
  return writes.flatMap((w) => {
    if (w.note === undefined) return [w];
    const agents = byNote.get(w.note);
    if (agents === null) return [w];
    const agent = agents?.get(w.path);
    return agent === undefined ? [] : [{ ...w, assistant: agent }];
  });
}

/** The writes of the commits whose note `to` adds or changes against `from` (each commit alone). */
async function notesChanged(ctx: InspectContext, from: Notes, to: Notes): Promise<StoredWrite[]> {
  if (from.tip === to.tip) return [];
  const changed = [...to.byCommit].flatMap(([commit, note]) => (OID.test(commit) && from.byCommit.get(commit) !== note ? [commit] : []));
  // A notes tree may name commits this repository no longer has (rewritten, collected), or objects
  // that are no commits: their notes describe nothing here.
  return walkAndChunk(ctx, await existing(ctx, changed, ['commit']), [], to, { noWalk: true });
}

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Every ref's object id (branches, tags, remote-tracking refs, and the refs a host writes by
 * itself: content anywhere in the repository is content someone can copy), what HEAD and object
 * ids among `revs` name, and refs/notes/ai's tip: one process, so a repository without git-ai
 * notes never starts an object reader for them. An unborn HEAD is left out.
 */
async function refTips(ctx: InspectContext, revs: readonly string[]): Promise<{ refs: string[]; resolved: Map<string, string>; notesTip: string | null }> {
  const { head, refs } = await (lineageRun(ctx).refs ?? listRefs(ctx.repo));
  const resolved = new Map<string, string>();
  if (head !== null && revs.includes('HEAD')) resolved.set('HEAD', head);
  for (const r of revs) if (OID.test(r)) resolved.set(r, r);
  return { refs: [...new Set(refs.values())].sort(), resolved, notesTip: refs.get(GIT_AI_NOTES_REF) ?? null };
}

/** The ids of `tips` this repository still has (a rewritten ref's old tip may be gone), of one
 *  of `types` (a ref may name a tag). */
async function existing(ctx: InspectContext, tips: readonly string[], types: readonly string[] = ['commit', 'tag']): Promise<string[]> {
  if (tips.length === 0) return [];
  const out = await gitOk(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: ctx.repo.cwd, env: ctx.repo.env, input: `${tips.join('\n')}\n` });
  const found = new Set(out.toString('utf8').split('\n'));
  return tips.filter((t) => types.some((type) => found.has(`${t} ${type}`)));
}

/**
 * Opens the index: the snapshot on disk, plus a walk of what the refs reach beyond the tips it
 * covers (all of history when it is missing or not trusted), and of the commits whose git-ai
 * notes changed since, saved back for the next run. What `revs` reach beyond the refs (a push's
 * own commits, quarantined) and what the notes at `notesRev` (pushed ones) say beyond
 * refs/notes/ai is indexed in memory; with `keep` (the server) the pushed tips' history is saved
 * too, so that once the push is accepted the next one finds it indexed: a push that is rejected
 * leaves writes of commits that vanish, which still describe bytes an assistant wrote, and tips
 * no ref names, which no run believes (a tip covers history only while a ref names it).
 * git walks while node reads the snapshot.
 */
export async function openLineage(
  ctx: InspectContext,
  opts: { onCommit?: () => void; rebuild?: boolean; keep?: boolean } = {},
  revs: readonly string[] = [],
  notesRev: string = GIT_AI_NOTES_REF,
  read: ReadCommits | null = null,
): Promise<Lineage> {
  const key = detectorKey(ctx.policy, ctx.repo.objectFormat);
  const refsRead = refTips(ctx, revs);
  const refNotesRead = refsRead.then(({ notesTip }) => notesAt(ctx, notesTip));
  const runNotesRead = notesRev === GIT_AI_NOTES_REF ? refNotesRead : notesAt(ctx, notesRev);
  const stored = opts.rebuild ? null : loadSnapshot(ctx.repo.commonDir, key);
  const [{ refs, resolved }, refNotes, runNotes] = await Promise.all([refsRead, refNotesRead, runNotesRead]);
  const beyond = [...new Set(resolved.values())].filter((t) => !refs.includes(t));
  // What the tips reach beyond the refs was read already when `read` covers them: only the commits
  // that may be assistant-made or carry a note are walked (its range excludes fewer refs: more is harmless).
  const known = read !== null && beyond.every((t) => read.tips.has(t));
  const candidates = known ? read.listed.flatMap((c) => (read.candidates.has(c.oid) || runNotes.byCommit.has(c.oid) ? [c.oid] : [])) : undefined;
  const pushedWalk = walkAndChunk(ctx, beyond, refs, runNotes, { candidates });
  const extraWalk = Promise.all([pushedWalk, notesChanged(ctx, refNotes, runNotes)]);
  // The file covers every ref (it may cover more: a ref's old tip, a push's) under these notes.
  const storedTips = new Set(stored?.tips);
  const covers = stored !== null && stored.notes === refNotes.tip && refs.every((t) => storedTips.has(t));
  const pushed = opts.keep ? beyond.filter((t) => !storedTips.has(t)) : [];
  // A walk from the stored tips builds on the stored tables only if they hold (else all of history
  // is walked); a file that covers the refs is used as it is, its tables checked when needed.
  const base = stored !== null && (covers || stored.tablesHold()) ? stored : null;
  const walkRefs = base === null || !covers;
  const refsWalk = walkRefs
    ? Promise.all([
        existing(ctx, base?.tips ?? []).then((covered) => walkAndChunk(ctx, refs, covered, refNotes, { onCommit: opts.onCommit })),
        // A full walk reads every note already; an update reads those that changed.
        base ? notesAt(ctx, base.notes).then((old) => notesChanged(ctx, old, refNotes)) : [],
      ])
    : Promise.resolve([[], []]);
  // Both walks are awaited together, so neither can fail unheard.
  const [[refWrites, noteWrites], [pushedWrites, pushedNoteWrites]] = await Promise.all([refsWalk, extraWalk]);
  const added = [...(refWrites ?? []), ...(noteWrites ?? [])];
  const index = new LineageIndex(base);
  for (const w of [...added, ...(pushedWrites ?? []), ...(pushedNoteWrites ?? [])]) index.add(w);
  if (walkRefs || pushed.length > 0) {
    const tips = [...new Set([...refs, ...pushed])].sort();
    saveSnapshot(ctx.repo.commonDir, key, tips, refNotes.tip, base, pushed.length > 0 ? [...added, ...(pushedWrites ?? [])] : added);
  }
  return new Lineage(index, new Set([...refs, ...beyond]), resolved, ctx, runNotes);
}

/**
 * Lineage signals for the protected changes of one change set that `flagged` (the set's own
 * path signals) does not already flag; the caller asks only when no set-wide signal fired.
 * `revs`: what the verdict sees beyond the refs (the pushed tip, HEAD); one that does not resolve
 * (an unborn HEAD) adds nothing.
 */
export async function lineageSignals(
  ctx: InspectContext,
  changes: readonly Change[],
  flagged: readonly Signal[],
  revs: readonly string[],
  chunked: ReadonlyMap<string, readonly Chunk[]> = new Map(),
  notes: string = GIT_AI_NOTES_REF,
): Promise<Signal[]> {
  const signalled = new Set(flagged.map((s) => s.path));
  // review-always paths need a review whoever wrote them: where they came from changes nothing.
  const asked = changes.filter((c) => c.newOid && REGULAR_FILE_MODES.has(c.newMode ?? '') && !signalled.has(c.path) && assistantMatters(judgedRule(ctx.policy, c)));
  if (asked.length === 0) return [];
  const run = lineageRun(ctx);
  const tips = [...run.visible, ...revs];
  const opening = (run.opened ??= openLineage(ctx, { keep: run.keep }, tips, notes, run.read));
  let lineage = await opening;
  await lineage.cover(tips);
  if (lineage.index.empty) return [];
  // Read here only what the caller did not already read.
  const unread = [...new Set(asked.map((c) => c.newOid as string).filter((oid) => !chunked.has(oid)))];
  const read = await ctx.engine.readBlobs(unread, (_, content) => substantiveChunks(content));
  const chunksOf = new Map([...chunked, ...unread.map((oid, i) => [oid, read[i] as Chunk[]] as const)]);
  // What the index's filter cannot rule out bounds what the tables could find: a change that
  // could not be a copy even if all of it were found is none, and leaves the tables unread. The
  // old side matters only where the new content could be a copy at all.
  const { index } = lineage;
  const bound = (chunks: readonly Chunk[]) => containment(chunks, (hash) => (index.mayHoldChunk(hash) ? 0 : undefined));
  const suspects = asked.map((c) => ({ c, after: chunksOf.get(c.newOid as string) as readonly Chunk[] })).filter(({ after: a }) => bound(a).distinctMatched >= MIN_MATCHED_CHUNKS);
  const withOld = suspects.filter(({ c }) => c.oldOid && REGULAR_FILE_MODES.has(c.oldMode ?? ''));
  const before = await ctx.engine.readBlobs(
    withOld.map(({ c }) => c.oldOid as string),
    (_, content) => substantiveChunks(content),
  );
  const old = new Map(withOld.map(({ c }, i) => [c, before[i] as readonly Chunk[]]));
  const share = ctx.policy.assistants.lineageShare;
  const copies = suspects.map(({ c, after: a }) => ({ c, added: addedChunks(a, old.get(c) ?? null) })).filter(({ added }) => isCopy(bound(added), share));
  if (copies.length === 0) return [];
  if (!lineage.index.tablesHold()) {
    // Damaged past what the first digest covers: the history is walked afresh (once per run) and
    // the file written anew, as for a missing index.
    if (run.opened === opening) run.opened = openLineage(ctx, { rebuild: true, keep: run.keep }, tips, notes, run.read);
    lineage = await run.opened;
    await lineage.cover(tips);
  }
  const found = lineage.index;
  return copies.flatMap(({ c, added }) => {
    const signal = lineageSignal(found, c, added, share);
    return signal ? [signal] : [];
  });
}

/** PURE: whether what a change adds is mostly found among assistant-written chunks. */
function isCopy(m: Containment, share: number): boolean {
  return m.distinctMatched >= MIN_MATCHED_CHUNKS && m.addedBytes > 0 && m.matchedBytes / m.addedBytes >= share;
}

/** PURE: the signal for one change, given what it adds. */
export function lineageSignal(index: LineageIndex, c: Change, added: readonly Chunk[], share: number): Signal | null {
  const m = containment(added, index.originOfChunk);
  if (!isCopy(m, share)) return null;
  const exact = c.newOid ? index.originOfBlob(c.newOid) : undefined;
  const ranked = [...m.byOrigin.entries()].sort((a, b) => b[1] - a[1]);
  const main = index.origin(exact ?? (ranked[0] as [number, number])[0]);
  const from = `assistant commit ${main.commit.slice(0, 7)} at ${main.path}`;
  const others = ranked.filter(([id]) => index.origin(id) !== main).length;
  const evidence =
    exact !== undefined
      ? `first written by ${from}`
      : `${Math.floor((100 * m.matchedBytes) / m.addedBytes)}% of the bytes it adds were first written by ${from}${others > 0 ? ` and ${others} more` : ''}`;
  return { kind: 'lineage', assistant: main.assistant, rule: exact !== undefined ? 'lineage/blob' : 'lineage/share', evidence, path: c.path };
}
