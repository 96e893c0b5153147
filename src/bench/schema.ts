/**
 * Validates a bench result against benchmarks/schema/bench-result.schema.json with ajv, before
 * it is written: a report that does not match its documented format is a bug in the runner.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { REPO_ROOT } from "../driver/buildCommand.ts";

export const SCHEMA_PATH = path.join(REPO_ROOT, "benchmarks/schema/bench-result.schema.json");

let validator: ReturnType<Ajv["compile"]> | null = null;

/** The schema errors as readable lines ("/programs/0/cells/generic/status: must be equal to one of …"); empty when valid. */
export function validateResult(value: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object);
  }
  if (validator(value)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message ?? "invalid"}`);
}
