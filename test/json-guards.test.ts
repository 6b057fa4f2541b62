/** The guards every reader of outside JSON asks: what JSON.parse can hand them, and what passes. */
import { describe, expect, it } from 'vitest';
import { asList, asObject, asText, isJsonObject, isStringList, shownValue } from '../src/json-guards.js';

// Every kind of value JSON.parse returns, and undefined for a member that is absent.
const parsed = (text: string): unknown => JSON.parse(text);
const VALUES: [string, unknown][] = [
  ['absent', undefined],
  ['null', parsed('null')],
  ['true', parsed('true')],
  ['0', parsed('0')],
  ['""', parsed('""')],
  ['"a"', parsed('"a"')],
  ['[]', parsed('[]')],
  ['["a","b"]', parsed('["a","b"]')],
  ['["a",1]', parsed('["a",1]')],
  ['{}', parsed('{}')],
  ['{"a":1}', parsed('{"a":1}')],
];

describe('json guards', () => {
  it.each(VALUES)('%s', (name, v) => {
    const object = name.startsWith('{');
    expect(isJsonObject(v)).toBe(object);
    expect(asObject(v)).toBe(object ? v : null);
    expect(asText(v)).toBe(name === '"a"' ? 'a' : null);
    expect(asList(v)).toEqual(name.startsWith('[') ? v : []);
    expect(isStringList(v)).toBe(name === '[]' || name === '["a","b"]');
  });

  it('hands back the very object and list it was given, not a copy', () => {
    const o = { a: 1 };
    const l = [1];
    expect(asObject(o)).toBe(o);
    expect(asList(l)).toBe(l);
  });

  it('quotes a member as a problem report shows it', () => {
    expect(shownValue(undefined)).toBe('missing');
    expect(shownValue(null)).toBe('null');
    expect(shownValue('v1')).toBe('"v1"');
    expect(shownValue({ a: [1] })).toBe('{"a":[1]}');
  });
});
