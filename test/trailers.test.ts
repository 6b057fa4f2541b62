import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { messageSignals } from '../src/signals/detect.js';
import { parseTrailers } from '../src/signals/trailers.js';
import { cleanEnv, cleanroom, git, gitTry, HOOKS, initRepo, run, tempDir, write } from './helpers/git.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

interface Case {
  readonly name: string;
  readonly message: string;
  readonly divider?: boolean;
  readonly commentChar?: string;
}

const CLAUDE = 'Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>';
const FOOTER = '🤖 Generated with [Claude Code](https://claude.com/claude-code)';

const cases: Case[] = [
  { name: 'empty message', message: '' },
  { name: 'a lone newline', message: '\n' },
  { name: 'title only', message: 'Add dataset loader\n' },
  { name: 'title that looks like a trailer', message: `${CLAUDE}\n` },
  { name: 'trailer-like title with a body', message: 'Fixes: #12\n\nbody text\n' },
  { name: 'plain trailer block', message: `Add loader\n\nExplain why.\n\n${CLAUDE}\n` },
  { name: 'claude footer paragraph before trailers', message: `Add loader\n\n${FOOTER}\n\n${CLAUDE}\n` },
  { name: 'footer in the same paragraph as the trailer', message: `Add loader\n\n${FOOTER}\n${CLAUDE}\n` },
  { name: 'prose mentioning assistants', message: 'Fix parser\n\nClaude Code and Copilot suggested this; aider agreed.\n' },
  {
    name: 'trailer-looking line inside a prose paragraph',
    message: `Fix\n\n${CLAUDE}\nwas dropped from the template.\n\nSigned-off-by: Ada <ada@example.org>\n`,
  },
  { name: 'trailer-looking middle paragraph, prose last', message: `Fix\n\n${CLAUDE}\n\nMore prose here.\n` },
  { name: 'lowercase key', message: 'Fix\n\nco-authored-by: claude <noreply@anthropic.com>\n' },
  { name: 'continuation lines', message: 'Fix\n\nNote: first part\n  second part\n\tthird part\nAcked-by: B\n' },
  { name: 'indented first line of the block', message: 'Fix\n\n  indented\nKey: v\n' },
  { name: 'comment lines inside and after the block', message: 'Fix\n\nA: 1\n# note\nB: 2\n# trailing comment\n' },
  { name: 'comment between trailer and continuation', message: 'Fix\n\nA: 1\n# c\n  cont\n' },
  { name: 'comment lines in the title', message: '# Please enter the message\nFix\n\nA: 1\n' },
  { name: 'patch divider then trailers (commit reading)', message: 'Fix\n\nbody\n---\n\nKey: v\n' },
  { name: 'patch divider then trailers (divider on)', message: 'Fix\n\nbody\n---\n\nKey: v\n', divider: true },
  { name: 'divider with text after it', message: 'Fix\n\nA: 1\n\n--- a/file\n+++ b/file\n\nB: 2\n', divider: true },
  { name: 'four dashes are no divider', message: 'Fix\n\nbody\n----\n\nKey: v\n', divider: true },
  { name: 'dashes at the very end are no divider', message: 'Fix\n\nKey: v\n---', divider: true },
  { name: 'CRLF line endings', message: 'Fix\r\n\r\nbody\r\n\r\nA: 1\r\nB: two\r\n  folded\r\n' },
  { name: 'trailing blank lines', message: 'Fix\n\nA: 1\n\n\n\n' },
  { name: 'trailing whitespace-only lines', message: 'Fix\n\nA: 1\n   \n\t\n' },
  { name: 'leading blank lines', message: '\n\nFix\n\nA: 1\n' },
  { name: 'no final newline', message: 'Fix\n\nA: 1' },
  {
    name: 'Signed-off-by with prose at exactly 25%',
    message: 'Fix\n\nprose one\nprose two\nprose three\nSigned-off-by: Ada <ada@example.org>\n',
  },
  {
    name: 'Signed-off-by with prose below 25%',
    message: 'Fix\n\nprose one\nprose two\nprose three\nprose four\nSigned-off-by: Ada <ada@example.org>\n',
  },
  {
    name: 'recognised prefix lets a prose line through',
    message: `Fix\n\n${FOOTER}\nNote: really\nSigned-off-by: Ada <ada@example.org>\n`,
  },
  {
    name: 'cherry-pick line',
    message: 'Fix\n\nKey: v\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\nprose\n',
  },
  { name: 'space or tab before the colon', message: 'Fix\n\nKey : v\nOther\t: w\n' },
  { name: 'empty value', message: 'Fix\n\nKey:\nOther:   \n' },
  { name: 'underscore is not a token character', message: 'Fix\n\nSome_key: v\nKey: w\n' },
  { name: 'non-ASCII token', message: 'Fix\n\nRëviewed-by: x\n' },
  { name: 'a URL line reads as a trailer', message: 'Fix\n\nhttps://example.com/issue/1\nRefs: 1\n' },
  { name: 'token with inner space is no trailer', message: 'Fix\n\nSee also: this\n' },
  { name: 'multi-line title paragraph', message: 'Fix the thing\nand the other thing\n\nA: 1\n' },
  { name: 'only comments', message: '# a\n# b\n' },
  {
    name: 'scissors line with a diff below',
    message: 'Fix\n\nA: 1\n# ------------------------ >8 ------------------------\n# Do not modify.\ndiff --git a/x b/x\n\n' + `${CLAUDE}\n`,
  },
  {
    name: 'scissors as the first line',
    message: '# ------------------------ >8 ------------------------\nFix\n\nA: 1\n',
  },
  { name: 'old-style Conflicts block', message: 'Merge\n\nA: 1\n\nConflicts:\n\tpath/one\n\tpath/two\n' },
  { name: 'custom comment character', message: 'Fix\n\nA: 1\n; note\nB: 2\n# not a comment here\n', commentChar: ';' },
  // Shapes of an assistant's co-author trailer (issue 12 item 5): what git calls a trailer, and what it does not.
  { name: 'text after the address', message: `Fix\n\n${CLAUDE} (AI)\n` },
  { name: 'upper-case key', message: 'Fix\n\nCO-AUTHORED-BY: Claude <noreply@anthropic.com>\n' },
  { name: 'mixed-case key, tab before the colon', message: 'Fix\n\nco-Authored-BY\t: Claude <noreply@anthropic.com>\n' },
  { name: 'no space after the colon', message: 'Fix\n\nCo-authored-by:Claude <noreply@anthropic.com>\n' },
  { name: 'many spaces around the value', message: 'Fix\n\nCo-authored-by:     Claude    <noreply@anthropic.com>   \n' },
  { name: 'address on a continuation line', message: 'Fix\n\nCo-authored-by: Claude\n <noreply@anthropic.com>\n' },
  { name: 'value only on continuation lines', message: 'Fix\n\nCo-authored-by:\n\tClaude\n\t<noreply@anthropic.com>\n' },
  { name: 'an indented co-author line alone', message: `Fix\n\n  ${CLAUDE}\n` },
  { name: 'an indented co-author line folds into the trailer above', message: `Fix\n\nSigned-off-by: Ada <ada@example.org>\n  ${CLAUDE}\n` },
  { name: 'co-author in a paragraph with Fixes #1', message: `Fix\n\nFixes #1\n${CLAUDE}\n` },
  { name: 'co-author above more paragraphs', message: `Squash (#3)\n\n* one\n\n${CLAUDE}\n\n* two\n` },
  { name: 'another separator under default config', message: 'Fix\n\nCo-authored-by= Claude <noreply@anthropic.com>\n' },
  { name: 'another separator next to a Signed-off-by', message: 'Fix\n\nCo-authored-by= Claude <noreply@anthropic.com>\nSigned-off-by: Ada <ada@example.org>\n' },
  { name: 'CRLF co-author with a note', message: `Fix\r\n\r\n${CLAUDE} (AI)\r\n` },
  { name: 'a bracket-less address', message: 'Fix\n\nCo-authored-by: OpenHands-GPT-5 openhands@all-hands.dev\n' },
];

/** What git itself calls the trailers: interpret-trailers, and the stored commit read back by log. */
function gitParse(c: Case, cwd: string): string[] {
  const config = c.commentChar ? ['-c', `core.commentChar=${c.commentChar}`] : [];
  const args = [...config, 'interpret-trailers', '--parse', ...(c.divider ? [] : ['--no-divider'])];
  const r = run('git', args, cwd, cleanEnv(), c.message);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').slice(0, -1);
}

describe('parseTrailers agrees with git', () => {
  let repo: string;
  beforeAll(() => {
    repo = initRepo();
  });

  it('has a table large enough to be an oracle', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('git interpret-trailers --parse: $name', (c) => {
    const ours = parseTrailers(c.message, { divider: c.divider ?? false, commentChar: c.commentChar });
    expect(ours.trailers).toEqual(gitParse(c, repo));
  });

  it.each(cases.filter((c) => !c.divider))('git log %(trailers) on a real commit: $name', (c) => {
    const file = path.join(tempDir('msg'), 'message');
    fs.writeFileSync(file, c.message);
    const config = c.commentChar ? ['-c', `core.commentChar=${c.commentChar}`] : [];
    git(repo, [...config, 'commit', '-q', '--allow-empty', '--allow-empty-message', '--cleanup=verbatim', '-F', file]);
    const raw = run('git', ['cat-file', 'commit', 'HEAD'], repo).stdout;
    const stored = raw.slice(raw.indexOf('\n\n') + 2);
    const logged = run('git', [...config, 'log', '-1', '--format=%(trailers:only,unfold)'], repo).stdout;
    const fromLog = logged.slice(0, -1).split('\n').slice(0, -1);
    expect(parseTrailers(stored, { commentChar: c.commentChar }).trailers).toEqual(fromLog);
  });
});

describe('parseTrailers body lines', () => {
  it.each([
    { name: 'title only', message: 'Fix\n', body: ['Fix'] },
    {
      name: 'footer paragraph stays in the body',
      message: `Fix\n\n${FOOTER}\n\n${CLAUDE}\n`,
      body: ['Fix', '', FOOTER, ''],
    },
    {
      name: 'non-trailer lines inside a recognised block are body',
      message: `Fix\n\n${FOOTER}\nSigned-off-by: Ada <ada@example.org>\n`,
      body: ['Fix', '', FOOTER],
    },
    { name: 'comments and CRs removed', message: 'Fix\r\n# hint\r\n\r\nA: 1\r\n', body: ['Fix', ''] },
    { name: 'continuations belong to the trailer', message: 'Fix\n\nA: one\n  two\n', body: ['Fix', ''] },
    { name: 'nothing after the scissors', message: 'Fix\n# ------------------------ >8 ------------------------\nx\n', body: ['Fix'] },
    { name: 'trailing blank lines kept', message: 'Fix\n\nA: 1\n\n', body: ['Fix', '', ''] },
  ])('$name', ({ message, body }) => {
    expect(parseTrailers(message).bodyLines).toEqual(body);
  });

  it('drops the patch only when the divider is on', () => {
    const message = 'Fix\n\n---\nbody below\n';
    expect(parseTrailers(message).bodyLines).toEqual(['Fix', '', '---', 'body below']);
    expect(parseTrailers(message, { divider: true }).bodyLines).toEqual(['Fix', '']);
  });
});

describe('trailer.separators', () => {
  const builtin = { builtin: true, trailers: [], identities: [], environment: [], markers: [], recordedShare: 0.5, lineageShare: 0.5 };
  const message = 'Fix\n\nCo-authored-by= Claude <noreply@anthropic.com>\n';

  it('git reads another separator only where the repository configures it; the detector reads the credit either way', () => {
    const repo = initRepo();
    const configured = run('git', ['-c', 'trailer.separators=:=', 'interpret-trailers', '--parse'], repo, cleanEnv(), message);
    expect(configured.stdout).toBe('Co-authored-by: Claude <noreply@anthropic.com>\n');
    // cleanroom parses with git's defaults, so one push gets one verdict whatever each clone's
    // config says; the credit is still found, as a co-author line outside the trailer block.
    expect(parseTrailers(message).trailers).toEqual([]);
    expect(messageSignals(message, builtin).map((s) => [s.kind, s.rule])).toEqual([['message-trailer', 'claude-code/co-authored-by']]);
  });
});

/**
 * The shapes above, end to end: each commit adds a protected file with one message shape, and is
 * pushed to a bare repository guarded by the pre-receive hook, and checked with `check --range`.
 */
describe('assistant credits in every shape git accepts reach the gates', () => {
  const CO = 'Co-authored-by: Claude <noreply@anthropic.com>';
  const assistant: [string, string][] = [
    ['text after the address', `Add data\n\n${CO} (AI)\n`],
    ['upper-case key', 'Add data\n\nCO-AUTHORED-BY: Claude <noreply@anthropic.com>\n'],
    ['tab before the colon, no space after it', 'Add data\n\nco-authored-by\t:Claude <noreply@anthropic.com>\n'],
    ['address on a continuation line', 'Add data\n\nCo-authored-by: Claude\n <noreply@anthropic.com>\n'],
    ['an indented line alone', `Add data\n\n  ${CO}\n`],
    ['folded under a Signed-off-by', `Add data\n\nSigned-off-by: Ada <ada@example.org>\n  ${CO}\n`],
    ['in a paragraph with Fixes #1', `Add data\n\nFixes #1\n${CO}\n`],
    ['a squash message with more paragraphs below', `Add data (#3)\n\n* one\n\n${CO}\n\n* two\n`],
    ['another separator', 'Add data\n\nCo-authored-by= Claude <noreply@anthropic.com>\n'],
    ['CRLF line ends', `Add data\r\n\r\n${CO} (AI)\r\n`],
    ['the bot as co-author', 'Add data\n\nCo-authored-by: claude[bot] <209825114+claude[bot]@users.noreply.github.com>\n'],
    ['a bracket-less OpenHands address', 'Add data\n\nCo-authored-by: OpenHands-GPT-5 openhands@all-hands.dev\n'],
    ['Assisted-by naming a tool', 'Add data\n\nAssisted-by: Claude Code\n'],
  ];
  const human: [string, string][] = [
    ['Assisted-by naming a person', 'Add data\n\nAssisted-by: Jane Doe <jane@example.org>\n'],
    ['prose about Claude', 'Add data\n\nClaude suggested a format; we wrote it by hand.\n'],
    ['a quoted credit', `Add data\n\nAs the old commit said:\n\n> ${CO}\n`],
  ];

  let client: string;
  let bare: string;
  let base: string;
  let serial = 0;
  beforeAll(() => {
    client = initRepo();
    writePolicy(client);
    git(client, ['add', '-A']);
    git(client, ['commit', '-q', '-m', 'policy']);
    base = git(client, ['rev-parse', 'HEAD']);
    bare = path.join(tempDir('served'), 'server.git');
    git(client, ['init', '-q', '--bare', '-b', 'main', bare]);
    git(client, ['push', '-q', bare, 'main']);
    const config = tempDir('server-config');
    fs.writeFileSync(path.join(config, 'policy.yaml'), EXAMPLE_POLICY);
    fs.writeFileSync(path.join(config, 'allowed_signers'), '');
    fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
    git(bare, ['config', 'cleanroom.policy', path.join(config, 'policy.yaml')]);
  });

  /** A branch off the policy commit whose one commit adds a dataset file with this message. */
  function branchWith(message: string): string {
    const branch = `shape-${++serial}`;
    git(client, ['checkout', '-q', '-b', branch, base]);
    write(client, `datasets/${branch}.jsonl`, '{"x": 1}\n');
    const file = path.join(tempDir('msg'), 'message');
    fs.writeFileSync(file, message);
    git(client, ['add', '-A']);
    git(client, ['commit', '-q', '--cleanup=verbatim', '-F', file]);
    return branch;
  }

  it.each(assistant)('blocked: %s', (_name, message) => {
    const branch = branchWith(message);
    const pushed = gitTry(client, ['push', bare, branch]);
    expect(pushed.status, pushed.stderr).not.toBe(0);
    expect(pushed.stderr).toContain(`datasets/${branch}.jsonl`);
    expect(gitTry(bare, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`]).status).not.toBe(0);
    expect(cleanroom(client, ['check', '--range', `${base}..${branch}`]).status).toBe(1);
  });

  it.each(human)('admitted: %s', (_name, message) => {
    const branch = branchWith(message);
    const pushed = gitTry(client, ['push', bare, branch]);
    expect(pushed.status, pushed.stderr).toBe(0);
    expect(cleanroom(client, ['check', '--range', `${base}..${branch}`]).status).toBe(0);
  });
});
