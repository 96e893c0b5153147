/**
 * The primitive table: the scalar operations a specialized body computes unboxed, one row per
 * (operation, operand representations). Each row says the result's representation (what facts
 * types the expression as), how C computes it (an inline expression that cannot fail, or a
 * runtime helper `int fn(operands..., T *out)` returning non-zero when its guard fails -- what
 * irbuild emits), and what that guard checks in the user's terms (what cgen's statistics, dumps
 * and annotate reports print). facts/types.ts, irbuild/specExpr.ts and cgen/stats.ts read it;
 * tests/unit/prims.test.ts checks every helper exists in the runtime headers.
 * (Comparisons, bool logic and the masked 64-bit operations of facts/u64.ts are not rows yet.)
 */
import type * as A from "../syntax/ast.ts";

export type PrimRep = "i64" | "f64";
export type PrimOp = A.BinOpName | "Neg" | "abs" | "int" | "round" | "PowConst"
  | "math.floor" | "math.ceil" | "math.sqrt" | "math.fabs" | "math.sin" | "math.cos" | "math.exp" | "math.log"
  | `math.${(typeof LIBM_FNS)[number]}`;

/**
 * math functions CPython computes with the C library's function of the same name and raises for
 * only where its result is inf or nan for a finite argument (a domain or range error): computed
 * in C when argument and result are finite, otherwise the generic call decides. Checked
 * bit-for-bit against CPython 3.11-3.13 over random and edge arguments, and by the differential
 * test spec_math_fns on every version.
 */
const LIBM_FNS = ["erf", "erfc", "log10", "log2", "log1p", "expm1", "tan", "atan", "sinh", "cosh", "tanh", "asin", "acos", "asinh", "acosh", "atanh"] as const;

export interface Prim {
  readonly op: PrimOp;
  readonly operands: readonly PrimRep[];
  readonly result: PrimRep;
  readonly c: { readonly expr: string } | { readonly helper: string };
  /** what the guard checks; null when the operation cannot fail */
  readonly guard: string | null;
  /**
   * an inline expression's guard: a condition on the operands ($0...) that must hold before it
   * runs, or with `after`, on the operands and the result ($n after the n operands)
   */
  readonly check?: { readonly text: string; readonly after: boolean };
}

const h = (op: PrimOp, operands: PrimRep[], result: PrimRep, helper: string, guard: string): Prim => ({ op, operands, result, c: { helper }, guard });
const x = (op: PrimOp, operands: PrimRep[], result: PrimRep, expr: string): Prim => ({ op, operands, result, c: { expr }, guard: null });
/** an inline expression behind a check: where CPython raises (a domain or range error) the
 * generic code runs and raises it */
const xc = (op: PrimOp, expr: string, check: string, after: boolean, guard: string): Prim =>
  ({ op, operands: ["f64"], result: "f64", c: { expr }, guard, check: { text: check, after } });
const II: PrimRep[] = ["i64", "i64"], FF: PrimRep[] = ["f64", "f64"];

export const PRIMS: readonly Prim[] = [
  // int64 arithmetic: an overflow (or a zero divisor, a negative shift) deopts, the generic code
  // then computes the exact big-int result or raises CPython's error
  h("Add", II, "i64", "spz_i64_add_ovf", "int64 overflow in +"),
  h("Sub", II, "i64", "spz_i64_sub_ovf", "int64 overflow in -"),
  h("Mult", II, "i64", "spz_i64_mul_ovf", "int64 overflow in *"),
  h("FloorDiv", II, "i64", "spz_i64_floordiv_ovf", "int64 overflow in //"),
  h("Mod", II, "i64", "spz_i64_mod_ovf", "int64 overflow in %"),
  h("LShift", II, "i64", "spz_i64_lshift_ovf", "int64 overflow in <<"),
  h("RShift", II, "i64", "spz_i64_rshift_ovf", "int64 overflow in >>"),
  x("BitAnd", II, "i64", "$0 & $1"),
  x("BitOr", II, "i64", "$0 | $1"),
  x("BitXor", II, "i64", "$0 ^ $1"),
  h("Neg", ["i64"], "i64", "spz_i64_neg_ovf", "int64 overflow in unary -"),
  h("abs", ["i64"], "i64", "spz_i64_abs_ovf", "int64 overflow in abs()"),
  // IEEE doubles, as CPython's float: only a zero divisor (ZeroDivisionError) fails
  x("Add", FF, "f64", "$0 + $1"),
  x("Sub", FF, "f64", "$0 - $1"),
  x("Mult", FF, "f64", "$0 * $1"),
  h("Div", FF, "f64", "spz_f64_div", "float / by zero"),
  h("FloorDiv", FF, "f64", "spz_f64_floordiv", "float // by zero"),
  h("Mod", FF, "f64", "spz_f64_mod", "float % by zero"),
  h("PowConst", FF, "f64", "spz_f64_pow_const", "float ** without overflow or domain error"),
  x("Neg", ["f64"], "f64", "-$0"),
  x("abs", ["f64"], "f64", "fabs($0)"),
  // float -> int: inf, nan and values beyond int64 deopt (the generic code raises or grows)
  h("int", ["f64"], "i64", "spz_f64_trunc_i64", "float trunc() fits int64"),
  h("round", ["f64"], "i64", "spz_f64_round_i64", "float round() fits int64"),
  h("math.floor", ["f64"], "i64", "spz_f64_floor_i64", "float floor() fits int64"),
  h("math.ceil", ["f64"], "i64", "spz_f64_ceil_i64", "float ceil() fits int64"),
  // math functions of a float, `math` guarded to be the module and the function its own
  xc("math.sqrt", "sqrt($0)", "!($0 < 0.0)", false, "math.sqrt() of a non-negative float"),
  x("math.fabs", ["f64"], "f64", "fabs($0)"),
  xc("math.sin", "sin($0)", "isfinite($0)", false, "math.sin() of a finite float"),
  xc("math.cos", "cos($0)", "isfinite($0)", false, "math.cos() of a finite float"),
  xc("math.log", "log($0)", "$0 > 0.0 && isfinite($0)", false, "math.log() of a positive finite float"),
  xc("math.exp", "exp($0)", "isfinite($0) && isfinite($1)", true, "math.exp() finite"),
  ...LIBM_FNS.map((n) => xc(`math.${n}`, `${n}($0)`, "isfinite($0) && isfinite($1)", true, `math.${n}() of a finite float, finite`)),
];

const key = (op: PrimOp, operands: readonly PrimRep[]): string => `${op}(${operands.join(",")})`;
const BY_KEY = new Map(PRIMS.map((p) => [key(p.op, p.operands), p]));
const BY_HELPER = new Map(PRIMS.flatMap((p) => ("helper" in p.c ? [[p.c.helper, p] as const] : [])));

/** The row for op on these operands, or undefined (no unboxed lowering). */
export function prim(op: PrimOp, operands: readonly PrimRep[]): Prim | undefined {
  return BY_KEY.get(key(op, operands));
}

/** The row whose helper is fn (cgen names guards by it). */
export function primByHelper(fn: string): Prim | undefined {
  return BY_HELPER.get(fn);
}

/** The functions of `math` with a row (the name after `math.`) and their result's rep. */
export function mathFns(): ReadonlyMap<string, PrimRep> {
  return new Map(PRIMS.filter((p) => p.op.startsWith("math.")).map((p) => [p.op.slice(5), p.result]));
}

/** Binary operators with a row for two operands of rep. */
export function binOps(rep: PrimRep): ReadonlySet<A.BinOpName> {
  return new Set(PRIMS.filter((p) => p.operands.length === 2 && p.operands.every((o) => o === rep) && p.op !== "PowConst").map((p) => p.op as A.BinOpName));
}
