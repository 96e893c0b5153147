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
 * it is bound, so reads of them need no bound check; reads of function locals inside raise
 * CPython's error for that scope when unbound (compReadLocal). Generator expressions passed to a
 * builtin or to `.join`: genexpCall.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import { type Ctx, type Val, expr, iterable, truth, done, line, R, callNull, loadName, own, constVal } from "./expr.ts";
import { InternalError } from "../diag/types.ts";
import { storeTarget } from "./stmt.ts";
import { builtinGenexpArg, joinGenexpArg, targetNames } from "../bind/comprehension.ts";
import { walk } from "../syntax/visit.ts";
import { pyStrLiteral } from "./builder.ts";

type Comp = A.ExprOf<"ListComp" | "SetComp" | "DictComp">;

/**
 * Run the loops of `gens` (the first iterable already turned into the iterator `it0`); `item`
 * emits the innermost body with the comprehension's context. Leaves the builder after the loops
 * and releases the comprehension's variables.
 */
export function compLoops(c: Ctx, gens: readonly A.Comprehension[], it0: IR.RegId, item: (cc: Ctx, leave: () => void) => void, kind: "genexp" | "comp" = "comp"): void {
  const b = c.b;
  const active: IR.RegId[] = [];
  const done_ = b.newBlock("comp.done");
  const scope = new Map(c.scope ?? []);
  const vars: IR.RegId[] = [];
  for (const g of gens) {
    for (const name of targetNames(g.target)) {
      const r = b.reg();
      scope.set(name, r);
      vars.push(r);
    }
  }
  const cc: Ctx = { ...c, scope, compKind: kind };
  const ln0 = line(c, gens[0]!.iter);
  const release = (): void => { for (const r of vars) b.emit({ kind: "clear", reg: r, line: ln0 }); };
  /** stop early (any/all): release the iterators and variables, continue after the loops */
  const leave = (): void => {
    for (const r of active) b.emit({ kind: "clear", reg: r, line: ln0 });
    release();
    b.goto(done_);
  };
  const loop = (i: number, it: IR.RegId): void => {
    const g = gens[i]!;
    const gl = line(c, g.iter);
    active.push(it);
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
    } else item(cc, leave);
    b.goto(head);
    b.setBlock(exit);
    b.emit({ kind: "clear", reg: it, line: gl });
    active.pop();
  };
  loop(0, it0);
  release();
  b.goto(done_);
  b.setBlock(done_);
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

/**
 * `sum/min/max/any/all/list/tuple/sorted/set(<genexp>)` (bind/comprehension.ts). CPython's order:
 * load the name, evaluate the first iterable and take `iter()` of it, then call. When the loaded
 * object is the real builtin (and guards are not forced to fail), the builtin's own loop runs
 * inline over the generator's items with its exact semantics: sum's state machine
 * (specializer/src/comprehension.c), min/max keep the first of equal items and compare
 * `item < best` / `item > best`, any/all stop at the deciding item (the iterators are released
 * then, as when the generator is dropped), list/tuple/sorted/set build in item order. Otherwise
 * a real generator is made by CPython from the genexp's source (spz_genexp_make) and passed
 * to whatever the name holds, so laziness and side effects stay exact.
 */
export function genexpCall(c: Ctx, e: A.ExprOf<"Call">, ln: number): Val | null {
  const j = joinGenexpArg(e);
  if (j) return joinCall(c, e, j, ln);
  const g = builtinGenexpArg(e);
  if (!g) return null;
  const b = c.b;
  const name = (e.func as A.ExprOf<"Name">).name;
  const callee = loadName(c, name, ln);
  const it0 = firstIter(c, g.generators[0]!);
  const isB = b.reg("bool"), ok = b.reg("bool");
  b.emit({ kind: "call_c", dst: isB, fn: "spz_genexp_is_builtin", args: [R(callee.reg), { k: "c", text: JSON.stringify(name) }], err: "neg", line: ln });
  b.emit({ kind: "cexpr", dst: ok, text: "($0 && !SPZ_FORCE_DEOPT)", args: [isB], line: ln });
  const fast = b.newBlock("genexp.inline"), slow = b.newBlock("genexp.call"), end = b.newBlock("genexp.end");
  b.terminate({ kind: "branch", cond: ok, then: fast.id, else: slow.id });
  const res = b.reg();

  // ---- the name is the builtin: its loop, inline
  b.setBlock(fast);
  const el = line(c, g.elt);
  switch (name) {
    case "sum": {
      const acc = callNull(c, "spz_sum_new", [], ln);
      compLoops(c, g.generators, it0, (cc) => {
        const v = expr(cc, g.elt);
        b.emit({ kind: "call_c", dst: null, fn: "spz_sum_step", args: [R(acc), R(v.reg)], err: "neg", line: ln });
        done(cc, v, el);
      }, "genexp");
      b.emit({ kind: "move", dst: res, src: callNull(c, "spz_sum_result", [R(acc)], ln), line: ln });
      b.emit({ kind: "clear", reg: acc, line: ln });
      break;
    }
    case "min": case "max": {
      const best = b.reg();
      b.emit({ kind: "clear", reg: best, line: ln });
      compLoops(c, g.generators, it0, (cc) => {
        const v = expr(cc, g.elt);
        const first = b.newBlock("minmax.first"), cmp = b.newBlock("minmax.cmp");
        const repl = b.newBlock("minmax.replace"), keep = b.newBlock("minmax.keep"), join = b.newBlock("minmax.next");
        b.terminate({ kind: "branch_null", reg: best, ifNull: first.id, otherwise: cmp.id });
        b.setBlock(first);
        b.emit({ kind: "move", dst: best, src: own(cc, v, el), line: el });
        b.goto(join);
        b.setBlock(cmp);
        const t = b.reg("bool");
        b.emit({ kind: "call_c", dst: t, fn: "PyObject_RichCompareBool", args: [R(v.reg), R(best), { k: "c", text: name === "min" ? "Py_LT" : "Py_GT" }], err: "neg", line: ln });
        b.terminate({ kind: "branch", cond: t, then: repl.id, else: keep.id });
        b.setBlock(repl);
        b.emit({ kind: "move", dst: best, src: own(cc, v, el), line: el });
        b.goto(join);
        b.setBlock(keep);
        done(cc, v, el);
        b.goto(join);
        b.setBlock(join);
      }, "genexp");
      const empty = b.newBlock("minmax.empty"), some = b.newBlock("minmax.some");
      b.terminate({ kind: "branch_null", reg: best, ifNull: empty.id, otherwise: some.id });
      b.setBlock(empty);
      b.emit({ kind: "call_c", dst: null, fn: "spz_minmax_empty", args: [{ k: "int", value: name === "max" ? 1 : 0 }], err: "null", line: ln });
      b.terminate({ kind: "unreachable" });
      b.setBlock(some);
      b.emit({ kind: "move", dst: res, src: best, line: ln });
      break;
    }
    case "any": case "all": {
      const isAny = name === "any";
      b.emit({ kind: "move", dst: res, src: constVal(c, isAny ? "False" : "True", ln).reg, line: ln });
      compLoops(c, g.generators, it0, (cc, leave) => {
        const t = truth(cc, g.elt);
        const hit = b.newBlock(isAny ? "any.true" : "all.false"), next = b.newBlock("anyall.next");
        b.terminate({ kind: "branch", cond: t, then: isAny ? hit.id : next.id, else: isAny ? next.id : hit.id });
        b.setBlock(hit);
        b.emit({ kind: "move", dst: res, src: constVal(cc, isAny ? "True" : "False", ln).reg, line: ln });
        leave();
        b.setBlock(next);
      }, "genexp");
      break;
    }
    case "list": case "tuple": case "sorted": case "set": {
      const isSet = name === "set";
      const acc = isSet ? callNull(c, "PySet_New", [{ k: "c", text: "NULL" }], ln) : b.reg();
      if (!isSet) b.emit({ kind: "build", dst: acc, what: "list", items: [], line: ln });
      compLoops(c, g.generators, it0, (cc) => {
        const v = expr(cc, g.elt);
        b.emit({ kind: "call_c", dst: null, fn: isSet ? "PySet_Add" : "PyList_Append", args: [R(acc), R(v.reg)], err: "neg", line: el });
        done(cc, v, el);
      }, "genexp");
      if (name === "sorted") b.emit({ kind: "call_c", dst: null, fn: "PyList_Sort", args: [R(acc)], err: "neg", line: ln });
      if (name === "tuple") {
        b.emit({ kind: "move", dst: res, src: callNull(c, "PyList_AsTuple", [R(acc)], ln), line: ln });
        b.emit({ kind: "clear", reg: acc, line: ln });
      } else b.emit({ kind: "move", dst: res, src: acc, line: ln });
      break;
    }
    default:
      throw new InternalError(`generator expression passed to ${name}`, e.span);
  }
  b.goto(end);

  // ---- anything else: a real generator, made by CPython from the source, passed to it
  b.setBlock(slow);
  const gen = realGenerator(c, g, it0, ln);
  b.emit({ kind: "vcall", dst: res, callee: callee.reg, args: [gen], kwnames: null, nkw: 0, line: ln });
  b.emit({ kind: "clear", reg: gen, line: ln });
  b.goto(end);

  b.setBlock(end);
  done(c, callee, ln);
  return { reg: res, temp: true };
}

/**
 * A generator expression anywhere else (`f(x for x in xs)`, `d.update(...)`, `g = (...)`): its first
 * iterable and `iter()` evaluated here, as CPython does before making the generator, then a real
 * generator made by CPython from its source (spz_genexp_make).
 */
export function generatorValue(c: Ctx, g: A.ExprOf<"GeneratorExp">, ln: number): Val {
  const it0 = firstIter(c, g.generators[0]!);
  return { reg: realGenerator(c, g, it0, ln), temp: true };
}

/** A real generator object for `g` (its first iterator `it0` consumed), made by CPython (spz_genexp_make). */
function realGenerator(c: Ctx, g: A.ExprOf<"GeneratorExp">, it0: IR.RegId, ln: number): IR.RegId {
  const b = c.b;
  const free = genexpFree(c, g);
  const src = genexpSource(c, g, free);
  // a local may be unbound: passed as a marker the maker deletes, so reading it in the generator
  // raises CPython's free-variable NameError at that point (spz_genexp_make)
  const items = [it0, ...free.map((n) => {
    const sr = c.scope?.get(n);
    return sr !== undefined ? own(c, { reg: sr, temp: false }, ln) : callNull(c, "spz_genexp_arg", [R(b.local(n))], ln);
  })];
  const args = b.reg();
  b.emit({ kind: "build", dst: args, what: "tuple", items, line: ln });
  const gen = callNull(c, "spz_genexp_make", [{ k: "c", text: "self" }, { k: "const", index: b.consts.add(pyStrLiteral(src)) }, R(args)], ln);
  b.emit({ kind: "clear", reg: args, line: ln });
  return gen;
}

/**
 * `<sep>.join(<genexp>)`. CPython: evaluate `sep`, look `join` up, evaluate the first iterable,
 * call. On an exact str, `join` is str.join, which first turns its argument into a list
 * (PySequence_Fast) and then joins: the same as collecting the items inline and calling
 * PyUnicode_Join on the list. Anything else gets its `join` attribute (before the first
 * iterable, as CPython) and a real generator.
 */
function joinCall(c: Ctx, e: A.ExprOf<"Call">, g: A.ExprOf<"GeneratorExp">, ln: number): Val {
  const b = c.b;
  const recv = expr(c, (e.func as A.ExprOf<"Attribute">).value);
  const isStr = b.reg("bool"), ok = b.reg("bool");
  b.emit({ kind: "call_c", dst: isStr, fn: "PyUnicode_CheckExact", args: [R(recv.reg)], err: "neg", line: ln });
  b.emit({ kind: "cexpr", dst: ok, text: "($0 && !SPZ_FORCE_DEOPT)", args: [isStr], line: ln });
  const callee = b.reg();
  const getj = b.newBlock("join.attr"), cont = b.newBlock("join.iter");
  b.terminate({ kind: "branch", cond: ok, then: cont.id, else: getj.id });
  b.setBlock(getj);
  b.emit({ kind: "getattr", dst: callee, obj: recv.reg, name: b.consts.str("join"), line: ln });
  b.goto(cont);
  b.setBlock(cont);
  const it0 = firstIter(c, g.generators[0]!);
  const fast = b.newBlock("join.inline"), slow = b.newBlock("join.call"), end = b.newBlock("join.end");
  b.terminate({ kind: "branch", cond: ok, then: fast.id, else: slow.id });
  const res = b.reg();
  b.setBlock(fast);
  const acc = b.reg();
  b.emit({ kind: "build", dst: acc, what: "list", items: [], line: ln });
  const el = line(c, g.elt);
  compLoops(c, g.generators, it0, (cc) => {
    const v = expr(cc, g.elt);
    b.emit({ kind: "call_c", dst: null, fn: "PyList_Append", args: [R(acc), R(v.reg)], err: "neg", line: el });
    done(cc, v, el);
  }, "genexp");
  b.emit({ kind: "move", dst: res, src: callNull(c, "PyUnicode_Join", [R(recv.reg), R(acc)], ln), line: ln });
  b.emit({ kind: "clear", reg: acc, line: ln });
  b.goto(end);
  b.setBlock(slow);
  const gen = realGenerator(c, g, it0, ln);
  b.emit({ kind: "vcall", dst: res, callee, args: [gen], kwnames: null, nkw: 0, line: ln });
  b.emit({ kind: "clear", reg: gen, line: ln });
  b.emit({ kind: "clear", reg: callee, line: ln });
  b.goto(end);
  b.setBlock(end);
  done(c, recv, ln);
  return { reg: res, temp: true };
}

/** Enclosing names (function locals, outer comprehension variables) the genexp reads after its first iterable. */
function genexpFree(c: Ctx, g: A.ExprOf<"GeneratorExp">): string[] {
  // the genexp's own variables are bound before any read of them (bind/comprehension.ts) and
  // no comprehension is nested inside it: every other name read is the enclosing scope's
  const own_ = new Set(g.generators.flatMap((x) => [...targetNames(x.target)]));
  const out = new Set<string>();
  const skip = g.generators[0]!.iter;
  walk(g, (n) => {
    if (n === skip) return false;
    if (n.kind === "Name" && n.ctx === "Load" && !own_.has(n.name) && (c.locals.has(n.name) || c.scope?.has(n.name))) out.add(n.name);
    return;
  });
  return [...out].sort();
}

/**
 * The maker of the real generator, run by spz_genexp_make with (unbound marker, first iterator,
 * the free locals' values), roughly on the genexp's lines:
 *     def _spyc_genexp(_spyc_unbound, _spyc_it, a, b):
 *         if a is _spyc_unbound: del a
 *         return (<genexp with its first iterable replaced by _spyc_it>)
 */
function genexpSource(c: Ctx, g: A.ExprOf<"GeneratorExp">, free: readonly string[]): string {
  const text = c.lines.text;
  const first = g.generators[0]!.iter;
  const used = new Set(free);
  walk(g, (n) => { if (n.kind === "Name") used.add(n.name); });
  const fresh = (base: string): string => { let s = base; while (used.has(s)) s = "_" + s; used.add(s); return s; };
  const fn = fresh("_spyc_genexp"), unbound = fresh("_spyc_unbound"), it = fresh("_spyc_it");
  const body = text.slice(g.span.start, first.span.start) + it + text.slice(first.span.end, g.span.end);
  const lines = [`def ${fn}(${[unbound, it, ...free].join(", ")}):`, ...free.map((n) => `    if ${n} is ${unbound}: del ${n}`)];
  const pad = "\n".repeat(Math.max(0, c.lines.line(g.span.start) - 1 - lines.length));
  return `${pad}${lines.join("\n")}\n    return (${body}\n)\n`;
}

/**
 * A read of a function local inside a comprehension. Unbound, it is a free variable of the
 * comprehension's scope: NameError "cannot access free variable ..." for a generator expression
 * (every version) and for list/set/dict comprehensions on 3.11; UnboundLocalError on 3.12+,
 * where those are inlined (spz_comp_unbound decides by version).
 */
export function compReadLocal(c: Ctx, r: IR.RegId, name: string, ln: number): Val {
  const b = c.b;
  const bad = b.newBlock("comp.unbound"), ok = b.newBlock("comp.bound");
  b.terminate({ kind: "branch_null", reg: r, ifNull: bad.id, otherwise: ok.id });
  b.setBlock(bad);
  b.emit({ kind: "call_c", dst: null, fn: "spz_comp_unbound", args: [{ k: "const", index: b.consts.str(name) }, { k: "int", value: c.compKind === "genexp" ? 1 : 0 }], err: "null", line: ln });
  b.terminate({ kind: "unreachable" });
  b.setBlock(ok);
  return { reg: r, temp: false };
}
