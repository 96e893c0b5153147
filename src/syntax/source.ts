/**
 * Source files and line maps. A `SourceFile` is immutable once read; `LineMap` turns the
 * JS-string offsets stored in spans into 1-based lines and 0-based columns, lazily, only when
 * a diagnostic is rendered or a line number is emitted into C.
 */
export type FileId = number & { readonly __brand: "FileId" };

export interface SourceFile {
  readonly id: FileId;
  /** path as the user gave it (used in diagnostics) */
  readonly path: string;
  /** absolute path (used in tracebacks of the compiled module) */
  readonly absPath: string;
  readonly text: string;
}

export class LineMap {
  private starts: number[] | null = null;
  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const s = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) s.push(i + 1);
    this.starts = s;
    return s;
  }

  /** 1-based line of a JS string offset */
  line(offset: number): number {
    const s = this.lineStarts();
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 0-based column (in JS string units) of an offset */
  col(offset: number): number {
    return offset - this.lineStarts()[this.line(offset) - 1]!;
  }

  /** text of a 1-based line, without its newline */
  lineText(line: number): string {
    const s = this.lineStarts();
    const start = s[line - 1] ?? this.text.length;
    const end = line < s.length ? s[line]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, "");
  }

  /** offset of a 1-based line and a 0-based column */
  offset(line: number, col: number): number {
    const s = this.lineStarts();
    return (s[Math.min(line, s.length) - 1] ?? 0) + col;
  }
}
