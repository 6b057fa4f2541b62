import path from 'node:path';
import type { Command } from '../cli.js';
import { decide } from '../decide/decide.js';
import type { ChangeSet } from '../decide/verdict.js';
import { CleanroomError } from '../errors.js';
import { assertWellFormed } from '../git/well-formed.js';
import { inspectCommit, inspectCommits, inspectStaged, listWellFormed, type InspectContext } from '../inspect.js';
import type { Io } from '../io.js';
import { renderJson } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderText, styleFor } from '../report/text.js';
import { version } from '../version.js';
import { exitFor, openContext, parseOptions } from './shared.js';

const usage = `usage: cleanroom check [--staged | --commit REV | --range A..B] [--format text|json|sarif] [--policy FILE] [PATH...]

Judges changes against the policy and prints the verdict.
  --staged        the index against HEAD, with this process's environment (default)
  --commit REV    one recorded commit against its first parent
  --range A..B    every commit reachable from B and not from A (what a push of B over A brings)
  --format FMT    text (default), json, or sarif (SARIF 2.1.0, for code-scanning uploads in CI)
  --policy FILE   use this policy instead of the repository's
  PATH...         with --staged, judge only these staged paths (as lint-staged passes them)

Exit codes: 0 allowed (or warn mode), 1 blocked, 2 error.`;

/** `A..B` → include B, exclude A. Other range syntaxes would be guesses, so they are refused. */
export function parseRange(text: string): { include: string[]; exclude: string[] } {
  const m = /^(.+?)\.\.(?!\.)(.+)$/.exec(text);
  if (!m?.[1] || !m[2]) {
    throw new CleanroomError('EUSAGE', `--range expects A..B (two revisions), got "${text}"`);
  }
  return { include: [m[2]], exclude: [m[1]] };
}

/** Paths as lint-staged passes them (absolute, or relative to the working directory) → git paths. */
function gitPaths(ctx: InspectContext, cwd: string, paths: string[]): Set<string> {
  const root = ctx.repo.workTree ?? cwd;
  return new Set(paths.map((p) => path.relative(root, path.resolve(cwd, p)).split(path.sep).join('/')));
}

async function changeSetsFor(
  ctx: InspectContext,
  values: { commit?: string | undefined; range?: string | undefined },
  only: Set<string> | null,
): Promise<{ changeSets: ChangeSet[]; scope: string }> {
  if (values.commit) return { changeSets: [await inspectCommit(ctx, await ctx.engine.resolve(values.commit))], scope: '' };
  if (values.range) {
    const range = parseRange(values.range);
    const resolved = {
      include: await Promise.all(range.include.map((r) => ctx.engine.resolve(r))),
      exclude: await Promise.all(range.exclude.map((r) => ctx.engine.resolve(r))),
    };
    const tip = { rev: resolved.include[0] ?? '' };
    const read = await listWellFormed(ctx, resolved, tip, (opts) => assertWellFormed(ctx.repo, resolved, opts));
    return { changeSets: await inspectCommits(ctx, resolved, tip, read), scope: '' };
  }
  return { changeSets: [await inspectStaged(ctx, { only })], scope: 'staged ' };
}

const check: Command = {
  summary: 'judge staged changes, a commit or a range',
  usage,
  async run(args: string[], io: Io) {
    const { values, positionals } = parseOptions(
      'check',
      args,
      {
        staged: { type: 'boolean' },
        commit: { type: 'string' },
        range: { type: 'string' },
        format: { type: 'string', default: 'text' },
        policy: { type: 'string' },
      },
      true,
    );
    if (positionals.length > 0 && (values.commit || values.range)) {
      throw new CleanroomError('EUSAGE', 'paths can only narrow --staged; --commit and --range judge whole commits');
    }
    if ([values.staged, values.commit, values.range].filter(Boolean).length > 1) {
      throw new CleanroomError('EUSAGE', 'choose one of --staged, --commit and --range');
    }
    if (values.format !== 'text' && values.format !== 'json' && values.format !== 'sarif') {
      throw new CleanroomError('EUSAGE', `--format must be text or json (for people and scripts) or sarif (for code scanning), got "${values.format}"`);
    }
    const ctx = await openContext(io, { policy: values.policy, staged: !values.commit && !values.range });
    try {
      const only = positionals.length > 0 ? gitPaths(ctx, io.cwd, positionals) : null;
      const { changeSets, scope } = await changeSetsFor(ctx, values, only);
      const verdict = decide({ policy: ctx.policy, changeSets });
      if (values.format === 'json') io.stdout.write(renderJson(verdict, { engine: ctx.engine.kind }));
      else if (values.format === 'sarif') io.stdout.write(renderSarif(verdict, { toolVersion: version(), engine: ctx.engine.kind }));
      else io.stdout.write(renderText(verdict, { ...styleFor(io.stdout, io.env), label: 'cleanroom check', scope }));
      return exitFor(verdict);
    } finally {
      await ctx.close();
    }
  },
};

export default check;
