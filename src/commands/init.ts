/**
 * `cleanroom init`: its arguments, the policy file, and the order of the wiring, which
 * src/init/ does (git hooks, assistants' hooks, and the journal `--remove` undoes).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../cli.js';
import { CleanroomError, EXIT } from '../errors.js';
import { discoverRepo } from '../git/repo.js';
import { wireAgents } from '../init/assistant-hooks.js';
import { CHAINED_SUFFIX, installedInProject, wireGitHooks, withoutHuskyLine } from '../init/git-hooks.js';
import { InitJournal, journalPath } from '../init/journal.js';
import type { Io } from '../io.js';
import { PACKAGE_ROOT } from '../paths.js';
import { POLICY_PATH } from '../policy/load.js';
import { parseOptions } from './shared.js';

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
      if (!values['no-hooks']) await wireGitHooks(repo.workTree, repo.env, journal, say);
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
  journal.undo(say, (file, text) => (path.dirname(file) === huskyDir ? withoutHuskyLine(file, text) : null));
}

export default init;
