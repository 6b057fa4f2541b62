// The SSH wire format (RFC 4251 §5) and the public-key signature algorithms OpenSSH signs with,
// on node:crypto alone: keys are imported as JWK so no DER has to be assembled by hand.
// Sources: RFC 4253 §6.6 (ssh-ed25519 via RFC 8709, ssh-rsa), RFC 8332 (rsa-sha2-256/512),
// RFC 5656 §3.1 (ecdsa-sha2-*), openssh-portable PROTOCOL.u2f (sk-* keys and signatures).
import { createHash, createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Malformed or unacceptable SSH data; the attestation code turns it into a problem for the user. */
export class SshError extends Error {
  override readonly name = 'SshError';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class SshReader {
  private offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    /** What is being read, for messages: "SSH signature", "public key". */
    private readonly what: string,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  raw(length: number): Uint8Array {
    if (length > this.remaining) throw new SshError(`${this.what} is truncated: ${length} bytes needed at offset ${this.offset}, ${this.remaining} left`);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  byte(): number {
    return this.raw(1)[0] as number;
  }

  uint32(): number {
    const b = this.raw(4);
    return (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0;
  }

  string(): Uint8Array {
    return this.raw(this.uint32());
  }

  /** A string holding text: no NUL (OpenSSH's sshbuf_get_cstring refuses it) and UTF-8, so it compares as a JS string. */
  text(): string {
    const bytes = this.string();
    if (bytes.includes(0)) throw new SshError(`${this.what} holds a text field with a NUL byte`);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new SshError(`${this.what} holds a text field that is not UTF-8`);
    }
  }

  /** A non-negative mpint as its magnitude without leading zero bytes. */
  mpint(): Uint8Array {
    const b = this.string();
    if (b.length > 0 && ((b[0] as number) & 0x80) !== 0) throw new SshError(`${this.what} holds a negative integer`);
    let start = 0;
    while (start < b.length && b[start] === 0) start++;
    return b.subarray(start);
  }

  /** Trailing bytes could smuggle data past a parser that stops early, so every structure ends exactly. */
  end(): void {
    if (this.remaining !== 0) throw new SshError(`${this.what} has ${this.remaining} unexpected trailing bytes`);
  }
}

export function sshUint32(n: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function sshString(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([sshUint32(bytes.length), bytes]);
}

export type SshKeyType =
  | 'ssh-ed25519'
  | 'ssh-rsa'
  | 'ecdsa-sha2-nistp256'
  | 'ecdsa-sha2-nistp384'
  | 'ecdsa-sha2-nistp521'
  | 'sk-ssh-ed25519@openssh.com'
  | 'sk-ecdsa-sha2-nistp256@openssh.com';

export interface SshPublicKey {
  readonly type: SshKeyType;
  /** The key exactly as encoded on the wire; allowed_signers lines are matched against these bytes. */
  readonly blob: Uint8Array;
  readonly key: KeyObject;
  readonly bits: number;
  /** FIDO keys only: the application (relying party) the authenticator bound the key to, usually "ssh:". */
  readonly application?: string;
}

/** RSA below this is within reach of well-funded factoring; OpenSSH itself still accepts 1024. */
const RSA_MIN_BITS = 2048;
/** OpenSSH's own ceiling (SSHBUF_MAX_BIGNUM); bigger moduli only cost verification time. */
const RSA_MAX_BITS = 16384;

interface Curve {
  readonly name: 'nistp256' | 'nistp384' | 'nistp521';
  readonly jwk: 'P-256' | 'P-384' | 'P-521';
  readonly size: number;
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  readonly bits: number;
}

const CURVES = {
  'ecdsa-sha2-nistp256': { name: 'nistp256', jwk: 'P-256', size: 32, hash: 'sha256', bits: 256 },
  'ecdsa-sha2-nistp384': { name: 'nistp384', jwk: 'P-384', size: 48, hash: 'sha384', bits: 384 },
  'ecdsa-sha2-nistp521': { name: 'nistp521', jwk: 'P-521', size: 66, hash: 'sha512', bits: 521 },
} as const satisfies Record<string, Curve>;

/** The names ssh-keygen -l prints in brackets. */
const KEY_LABELS: Record<SshKeyType, string> = {
  'ssh-ed25519': 'ED25519',
  'ssh-rsa': 'RSA',
  'ecdsa-sha2-nistp256': 'ECDSA',
  'ecdsa-sha2-nistp384': 'ECDSA',
  'ecdsa-sha2-nistp521': 'ECDSA',
  'sk-ssh-ed25519@openssh.com': 'ED25519-SK',
  'sk-ecdsa-sha2-nistp256@openssh.com': 'ECDSA-SK',
};

/** `SHA256:<unpadded base64>`, the form `ssh-keygen -l` prints. */
export function fingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** "ED25519 key SHA256:…", the phrase ssh-keygen uses, so users can match it with `ssh-keygen -l`. */
export function describeKey(type: SshKeyType, blob: Uint8Array): string {
  return `${KEY_LABELS[type]} key ${fingerprint(blob)}`;
}

/** Reviewers sign many statements with few keys; building a KeyObject is the costly part. */
const parsedKeys = new Map<string, SshPublicKey>();

/** Parses a public key blob; throws SshError for anything cleanroom does not accept, saying why. */
export function parsePublicKey(blob: Uint8Array): SshPublicKey {
  const id = Buffer.from(blob).toString('base64');
  const known = parsedKeys.get(id);
  if (known) return known;
  const key = parseKeyBlob(blob);
  parsedKeys.set(id, key);
  return key;
}

function parseKeyBlob(blob: Uint8Array): SshPublicKey {
  const r = new SshReader(blob, 'public key');
  const type = r.text();
  let parsed: Omit<SshPublicKey, 'blob'>;
  switch (type) {
    case 'ssh-ed25519':
    case 'sk-ssh-ed25519@openssh.com': {
      const pk = r.string();
      if (pk.length !== 32) throw new SshError(`${type} public key has ${pk.length} bytes; expected 32`);
      const key = importKey({ kty: 'OKP', crv: 'Ed25519', x: b64url(pk) }, type);
      parsed = type === 'ssh-ed25519' ? { type, key, bits: 256 } : { type, key, bits: 256, application: r.text() };
      break;
    }
    case 'ssh-rsa': {
      const e = r.mpint();
      const n = r.mpint();
      const bits = bitLength(n);
      if (bits < RSA_MIN_BITS) throw new SshError(`RSA key has ${bits} bits; cleanroom accepts ${RSA_MIN_BITS} or more (make a new key: ssh-keygen -t ed25519)`);
      if (bits > RSA_MAX_BITS) throw new SshError(`RSA key has ${bits} bits; cleanroom accepts at most ${RSA_MAX_BITS}`);
      parsed = { type, key: importKey({ kty: 'RSA', n: b64url(n), e: b64url(e) }, type), bits };
      break;
    }
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
    case 'sk-ecdsa-sha2-nistp256@openssh.com': {
      const curve = type === 'sk-ecdsa-sha2-nistp256@openssh.com' ? CURVES['ecdsa-sha2-nistp256'] : CURVES[type];
      const key = importKey(ecJwk(curve, r.text(), r.string(), type), type);
      parsed = type === 'sk-ecdsa-sha2-nistp256@openssh.com' ? { type, key, bits: curve.bits, application: r.text() } : { type, key, bits: curve.bits };
      break;
    }
    default:
      if (type.endsWith('-cert-v01@openssh.com')) {
        throw new SshError(`the signature was made with an OpenSSH certificate (${type}); cleanroom trusts plain keys listed in allowed_signers only: sign with the key itself`);
      }
      throw new SshError(`key type ${type} is not supported; use ssh-ed25519, ecdsa-sha2-nistp256/384/521, RSA of ${RSA_MIN_BITS}+ bits, or a FIDO sk-ssh-ed25519 / sk-ecdsa key`);
  }
  r.end();
  return { ...parsed, blob };
}

function ecJwk(curve: Curve, identifier: string, q: Uint8Array, type: string): JsonWebKey {
  if (identifier !== curve.name) throw new SshError(`${type} public key names curve ${identifier}; expected ${curve.name}`);
  // OpenSSH writes only uncompressed points: 0x04 || X || Y.
  if (q.length !== 1 + 2 * curve.size || q[0] !== 0x04) throw new SshError(`${type} public key point is not an uncompressed ${curve.name} point`);
  return { kty: 'EC', crv: curve.jwk, x: b64url(q.subarray(1, 1 + curve.size)), y: b64url(q.subarray(1 + curve.size)) };
}

function importKey(jwk: JsonWebKey, type: string): KeyObject {
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    // OpenSSL refuses points off the curve and malformed values; the reason is not more useful than this.
    throw new SshError(`${type} public key is not a valid key`);
  }
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function bitLength(magnitude: Uint8Array): number {
  const top = magnitude[0];
  return top === undefined ? 0 : (magnitude.length - 1) * 8 + (32 - Math.clz32(top));
}

/** FIDO authenticator flags (CTAP2 authenticator data): user present, user verified. */
export const SK_USER_PRESENT = 0x01;
export const SK_USER_VERIFIED = 0x04;

/** `malformed`: the blob is not a signature this key type can make (as opposed to a wrong one). */
export type SignatureCheck = { readonly ok: true; readonly flags?: number } | { readonly ok: false; readonly malformed: boolean; readonly problem: string };

/**
 * The one public-key operation a signature check comes down to, for crypto.verify to run now or
 * on libuv's thread pool (many signatures verify side by side there).
 */
interface VerifyJob {
  readonly algorithm: string | null;
  readonly data: Uint8Array;
  readonly key: KeyObject | { readonly key: KeyObject; readonly dsaEncoding: 'ieee-p1363' };
  readonly signature: Uint8Array;
  /** The FIDO flags the signature carries: authenticated only once the job verifies. */
  readonly flags?: number;
}

/**
 * Checks an SSH signature blob (`string algorithm, string signature[, byte flags, uint32 counter]`)
 * over `data`. For FIDO keys the authenticator signed SHA256(application) || flags || counter ||
 * SHA256(data), so flags are authenticated and returned: only they show whether a human touched it.
 */
export function verifySignature(key: SshPublicKey, data: Uint8Array, signature: Uint8Array): SignatureCheck {
  const job = prepare(key, data, signature);
  return 'ok' in job ? job : settle(job, verify(job.algorithm, job.data, job.key, job.signature));
}

/** verifySignature with the public-key operation on the thread pool. */
export async function verifySignatureAsync(key: SshPublicKey, data: Uint8Array, signature: Uint8Array): Promise<SignatureCheck> {
  const job = prepare(key, data, signature);
  if ('ok' in job) return job;
  const ok = await new Promise<boolean>((resolve, reject) => verify(job.algorithm, job.data, job.key, job.signature, (e, valid) => (e ? reject(e) : resolve(valid))));
  return settle(job, ok);
}

const MISMATCH: SignatureCheck = { ok: false, malformed: false, problem: 'the signature does not match the signed data' };

function settle(job: VerifyJob, ok: boolean): SignatureCheck {
  if (!ok) return MISMATCH;
  return job.flags === undefined ? { ok: true } : { ok: true, flags: job.flags };
}

/** Reads the signature blob against the key: the job to run, or already the answer (a blob this
 *  key type cannot make, or a size that cannot match). */
function prepare(key: SshPublicKey, data: Uint8Array, signature: Uint8Array): VerifyJob | SignatureCheck {
  try {
    return jobFor(key, data, signature);
  } catch (e) {
    if (e instanceof SshError) return { ok: false, malformed: true, problem: e.message };
    throw e;
  }
}

function jobFor(key: SshPublicKey, data: Uint8Array, signature: Uint8Array): VerifyJob | SignatureCheck {
  const r = new SshReader(signature, 'signature');
  const algorithm = r.text();
  const sig = r.string();
  switch (key.type) {
    case 'ssh-ed25519':
      expectAlgorithm(algorithm, [key.type], key.type);
      r.end();
      return sig.length === 64 ? { algorithm: null, data, key: key.key, signature: sig } : MISMATCH;
    case 'ssh-rsa': {
      if (algorithm === 'ssh-rsa') throw new SshError('RSA signature uses ssh-rsa (SHA-1), which is broken; re-sign with a current ssh-keygen, which uses rsa-sha2-512');
      expectAlgorithm(algorithm, ['rsa-sha2-512', 'rsa-sha2-256'], key.type);
      r.end();
      // Some signers drop an RSA signature's leading zero bytes (OpenSSH accepts that); OpenSSL wants the full modulus length.
      const size = Math.ceil(key.bits / 8);
      if (sig.length > size) return MISMATCH;
      return { algorithm: algorithm === 'rsa-sha2-512' ? 'sha512' : 'sha256', data, key: key.key, signature: Buffer.concat([Buffer.alloc(size - sig.length), sig]) };
    }
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
      expectAlgorithm(algorithm, [key.type], key.type);
      r.end();
      return ecdsaJob(CURVES[key.type], data, key.key, sig) ?? MISMATCH;
    case 'sk-ssh-ed25519@openssh.com': {
      expectAlgorithm(algorithm, [key.type], key.type);
      const { flags, message } = skMessage(key, r, data);
      return sig.length === 64 ? { algorithm: null, data: message, key: key.key, signature: sig, flags } : MISMATCH;
    }
    case 'sk-ecdsa-sha2-nistp256@openssh.com': {
      expectAlgorithm(algorithm, [key.type], key.type);
      const { flags, message } = skMessage(key, r, data);
      const job = ecdsaJob(CURVES['ecdsa-sha2-nistp256'], message, key.key, sig);
      return job ? { ...job, flags } : MISMATCH;
    }
  }
}

function expectAlgorithm(algorithm: string, allowed: readonly string[], keyType: string): void {
  if (!allowed.includes(algorithm)) throw new SshError(`signature algorithm ${algorithm} does not fit a ${keyType} key; expected ${allowed.join(' or ')}`);
}

/** Reads flags and counter after the signature and rebuilds what the authenticator signed. */
function skMessage(key: SshPublicKey, r: SshReader, data: Uint8Array): { flags: number; message: Uint8Array } {
  const flags = r.byte();
  const counter = r.uint32();
  r.end();
  return { flags, message: Buffer.concat([sha256(key.application ?? ''), Uint8Array.of(flags), sshUint32(counter), sha256(data)]) };
}

function sha256(data: Uint8Array | string): Uint8Array {
  return createHash('sha256').update(data).digest();
}

/** ECDSA signatures travel as `mpint r, mpint s`; node:crypto takes them as fixed-width r || s.
 *  null when r or s is too long for the curve (no such signature can match). */
function ecdsaJob(curve: Curve, data: Uint8Array, key: KeyObject, sig: Uint8Array): VerifyJob | null {
  const r = new SshReader(sig, 'ECDSA signature');
  const rs = [r.mpint(), r.mpint()];
  r.end();
  if (rs.some((v) => v.length > curve.size)) return null;
  const p1363 = Buffer.concat(rs.map((v) => Buffer.concat([Buffer.alloc(curve.size - v.length), v])));
  return { algorithm: curve.hash, data, key: { key, dsaEncoding: 'ieee-p1363' }, signature: p1363 };
}
