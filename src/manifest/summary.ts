// What `cleanroom manifest` tells the person who ran it, beside the manifest itself. PURE.
import { printableBlock, quotePath } from '../report/escape.js';
import { plural, reasonText } from '../report/messages.js';
import type { SnapshotJudgement } from './provenance.js';

export interface SummaryInput {
  /** The revision as given, and the commit it names. */
  readonly rev: string;
  readonly revision: string;
  readonly judged: SnapshotJudgement;
  /** The paths of the entries listed as files (the others are links). */
  readonly listed: ReadonlySet<string>;
  readonly releasable: boolean;
  readonly signed: boolean;
}

export function summaryText({ rev, revision, judged, listed, releasable, signed }: SummaryInput): string {
  const lines = judged.files.map((f) => {
    const who = f.reviewers.length > 0 ? ` by ${f.reviewers.join(', ')}` : '';
    const why = f.findings.map((x) => `: ${reasonText(x)}${x.commit ? ` (commit ${x.commit.slice(0, 12)})` : ''}`).join('');
    const link = listed.has(f.path) ? '' : ': a symbolic link; a manifest vouches for regular files only';
    return `  ${(link ? 'not a file' : f.status).padEnd(19)} ${quotePath(f.path)}${who}${link}${why}`;
  });
  const verdict = releasable ? 'releasable' : 'NOT releasable: every file must be reviewed or carry no assistant signal';
  return printableBlock(
    `cleanroom manifest: ${rev} (${revision.slice(0, 12)}), ${plural(listed.size, 'file')}, ${signed ? 'signed' : 'unsigned'}; ${verdict}\n${lines.join('\n')}\n`,
  );
}
