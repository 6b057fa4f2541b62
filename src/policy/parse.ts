import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Scalar, type YAMLError, type YAMLMap, type YAMLSeq } from 'yaml';
import { CleanroomError, type ErrorCode } from '../errors.js';
import { MAX_POLICY_BYTES, yamlLimitProblem } from '../input-limits.js';
import { compileRule, globError } from './glob.js';
import { DEFAULT_LIMITS, EMBEDDED_SOURCE, type AssistantRules, type Limits, type Mode, type Policy, type ProtectRule, type Requirement, type ReviewRules } from './policy.js';

const TOP_KEYS = ['version', 'repository', 'mode', 'case_sensitive', 'protect', 'assistants', 'review', 'limits'] as const;
const PROTECT_KEYS = ['path', 'require', 'exclude'] as const;
const ASSISTANT_KEYS = ['builtin', 'trailers', 'identities', 'environment', 'markers', 'recorded_share', 'lineage_share'] as const;
/** A staged file counts as assistant-written when at least this share of its added lines were
 *  recorded as an assistant's: a light touch-up keeps most lines, a genuine rewrite keeps few. */
const DEFAULT_RECORDED_SHARE = 0.5;
/** git's own default for calling a file a copy of another (diff -C, DEFAULT_RENAME_SCORE): more
 *  than half of what a change adds came from assistant-written content. */
const DEFAULT_LINEAGE_SHARE = 0.5;
const REVIEW_KEYS = ['namespace', 'allowed_signers', 'threshold', 'require_user_presence'] as const;
const LIMIT_KEYS = ['max_parents'] as const;
const MODES: readonly Mode[] = ['enforce', 'warn'];
const REQUIREMENTS: readonly Requirement[] = ['review-if-assistant', 'review-always', 'forbid-assistant'];

// schema/policy.schema.json carries the same three patterns; test/policy.test.ts holds them together.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAMESPACE = /^\S+$/;

const DEFAULT_NAMESPACE = 'cleanroom-review-v1';
const DEFAULT_ALLOWED_SIGNERS = 'allowed_signers';

// yaml also resolves YAML 1.1 tags such as !!binary, !!set and !!timestamp even under the core
// schema; a policy has no use for them, and refusing them keeps every value a plain one.
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export function parsePolicy(text: string, source: string, baseDir: string): Policy {
  // Before the YAML parser, which takes seconds, or all memory, over deeply nested brackets.
  const tooMuch = yamlLimitProblem(text, MAX_POLICY_BYTES);
  if (tooMuch !== undefined) throw new CleanroomError('EPOLICY_INVALID', `${source}:1:1: the policy cannot be read: ${tooMuch}`);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  // Warnings (an unresolved tag, an unknown directive) would otherwise quietly change a value.
  const syntax = [...doc.errors, ...doc.warnings].map((e) => syntaxProblem(e, doc));
  if (syntax.length > 0) throw failure('EPOLICY_SYNTAX', syntax, source, lines);
  const reader = new Reader(doc, lines);
  const policy = readPolicy(reader, doc.contents, source, baseDir);
  if (policy === undefined || reader.problems.length > 0) throw failure('EPOLICY_INVALID', reader.problems, source, lines);
  return policy;
}

interface Problem {
  readonly at: number;
  readonly text: string;
}

function failure(code: ErrorCode, problems: readonly Problem[], source: string, lines: LineCounter): CleanroomError {
  const sorted = [...problems].sort((a, b) => a.at - b.at);
  return new CleanroomError(
    code,
    sorted
      .map((p) => {
        const { line, col } = lines.linePos(p.at);
        return `${source}:${line}:${col}: ${p.text}`;
      })
      .join('\n'),
  );
}

function syntaxProblem(e: YAMLError, doc: Document): Problem {
  const at = e.pos[0];
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const name = keyAt(doc, at);
      return { at, text: `duplicate key${name === undefined ? '' : ` ${JSON.stringify(name)}`}; expected each key at most once in a mapping` };
    }
    case 'MULTIPLE_DOCS':
      return { at, text: 'a second YAML document ("---"); expected the policy as a single document' };
    case 'TAB_AS_INDENT':
      return { at, text: `${e.message}; expected spaces for indentation` };
    case 'TAG_RESOLVE_FAILED':
      return { at, text: `${e.message}; expected plain YAML values without custom tags` };
    default:
      return { at, text: `${e.message}; expected valid YAML` };
  }
}

/** yaml points at a duplicate key without naming it. */
function keyAt(doc: Document, offset: number): string | undefined {
  let name: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        name = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return name;
}

type Plain = Scalar | YAMLMap | YAMLSeq;

/** A mapping value as found: `value` may still be an alias or missing; `at` is where to point for it. */
interface Field {
  readonly value: unknown;
  readonly at: number;
}

interface Fields {
  readonly at: number;
  readonly entries: ReadonlyMap<string, Field>;
}

function start(node: unknown, fallback: number): number {
  const range = (node as { range?: readonly number[] | null } | null)?.range;
  return range?.[0] ?? fallback;
}

function kind(node: Plain): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return node.items.length === 0 ? 'an empty list' : 'a list';
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return `a ${typeof v}`;
  return 'an unsupported value';
}

/**
 * Checks values node by node against the policy's fixed shape, recording every problem it meets.
 * It never walks a node generically, so aliases that point back at their own anchor or expand
 * exponentially cost no more than the shape allows.
 */
class Reader {
  readonly problems: Problem[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  problem(at: number, text: string): undefined {
    this.problems.push({ at, text });
    return undefined;
  }

  line(at: number): number {
    return this.lines.linePos(at).line;
  }

  /** The plain node behind a value (following an alias); undefined after reporting why there is none. */
  node(raw: unknown, at: number, where: string): Plain | undefined {
    let node = raw;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (target === undefined) {
        return this.problem(start(node, at), `${where}: alias *${node.source} has no anchor; expected an anchor &${node.source} defined before it`);
      }
      node = target;
    }
    // `key:` with nothing after it is a null scalar, but a flow `{key}` leaves no node at all.
    if (node === null || node === undefined) return this.problem(at, `${where}: found null; expected a value`);
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return this.problem(start(node, at), `${where}: found an unsupported value; expected a plain YAML value`);
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      return this.problem(start(node, at), `${where}: tag ${tag} is not supported; expected plain YAML values`);
    }
    return node;
  }

  fields(raw: unknown, at: number, where: string, expected: string, known: readonly string[]): Fields | undefined {
    const node = this.node(raw, at, where);
    if (node === undefined) return undefined;
    const mapAt = start(node, at);
    if (!isMap(node)) return this.problem(mapAt, `${where}: found ${kind(node)}; expected ${expected}`);
    const entries = new Map<string, Field>();
    for (const pair of node.items) {
      const keyAt = start(pair.key, mapAt);
      if (!isScalar(pair.key)) {
        this.problem(keyAt, `found a key that is not a plain word; expected one of ${known.join(', ')}`);
        continue;
      }
      const name = String(pair.key.value);
      if (!known.includes(name)) {
        this.problem(keyAt, `unknown key ${JSON.stringify(name)}; expected one of ${known.join(', ')}`);
        continue;
      }
      entries.set(name, { value: pair.value, at: start(pair.value, keyAt) });
    }
    return { at: mapAt, entries };
  }

  list(f: Field, where: string, expected: string): { node: Plain; at: number }[] | undefined {
    const node = this.node(f.value, f.at, where);
    if (node === undefined) return undefined;
    if (!isSeq(node)) return this.problem(f.at, `${where}: found ${kind(node)}; expected ${expected}`);
    const items: { node: Plain; at: number }[] = [];
    node.items.forEach((raw, i) => {
      const at = start(raw, f.at);
      const item = this.node(raw, at, `${where}[${i}]`);
      if (item !== undefined) items.push({ node: item, at: start(item, at) });
    });
    // Items that failed to resolve were reported; an index shift would only mislabel later messages.
    return items.length === node.items.length ? items : undefined;
  }

  scalar(f: Field, where: string, expected: string): Scalar['value'] | undefined {
    const node = this.node(f.value, f.at, where);
    if (node === undefined) return undefined;
    if (!isScalar(node)) return this.problem(f.at, `${where}: found ${kind(node)}; expected ${expected}`);
    return node.value;
  }

  string(f: Field, where: string, expected: string, valid: (s: string) => boolean): string | undefined {
    const v = this.scalar(f, where, expected);
    if (v === undefined) return undefined;
    if (typeof v === 'string' && valid(v)) return v;
    return this.problem(f.at, `${where}: found ${show(v)}; expected ${expected}`);
  }

  boolean(f: Field, where: string): boolean | undefined {
    const v = this.scalar(f, where, 'true or false');
    if (v === undefined || typeof v === 'boolean') return v;
    return this.problem(f.at, `${where}: found ${show(v)}; expected true or false`);
  }

  oneOf<T extends string>(f: Field, where: string, options: readonly T[]): T | undefined {
    const expected = `one of ${options.join(', ')}`;
    return this.string(f, where, expected, (s) => (options as readonly string[]).includes(s)) as T | undefined;
  }

  /** An omitted list is empty; `null` is refused, since `trailers:` with nothing under it is more likely a slip. */
  strings(f: Field | undefined, where: string, expected: string, itemExpected: string, valid: (s: string) => boolean): { value: string; at: number }[] | undefined {
    if (f === undefined) return [];
    const items = this.list(f, where, `${expected} (use [] for none)`);
    if (items === undefined) return undefined;
    const out: { value: string; at: number }[] = [];
    items.forEach(({ node, at }, i) => {
      const value = this.string({ value: node, at }, `${where}[${i}]`, itemExpected, valid);
      if (value !== undefined) out.push({ value, at });
    });
    return out.length === items.length ? out : undefined;
  }

  regexes(f: Field | undefined, where: string, flags: string): RegExp[] | undefined {
    const sources = this.strings(f, where, 'a list of regular expressions', 'a non-empty regular expression', (s) => s !== '');
    if (sources === undefined) return undefined;
    const compiled: RegExp[] = [];
    sources.forEach(({ value, at }, i) => {
      try {
        compiled.push(new RegExp(value, flags));
      } catch (e) {
        this.problem(at, `${where}[${i}]: ${(e as Error).message}; expected a valid JavaScript regular expression`);
      }
    });
    return compiled.length === sources.length ? compiled : undefined;
  }
}

function show(v: Scalar['value']): string {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? JSON.stringify(v) : 'an unsupported value';
}

interface ProtectEntry {
  readonly pattern: string;
  readonly require: Requirement;
  readonly exclude: readonly string[];
  readonly index: number;
  readonly line: number;
}

function readPolicy(r: Reader, contents: unknown, source: string, baseDir: string): Policy | undefined {
  const expected = `a mapping with the keys ${TOP_KEYS.join(', ')}`;
  if (contents === null || contents === undefined) return r.problem(0, `the policy is empty; expected ${expected}`);
  const root = r.node(contents, 0, 'the policy');
  if (root === undefined) return undefined;
  if (!isMap(root)) return r.problem(0, `the policy is ${kind(root)}; expected ${expected}`);
  const top = r.fields(root, 0, 'the policy', expected, TOP_KEYS);
  if (top === undefined) return undefined;
  const get = (key: (typeof TOP_KEYS)[number]) => top.entries.get(key);

  const versionField = get('version');
  if (versionField === undefined) {
    r.problem(top.at, 'missing key "version"; expected version: 1 at the top level');
  } else {
    const v = r.scalar(versionField, 'version', 'the number 1');
    if (v !== undefined && v !== 1) r.problem(versionField.at, `version: found ${show(v)}; expected 1, the only policy version this cleanroom reads`);
  }
  const repository = readRepository(r, get('repository'));
  const modeField = get('mode');
  const mode = modeField === undefined ? 'enforce' : r.oneOf(modeField, 'mode', MODES);
  const caseField = get('case_sensitive');
  const caseSensitive = caseField === undefined ? false : r.boolean(caseField, 'case_sensitive');
  const protectField = get('protect');
  const protect =
    protectField === undefined
      ? r.problem(top.at, 'missing key "protect"; expected a list of protect entries, each with path and require')
      : readProtect(r, protectField, source === EMBEDDED_SOURCE);
  const assistants = readAssistants(r, get('assistants'));
  const review = readReview(r, get('review'), baseDir);
  const limits = readLimits(r, get('limits'));

  if (
    repository === undefined ||
    mode === undefined ||
    caseSensitive === undefined ||
    protect === undefined ||
    assistants === undefined ||
    review === undefined ||
    limits === undefined
  ) {
    return undefined;
  }
  return {
    source,
    version: 1,
    repository,
    mode,
    caseSensitive,
    protect: protect.map((e): ProtectRule => compileRule(e, caseSensitive)),
    assistants,
    review,
    limits,
  };
}

function readRepository(r: Reader, f: Field | undefined): string | null | undefined {
  if (f === undefined) return null;
  const expected = 'a URI such as urn:uuid:… or https://…, or null';
  const v = r.scalar(f, 'repository', expected);
  if (v === undefined || v === null) return v;
  if (typeof v === 'string' && URI.test(v)) return v;
  return r.problem(f.at, `repository: found ${show(v)}; expected ${expected}`);
}

/** `embedded` rules report line 0: the repository has no file those lines would refer to. */
function readProtect(r: Reader, f: Field, embedded: boolean): ProtectEntry[] | undefined {
  const items = r.list(f, 'protect', 'a list of protect entries');
  if (items === undefined) return undefined;
  if (items.length === 0) return r.problem(f.at, 'protect: found an empty list; expected at least one protect entry');
  const entries: ProtectEntry[] = [];
  items.forEach(({ node, at }, index) => {
    const where = `protect[${index}]`;
    const entry = r.fields(node, at, where, `a protect entry, a mapping with ${PROTECT_KEYS.join(', ')}`, PROTECT_KEYS);
    if (entry === undefined) return;
    const pathField = entry.entries.get('path');
    const requireField = entry.entries.get('require');
    let pattern: string | undefined;
    if (pathField === undefined) {
      r.problem(entry.at, `missing key "path" in ${where}; expected a glob such as "benchmarks/**"`);
    } else {
      pattern = r.string(pathField, `${where}.path`, 'a glob such as "benchmarks/**"', () => true);
      const bad = pattern === undefined ? undefined : globError(pattern);
      if (bad !== undefined) pattern = r.problem(pathField.at, `${where}.path: ${bad}`);
    }
    const require =
      requireField === undefined
        ? r.problem(entry.at, `missing key "require" in ${where}; expected one of ${REQUIREMENTS.join(', ')}`)
        : r.oneOf(requireField, `${where}.require`, REQUIREMENTS);
    const exclude = readExclude(r, entry.entries.get('exclude'), where);
    if (pathField !== undefined && pattern !== undefined && require !== undefined && exclude !== undefined) {
      entries.push({ pattern, require, exclude, index, line: embedded ? 0 : r.line(pathField.at) });
    }
  });
  return entries.length === items.length ? entries : undefined;
}

/** An entry's exceptions: globs, each checked like a protect path. */
function readExclude(r: Reader, f: Field | undefined, where: string): string[] | undefined {
  const expected = 'a glob such as "benchmarks/README.md", matched exactly as written';
  const globs = r.strings(f, `${where}.exclude`, 'a list of globs', expected, (s) => s !== '');
  if (globs === undefined) return undefined;
  let ok = true;
  globs.forEach(({ value, at }, i) => {
    const bad = globError(value);
    if (bad !== undefined) ok = r.problem(at, `${where}.exclude[${i}]: ${bad}`) ?? false;
  });
  return ok ? globs.map((g) => g.value) : undefined;
}

function readAssistants(r: Reader, f: Field | undefined): AssistantRules | undefined {
  if (f === undefined)
    return { builtin: true, trailers: [], identities: [], environment: [], markers: [], recordedShare: DEFAULT_RECORDED_SHARE, lineageShare: DEFAULT_LINEAGE_SHARE };
  const fields = r.fields(f.value, f.at, 'assistants', `a mapping with ${ASSISTANT_KEYS.join(', ')}`, ASSISTANT_KEYS);
  if (fields === undefined) return undefined;
  const get = (key: (typeof ASSISTANT_KEYS)[number]) => fields.entries.get(key);
  const builtinField = get('builtin');
  const builtin = builtinField === undefined ? true : r.boolean(builtinField, 'assistants.builtin');
  // Trailer keys and author names are matched without regard to case, as git itself treats
  // trailer keys; markers are searched in content, where case can be the whole point.
  const trailers = r.regexes(get('trailers'), 'assistants.trailers', 'iu');
  const identities = r.regexes(get('identities'), 'assistants.identities', 'iu');
  const environment = r
    .strings(get('environment'), 'assistants.environment', 'a list of environment variable names', `a variable name matching ${ENV_NAME.source}`, (s) => ENV_NAME.test(s))
    ?.map((s) => s.value);
  const markers = r.regexes(get('markers'), 'assistants.markers', 'u');
  const share = (key: 'recorded_share' | 'lineage_share', fallback: number): number | undefined => {
    const field = get(key);
    if (field === undefined) return fallback;
    const v = r.scalar(field, `assistants.${key}`, 'a number above 0 and at most 1');
    const found = typeof v === 'number' && v > 0 && v <= 1 ? v : undefined;
    if (v !== undefined && found === undefined) r.problem(field.at, `assistants.${key}: found ${show(v)}; expected a number above 0 and at most 1`);
    return found;
  };
  const recordedShare = share('recorded_share', DEFAULT_RECORDED_SHARE);
  const lineageShare = share('lineage_share', DEFAULT_LINEAGE_SHARE);
  if (
    builtin === undefined ||
    trailers === undefined ||
    identities === undefined ||
    environment === undefined ||
    markers === undefined ||
    recordedShare === undefined ||
    lineageShare === undefined
  ) {
    return undefined;
  }
  return { builtin, trailers, identities, environment, markers, recordedShare, lineageShare };
}

function readReview(r: Reader, f: Field | undefined, baseDir: string): ReviewRules | undefined {
  const fields = f === undefined ? undefined : r.fields(f.value, f.at, 'review', `a mapping with ${REVIEW_KEYS.join(', ')}`, REVIEW_KEYS);
  if (f !== undefined && fields === undefined) return undefined;
  const get = (key: (typeof REVIEW_KEYS)[number]) => fields?.entries.get(key);

  const namespaceField = get('namespace');
  const namespace =
    namespaceField === undefined ? DEFAULT_NAMESPACE : r.string(namespaceField, 'review.namespace', 'a non-empty signature namespace without whitespace', (s) => NAMESPACE.test(s));
  const signersField = get('allowed_signers');
  const allowedSigners =
    signersField === undefined
      ? DEFAULT_ALLOWED_SIGNERS
      : r.string(signersField, 'review.allowed_signers', 'the path of an OpenSSH allowed_signers file, relative to the policy file', (s) => s !== '');
  const thresholdField = get('threshold');
  let threshold: number | undefined = 1;
  if (thresholdField !== undefined) {
    const v = r.scalar(thresholdField, 'review.threshold', 'an integer of at least 1');
    threshold = typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : undefined;
    if (v !== undefined && threshold === undefined) r.problem(thresholdField.at, `review.threshold: found ${show(v)}; expected an integer of at least 1`);
  }
  const presenceField = get('require_user_presence');
  const requireUserPresence = presenceField === undefined ? false : r.boolean(presenceField, 'review.require_user_presence');

  if (namespace === undefined || allowedSigners === undefined || threshold === undefined || requireUserPresence === undefined) return undefined;
  return { namespace, allowedSigners: path.resolve(baseDir, allowedSigners), threshold, requireUserPresence };
}

function readLimits(r: Reader, f: Field | undefined): Limits | undefined {
  if (f === undefined) return DEFAULT_LIMITS;
  const fields = r.fields(f.value, f.at, 'limits', `a mapping with ${LIMIT_KEYS.join(', ')}`, LIMIT_KEYS);
  if (fields === undefined) return undefined;
  const parentsField = fields.entries.get('max_parents');
  if (parentsField === undefined) return DEFAULT_LIMITS;
  const expected = 'an integer of at least 2 (a merge has two parents)';
  const v = r.scalar(parentsField, 'limits.max_parents', expected);
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 2) return { maxParents: v };
  if (v !== undefined) r.problem(parentsField.at, `limits.max_parents: found ${show(v)}; expected ${expected}`);
  return undefined;
}
