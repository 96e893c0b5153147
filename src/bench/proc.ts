/** Child processes for the bench runner: run to completion, capture output, optional stdout line callback. */
import { spawn } from "node:child_process";

export interface ProcResult {
  /** exit code; null when killed or not started */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** spawn error (ENOENT for a missing binary) or the timeout */
  readonly error: string | null;
  readonly seconds: number;
}

export interface ProcOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly onLine?: (line: string) => void;
}

export function runProc(cmd: string, args: readonly string[], o: ProcOptions = {}): Promise<ProcResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let stdout = "", stderr = "", pending = "", error: string | null = null;
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const timer = o.timeoutMs ? setTimeout(() => { error = `timed out after ${o.timeoutMs! / 1000} s`; child.kill("SIGKILL"); }, o.timeoutMs) : null;
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (!o.onLine) return;
      pending += d;
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const l of lines) o.onLine(l);
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => { stderr += d; });
    child.on("error", (e: NodeJS.ErrnoException) => { error = e.code === "ENOENT" ? `${cmd}: not found` : e.message; });
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      if (pending && o.onLine) o.onLine(pending);
      resolve({ code, stdout, stderr, error, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

/** The last lines of a failed command's output, as a one-paragraph reason. */
export function failureReason(r: ProcResult, maxLines = 8): string {
  if (r.error) return r.error;
  const text = (r.stderr.trim() || r.stdout.trim()).split("\n").filter((l) => l.trim()).slice(-maxLines).join("\n");
  return `exit status ${r.code}${text ? `: ${text}` : ""}`;
}
