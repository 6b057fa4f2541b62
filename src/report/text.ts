import type { Verdict } from '../decide/verdict.js';
import { printable, quotePath } from './escape.js';
import { closingNotes, fixCommands, headline, reasonText, reviewedText, scopeText, signalText } from './messages.js';

export interface TextStyle {
  readonly color: boolean;
}

/** Colour only for a terminal, and never when NO_COLOR is set (no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): TextStyle {
  return { color: Boolean(stream.isTTY) && !('NO_COLOR' in env && env.NO_COLOR !== '') };
}

const paint = (on: boolean, code: number, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** How many findings a hook prints in full: a thousand staged files are a thousand findings, and
 *  seven thousand lines bury the one that matters. The JSON and SARIF reports keep every one. */
export const HOOK_FINDINGS_SHOWN = 20;

/** Renders a verdict for a person, every piece of text that came from the repository or the push
 * escaped (escape.ts): this goes to a terminal. `label` names who speaks (`cleanroom pre-commit`), `scope`
 *  what was looked at (`staged `, or empty for commits); past `limit` findings, `more` says where
 *  to see the rest. */
export function renderText(v: Verdict, opts: TextStyle & { label: string; scope: string; limit?: { shown: number; more: string } }): string {
  const c = opts.color;
  const lines: string[] = [];
  const tone = v.outcome === 'allowed' ? 32 : v.outcome === 'warned' ? 33 : 31;
  lines.push(`${paint(c, 1, printable(opts.label))}: ${paint(c, tone, headline(v))} (${scopeText(v, opts.scope)}; policy ${printable(v.policy)})`);
  const shown = opts.limit ? v.findings.slice(0, opts.limit.shown) : v.findings;
  for (const f of shown) {
    const commit = f.commit ? ` in commit ${f.commit.slice(0, 12)}` : '';
    lines.push('');
    lines.push(`  ${paint(c, 1, quotePath(f.path))} (${f.status}${commit})`);
    lines.push(`    rule:   ${printable(f.rule.pattern)} requires ${f.rule.require} (${printable(f.rule.origin)})`);
    lines.push(`    reason: ${reasonText(f)}`);
    for (const s of f.signals) lines.push(`      - ${printable(signalText(s))}`);
    const [first, ...rest] = fixCommands(f);
    lines.push(`    fix:    ${printable(first ?? '')}`);
    for (const r of rest) lines.push(`            ${printable(r)}`);
  }
  if (opts.limit && v.findings.length > shown.length) {
    lines.push('');
    lines.push(`  … and ${v.findings.length - shown.length} more, not shown: ${opts.limit.more}`);
  }
  if (v.reviewed.length > 0) {
    lines.push('');
    for (const r of v.reviewed) lines.push(`  ${paint(c, 32, 'reviewed')}: ${printable(reviewedText(r))}`);
  }
  if (v.findings.length > 0) {
    for (const a of v.rejectedAttestations) {
      lines.push('');
      lines.push(`  attestation ${quotePath(a.file)} does not count:`);
      for (const p of a.problems) lines.push(`    - ${printable(p)}`);
    }
    lines.push('');
    for (const note of closingNotes(v)) lines.push(`  ${note}`);
  }
  return `${lines.join('\n')}\n`;
}
