/**
 * Every sentence cleanroom says to a person lives here, so wording stays consistent across
 * hooks, commands and formats, and can be reviewed in one read.
 */
import type { Finding, ReviewedChange, Verdict } from '../decide/verdict.js';
import type { Signal } from '../signals/signal.js';
import { hasUnsafe, printable } from './escape.js';

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Quotes a path for a POSIX shell so a pasted fix command works for spaces and quotes alike. A
 *  path holding a control character is written in $'...' (bash, zsh, ksh, POSIX.1-2024 sh), its
 *  unsafe characters escaped, so the command still names the file and prints nothing raw. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(s)) return s;
  return hasUnsafe(s) ? `$'${printable(s.replace(/[\\']/g, '\\$&'))}'` : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function scopeText(v: Verdict, scope: string): string {
  const commits = v.checked.commits > 0 ? ` in ${plural(v.checked.commits, 'commit')}` : '';
  return `checked ${plural(v.checked.paths, `${scope}path`.trim(), `${scope}paths`.trim())}${commits}, ${v.checked.protectedPaths} protected`;
}

export function headline(v: Verdict): string {
  const forbidden = v.findings.filter((f) => f.reason === 'forbidden').length;
  const review = v.findings.length - forbidden;
  const n = plural(review, 'protected change');
  const banned = plural(forbidden, 'protected change');
  switch (v.outcome) {
    case 'allowed':
      return 'allowed';
    case 'blocked':
      if (forbidden === 0) return `blocked: ${n} need${review === 1 ? 's' : ''} a human review`;
      return `blocked: ${banned} only a person may make${review > 0 ? `, ${review} more need${review === 1 ? 's' : ''} a human review` : ''}`;
    case 'warned':
      if (forbidden === 0) return `warning: ${n} would need a human review (mode: warn, not blocking)`;
      return `warning: ${banned} only a person may make${review > 0 ? `, ${review} more would need a human review` : ''} (mode: warn, not blocking)`;
  }
}

export function signalText(s: Signal): string {
  // A lineage signal names its origin's path; the finding names the path it was copied to.
  const where = s.path !== undefined && s.kind !== 'lineage' ? ` at ${s.path}${s.line !== undefined ? `:${s.line}` : ''}` : '';
  return `${s.kind} ${s.evidence}${where} [${s.rule}]`;
}

export function reasonText(f: Finding): string {
  switch (f.reason) {
    case 'assistant':
      return 'assistant-generated content in a protected path';
    case 'review-always':
      return 'this path needs a review for every change (review-always)';
    case 'link':
      return 'a symlink or submodule here would show content from outside the protected paths; no review admits it';
    case 'forbidden':
      return 'assistant-generated content in a path only a person may write (forbid-assistant); no review admits it';
  }
}

/** The commands that resolve a finding, most direct first. */
export function fixCommands(f: Finding): string[] {
  const p = shellQuote(f.path);
  if (f.reason === 'link') {
    const undo =
      f.commit === null
        ? `git restore --staged -- ${p}    # leave the link out of this commit`
        : `git rebase -i ${f.commit.slice(0, 12)}^    # take the link out of commit ${f.commit.slice(0, 12)}`;
    return [`replace ${p} with a copy of what it points at, and have that content reviewed`, undo];
  }
  if (f.reason === 'forbidden') {
    const undo =
      f.commit === null
        ? `git restore --staged -- ${p}    # leave it out of this commit`
        : `git rebase -i ${f.commit.slice(0, 12)}^    # take it out of commit ${f.commit.slice(0, 12)}`;
    return [undo, `a person writes ${p} themselves, outside any assistant, and commits it`];
  }
  // No review can sign for an absence: a deletion in the policy's folder is a person's own act.
  if (f.status === 'deleted') {
    const undo =
      f.commit === null
        ? `git restore --staged --worktree -- ${p}    # keep the file`
        : `git rebase -i ${f.commit.slice(0, 12)}^    # take the deletion out of commit ${f.commit.slice(0, 12)}`;
    return [undo, 'a human makes this deletion, in a commit of their own, outside any assistant'];
  }
  if (f.commit === null) {
    return [`cleanroom attest -- ${p}    # a human reviewer reviews and signs it, then commit again`, `git restore --staged -- ${p}    # or leave it out of this commit`];
  }
  return [
    `cleanroom attest -- ${p}    # on a checkout of the tip: a human reviews and signs it, commit the attestation, push again`,
    `git rebase -i ${f.commit.slice(0, 12)}^    # or take it out of commit ${f.commit.slice(0, 12)}`,
  ];
}

export const REVIEW_NOTE = 'A human must review this content and sign for it (cleanroom attest) before it may enter a protected path.';

export const FORBID_NOTE = 'Only a person may write content under a forbid-assistant path: an assistant may not produce it, and a review does not change that.';

/** The closing notes a verdict's findings call for. */
export function closingNotes(v: Verdict): string[] {
  const forbidden = v.findings.some((f) => f.reason === 'forbidden');
  const others = v.findings.some((f) => f.reason !== 'forbidden');
  return [...(forbidden ? [FORBID_NOTE] : []), ...(others ? [REVIEW_NOTE] : [])];
}

export function reviewedText(r: ReviewedChange): string {
  const commit = r.commit ? ` in commit ${r.commit.slice(0, 12)}` : '';
  return `${r.path}${commit}: reviewed by ${r.principals.join(', ')}`;
}

/** What an assistant's pre-tool guard tells the assistant when it refuses a write (the agent reads it). */
export function guardDeniedText(hits: readonly { path: string; rule: { pattern: string; origin: string } }[]): string {
  const paths = hits.map((h) => h.path).join(', ');
  const rules = [...new Set(hits.map((h) => `${h.rule.pattern} (forbid-assistant, ${h.rule.origin})`))].join('; ');
  return (
    `cleanroom: refused: an assistant may not write ${paths}. The repository's policy says only a person may write this content: ${rules}. ` +
    "No review can admit an assistant's version, and writing it elsewhere to move it in later is caught too (its lineage is traced). " +
    'Do not write it; tell the user that a human must write this file themselves.'
  );
}

/** What the guard tells the assistant when it lets a write into a protected path through. */
export function guardReviewText(hits: readonly { path: string; rule: { pattern: string; require: string; origin: string } }[]): string {
  const paths = hits.map((h) => h.path).join(', ');
  const rules = [...new Set(hits.map((h) => `${h.rule.pattern} (${h.rule.require}, ${h.rule.origin})`))].join('; ');
  return (
    `cleanroom: ${paths} is protected: ${rules}. The write may go ahead, but content an assistant writes there cannot be committed until a human reviews it and signs for it (cleanroom attest). ` +
    'Tell the user that a human review will be needed before commit.'
  );
}

/** A reviewer listed in a signers file the gate does not read yet (staged, or only in the work tree). */
export function signersNotCommitted(gitPath: string, where: 'index' | 'work tree', then = 'then commit the review'): string {
  const place = where === 'index' ? 'staged' : 'in the work tree but not committed';
  return `the key is listed in ${gitPath} ${place}; reviews are checked against the committed file (the server against its own copy), and a staged or work-tree change does not count: commit it first, on its own (git add -- ${shellQuote(gitPath)} && git commit -m "Add a reviewer" -- ${shellQuote(gitPath)}), ${then}`;
}
