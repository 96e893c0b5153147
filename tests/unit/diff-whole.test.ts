// The differential suite's `spec` programs once more with every specialized function emitted
// whole (SPYC_NO_SPLIT=1), so cgen's fallback layout — used when a function's shape cannot be
// split into hot and generic C functions (src/cgen/split.ts) — is exercised too. One Python
// version, checked mode, guards normal and forced to fail.
process.env["SPYC_NO_SPLIT"] = "1";
process.env["SPYC_DIFF_FILTER"] ??= "spec";
process.env["SPYC_DIFF_MODES"] ??= "checked";
process.env["SPYC_DIFF_VERSIONS"] ??= "3.11";
await import("./diff.test.ts");
