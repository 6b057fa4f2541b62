#!/usr/bin/env node
// The only place that ends the process: everything below returns an exit code. CommonJS (see
// package.json here): Node starts its ES module loader only for ES modules, a cost on every hook.
'use strict';
let launch;
try {
  launch = require('../dist/launch.cjs');
} catch (e) {
  if (e?.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes('launch.cjs')) throw e;
  process.stderr.write('cleanroom: error: the compiled CLI (dist/) is missing; run `npm ci` (or `npm run build`) in the cleanroom checkout\n');
  process.exit(2);
}
launch.run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    // The CLI reports its own failures; this is the launcher failing to start it (dist/ damaged).
    process.stderr.write(`cleanroom: error: cannot start the compiled CLI (${e?.message ?? e}); run \`npm ci\` (or \`npm run build\`) in the cleanroom checkout\n`);
    process.exitCode = 2;
  },
);
