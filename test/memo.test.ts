/**
 * git's memo: answers asked ahead are found by runGit and the object reader under the exact
 * question, once for a command and always for a named object, and anything else goes to git. No
 * git starts here: "asked git" shows as the spawn failing in a folder that does not exist.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatFileBatch, openObjectReader, type GitObject } from '../src/git/cat-file.js';
import { runGit, type GitResult } from '../src/git/exec.js';
import { rememberObject, rememberReader, rememberRun, type GitPlace } from '../src/git/memo.js';

let places = 0;
/** A place of its own for each test (the memo is process-wide), in a folder that does not exist. */
function nowhere(): GitPlace {
  return { cwd: path.join(os.tmpdir(), `cleanroom-memo-nowhere-${process.pid}-${places++}`), env: { ...process.env } };
}

const answer = (text: string): GitResult => ({ stdout: Buffer.from(text), stderr: '', status: 0 });
const askedGit = expect.objectContaining({ code: 'EGIT', message: expect.stringMatching(/could not run git/) });

describe('runGit and the memo', () => {
  it('answers a question asked ahead once, then asks git', async () => {
    const place = nowhere();
    rememberRun(['var', '-l'], place, Promise.resolve(answer('GIT_EDITOR=vi\n')));
    expect((await runGit(['var', '-l'], place)).stdout.toString()).toBe('GIT_EDITOR=vi\n');
    await expect(runGit(['var', '-l'], place)).rejects.toEqual(askedGit);
  });

  it('asks git when the answer ahead did not come', async () => {
    const place = nowhere();
    rememberRun(['var', '-l'], place, Promise.resolve(undefined));
    await expect(runGit(['var', '-l'], place)).rejects.toEqual(askedGit);
  });

  it('keeps a failure to ask ahead for the one who asks again', async () => {
    const place = nowhere();
    const failure = new Error('git could not start');
    rememberRun(['var', '-l'], place, Promise.reject(failure));
    await new Promise((resolve) => setTimeout(resolve, 10)); // no unhandled rejection meanwhile
    await expect(runGit(['var', '-l'], place)).rejects.toBe(failure);
  });

  it('answers only the same question: argv, folder, environment object, no input', async () => {
    const place = nowhere();
    rememberRun(['var', '-l'], place, Promise.resolve(answer('GIT_EDITOR=vi\n')));
    await expect(runGit(['var', '-l', '--'], place)).rejects.toEqual(askedGit);
    await expect(runGit(['var', '-l'], { ...place, cwd: `${place.cwd}-other` })).rejects.toEqual(askedGit);
    await expect(runGit(['var', '-l'], { ...place, env: { ...place.env } })).rejects.toEqual(askedGit);
    await expect(runGit(['var', '-l'], { ...place, input: '' })).rejects.toEqual(askedGit);
    expect((await runGit(['var', '-l'], place)).status).toBe(0);
  });
});

describe('the object reader and the memo', () => {
  const policy: GitObject = { oid: 'a'.repeat(40), type: 'blob', content: Buffer.from('mode: enforce\n') };

  it('answers named objects asked ahead on every read, without starting git', async () => {
    const place = nowhere();
    rememberObject('HEAD:.cleanroom/policy.yaml', place, Promise.resolve(policy));
    rememberObject('HEAD:.cleanroom/attestations', place, Promise.resolve(null));
    const reader = new CatFileBatch(place.cwd, place.env);
    expect(await reader.read('HEAD:.cleanroom/policy.yaml')).toBe(policy);
    expect(await reader.read('HEAD:.cleanroom/policy.yaml')).toBe(policy);
    expect(await reader.read('HEAD:.cleanroom/attestations')).toBeNull();
    await expect(reader.read('HEAD')).rejects.toEqual(expect.objectContaining({ code: 'EGIT' }));
    await reader.close();
  });

  it('asks git for a named object whose answer ahead did not come', async () => {
    const place = nowhere();
    rememberObject('HEAD:.cleanroom/policy.yaml', place, Promise.resolve(undefined));
    const reader = new CatFileBatch(place.cwd, place.env);
    await expect(reader.read('HEAD:.cleanroom/policy.yaml')).rejects.toEqual(expect.objectContaining({ code: 'EGIT' }));
    await reader.close();
  });

  it('hands a reader started ahead to the first opener at its place only', async () => {
    const place = nowhere();
    const ahead = new CatFileBatch(place.cwd, place.env);
    rememberReader(place, ahead);
    expect(openObjectReader({ ...place, cwd: `${place.cwd}-other` })).not.toBe(ahead);
    expect(openObjectReader(place)).toBe(ahead);
    expect(openObjectReader(place)).not.toBe(ahead);
  });

  it('refuses a read after close instead of starting git again', async () => {
    const place = nowhere();
    const reader = new CatFileBatch(place.cwd, place.env);
    await reader.close();
    await expect(reader.read('HEAD')).rejects.toEqual(expect.objectContaining({ code: 'EGIT', message: expect.stringMatching(/closed/) }));
  });
});
