/**
 * Where cleanroom keeps its files: attestations in the repository, the provenance ledger in the
 * git directory. Kept apart from the code that reads them, which needs node:crypto: a hook that
 * finds none of them never loads it, and hooks run on every commit.
 */
import path from 'node:path';

export const POLICY_PATH = '.cleanroom/policy.yaml';
export const ATTESTATION_DIR = '.cleanroom/attestations';
export const ATTESTATION_SUFFIX = '.dsse.json';

export const LEDGER_FILE = 'provenance.jsonl';

export function ledgerDir(commonDir: string): string {
  return path.join(commonDir, 'cleanroom');
}

/** The ledger file of a repository (it may not exist yet). */
export function ledgerPath(commonDir: string): string {
  return path.join(ledgerDir(commonDir), LEDGER_FILE);
}
