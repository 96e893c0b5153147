/**
 * Loops over `reversed(...)`: `for c in reversed(coeffs)` (coeffs a `list[T]`, or a list local the
 * body reads unboxed) and `for i in reversed(range(...))`. Both are typed loops (irbuild/spec.ts
 * listFor / rangeFor with `rev`): the builtin `reversed` is guarded unshadowed, then
 *  - over a list, the loop walks indices down from len - 1, re-reading the list's length at each
 *    step exactly as CPython's list_reverseiterator does (an index no longer below the length
 *    ends the loop, so a list shrunk by the body stops it, and a list grown by it is not walked
 *    further up); a deopt rebuilds that iterator at the loop's index (spz_list_reviter_at);
 *  - over a range, it is the range's items last to first: start + (len - 1) * step down by step,
 *    as range.__reversed__ computes them.
 * A tuple (no __reversed__: the sequence-protocol `reversed` object) is not handled here.
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc } from "../bind/index.ts";
import type { SpecRep } from "./types.ts";

/** `reversed(x)` of the builtin's name (not a local), one positional argument: x, else null. */
export function reversedArg(e: A.Expr, f: BoundFunc): A.Expr | null {
  if (e.kind !== "Call" || e.func.kind !== "Name" || e.func.name !== "reversed" || f.locals.has("reversed")) return null;
  if (e.args.length !== 1 || e.keywords.length || e.args[0]!.kind === "Starred") return null;
  return e.args[0]!;
}

/**
 * The iterable a typed loop over `reversed(...)` walks backwards: a list name of `lists` (not a
 * tuple) or a `range(...)` call, else null (the loop is then a generic for like any other).
 */
export function reversedIter(
  e: A.Expr, cx: { readonly f: BoundFunc; readonly lists: ReadonlyMap<string, SpecRep>; readonly tuples: ReadonlySet<string> },
): A.ExprOf<"Name"> | A.ExprOf<"Call"> | null {
  const x = reversedArg(e, cx.f);
  if (x?.kind === "Name" && cx.lists.has(x.name) && !cx.tuples.has(x.name)) return x;
  if (x?.kind === "Call" && x.func.kind === "Name" && x.func.name === "range") return x;
  return null;
}
