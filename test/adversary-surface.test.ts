/**
 * Issue 12, the surface an attacker reaches without a key: what a checkout shows through
 * symlinks, text printed to a terminal, `git am`, rejected pushes in the audit log, blobs of any
 * size, and a suite no child process can hang.
 */
import { describe, expect, it } from 'vitest';
import { cleanEnv, git, run, tempDir } from './helpers/git.js';

describe('no test can hang the suite', () => {
  it('kills a child that outlives its time and fails naming the command', () => {
    const dir = tempDir('hang');
    const started = Date.now();
    expect(() => run('sleep', ['30'], dir, cleanEnv(), undefined, 300)).toThrow(/sleep 30 did not finish within 0.3 s and was killed/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(() => git(dir, ['-c', 'alias.wait=!sleep 30', 'wait'], cleanEnv(), 300)).toThrow(/git -c alias.wait=!sleep 30 wait did not finish within 0.3 s/);
  });
});
