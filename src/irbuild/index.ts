/**
 * Stage `irbuild`: FactsModule -> ModuleIR. Lowers every function the facts mark as compiled
 * into generic PyObject* IR (one FuncIR each) and collects the module's constant pool.
 * The build is total for what `bind` accepted: anything else is an InternalError (a spyc bug).
 */
import type * as IR from "../ir/types.ts";
import type { FactsModule, FuncFacts } from "../facts/index.ts";
import type { SourceFile } from "../syntax/source.ts";
import { InternalError } from "../diag/types.ts";
import { LineMap } from "../syntax/source.ts";
import { ConstPool, FnBuilder } from "./builder.ts";
import { stmts } from "./stmt.ts";
import type { Ctx } from "./expr.ts";
import { buildSpecialized, type DirectCallee } from "./spec.ts";

export function buildIR(facts: FactsModule, file: SourceFile, moduleName: string): IR.ModuleIR {
  const consts = new ConstPool();
  const lines = new LineMap(file.text);
  const funcs: IR.FuncIR[] = [];
  // FuncIR index of every compiled def, so direct calls can name their callee
  const indexOfDef = new Map<number, number>();
  for (const f of facts.funcs) if (f.compiled) indexOfDef.set(f.bound.def.id, indexOfDef.size);
  for (const f of facts.funcs) {
    if (!f.compiled) continue;
    funcs.push(buildFunc(f, funcs.length, consts, lines, indexOfDef));
  }
  return { name: moduleName, sourcePath: file.absPath, source: file.text, consts: consts.items, funcs };
}

function buildFunc(f: FuncFacts, index: number, consts: ConstPool, lines: LineMap, indexOfDef: ReadonlyMap<number, number>): IR.FuncIR {
  const bf = f.bound;
  const b = new FnBuilder(consts);
  const params = bf.slots.map((name) => ({ name, reg: b.local(name) }));
  const c: Ctx = { b, lines, locals: bf.locals };
  const spec = f.spec?.ok ? f.spec.facts : null;
  // with a specialized twin, every generic statement gets an entry block to deopt into
  if (spec) {
    b.stmtEntries = new Map();
    b.afterWanted = spec.callStmts;
  }
  const genericEntry = b.current.id;
  stmts(c, bf.def.body);
  // falling off the end returns None
  const endLine = lines.line(bf.def.span.end);
  const none = b.reg();
  b.emit({ kind: "const", dst: none, index: consts.add("None"), line: endLine });
  b.terminate({ kind: "return", value: none });
  let entry = genericEntry, direct: IR.DirectEntry | null = null;
  if (spec) {
    const callees = new Map<string, DirectCallee>();
    for (const [name, k] of spec.callees) {
      const i = indexOfDef.get(k.defId);
      if (i === undefined) throw new InternalError(`direct callee ${name} is not compiled`);
      callees.set(name, { index: i, params: k.params, ret: k.ret });
    }
    ({ entry, direct } = buildSpecialized(b, lines, bf, spec, b.stmtEntries!, params, genericEntry, callees));
  }
  const blocks = b.finish(entry);
  return {
    index, name: bf.def.name, qualname: bf.qualname, defLine: lines.line(bf.def.headerSpan.start),
    decoratorIndex: f.decoratorIndex, checked: f.checked, params, regs: b.regs, blocks, entry, direct,
  };
}
