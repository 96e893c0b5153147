/**
 * Shared boxing at the resume points of a split function's generic half (split.ts, emitFunc.ts
 * emitSplit).
 *
 * Each deopt block starts by boxing the live unboxed values (a run of `box` ops, emitOp.ts
 * `emitBoxRun`), and the deopt blocks of one function usually box the same registers: every
 * guard of a loop body sees the same locals. Emitted per block, those runs were about a tenth of
 * a cold unit's gcc time (sample100). Blocks whose leading runs are identical share one copy:
 * the resume switch sets the line a failed boxing reports and jumps to the group's run, which
 * then dispatches on `resume_` again to the rest of each block.
 *
 * A deopt block is entered only by the resume switch in the generic half (the hot guards that
 * target it live in the other C function); one with any other way in keeps its own run.
 */
import type * as IR from "../ir/types.ts";
import { exits } from "../ir/cfg.ts";
import { boxRunAt } from "./emitOp.ts";
import type { SplitPlan } from "./split.ts";

export interface BoxGroup {
  /** the deopt blocks that share this run, in resume order */
  readonly blocks: readonly IR.BlockId[];
  /** the run itself (the ops of the first block's run; the others' are identical) */
  readonly ops: readonly IR.Op[];
}

export interface SharedBoxes {
  readonly groups: readonly BoxGroup[];
  /** per block of a group: its group and how many leading ops the shared run replaces */
  readonly at: ReadonlyMap<IR.BlockId, { readonly group: number; readonly len: number }>;
}

/** what makes two runs the same C: the registers boxed into, from, and the presence flags */
function runKey(ops: readonly IR.Op[]): string {
  return ops.map((op) => (op.kind === "box" ? `${op.dst}<${op.src}?${op.ifSet ?? ""}` : "?")).join(",");
}

export function shareResumeBoxes(f: IR.FuncIR, p: SplitPlan): SharedBoxes {
  // the ways into each block from the generic half (p.hot's guard edges are the resume points)
  const entered = new Set<IR.BlockId>();
  for (const b of f.blocks) if (!p.hot.has(b.id)) for (const t of exits(b)) entered.add(t);
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const byKey = new Map<string, { blocks: IR.BlockId[]; ops: readonly IR.Op[] }>();
  for (const t of p.resumeAt) {
    const b = byId.get(t)!;
    if (entered.has(t)) continue;
    const n = boxRunAt(b.ops, 0);
    if (n === 0) continue;
    const ops = b.ops.slice(0, n);
    const key = runKey(ops);
    const g = byKey.get(key);
    if (g) g.blocks.push(t);
    else byKey.set(key, { blocks: [t], ops });
  }
  const groups = [...byKey.values()].filter((g) => g.blocks.length >= 2);
  const at = new Map<IR.BlockId, { group: number; len: number }>();
  groups.forEach((g, k) => { for (const t of g.blocks) at.set(t, { group: k, len: g.ops.length }); });
  return { groups, at };
}
