/**
 * Hot/cold split of a specialized function into two C functions (a cgen decision: the IR is
 * unchanged). The specialized body — the blocks reachable from the body entry by normal edges,
 * plus the deopt blocks its guards jump to — becomes a small C function with only unboxed
 * registers in its fast path, which gcc allocates and lays out like hand-written C. The rest
 * (parameter unboxing, the generic twin) stays in the big function.
 *
 * The two meet at two kinds of edge only, both `goto`s:
 *  - specialized entry -> body: the big function calls the hot one with the unboxed parameters;
 *  - guard -> deopt block: the hot function hands its registers (`state`: the obj registers it
 *    owns or borrows; `vals`: the unboxed ones the deopt blocks read) to the big function in
 *    resume mode, which runs the deopt block (boxing the live values) and continues generically.
 *    The deopt blocks are generic-half code: in the hot function they were a fifth of gcc's work
 *    at -O2 (each boxes every live value), in the big one they compile at -Og (units.ts Tiers).
 * Anything else crossing (a branch, a handler, an unboxed return in generic code) means the
 * function is emitted whole, as before: `planSplit` returns null.
 */
import type * as IR from "../ir/types.ts";
import { exits, guardEdges, reachable } from "../ir/cfg.ts";
import { opRegs, termRegs } from "../ir/regs.ts";

export { reachable };

export interface SplitPlan {
  /** blocks of the hot function: the specialized body */
  readonly hot: ReadonlySet<IR.BlockId>;
  /** the blocks its guards jump to (in the generic function, entered at resume) */
  readonly deopt: ReadonlySet<IR.BlockId>;
  readonly bodyEntry: IR.BlockId;
  /** per parameter slot: the unboxed register, or the obj register (borrowed unless written) */
  readonly hotParams: readonly IR.RegId[];
  /** obj registers handed over on resume, in order (what the body owns, borrowed parameters) */
  readonly state: readonly IR.RegId[];
  /** unboxed registers handed over on resume, after `state`: what the deopt blocks read */
  readonly vals: readonly IR.RegId[];
  /** the obj parameters the hot code never writes (the hot function only borrows those) */
  readonly borrowed: ReadonlySet<IR.RegId>;
  /** the deopt blocks, where the generic function resumes */
  readonly resumeAt: readonly IR.BlockId[];
  /** obj registers the specialized body itself writes (a new list local): released on return */
  readonly bodyOwned: readonly IR.RegId[];
}

/** Registers an op writes (islands run generic ops inside the hot body: every kind counts). */
export const writes = (op: IR.Op): IR.RegId[] => {
  if (op.kind === "unpack") return [...op.outs];
  if (op.kind === "call_direct") return [op.dst, ...(op.more ?? []), op.boxed];
  return "dst" in op && op.dst !== null ? [op.dst] : [];
};

export function planSplit(f: IR.FuncIR): SplitPlan | null {
  if (process.env["SPYC_NO_SPLIT"]) return null; // debugging knob: emit every function whole
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const entry = byId.get(f.entry)!;
  if (!entry.label.startsWith("spec.") || entry.term.kind !== "goto") return null;
  const bodyEntry = entry.term.target;
  // hot parameters: what the specialized entry unboxed, or the sequence checked in place
  const unboxOf = new Map<IR.RegId, IR.RegId>();
  for (const op of entry.ops) if (op.kind === "unbox") unboxOf.set(op.src, op.dst);
  const hotParams = f.params.map((p) => unboxOf.get(p.reg) ?? p.reg);

  const body = reachable(f, bodyEntry);
  const deopt = new Set<IR.BlockId>();
  for (const id of body) {
    const b = byId.get(id)!;
    if (b.handler !== null) return null;
    for (const op of b.ops) for (const t of guardEdges(op)) if (!body.has(t)) deopt.add(t);
  }
  const hot = body;
  // an obj parameter the hot code never writes is borrowed from the generic half; one it writes
  // (`s += "!"` in an island) gets its own reference at entry, released like any other register
  const hotWrites = new Set([...hot].flatMap((id) => byId.get(id)!.ops.flatMap(writes)));
  const borrowed = new Set(f.params.filter((p) => !unboxOf.has(p.reg) && !hotWrites.has(p.reg)).map((p) => p.reg));
  const state = new Set<IR.RegId>(borrowed);
  const bodyOwned = new Set<IR.RegId>();
  // every obj register the body writes: locals, and the iterators of generic loops that a deopt
  // hands to the generic half mid-loop (temporaries are NULL again at every deopt point)
  for (const id of body) {
    for (const op of byId.get(id)!.ops) for (const r of writes(op)) if (f.regs[r]!.rep === "obj") bodyOwned.add(r);
  }
  for (const r of bodyOwned) state.add(r);
  // the unboxed registers a deopt block reads that the body has (ir/regs.ts: every register an op
  // mentions; a deopt block's own temporaries are not the body's)
  const inBody = new Set<number>(hotParams);
  for (const id of body) {
    const b = byId.get(id)!;
    for (const op of b.ops) for (const r of opRegs(op)) inBody.add(r);
    for (const r of termRegs(b.term)) inBody.add(r);
  }
  const vals = new Set<IR.RegId>();
  for (const id of deopt) {
    const b = byId.get(id)!;
    if (b.handler !== null || b.term.kind !== "goto" || hot.has(b.term.target)) return null;
    for (const op of b.ops) {
      if (guardEdges(op).length) return null;
      for (const r of opRegs(op)) if (f.regs[r]!.rep !== "obj" && inBody.has(r)) vals.add(r);
    }
  }
  const resumeAt = deopt;
  // the generic part may enter the hot part only at the body entry, from the specialized entry
  for (const b of f.blocks) {
    if (hot.has(b.id)) continue;
    for (const s of exits(b)) {
      if (hot.has(s) && !(b.id === f.entry && s === bodyEntry)) return null;
    }
    if (b.term.kind === "return" && f.regs[b.term.value]!.rep !== "obj") return null;
  }
  return {
    hot, deopt, bodyEntry, hotParams, borrowed,
    state: [...state].sort((a, b) => a - b), vals: [...vals].sort((a, b) => a - b),
    resumeAt: [...resumeAt].sort((a, b) => a - b), bodyOwned: [...bodyOwned],
  };
}
