/**
 * Pass: no "local is bound" guard where the local is bound on every path.
 *
 * Specialized code keeps, per unboxed local, a bool flag register that is set (`imm 1`) when the
 * local is assigned; a read of the local first checks `guard c[flag]` (text "$0"), whose deopt
 * lets the generic code raise the UnboundLocalError. A forward must-analysis over the function's
 * CFG (normal, deopt and exception edges alike) finds the flags that hold 1 on every path to the
 * guard; those guards can never fail and are dropped. A flag counts as set only after an `imm 1`
 * into it with no other write of it since; registers start at 0 at every entry.
 */
import type * as IR from "../ir/types.ts";
import { guardEdges, succs } from "../ir/cfg.ts";

/** Every register an op writes or empties. */
export function written(op: IR.Op): IR.RegId[] {
  const regs: IR.RegId[] = [];
  const o = op as unknown as Record<string, unknown>;
  if (typeof o["dst"] === "number") regs.push(o["dst"] as IR.RegId);
  switch (op.kind) {
    case "unpack": regs.push(...op.outs); break;
    case "build": regs.push(...op.items); break;
    case "move": regs.push(op.src); break;
    case "clear": regs.push(op.reg); break;
    case "call_direct": regs.push(op.boxed, ...(op.more ?? [])); break;
    case "call_c": for (const i of op.steals ?? []) { const a = op.args[i]; if (a?.k === "reg") regs.push(a.reg); } break;
    default: break;
  }
  return regs;
}

const setsFlag = (op: IR.Op, f: IR.FuncIR): IR.RegId | null =>
  op.kind === "imm" && op.value === "1" && f.regs[op.dst]!.rep === "bool" ? op.dst : null;

const isFlagGuard = (op: IR.Op): op is Extract<IR.Op, { kind: "guard" }> =>
  op.kind === "guard" && op.text === "$0" && op.args.length === 1;

/** What one op does to the set of registers a must-analysis tracks, judged on the set before it. */
export interface MustStep {
  /** registers it empties or overwrites */
  readonly kill: readonly IR.RegId[];
  /** registers in the set after it, on its normal path */
  readonly gen: readonly IR.RegId[];
}

/**
 * A forward must-analysis over the function's CFG (normal, deopt and exception edges alike): per
 * block, the registers in the set on entry on every path (empty at every entry: the function's,
 * the direct entry, and any block no edge reaches). A side edge of an op (its handler, its guard
 * edges) sees the set without what the op kills and before what it gens: a failing op may have
 * written or stolen its registers, and did not complete. `opts.edgeGen` adds registers known on
 * one edge of a terminator (the non-NULL side of a branch_null); `opts.atEntry` is the set at
 * f.entry.
 */
export interface MustOpts {
  readonly edgeGen?: (t: IR.Terminator, target: IR.BlockId) => readonly IR.RegId[];
  readonly atEntry?: readonly IR.RegId[];
}

export function mustAtEntry(
  f: IR.FuncIR, step: (op: IR.Op, s: ReadonlySet<IR.RegId>) => MustStep, opts: MustOpts = {},
): Map<IR.BlockId, Set<IR.RegId>> {
  const edgeGen = opts.edgeGen ?? (() => []);
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const state = new Map<IR.BlockId, Set<IR.RegId> | null>(f.blocks.map((b) => [b.id, null]));
  const reached = new Set<IR.BlockId>();
  for (const b of f.blocks) {
    for (const s of succs(b.term)) reached.add(s);
    if (b.handler !== null) reached.add(b.handler);
    for (const op of b.ops) for (const t of guardEdges(op)) reached.add(t);
  }
  const roots = f.blocks.filter((b) => b.id === f.entry || b.id === f.direct?.entry || !reached.has(b.id)).map((b) => b.id);
  const work: IR.BlockId[] = [];
  const meet = (t: IR.BlockId, s: ReadonlySet<IR.RegId>): void => {
    const cur = state.get(t);
    if (cur === undefined) return;
    if (cur === null) { state.set(t, new Set(s)); work.push(t); return; }
    let changed = false;
    for (const r of [...cur]) if (!s.has(r)) { cur.delete(r); changed = true; }
    if (changed) work.push(t);
  };
  for (const r of roots) { state.set(r, new Set(r === f.entry ? opts.atEntry ?? [] : [])); work.push(r); }
  while (work.length) {
    const b = byId.get(work.pop()!)!;
    const s = new Set(state.get(b.id)!);
    for (const op of b.ops) {
      const { kill, gen } = step(op, s);
      for (const r of kill) s.delete(r);
      if (b.handler !== null) meet(b.handler, s);
      for (const t of guardEdges(op)) meet(t, s);
      for (const r of gen) s.add(r);
    }
    if (b.handler !== null) meet(b.handler, s);
    for (const t of succs(b.term)) {
      const extra = edgeGen(b.term, t);
      meet(t, extra.length ? new Set([...s, ...extra]) : s);
    }
  }
  const out = new Map<IR.BlockId, Set<IR.RegId>>();
  for (const [id, s] of state) out.set(id, s ?? new Set());
  return out;
}

/**
 * Drops the ops `drop` says can never fail given the must-set before them: a copy of `f` (or
 * `f` itself when nothing is dropped).
 */
export function dropKnown(
  f: IR.FuncIR, step: (op: IR.Op, s: ReadonlySet<IR.RegId>) => MustStep,
  drop: (op: IR.Op, s: ReadonlySet<IR.RegId>) => boolean, opts: MustOpts = {},
): IR.FuncIR {
  const entry = mustAtEntry(f, step, opts);
  let dropped = false;
  const blocks = f.blocks.map((b): IR.Block => {
    const s = new Set(entry.get(b.id)!);
    const ops: IR.Op[] = [];
    for (const op of b.ops) {
      if (drop(op, s)) continue;
      ops.push(op);
      const { kill, gen } = step(op, s);
      for (const r of kill) s.delete(r);
      for (const r of gen) s.add(r);
    }
    if (ops.length === b.ops.length) return b;
    dropped = true;
    return { ...b, ops };
  });
  return dropped ? { ...f, blocks } : f;
}

/** flags: a flag counts as set only after an `imm 1` into it with no other write of it since */
const flagStep = (f: IR.FuncIR) => (op: IR.Op): MustStep => {
  const set = setsFlag(op, f);
  return { kill: written(op), gen: set === null ? [] : [set] };
};

export function boundFlags(m: IR.ModuleIR): IR.ModuleIR {
  const funcs = m.funcs.map((f): IR.FuncIR => {
    if (!f.blocks.some((b) => b.ops.some(isFlagGuard))) return f;
    return dropKnown(f, flagStep(f), (op, s) => isFlagGuard(op) && s.has(op.args[0]!));
  });
  return { ...m, funcs };
}
