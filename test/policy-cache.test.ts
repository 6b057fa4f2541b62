/** The compiled-policy cache can only make a verdict faster: a hit equals a fresh parse. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedPolicy } from '../src/policy/cache.js';
import { parsePolicy } from '../src/policy/parse.js';
import type { Policy } from '../src/policy/policy.js';
import { ownTmpdir } from './helpers/git.js';
import { EXAMPLE_POLICY } from './helpers/policy.js';

/** A policy text no other test uses, so the first load is a miss whatever ran before. */
const unique = () => EXAMPLE_POLICY.replace('mode: enforce', `mode: enforce # ${process.pid}-${Math.random()}`);
const { privateDir: cacheDir } = ownTmpdir('cache-test');
const BUILD = 'build-1';

function comparable(p: Policy) {
  return {
    ...p,
    protect: p.protect.map(({ matches, reaches, ...rest }) => {
      const probes = ['datasets/a', 'Benchmarks/x', 'evals/private/y', 'src/z', 'benchmarks/README.md', 'benchmarks/readme.md'];
      return { ...rest, probe: probes.map(matches), reach: probes.map(reaches) };
    }),
    assistants: { ...p.assistants, markers: p.assistants.markers.map(String), trailers: p.assistants.trailers.map(String), identities: p.assistants.identities.map(String) },
  };
}

describe('cachedPolicy', () => {
  it('parses a new text once per folder, then serves the same policy from the cache for any source', async () => {
    const text = unique();
    let parses = 0;
    const parse = (source: string, dir: string) => async () => {
      parses++;
      return parsePolicy(text, source, dir);
    };
    const first = await cachedPolicy(text, 'a.yaml', '/repo/.cleanroom', BUILD, parse('a.yaml', '/repo/.cleanroom'));
    const again = await cachedPolicy(text, 'b.yaml', '/elsewhere', BUILD, parse('b.yaml', '/elsewhere'));
    expect(parses).toBe(2);
    const hit = await cachedPolicy(text, 'c.yaml', '/elsewhere', BUILD, parse('c.yaml', '/elsewhere'));
    expect(parses).toBe(2);
    expect(comparable(hit)).toEqual(comparable(parsePolicy(text, 'c.yaml', '/elsewhere')));
    expect(comparable(first)).toEqual(comparable(parsePolicy(text, 'a.yaml', '/repo/.cleanroom')));
    expect(comparable(again)).toEqual(comparable(parsePolicy(text, 'b.yaml', '/elsewhere')));
    expect(again.review.allowedSigners).toBe('/elsewhere/allowed_signers');
  });

  it('keeps a ban and its excludes: a hit protects what a fresh parse protects', async () => {
    const text = unique().replace(/protect:\n/, 'protect:\n  - path: "benchmarks/**"\n    require: forbid-assistant\n    exclude: ["benchmarks/README.md"]\n');
    await cachedPolicy(text, 'a.yaml', '/r', BUILD, async () => parsePolicy(text, 'a.yaml', '/r'));
    const hit = await cachedPolicy(text, 'a.yaml', '/r', BUILD, async () => {
      throw new Error('not served from the cache');
    });
    expect(comparable(hit)).toEqual(comparable(parsePolicy(text, 'a.yaml', '/r')));
    const rule = hit.protect[0];
    expect([rule?.require, rule?.exclude, rule?.matches('benchmarks/README.md'), rule?.matches('benchmarks/readme.md'), rule?.reaches('benchmarks/README.md')]).toEqual([
      'forbid-assistant',
      ['benchmarks/README.md'],
      false,
      true,
      true,
    ]);
  });

  it('keeps an absolute allowed_signers path absolute, whichever folder asks', async () => {
    const text = unique().replace('allowed_signers: allowed_signers', 'allowed_signers: /etc/cleanroom/allowed_signers');
    await cachedPolicy(text, 'a.yaml', '/a/b/c/.cleanroom', BUILD, async () => parsePolicy(text, 'a.yaml', '/a/b/c/.cleanroom'));
    for (const dir of ['/a/b/c/.cleanroom', '/x/.cleanroom']) {
      const p = await cachedPolicy(text, 'p.yaml', dir, BUILD, async () => parsePolicy(text, 'p.yaml', dir));
      expect(p.review.allowedSigners).toBe('/etc/cleanroom/allowed_signers');
    }
  });

  it('parses again when the cached file is damaged, and still reports a bad policy with its position', async () => {
    const text = unique();
    await cachedPolicy(text, 'p.yaml', '/r', BUILD, async () => parsePolicy(text, 'p.yaml', '/r'));
    for (const f of fs.readdirSync(cacheDir())) if (f.endsWith('.json')) fs.writeFileSync(path.join(cacheDir(), f), '{"broken":');
    let parses = 0;
    const p = await cachedPolicy(text, 'p.yaml', '/r', BUILD, async () => (parses++, parsePolicy(text, 'p.yaml', '/r')));
    expect(parses).toBe(1);
    expect(p.mode).toBe('enforce');
    const bad = text.replace('version: 1', 'version: 2');
    await expect(cachedPolicy(bad, 'p.yaml', '/r', BUILD, async () => parsePolicy(bad, 'p.yaml', '/r'))).rejects.toMatchObject({ code: 'EPOLICY_INVALID' });
  });

  it('takes an entry only for the very text, folder and build it was made from', async () => {
    const text = unique();
    await cachedPolicy(text, 'p.yaml', '/r', BUILD, async () => parsePolicy(text, 'p.yaml', '/r'));
    // The folder also holds the entries (some damaged on purpose) of the tests before.
    const read = (f: string) => JSON.parse(fs.readFileSync(path.join(cacheDir(), f), 'utf8'));
    const file = fs.readdirSync(cacheDir()).find((f) => {
      try {
        return f.startsWith('policy-') && JSON.parse(read(f).key)[2] === text;
      } catch {
        return false;
      }
    });
    const entry = read(file as string);
    // What a hash collision, another folder's or another build's entry would put under this name.
    const permissive = { ...entry.data, protect: [] };
    const others = [
      [BUILD, '/r', text.replace('enforce', 'warn')],
      [BUILD, '/other', text],
      ['build-0', '/r', text],
    ];
    for (const key of others.map((k) => JSON.stringify(k))) {
      fs.writeFileSync(path.join(cacheDir(), file as string), JSON.stringify({ key, data: permissive }));
      let parses = 0;
      const p = await cachedPolicy(text, 'p.yaml', '/r', BUILD, async () => (parses++, parsePolicy(text, 'p.yaml', '/r')));
      expect(parses).toBe(1);
      expect(p.protect.length).toBeGreaterThan(0);
    }
  });

  it.runIf(process.platform !== 'win32')('never trusts a cache folder that others can write to', async () => {
    const text = unique();
    const permissive = parsePolicy(text.replace('datasets/**', 'nothing-protected/**'), 'p.yaml', '/r');
    fs.rmSync(cacheDir(), { recursive: true, force: true });
    fs.mkdirSync(cacheDir(), { mode: 0o777 });
    fs.chmodSync(cacheDir(), 0o777); // mkdir's mode passes through the umask
    // Plant what another user on a shared /tmp could: a permissive policy under the right key.
    await cachedPolicy(text, 'p.yaml', '/r', BUILD, async () => permissive);
    expect(fs.readdirSync(cacheDir())).toEqual([]); // nothing was written there either
    fs.chmodSync(cacheDir(), 0o700);
    await cachedPolicy(text, 'p.yaml', '/r', BUILD, async () => permissive);
    expect(fs.readdirSync(cacheDir())).toHaveLength(1);
    fs.chmodSync(cacheDir(), 0o777);
    let parses = 0;
    const p = await cachedPolicy(text, 'p.yaml', '/r', BUILD, async () => (parses++, parsePolicy(text, 'p.yaml', '/r')));
    expect(parses).toBe(1);
    expect(p.protect.map((r) => r.pattern)).toContain('datasets/**');
  });
});
