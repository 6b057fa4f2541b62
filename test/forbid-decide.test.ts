/** forbid-assistant and exclude globs, pure: tables of (policy, changeSets) → verdict, no git. */
import { describe, expect, it } from 'vitest';
import { decide, requirementOf, ruleFor, SELF_RULE } from '../src/decide/decide.js';
import { refusedLink } from '../src/decide/links.js';
import { reviewKey, type RuleRef, type ChangeSet } from '../src/decide/verdict.js';
import type { Change } from '../src/git/engine.js';
import { parsePolicy } from '../src/policy/parse.js';
import type { Signal } from '../src/signals/signal.js';
import { FORBID_POLICY } from './helpers/forbid.js';

const policy = parsePolicy(FORBID_POLICY, 'policy.yaml', '/repo/.cleanroom');
const warnPolicy = parsePolicy(FORBID_POLICY.replace('mode: enforce', 'mode: warn'), 'policy.yaml', '/repo/.cleanroom');

const OID = 'b'.repeat(40);
const added = (path: string, mode = '100644'): Change => ({ path, status: 'added', oldMode: null, newMode: mode, oldOid: null, newOid: OID });
const env: Signal = { kind: 'environment', assistant: 'claude-code', rule: 'claude-code/env-claudecode', evidence: 'CLAUDECODE=1' };
const lineage = (path: string): Signal => ({
  kind: 'lineage',
  assistant: 'claude-code',
  rule: 'lineage/blob',
  evidence: 'first written by assistant commit 1a2b3c4 at scratch/t.json',
  path,
});
const staged = (changes: Change[], signals: Signal[] = [], pathSignals: Signal[] = [], reviewed: string[] = []): ChangeSet => ({
  commit: null,
  changes,
  signals,
  pathSignals,
  reviewed: new Map(reviewed.map((p) => [reviewKey(p, OID), ['alice@example.org']])),
  rejectedAttestations: [],
});

describe('exclude: exceptions matched exactly as written', () => {
  it.each([
    ['benchmarks/README.md', null],
    ['benchmarks/docs/how-to.md', null],
    ['benchmarks/docs', null],
    ['benchmarks/task.json', 'benchmarks/**'],
    // Each of these is a file of its own on Linux, and on Windows or macOS may land elsewhere.
    ['benchmarks/readme.md', 'benchmarks/**'],
    ['benchmarks/README.MD', 'benchmarks/**'],
    ['Benchmarks/README.md', 'benchmarks/**'],
    ['BENCHMARKS/docs/x.md', 'benchmarks/**'],
    ['benchmarks/README.md.', 'benchmarks/**'],
    ['benchmarks/README.md ', 'benchmarks/**'],
    ['benchmarks/README.md:task', 'benchmarks/**'],
    ['benchmarks/README.md::$DATA', 'benchmarks/**'],
    ['benchmarks\\README.md', 'benchmarks/**'],
    ['benchmarks/READ~1.MD', 'benchmarks/**'],
    ['benchmarks/docs./x.md', 'benchmarks/**'],
    ['benchmarks/README\u200C.md', 'benchmarks/**'],
    ['benchmarks/docs/nai\u0308ve.md', 'benchmarks/**'],
    ['benchmarks/README.md/task.json', 'benchmarks/**'],
  ])('%j → %s', (path, pattern) => {
    expect(ruleFor(policy, path)?.pattern ?? null).toBe(pattern);
  });

  it('another entry that matches still protects an excluded path', () => {
    const p = parsePolicy(FORBID_POLICY.replace('protect:\n', 'protect:\n  - path: "**/*.md"\n    require: review-always\n'), 'p.yaml', '/');
    expect(ruleFor(p, 'benchmarks/README.md')?.pattern).toBe('**/*.md');
  });

  it('cannot unprotect the policy folder', () => {
    const p = parsePolicy('version: 1\nprotect:\n  - path: "**"\n    require: forbid-assistant\n    exclude: [".cleanroom/**", "**"]\n', 'p.yaml', '/');
    expect(ruleFor(p, '.cleanroom/policy.yaml')).toBe(SELF_RULE);
    expect(ruleFor(p, '.cleanroom/allowed_signers')).toBe(SELF_RULE);
    expect(ruleFor(p, 'src/x')).toBeNull();
  });

  it('a symlink at an excluded path is judged as a link: it could show content below it', () => {
    const link = added('benchmarks/README.md', '120000');
    expect(refusedLink(policy, link, '../scratch')?.pattern).toBe('benchmarks/**');
    expect(refusedLink(policy, added('benchmarks/docs', '120000'), '../scratch')?.pattern).toBe('benchmarks/**');
    expect(refusedLink(policy, added('benchmarks/docs', '160000'), undefined)?.pattern).toBe('benchmarks/**');
    // A link from a banned path into an exception shows the exception's content under the ban.
    expect(refusedLink(policy, added('benchmarks/task.json', '120000'), 'README.md')?.pattern).toBe('benchmarks/**');
    const v = decide({ policy, changeSets: [{ ...staged([link]), linkTargets: new Map([['benchmarks/README.md', '../scratch']]) }] });
    expect(v.findings.map((f) => [f.path, f.reason])).toEqual([['benchmarks/README.md', 'link']]);
  });
});

describe('forbid-assistant', () => {
  it('is the strictest level, whatever the order of the entries', () => {
    expect(ruleFor(policy, 'benchmarks/gold/a.json')?.require).toBe('forbid-assistant');
    const reversed = parsePolicy('version: 1\nprotect:\n  - path: "a/**"\n    require: forbid-assistant\n  - path: "a/b/**"\n    require: review-if-assistant\n', 'p.yaml', '/');
    expect(ruleFor(reversed, 'a/b/c')?.require).toBe('forbid-assistant');
  });

  const ban: RuleRef = { pattern: 'b/**', require: 'forbid-assistant', origin: 'p:1' };
  const always: RuleRef = { pattern: 'g/**', require: 'review-always', origin: 'p:2' };
  it.each([
    [ban, true, 'forbidden'],
    [ban, false, null],
    [{ ...ban, humanRule: always }, true, 'forbidden'],
    [{ ...ban, humanRule: always }, false, 'review'],
    [always, false, 'review'],
    [always, true, 'review'],
    [{ ...ban, require: 'review-if-assistant' }, true, 'review'],
    [{ ...ban, require: 'review-if-assistant' }, false, null],
  ] as [RuleRef, boolean, string | null][])('requirementOf(%j, assistant-made %s) = %s', (rule, assistantMade, expected) => {
    expect(requirementOf(rule, assistantMade)).toBe(expected);
  });

  const cases: [string, ChangeSet, string, [string, string, string][]][] = [
    ['a person writes it', staged([added('benchmarks/t.json')]), 'allowed', []],
    ['an assistant writes it', staged([added('benchmarks/t.json')], [env]), 'blocked', [['benchmarks/t.json', 'forbidden', 'benchmarks/**']]],
    [
      'an assistant writes it and a review covers it: a review cannot launder a ban',
      staged([added('benchmarks/t.json')], [env], [], ['benchmarks/t.json']),
      'blocked',
      [['benchmarks/t.json', 'forbidden', 'benchmarks/**']],
    ],
    [
      'a person moves in what an assistant first wrote (lineage)',
      staged([added('benchmarks/t.json')], [], [lineage('benchmarks/t.json')]),
      'blocked',
      [['benchmarks/t.json', 'forbidden', 'benchmarks/**']],
    ],
    ['an assistant writes the excluded README', staged([added('benchmarks/README.md')], [env]), 'allowed', []],
    ['an assistant writes a case variant of the README', staged([added('benchmarks/readme.md')], [env]), 'blocked', [['benchmarks/readme.md', 'forbidden', 'benchmarks/**']]],
    [
      'a person writes under review-always too, unreviewed',
      staged([added('benchmarks/gold/a.json')]),
      'blocked',
      [['benchmarks/gold/a.json', 'review-always', 'benchmarks/gold/**']],
    ],
    ['a person writes under review-always too, reviewed', staged([added('benchmarks/gold/a.json')], [], [], ['benchmarks/gold/a.json']), 'allowed', []],
    [
      'an assistant writes under review-always too, reviewed',
      staged([added('benchmarks/gold/a.json')], [env], [], ['benchmarks/gold/a.json']),
      'blocked',
      [['benchmarks/gold/a.json', 'forbidden', 'benchmarks/**']],
    ],
  ];
  it.each(cases)('%s: %s', (_, changeSet, outcome, findings) => {
    const v = decide({ policy, changeSets: [changeSet] });
    expect(v.outcome).toBe(outcome);
    expect(v.findings.map((f) => [f.path, f.reason, f.rule.pattern])).toEqual(findings);
    expect(v.reviewed).toEqual(
      outcome === 'allowed' && changeSet.reviewed.size > 0 ? [{ commit: null, path: changeSet.changes[0]?.path, principals: ['alice@example.org'], signals: [] }] : [],
    );
  });

  it('warns, without blocking, in warn mode', () => {
    const v = decide({ policy: warnPolicy, changeSets: [staged([added('benchmarks/t.json')], [env])] });
    expect([v.outcome, v.findings.map((f) => f.reason)]).toEqual(['warned', ['forbidden']]);
  });
});
