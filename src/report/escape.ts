/**
 * Text that comes from a repository or a push (paths, message lines, identities, ref names,
 * content excerpts, what an attestation claims) is printed with its control characters escaped,
 * the way git's quote_c_style prints a path: a file named `a<ESC>[2Jb` must not clear the
 * reviewer's terminal, and a trailer ending in `<CR>` must not overwrite the line that names it.
 *
 * Unsafe: C0 controls, DEL, C1 controls (U+009B is a CSI on terminals that read 8-bit controls),
 * and the characters that reorder or end a line without being controls to a regex (bidi
 * embeddings, overrides and isolates, U+2028/U+2029), which make a printed name read as another.
 * Other non-ASCII text is printed as itself: unlike git's default core.quotePath, a name in
 * another script stays readable.
 */

const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
const UNSAFE_IN_BLOCK = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** git's C escapes for the controls that have one; every other unsafe character is written as
 *  the octal of its UTF-8 bytes, as git writes a byte it quotes. */
const C_ESCAPES: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' };

function escapeOne(ch: string): string {
  return C_ESCAPES[ch] ?? [...Buffer.from(ch, 'utf8')].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
}

/** Whether `text` holds anything a terminal would act on instead of print. */
export const hasUnsafe = (text: string): boolean => UNSAFE.test(text);

/** One line of untrusted text, every unsafe character (a newline too) escaped; unchanged when it has none. */
export function printable(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeOne) : text;
}

/**
 * A path as git prints one (quote_c_style): as itself when nothing in it is unsafe, else in double
 * quotes with `"` and `\` escaped too, so the quoted form cannot be mistaken for another name.
 */
export function quotePath(path: string): string {
  return UNSAFE.test(path) ? `"${path.replace(/["\\]/g, '\\$&').replace(UNSAFE_ALL, escapeOne)}"` : path;
}

/** Many lines of untrusted text (a diff, a file's content): newlines and tabs kept, every other
 *  unsafe character escaped. */
export function printableBlock(text: string): string {
  return text.replace(UNSAFE_IN_BLOCK, escapeOne);
}
