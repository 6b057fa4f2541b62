/**
 * Bounds on what cleanroom parses from files a repository (or a pusher) controls, checked before a
 * parser sees a byte: JSON.parse takes seconds over a few megabytes of nested brackets, and the
 * YAML parser runs out of memory on them, so a planted attestation or policy could otherwise hold
 * a hook past its host's time limit or crash it. Each bound is far above what a real file needs.
 */

/** An attestation envelope: a statement of ten thousand files is about 3 MiB of base64. */
export const MAX_ENVELOPE_BYTES = 8 * 1024 * 1024;
/** A policy is a few dozen lines. */
export const MAX_POLICY_BYTES = 256 * 1024;
/** One line per reviewer key: room for tens of thousands of reviewers. */
export const MAX_ALLOWED_SIGNERS_BYTES = 8 * 1024 * 1024;
/** An envelope nests 3 levels, a statement 4, a policy 4. */
export const MAX_NESTING = 64;

const OPEN_SQUARE = 0x5b;
const OPEN_CURLY = 0x7b;
const CLOSE_SQUARE = 0x5d;
const CLOSE_CURLY = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** `<what>; expected <what>` when the JSON in `bytes` is too large or nests too deep to be read. */
export function jsonLimitProblem(bytes: Uint8Array, maxBytes: number): string | undefined {
  if (bytes.length > maxBytes) return `it is ${bytes.length} bytes; expected at most ${maxBytes}`;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > MAX_NESTING) return `it nests arrays and objects more than ${MAX_NESTING} deep; expected a flat document`;
    } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) depth--;
  }
  return undefined;
}

/**
 * The same for YAML text: every `[` and `{` counts, quoted or commented or not. YAML's quoting
 * and comments depend on where a character stands, and a scan that skipped them could be led to
 * skip real nesting; brackets in a real policy's strings balance. Block nesting needs a line per
 * level, so the size bound bounds it.
 */
export function yamlLimitProblem(text: string, maxBytes: number): string | undefined {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) return `it is ${size} bytes; expected at most ${maxBytes}`;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > MAX_NESTING) return `it nests brackets ([ or {) more than ${MAX_NESTING} deep; expected a plain policy`;
    } else if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && depth > 0) depth--;
  }
  return undefined;
}
