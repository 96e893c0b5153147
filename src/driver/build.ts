/**
 * The only code that runs the C compiler. Turns one generated C translation unit into a CPython
 * extension module `<outDir>/<moduleName><EXT_SUFFIX>`.
 *
 * In:  `BuildRequest` (C text, target `PyInfo`, include dirs of the `specializer` runtime, …).
 * Out: `BuildResult { ok, soPath, command, stderr, cached, diag? }`; a C compiler failure is a
 *      Diagnostic in `diag` (ok=false), never a throw. Only spyc bugs throw (`InternalError`).
 *
 * Invariants:
 *  - the command is exactly
 *      gcc -shared -fPIC -O<n> -fwrapv -fvisibility=hidden -g0 -I<py include> -I<dir>… -D<def>… m.c -o m<EXT_SUFFIX>
 *    (`-fwrapv` because generated overflow checks rely on defined wrap-around; hidden visibility
 *    so only PyInit_<m>, marked default by PyMODINIT_FUNC, is exported);
 *  - the output appears atomically: gcc writes a temp file in outDir that is renamed over the
 *    target; on failure the temp is removed, so a half-written .so is never seen or imported,
 *    and a stale .so from an earlier build is removed too (it no longer matches the source);
 *  - the cache key is a sha256 over everything that can change the bytes of the .so: the C text,
 *    the contents of every file under the include dirs, the flags, the gcc version and the
 *    target python (version, include dir, EXT_SUFFIX). Cache dir: `req.cacheDir`, else
 *    $SPYC_CACHE_DIR, else `<repo>/.cache/build`;
 *  - the C source is also kept as `<outDir>/<moduleName>.c`, so `command` can be rerun verbatim.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic, MessageDef } from "../diag/types.ts";
import { InternalError, formatMessage } from "../diag/types.ts";
import { Msg } from "../diag/messages.ts";
import type { PyInfo } from "./pyinfo.ts";

export interface BuildRequest {
  readonly py: PyInfo;
  /** ASCII identifier; the C text must define PyInit_<moduleName> */
  readonly moduleName: string;
  readonly cText: string;
  readonly outDir: string;
  readonly optLevel: 0 | 2;
  /** `NAME` or `NAME=VALUE`, passed as -D */
  readonly defines?: readonly string[];
  /** searched after the python include dir, in order (specializer/include, specializer/src) */
  readonly includeDirs: readonly string[];
  readonly cacheDir?: string;
}

export interface BuildResult {
  readonly ok: boolean;
  /** absolute path of the module (also set on failure: where it would have been) */
  readonly soPath: string;
  /** the compiler command, shell-quoted, with the final output path */
  readonly command: string;
  readonly stderr: string;
  /** true when the module was copied from the build cache without running gcc */
  readonly cached: boolean;
  readonly diag?: Diagnostic;
}

const CC = "gcc";
/** Bump when the cache layout or key recipe changes, to orphan old entries. */
const CACHE_FORMAT = 1;

export async function buildExtension(req: BuildRequest): Promise<BuildResult> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(req.moduleName)) {
    throw new InternalError(`buildExtension: module name ${JSON.stringify(req.moduleName)} is not a C identifier`);
  }
  const outDir = path.resolve(req.outDir);
  const cPath = path.join(outDir, `${req.moduleName}.c`);
  const soPath = path.join(outDir, `${req.moduleName}${req.py.extSuffix}`);
  const flags = compilerFlags(req);
  const command = [CC, ...flags, cPath, "-o", soPath].map(shellQuote).join(" ");
  const done = (ok: boolean, stderr: string, cached: boolean, diag?: Diagnostic): BuildResult =>
    diag ? { ok, soPath, command, stderr, cached, diag } : { ok, soPath, command, stderr, cached };

  try {
    await fs.mkdir(outDir, { recursive: true });
    await writeFileAtomic(cPath, req.cText);
  } catch (e) {
    return done(false, "", false, diagOf(Msg.OutputUnwritable, outDir, errText(e)));
  }

  const ccVersion = await compilerVersion();
  if (ccVersion instanceof Error) {
    return done(false, "", false, diagOf(Msg.CCompilerNotFound, CC, ccVersion.message));
  }
  const key = await cacheKey(req, flags, ccVersion);
  const cacheDir = path.resolve(req.cacheDir ?? process.env["SPYC_CACHE_DIR"] ?? defaultCacheDir());
  const entry = path.join(cacheDir, key.slice(0, 2), `${key}${req.py.extSuffix}`);

  if (existsSync(entry)) {
    try {
      await copyFileAtomic(entry, soPath);
      return done(true, "", true);
    } catch {
      // An unreadable cache entry is not fatal: fall through and rebuild it.
    }
  }

  const tmp = tempNameFor(soPath);
  const run = await runProcess(CC, [...flags, cPath, "-o", tmp]);
  if (run.error) {
    await fs.rm(tmp, { force: true });
    return done(false, run.stderr, false, diagOf(Msg.CCompilerNotFound, CC, run.error.message));
  }
  if (run.status !== 0) {
    // Also drop a stale module from an earlier build: importing it would run outdated code.
    await Promise.all([fs.rm(tmp, { force: true }), fs.rm(soPath, { force: true })]);
    return done(false, run.stderr, false, diagOf(Msg.CCompilerFailed, req.moduleName, run.signal ?? String(run.status), command));
  }
  try {
    // Cache first (a copy), then publish the temp file by rename: both steps are atomic.
    await fs.mkdir(path.dirname(entry), { recursive: true });
    await copyFileAtomic(tmp, entry).catch(() => undefined); // a read-only cache only costs speed
    await fs.rename(tmp, soPath);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    return done(false, run.stderr, false, diagOf(Msg.OutputUnwritable, soPath, errText(e)));
  }
  return done(true, run.stderr, false);
}

/** Builds all requests with at most `jobs` compilers running at once; results keep input order. */
export async function buildMany(reqs: readonly BuildRequest[], jobs: number = os.cpus().length): Promise<BuildResult[]> {
  const results = new Array<BuildResult>(reqs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < reqs.length) {
      const i = next++;
      results[i] = await buildExtension(reqs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, reqs.length)) }, worker));
  return results;
}

/** Writes via a temp file in the same directory plus rename, so readers see old or new, never half. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempNameFor(file);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------

function compilerFlags(req: BuildRequest): string[] {
  return [
    "-shared", "-fPIC", `-O${req.optLevel}`, "-fwrapv", "-fvisibility=hidden", "-g0",
    `-I${req.py.include}`,
    ...req.includeDirs.map((d) => `-I${path.resolve(d)}`),
    ...(req.defines ?? []).map((d) => `-D${d}`),
  ];
}

async function cacheKey(req: BuildRequest, flags: readonly string[], ccVersion: string): Promise<string> {
  const h = createHash("sha256");
  const field = (name: string, value: string | Uint8Array) => {
    // Length-prefixed fields: no two different inputs can produce the same byte stream.
    const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
    h.update(`${name}:${bytes.length}:`);
    h.update(bytes);
  };
  field("format", String(CACHE_FORMAT));
  field("cc", ccVersion);
  field("flags", JSON.stringify(flags));
  field("py", JSON.stringify([req.py.version, req.py.include, req.py.extSuffix, req.py.platform]));
  field("module", req.moduleName);
  field("c", req.cText);
  for (const dir of req.includeDirs) {
    for (const f of await listFiles(path.resolve(dir))) {
      field("file", path.relative(dir, f));
      field("content", await fs.readFile(f));
    }
  }
  return h.digest("hex");
}

/** Regular files under dir, recursively, in a stable order; a missing dir is simply empty. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

let ccVersionMemo: Promise<string | Error> | null = null;
function compilerVersion(): Promise<string | Error> {
  ccVersionMemo ??= runProcess(CC, ["--version"]).then((r) =>
    r.error ? r.error : r.status !== 0 ? new Error(r.stderr.trim() || `exit status ${r.status}`) : r.stdout.trim(),
  );
  return ccVersionMemo;
}

interface ProcResult { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; error?: Error }

function runProcess(cmd: string, args: readonly string[]): Promise<ProcResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", (error) => resolve({ status: null, signal: null, stdout, stderr, error }));
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

async function copyFileAtomic(from: string, to: string): Promise<void> {
  const tmp = tempNameFor(to);
  try {
    await fs.copyFile(from, tmp);
    await fs.rename(tmp, to);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/** A hidden sibling of `file`: same directory, hence same filesystem, hence rename is atomic. */
function tempNameFor(file: string): string {
  const tag = `${process.pid}.${randomBytes(4).toString("hex")}`;
  return path.join(path.dirname(file), `.${path.basename(file)}.${tag}.tmp`);
}

function defaultCacheDir(): string {
  // Walk up from this file to the repository root (the directory holding package.json), which
  // works whether we run from src/ via tsx or from a compiled build/ tree.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) return path.join(os.tmpdir(), "spyc-cache", "build");
    dir = up;
  }
  return path.join(dir, ".cache", "build");
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_\-+=.,/:@%]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function diagOf(def: MessageDef, ...args: string[]): Diagnostic {
  return { file: null, span: null, code: def.code, severity: def.severity, message: formatMessage(def, args) };
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
