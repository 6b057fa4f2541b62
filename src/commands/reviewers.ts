import fs from 'node:fs';
import path from 'node:path';
import { parseAllowedSigners, type AllowedSigner, type AllowedSigners } from '../attest/allowed-signers.js';
import { parsePublicKeyFile, type PublicKeyFile } from '../attest/public-key-file.js';
import { describeKey, fingerprint, type SshKeyType } from '../attest/ssh.js';
import type { Command } from '../cli.js';
import { CleanroomError, EXIT } from '../errors.js';
import type { InspectContext } from '../inspect.js';
import type { Io } from '../io.js';
import { printableBlock } from '../report/escape.js';
import { shellQuote } from '../report/messages.js';
import { allowedSigners } from '../review.js';
import { openContext, parseOptions } from './shared.js';

const usage = `usage: cleanroom reviewers add [--principal NAME] KEY.pub
       cleanroom reviewers list
       cleanroom reviewers remove NAME|KEY.pub|SHA256:FINGERPRINT

Keeps the policy's allowed_signers file (review.allowed_signers, in ssh-keygen's ALLOWED SIGNERS
format): who may sign reviews, with which key.
  add      lists KEY.pub for NAME (default: the key's comment, when it is an email address),
           for the namespace reviews are signed in (namespaces="<review.namespace>")
  list     shows each line: its principals, key, namespaces and validity, and whether the
           committed file (the one reviews are checked against) has it
  remove   drops the lines of NAME, or of that key
The file is changed in the work tree only: commit it (on its own) before anyone signs with a key
it adds; reviews are checked against the committed file, and the server against its own copy.`;

/** One principal: no list, pattern or option syntax, so the line means exactly this name. */
const PRINCIPAL = /^[^\s",!*?#][^\s",!*?]*$/;
const EMAIL = /^[^\s@",!*?#]+@[^\s@",!*?]+\.[^\s@",!*?]+$/;

interface SignersFile {
  /** Absolute path in the file system. */
  readonly file: string;
  /** How messages name it: relative to the work tree when it is inside. */
  readonly shown: string;
  readonly text: string;
  readonly parsed: AllowedSigners;
}

function signersFile(ctx: InspectContext): SignersFile {
  const file = ctx.policy.review.allowedSigners;
  const rel = ctx.repo.workTree ? path.relative(ctx.repo.workTree, file) : file;
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new CleanroomError('EATTEST', `${file}: cannot read the allowed_signers file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return { file, shown, text, parsed: parseAllowedSigners(text, shown) };
}

function readKeyFile(io: Io, arg: string): PublicKeyFile {
  const file = path.resolve(io.cwd, arg);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CleanroomError(
      'EUSAGE',
      `${arg}: cannot read the public key file (${(e as NodeJS.ErrnoException).code ?? String(e)}); pass the reviewer's KEY.pub (ssh-keygen -t ed25519 writes it beside the key)`,
    );
  }
  return parsePublicKeyFile(text, arg);
}

/** Writes the new text after checking it parses as the gate will parse it. */
function save(signers: SignersFile, text: string): void {
  parseAllowedSigners(text, signers.shown);
  fs.mkdirSync(path.dirname(signers.file), { recursive: true });
  fs.writeFileSync(signers.file, text);
}

function commitHint(signers: SignersFile, what: string): string {
  if (signers.shown === signers.file) return `${signers.file} is outside the repository: copy it wherever the gate reads it (the server's policy names its own)`;
  const f = shellQuote(signers.shown);
  return `commit it on its own before ${what} (git add -- ${f} && git commit -m "Update reviewers" -- ${f}): reviews are checked against the committed file, and a staged or work-tree change does not count for the gate or the server`;
}

function add(ctx: InspectContext, io: Io, args: string[]): number {
  const { values, positionals } = parseOptions('reviewers', args, { principal: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new CleanroomError('EUSAGE', 'reviewers add takes one KEY.pub; see `cleanroom reviewers --help`');
  const key = readKeyFile(io, positionals[0] as string);
  const principal = values.principal ?? (EMAIL.test(key.comment) ? key.comment : undefined);
  if (principal === undefined) {
    throw new CleanroomError(
      'EUSAGE',
      `whose key is ${key.description}? its comment (${JSON.stringify(key.comment)}) is not an email address: pass --principal <their name, e.g. their email>`,
    );
  }
  if (!PRINCIPAL.test(principal)) {
    throw new CleanroomError('EUSAGE', `--principal ${JSON.stringify(principal)}: a principal is one name without blanks, quotes, commas or the pattern characters ! * ?`);
  }
  const signers = signersFile(ctx);
  const namespace = ctx.policy.review.namespace;
  const same = signers.parsed.signers.find((s) => Buffer.from(s.keyBlob).equals(key.blob));
  if (same) {
    const listed = `${signers.shown}:${same.line} already lists ${key.description} for ${same.principals}`;
    if (same.principals === principal && same.namespaces === namespace) {
      io.stdout.write(printableBlock(`${listed}; nothing changed\n`));
      return EXIT.allowed;
    }
    throw new CleanroomError(
      'EATTEST',
      `${listed}; one key is one reviewer: remove that line first (cleanroom reviewers remove ${same.principals.includes(',') ? fingerprint(key.blob) : same.principals})`,
    );
  }
  const line = `${principal} namespaces="${namespace.replace(/"/g, '\\"')}" ${key.type} ${key.base64}`;
  const text = signers.text === '' || signers.text.endsWith('\n') ? `${signers.text}${line}\n` : `${signers.text}\n${line}\n`;
  save(signers, text);
  io.stdout.write(
    printableBlock(`added ${principal} (${key.description}) to ${signers.shown} for namespace "${namespace}"; ${commitHint(signers, `${principal} signs a review`)}\n`),
  );
  return EXIT.allowed;
}

/** Key types cleanroom verifies; a line may name others (ssh-dss, certificates), which never match. */
const VERIFIED_TYPES = new Set<string>([
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

function describeLine(s: AllowedSigner): string {
  const known = VERIFIED_TYPES.has(s.keyType)
    ? describeKey(s.keyType as SshKeyType, s.keyBlob)
    : `${s.keyType} key ${fingerprint(s.keyBlob)} (never matches: cleanroom does not verify this type)`;
  const when = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const options = [
    s.namespaces === undefined ? 'every namespace' : `namespaces="${s.namespaces}"`,
    ...(s.validAfter === undefined ? [] : [`valid after ${when(s.validAfter)}`]),
    ...(s.validBefore === undefined ? [] : [`valid before ${when(s.validBefore)}${s.validBefore * 1000 < Date.now() ? ' (expired)' : ''}`]),
    ...(s.verifyRequired ? ['verify-required'] : []),
  ];
  return `${s.principals}  ${known}  ${options.join(', ')}`;
}

async function list(ctx: InspectContext, io: Io): Promise<number> {
  const signers = signersFile(ctx);
  // The file the gate reads: HEAD's when the policy is committed and the file is in the repository.
  let committed: AllowedSigners | null = null;
  const out = [`${signers.shown} (namespace "${ctx.policy.review.namespace}" is the one reviews are signed in):`];
  try {
    committed = await allowedSigners(ctx.repo, ctx.engine, ctx.policy);
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    out.push(`  note: ${e.message}`);
  }
  if (signers.parsed.signers.length === 0) out.push('  no reviewers: cleanroom reviewers add --principal <name> KEY.pub lists one');
  for (const s of signers.parsed.signers) {
    const counted =
      committed !== null && committed.source !== signers.shown && !committed.signers.some((c) => Buffer.from(c.keyBlob).equals(s.keyBlob) && c.principals === s.principals);
    out.push(`  ${describeLine(s)}${counted ? `  (not in ${committed?.source}: does not count until committed)` : ''}`);
  }
  for (const w of signers.parsed.warnings) out.push(`  warning: ${w}`);
  io.stdout.write(`${printableBlock(out.join('\n'))}\n`);
  return EXIT.allowed;
}

function remove(ctx: InspectContext, io: Io, args: string[]): number {
  const { positionals } = parseOptions('reviewers', args, {}, true);
  if (positionals.length !== 1) throw new CleanroomError('EUSAGE', 'reviewers remove takes one NAME, KEY.pub or SHA256:fingerprint; see `cleanroom reviewers --help`');
  const what = positionals[0] as string;
  const signers = signersFile(ctx);
  const blob = what.startsWith('SHA256:') ? null : what.endsWith('.pub') ? readKeyFile(io, what).blob : null;
  const matches = (s: AllowedSigner) =>
    what.startsWith('SHA256:') ? fingerprint(s.keyBlob) === what : blob !== null ? Buffer.from(s.keyBlob).equals(blob) : s.principals.split(',').includes(what);
  const found = signers.parsed.signers.filter(matches);
  if (found.length === 0) throw new CleanroomError('EUSAGE', `${signers.shown} has no line for ${what}; \`cleanroom reviewers list\` shows who is there`);
  const shared = found.filter((s) => blob === null && !what.startsWith('SHA256:') && s.principals !== what);
  if (shared.length > 0) {
    throw new CleanroomError(
      'EUSAGE',
      `${shared.map((s) => `${signers.shown}:${s.line}`).join(', ')} lists ${what} with other principals (${shared.map((s) => s.principals).join('; ')}); remove that key instead (cleanroom reviewers remove ${fingerprint(shared[0]?.keyBlob ?? new Uint8Array())}) or edit the line`,
    );
  }
  const drop = new Set(found.map((s) => s.line));
  const text = signers.text
    .split('\n')
    .filter((_, i) => !drop.has(i + 1))
    .join('\n');
  save(signers, text);
  io.stdout.write(
    printableBlock(
      `removed ${found.map((s) => `${s.principals} (${describeLine(s).split('  ')[1]})`).join(', ')} from ${signers.shown}; ${commitHint(signers, 'it takes effect')}\n`,
    ),
  );
  return EXIT.allowed;
}

const reviewers: Command = {
  summary: 'list, add or remove the keys that may sign reviews (allowed_signers)',
  usage,
  async run(args: string[], io: Io) {
    const [action, ...rest] = args;
    if (action !== 'add' && action !== 'list' && action !== 'remove') {
      throw new CleanroomError(
        'EUSAGE',
        `${action === undefined ? 'reviewers needs an action' : `unknown action "${action}"`}: add, list or remove; see \`cleanroom reviewers --help\``,
      );
    }
    const ctx = await openContext(io, {});
    try {
      if (action === 'add') return add(ctx, io, rest);
      if (action === 'remove') return remove(ctx, io, rest);
      parseOptions('reviewers', rest, {});
      return await list(ctx, io);
    } finally {
      await ctx.close();
    }
  },
};

export default reviewers;
