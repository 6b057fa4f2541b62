import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CleanroomError } from '../errors.js';
import { invalidName, parseHeader, type GitObject } from './cat-file.js';
import { gitEnvironment } from './exec.js';

/** Below this many objects the long-lived cat-file (CatFileBatch) answers sooner than a spawn. */
export const BULK_MIN = 64;
/** Objects per process at least: each further process costs a spawn and git's start. */
const PER_PROCESS_MIN = 256;
/** An answer file up to this size is read whole; a larger one this much at a time. */
const WINDOW = 16 << 20;
/**
 * How large an answer file may grow: past it, its git is stopped and the objects are read one by
 * one through the caller's fallback (the long-lived reader, into memory) instead, so a push of a
 * huge blob never fills the temporary folder. Checked every SIZE_CHECK_MS while git writes, so a
 * file ends at most one interval's writing past the cap before it is closed and gone.
 */
const ANSWERS_MAX = 256 << 20;
const SIZE_CHECK_MS = 10;

/** A git stopped because its answers outgrew ANSWERS_MAX. */
class AnswersTooLarge extends Error {}

/**
 * Reads many objects at once (a hook's thousand staged blobs), through `git cat-file --batch`
 * processes that read their requests from files and write their answers to files. Through a
 * pipe, each of git's writes (three per object) reaches Node as an event of its own, costing the
 * main thread more than git spends per object; git reading loose objects (three opens each) is
 * itself slow enough to be worth more than one CPU. Requests and errors go through files too
 * (bench/README.md tells what each step saved on the bench's 1,000 freshly staged files).
 *
 * `each` is called once for every name, in order, with null for a missing object, once every git
 * is done: memory holds one window of an answer file, never every object of a huge one. The files
 * are private (0600, created exclusively) and unlinked at once where the system allows.
 */
export async function readObjectsInBulk<T>(
  cwd: string,
  env: NodeJS.ProcessEnv,
  names: readonly string[],
  each: (index: number, object: GitObject | null) => T,
  opts: {
    /** Used instead when no private temporary file can be made. */
    readonly fallback: () => Promise<T[]>;
    readonly processes?: number;
    readonly window?: number;
    /** ANSWERS_MAX, for tests. */
    readonly answersMax?: number;
  },
): Promise<T[]> {
  for (const name of names) {
    const invalid = invalidName(name);
    if (invalid) throw invalid;
  }
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const processes = Math.max(1, Math.min(opts.processes ?? Math.min(cpus, 4), Math.ceil(names.length / PER_PROCESS_MIN)));
  const size = Math.ceil(names.length / processes);
  const parts: string[][] = [];
  for (let first = 0; first < names.length; first += size) parts.push(names.slice(first, first + size));
  const jobs: Job[] = [];
  for (const _ of parts) {
    const job = openJob();
    if (job === null) {
      // No writable temporary folder (a locked-down server): the caller's one-by-one reads still work.
      for (const made of jobs) closeJob(made);
      return opts.fallback();
    }
    jobs.push(job);
  }
  const results: T[] = [];
  try {
    // Read once every git is done: judging objects meanwhile would take a CPU from a git still reading.
    const runs = await Promise.allSettled(parts.map((part, n) => catFileToFile(cwd, env, part, jobs[n] as Job, opts.answersMax ?? ANSWERS_MAX)));
    if (runs.some((run) => run.status === 'rejected' && run.reason instanceof AnswersTooLarge)) {
      for (const job of jobs.splice(0)) closeJob(job);
      return await opts.fallback();
    }
    for (const [n, run] of runs.entries()) {
      if (run.status === 'rejected') throw run.reason;
      const part = parts[n] as string[];
      const reader = new AnswerReader((jobs[n] as Job).answers.fd, opts.window ?? WINDOW);
      for (let object = reader.next(); object !== undefined; object = reader.next()) {
        if (results.length === names.length) throw new CleanroomError('EGIT', 'git cat-file answered more objects than it was asked for');
        results.push(each(results.length, object));
      }
      if (results.length !== n * size + part.length) throw new CleanroomError('EGIT', `git cat-file answered ${results.length - n * size} of ${part.length} objects`);
    }
  } finally {
    for (const job of jobs) closeJob(job);
  }
  return results;
}

/** A private file (0600, created exclusively, unlinked at once where the system allows). */
interface ScratchFile {
  readonly fd: number;
  /** Set where the file could not be unlinked while open (Windows): removed once closed. */
  readonly path: string | null;
}

/** One cat-file's files: its requests (stdin), answers (stdout) and complaints (stderr). Files, not
 *  pipes: a pipe costs Node a stream and an event per write. */
interface Job {
  readonly requests: ScratchFile;
  readonly answers: ScratchFile;
  readonly errors: ScratchFile;
}

function openJob(): Job | null {
  const made: ScratchFile[] = [];
  for (let k = 0; k < 3; k++) {
    const file = openScratchFile();
    if (file === null) {
      for (const other of made) closeFile(other);
      return null;
    }
    made.push(file);
  }
  const [requests, answers, errors] = made as [ScratchFile, ScratchFile, ScratchFile];
  return { requests, answers, errors };
}

function closeJob(job: Job): void {
  for (const file of [job.requests, job.answers, job.errors]) closeFile(file);
}

function closeFile(file: ScratchFile): void {
  fs.closeSync(file.fd);
  if (file.path !== null) fs.rmSync(file.path, { force: true });
}

/** Runs one cat-file over `names`; resolves when git is done, its answers in `job.answers`; rejects
 *  with AnswersTooLarge (git stopped) once they outgrow `max` bytes. */
function catFileToFile(cwd: string, env: NodeJS.ProcessEnv, names: readonly string[], job: Job, max: number): Promise<void> {
  writeWhole(job.requests.fd, Buffer.from(`${names.join('\n')}\n`));
  return new Promise<void>((resolve, reject) => {
    let settled = false; // a spawn that fails emits 'error' and then 'close'
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      reject(new CleanroomError('EGIT', message));
    };
    // git shares each file's offset with us: the requests are read from their start, written at
    // positions that leave the offset there; answers and errors are read back by position.
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnvironment(env), stdio: [job.requests.fd, job.answers.fd, job.errors.fd] });
    const tooLarge = () => fs.fstatSync(job.answers.fd).size > max;
    const watch = setInterval(() => {
      if (!tooLarge()) return;
      clearInterval(watch); // the files may be closed before git's exit is heard
      child.kill();
      if (!settled) reject(new AnswersTooLarge());
      settled = true;
    }, SIZE_CHECK_MS);
    child.on('error', (e) => fail(`could not run git cat-file (${e.message})`));
    child.on('close', (code) => {
      clearInterval(watch);
      if (settled) return;
      if (tooLarge()) {
        settled = true;
        return reject(new AnswersTooLarge());
      }
      if (code !== 0) return fail(`git cat-file exited (${code}): ${readWhole(job.errors.fd).toString('utf8').trim()}`);
      if (!settled) resolve();
      settled = true;
    });
  });
}

/** Writes at positions from 0, so the file's own offset stays at its start. */
function writeWhole(fd: number, data: Buffer): void {
  for (let done = 0; done < data.length; ) done += fs.writeSync(fd, data, done, data.length - done, done);
}

function readWhole(fd: number): Buffer {
  const data = Buffer.alloc(fs.fstatSync(fd).size);
  for (let done = 0; done < data.length; ) {
    const read = fs.readSync(fd, data, done, data.length - done, done);
    if (read === 0) return data.subarray(0, done);
    done += read;
  }
  return data;
}

/** A new private file only this user can read, created exclusively (never through a planted name
 *  or link) and unlinked at once where the system allows; null when none can be made. */
function openScratchFile(): ScratchFile | null {
  const made = createPrivateFile();
  if (made === null) return null;
  try {
    fs.unlinkSync(made.file);
    return { fd: made.fd, path: null };
  } catch {
    return { fd: made.fd, path: made.file }; // Windows keeps an open file's name: it goes when the file is closed
  }
}

function createPrivateFile(): { fd: number; file: string } | null {
  for (let attempt = 0; attempt < 5; attempt++) {
    const file = path.join(os.tmpdir(), `cleanroom-objects-${process.pid}-${Math.random().toString(36).slice(2)}`);
    try {
      return { fd: fs.openSync(file, 'wx+', 0o600), file };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
    }
  }
  return null;
}

/**
 * The objects of an answer file in order. A file that fits the window is read at once and its
 * objects handed out as views of it; a larger one is read a window at a time, each object copied
 * out, so memory holds one window and one object.
 */
class AnswerReader {
  private readonly whole: boolean;
  private buf: Buffer;
  private start = 0;
  private end = 0;
  private filePos = 0;

  constructor(
    private readonly fd: number,
    windowSize: number,
  ) {
    const size = fs.fstatSync(fd).size;
    this.whole = size <= windowSize;
    this.buf = Buffer.allocUnsafe(this.whole ? size : windowSize);
  }

  /** The next object, null for a missing one, undefined after the last. */
  next(): GitObject | null | undefined {
    let nl = this.lineEnd();
    while (nl < 0) {
      if (!this.refill()) {
        if (this.start !== this.end) throw new CleanroomError('EGIT', 'git cat-file output ended inside a header');
        return undefined;
      }
      nl = this.lineEnd();
    }
    const header = parseHeader(this.buf, this.start, nl);
    this.start = nl + 1;
    if (header === null) return null;
    const content = this.take(header.size);
    // The LF git writes after each object.
    if (this.start === this.end && !this.refill()) throw new CleanroomError('EGIT', 'git cat-file output ended inside an object');
    this.start++;
    return { oid: header.oid, type: header.type, content };
  }

  private lineEnd(): number {
    const nl = this.buf.indexOf(0x0a, this.start);
    return nl >= 0 && nl < this.end ? nl : -1;
  }

  private take(size: number): Buffer {
    if (this.whole) {
      if (this.start + size > this.end) throw new CleanroomError('EGIT', 'git cat-file output ended inside an object');
      this.start += size;
      return this.buf.subarray(this.start - size, this.start);
    }
    const content = Buffer.allocUnsafe(size);
    let have = this.buf.copy(content, 0, this.start, Math.min(this.end, this.start + size));
    this.start += have;
    while (have < size) {
      const read = fs.readSync(this.fd, content, have, size - have, this.filePos);
      if (read === 0) throw new CleanroomError('EGIT', 'git cat-file output ended inside an object');
      this.filePos += read;
      have += read;
    }
    return content;
  }

  /** Reads on after what is unread (moved to the front first, in a window); false at the end. */
  private refill(): boolean {
    if (!this.whole) {
      this.buf.copy(this.buf, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      if (this.end === this.buf.length) this.buf = Buffer.concat([this.buf, Buffer.allocUnsafe(this.buf.length)]); // a header longer than the window
    }
    const before = this.end;
    while (this.end < this.buf.length) {
      const read = fs.readSync(this.fd, this.buf, this.end, this.buf.length - this.end, this.filePos);
      if (read === 0) break;
      this.filePos += read;
      this.end += read;
    }
    return this.end > before;
  }
}
