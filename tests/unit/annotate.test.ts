// `spyc annotate` (src/annotate/): the report of tests/ecosystem/annotate/annot_example.py, with
// guard failure counts from a real SPYC_STATS run of its compiled build, checked structurally
// (line shading, reasons, IR and C per line, failure counts) and then in a real browser:
// headless Chromium (Debian's package; tests/ecosystem/ensure-chromium.sh installs it when
// missing) loads the page, its script fills the detail panel for the line in the URL, and a
// screenshot of plausible size is taken. Structure is compared, never pixels.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, PYDECORATORS, run, pythonEnv } from "../harness/diff.ts";

const CLI = path.join(REPO, "bin", "spyc.mjs");
const EXAMPLE = path.join(REPO, "tests", "ecosystem", "annotate", "annot_example.py");

interface Row { line: number; kind: string; title: string; fails: number }

function rows(html: string): Row[] {
  const out: Row[] = [];
  const re = /<tr id="L(\d+)" class="line (\w+)[^"]*" data-line="\d+"(?: title="([^"]*)")?>(.*?)<\/tr>/gs;
  for (const m of html.matchAll(re)) {
    const f = /<span class="fails"[^>]*>(\d+)<\/span>/.exec(m[4]!);
    out.push({ line: Number(m[1]), kind: m[2]!, title: (m[3] ?? "").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"), fails: f ? Number(f[1]) : 0 });
  }
  return out;
}

function pngSize(file: string): { w: number; h: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString("latin1"), "PNG", "a PNG file");
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

test("spyc annotate: report structure, stats, and the page in headless Chromium", async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "spyc-annotate-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = path.join(dir, "annot_example.py");
  copyFileSync(EXAMPLE, src);
  const source = readFileSync(src, "utf8").split("\n");
  const lineOf = (needle: string) => source.findIndex((l) => l.includes(needle)) + 1;

  // a real SPYC_STATS file: the compiled module, `scaled` overflowing int64 five times
  const out = path.join(dir, "out");
  let r = await run(process.execPath, [CLI, "build", "-q", "--checked-only", src, "-o", out], { env: { ...process.env, PYTHONPATH: PYDECORATORS } });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const stats = path.join(dir, "stats.json");
  r = await run("python3", ["-c", "import annot_example as m\nfor _ in range(5): m.scaled(2**40, 2**40)\nassert type(m.scaled).__name__ == 'spyc_function'"],
    { cwd: out, env: { ...pythonEnv(), PYTHONPATH: `${out}${path.delimiter}${PYDECORATORS}`, SPYC_STATS: stats } });
  assert.equal(r.code, 0, r.stderr);

  const report = path.join(dir, "report.html");
  r = await run(process.execPath, [CLI, "annotate", src, "-o", report, "--stats", stats, "--checked-only"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /wrote .*report\.html/);
  const html = readFileSync(report, "utf8");
  const rs = rows(html);
  const srcLines = source[source.length - 1] === "" ? source.length - 1 : source.length;
  assert.equal(rs.length, srcLines, "one row per source line");
  const row = (n: number) => rs[n - 1]!;

  // shading and reasons
  const loopBody = lineOf("s += i * i");
  assert.equal(row(loopBody).kind, "spec");
  assert.match(row(loopBody).title, /sum_squares: specialized/);
  assert.match(row(loopBody).title, /boxed when a guard fails: .*= box /, "boxed values on hover");
  assert.equal(row(lineOf("total += x")).kind, "spec");
  const strCall = lineOf("label = str(t)");
  assert.equal(row(strCall).kind, "generic");
  assert.match(row(strCall).title, /runs generically .*call/);
  assert.equal(row(lineOf('return f"sum of squares')).kind, "interp");
  assert.match(row(lineOf('return f"sum of squares')).title, /describe: interpreted — not @checked/);
  assert.equal(row(lineOf("SCALE = 3")).kind, "interp");
  assert.equal(row(lineOf("import")).kind, "interp");
  assert.equal(row(lineOf('"""Example')).kind, "interp");
  assert.equal(row(lineOf("if __name__")).kind, "interp");
  assert.equal(row(source.indexOf("") + 1).kind, "blank");

  // guard failures: exactly the overflowing multiply, 5 times
  const mul = lineOf("t = a * b");
  assert.deepEqual(rs.filter((x) => x.fails > 0).map((x) => [x.line, x.fails]), [[mul, 5]]);
  assert.match(row(mul).title, /int64 overflow in \* in scaled: 5 failures/);
  assert.match(html, /<b id="total-failures">5<\/b>/);

  // IR and C of a line, as the page's script shows them on click
  const data = JSON.parse(/<script id="spyc-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!) as Record<string, { ir: string; c: string }>;
  assert.match(data[String(loopBody)]!.ir, new RegExp(`# stmt@${loopBody}`));
  assert.match(data[String(loopBody)]!.c, new RegExp(`/\\* annot_example\\.py:${loopBody}: s \\+= i \\* i \\*/`));
  assert.equal(data[String(lineOf('return f"sum of squares'))]!.ir, "");

  // the page in a real browser
  const ensure = await run("bash", [path.join(REPO, "tests", "ecosystem", "ensure-chromium.sh")], { timeoutMs: 1_200_000 });
  if (ensure.code === 3) {
    t.skip(`headless browser check skipped: ${ensure.stderr.trim().split("\n").pop()}`);
    return;
  }
  assert.equal(ensure.code, 0, ensure.stderr);
  const chromium = ensure.stdout.trim().split("\n").pop()!;
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
    `--user-data-dir=${path.join(dir, "profile")}`];
  const url = `file://${report}#L${loopBody}`;
  const dom = await run(chromium, [...flags, "--virtual-time-budget=3000", "--dump-dom", url], { timeoutMs: 180_000 });
  assert.equal(dom.code, 0, dom.stderr);
  const drs = rows(dom.stdout);
  assert.equal(drs.length, rs.length, "the browser's DOM has every row");
  assert.deepEqual(drs.map((x) => x.kind), rs.map((x) => x.kind));
  assert.match(dom.stdout, new RegExp(`<tr id="L${loopBody}" class="line spec has-code selected"`), "the script selected the line in the URL");
  assert.match(dom.stdout, new RegExp(`<h2 id="detail-title">Line ${loopBody}: specialized</h2>`));
  assert.match(dom.stdout, new RegExp(`<pre id="detail-ir">[^<]*# stmt@${loopBody}`));
  assert.match(dom.stdout, new RegExp(`<pre id="detail-c">[^<]*annot_example\\.py:${loopBody}:`));

  const shot = path.join(dir, "annotate.png");
  const s = await run(chromium, [...flags, "--window-size=1280,900", `--screenshot=${shot}`, url], { timeoutMs: 180_000 });
  assert.equal(s.code, 0, s.stderr);
  assert.ok(existsSync(shot) && statSync(shot).size > 10_000, "a non-trivial screenshot");
  assert.deepEqual(pngSize(shot), { w: 1280, h: 900 });
  if (process.env["SPYC_ANNOTATE_SHOT"]) copyFileSync(shot, process.env["SPYC_ANNOTATE_SHOT"]); // docs/annotate.png
});
