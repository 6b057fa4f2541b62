import { CleanroomError } from '../../errors.js';
import type { CommitRange, ListedCommit } from '../engine.js';
import type { Revisions } from './revision.js';
import type { ObjectStore } from './store.js';

/**
 * rev-list for the isomorphic engine. Its walk (revision.c limit_list) is reproduced step for
 * step because its order is the answer: a list kept newest-first by committer date (ties: first
 * in, first out), parents inserted as each commit is popped, exclusions spread down through the
 * commits parsed so far, and the walk stopped once only excluded commits remain, plus git's five
 * commits of slop.
 */
export async function listCommits(range: CommitRange, store: ObjectStore, revisions: Revisions): Promise<ListedCommit[]> {
  const resolveAll = (revs: readonly string[]) =>
    Promise.all(
      revs.map(async (rev) => {
        const oid = await revisions.lookupCommit(rev);
        if (oid === null) throw new CleanroomError('EGIT', `git rev-list failed: fatal: bad revision '${rev}'`);
        return oid;
      }),
    );
  const [include, exclude] = await Promise.all([resolveAll(range.include), resolveAll(range.exclude)]);

  interface Node {
    readonly oid: string;
    readonly date: number;
    readonly parents: readonly string[];
    readonly tree: string;
  }
  const parsed = new Map<string, Node>();
  const parse = async (oid: string): Promise<Node> => {
    const known = parsed.get(oid);
    if (known) return known;
    const loaded = await store.commit(oid);
    if (!loaded) throw new CleanroomError('EGIT', `git rev-list failed: fatal: bad object ${oid}`);
    const node = { oid, date: loaded.date, parents: await revisions.walkParents(loaded), tree: loaded.tree };
    parsed.set(oid, node);
    return node;
  };
  const uninteresting = new Set(exclude);
  const markParentsUninteresting = (node: Node) => {
    const stack = [...node.parents];
    for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
      if (uninteresting.has(p)) continue;
      uninteresting.add(p);
      stack.push(...(parsed.get(p)?.parents ?? []));
    }
  };
  const queue: Node[] = [];
  const insertByDate = (node: Node) => {
    const at = queue.findIndex((q) => q.date < node.date);
    queue.splice(at < 0 ? queue.length : at, 0, node);
  };

  const seen = new Set<string>();
  for (const oid of [...include, ...exclude]) {
    const node = await parse(oid);
    if (uninteresting.has(oid)) markParentsUninteresting(node);
    if (!seen.has(oid)) queue.push(node);
    seen.add(oid);
  }
  queue.sort((a, b) => b.date - a.date);

  const SLOP = 5;
  const out: ListedCommit[] = [];
  let lastDate = Infinity;
  let slop = SLOP;
  for (let node = queue.shift(); node; node = queue.shift()) {
    const excluded = uninteresting.has(node.oid);
    for (const p of node.parents) {
      if (excluded) uninteresting.add(p);
      const parent = await parse(p);
      if (excluded) markParentsUninteresting(parent);
      if (seen.has(p)) continue;
      seen.add(p);
      insertByDate(parent);
    }
    if (!excluded) {
      lastDate = node.date;
      out.push({ oid: node.oid, parents: node.parents, tree: node.tree });
      continue;
    }
    const head = queue[0];
    const interesting = head !== undefined && (lastDate <= head.date || queue.some((q) => !uninteresting.has(q.oid)));
    slop = head === undefined ? 0 : interesting ? SLOP : slop - 1;
    if (slop === 0) break;
  }
  return out.filter((c) => !uninteresting.has(c.oid));
}
