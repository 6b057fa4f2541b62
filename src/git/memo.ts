/**
 * git's answers to questions asked before the code that needs them got to ask: a commit hook's
 * first questions are asked by the hook shim while Node starts (handoff.ts) or by the launcher
 * while the CLI loads (launch.ts). Each answer is kept under the question exactly as it will be
 * asked again (the git argv, or the object name, in that directory and environment), and runGit
 * and the object reader look here first, so whoever asks needs not know that anyone asked ahead.
 *
 * The launcher and the CLI are separate bundles, each with its own copy of this module: the
 * answers live on the global object, under a registered symbol both copies find.
 */
import type { CatFileBatch, GitObject } from './cat-file.js';
import type { GitResult } from './exec.js';

/** Where git is asked. The environment is matched by identity: the launcher and the CLI both hand
 *  git process.env itself, and any other environment may hold a different GIT_INDEX_FILE. */
export interface GitPlace {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** undefined: git was asked ahead but gave no usable answer, so it is asked again (and its error,
 *  if any, is heard then). */
export type AnswerAhead<T> = Promise<T | undefined>;

/** Values by question, per environment object. */
class ByPlace<T> {
  private readonly byEnv = new WeakMap<NodeJS.ProcessEnv, Map<string, T>>();

  set(place: GitPlace, question: string, value: T): void {
    let here = this.byEnv.get(place.env);
    if (!here) this.byEnv.set(place.env, (here = new Map()));
    here.set(`${place.cwd}\0${question}`, value);
  }

  get(place: GitPlace, question: string): T | undefined {
    return this.byEnv.get(place.env)?.get(`${place.cwd}\0${question}`);
  }

  take(place: GitPlace, question: string): T | undefined {
    const value = this.get(place, question);
    if (value !== undefined) this.byEnv.get(place.env)?.delete(`${place.cwd}\0${question}`);
    return value;
  }
}

interface Memo {
  readonly runs: ByPlace<AnswerAhead<GitResult>>;
  readonly objects: ByPlace<AnswerAhead<GitObject | null>>;
  readonly readers: ByPlace<CatFileBatch>;
}

const KEY = Symbol.for('cleanroom.git-memo');
const memo = ((globalThis as { [KEY]?: Memo })[KEY] ??= { runs: new ByPlace(), objects: new ByPlace(), readers: new ByPlace() });

/** Its failure surfaces where the question is asked again; until then none counts as unhandled. */
function quiet<T>(answer: Promise<T>): Promise<T> {
  answer.catch(() => undefined);
  return answer;
}

/** What git answered, or will answer, to `git <args>` at `place`. */
export function rememberRun(args: readonly string[], place: GitPlace, answer: AnswerAhead<GitResult>): void {
  memo.runs.set(place, args.join('\0'), quiet(answer));
}

/** Taken once: an answer holds for the moment it was asked (the index may change after). */
export function recallRun(args: readonly string[], place: GitPlace): AnswerAhead<GitResult> | undefined {
  return memo.runs.take(place, args.join('\0'));
}

/** What `git cat-file --batch` answered, or will answer, for `name` at `place` (null: missing). */
export function rememberObject(name: string, place: GitPlace, answer: AnswerAhead<GitObject | null>): void {
  memo.objects.set(place, name, quiet(answer));
}

/** Kept for every later read: the names asked ahead are HEAD's, which a hook's run does not move. */
export function recallObject(name: string, place: GitPlace): AnswerAhead<GitObject | null> | undefined {
  return memo.objects.get(place, name);
}

/** An object reader already running at `place`, for the next one opened there to take over. */
export function rememberReader(place: GitPlace, reader: CatFileBatch): void {
  memo.readers.set(place, '', reader);
}

export function takeReader(place: GitPlace): CatFileBatch | undefined {
  return memo.readers.take(place, '');
}
