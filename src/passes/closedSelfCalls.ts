/**
 * Pass: self-recursive direct calls in a *closed* specialized body skip the per-call guard on
 * the function's global binding and the callee's frame push (`call_direct.closed`,
 * `DirectEntry.proof`).
 *
 * Closed: every op on the specialized body's normal paths (from the direct entry, not crossing a
 * deopt edge) is unboxed arithmetic, a guard, a read of a module value, or a direct call of the
 * function itself -- nothing that can run Python code (no generic op, no call out, no loop poll
 * that runs signal handlers) or store anywhere. So while the body stays in specialized code,
 * nothing can rebind a global: once "the global `fib` names this function object" was checked
 * (by a guard at a call site), it stays true for the rest of the body and for the callees that
 * are that same object, as long as each of them returned from specialized code only. cgen keeps
 * it in a flag: the proof arrives with the direct entry (false from every other caller), a
 * closed call with the proof passes `self` without looking the global up, a closed call
 * without it checks the guard as any call does and establishes the proof when the global names
 * `self`. A boxed result (some level finished in generic code, where Python code may have run)
 * drops the proof and leaves the body at the call's `onBoxed` edge, so a rebinding from outside
 * takes effect at the next call made after it, exactly as before.
 *
 * A closed body that is also pure (`pureKernel`) gets a kernel (DirectEntry.kernel, cgen/kernel.ts).
 *
 * Frames: nothing can look at the stack while closed code runs, so the callee's frame is not
 * pushed (spec 6.8 leaves frames out of the contract); if a frameless level deopts, its generic
 * code shows the nearest pushed frame of the recursion.
 */
import type * as IR from "../ir/types.ts";
import { reachable } from "../ir/cfg.ts";

/** Ops that run no Python code and store nothing outside the body's registers. */
function closedOp(op: IR.Op, f: IR.FuncIR): boolean {
  switch (op.kind) {
    case "imm": case "cexpr": case "guarded": case "guard": case "guard_builtin": case "global_num": case "slot_get":
      return true;
    case "move": case "copy":
      return f.regs[op.dst]!.rep !== "obj";
    case "layout_guard": // a fill of read fields only looks types up (spz_slot_resolve); stores may build a class plan
      return op.objs.every((o) => o.fields.every((x) => x.store === null));
    case "call_direct":
      // a method's self-call is guarded on its receiver's type, not on a global name: the proof
      // (the global names this function) says nothing about it
      // (and checks no object argument at the site: a closed call makes no checks)
      return op.func === f.index && !op.method && !op.checks?.length;
    default:
      return false;
  }
}

/** The self-calls of f that may be closed, or null when f's specialized body is not closed. */
export function closedSelfCallSites(f: IR.FuncIR): IR.Op[] | null {
  if (!f.direct) return null;
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const sites: IR.Op[] = [];
  for (const id of reachable(f, f.direct.entry)) {
    const b = byId.get(id)!;
    for (const op of b.ops) {
      if (!closedOp(op, f)) return null;
      if (op.kind === "call_direct") sites.push(op);
    }
    if (b.term.kind === "reraise" || b.term.kind === "unreachable") return null;
  }
  // the proof is about one name: every self-call must use the same one
  const names = new Set(sites.map((op) => (op.kind === "call_direct" ? op.name : -1)));
  return sites.length > 0 && names.size === 1 ? sites : null;
}

/**
 * A closed body that computes nothing but its unboxed result: pure arithmetic, guards, self-calls
 * and unboxed returns of one value (no module values read, no tuple parts). Running it twice
 * gives the same result with no effect seen, so a run may be abandoned at a failing guard.
 */
export function pureKernel(f: IR.FuncIR): boolean {
  if (!f.direct || f.direct.more?.length || !closedSelfCallSites(f)) return false;
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  for (const id of reachable(f, f.direct.entry)) {
    const b = byId.get(id)!;
    if (!b.ops.every((op) => op.kind === "imm" || op.kind === "cexpr" || op.kind === "guarded" || op.kind === "guard" || op.kind === "call_direct")) return false;
    if (b.term.kind === "return" && (f.regs[b.term.value]!.rep === "obj" || b.term.more?.length)) return false;
    if (b.term.kind === "branch_null") return false;
  }
  return true;
}

export function closedSelfCalls(m: IR.ModuleIR): IR.ModuleIR {
  const funcs = m.funcs.map((f): IR.FuncIR => {
    const sites = closedSelfCallSites(f);
    if (!sites || !f.direct) return f;
    const mark = new Set(sites);
    const blocks = f.blocks.map((b) => ({
      ...b, ops: b.ops.map((op) => (op.kind === "call_direct" && mark.has(op) ? { ...op, closed: true } : op)),
    }));
    const marked: IR.FuncIR = { ...f, blocks, direct: { ...f.direct, proof: true } };
    return pureKernel(marked) ? { ...marked, direct: { ...marked.direct!, kernel: true } } : marked;
  });
  return { ...m, funcs };
}
