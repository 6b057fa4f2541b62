/**
 * Agent Trace (cursor/agent-trace, v0.1.0): assistants' own hooks append one JSON trace record a
 * line to `.agent-trace/traces.jsonl` in the worktree, each naming, per file, the line ranges a
 * contributor (`human`, `ai`, `mixed`, `unknown`) wrote. Other tools append to the same file, so a
 * line that is not a readable record is skipped rather than trusted or fatal. Pure: text in,
 * attributions out; attributions and a staged file in, signals out.
 */
import { asList, asObject, asText } from '../json-guards.js';
import type { Signal } from '../signals/signal.js';

/** Where the reference implementation (reference/trace-store.ts, TRACE_PATH) appends, from the worktree root. */
export const AGENT_TRACE_FILE = '.agent-trace/traces.jsonl';

export interface TraceAttribution {
  /** Repository-relative, '/'-separated, as git names the file. */
  readonly path: string;
  /** 1-based, inclusive, in the file as it was when the record was written. */
  readonly ranges: readonly (readonly [number, number])[];
  /** The record's tool (`cursor`, `claude-code`, ...), else the model, else 'agent-trace'. */
  readonly agent: string;
  /** models.dev form, e.g. `anthropic/claude-opus-4-5-20251101`. */
  readonly model: string | null;
  /** RFC 3339, as the record states it; null when the record has none. */
  readonly timestamp: string | null;
  readonly conversationUrl?: string;
}

/** What agentTraceSignals needs of a staged file (see stagedFile). */
export interface StagedFile {
  readonly lineCount: number;
  /** 1-based numbers, in the staged content, of the lines this commit adds. */
  readonly addedLines: ReadonlySet<number>;
}

const lineNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : null);

/** The record's path as git names it: the reference writes `path.relative`, so backslashes on Windows. */
function gitPath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/** The contributor's model when its type is `ai` or `mixed` (undefined: not an AI's lines). */
function aiModel(contributor: unknown): string | null | undefined {
  const c = asObject(contributor);
  if (c?.type !== 'ai' && c?.type !== 'mixed') return undefined;
  return asText(c.model_id);
}

function parseTraceLine(line: string): TraceAttribution[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return [];
  }
  const record = asObject(parsed);
  if (!record || !Array.isArray(record.files)) return [];
  // The reference writes tool name 'unknown' when it cannot tell; the model says more then.
  const tool = asText(asObject(record.tool)?.name);
  const toolName = tool === 'unknown' ? null : tool;
  const timestamp = asText(record.timestamp);
  const out: TraceAttribution[] = [];
  for (const f of record.files) {
    const file = asObject(f);
    const rawPath = asText(file?.path);
    if (!file || rawPath === null) continue;
    const path = gitPath(rawPath);
    for (const c of asList(file.conversations)) {
      const conversation = asObject(c);
      if (!conversation) continue;
      const url = asText(conversation.url);
      // A range's own contributor overrides the conversation's, so one conversation can hold
      // ranges of several models (and human ranges that attribute nothing): one attribution per model.
      const byModel = new Map<string | null, [number, number][]>();
      for (const r of asList(conversation.ranges)) {
        const range = asObject(r);
        const start = lineNumber(range?.start_line);
        const end = lineNumber(range?.end_line);
        if (!range || start === null || end === null || end < start) continue;
        const model = aiModel(range.contributor ?? conversation.contributor);
        if (model === undefined) continue;
        const ranges = byModel.get(model);
        if (ranges) ranges.push([start, end]);
        else byModel.set(model, [[start, end]]);
      }
      for (const [model, ranges] of byModel) {
        out.push({ path, ranges, agent: toolName ?? model ?? 'agent-trace', model, timestamp, ...(url !== null ? { conversationUrl: url } : {}) });
      }
    }
  }
  return out;
}

/** Every (path, ranges) the trace file attributes to an AI (contributor `ai` or `mixed`), in file order. */
export function parseAgentTrace(jsonl: string): TraceAttribution[] {
  return jsonl.split('\n').flatMap((line) => (line.trim() === '' ? [] : parseTraceLine(line)));
}

/** Attributions grouped by path, so each staged file looks up only its own. */
export function byPath(attributions: readonly TraceAttribution[]): Map<string, TraceAttribution[]> {
  const map = new Map<string, TraceAttribution[]>();
  for (const a of attributions) {
    const list = map.get(a.path);
    if (list) list.push(a);
    else map.set(a.path, [a]);
  }
  return map;
}

/** The staged content's line count (as addedLines counts lines) and the numbers of its added lines. */
export function stagedFile(content: Uint8Array, added: readonly { line: number }[]): StagedFile {
  let lineCount = content.length > 0 && content[content.length - 1] !== 0x0a ? 1 : 0;
  for (const byte of content) if (byte === 0x0a) lineCount++;
  return { lineCount, addedLines: new Set(added.map((a) => a.line)) };
}

const MAX_NAMED = 3;

function linesText(ranges: readonly (readonly [number, number])[]): string {
  const list = ranges.map(([s, e]) => (s === e ? `${s}` : `${s}-${e}`)).join(',');
  return ranges.length === 1 && ranges[0]?.[0] === ranges[0]?.[1] ? `line ${list}` : `lines ${list}`;
}

/**
 * A signal when the trace gives an AI lines this commit adds to `path`. Trace line numbers are
 * those of the file when the record was written, so only added lines count: traced lines already
 * committed were judged then. One signal per path, naming the newest attributions (an assistant
 * appends a record per edit, and a file edited thirty times should not print thirty signals).
 */
export function agentTraceSignals(attributions: readonly TraceAttribution[], path: string, staged: StagedFile): Signal[] {
  // Sorted once, so each range is one binary search however long it or the file is.
  const added = [...staged.addedLines].sort((x, y) => x - y);
  const addsWithin = (start: number, end: number): boolean => {
    let lo = 0;
    let hi = added.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((added[mid] ?? 0) < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < added.length && (added[lo] ?? 0) <= end;
  };
  const hits: { a: TraceAttribution; ranges: [number, number][] }[] = [];
  for (const a of attributions) {
    if (a.path !== path) continue;
    // Clamped to the file: a range recorded before lines were deleted may run past its end.
    const ranges = a.ranges.map(([start, end]): [number, number] => [start, Math.min(end, staged.lineCount)]).filter(([start, end]) => start <= end && addsWithin(start, end));
    if (ranges.length > 0) hits.push({ a, ranges });
  }
  // The file is appended to: its last records are the newest.
  hits.reverse();
  const newest = hits[0];
  if (!newest) return [];
  const named = hits.slice(0, MAX_NAMED).map(({ a, ranges }) => {
    const model = a.model !== null && a.model !== a.agent ? ` (${a.model})` : '';
    const at = a.timestamp !== null ? ` at ${a.timestamp}` : '';
    const conversation = a.conversationUrl !== undefined ? `, conversation ${a.conversationUrl}` : '';
    return `${linesText(ranges)} written by ${a.agent}${model}${at}${conversation}`;
  });
  const more = hits.length > MAX_NAMED ? ` and ${hits.length - MAX_NAMED} more` : '';
  return [
    {
      kind: 'recorded',
      assistant: newest.a.agent,
      rule: 'agent-trace/record',
      evidence: `Agent Trace (${AGENT_TRACE_FILE}): ${named.join('; ')}${more}`,
      path,
    },
  ];
}
