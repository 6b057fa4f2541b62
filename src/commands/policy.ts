import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../cli.js';
import { CleanroomError, EXIT } from '../errors.js';
import { discoverRepo, readGitVars } from '../git/repo.js';
import type { Io } from '../io.js';
import { POLICY_PATH, readPolicyFile, resolvePolicy } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { plural } from '../report/messages.js';
import { PACKAGE_ROOT } from '../paths.js';

const usage = `usage: cleanroom policy check [FILE]
       cleanroom policy schema

check   validates FILE, or else the repository's working-tree ${POLICY_PATH}, or else the policy
        the hooks would use; prints a summary, or every problem with file:line:col (exit 2)
schema  prints the policy's JSON Schema (for editors and other tools)`;

function summary(p: Policy): string {
  const rules = p.protect.map((r) => `  ${r.pattern}  ${r.require}${r.exclude.length > 0 ? `  (except ${r.exclude.join(', ')})` : ''}`).join('\n');
  return `${p.source}: valid (mode ${p.mode}, ${plural(p.protect.length, 'protect rule')}, builtin catalog ${p.assistants.builtin ? 'on' : 'off'})\n${rules}\n`;
}

const policy: Command = {
  summary: 'validate a policy file',
  usage,
  async run(args: string[], io: Io) {
    const [sub, file, ...extra] = args;
    if (sub === 'schema' && file === undefined) {
      io.stdout.write(fs.readFileSync(path.join(PACKAGE_ROOT, 'schema', 'policy.schema.json'), 'utf8'));
      return EXIT.allowed;
    }
    if (sub !== 'check' || extra.length > 0) throw new CleanroomError('EUSAGE', `expected \`policy check [FILE]\` or \`policy schema\`; see \`cleanroom policy --help\``);
    if (file) {
      io.stdout.write(summary(await readPolicyFile(path.resolve(io.cwd, file))));
      return EXIT.allowed;
    }
    const [repo, vars] = await Promise.all([discoverRepo(io.cwd, io.env), readGitVars(io.cwd, io.env)]);
    const local = repo.workTree ? path.join(repo.workTree, POLICY_PATH) : null;
    const p = local && fs.existsSync(local) ? await readPolicyFile(local) : await resolvePolicy({ repo, configured: vars.config.get('cleanroom.policy') });
    io.stdout.write(summary(p));
    return EXIT.allowed;
  },
};

export default policy;
