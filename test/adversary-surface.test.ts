/**
 * Issue 12, the surface an attacker reaches without a key: what a checkout shows through
 * symlinks, text printed to a terminal, `git am`, rejected pushes in the audit log, blobs of any
 * size, and a suite no child process can hang.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, git, gitRaw, gitTry, HOOKS, initRepo, run, tempDir, write } from './helpers/git.js';
import { EXAMPLE_POLICY, gatedRepo } from './helpers/policy.js';
import { printable, printableBlock, quotePath } from '../src/report/escape.js';
import { shellQuote } from '../src/report/messages.js';
import { renderText } from '../src/report/text.js';
import { ancestorPatterns, resolveLink } from '../src/decide/links.js';
import { readObjectsInBulk } from '../src/git/cat-file-bulk.js';
import { parseAuthorScript } from '../src/commands/hook.js';
import { addedLines, markerSignals, markerSignalsInLarge, textPieces, WHOLE_TEXT_MAX } from '../src/signals/detect.js';

describe('no test can hang the suite', () => {
  it('kills a child that outlives its time and fails naming the command', () => {
    const dir = tempDir('hang');
    const started = Date.now();
    expect(() => run('sleep', ['30'], dir, cleanEnv(), undefined, 300)).toThrow(/sleep 30 did not finish within 0.3 s and was killed/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(() => git(dir, ['-c', 'alias.wait=!sleep 30', 'wait'], cleanEnv(), 300)).toThrow(/git -c alias.wait=!sleep 30 wait did not finish within 0.3 s/);
  });
});

/** Whatever a report prints, no byte of it may make a terminal act instead of print. */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('untrusted text is printed with its control characters escaped', () => {
  it('quotes as git does: C escapes, octal UTF-8 bytes, quotes only when something is unsafe', () => {
    expect(quotePath('datasets/plain name.json')).toBe('datasets/plain name.json');
    expect(quotePath('a"b\\c\td\x1b')).toBe('"a\\"b\\\\c\\td\\033"');
    expect(printable('x\x7fy\u0085z\u2066\r\n')).toBe('x\\177y\\302\\205z\\342\\201\\246\\r\\n');
    expect(printable('café ✓ 数据')).toBe('café ✓ 数据');
    expect(printableBlock('+line one\x1b[1A\n+\tline two\n')).toBe('+line one\\033[1A\n+\tline two\n');
    expect(shellQuote("it's\x1b")).toBe("$'it\\'s\\033'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('escapes a path, a trailer, an author name and a ref name the way git quotes a path', () => {
    const repo = gatedRepo();
    const path = 'datasets/a\x1b[2Jb\u202e.jsonl';
    write(repo, path, '1\n');
    git(repo, ['add', '-A']);
    const base = git(repo, ['rev-parse', 'HEAD']);
    // A trailer that carries a sequence setting the terminal's title, from an author whose name
    // hides the rest of the line.
    const assistant = cleanEnv({ GIT_AUTHOR_NAME: 'Ada\x1b[8m (aider)' });
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'data\n\nCo-authored-by: Claude\x1b]0;owned\x07 <noreply@anthropic.com>'], assistant);
    const r = cleanroom(repo, ['check', '--range', `${base}..HEAD`]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('"datasets/a\\033[2Jb\\342\\200\\256.jsonl" (added in commit');
    expect(r.stdout).toContain('identity author: Ada\\033[8m (aider) <ada@example.org>');
    expect(r.stdout).toContain('trailer Co-authored-by: Claude\\033]0;owned\\a <noreply@anthropic.com>');
    // The fix command still names the file when pasted into a shell.
    expect(r.stdout).toContain("cleanroom attest -- $'datasets/a\\033[2Jb\\342\\200\\256.jsonl'");

    // The same commit at pre-commit time, from an assistant's shell.
    git(repo, ['reset', '-q', '--soft', base]);
    const blocked = gitTry(repo, ['commit', '-q', '-m', 'data'], cleanEnv({ CLAUDECODE: '1' }));
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('"datasets/a\\033[2Jb\\342\\200\\256.jsonl" (added)');
    expect(blocked.stderr).not.toMatch(RAW_CONTROL);
  });

  it('escapes what an attestation claims and who reviewed, in every line of the text report', () => {
    const text = renderText(
      {
        outcome: 'blocked',
        mode: 'enforce',
        policy: 'policy\x1b[2J.yaml',
        checked: { commits: 1, paths: 2, protectedPaths: 2 },
        findings: [
          {
            commit: 'a'.repeat(40),
            path: 'datasets/\x9b2Jx',
            status: 'added',
            rule: { pattern: 'datasets/**', require: 'review-if-assistant', origin: 'p:1' },
            reason: 'assistant',
            signals: [{ kind: 'marker', assistant: 'policy', rule: 'assistants.markers[0]', evidence: 'CANARY\x1b]8;;http://x\x07', path: 'datasets/\x9b2Jx', line: 1 }],
          },
        ],
        reviewed: [{ commit: null, path: 'datasets/ok\x1b[1A', principals: ['alice\x1b[8m@example.org'], signals: [] }],
        rejectedAttestations: [{ file: '.cleanroom/attestations/\x1b[2K.dsse.json', problems: ['subject "datasets/\x1b[31mx" is not in this commit'] }],
        signals: [],
      },
      { color: true, label: 'cleanroom check', scope: '' },
    );
    // Colour codes are the report's own; nothing else may carry ESC, CSI or BEL.
    expect(text.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(RAW_CONTROL);
    expect(text).toContain('.cleanroom/attestations/\\033[2K.dsse.json');
    expect(text).toContain('alice\\033[8m@example.org');
  });

  it('escapes a ref name in the server report', () => {
    const bare = tempDir('bare');
    git(bare, ['init', '-q', '--bare', '-b', 'main']);
    const policy = path.join(tempDir('config'), 'policy.yaml');
    fs.writeFileSync(policy, EXAMPLE_POLICY);
    git(bare, ['config', 'cleanroom.policy', policy]);
    // git refuses such a ref name itself; the hook must not trust that every host does.
    const ref = 'refs/heads/x\x1b[2K\x9b1A';
    const empty = git(bare, ['hash-object', '-t', 'tree', '-w', '--stdin']);
    const commit = git(bare, ['commit-tree', '-m', 'empty', empty]);
    // Judged (an empty commit: allowed) and deleted: the ref is named in both report lines.
    const r = cleanroom(bare, ['hook', 'pre-receive'], cleanEnv(), `${'0'.repeat(40)} ${commit} ${ref}\n${commit} ${'0'.repeat(40)} ${ref}2\n`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('refs/heads/x\\033[2K\\302\\2331A: allowed');
    expect(r.stderr).toContain('refs/heads/x\\033[2K\\302\\2331A2: allowed (deleted');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});

/** A bare server with the shipped pre-receive, its policy outside the repository, and an audit log. */
function auditedServer(opts: { policy?: string | null } = {}): { bare: string; url: string; auditLog: string; policyFile: string } {
  const bare = tempDir('served');
  git(bare, ['init', '-q', '--bare', '-b', 'main']);
  const config = tempDir('server-config');
  const policyFile = path.join(config, 'policy.yaml');
  if (opts.policy !== null) fs.writeFileSync(policyFile, opts.policy ?? EXAMPLE_POLICY);
  fs.writeFileSync(path.join(config, 'allowed_signers'), '');
  git(bare, ['config', 'cleanroom.policy', policyFile]);
  const auditLog = path.join(config, 'audit.jsonl');
  git(bare, ['config', 'cleanroom.auditLog', auditLog]);
  fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
  return { bare, url: `file://${bare}`, auditLog, policyFile };
}

const auditLines = (file: string): Record<string, unknown>[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

describe('every rejected push is in the audit log', () => {
  it('records a push of a blob and of a tree to a ref, rejected', () => {
    const server = auditedServer();
    const client = initRepo();
    const blob = git(client, ['rev-parse', 'HEAD:README.md']);
    const tree = git(client, ['rev-parse', 'HEAD^{tree}']);
    const r = gitTry(client, ['push', server.url, `${blob}:refs/tags/blob`, `${tree}:refs/tags/tree`]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/is not a commit/);
    expect(gitTry(server.bare, ['rev-parse', '--verify', '-q', 'refs/tags/blob']).status).not.toBe(0);
    expect(auditLines(server.auditLog)).toEqual([
      expect.objectContaining({ ref: 'refs/tags/blob', new: blob, verdict: 'error', push: 'rejected', error: expect.stringMatching(/is not a commit/) }),
      expect.objectContaining({ ref: 'refs/tags/tree', new: tree, verdict: 'error', push: 'rejected' }),
    ]);
  });

  it('records a push rejected because the server policy cannot be read', () => {
    const server = auditedServer({ policy: null });
    const client = initRepo();
    const r = gitTry(client, ['push', server.url, 'main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/the push is rejected/);
    const [line, ...more] = auditLines(server.auditLog);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      ref: 'refs/heads/main',
      new: git(client, ['rev-parse', 'HEAD']),
      verdict: 'error',
      push: 'rejected',
      error: expect.stringContaining(server.policyFile),
    });
  });

  it('records input that is not "<old> <new> <ref>", quoting it', () => {
    const server = auditedServer();
    const r = cleanroom(server.bare, ['hook', 'pre-receive'], cleanEnv({ GIT_DIR: server.bare }), 'not an update\n');
    expect(r.status).toBe(2);
    expect(auditLines(server.auditLog)).toEqual([expect.objectContaining({ ref: null, input: 'not an update\n', verdict: 'error', push: 'rejected' })]);
  });

  it('still rejects, and says so, when the audit log cannot be written', () => {
    const server = auditedServer({ policy: null });
    git(server.bare, ['config', 'cleanroom.auditLog', path.join(server.bare, 'no-such-folder', 'audit.jsonl')]);
    const client = initRepo();
    const r = gitTry(client, ['push', server.url, 'main']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot append to the audit log .*no-such-folder/);
    expect(r.stderr).toMatch(/the push is rejected/);
  });
});

describe('git am and git rebase --apply are judged (applypatch-msg, pre-applypatch)', () => {
  /** A patch, made in a scratch clone, that adds `file` with `message`. */
  function patchAdding(repo: string, file: string, message: string, env = cleanEnv()): string {
    const scratch = tempDir('patch-source');
    git(scratch, ['clone', '-q', repo, '.']);
    write(scratch, file, '{"q": 1}\n');
    git(scratch, ['add', '-A']);
    git(scratch, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', message], env);
    const out = tempDir('patches');
    git(scratch, ['format-patch', '-q', '-1', '-o', out]);
    return path.join(out, fs.readdirSync(out)[0] as string);
  }

  it("blocks an assistant's git am of a protected file, by its environment or by the patch's trailer", () => {
    const repo = gatedRepo();
    const head = git(repo, ['rev-parse', 'HEAD']);
    const patch = patchAdding(repo, 'benchmarks/t.json', 'add a task');
    const fromShell = gitTry(repo, ['am', '-q', patch], cleanEnv({ CLAUDECODE: '1' }));
    expect(fromShell.status).not.toBe(0);
    expect(fromShell.stderr).toMatch(/cleanroom pre-applypatch: blocked: 1 protected change needs a human review/);
    expect(fromShell.stderr).toContain('environment CLAUDECODE=1');
    expect(git(repo, ['rev-parse', 'HEAD'])).toBe(head);
    git(repo, ['am', '--abort']);

    const trailered = patchAdding(repo, 'benchmarks/u.json', 'add a task\n\nCo-authored-by: Claude <noreply@anthropic.com>');
    const byTrailer = gitTry(repo, ['am', '-q', trailered]);
    expect(byTrailer.status).not.toBe(0);
    expect(byTrailer.stderr).toContain('trailer Co-authored-by: Claude <noreply@anthropic.com>');
    expect(git(repo, ['rev-parse', 'HEAD'])).toBe(head);
    git(repo, ['am', '--abort']);

    // The patch's author is the commit's author: an assistant's identity in From: is seen too.
    const byAuthor = patchAdding(repo, 'benchmarks/v.json', 'add a task', cleanEnv({ GIT_AUTHOR_NAME: 'Claude', GIT_AUTHOR_EMAIL: 'noreply@anthropic.com' }));
    const r = gitTry(repo, ['am', '-q', byAuthor]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('identity author: Claude <noreply@anthropic.com>');
    git(repo, ['am', '--abort']);
  });

  it("lets a human's git am through, and judges git rebase --apply the same way", () => {
    const repo = gatedRepo();
    const patch = patchAdding(repo, 'benchmarks/t.json', 'add a task');
    const human = gitTry(repo, ['am', '-q', patch]);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/cleanroom pre-applypatch: allowed/);
    expect(git(repo, ['log', '-1', '--format=%s'])).toBe('add a task');

    // rebase --apply replays a side branch's commits through git am.
    git(repo, ['checkout', '-q', '-b', 'side', 'HEAD~1']);
    write(repo, 'datasets/d.jsonl', '1\n');
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'data\n\nCo-authored-by: Claude <noreply@anthropic.com>']);
    const rebased = gitTry(repo, ['rebase', '--apply', 'main']);
    expect(rebased.status).not.toBe(0);
    expect(rebased.stderr).toMatch(/cleanroom pre-applypatch: blocked/);
  });

  it("cleanroom init installs both hooks, and the installed hooks block an assistant's am", () => {
    const repo = initRepo();
    const out = cleanroom(repo, ['init']);
    expect(out.status, out.stderr).toBe(0);
    for (const hook of ['applypatch-msg', 'pre-applypatch']) expect(out.stdout).toContain(`${path.join(repo, '.git', 'hooks', hook)}: installed`);
    git(repo, ['add', '.cleanroom']);
    git(repo, ['commit', '-q', '-m', 'adopt cleanroom']);
    const patch = patchAdding(repo, 'datasets/t.jsonl', 'add data');
    const r = gitTry(repo, ['am', '-q', patch], cleanEnv({ CLAUDECODE: '1' }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cleanroom pre-applypatch: blocked/);
  });

  it('records Assisted-by in the message of an assistant-applied patch in warn mode', () => {
    const repo = gatedRepo(EXAMPLE_POLICY.replace('mode: enforce', 'mode: warn'));
    const patch = patchAdding(repo, 'benchmarks/t.json', 'add a task');
    const r = gitTry(repo, ['am', '-q', patch], cleanEnv({ CLAUDECODE: '1' }));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/cleanroom pre-applypatch: warning/);
    expect(git(repo, ['log', '-1', '--format=%(trailers:key=Assisted-by,valueonly)'])).toBe('claude-code');
  });
});

describe('symlinks and submodules: what a checkout shows under a protected path is protected', () => {
  it('resolves targets as a checkout does and knows which folders a pattern reaches below', () => {
    expect(resolveLink('benchmarks/t.json', '../docs/t.json')).toBe('docs/t.json');
    expect(resolveLink('benchmarks/latest', './v2/')).toBe('benchmarks/v2');
    expect(resolveLink('evals', '../outside')).toBeNull();
    expect(resolveLink('evals', '/etc')).toBeNull();
    // What a Windows checkout makes of the same bytes.
    expect(resolveLink('benchmarks/t.json', '..\\docs\\t.json')).toBe('docs/t.json');
    expect(resolveLink('benchmarks/t.json', 'C:\\docs\\t.json')).toBeNull();
    expect(resolveLink('benchmarks/t.json', '\\\\server\\share')).toBeNull();
    expect(ancestorPatterns('evals/private/**')).toEqual(['evals', 'evals/private']);
    expect(ancestorPatterns('[/]x/**')).toEqual(['[/]x']);
    expect(ancestorPatterns('{a/b,c}/**')).toBeNull();
  });

  /** Commits `files` (a string is content; {link} a symlink) with hooks off, returns the commit. */
  function commitTree(repo: string, files: Record<string, string | { link: string }>, message = 'change'): string {
    for (const [file, what] of Object.entries(files)) {
      const p = path.join(repo, file);
      fs.rmSync(p, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(p), { recursive: true });
      if (typeof what === 'string') fs.writeFileSync(p, what);
      else fs.symlinkSync(what.link, p);
    }
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', message]);
    return git(repo, ['rev-parse', 'HEAD']);
  }

  it('blocks at pre-commit a link on an ancestor of a protected path, and one out of a protected folder, even from a human', () => {
    const repo = gatedRepo();
    commitTree(repo, { 'shadow/private/x.json': '{}\n', 'docs/t.json': '{}\n' });
    // evals -> shadow: shadow/private/x.json shows as evals/private/x.json.
    fs.symlinkSync('shadow', path.join(repo, 'evals'));
    // The same folder on a case-insensitive checkout (macOS, Windows).
    fs.symlinkSync('shadow', path.join(repo, 'EVALS'));
    fs.mkdirSync(path.join(repo, 'benchmarks'));
    fs.symlinkSync('../docs/t.json', path.join(repo, 'benchmarks', 't.json'));
    // The same link as a Windows checkout reads it.
    fs.symlinkSync('..\\docs\\t.json', path.join(repo, 'benchmarks', 'w.json'));
    git(repo, ['add', '-A']);
    const r = gitTry(repo, ['commit', '-q', '-m', 'links']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cleanroom pre-commit: blocked: 4 protected changes need a human review/);
    expect(r.stderr).toMatch(/ {2}benchmarks\/w\.json \(added\)\n {4}rule: {3}benchmarks\/\*\* requires review-if-assistant/);
    expect(r.stderr).toMatch(/ {2}EVALS \(added\)\n {4}rule: {3}evals\/private\/\*\* requires review-always/);
    expect(r.stderr).toMatch(/ {2}evals \(added\)\n {4}rule: {3}evals\/private\/\*\* requires review-always/);
    expect(r.stderr).toMatch(/ {2}benchmarks\/t\.json \(added\)\n {4}rule: {3}benchmarks\/\*\* requires review-if-assistant/);
    expect(r.stderr).toContain('a symlink or submodule here would show content from outside the protected paths; no review admits it');
  });

  it('lets through links that stay inside what is protected as strictly, and links elsewhere', () => {
    const repo = gatedRepo();
    commitTree(repo, { 'benchmarks/v2/t.json': '{}\n', 'datasets/d.jsonl': '1\n' });
    fs.symlinkSync('v2', path.join(repo, 'benchmarks', 'latest'));
    fs.symlinkSync('../datasets/d.jsonl', path.join(repo, 'benchmarks', 'd.jsonl'));
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.symlinkSync('../README.md', path.join(repo, 'docs', 'readme'));
    git(repo, ['add', '-A']);
    const r = gitTry(repo, ['commit', '-q', '-m', 'links inside']);
    expect(r.status, r.stderr).toBe(0);
    // An assistant's link inside a protected folder is assistant content like any other.
    fs.symlinkSync('v2/t.json', path.join(repo, 'benchmarks', 'current.json'));
    git(repo, ['add', '-A']);
    const assistant = gitTry(repo, ['commit', '-q', '-m', 'link'], cleanEnv({ CLAUDECODE: '1' }));
    expect(assistant.stderr).toMatch(/benchmarks\/current\.json \(added\)[\s\S]*reason: assistant-generated content/);
    // A link out of a review-always folder into a review-if-assistant one shows less protection.
    git(repo, ['reset', '-q']);
    fs.mkdirSync(path.join(repo, 'evals', 'private'), { recursive: true });
    fs.symlinkSync('../../datasets/d.jsonl', path.join(repo, 'evals', 'private', 'd.jsonl'));
    git(repo, ['add', 'evals']);
    expect(gitTry(repo, ['commit', '-q', '-m', 'weaker']).stderr).toMatch(/evals\/private\/d\.jsonl \(added\)[\s\S]*no review admits it/);
  });

  it('refuses a link whose target is longer than any checkout makes a link from', () => {
    const repo = gatedRepo();
    const target = `v2/${'a/'.repeat(2100)}t.json`; // inside benchmarks/, but past PATH_MAX
    const blob = gitRaw(repo, ['hash-object', '-w', '--stdin'], cleanEnv(), target).toString('utf8').trim();
    git(repo, ['update-index', '--add', '--cacheinfo', `120000,${blob},benchmarks/t.json`]);
    const r = cleanroom(repo, ['check']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('no review admits it');
  });

  it('scan reports a link that predates the gate, from the commit that made it', () => {
    const repo = initRepo();
    commitTree(repo, { 'docs/t.json': '{}\n', 'benchmarks/t.json': { link: '../docs/t.json' } }, 'old link');
    commitTree(repo, { '.cleanroom/policy.yaml': EXAMPLE_POLICY }, 'adopt cleanroom');
    const r = cleanroom(repo, ['scan']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ {2}benchmarks\/t\.json \(added in commit [0-9a-f]{12}\)\n {4}rule: {3}benchmarks\/\*\* requires review-if-assistant[\s\S]*no review admits it/);
  });

  it('check --range and the server refuse the same links, a submodule on an ancestor too, and a retargeted link', () => {
    const server = auditedServer();
    const client = initRepo();
    git(client, ['push', '-q', server.url, 'main']);
    const base = git(client, ['rev-parse', 'HEAD']);
    commitTree(client, { 'shadow/private/x.json': '{}\n' });
    commitTree(client, { evals: { link: 'shadow' } }, 'evals is shadow');
    const range = cleanroom(client, ['check', '--range', `${base}..HEAD`, '--policy', server.policyFile]);
    expect(range.status).toBe(1);
    expect(range.stdout).toMatch(/ {2}evals \(added in commit [0-9a-f]{12}\)\n {4}rule: {3}evals\/private\/\*\* requires review-always/);
    const pushed = gitTry(client, ['push', server.url, 'main']);
    expect(pushed.status).not.toBe(0);
    expect(pushed.stderr).toMatch(/cleanroom pre-receive refs\/heads\/main: blocked/);
    expect(git(server.bare, ['rev-parse', 'main'])).toBe(base);

    // A link that once pointed inside the protected folder, retargeted out of it.
    git(client, ['reset', '-q', '--hard', base]);
    commitTree(client, { 'benchmarks/v2/t.json': '{}\n', 'docs/t.json': '{}\n' });
    commitTree(client, { 'benchmarks/t.json': { link: 'v2/t.json' } });
    expect(gitTry(client, ['push', server.url, 'main']).status).toBe(0);
    const inside = git(client, ['rev-parse', 'HEAD']);
    commitTree(client, { 'benchmarks/t.json': { link: '../docs/t.json' } }, 'retarget');
    const retargeted = gitTry(client, ['push', server.url, 'main']);
    expect(retargeted.status).not.toBe(0);
    expect(retargeted.stderr).toMatch(/benchmarks\/t\.json \(modified in commit/);

    // A submodule at evals/: its content is another repository's.
    git(client, ['reset', '-q', '--hard', inside]);
    git(client, ['update-index', '--add', '--cacheinfo', `160000,${base},evals`]);
    git(client, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'submodule']);
    const submodule = gitTry(client, ['push', server.url, 'main']);
    expect(submodule.status).not.toBe(0);
    expect(submodule.stderr).toMatch(/ {2}evals \(added in commit/);
    expect(git(server.bare, ['rev-parse', 'main'])).toBe(inside);
  });
});

describe('blobs of any size: markers searched in windows, never one string of a whole large blob', () => {
  const rules = { builtin: true, trailers: [], identities: [], environment: [], markers: [/CANARY-[0-9]+/, /^gen: .*$/], recordedShare: 0.5, lineageShare: 0.5 };
  const utf8 = (s: string) => Buffer.from(s, 'utf8');

  it('finds exactly the signals the whole-text search finds, with the same line numbers', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pool = ['plain line', 'CANARY-1 here', 'gen: banner', 'gén: ünïcode ✓', 'x CANARY-22', '', 'tail\r', 'gen: other'];
    const text = (n: number) => Array.from({ length: n }, () => pool[random(pool.length)]).join('\n') + (random(2) ? '\n' : '');
    for (let round = 0; round < 300; round++) {
      const before = round % 5 === 0 ? null : utf8(text(random(30)));
      const after = utf8(text(random(60)));
      const whole = markerSignals('f', addedLines(before, after) ?? [], rules);
      for (const window of [16, 40, 1 << 20]) {
        expect(markerSignalsInLarge('f', before, after, rules, window, 8), `round ${round}, window ${window}`).toEqual(whole);
      }
    }
  });

  it('reads a line longer than the window in overlapping pieces, each marker reported once', () => {
    const long = `${'a'.repeat(95)}CANARY-42${'b'.repeat(200)}`;
    const after = utf8(`first\n${long}\nlast CANARY-7\n`);
    const found = markerSignalsInLarge('f', utf8('first\n'), after, rules, 100, 20);
    expect(found.map((s) => [s.line, s.evidence.includes('CANARY-42') || s.evidence.includes('CANARY-7')])).toEqual([
      [2, true],
      [3, true],
    ]);
    // The same long line already in the old content is not added.
    expect(markerSignalsInLarge('f', utf8(`${long}\n`), after, rules, 100, 20).map((s) => s.line)).toEqual([3]);
  });

  it('cuts pieces at line ends and character starts, never past window + overlap bytes', () => {
    const content = utf8(`${'é✓'.repeat(50)}\nshort\n${'x'.repeat(10)}\n`);
    const pieces = [...textPieces(content, 32, 8)];
    for (const p of pieces) {
      expect(p.text).not.toContain('\ufffd');
      expect(Buffer.byteLength(p.text)).toBeLessThanOrEqual(32);
    }
    expect(
      pieces
        .filter((p) => !p.partial)
        .map((p) => p.text)
        .join(''),
    ).toBe('short\nxxxxxxxxxx\n');
    expect(pieces.filter((p) => p.partial).every((p) => p.firstLine === 1)).toBe(true);
  });

  it('stops a bulk read whose answer file outgrows its cap, and reads the objects one by one instead', async () => {
    const repo = initRepo();
    write(repo, 'big.txt', 'x'.repeat(2 << 20));
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-qm', 'big']);
    const names = [git(repo, ['rev-parse', 'HEAD:big.txt']), git(repo, ['rev-parse', 'HEAD:README.md'])];
    const read = (answersMax?: number) =>
      readObjectsInBulk(repo, cleanEnv(), names, (_, o) => o?.content.length ?? -1, { fallback: async () => [-2], ...(answersMax ? { answersMax } : {}) });
    expect(await read()).toEqual([2 << 20, 6]);
    expect(await read(64 << 10)).toEqual([-2]); // the fallback's answer
  });

  it('judges a protected blob larger than the whole-text limit, end to end (slow: ~40 MB)', () => {
    const repo = gatedRepo();
    const base = git(repo, ['rev-parse', 'HEAD']);
    const line = 'x'.repeat(1023);
    const big = `${`${line}\n`.repeat(40 * 1024)}gen CANARY-99 at the end\n`;
    write(repo, 'datasets/big.txt', big);
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'big data']);
    expect(Buffer.byteLength(big)).toBeGreaterThan(WHOLE_TEXT_MAX);
    const r = cleanroom(repo, ['check', '--range', `${base}..HEAD`]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain(`marker gen CANARY-99 at the end at datasets/big.txt:${40 * 1024 + 1}`);
  });
});

describe('git am state files', () => {
  it("reads the patch's author as git's sq_quote writes it", () => {
    const script = "GIT_AUTHOR_NAME='Ada O'\\''Brien (aider)'\nGIT_AUTHOR_EMAIL='ada@example.org'\nGIT_AUTHOR_DATE='@1700000000 +0000'\n";
    expect(parseAuthorScript(script).get('GIT_AUTHOR_NAME')).toBe("Ada O'Brien (aider)");
    expect(parseAuthorScript("X='a'\\!'b'").get('X')).toBe('a!b');
  });
});
