/**
 * Where spyc's own files are: the package root is the nearest directory above this module that
 * holds package.json, so the same code works run from src/ through tsx and compiled into
 * build/src/ (bin/build-js.mjs).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "specializer"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`spyc: cannot find its package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
