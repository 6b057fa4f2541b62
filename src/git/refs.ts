import { CleanroomError } from '../errors.js';
import { runGit } from './exec.js';
import type { RepoContext } from './repo.js';

/** Every ref by name with the object it names (a tag ref: the tag object), and what HEAD names
 *  (null when unborn): one `git show-ref --head`, read once by whoever needs refs in a run. */
export interface RefListing {
  readonly head: string | null;
  readonly refs: ReadonlyMap<string, string>;
}

export async function listRefs(repo: Pick<RepoContext, 'cwd' | 'env'>): Promise<RefListing> {
  const listed = await runGit(['show-ref', '--head'], { cwd: repo.cwd, env: repo.env });
  // show-ref exits 1 when there is no ref at all (a repository before its first commit).
  if (listed.status !== 0 && !(listed.status === 1 && listed.stdout.length === 0)) {
    throw new CleanroomError('EGIT', `git show-ref failed: ${listed.stderr.trim() || `exit ${listed.status}`}`);
  }
  let head: string | null = null;
  const refs = new Map<string, string>();
  for (const line of listed.stdout.toString('utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const [oid, name] = [line.slice(0, space), line.slice(space + 1)];
    if (name === 'HEAD') head = oid;
    else refs.set(name, oid);
  }
  return { head, refs };
}
