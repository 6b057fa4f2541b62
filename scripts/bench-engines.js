// The two engines side by side (docs/architecture.md, "Why two engines"): a commit hook and a
// history scan on one generated repository, each run with CLEANROOM_ENGINE=plumbing and with
// CLEANROOM_ENGINE=isomorphic, interleaved, medians of fresh processes. Both must give the same
// verdict and the same scan report, or the figures mean nothing.
//
//   npm run build && node scripts/bench-engines.js [--commits 3000] [--runs 7]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isolatedEnv, prng } from './bench-common.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'cleanroom.js');
const { values } = parseArgs({ options: { commits: { type: 'string', default: '3000' }, runs: { type: 'string', default: '7' } } });
const COMMITS = Number(values.commits);
const RUNS = Number(values.runs);
const SRC_FILES = 2000;
const DATA_FILES = 500;

const git = (cwd, args) =>
  execFileSync('git', args, { cwd, env, maxBuffer: 1 << 28 })
    .toString()
    .trim();

const srcPath = (i) => `src/pkg${Math.floor(i / 100)}/file${i % 100}.ts`;
const dataPath = (i) => `datasets/set${Math.floor(i / 50)}/rows${i % 50}.jsonl`;
const body = (rnd, label) => `${Array.from({ length: 3 + Math.floor(rnd() * 10) }, (_, k) => JSON.stringify({ label, k, v: Math.floor(rnd() * 1e6) })).join('\n')}\n`;

/** COMMITS commits of 1-4 changed files each, one in ten by an assistant (a Co-authored-by
 *  trailer), built once with fast-import and kept in the temporary folder. */
async function build(repo) {
  fs.mkdirSync(repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: repo, env, stdio: ['pipe', 'inherit', 'inherit'] });
  const closed = once(child, 'close');
  const write = async (text) => {
    if (!child.stdin.write(text)) await once(child.stdin, 'drain');
  };
  const file = (p, text) => write(`M 100644 inline ${p}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  const rnd = prng(7);
  const commit = (i, message) => {
    const when = 1_700_000_000 + i * 60;
    return write(`commit refs/heads/main\ncommitter Bench Human <human@example.org> ${when} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`);
  };
  await commit(0, 'root\n');
  await file('.cleanroom/policy.yaml', fs.readFileSync(path.join(ROOT, 'policy.yaml'), 'utf8'));
  for (let i = 0; i < SRC_FILES; i++) await file(srcPath(i), body(rnd, `src ${i}`));
  for (let i = 0; i < DATA_FILES; i++) await file(dataPath(i), body(rnd, `data ${i}`));
  for (let c = 1; c < COMMITS; c++) {
    const assistant = c % 10 === 0;
    await commit(c, assistant ? `change ${c}\n\nCo-authored-by: Claude <noreply@anthropic.com>\n` : `change ${c}\n`);
    for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
      const data = rnd() < 0.3;
      const i = Math.floor(rnd() * (data ? DATA_FILES : SRC_FILES));
      await file(data ? dataPath(i) : srcPath(i), body(rnd, `${c}`));
    }
  }
  child.stdin.end();
  const [code] = await closed;
  if (code !== 0) throw new Error(`git fast-import exited ${code}`);
  git(repo, ['checkout', '-q', '-f', 'main']);
  git(repo, ['repack', '-adq']);
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(repo, engine, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, env: { ...env, CLEANROOM_ENGINE: engine }, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`cleanroom ${args.join(' ')} (${engine}) exited ${r.status}: ${r.stderr}`);
  // A report names the engine that read the repository; nothing else may differ.
  return { ms, out: `${r.status}\n${r.stdout}\n${r.stderr}`.replaceAll(engine, '<engine>') };
}

const repo = path.join(os.tmpdir(), `cleanroom-bench-engines-${COMMITS}`);
// The caller's shell may be an assistant's (CLAUDECODE=1 would make every run an assistant's).
const env = isolatedEnv(repo, {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench Human',
  GIT_AUTHOR_EMAIL: 'human@example.org',
  GIT_COMMITTER_NAME: 'Bench Human',
  GIT_COMMITTER_EMAIL: 'human@example.org',
});
if (!fs.existsSync(path.join(repo, '.git', 'refs', 'heads', 'main'))) {
  fs.rmSync(repo, { recursive: true, force: true });
  await build(repo);
}
// Ten staged files, half of them protected, as `git add` leaves them.
git(repo, ['reset', '-q', '--hard', 'main']);
const rnd = prng(11);
for (let i = 0; i < 5; i++) {
  fs.appendFileSync(path.join(repo, dataPath(i * 37)), body(rnd, 'staged'));
  fs.appendFileSync(path.join(repo, srcPath(i * 101)), body(rnd, 'staged'));
}
git(repo, ['add', '-A']);

const rows = [
  { label: 'pre-commit, 10 staged files', args: ['hook', 'pre-commit'], runs: RUNS },
  { label: `scan, ${COMMITS.toLocaleString('en')} commits`, args: ['scan', '--format', 'json'], runs: Math.max(3, Math.ceil(RUNS / 2)) },
];
const engines = ['plumbing', 'isomorphic'];
console.log(`| ${['workload', ...engines.map((e) => `${e} ms`), 'isomorphic ÷ plumbing'].join(' | ')} |`);
console.log(`| ${['---', ...engines.map(() => '---:'), '---:'].join(' | ')} |`);
for (const row of rows) {
  const times = { plumbing: [], isomorphic: [] };
  const outputs = new Set();
  for (let run = 0; run < row.runs; run++) {
    for (const engine of engines) {
      const { ms, out } = time(repo, engine, row.args);
      times[engine].push(ms);
      outputs.add(out);
    }
  }
  if (outputs.size !== 1) throw new Error(`${row.label}: the engines disagree`);
  const [p, i] = engines.map((e) => median(times[e]));
  console.log(`| ${row.label} | ${Math.round(p)} | ${Math.round(i)} | ${(i / p).toFixed(1)} |`);
}
console.log(
  `\n${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} CPUs, Node ${process.version}, ${git(repo, ['--version'])}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
