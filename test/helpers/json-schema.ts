/**
 * JSON Schema validation for the tests, by ajv: a schema is checked the way editors and other
 * tools read it, not by a reader of our own that could skip a keyword it does not know.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, Options } from 'ajv';

// CommonJS modules whose module object is the export itself; require() types that exactly.
const require = createRequire(import.meta.url);
const DIALECTS = {
  'draft-04': () => require('ajv-draft-04') as typeof import('ajv-draft-04').default,
  '2020-12': () => require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default,
};
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

export interface SchemaCheck {
  /** Every way `value` breaks the schema, one line each ("/path: message"); empty when it is valid. */
  errors(value: unknown): string[];
  readonly schema: Record<string, unknown>;
}

/** Compiles the schema in `file` (formats checked, not ignored). Strict unless told otherwise:
 *  an unknown keyword or format in the schema is an error, so no constraint is silently skipped. */
export function schemaCheck(file: string, dialect: keyof typeof DIALECTS, options: Options = {}): SchemaCheck {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const Ajv = DIALECTS[dialect]();
  const ajv = new Ajv({ allErrors: true, ...options });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const lines = (errors: readonly ErrorObject[]) => errors.map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
  return { schema, errors: (value) => (validate(value) ? [] : lines(validate.errors ?? [])) };
}
