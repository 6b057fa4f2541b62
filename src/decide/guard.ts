/**
 * What an assistant's pre-tool guard answers about the files a tool call is about to write. PURE.
 *
 * The question is the commit gate's, asked early: the writer is an assistant, so a file under
 * forbid-assistant may not be written at all (no review could admit it later), and a file under
 * any other protected rule may be written but will need a human review before it is committed.
 */
import type { Policy } from '../policy/policy.js';
import { requirementOf, ruleFor } from './decide.js';
import type { RuleRef } from './verdict.js';

export interface GuardHit {
  /** The git path (as the repository stores it). */
  readonly path: string;
  readonly rule: RuleRef;
}

export interface GuardAnswer {
  /** Writes refused: only a person may write these paths. */
  readonly denied: readonly GuardHit[];
  /** Writes allowed that will need a human review before commit. */
  readonly review: readonly GuardHit[];
}

/** `paths`: every git path the call may write (a path may appear under several spellings). */
export function guardAnswer(policy: Policy, paths: readonly string[]): GuardAnswer {
  const denied: GuardHit[] = [];
  const review: GuardHit[] = [];
  for (const path of new Set(paths)) {
    const rule = ruleFor(policy, path);
    if (rule === null) continue;
    (requirementOf(rule, true) === 'forbidden' ? denied : review).push({ path, rule });
  }
  return { denied, review };
}
