// Lineage rows for scripts/bench.js (`--only lineage`): its own small fixture, cached under
// os.tmpdir() and keyed on GENERATOR.
//   - a bare repository of HISTORY commits made with git fast-import: every commit changes a few
//     files, every 50th is an assistant's (a trailer) drafting a file under scratch/, every 100th
//     a person's adding a file under datasets/ (protected);
//   - a second bare repository sharing its objects whose one ref stops at SHORT commits, so the
//     cold build's memory can be compared at two history lengths;
//   - two pushes of PUSHED new commits each on top, every 10th adding a person's protected file:
//     a third bare repository sharing the objects stands where the first push left the server,
//     its index as that push's pre-receive saved it, and the second push is judged.
// Rows: the cold index build (`cleanroom lineage rebuild`) against `git log --raw` over the same
// history, and the second push judged by this checkout's pre-receive (lineage on) and by the one
// just before lineage came in (off), the hook run directly in the server with the objects in
// place; and, for the record, the same push when the index is a push behind (the push before
// asked no lineage question, so nothing saved it).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { isolatedEnv } from './bench-common.js';

const GENERATOR = 2;
const HISTORY = 50_000;
const SHORT = 10_000;
const PUSHED = 100;
const PUSH_RUNS_PER_RUN = 3;
const FILES = 2_000;
const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(os.tmpdir(), `cleanroom-bench-lineage-${GENERATOR}`);
const READY = path.join(CACHE, 'ready.json');
const SERVER = path.join(CACHE, 'server.git');
const SHORT_REPO = path.join(CACHE, 'short.git');
const PUSH_REPO = path.join(CACHE, 'push.git');
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const T0 = 1_700_000_000;
const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const POLICY = `version: 1
repository: urn:uuid:0b5e0c4e-3c1a-4b5e-9f00-00000011e4a9
protect:
  - path: "datasets/**"
    require: review-if-assistant
`;

const env = isolatedEnv(CACHE, { NO_COLOR: '1' });
const git = (cwd, args, opts = {}) =>
  execFileSync('git', args, { cwd, env, maxBuffer: 1 << 30, ...opts })
    .toString()
    .trim();

const line = (i, k) => `{"id": "${i}-${k}", "text": "row ${k} of item ${i}, long enough to be a chunk of its own", "label": ${(i * 7 + k) % 5}}\n`;
const body = (i, n) => Array.from({ length: n }, (_, k) => line(i, k)).join('');

/** The history, written straight into fast-import's stdin (with backpressure). */
async function importHistory(repo) {
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: repo, env, stdio: ['pipe', 'inherit', 'inherit'] });
  const closed = once(child, 'close');
  let parts = [];
  let size = 0;
  const w = async (s) => {
    parts.push(s);
    size += s.length;
    if (size < 1 << 20) return;
    const ok = child.stdin.write(parts.join(''));
    parts = [];
    size = 0;
    if (!ok) await once(child.stdin, 'drain');
  };
  const commit = async (ref, n, who, message, files) => {
    await w(
      `commit ${ref}\nmark :${n}\nauthor ${who} ${T0 + n} +0000\ncommitter ${who} ${T0 + n} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n${n > 1 ? `from :${n - 1}\n` : ''}`,
    );
    for (const [p, b] of files) await w(`M 100644 inline ${p}\ndata ${Buffer.byteLength(b)}\n${b}\n`);
  };
  const human = 'Bench Human <human@example.org>';
  for (let n = 1; n <= HISTORY + 2 * PUSHED; n++) {
    const ref = n <= HISTORY ? 'refs/heads/main' : 'refs/heads/next';
    const files = [];
    if (n === 1) files.push(['.keep', 'root\n']);
    for (let k = 0; k < 3; k++) {
      const f = (n * 31 + k * 977) % FILES;
      files.push([`src/m${f % 40}/f${f}.txt`, body(n * 3 + k, 4)]);
    }
    let message = `change ${n}`;
    if (n <= HISTORY && n % 50 === 0) {
      files.push([`scratch/draft${n}.jsonl`, body(n, 10)]);
      message = `draft ${n}\n\n${TRAILER}`;
    }
    if (n % (n <= HISTORY ? 100 : 10) === 0) files.push([`datasets/rows${n}.jsonl`, body(n + 1_000_000, 8)]);
    await commit(ref, n, human, message, files);
    if (n === SHORT) await w(`reset refs/heads/short\nfrom :${n}\n\n`);
  }
  if (parts.length) child.stdin.write(parts.join(''));
  child.stdin.end();
  const [code] = await closed;
  if (code !== 0) throw new Error(`git fast-import exited ${code}`);
}

/** The hook as it was just before lineage came in (the parent of the commit that added
 *  src/lineage/gate.ts, on a branch or after a merge alike), built once per commit. */
function baseline(log) {
  const added = git(ROOT, ['log', '--format=%H', '--diff-filter=A', '--', 'src/lineage/gate.ts']).split('\n').pop();
  const base = git(ROOT, ['rev-parse', `${added}^`]);
  const dir = path.join(CACHE, `baseline-${base.slice(0, 12)}`);
  if (!fs.existsSync(path.join(dir, 'dist', 'cli.cjs'))) {
    log(`building the pre-lineage baseline (${base.slice(0, 12)}) in ${dir}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${base} | tar -x -C "${dir}"`], { cwd: ROOT, env });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, [path.join(dir, 'scripts', 'build.js')], { cwd: dir, stdio: 'ignore' });
  }
  return dir;
}

async function build(log) {
  log(`building the lineage fixture (${HISTORY.toLocaleString('en')} commits) in ${CACHE}`);
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(path.join(CACHE, 'home'), { recursive: true });
  fs.writeFileSync(env.GIT_CONFIG_GLOBAL, '');
  git(CACHE, ['init', '-q', '--bare', '-b', 'main', SERVER]);
  await importHistory(SERVER);
  git(SERVER, ['gc', '-q']);
  fs.writeFileSync(path.join(CACHE, 'policy.yaml'), POLICY);
  git(SERVER, ['config', 'cleanroom.policy', path.join(CACHE, 'policy.yaml')]);
  // The short history: the same objects, one ref at SHORT commits.
  git(CACHE, ['init', '-q', '--bare', '-b', 'main', SHORT_REPO]);
  fs.writeFileSync(path.join(SHORT_REPO, 'objects', 'info', 'alternates'), `${path.join(SERVER, 'objects')}\n`);
  git(SHORT_REPO, ['update-ref', 'refs/heads/main', git(SERVER, ['rev-parse', 'refs/heads/short'])]);
  git(SHORT_REPO, ['config', 'cleanroom.policy', path.join(CACHE, 'policy.yaml')]);
  git(SERVER, ['update-ref', '-d', 'refs/heads/short']);
  // The pushed commits are in the server's objects, as receive-pack leaves them in quarantine,
  // but no ref of the history's reaches them: they are new to the hook.
  const tip = git(SERVER, ['rev-parse', 'refs/heads/next']);
  git(SERVER, ['update-ref', '-d', 'refs/heads/next']);
  // Where the first push left the server: main at its tip.
  git(CACHE, ['init', '-q', '--bare', '-b', 'main', PUSH_REPO]);
  fs.writeFileSync(path.join(PUSH_REPO, 'objects', 'info', 'alternates'), `${path.join(SERVER, 'objects')}\n`);
  git(PUSH_REPO, ['config', 'cleanroom.policy', path.join(CACHE, 'policy.yaml')]);
  fs.writeFileSync(READY, JSON.stringify({ generator: GENERATOR, built: new Date().toISOString(), tip }));
}

function timed(cmd, args, opts) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, maxBuffer: 1 << 30, ...opts });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: r.status, stderr: String(r.stderr ?? '') };
}
function peakMb(cmd, args, opts) {
  if (!TIME) return NaN;
  const out = path.join(CACHE, 'time.txt');
  spawnSync(TIME, ['-f', '%M', '-o', out, cmd, ...args], { env, stdio: 'ignore', ...opts });
  return Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');

/** The rows, as a markdown section for bench/RESULTS.md; `unexpected` collects wrong exit codes. */
export async function benchLineage({ runs, log, unexpected }) {
  if (!fs.existsSync(READY) || JSON.parse(fs.readFileSync(READY, 'utf8')).generator !== GENERATOR) await build(log);
  else log(`using the lineage fixture cached in ${CACHE}`);
  const { tip } = JSON.parse(fs.readFileSync(READY, 'utf8'));
  const off = baseline(log);
  const cli = (root) => path.join(root, 'bin', 'cleanroom.js');
  /** Commands that take turns, `n` runs each: a drift in the machine's speed weighs on all alike. */
  const rowsTakingTurns = (commands, n) => {
    const samples = commands.map(() => []);
    const last = [];
    for (let i = 0; i < n; i++) {
      commands.forEach((c, k) => {
        c.opts.before?.();
        last[k] = timed(c.cmd, c.args, c.opts);
        samples[k].push(last[k].ms);
      });
      process.stderr.write('.');
    }
    return commands.map((c, k) => {
      if (last[k].status !== 0) unexpected.push(`${c.label}: exit ${last[k].status}, expected 0\n${last[k].stderr.slice(0, 2000)}`);
      c.opts.before?.();
      return { label: c.label, ms: median(samples[k]), mb: peakMb(c.cmd, c.args, c.opts), status: last[k].status };
    });
  };
  const row = (label, cmd, args, opts) => rowsTakingTurns([{ label, cmd, args, opts }], runs)[0];
  const forget = (repo) => () => fs.rmSync(path.join(repo, 'cleanroom', 'lineage'), { recursive: true, force: true });

  const logRaw = row(`\`git log --raw --no-abbrev --all\`, ${HISTORY.toLocaleString('en')} commits`, 'sh', ['-c', 'git log --raw --no-abbrev --all >/dev/null'], { cwd: SERVER });
  const cold = row(`\`cleanroom lineage rebuild\` (cold index build), ${HISTORY.toLocaleString('en')} commits`, process.execPath, [cli(ROOT), 'lineage', 'rebuild'], {
    cwd: SERVER,
    before: forget(SERVER),
  });
  const shortLog = row(
    `\`git log --raw --no-abbrev --all\`, the first ${SHORT.toLocaleString('en')} of those commits`,
    'sh',
    ['-c', 'git log --raw --no-abbrev --all >/dev/null'],
    { cwd: SHORT_REPO },
  );
  const short = row(`\`cleanroom lineage rebuild\`, the first ${SHORT.toLocaleString('en')} of those commits`, process.execPath, [cli(ROOT), 'lineage', 'rebuild'], {
    cwd: SHORT_REPO,
    before: forget(SHORT_REPO),
  });

  // The second push, as the server meets it: the first one (main's old tip to `first`) was judged
  // by this pre-receive, which saved the index with it, and accepted. Each run starts from that
  // index (a run saves the push it judges), or from one a push behind.
  const history = git(SERVER, ['rev-parse', 'refs/heads/main']);
  const first = git(SERVER, ['rev-parse', `${tip}~${PUSHED}`]);
  // The index's folder (index.bin, and index.tips once a save only moved the tips) as each run
  // starts: kept beside the fixture, put back before each run.
  const stored = path.join(PUSH_REPO, 'cleanroom', 'lineage');
  const state = (name) => path.join(CACHE, `lineage-${name}`);
  const keep = (name) => {
    fs.rmSync(state(name), { recursive: true, force: true });
    fs.cpSync(stored, state(name), { recursive: true });
  };
  const restore = (name) => () => {
    fs.rmSync(stored, { recursive: true, force: true });
    fs.cpSync(state(name), stored, { recursive: true });
  };
  fs.rmSync(path.join(PUSH_REPO, 'cleanroom'), { recursive: true, force: true });
  git(PUSH_REPO, ['update-ref', 'refs/heads/main', history]);
  execFileSync(process.execPath, [cli(ROOT), 'lineage', 'rebuild'], { cwd: PUSH_REPO, env, stdio: 'ignore' });
  keep('behind');
  execFileSync(process.execPath, [cli(ROOT), 'hook', 'pre-receive'], { cwd: PUSH_REPO, env, input: `${history} ${first} refs/heads/main\n`, stdio: ['pipe', 'ignore', 'ignore'] });
  keep('saved');
  git(PUSH_REPO, ['update-ref', 'refs/heads/main', first]);
  const input = `${first} ${tip} refs/heads/main\n`;
  const hook = (root, start) => ({
    cmd: process.execPath,
    args: [cli(root), 'hook', 'pre-receive'],
    opts: { cwd: PUSH_REPO, input, ...(start ? { before: restore(start) } : {}) },
  });
  // The hooks take turns; each run is short, so they run PUSH_RUNS_PER_RUN times as often as the
  // rows above.
  const [pushOff, pushOn, pushBehind] = rowsTakingTurns(
    [
      { label: `pre-receive of a push of ${PUSHED} commits (${PUSHED / 10} protected files), before lineage`, ...hook(off, null) },
      { label: `the same pre-receive with lineage, the index as the push before saved it`, ...hook(ROOT, 'saved') },
      { label: `the same, the index a push behind (the push before asked no lineage question)`, ...hook(ROOT, 'behind') },
    ],
    runs * PUSH_RUNS_PER_RUN,
  );

  const lines = [
    '### Lineage',
    '',
    `A generated bare repository of ${HISTORY.toLocaleString('en')} commits (3 files changed in each; every 50th an assistant's draft under \`scratch/\`, every 100th a person's file under \`datasets/\`), cached in \`${CACHE}\`. "Before lineage" is the commit before lineage came in, built beside the fixture. The pre-receive rows run the hook directly in a server where a first push of ${PUSHED} commits was accepted, on a second push of ${PUSHED} with its objects in place; each lineage run starts from the index as the first push's pre-receive saved it (it covers the refs and that push), or, in the last row, from one saved before it.`,
    '',
    '| path | median ms | × baseline | peak MB, largest process | exit |',
    '|---|---:|---:|---:|---:|',
    `| ${logRaw.label} | ${f1(logRaw.ms)} | | ${f0(logRaw.mb)} | ${logRaw.status} |`,
    `| ${cold.label} | ${f1(cold.ms)} | ${(cold.ms / logRaw.ms).toFixed(2)}× | ${f0(cold.mb)} | ${cold.status} |`,
    `| ${shortLog.label} | ${f1(shortLog.ms)} | | ${f0(shortLog.mb)} | ${shortLog.status} |`,
    `| ${short.label} | ${f1(short.ms)} | ${(short.ms / shortLog.ms).toFixed(2)}× | ${f0(short.mb)} | ${short.status} |`,
    `| ${pushOff.label} | ${f1(pushOff.ms)} | | ${f0(pushOff.mb)} | ${pushOff.status} |`,
    `| ${pushOn.label} | ${f1(pushOn.ms)} | ${(pushOn.ms / pushOff.ms).toFixed(2)}× | ${f0(pushOn.mb)} | ${pushOn.status} |`,
    `| ${pushBehind.label} | ${f1(pushBehind.ms)} | ${(pushBehind.ms / pushOff.ms).toFixed(2)}× | ${f0(pushBehind.mb)} | ${pushBehind.status} |`,
  ];
  const okCold = cold.ms <= 2 * logRaw.ms;
  // The largest process of a rebuild is git log itself, whose memory grows with the history it
  // walks; cleanroom's own share is what must stay flat: its excess over git log's at each length.
  const excess = (rebuild, gitLog) => Math.max(0, rebuild.mb - gitLog.mb);
  const okFlat = !Number.isFinite(cold.mb) || Math.abs(excess(cold, logRaw) - excess(short, shortLog)) < 10;
  const okPush = pushOn.ms <= 1.5 * pushOff.ms;
  const mark = (ok) => `**${ok ? 'PASS' : 'FAIL'}**`;
  const budgets = [
    {
      ok: okCold && okFlat,
      text: `cold lineage index build: ${mark(okCold)} ${(cold.ms / logRaw.ms).toFixed(2)}× \`git log --raw\` (budget 2×); ${mark(okFlat)} peak ${f0(cold.mb)} MB against git log's ${f0(logRaw.mb)} at ${HISTORY.toLocaleString('en')} commits, ${f0(short.mb)} against ${f0(shortLog.mb)} at ${SHORT.toLocaleString('en')} (cleanroom's share flat in history length)`,
    },
    { ok: okPush, text: `incremental push with lineage: ${mark(okPush)} ${(pushOn.ms / pushOff.ms).toFixed(2)}× the same push before lineage (budget 1.5×)` },
  ];
  process.stderr.write('\n');
  return { section: lines.join('\n'), budgets };
}
