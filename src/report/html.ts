/**
 * A scan as one self-contained HTML page, for people who would rather look than read. Reports get
 * mailed around and opened offline, so the page has no scripts and no external URLs, and its
 * Content-Security-Policy forbids both: a repository string that slipped past escaping still could
 * not run or call out. Every string from the repository goes through escapeHtml.
 */
import type { Verdict } from '../decide/verdict.js';
import type { Signal } from '../signals/signal.js';
import { headline, plural, reasonText, REVIEW_NOTE, scopeText, signalText } from './messages.js';

/** A commit of the scan whose signals fired (on protected content: only there are they read). */
export interface FiredCommit {
  readonly commit: string;
  readonly signals: readonly Signal[];
  /** False for an assistant's commit that changed no protected content: activity, never a block. */
  readonly changesProtectedContent?: false;
}

export interface ScanPage {
  /** What was scanned, as the user spelled it (`HEAD`, `main..topic`). */
  readonly range: string;
  /** In history order, newest first: the per-path table lists a path's changes in that order. */
  readonly fired: readonly FiredCommit[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** One protected change the scan judged: covered (principals) or not (null). */
interface Row {
  readonly path: string;
  readonly commit: string | null;
  readonly signals: readonly Signal[];
  readonly principals: readonly string[] | null;
  /** Why an uncovered change needs a review. */
  readonly reason: string | null;
}

/** Marks an assistant's commit that changed no protected content: reported, never blocked. */
const NO_CONTENT = '<br><small>no protected content changed (not blocked)</small>';

/** Changes no assistant signal points at (review-always paths) still count, under this name. */
const NO_ASSISTANT = 'no assistant signal (review-always)';

const assistantsOf = (signals: readonly Signal[]): string[] => [...new Set(signals.map((s) => s.assistant))];

function rowsOf(v: Verdict, fired: readonly FiredCommit[]): Row[] {
  const order = new Map(fired.map((f, i) => [f.commit, i]));
  const at = (commit: string | null) => (commit === null ? -1 : (order.get(commit) ?? fired.length));
  return [
    ...v.findings.map((f) => ({ path: f.path, commit: f.commit, signals: f.signals, principals: null, reason: reasonText(f) })),
    ...v.reviewed.map((r) => ({ path: r.path, commit: r.commit, signals: r.signals, principals: r.principals, reason: null })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : at(a.commit) - at(b.commit)));
}

interface Tally {
  changes: number;
  covered: number;
  uncovered: number;
}

/** A change several assistants' signals point at counts once for each of them. */
function byAssistant(rows: readonly Row[]): [string, Tally][] {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const names = assistantsOf(row.signals);
    for (const name of names.length > 0 ? names : [NO_ASSISTANT]) {
      const t = tallies.get(name) ?? { changes: 0, covered: 0, uncovered: 0 };
      t.changes++;
      if (row.principals) t.covered++;
      else t.uncovered++;
      tallies.set(name, t);
    }
  }
  return [...tallies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const short = (commit: string | null) => (commit === null ? '' : `<code class="oid" title="${escapeHtml(commit)}">${escapeHtml(commit.slice(0, 12))}</code>`);

function signalList(signals: readonly Signal[]): string {
  if (signals.length === 0) return '';
  return `<ul>${signals.map((s) => `<li>${escapeHtml(signalText(s))}</li>`).join('')}</ul>`;
}

function pathRow(r: Row): string {
  const names = assistantsOf(r.signals);
  const status = r.principals
    ? `<td class="covered">covered by ${escapeHtml(r.principals.join(', '))}</td>`
    : `<td class="uncovered"><strong>NOT covered</strong><br>${escapeHtml(r.reason ?? '')}</td>`;
  return [
    `<tr class="${r.principals ? 'covered' : 'uncovered'}">`,
    `<th scope="row"><code>${escapeHtml(r.path)}</code></th>`,
    `<td>${short(r.commit)}</td>`,
    `<td>${escapeHtml(names.length > 0 ? names.join(', ') : NO_ASSISTANT)}</td>`,
    `<td>${signalList(r.signals)}</td>`,
    status,
    '</tr>',
  ].join('');
}

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c8c8c8; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #efefef; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
ul { margin: 0; padding-left: 1.1rem; }
code { font: 13px ui-monospace, monospace; word-break: break-all; }
code.oid { white-space: nowrap; word-break: normal; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
.blocked, td.uncovered { background: #fde8e8; } .allowed, td.covered { background: #e6f4ea; } .warned { background: #fff4d6; }
p.outcome { padding: .5rem .75rem; border-left: 4px solid #777; }
`;

/** The scan's verdict as a page: summary, per-path table, per-assistant overview, and the
 *  commits whose signals fired. Headline, reasons and signals read as in the text report. */
export function renderHtml(v: Verdict, page: ScanPage): string {
  const rows = rowsOf(v, page.fired);
  const title = `cleanroom scan of ${page.range}`;
  const summary: [string, string][] = [
    ['Range', page.range],
    ['Policy', `${v.policy} (mode: ${v.mode})`],
    ['Commits scanned', String(v.checked.commits)],
    ['Paths changed', String(v.checked.paths)],
    ['Protected changes', String(v.checked.protectedPaths)],
    ['Not covered', String(v.findings.length)],
    ['Covered by a review', String(v.reviewed.length)],
  ];
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
    '<section aria-labelledby="summary">',
    '<h2 id="summary">Summary</h2>',
    `<p class="outcome ${v.outcome}"><strong>${escapeHtml(headline(v))}</strong> (${escapeHtml(scopeText(v, ''))})</p>`,
    `<dl class="summary">${summary.map(([k, val]) => `<dt>${k}</dt><dd>${escapeHtml(val)}</dd>`).join('')}</dl>`,
    v.findings.length > 0 ? `<p>${escapeHtml(REVIEW_NOTE)}</p>` : '',
    '</section>',
    '<section aria-labelledby="per-path">',
    '<h2 id="per-path">Protected changes by path</h2>',
  ];
  if (rows.length === 0) out.push(`<p>${escapeHtml(plural(0, 'protected change'))} needing a review.</p>`);
  else {
    out.push(
      '<table id="paths">',
      `<caption>${escapeHtml(plural(rows.length, 'protected change'))} that needed a review: ${v.reviewed.length} covered, ${v.findings.length} not covered</caption>`,
      '<thead><tr><th scope="col">Path</th><th scope="col">Commit</th><th scope="col">Assistant(s)</th><th scope="col">Signals (evidence)</th><th scope="col">Review</th></tr></thead>',
      `<tbody>${rows.map(pathRow).join('')}</tbody>`,
      '</table>',
    );
  }
  out.push('</section>', '<section aria-labelledby="per-assistant">', '<h2 id="per-assistant">Changes by assistant</h2>');
  const tallies = byAssistant(rows);
  if (tallies.length === 0) out.push(`<p>${escapeHtml(plural(0, 'protected change'))} needing a review.</p>`);
  else {
    out.push(
      '<table id="assistants">',
      '<caption>Protected changes per assistant; a change several assistants are seen in counts for each</caption>',
      '<thead><tr><th scope="col">Assistant</th><th scope="col">Changes</th><th scope="col">Covered</th><th scope="col">Not covered</th></tr></thead>',
      '<tbody>',
      ...tallies.map(
        ([name, t]) => `<tr><th scope="row">${escapeHtml(name)}</th><td class="num">${t.changes}</td><td class="num">${t.covered}</td><td class="num">${t.uncovered}</td></tr>`,
      ),
      '</tbody>',
      '</table>',
    );
  }
  out.push('</section>');
  if (page.fired.length > 0) {
    out.push(
      '<section aria-labelledby="commits">',
      '<h2 id="commits">Commits whose signals fired</h2>',
      '<table id="commits-fired">',
      '<thead><tr><th scope="col">Commit</th><th scope="col">Signals (evidence)</th></tr></thead>',
      `<tbody>${page.fired.map((f) => `<tr><th scope="row">${short(f.commit)}${f.changesProtectedContent === false ? NO_CONTENT : ''}</th><td>${signalList(f.signals)}</td></tr>`).join('')}</tbody>`,
      '</table>',
      '</section>',
    );
  }
  if (v.rejectedAttestations.length > 0) {
    out.push('<section aria-labelledby="rejected">', '<h2 id="rejected">Attestations that do not count</h2>', '<ul>');
    for (const a of v.rejectedAttestations) {
      out.push(`<li><code>${escapeHtml(a.file)}</code><ul>${a.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></li>`);
    }
    out.push('</ul>', '</section>');
  }
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}
