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
import { parseOptions } from './shared.js';
import { PACKAGE_ROOT } from '../paths.js';

const HOOK_NAMES = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'pre-push'];
const MARK = '# installed by cleanroom init';

const usage = `usage: cleanroom init [--no-hooks]

Writes ${POLICY_PATH} (the default policy with a fresh repository id) unless one exists, and wires
the hooks: into .husky/ when the repository uses husky, otherwise into git's hooks folder
(core.hooksPath respected). Existing hooks are never overwritten: init says what it skipped
and the line to add.`;

/** The default policy, bound to this repository by a fresh id that attestations will name. */
function policyText(): string {
  const text = fs.readFileSync(path.join(PACKAGE_ROOT, 'policy.yaml'), 'utf8');
  return text.replace(/^version: 1$/m, `version: 1\nrepository: urn:uuid:${randomUUID()}`);
}

function wireHusky(huskyDir: string, say: (s: string) => void): void {
  for (const hook of HOOK_NAMES) {
    const file = path.join(huskyDir, hook);
    const line = `cleanroom hook ${hook} "$@"`;
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (existing?.includes(`cleanroom hook ${hook}`)) {
      say(`  .husky/${hook}: already runs cleanroom`);
      continue;
    }
    // husky hook files are plain command lists meant to be extended, so appending is safe.
    const next = existing === null ? `${line}\n` : `${existing.replace(/\n?$/, '\n')}${line}\n`;
    fs.writeFileSync(file, next, { mode: 0o755 });
    say(`  .husky/${hook}: ${existing === null ? 'created' : 'appended'} \`${line}\``);
  }
}

function wireHooksFolder(hooksDir: string, say: (s: string) => void): void {
  fs.mkdirSync(hooksDir, { recursive: true });
  for (const hook of HOOK_NAMES) {
    const file = path.join(hooksDir, hook);
    const shim = shellQuote(path.join(PACKAGE_ROOT, 'hooks', hook));
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, 'utf8');
      say(
        text.includes('cleanroom')
          ? `  ${file}: already runs cleanroom`
          : `  ${file}: exists, left untouched; add this line to it to run cleanroom: ${shim} "$@"`,
      );
      continue;
    }
    fs.writeFileSync(file, `#!/bin/sh\n${MARK}\nexec ${shim} "$@"\n`, { mode: 0o755 });
    say(`  ${file}: installed`);
  }
}

const init: Command = {
  summary: 'write the policy and wire the hooks',
  usage,
  async run(args: string[], io: Io) {
    const { values } = parseOptions('init', args, { 'no-hooks': { type: 'boolean' } });
    const repo = await discoverRepo(io.cwd, io.env);
    if (!repo.workTree) throw new CleanroomError('EINIT', 'cleanroom init needs a working tree; for a server repository see the pre-receive documentation');
    const say = (s: string) => io.stdout.write(`${s}\n`);

    const policyFile = path.join(repo.workTree, POLICY_PATH);
    if (fs.existsSync(policyFile)) say(`${POLICY_PATH}: exists, kept`);
    else {
      fs.mkdirSync(path.dirname(policyFile), { recursive: true });
      fs.writeFileSync(policyFile, policyText());
      say(`${POLICY_PATH}: written (commit it: the hooks judge by the committed policy)`);
    }
    if (values['no-hooks']) return EXIT.allowed;

    const huskyDir = path.join(repo.workTree, '.husky');
    if (fs.existsSync(huskyDir)) {
      say('hooks: husky detected');
      wireHusky(huskyDir, say);
    } else {
      const out = await gitOk(['rev-parse', '--git-path', 'hooks'], { cwd: repo.workTree, env: repo.env });
      const hooksDir = path.resolve(repo.workTree, out.toString('utf8').trim());
      say(`hooks: ${hooksDir}`);
      wireHooksFolder(hooksDir, say);
    }
    return EXIT.allowed;
  },
};

export default init;
