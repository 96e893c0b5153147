/**
 * The registers an op or terminator mentions -- reads and writes alike -- listed per kind, so
 * that a field holding a line, a constant index or a function index is never taken for a
 * register, and a register inside an operand (`str_eq.other`, `dict_item.key`, a `call_c`
 * argument) or a nested record (`layout_guard.objs`) is never missed. The switch is exhaustive:
 * a new op kind does not compile until it says which of its fields are registers.
 *
 * Users: cgen declares in each half of a split function the registers its ops mention
 * (emitFunc halfRegs), passes across the handover the unboxed registers the deopt blocks read
 * (split.ts), and runs the "maybe set at return" dataflow (exitRegs.ts).
 */
import type * as IR from "./types.ts";

function operandRegs(xs: readonly IR.Operand[]): IR.RegId[] {
  const out: IR.RegId[] = [];
  for (const x of xs) if (x.k === "reg") out.push(x.reg);
  return out;
}

/** every register `op` reads or writes */
export function opRegs(op: IR.Op): IR.RegId[] {
  switch (op.kind) {
    case "const": case "imm": case "global_num": return [op.dst];
    case "copy": case "move": case "box_bool": case "not": case "unbox": return [op.dst, op.src];
    case "box": return op.ifSet === null ? [op.dst, op.src] : [op.dst, op.src, op.ifSet];
    case "clear": case "check_bound": return [op.reg];
    case "call_c": return [...(op.dst === null ? [] : [op.dst]), ...operandRegs(op.args)];
    case "vcall": return [op.dst, op.callee, ...op.args];
    case "vcall_method": return [op.dst, op.self, ...op.args];
    case "getattr": return [op.dst, op.obj];
    case "setattr": return [op.obj, op.value];
    case "build": return [op.dst, ...op.items];
    case "unpack": return [op.seq, ...op.outs];
    case "iter_next": return op.reuse === undefined ? [op.dst, op.iter] : [op.dst, op.iter, op.reuse];
    case "is": return [op.dst, op.a, op.b];
    case "poll": case "guard_builtin": case "guard_direct": return [];
    case "cexpr": return [op.dst, ...op.args];
    case "guarded": return [op.dst, ...operandRegs(op.args)];
    case "guard": return [...op.args];
    case "call_direct": return [op.dst, op.boxed, ...op.args, ...(op.more ?? [])];
    case "slot_get": return [op.dst, op.obj];
    case "str_eq": return [op.dst, op.obj, ...operandRegs([op.other])];
    case "dict_item": return [op.dst, op.dict, ...operandRegs([op.key])];
    case "slot_item": return [op.dst, op.obj, op.index];
    case "slot_set": return [op.obj, op.src];
    case "layout_guard": return op.objs.map((o) => o.obj);
    case "slot_item_set": return [op.obj, op.index, op.src];
    case "dict_acc": return [op.dict, op.key, op.src];
    case "range_resume": return [op.dst, op.cur, op.remaining, op.step];
    case "attr_acc": return [op.obj, op.src];
    default: {
      const never: never = op;
      throw new Error(`opRegs: unknown op ${(never as { kind: string }).kind}`);
    }
  }
}

/** every register a terminator reads */
export function termRegs(t: IR.Terminator): IR.RegId[] {
  switch (t.kind) {
    case "branch": return [t.cond];
    case "branch_null": return [t.reg];
    case "return": return [t.value, ...(t.more ?? [])];
    case "goto": case "reraise": case "unreachable": return [];
    default: {
      const never: never = t;
      throw new Error(`termRegs: unknown terminator ${(never as { kind: string }).kind}`);
    }
  }
}

/**
 * A register that holds what CPython keeps on its value stack rather than in a named local: no
 * name, or a hidden `.tN` one (facts/anf.ts). Exits and handlers release those first, newest
 * first, as CPython pops its stack (cgen/emitFunc.ts releaseOrder, passes/handlerClears.ts).
 */
export const isStackTemp = (r: IR.Reg): boolean => r.local === null || r.local.startsWith(".");
