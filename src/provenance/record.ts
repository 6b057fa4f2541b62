/**
 * What `cleanroom record <agent>` does with one hook invocation: find the files the assistant's
 * tool call wrote, read each from disk as it now is, and append a ledger record per file.
 *
 * It runs inside the assistant's tool loop, so it must be quick and may never fail the assistant:
 * the repository is found by walking up from the file (no git process), problems go to
 * `<common dir>/cleanroom/record.log`, and nothing escapes as an exception.
 */
import path from 'node:path';
import { locateRepository, repoPath, type RepoOnDisk } from '../git/config.js';
import { appendRecords, DEFAULT_MAX_BYTES, type ProvenanceRecord } from './ledger.js';
import { describeFile } from './file-record.js';
import { log } from './hook-log.js';
import { AGENTS, isAgent, parsePayload, type FileWrite } from './payloads.js';
import { shellWrites } from './shell-writes.js';

export interface RecordContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
}

/** Where an agent puts its session id in the hook's environment, for payloads without one. */
const SESSION_ENV: Partial<Record<string, string>> = {
  'claude-code': 'CLAUDE_CODE_SESSION_ID',
  codex: 'CODEX_THREAD_ID',
  gemini: 'GEMINI_SESSION_ID',
};

/** Records one hook invocation. Never throws: whatever goes wrong is logged in the repository, if there is one. */
export async function record(agent: string, input: string, ctx: RecordContext): Promise<void> {
  let logRepo = repoHolding(ctx.cwd);
  const report = (message: string) => {
    if (logRepo) log(logRepo.commonDir, ctx, agent, message);
  };
  try {
    if (!isAgent(agent)) {
      report(`unknown agent "${agent}"; expected one of ${AGENTS.join(', ')}`);
      return;
    }
    const payload = parsePayload(agent, input);
    const cwd = payload.cwd ? path.resolve(ctx.cwd, payload.cwd) : ctx.cwd;
    logRepo = repoHolding(cwd) ?? logRepo;
    const session = (w: { session: string }) => w.session || ctx.env[SESSION_ENV[agent] ?? ''] || '';
    const time = ctx.now().toISOString();
    const maxBytes = Number(ctx.env.CLEANROOM_LEDGER_MAX_BYTES) || DEFAULT_MAX_BYTES;

    // Absolute path -> what was written there; one file patched twice counts its lines from both.
    const writes = new Map<string, Omit<FileWrite, 'path'>>();
    const note = (abs: string, w: Omit<FileWrite, 'path'>) => {
      const prior = writes.get(abs);
      const introduced = prior === undefined ? w.introduced : prior.introduced && w.introduced && [...prior.introduced, ...w.introduced];
      writes.set(abs, { agent, session: session(w), tool: w.tool, introduced });
    };
    for (const w of payload.writes) note(path.resolve(cwd, w.path), w);
    const shellRepo = payload.shell && repoHolding(cwd);
    if (payload.shell && shellRepo) {
      const { files, note: problem } = await shellWrites(shellRepo, payload.shell, ctx);
      if (problem) report(problem);
      for (const rel of files) note(path.join(shellRepo.workTree, rel), { ...payload.shell, introduced: null });
    }

    const batches = new Map<string, ProvenanceRecord[]>();
    for (const [abs, w] of writes) {
      const repo = repoHolding(path.dirname(abs));
      const rel = repo && repoPath(repo, abs);
      if (!repo || !rel) continue;
      try {
        const r = describeFile(abs, rel, repo, w, time);
        if (r) batches.set(repo.commonDir, [...(batches.get(repo.commonDir) ?? []), r]);
      } catch (e) {
        log(repo.commonDir, ctx, agent, `${rel}: not recorded: ${(e as Error).message}`);
      }
    }
    for (const [commonDir, records] of batches) appendRecords(commonDir, records, { maxBytes });
  } catch (e) {
    report((e as Error).message);
  }
}

/** An unreadable `.git` on the way up means no repository to record in, never a failed hook. */
function repoHolding(dir: string): RepoOnDisk | null {
  try {
    return locateRepository(dir);
  } catch {
    return null;
  }
}
