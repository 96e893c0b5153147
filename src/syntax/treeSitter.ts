/**
 * The only module that touches tree-sitter. It parses Python source with the
 * tree-sitter-python grammar (WebAssembly build) and immediately copies the tree into plain
 * JS objects (`CstNode`), then frees the wasm tree. Why copy: every property access on a
 * web-tree-sitter `Node` crosses into wasm, and trees must be freed by hand; a plain copy is
 * walked cheaply by the lowering and can never leak wasm memory.
 *
 * In:  Python source text (a JS string).
 * Out: `CstNode` root of type "module".
 * Invariants: `start`/`end` are JS string (UTF-16) offsets into the text, as web-tree-sitter
 * reports them when parsing a JS string; extras (comments, line continuations) are dropped;
 * `initParser()` must have resolved before `parseCst` is called.
 */
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { Parser, Language } from "web-tree-sitter";

export interface CstNode {
  /** grammar type ("identifier", "if_statement", "ERROR", or the token text for anonymous nodes) */
  readonly type: string;
  readonly named: boolean;
  /** inserted by error recovery; has zero width */
  readonly missing: boolean;
  /** field name under which the parent holds this node, if any */
  readonly field: string | null;
  readonly start: number;
  readonly end: number;
  readonly children: readonly CstNode[];
}

let parser: Parser | null = null;
let initializing: Promise<void> | null = null;

function grammarWasmPath(): string {
  const req = createRequire(import.meta.url);
  try {
    return req.resolve("tree-sitter-python/tree-sitter-python.wasm");
  } catch {
    // Some package managers hide non-exported files; fall back to the package root.
    const pkg = req.resolve("tree-sitter-python/package.json");
    return pkg.replace(/package\.json$/, "tree-sitter-python.wasm");
  }
}

/** Loads the wasm runtime and the grammar once; later calls return the same promise. */
export function initParser(): Promise<void> {
  if (parser) return Promise.resolve();
  if (!initializing) {
    initializing = (async () => {
      // V8 compiles wasm twice: at once with its baseline compiler (Liftoff), then the hot
      // functions again with its optimizing one, on background threads. For the few parses of a
      // build the second compile is pure cost: ~200 ms of CPU that ran beside the two gcc
      // processes of a cold build on a 2-core machine (issue 11: the build benchmark's cold
      // build 1.17 -> 1.07 s, median of 15 interleaved). tree-sitter is the only wasm spyc
      // compiles, and V8 reads the flag when it compiles a module.
      setFlagsFromString("--liftoff-only");
      await Parser.init();
      const lang = await Language.load(grammarWasmPath());
      const p = new Parser();
      p.setLanguage(lang);
      parser = p;
    })();
  }
  return initializing;
}

// Extras may appear anywhere in the tree; the lowering never needs them.
const EXTRAS = new Set(["comment", "line_continuation"]);

/** Parses `text` and returns a plain copy of the concrete syntax tree. */
export function parseCst(text: string): CstNode {
  if (!parser) throw new Error("parseCst called before initParser() resolved");
  const tree = parser.parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  const cursor = tree.walk();
  try {
    return copy(cursor);
  } finally {
    cursor.delete();
    tree.delete();
  }
}

type Cursor = ReturnType<import("web-tree-sitter").Tree["walk"]>;

// Iterative descent over the cursor: deep nesting (long elif chains, big literals) must not
// overflow the JS stack.
function copy(c: Cursor): CstNode {
  interface Frame { type: string; named: boolean; missing: boolean; field: string | null; start: number; end: number; children: CstNode[] }
  const mk = (): Frame => ({
    type: c.nodeType, named: c.nodeIsNamed, missing: c.nodeIsMissing, field: c.currentFieldName,
    start: c.startIndex, end: c.endIndex, children: [],
  });
  const root = mk();
  const stack: Frame[] = [root];
  if (!c.gotoFirstChild()) return root;
  // tree-sitter lets a node's range cover comments at its edges (a trailing comment after
  // a block belongs to the block); CPython's positions never do, so shrink to kept children.
  const trim = (f: Frame): Frame => {
    const first = f.children[0];
    const last = f.children[f.children.length - 1];
    if (first && f.named && first.start > f.start) f.start = first.start;
    if (last && f.named && last.end < f.end) f.end = last.end;
    return f;
  };
  for (;;) {
    const f = mk();
    const skip = EXTRAS.has(f.type) && f.named;
    if (!skip) stack[stack.length - 1]!.children.push(f);
    if (!skip && c.gotoFirstChild()) {
      stack.push(f);
      continue;
    }
    // Move to the next sibling, climbing up as long as there is none.
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent() || stack.length === 1) return trim(root);
      trim(stack.pop()!);
    }
  }
}
