/**
 * The truth of a boxed local in a typed test: `if not queue:`, `while remaining > 0 and heap:`,
 * queue/heap a local or parameter that lives in its generic register (a list, deque, dict, any
 * object). Only its truth is needed -- `not x` is a bool, and so is an and/or that is a test's
 * value -- so the test stays typed: irbuild reads the truth in C (`spz_truth_exact`, spz/deque.h)
 * for the objects whose truth runs no Python code (exact list/dict/deque/tuple, None, True,
 * False) and deopts to the generic test for anything else (an object with `__bool__` or
 * `__len__`, an unbound local): the typed test evaluates and/or operands eagerly, which is exact
 * only while nothing they do can be seen. `x is None` / `x is not None` of such a local is a
 * pointer compare (`spz_is_none`), a bool anywhere.
 */
import type * as A from "../syntax/ast.ts";
import { exprRepOf, type Cx, type SpecRep } from "./types.ts";

/** `e` is a local or parameter of the function held in its generic register (no unboxed value). */
export function boxedTruth(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Pick<Cx, "f" | "lists" | "listLocals" | "seqs">): e is A.ExprOf<"Name"> {
  if (e.kind !== "Name") return false;
  const n = e.name;
  return (cx.f.locals.has(n) || cx.f.slots.includes(n)) && !env.has(n) && !cx.lists.has(n) && !cx.listLocals.has(n) && !cx.seqs?.has(n);
}

/** The representation of a test whose value only decides a branch: and/or operands by their truth. */
export function testRep(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Cx): SpecRep {
  if (boxedTruth(e, env, cx)) return "bool";
  if (e.kind === "BoolOp") {
    for (const v of e.values) testRep(v, env, cx);
    return "bool";
  }
  return exprRepOf(e, env, cx);
}

/** `x is None` / `x is not None` (either side), x a boxed local: the local, and whether negated. */
export function noneTest(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Pick<Cx, "f" | "lists" | "listLocals" | "seqs">): { name: string; neg: boolean } | null {
  if (e.kind !== "Compare" || e.ops.length !== 1 || (e.ops[0] !== "Is" && e.ops[0] !== "IsNot")) return null;
  const none = (x: A.Expr): boolean => x.kind === "Constant" && x.value.t === "None";
  const [l, r] = [e.left, e.comparators[0]!];
  const x = none(r) ? l : none(l) ? r : null;
  return x !== null && boxedTruth(x, env, cx) ? { name: x.name, neg: e.ops[0] === "IsNot" } : null;
}
