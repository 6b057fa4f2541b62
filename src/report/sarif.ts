import { createHash } from 'node:crypto';
import type { Finding, Verdict } from '../decide/verdict.js';
import { fixCommands, FORBID_NOTE, reasonText, REVIEW_NOTE, signalText } from './messages.js';

/**
 * SARIF 2.1.0 for code-scanning hosts (GitHub code scanning, GitLab, IDE viewers). The verdict is
 * the same value the text and JSON formats render; only the envelope differs. No network URI is
 * named anywhere, so a log stays meaningful on an air-gapped runner.
 */

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface RuleText {
  readonly id: string;
  readonly name: string;
  readonly short: string;
  readonly full: string;
  /** What resolves it, when a review does not. */
  readonly help?: string;
}

/** One rule per reason a finding can have. Ids are part of the contract (code scanning keys
 *  alerts on them): add new ones, never renumber. */
const RULES: Record<Finding['reason'], RuleText> = {
  assistant: {
    id: 'CR001',
    name: 'assistant-content-unreviewed',
    short: 'Assistant-generated content in a protected path without a human review',
    full:
      'A commit brings content into a path the policy protects with review-if-assistant, an assistant signal fired ' +
      '(a commit-message trailer or line, an author or committer identity, or a content marker), and no valid ' +
      'review attestation covers that exact content.',
  },
  'review-always': {
    id: 'CR002',
    name: 'review-always-unreviewed',
    short: 'Change to a review-always path without a human review',
    full:
      'A commit brings content into a path the policy protects with review-always, which needs a human review for ' +
      'every change whoever made it, and no valid review attestation covers that exact content.',
  },
  link: {
    id: 'CR003',
    name: 'link-into-protected-path',
    short: 'A symlink or submodule that would show unprotected content under a protected path',
    full:
      'A commit adds or retargets a symlink at a protected path, or at a folder a protected pattern reaches below, ' +
      'that points at content the policy protects less (or outside the repository), or puts a submodule there. A ' +
      'checkout would show that content under the protected path, and later changes to it too: no review admits it.',
  },
  forbidden: {
    id: 'CR004',
    name: 'assistant-content-forbidden',
    short: 'Assistant-generated content in a path only a person may write',
    full:
      'A commit brings content into a path the policy protects with forbid-assistant, and an assistant signal fired ' +
      '(a trailer, an identity, a content marker, recorded provenance, or lineage from content an assistant first ' +
      'wrote elsewhere). No review admits it: a person writes that content, or it stays out.',
    help: `${FORBID_NOTE} Take the change out of the commit that brings it; a person writes that content and commits it.`,
  },
};
const RULE_ORDER = Object.keys(RULES) as Finding['reason'][];

const HELP =
  `${REVIEW_NOTE} On a checkout of the tip, a reviewer runs \`cleanroom attest -- <path>\`, commits the ` +
  'attestation it writes under .cleanroom/attestations/, and pushes again; or the change is taken out of the ' +
  'commit that brings it.';

/**
 * A git path as a relative URI reference (RFC 3986): each segment percent-encoded as UTF-8, so a
 * space, `%`, `#`, `?` or non-ASCII character survives, and a `:` in the first segment cannot be
 * read as a scheme.
 */
export function pathToUri(gitPath: string): string {
  return gitPath.split('/').map(encodeURIComponent).join('/');
}

/** Stable across runs and engines, so code scanning recognises the same finding on a re-run. */
function fingerprint(f: Finding): string {
  return createHash('sha256')
    .update(`${f.commit ?? ''}\0${f.path}\0${f.rule.pattern}`)
    .digest('hex');
}

function messageText(f: Finding): string {
  const commit = f.commit ? ` in commit ${f.commit.slice(0, 12)}` : '';
  const [first, ...rest] = fixCommands(f);
  return [
    `${f.path} (${f.status}${commit}): ${reasonText(f)}`,
    `rule: ${f.rule.pattern} requires ${f.rule.require} (${f.rule.origin})`,
    ...f.signals.map((s) => `signal: ${signalText(s)}`),
    `fix: ${first}`,
    ...rest.map((r) => `     ${r}`),
  ].join('\n');
}

function result(f: Finding, level: 'error' | 'warning') {
  // A marker's line is the most precise place to point at; other signals concern the whole commit.
  const line = f.signals.find((s) => s.kind === 'marker' && s.line !== undefined)?.line;
  return {
    ruleId: RULES[f.reason].id,
    ruleIndex: RULE_ORDER.indexOf(f.reason),
    level,
    message: { text: messageText(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(f.path), uriBaseId: 'SRCROOT' },
          ...(line !== undefined ? { region: { startLine: line } } : {}),
        },
      },
    ],
    partialFingerprints: { 'cleanroomFinding/v1': fingerprint(f) },
    properties: {
      commit: f.commit,
      path: f.path,
      status: f.status,
      reason: f.reason,
      rule: f.rule,
      signals: f.signals,
    },
  };
}

export function renderSarif(v: Verdict, opts: { toolVersion: string; engine?: string }): string {
  const level = v.mode === 'warn' ? 'warning' : 'error';
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cleanroom',
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            rules: Object.values(RULES).map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              help: { text: r.help ?? HELP },
            })),
          },
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { SRCROOT: { description: { text: 'The root of the repository being checked.' } } },
        results: v.findings.map((f) => result(f, level)),
        properties: {
          outcome: v.outcome,
          mode: v.mode,
          policy: v.policy,
          checked: v.checked,
          reviewed: v.reviewed,
          rejectedAttestations: v.rejectedAttestations,
          ...(opts.engine !== undefined ? { engine: opts.engine } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
