import type { Change, ChangeStatus } from '../git/engine.js';
import type { Mode, Policy, Requirement } from '../policy/policy.js';
import type { Signal } from '../signals/signal.js';

/** One unit the gate judges: the staged change set, or one commit of a range. */
export interface ChangeSet {
  /** Null for the staged change set. */
  readonly commit: string | null;
  readonly changes: readonly Change[];
  /** Signals about the whole change set: environment, trailers, message lines, identities. */
  readonly signals: readonly Signal[];
  /** Signals about one path, each carrying it: content markers, and lines an assistant was
   *  recorded writing (cleanroom record). */
  readonly pathSignals: readonly Signal[];
  /** Verified human reviews: `${path}\0${blob oid}` → the principals who signed for exactly that
   *  content (the blob's sha256 already checked against the statement). */
  readonly reviewed: ReadonlyMap<string, readonly string[]>;
  /** Attestation files found for this change set that did not count. */
  readonly rejectedAttestations: readonly RejectedAttestation[];
  /** What each symlink that could show content under a protected path points at (its blob's
   *  text), by path (links.ts). */
  readonly linkTargets?: ReadonlyMap<string, string>;
}

export const reviewKey = (path: string, oid: string): string => `${path}\0${oid}`;

/** A protected change that needed review and has it. */
export interface ReviewedChange {
  readonly commit: string | null;
  readonly path: string;
  readonly principals: readonly string[];
  /** The assistant signals the review answered (empty under review-always without any). */
  readonly signals: readonly Signal[];
}

/** An attestation file that did not count, and why, so a reviewer can mend it. */
export interface RejectedAttestation {
  readonly file: string;
  readonly problems: readonly string[];
}

export interface RuleRef {
  readonly pattern: string;
  readonly require: Requirement;
  /** '<policy file>:<line>', or a description for the built-in rule. */
  readonly origin: string;
  /** Under forbid-assistant, a review-always rule that also matches: a person's changes still need
   *  a review, which the ban alone would let pass. */
  readonly humanRule?: RuleRef;
}

export interface Finding {
  readonly commit: string | null;
  readonly path: string;
  readonly status: ChangeStatus;
  readonly rule: RuleRef;
  /** 'link': a symlink or submodule that would show unprotected content under a protected path;
   *  no review admits it. 'forbidden': assistant-made content under forbid-assistant; no review
   *  admits it either. */
  readonly reason: 'assistant' | 'review-always' | 'link' | 'forbidden';
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
  readonly reviewed: readonly ReviewedChange[];
  readonly rejectedAttestations: readonly RejectedAttestation[];
  /** Every signal that fired, in every change set, whether or not it touched a protected path. */
  readonly signals: readonly Signal[];
}

export interface DecideInput {
  readonly policy: Policy;
  readonly changeSets: readonly ChangeSet[];
}
