/**
 * Signals from the provenance ledger (cleanroom record): the staged content of a protected file
 * is an assistant's when the very blob was recorded as written by one, when it is a Git LFS
 * pointer to recorded content, or when enough of its added lines were. Pure: the ledger is
 * passed in, the content already read.
 */
import type { ProvenanceLedger, ProvenanceRecord } from '../provenance/ledger.js';
import { textLines } from './detect.js';
import type { Signal } from './signal.js';

const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*?oid sha256:([0-9a-f]{64})\n/;
/** Git LFS pointers are small; anything larger is content, not a pointer. */
const LFS_POINTER_MAX = 1024;

const when = (r: ProvenanceRecord) => `${r.tool}, session ${r.session || 'unknown'}, ${r.time}`;

function signal(path: string, record: ProvenanceRecord, rule: string, evidence: string): Signal {
  return { kind: 'recorded', assistant: record.agent, rule, evidence, path };
}

export function recordedSignals(path: string, blob: string, content: Uint8Array, added: readonly { text: string }[] | null, ledger: ProvenanceLedger, share: number): Signal[] {
  const exact = ledger.byBlob(blob)[0];
  if (exact) return [signal(path, exact, 'recorded/blob', `${exact.agent} wrote exactly this content as ${exact.path} (${when(exact)})`)];
  if (content.length <= LFS_POINTER_MAX) {
    const sha256 = LFS_POINTER.exec(Buffer.from(content).toString('latin1'))?.[1];
    const lfs = sha256 ? ledger.bySha256(sha256)[0] : undefined;
    if (lfs) return [signal(path, lfs, 'recorded/lfs', `${lfs.agent} wrote the content this Git LFS pointer names, as ${lfs.path} (${when(lfs)})`)];
  }
  if (!added) return [];
  const { matched, total, records } = ledger.lineMatches(
    added.map((a) => a.text),
    path,
  );
  if (total === 0 || matched / total < share) return [];
  const who = records
    .slice(0, 3)
    .map((r) => `${r.agent} (${when(r)})`)
    .join('; ');
  const first = records[0];
  return first
    ? [signal(path, first, 'recorded/lines', `${matched} of ${total} added lines were written by ${who}${records.length > 3 ? ` and ${records.length - 3} more` : ''}`)]
    : [];
}

/** Whether any line of this text (blobText of a file's content) is one an assistant was recorded
 *  writing: when none is, no share of its added lines can be, and the old content need not be read. */
export function mayHoldRecordedLine(text: string, ledger: ProvenanceLedger): boolean {
  return ledger.lineMatches(textLines(text)).matched > 0;
}
