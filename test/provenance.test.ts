/**
 * `cleanroom record` fed the payloads each assistant's hook sends (fixtures written from the
 * documented formats in shared/research/fingerprints.md §2), the ledger it keeps, and
 * `cleanroom init --agents` wiring it into the assistants' own hook files.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendRecords, compact, lineFingerprint, openLedger, readLedger, type ProvenanceRecord } from '../src/provenance/ledger.js';
import { parsePayload, patchWrites } from '../src/provenance/payloads.js';
import { CLI, cleanEnv, cleanroom, git, initRepo, run, tempDir, write, CHILD_TIMEOUT_MS } from './helpers/git.js';

const ledgerOf = (repo: string) => readLedger(path.join(repo, '.git'));
const logOf = (repo: string) => {
  const file = path.join(repo, '.git', 'cleanroom', 'record.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const fps = (text: string) =>
  text
    .split('\n')
    .map(lineFingerprint)
    .filter((f): f is string => f !== null);

/** Runs `cleanroom record`, which must exit 0 and print nothing, whatever it gets. */
function record(cwd: string, agent: string, payload: unknown, env = cleanEnv()): void {
  const input = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const r = cleanroom(cwd, ['record', agent], env, input);
  expect(r.stdout).toBe('');
  expect(r.status).toBe(0);
}

function recordAsync(cwd: string, agent: string, payload: unknown): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'record', agent], { cwd, env: cleanEnv(), stdio: ['pipe', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_MS });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
    child.stdin.end(JSON.stringify(payload));
  });
}

const TASK = ['{"id": 17, "prompt": "Sort the list of intervals by start time",', ' "answer": "merge overlapping intervals after sorting"}', '}', ''].join('\n');

describe('cleanroom record: Claude Code', () => {
  const post = (repo: string, tool: string, input: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    session_id: 'abc123',
    transcript_path: '/home/u/.claude/projects/x/00893aaf.jsonl',
    cwd: repo,
    permission_mode: 'default',
    hook_event_name: 'PostToolUse',
    tool_name: tool,
    tool_input: input,
    tool_response: { filePath: input.file_path, success: true },
    tool_use_id: 'toolu_01ABC123',
    duration_ms: 12,
    ...extra,
  });

  it('Write: records path, blob id, sha256, size, every substantial line, agent, session, tool and time', () => {
    const repo = initRepo();
    const file = path.join(repo, 'benchmarks', 'task-17.json');
    write(repo, 'benchmarks/task-17.json', TASK);
    const before = Date.now();
    record(repo, 'claude-code', post(repo, 'Write', { file_path: file, content: TASK }));

    const [r, ...rest] = ledgerOf(repo);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      v: 1,
      agent: 'claude-code',
      session: 'abc123',
      tool: 'Write',
      path: 'benchmarks/task-17.json',
      blob: git(repo, ['hash-object', file]),
      sha256: sha256(file),
      size: Buffer.byteLength(TASK),
    });
    // `}` is under 8 characters: the rule skips it.
    expect(r?.lines).toEqual(fps(TASK));
    expect(r?.lines).toHaveLength(2);
    expect(Date.parse(r?.time ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(logOf(repo)).toBe('');
  });

  it('Edit and MultiEdit: the blob is the whole file as written, the lines only those the edit put there', () => {
    const repo = initRepo();
    const human = 'a line a human wrote long before\n';
    write(repo, 'datasets/d.txt', `${human}the assistant's own sentence here\nand its second one, also new\n`);
    const file = path.join(repo, 'datasets/d.txt');
    record(repo, 'claude-code', post(repo, 'Edit', { file_path: file, old_string: 'x', new_string: "the assistant's own sentence here" }));
    record(
      repo,
      'claude-code',
      post(repo, 'MultiEdit', {
        file_path: file,
        edits: [
          { old_string: 'a', new_string: 'and its second one, also new' },
          { old_string: 'b', new_string: '' },
        ],
      }),
    );
    const [edit, multi] = ledgerOf(repo);
    expect(edit?.blob).toBe(git(repo, ['hash-object', file]));
    expect(edit?.lines).toEqual(fps("the assistant's own sentence here"));
    expect(multi?.tool).toBe('MultiEdit');
    expect(multi?.lines).toEqual(fps('and its second one, also new'));
    expect(openLedger(path.join(repo, '.git')).lineMatches([human.trim()]).matched).toBe(0);
  });

  it('NotebookEdit: the notebook file as git will diff it', () => {
    const repo = initRepo();
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: ['print("a notebook cell")\n'] }] }, null, 1);
    write(repo, 'evals/n.ipynb', nb);
    const file = path.join(repo, 'evals/n.ipynb');
    record(repo, 'claude-code', post(repo, 'NotebookEdit', { notebook_path: file, cell_id: 'c1', new_source: 'print("a notebook cell")' }));
    expect(ledgerOf(repo)[0]).toMatchObject({ path: 'evals/n.ipynb', tool: 'NotebookEdit', lines: fps(nb) });
  });

  it('Bash: a snapshot before the call and a look after it record exactly the files the command changed', () => {
    const repo = initRepo();
    write(repo, 'notes.txt', 'a human draft, uncommitted, left alone by the command\n');
    write(repo, 'README.md', 'hello\nedited by a human before the call, same after it\n');
    const bash = (event: string) => ({
      session_id: 's-bash',
      cwd: repo,
      hook_event_name: event,
      tool_name: 'Bash',
      tool_input: { command: 'python gen.py > benchmarks/gen.jsonl && git add benchmarks && echo x >> README.md' },
      tool_use_id: 'toolu_bash1',
      ...(event === 'PostToolUse' ? { tool_response: { stdout: '', stderr: '' } } : {}),
    });
    record(repo, 'claude-code', bash('PreToolUse'));
    expect(ledgerOf(repo)).toEqual([]);
    // What the command did: a new file, staged at once, and a tracked file changed again.
    write(repo, 'benchmarks/gen.jsonl', '{"q": "generated by a script the assistant wrote"}\n');
    git(repo, ['add', 'benchmarks']);
    fs.appendFileSync(path.join(repo, 'README.md'), 'one more line the command appended\n');
    record(repo, 'claude-code', bash('PostToolUse'));

    const records = ledgerOf(repo);
    expect(records.map((r) => r.path).sort()).toEqual(['README.md', 'benchmarks/gen.jsonl']);
    for (const r of records) expect(r).toMatchObject({ agent: 'claude-code', session: 's-bash', tool: 'Bash' });
    expect(records.find((r) => r.path === 'benchmarks/gen.jsonl')?.blob).toBe(git(repo, ['rev-parse', ':benchmarks/gen.jsonl']));
    // The snapshot is used once and removed.
    expect(fs.readdirSync(path.join(repo, '.git', 'cleanroom', 'shell'))).toEqual([]);
  });

  it("Bash without a snapshot: the call's duration bounds it; without either nothing is guessed and the log says why", () => {
    const repo = initRepo();
    write(repo, 'old-draft.txt', 'written by a human an hour ago\n');
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(repo, 'old-draft.txt'), hourAgo, hourAgo);
    write(repo, 'benchmarks/new.json', '{"just": "written by the command"}\n');
    const payload = { session_id: 's', cwd: repo, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'x' }, tool_use_id: 't1' };
    record(repo, 'claude-code', { ...payload, duration_ms: 5000 });
    expect(ledgerOf(repo).map((r) => r.path)).toEqual(['benchmarks/new.json']);

    record(repo, 'codex', { ...payload, tool_use_id: 't2' });
    expect(ledgerOf(repo)).toHaveLength(1);
    expect(logOf(repo)).toMatch(/codex: Bash: no snapshot from before the call and no duration in the payload/);
  });
});

describe('cleanroom record: other assistants', () => {
  const PATCH = [
    '*** Begin Patch',
    '*** Add File: benchmarks/task-18.json',
    '+{"prompt": "Reverse a linked list in place",',
    '+ "answer": "iterate, re-pointing next to the previous node"}',
    '*** Update File: src/old_name.py',
    '*** Move to: src/new_name.py',
    '@@ def f():',
    '-    return compute_the_old_way()',
    '+    return compute_the_new_way()',
    '*** Delete File: obsolete.txt',
    '*** End Patch',
    '',
  ].join('\n');

  it('Codex apply_patch: paths from the envelope (added, moved), relative to cwd; deletions write nothing', () => {
    const repo = initRepo();
    write(repo, 'benchmarks/task-18.json', '{"prompt": "Reverse a linked list in place",\n "answer": "iterate, re-pointing next to the previous node"}\n');
    write(repo, 'src/new_name.py', 'def f():\n    return compute_the_new_way()\n');
    const base = {
      session_id: '019a-codex-session',
      turn_id: 'turn-1',
      transcript_path: null,
      cwd: repo,
      hook_event_name: 'PostToolUse',
      model: 'gpt-5-codex',
      permission_mode: 'default',
      tool_name: 'apply_patch',
      tool_use_id: 'call_1',
      tool_response: { output: 'Success.' },
    };
    record(repo, 'codex', { ...base, tool_input: { command: PATCH } });
    const records = ledgerOf(repo);
    expect(records.map((r) => r.path)).toEqual(['benchmarks/task-18.json', 'src/new_name.py']);
    expect(records[0]).toMatchObject({
      agent: 'codex',
      session: '019a-codex-session',
      tool: 'apply_patch',
      lines: fps(fs.readFileSync(path.join(repo, 'benchmarks/task-18.json'), 'utf8')),
    });
    // An update counts the hunk's added lines only: `def f():` was there before.
    expect(records[1]?.lines).toEqual(fps('    return compute_the_new_way()'));

    // git-ai and third-party bridges put the patch in tool_input.patch.
    record(repo, 'codex', { ...base, tool_input: { patch: PATCH } });
    expect(ledgerOf(repo)).toHaveLength(4);
  });

  it('Cursor afterFileEdit and afterShellExecution', () => {
    const repo = initRepo();
    write(repo, 'datasets/c.jsonl', '{"text": "cursor wrote this whole record"}\n');
    record(repo, 'cursor', {
      hook_event_name: 'afterFileEdit',
      conversation_id: 'conv-1',
      generation_id: 'gen-1',
      workspace_roots: [repo],
      file_path: path.join(repo, 'datasets/c.jsonl'),
      edits: [{ old_string: '', new_string: '{"text": "cursor wrote this whole record"}\n' }],
    });
    // Written a minute before the shell call: outside the window its duration bounds.
    const minuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(repo, 'datasets/c.jsonl'), minuteAgo, minuteAgo);
    write(repo, 'datasets/sh.txt', 'written by a shell command in cursor\n');
    record(repo, 'cursor', {
      hook_event_name: 'afterShellExecution',
      conversation_id: 'conv-1',
      generation_id: 'gen-2',
      workspace_roots: [repo],
      command: 'echo',
      cwd: repo,
      output: '',
      duration: 800,
    });
    expect(ledgerOf(repo).map((r) => [r.path, r.agent, r.session, r.tool])).toEqual([
      ['datasets/c.jsonl', 'cursor', 'conv-1', 'afterFileEdit'],
      ['datasets/sh.txt', 'cursor', 'conv-1', 'afterShellExecution'],
    ]);
    expect(ledgerOf(repo)[0]?.lines).toHaveLength(1);
  });

  it('Gemini CLI AfterTool write_file and replace, and run_shell_command between BeforeTool and AfterTool', () => {
    const repo = initRepo();
    const file = path.join(repo, 'benchmarks/g.py');
    write(repo, 'benchmarks/g.py', 'def solve(values):\n    return sorted(values, reverse=True)\n');
    const common = { session_id: 'g-sess', transcript_path: '/t', cwd: repo, timestamp: '2026-08-22T10:00:00Z' };
    record(repo, 'gemini', {
      ...common,
      hook_event_name: 'AfterTool',
      tool_name: 'write_file',
      tool_input: { file_path: file, content: '...' },
      tool_response: { llmContent: 'ok' },
    });
    record(repo, 'gemini', {
      ...common,
      hook_event_name: 'AfterTool',
      tool_name: 'replace',
      tool_input: { file_path: file, instruction: 'reverse', old_string: 'sorted(values)', new_string: 'sorted(values, reverse=True)' },
    });
    const shell = (event: string) => ({ ...common, hook_event_name: event, tool_name: 'run_shell_command', tool_input: { command: 'make data' } });
    record(repo, 'gemini', shell('BeforeTool'));
    write(repo, 'datasets/made.csv', 'id,text\n1,made by make data in a gemini shell\n');
    record(repo, 'gemini', shell('AfterTool'));
    const records = ledgerOf(repo);
    expect(records.map((r) => [r.path, r.tool, r.session])).toEqual([
      ['benchmarks/g.py', 'write_file', 'g-sess'],
      ['benchmarks/g.py', 'replace', 'g-sess'],
      ['datasets/made.csv', 'run_shell_command', 'g-sess'],
    ]);
    expect(records[1]?.lines).toEqual(fps('    return sorted(values, reverse=True)'));
  });

  it('Copilot CLI: snake_case payloads (PascalCase hooks) and native camelCase ones with toolArgs as a JSON string', () => {
    const repo = initRepo();
    write(repo, 'benchmarks/cp.md', '# A benchmark task written by copilot\n');
    write(repo, 'benchmarks/cp2.md', '# Another task, edited by copilot natively\n');
    record(repo, 'copilot', {
      hook_event_name: 'PostToolUse',
      session_id: 'cp-sess',
      timestamp: '2026-04-08T10:00:00.000Z',
      cwd: repo,
      tool_name: 'create',
      tool_input: { path: path.join(repo, 'benchmarks/cp.md'), file_text: '# A benchmark task written by copilot\n' },
      tool_result: { result_type: 'success', text_result_for_llm: 'Created file' },
    });
    record(repo, 'copilot', {
      timestamp: 1704614700000,
      cwd: repo,
      toolName: 'edit',
      toolArgs: JSON.stringify({ path: 'benchmarks/cp2.md', old_str: 'x', new_str: '# Another task, edited by copilot natively' }),
      toolResult: { resultType: 'success', textResultForLlm: '' },
    });
    expect(ledgerOf(repo).map((r) => [r.path, r.tool, r.session, r.lines?.length])).toEqual([
      ['benchmarks/cp.md', 'create', 'cp-sess', 1],
      ['benchmarks/cp2.md', 'edit', '', 1],
    ]);
  });

  it('ignores paths outside the repository and inside .git; resolves relative paths against the payload cwd', () => {
    const repo = initRepo();
    const outside = path.join(tempDir('outside'), 'x.txt');
    fs.writeFileSync(outside, 'not in any repository at all\n');
    write(repo, 'sub/dir/rel.txt', 'a relative path from a subdirectory\n');
    const payload = (filePath: string) => ({
      session_id: 's',
      cwd: path.join(repo, 'sub'),
      hook_event_name: 'PostToolUse',
      tool_name: 'Write',
      tool_input: { file_path: filePath },
    });
    record(repo, 'claude-code', payload(outside));
    record(repo, 'claude-code', payload(path.join(repo, '.git', 'config')));
    record(repo, 'claude-code', payload(path.join(repo, 'gone.txt')));
    record(repo, 'claude-code', payload('dir/rel.txt'));
    expect(ledgerOf(repo).map((r) => r.path)).toEqual(['sub/dir/rel.txt']);
    expect(logOf(repo)).toBe('');
  });

  it('uses the object format of a sha256 repository, and the common dir of a linked worktree', () => {
    const sha = initRepo(['--object-format=sha256']);
    write(sha, 'b.txt', 'content of a sha256 repository file\n');
    record(sha, 'claude-code', { cwd: sha, tool_name: 'Write', tool_input: { file_path: path.join(sha, 'b.txt') } });
    const oid = git(sha, ['hash-object', 'b.txt']);
    expect(oid).toHaveLength(64);
    expect(ledgerOf(sha)[0]?.blob).toBe(oid);

    const main = initRepo();
    const wt = path.join(tempDir('wt'), 'feature');
    git(main, ['worktree', 'add', '-q', '-b', 'feature', wt]);
    write(wt, 'datasets/w.txt', 'written in a linked worktree checkout\n');
    record(wt, 'claude-code', { cwd: wt, tool_name: 'Write', tool_input: { file_path: path.join(wt, 'datasets/w.txt') } });
    expect(ledgerOf(main).map((r) => r.path)).toEqual(['datasets/w.txt']);
  });
});

describe('cleanroom record: never in the way', () => {
  it('exits 0 silently on anything, logging what it could not use', () => {
    const repo = initRepo();
    for (const input of ['', 'not json {', '[1,2]', '42', '{"tool_name": "Write"}', '{"tool_name": "Write", "tool_input": {"file_path": 7}}']) {
      record(repo, 'claude-code', input);
    }
    record(repo, 'aider', { tool_name: 'Write' });
    const r = cleanroom(repo, ['record'], cleanEnv(), '{}');
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(ledgerOf(repo)).toEqual([]);
    const log = logOf(repo);
    expect(log).toContain('claude-code: empty payload on stdin');
    expect(log).toMatch(/claude-code: payload is not JSON \(.*; 10 characters\)/);
    expect(log).toContain('claude-code: payload is JSON but not an object (an array)');
    expect(log).toContain('aider: unknown agent "aider"; expected one of claude-code, codex, cursor, gemini, copilot');
    expect(log).toContain(': unknown agent ""');

    // Outside any repository there is nowhere to record or log: still 0 and silent.
    const r2 = cleanroom(tempDir('norepo'), ['record', 'claude-code'], cleanEnv(), 'garbage');
    expect([r2.status, r2.stdout, r2.stderr]).toEqual([0, '', '']);
  });

  // Root reads any file, so there the case cannot be staged.
  it.skipIf(process.getuid?.() === 0)('an unreadable file is logged, the others in the batch still recorded', () => {
    const repo = initRepo();
    write(repo, 'a.txt', 'readable content line here\n');
    write(repo, 'b.txt', 'unreadable content line here\n');
    fs.chmodSync(path.join(repo, 'b.txt'), 0);
    record(repo, 'codex', { cwd: repo, tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** Add File: a.txt\n+x\n*** Add File: b.txt\n+y\n*** End Patch' } });
    expect(ledgerOf(repo).map((r) => r.path)).toEqual(['a.txt']);
    expect(logOf(repo)).toContain('b.txt: not recorded');
  });

  it('20 concurrent hooks lose nothing and interleave no line', async () => {
    const repo = initRepo();
    const big = Array.from({ length: 400 }, (_, i) => `line ${i} of a long generated benchmark file`).join('\n');
    const writes = Array.from({ length: 20 }, (_, i) => {
      write(repo, `benchmarks/f${i}.txt`, `${big}\nfile ${i}\n`);
      return recordAsync(repo, 'claude-code', {
        session_id: `s${i}`,
        cwd: repo,
        hook_event_name: 'PostToolUse',
        tool_name: 'Write',
        tool_input: { file_path: path.join(repo, `benchmarks/f${i}.txt`) },
      });
    });
    for (const r of await Promise.all(writes)) expect([r.status, r.stdout]).toEqual([0, '']);
    const text = fs.readFileSync(path.join(repo, '.git', 'cleanroom', 'provenance.jsonl'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    expect(
      ledgerOf(repo)
        .map((r) => r.session)
        .sort(),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `s${i}`).sort());
  });
});

function fakeRecord(i: number, extra: Partial<ProvenanceRecord> = {}): ProvenanceRecord {
  return {
    v: 1,
    id: `id${i}`,
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    agent: 'codex',
    session: 'sess',
    tool: 'apply_patch',
    path: `benchmarks/f${i}.json`,
    blob: `${i}`.padStart(40, '0'),
    sha256: `${i}`.padStart(64, '0'),
    size: 10,
    lines: [`${i}`.padStart(16, 'f')],
    ...extra,
  };
}

describe('the ledger', () => {
  const commonDir = () => tempDir('common');

  it('compacts past its bound to the newest records, in order, within half the bound', () => {
    const dir = commonDir();
    for (let i = 0; i < 200; i++) appendRecords(dir, [fakeRecord(i)], { maxBytes: 20_000 });
    const file = path.join(dir, 'cleanroom', 'provenance.jsonl');
    expect(fs.statSync(file).size).toBeLessThanOrEqual(20_000);
    const ids = readLedger(dir).map((r) => Number(r.id.slice(2)));
    expect(ids.at(-1)).toBe(199);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, k) => 200 - ids.length + k));
    expect(ids.length).toBeGreaterThan(10);
    expect(fs.readdirSync(path.join(dir, 'cleanroom')).sort()).toEqual(['provenance.jsonl']);
  });

  it('leaves compaction to the holder of a live lock, breaks a stale one, and drops torn lines', () => {
    const dir = commonDir();
    appendRecords(dir, [fakeRecord(1), fakeRecord(2)]);
    const file = path.join(dir, 'cleanroom', 'provenance.jsonl');
    fs.appendFileSync(file, '{"v":1,"id":"torn');
    const lock = path.join(dir, 'cleanroom', 'provenance.lock');
    fs.writeFileSync(lock, '123\n');
    expect(compact(dir, 1_000_000)).toBe(false);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    expect(compact(dir, 1_000_000)).toBe(true);
    expect(fs.existsSync(lock)).toBe(false);
    expect(fs.readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    expect(readLedger(dir).map((r) => r.id)).toEqual(['id1', 'id2']);
  });

  it('concurrent hooks past the bound keep the file whole and the newest record', async () => {
    const repo = initRepo();
    const env = cleanEnv({ CLEANROOM_LEDGER_MAX_BYTES: '4000' });
    const runs = Array.from({ length: 20 }, (_, i) => {
      write(repo, `d/f${i}.txt`, `${'a fairly long line of generated text '.repeat(3)}${i}\n`.repeat(5));
      return new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'record', 'gemini'], { cwd: repo, env, stdio: ['pipe', 'ignore', 'ignore'], timeout: CHILD_TIMEOUT_MS });
        child.on('close', resolve);
        child.stdin.end(JSON.stringify({ cwd: repo, hook_event_name: 'AfterTool', tool_name: 'write_file', tool_input: { file_path: path.join(repo, `d/f${i}.txt`) } }));
      });
    });
    expect(await Promise.all(runs)).toEqual(Array(20).fill(0));
    write(repo, 'd/last.txt', 'the very last write of the session\n');
    record(repo, 'gemini', { cwd: repo, hook_event_name: 'AfterTool', tool_name: 'write_file', tool_input: { file_path: path.join(repo, 'd/last.txt') } }, env);
    const file = path.join(repo, '.git', 'cleanroom', 'provenance.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    expect(ledgerOf(repo).at(-1)?.path).toBe('d/last.txt');
    expect(fs.statSync(file).size).toBeLessThanOrEqual(4000);
  });

  it('answers by blob id and by lines, loading nothing until asked', () => {
    const dir = commonDir();
    const ledger = openLedger(dir);
    const a = 'a substantial line the assistant wrote';
    const b = 'another line, written later by another agent';
    appendRecords(dir, [
      fakeRecord(1, { path: 'x/one.txt', lines: fps(a), blob: 'AB'.padEnd(40, '0') }),
      fakeRecord(2, { path: 'x/two.txt', lines: fps(`${a}\n${b}`), agent: 'cursor' }),
    ]);
    // Opened before the records were appended: it reads the file at the first question.
    expect(ledger.byBlob('ab'.padEnd(40, '0')).map((r) => r.id)).toEqual(['id1']);
    expect(ledger.byBlob('f'.repeat(40))).toEqual([]);

    const m = ledger.lineMatches([a, '}', '', b, 'a line nobody recorded anywhere', `   ${a}   `]);
    expect([m.matched, m.total]).toEqual([3, 4]);
    expect(m.records.map((r) => r.id)).toEqual(['id2']);
    // With a path, a line recorded under that path is credited to that path's record.
    expect(ledger.lineMatches([a, b], 'x/one.txt').records.map((r) => r.id)).toEqual(['id2', 'id1']);
    expect(openLedger(tempDir('empty')).lineMatches([a])).toEqual({ matched: 0, total: 1, records: [] });
  });

  it('the line rule: trimmed, whitespace runs collapsed, under 8 characters skipped', () => {
    expect(lineFingerprint('  return x;  ')).toBe(lineFingerprint('return   x;'));
    expect(lineFingerprint('\treturn x;\r')).toBe(lineFingerprint('return x;'));
    expect(lineFingerprint('});')).toBeNull();
    expect(lineFingerprint('1234567')).toBeNull();
    expect(lineFingerprint('12345678')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('payload parsers', () => {
  it('read an apply_patch envelope', () => {
    expect(patchWrites('*** Begin Patch\n*** Update File: a.py\n*** Move to: b.py\n@@\n-x\n+y\n+z\n*** Add File: c.txt\n+c\n*** Delete File: d\n*** End Patch\n')).toEqual([
      { path: 'b.py', introduced: ['y', 'z'] },
      { path: 'c.txt', introduced: null },
    ]);
  });

  it('ignore the tools and events that write nothing', () => {
    expect(parsePayload('claude-code', '{"hook_event_name":"PostToolUse","tool_name":"Read","tool_input":{"file_path":"/a"}}').writes).toEqual([]);
    expect(parsePayload('claude-code', '{"hook_event_name":"PreToolUse","tool_name":"Write","tool_input":{"file_path":"/a"}}').writes).toEqual([]);
    expect(parsePayload('gemini', '{"hook_event_name":"AfterTool","tool_name":"read_file","tool_input":{"file_path":"/a"}}').writes).toEqual([]);
    expect(parsePayload('copilot', '{"toolName":"view","toolArgs":"{\\"path\\":\\"/a\\"}"}').writes).toEqual([]);
    expect(parsePayload('cursor', '{"hook_event_name":"beforeShellExecution","command":"ls"}').shell).toBeNull();
  });
});

describe('cleanroom init --agents', () => {
  function project(): string {
    const repo = tempDir('agents');
    git(repo, ['init', '-q', '-b', 'main']);
    return repo;
  }
  const read = (repo: string, file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
  // biome-ignore lint/suspicious/noExplicitAny: the test walks assistants' config files of any shape
  const json = (repo: string, file: string) => JSON.parse(read(repo, file)) as Record<string, any>;
  const RECORD = `${CLI} record`;
  const GUARD = `${CLI} guard`;

  it('merges into the hook files of the assistants the project uses, keeps what is there, and a second run changes nothing', () => {
    const repo = project();
    const otherHook = { matcher: 'Write', hooks: [{ type: 'command', command: 'npx prettier --write "$FILE"' }] };
    write(repo, '.claude/settings.json', `${JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, hooks: { PostToolUse: [otherHook] } }, null, 4)}\n`);
    fs.mkdirSync(path.join(repo, '.codex'));
    write(repo, '.cursor/hooks.json', JSON.stringify({ version: 1, hooks: { afterFileEdit: [{ command: './hooks/format.sh' }] } }));
    write(repo, 'GEMINI.md', '# context\n');

    const r = cleanroom(repo, ['init', '--agents', '--no-hooks']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('agents: Claude Code, Codex, Cursor, Gemini CLI\n');
    expect(r.stdout).toContain(
      `  Claude Code: .claude/settings.json: merged: \`${RECORD} claude-code\` on PostToolUse (Write|Edit|MultiEdit|NotebookEdit|Bash), PreToolUse (Bash)`,
    );
    expect(r.stdout).toContain(`  Codex: .codex/hooks.json: written: \`${RECORD} codex\``);
    expect(r.stdout).toContain(
      '  Copilot CLI: not found (no .github/hooks or .github/copilot-instructions.md); to record it too: mkdir -p .github/hooks && cleanroom init --agents',
    );
    expect(r.stdout).toContain('note: these hooks run this installation of cleanroom by its path');

    const claude = json(repo, '.claude/settings.json');
    expect(claude.permissions).toEqual({ allow: ['Bash(npm test)'] });
    expect(claude.hooks.PostToolUse).toEqual([otherHook, { matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash', hooks: [{ type: 'command', command: `${RECORD} claude-code` }] }]);
    expect(claude.hooks.PreToolUse).toEqual([
      { matcher: 'Bash', hooks: [{ type: 'command', command: `${RECORD} claude-code` }] },
      { matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash', hooks: [{ type: 'command', command: `${GUARD} claude-code` }] },
    ]);
    expect(r.stdout).toContain(`  Claude Code: .claude/settings.json: merged: \`${GUARD} claude-code\` on PreToolUse (Write|Edit|MultiEdit|NotebookEdit|Bash)`);
    expect(read(repo, '.claude/settings.json')).toMatch(/^ {4}"permissions"/m);
    expect(json(repo, '.codex/hooks.json').hooks.PostToolUse[0].matcher).toBe('apply_patch|Edit|Write|Bash');
    expect(json(repo, '.cursor/hooks.json')).toEqual({
      version: 1,
      hooks: {
        afterFileEdit: [{ command: './hooks/format.sh' }, { command: `${RECORD} cursor` }],
        afterShellExecution: [{ command: `${RECORD} cursor` }],
        preToolUse: [{ command: `${GUARD} cursor` }],
        beforeShellExecution: [{ command: `${GUARD} cursor` }],
      },
    });
    expect(json(repo, '.gemini/settings.json').hooks.AfterTool[0].hooks[0]).toEqual({ name: 'cleanroom-record', type: 'command', command: `${RECORD} gemini` });
    expect(json(repo, '.gemini/settings.json').hooks.BeforeTool[1]).toEqual({
      matcher: 'write_file|replace|run_shell_command',
      hooks: [{ name: 'cleanroom-guard', type: 'command', command: `${GUARD} gemini` }],
    });
    expect(json(repo, '.codex/hooks.json').hooks.PreToolUse[1]).toEqual({ matcher: 'apply_patch|Edit|Write|Bash', hooks: [{ type: 'command', command: `${GUARD} codex` }] });

    const files = ['.claude/settings.json', '.codex/hooks.json', '.cursor/hooks.json', '.gemini/settings.json'];
    const before = files.map((f) => read(repo, f));
    const again = cleanroom(repo, ['init', '--agents', '--no-hooks']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('  Claude Code: .claude/settings.json: already records (PostToolUse (Write|Edit|MultiEdit|NotebookEdit|Bash), PreToolUse (Bash))');
    expect(again.stdout).toContain('  Cursor: .cursor/hooks.json: already records (afterFileEdit, afterShellExecution)');
    expect(again.stdout).toContain('  Cursor: .cursor/hooks.json: already guards (preToolUse, beforeShellExecution)');
    expect(files.map((f) => read(repo, f))).toEqual(before);
  });

  it('leaves a file it cannot read as JSON untouched and prints what to add; brings its own stale entry up to date', () => {
    const repo = project();
    const jsonc = '{\n  // comments are allowed in Gemini settings\n  "theme": "dark"\n}\n';
    write(repo, '.gemini/settings.json', jsonc);
    write(
      repo,
      '.github/hooks/cleanroom.json',
      JSON.stringify({ version: 1, hooks: { PostToolUse: [{ type: 'command', bash: '/old/place/bin/cleanroom.js record copilot', timeoutSec: 5 }] } }),
    );
    const r = cleanroom(repo, ['init', '--agents', '--no-hooks']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      / {2}Gemini CLI: \.gemini\/settings\.json: left untouched: it is not plain JSON \(.*\); add these to its "hooks" by hand: \{"AfterTool":\[\{"matcher":"write_file\|replace\|run_shell_command"/,
    );
    expect(read(repo, '.gemini/settings.json')).toBe(jsonc);
    expect(r.stdout).toContain('  Copilot CLI: .github/hooks/cleanroom.json: merged:');
    expect(json(repo, '.github/hooks/cleanroom.json').hooks).toEqual({
      PostToolUse: [{ type: 'command', bash: `${RECORD} copilot`, timeoutSec: 5 }],
      PreToolUse: [
        { type: 'command', bash: `${RECORD} copilot` },
        { type: 'command', bash: `${GUARD} copilot` },
      ],
    });
  });

  it('writes a command that works: run through sh as Claude Code runs it, it records the write', () => {
    const repo = project();
    fs.mkdirSync(path.join(repo, '.claude'));
    expect(cleanroom(repo, ['init', '--agents']).status).toBe(0);
    const command = json(repo, '.claude/settings.json').hooks.PostToolUse[0].hooks[0].command as string;
    write(repo, 'benchmarks/t.json', '{"task": "written by the assistant, recorded by its hook"}\n');
    const payload = JSON.stringify({
      session_id: 'live',
      cwd: repo,
      hook_event_name: 'PostToolUse',
      tool_name: 'Write',
      tool_input: { file_path: path.join(repo, 'benchmarks/t.json') },
    });
    const r = run('sh', ['-c', command], repo, cleanEnv({ CLAUDE_PROJECT_DIR: repo }), payload);
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(ledgerOf(repo).map((x) => [x.path, x.session])).toEqual([['benchmarks/t.json', 'live']]);
  });

  it("with cleanroom in the project's node_modules, names it through the project root", () => {
    const repo = project();
    fs.mkdirSync(path.join(repo, '.claude'));
    fs.mkdirSync(path.join(repo, 'node_modules'));
    fs.symlinkSync(path.resolve(CLI, '..', '..'), path.join(repo, 'node_modules', 'git-cleanroom'));
    const r = cleanroom(repo, ['init', '--agents', '--no-hooks']);
    expect(r.stdout).toContain('`"$CLAUDE_PROJECT_DIR"/node_modules/.bin/cleanroom record claude-code`');
    expect(r.stdout).not.toContain('note: these hooks run this installation');
  });
});
