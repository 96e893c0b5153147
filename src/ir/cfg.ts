/** Control-flow helpers shared by IR passes and cgen (plain functions over ir/types.ts). */
import type * as IR from "./types.ts";

/** Normal (non-guard, non-error) successors of a block. */
export const succs = (t: IR.Terminator): IR.BlockId[] =>
  t.kind === "goto" ? [t.target] : t.kind === "branch" ? [t.then, t.else] : t.kind === "branch_null" ? [t.ifNull, t.otherwise] : [];

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
