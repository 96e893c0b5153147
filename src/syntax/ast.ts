/**
 * Our Python 3.11 AST: the boundary type of the `syntax` stage.
 *
 * Shapes mirror CPython's `ast` module (Parser/Python.asdl) on purpose: node `kind`s are
 * CPython's class names and field names are CPython's field names, so anyone who knows
 * `ast.dump()` can read our dumps. Differences, each for a reason:
 *  - every node carries `id` (unique per module, for side tables) and `span` (JS string
 *    offsets into the source; line/col are computed by `LineMap` only when needed);
 *  - constants keep their Python source text (`py`): the C module materializes them with
 *    CPython's own `ast.literal_eval`, so escapes, underscores and float rounding are exact;
 *  - `Name` stores its identifier in `name` (CPython: `id`), since `id` is our NodeId;
 *  - constructs the lowering does not model become `Unsupported` nodes naming the construct,
 *    so the function that contains them stays interpreted with an honest reason.
 * Plain data only: no methods, no classes (see ARCHITECTURE.md, "no fat nodes").
 */

export type NodeId = number & { readonly __brand: "NodeId" };
export interface Span { readonly start: number; readonly end: number }

interface Base { readonly id: NodeId; readonly span: Span }

export type BinOpName =
  | "Add" | "Sub" | "Mult" | "MatMult" | "Div" | "Mod" | "Pow"
  | "LShift" | "RShift" | "BitOr" | "BitXor" | "BitAnd" | "FloorDiv";
export type UnaryOpName = "Invert" | "Not" | "UAdd" | "USub";
export type CmpOpName = "Eq" | "NotEq" | "Lt" | "LtE" | "Gt" | "GtE" | "Is" | "IsNot" | "In" | "NotIn";
export type BoolOpName = "And" | "Or";
export type ExprContext = "Load" | "Store" | "Del";

/** A constant as written. `py` is a Python expression that evaluates to exactly this value. */
export type ConstValue =
  | { readonly t: "int"; readonly py: string }
  | { readonly t: "float"; readonly py: string }
  | { readonly t: "complex"; readonly py: string }
  | { readonly t: "str"; readonly py: string; readonly text: string | null } // text: decoded value when known
  | { readonly t: "bytes"; readonly py: string }
  | { readonly t: "bool"; readonly value: boolean }
  | { readonly t: "None" }
  | { readonly t: "Ellipsis" };

export interface Keyword extends Base { readonly kind: "keyword"; readonly arg: string | null; readonly value: Expr }
export interface Arg extends Base { readonly kind: "arg"; readonly arg: string; readonly annotation: Expr | null }
export interface Arguments extends Base {
  readonly kind: "arguments";
  readonly posonlyargs: readonly Arg[];
  readonly args: readonly Arg[];
  readonly vararg: Arg | null;
  readonly kwonlyargs: readonly Arg[];
  /** one entry per kwonlyarg; null where it has no default (as in CPython) */
  readonly kw_defaults: readonly (Expr | null)[];
  readonly kwarg: Arg | null;
  /** defaults of the last N positional (posonly + args) parameters */
  readonly defaults: readonly Expr[];
}
export interface Comprehension extends Base {
  readonly kind: "comprehension"; readonly target: Expr; readonly iter: Expr;
  readonly ifs: readonly Expr[]; readonly is_async: boolean;
}
export interface ExceptHandler extends Base {
  readonly kind: "ExceptHandler"; readonly type: Expr | null; readonly name: string | null;
  readonly body: readonly Stmt[];
  /** true for `except*` (3.11 exception groups) */
  readonly star: boolean;
}
export interface Alias extends Base { readonly kind: "alias"; readonly name: string; readonly asname: string | null }
export interface WithItem extends Base { readonly kind: "withitem"; readonly context_expr: Expr; readonly optional_vars: Expr | null }

export type Expr =
  | (Base & { readonly kind: "BoolOp"; readonly op: BoolOpName; readonly values: readonly Expr[] })
  | (Base & { readonly kind: "NamedExpr"; readonly target: Expr; readonly value: Expr })
  | (Base & { readonly kind: "BinOp"; readonly left: Expr; readonly op: BinOpName; readonly right: Expr })
  | (Base & { readonly kind: "UnaryOp"; readonly op: UnaryOpName; readonly operand: Expr })
  | (Base & { readonly kind: "Lambda"; readonly args: Arguments; readonly body: Expr })
  | (Base & { readonly kind: "IfExp"; readonly test: Expr; readonly body: Expr; readonly orelse: Expr })
  | (Base & { readonly kind: "Dict"; readonly keys: readonly (Expr | null)[]; readonly values: readonly Expr[] }) // null key = `**d`
  | (Base & { readonly kind: "Set"; readonly elts: readonly Expr[] })
  | (Base & { readonly kind: "ListComp"; readonly elt: Expr; readonly generators: readonly Comprehension[] })
  | (Base & { readonly kind: "SetComp"; readonly elt: Expr; readonly generators: readonly Comprehension[] })
  | (Base & { readonly kind: "DictComp"; readonly key: Expr; readonly value: Expr; readonly generators: readonly Comprehension[] })
  | (Base & { readonly kind: "GeneratorExp"; readonly elt: Expr; readonly generators: readonly Comprehension[] })
  | (Base & { readonly kind: "Await"; readonly value: Expr })
  | (Base & { readonly kind: "Yield"; readonly value: Expr | null })
  | (Base & { readonly kind: "YieldFrom"; readonly value: Expr })
  | (Base & { readonly kind: "Compare"; readonly left: Expr; readonly ops: readonly CmpOpName[]; readonly comparators: readonly Expr[] })
  | (Base & { readonly kind: "Call"; readonly func: Expr; readonly args: readonly Expr[]; readonly keywords: readonly Keyword[] })
  | (Base & { readonly kind: "FormattedValue"; readonly value: Expr; readonly conversion: -1 | 115 | 114 | 97; readonly format_spec: Expr | null })
  | (Base & { readonly kind: "JoinedStr"; readonly values: readonly Expr[] })
  | (Base & { readonly kind: "Constant"; readonly value: ConstValue })
  | (Base & { readonly kind: "Attribute"; readonly value: Expr; readonly attr: string; readonly ctx: ExprContext })
  | (Base & { readonly kind: "Subscript"; readonly value: Expr; readonly slice: Expr; readonly ctx: ExprContext })
  | (Base & { readonly kind: "Starred"; readonly value: Expr; readonly ctx: ExprContext })
  | (Base & { readonly kind: "Name"; readonly name: string; readonly ctx: ExprContext }) // CPython's `Name.id`
  | (Base & { readonly kind: "List"; readonly elts: readonly Expr[]; readonly ctx: ExprContext })
  | (Base & { readonly kind: "Tuple"; readonly elts: readonly Expr[]; readonly ctx: ExprContext })
  | (Base & { readonly kind: "Slice"; readonly lower: Expr | null; readonly upper: Expr | null; readonly step: Expr | null })
  | (Base & { readonly kind: "Unsupported"; readonly what: string });

export type Stmt =
  | (Base & {
      readonly kind: "FunctionDef" | "AsyncFunctionDef"; readonly name: string; readonly args: Arguments;
      readonly body: readonly Stmt[]; readonly decorator_list: readonly Expr[]; readonly returns: Expr | null;
      /** span of the `def` keyword line start .. end of signature, for diagnostics */
      readonly headerSpan: Span;
    })
  | (Base & {
      readonly kind: "ClassDef"; readonly name: string; readonly bases: readonly Expr[]; readonly keywords: readonly Keyword[];
      readonly body: readonly Stmt[]; readonly decorator_list: readonly Expr[];
    })
  | (Base & { readonly kind: "Return"; readonly value: Expr | null })
  | (Base & { readonly kind: "Delete"; readonly targets: readonly Expr[] })
  | (Base & { readonly kind: "Assign"; readonly targets: readonly Expr[]; readonly value: Expr })
  | (Base & { readonly kind: "AugAssign"; readonly target: Expr; readonly op: BinOpName; readonly value: Expr })
  | (Base & { readonly kind: "AnnAssign"; readonly target: Expr; readonly annotation: Expr; readonly value: Expr | null; readonly simple: boolean })
  | (Base & { readonly kind: "For" | "AsyncFor"; readonly target: Expr; readonly iter: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] })
  | (Base & { readonly kind: "While"; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] })
  | (Base & { readonly kind: "If"; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] })
  | (Base & { readonly kind: "With" | "AsyncWith"; readonly items: readonly WithItem[]; readonly body: readonly Stmt[] })
  | (Base & { readonly kind: "Raise"; readonly exc: Expr | null; readonly cause: Expr | null })
  | (Base & {
      readonly kind: "Try"; readonly body: readonly Stmt[]; readonly handlers: readonly ExceptHandler[];
      readonly orelse: readonly Stmt[]; readonly finalbody: readonly Stmt[];
    })
  | (Base & { readonly kind: "Assert"; readonly test: Expr; readonly msg: Expr | null })
  | (Base & { readonly kind: "Import"; readonly names: readonly Alias[] })
  | (Base & { readonly kind: "ImportFrom"; readonly module: string | null; readonly names: readonly Alias[]; readonly level: number })
  | (Base & { readonly kind: "Global" | "Nonlocal"; readonly names: readonly string[] })
  | (Base & { readonly kind: "Expr"; readonly value: Expr })
  | (Base & { readonly kind: "Pass" | "Break" | "Continue" })
  | (Base & { readonly kind: "Unsupported"; readonly what: string });

export interface Module { readonly kind: "Module"; readonly body: readonly Stmt[]; readonly nodeCount: number }

export type ExprOf<K extends Expr["kind"]> = Extract<Expr, { kind: K }>;
export type StmtOf<K extends Stmt["kind"]> = Extract<Stmt, { kind: K }>;
