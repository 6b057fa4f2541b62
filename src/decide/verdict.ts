import type { Change, ChangeStatus } from '../git/engine.js';
import type { Mode, Policy, Requirement } from '../policy/policy.js';
import type { Signal } from '../signals/signal.js';

/** One unit the gate judges: the staged change set, or one commit of a range. */
export interface Subject {
  /** Null for the staged change set. */
  readonly commit: string | null;
  readonly changes: readonly Change[];
  /** Signals about the whole change set: environment, trailers, message lines, identities. */
  readonly signals: readonly Signal[];
  /** Content markers, each carrying the path it was found in. */
  readonly markers: readonly Signal[];
}

export interface RuleRef {
  readonly pattern: string;
  readonly require: Requirement;
  /** '<policy file>:<line>', or a description for the built-in rule. */
  readonly origin: string;
}

export interface Finding {
  readonly commit: string | null;
  readonly path: string;
  readonly status: ChangeStatus;
  readonly rule: RuleRef;
  readonly reason: 'assistant' | 'review-always';
  /** The signals that make this change assistant-generated (set-wide ones plus this path's markers). */
  readonly signals: readonly Signal[];
}

export type Outcome = 'allowed' | 'blocked' | 'warned';

export interface Verdict {
  readonly outcome: Outcome;
  readonly mode: Mode;
  readonly policy: string;
  readonly checked: {
    readonly commits: number;
    readonly paths: number;
    readonly protectedPaths: number;
  };
  readonly findings: readonly Finding[];
  /** Every signal that fired, in every subject, whether or not it touched a protected path. */
  readonly signals: readonly Signal[];
}

export interface DecideInput {
  readonly policy: Policy;
  readonly subjects: readonly Subject[];
}
