import type { Command } from '../cli.js';
import { coverageKey } from '../attest/verify.js';
import { decide, judgedRule, requirementOf } from '../decide/decide.js';
import { reviewKey, type RuleRef } from '../decide/verdict.js';
import { EXIT } from '../errors.js';
import type { Change } from '../git/engine.js';
import { gitOk, runGit } from '../git/exec.js';
import { inspectCommit, type InspectContext } from '../inspect.js';
import type { Io } from '../io.js';
import { printableBlock } from '../report/escape.js';
import { plural } from '../report/messages.js';
import { loadAttestations, reviewsOf } from '../review.js';
import { openContext, parseOptions } from './shared.js';

const usage = `usage: cleanroom verify [REV] [--policy FILE]

For the protected content commit REV (default HEAD) brings, prints what the attestations in
REV's tree cover and by whom, what they do not, and every attestation that does not count and
why. Content under a forbid-assistant path needs no review but must not be assistant-made: it is
judged as the gate judges it, and no review covers it. Content a review in a later commit covers
(one between REV and HEAD) is shown with that commit: scan, check --range and the server judge
each commit with the reviews of the tip they check or receive, so there it counts for REV. Exit 0
when everything protected is covered (by REV's reviews or HEAD's), 1 when something is not.`;

/**
 * For the changes under a ban (forbid-assistant), whether each is assistant-made, judged as the
 * gate judges the commit; undefined when the commit brings none.
 */
async function forbiddenIn(ctx: InspectContext, oid: string, changes: readonly Change[]): Promise<Map<string, boolean> | undefined> {
  const banned = changes.filter((c) => {
    const rule = judgedRule(ctx.policy, c);
    return rule !== null && requirementOf(rule, true) === 'forbidden';
  });
  if (banned.length === 0) return undefined;
  const verdict = decide({ policy: ctx.policy, changeSets: [await inspectCommit(ctx, oid)] });
  const found = new Set(verdict.findings.filter((f) => f.reason === 'forbidden').map((f) => f.path));
  return new Map(banned.map((c) => [c.path, found.has(c.path)]));
}
/** A later commit's review of one change, as the tip's tree holds it. */
interface LaterReview {
  readonly principals: readonly string[];
  /** The commit that gave the (last) covering attestation its present content. */
  readonly commit: string;
}

/**
 * What HEAD's reviews cover of the changes REV's do not, when REV is in HEAD's history: the
 * gates judge REV with the reviews of the tip they see (inspect.ts, Tip), so a review committed
 * after the content counts for it once both are pushed together.
 */
async function laterReviews(ctx: InspectContext, rev: string, head: string, uncovered: readonly Change[]): Promise<Map<string, LaterReview>> {
  const found = new Map<string, LaterReview>();
  if (uncovered.length === 0 || rev === head) return found;
  const git = { cwd: ctx.repo.cwd, env: ctx.repo.env };
  if ((await runGit(['merge-base', '--is-ancestor', rev, head], git)).status !== 0) return found;
  const attested = await (await loadAttestations(ctx, { rev: head })).attested(uncovered);
  const { reviewed } = await reviewsOf(ctx.engine, attested, uncovered);
  for (const c of uncovered) {
    const key = reviewKey(c.path, c.newOid ?? '');
    const principals = reviewed.get(key);
    const entry = attested.covered.get(coverageKey(c.path, c.newOid ?? ''));
    if (!principals || !entry) continue;
    // The newest of the commits that wrote the covering attestations: from it on, the content is covered.
    const args = ['rev-list', '-1', head, `^${rev}`, '--', ...entry.envelopes.map((e) => `:(top,literal)${e}`)];
    const commit = (await gitOk(args, git)).toString('utf8').trim();
    if (commit !== '') found.set(key, { principals, commit });
  }
  return found;
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
      const changes = (await ctx.engine.commitChanges(oid)).filter((c) => c.newOid && judgedRule(ctx.policy, c));
      // Every attestation file, not only those naming this commit's files: verify reports them all.
      const attested = await (await loadAttestations(ctx, { rev: oid })).attested();
      const { reviewed, rejected } = await reviewsOf(ctx.engine, attested, changes);
      const forbidden = await forbiddenIn(ctx, oid, changes);
      const head = await ctx.engine.resolve('HEAD');
      const later = await laterReviews(
        ctx,
        oid,
        head,
        changes.filter((c) => forbidden?.get(c.path) !== true && !reviewed.has(reviewKey(c.path, c.newOid ?? ''))),
      );
      const out: string[] = [`${rev} (${oid.slice(0, 12)}): ${plural(changes.length, 'protected file')} brought by this commit; policy ${ctx.policy.source}`];
      let missing = 0;
      for (const c of changes) {
        const blob = (c.newOid ?? '').slice(0, 12);
        const banned = forbidden?.get(c.path);
        if (banned === true) {
          missing++;
          out.push(`  FORBIDDEN   ${c.path} (blob ${blob}): assistant-made, and only a person may write it (forbid-assistant); no review admits it`);
          continue;
        }
        // A person's change under a ban passes unreviewed, unless a review-always rule also holds it.
        if (banned === false && requirementOf(judgedRule(ctx.policy, c) as RuleRef, false) === null) {
          out.push(`  by a person ${c.path} (blob ${blob}): forbid-assistant, and no assistant signal`);
          continue;
        }
        const key = reviewKey(c.path, c.newOid ?? '');
        const who = reviewed.get(key);
        const after = later.get(key);
        if (after) {
          out.push(`  covered later ${c.path} (blob ${blob}) by ${after.principals.join(', ')}`);
          out.push(
            `    blob ${blob} at path ${c.path} is covered by the review in commit ${after.commit.slice(0, 12)} (later than ${rev}): scan, check --range and a push of HEAD judge ${rev} with HEAD's reviews, so it counts there; ${rev} alone (pushed or checked without that commit) is not covered`,
          );
          continue;
        }
        if (!who) missing++;
        out.push(`  ${who ? 'covered    ' : 'NOT covered'} ${c.path} (blob ${blob})${who ? ` by ${who.join(', ')}` : ''}`);
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
