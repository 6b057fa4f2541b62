// Push shapes that once ran past a host's pre-receive time limit (docs/security.md, "Push
// shapes"): one commit with thousands of tags, a wide octopus merge, a long history. Each is a
// real `git push` into a bare repository whose pre-receive runs cleanroom, beside the same push
// into the same repository with a no-op hook (the baseline), interleaved in the same run.
//
// Builds its fixtures once with `git fast-import`, cached under os.tmpdir() in a folder of its
// own; each push goes to a fresh copy of the server, so every run pushes the same thing.
//
// Usage: node scripts/bench-shapes.js [--runs N] [--rebuild]   (or scripts/bench.js --only shapes)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isolatedEnv } from './bench-common.js';

/** Bump when anything below changes what is built: the cache is keyed on it. */
const GENERATOR = 1;

const ROOT = path.resolve(import.meta.dirname, '..');
const HOOKS = path.join(ROOT, 'hooks');
const CACHE = path.join(os.tmpdir(), `cleanroom-bench-shapes-${GENERATOR}`);
const READY = path.join(CACHE, 'ready.json');
const TMP = path.join(CACHE, 'tmp');
const HOOK_LOG = path.join(TMP, 'hook.log');

const TAGS = 2_000;
const PARENTS = 1_000;
const LONG = 100_000;
/** Every this many commits of the long history, one changes a protected file. */
const PROTECTED_EVERY = 1_000;
const WHEN = '1700000000 +0000';
const ME = `Bench Human <bench@example.org> ${WHEN}`;
const POLICY = `version: 1
protect:
  - path: "datasets/**"
    require: review-if-assistant
`;

// Every commit and tag is made by fast-import, which names its own people: no identity needed.
const env = isolatedEnv(CACHE, { TMPDIR: TMP });

const git = (cwd, args, input) => execFileSync('git', args, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
const log = (s) => process.stderr.write(`${s}\n`);

/** A client repository with the policy committed, and the server it was pushed to before any hook. */
function base(name) {
  const client = path.join(CACHE, name, 'client');
  const server = path.join(CACHE, name, 'server.git');
  fs.mkdirSync(client, { recursive: true });
  git(client, ['init', '-q', '-b', 'main']);
  git(
    client,
    ['fast-import', '--quiet'],
    `commit refs/heads/main\ncommitter ${ME}\n${data('policy')}M 100644 inline .cleanroom/policy.yaml\n${data(POLICY)}M 100644 inline README.md\n${data('hello')}`,
  );
  git(client, ['init', '-q', '--bare', '-b', 'main', server]);
  git(client, ['push', '-q', server, 'main']);
  fs.writeFileSync(path.join(CACHE, name, 'policy.yaml'), POLICY);
  git(server, ['config', 'cleanroom.policy', path.join(CACHE, name, 'policy.yaml')]);
  return { client, server, base: git(client, ['rev-parse', 'main']) };
}

function build() {
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  fs.mkdirSync(env.HOME, { recursive: true });
  fs.writeFileSync(env.GIT_CONFIG_GLOBAL, '');
  const started = Date.now();

  log(`shapes: one commit and ${TAGS} tags`);
  const tags = base('tags');
  let stream = `commit refs/heads/main\ncommitter ${ME}\n${data('data')}from ${tags.base}\nM 100644 inline datasets/a.jsonl\n${data('{"human": true}')}`;
  // Half lightweight, half annotated (each its own tag object, peeled to the same commit).
  for (let i = 0; i < TAGS / 2; i++) stream += `reset refs/tags/light${i}\nfrom refs/heads/main\n\n`;
  for (let i = 0; i < TAGS / 2; i++) stream += `tag heavy${i}\nfrom refs/heads/main\ntagger ${ME}\n${data(`release ${i}`)}`;
  git(tags.client, ['fast-import', '--quiet'], stream);

  log(`shapes: an octopus of ${PARENTS} parents`);
  const octopus = base('octopus');
  stream = '';
  for (let i = 1; i <= PARENTS; i++)
    stream += `commit refs/heads/side${i}\nmark :${i}\ncommitter ${ME}\n${data(`side ${i}`)}from ${octopus.base}\nM 100644 inline datasets/side-${i}.jsonl\n${data(`{"side": ${i}}`)}`;
  stream += `commit refs/heads/main\ncommitter ${ME}\n${data('merge the sides')}from ${octopus.base}\n`;
  for (let i = 1; i <= PARENTS; i++) stream += `merge :${i}\n`;
  for (let i = 1; i <= PARENTS; i++) stream += `M 100644 inline datasets/side-${i}.jsonl\n${data(`{"side": ${i}}`)}`;
  git(octopus.client, ['fast-import', '--quiet'], stream);

  log(`shapes: a history of ${LONG.toLocaleString('en')} commits`);
  const long = base('long');
  const chunks = [];
  for (let i = 1; i <= LONG; i++) {
    const file = i % PROTECTED_EVERY === 0 ? `datasets/d${i % 50}.jsonl` : `src/m${i % 500}/f${i % 20}.txt`;
    chunks.push(`commit refs/heads/main\ncommitter ${ME}\n${data(`change ${i}`)}${i === 1 ? `from ${long.base}\n` : ''}M 100644 inline ${file}\n${data(`${i}`)}`);
  }
  git(long.client, ['fast-import', '--quiet'], chunks.join(''));

  const stats = { generator: GENERATOR, built: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) };
  fs.writeFileSync(READY, JSON.stringify(stats));
  return stats;
}

/** The pre-receive hook of a fresh server copy: cleanroom's, timed from inside, or a no-op. */
function freshServer(name) {
  const pristine = path.join(CACHE, name, 'server.git');
  const copy = path.join(TMP, `${name}.git`);
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(pristine, copy, { recursive: true });
  const clock = fs.existsSync('/bin/bash') ? '$EPOCHREALTIME' : '$(date +%s.%N)';
  fs.writeFileSync(
    path.join(copy, 'hooks', 'pre-receive'),
    `#!${fs.existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh'}\n[ "$BENCH_HOOK" = noop ] && exit 0\nt0=${clock}\n${path.join(HOOKS, 'pre-receive')} "$@"\nrc=$?\nt1=${clock}\necho "$t0 $t1 $rc" > "$BENCH_HOOK_LOG"\nexit $rc\n`,
    { mode: 0o755 },
  );
  return copy;
}

function push(name, refs, mode) {
  const server = freshServer(name);
  fs.rmSync(HOOK_LOG, { force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync('git', ['push', '--quiet', server, ...refs], {
    cwd: path.join(CACHE, name, 'client'),
    env: { ...env, BENCH_HOOK: mode, BENCH_HOOK_LOG: HOOK_LOG },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  let hookMs = NaN;
  if (mode !== 'noop' && fs.existsSync(HOOK_LOG)) {
    const [t0, t1] = fs.readFileSync(HOOK_LOG, 'utf8').trim().split(' ');
    hookMs = (Number(t1) - Number(t0)) * 1000;
  }
  return { ms, hookMs, status: r.status, stderr: r.stderr };
}

export const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–');

/** The shapes table (markdown) and any result that was not what the row expects. */
export async function benchShapes({ runs = 3, rebuild = false } = {}) {
  let stats = fs.existsSync(READY) && !rebuild ? JSON.parse(fs.readFileSync(READY, 'utf8')) : null;
  if (!stats || stats.generator !== GENERATOR) stats = build();
  else log(`shapes: using the repositories cached in ${CACHE} (built ${stats.built})`);
  const rows = [
    { label: `1 commit + ${TAGS.toLocaleString('en')} tags (half annotated), allowed`, name: 'tags', refs: ['main', '--tags'], expect: 0 },
    { label: `an octopus merge of ${PARENTS.toLocaleString('en')} parents: refused (over limits.max_parents)`, name: 'octopus', refs: ['main'], expect: 1 },
    {
      label: `a push of ${LONG.toLocaleString('en')} commits, 1 in ${PROTECTED_EVERY.toLocaleString('en')} changing a protected file, allowed`,
      name: 'long',
      refs: ['main'],
      expect: 0,
    },
  ];
  const unexpected = [];
  for (const row of rows) {
    log(`shapes: ${row.label}`);
    row.noop = [];
    row.ours = [];
    row.hook = [];
    for (let i = 0; i < runs; i++) {
      const a = push(row.name, row.refs, 'noop');
      const b = push(row.name, row.refs, 'cleanroom');
      if (a.status !== 0) unexpected.push(`${row.label}: the push with a no-op hook exited ${a.status}\n${a.stderr.slice(0, 2000)}`);
      if ((b.status === 0 ? 0 : 1) !== row.expect)
        unexpected.push(`${row.label}: exit ${b.status}, expected ${row.expect ? 'a rejection' : 'success'}\n${b.stderr.slice(0, 2000)}`);
      row.noop.push(a.ms);
      row.ours.push(b.ms);
      row.hook.push(b.hookMs);
      row.status = b.status;
      process.stderr.write('.');
    }
    process.stderr.write('\n');
  }
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  const lines = [
    '### Push shapes: many refs, a wide octopus, a long history',
    '',
    `A real \`git push\` (over \`file://\`) into a fresh copy of a bare server whose \`hooks/pre-receive\` runs cleanroom (server policy: \`datasets/**\` protected, the default \`limits.max_parents\`), beside the same push into the same server with a no-op hook; the hook's own time is measured inside the push (in quarantine). Median of ${runs} runs; fixtures built with \`git fast-import\` in ${stats.seconds} s, cached in \`${CACHE}\`.`,
    '',
    '| push | `git push`, no-op hook, ms | `git push`, cleanroom, ms | × no-op push | pre-receive, ms | exit |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${f0(median(r.noop))} | ${f0(median(r.ours))} | ${ratio(median(r.ours), median(r.noop))} | ${f0(median(r.hook))} | ${r.status} |`),
  ];
  return { section: lines.join('\n'), unexpected };
}

/** A bench section run on its own (`node scripts/bench-<name>.js [--runs N] [--rebuild]`): its table on stdout, surprises on stderr. */
export async function runAlone(bench) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, rebuild: { type: 'boolean', default: false } } });
  const { section, unexpected } = await bench({ runs: Math.max(1, Number(values.runs)), rebuild: values.rebuild });
  console.log(section);
  if (unexpected.length) {
    log(`\n${unexpected.length} unexpected result(s):\n${unexpected.join('\n')}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(benchShapes);
