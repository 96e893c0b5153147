/**
 * The specialized-lowering context shared by spec.ts (statements) and specExpr.ts (expressions):
 * the state of one function's unboxed twin, and the deopt machinery every guard uses.
 * A deopt block boxes every assigned typed local into its generic register, rebuilds the
 * iterators of the enclosing range/list loops, and jumps to the generic code of the current
 * statement (or, after a direct call that came back boxed, of the code after it).
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import type { FnBuilder } from "./builder.ts";
import type { LineMap } from "../syntax/source.ts";
import type { BoundFunc } from "../bind/index.ts";
import type { Ctx } from "./expr.ts";
import { exprRep, type SpecFacts, type SpecRep } from "../facts/types.ts";
import { InternalError } from "../diag/types.ts";

/** A directly callable function as the caller sees it. */
export interface DirectCallee {
  readonly index: number;
  readonly params: readonly (SpecRep | "list" | "obj")[];
  readonly ret: SpecRep | "obj";
  /** per argument: the callee parameter's annotation key (facts/objArgs.ts), for proofs */
  readonly anns: readonly (string | null)[];
  /** a callee returning a tuple in parts: the parts after the first (`ret`) */
  readonly more: readonly SpecRep[];
  /** a one-expression body to inline instead of calling (irbuild/index.ts decides) */
  readonly inline: { readonly expr: A.Expr; readonly f: BoundFunc; readonly facts: SpecFacts; readonly params: readonly string[] } | null;
  /** a method, called with its receiver as the first argument (facts/types.ts Callee.method) */
  readonly method?: boolean;
}

export interface Loop { readonly breakTo: IR.BlockId; readonly continueTo: IR.BlockId }

/** A list or tuple parameter: its (generic, owned) obj register, element representation, kind. */
export interface Seq {
  readonly reg: IR.RegId; readonly elem: SpecRep; readonly kind: "list" | "tuple";
  /** a local's generic register (`xs = [0.0] * n`): NULL until bound, so every use checks */
  readonly local?: boolean;
}

/** The register of a list or tuple; a local one is guarded bound (else the generic code raises). */
export function seqReg(c: SCtx, xs: Seq, ln: number): IR.RegId {
  if (xs.local) c.b.emit({ kind: "guard", text: "$0 != NULL", args: [xs.reg], onFail: deopt(c), line: ln });
  return xs.reg;
}

/** C names by sequence kind: PyList_GET_SIZE / spz_list_get_i64 … */
export const SIZE: Record<Seq["kind"], string> = { list: "PyList_GET_SIZE", tuple: "PyTuple_GET_SIZE" };

/** An enclosing `for` whose generic iterator a deopt must rebuild. */
export type IterLoop =
  | { readonly kind: "range"; readonly forId: number; readonly cur: IR.RegId; readonly rem: IR.RegId; readonly step: IR.RegId }
  /** over a list parameter: `idx` is the index of the next item (`rev`: of reversed(list)) */
  | { readonly kind: "list"; readonly forId: number; readonly list: IR.RegId; readonly idx: IR.RegId; readonly rev?: boolean }
  /** zip/enumerate over lists (irbuild/specZip.ts): `idx` is the index of the next items */
  | { readonly kind: "zip"; readonly forId: number; readonly fn: "zip" | "enumerate"; readonly seqs: readonly IR.RegId[]; readonly idx: IR.RegId }
  /** over a generic iterator: the generic loop's own iterator register, nothing to rebuild */
  | { readonly kind: "generic"; readonly forId: number };

export interface SCtx {
  readonly b: FnBuilder;
  readonly lines: LineMap;
  readonly f: BoundFunc;
  readonly facts: SpecFacts;
  /** the function's generic lowering context (first argument, lambdas, ...): islands lower with it */
  readonly generic: Ctx;
  readonly entries: ReadonlyMap<number, IR.BlockId>;
  /** generic code right after each direct-call statement */
  readonly after: ReadonlyMap<number, IR.BlockId>;
  readonly callees: ReadonlyMap<string, DirectCallee>;
  /** returns of facts.ret values leave unboxed (the function has a direct entry) */
  readonly direct: boolean;
  /** representation of every typed local (computed once) */
  readonly reps: ReadonlyMap<string, SpecRep>;
  readonly typed: Map<string, { reg: IR.RegId; flag: IR.RegId | null }>;
  /** what a deopt boxes: `typed`, except inside an inlined callee (then: the caller's locals) */
  readonly deoptTyped?: Map<string, { reg: IR.RegId; flag: IR.RegId | null }>;
  readonly loops: Loop[];
  readonly ranges: IterLoop[];
  /** list parameters: their (generic, owned) obj register and element representation */
  readonly lists: ReadonlyMap<string, Seq>;
  /** @frozen-instance parameters: their (generic, owned) obj register */
  readonly objs: ReadonlyMap<string, IR.RegId>;
  /** list[C] parameters of @frozen C: their obj register */
  readonly objLists: ReadonlyMap<string, IR.RegId>;
  /**
   * typed locals that islands read: a bool register saying the generic register holds the
   * current value boxed already (so a loop-invariant number is boxed once, not per island run)
   */
  readonly boxedOk: Map<string, IR.RegId>;
  /** the statement whose generic twin failing guards continue at */
  stmt: A.Stmt | null;
  deoptCache: Map<number, IR.BlockId>;
}

/** The deopt block of the current statement (one per statement and loop nesting). */
export function deopt(c: SCtx): IR.BlockId {
  const s = c.stmt;
  if (!s) throw new InternalError("guard outside a statement");
  const hit = c.deoptCache.get(s.id);
  if (hit !== undefined) return hit;
  const target = c.entries.get(s.id);
  if (target === undefined) throw new InternalError(`no generic entry for statement at line ${c.lines.line(s.span.start)}`);
  const blk = deoptBlock(c, `deopt@${c.lines.line(s.span.start)}`, target, c.lines.line(s.span.start), () => {});
  c.deoptCache.set(s.id, blk);
  return blk;
}

/**
 * A deopt block: box every assigned typed local (but `skip`) into its generic register, rebuild the
 * iterators of the enclosing range loops, run `last` (the boxed call result of a deopt-after), jump.
 */
export function deoptBlock(
  c: SCtx, label: string, target: IR.BlockId, ln: number, last: () => void, skip: ReadonlySet<string> = new Set(),
): IR.BlockId {
  const b = c.b;
  const cur = b.current;
  const blk = b.newBlock(label, null);
  b.setBlock(blk);
  for (const [name, t] of c.deoptTyped ?? c.typed) {
    if (skip.has(name)) continue; // its generic register holds the value already
    b.emit({ kind: "box", dst: b.local(name), src: t.reg, ifSet: t.flag, line: ln });
  }
  for (const r of c.ranges) resumeIter(c, r, ln);
  last();
  b.terminate({ kind: "goto", target });
  b.setBlock(cur);
  return blk.id;
}

/** Rebuild the generic iterator of an enclosing loop at the specialized loop's position. */
export function resumeIter(c: SCtx, r: IterLoop, ln: number): void {
  const b = c.b;
  const it = b.forIters.get(r.forId);
  if (it === undefined) throw new InternalError("for loop without a generic iterator");
  if (r.kind === "generic") return;
  if (r.kind === "range") b.emit({ kind: "range_resume", dst: it, cur: r.cur, remaining: r.rem, step: r.step, line: ln });
  else if (r.kind === "zip") {
    const args: IR.Operand[] = [{ k: "reg", reg: r.idx }, { k: "int", value: r.fn === "zip" ? r.seqs.length : 0 }, ...r.seqs.map((reg) => ({ k: "reg" as const, reg }))];
    b.emit({ kind: "call_c", dst: it, fn: "spz_zip_resume", args, err: "null", line: ln });
  } else b.emit({ kind: "call_c", dst: it, fn: r.rev ? "spz_list_reviter_at" : "spz_list_iter_at", args: [{ k: "reg", reg: r.list }, { k: "reg", reg: r.idx }], err: "null", line: ln });
}

export function line(c: SCtx, n: { span: A.Span }): number { return c.lines.line(n.span.start); }

export function assign(c: SCtx, name: string, v: IR.RegId, ln: number): void {
  const t = c.typed.get(name)!;
  const ok = c.boxedOk.get(name);
  if (ok !== undefined) c.b.emit({ kind: "imm", dst: ok, value: "0", line: ln }); // the boxed copy is stale
  // an accumulator widens what is assigned to it
  if (c.b.regs[t.reg]!.rep === "u64" && c.b.regs[v]!.rep === "i64") {
    // an int64 stored into a u64 local (facts/u64.ts): non-negative, else the generic code runs
    c.b.emit({ kind: "guard", text: "$0 >= 0", args: [v], onFail: deopt(c), line: ln });
  }
  const widen = c.b.regs[t.reg]!.rep === "i128" && c.b.regs[v]!.rep !== "i128";
  c.b.emit({ kind: "cexpr", dst: t.reg, text: widen ? "(__int128)$0" : "$0", args: [v], line: ln });
  if (t.flag !== null) c.b.emit({ kind: "imm", dst: t.flag, value: "1", line: ln });
}

export function imm(c: SCtx, rep: SpecRep, value: string, ln: number): IR.RegId {
  const r = c.b.reg(rep);
  c.b.emit({ kind: "imm", dst: r, value, line: ln });
  return r;
}

export function cx(c: SCtx, rep: IR.Rep, text: string, args: IR.RegId[], ln: number): IR.RegId {
  const r = c.b.reg(rep);
  c.b.emit({ kind: "cexpr", dst: r, text, args, line: ln });
  return r;
}

export const repOf = (c: SCtx, e: A.Expr): SpecRep =>
  exprRep(e, c.reps, c.f, c.facts);

/** A float operand: ints convert exactly as PyLong_AsDouble would (int64 -> double rounds to nearest). */
export function asF64(c: SCtx, r: IR.RegId, ln: number): IR.RegId {
  return c.b.regs[r]!.rep === "f64" ? r : cx(c, "f64", "(double)$0", [r], ln);
}
