/**
 * Wiring `cleanroom record` and `cleanroom guard` into the hooks of the assistants a project
 * uses: each one's config file, merged into what is there, every change through the journal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isJsonObject, type JsonObject } from '../json-guards.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { AgentName } from '../provenance/payloads.js';
import { shellQuote } from '../report/messages.js';
import { PACKAGE_NAME } from '../version.js';
import type { InitJournal } from './journal.js';

/** What init wires into an assistant's hooks: `cleanroom record` after its tool calls, `cleanroom
 *  guard` before them. */
type Use = 'record' | 'guard';

/** How one assistant shows in a project, and where its hooks run `cleanroom record` and `cleanroom guard`. */
interface AgentWiring {
  readonly agent: AgentName;
  readonly name: string;
  /** Paths whose presence in the work tree shows the project uses the assistant. */
  readonly signs: readonly string[];
  readonly file: string;
  /** The project root in the hook's shell, for a cleanroom installed in the project's node_modules. */
  readonly root: string;
  /** With a matcher: Claude-style groups `{matcher, hooks: [entry]}`; without: entries listed under the event. */
  readonly events: readonly { readonly event: string; readonly matcher?: string }[];
  /** The pre-tool events `cleanroom guard` answers: file writes, and shell calls where the tool asks first. */
  readonly guards: readonly { readonly event: string; readonly matcher?: string }[];
  readonly entry: (command: string, use: Use) => JsonObject;
  /** The entry's key that holds the command line. */
  readonly key: 'command' | 'bash';
  /** Cursor and Copilot refuse a hooks file without `"version": 1`. */
  readonly versioned: boolean;
}

const GIT_ROOT = '"$(git rev-parse --show-toplevel)"';
const commandEntry = (command: string): JsonObject => ({ type: 'command', command });

// Shell calls get a before-tool hook too: their writes are found by comparing the changed files
// before and after (see src/provenance/shell-writes.ts). Cursor's before-shell hook answers a permission
// question, so there the after-hook's duration bounds the call instead.
const AGENT_WIRINGS: readonly AgentWiring[] = [
  {
    agent: 'claude-code',
    name: 'Claude Code',
    signs: ['.claude', 'CLAUDE.md'],
    file: '.claude/settings.json',
    root: '"$CLAUDE_PROJECT_DIR"',
    events: [
      { event: 'PostToolUse', matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash' },
      { event: 'PreToolUse', matcher: 'Bash' },
    ],
    guards: [{ event: 'PreToolUse', matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash' }],
    entry: commandEntry,
    key: 'command',
    versioned: false,
  },
  {
    agent: 'codex',
    name: 'Codex',
    signs: ['.codex'],
    file: '.codex/hooks.json',
    root: GIT_ROOT,
    events: [
      { event: 'PostToolUse', matcher: 'apply_patch|Edit|Write|Bash' },
      { event: 'PreToolUse', matcher: 'Bash' },
    ],
    guards: [{ event: 'PreToolUse', matcher: 'apply_patch|Edit|Write|Bash' }],
    entry: commandEntry,
    key: 'command',
    versioned: false,
  },
  {
    agent: 'cursor',
    name: 'Cursor',
    signs: ['.cursor'],
    file: '.cursor/hooks.json',
    root: GIT_ROOT,
    events: [{ event: 'afterFileEdit' }, { event: 'afterShellExecution' }],
    guards: [{ event: 'preToolUse' }, { event: 'beforeShellExecution' }],
    entry: (command) => ({ command }),
    key: 'command',
    versioned: true,
  },
  {
    agent: 'gemini',
    name: 'Gemini CLI',
    signs: ['.gemini', 'GEMINI.md'],
    file: '.gemini/settings.json',
    root: '"$GEMINI_PROJECT_DIR"',
    events: [
      { event: 'AfterTool', matcher: 'write_file|replace|run_shell_command' },
      { event: 'BeforeTool', matcher: 'run_shell_command' },
    ],
    guards: [{ event: 'BeforeTool', matcher: 'write_file|replace|run_shell_command' }],
    entry: (command, use) => ({ name: `cleanroom-${use}`, type: 'command', command }),
    key: 'command',
    versioned: false,
  },
  {
    // PascalCase events: Copilot CLI then sends snake_case payloads that carry the session id.
    agent: 'copilot',
    name: 'Copilot CLI',
    signs: ['.github/hooks', '.github/copilot-instructions.md'],
    file: '.github/hooks/cleanroom.json',
    root: GIT_ROOT,
    events: [{ event: 'PreToolUse' }, { event: 'PostToolUse' }],
    guards: [{ event: 'PreToolUse' }],
    entry: (command) => ({ type: 'command', bash: command }),
    key: 'bash',
    versioned: true,
  },
];

class Refusal extends Error {}

/** Whether a hook command line runs `cleanroom <use> <agent>`, however cleanroom is reached. */
function runsFor(use: Use, agent: AgentName, command: string): boolean {
  return new RegExp(`cleanroom(?:\\.js)?['"]?[ \\t]+${use}[ \\t]+['"]?${agent}(?![\\w-])`).test(command);
}

/**
 * Adds our entry to each event of a parsed config, in place, keeping every other entry. An entry
 * that already records for this agent is kept, its command line brought up to date.
 */
function mergeHooks(w: AgentWiring, use: Use, config: JsonObject, command: string): { changed: string[]; present: string[] } {
  if (w.versioned && config.version === undefined) config.version = 1;
  const hooks = config.hooks ?? (config.hooks = {});
  if (!isJsonObject(hooks)) throw new Refusal('its "hooks" is not an object');
  const changed: string[] = [];
  const present: string[] = [];
  for (const { event, matcher } of use === 'record' ? w.events : w.guards) {
    const list = hooks[event] ?? (hooks[event] = []);
    if (!Array.isArray(list)) throw new Refusal(`its "hooks.${event}" is not a list`);
    const entries = matcher === undefined ? list : list.flatMap((g) => (isJsonObject(g) && Array.isArray(g.hooks) ? g.hooks : []));
    const ours = entries.find((e): e is JsonObject => isJsonObject(e) && typeof e[w.key] === 'string' && runsFor(use, w.agent, e[w.key] as string));
    const label = matcher === undefined ? event : `${event} (${matcher})`;
    if (ours?.[w.key] === command) present.push(label);
    else {
      if (ours) ours[w.key] = command;
      else list.push(matcher === undefined ? w.entry(command, use) : { matcher, hooks: [w.entry(command, use)] });
      changed.push(label);
    }
  }
  return { changed, present };
}

function wireAgent(w: AgentWiring, use: Use, workTree: string, command: string, journal: InitJournal, say: (s: string) => void): void {
  const file = path.join(workTree, w.file);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const byHand = () => {
    const wanted: JsonObject = {};
    mergeHooks(w, use, wanted, command);
    return JSON.stringify(wanted.hooks);
  };
  try {
    let config: unknown = {};
    if (text !== null && text.trim() !== '') {
      try {
        config = JSON.parse(text);
      } catch (e) {
        // Gemini's settings may carry comments: rewriting them as JSON would drop them.
        throw new Refusal(`it is not plain JSON (${(e as Error).message})`);
      }
    }
    if (!isJsonObject(config)) throw new Refusal('it is not a JSON object');
    const { changed, present } = mergeHooks(w, use, config, command);
    if (changed.length === 0) {
      say(`  ${w.name}: ${w.file}: already ${use === 'record' ? 'records' : 'guards'} (${present.join(', ')})`);
      return;
    }
    const indent = (text && /^([ \t]+)"/m.exec(text)?.[1]) || '  ';
    fs.mkdirSync(path.dirname(file), { recursive: true });
    journal.write(file, `${JSON.stringify(config, null, indent)}\n`);
    say(`  ${w.name}: ${w.file}: ${text === null ? 'written' : 'merged'}: \`${command}\` on ${changed.join(', ')}`);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    say(`  ${w.name}: ${w.file}: left untouched: ${e.message}; add these to its "hooks" by hand: ${byHand()}`);
  }
}

export function wireAgents(workTree: string, local: boolean, journal: InitJournal, say: (s: string) => void): void {
  const found = AGENT_WIRINGS.filter((w) => w.signs.some((s) => fs.existsSync(path.join(workTree, s))));
  say(`agents: ${found.length === 0 ? 'none found in this project' : found.map((w) => w.name).join(', ')}`);
  for (const w of AGENT_WIRINGS) {
    if (!found.includes(w)) {
      const dir = w.file.slice(0, w.file.lastIndexOf('/'));
      say(`  ${w.name}: not found (no ${w.signs.join(' or ')}); to record it too: mkdir -p ${dir} && cleanroom init --agents`);
      continue;
    }
    for (const use of ['record', 'guard'] as const) {
      const command = local ? `${w.root}/node_modules/.bin/cleanroom ${use} ${w.agent}` : `${shellQuote(path.join(PACKAGE_ROOT, 'bin', 'cleanroom.js'))} ${use} ${w.agent}`;
      wireAgent(w, use, workTree, command, journal, say);
    }
  }
  if (found.length > 0 && !local) {
    say(
      `  note: these hooks run this installation of cleanroom by its path; with cleanroom in the project (npm install --save-dev ${PACKAGE_NAME}) run init --agents again and they work in every clone`,
    );
  }
}
