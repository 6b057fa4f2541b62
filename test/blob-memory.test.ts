/**
 * Blobs remembered as free of the policy's markers: what a commit's first hook found is not read
 * again by the hooks after it, a blob holding a marker is never remembered, and the server reads
 * every blob whatever the memory says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_BLOBS_KEPT, openCleanBlobs } from '../src/signals/clean-blobs.js';
import { cleanEnv, cleanroom, git, gitTry, HOOKS, ownTmpdir, tempDir, write } from './helpers/git.js';
import { EXAMPLE_POLICY, gatedRepo } from './helpers/policy.js';

const human = cleanEnv();
/** The private cache folder of the hooks these tests run (cleanEnv's TMPDIR). */
const privateDir = path.join(human.TMPDIR as string, `cleanroom-${process.getuid?.() ?? 'user'}`);
const rememberedFiles = () => (fs.existsSync(privateDir) ? fs.readdirSync(privateDir).filter((f) => f.startsWith('clean-blobs-')) : []);
const oidOf = (repo: string, file: string) => git(repo, ['hash-object', file]);

/** Stages `n` new marker-free files under datasets/ (enough to be read in bulk) and returns their paths. */
function stageRows(repo: string, tag: string, n = 70): string[] {
  const files = Array.from({ length: n }, (_, i) => `datasets/${tag}-${i}.jsonl`);
  for (const [i, f] of files.entries()) write(repo, f, `{"row": ${i}, "tag": "${tag}"}\n`);
  git(repo, ['add', '.']);
  return files;
}

describe('blobs remembered as marker-free (real commits)', () => {
  it('holds every clean staged blob a hook read, never one with a marker, and a blocked commit still names its marker', () => {
    for (const f of rememberedFiles()) fs.rmSync(path.join(privateDir, f));
    const repo = gatedRepo();
    const files = stageRows(repo, 'clean');
    write(repo, 'datasets/leak.jsonl', '{"note": "CANARY-12345"}\n');
    git(repo, ['add', '.']);
    const blocked = gitTry(repo, ['commit', '-m', 'rows'], human);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('datasets/leak.jsonl:1');
    const [file, ...others] = rememberedFiles();
    expect(others).toEqual([]);
    const ids = fs
      .readFileSync(path.join(privateDir, file as string), 'utf8')
      .split('\n')
      .slice(1);
    expect(new Set(ids)).toEqual(new Set(files.map((f) => oidOf(repo, f))));
    expect(ids).not.toContain(oidOf(repo, 'datasets/leak.jsonl'));
    // Asked again, the same commit is blocked for the same line: the marked blob is read each time.
    const again = gitTry(repo, ['commit', '-m', 'rows'], human);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('datasets/leak.jsonl:1');
  });

  it('is believed by the local hooks (a planted id passes them), never by a CI check or the server, which read every blob', () => {
    const repo = gatedRepo();
    const server = tempDir('server');
    git(server, ['init', '-q', '--bare', '-b', 'main', '.']);
    const policyFile = path.join(tempDir('server-config'), 'policy.yaml');
    fs.writeFileSync(policyFile, EXAMPLE_POLICY);
    fs.writeFileSync(path.join(path.dirname(policyFile), 'allowed_signers'), '');
    git(server, ['config', 'cleanroom.policy', policyFile]);
    fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(server, 'hooks', 'pre-receive'));
    git(repo, ['push', '-q', server, 'main'], cleanEnv({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.hooksPath', GIT_CONFIG_VALUE_0: '/dev/null' }));

    // A real commit leaves the memory for these markers behind; its first line is the key.
    stageRows(repo, 'first');
    expect(gitTry(repo, ['commit', '-m', 'first rows'], human).status).toBe(0);
    const memory = rememberedFiles()
      .map((f) => path.join(privateDir, f))
      .find((f) => fs.readFileSync(f, 'utf8').split('\n').includes(oidOf(repo, 'datasets/first-0.jsonl'))) as string;
    expect(memory).toBeDefined();

    stageRows(repo, 'second');
    write(repo, 'datasets/second-leak.jsonl', '{"note": "CANARY-777"}\n');
    git(repo, ['add', '.']);
    fs.appendFileSync(memory, `\n${oidOf(repo, 'datasets/second-leak.jsonl')}`);
    // Whoever can write the private folder can as well skip the hooks: locally, the memory is believed.
    expect(gitTry(repo, ['commit', '-m', 'second rows'], human).status).toBe(0);
    // A CI check is a gate: it reads every blob.
    const checked = cleanroom(repo, ['check', '--range', 'HEAD~1..HEAD'], human);
    expect(checked.status).toBe(1);
    expect(checked.stdout + checked.stderr).toContain('datasets/second-leak.jsonl:1');

    const pushed = gitTry(repo, ['push', server, 'main'], human);
    expect(pushed.status).not.toBe(0);
    expect(pushed.stderr).toContain('datasets/second-leak.jsonl:1');
    expect(pushed.stderr).toContain('(pre-receive hook declined)');
  });

  it('is not consulted where recorded provenance needs the content: what an assistant wrote is still found', () => {
    const repo = gatedRepo();
    stageRows(repo, 'first');
    expect(gitTry(repo, ['commit', '-m', 'first rows'], human).status).toBe(0);
    const memory = rememberedFiles()
      .map((f) => path.join(privateDir, f))
      .find((f) => fs.readFileSync(f, 'utf8').split('\n').includes(oidOf(repo, 'datasets/first-0.jsonl'))) as string;
    // An assistant's hook records the file it wrote (Claude Code's PostToolUse payload).
    const content = Array.from({ length: 8 }, (_, i) => `{"id": ${i}, "prompt": "an assistant's question ${i}"}`).join('\n');
    write(repo, 'datasets/written.jsonl', `${content}\n`);
    const file = path.join(repo, 'datasets/written.jsonl');
    const payload = {
      session_id: 's1',
      cwd: repo,
      hook_event_name: 'PostToolUse',
      tool_name: 'Write',
      tool_input: { file_path: file, content: `${content}\n` },
      tool_response: { type: 'create', filePath: file },
    };
    expect(cleanroom(repo, ['record', 'claude-code'], human, JSON.stringify(payload)).status).toBe(0);
    stageRows(repo, 'second');
    fs.appendFileSync(memory, `\n${oidOf(repo, 'datasets/written.jsonl')}`);
    const r = gitTry(repo, ['commit', '-m', 'second rows'], human);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('recorded claude-code wrote exactly this content as datasets/written.jsonl');
  });
});

describe('openCleanBlobs', () => {
  const own = ownTmpdir('clean-blobs');
  const markers = [/CANARY-[0-9]+/];
  const oid = (n: number) => n.toString(16).padStart(40, '0');

  it('remembers what was saved for the same markers and build, and nothing for others', () => {
    const first = openCleanBlobs('build-a', markers);
    first?.add(oid(1));
    first?.add(oid(2));
    expect(first?.has(oid(1))).toBe(true);
    first?.save();
    const again = openCleanBlobs('build-a', markers);
    expect([oid(1), oid(2), oid(3)].map((o) => again?.has(o))).toEqual([true, true, false]);
    expect(openCleanBlobs('build-b', markers)?.has(oid(1))).toBe(false);
    expect(openCleanBlobs('build-a', [/CANARY-[0-9]+/i])?.has(oid(1))).toBe(false);
    expect(openCleanBlobs('build-a', [/CANARY-[0-9]+/, /BANNER/])?.has(oid(1))).toBe(false);
  });

  it('keeps what it knew while the whole fits, and starts over with the newest past the bound', () => {
    const set = openCleanBlobs('build-bound', markers);
    for (let i = 0; i < CLEAN_BLOBS_KEPT; i++) set?.add(oid(i));
    set?.save();
    const full = openCleanBlobs('build-bound', markers);
    expect(full?.has(oid(CLEAN_BLOBS_KEPT - 1))).toBe(true);
    full?.add(oid(CLEAN_BLOBS_KEPT));
    full?.save();
    const fresh = openCleanBlobs('build-bound', markers);
    expect([oid(0), oid(CLEAN_BLOBS_KEPT)].map((o) => fresh?.has(o))).toEqual([false, true]);
  });

  it('is a miss when the file belongs to another key, and there is none without a private folder', () => {
    const set = openCleanBlobs('build-key', markers);
    set?.add(oid(9));
    set?.save();
    const dir = own.privateDir();
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('clean-blobs-'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      fs.writeFileSync(path.join(dir, f), text.replace(/^[^\n]*/, '["another key"]'));
    }
    expect(openCleanBlobs('build-key', markers)?.has(oid(9))).toBe(false);
    process.env.TMPDIR = path.join(own.dir(), 'no', 'such', 'folder');
    try {
      expect(openCleanBlobs('build-key', markers)).toBeNull();
    } finally {
      process.env.TMPDIR = own.dir();
    }
  });
});
