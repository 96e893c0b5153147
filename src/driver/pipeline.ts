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
import type { SourceFile } from "../syntax/source.ts";
import { parse, printAst } from "../syntax/index.ts";
import { bind } from "../bind/index.ts";
import { deriveFacts, type FactsModule } from "../facts/index.ts";
import { buildIR } from "../irbuild/index.ts";
import { verifyModule } from "../ir/verify.ts";
import { printModule } from "../ir/print.ts";
import { emitModule, type CUnit } from "../cgen/emitModule.ts";
import { InternalError } from "../diag/types.ts";
import type * as IR from "../ir/types.ts";

export type DumpStage = "ast" | "facts" | "ir" | "c";
export const DUMP_STAGES: readonly DumpStage[] = ["ast", "facts", "ir", "c"];

export interface CompileOptions {
  readonly all: boolean;
  readonly dump: readonly DumpStage[];
  /** run the IR verifier (always on in tests; cheap enough to keep on by default) */
  readonly verify: boolean;
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
  readonly spec: { readonly ok: true } | { readonly ok: false; readonly reason: string } | null;
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
  const ast = await parse(file);
  if (opts.dump.includes("ast")) dumps.set("ast", printAst(ast, file));
  const bound = bind(ast);
  const facts = deriveFacts(bound, { all: opts.all, specialize: opts.specialize ?? true });
  const ir = buildIR(facts, file, moduleName);
  const funcs = summarize(facts, ir);
  if (opts.dump.includes("facts")) dumps.set("facts", printFacts(funcs));
  if (opts.verify) {
    const errs = verifyModule(ir);
    if (errs.length) {
      throw new InternalError(`IR verification failed:\n${errs.map((e) => `  ${e.func} L${e.block}: ${e.message}`).join("\n")}`);
    }
  }
  if (opts.dump.includes("ir")) dumps.set("ir", printModule(ir));
  const unit = emitModule(ir);
  if (opts.dump.includes("c")) dumps.set("c", unit.text);
  return { moduleName, unit, ir, funcs, dumps };
}

function summarize(facts: FactsModule, ir: IR.ModuleIR): FuncSummary[] {
  const compiledLines = new Set(ir.funcs.map((f) => `${f.qualname}@${f.defLine}`));
  return facts.funcs.map((f) => {
    const line = ir.funcs.find((g) => g.qualname === f.bound.qualname)?.defLine ?? 0;
    return {
      qualname: f.bound.qualname,
      line,
      compiled: f.compiled && compiledLines.has(`${f.bound.qualname}@${line}`),
      checked: f.checked,
      reason: f.reason,
      spec: f.spec === null || !f.compiled ? null : f.spec.ok ? { ok: true } : { ok: false, reason: f.spec.reason },
    };
  });
}

export function printFacts(funcs: readonly FuncSummary[]): string {
  return funcs.map((f) => {
    const what = f.compiled ? "compiled" : f.reason ? `interpreted: ${f.reason}` : "interpreted";
    const spec = f.spec === null ? "" : f.spec.ok ? " [specialized]" : ` [generic: ${f.spec.reason}]`;
    return `${f.qualname}${f.checked ? " [checked]" : ""}: ${what}${spec}`;
  }).join("\n") + "\n";
}
