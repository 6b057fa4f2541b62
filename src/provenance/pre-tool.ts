/**
 * One parser per assistant for the JSON its own hook hands `cleanroom guard` BEFORE a tool runs.
 * Pure: text in, the files the call is about to write (and the shell command it is about to run)
 * out. Field names follow each assistant's hook documentation (shared/research/fingerprints.md §2),
 * as payloads.ts does for the calls that already ran; a tool that writes nothing answers no files.
 */
import { asList, asObject, asText, type JsonObject } from '../json-guards.js';
import { copilotToolArgs, first, hookJson, patchFiles, type AgentName } from './payloads.js';

/** A tool call about to run. */
export interface PlannedCall {
  /** What relative paths are relative to; null when the payload does not say. */
  readonly cwd: string | null;
  readonly tool: string;
  /** The files the call says it will write, absolute or relative to `cwd`. */
  readonly files: readonly string[];
  /** A shell call's command line (its writes are guessed from it: shellWriteTargets). */
  readonly command: string | null;
}

const call = (cwd: string | null, tool: string, files: (string | null)[], command: string | null = null): PlannedCall => ({
  cwd,
  tool,
  files: files.filter((f): f is string => f !== null),
  command,
});
const patched = (input: unknown): string[] => patchFiles(input).map((f) => f.path);

function claudeCode(d: JsonObject): PlannedCall {
  const tool = asText(d.tool_name) ?? '';
  const input = asObject(d.tool_input) ?? {};
  const cwd = asText(d.cwd);
  switch (tool) {
    case 'Write':
    case 'Edit':
    case 'MultiEdit':
      return call(cwd, tool, [asText(input.file_path)]);
    case 'NotebookEdit':
      return call(cwd, tool, [first(input.notebook_path, input.file_path)]);
    case 'Bash':
      return call(cwd, tool, [], asText(input.command));
    default:
      return call(cwd, tool, []);
  }
}

/** Codex names file edits `apply_patch` (Write and Edit are matcher aliases) and its shell `Bash`. */
function codex(d: JsonObject): PlannedCall {
  const tool = asText(d.tool_name) ?? '';
  const input = asObject(d.tool_input);
  const cwd = asText(d.cwd);
  if (tool === 'Bash') return call(cwd, tool, [], asText(input?.command));
  return call(cwd, tool, patched(d.tool_input));
}

/** Cursor's generic preToolUse, and beforeShellExecution, whose payload is the command itself. */
function cursor(d: JsonObject): PlannedCall {
  const event = asText(d.hook_event_name) ?? '';
  const roots = asList(d.workspace_roots);
  const cwd = first(d.cwd, roots[0]);
  if (event === 'beforeShellExecution') return call(cwd, 'Shell', [], asText(d.command));
  const tool = asText(d.tool_name) ?? event;
  const input = asObject(d.tool_input) ?? {};
  switch (tool) {
    case 'Write':
    case 'StrReplace':
    case 'Edit':
    case 'MultiEdit':
      return call(cwd, tool, [first(input.file_path, input.path, input.filePath)]);
    case 'ApplyPatch':
      return call(cwd, tool, patched(input));
    case 'Shell':
      return call(cwd, tool, [], first(input.command, input.cmd));
    default:
      return call(cwd, tool, []);
  }
}

function gemini(d: JsonObject): PlannedCall {
  const tool = asText(d.tool_name) ?? '';
  const input = asObject(d.tool_input) ?? {};
  const cwd = asText(d.cwd);
  if (tool === 'write_file' || tool === 'replace') return call(cwd, tool, [asText(input.file_path)]);
  if (tool === 'run_shell_command') return call(cwd, tool, [], asText(input.command));
  return call(cwd, tool, []);
}

/** Copilot CLI: snake_case payloads for PascalCase events, camelCase ones (toolArgs a JSON string) for its own. */
function copilot(d: JsonObject): PlannedCall {
  const tool = first(d.tool_name, d.toolName) ?? '';
  const { args, input } = copilotToolArgs(d);
  const cwd = asText(d.cwd);
  switch (tool) {
    case 'create':
    case 'edit':
    case 'str_replace':
    case 'str_replace_editor':
      return call(cwd, tool, [first(input.path, input.file_path, input.filePath)]);
    case 'apply_patch':
      return call(cwd, tool, patched(args));
    case 'bash':
    case 'powershell':
      return call(cwd, tool, [], first(input.command, args));
    default:
      return call(cwd, tool, []);
  }
}

const PARSERS: Record<AgentName, (d: JsonObject) => PlannedCall> = { 'claude-code': claudeCode, codex, cursor, gemini, copilot };

/** Parses one pre-tool hook invocation's stdin; a PayloadError says why it is not a payload at all. */
export function parsePreTool(agent: AgentName, text: string): PlannedCall {
  const planned = PARSERS[agent](hookJson(text));
  // A patch can also arrive through the shell (`apply_patch <<'EOF'`): its paths are known exactly.
  return planned.command === null ? planned : { ...planned, files: [...planned.files, ...patched(planned.command)] };
}

/** Commands whose last operand is where they write. */
const LAST_OPERAND = new Set(['cp', 'mv', 'install', 'ln', 'rsync', 'scp']);
/** Commands that write every operand. */
const EVERY_OPERAND = new Set(['tee', 'touch', 'truncate']);
/** Commands that edit their file operands in place when given -i. */
const IN_PLACE = new Set(['sed', 'perl']);

/**
 * The files a shell command line plainly writes: redirection targets (`>`, `>>`, `>|`, `&>`, `N>`),
 * the operands of tee / touch / truncate, the last operand of cp / mv / install / ln / rsync (and of
 * `git mv`), the files of `sed -i` and `perl -i`, and `dd of=`. Best effort: a shell can write a
 * file in ways no reading of its text foresees (a script, an interpreter, a variable); the commit
 * gates judge what is written whatever wrote it.
 */
export function shellWriteTargets(command: string): string[] {
  const targets: string[] = [];
  for (const words of simpleCommands(command)) {
    const operands: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const { text: w, quoted } = words[i] as Word;
      const redirect = quoted ? null : /^(?:\d*|&)>{1,2}\|?(.*)$/.exec(w);
      if (redirect) {
        const target = redirect[1] !== '' ? redirect[1] : words[++i]?.text;
        if (target !== undefined && !target.startsWith('&')) targets.push(target);
        continue;
      }
      operands.push(w);
    }
    const [name, ...rest] = operands;
    if (name === undefined) continue;
    const base = name.slice(name.lastIndexOf('/') + 1);
    const files = rest.filter((a) => !a.startsWith('-'));
    if (EVERY_OPERAND.has(base)) targets.push(...files);
    else if (LAST_OPERAND.has(base) && files.length > 1) targets.push(files[files.length - 1] as string);
    else if (base === 'git' && rest[0] === 'mv' && files.length > 2) targets.push(files[files.length - 1] as string);
    else if (IN_PLACE.has(base) && rest.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place')))
      targets.push(...files.slice(base === 'sed' && !rest.includes('-e') ? 1 : 0));
    else if (base === 'dd') targets.push(...rest.filter((a) => a.startsWith('of=')).map((a) => a.slice(3)));
  }
  return targets.filter((t) => t !== '' && t !== '/dev/null');
}

/** A word of a command line, quotes removed; `quoted` when any of it was quoted (then it is no operator). */
interface Word {
  readonly text: string;
  readonly quoted: boolean;
}

/** The words of each simple command; separated at ; & | && || and newlines. Here-document
 *  bodies and substitutions are not followed. */
function simpleCommands(line: string): Word[][] {
  const commands: Word[][] = [];
  let words: Word[] = [];
  let word: string | null = null;
  let quoted = false;
  const end = () => {
    if (word !== null) words.push({ text: word, quoted });
    word = null;
    quoted = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const stop = close < 0 ? line.length : close;
      word = (word ?? '') + line.slice(i + 1, stop);
      quoted = true;
      i = stop;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (c === ' ' || c === '\t') {
      end();
    } else if (c === '>') {
      // `a>b` is a word and a redirection; `2>`, `&>` and `>>` stay one operator.
      if (word !== null && !/^(?:\d+|&)?>*$/.test(word)) end();
      word = (word ?? '') + c;
    } else if (c === ';' || c === '&' || c === '|' || c === '\n' || c === '(' || c === ')') {
      // `>&2`, `&>` and `>|` belong to a redirection, not to a separator.
      if ((c === '&' && (line[i + 1] === '>' || word?.endsWith('>'))) || (c === '|' && word?.endsWith('>'))) {
        word = (word ?? '') + c;
        continue;
      }
      end();
      if (words.length > 0) commands.push(words);
      words = [];
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  if (words.length > 0) commands.push(words);
  return commands;
}
