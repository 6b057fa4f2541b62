/**
 * One parser per assistant for the JSON its own hook hands `cleanroom record` on stdin. Pure: text
 * in, the files the tool call wrote (or the shell call to watch) out; nothing here reads a file.
 * Field names follow each assistant's hook documentation (see shared/research/fingerprints.md §2):
 * an unknown tool is not an error, because a hook wired without a matcher sees every tool call.
 */
import { asList, asObject, asText, type JsonObject } from '../json-guards.js';

export const AGENTS = ['claude-code', 'codex', 'cursor', 'gemini', 'copilot'] as const;
export type AgentName = (typeof AGENTS)[number];

export function isAgent(name: string): name is AgentName {
  return (AGENTS as readonly string[]).includes(name);
}

/** A file the tool call created or changed. */
export interface FileWrite {
  /** Absolute, or relative to the payload's cwd. */
  readonly path: string;
  readonly agent: AgentName;
  readonly session: string;
  readonly tool: string;
  /**
   * The texts the tool says it put into the file (an edit's new string, a patch's added lines), so
   * only the lines holding them count as the assistant's, not the rest of a file it touched; null
   * when the whole file is the tool's output (a write, a created file).
   */
  readonly introduced: readonly string[] | null;
}

/** A shell tool call, whose file effects only a look at the working tree can tell. */
export interface ShellCall {
  /** 'before' snapshots the working tree; 'after' records what changed since. */
  readonly phase: 'before' | 'after';
  readonly agent: AgentName;
  readonly session: string;
  readonly tool: string;
  /** Pairs a 'before' with its 'after': the tool call's id where the payload has one. */
  readonly callId: string;
  /** How long the call ran, where the payload says: bounds the call without a 'before' snapshot. */
  readonly durationMs: number | null;
}

export interface HookPayload {
  readonly cwd: string | null;
  readonly writes: readonly FileWrite[];
  readonly shell: ShellCall | null;
}

export class PayloadError extends Error {}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
export const first = (...values: unknown[]): string | null => {
  for (const v of values) {
    const s = asText(v);
    if (s !== null) return s;
  }
  return null;
};
/** The new strings of several edits. */
const each = (edits: unknown, key: string): string[] =>
  asList(edits)
    .map((e) => asObject(e)?.[key])
    .filter((s): s is string => typeof s === 'string');
/** An edit's new string: an edit without one (a deletion) introduced nothing. */
const one = (...values: unknown[]): string[] => {
  const s = first(...values);
  return s === null ? [] : [s];
};

/**
 * The files an apply_patch envelope writes (Codex's grammar, also Cursor's and Copilot's
 * ApplyPatch): `*** Add File:` writes the whole file, `*** Update File:` the hunk lines that start
 * with `+`, `*** Move to:` renames the file being updated. Deletions write nothing.
 */
export function patchWrites(patch: string): { path: string; introduced: string[] | null }[] {
  const files: { path: string; added: string[] | null }[] = [];
  let current: { path: string; added: string[] | null } | null = null;
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = /^\*\*\* (Add File|Update File|Move to|Delete File|End Patch): ?(.*)$/.exec(line);
    if (header) {
      const [, kind, target = ''] = header;
      if (kind === 'Add File') files.push((current = { path: target.trim(), added: null }));
      else if (kind === 'Update File') files.push((current = { path: target.trim(), added: [] }));
      else if (kind === 'Move to') {
        if (current) current.path = target.trim();
      } else current = null;
    } else if (current?.added && line.startsWith('+')) current.added.push(line.slice(1));
  }
  return files.filter((f) => f.path !== '').map((f) => ({ path: f.path, introduced: f.added }));
}

/** The patch text of an apply_patch call: in tool_input.command (Codex), .patch or .input, or the input itself. */
function patchText(input: unknown): string | null {
  const candidates = [input, asObject(input)?.command, asObject(input)?.patch, asObject(input)?.input];
  for (const c of candidates) {
    const text = Array.isArray(c) ? c.filter((s) => typeof s === 'string').join('\n') : c;
    if (typeof text === 'string' && /^\*\*\* (Add|Update) File: /m.test(text)) return text;
  }
  return null;
}

interface Base {
  readonly agent: AgentName;
  readonly session: string;
  readonly tool: string;
  readonly cwd: string | null;
}

const none = (base: Base): HookPayload => ({ cwd: base.cwd, writes: [], shell: null });

type Found = { path: string | null; introduced: string[] | null };

function result(base: Base, found: { writes?: Found[]; shell?: Omit<ShellCall, 'agent' | 'session' | 'tool'> }): HookPayload {
  const { agent, session, tool, cwd } = base;
  const writes = (found.writes ?? []).filter((w): w is Found & { path: string } => w.path !== null).map((w) => ({ path: w.path, agent, session, tool, introduced: w.introduced }));
  const shell = found.shell ? { ...found.shell, agent, session, tool } : null;
  return { cwd, writes, shell };
}

/** The files an apply_patch call's input writes (empty when it holds no patch). */
export const patchFiles = (input: unknown) => {
  const text = patchText(input);
  return text === null ? [] : patchWrites(text);
};

function claudeCode(d: JsonObject): HookPayload {
  const tool = asText(d.tool_name) ?? '';
  const base: Base = { agent: 'claude-code', session: asText(d.session_id) ?? '', tool, cwd: asText(d.cwd) };
  const event = asText(d.hook_event_name) ?? 'PostToolUse';
  const input = asObject(d.tool_input) ?? {};
  const filePath = first(input.file_path, asObject(d.tool_response)?.filePath);
  if (tool === 'Bash') {
    const phase = event === 'PreToolUse' ? 'before' : 'after';
    return result(base, { shell: { phase, callId: asText(d.tool_use_id) ?? tool, durationMs: num(d.duration_ms) } });
  }
  if (event !== 'PostToolUse') return none(base);
  switch (tool) {
    case 'Write':
      return result(base, { writes: [{ path: filePath, introduced: null }] });
    case 'Edit':
      return result(base, { writes: [{ path: filePath, introduced: one(input.new_string) }] });
    case 'MultiEdit':
      return result(base, { writes: [{ path: filePath, introduced: each(input.edits, 'new_string') }] });
    case 'NotebookEdit':
      // On disk a cell's source is JSON-escaped inside the .ipynb, so the new source's own lines
      // never match the file's: the file's lines, as git will diff them, are what is recorded.
      return result(base, { writes: [{ path: first(input.notebook_path, filePath), introduced: null }] });
    default:
      return none(base);
  }
}

function codex(d: JsonObject): HookPayload {
  const tool = asText(d.tool_name) ?? '';
  const base: Base = { agent: 'codex', session: asText(d.session_id) ?? '', tool, cwd: asText(d.cwd) };
  const event = asText(d.hook_event_name) ?? 'PostToolUse';
  if (tool === 'Bash') {
    const phase = event === 'PreToolUse' ? 'before' : 'after';
    // A patch can also arrive as a shell command (`apply_patch <<'EOF'`): its paths are known exactly.
    const writes = phase === 'after' ? patchFiles(asObject(d.tool_input)?.command) : [];
    return result(base, { writes, shell: { phase, callId: asText(d.tool_use_id) ?? tool, durationMs: null } });
  }
  if (event !== 'PostToolUse') return none(base);
  return result(base, { writes: patchFiles(d.tool_input) });
}

function cursor(d: JsonObject): HookPayload {
  const event = asText(d.hook_event_name) ?? '';
  const roots = asList(d.workspace_roots);
  const input = asObject(d.tool_input) ?? {};
  const tool = asText(d.tool_name) ?? event;
  const base: Base = { agent: 'cursor', session: first(d.conversation_id, d.session_id) ?? '', tool, cwd: first(d.cwd, roots[0]) };
  const shellAfter = () => result(base, { shell: { phase: 'after', callId: first(d.tool_use_id, d.generation_id) ?? tool, durationMs: num(d.duration) } });
  switch (event) {
    case 'afterFileEdit':
    case 'afterTabFileEdit':
      // A created file arrives as one edit whose new string is the whole content.
      return result(base, { writes: [{ path: asText(d.file_path), introduced: Array.isArray(d.edits) ? each(d.edits, 'new_string') : null }] });
    case 'afterShellExecution':
      return shellAfter();
    case 'postToolUse': {
      const filePath = first(input.file_path, input.path, input.filePath);
      switch (tool) {
        case 'Write':
          return result(base, { writes: [{ path: filePath, introduced: null }] });
        case 'StrReplace':
        case 'Edit':
          return result(base, { writes: [{ path: filePath, introduced: one(input.new_string, input.newString) }] });
        case 'ApplyPatch':
          return result(base, { writes: patchFiles(input) });
        case 'Shell':
          return shellAfter();
        default:
          return none(base);
      }
    }
    default:
      return none(base);
  }
}

function gemini(d: JsonObject): HookPayload {
  const tool = asText(d.tool_name) ?? '';
  const base: Base = { agent: 'gemini', session: asText(d.session_id) ?? '', tool, cwd: asText(d.cwd) };
  const event = asText(d.hook_event_name) ?? 'AfterTool';
  const input = asObject(d.tool_input) ?? {};
  if (tool === 'run_shell_command') {
    const phase = event === 'BeforeTool' ? 'before' : 'after';
    return result(base, { shell: { phase, callId: asText(d.tool_use_id) ?? tool, durationMs: null } });
  }
  if (event !== 'AfterTool') return none(base);
  if (tool === 'write_file') return result(base, { writes: [{ path: asText(input.file_path), introduced: null }] });
  if (tool === 'replace') return result(base, { writes: [{ path: asText(input.file_path), introduced: one(input.new_string) }] });
  return none(base);
}

/** A Copilot CLI tool call's arguments, from either payload shape: `args` as sent (an apply_patch
 *  body may be plain text, which patchText reads as it is), `input` the object they hold, if any. */
export function copilotToolArgs(d: JsonObject): { args: unknown; input: JsonObject } {
  let args: unknown = d.tool_input ?? d.toolInput ?? d.toolArgs;
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      // Not JSON: kept as the text it is.
    }
  }
  return { args, input: asObject(args) ?? {} };
}

/**
 * Copilot CLI sends snake_case payloads (`tool_name`, `tool_input`, `session_id`) to hooks
 * configured with PascalCase event names, and camelCase ones (`toolName`, `toolArgs` as a JSON
 * string, no event name: a result means the tool ran) to its native camelCase events. Both parse.
 */
function copilot(d: JsonObject): HookPayload {
  const tool = first(d.tool_name, d.toolName) ?? '';
  const base: Base = { agent: 'copilot', session: first(d.session_id, d.sessionId) ?? '', tool, cwd: asText(d.cwd) };
  const { args, input } = copilotToolArgs(d);
  const ran = 'toolResult' in d || 'tool_result' in d || 'tool_response' in d;
  const event = (first(d.hook_event_name, d.hookEventName) ?? (ran ? 'postToolUse' : 'preToolUse')).toLowerCase();
  if (tool === 'bash' || tool === 'powershell') {
    const phase = event === 'pretooluse' ? 'before' : 'after';
    return result(base, { shell: { phase, callId: first(d.tool_use_id, d.toolUseId) ?? tool, durationMs: null } });
  }
  if (event !== 'posttooluse') return none(base);
  const filePath = first(input.path, input.file_path, input.filePath);
  switch (tool) {
    case 'create':
      return result(base, { writes: [{ path: filePath, introduced: null }] });
    case 'edit':
    case 'str_replace':
    case 'str_replace_editor':
      // str_replace_editor's `create` command writes a whole file, like `create`.
      return result(base, {
        writes: [{ path: filePath, introduced: input.command === 'create' ? null : one(input.new_str, input.new_string) }],
      });
    case 'apply_patch':
      return result(base, { writes: patchFiles(args) });
    default:
      return none(base);
  }
}

const PARSERS: Record<AgentName, (d: JsonObject) => HookPayload> = { 'claude-code': claudeCode, codex, cursor, gemini, copilot };

/** Parses one hook invocation's stdin; a PayloadError says why it is not a hook payload at all. */
export function parsePayload(agent: AgentName, text: string): HookPayload {
  return PARSERS[agent](hookJson(text));
}

/** A hook's stdin as the JSON object every assistant sends; a PayloadError says why it is not one. */
export function hookJson(text: string): JsonObject {
  if (text.trim() === '') throw new PayloadError('empty payload on stdin');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new PayloadError(`payload is not JSON (${(e as Error).message}; ${text.length} characters)`);
  }
  const d = asObject(data);
  if (!d) throw new PayloadError(`payload is JSON but not an object (${Array.isArray(data) ? 'an array' : typeof data})`);
  return d;
}
