import path from 'node:path';
import fs from 'node:fs';
import { PACKAGE_ROOT } from './paths.js';

/** The name on the package registry (`cleanroom` there is an unrelated package); the command is `cleanroom`. */
export const PACKAGE_NAME = 'git-cleanroom';

export function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
