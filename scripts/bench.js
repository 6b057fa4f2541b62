#!/usr/bin/env node
// What each of cleanroom's paths costs on a large repository, against the native git command that
// does the least work answering the same question, measured in the same run.
//
// Builds once, with git's own plumbing (fast-import), and caches under os.tmpdir():
//   - a large repository: 100,000 files in 1,000 folders (5,000 of them in a datasets/ folder),
//     a history of 10,000 commits (with merges, and some assistant-made dataset changes), and
//     several hundred MB of packs (incompressible blobs);
//   - the same repository without the large blobs (to show memory does not follow pack size);
//   - a bare "server" clone of it, whose pre-receive runs cleanroom, and three pushes
//     (1, 100 and 1,000 commits) to send to it;
//   - a commit carrying 1,000 protected files and 1,000 attestations signed with one SSH key.
// Then times fresh processes, as git starts a hook: median of --runs runs (the rows of a table
// interleaved, so a busy machine slows them alike), and peak memory from separate runs.
// Writes the tables to bench/RESULTS.md and a summary between the bench markers of bench/README.md.
//
// Lineage (the index build, a push with and without it) and push shapes (many tags, a wide octopus,
// a long history) have fixtures of their own: scripts/bench-lineage.js, scripts/bench-shapes.js;
// so have scale (a 100,000-commit history: scan, check --range and a push of it): scripts/bench-scale.js,
// and the assistant guard (a fresh process per tool call): scripts/bench-guard.js.
//
// Usage: npm run bench [-- --runs N] [--rebuild] [--no-write] [--only local,server,history,lineage,shapes,scale,guard]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchLineage } from './bench-lineage.js';
import { benchShapes } from './bench-shapes.js';
import { benchScale } from './bench-scale.js';
import { benchGuard } from './bench-guard.js';
import { isolatedEnv, prng } from './bench-common.js';

/** Bump when anything below changes what is built: the cache is keyed on it. */
const GENERATOR = 3;

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    rebuild: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(opt.runs));
const MEM_RUNS = Math.min(3, RUNS);
const ONLY = opt.only ? new Set(opt.only.split(',')) : null;
const wants = (section) => !ONLY || ONLY.has(section);
const FULL = !ONLY;

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'cleanroom.js');
const HOOKS = path.join(ROOT, 'hooks');
const CACHE = path.join(os.tmpdir(), `cleanroom-bench-${GENERATOR}`);
const READY = path.join(CACHE, 'ready.json');
const BIG = path.join(CACHE, 'large'); // the large repository (with a .git)
const NOPACK = path.join(CACHE, 'large-small-pack');
const SERVER = path.join(CACHE, 'server.git');
const KEY = path.join(CACHE, 'keys', 'reviewer');
const TMP = path.join(CACHE, 'tmp');

// The shape of what is built.
const PKGS = 19; // src/pkgNN: 19 × 50 folders × 100 files = 95,000
const MODS = 50;
const SETS = 50; // datasets/setNN: 50 folders × 100 files = 5,000
const PER_FOLDER = 100;
const FILES = (PKGS * MODS + SETS) * PER_FOLDER;
const HISTORY = 10_000; // commits reachable from main, the root included
const BIG_BLOBS = 3;
const BIG_BLOB_MB = 100;
const REVIEWED = 1_000;
const PUSHED = 1_000;
const PUSHES = [1, 100, 1_000];
const STAGES = [10, 1_000];
/** The staged set whose every file holds a canary (an index of its own, like each of STAGES). */
const MARKED = 'marked';
const REPOSITORY_ID = 'urn:uuid:0b5e0c4e-3c1a-4b5e-9f00-0000000be9c1';
const NAMESPACE = 'cleanroom-review-v1';
const REVIEWER = 'reviewer@example.org';
const CANARY = 'BENCH-CANARY-';
const T0 = 1_700_000_000;

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const BASH = fs.existsSync('/bin/bash') ? '/bin/bash' : null;
const PAGE = 4096;

const env = isolatedEnv(CACHE, {
  GIT_AUTHOR_NAME: 'Bench Human',
  GIT_AUTHOR_EMAIL: 'human@example.org',
  GIT_COMMITTER_NAME: 'Bench Human',
  GIT_COMMITTER_EMAIL: 'human@example.org',
  NO_COLOR: '1',
});
const log = (s) => process.stderr.write(`${s}\n`);
const git = (cwd, args, opts = {}) =>
  execFileSync('git', args, { cwd, env, maxBuffer: 1 << 30, ...opts })
    .toString()
    .trim();

// ---------------------------------------------------------------------------------------------
// Building

const WORDS = 'the a of model data train eval sample token label score prompt answer review human test split batch shard loss value mean query result source note'.split(' ');
const words = (rnd, n) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');

const srcPath = (i) => {
  const folder = Math.floor(i / PER_FOLDER);
  return `src/pkg${String(Math.floor(folder / MODS)).padStart(2, '0')}/mod${String(folder % MODS).padStart(2, '0')}/file${i % PER_FOLDER}.ts`;
};
const dataPath = (i) => `datasets/set${String(Math.floor(i / PER_FOLDER)).padStart(2, '0')}/rows${i % PER_FOLDER}.jsonl`;
function srcBody(rnd, i, v) {
  const lines = [`// module ${i} version ${v}`];
  for (let k = 4 + Math.floor(rnd() * 20); k > 0; k--) lines.push(`export const v${k} = ${Math.floor(rnd() * 1e6)}; // ${words(rnd, 3)}`);
  return `${lines.join('\n')}\n`;
}
function dataBody(rnd, i, v, extra = '') {
  const lines = [];
  for (let k = 3 + Math.floor(rnd() * 12); k > 0; k--) lines.push(JSON.stringify({ id: `${i}-${v}-${k}`, text: words(rnd, 8), label: Math.floor(rnd() * 5) }));
  if (extra) lines.push(extra);
  return `${lines.join('\n')}\n`;
}

/** A fast-import stream written straight into git's stdin, with backpressure. */
async function fastImport(cwd, produce, args = []) {
  const child = spawn('git', ['fast-import', '--quiet', ...args], { cwd, env, stdio: ['pipe', 'inherit', 'inherit'] });
  const closed = once(child, 'close');
  let parts = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const buf = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    parts = [];
    size = 0;
    if (!child.stdin.write(buf)) await once(child.stdin, 'drain');
  };
  const w = async (chunk) => {
    parts.push(chunk);
    size += chunk.length;
    if (size > 1 << 20) await flush();
  };
  const file = (p, body) => w(`M 100644 inline ${p}\ndata ${Buffer.byteLength(body)}\n${body}\n`);
  const commit = (ref, { mark, who = 'Bench Human <human@example.org>', when, message, from, merge }) =>
    w(
      `commit ${ref}\n${mark ? `mark :${mark}\n` : ''}author ${who} ${when} +0000\ncommitter ${who} ${when} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}\n${from ? `from ${from}\n` : ''}${merge ? `merge ${merge}\n` : ''}`,
    );
  await produce({ w, file, commit });
  await flush();
  child.stdin.end();
  const [code] = await closed;
  if (code !== 0) throw new Error(`git fast-import exited ${code} in ${cwd}`);
}

function benchPolicy() {
  // The shipped policy with a repository id (what `cleanroom init` adds) and a canary marker,
  // so the marker scan over added protected lines is part of what is measured.
  const text = fs.readFileSync(path.join(ROOT, 'policy.yaml'), 'utf8');
  return text.replace(/^version: 1$/m, `version: 1\nrepository: ${REPOSITORY_ID}`).replace(/^(\s*)markers: \[\]/m, `$1markers: ["${CANARY}[0-9a-f]{8}"]`);
}

/** Root commit, 10,000 commits of history, and the two staged change sets (each in an index). */
async function importMain(repo, { bigBlobs, signers }) {
  const staged = new Map();
  await fastImport(
    repo,
    async ({ w, file, commit }) => {
      const rnd = prng(42);
      let mark = 0;
      await commit('refs/heads/main', { mark: ++mark, when: T0, message: 'Import the code base and datasets\n' });
      await file('.cleanroom/policy.yaml', benchPolicy());
      await file('.cleanroom/allowed_signers', signers);
      await file('README.md', '# A large repository\n');
      for (let i = 0; i < PKGS * MODS * PER_FOLDER; i++) await file(srcPath(i), srcBody(rnd, i, 0));
      for (let i = 0; i < SETS * PER_FOLDER; i++) await file(dataPath(i), dataBody(rnd, i, 0));
      for (let b = 0; b < bigBlobs; b++) {
        const bytes = BIG_BLOB_MB * 1024 * 1024;
        await w(`M 100644 inline assets/video${b}.bin\ndata ${bytes}\n`);
        for (let left = bytes; left > 0; left -= 1 << 20) await w(crypto.randomBytes(Math.min(left, 1 << 20)));
        await w('\n');
      }
      // History: mostly small human changes to code; every 20th commit changes a dataset file; some
      // of those are assistant-made (a trailer, an aider identity, a canary); one step in 50 is a
      // topic branch of two commits merged back.
      let count = 1;
      let step = 0;
      let tip = mark;
      const change = async (c) => {
        for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
          const i = Math.floor(rnd() * PKGS * MODS * PER_FOLDER);
          await file(srcPath(i), srcBody(rnd, i, c));
        }
      };
      while (count < HISTORY) {
        step++;
        const when = T0 + step * 600;
        if (step % 50 === 25 && count + 3 <= HISTORY) {
          const side = [];
          for (let s = 0; s < 2; s++) {
            const i = Math.floor(rnd() * PKGS * MODS * PER_FOLDER);
            const body = srcBody(rnd, i, `${step}s${s}`);
            side.push([srcPath(i), body]);
            await commit('refs/heads/topic', { mark: ++mark, when: when + s, message: `Topic ${step} part ${s + 1}\n`, from: s === 0 ? `:${tip}` : undefined });
            await file(srcPath(i), body);
          }
          await commit('refs/heads/main', { mark: ++mark, when: when + 2, message: `Merge topic ${step}\n`, merge: `:${mark - 1}` });
          for (const [p, body] of side) await file(p, body);
          tip = mark;
          count += 3;
          continue;
        }
        const data = step % 20 === 0;
        const assistant = data && step % 200 === 0;
        const aider = data && step % 500 === 0;
        const canary = data && step % 2000 === 0;
        const message = `Change ${step}\n\nRoutine work on the code base.\n${assistant ? '\nCo-authored-by: Claude <noreply@anthropic.com>\n' : ''}`;
        await commit('refs/heads/main', { mark: ++mark, when, message, who: aider ? 'Dev (aider) <dev@example.org>' : undefined });
        await change(step);
        if (data) {
          const i = Math.floor(rnd() * SETS * PER_FOLDER);
          await file(
            dataPath(i),
            dataBody(rnd, i, step, canary ? JSON.stringify({ note: `${CANARY}${crypto.createHash('sha1').update(String(step)).digest('hex').slice(0, 8)}` }) : ''),
          );
        }
        tip = mark;
        count++;
      }
      // What pre-commit and commit-msg judge: N protected files staged, half edits, half new files.
      for (const n of STAGES) {
        const files = [];
        for (let k = 0; k < n; k++) {
          const p = k % 2 === 0 ? dataPath(Math.floor((k * 4999) / n)) : `datasets/incoming/batch${String(Math.floor(k / 100)).padStart(2, '0')}/new${k}.jsonl`;
          files.push([p, dataBody(rnd, k, `staged${n}`)]);
        }
        staged.set(n, files);
      }
      // An assistant's commit of 1,000 new protected files, each holding a canary the policy marks.
      const marked = [];
      for (let k = 0; k < 1000; k++) {
        const canary = `${CANARY}${crypto.createHash('sha1').update(`marked${k}`).digest('hex').slice(0, 8)}`;
        marked.push([`datasets/incoming/marked/row${k}.jsonl`, `${JSON.stringify({ id: `marked-${k}`, note: canary })}\n`]);
      }
      staged.set(MARKED, marked);
    },
    ['--big-file-threshold=16m'],
  );
  git(repo, ['update-ref', '-d', 'refs/heads/topic']);
  git(repo, ['commit-graph', 'write', '--reachable']); // what gc leaves behind on any real repository
  for (const [n, files] of staged) stage(repo, n, files);
  git(repo, ['read-tree', 'main']);
}
const indexFile = (repo, n) => path.join(repo, '.git', `bench-index-${n}`);

/** Stages files in an index of their own as `git add` does: each new content a loose object
 *  (which git reads with three opens, where a packed one costs a lookup), then its entry. */
function stage(repo, n, files) {
  const dir = fs.mkdtempSync(path.join(TMP, 'stage-'));
  const list = files.map(([, body], k) => {
    const file = path.join(dir, String(k));
    fs.writeFileSync(file, body);
    return file;
  });
  const oids = git(repo, ['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: `${list.join('\n')}\n` }).split('\n');
  const withIndex = { ...env, GIT_INDEX_FILE: indexFile(repo, n) };
  git(repo, ['read-tree', 'main'], { env: withIndex });
  git(repo, ['update-index', '--index-info'], { env: withIndex, input: files.map(([p], k) => `100644 ${oids[k]}\t${p}\n`).join('') });
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A worktree of BIG (nothing checked out) whose HEAD is the commit with 1,000 attestations, and
 *  an index there that adds 10 new protected files; made once, beside the cached repositories. */
function reviewedWorktree() {
  const dir = path.join(CACHE, 'reviewed-worktree');
  const index = path.join(dir, 'bench-index');
  if (fs.existsSync(index)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  git(BIG, ['worktree', 'prune']);
  git(BIG, ['worktree', 'add', '--detach', '--no-checkout', dir, 'reviewed']);
  const withIndex = { env: { ...env, GIT_INDEX_FILE: `${index}.tmp` } };
  git(dir, ['read-tree', 'reviewed'], withIndex);
  for (let k = 0; k < 10; k++) {
    const oid = git(dir, ['hash-object', '-w', '--stdin'], { input: `{"row": ${k}, "text": "new after the reviews"}\n` });
    git(dir, ['update-index', '--add', '--cacheinfo', `100644,${oid},datasets/after-review/new${k}.jsonl`], withIndex);
  }
  fs.renameSync(`${index}.tmp`, index);
  return dir;
}

/** The pushes (on the client only, built after the server clone so the server lacks them) and
 *  a commit with 1,000 reviewed protected files, each covered by its own signed attestation. */
async function importBranches(repo) {
  const rnd = prng(7);
  // 1,000 attestations: statements built here, their PAE signed by one ssh-keygen process.
  const reviewedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const sigDir = path.join(TMP, 'sign');
  fs.rmSync(sigDir, { recursive: true, force: true });
  fs.mkdirSync(sigDir, { recursive: true });
  const type = 'application/vnd.in-toto+json';
  const items = [];
  for (let k = 0; k < REVIEWED; k++) {
    const p = `datasets/reviewed/part${String(Math.floor(k / 100)).padStart(2, '0')}/rows${k}.jsonl`;
    const body = Buffer.from(dataBody(rnd, k, 'reviewed'));
    const gitBlob = crypto.createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
    const statement = Buffer.from(
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: p, digest: { gitBlob, sha256: crypto.createHash('sha256').update(body).digest('hex') } }],
        predicateType: 'https://cleanroom.dev/attestation/human-review/v1',
        predicate: { repository: REPOSITORY_ID, reviewer: REVIEWER, reviewedAt, decision: 'approved', objectFormat: 'sha1' },
      }),
    );
    const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${statement.length} `), statement]);
    const file = path.join(sigDir, `${k}.pae`);
    fs.writeFileSync(file, pae);
    items.push({ p, body, statement, file });
  }
  execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', NAMESPACE, '-f', KEY, ...items.map((i) => i.file)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const keyid = execFileSync('ssh-keygen', ['-l', '-f', `${KEY}.pub`], { env })
    .toString()
    .split(' ')[1];

  await fastImport(repo, async ({ file, commit }) => {
    for (let c = 0; c < PUSHED; c++) {
      await commit('refs/heads/pushed', { when: T0 + 20_000_000 + c, message: `Pushed change ${c}\n`, from: c === 0 ? 'refs/heads/main^0' : undefined });
      for (let k = 0; k < 3; k++) {
        const i = Math.floor(rnd() * PKGS * MODS * PER_FOLDER);
        await file(srcPath(i), srcBody(rnd, i, `p${c}`));
      }
      if (c % 10 === 0) await file(`datasets/incoming/pushed/p${c}.jsonl`, dataBody(rnd, c, 'pushed'));
    }
    await commit('refs/heads/reviewed', {
      when: T0 + 30_000_000,
      message: 'Add reviewed rows\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
      from: 'refs/heads/main^0',
    });
    for (const it of items) {
      const armored = fs.readFileSync(`${it.file}.sig`, 'utf8').trim().split('\n');
      const sig = armored.slice(1, -1).join('');
      const envelope = `${JSON.stringify({ payload: it.statement.toString('base64'), payloadType: type, signatures: [{ keyid, sig }] }, null, 2)}\n`;
      const name = crypto.createHash('sha256').update(it.statement).digest('hex').slice(0, 16);
      await file(it.p, it.body.toString());
      await file(`.cleanroom/attestations/${name}.dsse.json`, envelope);
    }
  });
  fs.rmSync(sigDir, { recursive: true, force: true });
}

function packBytes(gitDir) {
  const dir = path.join(gitDir, 'objects', 'pack');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.pack'))
    .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

async function build() {
  for (const stale of fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('cleanroom-bench-'))) {
    fs.rmSync(path.join(os.tmpdir(), stale), { recursive: true, force: true });
  }
  const started = Date.now();
  fs.mkdirSync(path.join(CACHE, 'home'), { recursive: true });
  fs.mkdirSync(path.dirname(KEY), { recursive: true });
  fs.mkdirSync(TMP, { recursive: true });
  fs.writeFileSync(env.GIT_CONFIG_GLOBAL, '');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', REVIEWER, '-f', KEY], { env });
  const pub = fs.readFileSync(`${KEY}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const signers = `${REVIEWER} namespaces="${NAMESPACE}" ${pub}\n`;

  for (const [repo, bigBlobs] of [
    [BIG, BIG_BLOBS],
    [NOPACK, 0],
  ]) {
    log(`building ${repo}: ${FILES.toLocaleString('en')} files, ${HISTORY.toLocaleString('en')} commits${bigBlobs ? `, ${bigBlobs * BIG_BLOB_MB} MB of large blobs` : ''}...`);
    git(CACHE, ['init', '-q', '-b', 'main', repo]);
    await importMain(repo, { bigBlobs, signers });
  }
  log(`cloning the server ${SERVER}...`);
  git(CACHE, ['clone', '-q', '--bare', '--single-branch', '--branch', 'main', BIG, SERVER]);
  const serverPolicy = path.join(CACHE, 'server-policy');
  fs.mkdirSync(serverPolicy, { recursive: true });
  fs.writeFileSync(path.join(serverPolicy, 'policy.yaml'), benchPolicy());
  fs.writeFileSync(path.join(serverPolicy, 'allowed_signers'), signers);
  git(SERVER, ['config', 'cleanroom.policy', path.join(serverPolicy, 'policy.yaml')]);
  log('building the pushes and 1,000 attestations...');
  await importBranches(BIG);
  const check = spawnSync(process.execPath, [CLI, 'policy', 'check', path.join(serverPolicy, 'policy.yaml')], { env, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`the bench policy does not validate:\n${check.stderr}${check.stdout}`);
  const stats = {
    generator: GENERATOR,
    built: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    files: Number(git(BIG, ['ls-files']).split('\n').length),
    folders: new Set(
      git(BIG, ['ls-files'])
        .split('\n')
        .map((p) => path.posix.dirname(p)),
    ).size,
    datasets: git(BIG, ['ls-tree', '-r', '--name-only', 'main', 'datasets']).split('\n').length,
    commits: Number(git(BIG, ['rev-list', '--count', 'main'])),
    merges: Number(git(BIG, ['rev-list', '--count', '--merges', 'main'])),
    packBytes: packBytes(path.join(BIG, '.git')),
    smallPackBytes: packBytes(path.join(NOPACK, '.git')),
    serverPackBytes: packBytes(SERVER),
  };
  fs.writeFileSync(READY, `${JSON.stringify(stats, null, 2)}\n`);
  log(`built in ${stats.seconds} s`);
  return stats;
}

// ---------------------------------------------------------------------------------------------
// Measuring

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function once_(row) {
  row.before?.();
  const t = process.hrtime.bigint();
  const r = spawnSync(row.cmd, row.args, { cwd: row.cwd, env: row.env ?? env, input: row.input, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, status: r.status, stderr: r.stderr?.toString() ?? '', stdout: r.stdout?.toString() ?? '' };
}

/** Descendants of pid, through every thread's children list. */
function descendants(pid, acc = []) {
  let tasks = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return acc;
  }
  for (const t of tasks) {
    let kids = '';
    try {
      kids = fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8');
    } catch {}
    for (const k of kids.split(' ').filter(Boolean)) {
      acc.push(Number(k));
      descendants(Number(k), acc);
    }
  }
  return acc;
}
function rss(pid) {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
}
/** cleanroom's private cache folder (src/cache-dir.ts), where it remembers facts about blobs
 *  between runs (src/blob-memory.ts): a cold row forgets them first. */
const PRIVATE_CACHE = path.join(os.tmpdir(), `cleanroom-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
function forgetBlobs() {
  for (const name of fs.existsSync(PRIVATE_CACHE) ? fs.readdirSync(PRIVATE_CACHE) : []) {
    if (name.startsWith('clean-blobs-') || name.startsWith('attestation-claims-')) fs.rmSync(path.join(PRIVATE_CACHE, name), { force: true });
  }
}
const CAN_SAMPLE = fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

/**
 * One run for memory: /usr/bin/time's %M (the largest resident set of any one process of the
 * tree: what wait4 reports), and the sum of the resident sets of the whole tree, sampled every
 * millisecond (an upper bound: pages shared between processes count once per process).
 */
async function memoryRun(row) {
  row.before?.();
  const out = path.join(TMP, `time-${process.pid}.txt`);
  fs.rmSync(out, { force: true });
  const [cmd, args] = TIME ? [TIME, ['-f', '%M', '-o', out, row.cmd, ...row.args]] : [row.cmd, row.args];
  const child = spawn(cmd, args, { cwd: row.cwd, env: row.env ?? env, stdio: [row.input === undefined ? 'ignore' : 'pipe', 'ignore', 'ignore'] });
  if (row.input !== undefined) {
    child.stdin.on('error', () => undefined);
    child.stdin.end(row.input);
  }
  let tree = 0;
  const sample = () => {
    const pids = descendants(child.pid);
    const sum = (TIME ? pids : [child.pid, ...pids]).reduce((n, p) => n + rss(p), 0);
    if (sum > tree) tree = sum;
  };
  const timer = CAN_SAMPLE ? setInterval(sample, 1) : null;
  await once(child, 'close');
  if (timer) clearInterval(timer);
  const maxKb = TIME && fs.existsSync(out) ? Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop()) : NaN;
  return { largest: maxKb * 1024, tree: CAN_SAMPLE ? tree : NaN };
}

/** Every row RUNS times, interleaved; then MEM_RUNS memory runs each (the maximum is kept). */
async function measure(rows, { memory = true } = {}) {
  for (const r of rows) Object.assign(r, { samples: [], largest: NaN, tree: NaN });
  for (let i = 0; i < RUNS; i++) {
    for (const r of rows) {
      if (r.timed === false) continue;
      const res = once_(r);
      r.samples.push(res.ms);
      r.last = res;
    }
    process.stderr.write('.');
  }
  if (memory) {
    for (const r of rows) {
      if (r.memory === false) continue;
      for (let i = 0; i < MEM_RUNS; i++) {
        const m = await memoryRun(r);
        r.largest = Math.max(Number.isNaN(r.largest) ? 0 : r.largest, m.largest);
        r.tree = Math.max(Number.isNaN(r.tree) ? 0 : r.tree, m.tree);
      }
    }
  }
  process.stderr.write('\n');
  for (const r of rows) {
    r.last ??= once_(r); // memory-only rows: one run for the exit status
    r.ms = r.samples.length ? median(r.samples) : NaN;
    r.status = r.last.status;
    if (r.expect !== undefined && r.status !== r.expect) {
      unexpected.push(`${r.label}: exit ${r.status}, expected ${r.expect}\n${(r.last.stderr || r.last.stdout).slice(0, 2000)}`);
    }
  }
  return rows;
}
const unexpected = [];

// ---------------------------------------------------------------------------------------------
// Pushes: the server runs cleanroom's pre-receive as git runs it (in quarantine, fed by
// receive-pack), wrapped so its own wall time and peak memory are recorded; the same push with a
// no-op hook is the baseline. After each push the server is put back exactly as it was.

const HOOK_LOG = path.join(TMP, 'hook.log');
function installWrapper() {
  const hook = path.join(SERVER, 'hooks', 'pre-receive');
  const clock = BASH ? '$EPOCHREALTIME' : '$(date +%s.%N)';
  const timed = TIME ? `${TIME} -f %M -o "$BENCH_HOOK_LOG.mem" ` : '';
  fs.writeFileSync(
    hook,
    `#!${BASH ?? '/bin/sh'}\n# written by scripts/bench.js\n[ "$BENCH_HOOK" = noop ] && exit 0\n` +
      `t0=${clock}\n${timed}${path.join(HOOKS, 'pre-receive')} "$@"\nrc=$?\nt1=${clock}\necho "$t0 $t1 $rc" > "$BENCH_HOOK_LOG"\nexit $rc\n`,
    { mode: 0o755 },
  );
}
function objectFiles() {
  const objects = path.join(SERVER, 'objects');
  const files = new Set();
  for (const d of fs.readdirSync(objects)) {
    if (!/^[0-9a-f]{2}$/.test(d) && d !== 'pack') continue;
    for (const f of fs.readdirSync(path.join(objects, d))) files.add(path.join(objects, d, f));
  }
  return files;
}
function restore(before, oldTip) {
  git(SERVER, ['update-ref', 'refs/heads/main', oldTip]);
  for (const f of objectFiles()) if (!before.has(f)) fs.rmSync(f, { force: true });
}
function push(newRev, mode) {
  fs.rmSync(HOOK_LOG, { force: true });
  fs.rmSync(`${HOOK_LOG}.mem`, { force: true });
  const r = once_({ cmd: 'git', args: ['push', '--quiet', SERVER, `${newRev}:refs/heads/main`], cwd: BIG, env: { ...env, BENCH_HOOK: mode, BENCH_HOOK_LOG: HOOK_LOG } });
  let hook = null;
  if (mode !== 'noop' && fs.existsSync(HOOK_LOG)) {
    const [t0, t1, rc] = fs.readFileSync(HOOK_LOG, 'utf8').trim().split(' ');
    const mem = fs.existsSync(`${HOOK_LOG}.mem`) ? Number(fs.readFileSync(`${HOOK_LOG}.mem`, 'utf8').trim().split('\n').pop()) * 1024 : NaN;
    hook = { ms: (Number(t1) - Number(t0)) * 1000, status: Number(rc), largest: mem };
  }
  return { ...r, hook };
}

async function pushRows(oldTip) {
  installWrapper();
  const before = objectFiles();
  const out = [];
  for (const n of PUSHES) {
    const rev = `pushed~${PUSHED - n}`;
    const newTip = git(BIG, ['rev-parse', rev]);
    log(`pre-receive, ${n} commit${n === 1 ? '' : 's'}`);
    const noop = [];
    const ours = [];
    const hook = [];
    let hookLargest = 0;
    let failure = null;
    for (let i = 0; i < RUNS; i++) {
      const a = push(newTip, 'noop');
      restore(before, oldTip);
      const b = push(newTip, 'cleanroom');
      restore(before, oldTip);
      if (a.status !== 0 || b.status !== 0 || !b.hook) failure ??= `push of ${n}: exit ${a.status}/${b.status}\n${(a.stderr + b.stderr).slice(0, 2000)}`;
      noop.push(a.ms);
      ours.push(b.ms);
      if (b.hook) {
        hook.push(b.hook.ms);
        hookLargest = Math.max(hookLargest, b.hook.largest);
      }
      process.stderr.write('.');
    }
    process.stderr.write('\n');
    if (failure) unexpected.push(failure);
    // The same hook run directly on the same input, with the pushed objects in place (no
    // quarantine), beside the native baseline on that same repository.
    if (push(newTip, 'noop').status !== 0) unexpected.push(`push of ${n} (no-op hook) failed`);
    git(SERVER, ['update-ref', 'refs/heads/main', oldTip]);
    const serverEnv = { ...env, GIT_DIR: '.' };
    const rows = await measure([
      { label: `native ${n}`, cmd: 'sh', args: ['-c', `git rev-list ${oldTip}..${newTip} | git diff-tree --stdin -r >/dev/null`], cwd: SERVER, env: serverEnv, expect: 0 },
      { label: `pre-receive direct ${n}`, cmd: path.join(HOOKS, 'pre-receive'), args: [], cwd: SERVER, env: serverEnv, input: `${oldTip} ${newTip} refs/heads/main\n`, expect: 0 },
    ]);
    restore(before, oldTip);
    out.push({ n, native: rows[0], direct: rows[1], hookMs: hook.length ? median(hook) : NaN, hookLargest, noopMs: median(noop), pushMs: median(ours) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reporting

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const mb = (bytes) => (Number.isFinite(bytes) && bytes > 0 ? (bytes / 1e6).toFixed(0) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–');
const sh = (s) => s.replace(/\|/g, '\\|');

async function main() {
  const startLoad = os.loadavg();
  // Lineage and the push shapes need none of the large repository.
  const lineage = wants('lineage') ? await benchLineage({ runs: RUNS, log, unexpected }) : null;
  const shapes = wants('shapes') ? await benchShapes({ runs: RUNS, rebuild: opt.rebuild }) : null;
  const scale = wants('scale') ? await benchScale({ runs: RUNS, rebuild: opt.rebuild }) : null;
  const guard = wants('guard') ? await benchGuard({ runs: RUNS }) : null;
  unexpected.push(...(shapes?.unexpected ?? []), ...(scale?.unexpected ?? []), ...(guard?.unexpected ?? []));
  if (ONLY && [...ONLY].every((s) => s === 'lineage' || s === 'shapes' || s === 'scale' || s === 'guard')) {
    if (lineage) console.log([lineage.section, '', ...lineage.budgets.map((b) => `- ${b.text}`)].join('\n'));
    if (shapes) console.log(shapes.section);
    if (scale) console.log(scale.section);
    if (guard) console.log([guard.section, '', ...guard.budgets.map((b) => `- ${b.text}`)].join('\n'));
    process.exitCode = unexpected.length ? 1 : 0;
    return;
  }
  let stats = fs.existsSync(READY) && !opt.rebuild ? JSON.parse(fs.readFileSync(READY, 'utf8')) : null;
  if (!stats || stats.generator !== GENERATOR) stats = await build();
  else log(`using the repositories cached in ${CACHE} (built ${stats.built})`);
  const oldTip = git(BIG, ['rev-parse', 'main']);
  const scanBuilt = spawnSync(process.execPath, [CLI, 'scan', '--help'], { env, encoding: 'utf8' }).status === 0;
  const node = { label: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], cwd: BIG, expect: 0 };

  const sections = [];
  const readme = [];
  const idx = (n) => ({ ...env, GIT_INDEX_FILE: indexFile(BIG, n) });
  const msgFile = path.join(TMP, 'COMMIT_EDITMSG');
  fs.writeFileSync(msgFile, "Add this week's rows\n\nCollected by the labelling team.\n");

  // Local hooks.
  let local = null;
  if (wants('local')) {
    log('local hooks on the large repository');
    // Each hook row is the first of its commit: nothing remembered from an earlier run of the same blobs.
    const hook = (name, n, extra = {}, args = []) => ({ cmd: path.join(HOOKS, name), args, cwd: BIG, env: { ...idx(n), ...extra }, before: forgetBlobs });
    const humanThousand = hook('pre-commit', 1000);
    const diffCached = (n, repo = BIG) => ({ cmd: 'git', args: ['diff', '--cached', '--name-status'], cwd: repo, env: { ...env, GIT_INDEX_FILE: indexFile(repo, n) }, expect: 0 });
    const rows = await measure([
      { ...node, label: "`node -e 0` (Node's own start)", base: null },
      { ...diffCached(10), label: '`git diff --cached --name-status`, 10 staged', base: null },
      { ...hook('pre-commit', 10), label: 'pre-commit, 10 protected files, human: allowed', base: 1, hook: true, expect: 0, budget: true },
      {
        ...hook('pre-commit', 10, { CLAUDECODE: '1' }),
        label: 'pre-commit, 10 protected files, assistant (`CLAUDECODE=1`): blocked',
        base: 1,
        hook: true,
        expect: 1,
        budget: true,
      },
      { ...hook('commit-msg', 10, {}, [msgFile]), label: 'commit-msg, 10 protected files, human message', base: 1, hook: true, expect: 0 },
      {
        cmd: process.execPath,
        args: [CLI, 'hook', 'pre-commit'],
        cwd: BIG,
        env: idx(10),
        label: 'the same human pre-commit without the shell shim (`node bin/cleanroom.js hook pre-commit`)',
        base: 1,
        hook: true,
        expect: 0,
      },
      { ...diffCached(1000), label: '`git diff --cached --name-status`, 1,000 staged', base: null },
      { ...humanThousand, label: 'pre-commit, 1,000 protected files, human: allowed', base: 6, hook: true, expect: 0, budget: true },
      { ...hook('pre-commit', 1000, { CLAUDECODE: '1' }), label: 'pre-commit, 1,000 protected files, assistant: blocked', base: 6, hook: true, expect: 1, budget: true },
      {
        ...hook('commit-msg', 1000, {}, [msgFile]),
        before: () => once_(humanThousand), // the same commit's pre-commit, untimed
        label: 'commit-msg after that pre-commit (the same commit: its 1,000 blobs already known to hold no marker)',
        base: 6,
        hook: true,
        expect: 0,
        readme: true,
      },
      { ...hook('pre-commit', MARKED), label: 'pre-commit, 1,000 new protected files each holding a canary, human: blocked', base: 6, hook: true, expect: 1, readme: true },
      {
        cmd: path.join(HOOKS, 'pre-commit'),
        args: [],
        cwd: NOPACK,
        env: { ...env, GIT_INDEX_FILE: indexFile(NOPACK, 10) },
        label: `pre-commit, 10 protected files, human, on the same repository with ${mb(stats.smallPackBytes)} MB of packs instead of ${mb(stats.packBytes)}`,
        base: 1,
        hook: true,
        expect: 0,
      },
    ]);
    local = rows;
    const nodeMs = rows[0].ms;
    const lines = [
      `### Local hooks: ${stats.files.toLocaleString('en')} files in ${stats.folders.toLocaleString('en')} folders, ${mb(stats.packBytes)} MB of packs`,
      '',
      'Hooks run through the shims in `hooks/`, as git starts them (`GIT_INDEX_FILE` set); half of the staged protected files are edits, half new files, their contents loose objects as `git add` leaves them. The native baseline is `git diff --cached --name-status` on the same index.',
      '',
      '| path | median ms | × native | beyond `node -e 0` (ms) | peak MB, largest process | peak MB, process tree | exit |',
      '|---|---:|---:|---:|---:|---:|---:|',
    ];
    for (const r of rows) {
      const base = r.base === undefined || r.base === null ? null : rows[r.base];
      lines.push(`| ${r.label} | ${f1(r.ms)} | ${base ? ratio(r.ms, base.ms) : ''} | ${r.hook ? f1(r.ms - nodeMs) : ''} | ${mb(r.largest)} | ${mb(r.tree)} | ${r.status} |`);
    }
    sections.push(lines.join('\n'));
    readme.push(
      ...rows
        .filter((r) => r.budget || r.readme || r.label.startsWith('commit-msg'))
        .map((r) => ({ r, base: r.base === undefined || r.base === null ? null : rows[r.base], node: r.hook ? nodeMs : null })),
    );
  }

  // Server hook.
  let server = null;
  if (wants('server')) {
    server = await pushRows(oldTip);
    const nodeRow = (await measure([{ ...node }], { memory: false }))[0];
    const lines = [
      `### Server: pre-receive on a bare repository with ${mb(stats.serverPackBytes)} MB of packs`,
      '',
      'A real `git push` into a bare clone whose `hooks/pre-receive` runs `hooks/pre-receive` of this checkout (`git config cleanroom.policy` set), timed inside the push (in quarantine); each pushed commit changes 3 files and every 10th adds a protected one. "Run directly" feeds the same hook the same line with the objects in place, beside the native baseline `git rev-list OLD..NEW | git diff-tree --stdin -r` on that repository.',
      '',
      '| commits pushed | native ms | pre-receive in the push, ms | × native | beyond `node -e 0` (ms) | run directly, ms | peak MB, largest process | peak MB, process tree | `git push`, no-op hook, ms | `git push`, cleanroom, ms | exit |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    for (const s of server) {
      lines.push(
        `| ${s.n.toLocaleString('en')} | ${f1(s.native.ms)} | ${f1(s.hookMs)} | ${ratio(s.hookMs, s.native.ms)} | ${f1(s.hookMs - nodeRow.ms)} | ${f1(s.direct.ms)} | ${mb(Math.max(s.hookLargest, s.direct.largest))} | ${mb(s.direct.tree)} | ${f0(s.noopMs)} | ${f0(s.pushMs)} | ${s.direct.status} |`,
      );
      readme.push({
        r: {
          label: `pre-receive, a push of ${s.n.toLocaleString('en')} commit${s.n === 1 ? '' : 's'}`,
          ms: s.hookMs,
          largest: Math.max(s.hookLargest, s.direct.largest),
          tree: s.direct.tree,
        },
        base: s.native,
        node: nodeRow.ms,
      });
    }
    sections.push(lines.join('\n'));
  }

  // History and reviews.
  let history = null;
  if (wants('history')) {
    log('scan and verify');
    const rows = [];
    if (scanBuilt) {
      rows.push(
        {
          label: '`git rev-list HEAD \\| git diff-tree --stdin -r --root --diff-merges=first-parent`',
          cmd: 'sh',
          args: ['-c', 'git rev-list HEAD | git diff-tree --stdin -r --root --diff-merges=first-parent >/dev/null'],
          cwd: BIG,
          expect: 0,
          base: null,
        },
        { label: `\`cleanroom scan\`: the whole history, ${stats.commits.toLocaleString('en')} commits`, cmd: process.execPath, args: [CLI, 'scan'], cwd: BIG, expect: 1, base: 0 },
      );
    }
    // A commit being made on top of many reviews: only those naming its files are verified.
    const reviewedTree = reviewedWorktree();
    const reviewedIndex = { ...env, GIT_INDEX_FILE: path.join(reviewedTree, 'bench-index') };
    rows.push({
      label: '`git diff --cached --name-status`, 10 new protected files on a commit holding 1,000 attestations',
      cmd: 'git',
      args: ['diff', '--cached', '--name-status'],
      cwd: reviewedTree,
      env: reviewedIndex,
      expect: 0,
      base: null,
    });
    const onReviews = { cmd: path.join(HOOKS, 'pre-commit'), args: [], cwd: reviewedTree, env: { ...reviewedIndex, CLAUDECODE: '1' }, expect: 1, base: rows.length - 1 };
    const firstOnReviews = { ...onReviews, before: forgetBlobs };
    rows.push(
      {
        ...firstOnReviews,
        label: `pre-commit of an assistant's 10 new protected files with ${REVIEWED.toLocaleString('en')} attestations in HEAD, none naming them, the first run on this machine: blocked`,
      },
      // What an earlier run learnt of each envelope is remembered: the usual case, as reviews accumulate.
      { ...onReviews, before: () => once_(firstOnReviews), label: 'the same pre-commit after an earlier run (what each attestation claims remembered): blocked' },
    );
    rows.push(
      {
        label: '`git diff-tree -r REV \\| git cat-file --batch` (every blob the commit brings)',
        cmd: 'sh',
        args: ['-c', "git diff-tree -r --no-commit-id reviewed | awk '{print $4}' | git cat-file --batch >/dev/null"],
        cwd: BIG,
        expect: 0,
        base: null,
      },
      {
        label: `\`cleanroom verify REV\`: ${REVIEWED.toLocaleString('en')} files, each covered by its own attestation`,
        cmd: process.execPath,
        args: [CLI, 'verify', 'reviewed'],
        cwd: BIG,
        expect: 0,
        base: rows.length,
      },
    );
    if (scanBuilt)
      rows.push({
        label: `\`cleanroom scan\` on the same history with ${mb(stats.smallPackBytes)} MB of packs instead of ${mb(stats.packBytes)} (memory only)`,
        cmd: process.execPath,
        args: [CLI, 'scan'],
        cwd: NOPACK,
        expect: 1,
        base: 0,
        timed: false,
      });
    history = await measure(rows);
    const lines = ['### History and reviews', '', '| path | median ms | × native | peak MB, largest process | peak MB, process tree | exit |', '|---|---:|---:|---:|---:|---:|'];
    for (const r of history)
      lines.push(`| ${r.label} | ${f1(r.ms)} | ${r.base === null ? '' : ratio(r.ms, history[r.base].ms)} | ${mb(r.largest)} | ${mb(r.tree)} | ${r.status} |`);
    if (!scanBuilt) lines.push('', '`cleanroom scan` is not in this build (src/commands/scan.ts missing or not compiled): its rows are skipped.');
    else lines.push('', '`scan` exits 1 by design here: the history holds assistant-made dataset changes (a trailer, an aider identity, a canary) that no review covers.');
    sections.push(lines.join('\n'));
    for (const r of history) if (r.base !== null && r.cwd !== NOPACK) readme.push({ r, base: history[r.base], node: null });
  }

  if (lineage) sections.push(lineage.section);
  if (shapes) sections.push(shapes.section);
  if (scale) sections.push(scale.section);
  if (guard) sections.push(guard.section);

  // Budgets: one line per workload, each budget's verdict on it.
  const budget = [...(lineage?.budgets ?? []), ...(guard?.budgets ?? [])];
  const mark = (ok) => `**${ok ? 'PASS' : 'FAIL'}**`;
  const peakOf = (r) => Math.max(Number.isFinite(r.largest) ? r.largest : 0, Number.isFinite(r.tree) ? r.tree : 0);
  if (local) {
    const nodeMs = local[0].ms;
    for (const n of STAGES) {
      const [h, a] = local.filter((x) => x.budget && x.label.includes(`${n.toLocaleString('en')} protected`));
      const okMs = h.ms <= 150 && a.ms <= 150;
      const okBeyond = h.ms - nodeMs <= 100 && a.ms - nodeMs <= 100;
      const okPeak = peakOf(h) <= 150e6 && peakOf(a) <= 150e6;
      budget.push({
        ok: okMs && okBeyond && okPeak,
        text:
          `pre-commit, ${n.toLocaleString('en')} protected files staged (human / assistant): ${mark(okMs)} ${f1(h.ms)} / ${f1(a.ms)} ms median (budget 150); ` +
          `${mark(okBeyond)} ${f1(h.ms - nodeMs)} / ${f1(a.ms - nodeMs)} ms beyond \`node -e 0\` (budget 100); ` +
          `${mark(okPeak)} ${mb(peakOf(h))} / ${mb(peakOf(a))} MB peak, process tree (budget 150)`,
      });
    }
    const big = local[2];
    const small = local[local.length - 1];
    const parts = [`pre-commit ${mb(peakOf(big))} MB with ${mb(stats.packBytes)} MB of packs, ${mb(peakOf(small))} MB with ${mb(stats.smallPackBytes)} MB`];
    let ok = peakOf(big) - peakOf(small) < 10e6;
    if (history && scanBuilt) {
      const x = history[1];
      const y = history[history.length - 1];
      parts.push(`scan ${mb(peakOf(x))} MB and ${mb(peakOf(y))} MB`);
      ok &&= peakOf(x) - peakOf(y) < 10e6;
    }
    budget.push({ ok, text: `memory does not follow the packs: ${mark(ok)} ${parts.join('; ')}` });
  }
  if (server) {
    const s = server.find((x) => x.n === 1000);
    if (s)
      budget.push({
        ok: s.hookMs <= 1000,
        text: `pre-receive of 1,000 commits: ${mark(s.hookMs <= 1000)} ${f0(s.hookMs)} ms median inside a real push (run directly ${f0(s.direct.ms)} ms; budget 1,000)`,
      });
  }
  const budgetLines = budget.map((v) => `- ${v.text}`);

  const endLoad = os.loadavg();
  const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const header = [
    '# Benchmark results',
    '',
    `Written by \`scripts/bench.js\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}.`,
    '',
    `- command: \`node scripts/bench.js${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\` (\`npm run bench\` builds first); median of ${RUNS} runs, memory the maximum of ${MEM_RUNS} separate runs`,
    `- machine: ${os.availableParallelism()} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}; node ${process.version}, ${git(ROOT, ['--version'])}`,
    `- load average (1, 5, 15 min): ${startLoad.map((x) => x.toFixed(2)).join(', ')} at the start, ${endLoad.map((x) => x.toFixed(2)).join(', ')} at the end (${startLoad[0] >= 1 ? 'other work was running as it started; ' : ''}the bench's own runs keep about ${Math.min(2, os.availableParallelism())} CPUs busy)`,
    `- repositories (generator ${GENERATOR}, cached in \`${CACHE}\`, built ${stats.built} in ${stats.seconds} s with \`git fast-import\`): ${stats.files.toLocaleString('en')} files in ${stats.folders.toLocaleString('en')} folders, ${stats.datasets.toLocaleString('en')} of them under \`datasets/\`; ${stats.commits.toLocaleString('en')} commits (${stats.merges} merges); ${mb(stats.packBytes)} MB of packs (${mb(stats.smallPackBytes)} MB without the ${BIG_BLOBS} × ${BIG_BLOB_MB} MB blobs)`,
    `- policy: the shipped \`policy.yaml\` with a \`repository\` id and one content marker (a canary regex), so added protected lines are searched`,
    `- peak memory: "largest process" is \`/usr/bin/time -f %M\` (wait4's maximum resident set of any one process of the tree); "process tree" sums the resident sets of every process of the tree, sampled each millisecond from /proc (an upper bound: shared pages count once per process)`,
  ];
  const doc = [...header, '', '## Budgets', '', ...budgetLines, '', ...sections.flatMap((s) => ['', s]), ''].join('\n');
  const problems = unexpected.length ? `\n## Unexpected results\n\n${unexpected.map((u) => `\`\`\`\n${u}\n\`\`\``).join('\n')}\n` : '';
  console.log(doc + problems);

  if (FULL && !opt['no-write']) {
    fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), doc + problems);
    const readmeFile = path.join(ROOT, 'bench', 'README.md');
    const text = fs.readFileSync(readmeFile, 'utf8');
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const a = text.indexOf(begin);
    const b = text.indexOf(end);
    if (a >= 0 && b > a) {
      const table = [
        `${stats.files.toLocaleString('en')} files, ${stats.commits.toLocaleString('en')} commits, ${mb(stats.packBytes)} MB of packs; ${os.availableParallelism()} CPUs, load ${startLoad[0].toFixed(1)}; median of ${RUNS} runs (${new Date().toISOString().slice(0, 10)}):`,
        '',
        '| path | median ms | native baseline ms | × native | beyond `node -e 0` ms | peak MB |',
        '|---|---:|---:|---:|---:|---:|',
        ...readme.map(({ r, base, node: n }) => {
          const peak = Math.max(Number.isFinite(r.largest) ? r.largest : 0, Number.isFinite(r.tree) ? r.tree : 0);
          return `| ${sh(r.label.replace(/\\\|/g, '|'))} | ${f1(r.ms)} | ${base ? f1(base.ms) : ''} | ${base ? ratio(r.ms, base.ms) : ''} | ${n !== null ? f1(r.ms - n) : ''} | ${mb(peak)} |`;
        }),
        '',
        ...budgetLines,
      ].join('\n');
      fs.writeFileSync(readmeFile, `${text.slice(0, a + begin.length)}\n${table}\n${text.slice(b)}`);
    } else log('bench/README.md has no bench markers: its summary is left as it is');
  }
  if (unexpected.length) {
    log(`\n${unexpected.length} unexpected result(s):\n${unexpected.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
