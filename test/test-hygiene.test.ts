/**
 * Rules the test files themselves keep: every child process a test starts has a timeout (a
 * synchronous spawn blocks its worker, so vitest's own test timeout never fires while the child
 * hangs), and the environment git gets is built from nothing (cleanEnv), never process.env.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TEST_DIR = import.meta.dirname;
const SELF = import.meta.filename;

function testSources(dir = TEST_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testSources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

const SPAWNERS = ['spawnSync', 'execFileSync', 'execSync', 'spawn', 'execFile', 'exec', 'fork'];

/** Each call of a node:child_process function in `source`: its name, line and argument text. */
function childProcessCalls(source: string): { fn: string; line: number; args: string }[] {
  const calls: { fn: string; line: number; args: string }[] = [];
  // A call, not a method (`.exec(` of a RegExp) nor a declaration or an import.
  const re = new RegExp(`(?<![\\w.$])(${SPAWNERS.join('|')})\\(`, 'g');
  for (const m of source.matchAll(re)) {
    const start = (m.index ?? 0) + m[0].length;
    let depth = 1;
    let i = start;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '(') depth++;
      else if (source[i] === ')') depth--;
    }
    calls.push({ fn: m[1] as string, line: source.slice(0, m.index).split('\n').length, args: source.slice(start, i - 1) });
  }
  return calls;
}

describe('the test files', () => {
  const files = testSources();

  it('are found', () => {
    expect(files.map((f) => path.relative(TEST_DIR, f))).toEqual(expect.arrayContaining(['helpers/git.ts', 'hooks.test.ts', 'test-hygiene.test.ts']));
  });

  it('give every child process they start a timeout', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of files) {
      if (file === SELF) continue;
      const source = fs.readFileSync(file, 'utf8');
      if (!/from 'node:child_process'/.test(source)) continue;
      for (const call of childProcessCalls(source)) {
        seen++;
        if (!/\btimeout\b/.test(call.args)) missing.push(`${path.relative(TEST_DIR, file)}:${call.line}: ${call.fn}(${call.args.slice(0, 80)})`);
      }
    }
    expect(seen).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('the check finds a call without a timeout, and ignores RegExp exec', () => {
    const calls = childProcessCalls("execFileSync('git', ['x'], { env });\nconst m = /a/.exec(s);\nspawnSync('ssh-keygen', f(a, b), { timeout: T });\n");
    expect(calls.map((c) => [c.fn, c.line, /\btimeout\b/.test(c.args)])).toEqual([
      ['execFileSync', 1, false],
      ['spawnSync', 3, true],
    ]);
  });

  it('hand git no inherited environment: no test passes process.env to a child', () => {
    const offenders: string[] = [];
    for (const file of files) {
      if (file === SELF) continue;
      const source = fs.readFileSync(file, 'utf8');
      for (const call of childProcessCalls(source)) {
        if (/\benv:\s*process\.env\b|\.\.\.process\.env\b/.test(call.args)) offenders.push(`${path.relative(TEST_DIR, file)}:${call.line}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
