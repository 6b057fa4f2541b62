/**
 * The lineage question, asked where a verdict is made: were the bytes a change puts under a
 * protected path (or most of them) first written by an assistant-made commit anywhere in the
 * history this verdict can see? Asked only of protected changes nothing else flags already.
 */
import { createHash } from 'node:crypto';
import { assistantMatters, ruleFor } from '../decide/decide.js';
import type { Change } from '../git/engine.js';
import { gitOk, runGit } from '../git/exec.js';
import type { InspectContext } from '../inspect.js';
import type { Policy } from '../policy/policy.js';
import { catalog } from '../signals/catalog.js';
import type { Signal } from '../signals/signal.js';
import { addedChunks, containment, substantiveChunks, type Chunk } from './chunks.js';
import { chunkWrites, LineageIndex } from './index.js';
import { loadStore, saveStore, type StoredWrite } from './store.js';
import { walkAssistantWrites, type AssistantWrite } from './walk.js';

/** Fewer distinct assistant chunks than this in what a change adds is too little to call it a
 *  copy: an empty file, `{}`, a shared licence line or two never count. */
export const MIN_MATCHED_CHUNKS = 3;
const REGULAR = new Set(['100644', '100755']);

/**
 * What decides which commits are assistant-made: the index holds the writes of those commits, so
 * a policy that names other assistants (or a catalog that grew) keys another index.
 */
export function detectorKey(policy: Policy, objectFormat: string): string {
  const rules = policy.assistants;
  const patterns = rules.builtin ? catalog().flatMap((e) => (e.kind === 'environment' ? [] : [`${e.id} ${e.pattern.source}/${e.pattern.flags}`])) : [];
  const own = [...rules.trailers.map((r) => `t ${r.source}/${r.flags}`), ...rules.identities.map((r) => `i ${r.source}/${r.flags}`)];
  return createHash('sha256').update(JSON.stringify([objectFormat, patterns, own])).digest('hex');
}

/** The index for one run, and the tips whose history it covers. */
class Lineage {
  constructor(
    readonly index: LineageIndex,
    private readonly covered: Set<string>,
    /** Revisions resolved when the index opened (HEAD). */
    private readonly resolved: ReadonlyMap<string, string>,
    private readonly ctx: InspectContext,
  ) {}

  private pending: Promise<void> = Promise.resolve();

  /** Indexes (in memory) what `revs` reach that is not covered yet: a push's own commits. */
  cover(revs: readonly string[]): Promise<void> {
    this.pending = this.pending.then(async () => {
      const tips = await Promise.all(revs.map((r) => (OID.test(r) ? r : (this.resolved.get(r) ?? this.ctx.engine.resolve(r).catch(() => null)))));
      const missing = [...new Set(tips)].filter((t): t is string => t !== null && !this.covered.has(t));
      if (missing.length === 0) return;
      for (const w of await walkAndChunk(this.ctx, missing, [...this.covered])) this.index.add(w);
      for (const t of missing) this.covered.add(t);
    });
    return this.pending;
  }
}

async function walkAndChunk(ctx: InspectContext, include: readonly string[], exclude: readonly string[], onCommit?: () => void): Promise<StoredWrite[]> {
  const writes: AssistantWrite[] = [];
  await walkAssistantWrites(ctx.repo, ctx.policy.assistants, { include, exclude }, (w) => writes.push(w), onCommit);
  return chunkWrites(ctx.engine, writes);
}

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Every ref's object id (branches, tags, remote-tracking refs, and the refs a host writes by
 * itself: content anywhere in the repository is content someone can copy), and `revs` (HEAD or
 * object ids) resolved by the same process. A rev that does not resolve (an unborn HEAD) is left
 * out.
 */
async function refTips(ctx: InspectContext, revs: readonly string[]): Promise<{ refs: string[]; resolved: Map<string, string> }> {
  const named = [...new Set(revs.filter((r) => r === 'HEAD' || OID.test(r)))];
  const opts = { cwd: ctx.repo.cwd, env: ctx.repo.env };
  const both = await runGit(['rev-parse', '--all', ...named], opts);
  const lines = (both.status === 0 ? both.stdout : await gitOk(['rev-parse', '--all'], opts)).toString('utf8').split('\n').filter(Boolean);
  const resolved = new Map<string, string>();
  if (both.status === 0) named.forEach((r, i) => resolved.set(r, lines[lines.length - named.length + i] as string));
  const refs = both.status === 0 ? lines.slice(0, lines.length - named.length) : lines;
  return { refs: [...new Set(refs)].sort(), resolved };
}

/** The ids of `tips` that this repository still has (a rewritten ref's old tip may be gone). */
async function existing(ctx: InspectContext, tips: readonly string[]): Promise<string[]> {
  if (tips.length === 0) return [];
  const out = await gitOk(['cat-file', '--batch-check=%(objectname)'], { cwd: ctx.repo.cwd, env: ctx.repo.env, input: `${tips.join('\n')}\n` });
  const found = new Set(out.toString('utf8').split('\n'));
  return tips.filter((t) => found.has(t));
}

/**
 * Opens the index: the store's entries, plus a walk of what the refs reach beyond the tips the
 * store covers (all of history when the store is missing or not trusted), saved back for the next
 * run. Only ref history is saved: what `extra` tips reach beyond the refs (a push's own commits,
 * quarantined, perhaps about to be rejected) is indexed in memory, and saved once a ref reaches it.
 * git walks while node reads the store and fills the index.
 */
export async function openLineage(ctx: InspectContext, opts: { onCommit?: () => void; rebuild?: boolean } = {}, revs: readonly string[] = []): Promise<Lineage> {
  const key = detectorKey(ctx.policy, ctx.repo.objectFormat);
  const refsRead = refTips(ctx, revs);
  const stored = opts.rebuild ? { tips: [], writes: [], appendable: false } : loadStore(ctx.repo.commonDir, key);
  const { refs, resolved } = await refsRead;
  const beyond = [...new Set(resolved.values())].filter((t) => !refs.includes(t));
  const extraWalk = walkAndChunk(ctx, beyond, refs);
  const same = stored.appendable && stored.tips.length === refs.length && stored.tips.every((t, i) => t === refs[i]);
  const refsWalk = same ? Promise.resolve([]) : existing(ctx, stored.tips).then((base) => walkAndChunk(ctx, refs, base, opts.onCommit));
  // Both walks are awaited together, so neither can fail unheard.
  const walked = Promise.all([refsWalk, extraWalk]);
  walked.catch(() => undefined);
  const index = new LineageIndex();
  for (const w of stored.writes) index.add(w);
  const [added, inMemory] = await walked;
  for (const w of [...added, ...inMemory]) index.add(w);
  if (!same) saveStore(ctx.repo.commonDir, key, refs, added, [...stored.writes, ...added], stored.appendable);
  return new Lineage(index, new Set([...refs, ...beyond]), resolved, ctx);
}

/** Per run: the index once opened, and the tips every question of the run sees beyond the refs. */
const runs = new WeakMap<InspectContext, { opened: Promise<Lineage> | null; visible: Set<string> }>();
function runOf(ctx: InspectContext) {
  let run = runs.get(ctx);
  if (!run) runs.set(ctx, (run = { opened: null, visible: new Set() }));
  return run;
}

/** Makes the history `tips` reach visible to every lineage question of this run: the server
 *  calls it with all of a push's tips, so a draft on one pushed branch is seen from another.
 *  Nothing is read until a question is asked. */
export function coverLineage(ctx: InspectContext, tips: readonly string[]): void {
  for (const t of tips) runOf(ctx).visible.add(t);
}

/**
 * Lineage signals for the protected changes of one change set that `flagged` (the set's own
 * path signals) does not already flag; the caller asks only when no set-wide signal fired.
 * `revs`: what the verdict sees beyond the refs (the pushed tip, HEAD); one that does not resolve
 * (an unborn HEAD) adds nothing.
 */
export async function lineageSignals(ctx: InspectContext, changes: readonly Change[], flagged: readonly Signal[], revs: readonly string[]): Promise<Signal[]> {
  const signalled = new Set(flagged.map((s) => s.path));
  // review-always paths need a review whoever wrote them: where they came from changes nothing.
  const asked = changes.filter(
    (c) => c.status !== 'deleted' && c.newOid && REGULAR.has(c.newMode ?? '') && !signalled.has(c.path) && assistantMatters(ruleFor(ctx.policy, c.path)),
  );
  if (asked.length === 0) return [];
  const run = runOf(ctx);
  const tips = [...run.visible, ...revs];
  const lineage = await (run.opened ??= openLineage(ctx, {}, tips));
  await lineage.cover(tips);
  const index = lineage.index;
  if (index.empty) return [];
  const after = await ctx.engine.readBlobs(
    asked.map((c) => c.newOid as string),
    (_, content) => substantiveChunks(content),
  );
  // The old side matters only where the new content could be a copy at all.
  const suspects = asked.map((c, i) => ({ c, after: after[i] as Chunk[] })).filter(({ after: a }) => containment(a, index.originOfChunk).distinctMatched >= MIN_MATCHED_CHUNKS);
  const withOld = suspects.filter(({ c }) => c.oldOid && REGULAR.has(c.oldMode ?? ''));
  const before = await ctx.engine.readBlobs(
    withOld.map(({ c }) => c.oldOid as string),
    (_, content) => substantiveChunks(content),
  );
  const old = new Map(withOld.map(({ c }, i) => [c, before[i] as Chunk[]]));
  return suspects.flatMap(({ c, after: a }) => {
    const found = lineageSignal(index, c, addedChunks(a, old.get(c) ?? null), ctx.policy.assistants.lineageShare);
    return found ? [found] : [];
  });
}

/** PURE: the signal for one change, given what it adds. */
export function lineageSignal(index: LineageIndex, c: Change, added: readonly Chunk[], share: number): Signal | null {
  const m = containment(added, index.originOfChunk);
  if (m.distinctMatched < MIN_MATCHED_CHUNKS || m.addedBytes === 0 || m.matchedBytes / m.addedBytes < share) return null;
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
