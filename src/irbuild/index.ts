/**
 * Stage `irbuild`: FactsModule -> ModuleIR. Lowers every function the facts mark as compiled
 * into generic PyObject* IR (one FuncIR each) and collects the module's constant pool.
 * The build is total for what `bind` accepted: anything else is an InternalError (a spyc bug).
 */
import type * as IR from "../ir/types.ts";
import type { FactsModule, FuncFacts } from "../facts/index.ts";
import type { SourceFile } from "../syntax/source.ts";
import { InternalError } from "../diag/types.ts";
import { exprRep, type SpecRep } from "../facts/types.ts";
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
  const factsOfDef = new Map(facts.funcs.map((f) => [f.bound.def.id as number, f]));
  const superAttr = !facts.bound.moduleNamesSuper;
  for (const f of facts.funcs) {
    if (!f.compiled) continue;
    funcs.push(buildFunc(f, funcs.length, consts, lines, indexOfDef, factsOfDef, superAttr));
  }
  return { name: moduleName, sourcePath: file.absPath, source: file.text, consts: consts.items, funcs };
}

function buildFunc(
  f: FuncFacts, index: number, consts: ConstPool, lines: LineMap, indexOfDef: ReadonlyMap<number, number>,
  factsOfDef: ReadonlyMap<number, FuncFacts>, superAttr: boolean,
): IR.FuncIR {
  const bf = f.bound;
  const b = new FnBuilder(consts);
  const params = bf.slots.map((name) => ({ name, reg: b.local(name) }));
  const npos = bf.def.args.posonlyargs.length + bf.def.args.args.length;
  // the generic lowering's context; islands of the specialized body lower with it too
  const c: Ctx = { b, lines, locals: bf.locals, lambdas: bf.lambdas, ...(npos > 0 ? { firstArg: bf.slots[0]! } : {}), ...(f.checked ? { stdFast: true } : {}), ...(superAttr ? { superAttr } : {}) };
  const spec = f.spec?.ok ? f.spec.facts : null;
  // with a specialized twin, every generic statement gets an entry block to deopt into
  if (spec) {
    b.stmtEntries = new Map();
    // direct calls and islands may continue in the generic code after them
    // (and a typed d.get(k, c), whose item may have another type)
    b.afterWanted = new Set([...spec.callStmts, ...spec.islands.keys(), ...[...spec.dictAccs].filter(([, a]) => "kind" in a && a.kind === "get").map(([id]) => id)]);
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
      const more = k.parts?.slice(1) ?? [];
      callees.set(name, { index: i, params: k.params, ret: k.ret, anns: k.anns ?? [], more, inline: more.length ? null : inlineBody(factsOfDef.get(k.defId)), ...(k.method ? { method: true } : {}) });
    }
    ({ entry, direct } = buildSpecialized(c, bf, spec, b.stmtEntries!, params, genericEntry, callees));
  }
  const blocks = b.finish(entry);
  return {
    index, name: bf.def.name, qualname: bf.qualname, defLine: lines.line(bf.def.headerSpan.start),
    decoratorIndex: f.decoratorIndex, checked: f.checked, specialized: spec !== null, params, regs: b.regs, blocks, entry, direct,
  };
}

/**
 * A callee small enough to inline at direct call sites: its body is one `return <expr>` over its
 * scalar parameters, with no calls of its own and no locals. Inlined code deopts to the caller's
 * call statement, whose generic code then makes the real call (so errors surface in the callee).
 */
function inlineBody(f: FuncFacts | undefined): DirectCallee["inline"] {
  if (!f?.spec?.ok) return null;
  const facts = f.spec.facts, body = f.bound.def.body;
  if (body.length !== 1 || body[0]!.kind !== "Return" || !body[0]!.value) return null;
  const ownLocals = [...facts.locals.keys()].filter((n) => !f.bound.slots.includes(n));
  if (facts.callees.size || ownLocals.length || facts.params.some((p) => p === "list" || p === "obj")) return null;
  const value = body[0]!.value;
  const reps = new Map(f.bound.slots.map((n, i) => [n, facts.params[i] as SpecRep]));
  try {
    if (exprRep(value, reps, f.bound) !== facts.ret) return null;
  } catch {
    return null;
  }
  return { expr: value, f: f.bound, facts, params: f.bound.slots };
}
