// What a reader of outside JSON (assistants' hook payloads, Agent Trace records, statements,
// envelopes, manifests, the signal catalog) may assume of a value, asked one way everywhere:
// JSON.parse gives `unknown`, and a cast in place of a check is how a malformed file gets trusted.

export type JsonObject = Record<string, unknown>;

/** A JSON object: `typeof` says 'object' for null and for arrays too. */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value if it is an object, else null: optional members read with `?.`. */
export const asObject = (v: unknown): JsonObject | null => (isJsonObject(v) ? v : null);

/** The value if it is a string with something in it, else null: an empty field names nothing. */
export const asText = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The value if it is a list, else an empty one: a missing or malformed list holds nothing to read. */
export const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

export function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** A member's value as a problem report quotes it. */
export const shownValue = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v));
