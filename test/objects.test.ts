/**
 * Objects read exactly as git reads them, malformed ones refused, and no byte of an object, a ref
 * name or a path reaching a git command line as an option. Hand-made objects (hash-object
 * --literally) pushed through real `git push` into bare repositories with the documented
 * pre-receive; every rejected push leaves the server's files, its config and `git fsck` as they were.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../src/git/preflight.js';
import { discoverRepo } from '../src/git/repo.js';
import { commitProblem, parseCommit, tagProblem, type ObjectFormat } from '../src/git/objects.js';
import { cleanEnv, cleanroom, fixtureCopy, git, gitRaw, gitTry, HOOKS, initRepo, tempDir, write, type Run } from './helpers/git.js';
import { EXAMPLE_POLICY, gatedRepo } from './helpers/policy.js';

const TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const WHO = 'Ada Human <ada@example.org> 1767225600 +0000';

/** Writes any bytes as an object of `type`, unchecked, as an attacker's client would. */
function hashObject(repo: string, type: string, raw: string | Buffer): string {
  return gitRaw(repo, ['hash-object', '--literally', '-t', type, '-w', '--stdin'], cleanEnv(), raw).toString().trim();
}

/** A commit object's text: `header` lines after tree and parents, or a whole custom header. */
function commitText(o: { tree: string; parents?: string[]; header?: string[]; after?: string[]; message: string }): string {
  const head = o.header ?? [`tree ${o.tree}`, ...(o.parents ?? []).map((p) => `parent ${p}`), `author ${WHO}`, `committer ${WHO}`, ...(o.after ?? [])];
  return `${head.join('\n')}\n\n${o.message}`;
}

/** The tree of HEAD with `files` added, written without committing. */
function treeWith(repo: string, files: Record<string, string>): string {
  for (const [file, content] of Object.entries(files)) write(repo, file, content);
  git(repo, ['add', '-A']);
  const tree = git(repo, ['write-tree']);
  git(repo, ['reset', '-q', '--hard']);
  for (const file of Object.keys(files)) fs.rmSync(path.join(repo, file), { force: true });
  return tree;
}

// ------------------------------------------------------------------- the reader and fsck's rules

describe("fsck's rules for commits and tags, as git 2.39 states them", () => {
  const repo = initRepo();
  const tree = git(repo, ['rev-parse', 'HEAD^{tree}']);
  const head = git(repo, ['rev-parse', 'HEAD']);
  const ok = (after: string[] = [], message = 'subject\n') => commitText({ tree, parents: [head], after, message });
  const commits: [string, string, string | null][] = [
    ['a well-formed commit', ok(), null],
    ['a parent line after the committer (cleanroom: git readers disagree)', ok([`parent ${tree}`]), 'misplacedHeader'],
    ['an author line after the committer', ok(['author Claude <noreply@anthropic.com> 1 +0000']), 'misplacedHeader'],
    ['two encoding lines', ok(['encoding UTF-8', 'encoding UTF-7']), 'misplacedHeader'],
    ['a parent line that is an option', commitText({ tree, parents: ['--output=config'], message: 'x\n' }), 'badParentSha1'],
    ['a tree line that is an option', commitText({ tree: '--upload-pack=touch${IFS}x', message: 'x\n' }), 'badTreeSha1'],
    ['no tree line', commitText({ tree, header: [`author ${WHO}`, `committer ${WHO}`], message: 'x\n' }), 'missingTree'],
    [
      'two author lines',
      commitText({ tree, header: [`tree ${tree}`, 'author Claude <noreply@anthropic.com> 1 +0000', `author ${WHO}`, `committer ${WHO}`], message: 'x\n' }),
      'multipleAuthors',
    ],
    ['no author', commitText({ tree, header: [`tree ${tree}`, `committer ${WHO}`], message: 'x\n' }), 'missingAuthor'],
    ['no committer', commitText({ tree, header: [`tree ${tree}`, `author ${WHO}`], message: 'x\n' }), 'missingCommitter'],
    ['a NUL in the message', ok([], `subject\n\n${TRAILER}\n\0\nlater paragraph\n`), 'nulInCommit'],
    ['a NUL in the header', commitText({ tree, header: [`tree ${tree}`, `author ${WHO}`, `committer ${WHO}`, 'x \0y'], message: 'x\n' }), 'nulInHeader'],
    ['a bad email', commitText({ tree, header: [`tree ${tree}`, 'author A <a@b 1 +0000', `committer ${WHO}`], message: 'x\n' }), 'badEmail'],
    ['a bad name', commitText({ tree, header: [`tree ${tree}`, 'author A> <a@b> 1 +0000', `committer ${WHO}`], message: 'x\n' }), 'badName'],
    ['a zero-padded date', commitText({ tree, header: [`tree ${tree}`, 'author A <a@b> 0123 +0000', `committer ${WHO}`], message: 'x\n' }), 'zeroPaddedDate'],
    ['a bad date', commitText({ tree, header: [`tree ${tree}`, 'author A <a@b> x +0000', `committer ${WHO}`], message: 'x\n' }), 'badDate'],
    ['a date past 2^63', commitText({ tree, header: [`tree ${tree}`, 'author A <a@b> 99999999999999999999 +0000', `committer ${WHO}`], message: 'x\n' }), 'badDateOverflow'],
    ['a bad time zone', commitText({ tree, header: [`tree ${tree}`, 'author A <a@b> 1 +00', `committer ${WHO}`], message: 'x\n' }), 'badTimezone'],
    ['no space before the email', commitText({ tree, header: [`tree ${tree}`, 'author A<a@b> 1 +0000', `committer ${WHO}`], message: 'x\n' }), 'missingSpaceBeforeEmail'],
  ];
  const tags: [string, string, string | null][] = [
    ['a well-formed tag', `object ${head}\ntype commit\ntag v1\ntagger ${WHO}\n\nrelease\n`, null],
    ['an object line that is an option', `object -cprotocol.ext.allow=always\ntype commit\ntag v1\ntagger ${WHO}\n\nx\n`, 'badObjectSha1'],
    ['no object line', `type commit\ntag v1\ntagger ${WHO}\n\nx\n`, 'missingObject'],
    ['a bad type', `object ${head}\ntype commitx\ntag v1\ntagger ${WHO}\n\nx\n`, 'badType'],
    ['no tag line', `object ${head}\ntype commit\ntagger ${WHO}\n\nx\n`, 'missingTagEntry'],
    ['a tag name git refuses', `object ${head}\ntype commit\ntag v1..x\ntagger ${WHO}\n\nx\n`, 'badTagName'],
    ['no tagger', `object ${head}\ntype commit\ntag v1\n\nx\n`, 'missingTaggerEntry'],
  ];

  /** What `git fsck` says about the object, alone in a repository of its own (infos raised to
   *  errors, so it says them at all). An object git cannot even parse, it calls that instead. */
  const fsckSays = (type: string, raw: Buffer): { oid: string; said: string } => {
    const own = initRepo();
    const oid = hashObject(own, type, raw);
    return { oid, said: gitTry(own, ['-c', 'fsck.badTagName=error', '-c', 'fsck.missingTaggerEntry=error', 'fsck', '--no-dangling', '--no-progress', oid]).stderr };
  };
  const expectGitAgrees = (type: string, raw: Buffer, id: string | null) => {
    const { oid, said } = fsckSays(type, raw);
    // What cleanroom adds to fsck, fsck lets pass: git's readers take different lines there.
    if (id === null || id === 'misplacedHeader') expect(said).not.toContain(oid);
    else expect(said).toMatch(new RegExp(`${id}:|${oid}: object could not be parsed`));
  };

  it.each(commits)('%s', (_, text, id) => {
    const raw = Buffer.from(text, 'latin1');
    expect(commitProblem(raw, 'sha1')?.id ?? null).toBe(id);
    expectGitAgrees('commit', raw, id);
  });

  it.each(tags)('%s', (_, text, id) => {
    const raw = Buffer.from(text, 'latin1');
    expect(tagProblem(raw, 'sha1')?.id ?? null).toBe(id);
    expectGitAgrees('tag', raw, id);
  });

  it('reads parents only directly after the tree, the message up to the first NUL, as git log shows them', () => {
    const raw = Buffer.from(ok([`parent ${tree}`], `subject\n\n${TRAILER}\0\n\nlater paragraph\n`), 'latin1');
    const oid = hashObject(repo, 'commit', raw);
    const parsed = parseCommit(oid, raw);
    expect(parsed.info.parents).toEqual(git(repo, ['rev-list', '--parents', '-n1', oid]).split(' ').slice(1));
    expect(parsed.info.message).toBe(gitRaw(repo, ['log', '-1', '--format=%B', oid]).toString().replace(/\n$/, ''));
    expect(parsed.info.message).toBe(`subject\n\n${TRAILER}`);
  });
});

describe.each(['plumbing', 'isomorphic'] as const)('the %s engine reads the real objects', (kind) => {
  it('a replace ref, a graft and a parent line after the committer change nothing', async () => {
    const repo = initRepo();
    const head = git(repo, ['rev-parse', 'HEAD']);
    const tree = git(repo, ['rev-parse', 'HEAD^{tree}']);
    const hidden = hashObject(repo, 'commit', commitText({ tree, parents: [head], after: [`parent ${tree}`], message: `assistant\n\n${TRAILER}\n` }));
    git(repo, ['update-ref', 'refs/heads/main', hidden]);
    const standIn = git(repo, ['commit-tree', tree, '-p', head, '-m', 'a human wrote this']);
    git(repo, ['replace', hidden, standIn]);
    write(repo, '.git/info/grafts', `${hidden}\n`);
    const engine = await openEngine(await discoverRepo(repo, cleanEnv()), { force: kind });
    try {
      const read = await engine.readCommit('main');
      expect(read).toMatchObject({ oid: hidden, parents: [head], message: `assistant\n\n${TRAILER}\n` });
      expect(await engine.listCommits({ include: ['main'], exclude: [] })).toEqual([
        { oid: hidden, parents: [head], tree },
        { oid: head, parents: [], tree },
      ]);
    } finally {
      await engine.close();
    }
  });
});

// ------------------------------------------------------------------- servers

interface Server {
  readonly bare: string;
  readonly client: string;
  readonly config: string;
  readonly sentinel: string;
}

/** A bare repository holding a policy commit, the documented pre-receive installed, the server's
 *  policy outside it, and a clone to push from; `policy` replaces the example policy. */
function makeServer(opts: { format?: ObjectFormat; policy?: string; gitConfig?: [string, string][] } = {}): Server {
  const format = opts.format ?? 'sha1';
  const served = fixtureCopy(
    JSON.stringify([format, opts.policy]),
    (dir) => {
      const seed = initRepo([`--object-format=${format}`]);
      write(seed, '.cleanroom/policy.yaml', opts.policy ?? EXAMPLE_POLICY);
      git(seed, ['add', '-A']);
      git(seed, ['commit', '-q', '-m', 'policy']);
      git(dir, ['init', '-q', '--bare', '-b', 'main', `--object-format=${format}`, 'server.git']);
      git(seed, ['push', '-q', path.join(dir, 'server.git'), 'main']);
    },
    'served',
  );
  const bare = path.join(served, 'server.git');
  const config = tempDir('server-config');
  fs.writeFileSync(path.join(config, 'policy.yaml'), opts.policy ?? EXAMPLE_POLICY);
  fs.writeFileSync(path.join(config, 'allowed_signers'), '');
  fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
  git(bare, ['config', 'cleanroom.policy', path.join(config, 'policy.yaml')]);
  git(bare, ['config', 'cleanroom.auditLog', path.join(config, 'audit.jsonl')]);
  for (const [key, value] of opts.gitConfig ?? []) git(bare, ['config', key, value]);
  const client = tempDir('client');
  git(client, ['clone', '-q', bare, '.']);
  return { bare, client, config, sentinel: tempDir('sentinel') };
}

/** Every file below `dir` with a hash of its content. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), entry.isSymbolicLink() ? fs.readlinkSync(full) : crypto.createHash('sha1').update(fs.readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return files;
}

/**
 * Runs `push` and expects it rejected, `expected` in what the pusher was told, and the server
 * exactly as before: every file of the repository, nothing in the sentinel folder, `git fsck` clean.
 */
function expectRejectedBy(server: Server, push: () => Run, expected: RegExp): string {
  const before = snapshot(server.bare);
  const r = push();
  expect(r.status, r.stderr).not.toBe(0);
  expect(r.stderr).toMatch(expected);
  expect(r.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  expect(snapshot(server.bare)).toEqual(before);
  expect(fs.readdirSync(server.sentinel)).toEqual([]);
  const fsck = gitTry(server.bare, ['fsck', '--no-progress', '--no-dangling']);
  expect(fsck.status, fsck.stderr).toBe(0);
  // (git hints that info/grafts is deprecated, where a test planted one.)
  expect((fsck.stdout + fsck.stderr).replace(/^hint:.*\n/gm, '')).toBe('');
  return r.stderr;
}

const expectRejected = (server: Server, refspecs: string[], expected: RegExp): string =>
  expectRejectedBy(server, () => gitTry(server.client, ['push', 'origin', ...refspecs]), expected);

/**
 * A push git's own client will not make (it cannot walk a commit whose tree or parent line is not
 * an id), made as an attacker would: `oid` alone in a pack, sent to receive-pack with one update.
 * Exit status 1 when the update was refused, with receive-pack's report after git's stderr.
 */
function rawPush(server: Server, oid: string, ref: string): Run {
  const pack = gitRaw(server.client, ['pack-objects', '--stdout', '-q'], cleanEnv(), `${oid}\n`);
  const old = refOf(server, ref) || '0'.repeat(oid.length);
  const pkt = (line: string) => `${(Buffer.byteLength(line) + 4).toString(16).padStart(4, '0')}${line}`;
  const input = Buffer.concat([Buffer.from(`${pkt(`${old} ${oid} ${ref}\0report-status\n`)}0000`), pack]);
  const r = spawnSync('git', ['receive-pack', server.bare], { env: cleanEnv(), input, timeout: 60_000 });
  const report = r.stdout.toString('latin1');
  return { status: report.includes(`ok ${ref}`) ? 0 : 1, stdout: report, stderr: `${r.stderr.toString('utf8')}${report}` };
}

/** A commit on top of the client's main that adds an assistant's dataset file, with a hand-made header. */
function assistantCommit(
  server: Server,
  o: { parents?: (main: string, tree: string) => string[]; after?: (tree: string) => string[]; message?: string; header?: (tree: string, main: string) => string[] } = {},
): string {
  const main = git(server.client, ['rev-parse', 'HEAD']);
  const tree = treeWith(server.client, { 'datasets/new.jsonl': '{"by": "assistant"}\n' });
  return hashObject(
    server.client,
    'commit',
    Buffer.from(
      commitText({
        tree,
        parents: o.parents ? o.parents(main, tree) : [main],
        after: o.after?.(tree) ?? [],
        header: o.header?.(tree, main),
        message: o.message ?? `add data\n\n${TRAILER}\n`,
      }),
      'latin1',
    ),
  );
}

const refOf = (server: Server, ref: string) => gitTry(server.bare, ['rev-parse', '--verify', '-q', ref]).stdout.trim();

describe('issue 19: a malformed commit or tag is refused by the server and by check --range', () => {
  it.each(['sha1', 'sha256'] as const)('a parent line after the committer hiding a Claude commit (%s)', (format) => {
    const server = makeServer({ format });
    const main = refOf(server, 'main');
    const oid = assistantCommit(server, { after: (tree) => [`parent ${tree}`] });
    const told = expectRejected(server, [`${oid}:refs/heads/main`], new RegExp(`commit ${oid}: cleanroom misplacedHeader`));
    expect(told).toMatch(/push is rejected/);
    expect(refOf(server, 'main')).toBe(main);
    // check --range in a clone says the same, exit 2.
    git(server.client, ['update-ref', 'refs/heads/hidden', oid]);
    const check = cleanroom(server.client, ['check', '--range', `${main}..hidden`]);
    expect(check.status).toBe(2);
    expect(check.stderr).toContain(`commit ${oid}: cleanroom misplacedHeader`);
  });

  it('the same push with receive.fsckObjects=true (git lets it in; cleanroom does not)', () => {
    const server = makeServer({ gitConfig: [['receive.fsckObjects', 'true']] });
    const oid = assistantCommit(server, { after: (tree) => [`parent ${tree}`] });
    expectRejected(server, [`${oid}:refs/heads/main`], /misplacedHeader/);
  });

  it('parent --output=config after the committer: rejected, config untouched', () => {
    const server = makeServer();
    const config = fs.readFileSync(path.join(server.bare, 'config'));
    const oid = assistantCommit(server, { after: () => ['parent --output=config'] });
    expectRejected(server, [`${oid}:refs/heads/main`], /misplacedHeader/);
    expect(fs.readFileSync(path.join(server.bare, 'config'))).toEqual(config);
  });

  it('parent --output=refs/heads/main.lock pushed to another branch: rejected, main never locked', () => {
    const server = makeServer();
    const oid = assistantCommit(server, { after: () => ['parent --output=refs/heads/main.lock'] });
    expectRejected(server, [`${oid}:refs/heads/side`], /misplacedHeader/);
    expect(fs.existsSync(path.join(server.bare, 'refs/heads/main.lock'))).toBe(false);
    // main still takes pushes.
    fs.writeFileSync(path.join(server.client, 'README.md'), 'more\n');
    git(server.client, ['commit', '-qam', 'human edit']);
    expect(gitTry(server.client, ['push', '-q', 'origin', 'main']).status).toBe(0);
  });

  it('a NUL in the message before a Co-authored-by: Claude trailer', () => {
    const server = makeServer();
    const oid = assistantCommit(server, { message: `add data\n\n${TRAILER}\n\0\nA later paragraph.\n` });
    expectRejected(server, [`${oid}:refs/heads/main`], new RegExp(`commit ${oid}: git fsck nulInCommit`));
  });

  it('two author lines, the assistant first and a human second', () => {
    const server = makeServer();
    const oid = assistantCommit(server, {
      message: 'add data\n',
      header: (tree, main) => [`tree ${tree}`, `parent ${main}`, 'author Claude <noreply@anthropic.com> 1767225600 +0000', `author ${WHO}`, `committer ${WHO}`],
    });
    expectRejected(server, [`${oid}:refs/heads/main`], /git fsck multipleAuthors/);
  });

  it('a commit too large to judge whole (a trailer after megabytes of message) is refused quickly', () => {
    const server = makeServer();
    const oid = assistantCommit(server, { message: `add data\n\n${'padding line\n'.repeat(200_000)}\n${TRAILER}\n` });
    expectRejected(server, [`${oid}:refs/heads/main`], new RegExp(`commit ${oid}: cleanroom objectTooLarge`));
  });

  it('the local pre-push refuses what the server would: two author lines', () => {
    const server = makeServer();
    const oid = assistantCommit(server, {
      message: 'add data\n',
      header: (tree, main) => [`tree ${tree}`, `parent ${main}`, 'author Claude <noreply@anthropic.com> 1767225600 +0000', `author ${WHO}`, `committer ${WHO}`],
    });
    // A remote without the server hook: only the client's pre-push can say no.
    const plain = path.join(tempDir('plain'), 'plain.git');
    git(path.dirname(plain), ['clone', '-q', '--bare', server.bare, plain]);
    git(server.client, ['config', 'core.hooksPath', HOOKS]);
    const r = gitTry(server.client, ['push', plain, `${oid}:refs/heads/main`]);
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/git fsck multipleAuthors/);
    expect(gitTry(plain, ['rev-parse', 'main']).stdout.trim()).not.toBe(oid);
  });

  it('a malformed commit deep in the push, under well-formed ones, and a malformed annotated tag', () => {
    const server = makeServer();
    const bad = assistantCommit(server, { after: (tree) => [`parent ${tree}`] });
    const tree = git(server.client, ['rev-parse', `${bad}^{tree}`]);
    const good = git(server.client, ['commit-tree', tree, '-p', bad, '-m', 'on top']);
    expectRejected(server, [`${good}:refs/heads/main`], new RegExp(`commit ${bad}: cleanroom misplacedHeader`));
    const main = refOf(server, 'main');
    const tag = hashObject(server.client, 'tag', `object ${main}\ntype commit\ntag v1\n\nno tagger\n`);
    expectRejected(server, [`${tag}:refs/tags/v1`], new RegExp(`tag ${tag}: git fsck missingTaggerEntry`));
  });
});

describe('issue 19: no byte of a push reaches a git command line as an option', () => {
  it('a parent line after the committer: -c and --output values, pushed with git', () => {
    const server = makeServer();
    const oid = assistantCommit(server, { after: () => ['parent -cprotocol.allow=always', `parent --output=${server.sentinel}/pwned`] });
    expectRejected(server, [`${oid}:refs/heads/main`], /misplacedHeader/);
  });

  it.each([
    ['a parent line right after the tree', (s: Server) => assistantCommit(s, { parents: () => [`--output=${s.sentinel}/pwned`] }), 'refs/heads/main'],
    [
      'the tree line',
      (s: Server) => assistantCommit(s, { header: (_, main) => ['tree --upload-pack=touch${IFS}' + `${s.sentinel}/pwned`, `parent ${main}`, `author ${WHO}`, `committer ${WHO}`] }),
      'refs/heads/main',
    ],
    ["a tag's object line", (s: Server) => hashObject(s.client, 'tag', `object --output=${s.sentinel}/pwned\ntype commit\ntag v1\ntagger ${WHO}\n\nx\n`), 'refs/tags/v1'],
  ])('%s, pushed by hand: refused, nothing written, and check --range exits 2', (_, make, ref) => {
    const server = makeServer();
    const oid = make(server);
    expectRejectedBy(server, () => rawPush(server, oid, ref), /ng /);
    // In a clone, under a well-formed commit (git refuses to write a ref to what it cannot parse).
    const tip = ref.startsWith('refs/tags/')
      ? oid
      : hashObject(server.client, 'commit', commitText({ tree: git(server.client, ['rev-parse', 'HEAD^{tree}']), parents: [oid], message: 'on top\n' }));
    write(server.client, '.git/refs/tags/hostile', `${tip}\n`);
    const clientBefore = snapshot(path.join(server.client, '.git'));
    const check = cleanroom(server.client, ['check', '--range', 'origin/main..hostile']);
    expect(check.status, check.stderr).toBe(2);
    if (tip !== oid) expect(check.stderr).toMatch(new RegExp(`commit ${oid}: git fsck bad(Parent|Tree)Sha1`));
    expect(check.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
    expect(snapshot(path.join(server.client, '.git'))).toEqual(clientBefore);
    expect(fs.readdirSync(server.sentinel)).toEqual([]);
  });

  it('ref names and paths shaped like options are judged as names: the verdict is right and nothing is written', () => {
    const server = makeServer();
    for (const name of ['--output=x', `-c${'core.hooksPath'}=x`, `--upload-pack=touch ${server.sentinel}/pwned`]) {
      write(server.client, `datasets/${name.replace(/ /g, '_')}`, 'by an assistant\n');
    }
    git(server.client, ['add', '-A']);
    git(server.client, ['commit', '-q', '-m', `data\n\n${TRAILER}`]);
    const config = fs.readFileSync(path.join(server.bare, 'config'));
    const told = expectRejected(server, ['HEAD:refs/heads/--output=config', 'HEAD:refs/tags/-cfoo=bar'], /blocked/);
    expect(told).toContain('datasets/--output=x');
    expect(fs.readFileSync(path.join(server.bare, 'config'))).toEqual(config);
    // Without the assistant, the same names are allowed (and still write nothing outside refs and objects).
    git(server.client, ['commit', '-q', '--amend', '-m', 'data by a human']);
    const r = gitTry(server.client, ['push', 'origin', 'HEAD:refs/heads/--output=config']);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(server.bare, 'config'))).toEqual(config);
    expect(fs.readdirSync(server.sentinel)).toEqual([]);
  });
});

describe('issue 12: object replacement', () => {
  /** An assistant's commit on main in the client, and a human stand-in with the same tree. */
  function replaced(server: Server): { real: string; standIn: string } {
    write(server.client, 'datasets/new.jsonl', '{"by": "assistant"}\n');
    git(server.client, ['add', '-A']);
    git(server.client, ['commit', '-q', '-m', `add data\n\n${TRAILER}`]);
    const real = git(server.client, ['rev-parse', 'HEAD']);
    const standIn = git(server.client, ['commit-tree', 'HEAD^{tree}', '-p', 'HEAD^', '-m', 'add data (by a human)']);
    return { real, standIn };
  }

  it('a push that brings a replace ref is refused, whatever it replaces', () => {
    const server = makeServer();
    const { real, standIn } = replaced(server);
    git(server.client, ['replace', real, standIn]);
    expect(git(server.client, ['log', '-1', '--format=%B', real])).toBe('add data (by a human)');
    expectRejected(server, ['main', `refs/replace/${real}`], /refs\/replace\/.*policy has no way to allow/);
    expectRejected(server, [`refs/replace/${real}`], /refs\/replace\//);
  });

  it('a replace ref planted on the server does not hide the real commit from the gate', () => {
    const server = makeServer();
    const { real, standIn } = replaced(server);
    // Planted straight into the server: the stand-in object and a replace ref for the real commit.
    git(server.client, ['push', '-q', server.bare, `${standIn}:refs/heads/stand-in`], cleanEnv());
    git(server.bare, ['update-ref', `refs/replace/${real}`, standIn]);
    const told = expectRejected(server, ['main'], /blocked/);
    expect(told).toContain('Co-authored-by: Claude');
  });

  it('grafts planted on the server do not change the parents the gate diffs against', () => {
    const server = makeServer();
    const { real } = replaced(server);
    // Grafted onto itself-with-the-file: the assistant's commit would look like it changes nothing.
    const fake = git(server.client, ['commit-tree', `${real}^{tree}`, '-m', 'same tree']);
    git(server.client, ['push', '-q', server.bare, `${fake}:refs/heads/fake`], cleanEnv());
    fs.mkdirSync(path.join(server.bare, 'info'), { recursive: true });
    fs.writeFileSync(path.join(server.bare, 'info', 'grafts'), `${real} ${fake}\n`);
    expectRejected(server, ['main'], /blocked/);
  });
});

describe('issue 12: object replacement in a local repository', () => {
  it('a replace ref for HEAD does not swap the committed policy the pre-commit hook judges by', () => {
    const repo = gatedRepo();
    // A stand-in for HEAD whose policy protects nothing.
    write(repo, '.cleanroom/policy.yaml', EXAMPLE_POLICY.replace('"datasets/**"', '"nothing-here/**"'));
    git(repo, ['add', '-A']);
    const permissive = git(repo, ['commit-tree', git(repo, ['write-tree']), '-p', 'HEAD', '-m', 'stand-in']);
    git(repo, ['reset', '-q', '--hard']);
    git(repo, ['replace', 'HEAD', permissive]);
    expect(git(repo, ['show', 'HEAD:.cleanroom/policy.yaml'])).toContain('nothing-here');
    write(repo, 'datasets/new.jsonl', '{"by": "assistant"}\n');
    git(repo, ['add', '-A']);
    const r = gitTry(repo, ['commit', '-q', '-m', 'data'], cleanEnv({ CLAUDECODE: '1' }));
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/datasets\/new\.jsonl/);
  });
});

describe('issue 12: a commit in another encoding is judged as git log shows it', () => {
  it('a UTF-7 Co-authored-by: Claude trailer', () => {
    const server = makeServer();
    // "+ADw-" is "<" in UTF-7, and so on; a "+0000" zone would break the conversion, so "-0000".
    const utf7 = 'Co-authored-by: Claude +ADw-noreply+AEA-anthropic.com+AD4-';
    const who = 'Ada Human <ada@example.org> 1767225600 -0000';
    const oid = assistantCommit(server, {
      message: `add data\n\n${utf7}\n`,
      header: (tree, main) => [`tree ${tree}`, `parent ${main}`, `author ${who}`, `committer ${who}`, 'encoding UTF-7'],
    });
    expect(git(server.client, ['log', '-1', '--format=%(trailers)', oid])).toBe(TRAILER);
    const told = expectRejected(server, [`${oid}:refs/heads/main`], /blocked/);
    expect(told).toContain(TRAILER);
    git(server.client, ['update-ref', 'refs/heads/utf7', oid]);
    expect(cleanroom(server.client, ['check', '--range', 'origin/main..utf7']).status).toBe(1);
  });

  it('an ISO-8859-1 bot name', () => {
    const policy = EXAMPLE_POLICY.replace('identities: []', 'identities: ["Génie-Bot"]');
    const server = makeServer({ policy });
    const oid = assistantCommit(server, {
      message: 'add data\n',
      header: (tree, main) => [`tree ${tree}`, `parent ${main}`, 'author G\xe9nie-Bot <bot@example.org> 1767225600 +0000', `committer ${WHO}`, 'encoding ISO-8859-1'],
    });
    expect(git(server.client, ['log', '-1', '--format=%an', oid])).toBe('Génie-Bot');
    const told = expectRejected(server, [`${oid}:refs/heads/main`], /blocked/);
    expect(told).toContain('Génie-Bot');
  });
});
