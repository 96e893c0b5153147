/**
 * The canonical text form of the IR, used by `--dump=ir` and the golden tests.
 * Registers print as r<N> (or the local's name), blocks as L<N>; a block's error edge
 * prints as `except -> L<N>` so exception flow is visible next to normal flow.
 */
import type * as IR from "./types.ts";

export function printModule(m: IR.ModuleIR): string {
  return m.funcs.map((f) => printFunc(f, m)).join("\n");
}

export function printFunc(f: IR.FuncIR, m?: IR.ModuleIR): string {
  const reg = (r: IR.RegId): string => {
    const x = f.regs[r]!;
    return x.local !== null ? `${x.local}` : x.rep === "obj" ? `r${r}` : x.rep === "i128" ? `w${r}` : `${x.rep[0]}${r}`;
  };
  const cst = (i: number): string => (m ? m.consts[i]!.py : `const#${i}`);
  const opnd = (o: IR.Operand): string =>
    o.k === "reg" ? reg(o.reg) : o.k === "const" ? cst(o.index) : o.k === "int" ? String(o.value) : `<${o.text}>`;
  const out: string[] = [];
  const params = f.params.map((p) => `${p.name}: ${f.regs[p.reg]!.rep}`).join(", ");
  out.push(`def ${f.qualname}(${params})${f.checked ? " [checked]" : ""}:`);
  if (f.direct) out.push(`  direct entry L${f.direct.entry}(${f.direct.params.map(reg).join(", ")}) -> ${[f.direct.ret, ...(f.direct.more ?? [])].join(", ")}${f.direct.proof ? " +proof" : ""}${f.direct.kernel ? " +kernel" : ""}`);
  for (const b of f.blocks) {
    out.push(`L${b.id}:${b.label ? `  # ${b.label}` : ""}${b.handler !== null ? `  except -> L${b.handler}` : ""}`);
    for (const op of b.ops) out.push("    " + printOp(op, reg, opnd, cst));
    out.push("    " + printTerm(b.term, reg));
  }
  return out.join("\n") + "\n";
}

function printOp(op: IR.Op, reg: (r: IR.RegId) => string, opnd: (o: IR.Operand) => string, cst: (i: number) => string): string {
  switch (op.kind) {
    case "const": return `${reg(op.dst)} = ${cst(op.index)}`;
    case "copy": return `${reg(op.dst)} = ${reg(op.src)}`;
    case "move": return `${reg(op.dst)} = move ${reg(op.src)}`;
    case "clear": return `clear ${reg(op.reg)}`;
    case "check_bound": return `check_bound ${reg(op.reg)}`;
    case "call_c": {
      const call = `${op.fn}(${op.args.map(opnd).join(", ")})`;
      const steal = op.steals?.length ? ` steals ${op.steals.join(",")}` : "";
      return (op.dst !== null ? `${reg(op.dst)} = ` : "") + call + steal;
    }
    case "vcall": return `${reg(op.dst)} = call ${reg(op.callee)}(${op.args.map(reg).join(", ")})${op.kwnames !== null ? ` kw=${cst(op.kwnames)}` : ""}`;
    case "vcall_method": return `${reg(op.dst)} = callmethod${op.fast ? `[${op.fast}]` : ""} ${reg(op.self)}.${cst(op.name)}(${op.args.map(reg).join(", ")})${op.kwnames !== null ? ` kw=${cst(op.kwnames)}` : ""}`;
    case "getattr": return `${reg(op.dst)} = ${reg(op.obj)}.${cst(op.name)}`;
    case "setattr": return `${reg(op.obj)}.${cst(op.name)} = ${reg(op.value)}`;
    case "build": return `${reg(op.dst)} = ${op.what}(${op.items.map(reg).join(", ")})`;
    case "unpack": return `${op.outs.map(reg).join(", ")} = unpack ${reg(op.seq)}${op.starAt !== null ? ` star@${op.starAt}` : ""}`;
    case "iter_next": return `${reg(op.dst)} = next ${reg(op.iter)}`;
    case "is": return `${reg(op.dst)} = ${reg(op.a)} is ${reg(op.b)}`;
    case "box_bool": return `${reg(op.dst)} = box_bool ${reg(op.src)}`;
    case "not": return `${reg(op.dst)} = not ${reg(op.src)}`;
    case "imm": return `${reg(op.dst)} = imm ${op.value}`;
    case "cexpr": return `${reg(op.dst)} = c[${op.text.replace(/\$(\d+)/g, (_m, i: string) => reg(op.args[Number(i)]!))}]`;
    case "guarded": return `${reg(op.dst)} = ${op.fn}(${op.args.map(opnd).join(", ")}) else deopt L${op.onFail}`;
    case "guard": return `guard c[${op.text.replace(/\$(\d+)/g, (_m, i: string) => reg(op.args[Number(i)]!))}] else deopt L${op.onFail}`;
    case "guard_builtin": return `guard builtin ${op.which} unchanged else deopt L${op.onFail}`;
    case "unbox": return `${reg(op.dst)} = unbox ${reg(op.src)} else deopt L${op.onFail}`;
    case "box": return `${reg(op.dst)} = box ${reg(op.src)}${op.ifSet !== null ? ` if ${reg(op.ifSet)}` : ""}`;
    case "call_direct": return `${[op.dst, ...(op.more ?? [])].map(reg).join(", ")} = call_direct${op.closed ? " closed" : ""}${op.method ? " method" : ""} ${cst(op.name)}#${op.func}(${op.args.map(reg).join(", ")})${op.checks?.length ? ` check [${op.checks.join(", ")}]` : ""} else deopt L${op.onFail}, boxed ${reg(op.boxed)} -> L${op.onBoxed}`;
    case "poll": return "poll";
    case "slot_get": return `${reg(op.dst)} = slot${op.native ? " native" : ""} ${reg(op.obj)}.${cst(op.name)}${lref(op.layout)} else deopt L${op.onFail}`;
    case "str_eq": return `${reg(op.dst)} = slot ${reg(op.obj)}.${cst(op.name)} ${op.neg ? "!=" : "=="} str ${opnd(op.other)} else deopt L${op.onFail}`;
    case "dict_item": return `${reg(op.dst)} = ${reg(op.dict)}[${opnd(op.key)}${op.attr !== null ? `.${cst(op.attr)}` : ""}] else deopt L${op.onFail}`;
    case "slot_item": return `${reg(op.dst)} = slot ${reg(op.obj)}.${cst(op.name)}[${reg(op.index)}] else deopt L${op.onFail}`;
    case "dict_acc": {
      const k = op.attr !== null ? `${reg(op.key)}.${cst(op.attr)}` : reg(op.key);
      const get = op.dflt !== null ? `${reg(op.dict)}.get(${k}, ${cst(op.dflt)}) ` : "";
      return `${reg(op.dict)}[${k}] ${op.dflt !== null ? "=" : op.sub ? "-=" : "+="} ${get}${op.dflt !== null ? (op.sub ? "- " : "+ ") : ""}${reg(op.src)}`;
    }
    case "attr_acc": return `${reg(op.obj)}.${cst(op.name)} ${op.sub ? "-=" : "+="} ${reg(op.src)}`;
    case "slot_item_set": return `slot ${reg(op.obj)}.${cst(op.name)}[${reg(op.index)}] = ${reg(op.src)} else deopt L${op.onFail}`;
    case "slot_set": return `slot${op.native ? " native" : ""} ${reg(op.obj)}.${cst(op.name)}${lref(op.layout)} = ${reg(op.src)} else deopt L${op.onFail}`;
    case "layout_guard": {
      const objs = op.objs.map((o) => `${reg(o.obj)}{${o.fields.map((x) => `${cst(x.name)}${x.store ? ` ${x.read ? "rw" : "w"} ${x.store}` : ""}${x.native ? " native" : ""}`).join(", ")}}`);
      return `layout_guard #${op.id} ${objs.join(" ")} else deopt L${op.onFail}`;
    }
    case "global_num": return `${reg(op.dst)} = ${op.len ? "len " : ""}global ${cst(op.name)}${op.attr !== null ? `.${cst(op.attr)}` : ""} else deopt L${op.onFail}`;
    case "guard_direct": return `guard global ${cst(op.name)} is #${op.func} else deopt L${op.onFail}`;
    case "range_resume": return `${reg(op.dst)} = range_resume(${reg(op.cur)}, ${reg(op.remaining)}, ${reg(op.step)})`;
  }
}

/** a slot access covered by a layout guard: `[#guard]` (no type check of its own; `known`: no check at all) */
const lref = (l: IR.LayoutRef | undefined): string => (l ? ` [#${l.guard}${l.known ? " known" : ""}]` : "");

function printTerm(t: IR.Terminator, reg: (r: IR.RegId) => string): string {
  switch (t.kind) {
    case "goto": return `goto L${t.target}`;
    case "branch": return `if ${reg(t.cond)} goto L${t.then} else L${t.else}`;
    case "branch_null": return `if ${reg(t.reg)} is NULL goto L${t.ifNull} else L${t.otherwise}`;
    case "return": return `return ${[t.value, ...(t.more ?? [])].map(reg).join(", ")}`;
    case "reraise": return "reraise";
    case "unreachable": return "unreachable";
  }
}
