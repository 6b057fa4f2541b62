/**
 * The server gate. Every commit a push adds (reachable from a pushed tip, from no existing ref) is
 * judged by the server's own policy, with the reviews in that ref's pushed tip, exactly as the
 * local pre-push previewed it. Anything that cannot be judged rejects the push: it fails closed.
 */
import fs from 'node:fs';
import { decide } from '../decide/decide.js';
import type { Verdict } from '../decide/verdict.js';
import { CleanroomError, EXIT } from '../errors.js';
import { gitOk } from '../git/exec.js';
import { inspectCommits, type InspectContext } from '../inspect.js';
import { readAll, type Io } from '../io.js';
import { renderText } from '../report/text.js';
import { openContext } from './shared.js';

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

const isZero = (oid: string) => /^0+$/.test(oid);

/** Who pushed, where the host says so (GitLab, GitHub Enterprise, Gitea/Forgejo, HTTP auth). */
function pusher(env: NodeJS.ProcessEnv): string | null {
  return env.GL_USERNAME ?? env.GITHUB_USER_LOGIN ?? env.GITEA_PUSHER_NAME ?? env.REMOTE_USER ?? null;
}

/** One JSON line per decision, written with a single append so concurrent pushes never interleave. */
function audit(file: string, entry: Record<string, unknown>): void {
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`, { flag: 'a' });
}

/** GitLab's web UI shows only hook output lines that carry this prefix. */
function forHost(text: string, env: NodeJS.ProcessEnv): string {
  const gitlab = env.GL_ID !== undefined || env.GL_REPOSITORY !== undefined;
  return gitlab ? text.replace(/^/gm, 'GL-HOOK-ERR: ').replace(/GL-HOOK-ERR: $/, '') : text;
}

async function judgeUpdate(ctx: InspectContext, update: RefUpdate, existing: string[]): Promise<Verdict> {
  const tip = await ctx.engine.resolve(update.new).catch(() => {
    throw new CleanroomError('EBADREV', `${update.ref}: ${update.new.slice(0, 12)} is not a commit (or a tag of one); cleanroom judges commits only, so the push is rejected`);
  });
  const subjects = await inspectCommits(ctx, { include: [tip], exclude: existing }, { rev: tip, ref: update.ref });
  return decide({ policy: ctx.policy, subjects });
}

export async function preReceive(io: Io): Promise<number> {
  const stdin = await readAll(io.stdin);
  const say = (text: string) => io.stderr.write(forHost(text, io.env));
  let ctx: (InspectContext & { close(): Promise<void> }) | null = null;
  try {
    const updates = parseUpdates(stdin);
    ctx = await openContext(io, { server: true });
    const out = await gitOk(['for-each-ref', '--format=%(objectname)'], { cwd: ctx.repo.cwd, env: ctx.repo.env });
    const existing = [...new Set(out.toString('utf8').split('\n').filter(Boolean))];
    const auditLog = ctx.vars.config.get('cleanroom.auditlog');
    let rejected = false;
    for (const update of updates) {
      // Deleting a ref brings no content.
      if (isZero(update.new)) continue;
      const verdict = await judgeUpdate(ctx, update, existing);
      if (verdict.outcome === 'blocked') rejected = true;
      say(renderText(verdict, { color: false, label: `cleanroom pre-receive ${update.ref}`, scope: '' }));
      if (auditLog) {
        audit(auditLog, {
          time: new Date().toISOString(),
          pusher: pusher(io.env),
          ref: update.ref,
          old: update.old,
          new: update.new,
          verdict: verdict.outcome,
          checked: verdict.checked,
          reasons: verdict.findings.map((f) => ({ commit: f.commit, path: f.path, rule: f.rule.pattern, reason: f.reason, signals: f.signals.map((s) => s.evidence) })),
        });
      }
    }
    if (rejected) say('cleanroom: the push is rejected as a whole; no ref was updated\n');
    return rejected ? EXIT.blocked : EXIT.allowed;
  } catch (e) {
    const message = e instanceof CleanroomError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    say(`cleanroom pre-receive: error: ${message}\ncleanroom: the push is rejected (cleanroom fails closed when it cannot judge a push)\n`);
    return EXIT.error;
  } finally {
    await ctx?.close();
  }
}
