import { CleanroomError, EXIT } from './errors.js';
import { COMMAND_NAMES, isCommandName, type CommandName } from './commands/names.js';
import type { Io } from './io.js';
import { printableBlock } from './report/escape.js';

export interface Command {
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Commands load lazily: a hook pays only for the code it runs. */
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).default,
  hook: async () => (await import('./commands/hook.js')).default,
  policy: async () => (await import('./commands/policy.js')).default,
  attest: async () => (await import('./commands/attest.js')).default,
  verify: async () => (await import('./commands/verify.js')).default,
  scan: async () => (await import('./commands/scan.js')).default,
  init: async () => (await import('./commands/init.js')).default,
  record: async () => (await import('./commands/record.js')).default,
  guard: async () => (await import('./commands/guard.js')).default,
  demo: async () => (await import('./commands/demo.js')).default,
  lineage: async () => (await import('./commands/lineage.js')).default,
  manifest: async () => (await import('./commands/manifest.js')).default,
  reviewers: async () => (await import('./commands/reviewers.js')).default,
};

const SUMMARIES: Record<CommandName, string> = {
  check: 'judge staged changes, a commit or a range against the policy',
  hook: 'run as a git hook (pre-commit, prepare-commit-msg, commit-msg, pre-push)',
  policy: 'validate a policy file (`policy check [FILE]`)',
  attest: 'review protected content and sign for it with an SSH key',
  verify: "show which of a commit's protected content is reviewed, and by whom",
  scan: 'audit history: every assistant-made protected change and whether a review covers it',
  init: 'write .cleanroom/policy.yaml and wire the hooks into this repository',
  record: "record the files an assistant's tool call wrote (run by the assistant's own hook)",
  guard: "refuse an assistant's write into a forbid-assistant path before it happens (run by its hook)",
  demo: 'walk a scratch repository through a blocked assistant commit and a passing human one',
  lineage: 'rebuild the index of content assistant-made commits wrote (`lineage rebuild`)',
  manifest: 'write a release manifest of a snapshot, or check an exported copy against one',
  reviewers: 'list, add or remove the keys that may sign reviews (allowed_signers)',
};

function help(): string {
  const rows = COMMAND_NAMES.map((name) => `  ${name.padEnd(9)} ${SUMMARIES[name]}`);
  return [
    'usage: cleanroom <command> [options]',
    '',
    'Keeps assistant-generated content out of protected paths unless a human reviewed it.',
    '',
    'commands:',
    ...rows,
    '',
    'options:',
    '  --version, -v  print the version',
    '  --help, -h     print this help',
    '',
    "Run `cleanroom <command> --help` for a command's options.",
    'Exit codes: 0 allowed, 1 blocked, 2 usage, configuration or internal error.',
    'Needs Node.js >= 20 and git; `attest` also needs ssh-keygen with -Y sign (OpenSSH 8.0 or later).',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(help());
      return name === undefined ? EXIT.error : EXIT.allowed;
    }
    if (name === '--version' || name === '-v' || name === '-V') {
      const { version } = await import('./version.js');
      io.stdout.write(`${version()}\n`);
      return EXIT.allowed;
    }
    const load = isCommandName(name) ? COMMANDS[name] : undefined;
    if (!load) throw new CleanroomError('EUSAGE', `unknown command "${name}"; run \`cleanroom --help\` for the list`);
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command.usage}\n`);
      return EXIT.allowed;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CleanroomError) {
      io.stderr.write(`cleanroom: error: ${printableBlock(e.message)}\n`);
    } else {
      // An internal fault still names itself and fails closed, but never dumps a stack at a user.
      const detail = e instanceof Error ? e.message : String(e);
      io.stderr.write(`cleanroom: internal error: ${printableBlock(detail)}\n(set CLEANROOM_DEBUG=1 to see where)\n`);
      if (io.env.CLEANROOM_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    }
    return EXIT.error;
  }
}
