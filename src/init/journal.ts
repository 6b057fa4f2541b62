/**
 * What `cleanroom init` changed outside the repository's content, so `cleanroom init --remove`
 * can undo exactly that: files it wrote (with what they held before) and hooks it moved aside to
 * chain them. Kept in the git directory (`<common dir>/cleanroom/init.json`), never committed:
 * each clone has its own hooks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CleanroomError } from '../errors.js';
import { ledgerDir } from '../layout.js';

/** A file init wrote: `before` is null when init created it. */
interface WrittenFile {
  readonly path: string;
  readonly before: string | null;
  after: string;
}

/** A hook init renamed so that its own wrapper, at `from`, runs it first. */
interface MovedHook {
  readonly from: string;
  readonly to: string;
}

interface JournalData {
  readonly version: 1;
  readonly written: WrittenFile[];
  readonly moved: MovedHook[];
}

export const journalPath = (commonDir: string): string => path.join(ledgerDir(commonDir), 'init.json');

function load(file: string): JournalData {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, written: [], moved: [] };
    throw e;
  }
  try {
    const data = JSON.parse(text) as JournalData;
    if (data.version === 1 && Array.isArray(data.written) && Array.isArray(data.moved)) return data;
  } catch {
    // reported below
  }
  throw new CleanroomError('EINIT', `${file} is not a record cleanroom init wrote; move it away, then run cleanroom init again (--remove then only undoes what it recognises)`);
}

/** init's record, added to on every run; one run that changes nothing leaves it as it was. */
export class InitJournal {
  private readonly data: JournalData;
  private changed = false;

  constructor(private readonly file: string) {
    this.data = load(file);
  }

  /** Writes `text` to `file` and records what was there first (the first run's, if init wrote it before). */
  write(file: string, text: string, mode?: number): void {
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    fs.writeFileSync(file, text, mode === undefined ? undefined : { mode });
    const known = this.data.written.find((w) => w.path === file);
    if (known) known.after = text;
    else this.data.written.push({ path: file, before, after: text });
    this.changed = true;
  }

  /** Renames an existing hook aside so the wrapper written in its place can run it. */
  move(from: string, to: string): void {
    fs.renameSync(from, to);
    this.data.moved.push({ from, to });
    this.changed = true;
  }

  save(): void {
    if (!this.changed) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
  }

  /**
   * Undoes what is recorded, newest first, and forgets it. A file changed since init wrote it is
   * left as it is, except that `strip` may take init's own line out of it; nothing else is removed.
   */
  undo(say: (s: string) => void, strip: (file: string, text: string) => string | null): void {
    for (const w of [...this.data.written].reverse()) {
      const now = fs.existsSync(w.path) ? fs.readFileSync(w.path, 'utf8') : null;
      if (now === null) say(`  ${w.path}: already gone`);
      else if (now === w.after) {
        if (w.before === null) fs.rmSync(w.path);
        else fs.writeFileSync(w.path, w.before);
        say(`  ${w.path}: ${w.before === null ? 'removed' : 'restored'}`);
      } else {
        const stripped = strip(w.path, now);
        if (stripped === null) say(`  ${w.path}: changed since cleanroom init wrote it, left as it is; take cleanroom out of it by hand`);
        else {
          fs.writeFileSync(w.path, stripped);
          say(`  ${w.path}: cleanroom's line removed (the file changed since init, the rest is kept)`);
        }
      }
    }
    for (const m of [...this.data.moved].reverse()) {
      if (!fs.lstatSync(m.to, { throwIfNoEntry: false })) say(`  ${m.to}: missing, nothing to put back at ${m.from}`);
      else if (fs.lstatSync(m.from, { throwIfNoEntry: false })) say(`  ${m.from}: still there, so ${m.to} stays where it is`);
      else {
        fs.renameSync(m.to, m.from);
        say(`  ${m.from}: the hook that was there before init is back`);
      }
    }
    fs.rmSync(this.file, { force: true });
  }

  get isEmpty(): boolean {
    return this.data.written.length === 0 && this.data.moved.length === 0;
  }
}
