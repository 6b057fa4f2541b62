/**
 * Picks the engine for one repository before anything is read. isomorphic-git answers a small
 * local repository in-process; git's plumbing is right everywhere and fast on large repositories.
 * The checks are a handful of stats and short reads (no spawns, no isomorphic-git import): the
 * layouts isomorphic-git would read wrongly, and the sizes at which it gets slow or memory-hungry
 * (it reads a whole pack into memory, and hashes it, before it returns one object). They are
 * synchronous on purpose: a dozen tiny reads cost less than as many thread-pool round trips.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { CleanroomError } from '../errors.js';
import type { GitEngine } from './engine.js';
import { indexFilePath, readIndexHeader, summarizeIndex } from './isomorphic/index-file.js';
import { objectDirs } from './isomorphic/overlay-fs.js';
import type { CatFileBatch, GitObject } from './cat-file.js';
import type { GitResult } from './exec.js';
import { openPlumbingEngine } from './plumbing.js';
import type { RepoContext } from './repo.js';

type EngineKind = GitEngine['kind'];

export interface EngineChoice {
  readonly kind: EngineKind;
  /** One sentence for `--format json` and debugging: why this engine. */
  readonly reason: string;
  readonly forced: boolean;
}

/** An engine plus why it was chosen; after a runtime fallback, both say so. */
export interface ChosenEngine extends GitEngine {
  readonly reason: string;
}

/** Past these, isomorphic-git's costs (a whole-index parse in JS, whole packs read into memory and
 *  hashed per process) outgrow a hook's budget, while git's stay in the tens of milliseconds. */
export const PREFLIGHT_LIMITS = {
  indexEntries: 20_000,
  packBytes: 200 * 1024 * 1024,
} as const;
/** Node cannot read a file this large into one buffer, and isomorphic-git's idx reader has no 64-bit offsets. */
const UNREADABLE_PACK = 2 ** 31;

const ENGINE_VARIABLE = 'CLEANROOM_ENGINE';

interface Finding {
  readonly reason: string;
  /** True when isomorphic-git would answer wrongly (not merely slowly): forcing it is refused. */
  readonly wrong: boolean;
}

/** What the run will read: the index (a hook at commit time), or recorded history (a range). */
export type Workload = 'staged' | 'history';

export interface EngineOptions {
  readonly force?: EngineKind;
  readonly workload?: Workload;
  /** Where spawning a process is cheap (everywhere but Windows), git's plumbing wins outright. */
  readonly platform?: NodeJS.Platform;
  /** The staged diff, started early (startStagedDiff) because plumbingIsCertain said so. */
  readonly stagedDiff?: Promise<GitResult> | undefined;
  /** The object reader, started early for the same reason. */
  readonly objects?: CatFileBatch | undefined;
  /** Objects the hook shim already read by name (src/git/handoff.ts). */
  readonly prefetched?: Promise<ReadonlyMap<string, GitObject | null> | undefined> | undefined;
}

/**
 * Whether chooseEngine will pick git's plumbing whatever the repository looks like: then work
 * for it can start before the repository is looked up. Windows may get isomorphic-git, and
 * CLEANROOM_ENGINE may ask for it.
 */
export function plumbingIsCertain(env: NodeJS.ProcessEnv, opts: Omit<EngineOptions, 'stagedDiff' | 'objects' | 'prefetched'> = {}): boolean {
  const force = opts.force ?? env[ENGINE_VARIABLE];
  if (force === 'plumbing') return true;
  if (force !== undefined) return false;
  return opts.workload === 'history' || (opts.platform ?? process.platform) !== 'win32';
}

export async function chooseEngine(repo: RepoContext, opts: EngineOptions = {}): Promise<EngineChoice> {
  const fromEnv = repo.env[ENGINE_VARIABLE];
  if (fromEnv && fromEnv !== 'isomorphic' && fromEnv !== 'plumbing') {
    throw new CleanroomError('EUSAGE', `${ENGINE_VARIABLE}="${fromEnv}" is not an engine; set it to "isomorphic" or "plumbing", or unset it to let cleanroom choose`);
  }
  const force = opts.force ?? fromEnv;
  const source = opts.force ? 'the caller' : `${ENGINE_VARIABLE}=${fromEnv ?? ''}`;
  if (force === 'plumbing') return { kind: 'plumbing', reason: `forced by ${source}`, forced: true };
  // One diff-tree --stdin answers a thousand commits several times faster than isomorphic-git
  // walks and diffs them (bench/README.md, "Engines").
  if (force === undefined && opts.workload === 'history') {
    return { kind: 'plumbing', reason: 'commit history is read fastest by git diff-tree --stdin', forced: false };
  }

  // Where spawning git is cheap, a pre-commit through git's plumbing ends before isomorphic-git
  // has done much more than load (bench/README.md, "Engines"). Only where each git spawn is slow
  // (Windows) can reading in-process pay for itself; elsewhere the repository is not even
  // inspected.
  if (force === undefined && (opts.platform ?? process.platform) !== 'win32') {
    return { kind: 'plumbing', reason: 'spawning git is cheap on this platform, and its plumbing answers faster than loading isomorphic-git', forced: false };
  }
  const { findings, entries, packBytes } = inspect(repo);
  const wrong = findings.find((f) => f.wrong);
  if (force === 'isomorphic') {
    if (wrong) {
      throw new CleanroomError('EENGINE', `the isomorphic engine was forced by ${source}, but ${wrong.reason}, which it cannot read correctly; use the plumbing engine here`);
    }
    return { kind: 'isomorphic', reason: `forced by ${source}`, forced: true };
  }
  const first = wrong ?? findings[0];
  if (first) return { kind: 'plumbing', reason: first.reason, forced: false };
  return {
    kind: 'isomorphic',
    reason: `small local repository (${entries} index entries, ${(packBytes / 2 ** 20).toFixed(1)} MiB of packs)`,
    forced: false,
  };
}

/**
 * Opens the chosen engine. An automatically chosen isomorphic engine that meets something it
 * cannot answer (EENGINE) hands that call, and every later one, to git; a forced one reports it.
 */
export async function openEngine(repo: RepoContext, opts: EngineOptions = {}): Promise<ChosenEngine> {
  const choice = await chooseEngine(repo, opts);
  if (choice.kind === 'plumbing') return { ...openPlumbingEngine(repo, { stagedDiff: opts.stagedDiff, objects: opts.objects, prefetched: opts.prefetched }), reason: choice.reason };
  // Loaded only here: importing isomorphic-git costs more than a whole plumbing run on a small repository.
  const { openIsomorphicEngine } = await import('./isomorphic/engine.js');
  const engine = openIsomorphicEngine(repo);
  return choice.forced ? { ...engine, reason: choice.reason } : withFallback(repo, engine, choice.reason);
}

function withFallback(repo: RepoContext, first: GitEngine, firstReason: string): ChosenEngine {
  let current = first;
  let reason = firstReason;
  const call = async <T>(use: (engine: GitEngine) => Promise<T>): Promise<T> => {
    const engine = current;
    try {
      return await use(engine);
    } catch (e) {
      if (engine.kind !== 'isomorphic' || !(e instanceof CleanroomError) || e.code !== 'EENGINE') throw e;
      if (current === engine) {
        current = openPlumbingEngine(repo);
        reason = `fell back from the isomorphic engine (${firstReason}): ${e.message}`;
        await engine.close();
      }
      return use(current);
    }
  };
  return {
    get kind() {
      return current.kind;
    },
    get reason() {
      return reason;
    },
    stagedChanges: (base) => call((e) => e.stagedChanges(base)),
    commitChanges: (oid, parent) => call((e) => e.commitChanges(oid, parent)),
    changesOfCommits: (requests, onCommit) => call((e) => e.changesOfCommits(requests, onCommit)),
    readCommit: (oid) => call((e) => e.readCommit(oid)),
    listCommits: (range) => call((e) => e.listCommits(range)),
    commitsOutside: (range, folders) => call((e) => e.commitsOutside(range, folders)),
    resolve: (rev) => call((e) => e.resolve(rev)),
    readBlob: (oid) => call((e) => e.readBlob(oid)),
    readBlobs: (oids, each) => call((e) => e.readBlobs(oids, each)),
    readFileAt: (rev, file) => call((e) => e.readFileAt(rev, file)),
    listFiles: (source, dir) => call((e) => e.listFiles(source, dir)),
    close: () => current.close(),
  };
}

function inspect(repo: RepoContext): { findings: Finding[]; entries: number; packBytes: number } {
  const findings: Finding[] = [];
  if (repo.objectFormat !== 'sha1') findings.push({ reason: `the repository uses ${repo.objectFormat} object ids`, wrong: true });
  if (repo.env.GIT_QUARANTINE_PATH) findings.push({ reason: 'this is a server-side hook (GIT_QUARANTINE_PATH is set)', wrong: false });
  // Replace refs and grafts decide nothing: neither engine honours them (git runs with
  // GIT_NO_REPLACE_OBJECTS and no grafts, src/git/exec.ts; isomorphic-git never reads them).
  const index = indexFindings(repo);
  const packs = packFindings(repo);
  findings.push(...configFindings(repo), ...index.findings, ...packs.findings);
  return { findings, entries: index.entries, packBytes: packs.bytes };
}

/** The read, or `fallback` when the file or directory is not there; most of these are usually
 *  absent, and checking first costs far less than a thrown ENOENT. */
function attempt<T>(file: string, read: (file: string) => T, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return read(file);
  } catch {
    return fallback;
  }
}

/** The repository's configuration, and with extensions.worktreeConfig the worktree's own
 *  (`config.worktree` in its gitdir), where git reads settings such as core.splitIndex too. */
function configFindings(repo: RepoContext): Finding[] {
  const file = path.join(repo.commonDir, 'config');
  const config = readConfig(attempt(file, (f) => readFileSync(f, 'utf8'), ''));
  const findings = findingsIn(file, config);
  if (isTrue(config.get('extensions.worktreeconfig')?.at(-1) ?? 'false')) {
    const worktreeFile = path.join(repo.gitDir, 'config.worktree');
    findings.push(...findingsIn(worktreeFile, readConfig(attempt(worktreeFile, (f) => readFileSync(f, 'utf8'), ''))));
  }
  return findings;
}

function findingsIn(file: string, config: Map<string, string[]>): Finding[] {
  const findings: Finding[] = [];
  for (const [key, values] of config) {
    const value = values.at(-1) ?? '';
    const [section = '', ...rest] = key.split('.');
    const name = rest.at(-1) ?? '';
    if (section === 'extensions' && !harmlessExtension(name, value)) {
      findings.push({ reason: `${file} sets extensions.${name} = ${value}`, wrong: true });
    } else if (section === 'remote' && name === 'promisor' && isTrue(value)) {
      findings.push({ reason: `${file} sets ${key} (a partial clone: git fetches missing objects on demand)`, wrong: true });
    } else if (key === 'core.splitindex' && isTrue(value)) {
      findings.push({ reason: `${file} sets core.splitIndex`, wrong: false });
    } else if (key === 'include.path' || (section === 'includeif' && name === 'path')) {
      findings.push({ reason: `${file} includes other configuration files, which the preflight does not read`, wrong: false });
    }
  }
  return findings;
}

/** Extensions that change nothing about reading objects, refs or the index. */
function harmlessExtension(name: string, value: string): boolean {
  if (name === 'objectformat') return value.toLowerCase() === 'sha1';
  if (name === 'refstorage') return value.toLowerCase() === 'files';
  return name === 'worktreeconfig' || name === 'preciousobjects' || name === 'noop';
}

/**
 * The entry count comes from the 12-byte header. Finding a `link` extension (split index) means
 * walking every entry, so that walk is skipped when no `sharedindex.*` file exists where git
 * looks for one (the gitdir, the index's own directory): without it git cannot read a split index either.
 */
function indexFindings(repo: RepoContext): { findings: Finding[]; entries: number } {
  const file = indexFilePath(repo);
  const fd = attempt(file, (f) => openSync(f, 'r'), null);
  if (fd === null) return { findings: [], entries: 0 };
  try {
    const header = Buffer.alloc(12);
    readSync(fd, header, 0, header.length, 0);
    const { entryCount } = readIndexHeader(header, file);
    if (entryCount > PREFLIGHT_LIMITS.indexEntries) {
      return { findings: [{ reason: `the index has ${entryCount} entries (more than ${PREFLIGHT_LIMITS.indexEntries})`, wrong: false }], entries: entryCount };
    }
    const shared = [repo.gitDir, path.dirname(file)].some((dir) => attempt(dir, (d) => readdirSync(d), []).some((n) => n.startsWith('sharedindex.')));
    const split = shared && summarizeIndex(readFileSync(fd), file).extensions.includes('link');
    return { findings: split ? [{ reason: `the index ${file} is a split index`, wrong: true }] : [], entries: entryCount };
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    return { findings: [{ reason: e.message, wrong: true }], entries: 0 };
  } finally {
    closeSync(fd);
  }
}

function packFindings(repo: RepoContext): { findings: Finding[]; bytes: number } {
  const sizes = objectDirs(repo).flatMap((dir) => {
    const packDir = path.join(dir, 'pack');
    const names = attempt(packDir, (d) => readdirSync(d), []).filter((n) => n.endsWith('.pack'));
    return names.map((n) => statSync(path.join(packDir, n), { throwIfNoEntry: false })?.size ?? 0);
  });
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  if (sizes.some((size) => size >= UNREADABLE_PACK)) {
    return { findings: [{ reason: `a pack is ${mib(Math.max(...sizes))} (isomorphic-git cannot read packs of 2 GiB or more)`, wrong: true }], bytes };
  }
  if (bytes > PREFLIGHT_LIMITS.packBytes) {
    return { findings: [{ reason: `the packs reachable from this repository total ${mib(bytes)} (more than ${mib(PREFLIGHT_LIMITS.packBytes)})`, wrong: false }], bytes };
  }
  return { findings: [], bytes };
}

function isTrue(value: string): boolean {
  return ['true', 'yes', 'on', '1'].includes(value.toLowerCase());
}

/**
 * Just enough of git-config's syntax to read a repository's own config: sections with optional
 * quoted subsections, `key = value` or a bare `key` (true), quotes, escapes and comments.
 * Keys come back as `section[.subsection].name`, section and name lower-cased as git compares them.
 */
export function readConfig(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  let section = '';
  for (const raw of text.replace(/\\\r?\n/g, '').split(/\r?\n/)) {
    let line = raw.trim();
    const header = /^\[\s*([\w.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      const [whole, name = '', sub] = header;
      section = sub === undefined ? name.toLowerCase() : `${name.toLowerCase()}.${sub.replace(/\\(.)/g, '$1')}`;
      line = line.slice(whole.length).trim();
    }
    const entry = /^([A-Za-z][\w-]*)\s*(?:=(.*))?$/.exec(line);
    if (!entry || !section) continue;
    const [, key = '', value] = entry;
    const full = `${section}.${key.toLowerCase()}`;
    values.set(full, [...(values.get(full) ?? []), value === undefined ? 'true' : configValue(value)]);
  }
  return values;
}

function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  let pendingSpace = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === '\\') {
      const next = raw[++i] ?? '';
      out += pendingSpace + ({ n: '\n', t: '\t', b: '\b' }[next] ?? next);
      pendingSpace = '';
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === '#' || c === ';')) {
      break;
    } else if (!quoted && /\s/.test(c)) {
      if (out !== '') pendingSpace += c;
    } else {
      out += pendingSpace + c;
      pendingSpace = '';
    }
  }
  return out;
}
