/**
 * Constant folding of number expressions, as CPython's compiler folds them (`2**64`, `1 << 40`,
 * `-1`, `0.5 * 3.0`): the folded value becomes one constant of the module's pool, which CPython
 * itself evaluates once at import (constants are Python source text, ConstIR), instead of being
 * computed again at every execution. Only operations that cannot raise and whose result stays
 * small (CPython's own optimizer limits results to 128 bits) are folded, so folding never moves
 * an error or a huge allocation to import time.
 * In: an expression. Out: its Python source text as a folded constant, or null.
 */
import type * as A from "../syntax/ast.ts";

const MAX_BITS = 128n;
const OPS: Partial<Record<A.BinOpName, string>> = { Add: "+", Sub: "-", Mult: "*", Pow: "**", LShift: "<<", BitAnd: "&", BitOr: "|", BitXor: "^" };

/** A folded number: its Python text and, for ints, its value (null for floats). */
interface Folded { readonly py: string; readonly int: bigint | null }

const bits = (n: bigint): bigint => BigInt((n < 0n ? -n : n).toString(2).length);

function intOf(py: string): bigint | null {
  try {
    return BigInt(py.replace(/_/g, "").replace(/^0([0-7]+)$/, "0o$1"));
  } catch {
    return null;
  }
}

function fold(e: A.Expr): Folded | null {
  switch (e.kind) {
    case "Constant":
      if (e.value.t === "int") { const n = intOf(e.value.py); return n === null ? null : { py: e.value.py, int: n }; }
      if (e.value.t === "float") return { py: e.value.py, int: null };
      return null;
    case "UnaryOp": {
      if (e.op !== "USub") return null;
      const v = fold(e.operand);
      return v && { py: `(-${v.py})`, int: v.int === null ? null : -v.int };
    }
    case "BinOp": {
      const op = OPS[e.op];
      const l = fold(e.left), r = fold(e.right);
      if (!op || !l || !r) return null;
      const py = `(${l.py} ${op} ${r.py})`;
      if (l.int === null || r.int === null) {
        // floats: + - * never raise (overflow is inf); the rest stay unfolded
        return (e.op === "Add" || e.op === "Sub" || e.op === "Mult") && (l.int === null) === (r.int === null) ? { py, int: null } : null;
      }
      const a = l.int, b = r.int;
      let v: bigint;
      switch (e.op) {
        case "Add": v = a + b; break;
        case "Sub": v = a - b; break;
        case "Mult": if (bits(a) + bits(b) > MAX_BITS) return null; v = a * b; break;
        case "Pow": if (b < 0n || bits(a) * b > MAX_BITS) return null; v = a ** b; break;
        case "LShift": if (b < 0n || bits(a) + b > MAX_BITS) return null; v = a << b; break;
        case "BitAnd": v = a & b; break;
        case "BitOr": v = a | b; break;
        case "BitXor": v = a ^ b; break;
        default: return null;
      }
      return bits(v) > MAX_BITS ? null : { py, int: v };
    }
    default:
      return null;
  }
}

/** The Python text of a foldable number expression (a BinOp or negation of constants), or null. */
export function foldedNumber(e: A.Expr): string | null {
  if (e.kind !== "BinOp" && e.kind !== "UnaryOp") return null;
  return fold(e)?.py ?? null;
}
