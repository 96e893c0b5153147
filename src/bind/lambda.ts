/**
 * Binder rules for `lambda` inside a compiled function. CPython compiles the lambda's body into a
 * code object among the enclosing function's constants; the compiled function makes the lambda
 * from that very code object at run time (spz_make_lambda, specializer/src/lambda.c), so its
 * body, name, qualname, line numbers and tracebacks are CPython's own. The compiled code only
 * evaluates the defaults (in the enclosing scope, CPython's order) and finds the code object by
 * (line, k-th lambda of that line). Rejected, with a reason:
 *   - a lambda reading an enclosing local (a closure: the local would have to live in a cell);
 *   - `super`/`__class__` in a lambda inside a method (CPython gives it a `__class__` cell);
 *   - a lambda inside a comprehension or generator expression (its code object belongs to the
 *     comprehension's code in 3.11 and to generators everywhere);
 *   - two lambdas on one line where CPython's code generation order differs from source order
 *     (conditional expressions, assignment targets, keywords before `*args`) or repeats code
 *     (`finally` bodies, which CPython compiles once per exit path).
 */
import type * as A from "../syntax/ast.ts";
import { children, walk, type AnyNode } from "../syntax/visit.ts";

export type LambdaNode = A.ExprOf<"Lambda">;

function params(a: A.Arguments): string[] {
  return [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs, ...(a.kwarg ? [a.kwarg] : [])].map((p) => p.arg);
}

function defaultsOf(a: A.Arguments): A.Expr[] {
  return [...a.defaults, ...a.kw_defaults.filter((d): d is A.Expr => d !== null)];
}

/** Names a comprehension target binds. */
function targets(t: A.Expr, into: Set<string>): void {
  walk(t, (n) => { if (n.kind === "Name") into.add(n.name); return !(n.kind === "Attribute" || n.kind === "Subscript"); });
}

/** Names `e` reads (or binds) that no scope inside `e` binds: what it would need from outside. */
export function freeNames(e: AnyNode, bound: ReadonlySet<string>, out: Set<string>): void {
  walk(e, (n) => {
    switch (n.kind) {
      case "Name":
        if (!bound.has(n.name)) out.add(n.name);
        return;
      case "Lambda": {
        for (const d of defaultsOf(n.args)) freeNames(d, bound, out);
        freeNames(n.body, new Set([...bound, ...params(n.args)]), out);
        return false;
      }
      case "ListComp": case "SetComp": case "DictComp": case "GeneratorExp": {
        const inner = new Set(bound);
        for (const g of n.generators) targets(g.target, inner);
        freeNames(n.generators[0]!.iter, bound, out);
        for (const [i, g] of n.generators.entries()) {
          if (i > 0) freeNames(g.iter, inner, out);
          for (const c of g.ifs) freeNames(c, inner, out);
        }
        if (n.kind === "DictComp") { freeNames(n.key, inner, out); freeNames(n.value, inner, out); }
        else freeNames(n.elt, inner, out);
        return false;
      }
      default:
        return;
    }
  });
}

/** The names a lambda's body reads from enclosing scopes (its parameters and inner scopes excluded). */
export function lambdaFree(n: LambdaNode): Set<string> {
  const out = new Set<string>();
  freeNames(n.body, new Set(params(n.args)), out);
  return out;
}

export interface LambdaSite { readonly node: LambdaNode; readonly line: number; readonly reordered: boolean }

/**
 * The lambdas of a function scope in CPython's code generation order (a lambda's defaults are
 * compiled before its own code object is added to the constants), or the first one that cannot
 * be made from its code object. `reordered`: inside a construct CPython emits out of source order
 * or more than once.
 */
export function collectLambdas(body: readonly A.Stmt[], lineOf: (n: AnyNode) => number): { sites: LambdaSite[]; problem: { what: string; span: A.Span } | null } {
  const sites: LambdaSite[] = [];
  let problem: { what: string; span: A.Span } | null = null;
  const visit = (n: AnyNode, re: boolean): void => {
    if (problem) return;
    const all = (xs: readonly (AnyNode | null)[], r: boolean): void => { for (const x of xs) if (x) visit(x, r); };
    switch (n.kind) {
      case "Lambda":
        all(defaultsOf(n.args), re);
        sites.push({ node: n, line: lineOf(n), reordered: re });
        return;
      case "ListComp": case "SetComp": case "DictComp": case "GeneratorExp": {
        walk(n, (x) => { if (x.kind === "Lambda") problem ??= { what: "lambda inside a comprehension", span: x.span }; });
        return;
      }
      case "FunctionDef": case "AsyncFunctionDef": case "ClassDef":
        return;
      case "IfExp": case "While": case "Assert":
        all(children(n), true);
        return;
      case "Try":
        all([...n.body, ...n.handlers, ...n.orelse], re);
        all(n.finalbody, true);
        return;
      case "Assign": visit(n.value, re); all(n.targets, true); return;
      case "AugAssign": visit(n.value, re); visit(n.target, true); return;
      case "AnnAssign":
        walk(n.annotation, (x) => { if (x.kind === "Lambda") problem ??= { what: "lambda in an annotation", span: x.span }; });
        if (n.value) visit(n.value, re);
        visit(n.target, true);
        return;
      case "With": case "AsyncWith":
        for (const it of n.items) { visit(it.context_expr, re); if (it.optional_vars) visit(it.optional_vars, true); }
        all(n.body, re);
        return;
      case "For": case "AsyncFor": visit(n.iter, re); visit(n.target, true); all([...n.body, ...n.orelse], re); return;
      case "Call":
        all(children(n), re || (n.keywords.length > 0 && n.args.some((a) => a.kind === "Starred")));
        return;
      default:
        all(children(n), re);
    }
  };
  for (const s of body) visit(s, false);
  return { sites, problem };
}

/** Per lambda (keyed by its span start): its index among the lambdas of its line, in `sites`' order. */
export function lambdaIndexes(sites: readonly LambdaSite[]): Map<number, number> {
  const perLine = new Map<number, number>();
  const out = new Map<number, number>();
  for (const s of sites) {
    const k = perLine.get(s.line) ?? 0;
    out.set(s.node.span.start, k);
    perLine.set(s.line, k + 1);
  }
  return out;
}

/** A line holding two or more lambdas one of which CPython emits out of source order, or null. */
export function ambiguousLine(sites: readonly LambdaSite[]): LambdaSite | null {
  const count = new Map<number, number>();
  for (const s of sites) count.set(s.line, (count.get(s.line) ?? 0) + 1);
  return sites.find((s) => s.reordered && count.get(s.line)! > 1) ?? null;
}
