/**
 * Loops over slices of list parameters: `for p in prices[1:]`, `for a, b in zip(xs, xs[1:])`.
 *
 * Ordinary numeric code walks a slice of its input as often as the input itself. The rewrite
 * takes the slice into a hidden local of its own before the loop and deletes it after (likewise
 * before a statement that always evaluates a comprehension whose first iterable is such a slice,
 * `return [b - a for a, b in zip(xs, xs[1:])]`: it is evaluated first there anyway):
 *
 *     for p in xs[1:]: body          .sN = xs[1:]
 *                             ->     for p in .sN: body
 *                                    del .sN
 *
 * so the loop is a loop over a known list (types.ts registers `.sN` with the items' expected
 * representation, like a comprehension-built list), read by index with every item guarded.
 *
 * Why it is exact:
 *  - the slice is taken of a `list[T]` parameter the body never rebinds: the contract makes it an
 *    exact list, so the slice is a new exact list, and taking it runs no Python code when every
 *    bound is absent, an int constant or an `int` parameter (always bound, an exact int), or the
 *    negation of one;
 *  - in `zip(...)`/`enumerate(...)` every other argument is a parameter (a load that cannot fail),
 *    so taking the slice first changes no order anyone can observe;
 *  - the loop held its iterator (and so the slice) until it ended; `del .sN` right after the loop
 *    frees it at the same point. (When an exception leaves the loop to a handler in the same
 *    function, the slice lives until the function returns instead: nothing holds only it, since
 *    its items are the parameter's items.)
 * The generic twin is built from the same rewritten body, so both twins agree statement by
 * statement. `.sN` is no Python identifier: frames never show it (cgen/frameLocals.ts).
 */
import type * as A from "../syntax/ast.ts";
import { walk } from "../syntax/visit.ts";
import type { BoundFunc } from "../bind/index.ts";

/** Fresh node ids for synthesized nodes (a range of their own, apart from anf.ts's). */
let nextId = (1 << 30) + (1 << 28);
const fresh = (): A.NodeId => nextId++ as A.NodeId;

/** Annotations of list items with an unboxed representation (types.ts ANN_REP). */
const SCALARS: ReadonlySet<string> = new Set(["int", "i64", "float", "bool"]);
const INTS: ReadonlySet<string> = new Set(["int", "i64"]);

/** The name of a hidden slice local. */
export const isSliceLocal = (n: string): boolean => n.startsWith(".s");

/** f with its loops over parameter slices rewritten (f itself when there are none). */
export function hoistSlices(f: BoundFunc, ann: (e: A.Expr | null) => string | null): BoundFunc {
  const a = f.def.args;
  const params = [...a.posonlyargs, ...a.args, ...a.kwonlyargs];
  const stored = new Set<string>();
  for (const s of f.def.body) walk(s, (n) => { if (n.kind === "Name" && n.ctx !== "Load") stored.add(n.name); return true; });
  const lists = new Set(params.filter((p) => {
    const m = /^list\[(\w+)\]$/.exec(ann(p.annotation) ?? "");
    return m !== null && SCALARS.has(m[1]!) && !stored.has(p.arg);
  }).map((p) => p.arg));
  if (lists.size === 0) return f;
  const intParams = new Set(params.filter((p) => INTS.has(ann(p.annotation) ?? "") && !stored.has(p.arg)).map((p) => p.arg));
  const paramNames = new Set(params.map((p) => p.arg).filter((n) => !stored.has(n)));
  const temps: string[] = [];

  const bound = (e: A.Expr | null): boolean =>
    e === null || (e.kind === "Constant" && e.value.t === "int") ||
    (e.kind === "UnaryOp" && e.op === "USub" && (e.operand.kind === "Constant" ? e.operand.value.t === "int" : e.operand.kind === "Name" && intParams.has(e.operand.name))) ||
    (e.kind === "Name" && intParams.has(e.name));
  const isSlice = (e: A.Expr): e is A.ExprOf<"Subscript"> =>
    e.kind === "Subscript" && e.value.kind === "Name" && lists.has(e.value.name) && e.slice.kind === "Slice" &&
    bound(e.slice.lower) && bound(e.slice.upper) && bound(e.slice.step);
  const name = (id: string, span: A.Span, ctx: A.ExprContext): A.Expr => ({ kind: "Name", name: id, ctx, id: fresh(), span } as A.Expr);

  /** The loop's iterable with its slices replaced by temporaries (bound in `pre`), or null. */
  function iterOf(it: A.Expr, pre: A.Stmt[]): A.Expr | null {
    const take = (e: A.ExprOf<"Subscript">): A.Expr => {
      const t = `.s${temps.length}`;
      temps.push(t);
      pre.push({ kind: "Assign", targets: [name(t, e.span, "Store")], value: e, id: fresh(), span: e.span } as A.Stmt);
      return name(t, e.span, "Load");
    };
    if (isSlice(it)) return take(it);
    if (it.kind === "Call" && it.func.kind === "Name" && (it.func.name === "zip" || it.func.name === "enumerate") &&
        !f.locals.has(it.func.name) && !it.keywords.length && it.args.some(isSlice) &&
        it.args.every((x) => isSlice(x) || (x.kind === "Name" && paramNames.has(x.name)))) {
      return { ...it, args: it.args.map((x) => (isSlice(x) ? take(x) : x)) };
    }
    return null;
  }

  function stmts(ss: readonly A.Stmt[]): A.Stmt[] {
    return ss.flatMap(stmt);
  }

  function stmt(s: A.Stmt): A.Stmt[] {
    switch (s.kind) {
      case "If": case "While":
        return [{ ...s, body: stmts(s.body), orelse: stmts(s.orelse) }];
      case "For": {
        const loop = { ...s, body: stmts(s.body), orelse: stmts(s.orelse) };
        const pre: A.Stmt[] = [];
        const iter = iterOf(s.iter, pre);
        if (!iter) return [loop];
        const names = pre.map((p) => ((p as A.StmtOf<"Assign">).targets[0] as A.ExprOf<"Name">).name);
        const del = { kind: "Delete", targets: names.map((n) => name(n, s.iter.span, "Del")), id: fresh(), span: s.iter.span } as A.Stmt;
        return [...pre, { ...loop, iter }, del];
      }
      case "Return": case "Assign": case "Expr": {
        // a comprehension the statement always evaluates, over such a slice: taken just before
        // the statement (its other parts read parameters and compute; none can see the copy)
        if (!s.value || (s.kind === "Assign" && (s.targets.length !== 1 || s.targets[0]!.kind !== "Name"))) return [s];
        const pre: A.Stmt[] = [];
        const value = compIters(s.value, pre);
        if (!pre.length) return [s];
        const names = pre.map((p) => ((p as A.StmtOf<"Assign">).targets[0] as A.ExprOf<"Name">).name);
        const del = { kind: "Delete", targets: names.map((n) => name(n, s.value!.span, "Del")), id: fresh(), span: s.value.span } as A.Stmt;
        return [...pre, { ...s, value } as A.Stmt, ...(s.kind === "Return" ? [] : [del])];
      }
      default:
        return [s];
    }
  }

  /**
   * e with the first iterables rewritten (iterOf) of the comprehensions it always evaluates before
   * anything that could run Python code (and so mutate the parameter): only names and constants
   * may come first. `open.ok` turns false at the first other operand.
   */
  function compIters(e: A.Expr, pre: A.Stmt[], open = { ok: true }): A.Expr {
    if (!open.ok) return e;
    switch (e.kind) {
      case "Name": case "Constant": return e;
      case "ListComp": case "GeneratorExp": {
        open.ok = false;
        const g0 = e.generators[0]!;
        const iter = g0.is_async ? null : iterOf(g0.iter, pre);
        return iter ? { ...e, generators: [{ ...g0, iter }, ...e.generators.slice(1)] } : e;
      }
      // (the operation itself, run after its operands, may run code: nothing after it is first)
      case "BinOp": {
        const left = compIters(e.left, pre, open), right = compIters(e.right, pre, open);
        open.ok = false;
        return { ...e, left, right };
      }
      case "UnaryOp": { const operand = compIters(e.operand, pre, open); open.ok = false; return { ...e, operand }; }
      case "Call": {
        if (e.func.kind !== "Name" || e.keywords.length || e.args.some((x) => x.kind === "Starred")) break;
        const args = e.args.map((x) => compIters(x, pre, open));
        open.ok = false;
        return { ...e, args };
      }
    }
    open.ok = false;
    return e;
  }

  const body = stmts(f.def.body);
  if (temps.length === 0) return f;
  return { ...f, def: { ...f.def, body: body as A.Stmt[] }, locals: new Set([...f.locals, ...temps]) };
}
