import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../cli.js';
import { decide, judgedRule, ruleFor } from '../decide/decide.js';
import type { ChangeSet } from '../decide/verdict.js';
import { CleanroomError } from '../errors.js';
import type { CommitRange } from '../git/engine.js';
import { inspectRange, type InspectContext, type JudgedRange } from '../inspect.js';
import type { Io } from '../io.js';
import { renderHtml, type FiredCommit } from '../report/html.js';
import { renderJson } from '../report/json.js';
import { headline, scopeText, signalText } from '../report/messages.js';
import { renderText, styleFor } from '../report/text.js';
import { commitSignals } from '../signals/detect.js';
import { parseRange } from './check.js';
import { exitFor, openContext, parseOptions } from './shared.js';

const usage = `usage: cleanroom scan [A..B] [--format text|json|html] [--output FILE] [--policy FILE]

Audits recorded history: every assistant-made change to a protected path, and whether a human
review covers it. Each commit is judged as \`check --range\` judges it, with the reviews in the
tree of B.
  A..B            the commits reachable from B and not from A (default: all of HEAD's history)
  --format FMT    text (default), json, or html (one self-contained page with per-path and
                  per-assistant overviews)
  --output FILE   write the report to FILE instead of standard output
  --policy FILE   use this policy instead of the repository's

Exit codes: 0 everything covered (or warn mode), 1 something is not covered, 2 error.`;

/** A `\r`-rewritten line on a terminal; nothing at all anywhere else (logs and pipes keep clean). */
function progressLine(stderr: Io['stderr']): { report: (done: number, total: number) => void; clear: () => void } | null {
  if (!stderr.isTTY) return null;
  let shown = false;
  return {
    report(done, total) {
      shown = true;
      stderr.write(`\rscanning ${done}/${total} commits`);
    },
    clear() {
      if (shown) stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** The commits whose signals fired, with them, in history order; inspect reads signals only where
 *  protected content changed, `activity` holds those of commits that changed none. */
function firedIn(changeSets: readonly ChangeSet[], activity: ReadonlyMap<string, FiredCommit>): FiredCommit[] {
  return changeSets.flatMap((s) => {
    const signals = [...s.signals, ...s.pathSignals];
    if (s.commit === null) return [];
    if (signals.length > 0) return [{ commit: s.commit, signals }];
    const quiet = activity.get(s.commit);
    return quiet ? [quiet] : [];
  });
}

/**
 * An assistant's commit that changes no protected content (an empty commit, a merge that brings
 * nothing of its own, deletions of protected files) needs no review: deleting content adds none.
 * The audit still shows it as assistant activity, beside the verdict and never in it. Such
 * commits are few, so reading their messages costs little.
 */
async function activityWithoutContent(ctx: InspectContext, judged: JudgedRange): Promise<Map<string, FiredCommit>> {
  const protectedPath = (path: string) => ruleFor(ctx.policy, path) !== null;
  // A commit whose changes a long walk never listed stands with none, yet changed unprotected
  // files, as most of a history does.
  const quiet = judged.changeSets.filter(
    (s) =>
      s.commit !== null &&
      !judged.unlisted.has(s.commit) &&
      s.signals.length + s.pathSignals.length === 0 &&
      s.changes.every((c) => judgedRule(ctx.policy, c) === null) &&
      (s.changes.length === 0 || s.changes.some((c) => protectedPath(c.path))),
  );
  const found = await Promise.all(
    quiet.map(async (s) => {
      const signals = commitSignals(await ctx.engine.readCommit(s.commit as string), ctx.policy.assistants);
      return { commit: s.commit as string, signals, changesProtectedContent: false as const };
    }),
  );
  return new Map(found.filter((f) => f.signals.length > 0).map((f) => [f.commit, f]));
}

function activityText(activity: ReadonlyMap<string, FiredCommit>): string {
  if (activity.size === 0) return '';
  const lines = [...activity.values()].flatMap((f) => [`  commit ${f.commit.slice(0, 12)}`, ...f.signals.map((s) => `    ${signalText(s)}`)]);
  return `\nassistant activity that changed no protected content (reported, never blocked):\n${lines.join('\n')}\n`;
}

/** What `scan` without a range audits: everything HEAD's history holds. */
const ALL_OF_HEAD = 'HEAD';

async function scanRange(ctx: InspectContext, text: string | undefined, onProgress?: (done: number, total: number) => void): Promise<JudgedRange & { range: CommitRange }> {
  const range = text === undefined ? { include: [ALL_OF_HEAD], exclude: [] } : parseRange(text);
  const resolve = (revs: readonly string[]) => Promise.all(revs.map((r) => ctx.engine.resolve(r)));
  const resolved: CommitRange = { include: await resolve(range.include), exclude: await resolve(range.exclude) };
  return { range: resolved, ...(await inspectRange(ctx, resolved, { rev: resolved.include[0] ?? '' }, { onProgress })) };
}

const scan: Command = {
  summary: 'audit history: every assistant-made protected change and whether a review covers it',
  usage,
  async run(args: string[], io: Io) {
    const { values, positionals } = parseOptions(
      'scan',
      args,
      {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        policy: { type: 'string' },
      },
      true,
    );
    if (positionals.length > 1) throw new CleanroomError('EUSAGE', `scan takes one range A..B, got ${positionals.length} arguments`);
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'html') {
      throw new CleanroomError('EUSAGE', `--format must be text, json or html, got "${format}"`);
    }
    const ctx = await openContext(io, { policy: values.policy });
    const progress = progressLine(io.stderr);
    try {
      const spec = positionals[0];
      const judged = await scanRange(ctx, spec, progress?.report);
      const { range, changeSets } = judged;
      progress?.clear();
      const verdict = decide({ policy: ctx.policy, changeSets });
      const activity = await activityWithoutContent(ctx, judged);
      const fired = firedIn(changeSets, activity);
      const report =
        format === 'json'
          ? renderJson(verdict, { engine: ctx.engine.kind, range, commitsWithSignals: fired })
          : format === 'html'
            ? renderHtml(verdict, { range: spec ?? ALL_OF_HEAD, fired })
            : renderText(verdict, { ...styleFor(values.output ? {} : io.stdout, io.env), label: 'cleanroom scan', scope: '' }) + activityText(activity);
      if (values.output) {
        await fs.writeFile(path.resolve(io.cwd, values.output), report).catch((e: Error) => {
          throw new CleanroomError('EUSAGE', `cannot write the report to ${values.output}: ${e.message}`);
        });
        // A report written elsewhere still leaves its verdict on the terminal: a pass is never silent.
        io.stdout.write(`cleanroom scan: ${headline(verdict)} (${scopeText(verdict, '')}; policy ${verdict.policy}); report in ${values.output}\n`);
      } else io.stdout.write(report);
      return exitFor(verdict);
    } finally {
      progress?.clear();
      await ctx.close();
    }
  },
};

export default scan;
