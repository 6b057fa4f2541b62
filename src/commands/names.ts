/** The commands and hooks by name, apart from their code: the launcher keys its caches by them
 *  without loading the CLI. */
export const COMMAND_NAMES = ['check', 'hook', 'policy', 'attest', 'verify', 'scan', 'init', 'record', 'guard', 'demo', 'lineage', 'manifest', 'reviewers'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** git am (and rebase --apply) runs neither pre-commit nor the message hooks: it runs
 *  applypatch-msg and pre-applypatch instead. */
export const HOOK_NAMES = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'applypatch-msg', 'pre-applypatch', 'pre-push', 'pre-receive'] as const;
export type HookName = (typeof HOOK_NAMES)[number];
/** The hooks of a developer's clone, which `cleanroom init` installs. */
export const CLIENT_HOOK_NAMES = HOOK_NAMES.filter((h) => h !== 'pre-receive');

const oneOf =
  <T extends string>(names: readonly T[]) =>
  (name: string | undefined): name is T =>
    (names as readonly string[]).includes(name ?? '');
export const isCommandName = oneOf(COMMAND_NAMES);
export const isHookName = oneOf(HOOK_NAMES);

/** The hooks that judge the index git is about to commit (pre-push and pre-receive judge commits;
 *  applypatch-msg runs before git am has applied the patch). */
export const judgesIndex = (hook: HookName): boolean => hook !== 'pre-push' && hook !== 'pre-receive' && hook !== 'applypatch-msg';
