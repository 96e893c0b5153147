/**
 * Diagnostics are data (cf. TypeScript's Diagnostic, esbuild's logger.Msg): every stage
 * appends to a `DiagnosticBag` and never throws for a user error. Compiler bugs throw
 * `InternalError`, which the driver reports separately as an internal compiler error.
 */
import type { Span } from "../syntax/ast.ts";
import type { SourceFile } from "../syntax/source.ts";

export type Severity = "error" | "warning" | "note";

export interface MessageDef {
  readonly code: number;
  readonly severity: Severity;
  /** text with {0}, {1}… placeholders */
  readonly text: string;
}

export interface Diagnostic {
  readonly file: SourceFile | null;
  readonly span: Span | null;
  readonly code: number;
  readonly severity: Severity;
  readonly message: string;
}

export function formatMessage(def: MessageDef, args: readonly string[]): string {
  return def.text.replace(/\{(\d+)\}/g, (_m, i: string) => args[Number(i)] ?? `{${i}}`);
}

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  report(def: MessageDef, file: SourceFile | null, span: Span | null, ...args: string[]): Diagnostic {
    const d: Diagnostic = { file, span, code: def.code, severity: def.severity, message: formatMessage(def, args) };
    this.items.push(d);
    return d;
  }
  hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
}

/** A bug in spyc itself, never a problem in the user's program. */
export class InternalError extends Error {
  constructor(message: string, readonly span: Span | null = null) {
    super(message);
    this.name = "InternalError";
  }
}
