/**
 * Lineage end to end with real git: content an assistant-made commit first wrote anywhere in the
 * history a verdict sees keeps that origin when a person moves, copies or merges it into a
 * protected path, at every gate (pre-commit, check --range, pre-push, pre-receive within one push
 * and across pushes). What must stay allowed stays allowed, and the on-disk index can be deleted,
 * truncated, planted with garbage or left stale without admitting anything.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, fixtureCopy, git, gitTry, HOOKS, installHooks, seedRepo, tempDir, write, CHILD_TIMEOUT_MS } from './helpers/git.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

const keys = tempDir('keys');
const aliceKey = path.join(keys, 'alice');
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice', '-f', aliceKey], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS });
const ALICE = `alice@example.org namespaces="cleanroom-review-v1" ${fs.readFileSync(`${aliceKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')}`;

const human = cleanEnv();
const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';

/** Eight benchmark tasks, each line long enough to be substantive. */
const DRAFT = Array.from({ length: 8 }, (_, i) => `{"task": ${i}, "prompt": "compute the ${i}th prime below ten thousand", "answer": "tbd"}\n`).join('');
/** A person's own tasks, sharing nothing with the draft. */
const handWritten = (name = 'hand-written') => Array.from({ length: 8 }, (_, i) => `{"case": ${i}, "input": "${name} input ${i}"}\n`).join('');

/** The lineage index's layout (src/lineage/store.ts): its header, where the filter, its digest
 *  and the chunk table start. */
function layout(raw: Buffer): { header: { chunks: number; slots: number; tips: string[] }; filter: number; filterDigest: number; tables: number } {
  const eol = raw.indexOf('\n', raw.indexOf('\n') + 1);
  const header = JSON.parse(raw.toString('utf8', raw.indexOf('\n') + 1, eol)) as { chunks: number; slots: number; tips: string[] };
  const filter = Math.ceil((eol + 1) / 8) * 8;
  const filterDigest = filter + header.slots / 8;
  return { header, filter, filterDigest, tables: filterDigest + 32 };
}
const ORIGIN = /lineage first written by assistant commit [0-9a-f]{7} at scratch\/t1\.jsonl \[lineage\/blob\]/;

function setup(): string {
  // Built once, then copied (fixtureCopy).
  return fixtureCopy(
    'setup',
    (repo) => {
      seedRepo(repo);
      writePolicy(repo);
      write(repo, '.cleanroom/allowed_signers', `${ALICE}\n`);
      git(repo, ['add', '.cleanroom']);
      git(repo, ['commit', '-q', '-m', 'policy and reviewers']);
      installHooks(repo);
    },
    'repo',
  );
}

/** Writes files, stages everything, commits (an assistant's commit carries its trailer). */
function commit(repo: string, files: Record<string, string>, subject: string, opts: { assistant?: boolean } = {}): string {
  for (const [file, content] of Object.entries(files)) write(repo, file, content);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', opts.assistant ? `${subject}\n\n${TRAILER}` : subject]);
  return git(repo, ['rev-parse', 'HEAD']);
}

/** The assistant's draft, in a folder nothing protects: rightly allowed. */
function draft(repo: string, content = DRAFT): string {
  return commit(repo, { 'scratch/t1.jsonl': content }, 'draft tasks', { assistant: true });
}

function move(repo: string): void {
  fs.mkdirSync(path.join(repo, 'benchmarks'), { recursive: true });
  git(repo, ['mv', 'scratch/t1.jsonl', 'benchmarks/t1.jsonl']);
}

/** A commit no local hook sees (--no-verify still runs prepare-commit-msg, which judges too). */
const commitPast = (repo: string, message: string) => git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', message], human);

/** A bare server with the pre-receive hook and its own copy of the policy. */
function server(seedFrom: string): string {
  const bare = path.join(tempDir('served'), 'srv.git');
  git(path.dirname(bare), ['init', '-q', '--bare', '-b', 'main', bare]);
  git(seedFrom, ['push', '-q', `file://${bare}`, 'main']);
  const config = tempDir('server-config');
  fs.writeFileSync(path.join(config, 'policy.yaml'), EXAMPLE_POLICY);
  fs.writeFileSync(path.join(config, 'allowed_signers'), `${ALICE}\n`);
  fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
  git(bare, ['config', 'cleanroom.policy', path.join(config, 'policy.yaml')]);
  return bare;
}

/** A push that skips the local pre-push (the server must hold on its own). */
const pushPast = (repo: string, bare: string, refs: string[]) => gitTry(repo, ['-c', 'core.hooksPath=/dev/null', 'push', `file://${bare}`, ...refs], human);

/** The draft moved into benchmarks/ by a person, pushed past the local hooks: the server refuses it. */
function pushMoveRejected(repo: string, bare: string): void {
  move(repo);
  commitPast(repo, 'promote the draft');
  const r = pushPast(repo, bare, ['main']);
  expect(r.stderr).toMatch(ORIGIN);
  expect(r.status).not.toBe(0);
}

describe('a move into a protected path keeps the origin', () => {
  it('pre-commit blocks a human git mv of an assistant draft, naming the origin', () => {
    const repo = setup();
    const origin = draft(repo);
    move(repo);
    const r = gitTry(repo, ['commit', '-m', 'promote the draft'], human);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(ORIGIN);
    expect(r.stderr).toContain(`assistant commit ${origin.slice(0, 7)} at scratch/t1.jsonl`);
    expect(r.stderr).toContain('benchmarks/t1.jsonl (added)');
  });

  it('check --range and pre-push say what pre-commit said', () => {
    const repo = setup();
    const base = git(repo, ['rev-parse', 'HEAD']);
    draft(repo);
    move(repo);
    commitPast(repo, 'promote the draft');
    const check = cleanroom(repo, ['check', '--range', `${base}..HEAD`], human);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(ORIGIN);

    const remote = path.join(tempDir('remote'), 'r.git');
    git(repo, ['init', '-q', '--bare', remote]);
    git(repo, ['remote', 'add', 'origin', remote]);
    const push = gitTry(repo, ['push', 'origin', 'main'], human);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(ORIGIN);
  });

  it('pre-receive rejects the move within one push', () => {
    const repo = setup();
    const bare = server(repo);
    draft(repo);
    move(repo);
    commitPast(repo, 'promote the draft');
    const r = pushPast(repo, bare, ['main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(ORIGIN);
    expect(r.stderr).toContain('the push is rejected');
  });

  it('pre-receive rejects the move when the draft landed in an earlier push', () => {
    const repo = setup();
    const bare = server(repo);
    draft(repo);
    expect(pushPast(repo, bare, ['main']).status).toBe(0);
    move(repo);
    commitPast(repo, 'promote the draft');
    const r = pushPast(repo, bare, ['main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(ORIGIN);
  });

  it('pre-receive saves the history of the push it judges, so the next push finds it indexed; a rejected push changes no later verdict', () => {
    const repo = setup();
    const bare = server(repo);
    const origin = draft(repo);
    // A protected file of a person's own makes the push ask lineage, which opens the index.
    const own = commit(repo, { 'benchmarks/own.jsonl': handWritten() }, 'my tasks');
    expect(pushPast(repo, bare, ['main']).status).toBe(0);
    const index = fs.readFileSync(path.join(bare, 'cleanroom', 'lineage', 'index.bin'));
    expect(layout(index).header.tips).toContain(own);
    expect(index.toString('latin1')).toContain(origin);
    // Rejected: the move. Its tip is saved too, and names no ref.
    pushMoveRejected(repo, bare);
    // The same move again, and a person's own file beside it, judged as before.
    git(repo, ['reset', '-q', '--hard', own]);
    write(repo, 'benchmarks/more.jsonl', handWritten('more'));
    git(repo, ['add', '-A']);
    commitPast(repo, 'more of my tasks');
    expect(pushPast(repo, bare, ['main']).status).toBe(0);
    pushMoveRejected(repo, bare);
  });

  it('a push that adds nothing to the index moves only its tips: damage found later is found still', () => {
    const repo = setup();
    const bare = server(repo);
    draft(repo);
    commit(repo, { 'benchmarks/own.jsonl': handWritten() }, 'my tasks');
    expect(pushPast(repo, bare, ['main']).status).toBe(0);
    const file = path.join(bare, 'cleanroom', 'lineage', 'index.bin');
    const damaged = fs.readFileSync(file);
    // Every chunk hash one higher (still ascending, so only the last digest finds it): tables
    // that would find none of the draft's chunks.
    const { header, tables } = layout(damaged);
    for (let i = 0; i < header.chunks; i++) damaged.writeDoubleLE(damaged.readDoubleLE(tables + 8 * i) + 1, tables + 8 * i);
    fs.writeFileSync(file, damaged);
    // A person's push: the filter clears it, and only the tips move (index.tips), the index as it was.
    const more = commit(repo, { 'benchmarks/more.jsonl': handWritten('more') }, 'more of my tasks');
    expect(pushPast(repo, bare, ['main']).status).toBe(0);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
    expect(fs.readFileSync(path.join(bare, 'cleanroom', 'lineage', 'index.tips'), 'utf8')).toContain(more);
    pushMoveRejected(repo, bare);
  });

  it('pre-receive sees a draft pushed on another branch of the same push', () => {
    const repo = setup();
    const bare = server(repo);
    git(repo, ['checkout', '-q', '-b', 'drafts']);
    draft(repo);
    git(repo, ['checkout', '-q', 'main']);
    git(repo, ['checkout', 'drafts', '--', 'scratch/t1.jsonl']);
    move(repo);
    commitPast(repo, 'take the tasks');
    const r = pushPast(repo, bare, ['main', 'drafts']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(ORIGIN);
  });

  it('a merge whose resolution moves the draft is rejected', () => {
    const repo = setup();
    const bare = server(repo);
    git(repo, ['checkout', '-q', '-b', 'side']);
    draft(repo);
    git(repo, ['checkout', '-q', 'main']);
    commit(repo, { 'notes.md': 'main moves on\n' }, 'meanwhile');
    git(repo, ['merge', '-q', '--no-ff', '--no-commit', 'side'], human);
    move(repo);
    commitPast(repo, 'merge side, tasks into benchmarks');
    const r = pushPast(repo, bare, ['main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(ORIGIN);
    expect(cleanroom(repo, ['check', '--commit', 'HEAD'], human).status).toBe(1);
  });
  it("a .mailmap cannot rename an assistant's identity into a person's", () => {
    const repo = setup();
    commit(repo, { '.mailmap': 'Ada Human <ada@example.org> Ada (aider) <ada@example.org>\n' }, 'mailmap');
    git(repo, ['config', 'log.mailmap', 'true']);
    write(repo, 'scratch/t1.jsonl', DRAFT);
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'draft'], cleanEnv({ GIT_AUTHOR_NAME: 'Ada (aider)', GIT_COMMITTER_NAME: 'Ada (aider)' }));
    move(repo);
    const r = gitTry(repo, ['commit', '-m', 'promote'], human);
    expect(r.stderr).toMatch(ORIGIN);
    expect(r.status).toBe(1);
  });
});

describe('near copies', () => {
  it('a copy with one line of human work appended still needs a review', () => {
    const repo = setup();
    const bare = server(repo);
    draft(repo);
    write(repo, 'benchmarks/t1.jsonl', `${DRAFT}{"task": 99, "prompt": "a task a person wrote", "answer": "42"}\n`);
    git(repo, ['add', '-A']);
    const local = gitTry(repo, ['commit', '-m', 'copy and extend'], human);
    expect(local.status).toBe(1);
    expect(local.stderr).toMatch(/lineage \d+% of the bytes it adds were first written by assistant commit [0-9a-f]{7} at scratch\/t1\.jsonl \[lineage\/share\]/);
    commitPast(repo, 'copy and extend');
    const r = pushPast(repo, bare, ['main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('[lineage/share]');
  });

  it("line endings changed to CRLF keep the origin (git's chunks skip a CR before a LF)", () => {
    const repo = setup();
    draft(repo);
    write(repo, 'benchmarks/t1.jsonl', DRAFT.replace(/\n/g, '\r\n'));
    git(repo, ['add', '-A']);
    const r = gitTry(repo, ['commit', '-m', 'copy with CRLF'], human);
    expect(r.stderr).toContain('[lineage/share]');
    expect(r.status).toBe(1);
  });

  it('assistants.lineage_share sets how much must come from an assistant', () => {
    const repo = setup();
    writePolicy(repo, EXAMPLE_POLICY.replace('  markers: ["CANARY-[0-9]+"]\n', '  markers: ["CANARY-[0-9]+"]\n  lineage_share: 1\n'));
    commit(repo, {}, "every added byte must be an assistant's");
    draft(repo);
    write(repo, 'benchmarks/t1.jsonl', `${DRAFT}{"task": 99, "prompt": "a task a person wrote", "answer": "42"}\n`);
    git(repo, ['add', '-A']);
    expect(gitTry(repo, ['commit', '-m', 'copy and extend'], human).status).toBe(0);
    git(repo, ['mv', 'scratch/t1.jsonl', 'benchmarks/t2.jsonl']);
    expect(gitTry(repo, ['commit', '-m', 'the draft itself'], human).status).toBe(1);
    writePolicy(repo, EXAMPLE_POLICY.replace('  markers: ["CANARY-[0-9]+"]\n', '  markers: ["CANARY-[0-9]+"]\n  lineage_share: 0\n'));
    const bad = cleanroom(repo, ['policy', 'check', '.cleanroom/policy.yaml'], human);
    expect(bad.stderr).toContain('assistants.lineage_share: found 0; expected a number above 0 and at most 1');
    expect(bad.status).toBe(2);
  });

  it("a substantially human rewrite of an assistant draft is the human's", () => {
    const repo = setup();
    const bare = server(repo);
    draft(repo);
    const kept = DRAFT.split('\n').slice(0, 3).join('\n');
    const own = Array.from({ length: 6 }, (_, i) => `{"task": ${i + 10}, "prompt": "a person's own question number ${i}", "answer": "${i * 7}"}`).join('\n');
    write(repo, 'benchmarks/t1.jsonl', `${kept}\n${own}\n`);
    git(repo, ['add', '-A']);
    const local = gitTry(repo, ['commit', '-m', 'rewrite the draft'], human);
    expect(local.stderr).toContain('allowed');
    expect(local.status).toBe(0);
    expect(pushPast(repo, bare, ['main']).status).toBe(0);
  });

  it('a human file sharing boilerplate with an assistant file is not flagged', () => {
    const repo = setup();
    const header = '# Copyright 2026 Example Org. All rights reserved.\n# Licensed under the Apache License, Version 2.0.\n# SPDX-License-Identifier: Apache-2.0\n';
    draft(repo, `${header}${DRAFT}`);
    const own = Array.from({ length: 8 }, (_, i) => `{"case": ${i}, "input": "hand-written input ${i}", "expect": "hand-written output ${i}"}`).join('\n');
    write(repo, 'benchmarks/own.jsonl', `${header}${own}\n`);
    git(repo, ['add', '-A']);
    const r = gitTry(repo, ['commit', '-m', 'my own benchmark'], human);
    expect(r.stderr).toContain('allowed');
    expect(r.status).toBe(0);
  });

  it('tiny and common blobs never count', () => {
    const repo = setup();
    commit(repo, { 'scratch/empty.txt': '', 'scratch/obj.json': '{}\n', 'scratch/two.txt': 'a first short line here\nand a second one too\n' }, 'tiny drafts', { assistant: true });
    fs.mkdirSync(path.join(repo, 'benchmarks'));
    for (const f of ['empty.txt', 'obj.json', 'two.txt']) git(repo, ['mv', `scratch/${f}`, `benchmarks/${f}`]);
    const r = gitTry(repo, ['commit', '-m', 'placeholders'], human);
    expect(r.stderr).toContain('allowed');
    expect(r.status).toBe(0);
  });

  it("an assistant's one-line fix to a person's file does not make the file the assistant's", () => {
    const repo = setup();
    const own = Array.from({ length: 8 }, (_, i) => `{"case": ${i}, "input": "hand-written input ${i}", "expect": "output ${i}"}\n`).join('');
    commit(repo, { 'scratch/mine.jsonl': own }, 'my cases');
    commit(repo, { 'scratch/mine.jsonl': `${own}{"case": 8, "input": "assistant-suggested input", "expect": "output 8"}\n` }, 'one more case', { assistant: true });
    fs.mkdirSync(path.join(repo, 'benchmarks'));
    git(repo, ['mv', 'scratch/mine.jsonl', 'benchmarks/mine.jsonl']);
    const r = gitTry(repo, ['commit', '-m', 'promote my cases'], human);
    expect(r.status).toBe(0);
  });
});

describe('a draft only a git-ai note gives to an AI', () => {
  /** git-ai's note for a commit whose message and identities say nothing: lines 1-8 of the draft are an AI session's. */
  const NOTE = `scratch/t1.jsonl
  s_0123456789abcd::t_0123456789abcd 1-8
---
{"schema_version":"authorship/3.0.0","sessions":{"s_0123456789abcd":{"agent_id":{"tool":"claude","id":"c1","model":"claude-sonnet-5"}}}}
`;
  /** The draft, committed as a person's (no trailer): only the note says otherwise. */
  const humanDraft = (repo: string) => commit(repo, { 'scratch/t1.jsonl': DRAFT }, 'draft tasks');
  const annotate = (repo: string, commitId: string, note = NOTE) => git(repo, ['notes', '--ref=ai', 'add', '-f', '-m', note, commitId], human);

  it('pre-commit blocks the move, even when the note came after the index was built', () => {
    const repo = setup();
    const drafted = humanDraft(repo);
    expect(cleanroom(repo, ['lineage', 'rebuild'], human).status).toBe(0);
    annotate(repo, drafted);
    move(repo);
    const r = gitTry(repo, ['commit', '-m', 'promote the draft'], human);
    expect(r.stderr).toMatch(ORIGIN);
    expect(r.stderr).toContain(drafted.slice(0, 7));
    expect(r.status).toBe(1);
  });

  it('pre-receive rejects the move when the draft and its note landed in an earlier push', () => {
    const repo = setup();
    const bare = server(repo);
    annotate(repo, humanDraft(repo));
    expect(pushPast(repo, bare, ['main', 'refs/notes/ai']).status).toBe(0);
    move(repo);
    commitPast(repo, 'promote the draft');
    const r = pushPast(repo, bare, ['main']);
    expect(r.stderr).toMatch(ORIGIN);
    expect(r.status).not.toBe(0);
  });

  it('pre-receive rejects the move pushed with the note that gives the draft to an AI', () => {
    const repo = setup();
    const bare = server(repo);
    const drafted = humanDraft(repo);
    expect(pushPast(repo, bare, ['main']).status).toBe(0);
    annotate(repo, drafted);
    move(repo);
    commitPast(repo, 'promote the draft');
    const r = pushPast(repo, bare, ['main', 'refs/notes/ai']);
    expect(r.stderr).toMatch(ORIGIN);
    expect(r.status).not.toBe(0);
  });

  it("a note that gives the draft's lines to a person, or another file to an AI, changes nothing", () => {
    const repo = setup();
    const drafted = humanDraft(repo);
    annotate(repo, drafted, NOTE.replace('s_0123456789abcd::t_0123456789abcd 1-8', 'h_fedcba98765432 1-8'));
    annotate(repo, commit(repo, { 'scratch/other.jsonl': DRAFT.replace(/prime/g, 'square') }, 'other'), NOTE.replace('scratch/t1.jsonl', 'scratch/elsewhere.jsonl'));
    move(repo);
    expect(gitTry(repo, ['commit', '-m', 'promote my draft'], human).status).toBe(0);
  });
});

describe('the index', () => {
  const indexDir = (repo: string) => path.join(repo, '.git', 'cleanroom', 'lineage');
  const indexFile = (dir: string) => path.join(dir, 'index.bin');
  /** Hands the index's bytes (its last digest left off), where its chunk table starts and its header to `change`. */
  function alter(dir: string, change: (raw: Buffer, tables: number, header: { chunks: number }) => void): Buffer {
    const raw = fs.readFileSync(indexFile(dir));
    const { header, tables } = layout(raw);
    const body = raw.subarray(0, raw.length - 32);
    change(body, tables, header);
    fs.writeFileSync(indexFile(dir), raw);
    return body;
  }
  /** The chunk table's hashes in descending order (each 8 bytes kept whole). */
  function reverseChunks(raw: Buffer, tables: number, chunks: number): void {
    const hashes = Buffer.from(raw.subarray(tables, tables + 8 * chunks));
    for (let i = 0; i < chunks; i++) hashes.copy(raw, tables + 8 * (chunks - 1 - i), 8 * i, 8 * i + 8);
  }
  /** Changes the index, then writes both digests that match the change. */
  function redigest(dir: string, change: (raw: Buffer, tables: number, header: { chunks: number }) => void): void {
    const body = alter(dir, change);
    const { filterDigest, tables } = layout(body);
    createHash('sha256').update(body.subarray(0, filterDigest)).digest().copy(body, filterDigest);
    fs.writeFileSync(indexFile(dir), Buffer.concat([body, createHash('sha256').update(body.subarray(tables)).digest()]));
  }
  /** Builds the index, then hands it to `spoil` before the move is judged. */
  function spoiled(spoil: (dir: string) => void): { status: number; stdout: string; stderr: string; repo: string } {
    const repo = setup();
    draft(repo);
    expect(cleanroom(repo, ['lineage', 'rebuild'], human).status).toBe(0);
    expect(fs.readFileSync(indexFile(indexDir(repo)), 'utf8')).toContain('scratch/t1.jsonl');
    spoil(indexDir(repo));
    move(repo);
    return { ...cleanroom(repo, ['check', '--staged'], human), repo };
  }

  it.each([
    ['deleted', (dir: string) => fs.rmSync(dir, { recursive: true })],
    ['truncated', (dir: string) => fs.truncateSync(indexFile(dir), 0)],
    ['cut short', (dir: string) => fs.truncateSync(indexFile(dir), Math.floor(fs.statSync(indexFile(dir)).size / 2))],
    ['garbage planted', (dir: string) => fs.writeFileSync(indexFile(dir), 'cleanroom-lineage\n{"v":2}\nnot json\n\0\0\0\n')],
    ['altered (one byte of its filter)', (dir: string) => alter(dir, (raw) => (raw[layout(raw).filter] = (raw[layout(raw).filter] as number) ^ 1))],
    ['altered (one byte of its tables)', (dir: string) => alter(dir, (raw, tables) => (raw[tables] = (raw[tables] as number) ^ 1))],
    // The rest keep the digest whole: a file that checks out must still describe what was asked.
    ['reordered, digest recomputed', (dir: string) => redigest(dir, (raw, tables, h) => reverseChunks(raw, tables, h.chunks))],
    ['of another policy, digest recomputed', (dir: string) => redigest(dir, (raw) => raw.write('0', raw.indexOf('"key":"') + 7, 'latin1'))],
    ['claiming more chunks than it holds, digest recomputed', (dir: string) => redigest(dir, (raw) => raw.write('9', raw.indexOf('"chunks":') + 9, 'latin1'))],
  ])('an index %s cannot admit the move', (_, spoil) => {
    const r = spoiled(spoil);
    expect(r.stdout).toMatch(ORIGIN);
    expect(r.status).toBe(1);
  });

  it('an index pairing a chunk with an origin it does not hold (digest recomputed) stops the verdict and names the rebuild', () => {
    // Origins are checked where a search finds one, not over the whole table at every load.
    const r = spoiled((dir) => redigest(dir, (raw, tables, h) => raw.fill(0x7f, tables + 8 * h.chunks, tables + 12 * h.chunks)));
    expect(r.stderr).toMatch(/the lineage index \S+index\.bin names an origin it does not hold; run `cleanroom lineage rebuild`/);
    expect(r.status).toBe(2);
  });

  it('a blob table that cannot find the copied blob (digest recomputed) changes how the origin is named, not the verdict', () => {
    // The blob table is not checked for order at load: it only names the origin of what the chunks flag.
    const r = spoiled((dir) =>
      redigest(dir, (raw, tables, h) => {
        const blobs = tables + 12 * h.chunks;
        raw[blobs] = (raw[blobs] as number) ^ 0xff;
      }),
    );
    expect(r.stdout).toMatch(/100% of the bytes it adds were first written by assistant commit [0-9a-f]{7} at scratch\/t1\.jsonl \[lineage\/share\]/);
    expect(r.status).toBe(1);
  });

  it('tables damaged past the first digest are found when a copy needs them, and the index is written anew', () => {
    let before = Buffer.alloc(0);
    const r = spoiled((dir) => {
      alter(dir, (raw, tables) => (raw[tables] = (raw[tables] as number) ^ 1));
      before = fs.readFileSync(indexFile(dir));
    });
    expect(r.stdout).toMatch(ORIGIN);
    expect(r.status).toBe(1);
    // The damaged file was replaced by one whose digests hold.
    const after = fs.readFileSync(indexFile(path.join(r.repo, '.git', 'cleanroom', 'lineage')));
    expect(after.equals(before)).toBe(false);
    expect(
      createHash('sha256')
        .update(after.subarray(layout(after).tables, after.length - 32))
        .digest()
        .equals(after.subarray(after.length - 32)),
    ).toBe(true);
  });

  it("a person's own file leaves the tables unchecked: what the filter rules out needs nothing more", () => {
    const repo = setup();
    draft(repo);
    expect(cleanroom(repo, ['lineage', 'rebuild'], human).status).toBe(0);
    // Tables damaged, filter whole: a file none of whose chunks the filter lets through is judged
    // without them, and the file is left as it is.
    alter(indexDir(repo), (raw, tables) => (raw[tables] = (raw[tables] as number) ^ 1));
    const damaged = fs.readFileSync(indexFile(indexDir(repo)));
    write(repo, 'benchmarks/own.jsonl', handWritten());
    git(repo, ['add', '-A']);
    expect(cleanroom(repo, ['check', '--staged'], human).status).toBe(0);
    expect(fs.readFileSync(indexFile(indexDir(repo))).equals(damaged)).toBe(true);
  });

  it.each([
    ['names another index', (head: string) => JSON.stringify({ index: 'f'.repeat(128), tips: [head], notes: null })],
    ['is garbage', () => '{"index": '],
  ])('a tips file that %s is not believed: the draft after the index is walked', (_, tipsFile) => {
    const repo = setup();
    expect(cleanroom(repo, ['lineage', 'rebuild'], human).status).toBe(0);
    const head = draft(repo);
    // Were it believed, the index would cover the draft's commit without holding its write.
    fs.writeFileSync(path.join(indexDir(repo), 'index.tips'), tipsFile(head));
    move(repo);
    const r = cleanroom(repo, ['check', '--staged'], human);
    expect(r.stdout).toMatch(ORIGIN);
    expect(r.status).toBe(1);
  });

  it('a stale index (written before the draft) is brought up to date, not believed', () => {
    const repo = setup();
    expect(cleanroom(repo, ['lineage', 'rebuild'], human).status).toBe(0);
    const stale = tempDir('stale');
    fs.cpSync(indexDir(repo), stale, { recursive: true });
    draft(repo);
    expect(cleanroom(repo, ['check', '--staged'], human).status).toBe(0);
    fs.rmSync(indexDir(repo), { recursive: true });
    fs.cpSync(stale, indexDir(repo), { recursive: true });
    move(repo);
    const r = cleanroom(repo, ['check', '--staged'], human);
    expect(r.stdout).toMatch(ORIGIN);
    expect(r.status).toBe(1);
  });

  it("a planted or damaged index only costs a walk: a person's own file stays allowed", () => {
    const repo = setup();
    draft(repo);
    expect(cleanroom(repo, ['lineage', 'rebuild'], human).status).toBe(0);
    fs.appendFileSync(indexFile(indexDir(repo)), 'garbage\n{"c":1}\n');
    write(repo, 'benchmarks/own.jsonl', handWritten());
    git(repo, ['add', '-A']);
    expect(cleanroom(repo, ['check', '--staged'], human).status).toBe(0);
  });

  it('rebuild reports what it indexed', () => {
    const repo = setup();
    draft(repo);
    const r = cleanroom(repo, ['lineage', 'rebuild'], human);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/indexed 3 commits: 1 assistant-written file/);
  });
});

describe('a review clears it', () => {
  it('an attestation of the moved blob lets the commit in', () => {
    const repo = setup();
    draft(repo);
    move(repo);
    expect(gitTry(repo, ['commit', '-m', 'promote'], human).status).toBe(1);
    const signed = cleanroom(repo, ['attest', '--yes', '--key', aliceKey, '--reviewer', 'alice@example.org'], human);
    expect(signed.stderr + signed.stdout).toContain('signed by alice@example.org');
    const r = gitTry(repo, ['commit', '-m', 'promote, reviewed'], human);
    expect(r.stderr).toContain('reviewed by alice@example.org');
    expect(r.status).toBe(0);
  });
});
