/**
 * Lowering of expressions, assignment targets, call arguments and parameter lists.
 *
 * In:  CST expression / pattern nodes of tree-sitter-python 0.25.
 * Out: `ast.Expr` (plus `Arguments`, `Keyword`, `Comprehension` helpers).
 * Invariants:
 *  - parentheses vanish: a parenthesized expression is lowered to its content, whose span
 *    does NOT include the parentheses (as in CPython); nodes that contain it (e.g. the BinOp
 *    of `(a+b)*c`) do start at the parenthesis, again as in CPython;
 *  - `ctx` is propagated into Store/Del targets through Tuple/List/Starred, and
 *    Attribute/Subscript values stay Load;
 *  - `a and b and c` becomes one BoolOp; `a < b < c` one Compare (tree-sitter already
 *    groups chained comparisons);
 *  - annotations (`type` nodes) are re-parsed as expressions when tree-sitter used its
 *    typing-specific rules (generic_type, union_type, …) or failed on them, so they lower
 *    exactly like any other expression;
 *  - never throws: unknown nodes and ERROR/MISSING become `Unsupported`.
 */
import type {
  Arg, Arguments, BinOpName, CmpOpName, Comprehension, Expr, ExprContext, Keyword, Span, UnaryOpName,
} from "./ast.ts";
import { parseCst, type CstNode } from "./treeSitter.ts";
import { field, fieldsOf, hasAnyError, isError, named, shiftCst, token, type Lowerer } from "./lowerCtx.ts";
import { lowerNumber, lowerString } from "./lowerString.ts";

export const BINOPS: Record<string, BinOpName> = {
  "+": "Add", "-": "Sub", "*": "Mult", "@": "MatMult", "/": "Div", "%": "Mod", "**": "Pow",
  "<<": "LShift", ">>": "RShift", "|": "BitOr", "^": "BitXor", "&": "BitAnd", "//": "FloorDiv",
};
const UNOPS: Record<string, UnaryOpName> = { "+": "UAdd", "-": "USub", "~": "Invert" };
const CMPOPS: Record<string, CmpOpName> = {
  "==": "Eq", "!=": "NotEq", "<": "Lt", "<=": "LtE", ">": "Gt", ">=": "GtE",
  "is": "Is", "is not": "IsNot", "in": "In", "not in": "NotIn",
};

/** the child holding the left operand of a postfix or binary node (where tree-sitter may put a `*`) */
const LEFT_FIELD: Record<string, string> = { subscript: "value", attribute: "object", call: "function", binary_operator: "left" };

/**
 * tree-sitter parses a lone starred item such as `[*v[1:]]`, `x = 1, *a.b` or `[*a + b]` as a
 * subscript/attribute/call/binary operation whose leftmost operand is `*v`; Python binds `*`
 * looser (`*(v[1:])`). Returns `n` with that leftmost `list_splat` replaced by its operand (the
 * nodes on the way now start where the operand starts, as CPython's do), or null when `n` has
 * no such star.
 */
function unstarLeft(n: CstNode): CstNode | null {
  const f = LEFT_FIELD[n.type];
  if (!f) return null;
  const left = field(n, f);
  if (!left) return null;
  let inner: CstNode | null;
  if (left.type === "list_splat" || left.type === "list_splat_pattern") {
    const ops = named(left);
    if (ops.length !== 1) return null;
    inner = { ...ops[0]!, field: f };
  } else {
    inner = unstarLeft(left);
  }
  if (!inner) return null;
  return { ...n, start: inner.start, children: n.children.map((c) => (c === left ? inner! : c)) };
}

export function lowerExpr(L: Lowerer, n: CstNode | null | undefined, ctx: ExprContext = "Load", parent?: Span): Expr {
  if (!n) return L.unsupportedExpr(parent ?? { start: 0, end: 0 }, "syntax error");
  if (isError(n)) return L.unsupportedExpr(n, "syntax error");
  if (n.type in LEFT_FIELD) {
    const inner = unstarLeft(n);
    if (inner) return L.expr("Starred", n, { value: lowerExpr(L, inner, ctx, n), ctx });
  }
  switch (n.type) {
    case "identifier":
      return L.expr("Name", n, { name: L.ident(n), ctx });
    case "true": return L.expr("Constant", n, { value: { t: "bool", value: true } });
    case "false": return L.expr("Constant", n, { value: { t: "bool", value: false } });
    case "none": return L.expr("Constant", n, { value: { t: "None" } });
    case "ellipsis": return L.expr("Constant", n, { value: { t: "Ellipsis" } });
    case "integer":
    case "float":
      return lowerNumber(L, n);
    case "string":
    case "concatenated_string":
      return lowerString(L, n);
    case "parenthesized_expression":
    case "parenthesized_list_splat": {
      const inner = named(n);
      if (inner.length !== 1) return L.unsupportedExpr(n, "syntax error");
      return lowerExpr(L, inner[0], ctx, n);
    }
    case "tuple_pattern": {
      // `(x)` as a target is a parenthesized name, not a 1-tuple
      const inner = named(n);
      if (inner.length === 1 && !token(n, ",")) return lowerExpr(L, inner[0], ctx, n);
      return L.expr("Tuple", n, { elts: elts(L, n, ctx), ctx });
    }
    case "tuple":
    case "pattern_list":
    case "expression_list":
      return L.expr("Tuple", n, { elts: elts(L, n, ctx), ctx });
    case "list":
    case "list_pattern":
      return L.expr("List", n, { elts: elts(L, n, ctx), ctx });
    case "set":
      return L.expr("Set", n, { elts: elts(L, n, "Load") });
    case "list_splat":
    case "list_splat_pattern": {
      const inner = named(n);
      return L.expr("Starred", n, { value: lowerExpr(L, inner[0], ctx, n), ctx });
    }
    case "dictionary": {
      const keys: (Expr | null)[] = [];
      const values: Expr[] = [];
      for (const c of named(n)) {
        if (c.type === "pair") {
          keys.push(lowerExpr(L, field(c, "key"), "Load", c));
          values.push(lowerExpr(L, field(c, "value"), "Load", c));
        } else if (c.type === "dictionary_splat") {
          keys.push(null);
          values.push(lowerExpr(L, named(c)[0], "Load", c));
        } else {
          keys.push(null);
          values.push(L.unsupportedExpr(c, "syntax error"));
        }
      }
      return L.expr("Dict", n, { keys, values });
    }
    case "list_comprehension":
    case "set_comprehension":
    case "generator_expression": {
      const elt = lowerExpr(L, field(n, "body"), "Load", n);
      const generators = comprehensions(L, n);
      const kind = n.type === "list_comprehension" ? "ListComp" : n.type === "set_comprehension" ? "SetComp" : "GeneratorExp";
      return L.expr(kind, n, { elt, generators });
    }
    case "dictionary_comprehension": {
      const body = field(n, "body");
      if (!body || body.type !== "pair") return L.unsupportedExpr(n, "syntax error");
      const key = lowerExpr(L, field(body, "key"), "Load", body);
      const value = lowerExpr(L, field(body, "value"), "Load", body);
      return L.expr("DictComp", n, { key, value, generators: comprehensions(L, n) });
    }
    case "call": {
      const func = lowerExpr(L, field(n, "function"), "Load", n);
      const a = field(n, "arguments");
      if (a && a.type === "generator_expression") {
        return L.expr("Call", n, { func, args: [lowerExpr(L, a)], keywords: [] });
      }
      const { args, keywords } = lowerCallArgs(L, a);
      return L.expr("Call", n, { func, args, keywords });
    }
    case "attribute": {
      const value = lowerExpr(L, field(n, "object"), "Load", n);
      const attr = field(n, "attribute");
      if (!attr || isError(attr)) return L.unsupportedExpr(n, "syntax error");
      return L.expr("Attribute", n, { value, attr: L.ident(attr), ctx });
    }
    case "subscript": {
      const value = lowerExpr(L, field(n, "value"), "Load", n);
      const subs = fieldsOf(n, "subscript");
      let slice: Expr;
      if (subs.length === 1 && !token(n, ",")) {
        slice = lowerSliceItem(L, subs[0]!);
        // `d[*k]` (3.11+) subscripts with a 1-tuple, as `d[*k,]` does
        if (slice.kind === "Starred") slice = L.expr("Tuple", slice.span, { elts: [slice], ctx: "Load" });
      } else if (subs.length === 0) {
        slice = L.unsupportedExpr(n, "syntax error");
      } else {
        const items = subs.map((s) => lowerSliceItem(L, s));
        // CPython's tuple spans the items (and a trailing comma), not the brackets
        const lastComma = [...n.children].reverse().find((c) => !c.named && c.type === ",");
        const end = Math.max(subs[subs.length - 1]!.end, lastComma ? lastComma.end : 0);
        slice = L.expr("Tuple", { start: subs[0]!.start, end }, { elts: items, ctx: "Load" });
      }
      return L.expr("Subscript", n, { value, slice, ctx });
    }
    case "slice":
      return lowerSliceItem(L, n);
    case "binary_operator":
      return lowerBinary(L, n);
    case "unary_operator": {
      const opn = field(n, "operator");
      const operand = lowerExpr(L, field(n, "argument"), "Load", n);
      const op = opn ? UNOPS[opn.type] : undefined;
      if (!op) return L.unsupportedExpr(n, "syntax error");
      return L.expr("UnaryOp", n, { op, operand });
    }
    case "not_operator":
      return L.expr("UnaryOp", n, { op: "Not", operand: lowerExpr(L, field(n, "argument"), "Load", n) });
    case "boolean_operator": {
      const opn = field(n, "operator");
      const op = opn?.type === "and" ? "And" : opn?.type === "or" ? "Or" : null;
      if (!op) return L.unsupportedExpr(n, "syntax error");
      // tree-sitter nests `a and b and c` to the left; CPython has one flat BoolOp.
      const operands: CstNode[] = [];
      const flatten = (c: CstNode | null): void => {
        if (c && c.type === "boolean_operator" && field(c, "operator")?.type === opn!.type) {
          flatten(field(c, "left"));
          flatten(field(c, "right"));
        } else if (c) operands.push(c);
        else operands.push(n); // missing operand: reported below as Unsupported
      };
      flatten(n);
      const values = operands.map((c) => (c === n ? L.unsupportedExpr(n, "syntax error") : lowerExpr(L, c)));
      return L.expr("BoolOp", n, { op, values });
    }
    case "comparison_operator": {
      const operands = n.children.filter((c) => c.named && c.field !== "operators");
      const ops: CmpOpName[] = [];
      for (const c of n.children) {
        if (c.field !== "operators") continue;
        const op = CMPOPS[L.src(c).replace(/\s+/g, " ")];
        if (!op) return L.unsupportedExpr(n, L.src(c) === "<>" ? "Python 2 <> operator" : "syntax error");
        ops.push(op);
      }
      if (operands.length !== ops.length + 1) return L.unsupportedExpr(n, "syntax error");
      const left = lowerExpr(L, operands[0]);
      const comparators = operands.slice(1).map((c) => lowerExpr(L, c));
      return L.expr("Compare", n, { left, ops, comparators });
    }
    case "conditional_expression": {
      const parts = named(n);
      if (parts.length !== 3) return L.unsupportedExpr(n, "syntax error");
      const body = lowerExpr(L, parts[0]);
      const test = lowerExpr(L, parts[1]);
      const orelse = lowerExpr(L, parts[2]);
      return L.expr("IfExp", n, { test, body, orelse });
    }
    case "named_expression": {
      const target = lowerExpr(L, field(n, "name"), "Store", n);
      const value = lowerExpr(L, field(n, "value"), "Load", n);
      return L.expr("NamedExpr", n, { target, value });
    }
    case "lambda": {
      const params = field(n, "parameters");
      const args = lowerParameters(L, params, { start: n.start, end: n.start });
      if (!args) return L.unsupportedExpr(n, "tuple parameter");
      const body = lowerExpr(L, field(n, "body"), "Load", n);
      return L.expr("Lambda", n, { args, body });
    }
    case "await":
      return L.expr("Await", n, { value: lowerExpr(L, named(n)[0], "Load", n) });
    case "yield": {
      const inner = named(n)[0];
      if (token(n, "from")) return L.expr("YieldFrom", n, { value: lowerExpr(L, inner, "Load", n) });
      return L.expr("Yield", n, { value: inner ? lowerExpr(L, inner) : null });
    }
    case "type":
      return lowerAnnotation(L, n, n.start);
    case "keyword_argument":
    case "as_pattern":
    case "dictionary_splat":
    case "pair":
      return L.unsupportedExpr(n, "syntax error");
    default:
      return L.unsupportedExpr(n, n.named ? n.type.replace(/_/g, " ") : "syntax error");
  }
}

// Python's binary precedence, loosest first. tree-sitter-python 0.25 ranks `&` below `^`
// (the reverse of Python), so chains are re-associated here instead of trusting the tree.
const BIN_PREC: Record<string, number> = {
  "|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5, "*": 6, "@": 6, "/": 6, "//": 6, "%": 6,
};

function lowerBinary(L: Lowerer, n: CstNode): Expr {
  const atoms: CstNode[] = [];
  const ops: string[] = [];
  let broken = false;
  // In-order walk over the unparenthesized chain; `**` (tighter than unary, right
  // associative, correctly parsed) and every other node kind are atoms.
  const walk = (c: CstNode | null): void => {
    const opn = c && c.type === "binary_operator" ? field(c, "operator") : null;
    if (c && opn && BIN_PREC[opn.type] !== undefined) {
      walk(field(c, "left"));
      ops.push(opn.type);
      walk(field(c, "right"));
    } else if (c && c.type === "binary_operator") {
      atoms.push(c); // `**`
    } else if (c) atoms.push(c);
    else broken = true;
  };
  const opn0 = field(n, "operator");
  if (opn0 && opn0.type === "**") {
    const left = lowerExpr(L, field(n, "left"), "Load", n);
    const right = lowerExpr(L, field(n, "right"), "Load", n);
    return L.expr("BinOp", n, { left, op: "Pow", right });
  }
  walk(n);
  if (broken || !opn0 || BIN_PREC[opn0.type] === undefined || atoms.length !== ops.length + 1) return L.unsupportedExpr(n, "syntax error");
  const vals = atoms.map((a) => lowerExpr(L, a));
  // atoms' own spans exclude their parentheses, but CPython's BinOp starts/ends at them
  return reassociate(L, vals, ops, atoms.map((a) => ({ start: a.start, end: a.end })));
}

/** precedence climbing over atoms and operators; all these operators are left associative */
function reassociate(L: Lowerer, vals: Expr[], ops: string[], outer: Span[]): Expr {
  let i = 0;
  const parse = (minPrec: number): { e: Expr; s: Span } => {
    let left = { e: vals[i]!, s: outer[i]! };
    while (i < ops.length && BIN_PREC[ops[i]!]! >= minPrec) {
      const op = ops[i]!;
      i++;
      const right = parse(BIN_PREC[op]! + 1);
      const s = { start: left.s.start, end: right.s.end };
      left = { e: L.expr("BinOp", s, { left: left.e, op: BINOPS[op]!, right: right.e }), s };
    }
    return left;
  };
  return parse(0).e;
}

function elts(L: Lowerer, n: CstNode, ctx: ExprContext): Expr[] {
  return named(n).map((c) => lowerExpr(L, c, ctx));
}

/** an item inside `[...]`: an expression or a slice `lo:hi:step` */
function lowerSliceItem(L: Lowerer, n: CstNode): Expr {
  if (n.type !== "slice") return lowerExpr(L, n);
  // the position of each bound is given by the number of `:` before it
  const bounds: (Expr | null)[] = [null, null, null];
  let colons = 0;
  for (const c of n.children) {
    if (!c.named && c.type === ":") colons++;
    else if (c.named && colons <= 2 && bounds[colons] === null) bounds[colons] = lowerExpr(L, c);
    else if (c.named) return L.unsupportedExpr(n, "syntax error");
  }
  return L.expr("Slice", n, { lower: bounds[0]!, upper: bounds[1]!, step: bounds[2]! });
}

function comprehensions(L: Lowerer, n: CstNode): Comprehension[] {
  const out: { target: Expr; iter: Expr; ifs: Expr[]; is_async: boolean; span: Span }[] = [];
  const result: Comprehension[] = [];
  for (const c of n.children) {
    if (c.type === "for_in_clause") {
      const target = lowerExpr(L, field(c, "left"), "Store", c);
      const rights = fieldsOf(c, "right").filter((r) => r.named);
      const iter = rights.length === 1
        ? lowerExpr(L, rights[0])
        : rights.length === 0
          ? L.unsupportedExpr(c, "syntax error")
          : L.expr("Tuple", { start: rights[0]!.start, end: rights[rights.length - 1]!.end }, { elts: rights.map((r) => lowerExpr(L, r)), ctx: "Load" });
      out.push({ target, iter, ifs: [], is_async: token(c, "async") !== null, span: c });
    } else if (c.type === "if_clause") {
      const cond = lowerExpr(L, named(c)[0], "Load", c);
      const cur = out[out.length - 1];
      if (cur) cur.ifs.push(cond);
    }
  }
  for (const g of out) {
    result.push(L.node<Comprehension>("comprehension", g.span, { target: g.target, iter: g.iter, ifs: g.ifs, is_async: g.is_async }));
  }
  return result;
}

/** `argument_list` of a call or a class header */
export function lowerCallArgs(L: Lowerer, a: CstNode | null): { args: Expr[]; keywords: Keyword[] } {
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  if (!a) return { args, keywords };
  for (const c of a.children) {
    if (!c.named) continue;
    if (c.type === "keyword_argument") {
      const name = field(c, "name");
      const value = lowerExpr(L, field(c, "value"), "Load", c);
      keywords.push(L.node<Keyword>("keyword", c, { arg: name && !isError(name) ? L.ident(name) : null, value }));
    } else if (c.type === "dictionary_splat") {
      keywords.push(L.node<Keyword>("keyword", c, { arg: null, value: lowerExpr(L, named(c)[0], "Load", c) }));
    } else {
      args.push(lowerExpr(L, c));
    }
  }
  return { args, keywords };
}

/**
 * `parameters` / `lambda_parameters` → Arguments. Returns null for Python 2 tuple
 * parameters, which have no AST form (the caller turns the definition into Unsupported).
 */
export function lowerParameters(L: Lowerer, n: CstNode | null, emptySpan: Span): Arguments | null {
  const posonlyargs: Arg[] = [];
  let args: Arg[] = [];
  let vararg: Arg | null = null;
  const kwonlyargs: Arg[] = [];
  const kw_defaults: (Expr | null)[] = [];
  let kwarg: Arg | null = null;
  const defaults: Expr[] = [];
  let kwOnly = false;
  const mkArg = (nameNode: CstNode | null | undefined, ann: Expr | null, end: number): Arg | null => {
    if (!nameNode || nameNode.type !== "identifier") return null;
    return L.node<Arg>("arg", { start: nameNode.start, end: Math.max(end, nameNode.end) }, { arg: L.ident(nameNode), annotation: ann });
  };
  // Validate first: nothing may be allocated for a parameter list we then reject.
  if (!paramsSupported(n)) return null;
  for (const p of n ? n.children : []) {
    if (!p.named) continue;
    let nameNode: CstNode | null | undefined = p;
    let star: "" | "*" | "**" = "";
    let ann: Expr | null = null;
    let def: Expr | null = null;
    let end = p.end;
    switch (p.type) {
      case "positional_separator":
        posonlyargs.push(...args);
        args = [];
        continue;
      case "keyword_separator":
        kwOnly = true;
        continue;
      case "identifier":
        break;
      case "list_splat_pattern":
      case "dictionary_splat_pattern":
        star = p.type === "list_splat_pattern" ? "*" : "**";
        nameNode = named(p)[0];
        break;
      case "default_parameter":
        nameNode = field(p, "name");
        end = nameNode ? nameNode.end : p.start;
        def = lowerExpr(L, field(p, "value"), "Load", p);
        break;
      case "typed_parameter":
      case "typed_default_parameter": {
        const t = field(p, "type");
        nameNode = p.type === "typed_parameter" ? named(p)[0] : field(p, "name");
        if (nameNode && (nameNode.type === "list_splat_pattern" || nameNode.type === "dictionary_splat_pattern")) {
          star = nameNode.type === "list_splat_pattern" ? "*" : "**";
          nameNode = named(nameNode)[0];
        }
        // Annotation lowered before the default: CPython's evaluation (and our id) order.
        ann = t ? lowerAnnotation(L, t, annotationStart(p, t)) : null;
        end = t ? t.end : p.end;
        if (p.type === "typed_default_parameter") def = lowerExpr(L, field(p, "value"), "Load", p);
        break;
      }
      default:
        return null;
    }
    const a = mkArg(nameNode, ann, end);
    if (!a) return null;
    if (star === "*") { vararg = a; kwOnly = true; }
    else if (star === "**") kwarg = a;
    else if (kwOnly) { kwonlyargs.push(a); kw_defaults.push(def); }
    else { args.push(a); if (def) defaults.push(def); }
  }
  return L.node<Arguments>("arguments", n ?? emptySpan, { posonlyargs, args, vararg, kwonlyargs, kw_defaults, kwarg, defaults });
}

/** false for parameter lists with no AST form (Python 2 tuple parameters, garbage) */
export function paramsSupported(n: CstNode | null): boolean {
  for (const p of n ? n.children : []) {
    if (!p.named || p.type === "positional_separator" || p.type === "keyword_separator") continue;
    let nm: CstNode | null | undefined = p;
    if (p.type === "default_parameter" || p.type === "typed_default_parameter") nm = field(p, "name");
    else if (p.type === "typed_parameter") nm = named(p)[0];
    else if (p.type !== "identifier" && p.type !== "list_splat_pattern" && p.type !== "dictionary_splat_pattern") return false;
    if (nm && (nm.type === "list_splat_pattern" || nm.type === "dictionary_splat_pattern")) nm = named(nm)[0];
    if (!nm || nm.type !== "identifier") return false;
  }
  return true;
}

/** where an annotation's text starts: an ERROR node tree-sitter put before the `type` belongs to it */
export function annotationStart(parent: CstNode, t: CstNode): number {
  const i = parent.children.indexOf(t);
  const prev = i > 0 ? parent.children[i - 1] : undefined;
  return prev && prev.type === "ERROR" ? prev.start : t.start;
}

// tree-sitter's typing-specific rules; anything else under `type` is an ordinary expression
const TYPE_RULES = new Set(["generic_type", "union_type", "constrained_type", "member_type", "splat_type", "type"]);

/**
 * Lowers an annotation `type` node whose text runs from `start` to the node's end. When
 * tree-sitter used a typing rule or an ERROR, the text is re-parsed as `(<text>)` so it
 * becomes a plain expression; positions are shifted back into this file.
 */
export function lowerAnnotation(L: Lowerer, t: CstNode, start: number): Expr {
  const inner = named(t);
  if (start === t.start && inner.length === 1 && !TYPE_RULES.has(inner[0]!.type) && !hasAnyError(inner[0]!)) {
    return lowerExpr(L, inner[0]);
  }
  const text = L.text.slice(start, t.end);
  let root: CstNode;
  try {
    root = shiftCst(parseCst("(" + text + ")"), start - 1);
  } catch {
    return L.unsupportedExpr({ start, end: t.end }, "annotation");
  }
  const stmt = named(root);
  const e = stmt.length === 1 && stmt[0]!.type === "expression_statement" ? named(stmt[0]!) : [];
  if (e.length !== 1 || hasAnyError(e[0]!) || e[0]!.type !== "parenthesized_expression") {
    return L.unsupportedExpr({ start, end: t.end }, "syntax error");
  }
  return lowerExpr(L, named(e[0]!)[0], "Load", { start, end: t.end });
}
