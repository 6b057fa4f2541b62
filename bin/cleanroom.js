#!/usr/bin/env node
// The only place that ends the process: everything below returns an exit code.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  process.stderr.write('cleanroom: error: the compiled CLI (dist/) is missing; run `npm ci` (or `npm run build`) in the cleanroom checkout\n');
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
