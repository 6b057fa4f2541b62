/**
 * The assistant hooks' own log, `<common dir>/cleanroom/record.log` (or a sibling file): they run
 * inside the assistant's tool loop and may never fail it, so what goes wrong is written here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ledgerDir } from '../layout.js';

const LOG_FILE = 'record.log';
/** The log keeps one older generation beside it past this size. */
const LOG_MAX_BYTES = 256 * 1024;

/** Appends a line to `<common dir>/cleanroom/<file>` (record.log unless named), never failing. */
export function log(commonDir: string, ctx: { readonly now: () => Date }, agent: string, message: string, name = LOG_FILE): void {
  try {
    const dir = ledgerDir(commonDir);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > LOG_MAX_BYTES) fs.renameSync(file, `${file}.old`);
    fs.appendFileSync(file, `${ctx.now().toISOString()} ${agent}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  } catch {
    // Nowhere left to report to, and the assistant must not hear of it.
  }
}
