// Type-checks with tsc, then bundles the CLI with esbuild. A hook starts a fresh Node process on
// every commit: one bundled file loads in a fraction of the time Node needs to resolve and read
// dozens of modules (yaml alone is ~70 CommonJS files), and V8 keeps it compiled (src/launch.ts).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
// --no-typecheck: `npm test` has just type-checked src/ with the tests (tsconfig.test.json).
if (!process.argv.includes('--no-typecheck')) {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], {
    cwd: root,
    stdio: 'inherit',
  });
}
// Built beside dist/ and swapped in, so hooks running meanwhile never find it half written.
const dist = path.join(root, 'dist');
const next = path.join(root, 'dist.next');
const old = path.join(root, 'dist.old');
fs.rmSync(next, { recursive: true, force: true });
// esbuild gives a default import of a Node built-in (`import fs from 'node:fs'`) a fresh copy of
// the module, one getter per export (`__toESM(require("node:fs"), 1)`), in each of the ~40
// modules that import one: ~3 ms of a hook's start (A/B, 30 runs). A view with the module as its
// prototype reads the same exports, live, without copying them.
const NODE_INTEROP = /__toESM\(require\("(node:[a-z_/]+)"\), 1\)/g;
function leanInterop(file) {
  const code = fs.readFileSync(file, 'utf8');
  const lean = code.replace(NODE_INTEROP, '__nodeDefault(require("$1"))');
  if (/__toESM\(require\("node:/.test(lean)) throw new Error(`${file}: a Node built-in is still imported through __toESM; extend NODE_INTEROP`);
  fs.writeFileSync(file, lean);
}

// CommonJS, one file per entry: Node starts its ES module loader only for ES modules, and one
// CommonJS script is what V8's code cache (src/launch.ts) can keep compiled between runs.
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': '__cleanroomModuleUrl' },
  banner: {
    js: [
      "const __cleanroomModuleUrl = require('node:url').pathToFileURL(__filename).href;",
      'var __nodeDefault = (m) => Object.create(m, { default: { value: m, enumerable: true } });',
    ].join('\n'),
  },
  logLevel: 'warning',
};

await build({ ...common, entryPoints: [path.join(root, 'src', 'cli.ts')], outfile: path.join(next, 'cli.cjs') });
leanInterop(path.join(next, 'cli.cjs'));
const cli = fs.readFileSync(path.join(next, 'cli.cjs'), 'utf8');
// The launcher compiles the bundle with node:vm, which has no loader for a dynamic import().
if (/\bimport\(/.test(cli)) throw new Error('dist/cli.cjs calls import(); bundle that module or load it with require()');
const bundleId = createHash('sha256').update(cli).digest('hex').slice(0, 16);
await build({
  ...common,
  entryPoints: [path.join(root, 'src', 'launch.ts')],
  outfile: path.join(next, 'launch.cjs'),
  define: { ...common.define, CLEANROOM_BUNDLE_ID: JSON.stringify(bundleId) },
});
leanInterop(path.join(next, 'launch.cjs'));
fs.rmSync(old, { recursive: true, force: true });
if (fs.existsSync(dist)) fs.renameSync(dist, old);
fs.renameSync(next, dist);
fs.rmSync(old, { recursive: true, force: true });
