import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../cli.js';
import { decide } from '../decide/decide.js';
import type { ChangeSet, Verdict } from '../decide/verdict.js';
import { CleanroomError, EXIT } from '../errors.js';
import { gitOk } from '../git/exec.js';
import { emptyTreeOid, isNullOid } from '../git/repo.js';
import { assertWellFormed } from '../git/well-formed.js';
import { inspectCommits, inspectStaged, listWellFormed, type InspectContext } from '../inspect.js';
import { checkStagedPolicy } from '../policy/load.js';
import { readAll, type Io } from '../io.js';
import { HOOK_FINDINGS_SHOWN, renderText, styleFor } from '../report/text.js';
import { assistantLabel, environmentSignals, identitySignals, messageSignals } from '../signals/detect.js';
import type { Signal } from '../signals/signal.js';
import { isObjectId, parseIdent } from '../git/objects.js';
import { HOOK_NAMES, isHookName, judgesIndex, type HookName } from './names.js';
import { exitFor, openContext } from './shared.js';

/** The hooks of a developer's clone; pre-receive is the server's and has its own module. */
type LocalHook = Exclude<HookName, 'pre-receive'>;

const usage = `usage: cleanroom hook <${HOOK_NAMES.join('|')}> [-q|--quiet] [git's hook arguments]

Runs as the named git hook; the shims in hooks/ call this. Reads what git gives the hook
(arguments, stdin, GIT_INDEX_FILE) and prints the verdict on stderr.

A pass prints one line per commit, from pre-commit (pre-applypatch under git am) and one per
push from pre-push, with how many paths and commits were checked, and nothing when no protected
path is touched; the message hooks say nothing on a pass, unless a review is what let
assistant content in (then they name it). -q, or CLEANROOM_QUIET=1, silences
local passes entirely. A block or a warning is always printed in full, and pre-receive always
prints its verdict: quiet is for a developer's own passes only. NO_COLOR turns colour off.`;

/** The hooks whose pass is worth a line: one per commit (the message hooks judge the same
 *  commit again) and one per push. */
const PASS_REPORTED: ReadonlySet<LocalHook> = new Set(['pre-commit', 'pre-applypatch', 'pre-push']);

/** Whether a pass stays silent: asked (-q, CLEANROOM_QUIET), nothing protected touched, or a
 *  hook whose commit another hook reports, unless assistant content got in by a review (a
 *  trailer only the message hooks see): that pass says whose review let it in. */
function silentPass(hook: LocalHook, verdict: Verdict, quiet: boolean): boolean {
  if (verdict.outcome !== 'allowed') return false;
  return quiet || verdict.checked.protectedPaths === 0 || (!PASS_REPORTED.has(hook) && verdict.reviewed.length === 0);
}

function messageFile(file: string | undefined, hook: LocalHook): string {
  if (!file) throw new CleanroomError('EHOOK_INPUT', `${hook} needs the commit message file as its first argument (git passes it)`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CleanroomError('EHOOK_INPUT', `${hook}: cannot read the message file ${file} (${(e as NodeJS.ErrnoException).code})`);
  }
}

/**
 * `git commit --amend` records the index against HEAD's parent, not against HEAD; only
 * prepare-commit-msg learns that it is an amend (source "commit" naming HEAD).
 */
async function commitBase(ctx: InspectContext, source: string | undefined, sha: string | undefined): Promise<string | undefined> {
  if (source !== 'commit' || !sha) return undefined;
  const head = await ctx.engine.resolve('HEAD').catch(() => null);
  if (head === null || (await ctx.engine.resolve(sha)) !== head) return undefined;
  const commit = await ctx.engine.readCommit(head);
  return commit.parents[0] ?? emptyTreeOid(ctx.repo.objectFormat);
}

/** Kernel convention: a commit that went in with an assistant's help says so in a trailer, so the
 *  server can still see it once the committing process's environment is gone. */
async function recordAssistance(ctx: InspectContext, file: string, verdict: Verdict): Promise<void> {
  const assisted = [...verdict.findings.filter((f) => f.reason === 'assistant' || f.reason === 'forbidden'), ...verdict.reviewed].flatMap((f) => f.signals);
  if (verdict.outcome === 'blocked' || assisted.length === 0) return;
  await addAssistedBy(ctx, file, assisted);
}

async function addAssistedBy(ctx: InspectContext, file: string, assisted: readonly Signal[]): Promise<void> {
  const label = assistantLabel(assisted);
  await gitOk(['interpret-trailers', '--in-place', '--no-divider', '--if-exists', 'addIfDifferent', '--trailer', `Assisted-by: ${label}`, file], {
    cwd: ctx.repo.cwd,
    env: ctx.repo.env,
  });
}

/** git am keeps the patch it is applying in the rebase-apply folder: the message it will record,
 *  and the patch's author, which becomes the commit's author (pre-applypatch gets no arguments,
 *  and `git var` names the person running am instead). */
function patchBeingApplied(ctx: InspectContext, hook: LocalHook): { message: string; author: string } {
  const dir = path.join(ctx.repo.gitDir, 'rebase-apply');
  const read = (name: string): string => {
    try {
      return fs.readFileSync(path.join(dir, name), 'utf8');
    } catch (e) {
      throw new CleanroomError('EHOOK_INPUT', `${hook}: cannot read ${path.join(dir, name)} (${(e as NodeJS.ErrnoException).code}); git am writes it before it runs this hook`);
    }
  };
  const script = parseAuthorScript(read('author-script'));
  return { message: read('final-commit'), author: `${script.get('GIT_AUTHOR_NAME') ?? ''} <${script.get('GIT_AUTHOR_EMAIL') ?? ''}>` };
}

/** `NAME='value'` lines as git writes them (sq_quote: a quote is written '\'', a ! '\!'). */
export function parseAuthorScript(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = '';
    let quoted = false;
    for (let i = eq + 1; i < line.length; i++) {
      const c = line[i] as string;
      if (c === "'") quoted = !quoted;
      else if (c === '\\' && !quoted) value += line[++i] ?? '';
      else value += c;
    }
    vars.set(line.slice(0, eq), value);
  }
  return vars;
}

/** git's pre-push stdin, or the same line rebuilt from the pre-commit framework's variables
 *  (it does not forward stdin, and on a push that includes the root commit it sets no refs but
 *  the local branch: then everything the remote's tracking refs lack is judged). */
async function pushInput(io: Io): Promise<string> {
  const { PRE_COMMIT_FROM_REF: from, PRE_COMMIT_TO_REF: to, PRE_COMMIT_LOCAL_BRANCH: branch } = io.env;
  if (to) return `HEAD ${to} HEAD ${from ?? '0'}\n`;
  if (branch) return `${branch} ${branch} ${branch} 0\n`;
  return readAll(io.stdin);
}

/**
 * pre-push: every commit each pushed ref would bring that the remote does not have yet, judged
 * with the reviews in that ref's new tip, as the server will judge it.
 */
async function pushedChangeSets(ctx: InspectContext, remote: string | undefined, stdin: string): Promise<ChangeSet[]> {
  let remoteRefs: Promise<string[]> | null = null;
  const remoteTracking = () =>
    (remoteRefs ??= remote
      ? gitOk(['for-each-ref', '--format=%(objectname)', `refs/remotes/${remote}/`], { cwd: ctx.repo.cwd, env: ctx.repo.env }).then((out) =>
          out.toString('utf8').split('\n').filter(Boolean),
        )
      : Promise.resolve([]));
  const changeSets: ChangeSet[] = [];
  const judged = new Set<string>();
  for (const line of stdin.split('\n')) {
    if (!line.trim()) continue;
    const [, localOid, remoteRef, remoteOid] = line.split(' ');
    if (!localOid || !remoteRef || !remoteOid) throw new CleanroomError('EHOOK_INPUT', `pre-push: unexpected input line "${line}"`);
    if (isNullOid(localOid)) continue;
    const known = isNullOid(remoteOid) ? null : await ctx.engine.resolve(remoteOid).catch(() => null);
    const exclude = known ? [known] : await remoteTracking();
    // git names the pushed object by id (an annotated tag stays a tag); the pre-commit framework
    // may name it by ref, resolved here to the commit it pushes.
    const tip = isObjectId(localOid, ctx.repo.objectFormat) ? localOid : await ctx.engine.resolve(localOid);
    // What the server refuses unjudged, the preview refuses too (src/git/well-formed.ts).
    const range = { include: [tip], exclude };
    const read = await listWellFormed(ctx, range, { rev: tip }, (opts) => assertWellFormed(ctx.repo, range, opts));
    for (const changeSet of await inspectCommits(ctx, range, { rev: tip }, read)) {
      // A commit pushed under two refs is judged once (with the first ref's reviews).
      if (changeSet.commit && judged.has(changeSet.commit)) continue;
      if (changeSet.commit) judged.add(changeSet.commit);
      changeSets.push(changeSet);
    }
  }
  return changeSets;
}

/** The verdict a hook prints; null for applypatch-msg, which has nothing to judge yet. */
async function judge(hook: LocalHook, args: string[], io: Io, ctx: InspectContext): Promise<{ verdict: Verdict; scope: string } | null> {
  switch (hook) {
    case 'pre-commit':
      return { verdict: decide({ policy: ctx.policy, changeSets: [await inspectStaged(ctx)] }), scope: 'staged ' };
    case 'prepare-commit-msg': {
      // The pre-commit framework passes only the file and hands the rest over in its own variables.
      const [file, source = io.env.PRE_COMMIT_COMMIT_MSG_SOURCE, sha = io.env.PRE_COMMIT_COMMIT_OBJECT_NAME] = args;
      const message = messageFile(file, hook);
      const changeSet = await inspectStaged(ctx, { message, base: await commitBase(ctx, source, sha) });
      const verdict = decide({ policy: ctx.policy, changeSets: [changeSet] });
      await recordAssistance(ctx, file as string, verdict);
      return { verdict, scope: 'staged ' };
    }
    case 'commit-msg': {
      const message = messageFile(args[0], hook);
      return { verdict: decide({ policy: ctx.policy, changeSets: [await inspectStaged(ctx, { message })] }), scope: 'staged ' };
    }
    case 'applypatch-msg': {
      // The patch is not applied yet: pre-applypatch judges it. What can be done now is what
      // prepare-commit-msg does in warn mode: the message still takes an Assisted-by trailer.
      const file = args[0];
      const message = messageFile(file, hook);
      const author = parseIdent(patchBeingApplied(ctx, hook).author);
      const rules = ctx.policy.assistants;
      const signals = [...environmentSignals(ctx.repo.env, rules), ...identitySignals([{ role: 'author', identity: author }], rules), ...messageSignals(message, rules)];
      if (ctx.policy.mode === 'warn' && signals.length > 0) await addAssistedBy(ctx, file as string, signals);
      return null;
    }
    case 'pre-applypatch': {
      const { message, author } = patchBeingApplied(ctx, hook);
      const changeSet = await inspectStaged({ ...ctx, vars: { ...ctx.vars, author } }, { message });
      return { verdict: decide({ policy: ctx.policy, changeSets: [changeSet] }), scope: 'staged ' };
    }
    case 'pre-push': {
      const changeSets = await pushedChangeSets(ctx, args[0] ?? io.env.PRE_COMMIT_REMOTE_NAME, await pushInput(io));
      return { verdict: decide({ policy: ctx.policy, changeSets }), scope: '' };
    }
  }
}

const hook: Command = {
  summary: 'run as a git hook',
  usage,
  async run(args: string[], io: Io) {
    const [name, ...given] = args;
    // After the hook's name, so git's own arguments keep their places (-q is no message file
    // name git writes, nor a remote's name).
    const quietFlag = given[0] === '-q' || given[0] === '--quiet';
    const rest = quietFlag ? given.slice(1) : given;
    if (!isHookName(name)) {
      throw new CleanroomError('EUSAGE', `unknown hook "${name ?? ''}"; cleanroom handles ${HOOK_NAMES.join(', ')}`);
    }
    if (name === 'pre-receive') return (await import('./pre-receive.js')).preReceive(io);
    const ctx = await openContext(io, { staged: judgesIndex(name), remember: true });
    try {
      if (ctx.stagedAgainstHead) await checkStagedPolicy(ctx.engine, await ctx.stagedAgainstHead, ctx.repo);
      const judged = await judge(name, rest, io, ctx);
      if (judged === null) return EXIT.allowed;
      const { verdict, scope } = judged;
      const quiet = quietFlag || (io.env.CLEANROOM_QUIET !== undefined && !['', '0'].includes(io.env.CLEANROOM_QUIET));
      if (silentPass(name, verdict, quiet)) return exitFor(verdict);
      const more =
        name === 'pre-push'
          ? '`cleanroom check --range <remote>..<local> --format json` lists every one'
          : '`cleanroom check --format json` lists every one, and `cleanroom attest` offers each for review';
      io.stderr.write(renderText(verdict, { ...styleFor(io.stderr, io.env), label: `cleanroom ${name}`, scope, limit: { shown: HOOK_FINDINGS_SHOWN, more } }));
      return exitFor(verdict);
    } finally {
      await ctx.close();
    }
  },
};

export default hook;
