/**
 * CST → AST lowering entry point and statements.
 *
 * In:  a `SourceFile` and the plain CST `treeSitter.parseCst` returned for its text.
 * Out: `ast.Module` whose shapes match CPython 3.11's `ast.parse` (see ast.ts for the few
 *      deliberate differences), with `nodeCount` = number of ids allocated.
 * Invariants:
 *  - never throws: ERROR/MISSING nodes, Python 2 statements, `match`, `type` aliases and
 *    anything unknown become `Unsupported` statements (the driver has CPython validate the
 *    source separately, so this stage does not judge syntax);
 *  - a statement with a syntax error anywhere in its header becomes one Unsupported
 *    statement (errors inside nested blocks stay local to the inner statement);
 *  - FunctionDef/ClassDef spans start at `def`/`async`/`class`, not at the decorators,
 *    because CPython's lineno does the same; `elif` branches are nested `If`s spanning from
 *    the `elif` keyword to the end of the whole chain, like CPython.
 */
import type { Alias, ExceptHandler, Expr, Module, Span, Stmt, WithItem } from "./ast.ts";
import type { SourceFile } from "./source.ts";
import type { CstNode } from "./treeSitter.ts";
import { Lowerer, field, fieldsOf, hasStmtError, isError, named, token } from "./lowerCtx.ts";
import { BINOPS, annotationStart, lowerAnnotation, lowerCallArgs, lowerExpr, lowerParameters, paramsSupported } from "./lowerExpr.ts";

export function lowerModule(file: SourceFile, cst: CstNode): Module {
  const L = new Lowerer(file.text);
  const body = lowerStmts(L, cst.children);
  return { kind: "Module", body, nodeCount: L.count };
}

function lowerStmts(L: Lowerer, nodes: readonly CstNode[]): Stmt[] {
  const out: Stmt[] = [];
  for (const c of nodes) {
    if (!c.named) {
      // stray tokens are only ever `;` separators, or error leftovers
      if (c.type !== ";" && c.type !== ":" && c.type !== "NEWLINE" && !/^\s*$/.test(c.type)) out.push(L.unsupportedStmt(c, "syntax error"));
      continue;
    }
    if (c.type === "case_clause") continue; // only appears inside match blocks
    out.push(lowerStmtSafe(L, c));
  }
  return out;
}

function lowerStmtSafe(L: Lowerer, n: CstNode): Stmt {
  try {
    return lowerStmt(L, n);
  } catch (e) {
    // A bug in the lowering must not crash the compiler on user input: the function that
    // contains this statement is then left to the interpreter with an honest reason.
    return L.unsupportedStmt(n, `internal lowering error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function block(L: Lowerer, b: CstNode | null | undefined): Stmt[] {
  if (!b || isError(b)) return [];
  return lowerStmts(L, b.children);
}

/** the `block` child of a clause (tree-sitter sometimes gives it no field name) */
function clauseBlock(n: CstNode): CstNode | null {
  return field(n, "body") ?? field(n, "consequence") ?? n.children.find((c) => c.type === "block") ?? null;
}

function lowerStmt(L: Lowerer, n: CstNode): Stmt {
  if (n.type === "ERROR") return L.unsupportedStmt(n, "syntax error");
  if (n.type === "match_statement") return L.unsupportedStmt(n, "match statement");
  if (n.type === "type_alias_statement") return L.unsupportedStmt(n, "type alias");
  if (n.type === "print_statement") return L.unsupportedStmt(n, "Python 2 print statement");
  if (n.type === "exec_statement") return L.unsupportedStmt(n, "Python 2 exec statement");
  if (hasStmtError(n)) return L.unsupportedStmt(n, "syntax error");
  switch (n.type) {
    case "expression_statement": return lowerExprStmt(L, n);
    case "pass_statement": return L.stmt("Pass", n, {});
    case "break_statement": return L.stmt("Break", n, {});
    case "continue_statement": return L.stmt("Continue", n, {});
    case "return_statement": {
      const v = named(n)[0];
      return L.stmt("Return", n, { value: v ? lowerExpr(L, v) : null });
    }
    case "delete_statement": {
      const v = named(n)[0];
      const targets = !v ? [] : v.type === "expression_list" ? named(v).map((c) => lowerExpr(L, c, "Del")) : [lowerExpr(L, v, "Del")];
      return L.stmt("Delete", n, { targets });
    }
    case "raise_statement": {
      const cause = field(n, "cause");
      const exc = n.children.find((c) => c.named && c.field !== "cause");
      return L.stmt("Raise", n, { exc: exc ? lowerExpr(L, exc) : null, cause: cause ? lowerExpr(L, cause) : null });
    }
    case "assert_statement": {
      const parts = named(n);
      return L.stmt("Assert", n, { test: lowerExpr(L, parts[0], "Load", n), msg: parts[1] ? lowerExpr(L, parts[1]) : null });
    }
    case "global_statement":
    case "nonlocal_statement":
      return L.stmt(n.type === "global_statement" ? "Global" : "Nonlocal", n, { names: named(n).map((c) => L.ident(c)) });
    case "import_statement":
      return L.stmt("Import", n, { names: fieldsOf(n, "name").map((c) => lowerAlias(L, c)) });
    case "import_from_statement":
    case "future_import_statement":
      return lowerImportFrom(L, n);
    case "if_statement": return lowerIf(L, n);
    case "for_statement": {
      const target = lowerExpr(L, field(n, "left"), "Store", n);
      const iter = lowerExpr(L, field(n, "right"), "Load", n);
      const body = block(L, field(n, "body"));
      const alt = field(n, "alternative");
      const orelse = alt ? block(L, clauseBlock(alt)) : [];
      return L.stmt(token(n, "async") ? "AsyncFor" : "For", n, { target, iter, body, orelse });
    }
    case "while_statement": {
      const test = lowerExpr(L, field(n, "condition"), "Load", n);
      const body = block(L, field(n, "body"));
      const alt = field(n, "alternative");
      return L.stmt("While", n, { test, body, orelse: alt ? block(L, clauseBlock(alt)) : [] });
    }
    case "try_statement": return lowerTry(L, n);
    case "with_statement": return lowerWith(L, n);
    case "function_definition": return lowerFunction(L, n, []);
    case "class_definition": return lowerClass(L, n, []);
    case "decorated_definition": {
      const d = field(n, "definition");
      const problem = d ? defProblem(d) : "syntax error";
      if (problem) return L.unsupportedStmt(n, problem);
      const decorators = n.children.filter((c) => c.type === "decorator").map((d) => lowerExpr(L, named(d)[0], "Load", d));
      const def = field(n, "definition");
      if (def?.type === "function_definition") return lowerFunction(L, def, decorators);
      if (def?.type === "class_definition") return lowerClass(L, def, decorators);
      return L.unsupportedStmt(n, "syntax error");
    }
    default:
      return L.unsupportedStmt(n, n.type.replace(/_/g, " "));
  }
}

function lowerExprStmt(L: Lowerer, n: CstNode): Stmt {
  const parts = named(n);
  if (parts.length > 1) {
    // `1, 2` as a statement: tree-sitter has no tuple node for it
    const lastComma = [...n.children].reverse().find((c) => !c.named && c.type === ",");
    const end = Math.max(parts[parts.length - 1]!.end, lastComma ? lastComma.end : 0);
    const t = L.expr("Tuple", { start: parts[0]!.start, end }, { elts: parts.map((c) => lowerExpr(L, c)), ctx: "Load" });
    return L.stmt("Expr", n, { value: t });
  }
  const e = parts[0];
  if (!e) return L.unsupportedStmt(n, "syntax error");
  if (e.type === "assignment") return lowerAssignment(L, n, e);
  if (e.type === "augmented_assignment") {
    const target = lowerExpr(L, field(e, "left"), "Store", e);
    const opn = field(e, "operator");
    const value = lowerExpr(L, field(e, "right"), "Load", e);
    const op = opn ? BINOPS[opn.type.slice(0, -1)] : undefined;
    if (!op) return L.unsupportedStmt(n, "syntax error");
    return L.stmt("AugAssign", n, { target, op, value });
  }
  return L.stmt("Expr", n, { value: lowerExpr(L, e) });
}

function lowerAssignment(L: Lowerer, stmt: CstNode, a: CstNode): Stmt {
  const type = field(a, "type");
  const left = field(a, "left");
  const right = field(a, "right");
  if (type) {
    // `(x): int` is not simple even though the target is a Name (CPython's `simple` flag)
    const simple = left?.type === "identifier";
    const target = lowerExpr(L, left, "Store", a);
    const annotation = lowerAnnotation(L, type, annotationStart(a, type));
    const value = right ? lowerExpr(L, right) : null;
    return L.stmt("AnnAssign", stmt, { target, annotation, value, simple });
  }
  // `a = b = c` nests to the right in tree-sitter; CPython has one Assign with two targets
  const targetNodes: (CstNode | null)[] = [left];
  let value = right;
  while (value && value.type === "assignment" && !field(value, "type")) {
    targetNodes.push(field(value, "left"));
    value = field(value, "right");
  }
  if (!value || value.type === "assignment" || value.type === "augmented_assignment") return L.unsupportedStmt(stmt, "syntax error");
  const targets = targetNodes.map((t) => lowerExpr(L, t, "Store", a));
  return L.stmt("Assign", stmt, { targets, value: lowerExpr(L, value) });
}

function lowerAlias(L: Lowerer, c: CstNode): Alias {
  if (c.type === "aliased_import") {
    const name = field(c, "name");
    const alias = field(c, "alias");
    return L.node<Alias>("alias", c, { name: name ? dotted(L, name) : "", asname: alias ? L.ident(alias) : null });
  }
  return L.node<Alias>("alias", c, { name: dotted(L, c), asname: null });
}

/** `a . b` may contain spaces or line continuations in the source; the name has none */
function dotted(L: Lowerer, n: CstNode): string {
  return named(n).length ? named(n).map((c) => L.ident(c)).join(".") : L.ident(n);
}

function lowerImportFrom(L: Lowerer, n: CstNode): Stmt {
  let module: string | null;
  let level = 0;
  if (n.type === "future_import_statement") {
    module = "__future__";
  } else {
    const m = field(n, "module_name");
    if (!m) return L.unsupportedStmt(n, "syntax error");
    if (m.type === "relative_import") {
      const prefix = m.children.find((c) => c.type === "import_prefix");
      level = prefix ? L.src(prefix).replace(/[^.]/g, "").length : 0;
      const d = m.children.find((c) => c.type === "dotted_name");
      module = d ? dotted(L, d) : null;
    } else {
      module = dotted(L, m);
    }
  }
  const wild = n.children.find((c) => c.type === "wildcard_import");
  const names = wild
    ? [L.node<Alias>("alias", wild, { name: "*", asname: null })]
    : fieldsOf(n, "name").map((c) => lowerAlias(L, c));
  return L.stmt("ImportFrom", n, { module, names, level });
}

function lowerIf(L: Lowerer, n: CstNode): Stmt {
  const test = lowerExpr(L, field(n, "condition"), "Load", n);
  const body = block(L, field(n, "consequence"));
  const alts = fieldsOf(n, "alternative");
  // Build the elif chain from the innermost branch outwards, but allocate ids in source
  // order first (tests, bodies) so numbering follows the text.
  const parts = alts.map((alt) => alt.type === "elif_clause"
    ? { alt, test: lowerExpr(L, field(alt, "condition"), "Load", alt), body: block(L, field(alt, "consequence")) }
    : { alt, test: null, body: block(L, clauseBlock(alt)) });
  let orelse: Stmt[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (p.test === null) orelse = p.body;
    else orelse = [L.stmt("If", { start: p.alt.start, end: n.end }, { test: p.test, body: p.body, orelse })];
  }
  return L.stmt("If", n, { test, body, orelse });
}

function lowerTry(L: Lowerer, n: CstNode): Stmt {
  const body = block(L, field(n, "body"));
  const handlers: ExceptHandler[] = [];
  let orelse: Stmt[] = [];
  let finalbody: Stmt[] = [];
  for (const c of n.children) {
    if (c.type === "except_clause" || c.type === "except_group_clause") {
      const star = token(c, "*") !== null || c.type === "except_group_clause";
      const vals = c.children.filter((x) => x.named && x.type !== "block" && x.field !== "alias");
      let type: Expr | null = null;
      let name: string | null = null;
      const v = vals[0];
      if (v && v.type === "as_pattern") {
        const inner = named(v).filter((x) => x.field !== "alias");
        type = lowerExpr(L, inner[0], "Load", v);
        const target = field(v, "alias");
        const id = target ? (target.type === "identifier" ? target : named(target)[0]) : undefined;
        name = id ? L.ident(id) : null;
      } else if (v) {
        type = lowerExpr(L, v);
      }
      const alias = field(c, "alias");
      if (alias) name = L.ident(alias);
      handlers.push(L.node<ExceptHandler>("ExceptHandler", c, { type, name, body: block(L, clauseBlock(c)), star }));
    } else if (c.type === "else_clause") {
      orelse = block(L, clauseBlock(c));
    } else if (c.type === "finally_clause") {
      finalbody = block(L, clauseBlock(c));
    }
  }
  return L.stmt("Try", n, { body, handlers, orelse, finalbody });
}

function lowerWith(L: Lowerer, n: CstNode): Stmt {
  const clause = n.children.find((c) => c.type === "with_clause");
  const items: WithItem[] = [];
  for (const it of clause ? named(clause) : []) {
    let v = field(it, "value") ?? named(it)[0];
    // `with (cm() as x):` — tree-sitter sees a parenthesized as_pattern
    while (v && v.type === "parenthesized_expression" && named(v).length === 1 && named(v)[0]!.type !== "yield") {
      const inner = named(v)[0]!;
      if (inner.type !== "as_pattern" && inner.type !== "parenthesized_expression") break;
      v = inner;
    }
    let ctxExpr: Expr;
    let vars: Expr | null = null;
    if (v && v.type === "as_pattern") {
      const inner = named(v).filter((x) => x.field !== "alias");
      ctxExpr = lowerExpr(L, inner[0], "Load", v);
      const target = field(v, "alias");
      const t = target ? named(target) : [];
      vars = t.length === 1 ? lowerExpr(L, t[0], "Store") : L.unsupportedExpr(target ?? v, "syntax error");
    } else {
      ctxExpr = lowerExpr(L, v, "Load", it);
    }
    items.push(L.node<WithItem>("withitem", it, { context_expr: ctxExpr, optional_vars: vars }));
  }
  const body = block(L, field(n, "body"));
  return L.stmt(token(n, "async") ? "AsyncWith" : "With", n, { items, body });
}

/** why a def/class cannot be lowered (checked before anything, decorators included, is lowered) */
function defProblem(n: CstNode): string | null {
  if (n.type !== "function_definition" && n.type !== "class_definition") return "syntax error";
  if (field(n, "type_parameters")) return "type parameters";
  if (!field(n, "name")) return "syntax error";
  if (n.type === "function_definition" && !paramsSupported(field(n, "parameters"))) return "tuple parameter";
  return null;
}

function lowerFunction(L: Lowerer, n: CstNode, decorator_list: Expr[]): Stmt {
  const problem = defProblem(n);
  if (problem) return L.unsupportedStmt(n, problem);
  const nameNode = field(n, "name")!;
  const params = field(n, "parameters");
  const args = lowerParameters(L, params, { start: n.start, end: n.start })!;
  const rt = field(n, "return_type");
  const returns = rt ? lowerAnnotation(L, rt, annotationStart(n, rt)) : null;
  const body = block(L, field(n, "body"));
  const headerEnd = rt ? rt.end : params ? params.end : nameNode.end;
  const headerSpan: Span = { start: n.start, end: headerEnd };
  const kind = token(n, "async") ? "AsyncFunctionDef" : "FunctionDef";
  return L.stmt(kind, n, { name: L.ident(nameNode), args, body, decorator_list, returns, headerSpan });
}

function lowerClass(L: Lowerer, n: CstNode, decorator_list: Expr[]): Stmt {
  const problem = defProblem(n);
  if (problem) return L.unsupportedStmt(n, problem);
  const nameNode = field(n, "name")!;
  const { args: bases, keywords } = lowerCallArgs(L, field(n, "superclasses"));
  const body = block(L, field(n, "body"));
  return L.stmt("ClassDef", n, { name: L.ident(nameNode), bases, keywords, body, decorator_list });
}
