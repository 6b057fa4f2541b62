// OpenSSH signatures (openssh-portable PROTOCOL.sshsig), what `ssh-keygen -Y sign` writes:
//   byte[6] "SSHSIG" | uint32 1 | string publickey | string namespace | string reserved
//   | string hash_algorithm | string signature
// where the key signs  byte[6] "SSHSIG" | string namespace | string "" | string hash_algorithm
// | string H(message). The namespace inside the signed data is what keeps a reviewer's git commit
// signature (namespace "git") from being replayed as a review.
import { createHash } from 'node:crypto';
import {
  describeKey,
  fingerprint,
  parsePublicKey,
  SshError,
  SshReader,
  sshString,
  verifySignature,
  verifySignatureAsync,
  type SignatureCheck,
  type SshKeyType,
  type SshPublicKey,
} from './ssh.js';

const MAGIC = Buffer.from('SSHSIG', 'ascii');
const VERSION = 1;
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
/** ssh-keygen wraps the armoured base64 at 70 columns (sshbuf_dtob64 with wrap), whatever PROTOCOL.sshsig suggests. */
const ARMOR_WIDTH = 70;

export type SshsigHash = 'sha256' | 'sha512';

export interface Sshsig {
  readonly publicKey: Uint8Array;
  readonly namespace: string;
  readonly hashAlgorithm: SshsigHash;
  readonly signature: Uint8Array;
}

/** Throws SshError when the blob is not a well-formed version 1 SSHSIG. */
export function parseSshsig(blob: Uint8Array): Sshsig {
  const r = new SshReader(blob, 'SSH signature');
  if (!Buffer.from(r.raw(Math.min(MAGIC.length, r.remaining))).equals(MAGIC)) throw new SshError('not an SSH signature: it does not start with "SSHSIG"');
  const version = r.uint32();
  if (version !== VERSION) throw new SshError(`SSH signature version ${version} is not supported; expected ${VERSION}`);
  const publicKey = r.string();
  const namespace = r.text();
  // PROTOCOL.sshsig: "Implementations should ignore the reserved field if it is not empty"; the
  // signed data always carries it empty, as ssh-keygen does.
  r.string();
  const hashAlgorithm = r.text();
  const signature = r.string();
  r.end();
  if (namespace === '') throw new SshError('SSH signature has an empty namespace');
  if (hashAlgorithm !== 'sha256' && hashAlgorithm !== 'sha512')
    throw new SshError(`SSH signature hash ${JSON.stringify(hashAlgorithm)} is not supported; expected sha256 or sha512`);
  return { publicKey, namespace, hashAlgorithm, signature };
}

/** The bytes the key actually signs for `message` in `namespace`. */
export function sshsigSignedData(namespace: string, hashAlgorithm: SshsigHash, message: Uint8Array): Uint8Array {
  const digest = createHash(hashAlgorithm).update(message).digest();
  return Buffer.concat([MAGIC, sshString(namespace), sshString(''), sshString(hashAlgorithm), sshString(digest)]);
}

export function armorSshsig(blob: Uint8Array): string {
  const b64 = Buffer.from(blob).toString('base64');
  const lines = [];
  for (let i = 0; i < b64.length; i += ARMOR_WIDTH) lines.push(b64.slice(i, i + ARMOR_WIDTH));
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

const ARMOR = new RegExp(`^${BEGIN}\\r?\\n([A-Za-z0-9+/=\\r\\n]+?)\\r?\\n${END}\\r?\\n?$`);

/** Throws SshError unless `text` is one armoured signature and nothing else. */
export function dearmorSshsig(text: string): Uint8Array {
  const body = ARMOR.exec(text)?.[1];
  if (body === undefined) throw new SshError(`not an armoured SSH signature: expected "${BEGIN}", base64 lines, "${END}"`);
  const b64 = body.replace(/\r?\n/g, '');
  const blob = Buffer.from(b64, 'base64');
  if (blob.toString('base64') !== b64) throw new SshError('armoured SSH signature holds malformed base64');
  return blob;
}

export type SshsigVerdict =
  | { readonly ok: true; readonly publicKeyBlob: Uint8Array; readonly keyType: SshKeyType; readonly fingerprint: string; readonly flags?: number }
  | { readonly ok: false; readonly kind: SshsigFailure; readonly problem: string };

/**
 * malformed: not a well-formed SSHSIG; namespace: made for another purpose; key: a key type or
 * size cleanroom refuses; mismatch: the signature does not verify over the message.
 */
export type SshsigFailure = 'malformed' | 'namespace' | 'key' | 'mismatch';

/**
 * Checks that `sig` is an SSHSIG over `message` in exactly `namespace`, made by the key it carries.
 * Who that key belongs to is a separate question: see allowed-signers.ts.
 */
export function verifySshsig(message: Uint8Array, sig: Uint8Array, namespace: string): SshsigVerdict {
  const read = readSshsig(message, sig, namespace);
  return 'ok' in read ? read : verdictOf(read, verifySignature(read.key, read.signedData, read.signature));
}

/** verifySshsig with the public-key operation on the thread pool. */
export async function verifySshsigAsync(message: Uint8Array, sig: Uint8Array, namespace: string): Promise<SshsigVerdict> {
  const read = readSshsig(message, sig, namespace);
  return 'ok' in read ? read : verdictOf(read, await verifySignatureAsync(read.key, read.signedData, read.signature));
}

interface ReadSshsig {
  readonly key: SshPublicKey;
  readonly signedData: Uint8Array;
  readonly signature: Uint8Array;
}

/** Everything short of the signature check: the parts to check, or already the refusal. */
function readSshsig(message: Uint8Array, sig: Uint8Array, namespace: string): ReadSshsig | SshsigVerdict {
  let parsed: Sshsig;
  try {
    parsed = parseSshsig(sig);
  } catch (e) {
    if (e instanceof SshError) return { ok: false, kind: 'malformed', problem: e.message };
    throw e;
  }
  if (parsed.namespace !== namespace) return { ok: false, kind: 'namespace', problem: namespaceProblem(parsed.namespace, namespace) };
  let key: SshPublicKey;
  try {
    key = parsePublicKey(parsed.publicKey);
  } catch (e) {
    if (e instanceof SshError) return { ok: false, kind: 'key', problem: e.message };
    throw e;
  }
  return { key, signedData: sshsigSignedData(namespace, parsed.hashAlgorithm, message), signature: parsed.signature };
}

function verdictOf({ key }: ReadSshsig, checked: SignatureCheck): SshsigVerdict {
  if (!checked.ok) return { ok: false, kind: checked.malformed ? 'malformed' : 'mismatch', problem: `${describeKey(key.type, key.blob)}: ${checked.problem}` };
  const base = { ok: true, publicKeyBlob: key.blob, keyType: key.type, fingerprint: fingerprint(key.blob) } as const;
  return checked.flags === undefined ? base : { ...base, flags: checked.flags };
}

function namespaceProblem(got: string, expected: string): string {
  const what = got === 'git' ? ' (a git commit or tag signature, which says nothing about a review)' : '';
  return `signed in namespace ${JSON.stringify(got)}${what}, not ${JSON.stringify(expected)}; sign the review with ssh-keygen -Y sign -n ${expected}`;
}
