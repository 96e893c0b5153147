/**
 * Masked 64-bit int arithmetic: the `u64` representation (an int known to lie in [0, 2**64)).
 *
 * Hashing and random-number code keeps ints in 64 bits by masking: `(h * P) & MASK64`,
 * `(x * A + C) % 2**64`. In Python the product is a big int and the mask cuts it back. For every
 * int, `E & M` (0 <= M < 2**64) and `E % 2**64` depend only on the low 64 bits of E, and the low
 * 64 bits of `+ - * & | ^ ~ << k` are those of the same operation on the operands' low 64 bits.
 * So a masked expression computes its operands *modulo 2**64* (wrapping C uint64 arithmetic, no
 * overflow guard) down to the leaves that need their exact value (`>>`, `//`, calls, locals),
 * which keep their own representation and guards. The result lies in [0, 2**64): the `u64`
 * representation, exact, boxed with PyLong_FromUnsignedLongLong.
 * Elsewhere a u64 meets ints as an exact non-negative int: `&`, `|`, `^`, `>>`, `//` and `%` by a
 * positive constant stay u64; any other operation converts it to int64 under a guard.
 */
import type * as A from "../syntax/ast.ts";
import { intConst, NotSpec, exprRepOf, type Cx, type SpecRep } from "./types.ts";

export const TWO64 = 2n ** 64n;
const INT64_MAX = 2n ** 63n - 1n;

/** The value of an int constant expression (literals, unary minus, `2**64`, `1 << 64`…), or null. */
export function constInt(e: A.Expr): bigint | null {
  if (e.kind === "Constant") {
    if (e.value.t !== "int") return null;
    try { return BigInt(e.value.py.replace(/_/g, "").replace(/^0([0-7]+)$/, "0o$1")); } catch { return null; }
  }
  if (e.kind === "UnaryOp" && e.op === "USub") { const v = constInt(e.operand); return v === null ? null : -v; }
  if (e.kind !== "BinOp") return null;
  const a = constInt(e.left), b = constInt(e.right);
  if (a === null || b === null) return null;
  switch (e.op) {
    case "Add": return a + b;
    case "Sub": return a - b;
    case "Mult": return a * b;
    case "Pow": return b >= 0n && b <= 128n ? a ** b : null;
    case "LShift": return b >= 0n && b <= 128n ? a << b : null;
    default: return null;
  }
}

/** An int literal too big for int64 but below 2**64 (`0xCBF2_9CE4_8422_2325`). */
export function isU64Literal(v: A.ConstValue): boolean {
  if (v.t !== "int" || intConst(v) !== null) return false;
  try {
    const n = BigInt(v.py.replace(/_/g, ""));
    return n > INT64_MAX && n < TWO64;
  } catch { return false; }
}

export const isInt = (r: SpecRep): boolean => r === "i64" || r === "u64";

/** `E % 2**64`: the masked form by modulus (Python's % of any int by 2**64 is its low 64 bits). */
export const isMod64 = (e: A.Expr): boolean => e.kind === "BinOp" && e.op === "Mod" && constInt(e.right) === TWO64;

/** The shift count of `x << k` computed modulo 2**64 (a constant 0..63), or null. */
export function lowShift(e: A.ExprOf<"BinOp">): number | null {
  const k = e.op === "LShift" ? constInt(e.right) : null;
  return k !== null && k >= 0n && k < 64n ? Number(k) : null;
}

const LOW_OPS = new Set<A.BinOpName>(["Add", "Sub", "Mult", "BitAnd", "BitOr", "BitXor"]);

/** Operations whose low 64 bits come from their operands' low 64 bits (see the file comment). */
export function lowOp(e: A.Expr): boolean {
  if (e.kind === "BinOp") return LOW_OPS.has(e.op) || lowShift(e) !== null || isMod64(e);
  return e.kind === "UnaryOp" && (e.op === "USub" || e.op === "Invert" || e.op === "UAdd");
}

/**
 * Check that E can be computed modulo 2**64: wrapping operations down to leaves that are exact
 * ints (i64 or u64). Throws NotSpec with the reason otherwise.
 */
export function checkLow64(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Cx): void {
  if (e.kind === "BinOp" && lowOp(e)) {
    checkLow64(e.left, env, cx);
    if (!isMod64(e) && lowShift(e) === null) checkLow64(e.right, env, cx);
    return;
  }
  if (e.kind === "UnaryOp" && lowOp(e)) return checkLow64(e.operand, env, cx);
  if (e.kind === "Constant" && e.value.t === "int" && (intConst(e.value) !== null || isU64Literal(e.value))) return;
  const r = exprRepOf(e, env, cx);
  if (!isInt(r)) throw new NotSpec(`operand of a masked int expression is ${r}`);
}

/** Try the exact representation of e (null when it has none). */
function tryRep(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Cx): SpecRep | null {
  try { return exprRepOf(e, env, cx); } catch (err) { if (err instanceof NotSpec) return null; throw err; }
}

function maskParts(e: A.ExprOf<"BinOp">, env: ReadonlyMap<string, SpecRep>, cx: Cx) {
  const l = tryRep(e.left, env, cx), r = tryRep(e.right, env, cx);
  const kl = constInt(e.left), kr = constInt(e.right);
  const maskL = l === "u64" || (kl !== null && kl >= 0n && kl < TWO64);
  const maskR = r === "u64" || (kr !== null && kr >= 0n && kr < TWO64);
  return { l, r, kl, kr, maskL, maskR };
}

/** `E % 2**64`, or `E & M` with M a u64 or a constant in [0, 2**64): E is computed modulo 2**64. */
export function isMasked(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Cx): boolean {
  if (e.kind !== "BinOp") return false;
  if (isMod64(e)) return true;
  if (e.op !== "BitAnd") return false;
  const m = maskParts(e, env, cx);
  return m.maskL || m.maskR;
}

/**
 * The representation of a BinOp that involves u64 or masking, or null when the ordinary int and
 * float rules apply. `E & M` with M a u64 (or a non-negative int64 constant) and `E % 2**64`
 * compute E modulo 2**64.
 */
export function u64BinRep(e: A.ExprOf<"BinOp">, env: ReadonlyMap<string, SpecRep>, cx: Cx): SpecRep | null {
  if (isMod64(e)) { checkLow64(e.left, env, cx); return "u64"; }
  if (e.op === "BitAnd") {
    const { l, r, kl, kr, maskL, maskR } = maskParts(e, env, cx);
    if (maskL || maskR) {
      checkLow64(e.left, env, cx);
      checkLow64(e.right, env, cx);
      // a mask below 2**63 keeps the result in int64
      const small = (k: bigint | null, rep: SpecRep | null): boolean => k !== null && k <= INT64_MAX && rep !== "u64";
      return (maskL && small(kl, l)) || (maskR && small(kr, r)) ? "i64" : "u64";
    }
    return null;
  }
  const l = exprRepOf(e.left, env, cx), r = exprRepOf(e.right, env, cx);
  if (l !== "u64" && r !== "u64") return null;
  if (!isInt(l) || !isInt(r)) return null; // with a float: the float rules (the u64 converts exactly)
  // otherwise null: the ordinary int rules, the u64 operand converted to int64 under a guard
  return u64Op(e, l) ? "u64" : null;
}

/** Operations that keep a u64 result when one operand (the left, for shifts and division) is u64. */
export function u64Op(e: A.ExprOf<"BinOp">, l: SpecRep): boolean {
  switch (e.op) {
    case "BitOr": case "BitXor": return true; // an int64 operand is guarded non-negative
    case "RShift": return l === "u64";
    case "FloorDiv": case "Mod": {
      const k = constInt(e.right);
      return l === "u64" && k !== null && k > 0n && k <= INT64_MAX;
    }
    default: return false;
  }
}
