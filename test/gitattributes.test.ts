/**
 * .gitattributes keeps the files an interpreter runs with LF line endings in every checkout: a
 * Windows clone with core.autocrlf=true would otherwise write `#!/bin/sh\r\n`, and a hook that
 * sh cannot run fails every commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, initRepo, ROOT, tempDir, write } from './helpers/git.js';

const ATTRIBUTES = fs.readFileSync(path.join(ROOT, '.gitattributes'), 'utf8');
const RUN_BY_AN_INTERPRETER = ['hooks', 'bin', 'scripts'].flatMap((dir) => fs.readdirSync(path.join(ROOT, dir)).map((name) => `${dir}/${name}`));

/** A repository holding these files (with LF) and, unless told otherwise, this project's .gitattributes. */
function repoWith(files: readonly string[], attributes: string | null = ATTRIBUTES): string {
  const repo = initRepo();
  if (attributes !== null) write(repo, '.gitattributes', attributes);
  for (const file of files) write(repo, file, '#!/bin/sh\nexit 0\n');
  git(repo, ['add', '--all']);
  git(repo, ['commit', '-q', '-m', 'files']);
  return repo;
}

/** The files as a Windows checkout (core.autocrlf=true) writes them. */
function checkedOutWithAutocrlf(repo: string, files: readonly string[]): Map<string, string> {
  const clone = path.join(tempDir('clone'), 'c');
  git(repo, ['clone', '-q', '-c', 'core.autocrlf=true', '--', repo, clone]);
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(clone, f), 'utf8')]));
}

describe('.gitattributes', () => {
  it('sets eol=lf on every file in hooks/, bin/ and scripts/', () => {
    const repo = repoWith([]);
    const out = git(repo, ['check-attr', 'eol', '--', ...RUN_BY_AN_INTERPRETER]);
    expect(out.split('\n').filter((line) => !line.endsWith(': eol: lf'))).toEqual([]);
  });

  it('keeps a hook shim LF in a core.autocrlf=true checkout, which without it gets CRLF', () => {
    const files = ['hooks/pre-commit', 'bin/cleanroom.js'];
    for (const content of checkedOutWithAutocrlf(repoWith(files), files).values()) expect(content).toBe('#!/bin/sh\nexit 0\n');
    for (const content of checkedOutWithAutocrlf(repoWith(files, null), files).values()) expect(content).toBe('#!/bin/sh\r\nexit 0\r\n');
  });
});
