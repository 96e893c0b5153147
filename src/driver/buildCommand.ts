/**
 * `spyc build`: read and validate sources, run the pipeline per module, build the C with gcc,
 * print diagnostics and the per-module summary. Returns the process exit code.
 * Invariant: on any error no output module is written or left half-written (build.ts writes
 * through a temp file + rename, and nothing is built when any input has errors).
 */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import * as os from "node:os";
import { DiagnosticBag, InternalError, type Diagnostic } from "../diag/types.ts";
import { Msg } from "../diag/messages.ts";
import { renderAll } from "../diag/render.ts";
import type { FileId, SourceFile } from "../syntax/source.ts";
import { probePython, type PyInfo } from "./pyinfo.ts";
import { checkSyntax } from "./syntaxcheck.ts";
import { abortBuilds, buildMany, defaultJobs, publishFromCache, startRuntime, warmCompiler, type BuildRequest } from "./build.ts";
import type { CompileResult, DumpStage, FuncSummary } from "./pipeline.ts";
import { frontKey, readFront, writeFront } from "./frontCache.ts";
import { PACKAGE_ROOT } from "./paths.ts";
import { sanitizeFlags, type Sanitizer } from "./sanitize.ts";
import { mark, timed } from "./timing.ts";

export const REPO_ROOT = PACKAGE_ROOT;
export const RUNTIME_INCLUDES = [path.join(REPO_ROOT, "specializer/include"), path.join(REPO_ROOT, "specializer/src")];
/** the runtime, compiled once per python and flags and linked into every module (build.ts) */
export const RUNTIME_SOURCE = path.join(REPO_ROOT, "specializer/src/spz_runtime.c");

export interface BuildOptions {
  readonly files: readonly string[];
  readonly outDir: string | null;
  readonly all: boolean;
  readonly python: string;
  readonly opt: 0 | 2;
  readonly dump: readonly DumpStage[];
  readonly forceDeopt: boolean;
  readonly specialize: boolean;
  readonly quiet: boolean;
  readonly color: boolean | undefined;
  /** --sanitize=address,undefined: instrumented modules and runtime (driver/sanitize.ts) */
  readonly sanitize?: readonly Sanitizer[];
}

/** The module a source file defines: `pkg/__init__.py` is the package `pkg`, built into
 * `pkg/__init__<EXT_SUFFIX>` whose init function is PyInit_pkg (CPython names it after the last
 * component of the module's name, whatever the file is called). */
export function moduleOf(file: string): { moduleName: string; fileStem: string } {
  const stem = path.basename(file, ".py");
  return stem === "__init__" ? { moduleName: path.basename(path.dirname(path.resolve(file))), fileStem: stem } : { moduleName: stem, fileStem: stem };
}

async function readSources(py: PyInfo, files: readonly string[], bag: DiagnosticBag): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const [i, p] of files.entries()) {
    if (!existsSync(p)) { bag.report(Msg.FileNotFound, null, null, p); continue; }
    if (!p.endsWith(".py")) { bag.report(Msg.NotAPyFile, null, null, p); continue; }
    const { moduleName } = moduleOf(p);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(moduleName)) { bag.report(Msg.InvalidModuleName, null, null, moduleName); continue; }
    let bytes: Buffer;
    try { bytes = await readFile(p); } catch (e) {
      bag.report(Msg.FileUnreadable, null, null, p, e instanceof Error ? e.message : String(e));
      continue;
    }
    const decoded = await decodeSource(py, bytes);
    if ("badUtf8" in decoded) { bag.report(Msg.SourceNotUtf8, null, null, p, String(firstBadUtf8(bytes))); continue; }
    if ("error" in decoded) { bag.report(Msg.SourceUndecodable, null, null, p, decoded.encoding, decoded.error); continue; }
    out.push({ id: i as FileId, path: p, absPath: path.resolve(p), text: decoded.text });
  }
  return out;
}

/**
 * Source bytes -> text as CPython reads a file (PEP 263): UTF-8 unless the first or second
 * line (the second only after a first line that is blank or a comment) declares
 * `coding[:=]NAME`. Latin-1 is decoded here; any other codec by the target python itself, so
 * the set of codecs and their tables are exactly CPython's.
 */
export async function decodeSource(py: PyInfo, bytes: Buffer): Promise<{ text: string } | { badUtf8: true } | { encoding: string; error: string }> {
  const enc = codingDeclaration(bytes);
  const norm = enc?.toLowerCase().replace(/_/g, "-");
  if (!norm || /^utf-?8(-sig)?$/.test(norm) || /^utf-8-/.test(norm)) {
    try { return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) }; } catch { return { badUtf8: true }; }
  }
  if (/^(latin-?1|iso-?8859-1|iso-latin-1|l1|cp819|8859)$/.test(norm)) {
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return { text };
  }
  const r = spawnSync(py.exe, ["-I", "-c", "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode(sys.argv[1]).encode('utf-8', 'surrogatepass'))", enc!], { input: bytes, maxBuffer: 1 << 30 });
  if (r.status !== 0) {
    const why = (r.stderr?.toString("utf8") ?? "").trim().split("\n").pop() || "the python decoder failed";
    return { encoding: enc!, error: why };
  }
  return { text: r.stdout.toString("utf8") };
}

function codingDeclaration(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 1024).toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "");
  const lines = head.split(/\r\n|\r|\n/, 2);
  const cookie = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
  for (const [k, line] of lines.entries()) {
    const m = cookie.exec(line);
    if (m) return m[1]!;
    if (k === 0 && !/^[ \t\f]*(#.*)?$/.test(line)) return null; // line 2 counts only after a blank or comment line 1
  }
  return null;
}

function firstBadUtf8(bytes: Buffer): number {
  for (let n = 1; n <= bytes.length; n++) {
    try { new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, n)); } catch {
      // a prefix can fail only because it cuts a sequence: keep going until it is really bad
      if (n === bytes.length) return n - 1;
      continue;
    }
  }
  return 0;
}

export async function runBuild(opts: BuildOptions): Promise<number> {
  // Interrupted (Ctrl-C, kill, a closed terminal): stop the compilers, leave no temp file.
  const onSignal = (sig: NodeJS.Signals): void => {
    abortBuilds();
    process.stderr.write(`spyc: build interrupted (${sig}); unfinished modules were not written\n`);
    process.exit(128 + (os.constants.signals[sig] ?? 1));
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const s of signals) process.on(s, onSignal);
  try {
    return await runBuildInner(opts);
  } finally {
    for (const s of signals) process.off(s, onSignal);
  }
}

async function runBuildInner(opts: BuildOptions): Promise<number> {
  const render = (ds: readonly Diagnostic[]): void => {
    if (ds.length) process.stderr.write(renderAll(ds, { color: opts.color }));
  };
  mark("build command start");
  const probe = await probePython(opts.python);
  mark("python probed");
  if (!probe.ok) { render([probe.diag]); return 1; }
  const py = probe.py;

  const bag = new DiagnosticBag();
  const sources = await readSources(py, opts.files, bag);
  if (bag.hasErrors()) { render(bag.items); return 1; }
  // Two modules written to one path would silently overwrite each other.
  const outputs = sources.map((f) => path.join(path.resolve(opts.outDir ?? path.dirname(f.absPath)), `${moduleOf(f.path).fileStem}${py.extSuffix}`));
  const byOutput = new Map<string, string>();
  for (const [i, out] of outputs.entries()) {
    const other = byOutput.get(out);
    if (other !== undefined) bag.report(Msg.DuplicateOutput, null, null, out, other, sources[i]!.path);
    else byOutput.set(out, sources[i]!.path);
  }
  if (bag.hasErrors()) { render(bag.items); return 1; }

  // Unchanged sources, same compiler, same options: the modules come straight from the cache.
  const frontOpts = { ...opts, files: null, quiet: null, color: null };
  const keys = opts.dump.length ? null : sources.map((f) => frontKey(py, frontOpts, f.absPath, moduleOf(f.path).moduleName, f.text));
  if (keys) {
    const t0 = Date.now();
    const hits = keys.map(readFront);
    if (hits.every((h) => h !== null) && (await Promise.all(hits.map((h, i) => publishFromCache(h!.soEntry, outputs[i]!)))).every(Boolean)) {
      if (!opts.quiet) {
        for (const [i, h] of hits.entries()) process.stdout.write(summaryText(sources[i]!, h!.funcs, outputs[i]!));
        process.stdout.write(`spyc: built ${sources.length} module(s) in ${((Date.now() - t0) / 1000).toFixed(2)} s (cached)\n`);
      }
      return 0;
    }
  }

  // The target python checks the syntax in its own process while the pipeline runs here (two
  // cores); its verdict still comes first: a source CPython rejects is reported as a syntax error
  // and nothing of its compilation is used or reported.
  const syntaxCheck = timed("syntax check (python)", () => checkSyntax(py, sources));
  // what every module's build shares: the C compiler's identity and the runtime object (compiled
  // on a first build) are made ready while the front end runs
  const defines = opts.forceDeopt ? ["SPZ_FORCE_DEOPT=1"] : [];
  const common = {
    py, optLevel: opts.opt, defines, includeDirs: RUNTIME_INCLUDES, extraFlags: sanitizeFlags(opts.sanitize),
    // SPYC_LINK_RUNTIME=0: the runtime compiled into each module instead (one translation unit)
    ...(process.env["SPYC_LINK_RUNTIME"] === "0" ? {} : { linkSource: RUNTIME_SOURCE }),
  };
  if (!opts.dump.length) {
    warmCompiler();
    startRuntime(common);
  }
  // the compiler itself is loaded only now: a build served from the cache never needs it. The
  // parser's wasm first: it compiles on V8's background threads while this one loads the rest
  void import("../syntax/treeSitter.ts").then((t) => t.initParser()).catch(() => undefined);
  const { compileModule } = await import("./pipeline.ts");
  mark("compiler loaded");
  const results: { file: SourceFile; res: CompileResult }[] = [];
  let compileError: { e: unknown } | null = null;
  try {
    for (const file of sources) {
      const res = await compileModule(file, moduleOf(file.path).moduleName, { all: opts.all, dump: opts.dump, verify: "end", specialize: opts.specialize });
      results.push({ file, res });
    }
  } catch (e) {
    compileError = { e };
  }
  const syntax = await syntaxCheck;
  mark("syntax check awaited");
  render(syntax);
  if (syntax.some((d) => d.severity === "error")) return 1;
  if (compileError) {
    const e = compileError.e;
    if (e instanceof InternalError) {
      process.stderr.write(`spyc: internal compiler error: ${e.message}\n(this is a bug in spyc, not in your program)\n`);
      return 3;
    }
    throw e;
  }

  if (opts.dump.length) {
    for (const { file, res } of results) {
      for (const stage of opts.dump) {
        if (results.length > 1 || opts.dump.length > 1) process.stdout.write(`# ${stage}: ${file.path}\n`);
        process.stdout.write(res.dumps.get(stage) ?? "");
      }
    }
    return 0;
  }

  const reqs: BuildRequest[] = results.map(({ file, res }) => ({
    ...common, moduleName: res.moduleName, fileStem: moduleOf(file.path).fileStem, cText: res.unit.text, units: res.unit.units, cold: res.unit.cold,
    outDir: opts.outDir ?? path.dirname(file.absPath),
  }));

  const t0 = Date.now();
  const many = reqs.length > 1 && !opts.quiet;
  if (many) process.stderr.write(`spyc: building ${reqs.length} modules for Python ${py.version.join(".")}…\n`);
  const built = await buildMany(reqs, defaultJobs(), {
    onDone: (i, b, finished, total) => {
      if (many) process.stderr.write(`spyc: [${finished}/${total}] ${results[i]!.file.path}: ${b.ok ? (b.cached ? "cached" : "built") : "FAILED"} (${((Date.now() - t0) / 1000).toFixed(2)} s)\n`);
    },
  });
  let failed = false;
  const pending: Promise<void>[] = [];
  built.forEach((b, i) => {
    if (!b.ok) {
      failed = true;
      render(b.diag ? [b.diag] : []);
      if (b.stderr) process.stderr.write(b.stderr.split("\n").slice(0, 30).join("\n") + "\n");
      return;
    }
    if (!opts.quiet) process.stdout.write(summaryText(results[i]!.file, results[i]!.res.funcs, b.soPath));
    // a source with compiler warnings is never served from the front-end cache: they must show
    if (keys && b.cacheEntry && !syntax.some((d) => d.file?.absPath === results[i]!.file.absPath)) {
      pending.push(writeFront(keys[i]!, { soEntry: b.cacheEntry, funcs: results[i]!.res.funcs }));
    }
  });
  await Promise.all(pending);
  mark("front cache written");
  if (!opts.quiet && !failed) process.stdout.write(`spyc: built ${built.length} module(s) in ${((Date.now() - t0) / 1000).toFixed(2)} s\n`);
  return failed ? 1 : 0;
}

function summaryText(file: SourceFile, funcs: readonly FuncSummary[], soPath: string): string {
  const compiled = funcs.filter((f) => f.compiled);
  const left = funcs.filter((f) => !f.compiled);
  const lines = [`${file.path} -> ${path.relative(process.cwd(), soPath) || soPath}: ${compiled.length} compiled, ${left.length} interpreted`];
  for (const f of compiled) {
    const spec = f.spec === null ? "" : f.spec.ok ? ", specialized" : ` (generic: ${f.spec.reason})`;
    lines.push(`  compiled     ${f.qualname}${f.checked ? " [checked]" : ""}${spec}`);
  }
  for (const f of left) lines.push(`  interpreted  ${f.qualname}${f.reason ? `: ${f.reason}` : " (not @checked; built with --checked-only)"}`);
  return lines.join("\n") + "\n";
}
