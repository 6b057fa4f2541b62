/**
 * The local gate end to end: real `git commit` in temporary repositories with the shipped hook
 * shims installed through core.hooksPath, once per engine (the default, git's plumbing, and the
 * isomorphic engine asked for), so both engines answer every commit mode the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cleanroom, git, gitTry, HOOKS, tempDir, write } from './helpers/git.js';
import { EXAMPLE_POLICY, gatedRepo } from './helpers/policy.js';

for (const engine of ['plumbing', 'isomorphic'] as const) {
  describe(`local gate (engine: ${engine})`, () => {
    // The SHA-256 and split-index layouts make an isomorphic engine refuse (EENGINE), so those
    // two commit with the default engine, after the refusal is checked.
    const extra = engine === 'isomorphic' ? { CLEANROOM_ENGINE: 'isomorphic' } : {};
    const human = cleanEnv(extra);
    const agent = cleanEnv({ ...extra, CLAUDECODE: '1' });
    const [humanEnv, agentEnv] = [human, agent];

    const setup = gatedRepo;
    const head = (repo: string) => git(repo, ['rev-parse', 'HEAD']);

    it('lets a human commit into a protected path and says what it checked', () => {
      const repo = setup();
      write(repo, 'datasets/a.jsonl', '{"q": 1}\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'add data'], human);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/cleanroom pre-commit: allowed \(checked 1 staged path, 1 protected/);
    });

    it("blocks an assistant's commit into a protected path and explains how to resolve it", () => {
      const repo = setup();
      const before = head(repo);
      write(repo, 'datasets/a.jsonl', '{"q": 1}\n');
      write(repo, 'src/tool.py', 'print(1)\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'add data'], agent);
      expect(r.status).not.toBe(0);
      expect(head(repo)).toBe(before);
      expect(r.stderr).toContain('cleanroom pre-commit: blocked: 1 protected change needs a human review');
      expect(r.stderr).toContain('checked 2 staged paths, 1 protected');
      expect(r.stderr).toContain('datasets/a.jsonl (added)');
      expect(r.stderr).toContain('datasets/** requires review-if-assistant (.cleanroom/policy.yaml@HEAD:7)');
      expect(r.stderr).toContain('environment CLAUDECODE=1');
      expect(r.stderr).toContain('git restore --staged -- datasets/a.jsonl');
    });

    it('lets an assistant commit outside protected paths', () => {
      const repo = setup();
      write(repo, 'src/tool.py', 'print(1)\n');
      git(repo, ['add', '.'], human);
      expect(gitTry(repo, ['commit', '-m', 'tool'], agent).status).toBe(0);
    });

    it('lets an assistant delete protected content (deleting adds nothing to review)', () => {
      const repo = setup();
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      git(repo, ['commit', '-q', '-m', 'data'], human);
      git(repo, ['rm', '-q', 'datasets/a.jsonl'], human);
      expect(gitTry(repo, ['commit', '-m', 'drop'], agent).status).toBe(0);
    });

    it('judges `git commit -a` on the files it commits', () => {
      const repo = setup();
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      git(repo, ['commit', '-q', '-m', 'data'], human);
      write(repo, 'datasets/a.jsonl', '1\n2\n');
      const r = gitTry(repo, ['commit', '-a', '-m', 'more'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('datasets/a.jsonl (modified)');
    });

    it('does not block `git commit <other-path>` for a protected change that stays staged', () => {
      const repo = setup();
      write(repo, 'datasets/a.jsonl', '1\n');
      write(repo, 'src/x.py', 'x = 1\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'code only', '--', 'src/x.py'], agent);
      expect(r.status).toBe(0);
      expect(git(repo, ['diff', '--cached', '--name-only'], human)).toBe('datasets/a.jsonl');
    });

    it('judges `git commit -i <path>` on the staged changes plus the path', () => {
      const repo = setup();
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', 'datasets/a.jsonl'], human);
      write(repo, 'src/x.py', 'x = 1\n');
      git(repo, ['add', '-N', 'src/x.py'], human);
      const r = gitTry(repo, ['commit', '-i', '-m', 'both', '--', 'src/x.py'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('datasets/a.jsonl (added)');
    });

    it('judges `--amend` on everything the amended commit records', () => {
      const repo = setup();
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      git(repo, ['commit', '-q', '-m', 'data'], human);
      write(repo, 'README.md', 'changed\n');
      git(repo, ['add', 'README.md'], human);
      // The index differs from HEAD only in README.md, but the amended commit brings datasets/a.jsonl.
      const r = gitTry(repo, ['commit', '--amend', '--no-edit'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('cleanroom prepare-commit-msg: blocked');
      expect(r.stderr).toContain('datasets/a.jsonl (added)');
    });

    it('ignores intent-to-add entries: they are not content', () => {
      const repo = setup();
      write(repo, 'datasets/later.jsonl', 'x\n');
      git(repo, ['add', '-N', 'datasets/later.jsonl'], human);
      write(repo, 'README.md', 'changed\n');
      git(repo, ['add', 'README.md'], human);
      expect(gitTry(repo, ['commit', '-m', 'readme'], agent).status).toBe(0);
    });

    it('still stops an assistant that commits with --no-verify, at prepare-commit-msg', () => {
      const repo = setup();
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '--no-verify', '-m', 'data'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).not.toContain('cleanroom pre-commit');
      expect(r.stderr).toContain('cleanroom prepare-commit-msg: blocked');
    });

    it("stops Aider's --no-verify commit by its committer identity", () => {
      const repo = setup();
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      const aider = cleanEnv({ ...extra, GIT_COMMITTER_NAME: 'Ada Human (aider)' });
      const r = gitTry(repo, ['commit', '--no-verify', '-m', 'data'], aider);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('committer: Ada Human (aider) <ada@example.org>');
    });

    it('blocks a commit whose message carries an assistant trailer', () => {
      const repo = setup();
      write(repo, 'benchmarks/task1/prompt.md', 'Solve x\n');
      git(repo, ['add', '.'], human);
      const msg = 'Add task\n\nCo-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>\n';
      const r = gitTry(repo, ['commit', '-m', msg], human);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('trailer Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>');
    });

    it('does not mistake prose that mentions an assistant for a trailer', () => {
      const repo = setup();
      write(repo, 'benchmarks/task1/prompt.md', 'Solve x\n');
      git(repo, ['add', '.'], human);
      const msg =
        'Add task written by hand\n\nWe compared it with what Claude and Copilot produce; the Co-Authored-By: Claude\n' +
        'trailer convention is mentioned here only in prose.\n\nSigned-off-by: Ada Human <ada@example.org>\n';
      const r = gitTry(repo, ['commit', '-m', msg], human);
      expect(r.stderr).toContain('allowed');
      expect(r.status).toBe(0);
    });

    it('counts a rename into a protected path as an addition', () => {
      const repo = setup();
      write(repo, 'scratch/gen.jsonl', '{"a": 1}\n');
      git(repo, ['add', '.'], human);
      git(repo, ['commit', '-q', '-m', 'scratch'], human);
      fs.mkdirSync(path.join(repo, 'datasets'));
      git(repo, ['mv', 'scratch/gen.jsonl', 'datasets/gen.jsonl'], human);
      const r = gitTry(repo, ['commit', '-m', 'move'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('datasets/gen.jsonl (added)');
    });

    it('treats a case variant of a protected folder as the folder', () => {
      const repo = setup();
      write(repo, 'DataSets/x.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'x'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('DataSets/x.jsonl (added)');
    });

    it('treats a symlink and a submodule entry inside a protected path as changes to it', () => {
      const repo = setup();
      fs.mkdirSync(path.join(repo, 'datasets'), { recursive: true });
      fs.symlinkSync('../elsewhere', path.join(repo, 'datasets', 'link'));
      git(repo, ['add', 'datasets/link'], human);
      const sub = head(repo);
      git(repo, ['update-index', '--add', '--cacheinfo', `160000,${sub},benchmarks/vendored`], human);
      const r = gitTry(repo, ['commit', '-m', 'links'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('datasets/link (added)');
      expect(r.stderr).toContain('benchmarks/vendored (added)');
    });

    it('handles paths with spaces and non-ASCII names as git stores them', () => {
      const repo = setup();
      write(repo, 'datasets/naïve set/ü file.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'x'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('datasets/naïve set/ü file.jsonl (added)');
      expect(r.stderr).toContain("git restore --staged -- 'datasets/naïve set/ü file.jsonl'");
    });

    it('finds a content marker in added text and never in binary files', () => {
      const repo = setup();
      write(repo, 'datasets/text.jsonl', 'ok\nleaked CANARY-42 here\n');
      write(repo, 'datasets/blob.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('CANARY-7')]));
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'x'], human);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('datasets/text.jsonl:2');
      expect(r.stderr).not.toContain('datasets/blob.bin (added)');
    });

    it('finds a marker among a hundred staged files, in a new file and in an edit (read in bulk)', () => {
      const repo = setup();
      for (let i = 0; i < 100; i++) write(repo, `datasets/rows-${i}.jsonl`, `row ${i}\n`);
      git(repo, ['add', '.'], human);
      git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-m', 'rows'], human);
      for (let i = 0; i < 100; i++) write(repo, `datasets/rows-${i}.jsonl`, `row ${i}\nrow ${i} again\n`);
      for (let i = 0; i < 50; i++) write(repo, `datasets/new-${i}.jsonl`, `new ${i}\n`);
      write(repo, 'datasets/rows-77.jsonl', 'row 77\nleaked CANARY-77 here\n');
      write(repo, 'datasets/new-33.jsonl', 'new 33\nleaked CANARY-33 here\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'more rows'], human);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('datasets/rows-77.jsonl:2');
      expect(r.stderr).toContain('datasets/new-33.jsonl:2');
      expect(r.stderr.match(/CANARY/g)).toHaveLength(2);
      // Where no temporary file can be made, the same blobs are read one by one: the same answer.
      const noTmpRun = cleanroom(repo, ['check', '--format', 'json'], { ...human, TMPDIR: path.join(repo, 'no', 'such', 'dir') });
      expect(noTmpRun.stderr).toBe('');
      const noTmp = JSON.parse(noTmpRun.stdout);
      expect(noTmp.findings.map((f: { path: string }) => f.path).sort()).toEqual(['datasets/new-33.jsonl', 'datasets/rows-77.jsonl']);
    });

    it('judges a marker that was already there as old, and a new copy of it as added', () => {
      const repo = setup();
      write(repo, 'datasets/text.jsonl', 'a\nleaked CANARY-42 here\n');
      git(repo, ['add', '.'], human);
      git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-m', 'before the gate'], human);
      write(repo, 'datasets/text.jsonl', 'a\nleaked CANARY-42 here\nb\n');
      git(repo, ['add', '.'], human);
      expect(gitTry(repo, ['commit', '-m', 'one more row'], human).status).toBe(0);
      write(repo, 'datasets/text.jsonl', 'a\nleaked CANARY-42 here\nb\nleaked CANARY-42 here\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'a copy'], human);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('datasets/text.jsonl:4');
    });

    it('judges a very large binary file without reading it as text', () => {
      const repo = setup();
      const big = Buffer.alloc(24 * 1024 * 1024, 7);
      big[10] = 0;
      write(repo, 'datasets/big.bin', big);
      git(repo, ['add', '.'], human);
      expect(gitTry(repo, ['commit', '-m', 'big'], human).status).toBe(0);
      write(repo, 'datasets/big2.bin', big);
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'big2'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('datasets/big2.bin (added)');
    });

    it('shows the first 20 findings in full and says where the rest are', () => {
      const repo = setup();
      for (let i = 0; i < 25; i++) write(repo, `datasets/part/f${String(i).padStart(2, '0')}.jsonl`, `${i}\n`);
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'many'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('blocked: 25 protected changes need a human review');
      expect(r.stderr.match(/^ {4}rule: /gm)).toHaveLength(20);
      expect(r.stderr).toContain('datasets/part/f19.jsonl (added)');
      expect(r.stderr).not.toContain('datasets/part/f20.jsonl (added)');
      expect(r.stderr).toContain('… and 5 more, not shown: `cleanroom check --format json` lists every one');
      const all = JSON.parse(cleanroom(repo, ['check', '--format', 'json'], agent).stdout);
      expect(all.findings).toHaveLength(25);
    });

    it('requires review of every change under review-always', () => {
      const repo = setup();
      write(repo, 'evals/private/set.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'eval'], human);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('review-always');
    });

    it('protects the policy folder itself from an assistant', () => {
      const repo = setup();
      write(repo, '.cleanroom/policy.yaml', EXAMPLE_POLICY.replace('  - path: "datasets/**"\n    require: review-if-assistant\n', ''));
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'relax'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('.cleanroom/policy.yaml (modified)');
    });

    it('in warn mode reports, lets the commit through and records Assisted-by', () => {
      const repo = setup(EXAMPLE_POLICY.replace('mode: enforce', 'mode: warn'));
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'data'], agent);
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('warning: 1 protected change would need a human review');
      expect(git(repo, ['log', '-1', '--format=%(trailers:key=Assisted-by,valueonly)'], human)).toBe('claude-code');
    });

    it('rejects a malformed policy with its position and exit code 2', () => {
      const repo = setup(EXAMPLE_POLICY.replace('mode: enforce', 'mode: [enforce'));
      write(repo, 'x.txt', '1\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'x'], human);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/cleanroom: error: \.cleanroom\/policy\.yaml@HEAD:\d+:\d+: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    it('rejects a policy with an unknown key, naming it and where it is', () => {
      const repo = setup(EXAMPLE_POLICY.replace('    require: review-always', '    requires: review-always'));
      write(repo, 'x.txt', '1\n');
      git(repo, ['add', '.'], human);
      const r = gitTry(repo, ['commit', '-m', 'x'], human);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/policy\.yaml@HEAD:10:5: .*"requires"/);
    });

    it('gates commits in a linked worktree', () => {
      const repo = setup();
      const wt = path.join(tempDir('wt'), 'tree');
      git(repo, ['worktree', 'add', '-q', '-b', 'side', wt], human);
      write(wt, 'datasets/w.jsonl', '1\n');
      git(wt, ['add', '.'], human);
      const r = gitTry(wt, ['commit', '-m', 'x'], agent);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('datasets/w.jsonl (added)');
      expect(gitTry(wt, ['commit', '-m', 'x'], human).status).toBe(0);
    });

    // The last field: layouts isomorphic-git cannot read, where asking for it stops the commit.
    const layouts: [string, (repo: string) => void, string[], boolean?][] = [
      ['index v4', (repo) => git(repo, ['update-index', '--index-version', '4'], human), []],
      ['a split index', (repo) => git(repo, ['update-index', '--split-index'], human), [], true],
      [
        'a sparse index',
        (repo) => {
          git(repo, ['sparse-checkout', 'init', '--cone', '--sparse-index'], human);
          git(repo, ['sparse-checkout', 'set', 'datasets', 'src'], human);
        },
        [],
      ],
      ['a SHA-256 repository', () => undefined, ['--object-format=sha256'], true],
    ];
    for (const [name, prepare, initArgs, unreadable] of layouts) {
      it(`gates commits in ${name}`, () => {
        const [human, agent] = unreadable ? [cleanEnv(), cleanEnv({ CLAUDECODE: '1' })] : [humanEnv, agentEnv];
        const repo = setup(EXAMPLE_POLICY, initArgs);
        write(repo, 'other/keep.txt', 'k\n');
        git(repo, ['add', '.'], human);
        git(repo, ['commit', '-q', '-m', 'other'], human);
        prepare(repo);
        write(repo, 'datasets/a.jsonl', '1\n');
        git(repo, ['add', 'datasets'], human);
        if (unreadable && engine === 'isomorphic') {
          const refused = gitTry(repo, ['commit', '-m', 'x'], humanEnv);
          expect(refused.stderr).toMatch(/CLEANROOM_ENGINE=isomorphic, but it cannot read this repository correctly: .*(split index|sha256)/);
          expect(refused.status).not.toBe(0);
        }
        const r = gitTry(repo, ['commit', '-m', 'x'], agent);
        expect(r.stderr).toContain('datasets/a.jsonl (added)');
        expect(r.status).not.toBe(0);
        const ok = gitTry(repo, ['commit', '-m', 'x'], human);
        expect(ok.stderr).toContain('checked 1 staged path, 1 protected');
        expect(ok.status).toBe(0);
      });
    }

    it('previews at pre-push what the server will say about the pushed commits', () => {
      const repo = setup();
      const remote = tempDir('remote');
      git(remote, ['init', '-q', '--bare'], human);
      git(repo, ['remote', 'add', 'origin', remote], human);
      expect(gitTry(repo, ['push', '-q', 'origin', 'main'], human).status).toBe(0);
      write(repo, 'datasets/a.jsonl', '1\n');
      git(repo, ['add', '.'], human);
      // Made behind the local hooks' back; the commit itself still carries the trailer.
      git(repo, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'data\n\nCo-authored-by: Codex <noreply@openai.com>'], human);
      const r = gitTry(repo, ['push', 'origin', 'main'], human);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('cleanroom pre-push: blocked');
      expect(r.stderr).toContain('checked 1 path in 1 commit, 1 protected');
      expect(r.stderr).toMatch(/datasets\/a\.jsonl \(added in commit [0-9a-f]{12}\)/);
    });
  });
}

describe('what a pass prints', () => {
  const human = cleanEnv();
  const agent = cleanEnv({ CLAUDECODE: '1' });
  const quiet = (env: NodeJS.ProcessEnv) => ({ ...env, CLEANROOM_QUIET: '1' });
  const said = (text: string) => text.split('\n').filter((l) => /^(remote: )?cleanroom /.test(l));

  /** A gated clone whose origin is a bare repository with the server gate and the same policy. */
  function withServer(): { repo: string; bare: string } {
    const repo = gatedRepo();
    const bare = tempDir('quiet-server');
    git(bare, ['init', '-q', '--bare', '-b', 'main']);
    fs.writeFileSync(path.join(bare, 'server-policy.yaml'), EXAMPLE_POLICY);
    git(bare, ['config', 'cleanroom.policy', path.join(bare, 'server-policy.yaml')]);
    fs.symlinkSync(path.join(HOOKS, 'pre-receive'), path.join(bare, 'hooks', 'pre-receive'));
    git(repo, ['remote', 'add', 'origin', bare]);
    return { repo, bare };
  }

  it('says one line per commit, with its counts, and nothing when no protected path is touched', () => {
    const { repo } = withServer();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    const data = gitTry(repo, ['commit', '-q', '-m', 'data'], human);
    expect(data.status).toBe(0);
    expect(said(data.stderr)).toEqual([expect.stringMatching(/^cleanroom pre-commit: allowed \(checked 1 staged path, 1 protected; policy /)]);

    write(repo, 'src/a.js', '1\n');
    git(repo, ['add', '.'], human);
    const code = gitTry(repo, ['commit', '-q', '-m', 'code'], human);
    expect(code.status).toBe(0);
    expect(code.stderr).toBe('');

    const pushed = gitTry(repo, ['push', '-q', 'origin', 'main'], human);
    expect(pushed.status).toBe(0);
    expect(said(pushed.stderr)).toEqual([
      expect.stringMatching(/^cleanroom pre-push: allowed \(checked \d+ paths in \d+ commits, \d+ protected/),
      expect.stringMatching(/^remote: cleanroom pre-receive refs\/heads\/main: allowed \(checked \d+ paths in \d+ commits/),
    ]);
  });

  it('CLEANROOM_QUIET=1 and -q silence local passes only: a block is printed in full, and the server still counts', () => {
    const { repo } = withServer();
    write(repo, 'datasets/a.jsonl', '1\n');
    git(repo, ['add', '.'], human);
    // As a husky line runs it: cleanroom hook pre-commit -q "$@".
    const direct = cleanroom(repo, ['hook', 'pre-commit', '-q'], human);
    expect([direct.status, direct.stdout, direct.stderr]).toEqual([0, '', '']);
    const blockedDirect = cleanroom(repo, ['hook', 'pre-commit', '-q'], agent);
    expect(blockedDirect.status).toBe(1);
    expect(blockedDirect.stderr).toContain('cleanroom pre-commit: blocked: 1 protected change needs a human review');

    const blocked = gitTry(repo, ['commit', '-q', '-m', 'data'], quiet(agent));
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('cleanroom pre-commit: blocked: 1 protected change needs a human review (checked 1 staged path, 1 protected');
    expect(blocked.stderr).toContain('    fix:');
    const allowed = gitTry(repo, ['commit', '-q', '-m', 'data'], quiet(human));
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toBe('');

    const pushed = gitTry(repo, ['push', '-q', 'origin', 'main'], quiet(human));
    expect(pushed.status).toBe(0);
    expect(said(pushed.stderr)).toEqual([expect.stringMatching(/^remote: cleanroom pre-receive refs\/heads\/main: allowed \(checked \d+ paths in \d+ commits/)]);
  });
});
