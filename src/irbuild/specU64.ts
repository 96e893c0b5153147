/**
 * Specialized lowering of masked 64-bit int arithmetic (the u64 representation, facts/u64.ts):
 * operands of a mask computed modulo 2**64 in wrapping C uint64 arithmetic, and the guarded
 * conversions where a u64 meets int64 code.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import { constInt, isMod64, lowOp, lowShift, TWO64 } from "../facts/u64.ts";
import { InternalError } from "../diag/types.ts";
import { type SCtx, cx, deopt, line } from "./specCtx.ts";
import { expr } from "./specExpr.ts";

const LOW_C: Partial<Record<A.BinOpName, string>> = { Add: "+", Sub: "-", Mult: "*", BitAnd: "&", BitOr: "|", BitXor: "^" };

/** The low 64 bits of e as a u64 register (facts checked e with checkLow64 or typed it as an int). */
export function low64(c: SCtx, e: A.Expr): IR.RegId {
  const ln = line(c, e);
  const k = constInt(e);
  if (k !== null) {
    const r = c.b.reg("u64");
    c.b.emit({ kind: "imm", dst: r, value: `UINT64_C(${(((k % TWO64) + TWO64) % TWO64).toString()})`, line: ln });
    return r;
  }
  if (e.kind === "BinOp" && lowOp(e)) {
    if (isMod64(e)) return low64(c, e.left);
    const shift = lowShift(e);
    const l = low64(c, e.left);
    if (shift !== null) return cx(c, "u64", `$0 << ${shift}`, [l], ln);
    const r = low64(c, e.right);
    return cx(c, "u64", `$0 ${LOW_C[e.op]!} $1`, [l, r], ln);
  }
  if (e.kind === "UnaryOp" && lowOp(e)) {
    const v = low64(c, e.operand);
    return e.op === "USub" ? cx(c, "u64", "(uint64_t)0 - $0", [v], ln) : e.op === "Invert" ? cx(c, "u64", "~$0", [v], ln) : v;
  }
  return asU64Bits(c, expr(c, e), ln);
}

/** The two's-complement bits of an exact int register (an int64 reinterpreted, a u64 as is). */
function asU64Bits(c: SCtx, v: IR.RegId, ln: number): IR.RegId {
  const rep = c.b.regs[v]!.rep;
  if (rep === "u64") return v;
  if (rep !== "i64") throw new InternalError(`specializer: masked operand of representation ${rep}`);
  return cx(c, "u64", "(uint64_t)$0", [v], ln);
}

/** An int register as u64: an int64 must be non-negative (else deopt; the generic code runs). */
export function asU64(c: SCtx, v: IR.RegId, ln: number): IR.RegId {
  if (c.b.regs[v]!.rep === "u64") return v;
  c.b.emit({ kind: "guard", text: "$0 >= 0", args: [v], onFail: deopt(c), line: ln });
  return cx(c, "u64", "(uint64_t)$0", [v], ln);
}

/** An int register as int64: a u64 must be below 2**63 (else deopt). Other reps pass through. */
export function intReg(c: SCtx, v: IR.RegId, ln: number): IR.RegId {
  if (c.b.regs[v]!.rep !== "u64") return v;
  c.b.emit({ kind: "guard", text: "$0 <= (uint64_t)INT64_MAX", args: [v], onFail: deopt(c), line: ln });
  return cx(c, "i64", "(int64_t)$0", [v], ln);
}

/** A masked BinOp (`E & M`, `E % 2**64`) of representation rep (u64, or i64 under a small mask). */
export function masked(c: SCtx, e: A.ExprOf<"BinOp">, rep: string, ln: number): IR.RegId {
  const v = isMod64(e) ? low64(c, e.left) : cx(c, "u64", "$0 & $1", [low64(c, e.left), low64(c, e.right)], ln);
  return rep === "i64" ? cx(c, "i64", "(int64_t)$0", [v], ln) : v;
}

/** `|`, `^`, `>>`, `//`, `%` (by a positive constant) with a u64 result (facts/u64.ts u64Op). */
export function u64Bin(c: SCtx, e: A.ExprOf<"BinOp">, l: IR.RegId, r: IR.RegId, ln: number): IR.RegId {
  switch (e.op) {
    case "BitOr": case "BitXor":
      return cx(c, "u64", `$0 ${e.op === "BitOr" ? "|" : "^"} $1`, [asU64(c, l, ln), asU64(c, r, ln)], ln);
    case "RShift": {
      // a negative count raises ValueError in Python: the generic code raises it
      const n = asU64(c, r, ln);
      return cx(c, "u64", "$1 >= 64 ? (uint64_t)0 : $0 >> $1", [l, n], ln);
    }
    case "FloorDiv": case "Mod":
      return cx(c, "u64", `$0 ${e.op === "Mod" ? "%" : "/"} UINT64_C(${constInt(e.right)!.toString()})`, [l], ln);
    default:
      throw new InternalError(`specializer: u64 operator ${e.op}`, e.span);
  }
}
