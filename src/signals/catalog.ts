/**
 * The shipped assistant catalog: data with sources (catalog.json), checked and compiled on first
 * use. A malformed catalog is a bug in cleanroom, not something a user can fix, so it fails loudly
 * as an internal error instead of silently dropping rules.
 */
import { isJsonObject, isStringList } from '../json-guards.js';
import raw from './catalog.json' with { type: 'json' };

export type Confidence = 'H' | 'M' | 'L';

interface EntryBase {
  /** `<assistant>/<rule>`, unique, kebab-case. */
  readonly id: string;
  /** The assistant this rule identifies, or 'generic' for cross-tool conventions. */
  readonly assistant: string;
  readonly confidence: Confidence;
  /** Citations from the fingerprints research. */
  readonly sources: readonly string[];
  /** `match` must fire and `noMatch` must not; for environment entries each is `NAME=value`. */
  readonly examples: { readonly match: readonly string[]; readonly noMatch: readonly string[] };
}

/** Matched against a `Key: value` trailer line, a non-trailer message line, or `Name <email>`. */
export interface PatternEntry extends EntryBase {
  readonly kind: 'trailer' | 'message' | 'identity';
  readonly pattern: RegExp;
}

export interface EnvironmentEntry extends EntryBase {
  readonly kind: 'environment';
  readonly variable: string;
  /** When set, only values it matches mark the assistant (for shared names such as AGENT). */
  readonly value: RegExp | null;
}

export type CatalogEntry = PatternEntry | EnvironmentEntry;

const KINDS = ['trailer', 'message', 'identity', 'environment'] as const;
const CONFIDENCES: readonly string[] = ['H', 'M', 'L'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const COMMON_KEYS = ['id', 'assistant', 'kind', 'confidence', 'sources', 'examples'];

function compile(source: unknown, flags: string, where: string): RegExp {
  if (typeof source !== 'string' || source === '') throw new Error(`${where}: expected a non-empty regex string`);
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}

function validateEntry(e: unknown, index: number): CatalogEntry {
  const at = `catalog entry ${index}`;
  if (!isJsonObject(e)) throw new Error(`${at}: expected an object`);
  const id = e.id;
  if (typeof id !== 'string' || !ID.test(id)) throw new Error(`${at}: id must look like 'assistant/rule-name'`);
  const where = `catalog entry '${id}'`;
  const { assistant, kind, confidence, sources, examples } = e;
  if (typeof assistant !== 'string' || !id.startsWith(`${assistant}/`)) {
    throw new Error(`${where}: assistant must be the id's prefix`);
  }
  if (!KINDS.includes(kind as (typeof KINDS)[number])) {
    throw new Error(`${where}: kind must be one of ${KINDS.join(', ')}`);
  }
  if (typeof confidence !== 'string' || !CONFIDENCES.includes(confidence)) {
    throw new Error(`${where}: confidence must be H, M or L`);
  }
  if (!isStringList(sources) || sources.length === 0 || sources.some((s) => s.trim() === '')) {
    throw new Error(`${where}: needs at least one source`);
  }
  if (!isJsonObject(examples) || !isStringList(examples.match) || !isStringList(examples.noMatch) || examples.match.length === 0 || Object.keys(examples).length !== 2) {
    throw new Error(`${where}: examples must be { match: [≥1 string], noMatch: [strings] }`);
  }

  const base = {
    id,
    assistant,
    confidence: confidence as Confidence,
    sources,
    examples: { match: examples.match, noMatch: examples.noMatch },
  };
  const allowed = kind === 'environment' ? [...COMMON_KEYS, 'variable', 'value'] : [...COMMON_KEYS, 'pattern'];
  const unknown = Object.keys(e).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new Error(`${where}: unexpected key(s) ${unknown.join(', ')} for kind ${String(kind)}`);
  }

  if (kind === 'environment') {
    if (typeof e.variable !== 'string' || !VARIABLE.test(e.variable)) {
      throw new Error(`${where}: variable must be an environment variable name`);
    }
    const value = e.value === undefined ? null : compile(e.value, '', `${where} value`);
    return { ...base, kind, variable: e.variable, value };
  }
  // Trailer keys and e-mail addresses are case-insensitive to git and mail; message text is not.
  const flags = kind === 'message' ? '' : 'i';
  return { ...base, kind: kind as PatternEntry['kind'], pattern: compile(e.pattern, flags, `${where} pattern`) };
}

/** Checks a catalog document and compiles its patterns; throws on the first problem found. */
export function validateCatalog(data: unknown): CatalogEntry[] {
  if (!Array.isArray(data)) throw new Error('catalog: expected an array of entries');
  const entries = data.map(validateEntry);
  for (let i = 1; i < entries.length; i++) {
    const prev = (entries[i - 1] as CatalogEntry).id;
    const id = (entries[i] as CatalogEntry).id;
    if (prev === id) throw new Error(`catalog: duplicate id '${id}'`);
    if (prev > id) throw new Error(`catalog: '${id}' must sort before '${prev}'`);
  }
  return entries;
}

let loaded: readonly CatalogEntry[] | undefined;

/** The shipped catalog, sorted by id. */
export function catalog(): readonly CatalogEntry[] {
  loaded ??= validateCatalog(raw);
  return loaded;
}
