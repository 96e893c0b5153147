/**
 * Binder rules for comprehensions (list/set/dict) and generator expressions, which irbuild
 * lowers inline as loops, or for generator expressions not consumed by a builtin, as real
 * generators CPython makes from their source (irbuild/comprehension.ts). The names a comprehension's targets bind
 * are local to the comprehension (never the function's), as in CPython (a separate function
 * scope in 3.11, an isolated inlined scope in 3.12+, PEP 709). What is not handled exactly is
 * rejected with a reason:
 *   - `async for` clauses;
 *   - a comprehension variable read where it is not bound yet (in a later clause's iterable or
 *     an earlier clause's condition): CPython's error text differs between versions.
 * Walrus, await and yield are rejected by the binder everywhere already, lambdas inside
 * comprehensions too (bind/lambda.ts).
 */
import type * as A from "../syntax/ast.ts";
import { walk } from "../syntax/visit.ts";
import { setFold } from "./fold.ts";

export type CompNode = A.ExprOf<"ListComp" | "SetComp" | "DictComp" | "GeneratorExp">;

/** Builtins whose sole generator-expression argument is consumed inline (irbuild/comprehension.ts). */
export const GENEXP_BUILTINS: ReadonlySet<string> = new Set(["sum", "min", "max", "any", "all", "list", "tuple", "sorted", "set"]);

/** Names a comprehension target binds (not those read inside its subscripts/attributes). */
export function targetNames(t: A.Expr): Set<string> {
  const out = new Set<string>();
  walk(t, (n) => {
    if (n.kind === "Name") out.add(n.name);
    return !(n.kind === "Attribute" || n.kind === "Subscript");
  });
  return out;
}

function reads(e: A.Expr): Set<string> {
  const out = new Set<string>();
  walk(e, (n) => { if (n.kind === "Name" && n.ctx === "Load") out.add(n.name); });
  return out;
}

/** Why this comprehension cannot be compiled, or null. */
export function comprehensionProblem(n: CompNode): { what: string; span: A.Span } | null {
  const gens = n.generators;
  const bound = gens.map((g) => targetNames(g.target));
  const all = new Set(bound.flatMap((s) => [...s]));
  const before = new Set<string>();
  for (let j = 0; j < gens.length; j++) {
    const g = gens[j]!;
    if (g.is_async) return { what: "async comprehension", span: g.span };
    if (g.iter.kind === "Set" && setFold(g.iter.elts) === "unsure") return { what: "set display of computed constants", span: g.iter.span };
    if (j > 0) {
      for (const r of reads(g.iter)) if (all.has(r) && !before.has(r)) return { what: `comprehension variable '${r}' read before it is bound`, span: g.iter.span };
    }
    for (const x of bound[j]!) before.add(x);
    for (const cond of g.ifs) {
      for (const r of reads(cond)) if (all.has(r) && !before.has(r)) return { what: `comprehension variable '${r}' read before it is bound`, span: cond.span };
    }
  }
  return null;
}

/**
 * `f(<genexp>)` with `f` one of GENEXP_BUILTINS, the generator expression its only argument: inline
 * when `f` is the builtin at run time, else (as everywhere else) a real generator made by CPython
 * from its source (irbuild/comprehension.ts). Returns the genexp.
 */
export function builtinGenexpArg(call: A.ExprOf<"Call">): A.ExprOf<"GeneratorExp"> | null {
  if (call.func.kind !== "Name" || !GENEXP_BUILTINS.has(call.func.name)) return null;
  if (call.args.length !== 1 || call.keywords.length !== 0) return null;
  const a = call.args[0]!;
  return a.kind === "GeneratorExp" ? a : null;
}

/** `<expr>.join(<genexp>)`, the genexp its only argument (str.join inline, else a real generator). */
export function joinGenexpArg(call: A.ExprOf<"Call">): A.ExprOf<"GeneratorExp"> | null {
  if (call.func.kind !== "Attribute" || call.func.attr !== "join") return null;
  if (call.args.length !== 1 || call.keywords.length !== 0) return null;
  const a = call.args[0]!;
  return a.kind === "GeneratorExp" ? a : null;
}

/**
 * Why this generator expression cannot be compiled, or null. Besides the comprehension rules
 * (a real generator is made from its source text, passing it the enclosing locals it reads by
 * name): no comprehension nested inside it; in a method, no private names (`__x`), since the fallback recompiles its
 * source text outside the class, where CPython would not mangle them.
 */
export function genexpProblem(n: A.ExprOf<"GeneratorExp">, inClass: boolean): { what: string; span: A.Span } | null {
  const p = comprehensionProblem(n);
  if (p) return p;
  // the fallback passes the enclosing locals it reads by name: no inner scopes that could shadow them
  let nested = false;
  walk(n, (x) => {
    if (x !== n && (x.kind === "ListComp" || x.kind === "SetComp" || x.kind === "DictComp" || x.kind === "GeneratorExp")) nested = true;
  });
  if (nested) return { what: "comprehension inside a generator expression", span: n.span };
  if (inClass) {
    let priv = false;
    walk(n, (x) => {
      // names arrive mangled (`__x` -> `_C__x`, bind/mangle.ts): any `__` that is not a dunder
      const id = x.kind === "Name" ? x.name : x.kind === "Attribute" ? x.attr : null;
      if (id !== null && id.includes("__") && !(id.startsWith("__") && id.endsWith("__"))) priv = true;
    });
    if (priv) return { what: "generator expression with private names", span: n.span };
  }
  return null;
}
