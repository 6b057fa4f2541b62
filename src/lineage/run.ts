/**
 * What one run's lineage questions share: the index once opened, the history every question sees
 * beyond the refs, what a pass over the pushed commits already found, and the refs if listed. Kept
 * apart from the index code (gate.ts, which loads node:crypto at its start) so that a command
 * naming a push's history to lineage loads that code only when a question is asked.
 */
import type { ListedCommit } from '../git/engine.js';
import type { RefListing } from '../git/refs.js';
import type { InspectContext } from '../inspect.js';
import type { Lineage } from './gate.js';

/**
 * Every commit some tips reach over some refs, as a pass that read them all found them (the
 * server's well-formedness pass): `candidates`, those mayBeAssistantMade says yes of.
 */
export interface ReadCommits {
  /** The tips as named (a tag, say) and as the commits they name. */
  readonly tips: ReadonlySet<string>;
  readonly listed: readonly ListedCommit[];
  readonly candidates: ReadonlySet<string>;
}

export interface LineageRun {
  opened: Promise<Lineage> | null;
  readonly visible: Set<string>;
  read: ReadCommits | null;
  refs: Promise<RefListing> | null;
  /** Whether the index is saved with the history of `visible` too (gate.ts openLineage `keep`). */
  keep: boolean;
}

const runs = new WeakMap<InspectContext, LineageRun>();

export function lineageRun(ctx: InspectContext): LineageRun {
  let run = runs.get(ctx);
  if (!run) runs.set(ctx, (run = { opened: null, visible: new Set(), read: null, refs: null, keep: false }));
  return run;
}

/** Makes the history a push's `tips` reach visible to every lineage question of this run, so a
 *  draft on one pushed branch is seen from another, and saved with the index once a question
 *  opens it: once the push is accepted, the next one finds it indexed. Nothing is read until a
 *  question is asked. `read`: what a pass over all of it found, so that the walk diffs only its
 *  candidates; `refs`: the refs, if the caller listed them already. */
export function coverLineage(ctx: InspectContext, tips: readonly string[], read: ReadCommits | null = null, refs: RefListing | null = null): void {
  const run = lineageRun(ctx);
  if (refs) run.refs = Promise.resolve(refs);
  for (const t of tips) run.visible.add(t);
  if (read) run.read = read;
  run.keep = true;
}
