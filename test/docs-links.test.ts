/**
 * The documentation stays true to the tree: every relative link in README.md, docs/*.md and
 * bench/README.md names a file that exists, every #anchor a heading of its file (as GitHub makes
 * anchors), every `npm run` script the README names is in package.json, and every policy the
 * documents show validates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../src/policy/parse.js';
import { ROOT } from './helpers/git.js';

const DOCS = [
  'README.md',
  'bench/README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The text outside fenced code blocks, line by line (code never holds a link or a heading). */
function proseLines(text: string): string[] {
  let fence: string | null = null;
  return text.split('\n').map((line) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && open) {
      fence = open[1] as string;
      return '';
    }
    if (fence !== null) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      return '';
    }
    return line;
  });
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces to hyphens,
 *  a repeated heading numbered (-1, -2, …). */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = (heading[1] as string)
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** Every inline link target outside code: `[text](target)`, and reference definitions `[x]: target`. */
function linksOf(text: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  proseLines(text).forEach((raw, i) => {
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ line: i + 1, target: m[1] as string });
    const ref = /^ {0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s|$)/.exec(line);
    if (ref) links.push({ line: i + 1, target: ref[1] as string });
  });
  return links;
}

/** What is wrong with one link of `file` (whose text is `own`), or null when it resolves. */
function brokenLink(file: string, own: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null; // https:, mailto: — not this test's business
  const [pathPart = '', anchor] = target.split('#', 2) as [string, string | undefined];
  const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(pathPart)));
  if (resolved.startsWith('../')) return `${target} leaves the repository`;
  const full = path.join(ROOT, resolved);
  if (!fs.existsSync(full)) return `${target}: ${resolved} does not exist`;
  if (anchor === undefined) return null;
  if (!resolved.endsWith('.md')) return `${target}: an anchor into ${resolved}, which has no headings`;
  return anchorsOf(resolved === file ? own : read(resolved)).has(anchor) ? null : `${target}: ${resolved} has no heading with the anchor #${anchor}`;
}

function brokenLinks(file: string, text = read(file)): string[] {
  return linksOf(text).flatMap(({ line, target }) => {
    const problem = brokenLink(file, text, target);
    return problem ? [`${file}:${line}: ${problem}`] : [];
  });
}

describe('links in the documentation', () => {
  it.each(DOCS)('%s: every relative link and #anchor resolves', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('README links the architecture, the policy reference and the bench', () => {
    const targets = linksOf(read('README.md')).map((l) => l.target);
    expect(targets).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/policy.md', 'bench/README.md', 'bench/RESULTS.md']));
  });

  it('finds what is broken, so a pass means something', () => {
    const text = [
      '# Title',
      '## The `hooks`: a section',
      'See [a](docs/missing.md), [b](#no-such-heading), [c](#the-hooks-a-section), [d](docs/policy.md#keys),',
      '[e](docs/policy.md#nowhere), [f](https://example.org/x#y), [g](policy.yaml#x) and `[h](not/a/link.md)`.',
      '```md',
      '[i](also/not/a/link.md)',
      '```',
      '[j]: ../outside.md',
    ].join('\n');
    expect(brokenLinks('README.md', text)).toEqual([
      'README.md:3: docs/missing.md: docs/missing.md does not exist',
      'README.md:3: #no-such-heading: README.md has no heading with the anchor #no-such-heading',
      'README.md:4: docs/policy.md#nowhere: docs/policy.md has no heading with the anchor #nowhere',
      'README.md:4: policy.yaml#x: an anchor into policy.yaml, which has no headings',
      'README.md:8: ../outside.md leaves the repository',
    ]);
  });

  it('makes anchors the way GitHub does', () => {
    const anchors = anchorsOf('# Reviews: how content gets in\n## 2 Policy: which policy judges, and why\n## Notes\n## Notes\n```\n# not a heading\n```\n');
    expect([...anchors]).toEqual(['reviews-how-content-gets-in', '2-policy-which-policy-judges-and-why', 'notes', 'notes-1']);
  });
});

describe('commands the README names', () => {
  const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);

  it.each(['README.md', 'bench/README.md'])('%s: every `npm run` script exists, and the test command is `npm test`', (file) => {
    const named = [...read(file).matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1] as string);
    expect(named.filter((s) => !scripts.includes(s))).toEqual([]);
    if (file === 'README.md') {
      expect(named).toContain('demo');
      expect(read(file)).toMatch(/^npm test\b/m);
      expect(scripts).toContain('test');
    }
  });
});

describe('policies the documents show', () => {
  const blocks = (file: string) => [...read(file).matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string).filter((y) => /^version:/m.test(y));

  it.each(['README.md', 'docs/policy.md'])('%s: each one validates', (file) => {
    const found = blocks(file);
    expect(found.length).toBeGreaterThan(0);
    for (const text of found) expect(() => parsePolicy(text, file, '/repo/.cleanroom')).not.toThrow();
  });
});
