/**
 * The server gate. Every commit a push adds (reachable from a pushed tip, from no branch or tag) is
 * judged by the server's own policy, with the reviews in that ref's pushed tip, exactly as the
 * local pre-push previewed it. Anything that cannot be judged rejects the push: it fails closed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decide } from '../decide/decide.js';
import type { Verdict } from '../decide/verdict.js';
import { CleanroomError, EXIT } from '../errors.js';
import { gitOk, runGit } from '../git/exec.js';
import { isNullOid } from '../git/repo.js';
import { assertWellFormedPush } from '../git/well-formed.js';
import { inspectTips, listWellFormed, type HistoryOptions, type InspectContext, type Tip } from '../inspect.js';
import { mayBeAssistantMade } from '../lineage/walk.js';
import { readAll, type Io } from '../io.js';
import { printable, printableBlock } from '../report/escape.js';
import { HOOK_FINDINGS_SHOWN, renderText } from '../report/text.js';
import { GIT_AI_NOTES_REF } from '../provenance/git-ai.js';
import { coverLineage, type ReadCommits } from '../lineage/run.js';
import { openContext } from './shared.js';
import { listRefs } from '../git/refs.js';

const TRUSTED_REFS = ['refs/heads/', 'refs/tags/'];

const UPDATE = /^([0-9a-f]{40}|[0-9a-f]{64}) ([0-9a-f]{40}|[0-9a-f]{64}) (refs\/\S+)$/;

interface RefUpdate {
  readonly old: string;
  readonly new: string;
  readonly ref: string;
}

export function parseUpdates(stdin: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const [i, line] of stdin.split('\n').entries()) {
    if (line === '') continue;
    const m = UPDATE.exec(line);
    if (!m) {
      throw new CleanroomError('EHOOK_INPUT', `pre-receive: line ${i + 1} of the input is not "<old> <new> <ref>": ${JSON.stringify(line.slice(0, 200))}`);
    }
    updates.push({ old: m[1] ?? '', new: m[2] ?? '', ref: m[3] ?? '' });
  }
  return updates;
}

/** Who pushed, where the host says so (GitLab, GitHub Enterprise, Gitea/Forgejo, HTTP auth). */
function pusher(env: NodeJS.ProcessEnv): string | null {
  return env.GL_USERNAME ?? env.GITHUB_USER_LOGIN ?? env.GITEA_PUSHER_NAME ?? env.REMOTE_USER ?? null;
}

/** One JSON line per ref, all written with a single append so concurrent pushes never interleave. */
function audit(file: string, entries: readonly Record<string, unknown>[]): void {
  try {
    fs.appendFileSync(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  } catch (e) {
    // The audit log is server configuration, like the policy: unusable, it rejects the push.
    throw new CleanroomError('EPOLICY_READ', `cannot append to the audit log ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}); fix git config cleanroom.auditLog`);
  }
}

/** GitLab's web UI shows only hook output lines that carry this prefix; it marks a rejection. */
function forHost(text: string, env: NodeJS.ProcessEnv): string {
  const gitlab = env.GL_ID !== undefined || env.GL_REPOSITORY !== undefined;
  return gitlab ? text.replace(/^/gm, 'GL-HOOK-ERR: ').replace(/GL-HOOK-ERR: $/, '') : text;
}

/**
 * Every pushed ref's verdict, each judged with the reviews in its own pushed tip. The refs are
 * judged together: one rev-list lists what they all bring, each commit is diffed once however
 * many refs reach it, and refs at the same commit (a tag at its peeled commit) share the work.
 */
async function judgeUpdates(
  ctx: InspectContext,
  updates: readonly RefUpdate[],
  resolved: readonly (string | null)[],
  existing: string[],
  notes: string,
  history: HistoryOptions,
): Promise<Map<RefUpdate, Verdict>> {
  const tips = updates.map((update, i): Tip => {
    const rev = resolved[i];
    if (!rev)
      throw new CleanroomError('EBADREV', `${update.ref}: ${update.new.slice(0, 12)} is not a commit (or a tag of one); cleanroom judges commits only, so the push is rejected`);
    return { rev, notes };
  });
  // The well-formedness pass listed what the tips bring over `existing`, as inspectTips would.
  const changeSets = await inspectTips(ctx, tips, existing, history);
  return new Map(updates.map((update, i) => [update, decide({ policy: ctx.policy, changeSets: changeSets[i] ?? [] })]));
}

/** The whole push: every ref judged, the report for the pusher, the audit lines. */
async function judgePush(io: Io, stdin: string): Promise<{ code: number; report: string }> {
  const updates = parseUpdates(stdin);
  const ctx = await openContext(io, { server: true });
  try {
    // Branches and tags: what pushes through this gate create (or what predates it). Not the refs
    // a host writes itself without running the hook (GitHub's refs/pull/* from forks, GitLab's
    // refs/merge-requests/* and refs/keep-around/*): a commit only they reach is judged like new.
    // Lineage knows every ref (content anywhere can be copied): one listing serves both.
    const refs = await listRefs(ctx.repo);
    const existing = [...new Set([...refs.refs].flatMap(([name, oid]) => (TRUSTED_REFS.some((prefix) => name.startsWith(prefix)) ? [oid] : [])))];
    // Deleting a ref brings no content.
    const live = updates.filter((u) => !isNullOid(u.new));
    // git-ai pushes its authorship notes with the commits they describe: judge by the pushed notes.
    const pushedNotes = updates.find((u) => u.ref === GIT_AI_NOTES_REF && !isNullOid(u.new));
    const notes = pushedNotes ? pushedNotes.new : GIT_AI_NOTES_REF;
    // The commit each tip names (a tag peeled); one that names none is refused once the objects are checked.
    const resolved = await Promise.all(live.map((u) => ctx.engine.resolve(u.new).catch(() => null)));
    const tips: Tip[] | null = resolved.every((r) => r !== null) ? resolved.map((rev) => ({ rev: rev as string, notes })) : null;
    // One pass reads every commit the push brings: malformed objects and replace refs are refused
    // before anything is judged (docs/security.md), and what judging needs of every commit is
    // taken on the way.
    const rules = ctx.policy.assistants;
    const candidates = new Set<string>();
    const history = await listWellFormed(
      ctx,
      { include: [...new Set(tips?.map((t) => t.rev))], exclude: existing },
      tips?.[0] ?? null,
      (opts) => assertWellFormedPush(ctx.repo, updates, existing, opts),
      (commit, content) => {
        if (mayBeAssistantMade(content, rules)) candidates.add(commit.oid);
      },
    );
    const { listed } = history;
    const judged: { update: RefUpdate; verdict: Verdict | null }[] = [];
    // A draft on one pushed branch is visible from the others: lineage sees the whole push.
    const read: ReadCommits = { tips: new Set([...live.map((u) => u.new), ...resolved.filter((r): r is string => r !== null)]), listed, candidates };
    coverLineage(
      ctx,
      live.map((u) => u.new),
      read,
      refs,
    );
    let report = '';
    const verdicts = await judgeUpdates(ctx, live, resolved, existing, notes, history);
    for (const update of updates) {
      const verdict = verdicts.get(update) ?? null;
      judged.push({ update, verdict });
      report += verdict
        ? renderText(verdict, {
            color: false,
            label: `cleanroom pre-receive ${update.ref}`,
            scope: '',
            limit: {
              shown: HOOK_FINDINGS_SHOWN,
              more: `in a clone, \`cleanroom check --range ${isNullOid(update.old) ? '<base>' : update.old.slice(0, 12)}..${update.new.slice(0, 12)} --format json\` lists every one`,
            },
          })
        : `cleanroom pre-receive ${printable(update.ref)}: allowed (deleted; a deletion brings no content)\n`;
    }
    const rejected = judged.some((j) => j.verdict?.outcome === 'blocked');
    if (rejected) report += 'cleanroom: the push is rejected as a whole; no ref was updated\n';
    const auditLog = ctx.vars.config.get('cleanroom.auditlog');
    if (auditLog && judged.length > 0) {
      const time = new Date().toISOString();
      audit(
        path.resolve(ctx.repo.gitDir, auditLog),
        judged.map(({ update, verdict }) => ({
          time,
          pusher: pusher(io.env),
          ref: update.ref,
          old: update.old,
          new: update.new,
          verdict: verdict?.outcome ?? 'allowed',
          push: rejected ? 'rejected' : 'accepted',
          checked: verdict?.checked ?? { commits: 0, paths: 0, protectedPaths: 0 },
          reasons: (verdict?.findings ?? []).map((f) => ({ commit: f.commit, path: f.path, rule: f.rule.pattern, reason: f.reason, signals: f.signals.map((s) => s.evidence) })),
        })),
      );
    }
    return { code: rejected ? EXIT.blocked : EXIT.allowed, report };
  } finally {
    await ctx.close();
  }
}

/**
 * A push rejected because it could not be judged (bad input, an object that is not a commit, a
 * policy that does not load, an internal fault) is in the audit log too: one line per ref git
 * announced, or one line quoting the input when it could not be read as updates. Nothing from
 * the judging is trusted here: the log's place is asked of git again. Returns what the pusher
 * must also be told when the line could not be written (the push is rejected either way).
 */
async function auditFailure(io: Io, stdin: string, message: string): Promise<string> {
  let file: string;
  try {
    const [config, gitDir] = await Promise.all([
      runGit(['config', '--get', 'cleanroom.auditLog'], { cwd: io.cwd, env: io.env }),
      gitOk(['rev-parse', '--absolute-git-dir'], { cwd: io.cwd, env: io.env }),
    ]);
    const auditLog = config.status === 0 ? config.stdout.toString('utf8').trim() : '';
    if (!auditLog) return '';
    file = path.resolve(gitDir.toString('utf8').trim(), auditLog);
  } catch (e) {
    return `cleanroom: cannot find the audit log to record this rejection (${e instanceof Error ? e.message : String(e)})\n`;
  }
  let updates: (RefUpdate | null)[];
  try {
    updates = parseUpdates(stdin);
  } catch {
    updates = [null];
  }
  const base = { time: new Date().toISOString(), pusher: pusher(io.env), verdict: 'error', push: 'rejected', error: message };
  try {
    audit(
      file,
      updates.map((u) => (u ? { ...base, ref: u.ref, old: u.old, new: u.new } : { ...base, ref: null, input: stdin.slice(0, AUDITED_INPUT_MAX) })),
    );
    return '';
  } catch (e) {
    return `cleanroom: ${e instanceof Error ? e.message : String(e)}\n`;
  }
}

/** How much of an unreadable input the audit line quotes. */
const AUDITED_INPUT_MAX = 1000;

export async function preReceive(io: Io): Promise<number> {
  const stdin = await readAll(io.stdin);
  const { code, report } = await judgePush(io, stdin).catch(async (e: unknown) => {
    const message = e instanceof CleanroomError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    const stack = !(e instanceof CleanroomError) && io.env.CLEANROOM_DEBUG && e instanceof Error ? `${e.stack}\n` : '';
    const unaudited = await auditFailure(io, stdin, message).catch((f: unknown) => `cleanroom: the audit log was not written (${String(f)})\n`);
    return {
      code: EXIT.error,
      report: `cleanroom pre-receive: error: ${printableBlock(message)}\n${stack}${printableBlock(unaudited)}cleanroom: the push is rejected (cleanroom fails closed when it cannot judge a push)\n`,
    };
  });
  // Only a rejection is an error to the host; an accepted push's report stays as it is.
  io.stderr.write(code === EXIT.allowed ? report : forHost(report, io.env));
  return code;
}
