import type { Command } from '../cli.js';
import { decide, requirementOf, ruleFor } from '../decide/decide.js';
import type { Change } from '../git/engine.js';
import { inspectCommit, type InspectContext } from '../inspect.js';
import { reviewKey, type RuleRef } from '../decide/verdict.js';
import { EXIT } from '../errors.js';
import type { Io } from '../io.js';
import { printableBlock } from '../report/escape.js';
import { plural } from '../report/messages.js';
import { loadAttestations, reviewsOf } from '../review.js';
import { openContext, parseOptions } from './shared.js';

const usage = `usage: cleanroom verify [REV] [--policy FILE]

For the protected content commit REV (default HEAD) brings, prints what the attestations in
REV's tree cover and by whom, what they do not, and every attestation that does not count and
why. Content under a forbid-assistant path needs no review but must not be assistant-made: it is
judged as the gate judges it, and no review covers it. Exit 0 when everything protected is
covered, 1 when something is not.`;

/**
 * For the changes under a ban (forbid-assistant), whether each is assistant-made, judged as the
 * gate judges the commit; undefined when the commit brings none.
 */
async function forbiddenIn(ctx: InspectContext, oid: string, changes: readonly Change[]): Promise<Map<string, boolean> | undefined> {
  const banned = changes.filter((c) => {
    const rule = ruleFor(ctx.policy, c.path);
    return rule !== null && requirementOf(rule, true) === 'forbidden';
  });
  if (banned.length === 0) return undefined;
  const verdict = decide({ policy: ctx.policy, subjects: [await inspectCommit(ctx, oid)] });
  const found = new Set(verdict.findings.filter((f) => f.reason === 'forbidden').map((f) => f.path));
  return new Map(banned.map((c) => [c.path, found.has(c.path)]));
}

const verify: Command = {
  summary: 'show which protected content of a commit is reviewed, and by whom',
  usage,
  async run(args: string[], io: Io) {
    const { values, positionals } = parseOptions('verify', args, { policy: { type: 'string' } }, true);
    const ctx = await openContext(io, { policy: values.policy });
    try {
      const rev = positionals[0] ?? 'HEAD';
      const oid = await ctx.engine.resolve(rev);
      const changes = (await ctx.engine.commitChanges(oid)).filter((c) => c.status !== 'deleted' && ruleFor(ctx.policy, c.path) && !c.path.startsWith('.cleanroom/attestations/'));
      // Every attestation file, not only those naming this commit's files: verify reports them all.
      const attested = await (await loadAttestations(ctx, { rev: oid })).attested();
      const { reviewed, rejected } = await reviewsOf(ctx.engine, attested, changes);
      const forbidden = await forbiddenIn(ctx, oid, changes);
      const out: string[] = [`${rev} (${oid.slice(0, 12)}): ${plural(changes.length, 'protected file')} brought by this commit; policy ${ctx.policy.source}`];
      let missing = 0;
      for (const c of changes) {
        const banned = forbidden?.get(c.path);
        if (banned === true) {
          missing++;
          out.push(`  FORBIDDEN   ${c.path} (blob ${(c.newOid ?? '').slice(0, 12)}): assistant-made, and only a person may write it (forbid-assistant); no review admits it`);
          continue;
        }
        // A person's change under a ban passes unreviewed, unless a review-always rule also holds it.
        if (banned === false && requirementOf(ruleFor(ctx.policy, c.path) as RuleRef, false) === null) {
          out.push(`  by a person ${c.path} (blob ${(c.newOid ?? '').slice(0, 12)}): forbid-assistant, and no assistant signal`);
          continue;
        }
        const who = reviewed.get(reviewKey(c.path, c.newOid ?? ''));
        if (!who) missing++;
        out.push(`  ${who ? 'covered    ' : 'NOT covered'} ${c.path} (blob ${(c.newOid ?? '').slice(0, 12)})${who ? ` by ${who.join(', ')}` : ''}`);
      }
      for (const r of rejected) {
        out.push(`  attestation ${r.file} does not count:`);
        for (const p of r.problems) out.push(`    - ${p}`);
      }
      io.stdout.write(`${printableBlock(out.join('\n'))}\n`);
      return missing === 0 ? EXIT.allowed : EXIT.blocked;
    } finally {
      await ctx.close();
    }
  },
};

export default verify;
