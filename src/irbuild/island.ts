/**
 * Islands: generic code inside a specialized body. A statement (or an if/while test) whose
 * expressions have no unboxed representation (facts/types.ts: `islands`, `genericTests`) is
 * lowered by the generic lowering (stmt.ts/expr.ts) on boxed values, in place, so the rest of the
 * function stays unboxed:
 *   - the typed locals it reads are boxed into their generic registers first (an unbound local
 *     leaves its register NULL, so the generic code raises UnboundLocalError as CPython would);
 *   - after it, the typed locals it may bind are unboxed again; an unbox is a guard, and when the
 *     value has another type the function continues in its generic code AFTER the statement
 *     (the island's side effects happened exactly once), with the other typed locals boxed.
 * Exits (`exits`) are statements no island can hold: the specialized body jumps to the generic
 * code of that statement and finishes there.
 * In: SCtx + the facts' Island. Out: blocks appended to the FnBuilder.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import type { Island } from "../facts/types.ts";
import { InternalError } from "../diag/types.ts";
import { type SCtx, deopt, deoptBlock } from "./specCtx.ts";
import { stmts as genericStmts } from "./stmt.ts";
import { truth } from "./expr.ts";
import type { Ctx } from "./expr.ts";

/** Box the typed locals an island reads into their generic registers. */
export function boxReads(c: SCtx, isl: Island, ln: number): void {
  for (const name of isl.reads) boxLocal(c, name, ln);
}

/** A typed local's value in its generic register (NULL when unbound); its current box kept when there is one. */
export function boxLocal(c: SCtx, name: string, ln: number): void {
  const b = c.b;
  {
    const t = c.typed.get(name);
    if (!t) return;
    const o = b.local(name);
    const ok = c.boxedOk.get(name);
    let join: IR.Block | null = null;
    if (ok !== undefined) {
      // boxed already since its last assignment: nothing to do
      const box = b.newBlock("spec.box", null);
      join = b.newBlock("spec.boxed", null);
      b.terminate({ kind: "branch", cond: ok, then: join.id, else: box.id });
      b.setBlock(box);
    }
    // unbound (flag clear) must read as NULL, whatever an earlier island left there
    if (t.flag !== null) b.emit({ kind: "clear", reg: o, line: ln });
    b.emit({ kind: "box", dst: o, src: t.reg, ifSet: t.flag, line: ln });
    if (ok !== undefined && join) {
      b.emit({ kind: "imm", dst: ok, value: "1", line: ln });
      b.goto(join);
      b.setBlock(join);
    }
  }
}

/**
 * Run `lower` with the generic lowering's own bookkeeping (deopt entries, iterator registers of
 * the generic body) out of its way: the island's copy of a statement is not the generic body's.
 */
export function asGeneric<T>(c: SCtx, lower: (g: Ctx) => T): T {
  const b = c.b;
  const entries = b.stmtEntries, wanted = b.afterWanted;
  const iters = new Map(b.forIters), heads = new Map(b.forHeads), after = new Map(b.stmtAfter);
  b.stmtEntries = null;
  b.afterWanted = new Set();
  try {
    return lower(c.generic);
  } finally {
    b.stmtEntries = entries;
    b.afterWanted = wanted;
    for (const [m, saved] of [[b.forIters, iters], [b.forHeads, heads], [b.stmtAfter, after]] as const) {
      (m as Map<number, number>).clear();
      for (const [k, v] of saved as Map<number, number>) (m as Map<number, number>).set(k, v);
    }
  }
}

/** A statement run generically inside the specialized body (see the file comment). */
export function islandStmt(c: SCtx, s: A.Stmt, isl: Island, ln: number): void {
  const b = c.b;
  if (b.unwind.length) throw new InternalError("island inside a protected region", s.span);
  boxReads(c, isl, ln);
  asGeneric(c, (g) => genericStmts(g, [s]));
  if (b.terminated || !isl.writes.length) return;
  const after = c.after.get(s.id);
  if (after === undefined) throw new InternalError(`no generic code after the island at line ${ln}`, s.span);
  // what the island bound is in the generic registers already: a deopt must not overwrite it
  const onFail = deoptBlock(c, `deopt_island@${ln}`, after, ln, () => {}, new Set(isl.writes));
  unboxWrites(c, isl.writes, onFail, ln);
}

/** Unbox typed locals from their generic registers (NULL: unbound, the flag says so). */
export function unboxWrites(c: SCtx, names: readonly string[], onFail: IR.BlockId, ln: number): void {
  const b = c.b;
  for (const name of names) {
    const t = c.typed.get(name);
    if (!t) continue;
    const o = b.local(name);
    // the generic register holds the value it was unboxed from: its boxed copy is current
    const ok = c.boxedOk.get(name);
    if (t.flag === null) {
      b.emit({ kind: "unbox", dst: t.reg, src: o, onFail, line: ln });
      if (ok !== undefined) b.emit({ kind: "imm", dst: ok, value: "1", line: ln });
      continue;
    }
    const bound = b.newBlock("spec.island_bound", null), unbound = b.newBlock("spec.island_unbound", null);
    const join = b.newBlock("spec.island_join", null);
    b.terminate({ kind: "branch_null", reg: o, ifNull: unbound.id, otherwise: bound.id });
    b.setBlock(unbound);
    b.emit({ kind: "imm", dst: t.flag, value: "0", line: ln });
    b.goto(join);
    b.setBlock(bound);
    b.emit({ kind: "unbox", dst: t.reg, src: o, onFail, line: ln });
    b.emit({ kind: "imm", dst: t.flag, value: "1", line: ln });
    if (ok !== undefined) b.emit({ kind: "imm", dst: ok, value: "1", line: ln });
    b.goto(join);
    b.setBlock(join);
  }
}

/** An if/while test evaluated generically: its truth value as a bool register. */
export function genericTest(c: SCtx, test: A.Expr, isl: Island, ln: number): IR.RegId {
  boxReads(c, isl, ln);
  return asGeneric(c, (g) => truth(g, test));
}

/** The specialized body ends here: continue in the generic code of this statement. */
export function exitTo(c: SCtx): void {
  c.b.terminateAndContinueDead({ kind: "goto", target: deopt(c) });
}
