import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CleanroomError } from '../src/errors.js';
import { parsePolicy } from '../src/policy/parse.js';
import { EMBEDDED_SOURCE, type Policy } from '../src/policy/policy.js';
import { schemaCheck } from './helpers/json-schema.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = '.cleanroom/policy.yaml';
const BASE = '/repo/.cleanroom';
const DEFAULT_TEXT = readFileSync(path.join(ROOT, 'policy.yaml'), 'utf8');
// Strict: a keyword or format ajv does not know is an error, so the schema cannot grow a
// constraint these tests silently skip.
const policySchema = schemaCheck(path.join(ROOT, 'schema/policy.schema.json'), '2020-12');
const SCHEMA = policySchema.schema as Schema;

/** The policy from the issue, verbatim, comments included. */
const EXAMPLE = `version: 1
repository: urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10
mode: enforce                 # enforce | warn (warn reports, never blocks)
protect:
  - path: "benchmarks/**"
    require: review-if-assistant
  - path: "datasets/**"
    require: review-if-assistant
  - path: "evals/private/**"
    require: review-always     # every change needs a review, assistant or not
assistants:
  builtin: true                # the shipped catalog of trailers, identities, environment variables
  trailers: []                 # extra regexes for trailer lines ("Key: value")
  identities: []               # extra regexes for "Name <email>" of author or committer
  environment: []              # extra variable names that mark an assistant's process
  markers: []                  # regexes searched in the added text of protected files
review:
  namespace: cleanroom-review-v1
  allowed_signers: allowed_signers   # OpenSSH allowed_signers file, relative to the policy file
  threshold: 1
  require_user_presence: false
`;

const MINIMAL = `version: 1
protect:
  - path: "benchmarks/**"
    require: review-if-assistant
`;

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function rejection(text: string): { code: string; lines: string[] } {
  try {
    parsePolicy(text, SOURCE, BASE);
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    expect(e.message).not.toMatch(/\n\s+at /);
    return { code: e.code, lines: e.message.split('\n') };
  }
  throw new Error('the policy was accepted');
}

/** What a Policy holds apart from functions, for comparing with plain data. */
function plain(p: Policy) {
  return {
    ...p,
    protect: p.protect.map(({ pattern, require, index, line }) => ({ pattern, require, index, line })),
  };
}

describe('parsePolicy accepts', () => {
  it('the example policy exactly as written', () => {
    const p = parsePolicy(EXAMPLE, SOURCE, BASE);
    expect(plain(p)).toEqual({
      source: SOURCE,
      version: 1,
      repository: 'urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10',
      mode: 'enforce',
      caseSensitive: false,
      protect: [
        { pattern: 'benchmarks/**', require: 'review-if-assistant', index: 0, line: 5 },
        { pattern: 'datasets/**', require: 'review-if-assistant', index: 1, line: 7 },
        { pattern: 'evals/private/**', require: 'review-always', index: 2, line: 9 },
      ],
      assistants: { builtin: true, trailers: [], identities: [], environment: [], markers: [], recordedShare: 0.5, lineageShare: 0.5 },
      review: { namespace: 'cleanroom-review-v1', allowedSigners: '/repo/.cleanroom/allowed_signers', threshold: 1, requireUserPresence: false },
      limits: { maxParents: 128 },
    });
    expect(p.protect[2]?.matches('evals/private/q.json')).toBe(true);
    expect(p.protect[2]?.matches('evals/public/q.json')).toBe(false);
  });

  it('a minimal policy, filling in every default', () => {
    const p = parsePolicy(MINIMAL, SOURCE, BASE);
    expect(plain(p)).toMatchObject({
      repository: null,
      mode: 'enforce',
      caseSensitive: false,
      assistants: { builtin: true, trailers: [], identities: [], environment: [], markers: [], recordedShare: 0.5, lineageShare: 0.5 },
      review: { namespace: 'cleanroom-review-v1', allowedSigners: '/repo/.cleanroom/allowed_signers', threshold: 1, requireUserPresence: false },
    });
  });

  it('the shipped default policy, as the embedded default and as a repository file', () => {
    const embeddedDefaultPolicy = (baseDir: string) => parsePolicy(DEFAULT_TEXT, EMBEDDED_SOURCE, baseDir);
    const embedded = embeddedDefaultPolicy('/repo');
    expect(embedded.source).toBe(EMBEDDED_SOURCE);
    expect(embedded.protect.map((r) => [r.pattern, r.require, r.line])).toEqual([
      ['benchmarks/**', 'review-if-assistant', 0],
      ['datasets/**', 'review-if-assistant', 0],
      ['evals/**', 'review-if-assistant', 0],
    ]);
    expect(embedded.mode).toBe('enforce');
    expect(embedded.repository).toBeNull();
    expect(embedded.review.allowedSigners).toBe('/repo/allowed_signers');
    expect(embedded.protect[0]?.matches('Benchmarks/x')).toBe(true);
    expect(embeddedDefaultPolicy('/other').review.allowedSigners).toBe('/other/allowed_signers');

    const file = parsePolicy(DEFAULT_TEXT, SOURCE, BASE);
    expect(file.protect.every((r) => r.line > 0)).toBe(true);
    expect(DEFAULT_TEXT.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+policy\.schema\.json$/);
  });

  it('the shipped default after `cleanroom init` binds it to a repository', () => {
    // init inserts the repository line after `version: 1`; the default must leave room for it.
    expect(DEFAULT_TEXT.match(/^version: 1$/gm)).toHaveLength(1);
    const bound = DEFAULT_TEXT.replace(/^version: 1$/m, 'version: 1\nrepository: urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10');
    expect(parsePolicy(bound, SOURCE, BASE).repository).toBe('urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10');
  });

  it('non-default values of every key', () => {
    const p = parsePolicy(
      yaml(
        'version: 1',
        'repository: https://example.com/org/repo',
        'mode: warn',
        'case_sensitive: true',
        'protect:',
        '  - {path: "data/**", require: review-always}',
        'assistants:',
        '  builtin: false',
        '  trailers: ["^Generated-By: "]',
        '  identities: ["bot@example\\\\.com"]',
        '  environment: [MY_AGENT, _X1]',
        "  markers: ['CANARY-[0-9]+']",
        'review:',
        '  namespace: my.ns',
        '  allowed_signers: ../keys/allowed',
        '  threshold: 2',
        '  require_user_presence: true',
      ),
      SOURCE,
      BASE,
    );
    expect(p.repository).toBe('https://example.com/org/repo');
    expect(p.mode).toBe('warn');
    expect(p.caseSensitive).toBe(true);
    expect(p.protect[0]?.matches('Data/x')).toBe(false);
    expect(p.protect[0]?.matches('data/x')).toBe(true);
    expect(p.assistants.builtin).toBe(false);
    expect(p.assistants.trailers.map((r) => [r.source, r.flags])).toEqual([['^Generated-By: ', 'iu']]);
    expect(p.assistants.identities.map((r) => [r.source, r.flags])).toEqual([['bot@example\\.com', 'iu']]);
    expect(p.assistants.markers.map((r) => [r.source, r.flags])).toEqual([['CANARY-[0-9]+', 'u']]);
    expect(p.assistants.environment).toEqual(['MY_AGENT', '_X1']);
    expect(p.review).toEqual({ namespace: 'my.ns', allowedSigners: '/repo/keys/allowed', threshold: 2, requireUserPresence: true });
  });

  it.each([
    ['repository: null', null],
    ['repository:', null],
    ['repository: ~', null],
  ])('%s', (line, repository) => {
    expect(parsePolicy(MINIMAL.replace('version: 1', `version: 1\n${line}`), SOURCE, BASE).repository).toBe(repository);
  });

  it('aliases and core tags', () => {
    const p = parsePolicy(
      yaml(
        'version: !!int "1"',
        'protect:',
        '  - &rule {path: !!str "benchmarks/**", require: review-always}',
        '  - *rule',
        'assistants:',
        '  trailers: &none []',
        '  markers: *none',
      ),
      SOURCE,
      BASE,
    );
    expect(p.protect.map((r) => [r.pattern, r.index, r.line])).toEqual([
      ['benchmarks/**', 0, 3],
      ['benchmarks/**', 1, 3],
    ]);
  });
});

describe('parsePolicy rejects', () => {
  const TOP = 'version, repository, mode, case_sensitive, protect, assistants, review, limits';
  const cases: [string, string, 'EPOLICY_SYNTAX' | 'EPOLICY_INVALID', string[]][] = [
    ['an unknown top-level key', MINIMAL + 'modes: warn\n', 'EPOLICY_INVALID', [`${SOURCE}:5:1: unknown key "modes"; expected one of ${TOP}`]],
    [
      'an unknown key in a protect entry',
      EXAMPLE.replace('    require: review-always', '    requir: review-always'),
      'EPOLICY_INVALID',
      [
        `${SOURCE}:9:5: missing key "require" in protect[2]; expected one of review-if-assistant, review-always, forbid-assistant`,
        `${SOURCE}:10:5: unknown key "requir"; expected one of path, require, exclude`,
      ],
    ],
    [
      'an unknown key in assistants',
      EXAMPLE.replace('  markers: []', '  marker: []'),
      'EPOLICY_INVALID',
      [`${SOURCE}:16:3: unknown key "marker"; expected one of builtin, trailers, identities, environment, markers, recorded_share, lineage_share`],
    ],
    [
      'an unknown key in review',
      EXAMPLE.replace('  threshold: 1', '  treshold: 1'),
      'EPOLICY_INVALID',
      [`${SOURCE}:20:3: unknown key "treshold"; expected one of namespace, allowed_signers, threshold, require_user_presence`],
    ],
    ['a key that is not a word', MINIMAL + '? [a]\n: 1\n', 'EPOLICY_INVALID', [`${SOURCE}:5:3: found a key that is not a plain word; expected one of ${TOP}`]],
    ['protect as a string', yaml('version: 1', 'protect: "benchmarks/**"'), 'EPOLICY_INVALID', [`${SOURCE}:2:10: protect: found a string; expected a list of protect entries`]],
    ['an empty protect list', yaml('version: 1', 'protect: []'), 'EPOLICY_INVALID', [`${SOURCE}:2:10: protect: found an empty list; expected at least one protect entry`]],
    [
      'a missing protect',
      yaml('version: 1', 'mode: warn'),
      'EPOLICY_INVALID',
      [`${SOURCE}:1:1: missing key "protect"; expected a list of protect entries, each with path and require`],
    ],
    [
      'a protect entry that is a string',
      yaml('version: 1', 'protect:', '  - "benchmarks/**"'),
      'EPOLICY_INVALID',
      [`${SOURCE}:3:5: protect[0]: found a string; expected a protect entry, a mapping with path, require, exclude`],
    ],
    [
      'a protect entry without path',
      yaml('version: 1', 'protect:', '  - require: review-always'),
      'EPOLICY_INVALID',
      [`${SOURCE}:3:5: missing key "path" in protect[0]; expected a glob such as "benchmarks/**"`],
    ],
    [
      'an unknown requirement',
      MINIMAL.replace('review-if-assistant', 'review'),
      'EPOLICY_INVALID',
      [`${SOURCE}:4:14: protect[0].require: found "review"; expected one of review-if-assistant, review-always, forbid-assistant`],
    ],
    ['an unknown mode', MINIMAL + 'mode: enforced\n', 'EPOLICY_INVALID', [`${SOURCE}:5:7: mode: found "enforced"; expected one of enforce, warn`]],
    ['mode as a list', MINIMAL + 'mode: [warn]\n', 'EPOLICY_INVALID', [`${SOURCE}:5:7: mode: found a list; expected one of enforce, warn`]],
    ['case_sensitive as a word', MINIMAL + 'case_sensitive: yes\n', 'EPOLICY_INVALID', [`${SOURCE}:5:17: case_sensitive: found "yes"; expected true or false`]],
    [
      'assistants as a list',
      MINIMAL + 'assistants: []\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:5:13: assistants: found an empty list; expected a mapping with builtin, trailers, identities, environment, markers, recorded_share, lineage_share`],
    ],
    ['builtin as a string', MINIMAL + 'assistants:\n  builtin: "true"\n', 'EPOLICY_INVALID', [`${SOURCE}:6:12: assistants.builtin: found "true"; expected true or false`]],
    [
      'trailers left empty',
      MINIMAL + 'assistants:\n  trailers:\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:6:12: assistants.trailers: found null; expected a list of regular expressions (use [] for none)`],
    ],
    [
      'a regex that does not compile',
      MINIMAL + 'assistants:\n  trailers: ["ok", "(unclosed"]\n  markers:\n    - "[z-a]"\n',
      'EPOLICY_INVALID',
      [
        `${SOURCE}:6:20: assistants.trailers[1]: Invalid regular expression: /(unclosed/iu: Unterminated group; expected a valid JavaScript regular expression`,
        `${SOURCE}:8:7: assistants.markers[0]: Invalid regular expression: /[z-a]/u: Range out of order in character class; expected a valid JavaScript regular expression`,
      ],
    ],
    [
      'an empty regex',
      MINIMAL + 'assistants:\n  identities: [""]\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:6:16: assistants.identities[0]: found ""; expected a non-empty regular expression`],
    ],
    [
      'a regex that is a number',
      MINIMAL + 'assistants:\n  markers: [42]\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:6:13: assistants.markers[0]: found 42; expected a non-empty regular expression`],
    ],
    [
      'a bad environment variable name',
      MINIMAL + 'assistants:\n  environment: [OK, MY-AGENT]\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:6:21: assistants.environment[1]: found "MY-AGENT"; expected a variable name matching ^[A-Za-z_][A-Za-z0-9_]*$`],
    ],
    [
      'a namespace with a space',
      MINIMAL + 'review:\n  namespace: my ns\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:6:14: review.namespace: found "my ns"; expected a non-empty signature namespace without whitespace`],
    ],
    [
      'an empty allowed_signers',
      MINIMAL + 'review:\n  allowed_signers: ""\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:6:20: review.allowed_signers: found ""; expected the path of an OpenSSH allowed_signers file, relative to the policy file`],
    ],
    ['a threshold of 0', MINIMAL + 'review:\n  threshold: 0\n', 'EPOLICY_INVALID', [`${SOURCE}:6:14: review.threshold: found 0; expected an integer of at least 1`]],
    ['a fractional threshold', MINIMAL + 'review:\n  threshold: 1.5\n', 'EPOLICY_INVALID', [`${SOURCE}:6:14: review.threshold: found 1.5; expected an integer of at least 1`]],
    ['a threshold as a string', MINIMAL + 'review:\n  threshold: "1"\n', 'EPOLICY_INVALID', [`${SOURCE}:6:14: review.threshold: found "1"; expected an integer of at least 1`]],
    [
      'review as a string',
      MINIMAL + 'review: yes\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:5:9: review: found a string; expected a mapping with namespace, allowed_signers, threshold, require_user_presence`],
    ],
    [
      'a repository that is not a URI',
      MINIMAL + 'repository: my repo\n',
      'EPOLICY_INVALID',
      [`${SOURCE}:5:13: repository: found "my repo"; expected a URI such as urn:uuid:… or https://…, or null`],
    ],
    ['an empty repository', MINIMAL + 'repository: ""\n', 'EPOLICY_INVALID', [`${SOURCE}:5:13: repository: found ""; expected a URI such as urn:uuid:… or https://…, or null`]],
    ['a missing version', MINIMAL.replace('version: 1\n', '# no version\n'), 'EPOLICY_INVALID', [`${SOURCE}:2:1: missing key "version"; expected version: 1 at the top level`]],
    ['version 2', MINIMAL.replace('version: 1', 'version: 2'), 'EPOLICY_INVALID', [`${SOURCE}:1:10: version: found 2; expected 1, the only policy version this cleanroom reads`]],
    [
      'version "1"',
      MINIMAL.replace('version: 1', 'version: "1"'),
      'EPOLICY_INVALID',
      [`${SOURCE}:1:10: version: found "1"; expected 1, the only policy version this cleanroom reads`],
    ],
    ['an empty file', '', 'EPOLICY_INVALID', [`${SOURCE}:1:1: the policy is empty; expected a mapping with the keys ${TOP}`]],
    ['a file of comments', '# nothing\n\n# here\n', 'EPOLICY_INVALID', [`${SOURCE}:1:1: the policy is empty; expected a mapping with the keys ${TOP}`]],
    ['a list at the top', '# c\n- version: 1\n', 'EPOLICY_INVALID', [`${SOURCE}:1:1: the policy is a list; expected a mapping with the keys ${TOP}`]],
    ['a string at the top', 'version 1\n', 'EPOLICY_INVALID', [`${SOURCE}:1:1: the policy is a string; expected a mapping with the keys ${TOP}`]],
    ['an alias without anchor', MINIMAL + 'mode: *m\n', 'EPOLICY_INVALID', [`${SOURCE}:5:7: mode: alias *m has no anchor; expected an anchor &m defined before it`]],
    ['a YAML 1.1 tag', MINIMAL + 'repository: !!binary aGk=\n', 'EPOLICY_INVALID', [`${SOURCE}:5:22: repository: tag !!binary is not supported; expected plain YAML values`]],
    // syntax
    ['a duplicate top-level key', MINIMAL + 'version: 1\n', 'EPOLICY_SYNTAX', [`${SOURCE}:5:1: duplicate key "version"; expected each key at most once in a mapping`]],
    [
      'a duplicate nested key',
      yaml('version: 1', 'protect:', '  - path: a/**', '    require: review-always', '    path: b/**'),
      'EPOLICY_SYNTAX',
      [`${SOURCE}:5:5: duplicate key "path"; expected each key at most once in a mapping`],
    ],
    [
      'an unclosed flow list',
      yaml('version: 1', 'protect: [', 'mode: warn'),
      'EPOLICY_SYNTAX',
      [`${SOURCE}:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]; expected valid YAML`],
    ],
    ['an unclosed quote', yaml('version: 1', 'mode: "warn'), 'EPOLICY_SYNTAX', [`${SOURCE}:3:1: Missing closing "quote; expected valid YAML`]],
    [
      'a tab as indentation',
      yaml('version: 1', 'review:', '\tthreshold: 1'),
      'EPOLICY_SYNTAX',
      [`${SOURCE}:3:1: Tabs are not allowed as indentation; expected spaces for indentation`],
    ],
    ['two documents', yaml('version: 1', '---', 'version: 1'), 'EPOLICY_SYNTAX', [`${SOURCE}:2:1: a second YAML document ("---"); expected the policy as a single document`]],
    ['a custom tag', MINIMAL + 'mode: !env warn\n', 'EPOLICY_SYNTAX', [`${SOURCE}:5:7: Unresolved tag: !env; expected plain YAML values without custom tags`]],
  ];

  it.each(cases)('%s', (_, text, code, lines) => {
    expect(rejection(text)).toEqual({ code, lines });
  });

  it.each([
    ['../x', 'has a ".." segment'],
    ['/abs', 'starts with "/"'],
    ['a//b', 'has an empty segment'],
    ['{a,b', 'has an unclosed "{"'],
    ['', 'empty glob'],
  ])('the glob %j in a protect entry', (glob, problem) => {
    const { code, lines } = rejection(MINIMAL.replace('"benchmarks/**"', JSON.stringify(glob)));
    expect(code).toBe('EPOLICY_INVALID');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${SOURCE}:3:11: protect\\[0\\]\\.path: .*${problem.replace(/[{}.]/g, '\\$&')}.*; expected `));
  });

  it('reports every problem at once, in file order', () => {
    const { code, lines } = rejection(
      yaml(
        'version: 3',
        'mode: fast',
        'protect:',
        '  - path: /abs',
        '    require: sometimes',
        '  - path: ok/**',
        '    reqiure: review-always',
        'review:',
        '  threshold: -1',
        'extra: 1',
      ),
    );
    expect(code).toBe('EPOLICY_INVALID');
    expect(lines.map((l) => l.split(': ')[0])).toEqual([
      `${SOURCE}:1:10`,
      `${SOURCE}:2:7`,
      `${SOURCE}:4:11`,
      `${SOURCE}:5:14`,
      `${SOURCE}:6:5`,
      `${SOURCE}:7:5`,
      `${SOURCE}:9:14`,
      `${SOURCE}:10:1`,
    ]);
    for (const line of lines) expect(line).toMatch(/^\.cleanroom\/policy\.yaml:\d+:\d+: .+; expected .+$/);
  });

  it('self-referencing aliases without looping', () => {
    const { lines } = rejection(yaml('version: 1', 'protect: &p [*p]'));
    expect(lines).toEqual([`${SOURCE}:2:13: protect[0]: found a list; expected a protect entry, a mapping with path, require, exclude`]);
  });
});

interface Schema {
  [keyword: string]: unknown;
}

function resolveRef(s: Schema): Schema {
  return typeof s.$ref === 'string' ? ((SCHEMA.$defs as Record<string, Schema>)[s.$ref.replace('#/$defs/', '')] as Schema) : s;
}

const rootSchema = SCHEMA;
const props = (s: Schema) => s.properties as Record<string, Schema>;
const protectSchema = resolveRef(props(rootSchema).protect?.items as Schema);
const assistantsSchema = resolveRef(props(rootSchema).assistants as Schema);
const reviewSchema = resolveRef(props(rootSchema).review as Schema);
const limitsSchema = resolveRef(props(rootSchema).limits as Schema);

/** A policy that sets every key, for removing one at a time. */
const FULL = {
  version: 1,
  repository: 'urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10',
  mode: 'warn',
  case_sensitive: true,
  protect: [{ path: 'benchmarks/**', require: 'review-always' }],
  assistants: { builtin: false, trailers: ['x'], identities: ['y'], environment: ['Z'], markers: ['m'] },
  review: { namespace: 'ns', allowed_signers: 'signers', threshold: 2, require_user_presence: true },
  limits: { max_parents: 16 },
};
type Full = Record<string, unknown> & typeof FULL;

/** Where each object of the policy sits in FULL and in the schema, and how to reach it in a parse error. */
const OBJECTS: { name: string; schema: Schema; edit: (p: Full) => Record<string, unknown> }[] = [
  { name: 'top level', schema: rootSchema, edit: (p) => p },
  { name: 'protect entry', schema: protectSchema, edit: (p) => p.protect[0] as Record<string, unknown> },
  { name: 'assistants', schema: assistantsSchema, edit: (p) => p.assistants },
  { name: 'review', schema: reviewSchema, edit: (p) => p.review },
  { name: 'limits', schema: limitsSchema, edit: (p) => p.limits },
];

function variant(change: (obj: Record<string, unknown>) => void, target: (p: Full) => Record<string, unknown>): Full {
  const p = structuredClone(FULL) as Full;
  change(target(p));
  return p;
}

function accepts(value: unknown): { ok: true; policy: Policy } | { ok: false; lines: string[] } {
  try {
    return { ok: true, policy: parsePolicy(JSON.stringify(value), SOURCE, BASE) };
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    return { ok: false, lines: e.message.split('\n') };
  }
}

describe('schema/policy.schema.json agrees with the validator', () => {
  it.each([
    ['the example', EXAMPLE],
    ['the shipped default', DEFAULT_TEXT],
    ['a minimal policy', MINIMAL],
  ])('%s validates against the schema', (_, text) => {
    expect(policySchema.errors(parseYaml(text))).toEqual([]);
    expect(() => parsePolicy(text, SOURCE, BASE)).not.toThrow();
  });

  it('the schema check rejects what the schema forbids, naming where, so a pass means something', () => {
    expect(policySchema.errors({ ...FULL, protect: [{ path: 'datasets/**', require: 'sometimes' }] })).toEqual(['/protect/0/require: must be equal to one of the allowed values']);
    expect(policySchema.errors({ ...FULL, assistants: { ...FULL.assistants, markers: ['('] } })).toEqual(['/assistants/markers/0: must match format "regex"']);
    expect(policySchema.errors({ ...FULL, review: { ...FULL.review, threshold: '2' } })).toEqual(['/review/threshold: must be integer']);
  });

  it('every object in the schema forbids other keys and describes each key', () => {
    for (const { schema } of OBJECTS) {
      expect(schema.additionalProperties).toBe(false);
      for (const sub of Object.values(props(schema))) expect(typeof sub.description).toBe('string');
    }
  });

  it.each(OBJECTS)('$name: the same keys', ({ schema, edit }) => {
    const result = accepts(variant((o) => (o.zzz = 1), edit));
    expect(result.ok).toBe(false);
    const listed = result.ok ? undefined : result.lines[0]?.match(/unknown key "zzz"; expected one of (.*)$/)?.[1];
    expect(listed?.split(', ').sort()).toEqual(Object.keys(props(schema)).sort());
    expect(policySchema.errors(variant((o) => (o.zzz = 1), edit))).not.toEqual([]);
  });

  it.each(OBJECTS)('$name: the same required keys', ({ schema, edit }) => {
    expect(policySchema.errors(FULL)).toEqual([]);
    for (const key of Object.keys(props(schema))) {
      const without = variant((o) => delete o[key], edit);
      const required = ((schema.required as string[] | undefined) ?? []).includes(key);
      expect([key, accepts(without).ok]).toEqual([key, !required]);
      expect([key, policySchema.errors(without).length === 0]).toEqual([key, !required]);
    }
  });

  it('the same defaults', () => {
    const minimal = parsePolicy(MINIMAL, SOURCE, BASE);
    const camel = (k: string) => k.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
    const compiled = (section: unknown, key: string): unknown => {
      const v = (section as Record<string, unknown>)[key === 'allowed_signers' ? 'allowedSigners' : camel(key)];
      return Array.isArray(v) ? v.map((x) => (x instanceof RegExp ? x.source : x)) : v;
    };
    const sections: [Schema, unknown][] = [
      [rootSchema, minimal],
      [assistantsSchema, minimal.assistants],
      [reviewSchema, minimal.review],
      [limitsSchema, minimal.limits],
    ];
    let checked = 0;
    for (const [schema, section] of sections) {
      for (const [key, sub] of Object.entries(props(schema))) {
        if (!('default' in sub)) continue;
        const expected = key === 'allowed_signers' ? path.resolve(BASE, sub.default as string) : sub.default;
        expect([key, compiled(section, key)]).toEqual([key, expected]);
        checked++;
      }
    }
    expect(checked).toBe(15);
  });

  it('the same enums', () => {
    const listed = (text: string) =>
      rejection(text)
        .lines[0]?.match(/expected one of (.*)$/)?.[1]
        ?.split(', ');
    expect(listed(MINIMAL + 'mode: x\n')).toEqual(props(rootSchema).mode?.enum);
    expect(listed(MINIMAL.replace('review-if-assistant', 'x'))).toEqual(props(protectSchema).require?.enum);
  });

  type Row = [what: string, value: unknown, accepted: boolean, put: (p: Full, v: unknown) => void];
  const rows = (what: string, put: Row[3], cases: [unknown, boolean][]): Row[] => cases.map(([v, ok]) => [what, v, ok, put]);
  const values: Row[] = [
    ...rows('glob', (p, v) => ((p.protect[0] as Record<string, unknown>).path = v), [
      ['benchmarks/**', true],
      ['a b/ü/**', true],
      ['**', true],
      ['.github/**', true],
      ['a/..b/c', true],
      ['../x', false],
      ['a/../x', false],
      ['./a', false],
      ['a/.', false],
      ['/abs', false],
      ['a//b', false],
      ['a/', false],
      ['a\\b', false],
      ['', false],
    ]),
    ...rows('repository', (p, v) => (p.repository = v as string), [
      ['urn:uuid:5b0e8f0e-6d1c-4a4e-9a57-3f1f3c2a9d10', true],
      ['https://example.com/r', true],
      [null, true],
      ['example.com/r', false],
      ['my repo:x', false],
      ['urn:uuid:a b', false],
      ['1urn:x', false],
      ['', false],
      [7, false],
    ]),
    ...rows('environment', (p, v) => (p.assistants.environment = [v as string]), [
      ['CLAUDECODE', true],
      ['_x9', true],
      ['9X', false],
      ['MY-VAR', false],
      ['A B', false],
      ['', false],
    ]),
    ...rows('namespace', (p, v) => (p.review.namespace = v as string), [
      ['cleanroom-review-v1', true],
      ['a.b@c', true],
      ['a b', false],
      ['tab\there', false],
      ['', false],
    ]),
    ...rows('threshold', (p, v) => (p.review.threshold = v as number), [
      [1, true],
      [5, true],
      [0, false],
      [-1, false],
      [1.5, false],
      [2 ** 53, false],
    ]),
    ...rows('max_parents', (p, v) => (p.limits.max_parents = v as number), [
      [2, true],
      [64, true],
      [1, false],
      [0, false],
      [2.5, false],
      ['64', false],
      [2 ** 53, false],
    ]),
    ...rows('marker', (p, v) => (p.assistants.markers = [v as string]), [
      ['ok', true],
      ['(', false],
      ['', false],
    ]),
  ];

  it.each(values)('%s %j accepted: %s', (_, value, ok, set) => {
    const p = structuredClone(FULL) as Full;
    set(p, value);
    expect(accepts(p).ok).toBe(ok);
    expect(policySchema.errors(p).length === 0).toBe(ok);
  });
});
