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
import type { FnBuilder } from "./builder.ts";
import type { LineMap } from "../syntax/source.ts";
import type { BoundFunc } from "../bind/index.ts";
import { appendCall, divmodAssign, exprRep, intConst, type SpecFacts, type SpecRep } from "../facts/types.ts";

/** A directly callable function as the caller sees it. */
export interface DirectCallee { readonly index: number; readonly params: readonly SpecRep[]; readonly ret: SpecRep }
import { InternalError } from "../diag/types.ts";

interface Loop { readonly breakTo: IR.BlockId; readonly continueTo: IR.BlockId }
/** A list or tuple parameter: its (generic, owned) obj register, element representation, kind. */
interface Seq { readonly reg: IR.RegId; readonly elem: SpecRep; readonly kind: "list" | "tuple" }
/** C names by sequence kind: PyList_GET_SIZE / spz_list_get_i64 … */
const SIZE: Record<Seq["kind"], string> = { list: "PyList_GET_SIZE", tuple: "PyTuple_GET_SIZE" };

/** An enclosing `for` whose generic iterator a deopt must rebuild. */
type IterLoop =
  | { readonly kind: "range"; readonly forId: number; readonly cur: IR.RegId; readonly rem: IR.RegId; readonly step: IR.RegId }
  /** over a list parameter: `idx` is the index of the next item */
  | { readonly kind: "list"; readonly forId: number; readonly list: IR.RegId; readonly idx: IR.RegId };

interface SCtx {
  readonly b: FnBuilder;
  readonly lines: LineMap;
  readonly f: BoundFunc;
  readonly facts: SpecFacts;
  readonly entries: ReadonlyMap<number, IR.BlockId>;
  /** generic code right after each direct-call statement */
  readonly after: ReadonlyMap<number, IR.BlockId>;
  readonly callees: ReadonlyMap<string, DirectCallee>;
  /** returns of facts.ret values leave unboxed (the function has a direct entry) */
  readonly direct: boolean;
  /** representation of every typed local (computed once) */
  readonly reps: ReadonlyMap<string, SpecRep>;
  readonly typed: Map<string, { reg: IR.RegId; flag: IR.RegId | null }>;
  readonly loops: Loop[];
  readonly ranges: IterLoop[];
  /** list parameters: their (generic, owned) obj register and element representation */
  readonly lists: ReadonlyMap<string, Seq>;
  /** the statement whose generic twin failing guards continue at */
  stmt: A.Stmt | null;
  deoptCache: Map<number, IR.BlockId>;
}

const C_BIN_I64: Partial<Record<A.BinOpName, string>> = {
  Add: "spz_i64_add_ovf", Sub: "spz_i64_sub_ovf", Mult: "spz_i64_mul_ovf",
  FloorDiv: "spz_i64_floordiv_ovf", Mod: "spz_i64_mod_ovf", LShift: "spz_i64_lshift_ovf", RShift: "spz_i64_rshift_ovf",
};
const C_CMP: Record<string, string> = { Eq: "==", NotEq: "!=", Lt: "<", LtE: "<=", Gt: ">", GtE: ">=" };

/**
 * Build the specialized body; returns its entry block (the generic entry is the fallback) and,
 * for a function with a return contract of one representation, its direct (unboxed) entry.
 */
export function buildSpecialized(
  b: FnBuilder, lines: LineMap, f: BoundFunc, facts: SpecFacts, entries: ReadonlyMap<number, IR.BlockId>,
  params: readonly IR.ParamIR[], genericEntry: IR.BlockId, callees: ReadonlyMap<string, DirectCallee>,
): { entry: IR.BlockId; direct: IR.DirectEntry | null } {
  const savedHandler = b.handler;
  b.handler = null;
  const entry = b.newBlock("spec.entry");
  b.setBlock(entry);
  const paramReps = new Map<string, SpecRep>();
  params.forEach((p, i) => { const r = facts.params[i]!; if (r !== "list") paramReps.set(p.name, r); });
  const hasLists = facts.params.includes("list");
  const c: SCtx = {
    b, lines, f, facts, entries, after: b.stmtAfter, callees, direct: facts.ret !== null && !hasLists,
    reps: new Map([...facts.locals, ...paramReps]),
    lists: new Map(params.filter((p) => facts.lists.has(p.name)).map((p) =>
      [p.name, { reg: p.reg, elem: facts.lists.get(p.name)!, kind: facts.tuples.has(p.name) ? "tuple" : "list" }])),
    typed: new Map(), loops: [], ranges: [], stmt: null, deoptCache: new Map(),
  };
  // parameters: unbox under guards; failing means the whole call runs generic code
  const ln0 = lines.line(f.def.headerSpan.start);
  const unboxed: IR.RegId[] = [];
  params.forEach((p, i) => {
    const rep = facts.params[i]!;
    if (rep === "list") {
      // the contract checked `type(v) is list` (tuple); elements are guarded one by one when read
      const check = facts.tuples.has(p.name) ? "PyTuple_CheckExact($0)" : "PyList_CheckExact($0)";
      b.emit({ kind: "guard", text: check, args: [p.reg], onFail: genericEntry, line: ln0 });
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
  body(c, f.def.body);
  if (!b.terminated) {
    // falling off the end returns None: let the generic twin do it (it has no side effects)
    b.terminate({ kind: "goto", target: genericEnd(c) });
  }
  b.handler = savedHandler;
  const direct = c.direct && facts.ret !== null ? { params: unboxed, ret: facts.ret, entry: bodyStart.id } : null;
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
    c.stmt = saved;
    c.deoptCache = savedCache;
  }
}

/** The deopt block of the current statement (one per statement and loop nesting). */
function deopt(c: SCtx): IR.BlockId {
  const s = c.stmt;
  if (!s) throw new InternalError("guard outside a statement");
  const hit = c.deoptCache.get(s.id);
  if (hit !== undefined) return hit;
  const target = c.entries.get(s.id);
  if (target === undefined) throw new InternalError(`no generic entry for statement at line ${c.lines.line(s.span.start)}`);
  const blk = deoptBlock(c, `deopt@${c.lines.line(s.span.start)}`, target, c.lines.line(s.span.start), () => {});
  c.deoptCache.set(s.id, blk);
  return blk;
}

/**
 * A deopt block: box every assigned typed local into its generic register, rebuild the iterators
 * of the enclosing range loops, run `last` (the boxed call result of a deopt-after), jump.
 */
function deoptBlock(c: SCtx, label: string, target: IR.BlockId, ln: number, last: () => void): IR.BlockId {
  const b = c.b;
  const cur = b.current;
  const blk = b.newBlock(label, null);
  b.setBlock(blk);
  for (const [name, t] of c.typed) {
    b.emit({ kind: "box", dst: b.local(name), src: t.reg, ifSet: t.flag, line: ln });
  }
  for (const r of c.ranges) resumeIter(c, r, ln);
  last();
  b.terminate({ kind: "goto", target });
  b.setBlock(cur);
  return blk.id;
}

/** Rebuild the generic iterator of an enclosing loop at the specialized loop's position. */
function resumeIter(c: SCtx, r: IterLoop, ln: number): void {
  const b = c.b;
  const it = b.forIters.get(r.forId);
  if (it === undefined) throw new InternalError("for loop without a generic iterator");
  if (r.kind === "range") b.emit({ kind: "range_resume", dst: it, cur: r.cur, remaining: r.rem, step: r.step, line: ln });
  else b.emit({ kind: "call_c", dst: it, fn: "spz_list_iter_at", args: [{ k: "reg", reg: r.list }, { k: "reg", reg: r.idx }], err: "null", line: ln });
}

/** `.tN = f(args)`: call f's unboxed entry; see the file comment for the three outcomes. */
function callDirect(c: SCtx, s: A.StmtOf<"Assign">, ln: number): void {
  const b = c.b;
  const target = (s.targets[0] as A.ExprOf<"Name">).name;
  const call = s.value as A.ExprOf<"Call">;
  const fname = (call.func as A.ExprOf<"Name">).name;
  const k = c.callees.get(fname);
  const after = c.after.get(s.id);
  if (!k || after === undefined) throw new InternalError(`no direct entry for the call of ${fname}`, s.span);
  const args = call.args.map((a, i) => (k.params[i] === "f64" ? asF64(c, expr(c, a), ln) : expr(c, a)));
  const dst = b.reg(k.ret), boxed = b.reg();
  const onFail = deopt(c);
  const onBoxed = deoptBlock(c, `deopt_after@${ln}`, after, ln, () => {
    b.emit({ kind: "move", dst: b.local(target), src: boxed, line: ln });
  });
  b.emit({ kind: "call_direct", dst, boxed, func: k.index, name: b.consts.str(fname), args, onFail, onBoxed, line: ln });
  assign(c, target, dst, ln);
}

function line(c: SCtx, n: { span: A.Span }): number { return c.lines.line(n.span.start); }

function assign(c: SCtx, name: string, v: IR.RegId, ln: number): void {
  const t = c.typed.get(name)!;
  // an accumulator widens what is assigned to it
  const widen = c.b.regs[t.reg]!.rep === "i128" && c.b.regs[v]!.rep !== "i128";
  c.b.emit({ kind: "cexpr", dst: t.reg, text: widen ? "(__int128)$0" : "$0", args: [v], line: ln });
  if (t.flag !== null) c.b.emit({ kind: "imm", dst: t.flag, value: "1", line: ln });
}

function stmt(c: SCtx, s: A.Stmt): void {
  const b = c.b;
  const ln = line(c, s);
  switch (s.kind) {
    case "Assign":
      if (c.facts.callStmts.has(s.id)) return callDirect(c, s, ln);
      if (s.targets[0]!.kind === "Name" && c.facts.listLocals.has(s.targets[0]!.name)) {
        // xs = []: the list lives in the local's generic register (no boxing on deopt)
        b.emit({ kind: "call_c", dst: b.local(s.targets[0]!.name), fn: "PyList_New", args: [{ k: "int", value: 0 }], err: "null", line: ln });
        return;
      }
      if (s.targets[0]!.kind === "Subscript") return listStore(c, s.targets[0] as A.ExprOf<"Subscript">, s.value, ln);
      if (divmodAssign(s)) { const dm = divmodAssign(s)!; return divmodStmt(c, dm.q, dm.r, dm.call, ln); }
      assign(c, (s.targets[0] as A.ExprOf<"Name">).name, expr(c, s.value), ln);
      return;
    case "AnnAssign": if (s.value) assign(c, (s.target as A.ExprOf<"Name">).name, expr(c, s.value), ln); return;
    case "AugAssign": {
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
      if (c.direct && b.regs[v]!.rep === c.facts.ret) {
        b.terminateAndContinueDead({ kind: "return", value: v });
        return;
      }
      const o = b.reg();
      b.emit({ kind: "box", dst: o, src: v, ifSet: null, line: ln });
      b.terminateAndContinueDead({ kind: "return", value: o });
      return;
    }
    case "Expr": {
      const ap = appendCall(s.value, c.facts.listLocals);
      if (ap) {
        const xs = boundList(c, ap.list, ln);
        const v = expr(c, ap.value);
        b.emit({ kind: "call_c", dst: null, fn: `spz_list_append_${b.regs[v]!.rep}`, args: [{ k: "reg", reg: xs }, { k: "reg", reg: v }], err: "neg", line: ln });
      }
      return;
    }
    case "Pass": return;
    case "If": {
      const t = cond(c, s.test);
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
      const t = cond(c, s.test);
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
    case "For": return s.iter.kind === "Name" ? listFor(c, s, ln) : rangeFor(c, s, ln);
    case "Break": case "Continue": {
      const l = c.loops[c.loops.length - 1]!;
      b.terminateAndContinueDead({ kind: "goto", target: s.kind === "Break" ? l.breakTo : l.continueTo });
      return;
    }
    default:
      throw new InternalError(`specializer: statement ${s.kind} passed the facts check`, s.span);
  }
}

/** for i in range(a[, b[, step]]): iterate by count, like CPython's range iterator. */
function rangeFor(c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, ln: number): void {
  const b = c.b;
  const call = s.iter as A.ExprOf<"Call">;
  b.emit({ kind: "guard_builtin", name: b.consts.str("range"), which: "range", onFail: deopt(c), line: ln });
  const args = call.args.map((a) => expr(c, a));
  const zero = imm(c, "i64", "0", ln), one = imm(c, "i64", "1", ln);
  const [start, stop, step] = args.length === 1 ? [zero, args[0]!, one] : args.length === 2 ? [args[0]!, args[1]!, one] : [args[0]!, args[1]!, args[2]!];
  if (args.length === 3) b.emit({ kind: "guard", text: "$0 != 0", args: [step], onFail: deopt(c), line: ln });
  const cur = b.reg("i64"), rem = b.reg("i64");
  b.emit({ kind: "cexpr", dst: cur, text: "$0", args: [start], line: ln });
  b.emit({ kind: "cexpr", dst: rem, text: "spz_i64_range_len($0, $1, $2)", args: [start, stop, step], line: ln });
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
 * for x in xs (a list parameter): by index, re-reading the length every step exactly as
 * CPython's list iterator does (the body may grow or shrink the list). An item of another type
 * deopts to the generic loop head with the iterator positioned at that item.
 */
function listFor(c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, ln: number): void {
  const b = c.b;
  const xs = c.lists.get((s.iter as A.ExprOf<"Name">).name)!;
  const genericHead = b.forHeads.get(s.id);
  if (genericHead === undefined) throw new InternalError("list loop without a generic head", s.span);
  const idx = b.reg("i64");
  b.emit({ kind: "imm", dst: idx, value: "0", line: ln });
  const head = b.newBlock("spec.listfor", null), fetch = b.newBlock("spec.listitem", null);
  const orelse = b.newBlock("spec.forelse", null), end = b.newBlock("spec.endfor", null);
  b.goto(head); b.setBlock(head);
  b.emit({ kind: "poll", line: ln }); // back edges come here; an exception leaves the function
  const more = cx(c, "bool", `$0 < ${SIZE[xs.kind]}($1)`, [idx, xs.reg], ln);
  b.terminate({ kind: "branch", cond: more, then: fetch.id, else: orelse.id });
  b.setBlock(fetch);
  const item = b.reg(xs.elem);
  const atHead = deoptBlock(c, `deopt_listitem@${ln}`, genericHead, ln, () => resumeIter(c, { kind: "list", forId: s.id, list: xs.reg, idx }, ln));
  b.emit({ kind: "guarded", dst: item, fn: `spz_${xs.kind}_get_${xs.elem}`, args: [{ k: "reg", reg: xs.reg }, { k: "reg", reg: idx }], onFail: atHead, line: ln });
  b.emit({ kind: "cexpr", dst: idx, text: "$0 + 1", args: [idx], line: ln });
  assign(c, (s.target as A.ExprOf<"Name">).name, item, ln);
  c.loops.push({ breakTo: end.id, continueTo: head.id });
  c.ranges.push({ kind: "list", forId: s.id, list: xs.reg, idx });
  body(c, s.body);
  c.ranges.pop();
  c.loops.pop();
  b.goto(head);
  b.setBlock(orelse); body(c, s.orelse); b.goto(end);
  b.setBlock(end);
}

/** xs[i] = v: bounds guarded (IndexError is the generic code's to raise), v stored boxed. */
function listStore(c: SCtx, t: A.ExprOf<"Subscript">, value: A.Expr, ln: number): void {
  const b = c.b;
  const xs = c.lists.get((t.value as A.ExprOf<"Name">).name)!;
  const v = expr(c, value);
  const i = listIndex(c, xs.reg, expr(c, t.slice), ln);
  b.emit({ kind: "call_c", dst: null, fn: `spz_list_store_${b.regs[v]!.rep}`, args: [{ k: "reg", reg: xs.reg }, { k: "reg", reg: i }, { k: "reg", reg: v }], err: "neg", line: ln });
}

/** The register of a new-list local, guarded bound (else the generic code raises UnboundLocalError). */
function boundList(c: SCtx, name: string, ln: number): IR.RegId {
  const r = c.b.local(name);
  c.b.emit({ kind: "guard", text: "$0 != NULL", args: [r], onFail: deopt(c), line: ln });
  return r;
}

/** A list index made non-negative and checked against the current length (else deopt). */
function listIndex(c: SCtx, list: IR.RegId, i: IR.RegId, ln: number): IR.RegId {
  const n = cx(c, "i64", "$0 < 0 ? $0 + (int64_t)PyList_GET_SIZE($1) : $0", [i, list], ln);
  c.b.emit({ kind: "guard", text: "(uint64_t)$0 < (uint64_t)PyList_GET_SIZE($1)", args: [n, list], onFail: deopt(c), line: ln });
  return n;
}

function imm(c: SCtx, rep: SpecRep, value: string, ln: number): IR.RegId {
  const r = c.b.reg(rep);
  c.b.emit({ kind: "imm", dst: r, value, line: ln });
  return r;
}

function cx(c: SCtx, rep: IR.Rep, text: string, args: IR.RegId[], ln: number): IR.RegId {
  const r = c.b.reg(rep);
  c.b.emit({ kind: "cexpr", dst: r, text, args, line: ln });
  return r;
}

const repOf = (c: SCtx, e: A.Expr): SpecRep => exprRep(e, c.reps, c.f, c.facts.callees, c.facts.lists, c.facts.tuples, c.facts.listLocals);

/** A condition as a bool register (ints and floats test != 0, as Python's truth does). */
function cond(c: SCtx, e: A.Expr): IR.RegId {
  const v = expr(c, e);
  const rep = c.b.regs[v]!.rep;
  return rep === "bool" ? v : cx(c, "bool", rep === "f64" ? "$0 != 0.0" : "$0 != 0", [v], line(c, e));
}

/** A float operand: ints convert exactly as PyLong_AsDouble would (int64 -> double rounds to nearest). */
function asF64(c: SCtx, r: IR.RegId, ln: number): IR.RegId {
  return c.b.regs[r]!.rep === "f64" ? r : cx(c, "f64", "(double)$0", [r], ln);
}

function expr(c: SCtx, e: A.Expr): IR.RegId {
  const b = c.b;
  const ln = line(c, e);
  switch (e.kind) {
    case "Constant":
      if (e.value.t === "bool") return imm(c, "bool", e.value.value ? "1" : "0", ln);
      if (e.value.t === "float") return imm(c, "f64", cDouble(Number(e.value.py.replace(/_/g, ""))), ln);
      return imm(c, "i64", `INT64_C(${intConst(e.value)!.toString()})`, ln);
    case "Name": {
      const t = c.typed.get(e.name)!;
      if (t.flag !== null) b.emit({ kind: "guard", text: "$0", args: [t.flag], onFail: deopt(c), line: ln });
      return t.reg;
    }
    case "BinOp": {
      const rep = repOf(c, e);
      const l = expr(c, e.left);
      if (e.op === "Pow") {
        // int ** small constant: repeated overflow-checked multiplication
        const n = Number(intConst((e.right as A.ExprOf<"Constant">).value)!);
        let acc = imm(c, "i64", "1", ln);
        for (let i = 0; i < n; i++) {
          const d = b.reg("i64");
          b.emit({ kind: "guarded", dst: d, fn: "spz_i64_mul_ovf", args: [{ k: "reg", reg: acc }, { k: "reg", reg: l }], onFail: deopt(c), line: ln });
          acc = d;
        }
        return acc;
      }
      const r = expr(c, e.right);
      if (rep === "i64") {
        // x // 2**k and x % 2**k with Python's floor semantics are a shift and a mask: no guard
        const k = e.right.kind === "Constant" ? intConst(e.right.value) : null;
        if (k !== null && k > 0n && (k & (k - 1n)) === 0n && (e.op === "FloorDiv" || e.op === "Mod")) {
          const bits = k.toString(2).length - 1;
          return e.op === "FloorDiv" ? cx(c, "i64", `$0 >> ${bits}`, [l], ln) : cx(c, "i64", `$0 & INT64_C(${(k - 1n).toString()})`, [l], ln);
        }
        const fn = C_BIN_I64[e.op];
        if (fn) {
          const d = b.reg("i64");
          b.emit({ kind: "guarded", dst: d, fn, args: [{ k: "reg", reg: l }, { k: "reg", reg: r }], onFail: deopt(c), line: ln });
          return d;
        }
        const op = e.op === "BitAnd" ? "&" : e.op === "BitOr" ? "|" : "^";
        return cx(c, "i64", `$0 ${op} $1`, [l, r], ln);
      }
      // float result
      if (b.regs[l]!.rep === "i64" && b.regs[r]!.rep === "i64") {
        // int / int: exact when both fit in a double's mantissa (CPython's own fast path)
        b.emit({ kind: "guard", text: "spz_i64_fits_double($0) && spz_i64_fits_double($1) && $1 != 0", args: [l, r], onFail: deopt(c), line: ln });
        return cx(c, "f64", "(double)$0 / (double)$1", [l, r], ln);
      }
      const fl = asF64(c, l, ln), fr = asF64(c, r, ln);
      switch (e.op) {
        case "Add": return cx(c, "f64", "$0 + $1", [fl, fr], ln);
        case "Sub": return cx(c, "f64", "$0 - $1", [fl, fr], ln);
        case "Mult": return cx(c, "f64", "$0 * $1", [fl, fr], ln);
        default: {
          const fn = e.op === "Div" ? "spz_f64_div" : e.op === "FloorDiv" ? "spz_f64_floordiv" : "spz_f64_mod";
          const d = b.reg("f64");
          b.emit({ kind: "guarded", dst: d, fn, args: [{ k: "reg", reg: fl }, { k: "reg", reg: fr }], onFail: deopt(c), line: ln });
          return d;
        }
      }
    }
    case "UnaryOp": {
      const v = expr(c, e.operand);
      const rep = b.regs[v]!.rep;
      if (e.op === "Not") return cx(c, "bool", rep === "f64" ? "$0 == 0.0" : rep === "bool" ? "!$0" : "$0 == 0", [v], ln);
      if (e.op === "UAdd") return v;
      if (e.op === "Invert") return cx(c, "i64", "~$0", [v], ln);
      if (rep === "f64") return cx(c, "f64", "-$0", [v], ln);
      const d = b.reg("i64");
      b.emit({ kind: "guarded", dst: d, fn: "spz_i64_neg_ovf", args: [{ k: "reg", reg: v }], onFail: deopt(c), line: ln });
      return d;
    }
    case "Compare": {
      // chains evaluate every operand (they are pure here), then AND the comparisons
      const vals = [expr(c, e.left), ...e.comparators.map((x) => expr(c, x))];
      let acc: IR.RegId | null = null;
      e.ops.forEach((op, i) => {
        let a = vals[i]!, z = vals[i + 1]!;
        const ra = b.regs[a]!.rep, rz = b.regs[z]!.rep;
        if (ra !== rz) {
          // int vs float compares exactly in CPython; a double holds the int exactly up to 2**53
          const iv = ra === "i64" ? a : z;
          b.emit({ kind: "guard", text: "spz_i64_fits_double($0)", args: [iv], onFail: deopt(c), line: ln });
          a = asF64(c, a, ln); z = asF64(c, z, ln);
        }
        const t = cx(c, "bool", `$0 ${C_CMP[op]} $1`, [a, z], ln);
        acc = acc === null ? t : cx(c, "bool", "$0 && $1", [acc, t], ln);
      });
      return acc!;
    }
    case "BoolOp": {
      const vs = e.values.map((v) => cond(c, v));
      return vs.slice(1).reduce((acc, v) => cx(c, "bool", e.op === "And" ? "$0 && $1" : "$0 || $1", [acc, v], ln), vs[0]!);
    }
    case "IfExp": {
      const t = cond(c, e.test);
      const a = expr(c, e.body), z = expr(c, e.orelse);
      return cx(c, b.regs[a]!.rep, "$0 ? $1 : $2", [t, a, z], ln);
    }
    case "Subscript": {
      const xs = c.lists.get((e.value as A.ExprOf<"Name">).name)!;
      const i = expr(c, e.slice);
      const d = b.reg(xs.elem);
      b.emit({ kind: "guarded", dst: d, fn: `spz_${xs.kind}_get_${xs.elem}`, args: [{ k: "reg", reg: xs.reg }, { k: "reg", reg: i }], onFail: deopt(c), line: ln });
      return d;
    }
    case "Call": {
      if (e.func.kind === "Attribute") return mathCall(c, e.func.attr, e.args[0]!, ln);
      const name = (e.func as A.ExprOf<"Name">).name;
      b.emit({ kind: "guard_builtin", name: b.consts.str(name), which: name, onFail: deopt(c), line: ln });
      if (name === "len") {
        const lname = (e.args[0] as A.ExprOf<"Name">).name;
        if (c.facts.listLocals.has(lname)) return cx(c, "i64", "(int64_t)PyList_GET_SIZE($0)", [boundList(c, lname, ln)], ln);
        const xs = c.lists.get(lname)!;
        return cx(c, "i64", `(int64_t)${SIZE[xs.kind]}($0)`, [xs.reg], ln);
      }
      const args = e.args.map((x) => expr(c, x));
      const rep = b.regs[args[0]!]!.rep;
      switch (name) {
        case "float": return asF64(c, args[0]!, ln);
        case "int": case "round": {
          if (rep === "i64") return args[0]!;
          if (rep === "bool") return cx(c, "i64", "(int64_t)$0", args, ln);
          // int() truncates, round() rounds half to even; inf/nan/out of range: generic raises or grows
          const d = b.reg("i64");
          const fn = name === "int" ? "spz_f64_trunc_i64" : "spz_f64_round_i64";
          b.emit({ kind: "guarded", dst: d, fn, args: [{ k: "reg", reg: args[0]! }], onFail: deopt(c), line: ln });
          return d;
        }
        case "abs": {
          if (rep === "f64") return cx(c, "f64", "fabs($0)", args, ln);
          const d = b.reg("i64");
          b.emit({ kind: "guarded", dst: d, fn: "spz_i64_abs_ovf", args: [{ k: "reg", reg: args[0]! }], onFail: deopt(c), line: ln });
          return d;
        }
        // min/max keep the first of equal items, and NaN handling, exactly as CPython's loop does
        case "min": return cx(c, rep, "$1 < $0 ? $1 : $0", args, ln);
        case "max": return cx(c, rep, "$1 > $0 ? $1 : $0", args, ln);
      }
      throw new InternalError(`specializer: call of ${name}`, e.span);
    }
    default:
      throw new InternalError(`specializer: ${e.kind} passed the facts check`, e.span);
  }
}

/**
 * math.f(x) under a guard that the global `math` is the math module and `math.f` its own
 * function; every domain/range case CPython reports as an error deopts (generic code raises).
 */
function mathCall(c: SCtx, fn: string, arg: A.Expr, ln: number): IR.RegId {
  const b = c.b;
  b.emit({ kind: "guard_builtin", name: b.consts.str("math"), which: `math.${fn}`, onFail: deopt(c), line: ln });
  const v = expr(c, arg);
  if (b.regs[v]!.rep === "i64" && (fn === "floor" || fn === "ceil")) return v;
  const x = asF64(c, v, ln);
  const guard = (text: string, args: IR.RegId[]): void => { b.emit({ kind: "guard", text, args, onFail: deopt(c), line: ln }); };
  switch (fn) {
    case "sqrt": guard("!($0 < 0.0)", [x]); return cx(c, "f64", "sqrt($0)", [x], ln);
    case "fabs": return cx(c, "f64", "fabs($0)", [x], ln);
    case "sin": case "cos": guard("isfinite($0)", [x]); return cx(c, "f64", `${fn}($0)`, [x], ln);
    case "log": guard("$0 > 0.0 && isfinite($0)", [x]); return cx(c, "f64", "log($0)", [x], ln);
    case "exp": {
      const d = cx(c, "f64", "exp($0)", [x], ln);
      guard("isfinite($0) && isfinite($1)", [x, d]);
      return d;
    }
    case "floor": case "ceil": {
      const d = b.reg("i64");
      b.emit({ kind: "guarded", dst: d, fn: `spz_f64_${fn}_i64`, args: [{ k: "reg", reg: x }], onFail: deopt(c), line: ln });
      return d;
    }
  }
  throw new InternalError(`specializer: math.${fn}`);
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

/** An exact C literal for a double (hex float; specials spelled out). */
export function cDouble(x: number): string {
  if (Number.isNaN(x)) return "NAN";
  if (x === Infinity) return "INFINITY";
  if (x === -Infinity) return "(-INFINITY)";
  if (Object.is(x, -0)) return "(-0.0)";
  if (x === 0) return "0.0";
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const sign = bits >> 63n ? "-" : "";
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) return `${sign}0x0.${mant.toString(16).padStart(13, "0")}p-1022`;
  return `${sign}0x1.${mant.toString(16).padStart(13, "0")}p${exp - 1023}`;
}
