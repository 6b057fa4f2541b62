/**
 * Gathers what decide() needs, and only that: changes first, then, for change sets that touch a
 * protected path, the signals (which cost spawns and blob reads). Every hook and command reads
 * its inputs through here, so what a local hook judges is what `check --range` and the server judge.
 */
import { ruleFor } from './decide/decide.js';
import type { Subject } from './decide/verdict.js';
import type { Change, CommitRange, GitEngine, Identity } from './git/engine.js';
import { parseIdent } from './git/plumbing.js';
import type { GitVars, RepoContext } from './git/repo.js';
import type { Policy } from './policy/policy.js';
import { addedLines, environmentSignals, identitySignals, markerSignals, messageSignals } from './signals/detect.js';
import type { Signal } from './signals/signal.js';

export interface InspectContext {
  readonly repo: RepoContext;
  readonly vars: GitVars;
  readonly engine: GitEngine;
  readonly policy: Policy;
  /** The index against HEAD, started while the policy was being read (hooks run on every commit). */
  readonly stagedAgainstHead?: Promise<Change[]> | undefined;
}

function touchesProtected(policy: Policy, changes: readonly Change[]): boolean {
  return changes.some((c) => c.status !== 'deleted' && ruleFor(policy, c.path) !== null);
}

/** Content markers in the added lines of protected text files. */
async function markersIn(ctx: InspectContext, changes: readonly Change[]): Promise<Signal[]> {
  if (ctx.policy.assistants.markers.length === 0) return [];
  const found: Signal[] = [];
  for (const c of changes) {
    if (c.status === 'deleted' || !c.newOid || c.newMode === '160000' || !ruleFor(ctx.policy, c.path)) continue;
    const [before, after] = await Promise.all([
      c.oldOid && c.oldMode !== '160000' ? ctx.engine.readBlob(c.oldOid) : null,
      ctx.engine.readBlob(c.newOid),
    ]);
    const added = addedLines(before, after);
    if (added) found.push(...markerSignals(c.path, added, ctx.policy.assistants));
  }
  return found;
}

function pendingIdentities(vars: GitVars): { role: 'author' | 'committer'; identity: Identity }[] {
  const people: { role: 'author' | 'committer'; identity: Identity }[] = [];
  if (vars.author) people.push({ role: 'author', identity: parseIdent(vars.author) });
  if (vars.committer) people.push({ role: 'committer', identity: parseIdent(vars.committer) });
  return people;
}

/** The change set `git commit` is about to record, judged with the committing process's signals. */
export async function inspectStaged(
  ctx: InspectContext,
  opts: { message?: string | undefined; base?: string | undefined; only?: ReadonlySet<string> | null } = {},
): Promise<Subject> {
  const staged = await (opts.base === undefined && ctx.stagedAgainstHead ? ctx.stagedAgainstHead : ctx.engine.stagedChanges(opts.base));
  const changes = opts.only ? staged.filter((c) => opts.only?.has(c.path)) : staged;
  if (!touchesProtected(ctx.policy, changes)) return { commit: null, changes, signals: [], markers: [] };
  const rules = ctx.policy.assistants;
  const commentChar = ctx.vars.config.get('core.commentchar');
  const signals = [
    ...environmentSignals(ctx.repo.env, rules),
    ...identitySignals(pendingIdentities(ctx.vars), rules),
    ...(opts.message !== undefined ? messageSignals(opts.message, rules, commentChar ? { commentChar } : {}) : []),
  ];
  const markers = await markersIn(ctx, changes);
  return { commit: null, changes, signals, markers };
}

/** Recorded commits: only what the commit itself carries (the server sees nothing else). */
export async function inspectCommits(ctx: InspectContext, range: CommitRange): Promise<Subject[]> {
  const oids = await ctx.engine.listCommits(range);
  const subjects: Subject[] = [];
  for (const oid of oids) subjects.push(await inspectCommit(ctx, oid));
  return subjects;
}

export async function inspectCommit(ctx: InspectContext, oid: string): Promise<Subject> {
  const changes = await ctx.engine.commitChanges(oid);
  if (!touchesProtected(ctx.policy, changes)) return { commit: oid, changes, signals: [], markers: [] };
  const commit = await ctx.engine.readCommit(oid);
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
  return { commit: oid, changes, signals, markers: await markersIn(ctx, changes) };
}
