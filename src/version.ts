import path from 'node:path';
import fs from 'node:fs';
import { PACKAGE_ROOT } from './paths.js';

export function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
