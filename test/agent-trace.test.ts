/**
 * Agent Trace records (.agent-trace/traces.jsonl): a human's commit that adds protected lines a
 * record gives to an AI is assistant-generated; lines outside the traced ranges, or traced to a
 * human, are not.
 */
import { describe, expect, it } from 'vitest';
import { agentTraceSignals, parseAgentTrace, stagedFile, type TraceAttribution } from '../src/provenance/agent-trace.js';
import { cleanEnv, git, gitTry, write } from './helpers/git.js';
import { gatedRepo } from './helpers/policy.js';

const T = '2026-01-01T00:00:00Z';

/** One trace record, as the reference implementation appends it; tool null leaves it out (it is optional). */
function record(files: unknown[], tool: unknown = { name: 'cursor', version: '2.4.0' }): string {
  const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
  return JSON.stringify({ version: '0.1.0', id, timestamp: T, vcs: { type: 'git', revision: 'abc' }, ...(tool !== null ? { tool } : {}), files });
}

const ai = (model_id?: string) => ({ type: 'ai', ...(model_id ? { model_id } : {}) });

describe('parseAgentTrace', () => {
  const cases: { name: string; line: string; want: Partial<TraceAttribution>[] }[] = [
    {
      name: 'ai: the tool names the agent, the model is kept',
      line: record([
        { path: 'datasets/a.jsonl', conversations: [{ url: 'file:///t/1.jsonl', contributor: ai('anthropic/claude-opus-4-5'), ranges: [{ start_line: 3, end_line: 9 }] }] },
      ]),
      want: [{ path: 'datasets/a.jsonl', ranges: [[3, 9]], agent: 'cursor', model: 'anthropic/claude-opus-4-5', timestamp: T, conversationUrl: 'file:///t/1.jsonl' }],
    },
    {
      name: 'mixed counts as AI; without a tool the model names the agent',
      line: record([{ path: 'a', conversations: [{ contributor: { type: 'mixed', model_id: 'openai/gpt-5' }, ranges: [{ start_line: 1, end_line: 2 }] }] }], null),
      want: [{ path: 'a', ranges: [[1, 2]], agent: 'openai/gpt-5', model: 'openai/gpt-5' }],
    },
    {
      name: "the reference's tool name 'unknown' and no model: agent-trace",
      line: record([{ path: 'a', conversations: [{ contributor: ai(), ranges: [{ start_line: 1, end_line: 1 }] }] }], { name: 'unknown' }),
      want: [{ path: 'a', ranges: [[1, 1]], agent: 'agent-trace', model: null }],
    },
    {
      name: 'human, unknown and missing contributors attribute nothing',
      line: record([
        { path: 'h', conversations: [{ contributor: { type: 'human' }, ranges: [{ start_line: 1, end_line: 5 }] }] },
        { path: 'u', conversations: [{ contributor: { type: 'unknown' }, ranges: [{ start_line: 1, end_line: 5 }] }] },
        { path: 'n', conversations: [{ ranges: [{ start_line: 1, end_line: 5 }] }] },
      ]),
      want: [],
    },
    {
      name: "a range's contributor overrides the conversation's, both ways, one attribution per model",
      line: record([
        {
          path: 'a',
          conversations: [
            {
              contributor: ai('anthropic/claude-opus-4-5'),
              ranges: [
                { start_line: 1, end_line: 2 },
                { start_line: 3, end_line: 4, contributor: { type: 'human' } },
                { start_line: 5, end_line: 6, contributor: ai('openai/gpt-5') },
                { start_line: 7, end_line: 7 },
              ],
            },
            { contributor: { type: 'human' }, ranges: [{ start_line: 20, end_line: 21, contributor: ai() }] },
          ],
        },
      ]),
      want: [
        {
          ranges: [
            [1, 2],
            [7, 7],
          ],
          model: 'anthropic/claude-opus-4-5',
        },
        { ranges: [[5, 6]], model: 'openai/gpt-5' },
        { ranges: [[20, 21]], model: null },
      ],
    },
    {
      name: 'paths as git names them; ranges that are not 1-based line spans are skipped',
      line: record([
        {
          path: '.\\datasets\\b.jsonl',
          conversations: [
            {
              contributor: ai(),
              ranges: [
                { start_line: 0, end_line: 2 },
                { start_line: 5, end_line: 4 },
                { start_line: '1', end_line: 2 },
                { start_line: 1.5, end_line: 2 },
                null,
                { start_line: 8, end_line: 8 },
              ],
            },
          ],
        },
      ]),
      want: [{ path: 'datasets/b.jsonl', ranges: [[8, 8]] }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parseAgentTrace(`${c.line}\n`);
      expect(got).toHaveLength(c.want.length);
      for (const [i, w] of c.want.entries()) expect(got[i]).toMatchObject(w);
    });
  }

  it('skips lines that are not records (the file is shared with other tools) and keeps the rest', () => {
    const good = record([{ path: 'a', conversations: [{ contributor: ai(), ranges: [{ start_line: 1, end_line: 1 }] }] }]);
    const text = [
      '{"truncated": ',
      'not json',
      '[1,2]',
      '"a string"',
      'null',
      '{"files": "nope"}',
      '{"files": [null, {"path": 7}, {"path": "b", "conversations": {}}]}',
      '',
      good,
      good.slice(0, 40),
    ].join('\n');
    expect(parseAgentTrace(text).map((a) => a.path)).toEqual(['a']);
    expect(parseAgentTrace('')).toEqual([]);
  });
});

describe('agentTraceSignals', () => {
  const at = (ranges: [number, number][], timestamp = T, agent = 'cursor'): TraceAttribution => ({ path: 'd/a', ranges, agent, model: 'anthropic/claude-opus-4-5', timestamp });
  const staged = (content: string, added: number[]) =>
    stagedFile(
      Buffer.from(content),
      added.map((line) => ({ line })),
    );
  const tenLines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n');

  it('counts lines as addedLines does, with or without a final newline', () => {
    expect(staged('', []).lineCount).toBe(0);
    expect(staged('a\nb\n', []).lineCount).toBe(2);
    expect(staged('a\nb', []).lineCount).toBe(2);
  });

  it('flags a traced range that overlaps the added lines, clamped to the file', () => {
    expect(
      agentTraceSignals(
        [
          at([
            [3, 9],
            [8, 40],
          ]),
        ],
        'd/a',
        staged(tenLines, [9]),
      ),
    ).toEqual([
      {
        kind: 'recorded',
        assistant: 'cursor',
        rule: 'agent-trace/record',
        evidence: `Agent Trace (.agent-trace/traces.jsonl): lines 3-9,8-10 written by cursor (anthropic/claude-opus-4-5) at ${T}`,
        path: 'd/a',
      },
    ]);
  });

  it('says nothing for traced lines this commit does not add, past the end of the file, or of another path', () => {
    expect(agentTraceSignals([at([[3, 5]])], 'd/a', staged(tenLines, [1, 2, 6, 10]))).toEqual([]);
    expect(agentTraceSignals([at([[11, 1_000_000_000]])], 'd/a', staged(tenLines, [10]))).toEqual([]);
    expect(agentTraceSignals([at([[1, 10]])], 'd/b', staged(tenLines, [1]))).toEqual([]);
  });

  it('one signal per path naming the newest records first, then how many more', () => {
    const many = [1, 2, 3, 4, 5].map((n) => at([[n, n]], `2026-01-0${n}T00:00:00Z`, n === 5 ? 'claude-code' : 'cursor'));
    const [s, ...rest] = agentTraceSignals(many, 'd/a', staged(tenLines, [1, 2, 3, 4, 5]));
    expect(rest).toEqual([]);
    expect(s?.assistant).toBe('claude-code');
    expect(s?.evidence).toBe(
      'Agent Trace (.agent-trace/traces.jsonl): line 5 written by claude-code (anthropic/claude-opus-4-5) at 2026-01-05T00:00:00Z; ' +
        'line 4 written by cursor (anthropic/claude-opus-4-5) at 2026-01-04T00:00:00Z; line 3 written by cursor (anthropic/claude-opus-4-5) at 2026-01-03T00:00:00Z and 2 more',
    );
  });
});

describe('Agent Trace in the pre-commit gate', () => {
  const human = cleanEnv();
  const LINES = Array.from({ length: 10 }, (_, i) => `{"id": ${i + 1}, "prompt": "question number ${i + 1} about intervals"}`);

  const setup = () => gatedRepo();

  /** What Cursor's afterFileEdit hook appends through the reference implementation, amid other tools' lines. */
  function traced(repo: string, file: string, type: string, start: number, end: number): void {
    const rec = record([
      {
        path: file,
        conversations: [
          { url: 'file:///home/ada/.cursor/t/1.jsonl', contributor: { type, model_id: 'anthropic/claude-opus-4-5' }, ranges: [{ start_line: start, end_line: end }] },
        ],
      },
    ]);
    write(repo, '.agent-trace/traces.jsonl', `{"someone else's": "line"\n${rec}\n`);
  }

  it('blocks a human commit of protected lines a record gives to an AI, with the evidence', () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', `${LINES.join('\n')}\n`);
    traced(repo, 'datasets/a.jsonl', 'ai', 3, 9);
    git(repo, ['add', 'datasets'], human);
    const r = gitTry(repo, ['commit', '-m', 'add questions'], human);
    expect(r.stderr).toContain(
      `recorded Agent Trace (.agent-trace/traces.jsonl): lines 3-9 written by cursor (anthropic/claude-opus-4-5) at ${T}, conversation file:///home/ada/.cursor/t/1.jsonl at datasets/a.jsonl [agent-trace/record]`,
    );
    expect(r.status).not.toBe(0);
    expect(gitTry(repo, ['rev-parse', '--verify', '-q', 'HEAD:datasets/a.jsonl'], human).status).not.toBe(0);
  });

  it('allows lines outside the traced ranges, and lines traced to a human', () => {
    const repo = setup();
    write(repo, 'datasets/a.jsonl', `${LINES.slice(0, 8).join('\n')}\n`);
    git(repo, ['add', 'datasets'], human);
    git(repo, ['commit', '-q', '-m', 'questions 1-8'], human);

    // The AI's lines 3-5 are already committed; this commit adds only lines 9-10.
    traced(repo, 'datasets/a.jsonl', 'ai', 3, 5);
    write(repo, 'datasets/a.jsonl', `${LINES.join('\n')}\n`);
    git(repo, ['add', 'datasets'], human);
    const outside = gitTry(repo, ['commit', '-m', 'questions 9-10'], human);
    expect(outside.stderr).toContain('cleanroom pre-commit: allowed');
    expect(outside.status).toBe(0);

    traced(repo, 'datasets/b.jsonl', 'human', 1, 10);
    write(repo, 'datasets/b.jsonl', `${LINES.join('\n')}\n`);
    git(repo, ['add', 'datasets'], human);
    const byHuman = gitTry(repo, ['commit', '-m', 'my own questions'], human);
    expect(byHuman.stderr).toContain('cleanroom pre-commit: allowed');
    expect(byHuman.status).toBe(0);
  });
});
