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
import { succs } from "../ir/cfg.ts";

/** Every register an op writes or empties. */
function written(op: IR.Op): IR.RegId[] {
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

/** Per block: the flags set on entry on every path (null: no path seen yet). */
export function flagsAtEntry(f: IR.FuncIR): Map<IR.BlockId, Set<IR.RegId>> {
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const state = new Map<IR.BlockId, Set<IR.RegId> | null>(f.blocks.map((b) => [b.id, null]));
  // entries: the function's, the direct entry, and any block no edge reaches
  const reached = new Set<IR.BlockId>();
  for (const b of f.blocks) {
    for (const s of succs(b.term)) reached.add(s);
    if (b.handler !== null) reached.add(b.handler);
    for (const op of b.ops) for (const t of edgesOf(op)) reached.add(t);
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
  for (const r of roots) { state.set(r, new Set()); work.push(r); }
  while (work.length) {
    const b = byId.get(work.pop()!)!;
    const s = new Set(state.get(b.id)!);
    for (const op of b.ops) {
      if (b.handler !== null) meet(b.handler, s);
      for (const t of edgesOf(op)) meet(t, s);
      for (const r of written(op)) s.delete(r);
      const set = setsFlag(op, f);
      if (set !== null) s.add(set);
    }
    if (b.handler !== null) meet(b.handler, s);
    for (const t of succs(b.term)) meet(t, s);
  }
  const out = new Map<IR.BlockId, Set<IR.RegId>>();
  for (const [id, s] of state) out.set(id, s ?? new Set());
  return out;
}

const edgesOf = (op: IR.Op): IR.BlockId[] =>
  op.kind === "call_direct" ? [op.onFail, op.onBoxed] : "onFail" in op ? [op.onFail] : [];

export function boundFlags(m: IR.ModuleIR): IR.ModuleIR {
  const funcs = m.funcs.map((f): IR.FuncIR => {
    if (!f.blocks.some((b) => b.ops.some(isFlagGuard))) return f;
    const entry = flagsAtEntry(f);
    const blocks = f.blocks.map((b): IR.Block => {
      const s = new Set(entry.get(b.id)!);
      const ops: IR.Op[] = [];
      for (const op of b.ops) {
        if (isFlagGuard(op) && s.has(op.args[0]!)) continue;
        ops.push(op);
        for (const r of written(op)) s.delete(r);
        const set = setsFlag(op, f);
        if (set !== null) s.add(set);
      }
      return ops.length === b.ops.length ? b : { ...b, ops };
    });
    return { ...f, blocks };
  });
  return { ...m, funcs };
}
