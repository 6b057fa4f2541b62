import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CleanroomError } from '../errors.js';
import { gitEnvironment } from './exec.js';
import { recallObject, takeReader, type GitPlace } from './memo.js';

const EMPTY = Buffer.alloc(0);

export interface GitObject {
  readonly oid: string;
  readonly type: string;
  readonly content: Buffer;
}

/**
 * One long-lived `git cat-file --batch` child: constant memory and no process started per object,
 * where opening a pack per read would cost the whole pack. Requests are answered in order,
 * so a FIFO of pending reads is all the bookkeeping needed. The child starts with the first read
 * that git was not already asked (memo.ts): with the policy at hand, many hooks never need it.
 */
export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | null = null;
  private closed = false;
  private readonly pending: {
    name: string;
    resolve: (o: GitObject | null) => void;
    reject: (e: Error) => void;
  }[] = [];
  private readonly output = new BatchOutputParser((object) => this.pending.shift()?.resolve(object));
  private failure: Error | null = null;
  private unsent = '';

  private readonly place: GitPlace;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    this.place = { cwd, env };
  }

  /** Reads an object by any name git accepts (`<oid>`, `HEAD:path`); null when it does not exist. */
  read(name: string): Promise<GitObject | null> {
    const known = recallObject(name, this.place);
    return known ? known.then((object) => (object !== undefined ? object : this.ask(name))) : this.ask(name);
  }

  private ask(name: string): Promise<GitObject | null> {
    if (this.failure) return Promise.reject(this.failure);
    const invalid = invalidName(name) ?? (this.closed ? new CleanroomError('EGIT', 'git cat-file was asked after it was closed') : null);
    if (invalid) return Promise.reject(invalid);
    this.child ??= this.start();
    return new Promise((resolve, reject) => {
      this.pending.push({ name, resolve, reject });
      // Requests made in one go (a thousand staged files) leave in one write, not one each.
      if (this.unsent === '') queueMicrotask(() => this.send());
      this.unsent += `${name}\n`;
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.place.cwd, env: gitEnvironment(this.place.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.stdout.on('data', (b: Buffer) => this.output.push(b));
    const fail = (message: string) => {
      this.failure = new CleanroomError('EGIT', message);
      for (const p of this.pending.splice(0)) p.reject(this.failure);
    };
    child.on('error', (e) => fail(`could not run git cat-file (${e.message})`));
    child.on('close', (code) => {
      if (this.pending.length > 0) fail(`git cat-file exited (${code}): ${stderr.trim()}`);
    });
    child.stdin.on('error', () => undefined);
    return child;
  }

  private send(): void {
    const lines = this.unsent;
    this.unsent = '';
    this.child?.stdin.write(lines);
  }

  /** Ends the requests. git exits on its own at end of input; nothing waits for it, so a hook's
   *  process can end the moment its verdict is out. */
  close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (child) {
      child.stdin.end();
      child.unref();
      for (const stream of [child.stdout, child.stderr] as unknown as { unref?: () => void }[]) stream.unref?.();
    }
    return Promise.resolve();
  }
}

/** The object reader for `place`: the one started there ahead of time, if any, else a new one. */
export function openObjectReader(place: GitPlace): CatFileBatch {
  return takeReader(place) ?? new CatFileBatch(place.cwd, place.env);
}

/**
 * Parses `git cat-file --batch` output as it arrives, handing over each object (null for a
 * missing one) in order. Parses at an offset into the chunk, so a chunk of many small objects
 * costs one view per object (its content) rather than several.
 */
export class BatchOutputParser {
  private buffer: Buffer = EMPTY;
  /** Set while the body of an object is still arriving: large blobs come in many chunks, which
   *  are gathered in a list and joined once (joining on every chunk would be quadratic). */
  private body: { oid: string; type: string; size: number; rest: string; chunks: Buffer[]; have: number } | null = null;

  /** `rest`: what a `--batch=... %(rest)` format writes after the size ('' in the plain format). */
  constructor(private readonly onObject: (object: GitObject | null, rest: string) => void) {}

  /** True between objects: the output so far ended where an object did. */
  get atBoundary(): boolean {
    return this.body === null && this.buffer.length === 0;
  }

  push(chunk: Buffer): void {
    const data = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let pos = 0;
    for (;;) {
      const body = this.body;
      if (body) {
        const want = body.size + 1 - body.have; // +1: the LF after each object
        if (data.length - pos < want) {
          // git writes a blob's header and its content separately: often nothing has come yet.
          if (data.length > pos) body.chunks.push(data.subarray(pos));
          body.have += data.length - pos;
          pos = data.length;
          break;
        }
        body.chunks.push(data.subarray(pos, pos + want));
        pos += want;
        this.body = null;
        // Most objects arrive in one chunk: a view of it, not a copy.
        this.onObject(
          { oid: body.oid, type: body.type, content: (body.chunks.length === 1 ? (body.chunks[0] as Buffer) : Buffer.concat(body.chunks)).subarray(0, body.size) },
          body.rest,
        );
        continue;
      }
      const nl = data.indexOf(0x0a, pos);
      if (nl < 0) break;
      const header = parseHeader(data, pos, nl);
      pos = nl + 1;
      if (header === null) this.onObject(null, '');
      else this.body = { ...header, chunks: [], have: 0 };
    }
    this.buffer = pos === data.length ? EMPTY : data.subarray(pos);
  }
}

/** One `--batch` header line, data[start, end): `<oid> <type> <size>`, then whatever a format's
 *  `%(rest)` adds, or null for `<name> missing` / `<name> ambiguous` (a name may hold spaces) and
 *  for a line that gives no size. */
export function parseHeader(data: Buffer, start: number, end: number): { oid: string; type: string; size: number; rest: string } | null {
  const header = data.toString('utf8', start, end);
  if (header.endsWith(' missing') || header.endsWith(' ambiguous')) return null;
  const [oid = '', type = '', sizeText = '', ...rest] = header.split(' ');
  if (!/^[0-9]+$/.test(sizeText)) return null;
  return { oid, type, size: Number(sizeText), rest: rest.join(' ') };
}

/** A name that would split the request stream (one name a line), as the error to report. */
export function invalidName(name: string): CleanroomError | null {
  return /[\n\0]/.test(name) ? new CleanroomError('EBADREV', `invalid object name ${JSON.stringify(name)}`) : null;
}
