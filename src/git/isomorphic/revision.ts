/**
 * Revisions as git resolves them (get_oid_basic, get_short_oid, peeling and ancestry suffixes),
 * for the isomorphic engine: refs, packed-refs and `shallow` read through the object store.
 * Syntax this does not parse is EENGINE: git's to answer.
 */
import { CleanroomError } from '../../errors.js';
import { isRefName } from '../objects.js';
import { isNotFound, type LoadedCommit, type ObjectStore } from './store.js';

/** git's ref_rev_parse_rules: the first that names an existing ref wins. */
const REF_RULES: readonly ((name: string) => string)[] = [
  (n) => n,
  (n) => `refs/${n}`,
  (n) => `refs/tags/${n}`,
  (n) => `refs/heads/${n}`,
  (n) => `refs/remotes/${n}`,
  (n) => `refs/remotes/${n}/HEAD`,
];

type RevOp = { peel: string } | { parent: number } | { ancestor: number };

const SUFFIX = /(?:\^\{([a-z]*)\}|([~^])(\d*))$/;

/** Splits `base^{type}~2^2` into the base name and the operations after it, in order. */
function parseRev(rev: string): { base: string; ops: RevOp[] } {
  if (rev === '' || rev.startsWith('-') || /[\n\0]/.test(rev)) throw new CleanroomError('EBADREV', `"${rev}" is not a valid revision`);
  const ops: RevOp[] = [];
  let base = rev;
  for (let m = SUFFIX.exec(base); m; m = SUFFIX.exec(base)) {
    const [whole, peel, kind, count] = m;
    const n = count === '' || count === undefined ? 1 : Number(count);
    ops.unshift(peel !== undefined ? { peel } : kind === '~' ? { ancestor: n } : { parent: n });
    base = base.slice(0, base.length - whole.length);
  }
  // Reflogs, `rev:path`, `:/text`, `^{/re}`, `^!`, `^@`: git's to answer.
  if (/[:^~{}]/.test(base)) {
    throw new CleanroomError('EENGINE', `the isomorphic engine does not parse the revision syntax of "${rev}"`);
  }
  return { base: base === '@' ? 'HEAD' : base, ops };
}

export class Revisions {
  private shallow: Promise<Set<string>> | null = null;
  private packed: Promise<Map<string, string>> | null = null;

  constructor(private readonly store: ObjectStore) {}

  /** The object a revision names, or null when it names nothing (git: "bad revision"). */
  async lookup(rev: string): Promise<string | null> {
    const { base, ops } = parseRev(rev);
    let oid = await this.lookupName(base);
    for (const op of ops) {
      if (oid === null) return null;
      if ('peel' in op) {
        oid = await this.peel(oid, op.peel);
        continue;
      }
      const c = await this.peel(oid, 'commit');
      if (c === null) return null;
      if ('parent' in op) {
        const loaded = await this.store.commit(c);
        oid = op.parent === 0 ? c : loaded ? ((await this.walkParents(loaded))[op.parent - 1] ?? null) : null;
        continue;
      }
      oid = c;
      for (let i = 0; i < op.ancestor && oid !== null; i++) {
        const loaded: LoadedCommit | null = await this.store.commit(oid);
        oid = loaded ? ((await this.walkParents(loaded))[0] ?? null) : null;
      }
    }
    return oid;
  }

  async lookupCommit(rev: string): Promise<string | null> {
    const oid = await this.lookup(rev);
    return oid === null ? null : this.peel(oid, 'commit');
  }

  async commitAt(rev: string): Promise<LoadedCommit> {
    const oid = await this.lookup(rev);
    const found = oid === null ? null : await this.store.commit(oid);
    if (!found) throw new CleanroomError('EBADREV', `${rev} is not a commit in this repository`);
    return found;
  }

  /** Parents as history walks see them: a commit listed in `shallow` has none (git grafts it so). */
  async walkParents(c: LoadedCommit): Promise<readonly string[]> {
    this.shallow ??= this.store.readText('shallow').then((text) => new Set(text?.split('\n').filter(Boolean)));
    return (await this.shallow).has(c.info.oid) ? [] : c.info.parents;
  }

  /** `oid^{type}`: '' peels tags only; 'object' takes anything; a commit peels to its tree for 'tree'. */
  async peel(start: string, type: string): Promise<string | null> {
    for (let oid: string | undefined = start; oid; ) {
      const obj = await this.store.readRaw(oid);
      if (!obj) return null;
      if (type === 'object' || obj.type === type) return oid;
      if (obj.type === 'tag')
        oid = /^object ([0-9a-f]{40})\n/.exec(obj.content.toString('latin1'))?.[1]; // git's parse_tag_buffer: the first line
      else if (type === '') return oid;
      else if (type === 'tree' && obj.type === 'commit') oid = (await this.store.commit(oid))?.tree;
      else return null;
    }
    return null;
  }

  /** get_oid_basic, then get_short_oid: a full oid as is, refs by git's rules, then an abbreviation. */
  private async lookupName(name: string): Promise<string | null> {
    if (/^[0-9a-f]{40}$/i.test(name)) return name.toLowerCase();
    for (const rule of REF_RULES) {
      const full = rule(name);
      const oid = isRefName(full) ? await this.readRef(full) : null;
      if (oid) return oid;
    }
    if (!/^[0-9a-f]{4,39}$/i.test(name)) return null;
    try {
      return await this.store.expandOid(name.toLowerCase());
    } catch (e) {
      if (isNotFound(e)) return null;
      if ((e as { code?: unknown }).code === 'AmbiguousError') {
        throw new CleanroomError('EENGINE', `the abbreviation "${name}" is ambiguous; git disambiguates it by type, this engine does not`);
      }
      throw e;
    }
  }

  private async readRef(name: string, depth = 0): Promise<string | null> {
    if (depth > 5) return null;
    const text = await this.store.readText(name);
    if (text === null) return (await this.packedRefs()).get(name) ?? null;
    const target = /^ref:\s*(\S+)/.exec(text)?.[1];
    if (target !== undefined) return isRefName(target) ? this.readRef(target, depth + 1) : null;
    // Anything else is a broken ref, which git skips like a missing one.
    return /^([0-9a-f]{40})(?:\s|$)/.exec(text)?.[1] ?? null;
  }

  /** packed-refs: `<oid> <name>` lines; `^<oid>` lines (peeled tags) and the `#` header are not refs. */
  private packedRefs(): Promise<Map<string, string>> {
    return (this.packed ??= this.store.readText('packed-refs').then((text) => {
      const refs = new Map<string, string>();
      for (const m of (text ?? '').matchAll(/^([0-9a-f]{40}) (.+)$/gm)) refs.set(m[2] ?? '', m[1] ?? '');
      return refs;
    }));
  }
}
