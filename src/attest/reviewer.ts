// Who a review names is decided by the key that signs it, as the verifier decides it
// (docs/attestation.md "Verifying", steps 3, 6 and 7): the principals that allowed_signers lists
// for that key, in the review namespace, valid now. attest asks this before anything is signed,
// so a review the gate would refuse is never made.
import { matchPatternList, principalsFor, type AllowedSigners } from './allowed-signers.js';
import { SK_USER_PRESENT, SK_USER_VERIFIED } from './ssh.js';

export interface ReviewerQuery {
  readonly namespace: string;
  readonly now: Date;
  /** --reviewer: must be one of the key's principals. */
  readonly wanted?: string | undefined;
  /** Taken when it is one of the key's principals and nothing is wanted (git's user.email). */
  readonly preferred?: string | undefined;
}

export type ReviewerChoice =
  | { readonly ok: true; readonly reviewer: string; readonly principals: readonly string[] }
  /** `unlisted`: no line has the key; `refused`: lines have it, none lets it sign now (namespace,
   *  validity); `principal`: the key may sign, but not as the reviewer asked for. */
  | { readonly ok: false; readonly kind: 'unlisted' | 'refused' | 'principal'; readonly problem: string };

const PATTERN = /[*?]/;

export function chooseReviewer(signers: AllowedSigners, key: { readonly type: string; readonly blob: Uint8Array }, query: ReviewerQuery): ReviewerChoice {
  // A FIDO key's flags are known only once it signs; assume the touch and PIN a verify-required
  // line asks for, and let the check of the finished signature hold it to them.
  const flags = key.type.startsWith('sk-') ? SK_USER_PRESENT | SK_USER_VERIFIED : undefined;
  const found = principalsFor(signers, key.blob, { namespace: query.namespace, at: query.now, now: query.now, ...(flags === undefined ? {} : { flags }) });
  if (found.matched.length === 0) {
    return found.refused.length === 0
      ? { ok: false, kind: 'unlisted', problem: `the key is not listed in ${signers.source}` }
      : { ok: false, kind: 'refused', problem: found.refused.join('; ') };
  }
  const isPrincipal = (name: string) => found.matched.some((line) => matchPatternList(name, line.principals) === 1);
  const named = found.principals.filter((p) => !PATTERN.test(p));
  const listing = found.principals.join(', ');
  if (query.wanted !== undefined) {
    return isPrincipal(query.wanted)
      ? { ok: true, reviewer: query.wanted, principals: found.principals }
      : {
          ok: false,
          kind: 'principal',
          problem: `--reviewer ${query.wanted} is not a principal of this key in ${signers.source} (it lists: ${listing}); leave --reviewer out, or name one of those`,
        };
  }
  if (query.preferred !== undefined && (named.includes(query.preferred) || (named.length === 0 && isPrincipal(query.preferred)))) {
    return { ok: true, reviewer: query.preferred, principals: found.principals };
  }
  const first = named[0];
  if (first === undefined) {
    return { ok: false, kind: 'principal', problem: `this key's lines in ${signers.source} name only patterns (${listing}); pass --reviewer with the name they match` };
  }
  return { ok: true, reviewer: first, principals: found.principals };
}
