// DSSE v1 (secure-systems-lab/dsse protocol.md, envelope.md): signatures cover
// PAE(payloadType, payload), never the JSON envelope, so the envelope's own formatting is free and
// the payload is only ever read from the exact bytes that were verified.
import { createHash } from 'node:crypto';
import { jsonLimitProblem, MAX_ENVELOPE_BYTES } from '../input-limits.js';
import { ATTESTATION_DIR, ATTESTATION_SUFFIX } from '../layout.js';
import { isJsonObject } from '../json-guards.js';

/** in-toto spec/v1/envelope.md: the payloadType for an in-toto Statement. */
export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** Where attestations live in the tree, relative to the repository root. */

export interface DsseSignature {
  /** An unauthenticated hint (DSSE: "MUST NOT be used for security decisions"); we write the key fingerprint. */
  readonly keyid?: string;
  /** A binary SSHSIG blob. */
  readonly sig: Uint8Array;
}

export interface Envelope {
  readonly payloadType: string;
  readonly payload: Uint8Array;
  readonly signatures: readonly DsseSignature[];
}

/** "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes as ASCII decimal. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'ascii'), type, Buffer.from(` ${payload.length} `, 'ascii'), payload]);
}

export type EnvelopeParse = { readonly ok: true; readonly envelope: Envelope } | { readonly ok: false; readonly problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict about what DSSE requires, silent about fields it does not know (in-toto: ignore unknown fields).
 *  `maxBytes`: a review's bound unless the caller reads a larger kind of statement. */
export function parseEnvelope(bytes: Uint8Array, maxBytes = MAX_ENVELOPE_BYTES): EnvelopeParse {
  const bad = (why: string): EnvelopeParse => ({ ok: false, problem: `not a DSSE envelope: ${why}` });
  const tooMuch = jsonLimitProblem(bytes, maxBytes);
  if (tooMuch !== undefined) return bad(tooMuch);
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch {
    return bad('the file is not UTF-8 JSON');
  }
  if (!isJsonObject(json)) return bad('expected a JSON object');
  const { payloadType, payload, signatures } = json;
  if (typeof payloadType !== 'string') return bad('"payloadType" must be a string');
  if (typeof payload !== 'string') return bad('"payload" must be a base64 string');
  const body = decodeBase64(payload);
  if (body === undefined) return bad('"payload" is not valid base64 (standard or URL-safe)');
  if (!Array.isArray(signatures) || signatures.length === 0) return bad('"signatures" must be a non-empty list');
  const sigs: DsseSignature[] = [];
  for (const [i, s] of signatures.entries()) {
    if (!isJsonObject(s) || typeof s.sig !== 'string') return bad(`signatures[${i}] needs a "sig" string`);
    const sig = decodeBase64(s.sig);
    if (sig === undefined || sig.length === 0) return bad(`signatures[${i}].sig is not valid base64 (standard or URL-safe)`);
    sigs.push(typeof s.keyid === 'string' ? { keyid: s.keyid, sig } : { sig });
  }
  return { ok: true, envelope: { payloadType, payload: body, signatures: sigs } };
}

/** Stable key order and layout, so re-signing or co-signing changes only the lines it must. */
export function serializeEnvelope(envelope: Envelope): string {
  const doc = {
    payload: Buffer.from(envelope.payload).toString('base64'),
    payloadType: envelope.payloadType,
    signatures: envelope.signatures.map((s) => ({ ...(s.keyid === undefined ? {} : { keyid: s.keyid }), sig: Buffer.from(s.sig).toString('base64') })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `.cleanroom/attestations/<first 16 hex of sha256(payload)>.dsse.json`: co-signing keeps the name. */
export function attestationPath(payload: Uint8Array): string {
  return `${ATTESTATION_DIR}/${createHash('sha256').update(payload).digest('hex').slice(0, 16)}${ATTESTATION_SUFFIX}`;
}

/**
 * DSSE: verifiers "MUST accept either" standard or URL-safe base64. Node's decoder skips any
 * character it does not know, so the text is checked first: one alphabet, padding only where
 * it belongs, no stray bits in the last character (re-encoding must give the same text).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const m = /^(?:([A-Za-z0-9+/]*)|([A-Za-z0-9_-]*))(={0,2})$/.exec(text);
  if (m === null) return undefined;
  const body = m[1] ?? m[2] ?? '';
  const padding = m[3] ?? '';
  if (body.length % 4 === 1 || (padding !== '' && (body.length + padding.length) % 4 !== 0)) return undefined;
  const urlSafe = m[1] === undefined;
  const bytes = Buffer.from(body, urlSafe ? 'base64url' : 'base64');
  const again = bytes.toString(urlSafe ? 'base64url' : 'base64').replace(/=+$/, '');
  return again === body ? bytes : undefined;
}
