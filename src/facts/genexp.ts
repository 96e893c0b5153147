/**
 * Generator expressions and list comprehensions in specialized bodies.
 *
 *  - `sum/min/max/any/all(<elt> for <v> in <iter> [if <cond>])`, one `for` clause over a list or
 *    tuple the body knows the items of (a list parameter, an `xs = [c] * n` list, a list built
 *    by a comprehension below) or over `range(...)`: when the element (and every condition) has
 *    an unboxed representation and calls nothing, the specialized body runs the builtin's loop
 *    inline on unboxed values (irbuild/specGenexp.ts). Such a loop can run no Python code, so any
 *    guard failing inside it (an item of another type, an overflow, an empty sequence) simply
 *    re-runs the whole statement in its generic code: nothing observable has happened yet.
 *    Over a `list[C]` parameter (C a @frozen/@record class) the variable is an object whose
 *    scalar fields the element reads (`sum(f.qty * f.price for f in fills)`): each read is a slot
 *    read behind the layout guard of an instance of exactly the expected layout, which runs no
 *    Python code either, so the same restart stays exact (a subclass with a property, a replaced
 *    descriptor, a big int in an int field: the guard fails, the statement runs generically).
 *  - `xs = [<elt> for <v> in <iter>]` as the only binding of a local: a list whose items are
 *    expected to have the element's representation. The statement itself runs generically (an
 *    island, which builds the list exactly as CPython does); later reads of its items unbox under
 *    a guard like the items of a list parameter, so the expectation is never trusted blindly.
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc } from "../bind/index.ts";
import { builtinGenexpArg } from "../bind/comprehension.ts";
import { walk } from "../syntax/visit.ts";
import type { SpecRep } from "./types.ts";

export type GenexpFn = "sum" | "min" | "max" | "any" | "all";
const FNS: ReadonlySet<string> = new Set(["sum", "min", "max", "any", "all"]);

export type GenexpIter =
  | { readonly kind: "seq"; readonly name: string }
  /** a list[C] parameter: the variable holds a C instance (only its fields are read) */
  | { readonly kind: "objs"; readonly name: string; readonly cls: string }
  | { readonly kind: "range"; readonly args: readonly A.Expr[] }
  /** zip(xs, ys, ...) / enumerate(xs) over such lists, unpacked into `targets` */
  | { readonly kind: "zip"; readonly fn: "zip" | "enumerate"; readonly names: readonly string[]; readonly targets: readonly string[] };

export interface SpecGenexp {
  /** the reduction, or "list": a list comprehension building its list (specListComp) */
  readonly fn: GenexpFn | "list";
  /** the element expression: the genexp's, or for `sum(xs)` the item itself */
  readonly elt: A.Expr;
  /** the comprehension's own variable (never the function's local of that name) */
  readonly target: string;
  readonly iter: GenexpIter;
  readonly ifs: readonly A.Expr[];
}

/** The loop variable of `sum(xs)`: a name no Python source can spell. */
const ITEM = ".item";

/**
 * The shape above (typing aside), or null. `lists`: names whose items the body knows;
 * `objLists`: list[C] parameters -> C.
 */
export function specGenexp(
  e: A.ExprOf<"Call">, f: BoundFunc, lists: ReadonlyMap<string, SpecRep>, objLists: ReadonlyMap<string, string> = new Map(),
): SpecGenexp | null {
  if (e.func.kind !== "Name" || !FNS.has(e.func.name) || f.locals.has(e.func.name)) return null;
  const fn = e.func.name as GenexpFn;
  // sum(xs) of a list whose items are known: the same loop, over the items as they are
  const a0 = e.args[0];
  if (e.args.length === 1 && !e.keywords.length && a0!.kind === "Name" && lists.has(a0!.name)) {
    const elt: A.Expr = { kind: "Name", name: ITEM, ctx: "Load", id: a0!.id, span: a0!.span } as A.Expr;
    return { fn, elt, target: ITEM, iter: { kind: "seq", name: a0!.name }, ifs: [] };
  }
  const g = builtinGenexpArg(e);
  if (!g) return null;
  const iter = oneClause(g, f, lists, objLists);
  return iter ? { fn, elt: g.elt, target: iter.target, iter: iter.iter, ifs: g.generators[0]!.ifs } : null;
}

/**
 * `[<elt> for <v> in <iter> [if <cond>]...]` over the same iterables: built in C when its element
 * has an unboxed representation (types.ts listCompRep), where the statement binds or returns it.
 */
export function specListComp(
  e: A.Expr, f: BoundFunc, lists: ReadonlyMap<string, SpecRep>, objLists: ReadonlyMap<string, string>,
): SpecGenexp | null {
  if (e.kind !== "ListComp") return null;
  const iter = oneClause(e, f, lists, objLists);
  return iter ? { fn: "list", elt: e.elt, target: iter.target, iter: iter.iter, ifs: e.generators[0]!.ifs } : null;
}

function oneClause(
  g: A.ExprOf<"GeneratorExp" | "ListComp">, f: BoundFunc, lists: ReadonlyMap<string, SpecRep>, objLists: ReadonlyMap<string, string> = new Map(),
): { target: string; iter: GenexpIter } | null {
  if (g.generators.length !== 1) return null;
  const gen = g.generators[0]!;
  if (gen.is_async) return null;
  const it = gen.iter;
  if (gen.target.kind !== "Name") {
    const z = zipClause(gen.target, it, f, lists);
    return z ? { target: z.targets[0]!, iter: z } : null;
  }
  if (it.kind === "Name" && lists.has(it.name)) return { target: gen.target.name, iter: { kind: "seq", name: it.name } };
  if (it.kind === "Name" && objLists.has(it.name)) return { target: gen.target.name, iter: { kind: "objs", name: it.name, cls: objLists.get(it.name)! } };
  if (it.kind === "Call" && it.func.kind === "Name" && it.func.name === "range" && !f.locals.has("range") &&
      it.args.length >= 1 && it.args.length <= 3 && !it.keywords.length && it.args.every((a) => a.kind !== "Starred")) {
    return { target: gen.target.name, iter: { kind: "range", args: it.args } };
  }
  return null;
}

/** `a, b ... in zip(xs, ys, ...)` (1 to 4 lists) or `i, x in enumerate(xs)`, xs known lists. */
function zipClause(t: A.Expr, it: A.Expr, f: BoundFunc, lists: ReadonlyMap<string, SpecRep>): GenexpIter & { kind: "zip" } | null {
  if ((t.kind !== "Tuple" && t.kind !== "List") || !t.elts.every((x) => x.kind === "Name")) return null;
  if (it.kind !== "Call" || it.func.kind !== "Name" || it.keywords.length || f.locals.has(it.func.name)) return null;
  const fn = it.func.name;
  if (!(fn === "zip" && it.args.length >= 1 && it.args.length <= 4) && !(fn === "enumerate" && it.args.length === 1)) return null;
  if (!it.args.every((a) => a.kind === "Name" && lists.has(a.name))) return null;
  const targets = t.elts.map((x) => (x as A.ExprOf<"Name">).name);
  if (targets.length !== (fn === "zip" ? it.args.length : 2) || new Set(targets).size !== targets.length) return null;
  return { kind: "zip", fn, names: it.args.map((a) => (a as A.ExprOf<"Name">).name), targets };
}

/** The loop's variables and the representation of what each is bound to (null: an object). */
export function loopVars(sg: Pick<SpecGenexp, "iter" | "target">, lists: ReadonlyMap<string, SpecRep>): [string, SpecRep | null][] {
  const it = sg.iter;
  if (it.kind !== "zip") return [[sg.target, itemRep(sg, lists)]];
  if (it.fn === "enumerate") return [[it.targets[0]!, "i64"], [it.targets[1]!, lists.get(it.names[0]!)!]];
  return it.targets.map((t, i) => [t, lists.get(it.names[i]!)!]);
}

/** The representation each item of the loop variable has (null: an object, kind "objs"). */
export function itemRep(sg: Pick<SpecGenexp, "iter">, lists: ReadonlyMap<string, SpecRep>): SpecRep | null {
  // (a zip's several variables: loopVars)
  return sg.iter.kind === "seq" ? lists.get(sg.iter.name)! : sg.iter.kind === "range" ? "i64" : null;
}

/**
 * An object variable used other than as `v.field` (passed, compared, `v.f[i]`'s v is fine): the
 * inline loop holds it only to read its fields.
 */
export function objectItselfUsed(sg: SpecGenexp): boolean {
  let names = 0, fields = 0;
  for (const part of [sg.elt, ...sg.ifs]) {
    walk(part, (n) => {
      if (n.kind === "Name" && n.name === sg.target) names++;
      if (n.kind === "Attribute" && n.value.kind === "Name" && n.value.name === sg.target) fields++;
      return true;
    });
  }
  return names !== fields;
}

/** A nested scope in e (a comprehension or lambda): not inside an inline loop. */
export function hasNestedScope(e: A.Expr): boolean {
  let found = false;
  walk(e, (n) => {
    if (n.kind === "ListComp" || n.kind === "SetComp" || n.kind === "DictComp" || n.kind === "GeneratorExp" || n.kind === "Lambda") found = true;
  });
  return found;
}

/**
 * Locals bound only by `xs = [<elt> for <v> in <iter>]` (a single `for` clause over a known list,
 * a range, or the rows of a list[list[T]] parameter), with the representation their items are
 * expected to have and the statement binding each. `typeOf` types an expression in an
 * environment (null when it has no unboxed representation).
 */
export function compLists(
  f: BoundFunc, lists: ReadonlyMap<string, SpecRep>, rowsOf: ReadonlyMap<string, SpecRep>,
  typeOf: (e: A.Expr, v: string, rep: SpecRep) => SpecRep | null,
): Map<string, { rep: SpecRep; stmt: number }> {
  const defs = new Map<string, { rep: SpecRep; stmt: number } | null>();
  const targets = new Set<A.Expr>();
  const others = new Set<string>(f.slots);
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "Assign" && n.targets.length === 1 && n.targets[0]!.kind === "Name" && n.value.kind === "ListComp") {
        const name = n.targets[0]!.name;
        targets.add(n.targets[0]!);
        const rep = elementRep(n.value, f, lists, rowsOf, typeOf);
        defs.set(name, defs.has(name) || !rep ? null : { rep, stmt: n.id });
      } else if (n.kind === "Name" && n.ctx !== "Load" && !targets.has(n as A.Expr)) {
        others.add(n.name);
      }
      return true;
    });
  }
  return new Map([...defs].filter((e): e is [string, { rep: SpecRep; stmt: number }] =>
    e[1] !== null && !others.has(e[0]) && !f.globals.has(e[0]) && !lists.has(e[0])));
}

function elementRep(
  lc: A.ExprOf<"ListComp">, f: BoundFunc, lists: ReadonlyMap<string, SpecRep>, rowsOf: ReadonlyMap<string, SpecRep>,
  typeOf: (e: A.Expr, v: string, rep: SpecRep) => SpecRep | null,
): SpecRep | null {
  if (lc.generators.length !== 1 || lc.generators[0]!.ifs.length > 1) return null;
  const gen = lc.generators[0]!;
  if (gen.is_async || gen.target.kind !== "Name") return null;
  const v = gen.target.name, it = gen.iter;
  if (it.kind === "Name" && rowsOf.has(it.name)) {
    // [row[k] for row in matrix]: an item of a row
    const e = lc.elt;
    if (e.kind === "Subscript" && e.value.kind === "Name" && e.value.name === v && e.slice.kind !== "Slice") return rowsOf.get(it.name)!;
    return null;
  }
  const clause = oneClause(lc, f, lists);
  if (!clause) return null;
  const item = clause.iter.kind === "zip" ? null : itemRep(clause, lists);
  const r = item === null ? null : typeOf(lc.elt, v, item);
  return r === "u64" || r === "i128" ? null : r;
}
