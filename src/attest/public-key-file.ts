// An OpenSSH public key as a .pub file holds it (`<key type> <base64 key> [comment]`), and the
// public half of the key `attest` is about to sign with: who a signature will name is known
// before anything is signed.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { CleanroomError } from '../errors.js';
import { describeKey, parsePublicKey, SshError, type SshKeyType, type SshPublicKey } from './ssh.js';

export interface PublicKeyFile {
  readonly type: SshKeyType;
  /** The key as encoded on the wire: what allowed_signers lines are matched against. */
  readonly blob: Uint8Array;
  /** The base64 of `blob`, as written after the key type. */
  readonly base64: string;
  /** What follows the key on its line (often user@host); '' for none. */
  readonly comment: string;
  /** "ED25519 key SHA256:…", as ssh-keygen -l names it. */
  readonly description: string;
}

/**
 * Reads one public key, refusing what a verifier would refuse (unknown or certificate types,
 * RSA below 2048 bits, a base64 body whose key is of another type than its line says).
 * `source` names the file in messages.
 */
export function parsePublicKeyFile(text: string, source: string): PublicKeyFile {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const bad = (why: string): never => {
    throw new CleanroomError('EATTEST', `${source}: not an OpenSSH public key: ${why}; expected one line "<key type> <base64 key> [comment]", as ssh-keygen writes to KEY.pub`);
  };
  if (/^-----BEGIN [A-Z ]*PRIVATE KEY-----/m.test(text)) return bad('this is a private key; pass its .pub file');
  if (lines.length !== 1) return bad(lines.length === 0 ? 'the file holds no key' : `the file holds ${lines.length} lines; give one key`);
  const [type, base64, ...comment] = (lines[0] as string).split(/[ \t]+/);
  if (type === undefined || base64 === undefined) return bad('a key type and a base64 key are needed');
  const blob = Buffer.from(base64, 'base64');
  if (blob.length === 0 || blob.toString('base64') !== base64) return bad(`the text after ${type} is not base64`);
  let key: SshPublicKey;
  try {
    key = parsePublicKey(blob);
  } catch (e) {
    if (e instanceof SshError) return bad(e.message);
    throw e;
  }
  if (key.type !== type) return bad(`the line says ${type}, but its key is ${key.type}`);
  return { type: key.type, blob, base64, comment: comment.join(' '), description: describeKey(key.type, blob) };
}

/**
 * The public half of what `ssh-keygen -Y sign -f key` signs with: the key itself when it is a
 * .pub file (its private half in ssh-agent), else the KEY.pub beside it, else what
 * `ssh-keygen -y` derives from a private key without a passphrase.
 */
export async function signingPublicKey(key: string, env: NodeJS.ProcessEnv): Promise<PublicKeyFile> {
  for (const file of key.endsWith('.pub') ? [key] : [`${key}.pub`]) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    return parsePublicKeyFile(text, file);
  }
  const derived = await new Promise<string | null>((resolve) => {
    execFile('ssh-keygen', ['-y', '-P', '', '-f', key], { env, timeout: 30_000 }, (e, stdout) => resolve(e ? null : stdout));
  });
  if (derived === null) {
    throw new CleanroomError(
      'EATTEST',
      `${key}: cannot read its public key (no ${key}.pub beside it, and \`ssh-keygen -y -f ${key}\` needs a passphrase or failed); put the .pub file beside the key, or pass --key KEY.pub with the private key in ssh-agent`,
    );
  }
  return parsePublicKeyFile(derived, `${key} (its public half)`);
}
