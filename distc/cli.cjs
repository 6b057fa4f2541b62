const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// ../../../work/main/src/errors.ts
var CleanroomError, EXIT;
var init_errors = __esm({
  "../../../work/main/src/errors.ts"() {
    "use strict";
    CleanroomError = class extends Error {
      constructor(code, message) {
        super(message);
        this.code = code;
        this.name = "CleanroomError";
      }
      code;
    };
    EXIT = { allowed: 0, blocked: 1, error: 2 };
  }
});

// ../../../work/main/src/decide/verdict.ts
var reviewKey;
var init_verdict = __esm({
  "../../../work/main/src/decide/verdict.ts"() {
    "use strict";
    reviewKey = (path20, oid) => `${path20}\0${oid}`;
  }
});

// ../../../work/main/src/decide/decide.ts
function ruleFor(policy2, path20) {
  let best = null;
  for (const rule of policy2.protect) {
    if (!rule.matches(path20)) continue;
    if (!best || best.require === "review-if-assistant" && rule.require === "review-always") best = rule;
  }
  if (best) {
    return { pattern: best.pattern, require: best.require, origin: best.line > 0 ? `${policy2.source}:${best.line}` : policy2.source };
  }
  const lower = policy2.caseSensitive ? path20 : path20.toLowerCase();
  if (lower.startsWith(ATTESTATIONS_PREFIX) && path20.startsWith(ATTESTATIONS_PREFIX) && path20.endsWith(".dsse.json")) return null;
  return lower.startsWith(SELF_PREFIX) || lower === ".cleanroom" ? SELF_RULE : null;
}
function bringsContent(change2) {
  return change2.status !== "deleted";
}
function decide({ policy: policy2, subjects }) {
  const findings = [];
  const reviewed = [];
  let paths = 0;
  let protectedPaths = 0;
  for (const subject of subjects) {
    for (const change2 of subject.changes) {
      paths++;
      if (!bringsContent(change2)) continue;
      const rule = ruleFor(policy2, change2.path);
      if (!rule) continue;
      protectedPaths++;
      const signals = [...subject.signals, ...subject.pathSignals.filter((m) => m.path === change2.path)];
      if (rule.require === "review-always" || signals.length > 0) {
        const principals = change2.newOid ? subject.reviewed.get(reviewKey(change2.path, change2.newOid)) : void 0;
        if (principals) {
          reviewed.push({ commit: subject.commit, path: change2.path, principals, signals });
          continue;
        }
        findings.push({
          commit: subject.commit,
          path: change2.path,
          status: change2.status,
          rule,
          reason: signals.length > 0 ? "assistant" : "review-always",
          signals
        });
      }
    }
  }
  const outcome = findings.length === 0 ? "allowed" : policy2.mode === "warn" ? "warned" : "blocked";
  return {
    outcome,
    mode: policy2.mode,
    policy: policy2.source,
    checked: { commits: subjects.filter((s) => s.commit !== null).length, paths, protectedPaths },
    findings,
    reviewed,
    rejectedAttestations: uniqueByFile(subjects.flatMap((s) => s.rejectedAttestations)),
    signals: subjects.flatMap((s) => [...s.signals, ...s.pathSignals])
  };
}
function uniqueByFile(list) {
  const seen = /* @__PURE__ */ new Map();
  for (const r of list) if (!seen.has(r.file)) seen.set(r.file, r);
  return [...seen.values()];
}
var SELF_RULE, SELF_PREFIX, ATTESTATIONS_PREFIX;
var init_decide = __esm({
  "../../../work/main/src/decide/decide.ts"() {
    "use strict";
    init_verdict();
    SELF_RULE = {
      pattern: ".cleanroom/**",
      require: "review-if-assistant",
      origin: "built in: the policy folder is always protected"
    };
    SELF_PREFIX = ".cleanroom/";
    ATTESTATIONS_PREFIX = ".cleanroom/attestations/";
  }
});

// ../../../work/main/src/attest/dsse.ts
function pae(payloadType, payload) {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, "ascii"), type, Buffer.from(` ${payload.length} `, "ascii"), payload]);
}
function parseEnvelope(bytes) {
  const bad = (why) => ({ ok: false, problem: `not a DSSE envelope: ${why}` });
  let json;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch {
    return bad("the file is not UTF-8 JSON");
  }
  if (!isObject(json)) return bad("expected a JSON object");
  const { payloadType, payload, signatures } = json;
  if (typeof payloadType !== "string") return bad('"payloadType" must be a string');
  if (typeof payload !== "string") return bad('"payload" must be a base64 string');
  const body = decodeBase64(payload);
  if (body === void 0) return bad('"payload" is not valid base64 (standard or URL-safe)');
  if (!Array.isArray(signatures) || signatures.length === 0) return bad('"signatures" must be a non-empty list');
  const sigs = [];
  for (const [i, s] of signatures.entries()) {
    if (!isObject(s) || typeof s.sig !== "string") return bad(`signatures[${i}] needs a "sig" string`);
    const sig = decodeBase64(s.sig);
    if (sig === void 0 || sig.length === 0) return bad(`signatures[${i}].sig is not valid base64 (standard or URL-safe)`);
    sigs.push(typeof s.keyid === "string" ? { keyid: s.keyid, sig } : { sig });
  }
  return { ok: true, envelope: { payloadType, payload: body, signatures: sigs } };
}
function serializeEnvelope(envelope) {
  const doc = {
    payload: Buffer.from(envelope.payload).toString("base64"),
    payloadType: envelope.payloadType,
    signatures: envelope.signatures.map((s) => ({ ...s.keyid === void 0 ? {} : { keyid: s.keyid }, sig: Buffer.from(s.sig).toString("base64") }))
  };
  return `${JSON.stringify(doc, null, 2)}
`;
}
function attestationPath(payload) {
  return `${ATTESTATION_DIR}/${(0, import_node_crypto.createHash)("sha256").update(payload).digest("hex").slice(0, 16)}${ATTESTATION_SUFFIX}`;
}
function decodeBase64(text2) {
  const m = /^(?:([A-Za-z0-9+/]*)|([A-Za-z0-9_-]*))(={0,2})$/.exec(text2);
  if (m === null) return void 0;
  const body = m[1] ?? m[2] ?? "";
  const padding = m[3] ?? "";
  if (body.length % 4 === 1 || padding !== "" && (body.length + padding.length) % 4 !== 0) return void 0;
  const urlSafe = m[1] === void 0;
  const bytes = Buffer.from(body, urlSafe ? "base64url" : "base64");
  const again = bytes.toString(urlSafe ? "base64url" : "base64").replace(/=+$/, "");
  return again === body ? bytes : void 0;
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
var import_node_crypto, PAYLOAD_TYPE, ATTESTATION_DIR, ATTESTATION_SUFFIX, utf8;
var init_dsse = __esm({
  "../../../work/main/src/attest/dsse.ts"() {
    "use strict";
    import_node_crypto = require("node:crypto");
    PAYLOAD_TYPE = "application/vnd.in-toto+json";
    ATTESTATION_DIR = ".cleanroom/attestations";
    ATTESTATION_SUFFIX = ".dsse.json";
    utf8 = new TextDecoder("utf-8", { fatal: true });
  }
});

// ../../../work/main/src/git/cat-file.ts
var import_node_child_process, CatFileBatch;
var init_cat_file = __esm({
  "../../../work/main/src/git/cat-file.ts"() {
    "use strict";
    import_node_child_process = require("node:child_process");
    init_errors();
    CatFileBatch = class {
      child;
      pending = [];
      buffer = Buffer.alloc(0);
      failure = null;
      constructor(cwd, env) {
        this.child = (0, import_node_child_process.spawn)("git", ["cat-file", "--batch"], { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
        let stderr = "";
        this.child.stderr.on("data", (b) => stderr += b.toString("utf8"));
        this.child.stdout.on("data", (b) => this.onData(b));
        const fail2 = (message) => {
          this.failure = new CleanroomError("EGIT", message);
          for (const p of this.pending.splice(0)) p.reject(this.failure);
        };
        this.child.on("error", (e) => fail2(`could not run git cat-file (${e.message})`));
        this.child.on("close", (code) => {
          if (this.pending.length > 0) fail2(`git cat-file exited (${code}): ${stderr.trim()}`);
        });
        this.child.stdin.on("error", () => void 0);
      }
      /** Reads an object by any name git accepts (`<oid>`, `HEAD:path`); null when it does not exist. */
      read(name) {
        if (this.failure) return Promise.reject(this.failure);
        if (/[\n\0]/.test(name)) return Promise.reject(new CleanroomError("EBADREV", `invalid object name ${JSON.stringify(name)}`));
        return new Promise((resolve, reject) => {
          this.pending.push({ name, resolve, reject });
          this.child.stdin.write(`${name}
`);
        });
      }
      close() {
        return new Promise((resolve) => {
          if (this.child.exitCode !== null) return resolve();
          this.child.once("close", () => resolve());
          this.child.stdin.end();
        });
      }
      /** Set while the body of an object is still arriving: large blobs come in many chunks, which
       *  are gathered in a list and joined once (joining on every chunk would be quadratic). */
      body = null;
      onData(chunk) {
        this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
        for (; ; ) {
          const head = this.pending[0];
          if (!head) return;
          if (this.body) {
            const want = this.body.size + 1 - this.body.have;
            if (this.buffer.length < want) {
              this.body.chunks.push(this.buffer);
              this.body.have += this.buffer.length;
              this.buffer = Buffer.alloc(0);
              return;
            }
            this.body.chunks.push(this.buffer.subarray(0, want));
            this.buffer = this.buffer.subarray(want);
            const { oid: oid2, type: type2, size, chunks } = this.body;
            this.body = null;
            this.pending.shift();
            head.resolve({ oid: oid2, type: type2, content: Buffer.concat(chunks).subarray(0, size) });
            continue;
          }
          const nl = this.buffer.indexOf(10);
          if (nl < 0) return;
          const header = this.buffer.subarray(0, nl).toString("utf8");
          this.buffer = this.buffer.subarray(nl + 1);
          if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
            this.pending.shift();
            head.resolve(null);
            continue;
          }
          const [oid = "", type = "", sizeText = ""] = header.split(" ");
          this.body = { oid, type, size: Number(sizeText), chunks: [], have: 0 };
        }
      }
    };
  }
});

// ../../../work/main/src/git/exec.ts
function runGit(args, opts) {
  return new Promise((resolve, reject) => {
    const child = (0, import_node_child_process2.spawn)("git", args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: [opts.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"]
    });
    const out = [];
    const err = [];
    child.stdout?.on("data", (b) => out.push(b));
    child.stderr?.on("data", (b) => err.push(b));
    child.on(
      "error",
      (e) => reject(new CleanroomError("EGIT", `could not run git (${e.message}); is git installed and on PATH?`))
    );
    child.on(
      "close",
      (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8"), status: code ?? 128 })
    );
    if (child.stdin) {
      child.stdin.on("error", () => void 0);
      child.stdin.end(opts.input);
    }
  });
}
async function gitOk(args, opts) {
  const r = await runGit(args, opts);
  if (r.status !== 0) {
    throw new CleanroomError("EGIT", `git ${args[0]} failed: ${r.stderr.trim() || `exit ${r.status}`}`);
  }
  return r.stdout;
}
var import_node_child_process2;
var init_exec = __esm({
  "../../../work/main/src/git/exec.ts"() {
    "use strict";
    import_node_child_process2 = require("node:child_process");
    init_errors();
  }
});

// ../../../work/main/src/git/repo.ts
async function discoverRepo(cwd, env) {
  const r = await runGit(
    ["rev-parse", "--absolute-git-dir", "--git-common-dir", "--is-bare-repository", "--show-object-format", "--show-toplevel"],
    { cwd, env }
  );
  const lines = r.stdout.toString("utf8").split("\n");
  if (r.status !== 0 && !(lines[2] === "true" && lines.length >= 4)) {
    throw new CleanroomError("ENOTREPO", `${cwd} is not inside a git repository (${r.stderr.trim()}); run cleanroom from a repository`);
  }
  const [gitDir = "", commonDirRaw = "", bare = "", format = "sha1", top = ""] = lines;
  const commonDir = import_node_path.default.resolve(cwd, commonDirRaw);
  return {
    cwd,
    env,
    gitDir,
    commonDir,
    workTree: bare === "true" || top === "" ? null : top,
    objectFormat: format === "sha256" ? "sha256" : "sha1"
  };
}
function emptyTreeOid(format) {
  return format === "sha256" ? "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321" : "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
}
async function readGitVars(cwd, env) {
  const r = await runGit(["var", "-l"], { cwd, env });
  const config = /* @__PURE__ */ new Map();
  let author = null;
  let committer = null;
  if (r.status === 0) {
    for (const line of r.stdout.toString("utf8").split("\n")) {
      const eq = line.indexOf("=");
      if (eq <= 0) continue;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1);
      if (key === "GIT_AUTHOR_IDENT") author = value;
      else if (key === "GIT_COMMITTER_IDENT") committer = value;
      else config.set(key, value);
    }
  }
  return { author, committer, config };
}
var import_node_path, isNullOid;
var init_repo = __esm({
  "../../../work/main/src/git/repo.ts"() {
    "use strict";
    import_node_path = __toESM(require("node:path"), 1);
    init_errors();
    init_exec();
    isNullOid = (oid) => /^0+$/.test(oid);
  }
});

// ../../../work/main/src/git/plumbing.ts
function openPlumbingEngine(repo) {
  const opts = { cwd: repo.cwd, env: repo.env };
  let batch = null;
  const objects = () => batch ??= new CatFileBatch(repo.cwd, repo.env);
  const emptyTree = emptyTreeOid(repo.objectFormat);
  const diff = async (args) => parseRawDiff(await gitOk(args, opts));
  const diffFlags = ["-z", "--raw", "--no-renames", "--ignore-submodules=none", "--no-ext-diff"];
  const oidBytes = repo.objectFormat === "sha256" ? 32 : 20;
  const treeFiles = async (name, prefix) => {
    const tree = await objects().read(name);
    if (!tree || tree.type !== "tree") return [];
    const files = [];
    const raw = tree.content;
    for (let pos = 0; pos < raw.length; ) {
      const space = raw.indexOf(32, pos);
      const nul = raw.indexOf(0, space);
      const mode = raw.subarray(pos, space).toString("latin1");
      const path20 = `${prefix}${raw.subarray(space + 1, nul).toString("utf8")}`;
      const oid = raw.subarray(nul + 1, nul + 1 + oidBytes).toString("hex");
      pos = nul + 1 + oidBytes;
      if (mode === "40000") files.push(...await treeFiles(oid, `${path20}/`));
      else if (mode !== "160000") files.push({ path: path20, oid, mode: canonicalMode(mode) });
    }
    return files;
  };
  const readCommit = async (oid) => {
    const obj2 = await objects().read(oid);
    if (!obj2 || obj2.type !== "commit") throw new CleanroomError("EBADREV", `${oid} is not a commit in this repository`);
    return parseCommit(obj2.oid, obj2.content);
  };
  return {
    kind: "plumbing",
    async stagedChanges(base = "HEAD") {
      const r = await runGit(["diff-index", "--cached", "--ita-invisible-in-index", ...diffFlags, base, "--"], opts);
      if (r.status === 0) return parseRawDiff(r.stdout);
      if (base === "HEAD" && await objects().read("HEAD") === null) {
        return diff(["diff-index", "--cached", "--ita-invisible-in-index", ...diffFlags, emptyTree, "--"]);
      }
      throw new CleanroomError("EGIT", `git diff-index failed: ${r.stderr.trim()}`);
    },
    async commitChanges(oid, parent) {
      const commit = await readCommit(oid);
      return diff(["diff-tree", "-r", ...diffFlags, parent ?? commit.parents[0] ?? emptyTree, commit.oid, "--"]);
    },
    readCommit,
    async changesOfCommits(requests) {
      if (requests.length === 0) return [];
      const parents = await Promise.all(requests.map(async (r) => r.parent ?? (await readCommit(r.oid)).parents[0]));
      const input = requests.map((r, i) => `${checkRev(r.oid)}${parents[i] ? ` ${checkRev(parents[i])}` : ""}
`).join("");
      const out = await gitOk(["diff-tree", "--stdin", "--always", "--root", "-r", ...diffFlags], { ...opts, input });
      const result3 = [];
      let pos = 0;
      while (pos < out.length) {
        const headerEnd = out.indexOf(0, pos);
        if (headerEnd < 0) break;
        let next = headerEnd + 1;
        while (next < out.length && out[next] === 58) {
          next = out.indexOf(0, out.indexOf(0, next) + 1) + 1;
          if (next === 0) next = out.length;
        }
        result3.push(parseRawDiff(out.subarray(headerEnd + 1, next)));
        pos = next;
      }
      if (result3.length !== requests.length) {
        throw new CleanroomError("EGIT", `git diff-tree --stdin answered ${result3.length} of ${requests.length} commits`);
      }
      return result3;
    },
    async listCommits(range) {
      const input = [...range.include.map(checkRev), ...range.exclude.map((r) => `^${checkRev(r)}`), ""].join("\n");
      const out = await gitOk(["rev-list", "--stdin"], { ...opts, input });
      return out.toString("utf8").split("\n").filter(Boolean);
    },
    async resolve(rev) {
      const obj2 = await objects().read(`${checkRev(rev)}^{commit}`);
      if (!obj2) throw new CleanroomError("EBADREV", `"${rev}" does not name a commit in this repository`);
      return obj2.oid;
    },
    async readBlob(oid) {
      const obj2 = await objects().read(oid);
      if (!obj2 || obj2.type !== "blob") throw new CleanroomError("EGIT", `blob ${oid} is missing from the repository`);
      return obj2.content;
    },
    async listFiles(source, dir) {
      if (source !== "index") {
        const at = dir === "" ? `${checkRev(source.rev)}^{tree}` : `${checkRev(source.rev)}:${dir}`;
        return treeFiles(at, dir === "" ? "" : `${dir}/`);
      }
      const spec = dir === "" ? ":(top)" : `:(top,literal)${dir}/`;
      const changes = await diff(["diff-index", "--cached", "--ita-invisible-in-index", ...diffFlags, emptyTree, "--", spec]);
      return changes.filter((c) => c.newMode !== "160000").map((c) => ({ path: c.path, oid: c.newOid ?? "", mode: c.newMode ?? "" }));
    },
    async readFileAt(rev, path20) {
      const obj2 = await objects().read(`${checkRev(rev)}:${path20}`);
      return obj2 && obj2.type === "blob" ? obj2.content : null;
    },
    async close() {
      await batch?.close();
    }
  };
}
function canonicalMode(mode) {
  if (mode === "120000") return mode;
  return (parseInt(mode, 8) & 64) !== 0 ? "100755" : "100644";
}
function checkRev(rev) {
  if (rev.startsWith("-") || /[\n\0]/.test(rev) || rev === "") {
    throw new CleanroomError("EBADREV", `"${rev}" is not a valid revision`);
  }
  return rev;
}
function parseRawDiff(out) {
  const changes = [];
  let pos = 0;
  while (pos < out.length) {
    const metaEnd = out.indexOf(0, pos);
    const pathEnd = out.indexOf(0, metaEnd + 1);
    if (metaEnd < 0 || pathEnd < 0) break;
    const meta = out.subarray(pos + 1, metaEnd).toString("latin1").split(" ");
    const path20 = out.subarray(metaEnd + 1, pathEnd).toString("utf8");
    pos = pathEnd + 1;
    const [oldMode = "", newMode = "", oldOid = "", newOid = "", letter = ""] = meta;
    const status = STATUS[letter[0] ?? ""];
    if (!status) continue;
    const absent = (mode) => /^0+$/.test(mode);
    changes.push({
      path: path20,
      status,
      oldMode: absent(oldMode) ? null : oldMode,
      newMode: absent(newMode) ? null : newMode,
      oldOid: absent(oldMode) ? null : oldOid,
      newOid: absent(newMode) ? null : newOid
    });
  }
  return changes;
}
function parseCommit(oid, raw) {
  const text2 = raw.toString("utf8");
  const split = text2.indexOf("\n\n");
  const headerText = split < 0 ? text2 : text2.slice(0, split);
  const message = split < 0 ? "" : text2.slice(split + 2);
  const parents = [];
  let author = { name: "", email: "" };
  let committer = { name: "", email: "" };
  for (const line of headerText.split("\n")) {
    if (line.startsWith(" ")) continue;
    const sp = line.indexOf(" ");
    const key = line.slice(0, sp);
    const value = line.slice(sp + 1);
    if (key === "parent") parents.push(value);
    else if (key === "author") author = parseIdent(value);
    else if (key === "committer") committer = parseIdent(value);
  }
  return { oid, parents, author, committer, message };
}
function parseIdent(value) {
  const m = /^(.*?)\s*<([^>]*)>/.exec(value);
  return m ? { name: m[1] ?? "", email: m[2] ?? "" } : { name: value.trim(), email: "" };
}
var STATUS;
var init_plumbing = __esm({
  "../../../work/main/src/git/plumbing.ts"() {
    "use strict";
    init_errors();
    init_cat_file();
    init_exec();
    init_repo();
    STATUS = { A: "added", M: "modified", T: "typechange", D: "deleted", U: "modified" };
  }
});

// ../../../work/main/src/signals/catalog.json
var catalog_default;
var init_catalog = __esm({
  "../../../work/main/src/signals/catalog.json"() {
    catalog_default = [
      {
        id: "aider/co-authored-by",
        assistant: "aider",
        kind: "trailer",
        pattern: "^Co-authored-by: aider\\b[^<>]* <aider@aider\\.chat>$",
        confidence: "H",
        sources: [
          'Aider-AI/aider aider/repo.py: commit_message_trailer = f"\\n\\nCo-authored-by: aider ({model_name}) <aider@aider.chat>"; args.py --attribute-co-authored-by default=True (HISTORY v0.85.0)'
        ],
        examples: {
          match: [
            "Co-authored-by: aider (gpt-4o) <aider@aider.chat>",
            "Co-authored-by: aider (anthropic/claude-sonnet-4-20250514) <aider@aider.chat>",
            "Co-authored-by: aider (unknown-model) <aider@aider.chat>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Signed-off-by: aider (gpt-4o) <aider@aider.chat>",
            "Co-authored-by: Aiden <aiden@example.org>"
          ]
        }
      },
      {
        id: "aider/commit-message-prefix",
        assistant: "aider",
        kind: "message",
        pattern: "^aider: \\S",
        confidence: "H",
        sources: [
          `Aider-AI/aider aider/args.py: --attribute-commit-message-author / --attribute-commit-message-committer "Prefix commit messages with 'aider: '" (default False)`
        ],
        examples: {
          match: [
            "aider: Add a CSV loader for the benchmark split"
          ],
          noMatch: [
            "Update aider: pin to 0.86",
            "The aider: prefix is configurable",
            "Aider: capitalised titles are not the prefix"
          ]
        }
      },
      {
        id: "aider/env-git-author-name",
        assistant: "aider",
        kind: "environment",
        variable: "GIT_AUTHOR_NAME",
        value: " \\(aider\\)$",
        confidence: "H",
        sources: [
          'Aider-AI/aider aider/repo.py: set_git_env(...) sets GIT_AUTHOR_NAME "<name> (aider)" around git commit when attributing the author'
        ],
        examples: {
          match: [
            "GIT_AUTHOR_NAME=Ada Human (aider)"
          ],
          noMatch: [
            "GIT_AUTHOR_NAME=Ada Human",
            "GIT_AUTHOR_NAME=(aider) fan club"
          ]
        }
      },
      {
        id: "aider/env-git-committer-name",
        assistant: "aider",
        kind: "environment",
        variable: "GIT_COMMITTER_NAME",
        value: " \\(aider\\)$",
        confidence: "H",
        sources: [
          'Aider-AI/aider aider/repo.py: set_git_env(...) sets GIT_COMMITTER_NAME "<name> (aider)" around git commit; prepare-commit-msg still runs under --no-verify (local test)'
        ],
        examples: {
          match: [
            "GIT_COMMITTER_NAME=Ada Human (aider)"
          ],
          noMatch: [
            "GIT_COMMITTER_NAME=Ada Human"
          ]
        }
      },
      {
        id: "aider/name-suffix-identity",
        assistant: "aider",
        kind: "identity",
        pattern: "^[^<>]* \\(aider\\) <[^<>]*>$",
        confidence: "H",
        sources: [
          'Aider-AI/aider aider/repo.py: committer_name = f"{original_user_name} (aider)"; docstring "User commit (defaults): aider_edits=False -> Author=You, Committer=You(aider)"'
        ],
        examples: {
          match: [
            "Ada Human (aider) <ada@example.org>"
          ],
          noMatch: [
            "Ada Human <ada@example.org>",
            "Aider Team <team@aider.chat>"
          ]
        }
      },
      {
        id: "amp/amp-thread-id",
        assistant: "amp",
        kind: "trailer",
        pattern: "^Amp-Thread-ID: https://ampcode\\.com/threads/T-[0-9a-f-]+$",
        confidence: "M",
        sources: [
          'deobfuscated Amp bundle: --trailer "Amp-Thread-ID: https://ampcode.com/threads/${q.id}"; Sourcegraph staff commit example; setting amp.git.commit.ampThread.enabled'
        ],
        examples: {
          match: [
            "Amp-Thread-ID: https://ampcode.com/threads/T-652c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
          ],
          noMatch: [
            "Thread-ID: https://ampcode.com/threads/T-652c1a2b",
            "Amp-Thread-ID: https://example.org/threads/T-1"
          ]
        }
      },
      {
        id: "amp/co-authored-by",
        assistant: "amp",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<amp@ampcode\\.com>$",
        confidence: "M",
        sources: [
          'Sourcegraph staff commit example: "Co-authored-by: Amp <amp@ampcode.com>"; amp --help setting amp.git.commit.coauthor.enabled (default true)'
        ],
        examples: {
          match: [
            "Co-authored-by: Amp <amp@ampcode.com>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Co-authored-by: Amp Fan <amp@example.org>"
          ]
        }
      },
      {
        id: "amp/env-agent",
        assistant: "amp",
        kind: "environment",
        variable: "AGENT",
        value: "^amp$",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: Amp shell tool execs carry AGENT=amp"
        ],
        examples: {
          match: [
            "AGENT=amp"
          ],
          noMatch: [
            "AGENT=goose",
            "AGENT=1",
            "AGENT=buildkite"
          ]
        }
      },
      {
        id: "amp/env-amp-current-thread-id",
        assistant: "amp",
        kind: "environment",
        variable: "AMP_CURRENT_THREAD_ID",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: AMP_CURRENT_THREAD_ID in Amp shell tool execs"
        ],
        examples: {
          match: [
            "AMP_CURRENT_THREAD_ID=T-652c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
          ],
          noMatch: [
            "AMP_CURRENT_THREAD_ID="
          ]
        }
      },
      {
        id: "antigravity/env-antigravity-agent",
        assistant: "antigravity",
        kind: "environment",
        variable: "ANTIGRAVITY_AGENT",
        confidence: "M",
        sources: [
          "vercel/vercel packages/detect-agent/src/index.ts; ascorbic/am-i-vibing providers.ts"
        ],
        examples: {
          match: [
            "ANTIGRAVITY_AGENT=1"
          ],
          noMatch: [
            "ANTIGRAVITY_AGENT="
          ]
        }
      },
      {
        id: "augment/env-augment-agent",
        assistant: "augment",
        kind: "environment",
        variable: "AUGMENT_AGENT",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts; vercel/vercel packages/detect-agent/src/index.ts: AUGMENT_AGENT=1 (Auggie)"
        ],
        examples: {
          match: [
            "AUGMENT_AGENT=1"
          ],
          noMatch: [
            "AUGMENT_AGENT="
          ]
        }
      },
      {
        id: "claude-code/anthropic-noreply-identity",
        assistant: "claude-code",
        kind: "identity",
        pattern: "^[^<>]*<noreply@anthropic\\.com>$",
        confidence: "H",
        sources: [
          'claude-code docs self-hosted-environments-deploy.md: "user.name = Claude and user.email = noreply@anthropic.com, matching Anthropic-hosted sessions"',
          "anthropics/claude-code-action agent-approval-check/README.md: agent_emails: noreply@anthropic.com"
        ],
        examples: {
          match: [
            "Claude <noreply@anthropic.com>"
          ],
          noMatch: [
            "Claude Shannon <claude@example.org>",
            "Ada <ada@anthropic.com>"
          ]
        }
      },
      {
        id: "claude-code/claude-session",
        assistant: "claude-code",
        kind: "trailer",
        pattern: "^Claude-Session: https://\\S+$",
        confidence: "H",
        sources: [
          'claude-code docs cloud-environments.md: "Commits that Claude creates in a cloud session include a `Claude-Session: <url>` git trailer" (v2.1.179); settings attribution.sessionUrl (v2.1.182)'
        ],
        examples: {
          match: [
            "Claude-Session: https://claude.ai/code/session_01AbCdEf",
            "claude-session: https://claude.ai/code/session_xyz"
          ],
          noMatch: [
            "Session: https://claude.ai/code/session_01AbCdEf",
            "Claude-Session: see the chat log"
          ]
        }
      },
      {
        id: "claude-code/co-authored-by",
        assistant: "claude-code",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<noreply@anthropic\\.com>$",
        confidence: "H",
        sources: [
          'claude-code docs settings-reference.md \xA7attribution.commit: default adds "Co-Authored-By: <model name> <noreply@anthropic.com>" (mirror ericbuess/claude-code-docs, 2026-08-22)',
          'anthropics/claude-code CHANGELOG.md 2.0.60: "Added model name to \\"Co-Authored-By\\" commit messages"'
        ],
        examples: {
          match: [
            "Co-Authored-By: Claude <noreply@anthropic.com>",
            "Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>",
            "co-authored-by: Claude Opus 4.5 <noreply@anthropic.com>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Signed-off-by: Claude <noreply@anthropic.com>",
            "Co-authored-by: Claude Shannon <claude@example.org>",
            "Co-authored-by: Ada <ada@anthropic.com>"
          ]
        }
      },
      {
        id: "claude-code/env-claude-code-child-session",
        assistant: "claude-code",
        kind: "environment",
        variable: "CLAUDE_CODE_CHILD_SESSION",
        confidence: "H",
        sources: [
          "claude-code docs env-vars.md: CLAUDE_CODE_CHILD_SESSION=1 set in Bash/PowerShell/Monitor tool subprocesses, hooks and status line (v2.1.172+)"
        ],
        examples: {
          match: [
            "CLAUDE_CODE_CHILD_SESSION=1"
          ],
          noMatch: [
            "CLAUDE_CODE_CHILD_SESSION="
          ]
        }
      },
      {
        id: "claude-code/env-claude-code-entrypoint",
        assistant: "claude-code",
        kind: "environment",
        variable: "CLAUDE_CODE_ENTRYPOINT",
        confidence: "M",
        sources: [
          'claude-code docs monitoring-usage.md (app.entrypoint: cli, sdk-cli, sdk-ts, sdk-py, claude-vscode); claude-code-action base-action/src/parse-sdk-options.ts sets "claude-code-github-action"; inheritance by tool subprocesses inferred from third-party code (M)'
        ],
        examples: {
          match: [
            "CLAUDE_CODE_ENTRYPOINT=cli",
            "CLAUDE_CODE_ENTRYPOINT=claude-code-github-action"
          ],
          noMatch: [
            "CLAUDE_CODE_ENTRYPOINT="
          ]
        }
      },
      {
        id: "claude-code/env-claude-code-remote",
        assistant: "claude-code",
        kind: "environment",
        variable: "CLAUDE_CODE_REMOTE",
        value: "^true$",
        confidence: "H",
        sources: [
          "claude-code docs env-vars.md: CLAUDE_CODE_REMOTE=true in cloud sessions"
        ],
        examples: {
          match: [
            "CLAUDE_CODE_REMOTE=true"
          ],
          noMatch: [
            "CLAUDE_CODE_REMOTE=false",
            "CLAUDE_CODE_REMOTE="
          ]
        }
      },
      {
        id: "claude-code/env-claude-code-session-id",
        assistant: "claude-code",
        kind: "environment",
        variable: "CLAUDE_CODE_SESSION_ID",
        confidence: "H",
        sources: [
          'claude-code docs env-vars.md: CLAUDE_CODE_SESSION_ID in Bash/PowerShell tools, hooks and stdio MCP servers; CHANGELOG "Added `CLAUDE_CODE_SESSION_ID` environment variable to the Bash tool subprocess environment"'
        ],
        examples: {
          match: [
            "CLAUDE_CODE_SESSION_ID=5f0c3c1e-9f3e-4f7a-8d7e-2b1f0e6a9c11"
          ],
          noMatch: [
            "CLAUDE_CODE_SESSION_ID="
          ]
        }
      },
      {
        id: "claude-code/env-claudecode",
        assistant: "claude-code",
        kind: "environment",
        variable: "CLAUDECODE",
        confidence: "H",
        sources: [
          'claude-code docs env-vars.md: CLAUDECODE "Set to `1` in subprocesses Claude Code spawns (Bash and PowerShell tools, tmux sessions, hook commands, \u2026)"'
        ],
        examples: {
          match: [
            "CLAUDECODE=1"
          ],
          noMatch: [
            "CLAUDECODE=",
            "CLAUDE=1"
          ]
        }
      },
      {
        id: "claude-code/generated-with-footer",
        assistant: "claude-code",
        kind: "message",
        pattern: "^(?:\u{1F916} )?Generated with \\[Claude Code\\]\\(https://claude\\.(?:ai/code|com/claude-code)/?\\)",
        confidence: "H",
        sources: [
          'claude-code docs settings.md as of 2025-12-10 (mirror commit 6d59f654): default commit attribution "\u{1F916} Generated with [Claude Code](https://claude.com/claude-code)"; removed from the commit default in mirror commit e1a8229c (2026-06-05)',
          "anthropics/claude-code scripts/auto-close-duplicates.ts:93 and scripts/comment-on-duplicates.sh:90: earlier URL https://claude.ai/code (M)"
        ],
        examples: {
          match: [
            "\u{1F916} Generated with [Claude Code](https://claude.com/claude-code)",
            "\u{1F916} Generated with [Claude Code](https://claude.ai/code)",
            "Generated with [Claude Code](https://claude.ai/code)"
          ],
          noMatch: [
            'Remove the "\u{1F916} Generated with [Claude Code](https://claude.ai/code)" footer from the template',
            "Generated with Claude Code",
            "Claude Code wrote most of this."
          ]
        }
      },
      {
        id: "claude-code/github-action-identity",
        assistant: "claude-code",
        kind: "identity",
        pattern: "(?:^claude(?:-code)?\\[bot\\] <|<\\d+\\+claude(?:-code)?\\[bot\\]@users\\.noreply\\.github\\.com>$)",
        confidence: "H",
        sources: [
          'anthropics/claude-code-action src/github/operations/git-config.ts and action.yml: bot_name "claude[bot]", bot_id "41898282", email "${botId}+${botName}@users.noreply.github.com"',
          "anthropics/claude-code-action agent-identities.example.yaml: agent_logins claude[bot], claude-code[bot]"
        ],
        examples: {
          match: [
            "claude[bot] <41898282+claude[bot]@users.noreply.github.com>",
            "claude-code[bot] <209825114+claude-code[bot]@users.noreply.github.com>"
          ],
          noMatch: [
            "Claude Monet <12345+claudemonet@users.noreply.github.com>",
            "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
          ]
        }
      },
      {
        id: "cline/env-cline-task-id",
        assistant: "cline",
        kind: "environment",
        variable: "CLINE_TASK_ID",
        confidence: "L",
        sources: [
          "third-party detector: CLINE_TASK_ID"
        ],
        examples: {
          match: [
            "CLINE_TASK_ID=1732000000000"
          ],
          noMatch: [
            "CLINE_TASK_ID="
          ]
        }
      },
      {
        id: "codex/co-authored-by",
        assistant: "codex",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<noreply@openai\\.com>$",
        confidence: "H",
        sources: [
          'openai/codex codex-rs/ext/git-attribution/src/lib.rs: DEFAULT_ATTRIBUTION_VALUE "Codex <noreply@openai.com>", format!("Co-authored-by: {value}"), gated on feature codex_git_commit'
        ],
        examples: {
          match: [
            "Co-authored-by: Codex <noreply@openai.com>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Signed-off-by: Codex <noreply@openai.com>",
            "Co-authored-by: Codex Fan <codex@example.org>"
          ]
        }
      },
      {
        id: "codex/default-identity",
        assistant: "codex",
        kind: "identity",
        pattern: "<codex@example\\.com>$",
        confidence: "M",
        sources: [
          'openai/codex issue #18095: default git identity codex@example.com "misattributes commits"'
        ],
        examples: {
          match: [
            "Codex <codex@example.com>"
          ],
          noMatch: [
            "Ada <ada@example.com>",
            "Codex <codex@example.com.au>"
          ]
        }
      },
      {
        id: "codex/env-codex-ci",
        assistant: "codex",
        kind: "environment",
        variable: "CODEX_CI",
        confidence: "M",
        sources: [
          "vercel/vercel packages/detect-agent/src/index.ts (CODEX_CI); CODEX_CI=1 reported inside Codex web (third-party note)"
        ],
        examples: {
          match: [
            "CODEX_CI=1"
          ],
          noMatch: [
            "CODEX_CI=",
            "CI=1"
          ]
        }
      },
      {
        id: "codex/env-codex-sandbox",
        assistant: "codex",
        kind: "environment",
        variable: "CODEX_SANDBOX",
        confidence: "H",
        sources: [
          'openai/codex AGENTS.md: "when you spawn a process using Seatbelt \u2026 CODEX_SANDBOX=seatbelt will be set on the child process"; codex-rs/core/src/spawn.rs'
        ],
        examples: {
          match: [
            "CODEX_SANDBOX=seatbelt"
          ],
          noMatch: [
            "CODEX_SANDBOX="
          ]
        }
      },
      {
        id: "codex/env-codex-sandbox-network-disabled",
        assistant: "codex",
        kind: "environment",
        variable: "CODEX_SANDBOX_NETWORK_DISABLED",
        confidence: "H",
        sources: [
          'openai/codex codex-rs/core/src/spawn.rs: cmd.env(CODEX_SANDBOX_NETWORK_DISABLED_ENV_VAR, "1") for shell tool calls without full network access'
        ],
        examples: {
          match: [
            "CODEX_SANDBOX_NETWORK_DISABLED=1"
          ],
          noMatch: [
            "CODEX_SANDBOX_NETWORK_DISABLED="
          ]
        }
      },
      {
        id: "codex/env-codex-thread-id",
        assistant: "codex",
        kind: "environment",
        variable: "CODEX_THREAD_ID",
        confidence: "H",
        sources: [
          "openai/codex codex-rs/protocol/src/shell_environment.rs: CODEX_THREAD_ID_ENV_VAR inserted into every shell env; PR openai/codex#10096 (2026-01-28)"
        ],
        examples: {
          match: [
            "CODEX_THREAD_ID=0199a213-81c0-7800-8aa1-bbab2a035a53"
          ],
          noMatch: [
            "CODEX_THREAD_ID="
          ]
        }
      },
      {
        id: "codex/openai-noreply-identity",
        assistant: "codex",
        kind: "identity",
        pattern: "<noreply@openai\\.com>$",
        confidence: "M",
        sources: [
          "git-ai-project/git-ai src/authorship/agent_detection.rs maps noreply@openai.com to codex-cloud"
        ],
        examples: {
          match: [
            "Codex <noreply@openai.com>"
          ],
          noMatch: [
            "Ada <ada@openai.com>"
          ]
        }
      },
      {
        id: "copilot/co-authored-by",
        assistant: "copilot",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<(?:\\d+\\+Copilot@users\\.noreply\\.github\\.com|copilot@github\\.com)>$",
        confidence: "M",
        sources: [
          'microsoft/vscode PR #309951 extensions/git/src/repository.ts AI_CO_AUTHOR_TRAILER: "Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>" (formerly <copilot@github.com>), setting git.addAICoAuthor',
          'github/copilot-cli changelog.md v0.0.410: "Add Copilot co-authored by trailer to git commits created" (exact text unverified)'
        ],
        examples: {
          match: [
            "Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>",
            "Co-authored-by: Copilot <copilot@github.com>",
            "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Co-authored-by: Copilot Fan <12345+copilotfan@users.noreply.github.com>",
            "Signed-off-by: Copilot <copilot@github.com>"
          ]
        }
      },
      {
        id: "copilot/coding-agent-identity",
        assistant: "copilot",
        kind: "identity",
        pattern: "(?:^copilot-swe-agent\\[bot\\] <|<\\d+\\+Copilot@users\\.noreply\\.github\\.com>$)",
        confidence: "M",
        sources: [
          'observed commit logs: "Author: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>"; git-ai src/authorship/agent_detection.rs maps +copilot@users.noreply.github.com and copilot-swe-agent[bot] to github-copilot-agent'
        ],
        examples: {
          match: [
            "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
            "Copilot <198982749+Copilot@users.noreply.github.com>"
          ],
          noMatch: [
            "Copilot Fan <12345+copilotfan@users.noreply.github.com>",
            "Ada <ada@github.com>"
          ]
        }
      },
      {
        id: "copilot/env-copilot-cli",
        assistant: "copilot",
        kind: "environment",
        variable: "COPILOT_CLI",
        confidence: "H",
        sources: [
          'github/copilot-cli changelog.md v0.0.409: "Git hooks can detect Copilot CLI subprocesses via the COPILOT_CLI=1 environment variable"'
        ],
        examples: {
          match: [
            "COPILOT_CLI=1"
          ],
          noMatch: [
            "COPILOT_CLI="
          ]
        }
      },
      {
        id: "crush/env-agent",
        assistant: "crush",
        kind: "environment",
        variable: "AGENT",
        value: "^crush$",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts (cites charmbracelet/crush internal/shell/shell.go): AGENT=crush"
        ],
        examples: {
          match: [
            "AGENT=crush"
          ],
          noMatch: [
            "AGENT=crushed",
            "AGENT=1"
          ]
        }
      },
      {
        id: "crush/env-crush",
        assistant: "crush",
        kind: "environment",
        variable: "CRUSH",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts (cites charmbracelet/crush internal/shell/shell.go): CRUSH=1"
        ],
        examples: {
          match: [
            "CRUSH=1"
          ],
          noMatch: [
            "CRUSH="
          ]
        }
      },
      {
        id: "cursor/co-authored-by",
        assistant: "cursor",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<cursoragent@cursor\\.com>$",
        confidence: "M",
        sources: [
          'pi-cursor-sdk issue #143 / PR #243 live test: "Co-authored-by: Cursor <cursoragent@cursor.com> present"; also seen as "Cursor Agent"'
        ],
        examples: {
          match: [
            "Co-authored-by: Cursor <cursoragent@cursor.com>",
            "Co-authored-by: Cursor Agent <cursoragent@cursor.com>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Co-authored-by: Ada <ada@cursor.com>"
          ]
        }
      },
      {
        id: "cursor/cursor-agent-identity",
        assistant: "cursor",
        kind: "identity",
        pattern: "<cursoragent@cursor\\.com>$",
        confidence: "M",
        sources: [
          'observed commits "Author: Cursor Agent <cursoragent@cursor.com>"; git-ai src/authorship/agent_detection.rs maps cursoragent@cursor.com to cursor-agent'
        ],
        examples: {
          match: [
            "Cursor Agent <cursoragent@cursor.com>"
          ],
          noMatch: [
            "Ada <ada@cursor.com>"
          ]
        }
      },
      {
        id: "cursor/env-cursor-agent",
        assistant: "cursor",
        kind: "environment",
        variable: "CURSOR_AGENT",
        confidence: "M",
        sources: [
          "vercel/vercel packages/detect-agent/src/index.ts; ascorbic/am-i-vibing providers.ts (Cursor CLI agent)"
        ],
        examples: {
          match: [
            "CURSOR_AGENT=1"
          ],
          noMatch: [
            "CURSOR_AGENT="
          ]
        }
      },
      {
        id: "cursor/env-cursor-extension-host-role",
        assistant: "cursor",
        kind: "environment",
        variable: "CURSOR_EXTENSION_HOST_ROLE",
        value: "^agent-exec$",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: CURSOR_EXTENSION_HOST_ROLE=agent-exec for the Cursor agent"
        ],
        examples: {
          match: [
            "CURSOR_EXTENSION_HOST_ROLE=agent-exec"
          ],
          noMatch: [
            "CURSOR_EXTENSION_HOST_ROLE=ui"
          ]
        }
      },
      {
        id: "cursor/env-pager",
        assistant: "cursor",
        kind: "environment",
        variable: "PAGER",
        value: "^head -n 10000 \\| cat$",
        confidence: "M",
        sources: [
          'ascorbic/am-i-vibing providers.ts: the Cursor agent shell sets PAGER="head -n 10000 | cat" (with CURSOR_TRACE_ID)'
        ],
        examples: {
          match: [
            "PAGER=head -n 10000 | cat"
          ],
          noMatch: [
            "PAGER=less",
            "PAGER=cat"
          ]
        }
      },
      {
        id: "cursor/made-with",
        assistant: "cursor",
        kind: "trailer",
        pattern: "^Made-with: Cursor\\b",
        confidence: "M",
        sources: [
          'Cursor-made PRs and commits (superdurable/dex#310, asap-protocol#135): "Made-with: Cursor" trailer'
        ],
        examples: {
          match: [
            "Made-with: Cursor",
            "made-with: cursor"
          ],
          noMatch: [
            "Made-with: Vim",
            "Made-with: Cursors and sweat"
          ]
        }
      },
      {
        id: "cursor/made-with-footer",
        assistant: "cursor",
        kind: "message",
        pattern: "^Made with \\[Cursor\\]\\(https://cursor\\.com/?\\)",
        confidence: "M",
        sources: [
          'Cursor-made PRs (superdurable/dex#310, asap-protocol#135): PR footer "Made with [Cursor](https://cursor.com)", carried into squash-merge messages'
        ],
        examples: {
          match: [
            "Made with [Cursor](https://cursor.com)"
          ],
          noMatch: [
            "I made this with [Cursor](https://cursor.com) open in another window",
            "Made with Cursor"
          ]
        }
      },
      {
        id: "devin/bot-identity",
        assistant: "devin",
        kind: "identity",
        pattern: "(?:^devin-ai-integration\\[bot\\] <|<\\d+\\+devin-ai-integration\\[bot\\]@users\\.noreply\\.github\\.com>$)",
        confidence: "M",
        sources: [
          "git-ai src/authorship/agent_detection.rs: login devin-ai-integration[bot], email suffix +devin-ai-integration[bot]@users.noreply.github.com"
        ],
        examples: {
          match: [
            "devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>"
          ],
          noMatch: [
            "Devin Smith <devin@example.org>"
          ]
        }
      },
      {
        id: "devin/co-authored-by",
        assistant: "devin",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<\\d+\\+devin-ai-integration\\[bot\\]@users\\.noreply\\.github\\.com>$",
        confidence: "M",
        sources: [
          'many Devin commits: "Co-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>"; git-ai agent_detection.rs maps +devin-ai-integration[bot]@users.noreply.github.com to devin'
        ],
        examples: {
          match: [
            "Co-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Co-authored-by: Devin Smith <devin@example.org>"
          ]
        }
      },
      {
        id: "devin/generated-with-footer",
        assistant: "devin",
        kind: "message",
        pattern: "^(?:\u{1F916} )?Generated with \\[Devin\\]\\(https://(?:cli\\.)?devin\\.ai(?:/[^\\s)]*)?\\)",
        confidence: "M",
        sources: [
          'many Devin commits: "Generated with [Devin](https://devin.ai)"; CLI variant "Generated with [Devin](https://cli.devin.ai/docs)"'
        ],
        examples: {
          match: [
            "Generated with [Devin](https://devin.ai)",
            "Generated with [Devin](https://cli.devin.ai/docs)"
          ],
          noMatch: [
            "Thanks Devin (https://devin.ai) for the idea",
            "Generated with [Devin](https://example.org)"
          ]
        }
      },
      {
        id: "gemini-cli/bot-identity",
        assistant: "gemini-cli",
        kind: "identity",
        pattern: "(?:^gemini-cli\\[bot\\] <|<(?:\\d+\\+)?gemini-cli\\[bot\\]@users\\.noreply\\.github\\.com>$)",
        confidence: "H",
        sources: [
          "google-gemini/gemini-cli .github/workflows/gemini-cli-bot-brain.yml: agent workflow commits as gemini-cli[bot] <gemini-cli[bot]@users.noreply.github.com>"
        ],
        examples: {
          match: [
            "gemini-cli[bot] <gemini-cli[bot]@users.noreply.github.com>"
          ],
          noMatch: [
            "gemini-cli-robot <gemini-cli-robot@google.com>",
            "Gemini Fan <gemini@example.org>"
          ]
        }
      },
      {
        id: "gemini-cli/env-gemini-cli",
        assistant: "gemini-cli",
        kind: "environment",
        variable: "GEMINI_CLI",
        confidence: "H",
        sources: [
          `google-gemini/gemini-cli packages/core/src/services/shellExecutionService.ts: GEMINI_CLI_IDENTIFICATION_ENV_VAR = 'GEMINI_CLI', value '1'; docs/tools/shell.md "it sets the GEMINI_CLI=1 environment variable in the subprocess's environment"`
        ],
        examples: {
          match: [
            "GEMINI_CLI=1"
          ],
          noMatch: [
            "GEMINI_CLI=",
            "GEMINI_API_KEY=abc"
          ]
        }
      },
      {
        id: "generic/assisted-by",
        assistant: "generic",
        kind: "trailer",
        pattern: "^Assisted-by: \\S",
        confidence: "M",
        sources: [
          'Linux kernel Documentation/process/coding-assistants.rst (2026-01): "Assisted-by: AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]"; Fedora, LLVM and Apache use similar forms (anthropics/claude-code#36105; containers/libkrun#687)'
        ],
        examples: {
          match: [
            "Assisted-by: claude-code:claude-sonnet-5",
            "Assisted-by: Codex:gpt-5 [apply_patch]"
          ],
          noMatch: [
            "Signed-off-by: Ada Human <ada@example.org>",
            "Reviewed-by: Ada Human <ada@example.org>",
            "Assisted-by:"
          ]
        }
      },
      {
        id: "generic/env-ai-agent",
        assistant: "generic",
        kind: "environment",
        variable: "AI_AGENT",
        confidence: "M",
        sources: [
          "vercel/vercel packages/detect-agent/src/index.ts: AI_AGENT=<name> is read first (cross-tool convention; set by Crush, Copilot CLI)"
        ],
        examples: {
          match: [
            "AI_AGENT=github-copilot-cli",
            "AI_AGENT=crush"
          ],
          noMatch: [
            "AI_AGENT="
          ]
        }
      },
      {
        id: "generic/generated-by",
        assistant: "generic",
        kind: "trailer",
        pattern: "^Generated-by: \\S",
        confidence: "M",
        sources: [
          "Fedora / LLVM / Apache AI policies use Generated-by: trailers (anthropics/claude-code#36105; containers/libkrun#687)"
        ],
        examples: {
          match: [
            "Generated-by: GitHub Copilot",
            "Generated-by: claude-opus-4.5"
          ],
          noMatch: [
            "Signed-off-by: Ada Human <ada@example.org>",
            "Regenerated-by: make fixtures"
          ]
        }
      },
      {
        id: "goose/env-agent",
        assistant: "goose",
        kind: "environment",
        variable: "AGENT",
        value: "^goose$",
        confidence: "H",
        sources: [
          'block/goose documentation/docs/guides/environment-variables.md: AGENT=goose "Generic agent identifier for cross-tool compatibility"'
        ],
        examples: {
          match: [
            "AGENT=goose"
          ],
          noMatch: [
            "AGENT=amp",
            "AGENT=goose2"
          ]
        }
      },
      {
        id: "goose/env-goose-terminal",
        assistant: "goose",
        kind: "environment",
        variable: "GOOSE_TERMINAL",
        confidence: "H",
        sources: [
          'block/goose documentation/docs/guides/environment-variables.md: GOOSE_TERMINAL=1 "Indicates that a command is being executed by goose"'
        ],
        examples: {
          match: [
            "GOOSE_TERMINAL=1"
          ],
          noMatch: [
            "GOOSE_TERMINAL="
          ]
        }
      },
      {
        id: "jules/bot-identity",
        assistant: "jules",
        kind: "identity",
        pattern: "(?:^google-labs-jules\\[bot\\] <|<\\d+\\+google-labs-jules\\[bot\\]@users\\.noreply\\.github\\.com>$)",
        confidence: "M",
        sources: [
          'real commit metadata in multiple repos: "name": "google-labs-jules[bot]", "email": "161369871+google-labs-jules[bot]@users.noreply.github.com"'
        ],
        examples: {
          match: [
            "google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>"
          ],
          noMatch: [
            "Jules Verne <jules@example.org>"
          ]
        }
      },
      {
        id: "jules/co-authored-by",
        assistant: "jules",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<\\d+\\+google-labs-jules\\[bot\\]@users\\.noreply\\.github\\.com>$",
        confidence: "M",
        sources: [
          "real commit metadata in multiple repos: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com> as author and co-author"
        ],
        examples: {
          match: [
            "Co-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Co-authored-by: Jules Verne <jules@example.org>"
          ]
        }
      },
      {
        id: "jules/env-user",
        assistant: "jules",
        kind: "environment",
        variable: "USER",
        value: "^swebot$",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: Jules VMs run as USER=swebot (HOME=/home/jules is left out: a human named Jules has it too)"
        ],
        examples: {
          match: [
            "USER=swebot"
          ],
          noMatch: [
            "USER=jules",
            "USER=ada"
          ]
        }
      },
      {
        id: "opencode/co-authored-by",
        assistant: "opencode",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<noreply@opencode\\.ai>$",
        confidence: "L",
        sources: [
          'third-party commits only: "Co-Authored-By: opencode <noreply@opencode.ai>" (not found in opencode source)'
        ],
        examples: {
          match: [
            "Co-Authored-By: opencode <noreply@opencode.ai>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Co-authored-by: Ada <ada@opencode.ai>"
          ]
        }
      },
      {
        id: "opencode/env-opencode",
        assistant: "opencode",
        kind: "environment",
        variable: "OPENCODE",
        confidence: "M",
        sources: [
          'anomalyco/opencode packages/opencode/src/index.ts: process.env.OPENCODE = "1", inherited by the bash tool (src/tool/bash.ts) (stored versions; M-H)'
        ],
        examples: {
          match: [
            "OPENCODE=1"
          ],
          noMatch: [
            "OPENCODE=",
            "OPENCODE_CONFIG=/home/ada/.config/opencode.json"
          ]
        }
      },
      {
        id: "opencode/env-opencode-client",
        assistant: "opencode",
        kind: "environment",
        variable: "OPENCODE_CLIENT",
        confidence: "M",
        sources: [
          "vercel/vercel packages/detect-agent/src/index.ts: OPENCODE_CLIENT (e.g. acp)"
        ],
        examples: {
          match: [
            "OPENCODE_CLIENT=acp"
          ],
          noMatch: [
            "OPENCODE_CLIENT="
          ]
        }
      },
      {
        id: "opencode/generated-with-footer",
        assistant: "opencode",
        kind: "message",
        pattern: "^(?:\u{1F916} )?Generated with \\[opencode\\]\\(https://opencode\\.ai/?\\)",
        confidence: "L",
        sources: [
          'third-party commits only: "\u{1F916} Generated with [opencode](https://opencode.ai)" (not found in opencode source)'
        ],
        examples: {
          match: [
            "\u{1F916} Generated with [opencode](https://opencode.ai)"
          ],
          noMatch: [
            "We use opencode (https://opencode.ai) sometimes"
          ]
        }
      },
      {
        id: "openhands/co-authored-by",
        assistant: "openhands",
        kind: "trailer",
        pattern: "^Co-authored-by: [^<>]*<openhands@all-hands\\.dev>$",
        confidence: "M",
        sources: [
          'OpenHands system prompt template (later copies; upstream version not pinned): "add Co-authored-by: openhands <openhands@all-hands.dev> to any commits messages you make"'
        ],
        examples: {
          match: [
            "Co-authored-by: openhands <openhands@all-hands.dev>"
          ],
          noMatch: [
            "Co-authored-by: Jane Doe <jane@example.org>",
            "Co-authored-by: Ada <ada@all-hands.dev>"
          ]
        }
      },
      {
        id: "openhands/default-identity",
        assistant: "openhands",
        kind: "identity",
        pattern: "<openhands@all-hands\\.dev>$",
        confidence: "H",
        sources: [
          'All-Hands-AI/OpenHands openhands/agenthub/codeact_agent/prompts/system_prompt.j2: use "openhands" as user.name and "openhands@all-hands.dev" as user.email by default'
        ],
        examples: {
          match: [
            "openhands <openhands@all-hands.dev>"
          ],
          noMatch: [
            "Ada <ada@all-hands.dev>"
          ]
        }
      },
      {
        id: "openhands/env-or-app-name",
        assistant: "openhands",
        kind: "environment",
        variable: "OR_APP_NAME",
        value: "^OpenHands$",
        confidence: "L",
        sources: [
          "third-party detector code: OR_APP_NAME=OpenHands"
        ],
        examples: {
          match: [
            "OR_APP_NAME=OpenHands"
          ],
          noMatch: [
            "OR_APP_NAME=MyApp"
          ]
        }
      },
      {
        id: "pi/env-pi-coding-agent",
        assistant: "pi",
        kind: "environment",
        variable: "PI_CODING_AGENT",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: PI_CODING_AGENT=true"
        ],
        examples: {
          match: [
            "PI_CODING_AGENT=true"
          ],
          noMatch: [
            "PI_CODING_AGENT="
          ]
        }
      },
      {
        id: "qwen-code/env-qwen-code",
        assistant: "qwen-code",
        kind: "environment",
        variable: "QWEN_CODE",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: QWEN_CODE=1"
        ],
        examples: {
          match: [
            "QWEN_CODE=1"
          ],
          noMatch: [
            "QWEN_CODE="
          ]
        }
      },
      {
        id: "replit/env-replit-mode",
        assistant: "replit",
        kind: "environment",
        variable: "REPLIT_MODE",
        value: "^assistant$",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: REPLIT_MODE=assistant for the Replit agent (REPL_ID alone marks any Replit workspace)"
        ],
        examples: {
          match: [
            "REPLIT_MODE=assistant"
          ],
          noMatch: [
            "REPLIT_MODE=workspace"
          ]
        }
      },
      {
        id: "roo-code/env-roo-code-task-id",
        assistant: "roo-code",
        kind: "environment",
        variable: "ROO_CODE_TASK_ID",
        confidence: "L",
        sources: [
          "third-party detector: ROO_CODE_TASK_ID"
        ],
        examples: {
          match: [
            "ROO_CODE_TASK_ID=4f1c2d3e"
          ],
          noMatch: [
            "ROO_CODE_TASK_ID="
          ]
        }
      },
      {
        id: "roo-code/roomote-identity",
        assistant: "roo-code",
        kind: "identity",
        pattern: "<roomote@roocode\\.com>$",
        confidence: "M",
        sources: [
          "git-ai src/authorship/agent_detection.rs maps roomote@roocode.com to roo-background"
        ],
        examples: {
          match: [
            "Roomote <roomote@roocode.com>"
          ],
          noMatch: [
            "Ada <ada@roocode.com>"
          ]
        }
      },
      {
        id: "warp/env-oz-run-id",
        assistant: "warp",
        kind: "environment",
        variable: "OZ_RUN_ID",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: OZ_RUN_ID (Warp agent, Oz)"
        ],
        examples: {
          match: [
            "OZ_RUN_ID=run_123"
          ],
          noMatch: [
            "OZ_RUN_ID="
          ]
        }
      },
      {
        id: "windsurf/env-codeium-editor-app-root",
        assistant: "windsurf",
        kind: "environment",
        variable: "CODEIUM_EDITOR_APP_ROOT",
        confidence: "M",
        sources: [
          "ascorbic/am-i-vibing providers.ts: CODEIUM_EDITOR_APP_ROOT (Windsurf)"
        ],
        examples: {
          match: [
            "CODEIUM_EDITOR_APP_ROOT=/Applications/Windsurf.app/Contents/Resources/app"
          ],
          noMatch: [
            "CODEIUM_EDITOR_APP_ROOT="
          ]
        }
      }
    ];
  }
});

// ../../../work/main/src/signals/catalog.ts
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function isStringList(v) {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}
function compile(source, flags, where) {
  if (typeof source !== "string" || source === "") throw new Error(`${where}: expected a non-empty regex string`);
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new Error(`${where}: ${e.message}`);
  }
}
function validateEntry(e, index) {
  const at = `catalog entry ${index}`;
  if (!isRecord(e)) throw new Error(`${at}: expected an object`);
  const id = e.id;
  if (typeof id !== "string" || !ID.test(id)) throw new Error(`${at}: id must look like 'assistant/rule-name'`);
  const where = `catalog entry '${id}'`;
  const { assistant, kind: kind2, confidence, sources, examples } = e;
  if (typeof assistant !== "string" || !id.startsWith(`${assistant}/`)) {
    throw new Error(`${where}: assistant must be the id's prefix`);
  }
  if (!KINDS.includes(kind2)) {
    throw new Error(`${where}: kind must be one of ${KINDS.join(", ")}`);
  }
  if (typeof confidence !== "string" || !CONFIDENCES.includes(confidence)) {
    throw new Error(`${where}: confidence must be H, M or L`);
  }
  if (!isStringList(sources) || sources.length === 0 || sources.some((s) => s.trim() === "")) {
    throw new Error(`${where}: needs at least one source`);
  }
  if (!isRecord(examples) || !isStringList(examples.match) || !isStringList(examples.noMatch) || examples.match.length === 0 || Object.keys(examples).length !== 2) {
    throw new Error(`${where}: examples must be { match: [\u22651 string], noMatch: [strings] }`);
  }
  const base = {
    id,
    assistant,
    confidence,
    sources,
    examples: { match: examples.match, noMatch: examples.noMatch }
  };
  const allowed = kind2 === "environment" ? [...COMMON_KEYS, "variable", "value"] : [...COMMON_KEYS, "pattern"];
  const unknown = Object.keys(e).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new Error(`${where}: unexpected key(s) ${unknown.join(", ")} for kind ${String(kind2)}`);
  }
  if (kind2 === "environment") {
    if (typeof e.variable !== "string" || !VARIABLE.test(e.variable)) {
      throw new Error(`${where}: variable must be an environment variable name`);
    }
    const value = e.value === void 0 ? null : compile(e.value, "", `${where} value`);
    return { ...base, kind: kind2, variable: e.variable, value };
  }
  const flags = kind2 === "message" ? "" : "i";
  return { ...base, kind: kind2, pattern: compile(e.pattern, flags, `${where} pattern`) };
}
function validateCatalog(data) {
  if (!Array.isArray(data)) throw new Error("catalog: expected an array of entries");
  const entries = data.map(validateEntry);
  for (let i = 1; i < entries.length; i++) {
    const prev = entries[i - 1].id;
    const id = entries[i].id;
    if (prev === id) throw new Error(`catalog: duplicate id '${id}'`);
    if (prev > id) throw new Error(`catalog: '${id}' must sort before '${prev}'`);
  }
  return entries;
}
function catalog() {
  loaded ??= validateCatalog(catalog_default);
  return loaded;
}
var KINDS, CONFIDENCES, ID, VARIABLE, COMMON_KEYS, loaded;
var init_catalog2 = __esm({
  "../../../work/main/src/signals/catalog.ts"() {
    "use strict";
    init_catalog();
    KINDS = ["trailer", "message", "identity", "environment"];
    CONFIDENCES = ["H", "M", "L"];
    ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
    VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
    COMMON_KEYS = ["id", "assistant", "kind", "confidence", "sources", "examples"];
  }
});

// ../../../work/main/src/signals/trailers.ts
function isSpace(c) {
  return c !== void 0 && C_SPACE.has(c);
}
function isAlnum(c) {
  return c >= "0" && c <= "9" || c >= "A" && c <= "Z" || c >= "a" && c <= "z";
}
function trimC(s) {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  return s.slice(a, b);
}
function nextLine(s, i) {
  const nl = s.indexOf("\n", i);
  return nl === -1 ? s.length : nl + 1;
}
function lastLine(s, len) {
  if (len === 0) return -1;
  const nl = s.lastIndexOf("\n", len - 2);
  return len === 1 || nl === -1 ? 0 : nl + 1;
}
function isBlankLine(s, i) {
  while (i < s.length && s[i] !== "\n" && isSpace(s[i])) i++;
  return i >= s.length || s[i] === "\n";
}
function findSeparator(s, start2) {
  let whitespaceFound = false;
  for (let c = start2; c < s.length; c++) {
    const ch = s[c];
    if (SEPARATORS.includes(ch)) return c - start2;
    if (!whitespaceFound && (isAlnum(ch) || ch === "-")) continue;
    if (c !== start2 && (ch === " " || ch === "	")) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}
function findPatchStart(s) {
  for (let i = 0; i < s.length; i = nextLine(s, i)) {
    if (s.startsWith("---", i) && isSpace(s[i + 3])) return i;
  }
  return s.length;
}
function locateScissors(s, len, commentChar) {
  const pattern = `
${commentChar} ${CUT_LINE}`;
  if (s.startsWith(pattern.slice(1))) return 0;
  const at = s.indexOf(pattern);
  return at === -1 ? len : at + 1;
}
function findTrailerEnd(s, cutoff, commentChar) {
  let boc = 0;
  let inConflicts = false;
  for (let bol = 0; bol < cutoff; bol = nextLine(s, bol)) {
    if (s.startsWith(commentChar, bol) || s[bol] === "\n") {
      if (!boc) boc = bol;
    } else if (s.startsWith("Conflicts:\n", bol)) {
      inConflicts = true;
      if (!boc) boc = bol;
    } else if (inConflicts && s[bol] === "	") {
    } else if (boc) {
      boc = 0;
      inConflicts = false;
    }
  }
  return boc || cutoff;
}
function findTrailerStart(s, len, commentChar) {
  let endOfTitle = 0;
  while (endOfTitle < len && (s.startsWith(commentChar, endOfTitle) || !isBlankLine(s, endOfTitle))) {
    endOfTitle = nextLine(s, endOfTitle);
  }
  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  let possibleContinuationLines = 0;
  lines: for (let l = lastLine(s, len); l >= endOfTitle; l = lastLine(s, l)) {
    if (s.startsWith(commentChar, l)) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(s, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return nextLine(s, l);
      if (trailerLines && !nonTrailerLines) return nextLine(s, l);
      return len;
    }
    onlySpaces = false;
    for (const prefix of GIT_GENERATED_PREFIXES) {
      if (s.startsWith(prefix, l)) {
        trailerLines++;
        possibleContinuationLines = 0;
        recognizedPrefix = true;
        continue lines;
      }
    }
    if (findSeparator(s, l) >= 1 && !isSpace(s[l])) {
      trailerLines++;
      possibleContinuationLines = 0;
    } else if (isSpace(s[l])) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines += 1 + possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return len;
}
function splitKeep(region) {
  return region.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
function unfold(value) {
  return trimC(value.replace(/\n[ \t\n\v\f\r]*/g, " "));
}
function bodyLine(raw) {
  return raw.replace(/\r?\n?$/, "");
}
function parseTrailers(message, opts = {}) {
  const commentChar = opts.commentChar ?? "#";
  const patchStart = opts.divider ? findPatchStart(message) : message.length;
  const cutoff = locateScissors(message, patchStart, commentChar);
  const end = findTrailerEnd(message, cutoff, commentChar);
  const start2 = findTrailerStart(message, end, commentChar);
  const items = [];
  let foldInto = null;
  for (const line of splitKeep(message.slice(start2, end))) {
    if (foldInto !== null && isSpace(line[0])) {
      items[foldInto] += line;
      continue;
    }
    items.push(line);
    foldInto = findSeparator(line, 0) >= 1 ? items.length - 1 : null;
  }
  const isComment = (line) => line.startsWith(commentChar);
  const trailers = [];
  const blockBody = [];
  for (const item of items) {
    if (isComment(item)) continue;
    const sep = findSeparator(item, 0);
    if (sep >= 1) trailers.push(`${trimC(item.slice(0, sep))}: ${unfold(item.slice(sep + 1))}`);
    else blockBody.push(item);
  }
  const outside = (region) => splitKeep(region).filter((l) => !isComment(l));
  const bodyLines = [
    ...outside(message.slice(0, start2)),
    ...blockBody,
    ...outside(message.slice(end, Math.max(end, cutoff)))
  ].map(bodyLine);
  return { trailers, bodyLines };
}
var C_SPACE, GIT_GENERATED_PREFIXES, CUT_LINE, SEPARATORS;
var init_trailers = __esm({
  "../../../work/main/src/signals/trailers.ts"() {
    "use strict";
    C_SPACE = /* @__PURE__ */ new Set([" ", "	", "\n", "\v", "\f", "\r"]);
    GIT_GENERATED_PREFIXES = ["Signed-off-by: ", "(cherry picked from commit "];
    CUT_LINE = "------------------------ >8 ------------------------\n";
    SEPARATORS = ":";
  }
});

// ../../../work/main/src/signals/detect.ts
function matches(re, text2) {
  return text2.search(re) !== -1;
}
function truncate(text2, max) {
  const chars = Array.from(text2);
  return chars.length > max ? `${chars.slice(0, max).join("")}\u2026` : text2;
}
function catalogRules(kind2, rules) {
  if (!rules.builtin) return [];
  return catalog().filter((e) => e.kind === kind2).map((e) => ({ assistant: e.assistant, rule: e.id, re: e.pattern }));
}
function policyRules(list, key) {
  return list.map((re, i) => ({ assistant: POLICY, rule: `${key}[${i}]`, re }));
}
function environmentSignals(env, rules) {
  const signal2 = (assistant, rule, name, value) => ({
    kind: "environment",
    assistant,
    rule,
    evidence: `${name}=${truncate(value, ENV_VALUE_MAX)}`
  });
  const signals = [];
  const builtin = rules.builtin ? catalog().filter((e) => e.kind === "environment") : [];
  for (const entry of builtin) {
    const value = env[entry.variable];
    if (value && (!entry.value || matches(entry.value, value))) {
      signals.push(signal2(entry.assistant, entry.id, entry.variable, value));
    }
  }
  rules.environment.forEach((name, i) => {
    const value = env[name];
    if (value) signals.push(signal2(POLICY, `assistants.environment[${i}]`, name, value));
  });
  return signals;
}
function messageSignals(message, rules, opts = {}) {
  const { trailers, bodyLines } = parseTrailers(message, opts);
  const signals = [];
  const scan2 = (kind2, lines, candidates) => {
    for (const line of lines) {
      for (const { assistant, rule, re } of candidates) {
        if (matches(re, line)) signals.push({ kind: kind2, assistant, rule, evidence: line });
      }
    }
  };
  const trailerRules = [...catalogRules("trailer", rules), ...policyRules(rules.trailers, "assistants.trailers")];
  scan2("trailer", trailers, trailerRules);
  scan2("message", bodyLines, catalogRules("message", rules));
  return signals;
}
function identitySignals(people, rules) {
  const candidates = [...catalogRules("identity", rules), ...policyRules(rules.identities, "assistants.identities")];
  const signals = [];
  for (const { role, identity } of people) {
    const text2 = `${identity.name} <${identity.email}>`;
    for (const { assistant, rule, re } of candidates) {
      if (matches(re, text2)) signals.push({ kind: "identity", assistant, rule, evidence: `${role}: ${text2}` });
    }
  }
  return signals;
}
function markerSignals(path20, added, rules) {
  const candidates = policyRules(rules.markers, "assistants.markers");
  const signals = [];
  for (const { line, text: text2 } of added) {
    for (const { assistant, rule, re } of candidates) {
      if (!matches(re, text2)) continue;
      const evidence = truncate(text2.trim(), MARKER_EVIDENCE_MAX);
      signals.push({ kind: "marker", assistant, rule, evidence, path: path20, line });
    }
  }
  return signals;
}
function wholeTextForm(re) {
  let found = wholeText.get(re);
  if (found === void 0) {
    found = /\(\?<?[=!]/.test(re.source) ? null : new RegExp(re.source, `${re.flags.replace(/[gym]/g, "")}m`);
    wholeText.set(re, found);
  }
  return found;
}
function mayHoldMarker(content, rules) {
  if (rules.markers.length === 0 || isBinary(content)) return false;
  const text2 = decoder.decode(content);
  return rules.markers.some((re) => {
    const whole = wholeTextForm(re);
    return whole === null || matches(whole, text2);
  });
}
function isBinary(content) {
  return content.subarray(0, BINARY_PROBE).includes(0);
}
function textLines(content) {
  const lines = decoder.decode(content).split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
}
function addedLines(oldContent, newContent) {
  if (isBinary(newContent)) return null;
  const remaining = /* @__PURE__ */ new Map();
  if (oldContent && !isBinary(oldContent)) {
    for (const text2 of textLines(oldContent)) remaining.set(text2, (remaining.get(text2) ?? 0) + 1);
  }
  const added = [];
  textLines(newContent).forEach((text2, i) => {
    const left = remaining.get(text2) ?? 0;
    if (left > 0) remaining.set(text2, left - 1);
    else added.push({ line: i + 1, text: text2 });
  });
  return added;
}
function assistantLabel(signals) {
  if (signals.length === 0) return null;
  const specific = signals.find((s) => s.assistant !== POLICY && s.assistant !== "generic");
  return specific?.assistant ?? "unknown-assistant";
}
var POLICY, ENV_VALUE_MAX, MARKER_EVIDENCE_MAX, BINARY_PROBE, decoder, wholeText;
var init_detect = __esm({
  "../../../work/main/src/signals/detect.ts"() {
    "use strict";
    init_catalog2();
    init_trailers();
    POLICY = "policy";
    ENV_VALUE_MAX = 80;
    MARKER_EVIDENCE_MAX = 120;
    BINARY_PROBE = 8e3;
    decoder = new TextDecoder();
    wholeText = /* @__PURE__ */ new WeakMap();
  }
});

// ../../../work/main/src/provenance/ledger.ts
function ledgerDir(commonDir) {
  return import_node_path2.default.join(commonDir, "cleanroom");
}
function lineFingerprint(line) {
  const text2 = line.trim().replace(/\s+/g, " ");
  if (text2.length < MIN_LINE_CHARS) return null;
  return (0, import_node_crypto2.createHash)("sha256").update(text2, "utf8").digest("hex").slice(0, 16);
}
function sameFile(a, b) {
  return b !== void 0 && a.ino === b.ino && a.dev === b.dev;
}
function writeOnce(fd, data) {
  const n = import_node_fs.default.writeSync(fd, data);
  if (n !== data.length) throw new Error(`short write to the ledger (${n} of ${data.length} bytes)`);
}
function appendBatch(file, data) {
  for (let attempt2 = 0; ; attempt2++) {
    const fd = import_node_fs.default.openSync(file, "a", 420);
    try {
      writeOnce(fd, data);
      const written = import_node_fs.default.fstatSync(fd);
      const current = import_node_fs.default.statSync(file, { throwIfNoEntry: false });
      if (sameFile(written, current) || attempt2 === 2) return current?.size ?? written.size;
    } finally {
      import_node_fs.default.closeSync(fd);
    }
  }
}
function appendRecords(commonDir, records, opts = {}) {
  if (records.length === 0) return;
  const dir = ledgerDir(commonDir);
  import_node_fs.default.mkdirSync(dir, { recursive: true });
  const file = import_node_path2.default.join(dir, LEDGER_FILE);
  const size = appendBatch(file, Buffer.from(records.map((r) => `${JSON.stringify(r)}
`).join("")));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size > maxBytes) compact(commonDir, maxBytes);
}
function takeLock(lock) {
  for (let attempt2 = 0; attempt2 < 2; attempt2++) {
    try {
      import_node_fs.default.writeFileSync(lock, `${process.pid}
`, { flag: "wx" });
      return true;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const held = import_node_fs.default.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs < LOCK_STALE_MS) return false;
      import_node_fs.default.rmSync(lock, { force: true });
    }
  }
  return false;
}
function readFrom(fd, start2) {
  const size = import_node_fs.default.fstatSync(fd).size;
  const buf = Buffer.alloc(Math.max(0, size - start2));
  let got = 0;
  while (got < buf.length) {
    const n = import_node_fs.default.readSync(fd, buf, got, buf.length - got, start2 + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}
function wholeLines(buf) {
  return buf.subarray(0, buf.lastIndexOf(10) + 1);
}
function compact(commonDir, maxBytes) {
  const dir = ledgerDir(commonDir);
  const file = import_node_path2.default.join(dir, LEDGER_FILE);
  const lock = import_node_path2.default.join(dir, LOCK_FILE);
  if (!takeLock(lock)) return false;
  try {
    const fd = import_node_fs.default.openSync(file, "r");
    try {
      const read = wholeLines(readFrom(fd, 0));
      const lines = read.toString("utf8").split("\n").slice(0, -1);
      const keep = [];
      let bytes = 0;
      for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i];
        const size = Buffer.byteLength(line) + 1;
        if (bytes + size > maxBytes / 2) break;
        if (parseRecord(line) === null) continue;
        keep.push(line);
        bytes += size;
      }
      const tmp = import_node_path2.default.join(dir, `${LEDGER_FILE}.${process.pid}.tmp`);
      try {
        import_node_fs.default.writeFileSync(tmp, keep.reverse().map((l) => `${l}
`).join(""), { mode: 420 });
        import_node_fs.default.renameSync(tmp, file);
      } catch (e) {
        import_node_fs.default.rmSync(tmp, { force: true });
        throw e;
      }
      const late = wholeLines(readFrom(fd, read.length));
      if (late.length > 0) appendBatch(file, late);
    } finally {
      import_node_fs.default.closeSync(fd);
    }
  } finally {
    import_node_fs.default.rmSync(lock, { force: true });
  }
  return true;
}
function parseRecord(line) {
  let r;
  try {
    r = JSON.parse(line);
  } catch {
    return null;
  }
  const o = r;
  if (typeof o !== "object" || o === null || o.v !== 1) return null;
  const strings = [o.id, o.time, o.agent, o.session, o.tool, o.path, o.blob, o.sha256];
  if (strings.some((s) => typeof s !== "string") || typeof o.size !== "number") return null;
  if (o.lines !== void 0 && !(Array.isArray(o.lines) && o.lines.every((l) => typeof l === "string"))) return null;
  return o;
}
function ledgerPath(commonDir) {
  return import_node_path2.default.join(ledgerDir(commonDir), LEDGER_FILE);
}
function readLedger(commonDir) {
  let text2;
  try {
    text2 = import_node_fs.default.readFileSync(ledgerPath(commonDir), "utf8");
  } catch (e) {
    if (e.code === "ENOENT") return [];
    throw e;
  }
  const seen = /* @__PURE__ */ new Set();
  const records = [];
  for (const line of text2.split("\n")) {
    const r = line === "" ? null : parseRecord(line);
    if (r === null || seen.has(r.id)) continue;
    seen.add(r.id);
    records.push(r);
  }
  return records;
}
function openLedger(commonDir) {
  let index = null;
  const load = () => {
    if (index) return index;
    const blobs = /* @__PURE__ */ new Map();
    const sha256s = /* @__PURE__ */ new Map();
    const lines = /* @__PURE__ */ new Map();
    const add = (map, key, r) => {
      const list = map.get(key);
      if (list) list.push(r);
      else map.set(key, [r]);
    };
    const records = readLedger(commonDir).reverse().sort((a, b) => a.time < b.time ? 1 : a.time > b.time ? -1 : 0);
    for (const r of records) {
      add(blobs, r.blob.toLowerCase(), r);
      add(sha256s, r.sha256.toLowerCase(), r);
      for (const fp of new Set(r.lines ?? [])) add(lines, fp, r);
    }
    return index = { blobs, sha256s, lines };
  };
  return {
    byBlob: (oid) => load().blobs.get(oid.toLowerCase()) ?? [],
    bySha256: (hex) => load().sha256s.get(hex.toLowerCase()) ?? [],
    lineMatches(lines, filePath) {
      let matched = 0;
      let total = 0;
      const responsible = /* @__PURE__ */ new Set();
      for (const line of lines) {
        const fp = lineFingerprint(line);
        if (fp === null) continue;
        total++;
        const holders = load().lines.get(fp);
        if (!holders) continue;
        matched++;
        responsible.add((filePath !== void 0 ? holders.find((r) => r.path === filePath) : void 0) ?? holders[0]);
      }
      const records = [...responsible].sort((a, b) => a.time < b.time ? 1 : a.time > b.time ? -1 : 0);
      return { matched, total, records };
    }
  };
}
var import_node_crypto2, import_node_fs, import_node_path2, LEDGER_FILE, LOCK_FILE, DEFAULT_MAX_BYTES, LOCK_STALE_MS, MIN_LINE_CHARS;
var init_ledger = __esm({
  "../../../work/main/src/provenance/ledger.ts"() {
    "use strict";
    import_node_crypto2 = require("node:crypto");
    import_node_fs = __toESM(require("node:fs"), 1);
    import_node_path2 = __toESM(require("node:path"), 1);
    LEDGER_FILE = "provenance.jsonl";
    LOCK_FILE = "provenance.lock";
    DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
    LOCK_STALE_MS = 3e4;
    MIN_LINE_CHARS = 8;
  }
});

// ../../../work/main/src/provenance/git-ai.ts
function unquote(line) {
  if (!line.startsWith('"')) return line;
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}
function agentOf(key, meta) {
  const session = key.split("::")[0] ?? key;
  const pick = (table) => {
    if (typeof table !== "object" || table === null) return void 0;
    const entry = table[session];
    return entry?.agent_id;
  };
  const id = pick(meta.sessions) ?? pick(meta.prompts);
  return {
    agent: typeof id?.tool === "string" && id.tool !== "" ? id.tool : "git-ai",
    model: typeof id?.model === "string" && id.model !== "" ? id.model : null
  };
}
function parseGitAiNote(text2) {
  const lines = text2.replace(/\r\n/g, "\n").split("\n");
  const divider = lines.indexOf("---");
  let meta = {};
  if (divider >= 0) {
    try {
      const parsed = JSON.parse(lines.slice(divider + 1).join("\n"));
      if (typeof parsed === "object" && parsed !== null) meta = parsed;
    } catch {
    }
  }
  const out = [];
  let path20 = null;
  for (const line of divider >= 0 ? lines.slice(0, divider) : lines) {
    if (line === "") continue;
    if (!line.startsWith(" ")) {
      path20 = unquote(line);
      continue;
    }
    const m = /^ {2}(\S+) (\S+)$/.exec(line);
    if (!m || path20 === null || !AI_KEY.test(m[1] ?? "") || !RANGES.test(m[2] ?? "")) continue;
    out.push({ path: path20, ranges: m[2] ?? "", ...agentOf(m[1] ?? "", meta) });
  }
  return out;
}
function gitAiSignals(note, paths) {
  return parseGitAiNote(note).filter((a) => paths.has(a.path)).map((a) => ({
    kind: "recorded",
    assistant: a.agent,
    rule: "git-ai/authorship-note",
    evidence: `git-ai note (${GIT_AI_NOTES_REF}): lines ${a.ranges} written by ${a.agent}${a.model ? ` (${a.model})` : ""}`,
    path: a.path
  }));
}
var GIT_AI_NOTES_REF, AI_KEY, RANGES;
var init_git_ai = __esm({
  "../../../work/main/src/provenance/git-ai.ts"() {
    "use strict";
    GIT_AI_NOTES_REF = "refs/notes/ai";
    AI_KEY = /^(?:s_[0-9a-f]{14}(?:::t_[0-9a-f]{14})?|[0-9a-f]{16}|[0-9a-f]{7})$/;
    RANGES = /^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/;
  }
});

// ../../../work/main/src/provenance/agent-trace.ts
function gitPath(p) {
  return p.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
}
function aiModel(contributor) {
  const c = object(contributor);
  if (c?.type !== "ai" && c?.type !== "mixed") return void 0;
  return text(c.model_id);
}
function parseRecord2(line) {
  let parsed;
  try {
    parsed = JSON.parse(line);
  } catch {
    return [];
  }
  const record2 = object(parsed);
  if (!record2 || !Array.isArray(record2.files)) return [];
  const tool = text(object(record2.tool)?.name);
  const toolName = tool === "unknown" ? null : tool;
  const timestamp = text(record2.timestamp);
  const out = [];
  for (const f of record2.files) {
    const file = object(f);
    const rawPath = text(file?.path);
    if (!file || rawPath === null) continue;
    const path20 = gitPath(rawPath);
    for (const c of array(file.conversations)) {
      const conversation = object(c);
      if (!conversation) continue;
      const url = text(conversation.url);
      const byModel = /* @__PURE__ */ new Map();
      for (const r of array(conversation.ranges)) {
        const range = object(r);
        const start2 = lineNumber(range?.start_line);
        const end = lineNumber(range?.end_line);
        if (!range || start2 === null || end === null || end < start2) continue;
        const model = aiModel(range.contributor ?? conversation.contributor);
        if (model === void 0) continue;
        const ranges = byModel.get(model);
        if (ranges) ranges.push([start2, end]);
        else byModel.set(model, [[start2, end]]);
      }
      for (const [model, ranges] of byModel) {
        out.push({ path: path20, ranges, agent: toolName ?? model ?? "agent-trace", model, timestamp, ...url !== null ? { conversationUrl: url } : {} });
      }
    }
  }
  return out;
}
function parseAgentTrace(jsonl) {
  return jsonl.split("\n").flatMap((line) => line.trim() === "" ? [] : parseRecord2(line));
}
function byPath(attributions) {
  const map = /* @__PURE__ */ new Map();
  for (const a of attributions) {
    const list = map.get(a.path);
    if (list) list.push(a);
    else map.set(a.path, [a]);
  }
  return map;
}
function stagedFile(content, added) {
  let lineCount = content.length > 0 && content[content.length - 1] !== 10 ? 1 : 0;
  for (const byte of content) if (byte === 10) lineCount++;
  return { lineCount, addedLines: new Set(added.map((a) => a.line)) };
}
function linesText(ranges) {
  const list = ranges.map(([s, e]) => s === e ? `${s}` : `${s}-${e}`).join(",");
  return ranges.length === 1 && ranges[0]?.[0] === ranges[0]?.[1] ? `line ${list}` : `lines ${list}`;
}
function agentTraceSignals(attributions, path20, staged) {
  const added = [...staged.addedLines].sort((x, y) => x - y);
  const addsWithin = (start2, end) => {
    let lo = 0;
    let hi = added.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if ((added[mid] ?? 0) < start2) lo = mid + 1;
      else hi = mid;
    }
    return lo < added.length && (added[lo] ?? 0) <= end;
  };
  const hits = [];
  for (const a of attributions) {
    if (a.path !== path20) continue;
    const ranges = a.ranges.map(([start2, end]) => [start2, Math.min(end, staged.lineCount)]).filter(([start2, end]) => start2 <= end && addsWithin(start2, end));
    if (ranges.length > 0) hits.push({ a, ranges });
  }
  hits.reverse();
  const newest = hits[0];
  if (!newest) return [];
  const named = hits.slice(0, MAX_NAMED).map(({ a, ranges }) => {
    const model = a.model !== null && a.model !== a.agent ? ` (${a.model})` : "";
    const at = a.timestamp !== null ? ` at ${a.timestamp}` : "";
    const conversation = a.conversationUrl !== void 0 ? `, conversation ${a.conversationUrl}` : "";
    return `${linesText(ranges)} written by ${a.agent}${model}${at}${conversation}`;
  });
  const more = hits.length > MAX_NAMED ? ` and ${hits.length - MAX_NAMED} more` : "";
  return [
    {
      kind: "recorded",
      assistant: newest.a.agent,
      rule: "agent-trace/record",
      evidence: `Agent Trace (${AGENT_TRACE_FILE}): ${named.join("; ")}${more}`,
      path: path20
    }
  ];
}
var AGENT_TRACE_FILE, object, array, text, lineNumber, MAX_NAMED;
var init_agent_trace = __esm({
  "../../../work/main/src/provenance/agent-trace.ts"() {
    "use strict";
    AGENT_TRACE_FILE = ".agent-trace/traces.jsonl";
    object = (v) => typeof v === "object" && v !== null && !Array.isArray(v) ? v : null;
    array = (v) => Array.isArray(v) ? v : [];
    text = (v) => typeof v === "string" && v !== "" ? v : null;
    lineNumber = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 1 ? v : null;
    MAX_NAMED = 3;
  }
});

// ../../../work/main/src/signals/recorded.ts
function signal(path20, record2, rule, evidence) {
  return { kind: "recorded", assistant: record2.agent, rule, evidence, path: path20 };
}
function recordedSignals(path20, blob, content, added, ledger, share) {
  const exact = ledger.byBlob(blob)[0];
  if (exact) return [signal(path20, exact, "recorded/blob", `${exact.agent} wrote exactly this content as ${exact.path} (${when(exact)})`)];
  if (content.length <= LFS_POINTER_MAX) {
    const sha2562 = LFS_POINTER.exec(Buffer.from(content).toString("latin1"))?.[1];
    const lfs = sha2562 ? ledger.bySha256(sha2562)[0] : void 0;
    if (lfs) return [signal(path20, lfs, "recorded/lfs", `${lfs.agent} wrote the content this Git LFS pointer names, as ${lfs.path} (${when(lfs)})`)];
  }
  if (!added) return [];
  const { matched, total, records } = ledger.lineMatches(added.map((a) => a.text), path20);
  if (total === 0 || matched / total < share) return [];
  const who = records.slice(0, 3).map((r) => `${r.agent} (${when(r)})`).join("; ");
  const first2 = records[0];
  return first2 ? [signal(path20, first2, "recorded/lines", `${matched} of ${total} added lines were written by ${who}${records.length > 3 ? ` and ${records.length - 3} more` : ""}`)] : [];
}
function mayHoldRecordedLine(content, ledger) {
  const lines = addedLines(null, content);
  return lines !== null && ledger.lineMatches(lines.map((l) => l.text)).matched > 0;
}
var LFS_POINTER, LFS_POINTER_MAX, when;
var init_recorded = __esm({
  "../../../work/main/src/signals/recorded.ts"() {
    "use strict";
    init_detect();
    LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*?oid sha256:([0-9a-f]{64})\n/;
    LFS_POINTER_MAX = 1024;
    when = (r) => `${r.tool}, session ${r.session || "unknown"}, ${r.time}`;
  }
});

// ../../../work/main/src/attest/ssh.ts
function sshUint32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
function sshString(data) {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return Buffer.concat([sshUint32(bytes.length), bytes]);
}
function fingerprint(blob) {
  return `SHA256:${(0, import_node_crypto3.createHash)("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}
function describeKey(type, blob) {
  return `${KEY_LABELS[type]} key ${fingerprint(blob)}`;
}
function parsePublicKey(blob) {
  const id = Buffer.from(blob).toString("base64");
  const known = parsedKeys.get(id);
  if (known) return known;
  const key = parseKeyBlob(blob);
  parsedKeys.set(id, key);
  return key;
}
function parseKeyBlob(blob) {
  const r = new SshReader(blob, "public key");
  const type = r.text();
  let parsed;
  switch (type) {
    case "ssh-ed25519":
    case "sk-ssh-ed25519@openssh.com": {
      const pk = r.string();
      if (pk.length !== 32) throw new SshError(`${type} public key has ${pk.length} bytes; expected 32`);
      const key = importKey({ kty: "OKP", crv: "Ed25519", x: b64url(pk) }, type);
      parsed = type === "ssh-ed25519" ? { type, key, bits: 256 } : { type, key, bits: 256, application: r.text() };
      break;
    }
    case "ssh-rsa": {
      const e = r.mpint();
      const n = r.mpint();
      const bits = bitLength(n);
      if (bits < RSA_MIN_BITS) throw new SshError(`RSA key has ${bits} bits; cleanroom accepts ${RSA_MIN_BITS} or more (make a new key: ssh-keygen -t ed25519)`);
      if (bits > RSA_MAX_BITS) throw new SshError(`RSA key has ${bits} bits; cleanroom accepts at most ${RSA_MAX_BITS}`);
      parsed = { type, key: importKey({ kty: "RSA", n: b64url(n), e: b64url(e) }, type), bits };
      break;
    }
    case "ecdsa-sha2-nistp256":
    case "ecdsa-sha2-nistp384":
    case "ecdsa-sha2-nistp521":
    case "sk-ecdsa-sha2-nistp256@openssh.com": {
      const curve = type === "sk-ecdsa-sha2-nistp256@openssh.com" ? CURVES["ecdsa-sha2-nistp256"] : CURVES[type];
      const key = importKey(ecJwk(curve, r.text(), r.string(), type), type);
      parsed = type === "sk-ecdsa-sha2-nistp256@openssh.com" ? { type, key, bits: curve.bits, application: r.text() } : { type, key, bits: curve.bits };
      break;
    }
    default:
      if (type.endsWith("-cert-v01@openssh.com")) {
        throw new SshError(`the signature was made with an OpenSSH certificate (${type}); cleanroom trusts plain keys listed in allowed_signers only: sign with the key itself`);
      }
      throw new SshError(`key type ${type} is not supported; use ssh-ed25519, ecdsa-sha2-nistp256/384/521, RSA of ${RSA_MIN_BITS}+ bits, or a FIDO sk-ssh-ed25519 / sk-ecdsa key`);
  }
  r.end();
  return { ...parsed, blob };
}
function ecJwk(curve, identifier, q, type) {
  if (identifier !== curve.name) throw new SshError(`${type} public key names curve ${identifier}; expected ${curve.name}`);
  if (q.length !== 1 + 2 * curve.size || q[0] !== 4) throw new SshError(`${type} public key point is not an uncompressed ${curve.name} point`);
  return { kty: "EC", crv: curve.jwk, x: b64url(q.subarray(1, 1 + curve.size)), y: b64url(q.subarray(1 + curve.size)) };
}
function importKey(jwk, type) {
  try {
    return (0, import_node_crypto3.createPublicKey)({ key: jwk, format: "jwk" });
  } catch {
    throw new SshError(`${type} public key is not a valid key`);
  }
}
function b64url(bytes) {
  return Buffer.from(bytes).toString("base64url");
}
function bitLength(magnitude) {
  const top = magnitude[0];
  return top === void 0 ? 0 : (magnitude.length - 1) * 8 + (32 - Math.clz32(top));
}
function verifySignature(key, data, signature) {
  try {
    return check(key, data, signature);
  } catch (e) {
    if (e instanceof SshError) return { ok: false, malformed: true, problem: e.message };
    throw e;
  }
}
function check(key, data, signature) {
  const r = new SshReader(signature, "signature");
  const algorithm = r.text();
  const sig = r.string();
  switch (key.type) {
    case "ssh-ed25519":
      expectAlgorithm(algorithm, [key.type], key.type);
      r.end();
      return sig.length === 64 && (0, import_node_crypto3.verify)(null, data, key.key, sig) ? { ok: true } : MISMATCH;
    case "ssh-rsa": {
      if (algorithm === "ssh-rsa") throw new SshError("RSA signature uses ssh-rsa (SHA-1), which is broken; re-sign with a current ssh-keygen, which uses rsa-sha2-512");
      expectAlgorithm(algorithm, ["rsa-sha2-512", "rsa-sha2-256"], key.type);
      r.end();
      const size = Math.ceil(key.bits / 8);
      if (sig.length > size) return MISMATCH;
      const padded = Buffer.concat([Buffer.alloc(size - sig.length), sig]);
      return (0, import_node_crypto3.verify)(algorithm === "rsa-sha2-512" ? "sha512" : "sha256", data, key.key, padded) ? { ok: true } : MISMATCH;
    }
    case "ecdsa-sha2-nistp256":
    case "ecdsa-sha2-nistp384":
    case "ecdsa-sha2-nistp521":
      expectAlgorithm(algorithm, [key.type], key.type);
      r.end();
      return verifyEcdsa(CURVES[key.type], data, key.key, sig) ? { ok: true } : MISMATCH;
    case "sk-ssh-ed25519@openssh.com": {
      expectAlgorithm(algorithm, [key.type], key.type);
      const { flags, message } = skMessage(key, r, data);
      return sig.length === 64 && (0, import_node_crypto3.verify)(null, message, key.key, sig) ? { ok: true, flags } : MISMATCH;
    }
    case "sk-ecdsa-sha2-nistp256@openssh.com": {
      expectAlgorithm(algorithm, [key.type], key.type);
      const { flags, message } = skMessage(key, r, data);
      return verifyEcdsa(CURVES["ecdsa-sha2-nistp256"], message, key.key, sig) ? { ok: true, flags } : MISMATCH;
    }
  }
}
function expectAlgorithm(algorithm, allowed, keyType) {
  if (!allowed.includes(algorithm)) throw new SshError(`signature algorithm ${algorithm} does not fit a ${keyType} key; expected ${allowed.join(" or ")}`);
}
function skMessage(key, r, data) {
  const flags = r.byte();
  const counter = r.uint32();
  r.end();
  return { flags, message: Buffer.concat([sha256(key.application ?? ""), Uint8Array.of(flags), sshUint32(counter), sha256(data)]) };
}
function sha256(data) {
  return (0, import_node_crypto3.createHash)("sha256").update(data).digest();
}
function verifyEcdsa(curve, data, key, sig) {
  const r = new SshReader(sig, "ECDSA signature");
  const rs = [r.mpint(), r.mpint()];
  r.end();
  if (rs.some((v) => v.length > curve.size)) return false;
  const p1363 = Buffer.concat(rs.map((v) => Buffer.concat([Buffer.alloc(curve.size - v.length), v])));
  return (0, import_node_crypto3.verify)(curve.hash, data, { key, dsaEncoding: "ieee-p1363" }, p1363);
}
var import_node_crypto3, SshError, utf82, SshReader, RSA_MIN_BITS, RSA_MAX_BITS, CURVES, KEY_LABELS, parsedKeys, SK_USER_PRESENT, SK_USER_VERIFIED, MISMATCH;
var init_ssh = __esm({
  "../../../work/main/src/attest/ssh.ts"() {
    "use strict";
    import_node_crypto3 = require("node:crypto");
    SshError = class extends Error {
      name = "SshError";
    };
    utf82 = new TextDecoder("utf-8", { fatal: true });
    SshReader = class {
      constructor(bytes, what) {
        this.bytes = bytes;
        this.what = what;
      }
      bytes;
      what;
      offset = 0;
      get remaining() {
        return this.bytes.length - this.offset;
      }
      raw(length) {
        if (length > this.remaining) throw new SshError(`${this.what} is truncated: ${length} bytes needed at offset ${this.offset}, ${this.remaining} left`);
        const out = this.bytes.subarray(this.offset, this.offset + length);
        this.offset += length;
        return out;
      }
      byte() {
        return this.raw(1)[0];
      }
      uint32() {
        const b = this.raw(4);
        return (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) >>> 0;
      }
      string() {
        return this.raw(this.uint32());
      }
      /** A string holding text: no NUL (OpenSSH's sshbuf_get_cstring refuses it) and UTF-8, so it compares as a JS string. */
      text() {
        const bytes = this.string();
        if (bytes.includes(0)) throw new SshError(`${this.what} holds a text field with a NUL byte`);
        try {
          return utf82.decode(bytes);
        } catch {
          throw new SshError(`${this.what} holds a text field that is not UTF-8`);
        }
      }
      /** A non-negative mpint as its magnitude without leading zero bytes. */
      mpint() {
        const b = this.string();
        if (b.length > 0 && (b[0] & 128) !== 0) throw new SshError(`${this.what} holds a negative integer`);
        let start2 = 0;
        while (start2 < b.length && b[start2] === 0) start2++;
        return b.subarray(start2);
      }
      /** Trailing bytes could smuggle data past a parser that stops early, so every structure ends exactly. */
      end() {
        if (this.remaining !== 0) throw new SshError(`${this.what} has ${this.remaining} unexpected trailing bytes`);
      }
    };
    RSA_MIN_BITS = 2048;
    RSA_MAX_BITS = 16384;
    CURVES = {
      "ecdsa-sha2-nistp256": { name: "nistp256", jwk: "P-256", size: 32, hash: "sha256", bits: 256 },
      "ecdsa-sha2-nistp384": { name: "nistp384", jwk: "P-384", size: 48, hash: "sha384", bits: 384 },
      "ecdsa-sha2-nistp521": { name: "nistp521", jwk: "P-521", size: 66, hash: "sha512", bits: 521 }
    };
    KEY_LABELS = {
      "ssh-ed25519": "ED25519",
      "ssh-rsa": "RSA",
      "ecdsa-sha2-nistp256": "ECDSA",
      "ecdsa-sha2-nistp384": "ECDSA",
      "ecdsa-sha2-nistp521": "ECDSA",
      "sk-ssh-ed25519@openssh.com": "ED25519-SK",
      "sk-ecdsa-sha2-nistp256@openssh.com": "ECDSA-SK"
    };
    parsedKeys = /* @__PURE__ */ new Map();
    SK_USER_PRESENT = 1;
    SK_USER_VERIFIED = 4;
    MISMATCH = { ok: false, malformed: false, problem: "the signature does not match the signed data" };
  }
});

// ../../../work/main/src/attest/allowed-signers.ts
function parseAllowedSigners(text2, source) {
  const signers = [];
  const warnings = [];
  text2.split("\n").forEach((raw, i) => {
    const line = i + 1;
    const fail2 = (why) => {
      throw new CleanroomError("EATTEST", `${source}:${line}: ${why}; expected <principals> [options] <key type> <base64 key>`);
    };
    const parsed = parseLine(raw, fail2);
    if (parsed === void 0) return;
    if (parsed.certAuthority) {
      warnings.push(`${source}:${line}: cert-authority lines are not supported, so this line is ignored; list each reviewer's own key instead`);
      return;
    }
    signers.push({ line, ...parsed.signer });
  });
  return { source, signers, warnings };
}
function parseLine(raw, fail2) {
  const cp = skip(raw, WHITESPACE);
  if (cp === "" || cp.startsWith("#")) return void 0;
  const field = firstField(cp);
  if (field === void 0) fail2("unterminated quote in the principals");
  if (field.rest === void 0) fail2("nothing follows the principals");
  const principals = field.token;
  if (principals.split(",").every((p) => p === "" || p.startsWith("!"))) fail2("no principals");
  let optionText = "";
  let key = readKey(field.rest, fail2);
  if (key === void 0) {
    const end = endOfOptions(field.rest);
    if (end === void 0) fail2("unterminated quote in the options");
    if (end === field.rest.length) fail2("missing key");
    optionText = field.rest.slice(0, end);
    key = readKey(skip(field.rest.slice(end + 1), " 	"), fail2);
    if (key === void 0) fail2("invalid key");
  }
  const options = parseOptions(optionText, fail2);
  const signer = {
    principals,
    keyType: key.type,
    keyBlob: key.blob,
    verifyRequired: options.verifyRequired,
    ...options.namespaces === void 0 ? {} : { namespaces: options.namespaces },
    ...options.validAfter === void 0 ? {} : { validAfter: options.validAfter },
    ...options.validBefore === void 0 ? {} : { validBefore: options.validBefore }
  };
  return { signer, certAuthority: options.certAuthority };
}
function skip(s, chars) {
  let i = 0;
  while (i < s.length && chars.includes(s[i])) i++;
  return s.slice(i);
}
function firstField(s) {
  let i = 0;
  while (i < s.length && !`${WHITESPACE}"`.includes(s[i])) i++;
  if (i === s.length) return { token: s, rest: void 0 };
  if (s[i] !== '"') return { token: s.slice(0, i), rest: skip(s.slice(i + 1), WHITESPACE) };
  const close = s.indexOf('"', i + 1);
  if (close === -1) return void 0;
  return { token: s.slice(0, i) + s.slice(i + 1, close), rest: skip(s.slice(close + 1), WHITESPACE) };
}
function endOfOptions(s) {
  let quoted = false;
  let i = 0;
  for (; i < s.length && (quoted || s[i] !== " " && s[i] !== "	"); i++) {
    if (s[i] === "\\" && s[i + 1] === '"') i++;
    else if (s[i] === '"') quoted = !quoted;
  }
  return quoted ? void 0 : i;
}
function readKey(s, fail2) {
  const m = /^([^ \t\r]+)[ \t]+([^ \t\r]+)/.exec(s) ?? /^([^ \t\r]+)$/.exec(s);
  const type = m?.[1];
  if (type === void 0 || !KEY_TYPES.has(type)) return void 0;
  const b64 = m?.[2];
  if (b64 === void 0) fail2(`${type} has no base64 key after it`);
  const blob = Buffer.from(b64, "base64");
  if (blob.length === 0 || blob.toString("base64") !== b64) fail2(`the ${type} key is not valid base64`);
  const inner = blobType(blob);
  const expected = type.replace(/^rsa-sha2-(256|512)/, "ssh-rsa");
  if (inner !== expected) fail2(`the key after ${type} is a ${inner ?? "malformed"} key`);
  return { type: expected, blob };
}
function blobType(blob) {
  if (blob.length < 4) return void 0;
  const len = blob.readUInt32BE(0);
  return len <= blob.length - 4 ? blob.subarray(4, 4 + len).toString("latin1") : void 0;
}
function parseOptions(text2, fail2) {
  const out = { certAuthority: false, verifyRequired: false };
  let i = 0;
  const keyword = (word) => {
    if (text2.slice(i, i + word.length).toLowerCase() !== word) return false;
    i += word.length;
    return true;
  };
  const value = (name) => {
    if (text2[i] !== '"') fail2(`option ${name}= needs a double-quoted value`);
    let v = "";
    for (i++; i < text2.length && text2[i] !== '"'; i++) {
      if (text2[i] === "\\" && text2[i + 1] === '"') i++;
      v += text2[i];
    }
    if (i === text2.length) fail2(`option ${name}= has no closing quote`);
    i++;
    return v;
  };
  const once = (field, name) => {
    if (out[field] !== void 0) fail2(`option ${name}= appears twice`);
  };
  while (i < text2.length) {
    if (keyword("cert-authority")) out.certAuthority = true;
    else if (keyword("verify-required")) out.verifyRequired = true;
    else if (keyword("namespaces=")) {
      once("namespaces", "namespaces");
      out.namespaces = value("namespaces");
    } else if (keyword("valid-after=")) {
      once("validAfter", "valid-after");
      out.validAfter = parseTime(value("valid-after"), "valid-after", fail2);
    } else if (keyword("valid-before=")) {
      once("validBefore", "valid-before");
      out.validBefore = parseTime(value("valid-before"), "valid-before", fail2);
    }
    if (i === text2.length) break;
    if (text2[i] !== ",") fail2(`unknown option at ${JSON.stringify(text2.slice(i))}; known: namespaces=, valid-after=, valid-before=, cert-authority, verify-required`);
    i++;
    if (i === text2.length) fail2("the options end with a comma");
  }
  if (out.validAfter !== void 0 && out.validBefore !== void 0 && out.validBefore <= out.validAfter) fail2("valid-before is not after valid-after");
  return out;
}
function parseTime(text2, name, fail2) {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(z|utc)?$/i.exec(text2);
  const bad = () => fail2(`${name}="${text2}" is not a time; expected YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, optionally followed by Z for UTC`);
  if (m === null) return bad();
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const utc = m[7] !== void 0;
  const date = utc ? new Date(Date.UTC(y, mo - 1, d, h, mi, s)) : new Date(y, mo - 1, d, h, mi, s);
  const parts = utc ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()] : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  if (parts.some((v, k) => v !== [y, mo, d, h, mi, s][k])) return bad();
  const seconds = Math.floor(date.getTime() / 1e3);
  if (seconds <= 0) return bad();
  return seconds;
}
function matchPattern(s, pattern) {
  let si = 0;
  let pi = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    if (pi < pattern.length && (pattern[pi] === "?" || pattern[pi] === s[si])) {
      si++;
      pi++;
    } else if (pi < pattern.length && pattern[pi] === "*") {
      starP = pi++;
      starS = si;
    } else if (starP !== -1) {
      pi = starP + 1;
      si = ++starS;
    } else return false;
  }
  while (pattern[pi] === "*") pi++;
  return pi === pattern.length;
}
function matchPatternList(s, list) {
  let positive = false;
  for (const entry of list.split(",")) {
    const negated = entry.startsWith("!");
    if (matchPattern(s, negated ? entry.slice(1) : entry)) {
      if (negated) return -1;
      positive = true;
    }
  }
  return positive ? 1 : 0;
}
function linePrincipals(signer) {
  return signer.principals.split(",").filter((p) => p !== "" && !p.startsWith("!"));
}
function principalsFor(file, keyBlob, query) {
  const matched = [];
  const refused = [];
  const t = Math.floor(query.at.getTime() / 1e3);
  for (const s of file.signers) {
    if (!Buffer.from(s.keyBlob).equals(keyBlob)) continue;
    const at = `${file.source}:${s.line} (${s.principals})`;
    if (s.namespaces !== void 0 && matchPatternList(query.namespace, s.namespaces) !== 1) {
      refused.push(`${at}: the key is not allowed to sign in namespace "${query.namespace}" (namespaces="${s.namespaces}")`);
    } else if (s.validAfter !== void 0 && t < s.validAfter) {
      refused.push(`${at}: the key is not yet valid at ${iso(t)}: valid-after is ${iso(s.validAfter)}`);
    } else if (s.validBefore !== void 0 && t > s.validBefore) {
      refused.push(`${at}: the key has expired: ${iso(t)} is after valid-before ${iso(s.validBefore)}`);
    } else if (s.verifyRequired && ((query.flags ?? 0) & SK_USER_VERIFIED) === 0) {
      const got = query.flags === void 0 ? "the key is not a FIDO key" : `the signature's flags are 0x${query.flags.toString(16).padStart(2, "0")}`;
      refused.push(`${at}: verify-required asks for a FIDO signature with user verification (PIN or biometric, flag 0x04), but ${got}`);
    } else matched.push(s);
  }
  const principals = [...new Set(matched.flatMap(linePrincipals))];
  return { matched, principals, refused };
}
function listsKey(file, keyBlob, namespace) {
  return file.signers.some((s) => Buffer.from(s.keyBlob).equals(keyBlob) && (s.namespaces === void 0 || matchPatternList(namespace, s.namespaces) === 1));
}
function iso(seconds) {
  return new Date(seconds * 1e3).toISOString().replace(".000Z", "Z");
}
var WHITESPACE, PLAIN_KEY_TYPES, KEY_TYPES;
var init_allowed_signers = __esm({
  "../../../work/main/src/attest/allowed-signers.ts"() {
    "use strict";
    init_errors();
    init_ssh();
    WHITESPACE = " 	\r\n";
    PLAIN_KEY_TYPES = [
      "ssh-ed25519",
      "ssh-rsa",
      "rsa-sha2-256",
      "rsa-sha2-512",
      "ssh-dss",
      "ecdsa-sha2-nistp256",
      "ecdsa-sha2-nistp384",
      "ecdsa-sha2-nistp521",
      "sk-ssh-ed25519@openssh.com",
      "sk-ecdsa-sha2-nistp256@openssh.com",
      "ssh-xmss@openssh.com"
    ];
    KEY_TYPES = /* @__PURE__ */ new Set([...PLAIN_KEY_TYPES, ...PLAIN_KEY_TYPES.map((t) => `${t.replace(/@openssh\.com$/, "")}-cert-v01@openssh.com`)]);
  }
});

// ../../../work/main/src/policy/glob.ts
function globError(pattern) {
  try {
    globSource(pattern);
    return void 0;
  } catch (e) {
    if (e instanceof BadGlob) return e.message;
    throw e;
  }
}
function compileGlob(pattern, caseSensitive) {
  const re = new RegExp(globSource(pattern), caseSensitive ? "u" : "iu");
  return (path20) => re.test(NON_ASCII.test(path20) ? path20.normalize("NFC") : path20);
}
function globSource(raw) {
  const pattern = raw.normalize("NFC");
  const quoted = JSON.stringify(raw);
  if (pattern === "") throw new BadGlob('empty glob; expected a path pattern such as "benchmarks/**"');
  if (pattern.includes("\\")) {
    throw new BadGlob(`glob ${quoted} contains a backslash; expected "/" between segments (a class like [*] matches a literal wildcard)`);
  }
  const alternatives = expandBraces(pattern, quoted).map((alt) => alternativeSource(alt, quoted));
  return `^(?:${alternatives.join("|")})$`;
}
function expandBraces(pattern, quoted) {
  const parts = [];
  let literal = "";
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "[") {
      const end = classEnd(pattern, i, quoted);
      literal += pattern.slice(i, end + 1);
      i = end + 1;
    } else if (c === "}") {
      throw new BadGlob(`glob ${quoted} has a "}" without a "{"; expected "{" and "}" in pairs`);
    } else if (c === "{") {
      const group = [];
      let alt = "";
      let j = i + 1;
      for (; ; ) {
        const d = pattern[j];
        if (d === void 0) throw new BadGlob(`glob ${quoted} has an unclosed "{"; expected "{" and "}" in pairs`);
        if (d === "{") throw new BadGlob(`glob ${quoted} nests "{" inside "{"; expected flat alternatives like {a,b}`);
        if (d === "}") break;
        if (d === "[") {
          const end = classEnd(pattern, j, quoted);
          alt += pattern.slice(j, end + 1);
          j = end + 1;
          continue;
        }
        if (d === ",") {
          group.push(alt);
          alt = "";
        } else {
          alt += d;
        }
        j++;
      }
      group.push(alt);
      parts.push([literal], group);
      literal = "";
      i = j + 1;
    } else {
      literal += c;
      i++;
    }
  }
  parts.push([literal]);
  const count = parts.reduce((n, p) => n * p.length, 1);
  if (count > MAX_ALTERNATIVES) {
    throw new BadGlob(`glob ${quoted} expands to ${count} alternatives; expected at most ${MAX_ALTERNATIVES} (split it into several protect entries)`);
  }
  return parts.reduce((acc, p) => acc.flatMap((prefix) => p.map((s) => prefix + s)), [""]);
}
function classEnd(pattern, start2, quoted) {
  let j = start2 + 1;
  if (pattern[j] === "!" || pattern[j] === "^") j++;
  if (pattern[j] === "]") j++;
  for (; j < pattern.length; j++) {
    if (pattern[j] === "]") return j;
    if (pattern[j] === "/") break;
  }
  throw new BadGlob(`glob ${quoted} has an unclosed "["; expected a character class like [abc] or [!abc] within one segment`);
}
function alternativeSource(alt, quoted) {
  if (alt === "") throw new BadGlob(`glob ${quoted} has an alternative that is empty; expected every alternative to name a path`);
  if (alt.startsWith("/")) throw new BadGlob(`glob ${quoted} starts with "/"; expected a path relative to the repository root`);
  if (alt.endsWith("/")) throw new BadGlob(`glob ${quoted} ends with "/"; expected a path, like "dir/**" for a folder and everything in it`);
  const segments = [];
  for (const seg of alt.split("/")) {
    if (seg === "") throw new BadGlob(`glob ${quoted} has an empty segment ("//"); expected segments separated by a single "/"`);
    if (seg === "." || seg === "..") {
      throw new BadGlob(`glob ${quoted} has a "${seg}" segment; expected a path inside the repository without "." or ".." segments`);
    }
    if (!(seg === "**" && segments[segments.length - 1] === "**")) segments.push(seg);
  }
  if (segments.length === 1 && segments[0] === "**") return "[^/]+(?:/[^/]+)*";
  const folderItself = segments[segments.length - 1] === "**";
  if (folderItself) segments.pop();
  const body = segments.map((seg, i) => {
    if (seg === "**") return "(?:[^/]+/)*";
    return segmentSource(seg, quoted) + (i < segments.length - 1 ? "/" : "");
  }).join("");
  return folderItself ? `${body}(?:/[^/]+)*` : body;
}
function segmentSource(seg, quoted) {
  const chars = Array.from(seg);
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "*") {
      while (chars[i + 1] === "*") i++;
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      i = classSource(chars, i, quoted, (s) => out += s);
    } else {
      out += c.replace(/[\^$\\.*+?()[\]{}|]/, "\\$&");
    }
  }
  return out;
}
function classSource(chars, start2, quoted, emit) {
  let i = start2 + 1;
  const negated = chars[i] === "!" || chars[i] === "^";
  if (negated) i++;
  const members = [];
  for (let first2 = true; i < chars.length && (first2 || chars[i] !== "]"); first2 = false) members.push(chars[i++]);
  let out = "";
  for (let k = 0; k < members.length; k++) {
    const lo = members[k];
    const hi = members[k + 2];
    if (members[k + 1] === "-" && hi !== void 0) {
      if (lo.codePointAt(0) > hi.codePointAt(0)) {
        throw new BadGlob(`glob ${quoted} has the range ${lo}-${hi}, which is reversed; expected the lower character first, as in ${hi}-${lo}`);
      }
      out += `${classChar(lo)}-${classChar(hi)}`;
      k += 2;
    } else {
      out += classChar(lo);
    }
  }
  emit(negated ? `[^/${out}]` : `[${out}]`);
  return i;
}
function classChar(c) {
  return /[\\\]\[^-]/.test(c) ? `\\${c}` : c;
}
var BadGlob, MAX_ALTERNATIVES, NON_ASCII;
var init_glob = __esm({
  "../../../work/main/src/policy/glob.ts"() {
    "use strict";
    BadGlob = class extends Error {
    };
    MAX_ALTERNATIVES = 256;
    NON_ASCII = /[^\x00-\x7F]/;
  }
});

// ../../../work/main/src/attest/sshsig.ts
function parseSshsig(blob) {
  const r = new SshReader(blob, "SSH signature");
  if (!Buffer.from(r.raw(Math.min(MAGIC.length, r.remaining))).equals(MAGIC)) throw new SshError('not an SSH signature: it does not start with "SSHSIG"');
  const version2 = r.uint32();
  if (version2 !== VERSION) throw new SshError(`SSH signature version ${version2} is not supported; expected ${VERSION}`);
  const publicKey = r.string();
  const namespace = r.text();
  r.string();
  const hashAlgorithm = r.text();
  const signature = r.string();
  r.end();
  if (namespace === "") throw new SshError("SSH signature has an empty namespace");
  if (hashAlgorithm !== "sha256" && hashAlgorithm !== "sha512") throw new SshError(`SSH signature hash ${JSON.stringify(hashAlgorithm)} is not supported; expected sha256 or sha512`);
  return { publicKey, namespace, hashAlgorithm, signature };
}
function sshsigSignedData(namespace, hashAlgorithm, message) {
  const digest = (0, import_node_crypto4.createHash)(hashAlgorithm).update(message).digest();
  return Buffer.concat([MAGIC, sshString(namespace), sshString(""), sshString(hashAlgorithm), sshString(digest)]);
}
function dearmorSshsig(text2) {
  const body = ARMOR.exec(text2)?.[1];
  if (body === void 0) throw new SshError(`not an armoured SSH signature: expected "${BEGIN}", base64 lines, "${END}"`);
  const b64 = body.replace(/\r?\n/g, "");
  const blob = Buffer.from(b64, "base64");
  if (blob.toString("base64") !== b64) throw new SshError("armoured SSH signature holds malformed base64");
  return blob;
}
function verifySshsig(message, sig, namespace) {
  let parsed;
  try {
    parsed = parseSshsig(sig);
  } catch (e) {
    if (e instanceof SshError) return { ok: false, kind: "malformed", problem: e.message };
    throw e;
  }
  if (parsed.namespace !== namespace) return { ok: false, kind: "namespace", problem: namespaceProblem(parsed.namespace, namespace) };
  let key;
  try {
    key = parsePublicKey(parsed.publicKey);
  } catch (e) {
    if (e instanceof SshError) return { ok: false, kind: "key", problem: e.message };
    throw e;
  }
  const checked = verifySignature(key, sshsigSignedData(namespace, parsed.hashAlgorithm, message), parsed.signature);
  if (!checked.ok) return { ok: false, kind: checked.malformed ? "malformed" : "mismatch", problem: `${describeKey(key.type, key.blob)}: ${checked.problem}` };
  const base = { ok: true, publicKeyBlob: key.blob, keyType: key.type, fingerprint: fingerprint(key.blob) };
  return checked.flags === void 0 ? base : { ...base, flags: checked.flags };
}
function namespaceProblem(got, expected) {
  const what = got === "git" ? " (a git commit or tag signature, which says nothing about a review)" : "";
  return `signed in namespace ${JSON.stringify(got)}${what}, not ${JSON.stringify(expected)}; sign the review with ssh-keygen -Y sign -n ${expected}`;
}
var import_node_crypto4, MAGIC, VERSION, BEGIN, END, ARMOR;
var init_sshsig = __esm({
  "../../../work/main/src/attest/sshsig.ts"() {
    "use strict";
    import_node_crypto4 = require("node:crypto");
    init_ssh();
    MAGIC = Buffer.from("SSHSIG", "ascii");
    VERSION = 1;
    BEGIN = "-----BEGIN SSH SIGNATURE-----";
    END = "-----END SSH SIGNATURE-----";
    ARMOR = new RegExp(`^${BEGIN}\\r?\\n([A-Za-z0-9+/=\\r\\n]+?)\\r?\\n${END}\\r?\\n?$`);
  }
});

// ../../../work/main/src/attest/statement.ts
function buildStatement(input) {
  const first2 = input.files[0]?.gitBlob;
  const objectFormat2 = input.objectFormat ?? (first2?.length === 64 ? "sha256" : "sha1");
  const subject = [...input.files].sort((a, b) => compare(a.name, b.name) || compare(a.gitBlob, b.gitBlob)).map((f) => ({ name: f.name, digest: { gitBlob: f.gitBlob, sha256: f.sha256 } }));
  const statement = {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      repository: input.repository,
      reviewer: input.reviewer,
      reviewedAt: input.reviewedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      decision: "approved",
      ...input.refs === void 0 ? {} : { refs: [...input.refs] },
      objectFormat: objectFormat2
    }
  };
  const problems = statementProblems(statement);
  if (problems.length > 0) throw new CleanroomError("EATTEST", `cannot build the review statement: ${problems.join("; ")}`);
  return statement;
}
function serializeStatement(s) {
  return Buffer.from(JSON.stringify(canonical(s)), "utf8");
}
function canonical(s) {
  const p = s.predicate;
  return {
    _type: STATEMENT_TYPE,
    subject: s.subject.map((x) => ({ name: x.name, digest: { gitBlob: x.digest.gitBlob, sha256: x.digest.sha256 } })),
    predicateType: PREDICATE_TYPE,
    predicate: {
      repository: p.repository,
      reviewer: p.reviewer,
      reviewedAt: p.reviewedAt,
      decision: "approved",
      ...p.refs === void 0 ? {} : { refs: [...p.refs] },
      ...p.objectFormat === void 0 ? {} : { objectFormat: p.objectFormat }
    }
  };
}
function parseStatement(verifiedPayload) {
  let json;
  try {
    json = JSON.parse(utf83.decode(verifiedPayload));
  } catch {
    return { ok: false, problems: ["the statement is not UTF-8 JSON"] };
  }
  const problems = statementProblems(json);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, statement: canonical(json) };
}
function parseReviewedAt(text2) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(text2);
  if (m === null) return void 0;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  const same = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === s;
  return same ? t + Math.floor(Number(`0${text2.slice(19, -1)}`) * 1e3) : void 0;
}
function statementProblems(json) {
  const problems = [];
  const fail2 = (what) => void problems.push(`the statement's ${what}`);
  if (!isObject2(json)) return ["the statement is not a JSON object"];
  if (json._type !== STATEMENT_TYPE) fail2(`_type is ${show(json._type)}; expected "${STATEMENT_TYPE}"`);
  if (json.predicateType !== PREDICATE_TYPE) fail2(`predicateType is ${show(json.predicateType)}; expected "${PREDICATE_TYPE}"`);
  const p = json.predicate;
  let format;
  if (!isObject2(p)) fail2("predicate is missing or not an object");
  else {
    for (const field of ["repository", "reviewer"]) {
      if (typeof p[field] !== "string" || p[field] === "") fail2(`predicate.${field} must be a non-empty string`);
    }
    if (typeof p.reviewedAt !== "string" || parseReviewedAt(p.reviewedAt) === void 0) {
      fail2(`predicate.reviewedAt is ${show(p.reviewedAt)}; expected an RFC 3339 UTC time such as "2026-01-31T12:00:00Z"`);
    }
    if (p.decision !== "approved") fail2(`predicate.decision is ${show(p.decision)}; expected "approved"`);
    if (p.refs !== void 0) {
      if (!Array.isArray(p.refs) || p.refs.length === 0) fail2("predicate.refs must be a non-empty list of ref globs when present");
      else
        p.refs.forEach((r, i) => {
          const why = typeof r === "string" ? globError(r) : "not a string";
          if (why !== void 0) fail2(`predicate.refs[${i}] is not a ref glob: ${why}`);
        });
    }
    if (p.objectFormat !== void 0) {
      if (p.objectFormat === "sha1" || p.objectFormat === "sha256") format = p.objectFormat;
      else fail2(`predicate.objectFormat is ${show(p.objectFormat)}; expected "sha1" or "sha256"`);
    }
  }
  const subjects = json.subject;
  if (!Array.isArray(subjects) || subjects.length === 0) {
    fail2("subject must be a non-empty list");
    return problems;
  }
  const seen = /* @__PURE__ */ new Set();
  subjects.forEach((s, i) => {
    const at = `subject[${i}]`;
    if (!isObject2(s)) return fail2(`${at} is not an object`);
    const why = typeof s.name === "string" ? pathProblem(s.name) : "is missing";
    if (why !== void 0) fail2(`${at}.name ${why}`);
    const digest = s.digest;
    if (!isObject2(digest)) return fail2(`${at}.digest is missing`);
    const blob = digest.gitBlob;
    const blobFormat = typeof blob !== "string" ? void 0 : HEX40.test(blob) ? "sha1" : HEX64.test(blob) ? "sha256" : void 0;
    if (blobFormat === void 0) fail2(`${at}.digest.gitBlob must be 40 (SHA-1) or 64 (SHA-256) lowercase hex digits`);
    else if (format === void 0) format = blobFormat;
    else if (blobFormat !== format) fail2(`${at}.digest.gitBlob is a ${blobFormat} id in a ${format} statement; one statement covers one repository's object format`);
    if (typeof digest.sha256 !== "string" || !HEX64.test(digest.sha256)) fail2(`${at}.digest.sha256 must be 64 lowercase hex digits`);
    const key = `${String(s.name)}\0${String(blob)}`;
    if (seen.has(key)) fail2(`${at} repeats the path and blob of an earlier subject`);
    seen.add(key);
  });
  return problems;
}
function pathProblem(name) {
  if (name === "") return "is empty";
  if (name.includes("\0")) return "contains a NUL byte";
  if (name.split("/").some((seg) => seg === "" || seg === "." || seg === "..")) {
    return `${JSON.stringify(name)} is not a path as git stores it ('/'-separated, relative, no empty, "." or ".." segments)`;
  }
  return void 0;
}
function isObject2(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function show(v) {
  return v === void 0 ? "missing" : JSON.stringify(v);
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var STATEMENT_TYPE, PREDICATE_TYPE, utf83, HEX40, HEX64;
var init_statement = __esm({
  "../../../work/main/src/attest/statement.ts"() {
    "use strict";
    init_errors();
    init_glob();
    STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    PREDICATE_TYPE = "https://cleanroom.dev/attestation/human-review/v1";
    utf83 = new TextDecoder("utf-8", { fatal: true });
    HEX40 = /^[0-9a-f]{40}$/;
    HEX64 = /^[0-9a-f]{64}$/;
  }
});

// ../../../work/main/src/attest/verify.ts
function verifyEnvelope(bytes, ctx) {
  if (ctx.repository === null) return fail([NO_REPOSITORY]);
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) return fail([`${parsed.problem}; ${RECREATE}`]);
  const envelope = parsed.envelope;
  if (envelope.payloadType !== PAYLOAD_TYPE) return fail([`payloadType is ${JSON.stringify(envelope.payloadType)}; expected "${PAYLOAD_TYPE}"; ${RECREATE}`]);
  const message = pae(envelope.payloadType, envelope.payload);
  const problems = [];
  const signers = [];
  const source = ctx.allowedSigners.source;
  envelope.signatures.forEach((s, i) => {
    const v = verifySshsig(message, s.sig, ctx.namespace);
    if (!v.ok) {
      const hint = v.kind === "mismatch" ? `: the statement or the signature was changed after signing; ${RECREATE}` : v.kind === "malformed" ? `; ${RECREATE}` : "";
      problems.push(`signature ${i + 1}: ${v.problem}${hint}`);
      return;
    }
    const who = `signature ${i + 1} (${describeKey(v.keyType, v.publicKeyBlob)})`;
    if (!listsKey(ctx.allowedSigners, v.publicKeyBlob, ctx.namespace)) {
      problems.push(
        `${who}: the key is not listed in ${source} for namespace "${ctx.namespace}"; a reviewer listed there must sign, or whoever keeps that file adds this key for this reviewer`
      );
      return;
    }
    if (ctx.requireUserPresence && ((v.flags ?? 0) & SK_USER_PRESENT) === 0) {
      const got = v.flags === void 0 ? "the key is not a FIDO security key" : `the security key signed without a touch (flags 0x${v.flags.toString(16).padStart(2, "0")})`;
      problems.push(`${who}: the policy requires user presence (review.require_user_presence), but ${got}; sign with an sk-ssh-ed25519 or sk-ecdsa key that asks for a touch`);
      return;
    }
    signers.push({ who, blob: v.publicKeyBlob, flags: v.flags });
  });
  if (signers.length === 0) return fail(problems);
  const st = parseStatement(envelope.payload);
  if (!st.ok) return fail([...problems, ...st.problems.map((p) => `${p}; ${RECREATE}`)]);
  const statement = st.statement;
  const predicate = statement.predicate;
  const statementProblems2 = [];
  if (predicate.repository !== ctx.repository) {
    statementProblems2.push(
      `the statement is for repository ${JSON.stringify(predicate.repository)}, not this policy's ${JSON.stringify(ctx.repository)}; a review made for another repository does not count here: review and sign the files again in this one`
    );
  }
  const reviewedAt = parseReviewedAt(predicate.reviewedAt);
  if (reviewedAt > ctx.now.getTime() + CLOCK_SKEW_MS) {
    statementProblems2.push(`predicate.reviewedAt ${predicate.reviewedAt} is in the future (now is ${ctx.now.toISOString()}); check the reviewer's clock and sign again`);
  }
  const ref = ctx.ref;
  if (ref !== void 0 && predicate.refs !== void 0 && !predicate.refs.some((p) => compileGlob(p, true)(ref))) {
    statementProblems2.push(`the review is limited to refs ${predicate.refs.join(", ")}, which do not include ${ref}; push to one of them or have the files reviewed for ${ref}`);
  }
  const matched = [];
  for (const signer of signers) {
    const found = principalsFor(ctx.allowedSigners, signer.blob, { namespace: ctx.namespace, at: new Date(reviewedAt), flags: signer.flags });
    if (found.matched.length > 0) matched.push({ signer, lines: found.matched, principals: found.principals });
    else problems.push(`${signer.who}: ${found.refused.join("; ")}; sign with a key that is valid for this, or ask whoever keeps ${source} to update the line`);
  }
  if (matched.length > 0 && !matched.some((m) => m.lines.some((l) => matchPatternList(predicate.reviewer, l.principals) === 1))) {
    statementProblems2.push(
      `predicate.reviewer ${JSON.stringify(predicate.reviewer)} is not a principal of any key that signed (${matched.flatMap((m) => m.principals).join(", ")}); the reviewer the statement names must be among its signers`
    );
  }
  const reviewers = countReviewers(matched.map((m) => m.principals));
  if (matched.length > 0 && reviewers < ctx.threshold) {
    statementProblems2.push(
      `the policy needs ${ctx.threshold} different reviewers (review.threshold) and ${reviewers} signed (${unique(matched.flatMap((m) => m.principals)).join(", ")}); another reviewer must co-sign the envelope`
    );
  }
  if (matched.length === 0 || statementProblems2.length > 0) return fail([...problems, ...statementProblems2]);
  return { ok: true, statement, principals: unique(matched.flatMap((m) => m.principals)).sort() };
}
function countReviewers(principalSets) {
  let groups = [];
  for (const names of principalSets) {
    const merged = new Set(names);
    const rest = [];
    for (const g of groups) {
      if (names.some((n) => g.has(n))) g.forEach((n) => merged.add(n));
      else rest.push(g);
    }
    groups = [...rest, merged];
  }
  return groups.length;
}
function unique(xs) {
  return [...new Set(xs)];
}
function fail(problems) {
  return { ok: false, problems };
}
function coverageKey(name, gitBlob) {
  return `${name}\0${gitBlob}`;
}
function coverage(envelopes, ctx) {
  const covered = /* @__PURE__ */ new Map();
  const rejected = [];
  const ordered = [...envelopes].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  for (const { path: path20, bytes } of ordered) {
    const verdict = verifyEnvelope(bytes, ctx);
    if (!verdict.ok) {
      rejected.push({ envelope: path20, problems: [...verdict.problems] });
      continue;
    }
    const conflicts = verdict.statement.subject.flatMap((s) => {
      const earlier = covered.get(coverageKey(s.name, s.digest.gitBlob));
      return earlier === void 0 || earlier.sha256 === s.digest.sha256 ? [] : [`subject ${s.name} (blob ${s.digest.gitBlob}) has sha256 ${s.digest.sha256}, but ${earlier.envelope} says ${earlier.sha256}; delete the wrong attestation`];
    });
    if (conflicts.length > 0) {
      rejected.push({ envelope: path20, problems: conflicts });
      continue;
    }
    for (const s of verdict.statement.subject) {
      const key = coverageKey(s.name, s.digest.gitBlob);
      const earlier = covered.get(key);
      covered.set(key, {
        sha256: s.digest.sha256,
        principals: unique([...earlier?.principals ?? [], ...verdict.principals]).sort(),
        envelope: earlier?.envelope ?? path20
      });
    }
  }
  return { covered, rejected };
}
function checkCovered(entry, content) {
  return entry !== void 0 && (0, import_node_crypto5.createHash)("sha256").update(content).digest("hex") === entry.sha256;
}
var import_node_crypto5, CLOCK_SKEW_MS, RECREATE, NO_REPOSITORY;
var init_verify = __esm({
  "../../../work/main/src/attest/verify.ts"() {
    "use strict";
    import_node_crypto5 = require("node:crypto");
    init_glob();
    init_allowed_signers();
    init_dsse();
    init_ssh();
    init_sshsig();
    init_statement();
    CLOCK_SKEW_MS = 5 * 60 * 1e3;
    RECREATE = "re-create the attestation";
    NO_REPOSITORY = "the policy has no repository id, so a review cannot be tied to this repository; add `repository: urn:uuid:<a fresh UUID>` to the policy (cleanroom init writes one), then sign reviews naming it";
  }
});

// ../../../work/main/src/paths.ts
var import_node_url, PACKAGE_ROOT;
var init_paths = __esm({
  "../../../work/main/src/paths.ts"() {
    "use strict";
    import_node_url = require("node:url");
    PACKAGE_ROOT = (0, import_node_url.fileURLToPath)(new URL("../", __importMetaUrl));
  }
});

// ../../../work/main/src/version.ts
var version_exports = {};
__export(version_exports, {
  version: () => version
});
function version() {
  const pkg = JSON.parse(import_node_fs2.default.readFileSync(import_node_path3.default.join(PACKAGE_ROOT, "package.json"), "utf8"));
  return pkg.version;
}
var import_node_path3, import_node_fs2;
var init_version = __esm({
  "../../../work/main/src/version.ts"() {
    "use strict";
    import_node_path3 = __toESM(require("node:path"), 1);
    import_node_fs2 = __toESM(require("node:fs"), 1);
    init_paths();
  }
});

// ../../../work/main/src/policy/cache.ts
function toData(p, baseDir) {
  return {
    repository: p.repository,
    mode: p.mode,
    caseSensitive: p.caseSensitive,
    protect: p.protect.map(({ pattern, require: require3, index, line }) => ({ pattern, require: require3, index, line })),
    assistants: { ...p.assistants, trailers: patterns(p.assistants.trailers), identities: patterns(p.assistants.identities), markers: patterns(p.assistants.markers) },
    review: { ...p.review, allowedSigners: import_node_path4.default.relative(baseDir, p.review.allowedSigners) }
  };
}
function fromData(d, source, baseDir) {
  return {
    source,
    version: 1,
    repository: d.repository,
    mode: d.mode,
    caseSensitive: d.caseSensitive,
    protect: d.protect.map((r) => ({ ...r, matches: compileGlob(r.pattern, d.caseSensitive) })),
    assistants: { ...d.assistants, trailers: regexes(d.assistants.trailers), identities: regexes(d.assistants.identities), markers: regexes(d.assistants.markers) },
    review: { ...d.review, allowedSigners: import_node_path4.default.resolve(baseDir, d.review.allowedSigners) }
  };
}
function cacheFile(text2) {
  const key = (0, import_node_crypto6.createHash)("sha256").update(`${version()}\0${text2}`).digest("hex");
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return import_node_path4.default.join(import_node_os.default.tmpdir(), `cleanroom-${uid}`, `policy-${key}.json`);
}
async function cachedPolicy(text2, source, baseDir, parse) {
  const file = cacheFile(text2);
  try {
    return fromData(JSON.parse(import_node_fs3.default.readFileSync(file, "utf8")), source, baseDir);
  } catch {
  }
  const policy2 = await parse();
  try {
    import_node_fs3.default.mkdirSync(import_node_path4.default.dirname(file), { recursive: true, mode: 448 });
    const tmp = `${file}.${process.pid}.tmp`;
    import_node_fs3.default.writeFileSync(tmp, JSON.stringify(toData(policy2, baseDir)), { mode: 384 });
    import_node_fs3.default.renameSync(tmp, file);
  } catch {
  }
  return policy2;
}
var import_node_crypto6, import_node_fs3, import_node_os, import_node_path4, patterns, regexes;
var init_cache = __esm({
  "../../../work/main/src/policy/cache.ts"() {
    "use strict";
    import_node_crypto6 = require("node:crypto");
    import_node_fs3 = __toESM(require("node:fs"), 1);
    import_node_os = __toESM(require("node:os"), 1);
    import_node_path4 = __toESM(require("node:path"), 1);
    init_glob();
    init_version();
    patterns = (list) => list.map((r) => ({ source: r.source, flags: r.flags }));
    regexes = (list) => list.map((p) => new RegExp(p.source, p.flags));
  }
});

// ../../../work/main/src/policy/policy.ts
var EMBEDDED_SOURCE;
var init_policy = __esm({
  "../../../work/main/src/policy/policy.ts"() {
    "use strict";
    EMBEDDED_SOURCE = "<embedded default>";
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/identity.js"(exports2) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports2.ALIAS = ALIAS;
    exports2.DOC = DOC;
    exports2.MAP = MAP;
    exports2.NODE_TYPE = NODE_TYPE;
    exports2.PAIR = PAIR;
    exports2.SCALAR = SCALAR;
    exports2.SEQ = SEQ;
    exports2.hasAnchor = hasAnchor;
    exports2.isAlias = isAlias2;
    exports2.isCollection = isCollection;
    exports2.isDocument = isDocument;
    exports2.isMap = isMap2;
    exports2.isNode = isNode;
    exports2.isPair = isPair;
    exports2.isScalar = isScalar2;
    exports2.isSeq = isSeq2;
  }
});

// ../../../work/main/node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "../../../work/main/node_modules/yaml/dist/visit.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit2(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit2.BREAK = BREAK;
    visit2.SKIP = SKIP;
    visit2.REMOVE = REMOVE;
    function visit_(key, node, visitor, path20) {
      const ctrl = callVisitor(key, node, visitor, path20);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path20, ctrl);
        return visit_(key, ctrl, visitor, path20);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path20 = Object.freeze(path20.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path20);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path20 = Object.freeze(path20.concat(node));
          const ck = visit_("key", node.key, visitor, path20);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path20);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path20) {
      const ctrl = await callVisitor(key, node, visitor, path20);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path20, ctrl);
        return visitAsync_(key, ctrl, visitor, path20);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path20 = Object.freeze(path20.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path20);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path20 = Object.freeze(path20.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path20);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path20);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path20) {
      if (typeof visitor === "function")
        return visitor(key, node, path20);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path20);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path20);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path20);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path20);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path20);
      return void 0;
    }
    function replaceNode(key, path20, node) {
      const parent = path20[path20.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports2.visit = visit2;
    exports2.visitAsync = visitAsync;
  }
});

// ../../../work/main/node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "../../../work/main/node_modules/yaml/dist/doc/directives.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var visit2 = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version2] = parts;
            if (version2 === "1.1" || version2 === "1.2") {
              this.yaml.version = version2;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version2);
              onError(6, `Unsupported YAML version ${version2}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit2.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports2.Directives = Directives;
  }
});

// ../../../work/main/node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "../../../work/main/node_modules/yaml/dist/doc/anchors.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var visit2 = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit2.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports2.anchorIsValid = anchorIsValid;
    exports2.anchorNames = anchorNames;
    exports2.createNodeAnchors = createNodeAnchors;
    exports2.findNewAnchor = findNewAnchor;
  }
});

// ../../../work/main/node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "../../../work/main/node_modules/yaml/dist/doc/applyReviver.js"(exports2) {
    "use strict";
    function applyReviver(reviver, obj2, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj2, key, val);
    }
    exports2.applyReviver = applyReviver;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/toJS.js"(exports2) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports2.toJS = toJS;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/Node.js"(exports2) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports2.NodeBase = NodeBase;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/Alias.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var visit2 = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit2.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports2.Alias = Alias;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/Scalar.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports2.Scalar = Scalar;
    exports2.isScalarValue = isScalarValue;
  }
});

// ../../../work/main/node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "../../../work/main/node_modules/yaml/dist/doc/createNode.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports2.createNode = createNode;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/Collection.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path20, value) {
      let v = value;
      for (let i = path20.length - 1; i >= 0; --i) {
        const k = path20[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path20) => path20 == null || typeof path20 === "object" && !!path20[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path20, value) {
        if (isEmptyPath(path20))
          this.add(value);
        else {
          const [key, ...rest] = path20;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path20) {
        const [key, ...rest] = path20;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path20, keepScalar) {
        const [key, ...rest] = path20;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path20) {
        const [key, ...rest] = path20;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path20, value) {
        const [key, ...rest] = path20;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports2.Collection = Collection;
    exports2.collectionFromPath = collectionFromPath;
    exports2.isEmptyPath = isEmptyPath;
  }
});

// ../../../work/main/node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "../../../work/main/node_modules/yaml/dist/stringify/stringifyComment.js"(exports2) {
    "use strict";
    var stringifyComment = (str2) => str2.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str2, indent, comment) => str2.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str2.endsWith(" ") ? "" : " ") + comment;
    exports2.indentComment = indentComment;
    exports2.lineComment = lineComment;
    exports2.stringifyComment = stringifyComment;
  }
});

// ../../../work/main/node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "../../../work/main/node_modules/yaml/dist/stringify/foldFlowLines.js"(exports2) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text2, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text2;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text2.length <= endStep)
        return text2;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text2, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text2[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text2[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text2, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text2[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text2[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text2;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text2;
      if (onFold)
        onFold();
      let res = text2.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text2.length;
        if (fold === 0)
          res = `
${indent}${text2.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text2[fold]}\\`;
          res += `
${indent}${text2.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text2, i, indent) {
      let end = i;
      let start2 = i + 1;
      let ch = text2[start2];
      while (ch === " " || ch === "	") {
        if (i < start2 + indent) {
          ch = text2[++i];
        } else {
          do {
            ch = text2[++i];
          } while (ch && ch !== "\n");
          end = i;
          start2 = i + 1;
          ch = text2[start2];
        }
      }
      return end;
    }
    exports2.FOLD_BLOCK = FOLD_BLOCK;
    exports2.FOLD_FLOW = FOLD_FLOW;
    exports2.FOLD_QUOTED = FOLD_QUOTED;
    exports2.foldFlowLines = foldFlowLines;
  }
});

// ../../../work/main/node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "../../../work/main/node_modules/yaml/dist/stringify/stringifyString.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str2) => /^(%|---|\.\.\.)/m.test(str2);
    function lineLengthOverLimit(str2, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str2.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start2 = 0; i < strLen; ++i) {
        if (str2[i] === "\n") {
          if (i - start2 > limit)
            return true;
          start2 = i + 1;
          if (strLen - start2 <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str2 = "";
      let start2 = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str2 += json.slice(start2, i) + "\\ ";
          i += 1;
          start2 = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str2 += json.slice(start2, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str2 += "\\0";
                    break;
                  case "0007":
                    str2 += "\\a";
                    break;
                  case "000b":
                    str2 += "\\v";
                    break;
                  case "001b":
                    str2 += "\\e";
                    break;
                  case "0085":
                    str2 += "\\N";
                    break;
                  case "00a0":
                    str2 += "\\_";
                    break;
                  case "2028":
                    str2 += "\\L";
                    break;
                  case "2029":
                    str2 += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str2 += "\\x" + code.substr(2);
                    else
                      str2 += json.substr(i, 6);
                }
                i += 5;
                start2 = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str2 += json.slice(start2, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str2 += "\n";
                  i += 2;
                }
                str2 += indent;
                if (json[i + 2] === " ")
                  str2 += "\\";
                i += 1;
                start2 = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str2 = start2 ? str2 + json.slice(start2) : json;
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start2 = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start2) {
        value = value.substring(start2.length);
        start2 = start2.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start2}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start2}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str2 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str2);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports2.stringifyString = stringifyString;
  }
});

// ../../../work/main/node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "../../../work/main/node_modules/yaml/dist/stringify/stringify.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj2;
      if (identity.isScalar(item)) {
        obj2 = item.value;
        let match = tags.filter((t) => t.identify?.(obj2));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj2 = item;
        tagObj = tags.find((t) => t.nodeClass && obj2 instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj2?.constructor?.name ?? (obj2 === null ? "null" : typeof obj2);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str2 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str2;
      return identity.isScalar(node) || str2[0] === "{" || str2[0] === "[" ? `${props} ${str2}` : `${props}
${ctx.indent}${str2}`;
    }
    exports2.createStringifyContext = createStringifyContext;
    exports2.stringify = stringify;
  }
});

// ../../../work/main/node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "../../../work/main/node_modules/yaml/dist/stringify/stringifyPair.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str2 = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str2.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str2 === "" ? "?" : explicitKey ? `? ${str2}` : str2;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str2 = `? ${str2}`;
        if (keyComment && !keyCommentDone) {
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str2;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        str2 = `? ${str2}
${indent}:`;
      } else {
        str2 = `${str2}:`;
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str2.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str2 += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str2;
    }
    exports2.stringifyPair = stringifyPair;
  }
});

// ../../../work/main/node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "../../../work/main/node_modules/yaml/dist/log.js"(exports2) {
    "use strict";
    var node_process = require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports2.debug = debug;
    exports2.warn = warn;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports2.addMergeToJSMap = addMergeToJSMap;
    exports2.isMergeKey = isMergeKey;
    exports2.merge = merge;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports2) {
    "use strict";
    var log2 = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log2.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports2.addPairToJSMap = addPairToJSMap;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/Pair.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports2.Pair = Pair;
    exports2.createPair = createPair;
  }
});

// ../../../work/main/node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "../../../work/main/node_modules/yaml/dist/stringify/stringifyCollection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str3 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str3 += stringifyComment.lineComment(str3, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str3);
      }
      let str2;
      if (lines.length === 0) {
        str2 = flowChars.start + flowChars.end;
      } else {
        str2 = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str2 += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str2 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str2;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str2 = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str2.includes("\n"));
        if (i < items.length - 1) {
          str2 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str2.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str2 += ",";
          }
        }
        if (comment)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment));
        lines.push(str2);
        linesAtValue = lines.length;
      }
      const { start: start2, end } = flowChars;
      if (lines.length === 0) {
        return start2 + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str2 = start2;
          for (const line of lines)
            str2 += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str2}
${indent}${end}`;
        } else {
          return `${start2}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports2.stringifyCollection = stringifyCollection;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/YAMLMap.js"(exports2) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj2, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj2, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj2 instanceof Map) {
          for (const [key, value] of obj2)
            add(key, value);
        } else if (obj2 && typeof obj2 === "object") {
          for (const key of Object.keys(obj2))
            add(key, obj2[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports2.YAMLMap = YAMLMap;
    exports2.findPair = findPair;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/common/map.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj2, ctx) => YAMLMap.YAMLMap.from(schema, obj2, ctx)
    };
    exports2.map = map;
  }
});

// ../../../work/main/node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "../../../work/main/node_modules/yaml/dist/nodes/YAMLSeq.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj2, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj2 && Symbol.iterator in Object(obj2)) {
          let i = 0;
          for (let it of obj2) {
            if (typeof replacer === "function") {
              const key = obj2 instanceof Set ? it : String(i++);
              it = replacer.call(obj2, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports2.YAMLSeq = YAMLSeq;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/common/seq.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj2, ctx) => YAMLSeq.YAMLSeq.from(schema, obj2, ctx)
    };
    exports2.seq = seq;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/common/string.js"(exports2) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str2) => str2,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports2.string = string;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/common/null.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports2.nullTag = nullTag;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/core/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str2) => new Scalar.Scalar(str2[0] === "t" || str2[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports2.boolTag = boolTag;
  }
});

// ../../../work/main/node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "../../../work/main/node_modules/yaml/dist/stringify/stringifyNumber.js"(exports2) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num2 = typeof value === "number" ? value : Number(value);
      if (!isFinite(num2))
        return isNaN(num2) ? ".nan" : num2 < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports2.stringifyNumber = stringifyNumber;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/core/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2));
        const dot = str2.indexOf(".");
        if (dot !== -1 && str2[str2.length - 1] === "0")
          node.minFractionDigits = str2.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/core/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str2, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/core/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports2.schema = schema;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/json/schema.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str2) => str2,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str2) => str2 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str2, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str2) => parseFloat(str2),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str2, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str2)}`);
        return str2;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports2.schema = schema;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports2) {
    "use strict";
    var node_buffer = require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str2 = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str2.length);
          for (let i = 0; i < str2.length; ++i)
            buffer[i] = str2.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str2;
        if (typeof node_buffer.Buffer === "function") {
          str2 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str2 = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str2.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str2.substr(o, lineWidth);
          }
          str2 = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str2 }, ctx, onComment, onChompKeep);
      }
    };
    exports2.binary = binary;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports2.createPairs = createPairs;
    exports2.pairs = pairs;
    exports2.resolvePairs = resolvePairs;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports2.YAMLOMap = YAMLOMap;
    exports2.omap = omap;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports2.falseTag = falseTag;
    exports2.trueTag = trueTag;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2.replace(/_/g, "")),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2.replace(/_/g, "")));
        const dot = str2.indexOf(".");
        if (dot !== -1) {
          const f = str2.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str2, offset, radix, { intAsBigInt }) {
      const sign = str2[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str2 = str2.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str2 = `0b${str2}`;
            break;
          case 8:
            str2 = `0o${str2}`;
            break;
          case 16:
            str2 = `0x${str2}`;
            break;
        }
        const n2 = BigInt(str2);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str2, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str2 = value.toString(radix);
        return value < 0 ? "-" + prefix + str2.substr(1) : prefix + str2;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int;
    exports2.intBin = intBin;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports2.YAMLSet = YAMLSet;
    exports2.set = set;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str2, asBigInt) {
      const sign = str2[0];
      const parts = sign === "-" || sign === "+" ? str2.substring(1) : str2;
      const num2 = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num2(60) + num2(p), num2(0));
      return sign === "-" ? num2(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num2 = (n) => n;
      if (typeof value === "bigint")
        num2 = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num2(-1);
      }
      const _60 = num2(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str2, _onError, { intAsBigInt }) => parseSexagesimal(str2, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str2) => parseSexagesimal(str2, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str2) {
        const match = str2.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports2.floatTime = floatTime;
    exports2.intTime = intTime;
    exports2.timestamp = timestamp;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports2.schema = schema;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/tags.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports2.coreKnownTags = coreKnownTags;
    exports2.getTags = getTags;
  }
});

// ../../../work/main/node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "../../../work/main/node_modules/yaml/dist/schema/Schema.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports2.Schema = Schema;
  }
});

// ../../../work/main/node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "../../../work/main/node_modules/yaml/dist/stringify/stringifyDocument.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports2.stringifyDocument = stringifyDocument;
  }
});

// ../../../work/main/node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "../../../work/main/node_modules/yaml/dist/doc/Document.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version: version2 } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version2 = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version: version2 });
        this.setSchema(version2, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path20, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path20, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path20) {
        if (Collection.isEmptyPath(path20)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path20) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path20, keepScalar) {
        if (Collection.isEmptyPath(path20))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path20, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path20) {
        if (Collection.isEmptyPath(path20))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path20) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path20, value) {
        if (Collection.isEmptyPath(path20)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path20), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path20, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version2, options = {}) {
        if (typeof version2 === "number")
          version2 = String(version2);
        let opt;
        switch (version2) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version2;
            else
              this.directives = new directives.Directives({ version: version2 });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version2);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports2.Document = Document;
  }
});

// ../../../work/main/node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "../../../work/main/node_modules/yaml/dist/errors.js"(exports2) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports2.YAMLError = YAMLError;
    exports2.YAMLParseError = YAMLParseError;
    exports2.YAMLWarning = YAMLWarning;
    exports2.prettifyError = prettifyError;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/resolve-props.js"(exports2) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start2 = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start2 ?? (start2 = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start2 ?? (start2 = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start2 ?? end
      };
    }
    exports2.resolveProps = resolveProps;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/util-contains-newline.js"(exports2) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports2.containsNewline = containsNewline;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports2) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports2.flowIndentCheck = flowIndentCheck;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/util-map-includes.js"(exports2) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports2.mapIncludes = mapIncludes;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/resolve-block-map.js"(exports2) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start: start2, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start2, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start2[start2.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start2, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports2.resolveBlockMap = resolveBlockMap;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/resolve-block-seq.js"(exports2) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start: start2, value } of bs.items) {
        const props = resolveProps.resolveProps(start2, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start2, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports2.resolveBlockSeq = resolveBlockSeq;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/resolve-end.js"(exports2) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports2.resolveEnd = resolveEnd;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start: start2, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start2, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start2) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start2, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports2.resolveFlowCollection = resolveFlowCollection;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/compose-collection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports2.composeCollection = composeCollection;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start2 = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start2, start2, start2] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start2 + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start2, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start2 + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start2, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first2 = split[0];
      const m = first2.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first2.slice(m[1].length)] : ["", first2];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports2.resolveBlockScalar = resolveBlockScalar;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports2.resolveFlowScalar = resolveFlowScalar;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/compose-scalar.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports2.composeScalar = composeScalar;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports2) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports2.emptyScalarPosition = emptyScalarPosition;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/compose-node.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports2.composeEmptyNode = composeEmptyNode;
    exports2.composeNode = composeNode;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/compose-doc.js"(exports2) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start: start2, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start2, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start2, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports2.composeDoc = composeDoc;
  }
});

// ../../../work/main/node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "../../../work/main/node_modules/yaml/dist/compose/composer.js"(exports2) {
    "use strict";
    var node_process = require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports2.Composer = Composer;
  }
});

// ../../../work/main/node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "../../../work/main/node_modules/yaml/dist/parse/cst-scalar.js"(exports2) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports2.createScalarToken = createScalarToken;
    exports2.resolveAsScalar = resolveAsScalar;
    exports2.setScalarValue = setScalarValue;
  }
});

// ../../../work/main/node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "../../../work/main/node_modules/yaml/dist/parse/cst-stringify.js"(exports2) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start: start2, key, sep, value }) {
      let res = "";
      for (const st of start2)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports2.stringify = stringify;
  }
});

// ../../../work/main/node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "../../../work/main/node_modules/yaml/dist/parse/cst-visit.js"(exports2) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit2(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit2.BREAK = BREAK;
    visit2.SKIP = SKIP;
    visit2.REMOVE = REMOVE;
    visit2.itemAtPath = (cst, path20) => {
      let item = cst;
      for (const [field, index] of path20) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit2.parentCollection = (cst, path20) => {
      const parent = visit2.itemAtPath(cst, path20.slice(0, -1));
      const field = path20[path20.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path20, item, visitor) {
      let ctrl = visitor(item, path20);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path20.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path20);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path20) : ctrl;
    }
    exports2.visit = visit2;
  }
});

// ../../../work/main/node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "../../../work/main/node_modules/yaml/dist/parse/cst.js"(exports2) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports2.createScalarToken = cstScalar.createScalarToken;
    exports2.resolveAsScalar = cstScalar.resolveAsScalar;
    exports2.setScalarValue = cstScalar.setScalarValue;
    exports2.stringify = cstStringify.stringify;
    exports2.visit = cstVisit.visit;
    exports2.BOM = BOM;
    exports2.DOCUMENT = DOCUMENT;
    exports2.FLOW_END = FLOW_END;
    exports2.SCALAR = SCALAR;
    exports2.isCollection = isCollection;
    exports2.isScalar = isScalar2;
    exports2.prettyToken = prettyToken;
    exports2.tokenType = tokenType;
  }
});

// ../../../work/main/node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "../../../work/main/node_modules/yaml/dist/parse/lexer.js"(exports2) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports2.Lexer = Lexer;
  }
});

// ../../../work/main/node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "../../../work/main/node_modules/yaml/dist/parse/line-counter.js"(exports2) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start2 = this.lineStarts[low - 1];
          return { line: low, col: offset - start2 + 1 };
        };
      }
    };
    exports2.LineCounter = LineCounter2;
  }
});

// ../../../work/main/node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "../../../work/main/node_modules/yaml/dist/parse/parser.js"(exports2) {
    "use strict";
    var node_process = require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start2 = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start: start2, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start2 = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start2 = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start2.push(this.sourceToken);
                map.items.push({ start: start2 });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start2.push(this.sourceToken);
                map.items.push({ start: start2, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start3 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start3, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start3 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start3, key, sep }]
                  });
                } else if (start2.length > 0) {
                  it.sep = it.sep.concat(start2, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start: start2, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs15 = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start: start2, key: fs15, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs15);
              } else {
                Object.assign(it, { key: fs15, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start: start2 });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs15 = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs15, sep: [] });
              else if (it.sep)
                this.stack.push(fs15);
              else
                Object.assign(it, { key: fs15, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start: start2, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            start2.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: start2, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: start2, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start2, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start2.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports2.Parser = Parser;
  }
});

// ../../../work/main/node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "../../../work/main/node_modules/yaml/dist/public-api.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log2 = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions3(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions3(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions3(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log2.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports2.parse = parse;
    exports2.parseAllDocuments = parseAllDocuments;
    exports2.parseDocument = parseDocument2;
    exports2.stringify = stringify;
  }
});

// ../../../work/main/node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "../../../work/main/node_modules/yaml/dist/index.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit2 = require_visit();
    exports2.Composer = composer.Composer;
    exports2.Document = Document.Document;
    exports2.Schema = Schema.Schema;
    exports2.YAMLError = errors.YAMLError;
    exports2.YAMLParseError = errors.YAMLParseError;
    exports2.YAMLWarning = errors.YAMLWarning;
    exports2.Alias = Alias.Alias;
    exports2.isAlias = identity.isAlias;
    exports2.isCollection = identity.isCollection;
    exports2.isDocument = identity.isDocument;
    exports2.isMap = identity.isMap;
    exports2.isNode = identity.isNode;
    exports2.isPair = identity.isPair;
    exports2.isScalar = identity.isScalar;
    exports2.isSeq = identity.isSeq;
    exports2.Pair = Pair.Pair;
    exports2.Scalar = Scalar.Scalar;
    exports2.YAMLMap = YAMLMap.YAMLMap;
    exports2.YAMLSeq = YAMLSeq.YAMLSeq;
    exports2.CST = cst;
    exports2.Lexer = lexer.Lexer;
    exports2.LineCounter = lineCounter.LineCounter;
    exports2.Parser = parser.Parser;
    exports2.parse = publicApi.parse;
    exports2.parseAllDocuments = publicApi.parseAllDocuments;
    exports2.parseDocument = publicApi.parseDocument;
    exports2.stringify = publicApi.stringify;
    exports2.visit = visit2.visit;
    exports2.visitAsync = visit2.visitAsync;
  }
});

// ../../../work/main/src/policy/parse.ts
var parse_exports = {};
__export(parse_exports, {
  parsePolicy: () => parsePolicy
});
function parsePolicy(text2, source, baseDir) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text2, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const syntax = [...doc.errors, ...doc.warnings].map((e) => syntaxProblem(e, doc));
  if (syntax.length > 0) throw failure("EPOLICY_SYNTAX", syntax, source, lines);
  const reader = new Reader(doc, lines);
  const policy2 = readPolicy(reader, doc.contents, source, baseDir);
  if (policy2 === void 0 || reader.problems.length > 0) throw failure("EPOLICY_INVALID", reader.problems, source, lines);
  return policy2;
}
function failure(code, problems, source, lines) {
  const sorted = [...problems].sort((a, b) => a.at - b.at);
  return new CleanroomError(
    code,
    sorted.map((p) => {
      const { line, col } = lines.linePos(p.at);
      return `${source}:${line}:${col}: ${p.text}`;
    }).join("\n")
  );
}
function syntaxProblem(e, doc) {
  const at = e.pos[0];
  switch (e.code) {
    case "DUPLICATE_KEY": {
      const name = keyAt(doc, at);
      return { at, text: `duplicate key${name === void 0 ? "" : ` ${JSON.stringify(name)}`}; expected each key at most once in a mapping` };
    }
    case "MULTIPLE_DOCS":
      return { at, text: 'a second YAML document ("---"); expected the policy as a single document' };
    case "TAB_AS_INDENT":
      return { at, text: `${e.message}; expected spaces for indentation` };
    case "TAG_RESOLVE_FAILED":
      return { at, text: `${e.message}; expected plain YAML values without custom tags` };
    default:
      return { at, text: `${e.message}; expected valid YAML` };
  }
}
function keyAt(doc, offset) {
  let name;
  (0, import_yaml.visit)(doc, {
    Pair(_, pair) {
      if ((0, import_yaml.isScalar)(pair.key) && pair.key.range?.[0] === offset) {
        name = String(pair.key.value);
        return import_yaml.visit.BREAK;
      }
      return void 0;
    }
  });
  return name;
}
function start(node, fallback) {
  const range = node?.range;
  return range?.[0] ?? fallback;
}
function kind(node) {
  if ((0, import_yaml.isMap)(node)) return "a mapping";
  if ((0, import_yaml.isSeq)(node)) return node.items.length === 0 ? "an empty list" : "a list";
  const v = node.value;
  if (v === null) return "null";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return `a ${typeof v}`;
  return "an unsupported value";
}
function show2(v) {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? JSON.stringify(v) : "an unsupported value";
}
function readPolicy(r, contents, source, baseDir) {
  const expected = `a mapping with the keys ${TOP_KEYS.join(", ")}`;
  if (contents === null || contents === void 0) return r.problem(0, `the policy is empty; expected ${expected}`);
  const root = r.node(contents, 0, "the policy");
  if (root === void 0) return void 0;
  if (!(0, import_yaml.isMap)(root)) return r.problem(0, `the policy is ${kind(root)}; expected ${expected}`);
  const top = r.fields(root, 0, "the policy", expected, TOP_KEYS);
  if (top === void 0) return void 0;
  const get = (key) => top.entries.get(key);
  const versionField = get("version");
  if (versionField === void 0) {
    r.problem(top.at, 'missing key "version"; expected version: 1 at the top level');
  } else {
    const v = r.scalar(versionField, "version", "the number 1");
    if (v !== void 0 && v !== 1) r.problem(versionField.at, `version: found ${show2(v)}; expected 1, the only policy version this cleanroom reads`);
  }
  const repository = readRepository(r, get("repository"));
  const modeField = get("mode");
  const mode = modeField === void 0 ? "enforce" : r.oneOf(modeField, "mode", MODES);
  const caseField = get("case_sensitive");
  const caseSensitive = caseField === void 0 ? false : r.boolean(caseField, "case_sensitive");
  const protectField = get("protect");
  const protect = protectField === void 0 ? r.problem(top.at, 'missing key "protect"; expected a list of protect entries, each with path and require') : readProtect(r, protectField, source === EMBEDDED_SOURCE);
  const assistants = readAssistants(r, get("assistants"));
  const review = readReview(r, get("review"), baseDir);
  if (repository === void 0 || mode === void 0 || caseSensitive === void 0 || protect === void 0 || assistants === void 0 || review === void 0) {
    return void 0;
  }
  return {
    source,
    version: 1,
    repository,
    mode,
    caseSensitive,
    protect: protect.map((e) => {
      const matches3 = compileGlob(e.pattern, caseSensitive);
      return { ...e, matches: matches3 };
    }),
    assistants,
    review
  };
}
function readRepository(r, f) {
  if (f === void 0) return null;
  const expected = "a URI such as urn:uuid:\u2026 or https://\u2026, or null";
  const v = r.scalar(f, "repository", expected);
  if (v === void 0 || v === null) return v;
  if (typeof v === "string" && URI.test(v)) return v;
  return r.problem(f.at, `repository: found ${show2(v)}; expected ${expected}`);
}
function readProtect(r, f, embedded) {
  const items = r.list(f, "protect", "a list of protect entries");
  if (items === void 0) return void 0;
  if (items.length === 0) return r.problem(f.at, "protect: found an empty list; expected at least one protect entry");
  const entries = [];
  items.forEach(({ node, at }, index) => {
    const where = `protect[${index}]`;
    const entry = r.fields(node, at, where, `a protect entry, a mapping with ${PROTECT_KEYS.join(", ")}`, PROTECT_KEYS);
    if (entry === void 0) return;
    const pathField = entry.entries.get("path");
    const requireField = entry.entries.get("require");
    let pattern;
    if (pathField === void 0) {
      r.problem(entry.at, `missing key "path" in ${where}; expected a glob such as "benchmarks/**"`);
    } else {
      pattern = r.string(pathField, `${where}.path`, 'a glob such as "benchmarks/**"', () => true);
      const bad = pattern === void 0 ? void 0 : globError(pattern);
      if (bad !== void 0) pattern = r.problem(pathField.at, `${where}.path: ${bad}`);
    }
    const require3 = requireField === void 0 ? r.problem(entry.at, `missing key "require" in ${where}; expected one of ${REQUIREMENTS.join(", ")}`) : r.oneOf(requireField, `${where}.require`, REQUIREMENTS);
    if (pathField !== void 0 && pattern !== void 0 && require3 !== void 0) {
      entries.push({ pattern, require: require3, index, line: embedded ? 0 : r.line(pathField.at) });
    }
  });
  return entries.length === items.length ? entries : void 0;
}
function readAssistants(r, f) {
  if (f === void 0) return { builtin: true, trailers: [], identities: [], environment: [], markers: [], recordedShare: DEFAULT_RECORDED_SHARE };
  const fields = r.fields(f.value, f.at, "assistants", `a mapping with ${ASSISTANT_KEYS.join(", ")}`, ASSISTANT_KEYS);
  if (fields === void 0) return void 0;
  const get = (key) => fields.entries.get(key);
  const builtinField = get("builtin");
  const builtin = builtinField === void 0 ? true : r.boolean(builtinField, "assistants.builtin");
  const trailers = r.regexes(get("trailers"), "assistants.trailers", "iu");
  const identities = r.regexes(get("identities"), "assistants.identities", "iu");
  const environment = r.strings(get("environment"), "assistants.environment", "a list of environment variable names", `a variable name matching ${ENV_NAME.source}`, (s) => ENV_NAME.test(s))?.map((s) => s.value);
  const markers = r.regexes(get("markers"), "assistants.markers", "u");
  const shareField = get("recorded_share");
  let recordedShare = DEFAULT_RECORDED_SHARE;
  if (shareField !== void 0) {
    const v = r.scalar(shareField, "assistants.recorded_share", "a number above 0 and at most 1");
    recordedShare = typeof v === "number" && v > 0 && v <= 1 ? v : void 0;
    if (v !== void 0 && recordedShare === void 0) r.problem(shareField.at, `assistants.recorded_share: found ${show2(v)}; expected a number above 0 and at most 1`);
  }
  if (builtin === void 0 || trailers === void 0 || identities === void 0 || environment === void 0 || markers === void 0 || recordedShare === void 0) {
    return void 0;
  }
  return { builtin, trailers, identities, environment, markers, recordedShare };
}
function readReview(r, f, baseDir) {
  const fields = f === void 0 ? void 0 : r.fields(f.value, f.at, "review", `a mapping with ${REVIEW_KEYS.join(", ")}`, REVIEW_KEYS);
  if (f !== void 0 && fields === void 0) return void 0;
  const get = (key) => fields?.entries.get(key);
  const namespaceField = get("namespace");
  const namespace = namespaceField === void 0 ? DEFAULT_NAMESPACE : r.string(namespaceField, "review.namespace", "a non-empty signature namespace without whitespace", (s) => NAMESPACE.test(s));
  const signersField = get("allowed_signers");
  const allowedSigners2 = signersField === void 0 ? DEFAULT_ALLOWED_SIGNERS : r.string(signersField, "review.allowed_signers", "the path of an OpenSSH allowed_signers file, relative to the policy file", (s) => s !== "");
  const thresholdField = get("threshold");
  let threshold = 1;
  if (thresholdField !== void 0) {
    const v = r.scalar(thresholdField, "review.threshold", "an integer of at least 1");
    threshold = typeof v === "number" && Number.isSafeInteger(v) && v >= 1 ? v : void 0;
    if (v !== void 0 && threshold === void 0) r.problem(thresholdField.at, `review.threshold: found ${show2(v)}; expected an integer of at least 1`);
  }
  const presenceField = get("require_user_presence");
  const requireUserPresence = presenceField === void 0 ? false : r.boolean(presenceField, "review.require_user_presence");
  if (namespace === void 0 || allowedSigners2 === void 0 || threshold === void 0 || requireUserPresence === void 0) return void 0;
  return { namespace, allowedSigners: import_node_path5.default.resolve(baseDir, allowedSigners2), threshold, requireUserPresence };
}
var import_node_path5, import_yaml, TOP_KEYS, PROTECT_KEYS, ASSISTANT_KEYS, DEFAULT_RECORDED_SHARE, REVIEW_KEYS, MODES, REQUIREMENTS, URI, ENV_NAME, NAMESPACE, DEFAULT_NAMESPACE, DEFAULT_ALLOWED_SIGNERS, CORE_TAGS, Reader;
var init_parse = __esm({
  "../../../work/main/src/policy/parse.ts"() {
    "use strict";
    import_node_path5 = __toESM(require("node:path"), 1);
    import_yaml = __toESM(require_dist(), 1);
    init_errors();
    init_glob();
    init_policy();
    TOP_KEYS = ["version", "repository", "mode", "case_sensitive", "protect", "assistants", "review"];
    PROTECT_KEYS = ["path", "require"];
    ASSISTANT_KEYS = ["builtin", "trailers", "identities", "environment", "markers", "recorded_share"];
    DEFAULT_RECORDED_SHARE = 0.5;
    REVIEW_KEYS = ["namespace", "allowed_signers", "threshold", "require_user_presence"];
    MODES = ["enforce", "warn"];
    REQUIREMENTS = ["review-if-assistant", "review-always"];
    URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
    ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
    NAMESPACE = /^\S+$/;
    DEFAULT_NAMESPACE = "cleanroom-review-v1";
    DEFAULT_ALLOWED_SIGNERS = "allowed_signers";
    CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));
    Reader = class {
      constructor(doc, lines) {
        this.doc = doc;
        this.lines = lines;
      }
      doc;
      lines;
      problems = [];
      problem(at, text2) {
        this.problems.push({ at, text: text2 });
        return void 0;
      }
      line(at) {
        return this.lines.linePos(at).line;
      }
      /** The plain node behind a value (following an alias); undefined after reporting why there is none. */
      node(raw, at, where) {
        let node = raw;
        if ((0, import_yaml.isAlias)(node)) {
          const target = node.resolve(this.doc);
          if (target === void 0) {
            return this.problem(start(node, at), `${where}: alias *${node.source} has no anchor; expected an anchor &${node.source} defined before it`);
          }
          node = target;
        }
        if (node === null || node === void 0) return this.problem(at, `${where}: found null; expected a value`);
        if (!(0, import_yaml.isScalar)(node) && !(0, import_yaml.isMap)(node) && !(0, import_yaml.isSeq)(node)) return this.problem(start(node, at), `${where}: found an unsupported value; expected a plain YAML value`);
        if (node.tag !== void 0 && !CORE_TAGS.has(node.tag)) {
          const tag = node.tag.replace(/^tag:yaml\.org,2002:/, "!!");
          return this.problem(start(node, at), `${where}: tag ${tag} is not supported; expected plain YAML values`);
        }
        return node;
      }
      fields(raw, at, where, expected, known) {
        const node = this.node(raw, at, where);
        if (node === void 0) return void 0;
        const mapAt = start(node, at);
        if (!(0, import_yaml.isMap)(node)) return this.problem(mapAt, `${where}: found ${kind(node)}; expected ${expected}`);
        const entries = /* @__PURE__ */ new Map();
        for (const pair of node.items) {
          const keyAt2 = start(pair.key, mapAt);
          if (!(0, import_yaml.isScalar)(pair.key)) {
            this.problem(keyAt2, `found a key that is not a plain word; expected one of ${known.join(", ")}`);
            continue;
          }
          const name = String(pair.key.value);
          if (!known.includes(name)) {
            this.problem(keyAt2, `unknown key ${JSON.stringify(name)}; expected one of ${known.join(", ")}`);
            continue;
          }
          entries.set(name, { value: pair.value, at: start(pair.value, keyAt2) });
        }
        return { at: mapAt, entries };
      }
      list(f, where, expected) {
        const node = this.node(f.value, f.at, where);
        if (node === void 0) return void 0;
        if (!(0, import_yaml.isSeq)(node)) return this.problem(f.at, `${where}: found ${kind(node)}; expected ${expected}`);
        const items = [];
        node.items.forEach((raw, i) => {
          const at = start(raw, f.at);
          const item = this.node(raw, at, `${where}[${i}]`);
          if (item !== void 0) items.push({ node: item, at: start(item, at) });
        });
        return items.length === node.items.length ? items : void 0;
      }
      scalar(f, where, expected) {
        const node = this.node(f.value, f.at, where);
        if (node === void 0) return void 0;
        if (!(0, import_yaml.isScalar)(node)) return this.problem(f.at, `${where}: found ${kind(node)}; expected ${expected}`);
        return node.value;
      }
      string(f, where, expected, valid) {
        const v = this.scalar(f, where, expected);
        if (v === void 0) return void 0;
        if (typeof v === "string" && valid(v)) return v;
        return this.problem(f.at, `${where}: found ${show2(v)}; expected ${expected}`);
      }
      boolean(f, where) {
        const v = this.scalar(f, where, "true or false");
        if (v === void 0 || typeof v === "boolean") return v;
        return this.problem(f.at, `${where}: found ${show2(v)}; expected true or false`);
      }
      oneOf(f, where, options) {
        const expected = `one of ${options.join(", ")}`;
        return this.string(f, where, expected, (s) => options.includes(s));
      }
      /** An omitted list is empty; `null` is refused, since `trailers:` with nothing under it is more likely a slip. */
      strings(f, where, expected, itemExpected, valid) {
        if (f === void 0) return [];
        const items = this.list(f, where, `${expected} (use [] for none)`);
        if (items === void 0) return void 0;
        const out = [];
        items.forEach(({ node, at }, i) => {
          const value = this.string({ value: node, at }, `${where}[${i}]`, itemExpected, valid);
          if (value !== void 0) out.push({ value, at });
        });
        return out.length === items.length ? out : void 0;
      }
      regexes(f, where, flags) {
        const sources = this.strings(f, where, "a list of regular expressions", "a non-empty regular expression", (s) => s !== "");
        if (sources === void 0) return void 0;
        const compiled = [];
        sources.forEach(({ value, at }, i) => {
          try {
            compiled.push(new RegExp(value, flags));
          } catch (e) {
            this.problem(at, `${where}[${i}]: ${e.message}; expected a valid JavaScript regular expression`);
          }
        });
        return compiled.length === sources.length ? compiled : void 0;
      }
    };
  }
});

// ../../../work/main/src/policy/load.ts
function fromText(text2, source, baseDir, server = false) {
  const parse = async () => (await Promise.resolve().then(() => (init_parse(), parse_exports))).parsePolicy(text2, source, baseDir);
  return server ? parse() : cachedPolicy(text2, source, baseDir, parse);
}
function isCommittedPolicy(policy2) {
  return policy2.source === COMMITTED;
}
async function resolvePolicy(req) {
  const { repo } = req;
  const root = repo.workTree ?? repo.gitDir;
  const fromEnv = repo.env.CLEANROOM_POLICY;
  const server = req.server ?? false;
  if (req.explicit) return readPolicyFile(import_node_path6.default.resolve(repo.cwd, req.explicit), server);
  if (fromEnv) return readPolicyFile(import_node_path6.default.resolve(repo.cwd, fromEnv), server);
  if (req.configured) return readPolicyFile(import_node_path6.default.resolve(root, req.configured), server);
  if (server) {
    throw new CleanroomError(
      "EPOLICY_READ",
      `no server policy for ${repo.gitDir}: set \`git config cleanroom.policy /path/to/policy.yaml\` in this repository (or CLEANROOM_POLICY for the hook); until then every push is rejected`
    );
  }
  const committed = req.engine ? await req.engine.readFileAt("HEAD", POLICY_PATH) : null;
  if (committed) {
    return fromText(Buffer.from(committed).toString("utf8"), COMMITTED, import_node_path6.default.join(root, ".cleanroom"));
  }
  if (repo.workTree) {
    const file = import_node_path6.default.join(repo.workTree, POLICY_PATH);
    const text3 = await readIfExists(file);
    if (text3 !== null) return fromText(text3, POLICY_PATH, import_node_path6.default.dirname(file));
  }
  const embedded = import_node_path6.default.join(PACKAGE_ROOT, "policy.yaml");
  const text2 = await readIfExists(embedded);
  if (text2 === null) {
    throw new CleanroomError("EPOLICY_READ", `${embedded}: the embedded default policy is missing from the cleanroom package; reinstall cleanroom`);
  }
  return fromText(text2, EMBEDDED_SOURCE, root);
}
async function readPolicyFile(file, server = false) {
  const text2 = await readIfExists(file);
  if (text2 === null) {
    throw new CleanroomError("EPOLICY_READ", `${file}: policy file not found; check --policy, CLEANROOM_POLICY or git config cleanroom.policy`);
  }
  return fromText(text2, file, import_node_path6.default.dirname(file), server);
}
async function readIfExists(file) {
  try {
    return await import_promises.default.readFile(file, "utf8");
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new CleanroomError("EPOLICY_READ", `${file}: cannot read the policy (${code ?? String(e)})`);
  }
}
var import_promises, import_node_path6, POLICY_PATH, COMMITTED;
var init_load = __esm({
  "../../../work/main/src/policy/load.ts"() {
    "use strict";
    import_promises = __toESM(require("node:fs/promises"), 1);
    import_node_path6 = __toESM(require("node:path"), 1);
    init_errors();
    init_paths();
    init_cache();
    init_policy();
    POLICY_PATH = ".cleanroom/policy.yaml";
    COMMITTED = `${POLICY_PATH}@HEAD`;
  }
});

// ../../../work/main/src/review.ts
async function allowedSigners(repo, engine, policy2) {
  const file = policy2.review.allowedSigners;
  const inRepo = repo.workTree ? import_node_path7.default.relative(repo.workTree, file) : null;
  let text2;
  let source = file;
  if (isCommittedPolicy(policy2) && inRepo && !inRepo.startsWith("..") && !import_node_path7.default.isAbsolute(inRepo)) {
    const gitPath2 = inRepo.split(import_node_path7.default.sep).join("/");
    source = `${gitPath2}@HEAD`;
    const blob = await engine.readFileAt("HEAD", gitPath2);
    text2 = blob ? Buffer.from(blob).toString("utf8") : null;
  } else {
    text2 = await import_promises2.default.readFile(file, "utf8").catch(() => null);
  }
  if (text2 === null) {
    throw new CleanroomError(
      "EATTEST",
      `${source}: the policy's allowed_signers file does not exist, so no review can count; add one line per reviewer key: <principal> namespaces="${policy2.review.namespace}" <key type> <base64 key>`
    );
  }
  return parseAllowedSigners(text2, source);
}
async function loadAttestations(ctx, source, ref) {
  const listed = Array.isArray(source) ? source : await ctx.engine.listFiles(source, ATTESTATION_DIR);
  const files = listed.filter((f) => f.path.startsWith(`${ATTESTATION_DIR}/`) && f.path.endsWith(ATTESTATION_SUFFIX));
  if (files.length === 0) return NOTHING_ATTESTED;
  let signers;
  try {
    signers = await allowedSigners(ctx.repo, ctx.engine, ctx.policy);
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    return { covered: /* @__PURE__ */ new Map(), rejected: files.map((f) => ({ file: f.path, problems: [e.message] })) };
  }
  const envelopes = await Promise.all(files.map(async (f) => ({ path: f.path, bytes: await ctx.engine.readBlob(f.oid) })));
  const { policy: policy2 } = ctx;
  const found = coverage(envelopes, {
    namespace: policy2.review.namespace,
    allowedSigners: signers,
    threshold: policy2.review.threshold,
    requireUserPresence: policy2.review.requireUserPresence,
    repository: policy2.repository,
    ...ref ? { ref } : {},
    now: /* @__PURE__ */ new Date()
  });
  return { covered: found.covered, rejected: found.rejected.map((r) => ({ file: r.envelope, problems: r.problems })) };
}
async function reviewsOf(engine, attested, needing) {
  const reviewed = /* @__PURE__ */ new Map();
  await Promise.all(
    needing.map(async (change2) => {
      const entry = change2.newOid ? attested.covered.get(coverageKey(change2.path, change2.newOid)) : void 0;
      if (entry && change2.newOid && checkCovered(entry, await engine.readBlob(change2.newOid))) {
        reviewed.set(reviewKey(change2.path, change2.newOid), entry.principals);
      }
    })
  );
  return { reviewed, rejected: attested.rejected };
}
var import_promises2, import_node_path7, NO_REVIEWS, NOTHING_ATTESTED;
var init_review = __esm({
  "../../../work/main/src/review.ts"() {
    "use strict";
    import_promises2 = __toESM(require("node:fs/promises"), 1);
    import_node_path7 = __toESM(require("node:path"), 1);
    init_allowed_signers();
    init_dsse();
    init_verify();
    init_verdict();
    init_errors();
    init_load();
    NO_REVIEWS = { reviewed: /* @__PURE__ */ new Map(), rejected: [] };
    NOTHING_ATTESTED = { covered: /* @__PURE__ */ new Map(), rejected: [] };
  }
});

// ../../../work/main/src/inspect.ts
function touchesProtected(policy2, changes) {
  return changes.some((c) => c.status !== "deleted" && ruleFor(policy2, c.path) !== null);
}
function needingReview(policy2, changes, assistantMade) {
  return changes.filter((c) => {
    if (c.status === "deleted") return false;
    const rule = ruleFor(policy2, c.path);
    return rule !== null && (assistantMade || rule.require === "review-always");
  });
}
async function pathSignalsIn(ctx, changes, ledger, traces = null) {
  const rules = ctx.policy.assistants;
  if (rules.markers.length === 0 && !ledger && !traces) return [];
  const perPath = await Promise.all(
    changes.map(async (c) => {
      if (c.status === "deleted" || !c.newOid || c.newMode === "160000" || !ruleFor(ctx.policy, c.path)) return [];
      const after = await ctx.engine.readBlob(c.newOid);
      const traced = traces?.get(c.path);
      const linesMatter = traced !== void 0 || mayHoldMarker(after, rules) || ledger !== null && mayHoldRecordedLine(after, ledger);
      const before = linesMatter && c.oldOid && c.oldMode !== "160000" ? await ctx.engine.readBlob(c.oldOid) : null;
      const added = linesMatter ? addedLines(before, after) : null;
      return [
        ...added ? markerSignals(c.path, added, rules) : [],
        ...ledger ? recordedSignals(c.path, c.newOid, after, added, ledger, rules.recordedShare) : [],
        ...added && traced ? agentTraceSignals(traced, c.path, stagedFile(after, added)) : []
      ];
    })
  );
  return perPath.flat();
}
function localLedger(repo) {
  return import_node_fs4.default.existsSync(ledgerPath(repo.commonDir)) ? openLedger(repo.commonDir) : null;
}
function localTraces(repo) {
  if (!repo.workTree) return null;
  let text2;
  try {
    text2 = import_node_fs4.default.readFileSync(import_node_path8.default.join(repo.workTree, AGENT_TRACE_FILE), "utf8");
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw e;
  }
  const traces = byPath(parseAgentTrace(text2));
  return traces.size > 0 ? traces : null;
}
function pendingIdentities(vars) {
  const people = [];
  if (vars.author) people.push({ role: "author", identity: parseIdent(vars.author) });
  if (vars.committer) people.push({ role: "committer", identity: parseIdent(vars.committer) });
  return people;
}
async function stagedAttestations(ctx, base, staged) {
  const committed = await ctx.engine.resolve(base).then(
    (oid) => ctx.engine.listFiles({ rev: oid }, ATTESTATION_DIR),
    () => []
    // an unborn branch, or an amended root commit (based on the empty tree)
  );
  const files = new Map(committed.map((f) => [f.path, f]));
  for (const c of staged) {
    if (!c.path.startsWith(`${ATTESTATION_DIR}/`)) continue;
    if (c.newOid && c.newMode && c.newMode !== "160000") files.set(c.path, { path: c.path, oid: c.newOid, mode: c.newMode });
    else files.delete(c.path);
  }
  return [...files.values()];
}
async function inspectStaged(ctx, opts = {}) {
  const staged = await (opts.base === void 0 && ctx.stagedAgainstHead ? ctx.stagedAgainstHead : ctx.engine.stagedChanges(opts.base));
  const changes = opts.only ? staged.filter((c) => opts.only?.has(c.path)) : staged;
  if (!touchesProtected(ctx.policy, changes)) return unprotected(null, changes);
  const rules = ctx.policy.assistants;
  const commentChar = ctx.vars.config.get("core.commentchar");
  const signals = [
    ...environmentSignals(ctx.repo.env, rules),
    ...identitySignals(pendingIdentities(ctx.vars), rules),
    ...opts.message !== void 0 ? messageSignals(opts.message, rules, commentChar ? { commentChar } : {}) : []
  ];
  const pathSignals = await pathSignalsIn(ctx, changes, localLedger(ctx.repo), localTraces(ctx.repo));
  const needing = needingReview(ctx.policy, changes, signals.length + pathSignals.length > 0);
  const reviews = needing.length > 0 ? await reviewsOf(ctx.engine, await loadAttestations(ctx, await stagedAttestations(ctx, opts.base ?? "HEAD", staged)), needing) : NO_REVIEWS;
  return { commit: null, changes, signals, pathSignals, reviewed: reviews.reviewed, rejectedAttestations: reviews.rejected };
}
function notesIndex(ctx, rev) {
  let byRev = notesIndexes.get(ctx);
  if (!byRev) notesIndexes.set(ctx, byRev = /* @__PURE__ */ new Map());
  let found = byRev.get(rev);
  if (!found) {
    found = ctx.engine.resolve(rev).then((oid) => ctx.engine.listFiles({ rev: oid }, "")).then((files) => new Map(files.map((f) => [f.path.replace(/\//g, ""), f.oid])), () => /* @__PURE__ */ new Map());
    byRev.set(rev, found);
  }
  return found;
}
async function noteSignals(ctx, commit, changes, tip) {
  const blob = (await notesIndex(ctx, tip.notes ?? GIT_AI_NOTES_REF)).get(commit);
  if (!blob) return [];
  const protectedPaths = new Set(changes.filter((c) => c.status !== "deleted" && ruleFor(ctx.policy, c.path)).map((c) => c.path));
  return gitAiSignals(Buffer.from(await ctx.engine.readBlob(blob)).toString("utf8"), protectedPaths);
}
function attestationsAt(ctx, tip) {
  let byTip = attestedTips.get(ctx);
  if (!byTip) attestedTips.set(ctx, byTip = /* @__PURE__ */ new Map());
  const key = `${tip.rev}\0${tip.ref ?? ""}`;
  let found = byTip.get(key);
  if (!found) byTip.set(key, found = loadAttestations(ctx, { rev: tip.rev }, tip.ref));
  return found;
}
async function inspectCommits(ctx, range, tip, onProgress) {
  const oids = await ctx.engine.listCommits(range);
  const subjects = [];
  onProgress?.(0, oids.length);
  const diffsOf = (start2) => ctx.engine.changesOfCommits(oids.slice(start2, start2 + BATCH).map((oid) => ({ oid })));
  let next = oids.length > 0 ? diffsOf(0) : null;
  for (let start2 = 0; start2 < oids.length; start2 += BATCH) {
    const batch = oids.slice(start2, start2 + BATCH);
    const diffs = await next;
    next = start2 + BATCH < oids.length ? diffsOf(start2 + BATCH) : null;
    next?.catch(() => void 0);
    const judged = await Promise.all(
      batch.map(async (oid, i) => {
        const firstParent = diffs[i] ?? [];
        return touchesProtected(ctx.policy, firstParent) ? judgeCommit(ctx, await ctx.engine.readCommit(oid), firstParent, tip) : unprotected(oid, firstParent);
      })
    );
    subjects.push(...judged);
    onProgress?.(subjects.length, oids.length);
  }
  return subjects;
}
async function introducedBy(engine, commit, firstParent) {
  let changes = firstParent;
  for (const parent of commit.parents.slice(1)) {
    if (changes.length === 0) break;
    const against = new Set((await engine.commitChanges(commit.oid, parent)).filter((c) => c.status !== "deleted").map((c) => c.path));
    changes = changes.filter((c) => c.status === "deleted" || against.has(c.path));
  }
  return changes;
}
async function inspectCommit(ctx, oid, tip = { rev: oid }) {
  return judgeCommit(ctx, await ctx.engine.readCommit(oid), await ctx.engine.commitChanges(oid), tip);
}
async function judgeCommit(ctx, commit, firstParent, tip) {
  const oid = commit.oid;
  if (!touchesProtected(ctx.policy, firstParent)) return unprotected(oid, firstParent);
  const changes = commit.parents.length > 1 ? await introducedBy(ctx.engine, commit, firstParent) : firstParent;
  if (!touchesProtected(ctx.policy, changes)) return unprotected(oid, changes);
  const rules = ctx.policy.assistants;
  const signals = [
    ...messageSignals(commit.message, rules),
    ...identitySignals(
      [
        { role: "author", identity: commit.author },
        { role: "committer", identity: commit.committer }
      ],
      rules
    )
  ];
  const pathSignals = [...await pathSignalsIn(ctx, changes, null), ...await noteSignals(ctx, oid, changes, tip)];
  const needing = needingReview(ctx.policy, changes, signals.length + pathSignals.length > 0);
  const reviews = needing.length > 0 ? await reviewsOf(ctx.engine, await attestationsAt(ctx, tip), needing) : NO_REVIEWS;
  return { commit: oid, changes, signals, pathSignals, reviewed: reviews.reviewed, rejectedAttestations: reviews.rejected };
}
var import_node_fs4, import_node_path8, unprotected, notesIndexes, attestedTips, BATCH;
var init_inspect = __esm({
  "../../../work/main/src/inspect.ts"() {
    "use strict";
    import_node_fs4 = __toESM(require("node:fs"), 1);
    import_node_path8 = __toESM(require("node:path"), 1);
    init_decide();
    init_dsse();
    init_plumbing();
    init_detect();
    init_ledger();
    init_git_ai();
    init_agent_trace();
    init_recorded();
    init_review();
    unprotected = (commit, changes) => ({
      commit,
      changes,
      signals: [],
      pathSignals: [],
      reviewed: NO_REVIEWS.reviewed,
      rejectedAttestations: []
    });
    notesIndexes = /* @__PURE__ */ new WeakMap();
    attestedTips = /* @__PURE__ */ new WeakMap();
    BATCH = 4096;
  }
});

// ../../../work/main/src/report/json.ts
function renderJson(v, extra = {}) {
  return `${JSON.stringify({ format: "cleanroom-verdict/v1", ...extra, ...v }, null, 2)}
`;
}
var init_json = __esm({
  "../../../work/main/src/report/json.ts"() {
    "use strict";
  }
});

// ../../../work/main/src/report/messages.ts
function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}
function shellQuote(s) {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
function scopeText(v, scope) {
  const commits = v.checked.commits > 0 ? ` in ${plural(v.checked.commits, "commit")}` : "";
  return `checked ${plural(v.checked.paths, `${scope}path`.trim(), `${scope}paths`.trim())}${commits}, ${v.checked.protectedPaths} protected`;
}
function headline(v) {
  const n = plural(v.findings.length, "protected change");
  switch (v.outcome) {
    case "allowed":
      return "allowed";
    case "blocked":
      return `blocked: ${n} need${v.findings.length === 1 ? "s" : ""} a human review`;
    case "warned":
      return `warning: ${n} would need a human review (mode: warn, not blocking)`;
  }
}
function signalText(s) {
  const where = s.path !== void 0 ? ` at ${s.path}${s.line !== void 0 ? `:${s.line}` : ""}` : "";
  return `${s.kind} ${s.evidence}${where} [${s.rule}]`;
}
function reasonText(f) {
  return f.reason === "assistant" ? "assistant-generated content in a protected path" : "this path needs a review for every change (review-always)";
}
function fixCommands(f) {
  const p = shellQuote(f.path);
  if (f.commit === null) {
    return [`cleanroom attest -- ${p}    # a human reviewer reviews and signs it, then commit again`, `git restore --staged -- ${p}    # or leave it out of this commit`];
  }
  return [
    `cleanroom attest -- ${p}    # on a checkout of the tip: a human reviews and signs it, commit the attestation, push again`,
    `git rebase -i ${f.commit.slice(0, 12)}^    # or take it out of commit ${f.commit.slice(0, 12)}`
  ];
}
function reviewedText(r) {
  const commit = r.commit ? ` in commit ${r.commit.slice(0, 12)}` : "";
  return `${r.path}${commit}: reviewed by ${r.principals.join(", ")}`;
}
var REVIEW_NOTE;
var init_messages = __esm({
  "../../../work/main/src/report/messages.ts"() {
    "use strict";
    REVIEW_NOTE = "A human must review this content and sign for it (cleanroom attest) before it may enter a protected path.";
  }
});

// ../../../work/main/src/report/sarif.ts
function pathToUri(gitPath2) {
  return gitPath2.split("/").map(encodeURIComponent).join("/");
}
function fingerprint2(f) {
  return (0, import_node_crypto7.createHash)("sha256").update(`${f.commit ?? ""}\0${f.path}\0${f.rule.pattern}`).digest("hex");
}
function messageText(f) {
  const commit = f.commit ? ` in commit ${f.commit.slice(0, 12)}` : "";
  const [first2, ...rest] = fixCommands(f);
  return [
    `${f.path} (${f.status}${commit}): ${reasonText(f)}`,
    `rule: ${f.rule.pattern} requires ${f.rule.require} (${f.rule.origin})`,
    ...f.signals.map((s) => `signal: ${signalText(s)}`),
    `fix: ${first2}`,
    ...rest.map((r) => `     ${r}`)
  ].join("\n");
}
function result(f, level) {
  const line = f.signals.find((s) => s.kind === "marker" && s.line !== void 0)?.line;
  return {
    ruleId: RULES[f.reason].id,
    ruleIndex: RULE_ORDER.indexOf(f.reason),
    level,
    message: { text: messageText(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(f.path), uriBaseId: "SRCROOT" },
          ...line !== void 0 ? { region: { startLine: line } } : {}
        }
      }
    ],
    partialFingerprints: { "cleanroomFinding/v1": fingerprint2(f) },
    properties: {
      commit: f.commit,
      path: f.path,
      status: f.status,
      reason: f.reason,
      rule: f.rule,
      signals: f.signals
    }
  };
}
function renderSarif(v, opts) {
  const level = v.mode === "warn" ? "warning" : "error";
  const log2 = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cleanroom",
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            rules: Object.values(RULES).map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              help: { text: HELP }
            }))
          }
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { SRCROOT: { description: { text: "The root of the repository being checked." } } },
        results: v.findings.map((f) => result(f, level)),
        properties: {
          outcome: v.outcome,
          mode: v.mode,
          policy: v.policy,
          checked: v.checked,
          reviewed: v.reviewed,
          rejectedAttestations: v.rejectedAttestations,
          ...opts.engine !== void 0 ? { engine: opts.engine } : {}
        }
      }
    ]
  };
  return `${JSON.stringify(log2, null, 2)}
`;
}
var import_node_crypto7, SCHEMA, RULES, RULE_ORDER, HELP;
var init_sarif = __esm({
  "../../../work/main/src/report/sarif.ts"() {
    "use strict";
    import_node_crypto7 = require("node:crypto");
    init_messages();
    SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    RULES = {
      assistant: {
        id: "CR001",
        name: "assistant-content-unreviewed",
        short: "Assistant-generated content in a protected path without a human review",
        full: "A commit brings content into a path the policy protects with review-if-assistant, an assistant signal fired (a commit-message trailer or line, an author or committer identity, or a content marker), and no valid review attestation covers that exact content."
      },
      "review-always": {
        id: "CR002",
        name: "review-always-unreviewed",
        short: "Change to a review-always path without a human review",
        full: "A commit brings content into a path the policy protects with review-always, which needs a human review for every change whoever made it, and no valid review attestation covers that exact content."
      }
    };
    RULE_ORDER = Object.keys(RULES);
    HELP = `${REVIEW_NOTE} On a checkout of the tip, a reviewer runs \`cleanroom attest -- <path>\`, commits the attestation it writes under .cleanroom/attestations/, and pushes again; or the change is taken out of the commit that brings it.`;
  }
});

// ../../../work/main/src/report/text.ts
function styleFor(stream, env) {
  return { color: Boolean(stream.isTTY) && !("NO_COLOR" in env && env.NO_COLOR !== "") };
}
function renderText(v, opts) {
  const c = opts.color;
  const lines = [];
  const tone = v.outcome === "allowed" ? 32 : v.outcome === "warned" ? 33 : 31;
  lines.push(`${paint(c, 1, opts.label)}: ${paint(c, tone, headline(v))} (${scopeText(v, opts.scope)}; policy ${v.policy})`);
  for (const f of v.findings) {
    const commit = f.commit ? ` in commit ${f.commit.slice(0, 12)}` : "";
    lines.push("");
    lines.push(`  ${paint(c, 1, f.path)} (${f.status}${commit})`);
    lines.push(`    rule:   ${f.rule.pattern} requires ${f.rule.require} (${f.rule.origin})`);
    lines.push(`    reason: ${reasonText(f)}`);
    for (const s of f.signals) lines.push(`      - ${signalText(s)}`);
    const [first2, ...rest] = fixCommands(f);
    lines.push(`    fix:    ${first2}`);
    for (const r of rest) lines.push(`            ${r}`);
  }
  if (v.reviewed.length > 0) {
    lines.push("");
    for (const r of v.reviewed) lines.push(`  ${paint(c, 32, "reviewed")}: ${reviewedText(r)}`);
  }
  if (v.findings.length > 0) {
    for (const a of v.rejectedAttestations) {
      lines.push("");
      lines.push(`  attestation ${a.file} does not count:`);
      for (const p of a.problems) lines.push(`    - ${p}`);
    }
    lines.push("");
    lines.push(`  ${REVIEW_NOTE}`);
  }
  return `${lines.join("\n")}
`;
}
var paint;
var init_text = __esm({
  "../../../work/main/src/report/text.ts"() {
    "use strict";
    init_messages();
    paint = (on, code, s) => on ? `\x1B[${code}m${s}\x1B[0m` : s;
  }
});

// ../../../work/main/src/git/isomorphic/index-file.ts
function indexFilePath(repo) {
  const fromEnv = repo.env.GIT_INDEX_FILE;
  return fromEnv ? import_node_path9.default.resolve(repo.cwd, fromEnv) : import_node_path9.default.join(repo.gitDir, "index");
}
function unreadable(file, why) {
  return new CleanroomError("EENGINE", `the index ${file} ${why}; the isomorphic engine leaves it to git`);
}
function readIndexHeader(buf, file) {
  if (buf.length < HEADER || buf.toString("latin1", 0, 4) !== "DIRC") throw unreadable(file, "has no DIRC header");
  const version2 = buf.readUInt32BE(4);
  if (version2 < 2 || version2 > 4) throw unreadable(file, `is version ${version2}`);
  return { version: version2, entryCount: buf.readUInt32BE(8) };
}
function summarizeIndex(buf, file) {
  return walk(buf, file, false);
}
function parseIndex(buf, file) {
  const index = walk(buf, file, true);
  if (index.extensions.includes("link")) throw unreadable(file, "is a split index (core.splitIndex)");
  return index;
}
function walk(buf, file, keep) {
  const { version: version2, entryCount } = readIndexHeader(buf, file);
  const end = buf.length - HASH;
  const entries = [];
  let pos = HEADER;
  let previous = Buffer.alloc(0);
  for (let i = 0; i < entryCount; i++) {
    const start2 = pos;
    if (start2 + FIXED > end) throw unreadable(file, "is truncated");
    const bits = buf.readUInt16BE(start2 + 60);
    const extended = (bits & 16384) !== 0;
    if (extended && version2 < 3) throw unreadable(file, "has extended flags in a version 2 index");
    const nameStart = start2 + FIXED + (extended ? 2 : 0);
    let name = null;
    if (version2 === 4) {
      let cursor2 = nameStart;
      let byte = buf[cursor2++] ?? 0;
      let strip = byte & 127;
      while (byte & 128) {
        byte = buf[cursor2++] ?? 0;
        strip = strip + 1 << 7 | byte & 127;
      }
      const nul = buf.indexOf(0, cursor2);
      if (nul < 0 || nul >= end) throw unreadable(file, "has a corrupt path");
      if (keep) {
        if (strip > previous.length) throw unreadable(file, "has a corrupt path");
        name = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(cursor2, nul)]);
      }
      pos = nul + 1;
    } else {
      const length = bits & 4095;
      const nul = length < 4095 ? nameStart + length : buf.indexOf(0, nameStart);
      if (nul < 0 || nul >= end) throw unreadable(file, "has a corrupt path");
      name = buf.subarray(nameStart, nul);
      pos = start2 + (nul - start2 + 8 & ~7);
    }
    if (keep && name) {
      const extra = extended ? buf.readUInt16BE(start2 + FIXED) : 0;
      const stage2 = bits >> 12 & 3;
      entries.push({
        path: name,
        oid: buf.toString("hex", start2 + 40, start2 + 40 + HASH),
        mode: buf.readUInt32BE(start2 + 24),
        flags: stage2 === 0 && (extra & 24576) === 0 ? NO_FLAGS : { stage: stage2, skipWorktree: (extra & 16384) !== 0, intentToAdd: (extra & 8192) !== 0 }
      });
      previous = name;
    }
  }
  const extensions = readExtensions(buf, pos, end, file);
  const tree = extensions.find((e) => e.signature === "TREE");
  return {
    version: version2,
    entryCount,
    extensions: extensions.map((e) => e.signature),
    entries,
    cacheTree: keep && tree ? readCacheTree(buf.subarray(tree.start, tree.end)) : null
  };
}
function readExtensions(buf, pos, end, file) {
  const found = [];
  while (pos + 8 <= end) {
    const signature = buf.toString("latin1", pos, pos + 4);
    const size = buf.readUInt32BE(pos + 4);
    if (/^[a-z]/.test(signature) && !REQUIRED_KNOWN.has(signature)) {
      throw unreadable(file, `uses the "${signature}" extension`);
    }
    found.push({ signature, start: pos + 8, end: pos + 8 + size });
    pos += 8 + size;
  }
  if (pos !== end) throw unreadable(file, "has a corrupt extension block");
  return found;
}
function readCacheTree(data) {
  let pos = 0;
  const number = (stop) => {
    const negative = data[pos] === 45;
    let value = 0;
    let digits = 0;
    for (pos += negative ? 1 : 0; data[pos] !== stop; pos++, digits++) {
      const d = (data[pos] ?? -1) - 48;
      if (d < 0 || d > 9) throw new Error("corrupt");
      value = value * 10 + d;
    }
    if (digits === 0) throw new Error("corrupt");
    pos++;
    return negative ? -value : value;
  };
  const node = () => {
    const nul = data.indexOf(0, pos);
    if (nul < 0) throw new Error("truncated");
    const name = data.subarray(pos, nul);
    pos = nul + 1;
    const entryCount = number(32);
    const subtrees = number(10);
    let oid = null;
    if (entryCount >= 0) {
      if (pos + HASH > data.length) throw new Error("truncated");
      oid = data.toString("hex", pos, pos + HASH);
      pos += HASH;
    }
    const children = [];
    for (let i = 0; i < subtrees; i++) children.push(node());
    return { name, entryCount, oid, children };
  };
  try {
    return node();
  } catch {
    return null;
  }
}
var import_node_path9, NO_FLAGS, HEADER, HASH, FIXED, REQUIRED_KNOWN;
var init_index_file = __esm({
  "../../../work/main/src/git/isomorphic/index-file.ts"() {
    "use strict";
    import_node_path9 = __toESM(require("node:path"), 1);
    init_errors();
    NO_FLAGS = Object.freeze({ stage: 0, skipWorktree: false, intentToAdd: false });
    HEADER = 12;
    HASH = 20;
    FIXED = 40 + HASH + 2;
    REQUIRED_KNOWN = /* @__PURE__ */ new Set(["link", "sdir"]);
  }
});

// ../../../work/main/src/git/isomorphic/overlay-fs.ts
function objectDirs(repo) {
  const found = [];
  const add = (dir, depth) => {
    if (found.includes(dir)) return;
    found.push(dir);
    addListed(dir, depth + 1);
  };
  const addListed = (dir, depth) => {
    const file = import_node_path10.default.join(dir, "info", "alternates");
    if (depth > MAX_ALTERNATE_DEPTH || !(0, import_node_fs5.existsSync)(file)) return;
    for (const line of (0, import_node_fs5.readFileSync)(file, "utf8").split("\n")) {
      if (line.trim() === "" || line.startsWith("#")) continue;
      add(import_node_path10.default.resolve(dir, unquote2(line.trimEnd())), depth);
    }
  };
  const primaryEnv = repo.env.GIT_OBJECT_DIRECTORY;
  const primary = primaryEnv ? import_node_path10.default.resolve(repo.cwd, primaryEnv) : import_node_path10.default.join(repo.commonDir, "objects");
  found.push(primary);
  for (const entry of splitAlternates(repo.env.GIT_ALTERNATE_OBJECT_DIRECTORIES ?? "")) add(import_node_path10.default.resolve(repo.cwd, entry), 0);
  addListed(primary, 0);
  return found;
}
function splitAlternates(value) {
  const entries = [];
  let rest = value;
  while (rest !== "") {
    const quoted = rest.startsWith('"') ? /^"((?:[^"\\]|\\.)*)"/.exec(rest) : null;
    const raw = quoted ? quoted[0] ?? "" : rest.split(":", 1)[0] ?? "";
    if (raw !== "") entries.push(unquote2(raw));
    rest = rest.slice(raw.length + 1);
  }
  return entries;
}
function unquote2(text2) {
  if (!text2.startsWith('"') || !text2.endsWith('"') || text2.length < 2) return text2;
  const named = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "	", v: "\v" };
  const bytes = text2.slice(1, -1).replace(
    /\\([0-7]{3}|.)/g,
    (_, esc) => esc.length === 3 ? String.fromCharCode(parseInt(esc, 8)) : named[esc] ?? esc
  );
  return Buffer.from(bytes, "latin1").toString("utf8");
}
function matches2(rel, entry) {
  return entry.endsWith("/") ? rel === entry.slice(0, -1) || rel.startsWith(entry) : rel === entry;
}
function isShared(rel) {
  return !WORKTREE_PRIVATE.some((e) => matches2(rel, e)) && SHARED.some((e) => matches2(rel, e));
}
function fsError(code, syscall, file) {
  const e = new Error(`${code}: ${syscall} '${file}'`);
  e.code = code;
  e.syscall = syscall;
  e.path = file;
  return e;
}
function createOverlayFs(repo) {
  const gitDir = import_node_path10.default.resolve(repo.gitDir);
  const indexFile = indexFilePath(repo);
  const separateCommon = import_node_path10.default.resolve(repo.commonDir) !== gitDir;
  let dirs = null;
  const objectStore = () => dirs ??= objectDirs(repo);
  const listings = /* @__PURE__ */ new Map();
  const listing = (dir) => {
    let names = listings.get(dir);
    if (!names) {
      names = import_node_fs5.promises.readdir(dir).then(
        (found) => new Set(found),
        () => /* @__PURE__ */ new Set()
      );
      listings.set(dir, names);
    }
    return names;
  };
  const fanout = async (objects, xx) => (await listing(objects)).has(xx) ? listing(import_node_path10.default.join(objects, xx)) : /* @__PURE__ */ new Set();
  let packs = null;
  const packFiles = () => packs ??= (async () => {
    const byName = /* @__PURE__ */ new Map();
    for (const objects of objectStore()) {
      for (const name of await listing(import_node_path10.default.join(objects, "pack"))) {
        if (!byName.has(name)) byName.set(name, import_node_path10.default.join(objects, "pack", name));
      }
    }
    return byName;
  })();
  const objectFile = async (rel) => {
    const [primary = "", ...rest] = objectStore();
    const loose = LOOSE.exec(rel);
    if (loose) {
      const [, xx = "", name = ""] = loose;
      for (const objects of [primary, ...rest]) {
        if ((await fanout(objects, xx)).has(name)) return import_node_path10.default.join(objects, rel);
      }
      return null;
    }
    if (rel.startsWith("pack/") && !rel.slice(5).includes("/")) return (await packFiles()).get(rel.slice(5)) ?? null;
    return import_node_path10.default.join(primary, rel);
  };
  const locate = async (file) => {
    const abs = import_node_path10.default.resolve(file);
    if (!abs.startsWith(gitDir + import_node_path10.default.sep)) return abs;
    const rel = abs.slice(gitDir.length + 1).split(import_node_path10.default.sep).join("/");
    if (rel === "index") return indexFile;
    if (rel.startsWith("objects/")) return objectFile(rel.slice("objects/".length));
    return separateCommon && isShared(rel) ? import_node_path10.default.join(repo.commonDir, rel) : abs;
  };
  const read = (syscall, op) => async (file) => {
    const real = await locate(file);
    if (real === null) throw fsError("ENOENT", syscall, file);
    return op(real);
  };
  const refuse = (syscall) => async (file) => {
    throw fsError("EROFS", syscall, file);
  };
  let gitDirStat = null;
  const stat = read("stat", (real) => import_node_fs5.promises.stat(real));
  return {
    promises: {
      readFile: (file, options) => read("open", (real) => import_node_fs5.promises.readFile(real, options))(file),
      async readdir(dir) {
        const rel = import_node_path10.default.relative(import_node_path10.default.join(gitDir, "objects"), import_node_path10.default.resolve(dir)).split(import_node_path10.default.sep).join("/");
        if (rel === "pack") return [...(await packFiles()).keys()];
        if (FANOUT.test(rel)) {
          const union = /* @__PURE__ */ new Set();
          for (const objects of objectStore()) for (const name of await fanout(objects, rel)) union.add(name);
          return [...union];
        }
        return read("scandir", (real) => import_node_fs5.promises.readdir(real))(dir);
      },
      stat: (file) => import_node_path10.default.resolve(file) === gitDir ? gitDirStat ??= stat(file) : stat(file),
      lstat: read("lstat", (real) => import_node_fs5.promises.lstat(real)),
      readlink: (file, options) => read("readlink", (real) => import_node_fs5.promises.readlink(real, options))(file),
      writeFile: refuse("open"),
      unlink: refuse("unlink"),
      mkdir: refuse("mkdir"),
      rmdir: refuse("rmdir"),
      symlink: async (_target, file) => refuse("symlink")(file),
      chmod: refuse("chmod")
    }
  };
}
var import_node_fs5, import_node_path10, MAX_ALTERNATE_DEPTH, WORKTREE_PRIVATE, SHARED, LOOSE, FANOUT;
var init_overlay_fs = __esm({
  "../../../work/main/src/git/isomorphic/overlay-fs.ts"() {
    "use strict";
    import_node_fs5 = require("node:fs");
    import_node_path10 = __toESM(require("node:path"), 1);
    init_index_file();
    MAX_ALTERNATE_DEPTH = 5;
    WORKTREE_PRIVATE = [
      "gc.pid",
      "info/sparse-checkout",
      "logs/HEAD",
      "logs/refs/bisect/",
      "logs/refs/rewritten/",
      "logs/refs/worktree/",
      "refs/bisect/",
      "refs/rewritten/",
      "refs/worktree/"
    ];
    SHARED = [
      "branches/",
      "common/",
      "config",
      "gc.log",
      "hooks/",
      "info/",
      "logs/",
      "lost-found/",
      "objects/",
      "packed-refs",
      "refs/",
      "remotes/",
      "rr-cache/",
      "shallow",
      "svn/",
      "worktrees/"
    ];
    LOOSE = /^([0-9a-f]{2})\/([0-9a-f]{38})$/;
    FANOUT = /^[0-9a-f]{2}$/;
  }
});

// ../../../work/main/src/git/isomorphic/engine.ts
var engine_exports = {};
__export(engine_exports, {
  openIsomorphicEngine: () => openIsomorphicEngine
});
function canonMode(mode) {
  if ((mode & S_IFMT) === S_IFREG) return S_IFREG | (mode & 64 ? 493 : 420);
  if ((mode & S_IFMT) === S_IFLNK) return S_IFLNK;
  return isDir(mode) ? S_IFDIR : S_IFGITLINK;
}
function parseTree(raw) {
  const entries = [];
  let pos = 0;
  while (pos < raw.length) {
    const space = raw.indexOf(32, pos);
    const nul = raw.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > raw.length) corrupt("a tree object is truncated");
    let mode = 0;
    for (let i = pos; i < space; i++) mode = mode * 8 + ((raw[i] ?? 48) - 48);
    entries.push({ name: raw.subarray(space + 1, nul), mode: canonMode(mode), oid: raw.toString("hex", nul + 1, nul + 21) });
    pos = nul + 21;
  }
  return entries;
}
function compareEntries(a, b) {
  const len = Math.min(a.name.length, b.name.length);
  const order = a.name.compare(b.name, 0, len, 0, len);
  if (order !== 0) return order;
  const ca = a.name[len] ?? (isDir(a.mode) ? 47 : 0);
  const cb = b.name[len] ?? (isDir(b.mode) ? 47 : 0);
  return ca - cb;
}
function hashTree(children) {
  const modes = children.map((c) => c.mode.toString(8));
  let size = 0;
  for (const [i, c] of children.entries()) size += modes[i].length + c.name.length + 22;
  const body = Buffer.allocUnsafe(size);
  let pos = 0;
  for (const [i, c] of children.entries()) {
    pos += body.write(`${modes[i]} `, pos, "latin1");
    pos += c.name.copy(body, pos);
    body[pos++] = 0;
    pos += body.write(c.oid, pos, "hex");
  }
  return (0, import_node_crypto8.createHash)("sha1").update(`tree ${size}\0`).update(body).digest("hex");
}
function indexTree(entries, cacheTree) {
  const at = (i) => entries[i];
  const dir = (name, from, to, offset, cached) => {
    if (cached?.oid && cached.entryCount === to - from) {
      let built = null;
      return { name, mode: S_IFDIR, oid: cached.oid, children: () => built ??= build(from, to, offset, cached) };
    }
    const children = build(from, to, offset, cached);
    return { name, mode: S_IFDIR, oid: hashTree(children), children: () => children };
  };
  const groupEnd = (from, to, prefix, cached) => {
    const claimed = cached && cached.entryCount > 0 ? from + cached.entryCount : -1;
    if (claimed > from && claimed <= to && startsWith(at(claimed - 1).path, prefix) && !(claimed < to && startsWith(at(claimed).path, prefix))) {
      return claimed;
    }
    let end = from + 1;
    while (end < to && startsWith(at(end).path, prefix)) end++;
    return end;
  };
  const build = (from, to, offset, cached) => {
    const byName = new Map(cached?.children.map((c) => [c.name.toString("latin1"), c]));
    const children = [];
    for (let i = from; i < to; ) {
      const { path: path20, mode, oid, flags } = at(i);
      const slash = path20.indexOf(47, offset);
      if (flags.intentToAdd || slash < 0 || slash === path20.length - 1 && isDir(mode)) {
        if (!flags.intentToAdd) children.push({ name: path20.subarray(offset, slash < 0 ? path20.length : slash), mode: canonMode(mode), oid });
        i++;
        continue;
      }
      const name = path20.subarray(offset, slash);
      const sub = byName.get(name.toString("latin1"));
      const end = groupEnd(i, to, path20.subarray(0, slash + 1), sub);
      const entry = dir(name, i, end, slash + 1, sub);
      if (entry.oid !== EMPTY_TREE) children.push(entry);
      i = end;
    }
    return children;
  };
  return dir(Buffer.alloc(0), 0, entries.length, 0, cacheTree ?? void 0);
}
function startsWith(path20, prefix) {
  return path20.length > prefix.length && path20.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}
function change(path20, before, after) {
  const status = !before ? "added" : !after ? "deleted" : (before.mode & S_IFMT) !== (after.mode & S_IFMT) ? "typechange" : "modified";
  const mode = (e) => e ? e.mode.toString(8).padStart(6, "0") : null;
  return { path: path20.toString("utf8"), status, oldMode: mode(before), newMode: mode(after), oldOid: before?.oid ?? null, newOid: after?.oid ?? null };
}
function isRefName(name) {
  if (name === "" || name === "@" || name.endsWith("/") || name.endsWith(".") || name.includes("..") || name.includes("@{")) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  return name.split("/").every((part) => part !== "" && !part.startsWith(".") && !part.endsWith(".lock"));
}
function parseRev(rev) {
  if (rev === "" || rev.startsWith("-") || /[\n\0]/.test(rev)) throw new CleanroomError("EBADREV", `"${rev}" is not a valid revision`);
  const ops = [];
  let base = rev;
  for (let m = SUFFIX.exec(base); m; m = SUFFIX.exec(base)) {
    const [whole, peel, kind2, count] = m;
    const n = count === "" || count === void 0 ? 1 : Number(count);
    ops.unshift(peel !== void 0 ? { peel } : kind2 === "~" ? { ancestor: n } : { parent: n });
    base = base.slice(0, base.length - whole.length);
  }
  if (/[:^~{}]/.test(base)) {
    throw new CleanroomError("EENGINE", `the isomorphic engine does not parse the revision syntax of "${rev}"`);
  }
  return { base: base === "@" ? "HEAD" : base, ops };
}
function corrupt(what) {
  throw new Error(what);
}
function loadCommit(oid, raw) {
  const header = raw.subarray(0, Math.max(0, raw.indexOf("\n\n"))).toString("utf8");
  const committer = /^committer (.*)$/m.exec(header)?.[1] ?? "";
  return {
    info: parseCommit(oid, raw),
    tree: /^tree ([0-9a-f]{40})$/m.exec(header)?.[1] ?? corrupt(`commit ${oid} has no tree`),
    date: Number(/^\s*(\d+)/.exec(committer.slice(committer.lastIndexOf(">") + 1))?.[1] ?? 0)
  };
}
function memo(load) {
  const cache = /* @__PURE__ */ new Map();
  const get = (oid) => {
    let hit = cache.get(oid);
    if (!hit) {
      if (cache.size >= MEMO_LIMIT) cache.clear();
      cache.set(oid, hit = load(oid));
    }
    return hit;
  };
  return Object.assign(get, { clear: () => cache.clear() });
}
function openIsomorphicEngine(repo) {
  if (repo.objectFormat !== "sha1") {
    throw new CleanroomError("EENGINE", `isomorphic-git cannot read ${repo.objectFormat} repositories; use CLEANROOM_ENGINE=plumbing`);
  }
  const fs15 = new FileSystem(createOverlayFs(repo));
  const client = fs15;
  const gitdir = repo.gitDir;
  const cache = {};
  const readRaw = async (oid) => {
    try {
      const found = await git.readObject({ fs: client, gitdir, oid, format: "content", cache });
      return { type: found.type, content: Buffer.from(found.object.buffer, found.object.byteOffset, found.object.byteLength) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  };
  const treeEntries = memo(async (oid) => {
    const tree = await readRaw(oid);
    if (tree?.type !== "tree") throw new CleanroomError("EGIT", `tree ${oid} is missing from the repository`);
    return parseTree(tree.content);
  });
  const commit = memo(async (oid) => {
    const raw = await readRaw(oid);
    return raw?.type === "commit" ? loadCommit(oid, raw.content) : null;
  });
  const readText2 = async (name) => await fs15.read(`${gitdir}/${name}`, { encoding: "utf8" });
  let shallow = null;
  const walkParents = async (c) => {
    shallow ??= readText2("shallow").then((text2) => new Set(text2?.split("\n").filter(Boolean)));
    return (await shallow).has(c.info.oid) ? [] : c.info.parents;
  };
  let packed = null;
  const packedRefs = () => packed ??= readText2("packed-refs").then((text2) => {
    const refs = /* @__PURE__ */ new Map();
    for (const m of (text2 ?? "").matchAll(/^([0-9a-f]{40}) (.+)$/gm)) refs.set(m[2] ?? "", m[1] ?? "");
    return refs;
  });
  const readRef = async (name, depth = 0) => {
    if (depth > 5) return null;
    const text2 = await readText2(name);
    if (text2 === null) return (await packedRefs()).get(name) ?? null;
    const target = /^ref:\s*(\S+)/.exec(text2)?.[1];
    if (target !== void 0) return isRefName(target) ? readRef(target, depth + 1) : null;
    return /^([0-9a-f]{40})(?:\s|$)/.exec(text2)?.[1] ?? null;
  };
  const lookupName = async (name) => {
    if (/^[0-9a-f]{40}$/i.test(name)) return name.toLowerCase();
    for (const rule of REF_RULES) {
      const full = rule(name);
      const oid = isRefName(full) ? await readRef(full) : null;
      if (oid) return oid;
    }
    if (!/^[0-9a-f]{4,39}$/i.test(name)) return null;
    try {
      return await git.expandOid({ fs: client, gitdir, oid: name.toLowerCase(), cache });
    } catch (e) {
      if (isNotFound(e)) return null;
      if (e.code === "AmbiguousError") {
        throw new CleanroomError("EENGINE", `the abbreviation "${name}" is ambiguous; git disambiguates it by type, this engine does not`);
      }
      throw e;
    }
  };
  const peel = async (start2, type) => {
    for (let oid = start2; oid; ) {
      const obj2 = await readRaw(oid);
      if (!obj2) return null;
      if (type === "object" || obj2.type === type) return oid;
      if (obj2.type === "tag") oid = /^object ([0-9a-f]{40})$/m.exec(obj2.content.toString("latin1"))?.[1];
      else if (type === "") return oid;
      else if (type === "tree" && obj2.type === "commit") oid = (await commit(oid))?.tree;
      else return null;
    }
    return null;
  };
  const lookup = async (rev) => {
    const { base, ops } = parseRev(rev);
    let oid = await lookupName(base);
    for (const op of ops) {
      if (oid === null) return null;
      if ("peel" in op) {
        oid = await peel(oid, op.peel);
        continue;
      }
      const c = await peel(oid, "commit");
      if (c === null) return null;
      if ("parent" in op) {
        const loaded2 = await commit(c);
        oid = op.parent === 0 ? c : loaded2 ? (await walkParents(loaded2))[op.parent - 1] ?? null : null;
        continue;
      }
      oid = c;
      for (let i = 0; i < op.ancestor && oid !== null; i++) {
        const loaded2 = await commit(oid);
        oid = loaded2 ? (await walkParents(loaded2))[0] ?? null : null;
      }
    }
    return oid;
  };
  const lookupCommit = async (rev) => {
    const oid = await lookup(rev);
    return oid === null ? null : peel(oid, "commit");
  };
  const readBlobAt = async (oid) => {
    const obj2 = await readRaw(oid);
    return obj2?.type === "blob" ? obj2.content : null;
  };
  const diffTrees = async (before, after, prefix, out) => {
    if (before && after && before.oid === after.oid) return;
    const list = (e) => e === null ? [] : e.children ? e.children() : treeEntries(e.oid);
    const [left, right] = await Promise.all([list(before), list(after)]);
    for (let i = 0, j = 0; i < left.length || j < right.length; ) {
      const a = left[i];
      const b = right[j];
      const order = a === void 0 ? 1 : b === void 0 ? -1 : compareEntries(a, b);
      const x = order <= 0 ? a : void 0;
      const y = order >= 0 ? b : void 0;
      if (x) i++;
      if (y) j++;
      const entry = x ?? y;
      if (x && y && x.oid === y.oid && x.mode === y.mode) continue;
      if (isDir(entry.mode)) await diffTrees(x ?? null, y ?? null, Buffer.concat([prefix, entry.name, SLASH]), out);
      else out.push(change(Buffer.concat([prefix, entry.name]), x, y));
    }
  };
  const diff = async (before, after) => {
    const out = [];
    await diffTrees(before, after, Buffer.alloc(0), out);
    return out;
  };
  const root = (oid) => ({ name: Buffer.alloc(0), mode: S_IFDIR, oid });
  const indexRoot = async () => {
    const buf = await fs15.read(`${gitdir}/index`);
    const index = buf === null ? null : parseIndex(buf, indexFilePath(repo));
    const entries = index?.entries ?? [];
    if (entries.some((e) => e.flags.stage !== 0)) {
      throw new CleanroomError("EENGINE", "the index has unmerged entries; git reports those, this engine does not");
    }
    return indexTree(entries, index?.cacheTree ?? null);
  };
  const commitAt = async (rev) => {
    const oid = await lookup(rev);
    const found = oid === null ? null : await commit(oid);
    if (!found) throw new CleanroomError("EBADREV", `${rev} is not a commit in this repository`);
    return found;
  };
  const listCommits = async (range) => {
    const resolveAll = (revs) => Promise.all(
      revs.map(async (rev) => {
        const oid = await lookupCommit(rev);
        if (oid === null) throw new CleanroomError("EGIT", `git rev-list failed: fatal: bad revision '${rev}'`);
        return oid;
      })
    );
    const [include, exclude] = await Promise.all([resolveAll(range.include), resolveAll(range.exclude)]);
    const parsed = /* @__PURE__ */ new Map();
    const parse = async (oid) => {
      const known = parsed.get(oid);
      if (known) return known;
      const loaded2 = await commit(oid);
      if (!loaded2) throw new CleanroomError("EGIT", `git rev-list failed: fatal: bad object ${oid}`);
      const node = { oid, date: loaded2.date, parents: await walkParents(loaded2) };
      parsed.set(oid, node);
      return node;
    };
    const uninteresting = new Set(exclude);
    const markParentsUninteresting = (node) => {
      const stack = [...node.parents];
      for (let p = stack.pop(); p !== void 0; p = stack.pop()) {
        if (uninteresting.has(p)) continue;
        uninteresting.add(p);
        stack.push(...parsed.get(p)?.parents ?? []);
      }
    };
    const queue = [];
    const insertByDate = (node) => {
      const at = queue.findIndex((q) => q.date < node.date);
      queue.splice(at < 0 ? queue.length : at, 0, node);
    };
    const seen = /* @__PURE__ */ new Set();
    for (const oid of [...include, ...exclude]) {
      const node = await parse(oid);
      if (uninteresting.has(oid)) markParentsUninteresting(node);
      if (!seen.has(oid)) queue.push(node);
      seen.add(oid);
    }
    queue.sort((a, b) => b.date - a.date);
    const SLOP = 5;
    const out = [];
    let lastDate = Infinity;
    let slop = SLOP;
    for (let node = queue.shift(); node; node = queue.shift()) {
      const excluded = uninteresting.has(node.oid);
      for (const p of node.parents) {
        if (excluded) uninteresting.add(p);
        const parent = await parse(p);
        if (excluded) markParentsUninteresting(parent);
        if (seen.has(p)) continue;
        seen.add(p);
        insertByDate(parent);
      }
      if (!excluded) {
        lastDate = node.date;
        out.push(node.oid);
        continue;
      }
      const head = queue[0];
      const interesting = head !== void 0 && (lastDate <= head.date || queue.some((q) => !uninteresting.has(q.oid)));
      slop = head === void 0 ? 0 : interesting ? SLOP : slop - 1;
      if (slop === 0) break;
    }
    return out.filter((oid) => !uninteresting.has(oid));
  };
  const engine = {
    kind: "isomorphic",
    async stagedChanges(base = "HEAD") {
      const baseOid = await lookup(base);
      const tree = baseOid === null ? base === "HEAD" ? EMPTY_TREE : null : await peel(baseOid, "tree");
      if (tree === null) throw new CleanroomError("EGIT", `git diff-index failed: fatal: bad revision '${base}'`);
      return diff(root(tree), await indexRoot());
    },
    async commitChanges(oid, against) {
      const target = await commitAt(oid);
      const parent = against ?? target.info.parents[0];
      const before = parent === void 0 ? EMPTY_TREE : (await commit(parent))?.tree;
      if (before === void 0) throw new CleanroomError("EGIT", `git diff-tree failed: fatal: bad object ${parent}`);
      return diff(root(before), root(target.tree));
    },
    readCommit: async (oid) => (await commitAt(oid)).info,
    async changesOfCommits(requests) {
      const result3 = [];
      for (const r of requests) result3.push(await engine.commitChanges(r.oid, r.parent));
      return result3;
    },
    listCommits,
    async resolve(rev) {
      const oid = await lookupCommit(rev);
      if (oid === null) throw new CleanroomError("EBADREV", `"${rev}" does not name a commit in this repository`);
      return oid;
    },
    async readBlob(oid) {
      const found = await lookup(oid);
      const content = found === null ? null : await readBlobAt(found);
      if (content === null) throw new CleanroomError("EGIT", `blob ${oid} is missing from the repository`);
      return content;
    },
    async listFiles(source, dir) {
      let at;
      if (source === "index") {
        at = await indexRoot();
      } else {
        const oid = await lookup(source.rev);
        const tree = oid === null ? null : await peel(oid, "tree");
        if (tree === null) throw new CleanroomError("EBADREV", `"${source.rev}" does not name a tree in this repository`);
        at = root(tree);
      }
      for (const part of dir === "" ? [] : dir.split("/")) {
        if (at === null) break;
        const name = Buffer.from(part);
        const found = (at.children ? at.children() : await treeEntries(at.oid)).find((e) => e.name.equals(name));
        at = found && isDir(found.mode) ? found : null;
      }
      if (at === null) return [];
      const added = [];
      await diffTrees(null, at, Buffer.from(dir === "" ? "" : `${dir}/`), added);
      return added.filter((c) => c.newMode !== "160000").map((c) => ({ path: c.path, oid: c.newOid ?? "", mode: c.newMode ?? "" }));
    },
    async readFileAt(rev, path20) {
      if (/^\.\.?\//.test(path20)) throw new CleanroomError("EENGINE", `the isomorphic engine does not resolve relative paths like "${path20}"`);
      const oid = await lookup(rev);
      let tree = oid === null ? null : await peel(oid, "tree");
      const parts = path20.split("/");
      for (const [i, part] of parts.entries()) {
        if (tree === null) return null;
        const name = Buffer.from(part);
        const entry = (await treeEntries(tree)).find((e) => e.name.equals(name));
        if (!entry) return null;
        if (i === parts.length - 1) return isBlob(entry.mode) ? readBlobAt(entry.oid) : null;
        tree = isDir(entry.mode) ? entry.oid : null;
      }
      return null;
    },
    async close() {
      treeEntries.clear();
      commit.clear();
    }
  };
  return guarded(engine);
}
function guarded(engine) {
  const wrap = (fn) => async (...args) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof CleanroomError) throw e;
      throw new CleanroomError("EENGINE", `isomorphic-git could not read the repository: ${e.message}`);
    }
  };
  return {
    kind: engine.kind,
    stagedChanges: wrap(engine.stagedChanges),
    commitChanges: wrap(engine.commitChanges),
    changesOfCommits: wrap(engine.changesOfCommits),
    readCommit: wrap(engine.readCommit),
    listCommits: wrap(engine.listCommits),
    resolve: wrap(engine.resolve),
    readBlob: wrap(engine.readBlob),
    readFileAt: wrap(engine.readFileAt),
    listFiles: wrap(engine.listFiles),
    close: engine.close
  };
}
var import_node_crypto8, import_node_module, require2, git, FileSystem, S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IFGITLINK, SLASH, EMPTY_TREE, isDir, isBlob, REF_RULES, SUFFIX, MEMO_LIMIT, isNotFound;
var init_engine = __esm({
  "../../../work/main/src/git/isomorphic/engine.ts"() {
    "use strict";
    import_node_crypto8 = require("node:crypto");
    import_node_module = require("node:module");
    init_errors();
    init_plumbing();
    init_repo();
    init_index_file();
    init_overlay_fs();
    require2 = (0, import_node_module.createRequire)(__importMetaUrl);
    git = require2("isomorphic-git");
    ({ FileSystem } = require2("isomorphic-git/models"));
    S_IFMT = 61440;
    S_IFREG = 32768;
    S_IFDIR = 16384;
    S_IFLNK = 40960;
    S_IFGITLINK = 57344;
    SLASH = Buffer.from("/");
    EMPTY_TREE = emptyTreeOid("sha1");
    isDir = (mode) => (mode & S_IFMT) === S_IFDIR;
    isBlob = (mode) => (mode & S_IFMT) === S_IFREG || (mode & S_IFMT) === S_IFLNK;
    REF_RULES = [
      (n) => n,
      (n) => `refs/${n}`,
      (n) => `refs/tags/${n}`,
      (n) => `refs/heads/${n}`,
      (n) => `refs/remotes/${n}`,
      (n) => `refs/remotes/${n}/HEAD`
    ];
    SUFFIX = /(?:\^\{([a-z]*)\}|([~^])(\d*))$/;
    MEMO_LIMIT = 5e4;
    isNotFound = (e) => e.code === "NotFoundError";
  }
});

// ../../../work/main/src/git/preflight.ts
async function chooseEngine(repo, opts = {}) {
  const fromEnv = repo.env[ENGINE_VARIABLE];
  if (fromEnv && fromEnv !== "isomorphic" && fromEnv !== "plumbing") {
    throw new CleanroomError("EUSAGE", `${ENGINE_VARIABLE}="${fromEnv}" is not an engine; set it to "isomorphic" or "plumbing", or unset it to let cleanroom choose`);
  }
  const force = opts.force ?? fromEnv;
  const source = opts.force ? "the caller" : `${ENGINE_VARIABLE}=${fromEnv ?? ""}`;
  if (force === "plumbing") return { kind: "plumbing", reason: `forced by ${source}`, forced: true };
  if (force === void 0 && opts.workload === "history") {
    return { kind: "plumbing", reason: "commit history is read fastest by git diff-tree --stdin", forced: false };
  }
  const { findings, entries, packBytes } = inspect(repo);
  const wrong = findings.find((f) => f.wrong);
  if (force === "isomorphic") {
    if (wrong) {
      throw new CleanroomError("EENGINE", `the isomorphic engine was forced by ${source}, but ${wrong.reason}, which it cannot read correctly; use the plumbing engine here`);
    }
    return { kind: "isomorphic", reason: `forced by ${source}`, forced: true };
  }
  const first2 = wrong ?? findings[0];
  if (first2) return { kind: "plumbing", reason: first2.reason, forced: false };
  if ((opts.platform ?? process.platform) !== "win32") {
    return { kind: "plumbing", reason: "spawning git is cheap on this platform, and its plumbing answers faster than loading isomorphic-git", forced: false };
  }
  return {
    kind: "isomorphic",
    reason: `small local repository (${entries} index entries, ${(packBytes / 2 ** 20).toFixed(1)} MiB of packs)`,
    forced: false
  };
}
async function openEngine(repo, opts = {}) {
  const choice = await chooseEngine(repo, opts);
  if (choice.kind === "plumbing") return { ...openPlumbingEngine(repo), reason: choice.reason };
  const { openIsomorphicEngine: openIsomorphicEngine2 } = await Promise.resolve().then(() => (init_engine(), engine_exports));
  const engine = openIsomorphicEngine2(repo);
  return choice.forced ? { ...engine, reason: choice.reason } : withFallback(repo, engine, choice.reason);
}
function withFallback(repo, first2, firstReason) {
  let current = first2;
  let reason = firstReason;
  const call = async (use) => {
    const engine = current;
    try {
      return await use(engine);
    } catch (e) {
      if (engine.kind !== "isomorphic" || !(e instanceof CleanroomError) || e.code !== "EENGINE") throw e;
      if (current === engine) {
        current = openPlumbingEngine(repo);
        reason = `fell back from the isomorphic engine (${firstReason}): ${e.message}`;
        await engine.close();
      }
      return use(current);
    }
  };
  return {
    get kind() {
      return current.kind;
    },
    get reason() {
      return reason;
    },
    stagedChanges: (base) => call((e) => e.stagedChanges(base)),
    commitChanges: (oid, parent) => call((e) => e.commitChanges(oid, parent)),
    changesOfCommits: (requests) => call((e) => e.changesOfCommits(requests)),
    readCommit: (oid) => call((e) => e.readCommit(oid)),
    listCommits: (range) => call((e) => e.listCommits(range)),
    resolve: (rev) => call((e) => e.resolve(rev)),
    readBlob: (oid) => call((e) => e.readBlob(oid)),
    readFileAt: (rev, file) => call((e) => e.readFileAt(rev, file)),
    listFiles: (source, dir) => call((e) => e.listFiles(source, dir)),
    close: () => current.close()
  };
}
function inspect(repo) {
  const findings = [];
  if (repo.objectFormat !== "sha1") findings.push({ reason: `the repository uses ${repo.objectFormat} object ids`, wrong: true });
  if (repo.env.GIT_QUARANTINE_PATH) findings.push({ reason: "this is a server-side hook (GIT_QUARANTINE_PATH is set)", wrong: false });
  const index = indexFindings(repo);
  const packs = packFindings(repo);
  findings.push(...configFindings(repo), ...historyFindings(repo), ...index.findings, ...packs.findings);
  return { findings, entries: index.entries, packBytes: packs.bytes };
}
function attempt(file, read, fallback) {
  if (!(0, import_node_fs6.existsSync)(file)) return fallback;
  try {
    return read(file);
  } catch {
    return fallback;
  }
}
function configFindings(repo) {
  const file = import_node_path11.default.join(repo.commonDir, "config");
  const config = readConfig(attempt(file, (f) => (0, import_node_fs6.readFileSync)(f, "utf8"), ""));
  const findings = [];
  for (const [key, values] of config) {
    const value = values.at(-1) ?? "";
    const [section = "", ...rest] = key.split(".");
    const name = rest.at(-1) ?? "";
    if (section === "extensions" && !harmlessExtension(name, value)) {
      findings.push({ reason: `${file} sets extensions.${name} = ${value}`, wrong: true });
    } else if (section === "remote" && name === "promisor" && isTrue(value)) {
      findings.push({ reason: `${file} sets ${key} (a partial clone: git fetches missing objects on demand)`, wrong: true });
    } else if (key === "core.splitindex" && isTrue(value)) {
      findings.push({ reason: `${file} sets core.splitIndex`, wrong: false });
    } else if (key === "include.path" || section === "includeif" && name === "path") {
      findings.push({ reason: `${file} includes other configuration files, which the preflight does not read`, wrong: false });
    }
  }
  return findings;
}
function harmlessExtension(name, value) {
  if (name === "objectformat") return value.toLowerCase() === "sha1";
  if (name === "refstorage") return value.toLowerCase() === "files";
  return name === "worktreeconfig" || name === "preciousobjects" || name === "noop";
}
function historyFindings(repo) {
  const findings = [];
  if ((0, import_node_fs6.existsSync)(import_node_path11.default.join(repo.commonDir, "info", "grafts"))) findings.push({ reason: "the repository has info/grafts", wrong: true });
  const replaced = attempt(import_node_path11.default.join(repo.commonDir, "refs", "replace"), (d) => (0, import_node_fs6.readdirSync)(d).length > 0, false) || attempt(import_node_path11.default.join(repo.commonDir, "packed-refs"), (f) => (0, import_node_fs6.readFileSync)(f, "latin1"), "").includes(" refs/replace/");
  if (replaced && !repo.env.GIT_NO_REPLACE_OBJECTS) findings.push({ reason: "the repository has replace refs (refs/replace/)", wrong: true });
  return findings;
}
function indexFindings(repo) {
  const file = indexFilePath(repo);
  const fd = attempt(file, (f) => (0, import_node_fs6.openSync)(f, "r"), null);
  if (fd === null) return { findings: [], entries: 0 };
  try {
    const header = Buffer.alloc(12);
    (0, import_node_fs6.readSync)(fd, header, 0, header.length, 0);
    const { entryCount } = readIndexHeader(header, file);
    if (entryCount > PREFLIGHT_LIMITS.indexEntries) {
      return { findings: [{ reason: `the index has ${entryCount} entries (more than ${PREFLIGHT_LIMITS.indexEntries})`, wrong: false }], entries: entryCount };
    }
    const shared = [repo.gitDir, import_node_path11.default.dirname(file)].some((dir) => attempt(dir, (d) => (0, import_node_fs6.readdirSync)(d), []).some((n) => n.startsWith("sharedindex.")));
    const split = shared && summarizeIndex((0, import_node_fs6.readFileSync)(fd), file).extensions.includes("link");
    return { findings: split ? [{ reason: `the index ${file} is a split index`, wrong: true }] : [], entries: entryCount };
  } catch (e) {
    if (!(e instanceof CleanroomError)) throw e;
    return { findings: [{ reason: e.message, wrong: true }], entries: 0 };
  } finally {
    (0, import_node_fs6.closeSync)(fd);
  }
}
function packFindings(repo) {
  const sizes = objectDirs(repo).flatMap((dir) => {
    const packDir = import_node_path11.default.join(dir, "pack");
    const names = attempt(packDir, (d) => (0, import_node_fs6.readdirSync)(d), []).filter((n) => n.endsWith(".pack"));
    return names.map((n) => (0, import_node_fs6.statSync)(import_node_path11.default.join(packDir, n), { throwIfNoEntry: false })?.size ?? 0);
  });
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  const mib = (n) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  if (sizes.some((size) => size >= UNREADABLE_PACK)) {
    return { findings: [{ reason: `a pack is ${mib(Math.max(...sizes))} (isomorphic-git cannot read packs of 2 GiB or more)`, wrong: true }], bytes };
  }
  if (bytes > PREFLIGHT_LIMITS.packBytes) {
    return { findings: [{ reason: `the packs reachable from this repository total ${mib(bytes)} (more than ${mib(PREFLIGHT_LIMITS.packBytes)})`, wrong: false }], bytes };
  }
  return { findings: [], bytes };
}
function isTrue(value) {
  return ["true", "yes", "on", "1"].includes(value.toLowerCase());
}
function readConfig(text2) {
  const values = /* @__PURE__ */ new Map();
  let section = "";
  for (const raw of text2.replace(/\\\r?\n/g, "").split(/\r?\n/)) {
    let line = raw.trim();
    const header = /^\[\s*([\w.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      const [whole, name = "", sub] = header;
      section = sub === void 0 ? name.toLowerCase() : `${name.toLowerCase()}.${sub.replace(/\\(.)/g, "$1")}`;
      line = line.slice(whole.length).trim();
    }
    const entry = /^([A-Za-z][\w-]*)\s*(?:=(.*))?$/.exec(line);
    if (!entry || !section) continue;
    const [, key = "", value] = entry;
    const full = `${section}.${key.toLowerCase()}`;
    values.set(full, [...values.get(full) ?? [], value === void 0 ? "true" : configValue(value)]);
  }
  return values;
}
function configValue(raw) {
  let out = "";
  let quoted = false;
  let pendingSpace = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? "";
    if (c === "\\") {
      const next = raw[++i] ?? "";
      out += pendingSpace + ({ n: "\n", t: "	", b: "\b" }[next] ?? next);
      pendingSpace = "";
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === "#" || c === ";")) {
      break;
    } else if (!quoted && /\s/.test(c)) {
      if (out !== "") pendingSpace += c;
    } else {
      out += pendingSpace + c;
      pendingSpace = "";
    }
  }
  return out;
}
var import_node_fs6, import_node_path11, PREFLIGHT_LIMITS, UNREADABLE_PACK, ENGINE_VARIABLE;
var init_preflight = __esm({
  "../../../work/main/src/git/preflight.ts"() {
    "use strict";
    import_node_fs6 = require("node:fs");
    import_node_path11 = __toESM(require("node:path"), 1);
    init_errors();
    init_index_file();
    init_overlay_fs();
    init_plumbing();
    PREFLIGHT_LIMITS = {
      indexEntries: 2e4,
      packBytes: 200 * 1024 * 1024
    };
    UNREADABLE_PACK = 2 ** 31;
    ENGINE_VARIABLE = "CLEANROOM_ENGINE";
  }
});

// ../../../work/main/src/commands/shared.ts
function parseOptions2(command, args, options, allowPositionals = false) {
  try {
    return (0, import_node_util.parseArgs)({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new CleanroomError("EUSAGE", `${e.message}; see \`cleanroom ${command} --help\``);
  }
}
async function openContext(io, opts = {}) {
  const [repo, vars] = await Promise.all([discoverRepo(io.cwd, io.env), readGitVars(io.cwd, io.env)]);
  const engine = await openEngine(repo, { workload: opts.history ? "history" : "staged" });
  const stagedAgainstHead = opts.staged ? engine.stagedChanges() : void 0;
  stagedAgainstHead?.catch(() => void 0);
  try {
    const policy2 = await resolvePolicy({
      repo,
      engine,
      explicit: opts.policy,
      configured: vars.config.get("cleanroom.policy"),
      server: opts.server ?? false
    });
    return { repo, vars, engine, policy: policy2, stagedAgainstHead, close: () => engine.close() };
  } catch (e) {
    await engine.close();
    throw e;
  }
}
function exitFor(v) {
  return v.outcome === "blocked" ? EXIT.blocked : EXIT.allowed;
}
var import_node_util;
var init_shared = __esm({
  "../../../work/main/src/commands/shared.ts"() {
    "use strict";
    import_node_util = require("node:util");
    init_errors();
    init_preflight();
    init_repo();
    init_load();
  }
});

// ../../../work/main/src/commands/check.ts
var check_exports = {};
__export(check_exports, {
  default: () => check_default,
  parseRange: () => parseRange
});
function parseRange(text2) {
  const m = /^(.+?)\.\.(?!\.)(.+)$/.exec(text2);
  if (!m || !m[1] || !m[2]) {
    throw new CleanroomError("EUSAGE", `--range expects A..B (two revisions), got "${text2}"`);
  }
  return { include: [m[2]], exclude: [m[1]] };
}
function gitPaths(ctx, cwd, paths) {
  const root = ctx.repo.workTree ?? cwd;
  return new Set(paths.map((p) => import_node_path12.default.relative(root, import_node_path12.default.resolve(cwd, p)).split(import_node_path12.default.sep).join("/")));
}
async function subjectsFor(ctx, values, only) {
  if (values.commit) return { subjects: [await inspectCommit(ctx, await ctx.engine.resolve(values.commit))], scope: "" };
  if (values.range) {
    const range = parseRange(values.range);
    const resolved = {
      include: await Promise.all(range.include.map((r) => ctx.engine.resolve(r))),
      exclude: await Promise.all(range.exclude.map((r) => ctx.engine.resolve(r)))
    };
    return { subjects: await inspectCommits(ctx, resolved, { rev: resolved.include[0] ?? "" }), scope: "" };
  }
  return { subjects: [await inspectStaged(ctx, { only })], scope: "staged " };
}
var import_node_path12, usage, check2, check_default;
var init_check = __esm({
  "../../../work/main/src/commands/check.ts"() {
    "use strict";
    import_node_path12 = __toESM(require("node:path"), 1);
    init_decide();
    init_errors();
    init_inspect();
    init_json();
    init_sarif();
    init_text();
    init_version();
    init_shared();
    usage = `usage: cleanroom check [--staged | --commit REV | --range A..B] [--format text|json|sarif] [--policy FILE] [PATH...]

Judges changes against the policy and prints the verdict.
  --staged        the index against HEAD, with this process's environment (default)
  --commit REV    one recorded commit against its first parent
  --range A..B    every commit reachable from B and not from A (what a push of B over A brings)
  --format FMT    text (default), json, or sarif (SARIF 2.1.0, for code-scanning uploads in CI)
  --policy FILE   use this policy instead of the repository's
  PATH...         with --staged, judge only these staged paths (as lint-staged passes them)

Exit codes: 0 allowed (or warn mode), 1 blocked, 2 error.`;
    check2 = {
      summary: "judge staged changes, a commit or a range",
      usage,
      async run(args, io) {
        const { values, positionals } = parseOptions2("check", args, {
          staged: { type: "boolean" },
          commit: { type: "string" },
          range: { type: "string" },
          format: { type: "string", default: "text" },
          policy: { type: "string" }
        }, true);
        if (positionals.length > 0 && (values.commit || values.range)) {
          throw new CleanroomError("EUSAGE", "paths can only narrow --staged; --commit and --range judge whole commits");
        }
        if ([values.staged, values.commit, values.range].filter(Boolean).length > 1) {
          throw new CleanroomError("EUSAGE", "choose one of --staged, --commit and --range");
        }
        if (values.format !== "text" && values.format !== "json" && values.format !== "sarif") {
          throw new CleanroomError("EUSAGE", `--format must be text or json (for people and scripts) or sarif (for code scanning), got "${values.format}"`);
        }
        const ctx = await openContext(io, { policy: values.policy, staged: !values.commit && !values.range, history: Boolean(values.range) });
        try {
          const only = positionals.length > 0 ? gitPaths(ctx, io.cwd, positionals) : null;
          const { subjects, scope } = await subjectsFor(ctx, values, only);
          const verdict = decide({ policy: ctx.policy, subjects });
          if (values.format === "json") io.stdout.write(renderJson(verdict, { engine: ctx.engine.kind }));
          else if (values.format === "sarif") io.stdout.write(renderSarif(verdict, { toolVersion: version(), engine: ctx.engine.kind }));
          else io.stdout.write(renderText(verdict, { ...styleFor(io.stdout, io.env), label: "cleanroom check", scope }));
          return exitFor(verdict);
        } finally {
          await ctx.close();
        }
      }
    };
    check_default = check2;
  }
});

// ../../../work/main/src/io.ts
async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
var init_io = __esm({
  "../../../work/main/src/io.ts"() {
    "use strict";
  }
});

// ../../../work/main/src/commands/pre-receive.ts
var pre_receive_exports = {};
__export(pre_receive_exports, {
  parseUpdates: () => parseUpdates,
  preReceive: () => preReceive
});
function parseUpdates(stdin) {
  const updates = [];
  for (const [i, line] of stdin.split("\n").entries()) {
    if (line === "") continue;
    const m = UPDATE.exec(line);
    if (!m) {
      throw new CleanroomError("EHOOK_INPUT", `pre-receive: line ${i + 1} of the input is not "<old> <new> <ref>": ${JSON.stringify(line.slice(0, 200))}`);
    }
    updates.push({ old: m[1] ?? "", new: m[2] ?? "", ref: m[3] ?? "" });
  }
  return updates;
}
function pusher(env) {
  return env.GL_USERNAME ?? env.GITHUB_USER_LOGIN ?? env.GITEA_PUSHER_NAME ?? env.REMOTE_USER ?? null;
}
function audit(file, entries) {
  try {
    import_node_fs7.default.appendFileSync(file, entries.map((e) => `${JSON.stringify(e)}
`).join(""));
  } catch (e) {
    throw new CleanroomError("EPOLICY_READ", `cannot append to the audit log ${file} (${e.code ?? String(e)}); fix git config cleanroom.auditLog`);
  }
}
function forHost(text2, env) {
  const gitlab = env.GL_ID !== void 0 || env.GL_REPOSITORY !== void 0;
  return gitlab ? text2.replace(/^/gm, "GL-HOOK-ERR: ").replace(/GL-HOOK-ERR: $/, "") : text2;
}
async function judgeUpdate(ctx, update, existing, notes) {
  const tip = await ctx.engine.resolve(update.new).catch(() => {
    throw new CleanroomError("EBADREV", `${update.ref}: ${update.new.slice(0, 12)} is not a commit (or a tag of one); cleanroom judges commits only, so the push is rejected`);
  });
  const subjects = await inspectCommits(ctx, { include: [tip], exclude: existing }, { rev: tip, ref: update.ref, notes });
  return decide({ policy: ctx.policy, subjects });
}
async function judgePush(io, stdin) {
  const updates = parseUpdates(stdin);
  const ctx = await openContext(io, { server: true, history: true });
  try {
    const out = await gitOk(["for-each-ref", "--format=%(objectname)"], { cwd: ctx.repo.cwd, env: ctx.repo.env });
    const existing = [...new Set(out.toString("utf8").split("\n").filter(Boolean))];
    const judged = [];
    const pushedNotes = updates.find((u) => u.ref === GIT_AI_NOTES_REF && !isNullOid(u.new));
    const notes = pushedNotes ? pushedNotes.new : GIT_AI_NOTES_REF;
    let report = "";
    for (const update of updates) {
      const verdict = isNullOid(update.new) ? null : await judgeUpdate(ctx, update, existing, notes);
      judged.push({ update, verdict });
      report += verdict ? renderText(verdict, { color: false, label: `cleanroom pre-receive ${update.ref}`, scope: "" }) : `cleanroom pre-receive ${update.ref}: allowed (deleted; a deletion brings no content)
`;
    }
    const rejected = judged.some((j) => j.verdict?.outcome === "blocked");
    if (rejected) report += "cleanroom: the push is rejected as a whole; no ref was updated\n";
    const auditLog = ctx.vars.config.get("cleanroom.auditlog");
    if (auditLog && judged.length > 0) {
      const time = (/* @__PURE__ */ new Date()).toISOString();
      audit(
        import_node_path13.default.resolve(ctx.repo.gitDir, auditLog),
        judged.map(({ update, verdict }) => ({
          time,
          pusher: pusher(io.env),
          ref: update.ref,
          old: update.old,
          new: update.new,
          verdict: verdict?.outcome ?? "allowed",
          push: rejected ? "rejected" : "accepted",
          checked: verdict?.checked ?? { commits: 0, paths: 0, protectedPaths: 0 },
          reasons: (verdict?.findings ?? []).map((f) => ({ commit: f.commit, path: f.path, rule: f.rule.pattern, reason: f.reason, signals: f.signals.map((s) => s.evidence) }))
        }))
      );
    }
    return { code: rejected ? EXIT.blocked : EXIT.allowed, report };
  } finally {
    await ctx.close();
  }
}
async function preReceive(io) {
  const stdin = await readAll(io.stdin);
  const { code, report } = await judgePush(io, stdin).catch((e) => {
    const message = e instanceof CleanroomError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    const stack = !(e instanceof CleanroomError) && io.env.CLEANROOM_DEBUG && e instanceof Error ? `${e.stack}
` : "";
    return {
      code: EXIT.error,
      report: `cleanroom pre-receive: error: ${message}
${stack}cleanroom: the push is rejected (cleanroom fails closed when it cannot judge a push)
`
    };
  });
  io.stderr.write(code === EXIT.allowed ? report : forHost(report, io.env));
  return code;
}
var import_node_fs7, import_node_path13, UPDATE;
var init_pre_receive = __esm({
  "../../../work/main/src/commands/pre-receive.ts"() {
    "use strict";
    import_node_fs7 = __toESM(require("node:fs"), 1);
    import_node_path13 = __toESM(require("node:path"), 1);
    init_decide();
    init_errors();
    init_exec();
    init_repo();
    init_inspect();
    init_io();
    init_text();
    init_git_ai();
    init_shared();
    UPDATE = /^([0-9a-f]{40}|[0-9a-f]{64}) ([0-9a-f]{40}|[0-9a-f]{64}) (refs\/\S+)$/;
  }
});

// ../../../work/main/src/commands/hook.ts
var hook_exports = {};
__export(hook_exports, {
  default: () => hook_default
});
async function messageFile(file, hook2) {
  if (!file) throw new CleanroomError("EHOOK_INPUT", `${hook2} needs the commit message file as its first argument (git passes it)`);
  try {
    return await import_promises3.default.readFile(file, "utf8");
  } catch (e) {
    throw new CleanroomError("EHOOK_INPUT", `${hook2}: cannot read the message file ${file} (${e.code})`);
  }
}
async function commitBase(ctx, source, sha) {
  if (source !== "commit" || !sha) return void 0;
  const head = await ctx.engine.resolve("HEAD").catch(() => null);
  if (head === null || await ctx.engine.resolve(sha) !== head) return void 0;
  const commit = await ctx.engine.readCommit(head);
  return commit.parents[0] ?? emptyTreeOid(ctx.repo.objectFormat);
}
async function recordAssistance(ctx, file, verdict) {
  const assisted = [...verdict.findings.filter((f) => f.reason === "assistant"), ...verdict.reviewed].flatMap((f) => f.signals);
  if (verdict.outcome === "blocked" || assisted.length === 0) return;
  const label = assistantLabel(assisted);
  await gitOk(["interpret-trailers", "--in-place", "--no-divider", "--if-exists", "addIfDifferent", "--trailer", `Assisted-by: ${label}`, file], {
    cwd: ctx.repo.cwd,
    env: ctx.repo.env
  });
}
async function pushInput(io) {
  const { PRE_COMMIT_FROM_REF: from, PRE_COMMIT_TO_REF: to, PRE_COMMIT_LOCAL_BRANCH: branch } = io.env;
  if (to) return `HEAD ${to} HEAD ${from ?? "0"}
`;
  if (branch) return `${branch} ${branch} ${branch} 0
`;
  return readAll(io.stdin);
}
async function pushedSubjects(ctx, remote, stdin) {
  let remoteRefs = null;
  const remoteTracking = () => remoteRefs ??= remote ? gitOk(["for-each-ref", "--format=%(objectname)", `refs/remotes/${remote}/`], { cwd: ctx.repo.cwd, env: ctx.repo.env }).then(
    (out) => out.toString("utf8").split("\n").filter(Boolean)
  ) : Promise.resolve([]);
  const subjects = [];
  const judged = /* @__PURE__ */ new Set();
  for (const line of stdin.split("\n")) {
    if (!line.trim()) continue;
    const [, localOid, remoteRef, remoteOid] = line.split(" ");
    if (!localOid || !remoteRef || !remoteOid) throw new CleanroomError("EHOOK_INPUT", `pre-push: unexpected input line "${line}"`);
    if (isNullOid(localOid)) continue;
    const known = !isNullOid(remoteOid) && await ctx.engine.resolve(remoteOid).then(() => true, () => false);
    const exclude = known ? [remoteOid] : await remoteTracking();
    for (const subject of await inspectCommits(ctx, { include: [localOid], exclude }, { rev: localOid, ref: remoteRef })) {
      if (subject.commit && judged.has(subject.commit)) continue;
      if (subject.commit) judged.add(subject.commit);
      subjects.push(subject);
    }
  }
  return subjects;
}
async function judge(hook2, args, io, ctx) {
  switch (hook2) {
    case "pre-commit":
      return { verdict: decide({ policy: ctx.policy, subjects: [await inspectStaged(ctx)] }), scope: "staged " };
    case "prepare-commit-msg": {
      const [file, source = io.env.PRE_COMMIT_COMMIT_MSG_SOURCE, sha = io.env.PRE_COMMIT_COMMIT_OBJECT_NAME] = args;
      const message = await messageFile(file, hook2);
      const subject = await inspectStaged(ctx, { message, base: await commitBase(ctx, source, sha) });
      const verdict = decide({ policy: ctx.policy, subjects: [subject] });
      await recordAssistance(ctx, file, verdict);
      return { verdict, scope: "staged " };
    }
    case "commit-msg": {
      const message = await messageFile(args[0], hook2);
      return { verdict: decide({ policy: ctx.policy, subjects: [await inspectStaged(ctx, { message })] }), scope: "staged " };
    }
    case "pre-push": {
      const subjects = await pushedSubjects(ctx, args[0] ?? io.env.PRE_COMMIT_REMOTE_NAME, await pushInput(io));
      return { verdict: decide({ policy: ctx.policy, subjects }), scope: "" };
    }
  }
}
var import_promises3, HOOKS, usage2, hook, hook_default;
var init_hook = __esm({
  "../../../work/main/src/commands/hook.ts"() {
    "use strict";
    import_promises3 = __toESM(require("node:fs/promises"), 1);
    init_decide();
    init_errors();
    init_exec();
    init_repo();
    init_inspect();
    init_io();
    init_text();
    init_detect();
    init_shared();
    HOOKS = ["pre-commit", "prepare-commit-msg", "commit-msg", "pre-push", "pre-receive"];
    usage2 = `usage: cleanroom hook <${HOOKS.join("|")}> [git's hook arguments]

Runs as the named git hook; the shims in hooks/ call this. Reads what git gives the hook
(arguments, stdin, GIT_INDEX_FILE) and prints the verdict on stderr.`;
    hook = {
      summary: "run as a git hook",
      usage: usage2,
      async run(args, io) {
        const [name, ...rest] = args;
        if (!HOOKS.includes(name)) {
          throw new CleanroomError("EUSAGE", `unknown hook "${name ?? ""}"; cleanroom handles ${HOOKS.join(", ")}`);
        }
        if (name === "pre-receive") return (await Promise.resolve().then(() => (init_pre_receive(), pre_receive_exports))).preReceive(io);
        const ctx = await openContext(io, { staged: name !== "pre-push", history: name === "pre-push" });
        try {
          const { verdict, scope } = await judge(name, rest, io, ctx);
          io.stderr.write(renderText(verdict, { ...styleFor(io.stderr, io.env), label: `cleanroom ${name}`, scope }));
          return exitFor(verdict);
        } finally {
          await ctx.close();
        }
      }
    };
    hook_default = hook;
  }
});

// ../../../work/main/src/commands/policy.ts
var policy_exports = {};
__export(policy_exports, {
  default: () => policy_default
});
function summary(p) {
  const rules = p.protect.map((r) => `  ${r.pattern}  ${r.require}`).join("\n");
  return `${p.source}: valid (mode ${p.mode}, ${plural(p.protect.length, "protect rule")}, builtin catalog ${p.assistants.builtin ? "on" : "off"})
${rules}
`;
}
var import_node_fs8, import_node_path14, usage3, policy, policy_default;
var init_policy2 = __esm({
  "../../../work/main/src/commands/policy.ts"() {
    "use strict";
    import_node_fs8 = __toESM(require("node:fs"), 1);
    import_node_path14 = __toESM(require("node:path"), 1);
    init_errors();
    init_repo();
    init_load();
    init_messages();
    init_paths();
    usage3 = `usage: cleanroom policy check [FILE]
       cleanroom policy schema

check   validates FILE, or else the repository's working-tree ${POLICY_PATH}, or else the policy
        the hooks would use; prints a summary, or every problem with file:line:col (exit 2)
schema  prints the policy's JSON Schema (for editors and other tools)`;
    policy = {
      summary: "validate a policy file",
      usage: usage3,
      async run(args, io) {
        const [sub, file, ...extra] = args;
        if (sub === "schema" && file === void 0) {
          io.stdout.write(import_node_fs8.default.readFileSync(import_node_path14.default.join(PACKAGE_ROOT, "schema", "policy.schema.json"), "utf8"));
          return EXIT.allowed;
        }
        if (sub !== "check" || extra.length > 0) throw new CleanroomError("EUSAGE", `expected \`policy check [FILE]\` or \`policy schema\`; see \`cleanroom policy --help\``);
        if (file) {
          io.stdout.write(summary(await readPolicyFile(import_node_path14.default.resolve(io.cwd, file))));
          return EXIT.allowed;
        }
        const [repo, vars] = await Promise.all([discoverRepo(io.cwd, io.env), readGitVars(io.cwd, io.env)]);
        const local = repo.workTree ? import_node_path14.default.join(repo.workTree, POLICY_PATH) : null;
        const p = local && import_node_fs8.default.existsSync(local) ? await readPolicyFile(local) : await resolvePolicy({ repo, configured: vars.config.get("cleanroom.policy") });
        io.stdout.write(summary(p));
        return EXIT.allowed;
      }
    };
    policy_default = policy;
  }
});

// ../../../work/main/src/attest/sign.ts
async function signPayload(message, opts) {
  const { stdout, stderr, status } = await run(["-Y", "sign", "-n", opts.namespace, "-f", opts.key], message, opts);
  if (status !== 0) {
    const said = stderr.trim().split("\n").filter((l) => l !== "Signing data on standard input").join("; ");
    throw new CleanroomError("EATTEST", `ssh-keygen -Y sign -f ${opts.key} failed (exit ${status})${said === "" ? "" : `: ${said}`}; check that the key file exists and its passphrase or security key is at hand`);
  }
  let sig;
  try {
    sig = dearmorSshsig(stdout);
  } catch (e) {
    if (e instanceof SshError) throw new CleanroomError("EATTEST", `ssh-keygen -Y sign printed something other than a signature (${e.message}); is ssh-keygen OpenSSH 8.2 or newer?`);
    throw e;
  }
  const check3 = verifySshsig(message, sig, opts.namespace);
  if (!check3.ok) throw new CleanroomError("EATTEST", `the signature ssh-keygen made with ${opts.key} would not be accepted: ${check3.problem}`);
  return sig;
}
async function signStatement(statement, opts) {
  const payload = serializeStatement(statement);
  const sig = await signPayload(pae(PAYLOAD_TYPE, payload), opts);
  return addSignature({ payloadType: PAYLOAD_TYPE, payload, signatures: [] }, sig);
}
function addSignature(envelope, sig) {
  const key = publicKeyOf(sig);
  if (key === void 0) throw new CleanroomError("EATTEST", "cannot add the signature: it is not a well-formed SSH signature (ssh-keygen -Y sign output)");
  for (const s of envelope.signatures) {
    const other = publicKeyOf(s.sig);
    if (other !== void 0 && Buffer.from(other).equals(key)) {
      throw new CleanroomError("EATTEST", `the envelope is already signed by ${fingerprint(key)}; another reviewer must co-sign with their own key`);
    }
  }
  return { ...envelope, signatures: [...envelope.signatures, { keyid: fingerprint(key), sig }] };
}
function publicKeyOf(sig) {
  try {
    return parseSshsig(sig).publicKey;
  } catch (e) {
    if (e instanceof SshError) return void 0;
    throw e;
  }
}
function run(args, input, opts) {
  return new Promise((resolve, reject) => {
    const child = (0, import_node_child_process3.spawn)("ssh-keygen", args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => {
      err.push(b);
      opts.stderr?.write(b);
    });
    child.on("error", (e) => {
      reject(
        e.code === "ENOENT" ? new CleanroomError("EATTEST", "ssh-keygen was not found on PATH; install OpenSSH 8.2 or newer to sign reviews") : new CleanroomError("EATTEST", `cannot run ssh-keygen: ${e.message}`)
      );
    });
    child.stdin.on("error", () => void 0);
    child.on("close", (status) => resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), status: status ?? 128 }));
    child.stdin.end(input);
  });
}
var import_node_child_process3;
var init_sign = __esm({
  "../../../work/main/src/attest/sign.ts"() {
    "use strict";
    import_node_child_process3 = require("node:child_process");
    init_errors();
    init_dsse();
    init_ssh();
    init_sshsig();
    init_statement();
  }
});

// ../../../work/main/src/commands/attest.ts
var attest_exports = {};
__export(attest_exports, {
  default: () => attest_default
});
function signingKey(ctx, explicit, cwd) {
  if (explicit) return import_node_path15.default.resolve(cwd, explicit);
  const configured = ctx.vars.config.get("user.signingkey");
  if (ctx.vars.config.get("gpg.format") === "ssh" && configured) {
    if (!configured.startsWith("key::")) return import_node_path15.default.resolve(ctx.repo.workTree ?? cwd, configured.replace(/^~(?=\/)/, import_node_os2.default.homedir()));
    const file = import_node_path15.default.join(import_node_fs9.default.mkdtempSync(import_node_path15.default.join(import_node_os2.default.tmpdir(), "cleanroom-key-")), "signing.pub");
    import_node_fs9.default.writeFileSync(file, `${configured.slice("key::".length)}
`);
    return file;
  }
  throw new CleanroomError("EATTEST", "no signing key: pass --key <private key or .pub with its key in ssh-agent>, or set git config gpg.format ssh and user.signingKey");
}
async function filesToReview(ctx, paths, cwd) {
  if (paths.length === 0) {
    const changes = (await ctx.engine.stagedChanges()).filter(
      (c) => c.status !== "deleted" && c.newOid && c.newMode !== "160000" && ruleFor(ctx.policy, c.path) && !c.path.endsWith(ATTESTATION_SUFFIX)
    );
    const { reviewed } = await reviewsOf(ctx.engine, await loadAttestations(ctx, "index"), changes);
    return changes.filter((c) => !reviewed.has(reviewKey(c.path, c.newOid ?? ""))).map((c) => ({ path: c.path, oid: c.newOid ?? "", mode: c.newMode ?? "" }));
  }
  const root = ctx.repo.workTree ?? cwd;
  const files = [];
  for (const p of paths) {
    const gitPath2 = import_node_path15.default.relative(root, import_node_path15.default.resolve(cwd, p)).split(import_node_path15.default.sep).join("/");
    const inFolder = await ctx.engine.listFiles("index", gitPath2);
    const parent = gitPath2.includes("/") ? gitPath2.slice(0, gitPath2.lastIndexOf("/")) : "";
    const exact = inFolder.length > 0 ? inFolder : (await ctx.engine.listFiles("index", parent)).filter((f) => f.path === gitPath2);
    if (exact.length === 0) throw new CleanroomError("EATTEST", `${p}: not in the index; stage it first (git add -- ${p})`);
    files.push(...exact);
  }
  return files;
}
async function show3(ctx, file, content, io) {
  const binary = Buffer.from(content.subarray(0, 8e3)).includes(0);
  io.stderr.write(`
=== ${file.path} (${content.length} bytes, blob ${file.oid.slice(0, 12)})
`);
  if (binary || content.length > SHOW_LIMIT) {
    io.stderr.write(`(${binary ? "binary" : "large"} file: not shown; inspect it with \`git show :${file.path}\` before approving)
`);
    return;
  }
  const diff = await runGit(["diff", "--cached", "--no-ext-diff", "--no-color", "--", `:(top,literal)${file.path}`], { cwd: ctx.repo.cwd, env: ctx.repo.env });
  io.stderr.write(diff.stdout.length > 0 ? diff.stdout.toString("utf8") : Buffer.from(content).toString("utf8"));
}
async function approve(question, io, yes) {
  if (yes) return true;
  const rl = (0, import_promises4.createInterface)({ input: io.stdin, output: io.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
async function stage(ctx, file, text2) {
  const root = ctx.repo.workTree;
  if (!root) throw new CleanroomError("EATTEST", "cleanroom attest needs a working tree");
  import_node_fs9.default.mkdirSync(import_node_path15.default.dirname(import_node_path15.default.join(root, file)), { recursive: true });
  import_node_fs9.default.writeFileSync(import_node_path15.default.join(root, file), text2);
  await gitOk(["add", "--", `:(top,literal)${file}`], { cwd: ctx.repo.cwd, env: ctx.repo.env });
}
async function cosign(ctx, file, key, io, yes) {
  const bytes = import_node_fs9.default.readFileSync(import_node_path15.default.resolve(io.cwd, file));
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) throw new CleanroomError("EATTEST", `${file}: ${parsed.problem}`);
  const statement = parseStatement(parsed.envelope.payload);
  if (!statement.ok) throw new CleanroomError("EATTEST", `${file}: ${statement.problems.join("; ")}`);
  for (const s of statement.statement.subject) {
    const staged = (await ctx.engine.listFiles("index", s.name.includes("/") ? s.name.slice(0, s.name.lastIndexOf("/")) : "")).find((f) => f.path === s.name);
    if (!staged || staged.oid !== s.digest.gitBlob) {
      throw new CleanroomError("EATTEST", `${file} names ${s.name} as blob ${s.digest.gitBlob.slice(0, 12)}, but the index holds ${staged ? staged.oid.slice(0, 12) : "no such file"}; review what is staged instead`);
    }
    const content = await ctx.engine.readBlob(s.digest.gitBlob);
    await show3(ctx, staged, content, io);
    if (!await approve(`Co-sign the review of ${s.name}?`, io, yes)) throw new CleanroomError("EATTEST", `not co-signed: ${s.name} was not approved`);
  }
  const sig = await signPayload(pae(parsed.envelope.payloadType, parsed.envelope.payload), { key, namespace: ctx.policy.review.namespace, cwd: ctx.repo.cwd, env: ctx.repo.env, stderr: io.stderr });
  const envelope = addSignature(parsed.envelope, sig);
  const rel = import_node_path15.default.relative(ctx.repo.workTree ?? io.cwd, import_node_path15.default.resolve(io.cwd, file)).split(import_node_path15.default.sep).join("/");
  await stage(ctx, rel, serializeEnvelope(envelope));
  io.stdout.write(`co-signed ${rel} (${envelope.signatures.length} signatures); commit it with the content
`);
  return EXIT.allowed;
}
var import_node_crypto9, import_node_fs9, import_node_os2, import_node_path15, import_promises4, usage4, SHOW_LIMIT, attest, attest_default;
var init_attest = __esm({
  "../../../work/main/src/commands/attest.ts"() {
    "use strict";
    import_node_crypto9 = require("node:crypto");
    import_node_fs9 = __toESM(require("node:fs"), 1);
    import_node_os2 = __toESM(require("node:os"), 1);
    import_node_path15 = __toESM(require("node:path"), 1);
    import_promises4 = require("node:readline/promises");
    init_dsse();
    init_sign();
    init_statement();
    init_decide();
    init_verdict();
    init_errors();
    init_exec();
    init_review();
    init_detect();
    init_shared();
    usage4 = `usage: cleanroom attest [PATH...] [--key FILE] [--reviewer PRINCIPAL] [--ref PATTERN]... [--yes]
       cleanroom attest --cosign ATTESTATION [--key FILE] [--yes]

A human reviews content that must not enter a protected path unreviewed, and signs for it.
With no PATH: every staged file under a protected path that no valid attestation covers yet.
A PATH may be a file or a folder; its content is taken as staged (the index).
Shows each file's staged diff (a summary for binary or large files) and asks for a yes per file;
--yes approves without asking (scripted use). Signs with \`ssh-keygen -Y sign\` (ssh-agent and
FIDO security keys work): the key from --key, else git's user.signingKey when gpg.format=ssh.
Writes .cleanroom/attestations/<id>${ATTESTATION_SUFFIX}, stages it, and prints what it covers.
--cosign adds your signature to an existing attestation (review.threshold above 1).
Refuses to run in an assistant's process: an assistant must not attest its own output.`;
    SHOW_LIMIT = 64 * 1024;
    attest = {
      summary: "review and sign protected content",
      usage: usage4,
      async run(args, io) {
        const { values, positionals } = parseOptions2(
          "attest",
          args,
          {
            key: { type: "string" },
            reviewer: { type: "string" },
            ref: { type: "string", multiple: true },
            cosign: { type: "string" },
            yes: { type: "boolean" }
          },
          true
        );
        const ctx = await openContext(io, {});
        try {
          const agent = environmentSignals(io.env, ctx.policy.assistants);
          if (agent.length > 0) {
            throw new CleanroomError(
              "EATTEST",
              `refusing to attest from an assistant's process (${agent.map((s) => s.evidence).join(", ")}): an assistant must not sign for its own output; a human runs cleanroom attest in their own terminal`
            );
          }
          if (!values.yes && !io.stdin.isTTY) {
            throw new CleanroomError("EATTEST", "attest asks for a yes per file on a terminal; pass --yes to approve in a script");
          }
          const key = signingKey(ctx, values.key, io.cwd);
          if (values.cosign) return await cosign(ctx, values.cosign, key, io, Boolean(values.yes));
          if (!ctx.policy.repository) {
            throw new CleanroomError("EATTEST", `the policy (${ctx.policy.source}) has no repository id, which every review must name; add \`repository: urn:uuid:<a fresh UUID>\` and commit it`);
          }
          const reviewer = values.reviewer ?? ctx.vars.config.get("user.email");
          if (!reviewer) throw new CleanroomError("EATTEST", "who reviews? pass --reviewer <principal as in allowed_signers>, or set git config user.email");
          const files = await filesToReview(ctx, positionals, io.cwd);
          if (files.length === 0) {
            io.stdout.write("nothing to review: every staged protected file is already covered by a valid attestation\n");
            return EXIT.allowed;
          }
          const approved = [];
          for (const file2 of files) {
            const content = await ctx.engine.readBlob(file2.oid);
            await show3(ctx, file2, content, io);
            if (await approve(`Approve ${file2.path}?`, io, Boolean(values.yes))) {
              approved.push({ name: file2.path, gitBlob: file2.oid, sha256: (0, import_node_crypto9.createHash)("sha256").update(content).digest("hex") });
            }
          }
          if (approved.length === 0) {
            io.stdout.write("nothing approved, nothing signed\n");
            return EXIT.blocked;
          }
          const statement = buildStatement({
            files: approved,
            repository: ctx.policy.repository,
            reviewer,
            reviewedAt: /* @__PURE__ */ new Date(),
            objectFormat: ctx.repo.objectFormat,
            ...values.ref ? { refs: values.ref } : {}
          });
          const envelope = await signStatement(statement, { key, namespace: ctx.policy.review.namespace, cwd: ctx.repo.cwd, env: ctx.repo.env, stderr: io.stderr });
          const file = attestationPath(envelope.payload);
          await stage(ctx, file, serializeEnvelope(envelope));
          io.stdout.write(`${file}: signed by ${reviewer}, staged; it covers:
${approved.map((a) => `  ${a.name} (blob ${a.gitBlob.slice(0, 12)})`).join("\n")}
commit it together with the content
`);
          return EXIT.allowed;
        } finally {
          await ctx.close();
        }
      }
    };
    attest_default = attest;
  }
});

// ../../../work/main/src/commands/verify.ts
var verify_exports = {};
__export(verify_exports, {
  default: () => verify_default
});
var usage5, verify2, verify_default;
var init_verify2 = __esm({
  "../../../work/main/src/commands/verify.ts"() {
    "use strict";
    init_decide();
    init_verdict();
    init_errors();
    init_messages();
    init_review();
    init_shared();
    usage5 = `usage: cleanroom verify [REV] [--policy FILE]

For the protected content commit REV (default HEAD) brings, prints what the attestations in
REV's tree cover and by whom, what they do not, and every attestation that does not count and
why. Exit 0 when everything protected is covered, 1 when something is not.`;
    verify2 = {
      summary: "show which protected content of a commit is reviewed, and by whom",
      usage: usage5,
      async run(args, io) {
        const { values, positionals } = parseOptions2("verify", args, { policy: { type: "string" } }, true);
        const ctx = await openContext(io, { policy: values.policy });
        try {
          const rev = positionals[0] ?? "HEAD";
          const oid = await ctx.engine.resolve(rev);
          const changes = (await ctx.engine.commitChanges(oid)).filter((c) => c.status !== "deleted" && ruleFor(ctx.policy, c.path) && !c.path.startsWith(".cleanroom/attestations/"));
          const attested = await loadAttestations(ctx, { rev: oid });
          const { reviewed, rejected } = await reviewsOf(ctx.engine, attested, changes);
          const out = [`${rev} (${oid.slice(0, 12)}): ${plural(changes.length, "protected file")} brought by this commit; policy ${ctx.policy.source}`];
          let missing = 0;
          for (const c of changes) {
            const who = reviewed.get(reviewKey(c.path, c.newOid ?? ""));
            if (!who) missing++;
            out.push(`  ${who ? "covered    " : "NOT covered"} ${c.path} (blob ${(c.newOid ?? "").slice(0, 12)})${who ? ` by ${who.join(", ")}` : ""}`);
          }
          for (const r of rejected) {
            out.push(`  attestation ${r.file} does not count:`);
            for (const p of r.problems) out.push(`    - ${p}`);
          }
          io.stdout.write(`${out.join("\n")}
`);
          return missing === 0 ? EXIT.allowed : EXIT.blocked;
        } finally {
          await ctx.close();
        }
      }
    };
    verify_default = verify2;
  }
});

// ../../../work/main/src/report/html.ts
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
function rowsOf(v, fired) {
  const order = new Map(fired.map((f, i) => [f.commit, i]));
  const at = (commit) => commit === null ? -1 : order.get(commit) ?? fired.length;
  return [
    ...v.findings.map((f) => ({ path: f.path, commit: f.commit, signals: f.signals, principals: null, reason: reasonText(f) })),
    ...v.reviewed.map((r) => ({ path: r.path, commit: r.commit, signals: r.signals, principals: r.principals, reason: null }))
  ].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : at(a.commit) - at(b.commit));
}
function byAssistant(rows) {
  const tallies = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const names = assistantsOf(row.signals);
    for (const name of names.length > 0 ? names : [NO_ASSISTANT]) {
      const t = tallies.get(name) ?? { changes: 0, covered: 0, uncovered: 0 };
      t.changes++;
      if (row.principals) t.covered++;
      else t.uncovered++;
      tallies.set(name, t);
    }
  }
  return [...tallies].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
}
function signalList(signals) {
  if (signals.length === 0) return "";
  return `<ul>${signals.map((s) => `<li>${escapeHtml(signalText(s))}</li>`).join("")}</ul>`;
}
function pathRow(r) {
  const names = assistantsOf(r.signals);
  const status = r.principals ? `<td class="covered">covered by ${escapeHtml(r.principals.join(", "))}</td>` : `<td class="uncovered"><strong>NOT covered</strong><br>${escapeHtml(r.reason ?? "")}</td>`;
  return [
    `<tr class="${r.principals ? "covered" : "uncovered"}">`,
    `<th scope="row"><code>${escapeHtml(r.path)}</code></th>`,
    `<td>${short(r.commit)}</td>`,
    `<td>${escapeHtml(names.length > 0 ? names.join(", ") : NO_ASSISTANT)}</td>`,
    `<td>${signalList(r.signals)}</td>`,
    status,
    "</tr>"
  ].join("");
}
function renderHtml(v, page) {
  const rows = rowsOf(v, page.fired);
  const title = `cleanroom scan of ${page.range}`;
  const summary2 = [
    ["Range", page.range],
    ["Policy", `${v.policy} (mode: ${v.mode})`],
    ["Commits scanned", String(v.checked.commits)],
    ["Paths changed", String(v.checked.paths)],
    ["Protected changes", String(v.checked.protectedPaths)],
    ["Not covered", String(v.findings.length)],
    ["Covered by a review", String(v.reviewed.length)]
  ];
  const out = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${escapeHtml(title)}</h1>`,
    '<section aria-labelledby="summary">',
    '<h2 id="summary">Summary</h2>',
    `<p class="outcome ${v.outcome}"><strong>${escapeHtml(headline(v))}</strong> (${escapeHtml(scopeText(v, ""))})</p>`,
    `<dl class="summary">${summary2.map(([k, val]) => `<dt>${k}</dt><dd>${escapeHtml(val)}</dd>`).join("")}</dl>`,
    v.findings.length > 0 ? `<p>${escapeHtml(REVIEW_NOTE)}</p>` : "",
    "</section>",
    '<section aria-labelledby="per-path">',
    '<h2 id="per-path">Protected changes by path</h2>'
  ];
  if (rows.length === 0) out.push(`<p>${escapeHtml(plural(0, "protected change"))} needing a review.</p>`);
  else {
    out.push(
      '<table id="paths">',
      `<caption>${escapeHtml(plural(rows.length, "protected change"))} that needed a review: ${v.reviewed.length} covered, ${v.findings.length} not covered</caption>`,
      '<thead><tr><th scope="col">Path</th><th scope="col">Commit</th><th scope="col">Assistant(s)</th><th scope="col">Signals (evidence)</th><th scope="col">Review</th></tr></thead>',
      `<tbody>${rows.map(pathRow).join("")}</tbody>`,
      "</table>"
    );
  }
  out.push("</section>", '<section aria-labelledby="per-assistant">', '<h2 id="per-assistant">Changes by assistant</h2>');
  const tallies = byAssistant(rows);
  if (tallies.length === 0) out.push(`<p>${escapeHtml(plural(0, "protected change"))} needing a review.</p>`);
  else {
    out.push(
      '<table id="assistants">',
      "<caption>Protected changes per assistant; a change several assistants are seen in counts for each</caption>",
      '<thead><tr><th scope="col">Assistant</th><th scope="col">Changes</th><th scope="col">Covered</th><th scope="col">Not covered</th></tr></thead>',
      "<tbody>",
      ...tallies.map(
        ([name, t]) => `<tr><th scope="row">${escapeHtml(name)}</th><td class="num">${t.changes}</td><td class="num">${t.covered}</td><td class="num">${t.uncovered}</td></tr>`
      ),
      "</tbody>",
      "</table>"
    );
  }
  out.push("</section>");
  if (page.fired.length > 0) {
    out.push(
      '<section aria-labelledby="commits">',
      '<h2 id="commits">Commits whose signals fired</h2>',
      '<table id="commits-fired">',
      '<thead><tr><th scope="col">Commit</th><th scope="col">Signals (evidence)</th></tr></thead>',
      `<tbody>${page.fired.map((f) => `<tr><th scope="row">${short(f.commit)}</th><td>${signalList(f.signals)}</td></tr>`).join("")}</tbody>`,
      "</table>",
      "</section>"
    );
  }
  if (v.rejectedAttestations.length > 0) {
    out.push('<section aria-labelledby="rejected">', '<h2 id="rejected">Attestations that do not count</h2>', "<ul>");
    for (const a of v.rejectedAttestations) {
      out.push(`<li><code>${escapeHtml(a.file)}</code><ul>${a.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul></li>`);
    }
    out.push("</ul>", "</section>");
  }
  out.push("</main>", "</body>", "</html>", "");
  return out.join("\n");
}
var ESCAPES, NO_ASSISTANT, assistantsOf, short, STYLE;
var init_html = __esm({
  "../../../work/main/src/report/html.ts"() {
    "use strict";
    init_messages();
    ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    NO_ASSISTANT = "no assistant signal (review-always)";
    assistantsOf = (signals) => [...new Set(signals.map((s) => s.assistant))];
    short = (commit) => commit === null ? "" : `<code class="oid" title="${escapeHtml(commit)}">${escapeHtml(commit.slice(0, 12))}</code>`;
    STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c8c8c8; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #efefef; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
ul { margin: 0; padding-left: 1.1rem; }
code { font: 13px ui-monospace, monospace; word-break: break-all; }
code.oid { white-space: nowrap; word-break: normal; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
.blocked, td.uncovered { background: #fde8e8; } .allowed, td.covered { background: #e6f4ea; } .warned { background: #fff4d6; }
p.outcome { padding: .5rem .75rem; border-left: 4px solid #777; }
`;
  }
});

// ../../../work/main/src/commands/scan.ts
var scan_exports = {};
__export(scan_exports, {
  default: () => scan_default
});
function progressLine(stderr) {
  if (!stderr.isTTY) return null;
  let shown = false;
  return {
    report(done, total) {
      shown = true;
      stderr.write(`\rscanning ${done}/${total} commits`);
    },
    clear() {
      if (shown) stderr.write("\r\x1B[K");
      shown = false;
    }
  };
}
function firedIn(subjects) {
  return subjects.flatMap((s) => {
    const signals = [...s.signals, ...s.pathSignals];
    return s.commit !== null && signals.length > 0 ? [{ commit: s.commit, signals }] : [];
  });
}
async function scanRange(ctx, text2, onProgress) {
  const range = text2 === void 0 ? { include: [ALL_OF_HEAD], exclude: [] } : parseRange(text2);
  const resolve = (revs) => Promise.all(revs.map((r) => ctx.engine.resolve(r)));
  const resolved = { include: await resolve(range.include), exclude: await resolve(range.exclude) };
  return { range: resolved, subjects: await inspectCommits(ctx, resolved, { rev: resolved.include[0] ?? "" }, onProgress) };
}
var import_promises5, import_node_path16, usage6, ALL_OF_HEAD, scan, scan_default;
var init_scan = __esm({
  "../../../work/main/src/commands/scan.ts"() {
    "use strict";
    import_promises5 = __toESM(require("node:fs/promises"), 1);
    import_node_path16 = __toESM(require("node:path"), 1);
    init_decide();
    init_errors();
    init_inspect();
    init_html();
    init_json();
    init_messages();
    init_text();
    init_check();
    init_shared();
    usage6 = `usage: cleanroom scan [A..B] [--format text|json|html] [--output FILE] [--policy FILE]

Audits recorded history: every assistant-made change to a protected path, and whether a human
review covers it. Each commit is judged as \`check --range\` judges it, with the reviews in the
tree of B.
  A..B            the commits reachable from B and not from A (default: all of HEAD's history)
  --format FMT    text (default), json, or html (one self-contained page with per-path and
                  per-assistant overviews)
  --output FILE   write the report to FILE instead of standard output
  --policy FILE   use this policy instead of the repository's

Exit codes: 0 everything covered (or warn mode), 1 something is not covered, 2 error.`;
    ALL_OF_HEAD = "HEAD";
    scan = {
      summary: "audit history: every assistant-made protected change and whether a review covers it",
      usage: usage6,
      async run(args, io) {
        const { values, positionals } = parseOptions2("scan", args, {
          format: { type: "string", default: "text" },
          output: { type: "string" },
          policy: { type: "string" }
        }, true);
        if (positionals.length > 1) throw new CleanroomError("EUSAGE", `scan takes one range A..B, got ${positionals.length} arguments`);
        const format = values.format;
        if (format !== "text" && format !== "json" && format !== "html") {
          throw new CleanroomError("EUSAGE", `--format must be text, json or html, got "${format}"`);
        }
        const ctx = await openContext(io, { policy: values.policy, history: true });
        const progress = progressLine(io.stderr);
        try {
          const spec = positionals[0];
          const { range, subjects } = await scanRange(ctx, spec, progress?.report);
          progress?.clear();
          const verdict = decide({ policy: ctx.policy, subjects });
          const fired = firedIn(subjects);
          const report = format === "json" ? renderJson(verdict, { engine: ctx.engine.kind, range, commitsWithSignals: fired }) : format === "html" ? renderHtml(verdict, { range: spec ?? ALL_OF_HEAD, fired }) : renderText(verdict, { ...styleFor(values.output ? {} : io.stdout, io.env), label: "cleanroom scan", scope: "" });
          if (values.output) {
            await import_promises5.default.writeFile(import_node_path16.default.resolve(io.cwd, values.output), report).catch((e) => {
              throw new CleanroomError("EUSAGE", `cannot write the report to ${values.output}: ${e.message}`);
            });
            io.stdout.write(`cleanroom scan: ${headline(verdict)} (${scopeText(verdict, "")}; policy ${verdict.policy}); report in ${values.output}
`);
          } else io.stdout.write(report);
          return exitFor(verdict);
        } finally {
          progress?.clear();
          await ctx.close();
        }
      }
    };
    scan_default = scan;
  }
});

// ../../../work/main/src/commands/init.ts
var init_exports = {};
__export(init_exports, {
  default: () => init_default
});
function policyText() {
  const text2 = import_node_fs10.default.readFileSync(import_node_path17.default.join(PACKAGE_ROOT, "policy.yaml"), "utf8");
  return text2.replace(/^version: 1$/m, `version: 1
repository: urn:uuid:${(0, import_node_crypto10.randomUUID)()}`);
}
function runsCleanroom(text2, hook2, shim) {
  return text2.includes(MARK) || text2.includes(SHIM_SIGNATURE) || text2.includes(shim) || new RegExp(`cleanroom(?:\\.js)?['"]?[ \\t]+hook[ \\t]+['"]?${hook2}(?![\\w-])`).test(text2);
}
function installedInProject(workTree) {
  const local = realpath(import_node_path17.default.join(workTree, "node_modules", "cleanroom"));
  return local !== null && local === realpath(PACKAGE_ROOT);
}
function wireHusky(workTree, hooksPath, say) {
  const huskyDir = import_node_path17.default.join(workTree, ".husky");
  for (const hook2 of HOOK_NAMES) {
    const file = import_node_path17.default.join(huskyDir, hook2);
    const line = `cleanroom hook ${hook2} "$@"`;
    const existing = import_node_fs10.default.existsSync(file) ? import_node_fs10.default.readFileSync(file, "utf8") : null;
    if (existing !== null && runsCleanroom(existing, hook2, import_node_path17.default.join(PACKAGE_ROOT, "hooks", hook2))) {
      say(`  .husky/${hook2}: already runs cleanroom`);
      continue;
    }
    const next = existing === null ? `${line}
` : `${existing.replace(/\n?$/, "\n")}${line}
`;
    import_node_fs10.default.writeFileSync(file, next, { mode: 493 });
    say(`  .husky/${hook2}: ${existing === null ? "created" : "appended"} \`${line}\``);
  }
  if (import_node_path17.default.resolve(workTree, hooksPath) !== import_node_path17.default.join(huskyDir, "_")) {
    say("  note: core.hooksPath is not .husky/_, so git does not run these files yet: run `npx husky` (husky 9)");
  }
  if (!import_node_fs10.default.existsSync(import_node_path17.default.join(workTree, "node_modules", ".bin", "cleanroom"))) {
    say('  note: node_modules/.bin/cleanroom is missing, so these lines fail with "command not found": `npm install --save-dev cleanroom`');
  }
}
function wireHooksFolder(workTree, hooksDir, say) {
  import_node_fs10.default.mkdirSync(hooksDir, { recursive: true });
  const copyShim = installedInProject(workTree);
  for (const hook2 of HOOK_NAMES) {
    const file = import_node_path17.default.join(hooksDir, hook2);
    const shimPath = import_node_path17.default.join(PACKAGE_ROOT, "hooks", hook2);
    const shim = shellQuote(shimPath);
    const stat = import_node_fs10.default.lstatSync(file, { throwIfNoEntry: false });
    if (stat) {
      const text3 = readText(file);
      if (runsCleanroom(text3, hook2, shimPath)) say(`  ${file}: already runs cleanroom`);
      else if (text3.includes("File generated by pre-commit")) {
        say(`  ${file}: managed by the pre-commit framework, left untouched; add cleanroom's hooks to .pre-commit-config.yaml (see README, "Installing the hooks")`);
      } else say(`  ${file}: exists, left untouched; to run cleanroom too, add this line to it: ${shim} "$@" || exit $?`);
      continue;
    }
    const text2 = copyShim ? import_node_fs10.default.readFileSync(shimPath, "utf8") : `#!/bin/sh
${MARK}
exec ${shim} "$@"
`;
    import_node_fs10.default.writeFileSync(file, text2, { mode: 493 });
    say(`  ${file}: installed${copyShim ? " (a copy of the shim; it runs node_modules/cleanroom)" : ""}`);
  }
}
function recordsFor(agent, command) {
  return new RegExp(`cleanroom(?:\\.js)?['"]?[ \\t]+record[ \\t]+['"]?${agent}(?![\\w-])`).test(command);
}
function mergeHooks(w, config, command) {
  if (w.versioned && config.version === void 0) config.version = 1;
  const hooks = config.hooks ?? (config.hooks = {});
  if (!isObject3(hooks)) throw new Refusal('its "hooks" is not an object');
  const changed = [];
  const present = [];
  for (const { event, matcher } of w.events) {
    const list = hooks[event] ?? (hooks[event] = []);
    if (!Array.isArray(list)) throw new Refusal(`its "hooks.${event}" is not a list`);
    const entries = matcher === void 0 ? list : list.flatMap((g) => isObject3(g) && Array.isArray(g.hooks) ? g.hooks : []);
    const ours = entries.find((e) => isObject3(e) && typeof e[w.key] === "string" && recordsFor(w.agent, e[w.key]));
    const label = matcher === void 0 ? event : `${event} (${matcher})`;
    if (ours?.[w.key] === command) present.push(label);
    else {
      if (ours) ours[w.key] = command;
      else list.push(matcher === void 0 ? w.entry(command) : { matcher, hooks: [w.entry(command)] });
      changed.push(label);
    }
  }
  return { changed, present };
}
function wireAgent(w, workTree, command, say) {
  const file = import_node_path17.default.join(workTree, w.file);
  const text2 = import_node_fs10.default.existsSync(file) ? import_node_fs10.default.readFileSync(file, "utf8") : null;
  const byHand = () => {
    const wanted = {};
    mergeHooks(w, wanted, command);
    return JSON.stringify(wanted.hooks);
  };
  try {
    let config = {};
    if (text2 !== null && text2.trim() !== "") {
      try {
        config = JSON.parse(text2);
      } catch (e) {
        throw new Refusal(`it is not plain JSON (${e.message})`);
      }
    }
    if (!isObject3(config)) throw new Refusal("it is not a JSON object");
    const { changed, present } = mergeHooks(w, config, command);
    if (changed.length === 0) {
      say(`  ${w.name}: ${w.file}: already records (${present.join(", ")})`);
      return;
    }
    const indent = text2 && /^([ \t]+)"/m.exec(text2)?.[1] || "  ";
    import_node_fs10.default.mkdirSync(import_node_path17.default.dirname(file), { recursive: true });
    import_node_fs10.default.writeFileSync(file, `${JSON.stringify(config, null, indent)}
`);
    say(`  ${w.name}: ${w.file}: ${text2 === null ? "written" : "merged"}: \`${command}\` on ${changed.join(", ")}`);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    say(`  ${w.name}: ${w.file}: left untouched: ${e.message}; add these to its "hooks" by hand: ${byHand()}`);
  }
}
function wireAgents(workTree, local, say) {
  const found = AGENT_WIRINGS.filter((w) => w.signs.some((s) => import_node_fs10.default.existsSync(import_node_path17.default.join(workTree, s))));
  say(`agents: ${found.length === 0 ? "none found in this project" : found.map((w) => w.name).join(", ")}`);
  for (const w of AGENT_WIRINGS) {
    if (!found.includes(w)) {
      const dir = w.file.slice(0, w.file.lastIndexOf("/"));
      say(`  ${w.name}: not found (no ${w.signs.join(" or ")}); to record it too: mkdir -p ${dir} && cleanroom init --agents`);
      continue;
    }
    const command = local ? `${w.root}/node_modules/.bin/cleanroom record ${w.agent}` : `${shellQuote(import_node_path17.default.join(PACKAGE_ROOT, "bin", "cleanroom.js"))} record ${w.agent}`;
    wireAgent(w, workTree, command, say);
  }
  if (found.length > 0 && !local) {
    say("  note: these hooks run this installation of cleanroom by its path; with cleanroom in the project (npm install --save-dev cleanroom) run init --agents again and they work in every clone");
  }
}
var import_node_crypto10, import_node_fs10, import_node_path17, HOOK_NAMES, MARK, SHIM_SIGNATURE, usage7, realpath, readText, isObject3, GIT_ROOT, commandEntry, AGENT_WIRINGS, Refusal, init, init_default;
var init_init = __esm({
  "../../../work/main/src/commands/init.ts"() {
    "use strict";
    import_node_crypto10 = require("node:crypto");
    import_node_fs10 = __toESM(require("node:fs"), 1);
    import_node_path17 = __toESM(require("node:path"), 1);
    init_errors();
    init_exec();
    init_repo();
    init_load();
    init_messages();
    init_shared();
    init_paths();
    HOOK_NAMES = ["pre-commit", "prepare-commit-msg", "commit-msg", "pre-push"];
    MARK = "# installed by cleanroom init";
    SHIM_SIGNATURE = "# cleanroom git hook shim.";
    usage7 = `usage: cleanroom init [--no-hooks] [--agents]

Writes ${POLICY_PATH} (the default policy with a fresh repository id) unless one exists, and wires
the hooks: into .husky/ when the repository uses husky, otherwise into git's hooks folder
(core.hooksPath respected). Existing hooks are never overwritten: init says what it skipped
and the line to add.

--agents also wires \`cleanroom record\` into the hooks of each assistant the project uses, so
what an assistant writes is recorded when it writes it, even if a person commits it later:
.claude/settings.json (Claude Code), .codex/hooks.json (Codex), .cursor/hooks.json (Cursor),
.gemini/settings.json (Gemini CLI), .github/hooks/cleanroom.json (Copilot CLI). Entries are merged
into what is there, and a second run changes nothing.`;
    realpath = (p) => {
      try {
        return import_node_fs10.default.realpathSync(p);
      } catch {
        return null;
      }
    };
    readText = (p) => {
      try {
        return import_node_fs10.default.readFileSync(p, "utf8");
      } catch {
        return "";
      }
    };
    isObject3 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
    GIT_ROOT = '"$(git rev-parse --show-toplevel)"';
    commandEntry = (command) => ({ type: "command", command });
    AGENT_WIRINGS = [
      {
        agent: "claude-code",
        name: "Claude Code",
        signs: [".claude", "CLAUDE.md"],
        file: ".claude/settings.json",
        root: '"$CLAUDE_PROJECT_DIR"',
        events: [
          { event: "PostToolUse", matcher: "Write|Edit|MultiEdit|NotebookEdit|Bash" },
          { event: "PreToolUse", matcher: "Bash" }
        ],
        entry: commandEntry,
        key: "command",
        versioned: false
      },
      {
        agent: "codex",
        name: "Codex",
        signs: [".codex"],
        file: ".codex/hooks.json",
        root: GIT_ROOT,
        events: [
          { event: "PostToolUse", matcher: "apply_patch|Edit|Write|Bash" },
          { event: "PreToolUse", matcher: "Bash" }
        ],
        entry: commandEntry,
        key: "command",
        versioned: false
      },
      {
        agent: "cursor",
        name: "Cursor",
        signs: [".cursor"],
        file: ".cursor/hooks.json",
        root: GIT_ROOT,
        events: [{ event: "afterFileEdit" }, { event: "afterShellExecution" }],
        entry: (command) => ({ command }),
        key: "command",
        versioned: true
      },
      {
        agent: "gemini",
        name: "Gemini CLI",
        signs: [".gemini", "GEMINI.md"],
        file: ".gemini/settings.json",
        root: '"$GEMINI_PROJECT_DIR"',
        events: [
          { event: "AfterTool", matcher: "write_file|replace|run_shell_command" },
          { event: "BeforeTool", matcher: "run_shell_command" }
        ],
        entry: (command) => ({ name: "cleanroom-record", type: "command", command }),
        key: "command",
        versioned: false
      },
      {
        // PascalCase events: Copilot CLI then sends snake_case payloads that carry the session id.
        agent: "copilot",
        name: "Copilot CLI",
        signs: [".github/hooks", ".github/copilot-instructions.md"],
        file: ".github/hooks/cleanroom.json",
        root: GIT_ROOT,
        events: [{ event: "PreToolUse" }, { event: "PostToolUse" }],
        entry: (command) => ({ type: "command", bash: command }),
        key: "bash",
        versioned: true
      }
    ];
    Refusal = class extends Error {
    };
    init = {
      summary: "write the policy and wire the hooks",
      usage: usage7,
      async run(args, io) {
        const { values } = parseOptions2("init", args, { "no-hooks": { type: "boolean" }, agents: { type: "boolean" } });
        const repo = await discoverRepo(io.cwd, io.env);
        if (!repo.workTree) {
          throw new CleanroomError("EINIT", `${repo.gitDir} is a bare repository: cleanroom init needs a working tree, run it in a clone`);
        }
        const say = (s) => io.stdout.write(`${s}
`);
        const policyFile = import_node_path17.default.join(repo.workTree, POLICY_PATH);
        if (import_node_fs10.default.existsSync(policyFile)) say(`${POLICY_PATH}: exists, kept`);
        else {
          import_node_fs10.default.mkdirSync(import_node_path17.default.dirname(policyFile), { recursive: true });
          import_node_fs10.default.writeFileSync(policyFile, policyText());
          say(`${POLICY_PATH}: written (commit it: the hooks judge by the committed policy)`);
        }
        if (!values["no-hooks"]) {
          const out = await gitOk(["rev-parse", "--git-path", "hooks"], { cwd: repo.workTree, env: repo.env });
          const hooksDir = import_node_path17.default.resolve(repo.workTree, out.toString("utf8").trim());
          if (import_node_fs10.default.existsSync(import_node_path17.default.join(repo.workTree, ".husky"))) {
            say("hooks: husky detected");
            wireHusky(repo.workTree, hooksDir, say);
          } else {
            say(`hooks: ${hooksDir}`);
            wireHooksFolder(repo.workTree, hooksDir, say);
          }
        }
        if (values.agents) wireAgents(repo.workTree, installedInProject(repo.workTree), say);
        return EXIT.allowed;
      }
    };
    init_default = init;
  }
});

// ../../../work/main/src/provenance/payloads.ts
function isAgent(name) {
  return AGENTS.includes(name);
}
function patchWrites(patch) {
  const files = [];
  let current = null;
  for (const raw of patch.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const header = /^\*\*\* (Add File|Update File|Move to|Delete File|End Patch): ?(.*)$/.exec(line);
    if (header) {
      const [, kind2, target = ""] = header;
      if (kind2 === "Add File") files.push(current = { path: target.trim(), added: null });
      else if (kind2 === "Update File") files.push(current = { path: target.trim(), added: [] });
      else if (kind2 === "Move to") {
        if (current) current.path = target.trim();
      } else current = null;
    } else if (current?.added && line.startsWith("+")) current.added.push(line.slice(1));
  }
  return files.filter((f) => f.path !== "").map((f) => ({ path: f.path, introduced: f.added }));
}
function patchText(input) {
  const candidates = [input, obj(input)?.command, obj(input)?.patch, obj(input)?.input];
  for (const c of candidates) {
    const text2 = Array.isArray(c) ? c.filter((s) => typeof s === "string").join("\n") : c;
    if (typeof text2 === "string" && /^\*\*\* (Add|Update) File: /m.test(text2)) return text2;
  }
  return null;
}
function result2(base, found) {
  const { agent, session, tool, cwd } = base;
  const writes = (found.writes ?? []).filter((w) => w.path !== null).map((w) => ({ path: w.path, agent, session, tool, introduced: w.introduced }));
  const shell = found.shell ? { ...found.shell, agent, session, tool } : null;
  return { cwd, writes, shell };
}
function claudeCode(d) {
  const tool = str(d.tool_name) ?? "";
  const base = { agent: "claude-code", session: str(d.session_id) ?? "", tool, cwd: str(d.cwd) };
  const event = str(d.hook_event_name) ?? "PostToolUse";
  const input = obj(d.tool_input) ?? {};
  const filePath = first(input.file_path, obj(d.tool_response)?.filePath);
  if (tool === "Bash") {
    const phase = event === "PreToolUse" ? "before" : "after";
    return result2(base, { shell: { phase, callId: str(d.tool_use_id) ?? tool, durationMs: num(d.duration_ms) } });
  }
  if (event !== "PostToolUse") return none(base);
  switch (tool) {
    case "Write":
      return result2(base, { writes: [{ path: filePath, introduced: null }] });
    case "Edit":
      return result2(base, { writes: [{ path: filePath, introduced: one(input.new_string) }] });
    case "MultiEdit":
      return result2(base, { writes: [{ path: filePath, introduced: each(input.edits, "new_string") }] });
    case "NotebookEdit":
      return result2(base, { writes: [{ path: first(input.notebook_path, filePath), introduced: null }] });
    default:
      return none(base);
  }
}
function codex(d) {
  const tool = str(d.tool_name) ?? "";
  const base = { agent: "codex", session: str(d.session_id) ?? "", tool, cwd: str(d.cwd) };
  const event = str(d.hook_event_name) ?? "PostToolUse";
  if (tool === "Bash") {
    const phase = event === "PreToolUse" ? "before" : "after";
    const writes = phase === "after" ? patchFiles(obj(d.tool_input)?.command) : [];
    return result2(base, { writes, shell: { phase, callId: str(d.tool_use_id) ?? tool, durationMs: null } });
  }
  if (event !== "PostToolUse") return none(base);
  return result2(base, { writes: patchFiles(d.tool_input) });
}
function cursor(d) {
  const event = str(d.hook_event_name) ?? "";
  const roots = Array.isArray(d.workspace_roots) ? d.workspace_roots : [];
  const input = obj(d.tool_input) ?? {};
  const tool = str(d.tool_name) ?? event;
  const base = { agent: "cursor", session: first(d.conversation_id, d.session_id) ?? "", tool, cwd: first(d.cwd, roots[0]) };
  const shellAfter = () => result2(base, { shell: { phase: "after", callId: first(d.tool_use_id, d.generation_id) ?? tool, durationMs: num(d.duration) } });
  switch (event) {
    case "afterFileEdit":
    case "afterTabFileEdit":
      return result2(base, { writes: [{ path: str(d.file_path), introduced: Array.isArray(d.edits) ? each(d.edits, "new_string") : null }] });
    case "afterShellExecution":
      return shellAfter();
    case "postToolUse": {
      const filePath = first(input.file_path, input.path, input.filePath);
      switch (tool) {
        case "Write":
          return result2(base, { writes: [{ path: filePath, introduced: null }] });
        case "StrReplace":
        case "Edit":
          return result2(base, { writes: [{ path: filePath, introduced: one(input.new_string, input.newString) }] });
        case "ApplyPatch":
          return result2(base, { writes: patchFiles(input) });
        case "Shell":
          return shellAfter();
        default:
          return none(base);
      }
    }
    default:
      return none(base);
  }
}
function gemini(d) {
  const tool = str(d.tool_name) ?? "";
  const base = { agent: "gemini", session: str(d.session_id) ?? "", tool, cwd: str(d.cwd) };
  const event = str(d.hook_event_name) ?? "AfterTool";
  const input = obj(d.tool_input) ?? {};
  if (tool === "run_shell_command") {
    const phase = event === "BeforeTool" ? "before" : "after";
    return result2(base, { shell: { phase, callId: str(d.tool_use_id) ?? tool, durationMs: null } });
  }
  if (event !== "AfterTool") return none(base);
  if (tool === "write_file") return result2(base, { writes: [{ path: str(input.file_path), introduced: null }] });
  if (tool === "replace") return result2(base, { writes: [{ path: str(input.file_path), introduced: one(input.new_string) }] });
  return none(base);
}
function copilot(d) {
  const tool = first(d.tool_name, d.toolName) ?? "";
  const base = { agent: "copilot", session: first(d.session_id, d.sessionId) ?? "", tool, cwd: str(d.cwd) };
  let args = d.tool_input ?? d.toolInput ?? d.toolArgs;
  if (typeof args === "string") {
    try {
      args = JSON.parse(args);
    } catch {
    }
  }
  const input = obj(args) ?? {};
  const ran = "toolResult" in d || "tool_result" in d || "tool_response" in d;
  const event = (first(d.hook_event_name, d.hookEventName) ?? (ran ? "postToolUse" : "preToolUse")).toLowerCase();
  if (tool === "bash" || tool === "powershell") {
    const phase = event === "pretooluse" ? "before" : "after";
    return result2(base, { shell: { phase, callId: first(d.tool_use_id, d.toolUseId) ?? tool, durationMs: null } });
  }
  if (event !== "posttooluse") return none(base);
  const filePath = first(input.path, input.file_path, input.filePath);
  switch (tool) {
    case "create":
      return result2(base, { writes: [{ path: filePath, introduced: null }] });
    case "edit":
    case "str_replace":
    case "str_replace_editor":
      return result2(base, {
        writes: [{ path: filePath, introduced: input.command === "create" ? null : one(input.new_str, input.new_string) }]
      });
    case "apply_patch":
      return result2(base, { writes: patchFiles(args) });
    default:
      return none(base);
  }
}
function parsePayload(agent, text2) {
  if (text2.trim() === "") throw new PayloadError("empty payload on stdin");
  let data;
  try {
    data = JSON.parse(text2);
  } catch (e) {
    throw new PayloadError(`payload is not JSON (${e.message}; ${text2.length} characters)`);
  }
  const d = obj(data);
  if (!d) throw new PayloadError(`payload is JSON but not an object (${Array.isArray(data) ? "an array" : typeof data})`);
  return PARSERS[agent](d);
}
var AGENTS, PayloadError, obj, str, num, first, each, one, none, patchFiles, PARSERS;
var init_payloads = __esm({
  "../../../work/main/src/provenance/payloads.ts"() {
    "use strict";
    AGENTS = ["claude-code", "codex", "cursor", "gemini", "copilot"];
    PayloadError = class extends Error {
    };
    obj = (v) => typeof v === "object" && v !== null && !Array.isArray(v) ? v : null;
    str = (v) => typeof v === "string" && v !== "" ? v : null;
    num = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null;
    first = (...values) => {
      for (const v of values) {
        const s = str(v);
        if (s !== null) return s;
      }
      return null;
    };
    each = (edits, key) => Array.isArray(edits) ? edits.map((e) => obj(e)?.[key]).filter((s) => typeof s === "string") : [];
    one = (...values) => {
      const s = first(...values);
      return s === null ? [] : [s];
    };
    none = (base) => ({ cwd: base.cwd, writes: [], shell: null });
    patchFiles = (input) => {
      const text2 = patchText(input);
      return text2 === null ? [] : patchWrites(text2);
    };
    PARSERS = { "claude-code": claudeCode, codex, cursor, gemini, copilot };
  }
});

// ../../../work/main/src/provenance/record.ts
function objectFormat(commonDir) {
  let config = "";
  try {
    config = import_node_fs11.default.readFileSync(import_node_path18.default.join(commonDir, "config"), "utf8");
  } catch {
    return "sha1";
  }
  const section = /^\s*\[extensions\]([^[]*)/im.exec(config)?.[1] ?? "";
  return /^\s*objectformat\s*=\s*"?sha256"?\s*$/im.test(section) ? "sha256" : "sha1";
}
function findRepo(dir) {
  const cached = repoCache.get(dir);
  if (cached !== void 0) return cached;
  let found = null;
  const dotGit = import_node_path18.default.join(dir, ".git");
  const stat = import_node_fs11.default.statSync(dotGit, { throwIfNoEntry: false });
  let gitDir = null;
  if (stat?.isDirectory()) gitDir = dotGit;
  else if (stat?.isFile()) {
    const m = /^gitdir: (.+)$/m.exec(import_node_fs11.default.readFileSync(dotGit, "utf8"));
    if (m?.[1]) gitDir = import_node_path18.default.resolve(dir, m[1].trim());
  }
  if (gitDir !== null) {
    let commonDir = gitDir;
    try {
      commonDir = import_node_path18.default.resolve(gitDir, import_node_fs11.default.readFileSync(import_node_path18.default.join(gitDir, "commondir"), "utf8").trim());
    } catch {
    }
    found = { workTree: dir, commonDir, objectFormat: objectFormat(commonDir) };
  } else {
    const parent = import_node_path18.default.dirname(dir);
    found = parent === dir ? null : findRepo(parent);
  }
  repoCache.set(dir, found);
  return found;
}
function repoPath(repo, abs) {
  const rel = import_node_path18.default.relative(repo.workTree, abs);
  if (rel === "" || import_node_path18.default.isAbsolute(rel) || rel === ".." || rel.startsWith(`..${import_node_path18.default.sep}`)) return null;
  const parts = rel.split(import_node_path18.default.sep);
  return parts[0] === ".git" ? null : parts.join("/");
}
function log(commonDir, ctx, agent, message) {
  try {
    const dir = ledgerDir(commonDir);
    import_node_fs11.default.mkdirSync(dir, { recursive: true });
    const file = import_node_path18.default.join(dir, LOG_FILE);
    if ((import_node_fs11.default.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > LOG_MAX_BYTES) import_node_fs11.default.renameSync(file, `${file}.old`);
    import_node_fs11.default.appendFileSync(file, `${ctx.now().toISOString()} ${agent}: ${message.replace(/\s*\n\s*/g, " ")}
`);
  } catch {
  }
}
function linesHolding(lines, introduced) {
  const text2 = lines.map((l) => l.text).join("\n");
  const starts = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.text.length + 1;
  }
  const lineAt = (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const hit = /* @__PURE__ */ new Set();
  for (const chunk of introduced.map((c) => c.replace(/\r\n/g, "\n").replace(/^\n+|\n+$/g, ""))) {
    if (chunk.trim() === "") continue;
    for (let at = text2.indexOf(chunk); at !== -1; at = text2.indexOf(chunk, at + chunk.length)) {
      for (let i = lineAt(at), last = lineAt(at + chunk.length - 1); i <= last; i++) hit.add(i);
    }
  }
  return [...hit].sort((a, b) => a - b).map((i) => lines[i].text);
}
function describe(abs, rel, repo, w, time) {
  const lst = import_node_fs11.default.lstatSync(abs, { throwIfNoEntry: false });
  if (!lst?.isFile()) return null;
  const fd = import_node_fs11.default.openSync(abs, "r");
  let size;
  const blob = (0, import_node_crypto11.createHash)(repo.objectFormat);
  const sha2562 = (0, import_node_crypto11.createHash)("sha256");
  const head = [];
  try {
    size = import_node_fs11.default.fstatSync(fd).size;
    blob.update(`blob ${size}\0`);
    const chunk = Buffer.alloc(Math.min(Math.max(size, 1), 1024 * 1024));
    let read = 0;
    for (let n; (n = import_node_fs11.default.readSync(fd, chunk, 0, chunk.length, read)) > 0; read += n) {
      const part = chunk.subarray(0, n);
      blob.update(part);
      sha2562.update(part);
      if (read < LINES_MAX_BYTES) head.push(Buffer.from(part.subarray(0, LINES_MAX_BYTES - read)));
    }
    if (read !== size) throw new Error(`${rel} changed size while it was read (${size} then ${read} bytes)`);
  } finally {
    import_node_fs11.default.closeSync(fd);
  }
  const record2 = {
    v: 1,
    id: (0, import_node_crypto11.randomBytes)(8).toString("hex"),
    time,
    agent: w.agent,
    session: w.session,
    tool: w.tool,
    path: rel,
    blob: blob.digest("hex"),
    sha256: sha2562.digest("hex"),
    size
  };
  const text2 = addedLines(null, Buffer.concat(head));
  if (text2 === null) return record2;
  const lines = /* @__PURE__ */ new Set();
  let truncated = size > LINES_MAX_BYTES;
  for (const line of w.introduced === null ? text2.map((l) => l.text) : linesHolding(text2, w.introduced)) {
    const fp = lineFingerprint(line);
    if (fp === null) continue;
    if (lines.size === MAX_FINGERPRINTS) {
      truncated = true;
      break;
    }
    lines.add(fp);
  }
  return { ...record2, lines: [...lines], ...truncated ? { truncated: true } : {} };
}
async function changedFiles(repo, env) {
  const r = await runGit(["--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], {
    cwd: repo.workTree,
    env
  });
  if (r.status !== 0) throw new Error(`git status failed: ${r.stderr.trim()}`);
  const files = /* @__PURE__ */ new Map();
  for (const entry of r.stdout.toString("utf8").split("\0")) {
    if (entry.length < 4 || !/[MATU?]/.test(entry.slice(0, 2))) continue;
    const rel = entry.slice(3);
    const st = import_node_fs11.default.lstatSync(import_node_path18.default.join(repo.workTree, rel), { throwIfNoEntry: false });
    if (st?.isFile()) files.set(rel, [st.size, st.mtimeMs]);
  }
  return files;
}
function snapshotFile(repo, call) {
  const key = (0, import_node_crypto11.createHash)("sha256").update(`${call.agent}\0${call.session}\0${call.callId}`).digest("hex").slice(0, 32);
  return import_node_path18.default.join(ledgerDir(repo.commonDir), "shell", `${key}.json`);
}
function sweepSnapshots(dir, now) {
  for (const name of import_node_fs11.default.readdirSync(dir)) {
    const file = import_node_path18.default.join(dir, name);
    const st = import_node_fs11.default.statSync(file, { throwIfNoEntry: false });
    if (st && now - st.mtimeMs > SNAPSHOT_STALE_MS) import_node_fs11.default.rmSync(file, { force: true });
  }
}
async function shellWrites(repo, call, ctx) {
  const file = snapshotFile(repo, call);
  const now = ctx.now().getTime();
  const files = await changedFiles(repo, ctx.env);
  if (call.phase === "before") {
    import_node_fs11.default.mkdirSync(import_node_path18.default.dirname(file), { recursive: true });
    sweepSnapshots(import_node_path18.default.dirname(file), now);
    import_node_fs11.default.writeFileSync(file, JSON.stringify({ files: Object.fromEntries(files) }));
    return { files: [], note: null };
  }
  let before = null;
  try {
    before = JSON.parse(import_node_fs11.default.readFileSync(file, "utf8")).files;
    import_node_fs11.default.rmSync(file, { force: true });
  } catch {
  }
  let written;
  if (before !== null) {
    const prior = before;
    written = [...files].filter(([rel, [size, mtime]]) => prior[rel]?.[0] !== size || prior[rel]?.[1] !== mtime).map(([rel]) => rel);
  } else if (call.durationMs !== null) {
    const since = now - call.durationMs - DURATION_SLACK_MS;
    written = [...files].filter(([, [, mtime]]) => mtime >= since).map(([rel]) => rel);
  } else {
    return { files: [], note: `${call.tool}: no snapshot from before the call and no duration in the payload: its file writes are not recorded (wire the before-tool hook: cleanroom init --agents)` };
  }
  const note = written.length > MAX_SHELL_FILES ? `${call.tool}: ${written.length} files changed; recorded the first ${MAX_SHELL_FILES}` : null;
  return { files: written.slice(0, MAX_SHELL_FILES), note };
}
async function record(agent, input, ctx) {
  let logRepo = findRepoSafe(ctx.cwd);
  const report = (message) => {
    if (logRepo) log(logRepo.commonDir, ctx, agent, message);
  };
  try {
    if (!isAgent(agent)) {
      report(`unknown agent "${agent}"; expected one of ${AGENTS.join(", ")}`);
      return;
    }
    const payload = parsePayload(agent, input);
    const cwd = payload.cwd ? import_node_path18.default.resolve(ctx.cwd, payload.cwd) : ctx.cwd;
    logRepo = findRepoSafe(cwd) ?? logRepo;
    const session = (w) => w.session || ctx.env[SESSION_ENV[agent] ?? ""] || "";
    const time = ctx.now().toISOString();
    const maxBytes = Number(ctx.env.CLEANROOM_LEDGER_MAX_BYTES) || DEFAULT_MAX_BYTES;
    const writes = /* @__PURE__ */ new Map();
    const note = (abs, w) => {
      const prior = writes.get(abs);
      const introduced = prior === void 0 ? w.introduced : prior.introduced && w.introduced && [...prior.introduced, ...w.introduced];
      writes.set(abs, { agent, session: session(w), tool: w.tool, introduced });
    };
    for (const w of payload.writes) note(import_node_path18.default.resolve(cwd, w.path), w);
    const shellRepo = payload.shell && findRepoSafe(cwd);
    if (payload.shell && shellRepo) {
      const { files, note: problem } = await shellWrites(shellRepo, payload.shell, ctx);
      if (problem) report(problem);
      for (const rel of files) note(import_node_path18.default.join(shellRepo.workTree, rel), { ...payload.shell, introduced: null });
    }
    const batches = /* @__PURE__ */ new Map();
    for (const [abs, w] of writes) {
      const repo = findRepoSafe(import_node_path18.default.dirname(abs));
      const rel = repo && repoPath(repo, abs);
      if (!repo || !rel) continue;
      try {
        const r = describe(abs, rel, repo, w, time);
        if (r) batches.set(repo.commonDir, [...batches.get(repo.commonDir) ?? [], r]);
      } catch (e) {
        log(repo.commonDir, ctx, agent, `${rel}: not recorded: ${e.message}`);
      }
    }
    for (const [commonDir, records] of batches) appendRecords(commonDir, records, { maxBytes });
  } catch (e) {
    report(e.message);
  }
}
function findRepoSafe(dir) {
  try {
    return findRepo(dir);
  } catch {
    return null;
  }
}
var import_node_crypto11, import_node_fs11, import_node_path18, LOG_FILE, LOG_MAX_BYTES, LINES_MAX_BYTES, MAX_FINGERPRINTS, MAX_SHELL_FILES, SNAPSHOT_STALE_MS, DURATION_SLACK_MS, repoCache, SESSION_ENV;
var init_record = __esm({
  "../../../work/main/src/provenance/record.ts"() {
    "use strict";
    import_node_crypto11 = require("node:crypto");
    import_node_fs11 = __toESM(require("node:fs"), 1);
    import_node_path18 = __toESM(require("node:path"), 1);
    init_exec();
    init_detect();
    init_ledger();
    init_payloads();
    LOG_FILE = "record.log";
    LOG_MAX_BYTES = 256 * 1024;
    LINES_MAX_BYTES = 16 * 1024 * 1024;
    MAX_FINGERPRINTS = 2e4;
    MAX_SHELL_FILES = 1e3;
    SNAPSHOT_STALE_MS = 24 * 60 * 60 * 1e3;
    DURATION_SLACK_MS = 2e3;
    repoCache = /* @__PURE__ */ new Map();
    SESSION_ENV = {
      "claude-code": "CLAUDE_CODE_SESSION_ID",
      codex: "CODEX_THREAD_ID",
      gemini: "GEMINI_SESSION_ID"
    };
  }
});

// ../../../work/main/src/commands/record.ts
var record_exports = {};
__export(record_exports, {
  default: () => record_default
});
async function readStdin(io) {
  const chunks = [];
  const stdin = io.stdin;
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      stdin.destroy?.();
      resolve();
    }, STDIN_TIMEOUT_MS);
  });
  const read = (async () => {
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  })().catch(() => void 0);
  try {
    await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
var STDIN_TIMEOUT_MS, usage8, recordCommand, record_default;
var init_record2 = __esm({
  "../../../work/main/src/commands/record.ts"() {
    "use strict";
    init_errors();
    init_record();
    init_payloads();
    STDIN_TIMEOUT_MS = 5e3;
    usage8 = `usage: cleanroom record <${AGENTS.join("|")}>

What an assistant's own hook runs after it writes files (\`cleanroom init --agents\` wires it).
Reads the hook's JSON on stdin and records, for each file the tool call created or changed inside
a git repository: its path, git blob id, sha256 and line fingerprints, with the agent, its session
and the time, in <git common dir>/cleanroom/provenance.jsonl (never committed; compacted to its
newest records past 8 MiB, or CLEANROOM_LEDGER_MAX_BYTES). The gate uses it to tell content an
assistant wrote from content a person wrote, even when a person commits it.

Edits (Write, Edit, apply_patch, afterFileEdit, write_file, replace, create, ...) are recorded
from the file on disk. A shell call is recorded by comparing the changed files (git status) before
and after it. Always exits 0 and prints nothing, whatever it receives: its own problems go to
<git common dir>/cleanroom/record.log.`;
    recordCommand = {
      summary: "record the files an assistant's tool call wrote (run by the assistant's hook)",
      usage: usage8,
      async run(args, io) {
        if (io.stdin.isTTY) {
          io.stderr.write("cleanroom record: reads an assistant hook's JSON on stdin; see `cleanroom record --help`\n");
          return EXIT.allowed;
        }
        try {
          const input = await readStdin(io);
          await record(args.join(" "), input, { cwd: io.cwd, env: io.env, now: () => /* @__PURE__ */ new Date() });
        } catch {
        }
        return EXIT.allowed;
      }
    };
    record_default = recordCommand;
  }
});

// ../../../work/main/src/commands/demo.ts
var demo_exports = {};
__export(demo_exports, {
  default: () => demo_default
});
var import_node_child_process4, import_node_fs12, import_node_os3, import_node_path19, HOOKS_DIR, usage9, STEPS, demo, demo_default;
var init_demo = __esm({
  "../../../work/main/src/commands/demo.ts"() {
    "use strict";
    import_node_child_process4 = require("node:child_process");
    import_node_fs12 = __toESM(require("node:fs"), 1);
    import_node_os3 = __toESM(require("node:os"), 1);
    import_node_path19 = __toESM(require("node:path"), 1);
    init_errors();
    init_shared();
    init_paths();
    HOOKS_DIR = import_node_path19.default.join(PACKAGE_ROOT, "hooks");
    usage9 = `usage: cleanroom demo [--keep]

Creates a scratch repository with the embedded default policy and the hooks installed, then
commits to datasets/ three times: as a human (allowed), from an assistant's shell (blocked at
pre-commit), and as Aider does with --no-verify (still blocked, at prepare-commit-msg).
Exits 0 when every step behaved as described. --keep leaves the scratch repository in place.`;
    STEPS = [
      { title: "A human commits a dataset file", env: {}, file: "datasets/human.jsonl", commitArgs: [], expect: "allowed" },
      {
        title: "An assistant's shell (CLAUDECODE=1) commits a dataset file",
        env: { CLAUDECODE: "1" },
        file: "datasets/generated.jsonl",
        commitArgs: [],
        expect: "blocked"
      },
      {
        title: 'Aider commits with --no-verify (committer "Ada (aider)")',
        env: { GIT_COMMITTER_NAME: "Ada (aider)" },
        file: "datasets/aider.jsonl",
        commitArgs: ["--no-verify"],
        expect: "blocked"
      }
    ];
    demo = {
      summary: "show the gate at work in a scratch repository",
      usage: usage9,
      async run(args, io) {
        const { values } = parseOptions2("demo", args, { keep: { type: "boolean" } });
        const dir = import_node_fs12.default.mkdtempSync(import_node_path19.default.join(import_node_os3.default.tmpdir(), "cleanroom-demo-"));
        const base = {
          PATH: io.env.PATH,
          HOME: dir,
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: import_node_path19.default.join(dir, ".gitconfig"),
          GIT_AUTHOR_NAME: "Ada",
          GIT_AUTHOR_EMAIL: "ada@example.org",
          GIT_COMMITTER_NAME: "Ada",
          GIT_COMMITTER_EMAIL: "ada@example.org",
          ...io.env.NO_COLOR !== void 0 ? { NO_COLOR: io.env.NO_COLOR } : {}
        };
        import_node_fs12.default.writeFileSync(import_node_path19.default.join(dir, ".gitconfig"), "");
        const repo = import_node_path19.default.join(dir, "repo");
        const git2 = (gitArgs, env = base) => (0, import_node_child_process4.spawnSync)("git", gitArgs, { cwd: repo, env, encoding: "utf8" });
        const say = (s) => io.stdout.write(`${s}
`);
        import_node_fs12.default.mkdirSync(repo);
        git2(["init", "-q", "-b", "main"]);
        git2(["config", "core.hooksPath", HOOKS_DIR]);
        import_node_fs12.default.writeFileSync(import_node_path19.default.join(repo, "README.md"), "scratch repository for the cleanroom demo\n");
        git2(["add", "README.md"]);
        git2(["commit", "-q", "-m", "initial commit"]);
        say(`scratch repository: ${repo}`);
        say(`policy: the embedded default (protects benchmarks/**, datasets/**, evals/**); hooks: core.hooksPath=${HOOKS_DIR}`);
        let ok = true;
        STEPS.forEach((step, i) => {
          import_node_fs12.default.mkdirSync(import_node_path19.default.join(repo, import_node_path19.default.dirname(step.file)), { recursive: true });
          import_node_fs12.default.writeFileSync(import_node_path19.default.join(repo, step.file), '{"prompt": "2+2", "answer": "4"}\n');
          git2(["add", step.file]);
          say(`
${i + 1}. ${step.title}: $ git commit ${[...step.commitArgs, "-m", `add ${step.file}`].join(" ")}`);
          const r = git2(["commit", ...step.commitArgs, "-m", `add ${step.file}`], { ...base, ...step.env });
          io.stdout.write((r.stderr + r.stdout).replace(/^/gm, "   "));
          const outcome = r.status === 0 ? "allowed" : "blocked";
          say(`   => ${outcome} (expected ${step.expect})`);
          if (outcome !== step.expect) ok = false;
          if (outcome === "blocked") git2(["restore", "--staged", "--", step.file]);
        });
        say(`
${ok ? "demo passed: the gate stopped both assistant commits and let the human through" : "demo FAILED: an outcome differed from the expectation above"}`);
        if (values.keep) say(`kept: ${repo}`);
        else import_node_fs12.default.rmSync(dir, { recursive: true, force: true });
        return ok ? EXIT.allowed : EXIT.blocked;
      }
    };
    demo_default = demo;
  }
});

// ../../../work/main/src/cli.ts
var cli_exports = {};
__export(cli_exports, {
  main: () => main
});
module.exports = __toCommonJS(cli_exports);
init_errors();
var COMMANDS = {
  check: async () => (await Promise.resolve().then(() => (init_check(), check_exports))).default,
  hook: async () => (await Promise.resolve().then(() => (init_hook(), hook_exports))).default,
  policy: async () => (await Promise.resolve().then(() => (init_policy2(), policy_exports))).default,
  attest: async () => (await Promise.resolve().then(() => (init_attest(), attest_exports))).default,
  verify: async () => (await Promise.resolve().then(() => (init_verify2(), verify_exports))).default,
  scan: async () => (await Promise.resolve().then(() => (init_scan(), scan_exports))).default,
  init: async () => (await Promise.resolve().then(() => (init_init(), init_exports))).default,
  record: async () => (await Promise.resolve().then(() => (init_record2(), record_exports))).default,
  demo: async () => (await Promise.resolve().then(() => (init_demo(), demo_exports))).default
};
var SUMMARIES = {
  check: "judge staged changes, a commit or a range against the policy",
  hook: "run as a git hook (pre-commit, prepare-commit-msg, commit-msg, pre-push)",
  policy: "validate a policy file (`policy check [FILE]`)",
  attest: "review protected content and sign for it with an SSH key",
  verify: "show which of a commit's protected content is reviewed, and by whom",
  scan: "audit history: every assistant-made protected change and whether a review covers it",
  init: "write .cleanroom/policy.yaml and wire the hooks into this repository",
  record: "record the files an assistant's tool call wrote (run by the assistant's own hook)",
  demo: "walk a scratch repository through a blocked assistant commit and a passing human one"
};
function help() {
  const rows = Object.keys(COMMANDS).map((name) => `  ${name.padEnd(8)} ${SUMMARIES[name]}`);
  return [
    "usage: cleanroom <command> [options]",
    "",
    "Keeps assistant-generated content out of protected paths unless a human reviewed it.",
    "",
    "commands:",
    ...rows,
    "",
    "Run `cleanroom <command> --help` for a command's options.",
    "Exit codes: 0 allowed, 1 blocked, 2 usage, configuration or internal error.",
    ""
  ].join("\n");
}
async function main(argv, io) {
  const [name, ...rest] = argv;
  try {
    if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(help());
      return name === void 0 ? EXIT.error : EXIT.allowed;
    }
    if (name === "--version" || name === "-V") {
      const { version: version2 } = await Promise.resolve().then(() => (init_version(), version_exports));
      io.stdout.write(`${version2()}
`);
      return EXIT.allowed;
    }
    const load = COMMANDS[name];
    if (!load) throw new CleanroomError("EUSAGE", `unknown command "${name}"; run \`cleanroom --help\` for the list`);
    const command = await load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(`${command.usage}
`);
      return EXIT.allowed;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CleanroomError) {
      io.stderr.write(`cleanroom: error: ${e.message}
`);
    } else {
      const detail = e instanceof Error ? e.message : String(e);
      io.stderr.write(`cleanroom: internal error: ${detail}
(set CLEANROOM_DEBUG=1 to see where)
`);
      if (io.env.CLEANROOM_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}
`);
    }
    return EXIT.error;
  }
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  main
});
