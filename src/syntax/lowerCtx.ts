/**
 * Shared state and helpers of the CST → AST lowering (lowerStmt / lowerExpr / lowerString).
 *
 * In:  the module's source text and the plain CST from `treeSitter.ts`.
 * Out: AST nodes with fresh, dense `NodeId`s (allocated in creation order, so children
 *      usually get smaller ids than their parents) and spans in JS string offsets.
 * Invariants: no lowering function throws on malformed input; it returns an `Unsupported`
 * node instead. Ids are never allocated for nodes that are then dropped, so `nodeCount`
 * equals the number of nodes reachable from the module (kept dense).
 */
import type { Expr, ExprOf, NodeId, Span, Stmt, StmtOf } from "./ast.ts";
import type { CstNode } from "./treeSitter.ts";

type Fields<T> = Omit<T, "id" | "span" | "kind">;

export class Lowerer {
  private nextId = 0;
  constructor(readonly text: string) {}

  get count(): number { return this.nextId; }

  newId(): NodeId { return this.nextId++ as NodeId; }

  src(n: CstNode | Span): string { return this.text.slice(n.start, n.end); }

  /** an identifier's text; Python NFKC-normalizes non-ASCII identifiers (PEP 3131) */
  ident(n: CstNode): string {
    const s = this.src(n);
    return /[^\x00-\x7f]/.test(s) ? s.normalize("NFKC") : s;
  }

  expr<K extends Expr["kind"]>(kind: K, span: Span, fields: Fields<ExprOf<K>>): ExprOf<K> {
    return { ...fields, kind, id: this.newId(), span: sp(span) } as unknown as ExprOf<K>;
  }

  stmt<K extends Stmt["kind"]>(kind: K, span: Span, fields: Fields<StmtOf<K>>): StmtOf<K> {
    return { ...fields, kind, id: this.newId(), span: sp(span) } as unknown as StmtOf<K>;
  }

  /** generic constructor for the helper node kinds (arg, keyword, alias, …) */
  node<T extends { readonly kind: string; readonly id: NodeId; readonly span: Span }>(
    kind: T["kind"], span: Span, fields: Fields<T>,
  ): T {
    return { ...fields, kind, id: this.newId(), span: sp(span) } as unknown as T;
  }

  unsupportedExpr(span: Span, what: string): ExprOf<"Unsupported"> {
    return this.expr("Unsupported", span, { what });
  }

  unsupportedStmt(span: Span, what: string): StmtOf<"Unsupported"> {
    return this.stmt("Unsupported", span, { what });
  }
}

/** copies only start/end so CST nodes are never retained by the AST */
export function sp(s: Span): Span { return { start: s.start, end: s.end }; }
export function spanOf(a: Span, b: Span): Span { return { start: a.start, end: b.end }; }

export function field(n: CstNode, name: string): CstNode | null {
  for (const c of n.children) if (c.field === name) return c;
  return null;
}
export function fieldsOf(n: CstNode, name: string): CstNode[] {
  return n.children.filter((c) => c.field === name);
}
export function named(n: CstNode): CstNode[] {
  return n.children.filter((c) => c.named);
}
/** anonymous child with exactly this token text */
export function token(n: CstNode, text: string): CstNode | null {
  for (const c of n.children) if (!c.named && c.type === text) return c;
  return null;
}
export function isError(n: CstNode): boolean {
  return n.type === "ERROR" || n.missing;
}

/** Returns a copy of `n` with every position moved by `delta` (used for re-parsed fragments). */
export function shiftCst(n: CstNode, delta: number): CstNode {
  return {
    type: n.type, named: n.named, missing: n.missing, field: n.field,
    start: n.start + delta, end: n.end + delta,
    children: n.children.map((c) => shiftCst(c, delta)),
  };
}

/**
 * True when the subtree of a statement has an ERROR/MISSING node that the lowering would not
 * otherwise see. Nested `block`s are skipped (their statements are checked on their own), and
 * so are annotation `type` subtrees plus the ERROR node tree-sitter sometimes puts right before
 * one (`x: A[B][C]`): annotations are re-parsed as expressions, which does its own check.
 */
export function hasStmtError(n: CstNode): boolean {
  if (isError(n)) return true;
  const stack: CstNode[] = [n];
  while (stack.length) {
    const c = stack.pop()!;
    for (let i = 0; i < c.children.length; i++) {
      const ch = c.children[i]!;
      if (ch.named && (ch.type === "block" || ch.type === "type")) continue;
      if (ch.type === "ERROR" && c.children[i + 1]?.type === "type") continue;
      if (isError(ch)) return true;
      stack.push(ch);
    }
  }
  return false;
}

/** whole-subtree error check (for re-parsed fragments) */
export function hasAnyError(n: CstNode): boolean {
  const stack: CstNode[] = [n];
  while (stack.length) {
    const c = stack.pop()!;
    if (isError(c)) return true;
    for (const ch of c.children) stack.push(ch);
  }
  return false;
}
