/**
 * The IR verifier (cf. mypyc's ircheck): checks the invariants every pass relies on.
 * Run after irbuild and after each pass in tests (and by `spyc build` with SPYC_VERIFY_IR=each);
 * `spyc build` runs it once, on the IR cgen gets (driver/pipeline.ts).
 *  - every edge (jump, branch, handler) targets a block of the function;
 *  - every register an op mentions exists, with the representation the op requires;
 *  - no reachable block ends in `unreachable` unless it follows an op that always raises.
 */
import type * as IR from "./types.ts";
import { FAST_METHODS } from "./types.ts";
import { closedSelfCallSites, pureKernel } from "../passes/closedSelfCalls.ts";
import { layoutErrors } from "../passes/layoutGuards.ts";

export interface VerifyError { readonly func: string; readonly block: number; readonly message: string }

export function verifyModule(m: IR.ModuleIR): VerifyError[] {
  return m.funcs.flatMap((f) => verifyFunc(f, m));
}

export function verifyFunc(f: IR.FuncIR, m: IR.ModuleIR): VerifyError[] {
  const errs: VerifyError[] = [];
  const ids = new Set(f.blocks.map((b) => b.id));
  if (f.direct?.kernel && !pureKernel(f)) errs.push({ func: f.qualname, block: f.direct.entry, message: "kernel of a body that is not closed and pure" });
  if (f.direct) {
    if (!ids.has(f.direct.entry)) errs.push({ func: f.qualname, block: f.direct.entry, message: "direct entry is not a block" });
    // unboxed, except a method's receiver and list parameters: their parameter registers (passed borrowed)
    f.direct.params.forEach((r, i) => {
      const rep = f.regs[r]?.rep;
      const ok = rep === "obj" ? f.params.some((p) => p.reg === r) : rep === "i64" || rep === "f64" || rep === "bool" || rep === "u64";
      if (!ok) errs.push({ func: f.qualname, block: f.direct!.entry, message: `direct parameter r${r} is not unboxed` });
    });
  }
  // a `closed` self-call relies on the whole specialized body being closed (passes/closedSelfCalls.ts)
  const closedSites = f.blocks.some((b) => b.ops.some((op) => op.kind === "call_direct" && op.closed)) ? closedSelfCallSites(f) : null;
  for (const b of f.blocks) {
    const err = (message: string): void => { errs.push({ func: f.qualname, block: b.id, message }); };
    const rep = (r: IR.RegId, want: IR.Rep | null, what: string): void => {
      const x = f.regs[r];
      if (!x) err(`${what}: unknown register r${r}`);
      else if (want && x.rep !== want) err(`${what}: r${r} is ${x.rep}, expected ${want}`);
    };
    const edge = (t: IR.BlockId, what: string): void => { if (!ids.has(t)) err(`${what} to missing block L${t}`); };
    if (b.handler !== null) edge(b.handler, "handler edge");
    for (const e of layoutErrors(f, b)) err(e);
    for (const op of b.ops) {
      switch (op.kind) {
        case "const":
          rep(op.dst, "obj", "const");
          if (op.index < 0 || op.index >= m.consts.length) err(`const index ${op.index} out of range`);
          break;
        case "copy": case "move": rep(op.dst, null, op.kind); rep(op.src, f.regs[op.dst]?.rep ?? null, op.kind); break;
        case "clear": rep(op.reg, "obj", "clear"); break;
        case "check_bound": rep(op.reg, "obj", "check_bound"); break;
        case "call_c":
          if (op.dst !== null) rep(op.dst, op.err === "neg" ? "bool" : null, op.fn);
          for (const a of op.args) if (a.k === "reg") rep(a.reg, null, op.fn);
          for (const i of op.steals ?? []) if (op.args[i]?.k !== "reg") err(`${op.fn}: steals non-register arg ${i}`);
          break;
        case "vcall": rep(op.dst, "obj", "call"); rep(op.callee, "obj", "call"); op.args.forEach((a) => rep(a, "obj", "call arg")); break;
        case "vcall_method":
          rep(op.dst, "obj", "callmethod"); rep(op.self, "obj", "callmethod"); op.args.forEach((a) => rep(a, "obj", "call arg"));
          if (op.fast && (op.kwnames !== null || op.args.length !== FAST_METHODS[op.fast] || m.consts[op.name]?.py !== `'${op.fast.split(".")[1]}'`))
            err(`callmethod[${op.fast}]: not a positional call of that method`);
          break;
        case "getattr": rep(op.dst, "obj", "getattr"); rep(op.obj, "obj", "getattr"); break;
        case "setattr": rep(op.obj, "obj", "setattr"); rep(op.value, "obj", "setattr"); break;
        case "build": rep(op.dst, "obj", "build"); op.items.forEach((a) => rep(a, "obj", "build item")); break;
        case "unpack": rep(op.seq, "obj", "unpack"); op.outs.forEach((a) => rep(a, "obj", "unpack out")); break;
        case "iter_next": rep(op.dst, "obj", "next"); rep(op.iter, "obj", "next"); break;
        case "is": rep(op.dst, "bool", "is"); rep(op.a, "obj", "is"); rep(op.b, "obj", "is"); break;
        case "box_bool": rep(op.dst, "obj", "box_bool"); rep(op.src, "bool", "box_bool"); break;
        case "not": rep(op.dst, "bool", "not"); rep(op.src, "bool", "not"); break;
        case "imm": break;
        case "cexpr": op.args.forEach((a) => rep(a, null, "cexpr")); break;
        case "guarded": edge(op.onFail, "deopt"); break;
        case "guard": edge(op.onFail, "deopt"); op.args.forEach((a) => rep(a, null, "guard")); break;
        case "guard_builtin": edge(op.onFail, "deopt"); break;
        case "unbox": rep(op.src, "obj", "unbox"); edge(op.onFail, "deopt"); if (f.regs[op.dst]?.rep === "obj") err("unbox into obj"); break;
        case "box": rep(op.dst, "obj", "box"); if (f.regs[op.src]?.rep === "obj") err("box of obj"); if (op.ifSet !== null) rep(op.ifSet, "bool", "box flag"); break;
        case "call_direct": {
          edge(op.onFail, "deopt"); edge(op.onBoxed, "deopt after call"); rep(op.boxed, "obj", "call_direct");
          const callee = m.funcs[op.func]?.direct;
          if (!callee) { err(`call_direct: function #${op.func} has no direct entry`); break; }
          rep(op.dst, callee.ret, "call_direct result");
          if ((op.more ?? []).length !== (callee.more ?? []).length) err("call_direct: tuple part count");
          (op.more ?? []).forEach((r, i) => rep(r, callee.more![i]!, "call_direct tuple part"));
          if (op.args.length !== callee.params.length) err("call_direct: argument count");
          op.args.forEach((a, i) => rep(a, m.funcs[op.func]!.regs[callee.params[i]!]?.rep ?? null, "call_direct arg"));
          if (op.closed) {
            if (op.func !== f.index || !f.direct?.proof) err("closed call_direct: not a self-call of a function taking the proof");
            else if (!closedSites) err("closed call_direct in a specialized body that is not closed");
          }
          break;
        }
        case "poll": break;
        case "dict_acc": {
          rep(op.dict, "obj", "dict_acc"); rep(op.key, "obj", "dict_acc");
          const r = f.regs[op.src]?.rep;
          if (r !== "i64" && r !== "f64") err("dict_acc of something other than i64/f64");
          break;
        }
        case "attr_acc": {
          rep(op.obj, "obj", "attr_acc");
          const r = f.regs[op.src]?.rep;
          if (r !== "i64" && r !== "f64") err("attr_acc of something other than i64/f64");
          break;
        }
        case "slot_item_set":
          rep(op.obj, "obj", "slot_item_set"); rep(op.index, "i64", "slot_item_set"); edge(op.onFail, "deopt");
          if (!["i64", "u64", "f64", "bool"].includes(f.regs[op.src]?.rep ?? "")) err("slot_item_set of something other than i64/u64/f64/bool");
          break;
        case "slot_set": {
          rep(op.obj, "obj", "slot_set"); edge(op.onFail, "deopt");
          const r = f.regs[op.src]?.rep;
          if (r !== "i64" && r !== "u64" && r !== "f64" && r !== "bool") err("slot_set of something other than i64/u64/f64/bool");
          if (op.native && r !== "f64") err("native slot_set of something other than f64");
          break;
        }
        case "layout_guard": edge(op.onFail, "deopt"); op.objs.forEach((o) => rep(o.obj, "obj", "layout_guard")); break;
        case "slot_get":
          rep(op.obj, "obj", "slot_get"); edge(op.onFail, "deopt");
          if (f.regs[op.dst]?.rep === "obj") err("slot_get into obj");
          if (op.native && f.regs[op.dst]?.rep !== "f64") err("native slot_get into something other than f64");
          break;
        case "str_eq":
          rep(op.obj, "obj", "str_eq"); rep(op.dst, "bool", "str_eq"); edge(op.onFail, "deopt");
          if (op.other.k === "reg") rep(op.other.reg, "obj", "str_eq");
          else if (op.other.k !== "const") err("str_eq against something other than a register or a constant");
          break;
        case "dict_item":
          rep(op.dict, "obj", "dict_item"); edge(op.onFail, "deopt");
          if (op.key.k === "reg") rep(op.key.reg, "obj", "dict_item");
          if (f.regs[op.dst]?.rep !== "i64" && f.regs[op.dst]?.rep !== "f64") err("dict_item into a non-number register");
          break;
        case "slot_item":
          rep(op.obj, "obj", "slot_item"); rep(op.index, "i64", "slot_item"); edge(op.onFail, "deopt");
          if (!["i64", "f64", "bool"].includes(f.regs[op.dst]?.rep ?? "")) err("slot_item into other than i64/f64/bool");
          break;
        case "global_num": edge(op.onFail, "deopt"); if (f.regs[op.dst]?.rep === "obj" || f.regs[op.dst]?.rep === "i128") err("global_num into obj/i128"); break;
        case "guard_direct": edge(op.onFail, "deopt"); if (!m.funcs[op.func]) err(`guard_direct: no function #${op.func}`); break;
        case "range_resume": rep(op.dst, "obj", "range_resume"); rep(op.cur, "i64", "range_resume"); rep(op.remaining, "i64", "range_resume"); rep(op.step, "i64", "range_resume"); break;
      }
    }
    const t = b.term;
    switch (t.kind) {
      case "goto": edge(t.target, "goto"); break;
      case "branch": rep(t.cond, "bool", "branch"); edge(t.then, "branch"); edge(t.else, "branch"); break;
      case "branch_null": rep(t.reg, "obj", "branch_null"); edge(t.ifNull, "branch_null"); edge(t.otherwise, "branch_null"); break;
      case "return": {
        rep(t.value, f.regs[t.value]?.rep === "obj" || !f.direct ? "obj" : f.direct.ret, "return");
        const more = t.more ?? [];
        if (more.length && (f.regs[t.value]?.rep === "obj" || more.length !== (f.direct?.more ?? []).length)) err("return: tuple parts of no direct tuple entry");
        more.forEach((r, i) => rep(r, f.direct?.more?.[i] ?? null, "return tuple part"));
        if (f.direct?.more?.length && f.regs[t.value]?.rep !== "obj" && more.length !== f.direct.more.length) err("return: unboxed return without its tuple parts");
        break;
      }
      case "reraise": case "unreachable": break;
    }
  }
  return errs;
}
