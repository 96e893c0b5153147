/**
 * The "maybe non-NULL" dataflow over a function's obj registers, and its two uses:
 *  - which registers may still hold a reference when a generic body returns normally. The
 *    epilogue releases every register (the IR's refcount invariant), but on a normal return the
 *    temporaries are almost always NULL already: testing each one costs a load, a test and a
 *    branch per register on every call, and the code bytes of the hottest small functions
 *    (i-cache). The epilogue releases the registers a `return` can leave set, and the others only
 *    when the call failed (retval NULL);
 *  - which temporaries an op writes while they are NULL (nullBeforeOps): stored without
 *    Py_XSETREF's release of an old value.
 *
 * Soundness leans one way: every register an op mentions (ir/regs.ts) counts as possibly set by
 * it (whatever its role), and only the writes cgen prints as a NULL store clear one (`clear`, a `move`'s
 * source, a `call_c`'s stolen arguments, a `build`'s items, the returned value). A guard's edge
 * (onFail, onBoxed) carries the set before its op and every register the op mentions; a C body
 * entered at such a target (a split function's generic half, resumed after a deopt) has only
 * registers from that set restored, the rest NULL. An exception handler, or a block entered by
 * nothing known, starts with every register possibly set.
 */
import type * as IR from "../ir/types.ts";
import { guardEdges, succs } from "../ir/cfg.ts";
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

/** an op's effect: the registers it mentions (may set), clears, and its side edges */
interface OpFx { readonly add: readonly number[]; readonly clr: readonly number[]; readonly side: readonly IR.BlockId[] }

/** The dataflow's result: the set on entry to each block, as a bitset over register ids. */
interface Flow {
  readonly f: IR.FuncIR;
  readonly inState: ReadonlyMap<IR.BlockId, Uint32Array>;
  readonly fx: ReadonlyMap<IR.Op, OpFx>;
}

const has = (s: Uint32Array, r: number): boolean => (s[r >>> 5]! & (1 << (r & 31))) !== 0;
/** s |= regs */
function addAll(s: Uint32Array, regs: Iterable<number>): void {
  for (const r of regs) s[r >>> 5]! |= 1 << (r & 31);
}
/** t |= s; whether t changed */
function union(t: Uint32Array, s: Uint32Array): boolean {
  let changed = false;
  for (let i = 0; i < t.length; i++) {
    const v = (t[i]! | s[i]!) >>> 0; // (`|` gives a signed 32-bit int)
    if (v !== t[i]) { t[i] = v; changed = true; }
  }
  return changed;
}
/** the set after an op: every register it mentions may be set, those it clears are NULL */
function step(s: Uint32Array, fx: OpFx): void {
  addAll(s, fx.add);
  for (const r of fx.clr) s[r >>> 5]! &= ~(1 << (r & 31));
}

/** computed once per function: cgen asks three questions of it */
const flows = new WeakMap<IR.FuncIR, Flow>();

/**
 * The "maybe non-NULL" dataflow over `f` (entered only at f.entry with its parameters set): the
 * set on entry to each block. A guard's edge carries the set before its op plus every register
 * the op mentions (it may leave part way); an exception handler, entered from anywhere in the
 * blocks it covers, and a block entered by nothing known start with every register.
 */
function flowOf(f: IR.FuncIR): Flow {
  const memo = flows.get(f);
  if (memo) return memo;
  const words = (f.regs.length + 31) >>> 5;
  const fx = new Map<IR.Op, OpFx>();
  const handlers = new Set<IR.BlockId>();
  const entered = new Set<IR.BlockId>([f.entry]);
  for (const b of f.blocks) {
    if (b.handler !== null) handlers.add(b.handler);
    for (const t of succs(b.term)) entered.add(t);
    for (const op of b.ops) {
      const e: OpFx = { add: opRegs(op), clr: cleared(op), side: guardEdges(op) };
      fx.set(op, e);
      for (const t of e.side) entered.add(t);
    }
  }
  const inState = new Map<IR.BlockId, Uint32Array>();
  for (const b of f.blocks) {
    const s = new Uint32Array(words);
    if (handlers.has(b.id) || !entered.has(b.id)) s.fill(0xffffffff);
    else if (b.id === f.entry) addAll(s, f.params.map((p) => p.reg));
    inState.set(b.id, s);
  }
  const s = new Uint32Array(words), edge = new Uint32Array(words);
  for (let changed = true; changed;) {
    changed = false;
    for (const b of f.blocks) {
      s.set(inState.get(b.id)!);
      for (const op of b.ops) {
        const e = fx.get(op)!;
        if (e.side.length > 0) {
          edge.set(s);
          addAll(edge, e.add);
          for (const t of e.side) { const ts = inState.get(t); if (ts && union(ts, edge)) changed = true; }
        }
        step(s, e);
      }
      for (const t of succs(b.term)) { const ts = inState.get(t); if (ts && union(ts, s)) changed = true; }
    }
  }
  const flow = { f, inState, fx };
  flows.set(f, flow);
  return flow;
}

/** the obj registers of the set after b's ops */
function outOf(flow: Flow, b: IR.Block): Set<number> {
  const s = new Uint32Array(flow.inState.get(b.id)!);
  for (const op of b.ops) step(s, flow.fx.get(op)!);
  return new Set(flow.f.regs.filter((r) => r.rep === "obj" && has(s, r.id)).map((r) => r.id));
}

/**
 * Per op, the obj temporaries it mentions that are NULL on every path to it. cgen stores an op's
 * result into such a register plainly, without Py_XSETREF's test and release of an old value:
 * in a generic body nearly every result goes to a fresh temporary, and each of those tests was a
 * branch and a dealloc call of its own for gcc to compile (sample100's cold unit: 2.49 G -> 2.38
 * G cc1 instructions) and for the CPU to run. Temporaries only: a named local's register is also
 * written outside the ops (frameLocals.ts boxes an unboxed twin into it), unseen here.
 */
export function nullBeforeOps(f: IR.FuncIR): Map<IR.Op, Set<IR.RegId>> {
  const flow = flowOf(f);
  const temp = (r: number): boolean => f.regs[r]?.rep === "obj" && f.regs[r]!.local === null;
  const out = new Map<IR.Op, Set<IR.RegId>>();
  const s = new Uint32Array((f.regs.length + 31) >>> 5);
  for (const b of f.blocks) {
    s.set(flow.inState.get(b.id)!);
    for (const op of b.ops) {
      const e = flow.fx.get(op)!;
      const fresh = e.add.filter((r) => temp(r) && !has(s, r));
      if (fresh.length > 0) out.set(op, new Set(fresh as IR.RegId[]));
      step(s, e);
    }
  }
  return out;
}

/**
 * The obj registers that may be non-NULL at a normal return of `f` (a whole body entered only at
 * f.entry with its parameters set), always including the parameters and named locals.
 */
export function liveAtReturn(f: IR.FuncIR): Set<IR.RegId> {
  const live = new Set<IR.RegId>();
  for (const r of f.regs) if (r.rep === "obj" && r.local !== null) live.add(r.id);
  for (const p of f.params) live.add(p.reg);
  const flow = flowOf(f);
  for (const b of f.blocks) {
    if (b.term.kind !== "return") continue;
    const o = outOf(flow, b);
    o.delete(b.term.value);
    for (const r of o) live.add(r as IR.RegId);
  }
  return live;
}

/**
 * The obj registers that may be non-NULL where a split function's generic half calls the hot half
 * (the jumps to `target`, the specialized body's entry): all that its `done_hot` exit must
 * release after that call -- in practice the parameters, which only the unboxing entry precedes.
 */
export function setAtJump(f: IR.FuncIR, target: IR.BlockId): Set<IR.RegId> {
  const flow = flowOf(f);
  const out = new Set<IR.RegId>();
  for (const b of f.blocks) if (succs(b.term).includes(target)) for (const r of outOf(flow, b)) out.add(r as IR.RegId);
  return out;
}
