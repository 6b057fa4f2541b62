#!/usr/bin/env node
// Hook cost on a large repository, as ratios against native git measured in the same run.
// Builds (once, cached in .bench/) a repository of 100,000 files whose pack is several hundred MB,
// stages a handful of changes including one to a protected path, then times each command as
// fresh processes, the way git runs a hook. Usage: npm run bench [-- --runs N] [--isomorphic]
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const RUNS = Number(values.runs);
const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'cleanroom.js');
const BENCH = path.join(ROOT, '.bench');
const BIG_BLOB_MB = 100;
// The large repository is the target; the small one is where the preflight picks isomorphic-git.
const REPOS = [
  { files: 100_000, bigBlobs: 3 },
  { files: 2_000, bigBlobs: 0 },
];
let FILES = 0;
let BIG_BLOBS = 0;
let REPO = '';

const env = {
  PATH: process.env.PATH,
  HOME: BENCH,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: path.join(BENCH, 'gitconfig'),
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.org',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.org',
  NO_COLOR: '1',
};
const git = (args, opts = {}) => execFileSync('git', args, { cwd: REPO, env, maxBuffer: 1 << 30, ...opts });

function build() {
  fs.rmSync(REPO, { recursive: true, force: true });
  fs.mkdirSync(REPO, { recursive: true });
  fs.writeFileSync(env.GIT_CONFIG_GLOBAL, '');
  git(['init', '-q', '-b', 'main']);
  // fast-import writes one pack directly: 100k small files plus incompressible large blobs.
  const chunks = ['commit refs/heads/main\ncommitter Bench <bench@example.org> 1700000000 +0000\ndata 5\nbase\n'];
  const policy = fs.readFileSync(path.join(ROOT, 'policy.yaml'));
  chunks.push(`M 100644 inline .cleanroom/policy.yaml\ndata ${policy.length}\n${policy}\n`);
  for (let i = 0; i < FILES; i++) {
    const top = i < FILES * 0.1 ? 'datasets' : 'src';
    const body = `file ${i}\n`;
    chunks.push(`M 100644 inline ${top}/d${Math.floor(i / 100) % 1000}/f${i}.txt\ndata ${body.length}\n${body}\n`);
  }
  const input = [Buffer.from(chunks.join(''))];
  for (let b = 0; b < BIG_BLOBS; b++) {
    const blob = crypto.randomBytes(BIG_BLOB_MB * 1024 * 1024);
    input.push(Buffer.from(`M 100644 inline assets/big${b}.bin\ndata ${blob.length}\n`), blob, Buffer.from('\n'));
  }
  git(['fast-import', '--quiet'], { input: Buffer.concat(input) });
  git(['read-tree', 'main']);
}

function stage() {
  git(['read-tree', 'main']);
  for (let i = 0; i < 10; i++) {
    const oid = git(['hash-object', '-w', '--stdin'], { input: `changed ${i} ${Date.now()}\n` }).toString().trim();
    const n = Math.floor(FILES / 2) + i * 37;
    git(['update-index', '--cacheinfo', `100644,${oid},src/d${Math.floor(n / 100) % 1000}/f${n}.txt`]);
  }
  const oid = git(['hash-object', '-w', '--stdin'], { input: '{"new": true}\n' }).toString().trim();
  git(['update-index', '--add', '--cacheinfo', `100644,${oid},datasets/new/example.jsonl`]);
}

function time(cmd, args, extraEnv = {}) {
  const samples = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    last = spawnSync(cmd, args, { cwd: REPO, env: { ...env, ...extraEnv }, encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], status: last.status, stderr: last.stderr };
}

for (const spec of REPOS) {
FILES = spec.files;
BIG_BLOBS = spec.bigBlobs;
REPO = path.join(BENCH, `repo-${FILES}`);
/** A push of 1,000 commits: each changes 3 files, every 10th also adds one under datasets/. */
function buildRange() {
  const chunks = [];
  for (let c = 0; c < 1000; c++) {
    const msg = `change ${c}\n`;
    chunks.push(`commit refs/heads/pushed\ncommitter Bench <bench@example.org> ${1700000100 + c} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`);
    if (c === 0) chunks.push('from refs/heads/main^0\n');
    for (let k = 0; k < 3; k++) {
      const n = Math.floor(FILES / 2) + ((c * 3 + k) % (FILES / 2));
      const body = `file ${n} v${c}\n`;
      chunks.push(`M 100644 inline src/d${Math.floor(n / 100) % 1000}/f${n}.txt\ndata ${body.length}\n${body}\n`);
    }
    if (c % 10 === 0) chunks.push(`M 100644 inline datasets/pushed/p${c}.jsonl\ndata 3\n{}\n\n`);
  }
  git(['fast-import', '--quiet'], { input: chunks.join('') });
}

function rangeRows() {
  if (!git(['branch', '--list', 'pushed']).toString().trim()) buildRange();
  return [
    ['git rev-list main..pushed \\| git diff-tree --stdin -r (1,000 commits)', time('sh', ['-c', 'git rev-list main..pushed | git diff-tree --stdin -r >/dev/null'])],
    ['cleanroom check --range main..pushed (1,000 commits)', time(process.execPath, [CLI, 'check', '--range', 'main..pushed'])],
  ];
}

if (!fs.existsSync(path.join(REPO, '.git', 'index'))) {
  process.stderr.write(`building ${REPO} (${FILES} files, ${BIG_BLOBS * BIG_BLOB_MB} MB of large blobs)...\n`);
  build();
}
stage();
const packBytes = fs
  .readdirSync(path.join(REPO, '.git', 'objects', 'pack'))
  .filter((f) => f.endsWith('.pack'))
  .reduce((n, f) => n + fs.statSync(path.join(REPO, '.git', 'objects', 'pack', f)).size, 0);
const entries = Number(git(['ls-files', '--stage']).toString().split('\n').length - 1);

const rows = [
  ['node -e 0 (Node start)', time(process.execPath, ['-e', '0'])],
  ['git diff --cached --name-status', time('git', ['diff', '--cached', '--name-status'])],
  ['cleanroom hook pre-commit (human, allowed)', time(process.execPath, [CLI, 'hook', 'pre-commit'])],
  ['cleanroom hook pre-commit (assistant, blocked)', time(process.execPath, [CLI, 'hook', 'pre-commit'], { CLAUDECODE: '1' })],
];
const engine = JSON.parse(spawnSync(process.execPath, [CLI, 'check', '--format', 'json'], { cwd: REPO, env, encoding: 'utf8' }).stdout).engine;
rows[2][0] += ` [${engine}]`;
const other = engine === 'isomorphic' ? 'plumbing' : 'isomorphic';
if (FILES <= 20_000) {
  rows.push([`cleanroom hook pre-commit (human) [${other} forced]`, time(process.execPath, [CLI, 'hook', 'pre-commit'], { CLEANROOM_ENGINE: other })]);
}

const node = rows[0][1].ms;
const native = rows[1][1].ms;
console.log(`\nrepository: ${entries} index entries, ${(packBytes / 1e6).toFixed(0)} MB of packs, 11 staged changes (1 protected); median of ${RUNS} runs`);
console.log('| command | median ms | × git diff --cached | beyond Node start (ms) | exit |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, r] of rows) {
  const beyond = name.startsWith('cleanroom') ? (r.ms - node).toFixed(1) : '';
  console.log(`| ${name} | ${r.ms.toFixed(1)} | ${(r.ms / native).toFixed(2)} | ${beyond} | ${r.status} |`);
}
if (FILES <= 20_000) {
  const [baseline, ours] = rangeRows();
  console.log(`\nA push of 1,000 commits (3,100 path changes, 100 of them protected), as pre-receive and check --range judge it:`);
  console.log('| command | median ms | × rev-list \\| diff-tree --stdin | exit |');
  console.log('|---|---:|---:|---:|');
  for (const [name, r] of [baseline, ours]) console.log(`| ${name} | ${r.ms.toFixed(1)} | ${(r.ms / baseline[1].ms).toFixed(2)} | ${r.status} |`);
}
const bad = rows.find(([name, r]) => name.includes('(human') && r.status !== 0);
if (bad) {
  console.error(`\nunexpected verdict for "${bad[0]}":\n${bad[1].stderr}`);
  process.exitCode = 1;
}
}
