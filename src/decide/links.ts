/**
 * Symlinks and submodules that change what a checkout shows under a protected path. PURE.
 *
 * A checkout's view is what counts: a link `evals -> shadow` shows `shadow/private/x` as
 * `evals/private/x`, and `benchmarks/t.json -> ../docs/t.json` shows whatever `docs/t.json`
 * becomes. Such a link cannot be reviewed once: its review would cover the link, not the content
 * that later reaches a protected path through it. So a link (mode 120000) added or retargeted at
 * a protected path, or at a folder a protected pattern reaches below, is refused unless what it
 * points at is itself protected at least as strictly; a submodule (160000) at such a folder is
 * refused outright (its content is another repository's). No review admits a refused link.
 */
import type { Change } from '../git/engine.js';
import { compileGlob } from '../policy/glob.js';
import type { Policy, ProtectRule } from '../policy/policy.js';
import { ruleFor, STRICTNESS, strictestRule } from './decide.js';
import type { RuleRef } from './verdict.js';
import { GITLINK_MODE, SYMLINK_MODE } from '../git/modes.js';

/** For each rule, matchers for the folders its pattern reaches below: the pattern cut at each
 *  top-level "/" (`evals/private/**` reaches below `evals` and `evals/private`). A "/" inside a
 *  brace group cannot be cut at: such a rule is taken to reach below every folder. */
const reachByPolicy = new WeakMap<Policy, readonly { rule: ProtectRule; below: (path: string) => boolean }[]>();

function reach(policy: Policy) {
  let found = reachByPolicy.get(policy);
  if (!found) {
    found = policy.protect.map((rule) => {
      const cuts = ancestorPatterns(rule.pattern);
      if (cuts === null) return { rule, below: () => true };
      const matchers = cuts.map((cut) => compileGlob(cut, policy.caseSensitive));
      return { rule, below: (path: string) => matchers.some((m) => m(path)) };
    });
    reachByPolicy.set(policy, found);
  }
  return found;
}

/** The pattern's leading segments, one prefix per top-level "/", or null when a "/" sits in braces. */
export function ancestorPatterns(pattern: string): string[] | null {
  const cuts: string[] = [];
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '/') {
      if (depth > 0) return null;
      cuts.push(pattern.slice(0, i));
    }
  }
  return cuts;
}

/** The strictest rule that governs `path` or anything a checkout could show below it. An exclude
 *  does not count here: a link at an excluded path still shows content below it, where the rule
 *  holds again, and its own target is what counts, not the exception's name. */
function strictestAtOrBelow(policy: Policy, path: string): RuleRef | null {
  let best: RuleRef | null = ruleFor(policy, path);
  const reached = strictestRule(policy, (rule) => rule.reaches(path));
  if (reached !== null && (best === null || STRICTNESS[reached.require] > STRICTNESS[best.require])) best = reached;
  for (const { rule, below } of reach(policy)) {
    if (!below(path)) continue;
    if (best === null || STRICTNESS[rule.require] > STRICTNESS[best.require]) {
      best = { pattern: rule.pattern, require: rule.require, origin: rule.line > 0 ? `${policy.source}:${rule.line}` : policy.source };
    }
  }
  return best;
}

/** Whether a link or submodule at this path could show content under a protected path. */
export function mayAlias(policy: Policy, change: Change): boolean {
  return (change.newMode === SYMLINK_MODE || change.newMode === GITLINK_MODE) && change.status !== 'deleted' && strictestAtOrBelow(policy, change.path) !== null;
}

/** A symlink's target resolved against its own folder, as a checkout resolves it; null when it is
 *  absolute or climbs out of the repository. A backslash separates too, and a drive letter makes a
 *  path absolute: a Windows checkout reads `..\docs\t.json` as `../docs/t.json`. */
export function resolveLink(linkPath: string, target: string): string | null {
  if (target === '' || /^[\\/]|^[A-Za-z]:/.test(target)) return null;
  const parts = linkPath.split('/').slice(0, -1);
  for (const seg of target.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length === 0 ? null : parts.join('/');
}

/**
 * The rule a link change breaks, or null when it breaks none (then it is judged as the ordinary
 * content of its path). `target` is the link's text (the blob of a 120000 entry).
 */
export function refusedLink(policy: Policy, change: Change, target: string | undefined): RuleRef | null {
  if (!mayAlias(policy, change)) return null;
  const shown = strictestAtOrBelow(policy, change.path) as RuleRef;
  if (change.newMode === GITLINK_MODE) return ruleFor(policy, change.path) === null ? shown : null;
  const resolved = target === undefined ? null : resolveLink(change.path, target);
  const real = resolved === null ? null : ruleFor(policy, resolved);
  return real !== null && STRICTNESS[real.require] >= STRICTNESS[shown.require] ? null : shown;
}
