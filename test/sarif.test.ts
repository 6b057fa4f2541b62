/**
 * `cleanroom check --format sarif` against the SARIF 2.1.0 JSON schema (the copy in
 * test/fixtures, see its README: the suite runs without network), and against the text format:
 * the same verdict, the same exit code.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathToUri } from '../src/report/sarif.js';
import { cleanEnv, cleanroom, git, initRepo, ROOT, write } from './helpers/git.js';
import { schemaCheck } from './helpers/json-schema.js';
import { EXAMPLE_POLICY, writePolicy } from './helpers/policy.js';

// The schema is draft-04. Formats matter here (artifactLocation.uri is a uri-reference), so they are
// checked, not ignored. Its `language` pattern has a stray `]` that only a non-Unicode RegExp
// accepts (as JSON Schema's ECMA-262 dialect does): unicodeRegExp off, the schema file untouched.
// Not strict: the published schema requires properties it does not define, which strict refuses.
const sarif = schemaCheck(path.join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'draft-04', { strict: false, unicodeRegExp: false });

function expectValid(log: unknown): void {
  expect(sarif.errors(log)).toEqual([]);
}

const CLAUDE = 'Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>';

/** A repository with the example policy committed; returns it and the commit ranges start from. */
function repoWithPolicy(policy = EXAMPLE_POLICY): { repo: string; base: string } {
  const repo = initRepo();
  writePolicy(repo, policy);
  git(repo, ['add', '.cleanroom']);
  git(repo, ['commit', '-q', '-m', 'policy']);
  return { repo, base: git(repo, ['rev-parse', 'HEAD']) };
}

function commitFile(repo: string, file: string, content: string, message: string): string {
  write(repo, file, content);
  git(repo, ['add', '--', file]);
  git(repo, ['commit', '-q', '-m', message]);
  return git(repo, ['rev-parse', 'HEAD']);
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  properties: { commit: string | null; path: string; rule: { pattern: string; origin: string }; signals: { kind: string; evidence: string }[] };
}

/** Runs the range in SARIF and in text: a valid log, and the exit code the text format gives. */
function checkRange(repo: string, range: string, env = cleanEnv()) {
  const sarif = cleanroom(repo, ['check', '--range', range, '--format', 'sarif'], env);
  const text = cleanroom(repo, ['check', '--range', range, '--format', 'text'], env);
  expect(sarif.stderr).toBe('');
  expect(sarif.status).toBe(text.status);
  const log = JSON.parse(sarif.stdout);
  expectValid(log);
  const run = log.runs[0];
  return { status: sarif.status, log, run, results: run.results as SarifResult[], text: text.stdout };
}

describe('cleanroom check --format sarif', () => {
  it('reports a blocked range: one error result per finding, with evidence and fix', () => {
    const { repo, base } = repoWithPolicy();
    commitFile(repo, 'src/ok.py', 'print(1)\n', 'human code');
    const sha = commitFile(repo, 'datasets/a.jsonl', '{"q": 1}\n', `add data\n\n${CLAUDE}`);
    const { status, log, run, results } = checkRange(repo, `${base}..HEAD`);
    expect(status).toBe(1);
    expect(log).toMatchObject({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' });
    expect(run.tool.driver).toMatchObject({ name: 'cleanroom', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(run.tool.driver.informationUri).toBeUndefined();
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.properties).toMatchObject({ outcome: 'blocked', mode: 'enforce', checked: { commits: 2, paths: 2, protectedPaths: 1 } });
    expect(['isomorphic', 'plumbing']).toContain(run.properties.engine);

    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r).toMatchObject({ ruleId: 'CR001', ruleIndex: 0, level: 'error' });
    expect(r!.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'datasets/a.jsonl', uriBaseId: 'SRCROOT' } });
    expect(r!.properties).toMatchObject({
      commit: sha,
      path: 'datasets/a.jsonl',
      rule: { pattern: 'datasets/**', origin: '.cleanroom/policy.yaml@HEAD:7' },
      signals: [{ kind: 'trailer', evidence: CLAUDE }],
    });
    const text = r!.message.text;
    expect(text).toContain(`datasets/a.jsonl (added in commit ${sha.slice(0, 12)})`);
    expect(text).toContain('datasets/** requires review-if-assistant (.cleanroom/policy.yaml@HEAD:7)');
    expect(text).toContain(`trailer ${CLAUDE} [claude-code/co-authored-by]`);
    expect(text).toContain('cleanroom attest -- datasets/a.jsonl');
    expect(text).toContain(`git rebase -i ${sha.slice(0, 12)}^`);
  });

  it('lists the same ordered rules on every run, each with help naming what resolves it', () => {
    const { repo, base } = repoWithPolicy();
    const { run } = checkRange(repo, `${base}..HEAD`);
    const rules = run.tool.driver.rules as { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string } }[];
    expect(rules.map((r) => [r.id, r.name])).toEqual([
      ['CR001', 'assistant-content-unreviewed'],
      ['CR002', 'review-always-unreviewed'],
      ['CR003', 'link-into-protected-path'],
      ['CR004', 'assistant-content-forbidden'],
    ]);
    for (const r of rules) {
      expect(r.shortDescription.text).not.toBe('');
      expect(r.fullDescription.text).not.toBe('');
      // No review admits forbidden content: its help must not send anyone to sign for it.
      if (r.id === 'CR004') expect(r.help.text).not.toContain('cleanroom attest');
      else expect(r.help.text).toContain('cleanroom attest');
    }
  });

  it('gives stable fingerprints: the same on a re-run and with either engine', () => {
    const { repo, base } = repoWithPolicy();
    commitFile(repo, 'datasets/a.jsonl', '1\n', `data\n\n${CLAUDE}`);
    const prints = (engine: string) => checkRange(repo, `${base}..HEAD`, cleanEnv({ CLEANROOM_ENGINE: engine })).results.map((r) => r.partialFingerprints);
    const first = prints('isomorphic');
    expect(first).toEqual([{ 'cleanroomFinding/v1': expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(prints('isomorphic')).toEqual(first);
    expect(prints('plumbing')).toEqual(first);
  });

  it('reports warn mode as warnings and exits 0, as the text format does', () => {
    const { repo, base } = repoWithPolicy(EXAMPLE_POLICY.replace('mode: enforce', 'mode: warn'));
    commitFile(repo, 'benchmarks/t.md', 'task\n', 'task\n\nCo-authored-by: aider (gpt-5) <aider@aider.chat>');
    const { status, run, results, text } = checkRange(repo, `${base}..HEAD`);
    expect(status).toBe(0);
    expect(text).toContain('warning: 1 protected change would need a human review');
    expect(run.properties).toMatchObject({ outcome: 'warned', mode: 'warn' });
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([['CR001', 'warning']]);
  });

  it('points at the line of a content marker', () => {
    const { repo, base } = repoWithPolicy();
    commitFile(repo, 'datasets/b.txt', 'one\ntwo\nleaked CANARY-42 here\n', 'human-looking data');
    const { status, results } = checkRange(repo, `${base}..HEAD`);
    expect(status).toBe(1);
    expect(results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'datasets/b.txt', uriBaseId: 'SRCROOT' },
      region: { startLine: 3 },
    });
    expect(results[0]!.message.text).toContain('marker leaked CANARY-42 here at datasets/b.txt:3');
  });

  it('percent-encodes a path with spaces and non-ASCII characters as a relative URI reference', () => {
    const { repo, base } = repoWithPolicy();
    const file = 'datasets/my data/Ünïcode naïve 数据 #1%.jsonl';
    commitFile(repo, file, '1\n', `data\n\n${CLAUDE}`);
    const { results } = checkRange(repo, `${base}..HEAD`);
    const uri = results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(uri).toBe('datasets/my%20data/%C3%9Cn%C3%AFcode%20na%C3%AFve%20%E6%95%B0%E6%8D%AE%20%231%25.jsonl');
    expect(decodeURIComponent(uri)).toBe(file);
    expect(results[0]!.properties.path).toBe(file);
  });

  it('reports review-always paths under their own rule', () => {
    const { repo, base } = repoWithPolicy();
    commitFile(repo, 'evals/private/q.json', '{}\n', 'human eval');
    const { status, results } = checkRange(repo, `${base}..HEAD`);
    expect(status).toBe(1);
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.properties.signals])).toEqual([['CR002', 1, []]]);
  });

  it('writes a valid log with no results for an allowed range', () => {
    const { repo, base } = repoWithPolicy();
    commitFile(repo, 'datasets/a.jsonl', '1\n', 'human data');
    const { status, run, results } = checkRange(repo, `${base}..HEAD`);
    expect(status).toBe(0);
    expect(results).toEqual([]);
    expect(run.properties).toMatchObject({ outcome: 'allowed', checked: { commits: 1, paths: 1, protectedPaths: 1 } });
  });

  it('fails a usage error with exit 2 and no log, as every format does', () => {
    const { repo } = repoWithPolicy();
    const r = cleanroom(repo, ['check', '--range', 'HEAD', '--format', 'sarif']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(cleanroom(repo, ['check', '--format', 'xml']).stderr).toMatch(/--format must be text or json .*or sarif/);
    expect(cleanroom(repo, ['check', '--help']).stdout).toContain('--format text|json|sarif');
  });
});

describe('the schema check itself', () => {
  it('rejects what the schema forbids, so a pass means something', () => {
    const { repo, base } = repoWithPolicy();
    commitFile(repo, 'datasets/a b.txt', '1\n', `data\n\n${CLAUDE}`);
    const log = JSON.parse(cleanroom(repo, ['check', '--range', `${base}..HEAD`, '--format', 'sarif']).stdout);
    expectValid(log);
    const result = log.runs[0].results[0];
    result.locations[0].physicalLocation.artifactLocation.uri = 'datasets/a b.txt';
    expect(sarif.errors(log)).not.toEqual([]);
    result.locations[0].physicalLocation.artifactLocation.uri = 'datasets/a%20b.txt';
    result.level = 'fatal';
    expect(sarif.errors(log)).not.toEqual([]);
  });
});

describe('pathToUri', () => {
  it.each([
    ['datasets/a.jsonl', 'datasets/a.jsonl'],
    ['a:b/c', 'a%3Ab/c'],
    ['q?/x#y', 'q%3F/x%23y'],
    ['100%/é', '100%25/%C3%A9'],
  ])('%s → %s', (p, uri) => {
    expect(pathToUri(p)).toBe(uri);
    expect(decodeURIComponent(uri)).toBe(p);
  });
});
