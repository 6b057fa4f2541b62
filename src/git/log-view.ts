/**
 * Commits as `git log` shows them, for those whose `encoding` header names something other than
 * UTF-8. git converts the whole object with the system's iconv before it shows a message or an
 * identity, and shows the stored bytes when that conversion fails; Node knows only some of
 * iconv's encodings (not UTF-7), and converts others differently (its ISO-8859-1 is
 * windows-1252). So git itself is asked, and what it answers is exactly what `git log` shows on
 * this machine: one `git log --stdin` for every such commit read in the same tick, the ids on
 * its standard input, never on its command line.
 */
import { CleanroomError } from '../errors.js';
import type { CommitInfo } from './engine.js';
import { gitOk } from './exec.js';
import { parseIdent } from './objects.js';

/** Fields NUL-separated, each commit ended by NUL (-z); a message shown by git holds no NUL. */
const FORMAT = '--format=%H%x00%an <%ae>%x00%cn <%ce>%x00%B';
const FIELDS = 4;
export const LOG_VIEW_ARGS: readonly string[] = ['log', '--no-walk=unsorted', '--stdin', '-z', '--encoding=UTF-8', '--no-mailmap', '--no-show-signature', '--no-notes', FORMAT];

export type LogView = (commit: CommitInfo) => Promise<CommitInfo>;

/** A reader of commits as git log shows them, for one repository. */
export function openLogView(cwd: string, env: NodeJS.ProcessEnv): LogView {
  let pending: { commit: CommitInfo; resolve: (c: CommitInfo) => void; reject: (e: unknown) => void }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      const out = await gitOk(LOG_VIEW_ARGS, { cwd, env, input: batch.map((p) => `${p.commit.oid}\n`).join('') });
      const shown = parseLogView(out);
      for (const { commit, resolve } of batch) {
        const seen = shown.get(commit.oid);
        if (!seen) throw new CleanroomError('EGIT', `git log did not show commit ${commit.oid}`);
        resolve({ ...commit, ...seen });
      }
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  };
  return (commit) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) queueMicrotask(() => void flush());
      pending.push({ commit, resolve, reject });
    });
}

export function parseLogView(out: Buffer): Map<string, Pick<CommitInfo, 'author' | 'committer' | 'message'>> {
  const fields = out.toString('utf8').split('\0');
  const shown = new Map<string, Pick<CommitInfo, 'author' | 'committer' | 'message'>>();
  for (let i = 0; i + FIELDS <= fields.length; i += FIELDS) {
    const [oid = '', author = '', committer = '', message = ''] = fields.slice(i, i + FIELDS);
    shown.set(oid, { author: parseIdent(author), committer: parseIdent(committer), message });
  }
  return shown;
}
