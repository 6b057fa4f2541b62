import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHILD_TIMEOUT_MS, cleanEnv, tempDir } from './git.js';

let folder: string | undefined;

/** A fresh ed25519 key without passphrase, and its allowed_signers line as `<name>@example.org`
 *  allowed to sign in the review namespace. */
export function makeKey(name: string): { key: string; line: string } {
  folder ??= tempDir('keys');
  const key = path.join(folder, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key], { env: cleanEnv(), timeout: CHILD_TIMEOUT_MS });
  const pub = fs.readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { key, line: `${name}@example.org namespaces="cleanroom-review-v1" ${pub}` };
}
