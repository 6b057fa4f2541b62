import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../cli.js';
import { guardAnswer, type GuardAnswer } from '../decide/guard.js';
import { EXIT } from '../errors.js';
import type { Io } from '../io.js';
import type { Policy } from '../policy/policy.js';
import { denyReply, noteReply, SILENT, type HookReply } from '../provenance/guard-reply.js';
import { AGENTS, isAgent, type AgentName } from '../provenance/payloads.js';
import { parsePreTool, shellWriteTargets } from '../provenance/pre-tool.js';
import { locateRepository, repoPath } from '../git/config.js';
import { log } from '../provenance/hook-log.js';
import { guardDeniedText, guardReviewText } from '../report/messages.js';
import { readStdin } from './record.js';

const LOG_FILE = 'guard.log';

const usage = `usage: cleanroom guard <${AGENTS.join('|')}>

What an assistant's own hook runs BEFORE a tool call writes files (\`cleanroom init --agents\`
wires it). Reads the hook's JSON on stdin, finds the files the call is about to write (a file
tool's path, an apply_patch's files, the plain write targets of a shell command: redirections,
tee, cp, mv, sed -i, ...) and judges them by the policy committed at HEAD:

  forbid-assistant      the call is refused, and the assistant is told that a person must write it
  any other protection  the call goes ahead, and the assistant is told a human review will be
                        needed before commit

Each tool is answered in its own documented way (docs/agents.md). A payload or policy that
cannot be read lets the call through (the commit gates still judge what is written) and is
logged to <git common dir>/cleanroom/guard.log, as is every refusal.`;

/** The policy that judges the write: HEAD's committed one, then the working tree's, then the
 *  embedded default (what the commit gate would use, short of a policy deleted from HEAD). */
async function guardPolicy(workTree: string, io: Io): Promise<Policy> {
  const { runGit } = await import('../git/exec.js');
  const { POLICY_PATH } = await import('../layout.js');
  const head = await runGit(['cat-file', 'blob', `HEAD:${POLICY_PATH}`], { cwd: workTree, env: io.env });
  const baseDir = path.join(workTree, '.cleanroom');
  if (head.status === 0) {
    const text = head.stdout.toString('utf8');
    const source = `${POLICY_PATH}@HEAD`;
    const parse = async () => (await import('../policy/parse.js')).parsePolicy(text, source, baseDir);
    if (io.build === undefined) return parse();
    return (await import('../policy/cache.js')).cachedPolicy(text, source, baseDir, io.build, parse);
  }
  const { readPolicyFile } = await import('../policy/load.js');
  const { PACKAGE_ROOT } = await import('../paths.js');
  const local = path.join(workTree, POLICY_PATH);
  return readPolicyFile(fs.existsSync(local) ? local : path.join(PACKAGE_ROOT, 'policy.yaml'), io.build);
}

/** `abs` as its deepest existing folder really is (symlinks resolved), the rest as written. */
function realSpelling(abs: string): string | null {
  const rest: string[] = [];
  for (let dir = abs; ; dir = path.dirname(dir)) {
    try {
      return path.join(fs.realpathSync(dir), ...rest.reverse());
    } catch {
      if (path.dirname(dir) === dir) return null;
      rest.push(path.basename(dir));
    }
  }
}

/** Every git path a write to `abs` may land at, by repository: the path as written, and the path
 *  its folders' symlinks lead to (a link `scratch/b -> ../benchmarks` makes `scratch/b/t.json` a
 *  write into benchmarks/). */
function gitPaths(abs: string, into: Map<string, { workTree: string; commonDir: string; paths: string[] }>): void {
  for (const spelling of new Set([abs, realSpelling(abs)])) {
    if (spelling === null) continue;
    const repo = locateRepository(path.dirname(spelling));
    if (repo === null) continue;
    const real = realSpelling(repo.workTree) ?? repo.workTree;
    const rel = repoPath(repo, spelling) ?? repoPath({ ...repo, workTree: real }, spelling);
    if (rel === null) continue;
    const entry = into.get(repo.workTree) ?? { workTree: repo.workTree, commonDir: repo.commonDir, paths: [] };
    entry.paths.push(rel);
    into.set(repo.workTree, entry);
  }
}

async function guard(agent: AgentName, input: string, io: Io, note: (commonDir: string | null, message: string) => void): Promise<HookReply> {
  const planned = parsePreTool(agent, input);
  const cwd = planned.cwd ? path.resolve(io.cwd, planned.cwd) : io.cwd;
  const files = [...planned.files, ...(planned.command === null ? [] : shellWriteTargets(planned.command))];
  if (files.length === 0) return SILENT;
  const repos = new Map<string, { workTree: string; commonDir: string; paths: string[] }>();
  for (const f of files) gitPaths(path.resolve(cwd, f), repos);
  const denied: string[] = [];
  const review: string[] = [];
  for (const repo of repos.values()) {
    let answer: GuardAnswer;
    try {
      answer = guardAnswer(await guardPolicy(repo.workTree, io), repo.paths);
    } catch (e) {
      // Refusing every write over a policy nobody can read would stop the assistant; the commit gates fail closed on it.
      note(repo.commonDir, `${planned.tool}: let through unjudged: the policy cannot be read: ${(e as Error).message}`);
      continue;
    }
    if (answer.denied.length > 0) {
      denied.push(guardDeniedText(answer.denied));
      note(repo.commonDir, `${planned.tool}: refused: ${answer.denied.map((h) => `${h.path} (${h.rule.pattern}, ${h.rule.origin})`).join(', ')}`);
    }
    if (answer.review.length > 0) review.push(guardReviewText(answer.review));
  }
  if (denied.length > 0) return denyReply(agent, denied.join('\n'));
  return review.length > 0 ? noteReply(agent, review.join('\n')) : SILENT;
}

const guardCommand: Command = {
  summary: "refuse an assistant's write into a forbid-assistant path before it happens (run by the assistant's hook)",
  usage,
  async run(args: string[], io: Io) {
    const agent = args.join(' ');
    const fallback = (() => {
      try {
        return locateRepository(io.cwd);
      } catch {
        return null;
      }
    })();
    const note = (commonDir: string | null, message: string) => {
      const where = commonDir ?? fallback?.commonDir;
      if (where) log(where, { now: () => new Date() }, agent, message, LOG_FILE);
      io.stderr.write(`cleanroom guard: ${message}\n`);
    };
    if (!isAgent(agent)) {
      note(null, `unknown agent "${agent}"; expected one of ${AGENTS.join(', ')}: nothing was judged`);
      return EXIT.allowed;
    }
    if (io.stdin.isTTY) {
      io.stderr.write("cleanroom guard: reads an assistant hook's JSON on stdin; see `cleanroom guard --help`\n");
      return EXIT.allowed;
    }
    let reply: HookReply;
    try {
      reply = await guard(agent, await readStdin(io), io, note);
    } catch (e) {
      // A payload that cannot be read: refusing would stop every tool call of the assistant.
      note(null, `let through unjudged: ${(e as Error).message}`);
      return EXIT.allowed;
    }
    io.stdout.write(reply.stdout);
    io.stderr.write(reply.stderr);
    return reply.exit;
  },
};

export default guardCommand;
