// What `cleanroom guard` costs an assistant on each tool call: fresh processes, as an assistant's
// pre-tool hook starts them, fed a Claude Code PreToolUse payload, beside `node -e 0` in the same
// run (rows interleaved, so a busy machine slows them alike). The budget is 50 ms beyond Node's
// own start for every row.
//
// Its fixture, a small repository whose committed policy bans assistants from benchmarks/, is
// built once and cached under os.tmpdir() in a folder of its own.
//
// Usage: node scripts/bench-guard.js [--runs N]   (or scripts/bench.js --only guard)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isolatedEnv } from './bench-common.js';

/** Bump when anything below changes what is built: the cache is keyed on it. */
const GENERATOR = 1;

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'cleanroom.js');
const CACHE = path.join(os.tmpdir(), `cleanroom-bench-guard-${GENERATOR}`);
const REPO = path.join(CACHE, 'repo');
const BUDGET_MS = 50;
const POLICY = `version: 1
protect:
  - path: "benchmarks/**"
    require: forbid-assistant
    exclude: ["benchmarks/README.md"]
  - path: "datasets/**"
    require: review-if-assistant
`;

const env = isolatedEnv(CACHE, { TMPDIR: path.join(CACHE, 'tmp') });
const log = (s) => process.stderr.write(`${s}\n`);

function build() {
  fs.rmSync(CACHE, { recursive: true, force: true });
  for (const dir of [REPO, env.HOME, env.TMPDIR, path.join(REPO, '.cleanroom')]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(env.GIT_CONFIG_GLOBAL, '[user]\n\tname = Bench\n\temail = bench@example.org\n');
  fs.writeFileSync(path.join(REPO, '.cleanroom', 'policy.yaml'), POLICY);
  const git = (args) => execFileSync('git', args, { cwd: REPO, env, encoding: 'utf8' });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'policy']);
  fs.writeFileSync(path.join(CACHE, 'ready'), '');
}

const payload = (tool, input) => JSON.stringify({ session_id: 'bench', cwd: REPO, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input, tool_use_id: 'toolu_1' });
const write = (file) => payload('Write', { file_path: path.join(REPO, file), content: '{}' });

function time(row) {
  const t = process.hrtime.bigint();
  const r = spawnSync(row.cmd, row.args, { cwd: REPO, env, input: row.input, encoding: 'utf8' });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');

/** The guard's table (markdown), its budget lines, and any result that was not what the row expects. */
export async function benchGuard({ runs = 3 } = {}) {
  if (!fs.existsSync(path.join(CACHE, 'ready'))) build();
  else log(`guard: using the repository cached in ${REPO}`);
  const guard = (label, input, answer) => ({ label, cmd: process.execPath, args: [CLI, 'guard', 'claude-code'], input, answer, guard: true });
  const rows = [
    { label: "`node -e 0` (Node's own start)", cmd: process.execPath, args: ['-e', '0'], answer: '' },
    guard('Write outside any protected path: silent', write('src/x.ts'), ''),
    guard('Write into `datasets/` (review-if-assistant): allowed, with the review note', write('datasets/a.jsonl'), 'additionalContext'),
    guard('Write into `benchmarks/` (forbid-assistant): denied', write('benchmarks/t.json'), 'deny'),
    guard('Bash `python gen.py > benchmarks/t.json`: denied', payload('Bash', { command: 'python gen.py > benchmarks/t.json' }), 'deny'),
  ];
  const unexpected = [];
  // One untimed round first: the launcher's code cache and the compiled policy are written on a first run.
  for (const row of rows) time(row);
  for (const row of rows) row.ms = [];
  for (let i = 0; i < runs; i++) {
    for (const row of rows) {
      const r = time(row);
      row.ms.push(r.ms);
      const answered = row.answer === '' ? r.stdout === '' : r.stdout.includes(row.answer);
      if (r.status !== 0 || !answered)
        unexpected.push(`guard: ${row.label}: exit ${r.status}, stdout ${JSON.stringify(r.stdout.slice(0, 300))}, stderr ${JSON.stringify(r.stderr.slice(0, 300))}`);
    }
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const nodeMs = median(rows[0].ms);
  const budgets = rows
    .filter((r) => r.guard)
    .map((r) => {
      const beyond = median(r.ms) - nodeMs;
      return { ok: beyond <= BUDGET_MS, text: `guard, ${r.label}: **${beyond <= BUDGET_MS ? 'PASS' : 'FAIL'}** ${f1(beyond)} ms beyond \`node -e 0\` (budget ${BUDGET_MS} ms)` };
    });
  const lines = [
    '### Assistant guard: `cleanroom guard claude-code` before each tool call',
    '',
    `A fresh \`node bin/cleanroom.js guard claude-code\` per tool call, as Claude Code's PreToolUse hook starts it, fed the payload on stdin, in a repository whose committed policy bans assistants from \`benchmarks/\`; median of ${runs} runs, interleaved with \`node -e 0\`.`,
    '',
    '| tool call | median ms | beyond `node -e 0` (ms) | exit |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${f1(median(r.ms))} | ${r.guard ? f1(median(r.ms) - nodeMs) : ''} | 0 |`),
  ];
  return { section: lines.join('\n'), budgets, unexpected };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const { section, budgets, unexpected } = await benchGuard({ runs: Math.max(1, Number(values.runs)) });
  console.log([section, '', ...budgets.map((b) => `- ${b.text}`)].join('\n'));
  if (unexpected.length) {
    log(`\n${unexpected.length} unexpected result(s):\n${unexpected.join('\n')}`);
    process.exitCode = 1;
  }
}
