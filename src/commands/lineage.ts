import type { Command } from '../cli.js';
import { CleanroomError } from '../errors.js';
import type { Io } from '../io.js';
import { openLineage } from '../lineage/gate.js';
import { removeStore } from '../lineage/store.js';
import { plural } from '../report/messages.js';
import { openContext, parseOptions } from './shared.js';

const usage = `usage: cleanroom lineage rebuild [--policy FILE]

Rebuilds the lineage index from the whole history every ref reaches: which files assistant-made
commits wrote, so that their bytes keep that origin when they are moved, copied or merged into a
protected path. Verdicts keep the index up to date by themselves and walk whatever it lacks; run
this to build it ahead of time (a server before its first push through the gate, say).
The index lives in the git directory (cleanroom/lineage/), never in the repository's content.`;

/** Commits walked between two updates of the progress line. */
const PROGRESS_EVERY = 1000;

const lineage: Command = {
  summary: 'rebuild the index of assistant-written content (`lineage rebuild`)',
  usage,
  async run(args: string[], io: Io) {
    const { values, positionals } = parseOptions('lineage', args, { policy: { type: 'string' } }, true);
    if (positionals.length !== 1 || positionals[0] !== 'rebuild') {
      throw new CleanroomError('EUSAGE', `expected \`cleanroom lineage rebuild\`, got \`cleanroom lineage ${positionals.join(' ')}\``);
    }
    const ctx = await openContext(io, { policy: values.policy });
    try {
      let commits = 0;
      // A `\r`-rewritten line on a terminal only: logs and pipes get the summary alone.
      const onCommit = io.stderr.isTTY ? () => ++commits % PROGRESS_EVERY === 0 && io.stderr.write(`\rindexing ${commits} commits`) : () => ++commits;
      removeStore(ctx.repo.commonDir);
      const { index } = await openLineage(ctx, { onCommit, rebuild: true });
      if (io.stderr.isTTY && commits >= PROGRESS_EVERY) io.stderr.write('\r\x1b[K');
      io.stdout.write(`cleanroom lineage: indexed ${plural(commits, 'commit')}: ${plural(index.size, 'assistant-written file')}\n`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export default lineage;
