/**
 * Specialized lowering of expressions (see spec.ts): typed registers in, typed registers out;
 * every operation that can leave the unboxed world is a guard whose failure deopts the current
 * statement (specCtx.ts).
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import { intConst, isMathConst, isNonNeg, maskedExpr, nativeField, objItemField, powConst, roundDigits, strCompare, type StrCompare } from "../facts/types.ts";
import { isU64Literal } from "../facts/u64.ts";
import { intReg, masked, u64Bin } from "./specU64.ts";
import { InternalError } from "../diag/types.ts";
import { specGenexp } from "../facts/genexp.ts";
import { dictItem } from "../facts/dicts.ts";
import { type Prim, type PrimOp, type PrimRep, prim } from "../prims/table.ts";
import { genexpExpr } from "./specGenexp.ts";
import { type SCtx, SIZE, asF64, cx, deopt, imm, line, repOf, seqReg } from "./specCtx.ts";
import { boxedTruth, noneTest } from "../facts/truth.ts";

const C_CMP: Record<string, string> = { Eq: "==", NotEq: "!=", Lt: "<", LtE: "<=", Gt: ">", GtE: ">=" };

/** A condition as a bool register (ints and floats test != 0, as Python's truth does). */
export function cond(c: SCtx, e: A.Expr): IR.RegId {
  if (boxedTruth(e, c.reps, { ...c.facts, f: c.f })) return boxedTruthOf(c, e.name, line(c, e));
  const v = expr(c, e);
  const rep = c.b.regs[v]!.rep;
  return rep === "bool" ? v : cx(c, "bool", rep === "f64" ? "$0 != 0.0" : "$0 != 0", [v], line(c, e));
}

/**
 * The truth of a boxed local (facts/truth.ts): decided in C for objects whose truth runs no
 * Python code, else (or unbound) a deopt to the generic statement, which asks the object.
 */
function boxedTruthOf(c: SCtx, name: string, ln: number): IR.RegId {
  const dst = c.b.reg("bool");
  c.b.emit({ kind: "guarded", dst, fn: "spz_truth_exact", args: [{ k: "reg", reg: c.b.local(name) }], onFail: deopt(c), line: ln });
  return dst;
}

export function expr(c: SCtx, e: A.Expr): IR.RegId {
  const b = c.b;
  const ln = line(c, e);
  switch (e.kind) {
    case "Constant":
      if (e.value.t === "bool") return imm(c, "bool", e.value.value ? "1" : "0", ln);
      if (e.value.t === "float") return imm(c, "f64", cDouble(Number(e.value.py.replace(/_/g, ""))), ln);
      if (e.value.t === "int" && isU64Literal(e.value)) return imm(c, "u64", `UINT64_C(${BigInt(e.value.py.replace(/_/g, "")).toString()})`, ln);
      return imm(c, "i64", `INT64_C(${intConst(e.value)!.toString()})`, ln);
    case "Name": {
      const t = c.typed.get(e.name);
      if (!t) return globalNum(c, e.name, null, ln);
      if (t.flag !== null) b.emit({ kind: "guard", text: "$0", args: [t.flag], onFail: deopt(c), line: ln });
      return t.reg;
    }
    case "BinOp": {
      const rep = repOf(c, e);
      if (maskedExpr(e, c.reps, c.f, c.facts)) return masked(c, e, rep, ln);
      let l = expr(c, e.left);
      if (e.op === "Pow" && rep === "f64") {
        // float ** 2, ** 0.5, ** y: the C library's pow, as CPython's float_pow; its errors deopt
        const k = powConst(e.right) !== null ? imm(c, "f64", cDouble(powConst(e.right)!), ln) : asF64(c, expr(c, e.right), ln);
        return emitPrim(c, row("PowConst", ["f64", "f64"]), [asF64(c, l, ln), k], ln);
      }
      if (e.op === "Pow") {
        // int ** small constant: repeated overflow-checked multiplication
        const n = Number(intConst((e.right as A.ExprOf<"Constant">).value)!);
        l = intReg(c, l, ln);
        let acc = imm(c, "i64", "1", ln);
        for (let i = 0; i < n; i++) acc = emitPrim(c, row("Mult", ["i64", "i64"]), [acc, l], ln);
        return acc;
      }
      let r = expr(c, e.right);
      if (rep === "u64") return u64Bin(c, e, l, r, ln);
      if (rep === "i64") {
        // a u64 operand of an int64 operation: converted under a guard (facts/u64.ts)
        l = intReg(c, l, ln); r = intReg(c, r, ln);
        // x // 2**k and x % 2**k with Python's floor semantics are a shift and a mask: no guard
        const k = e.right.kind === "Constant" ? intConst(e.right.value) : null;
        if (k !== null && k > 0n && (k & (k - 1n)) === 0n && (e.op === "FloorDiv" || e.op === "Mod")) {
          const bits = k.toString(2).length - 1;
          return e.op === "FloorDiv" ? cx(c, "i64", `$0 >> ${bits}`, [l], ln) : cx(c, "i64", `$0 & INT64_C(${(k - 1n).toString()})`, [l], ln);
        }
        // a non-negative dividend and a positive constant divisor: C's truncation is Python's floor
        if (k !== null && k > 0n && (e.op === "FloorDiv" || e.op === "Mod") && isNonNeg(e.left, c.facts.nonneg)) {
          return cx(c, "i64", `$0 ${e.op === "Mod" ? "%" : "/"} INT64_C(${k.toString()})`, [l], ln);
        }
        return emitPrim(c, row(e.op, ["i64", "i64"]), [l, r], ln);
      }
      // float result
      if (b.regs[l]!.rep !== "f64" && b.regs[r]!.rep !== "f64") {
        l = intReg(c, l, ln); r = intReg(c, r, ln);
        // int / int: exact when both fit in a double's mantissa (CPython's own fast path)
        b.emit({ kind: "guard", text: "spz_i64_fits_double($0) && spz_i64_fits_double($1) && $1 != 0", args: [l, r], onFail: deopt(c), line: ln });
        return cx(c, "f64", "(double)$0 / (double)$1", [l, r], ln);
      }
      return emitPrim(c, row(e.op, ["f64", "f64"]), [asF64(c, l, ln), asF64(c, r, ln)], ln);
    }
    case "UnaryOp": {
      if (e.op === "Not" && boxedTruth(e.operand, c.reps, { ...c.facts, f: c.f })) return cx(c, "bool", "!$0", [cond(c, e.operand)], ln);
      const v = expr(c, e.operand);
      const rep = b.regs[v]!.rep;
      if (e.op === "Not") return cx(c, "bool", rep === "f64" ? "$0 == 0.0" : rep === "bool" ? "!$0" : "$0 == 0", [v], ln);
      if (e.op === "UAdd") return v;
      if (e.op === "Invert") return cx(c, "i64", "~$0", [intReg(c, v, ln)], ln);
      return rep === "f64" ? emitPrim(c, row("Neg", ["f64"]), [v], ln) : emitPrim(c, row("Neg", ["i64"]), [intReg(c, v, ln)], ln);
    }
    case "Compare": {
      const sc = strCompare(e, c.facts.locals, c.facts.classes, c.facts.objs, c.f);
      if (sc) return strEq(c, sc, ln);
      const nt = noneTest(e, c.reps, { ...c.facts, f: c.f });
      if (nt) {
        // a pointer compare; an unbound local deopts (the generic code raises)
        const dst = b.reg("bool");
        b.emit({ kind: "guarded", dst, fn: nt.neg ? "spz_is_not_none" : "spz_is_none", args: [{ k: "reg", reg: b.local(nt.name) }], onFail: deopt(c), line: ln });
        return dst;
      }
      // chains evaluate every operand (they are pure here), then AND the comparisons
      const vals = [expr(c, e.left), ...e.comparators.map((x) => expr(c, x))];
      let acc: IR.RegId | null = null;
      e.ops.forEach((op, i) => {
        let a = vals[i]!, z = vals[i + 1]!;
        const ra = b.regs[a]!.rep, rz = b.regs[z]!.rep;
        if (ra !== rz && ra !== "f64" && rz !== "f64") {
          // int64 against u64: exact in 128 bits
          const t = cx(c, "bool", `(__int128)$0 ${C_CMP[op]} (__int128)$1`, [a, z], ln);
          acc = acc === null ? t : cx(c, "bool", "$0 && $1", [acc, t], ln);
          return;
        }
        if (ra !== rz) {
          a = intReg(c, a, ln); z = intReg(c, z, ln);
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
    case "Attribute": {
      if (isMathConst(e, c.f)) return globalNum(c, "math", e.attr, ln);
      // a field of a @frozen instance: a slot read through a per-site cache keyed by the type
      // (of a local of unknown class too: facts/types.ts speculatedField; its register holds it)
      const item = objItemField(e, c.facts);
      let obj: IR.RegId;
      if (item !== null) {
        // xs[i].f: the item (bounds guarded; IndexError is the generic code's) into a temporary
        const xs = c.objLists.get(item.list)!;
        const i = listIndex(c, xs, intReg(c, expr(c, item.index), ln), ln);
        obj = b.reg("obj");
        b.emit({ kind: "call_c", dst: obj, fn: "spz_list_item_ref", args: [{ k: "reg", reg: xs }, { k: "reg", reg: i }], err: "never", line: ln });
      } else {
        const o = (e.value as A.ExprOf<"Name">).name;
        obj = c.objs.get(o) ?? c.b.local(o);
      }
      const d = b.reg(repOf(c, e));
      const native = b.regs[d]!.rep === "f64" && nativeField(c.facts.classes, e.attr);
      b.emit({ kind: "slot_get", dst: d, obj, name: b.consts.str(e.attr), onFail: deopt(c), line: ln, ...(native ? { native: true as const } : {}) });
      return d;
    }
    case "Subscript": {
      const di = dictItem(e, c.reps, { ...c.facts, f: c.f });
      if (di !== null) {
        // d[k] of a dict[str, int|float] parameter: a pure lookup (exact dict of str keys, exact
        // str key; `o.f` keys a plain slot) and an item of the exact type, else deopt before any
        // effect (spz/containers.h)
        const dk = di.key;
        const key: IR.Operand = "str" in dk ? { k: "const", index: b.consts.str(dk.str) } : { k: "reg", reg: c.objs.get(dk.local) ?? b.local(dk.local) };
        const attr = "str" in dk || dk.attr === undefined ? null : b.consts.str(dk.attr);
        const d = b.reg(di.rep);
        b.emit({ kind: "dict_item", dst: d, dict: b.local(di.dict), key, attr, onFail: deopt(c), line: ln });
        return d;
      }
      if (e.value.kind === "Attribute") {
        // o.f[i], f a list[T] field of o's class: the slot's exact list, read in place (spz/objlist.h)
        const o = (e.value.value as A.ExprOf<"Name">).name;
        const i = intReg(c, expr(c, e.slice), ln);
        const d = b.reg(repOf(c, e));
        b.emit({ kind: "slot_item", dst: d, obj: c.objs.get(o)!, name: b.consts.str(e.value.attr), index: i, onFail: deopt(c), line: ln });
        return d;
      }
      if (e.value.kind === "Subscript") {
        // a[i][j] of a list[list[T]] parameter: both reads in one guarded helper (spz/spec.h)
        const rep = c.facts.rowParams!.get((e.value.value as A.ExprOf<"Name">).name)!;
        const i = intReg(c, expr(c, e.value.slice), ln), j = intReg(c, expr(c, e.slice), ln);
        const d = b.reg(rep);
        b.emit({ kind: "guarded", dst: d, fn: `spz_rows_get_${rep}`, args: [{ k: "reg", reg: b.local((e.value.value as A.ExprOf<"Name">).name) }, { k: "reg", reg: i }, { k: "reg", reg: j }], onFail: deopt(c), line: ln });
        return d;
      }
      const row = c.facts.seqs?.get((e.value as A.ExprOf<"Name">).name);
      if (row !== undefined && !c.lists.has((e.value as A.ExprOf<"Name">).name)) {
        // row[i] of a row local: its generic register, bound and an exact list (the contract
        // checked the parameter, not what its items became), then the item as for a list
        const r = b.local((e.value as A.ExprOf<"Name">).name);
        b.emit({ kind: "guard", text: "$0 != NULL && PyList_CheckExact($0)", args: [r], onFail: deopt(c), line: ln });
        const i = intReg(c, expr(c, e.slice), ln);
        const d = b.reg(row);
        b.emit({ kind: "guarded", dst: d, fn: `spz_list_get_${row}`, args: [{ k: "reg", reg: r }, { k: "reg", reg: i }], onFail: deopt(c), line: ln });
        return d;
      }
      const xs = c.lists.get((e.value as A.ExprOf<"Name">).name)!;
      seqReg(c, xs, ln);
      const i = intReg(c, expr(c, e.slice), ln);
      const d = b.reg(xs.elem);
      b.emit({ kind: "guarded", dst: d, fn: `spz_${xs.kind}_get_${xs.elem}`, args: [{ k: "reg", reg: xs.reg }, { k: "reg", reg: i }], onFail: deopt(c), line: ln });
      return d;
    }
    case "Call": {
      if (e.func.kind === "Attribute" && e.func.attr === "bit_length" && e.args.length === 0) {
        const v = expr(c, e.func.value);
        return cx(c, "i64", `spz_${b.regs[v]!.rep === "u64" ? "u64" : "i64"}_bit_length($0)`, [v], ln);
      }
      if (e.func.kind === "Attribute") return mathCall(c, e.func.attr, e.args[0]!, ln);
      const sg = specGenexp(e, c.f, c.facts.lists, c.facts.objLists);
      if (sg) return genexpExpr(c, e, sg, ln);
      const name = (e.func as A.ExprOf<"Name">).name;
      b.emit({ kind: "guard_builtin", name: b.consts.str(name), which: name, onFail: deopt(c), line: ln });
      if (name === "len") {
        const arg = e.args[0]!;
        if (arg.kind === "Subscript") {
          // len(a[i]) of a list[list[T]] parameter: a and its row exact lists (spz/seqs.h)
          const i = intReg(c, expr(c, arg.slice), ln), d = b.reg("i64");
          b.emit({ kind: "guarded", dst: d, fn: "spz_rows_len", args: [{ k: "reg", reg: b.local((arg.value as A.ExprOf<"Name">).name) }, { k: "reg", reg: i }], onFail: deopt(c), line: ln });
          return d;
        }
        const lname = (arg as A.ExprOf<"Name">).name;
        if (c.facts.rowParams?.has(lname) || (c.facts.seqs?.has(lname) && !c.lists.has(lname))) {
          // the parameter or a row: its generic register, bound and an exact list (a rebinding or
          // the rows themselves may be anything; a subclass may define __len__), else generic
          const r = b.local(lname);
          b.emit({ kind: "guard", text: "$0 != NULL && PyList_CheckExact($0)", args: [r], onFail: deopt(c), line: ln });
          return cx(c, "i64", "(int64_t)PyList_GET_SIZE($0)", [r], ln);
        }
        if (c.facts.listLocals.has(lname)) return cx(c, "i64", "(int64_t)PyList_GET_SIZE($0)", [boundList(c, lname, ln)], ln);
        if (c.objLists.has(lname)) return cx(c, "i64", "(int64_t)PyList_GET_SIZE($0)", [c.objLists.get(lname)!], ln);
        const xs = c.lists.get(lname);
        if (xs === undefined) {
          // a module-level tuple/list constant: its length, behind the global's per-site guard
          const d = b.reg("i64");
          b.emit({ kind: "global_num", dst: d, name: b.consts.str(lname), attr: null, len: true, onFail: deopt(c), line: ln });
          return d;
        }
        return cx(c, "i64", `(int64_t)${SIZE[xs.kind]}($0)`, [seqReg(c, xs, ln)], ln);
      }
      if (name === "round" && e.args.length === 2) {
        // round(x, n): n a literal 0..22 (facts); 2**52 <= |x| * 10**n, inf or nan: the generic call
        const d = b.reg("f64"), x = expr(c, e.args[0]!);
        b.emit({ kind: "guarded", dst: d, fn: "spz_f64_round_digits", args: [{ k: "reg", reg: x }, { k: "int", value: roundDigits(e.args[1]!)! }], onFail: deopt(c), line: ln });
        return d;
      }
      const args = e.args.map((x) => expr(c, x));
      const rep = b.regs[args[0]!]!.rep;
      switch (name) {
        case "float": return asF64(c, args[0]!, ln);
        case "int": case "round": {
          if (rep === "i64" || rep === "u64") return args[0]!;
          if (rep === "bool") return cx(c, "i64", "(int64_t)$0", args, ln);
          // int() truncates, round() rounds half to even; inf/nan/out of range: generic raises or grows
          return emitPrim(c, row(name, ["f64"]), [args[0]!], ln);
        }
        case "abs": {
          if (rep === "u64") return args[0]!;
          return emitPrim(c, row("abs", [rep === "f64" ? "f64" : "i64"]), args, ln);
        }
        // min/max keep the first of equal items, and NaN handling, exactly as CPython's loop does:
        // the running result is replaced only by an item that compares less (greater) than it
        case "min": return args.slice(1).reduce((r, x) => cx(c, rep, "$1 < $0 ? $1 : $0", [r, x], ln), args[0]!);
        case "max": return args.slice(1).reduce((r, x) => cx(c, rep, "$1 > $0 ? $1 : $0", [r, x], ln), args[0]!);
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
/** A module global (or `math.x`) holding a number: unboxed behind its per-site guard. */
function globalNum(c: SCtx, name: string, attr: string | null, ln: number): IR.RegId {
  const b = c.b;
  const rep = attr !== null ? "f64" : c.facts.consts.get(name);
  if (!rep) throw new InternalError(`'${name}' is neither a typed local nor a number constant`);
  const d = b.reg(rep);
  b.emit({ kind: "global_num", dst: d, name: b.consts.str(name), attr: attr === null ? null : b.consts.str(attr), onFail: deopt(c), line: ln });
  return d;
}

/** `o.f == s` / `!=` of a str field (facts/types.ts strCompare): one guarded str_eq. */
function strEq(c: SCtx, sc: StrCompare, ln: number): IR.RegId {
  const b = c.b, z = sc.other;
  const obj = c.objs.get(sc.obj) ?? b.local(sc.obj);
  const other: IR.Operand = z.kind === "Constant" && z.value.t === "str" ? { k: "const", index: b.consts.str(z.value.text!) }
    : { k: "reg", reg: b.local((z as A.ExprOf<"Name">).name) };
  const d = b.reg("bool");
  b.emit({ kind: "str_eq", dst: d, obj, name: b.consts.str(sc.attr), other, neg: sc.neg, onFail: deopt(c), line: ln });
  return d;
}

export function mathCall(c: SCtx, fn: string, arg: A.Expr, ln: number): IR.RegId {
  const b = c.b;
  b.emit({ kind: "guard_builtin", name: b.consts.str("math"), which: `math.${fn}`, onFail: deopt(c), line: ln });
  const v = expr(c, arg);
  if ((b.regs[v]!.rep === "i64" || b.regs[v]!.rep === "u64") && (fn === "floor" || fn === "ceil")) return v;
  return emitPrim(c, row(`math.${fn}` as PrimOp, ["f64"]), [asF64(c, v, ln)], ln);
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

/** A list index made non-negative and checked against the current length (else deopt). */
export function listIndex(c: SCtx, list: IR.RegId, i: IR.RegId, ln: number): IR.RegId {
  const n = cx(c, "i64", "$0 < 0 ? $0 + (int64_t)PyList_GET_SIZE($1) : $0", [i, list], ln);
  c.b.emit({ kind: "guard", text: "(uint64_t)$0 < (uint64_t)PyList_GET_SIZE($1)", args: [n, list], onFail: deopt(c), line: ln });
  return n;
}

/** The register of a new-list local, guarded bound (else the generic code raises UnboundLocalError). */
export function boundList(c: SCtx, name: string, ln: number): IR.RegId {
  const r = c.b.local(name);
  c.b.emit({ kind: "guard", text: "$0 != NULL", args: [r], onFail: deopt(c), line: ln });
  return r;
}

function row(op: PrimOp, operands: PrimRep[]): Prim {
  const p = prim(op, operands);
  if (!p) throw new InternalError(`specializer: no primitive ${op}(${operands.join(", ")})`);
  return p;
}

/** A row of the primitive table on these registers: its inline C, or its helper under a guard. */
export function emitPrim(c: SCtx, p: Prim, args: IR.RegId[], ln: number): IR.RegId {
  const check = (regs: IR.RegId[]): void => {
    c.b.emit({ kind: "guard", text: p.check!.text, args: regs, onFail: deopt(c), line: ln, why: p.guard ?? undefined });
  };
  if ("expr" in p.c) {
    if (p.check && !p.check.after) check(args);
    const d = cx(c, p.result, p.c.expr, args, ln);
    if (p.check?.after) check([...args, d]);
    return d;
  }
  const d = c.b.reg(p.result);
  c.b.emit({ kind: "guarded", dst: d, fn: p.c.helper, args: args.map((reg) => ({ k: "reg" as const, reg })), onFail: deopt(c), line: ln });
  return d;
}
