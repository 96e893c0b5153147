/**
 * `spyc demo`: the README's first command. Runs examples/contracts_demo.py under plain CPython
 * with the spyc package on the path, so a newcomer sees the contracts accept good input and
 * reject bad input with the catalogue's messages. (The benchmark demo replaces it later.)
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "./buildCommand.ts";

export function runDemo(args: readonly string[]): number {
  const python = args[0] ?? "python3";
  const script = path.join(REPO_ROOT, "examples/contracts_demo.py");
  const env = { ...process.env, PYTHONPATH: [path.join(REPO_ROOT, "pydecorators"), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
  const r = spawnSync(python, [script], { stdio: "inherit", env });
  if (r.error) {
    process.stderr.write(`spyc demo: cannot run ${python}: ${r.error.message}\n`);
    return 1;
  }
  return r.status ?? 1;
}
