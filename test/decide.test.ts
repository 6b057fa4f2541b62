/** decide() is pure: tables of (policy, changeSets) → verdict, no git involved. */
import { describe, expect, it } from 'vitest';
import { decide, judgedRule, mayNeedReview, ruleFor, SELF_RULE } from '../src/decide/decide.js';
import { reviewKey, type ChangeSet } from '../src/decide/verdict.js';
import type { Change, ChangeStatus } from '../src/git/engine.js';
import { parsePolicy } from '../src/policy/parse.js';
import type { Signal } from '../src/signals/signal.js';
import { FORBID_POLICY } from './helpers/forbid.js';
import { EXAMPLE_POLICY } from './helpers/policy.js';

const policy = parsePolicy(EXAMPLE_POLICY, 'policy.yaml', '/repo/.cleanroom');
const warnPolicy = parsePolicy(EXAMPLE_POLICY.replace('mode: enforce', 'mode: warn'), 'policy.yaml', '/repo/.cleanroom');

const change = (path: string, status: ChangeStatus = 'added'): Change => ({
  path,
  status,
  oldMode: status === 'added' ? null : '100644',
  newMode: status === 'deleted' ? null : '100644',
  oldOid: status === 'added' ? null : 'a'.repeat(40),
  newOid: status === 'deleted' ? null : 'b'.repeat(40),
});
const env: Signal = { kind: 'environment', assistant: 'claude-code', rule: 'claude-code/env-claudecode', evidence: 'CLAUDECODE=1' };
const marker = (path: string): Signal => ({ kind: 'marker', assistant: 'policy', rule: 'assistants.markers[0]', evidence: 'CANARY-1', path, line: 3 });
const changeSet = (commit: string | null, changes: Change[], signals: Signal[] = [], markers: Signal[] = [], reviewed: [string, string[]][] = []): ChangeSet => ({
  commit,
  changes,
  signals,
  pathSignals: markers,
  reviewed: new Map(reviewed.map(([path, who]) => [reviewKey(path, 'b'.repeat(40)), who])),
  rejectedAttestations: [],
});
const staged = (changes: Change[], signals: Signal[] = [], markers: Signal[] = [], reviewed: [string, string[]][] = []) => changeSet(null, changes, signals, markers, reviewed);

describe('ruleFor', () => {
  it.each([
    ['datasets/a.jsonl', 'datasets/**'],
    ['DATASETS/A.JSONL', 'datasets/**'],
    ['benchmarks', 'benchmarks/**'],
    ['evals/private/x', 'evals/private/**'],
    ['evals/public/x', null],
    ['src/datasets/a', null],
    ['datasetsx/a', null],
    ['.cleanroom/policy.yaml', SELF_RULE.pattern],
    ['.CleanRoom/attestations/a.json', SELF_RULE.pattern],
  ])('%s → %s', (path, pattern) => {
    expect(ruleFor(policy, path)?.pattern ?? null).toBe(pattern);
  });

  it('prefers the strictest matching rule, whatever the order', () => {
    const p = parsePolicy(
      EXAMPLE_POLICY.replace('  - path: "evals/private/**"\n    require: review-always\n', '  - path: "datasets/gold/**"\n    require: review-always\n'),
      'p.yaml',
      '/',
    );
    expect(ruleFor(p, 'datasets/gold/x')?.require).toBe('review-always');
    expect(ruleFor(p, 'datasets/x')?.require).toBe('review-if-assistant');
  });

  it('names the policy line of the rule that matched', () => {
    expect(ruleFor(policy, 'datasets/a')?.origin).toBe('policy.yaml:7');
  });

  it('remembers answers per policy: another policy asked about the same path gets its own', () => {
    const strict = parsePolicy(
      EXAMPLE_POLICY.replace('path: "datasets/**"\n    require: review-if-assistant', 'path: "datasets/**"\n    require: review-always'),
      'strict.yaml',
      '/',
    );
    expect(ruleFor(policy, 'datasets/same')?.require).toBe('review-if-assistant');
    expect(ruleFor(strict, 'datasets/same')?.require).toBe('review-always');
    expect(ruleFor(policy, 'datasets/same')?.require).toBe('review-if-assistant');
  });

  it('answers the same past the number of paths it remembers (a scan of a huge tree)', () => {
    const p = parsePolicy(EXAMPLE_POLICY, 'p.yaml', '/');
    for (let i = 0; i < 70_000; i++) ruleFor(p, `src/file-${i}`);
    expect(ruleFor(p, 'datasets/a')?.pattern).toBe('datasets/**');
    expect(ruleFor(p, 'src/file-1')).toBeNull();
  });
});

describe('judgedRule and mayNeedReview: what the gatherers ask, answered as decide() answers it', () => {
  const forbid = parsePolicy(FORBID_POLICY, 'policy.yaml', '/repo/.cleanroom');

  it.each([
    ['datasets/a', 'added', 'datasets/**'],
    ['datasets/a', 'deleted', null],
    ['.cleanroom/policy.yaml', 'deleted', SELF_RULE.pattern],
    ['.cleanroom/attestations/0123456789abcdef.dsse.json', 'added', null],
    ['src/x', 'modified', null],
  ] as const)('%s %s → %s', (path, status, pattern) => {
    expect(judgedRule(policy, change(path, status))?.pattern ?? null).toBe(pattern);
  });

  // [path, status, signalled, could a review count]
  it.each([
    ['datasets/a', 'added', true, true],
    ['datasets/a', 'added', false, false],
    ['evals/private/x', 'added', false, true],
    ['benchmarks/t.json', 'added', true, false],
    ['benchmarks/t.json', 'added', false, false],
    ['benchmarks/gold/t.json', 'added', true, true],
    ['benchmarks/gold/t.json', 'added', false, true],
    ['benchmarks/README.md', 'added', true, false],
    ['datasets/a', 'deleted', true, false],
    ['.cleanroom/policy.yaml', 'deleted', true, true],
    ['src/x', 'added', true, false],
  ] as const)('%s %s, signalled %s → %s', (path, status, signalled, expected) => {
    const c = change(path, status);
    expect(mayNeedReview(forbid, c, signalled)).toBe(expected);
    // Where decide() asks for a review of this change, the gatherers must have read the reviews.
    const verdict = decide({ policy: forbid, changeSets: [staged([c], signalled ? [env] : [])] });
    const askedForReview = verdict.findings.some((f) => f.reason === 'assistant' || f.reason === 'review-always');
    if (askedForReview) expect(mayNeedReview(forbid, c, signalled)).toBe(true);
  });
});

describe('decide', () => {
  const cases: [string, ChangeSet[], 'allowed' | 'blocked', number][] = [
    ['no changes', [staged([])], 'allowed', 0],
    ['human change to a protected path', [staged([change('datasets/a')])], 'allowed', 0],
    ['assistant change outside protected paths', [staged([change('src/a')], [env])], 'allowed', 0],
    ['assistant change to a protected path', [staged([change('datasets/a')], [env])], 'blocked', 1],
    ['assistant deletion in a protected path', [staged([change('datasets/a', 'deleted')], [env])], 'allowed', 0],
    ['assistant typechange in a protected path', [staged([change('datasets/a', 'typechange')], [env])], 'blocked', 1],
    ['marker in one protected file only', [staged([change('datasets/a'), change('datasets/b')], [], [marker('datasets/b')])], 'blocked', 1],
    ['review-always without signals', [staged([change('evals/private/x')])], 'blocked', 1],
    ['assistant change reviewed by a human', [staged([change('datasets/a')], [env], [], [['datasets/a', ['alice@example.org']]])], 'allowed', 0],
    ['review-always change reviewed', [staged([change('evals/private/x')], [], [], [['evals/private/x', ['alice@example.org']]])], 'allowed', 0],
    ['a review of another path covers nothing', [staged([change('datasets/a')], [env], [], [['datasets/b', ['alice@example.org']]])], 'blocked', 1],
    ['an attestation file in an assistant commit needs no review of its own', [staged([change('.cleanroom/attestations/0123.dsse.json')], [env])], 'allowed', 0],
    ['any other file in the policy folder does', [staged([change('.cleanroom/allowed_signers')], [env])], 'blocked', 1],
    ['assistant commit among human commits', [changeSet('c1', [change('datasets/a')]), changeSet('c2', [change('datasets/b')], [env])], 'blocked', 1],
  ];
  it.each(cases)('%s', (_name, changeSets, outcome, findings) => {
    const v = decide({ policy, changeSets });
    expect(v.outcome).toBe(outcome);
    expect(v.findings).toHaveLength(findings);
  });

  it('counts paths, protected paths and commits it checked', () => {
    const v = decide({
      policy,
      changeSets: [changeSet('c1', [change('datasets/a'), change('src/x'), change('datasets/old', 'deleted')]), changeSet('c2', [change('benchmarks/t')])],
    });
    expect(v.checked).toEqual({ commits: 2, paths: 4, protectedPaths: 2 });
  });

  it('attaches to each finding the set-wide signals plus only its own markers', () => {
    const v = decide({ policy, changeSets: [staged([change('datasets/a'), change('datasets/b')], [env], [marker('datasets/b')])] });
    expect(v.findings.map((f) => f.signals.length)).toEqual([1, 2]);
    expect(v.findings[0]?.reason).toBe('assistant');
  });

  it('lists reviewed changes with their reviewers and the signals the review answered', () => {
    const v = decide({ policy, changeSets: [staged([change('datasets/a')], [env], [], [['datasets/a', ['alice@example.org']]])] });
    expect(v.reviewed).toEqual([{ commit: null, path: 'datasets/a', principals: ['alice@example.org'], signals: [env] }]);
  });

  it('warn mode keeps the findings but never blocks', () => {
    const v = decide({ policy: warnPolicy, changeSets: [staged([change('datasets/a')], [env])] });
    expect(v.outcome).toBe('warned');
    expect(v.findings).toHaveLength(1);
  });
});
