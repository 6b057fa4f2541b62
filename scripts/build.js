// Type-checks with tsc, then bundles the CLI with esbuild. A hook starts a fresh Node process on
// every commit: one bundled file loads in a fraction of the time Node needs to resolve and read
// dozens of modules (yaml alone is ~70 CommonJS files). Commands and the isomorphic-git engine
// stay separate chunks, loaded only when used.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], {
  cwd: root,
  stdio: 'inherit',
});
// Built beside dist/ and swapped in, so hooks running meanwhile never find it half written.
const dist = path.join(root, 'dist');
const next = path.join(root, 'dist.next');
const old = path.join(root, 'dist.old');
fs.rmSync(next, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'src', 'cli.ts')],
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[name]-[hash]',
  // Bundled CommonJS (yaml) calls require(); ESM has none unless we make one.
  banner: { js: "import { createRequire as __cleanroomRequire } from 'node:module'; const require = __cleanroomRequire(import.meta.url);" },
  logLevel: 'warning',
});
fs.rmSync(old, { recursive: true, force: true });
if (fs.existsSync(dist)) fs.renameSync(dist, old);
fs.renameSync(next, dist);
fs.rmSync(old, { recursive: true, force: true });
