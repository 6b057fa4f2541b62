/**
 * `cleanroom scan` over a real history: human commits, an assistant's uncovered commit into
 * datasets/, one a human reviewed and signed for, and a path that is HTML. Text, JSON and HTML
 * must tell the same story with the same exit codes; the HTML is also opened in headless
 * Chromium, the way a person would look at it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { Verdict } from '../src/decide/verdict.js';
import { renderHtml } from '../src/report/html.js';
import type { Signal } from '../src/signals/signal.js';
import { cleanEnv, cleanroom, git, initRepo, tempDir, write, CHILD_TIMEOUT_MS } from './helpers/git.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

const CLAUDE = 'Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>';
const CODEX = 'Co-authored-by: Codex <noreply@openai.com>';
const HOSTILE = 'datasets/<script>alert(1)</script>.json';

const keys = tempDir('keys');
const aliceKey = path.join(keys, 'alice');
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice', '-f', aliceKey], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS });
const alicePub = fs.readFileSync(`${aliceKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');

function commitFile(repo: string, file: string, content: string, message: string): string {
  write(repo, file, content);
  git(repo, ['add', '--', file]);
  git(repo, ['commit', '-q', '-m', message]);
  return git(repo, ['rev-parse', 'HEAD']);
}

interface History {
  repo: string;
  /** The commit before the assistants' work. */
  base: string;
  uncovered: string;
  hostile: string;
  covered: string;
}

/** Built once: the scenarios below only read it. */
function history(policy = EXAMPLE_POLICY): History {
  const repo = initRepo();
  writePolicy(repo, policy);
  write(repo, '.cleanroom/allowed_signers', `alice@example.org namespaces="cleanroom-review-v1" ${alicePub}\n`);
  git(repo, ['add', '.cleanroom']);
  git(repo, ['commit', '-q', '-m', 'policy and reviewers']);
  commitFile(repo, 'datasets/human.jsonl', '{"by": "a person"}\n', 'Human data');
  const base = commitFile(repo, 'src/tool.ts', 'export {};\n', `Assistant code outside protected paths\n\n${CLAUDE}`);
  const uncovered = commitFile(repo, 'datasets/a.jsonl', '{"q": 1}\n', `Add generated data\n\n${CLAUDE}`);
  const hostile = commitFile(repo, HOSTILE, '{}\n', `Add a file with a hostile name\n\n${CLAUDE}`);
  write(repo, 'datasets/b.jsonl', '{"q": 2}\n');
  git(repo, ['add', 'datasets/b.jsonl']);
  const signed = cleanroom(repo, ['attest', '--yes', '--key', aliceKey, '--reviewer', 'alice@example.org']);
  expect(signed.stdout + signed.stderr).toContain('signed by alice@example.org');
  git(repo, ['commit', '-q', '-m', `Add reviewed data\n\n${CODEX}`]);
  const covered = git(repo, ['rev-parse', 'HEAD']);
  commitFile(repo, 'README.md', 'more\n', 'Human docs');
  return { repo, base, uncovered, hostile, covered };
}

const h = history();

interface ScanJson {
  format: string;
  outcome: string;
  checked: { commits: number; paths: number; protectedPaths: number };
  findings: { commit: string; path: string; reason: string; signals: { assistant: string; evidence: string }[] }[];
  reviewed: { commit: string; path: string; principals: string[]; signals: { assistant: string }[] }[];
  range: { include: string[]; exclude: string[] };
  commitsWithSignals: { commit: string; signals: { assistant: string; evidence: string }[] }[];
}

describe('cleanroom scan', () => {
  it('reports every assistant-made protected change in all of history, covered or not (text)', () => {
    const r = cleanroom(h.repo, ['scan']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^cleanroom scan: blocked: 2 protected changes need a human review \(checked 10 paths in 8 commits, 6 protected; policy \.cleanroom\/policy\.yaml@HEAD\)/,
    );
    expect(r.stdout).toContain(`datasets/a.jsonl (added in commit ${h.uncovered.slice(0, 12)})`);
    expect(r.stdout).toContain(`${HOSTILE} (added in commit ${h.hostile.slice(0, 12)})`);
    expect(r.stdout).toContain(`reviewed: datasets/b.jsonl in commit ${h.covered.slice(0, 12)}: reviewed by alice@example.org`);
    // A human's protected change and an assistant's unprotected one need nothing.
    expect(r.stdout).not.toContain('datasets/human.jsonl');
    expect(r.stdout).not.toContain('src/tool.ts');
    expect(r.status).toBe(1);
  });

  it('scans only A..B, with the reviews of B, and passes when all of it is covered', () => {
    const r = cleanroom(h.repo, ['scan', `${h.hostile}..HEAD`]);
    expect(r.stdout).toMatch(/^cleanroom scan: allowed \(checked 3 paths in 2 commits, 1 protected;/);
    expect(r.stdout).toContain('reviewed: datasets/b.jsonl');
    expect(r.status).toBe(0);
    // The attestation is committed after the assistant's commit it covers: B's tree is what counts.
    const before = cleanroom(h.repo, ['scan', `${h.base}..${h.hostile}`]);
    expect(before.stdout).toMatch(/^cleanroom scan: blocked: 2 protected changes/);
    expect(before.status).toBe(1);
  });

  it('says the same in JSON, with each commit whose signals fired', () => {
    const r = cleanroom(h.repo, ['scan', '--format', 'json']);
    expect(r.status).toBe(1);
    const v = JSON.parse(r.stdout) as ScanJson;
    expect(v.format).toBe('cleanroom-verdict/v1');
    expect(v.outcome).toBe('blocked');
    expect(v.checked).toEqual({ commits: 8, paths: 10, protectedPaths: 6 });
    expect(v.range).toEqual({ include: [git(h.repo, ['rev-parse', 'HEAD'])], exclude: [] });
    expect(v.findings.map((f) => [f.path, f.commit, f.reason])).toEqual([
      [HOSTILE, h.hostile, 'assistant'],
      ['datasets/a.jsonl', h.uncovered, 'assistant'],
    ]);
    expect(v.findings[0]?.signals[0]).toMatchObject({ assistant: 'claude-code', evidence: CLAUDE });
    expect(v.reviewed).toEqual([expect.objectContaining({ path: 'datasets/b.jsonl', commit: h.covered, principals: ['alice@example.org'] })]);
    expect(v.reviewed[0]?.signals.map((s) => s.assistant)).toEqual(['codex']);
    // Newest first, as history is read; signals are read only where protected content changed.
    expect(v.commitsWithSignals.map((c) => c.commit)).toEqual([h.covered, h.hostile, h.uncovered]);
  });

  it('exits 0 in warn mode and 2 on a bad range, format or revision', () => {
    const warn = history(EXAMPLE_POLICY.replace('mode: enforce', 'mode: warn'));
    const w = cleanroom(warn.repo, ['scan']);
    expect(w.stdout).toMatch(/^cleanroom scan: warning: 2 protected changes would need a human review/);
    expect(w.status).toBe(0);
    for (const args of [
      ['scan', 'main'],
      ['scan', '--format', 'xml'],
      ['scan', 'HEAD~1..nope'],
      ['scan', 'a..b', 'c..d'],
    ]) {
      const r = cleanroom(h.repo, args);
      expect(r.stderr, args.join(' ')).toMatch(/^cleanroom: error: /);
      expect(r.status, args.join(' ')).toBe(2);
    }
  });

  it('keeps progress off a pipe, and draws it on a terminal', async () => {
    expect(cleanroom(h.repo, ['scan']).stderr).toBe('');
    const out = new PassThrough();
    const err = Object.assign(new PassThrough(), { isTTY: true });
    const chunks: string[] = [];
    err.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    out.resume();
    const status = await main(['scan'], { cwd: h.repo, env: cleanEnv(), stdin: new PassThrough(), stdout: out, stderr: err });
    expect(status).toBe(1);
    const drawn = chunks.join('');
    expect(drawn).toContain('\rscanning 0/8 commits');
    expect(drawn).toContain('\rscanning 8/8 commits');
    // The line is wiped before the report is written, so the report starts at column 0.
    expect(drawn.endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('cleanroom scan --format html', () => {
  const file = path.join(tempDir('report'), 'report.html');
  const r = cleanroom(h.repo, ['scan', '--format', 'html', '--output', file]);
  const html = fs.readFileSync(file, 'utf8');

  it('writes the page to --output and the verdict line to stdout, with the exit code of the text', () => {
    expect(r.stdout).toBe(
      `cleanroom scan: blocked: 2 protected changes need a human review (checked 10 paths in 8 commits, 6 protected; policy .cleanroom/policy.yaml@HEAD); report in ${file}\n`,
    );
    expect(r.status).toBe(1);
    expect(cleanroom(h.repo, ['scan', '--format', 'html']).stdout).toBe(html);
  });

  it('is self-contained, accessible, and escapes what the repository says', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<title>cleanroom scan of HEAD</title>');
    expect(html).toContain('<th scope="col">Path</th>');
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|url\(|https?:/i);
    expect(html).toContain('datasets/&lt;script&gt;alert(1)&lt;/script&gt;.json');
  });
});

describe('renderHtml', () => {
  const signal = (assistant: string): Signal => ({ kind: 'trailer', assistant, rule: `${assistant}/x`, evidence: `Assisted-by: ${assistant}` });
  const rule = { pattern: 'evals/private/**', require: 'review-always', origin: 'policy.yaml:9' } as const;
  const verdict: Verdict = {
    outcome: 'blocked',
    mode: 'enforce',
    policy: 'policy.yaml',
    checked: { commits: 2, paths: 2, protectedPaths: 2 },
    findings: [{ commit: 'b'.repeat(40), path: 'evals/private/human.jsonl', status: 'added', rule, reason: 'review-always', signals: [] }],
    reviewed: [{ commit: 'a'.repeat(40), path: 'evals/private/pair.jsonl', principals: ['alice@example.org'], signals: [signal('codex'), signal('aider')] }],
    rejectedAttestations: [{ file: '.cleanroom/attestations/x.dsse.json', problems: ['signed by "<b>mallory</b>", who is not listed'] }],
    signals: [signal('codex'), signal('aider')],
  };
  const html = renderHtml(verdict, { range: 'main..<topic>', fired: [{ commit: 'a'.repeat(40), signals: [signal('codex'), signal('aider')] }] });

  it('counts a change under each assistant seen in it, and a review-always change under none', () => {
    expect(html).toContain('<tr><th scope="row">aider</th><td class="num">1</td><td class="num">1</td><td class="num">0</td></tr>');
    expect(html).toContain('<tr><th scope="row">codex</th><td class="num">1</td><td class="num">1</td><td class="num">0</td></tr>');
    expect(html).toContain('<tr><th scope="row">no assistant signal (review-always)</th><td class="num">1</td><td class="num">0</td><td class="num">1</td></tr>');
    expect(html).toContain('this path needs a review for every change (review-always)');
  });

  it('escapes the range and why an attestation does not count', () => {
    expect(html).toContain('<title>cleanroom scan of main..&lt;topic&gt;</title>');
    expect(html).toContain('signed by &quot;&lt;b&gt;mallory&lt;/b&gt;&quot;, who is not listed');
    expect(html).not.toContain('<b>');
  });
});

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

/** The DOM after Chromium parsed and laid out the page, with no network and a throwaway profile. */
function renderedDom(file: string): string {
  const profile = tempDir('chromium-profile');
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    '--dump-dom',
    `file://${file}`,
  ];
  const r = spawnSync(CHROMIUM, args, { env: cleanEnv(), encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Each table row's cells as text, tags dropped and entities decoded as a reader sees them. */
function rowsOf(dom: string, tableId: string): string[][] {
  const table = new RegExp(`<table id="${tableId}">([\\s\\S]*?)</table>`).exec(dom)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  const text = (cell: string) =>
    cell
      .replace(/<[^>]*>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1] ?? '')));
}

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!hasChromium)('shows a row per protected change and the per-assistant overview', () => {
    const file = path.join(tempDir('report'), 'report.html');
    expect(cleanroom(h.repo, ['scan', '--format', 'html', '--output', file]).status).toBe(1);
    const dom = renderedDom(file);
    // The hostile name stayed text: no element came of it.
    expect(dom).not.toMatch(/<script/i);
    expect(rowsOf(dom, 'paths')).toEqual([
      [HOSTILE, h.hostile.slice(0, 12), 'claude-code', `trailer ${CLAUDE} [claude-code/co-authored-by]`, 'NOT covered assistant-generated content in a protected path'],
      [
        'datasets/a.jsonl',
        h.uncovered.slice(0, 12),
        'claude-code',
        `trailer ${CLAUDE} [claude-code/co-authored-by]`,
        'NOT covered assistant-generated content in a protected path',
      ],
      [
        'datasets/b.jsonl',
        h.covered.slice(0, 12),
        'codex',
        expect.stringMatching(/^trailer Co-authored-by: Codex <noreply@openai\.com> \[codex\//),
        'covered by alice@example.org',
      ],
    ]);
    expect(rowsOf(dom, 'assistants')).toEqual([
      ['claude-code', '2', '0', '2'],
      ['codex', '1', '1', '0'],
    ]);
    expect(dom).toMatch(/<dt>Not covered<\/dt><dd>2<\/dd>/);
    expect(dom).toMatch(/<dt>Covered by a review<\/dt><dd>1<\/dd>/);
  });
});
