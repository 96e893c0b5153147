/**
 * Object arguments and object results of direct calls (facts/index.ts withDirectCalls): a callee
 * parameter annotated with a class, a container or anything else that is no unboxed scalar is
 * passed as the caller's object, borrowed. The callee's direct entry skips its contract checks, so
 * the call site must establish them: either the caller proves the contract (`provenArg`: its own
 * parameter, never rebound, under the same annotation -- the caller's entry checked exactly that)
 * or the site asks the callee's contract plan at run time (`spz_direct_arg_ok`, spz/direct.h),
 * and a failure makes the generic call, which raises the contract's own TypeError.
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc } from "../bind/index.ts";
import { walk } from "../syntax/visit.ts";
import { directCallKey, type Cx } from "./types.ts";

/**
 * A structural key of an annotation (names, attributes, subscripts, `|`, str constants), or null
 * for anything else. Two equal keys resolve alike: annotation names are module-level bindings
 * assigned once (contracts-spec 6.2), both functions live in one module.
 */
export function annKey(e: A.Expr | null): string | null {
  if (!e) return null;
  switch (e.kind) {
    case "Name": return e.name;
    case "Attribute": { const v = annKey(e.value); return v === null ? null : `${v}.${e.attr}`; }
    case "Constant": return e.value.t === "str" ? `'${e.value.text ?? ""}'` : e.value.t === "None" ? "None" : null;
    case "BinOp": {
      const l = annKey(e.left), r = annKey(e.right);
      return e.op === "BitOr" && l !== null && r !== null ? `${l}|${r}` : null;
    }
    case "Subscript": {
      const v = annKey(e.value), s = e.slice.kind === "Tuple" ? e.slice.elts.map(annKey) : [annKey(e.slice)];
      return v === null || s.some((x) => x === null) ? null : `${v}[${s.join(",")}]`;
    }
    default: return null;
  }
}

/** Names the body binds or deletes anywhere (a parameter among them no longer holds its argument). */
function reboundNames(f: BoundFunc): Set<string> {
  const out = new Set<string>();
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "Name" && n.ctx !== "Load") out.add(n.name);
      if (n.kind === "alias") out.add(n.asname ?? n.name.split(".")[0]!);
      if (n.kind === "ExceptHandler" && n.name) out.add(n.name);
      return true;
    });
  }
  return out;
}

/**
 * Whether the caller's local `name` is a parameter that still holds its argument, checked
 * against annotation key `want` on entry: then the callee's contract of the same key holds.
 */
export function provenArg(f: BoundFunc, name: string, want: string | null): boolean {
  if (want === null) return false;
  const a = f.def.args;
  const p = [...a.posonlyargs, ...a.args, ...a.kwonlyargs].find((x) => x.arg === name);
  return p !== undefined && annKey(p.annotation) === want && !reboundNames(f).has(name);
}

/**
 * A return annotation whose value a direct call passes back as an object: None, or a class
 * defined at module level (its contract, applied at the site, checks the exact type/isinstance).
 */
export function objectReturn(r: A.Expr | null, module: A.Module): boolean {
  if (r === null) return false;
  if (r.kind === "Constant" && r.value.t === "None") return true;
  const name = r.kind === "Name" ? r.name : r.kind === "Constant" && r.value.t === "str" ? r.value.text ?? "" : "";
  return module.body.some((s) => s.kind === "ClassDef" && s.name === name);
}

/** Which arguments of a direct call anf.ts computes into temporaries: object ones that are no name. */
export function heldObjArgs(e: A.ExprOf<"Call">, cx: Pick<Cx, "callees" | "objs" | "f">): boolean[] {
  const key = directCallKey(e, cx);
  const k = key === null ? undefined : cx.callees.get(key);
  return k === undefined ? [] : e.args.map((a, i) => k.params[i] === "obj" && a.kind !== "Name" && a.kind !== "Starred");
}
