/**
 * Specialized lowering: the unboxed twin of a @checked function's body, built into the same
 * FuncIR next to the generic body. Locals proven int/float/bool (facts/types.ts) live in i64 /
 * f64 / bool registers; every operation that can leave the int64 world or hit a special case
 * (overflow, zero divisor, negative shift, big int/float comparison, shadowed builtin) is a
 * guard whose `onFail` edge is a deopt block for the CURRENT STATEMENT:
 *   box every assigned typed local into its generic obj register, rebuild the iterators of the
 *   enclosing range loops, and jump to the generic code of the same statement.
 * Re-running the statement generically is exact because the specialized subset has no side
 * effects inside a statement (pure builtins only), so nothing is repeated. Calls of compiled
 * functions are statements of their own (facts/anf.ts): `.tN = f(args)` runs f's unboxed entry
 * directly (`call_direct`); when f had to finish in its generic code and its boxed result does
 * not unbox, the deopt edge continues AFTER the call statement, so the call is never repeated.
 * In: AST + SpecFacts + the generic body's statement entries. Out: blocks appended to the FnBuilder.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import type { BoundFunc } from "../bind/index.ts";
import { appendCall, directCallKey, divmodAssign, newListBinding, parallelAssign, type Island, type SpecFacts, type SpecRep } from "../facts/types.ts";
import { InternalError } from "../diag/types.ts";
import { consumedTemps } from "../facts/anf.ts";
import { zipFor } from "./specZip.ts";
import { type DirectCallee, type IterLoop, type SCtx, type Seq, SIZE, seqReg, asF64, assign, cx, deopt, deoptBlock, imm, line, resumeIter } from "./specCtx.ts";
import { boundList, cond, expr, listIndex } from "./specExpr.ts";
import { asGeneric, boxReads, exitTo, genericTest, islandStmt, unboxWrites } from "./island.ts";
import { asU64, intReg } from "./specU64.ts";
import { type Ctx, done, expr as genericExpr } from "./expr.ts";
import { storeTarget } from "./stmt.ts";
import { attrAccStmt, dictAccStmt, dictGetStmt, fieldStore, objItemAssign } from "./specObj.ts";
import { isSliceLocal } from "../facts/slices.ts";
import { reversedIter } from "../facts/reversed.ts";
import { specListComp } from "../facts/genexp.ts";
import { listCompExpr } from "./specGenexp.ts";
import { provenArg } from "../facts/objArgs.ts";

export type { DirectCallee } from "./specCtx.ts";

/**
 * Build the specialized body; returns its entry block (the generic entry is the fallback) and,
 * for a function with a return contract of one representation, its direct (unboxed) entry.
 */
export function buildSpecialized(
  generic: Ctx, f: BoundFunc, facts: SpecFacts, entries: ReadonlyMap<number, IR.BlockId>,
  params: readonly IR.ParamIR[], genericEntry: IR.BlockId, callees: ReadonlyMap<string, DirectCallee>,
): { entry: IR.BlockId; direct: IR.DirectEntry | null } {
  const { b, lines } = generic;
  const savedHandler = b.handler;
  b.handler = null;
  const entry = b.newBlock("spec.entry");
  b.setBlock(entry);
  const paramReps = new Map<string, SpecRep>();
  params.forEach((p, i) => { const r = facts.params[i]!; if (r !== "list" && r !== "obj") paramReps.set(p.name, r); });
  // a method's receiver (an instance of its @frozen/@record class) is passed as an object
  const recv = f.classPath.length === 1 && facts.objs.has(params[0]?.name ?? "") ? 1 : 0;
  // ... and so is a list parameter (not a tuple, not a list of instances): the caller's exact list
  const passed = (i: number): boolean => facts.params[i] === "list" && !facts.tuples.has(params[i]!.name) && !facts.objLists.has(params[i]!.name);
  // ... and, for callers passing objects (facts/objArgs.ts), every object parameter
  const passedObj = (i: number): boolean => facts.objDirect === true && (facts.params[i] === "obj" || facts.objLists.has(params[i]!.name));
  const allScalar = facts.params.every((r, i) => i < recv || passed(i) || passedObj(i) || (r !== "list" && r !== "obj"));
  const c: SCtx = {
    b, lines, f, facts, generic, entries, after: b.stmtAfter, callees, direct: (facts.ret !== null || facts.retParts !== null || facts.objRet === true) && allScalar,
    objs: new Map([...facts.objs.keys()].map((n) => [n, b.local(n)])),
    objLists: new Map([...facts.objLists.keys()].map((n) => [n, b.local(n)])),
    reps: new Map([...facts.locals, ...paramReps]),
    lists: new Map([
      ...params.filter((p) => facts.lists.has(p.name)).map((p): [string, Seq] =>
        [p.name, { reg: p.reg, elem: facts.lists.get(p.name)!, kind: facts.tuples.has(p.name) ? "tuple" : "list" }]),
      ...[...facts.repLists.keys()].map((n): [string, Seq] => [n, { reg: b.local(n), elem: facts.lists.get(n)!, kind: "list", local: true }]),
    ]),
    typed: new Map(), loops: [], ranges: [], stmt: null, deoptCache: new Map(), boxedOk: new Map(),
  };
  // parameters: unbox under guards; failing means the whole call runs generic code
  const ln0 = lines.line(f.def.headerSpan.start);
  const unboxed: IR.RegId[] = [];
  params.forEach((p, i) => {
    const rep = facts.params[i]!;
    if (rep === "obj") { // read through per-site slot caches (slot_get), which check the type
      if (i < recv || passedObj(i)) unboxed.push(p.reg); // a direct caller passes it borrowed
      return;
    }
    if (rep === "list") {
      // the contract checked `type(v) is list` (tuple); elements are guarded one by one when read
      const check = facts.tuples.has(p.name) && !facts.objLists.has(p.name) ? "PyTuple_CheckExact($0)" : "PyList_CheckExact($0)";
      b.emit({ kind: "guard", text: check, args: [p.reg], onFail: genericEntry, line: ln0 });
      if (passed(i) || passedObj(i)) unboxed.push(p.reg); // a direct caller passes its exact list borrowed
      return;
    }
    const r = b.reg(rep, null);
    c.typed.set(p.name, { reg: r, flag: null });
    b.emit({ kind: "unbox", dst: r, src: p.reg, onFail: genericEntry, line: ln0 });
    unboxed.push(r);
  });
  // direct callers arrive here with the parameters already unboxed
  const bodyStart = b.newBlock("spec.body", null);
  b.goto(bodyStart);
  b.setBlock(bodyStart);
  for (const [name, rep] of facts.locals) {
    if (c.typed.has(name)) continue;
    c.typed.set(name, { reg: b.reg(rep, null), flag: b.reg("bool", null) });
  }
  // what islands read is boxed once per value, not once per island run
  const islandReads = new Set([...facts.islands.values(), ...facts.genericTests.values(), ...facts.genericFors.values()].flatMap((i) => i.reads));
  for (const name of islandReads) {
    if (!c.typed.has(name)) continue;
    const ok = b.reg("bool", null);
    b.emit({ kind: "imm", dst: ok, value: "0", line: ln0 });
    c.boxedOk.set(name, ok);
  }
  body(c, f.def.body);
  if (!b.terminated) {
    // falling off the end returns None: let the generic twin do it (it has no side effects)
    b.terminate({ kind: "goto", target: genericEnd(c) });
  }
  b.handler = savedHandler;
  const parts = facts.retParts;
  const direct = !c.direct ? null
    : parts ? { params: unboxed, ret: parts[0]!, more: parts.slice(1), entry: bodyStart.id }
    : facts.ret !== null ? { params: unboxed, ret: facts.ret, entry: bodyStart.id }
    : facts.objRet ? { params: unboxed, ret: "obj" as const, entry: bodyStart.id } : null;
  return { entry: entry.id, direct };
}

/** The generic code after the last statement: reached by deopting "at" a synthetic end. */
function genericEnd(c: SCtx): IR.BlockId {
  const last = c.f.def.body[c.f.def.body.length - 1]!;
  // a body that falls off the end: box and continue after the last statement, i.e. return None
  const blk = c.b.newBlock("spec.implicit_return");
  const cur = c.b.current;
  c.b.setBlock(blk);
  const none = c.b.reg();
  c.b.emit({ kind: "const", dst: none, index: c.b.consts.add("None"), line: c.lines.line(last.span.end) });
  c.b.terminate({ kind: "return", value: none });
  c.b.setBlock(cur);
  return blk.id;
}

function body(c: SCtx, stmts: readonly A.Stmt[]): void {
  for (const s of stmts) {
    if (c.b.terminated) return;
    const saved = c.stmt, savedCache = c.deoptCache;
    c.stmt = s;
    c.deoptCache = new Map();
    stmt(c, s);
    // the boxed call temporaries the statement consumed (facts/anf.ts consumedTemps)
    if (!c.b.terminated) {
      for (const t of consumedTemps(s)) if (!c.typed.has(t)) c.b.emit({ kind: "clear", reg: c.b.local(t), line: line(c, s) });
    }
    c.stmt = saved;
    c.deoptCache = savedCache;
  }
}

/** `.tN = f(args)`: call f's unboxed entry; see the file comment for the three outcomes. */
function callDirect(c: SCtx, s: A.StmtOf<"Assign">, ln: number): void {
  const b = c.b;
  // `.tN = f(args)`, or `a, b = f(args)` of a callee returning a tuple in parts
  const t0 = s.targets[0]!;
  const targets = t0.kind === "Tuple" ? t0.elts.map((x) => (x as A.ExprOf<"Name">).name) : [(t0 as A.ExprOf<"Name">).name];
  const target = targets[0]!;
  const call = s.value as A.ExprOf<"Call">;
  const fname = directCallKey(call, { ...c.facts, f: c.f }) ?? "";
  const k = c.callees.get(fname);
  const after = c.after.get(s.id);
  if (!k || after === undefined) throw new InternalError(`no direct entry for the call of ${fname}`, s.span);
  // object arguments whose contract the site checks (the caller cannot prove it): by index in
  // the call's argument registers (a method's receiver first)
  const checks: number[] = [];
  const args = call.args.map((a, i) => {
    const want = k.params[i];
    if (want === "obj") {
      const n = (a as A.ExprOf<"Name">).name;
      if (!provenArg(c.f, n, k.anns[i] ?? null)) checks.push(i + (k.method ? 1 : 0));
      // (a list the function builds itself: bound, or the generic code raises)
      return c.facts.listLocals.has(n) ? boundList(c, n, ln) : c.objs.get(n) ?? c.b.local(n);
    }
    if (want === "list") {
      // an exact list of the caller, passed borrowed (the callee's direct entry takes a reference)
      const n = (a as A.ExprOf<"Name">).name;
      if (c.facts.listLocals.has(n)) return boundList(c, n, ln);
      if (c.lists.has(n)) return seqReg(c, c.lists.get(n)!, ln);
      // a boxed local (facts: boxedListArg): its register, when it holds an exact list
      const r = c.b.local(n);
      b.emit({ kind: "guard", text: "$0 != NULL && PyList_CheckExact($0)", args: [r], onFail: deopt(c), line: ln });
      return r;
    }
    const v = expr(c, a);
    return want === "f64" ? asF64(c, v, ln) : want === "u64" ? asU64(c, v, ln) : want === "i64" ? intReg(c, v, ln) : v;
  });
  if (k.inline) {
    // the global must still name the callee; then its expression runs on the argument registers
    b.emit({ kind: "guard_direct", func: k.index, name: b.consts.str(fname), onFail: deopt(c), line: ln });
    const inner: SCtx = {
      ...c, f: k.inline.f, facts: k.inline.facts, objs: new Map(), objLists: new Map(), lists: new Map(),
      reps: new Map(k.inline.params.map((p, i) => [p, k.params[i] as SpecRep])), // (no list: not inlined)
      typed: new Map(k.inline.params.map((p, i) => [p, { reg: args[i]!, flag: null }])),
      deoptTyped: c.deoptTyped ?? c.typed,
    };
    assign(c, target, expr(inner, k.inline.expr), ln);
    return;
  }
  const dst = b.reg(k.ret), boxed = b.reg(), more = k.more.map((r) => b.reg(r));
  const onFail = deopt(c);
  // an object result is never unboxed: it goes to the temporary's generic register
  const onBoxed = k.ret === "obj" ? onFail : deoptBlock(c, `deopt_after@${ln}`, after, ln, () => {
    // a boxed tuple is unpacked as the generic statement would (the contract made it a tuple)
    if (targets.length > 1) b.emit({ kind: "unpack", seq: boxed, outs: targets.map((t) => b.local(t)), starAt: null, line: ln });
    else b.emit({ kind: "move", dst: b.local(target), src: boxed, line: ln });
  });
  // o.m(args): the receiver's register goes first; the site guards o's type and m (spz_method_target)
  const m = k.method ? call.func as A.ExprOf<"Attribute"> : null;
  const site = m ? { name: b.consts.str(m.attr), method: true as const, args: [c.objs.get((m.value as A.ExprOf<"Name">).name) ?? b.local((m.value as A.ExprOf<"Name">).name), ...args] }
    : { name: b.consts.str(fname), args };
  b.emit({ kind: "call_direct", dst, boxed, func: k.index, ...site, onFail, onBoxed, line: ln, ...(more.length ? { more } : {}), ...(checks.length ? { checks } : {}) });
  if (k.ret === "obj") b.emit({ kind: "move", dst: b.local(target), src: dst, line: ln });
  else [dst, ...more].forEach((r, i) => assign(c, targets[i]!, r, ln));
}

/**
 * `return a, b` under a `tuple[...]` contract of scalars: the parts as the contract wants them
 * (an int part of a float promoted); with a direct entry they leave unboxed, else as a tuple.
 */
function returnParts(c: SCtx, elts: readonly A.Expr[], parts: readonly SpecRep[], ln: number): void {
  const b = c.b;
  const regs = elts.map((x, i) => {
    const v = expr(c, x);
    return parts[i] === "f64" ? asF64(c, v, ln) : parts[i] === "i64" ? intReg(c, v, ln) : v;
  });
  if (c.direct) {
    b.terminateAndContinueDead({ kind: "return", value: regs[0]!, more: regs.slice(1) });
    return;
  }
  const boxed = regs.map((r) => {
    const o = b.reg();
    b.emit({ kind: "box", dst: o, src: r, ifSet: null, line: ln });
    return o;
  });
  const t = b.reg();
  b.emit({ kind: "build", dst: t, what: "tuple", items: boxed, line: ln });
  b.terminateAndContinueDead({ kind: "return", value: t });
}

function stmt(c: SCtx, s: A.Stmt): void {
  const b = c.b;
  const ln = line(c, s);
  if (c.facts.exits.has(s.id)) return exitTo(c);
  const isl = c.facts.islands.get(s.id);
  if (isl) return islandStmt(c, s, isl, ln);
  const acc = c.facts.dictAccs.get(s.id);
  if (acc) return !("kind" in acc) ? dictAccStmt(c, acc, ln) : acc.kind === "attr" ? attrAccStmt(c, acc, ln) : dictGetStmt(c, s, acc, ln);
  switch (s.kind) {
    case "Assign":
      if (c.facts.callStmts.has(s.id)) return callDirect(c, s, ln);
      if (s.targets[0]!.kind === "Name" && c.facts.listLocals.has(s.targets[0]!.name)) return newList(c, s, ln);
      if (s.value.kind === "ListComp") {
        // a list comprehension built in C (facts: listCompValue), bound like STORE_FAST binds it
        const l = listCompExpr(c, specListComp(s.value, c.f, c.facts.lists, c.facts.objLists)!, ln);
        b.emit({ kind: "move", dst: b.local((s.targets[0] as A.ExprOf<"Name">).name), src: l, line: ln });
        return;
      }
      if (s.targets[0]!.kind === "Subscript") return listStore(c, s.targets[0] as A.ExprOf<"Subscript">, s.value, ln);
      if (s.targets[0]!.kind === "Attribute") return fieldStore(c, s.targets[0] as A.ExprOf<"Attribute">, expr(c, s.value), ln);
      if (s.targets[0]!.kind === "Name" && c.objs.has(s.targets[0]!.name)) return objItemAssign(c, s.targets[0]!.name, s.value as A.ExprOf<"Subscript">, ln);
      if (divmodAssign(s)) { const dm = divmodAssign(s)!; return divmodStmt(c, dm.q, dm.r, dm.call, ln); }
      if (parallelAssign(s)) {
        // every item into a fresh register before any store: an item may read a target
        const pa = parallelAssign(s)!;
        const vs = pa.values.map((e) => { const v = expr(c, e); return cx(c, b.regs[v]!.rep, "$0", [v], ln); });
        pa.names.forEach((n, i) => assign(c, n, vs[i]!, ln));
        return;
      }
      {
        // one value, stored left to right (a = b = v: facts checked every target has v's representation)
        const v = expr(c, s.value);
        for (const t of s.targets) assign(c, (t as A.ExprOf<"Name">).name, v, ln);
      }
      return;
    case "AnnAssign":
      if (s.target.kind === "Name" && c.facts.listLocals.has(s.target.name)) return newList(c, s, ln);
      if (s.value) assign(c, (s.target as A.ExprOf<"Name">).name, expr(c, s.value), ln);
      return;
    case "AugAssign": {
      if (s.target.kind === "Subscript") {
        // xs[i] op= v: read the item (guarded), compute, store; nothing happens before the store
        const e = { kind: "BinOp", left: s.target, op: s.op, right: s.value, id: s.id, span: s.span } as A.Expr;
        return listStoreReg(c, s.target, expr(c, e), ln);
      }
      if (s.target.kind === "Attribute") {
        const e = { kind: "BinOp", left: s.target, op: s.op, right: s.value, id: s.id, span: s.span } as A.Expr;
        return fieldStore(c, s.target, expr(c, e), ln);
      }
      const acc = c.typed.get((s.target as A.ExprOf<"Name">).name)!;
      if (b.regs[acc.reg]!.rep === "i128") {
        // accumulator += int: 128-bit add; its overflow (past 2**127) deopts like any other
        if (acc.flag !== null) b.emit({ kind: "guard", text: "$0", args: [acc.flag], onFail: deopt(c), line: ln });
        const v = expr(c, s.value);
        const d = b.reg("i128");
        const fn = s.op === "Add" ? "spz_i128_add_ovf" : "spz_i128_sub_ovf";
        b.emit({ kind: "guarded", dst: d, fn, args: [{ k: "reg", reg: acc.reg }, { k: "reg", reg: v }], onFail: deopt(c), line: ln });
        assign(c, (s.target as A.ExprOf<"Name">).name, d, ln);
        return;
      }
      const e = { kind: "BinOp", left: s.target, op: s.op, right: s.value, id: s.id, span: s.span } as A.Expr;
      assign(c, (s.target as A.ExprOf<"Name">).name, expr(c, e), ln);
      return;
    }
    case "Return": {
      if (c.facts.retParts && s.value!.kind === "Tuple") return returnParts(c, s.value!.elts, c.facts.retParts, ln);
      if (s.value!.kind === "ListComp") {
        b.terminateAndContinueDead({ kind: "return", value: listCompExpr(c, specListComp(s.value!, c.f, c.facts.lists, c.facts.objLists)!, ln) });
        return;
      }
      if (s.value!.kind === "Name" && c.facts.listLocals.has(s.value!.name)) {
        const o = b.reg();
        b.emit({ kind: "copy", dst: o, src: boundList(c, s.value!.name, ln), line: ln });
        b.terminateAndContinueDead({ kind: "return", value: o });
        return;
      }
      const v = expr(c, s.value!);
      if (b.regs[v]!.rep === "i128" && c.direct && c.facts.ret === "i64") {
        // an accumulator that fits comes back unboxed; a bigger one is boxed
        const fits = cx(c, "bool", "spz_i128_fits_i64($0)", [v], ln);
        const small = b.newBlock("spec.ret_small", null), big = b.newBlock("spec.ret_big", null);
        b.terminate({ kind: "branch", cond: fits, then: small.id, else: big.id });
        b.setBlock(small);
        b.terminate({ kind: "return", value: cx(c, "i64", "(int64_t)$0", [v], ln) });
        b.setBlock(big);
      }
      const vr = b.regs[v]!.rep;
      if (c.direct && ((vr === "i64" && c.facts.ret === "u64") || (vr === "u64" && c.facts.ret === "i64"))) {
        // an int of the other int representation comes back unboxed when it fits, else boxed
        const fits = cx(c, "bool", vr === "i64" ? "$0 >= 0" : "$0 <= (uint64_t)INT64_MAX", [v], ln);
        const small = b.newBlock("spec.ret_fits", null), big = b.newBlock("spec.ret_boxed", null);
        b.terminate({ kind: "branch", cond: fits, then: small.id, else: big.id });
        b.setBlock(small);
        b.terminate({ kind: "return", value: cx(c, c.facts.ret, vr === "i64" ? "(uint64_t)$0" : "(int64_t)$0", [v], ln) });
        b.setBlock(big);
      }
      if (c.direct && vr === c.facts.ret) {
        b.terminateAndContinueDead({ kind: "return", value: v });
        return;
      }
      const o = b.reg();
      b.emit({ kind: "box", dst: o, src: v, ifSet: null, line: ln });
      b.terminateAndContinueDead({ kind: "return", value: o });
      return;
    }
    case "Expr": {
      if (s.value.kind === "Name") { boundList(c, s.value.name, ln); return; }
      const ap = appendCall(s.value, c.facts.listLocals);
      if (ap) {
        const xs = boundList(c, ap.list, ln);
        const v = expr(c, ap.value);
        b.emit({ kind: "call_c", dst: null, fn: `spz_list_append_${b.regs[v]!.rep}`, args: [{ k: "reg", reg: xs }, { k: "reg", reg: v }], err: "neg", line: ln });
      }
      return;
    }
    case "Pass": return;
    case "Delete":
      // only `del .sN` of a parameter slice is typed (facts/types.ts): release the list
      for (const t of s.targets) b.emit({ kind: "clear", reg: b.local((t as A.ExprOf<"Name">).name), line: ln });
      return;
    case "If": {
      const t = test(c, s, ln);
      const yes = b.newBlock("spec.then", null), no = b.newBlock("spec.else", null), end = b.newBlock("spec.endif", null);
      b.terminate({ kind: "branch", cond: t, then: yes.id, else: no.id });
      b.setBlock(yes); body(c, s.body); b.goto(end);
      b.setBlock(no); body(c, s.orelse); b.goto(end);
      b.setBlock(end);
      return;
    }
    case "While": {
      const head = b.newBlock("spec.while", null), loop = b.newBlock("spec.body", null);
      const orelse = b.newBlock("spec.whileelse", null), end = b.newBlock("spec.endwhile", null);
      b.goto(head); b.setBlock(head);
      b.emit({ kind: "poll", line: ln }); // back edges come here; an exception leaves the function
      const t = test(c, s, ln);
      b.terminate({ kind: "branch", cond: t, then: loop.id, else: orelse.id });
      b.setBlock(loop);
      c.loops.push({ breakTo: end.id, continueTo: head.id });
      body(c, s.body);
      c.loops.pop();
      b.goto(head);
      b.setBlock(orelse); body(c, s.orelse); b.goto(end);
      b.setBlock(end);
      return;
    }
    case "For":
      if (c.facts.genericFors.has(s.id)) return genericFor(c, s, c.facts.genericFors.get(s.id)!, ln);
      if (c.facts.zipFors.has(s.id)) return zipFor(c, s, c.facts.zipFors.get(s.id)!, ln, loopRest);
      if (s.iter.kind === "Name" && c.objLists.has(s.iter.name)) return objListFor(c, s, ln);
      {
        // reversed(xs) / reversed(range(...)) (facts/reversed.ts): the same loops, walked backwards
        const rev = reversedIter(s.iter, { f: c.f, lists: c.facts.lists, tuples: c.facts.tuples });
        const it = rev ?? s.iter;
        return it.kind === "Name" ? listFor(c, s, it.name, rev !== null, ln) : rangeFor(c, s, it as A.ExprOf<"Call">, rev !== null, ln);
      }
    case "Break": case "Continue": {
      const l = c.loops[c.loops.length - 1]!;
      b.terminateAndContinueDead({ kind: "goto", target: s.kind === "Break" ? l.breakTo : l.continueTo });
      return;
    }
    default:
      throw new InternalError(`specializer: statement ${s.kind} passed the facts check`, s.span);
  }
}

/**
 * xs = [] / xs = [a, b] (or `xs: list[T] = ...`): the list lives in the local's generic register (no
 * boxing on deopt). The items are computed first and the local is bound last, as BUILD_LIST and
 * STORE_FAST do: a deopt or an error in an item leaves xs as it was.
 */
function newList(c: SCtx, s: A.Stmt, ln: number): void {
  const b = c.b, nl = newListBinding(s)!;
  const items = nl.value.elts.map((e) => expr(c, e));
  const xs = items.length ? b.reg() : b.local(nl.name);
  b.emit({ kind: "call_c", dst: xs, fn: "PyList_New", args: [{ k: "int", value: 0 }], err: "null", line: ln });
  for (const v of items) b.emit({ kind: "call_c", dst: null, fn: `spz_list_append_${b.regs[v]!.rep}`, args: [{ k: "reg", reg: xs }, { k: "reg", reg: v }], err: "neg", line: ln });
  if (items.length) b.emit({ kind: "move", dst: b.local(nl.name), src: xs, line: ln });
}

/** The truth of an if/while test: unboxed, or generic on boxed values (an island). */
function test(c: SCtx, s: A.StmtOf<"If" | "While">, ln: number): IR.RegId {
  const g = c.facts.genericTests.get(s.id);
  return g ? genericTest(c, s.test, g, ln) : cond(c, s.test);
}

/**
 * for i in range(a[, b[, step]]): iterate by count, like CPython's range iterator. `rev`: over
 * reversed(range(...)), the same items last to first (range.__reversed__'s start + (len - 1) * step,
 * stepping by -step).
 */
function rangeFor(c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, call: A.ExprOf<"Call">, rev: boolean, ln: number): void {
  const b = c.b;
  if (rev) b.emit({ kind: "guard_builtin", name: b.consts.str("reversed"), which: "reversed", onFail: deopt(c), line: ln });
  b.emit({ kind: "guard_builtin", name: b.consts.str("range"), which: "range", onFail: deopt(c), line: ln });
  const args = call.args.map((a) => expr(c, a));
  const zero = imm(c, "i64", "0", ln), one = imm(c, "i64", "1", ln);
  const [start, stop, fwd] = args.length === 1 ? [zero, args[0]!, one] : args.length === 2 ? [args[0]!, args[1]!, one] : [args[0]!, args[1]!, args[2]!];
  if (args.length === 3) b.emit({ kind: "guard", text: "$0 != 0", args: [fwd], onFail: deopt(c), line: ln });
  const cur = b.reg("i64"), rem = b.reg("i64");
  if (!rev) b.emit({ kind: "cexpr", dst: cur, text: "$0", args: [start], line: ln });
  b.emit({ kind: "cexpr", dst: rem, text: "spz_i64_range_len($0, $1, $2)", args: [start, stop, fwd], line: ln });
  // a length past int64 (range(-2**63, 2**63 - 1)) comes out negative: the generic loop runs it
  // (range(n) has at most n items)
  if (args.length > 1) b.emit({ kind: "guard", text: "$0 >= 0", args: [rem], onFail: deopt(c), line: ln });
  let step = fwd;
  if (rev) {
    // the last item (an item: it fits), then down by -step (-INT64_MIN does not fit: generic)
    if (args.length === 3) b.emit({ kind: "guard", text: "$0 != INT64_MIN", args: [fwd], onFail: deopt(c), line: ln });
    b.emit({ kind: "cexpr", dst: cur, text: "$1 > 0 ? (int64_t)((__int128)$0 + (__int128)($1 - 1) * $2) : $0", args: [start, rem, fwd], line: ln });
    step = cx(c, "i64", "-$0", [fwd], ln);
  }
  const head = b.newBlock("spec.for", null), loop = b.newBlock("spec.forbody", null);
  const next = b.newBlock("spec.fornext", null), orelse = b.newBlock("spec.forelse", null), end = b.newBlock("spec.endfor", null);
  b.goto(head); b.setBlock(head);
  b.emit({ kind: "poll", line: ln }); // back edges come here; an exception leaves the function
  const more = b.reg("bool");
  b.emit({ kind: "cexpr", dst: more, text: "$0 > 0", args: [rem], line: ln });
  b.terminate({ kind: "branch", cond: more, then: loop.id, else: orelse.id });
  b.setBlock(loop);
  b.emit({ kind: "cexpr", dst: rem, text: "$0 - 1", args: [rem], line: ln });
  assign(c, (s.target as A.ExprOf<"Name">).name, cur, ln);
  c.loops.push({ breakTo: end.id, continueTo: next.id });
  c.ranges.push({ kind: "range", forId: s.id, cur, rem, step });
  body(c, s.body);
  c.ranges.pop();
  c.loops.pop();
  b.goto(next);
  b.setBlock(next);
  // advance only when another item exists, so cur + step never leaves int64
  b.emit({ kind: "cexpr", dst: cur, text: "$1 > 0 ? $0 + $2 : $0", args: [cur, rem, step], line: ln });
  b.goto(head);
  b.setBlock(orelse); body(c, s.orelse); b.goto(end);
  b.setBlock(end);
}

/**
 * for TARGET in ITER over any iterable: the iterator is generic and lives in the generic loop's
 * own iterator register, so a deopt in the body continues the generic loop with it in place.
 * Each item is stored into the target generically, then the typed loop variables are unboxed
 * (a guard: another type continues in the generic body, with the item already bound).
 */
function genericFor(c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, info: Island, ln: number): void {
  const b = c.b;
  const it = b.forIters.get(s.id);
  if (it === undefined) throw new InternalError("for loop without a generic iterator", s.span);
  boxReads(c, info, ln);
  asGeneric(c, (g) => {
    const src = genericExpr(g, s.iter);
    b.emit({ kind: "call_c", dst: it, fn: "PyObject_GetIter", args: [{ k: "reg", reg: src.reg }], err: "null", line: ln });
    done(g, src, ln);
  });
  const head = b.newBlock("spec.iterfor", null), fetch = b.newBlock("spec.iteritem", null);
  const orelse = b.newBlock("spec.forelse", null), end = b.newBlock("spec.endfor", null);
  b.goto(head); b.setBlock(head);
  b.emit({ kind: "poll", line: ln });
  const item = b.reg();
  b.emit({ kind: "iter_next", dst: item, iter: it, line: ln });
  b.terminate({ kind: "branch_null", reg: item, ifNull: orelse.id, otherwise: fetch.id });
  b.setBlock(fetch);
  asGeneric(c, (g) => storeTarget(g, s.target, item, ln));
  if (info.writes.length && s.body.length) {
    const bodyEntry = c.entries.get(s.body[0]!.id);
    if (bodyEntry === undefined) throw new InternalError("generic loop body without an entry", s.span);
    const iter: IterLoop = { kind: "generic", forId: s.id };
    c.ranges.push(iter);
    const onFail = deoptBlock(c, `deopt_iteritem@${ln}`, bodyEntry, ln, () => {}, new Set(info.writes));
    c.ranges.pop();
    unboxWrites(c, info.writes, onFail, ln);
  }
  c.loops.push({ breakTo: end.id, continueTo: head.id });
  c.ranges.push({ kind: "generic", forId: s.id });
  body(c, s.body);
  c.ranges.pop();
  c.loops.pop();
  b.goto(head);
  b.setBlock(orelse);
  b.emit({ kind: "clear", reg: it, line: ln });
  body(c, s.orelse);
  b.goto(end);
  b.setBlock(end);
  b.emit({ kind: "clear", reg: it, line: ln });
}

/**
 * for x in xs (a list parameter): by index, re-reading the length every step exactly as
 * CPython's list iterator does (the body may grow or shrink the list). An item of another type
 * deopts to the generic loop head with the iterator positioned at that item. `rev`: over
 * reversed(xs), from index len - 1 down, as list_reverseiterator (an index at or past the current
 * length ends the loop too).
 */
function listFor(c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, name: string, rev: boolean, ln: number): void {
  const b = c.b;
  const seq = c.lists.get(name)!;
  if (rev) b.emit({ kind: "guard_builtin", name: b.consts.str("reversed"), which: "reversed", onFail: deopt(c), line: ln });
  // the loop reads the register the iterable was evaluated from, once (as iter() does); a slice
  // local is never rebound (facts/slices.ts), and its `del` after the loop must free the list
  // then, as CPython's iterator did: the loop reads it in place
  const own = seq.local && !isSliceLocal(name);
  const xs: Seq = own ? { ...seq, reg: b.reg() } : seq;
  if (own) b.emit({ kind: "copy", dst: xs.reg, src: seqReg(c, seq, ln), line: ln });
  else if (seq.local) seqReg(c, seq, ln);
  const genericHead = b.forHeads.get(s.id);
  if (genericHead === undefined) throw new InternalError("list loop without a generic head", s.span);
  const idx = b.reg("i64");
  if (rev) b.emit({ kind: "cexpr", dst: idx, text: `(int64_t)${SIZE[xs.kind]}($0) - 1`, args: [xs.reg], line: ln });
  else b.emit({ kind: "imm", dst: idx, value: "0", line: ln });
  const head = b.newBlock("spec.listfor", null), fetch = b.newBlock("spec.listitem", null);
  const orelse = b.newBlock("spec.forelse", null), end = b.newBlock("spec.endfor", null);
  b.goto(head); b.setBlock(head);
  b.emit({ kind: "poll", line: ln }); // back edges come here; an exception leaves the function
  const more = cx(c, "bool", rev ? `$0 >= 0 && $0 < ${SIZE[xs.kind]}($1)` : `$0 < ${SIZE[xs.kind]}($1)`, [idx, xs.reg], ln);
  b.terminate({ kind: "branch", cond: more, then: fetch.id, else: orelse.id });
  b.setBlock(fetch);
  const item = b.reg(xs.elem);
  const at: IterLoop = { kind: "list", forId: s.id, list: xs.reg, idx, rev };
  const atHead = deoptBlock(c, `deopt_listitem@${ln}`, genericHead, ln, () => resumeIter(c, at, ln));
  b.emit({ kind: "guarded", dst: item, fn: `spz_${xs.kind}_get_${xs.elem}`, args: [{ k: "reg", reg: xs.reg }, { k: "reg", reg: idx }], onFail: atHead, line: ln });
  b.emit({ kind: "cexpr", dst: idx, text: rev ? "$0 - 1" : "$0 + 1", args: [idx], line: ln });
  assign(c, (s.target as A.ExprOf<"Name">).name, item, ln);
  loopRest(c, s, { head, orelse, end }, at);
}

/** The body (with break/continue targets and the iterator a deopt rebuilds), back edge, else. */
function loopRest(c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, blocks: { head: IR.Block; orelse: IR.Block; end: IR.Block }, iter: IterLoop): void {
  const b = c.b;
  c.loops.push({ breakTo: blocks.end.id, continueTo: blocks.head.id });
  c.ranges.push(iter);
  body(c, s.body);
  c.ranges.pop();
  c.loops.pop();
  b.goto(blocks.head);
  b.setBlock(blocks.orelse); body(c, s.orelse); b.goto(blocks.end);
  b.setBlock(blocks.end);
}

/**
 * for o in xs (a list[C] parameter, C @frozen): like listFor, but the item is an object that
 * lives in the loop variable's generic register; its fields are read through slot_get guards.
 */
function objListFor(c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, ln: number): void {
  const b = c.b;
  const xs = c.objLists.get((s.iter as A.ExprOf<"Name">).name)!;
  const idx = b.reg("i64");
  b.emit({ kind: "imm", dst: idx, value: "0", line: ln });
  const head = b.newBlock("spec.objfor", null), fetch = b.newBlock("spec.objitem", null);
  const orelse = b.newBlock("spec.forelse", null), end = b.newBlock("spec.endfor", null);
  b.goto(head); b.setBlock(head);
  b.emit({ kind: "poll", line: ln });
  const more = cx(c, "bool", "$0 < PyList_GET_SIZE($1)", [idx, xs], ln);
  b.terminate({ kind: "branch", cond: more, then: fetch.id, else: orelse.id });
  b.setBlock(fetch);
  const target = b.local((s.target as A.ExprOf<"Name">).name);
  b.emit({ kind: "call_c", dst: target, fn: "spz_list_item_ref", args: [{ k: "reg", reg: xs }, { k: "reg", reg: idx }], err: "never", line: ln });
  b.emit({ kind: "cexpr", dst: idx, text: "$0 + 1", args: [idx], line: ln });
  loopRest(c, s, { head, orelse, end }, { kind: "list", forId: s.id, list: xs, idx });
}

/** xs[i] = v: bounds guarded (IndexError is the generic code's to raise), v stored boxed. */
function listStore(c: SCtx, t: A.ExprOf<"Subscript">, value: A.Expr, ln: number): void {
  listStoreReg(c, t, expr(c, value), ln);
}

function listStoreReg(c: SCtx, t: A.ExprOf<"Subscript">, v: IR.RegId, ln: number): void {
  const b = c.b;
  if (t.value.kind === "Attribute") {
    // o.f[i] = v, f a list[T] field of o's class (facts: listFieldItem)
    const o = c.objs.get((t.value.value as A.ExprOf<"Name">).name)!;
    const i = intReg(c, expr(c, t.slice), ln);
    b.emit({ kind: "slot_item_set", obj: o, name: b.consts.str(t.value.attr), index: i, src: v, onFail: deopt(c), line: ln });
    return;
  }
  const xs = c.lists.get((t.value as A.ExprOf<"Name">).name)!;
  seqReg(c, xs, ln);
  const i = listIndex(c, xs.reg, intReg(c, expr(c, t.slice), ln), ln);
  b.emit({ kind: "call_c", dst: null, fn: `spz_list_store_${b.regs[v]!.rep}`, args: [{ k: "reg", reg: xs.reg }, { k: "reg", reg: i }, { k: "reg", reg: v }], err: "neg", line: ln });
}

/** q, r = divmod(a, b): both results as Python's // and % give them (CPython computes them alike). */
function divmodStmt(c: SCtx, q: string, r: string, call: A.ExprOf<"Call">, ln: number): void {
  const b = c.b;
  b.emit({ kind: "guard_builtin", name: b.consts.str("divmod"), which: "divmod", onFail: deopt(c), line: ln });
  let x = expr(c, call.args[0]!), y = expr(c, call.args[1]!);
  const ints = b.regs[x]!.rep === "i64" && b.regs[y]!.rep === "i64";
  if (!ints) { x = asF64(c, x, ln); y = asF64(c, y, ln); }
  const rep: SpecRep = ints ? "i64" : "f64";
  const dq = b.reg(rep), dr = b.reg(rep);
  const ops = ints ? ["spz_i64_floordiv_ovf", "spz_i64_mod_ovf"] : ["spz_f64_floordiv", "spz_f64_mod"];
  b.emit({ kind: "guarded", dst: dq, fn: ops[0]!, args: [{ k: "reg", reg: x }, { k: "reg", reg: y }], onFail: deopt(c), line: ln });
  b.emit({ kind: "guarded", dst: dr, fn: ops[1]!, args: [{ k: "reg", reg: x }, { k: "reg", reg: y }], onFail: deopt(c), line: ln });
  assign(c, q, dq, ln);
  assign(c, r, dr, ln);
}
