/**
 * Which obj registers may still hold a reference when a generic body returns normally.
 *
 * The epilogue releases every register (the IR's refcount invariant), but on a normal return the
 * temporaries are almost always NULL already: testing each one costs a load, a test and a branch
 * per register on every call, and the code bytes of the hottest small functions (i-cache). A
 * forward "maybe non-NULL" dataflow over the body finds the registers a `return` can leave set;
 * the epilogue releases those, and the others only when the call failed (retval NULL).
 *
 * Soundness leans one way: every register an op mentions (ir/regs.ts) counts as possibly set by
 * it (whatever its role), and only the writes cgen prints as a NULL store clear one (`clear`, a `move`'s
 * source, a `call_c`'s stolen arguments, a `build`'s items, the returned value). A block entered
 * by an edge other than goto/branch (an exception handler, a guard's target) or by nothing known
 * starts with every register possibly set.
 */
import type * as IR from "../ir/types.ts";
import { succs } from "../ir/cfg.ts";
import { opRegs } from "../ir/regs.ts";

/** registers an op leaves NULL on its normal path (what cgen prints as `rN = NULL`) */
function cleared(op: IR.Op): number[] {
  switch (op.kind) {
    case "clear": return [op.reg];
    case "move": return [op.src];
    case "build": return [...op.items];
    case "call_c": return (op.steals ?? []).flatMap((i) => { const a = op.args[i]; return a?.k === "reg" ? [a.reg] : []; });
    default: return [];
  }
}

/** blocks entered other than by goto/branch/branch_null: handlers and guard edges */
function sideEntries(f: IR.FuncIR): Set<IR.BlockId> {
  const out = new Set<IR.BlockId>();
  for (const b of f.blocks) {
    if (b.handler !== null) out.add(b.handler);
    for (const op of b.ops) {
      const o = op as unknown as Record<string, unknown>;
      for (const k of ["onFail", "onBoxed"]) if (typeof o[k] === "number") out.add(o[k] as IR.BlockId);
    }
  }
  return out;
}

/**
 * The "maybe non-NULL" dataflow over `f` (entered only at f.entry with its parameters set): the
 * set after each block's ops, for the blocks `want` selects.
 */
function maybeSetOut(f: IR.FuncIR, want: (b: IR.Block) => boolean): { all: Set<number>; outs: Set<number>[] } {
  const objs = f.regs.filter((r) => r.rep === "obj").map((r) => r.id);
  const all = new Set<number>(objs);
  const side = sideEntries(f);
  const preds = new Map<IR.BlockId, number>();
  for (const b of f.blocks) for (const s of succs(b.term)) preds.set(s, (preds.get(s) ?? 0) + 1);
  const inState = new Map<IR.BlockId, Set<number>>();
  for (const b of f.blocks) {
    const top = side.has(b.id) || (b.id !== f.entry && !preds.has(b.id));
    inState.set(b.id, top ? new Set(all) : b.id === f.entry ? new Set(f.params.map((p) => p.reg)) : new Set());
  }
  const outOf = (b: IR.Block): Set<number> => {
    const s = new Set(inState.get(b.id));
    for (const op of b.ops) {
      for (const r of opRegs(op)) s.add(r);
      for (const r of cleared(op)) s.delete(r);
    }
    return s;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const b of f.blocks) {
      const o = outOf(b);
      for (const t of succs(b.term)) {
        const s = inState.get(t);
        if (s === undefined) continue;
        for (const r of o) if (!s.has(r)) { s.add(r); changed = true; }
      }
    }
  }
  return { all, outs: f.blocks.filter(want).map(outOf) };
}

/**
 * The obj registers that may be non-NULL at a normal return of `f` (a whole body entered only at
 * f.entry with its parameters set), always including the parameters and named locals.
 */
export function liveAtReturn(f: IR.FuncIR): Set<IR.RegId> {
  const live = new Set<IR.RegId>();
  for (const r of f.regs) if (r.rep === "obj" && r.local !== null) live.add(r.id);
  for (const p of f.params) live.add(p.reg);
  const returns = f.blocks.filter((b) => b.term.kind === "return");
  const { all, outs } = maybeSetOut(f, (b) => b.term.kind === "return");
  outs.forEach((o, i) => {
    const t = returns[i]!.term as Extract<IR.Terminator, { kind: "return" }>;
    o.delete(t.value);
    for (const r of o) if (all.has(r)) live.add(r as IR.RegId);
  });
  return live;
}

/**
 * The obj registers that may be non-NULL where a split function's generic half calls the hot half
 * (the jumps to `target`, the specialized body's entry): all that its `done_hot` exit must
 * release after that call -- in practice the parameters, which only the unboxing entry precedes.
 */
export function setAtJump(f: IR.FuncIR, target: IR.BlockId): Set<IR.RegId> {
  const { all, outs } = maybeSetOut(f, (b) => succs(b.term).includes(target));
  const out = new Set<IR.RegId>();
  for (const o of outs) for (const r of o) if (all.has(r)) out.add(r as IR.RegId);
  return out;
}
