/** A plain value saying why something looks assistant-made; every report format renders it. */
export type SignalKind = 'environment' | 'trailer' | 'message' | 'message-trailer' | 'identity' | 'marker' | 'recorded' | 'lineage';

export interface Signal {
  readonly kind: SignalKind;
  /** Catalog id of the assistant (e.g. 'claude-code'), or 'policy' for a rule the policy added. */
  readonly assistant: string;
  /** Catalog entry id or policy key that matched (e.g. 'claude-code/co-authored-by', 'assistants.markers[0]'). */
  readonly rule: string;
  /** What was seen, verbatim: `CLAUDECODE=1`, the trailer line, `author: Name <email>`, the marker line. */
  readonly evidence: string;
  /** Set for signals about one path (content markers, recorded writes, lineage); a marker also has the
   *  1-based line in the new content where it was found. */
  readonly path?: string;
  readonly line?: number;
}
