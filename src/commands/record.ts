import type { Command } from '../cli.js';
import { EXIT } from '../errors.js';
import type { Io } from '../io.js';
import { record } from '../provenance/record.js';
import { AGENTS } from '../provenance/payloads.js';

/** An assistant that never closes the hook's stdin must not hold its tool loop: give up after this. */
const STDIN_TIMEOUT_MS = 5000;

const usage = `usage: cleanroom record <${AGENTS.join('|')}>

What an assistant's own hook runs after it writes files (\`cleanroom init --agents\` wires it).
Reads the hook's JSON on stdin and records, for each file the tool call created or changed inside
a git repository: its path, git blob id, sha256 and line fingerprints, with the agent, its session
and the time, in <git common dir>/cleanroom/provenance.jsonl (never committed; compacted to its
newest records past 8 MiB, or CLEANROOM_LEDGER_MAX_BYTES). The gate uses it to tell content an
assistant wrote from content a person wrote, even when a person commits it.

Edits (Write, Edit, apply_patch, afterFileEdit, write_file, replace, create, ...) are recorded
from the file on disk. A shell call is recorded by comparing the changed files (git status) before
and after it. Always exits 0 and prints nothing, whatever it receives: its own problems go to
<git common dir>/cleanroom/record.log.`;

/** The hook's stdin, given up on after STDIN_TIMEOUT_MS (guard reads it the same way). */
export async function readStdin(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  const stdin = io.stdin as NodeJS.ReadableStream & { destroy?: () => void };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      stdin.destroy?.();
      resolve();
    }, STDIN_TIMEOUT_MS);
  });
  const read = (async () => {
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  })().catch(() => undefined); // a destroyed or broken stdin ends the read with what arrived
  try {
    await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const recordCommand: Command = {
  summary: "record the files an assistant's tool call wrote (run by the assistant's hook)",
  usage,
  async run(args: string[], io: Io) {
    // A person at a terminal, not an assistant's hook (those always pipe the payload in).
    if (io.stdin.isTTY) {
      io.stderr.write("cleanroom record: reads an assistant hook's JSON on stdin; see `cleanroom record --help`\n");
      return EXIT.allowed;
    }
    try {
      const input = await readStdin(io);
      await record(args.join(' '), input, { cwd: io.cwd, env: io.env, now: () => new Date() });
    } catch {
      // record() logs its own problems; only reading stdin can fail here, and a hook must stay quiet.
    }
    return EXIT.allowed;
  },
};

export default recordCommand;
