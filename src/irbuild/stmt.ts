/**
 * Statement lowering for generic code: ast.Stmt -> blocks. Control flow (if/while/for with
 * else, break/continue, return) and exceptions (try/except/else/finally, raise, assert).
 *
 * Exception protocol (mirrors CPython's exception table + PUSH_EXC_INFO/POP_EXCEPT):
 *  - code inside `try` runs in blocks whose `handler` is the dispatch block;
 *  - the dispatch block takes the exception (`spz_exc_fetch`), makes it the handled exception
 *    (`spz_exc_enter_handler`, remembering the previous one), then tests the except clauses;
 *  - leaving a handler by any path restores the previous handled exception; leaving by an
 *    exception does the same in a cleanup block, then re-raises outward;
 *  - `finally` bodies are emitted once per way out (normal, exception, return, break,
 *    continue), as CPython does, so each copy knows where control goes next.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import { InternalError } from "../diag/types.ts";
import type { Unwind } from "./builder.ts";
import { pyStrLiteral } from "./builder.ts";
import { consumedTemps } from "../facts/anf.ts";
import { type Ctx, type Val, expr, iterable, truth, done, own, line, R, callNull, binOp, loadName, getAttr, setAttr } from "./expr.ts";

const SELF: IR.Operand = { k: "c", text: "self" };

export function stmts(c: Ctx, body: readonly A.Stmt[]): void {
  const b = c.b;
  for (const s of body) {
    stmt(c, s);
    if (b.afterWanted.has(s.id) && !b.terminated) {
      const after = b.newBlock(`after@${line(c, s)}`);
      b.goto(after);
      b.setBlock(after);
      b.stmtAfter.set(s.id, after.id);
    }
    // the call temporaries this statement consumed hold nothing anyone reads again (facts/anf.ts)
    if (!b.terminated) for (const t of consumedTemps(s)) b.emit({ kind: "clear", reg: b.local(t), line: line(c, s) });
  }
}

/** Store an owned temp into a target; the temp is consumed. */
export function storeTarget(c: Ctx, t: A.Expr, val: IR.RegId, ln: number): void {
  const b = c.b;
  switch (t.kind) {
    case "Name":
      if (c.scope?.has(t.name)) b.emit({ kind: "move", dst: c.scope.get(t.name)!, src: val, line: ln });
      else if (c.locals.has(t.name)) b.emit({ kind: "move", dst: b.local(t.name), src: val, line: ln });
      else {
        b.emit({ kind: "call_c", dst: null, fn: "spz_store_global", args: [SELF, { k: "const", index: b.consts.str(t.name) }, R(val)], err: "neg", line: ln });
        b.emit({ kind: "clear", reg: val, line: ln });
      }
      return;
    case "Attribute": {
      const o = expr(c, t.value);
      setAttr(c, o.reg, t.attr, val, ln);
      done(c, o, ln);
      b.emit({ kind: "clear", reg: val, line: ln });
      return;
    }
    case "Subscript": {
      const o = expr(c, t.value), k = expr(c, t.slice);
      b.emit({ kind: "call_c", dst: null, fn: "spz_setitem", args: [R(o.reg), R(k.reg), R(val)], err: "neg", line: ln });
      done(c, o, ln); done(c, k, ln);
      b.emit({ kind: "clear", reg: val, line: ln });
      return;
    }
    case "Tuple":
    case "List": {
      const starAt = t.elts.findIndex((x) => x.kind === "Starred");
      const outs = t.elts.map(() => b.reg());
      b.emit({ kind: "unpack", seq: val, outs, starAt: starAt < 0 ? null : starAt, line: ln });
      b.emit({ kind: "clear", reg: val, line: ln });
      t.elts.forEach((x, i) => storeTarget(c, x.kind === "Starred" ? x.value : x, outs[i]!, ln));
      return;
    }
    default:
      throw new InternalError(`cannot assign to ${t.kind}`, t.span);
  }
}

/**
 * `a, b = x, y` (a tuple or list display on both sides, equal lengths, no starred item): the
 * values are evaluated left to right into temps and stored left to right, with no tuple built and
 * unpacked in between -- what CPython's own compiler makes of it (BUILD_TUPLE + UNPACK_SEQUENCE
 * become SWAPs). Nothing observable differs: the tuple never escapes, and the order of the
 * evaluations and stores is the same. `b, a = a, b` works because every value is owned by a
 * temp before the first store.
 */
function parallelAssign(c: Ctx, s: A.StmtOf<"Assign">, ln: number): boolean {
  const t = s.targets.length === 1 ? s.targets[0]! : null, v = s.value;
  if (t === null || (t.kind !== "Tuple" && t.kind !== "List") || (v.kind !== "Tuple" && v.kind !== "List")) return false;
  if (t.elts.length !== v.elts.length || t.elts.some((x) => x.kind === "Starred") || v.elts.some((x) => x.kind === "Starred")) return false;
  const vals = v.elts.map((e) => own(c, expr(c, e), ln));
  t.elts.forEach((x, i) => storeTarget(c, x, vals[i]!, ln));
  return true;
}

function deleteTarget(c: Ctx, t: A.Expr, ln: number): void {
  const b = c.b;
  switch (t.kind) {
    case "Name":
      if (c.locals.has(t.name)) {
        const r = b.local(t.name);
        b.emit({ kind: "check_bound", reg: r, name: t.name, nameConst: b.consts.str(t.name), line: ln });
        b.emit({ kind: "clear", reg: r, line: ln });
      } else {
        b.emit({ kind: "call_c", dst: null, fn: "spz_del_global", args: [SELF, { k: "const", index: b.consts.str(t.name) }], err: "neg", line: ln });
      }
      return;
    case "Attribute": {
      const o = expr(c, t.value);
      b.emit({ kind: "call_c", dst: null, fn: "PyObject_SetAttr", args: [R(o.reg), { k: "const", index: b.consts.str(t.attr) }, { k: "c", text: "NULL" }], err: "neg", line: ln });
      done(c, o, ln);
      return;
    }
    case "Subscript": {
      const o = expr(c, t.value), k = expr(c, t.slice);
      b.emit({ kind: "call_c", dst: null, fn: "PyObject_DelItem", args: [R(o.reg), R(k.reg)], err: "neg", line: ln });
      done(c, o, ln); done(c, k, ln);
      return;
    }
    case "Tuple":
    case "List":
      for (const x of t.elts) deleteTarget(c, x, ln);
      return;
    default:
      throw new InternalError(`cannot delete ${t.kind}`, t.span);
  }
}

/** Run the cleanups of unwind entries above `depth` (innermost first), e.g. for `return`. */
function unwindTo(c: Ctx, depth: number, ln: number): void {
  const b = c.b;
  const saved = b.unwind.splice(0);
  const savedHandler = b.handler;
  try {
    for (let i = saved.length - 1; i >= depth; i--) {
      const u = saved[i]!;
      // a cleanup runs with only the entries outside it active
      b.unwind.length = 0;
      b.unwind.push(...saved.slice(0, i));
      if (u.kind === "handler") leaveHandler(c, u, ln);
      // a `for` loop left by a return: its iterator goes before any enclosing `with` exit or
      // `finally` body runs (a generator's own `finally` runs then)
      else if (u.kind === "loop") { if (u.iter !== undefined) b.emit({ kind: "clear", reg: u.iter, line: ln }); }
      else if (u.kind === "finally") {
        b.handler = u.handler;
        const blk = b.newBlock("finally.unwind");
        b.goto(blk);
        b.setBlock(blk);
        u.emit();
      }
    }
  } finally {
    b.unwind.length = 0;
    b.unwind.push(...saved);
    b.handler = savedHandler;
  }
}

/** Restore the handled exception saved in `prev` (consumed): POP_EXCEPT. */
function popHandler(c: Ctx, prev: IR.RegId, ln: number): void {
  c.b.emit({ kind: "call_c", dst: null, fn: "spz_exc_leave_handler", args: [R(prev)], err: "never", line: ln, steals: [0] });
  c.b.emit({ kind: "clear", reg: prev, line: ln });
}

function leaveHandler(c: Ctx, u: Extract<Unwind, { kind: "handler" }>, ln: number): void {
  const b = c.b;
  popHandler(c, u.prev, ln);
  b.emit({ kind: "clear", reg: u.exc, line: ln });
  if (u.name !== null) b.emit({ kind: "clear", reg: u.name, line: ln });
}

function loopDepth(c: Ctx): number {
  for (let i = c.b.unwind.length - 1; i >= 0; i--) if (c.b.unwind[i]!.kind === "loop") return i;
  throw new InternalError("break/continue outside a loop");
}

export function stmt(c: Ctx, s: A.Stmt): void {
  const b = c.b;
  const ln = line(c, s);
  if (b.stmtEntries && !b.terminated) {
    const entry = b.newBlock(`stmt@${ln}`);
    b.goto(entry);
    b.setBlock(entry);
    b.stmtEntries.set(s.id, entry.id);
  }
  switch (s.kind) {
    case "Expr": {
      // a bare docstring-like constant has no effect and no cost
      if (s.value.kind === "Constant") return;
      done(c, expr(c, s.value), ln);
      return;
    }
    case "Pass":
      return;
    case "Assign": {
      if (parallelAssign(c, s, ln)) return;
      const v = expr(c, s.value);
      s.targets.forEach((t, i) => {
        const last = i === s.targets.length - 1;
        storeTarget(c, t, last ? own(c, v, ln) : own(c, { reg: v.reg, temp: false }, ln), ln);
      });
      return;
    }
    case "AnnAssign": {
      // local annotations are never evaluated for locals (CPython doesn't either)
      if (!s.value) return;
      storeTarget(c, s.target, own(c, expr(c, s.value), ln), ln);
      return;
    }
    case "AugAssign":
      return augAssign(c, s, ln);
    case "Delete":
      for (const t of s.targets) deleteTarget(c, t, ln);
      return;
    case "Return": {
      const v: Val = s.value ? expr(c, s.value) : { reg: constNone(c, ln), temp: true };
      const r = own(c, v, ln);
      unwindTo(c, 0, ln);
      b.terminateAndContinueDead({ kind: "return", value: r });
      return;
    }
    case "If": {
      const t = truth(c, s.test);
      const yes = b.newBlock("if.then"), no = b.newBlock("if.else"), end = b.newBlock("if.end");
      b.terminate({ kind: "branch", cond: t, then: yes.id, else: no.id });
      b.setBlock(yes); stmts(c, s.body); b.goto(end);
      b.setBlock(no); stmts(c, s.orelse); b.goto(end);
      b.setBlock(end);
      return;
    }
    case "While": {
      const head = b.newBlock("while.head"), body = b.newBlock("while.body");
      const orelse = b.newBlock("while.else"), end = b.newBlock("while.end");
      b.goto(head);
      b.setBlock(head);
      b.emit({ kind: "poll", line: ln }); // every back edge comes here
      const t = truth(c, s.test);
      b.terminate({ kind: "branch", cond: t, then: body.id, else: orelse.id });
      b.setBlock(body);
      b.unwind.push({ kind: "loop", breakTo: end.id, continueTo: head.id });
      stmts(c, s.body);
      b.unwind.pop();
      b.goto(head);
      b.setBlock(orelse); stmts(c, s.orelse); b.goto(end);
      b.setBlock(end);
      return;
    }
    case "For": {
      const src = iterable(c, s.iter);
      const it = callNull(c, "PyObject_GetIter", [R(src.reg)], ln);
      b.forIters.set(s.id, it);
      done(c, src, ln);
      const head = b.newBlock("for.head"), body = b.newBlock("for.body");
      const orelse = b.newBlock("for.else"), end = b.newBlock("for.end");
      b.forHeads.set(s.id, head.id);
      b.goto(head);
      b.setBlock(head);
      b.emit({ kind: "poll", line: ln }); // every back edge comes here
      const item = b.reg();
      // a plain local loop variable lends its int to the next item (spz/iter.h)
      const t = s.target;
      const reuse = t.kind === "Name" && c.locals.has(t.name) && c.scope?.get(t.name) === undefined ? { reuse: b.local(t.name) } : {};
      b.emit({ kind: "iter_next", dst: item, iter: it, ...reuse, line: ln });
      b.terminate({ kind: "branch_null", reg: item, ifNull: orelse.id, otherwise: body.id });
      b.setBlock(body);
      storeTarget(c, s.target, item, ln);
      b.unwind.push({ kind: "loop", breakTo: end.id, continueTo: head.id, iter: it });
      stmts(c, s.body);
      b.unwind.pop();
      b.goto(head);
      b.setBlock(orelse);
      b.emit({ kind: "clear", reg: it, line: ln });
      stmts(c, s.orelse);
      b.goto(end);
      b.setBlock(end);
      b.emit({ kind: "clear", reg: it, line: ln });
      return;
    }
    case "Break":
    case "Continue": {
      const d = loopDepth(c);
      const loop = b.unwind[d] as Extract<Unwind, { kind: "loop" }>;
      unwindTo(c, d + 1, ln);
      b.terminateAndContinueDead({ kind: "goto", target: s.kind === "Break" ? loop.breakTo : loop.continueTo });
      return;
    }
    case "Raise": {
      const exc = s.exc ? expr(c, s.exc) : null;
      const cause = s.cause ? expr(c, s.cause) : null;
      const op = (v: Val | null): IR.Operand => (v ? R(v.reg) : { k: "c", text: "NULL" });
      b.emit({ kind: "call_c", dst: null, fn: "spz_raise", args: [op(exc), op(cause)], err: "raise", line: ln });
      b.terminateAndContinueDead({ kind: "unreachable" });
      return;
    }
    case "Assert": {
      const t = truth(c, s.test);
      const ok = b.newBlock("assert.ok"), fail = b.newBlock("assert.fail");
      b.terminate({ kind: "branch", cond: t, then: ok.id, else: fail.id });
      b.setBlock(fail);
      const cls: IR.Operand = { k: "c", text: "PyExc_AssertionError" };
      let exc: IR.RegId;
      if (s.msg) {
        const m = expr(c, s.msg);
        exc = callNull(c, "PyObject_CallOneArg", [cls, R(m.reg)], ln);
        done(c, m, ln);
      } else exc = callNull(c, "PyObject_CallNoArgs", [cls], ln);
      b.emit({ kind: "call_c", dst: null, fn: "spz_raise", args: [R(exc), { k: "c", text: "NULL" }], err: "raise", line: ln });
      b.terminate({ kind: "unreachable" });
      b.setBlock(ok);
      return;
    }
    case "Global":
      return;
    case "Try":
      return tryStmt(c, s, ln);
    case "With":
      return withStmt(c, s.items, s.body, ln);
    case "Import": case "ImportFrom":
      return importStmt(c, s, ln);
    default:
      throw new InternalError(`statement ${s.kind} reached irbuild (bind should have kept the function interpreted)`, s.span);
  }
}

function constNone(c: Ctx, ln: number): IR.RegId {
  const r = c.b.reg();
  c.b.emit({ kind: "const", dst: r, index: c.b.consts.add("None"), line: ln });
  return r;
}

function augAssign(c: Ctx, s: A.StmtOf<"AugAssign">, ln: number): void {
  const b = c.b;
  const t = s.target;
  if (t.kind === "Name") {
    const cur = loadName(c, t.name, ln);
    const v = expr(c, s.value);
    const res = binOp(c, s.op, cur, v, true, ln);
    storeTarget(c, t, res, ln);
  } else if (t.kind === "Attribute") {
    const o = expr(c, t.value);
    const cur = getAttr(c, o.reg, t.attr, ln);
    const v = expr(c, s.value);
    const res = binOp(c, s.op, { reg: cur, temp: true }, v, true, ln);
    setAttr(c, o.reg, t.attr, res, ln);
    b.emit({ kind: "clear", reg: res, line: ln }); done(c, o, ln);
  } else if (t.kind === "Subscript") {
    const o = expr(c, t.value), k = expr(c, t.slice);
    const cur = callNull(c, "spz_getitem", [R(o.reg), R(k.reg)], ln);
    const v = expr(c, s.value);
    const res = binOp(c, s.op, { reg: cur, temp: true }, v, true, ln);
    b.emit({ kind: "call_c", dst: null, fn: "spz_setitem", args: [R(o.reg), R(k.reg), R(res)], err: "neg", line: ln });
    b.emit({ kind: "clear", reg: res, line: ln }); done(c, o, ln); done(c, k, ln);
  } else throw new InternalError(`augmented assignment to ${t.kind}`, t.span);
}

/** Take the raised exception and make it the handled one; returns [exc, prev]. */
function enterHandler(c: Ctx, ln: number): [IR.RegId, IR.RegId] {
  const b = c.b;
  const exc = b.reg(), prev = b.reg();
  b.emit({ kind: "call_c", dst: exc, fn: "spz_exc_fetch", args: [], err: "never", line: ln });
  b.emit({ kind: "call_c", dst: prev, fn: "spz_exc_enter_handler", args: [R(exc)], err: "never", line: ln });
  return [exc, prev];
}

/** Re-raise `exc` (consumed) outward from the current block. */
function reraise(c: Ctx, exc: IR.RegId, ln: number): void {
  const b = c.b;
  b.emit({ kind: "call_c", dst: null, fn: "spz_exc_restore", args: [R(exc)], err: "never", line: ln, steals: [0] });
  b.terminate({ kind: "reraise" });
}

/**
 * `import m` / `from m import x` (bind/index.ts): CPython runs the import itself, as a maker
 * function made from its text whose statement sits on the same line of the same file
 * (spz_import_run), returning the bound name; the compiled code stores it. `import a, b` is
 * `import a; import b` in CPython's bytecode too: one maker per name, each name stored in turn.
 */
function importStmt(c: Ctx, s: A.StmtOf<"Import" | "ImportFrom">, ln: number): void {
  for (const al of s.names) {
    const as = al.asname !== null ? ` as ${al.asname}` : "";
    const bound = al.asname ?? (s.kind === "Import" ? al.name.split(".")[0]! : al.name);
    const text = s.kind === "Import" ? `import ${al.name}${as}` : `from ${".".repeat(s.level)}${s.module ?? ""} import ${al.name}${as}`;
    const src = `${"\n".repeat(Math.max(0, ln - 2))}def _spyc_import():\n    ${text}; return ${bound}\n`;
    const v = callNull(c, "spz_import_run", [SELF, { k: "const", index: c.b.consts.add(pyStrLiteral(src)) }], ln);
    storeTarget(c, { kind: "Name", name: bound, ctx: "Store", id: s.id, span: s.span } as A.Expr, v, ln);
  }
}

/**
 * `with A() as a, B() as b: body` is `with A() as a: with B() as b: body` (CPython compiles it
 * so). Per item, as BEFORE_WITH / WITH_EXCEPT_START: evaluate the manager, look up __enter__ then
 * __exit__ on its type (spz_with_lookup), call __enter__; the store of `as` and the body are
 * protected. Every way out but an exception calls exit(None, None, None) (an unwind entry, like
 * a finally body); an exception is made the handled one while exit(type, exc, tb) runs, and is
 * suppressed when that returns something true, else re-raised. All at the `with` line.
 */
function withStmt(c: Ctx, items: readonly A.WithItem[], body: readonly A.Stmt[], ln: number): void {
  const b = c.b;
  if (items.length === 0) { stmts(c, body); return; }
  const item = items[0]!;
  const mgr = expr(c, item.context_expr);
  const enter = callNull(c, "spz_with_lookup", [R(mgr.reg), { k: "const", index: b.consts.str("__enter__") }, { k: "int", value: 0 }], ln);
  const exit = callNull(c, "spz_with_lookup", [R(mgr.reg), { k: "const", index: b.consts.str("__exit__") }, { k: "int", value: 1 }], ln);
  done(c, mgr, ln);
  const val = callNull(c, "PyObject_CallNoArgs", [R(enter)], ln);
  b.emit({ kind: "clear", reg: enter, line: ln });
  const outer = b.handler;
  const end = b.newBlock("with.end", outer);
  const excB = b.newBlock("with.exc", outer);
  const exitNone = (): void => {
    const r = callNull(c, "spz_with_exit_none", [R(exit)], ln);
    b.emit({ kind: "clear", reg: r, line: ln });
    b.emit({ kind: "clear", reg: exit, line: ln });
  };
  b.unwind.push({ kind: "finally", emit: exitNone, handler: outer });
  b.handler = excB.id;
  const bodyB = b.newBlock("with.body", excB.id);
  b.goto(bodyB);
  b.setBlock(bodyB);
  if (item.optional_vars) storeTarget(c, item.optional_vars, val, ln);
  else b.emit({ kind: "clear", reg: val, line: ln });
  withStmt(c, items.slice(1), body, ln);
  b.unwind.pop();
  b.handler = outer;
  if (!b.terminated) {
    const normal = b.newBlock("with.normal", outer);
    b.goto(normal);
    b.setBlock(normal);
    exitNone();
    b.goto(end);
  }
  // the exceptional way out
  b.setBlock(excB);
  const [exc, prev] = enterHandler(c, ln);
  const cleanup = b.newBlock("with.cleanup", outer);
  b.handler = cleanup.id;
  const call = b.newBlock("with.exit");
  b.goto(call);
  b.setBlock(call);
  const res = callNull(c, "spz_with_exit_exc", [R(exit), R(exc)], ln);
  const suppress = b.reg("bool");
  b.emit({ kind: "call_c", dst: suppress, fn: "spz_truth", args: [R(res)], err: "neg", line: ln });
  b.emit({ kind: "clear", reg: res, line: ln });
  b.handler = outer;
  const yes = b.newBlock("with.suppress", outer), no = b.newBlock("with.reraise", outer);
  b.terminate({ kind: "branch", cond: suppress, then: yes.id, else: no.id });
  for (const [blk, keep] of [[yes, false], [no, true]] as const) {
    b.setBlock(blk);
    popHandler(c, prev, ln);
    b.emit({ kind: "clear", reg: exit, line: ln });
    if (keep) reraise(c, exc, ln);
    else { b.emit({ kind: "clear", reg: exc, line: ln }); b.goto(end); }
  }
  // an exception from __exit__ or its truth test: pop the handled exception, propagate the new one
  b.setBlock(cleanup);
  popHandler(c, prev, ln);
  b.emit({ kind: "clear", reg: exc, line: ln });
  b.emit({ kind: "clear", reg: exit, line: ln });
  b.terminate({ kind: "reraise" });
  b.setBlock(end);
}

function tryStmt(c: Ctx, s: A.StmtOf<"Try">, ln: number): void {
  const b = c.b;
  const outer = b.handler;
  const end = b.newBlock("try.end", outer);
  const hasFinally = s.finalbody.length > 0;

  // --- the finally clause wraps everything below it
  let finExc: IR.Block | null = null;
  if (hasFinally) {
    finExc = b.newBlock("finally.exc", outer);
    b.unwind.push({ kind: "finally", emit: () => stmts(c, s.finalbody), handler: outer });
    b.handler = finExc.id;
  }
  const inner = b.handler; // handler for except clauses and else (inside the finally)

  // --- try body
  const dispatch = s.handlers.length ? b.newBlock("except.dispatch", inner) : null;
  const body = b.newBlock("try.body", dispatch ? dispatch.id : inner);
  b.goto(body);
  b.setBlock(body);
  b.handler = dispatch ? dispatch.id : inner;
  stmts(c, s.body);
  b.handler = inner;
  const orelse = b.newBlock("try.else", inner);
  b.goto(orelse);
  const afterExcept = b.newBlock("try.after", inner);

  // --- except clauses
  if (dispatch) {
    b.setBlock(dispatch);
    const [exc, prev] = enterHandler(c, ln);
    const cleanup = b.newBlock("except.cleanup", inner);
    b.handler = cleanup.id;
    const matchBlock = b.newBlock("except.match");
    b.goto(matchBlock);
    b.setBlock(matchBlock);
    const nameRegs: IR.RegId[] = [];
    for (const h of s.handlers) {
      const hln = line(c, h);
      const bodyB = b.newBlock("except.body");
      const next = b.newBlock("except.next");
      if (h.type) {
        const ty = expr(c, h.type);
        const m = b.reg("bool");
        b.emit({ kind: "call_c", dst: m, fn: "spz_exc_matches", args: [R(exc), R(ty.reg)], err: "neg", line: hln });
        done(c, ty, hln);
        b.terminate({ kind: "branch", cond: m, then: bodyB.id, else: next.id });
      } else b.goto(bodyB);
      b.setBlock(bodyB);
      let nameReg: IR.RegId | null = null;
      if (h.name) {
        const v = b.reg();
        b.emit({ kind: "copy", dst: v, src: exc, line: hln });
        storeTarget(c, { kind: "Name", name: h.name, ctx: "Store", id: h.id, span: h.span } as A.Expr, v, hln);
        nameReg = c.locals.has(h.name) ? b.local(h.name) : null;
        if (nameReg !== null) nameRegs.push(nameReg);
      }
      b.unwind.push({ kind: "handler", prev, exc, name: nameReg });
      stmts(c, h.body);
      b.unwind.pop();
      // normal end of the handler: CPython deletes the `as` name and pops the exception
      leaveHandler(c, { kind: "handler", prev, exc, name: nameReg }, hln);
      if (h.name && nameReg === null) {
        b.emit({ kind: "call_c", dst: null, fn: "spz_del_global", args: [SELF, { k: "const", index: b.consts.str(h.name) }], err: "neg", line: hln });
      }
      b.goto(afterExcept);
      b.setBlock(next);
    }
    // no clause matched: restore the previous handled exception and propagate
    b.handler = inner;
    const nomatch = b.newBlock("except.nomatch", inner);
    b.goto(nomatch);
    b.setBlock(nomatch);
    popHandler(c, prev, ln);
    reraise(c, exc, ln);
    // an exception inside a handler body: pop the handled exception, then propagate
    b.setBlock(cleanup);
    popHandler(c, prev, ln);
    b.emit({ kind: "clear", reg: exc, line: ln });
    for (const r of nameRegs) b.emit({ kind: "clear", reg: r, line: ln });
    b.terminate({ kind: "reraise" });
  }

  // --- else clause (runs only when the body did not raise; not protected by the excepts)
  b.setBlock(orelse);
  stmts(c, s.orelse);
  b.goto(afterExcept);

  // --- normal exit: finally body once more, then continue
  b.setBlock(afterExcept);
  if (hasFinally) {
    b.unwind.pop();
    b.handler = outer;
    const normal = b.newBlock("finally.normal", outer);
    b.goto(normal);
    b.setBlock(normal);
    stmts(c, s.finalbody);
    b.goto(end);
    // exceptional exit: the exception is "being handled" while finally runs
    b.setBlock(finExc!);
    const [exc, prev] = enterHandler(c, ln);
    const cleanup = b.newBlock("finally.cleanup", outer);
    b.handler = cleanup.id;
    const fb = b.newBlock("finally.body");
    b.goto(fb);
    b.setBlock(fb);
    b.unwind.push({ kind: "handler", prev, exc, name: null });
    stmts(c, s.finalbody);
    b.unwind.pop();
    b.handler = outer;
    const out = b.newBlock("finally.reraise", outer);
    b.goto(out);
    b.setBlock(out);
    popHandler(c, prev, ln);
    reraise(c, exc, ln);
    b.setBlock(cleanup);
    popHandler(c, prev, ln);
    b.emit({ kind: "clear", reg: exc, line: ln });
    b.terminate({ kind: "reraise" });
  } else {
    b.goto(end);
  }
  b.handler = outer;
  b.setBlock(end);
}
