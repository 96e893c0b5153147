/**
 * The only code that runs the C compiler. Turns one generated C translation unit into a CPython
 * extension module `<outDir>/<fileStem><EXT_SUFFIX>`.
 *
 * In:  `BuildRequest` (C text, target `PyInfo`, include dirs of the `specializer` runtime, …).
 * Out: `BuildResult { ok, soPath, command, stderr, cached, diag? }`; a C compiler failure is a
 *      Diagnostic in `diag` (ok=false), never a throw. Only spyc bugs throw (`InternalError`).
 *
 * Invariants:
 *  - the compiler is $CC (default gcc; it may carry arguments, e.g. "ccache gcc"), the flags are
 *      -pipe -fPIC -O<n> -fwrapv -fvisibility=hidden -fno-plt -g0 [-DNDEBUG unless -O0] -I<py include> -I<dir>… -D<def>… <extraFlags> $CFLAGS
 *    for every compile and link step (`-fwrapv` because generated overflow checks rely on defined
 *    wrap-around; hidden visibility so only PyInit_<m>, marked default by PyMODINIT_FUNC, is
 *    exported). Flags that must reach every step (sanitizers, …) go in `extraFlags`; the module's
 *    own compiles also get `moduleFlags` (before the rest: an explicit $CFLAGS flag wins);
 *  - `linkSource` (spyc's runtime, specializer/src/spz_runtime.c) is compiled ONCE per distinct
 *    (flags, compiler, python, contents of the include dirs) into a cached object, with
 *    -DSPZ_RUNTIME_LINKED added to both it and the module, and linked into each module:
 *      $CC -c <flags> -DSPZ_RUNTIME_LINKED spz_runtime.c -o <cache>/runtime/<key>.o
 *      $CC -shared <flags> -DSPZ_RUNTIME_LINKED <cache>/c/<key>/m.c <cache>/runtime/<key>.o -o m<EXT_SUFFIX>
 *  - outputs appear atomically: gcc writes into the cache's tmp/ dir; the bytes are then written
 *    to a temp file in outDir that is renamed over the target. On any failure the temps are
 *    removed, so a half-written .so is never seen or imported, and a stale .so from an earlier
 *    build is removed too (it no longer matches the source). Nothing else is written to outDir:
 *    the C source is compiled from the cache's tmp/ and deleted after a successful build; after
 *    a failed one it is kept at `<cache>/c/<key>/<m>.c`, the path `command` names, so the
 *    failure can be reproduced verbatim. A spyc killed by SIGINT/SIGTERM/SIGHUP kills
 *    its compilers and removes its temps (abortBuilds); one killed by SIGKILL can leave a temp
 *    only in the cache's tmp/ (or, for the microseconds of a write, a hidden `.name.tmp`);
 *  - cache entries (modules and runtime objects) are written by temp file + rename and carry a
 *    sha256 of their bytes in a sidecar `.sum`, checked before use: concurrent builds of the same
 *    module race harmlessly (both write identical bytes; readers see old or new, never half),
 *    and a truncated or corrupted entry is rebuilt instead of being copied out;
 *  - the module cache key is a sha256 over everything that can change the bytes of the .so: the
 *    C text, the contents of every file under the include dirs, the flags, the compiler's
 *    identity (--version) and the target python (version, include dir, EXT_SUFFIX).
 *    Cache dir: `req.cacheDir`, else `cacheRoot()/build` (see cache.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import type { Diagnostic, MessageDef } from "../diag/types.ts";
import { InternalError, formatMessage } from "../diag/types.ts";
import { Msg } from "../diag/messages.ts";
import type { PyInfo } from "./pyinfo.ts";
import { mark } from "./timing.ts";
import { cachedCompilerVersion } from "./ccVersion.ts";
import { cacheRoot, readVerified, removeLiveTemps, tempNameFor, writeFileAtomic, writeVerified } from "./cache.ts";

/** compiler outputs not yet published (removed by abortBuilds on a signal) */
const liveTemps = new Set<string>();

export { writeFileAtomic } from "./cache.ts";

export interface BuildRequest {
  readonly py: PyInfo;
  /** ASCII identifier; the C text must define PyInit_<moduleName> */
  readonly moduleName: string;
  /** the output file's name without EXT_SUFFIX (default moduleName; `__init__` for a package) */
  readonly fileStem?: string;
  readonly cText: string;
  readonly outDir: string;
  readonly optLevel: 0 | 2;
  /** `NAME` or `NAME=VALUE`, passed as -D */
  readonly defines?: readonly string[];
  /** searched after the python include dir, in order (specializer/include, specializer/src) */
  readonly includeDirs: readonly string[];
  /** a C file compiled once into a cached object and linked into the module (spyc's runtime) */
  readonly linkSource?: string;
  /** more flags for every compile and link step (e.g. -fsanitize=address); part of every key */
  readonly extraFlags?: readonly string[];
  readonly cacheDir?: string;
  /**
   * the unit sections of cText (cgen/emitModule.ts "Units"): with more than one, a linked runtime
   * and -O2, the text is compiled as min(units, jobs) units in parallel, then linked
   */
  readonly units?: number;
  /** per section of cText: it holds only generic halves (CUnit.cold), compiled at -Og */
  readonly cold?: readonly boolean[];
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
  /** the verified build-cache entry holding the module's bytes, when there is one */
  readonly cacheEntry?: string;
  readonly diag?: Diagnostic;
}

/** Copies a verified build-cache entry to `soPath` atomically; false when the entry is unusable. */
export async function publishFromCache(entry: string, soPath: string): Promise<boolean> {
  const bytes = await readVerified(entry);
  if (!bytes) return false;
  try {
    await writeFileAtomic(soPath, bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bump when the cache layout or key recipe changes, to orphan old entries. */
const CACHE_FORMAT = 3;
export const LINKED_DEFINE = "SPZ_RUNTIME_LINKED";

/** $CC split into the program and its leading arguments (default gcc). */
export function compilerCommand(env: NodeJS.ProcessEnv = process.env): [string, ...string[]] {
  const words = (env["CC"] ?? "").trim().split(/\s+/).filter(Boolean);
  return words.length ? (words as [string, ...string[]]) : ["gcc"];
}

export async function buildExtension(req: BuildRequest): Promise<BuildResult> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(req.moduleName)) {
    throw new InternalError(`buildExtension: module name ${JSON.stringify(req.moduleName)} is not a C identifier`);
  }
  const [cc, ...ccArgs] = compilerCommand();
  const outDir = path.resolve(req.outDir);
  const soPath = path.join(outDir, `${req.fileStem ?? req.moduleName}${req.py.extSuffix}`);
  const flags = compilerFlags(req);
  const cacheDir = path.resolve(req.cacheDir ?? path.join(cacheRoot(), "build"));
  const ccVersion = await compilerVersion(cc, ccArgs);
  // The key is known before anything is written, so the C file's path (in the cache) is too.
  // the include dirs are read once per build (every key hashes their contents)
  const includes = ccVersion instanceof Error ? "" : includeDigest(req.includeDirs);
  const rtKey = req.linkSource && !(ccVersion instanceof Error) ? await runtimeKey(req, flags, ccVersion, includes) : null;
  const link = ccVersion instanceof Error ? [] : linkFlags(ccVersion, req);
  const key = ccVersion instanceof Error ? "nocompiler" : cacheKey(req, flags, ccVersion, includes, rtKey, link);
  const cPath = path.join(cacheDir, "c", key.slice(0, 2), key, `${req.moduleName}.c`);
  mark("compiler version, cache key");
  let runtimeObj: string | null = req.linkSource
    ? path.join(cacheDir, "runtime", `${rtKey ?? "none"}.o`)
    : null;
  const units = splitUnits(req, runtimeObj !== null);
  const unitObj = (out: string, k: number): string => `${out}.u${k}.o`;
  const unitFlag = (k: number): string[] => [`-DPYC_UNITS=${units}`, `-DPYC_UNIT=${k}`, ...coldFlags(req, units, k)];
  const modFlags = moduleFlags(req);
  // -I<dir of the precompiled specializer.h>, searched first; [] when there is none (yet). Set
  // once the module is known to need compiling: a cache hit never starts gcc.
  let pchFlags: string[] = [];
  const commandFor = (src: string, out: string): string[] => units === 1
    ? [cc, ...ccArgs, "-shared", ...pchFlags, ...modFlags, ...flags, src, ...(runtimeObj ? [runtimeObj] : []), "-o", out, ...link]
    : [cc, ...ccArgs, "-shared", ...flags, ...Array.from({ length: units }, (_, k) => unitObj(out, k)), runtimeObj!, "-o", out, ...link];
  const unitCommand = (src: string, out: string, k: number): string[] => [cc, ...ccArgs, "-c", ...pchFlags, ...modFlags, ...flags, ...unitFlag(k), src, "-o", unitObj(out, k)];
  // a split build is shown as its unit compiles and the link, as a shell would run them
  const render = (): string => [...Array.from({ length: units > 1 ? units : 0 }, (_, k) => unitCommand(cPath, soPath, k)), commandFor(cPath, soPath)]
    .map((c) => c.map(shellQuote).join(" ")).join(" && ");
  let command = render();
  const done = (ok: boolean, stderr: string, cached: boolean, diag?: Diagnostic): BuildResult =>
    diag ? { ok, soPath, command, stderr, cached, diag } : { ok, soPath, command, stderr, cached };
  /** a failed build: no temp, and no stale module (importing it would run outdated code) */
  const fail = async (stderr: string, diag: Diagnostic, tmp?: string): Promise<BuildResult> => {
    await Promise.all([tmp ? fs.rm(tmp, { force: true }) : undefined, fs.rm(soPath, { force: true }).catch(() => undefined)]);
    return done(false, stderr, false, diag);
  };

  if (ccVersion instanceof Error) return fail("", diagOf(Msg.CCompilerNotFound, [cc, ...ccArgs].join(" "), ccVersion.message));
  if (!existsSync(path.join(req.py.include, "Python.h"))) {
    return fail("", diagOf(Msg.PythonHeadersMissing, req.py.include, req.py.version.slice(0, 2).join("."), req.py.exe));
  }
  // (synchronous file system calls on the way to the first gcc: each asynchronous one is a
  // thread-pool round trip, and the pool is busy with the front end's own reads and writes)
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    return fail("", diagOf(Msg.OutputUnwritable, outDir, errText(e)));
  }

  const entry = path.join(cacheDir, "so", key.slice(0, 2), `${key}${req.py.extSuffix}`);
  // a cold build's entry does not exist: no read to wait for
  const hit = existsSync(entry) ? await readVerified(entry) : null;
  if (hit) {
    try {
      await writeFileAtomic(soPath, hit);
      return { ...done(true, "", true), cacheEntry: entry };
    } catch (e) {
      return fail("", diagOf(Msg.OutputUnwritable, soPath, errText(e)));
    }
  }
  pchFlags = await pchIncludeFlags(cc, ccArgs, ccVersion, req, flags, cacheDir, includes);
  command = render();

  // the runtime object (compiled only on a first build) is needed by the link only: the units
  // compile meanwhile
  const runtime: Promise<RuntimeResult> = runtimeObj ? ensureRuntime(cc, ccArgs, req.linkSource!, flags, runtimeObj) : Promise.resolve({ ok: true });
  runtime.catch(() => undefined); // a build that fails before its link never awaits it
  if (units === 1) {
    const rt = await runtime;
    if (!rt.ok) return fail(rt.stderr, rt.diag);
  }

  // The compiler writes into the cache's tmp/, never into outDir: a compiler killed with spyc
  // (or a spyc killed with SIGKILL) cannot leave anything in the user's directory.
  // The C source too is private to this build until it fails: then it is kept at cPath (named
  // in `command`) to reproduce the failure; a successful build leaves no C behind.
  // A private directory per build, its files named after the module only: gcc records the C
  // file's name in the module (the STT_FILE symbol), so a random name would make two builds of
  // one module differ byte for byte -- and concurrent builds publishing one cache entry (the
  // module, then its checksum) could then pair one build's bytes with another's checksum.
  const stem = `${req.moduleName}.${process.pid}.${randomBytes(4).toString("hex")}`;
  const tmpDir = path.join(cacheDir, "tmp", stem);
  const tmp = path.join(tmpDir, `${req.moduleName}${req.py.extSuffix}`);
  const cTmp = path.join(tmpDir, `${req.moduleName}.c`);
  const temps = [tmpDir];
  for (const t of temps) liveTemps.add(t);
  /** a failed compile: keep its C source where `command` says, quote that path in gcc's text */
  const ccFailed = async (stderr: string, diag: Diagnostic): Promise<BuildResult> => {
    await fs.mkdir(path.dirname(cPath), { recursive: true }).then(() => fs.rename(cTmp, cPath)).catch(() => undefined);
    return fail(stderr.split(cTmp).join(cPath), diag);
  };
  try {
    mkdirSync(path.dirname(tmp), { recursive: true });
    try {
      writeFileSync(cTmp, req.cText);
    } catch (e) {
      return await fail("", diagOf(Msg.OutputUnwritable, cTmp, errText(e)));
    }
    let run = await compileAndLink(cc, units, (k) => unitCommand(cTmp, tmp, k).slice(1), commandFor(cTmp, tmp).slice(1), runtime);
    if (!("diag" in run) && run.status !== 0 && pchFlags.length > 0) {
      // gcc ignores a precompiled header that does not match; one that is damaged could still
      // fail the compile: drop it and compile once more from the headers themselves
      const dir = pchFlags[0]!.slice(2);
      pchBuilds.delete(path.join(dir, `${PCH_HEADER}.gch`)); // the next build makes a new one
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      pchFlags = [];
      run = await compileAndLink(cc, units, (k) => unitCommand(cTmp, tmp, k).slice(1), commandFor(cTmp, tmp).slice(1), runtime);
    }
    if ("diag" in run) return await fail(run.stderr, run.diag);
    if (run.error) return await fail(run.stderr, diagOf(Msg.CCompilerNotFound, cc, run.error.message));
    if (run.status !== 0) return await ccFailed(run.stderr, diagOf(Msg.CCompilerFailed, req.moduleName, exitText(run), command));
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(tmp);
      if (bytes.length === 0) throw new Error("the C compiler wrote an empty file");
    } catch (e) {
      return await ccFailed(run.stderr, diagOf(Msg.CCompilerFailed, req.moduleName, `no output: ${errText(e)}`, command));
    }
    // Cache first (a verified copy; a read-only or full cache only costs speed), then publish
    // atomically (temp file in outDir + rename).
    const stored = await writeVerified(entry, bytes).then(() => true, () => false);
    try {
      await writeFileAtomic(soPath, bytes);
    } catch (e) {
      return await fail(run.stderr, diagOf(Msg.OutputUnwritable, soPath, errText(e)));
    }
    mark("module cached and published");
    return stored ? { ...done(true, run.stderr, false), cacheEntry: entry } : done(true, run.stderr, false);
  } catch (e) {
    return await fail("", diagOf(Msg.OutputUnwritable, tmp, errText(e)));
  } finally {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true, recursive: true }))).catch(() => undefined);
    for (const t of temps) liveTemps.delete(t);
    // a header precompiled meanwhile (first builds only) is finished, not orphaned by an exit
    await Promise.all(pchBuilds.values());
  }
}

export interface BuildProgress {
  /** called as each module finishes, in completion order */
  onDone?(index: number, result: BuildResult, finished: number, total: number): void;
}

/** Builds all requests with at most `jobs` compilers running at once; results keep input order. */
export async function buildMany(reqs: readonly BuildRequest[], jobs: number = defaultJobs(), progress: BuildProgress = {}): Promise<BuildResult[]> {
  const results = new Array<BuildResult>(reqs.length);
  let next = 0, finished = 0;
  // enough modules to keep every compiler slot busy: splitting them into units would only add
  // header parses
  if (reqs.length >= jobs) reqs = reqs.map((r) => ({ ...r, units: 1 }));
  // The runtime object is shared: build it once before the modules race for it.
  if (reqs.length > 1 && reqs[0]!.linkSource) await prebuildRuntime(reqs[0]!);
  const worker = async (): Promise<void> => {
    while (next < reqs.length) {
      const i = next++;
      results[i] = await buildExtension(reqs[i]!);
      progress.onDone?.(i, results[i]!, ++finished, reqs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, reqs.length)) }, worker));
  return results;
}

/** $SPYC_JOBS, else the number of CPUs. */
export function defaultJobs(): number {
  const n = Number(process.env["SPYC_JOBS"]);
  return Number.isInteger(n) && n > 0 ? n : Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

// ---------------------------------------------------------------------------------------------

/**
 * How many units to compile in parallel: splitting pays only with optimization (at -O0 the
 * header parse dominates) and a linked runtime (an included one would be duplicated per unit).
 */
function splitUnits(req: BuildRequest, linked: boolean): number {
  const n = req.units ?? 1;
  return n > 1 && linked && req.optLevel > 0 ? Math.min(n, Math.max(2, defaultJobs())) : 1;
}

/**
 * Flags of a module's own compiles (not the runtime's, nor the precompiled header's), at -O2:
 *  - no second instruction scheduling pass (after register allocation): a tenth of the hot
 *    unit's compile time (sample100: cc1 2.73 G -> 2.47 G instructions); the out-of-order x86
 *    cores this targets reorder instructions themselves;
 *  - no RTL global CSE/PRE pass (-fgcse): 8 % of the hot unit (2.24 G -> 2.07 G); the tree-level
 *    PRE and FRE passes, which stay, already remove the redundancies of the generated code.
 * With either, the same-process A/B of the 18 benchmark programs moved within its noise (see the
 * notes of issue 11). An explicit gcc flag wins over these wherever it is, so
 * `CFLAGS="-fschedule-insns2 -fgcse"` turns the passes back on.
 */
function moduleFlags(req: BuildRequest): string[] {
  return req.optLevel >= 2 ? ["-fno-schedule-insns2", "-fno-gcse"] : [];
}

/**
 * The flags of a unit that holds only generic halves (cgen/units.ts "Tiers"): -Og where the
 * module is built at -O2 or above, and PYC_COLD (its calls of the generic helpers go to the
 * runtime's compiled copies, spz/outline.h). Unit k compiles the sections s with s % units == k.
 */
function coldFlags(req: BuildRequest, units: number, k: number): string[] {
  const cold = req.cold ?? [];
  const mine = cold.filter((_, s) => s % units === k);
  return req.optLevel >= 2 && mine.length > 0 && mine.every(Boolean) ? ["-Og", "-DPYC_COLD"] : [];
}

/**
 * The linker: gold links a module's objects in ~0.04 s where GNU ld takes ~0.06 s, on the path of
 * every cold build; used with gcc when `ld.gold` is on PATH (SPYC_GOLD=0: the default linker).
 */
function linkFlags(ccVersion: string, req: BuildRequest): string[] {
  if (!isGcc(ccVersion)) return [];
  goldFound ??= (process.env["PATH"] ?? "").split(path.delimiter).some((d) => d !== "" && existsSync(path.join(d, "ld.gold")));
  const gold = goldFound && process.env["SPYC_GOLD"] !== "0";
  const bare = noStdlib(req);
  // linking libc, gold names the module's version definition after its soname, else after the
  // output file (the temp path): the module's own file name keeps its bytes independent of where
  // it was built
  const soname = gold && bare.length === 0 ? [`-Wl,-soname,${req.fileStem ?? req.moduleName}${req.py.extSuffix}`] : [];
  return [...(gold ? ["-fuse-ld=gold"] : []), ...bare, ...soname];
}

/**
 * A module links no C library and no start files, only libgcc (__divti3 and the like for the
 * int128 arithmetic): CPython has loaded libc and libm already, and the module's calls of them
 * bind there when it is imported, as its calls of the C API do. Reading libc's linker script
 * and start files was half of the link's ~45 ms, on the path of every cold build. And the
 * module's bytes no longer depend on where it was built: for the symbol versions of libc, gold
 * wrote a version definition named after the output (the temp path). Not with
 * extra flags or $CFLAGS (a sanitizer or profiling runtime must be linked as gcc links it),
 * nor with SPYC_LINK_LIBC=1.
 */
function noStdlib(req: BuildRequest): string[] {
  const plain = (req.extraFlags ?? []).length === 0 && userCflags().length === 0 && process.env["SPYC_LINK_LIBC"] !== "1";
  return plain ? ["-nostdlib", "-lgcc"] : [];
}
let goldFound: boolean | undefined;

/** gcc itself (not clang answering to the name): the precompiled header and gold are gcc's */
function isGcc(ccVersion: string): boolean {
  return /\bgcc\b|\bGCC\b/.test(ccVersion) && !/clang/i.test(ccVersion);
}

/**
 * One compile, or the unit compiles (in parallel) and then the link, once `runtime` (the object
 * it links) is ready; the first failure wins.
 */
async function compileAndLink(cc: string, units: number, unit: (k: number) => string[], link: string[],
  runtime: Promise<RuntimeResult>): Promise<ProcResult | { stderr: string; diag: Diagnostic }> {
  if (units > 1) {
    const runs = await Promise.all(Array.from({ length: units }, (_, k) => runProcess(cc, unit(k))));
    const bad = runs.find((r) => r.error || r.status !== 0);
    if (bad) return bad;
    const rt = await runtime;
    if (!rt.ok) return rt;
    const linked = await runProcess(cc, link);
    return { ...linked, stderr: runs.map((r) => r.stderr).join("") + linked.stderr };
  }
  return runProcess(cc, link);
}

/** the user's $CFLAGS, as words: added to every compile, and they keep the link as gcc does it */
function userCflags(): string[] {
  return (process.env["CFLAGS"] ?? "").trim().split(/\s+/).filter(Boolean);
}

function compilerFlags(req: BuildRequest): string[] {
  return [
    // -fno-plt: every call into CPython's C API goes through the GOT entry the loader filled,
    // not a PLT stub first (generic code makes one or more such calls per operation: +2-6%)
    "-pipe", "-fPIC", `-O${req.optLevel}`, "-fwrapv", "-fvisibility=hidden", "-fno-plt", "-g0",
    // optimized builds drop the assert()s of CPython's headers, as CPython's own extension builds
    // do (its CFLAGS carry -DNDEBUG): +4-7% on generic code for 3.12/3.13, whose inline API
    // functions assert their argument types; -O0 (test) builds keep them as extra checks
    ...(req.optLevel > 0 ? ["-DNDEBUG"] : []),
    `-I${req.py.include}`,
    ...req.includeDirs.map((d) => `-I${path.resolve(d)}`),
    ...(req.defines ?? []).map((d) => `-D${d}`),
    ...(req.linkSource ? [`-D${LINKED_DEFINE}`] : []),
    ...(req.extraFlags ?? []),
    ...userCflags(),
  ];
}

/**
 * Compiles the runtime object `req` links (when it is not cached yet), without waiting for it:
 * `spyc build` starts it while the front end runs. Only the fields that make the compiler
 * flags matter (the module's own are ignored).
 */
export function startRuntime(req: Omit<BuildRequest, "moduleName" | "cText" | "outDir" | "units" | "fileStem">): void {
  const full = { ...req, moduleName: "_", cText: "", outDir: "." };
  if (req.linkSource) prebuildRuntime(full).catch(() => undefined);
  startPch(full).catch(() => undefined);
}

async function startPch(req: BuildRequest): Promise<void> {
  const [cc, ...ccArgs] = compilerCommand();
  const ccVersion = await compilerVersion(cc, ccArgs);
  if (ccVersion instanceof Error) return;
  const cacheDir = path.resolve(req.cacheDir ?? path.join(cacheRoot(), "build"));
  await pchIncludeFlags(cc, ccArgs, ccVersion, req, compilerFlags(req), cacheDir, includeDigest(req.includeDirs), false);
}

// ---------------------------------------------------------------------------------------------
// Precompiled header. Every generated module starts with #include "specializer.h" (Python.h and
// the runtime's inline API: ~9k lines once preprocessed), which gcc parsed again for every unit
// of every build: ~0.08 s of a unit's ~0.8 s CPU. gcc looks for `specializer.h.gch` in each
// include dir before the header itself, so a cached one, compiled once per (flags, compiler,
// python, include dirs' contents) like the runtime object, sits in a dir passed first with -I.
// gcc checks that a .gch matches the compile (same macros, compiler build) and otherwise reads
// the header, so using one never changes the code, only the parse time. gcc only (clang has a
// .pch scheme of its own); SPYC_PCH=0 turns it off.

const pchBuilds = new Map<string, Promise<boolean>>();
const PCH_HEADER = "specializer.h";

/**
 * The -I flag of the precompiled header for a compile with `flags`: [] when it is not built yet
 * (it is then started, and awaited only when `wait` and it was already in flight: `spyc build`
 * starts it while the front end runs).
 */
async function pchIncludeFlags(cc: string, ccArgs: readonly string[], ccVersion: string, req: BuildRequest,
  flags: readonly string[], cacheDir: string, includes: string, wait = true): Promise<string[]> {
  if (process.env["SPYC_PCH"] === "0" || !isGcc(ccVersion)) return [];
  const header = req.includeDirs.map((d) => path.resolve(d, PCH_HEADER)).find((f) => existsSync(f));
  if (header === undefined) return [];
  const h = hasher();
  commonKey(h, req, flags, ccVersion, includes);
  h.field("pch", header);
  const dir = path.join(cacheDir, "pch", h.digest());
  const gch = path.join(dir, `${PCH_HEADER}.gch`);
  if (existsSync(gch)) return [`-I${dir}`];
  const inFlight = pchBuilds.get(gch);
  if (inFlight) return wait && (await inFlight) ? [`-I${dir}`] : [];
  const p = (async (): Promise<boolean> => {
    await fs.mkdir(dir, { recursive: true });
    const tmp = tempNameFor(gch);
    liveTemps.add(tmp);
    try {
      const r = await runProcess(cc, [...ccArgs, ...flags, "-x", "c-header", header, "-o", tmp]);
      if (r.error || r.status !== 0) return false;
      await fs.rename(tmp, gch);
      return true;
    } finally {
      liveTemps.delete(tmp);
      await fs.rm(tmp, { force: true });
    }
  })().catch(() => false);
  pchBuilds.set(gch, p);
  return [];
}

async function prebuildRuntime(req: BuildRequest): Promise<void> {
  const [cc, ...ccArgs] = compilerCommand();
  const ccVersion = await compilerVersion(cc, ccArgs);
  if (ccVersion instanceof Error || !existsSync(path.join(req.py.include, "Python.h"))) return; // each module reports it
  const flags = compilerFlags(req);
  const cacheDir = path.resolve(req.cacheDir ?? path.join(cacheRoot(), "build"));
  await ensureRuntime(cc, ccArgs, req.linkSource!, flags, path.join(cacheDir, "runtime", `${await runtimeKey(req, flags, ccVersion, includeDigest(req.includeDirs))}.o`));
}

type RuntimeResult = { ok: true } | { ok: false; stderr: string; diag: Diagnostic };
const runtimeBuilds = new Map<string, Promise<RuntimeResult>>();

/** The cached runtime object at `obj`, compiled if missing or corrupt (once per process). */
function ensureRuntime(cc: string, ccArgs: readonly string[], source: string, flags: readonly string[], obj: string): Promise<RuntimeResult> {
  let p = runtimeBuilds.get(obj);
  if (!p) {
    p = (async (): Promise<RuntimeResult> => {
      if (await readVerified(obj)) return { ok: true };
      await fs.mkdir(path.dirname(obj), { recursive: true });
      const tmp = tempNameFor(obj);
      const args = [...ccArgs, "-c", ...flags, path.resolve(source), "-o", tmp];
      const run = await runProcess(cc, args);
      const command = [cc, ...args.slice(0, -1), obj].map(shellQuote).join(" ");
      try {
        if (run.error) return { ok: false, stderr: run.stderr, diag: diagOf(Msg.CCompilerNotFound, cc, run.error.message) };
        if (run.status !== 0) return { ok: false, stderr: run.stderr, diag: diagOf(Msg.CCompilerFailed, "spyc runtime", exitText(run), command) };
        const bytes = await fs.readFile(tmp);
        if (bytes.length === 0) return { ok: false, stderr: run.stderr, diag: diagOf(Msg.CCompilerFailed, "spyc runtime", "empty output", command) };
        await writeVerified(obj, bytes);
        return { ok: true };
      } catch (e) {
        return { ok: false, stderr: run.stderr, diag: diagOf(Msg.OutputUnwritable, obj, errText(e)) };
      } finally {
        await fs.rm(tmp, { force: true });
      }
    })();
    runtimeBuilds.set(obj, p);
    // a failure is not remembered: the next build tries again
    void p.then((r) => { if (!r.ok) runtimeBuilds.delete(obj); });
  }
  return p;
}

function hasher(): { field(name: string, value: string | Uint8Array): void; digest(): string } {
  const h = createHash("sha256");
  return {
    field(name, value) {
      // Length-prefixed fields: no two different inputs can produce the same byte stream.
      const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
      h.update(`${name}:${bytes.length}:`);
      h.update(bytes);
    },
    digest: () => h.digest("hex"),
  };
}

function commonKey(h: ReturnType<typeof hasher>, req: BuildRequest, flags: readonly string[], ccVersion: string, includes: string): void {
  h.field("format", String(CACHE_FORMAT));
  h.field("cc", JSON.stringify([compilerCommand(), ccVersion]));
  h.field("flags", JSON.stringify(flags));
  h.field("py", JSON.stringify([req.py.version, req.py.include, req.py.extSuffix, req.py.platform]));
  h.field("includes", includes);
}

/**
 * A sha256 over the relative path and contents of every file under the include dirs (read
 * synchronously: a few dozen small files cost less than the promise hops).
 *
 * A build asks three times (the precompiled header and the runtime object, started early, and the
 * module's own key): the digest is remembered per process with the files' stat signature (path,
 * size, inode, mtime and ctime in ns), and reused only when the signature is unchanged and every
 * file was last changed well before the digest was taken -- a file rewritten within the
 * timestamps' granularity (a test editing a header between two builds) has the same signature,
 * so a recent change always means reading the contents again.
 */
function includeDigest(dirs: readonly string[]): string {
  const files = dirs.flatMap((dir) => listFiles(path.resolve(dir)).map((f) => [dir, f] as const));
  const key = JSON.stringify(dirs.map((d) => path.resolve(d)));
  let sig = "";
  let newest = 0n;
  try {
    for (const [, f] of files) {
      const st = statSync(f, { bigint: true });
      sig += `${f}\0${st.size}\0${st.ino}\0${st.mtimeNs}\0${st.ctimeNs}\n`;
      newest = [st.mtimeNs, st.ctimeNs, newest].reduce((a, b) => (a > b ? a : b));
    }
  } catch {
    sig = ""; // a file vanished meanwhile: no memo
  }
  const memo = includeDigests.get(key);
  if (sig !== "" && memo && memo.sig === sig && memo.takenNs - newest > RACY_NS) return memo.digest;
  const h = hasher();
  const takenNs = BigInt(Date.now()) * 1_000_000n;
  for (const [dir, f] of files) {
    h.field("file", path.relative(dir, f));
    h.field("content", readFileSync(f));
  }
  const digest = h.digest();
  if (sig !== "") includeDigests.set(key, { sig, takenNs, digest });
  return digest;
}

const includeDigests = new Map<string, { sig: string; takenNs: bigint; digest: string }>();
/** files changed less than this before a digest was taken are read again next time (2 s) */
const RACY_NS = 2_000_000_000n;

function cacheKey(req: BuildRequest, flags: readonly string[], ccVersion: string, includes: string, rtKey: string | null,
  link: readonly string[]): string {
  const h = hasher();
  commonKey(h, req, flags, ccVersion, includes);
  h.field("module", req.moduleName);
  h.field("link", rtKey ?? "");
  // the linker and how it links (gold or not, libc or libgcc only, the soname) shape the bytes
  h.field("link-flags", link.join("\0"));
  h.field("c", req.cText);
  h.field("units", String(splitUnits(req, req.linkSource !== undefined)));
  h.field("cold", (req.cold ?? []).map((c) => (c ? "1" : "0")).join(""));
  return h.digest();
}

async function runtimeKey(req: BuildRequest, flags: readonly string[], ccVersion: string, includes: string): Promise<string> {
  const h = hasher();
  commonKey(h, req, flags, ccVersion, includes);
  h.field("runtime", path.resolve(req.linkSource!));
  // read synchronously: on the path to the first gcc of every cold build the async read (four
  // thread-pool round trips) took 60-80 ms, the synchronous one under 1 ms (SPYC_TIME, 3 runs)
  let content: Buffer;
  try { content = readFileSync(req.linkSource!); } catch { content = Buffer.alloc(0); }
  h.field("runtime-content", content);
  return h.digest();
}

/** Regular files under dir, recursively, in a stable order; a missing dir is simply empty. */
function listFiles(dir: string): string[] {
  let entries: import("node:fs").Dirent[];
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return []; }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * Starts what every build needs first, the compiler's identity (`$CC --version`), so that it
 * runs while the front end compiles (a build would wait for it otherwise).
 */
export function warmCompiler(): void {
  const [cc, ...ccArgs] = compilerCommand();
  void compilerVersion(cc, ccArgs);
}

const ccVersionMemo = new Map<string, Promise<string | Error>>();
function compilerVersion(cc: string, ccArgs: readonly string[]): Promise<string | Error> {
  const k = JSON.stringify([cc, ...ccArgs]);
  let p = ccVersionMemo.get(k);
  if (!p) {
    p = cachedCompilerVersion([cc, ...ccArgs], () => runProcess(cc, [...ccArgs, "--version"]).then((r) =>
      r.error ? r.error : r.status !== 0 ? new Error(r.stderr.trim() || exitText(r)) : r.stdout.trim(),
    ));
    ccVersionMemo.set(k, p);
  }
  return p;
}

interface ProcResult { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; error?: Error }

function exitText(r: ProcResult): string {
  return r.signal ? `killed by signal ${r.signal}` : `exit status ${r.status}`;
}

const liveChildren = new Set<ChildProcess>();

/**
 * For a signal handler of the process that is about to exit: kill the compilers still running
 * and remove the temp files of unfinished writes (synchronously), so nothing is left behind.
 */
export function abortBuilds(): void {
  // Each compiler runs in a process group of its own, so the kill reaches gcc's own children
  // (cc1, as) too: killing only the driver left them running until they finished.
  for (const c of liveChildren) {
    try { if (c.pid !== undefined) process.kill(-c.pid, "SIGKILL"); else c.kill("SIGKILL"); } catch { /* already gone */ }
  }
  for (const t of liveTemps) rmSync(t, { force: true, recursive: true });
  removeLiveTemps();
}

function runProcess(cmd: string, args: readonly string[]): Promise<ProcResult> {
  const what = `${cmd} ${args.includes("-c") ? `-c ${args.find((a) => a.startsWith("-DPYC_UNIT=")) ?? ""}` : args.includes("-shared") ? "link"
    : args.includes("c-header") ? "precompile header" : args.join(" ")}`;
  mark(`${what} start`);
  return new Promise<ProcResult>((resolve) => {
    // detached: a new process group (see abortBuilds); spyc still waits for it and owns its pipes.
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
    liveChildren.add(child);
    child.on("exit", () => liveChildren.delete(child));
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", (error) => resolve({ status: null, signal: null, stdout, stderr, error }));
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  }).finally(() => mark(`${what} end`));
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
