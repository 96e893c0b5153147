/**
 * Syntax validity, decided by the TARGET CPython's own parser. tree-sitter accepts much that
 * CPython rejects (Python 2 `print x`, bad indentation, syntax of a newer version), so before we
 * trust a tree we ask the interpreter the extension will be loaded into.
 *
 * In:  a probed `PyInfo` and the `SourceFile`s of one compilation.
 * Out: Diagnostics: at most one error per file (CPython stops at its first error, with its own
 *      message, code PYC1000 or PYC1002 for IndentationError/TabError) plus CPython's compile-time
 *      warnings (SyntaxWarning/DeprecationWarning, PYC1010). A python that cannot run gives a
 *      single PYC5024 diagnostic.
 *
 * Invariants:
 *  - one python process for all files; sources travel as UTF-8 on stdin and are compiled
 *    as `str`, so a coding cookie cannot make CPython decode differently from how we read them;
 *  - positions: measured on 3.11.7, 3.12.1 and 3.13.0, SyntaxError.offset/end_offset are 1-based
 *    CODE POINT columns within the line (CPython converts its byte offsets before raising), and
 *    lines are split on \n, \r\n and \r. We convert (line, code-point col) to a JS string
 *    offset of OUR text (astral characters are two UTF-16 units), then clamp to the line;
 *  - CPython's position is trusted only when e.text is the line we think it is. 3.11 reports
 *    f-string errors against a synthetic "(expr)" text: we translate when `expr` occurs once in
 *    the line, otherwise we underline the whole line;
 *  - a leading BOM is stripped before compiling (as CPython's file reader would) and spans are
 *    shifted back by one, so they still index the text the user gave us.
 */
import { spawn } from "node:child_process";
import type { Diagnostic, MessageDef } from "../diag/types.ts";
import { formatMessage } from "../diag/types.ts";
import { Msg } from "../diag/messages.ts";
import type { Span } from "../syntax/ast.ts";
import type { SourceFile } from "../syntax/source.ts";
import type { PyInfo } from "./pyinfo.ts";

// No json module in the script: importing it (re, enum, functools, collections) was 16 ms of the
// ~40 ms this process takes. Input: per file a line "<path bytes> <text bytes>", then the path and
// the text in UTF-8; output: JSON written by enc() below (None, int, str, list and dict).
const CHECK_SCRIPT = String.raw`
import sys, warnings
def enc(v):
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ",".join(map(enc, v)) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(enc(k) + ":" + enc(x) for k, x in v.items()) + "}"
    return '"' + "".join(c if " " <= c and c not in '"\\' and not "\ud800" <= c <= "\udfff" else "\\u%04x" % ord(c) for c in v) + '"'
data = sys.stdin.buffer.read()
files, pos = [], 0
while pos < len(data):
    nl = data.index(b"\n", pos)
    a, b = map(int, data[pos:nl].split())
    pos = nl + 1 + a + b
    files.append((data[nl + 1:nl + 1 + a].decode("utf-8"), data[nl + 1 + a:pos].decode("utf-8")))
out = []
for path, text in files:
    error, found = None, []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compile(text, path, "exec", dont_inherit=True)
        except SyntaxError as e:
            error = {"kind": type(e).__name__, "msg": str(e.msg if e.msg is not None else e),
                     "lineno": e.lineno, "offset": e.offset, "end_lineno": e.end_lineno,
                     "end_offset": e.end_offset, "text": e.text}
        except Exception as e:  # ValueError (null bytes on early 3.11.x), RecursionError, ...
            error = {"kind": type(e).__name__, "msg": str(e), "lineno": None, "offset": None,
                     "end_lineno": None, "end_offset": None, "text": None}
    for w in caught:
        if issubclass(w.category, (SyntaxWarning, DeprecationWarning)):
            found.append({"category": w.category.__name__, "msg": str(w.message), "lineno": w.lineno})
    out.append({"error": error, "warnings": found})
sys.stdout.buffer.write(enc(out).encode("utf-8"))
`;

interface PyError {
  kind: string; msg: string;
  lineno: number | null; offset: number | null; end_lineno: number | null; end_offset: number | null;
  text: string | null;
}
interface PyWarning { category: string; msg: string; lineno: number | null }
interface PyResult { error: PyError | null; warnings: PyWarning[] }

export async function checkSyntax(py: PyInfo, files: readonly SourceFile[]): Promise<Diagnostic[]> {
  if (files.length === 0) return [];
  const bom = files.map((f) => (f.text.startsWith("\uFEFF") ? 1 : 0));
  const input = Buffer.concat(files.flatMap((f, i) => {
    const p = Buffer.from(f.path, "utf8"), t = Buffer.from(f.text.slice(bom[i]), "utf8");
    return [Buffer.from(`${p.length} ${t.length}\n`), p, t];
  }));
  const run = await runPython(py.exe, input);
  let results: PyResult[];
  try {
    if (run.failure) throw new Error(run.failure);
    results = JSON.parse(run.stdout) as PyResult[];
    if (!Array.isArray(results) || results.length !== files.length) throw new Error("malformed output");
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const tail = run.stderr.trim().split("\n").slice(-1)[0] ?? "";
    return [diag(Msg.SyntaxCheckFailed, null, null, py.exe, tail ? `${why}: ${tail}` : why)];
  }

  const out: Diagnostic[] = [];
  files.forEach((file, i) => {
    const r = results[i]!;
    const lines = new PyLines(file.text, bom[i]!);
    if (r.error) {
      const def = r.error.kind === "IndentationError" || r.error.kind === "TabError" ? Msg.IndentationError : Msg.SyntaxError;
      const msg = r.error.kind === "SyntaxError" || def === Msg.IndentationError || r.error.kind === "ValueError"
        ? r.error.msg : `${r.error.kind}: ${r.error.msg}`;
      out.push(diag(def, file, errorSpan(r.error, lines, file.text), msg));
    }
    const seen = new Set<string>();
    for (const w of r.warnings) {
      const key = `${w.lineno}:${w.category}:${w.msg}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const span = w.lineno ? lines.wholeLine(w.lineno) : null;
      out.push(diag(Msg.PythonCompileWarning, file, span, `${w.category}: ${w.msg}`));
    }
  });
  return out;
}

function errorSpan(e: PyError, lines: PyLines, text: string): Span | null {
  if (e.lineno === null || e.lineno < 1) {
    // No position: the null-byte error is the one case we can still place ourselves.
    const nul = text.indexOf("\0");
    return nul >= 0 ? { start: nul, end: nul + 1 } : null;
  }
  if (e.offset === null || e.offset < 1) return lines.wholeLine(e.lineno);
  const lineText = lines.text(e.lineno);
  const reported = e.text?.replace(/[\r\n]+$/, "");
  let toOffset = (line: number, col: number) => lines.offset(line, col);
  if (reported !== undefined && reported !== lineText) {
    const shift = fstringShift(reported, lineText);
    if (shift === null || (e.end_lineno !== null && e.end_lineno !== e.lineno)) return lines.wholeLine(e.lineno);
    toOffset = (line, col) => lines.offset(line, Math.min(Math.max(col + shift.cols, shift.min), shift.max));
  }
  const start = toOffset(e.lineno, e.offset);
  let end = start;
  if (e.end_lineno !== null && e.end_offset !== null && e.end_offset >= 1) {
    end = Math.max(start, toOffset(e.end_lineno, e.end_offset));
  }
  // A point error still deserves one character, if there is one on the line (not the newline).
  if (end === start && start < lines.end(e.lineno)) end = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
  return { start, end };
}

/**
 * CPython 3.11 reports errors inside an f-string replacement field against the synthetic text
 * "(expr)". When `expr` occurs exactly once in the real line we can translate its columns:
 * returns the code-point shift from reported to real columns and the real columns of `expr`.
 */
function fstringShift(reported: string, line: string): { cols: number; min: number; max: number } | null {
  if (!reported.startsWith("(") || !reported.endsWith(")") || reported.length < 3) return null;
  const inner = reported.slice(1, -1);
  const at = line.indexOf(inner);
  if (at < 0 || line.indexOf(inner, at + 1) >= 0) return null;
  const before = [...line.slice(0, at)].length;
  // reported column 2 (just after "(") is real column before+1
  return { cols: before - 1, min: before + 1, max: before + 1 + [...inner].length };
}

/**
 * Lines as CPython's tokenizer sees them (split on \n, \r\n, \r), addressed by 1-based line and
 * 1-based code-point column; all results are JS offsets into the original text (BOM included).
 */
class PyLines {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  constructor(private readonly full: string, base: number) {
    const re = /\r\n|\r|\n/g;
    let lineStart = base;
    re.lastIndex = base;
    for (let m = re.exec(full); m; m = re.exec(full)) {
      this.starts.push(lineStart);
      this.ends.push(m.index);
      lineStart = m.index + m[0].length;
    }
    this.starts.push(lineStart);
    this.ends.push(full.length);
  }
  private clampLine(line: number): number {
    return Math.min(Math.max(line, 1), this.starts.length) - 1;
  }
  text(line: number): string {
    const i = this.clampLine(line);
    return this.full.slice(this.starts[i], this.ends[i]);
  }
  end(line: number): number {
    return this.ends[this.clampLine(line)]!;
  }
  /** JS offset of a 1-based code-point column, clamped to the line's end (just before its newline). */
  offset(line: number, col: number): number {
    const i = this.clampLine(line);
    if (line > this.starts.length) return this.full.length; // "unexpected EOF" past the last line
    let off = this.starts[i]!;
    const end = this.ends[i]!;
    for (let k = 1; k < col && off < end; k++) off += this.full.codePointAt(off)! > 0xffff ? 2 : 1;
    return Math.min(off, end);
  }
  /** the line without its leading indentation: used when CPython's column cannot be trusted */
  wholeLine(line: number): Span {
    const i = this.clampLine(line);
    const t = this.text(line);
    const indent = t.length - t.trimStart().length;
    return { start: this.starts[i]! + indent, end: this.ends[i]! };
  }
}

interface RunResult { stdout: string; stderr: string; failure?: string }

function runPython(exe: string, input: Buffer): Promise<RunResult> {
  return new Promise((resolve) => {
    // -I: isolated mode, so user site-packages and PYTHON* variables cannot change the verdict;
    // -S: no `site` (the script needs only the stdlib; its .pth processing was ~15 % of the
    // interpreter's start, on the way to the first gcc)
    const child = spawn(exe, ["-I", "-S", "-c", CHECK_SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "", stderr = "", settled = false;
    const finish = (r: RunResult) => { if (!settled) { settled = true; resolve(r); } };
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", (e) => finish({ stdout, stderr, failure: e.message }));
    child.on("close", (status) => finish(status === 0 ? { stdout, stderr } : { stdout, stderr, failure: `exit status ${status}` }));
    child.stdin.on("error", () => undefined); // EPIPE if python died early; "close" reports it
    child.stdin.end(input);
  });
}

function diag(def: MessageDef, file: SourceFile | null, span: Span | null, ...args: string[]): Diagnostic {
  return { file, span, code: def.code, severity: def.severity, message: formatMessage(def, args) };
}
