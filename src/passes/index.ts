/**
 * The IR->IR passes, in order. Each takes a verified module and returns one; the pipeline runs
 * the verifier after every pass (when verifying) and `--dump=ir` shows the result of the last.
 */
import type * as IR from "../ir/types.ts";
import { closedSelfCalls } from "./closedSelfCalls.ts";
import { layoutGuards } from "./layoutGuards.ts";
import { boundFlags } from "./boundFlags.ts";
import { boundLocals } from "./boundLocals.ts";
import { handlerClears } from "./handlerClears.ts";

export interface Pass {
  readonly name: string;
  readonly run: (m: IR.ModuleIR) => IR.ModuleIR;
}

export const PASSES: readonly Pass[] = [
  { name: "bound-locals", run: boundLocals },
  { name: "bound-flags", run: boundFlags },
  { name: "layout-guards", run: layoutGuards },
  { name: "closed-self-calls", run: closedSelfCalls },
  { name: "handler-clears", run: handlerClears },
];
