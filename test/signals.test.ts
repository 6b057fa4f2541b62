import { describe, expect, it } from 'vitest';
import type { AssistantRules } from '../src/policy/policy.js';
import raw from '../src/signals/catalog.json' with { type: 'json' };
import { catalog, validateCatalog, type CatalogEntry } from '../src/signals/catalog.js';
import {
  addedLines,
  assistantLabel,
  blobText,
  environmentSignals,
  identitySignals,
  markerSignals,
  mayHoldMarker,
  mayHoldMarkerBytes,
  messageSignals,
} from '../src/signals/detect.js';
import type { Signal } from '../src/signals/signal.js';

function rules(extra: Partial<AssistantRules> = {}): AssistantRules {
  return { builtin: true, trailers: [], identities: [], environment: [], markers: [], recordedShare: 0.5, lineageShare: 0.5, ...extra };
}
const BUILTIN = rules();

function identity(text: string): { name: string; email: string } {
  const m = /^(.*) <([^<>]*)>$/.exec(text);
  if (!m) throw new Error(`example is not 'Name <email>': ${text}`);
  return { name: m[1] as string, email: m[2] as string };
}

function envOf(example: string): NodeJS.ProcessEnv {
  const eq = example.indexOf('=');
  return { [example.slice(0, eq)]: example.slice(eq + 1) };
}

/** Runs one example through the detector that serves the entry's kind, as the hooks would. */
function detect(entry: CatalogEntry, example: string): Signal[] {
  switch (entry.kind) {
    case 'trailer':
      return messageSignals(`Update fixtures\n\nSome context.\n\n${example}\n`, BUILTIN);
    case 'message':
      // The title is never a trailer, so a trailer-shaped prefix such as `aider: ` stays a message line.
      return messageSignals(`${example}\n\nSome context.\n`, BUILTIN);
    case 'identity':
      return identitySignals([{ role: 'author', identity: identity(example) }], BUILTIN);
    case 'environment':
      return environmentSignals(envOf(example), BUILTIN);
  }
}

function expectedEvidence(entry: CatalogEntry, example: string): string {
  return entry.kind === 'identity' ? `author: ${example}` : example;
}

describe('catalog', () => {
  const entries = catalog();

  it('is sorted by id with unique ids', () => {
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('gives every entry a source and a matching example', () => {
    for (const e of entries) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      expect(e.examples.match.length, e.id).toBeGreaterThan(0);
    }
  });

  it('covers every assistant in the research', () => {
    const assistants = new Set(entries.map((e) => e.assistant));
    for (const a of ['claude-code', 'codex', 'aider', 'copilot', 'cursor', 'amp', 'devin', 'jules', 'openhands', 'gemini-cli', 'goose', 'opencode', 'windsurf', 'generic']) {
      expect(assistants, a).toContain(a);
    }
  });

  it.each(entries.map((e) => [e.id, e] as const))('%s: examples prove the rule', (_id, entry) => {
    for (const example of entry.examples.match) {
      const hits = detect(entry, example).filter((s) => s.rule === entry.id);
      expect(hits, `should match: ${example}`).toEqual([{ kind: entry.kind, assistant: entry.assistant, rule: entry.id, evidence: expectedEvidence(entry, example) }]);
    }
    for (const example of entry.examples.noMatch) {
      expect(
        detect(entry, example).filter((s) => s.rule === entry.id),
        `should not match: ${example}`,
      ).toEqual([]);
    }
  });

  it("counts the Assisted-by trailer cleanroom's own prepare-commit-msg writes, for every label it can write", () => {
    const labels = [...new Set(entries.map((e) => e.assistant).filter((a) => a !== 'generic')), 'unknown-assistant'];
    for (const label of labels) {
      const rules = messageSignals(`Add data\n\nAssisted-by: ${label}\n`, BUILTIN).map((s) => s.rule);
      expect(rules, label).toContain('generic/assisted-by');
    }
  });

  it('compiles trailer and identity patterns case-insensitively, message patterns as written', () => {
    for (const e of entries) {
      if (e.kind === 'environment') continue;
      expect(e.pattern.flags, e.id).toBe(e.kind === 'message' ? '' : 'i');
    }
  });

  const valid = {
    id: 'demo/env-demo',
    assistant: 'demo',
    kind: 'environment',
    variable: 'DEMO_AGENT',
    confidence: 'H',
    sources: ['a doc'],
    examples: { match: ['DEMO_AGENT=1'], noMatch: [] },
  };
  const trailer = { ...valid, id: 'demo/trailer', kind: 'trailer', pattern: '^Demo: ', variable: undefined };

  it('accepts the shipped catalog and a minimal entry', () => {
    expect(validateCatalog(raw)).toHaveLength(entries.length);
    expect(validateCatalog([valid])[0]).toMatchObject({ id: 'demo/env-demo', value: null });
  });

  it.each([
    ['not an array', {}, /expected an array/],
    ['unsorted', [{ ...valid, id: 'demo/z' }, valid], /must sort before/],
    ['duplicate id', [valid, valid], /duplicate id/],
    ['bad id', [{ ...valid, id: 'Demo Env' }], /id must look like/],
    ['assistant differs from the id prefix', [{ ...valid, assistant: 'other' }], /assistant must be/],
    ['unknown kind', [{ ...valid, kind: 'path' }], /kind must be/],
    ['bad confidence', [{ ...valid, confidence: 'high' }], /confidence/],
    ['no source', [{ ...valid, sources: [] }], /at least one source/],
    ['no match example', [{ ...valid, examples: { match: [], noMatch: [] } }], /examples/],
    ['unknown key', [{ ...valid, description: 'x' }], /unexpected key/],
    ['pattern on an environment entry', [{ ...valid, pattern: 'x' }], /unexpected key\(s\) pattern/],
    ['bad variable name', [{ ...valid, variable: 'NOT-A-NAME' }], /variable must be/],
    ['bad value regex', [{ ...valid, value: '(' }], /value/],
    ['bad pattern regex', [JSON.parse(JSON.stringify({ ...trailer, pattern: '[' }))], /pattern/],
    ['missing pattern', [JSON.parse(JSON.stringify({ ...trailer, pattern: undefined }))], /regex string/],
  ])('rejects a catalog with %s', (_name, data, message) => {
    expect(() => validateCatalog(data)).toThrow(message);
  });
});

describe('messageSignals', () => {
  const claude = 'Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>';
  const footer = '🤖 Generated with [Claude Code](https://claude.com/claude-code)';

  it.each([
    {
      name: 'footer and trailer',
      message: `Add loader\n\n${footer}\n\n${claude}\n`,
      expected: [
        { kind: 'trailer', assistant: 'claude-code', rule: 'claude-code/co-authored-by', evidence: claude },
        { kind: 'message', assistant: 'claude-code', rule: 'claude-code/generated-with-footer', evidence: footer },
      ],
    },
    {
      name: 'lowercase key and extra spacing, normalised as git prints it',
      message: 'Add loader\n\nco-authored-by :   Claude <noreply@anthropic.com>\n',
      expected: [
        {
          kind: 'trailer',
          assistant: 'claude-code',
          rule: 'claude-code/co-authored-by',
          evidence: 'co-authored-by: Claude <noreply@anthropic.com>',
        },
      ],
    },
    {
      name: 'folded trailer is unfolded',
      message: 'Add loader\n\nCo-authored-by: aider (gpt-4o)\n  <aider@aider.chat>\n',
      expected: [
        {
          kind: 'trailer',
          assistant: 'aider',
          rule: 'aider/co-authored-by',
          evidence: 'Co-authored-by: aider (gpt-4o) <aider@aider.chat>',
        },
      ],
    },
    {
      name: 'CRLF message',
      message: 'Add loader\r\n\r\nCo-authored-by: Codex <noreply@openai.com>\r\n',
      expected: [{ kind: 'trailer', assistant: 'codex', rule: 'codex/co-authored-by', evidence: 'Co-authored-by: Codex <noreply@openai.com>' }],
    },
    {
      name: 'a --- line does not hide the trailers of a commit message',
      message: `Add loader\n\nbody\n---\n\n${claude}\n`,
      expected: [{ kind: 'trailer', assistant: 'claude-code', rule: 'claude-code/co-authored-by', evidence: claude }],
    },
    {
      name: 'Amp trailers behind a Signed-off-by',
      message: 'Add loader\n\nSigned-off-by: Ada <ada@example.org>\nCo-authored-by: Amp <amp@ampcode.com>\n' + 'Amp-Thread-ID: https://ampcode.com/threads/T-652c1a2b-3c4d\n',
      expected: [
        { kind: 'trailer', assistant: 'amp', rule: 'amp/co-authored-by', evidence: 'Co-authored-by: Amp <amp@ampcode.com>' },
        {
          kind: 'trailer',
          assistant: 'amp',
          rule: 'amp/amp-thread-id',
          evidence: 'Amp-Thread-ID: https://ampcode.com/threads/T-652c1a2b-3c4d',
        },
      ],
    },
    {
      name: 'the kernel convention',
      message: 'mm: fix leak\n\nAssisted-by: claude-code:claude-sonnet-5\nSigned-off-by: Ada <ada@example.org>\n',
      expected: [{ kind: 'trailer', assistant: 'generic', rule: 'generic/assisted-by', evidence: 'Assisted-by: claude-code:claude-sonnet-5' }],
    },
  ])('$name', ({ message, expected }) => {
    expect(messageSignals(message, BUILTIN)).toEqual(expected);
  });

  it.each([
    ['prose naming assistants', 'Fix Claude Code hook\n\nClaude Code, Copilot, Cursor and aider users are unaffected.\n'],
    ['quoting the footer in prose', 'Strip footers\n\nOlder commits end with 🤖 Generated with [Claude Code](https://claude.ai/code); strip it.\n'],
    ['a trailer-shaped title', `${claude}\n`],
    ['a co-author line named in a sentence', `Explain\n\nClaude adds ${claude} to every commit.\n`],
    ['a revert of an aider commit', 'Revert "aider: add loader"\n\nThis reverts commit 0123456.\n'],
    ['prose about the convention', 'Docs\n\nWe now accept Assisted-by: trailers.\n'],
    ['a human co-author and sign-off', 'Pair on loader\n\nCo-authored-by: Jane Doe <jane@example.org>\nSigned-off-by: Ada <ada@example.org>\n'],
    ['an assistant trailer after the scissors line', `Fix\n# ------------------------ >8 ------------------------\n\n${claude}\n`],
    ['an assistant trailer in a comment', `Fix\n\n# ${claude}\n`],
  ])('does not fire on %s', (_name, message) => {
    expect(messageSignals(message, BUILTIN)).toEqual([]);
  });

  it.each([
    {
      name: 'policy trailers are checked with the catalog',
      rules: rules({ trailers: [/^Co-authored-by: .*@bots\.example\.org>$/i] }),
      expected: ['claude-code/co-authored-by', 'assistants.trailers[0]', 'claude-code/generated-with-footer'],
    },
    {
      name: 'builtin off leaves only the policy, in message order',
      rules: rules({ builtin: false, trailers: [/^X-Agent: /, /^Co-authored-by: Claude/i] }),
      expected: ['assistants.trailers[1]', 'assistants.trailers[0]', 'assistants.trailers[0]'],
    },
    { name: 'builtin off without policy rules', rules: rules({ builtin: false }), expected: [] },
    {
      name: 'builtin on with a global-flag policy regex',
      rules: rules({ trailers: [/^X-Agent: /g] }),
      expected: ['claude-code/co-authored-by', 'assistants.trailers[0]', 'assistants.trailers[0]', 'claude-code/generated-with-footer'],
    },
  ])('$name', ({ rules: r, expected }) => {
    const message = `Fix\n\n${footer}\n\n${claude}\nX-Agent: bot\nX-Agent: ci\nCo-authored-by: Bot <ci@bots.example.org>\n`;
    // Twice, over two adjacent matching lines: a g-flag regex must not carry lastIndex between tests.
    expect(messageSignals(message, r).map((s) => s.rule)).toEqual(expected);
    expect(messageSignals(message, r).map((s) => s.rule)).toEqual(expected);
  });

  it('honours a custom comment character', () => {
    const message = `Fix\n\n; ${claude}\n`;
    expect(messageSignals(message, BUILTIN, { commentChar: ';' })).toEqual([]);
    expect(messageSignals(message, BUILTIN)).toEqual([]);
    expect(messageSignals(`Fix\n\n${claude}\n; note\n`, BUILTIN, { commentChar: ';' }).map((s) => s.rule)).toEqual(['claude-code/co-authored-by']);
  });
});

describe('messageSignals: assistant co-author lines outside the trailer block', () => {
  const claude = 'Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>';
  const openhands = 'Co-authored-by: openhands <openhands@all-hands.dev>';
  const bot = 'Co-authored-by= claude[bot] <209825114+claude[bot]@users.noreply.github.com>';
  const generated = 'Claude-Generated-By: Claude Code (cli/claude-opus-4-5=100%)';
  const squash = 'Squashed commit of the following:\n\ncommit 0123456789abcdef0123456789abcdef01234567\nAuthor: Ada <ada@example.org>\n\n';

  // [case, message, the rule that fires, its evidence]: each message holds one stray credit.
  it.each([
    ['in one paragraph with Fixes #1 (not a trailer block to git)', `Fix loader\n\nFixes #1\n${claude}\n`, 'claude-code/co-authored-by', claude],
    ['a squash message: more paragraphs follow the credit', `Add loader (#12)\n\n* first step\n\n${claude}\n\n* second step\n`, 'claude-code/co-authored-by', claude],
    ['in a prose paragraph', `Explain attribution\n\n${claude}\nis what Claude Code appends by default.\n`, 'claude-code/co-authored-by', claude],
    ['indented as git merge --squash writes the squashed messages', `${squash}    Add loader\n    \n    ${claude}\n`, 'claude-code/co-authored-by', claude],
    [
      'folded by git into the trailer above it',
      'Fix\n\nSigned-off-by: Ada <ada@example.org>\n Co-authored-by: Codex <noreply@openai.com>\n',
      'codex/co-authored-by',
      'Co-authored-by: Codex <noreply@openai.com>',
    ],
    ['another separator, as trailer.separators allows', `Fix\n\nFixes #1\n${bot}\n`, 'claude-code/bot-co-authored-by', bot],
    [
      'a note after the address',
      'Fix\n\nFixes #1\nco-authored-by :Claude <noreply@anthropic.com> (AI)\n',
      'claude-code/co-authored-by',
      'co-authored-by :Claude <noreply@anthropic.com> (AI)',
    ],
    ['after literal \\n escapes an agent passed to git commit -m', `Fix lint\\n\\n${openhands}\n`, 'openhands/co-authored-by', openhands],
    [
      'a bracket-less address',
      'docs: fix\n\nFixes #1\nCo-authored-by: OpenHands-GPT-5 openhands@all-hands.dev\n',
      'openhands/co-authored-by',
      'Co-authored-by: OpenHands-GPT-5 openhands@all-hands.dev',
    ],
    ["inside a terminal UI's frame", `Fix\n\n│- Update URLs\n│\n│${openhands}\n`, 'openhands/co-authored-by', `│${openhands}`],
    ["in the subject's paragraph", `debug: log the value\n${claude}\n`, 'claude-code/co-authored-by', claude],
    ['another assistant trailer in a middle paragraph', `Refactor\n\n${generated}\n\nThe plan follows.\n`, 'claude-code/generated-by-trailers', generated],
  ])('fires: %s', (_name, message, rule, evidence) => {
    expect(messageSignals(message, BUILTIN)).toEqual([{ kind: 'message-trailer', assistant: rule.split('/')[0], rule, evidence }]);
  });

  it('judges a stray line by the policy trailer rules too', () => {
    const r = rules({ trailers: [/^Co-authored-by: .*@bots\.example\.org>$/i] });
    expect(messageSignals('Fix\n\nFixes #1\nCo-authored-by: Bot <ci@bots.example.org>\n', r)).toEqual([
      { kind: 'message-trailer', assistant: 'policy', rule: 'assistants.trailers[0]', evidence: 'Co-authored-by: Bot <ci@bots.example.org>' },
    ]);
  });

  it('tries every policy rule whose key could match, quantifiers included', () => {
    const r = rules({ trailers: [/^X-Agents?: bot/, /^Y-Tool:? robot/, /^(?:Z-Bot|Z-Robot): on/] });
    const message = 'Fix\n\nFixes #1\nX-Agent: bot\nY-Tool: robot\nZ-Robot: on\nOther: bot\n';
    expect(messageSignals(message, r).map((s) => `${s.kind} ${s.rule}`)).toEqual([
      'message-trailer assistants.trailers[0]',
      'message-trailer assistants.trailers[1]',
      'message-trailer assistants.trailers[2]',
    ]);
  });

  it('reads a line of a million literal escapes without overflowing the stack', () => {
    expect(messageSignals(`Fix\n\n${'x\\n'.repeat(1_000_000)}\n`, BUILTIN)).toEqual([]);
  });

  it('reports a credit in the trailer block once, as a trailer', () => {
    expect(messageSignals(`Fix\n\nSome context.\n\n${claude}\n`, BUILTIN).map((s) => s.kind)).toEqual(['trailer']);
  });

  it.each([
    ['prose mentioning Claude', 'Fix\n\nClaude suggested the loader; Copilot and Codex agreed.\n'],
    ['a sentence holding the credit', `Fix\n\nFixes #1\nWe used to write ${claude} here.\n`],
    ['the credit followed by prose on its line', `Fix\n\nFixes #1\n${claude} is what Claude Code writes\n`],
    ['a human co-author', 'Fix\n\nFixes #1\nCo-authored-by: Jane Doe <jane@example.org>\n'],
    ['a person named Claude', 'Fix\n\nFixes #1\nCo-authored-by: Claude Shannon <claude@example.org>\n'],
    ['a quoted message in a revert', `Revert "Add loader"\n\nThis reverts commit 0123456.\nThe original said:\n\n> Add loader\n>\n> ${claude}\n`],
    ['the title', `${claude}\n\nbody\n`],
    ['a comment line', `Fix\n\nFixes #1\n# ${claude}\n`],
    ['below the scissors line', `Fix\n# ------------------------ >8 ------------------------\nFixes #1\n${claude}\n`],
    ['another key', 'Fix\n\nFixes #1\nReported-by: Claude <noreply@anthropic.com>\n'],
  ])('does not fire on %s', (_name, message) => {
    expect(messageSignals(message, BUILTIN).filter((s) => s.kind === 'message-trailer')).toEqual([]);
  });
});

describe('environmentSignals', () => {
  const long = 'x'.repeat(100);
  it.each([
    {
      name: 'assistant variables',
      env: { CLAUDECODE: '1', CODEX_THREAD_ID: 'abc', HOME: '/home/ada' },
      r: BUILTIN,
      expected: [
        { kind: 'environment', assistant: 'claude-code', rule: 'claude-code/env-claudecode', evidence: 'CLAUDECODE=1' },
        { kind: 'environment', assistant: 'codex', rule: 'codex/env-codex-thread-id', evidence: 'CODEX_THREAD_ID=abc' },
      ],
    },
    { name: 'an empty value is unset', env: { CLAUDECODE: '', GEMINI_CLI: '' }, r: BUILTIN, expected: [] },
    {
      name: 'AGENT counts only with a known value',
      env: { AGENT: 'goose' },
      r: BUILTIN,
      expected: [{ kind: 'environment', assistant: 'goose', rule: 'goose/env-agent', evidence: 'AGENT=goose' }],
    },
    { name: 'AGENT=1 alone', env: { AGENT: '1' }, r: BUILTIN, expected: [] },
    { name: 'AGENT of a CI system', env: { AGENT: 'buildkite' }, r: BUILTIN, expected: [] },
    {
      name: 'aider committer name',
      env: { GIT_COMMITTER_NAME: 'Ada (aider)', GIT_AUTHOR_NAME: 'Ada' },
      r: BUILTIN,
      expected: [
        {
          kind: 'environment',
          assistant: 'aider',
          rule: 'aider/env-git-committer-name',
          evidence: 'GIT_COMMITTER_NAME=Ada (aider)',
        },
      ],
    },
    {
      name: 'long values are truncated',
      env: { CLAUDE_CODE_SESSION_ID: long },
      r: BUILTIN,
      expected: [
        {
          kind: 'environment',
          assistant: 'claude-code',
          rule: 'claude-code/env-claude-code-session-id',
          evidence: `CLAUDE_CODE_SESSION_ID=${'x'.repeat(80)}…`,
        },
      ],
    },
    { name: 'builtin off', env: { CLAUDECODE: '1' }, r: rules({ builtin: false }), expected: [] },
    {
      name: 'policy variables',
      env: { CLAUDECODE: '1', MY_BOT: 'yes', OTHER: '' },
      r: rules({ builtin: false, environment: ['OTHER', 'MY_BOT', 'ABSENT'] }),
      expected: [{ kind: 'environment', assistant: 'policy', rule: 'assistants.environment[1]', evidence: 'MY_BOT=yes' }],
    },
  ])('$name', ({ env, r, expected }) => {
    expect(environmentSignals(env, r)).toEqual(expected);
  });
});

describe('identitySignals', () => {
  const human = { name: 'Ada Human', email: 'ada@example.org' };
  it.each([
    { name: 'humans', people: [{ role: 'author' as const, identity: human }], r: BUILTIN, expected: [] },
    {
      name: 'an agent author and a human committer',
      people: [
        { role: 'author' as const, identity: { name: 'Cursor Agent', email: 'cursoragent@cursor.com' } },
        { role: 'committer' as const, identity: human },
      ],
      r: BUILTIN,
      expected: [
        {
          kind: 'identity',
          assistant: 'cursor',
          rule: 'cursor/cursor-agent-identity',
          evidence: 'author: Cursor Agent <cursoragent@cursor.com>',
        },
      ],
    },
    {
      name: "aider's committer suffix",
      people: [
        { role: 'author' as const, identity: human },
        { role: 'committer' as const, identity: { name: 'Ada Human (aider)', email: 'ada@example.org' } },
      ],
      r: BUILTIN,
      expected: [
        {
          kind: 'identity',
          assistant: 'aider',
          rule: 'aider/name-suffix-identity',
          evidence: 'committer: Ada Human (aider) <ada@example.org>',
        },
      ],
    },
    {
      name: 'policy identities, builtin off',
      people: [
        { role: 'author' as const, identity: { name: 'Claude', email: 'noreply@anthropic.com' } },
        { role: 'committer' as const, identity: { name: 'bot', email: 'bot@ci.example.org' } },
      ],
      r: rules({ builtin: false, identities: [/@ci\.example\.org>$/i] }),
      expected: [{ kind: 'identity', assistant: 'policy', rule: 'assistants.identities[0]', evidence: 'committer: bot <bot@ci.example.org>' }],
    },
  ])('$name', ({ people, r, expected }) => {
    expect(identitySignals(people, r)).toEqual(expected);
  });
});

describe('markerSignals', () => {
  const long = `// generated by agent ${'y'.repeat(200)}`;
  it.each([
    { name: 'no markers in the policy', added: [{ line: 1, text: '@generated' }], r: BUILTIN, expected: [] },
    {
      name: 'a marker, trimmed',
      added: [
        { line: 3, text: 'plain' },
        { line: 4, text: '    # @generated by the assistant   ' },
      ],
      r: rules({ markers: [/@generated/] }),
      expected: [
        {
          kind: 'marker',
          assistant: 'policy',
          rule: 'assistants.markers[0]',
          evidence: '# @generated by the assistant',
          path: 'data/a.csv',
          line: 4,
        },
      ],
    },
    {
      name: 'every matching marker, long lines cut at 120',
      added: [{ line: 9, text: long }],
      r: rules({ markers: [/generated by agent/g, /^\/\//, /absent/] }),
      expected: [
        {
          kind: 'marker',
          assistant: 'policy',
          rule: 'assistants.markers[0]',
          evidence: `${long.slice(0, 120)}…`,
          path: 'data/a.csv',
          line: 9,
        },
        {
          kind: 'marker',
          assistant: 'policy',
          rule: 'assistants.markers[1]',
          evidence: `${long.slice(0, 120)}…`,
          path: 'data/a.csv',
          line: 9,
        },
      ],
    },
  ])('$name', ({ added, r, expected }) => {
    expect(markerSignals('data/a.csv', added, r)).toEqual(expected);
  });
});

describe('mayHoldMarker', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const text = 'id,label\r\n1,# generated by tool\r\nlast line without newline';
  const markers = [
    /^# generated/,
    /^1,# generated/,
    /tool$/,
    /^last line without newline$/,
    /generated by tool\s*$/,
    /\bgenerated\b/i,
    /^id,label$/g,
    /(?<!x)last/,
    /label(?!\s)/,
    /[^\n]newline$/y,
    /absent/,
    /^tool/,
  ];
  // Sound: whenever some line of the content holds a marker, the whole-text search says so,
  // since a false answer skips the search line by line (and the read of the old content).
  it.each(markers.map((re) => ({ re })))('$re agrees with the search line by line', ({ re }) => {
    const r = rules({ markers: [re] });
    const perLine = markerSignals('d.csv', addedLines(null, enc(text)) ?? [], r).length > 0;
    if (perLine) expect(mayHoldMarker(text, r)).toBe(true);
    // Useful: it also says no where nothing matches (a sticky marker, which per line may only
    // match at a line's start, is searched anywhere: a yes that the lines then settle).
    else if (!/\(\?<?[=!]/.test(re.source) && !re.sticky) expect(mayHoldMarker(text, r)).toBe(false);
  });
  it.each([
    { name: 'no markers', content: enc('# generated\n'), r: rules(), expected: false },
    { name: 'binary content', content: new Uint8Array([0x23, 0, 0x67]), r: rules({ markers: [/./] }), expected: false },
    { name: 'a lookaround is answered true', content: enc('nothing here\n'), r: rules({ markers: [/(?=absent)/] }), expected: true },
    { name: 'any of several markers', content: enc('a\nCANARY-7\n'), r: rules({ markers: [/absent/, /^CANARY-\d$/] }), expected: true },
  ])('$name', ({ content, r, expected }) => {
    // As the gate asks it: binary content (no text) holds no marker.
    const text = blobText(content);
    expect(text !== null && mayHoldMarker(text, r)).toBe(expected);
  });
});

describe('mayHoldMarkerBytes', () => {
  const enc = (s: string) => Buffer.from(s, 'utf8');
  const markers = [
    /BENCH-CANARY-[0-9a-f]{8}/u,
    /^# generated by tool$/mu,
    /colou?r scheme/u,
    /ab+c/u,
    /a\.b\/c/u,
    /x{2}yz/u,
    /\bcanary GUID 26b5c67b\b/u,
    /(?:alpha|beta) build/u,
    /alpha|beta/u,
    /[a-z]+ lowercase/u,
    /\d{3} digits after/u,
    /prefix(?=suffix)suffix/u,
    /(?<=lead)tail/u,
    /CANARY/iu,
    /naïve café/u,
    /tab\tstop/u,
    /end$/u,
    /^\p{Lu}pper/u,
  ];
  const texts = [
    'nothing to see\n',
    'note BENCH-CANARY-0123abcd here\n',
    'BENCH-CANARY-xyz\n',
    '# generated by tool\n',
    '\uFEFF# generated by tool\n',
    'colour scheme\ncolor scheme\n',
    'abbbbc\nac\n',
    'a.b/c\n',
    'axb/c\n',
    'xxyz\n',
    'the canary GUID 26b5c67b is here\n',
    'beta build 7\n',
    'only alpha\n',
    'abc lowercase\n',
    '123 digits after\n',
    'prefixsuffix\n',
    'leadtail\n',
    'canary in lower case\n',
    'a naïve café\n',
    'tab\tstop\n',
    'the end',
    'Upper\n',
    'broken \xff\xfe bytes and BENCH-CANARY-deadbeef\n',
  ];
  // Sound: a marker that matches some line of the decoded text is never ruled out from the
  // bytes, since a "no" skips decoding the file at all.
  it.each(markers.map((re) => ({ re })))('$re is never ruled out where it matches', ({ re }) => {
    const r = rules({ markers: [re] });
    for (const t of texts) {
      const bytes = t.includes('\xff') ? Buffer.from(t, 'latin1') : enc(t);
      const text = blobText(bytes);
      const matches = text !== null && markerSignals('d.txt', addedLines(null, bytes) ?? [], r).length > 0;
      if (matches) expect(mayHoldMarkerBytes(bytes, r), JSON.stringify(t)).toBe(true);
    }
  });

  it.each([
    { re: /BENCH-CANARY-[0-9a-f]{8}/u, text: 'a row without it\n', expected: false },
    { re: /BENCH-CANARY-[0-9a-f]{8}/u, text: 'BENCH-CANARY- without hex\n', expected: true },
    { re: /^# generated by tool$/mu, text: '# generated by hand\n', expected: false },
    { re: /colou?r scheme/u, text: 'no such word\n', expected: false },
    { re: /colou?r scheme/u, text: 'coloring\n', expected: true }, // 'colo' is all that is certain
    { re: /a\.b\/c/u, text: 'a-b/c\n', expected: false },
    // Nothing certain to look for: every file is decoded and searched.
    { re: /alpha|beta/u, text: 'neither\n', expected: true },
    { re: /CANARY/iu, text: 'neither\n', expected: true },
    { re: /[a-z]+ lowercase/u, text: 'neither\n', expected: true },
    { re: /naïve café/u, text: 'neither\n', expected: false }, // the ASCII run before the first non-ASCII letter
    { re: /naïve café/u, text: 'banana\n', expected: true },
  ])('$re on $text: $expected', ({ re, text, expected }) => {
    expect(mayHoldMarkerBytes(enc(text), rules({ markers: [re] }))).toBe(expected);
  });

  it('reads a Uint8Array that is not a Buffer, at its own offset', () => {
    const backing = new TextEncoder().encode('xxBENCH-CANARY-0123abcd\n');
    expect(mayHoldMarkerBytes(backing.subarray(2), rules({ markers: [/BENCH-CANARY-[0-9a-f]{8}/u] }))).toBe(true);
    expect(mayHoldMarkerBytes(backing.subarray(0, 10), rules({ markers: [/BENCH-CANARY-[0-9a-f]{8}/u] }))).toBe(false);
  });
});

describe('addedLines', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const nulAt = (offset: number) => {
    const bytes = new Uint8Array(offset + 10).fill(0x61);
    bytes[offset] = 0;
    return bytes;
  };
  it.each([
    {
      name: 'new file',
      old: null,
      now: enc('a\nb\n'),
      expected: [
        { line: 1, text: 'a' },
        { line: 2, text: 'b' },
      ],
    },
    { name: 'unchanged', old: enc('a\nb\n'), now: enc('a\nb\n'), expected: [] },
    { name: 'empty new file', old: null, now: enc(''), expected: [] },
    { name: 'last line without newline', old: enc('a\n'), now: enc('a\nb'), expected: [{ line: 2, text: 'b' }] },
    { name: 'moved lines are not added', old: enc('a\nb\nc\n'), now: enc('c\na\nb\n'), expected: [] },
    {
      name: 'a repeated line is added once per extra copy',
      old: enc('x\ny\n'),
      now: enc('x\nx\ny\nx\n'),
      expected: [
        { line: 2, text: 'x' },
        { line: 4, text: 'x' },
      ],
    },
    { name: 'CRLF against LF', old: enc('a\nb\n'), now: enc('a\r\nb\r\nc\r\n'), expected: [{ line: 3, text: 'c' }] },
    { name: 'binary new content', old: enc('a\n'), now: nulAt(10), expected: null },
    { name: 'NUL past the probe is text', old: null, now: nulAt(8000), expected: [{ line: 1, text: `${'a'.repeat(8000)}\0${'a'.repeat(9)}` }] },
    { name: 'binary old content counts as empty', old: nulAt(5), now: enc('text\n'), expected: [{ line: 1, text: 'text' }] },
    { name: 'UTF-8 text', old: enc('café\n'), now: enc('café\nnaïve\n'), expected: [{ line: 2, text: 'naïve' }] },
  ])('$name', ({ old, now, expected }) => {
    expect(addedLines(old, now)).toEqual(expected);
  });
});

describe('assistantLabel', () => {
  const s = (assistant: string): Signal => ({ kind: 'trailer', assistant, rule: `${assistant}/x`, evidence: '' });
  it.each([
    { name: 'no signals', signals: [], expected: null },
    { name: 'first specific assistant', signals: [s('policy'), s('generic'), s('codex'), s('claude-code')], expected: 'codex' },
    { name: 'only policy and generic', signals: [s('policy'), s('generic')], expected: 'unknown-assistant' },
  ])('$name', ({ signals, expected }) => {
    expect(assistantLabel(signals)).toBe(expected);
  });
});
