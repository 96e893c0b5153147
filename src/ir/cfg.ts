/** Control-flow helpers shared by IR passes and cgen (plain functions over ir/types.ts). */
import type * as IR from "./types.ts";

/** Normal (non-guard, non-error) successors of a block. */
export const succs = (t: IR.Terminator): IR.BlockId[] =>
  t.kind === "goto" ? [t.target] : t.kind === "branch" ? [t.then, t.else] : t.kind === "branch_null" ? [t.ifNull, t.otherwise] : [];

/**
 * The blocks an op may leave its block for besides falling through: a guard's deopt target
 * (onFail), and a direct call's boxed-result continuation (onBoxed).
 */
export const guardEdges = (op: IR.Op): IR.BlockId[] =>
  op.kind === "call_direct" ? [op.onFail, op.onBoxed] : "onFail" in op ? [op.onFail] : [];

/** Blocks reachable from `from` by normal edges: the code that runs while no guard fails. */
export function reachable(f: IR.FuncIR, from: IR.BlockId): Set<IR.BlockId> {
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const seen = new Set<IR.BlockId>([from]);
  const work = [from];
  while (work.length) {
    for (const s of succs(byId.get(work.pop()!)!.term)) if (!seen.has(s)) { seen.add(s); work.push(s); }
  }
  return seen;
}

/**
 * Blocks reachable from `from` by every kind of edge (normal, guard, exception handler): what
 * can run at all. A pass that removes a guard leaves its deopt block behind, unreachable.
 */
export function liveBlocks(f: IR.FuncIR, from: readonly IR.BlockId[]): Set<IR.BlockId> {
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const seen = new Set<IR.BlockId>(from);
  const work = [...from];
  while (work.length) {
    const b = byId.get(work.pop()!)!;
    const next = [...succs(b.term), ...b.ops.flatMap(guardEdges), ...(b.handler !== null ? [b.handler] : [])];
    for (const s of next) if (!seen.has(s)) { seen.add(s); work.push(s); }
  }
  return seen;
}
