#!/usr/bin/env node
// Entry point of the `spyc` command: runs the TypeScript CLI through tsx (Node 20 has no
// built-in TypeScript support), so no build step is needed after `npm ci`.
import { register } from "tsx/esm/api";
register();
await import("../src/cli.ts");
