// Scale: a generated history of 100,000 commits with thousands of merges (the shape of a large
// project's mirror), judged three ways beside `git log --name-status` over the same range:
// `cleanroom scan A..B`, `cleanroom check --range A..B`, and a real `git push` of all of it into a
// bare repository whose pre-receive runs cleanroom (the hook's own time measured inside the push).
// Each row reports wall time and CPU time (user + sys of the whole process tree, from wait4), and
// its ratio to the native command measured in the same run, interleaved, so a loaded machine
// weighs on both alike; the load average is printed with the table.
//
// Builds its fixture once with `git fast-import`, cached under os.tmpdir() in a folder of its own;
// each push goes to a fresh copy of the server, so every run pushes the same thing.
//
// Usage: node scripts/bench-scale.js [--runs N] [--rebuild]   (or scripts/bench.js --only scale)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, runAlone } from './bench-shapes.js';
import { isolatedEnv } from './bench-common.js';

/** Bump when anything below changes what is built: the cache is keyed on it. */
const GENERATOR = 2;

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'cleanroom.js');
const HOOKS = path.join(ROOT, 'hooks');
/** BENCH_SCALE_CACHE: a folder of one's own for it, where nothing else cleans os.tmpdir(). */
const CACHE = path.join(process.env.BENCH_SCALE_CACHE ?? os.tmpdir(), `cleanroom-bench-scale-${GENERATOR}`);
const READY = path.join(CACHE, 'ready.json');
const CLIENT = path.join(CACHE, 'client');
const PRISTINE = path.join(CACHE, 'server.git');
const TMP = path.join(CACHE, 'tmp');
const HOOK_LOG = path.join(TMP, 'hook.log');
const TIME = '/usr/bin/time';

/** Commits the history brings over the policy commit. */
const COMMITS = 100_000;
/** Each cycle: a side branch of SIDE commits forks from main, main gains MAIN commits, the side is merged. */
const MAIN = 17;
const SIDE = 3;
/** One commit in this many changes a protected file (on main and on side branches alike). */
const PROTECTED_EVERY = 100;
/** One commit in this many names an assistant as co-author; those change only unprotected files. */
const ASSISTED_EVERY = 250;
const T0 = 1_600_000_000;
const POLICY = `version: 1
protect:
  - path: "datasets/**"
    require: review-if-assistant
`;
const PEOPLE = ['Ada Lovelace <ada@example.org>', 'Grace Hopper <grace@example.org>', 'Alan Turing <alan@example.org>', 'Edsger Dijkstra <ewd@example.org>'];

const env = isolatedEnv(CACHE, { NO_COLOR: '1', TMPDIR: TMP });

const git = (cwd, args, input) => execFileSync('git', args, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
const log = (s) => process.stderr.write(`${s}\n`);

/** The fast-import stream of the whole history: commit n is made at T0 + n by one of PEOPLE. */
function historyStream(base) {
  const out = [];
  let n = 0;
  let mainTip = null; // a mark (commit n is mark n), or null for `base`
  const content = new Map(); // path -> its last content, for the merges to restate
  const commit = (ref, parent, merged, files, message) => {
    n++;
    const who = `${PEOPLE[n % PEOPLE.length]} ${T0 + n} +0000`;
    const lines = [`commit ${ref}`, `mark :${n}`, `author ${who}`, `committer ${who}`, data(message).trimEnd(), `from ${parent === null ? base : `:${parent}`}`];
    for (const m of merged) lines.push(`merge :${m}`);
    for (const [f, text] of files) {
      content.set(f, text);
      lines.push(`M 100644 inline ${f}`, data(text).trimEnd());
    }
    out.push(`${lines.join('\n')}\n`);
    return n;
  };
  /** A one-file change: protected one commit in PROTECTED_EVERY, assistant-made one in ASSISTED_EVERY (never protected). */
  const change = (ref, parent, unprotected) => {
    const k = n + 1;
    const file = k % PROTECTED_EVERY === 0 ? `datasets/d${(k / PROTECTED_EVERY) % 200}.jsonl` : unprotected;
    const assisted = k % ASSISTED_EVERY === 0 && !file.startsWith('datasets/');
    return { mark: commit(ref, parent, [], [[file, `${file} at ${k}\n`]], `change ${k}${assisted ? '\n\nCo-authored-by: Claude <noreply@anthropic.com>' : ''}`), file };
  };
  for (let cycle = 1; n < COMMITS; cycle++) {
    const fork = mainTip;
    // Side branches change files main does not (their own names), so every merge is clean.
    let side = fork;
    const sideFiles = new Set();
    for (let s = 0; s < SIDE && n < COMMITS - 2; s++) {
      const made = change('refs/heads/side', side, `src/m${cycle % 500}/side${s}.ts`);
      side = made.mark;
      sideFiles.add(made.file);
    }
    for (let m = 0; m < MAIN && n < COMMITS - 1; m++) {
      const k = n + 1;
      mainTip = change('refs/heads/main', mainTip, k % 7 === 0 ? `docs/p${k % 40}.md` : `src/m${(cycle + m) % 500}/f${k % 20}.ts`).mark;
    }
    if (side === fork || n >= COMMITS) continue;
    // The merge restates the side's files with the content the side gave them (its tree is the union).
    mainTip = commit(
      'refs/heads/main',
      mainTip,
      [side],
      [...sideFiles].map((f) => [f, content.get(f)]),
      `Merge branch 'side-${cycle}'`,
    );
  }
  return out.join('');
}

function build() {
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  fs.mkdirSync(env.HOME, { recursive: true });
  fs.writeFileSync(env.GIT_CONFIG_GLOBAL, '');
  const started = Date.now();
  log(`scale: a history of ${COMMITS.toLocaleString('en')} commits`);
  fs.mkdirSync(CLIENT, { recursive: true });
  git(CLIENT, ['init', '-q', '-b', 'main']);
  const who = `Bench Human <bench@example.org> ${T0} +0000`;
  git(CLIENT, ['fast-import', '--quiet'], `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\n${data('policy')}M 100644 inline .cleanroom/policy.yaml\n${data(POLICY)}`);
  const base = git(CLIENT, ['rev-parse', 'main']);
  git(CLIENT, ['init', '-q', '--bare', '-b', 'main', PRISTINE]);
  git(CLIENT, ['push', '-q', PRISTINE, 'main']);
  fs.writeFileSync(path.join(CACHE, 'policy.yaml'), POLICY);
  git(PRISTINE, ['config', 'cleanroom.policy', path.join(CACHE, 'policy.yaml')]);
  git(CLIENT, ['fast-import', '--quiet', '--force'], historyStream(base));
  git(CLIENT, ['branch', '-D', 'side']);
  git(CLIENT, ['tag', 'base', base]);
  const count = (args) => Number(git(CLIENT, ['rev-list', '--count', ...args]));
  // A tenth of the history, for memory against history length.
  let tail = 8000;
  while (count([`main~${tail}..main`]) < COMMITS / 10) tail += 100;
  git(CLIENT, ['tag', 'tenth', `main~${tail}`]);
  const stats = {
    generator: GENERATOR,
    built: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    commits: count(['base..main']),
    merges: count(['--merges', 'base..main']),
    protectedCommits: Number(git(CLIENT, ['log', '--format=%H', 'base..main', '--', 'datasets']).split('\n').filter(Boolean).length),
    tenth: count(['tenth..main']),
  };
  fs.writeFileSync(READY, JSON.stringify(stats));
  return stats;
}

/** The cached fixture's figures, built first when missing or made by another generator. */
export function fixture(rebuild = false) {
  const stats = fs.existsSync(READY) && !rebuild ? JSON.parse(fs.readFileSync(READY, 'utf8')) : null;
  if (stats && stats.generator === GENERATOR) {
    log(`scale: using the repositories cached in ${CACHE} (built ${stats.built})`);
    return stats;
  }
  return build();
}

/** One run under /usr/bin/time: wall and CPU (user + sys of the process and every descendant it
 *  waited for) in ms, and the largest resident set of any one of them in bytes. */
function timed(cmd, args, opts = {}) {
  const out = path.join(TMP, 'time.out');
  const r = spawnSync(TIME, ['-f', '%e %U %S %M', '-o', out, cmd, ...args], {
    cwd: CLIENT,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'pipe'],
    ...opts,
  });
  return { ...readTime(out), status: r.status, stderr: r.stderr ?? '' };
}

function readTime(file) {
  if (!fs.existsSync(file)) return { ms: NaN, cpuMs: NaN, rss: NaN };
  const [e, u, s, m] = fs.readFileSync(file, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { ms: e * 1000, cpuMs: (u + s) * 1000, rss: m * 1024 };
}

/** A fresh copy of the server, whose pre-receive is a no-op or cleanroom's under /usr/bin/time. */
function freshServer() {
  const copy = path.join(TMP, 'server.git');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(PRISTINE, copy, { recursive: true });
  fs.writeFileSync(
    path.join(copy, 'hooks', 'pre-receive'),
    `#!/bin/sh\n[ "$BENCH_HOOK" = noop ] && exit 0\nexec ${TIME} -f '%e %U %S %M' -o "$BENCH_HOOK_LOG" ${path.join(HOOKS, 'pre-receive')} "$@"\n`,
    { mode: 0o755 },
  );
  return copy;
}

function push(mode) {
  const server = freshServer();
  fs.rmSync(HOOK_LOG, { force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync('git', ['push', '--quiet', server, 'main'], {
    cwd: CLIENT,
    env: { ...env, BENCH_HOOK: mode, BENCH_HOOK_LOG: HOOK_LOG },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const pushMs = Number(process.hrtime.bigint() - t) / 1e6;
  return { pushMs, ...(mode === 'noop' ? { ms: NaN, cpuMs: NaN, rss: NaN } : readTime(HOOK_LOG)), status: r.status, stderr: r.stderr };
}

const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const mb = (x) => (Number.isFinite(x) ? (x / 1e6).toFixed(0) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/** The scale table (markdown) and any result that was not what its row expects. */
export async function benchScale({ runs = 3, rebuild = false } = {}) {
  const stats = fixture(rebuild);
  fs.mkdirSync(TMP, { recursive: true });
  const policy = ['--policy', path.join(CACHE, 'policy.yaml')];
  const n = (x) => x.toLocaleString('en');
  const native = (range) => ({ label: `\`git log --name-status ${range}\``, cmd: 'git', args: ['log', '--name-status', range], expect: 0 });
  const cli = (label, args) => ({ label, cmd: process.execPath, args: [CLI, ...args, ...policy], expect: 0 });
  // Each group: the native baseline first, then what is measured against it, all interleaved per run.
  const groups = [
    [
      native('base..main'),
      cli(`\`cleanroom scan base..main\`: ${n(stats.commits)} commits, ${n(stats.merges)} merges`, ['scan', 'base..main']),
      cli('`cleanroom check --range base..main`', ['check', '--range', 'base..main']),
    ],
    [native('tenth..main'), cli(`\`cleanroom scan tenth..main\`: ${n(stats.tenth)} commits (memory against history length)`, ['scan', 'tenth..main'])],
  ];
  const pushRow = {
    label: `pre-receive of a push of all ${n(stats.commits)} commits (${n(stats.protectedCommits)} changing a protected file), inside a real \`git push\``,
    runs: [],
    noop: [],
  };
  const startLoad = os.loadavg();
  const unexpected = [];
  for (const group of groups) for (const row of group) row.runs = [];
  for (let i = 0; i < runs; i++) {
    for (const group of groups) {
      for (const row of group) {
        const r = timed(row.cmd, row.args);
        if (r.status !== row.expect) unexpected.push(`${row.label}: exit ${r.status}, expected ${row.expect}\n${r.stderr.slice(0, 2000)}`);
        row.runs.push(r);
        process.stderr.write('.');
      }
    }
    const a = push('noop');
    const b = push('cleanroom');
    if (a.status !== 0) unexpected.push(`the push with a no-op hook exited ${a.status}\n${a.stderr.slice(0, 2000)}`);
    if (b.status !== 0) unexpected.push(`${pushRow.label}: exit ${b.status}, expected success\n${b.stderr.slice(0, 2000)}`);
    pushRow.noop.push(a);
    pushRow.runs.push(b);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const endLoad = os.loadavg();
  fs.rmSync(TMP, { recursive: true, force: true });
  const m = (row, key) => median(row.runs.map((r) => r[key]));
  const peak = (row) => Math.max(...row.runs.map((r) => r.rss).filter(Number.isFinite));
  const lines = [
    `### Scale: ${n(stats.commits)} commits, ${n(stats.merges)} merges`,
    '',
    `A generated history (\`git fast-import\`, ${stats.seconds} s, cached in \`${CACHE}\`): side branches of ${SIDE} commits merged after ${MAIN} commits on main, one commit in ${PROTECTED_EVERY} changing a file under \`datasets/**\` (protected, review-if-assistant), one in ${ASSISTED_EVERY} co-authored by an assistant (on unprotected files only, so every verdict allows). Each row runs beside its native baseline in the same run, interleaved; CPU is user + sys of the whole process tree (\`/usr/bin/time\`). Median of ${runs} runs; load average ${startLoad.map((x) => x.toFixed(2)).join(', ')} at the start, ${endLoad.map((x) => x.toFixed(2)).join(', ')} at the end, on ${os.availableParallelism()} CPUs.`,
    '',
    '| what | wall ms | CPU ms | × native, wall | × native, CPU | peak MB, largest process | exit |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const nativeAll = groups[0][0];
  for (const group of groups) {
    const [base] = group;
    for (const row of group) {
      const isBase = row === base;
      lines.push(
        `| ${row.label} | ${f0(m(row, 'ms'))} | ${f0(m(row, 'cpuMs'))} | ${isBase ? '' : ratio(m(row, 'ms'), m(base, 'ms'))} | ${isBase ? '' : ratio(m(row, 'cpuMs'), m(base, 'cpuMs'))} | ${mb(peak(row))} | ${row.runs.at(-1).status} |`,
      );
    }
  }
  lines.push(
    `| ${pushRow.label} | ${f0(m(pushRow, 'ms'))} | ${f0(m(pushRow, 'cpuMs'))} | ${ratio(m(pushRow, 'ms'), m(nativeAll, 'ms'))} | ${ratio(m(pushRow, 'cpuMs'), m(nativeAll, 'cpuMs'))} | ${mb(peak(pushRow))} | ${pushRow.runs.at(-1).status} |`,
  );
  lines.push(
    '',
    `The whole \`git push\`: ${f0(median(pushRow.noop.map((r) => r.pushMs)))} ms with a no-op pre-receive, ${f0(median(pushRow.runs.map((r) => r.pushMs)))} ms with cleanroom's. The push row's baseline is \`git log --name-status base..main\` (the same commits).`,
  );
  return { section: lines.join('\n'), unexpected };
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(benchScale);
