/**
 * Lowering of literals: numbers, strings, bytes, implicit concatenation and f-strings.
 *
 * In:  CST nodes `integer`, `float`, `string`, `concatenated_string`.
 * Out: `Constant` (py = exact Python source of the value) or `JoinedStr`.
 * Invariants:
 *  - a plain literal's `py` is its source text; an implicit concatenation's `py` is the
 *    pieces' source texts joined by single spaces (still one Python expression);
 *  - f-string literal parts get a synthesized, ASCII-only string literal as `py`, which
 *    evaluates to the literal text (`{{`/`}}` undone, escapes decoded per the prefix);
 *    `\N{...}` escapes, which we cannot decode without the Unicode name table, are kept as
 *    separate source pieces in that literal and make `text` null;
 *  - literal text is merged across parts exactly like CPython 3.11 (one Constant per run,
 *    empty runs dropped; the `=` debug text joins the run before its FormattedValue).
 */
import type { Expr, ExprOf, Span } from "./ast.ts";
import type { CstNode } from "./treeSitter.ts";
import { field, isError, type Lowerer } from "./lowerCtx.ts";
import { lowerExpr } from "./lowerExpr.ts";

export function lowerNumber(L: Lowerer, n: CstNode): Expr {
  const t = L.src(n);
  if (/[jJ]$/.test(t)) return L.expr("Constant", n, { value: { t: "complex", py: t } });
  if (n.type === "integer") {
    if (/[lL]$/.test(t)) return L.unsupportedExpr(n, "Python 2 long literal");
    return L.expr("Constant", n, { value: { t: "int", py: t } });
  }
  return L.expr("Constant", n, { value: { t: "float", py: t } });
}

interface Prefix { readonly raw: boolean; readonly bytes: boolean; readonly f: boolean }

/** a decoded piece of literal text: plain text, or an undecodable `\N{...}` escape kept as source */
type Chunk = string | { readonly named: string };

interface StrPart { readonly node: CstNode; readonly prefix: Prefix; readonly bodyStart: number; readonly bodyEnd: number }

function splitString(L: Lowerer, n: CstNode): StrPart | null {
  const first = n.children[0];
  const last = n.children[n.children.length - 1];
  if (!first || !last || first.type !== "string_start" || last.type !== "string_end" || isError(first) || isError(last)) return null;
  const startText = L.src(first);
  const m = /^([a-zA-Z]*)/.exec(startText)!;
  const p = m[1]!.toLowerCase();
  return {
    node: n,
    prefix: { raw: p.includes("r"), bytes: p.includes("b"), f: p.includes("f") },
    bodyStart: first.end,
    bodyEnd: last.start,
  };
}

export function lowerString(L: Lowerer, n: CstNode): Expr {
  const nodes = n.type === "concatenated_string" ? n.children.filter((c) => c.named) : [n];
  const parts: StrPart[] = [];
  for (const c of nodes) {
    const p = c.type === "string" ? splitString(L, c) : null;
    if (!p) return L.unsupportedExpr(n, "syntax error");
    parts.push(p);
  }
  if (parts.length === 0) return L.unsupportedExpr(n, "syntax error");
  const nBytes = parts.filter((p) => p.prefix.bytes).length;
  if (nBytes !== 0 && nBytes !== parts.length) return L.unsupportedExpr(n, "mixed bytes and str literals");
  if (nBytes !== 0 && parts.some((p) => p.prefix.f)) return L.unsupportedExpr(n, "bytes f-string");
  if (!parts.some((p) => p.prefix.f)) {
    const py = parts.length === 1 ? L.src(n) : parts.map((p) => L.src(p.node)).join(" ");
    if (nBytes) return L.expr("Constant", n, { value: { t: "bytes", py } });
    let text: string | null = "";
    for (const p of parts) {
      const chunks = decode(L.text.slice(p.bodyStart, p.bodyEnd), p.prefix, false);
      const s = chunksText(chunks);
      text = text === null || s === null ? null : text + s;
    }
    return L.expr("Constant", n, { value: { t: "str", py, text } });
  }
  return lowerJoined(L, n, parts);
}

/** Accumulates literal text of an f-string (or format spec) and emits merged Constants. */
class LiteralRun {
  chunks: Chunk[] = [];
  start = -1;
  end = -1;
  constructor(private readonly L: Lowerer, private readonly out: Expr[]) {}
  add(chunks: readonly Chunk[], span: Span): void {
    if (chunks.length === 0) return;
    if (this.start < 0) this.start = span.start;
    this.end = span.end;
    this.chunks.push(...chunks);
  }
  flush(): void {
    const text = chunksText(this.chunks);
    const nonEmpty = this.chunks.some((c) => typeof c !== "string" || c.length > 0);
    if (nonEmpty) {
      this.out.push(this.L.expr("Constant", { start: this.start, end: this.end }, {
        value: { t: "str", py: chunksPy(this.chunks), text },
      }));
    }
    this.chunks = [];
    this.start = this.end = -1;
  }
}

function lowerJoined(L: Lowerer, n: CstNode, parts: readonly StrPart[]): Expr {
  const values: Expr[] = [];
  const run = new LiteralRun(L, values);
  for (const p of parts) {
    let pos = p.bodyStart;
    for (const c of p.node.children) {
      if (c.type !== "interpolation") continue;
      if (c.start > pos) run.add(decode(L.text.slice(pos, c.start), p.prefix, p.prefix.f), { start: pos, end: c.start });
      lowerInterpolation(L, c, p.prefix, run, values);
      pos = c.end;
    }
    if (p.bodyEnd > pos) run.add(decode(L.text.slice(pos, p.bodyEnd), p.prefix, p.prefix.f), { start: pos, end: p.bodyEnd });
  }
  run.flush();
  return L.expr("JoinedStr", n, { values });
}

const CONVERSIONS: Record<string, 114 | 115 | 97> = { r: 114, s: 115, a: 97 };

/** `interpolation` (in a string) or `format_expression` (in a format spec) */
function lowerInterpolation(L: Lowerer, c: CstNode, prefix: Prefix, run: LiteralRun, values: Expr[]): void {
  const exprNode = field(c, "expression");
  const conv = field(c, "type_conversion");
  const spec = field(c, "format_specifier");
  const eq = c.children.find((ch) => !ch.named && ch.type === "=");
  if (eq) {
    // `{expr=}`: CPython adds the source text from after `{` up to the conversion/spec/`}`.
    const open = c.children[0]!;
    const stop = conv ?? spec ?? c.children[c.children.length - 1]!;
    const dbg = L.text.slice(open.end, stop.start).replace(/\r\n?/g, "\n");
    run.add([dbg], { start: open.end, end: stop.start });
  }
  run.flush();
  if (!exprNode || isError(c.children[c.children.length - 1]!)) {
    values.push(L.unsupportedExpr(c, "syntax error"));
    return;
  }
  const close = c.children[c.children.length - 1]!;
  if (exprNode.type === "named_expression" && !conv && !spec && !eq) {
    // `{x:=10}` is `x` with format spec "=10" in an f-string (only `(x:=10)` is a walrus)
    const name = field(exprNode, "name");
    const colon = L.text.indexOf(":", name ? name.end : exprNode.start);
    const specEnd = !close.named && close.type === "}" ? close.start : exprNode.end;
    if (name && colon >= 0 && !L.text.slice(colon, specEnd).includes("{")) {
      const value = lowerExpr(L, name);
      const sv: Expr[] = [];
      const srun = new LiteralRun(L, sv);
      srun.add(decode(L.text.slice(colon + 1, specEnd), prefix, true), { start: colon + 1, end: specEnd });
      srun.flush();
      const format_spec = L.expr("JoinedStr", { start: colon + 1, end: specEnd }, { values: sv });
      values.push(L.expr("FormattedValue", c, { value, conversion: -1, format_spec }));
      return;
    }
  }
  const value = lowerExpr(L, exprNode);
  let conversion: -1 | 114 | 115 | 97 = -1;
  if (conv) conversion = CONVERSIONS[L.src(conv).slice(1)] ?? -1;
  else if (eq && !spec) conversion = 114;
  // tree-sitter's format_specifier range stops before trailing literal text (a hidden
  // token), so the spec really extends to the interpolation's closing brace.
  const specEnd = !close.named && close.type === "}" ? close.start : spec ? spec.end : c.end;
  const format_spec = spec ? lowerFormatSpec(L, spec, prefix, Math.max(specEnd, spec.end)) : null;
  values.push(L.expr("FormattedValue", c, { value, conversion, format_spec }));
}

function lowerFormatSpec(L: Lowerer, spec: CstNode, prefix: Prefix, end: number): ExprOf<"JoinedStr"> {
  const values: Expr[] = [];
  const run = new LiteralRun(L, values);
  const colon = spec.children[0];
  let pos = colon && !colon.named && colon.type === ":" ? colon.end : spec.start + 1;
  const start = pos;
  for (const c of spec.children) {
    if (c.type !== "format_expression") continue;
    if (c.start > pos) run.add(decode(L.text.slice(pos, c.start), prefix, true), { start: pos, end: c.start });
    lowerInterpolation(L, c, prefix, run, values);
    pos = c.end;
  }
  if (end > pos) run.add(decode(L.text.slice(pos, end), prefix, true), { start: pos, end });
  run.flush();
  return L.expr("JoinedStr", { start, end }, { values });
}

function chunksText(chunks: readonly Chunk[]): string | null {
  let s = "";
  for (const c of chunks) {
    if (typeof c !== "string") return null;
    s += c;
  }
  return s;
}

/** a Python expression (juxtaposed literals) evaluating to the chunks' text */
function chunksPy(chunks: readonly Chunk[]): string {
  const pieces: string[] = [];
  let buf = "";
  let have = false;
  for (const c of chunks) {
    if (typeof c === "string") { buf += c; have = true; continue; }
    if (have) pieces.push(pyStrLiteral(buf));
    buf = ""; have = false;
    pieces.push(`"${c.named}"`);
  }
  if (have || pieces.length === 0) pieces.push(pyStrLiteral(buf));
  return pieces.join(" ");
}

/** An ASCII-only single-quoted Python literal for `s` (lone surrogates survive as \u escapes). */
export function pyStrLiteral(s: string): string {
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const ch = String.fromCodePoint(cp);
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp <= 0xff) out += "\\x" + hex(cp, 2);
    else if (cp <= 0xffff) out += "\\u" + hex(cp, 4);
    else out += "\\U" + hex(cp, 8);
  }
  return out + "'";
}

function hex(n: number, w: number): string { return n.toString(16).padStart(w, "0"); }

const SIMPLE: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
};

/**
 * Decodes the raw body of one literal segment as CPython would. The tokenizer has already
 * turned CRLF/CR into LF in the source, so we do the same first. `fstr` undoes `{{`/`}}`.
 */
export function decode(raw: string, prefix: Prefix, fstr: boolean): Chunk[] {
  let s = raw.replace(/\r\n?/g, "\n");
  if (fstr) s = s.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  if (prefix.raw || !s.includes("\\")) return [s];
  const out: Chunk[] = [];
  let buf = "";
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch !== "\\" || i + 1 >= s.length) { buf += ch; i++; continue; }
    const e = s[i + 1]!;
    if (e === "\n") { i += 2; continue; }
    if (SIMPLE[e] !== undefined) { buf += SIMPLE[e]; i += 2; continue; }
    if (e >= "0" && e <= "7") {
      let j = i + 1;
      while (j < s.length && j < i + 4 && s[j]! >= "0" && s[j]! <= "7") j++;
      buf += String.fromCharCode(parseInt(s.slice(i + 1, j), 8));
      i = j;
      continue;
    }
    const width = e === "x" ? 2 : !prefix.bytes && e === "u" ? 4 : !prefix.bytes && e === "U" ? 8 : 0;
    if (width) {
      const h = s.slice(i + 2, i + 2 + width);
      const v = /^[0-9a-fA-F]+$/.test(h) && h.length === width ? parseInt(h, 16) : NaN;
      if (Number.isNaN(v) || v > 0x10ffff) return [{ named: "" }]; // invalid escape: CPython rejects the file
      buf += String.fromCodePoint(v);
      i += 2 + width;
      continue;
    }
    if (e === "N" && !prefix.bytes && s[i + 2] === "{") {
      const close = s.indexOf("}", i + 3);
      if (close < 0) return [{ named: "" }];
      if (buf) out.push(buf);
      buf = "";
      out.push({ named: s.slice(i, close + 1) });
      i = close + 1;
      continue;
    }
    buf += "\\" + e; // unknown escapes keep their backslash
    i += 2;
  }
  if (buf || out.length === 0) out.push(buf);
  return out;
}
