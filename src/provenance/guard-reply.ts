/**
 * How each assistant's pre-tool hook is answered, in its own documented dialect. PURE.
 *
 * A refusal uses the mechanism each tool documents for its pre-tool event: Claude Code's and
 * Copilot CLI's permissionDecision "deny" (the reason goes to the model), Cursor's permission
 * "deny" with an agent_message, and exit status 2 with the reason on stderr for Codex and Gemini
 * CLI (both document it as a block whose stderr the model reads; Codex ignores a JSON answer it
 * does not know and runs the tool, so a refusal never rests on one there). A write that will need
 * a review is let through with the note added to the model's context where the tool has a field
 * for it, and no permission decision, so the tool's own approval settings still apply.
 */
import type { AgentName } from './payloads.js';

export interface HookReply {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: 0 | 2;
}

const json = (value: unknown): HookReply => ({ stdout: `${JSON.stringify(value)}\n`, stderr: '', exit: 0 });
const block = (reason: string): HookReply => ({ stdout: '', stderr: `${reason}\n`, exit: 2 });
export const SILENT: HookReply = { stdout: '', stderr: '', exit: 0 };

/** The reply that refuses the tool call, with `reason` for the model. */
export function denyReply(agent: AgentName, reason: string): HookReply {
  switch (agent) {
    case 'claude-code':
      return json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } });
    case 'copilot':
      return json({ permissionDecision: 'deny', permissionDecisionReason: reason });
    case 'cursor':
      return json({ permission: 'deny', user_message: reason, agent_message: reason });
    case 'codex':
    case 'gemini':
      return block(reason);
  }
}

/** The reply that lets the call run and tells the model `note`. */
export function noteReply(agent: AgentName, note: string): HookReply {
  switch (agent) {
    case 'claude-code':
    case 'codex':
      return json({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: note } });
    case 'gemini':
      return json({ hookSpecificOutput: { hookEventName: 'BeforeTool', additionalContext: note } });
    case 'copilot':
      return json({ additionalContext: note });
    case 'cursor':
      // Cursor's permission answer has no context field: the note goes to the model as its message.
      return json({ agent_message: note, user_message: note });
  }
}
