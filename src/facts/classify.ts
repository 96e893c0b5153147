/**
 * Statement classification of a specialized body (after local types are known, types.ts): each
 * statement is typed, an island (generic code in place, typed locals boxed before and unboxed
 * after), a generic test or for loop, or an exit to the generic code for the rest of the call.
 * In: the function's typed environment. Out: the Classified maps SpecFacts carries.
 */
import type * as A from "../syntax/ast.ts";
import { children, type AnyNode } from "../syntax/visit.ts";
import { reversedIter } from "./reversed.ts";
import { testRep } from "./truth.ts";
import { boundNames, checkStmt, exprRepOf, hasDirectCall, NotSpec, zipFor, type Boxed, type Cx, type Island, type SpecRep, type ZipFor } from "./types.ts";

/** Where each statement of a specialized body runs: typed, as an island, or past an exit. */
export interface Classified {
  readonly islands: Map<number, Island>;
  readonly genericTests: Map<number, Island>;
  readonly genericFors: Map<number, Island>;
  readonly exits: Map<number, Boxed>;
  /** typed zip/enumerate loops by statement id (irbuild lowers them as index loops) */
  readonly zipFors: Map<number, ZipFor>;
}

export function checkBody(stmts: readonly A.Stmt[], env: Map<string, SpecRep>, cx: Cx, loops: number, out: Classified): void {
  for (const s of stmts) checkOne(s, env, cx, loops, out);
}

/** Typed if every expression has a representation; else an island, or an exit when it cannot be one. */
function checkOne(s: A.Stmt, env: Map<string, SpecRep>, cx: Cx, loops: number, out: Classified): void {
  const tryRep = (e: A.Expr): string | null => {
    try { exprRepOf(e, env, cx); return null; } catch (err) { if (err instanceof NotSpec) return err.message; throw err; }
  };
  const tryTest = (e: A.Expr): string | null => {
    try { testRep(e, env, cx); return null; } catch (err) { if (err instanceof NotSpec) return err.message; throw err; }
  };
  switch (s.kind) {
    case "If": case "While": {
      // (a test needs only the truth of its and/or operands: facts/truth.ts)
      const why = tryTest(s.test);
      if (s.kind === "While" && hasDirectCall(s.test, cx) && s.orelse.length) {
        out.exits.set(s.id, { span: s.span, why: "call in the condition of a while with an else clause" });
        return;
      }
      if (why !== null) {
        const t = islandOf(s.test, why, env, cx);
        if (!t) { out.exits.set(s.id, { span: s.test.span, why }); return; }
        out.genericTests.set(s.id, t);
      }
      checkBody(s.body, env, cx, s.kind === "While" ? loops + 1 : loops, out);
      checkBody(s.orelse, env, cx, loops, out);
      return;
    }
    case "For": {
      const why = typedFor(s, env, cx);
      const gen = why === null ? null : genericFor(s, why, env, cx);
      if (why !== null && !gen) return island(s, why, env, cx, out);
      if (gen) out.genericFors.set(s.id, gen);
      else if (s.kind === "For" && zipFor(s, cx)) out.zipFors.set(s.id, zipFor(s, cx)!);
      checkBody(s.body, env, cx, loops + 1, out);
      checkBody(s.orelse, env, cx, loops, out);
      return;
    }
    default:
      try {
        checkStmt(s, env, cx, loops);
      } catch (err) {
        if (!(err instanceof NotSpec)) throw err;
        island(s, err.message, env, cx, out);
      }
  }
}

/** Why a for loop has no typed lowering (null: it has one: range, a list parameter, list[C]). */
function typedFor(s: A.StmtOf<"For" | "AsyncFor">, env: Map<string, SpecRep>, cx: Cx): string | null {
  if (s.kind === "AsyncFor") return "async for";
  // reversed(xs) / reversed(range(...)): typed like the loop over xs / the range (facts/reversed.ts)
  const rev = reversedIter(s.iter, cx);
  const it = rev ?? s.iter;
  if (s.target.kind === "Name" && it.kind === "Name" && (cx.lists.has(it.name) || cx.objLists.has(it.name))) {
    if (cx.lists.has(it.name) && env.get(s.target.name) !== cx.lists.get(it.name)) return "loop variable holds other values too";
    return null;
  }
  const z = rev ? null : zipFor(s, cx);
  if (z) {
    // zip/enumerate over lists: an index loop, each item guarded as it is unboxed
    const reps = z.fn === "zip" ? z.args.map((a) => a.elem) : ["i64" as SpecRep, z.args[0]!.elem];
    if (z.targets.some((n, i) => env.get(n) !== reps[i] || cx.lists.has(n) || cx.objs.has(n) || cx.listLocals.has(n))) return "loop variable holds other values too";
    if (new Set(z.targets).size !== z.targets.length) return "a loop variable bound twice";
    return null;
  }
  if (s.target.kind !== "Name" || it.kind !== "Call" || it.func.kind !== "Name" || it.func.name !== "range" ||
      it.keywords.length || it.args.length < 1 || it.args.length > 3) return "for loop over something other than range(...) or a list parameter";
  if (cx.f.locals.has("range")) return "'range' is a local";
  if (env.get(s.target.name) !== "i64") return "loop variable holds other values too";
  for (const x of (it as A.ExprOf<"Call">).args) {
    try { if (exprRepOf(x, env, cx) !== "i64") return "range() argument is not an int"; } catch (err) { if (err instanceof NotSpec) return err.message; throw err; }
  }
  return null;
}

/**
 * A for loop the body of which can stay specialized over a generic iterator: the target binds
 * plain names only (`x`, `i, (a, b)`), none of them a value the body holds unboxed or borrowed,
 * and the iterable is an island of its own (it binds nothing).
 */
function genericFor(s: A.StmtOf<"For" | "AsyncFor">, why: string, env: Map<string, SpecRep>, cx: Cx): Island | null {
  if (s.kind !== "For" || !plainTarget(s.target)) return null;
  const names = boundNames(s.target);
  if (names.some((n) => cx.lists.has(n) || cx.objs.has(n) || cx.objLists.has(n) || cx.listLocals.has(n))) return null;
  const it = islandOf(s.iter, why, env, cx);
  if (!it || it.writes.length) return null;
  return { span: s.iter.span, why, reads: it.reads, writes: names.filter((n) => env.has(n)) };
}

const plainTarget = (t: A.Expr): boolean =>
  t.kind === "Name" || ((t.kind === "Tuple" || t.kind === "List") && t.elts.every((x) => x.kind !== "Starred" && plainTarget(x)));

function island(s: A.Stmt, why: string, env: Map<string, SpecRep>, cx: Cx, out: Classified): void {
  const i = islandOf(s, why, env, cx);
  if (i) out.islands.set(s.id, i);
  else out.exits.set(s.id, { span: s.span, why });
}

/**
 * Can `node` run as generic code inside the specialized body? Not when it leaves a loop of the
 * body (break/continue: the generic code's loops are not the body's), deletes a typed local,
 * rebinds a value the body holds unboxed or borrowed (list, tuple and object parameters), defines
 * a function or class, yields, awaits or declares a global/nonlocal. A lambda is made there as in
 * the generic code (its defaults read typed locals boxed).
 */
function islandOf(node: A.Stmt | A.Expr, why: string, env: Map<string, SpecRep>, cx: Cx): Island | null {
  const reads = new Set<string>(), writes = new Set<string>();
  let ok = true;
  const held = (n: string): boolean => cx.lists.has(n) || cx.objs.has(n) || cx.objLists.has(n) || cx.listLocals.has(n);
  const stored = (n: string): void => {
    // the statement binding an `xs = [c] * n` list is an island that leaves it in its register
    if (held(n) && cx.repLists?.get(n) === node.id) return;
    if (held(n)) ok = false;
    else if (env.has(n)) writes.add(n);
  };
  const visit = (n: AnyNode, loops: number): void => {
    switch (n.kind) {
      case "Break": case "Continue": if (loops === 0) ok = false; return;
      case "For": case "AsyncFor": case "While":
        for (const c of children(n)) visit(c, ("body" in n && (n.body as readonly unknown[]).includes(c)) ? loops + 1 : loops);
        return;
      case "Lambda":
        // made by the island's generic code (irbuild lambdaValue); its body reads no local of the
        // function (bind/lambda.ts: a closure stays interpreted), its defaults are evaluated here
        for (const d of [...n.args.defaults, ...n.args.kw_defaults]) if (d) visit(d, loops);
        return;
      case "FunctionDef": case "AsyncFunctionDef": case "ClassDef":
      case "Yield": case "YieldFrom": case "Await": case "Global": case "Nonlocal":
        ok = false; return;
      case "Name":
        if (n.ctx === "Del" && (env.has(n.name) || held(n.name))) ok = false;
        else if (n.ctx === "Store") stored(n.name);
        if (env.has(n.name)) reads.add(n.name);
        return;
      case "ExceptHandler": if (n.name) stored(n.name); break;
      case "alias": stored(n.asname ?? n.name.split(".")[0]!); break;
      default: break;
    }
    for (const c of children(n)) visit(c, loops);
  };
  visit(node, 0);
  if (!ok) return null;
  // a name an island binds is read too: unbound on some path, its boxed value must be the old one
  for (const w of writes) reads.add(w);
  return { span: node.span, why, reads: [...reads], writes: [...writes] };
}
