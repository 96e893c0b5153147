/**
 * Pass: an exception handler first releases the temporaries its protected code left set.
 *
 * When an exception reaches a handler, CPython pops the value stack down to the handler's level
 * before the handler runs: what an interrupted expression had computed (`g(D(1), 1 // x)` holds
 * `g` and a `D`) is released then, and a finalizer it triggers prints before the `except` body
 * does. Compiled code keeps such values in temporaries, which were released only when the
 * function returned -- after the handler, in another order.
 *
 * So each handler block starts with `clear` of every temporary that an op of the blocks it covers
 * mentions and that is dead at the handler (no path from it reads the register before writing
 * it): a loop's iterator the handler goes back to, or a `with` statement's exit method, stays.
 * The newest first, as a stack pops (registers are numbered in evaluation order). A register
 * that is NULL there makes its clear a no-op. Temporaries: obj registers with no name, or with a
 * hidden `.tN` name (facts/anf.ts); named locals die with the frame, as in CPython. Not the
 * registers of an except clause's exception state, which its own cleanup block releases.
 */
import type * as IR from "../ir/types.ts";
import { guardEdges, succs } from "../ir/cfg.ts";
import { isStackTemp, opRegs, termRegs } from "../ir/regs.ts";

/** ops that write their `dst` on every normal path without reading its old value */
const PURE_DST = new Set<IR.Op["kind"]>([
  "const", "imm", "copy", "move", "call_c", "vcall", "vcall_method", "getattr", "build", "is", "cexpr", "box_bool", "not", "iter_next",
]);

/** registers `op` leaves without the value they had before it (written anew, or emptied) */
function kills(op: IR.Op): IR.RegId[] {
  if (op.kind === "clear") return [op.reg];
  if (!PURE_DST.has(op.kind) || !("dst" in op) || op.dst === null) return [];
  const dst = op.dst;
  // an op that also reads its destination (`r = r + 1` as one op) keeps it live
  return opRegs(op).filter((r) => r === dst).length === 1 ? [dst] : [];
}

/** registers whose value before `op` it may use: everything it mentions but a pure write */
function reads(op: IR.Op): IR.RegId[] {
  if (op.kind === "clear") return [];
  const k = kills(op);
  return opRegs(op).filter((r) => !k.includes(r));
}

/**
 * Registers live on entry to each block (read before written on some path), over every edge:
 * normal, guard and exception edges alike. Conservative where it is cheap to be: a block's
 * handler and its ops' guard targets count as live at the block's entry.
 */
function liveIn(f: IR.FuncIR): Map<IR.BlockId, Set<IR.RegId>> {
  const live = new Map<IR.BlockId, Set<IR.RegId>>(f.blocks.map((b) => [b.id, new Set()]));
  for (let changed = true; changed;) {
    changed = false;
    for (let i = f.blocks.length - 1; i >= 0; i--) {
      const b = f.blocks[i]!;
      const s = new Set<IR.RegId>();
      for (const t of succs(b.term)) for (const r of live.get(t) ?? []) s.add(r);
      for (const r of termRegs(b.term)) s.add(r);
      for (let j = b.ops.length - 1; j >= 0; j--) {
        const op = b.ops[j]!;
        for (const r of kills(op)) s.delete(r);
        for (const r of reads(op)) s.add(r);
      }
      const side = [...b.ops.flatMap(guardEdges), ...(b.handler !== null ? [b.handler] : [])];
      for (const t of side) for (const r of live.get(t) ?? []) s.add(r);
      const cur = live.get(b.id)!;
      for (const r of s) if (!cur.has(r)) { cur.add(r); changed = true; }
    }
  }
  return live;
}

const EXC_STATE = new Set(["spz_exc_fetch", "spz_exc_enter_handler"]);

const isTemp = (f: IR.FuncIR, r: IR.RegId): boolean => f.regs[r]!.rep === "obj" && isStackTemp(f.regs[r]!);

function clearFunc(f: IR.FuncIR): IR.FuncIR {
  const handlers = new Set(f.blocks.flatMap((b) => (b.handler !== null ? [b.handler] : [])));
  if (handlers.size === 0) return f;
  const live = liveIn(f);
  // an except clause's caught exception and saved exception state: its own cleanup releases them
  // in order (spz_exc_leave_handler restores the state first), on every way out
  const excState = new Set<IR.RegId>();
  for (const b of f.blocks) {
    for (const op of b.ops) if (op.kind === "call_c" && op.dst !== null && EXC_STATE.has(op.fn)) excState.add(op.dst);
  }
  const clears = new Map<IR.BlockId, IR.Op[]>();
  for (const h of handlers) {
    const covered = new Set<IR.RegId>();
    for (const b of f.blocks) if (b.handler === h) for (const op of b.ops) for (const r of opRegs(op)) if (isTemp(f, r)) covered.add(r);
    for (const r of excState) covered.delete(r);
    const dead = [...covered].filter((r) => !live.get(h)!.has(r)).sort((a, b) => b - a);
    const hb = f.blocks.find((b) => b.id === h)!;
    const line = hb.ops[0]?.line ?? 0;
    if (dead.length > 0) clears.set(h, dead.map((reg): IR.Op => ({ kind: "clear", reg, line })));
  }
  if (clears.size === 0) return f;
  return { ...f, blocks: f.blocks.map((b) => (clears.has(b.id) ? { ...b, ops: [...clears.get(b.id)!, ...b.ops] } : b)) };
}

export function handlerClears(m: IR.ModuleIR): IR.ModuleIR {
  return { ...m, funcs: m.funcs.map(clearFunc) };
}
