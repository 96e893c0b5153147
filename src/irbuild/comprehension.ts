/**
 * Comprehensions lowered inline as loops (generic code). CPython's order is kept exactly:
 *  - the first clause's iterable is evaluated and `iter()` taken in the enclosing scope, before
 *    anything else; later clauses' iterables are evaluated inside, once per outer item;
 *  - per item: store the target, test the `if`s in order (a false one continues the innermost
 *    loop), then the next clause or the element: LIST_APPEND (PyList_Append), SET_ADD
 *    (PySet_Add), MAP_ADD (key evaluated before value, CPython 3.8+, PyDict_SetItem);
 *  - the names the targets bind live in fresh registers (the comprehension's own scope, `Ctx.scope`),
 *    never in the function's locals; they are released when the comprehension ends.
 * The binder (bind/comprehension.ts) guarantees that no comprehension variable is read before
 * it is bound, so reads of them need no bound check.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import { type Ctx, type Val, expr, iterable, truth, done, line, R, callNull } from "./expr.ts";
import { storeTarget } from "./stmt.ts";
import { targetNames } from "../bind/comprehension.ts";

type Comp = A.ExprOf<"ListComp" | "SetComp" | "DictComp">;

/**
 * Run the loops of `gens` (the first iterable already turned into the iterator `it0`); `item`
 * emits the innermost body with the comprehension's context. Leaves the builder after the loops
 * and releases the comprehension's variables.
 */
export function compLoops(c: Ctx, gens: readonly A.Comprehension[], it0: IR.RegId, item: (cc: Ctx) => void): void {
  const b = c.b;
  const scope = new Map(c.scope ?? []);
  const vars: IR.RegId[] = [];
  for (const g of gens) {
    for (const name of targetNames(g.target)) {
      const r = b.reg();
      scope.set(name, r);
      vars.push(r);
    }
  }
  const cc: Ctx = { ...c, scope };
  const loop = (i: number, it: IR.RegId): void => {
    const g = gens[i]!;
    const gl = line(c, g.iter);
    const head = b.newBlock("comp.head"), body = b.newBlock("comp.body"), exit = b.newBlock("comp.end");
    b.goto(head);
    b.setBlock(head);
    b.emit({ kind: "poll", line: gl }); // every back edge comes here
    const x = b.reg();
    b.emit({ kind: "iter_next", dst: x, iter: it, line: gl });
    b.terminate({ kind: "branch_null", reg: x, ifNull: exit.id, otherwise: body.id });
    b.setBlock(body);
    storeTarget(cc, g.target, x, line(c, g.target));
    for (const cond of g.ifs) {
      const t = truth(cc, cond);
      const ok = b.newBlock("comp.if");
      b.terminate({ kind: "branch", cond: t, then: ok.id, else: head.id });
      b.setBlock(ok);
    }
    if (i + 1 < gens.length) {
      const nx = gens[i + 1]!;
      const nl = line(c, nx.iter);
      const src = iterable(cc, nx.iter);
      const it2 = callNull(cc, "PyObject_GetIter", [R(src.reg)], nl);
      done(cc, src, nl);
      loop(i + 1, it2);
    } else item(cc);
    b.goto(head);
    b.setBlock(exit);
    b.emit({ kind: "clear", reg: it, line: gl });
  };
  loop(0, it0);
  const ln = line(c, gens[0]!.iter);
  for (const r of vars) b.emit({ kind: "clear", reg: r, line: ln });
}

/** iter(first iterable), evaluated in the enclosing scope. */
export function firstIter(c: Ctx, g: A.Comprehension): IR.RegId {
  const gl = line(c, g.iter);
  const src = iterable(c, g.iter);
  const it = callNull(c, "PyObject_GetIter", [R(src.reg)], gl);
  done(c, src, gl);
  return it;
}

export function comprehension(c: Ctx, e: Comp, ln: number): Val {
  const b = c.b;
  const it0 = firstIter(c, e.generators[0]!);
  let res: IR.RegId;
  if (e.kind === "ListComp") {
    res = b.reg();
    b.emit({ kind: "build", dst: res, what: "list", items: [], line: ln });
  } else if (e.kind === "SetComp") res = callNull(c, "PySet_New", [{ k: "c", text: "NULL" }], ln);
  else res = callNull(c, "PyDict_New", [], ln);
  compLoops(c, e.generators, it0, (cc) => {
    if (e.kind === "DictComp") {
      const k = expr(cc, e.key), v = expr(cc, e.value);
      const vl = line(cc, e.value);
      b.emit({ kind: "call_c", dst: null, fn: "PyDict_SetItem", args: [R(res), R(k.reg), R(v.reg)], err: "neg", line: vl });
      done(cc, k, vl); done(cc, v, vl);
      return;
    }
    const v = expr(cc, e.elt);
    const el = line(cc, e.elt);
    b.emit({ kind: "call_c", dst: null, fn: e.kind === "ListComp" ? "PyList_Append" : "PySet_Add", args: [R(res), R(v.reg)], err: "neg", line: el });
    done(cc, v, el);
  });
  return { reg: res, temp: true };
}
