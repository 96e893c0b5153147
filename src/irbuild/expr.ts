/**
 * Expression lowering for generic (PyObject*) code: ast.Expr -> ops that leave the value in
 * an obj register. Every result is a `Val`: either a temporary that owns its reference (the
 * consumer must `done()` it) or a borrowed local register (no extra incref; safe because no
 * expression we compile can rebind a local while another operand is being evaluated — walrus
 * and closures keep a function interpreted; a lambda's body is its own code object).
 * Semantics mirror CPython's bytecode: evaluation order left to right, `and`/`or` return an
 * operand, chained comparisons evaluate each middle operand once.
 */
import { foldedNumber } from "./fold.ts";
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import type { FnBuilder } from "./builder.ts";
import type { LineMap } from "../syntax/source.ts";
import { InternalError } from "../diag/types.ts";
import { foldedPy, setFold } from "../bind/fold.ts";
import { comprehension, compReadLocal, genexpCall, generatorValue } from "./comprehension.ts";
import { constIndex, fastMethod } from "../facts/stdcoll.ts";

export interface Val { readonly reg: IR.RegId; readonly temp: boolean }

export interface Ctx {
  readonly b: FnBuilder;
  readonly lines: LineMap;
  /** locals of the function being compiled (everything else is global) */
  readonly locals: ReadonlySet<string>;
  /** the first positional parameter (zero-argument super() reads it), if any */
  readonly firstArg?: string;
  /** names bound by the enclosing comprehensions -> their registers (irbuild/comprehension.ts) */
  readonly scope?: ReadonlyMap<string, IR.RegId>;
  /** lambda (by span start) -> its index among the lambdas of its line (bind/lambda.ts) */
  readonly lambdas?: ReadonlyMap<number, number>;
  /** inside a comprehension (its innermost kind): an unbound function local reads as a free variable */
  readonly compKind?: "genexp" | "comp";
  /** a @checked function: deque/heapq operations try their C fast paths (facts/stdcoll.ts) */
  readonly stdFast?: boolean;
  /** the module's own scope has no symbol `super`: CPython 3.12+ compiles `super().name` to LOAD_SUPER_ATTR */
  readonly superAttr?: boolean;
}

export const BINOP_C: Record<A.BinOpName, string> = {
  Add: "spz_num_add", Sub: "spz_num_sub", Mult: "spz_num_mul",
  MatMult: "PyNumber_MatrixMultiply", Div: "PyNumber_TrueDivide", Mod: "spz_num_mod",
  Pow: "PyNumber_Power", LShift: "PyNumber_Lshift", RShift: "PyNumber_Rshift",
  BitOr: "PyNumber_Or", BitXor: "PyNumber_Xor", BitAnd: "PyNumber_And", FloorDiv: "spz_num_floordiv",
};
export const INPLACE_C: Record<A.BinOpName, string> = {
  Add: "spz_num_iadd", Sub: "spz_num_isub", Mult: "spz_num_imul",
  MatMult: "PyNumber_InPlaceMatrixMultiply", Div: "PyNumber_InPlaceTrueDivide", Mod: "spz_num_imod",
  Pow: "PyNumber_InPlacePower", LShift: "PyNumber_InPlaceLshift", RShift: "PyNumber_InPlaceRshift",
  BitOr: "PyNumber_InPlaceOr", BitXor: "PyNumber_InPlaceXor", BitAnd: "PyNumber_InPlaceAnd",
  FloorDiv: "spz_num_ifloordiv",
};
const RICH: Partial<Record<A.CmpOpName, string>> = {
  Eq: "Py_EQ", NotEq: "Py_NE", Lt: "Py_LT", LtE: "Py_LE", Gt: "Py_GT", GtE: "Py_GE",
};

export const line = (c: Ctx, n: { span: A.Span }): number => c.lines.line(n.span.start);
export const R = (reg: IR.RegId): IR.Operand => ({ k: "reg", reg });

export function done(c: Ctx, v: Val, ln: number): void {
  if (v.temp) c.b.emit({ kind: "clear", reg: v.reg, line: ln });
}

/** Turn a Val into a temporary that owns its reference (for consuming ops like `build`). */
export function own(c: Ctx, v: Val, ln: number): IR.RegId {
  if (v.temp) return v.reg;
  const t = c.b.reg();
  c.b.emit({ kind: "copy", dst: t, src: v.reg, line: ln });
  return t;
}

/** dst = fn(args) with NULL-on-error; returns the temp. */
export function callNull(c: Ctx, fn: string, args: IR.Operand[], ln: number): IR.RegId {
  const dst = c.b.reg();
  c.b.emit({ kind: "call_c", dst, fn, args, err: "null", line: ln });
  return dst;
}

export function constVal(c: Ctx, py: string, ln: number): Val {
  const dst = c.b.reg();
  c.b.emit({ kind: "const", dst, index: c.b.consts.add(py), line: ln });
  return { reg: dst, temp: true };
}

export function loadName(c: Ctx, name: string, ln: number): Val {
  const sr = c.scope?.get(name);
  if (sr !== undefined) return { reg: sr, temp: false }; // bound before any read (bind/comprehension.ts)
  if (c.locals.has(name)) {
    const r = c.b.local(name);
    if (c.compKind) return compReadLocal(c, r, name, ln);
    c.b.emit({ kind: "check_bound", reg: r, name, nameConst: c.b.consts.str(name), line: ln });
    return { reg: r, temp: false };
  }
  const site: IR.Operand = { k: "c", text: "SPZ_SITE(SpzGlobalCache)" }; // spz/generic.h
  const dst = callNull(c, "spz_load_global_cached", [{ k: "c", text: "self" }, { k: "const", index: c.b.consts.str(name) }, site], ln);
  return { reg: dst, temp: true };
}

export function constPy(v: A.ConstValue): string {
  switch (v.t) {
    case "bool": return v.value ? "True" : "False";
    case "None": return "None";
    case "Ellipsis": return "...";
    default: return v.py;
  }
}

export function expr(c: Ctx, e: A.Expr): Val {
  const ln = line(c, e);
  const b = c.b;
  switch (e.kind) {
    case "Constant":
      return constVal(c, constPy(e.value), ln);
    case "Name":
      return loadName(c, e.name, ln);
    case "BinOp": {
      const folded = foldedNumber(e);
      if (folded !== null) return constVal(c, folded, ln);
      const l = expr(c, e.left), r = expr(c, e.right);
      return { reg: binOp(c, e.op, l, r, false, ln), temp: true };
    }
    case "UnaryOp": {
      if (e.op === "Not") {
        const t = truth(c, e.operand);
        const n = b.reg("bool");
        b.emit({ kind: "not", dst: n, src: t, line: ln });
        return boxBool(c, n, ln);
      }
      const folded = foldedNumber(e);
      if (folded !== null) return constVal(c, folded, ln);
      const v = expr(c, e.operand);
      const fn = e.op === "USub" ? "PyNumber_Negative" : e.op === "UAdd" ? "PyNumber_Positive" : "PyNumber_Invert";
      const dst = callNull(c, fn, [R(v.reg)], ln);
      done(c, v, ln);
      return { reg: dst, temp: true };
    }
    case "BoolOp": {
      // result = first operand whose truth decides; evaluation stops there
      const res = b.reg();
      const end = b.newBlock("boolop.end");
      e.values.forEach((ve, i) => {
        const v = expr(c, ve);
        b.emit({ kind: "move", dst: res, src: own(c, v, ln), line: ln });
        if (i === e.values.length - 1) { b.goto(end); return; }
        const t = b.reg("bool");
        b.emit({ kind: "call_c", dst: t, fn: "spz_truth", args: [R(res)], err: "neg", line: ln });
        const next = b.newBlock("boolop.next");
        if (e.op === "And") b.terminate({ kind: "branch", cond: t, then: next.id, else: end.id });
        else b.terminate({ kind: "branch", cond: t, then: end.id, else: next.id });
        b.setBlock(next);
      });
      b.setBlock(end);
      return { reg: res, temp: true };
    }
    case "Compare":
      return compare(c, e, ln);
    case "IfExp": {
      const t = truth(c, e.test);
      const res = b.reg();
      const yes = b.newBlock("ifexp.then"), no = b.newBlock("ifexp.else"), end = b.newBlock("ifexp.end");
      b.terminate({ kind: "branch", cond: t, then: yes.id, else: no.id });
      b.setBlock(yes);
      b.emit({ kind: "move", dst: res, src: own(c, expr(c, e.body), ln), line: ln });
      b.goto(end);
      b.setBlock(no);
      b.emit({ kind: "move", dst: res, src: own(c, expr(c, e.orelse), ln), line: ln });
      b.goto(end);
      b.setBlock(end);
      return { reg: res, temp: true };
    }
    case "Call":
      return genexpCall(c, e, ln) ?? call(c, e, ln);
    case "Attribute": {
      const o = attrBase(c, e, ln);
      const dst = getAttr(c, o.reg, e.attr, ln);
      done(c, o, ln);
      return { reg: dst, temp: true };
    }
    case "Subscript": {
      const o = expr(c, e.value);
      const k = expr(c, e.slice);
      const ci = c.stdFast ? constIndex(e.slice) : null; // spz/deque.h: an exact deque's item
      const dst = ci === null ? callNull(c, "spz_getitem", [R(o.reg), R(k.reg)], ln)
        : callNull(c, "spz_getitem_ci", [R(o.reg), R(k.reg), { k: "int", value: ci }], ln);
      done(c, o, ln); done(c, k, ln);
      return { reg: dst, temp: true };
    }
    case "Slice": {
      const part = (x: A.Expr | null): Val | null => (x ? expr(c, x) : null);
      const lo = part(e.lower), hi = part(e.upper), st = part(e.step);
      const op = (v: Val | null): IR.Operand => (v ? R(v.reg) : { k: "c", text: "Py_None" });
      const dst = callNull(c, "PySlice_New", [op(lo), op(hi), op(st)], ln);
      for (const v of [lo, hi, st]) if (v) done(c, v, ln);
      return { reg: dst, temp: true };
    }
    case "Tuple":
    case "List": {
      if (e.elts.some((x) => x.kind === "Starred")) return starredSeq(c, e, ln);
      const items = e.elts.map((x) => own(c, expr(c, x), ln));
      const dst = b.reg();
      b.emit({ kind: "build", dst, what: e.kind === "Tuple" ? "tuple" : "list", items, line: ln });
      return { reg: dst, temp: true };
    }
    case "Set": {
      // CPython: BUILD_SET 0 + SET_UPDATE of the frozenset constant it folded the display into
      if (e.elts.length >= 3 && setFold(e.elts) === "const") return foldedSet(c, e, true, ln);
      return setDisplay(c, e, ln);
    }
    case "Dict": {
      const dst = callNull(c, "PyDict_New", [], ln);
      e.keys.forEach((k, i) => {
        if (!k) throw new InternalError("'**' in dict display reached irbuild", e.span);
        const kv = expr(c, k), vv = expr(c, e.values[i]!);
        b.emit({ kind: "call_c", dst: null, fn: "PyDict_SetItem", args: [R(dst), R(kv.reg), R(vv.reg)], err: "neg", line: ln });
        done(c, kv, ln); done(c, vv, ln);
      });
      return { reg: dst, temp: true };
    }
    case "JoinedStr": {
      const parts = e.values.map((p) => own(c, expr(c, p), ln));
      // every part is a str (constants and spz_format_value results): join them with ''
      const tup = b.reg();
      b.emit({ kind: "build", dst: tup, what: "tuple", items: parts, line: ln });
      const dst = callNull(c, "PyUnicode_Join", [{ k: "const", index: b.consts.str("") }, R(tup)], ln);
      b.emit({ kind: "clear", reg: tup, line: ln });
      return { reg: dst, temp: true };
    }
    case "FormattedValue": {
      const v = expr(c, e.value);
      const spec = e.format_spec ? expr(c, e.format_spec) : null;
      const dst = callNull(c, "spz_format_value", [R(v.reg), { k: "int", value: e.conversion }, spec ? R(spec.reg) : { k: "c", text: "NULL" }], ln);
      done(c, v, ln);
      if (spec) done(c, spec, ln);
      return { reg: dst, temp: true };
    }
    case "ListComp": case "SetComp": case "DictComp":
      return comprehension(c, e, ln);
    case "GeneratorExp":
      return generatorValue(c, e, ln);
    case "Lambda":
      return lambdaValue(c, e, ln);
    case "Starred":
    case "NamedExpr":
    case "Await": case "Yield": case "YieldFrom": case "Unsupported":
      throw new InternalError(`${e.kind} reached irbuild (bind should have kept the function interpreted)`, e.span);
    default: {
      const never: never = e;
      throw new InternalError(`unknown expression ${(never as A.Expr).kind}`);
    }
  }
}

/**
 * `lambda args: body`: CPython's MAKE_FUNCTION on the code object it compiled for this lambda
 * (found among the enclosing function's constants by line and index, spz_make_lambda). The
 * defaults are evaluated here, positional ones first, then keyword-only ones, as CPython does.
 */
function lambdaValue(c: Ctx, e: A.ExprOf<"Lambda">, ln: number): Val {
  const b = c.b;
  const k = c.lambdas?.get(e.span.start);
  if (k === undefined) throw new InternalError("lambda reached irbuild without its index (bind/lambda.ts)", e.span);
  let defaults: IR.RegId | null = null, kwdefaults: IR.RegId | null = null;
  if (e.args.defaults.length > 0) {
    defaults = b.reg();
    b.emit({ kind: "build", dst: defaults, what: "tuple", items: e.args.defaults.map((d) => own(c, expr(c, d), ln)), line: ln });
  }
  e.args.kwonlyargs.forEach((p, i) => {
    const d = e.args.kw_defaults[i];
    if (!d) return;
    kwdefaults ??= callNull(c, "PyDict_New", [], ln);
    const v = expr(c, d);
    b.emit({ kind: "call_c", dst: null, fn: "PyDict_SetItem", args: [R(kwdefaults), { k: "const", index: b.consts.str(p.arg) }, R(v.reg)], err: "neg", line: ln });
    done(c, v, ln);
  });
  const opt = (r: IR.RegId | null): IR.Operand => (r === null ? { k: "c", text: "NULL" } : R(r));
  const dst = callNull(c, "spz_make_lambda", [{ k: "c", text: "self" }, { k: "int", value: line(c, e) }, { k: "int", value: k }, opt(defaults), opt(kwdefaults), { k: "c", text: "SPZ_SITE(SpzLambdaSite)" }], ln);
  if (defaults !== null) b.emit({ kind: "clear", reg: defaults, line: ln });
  if (kwdefaults !== null) b.emit({ kind: "clear", reg: kwdefaults, line: ln });
  return { reg: dst, temp: true };
}

/** CPython pushes at most this many display items before building (STACK_USE_GUIDELINE). */
const STACK_USE_GUIDELINE = 30;

/**
 * `[a, *b, c]` / `(a, *b)`: CPython builds a list of the items before the first star, then
 * LIST_EXTEND (`Value after * must be an iterable, not T`) / LIST_APPEND per item, and
 * LIST_TO_TUPLE for a tuple.
 */
function starredSeq(c: Ctx, e: A.ExprOf<"Tuple" | "List">, ln: number): Val {
  const b = c.b;
  const first = e.elts.findIndex((x) => x.kind === "Starred");
  const list = b.reg();
  b.emit({ kind: "build", dst: list, what: "list", items: e.elts.slice(0, first).map((x) => own(c, expr(c, x), ln)), line: ln });
  for (const x of e.elts.slice(first)) {
    const v = expr(c, x.kind === "Starred" ? x.value : x);
    if (x.kind === "Starred") b.emit({ kind: "call_c", dst: null, fn: "spz_extend_star", args: [{ k: "c", text: "NULL" }, R(list), R(v.reg)], err: "neg", line: ln });
    else b.emit({ kind: "call_c", dst: null, fn: "PyList_Append", args: [R(list), R(v.reg)], err: "neg", line: ln });
    done(c, v, ln);
  }
  if (e.kind === "List") return { reg: list, temp: true };
  const dst = callNull(c, "PyList_AsTuple", [R(list)], ln);
  b.emit({ kind: "clear", reg: list, line: ln });
  return { reg: dst, temp: true };
}

/**
 * A set display that is not folded. CPython evaluates the items before the first star (all of
 * them when there is none), then BUILD_SET adds them in order; from the first star on (or for a
 * display of more than 30 items, every item) each item is added as soon as it is evaluated:
 * SET_ADD, and SET_UPDATE for `*x` (`'int' object is not iterable`).
 */
function setDisplay(c: Ctx, e: A.ExprOf<"Set">, ln: number): Val {
  const b = c.b;
  const star = e.elts.findIndex((x) => x.kind === "Starred");
  const big = e.elts.length > STACK_USE_GUIDELINE;
  const upfront = big ? 0 : star < 0 ? e.elts.length : star;
  const first = e.elts.slice(0, upfront).map((x) => expr(c, x));
  const dst = callNull(c, "PySet_New", [{ k: "c", text: "NULL" }], ln);
  for (const v of first) {
    b.emit({ kind: "call_c", dst: null, fn: "PySet_Add", args: [R(dst), R(v.reg)], err: "neg", line: ln });
    done(c, v, ln);
  }
  for (const x of e.elts.slice(upfront)) {
    if (x.kind === "Starred") {
      const v = expr(c, x.value);
      const r = b.reg();
      b.emit({ kind: "vcall_method", dst: r, name: b.consts.str("update"), self: dst, args: [v.reg], kwnames: null, nkw: 0, line: ln });
      b.emit({ kind: "clear", reg: r, line: ln });
      done(c, v, ln);
    } else {
      const v = expr(c, x);
      b.emit({ kind: "call_c", dst: null, fn: "PySet_Add", args: [R(dst), R(v.reg)], err: "neg", line: ln });
      done(c, v, ln);
    }
  }
  return { reg: dst, temp: true };
}

/**
 * A set display of constants that CPython folds into a frozenset constant (bind/fold.ts): that
 * frozenset, taken from the Python function's co_consts at the first use (spz_folded_set), or a
 * new set copied from it (`copy`). The pool slot starts as a 1-tuple of the items in source order.
 */
function foldedSet(c: Ctx, e: A.ExprOf<"Set">, copy: boolean, ln: number): Val {
  const items = `(${e.elts.map(foldedPy).join(", ")}${e.elts.length === 1 ? "," : ""})`;
  const slot = c.b.consts.add(`(${items},)`);
  const dst = callNull(c, "spz_folded_set", [{ k: "c", text: "self" }, { k: "int", value: slot }, { k: "int", value: copy ? 1 : 0 }], ln);
  return { reg: dst, temp: true };
}

/** The iterable of a `for`: CPython iterates a set display of constants as its frozenset constant. */
export function iterable(c: Ctx, e: A.Expr): Val {
  if (e.kind === "Set" && setFold(e.elts) === "const") return foldedSet(c, e, false, line(c, e));
  return expr(c, e);
}

/** The right operand of `in`/`not in` as the last operator of a comparison (folded like `for`). */
function inOperand(c: Ctx, op: A.CmpOpName, last: boolean, e: A.Expr): Val {
  return last && (op === "In" || op === "NotIn") ? iterable(c, e) : expr(c, e);
}

const STEAL_OP: Partial<Record<A.BinOpName, string>> = { Add: "spz_num_add_s", Sub: "spz_num_sub_s", Mult: "spz_num_mul_s" };

/**
 * l OP r (in place for augmented assignments) into a new temporary; l and r are done with. For
 * `+ - *`, operands that are temporaries die at the op: the runtime consumes them, and a
 * refcount-1 float among them receives the result (spz/num.h). Locals are never handed over.
 */
export function binOp(c: Ctx, op: A.BinOpName, l: Val, r: Val, inplace: boolean, ln: number): IR.RegId {
  const stealFn = STEAL_OP[op];
  if (stealFn && (l.temp || r.temp)) {
    const own = (l.temp ? 1 : 0) | (r.temp ? 2 : 0);
    const steals = [...(l.temp ? [0] : []), ...(r.temp ? [1] : [])];
    const dst = c.b.reg();
    c.b.emit({ kind: "call_c", dst, fn: stealFn, args: [R(l.reg), R(r.reg), { k: "int", value: own }, { k: "int", value: inplace ? 1 : 0 }], err: "null", steals, line: ln });
    return dst;
  }
  const args: IR.Operand[] = [R(l.reg), R(r.reg)];
  if (op === "Pow") args.push({ k: "c", text: "Py_None" });
  const dst = callNull(c, (inplace ? INPLACE_C : BINOP_C)[op], args, ln);
  done(c, l, ln); done(c, r, ln);
  return dst;
}

/** obj.attr into a new temporary (inline-cached site, see spz/attrcache.h). */
export function getAttr(c: Ctx, obj: IR.RegId, attr: string, ln: number): IR.RegId {
  const dst = c.b.reg();
  c.b.emit({ kind: "getattr", dst, obj, name: c.b.consts.str(attr), line: ln });
  return dst;
}

/** obj.attr = value (inline-cached site; `value` stays owned by the caller). */
export function setAttr(c: Ctx, obj: IR.RegId, attr: string, value: IR.RegId, ln: number): void {
  c.b.emit({ kind: "setattr", obj, name: c.b.consts.str(attr), value, line: ln });
}

export function boxBool(c: Ctx, t: IR.RegId, ln: number): Val {
  const dst = c.b.reg();
  c.b.emit({ kind: "box_bool", dst, src: t, line: ln });
  return { reg: dst, temp: true };
}

/** One comparison a OP b as a bool register (for `in`/`is`) or an object (rich compares). */
function compareOne(c: Ctx, op: A.CmpOpName, l: Val, r: Val, ln: number): Val {
  const b = c.b;
  const rich = RICH[op];
  if (rich) return { reg: callNull(c, "spz_richcompare", [R(l.reg), R(r.reg), { k: "c", text: rich }], ln), temp: true };
  const t = b.reg("bool");
  if (op === "Is" || op === "IsNot") b.emit({ kind: "is", dst: t, a: l.reg, b: r.reg, line: ln });
  else b.emit({ kind: "call_c", dst: t, fn: "PySequence_Contains", args: [R(r.reg), R(l.reg)], err: "neg", line: ln });
  if (op === "IsNot" || op === "NotIn") {
    const n = b.reg("bool");
    b.emit({ kind: "not", dst: n, src: t, line: ln });
    return boxBool(c, n, ln);
  }
  return boxBool(c, t, ln);
}

function compare(c: Ctx, e: A.ExprOf<"Compare">, ln: number): Val {
  const b = c.b;
  let left = expr(c, e.left);
  if (e.ops.length === 1) {
    const right = inOperand(c, e.ops[0]!, true, e.comparators[0]!);
    const v = compareOne(c, e.ops[0]!, left, right, ln);
    done(c, left, ln); done(c, right, ln);
    return v;
  }
  // a < b < c: the result is the first false comparison (or the last one)
  const res = b.reg();
  const end = b.newBlock("cmp.end");
  e.ops.forEach((op, i) => {
    const right = inOperand(c, op, i === e.ops.length - 1, e.comparators[i]!);
    const v = compareOne(c, op, left, right, ln);
    done(c, left, ln);
    b.emit({ kind: "move", dst: res, src: own(c, v, ln), line: ln });
    if (i === e.ops.length - 1) { done(c, right, ln); b.goto(end); return; }
    const t = b.reg("bool");
    b.emit({ kind: "call_c", dst: t, fn: "spz_truth", args: [R(res)], err: "neg", line: ln });
    const next = b.newBlock("cmp.next");
    b.terminate({ kind: "branch", cond: t, then: next.id, else: end.id });
    b.setBlock(next);
    left = right;
  });
  b.setBlock(end);
  return { reg: res, temp: true };
}

/** The truth value of a condition as a bool register. */
export function truth(c: Ctx, e: A.Expr): IR.RegId {
  const b = c.b;
  const ln = line(c, e);
  if (e.kind === "UnaryOp" && e.op === "Not") {
    const t = truth(c, e.operand);
    const n = b.reg("bool");
    b.emit({ kind: "not", dst: n, src: t, line: ln });
    return n;
  }
  if (e.kind === "Compare" && e.ops.length === 1 && (e.ops[0] === "Is" || e.ops[0] === "IsNot" || e.ops[0] === "In" || e.ops[0] === "NotIn")) {
    const l = expr(c, e.left), r = inOperand(c, e.ops[0], true, e.comparators[0]!);
    const t = b.reg("bool");
    const op = e.ops[0];
    if (op === "Is" || op === "IsNot") b.emit({ kind: "is", dst: t, a: l.reg, b: r.reg, line: ln });
    else b.emit({ kind: "call_c", dst: t, fn: "PySequence_Contains", args: [R(r.reg), R(l.reg)], err: "neg", line: ln });
    done(c, l, ln); done(c, r, ln);
    if (op === "IsNot" || op === "NotIn") {
      const n = b.reg("bool");
      b.emit({ kind: "not", dst: n, src: t, line: ln });
      return n;
    }
    return t;
  }
  const v = expr(c, e);
  const t = b.reg("bool");
  const dq = c.stdFast && e.kind === "Name" && c.locals.has(e.name) && !c.scope?.has(e.name); // `if q`, `not q`
  b.emit({ kind: "call_c", dst: t, fn: dq ? "spz_truth_dq" : "spz_truth", args: [R(v.reg)], err: "neg", line: ln });
  done(c, v, ln);
  return t;
}

/**
 * Zero-argument super() (bind/index.ts allows it in methods): the __class__ cell of the Python
 * function and the current value of the first parameter, as CPython's super_init; null: e is no
 * such call. `attr`: e is the object of a `.name` load, which CPython 3.12+ compiles to
 * LOAD_SUPER_ATTR when the module's scope has no `super` (compile.c can_optimize_super_call), in
 * the function itself or an inlined (non-generator) comprehension: an unbound first argument is
 * then an UnboundLocalError (spz_super_zero).
 */
function superZero(c: Ctx, e: A.ExprOf<"Call">, ln: number, attr: boolean): Val | null {
  if (!(e.func.kind === "Name" && e.func.name === "super" && !c.locals.has("super") && e.args.length === 0 && e.keywords.length === 0 && c.firstArg)) return null;
  const sup = loadName(c, "super", ln);
  const name: IR.Operand = attr && c.superAttr && c.compKind !== "genexp" ? { k: "const", index: c.b.consts.str(c.firstArg) } : { k: "c", text: "NULL" };
  const dst = callNull(c, "spz_super_zero", [{ k: "c", text: "self" }, R(sup.reg), R(c.b.local(c.firstArg)), name], ln);
  done(c, sup, ln);
  return { reg: dst, temp: true };
}

/** The object of the load `o.name`. */
function attrBase(c: Ctx, e: A.ExprOf<"Attribute">, ln: number): Val {
  return (e.value.kind === "Call" && e.attr !== "__class__" ? superZero(c, e.value, ln, true) : null) ?? expr(c, e.value);
}

function call(c: Ctx, e: A.ExprOf<"Call">, ln: number): Val {
  const b = c.b;
  const sup = superZero(c, e, ln, false);
  if (sup) return sup;
  const hasStar = e.args.some((a) => a.kind === "Starred") || e.keywords.some((k) => k.arg === null);
  const isMethod = e.func.kind === "Attribute" && !hasStar;
  const selfV = isMethod && e.func.kind === "Attribute" ? attrBase(c, e.func, ln) : null;
  const callee = selfV ? null : expr(c, e.func);
  if (hasStar) return starCall(c, e, callee!, ln);
  const args = e.args.map((a) => expr(c, a));
  const kws = e.keywords.map((k) => expr(c, k.value));
  const kwnames = e.keywords.length ? b.consts.strTuple(e.keywords.map((k) => k.arg!)) : null;
  const dst = b.reg();
  const argRegs = [...args, ...kws].map((v) => v.reg);
  if (selfV && e.func.kind === "Attribute") {
    const fast = c.stdFast ? fastMethod(e) : null;
    b.emit({ kind: "vcall_method", dst, name: b.consts.str(e.func.attr), self: selfV.reg, args: argRegs, kwnames, nkw: e.keywords.length, line: ln, ...(fast ? { fast } : {}) });
    done(c, selfV, ln);
  } else {
    b.emit({ kind: "vcall", dst, callee: callee!.reg, args: argRegs, kwnames, nkw: e.keywords.length, line: ln });
    done(c, callee!, ln);
  }
  for (const v of [...args, ...kws]) done(c, v, ln);
  return { reg: dst, temp: true };
}

/** f(*a, **k): build the positional list and keyword dict like CPython's CALL_FUNCTION_EX. */
function starCall(c: Ctx, e: A.ExprOf<"Call">, callee: Val, ln: number): Val {
  const b = c.b;
  const list = callNull(c, "PyList_New", [{ k: "int", value: 0 }], ln);
  for (const a of e.args) {
    if (a.kind === "Starred") {
      const v = expr(c, a.value);
      // CPython names the callee only when `*x` is the sole positional argument
      const named = e.args.length === 1;
      b.emit({ kind: "call_c", dst: null, fn: "spz_extend_star", args: [named ? R(callee.reg) : { k: "c", text: "NULL" }, R(list), R(v.reg)], err: "neg", line: ln });
      done(c, v, ln);
    } else {
      const v = expr(c, a);
      b.emit({ kind: "call_c", dst: null, fn: "PyList_Append", args: [R(list), R(v.reg)], err: "neg", line: ln });
      done(c, v, ln);
    }
  }
  let dict: IR.RegId | null = null;
  if (e.keywords.length) {
    dict = callNull(c, "PyDict_New", [], ln);
    for (const k of e.keywords) {
      const v = expr(c, k.value);
      if (k.arg === null) {
        b.emit({ kind: "call_c", dst: null, fn: "spz_merge_kwargs", args: [R(callee.reg), R(dict), R(v.reg)], err: "neg", line: ln });
      } else {
        // a keyword after ** may repeat a key: merge it through the same duplicate check
        const one = callNull(c, "PyDict_New", [], ln);
        b.emit({ kind: "call_c", dst: null, fn: "PyDict_SetItem", args: [R(one), { k: "const", index: b.consts.str(k.arg) }, R(v.reg)], err: "neg", line: ln });
        b.emit({ kind: "call_c", dst: null, fn: "spz_merge_kwargs", args: [R(callee.reg), R(dict), R(one)], err: "neg", line: ln });
        b.emit({ kind: "clear", reg: one, line: ln });
      }
      done(c, v, ln);
    }
  }
  const dst = callNull(c, "spz_call_ex", [R(callee.reg), R(list), dict === null ? { k: "c", text: "NULL" } : R(dict)], ln);
  b.emit({ kind: "clear", reg: list, line: ln });
  if (dict !== null) b.emit({ kind: "clear", reg: dict, line: ln });
  done(c, callee, ln);
  return { reg: dst, temp: true };
}
