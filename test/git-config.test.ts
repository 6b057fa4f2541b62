/**
 * src/git/config.ts against git itself: what `git config` writes and `git config --list` reads
 * back is what the parsers must read, and the repository found on disk is the one git finds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateRepository, parseConfigFile, parseGitVars, repoPath } from '../src/git/config.js';
import { cleanEnv, git, gitRaw, initRepo, tempDir } from './helpers/git.js';

/** `git config --list -z`: every key with every value in order; a bare key (no `=`) reads as true. */
function listed(repo: string, scope: string[], env = cleanEnv()): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of gitRaw(repo, ['config', '--list', '-z', ...scope], env)
    .toString('utf8')
    .split('\0')) {
    if (item === '') continue;
    const nl = item.indexOf('\n');
    const [key, value] = nl === -1 ? [item, 'true'] : [item.slice(0, nl), item.slice(nl + 1)];
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

describe('parseConfigFile', () => {
  it('reads a config file as git config --list reads it', () => {
    const repo = initRepo();
    git(repo, ['config', 'core.splitIndex', 'true']);
    git(repo, ['config', 'remote.Origin.x.promisor', 'true']);
    git(repo, ['config', 'cleanroom.policy', ' spaced # not ; a "comment" \\ back\ttab ']);
    git(repo, ['config', 'cleanroom.lines', 'one\ntwo']);
    git(repo, ['config', '--add', 'cleanroom.many', 'first']);
    git(repo, ['config', '--add', 'cleanroom.many', 'second']);
    git(repo, ['config', 'Weird.Sub "quoted" \\ back.Key', 'v']);
    // What people write by hand, which git config never writes: bare booleans, comments,
    // continued lines, quotes in the middle of a value.
    fs.appendFileSync(
      path.join(repo, '.git/config'),
      [
        '[Cleanroom]',
        '\tbareFlag',
        '\tsemi = files ; why',
        '# a comment line',
        '[include] ; after a header',
        '\tpath = "a \\"b\\".cfg"',
        '\tcont = one \\',
        'two # comment',
        '\tmid = "tr"ue',
        '',
      ].join('\n'),
    );
    const parsed = parseConfigFile(fs.readFileSync(path.join(repo, '.git/config'), 'utf8'));
    expect(Object.fromEntries(parsed)).toEqual(Object.fromEntries(listed(repo, ['--local', '--no-includes'])));
    expect(parsed.get('cleanroom.many')).toEqual(['first', 'second']);
    expect([parsed.get('cleanroom.bareflag'), parsed.get('include.cont'), parsed.get('cleanroom.lines')]).toEqual([['true'], ['one two'], ['one\ntwo']]);
    expect(parsed.get('weird.Sub "quoted" \\ back.key')).toEqual(['v']);
  });
});

describe('parseGitVars', () => {
  it('holds the last value of every key git config --list shows, from every scope, with the identities', () => {
    const repo = initRepo();
    const env = cleanEnv({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'cleanroom.fromenv', GIT_CONFIG_VALUE_0: 'env value' });
    git(repo, ['config', '--add', 'cleanroom.many', 'first']);
    git(repo, ['config', '--add', 'cleanroom.many', 'second']);
    git(repo, ['config', 'cleanroom.policy', 'a = b # c']);
    fs.writeFileSync(path.join(repo, '.git/extra.cfg'), '[remote "origin"]\n\tpromisor = yes\n');
    git(repo, ['config', 'include.path', 'extra.cfg']);
    const vars = parseGitVars(gitRaw(repo, ['var', '-l'], env).toString('utf8'));
    const expected = new Map([...listed(repo, [], env)].map(([key, values]) => [key, values.at(-1)]));
    expect(new Map([...vars.config].filter(([key]) => expected.has(key)))).toEqual(expected);
    // `git var -l` adds its own variables (GIT_EDITOR, GIT_PAGER, ...), never a config key's name.
    for (const key of vars.config.keys()) if (!expected.has(key)) expect(key).toMatch(/^GIT_[A-Z_]+$/);
    expect(vars.config.get('remote.origin.promisor')).toBe('yes');
    expect(vars.author).toBe(git(repo, ['var', 'GIT_AUTHOR_IDENT'], env));
    expect(vars.committer).toBe(git(repo, ['var', 'GIT_COMMITTER_IDENT'], env));
  });
});

describe('locateRepository', () => {
  const asGit = (cwd: string) => {
    const [top = '', common = ''] = git(cwd, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir']).split('\n');
    return { workTree: fs.realpathSync(top), commonDir: fs.realpathSync(common) };
  };
  const real = (found: ReturnType<typeof locateRepository>) => found && { ...found, workTree: fs.realpathSync(found.workTree), commonDir: fs.realpathSync(found.commonDir) };

  it('finds from a subfolder the repository git finds, in a linked worktree too, and its object format', () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'a/b'), { recursive: true });
    expect(real(locateRepository(path.join(repo, 'a/b')))).toEqual({ ...asGit(path.join(repo, 'a/b')), objectFormat: 'sha1' });

    const linked = path.join(tempDir('linked'), 'wt');
    git(repo, ['worktree', 'add', '-q', linked]);
    expect(real(locateRepository(linked))).toEqual({ ...asGit(linked), objectFormat: 'sha1' });

    const sha256 = initRepo(['--object-format=sha256']);
    expect(locateRepository(sha256)?.objectFormat).toBe(git(sha256, ['rev-parse', '--show-object-format']));
  });

  it('gives the path git stores, and none outside the work tree or inside .git', () => {
    const repo = initRepo();
    const found = locateRepository(repo);
    expect(found).not.toBeNull();
    if (!found) return;
    expect(repoPath(found, path.join(repo, 'a', 'b.txt'))).toBe('a/b.txt');
    expect(repoPath(found, path.join(repo, '.git', 'config'))).toBeNull();
    expect(repoPath(found, repo)).toBeNull();
    expect(repoPath(found, path.dirname(repo))).toBeNull();
  });
});
