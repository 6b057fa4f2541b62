import type { Change } from '../git/engine.js';
import { ATTESTATION_DIR, ATTESTATION_SUFFIX } from '../layout.js';
import { compileGlob } from '../policy/glob.js';
import type { Policy, ProtectRule, Requirement } from '../policy/policy.js';
import type { Signal } from '../signals/signal.js';
import { refusedLink } from './links.js';
import { reviewKey, type DecideInput, type Finding, type RejectedAttestation, type ReviewedChange, type RuleRef, type Verdict } from './verdict.js';

/**
 * The policy's own folder is protected whatever the policy says: otherwise the first thing an
 * assistant would "fix" is the list of protected paths, or an attestation it wrote for itself.
 */
export const SELF_RULE: RuleRef = {
  pattern: '.cleanroom/**',
  require: 'review-if-assistant',
  origin: 'built in: the policy folder is always protected',
};
/** The folder under every spelling a checkout writes into it, as a protect glob matches it. */
const inSelf = { sensitive: compileGlob(SELF_RULE.pattern, true), insensitive: compileGlob(SELF_RULE.pattern, false) };
const isSelf = (policy: Policy, path: string): boolean => (policy.caseSensitive ? inSelf.sensitive : inSelf.insensitive)(path);

/** Each staged path is asked about several times in one run (is anything protected, which
 *  changes need review, which blobs to read, the verdict); a history scan asks about the same
 *  paths in commit after commit. Bounded, so a scan of a huge tree cannot grow it without end. */
const rulesByPolicy = new WeakMap<Policy, Map<string, RuleRef | null>>();
const RULES_REMEMBERED = 1 << 16;

/** How strict each requirement is: where several rules match, the strictest governs. */
export const STRICTNESS: Readonly<Record<Requirement, number>> = { 'review-if-assistant': 1, 'review-always': 2, 'forbid-assistant': 3 };

/** The rule that governs a path: of all matching rules, the strictest; on a tie, the first written. */
export function ruleFor(policy: Policy, path: string): RuleRef | null {
  let known = rulesByPolicy.get(policy);
  if (!known) rulesByPolicy.set(policy, (known = new Map()));
  let rule = known.get(path);
  if (rule === undefined) {
    if (known.size >= RULES_REMEMBERED) known.clear();
    known.set(path, (rule = findRule(policy, path)));
  }
  return rule;
}

function findRule(policy: Policy, path: string): RuleRef | null {
  // Before the user's rules: `path: "**", require: review-always` must not ask each review for a review of its own.
  if (isAttestation(path)) return null;
  const best = strictestRule(policy, (rule) => rule.matches(path));
  return best ?? (isSelf(policy, path) ? SELF_RULE : null);
}

/** Of the rules `applies` accepts, the strictest (the first written on a tie), with the
 *  review-always rule that holds people to a review under a ban. */
export function strictestRule(policy: Policy, applies: (rule: ProtectRule) => boolean): RuleRef | null {
  let best: ProtectRule | null = null;
  let always: ProtectRule | null = null;
  for (const rule of policy.protect) {
    if (!applies(rule)) continue;
    if (!best || STRICTNESS[rule.require] > STRICTNESS[best.require]) best = rule;
    if (!always && rule.require === 'review-always') always = rule;
  }
  if (!best) return null;
  const ref = refOf(policy, best);
  return best.require === 'forbid-assistant' && always ? { ...ref, humanRule: refOf(policy, always) } : ref;
}

const refOf = (policy: Policy, rule: ProtectRule): RuleRef => ({
  pattern: rule.pattern,
  require: rule.require,
  origin: rule.line > 0 ? `${policy.source}:${rule.line}` : policy.source,
});

/**
 * What a protected change needs under its rule: 'forbidden' (assistant-made under a ban; nothing
 * admits it), 'review' (a human review of exactly this content), or null (it passes). Gatherers
 * ask this too, to read reviews only where one can count.
 */
export function requirementOf(rule: RuleRef, assistantMade: boolean): 'forbidden' | 'review' | null {
  if (assistantMade) return rule.require === 'forbid-assistant' ? 'forbidden' : 'review';
  return rule.require === 'review-always' || rule.humanRule !== undefined ? 'review' : null;
}

/** Whether who made a change can alter what its rule asks (and so where its bytes came from
 *  matters); false for an unprotected path. */
export const assistantMatters = (rule: RuleRef | null): boolean => rule !== null && rule.require !== 'review-always';

/** An attestation file, spelt exactly as the readers of reviews look for it. Attestations prove
 *  themselves by signature; requiring a review of the review would be circular. */
function isAttestation(path: string): boolean {
  return path.startsWith(`${ATTESTATION_DIR}/`) && path.endsWith(ATTESTATION_SUFFIX);
}

/**
 * The rule a change is judged by, or null when it is not judged. Deleting content adds nothing
 * that needs review, except in the policy's own folder: deleting or renaming the policy or the
 * list of reviewers changes what judges every later commit. Every gatherer asks this too, so
 * what is read and what is decided never part.
 */
export function judgedRule(policy: Policy, change: Change): RuleRef | null {
  if (change.status !== 'deleted') return ruleFor(policy, change.path);
  return isSelf(policy, change.path) ? ruleFor(policy, change.path) : null;
}

/**
 * Whether a review of this change could count in the verdict, so the gatherers read reviews for
 * it: once anything in its change set looks assistant-made (`signalled`), any of its changes may
 * be judged as one, but those under a ban, which no review admits; a person's change under a ban
 * may still need one (RuleRef.humanRule). decide() makes the exact call, change by change.
 */
export function mayNeedReview(policy: Policy, change: Change, signalled: boolean): boolean {
  const rule = judgedRule(policy, change);
  return rule !== null && ((signalled && requirementOf(rule, true) === 'review') || requirementOf(rule, false) === 'review');
}

/** PURE: the whole verdict from values. No I/O, no git, no clock. */
export function decide({ policy, changeSets }: DecideInput): Verdict {
  const findings: Finding[] = [];
  const reviewed: ReviewedChange[] = [];
  let paths = 0;
  let protectedPaths = 0;
  for (const changeSet of changeSets) {
    const ownSignals = byPath(changeSet.pathSignals);
    for (const change of changeSet.changes) {
      paths++;
      const link = refusedLink(policy, change, changeSet.linkTargets?.get(change.path));
      if (link) {
        // Refused whoever made it, and no review admits it (links.ts says why).
        protectedPaths++;
        findings.push({ commit: changeSet.commit, path: change.path, status: change.status, rule: link, reason: 'link', signals: [] });
        continue;
      }
      const rule = judgedRule(policy, change);
      if (!rule) continue;
      protectedPaths++;
      const signals = [...changeSet.signals, ...(ownSignals.get(change.path) ?? [])];
      const needs = requirementOf(rule, signals.length > 0);
      if (needs === 'forbidden') {
        // A review cannot launder a ban: none is even looked for.
        findings.push({ commit: changeSet.commit, path: change.path, status: change.status, rule, reason: 'forbidden', signals });
      } else if (needs === 'review') {
        const principals = change.newOid ? changeSet.reviewed.get(reviewKey(change.path, change.newOid)) : undefined;
        if (principals) {
          reviewed.push({ commit: changeSet.commit, path: change.path, principals, signals });
          continue;
        }
        findings.push({
          commit: changeSet.commit,
          path: change.path,
          status: change.status,
          rule: signals.length > 0 ? rule : (rule.humanRule ?? rule),
          reason: signals.length > 0 ? 'assistant' : 'review-always',
          signals,
        });
      }
    }
  }
  const outcome = findings.length === 0 ? 'allowed' : policy.mode === 'warn' ? 'warned' : 'blocked';
  return {
    outcome,
    mode: policy.mode,
    policy: policy.source,
    checked: { commits: changeSets.filter((s) => s.commit !== null).length, paths, protectedPaths },
    findings,
    reviewed,
    rejectedAttestations: uniqueByFile(changeSets.flatMap((s) => s.rejectedAttestations)),
    signals: changeSets.flatMap((s) => [...s.signals, ...s.pathSignals]),
  };
}

/** Signals about single files, by path: an assistant's commit can bring a marker in each of a
 *  thousand files, and each file's finding takes only its own. */
function byPath(signals: readonly Signal[]): Map<string | undefined, Signal[]> {
  const found = new Map<string | undefined, Signal[]>();
  for (const s of signals) {
    const list = found.get(s.path);
    if (list) list.push(s);
    else found.set(s.path, [s]);
  }
  return found;
}

/** Change sets judged against the same tip see the same attestation files: report each once. */
function uniqueByFile(list: readonly RejectedAttestation[]): RejectedAttestation[] {
  const seen = new Map<string, RejectedAttestation>();
  for (const r of list) if (!seen.has(r.file)) seen.set(r.file, r);
  return [...seen.values()];
}
