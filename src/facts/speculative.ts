/**
 * Speculative specialization of plain functions (no @checked; compiled by default, not with
 * `--checked-only`).
 * A plain function's annotations are no contract: nothing checked its arguments, and what it
 * returns leaves as it is (an `-> float` function returning 1 returns the int 1). So inference
 * sees a view of the function in which
 *  - a parameter keeps its annotation only when the entry guard alone can verify it: int, i64,
 *    float, bool, unboxed by `spz_unbox_*`, which accept exactly that type (an int for a float,
 *    a bool for an int, a big int fail). A failing entry guard runs the whole call generically,
 *    so a wrong guess costs speed, never a different result;
 *  - every other parameter annotation (lists, tuples, classes) is dropped: those would be facts
 *    the contract checked at the call (an exact list, an instance of a final class) and that a
 *    direct callee may receive unchecked (facts/objArgs.ts);
 *  - the return annotation is dropped: no conversion, no unboxed direct entry. Plain functions
 *    are never direct callees (facts/index.ts withDirectCalls), and callers learn nothing of
 *    their results (numberReturns reads @checked functions only).
 * The body's own facts (literals, range loops, module constants, @checked callees' contracts,
 * guarded builtins) hold for any function, so everything else is inferred as for @checked ones.
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc } from "../bind/index.ts";
import { ANN_REP } from "./types.ts";
import { walk } from "../syntax/visit.ts";

/**
 * Why a plain function gets no speculative body (null: it may have one). Besides shapes left to
 * @checked code, a function with neither a loop statement nor a parameter to guess runs each of
 * its statements once per call on values it computes itself (a `main()`): unboxing them saves
 * little, while its specialized C -- direct calls, resume points -- is the largest and slowest to
 * compile (-O2) in the module, so it is built as generic code only.
 */
export function speculativeBlocker(f: BoundFunc, annotationName: (e: A.Expr | null) => string | null): string | null {
  if (f.classPath.length > 1) return "a method of a nested class";
  if (f.def.kind !== "FunctionDef") return "async def";
  let gen = false, loop = false;
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "Yield" || n.kind === "YieldFrom" || n.kind === "Await") gen = true;
      if (n.kind === "For" || n.kind === "While") loop = true;
      return !gen;
    });
  }
  if (gen) return "a generator";
  const a = f.def.args;
  const guessed = [...a.posonlyargs, ...a.args, ...a.kwonlyargs].some((p) => ANN_REP[annotationName(p.annotation) ?? ""] !== undefined);
  return loop || guessed ? null : "no loop and no int, float or bool parameter (generic code only)";
}

/** The function as inference sees it: only exactly guardable parameter annotations, no return one. */
export function speculativeView(f: BoundFunc, annotationName: (e: A.Expr | null) => string | null): BoundFunc {
  const keep = (p: A.Arg): A.Arg => (ANN_REP[annotationName(p.annotation) ?? ""] ? p : { ...p, annotation: null });
  const a = f.def.args;
  const args = { ...a, posonlyargs: a.posonlyargs.map(keep), args: a.args.map(keep), kwonlyargs: a.kwonlyargs.map(keep) };
  return { ...f, def: { ...f.def, args, returns: null } };
}
