/** The compiled policy: what decide() and the detectors consume. Produced only by loadPolicy(). */
/** Policy.source of the policy shipped with cleanroom, used when a repository has none. */
export const EMBEDDED_SOURCE = '<embedded default>';

/** From least to most strict. forbid-assistant: no assistant may produce the content, and no
 *  review admits it when one did; a person's changes pass. */
export type Requirement = 'review-if-assistant' | 'review-always' | 'forbid-assistant';
export type Mode = 'enforce' | 'warn';

export interface ProtectRule {
  /** The glob as written in the policy. */
  readonly pattern: string;
  readonly require: Requirement;
  /** The entry's `exclude:` globs as written: exceptions inside the pattern (a README in a
   *  protected folder), matched exactly (glob.ts compileExclude). */
  readonly exclude: readonly string[];
  /** Index in `protect:` and 1-based line in the policy file (0 for the embedded default), for messages. */
  readonly index: number;
  readonly line: number;
  /** True when the git path (as stored, '/'-separated) falls under this rule: its pattern matches
   *  and none of its excludes does. */
  matches(path: string): boolean;
  /** True when the pattern matches, excludes aside: a symlink or submodule at an excluded path
   *  could still show content below it, where the rule holds again (decide/links.ts). */
  reaches(path: string): boolean;
}

export interface AssistantRules {
  readonly builtin: boolean;
  readonly trailers: readonly RegExp[];
  readonly identities: readonly RegExp[];
  readonly environment: readonly string[];
  readonly markers: readonly RegExp[];
  /** Share (0..1] of a staged protected file's added lines that, once recorded as an assistant's
   *  (cleanroom record), make the file assistant-written. */
  readonly recordedShare: number;
  /** Share (0..1] of what a change adds under a protected path that, once first written by an
   *  assistant-made commit anywhere in the visible history, makes the change assistant-written. */
  readonly lineageShare: number;
}

export interface ReviewRules {
  readonly namespace: string;
  /** Absolute path of the allowed_signers file, resolved against the policy file's folder. */
  readonly allowedSigners: string;
  readonly threshold: number;
  readonly requireUserPresence: boolean;
}

/** Bounds on the shape of what is judged, so that no push can make judging it slow. */
export interface Limits {
  /** The most parents a commit may have; a commit with more is refused, not judged. */
  readonly maxParents: number;
}

/** Wide enough for real octopus merges (the largest in Linux's history has 66 parents). */
export const DEFAULT_LIMITS: Limits = { maxParents: 128 };

export interface Policy {
  /** Where the policy came from: an absolute file path, or '<embedded default>'. */
  readonly source: string;
  readonly version: 1;
  readonly repository: string | null;
  readonly mode: Mode;
  /** Globs ignore letter case unless the policy sets `case_sensitive: true`. */
  readonly caseSensitive: boolean;
  readonly protect: readonly ProtectRule[];
  readonly assistants: AssistantRules;
  readonly review: ReviewRules;
  readonly limits: Limits;
}
