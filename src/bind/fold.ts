/**
 * Which set displays CPython's compiler folds into a frozenset constant (issue 16).
 *
 * CPython 3.11–3.13 turn `{c1, c2, c3, ...}` (three or more items, all constants once its AST
 * optimizer has folded `-1`, `not 0`, `(1, 2)`, …) into `BUILD_SET 0; LOAD_CONST frozenset;
 * SET_UPDATE`, and `x in {c, ...}` (the last operator of a comparison) and `for x in {c, ...}` of
 * any size into the frozenset itself. The frozenset is built when the code object is made (and
 * rebuilt by the compiler's constant merging), so its iteration order is not that of adding the
 * items one at a time in source order. Compiled code takes that very frozenset from the Python
 * function's `co_consts` (specializer/src/function.c, `spz_folded_set`).
 *
 * `foldKind` says, per item: "const" when CPython certainly folds it to a constant, "no" when it
 * certainly does not (a name, a call, a star, an f-string, …), "unsure" for constant expressions
 * whose folding depends on the optimizer's limits (`2 ** 100`, `'a' * 3`, `1 if 2 else 3`). A
 * display whose order depends on an unsure item keeps its function interpreted (bind/index.ts).
 */
import type * as A from "../syntax/ast.ts";
import { InternalError } from "../diag/types.ts";

export type Fold = "const" | "no" | "unsure";

/** Python source of a constant's value (the consts pool evaluates it at import). */
export function constPy(v: A.ConstValue): string {
  switch (v.t) {
    case "bool": return v.value ? "True" : "False";
    case "None": return "None";
    case "Ellipsis": return "...";
    default: return v.py;
  }
}

const NUMERIC = new Set(["int", "float", "complex", "bool"]);

export function foldKind(e: A.Expr): Fold {
  switch (e.kind) {
    case "Constant":
      return "const";
    case "UnaryOp": {
      const k = foldKind(e.operand);
      if (k === "no") return "no";
      if (k === "unsure" || e.operand.kind !== "Constant") return "unsure";
      const t = e.operand.value.t;
      if (e.op === "Not") return "const";
      if (e.op === "Invert") return t === "int" ? "const" : "unsure";
      return NUMERIC.has(t) ? "const" : "unsure";
    }
    case "Tuple": {
      if (e.ctx !== "Load") return "no";
      let out: Fold = "const";
      for (const x of e.elts) {
        const k = foldKind(x);
        if (k === "no") return "no";
        if (k === "unsure") out = "unsure";
      }
      return out;
    }
    case "BinOp":
      return worst([e.left, e.right]);
    case "BoolOp":
      return worst(e.values);
    case "Compare":
      return worst([e.left, ...e.comparators]);
    case "IfExp":
      return worst([e.test, e.body, e.orelse]);
    case "Subscript":
      return worst([e.value, e.slice]);
    case "Slice":
      return worst([e.lower, e.upper, e.step].filter((x): x is A.Expr => x !== null));
    default:
      return "no";
  }
}

/** an expression made only of constants is "unsure"; anything else in it makes it "no" */
function worst(xs: readonly A.Expr[]): Fold {
  for (const x of xs) if (foldKind(x) === "no") return "no";
  return "unsure";
}

/** The fold kind of a whole set display's items: "const" only when every item is. */
export function setFold(elts: readonly A.Expr[]): Fold {
  let out: Fold = "const";
  for (const x of elts) {
    const k = x.kind === "Starred" ? "no" : foldKind(x);
    if (k === "no") return "no";
    if (k === "unsure") out = "unsure";
  }
  return out;
}

/** Python source of a "const" item's value. */
export function foldedPy(e: A.Expr): string {
  switch (e.kind) {
    case "Constant": return constPy(e.value);
    case "UnaryOp": {
      const op = e.op === "Not" ? "not " : e.op === "USub" ? "-" : e.op === "UAdd" ? "+" : "~";
      return `(${op}${foldedPy(e.operand)})`;
    }
    case "Tuple": return `(${e.elts.map(foldedPy).join(", ")}${e.elts.length === 1 ? "," : ""})`;
    default: throw new InternalError(`foldedPy: ${e.kind} is not a folded constant`, e.span);
  }
}
