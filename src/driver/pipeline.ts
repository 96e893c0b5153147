/**
 * The whole compiler on one screen: SourceFile -> C text, stage by stage.
 *
 *   parse (syntax)  SourceFile  -> ast.Module
 *   bind            ast.Module  -> BoundModule
 *   facts           BoundModule -> FactsModule
 *   irbuild         FactsModule -> ir.ModuleIR   (verified)
 *   cgen            ir.ModuleIR -> CUnit
 *
 * Validity of the source is decided before this by the target CPython (driver/syntaxcheck.ts).
 * `dumps` holds the text of each requested stage, printed with the same printers the golden
 * tests use. A compiler bug surfaces as InternalError; the CLI reports it separately.
 */
import { LineMap, type SourceFile } from "../syntax/source.ts";
import { parse, printAst } from "../syntax/index.ts";
import { bind } from "../bind/index.ts";
import { deriveFacts, type FactsModule } from "../facts/index.ts";
import type { Boxed, SpecFacts } from "../facts/types.ts";
import { buildIR } from "../irbuild/index.ts";
import { verifyModule } from "../ir/verify.ts";
import { PASSES } from "../passes/index.ts";
import { printModule } from "../ir/print.ts";
import { emitModule, type CUnit } from "../cgen/emitModule.ts";
import { InternalError } from "../diag/types.ts";
import type * as IR from "../ir/types.ts";
import { mark } from "./timing.ts";

import type { DumpStage } from "./dumpStages.ts";
export { DUMP_STAGES, type DumpStage } from "./dumpStages.ts";

export interface CompileOptions {
  readonly all: boolean;
  readonly dump: readonly DumpStage[];
  /**
   * Run the IR verifier: true after irbuild and after each pass (tests); "end" once, on the IR
   * cgen gets (`spyc build`: each verification was ~5 ms of a 100-line module's front end; a
   * broken pass is still caught, and SPYC_VERIFY_IR=each names it).
   */
  readonly verify: boolean | "end";
  /** unboxed specialization (false: `--no-specialize`, generic code only) */
  readonly specialize?: boolean;
}

export interface FuncSummary {
  readonly qualname: string;
  readonly line: number;
  readonly compiled: boolean;
  readonly checked: boolean;
  /** why it stays interpreted (null when compiled, or when it was never a candidate) */
  readonly reason: string | null;
  readonly spec: { readonly ok: true; readonly boxed: readonly BoxedSite[] } | { readonly ok: false; readonly reason: string } | null;
}

/** Where a specialized function runs generic code, and why (`--dump=facts`, `build -v`). */
export interface BoxedSite {
  readonly line: number;
  /** 1-based, as editors count */
  readonly col: number;
  /** island: one statement runs generically; test: an if/while test; exit: the rest of the call */
  readonly kind: "island" | "test" | "exit";
  readonly why: string;
}

export interface CompileResult {
  readonly moduleName: string;
  readonly unit: CUnit;
  readonly ir: IR.ModuleIR;
  readonly funcs: readonly FuncSummary[];
  readonly dumps: ReadonlyMap<DumpStage, string>;
}

export async function compileModule(file: SourceFile, moduleName: string, opts: CompileOptions): Promise<CompileResult> {
  const dumps = new Map<DumpStage, string>();
  mark("pipeline start");
  const ast = await parse(file);
  mark("parsed");
  if (opts.dump.includes("ast")) dumps.set("ast", printAst(ast, file));
  const bound = bind(ast, new LineMap(file.text));
  const facts = deriveFacts(bound, { all: opts.all, specialize: opts.specialize ?? true });
  mark("bound, facts");
  let ir = buildIR(facts, file, moduleName);
  mark("irbuild");
  const funcs = summarize(facts, ir, new LineMap(file.text));
  if (opts.dump.includes("facts")) dumps.set("facts", printFacts(funcs, file.path));
  const each = opts.verify === true || (opts.verify === "end" && process.env["SPYC_VERIFY_IR"] === "each");
  if (each) verifyOrThrow(ir, "irbuild");
  for (const pass of PASSES) {
    ir = pass.run(ir);
    if (each) verifyOrThrow(ir, pass.name);
  }
  if (opts.verify === "end" && !each) verifyOrThrow(ir, "irbuild and the passes (SPYC_VERIFY_IR=each: after which)");
  mark("passes (verified)");
  if (opts.dump.includes("ir")) dumps.set("ir", printModule(ir));
  const unit = emitModule(ir);
  mark("cgen");
  if (opts.dump.includes("c")) dumps.set("c", unit.text);
  return { moduleName, unit, ir, funcs, dumps };
}

function verifyOrThrow(ir: IR.ModuleIR, after: string): void {
  const errs = verifyModule(ir);
  if (errs.length) {
    throw new InternalError(`IR verification failed after ${after}:\n${errs.map((e) => `  ${e.func} L${e.block}: ${e.message}`).join("\n")}`);
  }
}

function boxedSites(spec: SpecFacts, lines: LineMap): BoxedSite[] {
  const site = (kind: BoxedSite["kind"], b: Boxed): BoxedSite =>
    ({ line: lines.line(b.span.start), col: lines.col(b.span.start) + 1, kind, why: b.why });
  return [
    ...[...spec.islands.values()].map((b) => site("island", b)),
    ...[...spec.genericTests.values()].map((b) => site("test", b)),
    ...[...spec.exits.values()].map((b) => site("exit", b)),
  ].sort((a, b) => a.line - b.line || a.col - b.col);
}

function summarize(facts: FactsModule, ir: IR.ModuleIR, lines: LineMap): FuncSummary[] {
  const compiledLines = new Set(ir.funcs.map((f) => `${f.qualname}@${f.defLine}`));
  return facts.funcs.map((f) => {
    const line = ir.funcs.find((g) => g.qualname === f.bound.qualname)?.defLine ?? 0;
    return {
      qualname: f.bound.qualname,
      line,
      compiled: f.compiled && compiledLines.has(`${f.bound.qualname}@${line}`),
      checked: f.checked,
      reason: f.reason,
      spec: f.spec === null || !f.compiled ? null : f.spec.ok ? { ok: true, boxed: boxedSites(f.spec.facts, lines) } : { ok: false, reason: f.spec.reason },
    };
  });
}

export function printFacts(funcs: readonly FuncSummary[], path = ""): string {
  return funcs.map((f) => {
    const what = f.compiled ? "compiled" : f.reason ? `interpreted: ${f.reason}` : "interpreted";
    const spec = f.spec === null ? "" : f.spec.ok ? " [specialized]" : ` [generic: ${f.spec.reason}]`;
    return `${f.qualname}${f.checked ? " [checked]" : ""}: ${what}${spec}` + printBoxed(f, path);
  }).join("\n") + "\n";
}

/** The boxed sites of a specialized function, one indented line each (`file:line:col  kind: why`). */
export function printBoxed(f: FuncSummary, path: string): string {
  if (!f.spec?.ok) return "";
  const KIND = { island: "generic statement", test: "generic test", exit: "generic from here" };
  return f.spec.boxed.map((b) => `\n    ${path ? `${path}:` : ""}${b.line}:${b.col}  ${KIND[b.kind]}: ${b.why}`).join("");
}
