/**
 * The server's well-formedness pass tells lineage which pushed commits may be assistant-made, so
 * that only those are diffed (src/lineage/walk.ts mayBeAssistantMade). It may say yes too often,
 * never too rarely: every commit whose own signals git log's reading would flag must be a
 * candidate, and so must a commit git log would convert from another encoding.
 */
import { describe, expect, it } from 'vitest';
import { mayBeAssistantMade } from '../src/lineage/walk.js';
import type { AssistantRules } from '../src/policy/policy.js';

const BUILTIN: AssistantRules = { builtin: true, trailers: [], identities: [], environment: [], markers: [], recordedShare: 0.5, lineageShare: 0.5 };
const TREE = 'a'.repeat(40);
const PERSON = 'Ada Lovelace <ada@example.org> 1600000000 +0000';

const commit = (opts: { author?: string; committer?: string; extra?: string; message?: string }) =>
  Buffer.from(`tree ${TREE}\nauthor ${opts.author ?? PERSON}\ncommitter ${opts.committer ?? PERSON}\n${opts.extra ?? ''}\n${opts.message ?? 'change\n'}`);

describe('mayBeAssistantMade', () => {
  it('says no of a person’s commit', () => {
    expect(mayBeAssistantMade(commit({}), BUILTIN)).toBe(false);
  });

  it('says yes of an assistant trailer, an assistant author or committer', () => {
    expect(mayBeAssistantMade(commit({ message: 'change\n\nCo-authored-by: Claude <noreply@anthropic.com>\n' }), BUILTIN)).toBe(true);
    expect(mayBeAssistantMade(commit({ author: 'Claude <noreply@anthropic.com> 1600000000 +0000' }), BUILTIN)).toBe(true);
    expect(mayBeAssistantMade(commit({ committer: 'claude[bot] <1+claude[bot]@users.noreply.github.com> 1600000000 +0000' }), BUILTIN)).toBe(true);
  });

  it('asks of a name as git log reads it too (only trailing blanks trimmed)', () => {
    const rules: AssistantRules = { ...BUILTIN, builtin: false, identities: [/^ bot </] };
    expect(mayBeAssistantMade(commit({ author: ' bot <b@example.org> 1600000000 +0000' }), rules)).toBe(true);
  });

  it('says yes of a commit in another encoding (git log converts it) and of policy rules', () => {
    expect(mayBeAssistantMade(commit({ extra: 'encoding ISO-8859-1\n' }), BUILTIN)).toBe(true);
    expect(mayBeAssistantMade(commit({ extra: 'encoding UTF-8\n' }), BUILTIN)).toBe(false);
    const rules: AssistantRules = { ...BUILTIN, trailers: [/^Generated-by: /i] };
    expect(mayBeAssistantMade(commit({ message: 'change\n\nGenerated-by: tool\n' }), rules)).toBe(true);
  });
});
