/**
 * `spyc build`: read and validate sources, run the pipeline per module, build the C with gcc,
 * print diagnostics and the per-module summary. Returns the process exit code.
 * Invariant: on any error no output module is written or left half-written (build.ts writes
 * through a temp file + rename, and nothing is built when any input has errors).
 */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { DiagnosticBag, InternalError, type Diagnostic } from "../diag/types.ts";
import { Msg } from "../diag/messages.ts";
import { renderAll } from "../diag/render.ts";
import type { FileId, SourceFile } from "../syntax/source.ts";
import { probePython } from "./pyinfo.ts";
import { checkSyntax } from "./syntaxcheck.ts";
import { buildMany, type BuildRequest } from "./build.ts";
import { compileModule, type CompileResult, type DumpStage } from "./pipeline.ts";
import { PACKAGE_ROOT } from "./paths.ts";

export const REPO_ROOT = PACKAGE_ROOT;
export const RUNTIME_INCLUDES = [path.join(REPO_ROOT, "specializer/include"), path.join(REPO_ROOT, "specializer/src")];

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
}

async function readSources(files: readonly string[], bag: DiagnosticBag): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const [i, p] of files.entries()) {
    if (!existsSync(p)) { bag.report(Msg.FileNotFound, null, null, p); continue; }
    if (!p.endsWith(".py")) { bag.report(Msg.NotAPyFile, null, null, p); continue; }
    const stem = path.basename(p, ".py");
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(stem)) { bag.report(Msg.InvalidModuleName, null, null, stem); continue; }
    let bytes: Buffer;
    try { bytes = await readFile(p); } catch (e) {
      bag.report(Msg.FileUnreadable, null, null, p, e instanceof Error ? e.message : String(e));
      continue;
    }
    let text: string;
    try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch {
      bag.report(Msg.SourceNotUtf8, null, null, p, String(firstBadUtf8(bytes)));
      continue;
    }
    out.push({ id: i as FileId, path: p, absPath: path.resolve(p), text });
  }
  return out;
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
  const render = (ds: readonly Diagnostic[]): void => {
    if (ds.length) process.stderr.write(renderAll(ds, { color: opts.color }));
  };
  const probe = await probePython(opts.python);
  if (!probe.ok) { render([probe.diag]); return 1; }
  const py = probe.py;

  const bag = new DiagnosticBag();
  const sources = await readSources(opts.files, bag);
  if (bag.hasErrors()) { render(bag.items); return 1; }
  const syntax = await checkSyntax(py, sources);
  render(syntax);
  if (syntax.some((d) => d.severity === "error")) return 1;

  const results: { file: SourceFile; res: CompileResult }[] = [];
  try {
    for (const file of sources) {
      const res = await compileModule(file, path.basename(file.path, ".py"), { all: opts.all, dump: opts.dump, verify: true, specialize: opts.specialize });
      results.push({ file, res });
    }
  } catch (e) {
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

  const defines = opts.forceDeopt ? ["SPZ_FORCE_DEOPT=1"] : [];
  const reqs: BuildRequest[] = results.map(({ file, res }) => ({
    py, moduleName: res.moduleName, cText: res.unit.text,
    outDir: opts.outDir ?? path.dirname(file.absPath), optLevel: opts.opt, defines, includeDirs: RUNTIME_INCLUDES,
  }));
  const t0 = Date.now();
  if (!opts.quiet && reqs.length > 1) process.stderr.write(`spyc: building ${reqs.length} modules for Python ${py.version.join(".")}…\n`);
  const built = await buildMany(reqs);
  let failed = false;
  built.forEach((b, i) => {
    if (!b.ok) {
      failed = true;
      render(b.diag ? [b.diag] : []);
      if (b.stderr) process.stderr.write(b.stderr.split("\n").slice(0, 30).join("\n") + "\n");
      return;
    }
    if (!opts.quiet) process.stdout.write(summaryText(results[i]!.file, results[i]!.res, b.soPath));
  });
  if (!opts.quiet && !failed) process.stdout.write(`spyc: built ${built.length} module(s) in ${((Date.now() - t0) / 1000).toFixed(2)} s\n`);
  return failed ? 1 : 0;
}

function summaryText(file: SourceFile, res: CompileResult, soPath: string): string {
  const compiled = res.funcs.filter((f) => f.compiled);
  const left = res.funcs.filter((f) => !f.compiled);
  const lines = [`${file.path} -> ${path.relative(process.cwd(), soPath) || soPath}: ${compiled.length} compiled, ${left.length} interpreted`];
  for (const f of compiled) {
    const spec = f.spec === null ? "" : f.spec.ok ? ", specialized" : ` (generic: ${f.spec.reason})`;
    lines.push(`  compiled     ${f.qualname}${f.checked ? " [checked]" : ""}${spec}`);
  }
  for (const f of left) lines.push(`  interpreted  ${f.qualname}${f.reason ? `: ${f.reason}` : " (not @checked; use --all)"}`);
  return lines.join("\n") + "\n";
}
