import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../cli.js';
import { CleanroomError, EXIT } from '../errors.js';
import { gitOk } from '../git/exec.js';
import { discoverRepo } from '../git/repo.js';
import type { Io } from '../io.js';
import { POLICY_PATH } from '../policy/load.js';
import { shellQuote } from '../report/messages.js';
import { CLIENT_HOOK_NAMES as HOOK_NAMES } from './names.js';
import { parseOptions } from './shared.js';
import { PACKAGE_ROOT } from '../paths.js';
import { PACKAGE_NAME } from '../version.js';
import { InitJournal, journalPath } from './init-journal.js';
import type { AgentName } from '../provenance/payloads.js';

const MARK = '# installed by cleanroom init';
/** Where init moves a hook it chains (beside it, so the wrapper finds it from \$0). */
const CHAINED_SUFFIX = '.before-cleanroom';
/** The second line of every shim in hooks/: a copied or symlinked shim is recognised by it. */
const SHIM_SIGNATURE = '# cleanroom git hook shim.';

const usage = `usage: cleanroom init [--no-hooks] [--agents]
       cleanroom init --remove

Writes ${POLICY_PATH} (the default policy with a fresh repository id) unless one exists, and wires
the hooks: into .husky/ when the repository uses husky, otherwise into git's hooks folder
(core.hooksPath respected). A hook already there is chained, never overwritten: it is renamed
<hook>${CHAINED_SUFFIX} and runs first, with the same arguments and input, then cleanroom; either
failing fails. A hook the repository tracks, or one the pre-commit framework generated, is left
as it is: init says what to add.

--remove undoes what init did in this clone, as it recorded it (cleanroom/init.json in the git
directory): hooks it installed are removed and chained hooks put back, husky's files and
assistants' configs restored (a husky file edited since loses only cleanroom's line; any other
file edited since is left, and named). It keeps the policy, the repository's, and never removes a
hook init did not write.

--agents also wires \`cleanroom record\` into the hooks of each assistant the project uses, so
what an assistant writes is recorded when it writes it, even if a person commits it later, and
\`cleanroom guard\` into their pre-tool hooks, so a write into a forbid-assistant path is refused
before it happens (docs/agents.md):
.claude/settings.json (Claude Code), .codex/hooks.json (Codex), .cursor/hooks.json (Cursor),
.gemini/settings.json (Gemini CLI), .github/hooks/cleanroom.json (Copilot CLI). Entries are merged
into what is there, and a second run changes nothing.`;

/** The default policy, bound to this repository by a fresh id that attestations will name. */
function policyText(): string {
  const text = fs.readFileSync(path.join(PACKAGE_ROOT, 'policy.yaml'), 'utf8');
  return text.replace(/^version: 1$/m, `version: 1\nrepository: urn:uuid:${randomUUID()}`);
}

/** Whether a hook file already hands over to cleanroom: init's wrapper, a shim (copied or
 *  symlinked), `cleanroom hook <name>` (husky, hand-written) or the shim's path. A hook that
 *  merely mentions cleanroom does not count. */
function runsCleanroom(text: string, hook: string, shim: string): boolean {
  return (
    text.includes(MARK) ||
    text.includes(SHIM_SIGNATURE) ||
    text.includes(shim) ||
    new RegExp(`cleanroom(?:\\.js)?['"]?[ \\t]+hook[ \\t]+['"]?${hook}(?![\\w-])`).test(text)
  );
}

const realpath = (p: string): string | null => {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
};

/** A hook's text; '' for what cannot be read as a file (a directory, a dangling symlink). */
const readText = (p: string): string => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return '';
  }
};

/** Whether cleanroom runs from this repository's node_modules: then a copied shim or a project-relative command finds it in any clone. */
function installedInProject(workTree: string): boolean {
  const local = realpath(path.join(workTree, 'node_modules', PACKAGE_NAME));
  return local !== null && local === realpath(PACKAGE_ROOT);
}

const huskyLine = (hook: string): string => `cleanroom hook ${hook} "$@"`;

function wireHusky(workTree: string, hooksPath: string, journal: InitJournal, say: (s: string) => void): void {
  const huskyDir = path.join(workTree, '.husky');
  for (const hook of HOOK_NAMES) {
    const file = path.join(huskyDir, hook);
    const line = huskyLine(hook);
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (existing !== null && runsCleanroom(existing, hook, path.join(PACKAGE_ROOT, 'hooks', hook))) {
      say(`  .husky/${hook}: already runs cleanroom`);
      continue;
    }
    // husky 9 runs these files with `sh -e`, so an appended line blocks like any other command.
    const next = existing === null ? `${line}\n` : `${existing.replace(/\n?$/, '\n')}${line}\n`;
    journal.write(file, next, 0o755);
    say(`  .husky/${hook}: ${existing === null ? 'created' : 'appended'} \`${line}\``);
  }
  // husky 9 puts node_modules/.bin on PATH and runs .husky/<hook> from .husky/_ (core.hooksPath).
  if (path.resolve(workTree, hooksPath) !== path.join(huskyDir, '_')) {
    say('  note: core.hooksPath is not .husky/_, so git does not run these files yet: run `npx husky` (husky 9)');
  }
  if (!fs.existsSync(path.join(workTree, 'node_modules', '.bin', 'cleanroom'))) {
    say(`  note: node_modules/.bin/cleanroom is missing, so these lines fail with "command not found": \`npm install --save-dev ${PACKAGE_NAME}\``);
  }
}

/** The hook files of a hooks folder inside the work tree that the repository tracks: changing
 *  one would change it for every clone, so init leaves them as they are. */
async function trackedHooks(workTree: string, hooksDir: string, env: NodeJS.ProcessEnv): Promise<Set<string>> {
  const rel = path.relative(workTree, hooksDir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return new Set();
  const out = await gitOk(['ls-files', '-z', '--full-name', '--', `:(literal)${rel || '.'}`], { cwd: workTree, env });
  return new Set(out.toString('utf8').split('\0').filter(Boolean).map((f) => path.join(workTree, f)));
}

/**
 * The hook init writes in place of one it chains: theirs runs first, as git would run it (only
 * when executable), with the same arguments and the same input, then cleanroom's; the first to
 * fail ends the hook with its status. Of these hooks only pre-push reads input, so only there is
 * it kept in a file for both.
 */
function chainedHook(hook: string, cleanroomHook: string): string {
  const theirs = `"$0${CHAINED_SUFFIX}"`;
  if (hook !== 'pre-push') {
    return `#!/bin/sh\n${MARK}\n# ${CHAIN_NOTE}\nif [ -x ${theirs} ]; then ${theirs} "$@" || exit $?; fi\nexec ${cleanroomHook} "$@"\n`;
  }
  return [
    '#!/bin/sh',
    MARK,
    `# ${CHAIN_NOTE}`,
    'input=$(mktemp "${TMPDIR:-/tmp}/cleanroom-pre-push.XXXXXX") || exit 1',
    'trap \'rm -f "$input"\' EXIT',
    "trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM",
    'cat >"$input" || exit 1',
    `if [ -x ${theirs} ]; then ${theirs} "$@" <"$input" || exit $?; fi`,
    `${cleanroomHook} "$@" <"$input"`,
    '',
  ].join('\n');
}
const CHAIN_NOTE = `The hook that was here runs first (renamed <hook>${CHAINED_SUFFIX}), then cleanroom; \`cleanroom init --remove\` puts it back.`;

async function wireHooksFolder(workTree: string, hooksDir: string, env: NodeJS.ProcessEnv, journal: InitJournal, say: (s: string) => void): Promise<void> {
  fs.mkdirSync(hooksDir, { recursive: true });
  // cleanroom installed in this repository's node_modules: a copy of the shim finds it there
  // from any clone or checkout location; otherwise a wrapper runs this installation's shim.
  const copyShim = installedInProject(workTree);
  const tracked = await trackedHooks(workTree, hooksDir, env);
  for (const hook of HOOK_NAMES) {
    const file = path.join(hooksDir, hook);
    const shimPath = path.join(PACKAGE_ROOT, 'hooks', hook);
    const shim = shellQuote(shimPath);
    // lstat: a dangling symlink is an existing hook too (writing would create its target).
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (stat) {
      const text = readText(file);
      if (runsCleanroom(text, hook, shimPath)) {
        say(`  ${file}: already runs cleanroom`);
        continue;
      }
      if (text.includes('File generated by pre-commit')) {
        say(`  ${file}: managed by the pre-commit framework, left untouched; add cleanroom's hooks to .pre-commit-config.yaml (see docs/install.md)`);
        continue;
      }
      const aside = `${file}${CHAINED_SUFFIX}`;
      if (tracked.has(file) || fs.lstatSync(aside, { throwIfNoEntry: false })) {
        const why = tracked.has(file) ? 'tracked by the repository' : `${path.basename(aside)} is in the way`;
        say(`  ${file}: exists (${why}), left untouched; to run cleanroom too, add this line to it: ${shim} "$@" || exit $?`);
        continue;
      }
      // A copied shim would run in the hook's place; in a chain cleanroom is called by path.
      const ours = copyShim ? `"$(git rev-parse --show-toplevel)"/node_modules/${PACKAGE_NAME}/hooks/${hook}` : shim;
      journal.move(file, aside);
      journal.write(file, chainedHook(hook, ours), 0o755);
      say(`  ${file}: chained: the hook that was there (now ${path.basename(aside)}) runs first, then cleanroom`);
      continue;
    }
    const text = copyShim ? fs.readFileSync(shimPath, 'utf8') : `#!/bin/sh\n${MARK}\nexec ${shim} "$@"\n`;
    journal.write(file, text, 0o755);
    say(`  ${file}: installed${copyShim ? ` (a copy of the shim; it runs node_modules/${PACKAGE_NAME})` : ''}`);
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  readonly entry: (command: string, use: Use) => Json;
  /** The entry's key that holds the command line. */
  readonly key: 'command' | 'bash';
  /** Cursor and Copilot refuse a hooks file without `"version": 1`. */
  readonly versioned: boolean;
}

const GIT_ROOT = '"$(git rev-parse --show-toplevel)"';
const commandEntry = (command: string): Json => ({ type: 'command', command });

// Shell calls get a before-tool hook too: their writes are found by comparing the changed files
// before and after (see src/provenance/record.ts). Cursor's before-shell hook answers a permission
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
function mergeHooks(w: AgentWiring, use: Use, config: Json, command: string): { changed: string[]; present: string[] } {
  if (w.versioned && config.version === undefined) config.version = 1;
  const hooks = config.hooks ?? (config.hooks = {});
  if (!isObject(hooks)) throw new Refusal('its "hooks" is not an object');
  const changed: string[] = [];
  const present: string[] = [];
  for (const { event, matcher } of use === 'record' ? w.events : w.guards) {
    const list = hooks[event] ?? (hooks[event] = []);
    if (!Array.isArray(list)) throw new Refusal(`its "hooks.${event}" is not a list`);
    const entries = matcher === undefined ? list : list.flatMap((g) => (isObject(g) && Array.isArray(g.hooks) ? g.hooks : []));
    const ours = entries.find((e): e is Json => isObject(e) && typeof e[w.key] === 'string' && runsFor(use, w.agent, e[w.key] as string));
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
    const wanted: Json = {};
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
    if (!isObject(config)) throw new Refusal('it is not a JSON object');
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

function wireAgents(workTree: string, local: boolean, journal: InitJournal, say: (s: string) => void): void {
  const found = AGENT_WIRINGS.filter((w) => w.signs.some((s) => fs.existsSync(path.join(workTree, s))));
  say(`agents: ${found.length === 0 ? 'none found in this project' : found.map((w) => w.name).join(', ')}`);
  for (const w of AGENT_WIRINGS) {
    if (!found.includes(w)) {
      const dir = w.file.slice(0, w.file.lastIndexOf('/'));
      say(`  ${w.name}: not found (no ${w.signs.join(' or ')}); to record it too: mkdir -p ${dir} && cleanroom init --agents`);
      continue;
    }
    for (const use of ['record', 'guard'] as const) {
      const command = local
        ? `${w.root}/node_modules/.bin/cleanroom ${use} ${w.agent}`
        : `${shellQuote(path.join(PACKAGE_ROOT, 'bin', 'cleanroom.js'))} ${use} ${w.agent}`;
      wireAgent(w, use, workTree, command, journal, say);
    }
  }
  if (found.length > 0 && !local) {
    say(`  note: these hooks run this installation of cleanroom by its path; with cleanroom in the project (npm install --save-dev ${PACKAGE_NAME}) run init --agents again and they work in every clone`);
  }
}

const init: Command = {
  summary: 'write the policy and wire the hooks',
  usage,
  async run(args: string[], io: Io) {
    const { values } = parseOptions('init', args, { 'no-hooks': { type: 'boolean' }, agents: { type: 'boolean' }, remove: { type: 'boolean' } });
    const repo = await discoverRepo(io.cwd, io.env);
    if (!repo.workTree) {
      throw new CleanroomError('EINIT', `${repo.gitDir} is a bare repository: cleanroom init needs a working tree, run it in a clone`);
    }
    const say = (s: string) => io.stdout.write(`${s}\n`);
    const journal = new InitJournal(journalPath(repo.commonDir));
    if (values.remove) {
      if (values.agents || values['no-hooks']) throw new CleanroomError('EUSAGE', '--remove undoes everything init recorded; it takes no other option');
      remove(journal, repo.workTree, say);
      return EXIT.allowed;
    }

    const policyFile = path.join(repo.workTree, POLICY_PATH);
    if (fs.existsSync(policyFile)) say(`${POLICY_PATH}: exists, kept`);
    else {
      fs.mkdirSync(path.dirname(policyFile), { recursive: true });
      fs.writeFileSync(policyFile, policyText());
      say(`${POLICY_PATH}: written (commit it: the hooks judge by the committed policy)`);
    }
    try {
      if (!values['no-hooks']) {
        const out = await gitOk(['rev-parse', '--git-path', 'hooks'], { cwd: repo.workTree, env: repo.env });
        const hooksDir = path.resolve(repo.workTree, out.toString('utf8').trim());
        if (fs.existsSync(path.join(repo.workTree, '.husky'))) {
          say('hooks: husky detected');
          wireHusky(repo.workTree, hooksDir, journal, say);
        } else {
          say(`hooks: ${hooksDir}`);
          await wireHooksFolder(repo.workTree, hooksDir, repo.env, journal, say);
        }
      }
      if (values.agents) wireAgents(repo.workTree, installedInProject(repo.workTree), journal, say);
    } finally {
      // What was done before a failure is recorded too, so --remove can still undo it.
      journal.save();
    }
    return EXIT.allowed;
  },
};

/** init --remove: what the journal recorded, undone; a husky file or an assistant's config edited
 *  since keeps the edits, with only init's own line or entries taken out where they can be. */
function remove(journal: InitJournal, workTree: string, say: (s: string) => void): void {
  say(`${POLICY_PATH}: kept (it is the repository's; \`git rm -r .cleanroom\` drops it)`);
  if (journal.isEmpty) {
    say('hooks: nothing to remove: cleanroom init recorded no change in this clone');
    return;
  }
  say('removing what cleanroom init did:');
  const huskyDir = path.join(workTree, '.husky');
  journal.undo(say, (file, text) => {
    if (path.dirname(file) !== huskyDir) return null;
    const line = `${huskyLine(path.basename(file))}\n`;
    const at = text.lastIndexOf(line);
    return at === -1 || (at > 0 && text[at - 1] !== '\n') ? null : text.slice(0, at) + text.slice(at + line.length);
  });
}

export default init;
