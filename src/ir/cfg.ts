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

/** Every block `b` may continue at: its normal successors, its ops' guard edges, its handler. */
export const exits = (b: IR.Block): IR.BlockId[] =>
  [...succs(b.term), ...b.ops.flatMap(guardEdges), ...(b.handler !== null ? [b.handler] : [])];

/** The blocks reachable from `from` along the edges `next` gives. */
function walk(f: IR.FuncIR, from: readonly IR.BlockId[], next: (b: IR.Block) => IR.BlockId[]): Set<IR.BlockId> {
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const seen = new Set<IR.BlockId>(from);
  const work = [...from];
  while (work.length) {
    for (const s of next(byId.get(work.pop()!)!)) if (!seen.has(s)) { seen.add(s); work.push(s); }
  }
  return seen;
}

/** Blocks reachable from `from` by normal edges: the code that runs while no guard fails. */
export const reachable = (f: IR.FuncIR, from: IR.BlockId): Set<IR.BlockId> => walk(f, [from], (b) => succs(b.term));

/**
 * Blocks reachable from `from` by every kind of edge (normal, guard, exception handler): what
 * can run at all. A pass that removes a guard leaves its deopt block behind, unreachable.
 */
export const liveBlocks = (f: IR.FuncIR, from: readonly IR.BlockId[]): Set<IR.BlockId> => walk(f, from, exits);
