/**
 * Wiring cleanroom's git hooks into a clone: into .husky/ when the repository uses husky,
 * otherwise into git's hooks folder, chaining a hook that is already there rather than
 * overwriting it. Every change goes through the journal, so `init --remove` can undo it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_HOOK_NAMES } from '../commands/names.js';
import { gitOk } from '../git/exec.js';
import { PACKAGE_ROOT } from '../paths.js';
import { shellQuote } from '../report/messages.js';
import { PACKAGE_NAME } from '../version.js';
import type { InitJournal } from './journal.js';

const MARK = '# installed by cleanroom init';
/** Where init moves a hook it chains (beside it, so the wrapper finds it from \$0). */
export const CHAINED_SUFFIX = '.before-cleanroom';
/** The second line of every shim in hooks/: a copied or symlinked shim is recognised by it. */
const SHIM_SIGNATURE = '# cleanroom git hook shim.';

/** Whether a hook file already hands over to cleanroom: init's wrapper, a shim (copied or
 *  symlinked), `cleanroom hook <name>` (husky, hand-written) or the shim's path. A hook that
 *  merely mentions cleanroom does not count. */
function runsCleanroom(text: string, hook: string, shim: string): boolean {
  return text.includes(MARK) || text.includes(SHIM_SIGNATURE) || text.includes(shim) || new RegExp(`cleanroom(?:\\.js)?['"]?[ \\t]+hook[ \\t]+['"]?${hook}(?![\\w-])`).test(text);
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
export function installedInProject(workTree: string): boolean {
  const local = realpath(path.join(workTree, 'node_modules', PACKAGE_NAME));
  return local !== null && local === realpath(PACKAGE_ROOT);
}

const huskyLine = (hook: string): string => `cleanroom hook ${hook} "$@"`;

function wireHusky(workTree: string, hooksPath: string, journal: InitJournal, say: (s: string) => void): void {
  const huskyDir = path.join(workTree, '.husky');
  for (const hook of CLIENT_HOOK_NAMES) {
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
  return new Set(
    out
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map((f) => path.join(workTree, f)),
  );
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
  for (const hook of CLIENT_HOOK_NAMES) {
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

/** Into .husky/ when the repository uses husky, otherwise into git's hooks folder (core.hooksPath
 *  respected, as `git rev-parse --git-path hooks` answers it). */
export async function wireGitHooks(workTree: string, env: NodeJS.ProcessEnv, journal: InitJournal, say: (s: string) => void): Promise<void> {
  const out = await gitOk(['rev-parse', '--git-path', 'hooks'], { cwd: workTree, env });
  const hooksDir = path.resolve(workTree, out.toString('utf8').trim());
  if (fs.existsSync(path.join(workTree, '.husky'))) {
    say('hooks: husky detected');
    wireHusky(workTree, hooksDir, journal, say);
  } else {
    say(`hooks: ${hooksDir}`);
    await wireHooksFolder(workTree, hooksDir, env, journal, say);
  }
}

/** For the journal's undo: a husky file edited since init, with only init's line taken out
 *  (null when that line is not there as init wrote it). */
export function withoutHuskyLine(file: string, text: string): string | null {
  const line = `${huskyLine(path.basename(file))}\n`;
  const at = text.lastIndexOf(line);
  return at === -1 || (at > 0 && text[at - 1] !== '\n') ? null : text.slice(0, at) + text.slice(at + line.length);
}
