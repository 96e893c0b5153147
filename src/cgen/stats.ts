/**
 * Guard sites for runtime statistics (SPYC_STATS, specializer/src/stats.c): every op with a deopt
 * edge, and the "came back boxed" edge of a direct call, gets one entry of the module's static
 * table `pyc_stat_sites` (line, column, what the guard checks, function). Generated code counts a
 * failure on that edge only (SPZ_STAT_FAIL, spz/stats.h), so the hot path is unchanged.
 * The IR is not changed: a site is (function, block, op, edge), numbered in module order.
 */
import { primByHelper } from "../prims/table.ts";
import type * as IR from "../ir/types.ts";
import { cString } from "./writer.ts";

export const STAT_SITES = "pyc_stat_sites";

export type StatEdge = "fail" | "boxed";

export interface StatSite {
  readonly line: number;
  readonly col: number;
  readonly guard: string;
  readonly func: string;
}

export interface StatSites {
  readonly sites: readonly StatSite[];
  /** site number of (function index, block, op index, edge) */
  readonly index: ReadonlyMap<string, number>;
}

export const statKey = (f: number, b: IR.BlockId, op: number, edge: StatEdge): string => `${f}:${b}:${op}:${edge}`;

export function collectStatSites(m: IR.ModuleIR): StatSites {
  const lines = m.source.split("\n");
  const sites: StatSite[] = [];
  const index = new Map<string, number>();
  const add = (f: IR.FuncIR, b: IR.Block, i: number, op: IR.Op, edge: StatEdge): void => {
    const text = lines[op.line - 1] ?? "";
    const col = op.line > 0 ? text.length - text.trimStart().length + 1 : 0;
    index.set(statKey(f.index, b.id, i, edge), sites.length);
    sites.push({ line: op.line, col, guard: describeGuard(op, f, m, edge), func: f.qualname });
  };
  for (const f of m.funcs) {
    for (const b of f.blocks) {
      b.ops.forEach((op, i) => {
        if ("onFail" in op) add(f, b, i, op, "fail");
        if (op.kind === "call_direct") add(f, b, i, op, "boxed");
      });
    }
  }
  return { sites, index };
}

/** The module's table (one zeroed sentinel entry, so an empty module still has an array). */
export function emitStatTable(s: StatSites): string {
  const rows = s.sites.map((x) => `    {${x.line}, ${x.col}, ${cString(x.guard)}, ${cString(x.func)}, 0},`);
  return [`PYC_L SpzStatSite ${STAT_SITES}[${s.sites.length + 1}] = {`, ...rows, "    {0, 0, NULL, NULL, 0}", "};", ""].join("\n");
}

const OPS: Record<string, string> = {
  add: "+", sub: "-", mul: "*", floordiv: "//", mod: "%", lshift: "<<", rshift: ">>", neg: "unary -", abs: "abs()",
};

/** What a guard checks, in the user's terms. */
export function describeGuard(op: IR.Op, f: IR.FuncIR, m: IR.ModuleIR, edge: StatEdge): string {
  const name = (i: number): string => m.consts[i]?.py.replace(/^'(.*)'$/, "$1") ?? "?";
  switch (op.kind) {
    case "guarded": {
      const row = primByHelper(op.fn);
      if (row?.guard) return row.guard;
      const ovf = /^spz_i(64|128)_([a-z]+)_ovf$/.exec(op.fn);
      if (ovf) return `int${ovf[1]} overflow in ${OPS[ovf[2]!] ?? ovf[2]}`;
      const item = /^spz_(list|tuple)_get_(\w+)$/.exec(op.fn);
      if (item) return `${item[1]} item is ${item[2]} (and index in range)`;
      const conv = /^spz_f64_(\w+)_i64$/.exec(op.fn);
      if (conv) return `float ${conv[1]}() fits int64`;
      const fdiv = /^spz_f64_(\w+)$/.exec(op.fn);
      if (op.fn === "spz_truth_exact") return "local is a list, tuple, dict, deque, None or bool (its truth in C)";
      if (op.fn === "spz_is_none" || op.fn === "spz_is_not_none") return "local is bound";
      if (fdiv) return `float ${OPS[fdiv[1]!] ?? fdiv[1]} by zero`;
      return op.fn;
    }
    case "guard": {
      if (op.why) return op.why;
      const t = op.text;
      if (t === "$0") return "local is bound";
      if (t.includes("spz_i64_fits_double")) return "int is exact as float";
      if (t.includes("PyList_GET_SIZE")) return "list index in range";
      if (t === "$0 != 0") return "range() step is not 0";
      if (t === "$0 != NULL") return "value is present";
      return `condition ${t.replace(/\s+/g, " ").slice(0, 40)}`;
    }
    case "guard_builtin": return `${op.which} is the builtin`;
    case "unbox": {
      const local = f.regs[op.src]?.local;
      const rep = f.regs[op.dst]?.rep ?? "?";
      return `${local ?? "value"} is ${rep === "i64" ? "an int in int64" : rep === "f64" ? "a float" : rep}`;
    }
    case "call_direct":
      return edge === "boxed" ? `${name(op.name)}() result came back boxed`
        : `${name(op.name)} is the compiled function${op.checks?.length ? " and its object arguments pass its contract" : ""}`;
    case "slot_get": return `.${name(op.name)} slot of the expected type`;
    case "str_eq": return `.${name(op.name)} slot holding a str, compared with a str`;
    case "dict_item": return `dict of str keys holding the key${op.attr !== null ? ` (.${name(op.attr)} a plain slot)` : ""}, the item a ${f.regs[op.dst]?.rep === "f64" ? "float" : "int in int64"}`;
    case "slot_item": return `.${name(op.name)} slot holding a list, the item in range and of the expected type`;
    case "slot_item_set": return `.${name(op.name)} slot holding a list, the index in range`;
    case "slot_set": return `.${name(op.name)} record field store of the expected type`;
    case "layout_guard": return `${op.objs.map((o) => f.regs[o.obj]?.local ?? "object").join(", ")} of the expected layout`;
    case "guard_direct": return `${name(op.name)} is the compiled function (inlined)`;
    case "global_num": return op.len ? `global ${name(op.name)} is a tuple or list` : `global ${name(op.name)}${op.attr !== null ? `.${name(op.attr)}` : ""} is a ${f.regs[op.dst]?.rep === "f64" ? "float" : f.regs[op.dst]?.rep === "bool" ? "bool" : "int in int64"}`;
    default: return op.kind;
  }
}
