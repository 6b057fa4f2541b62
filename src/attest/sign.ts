// Signing is left to ssh-keygen: it already knows every key store a reviewer may use (key files
// with passphrases, ssh-agent, FIDO tokens that ask for a touch), and cleanroom never holds a
// private key.
import { spawn } from 'node:child_process';
import { CleanroomError } from '../errors.js';
import { pae, PAYLOAD_TYPE, type Envelope } from './dsse.js';
import { fingerprint, SshError } from './ssh.js';
import { dearmorSshsig, parseSshsig, verifySshsig } from './sshsig.js';
import { serializeStatement, type Statement } from './statement.js';

export interface SignOptions {
  /** What `ssh-keygen -f` takes: a private key file, or a .pub file whose private half is in ssh-agent. */
  readonly key: string;
  readonly namespace: string;
  readonly cwd: string;
  /** Passed to ssh-keygen as is: SSH_AUTH_SOCK in it decides whether the agent is used. */
  readonly env: NodeJS.ProcessEnv;
  /** Receives ssh-keygen's stderr as it arrives, so a reviewer sees "Confirm user presence" prompts. */
  readonly stderr?: NodeJS.WritableStream;
}

/** Runs `ssh-keygen -Y sign` over `message` (read from stdin, so nothing is written to disk) and returns the binary SSHSIG. */
export async function signPayload(message: Uint8Array, opts: SignOptions): Promise<Uint8Array> {
  const { stdout, stderr, status } = await run(['-Y', 'sign', '-n', opts.namespace, '-f', opts.key], message, opts);
  if (status !== 0) {
    const said = stderr
      .trim()
      .split('\n')
      .filter((l) => l !== 'Signing data on standard input')
      .join('; ');
    throw new CleanroomError(
      'EATTEST',
      `ssh-keygen -Y sign -f ${opts.key} failed (exit ${status})${said === '' ? '' : `: ${said}`}; check that the key file exists and its passphrase or security key is at hand`,
    );
  }
  let sig: Uint8Array;
  try {
    sig = dearmorSshsig(stdout);
  } catch (e) {
    if (e instanceof SshError)
      throw new CleanroomError('EATTEST', `ssh-keygen -Y sign printed something other than a signature (${e.message}); is ssh-keygen OpenSSH 8.2 or newer?`);
    throw e;
  }
  // Refuse now, at the reviewer's desk, what every verifier would refuse later (an RSA-1024 key, say).
  const check = verifySshsig(message, sig, opts.namespace);
  if (!check.ok) throw new CleanroomError('EATTEST', `the signature ssh-keygen made with ${opts.key} would not be accepted: ${check.problem}`);
  return sig;
}

/** Signs a new statement: the envelope to write to attestationPath(envelope.payload). */
export async function signStatement(statement: Statement, opts: SignOptions): Promise<Envelope> {
  const payload = serializeStatement(statement);
  const sig = await signPayload(pae(PAYLOAD_TYPE, payload), opts);
  return addSignature({ payloadType: PAYLOAD_TYPE, payload, signatures: [] }, sig);
}

/** Co-signing for review.threshold > 1; a second signature by the same key would count for nothing. */
export function addSignature(envelope: Envelope, sig: Uint8Array): Envelope {
  const key = publicKeyOf(sig);
  if (key === undefined) throw new CleanroomError('EATTEST', 'cannot add the signature: it is not a well-formed SSH signature (ssh-keygen -Y sign output)');
  for (const s of envelope.signatures) {
    // A broken signature already in the envelope is the verifier's to report, not a reason to refuse a good one.
    const other = publicKeyOf(s.sig);
    if (other !== undefined && Buffer.from(other).equals(key)) {
      throw new CleanroomError('EATTEST', `the envelope is already signed by ${fingerprint(key)}; another reviewer must co-sign with their own key`);
    }
  }
  return { ...envelope, signatures: [...envelope.signatures, { keyid: fingerprint(key), sig }] };
}

function publicKeyOf(sig: Uint8Array): Uint8Array | undefined {
  try {
    return parseSshsig(sig).publicKey;
  } catch (e) {
    if (e instanceof SshError) return undefined;
    throw e;
  }
}

interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

function run(args: readonly string[], input: Uint8Array, opts: SignOptions): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh-keygen', args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      opts.stderr?.write(b);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT'
          ? new CleanroomError('EATTEST', 'ssh-keygen was not found on PATH; install OpenSSH 8.2 or newer to sign reviews')
          : new CleanroomError('EATTEST', `cannot run ssh-keygen: ${e.message}`),
      );
    });
    // ssh-keygen may exit before reading all input (a missing key file); that EPIPE is not the error to report.
    child.stdin.on('error', () => undefined);
    child.on('close', (status) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), status: status ?? 128 }));
    child.stdin.end(input);
  });
}
