/**
 * Local analyses of a specialized function's body, run after representation inference
 * (types.ts): which int locals are accumulators (128-bit registers), which are never negative,
 * and which locals are lists the function builds itself.
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc } from "../bind/index.ts";
import { walk, type AnyNode } from "../syntax/visit.ts";
import { intConst, type SpecRep } from "./types.ts";
import { reversedArg } from "./reversed.ts";

/**
 * int locals used only as accumulators: assigned, `+=`/`-=` an int, and returned as they are.
 * They live in 128-bit registers, so a sum that passes 2**63 (the big-int canary) keeps running
 * unboxed; past 2**127 the add's guard deopts as any overflow does.
 */
export function accumulators(f: BoundFunc, env: ReadonlyMap<string, SpecRep>): string[] {
  const params = new Set(f.slots);
  const ok = new Set([...env].filter(([n, r]) => r === "i64" && !params.has(n) && !n.startsWith(".")).map(([n]) => n));
  const allowedLoads = new Set<A.Expr>();
  const visitStmt = (s: A.Stmt): void => {
    if (s.kind === "Return" && s.value?.kind === "Name") allowedLoads.add(s.value);
    if (s.kind === "AugAssign" && s.target.kind === "Name" && s.op !== "Add" && s.op !== "Sub") ok.delete(s.target.name);
    if (s.kind === "For" && s.target.kind === "Name") ok.delete(s.target.name);
  };
  for (const s of f.def.body) walk(s, (n) => { if (isStmt(n)) visitStmt(n); });
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "Name" && n.ctx === "Load" && !allowedLoads.has(n as A.Expr)) ok.delete(n.name);
    });
  }
  return [...ok];
}

/**
 * Is e >= 0 whenever it has a value? (Overflow needs no thought: it deopts.) Python's floor
 * `%` by a positive constant is always in [0, c); `&` with a non-negative mask is too.
 */
export function isNonNeg(e: A.Expr, nonneg: ReadonlySet<string>): boolean {
  const pos = (x: A.Expr): boolean => x.kind === "Constant" && (intConst(x.value) ?? 0n) > 0n;
  switch (e.kind) {
    case "Constant": return (intConst(e.value) ?? -1n) >= 0n;
    case "Name": return nonneg.has(e.name);
    case "BinOp":
      switch (e.op) {
        case "Add": case "Mult": return isNonNeg(e.left, nonneg) && isNonNeg(e.right, nonneg);
        case "Mod": return pos(e.right);
        case "FloorDiv": case "RShift": return isNonNeg(e.left, nonneg) && isNonNeg(e.right, nonneg) && (e.op === "RShift" || pos(e.right));
        case "BitAnd": return isNonNeg(e.left, nonneg) || isNonNeg(e.right, nonneg);
        default: return false;
      }
    case "Call": return e.func.kind === "Name" && (e.func.name === "len" || e.func.name === "abs");
    default: return false;
  }
}

/**
 * The int locals every assignment of which is non-negative (a range loop variable counts when
 * the range starts at >= 0 and steps up): assume all, drop violators until nothing changes.
 */
export function nonNegativeLocals(f: BoundFunc, env: ReadonlyMap<string, SpecRep>): Set<string> {
  const set = new Set([...env].filter(([n, r]) => r === "i64" && !f.slots.includes(n)).map(([n]) => n));
  const ok = (s: A.Stmt): string | null => {
    if (s.kind === "Assign") {
      for (const t of s.targets) {
        if (t.kind === "Name" && set.has(t.name) && (s.targets.length > 1 || !isNonNeg(s.value, set))) return t.name;
        // unpacking (q, r = divmod(...)): no claim about the parts
        if (t.kind === "Tuple") for (const x of t.elts) if (x.kind === "Name" && set.has(x.name)) return x.name;
      }
    } else if (s.kind === "AugAssign" && s.target.kind === "Name" && set.has(s.target.name)) {
      const grows = (s.op === "Add" || s.op === "Mult") && isNonNeg(s.value, set);
      const shrinks = (s.op === "FloorDiv" || s.op === "Mod") && s.value.kind === "Constant" && (intConst(s.value.value) ?? 0n) > 0n;
      if (!grows && !shrinks) return s.target.name;
    } else if (s.kind === "AnnAssign" && s.target.kind === "Name" && set.has(s.target.name)) {
      if (s.value && !isNonNeg(s.value, set)) return s.target.name;
    } else if (s.kind === "For" && s.target.kind === "Name" && set.has(s.target.name)) {
      // reversed(range(...)) takes the same values, last to first
      const it = reversedArg(s.iter, f) ?? s.iter;
      const rangeOk = it.kind === "Call" && it.func.kind === "Name" && it.func.name === "range" &&
        (it.args.length === 1 || (isNonNeg(it.args[0]!, set) &&
          (it.args.length === 2 || (it.args[2]!.kind === "Constant" && (intConst(it.args[2]!.value) ?? 0n) > 0n))));
      if (!rangeOk) return s.target.name;
    }
    return null;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const s of f.def.body) {
      walk(s, (n) => {
        if (!isStmt(n)) return;
        const bad = ok(n);
        if (bad !== null && set.delete(bad)) changed = true;
      });
    }
  }
  return set;
}

const STMT_KINDS = new Set(["Return", "AugAssign", "For", "Assign", "If", "While", "Expr", "AnnAssign", "Pass", "Break", "Continue"]);
const isStmt = (n: AnyNode): n is A.Stmt => STMT_KINDS.has(n.kind);

/**
 * `xs = []` or `xs = [a, b]` (a display without starred items) as the only way a local is bound
 * (then `xs.append(v)`, `len(xs)`, `return xs`). The items of a display must be typed values
 * (facts/types.ts checks them; else that statement is generic, which binds the same list).
 */
export function isNewList(e: A.Expr): boolean {
  return e.kind === "List" && e.elts.every((x) => x.kind !== "Starred");
}

/**
 * `xs = [...]` or `xs: list[float] = [...]` binding a new list to one local (a local's annotation
 * is never evaluated in a function: the two statements do the same), else null.
 */
export function newListBinding(s: AnyNode): { name: string; value: A.ExprOf<"List"> } | null {
  const t = s.kind === "Assign" && s.targets.length === 1 ? s.targets[0]! : s.kind === "AnnAssign" && s.value ? s.target : null;
  const v = s.kind === "Assign" || s.kind === "AnnAssign" ? s.value : null;
  return t?.kind === "Name" && v && isNewList(v) ? { name: t.name, value: v as A.ExprOf<"List"> } : null;
}

export function newListLocals(f: BoundFunc): Set<string> {
  const yes = new Set<string>(), no = new Set<string>(f.slots);
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "AnnAssign" && newListBinding(n)) {
        yes.add(newListBinding(n)!.name);
      } else if (n.kind === "Assign") {
        for (const t of n.targets) if (t.kind === "Name") (isNewList(n.value) && n.targets.length === 1 ? yes : no).add(t.name);
      } else if ((n.kind === "AugAssign" || n.kind === "AnnAssign" || n.kind === "For") && n.target.kind === "Name") {
        no.add(n.target.name);
      }
    });
  }
  return new Set([...yes].filter((x) => !no.has(x)));
}

/** `xs.append(v)` on a new-list local. */
export function appendCall(e: A.Expr, listLocals: ReadonlySet<string>): { list: string; value: A.Expr } | null {
  if (e.kind !== "Call" || e.func.kind !== "Attribute" || e.func.attr !== "append" || e.func.value.kind !== "Name") return null;
  if (!listLocals.has(e.func.value.name) || e.args.length !== 1 || e.keywords.length) return null;
  return { list: e.func.value.name, value: e.args[0]! };
}

/**
 * What the items of each new-list local are expected to be: the one representation (int64, float
 * or bool) of every value the function puts in it -- display items and `xs.append(v)` arguments,
 * typed by `repOf` (null: untyped). Only a read hint: `xs[i]` is then read unboxed under a guard
 * that the item is exactly of that type (a list that escaped may hold anything; a failing guard
 * runs the statement generically), so no value needs proving here.
 */
export function listLocalItems(
  f: BoundFunc, listLocals: ReadonlySet<string>, repOf: (e: A.Expr) => SpecRep | null, strict: boolean,
): Map<string, SpecRep> {
  const seen = new Map<string, SpecRep | null>();
  const put = (name: string, e: A.Expr): void => {
    const r = repOf(e);
    // (not strict: a value that does not type yet -- `alpha * v + out[-1]` reading the list
    // itself -- is skipped; the caller confirms the hints strictly with them in place)
    if (r === null && !strict) return;
    const ok = r === "i64" || r === "f64" || r === "bool";
    seen.set(name, ok && (!seen.has(name) || seen.get(name) === r) ? r : null);
  };
  for (const s of f.def.body) {
    walk(s, (n) => {
      const nl = newListBinding(n);
      if (nl && listLocals.has(nl.name)) for (const e of nl.value.elts) put(nl.name, e);
      const ap = n.kind === "Call" ? appendCall(n, listLocals) : null;
      if (ap) put(ap.list, ap.value);
      return true;
    });
  }
  return new Map([...seen].filter((e): e is [string, SpecRep] => e[1] !== null));
}

/** `xs = [0.0] * n` (or `n * [0]`): locals bound only there, with their item representation. */
export function repeatedLists(f: BoundFunc): Map<string, { rep: SpecRep; stmt: number }> {
  const defs = new Map<string, { rep: SpecRep; stmt: number } | null>();
  const targets = new Set<A.Expr>();
  const item = (e: A.Expr): SpecRep | null => {
    if (e.kind !== "List" || e.elts.length !== 1 || e.elts[0]!.kind !== "Constant") return null;
    const v = (e.elts[0] as A.ExprOf<"Constant">).value;
    return v.t === "float" ? "f64" : v.t === "bool" ? "bool" : intConst(v) !== null ? "i64" : null;
  };
  const others = new Set<string>(f.slots);
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "Assign" && n.targets.length === 1 && n.targets[0]!.kind === "Name" && n.value.kind === "BinOp" && n.value.op === "Mult") {
        const rep = item(n.value.left) ?? item(n.value.right);
        if (rep) {
          const name = n.targets[0]!.name;
          defs.set(name, defs.has(name) ? null : { rep, stmt: n.id });
          targets.add(n.targets[0]!);
        }
      } else if (n.kind === "Name" && n.ctx !== "Load" && !targets.has(n as A.Expr)) {
        others.add(n.name);
      }
      return true;
    });
  }
  return new Map([...defs].filter((e): e is [string, { rep: SpecRep; stmt: number }] => e[1] !== null && !others.has(e[0]) && !f.globals.has(e[0])));
}

/**
 * Locals that only ever hold a row of a list[list[T]] parameter (`for row in matrix`): lists
 * whose items the body may take as T, each item still guarded when it is unboxed.
 */
export function seqLocals(f: BoundFunc, lists: ReadonlyMap<string, SpecRep>, rowsOf: ReadonlyMap<string, SpecRep>): Map<string, SpecRep> {
  const rows = new Map<string, SpecRep | null>();
  const loopTargets = new Set<A.Expr>();
  const otherStores = new Set<string>(f.slots);
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "For" && n.target.kind === "Name" && n.iter.kind === "Name" && rowsOf.has(n.iter.name)) {
        const r = rowsOf.get(n.iter.name)!, name = n.target.name;
        rows.set(name, rows.has(name) && rows.get(name) !== r ? null : r);
        loopTargets.add(n.target);
      } else if (n.kind === "Assign" && n.targets.length === 1 && n.targets[0]!.kind === "Name" && n.value.kind === "Subscript" &&
          n.value.value.kind === "Name" && rowsOf.has(n.value.value.name) && n.value.slice.kind !== "Slice") {
        // row = a[i]: the statement runs generically (IndexError and all); row then holds a's item
        const r = rowsOf.get(n.value.value.name)!, name = n.targets[0]!.name;
        rows.set(name, rows.has(name) && rows.get(name) !== r ? null : r);
        loopTargets.add(n.targets[0]!);
      } else if (n.kind === "Name" && n.ctx !== "Load" && !loopTargets.has(n as A.Expr)) {
        otherStores.add(n.name);
      }
      return true;
    });
  }
  return new Map([...rows].filter((e): e is [string, SpecRep] => e[1] !== null && !otherStores.has(e[0]) && !lists.has(e[0])));
}
