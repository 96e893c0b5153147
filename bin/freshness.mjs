// Is build/ (compiled JS) up to date with src/ (TypeScript)? A fingerprint of every source
// file's relative path, size and modification time: one stat per file (a few ms), no reads.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export function sourceFingerprint(srcDir) {
  const h = createHash("sha256");
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name), r = rel ? `${rel}/${name}` : name;
      const st = statSync(p);
      if (st.isDirectory()) walk(p, r);
      else if (name.endsWith(".ts")) h.update(`${r}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  walk(srcDir, "");
  return h.digest("hex");
}
