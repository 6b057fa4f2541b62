import type { Verdict } from '../decide/verdict.js';

/** The machine contract: a versioned envelope around the verdict value, nothing rephrased. */
export function renderJson(v: Verdict, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ format: 'cleanroom-verdict/v1', ...extra, ...v }, null, 2)}\n`;
}
