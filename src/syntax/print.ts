/**
 * Stable, compact text dump of our AST (`spyc build --dump=ast`, golden tests).
 *
 * In:  `ast.Module` and its `SourceFile`. Out: a string, one node per line:
 *   `Kind@line:col scalar=value ...`, child nodes on indented lines as `field: Kind@…` or
 *   `field[i]: Kind@…`. Lines are 1-based, columns 0-based in JS string units (LineMap).
 * Field order follows CPython's `_fields` (FIELD_ORDER, also used by the differential test);
 * null fields and empty lists are omitted so dumps stay short; Constants print their `py`.
 */
import type { Module } from "./ast.ts";
import { LineMap, type SourceFile } from "./source.ts";

/** CPython 3.11 `_fields` per node kind, plus our extra fields (ExceptHandler.star, Unsupported.what) */
export const FIELD_ORDER: Readonly<Record<string, readonly string[]>> = {
  Module: ["body"],
  FunctionDef: ["name", "args", "body", "decorator_list", "returns"],
  AsyncFunctionDef: ["name", "args", "body", "decorator_list", "returns"],
  ClassDef: ["name", "bases", "keywords", "body", "decorator_list"],
  Return: ["value"], Delete: ["targets"], Assign: ["targets", "value"],
  AugAssign: ["target", "op", "value"], AnnAssign: ["target", "annotation", "value", "simple"],
  For: ["target", "iter", "body", "orelse"], AsyncFor: ["target", "iter", "body", "orelse"],
  While: ["test", "body", "orelse"], If: ["test", "body", "orelse"],
  With: ["items", "body"], AsyncWith: ["items", "body"], Raise: ["exc", "cause"],
  Try: ["body", "handlers", "orelse", "finalbody"], Assert: ["test", "msg"],
  Import: ["names"], ImportFrom: ["module", "names", "level"], Global: ["names"], Nonlocal: ["names"],
  Expr: ["value"], Pass: [], Break: [], Continue: [],
  BoolOp: ["op", "values"], NamedExpr: ["target", "value"], BinOp: ["left", "op", "right"],
  UnaryOp: ["op", "operand"], Lambda: ["args", "body"], IfExp: ["test", "body", "orelse"],
  Dict: ["keys", "values"], Set: ["elts"], ListComp: ["elt", "generators"], SetComp: ["elt", "generators"],
  DictComp: ["key", "value", "generators"], GeneratorExp: ["elt", "generators"],
  Await: ["value"], Yield: ["value"], YieldFrom: ["value"],
  Compare: ["left", "ops", "comparators"], Call: ["func", "args", "keywords"],
  FormattedValue: ["value", "conversion", "format_spec"], JoinedStr: ["values"], Constant: ["value"],
  Attribute: ["value", "attr", "ctx"], Subscript: ["value", "slice", "ctx"], Starred: ["value", "ctx"],
  Name: ["name", "ctx"], List: ["elts", "ctx"], Tuple: ["elts", "ctx"], Slice: ["lower", "upper", "step"],
  comprehension: ["target", "iter", "ifs", "is_async"], ExceptHandler: ["type", "name", "body", "star"],
  arguments: ["posonlyargs", "args", "vararg", "kwonlyargs", "kw_defaults", "kwarg", "defaults"],
  arg: ["arg", "annotation"], keyword: ["arg", "value"], alias: ["name", "asname"],
  withitem: ["context_expr", "optional_vars"], Unsupported: ["what"],
};

interface AnyNode { readonly kind: string; readonly span?: { start: number; end: number }; readonly [k: string]: unknown }

function isNode(v: unknown): v is AnyNode {
  return typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string";
}

/** `py` text of a constant, or its keyword spelling */
export function constText(v: unknown): string {
  const c = v as { t: string; py?: string; value?: boolean };
  switch (c.t) {
    case "bool": return c.value ? "True" : "False";
    case "None": return "None";
    case "Ellipsis": return "...";
    default: return c.py ?? "?";
  }
}

export function printAst(module: Module, file: SourceFile): string {
  const lm = new LineMap(file.text);
  const out: string[] = [];
  const head = (n: AnyNode): string => {
    let s = n.kind;
    if (n.span) s += `@${lm.line(n.span.start)}:${lm.col(n.span.start)}`;
    if (n.kind === "Constant") return `${s} ${constText(n["value"]).replace(/\r/g, "\\r").replace(/\n/g, "\\n")}`;
    for (const f of FIELD_ORDER[n.kind] ?? []) {
      const v = n[f];
      if (v === null || v === undefined || isNode(v) || Array.isArray(v) && (v.length === 0 || v.some((x) => isNode(x) || x === null))) continue;
      if (f === "star" && v === false) continue;
      s += ` ${f}=${Array.isArray(v) ? `[${v.map(scalar).join(", ")}]` : scalar(v)}`;
    }
    return s;
  };
  const walk = (n: AnyNode, label: string, indent: string): void => {
    out.push(`${indent}${label}${head(n)}`);
    const inner = indent + "  ";
    for (const f of FIELD_ORDER[n.kind] ?? []) {
      const v = n[f];
      if (isNode(v)) walk(v, `${f}: `, inner);
      else if (Array.isArray(v) && v.some((x) => isNode(x) || x === null)) {
        v.forEach((x: unknown, i) => {
          if (isNode(x)) walk(x, `${f}[${i}]: `, inner);
          else out.push(`${inner}${f}[${i}]: None`);
        });
      }
    }
  };
  walk(module as unknown as AnyNode, "", "");
  return out.join("\n") + "\n";
}

function scalar(v: unknown): string {
  if (typeof v === "string") return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(v) ? v : JSON.stringify(v);
  return String(v);
}
