/**
 * `cleanroom guard <agent>`, fed each assistant's documented pre-tool hook payloads (as record is
 * fed its post-tool ones) in a real repository whose committed policy bans assistants from
 * benchmarks/: a write there is refused in the tool's own way, a write into another protected
 * path goes ahead with a note that a human review will be needed, anything else passes silently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellWriteTargets } from '../src/provenance/pre-tool.js';
import { cleanEnv, cleanroom, CLI, fixtureCopy, git, run, seedRepo, tempDir, write, type Run } from './helpers/git.js';
import { FORBID_POLICY } from './helpers/forbid.js';

const human = cleanEnv();

function setup(): string {
  // Built once, then copied (fixtureCopy).
  return fixtureCopy(
    'setup',
    (repo) => {
      seedRepo(repo);
      write(repo, '.cleanroom/policy.yaml', FORBID_POLICY);
      git(repo, ['add', '.cleanroom']);
      git(repo, ['commit', '-q', '-m', 'policy']);
    },
    'repo',
  );
}

const guard = (repo: string, agent: string, payload: unknown): Run => cleanroom(repo, ['guard', agent], human, typeof payload === 'string' ? payload : JSON.stringify(payload));

/** Claude Code's PreToolUse, as its hooks documentation shows it. */
const claude = (repo: string, tool: string, input: Record<string, unknown>) => ({
  session_id: 'abc123',
  transcript_path: '/tmp/t.jsonl',
  cwd: repo,
  permission_mode: 'default',
  hook_event_name: 'PreToolUse',
  tool_name: tool,
  tool_input: input,
  tool_use_id: 'toolu_01',
});
const codex = (repo: string, tool: string, input: Record<string, unknown>) => ({
  session_id: 's',
  turn_id: 't',
  transcript_path: null,
  cwd: repo,
  hook_event_name: 'PreToolUse',
  model: 'gpt-5',
  permission_mode: 'default',
  tool_name: tool,
  tool_input: input,
  tool_use_id: 'call_1',
});
const gemini = (repo: string, tool: string, input: Record<string, unknown>) => ({
  session_id: 's',
  transcript_path: '/tmp/t.json',
  cwd: repo,
  hook_event_name: 'BeforeTool',
  timestamp: '2026-01-01T00:00:00Z',
  tool_name: tool,
  tool_input: input,
});
const cursorTool = (repo: string, tool: string, input: Record<string, unknown>) => ({
  hook_event_name: 'preToolUse',
  conversation_id: 'c',
  generation_id: 'g',
  workspace_roots: [repo],
  tool_name: tool,
  tool_input: input,
  tool_use_id: 'u1',
});
const PATCH = '*** Begin Patch\n*** Add File: benchmarks/t.json\n+{"task": 1}\n*** End Patch\n';

describe('cleanroom guard: each assistant, each documented pre-tool payload', () => {
  it('Claude Code: denies with permissionDecision deny, notes a review, stays silent elsewhere', () => {
    const repo = setup();
    const write_ = guard(repo, 'claude-code', claude(repo, 'Write', { file_path: path.join(repo, 'benchmarks/t.json'), content: '{}' }));
    expect(write_.status).toBe(0);
    const out = JSON.parse(write_.stdout).hookSpecificOutput;
    expect(out.hookEventName).toBe('PreToolUse');
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('an assistant may not write benchmarks/t.json');
    expect(out.permissionDecisionReason).toContain('benchmarks/** (forbid-assistant, .cleanroom/policy.yaml@HEAD:7)');
    expect(out.permissionDecisionReason).toContain('a human must write this file themselves');

    const edit = guard(repo, 'claude-code', claude(repo, 'Edit', { file_path: path.join(repo, 'datasets/a.jsonl'), old_string: 'a', new_string: 'b' }));
    expect(edit.status).toBe(0);
    const note = JSON.parse(edit.stdout).hookSpecificOutput;
    expect(note.permissionDecision).toBeUndefined();
    expect(note.additionalContext).toContain('datasets/a.jsonl is protected: datasets/** (review-if-assistant');
    expect(note.additionalContext).toContain('a human review will be needed before commit');

    for (const p of [
      claude(repo, 'Write', { file_path: path.join(repo, 'src/x.ts'), content: '' }),
      claude(repo, 'Write', { file_path: path.join(repo, 'benchmarks/README.md'), content: '# how' }),
      claude(repo, 'Bash', { command: 'cat benchmarks/t.json | wc -l > /tmp/count' }),
      claude(repo, 'Read', { file_path: path.join(repo, 'benchmarks/t.json') }),
    ]) {
      const r = guard(repo, 'claude-code', p);
      expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    }

    for (const command of [
      'echo "{}" > benchmarks/t.json',
      'cp /tmp/x benchmarks/',
      'python gen.py | tee -a benchmarks/t.json',
      'sed -i s/a/b/ benchmarks/t.json',
      'cd . && mv scratch/t.json benchmarks/t.json',
    ]) {
      const r = guard(repo, 'claude-code', claude(repo, 'Bash', { command }));
      expect([command, JSON.parse(r.stdout || '{}').hookSpecificOutput?.permissionDecision]).toEqual([command, 'deny']);
    }
    expect(NotebookEditDenied(repo)).toBe('deny');
  });

  it('Codex: apply_patch and a patch through the shell are refused by exit 2 with the reason on stderr', () => {
    const repo = setup();
    const patch = guard(repo, 'codex', codex(repo, 'apply_patch', { command: PATCH }));
    expect(patch.status).toBe(2);
    expect(patch.stdout).toBe('');
    expect(patch.stderr).toContain('an assistant may not write benchmarks/t.json');
    const shell = guard(repo, 'codex', codex(repo, 'Bash', { command: `apply_patch <<'EOF'\n${PATCH}EOF` }));
    expect([shell.status, shell.stderr.includes('may not write benchmarks/t.json')]).toEqual([2, true]);
    const data = guard(repo, 'codex', codex(repo, 'apply_patch', { command: PATCH.replace('benchmarks/t.json', 'datasets/d.jsonl') }));
    expect(data.status).toBe(0);
    expect(JSON.parse(data.stdout).hookSpecificOutput.additionalContext).toContain('a human review will be needed before commit');
  });

  it('Cursor: preToolUse and beforeShellExecution answer permission deny with an agent_message', () => {
    const repo = setup();
    const r = guard(repo, 'cursor', cursorTool(repo, 'Write', { file_path: path.join(repo, 'benchmarks/t.json'), content: '{}' }));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.permission).toBe('deny');
    expect(out.agent_message).toContain('an assistant may not write benchmarks/t.json');
    const shell = guard(repo, 'cursor', {
      hook_event_name: 'beforeShellExecution',
      conversation_id: 'c',
      generation_id: 'g',
      workspace_roots: [repo],
      command: 'touch benchmarks/new.json',
      cwd: repo,
    });
    expect(JSON.parse(shell.stdout).permission).toBe('deny');
    const patch = guard(repo, 'cursor', cursorTool(repo, 'ApplyPatch', { patch: PATCH }));
    expect(JSON.parse(patch.stdout).permission).toBe('deny');
  });

  it('Gemini CLI: write_file is refused by exit 2; replace in a reviewed path gets additionalContext', () => {
    const repo = setup();
    const r = guard(repo, 'gemini', gemini(repo, 'write_file', { file_path: path.join(repo, 'benchmarks/t.json'), content: '{}' }));
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('an assistant may not write benchmarks/t.json');
    const shell = guard(repo, 'gemini', gemini(repo, 'run_shell_command', { command: 'printf x >> benchmarks/t.json' }));
    expect(shell.status).toBe(2);
    const replace = guard(repo, 'gemini', gemini(repo, 'replace', { file_path: path.join(repo, 'datasets/a.jsonl'), old_string: 'a', new_string: 'b', instruction: 'fix' }));
    expect(replace.status).toBe(0);
    expect(JSON.parse(replace.stdout).hookSpecificOutput).toEqual({ hookEventName: 'BeforeTool', additionalContext: expect.stringContaining('a human review will be needed') });
  });

  it('Copilot CLI: snake_case and camelCase payloads are refused with permissionDecision deny', () => {
    const repo = setup();
    const snake = guard(repo, 'copilot', {
      hook_event_name: 'PreToolUse',
      session_id: 's',
      cwd: repo,
      tool_name: 'create',
      tool_input: { path: path.join(repo, 'benchmarks/t.json'), file_text: '{}' },
    });
    expect(JSON.parse(snake.stdout)).toEqual({ permissionDecision: 'deny', permissionDecisionReason: expect.stringContaining('may not write benchmarks/t.json') });
    const camel = guard(repo, 'copilot', {
      timestamp: 1,
      cwd: repo,
      toolName: 'str_replace_editor',
      toolArgs: JSON.stringify({ command: 'create', path: 'benchmarks/t.json', file_text: '{}' }),
    });
    expect(JSON.parse(camel.stdout).permissionDecision).toBe('deny');
    const shell = guard(repo, 'copilot', { hook_event_name: 'PreToolUse', session_id: 's', cwd: repo, tool_name: 'bash', tool_input: { command: 'echo 1 > benchmarks/t.json' } });
    expect(JSON.parse(shell.stdout).permissionDecision).toBe('deny');
  });
});

/** NotebookEdit names its file notebook_path. */
function NotebookEditDenied(repo: string): string | undefined {
  const r = guard(repo, 'claude-code', claude(repo, 'NotebookEdit', { notebook_path: path.join(repo, 'benchmarks/n.ipynb'), new_source: 'x' }));
  return JSON.parse(r.stdout).hookSpecificOutput?.permissionDecision;
}

describe('cleanroom guard: what it judges by, and around', () => {
  it('judges by the committed policy: relaxing the working-tree file changes nothing', () => {
    const repo = setup();
    write(repo, '.cleanroom/policy.yaml', FORBID_POLICY.replace('require: forbid-assistant', 'require: review-if-assistant'));
    const r = guard(repo, 'claude-code', claude(repo, 'Write', { file_path: path.join(repo, 'benchmarks/t.json'), content: '{}' }));
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    // Writing the policy itself is a protected write: allowed, with the note.
    const self = guard(repo, 'claude-code', claude(repo, 'Edit', { file_path: path.join(repo, '.cleanroom/policy.yaml'), old_string: 'a', new_string: 'b' }));
    expect(JSON.parse(self.stdout).hookSpecificOutput.additionalContext).toContain('.cleanroom/policy.yaml is protected');
  });

  it('follows a symlinked folder to where the write lands, and relative paths from the payload cwd', () => {
    const repo = setup();
    fs.mkdirSync(path.join(repo, 'benchmarks'));
    fs.mkdirSync(path.join(repo, 'scratch'));
    fs.symlinkSync('../benchmarks', path.join(repo, 'scratch/b'));
    const viaLink = guard(repo, 'claude-code', claude(repo, 'Write', { file_path: path.join(repo, 'scratch/b/new/t.json'), content: '{}' }));
    expect(JSON.parse(viaLink.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    const relative = guard(repo, 'gemini', { ...gemini(path.join(repo, 'scratch'), 'write_file', { file_path: '../benchmarks/t.json', content: '{}' }) });
    expect(relative.status).toBe(2);
    const upper = guard(repo, 'claude-code', claude(repo, 'Write', { file_path: path.join(repo, 'BENCHMARKS/t.json'), content: '{}' }));
    expect(JSON.parse(upper.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it('fails open, never silently, on a payload or a policy it cannot read', () => {
    const repo = setup();
    const bad = cleanroom(repo, ['guard', 'claude-code'], cleanEnv(), '{not json');
    expect(bad.status).toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('cleanroom guard: let through unjudged: payload is not JSON');
    const logFile = path.join(repo, '.git', 'cleanroom', 'guard.log');
    expect(fs.readFileSync(logFile, 'utf8')).toMatch(/^\S+ claude-code: let through unjudged: payload is not JSON/m);

    write(repo, '.cleanroom/policy.yaml', 'version: 1\nprotect: nope\n');
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-am', 'break the policy']);
    const broken = guard(repo, 'claude-code', claude(repo, 'Write', { file_path: path.join(repo, 'benchmarks/t.json'), content: '{}' }));
    expect([broken.status, broken.stdout]).toEqual([0, '']);
    expect(broken.stderr).toContain('let through unjudged: the policy cannot be read');
    expect(fs.readFileSync(logFile, 'utf8')).toContain('Write: let through unjudged: the policy cannot be read');

    const unknown = cleanroom(repo, ['guard', 'vim'], cleanEnv(), '{}');
    expect(unknown.status).toBe(0);
    expect(unknown.stderr).toContain('unknown agent "vim"');
  });

  it('logs every refusal', () => {
    const repo = setup();
    guard(repo, 'codex', codex(repo, 'apply_patch', { command: PATCH }));
    expect(fs.readFileSync(path.join(repo, '.git', 'cleanroom', 'guard.log'), 'utf8')).toContain(
      'codex: apply_patch: refused: benchmarks/t.json (benchmarks/**, .cleanroom/policy.yaml@HEAD:7)',
    );
  });

  it('as wired by init --agents and run through sh as Claude Code runs it, it refuses the write', () => {
    const repo = setup();
    fs.mkdirSync(path.join(repo, '.claude'));
    expect(cleanroom(repo, ['init', '--agents', '--no-hooks']).status).toBe(0);
    const settings = JSON.parse(fs.readFileSync(path.join(repo, '.claude/settings.json'), 'utf8'));
    const command = settings.hooks.PreToolUse[1].hooks[0].command as string;
    expect(command).toBe(`${CLI} guard claude-code`);
    const r = run(
      'sh',
      ['-c', command],
      repo,
      cleanEnv({ CLAUDE_PROJECT_DIR: repo }),
      JSON.stringify(claude(repo, 'Write', { file_path: path.join(repo, 'benchmarks/t.json'), content: '{}' })),
    );
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    expect(fs.existsSync(path.join(repo, 'benchmarks/t.json'))).toBe(false);
    // Outside any repository there is nothing to guard.
    const away = tempDir('nowhere');
    const outside = run('sh', ['-c', command], away, cleanEnv(), JSON.stringify(claude(away, 'Write', { file_path: path.join(away, 'benchmarks/t.json'), content: '{}' })));
    expect([outside.status, outside.stdout]).toEqual([0, '']);
  });
});

describe('shellWriteTargets', () => {
  it.each([
    ['echo x > a', ['a']],
    ['echo x>a', ['a']],
    ['echo x >> "b c"', ['b c']],
    ['cmd 2>err.log 1>out', ['err.log', 'out']],
    ['cmd >/dev/null 2>&1', []],
    ['cmd &> all.log', ['all.log']],
    ['cat a | tee -a x y', ['x', 'y']],
    ['cp -r src dst/', ['dst/']],
    ['mv a b; touch c', ['b', 'c']],
    ['git mv a b', ['b']],
    ['git status', []],
    ['sed -i "s/a/b/" f1 f2', ['f1', 'f2']],
    ['sed "s/a/b/" f1', []],
    ['dd if=/dev/zero of=blk bs=1', ['blk']],
    ['ls benchmarks && cat benchmarks/x', []],
    ["echo '>' not-a-target", []],
  ])('%j → %j', (command, targets) => {
    expect(shellWriteTargets(command)).toEqual(targets);
  });
});
