/**
 * git-ai's authorship notes (refs/notes/ai, spec authorship/3.0.0): per commit, which line ranges
 * of which files an AI session wrote. A note is an attestation section (a path at column 0, then
 * lines of exactly two spaces, `<key> <ranges>`), a line `---`, and a JSON metadata object.
 * Keys `s_<14 hex>::t_<14 hex>` and legacy bare 16 (or 7) hex name AI sessions; `h_<14 hex>` a
 * human. Pure: text in, attributions out.
 */
import { asObject, asText, type JsonObject } from '../json-guards.js';
import type { Signal } from '../signals/signal.js';

export const GIT_AI_NOTES_REF = 'refs/notes/ai';

export interface AiLines {
  readonly path: string;
  /** As the note writes them: `1-4,9-10,12`. */
  readonly ranges: string;
  /** The tool git-ai names for the session (`claude`, `cursor`, ...), or 'git-ai' when unnamed. */
  readonly agent: string;
  readonly model: string | null;
}

const AI_KEY = /^(?:s_[0-9a-f]{14}(?:::t_[0-9a-f]{14})?|[0-9a-f]{16}|[0-9a-f]{7})$/;
const RANGES = /^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/;

function unquote(line: string): string {
  if (!line.startsWith('"')) return line;
  try {
    return JSON.parse(line) as string;
  } catch {
    return line;
  }
}

/** The agent a session key belongs to, from the metadata's `sessions` (v3) or `prompts` (legacy). */
function agentOf(key: string, meta: JsonObject): { agent: string; model: string | null } {
  const session = key.split('::')[0] ?? key;
  const pick = (table: unknown): unknown => asObject(asObject(table)?.[session])?.agent_id;
  const id = asObject(pick(meta.sessions) ?? pick(meta.prompts));
  return { agent: asText(id?.tool) ?? 'git-ai', model: asText(id?.model) };
}

/** Every (path, ranges) the note attributes to an AI session; unreadable parts attribute nothing. */
export function parseGitAiNote(text: string): AiLines[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const divider = lines.indexOf('---');
  let meta: JsonObject = {};
  if (divider >= 0) {
    try {
      const parsed: unknown = JSON.parse(lines.slice(divider + 1).join('\n'));
      meta = asObject(parsed) ?? meta;
    } catch {
      // Attributions stand without metadata; only the agent's name is lost.
    }
  }
  const out: AiLines[] = [];
  let path: string | null = null;
  for (const line of divider >= 0 ? lines.slice(0, divider) : lines) {
    if (line === '') continue;
    if (!line.startsWith(' ')) {
      path = unquote(line);
      continue;
    }
    const m = /^ {2}(\S+) (\S+)$/.exec(line);
    if (!m || path === null || !AI_KEY.test(m[1] ?? '') || !RANGES.test(m[2] ?? '')) continue;
    out.push({ path, ranges: m[2] ?? '', ...agentOf(m[1] ?? '', meta) });
  }
  return out;
}

/** Signals for the protected paths a commit introduces that its git-ai note attributes to an AI. */
export function gitAiSignals(note: string, paths: ReadonlySet<string>): Signal[] {
  return parseGitAiNote(note)
    .filter((a) => paths.has(a.path))
    .map((a) => ({
      kind: 'recorded' as const,
      assistant: a.agent,
      rule: 'git-ai/authorship-note',
      evidence: `git-ai note (${GIT_AI_NOTES_REF}): lines ${a.ranges} written by ${a.agent}${a.model ? ` (${a.model})` : ''}`,
      path: a.path,
    }));
}
