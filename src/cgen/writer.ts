/**
 * CWriter: an indent-aware line builder (cf. SPy's TextBuilder, mypyc's Emitter). Only cgen
 * produces C text, and only through this writer: `line()` indents, `open()`/`close()` manage
 * braces, `label()` prints goto labels one level out so they stand out in the output.
 */
export class CWriter {
  private readonly out: string[] = [];
  private depth = 0;

  line(text = ""): this {
    this.out.push(text === "" ? "" : "    ".repeat(this.depth) + text);
    return this;
  }
  open(text = ""): this { this.line(text ? text + " {" : "{"); this.depth++; return this; }
  close(suffix = ""): this { this.depth--; this.line("}" + suffix); return this; }
  label(name: string): this {
    this.out.push("    ".repeat(Math.max(0, this.depth - 1)) + name + ":;");
    return this;
  }
  toString(): string { return this.out.join("\n") + "\n"; }
}

/** A C string literal for arbitrary text (UTF-8 bytes escaped as octal, so any compiler accepts it). */
export function cString(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  let s = '"';
  let col = 0;
  for (const byte of bytes) {
    let piece: string;
    if (byte === 0x22) piece = '\\"';
    else if (byte === 0x5c) piece = "\\\\";
    else if (byte === 0x0a) piece = "\\n";
    else if (byte === 0x3f) piece = "?"; // trigraphs are off in gnu modes; keep `?` plain
    else if (byte >= 0x20 && byte < 0x7f) piece = String.fromCharCode(byte);
    else piece = "\\" + byte.toString(8).padStart(3, "0");
    s += piece;
    col += piece.length;
    // split long literals into adjacent pieces: readable output, no line-length trouble
    if (byte === 0x0a || col > 100) { s += '"\n    "'; col = 0; }
  }
  return s + '"';
}

/** A C comment body that cannot end the comment early. */
export function cComment(text: string): string {
  return text.replace(/\*\//g, "* /").replace(/[\r\n]+/g, " ");
}
