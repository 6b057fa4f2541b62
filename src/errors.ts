/**
 * Every failure the user can act on is a CleanroomError: a stable `code` for tests and JSON,
 * a message that names the file, line or ref and says what to do. The CLI turns it into exit 2
 * without a stack trace; anything else that escapes is an internal error (also exit 2).
 */
export type ErrorCode =
  | 'EUSAGE'
  | 'EPOLICY_READ'
  | 'EPOLICY_SYNTAX'
  | 'EPOLICY_INVALID'
  | 'ENOTREPO'
  | 'EGIT'
  | 'EBADREV'
  | 'EHOOK_INPUT'
  | 'EINIT'
  | 'EENGINE'
  /** A commit or tag git's fsck rejects, or a push that would replace objects. */
  | 'EOBJECT'
  | 'EATTEST'
  | 'ELIMIT';

export class CleanroomError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CleanroomError';
  }
}

export const EXIT = { allowed: 0, blocked: 1, error: 2 } as const;
