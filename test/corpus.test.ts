/**
 * Recall and precision on real commits: test/fixtures/corpus holds the headers and messages of
 * commits from public histories, each labelled assistant or human (README.md there says how
 * they were chosen and labelled). Every commit goes through the detectors the gates use, with
 * the built-in catalog, as the server judges a pushed commit: message and both identities.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssistantRules } from '../src/policy/policy.js';
import { identitySignals, messageSignals } from '../src/signals/detect.js';

const DIR = path.join(import.meta.dirname, 'fixtures', 'corpus');
const BUILTIN: AssistantRules = { builtin: true, trailers: [], identities: [], environment: [], markers: [], recordedShare: 0.5, lineageShare: 0.5 };
const IDENTITY = /^(.*) <([^<>]*)>$/;

interface Entry {
  readonly repository: string;
  readonly commit: string;
  readonly label: 'assistant' | 'human';
  readonly author: string;
  readonly committer: string;
  readonly message: string;
}

function identity(text: string, where: string): { name: string; email: string } {
  const m = IDENTITY.exec(text);
  if (!m) throw new Error(`${where}: identity is not 'Name <email>': ${text}`);
  return { name: m[1] as string, email: m[2] as string };
}

const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();
const entries: Entry[] = files.flatMap((file) =>
  fs
    .readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, i) => ({ ...(JSON.parse(line) as Entry), where: `${file}:${i + 1}` })),
);

function fired(e: Entry & { where?: string }): string[] {
  const where = (e as { where: string }).where;
  const people = [
    { role: 'author' as const, identity: identity(e.author, where) },
    { role: 'committer' as const, identity: identity(e.committer, where) },
  ];
  return [...messageSignals(e.message, BUILTIN), ...identitySignals(people, BUILTIN)].map((s) => `${s.kind} ${s.rule}`);
}

describe('recall and precision on the labelled corpus', () => {
  it('is a well-formed corpus of real commits, small enough to commit', () => {
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(DIR, f)).size, 0);
    expect(bytes).toBeLessThan(500 * 1024);
    for (const e of entries) {
      const where = (e as { where?: string }).where;
      expect(e.repository, where).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(e.commit, where).toMatch(/^[0-9a-f]{40}$/);
      expect(['assistant', 'human'], where).toContain(e.label);
      expect(typeof e.message, where).toBe('string');
    }
    expect(new Set(entries.map((e) => `${e.repository} ${e.commit}`)).size).toBe(entries.length);
    expect(entries.filter((e) => e.label === 'assistant').length).toBeGreaterThanOrEqual(200);
    expect(entries.filter((e) => e.label === 'human').length).toBeGreaterThanOrEqual(200);
  });

  it("finds at least 99% of the assistants' commits and flags no human commit", () => {
    const missed: string[] = [];
    const wrong: string[] = [];
    let found = 0;
    for (const e of entries) {
      const rules = fired(e);
      const source = `${e.repository}@${e.commit.slice(0, 10)}`;
      if (e.label === 'assistant') {
        if (rules.length > 0) found++;
        else missed.push(source);
      } else if (rules.length > 0) wrong.push(`${source}: ${rules.join(', ')}`);
    }
    const assistants = found + missed.length;
    const recall = found / assistants;
    const precision = found / (found + wrong.length);
    console.info(
      `corpus: ${entries.length} commits (${assistants} assistant, ${entries.length - assistants} human): ` +
        `recall ${(100 * recall).toFixed(2)}% (${found}/${assistants}), precision ${(100 * precision).toFixed(2)}% ` +
        `(${found}/${found + wrong.length})${missed.length ? `; missed ${missed.join(' ')}` : ''}`,
    );
    expect(wrong).toEqual([]);
    expect(recall, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.99);
  });
});
