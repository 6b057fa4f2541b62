// Where each file of a snapshot came from, as the gate's own decision says: the history of the
// revision is judged exactly as `scan` judges it (every commit, with the reviews in the
// revision's tree), narrowed to the changes that brought the snapshot's very content. PURE.
import { decide } from '../decide/decide.js';
import { reviewKey, type Finding, type ReviewedChange, type ChangeSet, type Verdict } from '../decide/verdict.js';
import type { TreeFile } from '../git/engine.js';
import type { Policy } from '../policy/policy.js';
import type { FileStatus } from './statement.js';

export interface FileProvenance {
  readonly path: string;
  readonly status: FileStatus;
  readonly reviewers: readonly string[];
  readonly assistants: readonly string[];
  /** The findings that hold this file back (empty unless unreviewed or forbidden). */
  readonly findings: readonly Finding[];
}

export interface SnapshotJudgement {
  /** decide() over the changes that brought the snapshot's content: releasable when it has no finding. */
  readonly verdict: Verdict;
  readonly releasable: boolean;
  /** One per snapshot file, in the order given. */
  readonly files: readonly FileProvenance[];
}

/**
 * `history`: the change sets inspectCommits gave for the revision's whole history, with the
 * revision as tip. Each change set keeps only the changes that wrote a (path, blob) the snapshot
 * holds, so content that was replaced or deleted since neither holds the snapshot back nor
 * passes for it; content written twice (deleted and brought back) is judged at each writing.
 * Any finding of the decision is a reason not to release, whatever kind a policy gives it.
 */
export function judgeSnapshot(policy: Policy, snapshot: readonly TreeFile[], history: readonly ChangeSet[]): SnapshotJudgement {
  const held = new Set(snapshot.map((f) => reviewKey(f.path, f.oid)));
  const changeSets = history.map((s) => ({ ...s, changes: s.changes.filter((c) => c.newOid !== null && held.has(reviewKey(c.path, c.newOid))) }));
  const verdict = decide({ policy, changeSets });
  const findings = new Map<string, Finding[]>();
  for (const f of verdict.findings) findings.set(f.path, [...(findings.get(f.path) ?? []), f]);
  const reviews = new Map<string, ReviewedChange[]>();
  for (const r of verdict.reviewed) reviews.set(r.path, [...(reviews.get(r.path) ?? []), r]);
  const files = snapshot.map((f): FileProvenance => {
    const against = findings.get(f.path) ?? [];
    const reviewed = reviews.get(f.path) ?? [];
    const signals = [...against, ...reviewed].flatMap((x) => x.signals);
    return {
      path: f.path,
      status: against.length === 0 ? (reviewed.length > 0 ? 'reviewed' : 'no-assistant-signal') : against.some(noReviewAnswers) ? 'forbidden' : 'unreviewed',
      reviewers: unique(reviewed.flatMap((r) => r.principals)),
      assistants: unique(signals.map((s) => s.assistant)),
      findings: against,
    };
  });
  return { verdict, releasable: verdict.findings.length === 0, files };
}

/** A finding no review can answer: a link that shows unprotected content (decide/links.ts), or
 *  assistant content where the policy requires forbid-assistant (only a person may write it). */
function noReviewAnswers(f: Finding): boolean {
  return f.reason === 'link' || f.reason === 'forbidden';
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}
